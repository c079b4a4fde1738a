/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "cd-matrix-layout.h"

G_BEGIN_DECLS

/* One person's cells of the matrix, drawn as one widget: a coloured
 * block per certification with a symbol and a word ("✓ Active", "! 12
 * days", "✗ Expired", "⊘ Revoked", "○ Missing"), so the state reads
 * without colour too. Only the cells in view are drawn. A click on a
 * cell asks the layout to open it. */
#define CD_TYPE_MATRIX_STRIP (cd_matrix_strip_get_type ())
G_DECLARE_FINAL_TYPE (CdMatrixStrip, cd_matrix_strip, CD, MATRIX_STRIP, GtkWidget)

GtkWidget  *cd_matrix_strip_new       (CdMatrixLayout *layout);
/* The person and their row of the matrix (NULL: nothing to show). */
void        cd_matrix_strip_set_row   (CdMatrixStrip  *self,
                                       CdRow          *row);
gint64      cd_matrix_strip_get_staff_id (CdMatrixStrip *self);
/* What the cell of @certification_id says ("✓ Active"), "" when
 * empty, NULL when there is no such column (for tests). */
char       *cd_matrix_strip_dup_cell_text (CdMatrixStrip *self,
                                           gint64         certification_id);

G_END_DECLS
