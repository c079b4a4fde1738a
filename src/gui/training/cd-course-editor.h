/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "cd-training-editor.h"

G_BEGIN_DECLS

/* Adds a course or edits one: title, kind, method, hours, description,
 * checked as they are typed. Saves in the background; a course someone
 * else saved meanwhile offers reload or overwrite. Emits "saved" with the
 * course's id, then closes. */
#define CD_TYPE_COURSE_EDITOR (cd_course_editor_get_type ())
G_DECLARE_FINAL_TYPE (CdCourseEditor, cd_course_editor, CD, COURSE_EDITOR, CdTrainingEditor)

/* @course_id 0: a new course. */
GtkWidget   *cd_course_editor_new       (CdStore        *store,
                                         gint64          course_id);
GtkEditable *cd_course_editor_get_title (CdCourseEditor *self);
GtkEditable *cd_course_editor_get_hours (CdCourseEditor *self);

G_END_DECLS
