/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "caredesk-tickets"

#include "config.h"

#include <glib/gi18n.h>

#include "cd-assign-dialog.h"
#include "cd-conflict-dialog.h"
#include "cd-escalate-dialog.h"
#include "cd-satisfaction-dialog.h"
#include "cd-ticket-editor.h"
#include "cd-ticket-page-private.h"
#include "cd-ticket-write.h"
#include "cd-tickets-util.h"

/* The actions of the ticket page: its dialogs, and the quick changes
 * (status, take) it saves itself. */

/* A quick change (status, take): what to redo when the person chooses to
 * overwrite after a conflict. */
typedef struct {
  CdTicketPage   *self;
  gboolean        take;
  CdTicketStatus  status;
} QuickChange;

static void start_quick_change (CdTicketPage   *self,
                                gboolean        take,
                                CdTicketStatus  status,
                                gboolean        overwrite);

static void
back_action_cb (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  g_signal_emit_by_name (widget, "back");
}

static void
present_dialog (CdTicketPage *self,
                GtkWidget    *dialog)
{
  gtk_window_set_transient_for (GTK_WINDOW (dialog), cd_tickets_get_window (GTK_WIDGET (self)));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
edit_action_cb (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  CdTicketPage *self = CD_TICKET_PAGE (widget);

  if (self->ticket == NULL)
    return;
  present_dialog (self, cd_ticket_editor_new (self->store, self->ticket_id));
}

void
_cd_ticket_page_open_satisfaction (CdTicketPage *self)
{
  if (self->ticket == NULL)
    return;
  present_dialog (self, cd_satisfaction_dialog_new (self->store, self->ticket));
}

static void
on_quick_conflict_response_cb (AdwMessageDialog *dialog,
                               const char       *response,
                               gpointer          user_data)
{
  QuickChange *change = user_data;

  if (cd_conflict_dialog_choice_from_response (response) == CD_CONFLICT_CHOICE_OVERWRITE)
    start_quick_change (change->self, change->take, change->status, TRUE);
  else
    cd_ticket_page_reload (change->self);
}

static void
quick_change_free (gpointer  data,
                   GClosure *closure)
{
  QuickChange *change = data;

  g_object_unref (change->self);
  g_free (change);
}

static void
show_quick_conflict (CdTicketPage   *self,
                     gboolean        take,
                     CdTicketStatus  status)
{
  g_autoptr(CdTicket) yours = cd_ticket_dup (self->ticket);
  g_autoptr(GError) error = NULL;
  QuickChange *change;
  GtkWidget *dialog;

  if (take)
    {
      yours->assignee_id = cd_store_get_staff_id (self->store);
      g_free (yours->assignee_name);
      yours->assignee_name = g_strdup (cd_store_get_display_name (self->store));
    }
  else
    yours->status = status;

  dialog = cd_ticket_conflict_dialog_new (cd_tickets_get_window (GTK_WIDGET (self)), self->store, yours, &error);
  if (dialog == NULL)
    {
      _cd_ticket_page_show_toast (self, error->message);
      return;
    }
  change = g_new0 (QuickChange, 1);
  change->self = g_object_ref (self);
  change->take = take;
  change->status = status;
  g_signal_connect_data (dialog, "response", G_CALLBACK (on_quick_conflict_response_cb),
                         change, quick_change_free, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
set_changing (CdTicketPage *self,
              gboolean      take,
              gboolean      changing)
{
  self->changing = changing;
  cd_tickets_show_saving (NULL, take ? self->assignee_spinner : self->status_spinner, changing);
  if (self->ticket != NULL)
    _cd_ticket_page_fill (self);
}

static void
quick_change_done_cb (GObject      *source,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(CdTicketPage) self = user_data;
  g_autoptr(GError) error = NULL;
  CdTicketWrite *write = cd_ticket_write_finish (CD_STORE (source), result, &error);
  gboolean take = write != NULL ? write->kind == CD_TICKET_WRITE_ASSIGN : self->changing_take;

  if (self->store == NULL)
    return;
  set_changing (self, take, FALSE);
  /* The page has moved on to another ticket meanwhile. */
  if (self->changing_id != self->ticket_id || self->ticket == NULL)
    return;

  /* The page already shows the change (it follows its ticket's changes). */
  if (write != NULL)
    {
      if (!take && write->status == CD_TICKET_RESOLVED && self->ticket->satisfaction == 0)
        _cd_ticket_page_open_satisfaction (self);
      return;
    }
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (g_error_matches (error, CD_STORE_ERROR, CD_STORE_ERROR_STALE))
    show_quick_conflict (self, take, self->changing_status);
  else
    _cd_ticket_page_show_toast (self, error->message);
}

static void
start_quick_change (CdTicketPage   *self,
                    gboolean        take,
                    CdTicketStatus  status,
                    gboolean        overwrite)
{
  CdTicketWrite *write;

  if (self->ticket == NULL || self->changing)
    return;

  if (take)
    {
      write = cd_ticket_write_new (CD_TICKET_WRITE_ASSIGN, self->ticket_id);
      write->assignee_id = cd_store_get_staff_id (self->store);
    }
  else
    {
      write = cd_ticket_write_new (CD_TICKET_WRITE_STATUS, self->ticket_id);
      write->status = status;
    }
  write->version = overwrite ? 0 : self->ticket->version;
  self->changing_id = self->ticket_id;
  self->changing_take = take;
  self->changing_status = status;
  set_changing (self, take, TRUE);
  cd_ticket_write_start (self->store, write, self->cancellable, quick_change_done_cb, g_object_ref (self));
}

static void
set_status_action_cb (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  CdTicketPage *self = CD_TICKET_PAGE (widget);
  int status = cd_ticket_status_from_nick (g_variant_get_string (parameter, NULL));

  if (status >= 0)
    start_quick_change (self, FALSE, status, FALSE);
}

static void
take_action_cb (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  start_quick_change (CD_TICKET_PAGE (widget), TRUE, CD_TICKET_NEW, FALSE);
}

static void
assign_action_cb (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  CdTicketPage *self = CD_TICKET_PAGE (widget);

  if (self->ticket != NULL)
    present_dialog (self, cd_assign_dialog_new (self->store, self->ticket));
}

static void
escalate_action_cb (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  CdTicketPage *self = CD_TICKET_PAGE (widget);

  if (self->ticket != NULL)
    present_dialog (self, cd_escalate_dialog_new (self->store, self->ticket));
}

static void
satisfaction_action_cb (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  _cd_ticket_page_open_satisfaction (CD_TICKET_PAGE (widget));
}

static void
add_note_action_cb (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  _cd_ticket_page_post (CD_TICKET_PAGE (widget), FALSE);
}

static void
log_call_action_cb (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  _cd_ticket_page_post (CD_TICKET_PAGE (widget), TRUE);
}

void
_cd_ticket_page_class_actions_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "ticket.back", NULL, back_action_cb);
  gtk_widget_class_install_action (widget_class, "ticket.edit", NULL, edit_action_cb);
  gtk_widget_class_install_action (widget_class, "ticket.set-status", "s", set_status_action_cb);
  gtk_widget_class_install_action (widget_class, "ticket.take", NULL, take_action_cb);
  gtk_widget_class_install_action (widget_class, "ticket.assign", NULL, assign_action_cb);
  gtk_widget_class_install_action (widget_class, "ticket.escalate", NULL, escalate_action_cb);
  gtk_widget_class_install_action (widget_class, "ticket.satisfaction", NULL, satisfaction_action_cb);
  gtk_widget_class_install_action (widget_class, "ticket.add-note", NULL, add_note_action_cb);
  gtk_widget_class_install_action (widget_class, "ticket.log-call", NULL, log_call_action_cb);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Left, GDK_ALT_MASK, "ticket.back", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "ticket.back", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, GDK_CONTROL_MASK, "ticket.add-note", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Enter, GDK_CONTROL_MASK, "ticket.add-note", NULL);
}
