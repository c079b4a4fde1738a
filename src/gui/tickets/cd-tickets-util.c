/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "caredesk-tickets"

#include "config.h"

#include <glib/gi18n.h>

#include "cd-audit.h"
#include "cd-conflict-dialog.h"
#include "cd-sla.h"
#include "cd-tickets-util.h"

CdTicket *
cd_ticket_dup (const CdTicket *ticket)
{
  CdTicket *copy;

  g_return_val_if_fail (ticket != NULL, NULL);

  copy = g_memdup2 (ticket, sizeof *ticket);
  copy->subject = g_strdup (ticket->subject);
  copy->description = g_strdup (ticket->description);
  copy->satisfaction_comment = g_strdup (ticket->satisfaction_comment);
  copy->escalated_to = g_strdup (ticket->escalated_to);
  copy->escalation_reason = g_strdup (ticket->escalation_reason);
  copy->number = g_strdup (ticket->number);
  copy->customer_name = g_strdup (ticket->customer_name);
  copy->category_name = g_strdup (ticket->category_name);
  copy->assignee_name = g_strdup (ticket->assignee_name);
  copy->created_by_name = g_strdup (ticket->created_by_name);
  return copy;
}

char *
cd_tickets_describe_clock (CdSlaState    state,
                           gint64        seconds_left,
                           gboolean      paused,
                           const char  **style_class)
{
  g_autofree char *remaining = NULL;
  const char *style = NULL;
  char *text;

  switch (state)
    {
    case CD_SLA_STATE_MET:
      style = "success";
      text = g_strdup (cd_sla_state_label (state));
      break;

    case CD_SLA_STATE_BREACHED:
      style = "error";
      remaining = cd_sla_format_remaining (MIN (seconds_left, 0));
      if (seconds_left < 0)
        /* Translators: e.g. "Breached · 2 h over" */
        text = g_strdup_printf (_("%s · %s"), cd_sla_state_label (state), remaining);
      else
        text = g_strdup (cd_sla_state_label (state));
      break;

    case CD_SLA_STATE_AT_RISK:
      style = "warning";
      G_GNUC_FALLTHROUGH;
    case CD_SLA_STATE_OK:
    default:
      remaining = cd_sla_format_remaining (seconds_left);
      if (paused)
        /* Translators: the clock is stopped while waiting on the customer; %s is e.g. "2 h left" */
        text = g_strdup_printf (_("Paused · %s"), remaining);
      else
        text = g_steal_pointer (&remaining);
      break;
    }

  if (style_class != NULL)
    *style_class = style;
  return text;
}

char *
cd_tickets_describe_clock_short (CdSlaState    state,
                                 gint64        seconds_left,
                                 gboolean      paused,
                                 const char  **style_class)
{
  if (state == CD_SLA_STATE_BREACHED && seconds_left < 0)
    {
      if (style_class != NULL)
        *style_class = "error";
      return cd_sla_format_remaining (seconds_left);
    }
  return cd_tickets_describe_clock (state, seconds_left, paused, style_class);
}

static char *
describe_satisfaction (const CdTicket *ticket)
{
  if (ticket->satisfaction <= 0)
    return NULL;
  if (ticket->satisfaction_comment != NULL && *ticket->satisfaction_comment != '\0')
    /* Translators: a satisfaction score out of 5 and the customer's comment */
    return g_strdup_printf (_("%d of 5 — %s"), ticket->satisfaction, ticket->satisfaction_comment);
  /* Translators: a satisfaction score out of 5 */
  return g_strdup_printf (_("%d of 5"), ticket->satisfaction);
}

GtkWidget *
cd_ticket_conflict_dialog_new (GtkWindow       *parent,
                               CdStore         *store,
                               const CdTicket  *yours,
                               GError         **error)
{
  g_autoptr(CdTicket) theirs = NULL;
  g_autofree char *record = NULL;
  g_autofree char *editor = NULL;
  g_autofree char *yours_satisfaction = NULL;
  g_autofree char *theirs_satisfaction = NULL;
  CdConflictDialog *dialog;

  g_return_val_if_fail (CD_IS_STORE (store), NULL);
  g_return_val_if_fail (yours != NULL, NULL);

  theirs = cd_ticket_load (store, yours->id, error);
  if (theirs == NULL)
    return NULL;

  /* Translators: %s is a ticket number such as T-000123 */
  record = g_strdup_printf (_("ticket %s"), theirs->number);
  dialog = CD_CONFLICT_DIALOG (cd_conflict_dialog_new (parent, record));
  /* Who saved it last, from the audit log; not knowing is no reason to
   * keep the person from choosing. */
  cd_audit_last_change (store, CD_CHANGE_TICKETS, yours->id, &editor, NULL, NULL);
  cd_conflict_dialog_set_changed_by (dialog, editor, theirs->updated_at);

  cd_conflict_dialog_add_field (dialog, _("Subject"), yours->subject, theirs->subject);
  cd_conflict_dialog_add_field (dialog, _("Description"), yours->description, theirs->description);
  cd_conflict_dialog_add_field (dialog, _("Channel"),
                                cd_channel_label (yours->channel), cd_channel_label (theirs->channel));
  cd_conflict_dialog_add_field (dialog, _("Category"), yours->category_name, theirs->category_name);
  cd_conflict_dialog_add_field (dialog, _("Priority"),
                                cd_priority_label (yours->priority), cd_priority_label (theirs->priority));
  cd_conflict_dialog_add_field (dialog, _("Status"),
                                cd_ticket_status_label (yours->status), cd_ticket_status_label (theirs->status));
  cd_conflict_dialog_add_field (dialog, _("Assignee"),
                                yours->assignee_id != 0 ? yours->assignee_name : _("Unassigned"),
                                theirs->assignee_id != 0 ? theirs->assignee_name : _("Unassigned"));
  cd_conflict_dialog_add_field (dialog, _("Escalated to"), yours->escalated_to, theirs->escalated_to);
  yours_satisfaction = describe_satisfaction (yours);
  theirs_satisfaction = describe_satisfaction (theirs);
  cd_conflict_dialog_add_field (dialog, _("Satisfaction"), yours_satisfaction, theirs_satisfaction);

  return GTK_WIDGET (dialog);
}

const char *
cd_tickets_instance_id (void)
{
  static char *instance_id = NULL;

  if (g_once_init_enter (&instance_id))
    g_once_init_leave (&instance_id, g_dbus_generate_guid ());
  return instance_id;
}

void
cd_tickets_show_saving (GtkWidget *button,
                        GtkWidget *spinner,
                        gboolean   saving)
{
  const char *label;

  if (spinner != NULL)
    {
      gtk_widget_set_visible (spinner, saving);
      gtk_spinner_set_spinning (GTK_SPINNER (spinner), saving);
    }
  if (button == NULL)
    return;
  if (!GTK_IS_BUTTON (button) || (label = gtk_button_get_label (GTK_BUTTON (button))) == NULL)
    return;
  if (saving && g_object_get_data (G_OBJECT (button), "cd-label") == NULL)
    {
      g_object_set_data_full (G_OBJECT (button), "cd-label", g_strdup (label), g_free);
      gtk_button_set_label (GTK_BUTTON (button), _("Saving…"));
    }
  else if (!saving && g_object_get_data (G_OBJECT (button), "cd-label") != NULL)
    {
      gtk_button_set_label (GTK_BUTTON (button), g_object_get_data (G_OBJECT (button), "cd-label"));
      g_object_set_data (G_OBJECT (button), "cd-label", NULL);
    }
}

GtkWindow *
cd_tickets_get_window (GtkWidget *widget)
{
  GtkRoot *root;

  if (widget == NULL)
    return NULL;
  root = gtk_widget_get_root (widget);
  return GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;
}
