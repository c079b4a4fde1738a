/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "caredesk-complaints"

#include "config.h"

#include <glib/gi18n.h>

#include "cd-complaint-editor-private.h"
#include "cd-complaints-util.h"
#include "cd-datetime.h"

/* Follow-ups ------------------------------------------------------------ */

static const char *
outcome_icon_name (const CdFollowup *f)
{
  switch (f->status)
    {
    case CD_FOLLOWUP_DONE:
      return "object-select-symbolic";
    case CD_FOLLOWUP_MISSED:
      return "call-missed-symbolic";
    case CD_FOLLOWUP_CANCELLED:
      return "process-stop-symbolic";
    case CD_FOLLOWUP_SCHEDULED:
    default:
      return cd_followup_method_icon_name (f->method);
    }
}

static GtkWidget *
create_followup_row (CdComplaintEditor *self,
                     const CdFollowup  *f,
                     gint64             now)
{
  g_autofree char *due = cd_datetime_format_when (f->due_at, now);
  g_autofree char *title = g_strdup_printf ("%s · %s", cd_followup_method_label (f->method), due);
  g_autoptr(GString) subtitle = g_string_new (NULL);
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *icon = gtk_image_new_from_icon_name (outcome_icon_name (f));
  const char *who = f->assignee_id != 0 && f->assignee_name != NULL ? f->assignee_name : _("nobody");

  switch (f->status)
    {
    case CD_FOLLOWUP_SCHEDULED:
      if (f->due_at <= now)
        {
          g_autofree char *late = cd_datetime_format_duration (now - f->due_at);
          /* Translators: %s is a length of time such as "2 h 15 min". */
          g_autofree char *overdue = g_strdup_printf (_("Overdue by %s"), late);
          /* Translators: "Overdue by 2 h 5 min — Li Na" */
          g_string_append_printf (subtitle, _("%s — %s"), overdue, who);
          gtk_widget_add_css_class (icon, "error");
        }
      else
        g_string_append_printf (subtitle, _("Scheduled for %s"), who);
      break;
    case CD_FOLLOWUP_DONE:
      {
        g_autofree char *done = cd_datetime_format_when (f->done_at, now);

        if (f->has_outcome && f->satisfaction > 0)
          /* Translators: "Done Today, 10:05 by Li Na — Satisfied, 5/5" */
          g_string_append_printf (subtitle, _("Done %s by %s — %s, %d/5"), done, who,
                                  cd_outcome_label (f->outcome), f->satisfaction);
        else if (f->has_outcome)
          g_string_append_printf (subtitle, _("Done %s by %s — %s"), done, who,
                                  cd_outcome_label (f->outcome));
        else
          g_string_append_printf (subtitle, _("Done %s by %s"), done, who);
        gtk_widget_add_css_class (icon, "success");
      }
      break;
    case CD_FOLLOWUP_MISSED:
      g_string_append_printf (subtitle, _("Missed — %s. Reschedule it or record what happened."), who);
      gtk_widget_add_css_class (icon, "warning");
      break;
    case CD_FOLLOWUP_CANCELLED:
    default:
      g_string_append (subtitle, _("Cancelled"));
      gtk_widget_add_css_class (icon, "dim-label");
      break;
    }
  if (f->notes != NULL && *f->notes != '\0')
    {
      g_string_append_c (subtitle, '\n');
      g_string_append (subtitle, f->notes);
    }

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle->str);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 3);
  gtk_widget_set_valign (icon, GTK_ALIGN_CENTER);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);

  if (f->id == self->busy_followup)
    {
      GtkWidget *spinner = gtk_spinner_new ();

      gtk_spinner_start (GTK_SPINNER (spinner));
      gtk_widget_set_valign (spinner, GTK_ALIGN_CENTER);
      gtk_widget_set_tooltip_text (spinner, _("Saving…"));
      gtk_accessible_update_property (GTK_ACCESSIBLE (spinner),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, _("Saving…"),
                                      -1);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), spinner);
    }
  else if (f->status == CD_FOLLOWUP_SCHEDULED || f->status == CD_FOLLOWUP_MISSED)
    {
      g_autoptr(GMenu) menu = g_menu_new ();
      g_autoptr(GMenuItem) reschedule = g_menu_item_new (_("_Reschedule…"), NULL);
      g_autoptr(GMenuItem) missed = g_menu_item_new (_("Mark as _Missed"), NULL);
      g_autoptr(GMenuItem) cancel = g_menu_item_new (_("_Cancel Follow-up…"), NULL);
      GtkWidget *outcome = gtk_button_new_from_icon_name ("object-select-symbolic");
      GtkWidget *more = gtk_menu_button_new ();

      g_menu_item_set_action_and_target_value (reschedule, "editor.reschedule-followup",
                                               g_variant_new_int64 (f->id));
      g_menu_item_set_action_and_target_value (missed, "editor.missed-followup",
                                               g_variant_new_int64 (f->id));
      g_menu_item_set_action_and_target_value (cancel, "editor.cancel-followup",
                                               g_variant_new_int64 (f->id));
      g_menu_append_item (menu, reschedule);
      if (f->status == CD_FOLLOWUP_SCHEDULED)
        g_menu_append_item (menu, missed);
      g_menu_append_item (menu, cancel);

      /* An icon, as in the agenda rows: it fits a narrow window. Each
       * says which follow-up it records, by its method and time. */
      {
        /* Translators: %s is a follow-up such as "Phone call · Today, 14:00" */
        g_autofree char *tip = g_strdup_printf (_("Record the outcome of %s…"), title);
        /* Translators: %s is a follow-up such as "Phone call · Today, 14:00" */
        g_autofree char *name = g_strdup_printf (_("Record Outcome of %s"), title);

        gtk_widget_set_tooltip_text (outcome, tip);
        gtk_accessible_update_property (GTK_ACCESSIBLE (outcome),
                                        GTK_ACCESSIBLE_PROPERTY_LABEL, name,
                                        -1);
      }
      gtk_widget_add_css_class (outcome, "flat");
      gtk_widget_add_css_class (outcome, "circular");
      gtk_actionable_set_action_target_value (GTK_ACTIONABLE (outcome), g_variant_new_int64 (f->id));
      gtk_actionable_set_action_name (GTK_ACTIONABLE (outcome), "editor.record-outcome");
      gtk_widget_set_valign (outcome, GTK_ALIGN_CENTER);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), outcome);

      gtk_menu_button_set_icon_name (GTK_MENU_BUTTON (more), "view-more-symbolic");
      gtk_menu_button_set_menu_model (GTK_MENU_BUTTON (more), G_MENU_MODEL (menu));
      gtk_widget_set_valign (more, GTK_ALIGN_CENTER);
      gtk_widget_set_tooltip_text (more, _("More actions for this follow-up"));
      gtk_accessible_update_property (GTK_ACCESSIBLE (more),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, _("More actions"),
                                      -1);
      gtk_widget_add_css_class (more, "flat");
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), more);
    }

  g_object_set_data_full (G_OBJECT (row), "followup-id",
                          g_memdup2 (&f->id, sizeof f->id), g_free);
  g_object_set_data_full (G_OBJECT (row), "followup-version",
                          g_memdup2 (&f->version, sizeof f->version), g_free);

  return row;
}

static GtkListBoxRow *
find_followup_row (CdComplaintEditor *self,
                   gint64             followup_id)
{
  GtkListBoxRow *row;

  for (int i = 0; (row = gtk_list_box_get_row_at_index (self->followups_list, i)) != NULL; i++)
    {
      const gint64 *id = g_object_get_data (G_OBJECT (row), "followup-id");

      if (id != NULL && *id == followup_id)
        return row;
    }

  return NULL;
}

gint64
_cd_complaint_editor_followup_version (CdComplaintEditor *self,
                                       gint64             followup_id)
{
  GtkListBoxRow *row = find_followup_row (self, followup_id);
  const gint64 *version = row != NULL ? g_object_get_data (G_OBJECT (row), "followup-version") : NULL;

  return version != NULL ? *version : 0;
}

void
_cd_complaint_editor_apply_highlight (CdComplaintEditor *self)
{
  GtkListBoxRow *row;

  if (self->highlight_followup == 0)
    return;
  row = find_followup_row (self, self->highlight_followup);
  if (row == NULL)
    return;

  gtk_list_box_select_row (self->followups_list, row);
  gtk_widget_grab_focus (GTK_WIDGET (row));
}

void
_cd_complaint_editor_refresh_followups (CdComplaintEditor *self)
{
  g_autoptr(GPtrArray) followups = NULL;
  g_autoptr(GError) error = NULL;
  GtkListBoxRow *row;
  GtkListBoxRow *selected;
  gint64 selected_id = 0;
  gint64 now;

  gtk_widget_set_visible (GTK_WIDGET (self->followups_list), self->complaint_id != 0);
  if (self->complaint_id == 0)
    return;

  followups = cd_followups_list_for_complaint (self->store, self->complaint_id, &error);
  if (followups == NULL)
    {
      _cd_complaint_editor_show_toast (self, error->message);
      return;
    }

  selected = gtk_list_box_get_selected_row (self->followups_list);
  if (selected != NULL)
    {
      const gint64 *id = g_object_get_data (G_OBJECT (selected), "followup-id");
      selected_id = id != NULL ? *id : 0;
    }

  while ((row = gtk_list_box_get_row_at_index (self->followups_list, 0)) != NULL)
    gtk_list_box_remove (self->followups_list, GTK_WIDGET (row));

  now = cd_store_now (self->store);
  g_array_set_size (self->shown_staff, 0);
  for (guint i = 0; i < followups->len; i++)
    {
      const CdFollowup *f = g_ptr_array_index (followups, i);
      GtkWidget *new_row = create_followup_row (self, f, now);

      g_array_append_val (self->shown_staff, f->assignee_id);

      gtk_list_box_append (self->followups_list, new_row);
      if (f->id == selected_id)
        gtk_list_box_select_row (self->followups_list, GTK_LIST_BOX_ROW (new_row));
    }
}
