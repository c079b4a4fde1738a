/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "caredesk-reminders"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "cd-sql-util.h"
#include "cd-staff.h"
#include "cd-reminders-private.h"
#include "cd-ticket-reminders-private.h"
#include "cd-tickets-private.h"

/* The SLA and escalation reminders. Every look is a range scan of a
 * partial index over the open tickets only: tickets_assignee_deadlines
 * (the assignee's deadlines near now), tickets_first_response_open and
 * tickets_resolution_due (every open ticket's deadline, for the leads'
 * breaches) and tickets_escalation_open (promised replies), plus point
 * lookups in the unique index of reminders, which a cache of the ones
 * found sent spares on the next look. */

#define LOOKBACK ((gint64) CD_REMINDERS_TICKET_LOOKBACK)
#define DUE_SOON ((gint64) CD_REMINDERS_ESCALATION_DUE_SOON)
/* How far ahead of now a running clock is judged: the reminders due now,
 * and those of the next business hour for the notifier's timer. */
#define AHEAD_BUSINESS_SECONDS 3600

#define OPEN "status IN ('new','open','pending')"

/* The columns read_ticket() reads, of `tickets t`. */
#define TICKET_COLUMNS \
  "t.id, t.priority, t.status, t.created_at, t.first_response_at, t.pending_since, t.paused_seconds," \
  " t.first_response_due, t.resolution_due, t.customer_id," \
  " (SELECT cu.tier FROM customers cu WHERE cu.id = t.customer_id), t.resolved_at"

/* Who owes the reply of an escalation: the active member of staff it was
 * escalated to by name (a lead before others of the same name), else,
 * escalated outside the staff list, the ticket's assignee. As the
 * Overview's "Replies You Owe" decides it. */
#define ESCALATION_OWNER(t) \
  "ifnull ((SELECT s.id FROM staff s WHERE s.display_name = " t ".escalated_to AND s.active = 1" \
  "   ORDER BY s.role IN ('lead','admin') DESC, s.id LIMIT 1), " t ".assignee_id)"

/* The promise is kept once the customer heard from the ticket (a public
 * note or a call) after the escalation, as on the Overview. */
#define ESCALATION_UNANSWERED(t) \
  "NOT EXISTS (SELECT 1 FROM ticket_events e WHERE e.ticket_id = " t ".id" \
  "   AND e.kind IN ('note_public','call')" \
  "   AND e.id > ifnull ((SELECT max (x.id) FROM ticket_events x" \
  "                       WHERE x.ticket_id = " t ".id AND x.kind = 'escalation'), 0))"

#define ESCALATIONS_OF(t) \
  "SELECT " t ".id, " t ".escalation_due, " ESCALATION_OWNER (t) " FROM tickets " t \
  " WHERE likelihood (" t ".escalation_due > ?2, 0.000001) AND " t ".escalation_due <= ?3" \
  " AND " t ".escalation_due IS NOT NULL AND " t "." OPEN \
  " AND (" t ".assignee_id = ?1 OR " t ".escalated_to = ?4) AND " ESCALATION_UNANSWERED (t) \
  " ORDER BY " t ".escalation_due, " t ".id"

gboolean
cd_ticket_reminders_is_ticket_kind (CdReminderKind kind)
{
  return kind == CD_REMINDER_SLA_FIRST_RESPONSE || kind == CD_REMINDER_SLA_RESOLUTION ||
         kind == CD_REMINDER_ESCALATION_DUE || kind == CD_REMINDER_ESCALATION_OVERDUE;
}

static gboolean
claim_unless_sent (CdStore         *store,
                   CdReminderKind   kind,
                   gint64           entity_id,
                   gint64           threshold,
                   gint64           recipient_id,
                   GArray          *claims,
                   GError         **error)
{
  gboolean sent = FALSE;

  for (guint i = 0; i < claims->len; i++)
    {
      const CdReminderClaim *c = &g_array_index (claims, CdReminderClaim, i);
      if (c->kind == kind && c->entity_id == entity_id && c->threshold == threshold)
        return TRUE;
    }
  if (!cd_reminders_already_sent (store, kind, entity_id, threshold, recipient_id, &sent, error))
    return FALSE;
  if (!sent)
    {
      CdReminderClaim claim = { kind, entity_id, threshold };
      g_array_append_val (claims, claim);
    }
  return TRUE;
}

/* SLA clocks ----------------------------------------------------------------- */

static void
read_ticket (sqlite3_stmt *stmt,
             CdTicket     *t)
{
  const char *tier = (const char *) sqlite3_column_text (stmt, 10);
  int tier_value = tier != NULL ? cd_tier_from_nick (tier) : -1;

  memset (t, 0, sizeof *t);
  t->id = sqlite3_column_int64 (stmt, 0);
  t->priority = cd_sql_column_enum (stmt, 1, cd_priority_from_nick, CD_PRIORITY_NORMAL);
  t->status = cd_sql_column_enum (stmt, 2, cd_ticket_status_from_nick, CD_TICKET_OPEN);
  t->created_at = sqlite3_column_int64 (stmt, 3);
  t->first_response_at = cd_sql_column_int64 (stmt, 4);
  t->pending_since = cd_sql_column_int64 (stmt, 5);
  t->paused_seconds = sqlite3_column_int64 (stmt, 6);
  t->first_response_due = cd_sql_column_int64 (stmt, 7);
  t->resolution_due = cd_sql_column_int64 (stmt, 8);
  t->customer_id = sqlite3_column_int64 (stmt, 9);
  t->customer_tier = tier_value < 0 ? CD_TIER_GENERAL : (CdTier) tier_value;
  t->resolved_at = cd_sql_column_int64 (stmt, 11);
}

/* One clock of an open ticket at @now: *threshold the reminder due now
 * (75, 100, or 0 for none), *next_at when the next one falls due while
 * nothing changes (0: none). As cd_ticket_sla() judges it, so the
 * reminders agree with the ticket's page and the Overview. */
static void
judge_clock (const CdTicketSlaRules *rules,
             const CdTicket         *t,
             gboolean                resolution,
             gint64                  now,
             gint64                 *threshold,
             gint64                 *next_at)
{
  const CdSlaCalendar *calendar;
  CdTicketSla sla;
  CdSlaState state;
  gint64 fr_target = 0, res_target = 0;
  gint64 target, left, due;
  gboolean paused = FALSE;

  *threshold = 0;
  *next_at = 0;

  /* A calendar that cannot be used shows no clock on the ticket either. */
  calendar = cd_ticket_sla_rules_targets (rules, t, &fr_target, &res_target, NULL);
  if (calendar == NULL || !cd_ticket_sla_rules_judge (rules, t, now, &sla, NULL))
    return;

  if (!resolution)
    {
      if (!sla.has_first_response || t->first_response_at != 0)
        return;
      state = sla.first_response_state;
      left = sla.first_response_left;
      due = t->first_response_due;
      target = fr_target;
    }
  else
    {
      if (!sla.has_resolution)
        return;
      state = sla.resolution_state;
      left = sla.resolution_left;
      due = t->resolution_due;
      target = res_target;
      paused = sla.resolution_paused;
    }

  switch (state)
    {
    case CD_SLA_STATE_BREACHED:
      if (due > now - LOOKBACK)
        *threshold = 100;
      break;
    case CD_SLA_STATE_AT_RISK:
      /* A stopped clock is not getting any later. */
      if (!paused)
        {
          *threshold = 75;
          *next_at = due;
        }
      break;
    case CD_SLA_STATE_OK:
      /* At risk once at most a quarter of the target is left (see
       * cd_sla_state()). */
      if (!paused && target > 0)
        *next_at = cd_sla_add_business_seconds (calendar, MAX (now, t->created_at),
                                                MAX (left - target / 4, 0));
      break;
    case CD_SLA_STATE_MET:
    default:
      break;
    }
}

/* The latest deadline of each clock that can be at risk before
 * @now + AHEAD_BUSINESS_SECONDS of business time: a quarter of the
 * longest target and that hour after now. Deadlines further off are
 * neither due nor soon. */
static void
horizons (const CdTicketSlaRules *rules,
          gint64                  now,
          gint64                 *first_response,
          gint64                 *resolution)
{
  *first_response = now + AHEAD_BUSINESS_SECONDS;
  *resolution = now + AHEAD_BUSINESS_SECONDS;

  for (guint i = 0; i < rules->policies->len; i++)
    {
      const CdTicketRulesPolicy *p = &g_array_index (rules->policies, CdTicketRulesPolicy, i);
      const CdSlaCalendar *calendar = cd_ticket_sla_rules_find_calendar (rules, p->policy.calendar_id, NULL);

      if (calendar == NULL)
        continue;
      *first_response = MAX (*first_response,
                             cd_sla_add_business_seconds (calendar, now,
                                                          p->policy.first_response_minutes * (gint64) 15
                                                          + AHEAD_BUSINESS_SECONDS + 1));
      *resolution = MAX (*resolution,
                         cd_sla_add_business_seconds (calendar, now,
                                                      p->policy.resolution_minutes * (gint64) 15
                                                      + AHEAD_BUSINESS_SECONDS + 1));
    }
}

/* The assignee's open tickets whose first-response or resolution
 * deadline lies in (now - LOOKBACK, horizon]. */
static const char *const assignee_sql[2] = {
  /* The person's open tickets in the index, with the first-response
   * columns read from it: the table is read for the few in range only
   * (tickets_first_response_open would read every person's). */
  "SELECT " TICKET_COLUMNS " FROM tickets t INDEXED BY tickets_assignee_deadlines"
  " WHERE t.assignee_id = ?1 AND t.first_response_at IS NULL AND t." OPEN
  " AND t.first_response_due > ?2 AND t.first_response_due <= ?3",
  /* As DUE_RANGE: the range, not tickets_assignee's status. */
  "SELECT " TICKET_COLUMNS " FROM tickets t"
  " WHERE t.assignee_id = ?1 AND t." OPEN
  " AND likelihood (t.resolution_due > ?2, 0.000001) AND t.resolution_due <= ?3",
};

static const CdReminderKind clock_kinds[2] = {
  CD_REMINDER_SLA_FIRST_RESPONSE,
  CD_REMINDER_SLA_RESOLUTION,
};

/* Walks the assignee's tickets near a deadline: claims what is due (when
 * @claims is set) and lowers *next to the next instant one falls due. */
static gboolean
walk_assignee (CdStore                 *store,
               const CdTicketSlaRules  *rules,
               gint64                   recipient_id,
               gint64                   now,
               GArray                  *claims,
               gint64                  *next,
               GError                 **error)
{
  gint64 horizon[2];

  horizons (rules, now, &horizon[0], &horizon[1]);

  for (guint clock = 0; clock < 2; clock++)
    {
      sqlite3_stmt *stmt = cd_store_prepare (store, assignee_sql[clock], error);
      int rc;

      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, recipient_id);
      sqlite3_bind_int64 (stmt, 2, now - LOOKBACK);
      sqlite3_bind_int64 (stmt, 3, horizon[clock]);
      while ((rc = cd_store_step (store, stmt, error)) == SQLITE_ROW)
        {
          CdTicket t;
          gint64 threshold, next_at;

          read_ticket (stmt, &t);
          judge_clock (rules, &t, clock == 1, now, &threshold, &next_at);
          if (next_at > now && (*next == 0 || next_at < *next))
            *next = next_at;
          if (threshold == 0)
            continue;
          if (claims != NULL)
            {
              if (!claim_unless_sent (store, clock_kinds[clock], t.id, threshold, recipient_id, claims, error))
                {
                  sqlite3_reset (stmt);
                  return FALSE;
                }
            }
          else
            {
              gboolean sent = FALSE;

              /* Due but not claimed yet: as soon as possible. */
              if (!cd_reminders_already_sent (store, clock_kinds[clock], t.id, threshold, recipient_id, &sent, error))
                {
                  sqlite3_reset (stmt);
                  return FALSE;
                }
              if (!sent)
                *next = now;
            }
        }
      sqlite3_reset (stmt);
      if (rc < 0)
        return FALSE;
    }

  /* A clock further off than the horizon comes into it within the hour
   * (a wall-clock hour holds at most one business hour): look again
   * then, when there is one. */
  if (*next == 0 || *next > now + AHEAD_BUSINESS_SECONDS)
    {
      GError *local_error = NULL;
      gint64 further = cd_store_query_int (store,
                                           "SELECT EXISTS (SELECT 1 FROM tickets"
                                           " WHERE assignee_id = ?1 AND " OPEN
                                           " AND (resolution_due > 0 OR first_response_due > 0))",
                                           recipient_id, 0, &local_error);
      if (local_error != NULL)
        {
          g_propagate_error (error, local_error);
          return FALSE;
        }
      if (further > 0)
        *next = now + AHEAD_BUSINESS_SECONDS;
    }
  return TRUE;
}

/* Every open ticket breached in (now - LOOKBACK, now], for the leads:
 * read from the deadline indexes alone. */
static const char *const breached_sql[2] = {
  "SELECT id FROM tickets WHERE first_response_at IS NULL AND " OPEN
  " AND likelihood (first_response_due > ?1, 0.000001) AND first_response_due <= ?2",
  "SELECT id FROM tickets WHERE " OPEN
  " AND likelihood (resolution_due > ?1, 0.000001) AND resolution_due <= ?2"
  /* judged at pending_since while the customer is waited on */
  " AND (status <> 'pending' OR pending_since IS NULL OR pending_since >= resolution_due)",
};

static gboolean
collect_breaches (CdStore  *store,
                  gint64    recipient_id,
                  gint64    now,
                  GArray   *claims,
                  GError  **error)
{
  for (guint clock = 0; clock < 2; clock++)
    {
      sqlite3_stmt *stmt = cd_store_prepare (store, breached_sql[clock], error);
      int rc;

      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, now - LOOKBACK);
      sqlite3_bind_int64 (stmt, 2, now);
      while ((rc = cd_store_step (store, stmt, error)) == SQLITE_ROW)
        if (!claim_unless_sent (store, clock_kinds[clock], sqlite3_column_int64 (stmt, 0), 100,
                                recipient_id, claims, error))
          {
            sqlite3_reset (stmt);
            return FALSE;
          }
      sqlite3_reset (stmt);
      if (rc < 0)
        return FALSE;
    }
  return TRUE;
}

/* The next breach of any open ticket after @now (for the leads). */
static gint64
next_breach (CdStore  *store,
             gint64    now,
             GError  **error)
{
  static const char *const sql[2] = {
    "SELECT min (first_response_due) FROM tickets WHERE first_response_at IS NULL AND " OPEN
    " AND likelihood (first_response_due > ?1, 0.000001)",
    /* a pending ticket does not breach while it waits */
    "SELECT min (resolution_due) FROM tickets WHERE " OPEN " AND status <> 'pending'"
    " AND likelihood (resolution_due > ?1, 0.000001)",
  };
  gint64 best = 0;

  for (guint i = 0; i < 2; i++)
    {
      GError *local_error = NULL;
      gint64 t = cd_store_query_int (store, sql[i], now, 0, &local_error);

      if (local_error != NULL)
        {
          g_propagate_error (error, local_error);
          return -1;
        }
      if (t > 0 && (best == 0 || t < best))
        best = t;
    }
  return best;
}

/* Escalations ------------------------------------------------------------ */

/* The end of @staff_id's snooze of the overdue reply on @ticket_id, 0
 * when none. */
static gint64
escalation_snooze (CdStore  *store,
                   gint64    ticket_id,
                   gint64    staff_id,
                   GError  **error)
{
  sqlite3_stmt *stmt = cd_store_prepare (store,
                                         "SELECT until_at FROM snoozes WHERE kind = 'escalation_overdue'"
                                         " AND entity_id = ?1 AND staff_id = ?2", error);
  gint64 until = 0;
  int rc;

  if (stmt == NULL)
    return -1;
  sqlite3_bind_int64 (stmt, 1, ticket_id);
  sqlite3_bind_int64 (stmt, 2, staff_id);
  rc = cd_store_step (store, stmt, error);
  if (rc == SQLITE_ROW)
    until = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  return rc < 0 ? -1 : until;
}

/* Walks the open escalations whose promised time lies in (@from, @to]
 * and whose reply @recipient_id owes: claims what is due at @now (when
 * @claims is set) and lowers *next to the next instant one falls due. */
static gboolean
walk_escalations (CdStore   *store,
                  gint64     recipient_id,
                  gint64     now,
                  gint64     from,
                  gint64     to,
                  GArray    *claims,
                  gint64    *next,
                  GError   **error)
{
  g_autofree char *name = cd_staff_dup_display_name (store, recipient_id);
  sqlite3_stmt *stmt;
  int rc;

  stmt = cd_store_prepare (store, ESCALATIONS_OF ("t"), error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, recipient_id);
  sqlite3_bind_int64 (stmt, 2, from);
  sqlite3_bind_int64 (stmt, 3, to);
  sqlite3_bind_text (stmt, 4, name != NULL ? name : "", -1, SQLITE_TRANSIENT);

  while ((rc = cd_store_step (store, stmt, error)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      gint64 due = sqlite3_column_int64 (stmt, 1);
      CdReminderKind kind;
      gint64 threshold, at;

      if (cd_sql_column_int64 (stmt, 2) != recipient_id)
        continue;

      if (due > now)
        {
          kind = CD_REMINDER_ESCALATION_DUE;
          threshold = due;
          at = due - DUE_SOON;
          /* Once due soon, the next is the promised time itself. */
          if (at <= now && next != NULL && (*next == 0 || due < *next))
            *next = due;
        }
      else
        {
          gint64 until = escalation_snooze (store, id, recipient_id, error);

          if (until < 0)
            goto fail;
          kind = CD_REMINDER_ESCALATION_OVERDUE;
          /* A snooze of an earlier promise does not hold this one back. */
          threshold = until > due ? until : due;
          at = threshold;
        }

      if (at > now)
        {
          if (next != NULL && (*next == 0 || at < *next))
            *next = at;
          continue;
        }
      if (claims != NULL)
        {
          if (!claim_unless_sent (store, kind, id, threshold, recipient_id, claims, error))
            goto fail;
        }
      else if (next != NULL)
        {
          gboolean sent = FALSE;

          if (!cd_reminders_already_sent (store, kind, id, threshold, recipient_id, &sent, error))
            goto fail;
          if (!sent)
            *next = now;
        }
    }
  sqlite3_reset (stmt);
  return rc == SQLITE_DONE;

fail:
  sqlite3_reset (stmt);
  return FALSE;
}

/* Claiming ------------------------------------------------------------------- */

gboolean
cd_ticket_reminders_collect (CdStore   *store,
                             gint64     recipient_id,
                             CdRole     role,
                             gint64     now,
                             GArray    *claims,
                             GError   **error)
{
  g_autoptr(CdTicketSlaRules) rules = NULL;
  gint64 next = 0;

  g_return_val_if_fail (CD_IS_STORE (store), FALSE);
  g_return_val_if_fail (claims != NULL, FALSE);

  rules = cd_ticket_sla_rules_load (store, error);
  if (rules == NULL)
    return FALSE;
  if (!walk_assignee (store, rules, recipient_id, now, claims, &next, error))
    return FALSE;
  if (role == CD_ROLE_LEAD && !collect_breaches (store, recipient_id, now, claims, error))
    return FALSE;
  return walk_escalations (store, recipient_id, now, now - LOOKBACK, now + DUE_SOON, claims, NULL, error);
}

gint64
cd_ticket_reminders_next (CdStore   *store,
                          gint64     recipient_id,
                          CdRole     role,
                          gint64     now,
                          GError   **error)
{
  g_autoptr(CdTicketSlaRules) rules = NULL;
  gint64 best = 0;
  gint64 t;

  g_return_val_if_fail (CD_IS_STORE (store), -1);

  rules = cd_ticket_sla_rules_load (store, error);
  if (rules == NULL)
    return -1;
  if (!walk_assignee (store, rules, recipient_id, now, NULL, &best, error))
    return -1;

  if (role == CD_ROLE_LEAD)
    {
      g_autoptr(GArray) pending = g_array_new (FALSE, TRUE, sizeof (CdReminderClaim));

      if (!collect_breaches (store, recipient_id, now, pending, error))
        return -1;
      if (pending->len > 0)
        best = now;
      t = next_breach (store, now, error);
      if (t < 0)
        return -1;
      if (t > 0 && (best == 0 || t < best))
        best = t;
    }

  /* Every open escalation still ahead (there are few: the partial index
   * tickets_escalation_open holds only those), and the snoozes' ends. */
  if (!walk_escalations (store, recipient_id, now, now - LOOKBACK, G_MAXINT64, NULL, &best, error))
    return -1;
  return best;
}

/* Describing --------------------------------------------------------------- */

gboolean
cd_ticket_reminders_describe (CdStore     *store,
                              CdReminder  *reminder,
                              GError     **error)
{
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (CD_IS_STORE (store), FALSE);
  g_return_val_if_fail (reminder != NULL, FALSE);

  stmt = cd_store_prepare (store,
                           "SELECT t.subject, cu.name, t.assignee_id, a.display_name, t.first_response_due,"
                           " t.resolution_due, t.escalation_due, t.escalated_to, t.escalation_reason, t.customer_id"
                           " FROM tickets t LEFT JOIN customers cu ON cu.id = t.customer_id"
                           " LEFT JOIN staff a ON a.id = t.assignee_id WHERE t.id = ?1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, reminder->entity_id);
  rc = cd_store_step (store, stmt, error);
  if (rc < 0)
    return FALSE;
  if (rc != SQLITE_ROW)
    {
      sqlite3_reset (stmt);
      g_set_error_literal (error, CD_STORE_ERROR, CD_STORE_ERROR_NOT_FOUND,
                           _("A ticket disappeared while its reminder was being prepared."));
      return FALSE;
    }
  reminder->ticket_id = reminder->entity_id;
  reminder->ticket_subject = cd_sql_column_dup (stmt, 0);
  reminder->customer_name = cd_sql_column_dup (stmt, 1);
  reminder->assignee_id = cd_sql_column_int64 (stmt, 2);
  reminder->assignee_name = cd_sql_column_dup (stmt, 3);
  switch (reminder->kind)
    {
    case CD_REMINDER_SLA_FIRST_RESPONSE:
      reminder->due_at = cd_sql_column_int64 (stmt, 4);
      break;
    case CD_REMINDER_SLA_RESOLUTION:
      reminder->due_at = cd_sql_column_int64 (stmt, 5);
      break;
    default:
      reminder->due_at = cd_sql_column_int64 (stmt, 6);
      break;
    }
  reminder->escalated_to = cd_sql_column_dup (stmt, 7);
  reminder->escalation_reason = cd_sql_column_dup (stmt, 8);
  reminder->customer_id = cd_sql_column_int64 (stmt, 9);
  sqlite3_reset (stmt);
  return TRUE;
}

gboolean
cd_ticket_reminders_still_due (CdStore         *store,
                               CdReminderKind   kind,
                               gint64           entity_id,
                               gint64           now,
                               GError         **error)
{
  const char *sql;
  gint64 n;

  g_return_val_if_fail (CD_IS_STORE (store), FALSE);

  switch (kind)
    {
    case CD_REMINDER_SLA_FIRST_RESPONSE:
      sql = "SELECT count(*) FROM tickets t WHERE t.id = ?1 AND t.first_response_at IS NULL AND t." OPEN;
      break;
    case CD_REMINDER_SLA_RESOLUTION:
      sql = "SELECT count(*) FROM tickets t WHERE t.id = ?1 AND t." OPEN;
      break;
    case CD_REMINDER_ESCALATION_DUE:
    case CD_REMINDER_ESCALATION_OVERDUE:
      sql = "SELECT count(*) FROM tickets t WHERE t.id = ?1 AND t.escalation_due IS NOT NULL AND t." OPEN
            " AND " ESCALATION_UNANSWERED ("t");
      break;
    default:
      g_set_error_literal (error, CD_STORE_ERROR, CD_STORE_ERROR_INVALID, "not a ticket reminder");
      return FALSE;
    }
  n = cd_store_query_int (store, sql, entity_id, 0, error);
  return n > 0;
}
