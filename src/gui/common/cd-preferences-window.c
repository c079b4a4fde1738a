/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "caredesk-preferences"

#include "config.h"

#include <glib/gi18n.h>

#include "cd-preferences-window.h"

struct _CdPreferencesWindow
{
  AdwPreferencesWindow  parent_instance;

  GSettings            *settings;

  /* Template children */
  GtkSwitch            *notifications_switch;
  GtkSpinButton        *rereminder_spin;
  GtkSpinButton        *lead_escalation_spin;
  GtkSpinButton        *summary_spin;
  GtkSwitch            *background_switch;
  GtkSwitch            *login_switch;
  AdwActionRow         *database_row;
};

enum {
  PROP_0,
  PROP_SETTINGS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (CdPreferencesWindow, cd_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

static gboolean
path_to_subtitle (GValue   *value,
                  GVariant *variant,
                  gpointer  user_data)
{
  const char *path = g_variant_get_string (variant, NULL);

  if (path[0] == '\0')
    g_value_set_string (value, _("The default database in your personal data folder"));
  else
    g_value_take_string (value, g_filename_display_name (path));

  return TRUE;
}

static void
cd_preferences_window_constructed (GObject *object)
{
  CdPreferencesWindow *self = CD_PREFERENCES_WINDOW (object);

  G_OBJECT_CLASS (cd_preferences_window_parent_class)->constructed (object);

  g_assert (G_IS_SETTINGS (self->settings));

  g_settings_bind (self->settings, "notifications-enabled",
                   self->notifications_switch, "active", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "rereminder-interval",
                   self->rereminder_spin, "value", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "lead-escalation-after",
                   self->lead_escalation_spin, "value", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "summary-threshold",
                   self->summary_spin, "value", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "run-in-background",
                   self->background_switch, "active", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "start-at-login",
                   self->login_switch, "active", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind_with_mapping (self->settings, "database-path",
                                self->database_row, "subtitle", G_SETTINGS_BIND_GET,
                                path_to_subtitle, NULL, NULL, NULL);
}

static void
cd_preferences_window_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  CdPreferencesWindow *self = CD_PREFERENCES_WINDOW (object);

  switch (prop_id)
    {
    case PROP_SETTINGS:
      g_value_set_object (value, self->settings);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cd_preferences_window_set_property (GObject      *object,
                                    guint         prop_id,
                                    const GValue *value,
                                    GParamSpec   *pspec)
{
  CdPreferencesWindow *self = CD_PREFERENCES_WINDOW (object);

  switch (prop_id)
    {
    case PROP_SETTINGS:
      self->settings = g_value_dup_object (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cd_preferences_window_dispose (GObject *object)
{
  CdPreferencesWindow *self = CD_PREFERENCES_WINDOW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), CD_TYPE_PREFERENCES_WINDOW);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (cd_preferences_window_parent_class)->dispose (object);
}

static void
cd_preferences_window_class_init (CdPreferencesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = cd_preferences_window_constructed;
  object_class->get_property = cd_preferences_window_get_property;
  object_class->set_property = cd_preferences_window_set_property;
  object_class->dispose = cd_preferences_window_dispose;

  properties[PROP_SETTINGS] =
    g_param_spec_object ("settings", NULL, NULL,
                         G_TYPE_SETTINGS,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/common/cd-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, CdPreferencesWindow, notifications_switch);
  gtk_widget_class_bind_template_child (widget_class, CdPreferencesWindow, rereminder_spin);
  gtk_widget_class_bind_template_child (widget_class, CdPreferencesWindow, lead_escalation_spin);
  gtk_widget_class_bind_template_child (widget_class, CdPreferencesWindow, summary_spin);
  gtk_widget_class_bind_template_child (widget_class, CdPreferencesWindow, background_switch);
  gtk_widget_class_bind_template_child (widget_class, CdPreferencesWindow, login_switch);
  gtk_widget_class_bind_template_child (widget_class, CdPreferencesWindow, database_row);
}

static void
cd_preferences_window_init (CdPreferencesWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

CdPreferencesWindow *
cd_preferences_window_new (GSettings *settings)
{
  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);

  return g_object_new (CD_TYPE_PREFERENCES_WINDOW, "settings", settings, NULL);
}
