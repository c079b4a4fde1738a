/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "caredesk-tickets"

#include "config.h"

#include "cd-ticket-write.h"

CdTicketWrite *
cd_ticket_write_new (CdTicketWriteKind kind,
                     gint64            id)
{
  CdTicketWrite *write = g_new0 (CdTicketWrite, 1);

  write->kind = kind;
  write->id = id;
  return write;
}

void
cd_ticket_write_free (CdTicketWrite *write)
{
  if (write == NULL)
    return;
  g_free (write->subject);
  g_free (write->description);
  g_free (write->text);
  g_free (write->to);
  g_free (write->instance);
  g_free (write);
}

/* On the write worker, with its own connection. */
static gboolean
run_write (CdStore       *store,
           gpointer       data,
           GCancellable  *cancellable,
           GError       **error)
{
  CdTicketWrite *w = data;

  switch (w->kind)
    {
    case CD_TICKET_WRITE_CREATE:
      w->new_id = cd_ticket_create (store, w->customer_id, w->subject, w->description, w->channel,
                                    w->category_id, w->priority, w->assignee_id, error);
      return w->new_id != 0;
    case CD_TICKET_WRITE_EDIT:
      return cd_ticket_update (store, w->id, w->version, w->subject, w->description, w->channel,
                               w->category_id, w->priority, error);
    case CD_TICKET_WRITE_STATUS:
      return cd_ticket_set_status (store, w->id, w->version, w->status, error);
    case CD_TICKET_WRITE_ASSIGN:
      return cd_ticket_assign (store, w->id, w->version, w->assignee_id, w->text, error);
    case CD_TICKET_WRITE_NOTE:
      w->new_id = cd_ticket_add_note (store, w->id, w->text, w->customer_facing, error);
      return w->new_id != 0;
    case CD_TICKET_WRITE_CALL:
      w->new_id = cd_ticket_log_call (store, w->id, w->text, error);
      return w->new_id != 0;
    case CD_TICKET_WRITE_ESCALATE:
      return cd_ticket_escalate (store, w->id, w->version, w->to, w->text, w->promised_at, error);
    case CD_TICKET_WRITE_SATISFACTION:
      return cd_ticket_set_satisfaction (store, w->id, w->version, w->score, w->text, error);
    case CD_TICKET_WRITE_DRAFT:
      return cd_draft_save (store, "ticket", w->id, w->text, error);
    case CD_TICKET_WRITE_PRESENCE_TOUCH:
      return cd_presence_touch (store, "ticket", w->id, w->instance, error);
    case CD_TICKET_WRITE_PRESENCE_LEAVE:
      return cd_presence_leave (store, "ticket", w->id, w->instance, error);
    default:
      g_assert_not_reached ();
    }
}

void
cd_ticket_write_start (CdStore             *store,
                       CdTicketWrite       *write,
                       GCancellable        *cancellable,
                       GAsyncReadyCallback  callback,
                       gpointer             user_data)
{
  g_return_if_fail (CD_IS_STORE (store));
  g_return_if_fail (write != NULL);

  cd_store_run_async (store, CD_STORE_LANE_WRITE, run_write, write, (GDestroyNotify) cd_ticket_write_free,
                      cancellable, callback, user_data);
}

CdTicketWrite *
cd_ticket_write_finish (CdStore       *store,
                        GAsyncResult  *result,
                        GError       **error)
{
  g_return_val_if_fail (CD_IS_STORE (store), NULL);

  if (!cd_store_run_finish (store, result, error))
    return NULL;
  return cd_store_run_get_data (result);
}
