/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "cd-store.h"

G_BEGIN_DECLS

/* Shared by the complaint view, its rows and its dialogs. */

const char *cd_followup_method_icon_name  (CdFollowupMethod method);

/* Active staff, by display name, for assignee and owner pickers: fills
 * @names (display names) and @ids (gint64), in the same order. Staff
 * member @include_id (0: none) is listed even when no longer active, so
 * an existing record still shows who it belongs to. */
gboolean    cd_complaints_load_staff      (CdStore        *store,
                                           gint64          include_id,
                                           GtkStringList  *names,
                                           GArray         *ids,
                                           GError        **error);
/* Position of @id in @ids, or GTK_INVALID_LIST_POSITION. */
guint       cd_complaints_find_id         (GArray         *ids,
                                           gint64          id);

/* Text of a GtkEditable with surrounding white space removed; NULL when
 * nothing is left. */
char       *cd_complaints_dup_trimmed     (const char     *text);

/* Shows that what @button started is being saved: a spinner and
 * "Saving…" in place of its label, and insensitive so that it is not
 * pressed twice. FALSE puts the label back and lets its action decide
 * again. */
void        cd_complaints_button_set_busy (GtkButton      *button,
                                           gboolean        busy);
/* TRUE while cd_complaints_button_set_busy() shows @button saving. */
gboolean    cd_complaints_button_is_busy  (GtkButton      *button);

/* Hides @window now and destroys it once the current signal emission is
 * over: a message dialog that answers for @window still refers to it
 * while it emits "response". */
void        cd_complaints_close_window_soon (GtkWindow    *window);

G_END_DECLS
