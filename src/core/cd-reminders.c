/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "caredesk-reminders"
#include "config.h"
#include "cd-reminders.h"

void
cd_overdue_followup_free (CdOverdueFollowup *item)
{
  if (item == NULL)
    return;
  g_free (item->assignee_name);
  g_free (item->customer_name);
  g_free (item->complaint_summary);
  g_free (item);
}

GPtrArray *
cd_reminders_list_overdue (CdStore *store, gint64 staff_id, GError **error)
{
  return g_ptr_array_new_with_free_func ((GDestroyNotify) cd_overdue_followup_free);
}

int
cd_reminders_check_overdue_cli (CdStore *store, gboolean all, GString *out, GError **error)
{
  return 0;
}
