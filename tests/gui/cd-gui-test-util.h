/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* The list cell (a GtkInscription) on screen under @root that shows
 * exactly @text, or NULL. */
GtkWidget *cd_test_find_cell (GtkWidget  *root,
                              const char *text);

G_END_DECLS
