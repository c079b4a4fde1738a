/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "caredesk-training"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "cd-sql-util.h"
#include "cd-training-private.h"

void
cd_coverage_free (CdCoverage *coverage)
{
  if (coverage == NULL)
    return;
  g_free (coverage->category_name);
  g_free (coverage->certifications);
  g_clear_pointer (&coverage->lapsing, g_ptr_array_unref);
  g_clear_pointer (&coverage->lapse_at, g_array_unref);
  g_free (coverage);
}

typedef struct {
  char   *name;
  gint64  until;
} Cover;

static void
cover_clear (gpointer data)
{
  g_free (((Cover *) data)->name);
}

static int
compare_covers (gconstpointer a,
                gconstpointer b)
{
  const Cover *ca = a, *cb = b;

  if (ca->until != cb->until)
    return ca->until < cb->until ? -1 : 1;
  return g_utf8_collate (ca->name, cb->name);
}

/* Every active rep who covers the category now, with when their cover
 * lapses, soonest first. */
static GArray *
load_covers (CdStore  *store,
             gint64    category_id,
             gint64    now,
             GError  **error)
{
  g_autoptr(GArray) covers = g_array_new (FALSE, TRUE, sizeof (Cover));
  sqlite3_stmt *stmt;
  int rc;

  g_array_set_clear_func (covers, cover_clear);
  stmt = cd_store_prepare (store,
                           "SELECT s.display_name,"
                           " (SELECT max(sc.expires_at) FROM staff_certifications sc"
                           "   JOIN certification_categories cc ON cc.certification_id = sc.certification_id"
                           "  WHERE cc.category_id = ?1 AND sc.staff_id = s.id AND "
                           CD_TRAINING_CERT_VALID_AT ("sc", "?2") ")"
                           " FROM staff s WHERE s.active = 1 AND s.role = 'rep'", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, category_id);
  sqlite3_bind_int64 (stmt, 2, now);
  while ((rc = cd_store_step (store, stmt, error)) == SQLITE_ROW)
    {
      Cover cover;

      if (sqlite3_column_type (stmt, 1) == SQLITE_NULL)
        continue;
      cover.name = cd_sql_column_dup (stmt, 0);
      cover.until = sqlite3_column_int64 (stmt, 1);
      g_array_append_val (covers, cover);
    }
  sqlite3_reset (stmt);
  if (rc < 0)
    return NULL;
  g_array_sort (covers, compare_covers);
  return g_steal_pointer (&covers);
}

/* When the cover of a category that is below its minimum now last
 * shrank: the latest expiry or revocation of a qualifying certification
 * of an active rep. The same instant on every desktop, so the reminder
 * about it is the same one. */
static gint64
last_lapse (CdStore  *store,
            gint64    category_id,
            gint64    now,
            GError  **error)
{
  sqlite3_stmt *stmt = cd_store_prepare (store,
                                         "SELECT max(max(ifnull(CASE WHEN sc.expires_at <= ?2 THEN sc.expires_at END, 0),"
                                         "               ifnull(CASE WHEN sc.revoked_at <= ?2 THEN sc.revoked_at END, 0)))"
                                         " FROM staff_certifications sc"
                                         " JOIN certification_categories cc ON cc.certification_id = sc.certification_id"
                                         " JOIN staff s ON s.id = sc.staff_id AND s.active = 1 AND s.role = 'rep'"
                                         " WHERE cc.category_id = ?1", error);
  gint64 t = 0;
  int rc;

  if (stmt == NULL)
    return -1;
  sqlite3_bind_int64 (stmt, 1, category_id);
  sqlite3_bind_int64 (stmt, 2, now);
  rc = cd_store_step (store, stmt, error);
  if (rc == SQLITE_ROW)
    t = cd_sql_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  return rc < 0 ? -1 : t;
}

static CdCoverage *
compute (CdStore       *store,
         sqlite3_stmt  *stmt,
         gint64         now,
         gint64         on_date,
         GError       **error)
{
  g_autoptr(CdCoverage) coverage = g_new0 (CdCoverage, 1);
  g_autoptr(GArray) covers = NULL;
  gint64 until;

  coverage->category_id = sqlite3_column_int64 (stmt, 0);
  coverage->category_name = cd_sql_column_dup (stmt, 1);
  coverage->minimum = sqlite3_column_int (stmt, 2);
  coverage->version = sqlite3_column_int64 (stmt, 3);
  coverage->certifications = cd_sql_column_dup (stmt, 4);
  coverage->on_date = on_date;
  coverage->lapsing = g_ptr_array_new_with_free_func (g_free);
  coverage->lapse_at = g_array_new (FALSE, FALSE, sizeof (gint64));

  covers = load_covers (store, coverage->category_id, now, error);
  if (covers == NULL)
    return NULL;
  coverage->n_now = covers->len;
  for (guint i = 0; i < covers->len; i++)
    if (g_array_index (covers, Cover, i).until > on_date)
      coverage->n_on_date++;

  until = on_date;
  if (coverage->minimum > 0 && (int) coverage->n_now < coverage->minimum)
    {
      coverage->below_now = TRUE;
      coverage->drop_at = last_lapse (store, coverage->category_id, now, error);
      if (coverage->drop_at < 0)
        return NULL;
    }
  else if (coverage->minimum > 0)
    {
      /* Each lapse takes one away: the one that leaves fewer than the
       * minimum is the drop. */
      for (guint i = 0; i < covers->len; i++)
        {
          const Cover *c = &g_array_index (covers, Cover, i);

          if (c->until > on_date)
            break;
          if ((int) (covers->len - i - 1) < coverage->minimum)
            {
              coverage->drop_at = c->until;
              until = c->until;
              break;
            }
        }
    }

  for (guint i = 0; i < covers->len; i++)
    {
      const Cover *c = &g_array_index (covers, Cover, i);

      if (c->until > until)
        break;
      g_ptr_array_add (coverage->lapsing, g_strdup (c->name));
      g_array_append_val (coverage->lapse_at, c->until);
    }
  return g_steal_pointer (&coverage);
}

#define CATEGORY_SELECT \
  "SELECT t.id, t.name, t.min_coverage, t.version," \
  " (SELECT group_concat(n, ' / ') FROM (SELECT c.name || ifnull(' (' || c.level || ')', '') AS n" \
  "   FROM certification_categories cc JOIN certifications c ON c.id = cc.certification_id" \
  "  WHERE cc.category_id = t.id ORDER BY c.name COLLATE NOCASE, c.level COLLATE NOCASE))" \
  " FROM ticket_categories t WHERE EXISTS (SELECT 1 FROM certification_categories cc WHERE cc.category_id = t.id)"

static gint64
default_date (CdStore *store,
              gint64   on_date)
{
  gint64 now = cd_store_now (store);

  if (on_date > 0)
    return on_date;
  return now + (gint64) CD_CERTIFICATION_EXPIRING_DAYS * 86400;
}

GPtrArray *
cd_coverage_list (CdStore  *store,
                  gint64    on_date,
                  GError  **error)
{
  g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func ((GDestroyNotify) cd_coverage_free);
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (CD_IS_STORE (store), NULL);

  on_date = default_date (store, on_date);

  /* Read the categories first: computing one prepares other statements. */
  stmt = cd_store_prepare (store, "SELECT t.id FROM ticket_categories t WHERE EXISTS"
                                  " (SELECT 1 FROM certification_categories cc WHERE cc.category_id = t.id)"
                                  " ORDER BY t.name COLLATE NOCASE, t.id", error);
  if (stmt == NULL)
    return NULL;
  while ((rc = cd_store_step (store, stmt, error)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      g_ptr_array_add (ids, g_memdup2 (&id, sizeof id));
    }
  sqlite3_reset (stmt);
  if (rc < 0)
    return NULL;

  for (guint i = 0; i < ids->len; i++)
    {
      CdCoverage *coverage = cd_coverage_load (store, *(gint64 *) g_ptr_array_index (ids, i), on_date, error);
      if (coverage == NULL)
        return NULL;
      g_ptr_array_add (list, coverage);
    }
  return g_steal_pointer (&list);
}

CdCoverage *
cd_coverage_load (CdStore  *store,
                  gint64    category_id,
                  gint64    on_date,
                  GError  **error)
{
  sqlite3_stmt *stmt;
  CdCoverage *coverage;
  int rc;

  g_return_val_if_fail (CD_IS_STORE (store), NULL);

  on_date = default_date (store, on_date);
  stmt = cd_store_prepare (store, CATEGORY_SELECT " AND t.id = ?1", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, category_id);
  rc = cd_store_step (store, stmt, error);
  if (rc != SQLITE_ROW)
    {
      sqlite3_reset (stmt);
      if (rc == SQLITE_DONE)
        g_set_error_literal (error, CD_STORE_ERROR, CD_STORE_ERROR_NOT_FOUND,
                             _("This ticket category requires no certification (any more)."));
      return NULL;
    }
  /* compute() prepares statements of its own; this one stays on its row
   * meanwhile, which a cached statement of another text allows. */
  coverage = compute (store, stmt, cd_store_now (store), on_date, error);
  sqlite3_reset (stmt);
  return coverage;
}

GPtrArray *
cd_coverage_warnings (CdStore  *store,
                      gint64    on_date,
                      GError  **error)
{
  g_autoptr(GPtrArray) list = cd_coverage_list (store, on_date, error);

  if (list == NULL)
    return NULL;
  for (guint i = list->len; i > 0; i--)
    {
      CdCoverage *c = g_ptr_array_index (list, i - 1);
      if (!c->below_now && c->drop_at == 0)
        g_ptr_array_remove_index (list, i - 1);
    }
  return g_steal_pointer (&list);
}

gboolean
cd_coverage_set_minimum (CdStore  *store,
                         gint64    category_id,
                         gint64    expected_version,
                         int       minimum,
                         GError  **error)
{
  g_autofree char *text = g_strdup_printf ("%d", minimum);
  const CdField fields[] = { { "min_coverage", text } };

  g_return_val_if_fail (CD_IS_STORE (store), FALSE);

  if (cd_store_get_staff_id (store) == 0)
    {
      g_set_error_literal (error, CD_STORE_ERROR, CD_STORE_ERROR_PERMISSION,
                           _("Nobody is signed in, so nothing can be saved."));
      return FALSE;
    }
  if (!cd_store_require_role (store, CD_COVERAGE_EDITOR_ROLES, error))
    return FALSE;
  if (minimum < 0 || minimum > CD_COVERAGE_MAX_MINIMUM)
    {
      g_set_error (error, CD_STORE_ERROR, CD_STORE_ERROR_INVALID,
                   _("The minimum is a number of reps from 0 to %d."), CD_COVERAGE_MAX_MINIMUM);
      return FALSE;
    }
  return cd_store_update (store, "ticket_categories", category_id, expected_version, fields,
                          G_N_ELEMENTS (fields), error);
}

char *
cd_coverage_people_text (const CdCoverage *coverage,
                         guint             max_names)
{
  g_autoptr(GString) text = g_string_new (NULL);
  guint n;

  g_return_val_if_fail (coverage != NULL, NULL);

  n = coverage->lapsing->len;
  for (guint i = 0; i < n && i < max_names; i++)
    {
      if (i > 0)
        g_string_append (text, (i + 1 == n && n <= max_names) ? _(" and ") : _(", "));
      g_string_append (text, g_ptr_array_index (coverage->lapsing, i));
    }
  if (n > max_names)
    {
      guint more = n - max_names;
      g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE, " and %u other", " and %u others", more), more);
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}
