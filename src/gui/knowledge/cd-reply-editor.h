/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "cd-store.h"

G_BEGIN_DECLS

/* Writing, editing or deleting a canned reply: its title, its text with
 * placeholders (buttons put them in; one Caredesk does not know is
 * pointed out, and goes into notes as written), and whether it is the
 * team's or one's own. Saving runs on the store's write worker and offers
 * to reload or overwrite when someone else saved it meanwhile. Emits
 * "saved" (gint64 id) or "deleted" (gint64 id), and closes. */
#define CD_TYPE_REPLY_EDITOR (cd_reply_editor_get_type ())
G_DECLARE_FINAL_TYPE (CdReplyEditor, cd_reply_editor, CD, REPLY_EDITOR, AdwWindow)

/* @reply_id 0 writes a new reply. */
CdReplyEditor *cd_reply_editor_new           (CdStore       *store,
                                              gint64         reply_id);
gboolean       cd_reply_editor_save          (CdReplyEditor *self);

/* For tests. */
GtkEditable   *cd_reply_editor_get_title_row (CdReplyEditor *self);
GtkTextView   *cd_reply_editor_get_body_view (CdReplyEditor *self);
GtkSwitch     *cd_reply_editor_get_personal_switch (CdReplyEditor *self);
/* The note about unknown placeholders, or NULL when there is none. */
const char    *cd_reply_editor_get_warning   (CdReplyEditor *self);
/* The text of the preview: the body with example values filled in. */
const char    *cd_reply_editor_get_preview   (CdReplyEditor *self);

G_END_DECLS
