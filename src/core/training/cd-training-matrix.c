/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "caredesk-training"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "cd-csv.h"
#include "cd-sql-util.h"
#include "cd-training-private.h"

/* A row's cells, in one column: the certifications of the matrix, in
 * its order, with the roles that must hold each ("<id>:<required
 * roles>", comma separated), then "|", then the person's records in the
 * order of certification, issue and id ("<certification id>:<expiry>",
 * or "<certification id>:r" for a revoked one). The list of
 * certifications is the same on every row, so SQLite makes it once per
 * statement; a row reads only its person's records, one range of
 * staff_certifications_held, and cd_matrix_row_cells() puts the two
 * together. A page of 256 people by 60 certifications is then some
 * 5 000 index entries rather than 30 000 lookups and 256 sorts. */
#define CERTIFICATIONS_EXPR \
  "(SELECT group_concat(id || ':' || required_roles, ',') FROM (SELECT id, required_roles FROM certifications" \
  " WHERE archived = 0 ORDER BY " CD_TRAINING_CERT_ORDER "))"
#define RECORDS_EXPR \
  "(SELECT group_concat(certification_id || ':' || iif(revoked_at IS NULL, expires_at, 'r'), ',')" \
  " FROM (SELECT certification_id, expires_at, revoked_at FROM staff_certifications" \
  "       WHERE staff_id = s.id ORDER BY certification_id, issued_at, id))"
#define CELLS_EXPR "(" CERTIFICATIONS_EXPR " || '|' || ifnull(" RECORDS_EXPR ", ''))"

/* How many certifications (not archived, and matching @extra) the role
 * of s must hold. Each of the four subqueries is run once per statement,
 * not once per person. */
#define REQUIRED_FOR_ROLE(extra) \
  "(CASE s.role" \
  " WHEN 'rep' THEN (SELECT count(*) FROM certifications WHERE archived = 0 AND (required_roles & 1) != 0" extra ")" \
  " WHEN 'lead' THEN (SELECT count(*) FROM certifications WHERE archived = 0 AND (required_roles & 2) != 0" extra ")" \
  " WHEN 'trainer' THEN (SELECT count(*) FROM certifications WHERE archived = 0 AND (required_roles & 4) != 0" extra ")" \
  " WHEN 'admin' THEN (SELECT count(*) FROM certifications WHERE archived = 0 AND (required_roles & 8) != 0" extra ")" \
  " END)"

/* The valid records of s at ?1, of certifications not archived (and
 * matching @extra), one row per certification: whether the role of s
 * must hold it (req) and the latest expiry (latest). */
#define VALID_HELD(extra) \
  "(SELECT max((c.required_roles & " CD_TRAINING_ROLE_BIT ("s.role") ") != 0) AS req, max(sc.expires_at) AS latest" \
  " FROM staff_certifications sc JOIN certifications c ON c.id = sc.certification_id" \
  " WHERE sc.staff_id = s.id AND " CD_TRAINING_CERT_VALID_AT ("sc", "?1") " AND c.archived = 0" extra \
  " GROUP BY sc.certification_id)"

/* Of the certifications the role must hold, the share held valid at ?1:
 * from the person's own records, once per row. NULL when the role must
 * hold none. */
#define COMPLIANCE_EXPR \
  "(100 * (SELECT count(DISTINCT sc.certification_id)" \
  "  FROM staff_certifications sc JOIN certifications c ON c.id = sc.certification_id" \
  "  WHERE sc.staff_id = s.id AND " CD_TRAINING_CERT_VALID_AT ("sc", "?1") " AND c.archived = 0" \
  "    AND (c.required_roles & " CD_TRAINING_ROLE_BIT ("s.role") ") != 0)" \
  " / nullif(" REQUIRED_FOR_ROLE ("") ", 0))"

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

/* Filtered on the certification ?3 (0: any). */
#define ONLY_CERTIFICATION(id) " AND (?3 = 0 OR " id " = ?3)"

/* A required certification not held valid (fewer held than required),
 * or one held whose latest valid record runs out before ?2. */
#define ATTENTION_EXPR \
  "(SELECT ifnull(sum(g.req), 0) < " REQUIRED_FOR_ROLE (ONLY_CERTIFICATION ("id")) \
  " OR ifnull(max(g.latest < ?2), 0) FROM " VALID_HELD (ONLY_CERTIFICATION ("c.id")) " g)"

/* ?1 the time of the query, ?2 the end of "within 30 days", ?3 the
 * certification "needs attention" looks at (0: all of them). */
static char *
matrix_where (CdStore               *store,
              const CdMatrixFilter  *filter,
              GVariant             **params)
{
  g_autoptr(GString) where = g_string_new ("s.active = 1 AND ?1 IS NOT NULL AND ?2 IS NOT NULL AND ?3 IS NOT NULL");
  g_autofree char *pattern = cd_training_like_pattern (filter->text);
  GVariantBuilder builder;
  gint64 now = cd_store_now (store);
  int n = 3;

  g_variant_builder_init (&builder, G_VARIANT_TYPE_TUPLE);
  g_variant_builder_add (&builder, "x", now);
  g_variant_builder_add (&builder, "x", cd_certification_expiring_limit (now));
  g_variant_builder_add (&builder, "x", filter->certification_id);
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
    g_string_append (where, " AND " ATTENTION_EXPR);
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

/* What a person holds of one certification, from their records in the
 * order of issue: the latest expiry not revoked, and whether the latest
 * record was revoked. */
typedef struct {
  gint64   certification_id;
  gint64   expires_at;
  gboolean has_expiry;
  gboolean revoked;
} Held;

static const Held *
find_held (GArray *held,
           gint64  certification_id)
{
  for (guint i = 0; i < held->len; i++)
    if (g_array_index (held, Held, i).certification_id == certification_id)
      return &g_array_index (held, Held, i);
  return NULL;
}

/* Reads CELLS_EXPR; @role is the row's role nick. */
static void
parse_cells (const char *text,
             const char *role,
             GArray     *cells)
{
  g_autoptr(GArray) held = g_array_new (FALSE, TRUE, sizeof (Held));
  const char *records;
  const char *p;
  int role_index = role != NULL ? cd_role_from_nick (role) : -1;
  guint role_bit = role_index >= 0 ? CD_ROLE_BIT (role_index) : 0;

  g_array_set_size (cells, 0);
  if (text == NULL || (records = strchr (text, '|')) == NULL)
    return;

  for (p = records + 1; *p != '\0';)
    {
      Held *h;
      char *end = NULL;
      gint64 certification_id = g_ascii_strtoll (p, &end, 10);

      if (end == p || *end != ':')
        return;
      p = end + 1;
      h = (Held *) find_held (held, certification_id);
      if (h == NULL)
        {
          Held fresh = { certification_id, 0, FALSE, FALSE };

          g_array_append_val (held, fresh);
          h = &g_array_index (held, Held, held->len - 1);
        }
      if (*p == 'r')
        {
          h->revoked = TRUE;
          end = (char *) p + 1;
        }
      else
        {
          gint64 expires_at = g_ascii_strtoll (p, &end, 10);

          if (end == p)
            return;
          h->revoked = FALSE;
          if (!h->has_expiry || expires_at > h->expires_at)
            h->expires_at = expires_at;
          h->has_expiry = TRUE;
        }
      if (*end != ',' && *end != '\0')
        return;
      p = *end == ',' ? end + 1 : end;
    }

  for (p = text; p < records;)
    {
      CdMatrixCell cell = { 0, };
      const Held *h;
      char *end = NULL;
      guint64 roles;

      cell.certification_id = g_ascii_strtoll (p, &end, 10);
      if (end == p || *end != ':')
        return;
      p = end + 1;
      roles = g_ascii_strtoull (p, &end, 10);
      if (end == p || (*end != ',' && *end != '|'))
        return;
      p = end + 1;
      cell.required = (roles & role_bit) != 0;
      h = find_held (held, cell.certification_id);
      if (h != NULL)
        {
          cell.held = TRUE;
          cell.revoked = h->revoked;
          cell.expires_at = h->has_expiry ? h->expires_at : 0;
        }
      g_array_append_val (cells, cell);
    }
}

void
cd_matrix_row_cells (CdRow  *row,
                     GArray *cells)
{
  g_return_if_fail (CD_IS_ROW (row));
  g_return_if_fail (cells != NULL && g_array_get_element_size (cells) == sizeof (CdMatrixCell));

  parse_cells (cd_row_get_value (row, CD_MATRIX_COL_CELLS), cd_row_get_value (row, CD_MATRIX_COL_ROLE), cells);
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
/* Of the people selected, those of @role when c must be held by it; each
 * of the four counts is made once per statement. */
#define MUST_HOLD(bit, role) \
  "((c.required_roles & " bit ") != 0) * (SELECT count(*) FROM staff s WHERE " PEOPLE " AND s.role = '" role "')"

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

  /* One pass over the records of the people selected, in the order of
   * staff_certifications_held: x is where a person stands in one
   * certification (held, and valid now or not), y counts those by
   * certification and role, so a certification is a handful of rows of
   * y rather than a look at every person. */
  stmt = cd_store_prepare (store,
                           "SELECT c.id,"
                           " CASE WHEN c.required_roles != 0 THEN "
                           MUST_HOLD ("1", "rep") " + " MUST_HOLD ("2", "lead") " + "
                           MUST_HOLD ("4", "trainer") " + " MUST_HOLD ("8", "admin")
                           " ELSE ifnull(sum(y.people), 0) END,"
                           " ifnull(sum(CASE WHEN c.required_roles = 0 OR (c.required_roles & y.bit) != 0"
                           "   THEN y.holding END), 0)"
                           " FROM certifications c LEFT JOIN"
                           " (SELECT x.certification_id, x.bit, count(*) AS people, sum(x.valid) AS holding"
                           "  FROM (SELECT sc.certification_id, " CD_TRAINING_ROLE_BIT ("s.role") " AS bit,"
                           "        max(" CD_TRAINING_CERT_VALID_AT ("sc", "?1") ") AS valid"
                           "        FROM staff s JOIN staff_certifications sc ON sc.staff_id = s.id"
                           "        WHERE " PEOPLE
                           "        GROUP BY s.id, sc.certification_id) x"
                           "  GROUP BY x.certification_id, x.bit) y ON y.certification_id = c.id"
                           " WHERE c.archived = 0 GROUP BY c.id ORDER BY " CD_TRAINING_CERT_ORDER, error);
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
      parse_cells ((const char *) sqlite3_column_text (stmt, 1 + CD_MATRIX_COL_CELLS),
                   (const char *) sqlite3_column_text (stmt, 1 + CD_MATRIX_COL_ROLE), cells);
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
