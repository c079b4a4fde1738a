/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "caredesk-training"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "cd-sql-util.h"
#include "cd-training-private.h"
#include "cd-validate.h"

/* Records -------------------------------------------------------------------- */

CdSession *
cd_session_new (void)
{
  return g_new0 (CdSession, 1);
}

CdSession *
cd_session_copy (const CdSession *session)
{
  CdSession *copy;

  g_return_val_if_fail (session != NULL, NULL);
  copy = g_memdup2 (session, sizeof *session);
  copy->course_title = g_strdup (session->course_title);
  copy->trainer_name = g_strdup (session->trainer_name);
  copy->place = g_strdup (session->place);
  return copy;
}

void
cd_session_free (CdSession *session)
{
  if (session == NULL)
    return;
  g_free (session->course_title);
  g_free (session->trainer_name);
  g_free (session->place);
  g_free (session);
}

CdSession *
cd_session_load (CdStore  *store,
                 gint64    id,
                 GError  **error)
{
  sqlite3_stmt *stmt;
  CdSession *session = NULL;
  int rc;

  g_return_val_if_fail (CD_IS_STORE (store), NULL);

  stmt = cd_store_prepare (store,
                           "SELECT ts.id, ts.course_id, c.title, c.delivery, c.hours, ts.starts_at, ts.ends_at,"
                           " ts.trainer_id, s.display_name, ts.place, ts.capacity,"
                           " (SELECT count(*) FROM enrolments e WHERE e.session_id = ts.id AND e.waiting = 0),"
                           " (SELECT count(*) FROM enrolments e WHERE e.session_id = ts.id AND e.waiting = 1),"
                           " ts.created_at, ts.version"
                           " FROM training_sessions ts JOIN courses c ON c.id = ts.course_id"
                           " LEFT JOIN staff s ON s.id = ts.trainer_id WHERE ts.id = ?1", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, id);
  rc = cd_store_step (store, stmt, error);
  if (rc == SQLITE_ROW)
    {
      session = cd_session_new ();
      session->id = sqlite3_column_int64 (stmt, 0);
      session->course_id = sqlite3_column_int64 (stmt, 1);
      session->course_title = cd_sql_column_dup (stmt, 2);
      session->delivery = cd_sql_column_enum (stmt, 3, cd_delivery_from_nick, CD_DELIVERY_INTERNAL);
      session->hours = sqlite3_column_double (stmt, 4);
      session->starts_at = sqlite3_column_int64 (stmt, 5);
      session->ends_at = sqlite3_column_int64 (stmt, 6);
      session->trainer_id = cd_sql_column_int64 (stmt, 7);
      session->trainer_name = cd_sql_column_dup (stmt, 8);
      session->place = cd_sql_column_dup (stmt, 9);
      session->capacity = (int) cd_sql_column_int64 (stmt, 10);
      session->n_enrolled = (guint) sqlite3_column_int64 (stmt, 11);
      session->n_waiting = (guint) sqlite3_column_int64 (stmt, 12);
      session->created_at = sqlite3_column_int64 (stmt, 13);
      session->version = sqlite3_column_int64 (stmt, 14);
    }
  sqlite3_reset (stmt);
  if (rc == SQLITE_DONE)
    g_set_error_literal (error, CD_STORE_ERROR, CD_STORE_ERROR_NOT_FOUND,
                         _("This session no longer exists; someone may have deleted it."));
  return session;
}

gboolean
cd_session_check (const CdSession  *session,
                  GError          **error)
{
  g_return_val_if_fail (session != NULL, FALSE);

  if (session->course_id <= 0)
    {
      g_set_error_literal (error, CD_STORE_ERROR, CD_STORE_ERROR_INVALID, _("Choose the course of the session."));
      return FALSE;
    }
  if (session->starts_at <= 0)
    {
      g_set_error_literal (error, CD_STORE_ERROR, CD_STORE_ERROR_INVALID, _("Choose when the session starts."));
      return FALSE;
    }
  if (session->ends_at <= session->starts_at)
    {
      g_set_error_literal (error, CD_STORE_ERROR, CD_STORE_ERROR_INVALID,
                           _("The session ends before it starts. Choose an end after the start."));
      return FALSE;
    }
  if (session->ends_at - session->starts_at > 14 * 86400)
    {
      g_set_error_literal (error, CD_STORE_ERROR, CD_STORE_ERROR_INVALID,
                           _("A session lasts at most two weeks. Plan a longer course as several sessions."));
      return FALSE;
    }
  if (session->capacity < 0 || session->capacity > CD_SESSION_MAX_CAPACITY)
    {
      g_set_error (error, CD_STORE_ERROR, CD_STORE_ERROR_INVALID,
                   _("The number of places is from 1 to %d, or no limit."), CD_SESSION_MAX_CAPACITY);
      return FALSE;
    }
  if (session->place != NULL)
    {
      g_autoptr(GError) local_error = NULL;

      if (!cd_validate_text_length (session->place, _("Place"), CD_SESSION_PLACE_MAX_CHARS, &local_error) ||
          strchr (session->place, '\n') != NULL)
        {
          g_set_error (error, CD_STORE_ERROR, CD_STORE_ERROR_INVALID,
                       _("The place is one line of at most %d characters: a room, an address or a link."),
                       CD_SESSION_PLACE_MAX_CHARS);
          return FALSE;
        }
    }
  return TRUE;
}

/* Writes ------------------------------------------------------------------------ */

static gint64
count_enrolled (CdStore  *store,
                gint64    session_id,
                gboolean  waiting,
                GError  **error)
{
  return cd_store_query_int (store,
                             waiting ? "SELECT count(*) FROM enrolments WHERE session_id = ?1 AND waiting = 1"
                                     : "SELECT count(*) FROM enrolments WHERE session_id = ?1 AND waiting = 0",
                             session_id, -1, error);
}

/* Gives free places to those waiting, first come first served. */
static gboolean
promote_waiting (CdStore  *store,
                 gint64    session_id,
                 GError  **error)
{
  GError *local_error = NULL;
  gint64 capacity = cd_store_query_int (store, "SELECT ifnull(capacity, 0) FROM training_sessions WHERE id = ?1",
                                        session_id, 0, &local_error);
  gint64 enrolled;

  if (local_error != NULL)
    {
      g_propagate_error (error, local_error);
      return FALSE;
    }
  enrolled = count_enrolled (store, session_id, FALSE, &local_error);
  if (enrolled < 0)
    {
      g_propagate_error (error, local_error);
      return FALSE;
    }

  while (capacity == 0 || enrolled < capacity)
    {
      const CdField fields[] = { { "waiting", "0" } };
      gint64 next = cd_store_query_int (store, "SELECT id FROM enrolments WHERE session_id = ?1 AND waiting = 1"
                                               " ORDER BY id LIMIT 1", session_id, 0, &local_error);

      if (local_error != NULL)
        {
          g_propagate_error (error, local_error);
          return FALSE;
        }
      if (next == 0)
        break;
      if (!cd_store_update (store, "enrolments", next, 0, fields, G_N_ELEMENTS (fields), error))
        return FALSE;
      enrolled++;
    }
  return TRUE;
}

static gboolean
check_trainer (CdStore  *store,
               gint64    trainer_id,
               GError  **error)
{
  if (trainer_id == 0)
    return TRUE;
  return cd_training_check_staff (store, trainer_id, FALSE, error);
}

typedef struct {
  char *course;
  char *starts;
  char *ends;
  char *trainer;
  char *place;
  char *capacity;
} SessionTexts;

static void
session_texts (const CdSession *session,
               SessionTexts    *texts,
               CdField          fields[6])
{
  texts->course = cd_int_text (session->course_id);
  texts->starts = cd_int_text (session->starts_at);
  texts->ends = cd_int_text (session->ends_at);
  texts->trainer = session->trainer_id > 0 ? cd_int_text (session->trainer_id) : NULL;
  texts->place = cd_optional_text (session->place);
  texts->capacity = session->capacity > 0 ? cd_int_text (session->capacity) : NULL;
  fields[0] = (CdField) { "course_id", texts->course };
  fields[1] = (CdField) { "starts_at", texts->starts };
  fields[2] = (CdField) { "ends_at", texts->ends };
  fields[3] = (CdField) { "trainer_id", texts->trainer };
  fields[4] = (CdField) { "place", texts->place };
  fields[5] = (CdField) { "capacity", texts->capacity };
}

static void
session_texts_clear (SessionTexts *texts)
{
  g_free (texts->course);
  g_free (texts->starts);
  g_free (texts->ends);
  g_free (texts->trainer);
  g_free (texts->place);
  g_free (texts->capacity);
}

gint64
cd_session_create (CdStore          *store,
                   const CdSession  *session,
                   GError          **error)
{
  GError *local_error = NULL;
  SessionTexts texts;
  CdField fields[6];
  gint64 archived;
  gint64 id;

  g_return_val_if_fail (CD_IS_STORE (store), 0);
  g_return_val_if_fail (session != NULL, 0);

  if (!cd_training_require_editor (store, error) || !cd_session_check (session, error))
    return 0;
  if (!cd_store_begin (store, error))
    return 0;

  archived = cd_store_query_int (store, "SELECT archived FROM courses WHERE id = ?1", session->course_id, -1, &local_error);
  if (local_error != NULL)
    goto fail;
  if (archived != 0)
    {
      g_set_error_literal (&local_error, CD_STORE_ERROR, CD_STORE_ERROR_INVALID,
                           archived < 0 ? _("Choose the course of the session.")
                                        : _("This course is archived. Restore it first, or choose another course."));
      goto fail;
    }
  if (!check_trainer (store, session->trainer_id, &local_error))
    goto fail;

  session_texts (session, &texts, fields);
  id = cd_store_insert (store, "training_sessions", fields, G_N_ELEMENTS (fields), &local_error);
  session_texts_clear (&texts);
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

gboolean
cd_session_update (CdStore          *store,
                   const CdSession  *session,
                   gint64            expected_version,
                   GError          **error)
{
  GError *local_error = NULL;
  SessionTexts texts;
  CdField fields[6];
  gint64 enrolled;
  gboolean ok;

  g_return_val_if_fail (CD_IS_STORE (store), FALSE);
  g_return_val_if_fail (session != NULL, FALSE);

  if (!cd_training_require_editor (store, error) || !cd_session_check (session, error))
    return FALSE;
  if (!cd_store_begin (store, error))
    return FALSE;

  if (cd_store_query_int (store, "SELECT count(*) FROM courses WHERE id = ?1", session->course_id, 0, &local_error) == 0)
    {
      if (local_error == NULL)
        g_set_error_literal (&local_error, CD_STORE_ERROR, CD_STORE_ERROR_INVALID, _("Choose the course of the session."));
      goto fail;
    }
  if (!check_trainer (store, session->trainer_id, &local_error))
    goto fail;
  enrolled = count_enrolled (store, session->id, FALSE, &local_error);
  if (enrolled < 0)
    goto fail;
  if (session->capacity > 0 && enrolled > session->capacity)
    {
      g_set_error (&local_error, CD_STORE_ERROR, CD_STORE_ERROR_INVALID,
                   g_dngettext (GETTEXT_PACKAGE,
                                "%d person has a place already, more than %d. Take people off the roster first, or keep more places.",
                                "%d people have a place already, more than %d. Take people off the roster first, or keep more places.",
                                (gulong) enrolled),
                   (int) enrolled, session->capacity);
      goto fail;
    }

  session_texts (session, &texts, fields);
  ok = cd_store_update (store, "training_sessions", session->id, expected_version, fields, G_N_ELEMENTS (fields),
                        &local_error);
  session_texts_clear (&texts);
  if (!ok || !promote_waiting (store, session->id, &local_error))
    goto fail;
  return cd_store_commit (store, error);

fail:
  cd_store_rollback (store);
  g_propagate_error (error, local_error);
  return FALSE;
}

gboolean
cd_session_delete (CdStore  *store,
                   gint64    id,
                   gint64    expected_version,
                   GError  **error)
{
  GError *local_error = NULL;
  gint64 taken;

  g_return_val_if_fail (CD_IS_STORE (store), FALSE);

  if (!cd_training_require_editor (store, error))
    return FALSE;
  if (!cd_store_begin (store, error))
    return FALSE;
  taken = cd_store_query_int (store, "SELECT count(*) FROM enrolments WHERE session_id = ?1 AND attendance IS NOT NULL",
                              id, 0, &local_error);
  if (local_error != NULL)
    goto fail;
  if (taken > 0)
    {
      g_set_error_literal (&local_error, CD_STORE_ERROR, CD_STORE_ERROR_INVALID,
                           _("Attendance has been taken, so the session is part of people’s training records and stays."));
      goto fail;
    }
  {
    /* The enrolments go with the session (ON DELETE CASCADE); their audit
     * rows say so. */
    sqlite3_stmt *stmt = cd_store_prepare (store, "SELECT id, staff_id FROM enrolments WHERE session_id = ?1", &local_error);
    int rc;

    if (stmt == NULL)
      goto fail;
    sqlite3_bind_int64 (stmt, 1, id);
    while ((rc = cd_store_step (store, stmt, &local_error)) == SQLITE_ROW)
      {
        g_autofree char *staff = cd_sql_column_dup (stmt, 1);
        if (!cd_store_audit (store, "enrolments", sqlite3_column_int64 (stmt, 0), "delete", "staff_id",
                             staff, NULL, &local_error))
          {
            sqlite3_reset (stmt);
            goto fail;
          }
      }
    sqlite3_reset (stmt);
    if (rc < 0)
      goto fail;
  }
  if (!cd_store_delete (store, "training_sessions", id, expected_version, &local_error))
    goto fail;
  return cd_store_commit (store, error);

fail:
  cd_store_rollback (store);
  g_propagate_error (error, local_error);
  return FALSE;
}

/* Enrolment ----------------------------------------------------------------------- */

void
cd_enrolment_free (CdEnrolment *enrolment)
{
  if (enrolment == NULL)
    return;
  g_free (enrolment->staff_name);
  g_free (enrolment);
}

static gpointer
read_enrolment (sqlite3_stmt *stmt)
{
  CdEnrolment *e = g_new0 (CdEnrolment, 1);

  e->id = sqlite3_column_int64 (stmt, 0);
  e->session_id = sqlite3_column_int64 (stmt, 1);
  e->staff_id = sqlite3_column_int64 (stmt, 2);
  e->staff_name = cd_sql_column_dup (stmt, 3);
  e->role = cd_sql_column_enum (stmt, 4, cd_role_from_nick, CD_ROLE_REP);
  e->attendance = sqlite3_column_type (stmt, 5) == SQLITE_NULL
                  ? -1 : cd_sql_column_enum (stmt, 5, cd_attendance_from_nick, -1);
  e->waiting = sqlite3_column_int (stmt, 6) != 0;
  e->version = sqlite3_column_int64 (stmt, 7);
  return e;
}

GPtrArray *
cd_session_roster (CdStore  *store,
                   gint64    session_id,
                   GError  **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (CD_IS_STORE (store), NULL);

  stmt = cd_store_prepare (store,
                           "SELECT e.id, e.session_id, e.staff_id, s.display_name, s.role, e.attendance, e.waiting, e.version"
                           " FROM enrolments e JOIN staff s ON s.id = e.staff_id"
                           " WHERE e.session_id = ?1"
                           " ORDER BY e.waiting, CASE WHEN e.waiting = 0 THEN s.display_name END COLLATE NOCASE, e.id",
                           error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, session_id);
  return cd_training_collect (store, stmt, read_enrolment, (GDestroyNotify) cd_enrolment_free, error);
}

gboolean
cd_session_enrol (CdStore       *store,
                  gint64         session_id,
                  const gint64  *staff_ids,
                  guint          n_staff,
                  guint         *n_enrolled,
                  guint         *n_waiting,
                  GError       **error)
{
  g_autofree char *session_text = cd_int_text (session_id);
  GError *local_error = NULL;
  gint64 capacity, enrolled, ends_at;
  guint got = 0, waiting = 0;

  g_return_val_if_fail (CD_IS_STORE (store), FALSE);
  g_return_val_if_fail (staff_ids != NULL || n_staff == 0, FALSE);

  if (n_enrolled != NULL)
    *n_enrolled = 0;
  if (n_waiting != NULL)
    *n_waiting = 0;
  if (!cd_training_require_editor (store, error))
    return FALSE;
  if (!cd_store_begin (store, error))
    return FALSE;

  ends_at = cd_store_query_int (store, "SELECT ends_at FROM training_sessions WHERE id = ?1", session_id, 0, &local_error);
  if (local_error != NULL)
    goto fail;
  if (ends_at == 0)
    {
      g_set_error_literal (&local_error, CD_STORE_ERROR, CD_STORE_ERROR_NOT_FOUND,
                           _("This session no longer exists; someone may have deleted it."));
      goto fail;
    }
  capacity = cd_store_query_int (store, "SELECT ifnull(capacity, 0) FROM training_sessions WHERE id = ?1",
                                 session_id, 0, &local_error);
  if (local_error != NULL)
    goto fail;
  enrolled = count_enrolled (store, session_id, FALSE, &local_error);
  if (enrolled < 0)
    goto fail;

  for (guint i = 0; i < n_staff; i++)
    {
      g_autofree char *staff_text = cd_int_text (staff_ids[i]);
      gboolean wait = capacity > 0 && enrolled >= capacity;
      const CdField fields[] = {
        { "session_id", session_text }, { "staff_id", staff_text }, { "waiting", wait ? "1" : "0" },
      };
      gboolean existing;

      if (!cd_training_check_staff (store, staff_ids[i], TRUE, &local_error))
        goto fail;
      {
        sqlite3_stmt *stmt = cd_store_prepare (store, "SELECT 1 FROM enrolments WHERE session_id = ?1 AND staff_id = ?2",
                                               &local_error);
        int rc;

        if (stmt == NULL)
          goto fail;
        sqlite3_bind_int64 (stmt, 1, session_id);
        sqlite3_bind_int64 (stmt, 2, staff_ids[i]);
        rc = cd_store_step (store, stmt, &local_error);
        sqlite3_reset (stmt);
        if (rc < 0)
          goto fail;
        existing = rc == SQLITE_ROW;
      }
      if (existing)
        continue;
      if (cd_store_insert (store, "enrolments", fields, G_N_ELEMENTS (fields), &local_error) == 0)
        goto fail;
      if (wait)
        waiting++;
      else
        {
          got++;
          enrolled++;
        }
    }

  if (!cd_store_commit (store, error))
    return FALSE;
  if (n_enrolled != NULL)
    *n_enrolled = got;
  if (n_waiting != NULL)
    *n_waiting = waiting;
  return TRUE;

fail:
  cd_store_rollback (store);
  g_propagate_error (error, local_error);
  return FALSE;
}

gboolean
cd_session_withdraw (CdStore  *store,
                     gint64    enrolment_id,
                     gint64    expected_version,
                     GError  **error)
{
  GError *local_error = NULL;
  gint64 session_id;

  g_return_val_if_fail (CD_IS_STORE (store), FALSE);

  if (!cd_training_require_editor (store, error))
    return FALSE;
  if (!cd_store_begin (store, error))
    return FALSE;
  session_id = cd_store_query_int (store, "SELECT session_id FROM enrolments WHERE id = ?1", enrolment_id, 0, &local_error);
  if (local_error != NULL)
    goto fail;
  if (session_id == 0)
    {
      g_set_error_literal (&local_error, CD_STORE_ERROR, CD_STORE_ERROR_NOT_FOUND,
                           _("This person is not on the roster any more."));
      goto fail;
    }
  if (cd_store_query_int (store, "SELECT attendance IS NOT NULL FROM enrolments WHERE id = ?1", enrolment_id, 0,
                          &local_error) != 0)
    {
      if (local_error == NULL)
        g_set_error_literal (&local_error, CD_STORE_ERROR, CD_STORE_ERROR_INVALID,
                             _("Attendance has been taken for this person. Clear it first to take them off the roster."));
      goto fail;
    }
  if (!cd_store_delete (store, "enrolments", enrolment_id, expected_version, &local_error) ||
      !promote_waiting (store, session_id, &local_error))
    goto fail;
  return cd_store_commit (store, error);

fail:
  cd_store_rollback (store);
  g_propagate_error (error, local_error);
  return FALSE;
}

gboolean
cd_session_set_attendance (CdStore  *store,
                           gint64    enrolment_id,
                           gint64    expected_version,
                           int       attendance,
                           GError  **error)
{
  GError *local_error = NULL;
  sqlite3_stmt *stmt;
  gint64 starts_at = 0;
  gboolean waiting = FALSE;
  int rc;

  g_return_val_if_fail (CD_IS_STORE (store), FALSE);

  if (!cd_training_require_editor (store, error))
    return FALSE;
  if (attendance >= (int) cd_attendance_count () || attendance < -1)
    {
      g_set_error_literal (error, CD_STORE_ERROR, CD_STORE_ERROR_INVALID,
                           _("Attendance is attended, absent or excused."));
      return FALSE;
    }
  if (!cd_store_begin (store, error))
    return FALSE;

  stmt = cd_store_prepare (store,
                           "SELECT ts.starts_at, e.waiting FROM enrolments e"
                           " JOIN training_sessions ts ON ts.id = e.session_id WHERE e.id = ?1", &local_error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_int64 (stmt, 1, enrolment_id);
  rc = cd_store_step (store, stmt, &local_error);
  if (rc == SQLITE_ROW)
    {
      starts_at = sqlite3_column_int64 (stmt, 0);
      waiting = sqlite3_column_int (stmt, 1) != 0;
    }
  sqlite3_reset (stmt);
  if (rc < 0)
    goto fail;
  if (rc != SQLITE_ROW)
    {
      g_set_error_literal (&local_error, CD_STORE_ERROR, CD_STORE_ERROR_NOT_FOUND,
                           _("This person is not on the roster any more."));
      goto fail;
    }
  if (waiting)
    {
      g_set_error_literal (&local_error, CD_STORE_ERROR, CD_STORE_ERROR_INVALID,
                           _("This person is on the waiting list and has no place in the session."));
      goto fail;
    }
  if (attendance >= 0 && starts_at > cd_store_now (store))
    {
      g_set_error_literal (&local_error, CD_STORE_ERROR, CD_STORE_ERROR_INVALID,
                           _("The session has not started yet. Take attendance once it has."));
      goto fail;
    }
  {
    const CdField fields[] = {
      { "attendance", attendance >= 0 ? cd_attendance_to_nick ((CdAttendance) attendance) : NULL },
    };
    if (!cd_store_update (store, "enrolments", enrolment_id, expected_version, fields, G_N_ELEMENTS (fields),
                          &local_error))
      goto fail;
  }
  return cd_store_commit (store, error);

fail:
  cd_store_rollback (store);
  g_propagate_error (error, local_error);
  return FALSE;
}

double
cd_training_hours (CdStore  *store,
                   gint64    staff_id,
                   gint64    from,
                   gint64    to,
                   GError  **error)
{
  sqlite3_stmt *stmt;
  double hours = 0;
  int rc;

  g_return_val_if_fail (CD_IS_STORE (store), -1);

  stmt = cd_store_prepare (store,
                           "SELECT ifnull(sum(c.hours), 0) FROM enrolments e"
                           " JOIN training_sessions ts ON ts.id = e.session_id"
                           " JOIN courses c ON c.id = ts.course_id"
                           " WHERE e.staff_id = ?1 AND e.attendance = 'attended' AND e.waiting = 0"
                           " AND (?2 = 0 OR ts.starts_at >= ?2) AND (?3 = 0 OR ts.starts_at < ?3)", error);
  if (stmt == NULL)
    return -1;
  sqlite3_bind_int64 (stmt, 1, staff_id);
  sqlite3_bind_int64 (stmt, 2, from);
  sqlite3_bind_int64 (stmt, 3, to);
  rc = cd_store_step (store, stmt, error);
  if (rc == SQLITE_ROW)
    hours = sqlite3_column_double (stmt, 0);
  sqlite3_reset (stmt);
  return rc == SQLITE_ROW ? hours : -1;
}

/* The list --------------------------------------------------------------------------- */

#define ENROLLED_EXPR "(SELECT count(*) FROM enrolments e WHERE e.session_id = ts.id AND e.waiting = 0)"

static const CdRowColumn session_columns[CD_SESSION_N_COLS] = {
  { "starts", "ts.starts_at", "ts.starts_at" },
  { "ends", "ts.ends_at", NULL },
  { "course", "c.title", "c.title COLLATE NOCASE, ts.starts_at" },
  { "trainer", "(SELECT display_name FROM staff WHERE staff.id = ts.trainer_id)",
    "(SELECT display_name FROM staff WHERE staff.id = ts.trainer_id) COLLATE NOCASE, ts.starts_at" },
  { "place", "ts.place", "ts.place COLLATE NOCASE, ts.starts_at" },
  { "capacity", "ts.capacity", NULL },
  { "enrolled", ENROLLED_EXPR, ENROLLED_EXPR ", ts.starts_at" },
  { "waiting", "(SELECT count(*) FROM enrolments e WHERE e.session_id = ts.id AND e.waiting = 1)", NULL },
  { "attended", "(SELECT count(*) FROM enrolments e WHERE e.session_id = ts.id AND e.attendance = 'attended')", NULL },
  { "course_id", "ts.course_id", NULL },
};

void
cd_session_filter_init (CdSessionFilter *filter)
{
  g_return_if_fail (filter != NULL);
  memset (filter, 0, sizeof *filter);
  filter->when = CD_SESSIONS_UPCOMING;
}

void
cd_session_filter_clear (CdSessionFilter *filter)
{
  g_return_if_fail (filter != NULL);
  g_clear_pointer (&filter->text, g_free);
  g_clear_pointer (&filter->sort_column, g_free);
}

static char *
session_where (CdStore                *store,
               const CdSessionFilter  *filter,
               GVariant              **params)
{
  g_autoptr(GString) where = g_string_new ("?1 IS NOT NULL");
  g_autofree char *pattern = cd_training_like_pattern (filter->text);
  GVariantBuilder builder;
  int n = 1;

  g_variant_builder_init (&builder, G_VARIANT_TYPE_TUPLE);
  g_variant_builder_add (&builder, "x", cd_store_now (store));
  if (filter->when == CD_SESSIONS_UPCOMING)
    g_string_append (where, " AND ts.ends_at > ?1");
  else if (filter->when == CD_SESSIONS_PAST)
    g_string_append (where, " AND ts.ends_at <= ?1");
  if (filter->course_id > 0)
    {
      g_string_append_printf (where, " AND ts.course_id = ?%d", ++n);
      g_variant_builder_add (&builder, "x", filter->course_id);
    }
  if (pattern != NULL)
    {
      n++;
      g_string_append_printf (where,
                              " AND (c.title LIKE ?%d ESCAPE '\\' OR ts.place LIKE ?%d ESCAPE '\\'"
                              " OR (SELECT display_name FROM staff WHERE staff.id = ts.trainer_id) LIKE ?%d ESCAPE '\\')",
                              n, n, n);
      g_variant_builder_add (&builder, "s", pattern);
    }
  *params = g_variant_builder_end (&builder);
  return g_string_free (g_steal_pointer (&where), FALSE);
}

/* Past sessions read latest first unless a column says otherwise. */
static gboolean
session_descending (const CdSessionFilter *filter)
{
  if (filter->sort_column == NULL && filter->when == CD_SESSIONS_PAST)
    return !filter->sort_descending;
  return filter->sort_descending;
}

CdRowModel *
cd_sessions_list_new (CdStore               *store,
                      const CdSessionFilter *filter)
{
  CdSessionFilter defaults;
  g_autofree char *where = NULL;
  GVariant *params = NULL;

  g_return_val_if_fail (CD_IS_STORE (store), NULL);

  if (filter == NULL)
    {
      cd_session_filter_init (&defaults);
      filter = &defaults;
    }
  where = session_where (store, filter, &params);
  return cd_row_model_new_full (store, "training_sessions ts JOIN courses c ON c.id = ts.course_id", "ts.id",
                                session_columns, CD_SESSION_N_COLS, where, params,
                                cd_training_sort_column (session_columns, CD_SESSION_N_COLS, filter->sort_column, "starts"),
                                session_descending (filter));
}

void
cd_sessions_list_set_filter (CdRowModel            *model,
                             const CdSessionFilter *filter)
{
  CdSessionFilter defaults;
  g_autofree char *where = NULL;
  GVariant *params = NULL;

  g_return_if_fail (CD_IS_ROW_MODEL (model));

  if (filter == NULL)
    {
      cd_session_filter_init (&defaults);
      filter = &defaults;
    }
  where = session_where (cd_row_model_get_store (model), filter, &params);
  cd_row_model_set_query (model, where, params,
                          cd_training_sort_column (session_columns, CD_SESSION_N_COLS, filter->sort_column, "starts"),
                          session_descending (filter));
}

GArray *
cd_training_hours_by_person (CdStore  *store,
                             gint64    from,
                             gint64    to,
                             GError  **error)
{
  g_autoptr(GArray) people = g_array_new (FALSE, TRUE, sizeof (CdTrainingHours));
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (CD_IS_STORE (store), NULL);

  stmt = cd_store_prepare (store,
                           "SELECT e.staff_id, sum(c.hours) FROM enrolments e"
                           " JOIN training_sessions ts ON ts.id = e.session_id"
                           " JOIN courses c ON c.id = ts.course_id"
                           " WHERE e.attendance = 'attended' AND e.waiting = 0"
                           " AND (?1 = 0 OR ts.starts_at >= ?1) AND (?2 = 0 OR ts.starts_at < ?2)"
                           " GROUP BY e.staff_id ORDER BY e.staff_id", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, from);
  sqlite3_bind_int64 (stmt, 2, to);
  while ((rc = cd_store_step (store, stmt, error)) == SQLITE_ROW)
    {
      CdTrainingHours h = { sqlite3_column_int64 (stmt, 0), sqlite3_column_double (stmt, 1) };

      g_array_append_val (people, h);
    }
  sqlite3_reset (stmt);
  return rc == SQLITE_DONE ? g_steal_pointer (&people) : NULL;
}
