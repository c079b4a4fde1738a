/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "caredesk-store"

#include "config.h"

#include <string.h>

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

/* The hash chain -----------------------------------------------------------
 * Each row's hash covers the hash of the row before it and the row's own
 * fields, each written with its length so that no two rows read alike:
 * changing, removing or inserting a row breaks every hash after it. */

static void
add_text (GChecksum  *sum,
          const char *text)
{
  g_autofree char *length = NULL;

  if (text == NULL)
    {
      g_checksum_update (sum, (const guchar *) "-;", 2);
      return;
    }
  length = g_strdup_printf ("%zu:", strlen (text));
  g_checksum_update (sum, (const guchar *) length, -1);
  g_checksum_update (sum, (const guchar *) text, -1);
  g_checksum_update (sum, (const guchar *) ";", 1);
}

static void
add_int (GChecksum *sum,
         gint64     value,
         gboolean   is_null)
{
  g_autofree char *text = is_null ? NULL : g_strdup_printf ("%" G_GINT64_FORMAT, value);

  add_text (sum, text);
}

char *
cd_audit_row_hash (const char *previous,
                   gint64      at,
                   gint64      staff_id,
                   const char *entity,
                   gint64      entity_id,
                   const char *action,
                   const char *field,
                   const char *old_value,
                   const char *new_value)
{
  g_autoptr(GChecksum) sum = g_checksum_new (G_CHECKSUM_SHA256);

  add_text (sum, previous != NULL ? previous : "");
  add_int (sum, at, FALSE);
  add_int (sum, staff_id, staff_id == 0);
  add_text (sum, entity);
  add_int (sum, entity_id, entity_id == 0);
  add_text (sum, action);
  add_text (sum, field);
  add_text (sum, old_value);
  add_text (sum, new_value);
  return g_strdup (g_checksum_get_string (sum));
}

#define ROW_COLUMNS "SELECT id, at, staff_id, entity, entity_id, action, field, old_value, new_value, hash FROM audit_log"

static char *
hash_of_row (sqlite3_stmt *stmt,
             const char   *previous)
{
  return cd_audit_row_hash (previous, sqlite3_column_int64 (stmt, 1), sqlite3_column_int64 (stmt, 2),
                            (const char *) sqlite3_column_text (stmt, 3), sqlite3_column_int64 (stmt, 4),
                            (const char *) sqlite3_column_text (stmt, 5), (const char *) sqlite3_column_text (stmt, 6),
                            (const char *) sqlite3_column_text (stmt, 7), (const char *) sqlite3_column_text (stmt, 8));
}

gboolean
cd_audit_chain_unhashed (CdStore  *store,
                         GError  **error)
{
  g_autofree char *previous = NULL;
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GPtrArray) hashes = g_ptr_array_new_with_free_func (g_free);
  sqlite3_stmt *stmt;
  int rc;

  /* Rows written before the log had hashes, from the first on (or after
   * the last hashed one): read them all, then write their hashes. */
  previous = cd_store_query_text (store, "SELECT hash FROM audit_log WHERE hash IS NOT NULL ORDER BY id DESC LIMIT 1");
  stmt = cd_store_prepare (store, ROW_COLUMNS " WHERE hash IS NULL ORDER BY id", error);
  if (stmt == NULL)
    return FALSE;
  while ((rc = cd_store_step (store, stmt, error)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      char *hash = hash_of_row (stmt, previous);

      g_array_append_val (ids, id);
      g_ptr_array_add (hashes, hash);
      g_free (previous);
      previous = g_strdup (hash);
    }
  sqlite3_reset (stmt);
  if (rc < 0)
    return FALSE;

  stmt = cd_store_prepare (store, "UPDATE audit_log SET hash = ?1 WHERE id = ?2", error);
  if (stmt == NULL)
    return FALSE;
  for (guint i = 0; i < ids->len; i++)
    {
      sqlite3_bind_text (stmt, 1, g_ptr_array_index (hashes, i), -1, SQLITE_STATIC);
      sqlite3_bind_int64 (stmt, 2, g_array_index (ids, gint64, i));
      if (cd_store_step (store, stmt, error) < 0)
        return FALSE;
      sqlite3_reset (stmt);
    }
  return TRUE;
}

void
cd_audit_check_clear (CdAuditCheck *check)
{
  g_clear_pointer (&check->broken_entity, g_free);
  g_clear_pointer (&check->broken_action, g_free);
  g_clear_pointer (&check->last_hash, g_free);
}

gboolean
cd_audit_verify (CdStore       *store,
                 CdAuditCheck  *check,
                 GError       **error)
{
  g_autofree char *previous = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (CD_IS_STORE (store), FALSE);
  g_return_val_if_fail (check != NULL, FALSE);

  memset (check, 0, sizeof *check);
  stmt = cd_store_prepare (store, ROW_COLUMNS " ORDER BY id", error);
  if (stmt == NULL)
    return FALSE;
  while ((rc = cd_store_step (store, stmt, error)) == SQLITE_ROW)
    {
      const char *stored = (const char *) sqlite3_column_text (stmt, 9);
      g_autofree char *expected = hash_of_row (stmt, previous);

      check->n_rows++;
      if (g_strcmp0 (stored, expected) != 0)
        {
          check->broken_id = sqlite3_column_int64 (stmt, 0);
          check->broken_at = sqlite3_column_int64 (stmt, 1);
          check->broken_entity = g_strdup ((const char *) sqlite3_column_text (stmt, 3));
          check->broken_action = g_strdup ((const char *) sqlite3_column_text (stmt, 5));
          break;
        }
      g_free (previous);
      previous = g_steal_pointer (&expected);
    }
  sqlite3_reset (stmt);
  if (rc < 0)
    return FALSE;
  check->last_hash = g_steal_pointer (&previous);
  return TRUE;
}
