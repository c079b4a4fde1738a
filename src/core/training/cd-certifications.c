/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "caredesk-training"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "cd-datetime.h"
#include "cd-sql-util.h"
#include "cd-training-private.h"
#include "cd-validate.h"

/* Records -------------------------------------------------------------------- */

CdCertification *
cd_certification_new (void)
{
  CdCertification *c = g_new0 (CdCertification, 1);

  c->validity_months = 12;
  c->course_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  c->assessment_kinds = g_array_new (FALSE, FALSE, sizeof (int));
  c->category_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  return c;
}

static GArray *
array_copy (GArray *array)
{
  GArray *copy = g_array_sized_new (FALSE, FALSE, g_array_get_element_size (array), array->len);

  g_array_append_vals (copy, array->data, array->len);
  return copy;
}

CdCertification *
cd_certification_copy (const CdCertification *c)
{
  CdCertification *copy;

  g_return_val_if_fail (c != NULL, NULL);
  copy = g_memdup2 (c, sizeof *c);
  copy->name = g_strdup (c->name);
  copy->level = g_strdup (c->level);
  copy->description = g_strdup (c->description);
  copy->course_ids = array_copy (c->course_ids);
  copy->assessment_kinds = array_copy (c->assessment_kinds);
  copy->category_ids = array_copy (c->category_ids);
  return copy;
}

void
cd_certification_free (CdCertification *c)
{
  if (c == NULL)
    return;
  g_free (c->name);
  g_free (c->level);
  g_free (c->description);
  g_array_unref (c->course_ids);
  g_array_unref (c->assessment_kinds);
  g_array_unref (c->category_ids);
  g_free (c);
}

char *
cd_certification_display_name (const char *name,
                               const char *level)
{
  if (level == NULL || *level == '\0')
    return g_strdup (name != NULL ? name : "");
  /* Translators: a certification and its level, e.g. "Technical support (L2)" */
  return g_strdup_printf (_("%s (%s)"), name != NULL ? name : "", level);
}

#define CERT_SELECT "SELECT id, name, level, validity_months, description, required_roles, archived, version FROM certifications"

static gpointer
read_certification (sqlite3_stmt *stmt)
{
  CdCertification *c = cd_certification_new ();

  c->id = sqlite3_column_int64 (stmt, 0);
  c->name = cd_sql_column_dup (stmt, 1);
  c->level = cd_sql_column_dup (stmt, 2);
  c->validity_months = sqlite3_column_int (stmt, 3);
  c->description = cd_sql_column_dup (stmt, 4);
  c->required_roles = (guint) sqlite3_column_int (stmt, 5);
  c->archived = sqlite3_column_int (stmt, 6) != 0;
  c->version = sqlite3_column_int64 (stmt, 7);
  return c;
}

static gboolean
read_ids (CdStore     *store,
          const char  *sql,
          gint64       id,
          GArray      *out,
          gboolean     as_kind,
          GError     **error)
{
  sqlite3_stmt *stmt = cd_store_prepare (store, sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  while ((rc = cd_store_step (store, stmt, error)) == SQLITE_ROW)
    {
      if (as_kind)
        {
          int kind = cd_sql_column_enum (stmt, 0, cd_assessment_kind_from_nick, -1);
          if (kind >= 0)
            g_array_append_val (out, kind);
        }
      else
        {
          gint64 value = sqlite3_column_int64 (stmt, 0);
          g_array_append_val (out, value);
        }
    }
  sqlite3_reset (stmt);
  return rc == SQLITE_DONE;
}

CdCertification *
cd_certification_load (CdStore  *store,
                       gint64    id,
                       GError  **error)
{
  g_autoptr(CdCertification) c = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (CD_IS_STORE (store), NULL);

  stmt = cd_store_prepare (store, CERT_SELECT " WHERE id = ?1", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, id);
  rc = cd_store_step (store, stmt, error);
  if (rc == SQLITE_ROW)
    c = read_certification (stmt);
  sqlite3_reset (stmt);
  if (rc == SQLITE_DONE)
    g_set_error_literal (error, CD_STORE_ERROR, CD_STORE_ERROR_NOT_FOUND,
                         _("This certification no longer exists; someone may have deleted it."));
  if (c == NULL)
    return NULL;

  if (!read_ids (store, "SELECT cc.course_id FROM certification_courses cc JOIN courses c ON c.id = cc.course_id"
                        " WHERE cc.certification_id = ?1 ORDER BY c.title COLLATE NOCASE, c.id",
                 id, c->course_ids, FALSE, error) ||
      !read_ids (store, "SELECT kind FROM certification_assessments WHERE certification_id = ?1"
                        " ORDER BY CASE kind WHEN 'exam' THEN 0 WHEN 'practical' THEN 1 ELSE 2 END",
                 id, c->assessment_kinds, TRUE, error) ||
      !read_ids (store, "SELECT cc.category_id FROM certification_categories cc"
                        " JOIN ticket_categories t ON t.id = cc.category_id"
                        " WHERE cc.certification_id = ?1 ORDER BY t.name COLLATE NOCASE, t.id",
                 id, c->category_ids, FALSE, error))
    return NULL;
  return g_steal_pointer (&c);
}

gboolean
cd_certification_check (const CdCertification  *c,
                        GError                **error)
{
  g_return_val_if_fail (c != NULL, FALSE);

  if (!cd_validate_name (c->name, _("Name"), CD_CERTIFICATION_NAME_MAX_CHARS, error))
    return FALSE;
  if (c->level != NULL && *c->level != '\0' &&
      !cd_validate_name (c->level, _("Level"), CD_CERTIFICATION_LEVEL_MAX_CHARS, error))
    return FALSE;
  if (!cd_validate_text_length (c->description, _("Description"), CD_VALIDATE_NOTES_MAX_LENGTH, error))
    return FALSE;
  if (c->validity_months < 1 || c->validity_months > CD_CERTIFICATION_MAX_MONTHS)
    {
      g_set_error (error, CD_STORE_ERROR, CD_STORE_ERROR_INVALID,
                   _("A certification is valid for 1 to %d months."), CD_CERTIFICATION_MAX_MONTHS);
      return FALSE;
    }
  if (c->required_roles > 15)
    {
      g_set_error_literal (error, CD_STORE_ERROR, CD_STORE_ERROR_INVALID,
                           _("Choose the roles that must hold the certification from the list."));
      return FALSE;
    }
  for (guint i = 0; i < c->assessment_kinds->len; i++)
    if ((guint) g_array_index (c->assessment_kinds, int, i) >= cd_assessment_kind_count ())
      {
        g_set_error_literal (error, CD_STORE_ERROR, CD_STORE_ERROR_INVALID,
                             _("A required assessment is an exam, a practical or a customer evaluation."));
        return FALSE;
      }
  return TRUE;
}

/* Writes ---------------------------------------------------------------------- */

static char *
join_ids (GArray   *ids,
          gboolean  as_kind)
{
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; i < ids->len; i++)
    {
      if (i > 0)
        g_string_append_c (text, ',');
      if (as_kind)
        g_string_append (text, cd_assessment_kind_to_nick ((CdAssessmentKind) g_array_index (ids, int, i)));
      else
        g_string_append_printf (text, "%" G_GINT64_FORMAT, g_array_index (ids, gint64, i));
    }
  return text->len > 0 ? g_string_free (g_steal_pointer (&text), FALSE) : NULL;
}

/* Replaces the rows of one link table with @ids, with an audit row when
 * the set changed. */
static gboolean
save_links (CdStore     *store,
            gint64       id,
            const char  *table,
            const char  *column,
            const char  *check_sql,
            GArray      *ids,
            gboolean     as_kind,
            GError     **error)
{
  g_autoptr(GArray) before = g_array_new (FALSE, FALSE, g_array_get_element_size (ids));
  g_autofree char *select_sql = g_strdup_printf ("SELECT %s FROM %s WHERE certification_id = ?1 ORDER BY %s",
                                                 column, table, column);
  g_autofree char *delete_sql = g_strdup_printf ("DELETE FROM %s WHERE certification_id = ?1", table);
  g_autofree char *insert_sql = g_strdup_printf ("INSERT OR IGNORE INTO %s (certification_id, %s) VALUES (?1, ?2)",
                                                 table, column);
  g_autofree char *old_text = NULL;
  g_autofree char *new_text = NULL;
  sqlite3_stmt *stmt;

  if (!read_ids (store, select_sql, id, before, as_kind, error))
    return FALSE;
  old_text = join_ids (before, as_kind);

  for (guint i = 0; check_sql != NULL && i < ids->len; i++)
    {
      GError *local_error = NULL;

      if (cd_store_query_int (store, check_sql, g_array_index (ids, gint64, i), 0, &local_error) == 0)
        {
          if (local_error != NULL)
            g_propagate_error (error, local_error);
          else
            g_set_error_literal (error, CD_STORE_ERROR, CD_STORE_ERROR_INVALID,
                                 g_str_equal (table, "certification_courses")
                                 ? _("A required course no longer exists. Choose the courses again.")
                                 : _("A ticket category no longer exists. Choose the categories again."));
          return FALSE;
        }
    }

  stmt = cd_store_prepare (store, delete_sql, error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  if (cd_store_step (store, stmt, error) < 0)
    return FALSE;
  sqlite3_reset (stmt);

  stmt = cd_store_prepare (store, insert_sql, error);
  if (stmt == NULL)
    return FALSE;
  for (guint i = 0; i < ids->len; i++)
    {
      sqlite3_bind_int64 (stmt, 1, id);
      if (as_kind)
        sqlite3_bind_text (stmt, 2, cd_assessment_kind_to_nick ((CdAssessmentKind) g_array_index (ids, int, i)),
                           -1, SQLITE_STATIC);
      else
        sqlite3_bind_int64 (stmt, 2, g_array_index (ids, gint64, i));
      if (cd_store_step (store, stmt, error) < 0)
        return FALSE;
      sqlite3_reset (stmt);
    }

  {
    g_autoptr(GArray) after = g_array_new (FALSE, FALSE, g_array_get_element_size (ids));
    if (!read_ids (store, select_sql, id, after, as_kind, error))
      return FALSE;
    new_text = join_ids (after, as_kind);
  }
  if (g_strcmp0 (old_text, new_text) == 0)
    return TRUE;
  return cd_store_audit (store, "certifications", id, "update", table, old_text, new_text, error);
}

typedef struct {
  char *name;
  char *level;
  char *validity;
  char *description;
  char *roles;
} CertTexts;

static void
cert_texts (const CdCertification *c,
            CertTexts             *t,
            CdField                fields[5])
{
  t->name = cd_trim_dup (c->name);
  t->level = cd_optional_text (c->level);
  t->validity = g_strdup_printf ("%d", c->validity_months);
  t->description = c->description != NULL && *c->description != '\0' ? g_strdup (c->description) : NULL;
  t->roles = g_strdup_printf ("%u", c->required_roles);
  fields[0] = (CdField) { "name", t->name };
  fields[1] = (CdField) { "level", t->level };
  fields[2] = (CdField) { "validity_months", t->validity };
  fields[3] = (CdField) { "description", t->description };
  fields[4] = (CdField) { "required_roles", t->roles };
}

static void
cert_texts_clear (CertTexts *t)
{
  g_free (t->name);
  g_free (t->level);
  g_free (t->validity);
  g_free (t->description);
  g_free (t->roles);
}

static gboolean
save_all_links (CdStore                *store,
                gint64                  id,
                const CdCertification  *c,
                GError                **error)
{
  return save_links (store, id, "certification_courses", "course_id", "SELECT count(*) FROM courses WHERE id = ?1",
                     c->course_ids, FALSE, error) &&
         save_links (store, id, "certification_assessments", "kind", NULL, c->assessment_kinds, TRUE, error) &&
         save_links (store, id, "certification_categories", "category_id",
                     "SELECT count(*) FROM ticket_categories WHERE id = ?1", c->category_ids, FALSE, error);
}

gint64
cd_certification_create (CdStore                *store,
                         const CdCertification  *c,
                         GError                **error)
{
  GError *local_error = NULL;
  CertTexts texts;
  CdField fields[5];
  gint64 id;

  g_return_val_if_fail (CD_IS_STORE (store), 0);
  g_return_val_if_fail (c != NULL, 0);

  if (!cd_training_require_editor (store, error) || !cd_certification_check (c, error))
    return 0;
  if (!cd_store_begin (store, error))
    return 0;
  cert_texts (c, &texts, fields);
  id = cd_store_insert (store, "certifications", fields, G_N_ELEMENTS (fields), &local_error);
  cert_texts_clear (&texts);
  if (id == 0 || !save_all_links (store, id, c, &local_error))
    {
      cd_store_rollback (store);
      g_propagate_error (error, local_error);
      return 0;
    }
  if (!cd_store_commit (store, error))
    return 0;
  return id;
}

gboolean
cd_certification_update (CdStore                *store,
                         const CdCertification  *c,
                         gint64                  expected_version,
                         GError                **error)
{
  GError *local_error = NULL;
  CertTexts texts;
  CdField fields[5];
  gboolean ok;

  g_return_val_if_fail (CD_IS_STORE (store), FALSE);
  g_return_val_if_fail (c != NULL, FALSE);

  if (!cd_training_require_editor (store, error) || !cd_certification_check (c, error))
    return FALSE;
  if (!cd_store_begin (store, error))
    return FALSE;
  cert_texts (c, &texts, fields);
  ok = cd_store_update (store, "certifications", c->id, expected_version, fields, G_N_ELEMENTS (fields), &local_error);
  cert_texts_clear (&texts);
  if (!ok || !save_all_links (store, c->id, c, &local_error))
    {
      cd_store_rollback (store);
      g_propagate_error (error, local_error);
      return FALSE;
    }
  return cd_store_commit (store, error);
}

gboolean
cd_certification_set_archived (CdStore  *store,
                               gint64    id,
                               gint64    expected_version,
                               gboolean  archived,
                               GError  **error)
{
  const CdField fields[] = { { "archived", archived ? "1" : "0" } };

  g_return_val_if_fail (CD_IS_STORE (store), FALSE);

  if (!cd_training_require_editor (store, error))
    return FALSE;
  return cd_store_update (store, "certifications", id, expected_version, fields, G_N_ELEMENTS (fields), error);
}

GPtrArray *
cd_certifications_list (CdStore  *store,
                        gboolean  include_archived,
                        GError  **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (CD_IS_STORE (store), NULL);

  stmt = cd_store_prepare (store, CERT_SELECT " WHERE archived = 0 OR ?1 ORDER BY " CD_TRAINING_CERT_ORDER, error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int (stmt, 1, include_archived ? 1 : 0);
  return cd_training_collect (store, stmt, read_certification, (GDestroyNotify) cd_certification_free, error);
}

void
cd_category_choice_free (CdCategoryChoice *choice)
{
  if (choice == NULL)
    return;
  g_free (choice->name);
  g_free (choice);
}

static gpointer
read_category (sqlite3_stmt *stmt)
{
  CdCategoryChoice *choice = g_new0 (CdCategoryChoice, 1);

  choice->id = sqlite3_column_int64 (stmt, 0);
  choice->name = cd_sql_column_dup (stmt, 1);
  return choice;
}

GPtrArray *
cd_training_categories (CdStore  *store,
                        GError  **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (CD_IS_STORE (store), NULL);

  stmt = cd_store_prepare (store, "SELECT id, name FROM ticket_categories ORDER BY name COLLATE NOCASE, id", error);
  if (stmt == NULL)
    return NULL;
  return cd_training_collect (store, stmt, read_category, (GDestroyNotify) cd_category_choice_free, error);
}

/* Requirements ------------------------------------------------------------------ */

void
cd_requirement_free (CdRequirement *requirement)
{
  if (requirement == NULL)
    return;
  g_free (requirement->what);
  g_free (requirement->detail);
  g_free (requirement);
}

gboolean
cd_requirements_all_met (GPtrArray *requirements)
{
  g_return_val_if_fail (requirements != NULL, FALSE);

  for (guint i = 0; i < requirements->len; i++)
    if (!((CdRequirement *) g_ptr_array_index (requirements, i))->met)
      return FALSE;
  return TRUE;
}

static CdRequirement *
requirement_new (char     *what,
                 gboolean  met,
                 char     *detail)
{
  CdRequirement *r = g_new0 (CdRequirement, 1);

  r->what = what;
  r->met = met;
  r->detail = detail;
  return r;
}

GPtrArray *
cd_certification_requirements (CdStore  *store,
                               gint64    staff_id,
                               gint64    certification_id,
                               gint64    at,
                               GError  **error)
{
  g_autoptr(CdCertification) c = NULL;
  g_autoptr(GPtrArray) result = NULL;
  gint64 since;

  g_return_val_if_fail (CD_IS_STORE (store), NULL);

  c = cd_certification_load (store, certification_id, error);
  if (c == NULL)
    return NULL;
  result = g_ptr_array_new_with_free_func ((GDestroyNotify) cd_requirement_free);
  since = cd_certification_expiry_for (at, -c->validity_months);

  for (guint i = 0; i < c->course_ids->len; i++)
    {
      gint64 course_id = g_array_index (c->course_ids, gint64, i);
      sqlite3_stmt *stmt = cd_store_prepare (store,
                                             "SELECT c.title,"
                                             " (SELECT max(ts.starts_at) FROM enrolments e"
                                             "   JOIN training_sessions ts ON ts.id = e.session_id"
                                             "  WHERE e.staff_id = ?2 AND e.attendance = 'attended' AND e.waiting = 0"
                                             "    AND ts.course_id = c.id AND ts.starts_at <= ?3),"
                                             " (SELECT max(p.completed_at) FROM training_plan_items p"
                                             "  WHERE p.staff_id = ?2 AND p.course_id = c.id AND p.completed_at <= ?3)"
                                             " FROM courses c WHERE c.id = ?1", error);
      g_autofree char *title = NULL;
      gint64 attended = 0, completed = 0;
      int rc;

      if (stmt == NULL)
        return NULL;
      sqlite3_bind_int64 (stmt, 1, course_id);
      sqlite3_bind_int64 (stmt, 2, staff_id);
      sqlite3_bind_int64 (stmt, 3, at);
      rc = cd_store_step (store, stmt, error);
      if (rc == SQLITE_ROW)
        {
          title = cd_sql_column_dup (stmt, 0);
          attended = cd_sql_column_int64 (stmt, 1);
          completed = cd_sql_column_int64 (stmt, 2);
        }
      sqlite3_reset (stmt);
      if (rc < 0)
        return NULL;
      if (rc != SQLITE_ROW)
        continue;

      {
        /* Translators: a requirement of a certification */
        char *what = g_strdup_printf (_("Course “%s”"), title);
        char *detail;
        gint64 when = MAX (attended, completed);

        if (when > 0)
          {
            g_autofree char *date = cd_datetime_format_date (when);
            detail = attended >= completed
                     ? g_strdup_printf (_("attended on %s"), date)
                     : g_strdup_printf (_("marked complete on %s"), date);
          }
        else
          detail = g_strdup (_("not attended yet"));
        g_ptr_array_add (result, requirement_new (what, when > 0, detail));
      }
    }

  for (guint i = 0; i < c->assessment_kinds->len; i++)
    {
      CdAssessmentKind kind = (CdAssessmentKind) g_array_index (c->assessment_kinds, int, i);
      sqlite3_stmt *stmt = cd_store_prepare (store,
                                             "SELECT assessed_at, score, pass_mark FROM assessments"
                                             " WHERE staff_id = ?1 AND certification_id = ?2 AND kind = ?3"
                                             " AND score >= pass_mark AND assessed_at <= ?4 AND assessed_at > ?5"
                                             " ORDER BY assessed_at DESC LIMIT 1", error);
      char *what, *detail;
      int rc;

      if (stmt == NULL)
        return NULL;
      sqlite3_bind_int64 (stmt, 1, staff_id);
      sqlite3_bind_int64 (stmt, 2, certification_id);
      sqlite3_bind_text (stmt, 3, cd_assessment_kind_to_nick (kind), -1, SQLITE_STATIC);
      sqlite3_bind_int64 (stmt, 4, at);
      sqlite3_bind_int64 (stmt, 5, since);
      rc = cd_store_step (store, stmt, error);
      /* Translators: a requirement of a certification: "A passed exam" */
      what = g_strdup_printf (_("A passed %s"), cd_assessment_kind_label (kind));
      if (rc == SQLITE_ROW)
        {
          g_autofree char *date = cd_datetime_format_date (sqlite3_column_int64 (stmt, 0));
          g_autofree char *score = cd_assessment_format_score (sqlite3_column_double (stmt, 1),
                                                               sqlite3_column_double (stmt, 2));
          /* Translators: "passed on 3 May 2025 (82 / 70)" */
          detail = g_strdup_printf (_("passed on %s (%s)"), date, score);
        }
      else
        {
          g_autofree char *date = cd_datetime_format_date (since);
          detail = g_strdup_printf (_("none passed since %s"), date);
        }
      sqlite3_reset (stmt);
      if (rc < 0)
        {
          g_free (what);
          g_free (detail);
          return NULL;
        }
      g_ptr_array_add (result, requirement_new (what, rc == SQLITE_ROW, detail));
    }

  return g_steal_pointer (&result);
}

/* Issuing, renewing, revoking ---------------------------------------------------- */

void
cd_staff_certification_free (CdStaffCertification *record)
{
  if (record == NULL)
    return;
  g_free (record->staff_name);
  g_free (record->certification_name);
  g_free (record->revoke_reason);
  g_free (record->override_reason);
  g_free (record->issued_by_name);
  g_free (record);
}

CdCertStatus
cd_staff_certification_status (const CdStaffCertification *record,
                               gint64                      now)
{
  g_return_val_if_fail (record != NULL, CD_CERT_EXPIRED);
  return cd_certification_status (record->expires_at, record->revoked_at, now);
}

CdStaffCertification *
cd_training_read_staff_certification (sqlite3_stmt *stmt)
{
  CdStaffCertification *r = g_new0 (CdStaffCertification, 1);

  r->id = sqlite3_column_int64 (stmt, 0);
  r->staff_id = sqlite3_column_int64 (stmt, 1);
  r->staff_name = cd_sql_column_dup (stmt, 2);
  r->certification_id = sqlite3_column_int64 (stmt, 3);
  r->certification_name = cd_certification_display_name ((const char *) sqlite3_column_text (stmt, 4),
                                                         (const char *) sqlite3_column_text (stmt, 5));
  r->issued_at = sqlite3_column_int64 (stmt, 6);
  r->expires_at = sqlite3_column_int64 (stmt, 7);
  r->revoked_at = cd_sql_column_int64 (stmt, 8);
  r->revoke_reason = cd_sql_column_dup (stmt, 9);
  r->override_reason = cd_sql_column_dup (stmt, 10);
  r->issued_by = cd_sql_column_int64 (stmt, 11);
  r->issued_by_name = cd_sql_column_dup (stmt, 12);
  r->version = sqlite3_column_int64 (stmt, 13);
  return r;
}

CdStaffCertification *
cd_staff_certification_load (CdStore  *store,
                             gint64    id,
                             GError  **error)
{
  sqlite3_stmt *stmt;
  CdStaffCertification *r = NULL;
  int rc;

  g_return_val_if_fail (CD_IS_STORE (store), NULL);

  stmt = cd_store_prepare (store, CD_TRAINING_SC_SELECT " WHERE sc.id = ?1", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, id);
  rc = cd_store_step (store, stmt, error);
  if (rc == SQLITE_ROW)
    r = cd_training_read_staff_certification (stmt);
  sqlite3_reset (stmt);
  if (rc == SQLITE_DONE)
    g_set_error_literal (error, CD_STORE_ERROR, CD_STORE_ERROR_NOT_FOUND,
                         _("This certification record no longer exists."));
  return r;
}

static char *
unmet_text (GPtrArray *requirements)
{
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; i < requirements->len; i++)
    {
      CdRequirement *r = g_ptr_array_index (requirements, i);

      if (r->met)
        continue;
      if (text->len > 0)
        g_string_append (text, _("; "));
      /* Translators: an unmet requirement: "Course “X”: not attended yet" */
      g_string_append_printf (text, _("%s: %s"), r->what, r->detail);
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

/* The checks issuing and renewing share: the requirements at @at, and who
 * may go past them. Sets *@overridden when an administrator's reason is
 * used. */
static gboolean
check_requirements (CdStore     *store,
                    gint64       staff_id,
                    gint64       certification_id,
                    gint64       at,
                    const char  *override_reason,
                    gboolean    *overridden,
                    GError     **error)
{
  g_autoptr(GPtrArray) requirements = NULL;
  g_autofree char *reason = cd_optional_text (override_reason);
  g_autofree char *unmet = NULL;

  *overridden = FALSE;
  requirements = cd_certification_requirements (store, staff_id, certification_id, at, error);
  if (requirements == NULL)
    return FALSE;
  if (cd_requirements_all_met (requirements))
    return TRUE;

  unmet = unmet_text (requirements);
  if (reason == NULL)
    {
      if (cd_store_get_role (store) == CD_ROLE_ADMIN)
        g_set_error (error, CD_STORE_ERROR, CD_STORE_ERROR_INVALID,
                     _("Not every requirement is met (%s). To issue it anyway, give the reason."), unmet);
      else
        g_set_error (error, CD_STORE_ERROR, CD_STORE_ERROR_INVALID,
                     _("Not every requirement is met (%s). Only an administrator may issue it anyway."), unmet);
      return FALSE;
    }
  if (cd_store_get_role (store) != CD_ROLE_ADMIN)
    {
      g_set_error (error, CD_STORE_ERROR, CD_STORE_ERROR_PERMISSION,
                   _("Not every requirement is met (%s), and only an administrator may issue a certification anyway."),
                   unmet);
      return FALSE;
    }
  if (g_utf8_strlen (reason, -1) > CD_CERTIFICATION_REASON_MAX_CHARS)
    {
      g_set_error (error, CD_STORE_ERROR, CD_STORE_ERROR_INVALID,
                   _("The reason is too long: keep it under %d characters."), CD_CERTIFICATION_REASON_MAX_CHARS);
      return FALSE;
    }
  *overridden = TRUE;
  return TRUE;
}

/* Inserts the record; the caller holds the transaction. */
static gint64
insert_record (CdStore     *store,
               gint64       staff_id,
               gint64       certification_id,
               gint64       issued_at,
               int          validity_months,
               const char  *override_reason,
               GError     **error)
{
  g_autofree char *staff_text = cd_int_text (staff_id);
  g_autofree char *cert_text = cd_int_text (certification_id);
  g_autofree char *issued_text = cd_int_text (issued_at);
  g_autofree char *expires_text = cd_int_text (cd_certification_expiry_for (issued_at, validity_months));
  g_autofree char *by_text = cd_int_text (cd_store_get_staff_id (store));
  g_autofree char *reason = cd_optional_text (override_reason);
  const CdField fields[] = {
    { "staff_id", staff_text }, { "certification_id", cert_text }, { "issued_at", issued_text },
    { "expires_at", expires_text }, { "issued_by", by_text }, { "override_reason", reason },
  };
  gint64 id = cd_store_insert (store, "staff_certifications", fields, G_N_ELEMENTS (fields), error);

  if (id != 0 && reason != NULL &&
      !cd_store_audit (store, "staff_certifications", id, "override", "override_reason", NULL, reason, error))
    return 0;
  return id;
}

static gboolean
load_definition (CdStore  *store,
                 gint64    certification_id,
                 int      *validity_months,
                 GError  **error)
{
  sqlite3_stmt *stmt = cd_store_prepare (store, "SELECT validity_months, archived FROM certifications WHERE id = ?1", error);
  gboolean archived = FALSE;
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, certification_id);
  rc = cd_store_step (store, stmt, error);
  if (rc == SQLITE_ROW)
    {
      *validity_months = sqlite3_column_int (stmt, 0);
      archived = sqlite3_column_int (stmt, 1) != 0;
    }
  sqlite3_reset (stmt);
  if (rc < 0)
    return FALSE;
  if (rc != SQLITE_ROW)
    {
      g_set_error_literal (error, CD_STORE_ERROR, CD_STORE_ERROR_INVALID, _("Choose a certification from the list."));
      return FALSE;
    }
  if (archived)
    {
      g_set_error_literal (error, CD_STORE_ERROR, CD_STORE_ERROR_INVALID,
                           _("This certification is archived and is issued no more."));
      return FALSE;
    }
  return TRUE;
}

static gboolean
check_issue_time (CdStore  *store,
                  gint64   *at,
                  GError  **error)
{
  gint64 now = cd_store_now (store);

  if (*at == 0)
    *at = now;
  if (*at > now)
    {
      g_set_error_literal (error, CD_STORE_ERROR, CD_STORE_ERROR_INVALID,
                           _("A certification cannot be issued in the future. Choose today or an earlier day."));
      return FALSE;
    }
  if (*at < 0)
    {
      g_set_error_literal (error, CD_STORE_ERROR, CD_STORE_ERROR_INVALID, _("Choose the day it is issued."));
      return FALSE;
    }
  return TRUE;
}

gint64
cd_certification_issue (CdStore     *store,
                        gint64       staff_id,
                        gint64       certification_id,
                        gint64       issued_at,
                        const char  *override_reason,
                        GError     **error)
{
  GError *local_error = NULL;
  gboolean overridden = FALSE;
  int validity = 12;
  gint64 held_until;
  gint64 id;

  g_return_val_if_fail (CD_IS_STORE (store), 0);

  if (!cd_training_require_editor (store, error) || !check_issue_time (store, &issued_at, error))
    return 0;
  if (!cd_store_begin (store, error))
    return 0;
  if (!load_definition (store, certification_id, &validity, &local_error) ||
      !cd_training_check_staff (store, staff_id, TRUE, &local_error))
    goto fail;

  {
    sqlite3_stmt *stmt = cd_store_prepare (store,
                                           "SELECT max(sc.expires_at) FROM staff_certifications sc"
                                           " WHERE sc.staff_id = ?1 AND sc.certification_id = ?2 AND "
                                           CD_TRAINING_CERT_VALID_AT ("sc", "?3"), &local_error);
    int rc;

    if (stmt == NULL)
      goto fail;
    sqlite3_bind_int64 (stmt, 1, staff_id);
    sqlite3_bind_int64 (stmt, 2, certification_id);
    sqlite3_bind_int64 (stmt, 3, cd_store_now (store));
    rc = cd_store_step (store, stmt, &local_error);
    held_until = rc == SQLITE_ROW ? cd_sql_column_int64 (stmt, 0) : 0;
    sqlite3_reset (stmt);
    if (rc < 0)
      goto fail;
  }
  if (held_until > 0)
    {
      g_autofree char *date = cd_datetime_format_date (held_until);
      g_set_error (&local_error, CD_STORE_ERROR, CD_STORE_ERROR_INVALID,
                   _("This person holds the certification already, until %s. Renew it instead."), date);
      goto fail;
    }

  if (!check_requirements (store, staff_id, certification_id, issued_at, override_reason, &overridden, &local_error))
    goto fail;
  id = insert_record (store, staff_id, certification_id, issued_at, validity,
                      overridden ? override_reason : NULL, &local_error);
  if (id == 0)
    goto fail;
  if (!cd_store_commit (store, error))
    return 0;
  return id;

fail:
  cd_store_rollback (store);
  g_propagate_error (error, local_error);
  return 0;
}

gint64
cd_certification_renew (CdStore     *store,
                        gint64       staff_certification_id,
                        gint64       renewed_at,
                        const char  *override_reason,
                        GError     **error)
{
  g_autoptr(CdStaffCertification) old = NULL;
  GError *local_error = NULL;
  gboolean overridden = FALSE;
  int validity = 12;
  gint64 id;

  g_return_val_if_fail (CD_IS_STORE (store), 0);

  if (!cd_training_require_editor (store, error) || !check_issue_time (store, &renewed_at, error))
    return 0;
  if (!cd_store_begin (store, error))
    return 0;
  old = cd_staff_certification_load (store, staff_certification_id, &local_error);
  if (old == NULL)
    goto fail;
  if (old->revoked_at != 0)
    {
      g_set_error_literal (&local_error, CD_STORE_ERROR, CD_STORE_ERROR_INVALID,
                           _("A revoked certification is not renewed. Issue it again once its requirements are met."));
      goto fail;
    }
  if (!load_definition (store, old->certification_id, &validity, &local_error) ||
      !cd_training_check_staff (store, old->staff_id, TRUE, &local_error) ||
      !check_requirements (store, old->staff_id, old->certification_id, renewed_at, override_reason, &overridden,
                           &local_error))
    goto fail;
  id = insert_record (store, old->staff_id, old->certification_id, renewed_at, validity,
                      overridden ? override_reason : NULL, &local_error);
  if (id == 0)
    goto fail;
  {
    g_autofree char *old_text = cd_int_text (old->id);
    if (!cd_store_audit (store, "staff_certifications", id, "renew", "renews", old_text, NULL, &local_error))
      goto fail;
  }
  if (!cd_store_commit (store, error))
    return 0;
  return id;

fail:
  cd_store_rollback (store);
  g_propagate_error (error, local_error);
  return 0;
}

gboolean
cd_certification_revoke (CdStore     *store,
                         gint64       staff_certification_id,
                         gint64       expected_version,
                         const char  *reason,
                         GError     **error)
{
  g_autoptr(CdStaffCertification) record = NULL;
  g_autofree char *reason_text = cd_optional_text (reason);
  g_autofree char *now_text = NULL;
  g_autofree char *by_text = NULL;
  g_autoptr(GArray) others = g_array_new (FALSE, FALSE, sizeof (gint64));
  GError *local_error = NULL;
  sqlite3_stmt *stmt;
  gint64 now;
  int rc;

  g_return_val_if_fail (CD_IS_STORE (store), FALSE);

  if (!cd_training_require_editor (store, error))
    return FALSE;
  if (reason_text == NULL)
    {
      g_set_error_literal (error, CD_STORE_ERROR, CD_STORE_ERROR_INVALID,
                           _("Say why the certification is revoked: the reason is kept with the record."));
      return FALSE;
    }
  if (g_utf8_strlen (reason_text, -1) > CD_CERTIFICATION_REASON_MAX_CHARS)
    {
      g_set_error (error, CD_STORE_ERROR, CD_STORE_ERROR_INVALID,
                   _("The reason is too long: keep it under %d characters."), CD_CERTIFICATION_REASON_MAX_CHARS);
      return FALSE;
    }

  if (!cd_store_begin (store, error))
    return FALSE;
  record = cd_staff_certification_load (store, staff_certification_id, &local_error);
  if (record == NULL)
    goto fail;
  if (record->revoked_at != 0)
    {
      g_set_error_literal (&local_error, CD_STORE_ERROR, CD_STORE_ERROR_INVALID,
                           _("This certification was revoked already."));
      goto fail;
    }

  now = cd_store_now (store);
  now_text = cd_int_text (now);
  by_text = cd_int_text (cd_store_get_staff_id (store));
  {
    const CdField fields[] = {
      { "revoked_at", now_text }, { "revoked_by", by_text }, { "revoke_reason", reason_text },
    };
    if (!cd_store_update (store, "staff_certifications", record->id, expected_version, fields,
                          G_N_ELEMENTS (fields), &local_error))
      goto fail;
  }

  /* A renewal that is still valid goes with it. */
  stmt = cd_store_prepare (store,
                           "SELECT id FROM staff_certifications WHERE staff_id = ?1 AND certification_id = ?2"
                           " AND id != ?3 AND revoked_at IS NULL AND expires_at > ?4", &local_error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_int64 (stmt, 1, record->staff_id);
  sqlite3_bind_int64 (stmt, 2, record->certification_id);
  sqlite3_bind_int64 (stmt, 3, record->id);
  sqlite3_bind_int64 (stmt, 4, now);
  while ((rc = cd_store_step (store, stmt, &local_error)) == SQLITE_ROW)
    {
      gint64 other = sqlite3_column_int64 (stmt, 0);
      g_array_append_val (others, other);
    }
  sqlite3_reset (stmt);
  if (rc < 0)
    goto fail;
  for (guint i = 0; i < others->len; i++)
    {
      const CdField fields[] = {
        { "revoked_at", now_text }, { "revoked_by", by_text }, { "revoke_reason", reason_text },
      };
      if (!cd_store_update (store, "staff_certifications", g_array_index (others, gint64, i), 0, fields,
                            G_N_ELEMENTS (fields), &local_error))
        goto fail;
    }
  return cd_store_commit (store, error);

fail:
  cd_store_rollback (store);
  g_propagate_error (error, local_error);
  return FALSE;
}

GPtrArray *
cd_staff_certifications (CdStore  *store,
                         gint64    staff_id,
                         gint64    certification_id,
                         GError  **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (CD_IS_STORE (store), NULL);

  stmt = cd_store_prepare (store,
                           CD_TRAINING_SC_SELECT
                           " WHERE sc.staff_id = ?1 AND (?2 = 0 OR sc.certification_id = ?2)"
                           " ORDER BY c.name COLLATE NOCASE, c.level COLLATE NOCASE, c.id, sc.issued_at DESC, sc.id DESC",
                           error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, staff_id);
  sqlite3_bind_int64 (stmt, 2, certification_id);
  return cd_training_collect (store, stmt, (gpointer (*) (sqlite3_stmt *)) cd_training_read_staff_certification,
                              (GDestroyNotify) cd_staff_certification_free, error);
}

GPtrArray *
cd_certification_holders (CdStore  *store,
                          gint64    certification_id,
                          GError  **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (CD_IS_STORE (store), NULL);

  stmt = cd_store_prepare (store,
                           CD_TRAINING_SC_SELECT
                           " WHERE sc.certification_id = ?1 AND s.active = 1"
                           " AND sc.id = (SELECT x.id FROM staff_certifications x"
                           "   WHERE x.staff_id = sc.staff_id AND x.certification_id = sc.certification_id"
                           "   ORDER BY x.issued_at DESC, x.id DESC LIMIT 1)"
                           " ORDER BY s.display_name COLLATE NOCASE, s.id", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, certification_id);
  return cd_training_collect (store, stmt, (gpointer (*) (sqlite3_stmt *)) cd_training_read_staff_certification,
                              (GDestroyNotify) cd_staff_certification_free, error);
}

char *
cd_certification_roles_text (guint required_roles)
{
  static const char *const plural[] = { N_("Reps"), N_("Team leads"), N_("Trainers"), N_("Administrators") };
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint r = 0; r < G_N_ELEMENTS (plural); r++)
    if (required_roles & CD_ROLE_BIT (r))
      {
        if (text->len > 0)
          g_string_append (text, _(", "));
        g_string_append (text, _(plural[r]));
      }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

/* The list ------------------------------------------------------------------------- */

#define HOLDERS_EXPR \
  "(SELECT count(DISTINCT sc.staff_id) FROM staff_certifications sc JOIN staff s ON s.id = sc.staff_id AND s.active = 1" \
  " WHERE sc.certification_id = certifications.id AND " CD_TRAINING_CERT_VALID_AT ("sc", "?1") ")"
#define EXPIRING_EXPR \
  "(SELECT count(*) FROM (SELECT max(sc.expires_at) AS e FROM staff_certifications sc" \
  "   JOIN staff s ON s.id = sc.staff_id AND s.active = 1" \
  "  WHERE sc.certification_id = certifications.id AND " CD_TRAINING_CERT_VALID_AT ("sc", "?1") \
  "  GROUP BY sc.staff_id) WHERE e < ?2)"

static const CdRowColumn certification_columns[CD_CERTIFICATION_N_COLS] = {
  { "name", "name", CD_TRAINING_CERT_ORDER },
  { "level", "level", NULL },
  { "validity", "validity_months", "validity_months, " CD_TRAINING_CERT_ORDER },
  { "categories", "(SELECT group_concat(name, ', ') FROM (SELECT t.name FROM certification_categories cc"
                  " JOIN ticket_categories t ON t.id = cc.category_id WHERE cc.certification_id = certifications.id"
                  " ORDER BY t.name COLLATE NOCASE))", NULL },
  { "requires", "((SELECT count(*) FROM certification_courses WHERE certification_id = certifications.id)"
                " + (SELECT count(*) FROM certification_assessments WHERE certification_id = certifications.id))", NULL },
  { "holders", HOLDERS_EXPR, HOLDERS_EXPR ", " CD_TRAINING_CERT_ORDER },
  { "expiring", EXPIRING_EXPR, EXPIRING_EXPR ", " CD_TRAINING_CERT_ORDER },
  { "archived", "archived", NULL },
  { "roles", "required_roles", NULL },
};

void
cd_certification_filter_init (CdCertificationFilter *filter)
{
  g_return_if_fail (filter != NULL);
  memset (filter, 0, sizeof *filter);
}

void
cd_certification_filter_clear (CdCertificationFilter *filter)
{
  g_return_if_fail (filter != NULL);
  g_clear_pointer (&filter->text, g_free);
  g_clear_pointer (&filter->sort_column, g_free);
}

static char *
certification_where (CdStore                      *store,
                     const CdCertificationFilter  *filter,
                     GVariant                    **params)
{
  g_autoptr(GString) where = g_string_new ("?1 IS NOT NULL AND ?2 IS NOT NULL");
  g_autofree char *pattern = cd_training_like_pattern (filter->text);
  GVariantBuilder builder;
  gint64 now = cd_store_now (store);

  g_variant_builder_init (&builder, G_VARIANT_TYPE_TUPLE);
  g_variant_builder_add (&builder, "x", now);
  g_variant_builder_add (&builder, "x", cd_certification_expiring_limit (now));
  if (!filter->show_archived)
    g_string_append (where, " AND archived = 0");
  if (pattern != NULL)
    {
      g_string_append (where, " AND (name LIKE ?3 ESCAPE '\\' OR level LIKE ?3 ESCAPE '\\')");
      g_variant_builder_add (&builder, "s", pattern);
    }
  *params = g_variant_builder_end (&builder);
  return g_string_free (g_steal_pointer (&where), FALSE);
}

CdRowModel *
cd_certifications_list_new (CdStore                     *store,
                            const CdCertificationFilter *filter)
{
  CdCertificationFilter defaults;
  g_autofree char *where = NULL;
  GVariant *params = NULL;

  g_return_val_if_fail (CD_IS_STORE (store), NULL);

  if (filter == NULL)
    {
      cd_certification_filter_init (&defaults);
      filter = &defaults;
    }
  where = certification_where (store, filter, &params);
  return cd_row_model_new_full (store, "certifications", "id", certification_columns, CD_CERTIFICATION_N_COLS,
                                where, params,
                                cd_training_sort_column (certification_columns, CD_CERTIFICATION_N_COLS,
                                                         filter->sort_column, "name"),
                                filter->sort_descending);
}

void
cd_certifications_list_set_filter (CdRowModel                  *model,
                                   const CdCertificationFilter *filter)
{
  CdCertificationFilter defaults;
  g_autofree char *where = NULL;
  GVariant *params = NULL;

  g_return_if_fail (CD_IS_ROW_MODEL (model));

  if (filter == NULL)
    {
      cd_certification_filter_init (&defaults);
      filter = &defaults;
    }
  where = certification_where (cd_row_model_get_store (model), filter, &params);
  cd_row_model_set_query (model, where, params,
                          cd_training_sort_column (certification_columns, CD_CERTIFICATION_N_COLS,
                                                   filter->sort_column, "name"),
                          filter->sort_descending);
}
