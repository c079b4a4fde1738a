/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "caredesk-tickets"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "cd-sql-util.h"
#include "cd-store-private.h"
#include "cd-tickets-private.h"

/* Queues ----------------------------------------------------------------- */

const char *
cd_ticket_queue_label (CdTicketQueue queue)
{
  switch (queue)
    {
    case CD_TICKET_QUEUE_MINE:
      return _("Mine");
    case CD_TICKET_QUEUE_UNASSIGNED:
      return _("Unassigned");
    case CD_TICKET_QUEUE_AT_RISK:
      return _("SLA at risk");
    case CD_TICKET_QUEUE_BREACHED:
      return _("SLA breached");
    case CD_TICKET_QUEUE_STATUS_NEW:
      return cd_ticket_status_label (CD_TICKET_NEW);
    case CD_TICKET_QUEUE_STATUS_OPEN:
      return cd_ticket_status_label (CD_TICKET_OPEN);
    case CD_TICKET_QUEUE_STATUS_PENDING:
      return cd_ticket_status_label (CD_TICKET_PENDING);
    case CD_TICKET_QUEUE_STATUS_RESOLVED:
      return cd_ticket_status_label (CD_TICKET_RESOLVED);
    case CD_TICKET_QUEUE_STATUS_CLOSED:
      return cd_ticket_status_label (CD_TICKET_CLOSED);
    case CD_TICKET_QUEUE_ALL:
      return _("All tickets");
    case CD_TICKET_N_QUEUES:
    default:
      g_return_val_if_reached ("");
    }
}

void
cd_ticket_queue_filter_free (CdTicketQueueFilter *filter)
{
  if (filter == NULL)
    return;
  g_free (filter->where);
  g_clear_pointer (&filter->bindings, g_array_unref);
  g_free (filter);
}

static void
bind_add (CdTicketQueueFilter *filter,
          gint64               value)
{
  g_array_append_val (filter->bindings, value);
}

/* The at-risk condition: a running clock has at most a quarter of its
 * target left, that is resolution_due is no later than the instant a
 * quarter of the target after now, in business time. That instant depends
 * on the target and on the calendar, so it is computed here for each
 * policy row and bound as a constant: SQLite then scans the partial index
 * tickets_resolution_due between now and the latest limit, and checks
 * each candidate against the limit for its priority and customer tier.
 * The rows and calendars are those cd_ticket_sla_rules_judge() uses. */
static gboolean
build_at_risk (CdStore              *store,
               gint64                now,
               CdTicketQueueFilter  *filter,
               GError              **error)
{
  g_autoptr(CdTicketSlaRules) rules = NULL;
  g_autoptr(GArray) limits = NULL;  /* gint64 per policy row, 0 for a row that is not used */
  g_autoptr(GString) sql = g_string_new (NULL);
  gint64 max_limit = now;
  gboolean any_limit = FALSE;

  rules = cd_ticket_sla_rules_load (store, error);
  if (rules == NULL)
    return FALSE;

  limits = g_array_sized_new (FALSE, TRUE, sizeof (gint64), rules->policies->len);
  for (guint i = 0; i < rules->policies->len; i++)
    {
      const CdTicketRulesPolicy *p = &g_array_index (rules->policies, CdTicketRulesPolicy, i);
      const CdSlaCalendar *calendar;
      gint64 limit = 0;

      if (p->priority >= 0 && (p->tier == NULL || cd_tier_from_nick (p->tier) >= 0))
        {
          calendar = cd_ticket_sla_rules_find_calendar (rules, p->policy.calendar_id, error);
          if (calendar == NULL)
            return FALSE;
          /* cd_sla_state() calls a clock at risk when left * 4 <= target. */
          limit = cd_sla_add_business_seconds (calendar, now, (gint64) p->policy.resolution_minutes * 60 / 4);
          max_limit = MAX (max_limit, limit);
          any_limit = TRUE;
        }
      g_array_append_val (limits, limit);
    }

  g_string_append (sql, OPEN_STATUSES " AND status <> 'pending'"
                        " AND " DUE_RANGE (">") " AND " DUE_RANGE ("<="));
  bind_add (filter, now);
  bind_add (filter, max_limit);

  if (any_limit)
    {
      g_string_append (sql, " AND resolution_due <= CASE priority");
      for (guint prio = 0; prio < cd_priority_count (); prio++)
        {
          gint64 fallback = 0;
          gboolean overrides = FALSE;

          for (guint i = 0; i < rules->policies->len; i++)
            {
              const CdTicketRulesPolicy *p = &g_array_index (rules->policies, CdTicketRulesPolicy, i);

              if (p->priority != (int) prio || g_array_index (limits, gint64, i) == 0)
                continue;
              if (p->tier == NULL)
                fallback = g_array_index (limits, gint64, i);
              else
                overrides = TRUE;
            }
          if (fallback == 0 && !overrides)
            continue;

          g_string_append_printf (sql, " WHEN '%s' THEN ", cd_priority_to_nick (prio));
          if (!overrides)
            {
              g_string_append (sql, "?");
              bind_add (filter, fallback);
              continue;
            }
          g_string_append (sql, "CASE (SELECT c.tier FROM customers c WHERE c.id = customer_id)");
          for (guint i = 0; i < rules->policies->len; i++)
            {
              const CdTicketRulesPolicy *p = &g_array_index (rules->policies, CdTicketRulesPolicy, i);

              if (p->priority != (int) prio || p->tier == NULL || g_array_index (limits, gint64, i) == 0)
                continue;
              /* The nick from our own table, not the text from the file. */
              g_string_append_printf (sql, " WHEN '%s' THEN ?",
                                      cd_tier_to_nick (cd_tier_from_nick (p->tier)));
              bind_add (filter, g_array_index (limits, gint64, i));
            }
          if (fallback != 0)
            {
              g_string_append (sql, " ELSE ? END");
              bind_add (filter, fallback);
            }
          else
            g_string_append (sql, " ELSE NULL END");
        }
      g_string_append (sql, " END");
    }

  filter->where = g_string_free (g_steal_pointer (&sql), FALSE);
  return TRUE;
}

CdTicketQueueFilter *
cd_ticket_queue_filter (CdStore        *store,
                        CdTicketQueue   queue,
                        gint64          now,
                        GError        **error)
{
  g_autoptr(CdTicketQueueFilter) filter = NULL;

  g_return_val_if_fail (CD_IS_STORE (store), NULL);
  g_return_val_if_fail ((guint) queue < CD_TICKET_N_QUEUES, NULL);

  filter = g_new0 (CdTicketQueueFilter, 1);
  filter->bindings = g_array_new (FALSE, FALSE, sizeof (gint64));

  switch (queue)
    {
    case CD_TICKET_QUEUE_MINE:
      filter->where = g_strdup ("assignee_id = ? AND " OPEN_STATUSES);
      bind_add (filter, cd_store_get_staff_id (store));
      break;
    case CD_TICKET_QUEUE_UNASSIGNED:
      filter->where = g_strdup ("assignee_id IS NULL AND " OPEN_STATUSES);
      break;
    case CD_TICKET_QUEUE_AT_RISK:
      if (!build_at_risk (store, now, filter, error))
        return NULL;
      break;
    case CD_TICKET_QUEUE_BREACHED:
      /* A pending ticket's clock stopped at pending_since: it counts as
       * breached only if the deadline had passed by then. */
      filter->where = g_strdup (OPEN_STATUSES " AND " DUE_RANGE ("<=")
                                " AND (status <> 'pending' OR resolution_due <= pending_since)");
      bind_add (filter, now);
      break;
    case CD_TICKET_QUEUE_STATUS_NEW:
    case CD_TICKET_QUEUE_STATUS_OPEN:
    case CD_TICKET_QUEUE_STATUS_PENDING:
    case CD_TICKET_QUEUE_STATUS_RESOLVED:
    case CD_TICKET_QUEUE_STATUS_CLOSED:
      filter->where = g_strdup_printf ("status = '%s'",
                                       cd_ticket_status_to_nick (CD_TICKET_NEW + (queue - CD_TICKET_QUEUE_STATUS_NEW)));
      break;
    case CD_TICKET_QUEUE_ALL:
      filter->where = g_strdup ("1");
      break;
    case CD_TICKET_N_QUEUES:
    default:
      g_assert_not_reached ();
    }
  return g_steal_pointer (&filter);
}

int
cd_ticket_queue_filter_bind (const CdTicketQueueFilter *filter,
                             sqlite3_stmt              *stmt,
                             int                        first_index)
{
  g_return_val_if_fail (filter != NULL, first_index);
  g_return_val_if_fail (stmt != NULL, first_index);

  for (guint i = 0; i < filter->bindings->len; i++)
    sqlite3_bind_int64 (stmt, first_index + (int) i, g_array_index (filter->bindings, gint64, i));
  return first_index + (int) filter->bindings->len;
}

GVariant *
cd_ticket_queue_filter_to_params (const CdTicketQueueFilter *filter)
{
  GVariantBuilder builder;

  g_return_val_if_fail (filter != NULL, NULL);

  if (filter->bindings->len == 0)
    return NULL;
  g_variant_builder_init (&builder, G_VARIANT_TYPE_TUPLE);
  for (guint i = 0; i < filter->bindings->len; i++)
    g_variant_builder_add (&builder, "x", g_array_index (filter->bindings, gint64, i));
  return g_variant_builder_end (&builder);
}

gboolean
cd_tickets_queue_counts (CdStore  *store,
                         gint64    counts[CD_TICKET_N_QUEUES],
                         GError  **error)
{
  gint64 now;

  g_return_val_if_fail (CD_IS_STORE (store), FALSE);
  g_return_val_if_fail (counts != NULL, FALSE);

  now = cd_store_now (store);
  for (guint q = 0; q < CD_TICKET_N_QUEUES; q++)
    {
      g_autoptr(CdTicketQueueFilter) filter = cd_ticket_queue_filter (store, q, now, error);
      g_autofree char *sql = NULL;
      sqlite3_stmt *stmt;
      int rc;

      if (filter == NULL)
        return FALSE;
      sql = g_strdup_printf ("SELECT count(*) FROM tickets WHERE %s", filter->where);
      stmt = cd_store_prepare (store, sql, error);
      if (stmt == NULL)
        return FALSE;
      cd_ticket_queue_filter_bind (filter, stmt, 1);
      rc = cd_store_step (store, stmt, error);
      if (rc < 0)
        return FALSE;
      counts[q] = rc == SQLITE_ROW ? sqlite3_column_int64 (stmt, 0) : 0;
      sqlite3_reset (stmt);
    }
  return TRUE;
}
