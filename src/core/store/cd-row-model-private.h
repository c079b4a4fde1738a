/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* How a domain module of src/core makes a CdRowModel: the query, its
 * filter and sort terms, and reading what it shows for an export. The
 * model runs
 *
 *   SELECT <id_expr>, <columns> FROM <from> WHERE <where>
 *   ORDER BY <sort column's terms> <dir>, <id_expr> <dir>
 */

#include <sqlite3.h>

#include "cd-row-model.h"

G_BEGIN_DECLS

typedef struct {
  /* Name for set_sort() and cd_row_get_value_by_name(): [a-z0-9_]. */
  const char *name;
  /* SQL expression for the value, evaluated in "FROM <from>"; may be a
   * correlated subquery (an owner's display name, say). */
  const char *expr;
  /* ORDER BY terms when sorting on this column, comma separated, without
   * a direction ("name COLLATE NOCASE", "tier, name COLLATE NOCASE");
   * the direction is applied to each term. NULL: not sortable. */
  const char *sort;
} CdRowColumn;

/* @from is spliced into SQL as written (a table name, or a join); @id_expr
 * names the unique integer id ("id", "c.id"). The columns are copied. The
 * model starts unfiltered, in the order of the first sortable column
 * (or of the id), and is counted at once. */
CdRowModel *cd_row_model_new       (CdStore            *store,
                                    const char         *from,
                                    const char         *id_expr,
                                    const CdRowColumn  *columns,
                                    guint               n_columns);

/* The same, starting with a filter and sort (as cd_row_model_set_query())
 * so that opening a filtered list costs one COUNT, not two. */
CdRowModel *cd_row_model_new_full  (CdStore            *store,
                                    const char         *from,
                                    const char         *id_expr,
                                    const CdRowColumn  *columns,
                                    guint               n_columns,
                                    const char         *where,
                                    GVariant           *params,
                                    const char         *sort_column,
                                    gboolean            descending);

/* @where: an SQL condition (NULL or "" for all rows) with '?' or '?N'
 * parameters; @params: a GVariant tuple of their values in order, each
 * 's' (text), 'x'/'i'/'u'/'t' (integer), 'b' (0/1), 'd' (real) or a
 * maybe type ('ms', 'mx') for NULL; NULL when there are none. A floating
 * @params is consumed. Values must be passed as parameters, never
 * spliced into @where: the statement is cached by its text.
 * Emits one items-changed (0, old length, new length). */
void        cd_row_model_set_filter (CdRowModel  *self,
                                     const char  *where,
                                     GVariant    *params);
/* Filter and sort at once, with a single items-changed; counts again
 * only when the filter changed. */
void        cd_row_model_set_query  (CdRowModel  *self,
                                     const char  *where,
                                     GVariant    *params,
                                     const char  *sort_column,
                                     gboolean     descending);
/* For a filter that matches most rows of the table: @complement, an SQL
 * condition without parameters, matches exactly the other rows. The
 * count is then all rows (which SQLite counts from the table's pages)
 * minus those: 964 689 closed tickets of a million are counted in 6 ms
 * rather than 53 ms. NULL counts the filter itself. Takes effect with
 * the next filter or sort: set it just before the filter it belongs to. */
void        cd_row_model_set_count_complement (CdRowModel *self,
                                               const char *complement);

/* Writes "SELECT <columns> FROM … WHERE … ORDER BY …" for the current
 * filter and sort (for an export of exactly what the list shows) and
 * returns it; bind its parameters with cd_row_model_bind_params(). The
 * first result column is the id, then one per model column. */
char       *cd_row_model_dup_select_sql (CdRowModel *self);
GVariant   *cd_row_model_get_params (CdRowModel *self);
/* Binds a params tuple (as given to set_filter) from index 1 on.
 * Returns the number of values bound. */
int         cd_row_model_bind_params (sqlite3_stmt *stmt,
                                      GVariant     *params);

G_END_DECLS
