/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "caredesk-tickets"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "cd-sql-util.h"
#include "cd-store-private.h"
#include "cd-tickets-private.h"

/* Quiet commits ----------------------------------------------------------- */

static GQuark
quiet_quark (void)
{
  static GQuark quark;

  if (G_UNLIKELY (quark == 0))
    quark = g_quark_from_static_string ("cd-tickets-quiet-change");
  return quark;
}

/* Ends a transaction whose change no list or page of this process shows:
 * "local-change" handlers see cd_tickets_is_quiet_change() and can skip
 * their refresh. Nested in another transaction, it commits nothing and
 * that transaction's commit is not quiet. */
gboolean
cd_tickets_finish_quietly (CdStore  *store,
                           gboolean  ok,
                           GError  **error)
{
  gboolean result;

  g_object_set_qdata (G_OBJECT (store), quiet_quark (), GINT_TO_POINTER (TRUE));
  result = cd_store_finish (store, ok, error);
  g_object_set_qdata (G_OBJECT (store), quiet_quark (), NULL);
  return result;
}

/* Starts a small write that no list or page of this process shows. When
 * the connection is idle (no transaction, no statement half-way), the
 * write runs on its own: each statement commits by itself and no
 * "local-change" is emitted at all, so the heartbeat of an open ticket
 * makes nobody here refresh anything (other processes still see it, as
 * for any commit). Otherwise it is an ordinary transaction, ended by
 * cd_tickets_quiet_write_end() as a quiet one. *alone says which. */
gboolean
cd_tickets_quiet_write_begin (CdStore   *store,
                              gboolean  *alone,
                              GError   **error)
{
  sqlite3 *db = cd_store_get_db (store);

  *alone = FALSE;
  if (!cd_store_is_read_only (store) && !cd_store_in_transaction (store) && sqlite3_get_autocommit (db))
    {
      sqlite3_stmt *stmt = NULL;

      *alone = TRUE;
      /* A statement still stepping would hold the commit back. */
      while ((stmt = sqlite3_next_stmt (db, stmt)) != NULL)
        if (sqlite3_stmt_busy (stmt))
          {
            *alone = FALSE;
            break;
          }
    }
  return *alone || cd_store_begin (store, error);
}

gboolean
cd_tickets_quiet_write_end (CdStore   *store,
                            gboolean   alone,
                            gboolean   ok,
                            GError   **error)
{
  if (alone)
    return ok;
  return cd_tickets_finish_quietly (store, ok, error);
}

gboolean
cd_tickets_is_quiet_change (CdStore *store)
{
  g_return_val_if_fail (CD_IS_STORE (store), FALSE);
  return g_object_get_qdata (G_OBJECT (store), quiet_quark ()) != NULL;
}

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
  return cd_tickets_finish_quietly (store, TRUE, error);
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
  return cd_tickets_finish_quietly (store, TRUE, error);
}
