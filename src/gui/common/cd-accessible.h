/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* What GTK 4.8 leaves out of the names that screen readers read.
 *
 * cd_accessible_init(): a button with a mnemonic is named by its label
 * without the underscore (GTK 4.8 reads "_Import… Import…"), whenever its
 * label is set or it is shown. An empty label is
 * left out, and an untitled preferences group's list is named after its
 * rows, where GTK 4.8 reads class names. Call once, before any
 * window is built. */
void cd_accessible_init            (void);

/* Names @widget, and keeps the name when its label changes. */
void cd_accessible_set_label       (GtkWidget  *widget,
                                    const char *label);

/* Names the parts GTK 4.8 names after their classes: a drop-down's
 * button, a column view's list. */
void cd_accessible_name_drop_down  (GtkWidget  *drop_down,
                                    const char *label);
void cd_accessible_name_list       (GtkWidget  *column_view,
                                    const char *label);

G_END_DECLS
