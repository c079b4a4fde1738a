/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "cd-matrix-layout.h"

G_BEGIN_DECLS

/* The header of the matrix's columns of certifications: each one's
 * name and the team's compliance with it, aligned with the rows' cells
 * below and scrolled sideways with them. Clicking a column emits
 * "column-activated" with the certification's id. */
#define CD_TYPE_MATRIX_HEADER (cd_matrix_header_get_type ())
G_DECLARE_FINAL_TYPE (CdMatrixHeader, cd_matrix_header, CD, MATRIX_HEADER, GtkWidget)

GtkWidget *cd_matrix_header_new (CdMatrixLayout *layout);

G_END_DECLS
