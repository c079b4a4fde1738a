/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "cd-store.h"

G_BEGIN_DECLS

#define CD_TYPE_COVERAGE_PAGE (cd_coverage_page_get_type ())
G_DECLARE_FINAL_TYPE (CdCoveragePage, cd_coverage_page, CD, COVERAGE_PAGE, GtkWidget)

GtkWidget *cd_coverage_page_new (CdStore *store);

G_END_DECLS
