/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "caredesk-tickets"

#include "config.h"

#include <glib/gi18n.h>

#include "cd-conflict-dialog.h"
#include "cd-datetime.h"
#include "cd-escalate-dialog.h"
#include "cd-staff.h"
#include "cd-ticket-write.h"
#include "cd-tickets-util.h"

struct _CdEscalateDialog
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
  AdwEntryRow     *to_row;
  GtkMenuButton   *leads_button;
  GtkListBox      *leads_list;
  AdwEntryRow     *reason_row;
  GtkMenuButton   *date_button;
  GtkCalendar     *calendar;
  GtkSpinButton   *hour_spin;
  GtkSpinButton   *minute_spin;
  GtkLabel        *error_label;

  gboolean         touched;
};

enum {
  SIGNAL_ESCALATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (CdEscalateDialog, cd_escalate_dialog, ADW_TYPE_WINDOW)

static void
show_toast (CdEscalateDialog *self,
            const char       *message)
{
  AdwToast *toast = adw_toast_new (message);

  adw_toast_set_timeout (toast, 0);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

static char *
dup_trimmed (AdwEntryRow *row)
{
  return g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));
}

gint64
cd_escalate_dialog_get_promised (CdEscalateDialog *self)
{
  g_autoptr(GDateTime) day = NULL;
  g_autoptr(GDateTime) when = NULL;

  g_return_val_if_fail (CD_IS_ESCALATE_DIALOG (self), 0);

  day = gtk_calendar_get_date (self->calendar);
  when = g_date_time_new_local (g_date_time_get_year (day),
                                g_date_time_get_month (day),
                                g_date_time_get_day_of_month (day),
                                gtk_spin_button_get_value_as_int (self->hour_spin),
                                gtk_spin_button_get_value_as_int (self->minute_spin),
                                0);
  return when != NULL ? g_date_time_to_unix (when) : 0;
}

static void
update_date_label (CdEscalateDialog *self)
{
  g_autoptr(GDateTime) day = gtk_calendar_get_date (self->calendar);
  g_autofree char *text = cd_datetime_format_day (g_date_time_to_unix (day));

  gtk_menu_button_set_label (self->date_button, text);
}

/* Returns the first problem in words, or NULL when the form is complete. */
static char *
check_form (CdEscalateDialog *self)
{
  g_autofree char *to = dup_trimmed (self->to_row);
  g_autofree char *reason = dup_trimmed (self->reason_row);
  gint64 promised = cd_escalate_dialog_get_promised (self);

  if (*to == '\0')
    return g_strdup (_("Say who takes it over: a team lead’s name or a department."));
  if (g_utf8_strlen (to, -1) > CD_TICKET_ESCALATE_TO_MAX_CHARS)
    return g_strdup_printf (_("The name of who takes it over is too long; keep it under %d characters."),
                            CD_TICKET_ESCALATE_TO_MAX_CHARS);
  if (*reason == '\0')
    return g_strdup (_("Write why the ticket is escalated."));
  if (promised <= cd_store_now (self->store))
    return g_strdup (_("The promised reply time has passed; choose a time in the future."));
  return NULL;
}

static void
update_state (CdEscalateDialog *self)
{
  g_autofree char *problem = check_form (self);

  gtk_label_set_text (self->error_label, problem != NULL ? problem : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), problem != NULL && self->touched);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "escalate.save", problem == NULL && !self->saving);
}

static void
on_field_changed_cb (CdEscalateDialog *self)
{
  self->touched = TRUE;
  update_state (self);
}

static gboolean
on_minute_spin_output_cb (GtkSpinButton    *spin,
                          CdEscalateDialog *self)
{
  g_autofree char *text = g_strdup_printf ("%02d", gtk_spin_button_get_value_as_int (spin));

  gtk_editable_set_text (GTK_EDITABLE (spin), text);
  return TRUE;
}

static void
on_calendar_day_selected_cb (CdEscalateDialog *self)
{
  update_date_label (self);
  on_field_changed_cb (self);
}

static void
on_leads_list_row_activated_cb (GtkListBox       *list,
                                GtkListBoxRow    *row,
                                CdEscalateDialog *self)
{
  const char *name = g_object_get_data (G_OBJECT (row), "name");

  if (name != NULL)
    gtk_editable_set_text (GTK_EDITABLE (self->to_row), name);
  gtk_menu_button_popdown (self->leads_button);
  gtk_widget_grab_focus (GTK_WIDGET (self->reason_row));
}

static void escalate (CdEscalateDialog *self,
                      gboolean          overwrite);

static void
on_conflict_response_cb (AdwMessageDialog *dialog,
                         const char       *response,
                         CdEscalateDialog *self)
{
  /* Saving may close this window; keep it alive until we are done. */
  G_GNUC_UNUSED g_autoptr(CdEscalateDialog) guard = g_object_ref (self);

  /* The dialog outlives this window by a moment; it must not point at it. */
  gtk_window_set_transient_for (GTK_WINDOW (dialog), NULL);

  switch (cd_conflict_dialog_choice_from_response (response))
    {
    case CD_CONFLICT_CHOICE_RELOAD:
      gtk_window_destroy (GTK_WINDOW (self));
      break;
    case CD_CONFLICT_CHOICE_OVERWRITE:
      escalate (self, TRUE);
      break;
    case CD_CONFLICT_CHOICE_CANCEL:
    default:
      break;
    }
}

static void
set_saving (CdEscalateDialog *self,
            gboolean          saving)
{
  self->saving = saving;
  cd_tickets_show_saving (self->save_button, self->saving_spinner, saving);
  update_state (self);
}

static void
escalate_done_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(CdEscalateDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  CdTicketWrite *write = cd_ticket_write_finish (CD_STORE (source), result, &error);

  /* Closed meanwhile: the ticket page shows what happened. */
  if (self->store == NULL)
    return;
  set_saving (self, FALSE);

  if (write != NULL)
    {
      g_signal_emit (self, signals[SIGNAL_ESCALATED], 0);
      gtk_window_destroy (GTK_WINDOW (self));
      return;
    }

  if (g_error_matches (error, CD_STORE_ERROR, CD_STORE_ERROR_STALE))
    {
      g_autoptr(CdTicket) yours = cd_ticket_dup (self->ticket);
      g_autoptr(GError) load_error = NULL;
      GtkWidget *dialog;

      g_free (yours->escalated_to);
      yours->escalated_to = dup_trimmed (self->to_row);
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
escalate (CdEscalateDialog *self,
          gboolean          overwrite)
{
  CdTicketWrite *write;

  if (self->saving)
    return;
  write = cd_ticket_write_new (CD_TICKET_WRITE_ESCALATE, self->ticket->id);
  write->version = overwrite ? 0 : self->ticket->version;
  write->to = dup_trimmed (self->to_row);
  write->text = dup_trimmed (self->reason_row);
  write->promised_at = cd_escalate_dialog_get_promised (self);
  set_saving (self, TRUE);
  cd_ticket_write_start (self->store, write, self->cancellable, escalate_done_cb, g_object_ref (self));
}

static void
save_action_cb (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  CdEscalateDialog *self = CD_ESCALATE_DIALOG (widget);
  g_autofree char *problem = check_form (self);

  self->touched = TRUE;
  if (problem != NULL)
    {
      update_state (self);
      return;
    }
  escalate (self, FALSE);
}

static void
populate_leads (CdEscalateDialog *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) leads = NULL;

  leads = cd_staff_list (self->store, CD_ROLE_BIT (CD_ROLE_LEAD) | CD_ROLE_BIT (CD_ROLE_ADMIN), 0, &error);
  if (leads == NULL)
    {
      show_toast (self, error->message);
      gtk_widget_set_visible (GTK_WIDGET (self->leads_button), FALSE);
      return;
    }
  for (guint i = 0; i < leads->len; i++)
    {
      const CdStaffMember *lead = g_ptr_array_index (leads, i);
      GtkWidget *row = gtk_list_box_row_new ();
      GtkWidget *label = gtk_label_new (lead->display_name);

      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_widget_set_margin_top (label, 6);
      gtk_widget_set_margin_bottom (label, 6);
      gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), label);
      g_object_set_data_full (G_OBJECT (row), "name", g_strdup (lead->display_name), g_free);
      gtk_list_box_append (self->leads_list, row);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->leads_button), leads->len > 0);
}

void
cd_escalate_dialog_set_promised (CdEscalateDialog *self,
                                 gint64            utc)
{
  g_autoptr(GDateTime) when = NULL;

  g_return_if_fail (CD_IS_ESCALATE_DIALOG (self));

  when = g_date_time_new_from_unix_local (utc);
  gtk_calendar_select_day (self->calendar, when);
  gtk_spin_button_set_value (self->hour_spin, g_date_time_get_hour (when));
  gtk_spin_button_set_value (self->minute_spin, g_date_time_get_minute (when));
  update_date_label (self);
  update_state (self);
}

static void
cd_escalate_dialog_dispose (GObject *object)
{
  CdEscalateDialog *self = CD_ESCALATE_DIALOG (object);

  /* A save still waiting for the file's lock is given up. */
  g_cancellable_cancel (self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), CD_TYPE_ESCALATE_DIALOG);
  g_clear_object (&self->store);
  g_clear_pointer (&self->ticket, cd_ticket_free);

  G_OBJECT_CLASS (cd_escalate_dialog_parent_class)->dispose (object);
}

static void
cd_escalate_dialog_finalize (GObject *object)
{
  CdEscalateDialog *self = CD_ESCALATE_DIALOG (object);

  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (cd_escalate_dialog_parent_class)->finalize (object);
}

static void
cd_escalate_dialog_class_init (CdEscalateDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cd_escalate_dialog_dispose;
  object_class->finalize = cd_escalate_dialog_finalize;

  signals[SIGNAL_ESCALATED] =
    g_signal_new ("escalated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/tickets/cd-escalate-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, CdEscalateDialog, window_title);
  gtk_widget_class_bind_template_child (widget_class, CdEscalateDialog, save_button);
  gtk_widget_class_bind_template_child (widget_class, CdEscalateDialog, saving_spinner);
  gtk_widget_class_bind_template_child (widget_class, CdEscalateDialog, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, CdEscalateDialog, to_row);
  gtk_widget_class_bind_template_child (widget_class, CdEscalateDialog, leads_button);
  gtk_widget_class_bind_template_child (widget_class, CdEscalateDialog, leads_list);
  gtk_widget_class_bind_template_child (widget_class, CdEscalateDialog, reason_row);
  gtk_widget_class_bind_template_child (widget_class, CdEscalateDialog, date_button);
  gtk_widget_class_bind_template_child (widget_class, CdEscalateDialog, calendar);
  gtk_widget_class_bind_template_child (widget_class, CdEscalateDialog, hour_spin);
  gtk_widget_class_bind_template_child (widget_class, CdEscalateDialog, minute_spin);
  gtk_widget_class_bind_template_child (widget_class, CdEscalateDialog, error_label);
  gtk_widget_class_bind_template_callback (widget_class, on_field_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_minute_spin_output_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_calendar_day_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_leads_list_row_activated_cb);

  gtk_widget_class_install_action (widget_class, "escalate.save", NULL, save_action_cb);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
cd_escalate_dialog_init (CdEscalateDialog *self)
{
  self->cancellable = g_cancellable_new ();
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
cd_escalate_dialog_new (CdStore        *store,
                        const CdTicket *ticket)
{
  CdEscalateDialog *self;
  g_autofree char *subtitle = NULL;
  g_autoptr(GDateTime) now = NULL;
  g_autoptr(GDateTime) tomorrow = NULL;
  g_autoptr(GDateTime) noon = NULL;

  g_return_val_if_fail (CD_IS_STORE (store), NULL);
  g_return_val_if_fail (ticket != NULL, NULL);

  self = g_object_new (CD_TYPE_ESCALATE_DIALOG, NULL);
  self->store = g_object_ref (store);
  self->ticket = cd_ticket_dup (ticket);
  subtitle = g_strdup_printf ("%s · %s", ticket->number, ticket->subject);
  adw_window_title_set_subtitle (self->window_title, subtitle);
  if (ticket->escalated_to != NULL)
    gtk_editable_set_text (GTK_EDITABLE (self->to_row), ticket->escalated_to);
  populate_leads (self);

  /* A reply by noon the next day is a promise most teams can keep. */
  now = g_date_time_new_from_unix_local (cd_store_now (store));
  tomorrow = g_date_time_add_days (now, 1);
  noon = g_date_time_new_local (g_date_time_get_year (tomorrow), g_date_time_get_month (tomorrow),
                                g_date_time_get_day_of_month (tomorrow), 12, 0, 0);
  cd_escalate_dialog_set_promised (self, g_date_time_to_unix (noon));
  self->touched = FALSE;
  update_state (self);
  return GTK_WIDGET (self);
}

GtkWidget *
cd_escalate_dialog_get_to_row (CdEscalateDialog *self)
{
  g_return_val_if_fail (CD_IS_ESCALATE_DIALOG (self), NULL);
  return GTK_WIDGET (self->to_row);
}

GtkWidget *
cd_escalate_dialog_get_reason_row (CdEscalateDialog *self)
{
  g_return_val_if_fail (CD_IS_ESCALATE_DIALOG (self), NULL);
  return GTK_WIDGET (self->reason_row);
}
