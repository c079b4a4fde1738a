/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "caredesk-list"

#include "config.h"

#include "cd-column-sort.h"

/* The name of the column whose sorter ran last; only read right after
 * the comparison in cd_column_sort_get(), on the main thread. */
static const char *probed_name;

static int
probe_compare (gconstpointer a,
               gconstpointer b,
               gpointer      user_data)
{
  probed_name = user_data;
  return GTK_ORDERING_LARGER;
}

void
cd_column_sort_set_name (GtkColumnViewColumn *column,
                         const char          *name)
{
  g_autoptr(GtkSorter) sorter = NULL;

  g_return_if_fail (GTK_IS_COLUMN_VIEW_COLUMN (column));

  if (name != NULL)
    sorter = GTK_SORTER (gtk_custom_sorter_new (probe_compare, (gpointer) name, NULL));
  gtk_column_view_column_set_sorter (column, sorter);
}

gboolean
cd_column_sort_get (GtkColumnView  *view,
                    const char    **name,
                    gboolean       *descending)
{
  static GObject *a, *b;
  GtkSorter *sorter;
  GtkOrdering order;

  g_return_val_if_fail (GTK_IS_COLUMN_VIEW (view), FALSE);

  sorter = gtk_column_view_get_sorter (view);
  if (sorter == NULL)
    return FALSE;
  if (a == NULL)
    {
      a = g_object_new (G_TYPE_OBJECT, NULL);
      b = g_object_new (G_TYPE_OBJECT, NULL);
    }

  probed_name = NULL;
  order = gtk_sorter_compare (sorter, a, b);
  if (probed_name == NULL || order == GTK_ORDERING_EQUAL)
    return FALSE;

  *name = probed_name;
  *descending = order == GTK_ORDERING_SMALLER;
  return TRUE;
}
