/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "cd-store.h"

G_BEGIN_DECLS

/* The matrix: the active people (a lazy list, filtered and sorted by
 * SQLite) by certification, each cell telling the state in a symbol and
 * a word as well as a colour; the team's compliance per certification
 * and overall; filters by name, role, certification and what needs
 * attention; export as CSV. Activating a row, or clicking a cell, emits
 * "open-record" (staff id, certification id or 0). */
#define CD_TYPE_MATRIX_PAGE (cd_matrix_page_get_type ())
G_DECLARE_FINAL_TYPE (CdMatrixPage, cd_matrix_page, CD, MATRIX_PAGE, GtkWidget)

GtkWidget *cd_matrix_page_new        (CdStore      *store);
/* Writes what the matrix shows to @path (as Export does), in the
 * background; a toast says how it went. */
void       cd_matrix_page_export     (CdMatrixPage *self,
                                      const char   *path);
/* The number of people listed now. */
guint      cd_matrix_page_get_n_people (CdMatrixPage *self);
/* The cell of @staff_id and @certification_id as shown, or NULL when the
 * person's row is not on screen (for tests). */
char      *cd_matrix_page_dup_cell_text (CdMatrixPage *self,
                                         gint64        staff_id,
                                         gint64        certification_id);

G_END_DECLS
