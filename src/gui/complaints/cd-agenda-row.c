/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "caredesk-complaints"

#include "config.h"

#include <glib/gi18n.h>

#include "cd-agenda-row.h"
#include "cd-complaints-util.h"

struct _CdAgendaRow
{
  AdwActionRow  parent_instance;

  GtkImage     *method_image;
  GtkLabel     *due_label;
  GtkLabel     *was_due_label;
  GtkLabel     *assignee_label;
  GtkButton    *outcome_button;

  gint64        followup_id;
  gint64        complaint_id;
  gint64        due_at;
  CdSeverity    severity;
  gboolean      overdue;
};

G_DEFINE_FINAL_TYPE (CdAgendaRow, cd_agenda_row, ADW_TYPE_ACTION_ROW)

static void
cd_agenda_row_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), CD_TYPE_AGENDA_ROW);
  G_OBJECT_CLASS (cd_agenda_row_parent_class)->dispose (object);
}

static void
cd_agenda_row_class_init (CdAgendaRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cd_agenda_row_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/complaints/cd-agenda-row.ui");
  gtk_widget_class_bind_template_child (widget_class, CdAgendaRow, method_image);
  gtk_widget_class_bind_template_child (widget_class, CdAgendaRow, due_label);
  gtk_widget_class_bind_template_child (widget_class, CdAgendaRow, was_due_label);
  gtk_widget_class_bind_template_child (widget_class, CdAgendaRow, assignee_label);
  gtk_widget_class_bind_template_child (widget_class, CdAgendaRow, outcome_button);
}

static void
cd_agenda_row_init (CdAgendaRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
cd_agenda_row_new (void)
{
  return g_object_new (CD_TYPE_AGENDA_ROW, NULL);
}

static void
update_accessible_description (CdAgendaRow *self)
{
  g_autofree char *text = NULL;

  if (gtk_widget_get_visible (GTK_WIDGET (self->was_due_label)))
    text = g_strdup_printf ("%s, %s %s",
                            gtk_label_get_text (self->due_label),
                            gtk_label_get_text (self->was_due_label),
                            gtk_label_get_text (self->assignee_label));
  else
    text = g_strdup_printf ("%s, %s",
                            gtk_label_get_text (self->due_label),
                            gtk_label_get_text (self->assignee_label));

  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, text,
                                  -1);
}

void
cd_agenda_row_update_time (CdAgendaRow *self,
                           gint64       now)
{
  g_autofree char *text = NULL;
  gboolean overdue;

  g_return_if_fail (CD_IS_AGENDA_ROW (self));

  overdue = self->due_at <= now;
  if (overdue)
    text = cd_complaints_format_overdue (self->due_at, now);
  else
    text = cd_complaints_format_time (self->due_at, now);

  if (g_strcmp0 (text, gtk_label_get_text (self->due_label)) != 0)
    gtk_label_set_text (self->due_label, text);

  if (overdue != self->overdue)
    {
      self->overdue = overdue;
      if (overdue)
        {
          gtk_widget_add_css_class (GTK_WIDGET (self->due_label), "error");
          gtk_widget_add_css_class (GTK_WIDGET (self->method_image), "error");
          gtk_widget_add_css_class (GTK_WIDGET (self), "cd-overdue");
        }
      else
        {
          gtk_widget_remove_css_class (GTK_WIDGET (self->due_label), "error");
          gtk_widget_remove_css_class (GTK_WIDGET (self->method_image), "error");
          gtk_widget_remove_css_class (GTK_WIDGET (self), "cd-overdue");
        }
    }

  /* An overdue row still says when it was due, next to the assignee. */
  if (overdue)
    {
      g_autofree char *exact = cd_complaints_format_time (self->due_at, now);
      /* Translators: the due time of an overdue follow-up, before the assignee. */
      g_autofree char *was_due = g_strdup_printf (_("%s ·"), exact);

      gtk_label_set_text (self->was_due_label, was_due);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->was_due_label), overdue);

  update_accessible_description (self);
}

void
cd_agenda_row_set_data (CdAgendaRow           *self,
                        const CdAgendaRowData *data,
                        gint64                 now)
{
  const char *assignee;

  g_return_if_fail (CD_IS_AGENDA_ROW (self));
  g_return_if_fail (data != NULL);

  self->followup_id = data->followup_id;
  self->complaint_id = data->complaint_id;
  self->due_at = data->due_at;
  self->severity = data->severity;

  /* Titles are plain text, never markup: customer names may hold '&'. */
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (self), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self),
                                 data->customer_name != NULL ? data->customer_name : "");
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self),
                               data->complaint_summary != NULL ? data->complaint_summary : "");

  gtk_image_set_from_icon_name (self->method_image,
                                cd_followup_method_icon_name (data->method));
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->method_image),
                               cd_followup_method_label (data->method));

  assignee = data->assignee_name != NULL && *data->assignee_name != '\0'
             ? data->assignee_name : _("Nobody");
  gtk_label_set_text (self->assignee_label, assignee);

  if (data->severity == CD_SEVERITY_CRITICAL)
    gtk_widget_add_css_class (GTK_WIDGET (self), "cd-critical");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self), "cd-critical");

  /* Target first: the action takes a follow-up id. */
  gtk_actionable_set_action_target_value (GTK_ACTIONABLE (self->outcome_button),
                                          g_variant_new_int64 (data->followup_id));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (self->outcome_button),
                                  "complaints.record-outcome");

  cd_agenda_row_update_time (self, now);
}

gint64
cd_agenda_row_get_followup_id (CdAgendaRow *self)
{
  g_return_val_if_fail (CD_IS_AGENDA_ROW (self), 0);
  return self->followup_id;
}

gint64
cd_agenda_row_get_complaint_id (CdAgendaRow *self)
{
  g_return_val_if_fail (CD_IS_AGENDA_ROW (self), 0);
  return self->complaint_id;
}

gint64
cd_agenda_row_get_due_at (CdAgendaRow *self)
{
  g_return_val_if_fail (CD_IS_AGENDA_ROW (self), 0);
  return self->due_at;
}
