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
} CdStaffMember;

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

G_END_DECLS
