/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "caredesk-complaints"

#include "config.h"

#include <glib/gi18n.h>

#include "cd-complaint-row.h"
#include "cd-complaints-util.h"
#include "cd-datetime.h"

struct _CdComplaintRow
{
  AdwActionRow  parent_instance;

  GtkImage     *severity_image;
  GtkLabel     *status_label;
  GtkLabel     *owner_label;

  gint64        complaint_id;
};

G_DEFINE_FINAL_TYPE (CdComplaintRow, cd_complaint_row, ADW_TYPE_ACTION_ROW)

static void
cd_complaint_row_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), CD_TYPE_COMPLAINT_ROW);
  G_OBJECT_CLASS (cd_complaint_row_parent_class)->dispose (object);
}

static void
cd_complaint_row_class_init (CdComplaintRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cd_complaint_row_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/complaints/cd-complaint-row.ui");
  gtk_widget_class_bind_template_child (widget_class, CdComplaintRow, severity_image);
  gtk_widget_class_bind_template_child (widget_class, CdComplaintRow, status_label);
  gtk_widget_class_bind_template_child (widget_class, CdComplaintRow, owner_label);
}

static void
cd_complaint_row_init (CdComplaintRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
cd_complaint_row_new (void)
{
  return g_object_new (CD_TYPE_COMPLAINT_ROW, NULL);
}

void
cd_complaint_row_set_item (CdComplaintRow        *self,
                           const CdComplaintItem *data,
                           gint64                 now)
{
  g_autofree char *received = NULL;
  g_autofree char *status = NULL;
  g_autofree char *description = NULL;
  const char *owner;

  g_return_if_fail (CD_IS_COMPLAINT_ROW (self));
  g_return_if_fail (data != NULL);

  self->complaint_id = data->complaint_id;

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (self), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self),
                                 data->customer_name != NULL ? data->customer_name : "");
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self),
                               data->summary != NULL ? data->summary : "");

  received = cd_datetime_format_when (data->created_at, now);
  /* Translators: a complaint's status and severity, e.g. "Investigating · Major". */
  status = g_strdup_printf (_("%s · %s"),
                            cd_complaint_status_label (data->status),
                            cd_severity_label (data->severity));
  gtk_label_set_text (self->status_label, status);

  owner = data->owner_name != NULL && *data->owner_name != '\0'
          ? data->owner_name : _("No owner");
  gtk_label_set_text (self->owner_label, owner);

  switch (data->severity)
    {
    case CD_SEVERITY_CRITICAL:
      gtk_image_set_from_icon_name (self->severity_image, "dialog-warning-symbolic");
      gtk_widget_add_css_class (GTK_WIDGET (self->severity_image), "error");
      gtk_widget_remove_css_class (GTK_WIDGET (self->severity_image), "warning");
      gtk_widget_remove_css_class (GTK_WIDGET (self->severity_image), "dim-label");
      break;
    case CD_SEVERITY_MAJOR:
      gtk_image_set_from_icon_name (self->severity_image, "emblem-important-symbolic");
      gtk_widget_add_css_class (GTK_WIDGET (self->severity_image), "warning");
      gtk_widget_remove_css_class (GTK_WIDGET (self->severity_image), "error");
      gtk_widget_remove_css_class (GTK_WIDGET (self->severity_image), "dim-label");
      break;
    case CD_SEVERITY_MINOR:
    default:
      gtk_image_set_from_icon_name (self->severity_image, "emblem-important-symbolic");
      gtk_widget_add_css_class (GTK_WIDGET (self->severity_image), "dim-label");
      gtk_widget_remove_css_class (GTK_WIDGET (self->severity_image), "error");
      gtk_widget_remove_css_class (GTK_WIDGET (self->severity_image), "warning");
      break;
    }
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->severity_image),
                               cd_severity_label (data->severity));

  description = g_strdup_printf (_("%s, owner %s, received %s"), status, owner, received);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description,
                                  -1);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->status_label), description);
}

gint64
cd_complaint_row_get_complaint_id (CdComplaintRow *self)
{
  g_return_val_if_fail (CD_IS_COMPLAINT_ROW (self), 0);
  return self->complaint_id;
}
