/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "cd-row-model.h"

G_BEGIN_DECLS

/* One position of the ticket list (see CdTicketListModel): the row shown
 * there, which changes in place when the list is filtered, sorted or
 * refreshed, so the list keeps its row widgets. */
#define CD_TYPE_TICKET_SLOT (cd_ticket_slot_get_type ())
G_DECLARE_FINAL_TYPE (CdTicketSlot, cd_ticket_slot, CD, TICKET_SLOT, GObject)

CdTicketSlot *cd_ticket_slot_new          (guint         position,
                                           CdRow        *row);
guint         cd_ticket_slot_get_position (CdTicketSlot *self);
/* Borrowed; NULL while the position is empty. */
CdRow        *cd_ticket_slot_get_row      (CdTicketSlot *self);
/* Takes a reference; notifies "row" when it is another row. */
void          cd_ticket_slot_set_row      (CdTicketSlot *self,
                                           CdRow        *row);

G_END_DECLS
