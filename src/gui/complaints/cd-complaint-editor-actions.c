/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "caredesk-complaints"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "cd-complaint-editor-private.h"
#include "cd-complaints-util.h"
#include "cd-conflict-dialog.h"
#include "cd-followup-editor.h"
#include "cd-outcome-dialog.h"

/* Saving the form, changing the status, and the follow-up actions: each
 * write runs on the store's write worker, one at a time, and the control
 * that started it shows so until it is done. */

/* Saving ---------------------------------------------------------------- */

/* The form's values, as a CdComplaint borrowing the widgets' strings. */
typedef struct {
  CdComplaint  values;
  char        *summary;
  char        *details;
  char        *category;
  char        *resolution;
  char        *compensation;
} FormValues;

static void
form_values_clear (FormValues *form)
{
  g_free (form->summary);
  g_free (form->details);
  g_free (form->category);
  g_free (form->resolution);
  g_free (form->compensation);
}

static void
read_form (CdComplaintEditor *self,
           FormValues        *form)
{
  g_autofree char *details = _cd_complaint_editor_get_details_text (self);
  g_autofree char *trimmed = NULL;
  guint severity = adw_combo_row_get_selected (self->severity_row);
  gint64 ticket_id = _cd_complaint_editor_parse_ticket (gtk_editable_get_text (GTK_EDITABLE (self->ticket_row)));

  memset (form, 0, sizeof *form);
  form->summary = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->summary_row))));
  /* Details keep their inner layout; only an empty text becomes NULL. */
  trimmed = cd_complaints_dup_trimmed (details);
  form->details = trimmed != NULL ? g_steal_pointer (&details) : NULL;
  form->category = cd_complaints_dup_trimmed (gtk_editable_get_text (GTK_EDITABLE (self->category_row)));
  form->resolution = cd_complaints_dup_trimmed (gtk_editable_get_text (GTK_EDITABLE (self->resolution_row)));
  form->compensation = cd_complaints_dup_trimmed (gtk_editable_get_text (GTK_EDITABLE (self->compensation_row)));

  form->values.customer_id = self->customer_id;
  form->values.ticket_id = MAX (ticket_id, 0);
  form->values.summary = form->summary;
  form->values.details = form->details;
  form->values.severity = severity < cd_severity_count () ? (CdSeverity) severity : CD_SEVERITY_MINOR;
  form->values.category = form->category;
  form->values.owner_id = _cd_complaint_editor_selected_owner (self);
  form->values.resolution = form->resolution;
  form->values.compensation = form->compensation;
}

static CdComplaintFields
changed_fields (const CdComplaint *loaded,
                const CdComplaint *form)
{
  CdComplaintFields fields = 0;

  if (g_strcmp0 (loaded->summary, form->summary) != 0)
    fields |= CD_COMPLAINT_FIELD_SUMMARY;
  if (g_strcmp0 (loaded->details, form->details) != 0)
    fields |= CD_COMPLAINT_FIELD_DETAILS;
  if (loaded->severity != form->severity)
    fields |= CD_COMPLAINT_FIELD_SEVERITY;
  if (g_strcmp0 (loaded->category, form->category) != 0)
    fields |= CD_COMPLAINT_FIELD_CATEGORY;
  if (loaded->owner_id != form->owner_id)
    fields |= CD_COMPLAINT_FIELD_OWNER;
  if (g_strcmp0 (loaded->resolution, form->resolution) != 0)
    fields |= CD_COMPLAINT_FIELD_RESOLUTION;
  if (g_strcmp0 (loaded->compensation, form->compensation) != 0)
    fields |= CD_COMPLAINT_FIELD_COMPENSATION;

  return fields;
}

static void
on_conflict_response_cb (AdwMessageDialog  *dialog,
                         const char        *response,
                         CdComplaintEditor *self)
{
  g_autoptr(GError) error = NULL;

  if (g_strcmp0 (response, "reload") == 0)
    {
      if (!_cd_complaint_editor_load (self, &error))
        _cd_complaint_editor_show_toast (self, error->message);
      else
        _cd_complaint_editor_show_toast (self, _("Showing the saved version; your edits were discarded"));
    }
  else if (g_strcmp0 (response, "overwrite") == 0)
    _cd_complaint_editor_save_with_version (self, 0, TRUE);
}

static const char *
owner_name (CdComplaintEditor *self,
            gint64             owner_id,
            char             **to_free)
{
  if (owner_id == 0)
    return _("Nobody");
  *to_free = _cd_complaint_editor_staff_name (self->store, owner_id);
  return *to_free;
}

/* Shows, field by field, what the user has and what is saved now. */
static void
ask_about_conflict (CdComplaintEditor *self)
{
  g_autoptr(CdComplaint) theirs = NULL;
  g_autofree char *record = NULL;
  GtkWidget *dialog;
  FormValues form;

  {
    g_autofree char *number = g_strdup_printf ("%" G_GINT64_FORMAT, self->complaint_id);
    record = g_strdup_printf (_("complaint %s"), number);
  }
  dialog = cd_conflict_dialog_new (GTK_WINDOW (self), record);

  theirs = cd_complaint_load (self->store, self->complaint_id, NULL);
  if (theirs != NULL)
    {
      CdConflictDialog *conflict = CD_CONFLICT_DIALOG (dialog);
      g_autofree char *mine_owner = NULL;
      g_autofree char *their_owner = NULL;

      read_form (self, &form);
      cd_conflict_dialog_add_field (conflict, _("Summary"), form.values.summary, theirs->summary);
      cd_conflict_dialog_add_field (conflict, _("Details"), form.values.details, theirs->details);
      cd_conflict_dialog_add_field (conflict, _("Severity"),
                                    cd_severity_label (form.values.severity),
                                    cd_severity_label (theirs->severity));
      cd_conflict_dialog_add_field (conflict, _("Category"), form.values.category, theirs->category);
      cd_conflict_dialog_add_field (conflict, _("Owner"),
                                    owner_name (self, form.values.owner_id, &mine_owner),
                                    owner_name (self, theirs->owner_id, &their_owner));
      cd_conflict_dialog_add_field (conflict, _("Resolution"),
                                    form.values.resolution, theirs->resolution);
      cd_conflict_dialog_add_field (conflict, _("Compensation"),
                                    form.values.compensation, theirs->compensation);
      if (self->loaded != NULL && theirs->status != self->loaded->status)
        cd_conflict_dialog_add_field (conflict, _("Status"),
                                      cd_complaint_status_label (self->loaded->status),
                                      cd_complaint_status_label (theirs->status));
      cd_conflict_dialog_set_changed_by (conflict, NULL, theirs->updated_at);
      form_values_clear (&form);
    }

  g_signal_connect_object (dialog, "response", G_CALLBACK (on_conflict_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Writing --------------------------------------------------------------- */

/* What may be started depends on whether a write is under way. */
void
_cd_complaint_editor_sync_actions (CdComplaintEditor *self)
{
  gboolean idle = self->writing == WRITING_NONE;
  gboolean can_schedule = self->loaded != NULL
                          ? self->loaded->status != CD_COMPLAINT_CLOSED
                          : self->complaint_id == 0;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.set-status", idle && self->loaded != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.schedule-followup", idle && can_schedule);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.missed-followup", idle);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.cancel-followup", idle);
  _cd_complaint_editor_validate (self);
}

static void
set_writing (CdComplaintEditor *self,
             Writing            writing,
             GtkButton         *button)
{
  if (self->busy_button != NULL)
    {
      cd_complaints_button_set_busy (self->busy_button, FALSE);
      g_clear_object (&self->busy_button);
    }

  self->writing = writing;
  if (button != NULL)
    {
      self->busy_button = g_object_ref (button);
      cd_complaints_button_set_busy (button, TRUE);
    }

  _cd_complaint_editor_sync_actions (self);
}

static void open_schedule_editor (CdComplaintEditor *self);

static void
saved (CdComplaintEditor *self)
{
  g_autoptr(GError) error = NULL;

  self->dirty = FALSE;
  if (self->close_after_save)
    {
      self->schedule_after_save = FALSE;
      cd_complaints_close_window_soon (GTK_WINDOW (self));
      return;
    }

  if (!_cd_complaint_editor_load (self, &error))
    _cd_complaint_editor_show_toast (self, error->message);

  if (self->schedule_after_save)
    {
      self->schedule_after_save = FALSE;
      open_schedule_editor (self);
    }
}

static void
save_failed (CdComplaintEditor *self,
             const GError      *error)
{
  self->schedule_after_save = FALSE;
  self->close_after_save = FALSE;
  if (g_error_matches (error, CD_STORE_ERROR, CD_STORE_ERROR_STALE))
    ask_about_conflict (self);
  else
    _cd_complaint_editor_show_toast (self, error->message);
}

static void
on_created_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(CdComplaintEditor) self = user_data;
  g_autoptr(GError) error = NULL;
  gint64 id = cd_complaint_create_finish (CD_STORE (source), result, &error);

  /* Closed meanwhile (its window went away): what was written stays. */
  if (self->store == NULL)
    return;

  set_writing (self, WRITING_NONE, NULL);
  if (id == 0)
    {
      save_failed (self, error);
      return;
    }

  self->complaint_id = id;
  _cd_complaint_editor_emit_created (self, id);
  saved (self);
}

static void
on_updated_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(CdComplaintEditor) self = user_data;
  g_autoptr(GError) error = NULL;
  gboolean ok = cd_complaint_update_finish (CD_STORE (source), result, &error);

  if (self->store == NULL)
    return;

  set_writing (self, WRITING_NONE, NULL);
  if (!ok)
    save_failed (self, error);
  else
    saved (self);
}

/* Starts saving the form; TRUE when it was started (or there was nothing
 * to save). */
gboolean
_cd_complaint_editor_save_with_version (CdComplaintEditor *self,
                                        gint64             expected_version,
                                        gboolean           close_after)
{
  CdComplaintFields fields = 0;
  FormValues form;

  if (self->writing != WRITING_NONE)
    return FALSE;

  self->save_attempted = TRUE;
  if (!_cd_complaint_editor_validate (self))
    return FALSE;

  if (self->complaint_id != 0 && self->loaded == NULL)
    {
      _cd_complaint_editor_show_toast (self, _("This complaint could not be read, so it cannot be saved. Close this window and open the complaint again."));
      return FALSE;
    }

  read_form (self, &form);
  self->close_after_save = close_after;

  if (self->complaint_id != 0)
    {
      fields = changed_fields (self->loaded, &form.values);
      if (fields == 0)
        {
          form_values_clear (&form);
          saved (self);
          return TRUE;
        }
    }

  set_writing (self, WRITING_COMPLAINT, self->save_button);
  if (self->complaint_id == 0)
    cd_complaint_create_async (self->store, &form.values, self->cancellable,
                               on_created_cb, g_object_ref (self));
  else
    cd_complaint_update_async (self->store, self->complaint_id, expected_version, fields,
                               &form.values, self->cancellable, on_updated_cb, g_object_ref (self));
  form_values_clear (&form);

  return TRUE;
}

gboolean
cd_complaint_editor_save (CdComplaintEditor *self)
{
  g_return_val_if_fail (CD_IS_COMPLAINT_EDITOR (self), FALSE);

  return _cd_complaint_editor_save_with_version (self,
                                                 self->loaded != NULL ? self->loaded->version : 0,
                                                 FALSE);
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  CdComplaintEditor *self = CD_COMPLAINT_EDITOR (widget);

  _cd_complaint_editor_save_with_version (self, self->loaded != NULL ? self->loaded->version : 0, TRUE);
}

static void
reload_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  CdComplaintEditor *self = CD_COMPLAINT_EDITOR (widget);
  g_autoptr(GError) error = NULL;

  if (self->complaint_id != 0 && !_cd_complaint_editor_load (self, &error))
    _cd_complaint_editor_show_toast (self, error->message);
}

/* After our own status or follow-up change the complaint has a new
 * version. Unsaved edits stay; the new version is adopted only when no
 * one else changed the fields in the meantime, so a real conflict is
 * still caught at Save. */
static void
adopt_own_change (CdComplaintEditor *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CdComplaint) fresh = NULL;

  if (self->complaint_id == 0)
    return;

  fresh = cd_complaint_load (self->store, self->complaint_id, &error);
  if (fresh == NULL)
    {
      _cd_complaint_editor_show_toast (self, error->message);
      return;
    }

  if (!self->dirty || self->loaded == NULL)
    {
      g_clear_pointer (&self->loaded, cd_complaint_free);
      self->loaded = g_steal_pointer (&fresh);
      if (!self->dirty)
        _cd_complaint_editor_fill_form (self);
      _cd_complaint_editor_update_status (self);
      return;
    }

  if (changed_fields (self->loaded, fresh) == 0
      && self->loaded->customer_id == fresh->customer_id
      && self->loaded->ticket_id == fresh->ticket_id)
    {
      self->loaded->version = fresh->version;
      self->loaded->status = fresh->status;
      self->loaded->closed_at = fresh->closed_at;
      self->loaded->updated_at = fresh->updated_at;
    }
  else
    gtk_revealer_set_reveal_child (self->changed_revealer, TRUE);

  _cd_complaint_editor_update_status (self);
}

static void
on_status_set_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(CdComplaintEditor) self = user_data;
  g_autoptr(GError) error = NULL;
  gboolean ok = cd_complaint_set_status_finish (CD_STORE (source), result, &error);

  if (self->store == NULL)
    return;

  set_writing (self, WRITING_NONE, NULL);
  if (ok)
    {
      adopt_own_change (self);
      return;
    }

  if (!g_error_matches (error, CD_STORE_ERROR, CD_STORE_ERROR_STALE))
    _cd_complaint_editor_show_toast (self, error->message);
  else if (!self->dirty)
    {
      g_clear_error (&error);
      if (_cd_complaint_editor_load (self, &error))
        _cd_complaint_editor_show_toast (self, _("Someone else changed this complaint first; it now shows their version. Change the status again if it is still needed."));
      else
        _cd_complaint_editor_show_toast (self, error->message);
    }
  else
    {
      gtk_revealer_set_reveal_child (self->changed_revealer, TRUE);
      _cd_complaint_editor_show_toast (self, _("Someone else changed this complaint first. Save or reload your edits, then change the status."));
    }
}

/* The shown button that asks for @nick. */
static GtkButton *
status_button_for (CdComplaintEditor *self,
                   GVariant          *nick)
{
  GtkWidget *buttons[] = {
    self->acknowledge_button, self->investigate_button, self->resolve_button,
    self->follow_up_button, self->close_button, self->reopen_button,
  };

  for (guint i = 0; i < G_N_ELEMENTS (buttons); i++)
    {
      GVariant *target = gtk_actionable_get_action_target_value (GTK_ACTIONABLE (buttons[i]));

      if (gtk_widget_get_visible (buttons[i]) && target != NULL && g_variant_equal (target, nick))
        return GTK_BUTTON (buttons[i]);
    }
  return NULL;
}

static void
set_status_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  CdComplaintEditor *self = CD_COMPLAINT_EDITOR (widget);
  int status = cd_complaint_status_from_nick (g_variant_get_string (parameter, NULL));

  if (self->loaded == NULL || status < 0 || self->writing != WRITING_NONE)
    return;

  set_writing (self, WRITING_STATUS, status_button_for (self, parameter));
  cd_complaint_set_status_async (self->store, self->complaint_id, self->loaded->version,
                                 (CdComplaintStatus) status, self->cancellable,
                                 on_status_set_cb, g_object_ref (self));
}

static void
on_followup_saved_cb (GObject           *dialog,
                      gint64             followup_id,
                      CdComplaintEditor *self)
{
  self->highlight_followup = followup_id;
  adopt_own_change (self);
  _cd_complaint_editor_refresh_followups (self);
  _cd_complaint_editor_apply_highlight (self);
}

static void
open_schedule_editor (CdComplaintEditor *self)
{
  CdFollowupEditor *editor;

  editor = cd_followup_editor_new_schedule (self->store, self->complaint_id);
  gtk_window_set_transient_for (GTK_WINDOW (editor), GTK_WINDOW (self));
  g_signal_connect_object (editor, "saved", G_CALLBACK (on_followup_saved_cb), self, 0);
  gtk_window_present (GTK_WINDOW (editor));
}

static void
schedule_followup_action (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *parameter)
{
  CdComplaintEditor *self = CD_COMPLAINT_EDITOR (widget);

  /* A follow-up needs a complaint to belong to: save a new one first,
   * and go on once it is saved. */
  if (self->complaint_id == 0)
    {
      self->schedule_after_save = TRUE;
      if (!cd_complaint_editor_save (self))
        self->schedule_after_save = FALSE;
      return;
    }

  open_schedule_editor (self);
}

static void
record_outcome_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  CdComplaintEditor *self = CD_COMPLAINT_EDITOR (widget);
  CdOutcomeDialog *dialog;

  dialog = cd_outcome_dialog_new (self->store, g_variant_get_int64 (parameter));
  gtk_window_set_transient_for (GTK_WINDOW (dialog), GTK_WINDOW (self));
  g_signal_connect_object (dialog, "recorded", G_CALLBACK (on_followup_saved_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
reschedule_followup_action (GtkWidget  *widget,
                            const char *action_name,
                            GVariant   *parameter)
{
  CdComplaintEditor *self = CD_COMPLAINT_EDITOR (widget);
  CdFollowupEditor *editor;

  editor = cd_followup_editor_new_reschedule (self->store, g_variant_get_int64 (parameter));
  gtk_window_set_transient_for (GTK_WINDOW (editor), GTK_WINDOW (self));
  g_signal_connect_object (editor, "saved", G_CALLBACK (on_followup_saved_cb), self, 0);
  gtk_window_present (GTK_WINDOW (editor));
}

static void
report_followup_error (CdComplaintEditor *self,
                       GError            *error)
{
  if (g_error_matches (error, CD_STORE_ERROR, CD_STORE_ERROR_STALE))
    _cd_complaint_editor_show_toast (self, _("Someone else changed this follow-up first. It now shows their version; try again if it is still needed."));
  else
    _cd_complaint_editor_show_toast (self, error->message);
  _cd_complaint_editor_refresh_followups (self);
}

/* The follow-up's row shows that it is being written. */
static void
start_followup_write (CdComplaintEditor *self,
                      gint64             followup_id)
{
  self->busy_followup = followup_id;
  set_writing (self, WRITING_FOLLOWUP, NULL);
  _cd_complaint_editor_refresh_followups (self);
}

/* TRUE when the write went through; otherwise says why. */
static gboolean
end_followup_write (CdComplaintEditor *self,
                    gboolean           ok,
                    GError            *error)
{
  self->busy_followup = 0;
  set_writing (self, WRITING_NONE, NULL);
  if (!ok)
    {
      report_followup_error (self, error);
      return FALSE;
    }
  return TRUE;
}

static void
on_marked_missed_cb (GObject      *source,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(CdComplaintEditor) self = user_data;
  g_autoptr(GError) error = NULL;
  gint64 id = self->busy_followup;
  gboolean ok = cd_followup_mark_missed_finish (CD_STORE (source), result, &error);

  if (self->store == NULL || !end_followup_write (self, ok, error))
    return;
  self->highlight_followup = id;
  _cd_complaint_editor_refresh_followups (self);
  _cd_complaint_editor_apply_highlight (self);
}

static void
missed_followup_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  CdComplaintEditor *self = CD_COMPLAINT_EDITOR (widget);
  gint64 id = g_variant_get_int64 (parameter);

  gint64 version = _cd_complaint_editor_followup_version (self, id);

  if (self->writing != WRITING_NONE)
    return;
  start_followup_write (self, id);
  cd_followup_mark_missed_async (self->store, id, version, self->cancellable,
                                 on_marked_missed_cb, g_object_ref (self));
}

static void
on_cancelled_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(CdComplaintEditor) self = user_data;
  g_autoptr(GError) error = NULL;
  gboolean ok = cd_followup_cancel_finish (CD_STORE (source), result, &error);

  if (self->store == NULL || !end_followup_write (self, ok, error))
    return;
  adopt_own_change (self);
  _cd_complaint_editor_refresh_followups (self);
  _cd_complaint_editor_show_toast (self, _("Follow-up cancelled"));
}

static void
on_cancel_followup_response_cb (AdwMessageDialog  *dialog,
                                const char        *response,
                                CdComplaintEditor *self)
{
  gint64 id = *(gint64 *) g_object_get_data (G_OBJECT (dialog), "followup-id");
  gint64 version = _cd_complaint_editor_followup_version (self, id);

  if (g_strcmp0 (response, "cancel-followup") != 0 || self->writing != WRITING_NONE)
    return;

  start_followup_write (self, id);
  cd_followup_cancel_async (self->store, id, version, self->cancellable,
                            on_cancelled_cb, g_object_ref (self));
}

static void
cancel_followup_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  CdComplaintEditor *self = CD_COMPLAINT_EDITOR (widget);
  gint64 id = g_variant_get_int64 (parameter);
  AdwMessageDialog *dialog;

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self),
                                                       _("Cancel This Follow-up?"),
                                                       _("The customer will not be contacted as planned, and a cancelled follow-up cannot be scheduled again. Schedule a new one if needed.")));
  adw_message_dialog_add_responses (dialog,
                                    "keep", _("_Keep It"),
                                    "cancel-followup", _("_Cancel Follow-up"),
                                    NULL);
  adw_message_dialog_set_response_appearance (dialog, "cancel-followup", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (dialog, "keep");
  adw_message_dialog_set_close_response (dialog, "keep");
  g_object_set_data_full (G_OBJECT (dialog), "followup-id", g_memdup2 (&id, sizeof id), g_free);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_cancel_followup_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

gboolean
cd_complaint_editor_is_saving (CdComplaintEditor *self)
{
  g_return_val_if_fail (CD_IS_COMPLAINT_EDITOR (self), FALSE);

  return self->writing != WRITING_NONE;
}

void
_cd_complaint_editor_class_actions_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "editor.save", NULL, save_action);
  gtk_widget_class_install_action (widget_class, "editor.reload", NULL, reload_action);
  gtk_widget_class_install_action (widget_class, "editor.set-status", "s", set_status_action);
  gtk_widget_class_install_action (widget_class, "editor.schedule-followup", NULL,
                                   schedule_followup_action);
  gtk_widget_class_install_action (widget_class, "editor.record-outcome", "x",
                                   record_outcome_action);
  gtk_widget_class_install_action (widget_class, "editor.reschedule-followup", "x",
                                   reschedule_followup_action);
  gtk_widget_class_install_action (widget_class, "editor.missed-followup", "x",
                                   missed_followup_action);
  gtk_widget_class_install_action (widget_class, "editor.cancel-followup", "x",
                                   cancel_followup_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK,
                                       "editor.save", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0,
                                       "window.close", NULL);
}
