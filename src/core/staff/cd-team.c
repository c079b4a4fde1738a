/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "caredesk-staff"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "cd-sql-util.h"
#include "cd-store-private.h"
#include "cd-team.h"
#include "cd-validate.h"

#define KEY_NAME  "team.name"
#define KEY_SETUP "team.setup"

static char *
read_setting (CdStore     *store,
              const char  *key,
              GError     **error)
{
  sqlite3_stmt *stmt;
  char *value = NULL;
  int rc;

  stmt = cd_store_prepare (store, "SELECT value FROM settings WHERE key = ?1", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_STATIC);
  rc = cd_store_step (store, stmt, error);
  if (rc == SQLITE_ROW)
    value = cd_sql_column_dup (stmt, 0);
  sqlite3_reset (stmt);
  return value;
}

/* Settings have no id, so cd_store_update() cannot write them: the row is
 * written here and audited by its key, in one transaction. NULL removes
 * the value. */
static gboolean
write_setting (CdStore     *store,
               const char  *key,
               const char  *value,
               GError     **error)
{
  g_autofree char *old = NULL;
  GError *local_error = NULL;
  sqlite3_stmt *stmt;
  gboolean ok = FALSE;

  if (!cd_store_begin (store, error))
    return FALSE;

  old = read_setting (store, key, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, local_error);
      goto out;
    }
  if (g_strcmp0 (old, value) == 0)
    {
      ok = TRUE;
      goto out;
    }

  if (value != NULL)
    stmt = cd_store_prepare (store,
                             "INSERT INTO settings (key, value, created_at, updated_at, version)"
                             " VALUES (?1, ?2, ?3, ?3, 1)"
                             " ON CONFLICT (key) DO UPDATE SET value = excluded.value,"
                             " updated_at = excluded.updated_at, version = version + 1",
                             error);
  else
    stmt = cd_store_prepare (store, "DELETE FROM settings WHERE key = ?1", error);
  if (stmt == NULL)
    goto out;
  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_STATIC);
  if (value != NULL)
    {
      sqlite3_bind_text (stmt, 2, value, -1, SQLITE_TRANSIENT);
      sqlite3_bind_int64 (stmt, 3, cd_store_now (store));
    }
  if (cd_store_step (store, stmt, error) < 0)
    goto out;
  sqlite3_reset (stmt);

  ok = cd_store_audit (store, "settings", 0,
                       old == NULL ? "create" : value == NULL ? "delete" : "update",
                       key, old, value, error);

out:
  return cd_store_finish (store, ok, error);
}

static gboolean
require_admin (CdStore  *store,
               GError  **error)
{
  gint64 me = cd_store_get_staff_id (store);
  GError *local_error = NULL;
  gint64 admin;

  if (me == 0)
    return cd_store_require_role (store, CD_ROLE_BIT (CD_ROLE_ADMIN), error);
  /* The role as the file has it now: it may have been taken away in
   * another Caredesk since this one signed in. */
  admin = cd_store_query_int (store, "SELECT count(*) FROM staff WHERE id = ?1 AND active = 1 AND role = 'admin'",
                              me, 0, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, local_error);
      return FALSE;
    }
  if (admin == 0)
    {
      g_set_error_literal (error, CD_STORE_ERROR, CD_STORE_ERROR_PERMISSION,
                           _("Only administrators can change the team’s settings."));
      return FALSE;
    }
  return TRUE;
}

char *
cd_team_dup_name (CdStore *store)
{
  g_autofree char *name = NULL;

  g_return_val_if_fail (CD_IS_STORE (store), NULL);

  name = read_setting (store, KEY_NAME, NULL);
  if (name == NULL || name[0] == '\0')
    return NULL;
  return g_steal_pointer (&name);
}

gboolean
cd_team_validate_name (const char  *name,
                       GError     **error)
{
  g_autofree char *trimmed = cd_validate_trim (name);

  if (trimmed[0] == '\0')
    return TRUE;
  return cd_validate_name (trimmed, _("Team name"), CD_TEAM_NAME_MAX_CHARS, error);
}

gboolean
cd_team_set_name (CdStore     *store,
                  const char  *name,
                  GError     **error)
{
  g_autofree char *trimmed = NULL;
  gboolean ok;

  g_return_val_if_fail (CD_IS_STORE (store), FALSE);

  if (!cd_team_validate_name (name, error))
    return FALSE;
  trimmed = cd_validate_trim (name);

  if (!cd_store_begin (store, error))
    return FALSE;
  ok = require_admin (store, error) &&
       write_setting (store, KEY_NAME, trimmed[0] != '\0' ? trimmed : NULL, error);
  return cd_store_finish (store, ok, error);
}

gboolean
cd_team_needs_setup (CdStore *store)
{
  g_autofree char *state = NULL;
  g_autoptr(GError) error = NULL;
  gint64 others;

  g_return_val_if_fail (CD_IS_STORE (store), FALSE);

  if (cd_store_is_read_only (store) || cd_store_get_staff_id (store) == 0 ||
      cd_store_get_role (store) != CD_ROLE_ADMIN)
    return FALSE;

  state = read_setting (store, KEY_SETUP, &error);
  if (state != NULL || error != NULL)
    return FALSE;
  /* A file already in use (from before the setup existed, or filled by
   * hand) is not taken for a fresh one. */
  others = cd_store_query_int (store,
                               "SELECT (SELECT count(*) FROM staff WHERE id <> ?1)"
                               " + EXISTS (SELECT 1 FROM customers) + EXISTS (SELECT 1 FROM tickets)",
                               cd_store_get_staff_id (store), 1, &error);
  return error == NULL && others == 0;
}

gboolean
cd_team_finish_setup (CdStore   *store,
                      gboolean   skipped,
                      GError   **error)
{
  gboolean ok;

  g_return_val_if_fail (CD_IS_STORE (store), FALSE);

  if (!cd_store_begin (store, error))
    return FALSE;
  ok = require_admin (store, error) &&
       write_setting (store, KEY_SETUP, skipped ? "skipped" : "done", error);
  return cd_store_finish (store, ok, error);
}
