/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "caredesk-complaints"

#include "config.h"

#include "cd-complaints.h"
#include "cd-sql-util.h"
#include "cd-store-private.h"

/* The lists of the "Complaints & follow-ups" view. Each runs on the main
 * thread whenever the view is shown or the file changes, against files
 * with hundreds of thousands of follow-ups, so each is an index range
 * scan that stops at its page: followups_assignee(assignee_id, status,
 * due_at) for one person, followups_due(status, due_at, assignee_id) for
 * everyone. */

void
cd_agenda_item_free (CdAgendaItem *item)
{
  if (item == NULL)
    return;
  g_free (item->customer_name);
  g_free (item->complaint_summary);
  g_free (item->assignee_name);
  g_free (item);
}

void
cd_agenda_free (CdAgenda *agenda)
{
  if (agenda == NULL)
    return;
  for (guint i = 0; i < CD_FOLLOWUP_N_GROUPS; i++)
    g_clear_pointer (&agenda->items[i], g_ptr_array_unref);
  g_free (agenda);
}

void
cd_complaint_item_free (CdComplaintItem *item)
{
  if (item == NULL)
    return;
  g_free (item->customer_name);
  g_free (item->summary);
  g_free (item->owner_name);
  g_free (item);
}

#define AGENDA_SELECT \
  "SELECT f.id, f.complaint_id, c.customer_id, f.assignee_id, f.due_at, f.method, c.severity," \
  " cu.name, c.summary, s.display_name" \
  " FROM followups f" \
  " JOIN complaints c ON c.id = f.complaint_id" \
  " JOIN customers cu ON cu.id = c.customer_id" \
  " LEFT JOIN staff s ON s.id = f.assignee_id"

/* Scheduled follow-ups due in [@from, @to), by due time, at most @limit
 * (CdAgendaItem). Two statement texts so that each uses its own index. */
static GPtrArray *
load_section (CdStore  *store,
              gint64    assignee_id,
              gint64    from,
              gint64    to,
              guint     limit,
              GError  **error)
{
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func ((GDestroyNotify) cd_agenda_item_free);
  sqlite3_stmt *stmt;
  int rc;

  if (assignee_id != 0)
    stmt = cd_store_prepare (store,
                             AGENDA_SELECT
                             " WHERE f.assignee_id = ?4 AND f.status = 'scheduled'"
                             " AND f.due_at >= ?1 AND f.due_at < ?2"
                             " ORDER BY f.due_at, f.id LIMIT ?3",
                             error);
  else
    stmt = cd_store_prepare (store,
                             AGENDA_SELECT
                             " WHERE f.status = 'scheduled'"
                             " AND f.due_at >= ?1 AND f.due_at < ?2"
                             " ORDER BY f.due_at, f.id LIMIT ?3",
                             error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_int64 (stmt, 1, from);
  sqlite3_bind_int64 (stmt, 2, to);
  sqlite3_bind_int64 (stmt, 3, limit);
  if (assignee_id != 0)
    sqlite3_bind_int64 (stmt, 4, assignee_id);

  while ((rc = cd_store_step (store, stmt, error)) == SQLITE_ROW)
    {
      CdAgendaItem *item = g_new0 (CdAgendaItem, 1);

      item->followup_id = sqlite3_column_int64 (stmt, 0);
      item->complaint_id = sqlite3_column_int64 (stmt, 1);
      item->customer_id = sqlite3_column_int64 (stmt, 2);
      item->assignee_id = cd_sql_column_int64 (stmt, 3);
      item->due_at = sqlite3_column_int64 (stmt, 4);
      item->method = (CdFollowupMethod) cd_sql_column_enum (stmt, 5, cd_followup_method_from_nick,
                                                            CD_METHOD_PHONE);
      item->severity = (CdSeverity) cd_sql_column_enum (stmt, 6, cd_severity_from_nick,
                                                        CD_SEVERITY_MINOR);
      item->customer_name = cd_sql_column_dup (stmt, 7);
      item->complaint_summary = cd_sql_column_dup (stmt, 8);
      item->assignee_name = cd_sql_column_dup (stmt, 9);
      g_ptr_array_add (items, item);
    }
  sqlite3_reset (stmt);

  if (rc != SQLITE_DONE)
    return NULL;
  return g_steal_pointer (&items);
}

/* Scheduled follow-ups due in [@from, @to); -1 with @error. */
static gint64
count_section (CdStore  *store,
               gint64    assignee_id,
               gint64    from,
               gint64    to,
               GError  **error)
{
  sqlite3_stmt *stmt;
  gint64 count = -1;
  int rc;

  if (assignee_id != 0)
    stmt = cd_store_prepare (store,
                             "SELECT count(*) FROM followups"
                             " WHERE assignee_id = ?3 AND status = 'scheduled'"
                             " AND due_at >= ?1 AND due_at < ?2",
                             error);
  else
    stmt = cd_store_prepare (store,
                             "SELECT count(*) FROM followups"
                             " WHERE status = 'scheduled' AND due_at >= ?1 AND due_at < ?2",
                             error);
  if (stmt == NULL)
    return -1;

  sqlite3_bind_int64 (stmt, 1, from);
  sqlite3_bind_int64 (stmt, 2, to);
  if (assignee_id != 0)
    sqlite3_bind_int64 (stmt, 3, assignee_id);

  rc = cd_store_step (store, stmt, error);
  if (rc == SQLITE_ROW)
    count = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);

  return count;
}

CdAgenda *
cd_followups_agenda (CdStore      *store,
                     gint64        assignee_id,
                     const guint   limits[CD_FOLLOWUP_N_GROUPS],
                     GError      **error)
{
  g_autoptr(CdAgenda) agenda = NULL;
  gint64 bounds[CD_FOLLOWUP_N_GROUPS + 1];

  g_return_val_if_fail (CD_IS_STORE (store), NULL);
  g_return_val_if_fail (limits != NULL, NULL);

  agenda = g_new0 (CdAgenda, 1);
  agenda->now = cd_store_now (store);
  agenda->day_end = cd_local_day_end (agenda->now);

  /* One instant for all three, so that no follow-up falls between two
   * sections or shows in both. */
  bounds[CD_FOLLOWUP_GROUP_OVERDUE] = G_MININT64;
  bounds[CD_FOLLOWUP_GROUP_TODAY] = agenda->now + 1;
  bounds[CD_FOLLOWUP_GROUP_UPCOMING] = MAX (agenda->day_end, agenda->now + 1);
  bounds[CD_FOLLOWUP_N_GROUPS] = G_MAXINT64;

  for (guint g = 0; g < CD_FOLLOWUP_N_GROUPS; g++)
    {
      GPtrArray *items = load_section (store, assignee_id, bounds[g], bounds[g + 1],
                                       limits[g], error);

      if (items == NULL)
        return NULL;
      agenda->items[g] = items;

      /* A page that is not full holds them all: no COUNT needed. */
      if (items->len < limits[g])
        agenda->totals[g] = items->len;
      else
        {
          agenda->totals[g] = count_section (store, assignee_id, bounds[g], bounds[g + 1], error);
          if (agenda->totals[g] < 0)
            return NULL;
          agenda->totals[g] = MAX (agenda->totals[g], (gint64) items->len);
        }
    }

  return g_steal_pointer (&agenda);
}

gint64
cd_followups_count_overdue (CdStore  *store,
                            gint64    assignee_id,
                            GError  **error)
{
  g_return_val_if_fail (CD_IS_STORE (store), -1);

  return count_section (store, assignee_id, G_MININT64, cd_store_now (store) + 1, error);
}

gint64
cd_followups_next_due (CdStore  *store,
                       gint64    assignee_id,
                       gint64    after,
                       GError  **error)
{
  sqlite3_stmt *stmt;
  gint64 next = 0;
  int rc;

  g_return_val_if_fail (CD_IS_STORE (store), -1);

  stmt = cd_store_prepare (store,
                           "SELECT min(due_at) FROM followups"
                           " WHERE assignee_id = ?1 AND status = 'scheduled' AND due_at > ?2",
                           error);
  if (stmt == NULL)
    return -1;
  sqlite3_bind_int64 (stmt, 1, assignee_id);
  sqlite3_bind_int64 (stmt, 2, after);
  rc = cd_store_step (store, stmt, error);
  if (rc == SQLITE_ROW)
    next = cd_sql_column_int64 (stmt, 0);
  sqlite3_reset (stmt);

  return rc == SQLITE_ROW ? next : -1;
}

#define OPEN_CONDITION \
  " c.status IN ('received', 'acknowledged', 'investigating', 'resolved', 'following_up')" \
  " AND NOT EXISTS (SELECT 1 FROM followups f" \
  "                 WHERE f.complaint_id = c.id AND f.status = 'scheduled')"

/* The page's ids and how many there are in all, from one pass over the
 * open complaints (a page and a separate count read them twice); then
 * the names of the page's rows only. */
#define OPEN_PAGE(where) \
  "WITH page AS (SELECT c.id, c.created_at, count(*) OVER () AS total" \
  "              FROM complaints c WHERE" where \
  "              ORDER BY c.created_at, c.id LIMIT ?1)" \
  " SELECT c.id, c.customer_id, c.owner_id, c.created_at, c.severity, c.status, cu.name," \
  " c.summary, s.display_name, page.total" \
  " FROM page JOIN complaints c ON c.id = page.id" \
  " JOIN customers cu ON cu.id = c.customer_id" \
  " LEFT JOIN staff s ON s.id = c.owner_id" \
  " ORDER BY page.created_at, page.id"

GPtrArray *
cd_complaints_without_followup (CdStore  *store,
                                gint64    owner_id,
                                guint     limit,
                                gint64   *out_total,
                                GError  **error)
{
  g_autoptr(GPtrArray) items = NULL;
  sqlite3_stmt *stmt;
  gint64 total = 0;
  int rc;

  g_return_val_if_fail (CD_IS_STORE (store), NULL);

  if (owner_id != 0)
    stmt = cd_store_prepare (store, OPEN_PAGE (" c.owner_id = ?2 AND" OPEN_CONDITION), error);
  else
    stmt = cd_store_prepare (store, OPEN_PAGE (OPEN_CONDITION), error);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_int64 (stmt, 1, limit);
  if (owner_id != 0)
    sqlite3_bind_int64 (stmt, 2, owner_id);

  items = g_ptr_array_new_with_free_func ((GDestroyNotify) cd_complaint_item_free);
  while ((rc = cd_store_step (store, stmt, error)) == SQLITE_ROW)
    {
      CdComplaintItem *item = g_new0 (CdComplaintItem, 1);

      item->complaint_id = sqlite3_column_int64 (stmt, 0);
      item->customer_id = sqlite3_column_int64 (stmt, 1);
      item->owner_id = cd_sql_column_int64 (stmt, 2);
      item->created_at = sqlite3_column_int64 (stmt, 3);
      item->severity = (CdSeverity) cd_sql_column_enum (stmt, 4, cd_severity_from_nick,
                                                        CD_SEVERITY_MINOR);
      item->status = (CdComplaintStatus) cd_sql_column_enum (stmt, 5, cd_complaint_status_from_nick,
                                                             CD_COMPLAINT_RECEIVED);
      item->customer_name = cd_sql_column_dup (stmt, 6);
      item->summary = cd_sql_column_dup (stmt, 7);
      item->owner_name = cd_sql_column_dup (stmt, 8);
      total = sqlite3_column_int64 (stmt, 9);
      g_ptr_array_add (items, item);
    }
  sqlite3_reset (stmt);

  if (rc != SQLITE_DONE)
    return NULL;

  if (out_total != NULL)
    *out_total = total;
  return g_steal_pointer (&items);
}

gboolean
cd_complaints_any (CdStore  *store,
                   GError  **error)
{
  g_return_val_if_fail (CD_IS_STORE (store), FALSE);

  return cd_store_query_int (store, "SELECT EXISTS (SELECT 1 FROM complaints)",
                             CD_NO_BIND, 0, error) > 0;
}

gboolean
cd_followups_change_touches (CdStore         *store,
                             gint64           complaint_id,
                             const CdChange  *change,
                             GError         **error)
{
  g_autoptr(GString) ids = NULL;
  sqlite3_stmt *stmt;
  gboolean found;
  guint n;
  int rc;

  g_return_val_if_fail (CD_IS_STORE (store), FALSE);
  g_return_val_if_fail (change != NULL, FALSE);

  if (cd_change_is_all (change))
    return TRUE;
  n = cd_change_get_n_ids (change);
  if (n == 0)
    return FALSE;

  /* The ids as one JSON array, so that any number of them is one
   * statement (and one cached statement text). */
  ids = g_string_new ("[");
  for (guint i = 0; i < n; i++)
    g_string_append_printf (ids, "%s%" G_GINT64_FORMAT, i > 0 ? "," : "", cd_change_get_id (change, i));
  g_string_append_c (ids, ']');

  stmt = cd_store_prepare (store,
                           "SELECT EXISTS (SELECT 1 FROM followups"
                           " WHERE id IN (SELECT value FROM json_each (?2)) AND complaint_id = ?1)",
                           error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, complaint_id);
  sqlite3_bind_text (stmt, 2, ids->str, (int) ids->len, SQLITE_TRANSIENT);
  rc = cd_store_step (store, stmt, error);
  found = rc == SQLITE_ROW && sqlite3_column_int (stmt, 0) != 0;
  sqlite3_reset (stmt);

  return found;
}
