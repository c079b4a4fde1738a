/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "caredesk-complaints"

#include "config.h"

#include <glib/gi18n.h>

#include "cd-agenda-row.h"
#include "cd-complaint-editor.h"
#include "cd-complaint-row.h"
#include "cd-complaints-view-private.h"
#include "cd-outcome-dialog.h"

/* What the agenda does when asked: its actions and buttons, and the
 * complaint editors it opens (one per complaint). */

/* Editors --------------------------------------------------------------- */

static GtkWindow *
parent_window (CdComplaintsView *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  return GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;
}

static void
on_editor_destroy_cb (GtkWidget        *editor,
                      CdComplaintsView *self)
{
  GHashTableIter iter;
  gpointer value;

  g_hash_table_iter_init (&iter, self->editors);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    if (value == editor)
      g_hash_table_iter_remove (&iter);
}

static void
on_editor_complaint_created_cb (CdComplaintEditor *editor,
                                gint64             complaint_id,
                                CdComplaintsView  *self)
{
  g_hash_table_insert (self->editors, g_memdup2 (&complaint_id, sizeof complaint_id), editor);
}

/* Opening a complaint builds a whole window; one is made ahead while
 * nothing else happens (after the view's lists are read in the
 * background), so that opening one only fills it in. The next one is
 * made a while after it is taken, not while it is being shown and used. */
#define SPARE_EDITOR_DELAY_MS 3000

/* Closing every window (quitting) takes the spare one too. */
static void
on_spare_editor_destroy_cb (GtkWidget        *editor,
                            CdComplaintsView *self)
{
  if (self->spare_editor == (CdComplaintEditor *) editor)
    g_clear_object (&self->spare_editor);
}

static gboolean
spare_editor_cb (gpointer user_data)
{
  CdComplaintsView *self = user_data;

  self->spare_editor_id = 0;
  if (self->spare_editor == NULL && self->store != NULL)
    {
      self->spare_editor = g_object_ref (cd_complaint_editor_new_unbound (self->store));
      g_signal_connect_object (self->spare_editor, "destroy",
                               G_CALLBACK (on_spare_editor_destroy_cb), self, 0);
      /* Its window on the display is made now too. */
      gtk_widget_realize (GTK_WIDGET (self->spare_editor));
    }
  return G_SOURCE_REMOVE;
}

void
_cd_complaints_view_prepare_editor (CdComplaintsView *self,
                                    guint             delay_ms)
{
  if (self->spare_editor != NULL || self->spare_editor_id != 0)
    return;
  if (delay_ms == 0)
    self->spare_editor_id = g_idle_add_full (G_PRIORITY_LOW, spare_editor_cb, self, NULL);
  else
    self->spare_editor_id = g_timeout_add_full (G_PRIORITY_LOW, delay_ms, spare_editor_cb, self, NULL);
}

void
_cd_complaints_view_drop_spare_editor (CdComplaintsView *self)
{
  g_clear_handle_id (&self->spare_editor_id, g_source_remove);
  if (self->spare_editor != NULL)
    {
      g_autoptr(CdComplaintEditor) editor = g_steal_pointer (&self->spare_editor);

      gtk_window_destroy (GTK_WINDOW (editor));
    }
}

static CdComplaintEditor *
new_editor (CdComplaintsView *self,
            gint64            complaint_id)
{
  CdComplaintEditor *editor = self->spare_editor;

  if (editor == NULL)
    editor = cd_complaint_editor_new (self->store, complaint_id);
  else
    {
      g_signal_handlers_disconnect_by_func (editor, on_spare_editor_destroy_cb, self);
      cd_complaint_editor_bind (editor, complaint_id);
      /* The list of windows holds it from here on. */
      g_clear_object (&self->spare_editor);
    }
  _cd_complaints_view_prepare_editor (self, SPARE_EDITOR_DELAY_MS);
  return editor;
}

/* One editor per complaint: opening it again brings the open one up. */
static CdComplaintEditor *
open_editor (CdComplaintsView *self,
             gint64            complaint_id)
{
  CdComplaintEditor *editor = NULL;

  if (complaint_id != 0)
    editor = g_hash_table_lookup (self->editors, &complaint_id);
  /* A hidden one is on its way out after saving. */
  if (editor != NULL && !gtk_widget_get_visible (GTK_WIDGET (editor)))
    {
      g_hash_table_remove (self->editors, &complaint_id);
      editor = NULL;
    }

  if (editor == NULL)
    {
      editor = new_editor (self, complaint_id);
      gtk_window_set_transient_for (GTK_WINDOW (editor), parent_window (self));
      g_signal_connect_object (editor, "destroy", G_CALLBACK (on_editor_destroy_cb), self, 0);
      g_signal_connect_object (editor, "complaint-created",
                               G_CALLBACK (on_editor_complaint_created_cb), self, 0);
      if (complaint_id != 0)
        g_hash_table_insert (self->editors, g_memdup2 (&complaint_id, sizeof complaint_id), editor);
    }

  gtk_window_present (GTK_WINDOW (editor));

  return editor;
}

static void
on_followup_list_row_activated_cb (GtkListBox       *list,
                                   GtkListBoxRow    *row,
                                   CdComplaintsView *self)
{
  CdComplaintEditor *editor;

  editor = open_editor (self, cd_agenda_row_get_complaint_id (CD_AGENDA_ROW (row)));
  cd_complaint_editor_highlight_followup (editor, cd_agenda_row_get_followup_id (CD_AGENDA_ROW (row)));
}

static void
on_complaint_list_row_activated_cb (GtkListBox       *list,
                                    GtkListBoxRow    *row,
                                    CdComplaintsView *self)
{
  open_editor (self, cd_complaint_row_get_complaint_id (CD_COMPLAINT_ROW (row)));
}

static void
on_mine_button_toggled_cb (GtkToggleButton  *button,
                           CdComplaintsView *self)
{
  gboolean everyone = !gtk_toggle_button_get_active (button);

  if (everyone == self->everyone)
    return;
  self->everyone = everyone;
  _cd_complaints_view_reset_limits (self);
  _cd_complaints_view_refresh (self);
}

static void
on_more_button_clicked_cb (CdComplaintsView *self,
                           GtkButton        *button)
{
  GtkButton *buttons[N_SECTIONS] = {
    self->overdue_more_button,
    self->today_more_button,
    self->upcoming_more_button,
    self->open_more_button,
  };

  for (guint i = 0; i < N_SECTIONS; i++)
    if (buttons[i] == button)
      self->limits[i] = MIN (self->limits[i] + SECTION_MORE, SECTION_MAX);

  _cd_complaints_view_refresh (self);
}

static void
new_complaint_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  open_editor (CD_COMPLAINTS_VIEW (widget), 0);
}

static void
record_outcome_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  cd_complaints_view_record_outcome (CD_COMPLAINTS_VIEW (widget), g_variant_get_int64 (parameter));
}

static void
refresh_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  CdComplaintsView *self = CD_COMPLAINTS_VIEW (widget);

  cd_store_check_external_changes (self->store);
  _cd_complaints_view_refresh (self);
}

static CdAgendaRow *
find_agenda_row (CdComplaintsView *self,
                 gint64            followup_id)
{
  GtkListBox *lists[] = { self->overdue_list, self->today_list, self->upcoming_list };

  for (guint l = 0; l < G_N_ELEMENTS (lists); l++)
    {
      GtkListBoxRow *row;

      for (int i = 0; (row = gtk_list_box_get_row_at_index (lists[l], i)) != NULL; i++)
        if (gtk_widget_get_visible (GTK_WIDGET (row)) &&
            cd_agenda_row_get_followup_id (CD_AGENDA_ROW (row)) == followup_id)
          return CD_AGENDA_ROW (row);
    }

  return NULL;
}

void
cd_complaints_view_show_followup (CdComplaintsView *self,
                                  gint64            followup_id)
{
  g_autoptr(CdFollowup) followup = NULL;
  g_autoptr(GError) error = NULL;
  CdComplaintEditor *editor;
  CdAgendaRow *row;

  g_return_if_fail (CD_IS_COMPLAINTS_VIEW (self));

  followup = cd_followup_load (self->store, followup_id, &error);
  if (followup == NULL)
    {
      _cd_complaints_view_show_error (self, error);
      return;
    }

  /* Someone else's follow-up (a lead's reminder) is only under Everyone. */
  if (!self->everyone && followup->status == CD_FOLLOWUP_SCHEDULED
      && followup->assignee_id != cd_store_get_staff_id (self->store))
    gtk_toggle_button_set_active (self->everyone_button, TRUE);
  else
    _cd_complaints_view_refresh_agenda (self);

  row = find_agenda_row (self, followup_id);
  if (row != NULL)
    gtk_widget_grab_focus (GTK_WIDGET (row));

  editor = open_editor (self, followup->complaint_id);
  cd_complaint_editor_highlight_followup (editor, followup_id);
}

void
cd_complaints_view_open_complaint (CdComplaintsView *self,
                                   gint64            complaint_id)
{
  g_return_if_fail (CD_IS_COMPLAINTS_VIEW (self));
  g_return_if_fail (complaint_id > 0);

  open_editor (self, complaint_id);
}

void
cd_complaints_view_record_outcome (CdComplaintsView *self,
                                   gint64            followup_id)
{
  CdOutcomeDialog *dialog;
  CdAgendaRow *row;

  g_return_if_fail (CD_IS_COMPLAINTS_VIEW (self));

  row = find_agenda_row (self, followup_id);
  if (row != NULL)
    gtk_widget_grab_focus (GTK_WIDGET (row));

  dialog = cd_outcome_dialog_new (self->store, followup_id);
  gtk_window_set_transient_for (GTK_WINDOW (dialog), parent_window (self));
  gtk_window_present (GTK_WINDOW (dialog));
}

void
_cd_complaints_view_class_actions_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_bind_template_callback (widget_class, on_followup_list_row_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_complaint_list_row_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_mine_button_toggled_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_more_button_clicked_cb);

  gtk_widget_class_install_action (widget_class, "complaints.new", NULL, new_complaint_action);
  gtk_widget_class_install_action (widget_class, "complaints.record-outcome", "x",
                                   record_outcome_action);
  gtk_widget_class_install_action (widget_class, "complaints.refresh", NULL, refresh_action);
}
