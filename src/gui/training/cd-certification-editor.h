/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "cd-training-editor.h"

G_BEGIN_DECLS

/* Adds a certification or edits one: name, level, how many months it is
 * valid, what it takes (courses attended, assessments passed), the
 * ticket categories it qualifies for and the roles that must hold it.
 * Saves in the background; one someone else saved meanwhile offers
 * reload or overwrite. Emits "saved" with its id, then closes. */
#define CD_TYPE_CERTIFICATION_EDITOR (cd_certification_editor_get_type ())
G_DECLARE_FINAL_TYPE (CdCertificationEditor, cd_certification_editor, CD, CERTIFICATION_EDITOR, CdTrainingEditor)

/* @certification_id 0: a new certification. */
GtkWidget   *cd_certification_editor_new      (CdStore               *store,
                                               gint64                 certification_id);
GtkEditable *cd_certification_editor_get_name (CdCertificationEditor *self);
/* While it reads the certification and the choices it offers, in the
 * background: the form is insensitive until then. */
gboolean     cd_certification_editor_get_loading (CdCertificationEditor *self);
/* Ticks a category it qualifies for, a course it requires (for tests). */
void         cd_certification_editor_set_category (CdCertificationEditor *self,
                                                   gint64                 category_id,
                                                   gboolean               chosen);
void         cd_certification_editor_set_course   (CdCertificationEditor *self,
                                                   gint64                 course_id,
                                                   gboolean               chosen);

G_END_DECLS
