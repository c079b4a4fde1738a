/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "caredesk-app"

#include "config.h"

#include <string.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "cd-application-private.h"
#include "cd-file-chooser.h"

/* Opening a database: at start, from the file chooser, from the recent
 * list, again (Reload), and what the window shows meanwhile and when it
 * fails. */

#define MAX_RECENT_DATABASES 8

static void
remember_path (CdApplication *self,
               const char    *path)
{
  g_auto(GStrv) recent = NULL;
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) updated = NULL;
  guint n = 1;

  g_settings_set_string (self->settings, "database-path", path);

  recent = g_settings_get_strv (self->settings, "recent-databases");
  g_strv_builder_add (builder, path);
  for (guint i = 0; recent[i] != NULL && n < MAX_RECENT_DATABASES; i++)
    {
      if (g_strcmp0 (recent[i], path) == 0 || recent[i][0] == '\0')
        continue;
      g_strv_builder_add (builder, recent[i]);
      n++;
    }

  updated = g_strv_builder_end (builder);
  g_settings_set_strv (self->settings, "recent-databases", (const char * const *) updated);
}

static void
set_store (CdApplication *self,
           CdStore       *store)
{
  CdWindow *window;

  g_clear_object (&self->notifier);
  g_set_object (&self->store, store);

  if (cd_application_is_signed_in (self))
    self->notifier = cd_notifier_new (G_APPLICATION (self), self->store, self->settings);

  window = cd_application_get_window (self);
  if (window != NULL)
    cd_application_show_store_in_window (self, window);

  cd_application_update_actions (self);

  if (window != NULL && self->store != NULL && cd_application_is_signed_in (self) && cd_store_is_snapshot (self->store))
    cd_application_show_toast (self, _("This database is shown as it was when opened: its folder is read-only for you, so "
                                       "Caredesk cannot take part in its locking and will not see changes others make"));
  else if (window != NULL && self->store != NULL && cd_application_is_signed_in (self) && cd_store_is_read_only (self->store))
    cd_application_show_toast (self, _("This database is open read-only: nothing you change can be saved"));
}

/* Errors ------------------------------------------------------------------ */

typedef struct {
  CdApplication    *app;
  char             *path;
  CdStoreOpenFlags  flags;
} OpenErrorData;

static void
open_error_data_free (gpointer  data,
                      GClosure *closure)
{
  OpenErrorData *d = data;

  g_object_unref (d->app);
  g_free (d->path);
  g_free (d);
}

static void
on_error_dialog_response_cb (AdwMessageDialog *dialog,
                             const char       *response,
                             OpenErrorData    *data)
{
  CdApplication *self = data->app;

  if (g_str_equal (response, "choose"))
    cd_application_choose_database (self, FALSE);
  else if (g_str_equal (response, "create"))
    cd_application_choose_database (self, TRUE);
  else if (g_str_equal (response, "set-up"))
    cd_application_open_path (self, data->path,
               (data->flags & ~CD_STORE_OPEN_READ_ONLY) | CD_STORE_OPEN_SET_UP_EMPTY);
  else if (g_str_equal (response, "read-only"))
    cd_application_open_path (self, data->path,
               (data->flags & ~CD_STORE_OPEN_CREATE) | CD_STORE_OPEN_READ_ONLY);
  else if (g_str_equal (response, "quit"))
    g_action_group_activate_action (G_ACTION_GROUP (self), "quit", NULL);
}

static const char *
error_heading (const GError *error)
{
  if (error->domain != CD_STORE_ERROR)
    return _("Cannot Open the Database");

  switch ((CdStoreError) error->code)
    {
    case CD_STORE_ERROR_NEWER_SCHEMA:
      return _("Made by a Newer Caredesk");
    case CD_STORE_ERROR_READ_ONLY:
      return _("The Database Is Read-Only");
    case CD_STORE_ERROR_NOT_FOUND:
      return _("The Database File Is Missing");
    case CD_STORE_ERROR_NOT_DATABASE:
      return _("Not a Caredesk Database");
    case CD_STORE_ERROR_CORRUPT:
      return _("The Database Is Damaged");
    case CD_STORE_ERROR_BUSY:
      return _("The Database Is Busy");
    case CD_STORE_ERROR_DISK_FULL:
      return _("The Disk Is Full");
    case CD_STORE_ERROR_EMPTY_FILE:
      return _("The Database File Is Empty");
    case CD_STORE_ERROR_FAILED:
    case CD_STORE_ERROR_CANT_OPEN:
    case CD_STORE_ERROR_STALE:
    case CD_STORE_ERROR_INVALID:
    case CD_STORE_ERROR_PERMISSION:
    case CD_STORE_ERROR_UNKNOWN_USER:
    default:
      return _("Cannot Open the Database");
    }
}

static void
show_open_error (CdApplication    *self,
                 const char       *path,
                 CdStoreOpenFlags  flags,
                 const GError     *error)
{
  g_autofree char *display_path = g_filename_display_name (path);
  CdWindow *window = cd_application_present_window (self);
  OpenErrorData *data;
  GtkWidget *dialog;
  gboolean offer_create = TRUE;
  gboolean offer_read_only = FALSE;
  gboolean offer_set_up = FALSE;

  if (error->domain == CD_STORE_ERROR)
    {
      switch ((CdStoreError) error->code)
        {
        case CD_STORE_ERROR_NEWER_SCHEMA:
          offer_create = FALSE;
          break;
        case CD_STORE_ERROR_EMPTY_FILE:
          offer_set_up = TRUE;
          break;
        case CD_STORE_ERROR_READ_ONLY:
        case CD_STORE_ERROR_CANT_OPEN:
        case CD_STORE_ERROR_BUSY:
        case CD_STORE_ERROR_DISK_FULL:
          offer_read_only = (flags & CD_STORE_OPEN_READ_ONLY) == 0;
          break;
        case CD_STORE_ERROR_FAILED:
        case CD_STORE_ERROR_NOT_FOUND:
        case CD_STORE_ERROR_NOT_DATABASE:
        case CD_STORE_ERROR_CORRUPT:
        case CD_STORE_ERROR_STALE:
        case CD_STORE_ERROR_INVALID:
        case CD_STORE_ERROR_PERMISSION:
        case CD_STORE_ERROR_UNKNOWN_USER:
        default:
          break;
        }
    }

  dialog = adw_message_dialog_new (GTK_WINDOW (window), error_heading (error), NULL);
  if (strstr (error->message, display_path) != NULL)
    adw_message_dialog_set_body (ADW_MESSAGE_DIALOG (dialog), error->message);
  else
    adw_message_dialog_format_body (ADW_MESSAGE_DIALOG (dialog), "%s\n\n%s", error->message, display_path);

  /* With a database still open, giving up keeps it; without one, the
   * window offers to open or create one, and Quit is the way out. */
  if (self->store != NULL)
    adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Keep the Current Database"));
  else
    adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "quit", _("_Quit"));
  if (offer_read_only)
    adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "read-only", _("Open _Read-Only"));
  if (offer_set_up)
    {
      adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "set-up", _("_Set Up a New Database in It"));
      adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "set-up", ADW_RESPONSE_DESTRUCTIVE);
    }
  else if (offer_create)
    adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "create", _("Create _New Database…"));
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "choose", _("_Choose Another File…"));

  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "choose", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "choose");

  data = g_new0 (OpenErrorData, 1);
  data->app = g_object_ref (self);
  data->path = g_strdup (path);
  data->flags = flags;
  g_signal_connect_data (dialog, "response",
                         G_CALLBACK (on_error_dialog_response_cb),
                         data, open_error_data_free, 0);

  gtk_window_present (GTK_WINDOW (dialog));
}

/* Opens @path and signs in; NULL with @error on a failure to show. A
 * login the file does not know is not a failure: the window says so. */
static CdStore *
open_and_sign_in (const char          *path,
                  CdStoreOpenFlags     flags,
                  CdStoreUpgradeFunc   upgrading,
                  gpointer             user_data,
                  GError             **error)
{
  g_autoptr(CdStore) store = cd_store_open_full (path, flags, upgrading, user_data, error);
  g_autoptr(GError) sign_in_error = NULL;

  if (store == NULL)
    return NULL;

  if (!cd_store_sign_in (store, g_get_user_name (), g_get_real_name (), &sign_in_error) &&
      !g_error_matches (sign_in_error, CD_STORE_ERROR, CD_STORE_ERROR_UNKNOWN_USER))
    {
      g_propagate_error (error, g_steal_pointer (&sign_in_error));
      return NULL;
    }

  return g_steal_pointer (&store);
}

/* Opening a file (SQLite, the schema check, an upgrade of an older file,
 * signing in) runs in a worker thread: an upgrade of a big file takes
 * a while. The store goes to the main thread when the worker is done
 * and is used only there from then on.
 *
 * A normal start begins opening its file while GTK starts up, and the
 * window waits a moment for it so that it is built and drawn once, with
 * the store. An open that takes longer (or a later one) shows a page
 * saying so; the current store stays until the new one is there. A new
 * open replaces one under way, whose result is then dropped. */
typedef struct _CdOpenJob
{
  gatomicrefcount   ref;
  GWeakRef          app;
  char             *path;       /* canonical */
  CdStoreOpenFlags  flags;
  GThread          *thread;
  gboolean          upgrading;  /* main thread */

  GMutex            lock;
  GCond             cond;
  gboolean          done;       /* under lock; then store and error are set */
  CdStore          *store;
  GError           *error;
} OpenJob;

/* How long a start waits for its file before showing the window. */
#define START_WAIT_US (400 * 1000)
/* How long an open runs before the window says so. */
#define OPENING_PAGE_DELAY_MS 300

static OpenJob *
open_job_ref (OpenJob *job)
{
  g_atomic_ref_count_inc (&job->ref);
  return job;
}

static void
open_job_unref (OpenJob *job)
{
  if (!g_atomic_ref_count_dec (&job->ref))
    return;
  g_assert (job->thread == NULL);
  g_weak_ref_clear (&job->app);
  g_free (job->path);
  g_clear_object (&job->store);
  g_clear_error (&job->error);
  g_mutex_clear (&job->lock);
  g_cond_clear (&job->cond);
  g_free (job);
}

/* Waits until the worker is done, at most @timeout_us (-1: as long as it
 * takes); returns whether it is. */
static gboolean
open_job_wait (OpenJob *job,
               gint64   timeout_us)
{
  gint64 end = timeout_us < 0 ? G_MAXINT64 : g_get_monotonic_time () + timeout_us;
  gboolean done;

  g_mutex_lock (&job->lock);
  while (!job->done)
    if (!g_cond_wait_until (&job->cond, &job->lock, end))
      break;
  done = job->done;
  g_mutex_unlock (&job->lock);

  if (done && job->thread != NULL)
    g_thread_join (g_steal_pointer (&job->thread));
  return done;
}

static void finish_open (CdApplication *self);

static gboolean
open_job_done_idle (gpointer user_data)
{
  OpenJob *job = user_data;
  g_autoptr(CdApplication) self = g_weak_ref_get (&job->app);

  /* The worker is done: this only joins it. */
  open_job_wait (job, -1);
  if (self != NULL && self->job == job)
    finish_open (self);
  return G_SOURCE_REMOVE;
}

static gboolean
open_job_upgrading_idle (gpointer user_data)
{
  OpenJob *job = user_data;
  g_autoptr(CdApplication) self = g_weak_ref_get (&job->app);
  CdWindow *window;

  if (self == NULL || self->job != job)
    return G_SOURCE_REMOVE;
  window = cd_application_get_window (self);

  job->upgrading = TRUE;
  g_clear_handle_id (&self->opening_page_id, g_source_remove);
  if (window != NULL)
    cd_window_show_opening (window, job->path, TRUE);
  return G_SOURCE_REMOVE;
}

/* On the worker thread, under the file's write lock. */
static void
open_job_upgrading_cb (const char *path,
                       gpointer    user_data)
{
  OpenJob *job = user_data;

  g_idle_add_full (G_PRIORITY_DEFAULT, open_job_upgrading_idle, open_job_ref (job),
                   (GDestroyNotify) open_job_unref);
}

static gpointer
open_job_thread (gpointer user_data)
{
  OpenJob *job = user_data;
  GError *error = NULL;
  CdStore *store;

  /* The store polls for others' changes on the main thread, once it is
   * there (see finish_open()): not here, while this thread still uses it. */
  store = open_and_sign_in (job->path, job->flags | CD_STORE_OPEN_NO_WATCH,
                            open_job_upgrading_cb, job, &error);

  g_mutex_lock (&job->lock);
  job->store = store;
  job->error = error;
  job->done = TRUE;
  g_cond_broadcast (&job->cond);
  g_mutex_unlock (&job->lock);

  /* The worker's reference goes to the idle. */
  g_idle_add_full (G_PRIORITY_DEFAULT, open_job_done_idle, job, (GDestroyNotify) open_job_unref);
  return NULL;
}

static gboolean
opening_page_cb (gpointer user_data)
{
  CdApplication *self = user_data;
  CdWindow *window = cd_application_get_window (self);

  self->opening_page_id = 0;
  if (self->job != NULL && window != NULL)
    cd_window_show_opening (window, self->job->path, self->job->upgrading);
  return G_SOURCE_REMOVE;
}

void
cd_application_open_path (CdApplication    *self,
                          const char       *path,
                          CdStoreOpenFlags  flags)
{
  g_autofree char *canonical = g_canonicalize_filename (path, NULL);
  OpenJob *job;

  if (self->job != NULL && g_strcmp0 (self->job->path, canonical) == 0 && self->job->flags == flags)
    return;

  g_debug ("Opening %s", canonical);

  /* An open under way is left to finish on its own; its result is not
   * used. */
  g_clear_pointer (&self->job, open_job_unref);

  job = g_new0 (OpenJob, 1);
  g_atomic_ref_count_init (&job->ref);
  g_weak_ref_init (&job->app, self);
  job->path = g_steal_pointer (&canonical);
  job->flags = flags;
  g_mutex_init (&job->lock);
  g_cond_init (&job->cond);
  self->job = job;

  job->thread = g_thread_try_new ("caredesk-open", open_job_thread, open_job_ref (job), NULL);
  if (job->thread == NULL)
    open_job_thread (open_job_ref (job));

  g_clear_handle_id (&self->opening_page_id, g_source_remove);
  self->opening_page_id = g_timeout_add (OPENING_PAGE_DELAY_MS, opening_page_cb, self);
}

/* Takes the result of the current job into the application and the
 * window; waits for the worker if needed. */
static void
finish_open (CdApplication *self)
{
  OpenJob *job = g_steal_pointer (&self->job);
  g_autoptr(CdStore) store = NULL;
  g_autoptr(GError) error = NULL;
  CdWindow *window = cd_application_get_window (self);

  open_job_wait (job, -1);
  store = g_steal_pointer (&job->store);
  error = g_steal_pointer (&job->error);
  g_clear_handle_id (&self->opening_page_id, g_source_remove);

  if (store == NULL)
    {
      if (window != NULL)
        cd_window_hide_opening (window);
      show_open_error (self, job->path, job->flags, error);
    }
  else
    {
      if (!(job->flags & CD_STORE_OPEN_NO_WATCH))
        cd_store_watch (store);
      remember_path (self, job->path);
      set_store (self, store);
      if (window != NULL)
        cd_window_hide_opening (window);
    }

  open_job_unref (job);
}

/* The file to open when none is named: the last one, or a new one in
 * the user's data folder. */
char *
cd_application_dup_default_path (CdApplication    *self,
                                 CdStoreOpenFlags *flags)
{
  char *path = g_settings_get_string (self->settings, "database-path");
  g_autofree char *dir = NULL;

  *flags = CD_STORE_OPEN_DEFAULT;
  if (path[0] != '\0')
    return path;

  g_free (path);
  path = cd_application_dup_default_database_path ();
  dir = g_path_get_dirname (path);
  /* A failure shows up as an open error with its own message. */
  g_mkdir_with_parents (dir, 0700);
  *flags = CD_STORE_OPEN_CREATE;
  return path;
}

void
cd_application_open_default (CdApplication *self)
{
  CdStoreOpenFlags flags;
  g_autofree char *path = cd_application_dup_default_path (self, &flags);

  cd_application_open_path (self, path, flags);
}

/* A chooser's answer, for the application that asked. */
typedef struct {
  CdApplication *app;
  GCancellable  *cancellable;
  gboolean       create;
} ChooseRequest;

static void
choose_request_free (ChooseRequest *request)
{
  g_object_unref (request->app);
  g_object_unref (request->cancellable);
  g_free (request);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ChooseRequest, choose_request_free)

static void
on_database_chosen_cb (GObject      *source,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  g_autoptr(ChooseRequest) request = user_data;
  CdApplication *self = request->app;
  gboolean create = request->create;
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = cd_file_chooser_choose_finish (result, &error);
  g_autofree char *path = NULL;

  if (self->choosing == request->cancellable)
    g_clear_object (&self->choosing);
  if (file == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        cd_application_show_toast (self, error->message);
      return;
    }

  path = g_file_get_path (file);
  if (path == NULL)
    {
      cd_application_show_toast (self, _("Caredesk can only open a database on this computer or a mounted share"));
      return;
    }

  if (create)
    {
      GStatBuf buf;

      /* A shared file is never replaced: an existing one is opened. */
      if (g_stat (path, &buf) == 0 && buf.st_size > 0)
        {
          g_autofree char *name = g_filename_display_basename (path);
          g_autofree char *message = g_strdup_printf (_("“%s” already exists, so it was opened as it is"), name);

          cd_application_open_path (self, path, CD_STORE_OPEN_DEFAULT);
          if (self->store != NULL && g_strcmp0 (cd_store_get_path (self->store), path) == 0)
            cd_application_show_toast (self, message);
          return;
        }
    }

  /* An empty file chosen as the name of a new one: the chooser asked
   * whether to replace it. */
  cd_application_open_path (self, path, create ? CD_STORE_OPEN_CREATE | CD_STORE_OPEN_SET_UP_EMPTY : CD_STORE_OPEN_DEFAULT);
}

void
cd_application_choose_database (CdApplication *self,
                                gboolean       create)
{
  const CdFileChooserFilter filters[] = {
    { _("Caredesk databases"), "*.caredesk;*.db;*.sqlite" },
    { _("All files"), "*" },
  };
  g_autoptr(GFile) folder = NULL;
  ChooseRequest *request;

  /* One chooser at a time: a new request replaces one still open. */
  if (self->choosing != NULL)
    g_cancellable_cancel (self->choosing);
  g_clear_object (&self->choosing);
  self->choosing = g_cancellable_new ();

  if (self->store != NULL)
    {
      g_autofree char *dir = g_path_get_dirname (cd_store_get_path (self->store));
      folder = g_file_new_for_path (dir);
    }

  request = g_new0 (ChooseRequest, 1);
  request->app = g_object_ref (self);
  request->cancellable = g_object_ref (self->choosing);
  request->create = create;

  cd_file_chooser_choose_async (cd_application_get_dialog_parent (self),
                                create ? CD_FILE_CHOOSER_SAVE : CD_FILE_CHOOSER_OPEN,
                                create ? _("New Database") : _("Open Database"),
                                create ? _("_Create") : _("_Open"),
                                folder,
                                /* Translators: the suggested file name of a new database */
                                create ? _("support.caredesk") : NULL,
                                filters, G_N_ELEMENTS (filters),
                                self->choosing, on_database_chosen_cb, request);
}

/* Start-up ---------------------------------------------------------------- */

gboolean
cd_application_show_early_open (CdApplication *self,
                                const char    *path)
{
  OpenJob *job = self->job;

  if (self->store != NULL || job == NULL ||
      (path != NULL && (g_strcmp0 (path, job->path) != 0 || job->flags != CD_STORE_OPEN_CREATE)))
    return FALSE;

  /* A file opened while GTK started goes into the window before it is
   * first shown, so that the window is built and drawn once; a file that
   * could not be opened shows its error dialog on top of the window, and
   * one that takes longer (an upgrade) shows it being opened. */
  if (open_job_wait (job, START_WAIT_US) && job->store != NULL)
    {
      finish_open (self);
      cd_application_present_window (self);
    }
  else
    {
      CdWindow *window = cd_application_ensure_window (self);

      if (job->thread != NULL)
        cd_window_show_opening (window, job->path, job->upgrading);
      gtk_window_present (GTK_WINDOW (window));
      if (job->thread == NULL)
        finish_open (self);
    }
  return TRUE;
}

void
cd_application_drop_open (CdApplication *self)
{
  /* An open under way finishes (an upgrade is not cut short), unused. */
  if (self->job != NULL)
    open_job_wait (self->job, -1);
  g_clear_pointer (&self->job, open_job_unref);
  g_clear_handle_id (&self->opening_page_id, g_source_remove);
}
