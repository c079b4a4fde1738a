/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* The ticket list's model: one CdTicketSlot per position over a
 * CdRowModel. When the rows below all change (a new filter or sort, a
 * refresh), GTK 4.8's list views would look for each shown row among all
 * the new ones (reading every row: seconds at a million tickets) and then
 * build about two hundred row widgets anew. Instead the slots that exist
 * take their new rows in place, and only a change in length is reported,
 * so the view keeps its widgets and reads only the rows it shows. */
#define CD_TYPE_TICKET_LIST_MODEL (cd_ticket_list_model_get_type ())
G_DECLARE_FINAL_TYPE (CdTicketListModel, cd_ticket_list_model, CD, TICKET_LIST_MODEL, GObject)

/* Takes a reference on @model (a GListModel of CdRow). */
CdTicketListModel *cd_ticket_list_model_new       (GListModel        *model);
GListModel        *cd_ticket_list_model_get_model (CdTicketListModel *self);

G_END_DECLS
