/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

#include "cd-row-model.h"

G_BEGIN_DECLS

/* One position of a CdCustomersListAdapter: what the list view holds for
 * a row on screen. When the list is sorted, filtered or refreshed, the
 * slot stays and emits "changed"; its row is then read again. */
#define CD_TYPE_CUSTOMERS_LIST_SLOT (cd_customers_list_slot_get_type ())
G_DECLARE_FINAL_TYPE (CdCustomersListSlot, cd_customers_list_slot, CD, CUSTOMERS_LIST_SLOT, GObject)

CdCustomersListSlot *cd_customers_list_slot_new          (GListModel          *model,
                                                          guint                position);
guint                cd_customers_list_slot_get_position (CdCustomersListSlot *self);
/* The row now at the slot's position (read when first asked for), or
 * NULL once the position is past the end. Borrowed. */
CdRow               *cd_customers_list_slot_get_row      (CdCustomersListSlot *self);
/* Drops the row so that it is read again, and emits "changed". */
void                 cd_customers_list_slot_invalidate   (CdCustomersListSlot *self);
/* Detaches the slot from its model: it has no row from now on. */
void                 cd_customers_list_slot_detach       (CdCustomersListSlot *self);

G_END_DECLS
