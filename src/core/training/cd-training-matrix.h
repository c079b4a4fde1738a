/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "cd-row-model.h"
#include "cd-store.h"

G_BEGIN_DECLS

/* The matrix: people by certifications.
 *
 * It is a lazy list of people (a CdRowModel over the staff) whose row
 * carries, in one column that SQLite computes, the certifications in
 * the matrix's order with the roles that must hold them, and the
 * person's own certification records (their expiry, or that they were
 * revoked). cd_matrix_row_cells() makes the cells of it: for each
 * certification its id, the latest expiry of the records that were not
 * revoked, whether the latest record was revoked, and whether the
 * person's role must hold it. A cell's state follows from that at the
 * moment it is shown (cd_matrix_cell_state()), so a list of 300 people
 * by 60 certifications reads one page of rows, each row one range of an
 * index, and makes no query per cell.
 *
 * Compliance: for a certification, of the people who must hold it (the
 * roles it is required for), how many hold it now (active or
 * expiring); a certification that no role must hold counts the people
 * who have held it and how many of them hold it still. The overall
 * figure is all of these together. */

typedef enum {
  CD_MATRIX_NONE,       /* never held, and not required */
  CD_MATRIX_MISSING,    /* never held, but required */
  CD_MATRIX_ACTIVE,
  CD_MATRIX_EXPIRING,
  CD_MATRIX_EXPIRED,
  CD_MATRIX_REVOKED,
} CdMatrixState;

typedef struct {
  gint64   certification_id;
  gint64   expires_at;     /* latest expiry not revoked; 0 when none */
  gboolean revoked;        /* the latest record was revoked */
  gboolean required;       /* the person's role must hold it */
  gboolean held;           /* there is any record at all */
} CdMatrixCell;

typedef struct {
  char     *text;             /* part of the person's name */
  int       role;             /* a CdRole, or -1 */
  gint64    certification_id; /* 0: all; otherwise needs_attention looks at this one */
  /* Only people with a required certification missing, expired or
   * revoked, or one they hold running out within 30 days. */
  gboolean  needs_attention;
  /* "name" (default), "role", "compliance" */
  char     *sort_column;
  gboolean  sort_descending;
} CdMatrixFilter;

void        cd_matrix_filter_init  (CdMatrixFilter *filter);
void        cd_matrix_filter_clear (CdMatrixFilter *filter);

typedef enum {
  CD_MATRIX_COL_NAME,        /* "name" */
  CD_MATRIX_COL_ROLE,        /* "role": a nick */
  CD_MATRIX_COL_COMPLIANCE,  /* "compliance": 0..100 of the required ones held; NULL when none required */
  CD_MATRIX_COL_CELLS,       /* "cells": read with cd_matrix_row_cells() */
  CD_MATRIX_N_COLS
} CdMatrixColumn;

/* Active staff. The row's compliance is that at the time of the query:
 * refresh when a day passes. */
CdRowModel   *cd_matrix_list_new        (CdStore              *store,
                                         const CdMatrixFilter *filter);
void          cd_matrix_list_set_filter (CdRowModel           *model,
                                         const CdMatrixFilter *filter);

/* The cells of a row of the matrix (CdMatrixCell in @cells, cleared
 * first), in the order of cd_certifications_list(). */
void          cd_matrix_row_cells       (CdRow                *row,
                                         GArray               *cells);
CdMatrixState cd_matrix_cell_state      (const CdMatrixCell   *cell,
                                         gint64                now);
/* A short text for a cell: "✓ Active", "! 12 days", "✗ Expired",
 * "⊘ Revoked", "○ Missing", "" for none. Translated. */
char         *cd_matrix_cell_text       (const CdMatrixCell   *cell,
                                         gint64                now);

typedef struct {
  gint64 certification_id;
  guint  n_counted;   /* who must hold it (or who held it) */
  guint  n_holding;   /* of those, who holds it now */
} CdCompliance;

/* Compliance of the people @filter selects (its text and role; not its
 * certification or attention), per certification in @per_certification
 * (CdCompliance, in the matrix's order), and overall. */
gboolean      cd_matrix_compliance      (CdStore               *store,
                                         const CdMatrixFilter  *filter,
                                         GArray                *per_certification,
                                         CdCompliance          *overall,
                                         GError               **error);
/* 0..100, rounded down; -1 when nobody is counted. */
int           cd_compliance_percent     (const CdCompliance    *compliance);

/* CSV: one line per person @filter selects, in its order, with their
 * role and compliance, then one column per certification (all of them,
 * or the filter's) with the state in words and the expiry date. The
 * export is recorded in the audit log. */
gboolean      cd_matrix_export          (CdStore               *store,
                                         const CdMatrixFilter  *filter,
                                         const char            *csv_path,
                                         guint                 *n_people,
                                         GError               **error);

/* Compliance per person as it stood at @at: for each member of staff
 * whose role must hold a certification (not archived), how many they
 * must hold and how many of those they held valid at @at (issued by
 * then, not expired and not yet revoked then). CdPersonCompliance, by
 * staff id. NULL with @error on failure. */
typedef struct {
  gint64 staff_id;
  guint  n_required;
  guint  n_holding;
} CdPersonCompliance;

GArray       *cd_compliance_by_person   (CdStore               *store,
                                         gint64                 at,
                                         GError               **error);

G_END_DECLS
