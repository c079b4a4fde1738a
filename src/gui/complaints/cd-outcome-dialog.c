/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "caredesk-complaints"

#include "config.h"

#include <glib/gi18n.h>

#include "cd-complaints-util.h"
#include "cd-conflict-dialog.h"
#include "cd-datetime.h"
#include "cd-followup-editor.h"
#include "cd-outcome-dialog.h"

struct _CdOutcomeDialog
{
  AdwWindow            parent_instance;

  CdStore             *store;
  gint64               followup_id;
  CdFollowup          *followup;

  /* Template widgets */
  AdwWindowTitle      *window_title;
  GtkButton           *save_button;
  AdwToastOverlay     *toast_overlay;
  AdwPreferencesGroup *contact_group;
  AdwComboRow         *outcome_row;
  AdwActionRow        *satisfaction_row;
  GtkToggleButton     *not_asked_button;
  GtkToggleButton     *score1_button;
  GtkToggleButton     *score2_button;
  GtkToggleButton     *score3_button;
  GtkToggleButton     *score4_button;
  GtkToggleButton     *score5_button;
  GtkLabel            *next_label;
  GtkWidget           *notes_frame;
  GtkTextView         *notes_view;
  GtkLabel            *notes_error_label;

  GCancellable        *cancellable;
  gboolean             can_save;
  /* A record is being written; the form waits for it. */
  gboolean             saving;
};

enum {
  RECORDED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (CdOutcomeDialog, cd_outcome_dialog, ADW_TYPE_WINDOW)

static void
show_toast (CdOutcomeDialog *self,
            const char      *message)
{
  AdwToast *toast = adw_toast_new (message);

  adw_toast_set_timeout (toast, 0);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

static GtkToggleButton *
score_button (CdOutcomeDialog *self,
              int              score)
{
  GtkToggleButton *buttons[] = {
    self->not_asked_button, self->score1_button, self->score2_button,
    self->score3_button, self->score4_button, self->score5_button,
  };

  return buttons[CLAMP (score, 0, 5)];
}

static int
get_satisfaction (CdOutcomeDialog *self)
{
  for (int score = 1; score <= 5; score++)
    if (gtk_toggle_button_get_active (score_button (self, score)))
      return score;
  return 0;
}

static CdOutcome
get_outcome (CdOutcomeDialog *self)
{
  guint pos = adw_combo_row_get_selected (self->outcome_row);

  return pos < cd_outcome_count () ? (CdOutcome) pos : CD_OUTCOME_SATISFIED;
}

static char *
get_notes (CdOutcomeDialog *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->notes_view);
  GtkTextIter start, end;
  g_autofree char *text = NULL;
  g_autofree char *trimmed = NULL;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  trimmed = cd_complaints_dup_trimmed (text);

  return trimmed != NULL ? g_steal_pointer (&text) : NULL;
}

static void
validate (CdOutcomeDialog *self)
{
  g_autofree char *notes = get_notes (self);
  CdOutcome outcome = get_outcome (self);
  gboolean recordable;
  gboolean notes_ok;

  recordable = self->followup != NULL
               && (self->followup->status == CD_FOLLOWUP_SCHEDULED
                   || self->followup->status == CD_FOLLOWUP_MISSED);

  notes_ok = notes == NULL || g_utf8_strlen (notes, -1) <= CD_FOLLOWUP_NOTES_MAX_CHARS;
  if (!notes_ok)
    {
      g_autofree char *message = g_strdup_printf (_("The notes are too long: keep them under %u characters."),
                                                  (guint) CD_FOLLOWUP_NOTES_MAX_CHARS);
      gtk_label_set_text (self->notes_error_label, message);
      gtk_widget_add_css_class (self->notes_frame, "error");
    }
  else
    gtk_widget_remove_css_class (self->notes_frame, "error");
  gtk_widget_set_visible (GTK_WIDGET (self->notes_error_label), !notes_ok);

  /* Nobody answered, so nobody rated anything. */
  gtk_widget_set_sensitive (GTK_WIDGET (self->satisfaction_row), outcome != CD_OUTCOME_UNREACHABLE);

  switch (outcome)
    {
    case CD_OUTCOME_UNREACHABLE:
      gtk_label_set_text (self->next_label,
                          _("After you record this, Caredesk proposes another attempt tomorrow, for you to confirm."));
      gtk_widget_set_visible (GTK_WIDGET (self->next_label), TRUE);
      break;
    case CD_OUTCOME_UNSATISFIED:
      gtk_label_set_text (self->next_label,
                          _("After you record this, Caredesk proposes another follow-up, for you to confirm. Consider reopening the complaint too."));
      gtk_widget_set_visible (GTK_WIDGET (self->next_label), TRUE);
      break;
    case CD_OUTCOME_SATISFIED:
    case CD_OUTCOME_NEUTRAL:
    default:
      gtk_widget_set_visible (GTK_WIDGET (self->next_label), FALSE);
      break;
    }

  self->can_save = recordable && notes_ok && !self->saving;
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "outcome.save", self->can_save);
}

static void
on_outcome_changed_cb (CdOutcomeDialog *self)
{
  if (get_outcome (self) == CD_OUTCOME_UNREACHABLE)
    gtk_toggle_button_set_active (self->not_asked_button, TRUE);
  validate (self);
}

static void
on_satisfaction_toggled_cb (CdOutcomeDialog *self)
{
  validate (self);
}

static void
on_notes_changed_cb (GtkTextBuffer   *buffer,
                     CdOutcomeDialog *self)
{
  validate (self);
}

static void
describe_followup (CdOutcomeDialog *self)
{
  g_autoptr(CdComplaint) complaint = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *due = NULL;
  g_autofree char *description = NULL;
  gint64 now = cd_store_now (self->store);

  complaint = cd_complaint_load (self->store, self->followup->complaint_id, &error);
  if (complaint == NULL)
    {
      show_toast (self, error->message);
      return;
    }

  due = cd_datetime_format_when (self->followup->due_at, now);
  /* Translators: "<complaint summary>\n<method> due <time>" */
  description = g_strdup_printf (_("%s\n%s due %s"),
                                 complaint->summary,
                                 cd_followup_method_label (self->followup->method),
                                 due);
  adw_preferences_group_set_title (self->contact_group,
                                   complaint->customer_name != NULL ? complaint->customer_name : "");
  adw_preferences_group_set_description (self->contact_group, description);
  adw_window_title_set_subtitle (self->window_title, complaint->customer_name);

  switch (self->followup->status)
    {
    case CD_FOLLOWUP_DONE:
      show_toast (self, _("This follow-up is already done; its outcome was recorded."));
      break;
    case CD_FOLLOWUP_CANCELLED:
      show_toast (self, _("This follow-up was cancelled; there is no outcome to record."));
      break;
    case CD_FOLLOWUP_SCHEDULED:
    case CD_FOLLOWUP_MISSED:
    default:
      break;
    }
}

static gboolean
load_followup (CdOutcomeDialog  *self,
               GError          **error)
{
  CdFollowup *followup = cd_followup_load (self->store, self->followup_id, error);

  if (followup == NULL)
    return FALSE;
  g_clear_pointer (&self->followup, cd_followup_free);
  self->followup = followup;

  return TRUE;
}

/* Saving ---------------------------------------------------------------- */

static gboolean save_with_version (CdOutcomeDialog *self,
                                   gint64           expected_version);

static void
on_conflict_response_cb (AdwMessageDialog *dialog,
                         const char       *response,
                         CdOutcomeDialog  *self)
{
  g_autoptr(GError) error = NULL;

  if (g_strcmp0 (response, "reload") == 0)
    {
      /* What the user typed stays; only what the follow-up now is changes. */
      if (!load_followup (self, &error))
        show_toast (self, error->message);
      else
        describe_followup (self);
      validate (self);
    }
  else if (g_strcmp0 (response, "overwrite") == 0)
    save_with_version (self, 0);
}

static void
ask_about_conflict (CdOutcomeDialog *self)
{
  g_autoptr(CdFollowup) theirs = NULL;
  GtkWidget *dialog;

  /* Reload keeps what was typed here; only the follow-up is re-read. */
  dialog = cd_conflict_dialog_new (GTK_WINDOW (self), _("this follow-up"));
  theirs = cd_followup_load (self->store, self->followup_id, NULL);
  if (theirs != NULL)
    {
      CdConflictDialog *conflict = CD_CONFLICT_DIALOG (dialog);
      gint64 now = cd_store_now (self->store);
      g_autofree char *mine_due = cd_datetime_format_when (self->followup->due_at, now);
      g_autofree char *their_due = cd_datetime_format_when (theirs->due_at, now);

      cd_conflict_dialog_add_field (conflict, _("Status"),
                                    cd_followup_status_label (self->followup->status),
                                    cd_followup_status_label (theirs->status));
      cd_conflict_dialog_add_field (conflict, _("Due"), mine_due, their_due);
      cd_conflict_dialog_add_field (conflict, _("Notes"), self->followup->notes, theirs->notes);
      cd_conflict_dialog_set_changed_by (conflict, NULL, theirs->updated_at);
    }

  g_signal_connect_object (dialog, "response", G_CALLBACK (on_conflict_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
set_saving (CdOutcomeDialog *self,
            gboolean         saving)
{
  self->saving = saving;
  cd_complaints_button_set_busy (self->save_button, saving);
  validate (self);
}

static void
on_recorded_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(CdOutcomeDialog) self = user_data;
  g_autoptr(CdFollowupProposal) proposal = NULL;
  g_autoptr(GError) error = NULL;
  GtkWindow *parent;
  gboolean ok;

  ok = cd_followup_record_outcome_finish (CD_STORE (source), result, &proposal, &error);

  /* Closed meanwhile (its window went away): what was written stays. */
  if (self->store == NULL)
    return;

  set_saving (self, FALSE);
  if (!ok)
    {
      if (g_error_matches (error, CD_STORE_ERROR, CD_STORE_ERROR_STALE))
        ask_about_conflict (self);
      else
        show_toast (self, error->message);
      return;
    }

  g_signal_emit (self, signals[RECORDED], 0, self->followup_id);

  parent = gtk_window_get_transient_for (GTK_WINDOW (self));
  if (proposal != NULL)
    {
      CdFollowupEditor *editor = cd_followup_editor_new_proposal (self->store, proposal);

      gtk_window_set_transient_for (GTK_WINDOW (editor), parent);
      gtk_window_present (GTK_WINDOW (editor));
    }

  cd_complaints_close_window_soon (GTK_WINDOW (self));
}

static gboolean
save_with_version (CdOutcomeDialog *self,
                   gint64           expected_version)
{
  g_autofree char *notes = get_notes (self);
  CdOutcome outcome = get_outcome (self);
  int satisfaction = outcome == CD_OUTCOME_UNREACHABLE ? 0 : get_satisfaction (self);

  if (self->followup == NULL || self->saving)
    return FALSE;

  set_saving (self, TRUE);
  cd_followup_record_outcome_async (self->store, self->followup_id, expected_version,
                                    outcome, satisfaction, notes, self->cancellable,
                                    on_recorded_cb, g_object_ref (self));
  return TRUE;
}

gboolean
cd_outcome_dialog_save (CdOutcomeDialog *self)
{
  g_return_val_if_fail (CD_IS_OUTCOME_DIALOG (self), FALSE);

  if (!self->can_save)
    return FALSE;

  return save_with_version (self, self->followup->version);
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  cd_outcome_dialog_save (CD_OUTCOME_DIALOG (widget));
}

/* GObject --------------------------------------------------------------- */

/* The record being written is not given up half-way by closing: the
 * window closes once it is saved, or stays to say why it was not. */
static gboolean
cd_outcome_dialog_close_request (GtkWindow *window)
{
  CdOutcomeDialog *self = CD_OUTCOME_DIALOG (window);

  if (self->saving)
    return TRUE;
  return GTK_WINDOW_CLASS (cd_outcome_dialog_parent_class)->close_request (window);
}

static void
cd_outcome_dialog_dispose (GObject *object)
{
  CdOutcomeDialog *self = CD_OUTCOME_DIALOG (object);

  g_cancellable_cancel (self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), CD_TYPE_OUTCOME_DIALOG);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (cd_outcome_dialog_parent_class)->dispose (object);
}

static void
cd_outcome_dialog_finalize (GObject *object)
{
  CdOutcomeDialog *self = CD_OUTCOME_DIALOG (object);

  g_clear_pointer (&self->followup, cd_followup_free);
  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (cd_outcome_dialog_parent_class)->finalize (object);
}

static void
cd_outcome_dialog_class_init (CdOutcomeDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cd_outcome_dialog_dispose;
  object_class->finalize = cd_outcome_dialog_finalize;

  GTK_WINDOW_CLASS (klass)->close_request = cd_outcome_dialog_close_request;

  signals[RECORDED] =
    g_signal_new ("recorded",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_INT64);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/complaints/cd-outcome-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, CdOutcomeDialog, window_title);
  gtk_widget_class_bind_template_child (widget_class, CdOutcomeDialog, save_button);
  gtk_widget_class_bind_template_child (widget_class, CdOutcomeDialog, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, CdOutcomeDialog, contact_group);
  gtk_widget_class_bind_template_child (widget_class, CdOutcomeDialog, outcome_row);
  gtk_widget_class_bind_template_child (widget_class, CdOutcomeDialog, satisfaction_row);
  gtk_widget_class_bind_template_child (widget_class, CdOutcomeDialog, not_asked_button);
  gtk_widget_class_bind_template_child (widget_class, CdOutcomeDialog, score1_button);
  gtk_widget_class_bind_template_child (widget_class, CdOutcomeDialog, score2_button);
  gtk_widget_class_bind_template_child (widget_class, CdOutcomeDialog, score3_button);
  gtk_widget_class_bind_template_child (widget_class, CdOutcomeDialog, score4_button);
  gtk_widget_class_bind_template_child (widget_class, CdOutcomeDialog, score5_button);
  gtk_widget_class_bind_template_child (widget_class, CdOutcomeDialog, next_label);
  gtk_widget_class_bind_template_child (widget_class, CdOutcomeDialog, notes_frame);
  gtk_widget_class_bind_template_child (widget_class, CdOutcomeDialog, notes_view);
  gtk_widget_class_bind_template_child (widget_class, CdOutcomeDialog, notes_error_label);
  gtk_widget_class_bind_template_callback (widget_class, on_outcome_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_satisfaction_toggled_cb);

  gtk_widget_class_install_action (widget_class, "outcome.save", NULL, save_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
cd_outcome_dialog_init (CdOutcomeDialog *self)
{
  g_autoptr(GtkStringList) outcomes = gtk_string_list_new (NULL);

  self->cancellable = g_cancellable_new ();
  gtk_widget_init_template (GTK_WIDGET (self));

  for (guint i = 0; i < cd_outcome_count (); i++)
    gtk_string_list_append (outcomes, cd_outcome_label ((CdOutcome) i));
  adw_combo_row_set_model (self->outcome_row, G_LIST_MODEL (outcomes));

  g_signal_connect_object (gtk_text_view_get_buffer (self->notes_view), "changed",
                           G_CALLBACK (on_notes_changed_cb), self, 0);
}

CdOutcomeDialog *
cd_outcome_dialog_new (CdStore *store,
                       gint64   followup_id)
{
  g_autoptr(GError) error = NULL;
  CdOutcomeDialog *self;

  g_return_val_if_fail (CD_IS_STORE (store), NULL);

  self = g_object_new (CD_TYPE_OUTCOME_DIALOG, NULL);
  self->store = g_object_ref (store);
  self->followup_id = followup_id;

  if (!load_followup (self, &error))
    show_toast (self, error->message);
  else
    {
      describe_followup (self);
      if (self->followup->notes != NULL)
        gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->notes_view),
                                  self->followup->notes, -1);
    }

  validate (self);
  gtk_window_set_focus (GTK_WINDOW (self), GTK_WIDGET (self->outcome_row));

  return self;
}

void
cd_outcome_dialog_set_outcome (CdOutcomeDialog *self,
                               CdOutcome        outcome)
{
  g_return_if_fail (CD_IS_OUTCOME_DIALOG (self));

  adw_combo_row_set_selected (self->outcome_row, (guint) outcome);
}

void
cd_outcome_dialog_set_satisfaction (CdOutcomeDialog *self,
                                    int              satisfaction)
{
  g_return_if_fail (CD_IS_OUTCOME_DIALOG (self));
  g_return_if_fail (satisfaction >= 0 && satisfaction <= 5);

  gtk_toggle_button_set_active (score_button (self, satisfaction), TRUE);
}
