/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "caredesk-test-writer"

/* A second Caredesk, as far as the shared file can tell: the store tests
 * start it to write from another process.
 *
 *   cd-test-writer [--wait] insert  DB LOGIN COUNT
 *       COUNT separate inserts of a customer.
 *   cd-test-writer [--wait] counter DB LOGIN COUNT TICKET_ID
 *       COUNT increments of tickets.interaction_count, each a load of
 *       (version, value) and a save with that version, reloading on STALE.
 *   cd-test-writer setup DB LOGIN
 *       Creates DB with LOGIN as its admin, one customer and one ticket
 *       (the shared counter), and prints how the file was set up. Run it
 *       with CAREDESK_FORCE_REMOTE=1 for the network-share settings.
 *   cd-test-writer [--as-nobody] probe DB LOGIN
 *       Opens DB read-write and read-only and prints what happened as
 *       key=value lines (error codes are CdStoreError numbers).
 *   cd-test-writer [--wait] for-seconds DB LOGIN SECONDS
 *       Inserts customers one save at a time for SECONDS and prints
 *       inserted=N, max_wait_ms=… (the longest save) and first_id/last_id.
 *   cd-test-writer [--wait] search DB LOGIN COUNT
 *       COUNT rounds of writes that the search index follows: a customer
 *       with a Chinese or Latin name and a phone, a ticket and a note for
 *       them, and some renames, rewrites and deletions; prints
 *       customers=N (those left) and rounds=N.
 *   cd-test-writer [--wait] index DB LOGIN COUNT
 *       Indexes the records a file's search index still lacks, COUNT per
 *       transaction, until none are left; prints steps=N.
 *   cd-test-writer hold DB LOGIN
 *       Takes the file's exclusive lock, as a colleague's commit of a big
 *       import does, prints "locked", and keeps it until a line arrives on
 *       stdin; then lets go and prints "released".
 *   cd-test-writer backup-to DB DEST
 *       Backs DB up to DEST and prints result=ok or result=error:CODE,
 *       message=… and left=… (what the backup left in DEST's folder,
 *       comma-separated). Run in a small file system to fill it up.
 *
 * --wait prints "ready" after opening and signing in, then reads one line
 * from stdin, so the caller can release many writers at once. Every failure is printed to
 * stderr; the exit status is 0 on success, 2 when any operation failed
 * with CD_STORE_ERROR_BUSY, 1 for any other failure, 77 when --as-nobody
 * could not drop root privileges. */

#include "config.h"

#include <errno.h>
#include <grp.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "cd-search.h"
#include "cd-store.h"
#include "cd-store-private.h"
#include "cd-customers.h"

#define EXIT_BUSY 2
#define EXIT_CANT_DROP 77

static int
fail (const char   *what,
      const GError *error)
{
  g_printerr ("cd-test-writer[%d]: %s: %s (%s %d)\n", (int) getpid (), what,
              error ? error->message : "no error set",
              error ? g_quark_to_string (error->domain) : "-",
              error ? error->code : -1);
  if (error != NULL && error->domain == CD_STORE_ERROR && error->code == CD_STORE_ERROR_BUSY)
    return EXIT_BUSY;
  return EXIT_FAILURE;
}

static CdStore *
open_and_sign_in (const char  *path,
                  const char  *login,
                  int         *status)
{
  g_autoptr(GError) error = NULL;
  /* An empty file is set up, as everyone answers when asked about the
   * file their admin has just made (test-concurrency's first start). */
  g_autoptr(CdStore) store = cd_store_open (path, CD_STORE_OPEN_NO_WATCH | CD_STORE_OPEN_SET_UP_EMPTY, &error);

  if (store == NULL)
    {
      *status = fail ("open", error);
      return NULL;
    }
  if (!cd_store_sign_in (store, login, NULL, &error))
    {
      *status = fail ("sign in", error);
      return NULL;
    }
  return g_steal_pointer (&store);
}

static void
wait_for_go (void)
{
  char line[16];

  g_print ("ready\n");
  fflush (stdout);
  /* EOF counts as "go" too: the caller may simply close the pipe. */
  if (fgets (line, sizeof line, stdin) == NULL)
    clearerr (stdin);
}

static int
run_insert (CdStore *store,
            guint    count)
{
  static const char *const tiers[] = { "strategic", "core", "potential", "general" };

  for (guint i = 0; i < count; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *name = g_strdup_printf ("Writer %d customer %u", (int) getpid (), i);
      g_autofree char *phone = g_strdup_printf ("138%08u", i);
      CdField fields[] = {
        { "name", name },
        { "tier", tiers[i % G_N_ELEMENTS (tiers)] },
        { "phone", phone },
      };

      if (cd_store_insert (store, "customers", fields, G_N_ELEMENTS (fields), &error) <= 0)
        return fail ("insert", error);
    }

  /* CLOCK_MONOTONIC is shared by all processes: the caller can tell how
   * long it took to notice this commit. */
  g_print ("inserted=%u\ncommitted_at=%" G_GINT64_FORMAT "\n", count, g_get_monotonic_time ());
  return EXIT_SUCCESS;
}

static gint64
insert_fields (CdStore       *store,
               const char    *table,
               const CdField *fields,
               guint          n,
               int           *status)
{
  g_autoptr(GError) error = NULL;
  gint64 id = cd_store_insert (store, table, fields, n, &error);

  if (id <= 0)
    *status = fail (table, error);
  return id;
}

static gboolean
update_field (CdStore    *store,
              const char *table,
              gint64      id,
              const char *column,
              const char *value,
              int        *status)
{
  g_autoptr(GError) error = NULL;
  CdField field = { column, value };

  if (!cd_store_update (store, table, id, 0, &field, 1, &error))
    {
      *status = fail (table, error);
      return FALSE;
    }
  return TRUE;
}

static int
run_search_writes (CdStore *store,
                   guint    count)
{
  static const char *const names[] = { "张伟", "王芳", "José García", "Grace Jackson", "李娜", "Zoë Müller" };
  int pid = (int) getpid ();
  int status = EXIT_SUCCESS;
  guint customers = 0;

  for (guint i = 0; i < count; i++)
    {
      g_autofree char *name = g_strdup_printf ("%s %d-%u", names[i % G_N_ELEMENTS (names)], pid, i);
      g_autofree char *phone = g_strdup_printf ("13%03d%06u", pid % 1000, i);
      g_autofree char *subject = g_strdup_printf ("退款 %u 号仍未到账 refund", i);
      g_autofree char *description = g_strdup_printf ("客户 %s 来电，发票 INV-%d-%u 金额有误。", name, pid, i);
      g_autofree char *body = g_strdup_printf ("已联系%s，预计三个工作日内处理。", name);
      g_autofree char *customer_text = NULL;
      g_autofree char *ticket_text = NULL;
      g_autofree char *now = g_strdup_printf ("%" G_GINT64_FORMAT, cd_store_now (store));
      CdField customer[] = { { "name", name }, { "phone", phone } };
      gint64 customer_id, ticket_id, event_id;

      customer_id = insert_fields (store, "customers", customer, G_N_ELEMENTS (customer), &status);
      if (customer_id <= 0)
        return status;
      customers++;
      customer_text = g_strdup_printf ("%" G_GINT64_FORMAT, customer_id);
      {
        CdField ticket[] = { { "customer_id", customer_text }, { "subject", subject }, { "description", description } };

        ticket_id = insert_fields (store, "tickets", ticket, G_N_ELEMENTS (ticket), &status);
        if (ticket_id <= 0)
          return status;
      }
      ticket_text = g_strdup_printf ("%" G_GINT64_FORMAT, ticket_id);
      {
        CdField note[] = { { "ticket_id", ticket_text }, { "kind", "note_public" }, { "body", body },
                           { "created_at", now } };

        event_id = insert_fields (store, "ticket_events", note, G_N_ELEMENTS (note), &status);
        if (event_id <= 0)
          return status;
      }

      if (i % 3 == 0)
        {
          g_autofree char *renamed = g_strdup_printf ("赵敏 Ana López %d-%u", pid, i);

          if (!update_field (store, "customers", customer_id, "name", renamed, &status) ||
              !update_field (store, "customers", customer_id, "phone2", "021-6552 1234", &status))
            return status;
        }
      if (i % 4 == 1 && !update_field (store, "tickets", ticket_id, "description", i % 8 == 1 ? NULL : "改为快递破损", &status))
        return status;
      if (i % 5 == 2)
        {
          g_autoptr(GError) error = NULL;
          CdField passing[] = { { "name", "临时 Passing customer" }, { "notes", "删掉 to be deleted" } };
          gint64 gone = insert_fields (store, "customers", passing, G_N_ELEMENTS (passing), &status);

          if (gone <= 0)
            return status;
          if (!cd_store_delete (store, "customers", gone, 0, &error))
            return fail ("delete", error);
        }
      if (i % 10 == 0)
        {
          CdField article[] = { { "title", subject }, { "body", body }, { "tags", "退款, refund" } };

          if (insert_fields (store, "kb_articles", article, G_N_ELEMENTS (article), &status) <= 0)
            return status;
        }
    }

  g_print ("customers=%u\nrounds=%u\n", customers, count);
  return status;
}

static int
run_index (CdStore *store,
           guint    count)
{
  guint steps = 0;
  gboolean done = FALSE;

  while (!done)
    {
      g_autoptr(GError) error = NULL;

      if (!cd_search_index_step (store, count, &done, &error))
        return fail ("index", error);
      steps++;
    }
  g_print ("steps=%u\n", steps);
  return EXIT_SUCCESS;
}

static gboolean
load_counter (CdStore  *store,
              gint64    ticket_id,
              gint64   *version,
              gint64   *value,
              GError  **error)
{
  sqlite3_stmt *stmt;
  int rc;

  stmt = cd_store_prepare (store, "SELECT version, interaction_count FROM tickets WHERE id = ?1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, ticket_id);
  rc = cd_store_step (store, stmt, error);
  if (rc == SQLITE_ROW)
    {
      /* Both from one row, so the value always belongs to the version. */
      *version = sqlite3_column_int64 (stmt, 0);
      *value = sqlite3_column_int64 (stmt, 1);
    }
  /* Do not keep the read snapshot open across the save. */
  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);

  if (rc == SQLITE_ROW)
    return TRUE;
  if (rc == SQLITE_DONE)
    g_set_error (error, CD_STORE_ERROR, CD_STORE_ERROR_NOT_FOUND, "ticket %" G_GINT64_FORMAT " is missing", ticket_id);
  return FALSE;
}

/* One increment of the counter, retried while a colleague saved first. */
static gboolean
increment_counter (CdStore  *store,
                   gint64    ticket_id,
                   guint    *stale,
                   GError  **error)
{
  for (;;)
    {
      g_autoptr(GError) local_error = NULL;
      g_autofree char *next = NULL;
      gint64 version = 0, value = 0;
      gboolean saved;

      if (!load_counter (store, ticket_id, &version, &value, error))
        return FALSE;

      next = g_strdup_printf ("%" G_GINT64_FORMAT, value + 1);
      {
        CdField fields[] = { { "interaction_count", next } };

        if (!cd_store_begin (store, error))
          return FALSE;
        saved = cd_store_update (store, "tickets", ticket_id, version,
                                 fields, G_N_ELEMENTS (fields), &local_error)
                && cd_store_commit (store, &local_error);
      }
      if (saved)
        return TRUE;

      if (cd_store_in_transaction (store))
        cd_store_rollback (store);
      if (!g_error_matches (local_error, CD_STORE_ERROR, CD_STORE_ERROR_STALE))
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
      (*stale)++;
    }
}

static int
run_counter (CdStore *store,
             guint    count,
             gint64   ticket_id)
{
  guint stale = 0;

  for (guint i = 0; i < count; i++)
    {
      g_autoptr(GError) error = NULL;

      if (!increment_counter (store, ticket_id, &stale, &error))
        return fail ("update counter", error);
    }

  g_print ("incremented=%u\nstale_retries=%u\n", count, stale);
  return EXIT_SUCCESS;
}

/* As many saves as fit in @seconds, each timed. With a counter ticket,
 * every fifth save is a read-modify-write of its counter (retried when a
 * colleague saved first), so that a lost update shows as a counter below
 * the sum of the increments. A failed save is counted and the run goes
 * on, so that a measurement reports how many failed. */
static int
run_for_seconds (CdStore *store,
                 guint    seconds,
                 gint64   ticket_id)
{
  gint64 end = g_get_monotonic_time () + (gint64) seconds * G_USEC_PER_SEC;
  gint64 longest = 0;
  guint count = 0, incremented = 0, stale = 0, failed = 0;
  int status = EXIT_SUCCESS;

  while (g_get_monotonic_time () < end)
    {
      g_autoptr(GError) error = NULL;
      gint64 started = g_get_monotonic_time ();
      gboolean saved;

      if (ticket_id > 0 && (count + incremented) % 5 == 4)
        {
          guint retries = 0;

          saved = increment_counter (store, ticket_id, &retries, &error);
          stale += retries;
          if (saved)
            incremented++;
        }
      else
        {
          g_autofree char *name = g_strdup_printf ("Writer %d save %u", (int) getpid (), count);
          CdField fields[] = { { "name", name } };

          saved = cd_store_insert (store, "customers", fields, G_N_ELEMENTS (fields), &error) > 0;
          if (saved)
            count++;
        }
      longest = MAX (longest, g_get_monotonic_time () - started);
      if (!saved)
        {
          status = fail ("save", error);
          failed++;
        }
    }

  g_print ("inserted=%u\nincremented=%u\nstale_retries=%u\nfailed=%u\nmax_wait_ms=%" G_GINT64_FORMAT "\n",
           count, incremented, stale, failed, longest / 1000);
  return status;
}

static int
run_setup (const char *path,
           const char *login)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CdStore) store = cd_store_open (path, CD_STORE_OPEN_CREATE | CD_STORE_OPEN_NO_WATCH, &error);
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *customer_text = NULL;
  CdField customer[] = { { "name", "Shared customer" } };
  CdField ticket[] = { { "customer_id", NULL }, { "subject", "Shared counter" } };
  gint64 customer_id, ticket_id;

  if (store == NULL)
    return fail ("open", error);
  if (!cd_store_sign_in (store, login, "Alice Admin", &error))
    return fail ("sign in", error);
  customer_id = cd_store_insert (store, "customers", customer, G_N_ELEMENTS (customer), &error);
  if (customer_id <= 0)
    return fail ("insert customer", error);
  customer_text = g_strdup_printf ("%" G_GINT64_FORMAT, customer_id);
  ticket[0].value = customer_text;
  ticket_id = cd_store_insert (store, "tickets", ticket, G_N_ELEMENTS (ticket), &error);
  if (ticket_id <= 0)
    return fail ("insert ticket", error);

  g_print ("fs_kind=%d\ndir_fs_kind=%d\njournal_mode=%s\nsynchronous=%" G_GINT64_FORMAT
           "\nticket_id=%" G_GINT64_FORMAT "\n",
           (int) cd_store_get_fs_kind (store), (int) cd_fs_kind_for_path (dir),
           cd_store_get_journal_mode (store),
           cd_store_query_int (store, "PRAGMA synchronous", CD_NO_BIND, -1, NULL),
           ticket_id);
  return EXIT_SUCCESS;
}

static gboolean
drop_root (void)
{
  const uid_t nobody = 65534;
  const gid_t nogroup = 65534;

  if (geteuid () != 0)
    return TRUE;
  if (setgroups (0, NULL) != 0 || setresgid (nogroup, nogroup, nogroup) != 0
      || setresuid (nobody, nobody, nobody) != 0)
    {
      g_printerr ("cd-test-writer: cannot drop root privileges: %s\n", g_strerror (errno));
      return FALSE;
    }
  return geteuid () == nobody;
}

static void
print_result (const char   *key,
              gboolean      ok,
              const GError *error)
{
  if (ok)
    g_print ("%s=ok\n", key);
  else
    g_print ("%s=error:%d\n%s_message=%s\n", key, error ? error->code : -1,
             key, error ? error->message : "");
}

static int
run_probe (const char *path,
           const char *login)
{
  CdField fields[] = { { "name", "Probe customer" } };

  {
    g_autoptr(GError) error = NULL;
    g_autoptr(CdStore) store = cd_store_open (path, CD_STORE_OPEN_DEFAULT, &error);

    print_result ("open", store != NULL, error);
    if (store != NULL)
      {
        gboolean ok;

        g_print ("read_only=%d\n", cd_store_is_read_only (store) ? 1 : 0);
        ok = cd_store_sign_in (store, login, NULL, &error);
        print_result ("sign_in", ok, error);
        g_clear_error (&error);
        ok = cd_store_insert (store, "customers", fields, G_N_ELEMENTS (fields), &error) > 0;
        print_result ("insert", ok, error);
      }
  }

  {
    g_autoptr(GError) error = NULL;
    g_autoptr(CdStore) store = cd_store_open (path, CD_STORE_OPEN_READ_ONLY | CD_STORE_OPEN_NO_WATCH, &error);

    print_result ("ro_open", store != NULL, error);
    if (store != NULL)
      {
        gint64 count;
        gboolean ok;

        g_print ("ro_read_only=%d\n", cd_store_is_read_only (store) ? 1 : 0);
        g_print ("ro_snapshot=%d\n", cd_store_is_snapshot (store) ? 1 : 0);
        count = cd_store_query_int (store, "SELECT count(*) FROM customers", CD_NO_BIND, -1, &error);
        print_result ("ro_count_query", error == NULL, error);
        g_clear_error (&error);
        g_print ("ro_count=%" G_GINT64_FORMAT "\n", count);
        ok = cd_store_sign_in (store, login, NULL, &error);
        print_result ("ro_sign_in", ok, error);
        g_clear_error (&error);
        ok = cd_store_insert (store, "customers", fields, G_N_ELEMENTS (fields), &error) > 0;
        print_result ("ro_insert", ok, error);
      }
  }

  return EXIT_SUCCESS;
}

/* Imports a customers CSV with the columns its header names, all or
 * nothing, and says how long the write lock was held. */
static int
run_import (const char *path,
            const char *login,
            const char *csv_path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CdCustomersImportPreview) preview = NULL;
  g_autoptr(CdCustomersImportReport) report = NULL;
  g_autoptr(CdStore) store = NULL;
  gint64 started;
  int status = EXIT_SUCCESS;

  preview = cd_customers_import_preview (csv_path, 1, &error);
  if (preview == NULL)
    return fail ("preview", error);
  store = open_and_sign_in (path, login, &status);
  if (store == NULL)
    return status;
  started = g_get_monotonic_time ();
  if (!cd_customers_import (store, csv_path, preview->mapping, preview->n_columns,
                            CD_CUSTOMERS_IMPORT_ALL_OR_NOTHING, NULL, NULL, NULL, &report, &error))
    return fail ("import", error);
  g_print ("imported=%u\nwrite_lock_ms=%" G_GINT64_FORMAT "\ntotal_ms=%" G_GINT64_FORMAT "\n",
           report->n_imported, report->write_lock_us / 1000, (g_get_monotonic_time () - started) / 1000);
  return EXIT_SUCCESS;
}

static int
run_backup_to (const char *path,
               const char *dest)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CdStore) store = cd_store_open (path, CD_STORE_OPEN_NO_WATCH | CD_STORE_OPEN_READ_ONLY, &error);
  g_autofree char *dir = g_path_get_dirname (dest);
  g_autoptr(GDir) folder = NULL;
  g_autoptr(GString) left = g_string_new (NULL);
  gboolean ok;
  const char *name;

  if (store == NULL)
    return fail ("open", error);
  ok = cd_store_backup_to (store, dest, &error);
  print_result ("result", ok, error);
  folder = g_dir_open (dir, 0, NULL);
  while (folder != NULL && (name = g_dir_read_name (folder)) != NULL)
    g_string_append_printf (left, "%s%s", left->len ? "," : "", name);
  g_print ("left=%s\n", left->str);
  return EXIT_SUCCESS;
}

static int
run_hold (const char *path,
          const char *login)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CdStore) store = NULL;
  int status = EXIT_SUCCESS;
  char line[16];

  store = open_and_sign_in (path, login, &status);
  if (store == NULL)
    return status;
  if (!cd_store_exec (store, "BEGIN EXCLUSIVE", &error))
    return fail ("lock", error);
  printf ("locked\n");
  fflush (stdout);
  if (fgets (line, sizeof line, stdin) == NULL)
    line[0] = '\0';
  if (!cd_store_exec (store, "ROLLBACK", &error))
    return fail ("release", error);
  printf ("released\n");
  fflush (stdout);
  return EXIT_SUCCESS;
}

static int
usage (void)
{
  g_printerr ("usage: cd-test-writer [--wait] [--as-nobody] insert|counter|for-seconds|search|index|setup|probe|hold DB LOGIN [COUNT|SECONDS [TICKET_ID]] | import DB LOGIN CSV | backup-to DB DEST\n");
  return 64;
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(CdStore) store = NULL;
  gboolean wait = FALSE, as_nobody = FALSE;
  const char *mode, *path, *login;
  guint64 count = 0;
  gint64 ticket_id = 0;
  int status = EXIT_SUCCESS;
  int i = 1;

  for (; i < argc && g_str_has_prefix (argv[i], "--"); i++)
    {
      if (g_str_equal (argv[i], "--wait"))
        wait = TRUE;
      else if (g_str_equal (argv[i], "--as-nobody"))
        as_nobody = TRUE;
      else
        return usage ();
    }
  if (argc - i < 3)
    return usage ();
  mode = argv[i];
  path = argv[i + 1];
  login = argv[i + 2];

  if (g_str_equal (mode, "setup"))
    return run_setup (path, login);
  if (g_str_equal (mode, "backup-to"))
    return run_backup_to (path, login);
  if (g_str_equal (mode, "hold"))
    return run_hold (path, login);
  if (g_str_equal (mode, "import") && argc - i >= 4)
    return run_import (path, login, argv[i + 3]);

  if (g_str_equal (mode, "probe"))
    {
      if (as_nobody && !drop_root ())
        return EXIT_CANT_DROP;
      return run_probe (path, login);
    }

  if (argc - i < 4 || !g_ascii_string_to_unsigned (argv[i + 3], 10, 1, G_MAXUINT, &count, NULL))
    return usage ();
  if (g_str_equal (mode, "counter") || (g_str_equal (mode, "for-seconds") && argc - i >= 5))
    {
      guint64 id;

      if (argc - i < 5 || !g_ascii_string_to_unsigned (argv[i + 4], 10, 1, G_MAXINT64, &id, NULL))
        return usage ();
      ticket_id = (gint64) id;
    }
  else if (!g_str_equal (mode, "insert") && !g_str_equal (mode, "for-seconds") &&
           !g_str_equal (mode, "search") && !g_str_equal (mode, "index"))
    {
      return usage ();
    }

  store = open_and_sign_in (path, login, &status);
  if (store == NULL)
    return status;

  if (wait)
    wait_for_go ();

  if (ticket_id > 0 && g_str_equal (mode, "counter"))
    return run_counter (store, (guint) count, ticket_id);
  if (g_str_equal (mode, "for-seconds"))
    return run_for_seconds (store, (guint) count, ticket_id);
  if (g_str_equal (mode, "search"))
    return run_search_writes (store, (guint) count);
  if (g_str_equal (mode, "index"))
    return run_index (store, (guint) count);
  return run_insert (store, (guint) count);
}
