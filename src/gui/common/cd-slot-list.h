/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "cd-row-model.h"

G_BEGIN_DECLS

/* The one list adapter of Caredesk's SQL-backed column views.
 *
 * It shows a lazy list of rows (a CdRowModel, or any GListModel of CdRow)
 * to a GTK 4.8 list view as a list of positions, CdListSlot, so that a
 * new sort, a new filter or a refresh does not replace the rows on screen
 * but changes what they show. A GTK 4.8 list view keeps about 200 row
 * widgets around what it shows; when a change replaces its items, it
 * looks for the row it is anchored to among all the new ones (reading a
 * whole table of a million tickets) and then builds every row widget
 * again. Here the slots stay: only a change in length is passed on (rows
 * added or removed at the end), and every slot at or after the change
 * notifies "row", to be read again when asked. */

#define CD_TYPE_LIST_SLOT (cd_list_slot_get_type ())
G_DECLARE_FINAL_TYPE (CdListSlot, cd_list_slot, CD, LIST_SLOT, GObject)

guint   cd_list_slot_get_position (CdListSlot *self);
/* The row now at the slot's position, read when first asked for after a
 * change; NULL once the position is past the end. Borrowed. */
CdRow  *cd_list_slot_get_row      (CdListSlot *self);

#define CD_TYPE_SLOT_LIST (cd_slot_list_get_type ())
G_DECLARE_FINAL_TYPE (CdSlotList, cd_slot_list, CD, SLOT_LIST, GObject)

/* Takes a reference on @rows, a GListModel of CdRow. */
CdSlotList *cd_slot_list_new      (GListModel *rows);
GListModel *cd_slot_list_get_rows (CdSlotList *self);

G_END_DECLS
