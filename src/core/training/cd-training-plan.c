/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "caredesk-training"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "cd-sql-util.h"
#include "cd-training-private.h"

#define MIN_YEAR 2000
#define MAX_YEAR 2200

const char *
cd_plan_status_label (CdPlanStatus status)
{
  switch (status)
    {
    case CD_PLAN_LATE: return C_("plan", "Late");
    case CD_PLAN_DUE:  return C_("plan", "Due");
    case CD_PLAN_DONE: return C_("plan", "Done");
    default:           return "";
    }
}

void
cd_plan_item_free (CdPlanItem *item)
{
  if (item == NULL)
    return;
  g_free (item->staff_name);
  g_free (item->course_title);
  g_free (item);
}

CdPlanStatus
cd_plan_item_status (const CdPlanItem *item,
                     gint64            now)
{
  g_return_val_if_fail (item != NULL, CD_PLAN_DUE);

  if (item->done_at != 0)
    return CD_PLAN_DONE;
  return item->due_at < now ? CD_PLAN_LATE : CD_PLAN_DUE;
}

CdPlanItem *
cd_training_read_plan_item (sqlite3_stmt *stmt)
{
  CdPlanItem *item = g_new0 (CdPlanItem, 1);

  item->id = sqlite3_column_int64 (stmt, 0);
  item->year = sqlite3_column_int (stmt, 1);
  item->staff_id = sqlite3_column_int64 (stmt, 2);
  item->course_id = sqlite3_column_int64 (stmt, 3);
  item->due_at = sqlite3_column_int64 (stmt, 4);
  item->completed_at = cd_sql_column_int64 (stmt, 5);
  item->done_at = cd_sql_column_int64 (stmt, 6);
  item->version = sqlite3_column_int64 (stmt, 7);
  item->staff_name = cd_sql_column_dup (stmt, 8);
  item->course_title = cd_sql_column_dup (stmt, 9);
  item->hours = sqlite3_column_double (stmt, 10);
  return item;
}

CdPlanItem *
cd_plan_item_load (CdStore  *store,
                   gint64    id,
                   GError  **error)
{
  sqlite3_stmt *stmt;
  CdPlanItem *item = NULL;
  int rc;

  g_return_val_if_fail (CD_IS_STORE (store), NULL);

  stmt = cd_store_prepare (store, CD_TRAINING_PLAN_SELECT " WHERE p.id = ?1", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, id);
  rc = cd_store_step (store, stmt, error);
  if (rc == SQLITE_ROW)
    item = cd_training_read_plan_item (stmt);
  sqlite3_reset (stmt);
  if (rc == SQLITE_DONE)
    g_set_error_literal (error, CD_STORE_ERROR, CD_STORE_ERROR_NOT_FOUND,
                         _("This item is no longer in the plan; someone may have removed it."));
  return item;
}

/* Writes ----------------------------------------------------------------------- */

static gboolean
check_year (int      year,
            GError **error)
{
  if (year < MIN_YEAR || year > MAX_YEAR)
    {
      g_set_error (error, CD_STORE_ERROR, CD_STORE_ERROR_INVALID,
                   _("A plan is for a year from %d to %d."), MIN_YEAR, MAX_YEAR);
      return FALSE;
    }
  return TRUE;
}

static gboolean
check_course (CdStore  *store,
              gint64    course_id,
              GError  **error)
{
  GError *local_error = NULL;
  gint64 archived = course_id > 0
                    ? cd_store_query_int (store, "SELECT archived FROM courses WHERE id = ?1", course_id, -1, &local_error)
                    : -1;

  if (local_error != NULL)
    {
      g_propagate_error (error, local_error);
      return FALSE;
    }
  if (archived < 0)
    {
      g_set_error_literal (error, CD_STORE_ERROR, CD_STORE_ERROR_INVALID,
                           _("Choose a course from the list."));
      return FALSE;
    }
  if (archived > 0)
    {
      g_set_error_literal (error, CD_STORE_ERROR, CD_STORE_ERROR_INVALID,
                           _("This course is archived. Restore it first, or choose another course."));
      return FALSE;
    }
  return TRUE;
}

gboolean
cd_plan_add (CdStore       *store,
             int            year,
             gint64         course_id,
             const gint64  *staff_ids,
             guint          n_staff,
             gint64         due_at,
             guint         *n_added,
             GError       **error)
{
  g_autofree char *year_text = g_strdup_printf ("%d", year);
  g_autofree char *course_text = cd_int_text (course_id);
  g_autofree char *due_text = cd_int_text (due_at);
  GError *local_error = NULL;
  guint added = 0;

  g_return_val_if_fail (CD_IS_STORE (store), FALSE);
  g_return_val_if_fail (staff_ids != NULL || n_staff == 0, FALSE);

  if (n_added != NULL)
    *n_added = 0;
  if (!cd_training_require_editor (store, error) || !check_year (year, error))
    return FALSE;
  if (n_staff == 0)
    {
      g_set_error_literal (error, CD_STORE_ERROR, CD_STORE_ERROR_INVALID,
                           _("Choose at least one person who must take the course."));
      return FALSE;
    }
  if (due_at <= 0)
    {
      g_set_error_literal (error, CD_STORE_ERROR, CD_STORE_ERROR_INVALID,
                           _("Choose the day by which the course must be completed."));
      return FALSE;
    }

  if (!cd_store_begin (store, error))
    return FALSE;
  if (!check_course (store, course_id, &local_error))
    goto fail;

  for (guint i = 0; i < n_staff; i++)
    {
      g_autofree char *staff_text = cd_int_text (staff_ids[i]);
      gboolean existing;

      if (!cd_training_check_staff (store, staff_ids[i], TRUE, &local_error))
        goto fail;
      {
        sqlite3_stmt *stmt = cd_store_prepare (store,
                                               "SELECT 1 FROM training_plan_items WHERE year = ?1 AND staff_id = ?2 AND course_id = ?3",
                                               &local_error);
        int rc;

        if (stmt == NULL)
          goto fail;
        sqlite3_bind_int (stmt, 1, year);
        sqlite3_bind_int64 (stmt, 2, staff_ids[i]);
        sqlite3_bind_int64 (stmt, 3, course_id);
        rc = cd_store_step (store, stmt, &local_error);
        sqlite3_reset (stmt);
        if (rc < 0)
          goto fail;
        existing = rc == SQLITE_ROW;
      }
      if (existing)
        continue;

      {
        const CdField fields[] = {
          { "year", year_text }, { "staff_id", staff_text }, { "course_id", course_text }, { "due_at", due_text },
        };
        if (cd_store_insert (store, "training_plan_items", fields, G_N_ELEMENTS (fields), &local_error) == 0)
          goto fail;
      }
      added++;
    }

  if (!cd_store_commit (store, error))
    return FALSE;
  if (n_added != NULL)
    *n_added = added;
  return TRUE;

fail:
  cd_store_rollback (store);
  g_propagate_error (error, local_error);
  return FALSE;
}

gboolean
cd_plan_item_set_due (CdStore  *store,
                      gint64    id,
                      gint64    expected_version,
                      gint64    due_at,
                      GError  **error)
{
  g_autofree char *due_text = cd_int_text (due_at);
  const CdField fields[] = { { "due_at", due_text } };

  g_return_val_if_fail (CD_IS_STORE (store), FALSE);

  if (!cd_training_require_editor (store, error))
    return FALSE;
  if (due_at <= 0)
    {
      g_set_error_literal (error, CD_STORE_ERROR, CD_STORE_ERROR_INVALID,
                           _("Choose the day by which the course must be completed."));
      return FALSE;
    }
  return cd_store_update (store, "training_plan_items", id, expected_version, fields, G_N_ELEMENTS (fields), error);
}

gboolean
cd_plan_item_set_completed (CdStore  *store,
                            gint64    id,
                            gint64    expected_version,
                            gint64    completed_at,
                            GError  **error)
{
  g_autofree char *completed_text = completed_at > 0 ? cd_int_text (completed_at) : NULL;
  const CdField fields[] = { { "completed_at", completed_text } };

  g_return_val_if_fail (CD_IS_STORE (store), FALSE);

  if (!cd_training_require_editor (store, error))
    return FALSE;
  if (completed_at > cd_store_now (store))
    {
      g_set_error_literal (error, CD_STORE_ERROR, CD_STORE_ERROR_INVALID,
                           _("A course cannot be completed in the future. Choose today or an earlier day."));
      return FALSE;
    }
  return cd_store_update (store, "training_plan_items", id, expected_version, fields, G_N_ELEMENTS (fields), error);
}

gboolean
cd_plan_item_delete (CdStore  *store,
                     gint64    id,
                     gint64    expected_version,
                     GError  **error)
{
  g_return_val_if_fail (CD_IS_STORE (store), FALSE);

  if (!cd_training_require_editor (store, error))
    return FALSE;
  return cd_store_delete (store, "training_plan_items", id, expected_version, error);
}

/* The same local date and time a year on (29 February becomes the 28th). */
static gint64
year_later (gint64 t,
            int    years)
{
  g_autoptr(GDateTime) here = g_date_time_new_from_unix_local (t);
  g_autoptr(GDateTime) moved = here != NULL ? g_date_time_add_years (here, years) : NULL;

  return moved != NULL ? g_date_time_to_unix (moved) : t + (gint64) years * 365 * 86400;
}

gboolean
cd_plan_copy_year (CdStore  *store,
                   int       from_year,
                   int       to_year,
                   guint    *n_copied,
                   GError  **error)
{
  g_autofree char *to_text = g_strdup_printf ("%d", to_year);
  g_autoptr(GArray) items = g_array_new (FALSE, FALSE, sizeof (gint64) * 3);
  GError *local_error = NULL;
  sqlite3_stmt *stmt;
  guint copied = 0;
  int rc;

  g_return_val_if_fail (CD_IS_STORE (store), FALSE);

  if (n_copied != NULL)
    *n_copied = 0;
  if (!cd_training_require_editor (store, error) || !check_year (from_year, error) || !check_year (to_year, error))
    return FALSE;
  if (from_year == to_year)
    {
      g_set_error_literal (error, CD_STORE_ERROR, CD_STORE_ERROR_INVALID,
                           _("Choose another year to copy the plan from."));
      return FALSE;
    }

  if (!cd_store_begin (store, error))
    return FALSE;

  stmt = cd_store_prepare (store,
                           "SELECT p.staff_id, p.course_id, p.due_at FROM training_plan_items p"
                           " JOIN staff s ON s.id = p.staff_id JOIN courses c ON c.id = p.course_id"
                           " WHERE p.year = ?1 AND s.active = 1 AND c.archived = 0"
                           " AND NOT EXISTS (SELECT 1 FROM training_plan_items q"
                           "   WHERE q.year = ?2 AND q.staff_id = p.staff_id AND q.course_id = p.course_id)"
                           " ORDER BY p.id", &local_error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_int (stmt, 1, from_year);
  sqlite3_bind_int (stmt, 2, to_year);
  while ((rc = cd_store_step (store, stmt, &local_error)) == SQLITE_ROW)
    {
      gint64 row[3] = { sqlite3_column_int64 (stmt, 0), sqlite3_column_int64 (stmt, 1), sqlite3_column_int64 (stmt, 2) };
      g_array_append_vals (items, row, 1);
    }
  sqlite3_reset (stmt);
  if (rc < 0)
    goto fail;

  for (guint i = 0; i < items->len; i++)
    {
      const gint64 *row = (const gint64 *) (items->data + i * sizeof (gint64) * 3);
      g_autofree char *staff_text = cd_int_text (row[0]);
      g_autofree char *course_text = cd_int_text (row[1]);
      g_autofree char *due_text = cd_int_text (year_later (row[2], to_year - from_year));
      const CdField fields[] = {
        { "year", to_text }, { "staff_id", staff_text }, { "course_id", course_text }, { "due_at", due_text },
      };

      if (cd_store_insert (store, "training_plan_items", fields, G_N_ELEMENTS (fields), &local_error) == 0)
        goto fail;
      copied++;
    }

  if (!cd_store_commit (store, error))
    return FALSE;
  if (n_copied != NULL)
    *n_copied = copied;
  return TRUE;

fail:
  cd_store_rollback (store);
  g_propagate_error (error, local_error);
  return FALSE;
}

/* Progress ------------------------------------------------------------------------ */

gboolean
cd_plan_progress (CdStore         *store,
                  int              year,
                  gint64           staff_id,
                  CdPlanProgress  *progress,
                  GError         **error)
{
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (CD_IS_STORE (store), FALSE);
  g_return_val_if_fail (progress != NULL, FALSE);

  memset (progress, 0, sizeof *progress);
  stmt = cd_store_prepare (store,
                           "SELECT ifnull(sum(done IS NOT NULL), 0),"
                           " ifnull(sum(done IS NULL AND due_at >= ?3), 0),"
                           " ifnull(sum(done IS NULL AND due_at < ?3), 0)"
                           " FROM (SELECT p.due_at, " CD_TRAINING_PLAN_DONE_AT ("p") " AS done"
                           "   FROM training_plan_items p WHERE p.year = ?1 AND (?2 = 0 OR p.staff_id = ?2))",
                           error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int (stmt, 1, year);
  sqlite3_bind_int64 (stmt, 2, staff_id);
  sqlite3_bind_int64 (stmt, 3, cd_store_now (store));
  rc = cd_store_step (store, stmt, error);
  if (rc == SQLITE_ROW)
    {
      progress->n_done = (guint) sqlite3_column_int64 (stmt, 0);
      progress->n_due = (guint) sqlite3_column_int64 (stmt, 1);
      progress->n_late = (guint) sqlite3_column_int64 (stmt, 2);
    }
  sqlite3_reset (stmt);
  return rc == SQLITE_ROW;
}

GArray *
cd_plan_years (CdStore  *store,
               GError  **error)
{
  g_autoptr(GArray) years = g_array_new (FALSE, FALSE, sizeof (int));
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (CD_IS_STORE (store), NULL);

  stmt = cd_store_prepare (store, "SELECT DISTINCT year FROM training_plan_items ORDER BY year DESC", error);
  if (stmt == NULL)
    return NULL;
  while ((rc = cd_store_step (store, stmt, error)) == SQLITE_ROW)
    {
      int year = sqlite3_column_int (stmt, 0);
      g_array_append_val (years, year);
    }
  sqlite3_reset (stmt);
  if (rc < 0)
    return NULL;
  return g_steal_pointer (&years);
}

/* The lists ---------------------------------------------------------------------- */

#define PLAN_STATUS_EXPR \
  "(CASE WHEN " CD_TRAINING_PLAN_DONE_AT ("p") " IS NOT NULL THEN 2 WHEN p.due_at < ?1 THEN 0 ELSE 1 END)"

static const CdRowColumn plan_columns[CD_PLAN_N_COLS] = {
  { "person", "s.display_name", "s.display_name COLLATE NOCASE, p.due_at" },
  { "course", "c.title", "c.title COLLATE NOCASE, p.due_at" },
  { "due", "p.due_at", "p.due_at, s.display_name COLLATE NOCASE" },
  { "done", CD_TRAINING_PLAN_DONE_AT ("p"), NULL },
  { "status", PLAN_STATUS_EXPR, PLAN_STATUS_EXPR ", p.due_at" },
  { "staff_id", "p.staff_id", NULL },
  { "course_id", "p.course_id", NULL },
  { "version", "p.version", NULL },
  { "completed", "p.completed_at", NULL },
};

#define PLAN_FROM "training_plan_items p JOIN staff s ON s.id = p.staff_id JOIN courses c ON c.id = p.course_id"

void
cd_plan_filter_init (CdPlanFilter *filter,
                     int           year)
{
  g_return_if_fail (filter != NULL);
  memset (filter, 0, sizeof *filter);
  filter->year = year;
  filter->status = -1;
  filter->role = -1;
}

void
cd_plan_filter_clear (CdPlanFilter *filter)
{
  g_return_if_fail (filter != NULL);
  g_clear_pointer (&filter->text, g_free);
  g_clear_pointer (&filter->sort_column, g_free);
}

/* ?1 the time of the query, ?2 the year. */
static char *
plan_where (CdStore             *store,
            const CdPlanFilter  *filter,
            gboolean             people,
            GVariant           **params)
{
  g_autoptr(GString) where = g_string_new (people ? "s.active = 1 AND ?1 IS NOT NULL AND ?2 IS NOT NULL"
                                                  : "p.year = ?2 AND ?1 IS NOT NULL");
  g_autofree char *pattern = cd_training_like_pattern (filter->text);
  GVariantBuilder builder;
  int n = 2;

  g_variant_builder_init (&builder, G_VARIANT_TYPE_TUPLE);
  g_variant_builder_add (&builder, "x", cd_store_now (store));
  g_variant_builder_add (&builder, "i", filter->year);
  if (!people && filter->staff_id > 0)
    {
      g_string_append_printf (where, " AND p.staff_id = ?%d", ++n);
      g_variant_builder_add (&builder, "x", filter->staff_id);
    }
  if (!people && filter->status >= 0)
    {
      /* The expression holds a strftime() format: not a printf one. */
      g_string_append (where, " AND " PLAN_STATUS_EXPR);
      g_string_append_printf (where, " = ?%d", ++n);
      g_variant_builder_add (&builder, "i", filter->status);
    }
  if (filter->role >= 0)
    {
      g_string_append_printf (where, " AND s.role = ?%d", ++n);
      g_variant_builder_add (&builder, "s", cd_role_to_nick ((CdRole) filter->role));
    }
  if (pattern != NULL)
    {
      if (people)
        g_string_append_printf (where, " AND s.display_name LIKE ?%d ESCAPE '\\'", ++n);
      else
        {
          n++;
          g_string_append_printf (where, " AND (s.display_name LIKE ?%d ESCAPE '\\' OR c.title LIKE ?%d ESCAPE '\\')", n, n);
        }
      g_variant_builder_add (&builder, "s", pattern);
    }
  *params = g_variant_builder_end (&builder);
  return g_string_free (g_steal_pointer (&where), FALSE);
}

CdRowModel *
cd_plan_list_new (CdStore            *store,
                  const CdPlanFilter *filter)
{
  g_autofree char *where = NULL;
  GVariant *params = NULL;

  g_return_val_if_fail (CD_IS_STORE (store), NULL);
  g_return_val_if_fail (filter != NULL, NULL);

  where = plan_where (store, filter, FALSE, &params);
  return cd_row_model_new_full (store, PLAN_FROM, "p.id", plan_columns, CD_PLAN_N_COLS, where, params,
                                cd_training_sort_column (plan_columns, CD_PLAN_N_COLS, filter->sort_column, "due"),
                                filter->sort_descending);
}

void
cd_plan_list_set_filter (CdRowModel         *model,
                         const CdPlanFilter *filter)
{
  g_autofree char *where = NULL;
  GVariant *params = NULL;

  g_return_if_fail (CD_IS_ROW_MODEL (model));
  g_return_if_fail (filter != NULL);

  where = plan_where (cd_row_model_get_store (model), filter, FALSE, &params);
  cd_row_model_set_query (model, where, params,
                          cd_training_sort_column (plan_columns, CD_PLAN_N_COLS, filter->sort_column, "due"),
                          filter->sort_descending);
}

#define PERSON_ITEMS "FROM training_plan_items p WHERE p.staff_id = s.id AND p.year = ?2"
#define PERSON_PERCENT \
  "(SELECT CASE WHEN count(*) = 0 THEN NULL ELSE 100 * sum(" CD_TRAINING_PLAN_DONE_AT ("p") " IS NOT NULL) / count(*) END " \
  PERSON_ITEMS ")"
#define PERSON_LATE \
  "(SELECT count(*) " PERSON_ITEMS " AND p.due_at < ?1 AND " CD_TRAINING_PLAN_DONE_AT ("p") " IS NULL)"

static const CdRowColumn people_columns[CD_PLAN_PERSON_N_COLS] = {
  { "name", "s.display_name", "s.display_name COLLATE NOCASE" },
  { "role", "s.role", "s.role, s.display_name COLLATE NOCASE" },
  { "done", "(SELECT count(*) " PERSON_ITEMS " AND " CD_TRAINING_PLAN_DONE_AT ("p") " IS NOT NULL)", NULL },
  { "due", "(SELECT count(*) " PERSON_ITEMS " AND p.due_at >= ?1 AND " CD_TRAINING_PLAN_DONE_AT ("p") " IS NULL)", NULL },
  { "late", PERSON_LATE, PERSON_LATE ", s.display_name COLLATE NOCASE" },
  { "percent", PERSON_PERCENT, PERSON_PERCENT ", s.display_name COLLATE NOCASE" },
};

CdRowModel *
cd_plan_people_new (CdStore            *store,
                    const CdPlanFilter *filter)
{
  g_autofree char *where = NULL;
  GVariant *params = NULL;

  g_return_val_if_fail (CD_IS_STORE (store), NULL);
  g_return_val_if_fail (filter != NULL, NULL);

  where = plan_where (store, filter, TRUE, &params);
  return cd_row_model_new_full (store, "staff s", "s.id", people_columns, CD_PLAN_PERSON_N_COLS, where, params,
                                cd_training_sort_column (people_columns, CD_PLAN_PERSON_N_COLS, filter->sort_column, "name"),
                                filter->sort_descending);
}

void
cd_plan_people_set_filter (CdRowModel         *model,
                           const CdPlanFilter *filter)
{
  g_autofree char *where = NULL;
  GVariant *params = NULL;

  g_return_if_fail (CD_IS_ROW_MODEL (model));
  g_return_if_fail (filter != NULL);

  where = plan_where (cd_row_model_get_store (model), filter, TRUE, &params);
  cd_row_model_set_query (model, where, params,
                          cd_training_sort_column (people_columns, CD_PLAN_PERSON_N_COLS, filter->sort_column, "name"),
                          filter->sort_descending);
}

GPtrArray *
cd_plan_items_due (CdStore  *store,
                   gint64    staff_id,
                   gint64    before,
                   GError  **error)
{
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func ((GDestroyNotify) cd_plan_item_free);
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (CD_IS_STORE (store), NULL);

  if (!cd_training_require_reader (store, staff_id, error))
    return NULL;
  stmt = cd_store_prepare (store,
                           CD_TRAINING_PLAN_SELECT
                           " WHERE p.staff_id = ?1 AND p.due_at < ?2 AND " CD_TRAINING_PLAN_DONE_AT ("p") " IS NULL"
                           " ORDER BY p.due_at, p.id", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, staff_id);
  sqlite3_bind_int64 (stmt, 2, before);
  while ((rc = cd_store_step (store, stmt, error)) == SQLITE_ROW)
    g_ptr_array_add (items, cd_training_read_plan_item (stmt));
  sqlite3_reset (stmt);
  return rc == SQLITE_DONE ? g_steal_pointer (&items) : NULL;
}
