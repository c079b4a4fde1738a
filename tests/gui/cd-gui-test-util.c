/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "cd-gui-test-util.h"

GtkWidget *
cd_test_find_cell (GtkWidget  *root,
                   const char *text)
{
  if (!gtk_widget_get_mapped (root))
    return NULL;
  if (GTK_IS_INSCRIPTION (root) && g_strcmp0 (gtk_inscription_get_text (GTK_INSCRIPTION (root)), text) == 0)
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = cd_test_find_cell (child, text);

      if (found != NULL)
        return found;
    }
  return NULL;
}
