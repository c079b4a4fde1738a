/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

typedef void (*CdSearchApplyFunc) (gpointer owner);

/* Calls @apply (@owner) once a change of @entry's text is complete.
 *
 * Replacing the text (typing over a selection, a paste) first empties
 * the entry, and an empty GtkSearchEntry reports "search-changed" at
 * once, the new text only after its delay. The change is applied in a
 * high-priority idle, still before the next frame, so that a list does
 * not show every row in between nor wait for the delay; a later report
 * of the text already applied applies nothing. @owner is held weakly:
 * nothing is applied once it is gone. One watch per entry. */
void     cd_search_watch       (GtkSearchEntry    *entry,
                                GObject           *owner,
                                CdSearchApplyFunc  apply);

/* Applies a change still waiting now (Enter in the entry). Returns
 * whether the search was applied. */
gboolean cd_search_watch_flush (GtkSearchEntry    *entry);

/* The owner applied the entry's text itself (it set the text, or
 * cleared it on Escape): a change waiting is forgotten. */
void     cd_search_watch_sync  (GtkSearchEntry    *entry);

G_END_DECLS
