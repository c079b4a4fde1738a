/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "caredesk-test-staff"

#include "config.h"

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <string.h>

#include "cd-staff.h"
#include "cd-store.h"
#include "cd-store-private.h"
#include "cd-team.h"
#include "cd-tickets.h"

/* The staff list and the team's settings, as administrators and team
 * leads keep them, on a fresh file whose first person ("admin") became
 * its administrator. */

typedef struct {
  char    *dir;
  char    *path;
  CdStore *store;    /* signed in as the administrator */
  gint64   admin;
} Fixture;

static CdStore *
open_as (const char *path,
         const char *login)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CdStore) store = cd_store_open (path, CD_STORE_OPEN_CREATE | CD_STORE_OPEN_NO_WATCH, &error);

  g_assert_no_error (error);
  g_assert_nonnull (store);
  cd_store_sign_in (store, login, NULL, &error);
  g_assert_no_error (error);
  return g_steal_pointer (&store);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->dir = g_dir_make_tmp ("caredesk-staff-XXXXXX", &error);
  g_assert_no_error (error);
  f->path = g_build_filename (f->dir, "team.caredesk", NULL);
  f->store = open_as (f->path, "admin");
  f->admin = cd_store_get_staff_id (f->store);
  g_assert_cmpint (cd_store_get_role (f->store), ==, CD_ROLE_ADMIN);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GDir) dir = NULL;
  const char *name;

  g_clear_object (&f->store);
  dir = g_dir_open (f->dir, 0, NULL);
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *file = g_build_filename (f->dir, name, NULL);
      g_unlink (file);
    }
  g_assert_cmpint (g_rmdir (f->dir), ==, 0);
  g_free (f->path);
  g_free (f->dir);
}

static gint64
add (CdStore    *store,
     const char *login,
     const char *name,
     CdRole      role)
{
  g_autoptr(GError) error = NULL;
  gint64 id = cd_staff_add (store, login, name, role, &error);

  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  return id;
}

static gint64
version_of (CdStore *store,
            gint64   id)
{
  g_autoptr(CdStaffMember) member = cd_staff_load (store, id, NULL);

  g_assert_nonnull (member);
  return member != NULL ? member->version : -1;
}

static gint64
count (CdStore    *store,
       const char *sql,
       gint64      bind)
{
  g_autoptr(GError) error = NULL;
  gint64 n = cd_store_query_int (store, sql, bind, -1, &error);

  g_assert_no_error (error);
  return n;
}

static void
test_add (Fixture       *f,
          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CdStaffMember) member = NULL;
  g_autoptr(GPtrArray) everyone = NULL;
  gint64 id;

  id = add (f->store, "  li.na ", " 李娜 ", CD_ROLE_LEAD);
  member = cd_staff_load (f->store, id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (member->login, ==, "li.na");
  g_assert_cmpstr (member->display_name, ==, "李娜");
  g_assert_cmpint (member->role, ==, CD_ROLE_LEAD);
  g_assert_true (member->active);
  g_assert_cmpint (member->version, ==, 1);

  /* Audited, like every change. */
  g_assert_cmpint (count (f->store, "SELECT count(*) FROM audit_log WHERE entity = 'staff' AND entity_id = ?1"
                                    " AND action = 'create' AND field = 'login' AND new_value = 'li.na'", id), ==, 1);

  /* The new person can sign in with the login. */
  {
    g_autoptr(CdStore) hers = open_as (f->path, "li.na");

    g_assert_cmpint (cd_store_get_staff_id (hers), ==, id);
    g_assert_cmpint (cd_store_get_role (hers), ==, CD_ROLE_LEAD);
    g_assert_cmpstr (cd_store_get_display_name (hers), ==, "李娜");
  }

  /* The same login twice names who has it. */
  g_assert_cmpint (cd_staff_add (f->store, "li.na", "Li Na", CD_ROLE_REP, &error), ==, 0);
  g_assert_error (error, CD_STORE_ERROR, CD_STORE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "李娜"));
  g_clear_error (&error);

  everyone = cd_staff_list_all (f->store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (everyone->len, ==, 2);
}

static void
test_validation (Fixture       *f,
                 gconstpointer  data)
{
  g_autofree char *long_name = NULL;
  g_autofree char *long_login = NULL;
  const char *bad_logins[] = { "", "   ", "li na", "li\tna", "li\nna", "\xff\xfe" };
  gint64 before = count (f->store, "SELECT count(*) FROM staff", CD_NO_BIND);

  for (guint i = 0; i < G_N_ELEMENTS (bad_logins); i++)
    {
      g_autoptr(GError) error = NULL;

      g_assert_false (cd_staff_validate_login (bad_logins[i], &error));
      g_assert_error (error, CD_STORE_ERROR, CD_STORE_ERROR_INVALID);
      g_clear_error (&error);
      g_assert_cmpint (cd_staff_add (f->store, bad_logins[i], "Someone", CD_ROLE_REP, &error), ==, 0);
      g_assert_error (error, CD_STORE_ERROR, CD_STORE_ERROR_INVALID);
    }

  /* Logins of any script and of a directory service are fine. */
  g_assert_true (cd_staff_validate_login ("zhang.wei@corp.example", NULL));
  g_assert_true (cd_staff_validate_login ("张伟", NULL));

  long_login = g_strnfill (CD_STAFF_LOGIN_MAX_CHARS + 1, 'a');
  g_assert_false (cd_staff_validate_login (long_login, NULL));
  long_name = g_strnfill (10000, 'x');
  {
    g_autoptr(GError) error = NULL;

    g_assert_cmpint (cd_staff_add (f->store, "x", long_name, CD_ROLE_REP, &error), ==, 0);
    g_assert_error (error, CD_STORE_ERROR, CD_STORE_ERROR_INVALID);
    g_clear_error (&error);
    g_assert_cmpint (cd_staff_add (f->store, "x", "  ", CD_ROLE_REP, &error), ==, 0);
    g_assert_error (error, CD_STORE_ERROR, CD_STORE_ERROR_INVALID);
  }
  /* Quotes and emoji are just text. */
  add (f->store, "o'brien", "Seán \"Sunny\" O'Brien 😀", CD_ROLE_REP);

  g_assert_cmpint (count (f->store, "SELECT count(*) FROM staff", CD_NO_BIND), ==, before + 1);
}

/* Administrators manage everyone; team leads add reps and switch reps'
 * accounts off and on; reps and trainers change nothing. */
static void
test_roles (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(CdStore) lead = NULL;
  g_autoptr(CdStore) rep = NULL;
  g_autoptr(CdStore) trainer = NULL;
  g_autoptr(GError) error = NULL;
  gint64 lead_id, rep_id, trainer_id, new_rep;

  lead_id = add (f->store, "lead", "Li Na", CD_ROLE_LEAD);
  rep_id = add (f->store, "rep", "Wang Wei", CD_ROLE_REP);
  trainer_id = add (f->store, "trainer", "Zhao Min", CD_ROLE_TRAINER);
  lead = open_as (f->path, "lead");
  rep = open_as (f->path, "rep");
  trainer = open_as (f->path, "trainer");

  g_assert_true (cd_staff_can_manage (f->store, CD_ROLE_ADMIN));
  g_assert_true (cd_staff_can_set_roles (f->store));
  g_assert_true (cd_staff_can_manage (lead, CD_ROLE_REP));
  g_assert_false (cd_staff_can_manage (lead, CD_ROLE_LEAD));
  g_assert_false (cd_staff_can_set_roles (lead));
  g_assert_false (cd_staff_can_manage (rep, CD_ROLE_REP));
  g_assert_false (cd_staff_can_manage (trainer, CD_ROLE_REP));

  /* A lead adds a rep, and no one else. */
  new_rep = add (lead, "new.rep", "Chen Jie", CD_ROLE_REP);
  for (CdRole role = CD_ROLE_LEAD; role <= CD_ROLE_ADMIN; role++)
    {
      g_assert_cmpint (cd_staff_add (lead, "someone", "Someone", role, &error), ==, 0);
      g_assert_error (error, CD_STORE_ERROR, CD_STORE_ERROR_PERMISSION);
      g_clear_error (&error);
    }

  /* A lead switches a rep off and on, but not a trainer or an admin. */
  g_assert_true (cd_staff_set_active (lead, new_rep, version_of (lead, new_rep), FALSE, &error));
  g_assert_no_error (error);
  g_assert_true (cd_staff_set_active (lead, new_rep, version_of (lead, new_rep), TRUE, &error));
  g_assert_no_error (error);
  g_assert_false (cd_staff_set_active (lead, trainer_id, version_of (lead, trainer_id), FALSE, &error));
  g_assert_error (error, CD_STORE_ERROR, CD_STORE_ERROR_PERMISSION);
  g_clear_error (&error);
  g_assert_false (cd_staff_set_active (lead, f->admin, version_of (lead, f->admin), FALSE, &error));
  g_assert_error (error, CD_STORE_ERROR, CD_STORE_ERROR_PERMISSION);
  g_clear_error (&error);

  /* A lead may correct a rep's name, but gives nobody another role. */
  g_assert_true (cd_staff_update (lead, rep_id, version_of (lead, rep_id), "Wang Wei 王伟", CD_ROLE_REP, &error));
  g_assert_no_error (error);
  g_assert_false (cd_staff_update (lead, rep_id, version_of (lead, rep_id), "Wang Wei", CD_ROLE_LEAD, &error));
  g_assert_error (error, CD_STORE_ERROR, CD_STORE_ERROR_PERMISSION);
  g_clear_error (&error);
  g_assert_false (cd_staff_update (lead, lead_id, version_of (lead, lead_id), "Li Na!", CD_ROLE_LEAD, &error));
  g_assert_error (error, CD_STORE_ERROR, CD_STORE_ERROR_PERMISSION);
  g_clear_error (&error);

  /* Reps and trainers change nothing. */
  g_assert_cmpint (cd_staff_add (rep, "x", "X", CD_ROLE_REP, &error), ==, 0);
  g_assert_error (error, CD_STORE_ERROR, CD_STORE_ERROR_PERMISSION);
  g_clear_error (&error);
  g_assert_cmpint (cd_staff_add (trainer, "x", "X", CD_ROLE_REP, &error), ==, 0);
  g_assert_error (error, CD_STORE_ERROR, CD_STORE_ERROR_PERMISSION);
  g_clear_error (&error);
  g_assert_false (cd_staff_set_active (rep, new_rep, 0, FALSE, &error));
  g_assert_error (error, CD_STORE_ERROR, CD_STORE_ERROR_PERMISSION);
  g_clear_error (&error);

  /* An admin gives roles. */
  g_assert_true (cd_staff_update (f->store, rep_id, version_of (f->store, rep_id), "Wang Wei", CD_ROLE_TRAINER, &error));
  g_assert_no_error (error);
  g_assert_cmpint (count (f->store, "SELECT count(*) FROM audit_log WHERE entity = 'staff' AND entity_id = ?1"
                                    " AND field = 'role' AND old_value = 'rep' AND new_value = 'trainer'", rep_id), ==, 1);

  /* What the file says now counts, not what the session signed in with:
   * a lead made a rep in another Caredesk can no longer add anyone. */
  g_assert_true (cd_staff_update (f->store, lead_id, version_of (f->store, lead_id), "Li Na", CD_ROLE_REP, &error));
  g_assert_no_error (error);
  g_assert_cmpint (cd_store_get_role (lead), ==, CD_ROLE_LEAD);
  g_assert_cmpint (cd_staff_add (lead, "late", "Too Late", CD_ROLE_REP, &error), ==, 0);
  g_assert_error (error, CD_STORE_ERROR, CD_STORE_ERROR_PERMISSION);
  g_assert_null (cd_staff_find_login (f->store, "late", NULL));
}

/* The file always keeps an active administrator. */
static void
test_last_admin (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CdStore) second = NULL;
  gint64 other;

  /* Alone: not demoted, not switched off (not even by themselves). */
  g_assert_false (cd_staff_update (f->store, f->admin, version_of (f->store, f->admin), "Admin", CD_ROLE_LEAD, &error));
  g_assert_error (error, CD_STORE_ERROR, CD_STORE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "only active administrator"));
  g_clear_error (&error);
  g_assert_false (cd_staff_set_active (f->store, f->admin, version_of (f->store, f->admin), FALSE, &error));
  g_assert_error (error, CD_STORE_ERROR, CD_STORE_ERROR_INVALID);
  g_clear_error (&error);

  /* With a second administrator, either may step down, but not both. */
  other = add (f->store, "second", "Second Admin", CD_ROLE_ADMIN);
  second = open_as (f->path, "second");
  g_assert_true (cd_staff_update (f->store, f->admin, version_of (f->store, f->admin), "Admin", CD_ROLE_LEAD, &error));
  g_assert_no_error (error);
  g_assert_false (cd_staff_update (second, other, version_of (second, other), "Second Admin", CD_ROLE_REP, &error));
  g_assert_error (error, CD_STORE_ERROR, CD_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpint (count (f->store, "SELECT count(*) FROM staff WHERE role = 'admin' AND active = 1", CD_NO_BIND), ==, 1);

  /* An administrator who is switched off does not count. */
  g_assert_true (cd_staff_update (second, f->admin, version_of (second, f->admin), "Admin", CD_ROLE_ADMIN, &error));
  g_assert_no_error (error);
  g_assert_true (cd_staff_set_active (second, f->admin, version_of (second, f->admin), FALSE, &error));
  g_assert_no_error (error);
  g_assert_false (cd_staff_set_active (second, other, version_of (second, other), FALSE, &error));
  g_assert_error (error, CD_STORE_ERROR, CD_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (cd_staff_update (second, other, version_of (second, other), "Second Admin", CD_ROLE_LEAD, &error));
  g_assert_error (error, CD_STORE_ERROR, CD_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpint (count (f->store, "SELECT count(*) FROM staff WHERE role = 'admin' AND active = 1", CD_NO_BIND), ==, 1);
}

static void
test_switch_off_self (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  add (f->store, "second", "Second Admin", CD_ROLE_ADMIN);
  g_assert_false (cd_staff_set_active (f->store, f->admin, version_of (f->store, f->admin), FALSE, &error));
  g_assert_error (error, CD_STORE_ERROR, CD_STORE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "your own account"));
}

/* Someone who leaves is switched off: they cannot sign in or get new
 * work, and everything they did keeps their name. */
static void
test_leaver_keeps_history (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CdTicket) ticket = NULL;
  g_autoptr(CdStaffMember) member = NULL;
  g_autoptr(GPtrArray) active = NULL;
  CdStaffWork work;
  gint64 rep, customer, ticket_id;

  rep = add (f->store, "rep", "Wang Wei", CD_ROLE_REP);
  {
    const CdField fields[] = { { "name", "Acme" } };

    customer = cd_store_insert (f->store, "customers", fields, 1, &error);
    g_assert_no_error (error);
  }
  ticket_id = cd_ticket_create (f->store, customer, "Printer offline", NULL, CD_CHANNEL_PHONE, 0,
                                CD_PRIORITY_NORMAL, rep, &error);
  g_assert_no_error (error);

  g_assert_true (cd_staff_count_open_work (f->store, rep, &work, &error));
  g_assert_no_error (error);
  g_assert_cmpint (work.open_tickets, ==, 1);
  g_assert_cmpint (work.scheduled_followups, ==, 0);
  g_assert_cmpint (work.open_complaints, ==, 0);

  g_assert_true (cd_staff_set_active (f->store, rep, version_of (f->store, rep), FALSE, &error));
  g_assert_no_error (error);

  /* The record stays, and the ticket still names them. */
  member = cd_staff_load (f->store, rep, &error);
  g_assert_no_error (error);
  g_assert_false (member->active);
  ticket = cd_ticket_load (f->store, ticket_id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (ticket->assignee_id, ==, rep);
  g_assert_cmpstr (ticket->assignee_name, ==, "Wang Wei");

  /* Pickers leave them out, unless asked for the record's own person. */
  active = cd_staff_list (f->store, 0, 0, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < active->len; i++)
    g_assert_cmpint (((CdStaffMember *) g_ptr_array_index (active, i))->id, !=, rep);

  /* They cannot sign in, and are told whom to ask. */
  {
    g_autoptr(CdStore) theirs = cd_store_open (f->path, CD_STORE_OPEN_NO_WATCH, &error);

    g_assert_no_error (error);
    g_assert_false (cd_store_sign_in (theirs, "rep", NULL, &error));
    g_assert_error (error, CD_STORE_ERROR, CD_STORE_ERROR_UNKNOWN_USER);
    g_assert_nonnull (strstr (error->message, "switched off"));
    g_clear_error (&error);
  }

  /* Their login is not handed to someone new; they come back instead. */
  g_assert_cmpint (cd_staff_add (f->store, "rep", "Another Wang", CD_ROLE_REP, &error), ==, 0);
  g_assert_error (error, CD_STORE_ERROR, CD_STORE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "switched off"));
  g_clear_error (&error);
  g_assert_true (cd_staff_set_active (f->store, rep, version_of (f->store, rep), TRUE, &error));
  g_assert_no_error (error);
  {
    g_autoptr(CdStore) theirs = open_as (f->path, "rep");

    g_assert_cmpint (cd_store_get_staff_id (theirs), ==, rep);
  }
}

/* Two people changing the same person: the second is told. */
static void
test_stale (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 rep = add (f->store, "rep", "Wang Wei", CD_ROLE_REP);
  gint64 seen = version_of (f->store, rep);

  g_assert_true (cd_staff_update (f->store, rep, seen, "Wang Wei (Shanghai)", CD_ROLE_REP, &error));
  g_assert_no_error (error);
  g_assert_false (cd_staff_set_active (f->store, rep, seen, FALSE, &error));
  g_assert_error (error, CD_STORE_ERROR, CD_STORE_ERROR_STALE);
  g_clear_error (&error);
  g_assert_false (cd_staff_update (f->store, rep, seen, "Wang", CD_ROLE_REP, &error));
  g_assert_error (error, CD_STORE_ERROR, CD_STORE_ERROR_STALE);
  g_clear_error (&error);
  /* 0 overwrites on purpose. */
  g_assert_true (cd_staff_update (f->store, rep, 0, "Wang", CD_ROLE_REP, &error));
  g_assert_no_error (error);
}

static void
on_changed_cb (CdStore  *store,
               CdChange *change,
               gpointer  user_data)
{
  GPtrArray *kinds = user_data;

  g_ptr_array_add (kinds, g_strdup (cd_change_get_kind (change)));
}

static gboolean
has_kind (GPtrArray  *kinds,
          const char *kind)
{
  for (guint i = 0; i < kinds->len; i++)
    if (g_str_equal (g_ptr_array_index (kinds, i), kind))
      return TRUE;
  return FALSE;
}

static void
test_team (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) kinds = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *name = NULL;
  g_autofree char *long_name = g_strnfill (CD_TEAM_NAME_MAX_CHARS + 1, 'x');
  g_autoptr(CdStore) lead = NULL;

  /* A fresh file takes its administrator to the setup. */
  g_assert_null (cd_team_dup_name (f->store));
  g_assert_true (cd_team_needs_setup (f->store));

  g_signal_connect (f->store, "changed", G_CALLBACK (on_changed_cb), kinds);
  g_assert_true (cd_team_set_name (f->store, "  上海客服中心 “Support” ", &error));
  g_assert_no_error (error);
  name = cd_team_dup_name (f->store);
  g_assert_cmpstr (name, ==, "上海客服中心 “Support”");
  g_assert_true (has_kind (kinds, CD_CHANGE_SETTINGS));
  g_assert_cmpint (count (f->store, "SELECT count(*) FROM audit_log WHERE entity = 'settings'"
                                    " AND field = 'team.name' AND action = 'create'", CD_NO_BIND), ==, 1);

  g_assert_false (cd_team_set_name (f->store, long_name, &error));
  g_assert_error (error, CD_STORE_ERROR, CD_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (cd_team_set_name (f->store, "two\nlines", &error));
  g_assert_error (error, CD_STORE_ERROR, CD_STORE_ERROR_INVALID);
  g_clear_error (&error);

  /* Still a fresh file: setting the name is part of the setup. */
  g_assert_true (cd_team_needs_setup (f->store));

  /* Only administrators set the name or finish the setup. */
  add (f->store, "lead", "Li Na", CD_ROLE_LEAD);
  lead = open_as (f->path, "lead");
  g_assert_false (cd_team_needs_setup (lead));
  g_assert_false (cd_team_set_name (lead, "Ours", &error));
  g_assert_error (error, CD_STORE_ERROR, CD_STORE_ERROR_PERMISSION);
  g_clear_error (&error);
  g_assert_false (cd_team_finish_setup (lead, FALSE, &error));
  g_assert_error (error, CD_STORE_ERROR, CD_STORE_ERROR_PERMISSION);
  g_clear_error (&error);

  /* Clearing the name removes it. */
  g_assert_true (cd_team_set_name (f->store, "  ", &error));
  g_assert_no_error (error);
  g_assert_null (cd_team_dup_name (f->store));
  g_assert_cmpint (count (f->store, "SELECT count(*) FROM audit_log WHERE entity = 'settings'"
                                    " AND field = 'team.name' AND action = 'delete'", CD_NO_BIND), ==, 1);
}

static void
test_setup_state (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (cd_team_needs_setup (f->store));
  /* Skipped, it is not offered again at the next start... */
  g_assert_true (cd_team_finish_setup (f->store, TRUE, &error));
  g_assert_no_error (error);
  g_assert_false (cd_team_needs_setup (f->store));
  {
    g_autoptr(CdStore) again = open_as (f->path, "admin");

    g_assert_false (cd_team_needs_setup (again));
  }
  /* ... and finishing it later is recorded too. */
  g_assert_true (cd_team_finish_setup (f->store, FALSE, &error));
  g_assert_no_error (error);
  g_assert_cmpint (count (f->store, "SELECT count(*) FROM settings WHERE key = 'team.setup' AND value = 'done'",
                          CD_NO_BIND), ==, 1);
}

/* A file already in use is never taken for a fresh one, nor a file opened
 * read-only. */
static void
test_setup_not_for_used_files (Fixture       *f,
                               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  add (f->store, "rep", "Wang Wei", CD_ROLE_REP);
  g_assert_false (cd_team_needs_setup (f->store));

  {
    g_autofree char *other = g_build_filename (f->dir, "customers.caredesk", NULL);
    g_autoptr(CdStore) store = open_as (other, "admin");
    const CdField fields[] = { { "name", "Acme" } };

    g_assert_true (cd_team_needs_setup (store));
    g_assert_cmpint (cd_store_insert (store, "customers", fields, 1, &error), >, 0);
    g_assert_no_error (error);
    g_assert_false (cd_team_needs_setup (store));
  }

  {
    g_autofree char *fresh = g_build_filename (f->dir, "fresh.caredesk", NULL);
    g_autoptr(CdStore) made = open_as (fresh, "admin");
    g_autoptr(CdStore) reader = cd_store_open (fresh, CD_STORE_OPEN_READ_ONLY | CD_STORE_OPEN_NO_WATCH, &error);

    g_assert_no_error (error);
    g_assert_true (cd_store_sign_in (reader, "admin", NULL, &error));
    g_assert_no_error (error);
    g_assert_true (cd_team_needs_setup (made));
    g_assert_false (cd_team_needs_setup (reader));
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, fn) \
  g_test_add (path, Fixture, NULL, fixture_set_up, fn, fixture_tear_down)

  ADD ("/core/staff/add", test_add);
  ADD ("/core/staff/validation", test_validation);
  ADD ("/core/staff/roles", test_roles);
  ADD ("/core/staff/last-admin", test_last_admin);
  ADD ("/core/staff/switch-off-self", test_switch_off_self);
  ADD ("/core/staff/leaver-keeps-history", test_leaver_keeps_history);
  ADD ("/core/staff/stale", test_stale);
  ADD ("/core/team/name", test_team);
  ADD ("/core/team/setup-state", test_setup_state);
  ADD ("/core/team/setup-not-for-used-files", test_setup_not_for_used_files);

  return g_test_run ();
}
