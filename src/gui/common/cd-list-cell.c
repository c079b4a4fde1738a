/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "cd-list-cell.h"

/* The line height of Chinese text at the default font size. */
#define CELL_MIN_HEIGHT 21

GtkWidget *
cd_list_cell_new (gboolean numeric)
{
  GtkWidget *cell = gtk_inscription_new (NULL);

  gtk_inscription_set_xalign (GTK_INSCRIPTION (cell), 0);
  gtk_inscription_set_yalign (GTK_INSCRIPTION (cell), 0);
  gtk_inscription_set_text_overflow (GTK_INSCRIPTION (cell), GTK_INSCRIPTION_OVERFLOW_ELLIPSIZE_END);
  gtk_inscription_set_min_lines (GTK_INSCRIPTION (cell), 1);
  gtk_inscription_set_nat_lines (GTK_INSCRIPTION (cell), 1);
  gtk_widget_set_hexpand (cell, TRUE);
  gtk_widget_set_size_request (cell, -1, CELL_MIN_HEIGHT);
  gtk_widget_set_valign (cell, GTK_ALIGN_CENTER);
  if (numeric)
    gtk_widget_add_css_class (cell, "numeric");
  return cell;
}

void
cd_list_cell_set_text (GtkWidget  *cell,
                       const char *text)
{
  g_return_if_fail (GTK_IS_INSCRIPTION (cell));

  if (text == NULL)
    text = "";
  if (g_strcmp0 (gtk_inscription_get_text (GTK_INSCRIPTION (cell)), text) == 0)
    return;
  gtk_inscription_set_text (GTK_INSCRIPTION (cell), text);
  gtk_accessible_update_property (GTK_ACCESSIBLE (cell), GTK_ACCESSIBLE_PROPERTY_LABEL, text, -1);
}
