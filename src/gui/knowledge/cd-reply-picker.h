/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "cd-store.h"
#include "cd-ticket.h"

G_BEGIN_DECLS

/* A popover to put a canned reply into a note: type to filter the team's
 * replies and one's own, the arrow keys to pick, Enter to take one. The
 * reply's placeholders are filled in for the ticket given; one that
 * Caredesk does not know stays as written. Emits "reply-chosen" (const
 * char *text) with the text to insert. "New Reply…" at its foot writes a
 * new one. */
#define CD_TYPE_REPLY_PICKER (cd_reply_picker_get_type ())
G_DECLARE_FINAL_TYPE (CdReplyPicker, cd_reply_picker, CD, REPLY_PICKER, GtkPopover)

GtkWidget *cd_reply_picker_new        (CdStore        *store);
/* The ticket whose values fill the placeholders (copied); NULL leaves
 * them all as written. */
void       cd_reply_picker_set_ticket (CdReplyPicker  *self,
                                       const CdTicket *ticket);
/* Filters as typing does; returns the number of replies shown. */
guint      cd_reply_picker_filter     (CdReplyPicker  *self,
                                       const char     *text);
/* For tests: the search entry. */
GtkSearchEntry *cd_reply_picker_get_entry (CdReplyPicker *self);

G_END_DECLS
