/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "caredesk-app"

#include "config.h"

#include <stdio.h>
#include <glib/gi18n.h>

#include "cd-audit.h"
#include "cd-datetime.h"
#include "cd-application-private.h"
#include "cd-demo.h"
#include "cd-overview.h"
#include "cd-reminders.h"

/* The command-line modes: they run in the process that was started,
 * without GTK, and end it with their exit status. */

typedef struct {
  int   last_percent;
  char *last_what;
} DemoProgress;

static void
demo_progress_cb (double      fraction,
                  const char *what,
                  gpointer    user_data)
{
  DemoProgress *progress = user_data;
  int percent = (int) (CLAMP (fraction, 0.0, 1.0) * 100.0);

  if (percent == progress->last_percent && g_strcmp0 (what, progress->last_what) == 0)
    return;

  progress->last_percent = percent;
  g_free (progress->last_what);
  progress->last_what = g_strdup (what);

  g_print ("%3d%%  %s\n", percent, what != NULL ? what : "");
  fflush (stdout);
}

static char *
format_count (guint64 count)
{
  return g_strdup_printf ("%" G_GUINT64_FORMAT, count);
}

static int
run_generate_demo (const char *path,
                   const char *size_text,
                   gint64      seed)
{
  g_autoptr(GError) error = NULL;
  DemoProgress progress = { -1, NULL };
  CdDemoSize size = { 0 };
  gboolean ok;

  if (path == NULL)
    {
      g_printerr ("%s\n", _("Say where to write the demo data with --database PATH."));
      return 1;
    }

  if (seed < 0 || seed > G_MAXUINT32)
    {
      g_printerr (_("The seed must be a whole number from 0 to %u.\n"), G_MAXUINT32);
      return 1;
    }

  if (!cd_demo_parse_size (size_text, &size, &error))
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }

  ok = cd_demo_generate (path, &size, (guint32) seed,
                         g_get_real_time () / G_USEC_PER_SEC,
                         g_get_user_name (), g_get_real_name (),
                         demo_progress_cb, &progress, &error);
  g_free (progress.last_what);

  if (!ok)
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  else
    {
      g_autofree char *display_path = g_filename_display_name (path);
      g_autofree char *staff = format_count (size.staff);
      g_autofree char *customers = format_count (size.customers);
      g_autofree char *tickets = format_count (size.tickets);
      g_autofree char *complaints = format_count (size.complaints);
      g_autofree char *followups = format_count (size.followups);

      g_print (_("Wrote demo data to %s: %s staff, %s customers, %s tickets, %s complaints, %s follow-ups.\n"),
               display_path, staff, customers, tickets, complaints, followups);
      return 0;
    }
}

/* The path a command-line mode works on: --database, else the last
 * database of the settings, else the default one. */
static char *
dup_cli_database_path (CdApplication *self,
                       const char    *database)
{
  char *path = NULL;

  if (database != NULL)
    return g_strdup (database);
  if (cd_application_ensure_settings (self) != NULL)
    path = g_settings_get_string (self->settings, "database-path");
  if (path == NULL || path[0] == '\0')
    {
      g_free (path);
      path = cd_application_dup_default_database_path ();
    }
  return path;
}

static int
run_check_overdue (CdApplication *self,
                   const char    *database,
                   gboolean       all)
{
  g_autoptr(CdStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) out = g_string_new (NULL);
  g_autofree char *path = dup_cli_database_path (self, database);
  int count;

  store = cd_store_open (path, CD_STORE_OPEN_NO_WATCH | CD_STORE_OPEN_READ_ONLY, &error);
  if (store == NULL ||
      !cd_store_sign_in (store, g_get_user_name (), g_get_real_name (), &error))
    {
      g_printerr ("%s\n", error->message);
      return 2;
    }

  count = cd_reminders_check_overdue_cli (store, all, out, &error);
  if (count < 0)
    {
      g_printerr ("%s\n", error->message);
      return 2;
    }

  g_print ("%s", out->str);
  return count > 0 ? 1 : 0;
}

static int
run_verify_audit (CdApplication *self,
                  const char    *database)
{
  g_autoptr(CdStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = dup_cli_database_path (self, database);
  CdAuditCheck check;

  /* Read-only: the check changes nothing. */
  store = cd_store_open (path, CD_STORE_OPEN_NO_WATCH | CD_STORE_OPEN_READ_ONLY, &error);
  if (store == NULL || !cd_audit_verify (store, &check, &error))
    {
      g_printerr (_("Could not check the audit log: %s\n"), error->message);
      return 2;
    }

  if (check.broken_id != 0)
    {
      g_autofree char *when = cd_datetime_format_stamp (check.broken_at);
      g_autofree char *row = g_strdup_printf ("%" G_GINT64_FORMAT, check.broken_id);
      g_autofree char *before = g_strdup_printf ("%" G_GUINT64_FORMAT, check.n_rows - 1);

      /* Translators: a row number, its date, what was done ("update") to
       * what ("customers"), and how many rows come before it */
      g_print (_("The audit log was changed outside Caredesk: row %s (%s, %s of %s) does not follow from "
                 "the rows before it. The %s rows before it are intact.\n"),
               row, when, check.broken_action ? check.broken_action : "?",
               check.broken_entity ? check.broken_entity : "?", before);
      cd_audit_check_clear (&check);
      return 1;
    }

  {
    g_autofree char *rows = g_strdup_printf ("%" G_GUINT64_FORMAT, check.n_rows);
    g_print (_("The audit log is intact: %s rows checked.\n"), rows);
  }
  if (check.last_hash != NULL && check.last_hash[0] != '\0')
    /* Translators: %s is a long hexadecimal checksum */
    g_print (_("Last hash: %s (keep it elsewhere to tell later whether rows were cut off the end).\n"),
             check.last_hash);
  cd_audit_check_clear (&check);
  return 0;
}

static int
run_backup (CdApplication *self,
            const char    *database)
{
  g_autoptr(CdStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = dup_cli_database_path (self, database);
  g_autofree char *backup = NULL;
  g_autofree char *display = NULL;

  /* Read-only: a backup never changes the file, nor upgrades it. */
  store = cd_store_open (path, CD_STORE_OPEN_NO_WATCH | CD_STORE_OPEN_READ_ONLY, &error);
  if (store != NULL)
    backup = cd_store_backup (store, &error);
  if (backup == NULL)
    {
      g_printerr (_("Could not back up the database: %s\n"), error->message);
      return 2;
    }

  display = g_filename_display_name (backup);
  g_print ("%s\n", display);
  return 0;
}

/* Writes the files and records them in the audit log, so the file is
 * opened for writing (and upgraded when it is older). */
static int
run_monthly_review (CdApplication *self,
                    const char    *database,
                    const char    *month,
                    const char    *pdf,
                    const char    *csv)
{
  g_autoptr(CdStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = dup_cli_database_path (self, database);

  if (!g_file_test (path, G_FILE_TEST_IS_REGULAR))
    {
      g_autofree char *display = g_filename_display_name (path);
      g_printerr (_("Could not write the monthly review: there is no database file “%s”.\n"), display);
      return 2;
    }
  store = cd_store_open (path, CD_STORE_OPEN_NO_WATCH, &error);
  if (store == NULL ||
      !cd_store_sign_in (store, g_get_user_name (), g_get_real_name (), &error) ||
      !cd_overview_monthly_review_cli (store, month, csv, pdf, &error))
    {
      g_printerr (_("Could not write the monthly review: %s\n"), error->message);
      return 2;
    }
  return 0;
}

int
cd_application_run_cli_mode (CdApplication *self,
                             GVariantDict  *options)
{
  const char *database = NULL;
  const char *size = NULL;
  const char *month = NULL, *pdf = NULL, *csv = NULL;
  gint64 seed = 1;

  g_variant_dict_lookup (options, "database", "^&ay", &database);

  if (g_variant_dict_lookup (options, "generate-demo", "&s", &size))
    {
      g_variant_dict_lookup (options, "seed", "x", &seed);
      return run_generate_demo (database, size, seed);
    }

  if (g_variant_dict_contains (options, "seed"))
    {
      g_printerr ("%s\n", _("--seed works only together with --generate-demo."));
      return 1;
    }

  if (g_variant_dict_contains (options, "check-overdue"))
    return run_check_overdue (self, database, g_variant_dict_contains (options, "all"));

  if (g_variant_dict_contains (options, "backup"))
    return run_backup (self, database);

  if (g_variant_dict_contains (options, "verify-audit"))
    return run_verify_audit (self, database);

  if (g_variant_dict_lookup (options, "monthly-review", "&s", &month))
    {
      g_variant_dict_lookup (options, "pdf", "^&ay", &pdf);
      g_variant_dict_lookup (options, "csv", "^&ay", &csv);
      return run_monthly_review (self, database, month, pdf, csv);
    }
  if (g_variant_dict_contains (options, "pdf") || g_variant_dict_contains (options, "csv"))
    {
      g_printerr ("%s\n", _("--pdf and --csv work only together with --monthly-review."));
      return 2;
    }

  if (g_variant_dict_contains (options, "all"))
    {
      g_printerr ("%s\n", _("--all works only together with --check-overdue."));
      return 1;
    }

  return -1;
}
