/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "caredesk-test"

#include "config.h"

#include <glib/gstdio.h>
#include <adwaita.h>

#include "cd-autostart.h"
#include "cd-preferences-window.h"

static char *config_dir;

typedef gboolean (*WidgetMatch) (GtkWidget *widget, gconstpointer data);

static GtkWidget *
find_widget (GtkWidget     *root,
             WidgetMatch    match,
             gconstpointer  data)
{
  if (match (root, data))
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_widget (child, match, data);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static gboolean
match_row_title (GtkWidget     *widget,
                 gconstpointer  data)
{
  return ADW_IS_PREFERENCES_ROW (widget) &&
         g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)), data) == 0;
}

static gboolean
match_switch (GtkWidget     *widget,
              gconstpointer  data)
{
  return GTK_IS_SWITCH (widget);
}

static gboolean
match_spin (GtkWidget     *widget,
            gconstpointer  data)
{
  return GTK_IS_SPIN_BUTTON (widget);
}

static GtkWidget *
row_suffix (GtkWidget   *window,
            const char  *title,
            WidgetMatch  match)
{
  GtkWidget *row = find_widget (window, match_row_title, title);
  GtkWidget *suffix;

  g_assert_nonnull (row);
  suffix = find_widget (row, match, NULL);
  g_assert_nonnull (suffix);

  return suffix;
}

static void
test_preferences_bindings (void)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  CdPreferencesWindow *window;
  GtkWidget *widget;
  const char *switches[][2] = {
    { "Show _notifications", "notifications-enabled" },
    { "Run in the _background", "run-in-background" },
  };
  const char *spins[][2] = {
    { "_Repeat reminders every", "rereminder-interval" },
    { "Tell team _leads after", "lead-escalation-after" },
    { "_Summarize more than", "summary-threshold" },
  };

  g_settings_set_string (settings, "database-path", "/srv/support/team.caredesk");
  g_settings_set_uint (settings, "rereminder-interval", 30);

  window = cd_preferences_window_new (settings);
  gtk_window_present (GTK_WINDOW (window));

  for (guint i = 0; i < G_N_ELEMENTS (switches); i++)
    {
      gboolean before = g_settings_get_boolean (settings, switches[i][1]);

      widget = row_suffix (GTK_WIDGET (window), switches[i][0], match_switch);
      g_assert_cmpint (gtk_switch_get_active (GTK_SWITCH (widget)), ==, before);
      gtk_switch_set_active (GTK_SWITCH (widget), !before);
      g_assert_cmpint (g_settings_get_boolean (settings, switches[i][1]), ==, !before);
      g_settings_reset (settings, switches[i][1]);
      g_assert_cmpint (gtk_switch_get_active (GTK_SWITCH (widget)), ==, before);
    }

  widget = row_suffix (GTK_WIDGET (window), spins[0][0], match_spin);
  g_assert_cmpfloat (gtk_spin_button_get_value (GTK_SPIN_BUTTON (widget)), ==, 30.0);

  for (guint i = 0; i < G_N_ELEMENTS (spins); i++)
    {
      GtkAdjustment *adjustment;
      double value;

      widget = row_suffix (GTK_WIDGET (window), spins[i][0], match_spin);
      adjustment = gtk_spin_button_get_adjustment (GTK_SPIN_BUTTON (widget));
      value = gtk_adjustment_get_lower (adjustment) + gtk_adjustment_get_step_increment (adjustment);
      gtk_spin_button_set_value (GTK_SPIN_BUTTON (widget), value);
      g_assert_cmpuint (g_settings_get_uint (settings, spins[i][1]), ==, (guint) value);
      g_settings_reset (settings, spins[i][1]);
    }

  widget = find_widget (GTK_WIDGET (window), match_row_title, "Shared database file");
  g_assert_nonnull (widget);
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (widget)), ==, "/srv/support/team.caredesk");

  g_settings_reset (settings, "database-path");
  gtk_window_destroy (GTK_WINDOW (window));
}

/* The minute and count fields sit one under the other: same left edge,
 * same width, whatever the number of digits each may take. */
static void
test_spins_line_up (void)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  CdPreferencesWindow *window = cd_preferences_window_new (settings);
  const char *titles[] = { "_Repeat reminders every", "Tell team _leads after", "_Summarize more than" };
  graphene_rect_t first = { { 0 } };

  gtk_window_set_default_size (GTK_WINDOW (window), 640, 640);
  gtk_window_present (GTK_WINDOW (window));
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
  for (guint i = 0; i < G_N_ELEMENTS (titles); i++)
    {
      GtkWidget *spin = row_suffix (GTK_WIDGET (window), titles[i], match_spin);
      graphene_rect_t bounds;

      g_assert_true (gtk_widget_compute_bounds (spin, GTK_WIDGET (window), &bounds));
      if (i == 0)
        {
          first = bounds;
          continue;
        }
      g_assert_cmpfloat_with_epsilon (bounds.origin.x, first.origin.x, 0.5);
      g_assert_cmpfloat_with_epsilon (bounds.size.width, first.size.width, 0.5);
    }
  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_autostart (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = cd_autostart_dup_path ();
  g_autofree char *expected = g_build_filename (config_dir, "autostart", APP_ID ".desktop", NULL);
  g_autoptr(GKeyFile) key_file = g_key_file_new ();
  g_autofree char *exec = NULL;

  g_assert_cmpstr (path, ==, expected);
  g_assert_false (cd_autostart_is_enabled ());

  /* Removing an entry that is not there is fine. */
  g_assert_true (cd_autostart_set_enabled (FALSE, &error));
  g_assert_no_error (error);

  g_assert_true (cd_autostart_set_enabled (TRUE, &error));
  g_assert_no_error (error);
  g_assert_true (cd_autostart_is_enabled ());

  g_key_file_load_from_file (key_file, path, G_KEY_FILE_NONE, &error);
  g_assert_no_error (error);
  exec = g_key_file_get_string (key_file, G_KEY_FILE_DESKTOP_GROUP, G_KEY_FILE_DESKTOP_KEY_EXEC, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (exec, ==, "caredesk --hidden");
  g_assert_true (g_key_file_get_boolean (key_file, G_KEY_FILE_DESKTOP_GROUP, "X-GNOME-Autostart-enabled", &error));
  g_assert_no_error (error);

  g_assert_true (cd_autostart_set_enabled (FALSE, &error));
  g_assert_no_error (error);
  g_assert_false (cd_autostart_is_enabled ());
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *autostart_dir = NULL;
  int status;

  /* Before anything asks GLib for the user's folders. */
  config_dir = g_dir_make_tmp ("caredesk-prefs-XXXXXX", NULL);
  g_assert_nonnull (config_dir);
  g_setenv ("XDG_CONFIG_HOME", config_dir, TRUE);

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add_func ("/gui/preferences/bindings", test_preferences_bindings);
  g_test_add_func ("/gui/preferences/spins-line-up", test_spins_line_up);
  g_test_add_func ("/gui/preferences/autostart", test_autostart);

  status = g_test_run ();

  autostart_dir = g_build_filename (config_dir, "autostart", NULL);
  g_rmdir (autostart_dir);
  g_rmdir (config_dir);
  g_free (config_dir);

  return status;
}
