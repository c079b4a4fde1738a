/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

/* What the knowledge base's windows share. */

/* A Save button says "Saving…" with a spinner, and cannot be pressed,
 * while @busy. */
void   cd_knowledge_button_set_busy   (GtkButton  *button,
                                       gboolean    busy);
/* Shows @message under a form row (an error, in words), or hides it for
 * NULL; the row is marked as wrong meanwhile. */
void   cd_knowledge_show_field_error  (GtkWidget  *row,
                                       GtkLabel   *label,
                                       const char *message);
/* All the text of @view. */
char  *cd_knowledge_text_view_dup     (GtkTextView *view);
/* Hides @window at once and destroys it from an idle, after the handler
 * that asked has returned. */
void   cd_knowledge_close_window_soon (GtkWindow  *window);

G_END_DECLS
