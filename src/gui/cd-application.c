/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "caredesk-app"

#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "caredesk-resources.h"
#include "cd-application.h"
#include "cd-first-frame.h"
#include "cd-autostart.h"
#include "cd-demo.h"
#include "cd-file-chooser.h"
#include "cd-notifier.h"
#include "cd-preferences-window.h"
#include "cd-reminders.h"
#include "cd-window.h"

#define MAX_RECENT_DATABASES 8

struct _CdApplication
{
  AdwApplication        parent_instance;

  GSettings            *settings;
  CdStore              *store;
  CdNotifier           *notifier;
  GCancellable         *choosing;

  /* The database being opened in a worker (see OpenJob). */
  struct _OpenJob      *job;
  guint                 opening_page_id;

  guint                 held : 1;
  guint                 opened : 1;
  guint                 backup_running : 1;
  guint                 reverting_autostart : 1;
};

G_DEFINE_FINAL_TYPE (CdApplication, cd_application, ADW_TYPE_APPLICATION)

static const GOptionEntry option_entries[] = {
  { "database", 'd', 0, G_OPTION_ARG_FILENAME, NULL,
    N_("Open the database file PATH (created when missing)"), N_("PATH") },
  { "generate-demo", 0, 0, G_OPTION_ARG_STRING, NULL,
    N_("Write demo data of SIZE (small, medium, benchmark, or a ticket count such as 250k) "
       "to a new file given with --database, then exit"), N_("SIZE") },
  { "seed", 0, 0, G_OPTION_ARG_INT64, NULL,
    N_("Seed of the demo data (default 1)"), N_("N") },
  { "check-overdue", 0, 0, G_OPTION_ARG_NONE, NULL,
    N_("Print your overdue follow-ups and exit; the exit status is 1 when there are any"), NULL },
  { "all", 0, 0, G_OPTION_ARG_NONE, NULL,
    N_("With --check-overdue, print everyone’s overdue follow-ups"), NULL },
  { "backup", 0, 0, G_OPTION_ARG_NONE, NULL,
    N_("Write a backup of the database next to it, print its name and exit"), NULL },
  { "hidden", 0, 0, G_OPTION_ARG_NONE, NULL,
    N_("Start in the background without showing the window"), NULL },
  { "version", 0, 0, G_OPTION_ARG_NONE, NULL,
    N_("Show the version and exit"), NULL },
  { NULL }
};

static void open_path (CdApplication    *self,
                       const char       *path,
                       CdStoreOpenFlags  flags);

/* Helpers ----------------------------------------------------------------- */

static GSettings *
ensure_settings (CdApplication *self)
{
  if (self->settings == NULL)
    {
      g_autoptr(GSettingsSchema) schema = NULL;
      GSettingsSchemaSource *source = g_settings_schema_source_get_default ();

      if (source != NULL)
        schema = g_settings_schema_source_lookup (source, APP_ID, TRUE);
      if (schema == NULL)
        return NULL;

      self->settings = g_settings_new_full (schema, NULL, NULL);
    }

  return self->settings;
}

static char *
dup_default_database_path (void)
{
  return g_build_filename (g_get_user_data_dir (), "caredesk", "caredesk.db", NULL);
}

static void
ensure_held (CdApplication *self)
{
  if (!self->held)
    {
      g_application_hold (G_APPLICATION (self));
      self->held = TRUE;
    }
}

static void
release_hold (CdApplication *self)
{
  if (self->held)
    {
      self->held = FALSE;
      g_application_release (G_APPLICATION (self));
    }
}

static gboolean
is_signed_in (CdApplication *self)
{
  return self->store != NULL && cd_store_get_staff_id (self->store) != 0;
}

static CdWindow *
get_window (CdApplication *self)
{
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l != NULL; l = l->next)
    if (CD_IS_WINDOW (l->data))
      return CD_WINDOW (l->data);

  return NULL;
}

static void
show_store_in_window (CdApplication *self,
                      CdWindow      *window)
{
  if (self->store != NULL && !is_signed_in (self))
    cd_window_show_unknown_user (window, self->store, g_get_user_name ());
  else
    cd_window_set_store (window, self->store);
}

static gboolean
on_window_close_request_cb (CdApplication *self,
                            GtkWindow     *window)
{
  /* Keep the reminders coming after the last window is gone; without a
   * signed-in database there is nothing to remind about. */
  if (self->notifier != NULL && g_settings_get_boolean (self->settings, "run-in-background"))
    ensure_held (self);
  else
    release_hold (self);

  return GDK_EVENT_PROPAGATE;
}

/* With CAREDESK_BENCHMARK_FIRST_FRAME set, the window's first drawn frame
 * is reported on stdout as "first-frame <monotonic µs> rss-kb <VmRSS>" and
 * the application quits: the project's benchmark times start-up by it. */
static CdWindow *
ensure_window (CdApplication *self)
{
  CdWindow *window = get_window (self);

  if (window == NULL)
    {
      window = cd_window_new (GTK_APPLICATION (self), self->settings);
      g_signal_connect_object (window, "close-request",
                               G_CALLBACK (on_window_close_request_cb),
                               self, G_CONNECT_SWAPPED);
      /* The project's benchmark times start-up by the first frame. */
      if (g_getenv ("CAREDESK_BENCHMARK_FIRST_FRAME") != NULL)
        cd_first_frame_report (GTK_WIDGET (window), G_APPLICATION (self));
      show_store_in_window (self, window);
    }

  return window;
}

static CdWindow *
present_window (CdApplication *self)
{
  CdWindow *window = ensure_window (self);

  gtk_window_present (GTK_WINDOW (window));
  return window;
}

/* The window a new dialog belongs to: the focused one, but never an
 * error dialog that is about to close. */
static GtkWindow *
get_dialog_parent (CdApplication *self)
{
  GtkWindow *active = gtk_application_get_active_window (GTK_APPLICATION (self));

  if (active == NULL || ADW_IS_MESSAGE_DIALOG (active))
    active = GTK_WINDOW (present_window (self));

  return active;
}

static void
show_toast (CdApplication *self,
            const char    *title)
{
  GtkWindow *active = gtk_application_get_active_window (GTK_APPLICATION (self));
  AdwToast *toast;
  CdWindow *window;

  toast = adw_toast_new (title);
  adw_toast_set_timeout (toast, 6);

  if (ADW_IS_PREFERENCES_WINDOW (active))
    {
      adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (active), toast);
      return;
    }

  window = CD_IS_WINDOW (active) ? CD_WINDOW (active) : get_window (self);
  if (window != NULL)
    cd_window_add_toast (window, toast);
  else
    {
      g_message ("%s", title);
      g_object_unref (toast);
    }
}

static void
update_actions (CdApplication *self)
{
  const struct {
    const char *name;
    gboolean    enabled;
  } states[] = {
    { "backup", self->store != NULL && !self->backup_running },
    { "reload-database", self->store != NULL },
    { "open-followup", is_signed_in (self) },
    { "open-ticket", is_signed_in (self) },
    { "record-outcome", is_signed_in (self) },
  };

  for (guint i = 0; i < G_N_ELEMENTS (states); i++)
    {
      GAction *action = g_action_map_lookup_action (G_ACTION_MAP (self), states[i].name);

      if (action != NULL)
        g_simple_action_set_enabled (G_SIMPLE_ACTION (action), states[i].enabled);
    }
}

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

  if (is_signed_in (self))
    self->notifier = cd_notifier_new (G_APPLICATION (self), self->store, self->settings);

  window = get_window (self);
  if (window != NULL)
    show_store_in_window (self, window);

  update_actions (self);

  if (window != NULL && self->store != NULL && is_signed_in (self) && cd_store_is_snapshot (self->store))
    show_toast (self, _("This database is shown as it was when opened: its folder is read-only for you, so "
                        "Caredesk cannot take part in its locking and will not see changes others make"));
  else if (window != NULL && self->store != NULL && is_signed_in (self) && cd_store_is_read_only (self->store))
    show_toast (self, _("This database is open read-only: nothing you change can be saved"));
}

/* Opening databases ------------------------------------------------------- */

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

static void choose_database (CdApplication *self,
                             gboolean       create);

static void
on_error_dialog_response_cb (AdwMessageDialog *dialog,
                             const char       *response,
                             OpenErrorData    *data)
{
  CdApplication *self = data->app;

  if (g_str_equal (response, "choose"))
    choose_database (self, FALSE);
  else if (g_str_equal (response, "create"))
    choose_database (self, TRUE);
  else if (g_str_equal (response, "read-only"))
    open_path (self, data->path,
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
  CdWindow *window = present_window (self);
  OpenErrorData *data;
  GtkWidget *dialog;
  gboolean offer_create = TRUE;
  gboolean offer_read_only = FALSE;

  if (error->domain == CD_STORE_ERROR)
    {
      switch ((CdStoreError) error->code)
        {
        case CD_STORE_ERROR_NEWER_SCHEMA:
          offer_create = FALSE;
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
  if (offer_create)
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
typedef struct _OpenJob
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
  window = get_window (self);

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
  CdWindow *window = get_window (self);

  self->opening_page_id = 0;
  if (self->job != NULL && window != NULL)
    cd_window_show_opening (window, self->job->path, self->job->upgrading);
  return G_SOURCE_REMOVE;
}

static void
open_path (CdApplication    *self,
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
  CdWindow *window = get_window (self);

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
static char *
dup_default_path (CdApplication    *self,
                  CdStoreOpenFlags *flags)
{
  char *path = g_settings_get_string (self->settings, "database-path");
  g_autofree char *dir = NULL;

  *flags = CD_STORE_OPEN_DEFAULT;
  if (path[0] != '\0')
    return path;

  g_free (path);
  path = dup_default_database_path ();
  dir = g_path_get_dirname (path);
  /* A failure shows up as an open error with its own message. */
  g_mkdir_with_parents (dir, 0700);
  *flags = CD_STORE_OPEN_CREATE;
  return path;
}

static void
open_default (CdApplication *self)
{
  CdStoreOpenFlags flags;
  g_autofree char *path = dup_default_path (self, &flags);

  open_path (self, path, flags);
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
        show_toast (self, error->message);
      return;
    }

  path = g_file_get_path (file);
  if (path == NULL)
    {
      show_toast (self, _("Caredesk can only open a database on this computer or a mounted share"));
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

          open_path (self, path, CD_STORE_OPEN_DEFAULT);
          if (self->store != NULL && g_strcmp0 (cd_store_get_path (self->store), path) == 0)
            show_toast (self, message);
          return;
        }
    }

  open_path (self, path, create ? CD_STORE_OPEN_CREATE : CD_STORE_OPEN_DEFAULT);
}

static void
choose_database (CdApplication *self,
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

  cd_file_chooser_choose_async (get_dialog_parent (self),
                                create ? CD_FILE_CHOOSER_SAVE : CD_FILE_CHOOSER_OPEN,
                                create ? _("New Database") : _("Open Database"),
                                create ? _("_Create") : _("_Open"),
                                folder,
                                /* Translators: the suggested file name of a new database */
                                create ? _("support.caredesk") : NULL,
                                filters, G_N_ELEMENTS (filters),
                                self->choosing, on_database_chosen_cb, request);
}

/* Backups ----------------------------------------------------------------- */

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
  update_actions (self);

  if (cd_store_run_finish (CD_STORE (source), result, &error))
    {
      g_autofree char *name = g_filename_display_basename (job->backup_path);

      message = g_strdup_printf (_("Backed up to “%s”, next to the database"), name);
    }
  else
    {
      message = g_strdup_printf (_("Could not back up the database: %s"), error->message);
    }

  show_toast (self, message);
}

/* Actions ----------------------------------------------------------------- */

static void
new_database_action (GSimpleAction *action,
                     GVariant      *parameter,
                     gpointer       user_data)
{
  choose_database (CD_APPLICATION (user_data), TRUE);
}

static void
open_database_action (GSimpleAction *action,
                      GVariant      *parameter,
                      gpointer       user_data)
{
  choose_database (CD_APPLICATION (user_data), FALSE);
}

static void
open_recent_action (GSimpleAction *action,
                    GVariant      *parameter,
                    gpointer       user_data)
{
  CdApplication *self = CD_APPLICATION (user_data);

  open_path (self, g_variant_get_bytestring (parameter), CD_STORE_OPEN_DEFAULT);
}

static void
reload_database_action (GSimpleAction *action,
                        GVariant      *parameter,
                        gpointer       user_data)
{
  CdApplication *self = CD_APPLICATION (user_data);
  g_autofree char *path = NULL;
  CdStoreOpenFlags flags = CD_STORE_OPEN_DEFAULT;

  if (self->store == NULL)
    return;

  path = g_strdup (cd_store_get_path (self->store));
  if (cd_store_is_read_only (self->store))
    flags |= CD_STORE_OPEN_READ_ONLY;

  open_path (self, path, flags);
}

static void
backup_action (GSimpleAction *action,
               GVariant      *parameter,
               gpointer       user_data)
{
  CdApplication *self = CD_APPLICATION (user_data);

  if (self->store == NULL || self->backup_running)
    return;

  self->backup_running = TRUE;
  update_actions (self);

  cd_store_run_async (self->store, CD_STORE_LANE_READ, backup_job_run,
                      g_new0 (BackupJob, 1), (GDestroyNotify) backup_job_free,
                      NULL, backup_done_cb, g_object_ref (self));
}

static void
preferences_action (GSimpleAction *action,
                    GVariant      *parameter,
                    gpointer       user_data)
{
  CdApplication *self = CD_APPLICATION (user_data);
  CdPreferencesWindow *preferences = cd_preferences_window_new (self->settings);
  GtkWindow *parent = get_dialog_parent (self);

  gtk_window_set_transient_for (GTK_WINDOW (preferences), parent);
  gtk_window_set_application (GTK_WINDOW (preferences), GTK_APPLICATION (self));
  gtk_window_present (GTK_WINDOW (preferences));
}

static void
about_action (GSimpleAction *action,
              GVariant      *parameter,
              gpointer       user_data)
{
  CdApplication *self = CD_APPLICATION (user_data);
  GtkWindow *parent = get_dialog_parent (self);
  const char *translators = _("translator-credits");
  GtkWidget *about;

  about = g_object_new (ADW_TYPE_ABOUT_WINDOW,
                        "transient-for", parent,
                        "application-name", "Caredesk",
                        "application-icon", APP_ID,
                        "version", PACKAGE_VERSION,
                        "developer-name", _("Caredesk contributors"),
                        "license-type", GTK_LICENSE_GPL_3_0,
                        "website", "https://github.com/caredesk/caredesk",
                        "issue-url", "https://github.com/caredesk/caredesk/issues",
                        "comments", _("A shared desk for a customer support team: customers, tickets, "
                                      "complaints with their follow-ups, and training, in one file."),
                        NULL);

  /* The untranslated key means there is nobody to credit. */
  if (!g_str_equal (translators, "translator-credits"))
    adw_about_window_set_translator_credits (ADW_ABOUT_WINDOW (about), translators);

  gtk_window_present (GTK_WINDOW (about));
}

static void
quit_action (GSimpleAction *action,
             GVariant      *parameter,
             gpointer       user_data)
{
  CdApplication *self = CD_APPLICATION (user_data);
  GList *windows = g_list_copy (gtk_application_get_windows (GTK_APPLICATION (self)));

  for (GList *l = windows; l != NULL; l = l->next)
    if (CD_IS_WINDOW (l->data))
      cd_window_save_state (CD_WINDOW (l->data));

  for (GList *l = windows; l != NULL; l = l->next)
    gtk_window_destroy (GTK_WINDOW (l->data));
  g_list_free (windows);

  release_hold (self);
  g_application_quit (G_APPLICATION (self));
}

static CdComplaintsView *
show_complaints (CdApplication *self)
{
  CdWindow *window;

  if (!is_signed_in (self))
    return NULL;

  window = present_window (self);
  cd_window_show_view (window, CD_VIEW_COMPLAINTS);
  return cd_window_get_complaints_view (window);
}

static void
open_followup_action (GSimpleAction *action,
                      GVariant      *parameter,
                      gpointer       user_data)
{
  CdComplaintsView *view = show_complaints (CD_APPLICATION (user_data));

  if (view != NULL)
    cd_complaints_view_show_followup (view, g_variant_get_int64 (parameter));
}

static void
record_outcome_action (GSimpleAction *action,
                       GVariant      *parameter,
                       gpointer       user_data)
{
  CdComplaintsView *view = show_complaints (CD_APPLICATION (user_data));

  if (view != NULL)
    cd_complaints_view_record_outcome (view, g_variant_get_int64 (parameter));
}

static void
open_ticket_action (GSimpleAction *action,
                    GVariant      *parameter,
                    gpointer       user_data)
{
  CdApplication *self = CD_APPLICATION (user_data);

  if (!is_signed_in (self) || g_variant_get_int64 (parameter) <= 0)
    return;
  cd_window_open_ticket (present_window (self), g_variant_get_int64 (parameter));
}

static const GActionEntry app_entries[] = {
  { "new-database", new_database_action },
  { "open-database", open_database_action },
  { "open-recent", open_recent_action, "ay" },
  { "no-recent", NULL },
  { "reload-database", reload_database_action },
  { "backup", backup_action },
  { "preferences", preferences_action },
  { "about", about_action },
  { "quit", quit_action },
  { "open-followup", open_followup_action, "x" },
  { "open-ticket", open_ticket_action, "x" },
  { "record-outcome", record_outcome_action, "x" },
};

/* Settings ---------------------------------------------------------------- */

static void
on_settings_start_at_login_changed_cb (CdApplication *self,
                                       const char    *key,
                                       GSettings     *settings)
{
  g_autoptr(GError) error = NULL;
  gboolean enabled = g_settings_get_boolean (settings, key);

  if (self->reverting_autostart)
    return;

  if (!cd_autostart_set_enabled (enabled, &error))
    {
      g_autofree char *message = NULL;

      if (enabled)
        message = g_strdup_printf (_("Could not set Caredesk to start at login: %s"), error->message);
      else
        message = g_strdup_printf (_("Could not stop Caredesk from starting at login: %s"), error->message);
      show_toast (self, message);

      self->reverting_autostart = TRUE;
      g_settings_set_boolean (settings, key, cd_autostart_is_enabled ());
      self->reverting_autostart = FALSE;
    }
}

static void
on_settings_run_in_background_changed_cb (CdApplication *self,
                                          const char    *key,
                                          GSettings     *settings)
{
  if (!g_settings_get_boolean (settings, key))
    release_hold (self);
}

/* Command line ------------------------------------------------------------ */

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
  if (ensure_settings (self) != NULL)
    path = g_settings_get_string (self->settings, "database-path");
  if (path == NULL || path[0] == '\0')
    {
      g_free (path);
      path = dup_default_database_path ();
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

static int
cd_application_handle_local_options (GApplication *app,
                                     GVariantDict *options)
{
  CdApplication *self = CD_APPLICATION (app);
  const char *database = NULL;
  const char *size = NULL;
  gint64 seed = 1;

  if (g_variant_dict_contains (options, "version"))
    {
      g_print ("caredesk %s\n", PACKAGE_VERSION);
      return 0;
    }

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

  if (g_variant_dict_contains (options, "all"))
    {
      g_printerr ("%s\n", _("--all works only together with --check-overdue."));
      return 1;
    }

  if (ensure_settings (self) == NULL)
    {
      g_printerr (_("Caredesk is not installed completely: its settings schema “%s” is missing. "
                    "Reinstall Caredesk, or point GSETTINGS_SCHEMA_DIR at the folder that holds it.\n"),
                  APP_ID);
      return 1;
    }

  /* A normal start: open the database while GTK starts. (If another
   * Caredesk is running, this start only hands over to it, and the file
   * opened here is closed again unused.) */
  if (!g_variant_dict_contains (options, "hidden"))
    {
      g_autofree char *path = NULL;
      CdStoreOpenFlags flags = CD_STORE_OPEN_CREATE;

      if (database != NULL)
        path = g_canonicalize_filename (database, NULL);
      else
        path = dup_default_path (self, &flags);
      open_path (self, path, flags);
    }

  return -1;
}

static int
cd_application_command_line (GApplication            *app,
                             GApplicationCommandLine *command_line)
{
  CdApplication *self = CD_APPLICATION (app);
  GVariantDict *options = g_application_command_line_get_options_dict (command_line);
  gboolean hidden = g_variant_dict_contains (options, "hidden");
  const char *database = NULL;
  g_autofree char *path = NULL;

  if (g_variant_dict_lookup (options, "database", "^&ay", &database))
    {
      g_autoptr(GFile) file = g_application_command_line_create_file_for_arg (command_line, database);

      path = g_file_get_path (file);
    }

  /* A file opened while GTK started goes into the window before it is
   * first shown, so that the window is built and drawn once; a file that
   * could not be opened shows its error dialog on top of the window, and
   * one that takes longer (an upgrade) shows it being opened. */
  if (!hidden && !self->opened && self->store == NULL && self->job != NULL &&
      (path == NULL || (g_strcmp0 (path, self->job->path) == 0 && self->job->flags == CD_STORE_OPEN_CREATE)))
    {
      if (open_job_wait (self->job, START_WAIT_US) && self->job->store != NULL)
        {
          finish_open (self);
          present_window (self);
        }
      else
        {
          CdWindow *window = ensure_window (self);

          if (self->job->thread != NULL)
            cd_window_show_opening (window, self->job->path, self->job->upgrading);
          gtk_window_present (GTK_WINDOW (window));
          if (self->job->thread == NULL)
            finish_open (self);
        }
      self->opened = TRUE;
      return 0;
    }

  if (hidden)
    ensure_held (self);
  else
    present_window (self);

  if (path != NULL)
    {
      if (self->store == NULL || g_strcmp0 (path, cd_store_get_path (self->store)) != 0)
        open_path (self, path, CD_STORE_OPEN_CREATE);
    }
  else if (!self->opened)
    {
      open_default (self);
    }
  self->opened = TRUE;

  return 0;
}

/* GApplication ------------------------------------------------------------ */

static void
cd_application_startup (GApplication *app)
{
  CdApplication *self = CD_APPLICATION (app);
  GtkApplication *gtk_app = GTK_APPLICATION (app);
  const struct {
    const char *action;
    const char *accels[3];
  } accels[] = {
    { "app.quit", { "<Control>q", NULL } },
    { "app.open-database", { "<Control>o", NULL } },
    { "app.new-database", { "<Control><Shift>n", NULL } },
    { "app.preferences", { "<Control>comma", NULL } },
    { "window.close", { "<Control>w", NULL } },
    { "win.show-help-overlay", { "<Control>question", NULL } },
  };

  G_APPLICATION_CLASS (cd_application_parent_class)->startup (app);

  /* handle-local-options checked that the schema is there. */
  g_assert (ensure_settings (self) != NULL);

  g_action_map_add_action_entries (G_ACTION_MAP (self), app_entries, G_N_ELEMENTS (app_entries), self);
  g_simple_action_set_enabled (G_SIMPLE_ACTION (g_action_map_lookup_action (G_ACTION_MAP (self), "no-recent")),
                               FALSE);
  for (guint i = 0; i < G_N_ELEMENTS (accels); i++)
    gtk_application_set_accels_for_action (gtk_app, accels[i].action, accels[i].accels);

  update_actions (self);

  g_signal_connect_object (self->settings, "changed::start-at-login",
                           G_CALLBACK (on_settings_start_at_login_changed_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->settings, "changed::run-in-background",
                           G_CALLBACK (on_settings_run_in_background_changed_cb),
                           self, G_CONNECT_SWAPPED);

  gtk_window_set_default_icon_name (APP_ID);
}

static void
cd_application_activate (GApplication *app)
{
  CdApplication *self = CD_APPLICATION (app);

  present_window (self);

  if (!self->opened)
    {
      self->opened = TRUE;
      open_default (self);
    }
}

static void
cd_application_dispose (GObject *object)
{
  CdApplication *self = CD_APPLICATION (object);

  if (self->choosing != NULL)
    g_cancellable_cancel (self->choosing);
  g_clear_object (&self->choosing);
  /* An open under way finishes (an upgrade is not cut short), unused. */
  if (self->job != NULL)
    open_job_wait (self->job, -1);
  g_clear_pointer (&self->job, open_job_unref);
  g_clear_handle_id (&self->opening_page_id, g_source_remove);
  g_clear_object (&self->notifier);
  g_clear_object (&self->store);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (cd_application_parent_class)->dispose (object);
}

static void
cd_application_class_init (CdApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->dispose = cd_application_dispose;

  app_class->handle_local_options = cd_application_handle_local_options;
  app_class->command_line = cd_application_command_line;
  app_class->startup = cd_application_startup;
  app_class->activate = cd_application_activate;
}

static void
cd_application_init (CdApplication *self)
{
  /* The resources register themselves when their object file is linked;
   * this reference makes sure a static link keeps it. */
  if (caredesk_get_resource () == NULL)
    g_critical ("Caredesk was built without its resources");

  g_application_add_main_option_entries (G_APPLICATION (self), option_entries);
  g_application_set_option_context_summary (G_APPLICATION (self),
                                            _("Customers, tickets, complaints, follow-ups and training "
                                              "in one database file shared by the team."));
}

/* Whether a GPU render node is there to draw with. Without one, Mesa
 * draws OpenGL in software (llvmpipe), as in most virtual machines and
 * remote desktops. */
static gboolean
has_render_node (void)
{
  g_autoptr(GDir) dir = g_dir_open ("/dev/dri", 0, NULL);
  const char *name;

  if (dir == NULL)
    return FALSE;
  while ((name = g_dir_read_name (dir)) != NULL)
    if (g_str_has_prefix (name, "renderD"))
      return TRUE;
  return FALSE;
}

void
cd_application_choose_renderer (void)
{
  const char *software = g_getenv ("LIBGL_ALWAYS_SOFTWARE");

  if (g_getenv ("GSK_RENDERER") != NULL)
    return;

  /* GTK 4.8 draws with OpenGL by default. Drawn in software, that is
   * several times slower than its cairo renderer for lists and forms like
   * Caredesk's (a sort redraws in ~25 ms instead of ~75 ms), so without a
   * GPU Caredesk uses cairo. */
  if (!has_render_node () || (software != NULL && g_strcmp0 (software, "0") != 0 && software[0] != '\0'))
    g_setenv ("GSK_RENDERER", "cairo", TRUE);
}

CdApplication *
cd_application_new (void)
{
  return g_object_new (CD_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "flags", G_APPLICATION_HANDLES_COMMAND_LINE,
                       NULL);
}

GSettings *
cd_application_get_settings (CdApplication *self)
{
  g_return_val_if_fail (CD_IS_APPLICATION (self), NULL);

  return ensure_settings (self);
}

CdStore *
cd_application_get_store (CdApplication *self)
{
  g_return_val_if_fail (CD_IS_APPLICATION (self), NULL);

  return self->store;
}
