/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "caredesk-test-concurrency"

/* Several Caredesk processes writing one file at once, which is the normal
 * case for a team: every write must land, nobody may see "database is
 * locked", and no update may be lost. The writers are cd-test-writer
 * processes, released together once all of them have opened the file. */

#include "config.h"

#include <string.h>

#include "cd-store.h"
#include "cd-test-util.h"

#define N_WRITERS 8
#define N_WRITES 500
/* The fairness test: as many writers as a busy team has, for a while. */
#define N_FAIR_WRITERS 10
#define FAIR_SECONDS 6
#define MAX_WRITERS MAX (N_WRITERS, N_FAIR_WRITERS)

typedef struct {
  char *dir;
  char *path;
} Fixture;

typedef struct {
  gboolean    remote;   /* rollback journal, as on a network share */
  guint       n_writes;
} Variant;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->dir = cd_test_make_tmp_dir ();
  f->path = g_build_filename (f->dir, "shared.db", NULL);
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

static GSubprocessLauncher *
make_launcher (gboolean remote)
{
  GSubprocessLauncher *launcher =
    g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDOUT_PIPE
                               | G_SUBPROCESS_FLAGS_STDERR_PIPE);

  if (remote)
    g_subprocess_launcher_setenv (launcher, "CAREDESK_FORCE_REMOTE", "1", TRUE);
  else
    g_subprocess_launcher_unsetenv (launcher, "CAREDESK_FORCE_REMOTE");
  return launcher;
}

static char *
find_text (const char *output,
           const char *key)
{
  g_auto(GStrv) lines = g_strsplit (output, "\n", -1);
  g_autofree char *prefix = g_strconcat (key, "=", NULL);

  for (guint i = 0; lines[i] != NULL; i++)
    if (g_str_has_prefix (lines[i], prefix))
      return g_strdup (lines[i] + strlen (prefix));
  g_error ("no %s in writer output: %s", key, output);
  return NULL;
}

static gint64
find_value (const char *output,
            const char *key)
{
  g_autofree char *text = find_text (output, key);

  return g_ascii_strtoll (text, NULL, 10);
}

/* Starts the writers, waits until each has opened the file and signed in,
 * releases them together, and collects what each printed. */
static void
run_n_writers (guint        n_writers,
               const char  *path,
               gboolean     remote,
               const char  *const *args,
               char       **outs,
               gdouble     *seconds)
{
  g_autoptr(GSubprocessLauncher) launcher = make_launcher (remote);
  GSubprocess *procs[MAX_WRITERS];
  GDataInputStream *lines[MAX_WRITERS];
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GTimer) timer = NULL;
  guint failures = 0;

  g_ptr_array_add (argv, (gpointer) cd_test_get_writer ());
  g_ptr_array_add (argv, (gpointer) "--wait");
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  g_ptr_array_add (argv, NULL);

  for (guint i = 0; i < n_writers; i++)
    {
      g_autoptr(GError) error = NULL;

      procs[i] = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv->pdata, &error);
      g_assert_no_error (error);
      lines[i] = g_data_input_stream_new (g_subprocess_get_stdout_pipe (procs[i]));
      /* communicate() reads the rest from the pipe itself. */
      g_filter_input_stream_set_close_base_stream (G_FILTER_INPUT_STREAM (lines[i]), FALSE);
    }

  for (guint i = 0; i < n_writers; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *line = g_data_input_stream_read_line_utf8 (lines[i], NULL, NULL, &error);

      g_assert_no_error (error);
      if (g_strcmp0 (line, "ready") != 0)
        {
          g_autofree char *err = NULL;

          g_subprocess_communicate_utf8 (procs[i], NULL, NULL, NULL, &err, NULL);
          g_error ("writer %u did not get ready (said \"%s\"): %s", i, line ? line : "", err ? err : "");
        }
    }

  timer = g_timer_new ();
  for (guint i = 0; i < n_writers; i++)
    {
      GOutputStream *in = g_subprocess_get_stdin_pipe (procs[i]);
      g_autoptr(GError) error = NULL;

      /* communicate() closes the pipe later; one line is all it waits for. */
      g_output_stream_write_all (in, "go\n", 3, NULL, NULL, &error);
      g_assert_no_error (error);
      g_output_stream_flush (in, NULL, &error);
      g_assert_no_error (error);
    }

  for (guint i = 0; i < n_writers; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *err = NULL;
      int status;

      g_subprocess_communicate_utf8 (procs[i], NULL, NULL, &outs[i], &err, &error);
      g_assert_no_error (error);
      status = g_subprocess_get_if_exited (procs[i]) ? g_subprocess_get_exit_status (procs[i]) : -1;
      if (status != 0 || (err != NULL && *err != '\0'))
        {
          g_test_message ("writer %u exited with %d:\n%s", i, status, err ? err : "");
          failures++;
        }
      /* Exit status 2 is CD_STORE_ERROR_BUSY: a user would have seen
       * "database is locked". */
      g_assert_cmpint (status, !=, 2);
      g_object_unref (lines[i]);
      g_object_unref (procs[i]);
    }
  *seconds = g_timer_elapsed (timer, NULL);
  g_assert_cmpuint (failures, ==, 0);
}

static void
run_writers (const char  *path,
             gboolean     remote,
             const char  *const *args,
             char       **outs,
             gdouble     *seconds)
{
  run_n_writers (N_WRITERS, path, remote, args, outs, seconds);
}

/* Creates the shared file from a writer process, so that the network-share
 * setting (an environment variable) never has to change in this process,
 * and checks the journal mode it got. Returns the counter ticket's id. */
static gint64
set_up_shared_file (const char *path,
                    gboolean    remote)
{
  g_autoptr(GSubprocessLauncher) launcher = make_launcher (remote);
  g_autoptr(GSubprocess) proc = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL, *err = NULL;
  g_autofree char *journal = NULL;

  g_subprocess_launcher_set_flags (launcher, G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE);
  proc = g_subprocess_launcher_spawn (launcher, &error, cd_test_get_writer (), "setup", path, "alice", NULL);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (proc, NULL, NULL, &out, &err, &error);
  g_assert_no_error (error);
  if (!g_subprocess_get_successful (proc))
    g_error ("setting up %s failed: %s", path, err);

  journal = find_text (out, "journal_mode");
  if (remote)
    {
      /* The network-share configuration: rollback journal, full syncs. */
      g_assert_cmpint (find_value (out, "fs_kind"), ==, CD_FS_REMOTE);
      g_assert_cmpstr (journal, ==, "delete");
      g_assert_cmpint (find_value (out, "synchronous"), ==, 2);
    }
  else
    {
      g_assert_cmpint (find_value (out, "fs_kind"), ==, CD_FS_LOCAL);
      g_assert_cmpstr (journal, ==, "wal");
    }
  return find_value (out, "ticket_id");
}

static void
test_inserts (Fixture       *f,
              gconstpointer  data)
{
  const Variant *v = data;
  g_autofree char *count_text = g_strdup_printf ("%u", v->n_writes);
  const char *args[] = { "insert", f->path, "alice", count_text, NULL };
  char *outs[N_WRITERS] = { NULL };
  const gint64 expected = (gint64) N_WRITERS * v->n_writes;
  g_autofree char *integrity = NULL;
  gdouble seconds;
  sqlite3 *raw;

  set_up_shared_file (f->path, v->remote);

  run_writers (f->path, v->remote, args, outs, &seconds);
  g_test_message ("%d writers x %u inserts: %.2f s", N_WRITERS, v->n_writes, seconds);
  for (guint i = 0; i < N_WRITERS; i++)
    {
      g_assert_cmpint (find_value (outs[i], "inserted"), ==, v->n_writes);
      g_free (outs[i]);
    }

  raw = cd_test_db_open (f->path, TRUE);
  /* The set-up left one customer of its own. */
  g_assert_cmpint (cd_test_db_int (raw, "SELECT count(*) FROM customers"), ==, expected + 1);
  g_assert_cmpint (cd_test_db_int (raw, "SELECT count(DISTINCT name) FROM customers WHERE name LIKE 'Writer %'"), ==, expected);
  g_assert_cmpint (cd_test_db_int (raw, "SELECT count(*) FROM customers WHERE version = 1"), ==, expected + 1);
  /* Every insert carried its audit rows in the same transaction. */
  g_assert_cmpint (cd_test_db_int (raw, "SELECT count(DISTINCT entity_id) FROM audit_log"
                                        " WHERE entity = 'customers' AND action = 'create'"), ==, expected + 1);
  g_assert_cmpint (cd_test_db_int (raw, "SELECT count(*) FROM customers c WHERE NOT EXISTS"
                                        " (SELECT 1 FROM audit_log a WHERE a.entity = 'customers'"
                                        "  AND a.entity_id = c.id AND a.action = 'create')"), ==, 0);
  integrity = cd_test_db_text (raw, "PRAGMA integrity_check");
  g_assert_cmpstr (integrity, ==, "ok");
  sqlite3_close (raw);
}

static void
test_counter (Fixture       *f,
              gconstpointer  data)
{
  const Variant *v = data;
  g_autofree char *count_text = g_strdup_printf ("%u", v->n_writes);
  g_autofree char *ticket_text = NULL;
  char *outs[N_WRITERS] = { NULL };
  const gint64 expected = (gint64) N_WRITERS * v->n_writes;
  g_autofree char *integrity = NULL, *sql = NULL;
  gint64 ticket_id, stale = 0;
  gdouble seconds;
  sqlite3 *raw;

  ticket_id = set_up_shared_file (f->path, v->remote);
  g_assert_cmpint (ticket_id, >, 0);

  ticket_text = g_strdup_printf ("%" G_GINT64_FORMAT, ticket_id);
  {
    const char *args[] = { "counter", f->path, "alice", count_text, ticket_text, NULL };
    run_writers (f->path, v->remote, args, outs, &seconds);
  }
  for (guint i = 0; i < N_WRITERS; i++)
    {
      g_assert_cmpint (find_value (outs[i], "incremented"), ==, v->n_writes);
      stale += find_value (outs[i], "stale_retries");
      g_free (outs[i]);
    }
  g_test_message ("%d writers x %u increments: %.2f s, %" G_GINT64_FORMAT " stale saves retried",
                  N_WRITERS, v->n_writes, seconds, stale);

  raw = cd_test_db_open (f->path, TRUE);
  sql = g_strdup_printf ("SELECT interaction_count FROM tickets WHERE id = %" G_GINT64_FORMAT, ticket_id);
  g_assert_cmpint (cd_test_db_int (raw, sql), ==, expected);
  g_clear_pointer (&sql, g_free);
  sql = g_strdup_printf ("SELECT version FROM tickets WHERE id = %" G_GINT64_FORMAT, ticket_id);
  g_assert_cmpint (cd_test_db_int (raw, sql), ==, expected + 1);
  /* One audit row per saved increment, each from n to n + 1. */
  g_clear_pointer (&sql, g_free);
  sql = g_strdup_printf ("SELECT count(*) FROM audit_log WHERE entity = 'tickets' AND entity_id = %"
                         G_GINT64_FORMAT " AND field = 'interaction_count'"
                         " AND CAST(new_value AS INTEGER) = CAST(old_value AS INTEGER) + 1", ticket_id);
  g_assert_cmpint (cd_test_db_int (raw, sql), ==, expected);
  g_clear_pointer (&sql, g_free);
  sql = g_strdup_printf ("SELECT count(DISTINCT new_value) FROM audit_log WHERE entity = 'tickets' AND entity_id = %"
                         G_GINT64_FORMAT " AND field = 'interaction_count'", ticket_id);
  g_assert_cmpint (cd_test_db_int (raw, sql), ==, expected);
  integrity = cd_test_db_text (raw, "PRAGMA integrity_check");
  g_assert_cmpstr (integrity, ==, "ok");
  sqlite3_close (raw);
}

/* Everyone starts Caredesk at nine on a file the admin has only just
 * made (0 bytes), and everyone answers that it is meant to be new: one
 * migration, one first admin, every write kept. */
static void
test_first_start (Fixture       *f,
                  gconstpointer  data)
{
  const Variant *v = data;
  g_autoptr(GError) error = NULL;
  g_autofree char *count_text = g_strdup_printf ("%u", v->n_writes);
  const char *args[] = { "insert", f->path, "alice", count_text, NULL };
  char *outs[N_WRITERS] = { NULL };
  g_autofree char *integrity = NULL, *journal = NULL;
  gdouble seconds;
  sqlite3 *raw;

  g_file_set_contents (f->path, "", 0, &error);
  g_assert_no_error (error);

  run_writers (f->path, v->remote, args, outs, &seconds);
  g_test_message ("%d first starts x %u inserts: %.2f s", N_WRITERS, v->n_writes, seconds);
  for (guint i = 0; i < N_WRITERS; i++)
    {
      g_assert_cmpint (find_value (outs[i], "inserted"), ==, v->n_writes);
      g_free (outs[i]);
    }

  raw = cd_test_db_open (f->path, TRUE);
  g_assert_cmpint (cd_test_db_int (raw, "PRAGMA user_version"), ==, CD_SCHEMA_VERSION);
  g_assert_cmpint (cd_test_db_int (raw, "SELECT count(*) FROM staff"), ==, 1);
  g_assert_cmpint (cd_test_db_int (raw, "SELECT count(*) FROM staff WHERE login = 'alice' AND role = 'admin'"), ==, 1);
  g_assert_cmpint (cd_test_db_int (raw, "SELECT count(*) FROM customers"), ==, (gint64) N_WRITERS * v->n_writes);
  journal = cd_test_db_text (raw, "PRAGMA journal_mode");
  g_assert_cmpstr (journal, ==, v->remote ? "delete" : "wal");
  integrity = cd_test_db_text (raw, "PRAGMA integrity_check");
  g_assert_cmpstr (integrity, ==, "ok");
  sqlite3_close (raw);
}

/* Ten writers saving as fast as they can for a while, one save at a time:
 * every save commits, none waits more than a few seconds, and every
 * process gets its turn (the slowest at least a quarter of the average:
 * SQLite's sleep-and-retry alone let one process starve while others
 * committed thousands). */
static void
test_fair (Fixture       *f,
           gconstpointer  data)
{
  const Variant *v = data;
  g_autofree char *seconds_text = g_strdup_printf ("%d", FAIR_SECONDS);
  const char *args[] = { "for-seconds", f->path, "alice", seconds_text, NULL };
  char *outs[MAX_WRITERS] = { NULL };
  gint64 inserted[MAX_WRITERS];
  gint64 total = 0, slowest = G_MAXINT64, fastest = 0, longest_wait = 0;
  gdouble seconds, average;
  sqlite3 *raw;

  set_up_shared_file (f->path, v->remote);
  run_n_writers (N_FAIR_WRITERS, f->path, v->remote, args, outs, &seconds);

  for (guint i = 0; i < N_FAIR_WRITERS; i++)
    {
      inserted[i] = find_value (outs[i], "inserted");
      total += inserted[i];
      slowest = MIN (slowest, inserted[i]);
      fastest = MAX (fastest, inserted[i]);
      longest_wait = MAX (longest_wait, find_value (outs[i], "max_wait_ms"));
      g_free (outs[i]);
    }
  average = (gdouble) total / N_FAIR_WRITERS;
  g_test_message ("%d writers x %d s (%s): %" G_GINT64_FORMAT " saves, per process %" G_GINT64_FORMAT
                  "-%" G_GINT64_FORMAT " (average %.0f), longest save %" G_GINT64_FORMAT " ms",
                  N_FAIR_WRITERS, FAIR_SECONDS, v->remote ? "rollback journal" : "WAL",
                  total, slowest, fastest, average, longest_wait);

  raw = cd_test_db_open (f->path, TRUE);
  /* The set-up left one customer of its own. */
  g_assert_cmpint (cd_test_db_int (raw, "SELECT count(*) FROM customers"), ==, total + 1);
  g_assert_cmpint (cd_test_db_int (raw, "SELECT count(DISTINCT name) FROM customers"), ==, total + 1);
  sqlite3_close (raw);

  g_assert_cmpint (slowest, >=, (gint64) (average / 4));
  g_assert_cmpint (longest_wait, <, 5000);
}

int
main (int    argc,
      char **argv)
{
  static const Variant local_inserts = { FALSE, N_WRITES };
  static const Variant local_counter = { FALSE, N_WRITES };
  static const Variant remote_inserts = { TRUE, N_WRITES };
  static const Variant remote_counter = { TRUE, N_WRITES };
  static const Variant local_first = { FALSE, 50 };
  static const Variant remote_first = { TRUE, 50 };

  cd_test_init_writer (&argc, &argv);
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/core/concurrency/fair", Fixture, &local_inserts,
              fixture_set_up, test_fair, fixture_tear_down);
  g_test_add ("/core/concurrency/fair/rollback-journal", Fixture, &remote_inserts,
              fixture_set_up, test_fair, fixture_tear_down);
  g_test_add ("/core/concurrency/8x500", Fixture, &local_inserts,
              fixture_set_up, test_inserts, fixture_tear_down);
  g_test_add ("/core/concurrency/8x500/counter", Fixture, &local_counter,
              fixture_set_up, test_counter, fixture_tear_down);
  g_test_add ("/core/concurrency/8x500/rollback-journal", Fixture, &remote_inserts,
              fixture_set_up, test_inserts, fixture_tear_down);
  g_test_add ("/core/concurrency/8x500/rollback-journal/counter", Fixture, &remote_counter,
              fixture_set_up, test_counter, fixture_tear_down);

  g_test_add ("/core/concurrency/first-start", Fixture, &local_first,
              fixture_set_up, test_first_start, fixture_tear_down);
  g_test_add ("/core/concurrency/first-start/rollback-journal", Fixture, &remote_first,
              fixture_set_up, test_first_start, fixture_tear_down);

  return g_test_run ();
}
