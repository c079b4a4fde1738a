/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "cd-store.h"

G_BEGIN_DECLS

/* The people on the shared file's staff list, as pickers and messages
 * show them. */

typedef struct {
  gint64    id;
  char     *login;
  char     *display_name;
  CdRole    role;
  gboolean  active;
  gint64    version;
} CdStaffMember;

/* A login is the desktop user name a person signs in with: no spaces or
 * control characters, at most this many characters. */
#define CD_STAFF_LOGIN_MAX_CHARS 64
#define CD_STAFF_NAME_MAX_CHARS  100

void           cd_staff_member_free      (CdStaffMember *member);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CdStaffMember, cd_staff_member_free)

/* Active staff members whose role is in @roles (a mask of CD_ROLE_BIT();
 * 0 for any role), by display name, as CdStaffMember. A member who has
 * left (inactive) is listed too when they are @include_id (0: nobody),
 * so that a record's owner who left can still be shown. */
GPtrArray     *cd_staff_list             (CdStore  *store,
                                          guint     roles,
                                          gint64    include_id,
                                          GError  **error);
/* NULL with CD_STORE_ERROR_NOT_FOUND when there is no such member. */
CdStaffMember *cd_staff_load             (CdStore  *store,
                                          gint64    staff_id,
                                          GError  **error);
/* The display name, or NULL when there is no such member. */
char          *cd_staff_dup_display_name (CdStore  *store,
                                          gint64    staff_id);
/* Who can add someone to the staff list, for a person the file does not
 * know: "Li Na (Administrator), Wang Fang (Team lead)", administrators
 * first. NULL when there is nobody active in those roles. */
char          *cd_staff_describe_managers (CdStore  *store,
                                           GError  **error);

/* Administering the staff list -------------------------------------------
 * Administrators manage everyone; team leads may add reps and switch
 * reps' accounts off and on, nothing else. Nobody is ever deleted: a
 * person who leaves is switched off (inactive), cannot sign in or be
 * given new work, and every record keeps naming them. The file always
 * keeps one active administrator: the last one can be neither switched
 * off nor given another role. Every check reads the signed-in person's
 * role as the file has it now, inside the write's transaction, so a
 * role taken away in another Caredesk counts at once. Failures are
 * CD_STORE_ERROR_PERMISSION or _INVALID (nothing written) and _STALE
 * when someone saved the person first. */

/* As the user types: a login (trimmed) or a display name. */
gboolean       cd_staff_validate_login   (const char  *login,
                                          GError     **error);
gboolean       cd_staff_validate_display_name (const char  *name,
                                               GError     **error);

/* Everyone on the list, those switched off too: active people first,
 * then by display name. */
GPtrArray     *cd_staff_list_all         (CdStore     *store,
                                          GError     **error);
/* The person with @login, or NULL (without @error when there is none). */
CdStaffMember *cd_staff_find_login       (CdStore     *store,
                                          const char  *login,
                                          GError     **error);
/* Whether the signed-in person may add someone with @role, and change
 * or switch off someone who has @role now: administrators any role,
 * team leads reps only. What the session knows; the writes check the
 * file again. */
gboolean       cd_staff_can_manage       (CdStore     *store,
                                          CdRole       role);
/* TRUE when the signed-in person may give people other roles
 * (administrators). */
gboolean       cd_staff_can_set_roles    (CdStore     *store);

/* Adds an active person; returns the new id, 0 with @error. A login that
 * is already on the list is refused with a message that says who has it
 * (and, for an account that is switched off, to switch it on instead). */
gint64         cd_staff_add              (CdStore     *store,
                                          const char  *login,
                                          const char  *display_name,
                                          CdRole       role,
                                          GError     **error);
/* Changes the display name and the role (administrators; a team lead
 * may change a rep's display name only). The last active administrator
 * keeps the administrator role. */
gboolean       cd_staff_update           (CdStore     *store,
                                          gint64       staff_id,
                                          gint64       expected_version,
                                          const char  *display_name,
                                          CdRole       role,
                                          GError     **error);
/* Switches an account off (the person left) or on again. Nobody switches
 * off their own account; the last active administrator stays. */
gboolean       cd_staff_set_active       (CdStore     *store,
                                          gint64       staff_id,
                                          gint64       expected_version,
                                          gboolean     active,
                                          GError     **error);

/* What a person still has on their plate, for the question before their
 * account is switched off: open tickets assigned to them, follow-ups
 * scheduled for them, complaints they own that are not closed. */
typedef struct {
  gint64 open_tickets;
  gint64 scheduled_followups;
  gint64 open_complaints;
} CdStaffWork;

gboolean       cd_staff_count_open_work  (CdStore     *store,
                                          gint64       staff_id,
                                          CdStaffWork *out,
                                          GError     **error);

G_END_DECLS
