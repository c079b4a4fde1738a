/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "cd-store.h"
#include "cd-training-page.h"

G_BEGIN_DECLS

/* The training plan of a year: who must complete which course by when,
 * late items in red, and how far the team has got (done, due, late);
 * item by item or person by person, filtered by status and role and
 * searched. Trainers add courses to people's plans, mark items done
 * (an external course, say), remove them and copy last year's plan.
 * Emits "open-record" (staff id, 0) to show a person's record. */
#define CD_TYPE_PLAN_PAGE (cd_plan_page_get_type ())
G_DECLARE_FINAL_TYPE (CdPlanPage, cd_plan_page, CD, PLAN_PAGE, CdTrainingPage)

GtkWidget *cd_plan_page_new      (CdStore    *store);
/* The year shown. */
int        cd_plan_page_get_year (CdPlanPage *self);
void       cd_plan_page_set_year (CdPlanPage *self,
                                  int         year);
/* The progress as the page shows it ("120 done · 40 due · 6 late"). */
const char *cd_plan_page_get_progress_text (CdPlanPage *self);

G_END_DECLS
