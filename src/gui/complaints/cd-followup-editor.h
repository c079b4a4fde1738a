/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "cd-complaints.h"

G_BEGIN_DECLS

/* Schedules a follow-up (due date and time, assignee, method, notes),
 * moves one to another time or person, or confirms the next follow-up
 * Caredesk proposes after an unsatisfied or unreachable outcome. Emits
 * "saved" (gint64 followup_id) and closes once the change is written. */
#define CD_TYPE_FOLLOWUP_EDITOR (cd_followup_editor_get_type ())
G_DECLARE_FINAL_TYPE (CdFollowupEditor, cd_followup_editor, CD, FOLLOWUP_EDITOR, AdwWindow)

CdFollowupEditor *cd_followup_editor_new_schedule   (CdStore                  *store,
                                                     gint64                    complaint_id);
CdFollowupEditor *cd_followup_editor_new_reschedule (CdStore                  *store,
                                                     gint64                    followup_id);
CdFollowupEditor *cd_followup_editor_new_proposal   (CdStore                  *store,
                                                     const CdFollowupProposal *proposal);

/* The due time the form holds now (UTC seconds). */
gint64            cd_followup_editor_get_due_at     (CdFollowupEditor         *self);
void              cd_followup_editor_set_due_at     (CdFollowupEditor         *self,
                                                     gint64                    due_at);
/* Starts writing the follow-up as the main button does (the editor
 * shows it is saving, then emits "saved" and closes, or shows why not);
 * FALSE when the form cannot be saved or is being saved. */
gboolean          cd_followup_editor_save           (CdFollowupEditor         *self);

G_END_DECLS
