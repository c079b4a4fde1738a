/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "caredesk-staff"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "cd-sql-util.h"
#include "cd-staff.h"
#include "cd-store-private.h"

void
cd_staff_member_free (CdStaffMember *member)
{
  if (member == NULL)
    return;
  g_free (member->login);
  g_free (member->display_name);
  g_free (member);
}

static CdStaffMember *
member_from_row (sqlite3_stmt *stmt)
{
  CdStaffMember *member = g_new0 (CdStaffMember, 1);

  member->id = sqlite3_column_int64 (stmt, 0);
  member->login = cd_sql_column_dup (stmt, 1);
  member->display_name = cd_sql_column_dup (stmt, 2);
  member->role = (CdRole) cd_sql_column_enum (stmt, 3, cd_role_from_nick, CD_ROLE_REP);
  member->active = sqlite3_column_int (stmt, 4) != 0;
  return member;
}

#define MEMBER_COLUMNS "SELECT id, login, display_name, role, active FROM staff"

GPtrArray *
cd_staff_list (CdStore  *store,
               guint     roles,
               gint64    include_id,
               GError  **error)
{
  g_autoptr(GPtrArray) members = g_ptr_array_new_with_free_func ((GDestroyNotify) cd_staff_member_free);
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (CD_IS_STORE (store), NULL);

  stmt = cd_store_prepare (store,
                           MEMBER_COLUMNS
                           " WHERE active = 1 OR id = ?1"
                           " ORDER BY display_name COLLATE NOCASE, id", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, include_id);
  while ((rc = cd_store_step (store, stmt, error)) == SQLITE_ROW)
    {
      g_autoptr(CdStaffMember) member = member_from_row (stmt);

      if (roles != 0 && (roles & CD_ROLE_BIT (member->role)) == 0 && member->id != include_id)
        continue;
      g_ptr_array_add (members, g_steal_pointer (&member));
    }
  sqlite3_reset (stmt);
  if (rc < 0)
    return NULL;
  return g_steal_pointer (&members);
}

CdStaffMember *
cd_staff_load (CdStore  *store,
               gint64    staff_id,
               GError  **error)
{
  CdStaffMember *member = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (CD_IS_STORE (store), NULL);

  stmt = cd_store_prepare (store, MEMBER_COLUMNS " WHERE id = ?1", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, staff_id);
  rc = cd_store_step (store, stmt, error);
  if (rc == SQLITE_ROW)
    member = member_from_row (stmt);
  sqlite3_reset (stmt);
  if (rc == SQLITE_DONE)
    g_set_error_literal (error, CD_STORE_ERROR, CD_STORE_ERROR_NOT_FOUND,
                         _("This person is not on the staff list (any more)."));
  return member;
}

char *
cd_staff_dup_display_name (CdStore *store,
                           gint64   staff_id)
{
  g_autoptr(CdStaffMember) member = NULL;

  if (staff_id <= 0)
    return NULL;
  member = cd_staff_load (store, staff_id, NULL);
  return member != NULL ? g_steal_pointer (&member->display_name) : NULL;
}

char *
cd_staff_describe_managers (CdStore  *store,
                            GError  **error)
{
  return cd_store_describe_managers (store, error);
}
