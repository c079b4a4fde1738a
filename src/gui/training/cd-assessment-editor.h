/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "cd-training-editor.h"

G_BEGIN_DECLS

/* Records an assessment or corrects one: who, of which course or
 * certification, what kind, the score and the pass mark (passed or
 * failed follows from them), the day and the assessor. Saves in the
 * background; an assessment someone else saved meanwhile offers reload
 * or overwrite. Emits "saved" with its id, then closes. */
#define CD_TYPE_ASSESSMENT_EDITOR (cd_assessment_editor_get_type ())
G_DECLARE_FINAL_TYPE (CdAssessmentEditor, cd_assessment_editor, CD, ASSESSMENT_EDITOR, CdTrainingEditor)

/* @assessment_id 0: a new assessment, of @staff_id (0: the first person). */
GtkWidget   *cd_assessment_editor_new          (CdStore            *store,
                                                gint64              assessment_id,
                                                gint64              staff_id);
GtkEditable *cd_assessment_editor_get_score     (CdAssessmentEditor *self);
GtkEditable *cd_assessment_editor_get_pass_mark (CdAssessmentEditor *self);
/* Chooses the subject as the drop-down does: a course or a certification. */
void         cd_assessment_editor_set_subject   (CdAssessmentEditor *self,
                                                 gint64              course_id,
                                                 gint64              certification_id);

G_END_DECLS
