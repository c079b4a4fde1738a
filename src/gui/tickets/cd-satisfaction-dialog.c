/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "caredesk-tickets"

#include "config.h"

#include <glib/gi18n.h>

#include "cd-conflict-dialog.h"
#include "cd-satisfaction-dialog.h"
#include "cd-ticket-write.h"
#include "cd-tickets-util.h"

struct _CdSatisfactionDialog
{
  AdwWindow        parent_instance;

  CdStore         *store;
  CdTicket        *ticket;
  gboolean         saving;
  GCancellable    *cancellable;

  /* Template widgets */
  AdwWindowTitle  *window_title;
  GtkWidget       *save_button;
  GtkWidget       *saving_spinner;
  AdwToastOverlay *toast_overlay;
  GtkToggleButton *score_1;
  GtkToggleButton *score_2;
  GtkToggleButton *score_3;
  GtkToggleButton *score_4;
  GtkToggleButton *score_5;
  AdwEntryRow     *comment_row;
  GtkLabel        *error_label;
};

enum {
  SIGNAL_SAVED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (CdSatisfactionDialog, cd_satisfaction_dialog, ADW_TYPE_WINDOW)

static GtkToggleButton *
score_button (CdSatisfactionDialog *self,
              int                   score)
{
  GtkToggleButton *buttons[] = { self->score_1, self->score_2, self->score_3, self->score_4, self->score_5 };

  g_assert (score >= 1 && score <= 5);
  return buttons[score - 1];
}

int
cd_satisfaction_dialog_get_score (CdSatisfactionDialog *self)
{
  g_return_val_if_fail (CD_IS_SATISFACTION_DIALOG (self), 0);

  for (int score = 1; score <= 5; score++)
    if (gtk_toggle_button_get_active (score_button (self, score)))
      return score;
  return 0;
}

void
cd_satisfaction_dialog_set_score (CdSatisfactionDialog *self,
                                  int                   score)
{
  g_return_if_fail (CD_IS_SATISFACTION_DIALOG (self));
  g_return_if_fail (score >= 1 && score <= 5);

  gtk_toggle_button_set_active (score_button (self, score), TRUE);
}

static void
show_toast (CdSatisfactionDialog *self,
            const char           *message)
{
  AdwToast *toast = adw_toast_new (message);

  adw_toast_set_timeout (toast, 0);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

static void
update_state (CdSatisfactionDialog *self)
{
  const char *comment = gtk_editable_get_text (GTK_EDITABLE (self->comment_row));
  gboolean too_long = g_utf8_strlen (comment, -1) > CD_TICKET_TEXT_MAX_CHARS;

  if (too_long)
    {
      g_autofree char *message = g_strdup_printf (_("The comment is too long; keep it under %d characters."),
                                                  CD_TICKET_TEXT_MAX_CHARS);
      gtk_label_set_text (self->error_label, message);
      gtk_widget_add_css_class (GTK_WIDGET (self->comment_row), "error");
    }
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->comment_row), "error");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), too_long);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "satisfaction.save",
                                 cd_satisfaction_dialog_get_score (self) > 0 && !too_long && !self->saving);
}

static void
on_score_toggled_cb (CdSatisfactionDialog *self)
{
  update_state (self);
}

static void
on_comment_row_changed_cb (CdSatisfactionDialog *self)
{
  update_state (self);
}

static void save (CdSatisfactionDialog *self,
                  gboolean              overwrite);

static void
on_conflict_response_cb (AdwMessageDialog     *dialog,
                         const char           *response,
                         CdSatisfactionDialog *self)
{
  /* Saving may close this window; keep it alive until we are done. */
  G_GNUC_UNUSED g_autoptr(CdSatisfactionDialog) guard = g_object_ref (self);

  /* The dialog outlives this window by a moment; it must not point at it. */
  gtk_window_set_transient_for (GTK_WINDOW (dialog), NULL);

  switch (cd_conflict_dialog_choice_from_response (response))
    {
    case CD_CONFLICT_CHOICE_RELOAD:
      gtk_window_destroy (GTK_WINDOW (self));
      break;
    case CD_CONFLICT_CHOICE_OVERWRITE:
      save (self, TRUE);
      break;
    case CD_CONFLICT_CHOICE_CANCEL:
    default:
      break;
    }
}

static void
set_saving (CdSatisfactionDialog *self,
            gboolean              saving)
{
  self->saving = saving;
  cd_tickets_show_saving (self->save_button, self->saving_spinner, saving);
  update_state (self);
}

static void
save_done_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(CdSatisfactionDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  CdTicketWrite *write = cd_ticket_write_finish (CD_STORE (source), result, &error);

  /* Closed meanwhile: the ticket page shows what happened. */
  if (self->store == NULL)
    return;
  set_saving (self, FALSE);

  if (write != NULL)
    {
      g_signal_emit (self, signals[SIGNAL_SAVED], 0);
      gtk_window_destroy (GTK_WINDOW (self));
      return;
    }

  if (g_error_matches (error, CD_STORE_ERROR, CD_STORE_ERROR_STALE))
    {
      g_autoptr(CdTicket) yours = cd_ticket_dup (self->ticket);
      g_autoptr(GError) load_error = NULL;
      GtkWidget *dialog;

      yours->satisfaction = cd_satisfaction_dialog_get_score (self);
      g_free (yours->satisfaction_comment);
      yours->satisfaction_comment = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->comment_row))));
      dialog = cd_ticket_conflict_dialog_new (GTK_WINDOW (self), self->store, yours, &load_error);
      if (dialog == NULL)
        {
          show_toast (self, load_error->message);
          return;
        }
      g_signal_connect_object (dialog, "response", G_CALLBACK (on_conflict_response_cb), self, 0);
      gtk_window_present (GTK_WINDOW (dialog));
      return;
    }

  show_toast (self, error->message);
}

static void
save (CdSatisfactionDialog *self,
      gboolean              overwrite)
{
  g_autofree char *comment = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->comment_row))));
  int score = cd_satisfaction_dialog_get_score (self);
  CdTicketWrite *write;

  if (score == 0 || self->saving)
    return;

  write = cd_ticket_write_new (CD_TICKET_WRITE_SATISFACTION, self->ticket->id);
  write->version = overwrite ? 0 : self->ticket->version;
  write->score = score;
  write->text = *comment != '\0' ? g_steal_pointer (&comment) : NULL;
  set_saving (self, TRUE);
  cd_ticket_write_start (self->store, write, self->cancellable, save_done_cb, g_object_ref (self));
}

static void
save_action_cb (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  save (CD_SATISFACTION_DIALOG (widget), FALSE);
}

static void
cd_satisfaction_dialog_dispose (GObject *object)
{
  CdSatisfactionDialog *self = CD_SATISFACTION_DIALOG (object);

  /* A save still waiting for the file's lock is given up. */
  g_cancellable_cancel (self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), CD_TYPE_SATISFACTION_DIALOG);
  g_clear_object (&self->store);
  g_clear_pointer (&self->ticket, cd_ticket_free);

  G_OBJECT_CLASS (cd_satisfaction_dialog_parent_class)->dispose (object);
}

static void
cd_satisfaction_dialog_finalize (GObject *object)
{
  CdSatisfactionDialog *self = CD_SATISFACTION_DIALOG (object);

  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (cd_satisfaction_dialog_parent_class)->finalize (object);
}

static void
cd_satisfaction_dialog_class_init (CdSatisfactionDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cd_satisfaction_dialog_dispose;
  object_class->finalize = cd_satisfaction_dialog_finalize;

  signals[SIGNAL_SAVED] =
    g_signal_new ("saved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/tickets/cd-satisfaction-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, CdSatisfactionDialog, window_title);
  gtk_widget_class_bind_template_child (widget_class, CdSatisfactionDialog, save_button);
  gtk_widget_class_bind_template_child (widget_class, CdSatisfactionDialog, saving_spinner);
  gtk_widget_class_bind_template_child (widget_class, CdSatisfactionDialog, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, CdSatisfactionDialog, score_1);
  gtk_widget_class_bind_template_child (widget_class, CdSatisfactionDialog, score_2);
  gtk_widget_class_bind_template_child (widget_class, CdSatisfactionDialog, score_3);
  gtk_widget_class_bind_template_child (widget_class, CdSatisfactionDialog, score_4);
  gtk_widget_class_bind_template_child (widget_class, CdSatisfactionDialog, score_5);
  gtk_widget_class_bind_template_child (widget_class, CdSatisfactionDialog, comment_row);
  gtk_widget_class_bind_template_child (widget_class, CdSatisfactionDialog, error_label);
  gtk_widget_class_bind_template_callback (widget_class, on_score_toggled_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_comment_row_changed_cb);

  gtk_widget_class_install_action (widget_class, "satisfaction.save", NULL, save_action_cb);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
cd_satisfaction_dialog_init (CdSatisfactionDialog *self)
{
  self->cancellable = g_cancellable_new ();
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
cd_satisfaction_dialog_new (CdStore        *store,
                            const CdTicket *ticket)
{
  CdSatisfactionDialog *self;
  g_autofree char *subtitle = NULL;

  g_return_val_if_fail (CD_IS_STORE (store), NULL);
  g_return_val_if_fail (ticket != NULL, NULL);

  self = g_object_new (CD_TYPE_SATISFACTION_DIALOG, NULL);
  self->store = g_object_ref (store);
  self->ticket = cd_ticket_dup (ticket);
  subtitle = g_strdup_printf ("%s · %s", ticket->number, ticket->subject);
  adw_window_title_set_subtitle (self->window_title, subtitle);
  if (ticket->satisfaction >= 1 && ticket->satisfaction <= 5)
    cd_satisfaction_dialog_set_score (self, ticket->satisfaction);
  if (ticket->satisfaction_comment != NULL)
    gtk_editable_set_text (GTK_EDITABLE (self->comment_row), ticket->satisfaction_comment);
  update_state (self);
  return GTK_WIDGET (self);
}

GtkWidget *
cd_satisfaction_dialog_get_comment_row (CdSatisfactionDialog *self)
{
  g_return_val_if_fail (CD_IS_SATISFACTION_DIALOG (self), NULL);
  return GTK_WIDGET (self->comment_row);
}
