/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "cd-store.h"

G_BEGIN_DECLS

#define CD_TYPE_TICKETS_VIEW (cd_tickets_view_get_type ())
G_DECLARE_FINAL_TYPE (CdTicketsView, cd_tickets_view, CD, TICKETS_VIEW, GtkWidget)

/* @store is a construct-only property. */
GtkWidget *cd_tickets_view_new       (CdStore       *store);
CdStore   *cd_tickets_view_get_store (CdTicketsView *self);

G_END_DECLS
