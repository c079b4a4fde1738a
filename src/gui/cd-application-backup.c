/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "caredesk-app"

#include "config.h"

#include <glib/gi18n.h>

#include "cd-application-private.h"

/* "Back Up Now": a timestamped copy beside the file, made with SQLite's
 * online backup on the store's read worker while the window goes on. */

typedef struct {
  char *backup_path;
} BackupJob;

static void
backup_job_free (BackupJob *job)
{
  g_free (job->backup_path);
  g_free (job);
}

/* On the store's read worker: a backup reads the whole file. */
static gboolean
backup_job_run (CdStore       *store,
                gpointer       data,
                GCancellable  *cancellable,
                GError       **error)
{
  BackupJob *job = data;

  job->backup_path = cd_store_backup (store, error);
  return job->backup_path != NULL;
}

static void
backup_done_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(CdApplication) self = user_data;
  g_autoptr(GError) error = NULL;
  BackupJob *job = cd_store_run_get_data (result);
  g_autofree char *message = NULL;

  self->backup_running = FALSE;
  cd_application_update_actions (self);

  if (cd_store_run_finish (CD_STORE (source), result, &error))
    {
      g_autofree char *name = g_filename_display_basename (job->backup_path);

      message = g_strdup_printf (_("Backed up to “%s”, next to the database"), name);
    }
  else
    {
      message = g_strdup_printf (_("Could not back up the database: %s"), error->message);
    }

  cd_application_show_toast (self, message);
}


void
cd_application_back_up (CdApplication *self)
{
  if (self->store == NULL || self->backup_running)
    return;

  self->backup_running = TRUE;
  cd_application_update_actions (self);

  cd_store_run_async (self->store, CD_STORE_LANE_READ, backup_job_run,
                      g_new0 (BackupJob, 1), (GDestroyNotify) backup_job_free,
                      NULL, backup_done_cb, g_object_ref (self));
}
