/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "caredesk-tickets"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "cd-sql-util.h"
#include "cd-store-private.h"
#include "cd-tickets-private.h"

/* Presence --------------------------------------------------------------- */

/* Rows older than this are removed by the next heartbeat of anyone, so the
 * table stays as small as the number of open editors. */
#define PRESENCE_PURGE_SECONDS 3600

gboolean
cd_presence_touch (CdStore     *store,
                   const char  *entity,
                   gint64       entity_id,
                   const char  *instance_id,
                   GError     **error)
{
  sqlite3_stmt *stmt;
  gint64 now;

  g_return_val_if_fail (CD_IS_STORE (store), FALSE);
  g_return_val_if_fail (instance_id != NULL, FALSE);

  if (!cd_tickets_check_entity (entity, error) || !cd_tickets_require_signed_in (store, error))
    return FALSE;
  if (!cd_store_begin (store, error))
    return FALSE;
  now = cd_store_now (store);

  stmt = cd_store_prepare (store,
                           "INSERT INTO presence (entity, entity_id, staff_id, instance, heartbeat_at)"
                           " VALUES (?1, ?2, ?3, ?4, ?5)"
                           " ON CONFLICT (entity, entity_id, staff_id, instance)"
                           " DO UPDATE SET heartbeat_at = excluded.heartbeat_at", error);
  if (stmt == NULL)
    return cd_store_finish (store, FALSE, error);
  sqlite3_bind_text (stmt, 1, entity, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 2, entity_id);
  sqlite3_bind_int64 (stmt, 3, cd_store_get_staff_id (store));
  sqlite3_bind_text (stmt, 4, instance_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 5, now);
  if (cd_store_step (store, stmt, error) < 0)
    return cd_store_finish (store, FALSE, error);
  sqlite3_reset (stmt);

  stmt = cd_store_prepare (store, "DELETE FROM presence WHERE heartbeat_at < ?1", error);
  if (stmt == NULL)
    return cd_store_finish (store, FALSE, error);
  sqlite3_bind_int64 (stmt, 1, now - PRESENCE_PURGE_SECONDS);
  if (cd_store_step (store, stmt, error) < 0)
    return cd_store_finish (store, FALSE, error);
  sqlite3_reset (stmt);

  cd_store_note_change (store, CD_CHANGE_PRESENCE, entity_id);
  return cd_store_finish (store, TRUE, error);
}

gboolean
cd_presence_leave (CdStore     *store,
                   const char  *entity,
                   gint64       entity_id,
                   const char  *instance_id,
                   GError     **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (CD_IS_STORE (store), FALSE);
  g_return_val_if_fail (instance_id != NULL, FALSE);

  if (!cd_tickets_check_entity (entity, error) || !cd_tickets_require_signed_in (store, error))
    return FALSE;
  if (!cd_store_begin (store, error))
    return FALSE;
  stmt = cd_store_prepare (store,
                           "DELETE FROM presence"
                           " WHERE entity = ?1 AND entity_id = ?2 AND staff_id = ?3 AND instance = ?4", error);
  if (stmt == NULL)
    return cd_store_finish (store, FALSE, error);
  sqlite3_bind_text (stmt, 1, entity, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 2, entity_id);
  sqlite3_bind_int64 (stmt, 3, cd_store_get_staff_id (store));
  sqlite3_bind_text (stmt, 4, instance_id, -1, SQLITE_TRANSIENT);
  if (cd_store_step (store, stmt, error) < 0)
    return cd_store_finish (store, FALSE, error);
  sqlite3_reset (stmt);
  cd_store_note_change (store, CD_CHANGE_PRESENCE, entity_id);
  return cd_store_finish (store, TRUE, error);
}

GStrv
cd_presence_others (CdStore     *store,
                    const char  *entity,
                    gint64       entity_id,
                    GError     **error)
{
  g_autoptr(GStrvBuilder) builder = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (CD_IS_STORE (store), NULL);

  if (!cd_tickets_check_entity (entity, error))
    return NULL;
  stmt = cd_store_prepare (store,
                           "SELECT DISTINCT s.display_name FROM presence p JOIN staff s ON s.id = p.staff_id"
                           " WHERE p.entity = ?1 AND p.entity_id = ?2 AND p.staff_id <> ?3"
                           "   AND p.heartbeat_at >= ?4"
                           " ORDER BY s.display_name COLLATE NOCASE", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, entity, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 2, entity_id);
  sqlite3_bind_int64 (stmt, 3, cd_store_get_staff_id (store));
  sqlite3_bind_int64 (stmt, 4, cd_store_now (store) - CD_PRESENCE_TIMEOUT_SECONDS);

  builder = g_strv_builder_new ();
  while ((rc = cd_store_step (store, stmt, error)) == SQLITE_ROW)
    g_strv_builder_add (builder, (const char *) sqlite3_column_text (stmt, 0));
  sqlite3_reset (stmt);
  if (rc < 0)
    return NULL;
  return g_strv_builder_end (builder);
}

char *
cd_presence_describe (const char *const *names)
{
  guint n = names != NULL ? g_strv_length ((char **) names) : 0;

  switch (n)
    {
    case 0:
      return NULL;
    case 1:
      /* Translators: someone else has the same record open, "Li Na is editing" */
      return g_strdup_printf (_("%s is editing"), names[0]);
    case 2:
      return g_strdup_printf (_("%s and %s are editing"), names[0], names[1]);
    default:
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s and %u other are editing",
                                           "%s and %u others are editing", n - 1),
                              names[0], n - 1);
    }
}
