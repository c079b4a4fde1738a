/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "caredesk-training"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "cd-csv.h"
#include "cd-sql-util.h"
#include "cd-training-private.h"

/* One token per certification, in the matrix's order:
 * "<certification id>:<latest expiry not revoked, 0>:<latest record
 * revoked: 1, not: 0, none: -1>:<required: 1 or 0>". Every lookup is a
 * range of staff_certifications_staff (staff_id, certification_id). */
#define CELLS_EXPR \
  "(SELECT group_concat(cell, ',') FROM (SELECT c.id || ':'" \
  " || ifnull((SELECT max(sc.expires_at) FROM staff_certifications sc" \
  "     WHERE sc.staff_id = s.id AND sc.certification_id = c.id AND sc.revoked_at IS NULL), 0) || ':'" \
  " || ifnull((SELECT sc.revoked_at IS NOT NULL FROM staff_certifications sc" \
  "     WHERE sc.staff_id = s.id AND sc.certification_id = c.id ORDER BY sc.issued_at DESC, sc.id DESC LIMIT 1), -1) || ':'" \
  " || ((c.required_roles & " CD_TRAINING_ROLE_BIT ("s.role") ") != 0) AS cell" \
  " FROM certifications c WHERE c.archived = 0 ORDER BY " CD_TRAINING_CERT_ORDER "))"

#define HOLDS_VALID(cert) \
  "EXISTS (SELECT 1 FROM staff_certifications sc WHERE sc.staff_id = s.id AND sc.certification_id = " cert \
  " AND " CD_TRAINING_CERT_VALID_AT ("sc", "?1") ")"

#define COMPLIANCE_EXPR \
  "(SELECT CASE WHEN count(*) = 0 THEN NULL ELSE 100 * sum(" HOLDS_VALID ("c.id") ") / count(*) END" \
  " FROM certifications c WHERE c.archived = 0 AND (c.required_roles & " CD_TRAINING_ROLE_BIT ("s.role") ") != 0)"

static const CdRowColumn matrix_columns[CD_MATRIX_N_COLS] = {
  { "name", "s.display_name", "s.display_name COLLATE NOCASE" },
  { "role", "s.role", "s.role, s.display_name COLLATE NOCASE" },
  { "compliance", COMPLIANCE_EXPR, COMPLIANCE_EXPR ", s.display_name COLLATE NOCASE" },
  { "cells", CELLS_EXPR, NULL },
};

void
cd_matrix_filter_init (CdMatrixFilter *filter)
{
  g_return_if_fail (filter != NULL);
  memset (filter, 0, sizeof *filter);
  filter->role = -1;
}

void
cd_matrix_filter_clear (CdMatrixFilter *filter)
{
  g_return_if_fail (filter != NULL);
  g_clear_pointer (&filter->text, g_free);
  g_clear_pointer (&filter->sort_column, g_free);
}

/* ?1 the time of the query, ?2 the end of "within 30 days". */
static char *
matrix_where (CdStore               *store,
              const CdMatrixFilter  *filter,
              GVariant             **params)
{
  g_autoptr(GString) where = g_string_new ("s.active = 1 AND ?1 IS NOT NULL AND ?2 IS NOT NULL");
  g_autofree char *pattern = cd_training_like_pattern (filter->text);
  GVariantBuilder builder;
  gint64 now = cd_store_now (store);
  int n = 2;

  g_variant_builder_init (&builder, G_VARIANT_TYPE_TUPLE);
  g_variant_builder_add (&builder, "x", now);
  g_variant_builder_add (&builder, "x", cd_certification_expiring_limit (now));
  if (filter->role >= 0)
    {
      g_string_append_printf (where, " AND s.role = ?%d", ++n);
      g_variant_builder_add (&builder, "s", cd_role_to_nick ((CdRole) filter->role));
    }
  if (pattern != NULL)
    {
      g_string_append_printf (where, " AND s.display_name LIKE ?%d ESCAPE '\\'", ++n);
      g_variant_builder_add (&builder, "s", pattern);
    }
  if (filter->needs_attention)
    {
      n++;
      g_string_append_printf (where,
                              " AND EXISTS (SELECT 1 FROM certifications c WHERE c.archived = 0"
                              " AND (?%d = 0 OR c.id = ?%d) AND ("
                              "  ((c.required_roles & " CD_TRAINING_ROLE_BIT ("s.role") ") != 0"
                              "   AND NOT " HOLDS_VALID ("c.id") ")"
                              "  OR (SELECT max(sc.expires_at) FROM staff_certifications sc"
                              "      WHERE sc.staff_id = s.id AND sc.certification_id = c.id"
                              "        AND " CD_TRAINING_CERT_VALID_AT ("sc", "?1") ") < ?2))",
                              n, n);
      g_variant_builder_add (&builder, "x", filter->certification_id);
    }
  *params = g_variant_builder_end (&builder);
  return g_string_free (g_steal_pointer (&where), FALSE);
}

CdRowModel *
cd_matrix_list_new (CdStore              *store,
                    const CdMatrixFilter *filter)
{
  CdMatrixFilter defaults;
  g_autofree char *where = NULL;
  GVariant *params = NULL;

  g_return_val_if_fail (CD_IS_STORE (store), NULL);

  if (filter == NULL)
    {
      cd_matrix_filter_init (&defaults);
      filter = &defaults;
    }
  where = matrix_where (store, filter, &params);
  return cd_row_model_new_full (store, "staff s", "s.id", matrix_columns, CD_MATRIX_N_COLS, where, params,
                                cd_training_sort_column (matrix_columns, CD_MATRIX_N_COLS, filter->sort_column, "name"),
                                filter->sort_descending);
}

void
cd_matrix_list_set_filter (CdRowModel           *model,
                           const CdMatrixFilter *filter)
{
  CdMatrixFilter defaults;
  g_autofree char *where = NULL;
  GVariant *params = NULL;

  g_return_if_fail (CD_IS_ROW_MODEL (model));

  if (filter == NULL)
    {
      cd_matrix_filter_init (&defaults);
      filter = &defaults;
    }
  where = matrix_where (cd_row_model_get_store (model), filter, &params);
  cd_row_model_set_query (model, where, params,
                          cd_training_sort_column (matrix_columns, CD_MATRIX_N_COLS, filter->sort_column, "name"),
                          filter->sort_descending);
}

/* Cells ------------------------------------------------------------------------- */

static void
parse_cells (const char *text,
             GArray     *cells)
{
  const char *p = text;

  g_array_set_size (cells, 0);
  while (p != NULL && *p != '\0')
    {
      CdMatrixCell cell = { 0, };
      char *end = NULL;
      gint64 latest;

      cell.certification_id = g_ascii_strtoll (p, &end, 10);
      if (end == p || *end != ':')
        return;
      p = end + 1;
      cell.expires_at = g_ascii_strtoll (p, &end, 10);
      if (end == p || *end != ':')
        return;
      p = end + 1;
      latest = g_ascii_strtoll (p, &end, 10);
      if (end == p || *end != ':')
        return;
      p = end + 1;
      cell.required = g_ascii_strtoll (p, &end, 10) != 0;
      if (end == p)
        return;
      cell.held = latest >= 0;
      cell.revoked = latest > 0;
      g_array_append_val (cells, cell);
      p = *end == ',' ? end + 1 : NULL;
    }
}

void
cd_matrix_row_cells (CdRow  *row,
                     GArray *cells)
{
  g_return_if_fail (CD_IS_ROW (row));
  g_return_if_fail (cells != NULL && g_array_get_element_size (cells) == sizeof (CdMatrixCell));

  parse_cells (cd_row_get_value (row, CD_MATRIX_COL_CELLS), cells);
}

CdMatrixState
cd_matrix_cell_state (const CdMatrixCell *cell,
                      gint64              now)
{
  g_return_val_if_fail (cell != NULL, CD_MATRIX_NONE);

  if (!cell->held)
    return cell->required ? CD_MATRIX_MISSING : CD_MATRIX_NONE;
  if (cell->expires_at > now)
    return cd_certification_status (cell->expires_at, 0, now) == CD_CERT_EXPIRING ? CD_MATRIX_EXPIRING
                                                                                   : CD_MATRIX_ACTIVE;
  return cell->revoked ? CD_MATRIX_REVOKED : CD_MATRIX_EXPIRED;
}

char *
cd_matrix_cell_text (const CdMatrixCell *cell,
                     gint64              now)
{
  int days;

  g_return_val_if_fail (cell != NULL, NULL);

  switch (cd_matrix_cell_state (cell, now))
    {
    case CD_MATRIX_ACTIVE:
      /* Translators: a cell of the certification matrix; keep it short */
      return g_strdup_printf (_("%s Active"), cd_certification_status_symbol (CD_CERT_ACTIVE));
    case CD_MATRIX_EXPIRING:
      days = cd_certification_days_left (cell->expires_at, now);
      if (days <= 0)
        /* Translators: a cell of the certification matrix; keep it short */
        return g_strdup_printf (_("%s Today"), cd_certification_status_symbol (CD_CERT_EXPIRING));
      /* Translators: a cell of the certification matrix: days until it expires; keep it short */
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s %d day", "%s %d days", (gulong) days),
                              cd_certification_status_symbol (CD_CERT_EXPIRING), days);
    case CD_MATRIX_EXPIRED:
      /* Translators: a cell of the certification matrix; keep it short */
      return g_strdup_printf (_("%s Expired"), cd_certification_status_symbol (CD_CERT_EXPIRED));
    case CD_MATRIX_REVOKED:
      /* Translators: a cell of the certification matrix; keep it short */
      return g_strdup_printf (_("%s Revoked"), cd_certification_status_symbol (CD_CERT_REVOKED));
    case CD_MATRIX_MISSING:
      /* Translators: a cell of the certification matrix: required but never held; keep it short */
      return g_strdup (_("○ Missing"));
    case CD_MATRIX_NONE:
    default:
      return g_strdup ("");
    }
}

/* Compliance ------------------------------------------------------------------- */

int
cd_compliance_percent (const CdCompliance *compliance)
{
  g_return_val_if_fail (compliance != NULL, -1);

  if (compliance->n_counted == 0)
    return -1;
  return (int) ((guint64) compliance->n_holding * 100 / compliance->n_counted);
}

#define PEOPLE "s.active = 1 AND (?2 IS NULL OR s.role = ?2) AND (?3 IS NULL OR s.display_name LIKE ?3 ESCAPE '\\')"
#define COUNTED \
  "(CASE WHEN c.required_roles != 0 THEN (c.required_roles & " CD_TRAINING_ROLE_BIT ("s.role") ") != 0" \
  " ELSE EXISTS (SELECT 1 FROM staff_certifications sc WHERE sc.staff_id = s.id AND sc.certification_id = c.id) END)"

gboolean
cd_matrix_compliance (CdStore               *store,
                      const CdMatrixFilter  *filter,
                      GArray                *per_certification,
                      CdCompliance          *overall,
                      GError               **error)
{
  g_autofree char *pattern = NULL;
  sqlite3_stmt *stmt;
  CdCompliance total = { 0, };
  int rc;

  g_return_val_if_fail (CD_IS_STORE (store), FALSE);
  g_return_val_if_fail (per_certification == NULL ||
                        g_array_get_element_size (per_certification) == sizeof (CdCompliance), FALSE);

  if (per_certification != NULL)
    g_array_set_size (per_certification, 0);
  pattern = filter != NULL ? cd_training_like_pattern (filter->text) : NULL;

  stmt = cd_store_prepare (store,
                           "SELECT c.id,"
                           " (SELECT count(*) FROM staff s WHERE " PEOPLE " AND " COUNTED "),"
                           " (SELECT count(*) FROM staff s WHERE " PEOPLE " AND " COUNTED " AND " HOLDS_VALID ("c.id") ")"
                           " FROM certifications c WHERE c.archived = 0 ORDER BY " CD_TRAINING_CERT_ORDER, error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, cd_store_now (store));
  if (filter != NULL && filter->role >= 0)
    sqlite3_bind_text (stmt, 2, cd_role_to_nick ((CdRole) filter->role), -1, SQLITE_STATIC);
  if (pattern != NULL)
    sqlite3_bind_text (stmt, 3, pattern, -1, SQLITE_TRANSIENT);
  while ((rc = cd_store_step (store, stmt, error)) == SQLITE_ROW)
    {
      CdCompliance c = {
        sqlite3_column_int64 (stmt, 0),
        (guint) sqlite3_column_int64 (stmt, 1),
        (guint) sqlite3_column_int64 (stmt, 2),
      };
      total.n_counted += c.n_counted;
      total.n_holding += c.n_holding;
      if (per_certification != NULL)
        g_array_append_val (per_certification, c);
    }
  sqlite3_clear_bindings (stmt);
  sqlite3_reset (stmt);
  if (rc < 0)
    return FALSE;
  if (overall != NULL)
    *overall = total;
  return TRUE;
}

/* Export ------------------------------------------------------------------------- */

static char *
cell_export_text (const CdMatrixCell *cell,
                  gint64              now)
{
  g_autoptr(GDateTime) day = cell->expires_at > 0 ? g_date_time_new_from_unix_local (cell->expires_at) : NULL;
  g_autofree char *date = day != NULL ? g_date_time_format (day, "%Y-%m-%d") : NULL;

  switch (cd_matrix_cell_state (cell, now))
    {
    case CD_MATRIX_ACTIVE:
      /* Translators: a cell of the exported matrix, with the expiry date */
      return g_strdup_printf (_("Active until %s"), date);
    case CD_MATRIX_EXPIRING:
      /* Translators: a cell of the exported matrix, with the expiry date */
      return g_strdup_printf (_("Expiring %s"), date);
    case CD_MATRIX_EXPIRED:
      /* Translators: a cell of the exported matrix, with the expiry date */
      return date != NULL ? g_strdup_printf (_("Expired %s"), date) : g_strdup (_("Expired"));
    case CD_MATRIX_REVOKED:
      return g_strdup (_("Revoked"));
    case CD_MATRIX_MISSING:
      return g_strdup (_("Missing"));
    case CD_MATRIX_NONE:
    default:
      return g_strdup ("");
    }
}

gboolean
cd_matrix_export (CdStore               *store,
                  const CdMatrixFilter  *filter,
                  const char            *csv_path,
                  guint                 *n_people,
                  GError               **error)
{
  g_autoptr(GPtrArray) certifications = NULL;
  g_autoptr(CdRowModel) model = NULL;
  g_autoptr(CdTrainingCsv) csv = NULL;
  g_autoptr(GPtrArray) header = NULL;
  g_autoptr(GArray) cells = g_array_new (FALSE, TRUE, sizeof (CdMatrixCell));
  g_autofree char *sql = NULL;
  sqlite3_stmt *stmt;
  gint64 now;
  guint n = 0;
  int rc;

  g_return_val_if_fail (CD_IS_STORE (store), FALSE);
  g_return_val_if_fail (csv_path != NULL, FALSE);

  if (n_people != NULL)
    *n_people = 0;
  if (cd_store_get_staff_id (store) == 0)
    {
      g_set_error_literal (error, CD_STORE_ERROR, CD_STORE_ERROR_PERMISSION,
                           _("Nobody is signed in, so nothing can be exported."));
      return FALSE;
    }
  certifications = cd_certifications_list (store, FALSE, error);
  if (certifications == NULL)
    return FALSE;
  now = cd_store_now (store);
  model = cd_matrix_list_new (store, filter);
  if (cd_row_model_get_error (model) != NULL)
    {
      g_propagate_error (error, g_error_copy (cd_row_model_get_error (model)));
      return FALSE;
    }

  csv = cd_training_csv_open (csv_path, error);
  if (csv == NULL)
    return FALSE;

  header = g_ptr_array_new_with_free_func (g_free);
  g_ptr_array_add (header, g_strdup (_("Name")));
  g_ptr_array_add (header, g_strdup (_("Role")));
  g_ptr_array_add (header, g_strdup (_("Compliance %")));
  for (guint i = 0; i < certifications->len; i++)
    {
      CdCertification *c = g_ptr_array_index (certifications, i);
      if (filter == NULL || filter->certification_id == 0 || filter->certification_id == c->id)
        g_ptr_array_add (header, cd_certification_display_name (c->name, c->level));
    }
  if (!cd_training_csv_row (csv, (const char * const *) header->pdata, (int) header->len, error))
    return FALSE;

  sql = cd_row_model_dup_select_sql (model);
  stmt = cd_store_prepare (store, sql, error);
  if (stmt == NULL)
    return FALSE;
  cd_row_model_bind_params (stmt, cd_row_model_get_params (model));
  while ((rc = cd_store_step (store, stmt, error)) == SQLITE_ROW)
    {
      g_autoptr(GPtrArray) fields = g_ptr_array_new_with_free_func (g_free);
      int role = cd_role_from_nick ((const char *) sqlite3_column_text (stmt, 1 + CD_MATRIX_COL_ROLE));

      g_ptr_array_add (fields, cd_sql_column_dup (stmt, 1 + CD_MATRIX_COL_NAME));
      g_ptr_array_add (fields, g_strdup (role >= 0 ? cd_role_label ((CdRole) role) : ""));
      g_ptr_array_add (fields, cd_sql_column_dup (stmt, 1 + CD_MATRIX_COL_COMPLIANCE));
      parse_cells ((const char *) sqlite3_column_text (stmt, 1 + CD_MATRIX_COL_CELLS), cells);
      for (guint i = 0; i < cells->len; i++)
        {
          const CdMatrixCell *cell = &g_array_index (cells, CdMatrixCell, i);
          if (filter == NULL || filter->certification_id == 0 || filter->certification_id == cell->certification_id)
            g_ptr_array_add (fields, cell_export_text (cell, now));
        }
      if (!cd_training_csv_row (csv, (const char * const *) fields->pdata, (int) fields->len, error))
        {
          sqlite3_reset (stmt);
          return FALSE;
        }
      n++;
    }
  sqlite3_reset (stmt);
  if (rc < 0)
    return FALSE;

  if (!cd_training_csv_commit (store, csv, "certifications", 0, "matrix", n, error))
    return FALSE;
  if (n_people != NULL)
    *n_people = n;
  return TRUE;
}

/* Valid at ?1 as it stood then: a revocation after ?1 does not reach
 * back. */
#define HELD_AT(cert) \
  "EXISTS (SELECT 1 FROM staff_certifications sc WHERE sc.staff_id = s.id AND sc.certification_id = " cert \
  " AND sc.issued_at <= ?1 AND sc.expires_at > ?1 AND (sc.revoked_at IS NULL OR sc.revoked_at > ?1))"

GArray *
cd_compliance_by_person (CdStore  *store,
                         gint64    at,
                         GError  **error)
{
  g_autoptr(GArray) people = g_array_new (FALSE, TRUE, sizeof (CdPersonCompliance));
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (CD_IS_STORE (store), NULL);

  stmt = cd_store_prepare (store,
                           "SELECT s.id, count(*), sum(" HELD_AT ("c.id") ") FROM staff s"
                           " JOIN certifications c ON c.archived = 0"
                           " AND (c.required_roles & " CD_TRAINING_ROLE_BIT ("s.role") ") != 0"
                           " GROUP BY s.id ORDER BY s.id", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, at);
  while ((rc = cd_store_step (store, stmt, error)) == SQLITE_ROW)
    {
      CdPersonCompliance c = {
        sqlite3_column_int64 (stmt, 0),
        (guint) sqlite3_column_int64 (stmt, 1),
        (guint) sqlite3_column_int64 (stmt, 2),
      };

      g_array_append_val (people, c);
    }
  sqlite3_reset (stmt);
  return rc == SQLITE_DONE ? g_steal_pointer (&people) : NULL;
}
