/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "cd-store.h"

G_BEGIN_DECLS

typedef struct {
  gint64            followup_id;
  gint64            complaint_id;
  gint64            customer_id;
  gint64            assignee_id;
  gint64            due_at;
  CdFollowupMethod  method;
  char             *assignee_name;
  char             *customer_name;
  char             *complaint_summary;
} CdOverdueFollowup;

void cd_overdue_followup_free (CdOverdueFollowup *item);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CdOverdueFollowup, cd_overdue_followup_free)

/* Follow-ups still scheduled whose due time has passed (cd_store_now()),
 * oldest first; of @staff_id only, or of everyone when @staff_id is 0.
 * Elements are CdOverdueFollowup. */
GPtrArray *cd_reminders_list_overdue (CdStore  *store,
                                      gint64    staff_id,
                                      GError  **error);

/* The `--check-overdue` command: writes one line per overdue follow-up of
 * the signed-in person (everyone's with @all) to @out, or a line saying
 * there are none. Returns the count, or -1 with @error set. */
int        cd_reminders_check_overdue_cli (CdStore  *store,
                                           gboolean  all,
                                           GString  *out,
                                           GError  **error);

G_END_DECLS
