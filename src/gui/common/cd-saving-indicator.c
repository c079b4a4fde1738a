/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "caredesk-saving"

#include "config.h"

#include <glib/gi18n.h>
#include <adwaita.h>

#include "cd-saving-indicator.h"

/* A save that ends sooner is not worth mentioning: the indicator would
 * only flicker. */
#define SAVING_DELAY_MS 300

struct _CdSavingIndicator
{
  GtkWidget     parent_instance;

  CdStore      *store;
  GSignalGroup *store_signals;
  guint         delay_id;
  const char   *text;   /* NULL while hidden */

  /* Template children */
  AdwSqueezer  *squeezer;
  GtkSpinner   *long_spinner;
  GtkLabel     *long_label;
  GtkSpinner   *short_spinner;
  GtkLabel     *short_label;
  GtkSpinner   *spinner;
};

enum {
  PROP_0,
  PROP_STORE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (CdSavingIndicator, cd_saving_indicator, GTK_TYPE_WIDGET)

/* @text in full, and @short_text where there is no room for it. */
static void
show_text (CdSavingIndicator *self,
           const char        *text,
           const char        *short_text)
{
  gboolean shown = text != NULL;

  if (g_strcmp0 (self->text, text) == 0)
    return;
  self->text = text;

  gtk_widget_set_visible (GTK_WIDGET (self), shown);
  /* Only the spinner on screen draws frames; stopped, none does. */
  gtk_spinner_set_spinning (self->long_spinner, shown);
  gtk_spinner_set_spinning (self->short_spinner, shown);
  gtk_spinner_set_spinning (self->spinner, shown);
  gtk_label_set_label (self->long_label, text);
  gtk_label_set_label (self->short_label, short_text);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self), text);
  if (shown)
    gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, text, -1);
  else
    gtk_accessible_reset_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL);
}

static void
show_saving (CdSavingIndicator *self)
{
  show_text (self, _("Saving…"), _("Saving…"));
}

static gboolean
delay_cb (gpointer user_data)
{
  CdSavingIndicator *self = user_data;

  self->delay_id = 0;
  if (self->store != NULL && cd_store_get_pending_writes (self->store) > 0)
    show_saving (self);
  return G_SOURCE_REMOVE;
}

static void
sync_text (CdSavingIndicator *self)
{
  if (self->store == NULL || cd_store_get_pending_writes (self->store) == 0)
    {
      g_clear_handle_id (&self->delay_id, g_source_remove);
      show_text (self, NULL, NULL);
    }
  else if (cd_store_get_waiting_for_lock (self->store))
    {
      g_clear_handle_id (&self->delay_id, g_source_remove);
      show_text (self,
                 _("Waiting for another Caredesk to finish saving…"),
                 /* Translators: short for "Waiting for another Caredesk to finish saving…" */
                 C_("saving", "Waiting…"));
    }
  else if (self->text != NULL)
    {
      /* The lock came free while the save goes on. */
      show_saving (self);
    }
  else if (self->delay_id == 0)
    {
      self->delay_id = g_timeout_add (SAVING_DELAY_MS, delay_cb, self);
    }
}

static void
on_store_writes_changed_cb (CdSavingIndicator *self,
                            GParamSpec        *pspec,
                            CdStore           *store)
{
  sync_text (self);
}

static void
cd_saving_indicator_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  CdSavingIndicator *self = CD_SAVING_INDICATOR (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cd_saving_indicator_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  CdSavingIndicator *self = CD_SAVING_INDICATOR (object);

  switch (prop_id)
    {
    case PROP_STORE:
      cd_saving_indicator_set_store (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cd_saving_indicator_dispose (GObject *object)
{
  CdSavingIndicator *self = CD_SAVING_INDICATOR (object);

  g_clear_handle_id (&self->delay_id, g_source_remove);
  if (self->store_signals != NULL)
    g_signal_group_set_target (self->store_signals, NULL);
  g_clear_object (&self->store_signals);
  g_clear_object (&self->store);

  gtk_widget_dispose_template (GTK_WIDGET (self), CD_TYPE_SAVING_INDICATOR);

  G_OBJECT_CLASS (cd_saving_indicator_parent_class)->dispose (object);
}

static void
cd_saving_indicator_class_init (CdSavingIndicatorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = cd_saving_indicator_get_property;
  object_class->set_property = cd_saving_indicator_set_property;
  object_class->dispose = cd_saving_indicator_dispose;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL,
                         CD_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/common/cd-saving-indicator.ui");
  gtk_widget_class_bind_template_child (widget_class, CdSavingIndicator, squeezer);
  gtk_widget_class_bind_template_child (widget_class, CdSavingIndicator, long_spinner);
  gtk_widget_class_bind_template_child (widget_class, CdSavingIndicator, long_label);
  gtk_widget_class_bind_template_child (widget_class, CdSavingIndicator, short_spinner);
  gtk_widget_class_bind_template_child (widget_class, CdSavingIndicator, short_label);
  gtk_widget_class_bind_template_child (widget_class, CdSavingIndicator, spinner);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "cd-saving-indicator");
  /* Screen readers say a change of what it shows without moving focus. */
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_STATUS);
}

static void
cd_saving_indicator_init (CdSavingIndicator *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->store_signals = g_signal_group_new (CD_TYPE_STORE);
  g_signal_group_connect_swapped (self->store_signals, "notify::pending-writes",
                                  G_CALLBACK (on_store_writes_changed_cb), self);
  g_signal_group_connect_swapped (self->store_signals, "notify::waiting-for-lock",
                                  G_CALLBACK (on_store_writes_changed_cb), self);
}

GtkWidget *
cd_saving_indicator_new (void)
{
  return g_object_new (CD_TYPE_SAVING_INDICATOR, NULL);
}

CdStore *
cd_saving_indicator_get_store (CdSavingIndicator *self)
{
  g_return_val_if_fail (CD_IS_SAVING_INDICATOR (self), NULL);

  return self->store;
}

void
cd_saving_indicator_set_store (CdSavingIndicator *self,
                               CdStore           *store)
{
  g_return_if_fail (CD_IS_SAVING_INDICATOR (self));
  g_return_if_fail (store == NULL || CD_IS_STORE (store));

  if (!g_set_object (&self->store, store))
    return;

  g_signal_group_set_target (self->store_signals, store);
  sync_text (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STORE]);
}

const char *
cd_saving_indicator_get_text (CdSavingIndicator *self)
{
  g_return_val_if_fail (CD_IS_SAVING_INDICATOR (self), NULL);

  return self->text;
}
