/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "caredesk-training"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "cd-sql-util.h"
#include "cd-training-private.h"
#include "cd-validate.h"

/* Records ------------------------------------------------------------------ */

CdCourse *
cd_course_new (void)
{
  CdCourse *course = g_new0 (CdCourse, 1);

  course->kind = CD_COURSE_SERVICE;
  course->delivery = CD_DELIVERY_INTERNAL;
  course->hours = 1;
  return course;
}

CdCourse *
cd_course_copy (const CdCourse *course)
{
  CdCourse *copy;

  g_return_val_if_fail (course != NULL, NULL);
  copy = g_memdup2 (course, sizeof *course);
  copy->title = g_strdup (course->title);
  copy->description = g_strdup (course->description);
  return copy;
}

void
cd_course_free (CdCourse *course)
{
  if (course == NULL)
    return;
  g_free (course->title);
  g_free (course->description);
  g_free (course);
}

#define COURSE_SELECT "SELECT id, title, kind, delivery, hours, description, archived, version FROM courses"

static gpointer
read_course (sqlite3_stmt *stmt)
{
  CdCourse *course = cd_course_new ();

  course->id = sqlite3_column_int64 (stmt, 0);
  course->title = cd_sql_column_dup (stmt, 1);
  course->kind = cd_sql_column_enum (stmt, 2, cd_course_kind_from_nick, CD_COURSE_SERVICE);
  course->delivery = cd_sql_column_enum (stmt, 3, cd_delivery_from_nick, CD_DELIVERY_INTERNAL);
  course->hours = sqlite3_column_double (stmt, 4);
  course->description = cd_sql_column_dup (stmt, 5);
  course->archived = sqlite3_column_int (stmt, 6) != 0;
  course->version = sqlite3_column_int64 (stmt, 7);
  return course;
}

CdCourse *
cd_course_load (CdStore  *store,
                gint64    id,
                GError  **error)
{
  sqlite3_stmt *stmt;
  CdCourse *course = NULL;
  int rc;

  g_return_val_if_fail (CD_IS_STORE (store), NULL);

  stmt = cd_store_prepare (store, COURSE_SELECT " WHERE id = ?1", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, id);
  rc = cd_store_step (store, stmt, error);
  if (rc == SQLITE_ROW)
    course = read_course (stmt);
  sqlite3_reset (stmt);
  if (rc == SQLITE_DONE)
    g_set_error_literal (error, CD_STORE_ERROR, CD_STORE_ERROR_NOT_FOUND,
                         _("This course no longer exists; someone may have deleted it."));
  return course;
}

/* Validation ---------------------------------------------------------------- */

double
cd_course_parse_hours (const char *text)
{
  double hours = cd_training_parse_double (text);

  if (isnan (hours) || hours < 0 || hours > CD_COURSE_MAX_HOURS)
    return -1;
  return hours;
}

char *
cd_course_validate_field (CdCourseField  field,
                          const char    *text)
{
  g_autoptr(GError) error = NULL;

  switch (field)
    {
    case CD_COURSE_FIELD_TITLE:
      if (!cd_validate_name (text, _("Title"), CD_COURSE_TITLE_MAX_CHARS, &error))
        return g_strdup (error->message);
      return NULL;
    case CD_COURSE_FIELD_HOURS:
      if (cd_course_parse_hours (text) < 0)
        return g_strdup_printf (_("Give the hours as a number from 0 to %d, such as 1.5."), (int) CD_COURSE_MAX_HOURS);
      return NULL;
    case CD_COURSE_FIELD_DESCRIPTION:
      if (!cd_validate_text_length (text, _("Description"), CD_VALIDATE_NOTES_MAX_LENGTH, &error))
        return g_strdup (error->message);
      return NULL;
    case CD_COURSE_FIELD_KIND:
      if (cd_course_kind_from_nick (text) < 0)
        return g_strdup (_("Choose what kind of course this is."));
      return NULL;
    case CD_COURSE_FIELD_DELIVERY:
      if (cd_delivery_from_nick (text) < 0)
        return g_strdup (_("Choose how the course is given: internal, external or online."));
      return NULL;
    default:
      return NULL;
    }
}

gboolean
cd_course_check (const CdCourse  *course,
                 GError         **error)
{
  g_return_val_if_fail (course != NULL, FALSE);

  if (!cd_validate_name (course->title, _("Title"), CD_COURSE_TITLE_MAX_CHARS, error) ||
      !cd_validate_text_length (course->description, _("Description"), CD_VALIDATE_NOTES_MAX_LENGTH, error))
    return FALSE;
  if ((guint) course->kind >= cd_course_kind_count ())
    {
      g_set_error_literal (error, CD_STORE_ERROR, CD_STORE_ERROR_INVALID, _("Choose what kind of course this is."));
      return FALSE;
    }
  if ((guint) course->delivery >= cd_delivery_count ())
    {
      g_set_error_literal (error, CD_STORE_ERROR, CD_STORE_ERROR_INVALID,
                           _("Choose how the course is given: internal, external or online."));
      return FALSE;
    }
  if (isnan (course->hours) || course->hours < 0 || course->hours > CD_COURSE_MAX_HOURS)
    {
      g_set_error (error, CD_STORE_ERROR, CD_STORE_ERROR_INVALID,
                   _("Give the hours as a number from 0 to %d, such as 1.5."), (int) CD_COURSE_MAX_HOURS);
      return FALSE;
    }
  return TRUE;
}

/* Writes --------------------------------------------------------------------- */

typedef struct {
  char *title;
  char *hours;
  char *description;
} CourseTexts;

static void
course_texts (const CdCourse *course,
              CourseTexts    *texts,
              CdField         fields[5])
{
  texts->title = cd_trim_dup (course->title);
  texts->hours = cd_training_double_text (course->hours);
  texts->description = course->description != NULL && *course->description != '\0'
                       ? g_strdup (course->description) : NULL;
  fields[0] = (CdField) { "title", texts->title };
  fields[1] = (CdField) { "kind", cd_course_kind_to_nick (course->kind) };
  fields[2] = (CdField) { "delivery", cd_delivery_to_nick (course->delivery) };
  fields[3] = (CdField) { "hours", texts->hours };
  fields[4] = (CdField) { "description", texts->description };
}

static void
course_texts_clear (CourseTexts *texts)
{
  g_free (texts->title);
  g_free (texts->hours);
  g_free (texts->description);
}

gint64
cd_course_create (CdStore         *store,
                  const CdCourse  *course,
                  GError         **error)
{
  CourseTexts texts;
  CdField fields[5];
  gint64 id;

  g_return_val_if_fail (CD_IS_STORE (store), 0);
  g_return_val_if_fail (course != NULL, 0);

  if (!cd_training_require_editor (store, error) || !cd_course_check (course, error))
    return 0;
  course_texts (course, &texts, fields);
  id = cd_store_insert (store, "courses", fields, G_N_ELEMENTS (fields), error);
  course_texts_clear (&texts);
  return id;
}

gboolean
cd_course_update (CdStore         *store,
                  const CdCourse  *course,
                  gint64           expected_version,
                  GError         **error)
{
  CourseTexts texts;
  CdField fields[5];
  gboolean ok;

  g_return_val_if_fail (CD_IS_STORE (store), FALSE);
  g_return_val_if_fail (course != NULL, FALSE);

  if (!cd_training_require_editor (store, error) || !cd_course_check (course, error))
    return FALSE;
  course_texts (course, &texts, fields);
  ok = cd_store_update (store, "courses", course->id, expected_version, fields, G_N_ELEMENTS (fields), error);
  course_texts_clear (&texts);
  return ok;
}

gboolean
cd_course_set_archived (CdStore  *store,
                        gint64    id,
                        gint64    expected_version,
                        gboolean  archived,
                        GError  **error)
{
  const CdField fields[] = { { "archived", archived ? "1" : "0" } };

  g_return_val_if_fail (CD_IS_STORE (store), FALSE);

  if (!cd_training_require_editor (store, error))
    return FALSE;
  return cd_store_update (store, "courses", id, expected_version, fields, G_N_ELEMENTS (fields), error);
}

GPtrArray *
cd_courses_list (CdStore  *store,
                 gboolean  include_archived,
                 gint64    include_id,
                 GError  **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (CD_IS_STORE (store), NULL);

  stmt = cd_store_prepare (store,
                           COURSE_SELECT " WHERE archived = 0 OR ?1 OR id = ?2"
                           " ORDER BY title COLLATE NOCASE, id", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int (stmt, 1, include_archived ? 1 : 0);
  sqlite3_bind_int64 (stmt, 2, include_id);
  return cd_training_collect (store, stmt, read_course, (GDestroyNotify) cd_course_free, error);
}

char *
cd_course_format_hours (double hours)
{
  g_autofree char *number = cd_training_double_text (hours);

  /* Translators: a course's length in hours, e.g. "1.5 h" */
  return g_strdup_printf (_("%s h"), number);
}

/* The list ---------------------------------------------------------------------- */

static const CdRowColumn course_columns[CD_COURSE_N_COLS] = {
  { "title", "title", "title COLLATE NOCASE" },
  { "kind", "kind", "kind, title COLLATE NOCASE" },
  { "delivery", "delivery", "delivery, title COLLATE NOCASE" },
  { "hours", "hours", "hours, title COLLATE NOCASE" },
  { "sessions", "(SELECT count(*) FROM training_sessions ts WHERE ts.course_id = courses.id)",
    "(SELECT count(*) FROM training_sessions ts WHERE ts.course_id = courses.id), title COLLATE NOCASE" },
  { "upcoming", "(SELECT min(ts.starts_at) FROM training_sessions ts WHERE ts.course_id = courses.id AND ts.ends_at > ?1)", NULL },
  { "archived", "archived", NULL },
};

void
cd_course_filter_init (CdCourseFilter *filter)
{
  g_return_if_fail (filter != NULL);
  memset (filter, 0, sizeof *filter);
  filter->kind = -1;
  filter->delivery = -1;
}

void
cd_course_filter_clear (CdCourseFilter *filter)
{
  g_return_if_fail (filter != NULL);
  g_clear_pointer (&filter->text, g_free);
  g_clear_pointer (&filter->sort_column, g_free);
}

/* ?1 is the time of the query, for the next session. */
static char *
course_where (CdStore               *store,
              const CdCourseFilter  *filter,
              GVariant             **params)
{
  g_autoptr(GString) where = g_string_new ("?1 IS NOT NULL");
  g_autofree char *pattern = cd_training_like_pattern (filter->text);
  GVariantBuilder builder;
  int n = 1;

  g_variant_builder_init (&builder, G_VARIANT_TYPE_TUPLE);
  g_variant_builder_add (&builder, "x", cd_store_now (store));
  if (!filter->show_archived)
    g_string_append (where, " AND archived = 0");
  if (filter->kind >= 0)
    {
      g_string_append_printf (where, " AND kind = ?%d", ++n);
      g_variant_builder_add (&builder, "s", cd_course_kind_to_nick ((CdCourseKind) filter->kind));
    }
  if (filter->delivery >= 0)
    {
      g_string_append_printf (where, " AND delivery = ?%d", ++n);
      g_variant_builder_add (&builder, "s", cd_delivery_to_nick ((CdDelivery) filter->delivery));
    }
  if (pattern != NULL)
    {
      g_string_append_printf (where, " AND title LIKE ?%d ESCAPE '\\'", ++n);
      g_variant_builder_add (&builder, "s", pattern);
    }
  *params = g_variant_builder_end (&builder);
  return g_string_free (g_steal_pointer (&where), FALSE);
}

CdRowModel *
cd_courses_list_new (CdStore              *store,
                     const CdCourseFilter *filter)
{
  CdCourseFilter defaults;
  g_autofree char *where = NULL;
  GVariant *params = NULL;

  g_return_val_if_fail (CD_IS_STORE (store), NULL);

  if (filter == NULL)
    {
      cd_course_filter_init (&defaults);
      filter = &defaults;
    }
  where = course_where (store, filter, &params);
  return cd_row_model_new_full (store, "courses", "id", course_columns, CD_COURSE_N_COLS, where, params,
                                cd_training_sort_column (course_columns, CD_COURSE_N_COLS, filter->sort_column, "title"),
                                filter->sort_descending);
}

void
cd_courses_list_set_filter (CdRowModel           *model,
                            const CdCourseFilter *filter)
{
  CdCourseFilter defaults;
  g_autofree char *where = NULL;
  GVariant *params = NULL;

  g_return_if_fail (CD_IS_ROW_MODEL (model));

  if (filter == NULL)
    {
      cd_course_filter_init (&defaults);
      filter = &defaults;
    }
  where = course_where (cd_row_model_get_store (model), filter, &params);
  cd_row_model_set_query (model, where, params,
                          cd_training_sort_column (course_columns, CD_COURSE_N_COLS, filter->sort_column, "title"),
                          filter->sort_descending);
}
