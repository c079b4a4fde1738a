/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "cd-store.h"
#include "cd-training-page.h"

G_BEGIN_DECLS

#define CD_TYPE_COVERAGE_PAGE (cd_coverage_page_get_type ())
G_DECLARE_FINAL_TYPE (CdCoveragePage, cd_coverage_page, CD, COVERAGE_PAGE, CdTrainingPage)

/* For each ticket category that needs a certification, the certified
 * reps today and on a chosen date (in 30 days unless changed), whose
 * certifications run out by then, and the minimum, which team leads and
 * administrators set here. */
GtkWidget *cd_coverage_page_new            (CdStore        *store);
/* Categories below their minimum now or by the chosen date. */
guint      cd_coverage_page_get_n_warnings (CdCoveragePage *self);

G_END_DECLS
