/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "cd-overview.h"
#include "cd-store.h"

G_BEGIN_DECLS

#define CD_TYPE_OVERVIEW_VIEW (cd_overview_view_get_type ())
G_DECLARE_FINAL_TYPE (CdOverviewView, cd_overview_view, CD, OVERVIEW_VIEW, GtkWidget)

/* @store is a construct-only property. */
GtkWidget *cd_overview_view_new       (CdStore        *store);
CdStore   *cd_overview_view_get_store (CdOverviewView *self);
/* What the view shows: NULL until first read. */
const CdMyDay          *cd_overview_view_get_my_day (CdOverviewView *self);
CdOverviewPeriod       *cd_overview_view_get_period (CdOverviewView *self);

G_END_DECLS
