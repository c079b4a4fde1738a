/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "caredesk-customers"

#include "config.h"

#include "cd-sql-util.h"
#include "cd-customers-private.h"

/* History ---------------------------------------------------------------- */

void
cd_history_event_free (CdHistoryEvent *event)
{
  if (event == NULL)
    return;
  g_free (event->title);
  g_free (event->detail);
  g_free (event);
}

GPtrArray *
cd_customer_history (CdStore  *store,
                     gint64    customer_id,
                     guint     limit,
                     GError  **error)
{
  g_autoptr(GPtrArray) events = g_ptr_array_new_with_free_func ((GDestroyNotify) cd_history_event_free);
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (CD_IS_STORE (store), NULL);

  /* Each part is read through the customer's index on tickets or
   * complaints (and follow-ups through their complaint). */
  stmt = cd_store_prepare (store,
                           "SELECT kind, at, entity, id, parent, title, detail, score FROM ("
                           " SELECT 0 AS kind, created_at AS at, 0 AS entity, id, 0 AS parent,"
                           "  subject AS title, status AS detail, 0 AS score"
                           "  FROM tickets WHERE customer_id = ?1"
                           " UNION ALL"
                           " SELECT 1, resolved_at, 0, id, 0, subject, status, 0"
                           "  FROM tickets WHERE customer_id = ?1 AND resolved_at IS NOT NULL"
                           " UNION ALL"
                           " SELECT 5, coalesce(resolved_at, closed_at, updated_at), 0, id, 0, subject,"
                           "  satisfaction_comment, satisfaction"
                           "  FROM tickets WHERE customer_id = ?1 AND satisfaction IS NOT NULL"
                           " UNION ALL"
                           " SELECT 2, created_at, 1, id, 0, summary, severity, 0"
                           "  FROM complaints WHERE customer_id = ?1"
                           " UNION ALL"
                           " SELECT 3, closed_at, 1, id, 0, summary, resolution, 0"
                           "  FROM complaints WHERE customer_id = ?1 AND closed_at IS NOT NULL"
                           " UNION ALL"
                           " SELECT 4, coalesce(f.done_at, f.due_at), 2, f.id, c.id, c.summary,"
                           "  coalesce(f.outcome, f.status), 0"
                           "  FROM complaints c JOIN followups f ON f.complaint_id = c.id WHERE c.customer_id = ?1"
                           " UNION ALL"
                           " SELECT 5, coalesce(f.done_at, f.updated_at), 2, f.id, c.id, c.summary,"
                           "  f.outcome, f.satisfaction"
                           "  FROM complaints c JOIN followups f ON f.complaint_id = c.id"
                           "  WHERE c.customer_id = ?1 AND f.satisfaction IS NOT NULL"
                           ") ORDER BY at DESC, kind DESC, id DESC LIMIT ?2",
                           error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, customer_id);
  sqlite3_bind_int64 (stmt, 2, limit > 0 ? (gint64) limit : -1);

  while ((rc = cd_store_step (store, stmt, error)) == SQLITE_ROW)
    {
      static const char *const entities[] = { "tickets", "complaints", "followups" };
      static const CdHistoryKind kinds[] = {
        CD_HISTORY_TICKET_CREATED, CD_HISTORY_TICKET_RESOLVED, CD_HISTORY_COMPLAINT_RECEIVED,
        CD_HISTORY_COMPLAINT_CLOSED, CD_HISTORY_FOLLOWUP, CD_HISTORY_SATISFACTION,
      };
      CdHistoryEvent *event = g_new0 (CdHistoryEvent, 1);
      int kind = sqlite3_column_int (stmt, 0);
      int entity = sqlite3_column_int (stmt, 2);

      event->kind = kinds[CLAMP (kind, 0, (int) G_N_ELEMENTS (kinds) - 1)];
      event->at = cd_sql_column_int64 (stmt, 1);
      event->entity = entities[CLAMP (entity, 0, 2)];
      event->id = sqlite3_column_int64 (stmt, 3);
      event->parent_id = cd_sql_column_int64 (stmt, 4);
      event->title = cd_sql_column_dup (stmt, 5);
      event->detail = cd_sql_column_dup (stmt, 6);
      event->score = sqlite3_column_int (stmt, 7);
      g_ptr_array_add (events, event);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return NULL;

  return g_steal_pointer (&events);
}

/* More ids than this are not looked up one by one: the history is read
 * again instead. */
#define HISTORY_CHANGE_LOOKUPS 64

gboolean
cd_customer_history_changed (CdStore         *store,
                             gint64           customer_id,
                             const CdChange  *change)
{
  const char *kind;
  const char *sql;
  sqlite3_stmt *stmt;
  gboolean found = FALSE;

  g_return_val_if_fail (CD_IS_STORE (store), TRUE);
  g_return_val_if_fail (change != NULL, TRUE);

  kind = cd_change_get_kind (change);
  if (g_str_equal (kind, CD_CHANGE_TICKETS))
    sql = "SELECT 1 FROM tickets WHERE id = ?1 AND customer_id = ?2";
  else if (g_str_equal (kind, CD_CHANGE_COMPLAINTS))
    sql = "SELECT 1 FROM complaints WHERE id = ?1 AND customer_id = ?2";
  else if (g_str_equal (kind, CD_CHANGE_FOLLOWUPS))
    sql = "SELECT 1 FROM followups f JOIN complaints c ON c.id = f.complaint_id"
          " WHERE f.id = ?1 AND c.customer_id = ?2";
  else
    return FALSE;

  if (cd_change_is_all (change) || cd_change_get_n_ids (change) > HISTORY_CHANGE_LOOKUPS)
    return TRUE;

  stmt = cd_store_prepare (store, sql, NULL);
  if (stmt == NULL)
    return TRUE;
  for (guint i = 0; i < cd_change_get_n_ids (change) && !found; i++)
    {
      int rc;

      sqlite3_bind_int64 (stmt, 1, cd_change_get_id (change, i));
      sqlite3_bind_int64 (stmt, 2, customer_id);
      rc = cd_store_step (store, stmt, NULL);
      sqlite3_reset (stmt);
      /* When the file cannot say, reading the history again shows why. */
      found = rc != SQLITE_DONE;
    }
  return found;
}
