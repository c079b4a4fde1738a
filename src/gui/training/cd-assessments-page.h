/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "cd-store.h"
#include "cd-training-page.h"

G_BEGIN_DECLS

/* Assessments: exams, practical tests and customer evaluations with
 * their scores, passed or failed, filtered by kind and result and
 * searched. Trainers record, correct and delete them and import a
 * course's results from a CSV sheet; a rep sees their own. Emits
 * "open-record" (staff id, 0) to show a person's record. */
#define CD_TYPE_ASSESSMENTS_PAGE (cd_assessments_page_get_type ())
G_DECLARE_FINAL_TYPE (CdAssessmentsPage, cd_assessments_page, CD, ASSESSMENTS_PAGE, CdTrainingPage)

GtkWidget *cd_assessments_page_new (CdStore *store);

G_END_DECLS
