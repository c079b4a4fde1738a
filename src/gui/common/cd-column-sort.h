/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* Which column a GtkColumnView is sorted by, for lists that SQLite sorts.
 *
 * The column view's sorter is never used to compare rows; its header only
 * says what the person chose. GTK 4.8 has no API that names that column,
 * but its sorter asks the primary column's sorter first and inverts the
 * answer for a descending sort: so every sortable column gets a sorter
 * that records its name and answers "larger", and one comparison of two
 * placeholders tells the column and the direction. */

/* Makes @column sortable under @name (a list's sort key, static), or not
 * sortable when @name is NULL. */
void     cd_column_sort_set_name (GtkColumnViewColumn *column,
                                  const char          *name);
/* The column @view is sorted by: its name and direction. FALSE when no
 * column is chosen. */
gboolean cd_column_sort_get      (GtkColumnView       *view,
                                  const char         **name,
                                  gboolean            *descending);

G_END_DECLS
