/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "caredesk-test-store"

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <stdlib.h>
#include <unistd.h>
#include <utime.h>

#include "cd-audit.h"
#include "cd-schema.h"
#include "cd-staff.h"
#include "cd-store.h"
#include "cd-test-util.h"
#include "cd-store-private.h"

/* A fixed "now" keeps created_at/updated_at/audit times checkable. */
#define PINNED_NOW G_GINT64_CONSTANT (1700000000)

typedef struct {
  char *dir;
  char *path; /* dir/caredesk.db, not created by the fixture */
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->dir = cd_test_make_tmp_dir ();
  f->path = g_build_filename (f->dir, "caredesk.db", NULL);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  cd_test_remove_tree (f->dir);
  g_assert_false (g_file_test (f->dir, G_FILE_TEST_EXISTS));
  g_clear_pointer (&f->path, g_free);
  g_clear_pointer (&f->dir, g_free);
}

/* Helpers ---------------------------------------------------------------- */

static CdStore *
open_store (const char       *path,
            CdStoreOpenFlags  flags)
{
  g_autoptr(GError) error = NULL;
  CdStore *store = cd_store_open (path, flags, &error);

  g_assert_no_error (error);
  g_assert_true (CD_IS_STORE (store));
  return store;
}

/* A new database with "alice" signed in as its first admin. */
static CdStore *
open_signed_in (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CdStore) store = open_store (path, CD_STORE_OPEN_CREATE | CD_STORE_OPEN_NO_WATCH);

  g_assert_true (cd_store_sign_in (store, "alice", "Alice Admin", &error));
  g_assert_no_error (error);
  cd_store_set_now (store, PINNED_NOW);
  return g_steal_pointer (&store);
}

static gint64
insert_customer (CdStore    *store,
                 const char *name,
                 const char *tier)
{
  g_autoptr(GError) error = NULL;
  CdField fields[] = { { "name", name }, { "tier", tier } };
  gint64 id = cd_store_insert (store, "customers", fields, G_N_ELEMENTS (fields), &error);

  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  return id;
}

static gint64
store_int (CdStore    *store,
           const char *sql)
{
  return cd_test_db_int (cd_store_get_db (store), sql);
}

static char *
store_text (CdStore    *store,
            const char *sql)
{
  return cd_test_db_text (cd_store_get_db (store), sql);
}

static char *
customer_column (CdStore    *store,
                 gint64      id,
                 const char *column)
{
  g_autofree char *sql = g_strdup_printf ("SELECT %s FROM customers WHERE id = %" G_GINT64_FORMAT, column, id);
  return store_text (store, sql);
}

static void
assert_error_one_of (const GError *error,
                     int           code_a,
                     int           code_b)
{
  g_assert_nonnull (error);
  if (error->domain != CD_STORE_ERROR || (error->code != code_a && error->code != code_b))
    g_error ("expected CD_STORE_ERROR %d or %d, got %s %d: %s", code_a, code_b,
             g_quark_to_string (error->domain), error->code, error->message);
  g_assert_cmpstr (error->message, !=, "");
}

static gboolean
name_has_prefix_in_dir (const char *dir,
                        const char *prefix)
{
  g_auto(GStrv) names = cd_test_list_dir (dir);

  for (guint i = 0; names[i] != NULL; i++)
    if (g_str_has_prefix (names[i], prefix))
      return TRUE;
  return FALSE;
}

static char *
find_with_prefix (const char *dir,
                  const char *prefix)
{
  g_auto(GStrv) names = cd_test_list_dir (dir);

  for (guint i = 0; names[i] != NULL; i++)
    if (g_str_has_prefix (names[i], prefix))
      return g_build_filename (dir, names[i], NULL);
  return NULL;
}

static GBytes *
read_file (const char *path)
{
  g_autoptr(GError) error = NULL;
  char *contents = NULL;
  gsize length = 0;

  g_file_get_contents (path, &contents, &length, &error);
  g_assert_no_error (error);
  return g_bytes_new_take (contents, length);
}

static void
assert_file_unchanged (const char *path,
                       GBytes     *before)
{
  g_autoptr(GBytes) after = read_file (path);

  g_assert_cmpuint (g_bytes_get_size (after), ==, g_bytes_get_size (before));
  g_assert_true (g_bytes_equal (after, before));
}

/* The folder holds exactly @only, nothing beside it but the writers'
 * line of a file that was written to (cd-writer-queue.h): no journal,
 * no backup. */
static void
assert_dir_holds_only (const char *dir,
                       const char *only)
{
  g_auto(GStrv) names = cd_test_list_dir (dir);
  g_autofree char *joined = g_strjoinv (", ", names);
  g_autofree char *line = g_strconcat (only, "-writers", NULL);
  gboolean found = FALSE;

  for (guint i = 0; names[i] != NULL; i++)
    {
      if (g_str_equal (names[i], only))
        found = TRUE;
      else if (!g_str_equal (names[i], line))
        g_error ("expected only %s in %s, found: %s", only, dir, joined);
    }
  if (!found)
    g_error ("expected %s in %s, found: %s", only, dir, joined);
}

/* Tables and indexes the migrations define, from an in-memory copy. */
static sqlite3 *
reference_schema (void)
{
  sqlite3 *ref = NULL;

  g_assert_cmpint (sqlite3_open (":memory:", &ref), ==, SQLITE_OK);
  for (guint v = 1; v <= cd_schema_get_n_migrations (); v++)
    cd_test_db_exec (ref, cd_schema_get_migration (v));
  return ref;
}

static void
assert_schema_complete (sqlite3 *db)
{
  sqlite3 *ref = reference_schema ();
  sqlite3_stmt *stmt = NULL;
  guint n_tables = 0;

  g_assert_cmpint (sqlite3_prepare_v2 (ref,
                   "SELECT type, name, sql FROM sqlite_master"
                   " WHERE name NOT LIKE 'sqlite_%' ORDER BY name",
                   -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      const char *type = (const char *) sqlite3_column_text (stmt, 0);
      const char *name = (const char *) sqlite3_column_text (stmt, 1);
      const char *sql = (const char *) sqlite3_column_text (stmt, 2);
      char *query = sqlite3_mprintf ("SELECT sql FROM sqlite_master WHERE type = %Q AND name = %Q", type, name);
      g_autofree char *found = cd_test_db_text (db, query);

      sqlite3_free (query);
      if (found == NULL)
        g_error ("%s %s from cd-schema.c is missing", type, name);
      g_assert_cmpstr (found, ==, sql);
      if (g_str_equal (type, "table"))
        n_tables++;
    }
  sqlite3_finalize (stmt);
  sqlite3_close (ref);

  /* cd-schema.c defines 27 tables today; far fewer would mean the
   * reference copy itself went wrong. */
  g_assert_cmpuint (n_tables, >=, 27);
}

/* /core/store/create ----------------------------------------------------- */

static void
test_create (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(CdStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *journal = NULL;
  sqlite3 *db;
  CdField bad_ticket[] = { { "customer_id", "999" }, { "subject", "Nobody's ticket" } };

  g_assert_false (g_file_test (f->path, G_FILE_TEST_EXISTS));
  store = cd_store_open (f->path, CD_STORE_OPEN_CREATE | CD_STORE_OPEN_NO_WATCH, &error);
  g_assert_no_error (error);
  g_assert_nonnull (store);
  g_assert_true (g_file_test (f->path, G_FILE_TEST_IS_REGULAR));
  g_assert_cmpstr (cd_store_get_path (store), ==, f->path);
  g_assert_false (cd_store_is_read_only (store));

  db = cd_store_get_db (store);
  g_assert_nonnull (db);
  g_assert_cmpint (cd_test_db_int (db, "PRAGMA user_version"), ==, CD_SCHEMA_VERSION);
  g_assert_cmpint (cd_store_get_schema_version (store), ==, CD_SCHEMA_VERSION);
  g_assert_cmpint (cd_store_query_int (store, "PRAGMA user_version", CD_NO_BIND, -1, &error), ==, CD_SCHEMA_VERSION);
  g_assert_no_error (error);
  assert_schema_complete (db);

  g_assert_cmpint (cd_store_get_fs_kind (store), ==, CD_FS_LOCAL);
  g_assert_cmpstr (cd_store_get_journal_mode (store), ==, "wal");
  journal = cd_test_db_text (db, "PRAGMA journal_mode");
  g_assert_cmpstr (journal, ==, "wal");
  g_assert_cmpint (cd_test_db_int (db, "PRAGMA foreign_keys"), ==, 1);

  /* The main connection, which reads the lists' pages, keeps 8 MB of the
   * file's pages; a worker's connection keeps SQLite's default. */
  g_assert_cmpint (cd_test_db_int (db, "PRAGMA cache_size"), ==, -8192);
  {
    g_autoptr(CdStore) peer = cd_store_open_peer (store, &error);

    g_assert_no_error (error);
    g_assert_cmpint (cd_test_db_int (cd_store_get_db (peer), "PRAGMA cache_size"), ==, -2000);
  }

  /* Foreign keys are enforced, not just switched on. */
  g_assert_cmpint (cd_store_insert (store, "tickets", bad_ticket, G_N_ELEMENTS (bad_ticket), &error), <=, 0);
  g_assert_error (error, CD_STORE_ERROR, CD_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpint (cd_test_db_int (db, "SELECT count(*) FROM tickets"), ==, 0);

  /* Opening it again neither migrates nor backs up. */
  g_clear_object (&store);
  store = open_store (f->path, CD_STORE_OPEN_NO_WATCH);
  g_assert_cmpint (cd_store_get_schema_version (store), ==, CD_SCHEMA_VERSION);
  g_assert_cmpstr (cd_store_get_journal_mode (store), ==, "wal");
  g_assert_false (name_has_prefix_in_dir (f->dir, "caredesk.db.backup"));
}

/* /core/store/open-missing ----------------------------------------------- */

static void
test_open_missing (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *sub = g_build_filename (f->dir, "no-such-folder", NULL);
  g_autofree char *sub_path = g_build_filename (sub, "caredesk.db", NULL);
  g_auto(GStrv) names = NULL;
  CdStore *store;

  store = cd_store_open (f->path, CD_STORE_OPEN_DEFAULT | CD_STORE_OPEN_NO_WATCH, &error);
  g_assert_null (store);
  assert_error_one_of (error, CD_STORE_ERROR_NOT_FOUND, CD_STORE_ERROR_CANT_OPEN);
  g_clear_error (&error);

  store = cd_store_open (f->path, CD_STORE_OPEN_READ_ONLY | CD_STORE_OPEN_NO_WATCH, &error);
  g_assert_null (store);
  assert_error_one_of (error, CD_STORE_ERROR_NOT_FOUND, CD_STORE_ERROR_CANT_OPEN);
  g_clear_error (&error);

  /* CREATE makes the file, not the folders above it. */
  store = cd_store_open (sub_path, CD_STORE_OPEN_CREATE | CD_STORE_OPEN_NO_WATCH, &error);
  g_assert_null (store);
  assert_error_one_of (error, CD_STORE_ERROR_CANT_OPEN, CD_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  names = cd_test_list_dir (f->dir);
  g_assert_cmpuint (g_strv_length (names), ==, 0);
}

/* /core/store/migrate-from-empty ----------------------------------------- */

static void
test_migrate_from_empty (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *old_path = g_build_filename (f->dir, "old.db", NULL);
  g_autofree char *backup = NULL;
  g_autoptr(CdStore) store = NULL;
  sqlite3 *raw;

  /* A 0-byte file may be a team file a failed copy emptied: opening it
   * (even with CD_STORE_OPEN_CREATE, which creates missing files) says so
   * and writes nothing; read-only too. */
  g_file_set_contents (f->path, "", 0, &error);
  g_assert_no_error (error);
  {
    const CdStoreOpenFlags refused[] = {
      CD_STORE_OPEN_DEFAULT, CD_STORE_OPEN_CREATE, CD_STORE_OPEN_READ_ONLY,
      CD_STORE_OPEN_READ_ONLY | CD_STORE_OPEN_SET_UP_EMPTY,
    };

    for (guint i = 0; i < G_N_ELEMENTS (refused); i++)
      {
        g_autoptr(GError) local_error = NULL;
        g_autofree char *wal = g_strconcat (f->path, "-wal", NULL);
        g_autofree char *journal = g_strconcat (f->path, "-journal", NULL);
        GStatBuf st;

        store = cd_store_open (f->path, refused[i] | CD_STORE_OPEN_NO_WATCH, &local_error);
        g_assert_null (store);
        g_assert_error (local_error, CD_STORE_ERROR, CD_STORE_ERROR_EMPTY_FILE);
        g_assert_nonnull (strstr (local_error->message, "empty"));
        g_assert_nonnull (strstr (local_error->message, "backup"));
        g_assert_cmpint (g_stat (f->path, &st), ==, 0);
        g_assert_cmpint (st.st_size, ==, 0);
        g_assert_false (g_file_test (wal, G_FILE_TEST_EXISTS));
        g_assert_false (g_file_test (journal, G_FILE_TEST_EXISTS));
      }
  }
  /* Told to (by a person who knows it is meant to be new): set up. */
  store = open_store (f->path, CD_STORE_OPEN_NO_WATCH | CD_STORE_OPEN_SET_UP_EMPTY);
  g_assert_cmpint (cd_store_get_schema_version (store), ==, CD_SCHEMA_VERSION);
  g_assert_cmpint (store_int (store, "PRAGMA user_version"), ==, CD_SCHEMA_VERSION);
  assert_schema_complete (cd_store_get_db (store));
  insert_customer (store, "张伟", "core");
  g_assert_cmpint (store_int (store, "SELECT count(*) FROM customers"), ==, 1);
  g_clear_object (&store);

  /* A real SQLite file at user_version 0 without tables. */
  raw = cd_test_db_open (old_path, FALSE);
  cd_test_db_exec (raw, "CREATE TABLE scratch (x); DROP TABLE scratch; PRAGMA user_version = 0;");
  sqlite3_close (raw);
  g_assert_true (g_file_test (old_path, G_FILE_TEST_IS_REGULAR));
  g_assert_false (name_has_prefix_in_dir (f->dir, "old.db.backup"));

  store = open_store (old_path, CD_STORE_OPEN_NO_WATCH);
  g_assert_cmpint (cd_store_get_schema_version (store), ==, CD_SCHEMA_VERSION);
  g_assert_cmpint (store_int (store, "PRAGMA user_version"), ==, CD_SCHEMA_VERSION);
  assert_schema_complete (cd_store_get_db (store));
  g_clear_object (&store);

  /* The backup beside it is the file as it was before the migration. */
  backup = find_with_prefix (f->dir, "old.db.backup");
  g_assert_nonnull (backup);
  raw = cd_test_db_open (backup, TRUE);
  g_assert_cmpint (cd_test_db_int (raw, "PRAGMA user_version"), ==, 0);
  g_assert_cmpint (cd_test_db_int (raw, "SELECT count(*) FROM sqlite_master"), ==, 0);
  sqlite3_close (raw);
}

/* /core/store/migrate-from-1 --------------------------------------------- */

static void
count_upgrade (const char *path,
               gpointer    user_data)
{
  guint *n = user_data;

  g_assert_true (g_str_has_suffix (path, "caredesk.db"));
  (*n)++;
}

/* A file of the first release keeps its rows and gains the sort indexes
 * of the Tickets list. */
static void
test_migrate_from_1 (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(CdStore) store = NULL;
  sqlite3 *raw;

  raw = cd_test_db_open (f->path, FALSE);
  cd_test_db_exec (raw, cd_schema_get_migration (1));
  cd_test_db_exec (raw, "INSERT INTO customers (name, created_at, updated_at) VALUES ('Acme', 1, 1);"
                        "INSERT INTO tickets (customer_id, subject, priority, resolution_due, created_at, updated_at)"
                        " VALUES (1, 'Printer offline', 'urgent', 1000, 1, 1);"
                        "PRAGMA user_version = 1;");
  g_assert_cmpint (cd_test_db_int (raw, "SELECT count(*) FROM sqlite_master WHERE name IN ('tickets_priority_rank', 'tickets_due_done')"), ==, 0);
  sqlite3_close (raw);

  {
    g_autoptr(GError) error = NULL;
    guint n_upgrades = 0;

    store = cd_store_open_full (f->path, CD_STORE_OPEN_NO_WATCH, count_upgrade, &n_upgrades, &error);
    g_assert_no_error (error);
    g_assert_nonnull (store);
    /* Told once, before the work; the file is current afterwards, and
     * opening it again tells nothing. */
    g_assert_cmpuint (n_upgrades, ==, 1);
    {
      g_autoptr(CdStore) again = cd_store_open_full (f->path, CD_STORE_OPEN_NO_WATCH, count_upgrade,
                                                     &n_upgrades, &error);
      g_assert_no_error (error);
      g_assert_nonnull (again);
      g_assert_cmpuint (n_upgrades, ==, 1);
    }
  }
  g_assert_cmpint (CD_SCHEMA_VERSION, >=, 2);
  g_assert_cmpint (cd_store_get_schema_version (store), ==, CD_SCHEMA_VERSION);
  g_assert_cmpint (store_int (store, "PRAGMA user_version"), ==, CD_SCHEMA_VERSION);
  assert_schema_complete (cd_store_get_db (store));
  g_assert_cmpint (store_int (store, "SELECT count(*) FROM sqlite_master WHERE type = 'index'"
                                     " AND name IN ('tickets_priority_rank', 'tickets_due_done')"), ==, 2);
  g_assert_cmpint (store_int (store, "SELECT count(*) FROM tickets WHERE subject = 'Printer offline'"), ==, 1);
  {
    g_autofree char *check = store_text (store, "PRAGMA integrity_check");
    g_assert_cmpstr (check, ==, "ok");
  }
  /* A copy of the old file was kept. */
  g_assert_true (name_has_prefix_in_dir (f->dir, "caredesk.db.backup"));
}

/* /core/store/newer-schema ----------------------------------------------- */

static void
test_newer_schema (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GBytes) before = NULL;
  g_autofree char *sql = NULL;
  sqlite3 *raw;
  static const CdStoreOpenFlags flag_sets[] = {
    CD_STORE_OPEN_DEFAULT | CD_STORE_OPEN_NO_WATCH,
    CD_STORE_OPEN_CREATE | CD_STORE_OPEN_NO_WATCH,
    CD_STORE_OPEN_DEFAULT,
  };

  /* What a newer Caredesk would leave: today's schema plus more. */
  raw = cd_test_db_open (f->path, FALSE);
  for (guint v = 1; v <= cd_schema_get_n_migrations (); v++)
    cd_test_db_exec (raw, cd_schema_get_migration (v));
  cd_test_db_exec (raw, "CREATE TABLE from_the_future (id INTEGER PRIMARY KEY, what TEXT);"
                        "INSERT INTO from_the_future (what) VALUES ('keep me');");
  sql = g_strdup_printf ("PRAGMA user_version = %d", CD_SCHEMA_VERSION + 1);
  cd_test_db_exec (raw, sql);
  sqlite3_close (raw);
  before = read_file (f->path);

  for (guint i = 0; i < G_N_ELEMENTS (flag_sets); i++)
    {
      g_autoptr(GError) error = NULL;
      CdStore *store = cd_store_open (f->path, flag_sets[i], &error);

      g_assert_null (store);
      g_assert_error (error, CD_STORE_ERROR, CD_STORE_ERROR_NEWER_SCHEMA);
      g_assert_cmpstr (error->message, !=, "");
      assert_file_unchanged (f->path, before);
      assert_dir_holds_only (f->dir, "caredesk.db");
    }

  /* Read-only opening must leave it alone too, whatever it answers. */
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(CdStore) store = cd_store_open (f->path, CD_STORE_OPEN_READ_ONLY | CD_STORE_OPEN_NO_WATCH, &error);

    if (store == NULL)
      g_assert_error (error, CD_STORE_ERROR, CD_STORE_ERROR_NEWER_SCHEMA);
    g_clear_object (&store);
    assert_file_unchanged (f->path, before);
    assert_dir_holds_only (f->dir, "caredesk.db");
  }
}

/* /core/store/not-a-database --------------------------------------------- */

static void
test_not_a_database (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GString) csv = g_string_new ("name,phone,email\n");
  const char *shorts[] = { "hello\n", NULL };

  for (guint i = 0; i < 200; i++)
    g_string_append_printf (csv, "张伟 %u,138%08u,zhang%u@example.com\n", i, i, i);
  shorts[1] = csv->str;

  for (guint i = 0; i < G_N_ELEMENTS (shorts); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GBytes) before = NULL;
      CdStore *store;

      g_file_set_contents (f->path, shorts[i], -1, &error);
      g_assert_no_error (error);
      before = read_file (f->path);

      store = cd_store_open (f->path, CD_STORE_OPEN_DEFAULT | CD_STORE_OPEN_NO_WATCH, &error);
      g_assert_null (store);
      g_assert_error (error, CD_STORE_ERROR, CD_STORE_ERROR_NOT_DATABASE);
      assert_file_unchanged (f->path, before);
      assert_dir_holds_only (f->dir, "caredesk.db");
      g_clear_error (&error);

      /* CREATE is no licence to overwrite someone's file. */
      store = cd_store_open (f->path, CD_STORE_OPEN_CREATE | CD_STORE_OPEN_NO_WATCH, &error);
      g_assert_null (store);
      g_assert_error (error, CD_STORE_ERROR, CD_STORE_ERROR_NOT_DATABASE);
      assert_file_unchanged (f->path, before);
      assert_dir_holds_only (f->dir, "caredesk.db");
    }
}

/* Someone else's SQLite file (user_version 0, their own tables) is not a
 * Caredesk database either, and must come out of the attempt untouched. */
static void
test_foreign_database (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GBytes) before = NULL;
  sqlite3 *raw;
  static const CdStoreOpenFlags flag_sets[] = {
    CD_STORE_OPEN_DEFAULT | CD_STORE_OPEN_NO_WATCH,
    CD_STORE_OPEN_CREATE | CD_STORE_OPEN_NO_WATCH,
  };

  raw = cd_test_db_open (f->path, FALSE);
  cd_test_db_exec (raw, "CREATE TABLE recipes (id INTEGER PRIMARY KEY, title TEXT);"
                        "INSERT INTO recipes (title) VALUES ('Dumplings'), ('Noodles');");
  sqlite3_close (raw);
  before = read_file (f->path);

  for (guint i = 0; i < G_N_ELEMENTS (flag_sets); i++)
    {
      g_autoptr(GError) error = NULL;
      CdStore *store = cd_store_open (f->path, flag_sets[i], &error);

      g_assert_null (store);
      g_assert_error (error, CD_STORE_ERROR, CD_STORE_ERROR_NOT_DATABASE);
      assert_file_unchanged (f->path, before);
      assert_dir_holds_only (f->dir, "caredesk.db");
    }

  /* Read-only says the same, not "older Caredesk, needs an upgrade". */
  {
    g_autoptr(GError) error = NULL;
    CdStore *store = cd_store_open (f->path, CD_STORE_OPEN_READ_ONLY | CD_STORE_OPEN_NO_WATCH, &error);

    g_assert_null (store);
    g_assert_error (error, CD_STORE_ERROR, CD_STORE_ERROR_NOT_DATABASE);
    assert_file_unchanged (f->path, before);
  }
}

/* /core/store/corrupt ---------------------------------------------------- */

static void
test_corrupt (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CdStore) store = open_signed_in (f->path);
  g_autofree char *notes = g_strnfill (300, 'n');
  g_autofree char *wal = g_strconcat (f->path, "-wal", NULL);
  g_autoptr(GRand) rand = g_rand_new_with_seed (20240601);
  g_autoptr(GBytes) bytes = NULL;
  guchar *data_copy;
  gsize size, middle;

  g_assert_true (cd_store_begin (store, &error));
  for (guint i = 0; i < 400; i++)
    {
      g_autofree char *name = g_strdup_printf ("Customer %u", i);
      CdField fields[] = { { "name", name }, { "notes", notes } };

      g_assert_cmpint (cd_store_insert (store, "customers", fields, G_N_ELEMENTS (fields), &error), >, 0);
      g_assert_no_error (error);
    }
  g_assert_true (cd_store_commit (store, &error));
  g_assert_no_error (error);
  g_clear_object (&store);

  /* A clean close folds the WAL back into the file. */
  g_assert_false (g_file_test (wal, G_FILE_TEST_EXISTS));

  bytes = read_file (f->path);
  size = g_bytes_get_size (bytes);
  g_assert_cmpuint (size, >, 64 * 1024);
  data_copy = g_memdup2 (g_bytes_get_data (bytes, NULL), size);
  /* Page 2, and a page in the middle where the customers live. */
  middle = (size / 2) & ~(gsize) 4095;
  for (gsize i = 4096; i < 8192; i++)
    data_copy[i] = (guchar) g_rand_int_range (rand, 0, 256);
  for (gsize i = middle; i < middle + 4096; i++)
    data_copy[i] = (guchar) g_rand_int_range (rand, 0, 256);
  g_file_set_contents (f->path, (const char *) data_copy, (gssize) size, &error);
  g_assert_no_error (error);
  g_free (data_copy);

  store = cd_store_open (f->path, CD_STORE_OPEN_NO_WATCH, &error);
  if (store == NULL)
    {
      g_assert_error (error, CD_STORE_ERROR, CD_STORE_ERROR_CORRUPT);
      g_assert_cmpstr (error->message, !=, "");
    }
  else
    {
      /* Not caught at open: the first query over the damage must say so. */
      sqlite3_stmt *stmt;
      int rc;

      g_test_message ("the damage was not reported at open");
      stmt = cd_store_prepare (store, "SELECT count(*), sum(length(notes)) FROM customers", &error);
      g_assert_no_error (error);
      while ((rc = cd_store_step (store, stmt, &error)) == SQLITE_ROW)
        ;
      sqlite3_reset (stmt);
      g_assert_cmpint (rc, ==, -1);
      g_assert_error (error, CD_STORE_ERROR, CD_STORE_ERROR_CORRUPT);
    }
}

/* /core/store/read-only -------------------------------------------------- */

static void
test_read_only (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CdStore) store = open_signed_in (f->path);
  g_autofree char *old_path = g_build_filename (f->dir, "old.db", NULL);
  g_autoptr(GBytes) before = NULL;
  CdField fields[] = { { "name", "Should not be saved" } };
  CdField change[] = { { "name", "Changed" } };
  gint64 id, audit_rows;
  sqlite3 *raw;

  id = insert_customer (store, "Existing customer", "core");
  g_clear_object (&store);
  before = read_file (f->path);

  store = open_store (f->path, CD_STORE_OPEN_READ_ONLY | CD_STORE_OPEN_NO_WATCH);
  g_assert_true (cd_store_is_read_only (store));
  /* Read-only with locks (mode=ro), never lock-free, where the folder
   * allows it: others may be writing the file. */
  g_assert_false (cd_store_is_snapshot (store));
  g_assert_cmpint (cd_store_get_schema_version (store), ==, CD_SCHEMA_VERSION);
  g_assert_cmpint (store_int (store, "SELECT count(*) FROM customers"), ==, 1);
  audit_rows = store_int (store, "SELECT count(*) FROM audit_log");

  /* Viewing needs a signed-in person, and signing in must not write. */
  g_assert_true (cd_store_sign_in (store, "alice", NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (cd_store_get_role (store), ==, CD_ROLE_ADMIN);

  g_assert_cmpint (cd_store_insert (store, "customers", fields, G_N_ELEMENTS (fields), &error), <=, 0);
  g_assert_error (error, CD_STORE_ERROR, CD_STORE_ERROR_READ_ONLY);
  g_clear_error (&error);

  g_assert_false (cd_store_update (store, "customers", id, 1, change, G_N_ELEMENTS (change), &error));
  g_assert_error (error, CD_STORE_ERROR, CD_STORE_ERROR_READ_ONLY);
  g_clear_error (&error);

  g_assert_false (cd_store_delete (store, "customers", id, 1, &error));
  g_assert_error (error, CD_STORE_ERROR, CD_STORE_ERROR_READ_ONLY);
  g_clear_error (&error);

  g_assert_false (cd_store_audit (store, "customers", id, "export", NULL, NULL, NULL, &error));
  g_assert_error (error, CD_STORE_ERROR, CD_STORE_ERROR_READ_ONLY);
  g_clear_error (&error);

  g_assert_false (cd_store_in_transaction (store));
  g_assert_cmpint (store_int (store, "SELECT count(*) FROM customers"), ==, 1);
  g_assert_cmpint (store_int (store, "SELECT count(*) FROM audit_log"), ==, audit_rows);
  {
    g_autofree char *name = customer_column (store, id, "name");
    g_assert_cmpstr (name, ==, "Existing customer");
  }
  g_clear_object (&store);
  assert_file_unchanged (f->path, before);

  /* Read-only never migrates: an old file stays as it is, with no backup. */
  raw = cd_test_db_open (old_path, FALSE);
  cd_test_db_exec (raw, "CREATE TABLE scratch (x); DROP TABLE scratch;");
  sqlite3_close (raw);
  g_clear_pointer (&before, g_bytes_unref);
  before = read_file (old_path);
  store = cd_store_open (old_path, CD_STORE_OPEN_READ_ONLY | CD_STORE_OPEN_NO_WATCH, &error);
  if (store != NULL)
    g_assert_true (cd_store_is_read_only (store));
  g_clear_object (&store);
  g_clear_error (&error);
  assert_file_unchanged (old_path, before);
  g_assert_false (name_has_prefix_in_dir (f->dir, "old.db.backup"));
  g_assert_false (name_has_prefix_in_dir (f->dir, "old.db-wal"));
  g_assert_false (name_has_prefix_in_dir (f->dir, "old.db-journal"));
}

/* /core/store/read-only/permissions --------------------------------------- */

/* The writer prints CdStoreError and CdFsKind numbers. */
G_STATIC_ASSERT (CD_STORE_ERROR_READ_ONLY == 5 && CD_STORE_ERROR_CANT_OPEN == 2);
G_STATIC_ASSERT (CD_FS_REMOTE == 1);

static GHashTable *
parse_key_values (const char *text)
{
  GHashTable *table = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);

  for (guint i = 0; lines[i] != NULL; i++)
    {
      const char *eq = strchr (lines[i], '=');

      if (eq != NULL)
        g_hash_table_insert (table, g_strndup (lines[i], (gsize) (eq - lines[i])), g_strdup (eq + 1));
    }
  return table;
}

static void
test_read_only_permissions (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *shared = g_build_filename (f->dir, "shared", NULL);
  g_autofree char *path = g_build_filename (shared, "caredesk.db", NULL);
  g_autofree char *out = NULL, *err = NULL;
  g_autoptr(GSubprocess) proc = NULL;
  g_autoptr(GHashTable) result = NULL;
  g_autoptr(GBytes) before = NULL;
  g_autoptr(CdStore) store = NULL;
  gboolean root = geteuid () == 0;
  const char *open_result, *value;
  int status;

  g_assert_cmpint (g_mkdir (shared, 0755), ==, 0);
  store = open_signed_in (path);
  insert_customer (store, "Existing customer", "general");
  g_clear_object (&store);

  /* Someone else's shared file: readable, not writable, folder too. */
  g_assert_cmpint (g_chmod (f->dir, 0755), ==, 0);
  g_assert_cmpint (g_chmod (path, 0444), ==, 0);
  g_assert_cmpint (g_chmod (shared, 0555), ==, 0);
  before = read_file (path);

  /* Root ignores file modes, so the probe drops to "nobody" first. */
  if (root)
    proc = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE, &error,
                             cd_test_get_writer (), "--as-nobody", "probe", path, "alice", NULL);
  else
    proc = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE, &error,
                             cd_test_get_writer (), "probe", path, "alice", NULL);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (proc, NULL, NULL, &out, &err, &error);
  g_assert_no_error (error);
  status = g_subprocess_get_if_exited (proc) ? g_subprocess_get_exit_status (proc) : -1;
  g_test_message ("probe output:\n%s%s", out, err);

  if (root && status == 77)
    {
      g_test_skip ("running as root and cannot drop privileges: file modes are not enforced");
      return;
    }
  g_assert_cmpint (status, ==, 0);
  result = parse_key_values (out);

  /* Opening for writing either refuses with a clear code, or opens in
   * read-only mode; either way nothing is saved. */
  open_result = g_hash_table_lookup (result, "open");
  g_assert_nonnull (open_result);
  if (g_str_equal (open_result, "ok"))
    {
      value = g_hash_table_lookup (result, "insert");
      g_assert_cmpstr (value, ==, "error:5"); /* CD_STORE_ERROR_READ_ONLY */
      g_assert_cmpstr (g_hash_table_lookup (result, "read_only"), ==, "1");
    }
  else
    {
      g_assert_true (g_str_equal (open_result, "error:5")    /* READ_ONLY */
                     || g_str_equal (open_result, "error:2")); /* CANT_OPEN */
    }

  /* The way out: open it read-only and look at it. */
  g_assert_cmpstr (g_hash_table_lookup (result, "ro_open"), ==, "ok");
  g_assert_cmpstr (g_hash_table_lookup (result, "ro_read_only"), ==, "1");
  /* A WAL file nobody has open, in a folder the reader may not write:
   * SQLite cannot make its shared-memory file, so this is the one case
   * read as a lock-free snapshot (and the window says so). */
  g_assert_cmpstr (g_hash_table_lookup (result, "ro_snapshot"), ==, "1");
  g_assert_cmpstr (g_hash_table_lookup (result, "ro_count_query"), ==, "ok");
  g_assert_cmpstr (g_hash_table_lookup (result, "ro_count"), ==, "1");
  g_assert_cmpstr (g_hash_table_lookup (result, "ro_sign_in"), ==, "ok");
  g_assert_cmpstr (g_hash_table_lookup (result, "ro_insert"), ==, "error:5");

  assert_file_unchanged (path, before);
  assert_dir_holds_only (shared, "caredesk.db");
}

/* /core/store/stale-update ----------------------------------------------- */

static void
test_stale_update (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CdStore) store = open_signed_in (f->path);
  CdField first[] = { { "name", "First save" }, { "tier", "strategic" } };
  CdField second[] = { { "name", "Second save" } };
  CdField overwrite[] = { { "name", "Overwritten" } };
  g_autofree char *name = NULL, *tier = NULL;
  gint64 id;

  id = insert_customer (store, "Original", "general");
  g_assert_cmpint (cd_store_get_version (store, "customers", id, &error), ==, 1);
  g_assert_no_error (error);
  g_assert_cmpint (store_int (store, "SELECT created_at FROM customers"), ==, PINNED_NOW);
  g_assert_cmpint (store_int (store, "SELECT updated_at FROM customers"), ==, PINNED_NOW);

  cd_store_set_now (store, PINNED_NOW + 60);
  g_assert_true (cd_store_update (store, "customers", id, 1, first, G_N_ELEMENTS (first), &error));
  g_assert_no_error (error);
  g_assert_cmpint (cd_store_get_version (store, "customers", id, &error), ==, 2);
  g_assert_no_error (error);
  g_assert_cmpint (store_int (store, "SELECT updated_at FROM customers"), ==, PINNED_NOW + 60);
  g_assert_cmpint (store_int (store, "SELECT created_at FROM customers"), ==, PINNED_NOW);

  /* Someone who loaded version 1 saves late. */
  g_assert_false (cd_store_update (store, "customers", id, 1, second, G_N_ELEMENTS (second), &error));
  g_assert_error (error, CD_STORE_ERROR, CD_STORE_ERROR_STALE);
  g_assert_cmpstr (error->message, !=, "");
  g_clear_error (&error);
  g_assert_false (cd_store_in_transaction (store));
  name = customer_column (store, id, "name");
  tier = customer_column (store, id, "tier");
  g_assert_cmpstr (name, ==, "First save");
  g_assert_cmpstr (tier, ==, "strategic");
  g_assert_cmpint (cd_store_get_version (store, "customers", id, &error), ==, 2);
  g_assert_no_error (error);

  /* "Overwrite" in the conflict dialog. */
  g_assert_true (cd_store_update (store, "customers", id, 0, overwrite, G_N_ELEMENTS (overwrite), &error));
  g_assert_no_error (error);
  g_assert_cmpint (cd_store_get_version (store, "customers", id, &error), ==, 3);
  g_assert_no_error (error);
  g_clear_pointer (&name, g_free);
  name = customer_column (store, id, "name");
  g_assert_cmpstr (name, ==, "Overwritten");

  /* A record that is gone. */
  g_assert_false (cd_store_update (store, "customers", id + 1000, 1, second, G_N_ELEMENTS (second), &error));
  g_assert_error (error, CD_STORE_ERROR, CD_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_false (cd_store_update (store, "customers", id + 1000, 0, second, G_N_ELEMENTS (second), &error));
  g_assert_error (error, CD_STORE_ERROR, CD_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_cmpint (store_int (store, "SELECT count(*) FROM customers"), ==, 1);

  /* Deleting checks the version the same way. */
  g_assert_false (cd_store_delete (store, "customers", id, 2, &error));
  g_assert_error (error, CD_STORE_ERROR, CD_STORE_ERROR_STALE);
  g_clear_error (&error);
  g_assert_cmpint (store_int (store, "SELECT count(*) FROM customers"), ==, 1);
  g_assert_true (cd_store_delete (store, "customers", id, 3, &error));
  g_assert_no_error (error);
  g_assert_cmpint (store_int (store, "SELECT count(*) FROM customers"), ==, 0);
  g_assert_false (cd_store_delete (store, "customers", id, 0, &error));
  g_assert_error (error, CD_STORE_ERROR, CD_STORE_ERROR_NOT_FOUND);
}

/* /core/store/audit ------------------------------------------------------ */

static gint64
audit_count (CdStore    *store,
             gint64      id,
             const char *where)
{
  g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM audit_log WHERE entity = 'customers'"
                                          " AND entity_id = %" G_GINT64_FORMAT " AND (%s)", id, where);
  return store_int (store, sql);
}

static void
test_audit (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CdStore) store = open_signed_in (f->path);
  CdField rename[] = { { "name", "New name" }, { "tier", "core" } };
  CdField two[] = { { "name", "Third name" }, { "tier", "potential" }, { "phone", "13800000000" } };
  CdField in_txn[] = { { "name", "Never saved" } };
  CdField overwrite[] = { { "notes", "Overwritten" } };
  gint64 staff, id, before, after;
  g_autofree char *sql = NULL, *field = NULL, *old_value = NULL, *new_value = NULL;

  staff = cd_store_get_staff_id (store);
  g_assert_cmpint (staff, >, 0);

  id = insert_customer (store, "Old name", "core");
  g_assert_cmpint (audit_count (store, id, "1"), >=, 1);
  g_assert_cmpint (audit_count (store, id, "action = 'create'"), >=, 1);
  g_assert_cmpint (audit_count (store, id, "action <> 'create'"), ==, 0);
  sql = g_strdup_printf ("staff_id = %" G_GINT64_FORMAT " AND at = %" G_GINT64_FORMAT, staff, PINNED_NOW);
  g_assert_cmpint (audit_count (store, id, sql), ==, audit_count (store, id, "1"));

  /* One row per changed field; tier stays "core" and is not logged. */
  before = audit_count (store, id, "1");
  cd_store_set_now (store, PINNED_NOW + 10);
  g_assert_true (cd_store_update (store, "customers", id, 1, rename, G_N_ELEMENTS (rename), &error));
  g_assert_no_error (error);
  after = audit_count (store, id, "1");
  g_assert_cmpint (after - before, ==, 1);
  g_clear_pointer (&sql, g_free);
  sql = g_strdup_printf ("SELECT field FROM audit_log WHERE entity_id = %" G_GINT64_FORMAT " ORDER BY id DESC LIMIT 1", id);
  field = store_text (store, sql);
  g_assert_cmpstr (field, ==, "name");
  g_clear_pointer (&sql, g_free);
  sql = g_strdup_printf ("SELECT old_value FROM audit_log WHERE entity_id = %" G_GINT64_FORMAT " ORDER BY id DESC LIMIT 1", id);
  old_value = store_text (store, sql);
  g_assert_cmpstr (old_value, ==, "Old name");
  g_clear_pointer (&sql, g_free);
  sql = g_strdup_printf ("SELECT new_value FROM audit_log WHERE entity_id = %" G_GINT64_FORMAT " ORDER BY id DESC LIMIT 1", id);
  new_value = store_text (store, sql);
  g_assert_cmpstr (new_value, ==, "New name");
  g_clear_pointer (&sql, g_free);
  sql = g_strdup_printf ("SELECT staff_id FROM audit_log WHERE entity_id = %" G_GINT64_FORMAT " ORDER BY id DESC LIMIT 1", id);
  g_assert_cmpint (store_int (store, sql), ==, staff);
  g_clear_pointer (&sql, g_free);
  sql = g_strdup_printf ("SELECT at FROM audit_log WHERE entity_id = %" G_GINT64_FORMAT " ORDER BY id DESC LIMIT 1", id);
  g_assert_cmpint (store_int (store, sql), ==, PINNED_NOW + 10);
  g_assert_cmpint (audit_count (store, id, "action IN ('create', 'delete')"), ==, before);

  /* Three fields given, all three changed: three rows, old → new each. */
  g_assert_true (cd_store_update (store, "customers", id, 2, two, G_N_ELEMENTS (two), &error));
  g_assert_no_error (error);
  g_assert_cmpint (audit_count (store, id, "1") - after, ==, 3);
  g_assert_cmpint (audit_count (store, id, "field = 'name' AND old_value = 'New name' AND new_value = 'Third name'"), ==, 1);
  g_assert_cmpint (audit_count (store, id, "field = 'tier' AND old_value = 'core' AND new_value = 'potential'"), ==, 1);
  g_assert_cmpint (audit_count (store, id, "field = 'phone' AND old_value IS NULL AND new_value = '13800000000'"), ==, 1);

  /* A rolled-back change takes its audit rows with it. */
  before = store_int (store, "SELECT count(*) FROM audit_log");
  g_assert_true (cd_store_begin (store, &error));
  g_assert_no_error (error);
  g_assert_true (cd_store_update (store, "customers", id, 3, in_txn, G_N_ELEMENTS (in_txn), &error));
  g_assert_no_error (error);
  g_assert_cmpint (store_int (store, "SELECT count(*) FROM audit_log"), ==, before + 1);
  cd_store_rollback (store);
  g_assert_false (cd_store_in_transaction (store));
  g_assert_cmpint (store_int (store, "SELECT count(*) FROM audit_log"), ==, before);
  g_clear_pointer (&new_value, g_free);
  new_value = customer_column (store, id, "name");
  g_assert_cmpstr (new_value, ==, "Third name");
  g_assert_cmpint (cd_store_get_version (store, "customers", id, &error), ==, 3);
  g_assert_no_error (error);

  /* A deliberate overwrite is audited like any change. */
  g_assert_true (cd_store_update (store, "customers", id, 0, overwrite, G_N_ELEMENTS (overwrite), &error));
  g_assert_no_error (error);
  g_assert_cmpint (audit_count (store, id, "field = 'notes' AND old_value IS NULL AND new_value = 'Overwritten'"), ==, 1);

  /* An explicit audit row, e.g. for an export. */
  g_assert_true (cd_store_audit (store, "customers", id, "export", NULL, NULL, "customers.csv", &error));
  g_assert_no_error (error);
  g_clear_pointer (&sql, g_free);
  sql = g_strdup_printf ("action = 'export' AND new_value = 'customers.csv' AND staff_id = %" G_GINT64_FORMAT, staff);
  g_assert_cmpint (audit_count (store, id, sql), ==, 1);

  /* Deleting leaves 'delete' rows behind with what was deleted, field
   * by field, so the record can be read (and put back) from the log. */
  {
    g_autofree char *name = customer_column (store, id, "name");
    g_autofree char *tier = customer_column (store, id, "tier");

    g_assert_true (cd_store_delete (store, "customers", id, 4, &error));
    g_assert_no_error (error);
    g_clear_pointer (&sql, g_free);
    sql = g_strdup_printf ("action = 'delete' AND staff_id = %" G_GINT64_FORMAT " AND field = 'name' AND old_value = '%s'"
                           " AND new_value IS NULL", staff, name);
    g_assert_cmpint (audit_count (store, id, sql), ==, 1);
    g_clear_pointer (&sql, g_free);
    sql = g_strdup_printf ("action = 'delete' AND field = 'tier' AND old_value = '%s'", tier);
    g_assert_cmpint (audit_count (store, id, sql), ==, 1);
  }
  g_assert_cmpint (store_int (store, "SELECT count(*) FROM customers"), ==, 0);

  /* The log itself is append-only: no update or delete reaches it. */
  {
    gint64 audit_id = store_int (store, "SELECT max(id) FROM audit_log");
    gint64 rows = store_int (store, "SELECT count(*) FROM audit_log");
    CdField forged[] = { { "new_value", "forged" } };

    g_assert_false (cd_store_update (store, "audit_log", audit_id, 0, forged, G_N_ELEMENTS (forged), &error));
    g_assert_error (error, CD_STORE_ERROR, CD_STORE_ERROR_PERMISSION);
    g_clear_error (&error);
    g_assert_false (cd_store_delete (store, "audit_log", audit_id, 0, &error));
    g_assert_error (error, CD_STORE_ERROR, CD_STORE_ERROR_PERMISSION);
    g_clear_error (&error);
    g_assert_cmpint (store_int (store, "SELECT count(*) FROM audit_log"), ==, rows);
  }
}

/* /core/store/invalid-value ---------------------------------------------- */

static void
test_invalid_value (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CdStore) store = open_signed_in (f->path);
  CdField platinum[] = { { "name", "Shiny" }, { "tier", "platinum" } };
  CdField unknown[] = { { "name", "Shoes" }, { "shoe_size", "42" } };
  CdField injected[] = { { "name) VALUES ('x'); DROP TABLE customers; --", "x" } };
  CdField blank[] = { { "name", "   " } };
  CdField no_name[] = { { "tier", "core" } };
  CdField bad_update[] = { { "name", "Renamed" }, { "tier", "platinum" } };
  gint64 audit_rows, id;
  g_autofree char *lower = NULL, *name = NULL;

  audit_rows = store_int (store, "SELECT count(*) FROM audit_log");

  g_assert_cmpint (cd_store_insert (store, "customers", platinum, G_N_ELEMENTS (platinum), &error), <=, 0);
  g_assert_error (error, CD_STORE_ERROR, CD_STORE_ERROR_INVALID);
  /* "The message says which" field is wrong. */
  lower = g_utf8_strdown (error->message, -1);
  g_test_message ("bad tier: %s", error->message);
  g_assert_nonnull (strstr (lower, "tier"));
  g_clear_error (&error);
  g_assert_false (cd_store_in_transaction (store));

  g_assert_cmpint (cd_store_insert (store, "customers", unknown, G_N_ELEMENTS (unknown), &error), <=, 0);
  assert_error_one_of (error, CD_STORE_ERROR_INVALID, CD_STORE_ERROR_FAILED);
  g_clear_error (&error);

  g_assert_cmpint (cd_store_insert (store, "customers", injected, G_N_ELEMENTS (injected), &error), <=, 0);
  assert_error_one_of (error, CD_STORE_ERROR_INVALID, CD_STORE_ERROR_FAILED);
  g_clear_error (&error);

  g_assert_cmpint (cd_store_insert (store, "no_such_table", blank, G_N_ELEMENTS (blank), &error), <=, 0);
  assert_error_one_of (error, CD_STORE_ERROR_INVALID, CD_STORE_ERROR_FAILED);
  g_clear_error (&error);

  g_assert_cmpint (cd_store_insert (store, "customers", blank, G_N_ELEMENTS (blank), &error), <=, 0);
  g_assert_error (error, CD_STORE_ERROR, CD_STORE_ERROR_INVALID);
  /* Plain words that name the field, no SQL. */
  g_test_message ("blank name: %s", error->message);
  g_assert_nonnull (strstr (error->message, "name"));
  g_assert_null (strstr (error->message, "trim("));
  g_clear_error (&error);

  g_assert_cmpint (cd_store_insert (store, "customers", no_name, G_N_ELEMENTS (no_name), &error), <=, 0);
  g_assert_error (error, CD_STORE_ERROR, CD_STORE_ERROR_INVALID);
  g_clear_error (&error);

  g_assert_false (cd_store_in_transaction (store));
  g_assert_cmpint (store_int (store, "SELECT count(*) FROM sqlite_master WHERE name = 'customers'"), ==, 1);
  g_assert_cmpint (store_int (store, "SELECT count(*) FROM customers"), ==, 0);
  g_assert_cmpint (store_int (store, "SELECT count(*) FROM audit_log"), ==, audit_rows);

  /* A bad update leaves the record, its version and the log alone. */
  id = insert_customer (store, "Valid", "general");
  audit_rows = store_int (store, "SELECT count(*) FROM audit_log");
  g_assert_false (cd_store_update (store, "customers", id, 1, bad_update, G_N_ELEMENTS (bad_update), &error));
  g_assert_error (error, CD_STORE_ERROR, CD_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (cd_store_update (store, "customers", id, 1, unknown, G_N_ELEMENTS (unknown), &error));
  assert_error_one_of (error, CD_STORE_ERROR_INVALID, CD_STORE_ERROR_FAILED);
  g_clear_error (&error);
  name = customer_column (store, id, "name");
  g_assert_cmpstr (name, ==, "Valid");
  g_assert_cmpint (cd_store_get_version (store, "customers", id, &error), ==, 1);
  g_assert_no_error (error);
  g_assert_cmpint (store_int (store, "SELECT count(*) FROM audit_log"), ==, audit_rows);
  g_assert_false (cd_store_in_transaction (store));
}

/* /core/store/text-roundtrip --------------------------------------------- */

static char *
long_text (guint n_chars)
{
  static const char *const pieces[] = { "张", "伟", "😀", "👍🏽", "a", "'", "\"", ";", " ", "\n", "é", "\\", "%", "_" };
  GString *s = g_string_new (NULL);

  for (guint i = 0; i < n_chars; i++)
    {
      /* 👍🏽 is two code points; count code points, not pieces. */
      const char *piece = pieces[(i * 7 + i / 13) % G_N_ELEMENTS (pieces)];
      if (g_utf8_strlen (piece, -1) > 1 && i + 2 > n_chars)
        piece = "x";
      g_string_append (s, piece);
      i += (guint) g_utf8_strlen (piece, -1) - 1;
    }
  return g_string_free (s, FALSE);
}

static void
assert_customer_text (CdStore    *store,
                      gint64      id,
                      const char *column,
                      const char *expected)
{
  g_autofree char *value = customer_column (store, id, column);
  g_autofree char *sql = g_strdup_printf ("SELECT length(%s) FROM customers WHERE id = %" G_GINT64_FORMAT, column, id);

  g_assert_nonnull (value);
  g_assert_cmpuint (strlen (value), ==, strlen (expected));
  g_assert_cmpstr (value, ==, expected);
  g_assert_cmpint (store_int (store, sql), ==, g_utf8_strlen (expected, -1));
}

static void
test_text_roundtrip (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CdStore) store = open_signed_in (f->path);
  g_autofree char *big = long_text (100000);
  g_autofree char *big2 = long_text (100001);
  const char *names[] = {
    "张伟",
    "客户 😀👍🏽 «Zoë»",
    "O'Brien \"the quoted\"",
    "a; b;; DROP TABLE customers; --",
    "'); DELETE FROM staff; --",
    "%_\\ tab\tand\nnew line",
  };
  gint64 id, version = 1;
  g_autofree char *sql = NULL, *typeof_value = NULL;

  g_assert_true (g_utf8_validate (big, -1, NULL));
  g_assert_cmpint (g_utf8_strlen (big, -1), ==, 100000);
  g_assert_cmpint (g_utf8_strlen (big2, -1), ==, 100001);

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      CdField fields[] = { { "name", names[i] }, { "notes", big }, { "tags", names[(i + 1) % G_N_ELEMENTS (names)] } };

      id = cd_store_insert (store, "customers", fields, G_N_ELEMENTS (fields), &error);
      g_assert_no_error (error);
      g_assert_cmpint (id, >, 0);
      assert_customer_text (store, id, "name", names[i]);
      assert_customer_text (store, id, "notes", big);
      assert_customer_text (store, id, "tags", names[(i + 1) % G_N_ELEMENTS (names)]);
    }
  g_assert_cmpint (store_int (store, "SELECT count(*) FROM customers"), ==, G_N_ELEMENTS (names));
  g_assert_cmpint (store_int (store, "SELECT count(*) FROM staff"), ==, 1);

  /* Update the last one through every value, then back to the big one. */
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      CdField fields[] = { { "name", names[i] }, { "notes", i % 2 ? big2 : names[i] } };

      g_assert_true (cd_store_update (store, "customers", id, version, fields, G_N_ELEMENTS (fields), &error));
      g_assert_no_error (error);
      version++;
      assert_customer_text (store, id, "name", names[i]);
      assert_customer_text (store, id, "notes", i % 2 ? big2 : names[i]);
    }

  /* The audit log keeps the exact text as well. */
  sql = g_strdup_printf ("SELECT new_value FROM audit_log WHERE entity = 'customers' AND entity_id = %"
                         G_GINT64_FORMAT " AND field = 'notes' ORDER BY id DESC LIMIT 1", id);
  {
    g_autofree char *logged = store_text (store, sql);
    g_assert_cmpstr (logged, ==, big2);
  }

  /* NULL is SQL NULL; numbers take the column's affinity. */
  {
    CdField fields[] = { { "notes", NULL }, { "last_contact_at", "1700000123" } };

    g_assert_true (cd_store_update (store, "customers", id, version, fields, G_N_ELEMENTS (fields), &error));
    g_assert_no_error (error);
  }
  g_clear_pointer (&sql, g_free);
  sql = g_strdup_printf ("SELECT notes IS NULL FROM customers WHERE id = %" G_GINT64_FORMAT, id);
  g_assert_cmpint (store_int (store, sql), ==, 1);
  g_clear_pointer (&sql, g_free);
  sql = g_strdup_printf ("SELECT typeof(last_contact_at) FROM customers WHERE id = %" G_GINT64_FORMAT, id);
  typeof_value = store_text (store, sql);
  g_assert_cmpstr (typeof_value, ==, "integer");
  g_clear_pointer (&sql, g_free);
  sql = g_strdup_printf ("SELECT last_contact_at FROM customers WHERE id = %" G_GINT64_FORMAT, id);
  g_assert_cmpint (store_int (store, sql), ==, 1700000123);

  /* And everything is still there after closing and reopening. */
  g_clear_object (&store);
  store = open_store (f->path, CD_STORE_OPEN_NO_WATCH);
  assert_customer_text (store, 1, "name", names[0]);
  assert_customer_text (store, 1, "notes", big);
  assert_customer_text (store, id, "name", names[G_N_ELEMENTS (names) - 1]);
}

/* /core/store/sign-in ---------------------------------------------------- */

static void
test_sign_in (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CdStore) admin = open_store (f->path, CD_STORE_OPEN_CREATE | CD_STORE_OPEN_NO_WATCH);
  g_autoptr(CdStore) other = NULL;
  g_autofree char *second = g_build_filename (f->dir, "second.db", NULL);
  g_autofree char *role = NULL;
  CdField carol[] = { { "login", "carol" }, { "display_name", "Carol Gone" }, { "role", "rep" }, { "active", "0" } };
  CdField dave[] = { { "login", "dave" }, { "display_name", "Dave Rep" }, { "role", "rep" } };
  CdField eve[] = { { "login", "eve" }, { "display_name", "Eve Lead" }, { "role", "lead" } };

  g_assert_cmpint (cd_store_get_staff_id (admin), ==, 0);
  g_assert_false (cd_store_require_role (admin, CD_ROLE_BIT (CD_ROLE_REP) | CD_ROLE_BIT (CD_ROLE_ADMIN), &error));
  g_assert_nonnull (error);
  g_assert_true (error->domain == CD_STORE_ERROR);
  g_clear_error (&error);

  /* The first person on a fresh file becomes its admin. */
  g_assert_true (cd_store_sign_in (admin, "alice", "Alice Admin", &error));
  g_assert_no_error (error);
  g_assert_cmpint (cd_store_get_staff_id (admin), >, 0);
  g_assert_cmpint (cd_store_get_role (admin), ==, CD_ROLE_ADMIN);
  g_assert_cmpstr (cd_store_get_display_name (admin), ==, "Alice Admin");
  g_assert_cmpstr (cd_store_get_login (admin), ==, "alice");
  g_assert_cmpint (store_int (admin, "SELECT count(*) FROM staff"), ==, 1);
  role = store_text (admin, "SELECT role FROM staff WHERE login = 'alice' AND active = 1");
  g_assert_cmpstr (role, ==, "admin");
  g_assert_true (cd_store_require_role (admin, CD_ROLE_BIT (CD_ROLE_ADMIN), &error));
  g_assert_no_error (error);

  /* Signing in again (another desktop of hers) finds the same person. */
  other = open_store (f->path, CD_STORE_OPEN_NO_WATCH);
  g_assert_true (cd_store_sign_in (other, "alice", NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (cd_store_get_staff_id (other), ==, cd_store_get_staff_id (admin));
  g_assert_cmpint (cd_store_get_role (other), ==, CD_ROLE_ADMIN);
  g_assert_cmpstr (cd_store_get_display_name (other), ==, "Alice Admin");
  g_assert_cmpint (store_int (admin, "SELECT count(*) FROM staff"), ==, 1);
  g_clear_object (&other);

  /* Someone the file does not know: told whom to ask, not added. */
  other = open_store (f->path, CD_STORE_OPEN_NO_WATCH);
  g_assert_false (cd_store_sign_in (other, "bob", "Bob", &error));
  g_assert_error (error, CD_STORE_ERROR, CD_STORE_ERROR_UNKNOWN_USER);
  g_test_message ("unknown user: %s", error->message);
  g_assert_true (strstr (error->message, "Alice Admin") != NULL || strstr (error->message, "alice") != NULL);
  g_clear_error (&error);
  g_assert_cmpint (cd_store_get_staff_id (other), ==, 0);
  g_assert_cmpint (store_int (admin, "SELECT count(*) FROM staff"), ==, 1);
  g_clear_object (&other);

  g_assert_cmpint (cd_store_insert (admin, "staff", carol, G_N_ELEMENTS (carol), &error), >, 0);
  g_assert_no_error (error);
  g_assert_cmpint (cd_store_insert (admin, "staff", dave, G_N_ELEMENTS (dave), &error), >, 0);
  g_assert_no_error (error);
  g_assert_cmpint (cd_store_insert (admin, "staff", eve, G_N_ELEMENTS (eve), &error), >, 0);
  g_assert_no_error (error);

  /* Someone who left. */
  other = open_store (f->path, CD_STORE_OPEN_NO_WATCH);
  g_assert_false (cd_store_sign_in (other, "carol", NULL, &error));
  g_assert_error (error, CD_STORE_ERROR, CD_STORE_ERROR_UNKNOWN_USER);
  g_assert_true (strstr (error->message, "Alice Admin") != NULL || strstr (error->message, "alice") != NULL);
  g_clear_error (&error);
  g_assert_cmpint (cd_store_get_staff_id (other), ==, 0);
  g_clear_object (&other);

  /* A rep: roles gate what they may do. */
  other = open_store (f->path, CD_STORE_OPEN_NO_WATCH);
  g_assert_true (cd_store_sign_in (other, "dave", NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (cd_store_get_role (other), ==, CD_ROLE_REP);
  g_assert_cmpstr (cd_store_get_display_name (other), ==, "Dave Rep");
  g_assert_cmpstr (cd_store_get_login (other), ==, "dave");
  g_assert_false (cd_store_require_role (other, CD_ROLE_BIT (CD_ROLE_LEAD) | CD_ROLE_BIT (CD_ROLE_ADMIN), &error));
  g_assert_error (error, CD_STORE_ERROR, CD_STORE_ERROR_PERMISSION);
  g_assert_cmpstr (error->message, !=, "");
  g_clear_error (&error);
  g_assert_true (cd_store_require_role (other, CD_ROLE_BIT (CD_ROLE_REP) | CD_ROLE_BIT (CD_ROLE_LEAD), &error));
  g_assert_no_error (error);
  g_clear_object (&other);

  other = open_store (f->path, CD_STORE_OPEN_NO_WATCH);
  g_assert_true (cd_store_sign_in (other, "eve", NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (cd_store_get_role (other), ==, CD_ROLE_LEAD);
  g_assert_true (cd_store_require_role (other, CD_ROLE_BIT (CD_ROLE_LEAD), &error));
  g_assert_no_error (error);
  g_assert_false (cd_store_require_role (other, CD_ROLE_BIT (CD_ROLE_TRAINER), &error));
  g_assert_error (error, CD_STORE_ERROR, CD_STORE_ERROR_PERMISSION);
  g_clear_error (&error);
  g_clear_object (&other);

  /* Without a display name the login stands in. */
  other = open_store (second, CD_STORE_OPEN_CREATE | CD_STORE_OPEN_NO_WATCH);
  g_assert_true (cd_store_sign_in (other, "zed", NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (cd_store_get_role (other), ==, CD_ROLE_ADMIN);
  g_assert_cmpstr (cd_store_get_display_name (other), ==, "zed");
}

/* /core/store/data-version ----------------------------------------------- */

typedef struct {
  GMainLoop *loop;
  guint      n_external;
  guint      n_local;
  gint64     external_at;
  gboolean   quit_on_local;
} Watch;

/* Counts changes of customers by where they come from. */
static void
on_customers_changed (CdStore  *store,
                      CdChange *change,
                      Watch    *w)
{
  if (cd_change_get_origin (change) == CD_CHANGE_EXTERNAL)
    {
      w->n_external++;
      w->external_at = g_get_monotonic_time ();
      if (w->loop != NULL && !w->quit_on_local)
        g_main_loop_quit (w->loop);
    }
  else
    {
      w->n_local++;
      if (w->loop != NULL && w->quit_on_local)
        g_main_loop_quit (w->loop);
    }
}

static gboolean
on_guard_timeout (gpointer user_data)
{
  g_main_loop_quit (user_data);
  return G_SOURCE_REMOVE;
}

/* Runs the loop until a handler quits it or @timeout_ms passes. */
static void
run_loop (Watch *w,
          guint  timeout_ms)
{
  g_autoptr(GSource) guard = g_timeout_source_new (timeout_ms);

  g_source_set_callback (guard, on_guard_timeout, w->loop, NULL);
  g_source_attach (guard, g_main_loop_get_context (w->loop));
  g_main_loop_run (w->loop);
  g_source_destroy (guard);
}

static GSubprocess *
spawn_writer_insert (const char *path,
                     guint       count)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *count_text = g_strdup_printf ("%u", count);
  GSubprocess *proc = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error, cd_test_get_writer (),
                                        "insert", path, "alice", count_text, NULL);

  g_assert_no_error (error);
  return proc;
}

/* Waits for the writer to succeed; returns when (monotonic time, shared by
 * all processes) it committed its last insert. */
static gint64
finish_writer (GSubprocess *proc)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  const char *at;

  g_subprocess_communicate_utf8 (proc, NULL, NULL, &out, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_successful (proc));
  at = strstr (out, "committed_at=");
  g_assert_nonnull (at);
  return g_ascii_strtoll (at + strlen ("committed_at="), NULL, 10);
}

static void
test_data_version (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CdStore) store = NULL;
  g_autoptr(GSubprocess) proc = NULL;
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  Watch w = { loop, 0, 0, 0, FALSE };
  gint64 started, committed;

  store = open_signed_in (f->path);
  g_clear_object (&store);

  store = open_store (f->path, CD_STORE_OPEN_DEFAULT);
  g_assert_true (cd_store_sign_in (store, "alice", NULL, &error));
  g_assert_no_error (error);
  g_signal_connect (store, "changed::customers", G_CALLBACK (on_customers_changed), &w);

  /* Nothing has happened yet. */
  g_assert_false (cd_store_check_external_changes (store));
  g_assert_cmpuint (w.n_external, ==, 0);

  /* (a) Another process commits: noticed within two seconds. */
  started = g_get_monotonic_time ();
  proc = spawn_writer_insert (f->path, 1);
  run_loop (&w, 5000);
  committed = finish_writer (proc);
  g_clear_object (&proc);
  g_assert_cmpuint (w.n_external, >=, 1);
  g_test_message ("external change noticed %" G_GINT64_FORMAT " ms after the commit, %"
                  G_GINT64_FORMAT " ms after starting the writer",
                  (w.external_at - committed) / 1000, (w.external_at - started) / 1000);
  g_assert_cmpint (w.external_at, >=, committed);
  g_assert_cmpint (w.external_at - committed, <, 2 * G_USEC_PER_SEC);
  g_assert_cmpuint (w.n_local, ==, 0);
  g_assert_cmpint (store_int (store, "SELECT count(*) FROM customers"), ==, 1);

  /* Let a poll that may still be due for that commit run out. */
  cd_store_check_external_changes (store);
  w.n_external = 0;

  /* (b) Our own commit is local, never external. */
  w.quit_on_local = TRUE;
  insert_customer (store, "Mine", "core");
  if (w.n_local == 0)
    run_loop (&w, 5000);
  g_assert_cmpuint (w.n_local, ==, 1);
  g_assert_false (cd_store_check_external_changes (store));
  g_assert_cmpuint (w.n_external, ==, 0);

  /* The poller agrees over a full interval. */
  w.quit_on_local = TRUE; /* only the guard ends this run */
  run_loop (&w, 1500);
  g_assert_cmpuint (w.n_external, ==, 0);
  g_assert_cmpuint (w.n_local, ==, 1);

  /* A transaction of ours with several writes is one local change. */
  g_assert_true (cd_store_begin (store, &error));
  insert_customer (store, "Mine 2", "core");
  insert_customer (store, "Mine 3", "core");
  g_assert_true (cd_store_commit (store, &error));
  g_assert_no_error (error);
  if (w.n_local == 1)
    run_loop (&w, 5000);
  g_assert_cmpuint (w.n_local, ==, 2);
  g_assert_false (cd_store_check_external_changes (store));
  g_assert_cmpuint (w.n_external, ==, 0);

  /* (c) A direct poll after another process committed says TRUE, once. */
  proc = spawn_writer_insert (f->path, 2);
  finish_writer (proc);
  g_assert_true (cd_store_check_external_changes (store));
  g_assert_cmpuint (w.n_external, ==, 1);
  g_assert_false (cd_store_check_external_changes (store));
  g_assert_cmpuint (w.n_external, ==, 1);
  g_assert_cmpint (store_int (store, "SELECT count(*) FROM customers"), ==, 6);
  g_assert_cmpuint (w.n_local, ==, 2);
}

/* Another process inserts a customer; runs @context until the store
 * tells (@w's handler quits the loop) or 5 s pass. Returns the writer's
 * commit time. */
static gint64
await_external_change (Fixture      *f,
                       GMainContext *context,
                       Watch        *w)
{
  g_autoptr(GSubprocess) proc = NULL;
  g_autoptr(GSource) guard = g_timeout_source_new (5000);

  g_source_set_callback (guard, on_guard_timeout, w->loop, NULL);
  g_source_attach (guard, context);
  proc = spawn_writer_insert (f->path, 1);
  g_main_loop_run (w->loop);
  g_source_destroy (guard);
  return finish_writer (proc);
}

/* Others' changes are told on the main context the store was opened
 * on: here a private one, pushed as thread-default, as a worker would. */
static void
test_data_version_context (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(CdStore) store = NULL;
  g_autoptr(GMainContext) context = g_main_context_new ();
  g_autoptr(GMainLoop) loop = g_main_loop_new (context, FALSE);
  Watch w = { loop, 0, 0, 0, FALSE };
  gint64 committed;

  store = open_signed_in (f->path);
  g_clear_object (&store);

  g_main_context_push_thread_default (context);
  store = open_store (f->path, CD_STORE_OPEN_DEFAULT);
  g_signal_connect (store, "changed::customers", G_CALLBACK (on_customers_changed), &w);
  committed = await_external_change (f, context, &w);

  g_assert_cmpuint (w.n_external, >=, 1);
  g_assert_cmpint (w.external_at - committed, <, 2 * G_USEC_PER_SEC);

  g_clear_object (&store);
  g_main_context_pop_thread_default (context);
}

/* A store opened without a watch (on a worker, say) starts polling where
 * cd_store_watch() is called: here a private context, as the thread the
 * store is handed to. */
static void
test_watch_later (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(CdStore) store = NULL;
  g_autoptr(GMainContext) context = g_main_context_new ();
  g_autoptr(GMainLoop) loop = g_main_loop_new (context, FALSE);
  Watch w = { loop, 0, 0, 0, FALSE };

  store = open_signed_in (f->path);
  g_clear_object (&store);
  store = open_store (f->path, CD_STORE_OPEN_NO_WATCH);
  g_signal_connect (store, "changed::customers", G_CALLBACK (on_customers_changed), &w);

  g_main_context_push_thread_default (context);
  cd_store_watch (store);
  cd_store_watch (store);
  await_external_change (f, context, &w);

  g_assert_cmpuint (w.n_external, >=, 1);
  g_clear_object (&store);
  g_main_context_pop_thread_default (context);
}

/* /core/store/backup ----------------------------------------------------- */

static char *
customer_names (sqlite3 *db)
{
  g_autoptr(GString) s = g_string_new (NULL);
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT id, name, tier, version FROM customers ORDER BY id", -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_string_append_printf (s, "%lld|%s|%s|%lld\n", (long long) sqlite3_column_int64 (stmt, 0),
                            sqlite3_column_text (stmt, 1), sqlite3_column_text (stmt, 2),
                            (long long) sqlite3_column_int64 (stmt, 3));
  sqlite3_finalize (stmt);
  return g_string_free (g_steal_pointer (&s), FALSE);
}

static void
test_backup (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CdStore) store = open_signed_in (f->path);
  g_autoptr(CdStore) copy = NULL;
  g_autofree char *dest = g_build_filename (f->dir, "copy.db", NULL);
  g_autofree char *nowhere = g_build_filename (f->dir, "missing-folder", "copy.db", NULL);
  g_autofree char *auto_path = NULL, *auto_dir = NULL, *auto_base = NULL;
  g_autofree char *expected = NULL, *got = NULL, *integrity = NULL;
  CdField rename[] = { { "name", "李娜 (renamed)" } };
  sqlite3 *raw;
  gint64 id;

  insert_customer (store, "张伟", "strategic");
  id = insert_customer (store, "李娜", "core");
  insert_customer (store, "O'Neil", "general");
  g_assert_true (cd_store_update (store, "customers", id, 1, rename, 1, &error));
  g_assert_no_error (error);
  expected = customer_names (cd_store_get_db (store));
  g_assert_cmpstr (expected, !=, "");

  g_assert_true (cd_store_backup_to (store, dest, &error));
  g_assert_no_error (error);
  raw = cd_test_db_open (dest, TRUE);
  integrity = cd_test_db_text (raw, "PRAGMA integrity_check");
  g_assert_cmpstr (integrity, ==, "ok");
  got = customer_names (raw);
  g_assert_cmpstr (got, ==, expected);
  g_assert_cmpint (cd_test_db_int (raw, "PRAGMA user_version"), ==, CD_SCHEMA_VERSION);
  sqlite3_close (raw);

  /* The copy is a Caredesk file in its own right. */
  copy = open_store (dest, CD_STORE_OPEN_NO_WATCH);
  g_assert_cmpint (cd_store_get_schema_version (copy), ==, CD_SCHEMA_VERSION);
  g_clear_pointer (&got, g_free);
  got = customer_names (cd_store_get_db (copy));
  g_assert_cmpstr (got, ==, expected);
  g_assert_cmpint (store_int (copy, "SELECT count(*) FROM audit_log"), ==,
                   store_int (store, "SELECT count(*) FROM audit_log"));
  g_clear_object (&copy);

  /* The original keeps working after a backup. */
  insert_customer (store, "After backup", "core");

  auto_path = cd_store_backup (store, &error);
  g_assert_no_error (error);
  g_assert_nonnull (auto_path);
  g_assert_true (g_path_is_absolute (auto_path));
  g_assert_true (g_file_test (auto_path, G_FILE_TEST_IS_REGULAR));
  auto_dir = g_path_get_dirname (auto_path);
  auto_base = g_path_get_basename (auto_path);
  g_assert_cmpstr (auto_dir, ==, f->dir);
  g_assert_true (g_str_has_prefix (auto_base, "caredesk.db"));
  g_assert_cmpstr (auto_path, !=, f->path);
  raw = cd_test_db_open (auto_path, TRUE);
  g_assert_cmpint (cd_test_db_int (raw, "SELECT count(*) FROM customers"), ==, 4);
  g_assert_cmpint (cd_test_db_int (raw, "SELECT count(*) FROM customers WHERE name = 'After backup'"), ==, 1);
  sqlite3_close (raw);

  /* A destination that cannot be written is an error, not a crash. */
  g_assert_false (cd_store_backup_to (store, nowhere, &error));
  g_assert_nonnull (error);
  g_assert_true (error->domain == CD_STORE_ERROR);
  g_assert_false (g_file_test (nowhere, G_FILE_TEST_EXISTS));
}

/* /core/store/nested-transactions ---------------------------------------- */

static void
test_nested_transactions (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CdStore) store = open_signed_in (f->path);
  sqlite3 *other;

  other = cd_test_db_open (f->path, TRUE);

  /* begin / begin / commit / commit: one commit, at the outermost. */
  g_assert_true (cd_store_begin (store, &error));
  g_assert_no_error (error);
  g_assert_true (cd_store_in_transaction (store));
  g_assert_true (cd_store_begin (store, &error));
  g_assert_no_error (error);
  insert_customer (store, "Nested", "core");
  g_assert_true (cd_store_commit (store, &error));
  g_assert_no_error (error);
  g_assert_true (cd_store_in_transaction (store));
  g_assert_cmpint (cd_test_db_int (other, "SELECT count(*) FROM customers"), ==, 0);
  insert_customer (store, "Outer", "core");
  g_assert_true (cd_store_commit (store, &error));
  g_assert_no_error (error);
  g_assert_false (cd_store_in_transaction (store));
  g_assert_cmpint (cd_test_db_int (other, "SELECT count(*) FROM customers"), ==, 2);

  /* begin / begin / rollback / rollback: everything goes. */
  g_assert_true (cd_store_begin (store, &error));
  g_assert_true (cd_store_begin (store, &error));
  g_assert_no_error (error);
  insert_customer (store, "Rolled back inner", "core");
  cd_store_rollback (store);
  cd_store_rollback (store);
  g_assert_false (cd_store_in_transaction (store));
  g_assert_cmpint (store_int (store, "SELECT count(*) FROM customers"), ==, 2);
  g_assert_cmpint (cd_test_db_int (other, "SELECT count(*) FROM customers"), ==, 2);

  /* An insert inside a transaction does not commit on its own. */
  g_assert_true (cd_store_begin (store, &error));
  insert_customer (store, "Pending", "core");
  g_assert_cmpint (store_int (store, "SELECT count(*) FROM customers"), ==, 3);
  g_assert_cmpint (cd_test_db_int (other, "SELECT count(*) FROM customers"), ==, 2);
  cd_store_rollback (store);
  g_assert_cmpint (store_int (store, "SELECT count(*) FROM customers"), ==, 2);

  /* The store is usable after all of this. */
  insert_customer (store, "Afterwards", "core");
  g_assert_cmpint (cd_test_db_int (other, "SELECT count(*) FROM customers"), ==, 3);
  g_assert_false (cd_store_in_transaction (store));

  sqlite3_close (other);
}

/* A nested part fails and rolls back; its caller goes on writing before
 * it ends the outer transaction. Everything since the outer begin must be
 * gone, and nothing may be written behind the caller's back meanwhile. */
static void
test_nested_inner_rollback (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CdStore) store = open_signed_in (f->path);
  CdField later[] = { { "name", "Written after the inner rollback" } };
  gint64 customers, audit_rows, id;
  sqlite3 *other;

  insert_customer (store, "Before", "core");
  other = cd_test_db_open (f->path, TRUE);
  customers = cd_test_db_int (other, "SELECT count(*) FROM customers");
  audit_rows = cd_test_db_int (other, "SELECT count(*) FROM audit_log");

  g_assert_true (cd_store_begin (store, &error));
  g_assert_true (cd_store_begin (store, &error));
  g_assert_no_error (error);
  insert_customer (store, "Inner", "core");
  cd_store_rollback (store);
  g_assert_true (cd_store_in_transaction (store));

  /* The caller does not know yet and writes on. Failing is fine; being
   * saved on its own, outside the transaction, is not. */
  id = cd_store_insert (store, "customers", later, G_N_ELEMENTS (later), &error);
  g_test_message ("insert after inner rollback: id %" G_GINT64_FORMAT ", %s",
                  id, error ? error->message : "no error");
  g_clear_error (&error);
  g_assert_cmpint (cd_test_db_int (other, "SELECT count(*) FROM customers"), ==, customers);
  g_assert_cmpint (cd_test_db_int (other, "SELECT count(*) FROM audit_log"), ==, audit_rows);

  /* The outer end cannot commit a transaction that lost a part. */
  g_assert_false (cd_store_commit (store, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  g_assert_false (cd_store_in_transaction (store));
  g_assert_cmpint (cd_test_db_int (other, "SELECT count(*) FROM customers"), ==, customers);
  g_assert_cmpint (cd_test_db_int (other, "SELECT count(*) FROM audit_log"), ==, audit_rows);
  g_assert_cmpint (cd_test_db_int (other, "SELECT count(*) FROM customers WHERE name = 'Written after the inner rollback'"), ==, 0);

  /* And the store is fine afterwards. */
  insert_customer (store, "After", "core");
  g_assert_cmpint (cd_test_db_int (other, "SELECT count(*) FROM customers"), ==, customers + 1);
  sqlite3_close (other);
}

/* /core/store/disk-full ------------------------------------------------- */

/* A database that may not grow (max_page_count) fails the way a full disk
 * does: SQLITE_FULL. The write must fail with DISK_FULL and leave neither
 * the row nor its audit rows behind. */
static void
test_disk_full (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CdStore) store = open_signed_in (f->path);
  g_autofree char *big = g_strnfill (200000, 'x');
  g_autofree char *limit = NULL;
  CdField fields[] = { { "name", "Too big to fit" }, { "notes", big } };
  gint64 customers, audit_rows, pages, id;

  insert_customer (store, "Fits", "core");
  customers = cd_store_query_int (store, "SELECT count(*) FROM customers", CD_NO_BIND, -1, NULL);
  audit_rows = cd_store_query_int (store, "SELECT count(*) FROM audit_log", CD_NO_BIND, -1, NULL);
  pages = cd_store_query_int (store, "PRAGMA page_count", CD_NO_BIND, -1, NULL);
  limit = g_strdup_printf ("PRAGMA max_page_count = %" G_GINT64_FORMAT, pages);
  g_assert_true (cd_store_exec (store, limit, NULL));

  id = cd_store_insert (store, "customers", fields, G_N_ELEMENTS (fields), &error);
  g_assert_cmpint (id, ==, 0);
  g_assert_error (error, CD_STORE_ERROR, CD_STORE_ERROR_DISK_FULL);
  g_assert_nonnull (strstr (error->message, "full"));
  g_assert_false (cd_store_in_transaction (store));
  g_assert_cmpint (cd_store_query_int (store, "SELECT count(*) FROM customers", CD_NO_BIND, -1, NULL), ==, customers);
  g_assert_cmpint (cd_store_query_int (store, "SELECT count(*) FROM audit_log", CD_NO_BIND, -1, NULL), ==, audit_rows);

  /* Once there is room again, the same write succeeds. */
  g_assert_true (cd_store_exec (store, "PRAGMA max_page_count = 1073741823", NULL));
  g_clear_error (&error);
  id = cd_store_insert (store, "customers", fields, G_N_ELEMENTS (fields), &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
}

/* /core/store/fs-kind ---------------------------------------------------- */

static void
test_fs_kind (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(CdStore) store = NULL;

  /* NFS/SMB cannot be mounted here; a local folder is the checkable case. */
  g_assert_cmpint (cd_fs_kind_for_path (f->dir), ==, CD_FS_LOCAL);
  /* Before the file exists (as when it is about to be created). */
  g_assert_cmpint (cd_fs_kind_for_path (f->path), ==, CD_FS_LOCAL);
  store = open_store (f->path, CD_STORE_OPEN_CREATE | CD_STORE_OPEN_NO_WATCH);
  g_assert_cmpint (cd_fs_kind_for_path (f->path), ==, CD_FS_LOCAL);
  g_assert_cmpint (cd_store_get_fs_kind (store), ==, CD_FS_LOCAL);
  if (g_file_test ("/dev/shm", G_FILE_TEST_IS_DIR))
    g_assert_cmpint (cd_fs_kind_for_path ("/dev/shm"), ==, CD_FS_LOCAL);
  g_clear_object (&store);

  /* CAREDESK_FORCE_REMOTE=1 gives the network-share settings on a local
   * disk: rollback journal and full syncs. Checked in a writer process so
   * this one never changes its environment. */
  {
    g_autofree char *remote_path = g_build_filename (f->dir, "remote.db", NULL);
    g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE);
    g_autoptr(GSubprocess) proc = NULL;
    g_autoptr(GHashTable) result = NULL;
    g_autoptr(GError) error = NULL;
    g_autofree char *out = NULL;
    sqlite3 *raw;

    g_subprocess_launcher_setenv (launcher, "CAREDESK_FORCE_REMOTE", "1", TRUE);
    proc = g_subprocess_launcher_spawn (launcher, &error, cd_test_get_writer (), "setup", remote_path, "alice", NULL);
    g_assert_no_error (error);
    g_subprocess_communicate_utf8 (proc, NULL, NULL, &out, NULL, &error);
    g_assert_no_error (error);
    g_assert_true (g_subprocess_get_successful (proc));
    result = parse_key_values (out);
    g_assert_cmpstr (g_hash_table_lookup (result, "fs_kind"), ==, "1");     /* CD_FS_REMOTE */
    g_assert_cmpstr (g_hash_table_lookup (result, "dir_fs_kind"), ==, "1");
    g_assert_cmpstr (g_hash_table_lookup (result, "journal_mode"), ==, "delete");
    g_assert_cmpstr (g_hash_table_lookup (result, "synchronous"), ==, "2"); /* FULL */

    /* The file itself stays in rollback-journal mode. */
    raw = cd_test_db_open (remote_path, TRUE);
    {
      g_autofree char *journal = cd_test_db_text (raw, "PRAGMA journal_mode");
      g_assert_cmpstr (journal, ==, "delete");
    }
    sqlite3_close (raw);
  }
}

/* /core/store/locks-kept -------------------------------------------------- */

/* Runs the sqlite3 program on @path, as an administrator or a backup
 * script would: it opens the file read-write and closes it again. */
static char *
run_sqlite3 (const char *path,
             const char *sql,
             gboolean    read_only)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GSubprocess) proc = NULL;
  g_autofree char *program = g_find_program_in_path ("sqlite3");
  g_autofree char *out = NULL, *err = NULL;

  if (program == NULL)
    g_error ("the sqlite3 program is missing (tools/deps.sh installs it)");
  if (read_only)
    proc = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE, &error,
                             program, "-readonly", path, sql, NULL);
  else
    proc = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE, &error,
                             program, path, sql, NULL);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (proc, NULL, NULL, &out, &err, &error);
  g_assert_no_error (error);
  if (!g_subprocess_get_successful (proc))
    g_error ("sqlite3 %s '%s' failed: %s", path, sql, err);
  g_strchomp (out);
  return g_steal_pointer (&out);
}

typedef struct {
  GMainLoop *loop;
  gboolean   done;
  gboolean   ok;
  GError    *error;
} JobWait;

static void
on_job_done (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  JobWait *w = user_data;

  w->ok = cd_store_run_finish (CD_STORE (source), result, &w->error);
  w->done = TRUE;
  g_main_loop_quit (w->loop);
}

/* Runs @func on @lane of @store and waits for it on the main context. */
static gboolean
run_job_and_wait (CdStore         *store,
                  CdStoreLane      lane,
                  CdStoreJobFunc   func,
                  gpointer         data,
                  GCancellable    *cancellable,
                  GError         **error)
{
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  JobWait w = { loop, FALSE, FALSE, NULL };

  cd_store_run_async (store, lane, func, data, NULL, cancellable, on_job_done, &w);
  while (!w.done)
    g_main_loop_run (loop);
  if (w.error != NULL)
    g_propagate_error (error, w.error);
  return w.ok;
}

static gboolean
count_customers_job (CdStore       *store,
                     gpointer       data,
                     GCancellable  *cancellable,
                     GError       **error)
{
  gint64 *count = data;

  *count = cd_store_query_int (store, "SELECT count(*) FROM customers", CD_NO_BIND, -1, error);
  return *count >= 0;
}

static gboolean
backup_job (CdStore       *store,
            gpointer       data,
            GCancellable  *cancellable,
            GError       **error)
{
  char **path = data;

  *path = cd_store_backup (store, error);
  return *path != NULL;
}

/* Closing any descriptor of the database file drops every POSIX lock the
 * process holds on it, its live connection's too. Another process then
 * takes itself for the file's last user, checkpoints and deletes the WAL,
 * and later commits of ours go to a WAL file that no longer exists. So
 * every way this process touches the file (opening it, a worker's
 * connection, a second store, a read-only store, a backup) is followed
 * by another process opening and closing the file, and a commit of ours
 * must still be in the file. */
static void
test_locks_kept (Fixture       *f,
                 gconstpointer  data)
{
  gboolean remote = GPOINTER_TO_INT (data);
  g_autoptr(GError) error = NULL;
  g_autoptr(CdStore) store = NULL;
  g_autofree char *wal = g_strdup_printf ("%s-wal", f->path);
  g_autofree char *backup_path = NULL;
  g_autofree char *integrity = NULL;
  gint64 count = -1;

  if (remote)
    g_setenv ("CAREDESK_FORCE_REMOTE", "1", TRUE);
  else
    g_unsetenv ("CAREDESK_FORCE_REMOTE");

  g_clear_object (&store);
  store = open_signed_in (f->path);
  g_clear_object (&store);
  store = open_store (f->path, CD_STORE_OPEN_NO_WATCH);
  g_assert_true (cd_store_sign_in (store, "alice", NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (cd_store_get_journal_mode (store), ==, remote ? "delete" : "wal");

  for (guint round = 0; round < 6; round++)
    {
      g_autofree char *name = g_strdup_printf ("Round %u", round);
      g_autofree char *query = g_strdup_printf ("SELECT count(*) FROM customers WHERE name = '%s'", name);
      g_autofree char *seen = NULL;

      switch (round)
        {
        case 0: /* a job on the store's own reading connection */
          g_assert_true (run_job_and_wait (store, CD_STORE_LANE_READ, count_customers_job, &count, NULL, &error));
          g_assert_no_error (error);
          g_assert_cmpint (count, ==, 0);
          break;
        case 1: /* a backup from a worker */
          g_assert_true (run_job_and_wait (store, CD_STORE_LANE_READ, backup_job, &backup_path, NULL, &error));
          g_assert_no_error (error);
          g_assert_true (g_file_test (backup_path, G_FILE_TEST_IS_REGULAR));
          break;
        case 2: /* a second store in this process, opened and closed */
          {
            g_autoptr(CdStore) second = open_store (f->path, CD_STORE_OPEN_NO_WATCH);
            g_assert_cmpint (store_int (second, "SELECT count(*) FROM staff"), ==, 1);
          }
          break;
        case 3: /* a read-only one, as --check-overdue opens it */
          {
            g_autoptr(CdStore) ro = open_store (f->path, CD_STORE_OPEN_NO_WATCH | CD_STORE_OPEN_READ_ONLY);
            g_assert_cmpint (store_int (ro, "SELECT count(*) FROM staff"), ==, 1);
          }
          break;
        case 4: /* a write from the store's writing connection */
          {
            g_assert_true (run_job_and_wait (store, CD_STORE_LANE_WRITE, count_customers_job, &count, NULL, &error));
            g_assert_no_error (error);
          }
          break;
        default: /* nothing of ours: the other process alone */
          break;
        }

      /* Someone else opens the file read-write and closes it again. */
      g_free (run_sqlite3 (f->path, "SELECT count(*) FROM customers", FALSE));
      if (!remote)
        g_assert_true (g_file_test (wal, G_FILE_TEST_EXISTS));

      insert_customer (store, name, "core");
      seen = run_sqlite3 (f->path, query, TRUE);
      if (g_strcmp0 (seen, "1") != 0)
        g_error ("round %u: our commit is not in the file (sqlite3 says %s)", round, seen);
    }

  g_clear_object (&store);
  integrity = run_sqlite3 (f->path, "PRAGMA integrity_check", TRUE);
  g_assert_cmpstr (integrity, ==, "ok");
  g_unsetenv ("CAREDESK_FORCE_REMOTE");
}

/* /core/store/jobs -------------------------------------------------------- */

typedef struct {
  gint64    staff_id;
  gint64    now;
  GThread  *thread;
  gint64    id;
} IdentityJob;

static gboolean
identity_job (CdStore       *store,
              gpointer       data,
              GCancellable  *cancellable,
              GError       **error)
{
  IdentityJob *job = data;
  CdField fields[] = { { "name", "Written by a worker" } };

  job->staff_id = cd_store_get_staff_id (store);
  job->now = cd_store_now (store);
  job->thread = g_thread_self ();
  job->id = cd_store_insert (store, "customers", fields, G_N_ELEMENTS (fields), error);
  return job->id > 0;
}

typedef struct {
  gboolean  done;
  GThread  *thread;
} DoneOn;

static void
on_job_done_record_thread (GObject      *source,
                           GAsyncResult *result,
                           gpointer      user_data)
{
  DoneOn *done = user_data;

  g_assert_true (cd_store_run_finish (CD_STORE (source), result, NULL));
  done->thread = g_thread_self ();
  done->done = TRUE;
}

static gboolean
slow_count_job (CdStore       *store,
                gpointer       data,
                GCancellable  *cancellable,
                GError       **error)
{
  g_usleep (50 * 1000);
  return count_customers_job (store, data, cancellable, error);
}

static gboolean
failing_job (CdStore       *store,
             gpointer       data,
             GCancellable  *cancellable,
             GError       **error)
{
  CdField fields[] = { { "name", "   " } };

  /* Nothing of a failed write stays behind. */
  if (!cd_store_begin (store, error))
    return FALSE;
  if (cd_store_insert (store, "customers", fields, G_N_ELEMENTS (fields), error) > 0)
    g_error ("a blank name was accepted");
  cd_store_rollback (store);
  return FALSE;
}

static gboolean
commit_soon_cb (gpointer data)
{
  cd_test_db_exec (data, "COMMIT");
  return G_SOURCE_REMOVE;
}

static gboolean
cancel_soon_cb (gpointer data)
{
  g_cancellable_cancel (data);
  return G_SOURCE_REMOVE;
}

typedef struct {
  gboolean was_waiting;
} Waited;

static void
on_waiting_notify (CdStore    *store,
                   GParamSpec *pspec,
                   Waited     *waited)
{
  if (cd_store_get_waiting_for_lock (store))
    {
      g_assert_cmpuint (cd_store_get_pending_writes (store), ==, 1);
      waited->was_waiting = TRUE;
    }
}

static void
test_jobs (Fixture       *f,
           gconstpointer  data)
{
  Waited waited = { FALSE };
  g_autoptr(GError) error = NULL;
  g_autoptr(CdStore) store = open_signed_in (f->path);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  IdentityJob job = { 0 };
  sqlite3 *holder;
  gint64 count = -1, started;

  /* A job runs on a worker thread, as the person signed in to the store,
   * at the store's pinned time, and its result comes back here. */
  g_assert_true (run_job_and_wait (store, CD_STORE_LANE_WRITE, identity_job, &job, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (job.thread != g_thread_self ());
  g_assert_cmpint (job.staff_id, ==, cd_store_get_staff_id (store));
  g_assert_cmpint (job.now, ==, PINNED_NOW);
  g_assert_cmpint (store_int (store, "SELECT count(*) FROM customers WHERE name = 'Written by a worker'"), ==, 1);
  g_assert_cmpint (store_int (store, "SELECT staff_id FROM audit_log ORDER BY id DESC LIMIT 1"), ==,
                   cd_store_get_staff_id (store));

  /* The result comes back on the caller's thread even when nobody runs
   * its main context at the moment the job ends (between iterations). */
  {
    DoneOn done = { FALSE, NULL };
    gint64 customers = -1;

    cd_store_run_async (store, CD_STORE_LANE_READ, slow_count_job, &customers, NULL, NULL,
                        on_job_done_record_thread, &done);
    while (!done.done)
      {
        g_main_context_iteration (NULL, FALSE);
        g_usleep (1000);
      }
    g_assert_true (done.thread == g_thread_self ());
    g_assert_cmpint (customers, ==, 1);
  }

  /* A failure comes back with its message, and nothing was written. */
  g_assert_false (run_job_and_wait (store, CD_STORE_LANE_WRITE, failing_job, NULL, NULL, &error));
  g_assert_error (error, CD_STORE_ERROR, CD_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpint (store_int (store, "SELECT count(*) FROM customers"), ==, 1);

  /* While another connection holds the write lock, a write waits on its
   * worker and this thread goes on; cancelling ends the wait at once. */
  holder = cd_test_db_open (f->path, FALSE);
  cd_test_db_exec (holder, "BEGIN IMMEDIATE");
  job.id = 0;
  started = g_get_monotonic_time ();
  g_signal_connect (store, "notify::waiting-for-lock", G_CALLBACK (on_waiting_notify), &waited);
  g_timeout_add (400, cancel_soon_cb, cancellable);
  g_assert_false (run_job_and_wait (store, CD_STORE_LANE_WRITE, identity_job, &job, cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);
  g_assert_cmpint (g_get_monotonic_time () - started, <, 5 * G_USEC_PER_SEC);
  g_assert_cmpint (job.id, ==, 0);
  /* The window could say why the save takes long, and stop saying it. */
  g_assert_true (waited.was_waiting);
  g_assert_false (cd_store_get_waiting_for_lock (store));
  g_assert_cmpuint (cd_store_get_pending_writes (store), ==, 0);

  /* Reads are not held up by the lock (WAL), and a cancelled job never
   * starts. */
  g_assert_true (run_job_and_wait (store, CD_STORE_LANE_READ, count_customers_job, &count, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (count, ==, 1);
  count = -1;
  g_assert_false (run_job_and_wait (store, CD_STORE_LANE_READ, count_customers_job, &count, cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);
  g_assert_cmpint (count, ==, -1);

  /* A write started while the lock is held waits for it (here 300 ms)
   * rather than failing. */
  g_timeout_add (300, commit_soon_cb, holder);
  started = g_get_monotonic_time ();
  g_assert_true (run_job_and_wait (store, CD_STORE_LANE_WRITE, identity_job, &job, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (g_get_monotonic_time () - started, >=, 250 * 1000);
  g_assert_cmpint (store_int (store, "SELECT count(*) FROM customers"), ==, 2);
  sqlite3_close (holder);
}

/* /core/store/changes ---------------------------------------------------- */

typedef struct {
  GPtrArray *changes;   /* CdChange, as emitted */
  GMainLoop *loop;
  const char *quit_on;  /* kind whose change ends the loop, or NULL */
} ChangeLog;

static void
on_changed_count (CdStore  *store,
                  CdChange *change,
                  guint    *count)
{
  (*count)++;
}

static void
on_changed (CdStore   *store,
            CdChange  *change,
            ChangeLog *log)
{
  g_ptr_array_add (log->changes, cd_change_ref (change));
  if (log->loop != NULL && log->quit_on != NULL && g_str_equal (log->quit_on, cd_change_get_kind (change)))
    g_main_loop_quit (log->loop);
}

/* The one change of @kind in @log (fails unless exactly one). */
static CdChange *
only_change (ChangeLog  *log,
             const char *kind)
{
  CdChange *found = NULL;

  for (guint i = 0; i < log->changes->len; i++)
    {
      CdChange *c = g_ptr_array_index (log->changes, i);

      if (g_str_equal (cd_change_get_kind (c), kind))
        {
          if (found != NULL)
            g_error ("more than one change of %s", kind);
          found = c;
        }
    }
  if (found == NULL)
    g_error ("no change of %s", kind);
  return found;
}

static gboolean
has_change (ChangeLog  *log,
            const char *kind)
{
  for (guint i = 0; i < log->changes->len; i++)
    if (g_str_equal (cd_change_get_kind (g_ptr_array_index (log->changes, i)), kind))
      return TRUE;
  return FALSE;
}

static gboolean
insert_job (CdStore       *store,
            gpointer       data,
            GCancellable  *cancellable,
            GError       **error)
{
  gint64 *id = data;
  CdField fields[] = { { "name", "From a worker" } };

  *id = cd_store_insert (store, "customers", fields, G_N_ELEMENTS (fields), error);
  return *id > 0;
}

typedef struct {
  ChangeLog *log;
  guint      changes_before_callback;
} CallbackSeen;

static void
on_insert_job_done (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  CallbackSeen *seen = user_data;
  g_autoptr(GError) error = NULL;

  g_assert_true (cd_store_run_finish (CD_STORE (source), result, &error));
  g_assert_no_error (error);
  seen->changes_before_callback = seen->log->changes->len;
  g_main_loop_quit (seen->log->loop);
}

static void
test_changes (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CdStore) store = NULL;
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  g_autoptr(GPtrArray) changes = g_ptr_array_new_with_free_func ((GDestroyNotify) cd_change_unref);
  ChangeLog log = { changes, loop, NULL };
  CallbackSeen seen = { &log, 0 };
  CdField rename[] = { { "name", "Renamed" } };
  CdField ticket[] = { { "customer_id", NULL }, { "subject", "Printer on fire" } };
  g_autofree char *customer_text = NULL;
  gint64 a, b, worker_id = 0, ticket_id;
  guint ticket_only = 0, customers_only = 0;
  CdChange *change;

  store = open_signed_in (f->path);
  g_clear_object (&store);
  store = open_store (f->path, CD_STORE_OPEN_DEFAULT);
  g_assert_true (cd_store_sign_in (store, "alice", NULL, &error));
  g_assert_no_error (error);
  g_signal_connect (store, "changed", G_CALLBACK (on_changed), &log);
  g_signal_connect (store, "changed::tickets", G_CALLBACK (on_changed_count), &ticket_only);
  g_signal_connect (store, "changed::customers", G_CALLBACK (on_changed_count), &customers_only);

  /* One transaction with two inserts and an update: one change, both ids. */
  g_assert_true (cd_store_begin (store, &error));
  a = insert_customer (store, "A", "core");
  b = insert_customer (store, "B", "core");
  g_assert_true (cd_store_update (store, "customers", a, 1, rename, G_N_ELEMENTS (rename), &error));
  g_assert_cmpuint (log.changes->len, ==, 0); /* nothing before the commit */
  g_assert_true (cd_store_commit (store, &error));
  g_assert_no_error (error);
  change = only_change (&log, CD_CHANGE_CUSTOMERS);
  g_assert_cmpint (cd_change_get_origin (change), ==, CD_CHANGE_LOCAL);
  g_assert_false (cd_change_is_all (change));
  g_assert_cmpuint (cd_change_get_n_ids (change), ==, 2);
  g_assert_cmpint (cd_change_get_id (change, 0), ==, MIN (a, b));
  g_assert_cmpint (cd_change_get_id (change, 1), ==, MAX (a, b));
  g_assert_true (cd_change_has_id (change, a));
  g_assert_false (cd_change_has_id (change, a + b + 10));
  g_assert_cmpuint (customers_only, ==, 1);
  g_assert_cmpuint (ticket_only, ==, 0);

  /* A rolled-back write tells nothing. */
  g_ptr_array_set_size (log.changes, 0);
  g_assert_true (cd_store_begin (store, &error));
  insert_customer (store, "Never", "core");
  cd_store_rollback (store);
  g_assert_cmpuint (log.changes->len, ==, 0);

  /* Our own commits are never reported again as others'. */
  g_assert_false (cd_store_check_external_changes (store));

  /* A ticket's event is a change of the ticket. */
  customer_text = g_strdup_printf ("%" G_GINT64_FORMAT, a);
  ticket[0].value = customer_text;
  ticket_id = cd_store_insert (store, "tickets", ticket, G_N_ELEMENTS (ticket), &error);
  g_assert_no_error (error);
  g_ptr_array_set_size (log.changes, 0);
  g_assert_true (cd_store_begin (store, &error));
  g_assert_true (cd_store_audit (store, "ticket_events", 999, "create", "ticket_id", NULL, "", &error));
  cd_store_rollback (store);
  g_assert_cmpuint (log.changes->len, ==, 0);
  {
    g_autofree char *ticket_text = g_strdup_printf ("%" G_GINT64_FORMAT, ticket_id);
    g_assert_true (cd_store_audit (store, "ticket_events", 999, "create", "ticket_id", NULL, ticket_text, &error));
    g_assert_no_error (error);
  }
  change = only_change (&log, CD_CHANGE_TICKETS);
  g_assert_true (cd_change_has_id (change, ticket_id));
  g_assert_cmpuint (cd_change_get_n_ids (change), ==, 1);
  g_assert_false (has_change (&log, "ticket_events"));

  /* An export changes nothing. */
  g_ptr_array_set_size (log.changes, 0);
  g_assert_true (cd_store_audit (store, "customers", 0, "export", NULL, NULL, "2 → /tmp/x.csv", &error));
  g_assert_cmpuint (log.changes->len, ==, 0);

  /* A worker's commit is told here, before the job's callback runs, as
   * this store's own; the poll does not tell it again. */
  g_ptr_array_set_size (log.changes, 0);
  cd_store_run_async (store, CD_STORE_LANE_WRITE, insert_job, &worker_id, NULL, NULL, on_insert_job_done, &seen);
  g_main_loop_run (loop);
  g_assert_cmpint (worker_id, >, 0);
  change = only_change (&log, CD_CHANGE_CUSTOMERS);
  g_assert_cmpint (cd_change_get_origin (change), ==, CD_CHANGE_LOCAL);
  g_assert_true (cd_change_has_id (change, worker_id));
  g_assert_cmpuint (seen.changes_before_callback, ==, log.changes->len);
  /* A colleague's heartbeat lands between our commit and the poll. The
   * file cannot say whose commits moved it: the kinds nobody audits come
   * whole (else the heartbeat would be lost), our customer not again. */
  {
    sqlite3 *other = cd_test_db_open (f->path, FALSE);
    g_autofree char *sql = g_strdup_printf ("INSERT INTO presence (entity, entity_id, staff_id, instance, heartbeat_at)"
                                            " VALUES ('ticket', %" G_GINT64_FORMAT ", 1, 'meanwhile', 1)", ticket_id);

    cd_test_db_exec (other, sql);
    sqlite3_close (other);
  }
  g_ptr_array_set_size (log.changes, 0);
  g_assert_true (cd_store_check_external_changes (store)); /* data_version moved */
  g_assert_false (has_change (&log, CD_CHANGE_CUSTOMERS));
  g_assert_true (cd_change_is_all (only_change (&log, CD_CHANGE_PRESENCE)));
  g_assert_cmpint (cd_change_get_origin (only_change (&log, CD_CHANGE_PRESENCE)), ==, CD_CHANGE_EXTERNAL);

  /* A change nobody audits, by another connection (a colleague's
   * heartbeat): those kinds come whole, and nothing else. */
  {
    sqlite3 *other = cd_test_db_open (f->path, FALSE);
    g_autofree char *sql = g_strdup_printf ("INSERT INTO presence (entity, entity_id, staff_id, instance, heartbeat_at)"
                                            " VALUES ('ticket', %" G_GINT64_FORMAT ", 1, 'elsewhere', 1)", ticket_id);

    cd_test_db_exec (other, sql);
    sqlite3_close (other);
  }
  g_ptr_array_set_size (log.changes, 0);
  g_assert_true (cd_store_check_external_changes (store));
  g_assert_true (cd_change_is_all (only_change (&log, CD_CHANGE_PRESENCE)));
  g_assert_false (has_change (&log, CD_CHANGE_CUSTOMERS));
  g_assert_false (has_change (&log, CD_CHANGE_TICKETS));

  /* Another process's insert: told as external, with its ids, read from
   * the audit log; the kinds nobody audits come whole. */
  g_ptr_array_set_size (log.changes, 0);
  log.quit_on = CD_CHANGE_CUSTOMERS;
  {
    g_autoptr(GSubprocess) proc = spawn_writer_insert (f->path, 2);
    finish_writer (proc);
  }
  g_assert_true (cd_store_check_external_changes (store));
  change = only_change (&log, CD_CHANGE_CUSTOMERS);
  g_assert_cmpint (cd_change_get_origin (change), ==, CD_CHANGE_EXTERNAL);
  g_assert_false (cd_change_is_all (change));
  g_assert_cmpuint (cd_change_get_n_ids (change), ==, 2);
  g_assert_cmpint (cd_change_get_id (change, 0), ==,
                   store_int (store, "SELECT min(id) FROM customers WHERE name LIKE 'Writer %'"));
  g_assert_true (cd_change_is_all (only_change (&log, CD_CHANGE_DRAFTS)));
  g_assert_false (has_change (&log, CD_CHANGE_TICKETS));

  /* More than the poll reads at once: every kind, whole. */
  g_ptr_array_set_size (log.changes, 0);
  {
    g_autoptr(GSubprocess) proc = spawn_writer_insert (f->path, 600);
    finish_writer (proc);
  }
  g_assert_true (cd_store_check_external_changes (store));
  g_assert_true (cd_change_is_all (only_change (&log, CD_CHANGE_CUSTOMERS)));
  g_assert_true (cd_change_is_all (only_change (&log, CD_CHANGE_TICKETS)));
  /* …and it picks up after them the next time. */
  g_ptr_array_set_size (log.changes, 0);
  g_assert_false (cd_store_check_external_changes (store));
  {
    g_autoptr(GSubprocess) proc = spawn_writer_insert (f->path, 1);
    finish_writer (proc);
  }
  g_assert_true (cd_store_check_external_changes (store));
  change = only_change (&log, CD_CHANGE_CUSTOMERS);
  g_assert_false (cd_change_is_all (change));
  g_assert_cmpuint (cd_change_get_n_ids (change), ==, 1);
}

/* /core/store/staff-and-audit -------------------------------------------- */

static gint64
add_staff (CdStore    *store,
           const char *login,
           const char *name,
           const char *role,
           const char *active)
{
  g_autoptr(GError) error = NULL;
  CdField fields[] = { { "login", login }, { "display_name", name }, { "role", role }, { "active", active } };
  gint64 id = cd_store_insert (store, "staff", fields, G_N_ELEMENTS (fields), &error);

  g_assert_no_error (error);
  return id;
}

static void
test_staff_and_audit (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CdStore) store = open_signed_in (f->path);
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(GPtrArray) leads = NULL;
  g_autoptr(GPtrArray) with_left = NULL;
  g_autoptr(CdStaffMember) member = NULL;
  g_autofree char *managers = NULL;
  g_autofree char *who = NULL;
  CdField rename[] = { { "name", "张伟 (renamed)" } };
  gint64 lead, rep, left, customer, at = 0;

  lead = add_staff (store, "lina", "Li Na", "lead", "1");
  rep = add_staff (store, "wang", "王芳", "rep", "1");
  left = add_staff (store, "gone", "Ann Left", "lead", "0");

  /* Active people by name; one who left only when asked for. */
  all = cd_staff_list (store, 0, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (all->len, ==, 3);
  g_assert_cmpstr (((CdStaffMember *) g_ptr_array_index (all, 0))->display_name, ==, "Alice Admin");
  g_assert_cmpstr (((CdStaffMember *) g_ptr_array_index (all, 1))->display_name, ==, "Li Na");
  g_assert_cmpstr (((CdStaffMember *) g_ptr_array_index (all, 2))->display_name, ==, "王芳");
  leads = cd_staff_list (store, CD_ROLE_BIT (CD_ROLE_LEAD) | CD_ROLE_BIT (CD_ROLE_ADMIN), 0, &error);
  g_assert_cmpuint (leads->len, ==, 2);
  with_left = cd_staff_list (store, CD_ROLE_BIT (CD_ROLE_REP), left, &error);
  g_assert_cmpuint (with_left->len, ==, 2);
  g_assert_cmpint (((CdStaffMember *) g_ptr_array_index (with_left, 0))->id, ==, left);
  g_assert_false (((CdStaffMember *) g_ptr_array_index (with_left, 0))->active);
  g_assert_cmpint (((CdStaffMember *) g_ptr_array_index (with_left, 1))->id, ==, rep);

  member = cd_staff_load (store, lead, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (member->login, ==, "lina");
  g_assert_cmpint (member->role, ==, CD_ROLE_LEAD);
  g_assert_null (cd_staff_load (store, 9999, &error));
  g_assert_error (error, CD_STORE_ERROR, CD_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  {
    g_autofree char *name = cd_staff_dup_display_name (store, rep);
    g_assert_cmpstr (name, ==, "王芳");
    g_assert_null (cd_staff_dup_display_name (store, 0));
  }

  /* Whom to ask: administrators first, with their roles; nobody who left. */
  managers = cd_staff_describe_managers (store, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (managers, ==, "Alice Admin (Administrator), Li Na (Team lead)");

  /* Who changed a record last, from the audit log. */
  customer = insert_customer (store, "张伟", "core");
  g_assert_false (cd_audit_last_change (store, "customers", customer + 1, &who, &at, &error));
  g_assert_no_error (error);
  g_assert_null (who);
  cd_store_set_now (store, PINNED_NOW + 60);
  g_assert_true (cd_store_update (store, "customers", customer, 1, rename, G_N_ELEMENTS (rename), &error));
  g_assert_true (cd_store_audit (store, "customers", customer, "export", NULL, NULL, "x", &error));
  g_assert_true (cd_audit_last_change (store, "customers", customer, &who, &at, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (who, ==, "Alice Admin");
  g_assert_cmpint (at, ==, PINNED_NOW + 60);
}

/* /core/store/backup/files ----------------------------------------------- */

/* A process id that is not in use: a child that has been reaped. (Not
 * through GSubprocess: its worker may reap the child before the id is
 * read, and then there is no id to read.) */
static int
dead_pid (void)
{
  pid_t pid = fork ();
  int status = 0;

  g_assert_cmpint (pid, >=, 0);
  if (pid == 0)
    _exit (0);
  g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
  return (int) pid;
}

static void
touch_old (const char *path,
           gint64      age_s)
{
  struct utimbuf times;

  g_assert_true (g_file_set_contents (path, "half a backup", -1, NULL));
  times.actime = times.modtime = (time_t) (g_get_real_time () / G_USEC_PER_SEC - age_s);
  g_assert_cmpint (utime (path, &times), ==, 0);
}

/* Backups take the team file's permissions and group; new files follow
 * the umask; a backup that died part-way leaves nothing that looks like
 * a backup, and its leftovers go at the next open. */
static void
test_backup_files (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CdStore) store = NULL;
  g_autofree char *backup = NULL;
  g_autofree char *dead = NULL, *dead_journal = NULL, *live = NULL, *old_style = NULL, *old_recent = NULL;
  GStatBuf team, copy;
  const struct { mode_t umask; mode_t mode; } umasks[] = { { 022, 0644 }, { 002, 0664 }, { 077, 0600 } };
  gid_t group = getegid ();

  /* New files follow the umask (SQLite alone makes them 0644). */
  for (guint i = 0; i < G_N_ELEMENTS (umasks); i++)
    {
      g_autofree char *path = g_strdup_printf ("%s/umask-%03o.caredesk", f->dir, (unsigned) umasks[i].umask);
      g_autofree char *wal = g_strdup_printf ("%s-wal", path);
      mode_t old = umask (umasks[i].umask);
      g_autoptr(CdStore) fresh = open_store (path, CD_STORE_OPEN_CREATE | CD_STORE_OPEN_NO_WATCH);
      GStatBuf st;

      umask (old);
      g_assert_cmpstr (cd_store_get_journal_mode (fresh), ==, "wal");
      g_assert_cmpint (g_stat (path, &st), ==, 0);
      g_assert_cmpint (st.st_mode & 0777, ==, umasks[i].mode);
      /* Its journal too, or a colleague could not open it. */
      g_assert_cmpint (g_stat (wal, &st), ==, 0);
      g_assert_cmpint (st.st_mode & 0777, ==, umasks[i].mode);
    }

  /* A team file readable by its group only, owned by another group when
   * the test may give it one (root may). */
  store = open_signed_in (f->path);
  insert_customer (store, "张伟", "core");
  if (geteuid () == 0)
    group = 100; /* "users" on Debian */
  g_assert_cmpint (chown (f->path, (uid_t) -1, group), ==, 0);
  g_assert_cmpint (g_chmod (f->path, 0660), ==, 0);

  backup = cd_store_backup (store, &error);
  g_assert_no_error (error);
  g_assert_cmpint (g_stat (f->path, &team), ==, 0);
  g_assert_cmpint (g_stat (backup, &copy), ==, 0);
  g_assert_cmpint (copy.st_mode & 07777, ==, 0660);
  g_assert_cmpint (copy.st_gid, ==, team.st_gid);
  g_assert_false (name_has_prefix_in_dir (f->dir, ".caredesk-partial-"));
  g_clear_object (&store);

  /* Leftovers: of a dead process of this host (gone at the next open,
   * with its journal); of a live one (stays); an older Caredesk's,
   * untouched for hours (gone) or recent (stays). */
  dead = g_strdup_printf ("%s/.caredesk-partial-%s-%d-0", f->dir, g_get_host_name (), dead_pid ());
  dead_journal = g_strdup_printf ("%s-journal", dead);
  live = g_strdup_printf ("%s/.caredesk-partial-%s-%d-7", f->dir, g_get_host_name (), (int) getpid ());
  old_style = g_strdup_printf ("%s.backup-20261101-101010.%d.partial", f->path, dead_pid ());
  old_recent = g_strdup_printf ("%s.backup-20261101-101011.%d.partial", f->path, dead_pid ());
  touch_old (dead, 0);
  touch_old (dead_journal, 0);
  touch_old (live, 0);
  touch_old (old_style, 3 * 3600);
  touch_old (old_recent, 60);

  store = open_store (f->path, CD_STORE_OPEN_NO_WATCH);
  g_assert_false (g_file_test (dead, G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test (dead_journal, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_test (live, G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test (old_style, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_test (old_recent, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_test (backup, G_FILE_TEST_EXISTS));
}

/* /core/store/backup/disk-full ------------------------------------------- */

/* A backup into a file system too small for it: the message says the disk
 * is full (not "input/output error"), and nothing is left behind. The
 * small file system is a tmpfs in a mount namespace of its own. */
static void
test_backup_disk_full (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CdStore) store = open_signed_in (f->path);
  g_autofree char *small = g_build_filename (f->dir, "small", NULL);
  g_autofree char *dest = g_build_filename (small, "copy.caredesk", NULL);
  g_autofree char *script = NULL, *out = NULL, *err = NULL;
  g_autofree char *unshare = g_find_program_in_path ("unshare");
  g_autoptr(GSubprocess) proc = NULL;
  g_autoptr(GHashTable) result = NULL;
  g_autofree char *big = g_strnfill (20000, 'x');

  /* A file bigger than the 96 kB file system, in WAL mode. */
  for (guint i = 0; i < 20; i++)
    {
      CdField fields[] = { { "name", "Filler" }, { "notes", big } };
      g_assert_cmpint (cd_store_insert (store, "customers", fields, G_N_ELEMENTS (fields), &error), >, 0);
    }
  g_assert_cmpint (g_mkdir (small, 0755), ==, 0);

  if (unshare == NULL)
    {
      g_test_skip ("no unshare program to make a small file system with");
      return;
    }
  script = g_strdup_printf ("mount -t tmpfs -o size=96k tmpfs '%s' && exec '%s' backup-to '%s' '%s'",
                            small, cd_test_get_writer (), f->path, dest);
  proc = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE, &error,
                           unshare, geteuid () == 0 ? "-m" : "-rm", "sh", "-c", script, NULL);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (proc, NULL, NULL, &out, &err, &error);
  g_assert_no_error (error);
  if (!g_subprocess_get_successful (proc) && strstr (out, "result=") == NULL)
    {
      g_test_skip_printf ("cannot make a small file system here: %s", err);
      return;
    }
  g_test_message ("backup into a full disk:\n%s%s", out, err);
  result = parse_key_values (out);
  g_assert_cmpstr (g_hash_table_lookup (result, "result"), ==, "error:8"); /* CD_STORE_ERROR_DISK_FULL */
  g_assert_nonnull (strstr (g_hash_table_lookup (result, "result_message"), "full"));
  g_assert_cmpstr (g_hash_table_lookup (result, "left"), ==, "");
}

/* /core/store/audit-chain ------------------------------------------------ */

static void
assert_chain (CdStore *store,
              gint64   broken_id)
{
  g_autoptr(GError) error = NULL;
  CdAuditCheck check;

  g_assert_true (cd_audit_verify (store, &check, &error));
  g_assert_no_error (error);
  g_assert_cmpint (check.n_rows, >, 0);
  g_assert_cmpint (check.broken_id, ==, broken_id);
  if (broken_id == 0)
    {
      g_assert_cmpint (check.n_rows, ==, store_int (store, "SELECT count(*) FROM audit_log"));
      g_assert_cmpuint (strlen (check.last_hash), ==, 64);
    }
  else
    g_assert_nonnull (check.broken_entity);
  cd_audit_check_clear (&check);
}

/* Every audit row carries a hash over the one before it: changing,
 * removing or adding a row by other means shows, from that row on. */
static void
test_audit_chain (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CdStore) store = open_signed_in (f->path);
  CdField rename[] = { { "name", "王芳 “quoted”; renamed" } };
  gint64 a, b, mid, last;
  sqlite3 *raw;

  a = insert_customer (store, "张伟", "core");
  b = insert_customer (store, "O'Neil", "general");
  g_assert_true (cd_store_update (store, "customers", a, 1, rename, 1, &error));
  g_assert_true (cd_store_delete (store, "customers", b, 0, &error));
  g_assert_no_error (error);
  assert_chain (store, 0);
  g_assert_cmpint (store_int (store, "SELECT count(*) FROM audit_log WHERE hash IS NULL"), ==, 0);

  mid = store_int (store, "SELECT id FROM audit_log ORDER BY id LIMIT 1 OFFSET 3");
  last = store_int (store, "SELECT max(id) FROM audit_log");
  raw = cd_test_db_open (f->path, FALSE);

  /* A value changed behind Caredesk's back. */
  {
    g_autofree char *sql = g_strdup_printf ("UPDATE audit_log SET new_value = 'Forged' WHERE id = %" G_GINT64_FORMAT, mid);
    g_autofree char *undo = NULL;
    g_autofree char *old = store_text (store, "SELECT quote(new_value) FROM audit_log ORDER BY id LIMIT 1 OFFSET 3");

    cd_test_db_exec (raw, sql);
    assert_chain (store, mid);
    undo = g_strdup_printf ("UPDATE audit_log SET new_value = %s WHERE id = %" G_GINT64_FORMAT, old, mid);
    cd_test_db_exec (raw, undo);
    assert_chain (store, 0);
  }

  /* A row removed: the next one no longer follows. */
  {
    g_autofree char *save = g_strdup_printf ("CREATE TEMP TABLE saved AS SELECT * FROM audit_log WHERE id = %" G_GINT64_FORMAT, mid);
    g_autofree char *sql = g_strdup_printf ("DELETE FROM audit_log WHERE id = %" G_GINT64_FORMAT, mid);
    gint64 next = store_int (store, "SELECT id FROM audit_log ORDER BY id LIMIT 1 OFFSET 4");

    cd_test_db_exec (raw, save);
    cd_test_db_exec (raw, sql);
    assert_chain (store, next);
    cd_test_db_exec (raw, "INSERT INTO audit_log SELECT * FROM saved");
    assert_chain (store, 0);
  }

  /* A row added without Caredesk, at the end. */
  cd_test_db_exec (raw, "INSERT INTO audit_log (at, entity, action) VALUES (1, 'customers', 'create')");
  assert_chain (store, last + 1);
  cd_test_db_exec (raw, "DELETE FROM audit_log WHERE hash IS NULL");
  sqlite3_close (raw);

  /* Caredesk's own writes go on from the last row. */
  insert_customer (store, "After", "core");
  assert_chain (store, 0);
}

/* A log written before the chain existed gets its hashes at the upgrade,
 * in order, and goes on from there. */
static void
test_audit_chain_upgrade (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(CdStore) store = NULL;
  sqlite3 *raw;

  /* A file as schema 2 left it, built from its migrations, with a log. */
  raw = cd_test_db_open (f->path, FALSE);
  cd_test_db_exec (raw, cd_schema_get_migration (1));
  cd_test_db_exec (raw, cd_schema_get_migration (2));
  cd_test_db_exec (raw, "INSERT INTO staff (login, display_name, role, created_at, updated_at)"
                        " VALUES ('alice', 'Alice', 'admin', 1, 1);"
                        "INSERT INTO customers (name, created_at, updated_at) VALUES ('Before', 1, 1), ('the chain', 2, 2);"
                        "INSERT INTO audit_log (at, staff_id, entity, entity_id, action, field, new_value)"
                        " VALUES (1, 1, 'customers', 1, 'create', 'name', 'Before'),"
                        "        (2, 1, 'customers', 2, 'create', 'name', 'the chain');"
                        "PRAGMA user_version = 2;");
  sqlite3_close (raw);

  store = open_store (f->path, CD_STORE_OPEN_NO_WATCH);
  g_assert_cmpint (cd_store_get_schema_version (store), ==, CD_SCHEMA_VERSION);
  g_assert_cmpint (store_int (store, "SELECT count(*) FROM audit_log WHERE hash IS NULL"), ==, 0);
  g_assert_true (cd_store_sign_in (store, "alice", NULL, NULL));
  insert_customer (store, "After it", "core");
  assert_chain (store, 0);
}

/* A save that finds the file locked by a colleague's import keeps
 * waiting past its deadline, and succeeds once the import is done;
 * behind an ordinary long transaction it fails at its deadline, in
 * words. */
typedef struct {
  CdStore *store;
  gboolean saved;
  GError  *error;
} WaitingSave;

static gpointer
waiting_save_thread (gpointer data)
{
  WaitingSave *save = data;
  CdField fields[] = { { "name", "Waited" } };

  save->saved = cd_store_insert (save->store, "customers", fields, G_N_ELEMENTS (fields), &save->error) > 0;
  return NULL;
}

static void
test_long_write_waited_for (Fixture       *f,
                            gconstpointer  data)
{
  const guint timeout_ms = 300;
  g_autoptr(CdStore) importer = open_signed_in (f->path);
  g_autoptr(CdStore) colleague = open_store (f->path, CD_STORE_OPEN_NO_WATCH);
  g_autoptr(GError) error = NULL;
  WaitingSave save = { colleague, FALSE, NULL };
  GThread *thread;

  g_assert_true (cd_store_sign_in (colleague, "alice", "Alice Admin", &error));
  g_assert_no_error (error);
  cd_store_set_busy_timeout (colleague, timeout_ms);

  /* An ordinary transaction held past the colleague's deadline. */
  g_assert_true (cd_store_begin (importer, &error));
  insert_customer (importer, "Held", "general");
  thread = g_thread_new ("save", waiting_save_thread, &save);
  g_thread_join (thread);
  g_assert_false (save.saved);
  g_assert_error (save.error, CD_STORE_ERROR, CD_STORE_ERROR_BUSY);
  g_assert_nonnull (strstr (save.error->message, "busy"));
  g_clear_error (&save.error);
  g_assert_true (cd_store_commit (importer, &error));

  /* An import, held three times as long as the colleague waits. Waiting
   * for the time to pass is the point here, so the test sleeps. */
  cd_store_set_long_write (importer, TRUE);
  g_assert_true (cd_store_begin (importer, &error));
  insert_customer (importer, "Imported", "general");
  thread = g_thread_new ("save", waiting_save_thread, &save);
  g_usleep (3 * timeout_ms * 1000);
  g_assert_true (cd_store_commit (importer, &error));
  cd_store_set_long_write (importer, FALSE);
  g_thread_join (thread);
  g_assert_no_error (save.error);
  g_assert_true (save.saved);
  g_assert_cmpint (cd_store_query_int (importer, "SELECT count(*) FROM customers WHERE name IN ('Held', 'Imported', 'Waited')",
                                       CD_NO_BIND, -1, NULL), ==, 3);
}

int
main (int    argc,
      char **argv)
{
  cd_test_init_writer (&argc, &argv);
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/core/store/create", test_create);
  ADD ("/core/store/open-missing", test_open_missing);
  ADD ("/core/store/migrate-from-empty", test_migrate_from_empty);
  ADD ("/core/store/migrate-from-1", test_migrate_from_1);
  ADD ("/core/store/newer-schema", test_newer_schema);
  ADD ("/core/store/not-a-database", test_not_a_database);
  ADD ("/core/store/not-a-database/foreign", test_foreign_database);
  ADD ("/core/store/corrupt", test_corrupt);
  ADD ("/core/store/read-only", test_read_only);
  ADD ("/core/store/read-only/permissions", test_read_only_permissions);
  ADD ("/core/store/stale-update", test_stale_update);
  ADD ("/core/store/audit", test_audit);
  ADD ("/core/store/invalid-value", test_invalid_value);
  ADD ("/core/store/text-roundtrip", test_text_roundtrip);
  ADD ("/core/store/disk-full", test_disk_full);
  ADD ("/core/store/sign-in", test_sign_in);
  ADD ("/core/store/data-version", test_data_version);
  ADD ("/core/store/data-version/thread-default-context", test_data_version_context);
  ADD ("/core/store/data-version/watch-later", test_watch_later);
  ADD ("/core/store/backup", test_backup);
  ADD ("/core/store/backup/files", test_backup_files);
  ADD ("/core/store/long-write-waited-for", test_long_write_waited_for);
  ADD ("/core/store/backup/disk-full", test_backup_disk_full);
  ADD ("/core/store/nested-transactions", test_nested_transactions);
  ADD ("/core/store/nested-transactions/inner-rollback", test_nested_inner_rollback);
  ADD ("/core/store/fs-kind", test_fs_kind);
  g_test_add ("/core/store/locks-kept", Fixture, GINT_TO_POINTER (FALSE),
              fixture_set_up, test_locks_kept, fixture_tear_down);
  g_test_add ("/core/store/locks-kept/network-share", Fixture, GINT_TO_POINTER (TRUE),
              fixture_set_up, test_locks_kept, fixture_tear_down);
  ADD ("/core/store/jobs", test_jobs);
  ADD ("/core/store/changes", test_changes);
  ADD ("/core/store/staff-and-audit", test_staff_and_audit);
  ADD ("/core/store/audit-chain", test_audit_chain);
  ADD ("/core/store/audit-chain/upgrade", test_audit_chain_upgrade);

#undef ADD

  return g_test_run ();
}
