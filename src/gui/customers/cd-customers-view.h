/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "cd-store.h"

G_BEGIN_DECLS

/* The Customers view: the list (lazy, sorted and filtered by SQLite),
 * the customer page, and the ways to add, import and export customers.
 * Widget actions: customers.new (Ctrl+N), customers.import,
 * customers.export, customers.open (x), customers.edit (x),
 * customers.edit-shown (Ctrl+E), customers.back (Alt+Left, Escape),
 * customers.clear-filters. */
#define CD_TYPE_CUSTOMERS_VIEW (cd_customers_view_get_type ())
G_DECLARE_FINAL_TYPE (CdCustomersView, cd_customers_view, CD, CUSTOMERS_VIEW, GtkWidget)

/* @store is a construct-only property. */
GtkWidget  *cd_customers_view_new               (CdStore         *store);
CdStore    *cd_customers_view_get_store         (CdCustomersView *self);
/* The list as shown: a GListModel of CdRow (borrowed). */
GListModel *cd_customers_view_get_model         (CdCustomersView *self);
/* Shows customer @id on the customer page. */
void        cd_customers_view_open_customer     (CdCustomersView *self,
                                                 gint64           id);
/* The CdCustomerPage (borrowed). */
GtkWidget  *cd_customers_view_get_customer_page (CdCustomersView *self);
/* Writes the list as it is filtered now to @path in the background, as
 * Export… does after the file is chosen; a toast says how many. */
void        cd_customers_view_export            (CdCustomersView *self,
                                                 const char      *path);

G_END_DECLS
