/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "cd-store.h"
#include "cd-training-page.h"

G_BEGIN_DECLS

/* The courses: a lazy list filtered by title, kind and method, archived
 * ones on request; trainers add, edit, archive and restore. */
#define CD_TYPE_COURSES_PAGE (cd_courses_page_get_type ())
G_DECLARE_FINAL_TYPE (CdCoursesPage, cd_courses_page, CD, COURSES_PAGE, CdTrainingPage)

GtkWidget *cd_courses_page_new (CdStore *store);

G_END_DECLS
