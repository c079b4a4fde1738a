/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "caredesk-tickets"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "cd-sql-util.h"
#include "cd-store-private.h"
#include "cd-tickets-private.h"

/* SLA policy and calendar -------------------------------------------------- */

/* ?1 the priority, ?2 the customer's tier (NULL for none). */
static void
bind_priority_and_tier (sqlite3_stmt *stmt,
                        CdPriority    priority,
                        const char   *tier_nick)
{
  sqlite3_bind_text (stmt, 1, cd_priority_to_nick (priority), -1, SQLITE_STATIC);
  if (tier_nick != NULL)
    sqlite3_bind_text (stmt, 2, tier_nick, -1, SQLITE_TRANSIENT);
  else
    sqlite3_bind_null (stmt, 2);
}

gboolean
cd_ticket_find_policy (CdStore     *store,
                       CdPriority   priority,
                       const char  *tier_nick,
                       CdTicketPolicy      *out,
                       GError     **error)
{
  sqlite3_stmt *stmt;
  int rc;

  memset (out, 0, sizeof *out);
  /* The row for the customer's tier wins over the row without a tier. */
  stmt = cd_store_prepare (store,
                           "SELECT first_response_minutes, resolution_minutes, calendar_id FROM sla_policies"
                           " WHERE priority = ?1 AND (tier = ?2 OR tier IS NULL)"
                           " ORDER BY tier IS NULL LIMIT 1", error);
  if (stmt == NULL)
    return FALSE;
  bind_priority_and_tier (stmt, priority, tier_nick);
  rc = cd_store_step (store, stmt, error);
  if (rc < 0)
    return FALSE;
  if (rc == SQLITE_ROW)
    {
      out->found = TRUE;
      out->first_response_minutes = sqlite3_column_int (stmt, 0);
      out->resolution_minutes = sqlite3_column_int (stmt, 1);
      out->calendar_id = cd_sql_column_int64 (stmt, 2);
    }
  sqlite3_reset (stmt);
  return TRUE;
}

/* The calendar @calendar_id, else the first calendar, else around the
 * clock. NULL with @error only when the stored calendar cannot be read. */
CdSlaCalendar *
cd_ticket_load_calendar (CdStore  *store,
                         gint64    calendar_id,
                         GError  **error)
{
  sqlite3_stmt *stmt;
  g_autofree char *name = NULL;
  g_autofree char *tz = NULL;
  g_autofree char *week = NULL;
  g_autoptr(GPtrArray) days = NULL;
  g_autoptr(GError) local_error = NULL;
  CdSlaCalendar *calendar;
  gint64 found_id = 0;
  int rc;

  if (calendar_id != 0)
    {
      stmt = cd_store_prepare (store,
                               "SELECT id, name, timezone, week_schedule FROM business_calendars WHERE id = ?1",
                               error);
      if (stmt == NULL)
        return NULL;
      sqlite3_bind_int64 (stmt, 1, calendar_id);
    }
  else
    {
      stmt = cd_store_prepare (store,
                               "SELECT id, name, timezone, week_schedule FROM business_calendars ORDER BY id LIMIT 1",
                               error);
      if (stmt == NULL)
        return NULL;
    }
  rc = cd_store_step (store, stmt, error);
  if (rc < 0)
    return NULL;
  if (rc == SQLITE_ROW)
    {
      found_id = sqlite3_column_int64 (stmt, 0);
      name = cd_sql_column_dup (stmt, 1);
      tz = cd_sql_column_dup (stmt, 2);
      week = cd_sql_column_dup (stmt, 3);
    }
  sqlite3_reset (stmt);

  if (found_id == 0)
    {
      /* A policy naming a calendar that was removed falls back like one
       * naming none. */
      if (calendar_id != 0)
        return cd_ticket_load_calendar (store, 0, error);
      return cd_sla_calendar_new ("UTC", ALWAYS_OPEN_WEEK, NULL, error);
    }

  stmt = cd_store_prepare (store, "SELECT day FROM holidays WHERE calendar_id = ?1 ORDER BY day", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, found_id);
  days = g_ptr_array_new_with_free_func (g_free);
  while ((rc = cd_store_step (store, stmt, error)) == SQLITE_ROW)
    g_ptr_array_add (days, cd_sql_column_dup (stmt, 0));
  sqlite3_reset (stmt);
  if (rc < 0)
    return NULL;
  g_ptr_array_add (days, NULL);

  calendar = cd_sla_calendar_new (tz ? tz : "UTC", week ? week : "",
                                  (const char *const *) days->pdata, &local_error);
  if (calendar == NULL)
    {
      g_set_error (error, CD_STORE_ERROR, CD_STORE_ERROR_INVALID,
                   _("The business calendar “%s” cannot be used: %s Ask a team lead to correct it."),
                   name ? name : "?", local_error->message);
      return NULL;
    }
  return calendar;
}

/* The tier nick of a customer, or NULL with NOT_FOUND/INVALID. */
char *
cd_ticket_customer_tier (CdStore  *store,
                         gint64    customer_id,
                         GError  **error)
{
  sqlite3_stmt *stmt;
  char *tier = NULL;
  int rc;

  stmt = cd_store_prepare (store, "SELECT tier FROM customers WHERE id = ?1", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, customer_id);
  rc = cd_store_step (store, stmt, error);
  if (rc < 0)
    return NULL;
  if (rc == SQLITE_ROW)
    tier = cd_sql_column_dup (stmt, 0);
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW)
    g_set_error_literal (error, CD_STORE_ERROR, CD_STORE_ERROR_INVALID,
                         _("The customer does not exist (any more). Choose a customer from the list."));
  else if (tier == NULL)
    tier = g_strdup ("general");
  return tier;
}

/* The policy and calendar that apply to a ticket of @priority for a
 * customer of @tier_nick. *calendar is always set on success. */
gboolean
cd_ticket_clock (CdStore         *store,
                 CdPriority       priority,
                 const char      *tier_nick,
                 CdTicketPolicy  *policy,
                 CdSlaCalendar  **calendar,
                 GError         **error)
{
  sqlite3_stmt *stmt;
  g_autofree char *name = NULL;
  g_autofree char *tz = NULL;
  g_autofree char *week = NULL;
  g_autofree char *holidays = NULL;
  g_auto(GStrv) days = NULL;
  g_autoptr(GError) local_error = NULL;
  gint64 found_id = 0;
  int rc;

  memset (policy, 0, sizeof *policy);
  *calendar = NULL;
  /* One statement for what cd_ticket_find_policy() and
   * cd_ticket_load_calendar() read in three: the policy (the customer's
   * tier's row first), its calendar or else the first one, and that
   * calendar's holidays, one a line. */
  stmt = cd_store_prepare (store,
                           "WITH p AS (SELECT first_response_minutes, resolution_minutes, calendar_id"
                           "           FROM sla_policies WHERE priority = ?1 AND (tier = ?2 OR tier IS NULL)"
                           "           ORDER BY tier IS NULL LIMIT 1),"
                           " c AS (SELECT id, name, timezone, week_schedule FROM business_calendars"
                           "       ORDER BY id IS (SELECT calendar_id FROM p) DESC, id LIMIT 1)"
                           " SELECT p.first_response_minutes, p.resolution_minutes, p.calendar_id,"
                           "        c.id, c.name, c.timezone, c.week_schedule,"
                           "        (SELECT group_concat (day, char (10)) FROM"
                           "           (SELECT day FROM holidays WHERE calendar_id = c.id ORDER BY day))"
                           " FROM (SELECT 1) LEFT JOIN p LEFT JOIN c", error);
  if (stmt == NULL)
    return FALSE;
  bind_priority_and_tier (stmt, priority, tier_nick);
  rc = cd_store_step (store, stmt, error);
  if (rc < 0)
    return FALSE;
  if (rc == SQLITE_ROW)
    {
      if (sqlite3_column_type (stmt, 0) != SQLITE_NULL)
        {
          policy->found = TRUE;
          policy->first_response_minutes = sqlite3_column_int (stmt, 0);
          policy->resolution_minutes = sqlite3_column_int (stmt, 1);
          policy->calendar_id = cd_sql_column_int64 (stmt, 2);
        }
      found_id = cd_sql_column_int64 (stmt, 3);
      name = cd_sql_column_dup (stmt, 4);
      tz = cd_sql_column_dup (stmt, 5);
      week = cd_sql_column_dup (stmt, 6);
      holidays = cd_sql_column_dup (stmt, 7);
    }
  sqlite3_reset (stmt);

  if (found_id == 0)
    {
      *calendar = cd_sla_calendar_new ("UTC", ALWAYS_OPEN_WEEK, NULL, error);
      return *calendar != NULL;
    }
  days = holidays != NULL ? g_strsplit (holidays, "\n", -1) : g_new0 (char *, 1);
  *calendar = cd_sla_calendar_new (tz ? tz : "UTC", week ? week : "", (const char *const *) days, &local_error);
  if (*calendar == NULL)
    {
      g_set_error (error, CD_STORE_ERROR, CD_STORE_ERROR_INVALID,
                   _("The business calendar “%s” cannot be used: %s Ask a team lead to correct it."),
                   name ? name : "?", local_error->message);
      return FALSE;
    }
  return TRUE;
}

/* SLA state -------------------------------------------------------------- */

/* The targets in business seconds: the policy's, or read back from the
 * ticket's own deadlines when no policy applies any more. */
static gint64
first_response_target (const CdTicketPolicy *policy,
                       const CdSlaCalendar  *calendar,
                       const CdTicket       *ticket)
{
  return policy->found
         ? (gint64) policy->first_response_minutes * 60
         : cd_sla_business_seconds_between (calendar, ticket->created_at, ticket->first_response_due);
}

static gint64
resolution_target (const CdTicketPolicy *policy,
                   const CdSlaCalendar  *calendar,
                   const CdTicket       *ticket)
{
  return policy->found
         ? (gint64) policy->resolution_minutes * 60
         : cd_sla_business_seconds_between (calendar, ticket->created_at, ticket->resolution_due)
           - ticket->paused_seconds;
}

/* Both clocks of @ticket with @policy and @calendar already chosen. */
static void
judge_sla (const CdTicketPolicy        *policy,
           const CdSlaCalendar *calendar,
           const CdTicket      *ticket,
           gint64               now,
           CdTicketSla         *out)
{
  gint64 target;

  if (ticket->first_response_due != 0)
    {
      gint64 completed = ticket->first_response_at != 0 ? ticket->first_response_at : ticket->resolved_at;

      target = first_response_target (policy, calendar, ticket);
      out->has_first_response = TRUE;
      out->first_response_state = cd_sla_state (calendar, ticket->first_response_due, ticket->created_at,
                                                target, now, completed, &out->first_response_left);
    }

  if (ticket->resolution_due != 0)
    {
      gboolean done = ticket->status == CD_TICKET_RESOLVED || ticket->status == CD_TICKET_CLOSED;
      gint64 judge_at = now;

      target = resolution_target (policy, calendar, ticket);
      if (ticket->status == CD_TICKET_PENDING && ticket->pending_since != 0)
        {
          out->resolution_paused = TRUE;
          judge_at = MIN (now, ticket->pending_since);
        }
      out->has_resolution = TRUE;
      out->resolution_state = cd_sla_state (calendar, ticket->resolution_due, ticket->created_at,
                                            target, judge_at, done ? ticket->resolved_at : 0,
                                            &out->resolution_left);
    }
}

/* Fills in the ticket's deadlines; FALSE when it has none, and there is
 * nothing to judge. */
static gboolean
sla_start (const CdTicket *ticket,
           CdTicketSla    *out)
{
  memset (out, 0, sizeof *out);
  out->first_response_due = ticket->first_response_due;
  out->resolution_due = ticket->resolution_due;
  return ticket->first_response_due != 0 || ticket->resolution_due != 0;
}

gboolean
cd_ticket_sla (CdStore         *store,
               const CdTicket  *ticket,
               gint64           now,
               CdTicketSla     *out,
               GError         **error)
{
  g_autoptr(CdSlaCalendar) calendar = NULL;
  CdTicketPolicy policy;

  g_return_val_if_fail (CD_IS_STORE (store), FALSE);
  g_return_val_if_fail (ticket != NULL, FALSE);
  g_return_val_if_fail (out != NULL, FALSE);

  if (!sla_start (ticket, out))
    return TRUE;

  if (!cd_ticket_clock (store, ticket->priority, cd_tier_to_nick (ticket->customer_tier),
                        &policy, &calendar, error))
    return FALSE;
  judge_sla (&policy, calendar, ticket, now, out);
  return TRUE;
}

/* SLA rules read once ------------------------------------------------------ */

static void
rules_policy_clear (gpointer data)
{
  CdTicketRulesPolicy *p = data;

  g_free (p->tier);
}

static void
rules_calendar_clear (gpointer data)
{
  CdTicketRulesCalendar *c = data;

  g_clear_pointer (&c->calendar, cd_sla_calendar_free);
  g_clear_error (&c->error);
}

void
cd_ticket_sla_rules_free (CdTicketSlaRules *rules)
{
  if (rules == NULL)
    return;
  g_array_unref (rules->policies);
  g_array_unref (rules->calendars);
  g_clear_pointer (&rules->always_open, cd_sla_calendar_free);
  g_clear_error (&rules->always_open_error);
  g_free (rules);
}

CdTicketSlaRules *
cd_ticket_sla_rules_load (CdStore  *store,
                          GError  **error)
{
  g_autoptr(CdTicketSlaRules) rules = g_new0 (CdTicketSlaRules, 1);
  g_autoptr(GHashTable) days = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free,
                                                      (GDestroyNotify) g_ptr_array_unref);
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (CD_IS_STORE (store), NULL);

  rules->policies = g_array_new (FALSE, TRUE, sizeof (CdTicketRulesPolicy));
  g_array_set_clear_func (rules->policies, rules_policy_clear);
  rules->calendars = g_array_new (FALSE, TRUE, sizeof (CdTicketRulesCalendar));
  g_array_set_clear_func (rules->calendars, rules_calendar_clear);
  rules->always_open = cd_sla_calendar_new ("UTC", ALWAYS_OPEN_WEEK, NULL, &rules->always_open_error);

  stmt = cd_store_prepare (store,
                           "SELECT priority, tier, first_response_minutes, resolution_minutes,"
                           " ifnull (calendar_id, 0) FROM sla_policies", error);
  if (stmt == NULL)
    return NULL;
  while ((rc = cd_store_step (store, stmt, error)) == SQLITE_ROW)
    {
      CdTicketRulesPolicy p = { 0, };
      const char *nick = (const char *) sqlite3_column_text (stmt, 0);

      p.priority = nick != NULL ? cd_priority_from_nick (nick) : -1;
      p.tier = cd_sql_column_dup (stmt, 1);
      p.policy.found = TRUE;
      p.policy.first_response_minutes = sqlite3_column_int (stmt, 2);
      p.policy.resolution_minutes = sqlite3_column_int (stmt, 3);
      p.policy.calendar_id = sqlite3_column_int64 (stmt, 4);
      g_array_append_val (rules->policies, p);
    }
  sqlite3_reset (stmt);
  if (rc < 0)
    return NULL;

  stmt = cd_store_prepare (store, "SELECT calendar_id, day FROM holidays ORDER BY calendar_id, day", error);
  if (stmt == NULL)
    return NULL;
  while ((rc = cd_store_step (store, stmt, error)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      GPtrArray *list = g_hash_table_lookup (days, &id);

      if (list == NULL)
        {
          list = g_ptr_array_new_with_free_func (g_free);
          g_hash_table_insert (days, g_memdup2 (&id, sizeof id), list);
        }
      g_ptr_array_add (list, cd_sql_column_dup (stmt, 1));
    }
  sqlite3_reset (stmt);
  if (rc < 0)
    return NULL;

  stmt = cd_store_prepare (store, "SELECT id, name, timezone, week_schedule FROM business_calendars ORDER BY id",
                           error);
  if (stmt == NULL)
    return NULL;
  while ((rc = cd_store_step (store, stmt, error)) == SQLITE_ROW)
    {
      CdTicketRulesCalendar c = { 0, };
      g_autoptr(GError) local_error = NULL;
      g_autofree char *name = cd_sql_column_dup (stmt, 1);
      g_autofree char *tz = cd_sql_column_dup (stmt, 2);
      g_autofree char *week = cd_sql_column_dup (stmt, 3);
      GPtrArray *list;

      c.id = sqlite3_column_int64 (stmt, 0);
      list = g_hash_table_lookup (days, &c.id);
      if (list != NULL)
        g_ptr_array_add (list, NULL);
      c.calendar = cd_sla_calendar_new (tz ? tz : "UTC", week ? week : "",
                                        list != NULL ? (const char *const *) list->pdata : NULL,
                                        &local_error);
      if (c.calendar == NULL)
        /* The same message as when the calendar is read for one ticket. */
        g_set_error (&c.error, CD_STORE_ERROR, CD_STORE_ERROR_INVALID,
                     _("The business calendar “%s” cannot be used: %s Ask a team lead to correct it."),
                     name ? name : "?", local_error->message);
      g_array_append_val (rules->calendars, c);
    }
  sqlite3_reset (stmt);
  if (rc < 0)
    return NULL;

  return g_steal_pointer (&rules);
}

/* As cd_ticket_find_policy(): the row for the customer's tier wins over the row
 * without a tier. */
static const CdTicketPolicy *
rules_find_policy (const CdTicketSlaRules *rules,
                   CdPriority              priority,
                   const char             *tier_nick)
{
  const CdTicketPolicy *any = NULL;

  for (guint i = 0; i < rules->policies->len; i++)
    {
      const CdTicketRulesPolicy *p = &g_array_index (rules->policies, CdTicketRulesPolicy, i);

      if (p->priority != (int) priority)
        continue;
      if (p->tier == NULL)
        any = &p->policy;
      else if (tier_nick != NULL && strcmp (p->tier, tier_nick) == 0)
        return &p->policy;
    }
  return any;
}

/* As cd_ticket_load_calendar(): the policy's calendar, else the first one, else
 * around the clock. */
const CdSlaCalendar *
cd_ticket_sla_rules_find_calendar (const CdTicketSlaRules  *rules,
                                   gint64                   calendar_id,
                                   GError                 **error)
{
  const CdTicketRulesCalendar *chosen = NULL;

  if (rules->calendars->len == 0)
    {
      if (rules->always_open == NULL)
        g_propagate_error (error, g_error_copy (rules->always_open_error));
      return rules->always_open;
    }
  for (guint i = 0; i < rules->calendars->len && calendar_id != 0; i++)
    if (g_array_index (rules->calendars, CdTicketRulesCalendar, i).id == calendar_id)
      chosen = &g_array_index (rules->calendars, CdTicketRulesCalendar, i);
  if (chosen == NULL)
    chosen = &g_array_index (rules->calendars, CdTicketRulesCalendar, 0);
  if (chosen->calendar == NULL)
    g_propagate_error (error, g_error_copy (chosen->error));
  return chosen->calendar;
}

gboolean
cd_ticket_sla_rules_judge (const CdTicketSlaRules  *rules,
                           const CdTicket          *ticket,
                           gint64                   now,
                           CdTicketSla             *out,
                           GError                 **error)
{
  const CdTicketPolicy *found;
  const CdSlaCalendar *calendar;
  CdTicketPolicy none = { 0, };

  g_return_val_if_fail (rules != NULL, FALSE);
  g_return_val_if_fail (ticket != NULL, FALSE);
  g_return_val_if_fail (out != NULL, FALSE);

  if (!sla_start (ticket, out))
    return TRUE;

  found = rules_find_policy (rules, ticket->priority, cd_tier_to_nick (ticket->customer_tier));
  if (found == NULL)
    found = &none;
  calendar = cd_ticket_sla_rules_find_calendar (rules, found->calendar_id, error);
  if (calendar == NULL)
    return FALSE;
  judge_sla (found, calendar, ticket, now, out);
  return TRUE;
}

const CdSlaCalendar *
cd_ticket_sla_rules_targets (const CdTicketSlaRules  *rules,
                             const CdTicket          *ticket,
                             gint64                  *first_response,
                             gint64                  *resolution,
                             GError                 **error)
{
  const CdTicketPolicy *found;
  const CdSlaCalendar *calendar;
  CdTicketPolicy none = { 0, };

  g_return_val_if_fail (rules != NULL, NULL);
  g_return_val_if_fail (ticket != NULL, NULL);

  found = rules_find_policy (rules, ticket->priority, cd_tier_to_nick (ticket->customer_tier));
  if (found == NULL)
    found = &none;
  calendar = cd_ticket_sla_rules_find_calendar (rules, found->calendar_id, error);
  if (calendar == NULL)
    return NULL;
  if (first_response != NULL)
    *first_response = ticket->first_response_due != 0 ? first_response_target (found, calendar, ticket) : 0;
  if (resolution != NULL)
    *resolution = ticket->resolution_due != 0 ? resolution_target (found, calendar, ticket) : 0;
  return calendar;
}
/* SLA policies ----------------------------------------------------------- */

static gboolean
check_policy_key (int      tier,
                  GError **error)
{
  if (tier == CD_SLA_ANY_TIER || (tier >= 0 && (guint) tier < cd_tier_count ()))
    return TRUE;
  g_set_error (error, CD_STORE_ERROR, CD_STORE_ERROR_INVALID,
               _("%d is not a customer tier."), tier);
  return FALSE;
}

/* The id and version of the policy row for the key, 0 when missing. */
static gint64
find_policy_row (CdStore     *store,
                 CdPriority   priority,
                 int          tier,
                 gint64      *out_version,
                 GError     **error)
{
  sqlite3_stmt *stmt;
  gint64 id = 0;
  int rc;

  *out_version = 0;
  stmt = cd_store_prepare (store,
                           "SELECT id, version FROM sla_policies WHERE priority = ?1 AND ifnull (tier, '') = ?2",
                           error);
  if (stmt == NULL)
    return -1;
  sqlite3_bind_text (stmt, 1, cd_priority_to_nick (priority), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, tier == CD_SLA_ANY_TIER ? "" : cd_tier_to_nick (tier), -1, SQLITE_STATIC);
  rc = cd_store_step (store, stmt, error);
  if (rc < 0)
    return -1;
  if (rc == SQLITE_ROW)
    {
      id = sqlite3_column_int64 (stmt, 0);
      *out_version = sqlite3_column_int64 (stmt, 1);
    }
  sqlite3_reset (stmt);
  return id;
}

static gboolean
require_lead (CdStore  *store,
              GError  **error)
{
  return cd_store_require_role (store, CD_ROLE_BIT (CD_ROLE_LEAD) | CD_ROLE_BIT (CD_ROLE_ADMIN), error);
}

static gboolean
check_targets (gint     first_response_minutes,
               gint     resolution_minutes,
               GError **error)
{
  if (first_response_minutes <= 0 || resolution_minutes <= 0)
    {
      g_set_error_literal (error, CD_STORE_ERROR, CD_STORE_ERROR_INVALID,
                           _("Both targets must be at least one minute of business time."));
      return FALSE;
    }
  if (resolution_minutes < first_response_minutes)
    {
      g_set_error_literal (error, CD_STORE_ERROR, CD_STORE_ERROR_INVALID,
                           _("The resolution target is shorter than the first-response target. A ticket cannot be solved before it is answered: make the resolution target longer."));
      return FALSE;
    }
  return TRUE;
}

static gboolean
policy_write (CdStore     *store,
              CdPriority   priority,
              int          tier,
              gint64       expected_version,
              gint         first_response_minutes,
              gint         resolution_minutes,
              gint64       calendar_id,
              gboolean     keep_calendar,
              GError     **error)
{
  g_auto(CdTicketFields) fl = { NULL, NULL };
  gint64 id, version;
  gboolean ok = FALSE;

  if (!require_lead (store, error) ||
      !check_policy_key (tier, error) ||
      !check_targets (first_response_minutes, resolution_minutes, error))
    return FALSE;

  if (!cd_store_begin (store, error))
    return FALSE;
  if (calendar_id != 0 &&
      cd_store_query_int (store, "SELECT 1 FROM business_calendars WHERE id = ?1", calendar_id, 0, error) == 0)
    {
      if (error == NULL || *error == NULL)
        g_set_error_literal (error, CD_STORE_ERROR, CD_STORE_ERROR_INVALID,
                             _("The business calendar does not exist (any more). Choose one from the list."));
      goto out;
    }

  id = find_policy_row (store, priority, tier, &version, error);
  if (id < 0)
    goto out;
  if (expected_version != CD_SLA_OVERWRITE && version != expected_version)
    {
      g_set_error (error, CD_STORE_ERROR, CD_STORE_ERROR_STALE,
                   _("Someone else changed the targets for %s tickets after you opened them. "
                     "Reload to see their change, or overwrite it with yours."),
                   cd_priority_label (priority));
      goto out;
    }
  cd_ticket_fields_int (&fl, "first_response_minutes", first_response_minutes);
  cd_ticket_fields_int (&fl, "resolution_minutes", resolution_minutes);
  if (!keep_calendar || id == 0)
    cd_ticket_fields_int_or_null (&fl, "calendar_id", calendar_id);
  if (id > 0)
    {
      if (!cd_store_update (store, "sla_policies", id, version,
                            cd_ticket_fields_data (&fl), cd_ticket_fields_len (&fl), error))
        goto out;
    }
  else
    {
      cd_ticket_fields_text (&fl, "priority", cd_priority_to_nick (priority));
      cd_ticket_fields_text (&fl, "tier", tier == CD_SLA_ANY_TIER ? NULL : cd_tier_to_nick (tier));
      if (cd_store_insert (store, "sla_policies", cd_ticket_fields_data (&fl), cd_ticket_fields_len (&fl), error) <= 0)
        goto out;
    }
  ok = TRUE;

out:
  return cd_store_finish (store, ok, error);
}

gboolean
cd_sla_policy_set (CdStore     *store,
                   CdPriority   priority,
                   int          tier,
                   gint         first_response_minutes,
                   gint         resolution_minutes,
                   gint64       calendar_id,
                   GError     **error)
{
  g_return_val_if_fail (CD_IS_STORE (store), FALSE);
  g_return_val_if_fail ((guint) priority < cd_priority_count (), FALSE);

  return policy_write (store, priority, tier, CD_SLA_OVERWRITE, first_response_minutes, resolution_minutes,
                       calendar_id, FALSE, error);
}

gboolean
cd_sla_policy_remove (CdStore     *store,
                      CdPriority   priority,
                      int          tier,
                      GError     **error)
{
  gint64 id, version;
  gboolean ok = FALSE;

  g_return_val_if_fail (CD_IS_STORE (store), FALSE);
  g_return_val_if_fail ((guint) priority < cd_priority_count (), FALSE);

  if (!require_lead (store, error) || !check_policy_key (tier, error))
    return FALSE;
  if (!cd_store_begin (store, error))
    return FALSE;
  id = find_policy_row (store, priority, tier, &version, error);
  if (id < 0)
    goto out;
  if (id > 0 && !cd_store_delete (store, "sla_policies", id, version, error))
    goto out;
  ok = TRUE;

out:
  return cd_store_finish (store, ok, error);
}

/* SLA settings ------------------------------------------------------------ */

static int
compare_targets (gconstpointer a,
                 gconstpointer b)
{
  const CdSlaTarget *ta = *(CdSlaTarget * const *) a;
  const CdSlaTarget *tb = *(CdSlaTarget * const *) b;

  if (ta->priority != tb->priority)
    return ta->priority > tb->priority ? -1 : 1;
  if (ta->tier != tb->tier)
    return ta->tier < tb->tier ? -1 : 1;
  return 0;
}

GPtrArray *
cd_sla_targets_list (CdStore  *store,
                     GError  **error)
{
  g_autoptr(GPtrArray) targets = g_ptr_array_new_with_free_func (g_free);
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (CD_IS_STORE (store), NULL);

  stmt = cd_store_prepare (store,
                           "SELECT id, version, priority, tier, first_response_minutes, resolution_minutes"
                           " FROM sla_policies", error);
  if (stmt == NULL)
    return NULL;
  while ((rc = cd_store_step (store, stmt, error)) == SQLITE_ROW)
    {
      const char *priority = (const char *) sqlite3_column_text (stmt, 2);
      const char *tier = (const char *) sqlite3_column_text (stmt, 3);
      int p = priority != NULL ? cd_priority_from_nick (priority) : -1;
      int t = tier != NULL ? cd_tier_from_nick (tier) : CD_SLA_ANY_TIER;
      CdSlaTarget *target;

      /* A row another program wrote with words this build does not know
       * applies to no ticket; it is not offered for editing either. */
      if (p < 0 || (tier != NULL && t < 0))
        continue;
      target = g_new0 (CdSlaTarget, 1);
      target->id = sqlite3_column_int64 (stmt, 0);
      target->version = sqlite3_column_int64 (stmt, 1);
      target->priority = (CdPriority) p;
      target->tier = t;
      target->first_response_minutes = sqlite3_column_int (stmt, 4);
      target->resolution_minutes = sqlite3_column_int (stmt, 5);
      g_ptr_array_add (targets, target);
    }
  sqlite3_reset (stmt);
  if (rc < 0)
    return NULL;
  g_ptr_array_sort (targets, compare_targets);
  return g_steal_pointer (&targets);
}

gboolean
cd_sla_target_save (CdStore     *store,
                    CdPriority   priority,
                    int          tier,
                    gint64       expected_version,
                    gint         first_response_minutes,
                    gint         resolution_minutes,
                    GError     **error)
{
  g_return_val_if_fail (CD_IS_STORE (store), FALSE);
  g_return_val_if_fail ((guint) priority < cd_priority_count (), FALSE);

  return policy_write (store, priority, tier, expected_version, first_response_minutes, resolution_minutes,
                       0, TRUE, error);
}

void
cd_sla_hours_free (CdSlaHours *hours)
{
  if (hours == NULL)
    return;
  g_free (hours->name);
  g_free (hours->timezone);
  g_free (hours->week_schedule);
  g_free (hours);
}

CdSlaHours *
cd_sla_hours_load (CdStore  *store,
                   GError  **error)
{
  g_autoptr(CdSlaHours) hours = g_new0 (CdSlaHours, 1);
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (CD_IS_STORE (store), NULL);

  stmt = cd_store_prepare (store,
                           "SELECT id, version, name, timezone, week_schedule FROM business_calendars"
                           " ORDER BY id LIMIT 1", error);
  if (stmt == NULL)
    return NULL;
  rc = cd_store_step (store, stmt, error);
  if (rc < 0)
    return NULL;
  if (rc == SQLITE_ROW)
    {
      hours->id = sqlite3_column_int64 (stmt, 0);
      hours->version = sqlite3_column_int64 (stmt, 1);
      hours->name = cd_sql_column_dup (stmt, 2);
      hours->timezone = cd_sql_column_dup (stmt, 3);
      hours->week_schedule = cd_sql_column_dup (stmt, 4);
    }
  sqlite3_reset (stmt);

  if (hours->timezone == NULL)
    hours->timezone = g_strdup ("UTC");
  if (hours->week_schedule == NULL)
    hours->week_schedule = g_strdup (ALWAYS_OPEN_WEEK);
  return g_steal_pointer (&hours);
}

/* The first calendar's id, made (around the clock, in @tz_id) when the
 * file has none; in the caller's transaction. 0 with @error. */
static gint64
ensure_calendar (CdStore     *store,
                 const char  *tz_id,
                 const char  *week_schedule,
                 GError     **error)
{
  GError *local_error = NULL;
  gint64 id;

  id = cd_store_query_int (store, "SELECT id FROM business_calendars ORDER BY id LIMIT 1",
                           CD_NO_BIND, 0, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, local_error);
      return 0;
    }
  if (id == 0)
    {
      const CdField fields[] = {
        { "name", _("Business hours") },
        { "timezone", tz_id },
        { "week_schedule", week_schedule },
      };

      id = cd_store_insert (store, "business_calendars", fields, G_N_ELEMENTS (fields), error);
    }
  return id;
}

gboolean
cd_sla_hours_save (CdStore     *store,
                   gint64       expected_version,
                   const char  *tz_id,
                   const char  *week_schedule,
                   GError     **error)
{
  g_autoptr(CdSlaCalendar) check = NULL;
  g_autofree char *zone = NULL;
  GError *local_error = NULL;
  gboolean ok = FALSE;
  gint64 id;

  g_return_val_if_fail (CD_IS_STORE (store), FALSE);

  if (!require_lead (store, error))
    return FALSE;
  zone = g_strstrip (g_strdup (tz_id != NULL ? tz_id : ""));
  check = cd_sla_calendar_new (zone, week_schedule, NULL, error);
  if (check == NULL)
    return FALSE;

  if (!cd_store_begin (store, error))
    return FALSE;
  id = cd_store_query_int (store, "SELECT id FROM business_calendars ORDER BY id LIMIT 1",
                           CD_NO_BIND, 0, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, local_error);
      goto out;
    }
  if (id == 0)
    ok = ensure_calendar (store, zone, week_schedule, error) > 0;
  else
    {
      const CdField fields[] = {
        { "timezone", zone },
        { "week_schedule", week_schedule },
      };

      ok = cd_store_update (store, "business_calendars", id, expected_version,
                            fields, G_N_ELEMENTS (fields), error);
    }

out:
  return cd_store_finish (store, ok, error);
}

GPtrArray *
cd_sla_holidays_list (CdStore  *store,
                      int       year,
                      GError  **error)
{
  g_autoptr(GPtrArray) holidays = g_ptr_array_new_with_free_func ((GDestroyNotify) cd_sla_holiday_free);
  g_autofree char *from = NULL;
  g_autofree char *to = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (CD_IS_STORE (store), NULL);

  from = year > 0 ? g_strdup_printf ("%04d-01-01", year) : g_strdup ("0000-00-00");
  to = year > 0 ? g_strdup_printf ("%04d-12-31", year) : g_strdup ("9999-99-99");
  stmt = cd_store_prepare (store,
                           "SELECT id, day, name FROM holidays"
                           " WHERE calendar_id = (SELECT id FROM business_calendars ORDER BY id LIMIT 1)"
                           " AND day BETWEEN ?1 AND ?2 ORDER BY day", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, from, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, to, -1, SQLITE_TRANSIENT);
  while ((rc = cd_store_step (store, stmt, error)) == SQLITE_ROW)
    {
      CdSlaHoliday *holiday = g_new0 (CdSlaHoliday, 1);

      holiday->id = sqlite3_column_int64 (stmt, 0);
      holiday->day = cd_sql_column_dup (stmt, 1);
      holiday->name = cd_sql_column_dup (stmt, 2);
      g_ptr_array_add (holidays, holiday);
    }
  sqlite3_reset (stmt);
  if (rc < 0)
    return NULL;
  return g_steal_pointer (&holidays);
}

gboolean
cd_sla_holidays_add (CdStore    *store,
                     GPtrArray  *holidays,
                     guint      *n_added,
                     GError    **error)
{
  g_autofree char *zone = NULL;
  g_autofree char *calendar_text = NULL;
  gboolean ok = FALSE;
  guint added = 0;
  gint64 calendar;

  g_return_val_if_fail (CD_IS_STORE (store), FALSE);
  g_return_val_if_fail (holidays != NULL, FALSE);

  if (n_added != NULL)
    *n_added = 0;
  if (!require_lead (store, error))
    return FALSE;

  /* Every day is checked before anything is written. */
  for (guint i = 0; i < holidays->len; i++)
    {
      const CdSlaHoliday *holiday = g_ptr_array_index (holidays, i);
      const char *days[] = { holiday->day, NULL };
      g_autoptr(CdSlaCalendar) check = cd_sla_calendar_new ("UTC", ALWAYS_OPEN_WEEK, days, error);

      if (check == NULL)
        return FALSE;
      if (holiday->name != NULL &&
          (!g_utf8_validate (holiday->name, -1, NULL) ||
           g_utf8_strlen (holiday->name, -1) > CD_SLA_HOLIDAY_NAME_MAX_CHARS))
        {
          g_set_error (error, CD_STORE_ERROR, CD_STORE_ERROR_INVALID,
                       _("The name of the holiday on %s is longer than %d characters."),
                       holiday->day, CD_SLA_HOLIDAY_NAME_MAX_CHARS);
          return FALSE;
        }
    }

  if (!cd_store_begin (store, error))
    return FALSE;
  zone = cd_sla_local_timezone ();
  calendar = ensure_calendar (store, zone, ALWAYS_OPEN_WEEK, error);
  if (calendar == 0)
    goto out;
  calendar_text = cd_int_text (calendar);

  for (guint i = 0; i < holidays->len; i++)
    {
      const CdSlaHoliday *holiday = g_ptr_array_index (holidays, i);
      g_autofree char *day = g_strstrip (g_strdup (holiday->day));
      g_autofree char *name = cd_optional_text (holiday->name);
      sqlite3_stmt *stmt;
      int rc;

      stmt = cd_store_prepare (store, "SELECT 1 FROM holidays WHERE calendar_id = ?1 AND day = ?2", error);
      if (stmt == NULL)
        goto out;
      sqlite3_bind_int64 (stmt, 1, calendar);
      sqlite3_bind_text (stmt, 2, day, -1, SQLITE_TRANSIENT);
      rc = cd_store_step (store, stmt, error);
      sqlite3_reset (stmt);
      if (rc < 0)
        goto out;
      if (rc == SQLITE_ROW)
        continue;

      {
        const CdField fields[] = {
          { "calendar_id", calendar_text },
          { "day", day },
          { "name", name },
        };

        if (cd_store_insert (store, "holidays", fields, G_N_ELEMENTS (fields), error) <= 0)
          goto out;
      }
      added++;
    }
  ok = TRUE;

out:
  if (!cd_store_finish (store, ok, error))
    return FALSE;
  if (n_added != NULL)
    *n_added = added;
  return TRUE;
}

gboolean
cd_sla_holiday_remove (CdStore  *store,
                       gint64    holiday_id,
                       GError  **error)
{
  g_return_val_if_fail (CD_IS_STORE (store), FALSE);

  if (!require_lead (store, error))
    return FALSE;
  return cd_store_delete (store, "holidays", holiday_id, 0, error);
}
