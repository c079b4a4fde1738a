/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "caredesk-tickets"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "cd-sql-util.h"
#include "cd-store-private.h"
#include "cd-tickets-private.h"

/* Drafts ----------------------------------------------------------------- */

gboolean
cd_draft_save (CdStore     *store,
               const char  *entity,
               gint64       entity_id,
               const char  *body,
               GError     **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (CD_IS_STORE (store), FALSE);

  if (body == NULL || *body == '\0')
    return cd_draft_clear (store, entity, entity_id, error);
  if (!cd_tickets_check_entity (entity, error) || !cd_tickets_require_signed_in (store, error) ||
      !cd_tickets_check_text (body, CD_TICKET_NOTE_MAX_CHARS, FALSE, _("draft"), error))
    return FALSE;
  if (!cd_store_begin (store, error))
    return FALSE;

  stmt = cd_store_prepare (store,
                           "INSERT INTO drafts (entity, entity_id, staff_id, body, updated_at)"
                           " VALUES (?1, ?2, ?3, ?4, ?5)"
                           " ON CONFLICT (entity, entity_id, staff_id)"
                           " DO UPDATE SET body = excluded.body, updated_at = excluded.updated_at",
                           error);
  if (stmt == NULL)
    return cd_store_finish (store, FALSE, error);
  sqlite3_bind_text (stmt, 1, entity, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 2, entity_id);
  sqlite3_bind_int64 (stmt, 3, cd_store_get_staff_id (store));
  sqlite3_bind_text (stmt, 4, body, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 5, cd_store_now (store));
  if (cd_store_step (store, stmt, error) < 0)
    return cd_store_finish (store, FALSE, error);
  sqlite3_reset (stmt);
  cd_store_note_change (store, CD_CHANGE_DRAFTS, entity_id);
  return cd_store_finish (store, TRUE, error);
}

char *
cd_draft_load (CdStore     *store,
               const char  *entity,
               gint64       entity_id,
               gint64      *out_updated_at,
               GError     **error)
{
  sqlite3_stmt *stmt;
  char *body = NULL;
  int rc;

  g_return_val_if_fail (CD_IS_STORE (store), NULL);

  if (out_updated_at != NULL)
    *out_updated_at = 0;
  if (!cd_tickets_check_entity (entity, error) || !cd_tickets_require_signed_in (store, error))
    return NULL;

  stmt = cd_store_prepare (store,
                           "SELECT body, updated_at FROM drafts"
                           " WHERE entity = ?1 AND entity_id = ?2 AND staff_id = ?3", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, entity, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 2, entity_id);
  sqlite3_bind_int64 (stmt, 3, cd_store_get_staff_id (store));
  rc = cd_store_step (store, stmt, error);
  if (rc == SQLITE_ROW)
    {
      body = cd_sql_column_dup (stmt, 0);
      if (out_updated_at != NULL)
        *out_updated_at = cd_sql_column_int64 (stmt, 1);
    }
  sqlite3_reset (stmt);
  return body;
}

gboolean
cd_draft_clear (CdStore     *store,
                const char  *entity,
                gint64       entity_id,
                GError     **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (CD_IS_STORE (store), FALSE);

  if (!cd_tickets_check_entity (entity, error) || !cd_tickets_require_signed_in (store, error))
    return FALSE;
  if (!cd_store_begin (store, error))
    return FALSE;
  stmt = cd_store_prepare (store,
                           "DELETE FROM drafts WHERE entity = ?1 AND entity_id = ?2 AND staff_id = ?3",
                           error);
  if (stmt == NULL)
    return cd_store_finish (store, FALSE, error);
  sqlite3_bind_text (stmt, 1, entity, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 2, entity_id);
  sqlite3_bind_int64 (stmt, 3, cd_store_get_staff_id (store));
  if (cd_store_step (store, stmt, error) < 0)
    return cd_store_finish (store, FALSE, error);
  sqlite3_reset (stmt);
  cd_store_note_change (store, CD_CHANGE_DRAFTS, entity_id);
  return cd_store_finish (store, TRUE, error);
}
