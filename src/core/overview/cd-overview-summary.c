/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "caredesk-overview"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "cd-overview-private.h"
#include "cd-overview-summary-private.h"
#include "cd-sql-util.h"
#include "cd-tickets-private.h"

/* The summary rows (overview_hours) hold, per UTC hour and person, what
 * the tickets and follow-ups of that hour add to a period's figures.
 *
 * - A ticket adds to the hour it was received in (received, and whether
 *   it is resolved now) and, once resolved, to the hour of its
 *   resolution (handled and the rest). Its share depends on its own row
 *   only, so every audited write of a ticket takes the row's old share
 *   away and adds its new one, in the write's transaction
 *   (cd_overview_summary_row_changed(), called by the store). Business
 *   time is counted with the team's SLA calendar of the moment.
 * - A follow-up adds to the hour it is due in, a complaint to the hour
 *   it was received in (by its customer's tier); triggers on followups,
 *   complaints and customers keep that, whoever writes.
 * - The calendar the rows were counted with is recorded
 *   (overview_state 'calendar'). When it is no longer the team's (a
 *   holiday was added), the rows are not read until they are rebuilt.
 *
 * Hours, not days: a period starts at a local midnight, which is on the
 * hour in every time zone but a few; a boundary that is not is counted
 * from the tickets around it. */

/* Counting ------------------------------------------------------------------- */

void
cd_overview_ticket_row_read (sqlite3_stmt        *stmt,
                             CdOverviewTicketRow *row)
{
  row->created_at = sqlite3_column_int64 (stmt, 0);
  row->assignee_id = sqlite3_column_int64 (stmt, 1);
  row->resolved = sqlite3_column_int (stmt, 2) != 0;
  row->resolved_at = cd_sql_column_int64 (stmt, 3);
  row->first_response_at = cd_sql_column_int64 (stmt, 4);
  row->first_response_due = cd_sql_column_int64 (stmt, 5);
  row->resolution_due = cd_sql_column_int64 (stmt, 6);
  row->paused_seconds = sqlite3_column_int64 (stmt, 7);
  row->interaction_count = sqlite3_column_int (stmt, 8);
  row->reopen_count = sqlite3_column_int (stmt, 9);
  row->satisfaction = sqlite3_column_int (stmt, 10);
}

static gint64
hour_of (gint64 utc)
{
  return utc >= 0 ? utc / 3600 : -((-utc + 3599) / 3600);
}

void
cd_overview_ticket_received (const CdOverviewTicketRow *row,
                             CdOverviewCounts          *counts)
{
  memset (counts, 0, sizeof *counts);
  counts->hour = hour_of (row->created_at);
  counts->staff_id = row->assignee_id;
  counts->v[CD_OVERVIEW_C_RECEIVED] = 1;
  counts->v[CD_OVERVIEW_C_RECEIVED_RESOLVED] = row->resolved;
}

gboolean
cd_overview_ticket_handled (CdOverviewClock           *clock,
                            const CdOverviewTicketRow *row,
                            CdOverviewCounts          *counts)
{
  gint64 resolved = row->resolved_at;

  memset (counts, 0, sizeof *counts);
  if (resolved == 0)
    return FALSE;

  counts->hour = hour_of (resolved);
  counts->staff_id = row->assignee_id;
  counts->v[CD_OVERVIEW_C_HANDLED] = 1;
  if (row->first_response_at != 0)
    {
      counts->v[CD_OVERVIEW_C_ANSWERED] = 1;
      counts->v[CD_OVERVIEW_C_FIRST_RESPONSE_SECONDS] =
        cd_overview_clock_between (clock, row->created_at, row->first_response_at);
    }
  /* Time waiting on the customer was counted in business seconds too. */
  counts->v[CD_OVERVIEW_C_RESOLUTION_SECONDS] =
    MAX (cd_overview_clock_between (clock, row->created_at, resolved) - row->paused_seconds, 0);
  /* As cd_ticket_is_first_contact_resolution(). */
  counts->v[CD_OVERVIEW_C_FIRST_CONTACT] = row->interaction_count <= 1 && row->reopen_count == 0;
  /* As cd_sla_state(): a clock completed at its deadline met it. */
  counts->v[CD_OVERVIEW_C_BREACHED] =
    (row->first_response_due != 0 &&
     (row->first_response_at != 0 ? row->first_response_at : resolved) > row->first_response_due) ||
    (row->resolution_due != 0 && resolved > row->resolution_due);
  if (row->satisfaction > 0)
    {
      counts->v[CD_OVERVIEW_C_SATISFACTION_ANSWERS] = 1;
      counts->v[CD_OVERVIEW_C_SATISFACTION_SUM] = row->satisfaction;
    }
  return TRUE;
}

gboolean
cd_overview_followup_due (gint64             due_at,
                          gint64             assignee_id,
                          const char        *status,
                          gint64             done_at,
                          CdOverviewCounts  *counts)
{
  memset (counts, 0, sizeof *counts);
  if (g_strcmp0 (status, "cancelled") == 0)
    return FALSE;
  counts->hour = hour_of (due_at);
  counts->staff_id = assignee_id;
  counts->v[CD_OVERVIEW_C_FOLLOWUPS_DUE] = 1;
  counts->v[CD_OVERVIEW_C_FOLLOWUPS_ON_TIME] = g_strcmp0 (status, "done") == 0 && done_at != 0 && done_at <= due_at;
  return TRUE;
}

void
cd_overview_complaint_received (gint64             created_at,
                                gint64             owner_id,
                                const char        *tier,
                                CdOverviewCounts  *counts)
{
  int t = cd_tier_from_nick (tier);

  memset (counts, 0, sizeof *counts);
  counts->hour = hour_of (created_at);
  counts->staff_id = owner_id;
  counts->v[CD_OVERVIEW_C_COMPLAINTS + (t < 0 ? CD_TIER_GENERAL : t)] = 1;
}

void
cd_overview_figures_add_counts (CdOverviewFigures      *f,
                                const CdOverviewCounts *counts)
{
  const gint64 *v = counts->v;

  f->received += v[CD_OVERVIEW_C_RECEIVED];
  f->received_resolved += v[CD_OVERVIEW_C_RECEIVED_RESOLVED];
  f->handled += v[CD_OVERVIEW_C_HANDLED];
  f->answered += v[CD_OVERVIEW_C_ANSWERED];
  f->first_response_seconds += v[CD_OVERVIEW_C_FIRST_RESPONSE_SECONDS];
  f->resolution_seconds += v[CD_OVERVIEW_C_RESOLUTION_SECONDS];
  f->first_contact += v[CD_OVERVIEW_C_FIRST_CONTACT];
  f->breached += v[CD_OVERVIEW_C_BREACHED];
  f->satisfaction_answers += v[CD_OVERVIEW_C_SATISFACTION_ANSWERS];
  f->satisfaction_sum += v[CD_OVERVIEW_C_SATISFACTION_SUM];
  f->followups_due += v[CD_OVERVIEW_C_FOLLOWUPS_DUE];
  f->followups_on_time += v[CD_OVERVIEW_C_FOLLOWUPS_ON_TIME];
  for (guint tier = 0; tier < G_N_ELEMENTS (f->complaints); tier++)
    f->complaints[tier] += v[CD_OVERVIEW_C_COMPLAINTS + tier];
}

/* The team's calendar ------------------------------------------------------ */

typedef struct {
  char            *signature;
  CdSlaCalendar   *calendar;
  CdOverviewClock *clock;
} TeamClock;

#define TEAM_CLOCK_KEY "cd-overview-team-clock"

static void
team_clock_free (TeamClock *team)
{
  cd_overview_clock_free (team->clock);
  cd_sla_calendar_free (team->calendar);
  g_free (team->signature);
  g_free (team);
}

/* Everything the first calendar's business time depends on. */
static const char signature_sql[] =
  "SELECT ifnull ((SELECT c.id || '|' || c.timezone || '|' || c.week_schedule || '|' ||"
  "                ifnull ((SELECT group_concat (day, ',') FROM"
  "                          (SELECT h.day FROM holidays h WHERE h.calendar_id = c.id ORDER BY h.day)), '')"
  "                FROM business_calendars c ORDER BY c.id LIMIT 1), 'always-open')";

CdOverviewClock *
cd_overview_team_clock (CdStore      *store,
                        const char  **signature,
                        GError      **error)
{
  TeamClock *team = g_object_get_data (G_OBJECT (store), TEAM_CLOCK_KEY);
  g_autofree char *current = cd_store_query_text (store, signature_sql);
  CdSlaCalendar *calendar;

  if (current == NULL)
    {
      g_set_error_literal (error, CD_STORE_ERROR, CD_STORE_ERROR_FAILED,
                           _("The business calendar could not be read."));
      return NULL;
    }
  if (team == NULL || g_strcmp0 (team->signature, current) != 0)
    {
      /* The same calendar the SLA clocks use when a policy names none. */
      calendar = cd_ticket_load_calendar (store, 0, error);
      if (calendar == NULL)
        return NULL;
      team = g_new0 (TeamClock, 1);
      team->signature = g_steal_pointer (&current);
      team->calendar = calendar;
      team->clock = cd_overview_clock_new (calendar);
      g_object_set_data_full (G_OBJECT (store), TEAM_CLOCK_KEY, team, (GDestroyNotify) team_clock_free);
    }
  if (signature != NULL)
    *signature = team->signature;
  return team->clock;
}

static char *
read_state (CdStore     *store,
            const char  *key,
            GError     **error)
{
  sqlite3_stmt *stmt;
  char *value = NULL;
  int rc;

  stmt = cd_store_prepare (store, "SELECT value FROM overview_state WHERE key = ?1", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_STATIC);
  rc = cd_store_step (store, stmt, error);
  if (rc == SQLITE_ROW)
    value = cd_sql_column_dup (stmt, 0);
  sqlite3_reset (stmt);
  return value;
}

static gboolean
write_state (CdStore     *store,
             const char  *key,
             const char  *value,
             GError     **error)
{
  sqlite3_stmt *stmt;
  int rc;

  stmt = cd_store_prepare (store,
                           "INSERT INTO overview_state (key, value) VALUES (?1, ?2)"
                           " ON CONFLICT (key) DO UPDATE SET value = excluded.value", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_STATIC);
  if (value != NULL)
    sqlite3_bind_text (stmt, 2, value, -1, SQLITE_TRANSIENT);
  else
    sqlite3_bind_null (stmt, 2);
  rc = cd_store_step (store, stmt, error);
  sqlite3_reset (stmt);
  return rc >= 0;
}

gboolean
cd_overview_summary_usable (CdStore     *store,
                            const char  *signature,
                            GError     **error)
{
  GError *local_error = NULL;
  g_autofree char *built = read_state (store, "calendar", &local_error);

  if (local_error != NULL)
    {
      g_propagate_error (error, local_error);
      return FALSE;
    }
  return built != NULL && g_strcmp0 (built, signature) == 0;
}

/* Writing the rows ------------------------------------------------------------ */

static gboolean
add_counts (CdStore                *store,
            const CdOverviewCounts *counts,
            int                     sign,
            GError                **error)
{
  sqlite3_stmt *stmt;
  int rc;

  stmt = cd_store_prepare (store,
                           "INSERT INTO overview_hours (hour, staff_id, " CD_OVERVIEW_COUNTER_COLUMNS ")"
                           " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18)"
                           " ON CONFLICT (hour, staff_id) DO UPDATE SET"
                           " received = received + excluded.received,"
                           " received_resolved = received_resolved + excluded.received_resolved,"
                           " handled = handled + excluded.handled,"
                           " answered = answered + excluded.answered,"
                           " first_response_seconds = first_response_seconds + excluded.first_response_seconds,"
                           " resolution_seconds = resolution_seconds + excluded.resolution_seconds,"
                           " first_contact = first_contact + excluded.first_contact,"
                           " breached = breached + excluded.breached,"
                           " satisfaction_answers = satisfaction_answers + excluded.satisfaction_answers,"
                           " satisfaction_sum = satisfaction_sum + excluded.satisfaction_sum,"
                           " followups_due = followups_due + excluded.followups_due,"
                           " followups_on_time = followups_on_time + excluded.followups_on_time,"
                           " complaints_strategic = complaints_strategic + excluded.complaints_strategic,"
                           " complaints_core = complaints_core + excluded.complaints_core,"
                           " complaints_potential = complaints_potential + excluded.complaints_potential,"
                           " complaints_general = complaints_general + excluded.complaints_general",
                           error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, counts->hour);
  sqlite3_bind_int64 (stmt, 2, counts->staff_id);
  for (int i = 0; i < CD_OVERVIEW_N_COUNTERS; i++)
    sqlite3_bind_int64 (stmt, 3 + i, sign * counts->v[i]);
  rc = cd_store_step (store, stmt, error);
  sqlite3_reset (stmt);
  return rc >= 0;
}

/* Adds (@sign 1) or takes away (-1) the share of ticket @id as its row
 * is now. */
static gboolean
apply_ticket (CdStore          *store,
              CdOverviewClock  *clock,
              gint64            id,
              int               sign,
              GError          **error)
{
  CdOverviewTicketRow row;
  CdOverviewCounts counts;
  sqlite3_stmt *stmt;
  int rc;

  stmt = cd_store_prepare (store, "SELECT " CD_OVERVIEW_TICKET_COLUMNS " FROM tickets WHERE id = ?1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  rc = cd_store_step (store, stmt, error);
  if (rc == SQLITE_ROW)
    cd_overview_ticket_row_read (stmt, &row);
  sqlite3_reset (stmt);
  if (rc < 0)
    return FALSE;
  if (rc != SQLITE_ROW)
    return TRUE;

  cd_overview_ticket_received (&row, &counts);
  if (!add_counts (store, &counts, sign, error))
    return FALSE;
  if (cd_overview_ticket_handled (clock, &row, &counts) && !add_counts (store, &counts, sign, error))
    return FALSE;
  return TRUE;
}

gboolean
cd_overview_summary_row_changed (CdStore     *store,
                                 const char  *table,
                                 gint64       id,
                                 gboolean     after,
                                 GError     **error)
{
  g_autoptr(GError) calendar_error = NULL;
  CdOverviewClock *clock;

  g_return_val_if_fail (CD_IS_STORE (store), FALSE);

  if (g_strcmp0 (table, "tickets") != 0)
    return TRUE;

  clock = cd_overview_team_clock (store, NULL, &calendar_error);
  if (clock == NULL)
    {
      /* A calendar that cannot be used must not stop anyone's work:
       * the rows are set aside until they are rebuilt. */
      g_debug ("Summary rows set aside: %s", calendar_error->message);
      return write_state (store, "calendar", NULL, error);
    }
  return apply_ticket (store, clock, id, after ? 1 : -1, error);
}

/* Full recomputation ------------------------------------------------------------ */

static guint
counts_hash (gconstpointer key)
{
  const CdOverviewCounts *c = key;

  return g_int64_hash (&c->hour) * 31 + g_int64_hash (&c->staff_id);
}

static gboolean
counts_equal (gconstpointer a,
              gconstpointer b)
{
  const CdOverviewCounts *ca = a, *cb = b;

  return ca->hour == cb->hour && ca->staff_id == cb->staff_id;
}

static void
accumulate (GHashTable             *table,
            const CdOverviewCounts *counts)
{
  CdOverviewCounts *sum = g_hash_table_lookup (table, counts);

  if (sum == NULL)
    {
      sum = g_new0 (CdOverviewCounts, 1);
      sum->hour = counts->hour;
      sum->staff_id = counts->staff_id;
      g_hash_table_add (table, sum);
    }
  for (int i = 0; i < CD_OVERVIEW_N_COUNTERS; i++)
    sum->v[i] += counts->v[i];
}

/* Every row as a full recomputation gives it. */
static GHashTable *
recompute (CdStore          *store,
           CdOverviewClock  *clock,
           GError          **error)
{
  g_autoptr(GHashTable) table = g_hash_table_new_full (counts_hash, counts_equal, g_free, NULL);
  sqlite3_stmt *stmt;
  int rc;

  stmt = cd_store_prepare (store, "SELECT " CD_OVERVIEW_TICKET_COLUMNS " FROM tickets", error);
  if (stmt == NULL)
    return NULL;
  while ((rc = cd_store_step (store, stmt, error)) == SQLITE_ROW)
    {
      CdOverviewTicketRow row;
      CdOverviewCounts counts;

      cd_overview_ticket_row_read (stmt, &row);
      cd_overview_ticket_received (&row, &counts);
      accumulate (table, &counts);
      if (cd_overview_ticket_handled (clock, &row, &counts))
        accumulate (table, &counts);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return NULL;

  stmt = cd_store_prepare (store, "SELECT due_at, assignee_id, status, done_at FROM followups", error);
  if (stmt == NULL)
    return NULL;
  while ((rc = cd_store_step (store, stmt, error)) == SQLITE_ROW)
    {
      CdOverviewCounts counts;

      if (cd_overview_followup_due (sqlite3_column_int64 (stmt, 0), sqlite3_column_int64 (stmt, 1),
                                    (const char *) sqlite3_column_text (stmt, 2),
                                    cd_sql_column_int64 (stmt, 3), &counts))
        accumulate (table, &counts);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return NULL;

  stmt = cd_store_prepare (store,
                           "SELECT c.created_at, ifnull (c.owner_id, 0), cu.tier"
                           " FROM complaints c LEFT JOIN customers cu ON cu.id = c.customer_id", error);
  if (stmt == NULL)
    return NULL;
  while ((rc = cd_store_step (store, stmt, error)) == SQLITE_ROW)
    {
      CdOverviewCounts counts;

      cd_overview_complaint_received (sqlite3_column_int64 (stmt, 0), sqlite3_column_int64 (stmt, 1),
                                      (const char *) sqlite3_column_text (stmt, 2), &counts);
      accumulate (table, &counts);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return NULL;

  return g_steal_pointer (&table);
}

static gboolean
insert_row (CdStore                *store,
            const CdOverviewCounts *counts,
            GError                **error)
{
  sqlite3_stmt *stmt;
  int rc;

  stmt = cd_store_prepare (store,
                           "INSERT INTO overview_hours (hour, staff_id, " CD_OVERVIEW_COUNTER_COLUMNS ")"
                           " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18)", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, counts->hour);
  sqlite3_bind_int64 (stmt, 2, counts->staff_id);
  for (int i = 0; i < CD_OVERVIEW_N_COUNTERS; i++)
    sqlite3_bind_int64 (stmt, 3 + i, counts->v[i]);
  rc = cd_store_step (store, stmt, error);
  sqlite3_reset (stmt);
  return rc >= 0;
}

gboolean
cd_overview_summary_rebuild (CdStore  *store,
                             GError  **error)
{
  g_autoptr(GHashTable) table = NULL;
  GError *local_error = NULL;
  CdOverviewClock *clock;
  const char *signature;
  GHashTableIter iter;
  gpointer key;

  g_return_val_if_fail (CD_IS_STORE (store), FALSE);

  if (!cd_store_begin (store, error))
    return FALSE;

  clock = cd_overview_team_clock (store, &signature, &local_error);
  if (clock == NULL)
    goto fail;
  table = recompute (store, clock, &local_error);
  if (table == NULL || !cd_store_exec (store, "DELETE FROM overview_hours", &local_error))
    goto fail;
  g_hash_table_iter_init (&iter, table);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    if (!insert_row (store, key, &local_error))
      goto fail;
  if (!write_state (store, "calendar", signature, &local_error))
    goto fail;

  return cd_store_commit (store, error);

fail:
  cd_store_rollback (store);
  g_propagate_error (error, local_error);
  return FALSE;
}

gboolean
cd_overview_summary_ensure (CdStore  *store,
                            GError  **error)
{
  GError *local_error = NULL;
  gint64 known;

  g_return_val_if_fail (CD_IS_STORE (store), FALSE);

  known = cd_store_query_int (store, "SELECT count(*) FROM overview_state WHERE key = 'calendar'",
                              CD_NO_BIND, 0, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, local_error);
      return FALSE;
    }
  if (known > 0)
    return TRUE;
  return cd_overview_summary_rebuild (store, error);
}

gboolean
cd_overview_summary_check (CdStore  *store,
                           char    **difference,
                           GError  **error)
{
  g_autoptr(GHashTable) expected = NULL;
  g_autoptr(GString) differences = g_string_new (NULL);
  CdOverviewClock *clock;
  sqlite3_stmt *stmt;
  GHashTableIter iter;
  gpointer key;
  int rc;

  g_return_val_if_fail (CD_IS_STORE (store), FALSE);

  clock = cd_overview_team_clock (store, NULL, error);
  if (clock == NULL)
    return FALSE;
  expected = recompute (store, clock, error);
  if (expected == NULL)
    return FALSE;

  stmt = cd_store_prepare (store, "SELECT hour, staff_id, " CD_OVERVIEW_COUNTER_COLUMNS " FROM overview_hours",
                           error);
  if (stmt == NULL)
    return FALSE;
  while ((rc = cd_store_step (store, stmt, error)) == SQLITE_ROW)
    {
      CdOverviewCounts stored = { sqlite3_column_int64 (stmt, 0), sqlite3_column_int64 (stmt, 1), { 0 } };
      CdOverviewCounts *want = g_hash_table_lookup (expected, &stored);

      for (int i = 0; i < CD_OVERVIEW_N_COUNTERS; i++)
        {
          stored.v[i] = sqlite3_column_int64 (stmt, 2 + i);
          if (stored.v[i] != (want != NULL ? want->v[i] : 0) && differences->len < 2000)
            g_string_append_printf (differences, "hour %" G_GINT64_FORMAT " staff %" G_GINT64_FORMAT
                                    " counter %d: stored %" G_GINT64_FORMAT ", counted %" G_GINT64_FORMAT "\n",
                                    stored.hour, stored.staff_id, i, stored.v[i], want != NULL ? want->v[i] : 0);
        }
      if (want != NULL)
        g_hash_table_remove (expected, want);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return FALSE;

  /* What a recomputation has and the rows do not. */
  g_hash_table_iter_init (&iter, expected);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    {
      const CdOverviewCounts *want = key;

      for (int i = 0; i < CD_OVERVIEW_N_COUNTERS; i++)
        if (want->v[i] != 0 && differences->len < 2000)
          g_string_append_printf (differences, "hour %" G_GINT64_FORMAT " staff %" G_GINT64_FORMAT
                                  " counter %d: no row, counted %" G_GINT64_FORMAT "\n",
                                  want->hour, want->staff_id, i, want->v[i]);
    }

  if (difference != NULL)
    *difference = differences->len > 0 ? g_strdup (differences->str) : NULL;
  return differences->len == 0;
}

/* Off the caller's thread ------------------------------------------------- */

static gboolean
run_rebuild (CdStore       *store,
             gpointer       data,
             GCancellable  *cancellable,
             GError       **error)
{
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;
  return cd_overview_summary_rebuild (store, error);
}

void
cd_overview_summaries_rebuild_async (CdStore             *store,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data)
{
  g_return_if_fail (CD_IS_STORE (store));

  cd_store_run_async (store, CD_STORE_LANE_WRITE, run_rebuild, NULL, NULL,
                      cancellable, callback, user_data);
}

gboolean
cd_overview_summaries_rebuild_finish (CdStore       *store,
                                      GAsyncResult  *result,
                                      GError       **error)
{
  g_return_val_if_fail (CD_IS_STORE (store), FALSE);

  return cd_store_run_finish (store, result, error);
}
