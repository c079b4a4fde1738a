/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "caredesk-training"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "cd-sql-util.h"
#include "cd-training-private.h"

CdAssessment *
cd_assessment_new (void)
{
  CdAssessment *a = g_new0 (CdAssessment, 1);

  a->kind = CD_ASSESSMENT_EXAM;
  a->pass_mark = 60;
  return a;
}

CdAssessment *
cd_assessment_copy (const CdAssessment *assessment)
{
  CdAssessment *copy;

  g_return_val_if_fail (assessment != NULL, NULL);
  copy = g_memdup2 (assessment, sizeof *assessment);
  copy->staff_name = g_strdup (assessment->staff_name);
  copy->course_title = g_strdup (assessment->course_title);
  copy->certification_name = g_strdup (assessment->certification_name);
  copy->assessor_name = g_strdup (assessment->assessor_name);
  return copy;
}

void
cd_assessment_free (CdAssessment *assessment)
{
  if (assessment == NULL)
    return;
  g_free (assessment->staff_name);
  g_free (assessment->course_title);
  g_free (assessment->certification_name);
  g_free (assessment->assessor_name);
  g_free (assessment);
}

gboolean
cd_assessment_passed (const CdAssessment *assessment)
{
  g_return_val_if_fail (assessment != NULL, FALSE);
  return assessment->score >= assessment->pass_mark;
}

char *
cd_assessment_format_score (double score,
                            double pass_mark)
{
  g_autofree char *s = cd_training_double_text (score);
  g_autofree char *p = cd_training_double_text (pass_mark);

  /* Translators: a score and the mark needed to pass, e.g. "82 / 70" */
  return g_strdup_printf (_("%s / %s"), s, p);
}

double
cd_assessment_parse_score (const char *text)
{
  double score = cd_training_parse_double (text);

  if (isnan (score) || score < 0 || score > CD_ASSESSMENT_MAX_SCORE)
    return -1;
  return score;
}

CdAssessment *
cd_training_read_assessment (sqlite3_stmt *stmt)
{
  CdAssessment *a = cd_assessment_new ();

  a->id = sqlite3_column_int64 (stmt, 0);
  a->staff_id = sqlite3_column_int64 (stmt, 1);
  a->staff_name = cd_sql_column_dup (stmt, 2);
  a->course_id = cd_sql_column_int64 (stmt, 3);
  a->course_title = cd_sql_column_dup (stmt, 4);
  a->certification_id = cd_sql_column_int64 (stmt, 5);
  if (a->certification_id != 0)
    a->certification_name = cd_certification_display_name ((const char *) sqlite3_column_text (stmt, 6),
                                                           (const char *) sqlite3_column_text (stmt, 7));
  a->kind = cd_sql_column_enum (stmt, 8, cd_assessment_kind_from_nick, CD_ASSESSMENT_EXAM);
  a->score = sqlite3_column_double (stmt, 9);
  a->pass_mark = sqlite3_column_double (stmt, 10);
  a->assessor_id = cd_sql_column_int64 (stmt, 11);
  a->assessor_name = cd_sql_column_dup (stmt, 12);
  a->assessed_at = sqlite3_column_int64 (stmt, 13);
  a->version = sqlite3_column_int64 (stmt, 14);
  return a;
}

CdAssessment *
cd_assessment_load (CdStore  *store,
                    gint64    id,
                    GError  **error)
{
  sqlite3_stmt *stmt;
  g_autoptr(CdAssessment) a = NULL;
  int rc;

  g_return_val_if_fail (CD_IS_STORE (store), NULL);

  stmt = cd_store_prepare (store, CD_TRAINING_ASSESSMENT_SELECT " WHERE a.id = ?1", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, id);
  rc = cd_store_step (store, stmt, error);
  if (rc == SQLITE_ROW)
    a = cd_training_read_assessment (stmt);
  sqlite3_reset (stmt);
  if (rc == SQLITE_DONE)
    g_set_error_literal (error, CD_STORE_ERROR, CD_STORE_ERROR_NOT_FOUND,
                         _("This assessment no longer exists; someone may have deleted it."));
  if (a != NULL && !cd_training_require_reader (store, a->staff_id, error))
    return NULL;
  return g_steal_pointer (&a);
}

gboolean
cd_assessment_check (CdStore             *store,
                     const CdAssessment  *a,
                     GError             **error)
{
  GError *local_error = NULL;

  g_return_val_if_fail (CD_IS_STORE (store), FALSE);
  g_return_val_if_fail (a != NULL, FALSE);

  if (!cd_training_check_staff (store, a->staff_id, FALSE, error))
    return FALSE;
  if ((a->course_id > 0) == (a->certification_id > 0))
    {
      g_set_error_literal (error, CD_STORE_ERROR, CD_STORE_ERROR_INVALID,
                           _("Choose the course or the certification that was assessed (one of them)."));
      return FALSE;
    }
  if (a->course_id > 0 &&
      cd_store_query_int (store, "SELECT count(*) FROM courses WHERE id = ?1", a->course_id, 0, &local_error) == 0)
    {
      if (local_error == NULL)
        g_set_error_literal (&local_error, CD_STORE_ERROR, CD_STORE_ERROR_INVALID, _("Choose a course from the list."));
      g_propagate_error (error, local_error);
      return FALSE;
    }
  if (a->certification_id > 0 &&
      cd_store_query_int (store, "SELECT count(*) FROM certifications WHERE id = ?1", a->certification_id, 0,
                          &local_error) == 0)
    {
      if (local_error == NULL)
        g_set_error_literal (&local_error, CD_STORE_ERROR, CD_STORE_ERROR_INVALID,
                             _("Choose a certification from the list."));
      g_propagate_error (error, local_error);
      return FALSE;
    }
  if ((guint) a->kind >= cd_assessment_kind_count ())
    {
      g_set_error_literal (error, CD_STORE_ERROR, CD_STORE_ERROR_INVALID,
                           _("Choose the kind of assessment: exam, practical or customer evaluation."));
      return FALSE;
    }
  if (isnan (a->score) || a->score < 0 || a->score > CD_ASSESSMENT_MAX_SCORE)
    {
      g_set_error (error, CD_STORE_ERROR, CD_STORE_ERROR_INVALID,
                   _("The score is a number from 0 to %d."), (int) CD_ASSESSMENT_MAX_SCORE);
      return FALSE;
    }
  if (isnan (a->pass_mark) || a->pass_mark <= 0 || a->pass_mark > CD_ASSESSMENT_MAX_SCORE)
    {
      g_set_error (error, CD_STORE_ERROR, CD_STORE_ERROR_INVALID,
                   _("The pass mark is a number above 0 and at most %d."), (int) CD_ASSESSMENT_MAX_SCORE);
      return FALSE;
    }
  if (a->assessed_at <= 0)
    {
      g_set_error_literal (error, CD_STORE_ERROR, CD_STORE_ERROR_INVALID, _("Choose the day of the assessment."));
      return FALSE;
    }
  if (a->assessed_at > cd_store_now (store))
    {
      g_set_error_literal (error, CD_STORE_ERROR, CD_STORE_ERROR_INVALID,
                           _("The assessment is in the future. Record it once it has taken place."));
      return FALSE;
    }
  if (a->assessor_id != 0 && !cd_training_check_staff (store, a->assessor_id, FALSE, error))
    return FALSE;
  return TRUE;
}

typedef struct {
  char *staff;
  char *course;
  char *certification;
  char *score;
  char *pass_mark;
  char *assessor;
  char *at;
} AssessmentTexts;

static void
assessment_texts (const CdAssessment *a,
                  AssessmentTexts    *t,
                  CdField             fields[8])
{
  t->staff = cd_int_text (a->staff_id);
  t->course = a->course_id > 0 ? cd_int_text (a->course_id) : NULL;
  t->certification = a->certification_id > 0 ? cd_int_text (a->certification_id) : NULL;
  t->score = cd_training_double_text (a->score);
  t->pass_mark = cd_training_double_text (a->pass_mark);
  t->assessor = a->assessor_id > 0 ? cd_int_text (a->assessor_id) : NULL;
  t->at = cd_int_text (a->assessed_at);
  fields[0] = (CdField) { "staff_id", t->staff };
  fields[1] = (CdField) { "course_id", t->course };
  fields[2] = (CdField) { "certification_id", t->certification };
  fields[3] = (CdField) { "kind", cd_assessment_kind_to_nick (a->kind) };
  fields[4] = (CdField) { "score", t->score };
  fields[5] = (CdField) { "pass_mark", t->pass_mark };
  fields[6] = (CdField) { "assessor_id", t->assessor };
  fields[7] = (CdField) { "assessed_at", t->at };
}

static void
assessment_texts_clear (AssessmentTexts *t)
{
  g_free (t->staff);
  g_free (t->course);
  g_free (t->certification);
  g_free (t->score);
  g_free (t->pass_mark);
  g_free (t->assessor);
  g_free (t->at);
}

gint64
cd_assessment_create (CdStore             *store,
                      const CdAssessment  *assessment,
                      GError             **error)
{
  AssessmentTexts texts;
  CdField fields[8];
  gint64 id;

  g_return_val_if_fail (CD_IS_STORE (store), 0);
  g_return_val_if_fail (assessment != NULL, 0);

  if (!cd_training_require_editor (store, error) || !cd_assessment_check (store, assessment, error))
    return 0;
  assessment_texts (assessment, &texts, fields);
  id = cd_store_insert (store, "assessments", fields, G_N_ELEMENTS (fields), error);
  assessment_texts_clear (&texts);
  return id;
}

gboolean
cd_assessment_update (CdStore             *store,
                      const CdAssessment  *assessment,
                      gint64               expected_version,
                      GError             **error)
{
  AssessmentTexts texts;
  CdField fields[8];
  gboolean ok;

  g_return_val_if_fail (CD_IS_STORE (store), FALSE);
  g_return_val_if_fail (assessment != NULL, FALSE);

  if (!cd_training_require_editor (store, error) || !cd_assessment_check (store, assessment, error))
    return FALSE;
  assessment_texts (assessment, &texts, fields);
  ok = cd_store_update (store, "assessments", assessment->id, expected_version, fields, G_N_ELEMENTS (fields), error);
  assessment_texts_clear (&texts);
  return ok;
}

gboolean
cd_assessment_delete (CdStore  *store,
                      gint64    id,
                      gint64    expected_version,
                      GError  **error)
{
  g_return_val_if_fail (CD_IS_STORE (store), FALSE);

  if (!cd_training_require_editor (store, error))
    return FALSE;
  return cd_store_delete (store, "assessments", id, expected_version, error);
}

/* The list ----------------------------------------------------------------------- */

#define SUBJECT_EXPR \
  "coalesce ((SELECT title FROM courses WHERE courses.id = a.course_id)," \
  " (SELECT name || ifnull (' (' || level || ')', '') FROM certifications WHERE certifications.id = a.certification_id))"
#define RESULT_EXPR "(a.score >= a.pass_mark)"

static const CdRowColumn assessment_columns[CD_ASSESSMENT_N_COLS] = {
  { "date", "a.assessed_at", "a.assessed_at" },
  { "person", "s.display_name", "s.display_name COLLATE NOCASE, a.assessed_at" },
  { "subject", SUBJECT_EXPR, SUBJECT_EXPR " COLLATE NOCASE, a.assessed_at" },
  { "kind", "a.kind", "a.kind, a.assessed_at" },
  { "score", "a.score", "a.score, a.assessed_at" },
  { "pass_mark", "a.pass_mark", NULL },
  { "result", RESULT_EXPR, RESULT_EXPR ", a.assessed_at" },
  { "assessor", "(SELECT display_name FROM staff WHERE staff.id = a.assessor_id)", NULL },
  { "staff_id", "a.staff_id", NULL },
};

void
cd_assessment_filter_init (CdAssessmentFilter *filter)
{
  g_return_if_fail (filter != NULL);
  memset (filter, 0, sizeof *filter);
  filter->kind = -1;
  filter->result = CD_ASSESSMENT_RESULT_ANY;
  filter->sort_descending = TRUE;
}

void
cd_assessment_filter_clear (CdAssessmentFilter *filter)
{
  g_return_if_fail (filter != NULL);
  g_clear_pointer (&filter->text, g_free);
  g_clear_pointer (&filter->sort_column, g_free);
}

static char *
assessment_where (CdStore                   *store,
                  const CdAssessmentFilter  *filter,
                  GVariant                 **params)
{
  g_autoptr(GString) where = g_string_new ("1");
  g_autofree char *pattern = cd_training_like_pattern (filter->text);
  GVariantBuilder builder;
  gint64 staff_id = filter->staff_id;
  int n = 0;

  /* A rep's list holds their own results only, whatever was asked. */
  if (!cd_training_can_read_others (store))
    staff_id = cd_store_get_staff_id (store) > 0 ? cd_store_get_staff_id (store) : -1;

  g_variant_builder_init (&builder, G_VARIANT_TYPE_TUPLE);
  if (staff_id != 0)
    {
      g_string_append_printf (where, " AND a.staff_id = ?%d", ++n);
      g_variant_builder_add (&builder, "x", staff_id);
    }
  if (filter->kind >= 0)
    {
      g_string_append_printf (where, " AND a.kind = ?%d", ++n);
      g_variant_builder_add (&builder, "s", cd_assessment_kind_to_nick ((CdAssessmentKind) filter->kind));
    }
  if (filter->result == CD_ASSESSMENT_RESULT_PASSED)
    g_string_append (where, " AND a.score >= a.pass_mark");
  else if (filter->result == CD_ASSESSMENT_RESULT_FAILED)
    g_string_append (where, " AND a.score < a.pass_mark");
  if (pattern != NULL)
    {
      n++;
      g_string_append_printf (where, " AND (s.display_name LIKE ?%d ESCAPE '\\' OR " SUBJECT_EXPR " LIKE ?%d ESCAPE '\\')",
                              n, n);
      g_variant_builder_add (&builder, "s", pattern);
    }
  *params = n > 0 ? g_variant_builder_end (&builder) : (g_variant_builder_clear (&builder), NULL);
  return g_string_free (g_steal_pointer (&where), FALSE);
}

CdRowModel *
cd_assessments_list_new (CdStore                  *store,
                         const CdAssessmentFilter *filter)
{
  CdAssessmentFilter defaults;
  g_autofree char *where = NULL;
  GVariant *params = NULL;

  g_return_val_if_fail (CD_IS_STORE (store), NULL);

  if (filter == NULL)
    {
      cd_assessment_filter_init (&defaults);
      filter = &defaults;
    }
  where = assessment_where (store, filter, &params);
  return cd_row_model_new_full (store, "assessments a JOIN staff s ON s.id = a.staff_id", "a.id",
                                assessment_columns, CD_ASSESSMENT_N_COLS, where, params,
                                cd_training_sort_column (assessment_columns, CD_ASSESSMENT_N_COLS, filter->sort_column, "date"),
                                filter->sort_descending);
}

void
cd_assessments_list_set_filter (CdRowModel               *model,
                                const CdAssessmentFilter *filter)
{
  CdAssessmentFilter defaults;
  g_autofree char *where = NULL;
  GVariant *params = NULL;

  g_return_if_fail (CD_IS_ROW_MODEL (model));

  if (filter == NULL)
    {
      cd_assessment_filter_init (&defaults);
      filter = &defaults;
    }
  where = assessment_where (cd_row_model_get_store (model), filter, &params);
  cd_row_model_set_query (model, where, params,
                          cd_training_sort_column (assessment_columns, CD_ASSESSMENT_N_COLS, filter->sort_column, "date"),
                          filter->sort_descending);
}
