/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "cd-store.h"

G_BEGIN_DECLS

/* A complaint's detail and editor window: its fields, its status
 * workflow and its follow-ups. Emits "complaint-created" (gint64 id) when
 * a new complaint is first saved. */
#define CD_TYPE_COMPLAINT_EDITOR (cd_complaint_editor_get_type ())
G_DECLARE_FINAL_TYPE (CdComplaintEditor, cd_complaint_editor, CD, COMPLAINT_EDITOR, AdwWindow)

/* @complaint_id 0 records a new complaint. */
CdComplaintEditor *cd_complaint_editor_new                (CdStore           *store,
                                                           gint64             complaint_id);
/* A window made ahead of need (hidden, showing nothing), so that opening
 * a complaint later only fills it: see cd_complaint_editor_bind(). */
CdComplaintEditor *cd_complaint_editor_new_unbound        (CdStore           *store);
/* Shows complaint @complaint_id (0: a new one) in a window made with
 * cd_complaint_editor_new_unbound(), once. */
void               cd_complaint_editor_bind               (CdComplaintEditor *self,
                                                           gint64             complaint_id);
gint64             cd_complaint_editor_get_complaint_id   (CdComplaintEditor *self);
/* Selects that follow-up in the editor's list and scrolls to it. */
void               cd_complaint_editor_highlight_followup (CdComplaintEditor *self,
                                                           gint64             followup_id);
/* For a new complaint, preselects the customer. */
void               cd_complaint_editor_set_customer       (CdComplaintEditor *self,
                                                           gint64             customer_id,
                                                           const char        *customer_name);
/* TRUE when the form holds edits that are not saved. */
gboolean           cd_complaint_editor_is_dirty           (CdComplaintEditor *self);
/* Starts saving as the Save button does, but keeps the window open: the
 * button shows it is saving, and the form then shows the saved complaint
 * (or the reason it was not saved). FALSE when the form cannot be saved
 * (the reason is shown) or a save is under way. */
gboolean           cd_complaint_editor_save               (CdComplaintEditor *self);
/* TRUE while one of the editor's writes is under way. */
gboolean           cd_complaint_editor_is_saving          (CdComplaintEditor *self);

G_END_DECLS
