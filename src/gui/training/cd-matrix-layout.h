/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "cd-training.h"

G_BEGIN_DECLS

/* What the rows of the matrix and its header share: which certifications
 * are columns and how wide, how far the columns are scrolled sideways,
 * each one's compliance, the time the states are for, and the text
 * layouts of the few texts a cell can show (drawn again and again).
 *
 * The columns of certifications scroll sideways on their own, under a
 * header that stays, while the names stay on the left: a row draws only
 * the cells in view, so 60 certifications cost a row no more than 10. */
#define CD_TYPE_MATRIX_LAYOUT (cd_matrix_layout_get_type ())
G_DECLARE_FINAL_TYPE (CdMatrixLayout, cd_matrix_layout, CD, MATRIX_LAYOUT, GObject)

#define CD_MATRIX_CELL_WIDTH  112
#define CD_MATRIX_CELL_HEIGHT 28

CdMatrixLayout *cd_matrix_layout_new (void);

/* The certifications (CdCertification, cd_certifications_list() order):
 * all of them are in a row's cells; @only_id (not 0) shows that one. */
void            cd_matrix_layout_set_certifications (CdMatrixLayout *self,
                                                     GPtrArray      *certifications,
                                                     gint64          only_id);
guint           cd_matrix_layout_get_n_columns      (CdMatrixLayout *self);
/* The index into a row's cells of column @column. */
guint           cd_matrix_layout_get_cell_index     (CdMatrixLayout *self,
                                                     guint           column);
const CdCertification *cd_matrix_layout_get_certification (CdMatrixLayout *self,
                                                           guint           column);
/* CdCompliance per certification, in the same order as set. */
void            cd_matrix_layout_set_compliance     (CdMatrixLayout *self,
                                                     GArray         *compliance);
int             cd_matrix_layout_get_percent        (CdMatrixLayout *self,
                                                     guint           column);
void            cd_matrix_layout_set_now            (CdMatrixLayout *self,
                                                     gint64          now);
gint64          cd_matrix_layout_get_now            (CdMatrixLayout *self);

/* Sideways: value in pixels; its page is the width the rows have. */
GtkAdjustment  *cd_matrix_layout_get_adjustment     (CdMatrixLayout *self);
/* The rows tell their width when allocated. */
void            cd_matrix_layout_set_view_width     (CdMatrixLayout *self,
                                                     int             width);
/* Scrolls so that column @column is in view. */
void            cd_matrix_layout_reveal_column      (CdMatrixLayout *self,
                                                     guint           column);
/* The column under x (in a row's coordinates), or -1. */
int             cd_matrix_layout_column_at          (CdMatrixLayout *self,
                                                     double          x);

/* A layout of @text for @widget, kept for the next time. */
PangoLayout    *cd_matrix_layout_text               (CdMatrixLayout *self,
                                                     GtkWidget      *widget,
                                                     const char     *text);

/* A row that shows the matrix, for the header to align with. */
void            cd_matrix_layout_set_reference      (CdMatrixLayout *self,
                                                     GtkWidget      *row);
GtkWidget      *cd_matrix_layout_get_reference      (CdMatrixLayout *self);

/* Asks a person's cell to be opened (signal "cell-activated", staff id
 * and certification id). */
void            cd_matrix_layout_activate_cell      (CdMatrixLayout *self,
                                                     gint64          staff_id,
                                                     gint64          certification_id);

G_END_DECLS
