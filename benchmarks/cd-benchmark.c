/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cd-benchmark"

#include "config.h"

#include <malloc.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <glib/gstdio.h>
#include <adwaita.h>
#include <sqlite3.h>

#include "cd-overview.h"
#include "cd-reminders.h"
#include "cd-search.h"
#include "cd-store.h"
#include "cd-tickets.h"
#include "cd-record-page.h"
#include "cd-training-view.h"
#include "cd-window.h"
#include "cd-application.h"
#include "cd-store-private.h"

/* Caredesk's benchmark: the targets of SPEC.md section 4, each measured
 * next to the floor it is judged against in the same run.
 *
 *  - Start-up: `caredesk --database FILE` and a minimal libadwaita window
 *    are spawned in turn; each reports the monotonic time of its first
 *    drawn frame and its resident memory (CAREDESK_BENCHMARK_FIRST_FRAME).
 *  - View actions: the real main window runs in this process on the same
 *    database. Each action is timed from the moment it is made to the frame
 *    that shows its result (the window frame clock's "after-paint"), and
 *    every SQL statement the application ran meanwhile is recorded
 *    (sqlite3_trace_v2) and run again, values inlined, by the sqlite3
 *    command-line program.
 *  - The overdue check and creating a ticket, on the store alone.
 *
 * Everything runs on a copy of the database made with the backup API, so
 * the file given is never changed. */

#ifndef CD_BENCHMARK_CAREDESK
# error "CD_BENCHMARK_CAREDESK must name the caredesk executable"
#endif
#ifndef CD_BENCHMARK_MINIMAL
# error "CD_BENCHMARK_MINIMAL must name the minimal window executable"
#endif
#ifndef CD_BENCHMARK_DRAWING_FLOOR
# error "CD_BENCHMARK_DRAWING_FLOOR must name the drawing floor executable"
#endif
#ifndef CD_BENCHMARK_SCHEMA_DIR
# error "CD_BENCHMARK_SCHEMA_DIR must name the compiled settings schema folder"
#endif

#define START_TIMEOUT_S       120
#define ACTION_TIMEOUT_US     (20 * G_USEC_PER_SEC)
/* An action is over when nothing (no SQL, no change of a list) happened
 * for this long after the frame that showed it. */
#define QUIET_US              (300 * 1000)
#define SETTLE_MS             150
#define OVERDUE_RUNS          20
#define CREATE_RUNS           5
/* sqlite3 prints times in whole milliseconds and its first run of a
 * statement also prepares it: the floor is the mean of repeated runs in
 * one process, after one run, repeated for about this long. */
#define SQLITE_REPEAT_MS      300.0
#define SQLITE_REPEAT_MIN     3
#define SQLITE_REPEAT_MAX     200
#define SQLITE_SKIP_ABOVE_MS  2000.0
/* Scrolling a list end to end: this many equal jumps down, then up. */
#define SCROLL_STEPS          50
/* Records opened and closed in the long session. */
#define SESSION_RECORDS       500
#define MAX_DROPDOWN_CHOICES  12

/* Targets, SPEC.md section 4 */
#define TARGET_START_RATIO    1.15
#define TARGET_MEMORY_MB      25.0
#define TARGET_SESSION_MB     30.0
#define TARGET_VIEW_MS        100.0
#define TARGET_SQL_RATIO      2.0
#define TARGET_DRAW_RATIO     1.5
#define TARGET_SCROLL_RATIO   1.5
#define TARGET_SCROLL_MAX_MS  50.0
#define TARGET_OVERDUE_MS     5.0
#define TARGET_SEARCH_MS      50.0
#define TARGET_SEARCH_RATIO   2.0

typedef enum {
  ROW_INFO,
  ROW_START_TIME,
  ROW_START_MEMORY,
  ROW_VIEW,
  ROW_OVERDUE,
  ROW_SEARCH,
  ROW_SCROLL,
  ROW_SESSION_MEMORY,
} RowKind;

typedef struct {
  RowKind    kind;
  char      *action;
  double     value;       /* ms (MB for memory); < 0 not measured */
  double     first_ms;    /* to the first frame after the action; < 0 none */
  double     app_sql_ms;  /* time SQLite spent inside Caredesk; < 0 unknown */
  double     floor;       /* sqlite3 ms, or the minimal window's ms / MB; < 0 none */
  double     longest_ms;  /* scrolling: the longest frame; < 0 none */
  char      *draw_job;    /* what the drawing floor draws for this row, or NULL */
  double     draw_floor;  /* the drawing floor's ms (scrolling: its 95th percentile); < 0 none */
  double     draw_longest;/* scrolling: the drawing floor's longest frame */
  GPtrArray *statements;  /* the SQL Caredesk ran, values inlined */
  guint      n_items;     /* items in the list afterwards; G_MAXUINT unknown */
  char      *note;
  char      *floor_note;
  char      *sql_path;    /* the file its SQL ran on, when not the working copy */
} Row;

typedef struct {
  /* Options */
  char      *database;
  char      *size;
  int        runs;
  gboolean   generate;
  gboolean   markdown;
  gboolean   verbose;
  gboolean   skip_startup;
  gboolean   skip_views;
  char      *only_view;
  char      *work_file;

  char      *tmp_dir;
  char      *work_path;
  char      *rows_path;    /* the file the rows added now ran their SQL on, when not work_path */
  GPtrArray *rows;
  GString   *machine;
  char      *renderer;
  char      *pragmas;     /* Caredesk's connection settings, for sqlite3 */
  int        window_width;
  int        window_height;
  char      *ticket_number; /* a ticket's number, to search for */
  GPtrArray *unmeasured;  /* char *: what could not be measured, and why */
} Bench;

static Bench bench;

/* Small helpers ------------------------------------------------------------ */

static void
row_free (gpointer data)
{
  Row *row = data;

  g_free (row->action);
  g_free (row->note);
  g_free (row->floor_note);
  g_free (row->sql_path);
  g_free (row->draw_job);
  g_clear_pointer (&row->statements, g_ptr_array_unref);
  g_free (row);
}

static Row *
add_row (RowKind     kind,
         const char *action)
{
  Row *row = g_new0 (Row, 1);

  row->kind = kind;
  row->action = g_strdup (action);
  row->value = -1;
  row->first_ms = -1;
  row->app_sql_ms = -1;
  row->floor = -1;
  row->longest_ms = -1;
  row->draw_floor = -1;
  row->draw_longest = -1;
  row->n_items = G_MAXUINT;
  row->sql_path = g_strdup (bench.rows_path);
  g_ptr_array_add (bench.rows, row);
  return row;
}

static void
note_unmeasured (const char *what)
{
  g_ptr_array_add (bench.unmeasured, g_strdup (what));
  fprintf (stderr, "  not measurable: %s\n", what);
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a;
  double y = *(const double *) b;

  return (x > y) - (x < y);
}

static double
median (GArray *values)
{
  g_autoptr(GArray) sorted = NULL;
  guint n = values->len;

  if (n == 0)
    return -1;

  sorted = g_array_copy (values);
  g_array_sort (sorted, compare_doubles);
  if (n % 2 == 1)
    return g_array_index (sorted, double, n / 2);
  return (g_array_index (sorted, double, n / 2 - 1) + g_array_index (sorted, double, n / 2)) / 2;
}

static double
usec_to_ms (gint64 usec)
{
  return (double) usec / 1000.0;
}

static void
progress (const char *format,
          ...) G_GNUC_PRINTF (1, 2);

static void
progress (const char *format,
          ...)
{
  va_list args;

  va_start (args, format);
  vfprintf (stderr, format, args);
  va_end (args);
  fputc ('\n', stderr);
}

/* The report is UTF-8 whatever the locale: g_print() would turn what the
 * C locale cannot spell into question marks. */
static void
out (const char *format,
     ...) G_GNUC_PRINTF (1, 2);

static void
out (const char *format,
     ...)
{
  va_list args;

  va_start (args, format);
  vfprintf (stdout, format, args);
  va_end (args);
}

static char *
read_first_line (const char *path,
                 const char *prefix)
{
  g_autofree char *contents = NULL;
  g_auto(GStrv) lines = NULL;

  if (!g_file_get_contents (path, &contents, NULL, NULL))
    return NULL;
  lines = g_strsplit (contents, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    if (prefix == NULL || g_str_has_prefix (lines[i], prefix))
      return g_strdup (g_strstrip (lines[i]));
  return NULL;
}

static gboolean
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = NULL;
  const char *name;

  if (!g_file_test (path, G_FILE_TEST_IS_DIR) || g_file_test (path, G_FILE_TEST_IS_SYMLINK))
    return g_remove (path) == 0;

  dir = g_dir_open (path, 0, NULL);
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      remove_tree (child);
    }
  return g_rmdir (path) == 0;
}

/* The machine ---------------------------------------------------------------- */

/* "MemTotal:  24684092 kB" → GiB */
static double
meminfo_gib (const char *line)
{
  const char *colon = line != NULL ? strchr (line, ':') : NULL;

  return colon != NULL ? g_ascii_strtod (colon + 1, NULL) / (1024.0 * 1024.0) : 0;
}

static void
describe_machine (void)
{
  g_autofree char *cpu = read_first_line ("/proc/cpuinfo", "model name");
  g_autofree char *mem_total = read_first_line ("/proc/meminfo", "MemTotal:");
  g_autofree char *mem_available = read_first_line ("/proc/meminfo", "MemAvailable:");
  g_autofree char *load = read_first_line ("/proc/loadavg", NULL);
  g_autofree char *kernel = read_first_line ("/proc/sys/kernel/osrelease", NULL);
  const char *renderer = g_getenv ("GSK_RENDERER");
  GStatBuf buf;

  bench.machine = g_string_new (NULL);
  g_string_append_printf (bench.machine, "CPU: %s, %d cores\n",
                          cpu != NULL && strchr (cpu, ':') != NULL ? g_strstrip (strchr (cpu, ':') + 1) : "unknown",
                          g_get_num_processors ());
  g_string_append_printf (bench.machine, "Memory: %.1f GiB, %.1f GiB available\n",
                          meminfo_gib (mem_total), meminfo_gib (mem_available));
  g_string_append_printf (bench.machine, "Load average at start: %s\n", load != NULL ? load : "unknown");
  g_string_append_printf (bench.machine, "Linux %s; GTK %u.%u.%u, libadwaita %u.%u.%u, SQLite %s\n",
                          kernel != NULL ? kernel : "?",
                          gtk_get_major_version (), gtk_get_minor_version (), gtk_get_micro_version (),
                          adw_get_major_version (), adw_get_minor_version (), adw_get_micro_version (),
                          sqlite3_libversion ());
  g_string_append_printf (bench.machine, "Display: %s; GSK_RENDERER=%s\n",
                          g_getenv ("WAYLAND_DISPLAY") != NULL ? "Wayland" :
                          g_getenv ("DISPLAY") != NULL ? g_getenv ("DISPLAY") : "none",
                          renderer != NULL ? renderer : "(unset: GTK's default)");
  {
    const char *cache = g_getenv ("MESA_SHADER_CACHE_DIR");
    g_autoptr(GDir) dir = cache != NULL ? g_dir_open (cache, 0, NULL) : NULL;
    gboolean warm = dir != NULL && g_dir_read_name (dir) != NULL;

    g_string_append_printf (bench.machine, "GL shader cache: %s (%s)\n",
                            cache != NULL ? cache : "Mesa's default",
                            warm ? "kept from an earlier run" : "empty: shaders are compiled on first use");
  }
  if (g_stat (bench.database, &buf) == 0)
    g_string_append_printf (bench.machine, "Database: %s, %.0f MB\n",
                            bench.database, (double) buf.st_size / (1024.0 * 1024.0));
}

static void
describe_database (CdStore *store)
{
  const char *tables[] = { "customers", "tickets", "complaints", "followups", "staff" };

  g_string_append (bench.machine, "Rows:");
  for (guint i = 0; i < G_N_ELEMENTS (tables); i++)
    {
      g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM %s", tables[i]);
      gint64 n = cd_store_query_int (store, sql, CD_NO_BIND, -1, NULL);

      g_string_append_printf (bench.machine, "%s %s %" G_GINT64_FORMAT,
                              i == 0 ? "" : ",", tables[i], n);
    }
  g_string_append_printf (bench.machine, "; journal mode %s\n", cd_store_get_journal_mode (store));
}

/* Preparing the database ------------------------------------------------------ */

static gboolean
generate_database (GError **error)
{
  g_autoptr(GSubprocess) process = NULL;

  progress ("Generating a \"%s\" demo database at %s (this takes a while)…", bench.size, bench.database);
  process = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_SILENCE, error,
                              CD_BENCHMARK_CAREDESK, "--generate-demo", bench.size,
                              "--database", bench.database, NULL);
  if (process == NULL || !g_subprocess_wait_check (process, NULL, error))
    return FALSE;
  return TRUE;
}

/* The copy is as big as the database: do not leave it behind when the
 * run is interrupted. */
static char *cleanup_paths[4];

static void
on_fatal_signal (int signum)
{
  for (guint i = 0; i < G_N_ELEMENTS (cleanup_paths); i++)
    if (cleanup_paths[i] != NULL)
      unlink (cleanup_paths[i]);
  signal (signum, SIG_DFL);
  raise (signum);
}

static void
remove_copy_on_signals (void)
{
  const int signals[] = { SIGINT, SIGTERM, SIGHUP };
  struct sigaction action;

  cleanup_paths[0] = g_strdup (bench.work_path);
  cleanup_paths[1] = g_strconcat (bench.work_path, "-wal", NULL);
  cleanup_paths[2] = g_strconcat (bench.work_path, "-shm", NULL);
  cleanup_paths[3] = g_strconcat (bench.work_path, "-journal", NULL);

  memset (&action, 0, sizeof action);
  action.sa_handler = on_fatal_signal;
  sigemptyset (&action.sa_mask);
  for (guint i = 0; i < G_N_ELEMENTS (signals); i++)
    sigaction (signals[i], &action, NULL);
}

static gboolean
make_working_copy (GError **error)
{
  g_autoptr(CdStore) store = NULL;
  gint64 start;

  if (bench.work_file != NULL)
    {
      /* Measured in place: upgraded and indexed by the first run, and
       * changed by every run (a ticket created, reminders claimed). */
      bench.work_path = g_strdup (bench.work_file);
      store = cd_store_open (bench.work_path, CD_STORE_OPEN_NO_WATCH, error);
      if (store == NULL)
        return FALSE;
      describe_database (store);
      return TRUE;
    }

  store = cd_store_open (bench.database, CD_STORE_OPEN_READ_ONLY | CD_STORE_OPEN_NO_WATCH, error);
  if (store == NULL)
    return FALSE;

  describe_database (store);

  bench.work_path = g_build_filename (bench.tmp_dir, "work.caredesk", NULL);
  remove_copy_on_signals ();
  progress ("Copying the database to %s…", bench.work_path);
  start = g_get_monotonic_time ();
  if (!cd_store_backup_to (store, bench.work_path, error))
    return FALSE;
  progress ("  copied in %.1f s", usec_to_ms (g_get_monotonic_time () - start) / 1000.0);
  return TRUE;
}

/* Recording SQL ------------------------------------------------------------ */

typedef struct {
  gboolean    active;
  GPtrArray  *statements;
  /* SQLite's own profile times are whole milliseconds; each statement is
   * timed here instead, from its first step to its end or reset. */
  GHashTable *running;     /* sqlite3_stmt * → start time */
  gint64      sql_us;
  gint64      last_activity;
  guint       n_list_changes;
} Capture;

static Capture capture;

static int
on_sqlite_trace_cb (unsigned  type,
                    void     *context,
                    void     *p,
                    void     *x)
{
  Capture *c = context;

  if (!c->active)
    return 0;

  if (type == SQLITE_TRACE_STMT)
    {
      const char *text = x;
      gint64 *started;
      char *expanded;

      /* Trigger programs report "-- TRIGGER name": part of their statement. */
      if (text != NULL && g_str_has_prefix (text, "--"))
        return 0;

      expanded = sqlite3_expanded_sql (p);
      if (expanded == NULL)
        return 0;
      /* The store's poll for other people's changes runs on a timer, not
       * because of the action. */
      if (!g_str_has_prefix (expanded, "PRAGMA data_version"))
        {
          g_ptr_array_add (c->statements, g_strdup (expanded));
          c->last_activity = g_get_monotonic_time ();
        }
      sqlite3_free (expanded);

      /* Timed from here: copying the statement's text above is the
       * benchmark's work, not Caredesk's. */
      started = g_new (gint64, 1);
      *started = g_get_monotonic_time ();
      g_hash_table_insert (c->running, p, started);
    }
  else if (type == SQLITE_TRACE_PROFILE)
    {
      const gint64 *started = g_hash_table_lookup (c->running, p);

      if (started != NULL)
        {
          c->sql_us += g_get_monotonic_time () - *started;
          g_hash_table_remove (c->running, p);
        }
    }

  return 0;
}

static void
capture_attach (CdStore *store)
{
  if (capture.statements == NULL)
    {
      capture.statements = g_ptr_array_new_with_free_func (g_free);
      capture.running = g_hash_table_new_full (NULL, NULL, NULL, g_free);
    }
  sqlite3_trace_v2 (cd_store_get_db (store), SQLITE_TRACE_STMT | SQLITE_TRACE_PROFILE,
                    on_sqlite_trace_cb, &capture);
}

static void
capture_start (void)
{
  g_ptr_array_set_size (capture.statements, 0);
  g_hash_table_remove_all (capture.running);
  capture.sql_us = 0;
  capture.last_activity = 0;
  capture.n_list_changes = 0;
  capture.active = TRUE;
}

/* Stops recording; returns what was recorded. */
static GPtrArray *
capture_stop (double *sql_ms)
{
  GPtrArray *statements = g_ptr_array_new_with_free_func (g_free);

  capture.active = FALSE;
  for (guint i = 0; i < capture.statements->len; i++)
    g_ptr_array_add (statements, g_strdup (g_ptr_array_index (capture.statements, i)));
  if (sql_ms != NULL)
    *sql_ms = usec_to_ms (capture.sql_us);
  return statements;
}

/* Replaying SQL with the sqlite3 program ---------------------------------- */

/* The statements on one line: the sqlite3 program times each input line
 * as a whole. Comments go, line breaks outside literals become spaces,
 * and a literal holding a line break is spelt with char(10). */
static void
append_one_line (GString    *out,
                 const char *sql)
{
  const char *p = sql;
  gsize start_len = out->len;

  while (*p != '\0')
    {
      if (*p == '\'')
        {
          const char *start = p;
          gboolean has_break = FALSE;

          for (p++; *p != '\0'; p++)
            {
              if (*p == '\'' && p[1] == '\'')
                p++;
              else if (*p == '\'')
                break;
              else if (*p == '\n' || *p == '\r')
                has_break = TRUE;
            }
          if (*p == '\'')
            p++;

          if (!has_break)
            g_string_append_len (out, start, p - start);
          else
            {
              g_string_append (out, "('");
              for (const char *q = start + 1; q < p - 1; q++)
                {
                  if (*q == '\n' || *q == '\r')
                    g_string_append_printf (out, "' || char(%d) || '", *q);
                  else
                    g_string_append_c (out, *q);
                }
              g_string_append (out, "')");
            }
        }
      else if (*p == '"')
        {
          const char *start = p;

          for (p++; *p != '\0' && *p != '"'; p++)
            ;
          if (*p == '"')
            p++;
          g_string_append_len (out, start, p - start);
        }
      else if (p[0] == '-' && p[1] == '-')
        {
          while (*p != '\0' && *p != '\n')
            p++;
        }
      else if (*p == '\n' || *p == '\r' || *p == '\t')
        {
          g_string_append_c (out, ' ');
          p++;
        }
      else
        {
          g_string_append_c (out, *p++);
        }
    }

  /* One terminating semicolon. */
  while (out->len > start_len && (out->str[out->len - 1] == ' ' || out->str[out->len - 1] == ';'))
    g_string_truncate (out, out->len - 1);
  g_string_append (out, "; ");
}

static char *
statements_to_line (GPtrArray *statements,
                    guint      repeat)
{
  GString *line = g_string_new (NULL);

  for (guint r = 0; r < repeat; r++)
    for (guint i = 0; i < statements->len; i++)
      append_one_line (line, g_ptr_array_index (statements, i));
  return g_string_free (line, FALSE);
}

/* Runs @line once in a new sqlite3 process on the working copy; returns
 * its "Run Time: real" in ms, or -1 with @error. */
static double
sqlite3_time_line (const char  *path,
                   const char  *line,
                   char       **error_text)
{
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *script = NULL;
  g_auto(GStrv) lines = NULL;
  double last = -1;
  guint n_times = 0;

  /* The first statement reads the schema, so that the line measured
   * starts as the application's statements do: with a parsed schema. */
  script = g_strdup_printf (".timer on\n.output /dev/null\n%sSELECT count(*) FROM sqlite_schema;\n%s\n",
                            bench.pragmas != NULL ? bench.pragmas : "", line);

  process = g_subprocess_new (G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                              G_SUBPROCESS_FLAGS_STDERR_PIPE,
                              &error, "sqlite3", "-batch", path != NULL ? path : bench.work_path, NULL);
  if (process == NULL ||
      !g_subprocess_communicate_utf8 (process, script, NULL, &out, &err, &error))
    {
      *error_text = g_strdup (error->message);
      return -1;
    }

  lines = g_strsplit (out != NULL ? out : "", "\n", -1);
  /* The settings and the schema read come first; the line measured is
   * the last one timed. */
  for (guint i = 0; lines[i] != NULL; i++)
    {
      const char *real = strstr (lines[i], "Run Time: real ");

      if (real != NULL)
        {
          last = g_ascii_strtod (real + strlen ("Run Time: real "), NULL);
          n_times++;
        }
    }

  if (err != NULL && *g_strstrip (err) != '\0')
    {
      *error_text = g_strdup (err);
      return -1;
    }
  if (n_times < 2)
    {
      *error_text = g_strdup ("sqlite3 printed no time");
      return -1;
    }

  return last * 1000.0;
}

static void
replay_row (Row *row)
{
  g_autofree char *line = NULL;
  g_autofree char *repeated = NULL;
  g_autofree char *both = NULL;
  g_autofree char *error_text = NULL;
  double once, total;
  guint repeat;

  if (row->statements == NULL || row->statements->len == 0)
    return;

  /* An action that was never shown, or took many times its target, fails
   * whatever the floor; its SQL would take as long again to replay. */
  if (row->value < 0 || row->value > SQLITE_SKIP_ABOVE_MS)
    {
      row->floor_note = g_strdup ("its SQL was not run again with sqlite3: the action is far over its target");
      return;
    }

  /* One run tells how often to repeat the statements ... */
  line = statements_to_line (row->statements, 1);
  once = sqlite3_time_line (row->sql_path, line, &error_text);
  if (once < 0)
    {
      row->floor_note = g_strdup_printf ("sqlite3 failed: %s", error_text);
      return;
    }
  repeat = (guint) CLAMP (SQLITE_REPEAT_MS / MAX (once, 1.0), SQLITE_REPEAT_MIN, SQLITE_REPEAT_MAX);

  /* ... then, in a new process, they run once (prepared, their pages
   * read) and are timed over @repeat more runs; again with more runs
   * when those were too quick for the timer's milliseconds. */
  for (;;)
    {
      repeated = statements_to_line (row->statements, repeat);
      both = g_strconcat (line, "\n", repeated, NULL);
      total = sqlite3_time_line (row->sql_path, both, &error_text);
      g_clear_pointer (&repeated, g_free);
      g_clear_pointer (&both, g_free);
      if (total < 0)
        {
          row->floor_note = g_strdup_printf ("sqlite3 failed: %s", error_text);
          return;
        }
      if (total >= SQLITE_REPEAT_MS / 10 || repeat >= SQLITE_REPEAT_MAX)
        break;
      repeat = (guint) CLAMP (total >= 5 ? repeat * SQLITE_REPEAT_MS / total : repeat * 10.0,
                              repeat + 1, SQLITE_REPEAT_MAX);
    }
  row->floor = total / repeat;
  row->floor_note = g_strdup_printf ("sqlite3: mean of %u runs in one process, after one run", repeat);
  progress ("  %-52s %8.3f ms  (%u runs)", row->action, row->floor, repeat);
}

/* Start-up ------------------------------------------------------------------ */

typedef struct {
  GMainLoop *loop;
  char      *out;
  GError    *error;
  gboolean   timed_out;
} SpawnWait;

static void
on_communicate_done_cb (GObject      *source,
                        GAsyncResult *result,
                        gpointer      user_data)
{
  SpawnWait *wait = user_data;

  g_subprocess_communicate_utf8_finish (G_SUBPROCESS (source), result, &wait->out, NULL, &wait->error);
  g_main_loop_quit (wait->loop);
}

static gboolean
on_spawn_timeout_cb (gpointer user_data)
{
  SpawnWait *wait = user_data;

  wait->timed_out = TRUE;
  g_main_loop_quit (wait->loop);
  return G_SOURCE_REMOVE;
}

/* A fresh home for every start, so that no settings, database path or
 * other state carries over; the caches (fonts, compiled shaders) are
 * shared by all starts and warmed by the unmeasured first ones, as they
 * are on a desktop in use. Caredesk keeps nothing in the cache folder. */
static char **
startup_environment (const char *home)
{
  char **env = g_get_environ ();
  g_autofree char *config = g_build_filename (home, "config", NULL);
  g_autofree char *data = g_build_filename (home, "data", NULL);
  g_autofree char *cache = g_build_filename (bench.tmp_dir, "cache", NULL);
  g_autofree char *state = g_build_filename (home, "state", NULL);

  env = g_environ_setenv (env, "HOME", home, TRUE);
  env = g_environ_setenv (env, "XDG_CONFIG_HOME", config, TRUE);
  env = g_environ_setenv (env, "XDG_DATA_HOME", data, TRUE);
  env = g_environ_setenv (env, "XDG_CACHE_HOME", cache, TRUE);
  env = g_environ_setenv (env, "XDG_STATE_HOME", state, TRUE);
  env = g_environ_setenv (env, "GSETTINGS_BACKEND", "memory", TRUE);
  env = g_environ_setenv (env, "GSETTINGS_SCHEMA_DIR", CD_BENCHMARK_SCHEMA_DIR, TRUE);
  env = g_environ_setenv (env, "CAREDESK_BENCHMARK_FIRST_FRAME", "1", TRUE);
  return env;
}

/* Spawns @argv in a fresh home and waits for its first-frame line. */
static gboolean
time_start (const char * const  *argv,
            guint                run,
            double              *start_ms,
            double              *rss_mb,
            GError             **error)
{
  g_autofree char *name = g_strdup_printf ("home-%s-%u", strrchr (argv[0], '/') + 1, run);
  g_autofree char *home = g_build_filename (bench.tmp_dir, name, NULL);
  g_auto(GStrv) env = NULL;
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  SpawnWait wait = { loop, NULL, NULL, FALSE };
  g_auto(GStrv) lines = NULL;
  gint64 spawned_at;
  guint timeout_id;
  gboolean found = FALSE;

  g_mkdir_with_parents (home, 0700);
  env = startup_environment (home);

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_MERGE);
  g_subprocess_launcher_set_environ (launcher, env);
  g_subprocess_launcher_set_cwd (launcher, home);

  spawned_at = g_get_monotonic_time ();
  process = g_subprocess_launcher_spawnv (launcher, argv, error);
  if (process == NULL)
    return FALSE;

  g_subprocess_communicate_utf8_async (process, NULL, NULL, on_communicate_done_cb, &wait);
  timeout_id = g_timeout_add_seconds (START_TIMEOUT_S, on_spawn_timeout_cb, &wait);
  g_main_loop_run (loop);

  if (wait.timed_out)
    {
      g_subprocess_force_exit (process);
      g_subprocess_wait (process, NULL, NULL);
      /* Let the cancelled communication finish before its data goes. */
      while (wait.out == NULL && wait.error == NULL)
        g_main_context_iteration (NULL, TRUE);
      g_clear_error (&wait.error);
      g_free (wait.out);
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT,
                   "%s drew no window within %d s", argv[0], START_TIMEOUT_S);
      return FALSE;
    }
  g_source_remove (timeout_id);

  if (wait.error != NULL)
    {
      g_propagate_error (error, wait.error);
      g_free (wait.out);
      return FALSE;
    }

  lines = g_strsplit (wait.out != NULL ? wait.out : "", "\n", -1);
  for (guint i = 0; lines[i] != NULL && !found; i++)
    {
      gint64 frame_at;
      long rss_kb;

      if (sscanf (lines[i], "first-frame %" G_GINT64_FORMAT " rss-kb %ld", &frame_at, &rss_kb) == 2)
        {
          *start_ms = usec_to_ms (frame_at - spawned_at);
          *rss_mb = (double) rss_kb / 1024.0;
          found = TRUE;
        }
    }

  if (!found)
    {
      g_autofree char *tail = g_strdup (wait.out != NULL ? wait.out : "");

      if (strlen (tail) > 2000)
        memmove (tail, tail + strlen (tail) - 2000, 2001);
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                   "%s exited without reporting a frame; its output ended with:\n%s", argv[0], tail);
    }

  g_free (wait.out);
  remove_tree (home);
  return found;
}

static void
run_startup (void)
{
  const char *caredesk_argv[] = { CD_BENCHMARK_CAREDESK, "--database", bench.work_path, NULL };
  const char *minimal_argv[] = { CD_BENCHMARK_MINIMAL, NULL };
  const char * const *programs[2] = { minimal_argv, caredesk_argv };
  GArray *times[2];
  GArray *memory[2];
  Row *row;

  for (guint p = 0; p < 2; p++)
    {
      times[p] = g_array_new (FALSE, FALSE, sizeof (double));
      memory[p] = g_array_new (FALSE, FALSE, sizeof (double));
    }

  progress ("Start-up: %d runs of each, in turn, after one unmeasured run of each…", bench.runs);

  /* Run 0 warms up what any first GTK start in a session pays for (the
   * accessibility bus, portals, the font cache) and is not counted. */
  for (int run = 0; run <= bench.runs; run++)
    for (guint p = 0; p < 2; p++)
      {
        g_autoptr(GError) error = NULL;
        double ms = 0, mb = 0;

        if (!time_start (programs[p], (guint) run, &ms, &mb, &error))
          {
            fprintf (stderr, "  %s\n", error->message);
            continue;
          }
        progress ("  %s%s: %.0f ms, %.1f MB", run == 0 ? "(warm-up) " : "",
                  p == 0 ? "minimal window" : "caredesk", ms, mb);
        if (run > 0)
          {
            g_array_append_val (times[p], ms);
            g_array_append_val (memory[p], mb);
          }
      }

  row = add_row (ROW_START_TIME, "Start to first drawn window");
  row->value = times[1]->len > 0 ? median (times[1]) : -1;
  row->floor = times[0]->len > 0 ? median (times[0]) : -1;
  row->note = g_strdup_printf ("median of %u; floor: the minimal window", times[1]->len);

  row = add_row (ROW_START_MEMORY, "Resident memory at first frame");
  row->value = memory[1]->len > 0 ? median (memory[1]) : -1;
  row->floor = memory[0]->len > 0 ? median (memory[0]) : -1;
  row->note = g_strdup ("VmRSS; floor: the minimal window");

  for (guint p = 0; p < 2; p++)
    {
      g_array_unref (times[p]);
      g_array_unref (memory[p]);
    }
}

/* The store alone: overdue check, creating a ticket ------------------------ */

static void
time_overdue_check (CdStore    *store,
                    gint64      staff_id,
                    const char *who)
{
  const CdReminderPolicy policy = CD_REMINDER_POLICY_DEFAULT;
  g_autoptr(GArray) times = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GPtrArray) first_claim = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *label = NULL;
  GPtrArray *statements = NULL;
  double sql_ms = 0;
  gint64 start, next = 0;
  Row *row;

  /* The first claim after a start hands out whatever became due while
   * nobody looked; it is shown, but the target is for the check made
   * again and again while Caredesk runs. */
  start = g_get_monotonic_time ();
  first_claim = cd_reminders_claim_due (store, staff_id, &policy, &error);
  if (first_claim != NULL)
    next = cd_reminders_next_due (store, staff_id, &policy, &error);
  if (error != NULL)
    {
      g_autofree char *what = g_strdup_printf ("overdue check for %s: %s", who, error->message);

      note_unmeasured (what);
      return;
    }

  label = g_strdup_printf ("Overdue check, first after start (%s)", who);
  row = add_row (ROW_INFO, label);
  row->value = usec_to_ms (g_get_monotonic_time () - start);
  row->note = g_strdup_printf ("claimed %u reminders", first_claim->len);

  for (guint i = 0; i < OVERDUE_RUNS; i++)
    {
      g_autoptr(GPtrArray) claimed = NULL;

      if (i == OVERDUE_RUNS - 1)
        capture_start ();
      start = g_get_monotonic_time ();
      claimed = cd_reminders_claim_due (store, staff_id, &policy, &error);
      next = claimed != NULL ? cd_reminders_next_due (store, staff_id, &policy, &error) : -1;
      if (error != NULL)
        break;
      {
        double ms = usec_to_ms (g_get_monotonic_time () - start);

        g_array_append_val (times, ms);
      }
      if (i == OVERDUE_RUNS - 1)
        statements = capture_stop (&sql_ms);
    }
  capture.active = FALSE;

  g_free (label);
  label = g_strdup_printf ("Overdue check (%s)", who);
  row = add_row (ROW_OVERDUE, label);
  row->value = median (times);
  row->statements = statements;
  row->app_sql_ms = sql_ms;
  row->note = g_strdup_printf ("claim_due + next_due, median of %u; next due in %" G_GINT64_FORMAT " s",
                               times->len, next > 0 ? next - cd_store_now (store) : 0);
}

static void
time_create_ticket (CdStore *store)
{
  g_autoptr(GArray) times = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GError) error = NULL;
  GPtrArray *statements = NULL;
  double sql_ms = 0;
  gint64 customer_id;
  Row *row;

  customer_id = cd_store_query_int (store, "SELECT id FROM customers ORDER BY id LIMIT 1", CD_NO_BIND, 0, &error);
  if (customer_id <= 0)
    {
      note_unmeasured ("creating a ticket: the database has no customer");
      return;
    }

  /* One unmeasured run first, as for everything else timed here. */
  for (guint i = 0; i <= CREATE_RUNS; i++)
    {
      gint64 start, id;

      if (i == CREATE_RUNS)
        capture_start ();
      start = g_get_monotonic_time ();
      id = cd_ticket_create (store, customer_id, "Printer offline after the update",
                             "The customer says the printer stopped working after yesterday's update.",
                             CD_CHANNEL_PHONE, 0, CD_PRIORITY_NORMAL, 0, &error);
      if (id <= 0)
        {
          g_autofree char *what = g_strdup_printf ("creating a ticket: %s", error->message);

          capture.active = FALSE;
          note_unmeasured (what);
          return;
        }
      if (i > 0)
        {
          double ms = usec_to_ms (g_get_monotonic_time () - start);

          g_array_append_val (times, ms);
        }
      if (i == CREATE_RUNS)
        statements = capture_stop (&sql_ms);
    }

  row = add_row (ROW_VIEW, "Create a ticket (cd_ticket_create)");
  row->value = median (times);
  row->statements = statements;
  row->app_sql_ms = sql_ms;
  row->note = g_strdup_printf ("store call alone, median of %d", CREATE_RUNS);
}

/* Search: the issue's queries on the whole file ---------------------------- */

#define SEARCH_RUNS 5

/* A file from before the search index is indexed first, as a running
 * Caredesk does in the background; how long that takes is reported. */
static gboolean
index_everything (CdStore *store)
{
  g_autoptr(GError) error = NULL;
  gint64 start = g_get_monotonic_time ();
  gboolean done = FALSE;
  double progress_done = 0;
  Row *row;

  if (!cd_search_index_is_complete (store, &progress_done, &error))
    {
      if (error != NULL)
        {
          g_autofree char *what = g_strdup_printf ("search: %s", error->message);

          note_unmeasured (what);
          return FALSE;
        }
      progress ("Indexing the file for search (%.0f %% done)…", progress_done * 100);
      while (!done)
        if (!cd_search_index_step (store, 5000, &done, &error))
          {
            g_autofree char *what = g_strdup_printf ("search indexing: %s", error->message);

            note_unmeasured (what);
            return FALSE;
          }
      row = add_row (ROW_INFO, "Search: indexing the records of an upgraded file");
      row->value = usec_to_ms (g_get_monotonic_time () - start);
      row->note = g_strdup ("in the background, 5000 records per transaction");
    }
  return TRUE;
}

static void
time_search (CdStore    *store,
             const char *text,
             const char *what)
{
  g_autoptr(GArray) times = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) sql_times = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(CdSearchQuery) query = cd_search_query_new (text);
  g_autoptr(GError) error = NULL;
  g_autofree char *label = NULL;
  GPtrArray *statements = NULL;
  guint n_found = 0;
  double sql_ms = 0;
  Row *row;

  /* One unmeasured run first, as for everything else timed here. */
  for (guint i = 0; i <= SEARCH_RUNS; i++)
    {
      g_autoptr(CdSearchResults) results = NULL;
      gint64 start;

      if (i > 0)
        capture_start ();
      start = g_get_monotonic_time ();
      /* The first results as the search page shows them: every kind,
       * five of each. */
      results = cd_search_run (store, query, CD_SEARCH_ALL_KINDS, 5, &error);
      if (results == NULL)
        {
          g_autofree char *failed = g_strdup_printf ("search for %s: %s", text, error->message);

          capture.active = FALSE;
          note_unmeasured (failed);
          return;
        }
      if (i > 0)
        {
          double ms = usec_to_ms (g_get_monotonic_time () - start);
          GPtrArray *run_statements = capture_stop (&sql_ms);

          g_array_append_val (times, ms);
          g_array_append_val (sql_times, sql_ms);
          if (i < SEARCH_RUNS)
            g_ptr_array_unref (run_statements);
          else
            statements = run_statements;
        }
      if (i == SEARCH_RUNS)
        {
          for (guint g = 0; g < results->groups->len; g++)
            n_found += ((CdSearchGroup *) g_ptr_array_index (results->groups, g))->count;
        }
    }

  label = g_strdup_printf ("Search “%s” (%s)", text, what);
  row = add_row (ROW_SEARCH, label);
  row->value = median (times);
  row->statements = statements;
  row->app_sql_ms = median (sql_times);
  row->note = g_strdup_printf ("cd_search_run, every kind, 5 each; median of %d; %u matches counted",
                               SEARCH_RUNS, n_found);
}

/* A sample of the file's own text: a customer's name, a phone number. */
static char *
sample_text (CdStore    *store,
             const char *sql)
{
  g_autoptr(GError) error = NULL;
  sqlite3_stmt *stmt = cd_store_prepare (store, sql, &error);
  char *text = NULL;

  if (stmt != NULL && sqlite3_step (stmt) == SQLITE_ROW && sqlite3_column_text (stmt, 0) != NULL)
    text = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  if (stmt != NULL)
    sqlite3_reset (stmt);
  return text;
}

static void
run_search_benchmarks (CdStore *store)
{
  g_autofree char *name = NULL;
  g_autofree char *surname = NULL;
  g_autofree char *phrase3 = NULL;
  g_autofree char *phrase6 = NULL;
  g_autofree char *latin = NULL;
  g_autofree char *phone = NULL;
  g_autofree char *number = NULL;
  gint64 ticket_id;
  gint64 index_bytes, file_bytes;

  progress ("Search over the whole file…");
  if (!index_everything (store))
    return;

  name = sample_text (store, "SELECT substr(name, 1, 2) FROM customers WHERE name GLOB '张[^ -~]*' ORDER BY id LIMIT 1");
  if (name == NULL)
    name = g_strdup ("张伟");
  surname = g_utf8_substring (name, 0, 1);
  /* Phrases of the generated tickets' subjects ("退货后退款仍未处理",
   * "支付失败但已扣款"). */
  phrase6 = g_strdup ("退款仍未处理");
  phrase3 = g_strdup ("已扣款");
  latin = sample_text (store, "SELECT substr(name, instr(name, ' ') + 1) FROM customers WHERE name GLOB '[A-Z]* [A-Z]*' "
                              "ORDER BY id LIMIT 1");
  phone = sample_text (store, "SELECT substr(replace(replace(phone, ' ', ''), '+', ''), -7, 4) FROM customers "
                              "WHERE length(phone) > 8 ORDER BY id LIMIT 1");
  ticket_id = cd_store_query_int (store, "SELECT max(id) / 2 FROM tickets", CD_NO_BIND, 0, NULL);
  number = g_strdup_printf ("T-%06" G_GINT64_FORMAT, ticket_id);

  time_search (store, surname, "a surname");
  time_search (store, name, "a two-character name");
  time_search (store, phrase3, "a three-character phrase");
  time_search (store, phrase6, "a six-character phrase");
  if (latin != NULL)
    time_search (store, latin, "a Latin surname");
  if (phone != NULL)
    time_search (store, phone, "a phone fragment");
  time_search (store, number, "a ticket number");
  time_search (store, "zzyzxqq", "a word that matches nothing");

  /* What the index takes on disk, next to the whole file. */
  index_bytes = cd_store_query_int (store, "SELECT sum(pgsize) FROM dbstat WHERE name LIKE 'search%'",
                                    CD_NO_BIND, -1, NULL);
  file_bytes = cd_store_query_int (store, "SELECT page_count * page_size FROM pragma_page_count, pragma_page_size",
                                   CD_NO_BIND, -1, NULL);
  if (index_bytes >= 0 && file_bytes > 0)
    {
      Row *row = add_row (ROW_INFO, "Search index on disk, next to the whole file");

      row->value = -1;
      row->note = g_strdup_printf ("%.0f MB of a %.0f MB file (%.0f %%)", index_bytes / 1e6, file_bytes / 1e6,
                                   100.0 * index_bytes / file_bytes);
    }
  else
    note_unmeasured ("the search index's size: SQLite has no dbstat table here");
}

/* The Overview's figures: a period read and its charts drawn (as the view
 * does), and the monthly review written as a PDF. */
static double
time_overview_once (CdStore               *store,
                    const CdOverviewRange *range,
                    GError               **error)
{
  g_autoptr(CdOverviewPeriod) period = NULL;
  gint64 start = g_get_monotonic_time ();
  cairo_surface_t *surface;
  cairo_t *cr;

  period = cd_overview_period_load (store, range, error);
  if (period == NULL)
    return -1;
  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, 900, 300);
  cr = cairo_create (surface);
  for (guint c = 0; c < CD_OVERVIEW_N_CHARTS; c++)
    {
      const CdOverviewPalette palette = { { 0, 0, 0, 1 }, { 0, 0, 0, .5 }, { .2, .5, .9, 1 }, { .9, .1, .1, 1 },
                                          "Sans 9" };
      cd_overview_chart_draw (period, c, cr, 900, 300, &palette);
    }
  cairo_destroy (cr);
  cairo_surface_destroy (surface);
  return usec_to_ms (g_get_monotonic_time () - start);
}

static void
time_overview (CdStore    *store,
               const char *who,
               const char *rep_login)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CdStore) rep_store = NULL;
  CdOverviewRange month, week;
  const struct { CdStore *store; const CdOverviewRange *range; const char *label; } cases[] = {
    { store, &month, "Overview: last month's figures and charts, as " },
    { store, &week, "Overview: change the period to this week, as " },
    { NULL, &month, "Overview: last month's figures and charts, as " },
  };

  cd_overview_range_for_kind (&month, CD_OVERVIEW_LAST_MONTH, cd_store_now (store));
  cd_overview_range_for_kind (&week, CD_OVERVIEW_THIS_WEEK, cd_store_now (store));
  if (rep_login != NULL)
    {
      rep_store = cd_store_open (bench.work_path, CD_STORE_OPEN_NO_WATCH, &error);
      if (rep_store == NULL || !cd_store_sign_in (rep_store, rep_login, NULL, &error))
        g_clear_object (&rep_store);
      else
        capture_attach (rep_store);
    }

  for (guint k = 0; k < G_N_ELEMENTS (cases); k++)
    {
      g_autoptr(GArray) times = g_array_new (FALSE, FALSE, sizeof (double));
      CdStore *s = cases[k].store != NULL ? cases[k].store : rep_store;
      g_autofree char *label = NULL;
      GPtrArray *statements = NULL;
      double sql_ms = 0;
      Row *row;

      if (s == NULL)
        {
          note_unmeasured ("the Overview as a rep: no rep to sign in as");
          continue;
        }
      label = g_strconcat (cases[k].label, s == store ? who : "a rep", NULL);
      for (guint i = 0; i <= CREATE_RUNS; i++)
        {
          double ms;

          if (i == CREATE_RUNS)
            capture_start ();
          ms = time_overview_once (s, cases[k].range, &error);
          if (ms < 0)
            {
              g_autofree char *what = g_strdup_printf ("%s: %s", label, error->message);

              capture.active = FALSE;
              note_unmeasured (what);
              return;
            }
          if (i > 0 && i < CREATE_RUNS)
            g_array_append_val (times, ms);
          if (i == CREATE_RUNS)
            statements = capture_stop (&sql_ms);
        }
      row = add_row (ROW_VIEW, label);
      row->value = median (times);
      row->statements = statements;
      row->app_sql_ms = sql_ms;
      row->note = g_strdup_printf ("cd_overview_period_load and the three charts drawn, median of %d",
                                   CREATE_RUNS - 1);
    }

  {
    g_autofree char *pdf = g_build_filename (bench.tmp_dir, "review.pdf", NULL);
    g_autoptr(CdOverviewPeriod) period = cd_overview_period_load (store, &month, &error);
    gint64 start = g_get_monotonic_time ();
    Row *row;

    if (period == NULL || !cd_overview_export_pdf (store, period, pdf, &error))
      {
        g_autofree char *what = g_strdup_printf ("exporting the monthly review: %s", error->message);

        note_unmeasured (what);
        return;
      }
    row = add_row (ROW_INFO, "Export last month's review as a PDF (cd_overview_export_pdf)");
    row->value = usec_to_ms (g_get_monotonic_time () - start);
    row->note = g_strdup ("the figures already read; lays out, draws and writes the file, and audits it");
    g_unlink (pdf);
  }
}

/* The sqlite3 program runs the statements with the settings Caredesk's
 * connection has (a commit in WAL mode with synchronous = NORMAL does not
 * wait for the disk; foreign keys are checked). */
static void
read_connection_settings (CdStore *store)
{
  const char *names[] = { "synchronous", "foreign_keys", "cache_size", "mmap_size", "temp_store" };
  GString *pragmas = g_string_new (NULL);

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *sql = g_strdup_printf ("PRAGMA %s", names[i]);
      gint64 value = cd_store_query_int (store, sql, CD_NO_BIND, G_MININT64, NULL);

      if (value != G_MININT64)
        g_string_append_printf (pragmas, "PRAGMA %s = %" G_GINT64_FORMAT ";\n", names[i], value);
    }
  bench.pragmas = g_string_free (pragmas, FALSE);
}

static void
run_store_benchmarks (void)
{
  g_autoptr(CdStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *rep_login = NULL;
  sqlite3_stmt *stmt;
  gint64 rep_id = 0;

  progress ("The overdue check and creating a ticket, on the store alone…");

  store = cd_store_open (bench.work_path, CD_STORE_OPEN_NO_WATCH, &error);
  if (store == NULL ||
      !cd_store_sign_in (store, g_get_user_name (), g_get_real_name (), &error))
    {
      g_autofree char *what = g_strdup_printf ("the store benchmarks: %s", error->message);

      note_unmeasured (what);
      return;
    }
  capture_attach (store);
  read_connection_settings (store);

  /* The rep with the most overdue follow-ups. */
  stmt = cd_store_prepare (store,
                           "SELECT s.id, s.login FROM staff s JOIN followups f ON f.assignee_id = s.id "
                           "WHERE s.role = 'rep' AND s.active = 1 AND f.status = 'scheduled' AND f.due_at <= ?1 "
                           "GROUP BY s.id ORDER BY count(*) DESC, s.id LIMIT 1", &error);
  if (stmt != NULL)
    {
      sqlite3_bind_int64 (stmt, 1, cd_store_now (store));
      if (sqlite3_step (stmt) == SQLITE_ROW)
        {
          rep_id = sqlite3_column_int64 (stmt, 0);
          rep_login = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
        }
      sqlite3_reset (stmt);
    }

  {
    g_autofree char *who = g_strdup_printf ("%s, %s", cd_store_get_login (store),
                                            cd_store_get_role (store) == CD_ROLE_LEAD ? "a lead" : "not a lead");

    time_overdue_check (store, cd_store_get_staff_id (store), who);
  }
  if (rep_id != 0)
    {
      g_autofree char *who = g_strdup_printf ("%s, a rep", rep_login);

      time_overdue_check (store, rep_id, who);
    }
  else
    note_unmeasured ("overdue check for a rep: no rep has an overdue follow-up");

  time_create_ticket (store);
  run_search_benchmarks (store);
  time_overview (store, cd_store_get_login (store), rep_login);
}

/* In the window: frames ------------------------------------------------------ */

typedef struct {
  GArray    *frames;      /* gint64: after-paint times of watched clocks */
  GArray    *cpu;         /* gint64: this thread's CPU time at each of them */
  GPtrArray *clocks;      /* GdkFrameClock watched */
  GArray    *handlers;    /* gulong */
} FrameWatch;

/* The CPU time of the main thread, in µs: unlike the wall clock, it
 * hardly depends on what else the machine does. */
static gint64
thread_cpu_us (void)
{
  struct timespec ts;

  if (clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts) != 0)
    return 0;
  return (gint64) ts.tv_sec * G_USEC_PER_SEC + ts.tv_nsec / 1000;
}

static void
on_after_paint_cb (GdkFrameClock *clock,
                   FrameWatch    *watch)
{
  gint64 now = g_get_monotonic_time ();
  gint64 cpu = thread_cpu_us ();

  g_array_append_val (watch->frames, now);
  g_array_append_val (watch->cpu, cpu);
}

static void
frame_watch_add (FrameWatch *watch,
                 GtkWidget  *widget)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (widget);
  gulong handler;

  if (clock == NULL)
    return;
  for (guint i = 0; i < watch->clocks->len; i++)
    if (g_ptr_array_index (watch->clocks, i) == clock)
      return;
  handler = g_signal_connect (clock, "after-paint", G_CALLBACK (on_after_paint_cb), watch);
  g_ptr_array_add (watch->clocks, g_object_ref (clock));
  g_array_append_val (watch->handlers, handler);
}

static void
frame_watch_init (FrameWatch *watch)
{
  watch->frames = g_array_new (FALSE, FALSE, sizeof (gint64));
  watch->cpu = g_array_new (FALSE, FALSE, sizeof (gint64));
  watch->clocks = g_ptr_array_new ();
  watch->handlers = g_array_new (FALSE, FALSE, sizeof (gulong));
}

static void
frame_watch_clear (FrameWatch *watch)
{
  for (guint i = 0; i < watch->clocks->len; i++)
    {
      GdkFrameClock *clock = g_ptr_array_index (watch->clocks, i);

      g_signal_handler_disconnect (clock, g_array_index (watch->handlers, gulong, i));
      g_object_unref (clock);
    }
  g_ptr_array_unref (watch->clocks);
  g_array_unref (watch->handlers);
  g_array_unref (watch->frames);
  g_array_unref (watch->cpu);
}

/* The first watched frame drawn at or after @after, or 0. */
static gint64
frame_watch_first_after (FrameWatch *watch,
                         gint64      after)
{
  for (guint i = 0; i < watch->frames->len; i++)
    if (g_array_index (watch->frames, gint64, i) >= after)
      return g_array_index (watch->frames, gint64, i);
  return 0;
}

static gboolean
wake_cb (gpointer user_data)
{
  return G_SOURCE_CONTINUE;
}

/* Runs the main loop for @ms. */
static void
settle (guint ms)
{
  gint64 until = g_get_monotonic_time () + (gint64) ms * 1000;
  guint wake = g_timeout_add (10, wake_cb, NULL);

  while (g_get_monotonic_time () < until)
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (wake);
}

/* Draws @window once more and waits for the frame. */
static double
time_redraw (GtkWidget *window)
{
  FrameWatch watch;
  gint64 start, end = 0;
  guint wake = g_timeout_add (5, wake_cb, NULL);

  frame_watch_init (&watch);
  frame_watch_add (&watch, window);
  start = g_get_monotonic_time ();
  gtk_widget_queue_draw (window);
  while (end == 0 && g_get_monotonic_time () - start < ACTION_TIMEOUT_US)
    {
      g_main_context_iteration (NULL, TRUE);
      end = frame_watch_first_after (&watch, start);
    }
  g_source_remove (wake);
  frame_watch_clear (&watch);
  return end > 0 ? usec_to_ms (end - start) : -1;
}

/* In the window: finding things --------------------------------------------- */

static void
collect_widgets (GtkWidget *widget,
                 GType      type,
                 GPtrArray *found)
{
  if (!gtk_widget_get_mapped (widget))
    return;

  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type))
    {
      g_ptr_array_add (found, widget);
      return;
    }

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_widgets (child, type, found);
}

static GPtrArray *
find_widgets (GtkWidget *root,
              GType      type)
{
  GPtrArray *found = g_ptr_array_new ();

  if (root != NULL && type != G_TYPE_INVALID)
    collect_widgets (root, type, found);
  return found;
}

static GtkWidget *
find_widget (GtkWidget *root,
             GType      type)
{
  g_autoptr(GPtrArray) found = find_widgets (root, type);

  return found->len > 0 ? g_ptr_array_index (found, 0) : NULL;
}

/* A name to show for a control: its id in the .ui file, its tooltip, or
 * its type. */
static char *
describe_widget (GtkWidget *widget)
{
  const char *id = gtk_buildable_get_buildable_id (GTK_BUILDABLE (widget));
  const char *tooltip = gtk_widget_get_tooltip_text (widget);

  if (id != NULL)
    return g_strdup (id);
  if (tooltip != NULL)
    return g_strdup (tooltip);
  return g_strdup (G_OBJECT_TYPE_NAME (widget));
}

static char *
describe_dropdown_item (GtkDropDown *dropdown,
                        guint        position)
{
  GListModel *model = gtk_drop_down_get_model (dropdown);
  g_autoptr(GObject) item = model != NULL ? g_list_model_get_item (model, position) : NULL;

  if (item != NULL && GTK_IS_STRING_OBJECT (item))
    return g_strdup (gtk_string_object_get_string (GTK_STRING_OBJECT (item)));
  return g_strdup_printf ("choice %u", position + 1);
}

/* In the window: timing an action ------------------------------------------- */

typedef void (*ActionFunc) (gpointer data);

typedef struct {
  GtkWidget *window;
  GtkWidget *view;        /* the view whose lists are watched, or NULL */
} Stage;

typedef struct {
  double     ms;          /* from the action to the frame that shows it; < 0: never shown */
  double     first_ms;    /* from the action to the first frame after it */
  double     sql_ms;
  GPtrArray *statements;
  guint      n_items;
  guint      n_list_changes;
  guint      n_frames;    /* frames drawn from the action to the one that shows it */
  double     cpu_ms;      /* the main thread's CPU time meanwhile */
  GtkWindow *new_window;  /* a window the action opened (a record, say) */
  char      *draw_job;    /* what the drawing floor draws for it */
} Timing;

/* What the drawing floor draws for an action ------------------------------ */

/* Set while a record is opened: its floor is a page, not a list. */
static gboolean opening_record;

static void
count_texts (GtkWidget *widget,
             guint     *n_labels,
             guint     *n_rows)
{
  if (!gtk_widget_get_mapped (widget) || GTK_IS_COLUMN_VIEW (widget))
    return;
  if (GTK_IS_LABEL (widget) || GTK_IS_INSCRIPTION (widget))
    (*n_labels)++;
  if (GTK_IS_LIST_BOX_ROW (widget))
    (*n_rows)++;
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    count_texts (child, n_labels, n_rows);
}

/* "page:LABELS:ROWS": each row of the floor's page holds one of the
 * labels counted. */
static char *
page_job (GtkWidget *root)
{
  guint n_labels = 0, n_rows = 0;

  count_texts (root, &n_labels, &n_rows);
  if (n_labels == 0 && n_rows == 0)
    return NULL;
  return g_strdup_printf ("page:%u:%u", n_labels > n_rows ? n_labels - n_rows : 0, n_rows);
}

static guint
count_visible_columns (GtkColumnView *column_view)
{
  GListModel *columns = gtk_column_view_get_columns (column_view);
  guint n = 0;

  for (guint i = 0; i < g_list_model_get_n_items (columns); i++)
    {
      g_autoptr(GtkColumnViewColumn) column = g_list_model_get_item (columns, i);

      if (gtk_column_view_column_get_visible (column))
        n++;
    }
  return n;
}

/* The rows of @column_view at least partly on screen. */
static guint
count_visible_rows (GtkColumnView *column_view)
{
  GtkWidget *list = find_widget (GTK_WIDGET (column_view), GTK_TYPE_LIST_VIEW);
  GtkWidget *scrolled = gtk_widget_get_ancestor (GTK_WIDGET (column_view), GTK_TYPE_SCROLLED_WINDOW);
  GtkWidget *area = scrolled != NULL ? scrolled : GTK_WIDGET (column_view);
  int height = gtk_widget_get_height (area);
  float row_height = G_MAXFLOAT;
  guint n = 0;

  if (list == NULL)
    return 0;
  for (GtkWidget *row = gtk_widget_get_first_child (list); row != NULL; row = gtk_widget_get_next_sibling (row))
    {
      graphene_rect_t bounds;

      if (!gtk_widget_get_visible (row) || !gtk_widget_get_child_visible (row) ||
          !gtk_widget_compute_bounds (row, area, &bounds))
        continue;
      if (bounds.size.height > 0 && bounds.origin.y + bounds.size.height > 0 && bounds.origin.y < height)
        {
          n++;
          row_height = MIN (row_height, bounds.size.height);
        }
    }
  /* The rows GTK keeps around the visible ones may share their place
   * until the next frame: no more rows than the height holds. */
  if (n > 0)
    n = MIN (n, (guint) (height / row_height) + 1);
  return n;
}

static char *
drawing_job_for (Stage  *stage,
                 Timing *timing)
{
  GtkWidget *root = timing->new_window != NULL ? GTK_WIDGET (timing->new_window)
                    : stage->view != NULL ? stage->view : stage->window;
  GtkWidget *column_view;

  if (opening_record || timing->new_window != NULL)
    return page_job (root);
  column_view = find_widget (root, GTK_TYPE_COLUMN_VIEW);
  if (column_view != NULL)
    {
      guint n_columns = count_visible_columns (GTK_COLUMN_VIEW (column_view));
      guint n_rows = count_visible_rows (GTK_COLUMN_VIEW (column_view));

      /* An emptied list shows a page in its place. */
      if (n_columns > 0 && n_rows > 0)
        return g_strdup_printf ("list:%u:%u", n_columns, n_rows);
    }
  return page_job (root);
}

static void
on_items_changed_cb (GListModel *model,
                     guint       position,
                     guint       removed,
                     guint       added,
                     gpointer    user_data)
{
  capture.last_activity = g_get_monotonic_time ();
  capture.n_list_changes++;
}

static GPtrArray *
watch_lists (GtkWidget *view)
{
  g_autoptr(GPtrArray) column_views = find_widgets (view, GTK_TYPE_COLUMN_VIEW);
  g_autoptr(GPtrArray) list_views = find_widgets (view, GTK_TYPE_LIST_VIEW);
  GPtrArray *models = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < column_views->len; i++)
    {
      GtkSelectionModel *model = gtk_column_view_get_model (g_ptr_array_index (column_views, i));

      if (model != NULL)
        g_ptr_array_add (models, g_object_ref (model));
    }
  for (guint i = 0; i < list_views->len; i++)
    {
      GtkSelectionModel *model = gtk_list_view_get_model (g_ptr_array_index (list_views, i));

      if (model != NULL)
        g_ptr_array_add (models, g_object_ref (model));
    }
  for (guint i = 0; i < models->len; i++)
    g_signal_connect (g_ptr_array_index (models, i), "items-changed",
                      G_CALLBACK (on_items_changed_cb), NULL);
  return models;
}

static void
unwatch_lists (GPtrArray *models)
{
  for (guint i = 0; i < models->len; i++)
    g_signal_handlers_disconnect_by_func (g_ptr_array_index (models, i), on_items_changed_cb, NULL);
  g_ptr_array_unref (models);
}

static guint
count_items (GtkWidget *view)
{
  GtkWidget *column_view = find_widget (view, GTK_TYPE_COLUMN_VIEW);
  GtkSelectionModel *model;

  if (column_view == NULL)
    return G_MAXUINT;
  model = gtk_column_view_get_model (GTK_COLUMN_VIEW (column_view));
  return model != NULL ? g_list_model_get_n_items (G_LIST_MODEL (model)) : G_MAXUINT;
}

/* Makes the action and waits until it shows: the first frame drawn after
 * the action and after the last thing it set off (an SQL statement, a
 * change of a list), once nothing more happened for QUIET_US. When the
 * action opened a window, only that window's frames count. @start_at,
 * when given, is set later (by a signal the action causes) and the time
 * counts from then. */
static Timing
time_action (Stage      *stage,
             ActionFunc  action,
             gpointer    data,
             gint64     *start_at)
{
  Timing timing = { -1, -1, 0, NULL, G_MAXUINT, 0, 0, 0, NULL, NULL };
  g_autoptr(GList) before = gtk_window_list_toplevels ();
  g_autoptr(GList) after = NULL;
  GPtrArray *models;
  FrameWatch watch;
  gint64 start, cpu_start, end = 0, deadline;
  guint wake;

  settle (SETTLE_MS);

  frame_watch_init (&watch);
  frame_watch_add (&watch, stage->window);
  models = stage->view != NULL ? watch_lists (stage->view) : g_ptr_array_new ();
  wake = g_timeout_add (5, wake_cb, NULL);

  capture_start ();
  start = g_get_monotonic_time ();
  cpu_start = thread_cpu_us ();
  action (data);

  after = gtk_window_list_toplevels ();
  for (GList *l = after; l != NULL; l = l->next)
    if (g_list_find (before, l->data) == NULL && gtk_widget_get_visible (l->data))
      timing.new_window = l->data;
  if (timing.new_window != NULL)
    {
      /* Only the new window's frames show the action. */
      frame_watch_clear (&watch);
      frame_watch_init (&watch);
      frame_watch_add (&watch, GTK_WIDGET (timing.new_window));
    }
  gtk_widget_queue_draw (timing.new_window != NULL ? GTK_WIDGET (timing.new_window) : stage->window);

  deadline = start + ACTION_TIMEOUT_US;
  while (g_get_monotonic_time () < deadline)
    {
      gint64 begin, last;

      g_main_context_iteration (NULL, TRUE);

      if (start_at != NULL && *start_at == 0)
        continue;
      begin = start_at != NULL ? *start_at : start;
      last = MAX (begin, capture.last_activity);
      end = frame_watch_first_after (&watch, last);
      if (end == 0)
        {
          /* Something happened since the last frame: make sure a frame
           * follows even if nothing visible changed. */
          if (watch.frames->len == 0 ||
              g_array_index (watch.frames, gint64, watch.frames->len - 1) < last)
            gtk_widget_queue_draw (timing.new_window != NULL ? GTK_WIDGET (timing.new_window) : stage->window);
          continue;
        }
      if (g_get_monotonic_time () - MAX (end, capture.last_activity) >= QUIET_US)
        {
          timing.ms = usec_to_ms (end - begin);
          timing.first_ms = usec_to_ms (frame_watch_first_after (&watch, begin) - begin);
          for (guint i = 0; i < watch.frames->len; i++)
            if (g_array_index (watch.frames, gint64, i) >= begin && g_array_index (watch.frames, gint64, i) <= end)
              {
                timing.n_frames++;
                timing.cpu_ms = usec_to_ms (g_array_index (watch.cpu, gint64, i) - cpu_start);
              }
          break;
        }
    }

  g_source_remove (wake);
  timing.n_list_changes = capture.n_list_changes;
  timing.statements = capture_stop (&timing.sql_ms);
  unwatch_lists (models);
  frame_watch_clear (&watch);
  if (stage->view != NULL)
    timing.n_items = count_items (stage->view);
  timing.draw_job = drawing_job_for (stage, &timing);

  return timing;
}

static Row *
add_timing_row (const char *action,
                Timing     *timing,
                const char *note)
{
  Row *row = add_row (ROW_VIEW, action);

  row->value = timing->ms;
  row->app_sql_ms = timing->sql_ms;
  row->statements = g_steal_pointer (&timing->statements);
  row->n_items = timing->n_items;
  row->first_ms = timing->first_ms;
  row->draw_job = g_steal_pointer (&timing->draw_job);
  row->note = g_strdup (note);
  if (timing->ms < 0)
    {
      g_autofree char *what = g_strdup_printf ("%s: nothing was drawn within %d s",
                                               action, (int) (ACTION_TIMEOUT_US / G_USEC_PER_SEC));
      note_unmeasured (what);
    }
  progress ("  %-52s %8.1f ms  (%u statements, %.1f ms SQL; first frame %.1f ms, %u frames, %.1f ms CPU)",
            action, timing->ms, row->statements->len, timing->sql_ms, timing->first_ms, timing->n_frames,
            timing->cpu_ms);
  return row;
}

/* In the window: the actions ------------------------------------------------ */

typedef struct {
  CdWindow   *window;
  const char *name;
} ShowView;

static void
show_view_action (gpointer data)
{
  ShowView *show = data;

  cd_window_show_view (show->window, show->name);
}

static void
set_store_action (gpointer data)
{
  ShowView *show = data;

  cd_window_set_store (show->window, g_object_get_data (G_OBJECT (show->window), "bench-store"));
}

typedef struct {
  GtkColumnView       *column_view;
  GtkColumnViewColumn *column;
  GtkSortType          direction;
} SortBy;

static void
sort_action (gpointer data)
{
  SortBy *sort = data;

  gtk_column_view_sort_by_column (sort->column_view, sort->column, sort->direction);
}

typedef struct {
  GtkDropDown *dropdown;
  guint        position;
} Choose;

static void
choose_action (gpointer data)
{
  Choose *choose = data;

  gtk_drop_down_set_selected (choose->dropdown, choose->position);
}

typedef struct {
  GtkEditable *entry;
  const char  *text;
} TypeText;

static void
type_action (gpointer data)
{
  TypeText *type = data;

  gtk_editable_set_text (type->entry, type->text);
}

typedef struct {
  GtkWidget     *list;
  GtkListBoxRow *row;
} Activate;

static void
activate_action (gpointer data)
{
  Activate *activate = data;

  if (activate->row != NULL)
    g_signal_emit_by_name (activate->row, "activate");
  else
    gtk_widget_activate_action (activate->list, "list.activate-item", "u", 0);
}

typedef struct {
  GtkToggleButton *button;
  gboolean         active;
} Toggle;

static void
toggle_action (gpointer data)
{
  Toggle *toggle = data;

  gtk_toggle_button_set_active (toggle->button, toggle->active);
}

typedef struct {
  GtkListBox    *list;
  GtkListBoxRow *row;
} PickRow;

/* As a click does: select the row, then activate it. */
static void
pick_row_action (gpointer data)
{
  PickRow *pick = data;

  if (gtk_list_box_get_selection_mode (pick->list) != GTK_SELECTION_NONE)
    gtk_list_box_select_row (pick->list, pick->row);
  gtk_widget_activate (GTK_WIDGET (pick->row));
}

static char *
describe_row (GtkListBoxRow *row)
{
  GtkWidget *label = find_widget (GTK_WIDGET (row), GTK_TYPE_LABEL);

  if (label != NULL)
    return g_strdup (gtk_label_get_text (GTK_LABEL (label)));
  return g_strdup_printf ("row %d", gtk_list_box_row_get_index (row) + 1);
}

static gint64 search_changed_at;

static gboolean
search_changed_hook (GSignalInvocationHint *hint,
                     guint                  n_params,
                     const GValue          *params,
                     gpointer               user_data)
{
  if (search_changed_at == 0)
    search_changed_at = g_get_monotonic_time ();
  return TRUE;
}

static GtkWidget *
find_view (GtkWidget  *window,
           const char *type_name)
{
  GType type = g_type_from_name (type_name);

  return type != G_TYPE_INVALID ? find_widget (window, type) : NULL;
}

static void
bench_sorting (Stage      *stage,
               const char *view_label)
{
  g_autoptr(GPtrArray) column_views = find_widgets (stage->view, GTK_TYPE_COLUMN_VIEW);
  guint n_sortable = 0;

  for (guint c = 0; c < column_views->len; c++)
    {
      GtkColumnView *column_view = g_ptr_array_index (column_views, c);
      GListModel *columns = gtk_column_view_get_columns (column_view);

      for (guint i = 0; i < g_list_model_get_n_items (columns); i++)
        {
          g_autoptr(GtkColumnViewColumn) column = g_list_model_get_item (columns, i);
          const char *title = gtk_column_view_column_get_title (column);

          if (gtk_column_view_column_get_sorter (column) == NULL)
            continue;
          n_sortable++;

          /* Descending first: a list starts sorted ascending on some
           * column, and sorting it so again changes nothing. */
          for (int d = 0; d < 2; d++)
            {
              SortBy sort = { column_view, column, d == 0 ? GTK_SORT_DESCENDING : GTK_SORT_ASCENDING };
              g_autofree char *label = g_strdup_printf ("%s: sort by “%s” %s", view_label,
                                                        title != NULL ? title : "?",
                                                        d == 0 ? "descending" : "ascending");
              Timing timing = time_action (stage, sort_action, &sort, NULL);
              gboolean no_op = timing.statements->len == 0 && timing.n_list_changes == 0;

              add_timing_row (label, &timing, no_op ? "the list did not change" : NULL);
            }
        }
    }

  if (n_sortable == 0)
    {
      g_autofree char *what = g_strdup_printf ("%s: sorting (no column view with a sortable column on screen)",
                                               view_label);
      note_unmeasured (what);
    }
}

static void
bench_filters (Stage      *stage,
               const char *view_label)
{
  g_autoptr(GPtrArray) dropdowns = find_widgets (stage->view, GTK_TYPE_DROP_DOWN);
  g_autoptr(GPtrArray) entries = find_widgets (stage->view, GTK_TYPE_SEARCH_ENTRY);
  g_autoptr(GPtrArray) toggles = find_widgets (stage->view, GTK_TYPE_TOGGLE_BUTTON);
  g_autoptr(GPtrArray) lists = find_widgets (stage->view, GTK_TYPE_LIST_BOX);
  /* A ticket's number only where tickets are listed. */
  const char *texts[] = { "张", "Li", "", g_str_equal (view_label, "Tickets") ? bench.ticket_number : NULL, "" };
  guint n_filters = 0;

  for (guint i = 0; i < dropdowns->len; i++)
    {
      GtkDropDown *dropdown = g_ptr_array_index (dropdowns, i);
      GListModel *model = gtk_drop_down_get_model (dropdown);
      guint initial = gtk_drop_down_get_selected (dropdown);
      guint n = model != NULL ? g_list_model_get_n_items (model) : 0;
      g_autofree char *name = describe_widget (GTK_WIDGET (dropdown));
      guint measured = 0;

      n_filters++;
      for (guint p = 0; p < n && measured < MAX_DROPDOWN_CHOICES; p++)
        {
          Choose choose = { dropdown, p };
          g_autofree char *item = NULL;
          g_autofree char *label = NULL;
          Timing timing;

          if (p == initial)
            continue;
          item = describe_dropdown_item (dropdown, p);
          label = g_strdup_printf ("%s: filter %s = “%s”", view_label, name, item);
          timing = time_action (stage, choose_action, &choose, NULL);
          add_timing_row (label, &timing, NULL);
          measured++;
        }

      if (initial != GTK_INVALID_LIST_POSITION && initial < n)
        {
          Choose choose = { dropdown, initial };
          g_autofree char *item = describe_dropdown_item (dropdown, initial);
          g_autofree char *label = g_strdup_printf ("%s: filter %s back to “%s”", view_label, name, item);
          Timing timing = time_action (stage, choose_action, &choose, NULL);

          add_timing_row (label, &timing, NULL);
        }
    }

  for (guint i = 0; i < entries->len; i++)
    {
      GtkEditable *entry = g_ptr_array_index (entries, i);
      g_autofree char *name = describe_widget (GTK_WIDGET (entry));
      guint signal_id = g_signal_lookup ("search-changed", GTK_TYPE_SEARCH_ENTRY);
      gulong hook = g_signal_add_emission_hook (signal_id, 0, search_changed_hook, NULL, NULL);

      n_filters++;
      for (guint t = 0; t < G_N_ELEMENTS (texts) && texts[t] != NULL; t++)
        {
          TypeText type = { entry, texts[t] };
          g_autofree char *label = texts[t][0] != '\0'
            ? g_strdup_printf ("%s: type “%s” in %s", view_label, texts[t], name)
            : g_strdup_printf ("%s: clear %s", view_label, name);
          Timing timing;

          search_changed_at = 0;
          timing = time_action (stage, type_action, &type, &search_changed_at);
          add_timing_row (label, &timing, "from “search-changed” (after the entry’s typing delay)");
        }
      g_signal_remove_emission_hook (signal_id, hook);
    }

  /* A list box in a view picks what the list shows (the ticket queues). */
  for (guint i = 0; i < lists->len; i++)
    {
      GtkListBox *list = g_ptr_array_index (lists, i);
      g_autofree char *name = describe_widget (GTK_WIDGET (list));
      GtkListBoxRow *initial = gtk_list_box_get_selected_row (list);
      guint measured = 0;

      /* Rows that cannot be selected are records (an agenda), not a
       * choice of what to show; bench_open_record() opens one. */
      if (gtk_list_box_get_row_at_index (list, 0) == NULL ||
          gtk_list_box_get_selection_mode (list) == GTK_SELECTION_NONE)
        continue;

      n_filters++;
      for (int r = 0; measured < MAX_DROPDOWN_CHOICES; r++)
        {
          PickRow pick = { list, gtk_list_box_get_row_at_index (list, r) };
          g_autofree char *item = NULL;
          g_autofree char *label = NULL;
          Timing timing;

          if (pick.row == NULL)
            break;
          if (pick.row == initial || !gtk_widget_get_visible (GTK_WIDGET (pick.row)))
            continue;
          item = describe_row (pick.row);
          label = g_strdup_printf ("%s: %s “%s”", view_label, name, item);
          timing = time_action (stage, pick_row_action, &pick, NULL);
          add_timing_row (label, &timing, NULL);
          measured++;
        }

      if (initial != NULL)
        {
          PickRow pick = { list, initial };
          g_autofree char *item = describe_row (initial);
          g_autofree char *label = g_strdup_printf ("%s: %s back to “%s”", view_label, name, item);
          Timing timing = time_action (stage, pick_row_action, &pick, NULL);

          add_timing_row (label, &timing, NULL);
        }
    }

  /* A toggle button in a view's bar is a filter ("Show archived"). */
  for (guint i = 0; i < toggles->len; i++)
    {
      GtkToggleButton *button = g_ptr_array_index (toggles, i);
      g_autofree char *name = NULL;
      gboolean initial = gtk_toggle_button_get_active (button);

      /* Drop-downs and menu buttons are built on a toggle button that
       * opens their popover: not a filter. */
      if (gtk_widget_get_ancestor (GTK_WIDGET (button), GTK_TYPE_DROP_DOWN) != NULL ||
          gtk_widget_get_ancestor (GTK_WIDGET (button), GTK_TYPE_MENU_BUTTON) != NULL ||
          gtk_widget_get_ancestor (GTK_WIDGET (button), ADW_TYPE_SPLIT_BUTTON) != NULL)
        continue;

      name = describe_widget (GTK_WIDGET (button));
      n_filters++;
      for (int t = 0; t < 2; t++)
        {
          Toggle toggle = { button, t == 0 ? !initial : initial };
          g_autofree char *label = g_strdup_printf ("%s: turn %s %s", view_label, name,
                                                    toggle.active ? "on" : "off");
          Timing timing = time_action (stage, toggle_action, &toggle, NULL);

          add_timing_row (label, &timing, NULL);
        }
    }

  if (n_filters == 0)
    {
      g_autofree char *what = g_strdup_printf ("%s: filters (no drop-down, list box, search entry or toggle on screen)",
                                               view_label);

      note_unmeasured (what);
    }
}

static void
bench_open_record (Stage      *stage,
                   const char *view_label,
                   const char *record)
{
  GtkWidget *column_view = find_widget (stage->view, GTK_TYPE_COLUMN_VIEW);
  GtkWidget *list = NULL;
  g_autofree char *label = g_strdup_printf ("%s: open the first %s", view_label, record);
  Activate activate = { NULL, NULL };
  Timing timing;

  /* The column view's rows live in the list view inside it, which owns
   * the "list.activate-item" action. */
  if (column_view != NULL)
    list = find_widget (column_view, GTK_TYPE_LIST_VIEW);
  if (list == NULL)
    list = find_widget (stage->view, GTK_TYPE_LIST_VIEW);
  if (list == NULL)
    {
      /* An agenda: the first row of the first list box with rows. */
      g_autoptr(GPtrArray) boxes = find_widgets (stage->view, GTK_TYPE_LIST_BOX);

      for (guint i = 0; i < boxes->len && activate.row == NULL; i++)
        if (gtk_widget_get_mapped (g_ptr_array_index (boxes, i)))
          activate.row = gtk_list_box_get_row_at_index (g_ptr_array_index (boxes, i), 0);
    }
  if (list == NULL && activate.row == NULL)
    {
      g_autofree char *what = g_strdup_printf ("%s: opening a %s (no list on screen)", view_label, record);

      note_unmeasured (what);
      return;
    }

  activate.list = list;
  opening_record = TRUE;
  timing = time_action (stage, activate_action, &activate, NULL);
  opening_record = FALSE;
  if (timing.new_window == NULL && timing.statements->len == 0)
    {
      g_autofree char *what = g_strdup_printf ("%s: opening a %s (activating the first row did nothing)",
                                               view_label, record);

      note_unmeasured (what);
      g_clear_pointer (&timing.statements, g_ptr_array_unref);
      g_free (timing.draw_job);
      return;
    }
  add_timing_row (label, &timing, timing.new_window != NULL ? "in a new window" : NULL);

  if (timing.new_window != NULL)
    {
      gtk_window_destroy (timing.new_window);
      settle (SETTLE_MS);
    }
}

/* Runs the main loop until @widget's window draws a frame after @since;
 * returns its time, or 0 after ACTION_TIMEOUT_US. */
static gint64
wait_for_frame (GtkWidget *widget,
                gint64     since)
{
  FrameWatch watch;
  gint64 end = 0;
  guint wake = g_timeout_add (5, wake_cb, NULL);

  frame_watch_init (&watch);
  frame_watch_add (&watch, GTK_WIDGET (gtk_widget_get_root (widget)));
  gtk_widget_queue_draw (widget);
  while (end == 0 && g_get_monotonic_time () - since < ACTION_TIMEOUT_US)
    {
      g_main_context_iteration (NULL, TRUE);
      end = frame_watch_first_after (&watch, since);
    }
  g_source_remove (wake);
  frame_watch_clear (&watch);
  return end;
}

/* Flings the first list of @stage's view from its top to its bottom in
 * SCROLL_STEPS equal jumps (each one shows rows not on screen before),
 * and back; each jump is timed to the frame that shows it. The drawing
 * floor scrolls as many rows the same way. */
static void
bench_scrolling (Stage      *stage,
                 const char *view_label)
{
  GtkWidget *column_view = find_widget (stage->view, GTK_TYPE_COLUMN_VIEW);
  GtkWidget *scrolled = column_view != NULL ? gtk_widget_get_ancestor (column_view, GTK_TYPE_SCROLLED_WINDOW) : NULL;
  g_autoptr(GArray) times = g_array_new (FALSE, FALSE, sizeof (double));
  g_autofree char *label = NULL;
  GtkAdjustment *adjustment;
  guint n_items;
  Row *row;

  if (scrolled == NULL)
    {
      g_autofree char *what = g_strdup_printf ("%s: scrolling (no column view on screen)", view_label);

      note_unmeasured (what);
      return;
    }
  n_items = count_items (stage->view);
  adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scrolled));
  settle (SETTLE_MS);
  for (guint i = 1; i <= 2 * SCROLL_STEPS; i++)
    {
      double range = gtk_adjustment_get_upper (adjustment) - gtk_adjustment_get_page_size (adjustment);
      guint step = i <= SCROLL_STEPS ? i : 2 * SCROLL_STEPS - i;
      gint64 start = g_get_monotonic_time ();
      gint64 end;
      double ms;

      if (range <= 0)
        break;
      gtk_adjustment_set_value (adjustment, range * step / SCROLL_STEPS);
      end = wait_for_frame (scrolled, start);
      if (end == 0)
        break;
      ms = usec_to_ms (end - start);
      g_array_append_val (times, ms);
    }
  if (times->len == 0)
    {
      g_autofree char *what = g_strdup_printf ("%s: scrolling (the list does not scroll, or drew nothing)", view_label);

      note_unmeasured (what);
      return;
    }

  label = g_strdup_printf ("%s: scroll the list to the end and back", view_label);
  row = add_row (ROW_SCROLL, label);
  g_array_sort (times, compare_doubles);
  row->value = g_array_index (times, double, MIN (times->len - 1, (guint) (0.95 * times->len)));
  row->longest_ms = g_array_index (times, double, times->len - 1);
  row->n_items = n_items;
  row->draw_job = g_strdup_printf ("scroll:%u:%u:%u", count_visible_columns (GTK_COLUMN_VIEW (column_view)),
                                   n_items, SCROLL_STEPS);
  row->note = g_strdup_printf ("%d jumps down and %d up, each a page or more; 95th percentile and longest frame",
                               SCROLL_STEPS, SCROLL_STEPS);
  progress ("  %-52s %8.1f ms  (longest %.1f ms)", label, row->value, row->longest_ms);
}

/* The row of a list box (a ticket queue) whose first label reads @text. */
static GtkListBoxRow *
find_list_row (GtkWidget  *view,
               const char *text)
{
  g_autoptr(GPtrArray) lists = find_widgets (view, GTK_TYPE_LIST_BOX);

  for (guint i = 0; i < lists->len; i++)
    for (int r = 0; ; r++)
      {
        GtkListBoxRow *row = gtk_list_box_get_row_at_index (g_ptr_array_index (lists, i), r);
        g_autofree char *label = NULL;

        if (row == NULL)
          break;
        label = describe_row (row);
        if (g_strcmp0 (label, text) == 0)
          return row;
      }
  return NULL;
}

/* Sorting and scrolling also where the list is longest: All tickets, and
 * every customer with the archived ones. */
static void
bench_biggest_list (Stage      *stage,
                    const char *name)
{
  if (g_str_equal (name, CD_VIEW_TICKETS))
    {
      GtkListBoxRow *all = find_list_row (stage->view, "All tickets");
      GtkListBox *list = all != NULL ? GTK_LIST_BOX (gtk_widget_get_parent (GTK_WIDGET (all))) : NULL;
      GtkListBoxRow *initial = list != NULL ? gtk_list_box_get_selected_row (list) : NULL;

      if (all == NULL)
        {
          note_unmeasured ("Tickets: the All tickets queue (no row reads “All tickets”)");
          return;
        }
      pick_row_action (&(PickRow) { list, all });
      settle (QUIET_US / 1000);
      bench_sorting (stage, "Tickets, All tickets");
      bench_scrolling (stage, "Tickets, All tickets");
      if (initial != NULL)
        pick_row_action (&(PickRow) { list, initial });
      settle (QUIET_US / 1000);
    }
  else if (g_str_equal (name, CD_VIEW_CUSTOMERS))
    {
      g_autoptr(GPtrArray) toggles = find_widgets (stage->view, GTK_TYPE_TOGGLE_BUTTON);
      GtkToggleButton *archived = NULL;

      for (guint i = 0; i < toggles->len; i++)
        if (g_strcmp0 (gtk_buildable_get_buildable_id (g_ptr_array_index (toggles, i)), "archived_button") == 0)
          archived = g_ptr_array_index (toggles, i);
      if (archived == NULL)
        {
          note_unmeasured ("Customers with the archived ones (no archived_button on screen)");
          return;
        }
      gtk_toggle_button_set_active (archived, TRUE);
      settle (QUIET_US / 1000);
      bench_sorting (stage, "Customers, archived too");
      bench_scrolling (stage, "Customers, archived too");
      gtk_toggle_button_set_active (archived, FALSE);
      settle (QUIET_US / 1000);
    }
}

/* Only the opening of a view's first record, as in bench_view(), with
 * the view shown and its list settled first: for --view records. */
static void
bench_first_record (CdWindow   *window,
                    const char *name,
                    const char *label,
                    const char *type_name,
                    const char *record)
{
  Stage stage = { GTK_WIDGET (window), NULL };

  cd_window_show_view (window, name);
  settle (QUIET_US / 1000);
  stage.view = find_view (GTK_WIDGET (window), type_name);
  if (stage.view == NULL)
    {
      g_autofree char *what = g_strdup_printf ("the %s view (no %s on screen)", label, type_name);

      note_unmeasured (what);
      return;
    }
  bench_open_record (&stage, label, record);
}

/* Resident memory since the database was shown, for progress_memory(). */
static double memory_shown_mb;
static void progress_memory (const char *after,
                             double      rss_before);

static void
bench_view (CdWindow   *window,
            const char *name,
            const char *label,
            const char *type_name,
            const char *record)
{
  ShowView show = { window, name };
  Stage stage = { GTK_WIDGET (window), NULL };
  g_autofree char *action = g_strdup_printf ("Open the %s view", label);
  Timing timing;

  timing = time_action (&stage, show_view_action, &show, NULL);
  stage.view = find_view (GTK_WIDGET (window), type_name);
  timing.n_items = stage.view != NULL ? count_items (stage.view) : G_MAXUINT;
  add_timing_row (action, &timing, "the first time: builds the view");

  if (stage.view == NULL)
    {
      g_autofree char *what = g_strdup_printf ("the %s view (no %s on screen)", label, type_name);

      note_unmeasured (what);
      return;
    }

  progress_memory (action, memory_shown_mb);
  bench_filters (&stage, label);
  bench_sorting (&stage, label);
  progress_memory ("its filters and sorts", memory_shown_mb);
  bench_scrolling (&stage, label);
  bench_biggest_list (&stage, name);
  progress_memory ("its scrolling", memory_shown_mb);
  bench_open_record (&stage, label, record);

  /* Once built, a view is shown again from another one. */
  {
    ShowView overview = { window, CD_VIEW_OVERVIEW };
    g_autofree char *again = g_strdup_printf ("Open the %s view again", label);

    show_view_action (&overview);
    settle (SETTLE_MS);
    timing = time_action (&stage, show_view_action, &show, NULL);
    add_timing_row (again, &timing, "from the Overview, the view already built");
  }
}

typedef struct {
  CdTrainingView *view;
  const char     *name;
} ShowTrainingPage;

static void
show_training_page_action (gpointer data)
{
  ShowTrainingPage *show = data;

  cd_training_view_show_page (show->view, show->name);
}

typedef struct {
  CdTrainingView *view;
  GtkWidget      *list;
  gulong          loaded_id;
  GtkWidget      *record;
} OpenFromMatrix;

/* The record is read on the store's read lane, out of the main
 * connection's statements: its arrival is the activity the frame must
 * follow. */
static void
on_record_loading_cb (GObject    *page,
                      GParamSpec *pspec,
                      gpointer    data)
{
  if (!cd_record_page_get_loading (CD_RECORD_PAGE (page)))
    capture.last_activity = g_get_monotonic_time ();
}

static void
open_from_matrix_action (gpointer data)
{
  OpenFromMatrix *open = data;

  gtk_widget_activate_action (open->list, "list.activate-item", "u", 0);
  open->record = cd_training_view_get_page_widget (open->view, "record");
  if (open->record != NULL && open->loaded_id == 0)
    open->loaded_id = g_signal_connect (open->record, "notify::loading", G_CALLBACK (on_record_loading_cb), NULL);
}

/* A person's record opened from the first row of the matrix, and back. */
static void
bench_training_open_record (Stage          *stage,
                            CdTrainingView *view,
                            const char     *label)
{
  GtkWidget *column_view = find_widget (stage->view, GTK_TYPE_COLUMN_VIEW);
  OpenFromMatrix open = { view, NULL, 0, NULL };
  Timing timing;

  if (column_view != NULL)
    open.list = find_widget (column_view, GTK_TYPE_LIST_VIEW);
  if (open.list == NULL)
    {
      g_autofree char *what = g_strdup_printf ("%s: opening a record (no list on screen)", label);

      note_unmeasured (what);
      return;
    }
  timing = time_action (stage, open_from_matrix_action, &open, NULL);
  if (open.record == NULL || g_strcmp0 (cd_training_view_get_page (view), "record") != 0)
    {
      g_autofree char *what = g_strdup_printf ("%s: opening a record (activating the first row did nothing)",
                                               label);

      note_unmeasured (what);
      g_clear_pointer (&timing.statements, g_ptr_array_unref);
      return;
    }
  {
    g_autofree char *action = g_strdup_printf ("%s: open the first person's record", label);

    add_timing_row (action, &timing, "read on the store's read lane: its SQL is not in the SQL column");
  }
  g_signal_handler_disconnect (open.record, open.loaded_id);
  cd_training_view_show_page (view, CD_TRAINING_PAGE_MATRIX);
  settle (SETTLE_MS);
}

/* Each page of the Training view: shown the first time (built), then its
 * filters and sorts, as for the other views; from the matrix, a record. */
static void
bench_training_pages (CdWindow *window)
{
  static const struct {
    const char *name;
    const char *label;
  } pages[] = {
    { CD_TRAINING_PAGE_PLAN, "Training plan" },
    { CD_TRAINING_PAGE_SESSIONS, "Training sessions" },
    { CD_TRAINING_PAGE_ASSESSMENTS, "Training assessments" },
    { CD_TRAINING_PAGE_CERTIFICATIONS, "Training certifications" },
    { CD_TRAINING_PAGE_COURSES, "Training courses" },
    { CD_TRAINING_PAGE_COVERAGE, "Training coverage" },
    { CD_TRAINING_PAGE_MATRIX, "Training matrix" },
  };
  GtkWidget *view = find_view (GTK_WIDGET (window), "CdTrainingView");

  if (view == NULL)
    {
      note_unmeasured ("the Training view's pages (no CdTrainingView on screen)");
      return;
    }
  cd_window_show_view (window, CD_VIEW_TRAINING);
  settle (SETTLE_MS);
  for (guint i = 0; i < G_N_ELEMENTS (pages); i++)
    {
      ShowTrainingPage show = { CD_TRAINING_VIEW (view), pages[i].name };
      Stage stage = { GTK_WIDGET (window), view };
      g_autofree char *action = g_strdup_printf ("Show the %s page", pages[i].label);
      Timing timing = time_action (&stage, show_training_page_action, &show, NULL);

      stage.view = cd_training_view_get_page_widget (CD_TRAINING_VIEW (view), pages[i].name);
      timing.n_items = count_items (stage.view);
      add_timing_row (action, &timing, i + 1 < G_N_ELEMENTS (pages) ? "the first time: builds the page"
                                                                    : "built already: shown again");
      bench_filters (&stage, pages[i].label);
      bench_sorting (&stage, pages[i].label);
      if (g_str_equal (pages[i].name, CD_TRAINING_PAGE_MATRIX))
        bench_training_open_record (&stage, CD_TRAINING_VIEW (view), pages[i].label);
      progress_memory (pages[i].label, memory_shown_mb);
    }
}

/* This process's resident memory, in MB. */
static double
resident_mb (void)
{
  g_autofree char *line = read_first_line ("/proc/self/status", "VmRSS:");

  return line != NULL ? g_ascii_strtod (line + strlen ("VmRSS:"), NULL) / 1024.0 : -1;
}

/* Where the long session's memory goes, view by view (on stderr). */
static double
status_mb (const char *field)
{
  g_autofree char *line = read_first_line ("/proc/self/status", field);

  return line != NULL ? g_ascii_strtod (line + strlen (field), NULL) / 1024.0 : -1;
}

static void
progress_memory (const char *after,
                 double      rss_before)
{
  double rss = resident_mb ();

  progress ("Resident memory after %s: %.1f MB (%+.1f MB since the database was shown; "
            "now %.1f MB anonymous, %.1f MB of files)", after, rss, rss - rss_before,
            status_mb ("RssAnon:"), status_mb ("RssFile:"));
}


/* Opens the records of a view one after the other, as someone working
 * through a list does, and closes each window one opens. */
static guint
open_records (CdWindow   *window,
              const char *name,
              const char *type_name,
              guint       n)
{
  GtkWidget *view;
  GtkWidget *column_view;
  GtkWidget *list = NULL;
  GtkListBox *agenda = NULL;
  guint n_rows = 0, opened = 0;

  cd_window_show_view (window, name);
  settle (SETTLE_MS);
  view = find_view (GTK_WIDGET (window), type_name);
  if (view == NULL)
    return 0;
  column_view = find_widget (view, GTK_TYPE_COLUMN_VIEW);
  if (column_view != NULL)
    {
      list = find_widget (column_view, GTK_TYPE_LIST_VIEW);
      n_rows = count_items (view);
    }
  else
    {
      g_autoptr(GPtrArray) boxes = find_widgets (view, GTK_TYPE_LIST_BOX);

      for (guint i = 0; i < boxes->len && agenda == NULL; i++)
        if (gtk_list_box_get_row_at_index (g_ptr_array_index (boxes, i), 0) != NULL &&
            gtk_list_box_get_selection_mode (g_ptr_array_index (boxes, i)) == GTK_SELECTION_NONE)
          agenda = g_ptr_array_index (boxes, i);
      while (agenda != NULL && gtk_list_box_get_row_at_index (agenda, n_rows) != NULL)
        n_rows++;
    }
  if ((list == NULL && agenda == NULL) || n_rows == 0 || n_rows == G_MAXUINT)
    return 0;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GList) before = gtk_window_list_toplevels ();
      g_autoptr(GList) after = NULL;
      gint64 start = g_get_monotonic_time ();

      if (list != NULL)
        gtk_widget_activate_action (list, "list.activate-item", "u", i % n_rows);
      else
        g_signal_emit_by_name (gtk_list_box_get_row_at_index (agenda, i % n_rows), "activate");
      after = gtk_window_list_toplevels ();
      for (GList *l = after; l != NULL; l = l->next)
        if (g_list_find (before, l->data) == NULL)
          {
            wait_for_frame (l->data, start);
            gtk_window_destroy (l->data);
          }
      wait_for_frame (GTK_WIDGET (window), start);
      while (g_main_context_iteration (NULL, FALSE))
        ;
      opened++;
    }
  settle (SETTLE_MS);
  return opened;
}

/* Live instances of every GObject type, by type (needs
 * GOBJECT_DEBUG=instance-count; empty otherwise). */
static void
count_instances (GType       type,
                 GHashTable *counts)
{
  g_autofree GType *children = NULL;
  guint n_children = 0;
  int count = g_type_get_instance_count (type);

  if (count != 0)
    g_hash_table_insert (counts, GSIZE_TO_POINTER (type), GINT_TO_POINTER (count));
  children = g_type_children (type, &n_children);
  for (guint i = 0; i < n_children; i++)
    count_instances (children[i], counts);
}

static GHashTable *
instance_counts (void)
{
  GHashTable *counts = g_hash_table_new (NULL, NULL);

  count_instances (G_TYPE_OBJECT, counts);
  return counts;
}

/* With --verbose: the types of which more instances live than before. */
static void
report_instance_growth (GHashTable *before,
                        const char *what)
{
  g_autoptr(GHashTable) after = instance_counts ();
  GHashTableIter iter;
  gpointer key, value;

  if (!bench.verbose)
    return;
  g_hash_table_iter_init (&iter, after);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      int grown = GPOINTER_TO_INT (value) - GPOINTER_TO_INT (g_hash_table_lookup (before, key));

      if (grown > 0)
        progress ("  %s: %+d %s", what, grown, g_type_name ((GType) GPOINTER_TO_SIZE (key)));
    }
}

/* The bytes malloc has handed out and not been given back, in MB: what
 * resident memory would be without fragmentation and freed pages kept. */
static double
heap_in_use_mb (void)
{
  struct mallinfo2 info = mallinfo2 ();

  return (double) (info.uordblks + info.hblkhd) / (1024.0 * 1024.0);
}

/* Opens @n records of a view and reports what they left behind. */
static guint
open_records_measured (CdWindow   *window,
                       const char *name,
                       const char *type_name,
                       guint       n,
                       GString    *note)
{
  g_autoptr(GHashTable) before = NULL;
  double rss_view, rss_start, rss_first, heap_start;
  guint opened;

  /* The first record builds what every later one reuses: what stays
   * after it is not what records leave behind. */
  cd_window_show_view (window, name);
  settle (SETTLE_MS);
  rss_view = resident_mb ();
  opened = open_records (window, name, type_name, 1);
  rss_start = resident_mb ();
  heap_start = heap_in_use_mb ();
  before = instance_counts ();
  opened += open_records (window, name, type_name, n - 1);
  rss_first = resident_mb ();
  report_instance_growth (before, type_name);
  progress ("  %s: %u records, %+.1f MB with the first, %+.1f MB after it (%.1f KB a record; heap in use %+.1f KB a record)",
            type_name, opened, rss_start - rss_view, rss_first - rss_start,
            opened > 1 ? (rss_first - rss_start) * 1024.0 / (opened - 1) : 0.0,
            opened > 1 ? (heap_in_use_mb () - heap_start) * 1024.0 / (opened - 1) : 0.0);
  g_string_append_printf (note, "%s%s %+.1f MB for %u", note->len > 0 ? ", " : "", type_name,
                          rss_first - rss_start, opened > 1 ? opened - 1 : 0);
  return opened;
}

/* Where the long session's memory goes, view by view (on stderr). */
/* The long session: every list was scrolled end to end and sorted by
 * every column above; now SESSION_RECORDS records are opened and closed. */
static void
bench_long_session (CdWindow *window,
                    double    rss_before)
{
  guint n = SESSION_RECORDS / 5;
  guint opened = 0;
  double rss_lists = resident_mb ();
  g_autoptr(GString) per_view = g_string_new (NULL);
  Row *row;

  progress ("A long session: opening and closing %d records…", SESSION_RECORDS);
  opened += open_records_measured (window, CD_VIEW_CUSTOMERS, "CdCustomersView", 2 * n, per_view);
  opened += open_records_measured (window, CD_VIEW_TICKETS, "CdTicketsView", 2 * n, per_view);
  opened += open_records_measured (window, CD_VIEW_COMPLAINTS, "CdComplaintsView", SESSION_RECORDS - 4 * n,
                                   per_view);
  cd_window_show_view (window, CD_VIEW_OVERVIEW);
  settle (1000);

  row = add_row (ROW_SESSION_MEMORY, "Resident memory after a long session, next to its start");
  row->value = resident_mb ();
  row->floor = rss_before;
  row->note = g_strdup_printf ("every list above scrolled end to end and sorted by each column (%.1f MB then), "
                               "then %u records opened and closed (customers, tickets, follow-ups; resident memory "
                               "after the first record of each: %s); this process's VmRSS after showing the "
                               "database and at the end", rss_lists, opened, per_view->str);
}

/* The Training view at its widest: 300 people by 60 certifications ------- */

#define WIDE_STAFF "300"
#define WIDE_EXTRA_CERTIFICATIONS 55

/* 55 certifications more than the demo's five (eleven subjects at five
 * levels, every fourth required of reps and every sixth of everyone),
 * and about 5 500 records of them (6 500 with the demo's): a required
 * one held by six people in ten, another by two; of those held, 55 %
 * active, 10 % expiring within 30 days, 25 % expired and 10 % revoked.
 * One statement each: the file is ready in about a second. */
static gboolean
add_wide_certifications (CdStore  *store,
                         GError  **error)
{
  gint64 now = cd_store_now (store);
  g_autofree char *certifications = g_strdup_printf (
    "WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < %d) "
    "INSERT INTO certifications (name, level, validity_months, description, created_at, updated_at, "
    "                            required_roles) "
    "SELECT (SELECT s FROM (SELECT 0 AS k, 'Smart speakers' AS s UNION ALL SELECT 1, 'Home cameras' "
    "        UNION ALL SELECT 2, 'Routers and mesh' UNION ALL SELECT 3, 'Wearables' "
    "        UNION ALL SELECT 4, 'Payments' UNION ALL SELECT 5, 'Warranty claims' "
    "        UNION ALL SELECT 6, 'Enterprise accounts' UNION ALL SELECT 7, '售后服务 After-sales' "
    "        UNION ALL SELECT 8, 'Live chat' UNION ALL SELECT 9, 'Escalations' "
    "        UNION ALL SELECT 10, 'Accessibility') WHERE k = i %% 11), "
    "       CASE i / 11 WHEN 0 THEN 'Basic' WHEN 1 THEN 'L1' WHEN 2 THEN 'L2' WHEN 3 THEN 'Specialist' "
    "                   ELSE 'Expert' END, "
    "       CASE i %% 2 WHEN 0 THEN 12 ELSE 24 END, NULL, %" G_GINT64_FORMAT ", %" G_GINT64_FORMAT ", "
    "       CASE WHEN i %% 6 = 5 THEN 15 WHEN i %% 4 = 3 THEN 1 ELSE 0 END "
    "FROM n",
    WIDE_EXTRA_CERTIFICATIONS - 1, now, now);
  /* k picks the state; a day is 86400 s, a month 30 days. */
  g_autofree char *records = g_strdup_printf (
    "INSERT INTO staff_certifications (staff_id, certification_id, issued_at, expires_at, revoked_at, "
    "                                  revoke_reason, created_at, updated_at) "
    "SELECT staff_id, certification_id, expires - validity * 30 * 86400, expires, "
    "       CASE WHEN k >= 90 THEN %" G_GINT64_FORMAT " - 5 * 86400 END, "
    "       CASE WHEN k >= 90 THEN 'Left the product team' END, %" G_GINT64_FORMAT ", %" G_GINT64_FORMAT " "
    "FROM (SELECT s.id AS staff_id, c.id AS certification_id, c.validity_months AS validity, k, "
    "             CASE WHEN k < 55 OR k >= 90 THEN %" G_GINT64_FORMAT " + (40 + k * 5) * 86400 "
    "                  WHEN k < 65 THEN %" G_GINT64_FORMAT " + (1 + (k - 55) * 3) * 86400 "
    "                  ELSE %" G_GINT64_FORMAT " - (k - 64) * 12 * 86400 END AS expires "
    "      FROM (SELECT s.id, c.id AS cid, (s.id * 31 + c.id * 17) %% 100 AS k, "
    "                   (s.id * 7 + c.id * 13) %% 10 AS pick, c.required_roles AS required "
    "            FROM staff s, certifications c WHERE c.id > (SELECT max(id) - %d FROM certifications)) AS p "
    "      JOIN staff s ON s.id = p.id JOIN certifications c ON c.id = p.cid "
    "      WHERE p.pick < CASE WHEN p.required != 0 THEN 6 ELSE 2 END)",
    now, now, now, now, now, now, WIDE_EXTRA_CERTIFICATIONS);
  gboolean ok;

  if (!cd_store_begin (store, error))
    return FALSE;
  ok = cd_store_exec (store, certifications, error) && cd_store_exec (store, records, error);
  return cd_store_finish (store, ok, error);
}

static CdStore *
make_wide_file (const char  *path,
                GError     **error)
{
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(CdStore) store = NULL;

  process = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_SILENCE, error,
                              CD_BENCHMARK_CAREDESK, "--generate-demo", "small:" WIDE_STAFF,
                              "--database", path, NULL);
  if (process == NULL || !g_subprocess_wait_check (process, NULL, error))
    return NULL;
  store = cd_store_open (path, CD_STORE_OPEN_DEFAULT, error);
  if (store == NULL ||
      !cd_store_sign_in (store, g_get_user_name (), g_get_real_name (), error) ||
      !add_wide_certifications (store, error))
    return NULL;
  return g_steal_pointer (&store);
}

/* The Training view on a team of 300 with 60 certifications, in the same
 * window: opened the first time, its matrix filtered, searched, sorted
 * and scrolled, and a person's record opened from it. Its rows' SQL
 * floors run on that file. */
static void
bench_training_wide (CdWindow *window)
{
  g_autofree char *path = g_build_filename (bench.tmp_dir, "wide.caredesk", NULL);
  g_autoptr(CdStore) store = NULL;
  g_autoptr(GError) error = NULL;
  gint64 start = g_get_monotonic_time ();
  ShowView overview = { window, CD_VIEW_OVERVIEW };
  Row *row;

  progress ("The Training view with %s people and %d certifications…", WIDE_STAFF,
            5 + WIDE_EXTRA_CERTIFICATIONS);
  store = make_wide_file (path, &error);
  if (store == NULL)
    {
      g_autofree char *what = g_strdup_printf ("the Training view at %s people: %s", WIDE_STAFF, error->message);

      note_unmeasured (what);
      return;
    }
  capture_attach (store);
  row = add_row (ROW_INFO, "Build the 300-person, 60-certification file");
  row->value = usec_to_ms (g_get_monotonic_time () - start);
  row->note = g_strdup_printf ("--generate-demo small:%s, then %d certifications added by SQL, "
                               "%" G_GINT64_FORMAT " certification records in all; no target of its own",
                               WIDE_STAFF, WIDE_EXTRA_CERTIFICATIONS,
                               cd_store_query_int (store, "SELECT count(*) FROM staff_certifications",
                                                   CD_NO_BIND, 0, NULL));

  show_view_action (&overview);
  cd_window_set_store (window, store);
  settle (1000);
  bench.rows_path = path;
  {
    ShowView show = { window, CD_VIEW_TRAINING };
    Stage stage = { GTK_WIDGET (window), NULL };
    Timing timing = time_action (&stage, show_view_action, &show, NULL);
    GtkWidget *view = find_view (GTK_WIDGET (window), "CdTrainingView");

    if (view == NULL)
      {
        g_clear_pointer (&timing.statements, g_ptr_array_unref);
        note_unmeasured ("the Training view at 300 people (no CdTrainingView on screen)");
        bench.rows_path = NULL;
        return;
      }
    cd_training_view_show_page (CD_TRAINING_VIEW (view), CD_TRAINING_PAGE_MATRIX);
    stage.view = cd_training_view_get_page_widget (CD_TRAINING_VIEW (view), CD_TRAINING_PAGE_MATRIX);
    timing.n_items = count_items (stage.view);
    add_timing_row ("Open the Training view (300 × 60)", &timing, "the first time: builds the view and its matrix");
    bench_filters (&stage, "Training matrix (300 × 60)");
    bench_sorting (&stage, "Training matrix (300 × 60)");
    bench_scrolling (&stage, "Training matrix (300 × 60)");
    bench_training_open_record (&stage, CD_TRAINING_VIEW (view), "Training matrix (300 × 60)");
  }
  bench.rows_path = NULL;
}

static void
on_activate_cb (GApplication *app,
                gpointer      user_data)
{
  g_autoptr(GSettings) settings = NULL;
  g_autoptr(CdStore) store = NULL;
  g_autoptr(GError) error = NULL;
  CdWindow *window;
  ShowView show;
  Stage stage;
  Timing timing;
  GskRenderer *renderer;
  double rss_before;

  g_application_hold (app);

  store = cd_store_open (bench.work_path, CD_STORE_OPEN_DEFAULT, &error);
  if (store == NULL ||
      !cd_store_sign_in (store, g_get_user_name (), g_get_real_name (), &error))
    {
      g_autofree char *what = g_strdup_printf ("the view actions: %s", error->message);

      note_unmeasured (what);
      g_application_release (app);
      return;
    }
  capture_attach (store);

  settings = g_settings_new (APP_ID);
  window = cd_window_new (GTK_APPLICATION (app), settings);
  g_object_set_data_full (G_OBJECT (window), "bench-store", g_object_ref (store), g_object_unref);
  gtk_window_present (GTK_WINDOW (window));
  stage.window = GTK_WIDGET (window);
  stage.view = NULL;

  /* The first frame of an empty window, then the database. */
  time_redraw (GTK_WIDGET (window));
  renderer = gtk_native_get_renderer (GTK_NATIVE (window));
  bench.renderer = g_strdup (renderer != NULL ? G_OBJECT_TYPE_NAME (renderer) : "unknown");

  progress ("View actions in the main window (renderer %s)…", bench.renderer);

  show.window = window;
  show.name = CD_VIEW_OVERVIEW;
  timing = time_action (&stage, set_store_action, &show, NULL);
  {
    Row *row = add_timing_row ("Show the database in the window", &timing,
                               "builds the Overview and counts the overdue badge, then builds the other list views in the background; part of start-up, no target of its own");
    row->kind = ROW_INFO;
  }
  settle (1000);
  rss_before = resident_mb ();
  memory_shown_mb = rss_before;
  progress_memory ("showing the database", rss_before);
  bench.window_width = gtk_widget_get_width (GTK_WIDGET (window));
  bench.window_height = gtk_widget_get_height (GTK_WIDGET (window));
  {
    gint64 id = cd_store_query_int (store, "SELECT max(id) / 3 FROM tickets", CD_NO_BIND, 1, NULL);

    bench.ticket_number = g_strdup_printf ("T-%06" G_GINT64_FORMAT, id);
  }
  timing = time_action (&stage, show_view_action, &show, NULL);
  add_timing_row ("Open the Overview", &timing, NULL);

  if (bench.only_view == NULL || g_strcmp0 (bench.only_view, "customers") == 0)
    {
      bench_view (window, CD_VIEW_CUSTOMERS, "Customers", "CdCustomersView", "customer");
      progress_memory ("the Customers view", rss_before);
    }
  if (bench.only_view == NULL || g_strcmp0 (bench.only_view, "tickets") == 0)
    {
      bench_view (window, CD_VIEW_TICKETS, "Tickets", "CdTicketsView", "ticket");
      progress_memory ("the Tickets view", rss_before);
    }
  if (bench.only_view == NULL || g_strcmp0 (bench.only_view, "complaints") == 0)
    {
      bench_view (window, CD_VIEW_COMPLAINTS, "Complaints", "CdComplaintsView", "follow-up");
      progress_memory ("the Complaints view", rss_before);
    }
  if (bench.only_view == NULL || g_strcmp0 (bench.only_view, "training") == 0)
    {
      bench_view (window, CD_VIEW_TRAINING, "Training", "CdTrainingView", "record");
      progress_memory ("the Training view's matrix", rss_before);
      bench_training_pages (window);
      progress_memory ("the Training view's other pages", rss_before);
    }
  if (g_strcmp0 (bench.only_view, "records") == 0)
    {
      bench_first_record (window, CD_VIEW_CUSTOMERS, "Customers", "CdCustomersView", "customer");
      bench_first_record (window, CD_VIEW_TICKETS, "Tickets", "CdTicketsView", "ticket");
      bench_first_record (window, CD_VIEW_COMPLAINTS, "Complaints", "CdComplaintsView", "follow-up");
    }
  if (bench.only_view == NULL || g_strcmp0 (bench.only_view, "session") == 0)
    bench_long_session (window, rss_before);
  if (bench.only_view == NULL || g_strcmp0 (bench.only_view, "training") == 0 ||
      g_strcmp0 (bench.only_view, "training-wide") == 0)
    bench_training_wide (window);

  gtk_window_destroy (GTK_WINDOW (window));
  settle (SETTLE_MS);
  g_application_release (app);
}

static void
run_views (void)
{
  g_autoptr(AdwApplication) app = NULL;

  if (g_getenv ("DISPLAY") == NULL && g_getenv ("WAYLAND_DISPLAY") == NULL)
    {
      note_unmeasured ("the view actions: there is no display (run under xvfb-run)");
      return;
    }

  /* The application's own id gives the window the application's style
   * sheet and icons; NON_UNIQUE keeps it off the session bus name. */
  app = adw_application_new (APP_ID, G_APPLICATION_NON_UNIQUE);
  g_signal_connect (app, "activate", G_CALLBACK (on_activate_cb), NULL);
  g_application_run (G_APPLICATION (app), 0, NULL);
}

/* Output ------------------------------------------------------------------- */

/* The drawing floor ------------------------------------------------------- */

/* Runs the drawing floor once for every job the rows ask for, in a window
 * of the size of Caredesk's, with the same renderer (GSK_RENDERER is
 * inherited). */
static void
run_drawing_floor (void)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GHashTable) jobs = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *output = NULL;
  g_auto(GStrv) lines = NULL;

  g_ptr_array_add (argv, g_strdup (CD_BENCHMARK_DRAWING_FLOOR));
  g_ptr_array_add (argv, g_strdup_printf ("--width=%d", bench.window_width > 0 ? bench.window_width : 1100));
  g_ptr_array_add (argv, g_strdup_printf ("--height=%d", bench.window_height > 0 ? bench.window_height : 720));
  for (guint i = 0; i < bench.rows->len; i++)
    {
      Row *row = g_ptr_array_index (bench.rows, i);

      if (row->draw_job != NULL && !g_hash_table_contains (jobs, row->draw_job))
        {
          g_hash_table_insert (jobs, g_strdup (row->draw_job), NULL);
          g_ptr_array_add (argv, g_strdup (row->draw_job));
        }
    }
  if (argv->len == 3)
    return;
  g_ptr_array_add (argv, NULL);

  progress ("The drawing floor: %u changes drawn by plain GTK…", argv->len - 4);
  process = g_subprocess_newv ((const char * const *) argv->pdata,
                               G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_SILENCE, &error);
  if (process == NULL || !g_subprocess_communicate_utf8 (process, NULL, NULL, &output, NULL, &error))
    {
      g_autofree char *what = g_strdup_printf ("the drawing floor: %s", error->message);

      note_unmeasured (what);
      return;
    }
  lines = g_strsplit (output != NULL ? output : "", "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      char *space = strchr (lines[i], ' ');

      if (space != NULL)
        g_hash_table_replace (jobs, g_strndup (lines[i], space - lines[i]), g_strdup (space + 1));
    }

  for (guint i = 0; i < bench.rows->len; i++)
    {
      Row *row = g_ptr_array_index (bench.rows, i);
      const char *values = row->draw_job != NULL ? g_hash_table_lookup (jobs, row->draw_job) : NULL;
      char *end = NULL;

      if (values == NULL)
        continue;
      row->draw_floor = g_ascii_strtod (values, &end);
      if (end != NULL && *end == ' ')
        row->draw_longest = g_ascii_strtod (end + 1, NULL);
    }
}

/* Output ------------------------------------------------------------------- */

typedef struct {
  char *cells[10];
} TableLine;

enum { COL_ACTION, COL_VALUE, COL_APP_SQL, COL_FLOOR, COL_RATIO, COL_REST, COL_DRAW, COL_DRAW_RATIO,
       COL_TARGET, COL_RESULT, N_COLS };

static const char * const headers[N_COLS] = {
  "Action", "Whole", "SQL", "sqlite3 floor", "SQL ratio", "Rest", "Drawing floor", "Drawing ratio",
  "Target", "Result",
};

static char *
format_ms (double ms)
{
  if (ms < 0)
    return g_strdup ("—");
  if (ms < 0.01)
    return g_strdup ("< 0.01 ms");
  if (ms < 10)
    return g_strdup_printf ("%.2f ms", ms);
  return g_strdup_printf ("%.1f ms", ms);
}

static char *
format_ratio (double ratio)
{
  return g_strdup_printf (ratio < 0.1 ? "%.2f×" : "%.1f×", ratio);
}

typedef struct {
  guint    met;
  guint    missed;
  GString *targets;
  GString *failed;
} Verdict;

/* One target of a row: met or not. */
static void
verdict_add (Verdict    *verdict,
             gboolean    met,
             const char *target)
{
  g_string_append_printf (verdict->targets, "%s%s", verdict->targets->len > 0 ? ", " : "", target);
  if (met)
    verdict->met++;
  else
    {
      verdict->missed++;
      g_string_append_printf (verdict->failed, "%s%s", verdict->failed->len > 0 ? ", " : "", target);
    }
}

/* Fills @line's cells for @row and judges it against its targets. */
static void
judge (Row       *row,
       TableLine *line,
       Verdict   *verdict)
{
  double rest = -1;

  for (guint c = 0; c < N_COLS; c++)
    line->cells[c] = NULL;
  line->cells[COL_ACTION] = g_strdup (row->action);
  line->cells[COL_VALUE] = format_ms (row->value);
  if (row->statements != NULL)
    {
      g_autofree char *sql = format_ms (row->app_sql_ms);

      line->cells[COL_APP_SQL] = g_strdup_printf ("%s (%u)", row->app_sql_ms >= 0 ? sql : "?", row->statements->len);
    }

  switch (row->kind)
    {
    case ROW_START_TIME:
      line->cells[COL_DRAW] = format_ms (row->floor);
      if (row->value >= 0 && row->floor > 0)
        {
          g_autofree char *target = g_strdup_printf ("≤ %.2f× the minimal window", TARGET_START_RATIO);

          line->cells[COL_DRAW_RATIO] = g_strdup_printf ("%.2f×", row->value / row->floor);
          verdict_add (verdict, row->value <= TARGET_START_RATIO * row->floor, target);
        }
      break;

    case ROW_START_MEMORY:
    case ROW_SESSION_MEMORY:
      g_clear_pointer (&line->cells[COL_VALUE], g_free);
      line->cells[COL_VALUE] = row->value >= 0 ? g_strdup_printf ("%.1f MB", row->value) : g_strdup ("—");
      line->cells[COL_DRAW] = row->floor >= 0 ? g_strdup_printf ("%.1f MB", row->floor) : g_strdup ("—");
      if (row->value >= 0 && row->floor >= 0)
        {
          double limit = row->kind == ROW_START_MEMORY ? TARGET_MEMORY_MB : TARGET_SESSION_MB;
          g_autofree char *target = g_strdup_printf ("≤ +%.0f MB", limit);

          line->cells[COL_DRAW_RATIO] = g_strdup_printf ("%+.1f MB", row->value - row->floor);
          verdict_add (verdict, row->value - row->floor <= limit, target);
        }
      break;

    case ROW_OVERDUE:
      line->cells[COL_FLOOR] = format_ms (row->floor);
      if (row->value >= 0)
        {
          g_autofree char *target = g_strdup_printf ("< %.0f ms", TARGET_OVERDUE_MS);

          verdict_add (verdict, row->value < TARGET_OVERDUE_MS, target);
        }
      break;

    case ROW_VIEW:
    case ROW_SEARCH:
      line->cells[COL_FLOOR] = format_ms (row->floor);
      if (row->value < 0)
        break;
      if (row->app_sql_ms >= 0 && row->floor > 0)
        {
          g_autofree char *target = g_strdup_printf ("SQL ≤ %.0f×", TARGET_SQL_RATIO);

          line->cells[COL_RATIO] = format_ratio (row->app_sql_ms / row->floor);
          verdict_add (verdict, row->app_sql_ms <= TARGET_SQL_RATIO * row->floor, target);
        }
      if (row->kind == ROW_VIEW && row->draw_job != NULL)
        {
          rest = MAX (0, row->value - MAX (0, row->app_sql_ms));
          line->cells[COL_REST] = format_ms (rest);
          line->cells[COL_DRAW] = format_ms (row->draw_floor);
          if (row->draw_floor > 0)
            {
              g_autofree char *target = g_strdup_printf ("rest ≤ %.1f×", TARGET_DRAW_RATIO);

              line->cells[COL_DRAW_RATIO] = format_ratio (rest / row->draw_floor);
              verdict_add (verdict, rest <= TARGET_DRAW_RATIO * row->draw_floor, target);
            }
        }
      {
        double limit = row->kind == ROW_SEARCH ? TARGET_SEARCH_MS : TARGET_VIEW_MS;
        g_autofree char *target = g_strdup_printf ("< %.0f ms", limit);

        verdict_add (verdict, row->value < limit, target);
      }
      break;

    case ROW_SCROLL:
      g_clear_pointer (&line->cells[COL_VALUE], g_free);
      line->cells[COL_VALUE] = g_strdup_printf ("%.1f / %.1f ms", row->value, row->longest_ms);
      if (row->draw_floor > 0)
        {
          g_autofree char *target = g_strdup_printf ("95th ≤ %.1f×", TARGET_SCROLL_RATIO);

          line->cells[COL_DRAW] = g_strdup_printf ("%.1f / %.1f ms", row->draw_floor, row->draw_longest);
          line->cells[COL_DRAW_RATIO] = format_ratio (row->value / row->draw_floor);
          verdict_add (verdict, row->value <= TARGET_SCROLL_RATIO * row->draw_floor, target);
        }
      {
        g_autofree char *target = g_strdup_printf ("no frame > %.0f ms", TARGET_SCROLL_MAX_MS);

        verdict_add (verdict, row->longest_ms <= TARGET_SCROLL_MAX_MS, target);
      }
      break;

    case ROW_INFO:
    default:
      break;
    }
}

static void
print_table (gboolean markdown)
{
  g_autoptr(GPtrArray) lines = g_ptr_array_new ();
  g_autoptr(GPtrArray) missed = g_ptr_array_new_with_free_func (g_free);
  gsize widths[N_COLS] = { 0 };
  guint n_met = 0, n_missed = 0;

  for (guint i = 0; i < bench.rows->len; i++)
    {
      Row *row = g_ptr_array_index (bench.rows, i);
      TableLine *line = g_new0 (TableLine, 1);
      Verdict verdict = { 0, 0, g_string_new (NULL), g_string_new (NULL) };

      judge (row, line, &verdict);
      n_met += verdict.met;
      n_missed += verdict.missed;
      line->cells[COL_TARGET] = g_string_free (verdict.targets, verdict.targets->len == 0);
      if (verdict.missed > 0)
        {
          line->cells[COL_RESULT] = g_strdup_printf ("FAIL: %s", verdict.failed->str);
          g_ptr_array_add (missed, g_strdup_printf ("%s (%s)", row->action, verdict.failed->str));
        }
      else if (verdict.met > 0)
        line->cells[COL_RESULT] = g_strdup ("pass");
      g_string_free (verdict.failed, TRUE);

      for (guint c = 0; c < N_COLS; c++)
        {
          if (line->cells[c] == NULL)
            line->cells[c] = g_strdup ("—");
          widths[c] = MAX (widths[c], (gsize) g_utf8_strlen (line->cells[c], -1));
        }
      g_ptr_array_add (lines, line);
    }
  for (guint c = 0; c < N_COLS; c++)
    widths[c] = MAX (widths[c], (gsize) g_utf8_strlen (headers[c], -1));

  if (markdown)
    {
      out ("|");
      for (guint c = 0; c < N_COLS; c++)
        out (" %s |", headers[c]);
      out ("\n|");
      for (guint c = 0; c < N_COLS; c++)
        out ("%s|", c == COL_ACTION || c == COL_TARGET || c == COL_RESULT ? "---" : "---:");
      out ("\n");
      for (guint i = 0; i < lines->len; i++)
        {
          TableLine *line = g_ptr_array_index (lines, i);

          out ("|");
          for (guint c = 0; c < N_COLS; c++)
            {
              if (c == COL_RESULT && g_str_has_prefix (line->cells[c], "FAIL"))
                out (" **%s** |", line->cells[c]);
              else
                out (" %s |", line->cells[c]);
            }
          out ("\n");
        }
    }
  else
    {
      for (guint c = 0; c < N_COLS; c++)
        out ("%s%-*s", c == 0 ? "" : "  ", (int) widths[c], headers[c]);
      out ("\n");
      for (guint c = 0; c < N_COLS; c++)
        {
          g_autofree char *rule = g_strnfill (widths[c], '-');

          out ("%s%s", c == 0 ? "" : "  ", rule);
        }
      out ("\n");
      for (guint i = 0; i < lines->len; i++)
        {
          TableLine *line = g_ptr_array_index (lines, i);

          for (guint c = 0; c < N_COLS; c++)
            {
              /* printf pads by bytes; pad by characters. */
              gsize len = (gsize) g_utf8_strlen (line->cells[c], -1);
              g_autofree char *pad = g_strnfill (widths[c] - len, ' ');
              gboolean right = c != COL_ACTION && c != COL_TARGET && c != COL_RESULT;

              if (right)
                out ("%s%s%s", c == 0 ? "" : "  ", pad, line->cells[c]);
              else
                out ("%s%s%s", c == 0 ? "" : "  ", line->cells[c], c == N_COLS - 1 ? "" : pad);
            }
          out ("\n");
        }
    }

  out ("\n%s%u of %u targets met, %u missed%s\n",
       markdown ? "**Summary:** " : "Summary: ",
       n_met, n_met + n_missed, n_missed,
       bench.unmeasured->len > 0 ? "; some actions could not be measured (listed below)" : "");
  if (missed->len > 0)
    {
      out ("\n%s\n", markdown ? "**Targets missed:**\n" : "Targets missed:");
      for (guint i = 0; i < missed->len; i++)
        out ("- %s\n", (const char *) g_ptr_array_index (missed, i));
    }

  for (guint i = 0; i < lines->len; i++)
    {
      TableLine *line = g_ptr_array_index (lines, i);

      for (guint c = 0; c < N_COLS; c++)
        g_free (line->cells[c]);
      g_free (line);
    }
}

static void
print_report (void)
{
  gboolean md = bench.markdown;

  out ("%sCaredesk benchmark%s\n\n", md ? "### " : "", md ? "" : "\n==================");
  if (md)
    {
      g_auto(GStrv) lines = g_strsplit (bench.machine->str, "\n", -1);

      for (guint i = 0; lines[i] != NULL; i++)
        if (lines[i][0] != '\0')
          out ("- %s\n", lines[i]);
    }
  else
    out ("%s", bench.machine->str);
  out ("%sRenderer of the window: %s\n\n", md ? "- " : "", bench.renderer != NULL ? bench.renderer : "not started");

  out ("Whole: from the action to the frame that shows all of its result, once the work it set off "
       "(SQL, changes of the list) is over; start-up: from spawning the program to its first frame; "
       "scrolling: the 95th-percentile / longest frame of %d jumps down a list and %d back. "
       "SQL: time in the SQL statements Caredesk ran meanwhile on its connection (their number). "
       "sqlite3 floor: the same statements run by the sqlite3 program on the same file with Caredesk's "
       "connection settings, the mean of repeated runs in one process after a first run. "
       "SQL ratio: SQL / sqlite3 floor (target ≤ %.0f×). Rest: Whole − SQL. "
       "Drawing floor: the plainest GTK program (benchmarks/cd-drawing-floor.c) drawing the same change in a "
       "window of the same size: a GtkColumnView with the same columns and visible rows, each text changed; "
       "for a record, a page with as many labels and rows, each text changed; for scrolling, as many rows "
       "scrolled the same way; for start-up and memory, the minimal libadwaita window. "
       "Drawing ratio: Rest / drawing floor (target ≤ %.1f×; scrolling: 95th percentiles, ≤ %.1f×).\n\n",
       SCROLL_STEPS, SCROLL_STEPS, TARGET_SQL_RATIO, TARGET_DRAW_RATIO, TARGET_SCROLL_RATIO);

  print_table (md);

  if (bench.unmeasured->len > 0)
    {
      out ("\n%s\n", md ? "**Not measured:**\n" : "Not measured:");
      for (guint i = 0; i < bench.unmeasured->len; i++)
        out ("- %s\n", (const char *) g_ptr_array_index (bench.unmeasured, i));
    }

  {
    gboolean any = FALSE;

    for (guint i = 0; i < bench.rows->len; i++)
      {
        Row *row = g_ptr_array_index (bench.rows, i);

        if (row->note == NULL && row->floor_note == NULL && row->n_items == G_MAXUINT && row->draw_job == NULL)
          continue;
        if (!any)
          out ("\n%s\n", md ? "**Notes:**\n" : "Notes:");
        any = TRUE;
        out ("- %s:", row->action);
        if (row->n_items != G_MAXUINT)
          out (" %u rows listed;", row->n_items);
        if (row->note != NULL)
          out (" %s;", row->note);
        if (row->draw_job != NULL)
          out (" drawing floor %s;", row->draw_job);
        if (row->floor_note != NULL)
          out (" %s", row->floor_note);
        out ("\n");
      }
  }

  if (bench.verbose)
    {
      out ("\nSQL run by Caredesk for each action:\n");
      for (guint i = 0; i < bench.rows->len; i++)
        {
          Row *row = g_ptr_array_index (bench.rows, i);

          if (row->statements == NULL)
            continue;
          out ("\n[%s]\n", row->action);
          for (guint s = 0; s < row->statements->len; s++)
            out ("  %s\n", (const char *) g_ptr_array_index (row->statements, s));
        }
    }
}

/* Main ------------------------------------------------------------------------ */

/* Mesa keeps compiled GL shaders on disk, so that a desktop compiles each
 * one once. Everything else is isolated per run, but that cache is kept
 * between runs (unless MESA_SHADER_CACHE_DIR says where): the first run on
 * a machine with a software renderer pays for compiling shaders on first
 * use, later runs measure the program as a desktop in use sees it. */
static void
keep_shader_cache (void)
{
  g_autofree char *dir = NULL;

  if (g_getenv ("MESA_SHADER_CACHE_DIR") != NULL)
    return;
  dir = g_build_filename (g_get_user_cache_dir (), "caredesk-benchmark", "mesa_shader_cache", NULL);
  g_mkdir_with_parents (dir, 0700);
  g_setenv ("MESA_SHADER_CACHE_DIR", dir, TRUE);
}

static void
isolate_environment (void)
{
  g_autofree char *home = g_build_filename (bench.tmp_dir, "home", NULL);
  g_auto(GStrv) env = startup_environment (home);
  const char *names[] = { "HOME", "XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME",
                          "XDG_STATE_HOME", "GSETTINGS_BACKEND", "GSETTINGS_SCHEMA_DIR" };

  g_mkdir_with_parents (home, 0700);
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    g_setenv (names[i], g_environ_getenv (env, names[i]), TRUE);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  const GOptionEntry entries[] = {
    { "database", 'd', 0, G_OPTION_ARG_FILENAME, &bench.database,
      "The database to measure on (it is not changed)", "FILE" },
    { "generate", 'g', 0, G_OPTION_ARG_NONE, &bench.generate,
      "Generate the database first when FILE is missing", NULL },
    { "size", 0, 0, G_OPTION_ARG_STRING, &bench.size,
      "Size to generate (default: benchmark, 1 000 000 tickets)", "SIZE" },
    { "runs", 'n', 0, G_OPTION_ARG_INT, &bench.runs,
      "Start-ups of each program (default 5)", "N" },
    { "markdown", 'm', 0, G_OPTION_ARG_NONE, &bench.markdown,
      "Print the results as Markdown", NULL },
    { "verbose", 'v', 0, G_OPTION_ARG_NONE, &bench.verbose,
      "Also print the SQL of every action", NULL },
    { "skip-startup", 0, 0, G_OPTION_ARG_NONE, &bench.skip_startup,
      "Do not measure start-up", NULL },
    { "skip-views", 0, 0, G_OPTION_ARG_NONE, &bench.skip_views,
      "Do not measure the view actions", NULL },
    { "work-file", 0, 0, G_OPTION_ARG_FILENAME, &bench.work_file,
      "Measure on FILE itself instead of a copy of the database (it is changed; "
      "for repeated runs on a copy already upgraded and indexed)", "FILE" },
    { "view", 0, 0, G_OPTION_ARG_STRING, &bench.only_view,
      "Measure only this view: customers, tickets, complaints or training (training-wide: only its 300-person, 60-certification file; session: only the records of the long session; records: only the opening of each view's first record)", "VIEW" },
    { NULL }
  };
  int status;

  bench.runs = 5;
  bench.rows = g_ptr_array_new_with_free_func (row_free);
  bench.unmeasured = g_ptr_array_new_with_free_func (g_free);

  context = g_option_context_new ("— measure Caredesk against its targets");
  g_option_context_set_summary (context,
                                "Measures start-up, every view's actions, scrolling, a long session, search, the "
                                "overdue check and creating a ticket on a generated database, each next to its "
                                "floors (a minimal libadwaita window; the sqlite3 program running the same SQL; "
                                "cd-drawing-floor, plain GTK drawing the same change). Run it on a display, "
                                "for example:\n"
                                "  xvfb-run -a -s \"-screen 0 1280x800x24\" dbus-run-session -- "
                                "cd-benchmark --database /tmp/bench.caredesk --generate");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("%s\n", error->message);
      return 2;
    }
  if (bench.database == NULL && bench.work_file != NULL)
    bench.database = g_strdup (bench.work_file);
  if (bench.database == NULL)
    {
      g_printerr ("Say which database to measure on with --database FILE (add --generate to create it).\n");
      return 2;
    }
  if (bench.runs < 1)
    {
      g_printerr ("--runs must be at least 1.\n");
      return 2;
    }
  if (bench.size == NULL)
    bench.size = g_strdup ("benchmark");

  if (!g_file_test (bench.database, G_FILE_TEST_EXISTS))
    {
      if (!bench.generate)
        {
          g_printerr ("%s does not exist; add --generate to create it.\n", bench.database);
          return 2;
        }
      if (!generate_database (&error))
        {
          g_printerr ("Could not generate the database: %s\n", error->message);
          return 1;
        }
    }

  bench.tmp_dir = g_dir_make_tmp ("caredesk-benchmark-XXXXXX", &error);
  if (bench.tmp_dir == NULL)
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  /* The renderer Caredesk would pick here, for both programs started
   * and for the view actions measured in this process. */
  cd_application_choose_renderer ();
  keep_shader_cache ();
  isolate_environment ();
  describe_machine ();

  status = 0;
  if (!make_working_copy (&error))
    {
      g_printerr ("Could not copy %s: %s\n", bench.database, error->message);
      status = 1;
    }
  else
    {
      /* First the store alone, so that its first overdue check is a
       * real first one; Caredesk's own start-ups claim reminders too. */
      run_store_benchmarks ();
      if (!bench.skip_startup)
        run_startup ();
      if (!bench.skip_views)
        run_views ();

      {
        g_autofree char *load = read_first_line ("/proc/loadavg", NULL);

        g_string_append_printf (bench.machine, "Load average after the measurements: %s\n",
                                load != NULL ? load : "unknown");
      }

      if (!bench.skip_views)
        run_drawing_floor ();

      progress ("Running the same SQL with the sqlite3 program…");
      for (guint i = 0; i < bench.rows->len; i++)
        replay_row (g_ptr_array_index (bench.rows, i));

      out ("\n");
      print_report ();
    }

  remove_tree (bench.tmp_dir);
  g_free (bench.tmp_dir);
  g_free (bench.work_path);
  g_free (bench.database);
  g_free (bench.work_file);
  g_free (bench.size);
  g_free (bench.renderer);
  g_free (bench.pragmas);
  g_free (bench.ticket_number);
  if (bench.machine != NULL)
    g_string_free (bench.machine, TRUE);
  g_ptr_array_unref (bench.rows);
  g_ptr_array_unref (bench.unmeasured);
  return status;
}
