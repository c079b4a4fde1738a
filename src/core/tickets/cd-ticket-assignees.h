/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "cd-store.h"

G_BEGIN_DECLS

/* Who may work on a ticket: the certifications a category needs, who
 * holds them, and everyone's open workload. */

/* The names of the certifications tickets of @category_id need (any one of
 * them qualifies), joined with " / ", or NULL when the category needs none
 * (or @category_id is 0). NULL with @error on failure. */
char    *cd_ticket_category_certifications (CdStore  *store,
                                            gint64    category_id,
                                            GError  **error);

/* TRUE when @staff_id holds, at @now, an active certification (issued,
 * not expired, not revoked) that qualifies for @category_id, or when the
 * category needs none. Any record counts, so a renewal does; a revoked
 * one does not (see cd-certifications.h). */
gboolean cd_staff_is_certified_for (CdStore  *store,
                                    gint64    staff_id,
                                    gint64    category_id,
                                    gint64    now,
                                    GError  **error);

/* One active staff member in the assign dialog. */
typedef struct {
  gint64   staff_id;
  char    *display_name;
  CdRole   role;
  gint64   open_count;  /* assigned tickets in new, open or pending */
  gboolean certified;   /* holds a certification the category needs,
                           or the category needs none */
  gint64   certified_until; /* when the latest of those runs out; 0 when
                               none (or the category needs none) */
} CdStaffWorkload;

void       cd_staff_workload_free (CdStaffWorkload *workload);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CdStaffWorkload, cd_staff_workload_free)

/* Every active staff member by name, with their open workload and whether
 * they are certified for @category_id (0: no category) at the current
 * time. One grouped query over the tickets_assignee index. Elements are
 * CdStaffWorkload; NULL with @error on failure. */
GPtrArray *cd_tickets_workload (CdStore  *store,
                                gint64    category_id,
                                GError  **error);

G_END_DECLS
