/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "cd-store.h"

G_BEGIN_DECLS

/* The trainers' workplace: the matrix of people by certification, the
 * training plan, sessions with their rosters and attendance, assessment
 * results, certifications, courses and the coverage of ticket
 * categories, and each person's training record. Every page is read by
 * everyone; trainers and administrators edit; leads set coverage
 * minimums (src/core enforces it; the buttons follow). A page is built
 * when it is first shown. */
#define CD_TYPE_TRAINING_VIEW (cd_training_view_get_type ())
G_DECLARE_FINAL_TYPE (CdTrainingView, cd_training_view, CD, TRAINING_VIEW, GtkWidget)

/* The pages, in the switcher's order. */
#define CD_TRAINING_PAGE_MATRIX         "matrix"
#define CD_TRAINING_PAGE_PLAN           "plan"
#define CD_TRAINING_PAGE_SESSIONS       "sessions"
#define CD_TRAINING_PAGE_ASSESSMENTS    "assessments"
#define CD_TRAINING_PAGE_CERTIFICATIONS "certifications"
#define CD_TRAINING_PAGE_COURSES        "courses"
#define CD_TRAINING_PAGE_COVERAGE       "coverage"

/* @store is a construct-only property. */
GtkWidget  *cd_training_view_new         (CdStore        *store);
CdStore    *cd_training_view_get_store   (CdTrainingView *self);
/* Shows one of the pages above (leaving a record). */
void        cd_training_view_show_page   (CdTrainingView *self,
                                          const char     *name);
/* The page shown, or "record" while a record is. */
const char *cd_training_view_get_page    (CdTrainingView *self);
/* The page's widget, built now if it was not (for tests). */
GtkWidget  *cd_training_view_get_page_widget (CdTrainingView *self,
                                              const char     *name);
/* Shows @staff_id's training record (0: the signed-in person's), the
 * row of @certification_id in view when not 0. */
void        cd_training_view_show_record (CdTrainingView *self,
                                          gint64          staff_id,
                                          gint64          certification_id);

G_END_DECLS
