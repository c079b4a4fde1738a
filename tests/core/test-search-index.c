/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "caredesk-test-search-index"

#include "config.h"

#include <gio/gio.h>
#include <string.h>

#include "cd-schema.h"
#include "cd-search.h"
#include "cd-store.h"
#include "cd-store-private.h"
#include "cd-test-util.h"

/* The search index of a file that already held records when it got one
 * (they are indexed afterwards, in the background), and the index against
 * the records after several processes wrote and indexed at once. */

#define N_OLD 300
#define N_WRITERS 3
#define N_ROUNDS 40

typedef struct {
  char *dir;
  char *path;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->dir = cd_test_make_tmp_dir ();
  f->path = g_build_filename (f->dir, "team.caredesk", NULL);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  cd_test_remove_tree (f->dir);
  g_clear_pointer (&f->path, g_free);
  g_clear_pointer (&f->dir, g_free);
}

/* A file of schema 2, from before the search index, with @n records of
 * every kind in it, written without Caredesk. */
static void
make_old_file (const char *path,
               guint       n)
{
  sqlite3 *raw = cd_test_db_open (path, FALSE);
  g_autoptr(GString) sql = g_string_new ("BEGIN;");

  for (guint v = 1; v <= 2; v++)
    cd_test_db_exec (raw, cd_schema_get_migration (v));
  g_string_append (sql, "INSERT INTO staff (login, display_name, role, created_at, updated_at)"
                        " VALUES ('admin', 'Admin', 'admin', 1, 1);");
  for (guint i = 1; i <= n; i++)
    {
      g_string_append_printf (sql,
                              "INSERT INTO customers (name, phone, email, created_at, updated_at)"
                              " VALUES ('老客户%u Old García', '1390000%04u', 'old%u@163.com', 1, 1);"
                              "INSERT INTO tickets (customer_id, subject, description, created_at, updated_at)"
                              " VALUES (%u, '旧工单 %u 退款', 'Old refund case %u, 快递员上门取件', 1, 1);"
                              "INSERT INTO ticket_events (ticket_id, kind, body, created_at)"
                              " VALUES (%u, 'note_public', '旧备注 old note %u', 1);"
                              "INSERT INTO ticket_events (ticket_id, kind, old_value, new_value, created_at)"
                              " VALUES (%u, 'status', 'new', 'open', 1);"
                              "INSERT INTO complaints (customer_id, summary, details, created_at, updated_at)"
                              " VALUES (%u, '旧投诉 %u', 'old complaint', 1, 1);"
                              "INSERT INTO followups (complaint_id, due_at, assignee_id, notes, created_at, updated_at)"
                              " VALUES (%u, 1, 1, '旧回访 old call', 1, 1);",
                              i, i, i, i, i, i, i, i, i, i, i, i);
    }
  g_string_append (sql, "INSERT INTO kb_articles (title, body, created_at, updated_at) VALUES ('旧文章 Old article', 'text', 1, 1);"
                        "PRAGMA user_version = 2; COMMIT;");
  cd_test_db_exec (raw, sql->str);
  sqlite3_close (raw);
}

static CdStore *
open_store (const char *path)
{
  g_autoptr(GError) error = NULL;
  CdStore *store = cd_store_open (path, CD_STORE_OPEN_NO_WATCH, &error);

  g_assert_no_error (error);
  g_assert_true (cd_store_sign_in (store, "admin", NULL, &error));
  g_assert_no_error (error);
  return store;
}

static guint
count_found (CdStore      *store,
             const char   *text,
             CdSearchKind  kind)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CdSearchQuery) query = cd_search_query_new (text);
  g_autoptr(CdSearchResults) results = cd_search_run (store, query, CD_SEARCH_KIND_BIT (kind), 5, &error);
  CdSearchGroup *group;

  g_assert_no_error (error);
  group = cd_search_results_get_group (results, kind);
  return group != NULL ? group->count : 0;
}

static void
assert_consistent (CdStore *store)
{
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (cd_search_index_check (store, &error), ==, 0);
  g_assert_no_error (error);
}

/* /core/search-index/backlog ---------------------------------------------- */

static void
test_backlog (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(CdStore) store = NULL;
  g_autoptr(GError) error = NULL;
  double progress = 1.0, last_progress = 0.0;
  gboolean done = FALSE;
  guint steps = 0;
  gint64 fresh;

  make_old_file (f->path, N_OLD);
  store = open_store (f->path);

  /* The upgrade made the index and left the old records waiting. */
  g_assert_false (cd_search_index_is_complete (store, &progress, &error));
  g_assert_no_error (error);
  g_assert_cmpfloat (progress, ==, 0.0);
  g_assert_cmpuint (count_found (store, "老客户", CD_SEARCH_CUSTOMERS), ==, 0);
  {
    g_autoptr(CdSearchQuery) query = cd_search_query_new ("garcia");
    g_autoptr(CdSearchResults) results = cd_search_run (store, query, CD_SEARCH_ALL_KINDS, 5, &error);

    g_assert_true (results->incomplete);
  }

  /* What is written meanwhile is found at once; an old record changed
   * meanwhile is left to the indexer, which indexes it as it is then. */
  {
    CdField fields[] = { { "name", "新客户 New García" } };
    CdField renamed = { "name", "改名客户 Renamed" };

    fresh = cd_store_insert (store, "customers", fields, 1, &error);
    g_assert_true (cd_store_update (store, "customers", 7, 0, &renamed, 1, &error));
    g_assert_true (cd_store_delete (store, "followups", 9, 0, &error));
    g_assert_no_error (error);
  }
  g_assert_cmpuint (count_found (store, "新客户", CD_SEARCH_CUSTOMERS), ==, 1);
  assert_consistent (store);

  /* In small steps, each its own transaction, the share done growing. */
  while (!done)
    {
      g_assert_true (cd_search_index_step (store, 97, &done, &error));
      g_assert_no_error (error);
      cd_search_index_is_complete (store, &progress, NULL);
      g_assert_cmpfloat (progress, >=, last_progress);
      last_progress = progress;
      steps++;
      assert_consistent (store);
    }
  g_assert_cmpuint (steps, >, 6);
  g_assert_true (cd_search_index_is_complete (store, &progress, NULL));
  g_assert_cmpfloat (progress, ==, 1.0);
  g_assert_cmpint (cd_store_query_int (store, "SELECT count(*) FROM search_backlog", CD_NO_BIND, -1, NULL), ==, 0);

  g_assert_cmpuint (count_found (store, "老客户", CD_SEARCH_CUSTOMERS), ==, N_OLD - 1);
  g_assert_cmpuint (count_found (store, "改名客户", CD_SEARCH_CUSTOMERS), ==, 1);
  g_assert_cmpuint (count_found (store, "garcia", CD_SEARCH_CUSTOMERS), ==, N_OLD);
  g_assert_cmpuint (count_found (store, "快递员", CD_SEARCH_TICKETS), ==, N_OLD);
  g_assert_cmpuint (count_found (store, "旧备注", CD_SEARCH_NOTES), ==, N_OLD);
  g_assert_cmpuint (count_found (store, "旧回访", CD_SEARCH_FOLLOWUPS), ==, N_OLD - 1);
  g_assert_cmpuint (count_found (store, "旧投诉", CD_SEARCH_COMPLAINTS), ==, N_OLD);
  g_assert_cmpuint (count_found (store, "旧文章", CD_SEARCH_ARTICLES), ==, 1);
  g_assert_cmpuint (count_found (store, "1390000", CD_SEARCH_CUSTOMERS), ==, N_OLD);
  g_assert_cmpint (fresh, >, 0);
}

/* /core/search-index/indexer ---------------------------------------------- */

static void
on_complete_cb (GObject    *indexer,
                GParamSpec *pspec,
                gpointer    user_data)
{
  g_main_loop_quit (user_data);
}

static void
on_progress_cb (GObject    *indexer,
                GParamSpec *pspec,
                gpointer    user_data)
{
  guint *n = user_data;

  (*n)++;
}

static gboolean
timeout_cb (gpointer user_data)
{
  g_error ("the indexer did not finish");
  return G_SOURCE_REMOVE;
}

static void
test_indexer (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(CdStore) store = NULL;
  g_autoptr(CdSearchIndexer) indexer = NULL;
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  guint progress_notes = 0, timeout;

  make_old_file (f->path, N_OLD);
  store = open_store (f->path);

  indexer = cd_search_indexer_start (store);
  g_assert_nonnull (indexer);
  g_assert_false (cd_search_indexer_is_complete (indexer));
  g_signal_connect (indexer, "notify::complete", G_CALLBACK (on_complete_cb), loop);
  g_signal_connect (indexer, "notify::progress", G_CALLBACK (on_progress_cb), &progress_notes);
  timeout = g_timeout_add_seconds (120, timeout_cb, NULL);
  g_main_loop_run (loop);
  g_source_remove (timeout);

  g_assert_true (cd_search_indexer_is_complete (indexer));
  g_assert_cmpfloat (cd_search_indexer_get_progress (indexer), ==, 1.0);
  g_assert_cmpuint (progress_notes, >, 0);
  g_assert_true (cd_search_index_is_complete (store, NULL, NULL));
  assert_consistent (store);
  g_assert_cmpuint (count_found (store, "garcia", CD_SEARCH_CUSTOMERS), ==, N_OLD);

  /* Nothing left: nothing to start. */
  {
    g_autoptr(CdSearchIndexer) none = cd_search_indexer_start (store);
    g_assert_null (none);
  }
}

/* /core/search-index/concurrent ------------------------------------------- */

typedef struct {
  GSubprocess      *proc;
  GDataInputStream *lines;
} Writer;

static void
start_writer (Writer     *w,
              const char *mode,
              const char *path,
              const char *count)
{
  g_autoptr(GSubprocessLauncher) launcher =
    g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDOUT_PIPE
                               | G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_autoptr(GError) error = NULL;
  g_autofree char *line = NULL;

  g_subprocess_launcher_unsetenv (launcher, "CAREDESK_FORCE_REMOTE");
  w->proc = g_subprocess_launcher_spawn (launcher, &error, cd_test_get_writer (), "--wait", mode, path, "admin",
                                         count, NULL);
  g_assert_no_error (error);
  w->lines = g_data_input_stream_new (g_subprocess_get_stdout_pipe (w->proc));
  g_filter_input_stream_set_close_base_stream (G_FILTER_INPUT_STREAM (w->lines), FALSE);
  line = g_data_input_stream_read_line_utf8 (w->lines, NULL, NULL, &error);
  g_assert_no_error (error);
  if (g_strcmp0 (line, "ready") != 0)
    {
      g_autofree char *err = NULL;

      g_subprocess_communicate_utf8 (w->proc, NULL, NULL, NULL, &err, NULL);
      g_error ("%s writer did not get ready (said \"%s\"): %s", mode, line ? line : "", err ? err : "");
    }
}

static void
release_writer (Writer *w)
{
  GOutputStream *in = g_subprocess_get_stdin_pipe (w->proc);
  g_autoptr(GError) error = NULL;

  g_output_stream_write_all (in, "go\n", 3, NULL, NULL, &error);
  g_assert_no_error (error);
  g_output_stream_flush (in, NULL, &error);
  g_assert_no_error (error);
}

static void
finish_writer (Writer *w)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  g_subprocess_communicate_utf8 (w->proc, NULL, NULL, &out, &err, &error);
  g_assert_no_error (error);
  if (!g_subprocess_get_if_exited (w->proc) || g_subprocess_get_exit_status (w->proc) != 0)
    g_error ("a writer failed: %s", err != NULL ? err : "");
  g_test_message ("writer said: %s", out);
  g_object_unref (w->lines);
  g_object_unref (w->proc);
}

static void
test_concurrent (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(CdStore) store = NULL;
  g_autoptr(CdSearchIndexer) indexer = NULL;
  Writer writers[N_WRITERS + 1];
  g_autofree char *rounds = g_strdup_printf ("%u", N_ROUNDS);
  gint64 renamed_in_file, customers_in_file;

  make_old_file (f->path, N_OLD);
  store = open_store (f->path);

  /* Three processes write, a fourth indexes the old records, and so does
   * this one, all at the same time. */
  for (guint i = 0; i < N_WRITERS; i++)
    start_writer (&writers[i], "search", f->path, rounds);
  start_writer (&writers[N_WRITERS], "index", f->path, "23");
  indexer = cd_search_indexer_start (store);
  for (guint i = 0; i <= N_WRITERS; i++)
    release_writer (&writers[i]);
  for (guint i = 0; i <= N_WRITERS; i++)
    finish_writer (&writers[i]);
  g_clear_object (&indexer);

  /* The index holds exactly what the records say. */
  g_assert_true (cd_search_index_is_complete (store, NULL, NULL));
  assert_consistent (store);

  customers_in_file = cd_store_query_int (store, "SELECT count(*) FROM customers WHERE name LIKE '%García%'",
                                          CD_NO_BIND, -1, NULL);
  renamed_in_file = cd_store_query_int (store, "SELECT count(*) FROM customers WHERE name LIKE '赵敏%'",
                                        CD_NO_BIND, -1, NULL);
  g_assert_cmpint (renamed_in_file, ==, N_WRITERS * ((N_ROUNDS + 2) / 3));
  g_assert_cmpuint (count_found (store, "赵敏", CD_SEARCH_CUSTOMERS), ==, (guint) renamed_in_file);
  g_assert_cmpuint (count_found (store, "garcia", CD_SEARCH_CUSTOMERS), ==, (guint) customers_in_file);
  g_assert_cmpuint (count_found (store, "临时", CD_SEARCH_CUSTOMERS), ==, 0);
  g_assert_cmpuint (count_found (store, "仍未到账", CD_SEARCH_TICKETS), ==, N_WRITERS * N_ROUNDS);
}

int
main (int    argc,
      char **argv)
{
  cd_test_init_writer (&argc, &argv);
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/core/search-index/backlog", Fixture, NULL, fixture_set_up, test_backlog, fixture_tear_down);
  g_test_add ("/core/search-index/indexer", Fixture, NULL, fixture_set_up, test_indexer, fixture_tear_down);
  g_test_add ("/core/search-index/concurrent", Fixture, NULL, fixture_set_up, test_concurrent, fixture_tear_down);

  return g_test_run ();
}
