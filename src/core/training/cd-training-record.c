/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "caredesk-training"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "cd-datetime.h"
#include "cd-sql-util.h"
#include "cd-training-private.h"

static void
record_session_free (CdRecordSession *s)
{
  if (s == NULL)
    return;
  g_free (s->course_title);
  g_free (s);
}

void
cd_training_record_free (CdTrainingRecord *record)
{
  if (record == NULL)
    return;
  g_free (record->name);
  g_free (record->login);
  g_clear_pointer (&record->certifications, g_ptr_array_unref);
  g_clear_pointer (&record->plan, g_ptr_array_unref);
  g_clear_pointer (&record->sessions, g_ptr_array_unref);
  g_clear_pointer (&record->assessments, g_ptr_array_unref);
  g_free (record);
}

static gpointer
read_record_session (sqlite3_stmt *stmt)
{
  CdRecordSession *s = g_new0 (CdRecordSession, 1);

  s->session_id = sqlite3_column_int64 (stmt, 0);
  s->course_id = sqlite3_column_int64 (stmt, 1);
  s->course_title = cd_sql_column_dup (stmt, 2);
  s->starts_at = sqlite3_column_int64 (stmt, 3);
  s->ends_at = sqlite3_column_int64 (stmt, 4);
  s->attendance = sqlite3_column_type (stmt, 5) == SQLITE_NULL
                  ? -1 : cd_sql_column_enum (stmt, 5, cd_attendance_from_nick, -1);
  s->waiting = sqlite3_column_int (stmt, 6) != 0;
  s->hours = sqlite3_column_double (stmt, 7);
  return s;
}

CdTrainingRecord *
cd_training_record_load (CdStore  *store,
                         gint64    staff_id,
                         GError  **error)
{
  g_autoptr(CdTrainingRecord) record = NULL;
  sqlite3_stmt *stmt;
  gint64 now;
  int rc;

  g_return_val_if_fail (CD_IS_STORE (store), NULL);

  if (!cd_training_require_reader (store, staff_id, error))
    return NULL;

  stmt = cd_store_prepare (store, "SELECT display_name, login, role, active FROM staff WHERE id = ?1", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, staff_id);
  rc = cd_store_step (store, stmt, error);
  if (rc == SQLITE_ROW)
    {
      record = g_new0 (CdTrainingRecord, 1);
      record->staff_id = staff_id;
      record->name = cd_sql_column_dup (stmt, 0);
      record->login = cd_sql_column_dup (stmt, 1);
      record->role = cd_sql_column_enum (stmt, 2, cd_role_from_nick, CD_ROLE_REP);
      record->active = sqlite3_column_int (stmt, 3) != 0;
    }
  sqlite3_reset (stmt);
  if (rc == SQLITE_DONE)
    g_set_error_literal (error, CD_STORE_ERROR, CD_STORE_ERROR_NOT_FOUND,
                         _("This person is not on the staff list."));
  if (record == NULL)
    return NULL;

  now = cd_store_now (store);
  record->hours_total = cd_training_hours (store, staff_id, 0, 0, error);
  if (record->hours_total < 0)
    return NULL;
  record->hours_this_year = cd_training_hours (store, staff_id, cd_training_year_start (cd_training_year_of (now)),
                                               cd_training_year_start (cd_training_year_of (now) + 1), error);
  if (record->hours_this_year < 0)
    return NULL;

  record->certifications = cd_staff_certifications (store, staff_id, 0, error);
  if (record->certifications == NULL)
    return NULL;

  stmt = cd_store_prepare (store, CD_TRAINING_PLAN_SELECT " WHERE p.staff_id = ?1 ORDER BY p.year DESC, p.due_at, p.id",
                           error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, staff_id);
  record->plan = cd_training_collect (store, stmt, (gpointer (*) (sqlite3_stmt *)) cd_training_read_plan_item,
                                      (GDestroyNotify) cd_plan_item_free, error);
  if (record->plan == NULL)
    return NULL;

  stmt = cd_store_prepare (store,
                           "SELECT ts.id, ts.course_id, c.title, ts.starts_at, ts.ends_at, e.attendance, e.waiting, c.hours"
                           " FROM enrolments e JOIN training_sessions ts ON ts.id = e.session_id"
                           " JOIN courses c ON c.id = ts.course_id"
                           " WHERE e.staff_id = ?1 ORDER BY ts.starts_at DESC, ts.id DESC", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, staff_id);
  record->sessions = cd_training_collect (store, stmt, read_record_session, (GDestroyNotify) record_session_free, error);
  if (record->sessions == NULL)
    return NULL;

  stmt = cd_store_prepare (store, CD_TRAINING_ASSESSMENT_SELECT " WHERE a.staff_id = ?1 ORDER BY a.assessed_at DESC, a.id DESC",
                           error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, staff_id);
  record->assessments = cd_training_collect (store, stmt, (gpointer (*) (sqlite3_stmt *)) cd_training_read_assessment,
                                             (GDestroyNotify) cd_assessment_free, error);
  if (record->assessments == NULL)
    return NULL;
  return g_steal_pointer (&record);
}

/* Export ------------------------------------------------------------------------ */

static char *
iso_day (gint64 t)
{
  g_autoptr(GDateTime) day = t > 0 ? g_date_time_new_from_unix_local (t) : NULL;

  return day != NULL ? g_date_time_format (day, "%Y-%m-%d") : g_strdup ("");
}

#define ROW(...) \
  G_STMT_START { \
    const char *row_[] = { __VA_ARGS__ }; \
    if (!cd_training_csv_row (csv, row_, G_N_ELEMENTS (row_), error)) \
      return FALSE; \
    n++; \
  } G_STMT_END

gboolean
cd_training_record_export (CdStore     *store,
                           gint64       staff_id,
                           const char  *csv_path,
                           GError     **error)
{
  g_autoptr(CdTrainingRecord) record = NULL;
  g_autoptr(CdTrainingCsv) csv = NULL;
  g_autofree char *hours_year = NULL;
  g_autofree char *hours_total = NULL;
  gint64 now;
  guint n = 0;

  g_return_val_if_fail (CD_IS_STORE (store), FALSE);
  g_return_val_if_fail (csv_path != NULL, FALSE);

  record = cd_training_record_load (store, staff_id, error);
  if (record == NULL)
    return FALSE;
  csv = cd_training_csv_open (csv_path, error);
  if (csv == NULL)
    return FALSE;
  now = cd_store_now (store);

  hours_year = cd_training_double_text (record->hours_this_year);
  hours_total = cd_training_double_text (record->hours_total);
  ROW (_("Name"), record->name, _("Role"), cd_role_label (record->role));
  ROW (_("Training hours this year"), hours_year, _("Training hours in all"), hours_total);

  ROW ("");
  ROW (_("Certification"), _("Status"), _("Issued"), _("Expires"), _("Revoked"), _("Reason"));
  for (guint i = 0; i < record->certifications->len; i++)
    {
      CdStaffCertification *c = g_ptr_array_index (record->certifications, i);
      g_autofree char *issued = iso_day (c->issued_at);
      g_autofree char *expires = iso_day (c->expires_at);
      g_autofree char *revoked = iso_day (c->revoked_at);
      CdCertStatus status = cd_staff_certification_status (c, now);

      ROW (c->certification_name, cd_cert_status_label (status), issued, expires, revoked,
           c->revoke_reason != NULL ? c->revoke_reason : (c->override_reason != NULL ? c->override_reason : ""));
    }

  ROW ("");
  ROW (_("Plan year"), _("Course"), _("Due"), _("Status"), _("Done"));
  for (guint i = 0; i < record->plan->len; i++)
    {
      CdPlanItem *p = g_ptr_array_index (record->plan, i);
      g_autofree char *year = g_strdup_printf ("%d", p->year);
      g_autofree char *due = iso_day (p->due_at);
      g_autofree char *done = iso_day (p->done_at);

      ROW (year, p->course_title, due, cd_plan_status_label (cd_plan_item_status (p, now)), done);
    }

  ROW ("");
  ROW (_("Session"), _("Course"), _("Attendance"), _("Hours"));
  for (guint i = 0; i < record->sessions->len; i++)
    {
      CdRecordSession *s = g_ptr_array_index (record->sessions, i);
      g_autofree char *day = iso_day (s->starts_at);
      g_autofree char *hours = cd_training_double_text (s->hours);
      const char *attendance = s->waiting ? _("Waiting list")
                               : s->attendance >= 0 ? cd_attendance_label ((CdAttendance) s->attendance) : "";

      ROW (day, s->course_title, attendance, hours);
    }

  ROW ("");
  ROW (_("Assessed"), _("Subject"), _("Kind"), _("Score"), _("Pass mark"), _("Result"));
  for (guint i = 0; i < record->assessments->len; i++)
    {
      CdAssessment *a = g_ptr_array_index (record->assessments, i);
      g_autofree char *day = iso_day (a->assessed_at);
      g_autofree char *score = cd_training_double_text (a->score);
      g_autofree char *pass = cd_training_double_text (a->pass_mark);

      ROW (day, a->course_title != NULL ? a->course_title : a->certification_name,
           cd_assessment_kind_label (a->kind), score, pass,
           cd_assessment_passed (a) ? _("Passed") : _("Failed"));
    }

  return cd_training_csv_commit (store, csv, "staff", staff_id, "training", n, error);
}

/* For the Overview ----------------------------------------------------------------- */

void
cd_training_summary_free (CdTrainingSummary *summary)
{
  if (summary == NULL)
    return;
  g_clear_pointer (&summary->alerts, g_ptr_array_unref);
  g_free (summary);
}

static void
alert_free (CdTrainingAlert *alert)
{
  g_free (alert->title);
  g_free (alert);
}

static int
compare_alerts (gconstpointer a,
                gconstpointer b)
{
  const CdTrainingAlert *x = *(CdTrainingAlert * const *) a;
  const CdTrainingAlert *y = *(CdTrainingAlert * const *) b;

  /* What is already wrong first, then the soonest. */
  gboolean x_past = x->kind == CD_TRAINING_ALERT_CERTIFICATION_EXPIRED || x->kind == CD_TRAINING_ALERT_PLAN_LATE;
  gboolean y_past = y->kind == CD_TRAINING_ALERT_CERTIFICATION_EXPIRED || y->kind == CD_TRAINING_ALERT_PLAN_LATE;

  if (x_past != y_past)
    return x_past ? -1 : 1;
  if (x->at != y->at)
    return x->at < y->at ? -1 : 1;
  return (int) x->kind - (int) y->kind;
}

CdTrainingSummary *
cd_training_summary_for (CdStore  *store,
                         gint64    staff_id,
                         guint     limit,
                         GError  **error)
{
  g_autoptr(CdTrainingSummary) summary = g_new0 (CdTrainingSummary, 1);
  sqlite3_stmt *stmt;
  gint64 now, limit_at;
  int year, rc;

  g_return_val_if_fail (CD_IS_STORE (store), NULL);

  if (!cd_training_require_reader (store, staff_id, error))
    return NULL;
  summary->alerts = g_ptr_array_new_with_free_func ((GDestroyNotify) alert_free);
  now = cd_store_now (store);
  limit_at = cd_certification_expiring_limit (now);
  year = cd_training_year_of (now);

  /* Certifications: the newest record of each certification the person
   * holds or held, unless a newer one is still valid. */
  stmt = cd_store_prepare (store,
                           "SELECT sc.id, c.name, c.level, sc.expires_at FROM staff_certifications sc"
                           " JOIN certifications c ON c.id = sc.certification_id"
                           " WHERE sc.staff_id = ?1 AND sc.revoked_at IS NULL AND c.archived = 0"
                           " AND sc.expires_at > ?2 - 90 * 86400 AND sc.expires_at < ?3"
                           " AND NOT EXISTS (SELECT 1 FROM staff_certifications n WHERE n.staff_id = sc.staff_id"
                           "   AND n.certification_id = sc.certification_id AND n.id != sc.id"
                           "   AND n.revoked_at IS NULL AND n.expires_at > sc.expires_at AND n.expires_at > ?2)"
                           " ORDER BY sc.expires_at", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, staff_id);
  sqlite3_bind_int64 (stmt, 2, now);
  sqlite3_bind_int64 (stmt, 3, limit_at);
  while ((rc = cd_store_step (store, stmt, error)) == SQLITE_ROW)
    {
      CdTrainingAlert *alert = g_new0 (CdTrainingAlert, 1);

      alert->id = sqlite3_column_int64 (stmt, 0);
      alert->title = cd_certification_display_name ((const char *) sqlite3_column_text (stmt, 1),
                                                    (const char *) sqlite3_column_text (stmt, 2));
      alert->at = sqlite3_column_int64 (stmt, 3);
      alert->kind = alert->at <= now ? CD_TRAINING_ALERT_CERTIFICATION_EXPIRED : CD_TRAINING_ALERT_CERTIFICATION_EXPIRING;
      if (alert->kind == CD_TRAINING_ALERT_CERTIFICATION_EXPIRED)
        summary->n_expired++;
      else
        summary->n_expiring++;
      g_ptr_array_add (summary->alerts, alert);
    }
  sqlite3_reset (stmt);
  if (rc < 0)
    return NULL;

  stmt = cd_store_prepare (store,
                           "SELECT p.id, c.title, p.due_at FROM training_plan_items p JOIN courses c ON c.id = p.course_id"
                           " WHERE p.staff_id = ?1 AND p.year = ?2 AND p.due_at < ?4"
                           " AND " CD_TRAINING_PLAN_DONE_AT ("p") " IS NULL ORDER BY p.due_at", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, staff_id);
  sqlite3_bind_int (stmt, 2, year);
  sqlite3_bind_int64 (stmt, 3, now);
  sqlite3_bind_int64 (stmt, 4, now + (gint64) CD_CERTIFICATION_EXPIRING_DAYS * 86400);
  while ((rc = cd_store_step (store, stmt, error)) == SQLITE_ROW)
    {
      CdTrainingAlert *alert = g_new0 (CdTrainingAlert, 1);

      alert->id = sqlite3_column_int64 (stmt, 0);
      alert->title = cd_sql_column_dup (stmt, 1);
      alert->at = sqlite3_column_int64 (stmt, 2);
      alert->kind = alert->at < now ? CD_TRAINING_ALERT_PLAN_LATE : CD_TRAINING_ALERT_PLAN_DUE;
      if (alert->kind == CD_TRAINING_ALERT_PLAN_LATE)
        summary->n_plan_late++;
      else
        summary->n_plan_due_soon++;
      g_ptr_array_add (summary->alerts, alert);
    }
  sqlite3_reset (stmt);
  if (rc < 0)
    return NULL;

  g_ptr_array_sort (summary->alerts, compare_alerts);
  if (summary->alerts->len > limit)
    g_ptr_array_set_size (summary->alerts, limit);
  return g_steal_pointer (&summary);
}
