/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "caredesk-app"

#include "config.h"

#include <glib/gi18n.h>

#include "caredesk-resources.h"
#include "cd-accessible.h"
#include "cd-application-private.h"
#include "cd-first-frame.h"
#include "cd-autostart.h"
#include "cd-preferences-window.h"
#include "cd-setup-window.h"
#include "cd-team.h"
#include "cd-team-window.h"

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
  { "verify-audit", 0, 0, G_OPTION_ARG_NONE, NULL,
    N_("Check that nobody changed the audit log behind Caredesk’s back, and exit; "
       "the exit status is 1 when a row does not match"), NULL },
  { "monthly-review", 0, 0, G_OPTION_ARG_STRING, NULL,
    N_("Write the monthly review of MONTH (such as 2026-11) to the files given with --pdf and --csv, "
       "then exit"), N_("MONTH") },
  { "pdf", 0, 0, G_OPTION_ARG_FILENAME, NULL,
    N_("With --monthly-review, write the review as a PDF to FILE"), N_("FILE") },
  { "csv", 0, 0, G_OPTION_ARG_FILENAME, NULL,
    N_("With --monthly-review, write the review’s figures as CSV to FILE"), N_("FILE") },
  { "hidden", 0, 0, G_OPTION_ARG_NONE, NULL,
    N_("Start in the background without showing the window"), NULL },
  { "version", 0, 0, G_OPTION_ARG_NONE, NULL,
    N_("Show the version and exit"), NULL },
  { NULL }
};

/* Helpers ----------------------------------------------------------------- */

GSettings *
cd_application_ensure_settings (CdApplication *self)
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

char *
cd_application_dup_default_database_path (void)
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

gboolean
cd_application_is_signed_in (CdApplication *self)
{
  return self->store != NULL && cd_store_get_staff_id (self->store) != 0;
}

CdWindow *
cd_application_get_window (CdApplication *self)
{
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l != NULL; l = l->next)
    if (CD_IS_WINDOW (l->data))
      return CD_WINDOW (l->data);

  return NULL;
}

static void present_setup (CdApplication *self);

void
cd_application_show_store_in_window (CdApplication *self,
                                     CdWindow      *window)
{
  if (self->store != NULL && !cd_application_is_signed_in (self))
    cd_window_show_unknown_user (window, self->store, g_get_user_name ());
  else
    cd_window_set_store (window, self->store);
  cd_window_set_search_indexer (window, self->indexer);

  /* A fresh database starts with its short setup, not an empty app. */
  if (cd_application_is_signed_in (self) && !cd_store_is_read_only (self->store) &&
      cd_team_needs_setup (self->store))
    present_setup (self);
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
CdWindow *
cd_application_ensure_window (CdApplication *self)
{
  CdWindow *window = cd_application_get_window (self);

  if (window == NULL)
    {
      window = cd_window_new (GTK_APPLICATION (self), self->settings);
      g_signal_connect_object (window, "close-request",
                               G_CALLBACK (on_window_close_request_cb),
                               self, G_CONNECT_SWAPPED);
      /* The project's benchmark times start-up by the first frame. */
      if (g_getenv ("CAREDESK_BENCHMARK_FIRST_FRAME") != NULL)
        cd_first_frame_report (GTK_WIDGET (window), G_APPLICATION (self));
      cd_application_show_store_in_window (self, window);
    }

  return window;
}

CdWindow *
cd_application_present_window (CdApplication *self)
{
  CdWindow *window = cd_application_ensure_window (self);

  gtk_window_present (GTK_WINDOW (window));
  return window;
}

/* The window a new dialog belongs to: the focused one, but never an
 * error dialog that is about to close. */
GtkWindow *
cd_application_get_dialog_parent (CdApplication *self)
{
  GtkWindow *active = gtk_application_get_active_window (GTK_APPLICATION (self));

  if (active == NULL || ADW_IS_MESSAGE_DIALOG (active))
    active = GTK_WINDOW (cd_application_present_window (self));

  return active;
}

void
cd_application_show_toast (CdApplication *self,
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

  window = CD_IS_WINDOW (active) ? CD_WINDOW (active) : cd_application_get_window (self);
  if (window != NULL)
    cd_window_add_toast (window, toast);
  else
    {
      g_message ("%s", title);
      g_object_unref (toast);
    }
}

void
cd_application_update_actions (CdApplication *self)
{
  const struct {
    const char *name;
    gboolean    enabled;
  } states[] = {
    { "backup", self->store != NULL && !self->backup_running },
    { "reload-database", self->store != NULL },
    { "open-followup", cd_application_is_signed_in (self) },
    { "open-ticket", cd_application_is_signed_in (self) },
    { "open-customer", cd_application_is_signed_in (self) },
    { "open-complaint", cd_application_is_signed_in (self) },
    { "open-article", cd_application_is_signed_in (self) },
    { "search", cd_application_is_signed_in (self) },
    { "open-training", cd_application_is_signed_in (self) },
    { "record-outcome", cd_application_is_signed_in (self) },
    { "team", cd_application_is_signed_in (self) },
    { "team-setup", cd_application_is_signed_in (self) && cd_store_get_role (self->store) == CD_ROLE_ADMIN },
  };

  for (guint i = 0; i < G_N_ELEMENTS (states); i++)
    {
      GAction *action = g_action_map_lookup_action (G_ACTION_MAP (self), states[i].name);

      if (action != NULL)
        g_simple_action_set_enabled (G_SIMPLE_ACTION (action), states[i].enabled);
    }
}


static void
new_database_action (GSimpleAction *action,
                     GVariant      *parameter,
                     gpointer       user_data)
{
  cd_application_choose_database (CD_APPLICATION (user_data), TRUE);
}

static void
open_database_action (GSimpleAction *action,
                      GVariant      *parameter,
                      gpointer       user_data)
{
  cd_application_choose_database (CD_APPLICATION (user_data), FALSE);
}

static void
open_recent_action (GSimpleAction *action,
                    GVariant      *parameter,
                    gpointer       user_data)
{
  CdApplication *self = CD_APPLICATION (user_data);

  cd_application_open_path (self, g_variant_get_bytestring (parameter), CD_STORE_OPEN_DEFAULT);
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

  cd_application_open_path (self, path, flags);
}

static void
backup_action (GSimpleAction *action,
               GVariant      *parameter,
               gpointer       user_data)
{
  cd_application_back_up (CD_APPLICATION (user_data));
}

static void
preferences_action (GSimpleAction *action,
                    GVariant      *parameter,
                    gpointer       user_data)
{
  CdApplication *self = CD_APPLICATION (user_data);
  CdPreferencesWindow *preferences = cd_preferences_window_new (self->settings);
  GtkWindow *parent = cd_application_get_dialog_parent (self);

  gtk_window_set_transient_for (GTK_WINDOW (preferences), parent);
  gtk_window_set_application (GTK_WINDOW (preferences), GTK_APPLICATION (self));
  gtk_window_present (GTK_WINDOW (preferences));
}

static void
team_action (GSimpleAction *action,
             GVariant      *parameter,
             gpointer       user_data)
{
  CdApplication *self = CD_APPLICATION (user_data);
  CdTeamWindow *team;

  if (!cd_application_is_signed_in (self))
    return;
  team = cd_team_window_new (self->store);
  gtk_window_set_transient_for (GTK_WINDOW (team), cd_application_get_dialog_parent (self));
  gtk_window_set_application (GTK_WINDOW (team), GTK_APPLICATION (self));
  gtk_window_present (GTK_WINDOW (team));
}

static void
present_setup (CdApplication *self)
{
  CdSetupWindow *setup = cd_setup_window_new (self->store);

  gtk_window_set_transient_for (GTK_WINDOW (setup), cd_application_get_dialog_parent (self));
  gtk_window_set_application (GTK_WINDOW (setup), GTK_APPLICATION (self));
  gtk_window_present (GTK_WINDOW (setup));
}

static void
team_setup_action (GSimpleAction *action,
                   GVariant      *parameter,
                   gpointer       user_data)
{
  CdApplication *self = CD_APPLICATION (user_data);

  if (cd_application_is_signed_in (self) && cd_store_get_role (self->store) == CD_ROLE_ADMIN)
    present_setup (self);
}

static void
about_action (GSimpleAction *action,
              GVariant      *parameter,
              gpointer       user_data)
{
  CdApplication *self = CD_APPLICATION (user_data);
  GtkWindow *parent = cd_application_get_dialog_parent (self);
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

  if (!cd_application_is_signed_in (self))
    return NULL;

  window = cd_application_present_window (self);
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

/* A certification reminder opens its holder's record; a coverage one
 * (id 0) the coverage. */
static void
open_training_action (GSimpleAction *action,
                      GVariant      *parameter,
                      gpointer       user_data)
{
  CdApplication *self = CD_APPLICATION (user_data);

  if (!cd_application_is_signed_in (self))
    return;
  cd_window_open_training (cd_application_present_window (self), g_variant_get_int64 (parameter));
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

  if (!cd_application_is_signed_in (self) || g_variant_get_int64 (parameter) <= 0)
    return;
  cd_window_open_ticket (cd_application_present_window (self), g_variant_get_int64 (parameter));
}

static void
open_customer_action (GSimpleAction *action,
                      GVariant      *parameter,
                      gpointer       user_data)
{
  CdApplication *self = CD_APPLICATION (user_data);

  if (!cd_application_is_signed_in (self) || g_variant_get_int64 (parameter) <= 0)
    return;
  cd_window_open_customer (cd_application_present_window (self), g_variant_get_int64 (parameter));
}

static void
open_complaint_action (GSimpleAction *action,
                       GVariant      *parameter,
                       gpointer       user_data)
{
  CdApplication *self = CD_APPLICATION (user_data);

  if (!cd_application_is_signed_in (self) || g_variant_get_int64 (parameter) <= 0)
    return;
  cd_window_open_complaint (cd_application_present_window (self), g_variant_get_int64 (parameter), 0);
}

static void
open_article_action (GSimpleAction *action,
                     GVariant      *parameter,
                     gpointer       user_data)
{
  CdApplication *self = CD_APPLICATION (user_data);

  if (!cd_application_is_signed_in (self) || g_variant_get_int64 (parameter) <= 0)
    return;
  cd_window_open_article (cd_application_present_window (self), g_variant_get_int64 (parameter));
}

static void
search_action (GSimpleAction *action,
               GVariant      *parameter,
               gpointer       user_data)
{
  CdApplication *self = CD_APPLICATION (user_data);

  if (!cd_application_is_signed_in (self))
    return;
  cd_window_search (cd_application_present_window (self), g_variant_get_string (parameter, NULL));
}

static const GActionEntry app_entries[] = {
  { "new-database", new_database_action },
  { "open-database", open_database_action },
  { "open-recent", open_recent_action, "ay" },
  { "no-recent", NULL },
  { "reload-database", reload_database_action },
  { "backup", backup_action },
  { "preferences", preferences_action },
  { "team", team_action },
  { "team-setup", team_setup_action },
  { "about", about_action },
  { "quit", quit_action },
  { "open-followup", open_followup_action, "x" },
  { "open-ticket", open_ticket_action, "x" },
  { "open-customer", open_customer_action, "x" },
  { "open-complaint", open_complaint_action, "x" },
  { "open-article", open_article_action, "x" },
  { "search", search_action, "s" },
  { "open-training", open_training_action, "x" },
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
      cd_application_show_toast (self, message);

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

/* Whether a session bus is there to ask, without starting one: GLib
 * would otherwise try to launch a bus for this display, which is slow. */
static gboolean
session_bus_is_there (void)
{
  const char *address = g_getenv ("DBUS_SESSION_BUS_ADDRESS");
  g_autofree char *socket = NULL;

  if (address != NULL && address[0] != '\0')
    return TRUE;
  socket = g_build_filename (g_get_user_runtime_dir (), "bus", NULL);
  return g_file_test (socket, G_FILE_TEST_EXISTS);
}

/* Whether another Caredesk already owns the application id on the
 * session bus. This start then only hands its command line over to it,
 * and must not open the file itself: not create it, not upgrade it, not
 * even read it. The bus daemon answers at once, and GApplication
 * registers on the same connection right after. */
static gboolean
is_another_instance_running (GApplication *app)
{
  g_autoptr(GDBusConnection) bus = NULL;
  g_autoptr(GVariant) reply = NULL;
  g_autoptr(GError) error = NULL;
  gboolean has_owner = FALSE;

  if (!session_bus_is_there ())
    return FALSE;

  bus = g_bus_get_sync (G_BUS_TYPE_SESSION, NULL, &error);
  if (bus != NULL)
    reply = g_dbus_connection_call_sync (bus, "org.freedesktop.DBus", "/org/freedesktop/DBus",
                                         "org.freedesktop.DBus", "NameHasOwner",
                                         g_variant_new ("(s)", g_application_get_application_id (app)),
                                         G_VARIANT_TYPE ("(b)"), G_DBUS_CALL_FLAGS_NONE, -1, NULL, &error);
  if (reply == NULL)
    {
      g_debug ("Could not ask the session bus for another Caredesk: %s", error->message);
      return FALSE;
    }

  g_variant_get (reply, "(b)", &has_owner);
  return has_owner;
}

static int
cd_application_handle_local_options (GApplication *app,
                                     GVariantDict *options)
{
  CdApplication *self = CD_APPLICATION (app);
  const char *database = NULL;
  int status;

  if (g_variant_dict_contains (options, "version"))
    {
      g_print ("caredesk %s\n", PACKAGE_VERSION);
      return 0;
    }

  status = cd_application_run_cli_mode (self, options);
  if (status >= 0)
    return status;

  if (cd_application_ensure_settings (self) == NULL)
    {
      g_printerr (_("Caredesk is not installed completely: its settings schema “%s” is missing. "
                    "Reinstall Caredesk, or point GSETTINGS_SCHEMA_DIR at the folder that holds it.\n"),
                  APP_ID);
      return 1;
    }

  /* A normal start: open the database while GTK starts, unless another
   * Caredesk is running, to which this start only hands over. */
  if (!g_variant_dict_contains (options, "hidden") && !is_another_instance_running (app))
    {
      g_autofree char *path = NULL;
      CdStoreOpenFlags flags = CD_STORE_OPEN_CREATE;

      if (g_variant_dict_lookup (options, "database", "^&ay", &database))
        path = g_canonicalize_filename (database, NULL);
      else
        path = cd_application_dup_default_path (self, &flags);
      cd_application_open_path (self, path, flags);
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

  if (!hidden && !self->opened && cd_application_show_early_open (self, path))
    {
      self->opened = TRUE;
      return 0;
    }

  if (hidden)
    ensure_held (self);
  else
    cd_application_present_window (self);

  if (path != NULL)
    {
      if (self->store == NULL || g_strcmp0 (path, cd_store_get_path (self->store)) != 0)
        cd_application_open_path (self, path, CD_STORE_OPEN_CREATE);
    }
  else if (!self->opened)
    {
      cd_application_open_default (self);
    }
  self->opened = TRUE;

  return 0;
}

/* GNOME Shell's search --------------------------------------------------- */

static void
present_with_time (CdApplication *self,
                   guint32        timestamp)
{
  CdWindow *window = cd_application_ensure_window (self);

  gtk_window_present_with_time (GTK_WINDOW (window), timestamp);
}

static void
on_search_provider_activate_result_cb (CdApplication    *self,
                                       guint             kind,
                                       gint64            id,
                                       guint             timestamp,
                                       CdSearchProvider *provider)
{
  if (!cd_application_is_signed_in (self))
    {
      present_with_time (self, timestamp);
      return;
    }
  present_with_time (self, timestamp);
  if (kind == CD_SEARCH_CUSTOMERS)
    cd_window_open_customer (cd_application_get_window (self), id);
  else
    cd_window_open_ticket (cd_application_get_window (self), id);
}

static void
on_search_provider_launch_search_cb (CdApplication    *self,
                                     const char       *text,
                                     guint             timestamp,
                                     CdSearchProvider *provider)
{
  present_with_time (self, timestamp);
  cd_window_search (cd_application_get_window (self), text);
}

static gboolean
cd_application_dbus_register (GApplication     *app,
                              GDBusConnection  *connection,
                              const char       *object_path,
                              GError          **error)
{
  CdApplication *self = CD_APPLICATION (app);
  g_autoptr(GError) local_error = NULL;

  if (!G_APPLICATION_CLASS (cd_application_parent_class)->dbus_register (app, connection, object_path, error))
    return FALSE;

  self->search_provider = cd_search_provider_new (app);
  if (self->store != NULL)
    cd_search_provider_set_store (self->search_provider, cd_application_is_signed_in (self) ? self->store : NULL);
  g_signal_connect_object (self->search_provider, "activate-result",
                           G_CALLBACK (on_search_provider_activate_result_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->search_provider, "launch-search",
                           G_CALLBACK (on_search_provider_launch_search_cb), self, G_CONNECT_SWAPPED);
  /* Without it Caredesk still works: only the Shell does not find it. */
  if (!cd_search_provider_register (self->search_provider, connection, RESOURCE_PREFIX "/SearchProvider", &local_error))
    g_warning ("Could not offer customers and tickets to GNOME Shell's search: %s", local_error->message);
  return TRUE;
}

static void
cd_application_dbus_unregister (GApplication    *app,
                                GDBusConnection *connection,
                                const char      *object_path)
{
  CdApplication *self = CD_APPLICATION (app);

  if (self->search_provider != NULL)
    cd_search_provider_unregister (self->search_provider);
  g_clear_object (&self->search_provider);

  G_APPLICATION_CLASS (cd_application_parent_class)->dbus_unregister (app, connection, object_path);
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
  cd_accessible_init ();

  /* handle-local-options checked that the schema is there. */
  g_assert (cd_application_ensure_settings (self) != NULL);

  g_action_map_add_action_entries (G_ACTION_MAP (self), app_entries, G_N_ELEMENTS (app_entries), self);
  g_simple_action_set_enabled (G_SIMPLE_ACTION (g_action_map_lookup_action (G_ACTION_MAP (self), "no-recent")),
                               FALSE);
  for (guint i = 0; i < G_N_ELEMENTS (accels); i++)
    gtk_application_set_accels_for_action (gtk_app, accels[i].action, accels[i].accels);

  cd_application_update_actions (self);

  /* Started by D-Bus for GNOME Shell's search: it stays a while for the
   * next keystroke's search rather than starting anew for each, and
   * opens the last file without a window. It never creates one: with no
   * file yet, the Shell simply finds nothing. */
  if (g_application_get_flags (app) & G_APPLICATION_IS_SERVICE)
    {
      g_autofree char *path = g_settings_get_string (self->settings, "database-path");

      g_application_set_inactivity_timeout (app, 60 * 1000);
      if (path[0] != '\0')
        {
          self->opened = TRUE;
          cd_application_open_path (self, path, CD_STORE_OPEN_DEFAULT);
        }
      else if (self->search_provider != NULL)
        cd_search_provider_set_store (self->search_provider, NULL);
    }

  g_signal_connect_object (self->settings, "changed::start-at-login",
                           G_CALLBACK (on_settings_start_at_login_changed_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->settings, "changed::run-in-background",
                           G_CALLBACK (on_settings_run_in_background_changed_cb),
                           self, G_CONNECT_SWAPPED);
}

static void
cd_application_activate (GApplication *app)
{
  CdApplication *self = CD_APPLICATION (app);

  cd_application_present_window (self);

  if (!self->opened)
    {
      self->opened = TRUE;
      cd_application_open_default (self);
    }
}

static void
cd_application_dispose (GObject *object)
{
  CdApplication *self = CD_APPLICATION (object);

  if (self->choosing != NULL)
    g_cancellable_cancel (self->choosing);
  g_clear_object (&self->choosing);
  cd_application_drop_open (self);
  g_clear_object (&self->notifier);
  if (self->indexer != NULL)
    cd_search_indexer_stop (self->indexer);
  g_clear_object (&self->indexer);
  g_clear_object (&self->search_provider);
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
  app_class->dbus_register = cd_application_dbus_register;
  app_class->dbus_unregister = cd_application_dbus_unregister;
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

  return cd_application_ensure_settings (self);
}

CdStore *
cd_application_get_store (CdApplication *self)
{
  g_return_val_if_fail (CD_IS_APPLICATION (self), NULL);

  return self->store;
}

