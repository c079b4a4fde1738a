/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "cd-customers-list-slot.h"

G_BEGIN_DECLS

/* Shows a lazy list model to a GTK 4.8 list view as a list of positions
 * (CdCustomersListSlot), so that a new sort, a new filter or a refresh
 * does not replace the rows on screen but changes what they show.
 *
 * A GTK 4.8 list view keeps about 200 rows around what it shows. When a
 * change replaces them, it makes every one of them again, widget by widget;
 * and when the change removes the row it is anchored to, it looks for that
 * row among all the added items, which for a model of 100 000 customers
 * means reading the whole table. Here the slots stay: only a change in
 * length is passed on (rows added or removed at the end), and the slots
 * that remain emit "changed". */
#define CD_TYPE_CUSTOMERS_LIST_ADAPTER (cd_customers_list_adapter_get_type ())
G_DECLARE_FINAL_TYPE (CdCustomersListAdapter, cd_customers_list_adapter, CD, CUSTOMERS_LIST_ADAPTER, GObject)

/* Takes a reference on @model, whose items are CdRow. */
CdCustomersListAdapter *cd_customers_list_adapter_new (GListModel *model);

G_END_DECLS
