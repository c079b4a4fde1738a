/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "caredesk-complaints"

#include "config.h"

#include <glib/gi18n.h>

#include "cd-agenda-row.h"
#include "cd-complaints-util.h"
#include "cd-datetime.h"

struct _CdAgendaRow
{
  GtkListBoxRow parent_instance;

  GtkImage     *method_image;
  GtkLabel     *title_label;
  GtkLabel     *subtitle_label;
  GtkLabel     *due_label;
  GtkLabel     *meta_label;
  GtkButton    *outcome_button;

  char         *assignee;

  gint64        followup_id;
  gint64        complaint_id;
  gint64        due_at;
  CdSeverity    severity;
  gboolean      overdue;
};

G_DEFINE_FINAL_TYPE (CdAgendaRow, cd_agenda_row, GTK_TYPE_LIST_BOX_ROW)

static void
cd_agenda_row_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), CD_TYPE_AGENDA_ROW);
  G_OBJECT_CLASS (cd_agenda_row_parent_class)->dispose (object);
}

static void
cd_agenda_row_finalize (GObject *object)
{
  g_free (CD_AGENDA_ROW (object)->assignee);
  G_OBJECT_CLASS (cd_agenda_row_parent_class)->finalize (object);
}

static void
cd_agenda_row_class_init (CdAgendaRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cd_agenda_row_dispose;
  object_class->finalize = cd_agenda_row_finalize;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/complaints/cd-agenda-row.ui");
  gtk_widget_class_bind_template_child (widget_class, CdAgendaRow, method_image);
  gtk_widget_class_bind_template_child (widget_class, CdAgendaRow, title_label);
  gtk_widget_class_bind_template_child (widget_class, CdAgendaRow, subtitle_label);
  gtk_widget_class_bind_template_child (widget_class, CdAgendaRow, due_label);
  gtk_widget_class_bind_template_child (widget_class, CdAgendaRow, meta_label);
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
  g_autofree char *text = g_strdup_printf ("%s, %s, %s",
                                           gtk_label_get_text (self->subtitle_label),
                                           gtk_label_get_text (self->due_label),
                                           gtk_label_get_text (self->meta_label));

  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, gtk_label_get_text (self->title_label),
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
    {
      g_autofree char *late = cd_datetime_format_duration (now - self->due_at);

      /* Translators: %s is a length of time such as "2 h 15 min". */
      text = g_strdup_printf (_("Overdue by %s"), late);
    }
  else
    text = cd_datetime_format_when (self->due_at, now);

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

  /* An overdue row still says when it was due, before the assignee. */
  if (overdue)
    {
      g_autofree char *exact = cd_datetime_format_when (self->due_at, now);
      /* Translators: the due time of an overdue follow-up, then its assignee. */
      g_autofree char *meta = g_strdup_printf (_("%s · %s"), exact, self->assignee);

      gtk_label_set_text (self->meta_label, meta);
    }
  else
    gtk_label_set_text (self->meta_label, self->assignee);

  update_accessible_description (self);
}

void
cd_agenda_row_set_item (CdAgendaRow        *self,
                        const CdAgendaItem *data,
                        gint64              now)
{
  const char *assignee;

  g_return_if_fail (CD_IS_AGENDA_ROW (self));
  g_return_if_fail (data != NULL);

  self->followup_id = data->followup_id;
  self->complaint_id = data->complaint_id;
  self->due_at = data->due_at;
  self->severity = data->severity;

  /* Plain text, never markup: customer names may hold '&'. */
  gtk_label_set_text (self->title_label, data->customer_name != NULL ? data->customer_name : "");
  gtk_label_set_text (self->subtitle_label, data->complaint_summary != NULL ? data->complaint_summary : "");

  gtk_image_set_from_icon_name (self->method_image,
                                cd_followup_method_icon_name (data->method));
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->method_image),
                               cd_followup_method_label (data->method));

  assignee = data->assignee_name != NULL && *data->assignee_name != '\0'
             ? data->assignee_name : _("Nobody");
  g_free (self->assignee);
  self->assignee = g_strdup (assignee);

  if (data->severity == CD_SEVERITY_CRITICAL)
    gtk_widget_add_css_class (GTK_WIDGET (self), "cd-critical");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self), "cd-critical");

  /* The agenda holds one such button per follow-up: each says for whom. */
  {
    /* Translators: %s is a customer's name */
    g_autofree char *label = g_strdup_printf (_("Record Outcome for %s"),
                                              data->customer_name != NULL ? data->customer_name : "");

    gtk_accessible_update_property (GTK_ACCESSIBLE (self->outcome_button),
                                    GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
  }

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

const char *
cd_agenda_row_get_title (CdAgendaRow *self)
{
  g_return_val_if_fail (CD_IS_AGENDA_ROW (self), NULL);
  return gtk_label_get_text (self->title_label);
}

gint64
cd_agenda_row_get_due_at (CdAgendaRow *self)
{
  g_return_val_if_fail (CD_IS_AGENDA_ROW (self), 0);
  return self->due_at;
}

const char *
cd_agenda_row_get_due_text (CdAgendaRow *self)
{
  g_return_val_if_fail (CD_IS_AGENDA_ROW (self), NULL);
  return gtk_label_get_text (self->due_label);
}
