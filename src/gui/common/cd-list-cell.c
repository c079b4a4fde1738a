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

/* GTK 4.8 names a column view's cells and rows after their classes
 * ("GtkColumnViewCell", "GtkListItemWidget"), which is what screen readers
 * read out. The cell holding the text takes it as its name, and the row
 * takes the text of its first cell. */
static void
name_column_view_cell (GtkWidget  *cell,
                       const char *text)
{
  static GType cell_type = G_TYPE_INVALID;
  GtkWidget *parent = gtk_widget_get_parent (cell);
  GtkWidget *row;

  if (cell_type == G_TYPE_INVALID)
    cell_type = g_type_from_name ("GtkColumnViewCell");
  if (parent == NULL || cell_type == G_TYPE_INVALID || !G_TYPE_CHECK_INSTANCE_TYPE (parent, cell_type))
    return;
  gtk_accessible_update_property (GTK_ACCESSIBLE (parent), GTK_ACCESSIBLE_PROPERTY_LABEL, text, -1);
  row = gtk_widget_get_parent (parent);
  if (row != NULL && gtk_widget_get_first_child (row) == parent)
    gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, text, -1);
}

/* TRUE when @text has a character of the scripts drawn with the CJK
 * fallback font (from the CJK radicals on), whose ascent is taller. */
static gboolean
has_tall_script (const char *text)
{
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    if ((guchar) *p >= 0x80 && g_utf8_get_char (p) >= 0x2E80)
      return TRUE;
  return FALSE;
}

static int
layout_baseline (GtkWidget  *cell,
                 const char *sample)
{
  g_autoptr(PangoLayout) layout = gtk_widget_create_pango_layout (cell, sample);

  return pango_layout_get_baseline (layout) / PANGO_SCALE;
}

/* A column view's cells sit side by side with nothing to line up their
 * baselines, and each cell's text is at its top (see the header): a Latin
 * text would sit higher than a Chinese one next to it, by the difference
 * of the fonts' ascents (about 3 px). A text without the tall scripts is
 * moved down by that much, and the cell keeps its height. */
static void
align_baseline (GtkWidget  *cell,
                const char *text)
{
  static int shift = -1;
  int own;

  /* The fonts are known once the cell is in a window. */
  if (shift < 0 && gtk_widget_get_root (cell) != NULL)
    shift = MAX (0, layout_baseline (cell, "中") - layout_baseline (cell, "Ag"));
  own = shift > 0 && !has_tall_script (text) ? shift : 0;
  if (gtk_widget_get_margin_top (cell) == own)
    return;
  gtk_widget_set_margin_top (cell, own);
  gtk_widget_set_size_request (cell, -1, MAX (CELL_MIN_HEIGHT - own, 1));
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
  align_baseline (cell, text);
  gtk_inscription_set_text (GTK_INSCRIPTION (cell), text);
  gtk_accessible_update_property (GTK_ACCESSIBLE (cell), GTK_ACCESSIBLE_PROPERTY_LABEL, text, -1);
  name_column_view_cell (cell, text);
}
