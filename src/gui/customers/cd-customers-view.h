/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "cd-store.h"

G_BEGIN_DECLS

#define CD_TYPE_CUSTOMERS_VIEW (cd_customers_view_get_type ())
G_DECLARE_FINAL_TYPE (CdCustomersView, cd_customers_view, CD, CUSTOMERS_VIEW, GtkWidget)

/* @store is a construct-only property. */
GtkWidget *cd_customers_view_new       (CdStore         *store);
CdStore   *cd_customers_view_get_store (CdCustomersView *self);

G_END_DECLS
