/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "cd-tickets.h"

G_BEGIN_DECLS

/* One write of the Tickets view, run on the store's write worker
 * (cd_store_run_async() on CD_STORE_LANE_WRITE) so that a wait for a
 * colleague's write never freezes the window. Fill in what the kind of
 * write needs, start it, and read the result in the callback. */

typedef enum {
  CD_TICKET_WRITE_CREATE,          /* customer_id, subject, description, channel, category_id, priority, assignee_id → new_id */
  CD_TICKET_WRITE_EDIT,            /* id, version, subject, description, channel, category_id, priority */
  CD_TICKET_WRITE_STATUS,          /* id, version, status */
  CD_TICKET_WRITE_ASSIGN,          /* id, version, assignee_id, text (reason, may be NULL) */
  CD_TICKET_WRITE_NOTE,            /* id, text, customer_facing → new_id (the event) */
  CD_TICKET_WRITE_CALL,            /* id, text → new_id (the event) */
  CD_TICKET_WRITE_ESCALATE,        /* id, version, to, text (reason), promised_at */
  CD_TICKET_WRITE_SATISFACTION,    /* id, version, score, text (comment, may be NULL) */
  CD_TICKET_WRITE_DRAFT,           /* id, text ("" or NULL clears it) */
  CD_TICKET_WRITE_PRESENCE_TOUCH,  /* id, instance */
  CD_TICKET_WRITE_PRESENCE_LEAVE,  /* id, instance */
} CdTicketWriteKind;

typedef struct {
  CdTicketWriteKind  kind;
  gint64             id;              /* the ticket (0 to create one) */
  gint64             version;         /* the version the person saw; 0 overwrites */

  gint64             customer_id;
  char              *subject;
  char              *description;
  CdChannel          channel;
  gint64             category_id;
  CdPriority         priority;
  gint64             assignee_id;
  CdTicketStatus     status;
  char              *text;
  gboolean           customer_facing;
  char              *to;
  gint64             promised_at;
  int                score;
  char              *instance;

  gint64             new_id;          /* result: the ticket or event made */
} CdTicketWrite;

CdTicketWrite *cd_ticket_write_new    (CdTicketWriteKind    kind,
                                       gint64               id);
void           cd_ticket_write_free   (CdTicketWrite       *write);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CdTicketWrite, cd_ticket_write_free)

/* Takes @write. */
void           cd_ticket_write_start  (CdStore             *store,
                                       CdTicketWrite       *write,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data);
/* The write as it was run (with its result), borrowed from @result; NULL
 * with @error when it failed (CD_STORE_ERROR_STALE: someone saved the
 * ticket first; G_IO_ERROR_CANCELLED: given up). */
CdTicketWrite *cd_ticket_write_finish (CdStore             *store,
                                       GAsyncResult        *result,
                                       GError             **error);

G_END_DECLS
