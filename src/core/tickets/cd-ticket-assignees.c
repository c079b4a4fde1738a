/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "caredesk-tickets"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "cd-sql-util.h"
#include "cd-store-private.h"
#include "cd-tickets-private.h"
#include "cd-training-private.h"

/* Certification ---------------------------------------------------------- */

char *
cd_ticket_category_certifications (CdStore  *store,
                                   gint64    category_id,
                                   GError  **error)
{
  sqlite3_stmt *stmt;
  g_autoptr(GString) names = NULL;
  int rc;

  g_return_val_if_fail (CD_IS_STORE (store), NULL);

  if (category_id == 0)
    return NULL;
  stmt = cd_store_prepare (store,
                           "SELECT c.name FROM certification_categories cc"
                           " JOIN certifications c ON c.id = cc.certification_id"
                           " WHERE cc.category_id = ?1 ORDER BY c.name, c.id", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, category_id);
  names = g_string_new (NULL);
  while ((rc = cd_store_step (store, stmt, error)) == SQLITE_ROW)
    {
      if (names->len > 0)
        g_string_append (names, " / ");
      g_string_append (names, (const char *) sqlite3_column_text (stmt, 0));
    }
  sqlite3_reset (stmt);
  if (rc < 0 || names->len == 0)
    return NULL;
  return g_string_free (g_steal_pointer (&names), FALSE);
}

gboolean
cd_staff_is_certified_for (CdStore  *store,
                           gint64    staff_id,
                           gint64    category_id,
                           gint64    now,
                           GError  **error)
{
  sqlite3_stmt *stmt;
  gboolean certified = FALSE;
  int rc;

  g_return_val_if_fail (CD_IS_STORE (store), FALSE);

  if (category_id == 0)
    return TRUE;
  stmt = cd_store_prepare (store,
                           "SELECT NOT EXISTS (SELECT 1 FROM certification_categories WHERE category_id = ?1)"
                           " OR EXISTS (SELECT 1 FROM certification_categories cc"
                           "   JOIN staff_certifications sc ON sc.certification_id = cc.certification_id"
                           "  WHERE cc.category_id = ?1 AND sc.staff_id = ?2 AND "
                           CD_TRAINING_CERT_VALID_AT ("sc", "?3") ")", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, category_id);
  sqlite3_bind_int64 (stmt, 2, staff_id);
  sqlite3_bind_int64 (stmt, 3, now);
  rc = cd_store_step (store, stmt, error);
  if (rc == SQLITE_ROW)
    certified = sqlite3_column_int (stmt, 0) != 0;
  sqlite3_reset (stmt);
  return certified;
}

/* Fails with INVALID when @assignee_id lacks the certification the
 * category needs and no reason is given. */
gboolean
cd_ticket_check_certification (CdStore     *store,
                               gint64       assignee_id,
                               gint64       category_id,
                               const char  *reason,
                               gboolean     reason_allowed,
                               GError     **error)
{
  GError *local_error = NULL;
  g_autofree char *needed = NULL;
  g_autofree char *who = NULL;
  g_autofree char *category = NULL;
  sqlite3_stmt *stmt;

  if (assignee_id == 0 || category_id == 0)
    return TRUE;
  if (cd_staff_is_certified_for (store, assignee_id, category_id, cd_store_now (store), &local_error))
    return TRUE;
  if (local_error != NULL)
    {
      g_propagate_error (error, local_error);
      return FALSE;
    }
  if (reason_allowed && reason != NULL && *reason != '\0')
    return TRUE;

  needed = cd_ticket_category_certifications (store, category_id, NULL);
  who = cd_tickets_staff_name (store, assignee_id);
  stmt = cd_store_prepare (store, "SELECT name FROM ticket_categories WHERE id = ?1", NULL);
  if (stmt != NULL)
    {
      sqlite3_bind_int64 (stmt, 1, category_id);
      if (sqlite3_step (stmt) == SQLITE_ROW)
        category = cd_sql_column_dup (stmt, 0);
      sqlite3_reset (stmt);
    }
  if (reason_allowed)
    g_set_error (error, CD_STORE_ERROR, CD_STORE_ERROR_INVALID,
                 _("%s does not hold a valid certification for “%s” tickets: they need the certification %s. Give a reason to assign anyway."),
                 who, category ? category : "?", needed ? needed : "?");
  else
    g_set_error (error, CD_STORE_ERROR, CD_STORE_ERROR_INVALID,
                 _("%s does not hold a valid certification for “%s” tickets: they need the certification %s. Create the ticket unassigned, then assign it with a reason."),
                 who, category ? category : "?", needed ? needed : "?");
  return FALSE;
}
void
cd_staff_workload_free (CdStaffWorkload *workload)
{
  if (workload == NULL)
    return;
  g_free (workload->display_name);
  g_free (workload);
}

GPtrArray *
cd_tickets_workload (CdStore  *store,
                     gint64    category_id,
                     GError  **error)
{
  g_autoptr(GPtrArray) result = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (CD_IS_STORE (store), NULL);

  stmt = cd_store_prepare (store,
                           "SELECT s.id, s.display_name, s.role, count(t.id),"
                           "  NOT EXISTS (SELECT 1 FROM certification_categories WHERE category_id = ?1)"
                           "  OR EXISTS (SELECT 1 FROM certification_categories cc"
                           "     JOIN staff_certifications sc ON sc.certification_id = cc.certification_id"
                           "    WHERE cc.category_id = ?1 AND sc.staff_id = s.id AND "
                           CD_TRAINING_CERT_VALID_AT ("sc", "?2") "),"
                           "  (SELECT max(sc.expires_at) FROM certification_categories cc"
                           "     JOIN staff_certifications sc ON sc.certification_id = cc.certification_id"
                           "    WHERE cc.category_id = ?1 AND sc.staff_id = s.id AND "
                           CD_TRAINING_CERT_VALID_AT ("sc", "?2") ")"
                           " FROM staff s"
                           " LEFT JOIN tickets t ON t.assignee_id = s.id AND t." OPEN_STATUSES
                           " WHERE s.active = 1"
                           " GROUP BY s.id"
                           " ORDER BY s.display_name COLLATE NOCASE, s.id", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, category_id);
  sqlite3_bind_int64 (stmt, 2, cd_store_now (store));

  result = g_ptr_array_new_with_free_func ((GDestroyNotify) cd_staff_workload_free);
  while ((rc = cd_store_step (store, stmt, error)) == SQLITE_ROW)
    {
      CdStaffWorkload *w = g_new0 (CdStaffWorkload, 1);
      w->staff_id = sqlite3_column_int64 (stmt, 0);
      w->display_name = cd_sql_column_dup (stmt, 1);
      w->role = cd_sql_column_enum (stmt, 2, cd_role_from_nick, CD_ROLE_REP);
      w->open_count = sqlite3_column_int64 (stmt, 3);
      w->certified = sqlite3_column_int (stmt, 4) != 0;
      w->certified_until = cd_sql_column_int64 (stmt, 5);
      g_ptr_array_add (result, w);
    }
  sqlite3_reset (stmt);
  if (rc < 0)
    return NULL;
  return g_steal_pointer (&result);
}
