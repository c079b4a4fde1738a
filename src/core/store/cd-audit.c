/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "caredesk-store"

#include "config.h"

#include "cd-audit.h"
#include "cd-sql-util.h"
#include "cd-store-private.h"

gboolean
cd_audit_last_change (CdStore     *store,
                      const char  *kind,
                      gint64       id,
                      char       **out_who,
                      gint64      *out_at,
                      GError     **error)
{
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (CD_IS_STORE (store), FALSE);
  g_return_val_if_fail (kind != NULL, FALSE);

  if (out_who != NULL)
    *out_who = NULL;
  if (out_at != NULL)
    *out_at = 0;

  /* audit_log_entity is (entity, entity_id, at): the newest row is the
   * last entry of the range. Exports and openings change nothing. */
  stmt = cd_store_prepare (store,
                           "SELECT s.display_name, a.at FROM audit_log a"
                           " LEFT JOIN staff s ON s.id = a.staff_id"
                           " WHERE a.entity = ?1 AND a.entity_id = ?2 AND a.action NOT IN ('export', 'open')"
                           " ORDER BY a.at DESC, a.id DESC LIMIT 1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, kind, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 2, id);
  rc = cd_store_step (store, stmt, error);
  if (rc == SQLITE_ROW)
    {
      if (out_who != NULL)
        *out_who = cd_sql_column_dup (stmt, 0);
      if (out_at != NULL)
        *out_at = sqlite3_column_int64 (stmt, 1);
    }
  sqlite3_reset (stmt);
  return rc == SQLITE_ROW;
}
