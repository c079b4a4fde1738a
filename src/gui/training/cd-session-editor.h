/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "cd-training-editor.h"

G_BEGIN_DECLS

/* Plans a session of a course or changes one: the course, the day, when
 * it starts and ends, the trainer, the place and how many it takes.
 * Saves in the background; a session someone else saved meanwhile
 * offers reload or overwrite. Emits "saved" with the session's id, then
 * closes. */
#define CD_TYPE_SESSION_EDITOR (cd_session_editor_get_type ())
G_DECLARE_FINAL_TYPE (CdSessionEditor, cd_session_editor, CD, SESSION_EDITOR, CdTrainingEditor)

/* @session_id 0: a new session, of @course_id (0: the first course). */
GtkWidget   *cd_session_editor_new        (CdStore         *store,
                                           gint64           session_id,
                                           gint64           course_id);
/* For tests: the rows as typed into. */
GtkEditable *cd_session_editor_get_starts (CdSessionEditor *self);
GtkEditable *cd_session_editor_get_ends   (CdSessionEditor *self);
GtkEditable *cd_session_editor_get_place  (CdSessionEditor *self);
void         cd_session_editor_set_day    (CdSessionEditor *self,
                                           gint64           day);
void         cd_session_editor_set_capacity (CdSessionEditor *self,
                                             int              capacity);

G_END_DECLS
