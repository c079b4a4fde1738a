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
/* Ticket categories below, or soon below, their minimum of certified
 * reps, each a row that opens the Training view's coverage. */
guint      cd_overview_view_get_n_coverage_warnings (CdOverviewView *self);
/* What the view shows: NULL until first read. */
const CdMyDay          *cd_overview_view_get_my_day (CdOverviewView *self);
CdOverviewPeriod       *cd_overview_view_get_period (CdOverviewView *self);
/* Shows the days @first to @last (a custom range); FALSE with a message
 * in words (CD_STORE_ERROR_INVALID) when they are not a valid period. */
gboolean                cd_overview_view_show_range (CdOverviewView *self,
                                                     const GDate    *first,
                                                     const GDate    *last,
                                                     GError        **error);

G_END_DECLS
