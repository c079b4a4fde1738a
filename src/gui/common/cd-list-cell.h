/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* A text cell of the big column views: one GtkInscription, one line,
 * ellipsized at the end. It is tall enough for Chinese text (drawn with a
 * fallback font whose lines are taller than the main font's, it would be
 * clipped at the top) and keeps its text at the top of the centred cell:
 * GtkInscription 4.8 puts an ellipsized text at the top whatever its
 * alignment, and every cell of a row must agree. @numeric: tabular
 * figures. */
GtkWidget *cd_list_cell_new      (gboolean    numeric);

/* Sets the text (NULL for none) only when it changed, and gives it to
 * screen readers too: GTK 4.8 does not read a GtkInscription out. */
void       cd_list_cell_set_text (GtkWidget  *cell,
                                  const char *text);

G_END_DECLS
