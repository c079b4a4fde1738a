/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "caredesk-training"

#include "config.h"

#include <glib/gi18n.h>

#include "cd-datetime.h"
#include "cd-date-button.h"
#include "cd-training.h"

struct _CdDateButton
{
  GtkWidget       parent_instance;

  GtkMenuButton  *button;
  GtkCalendar    *calendar;
  gint64          date;
  gboolean        updating;
};

enum {
  PROP_0,
  PROP_DATE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (CdDateButton, cd_date_button, GTK_TYPE_WIDGET)

static void
show_date (CdDateButton *self)
{
  g_autofree char *text = cd_datetime_format_day (self->date + 12 * 3600);

  gtk_menu_button_set_label (self->button, text);
}

static void
on_day_selected_cb (GtkCalendar  *calendar,
                    CdDateButton *self)
{
  g_autoptr(GDateTime) day = gtk_calendar_get_date (calendar);
  g_autoptr(GDateTime) noon = NULL;
  gint64 date;

  if (self->updating)
    return;
  noon = g_date_time_new_local (g_date_time_get_year (day), g_date_time_get_month (day),
                                g_date_time_get_day_of_month (day), 12, 0, 0);
  if (noon == NULL)
    return;
  date = cd_training_day_start (g_date_time_to_unix (noon), 0);
  gtk_menu_button_popdown (self->button);
  if (date == self->date)
    return;
  self->date = date;
  show_date (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DATE]);
}

static void
cd_date_button_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  CdDateButton *self = CD_DATE_BUTTON (object);

  switch (prop_id)
    {
    case PROP_DATE:
      g_value_set_int64 (value, self->date);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cd_date_button_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  CdDateButton *self = CD_DATE_BUTTON (object);

  switch (prop_id)
    {
    case PROP_DATE:
      cd_date_button_set_date (self, g_value_get_int64 (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cd_date_button_dispose (GObject *object)
{
  CdDateButton *self = CD_DATE_BUTTON (object);

  if (self->button != NULL)
    gtk_widget_unparent (GTK_WIDGET (self->button));
  self->button = NULL;
  G_OBJECT_CLASS (cd_date_button_parent_class)->dispose (object);
}

static void
cd_date_button_class_init (CdDateButtonClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = cd_date_button_get_property;
  object_class->set_property = cd_date_button_set_property;
  object_class->dispose = cd_date_button_dispose;

  properties[PROP_DATE] =
    g_param_spec_int64 ("date", NULL, NULL, 0, G_MAXINT64, 0,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
cd_date_button_init (CdDateButton *self)
{
  GtkWidget *popover = gtk_popover_new ();

  self->button = GTK_MENU_BUTTON (gtk_menu_button_new ());
  gtk_menu_button_set_always_show_arrow (self->button, TRUE);
  self->calendar = GTK_CALENDAR (gtk_calendar_new ());
  gtk_popover_set_child (GTK_POPOVER (popover), GTK_WIDGET (self->calendar));
  gtk_menu_button_set_popover (self->button, popover);
  gtk_widget_set_parent (GTK_WIDGET (self->button), GTK_WIDGET (self));
  g_signal_connect (self->calendar, "day-selected", G_CALLBACK (on_day_selected_cb), self);
  cd_date_button_set_date (self, g_get_real_time () / G_USEC_PER_SEC);
}

GtkWidget *
cd_date_button_new (void)
{
  return g_object_new (CD_TYPE_DATE_BUTTON, NULL);
}

gint64
cd_date_button_get_date (CdDateButton *self)
{
  g_return_val_if_fail (CD_IS_DATE_BUTTON (self), 0);
  return self->date;
}

void
cd_date_button_set_date (CdDateButton *self,
                         gint64        date)
{
  g_autoptr(GDateTime) local = NULL;
  gint64 start;

  g_return_if_fail (CD_IS_DATE_BUTTON (self));

  start = cd_training_day_start (date, 0);
  local = g_date_time_new_from_unix_local (start + 12 * 3600);
  if (local != NULL)
    {
      self->updating = TRUE;
      gtk_calendar_select_day (self->calendar, local);
      self->updating = FALSE;
    }
  if (start == self->date)
    return;
  self->date = start;
  show_date (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DATE]);
}
