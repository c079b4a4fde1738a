/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "caredesk-overview"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "cd-complaints.h"
#include "cd-overview-private.h"
#include "cd-sql-util.h"
#include "cd-staff.h"
#include "cd-tickets-private.h"
#include "cd-training.h"

void
cd_my_day_item_free (CdMyDayItem *item)
{
  if (item == NULL)
    return;
  g_free (item->title);
  g_free (item->detail);
  g_free (item->person);
  g_free (item);
}

void
cd_my_day_free (CdMyDay *day)
{
  if (day == NULL)
    return;
  for (guint i = 0; i < CD_MY_DAY_N_SECTIONS; i++)
    g_clear_pointer (&day->items[i], g_ptr_array_unref);
  g_free (day);
}

const char *
cd_my_day_section_title (CdMyDaySection section)
{
  switch (section)
    {
    case CD_MY_DAY_FOLLOWUPS_OVERDUE:
      return _("Overdue Follow-ups");
    case CD_MY_DAY_TICKETS_BREACHED:
      return _("Tickets Past Their SLA");
    case CD_MY_DAY_TICKETS_AT_RISK:
      return _("Tickets at SLA Risk");
    case CD_MY_DAY_ESCALATIONS_OWED:
      return _("Replies You Owe");
    case CD_MY_DAY_ESCALATIONS_AWAITED:
      return _("Replies You Wait For");
    case CD_MY_DAY_CERTIFICATIONS_EXPIRING:
      return _("Certifications Expiring");
    case CD_MY_DAY_TRAINING_DUE:
      return _("Training Due");
    case CD_MY_DAY_N_SECTIONS:
    default:
      g_return_val_if_reached ("");
    }
}

const char *
cd_my_day_section_empty (CdMyDaySection section)
{
  switch (section)
    {
    case CD_MY_DAY_FOLLOWUPS_OVERDUE:
      return _("All done: none of your follow-ups is overdue.");
    case CD_MY_DAY_TICKETS_BREACHED:
      return _("All done: none of your tickets is past a deadline.");
    case CD_MY_DAY_TICKETS_AT_RISK:
      return _("All clear: none of your tickets is close to a deadline.");
    case CD_MY_DAY_ESCALATIONS_OWED:
      return _("All done: nobody waits for a reply you promised on an escalation.");
    case CD_MY_DAY_ESCALATIONS_AWAITED:
      return _("You are not waiting for anyone’s reply on an escalation.");
    case CD_MY_DAY_CERTIFICATIONS_EXPIRING:
      return _("None of your certifications expires soon.");
    case CD_MY_DAY_TRAINING_DUE:
      return _("No training of your plan is due.");
    case CD_MY_DAY_N_SECTIONS:
    default:
      g_return_val_if_reached ("");
    }
}

static int
compare_items (gconstpointer a,
               gconstpointer b)
{
  const CdMyDayItem *ia = *(CdMyDayItem * const *) a;
  const CdMyDayItem *ib = *(CdMyDayItem * const *) b;

  if (ia->due_at != ib->due_at)
    return ia->due_at < ib->due_at ? -1 : 1;
  return ia->id < ib->id ? -1 : (ia->id > ib->id);
}

/* Sorts a section, most urgent first, and cuts it at @limit. */
static void
finish_section (CdMyDay        *day,
                CdMyDaySection  section,
                guint           limit)
{
  GPtrArray *items = day->items[section];

  g_ptr_array_sort (items, compare_items);
  day->counts[section] = items->len;
  if (items->len > limit)
    g_ptr_array_set_size (items, limit);
  day->counted[section] = TRUE;
}

static gboolean
load_followups (CdStore  *store,
                gint64    staff_id,
                guint     limit,
                CdMyDay  *day,
                GError  **error)
{
  const guint limits[CD_FOLLOWUP_N_GROUPS] = { limit, 0, 0 };
  g_autoptr(CdAgenda) agenda = cd_followups_agenda (store, staff_id, limits, error);
  GPtrArray *items;

  if (agenda == NULL)
    return FALSE;

  items = day->items[CD_MY_DAY_FOLLOWUPS_OVERDUE];
  for (guint i = 0; i < agenda->items[CD_FOLLOWUP_GROUP_OVERDUE]->len; i++)
    {
      const CdAgendaItem *a = g_ptr_array_index (agenda->items[CD_FOLLOWUP_GROUP_OVERDUE], i);
      CdMyDayItem *item = g_new0 (CdMyDayItem, 1);

      item->section = CD_MY_DAY_FOLLOWUPS_OVERDUE;
      item->id = a->followup_id;
      item->due_at = a->due_at;
      item->title = g_strdup (a->customer_name);
      item->detail = g_strdup (a->complaint_summary);
      g_ptr_array_add (items, item);
    }
  /* The badge's count: the same statement, the same instant. */
  day->counts[CD_MY_DAY_FOLLOWUPS_OVERDUE] = agenda->totals[CD_FOLLOWUP_GROUP_OVERDUE];
  day->counted[CD_MY_DAY_FOLLOWUPS_OVERDUE] = TRUE;
  return TRUE;
}

/* The latest instant at which a running clock can be at risk now: a
 * quarter of the longest target after now, in business time. Tickets
 * whose deadlines are all later are neither at risk nor breached. */
static gint64
risk_horizon (const CdTicketSlaRules  *rules,
              gint64                   now,
              GError                 **error)
{
  gint64 horizon = now;

  for (guint i = 0; i < rules->policies->len; i++)
    {
      const CdTicketRulesPolicy *p = &g_array_index (rules->policies, CdTicketRulesPolicy, i);
      const CdSlaCalendar *calendar = cd_ticket_sla_rules_find_calendar (rules, p->policy.calendar_id, error);
      gint64 target = MAX (p->policy.first_response_minutes, p->policy.resolution_minutes) * (gint64) 60;

      if (calendar == NULL)
        return -1;
      horizon = MAX (horizon, cd_sla_add_business_seconds (calendar, now, target / 4 + 1));
    }
  return horizon;
}

/* Fills in the customer and subject of the tickets a section shows. */
static gboolean
describe_tickets (CdStore    *store,
                  GPtrArray  *items,
                  GError    **error)
{
  sqlite3_stmt *stmt;

  stmt = cd_store_prepare (store,
                           "SELECT cu.name, t.subject FROM tickets t"
                           " LEFT JOIN customers cu ON cu.id = t.customer_id WHERE t.id = ?1", error);
  if (stmt == NULL)
    return FALSE;
  for (guint i = 0; i < items->len; i++)
    {
      CdMyDayItem *item = g_ptr_array_index (items, i);
      g_autofree char *number = cd_ticket_format_number (item->id);
      const char *customer = NULL;
      int rc;

      sqlite3_bind_int64 (stmt, 1, item->id);
      rc = cd_store_step (store, stmt, error);
      if (rc < 0)
        return FALSE;
      if (rc == SQLITE_ROW)
        {
          customer = (const char *) sqlite3_column_text (stmt, 0);
          item->detail = cd_sql_column_dup (stmt, 1);
        }
      /* Translators: a ticket in a list: "T-000123 · Wang Fang" */
      item->title = g_strdup_printf (C_("ticket", "%s · %s"), number, customer != NULL ? customer : "");
      sqlite3_reset (stmt);
    }
  return TRUE;
}

static gboolean
load_tickets (CdStore  *store,
              gint64    staff_id,
              guint     limit,
              CdMyDay  *day,
              GError  **error)
{
  g_autoptr(CdTicketSlaRules) rules = NULL;
  sqlite3_stmt *stmt;
  gint64 horizon;
  int rc;

  rules = cd_ticket_sla_rules_load (store, error);
  if (rules == NULL)
    return FALSE;
  horizon = risk_horizon (rules, day->now, error);
  if (horizon < 0)
    return FALSE;

  /* The person's open tickets whose deadlines are near enough to matter
   * (tickets_assignee finds them). */
  stmt = cd_store_prepare (store,
                           "SELECT id, priority, status, created_at, first_response_at, pending_since,"
                           " paused_seconds, first_response_due, resolution_due, customer_id"
                           " FROM tickets"
                           " WHERE assignee_id = ?1 AND status IN ('new','open','pending')"
                           " AND ((first_response_at IS NULL AND first_response_due <= ?2)"
                           "      OR resolution_due <= ?2)", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, staff_id);
  sqlite3_bind_int64 (stmt, 2, horizon);

  while ((rc = cd_store_step (store, stmt, error)) == SQLITE_ROW)
    {
      CdTicket t;
      CdTicketSla sla;
      g_autoptr(GError) judge_error = NULL;
      CdMyDaySection section;
      CdMyDayItem *item;
      gint64 due = G_MAXINT64;
      gboolean paused = FALSE;

      memset (&t, 0, sizeof t);
      t.id = sqlite3_column_int64 (stmt, 0);
      t.priority = cd_sql_column_enum (stmt, 1, cd_priority_from_nick, CD_PRIORITY_NORMAL);
      t.status = cd_sql_column_enum (stmt, 2, cd_ticket_status_from_nick, CD_TICKET_OPEN);
      t.created_at = sqlite3_column_int64 (stmt, 3);
      t.first_response_at = cd_sql_column_int64 (stmt, 4);
      t.pending_since = cd_sql_column_int64 (stmt, 5);
      t.paused_seconds = sqlite3_column_int64 (stmt, 6);
      t.first_response_due = cd_sql_column_int64 (stmt, 7);
      t.resolution_due = cd_sql_column_int64 (stmt, 8);
      t.customer_id = sqlite3_column_int64 (stmt, 9);

      /* A deadline that has passed needs no business time to tell: as
       * cd_sla_state() judges a running clock, with the resolution clock
       * stopped at pending_since while the customer is waited on. */
      if (t.first_response_due != 0 && t.first_response_at == 0 && day->now >= t.first_response_due)
        due = t.first_response_due;
      if (t.resolution_due != 0 &&
          (t.status == CD_TICKET_PENDING && t.pending_since != 0 ? MIN (day->now, t.pending_since) : day->now)
          >= t.resolution_due)
        due = MIN (due, t.resolution_due);

      if (due != G_MAXINT64)
        section = CD_MY_DAY_TICKETS_BREACHED;
      else
        {
          g_autofree char *tier = cd_ticket_customer_tier (store, t.customer_id, NULL);
          int tier_value = tier != NULL ? cd_tier_from_nick (tier) : -1;

          t.customer_tier = tier_value < 0 ? CD_TIER_GENERAL : (CdTier) tier_value;
          /* A calendar that cannot be used leaves that ticket out, as
           * its own page would show no clock. */
          if (!cd_ticket_sla_rules_judge (rules, &t, day->now, &sla, &judge_error))
            continue;
          if (sla.has_first_response && sla.first_response_state == CD_SLA_STATE_AT_RISK)
            due = MIN (due, sla.first_response_due);
          if (sla.has_resolution && sla.resolution_state == CD_SLA_STATE_AT_RISK)
            {
              gint64 resolution_due = sla.resolution_due;

              /* Waiting on the customer, the clock stands still: the
               * stored deadline (often past by now) would move by the
               * pause, so the time shown is when it falls due if the
               * clock ran again now. */
              if (sla.resolution_paused)
                {
                  gint64 fr_target = 0, res_target = 0;
                  const CdSlaCalendar *calendar =
                    cd_ticket_sla_rules_targets (rules, &t, &fr_target, &res_target, NULL);

                  if (calendar != NULL)
                    resolution_due = cd_sla_add_business_seconds (calendar, day->now,
                                                                  MAX (sla.resolution_left, 0));
                  if (resolution_due < due)
                    paused = TRUE;
                }
              due = MIN (due, resolution_due);
            }
          if (due == G_MAXINT64)
            continue;
          section = CD_MY_DAY_TICKETS_AT_RISK;
        }

      item = g_new0 (CdMyDayItem, 1);
      item->section = section;
      item->id = t.id;
      item->due_at = due;
      item->paused = paused;
      g_ptr_array_add (day->items[section], item);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return FALSE;

  finish_section (day, CD_MY_DAY_TICKETS_BREACHED, limit);
  finish_section (day, CD_MY_DAY_TICKETS_AT_RISK, limit);
  return describe_tickets (store, day->items[CD_MY_DAY_TICKETS_BREACHED], error) &&
         describe_tickets (store, day->items[CD_MY_DAY_TICKETS_AT_RISK], error);
}

static gboolean
load_escalations (CdStore  *store,
                  gint64    staff_id,
                  guint     limit,
                  CdMyDay  *day,
                  GError  **error)
{
  g_autofree char *my_name = cd_staff_dup_display_name (store, staff_id);
  sqlite3_stmt *stmt;
  int rc;

  /* Open escalations (tickets_escalation_open) that concern the person:
   * held by them, or escalated to them by name; then those the customer
   * has not heard about since. */
  stmt = cd_store_prepare (store,
                           "SELECT t.id, t.escalation_due, t.assignee_id, t.subject, cu.name,"
                           " (SELECT s.id FROM staff s WHERE s.display_name = t.escalated_to AND s.active = 1"
                           "   ORDER BY s.role IN ('lead','admin') DESC, s.id LIMIT 1),"
                           " t.escalated_to, a.display_name"
                           " FROM tickets t LEFT JOIN customers cu ON cu.id = t.customer_id"
                           " LEFT JOIN staff a ON a.id = t.assignee_id"
                           " WHERE " CD_OVERVIEW_ESCALATION_OPEN ("t")
                           " AND (t.assignee_id = ?1 OR t.escalated_to = ?2)"
                           " AND NOT EXISTS (SELECT 1 FROM ticket_events e WHERE e.ticket_id = t.id"
                           "   AND e.kind IN ('note_public','call')"
                           "   AND e.id > ifnull ((SELECT max (x.id) FROM ticket_events x"
                           "                       WHERE x.ticket_id = t.id AND x.kind = 'escalation'), 0))",
                           error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, staff_id);
  sqlite3_bind_text (stmt, 2, my_name != NULL ? my_name : "", -1, SQLITE_TRANSIENT);

  while ((rc = cd_store_step (store, stmt, error)) == SQLITE_ROW)
    {
      gint64 assignee = cd_sql_column_int64 (stmt, 2);
      gint64 escalated_to_id = cd_sql_column_int64 (stmt, 5);
      /* Escalated outside the staff list (a department): the one who
       * holds the ticket owes the customer the answer. */
      gint64 owner = escalated_to_id != 0 ? escalated_to_id : assignee;
      CdMyDaySection section;
      CdMyDayItem *item;

      if (owner == staff_id)
        section = CD_MY_DAY_ESCALATIONS_OWED;
      else if (assignee == staff_id)
        section = CD_MY_DAY_ESCALATIONS_AWAITED;
      else
        continue;

      item = g_new0 (CdMyDayItem, 1);
      item->section = section;
      item->id = sqlite3_column_int64 (stmt, 0);
      item->due_at = sqlite3_column_int64 (stmt, 1);
      {
        g_autofree char *number = cd_ticket_format_number (item->id);
        const char *customer = (const char *) sqlite3_column_text (stmt, 4);

        item->title = g_strdup_printf (C_("ticket", "%s · %s"), number, customer != NULL ? customer : "");
      }
      item->detail = cd_sql_column_dup (stmt, 3);
      /* Who waits for the one who owes, and the other way round. */
      item->person = cd_sql_column_dup (stmt, section == CD_MY_DAY_ESCALATIONS_OWED ? 7 : 6);
      g_ptr_array_add (day->items[section], item);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return FALSE;

  finish_section (day, CD_MY_DAY_ESCALATIONS_OWED, limit);
  finish_section (day, CD_MY_DAY_ESCALATIONS_AWAITED, limit);
  return TRUE;
}

/* My certifications running out within 30 days (the latest record of
 * each, not revoked, not renewed), and my plan items not done that are
 * late or due within 30 days, soonest first. */
static gboolean
load_training (CdStore  *store,
               gint64    staff_id,
               guint     limit,
               CdMyDay  *day,
               GError  **error)
{
  g_autoptr(GPtrArray) records = NULL;
  g_autoptr(GPtrArray) plan = NULL;
  gint64 last_certification = 0;

  records = cd_staff_certifications (store, staff_id, 0, error);
  if (records == NULL)
    return FALSE;
  for (guint i = 0; i < records->len; i++)
    {
      const CdStaffCertification *record = g_ptr_array_index (records, i);
      CdMyDayItem *item;

      /* Newest first within a certification: the others are history. */
      if (record->certification_id == last_certification)
        continue;
      last_certification = record->certification_id;
      if (cd_staff_certification_status (record, day->now) != CD_CERT_EXPIRING)
        continue;
      item = g_new0 (CdMyDayItem, 1);
      item->section = CD_MY_DAY_CERTIFICATIONS_EXPIRING;
      item->id = record->id;
      item->due_at = record->expires_at;
      item->title = g_strdup (record->certification_name);
      item->detail = cd_certification_status_text (CD_CERT_EXPIRING, record->expires_at, day->now);
      g_ptr_array_add (day->items[CD_MY_DAY_CERTIFICATIONS_EXPIRING], item);
    }
  finish_section (day, CD_MY_DAY_CERTIFICATIONS_EXPIRING, limit);

  plan = cd_plan_items_due (store, staff_id, cd_certification_expiring_limit (day->now), error);
  if (plan == NULL)
    return FALSE;
  for (guint i = 0; i < plan->len; i++)
    {
      const CdPlanItem *p = g_ptr_array_index (plan, i);
      CdMyDayItem *item = g_new0 (CdMyDayItem, 1);

      item->section = CD_MY_DAY_TRAINING_DUE;
      item->id = p->id;
      item->due_at = p->due_at;
      item->title = g_strdup (p->course_title);
      /* Translators: what a plan item of My Day is: "Training plan 2026" */
      item->detail = g_strdup_printf (_("Training plan %d"), p->year);
      g_ptr_array_add (day->items[CD_MY_DAY_TRAINING_DUE], item);
    }
  finish_section (day, CD_MY_DAY_TRAINING_DUE, limit);
  return TRUE;
}

CdMyDay *
cd_my_day_load (CdStore  *store,
                gint64    staff_id,
                guint     limit,
                GError  **error)
{
  g_autoptr(CdMyDay) day = NULL;

  g_return_val_if_fail (CD_IS_STORE (store), NULL);
  g_return_val_if_fail (staff_id > 0, NULL);

  day = g_new0 (CdMyDay, 1);
  day->now = cd_store_now (store);
  for (guint i = 0; i < CD_MY_DAY_N_SECTIONS; i++)
    day->items[i] = g_ptr_array_new_with_free_func ((GDestroyNotify) cd_my_day_item_free);

  if (!load_followups (store, staff_id, limit, day, error) ||
      !load_tickets (store, staff_id, limit, day, error) ||
      !load_escalations (store, staff_id, limit, day, error) ||
      !load_training (store, staff_id, limit, day, error))
    return NULL;
  return g_steal_pointer (&day);
}

typedef struct {
  gint64   staff_id;
  guint    limit;
  CdMyDay *day;
} MyDayJob;

static void
my_day_job_free (gpointer data)
{
  MyDayJob *job = data;

  g_clear_pointer (&job->day, cd_my_day_free);
  g_free (job);
}

static gboolean
run_my_day (CdStore       *store,
            gpointer       data,
            GCancellable  *cancellable,
            GError       **error)
{
  MyDayJob *job = data;

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;
  job->day = cd_my_day_load (store, job->staff_id, job->limit, error);
  return job->day != NULL;
}

void
cd_my_day_load_async (CdStore              *store,
                      gint64                staff_id,
                      guint                 limit,
                      GCancellable         *cancellable,
                      GAsyncReadyCallback   callback,
                      gpointer              user_data)
{
  MyDayJob *job;

  g_return_if_fail (CD_IS_STORE (store));
  g_return_if_fail (staff_id > 0);

  job = g_new0 (MyDayJob, 1);
  job->staff_id = staff_id;
  job->limit = limit;
  cd_store_run_async (store, CD_STORE_LANE_READ, run_my_day, job, my_day_job_free,
                      cancellable, callback, user_data);
}

CdMyDay *
cd_my_day_load_finish (CdStore       *store,
                       GAsyncResult  *result,
                       GError       **error)
{
  MyDayJob *job;

  g_return_val_if_fail (CD_IS_STORE (store), NULL);

  job = cd_store_run_get_data (result);
  if (!cd_store_run_finish (store, result, error))
    return NULL;
  return g_steal_pointer (&job->day);
}
