/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "caredesk-training"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "cd-reminders-private.h"
#include "cd-sql-util.h"
#include "cd-training-private.h"

/* Certification and coverage reminders, for cd_reminders_claim_due().
 * The certification look is a range of staff_certifications_expiry
 * (expires_at) over sixty days, with point lookups in the unique index
 * of reminders; coverage is counted for team leads only. */

#define DAY G_GINT64_CONSTANT (86400)
#define WINDOW ((gint64) CD_CERTIFICATION_EXPIRING_DAYS * DAY)

/* A record not superseded by a newer one of the same certification that
 * is still valid, of an active person, of a certification in use. */
#define CERT_CANDIDATES \
  " FROM staff_certifications sc" \
  " JOIN staff s ON s.id = sc.staff_id AND s.active = 1" \
  " JOIN certifications c ON c.id = sc.certification_id AND c.archived = 0" \
  " WHERE sc.revoked_at IS NULL AND (sc.staff_id = ?1 OR ?4)" \
  " AND NOT EXISTS (SELECT 1 FROM staff_certifications n" \
  "   WHERE n.staff_id = sc.staff_id AND n.certification_id = sc.certification_id AND n.id != sc.id" \
  "     AND n.revoked_at IS NULL AND n.expires_at > sc.expires_at AND n.expires_at > ?2)"

#define THRESHOLD_EXPR "(CASE WHEN sc.expires_at <= ?2 THEN 0 ELSE 30 END)"

static gint64
local_day_number (gint64 t)
{
  g_autoptr(GDateTime) here = g_date_time_new_from_unix_local (t);
  g_autoptr(GDate) date = NULL;

  if (here == NULL)
    return t / DAY;
  date = g_date_new_dmy ((GDateDay) g_date_time_get_day_of_month (here),
                         (GDateMonth) g_date_time_get_month (here),
                         (GDateYear) g_date_time_get_year (here));
  return (gint64) g_date_get_julian (date);
}

gboolean
cd_training_collect_reminders (CdStore   *store,
                               gint64     recipient_id,
                               CdRole     role,
                               gint64     now,
                               GArray    *claims,
                               GError   **error)
{
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (CD_IS_STORE (store), FALSE);
  g_return_val_if_fail (claims != NULL, FALSE);

  stmt = cd_store_prepare (store,
                           "SELECT sc.id, " THRESHOLD_EXPR CERT_CANDIDATES
                           " AND sc.expires_at > ?2 - " G_STRINGIFY (2592000) " AND sc.expires_at < ?3"
                           " AND NOT EXISTS (SELECT 1 FROM reminders r WHERE r.kind = 'certification_expiry'"
                           "   AND r.entity_id = sc.id AND r.threshold = " THRESHOLD_EXPR " AND r.recipient_id = ?1)"
                           " ORDER BY sc.expires_at, sc.id", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, recipient_id);
  sqlite3_bind_int64 (stmt, 2, now);
  sqlite3_bind_int64 (stmt, 3, cd_certification_expiring_limit (now));
  sqlite3_bind_int (stmt, 4, role == CD_ROLE_TRAINER ? 1 : 0);
  while ((rc = cd_store_step (store, stmt, error)) == SQLITE_ROW)
    {
      CdReminderClaim claim = {
        CD_REMINDER_CERTIFICATION_EXPIRY, sqlite3_column_int64 (stmt, 0), sqlite3_column_int64 (stmt, 1),
      };
      g_array_append_val (claims, claim);
    }
  sqlite3_reset (stmt);
  if (rc < 0)
    return FALSE;

  if (role == CD_ROLE_LEAD)
    {
      g_autoptr(GPtrArray) warnings = cd_coverage_warnings (store, now + WINDOW, error);

      if (warnings == NULL)
        return FALSE;
      for (guint i = 0; i < warnings->len; i++)
        {
          CdCoverage *c = g_ptr_array_index (warnings, i);
          gint64 threshold = c->drop_at > 0 ? local_day_number (c->drop_at) : 0;
          gboolean sent = FALSE;

          if (!cd_reminders_already_sent (store, CD_REMINDER_COVERAGE_LOW, c->category_id, threshold, recipient_id, &sent, error))
            return FALSE;
          if (!sent)
            {
              CdReminderClaim claim = { CD_REMINDER_COVERAGE_LOW, c->category_id, threshold };
              g_array_append_val (claims, claim);
            }
        }
    }
  return TRUE;
}

gboolean
cd_training_describe_reminder (CdStore     *store,
                               CdReminder  *reminder,
                               GError     **error)
{
  g_return_val_if_fail (CD_IS_STORE (store), FALSE);
  g_return_val_if_fail (reminder != NULL, FALSE);

  if (reminder->kind == CD_REMINDER_CERTIFICATION_EXPIRY)
    {
      g_autoptr(CdStaffCertification) record = cd_staff_certification_load (store, reminder->entity_id, error);

      if (record == NULL)
        return FALSE;
      reminder->holder_id = record->staff_id;
      reminder->holder_name = g_strdup (record->staff_name);
      reminder->certification_name = g_strdup (record->certification_name);
      reminder->expires_at = record->expires_at;
      return TRUE;
    }
  if (reminder->kind == CD_REMINDER_COVERAGE_LOW)
    {
      gint64 now = cd_store_now (store);
      g_autoptr(CdCoverage) c = cd_coverage_load (store, reminder->entity_id, now + WINDOW, error);

      if (c == NULL)
        return FALSE;
      reminder->category_name = g_strdup (c->category_name);
      reminder->minimum = c->minimum;
      reminder->drop_at = c->below_now ? now : c->drop_at;
      reminder->n_covered = c->below_now ? (int) c->n_now : (int) c->n_now - (int) c->lapsing->len;
      reminder->people = cd_coverage_people_text (c, 3);
      return TRUE;
    }
  g_set_error_literal (error, CD_STORE_ERROR, CD_STORE_ERROR_INVALID, "not a training reminder");
  return FALSE;
}

static gint64
query_min (CdStore     *store,
           const char  *sql,
           gint64       recipient_id,
           gint64       now,
           gint64       bound,
           gboolean     everyone,
           GError     **error)
{
  sqlite3_stmt *stmt = cd_store_prepare (store, sql, error);
  gint64 t = 0;
  int rc;

  if (stmt == NULL)
    return -1;
  sqlite3_bind_int64 (stmt, 1, recipient_id);
  sqlite3_bind_int64 (stmt, 2, now);
  sqlite3_bind_int64 (stmt, 3, bound);
  sqlite3_bind_int (stmt, 4, everyone ? 1 : 0);
  rc = cd_store_step (store, stmt, error);
  if (rc == SQLITE_ROW)
    t = cd_sql_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  return rc < 0 ? -1 : t;
}

gint64
cd_training_next_reminder (CdStore   *store,
                           gint64     recipient_id,
                           CdRole     role,
                           gint64     now,
                           GError   **error)
{
  gboolean everyone = role == CD_ROLE_TRAINER;
  gint64 limit = cd_certification_expiring_limit (now);
  gint64 best = 0;
  gint64 t;

  /* The next expiry. */
  t = query_min (store, "SELECT min(sc.expires_at)" CERT_CANDIDATES " AND sc.expires_at > ?2 AND ?3 IS NOT NULL",
                 recipient_id, now, limit, everyone, error);
  if (t < 0)
    return -1;
  if (t > 0)
    best = t;

  /* The next one to come within 30 days: at the start of the day 30 days
   * before its expiry's. */
  t = query_min (store, "SELECT min(sc.expires_at)" CERT_CANDIDATES " AND sc.expires_at >= ?3",
                 recipient_id, now, limit, everyone, error);
  if (t < 0)
    return -1;
  if (t > 0)
    {
      t = cd_training_day_start (t, -CD_CERTIFICATION_EXPIRING_DAYS);
      if (t <= now)
        t = now + 1;
      if (best == 0 || t < best)
        best = t;
    }

  if (role == CD_ROLE_LEAD)
    {
      /* A rep's cover that comes within the 30 days looked ahead. */
      t = query_min (store,
                     "SELECT min(sc.expires_at) FROM staff_certifications sc"
                     " JOIN staff s ON s.id = sc.staff_id AND s.active = 1 AND s.role = 'rep'"
                     " WHERE EXISTS (SELECT 1 FROM certification_categories cc JOIN ticket_categories t ON t.id = cc.category_id"
                     "   WHERE cc.certification_id = sc.certification_id AND t.min_coverage > 0)"
                     " AND " CD_TRAINING_CERT_VALID_AT ("sc", "?2") " AND sc.expires_at > ?3 AND ?1 IS NOT NULL AND ?4 IS NOT NULL",
                     recipient_id, now, now + WINDOW, FALSE, error);
      if (t < 0)
        return -1;
      if (t > 0)
        {
          t -= WINDOW;
          if (t <= now)
            t = now + 1;
          if (best == 0 || t < best)
            best = t;
        }
    }
  return best;
}

gboolean
cd_training_reminder_still_due (CdStore         *store,
                                CdReminderKind   kind,
                                gint64           entity_id,
                                gint64           now,
                                GError         **error)
{
  if (kind == CD_REMINDER_CERTIFICATION_EXPIRY)
    {
      sqlite3_stmt *stmt = cd_store_prepare (store,
                                             "SELECT count(*) FROM staff_certifications sc WHERE sc.id = ?1"
                                             " AND sc.revoked_at IS NULL"
                                             " AND NOT EXISTS (SELECT 1 FROM staff_certifications n"
                                             "   WHERE n.staff_id = sc.staff_id AND n.certification_id = sc.certification_id"
                                             "     AND n.id != sc.id AND n.revoked_at IS NULL AND n.expires_at > sc.expires_at"
                                             "     AND n.expires_at > ?2)", error);
      gboolean due = FALSE;
      int rc;

      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, entity_id);
      sqlite3_bind_int64 (stmt, 2, now);
      rc = cd_store_step (store, stmt, error);
      if (rc == SQLITE_ROW)
        due = sqlite3_column_int64 (stmt, 0) > 0;
      sqlite3_reset (stmt);
      return due;
    }
  if (kind == CD_REMINDER_COVERAGE_LOW)
    {
      g_autoptr(CdCoverage) c = cd_coverage_load (store, entity_id, now + WINDOW, error);

      if (c == NULL)
        return FALSE;
      return c->below_now || c->drop_at != 0;
    }
  return TRUE;
}
