/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "caredesk-staff"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "cd-sql-util.h"
#include "cd-staff.h"
#include "cd-store-private.h"
#include "cd-validate.h"

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
  member->version = sqlite3_column_int64 (stmt, 5);
  return member;
}

#define MEMBER_COLUMNS "SELECT id, login, display_name, role, active, version FROM staff"

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

/* Administering the staff list ------------------------------------------ */

gboolean
cd_staff_validate_login (const char  *login,
                         GError     **error)
{
  g_autofree char *trimmed = NULL;

  if (login == NULL || !g_utf8_validate (login, -1, NULL))
    {
      g_set_error_literal (error, CD_STORE_ERROR, CD_STORE_ERROR_INVALID,
                           _("The login name is not valid text."));
      return FALSE;
    }
  trimmed = cd_trim_dup (login);
  if (trimmed[0] == '\0')
    {
      g_set_error_literal (error, CD_STORE_ERROR, CD_STORE_ERROR_INVALID,
                           _("Enter the login name the person signs in to their computer with."));
      return FALSE;
    }
  for (const char *p = trimmed; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isspace (c) || g_unichar_iscntrl (c))
        {
          g_set_error_literal (error, CD_STORE_ERROR, CD_STORE_ERROR_INVALID,
                               _("A login name has no spaces or line breaks. Use the name the person "
                                 "signs in to their computer with, such as “li.na”."));
          return FALSE;
        }
    }
  if (g_utf8_strlen (trimmed, -1) > CD_STAFF_LOGIN_MAX_CHARS)
    {
      g_set_error (error, CD_STORE_ERROR, CD_STORE_ERROR_INVALID,
                   g_dngettext (GETTEXT_PACKAGE,
                                "The login name is longer than %d character.",
                                "The login name is longer than %d characters.",
                                CD_STAFF_LOGIN_MAX_CHARS),
                   CD_STAFF_LOGIN_MAX_CHARS);
      return FALSE;
    }
  return TRUE;
}

gboolean
cd_staff_validate_display_name (const char  *name,
                                GError     **error)
{
  return cd_validate_name (name, _("Name"), CD_STAFF_NAME_MAX_CHARS, error);
}

GPtrArray *
cd_staff_list_all (CdStore  *store,
                   GError  **error)
{
  g_autoptr(GPtrArray) members = g_ptr_array_new_with_free_func ((GDestroyNotify) cd_staff_member_free);
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (CD_IS_STORE (store), NULL);

  stmt = cd_store_prepare (store,
                           MEMBER_COLUMNS " ORDER BY active DESC, display_name COLLATE NOCASE, id", error);
  if (stmt == NULL)
    return NULL;
  while ((rc = cd_store_step (store, stmt, error)) == SQLITE_ROW)
    g_ptr_array_add (members, member_from_row (stmt));
  sqlite3_reset (stmt);
  if (rc < 0)
    return NULL;
  return g_steal_pointer (&members);
}

CdStaffMember *
cd_staff_find_login (CdStore     *store,
                     const char  *login,
                     GError     **error)
{
  g_autofree char *trimmed = NULL;
  CdStaffMember *member = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (CD_IS_STORE (store), NULL);
  g_return_val_if_fail (login != NULL, NULL);

  trimmed = cd_trim_dup (login);
  stmt = cd_store_prepare (store, MEMBER_COLUMNS " WHERE login = ?1", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, trimmed, -1, SQLITE_TRANSIENT);
  rc = cd_store_step (store, stmt, error);
  if (rc == SQLITE_ROW)
    member = member_from_row (stmt);
  sqlite3_reset (stmt);
  return member;
}

static gboolean
role_may_manage (CdRole actor,
                 CdRole target)
{
  return actor == CD_ROLE_ADMIN || (actor == CD_ROLE_LEAD && target == CD_ROLE_REP);
}

gboolean
cd_staff_can_manage (CdStore *store,
                     CdRole   role)
{
  g_return_val_if_fail (CD_IS_STORE (store), FALSE);

  return cd_store_get_staff_id (store) != 0 && !cd_store_is_read_only (store) &&
         role_may_manage (cd_store_get_role (store), role);
}

gboolean
cd_staff_can_set_roles (CdStore *store)
{
  g_return_val_if_fail (CD_IS_STORE (store), FALSE);

  return cd_store_get_staff_id (store) != 0 && !cd_store_is_read_only (store) &&
         cd_store_get_role (store) == CD_ROLE_ADMIN;
}

/* The signed-in person's role as the file has it now (inside the write's
 * transaction); PERMISSION unless they may manage anybody at all. */
static gboolean
current_manager_role (CdStore  *store,
                      CdRole   *out_role,
                      GError  **error)
{
  g_autoptr(CdStaffMember) me = NULL;
  g_autoptr(GError) local_error = NULL;
  gint64 my_id = cd_store_get_staff_id (store);

  if (my_id != 0)
    me = cd_staff_load (store, my_id, &local_error);
  if (me == NULL && local_error != NULL &&
      !g_error_matches (local_error, CD_STORE_ERROR, CD_STORE_ERROR_NOT_FOUND))
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  if (me == NULL || !me->active)
    {
      g_set_error_literal (error, CD_STORE_ERROR, CD_STORE_ERROR_PERMISSION,
                           _("Your staff account is switched off in this database, so you cannot change the staff list."));
      return FALSE;
    }
  if (me->role != CD_ROLE_ADMIN && me->role != CD_ROLE_LEAD)
    {
      g_set_error (error, CD_STORE_ERROR, CD_STORE_ERROR_PERMISSION,
                   _("Only administrators and team leads can change the staff list. Your role is %s."),
                   cd_role_label (me->role));
      return FALSE;
    }
  *out_role = me->role;
  return TRUE;
}

static void
set_lead_limit_error (GError **error,
                      CdRole   role)
{
  g_set_error (error, CD_STORE_ERROR, CD_STORE_ERROR_PERMISSION,
               _("Team leads can only add reps and switch reps’ accounts off and on. "
                 "Ask an administrator to do this for someone with the role “%s”."),
               cd_role_label (role));
}

/* Other active administrators than @staff_id. */
static gint64
count_other_admins (CdStore  *store,
                    gint64    staff_id,
                    GError  **error)
{
  return cd_store_query_int (store,
                             "SELECT count(*) FROM staff WHERE role = 'admin' AND active = 1 AND id <> ?1",
                             staff_id, 0, error);
}

static void
set_last_admin_error (GError              **error,
                      const CdStaffMember  *member)
{
  g_set_error (error, CD_STORE_ERROR, CD_STORE_ERROR_INVALID,
               _("%s is the only active administrator. Make someone else an administrator first: "
                 "the database always needs one."),
               member->display_name);
}

/* The person to change, loaded in the caller's transaction with the
 * version the caller saw checked (0: any). */
static CdStaffMember *
load_for_update (CdStore  *store,
                 gint64    staff_id,
                 gint64    expected_version,
                 GError  **error)
{
  g_autoptr(CdStaffMember) member = cd_staff_load (store, staff_id, error);

  if (member == NULL)
    return NULL;
  if (expected_version != 0 && member->version != expected_version)
    {
      g_set_error (error, CD_STORE_ERROR, CD_STORE_ERROR_STALE,
                   _("Someone else changed %s on the staff list after you opened it. "
                     "Reload to see their change, or overwrite it with yours."),
                   member->display_name);
      return NULL;
    }
  return g_steal_pointer (&member);
}

gint64
cd_staff_add (CdStore     *store,
              const char  *login,
              const char  *display_name,
              CdRole       role,
              GError     **error)
{
  g_autoptr(CdStaffMember) existing = NULL;
  g_autofree char *login_text = NULL;
  g_autofree char *name_text = NULL;
  GError *local_error = NULL;
  CdRole actor;
  gint64 id = 0;

  g_return_val_if_fail (CD_IS_STORE (store), 0);
  g_return_val_if_fail ((guint) role < cd_role_count (), 0);

  if (!cd_staff_validate_login (login, error) || !cd_staff_validate_display_name (display_name, error))
    return 0;
  login_text = cd_trim_dup (login);
  name_text = cd_trim_dup (display_name);

  if (!cd_store_begin (store, error))
    return 0;
  if (!current_manager_role (store, &actor, error))
    goto out;
  if (!role_may_manage (actor, role))
    {
      set_lead_limit_error (error, role);
      goto out;
    }

  existing = cd_staff_find_login (store, login_text, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, local_error);
      goto out;
    }
  if (existing != NULL && existing->active)
    {
      g_set_error (error, CD_STORE_ERROR, CD_STORE_ERROR_INVALID,
                   _("The login “%s” is already on the staff list, as %s (%s)."),
                   login_text, existing->display_name, cd_role_label (existing->role));
      goto out;
    }
  if (existing != NULL)
    {
      g_set_error (error, CD_STORE_ERROR, CD_STORE_ERROR_INVALID,
                   _("The login “%s” belongs to %s, whose account is switched off. "
                     "Switch that account on again instead of adding the person anew: "
                     "their history stays with them."),
                   login_text, existing->display_name);
      goto out;
    }

  {
    const CdField fields[] = {
      { "login", login_text },
      { "display_name", name_text },
      { "role", cd_role_to_nick (role) },
      { "active", "1" },
    };

    id = cd_store_insert (store, "staff", fields, G_N_ELEMENTS (fields), error);
  }

out:
  if (!cd_store_finish (store, id > 0, error))
    return 0;
  return id;
}

gboolean
cd_staff_update (CdStore     *store,
                 gint64       staff_id,
                 gint64       expected_version,
                 const char  *display_name,
                 CdRole       role,
                 GError     **error)
{
  g_autoptr(CdStaffMember) member = NULL;
  g_autofree char *name_text = NULL;
  gboolean ok = FALSE;
  CdRole actor;

  g_return_val_if_fail (CD_IS_STORE (store), FALSE);
  g_return_val_if_fail ((guint) role < cd_role_count (), FALSE);

  if (!cd_staff_validate_display_name (display_name, error))
    return FALSE;
  name_text = cd_trim_dup (display_name);

  if (!cd_store_begin (store, error))
    return FALSE;
  if (!current_manager_role (store, &actor, error))
    goto out;
  member = load_for_update (store, staff_id, expected_version, error);
  if (member == NULL)
    goto out;
  if (!role_may_manage (actor, member->role))
    {
      set_lead_limit_error (error, member->role);
      goto out;
    }
  if (role != member->role && actor != CD_ROLE_ADMIN)
    {
      g_set_error_literal (error, CD_STORE_ERROR, CD_STORE_ERROR_PERMISSION,
                           _("Only administrators can give people another role."));
      goto out;
    }
  if (role != member->role && member->role == CD_ROLE_ADMIN && member->active)
    {
      GError *local_error = NULL;
      gint64 others = count_other_admins (store, member->id, &local_error);

      if (local_error != NULL)
        {
          g_propagate_error (error, local_error);
          goto out;
        }
      if (others == 0)
        {
          set_last_admin_error (error, member);
          goto out;
        }
    }

  {
    const CdField fields[] = {
      { "display_name", name_text },
      { "role", cd_role_to_nick (role) },
    };

    ok = cd_store_update (store, "staff", member->id, member->version,
                          fields, G_N_ELEMENTS (fields), error);
  }

out:
  return cd_store_finish (store, ok, error);
}

gboolean
cd_staff_set_active (CdStore     *store,
                     gint64       staff_id,
                     gint64       expected_version,
                     gboolean     active,
                     GError     **error)
{
  g_autoptr(CdStaffMember) member = NULL;
  gboolean ok = FALSE;
  CdRole actor;

  g_return_val_if_fail (CD_IS_STORE (store), FALSE);

  if (!cd_store_begin (store, error))
    return FALSE;
  if (!current_manager_role (store, &actor, error))
    goto out;
  member = load_for_update (store, staff_id, expected_version, error);
  if (member == NULL)
    goto out;
  if (!role_may_manage (actor, member->role))
    {
      set_lead_limit_error (error, member->role);
      goto out;
    }
  if (!active && member->id == cd_store_get_staff_id (store))
    {
      g_set_error_literal (error, CD_STORE_ERROR, CD_STORE_ERROR_INVALID,
                           _("You cannot switch off your own account. Ask another administrator to do it."));
      goto out;
    }
  if (!active && member->active && member->role == CD_ROLE_ADMIN)
    {
      GError *local_error = NULL;
      gint64 others = count_other_admins (store, member->id, &local_error);

      if (local_error != NULL)
        {
          g_propagate_error (error, local_error);
          goto out;
        }
      if (others == 0)
        {
          set_last_admin_error (error, member);
          goto out;
        }
    }

  {
    const CdField fields[] = {
      { "active", active ? "1" : "0" },
    };

    ok = cd_store_update (store, "staff", member->id, member->version,
                          fields, G_N_ELEMENTS (fields), error);
  }

out:
  return cd_store_finish (store, ok, error);
}

gboolean
cd_staff_count_open_work (CdStore      *store,
                          gint64        staff_id,
                          CdStaffWork  *out,
                          GError      **error)
{
  GError *local_error = NULL;

  g_return_val_if_fail (CD_IS_STORE (store), FALSE);
  g_return_val_if_fail (out != NULL, FALSE);

  memset (out, 0, sizeof *out);
  out->open_tickets =
    cd_store_query_int (store,
                        "SELECT count(*) FROM tickets WHERE assignee_id = ?1 AND status IN ('new','open','pending')",
                        staff_id, 0, &local_error);
  if (local_error == NULL)
    out->scheduled_followups =
      cd_store_query_int (store,
                          "SELECT count(*) FROM followups WHERE assignee_id = ?1 AND status = 'scheduled'",
                          staff_id, 0, &local_error);
  if (local_error == NULL)
    out->open_complaints =
      cd_store_query_int (store,
                          "SELECT count(*) FROM complaints WHERE owner_id = ?1 AND status <> 'closed'",
                          staff_id, 0, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, local_error);
      return FALSE;
    }
  return TRUE;
}
