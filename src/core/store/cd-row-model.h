/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "cd-store.h"

G_BEGIN_DECLS

/* CdRow ------------------------------------------------------------------
 * One row of a CdRowModel: the row's id and its column values as text
 * (NULL for SQL NULL), in the order of the model's columns. A row is read,
 * values and all, with the page of rows around it, when a list first
 * asks for a position in that page. */

#define CD_TYPE_ROW (cd_row_get_type ())
G_DECLARE_FINAL_TYPE (CdRow, cd_row, CD, ROW, GObject)

gint64      cd_row_get_id          (CdRow       *self);
guint       cd_row_get_n_columns   (CdRow       *self);
/* Borrowed; NULL for SQL NULL or an index out of range. */
const char *cd_row_get_value       (CdRow       *self,
                                    guint        column);
/* The value as a number; @fallback for NULL or text that is not one. */
gint64      cd_row_get_int         (CdRow       *self,
                                    guint        column,
                                    gint64       fallback);
/* By the column's name as given to cd_row_model_new(). */
const char *cd_row_get_value_by_name (CdRow     *self,
                                      const char *name);
/* Makes a detached row, for tests and for widgets shown without a model. */
CdRow      *cd_row_new             (gint64              id,
                                    const char * const *names,
                                    const char * const *values,
                                    guint               n_columns);

/* CdRowModel -------------------------------------------------------------
 * A GListModel of CdRow over one query of the data layer, made by a
 * domain module (cd_customers_list_new(), cd_tickets_list_new()): the
 * query itself is private to src/core (cd-row-model-private.h).
 *
 * Its length comes from one COUNT(*), made again for a new filter but
 * not for a new order. Rows are read a page at a time
 * (CD_ROW_MODEL_PAGE_SIZE rows, with their values, in one statement) only
 * when a list asks for a position in that page; a bounded number of pages
 * is kept. Pages in the second half of the list are read in the opposite
 * order from the end, so no page skips more than half of the rows. Every
 * query is meant to be answered from an index: give every sortable column
 * an index whose order matches its sort terms.
 *
 * Main thread only: it uses the store's connection. */

#define CD_ROW_MODEL_PAGE_SIZE 256
#define CD_ROW_MODEL_MAX_PAGES 64

#define CD_TYPE_ROW_MODEL (cd_row_model_get_type ())
G_DECLARE_FINAL_TYPE (CdRowModel, cd_row_model, CD, ROW_MODEL, GObject)

CdStore    *cd_row_model_get_store (CdRowModel *self);
guint       cd_row_model_get_n_columns (CdRowModel *self);
/* The column index of @name, or -1. */
int         cd_row_model_find_column (CdRowModel *self,
                                      const char *name);

/* @column: a sortable column's name. One items-changed as above; the
 * length stays (no COUNT). */
void        cd_row_model_set_sort   (CdRowModel  *self,
                                     const char  *column,
                                     gboolean     descending);
const char *cd_row_model_get_sort_column (CdRowModel *self);
gboolean    cd_row_model_get_sort_descending (CdRowModel *self);

/* Counts again and compares the cached pages that a list shows rows of
 * (their ids and values) with the database, one statement per page.
 * When anything differs, drops every
 * cache and emits items-changed for the whole range (0, old, new);
 * otherwise does nothing. Returns TRUE if it emitted. Usually run by
 * cd_row_model_set_refresh_kinds(). */
gboolean    cd_row_model_refresh    (CdRowModel *self);
/* Refreshes once, when the main loop is next idle, after any change of
 * one of @kinds (a NULL-terminated list of CdChange kinds: those whose
 * records the rows show, the table's own and any joined in). NULL stops
 * watching. */
void        cd_row_model_set_refresh_kinds (CdRowModel         *self,
                                            const char * const *kinds);

/* A GTK 4.8 list view destroys every row widget when its model empties
 * and builds them all again when rows come back, which costs more than
 * the query. With @keep on, a query or refresh that matches nothing
 * leaves the last rows in place, without items-changed: n-matches
 * (cd_row_model_get_n_matches()) is then 0 while n-items is not, and the
 * view shows its empty state instead of the list. The next query or
 * refresh that matches rows replaces them with one items-changed. */
void        cd_row_model_set_keep_rows_when_empty (CdRowModel *self,
                                                   gboolean    keep);
/* The rows the current query matches (notify::n-matches). */
guint       cd_row_model_get_n_matches (CdRowModel *self);

/* The id at @position, reading its page if needed (no row is made);
 * 0 when out of range. */
gint64      cd_row_model_get_id     (CdRowModel *self,
                                     guint       position);

/* Last error of a page or count query (a damaged file, say), or NULL.
 * The model then looks empty; the view can show the message. */
const GError *cd_row_model_get_error (CdRowModel *self);

/* For tests and benchmarks: page reads, row reads and COUNT queries made
 * since creation (or the last reset), and pages held now. Rows are read
 * only with their pages, so the row reads stay at 0. */
guint       cd_row_model_get_n_page_fetches (CdRowModel *self);
guint       cd_row_model_get_n_row_fetches  (CdRowModel *self);
guint       cd_row_model_get_n_count_queries (CdRowModel *self);
guint       cd_row_model_get_n_cached_pages (CdRowModel *self);
void        cd_row_model_reset_stats        (CdRowModel *self);

G_END_DECLS
