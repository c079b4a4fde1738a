/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "caredesk-tickets"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "cd-sql-util.h"
#include "cd-store-private.h"
#include "cd-tickets-private.h"
#include "cd-row-model-private.h"

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

typedef struct {
  gint64 counts[CD_TICKET_N_QUEUES];
} CountsJob;

static gboolean
count_queues_job (CdStore       *store,
                  gpointer       data,
                  GCancellable  *cancellable,
                  GError       **error)
{
  CountsJob *job = data;

  return cd_tickets_queue_counts (store, job->counts, error);
}

void
cd_tickets_count_queues_async (CdStore             *store,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_return_if_fail (CD_IS_STORE (store));

  cd_store_run_async (store, CD_STORE_LANE_READ, count_queues_job, g_new0 (CountsJob, 1), g_free,
                      cancellable, callback, user_data);
}

gboolean
cd_tickets_count_queues_finish (CdStore       *store,
                                GAsyncResult  *result,
                                gint64         counts[CD_TICKET_N_QUEUES],
                                GError       **error)
{
  CountsJob *job;

  g_return_val_if_fail (CD_IS_STORE (store), FALSE);
  g_return_val_if_fail (counts != NULL, FALSE);

  if (!cd_store_run_finish (store, result, error))
    return FALSE;
  job = cd_store_run_get_data (result);
  memcpy (counts, job->counts, sizeof job->counts);
  return TRUE;
}

/* The list ---------------------------------------------------------------- */

/* A subject prefix that matches more rows than this is not worth sorting
 * by another column: SQLite then walks the sort column's index and checks
 * the prefix on each row instead. */
#define LARGE_MATCH 20000

#define DEFAULT_SORT "updated"

/* Every sort is served by an index of `tickets` that ends in the same
 * terms, so a page of a million rows is read from the index: Priority by
 * tickets_priority_rank, whose expression the sort terms repeat exactly
 * (the nicks do not sort by urgency); Resolution due by the partial
 * indexes of open and of finished tickets (so not in All, where it has
 * none). Customer and Assignee sort by the names the tickets keep a copy
 * of (tickets_customer_name, tickets_assignee_name). */
static const CdRowColumn columns[CD_TICKET_N_COLS] = {
  { "number", "t.id", "t.id" },
  { "subject", "t.subject", "t.subject COLLATE NOCASE" },
  { "customer", "t.customer_name", "t.customer_name COLLATE NOCASE" },
  { "priority", "t.priority", CD_TICKET_PRIORITY_RANK ("t.priority") ", t.updated_at" },
  { "status", "t.status", "t.status, t.updated_at" },
  { "assignee", "t.assignee_name", "t.assignee_name COLLATE NOCASE" },
  { "due", "t.resolution_due", "t.resolution_due" },
  { "updated", "t.updated_at", "t.updated_at" },
  { "created", "t.created_at", NULL },
  { "first_response_at", "t.first_response_at", NULL },
  { "first_response_due", "t.first_response_due", NULL },
  { "resolved_at", "t.resolved_at", NULL },
  { "pending_since", "t.pending_since", NULL },
  { "paused_seconds", "t.paused_seconds", NULL },
  { "tier", "(SELECT c.tier FROM customers c WHERE c.id = t.customer_id)", NULL },
};

static const char * const list_kinds[] = {
  CD_CHANGE_TICKETS, CD_CHANGE_CUSTOMERS, CD_CHANGE_STAFF,
  CD_CHANGE_SLA_POLICIES, CD_CHANGE_CALENDARS, CD_CHANGE_HOLIDAYS,
  NULL
};

/* The counts a model was last given (cd_tickets_list_set_counts()). */
static GQuark counts_quark;

void
cd_ticket_filter_init (CdTicketFilter *filter)
{
  g_return_if_fail (filter != NULL);

  memset (filter, 0, sizeof *filter);
  filter->queue = CD_TICKET_QUEUE_ALL;
  filter->sort_descending = TRUE;
}

void
cd_ticket_filter_clear (CdTicketFilter *filter)
{
  g_return_if_fail (filter != NULL);

  g_clear_pointer (&filter->search, g_free);
  g_clear_pointer (&filter->sort_column, g_free);
}

void
cd_ticket_filter_copy (const CdTicketFilter *src,
                       CdTicketFilter       *dest)
{
  g_return_if_fail (src != NULL);
  g_return_if_fail (dest != NULL);

  *dest = *src;
  dest->search = g_strdup (src->search);
  dest->sort_column = g_strdup (src->sort_column);
}

const char * const *
cd_tickets_list_get_kinds (void)
{
  return list_kinds;
}

static int
find_column (const char *name)
{
  for (guint i = 0; i < CD_TICKET_N_COLS; i++)
    if (g_strcmp0 (columns[i].name, name) == 0)
      return (int) i;
  return -1;
}

gboolean
cd_tickets_list_can_sort (CdTicketQueue  queue,
                          const char    *column)
{
  int index = find_column (column);

  g_return_val_if_fail ((guint) queue < CD_TICKET_N_QUEUES, FALSE);

  if (index < 0 || columns[index].sort == NULL)
    return FALSE;
  /* All tickets have no single index on their deadlines. */
  return index != CD_TICKET_COL_DUE || queue != CD_TICKET_QUEUE_ALL;
}

static gboolean
queue_is_open_only (CdTicketQueue queue)
{
  return queue != CD_TICKET_QUEUE_STATUS_RESOLVED &&
         queue != CD_TICKET_QUEUE_STATUS_CLOSED &&
         queue != CD_TICKET_QUEUE_ALL;
}

static GVariant *
join_params (GVariant *first,
             GVariant *second)
{
  GVariantBuilder builder;
  gboolean any = FALSE;
  GVariant *parts[2] = { first, second };

  g_variant_builder_init (&builder, G_VARIANT_TYPE_TUPLE);
  for (guint p = 0; p < 2; p++)
    {
      if (parts[p] == NULL)
        continue;
      for (gsize i = 0; i < g_variant_n_children (parts[p]); i++)
        {
          g_autoptr(GVariant) child = g_variant_get_child_value (parts[p], i);
          g_variant_builder_add_value (&builder, child);
          any = TRUE;
        }
    }
  if (!any)
    {
      g_variant_builder_clear (&builder);
      return NULL;
    }
  return g_variant_builder_end (&builder);
}

static gint64
count_subject_prefix (CdStore    *store,
                      const char *low,
                      const char *high)
{
  sqlite3_stmt *stmt;
  gint64 n = 0;

  stmt = cd_store_prepare (store,
                           "SELECT count(*) FROM tickets"
                           " WHERE subject >= ?1 COLLATE NOCASE AND subject < ?2 COLLATE NOCASE",
                           NULL);
  if (stmt == NULL)
    return 0;
  sqlite3_bind_text (stmt, 1, low, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, high, -1, SQLITE_TRANSIENT);
  if (cd_store_step (store, stmt, NULL) == SQLITE_ROW)
    n = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  return n;
}

/* The sort column @filter asks for, or the default when the queue cannot
 * sort by it. */
static const char *
filter_sort_column (const CdTicketFilter *filter,
                    gboolean             *descending)
{
  if (filter->sort_column != NULL && cd_tickets_list_can_sort (filter->queue, filter->sort_column))
    {
      *descending = filter->sort_descending;
      return columns[find_column (filter->sort_column)].name;
    }
  *descending = filter->sort_column != NULL ? TRUE : filter->sort_descending;
  return DEFAULT_SORT;
}

/* The WHERE clause of the list: the queue, and the search. @counts are the
 * last counts of the queues, or NULL. */
static char *
filter_where (CdStore               *store,
              const CdTicketFilter  *filter,
              const char            *sort_column,
              const gint64          *counts,
              GVariant             **out_params,
              char                 **out_complement,
              GError               **error)
{
  g_autoptr(GString) where = g_string_new (NULL);
  g_autoptr(GVariant) queue_params = NULL;
  g_autoptr(GVariant) search_params = NULL;
  g_autofree char *search = cd_trim_dup (filter->search);

  *out_params = NULL;
  *out_complement = NULL;
  if (search != NULL && *search == '\0')
    g_clear_pointer (&search, g_free);

  if (search != NULL)
    {
      gint64 id = cd_ticket_parse_number (search);

      /* A ticket number finds that ticket in any queue. */
      if (id > 0)
        {
          *out_params = g_variant_ref_sink (g_variant_new ("(x)", id));
          return g_strdup ("t.id = ?");
        }
    }

  switch (filter->queue)
    {
    case CD_TICKET_QUEUE_STATUS_NEW:
    case CD_TICKET_QUEUE_STATUS_OPEN:
    case CD_TICKET_QUEUE_STATUS_PENDING:
    case CD_TICKET_QUEUE_STATUS_RESOLVED:
    case CD_TICKET_QUEUE_STATUS_CLOSED:
      {
        CdTicketStatus status = CD_TICKET_NEW + (filter->queue - CD_TICKET_QUEUE_STATUS_NEW);
        gint64 all = counts != NULL ? counts[CD_TICKET_QUEUE_ALL] : -1;
        gint64 here = counts != NULL ? counts[filter->queue] : -1;
        gboolean most = all > 0 && here >= 0 ? here * 2 > all : status == CD_TICKET_CLOSED;

        /* Without statistics SQLite takes "status = ?" as selective and
         * would sort most of the table for a big status such as Closed;
         * told that most rows match, it walks the sort column's index. */
        if (most)
          g_string_append (where, "likelihood (status = ?, 0.9)");
        else
          g_string_append (where, "status = ?");
        /* Most tickets: count all and take away the others. */
        if (most && search == NULL)
          {
            g_autoptr(GString) others = g_string_new ("status IN (");

            for (CdTicketStatus s = CD_TICKET_NEW; s <= CD_TICKET_CLOSED; s++)
              if (s != status)
                g_string_append_printf (others, "%s'%s'", others->str[others->len - 1] == '(' ? "" : ", ",
                                        cd_ticket_status_to_nick (s));
            g_string_append_c (others, ')');
            *out_complement = g_string_free (g_steal_pointer (&others), FALSE);
          }
        /* Lets a partial index on resolution_due serve that sort. For
         * finished tickets the term is added for that sort only (checking
         * it on a million rows doubles the count) and marked unselective,
         * or SQLite would read every closed ticket through tickets_status
         * and sort them. */
        if (queue_is_open_only (filter->queue))
          g_string_append (where, " AND status IN ('new','open','pending')");
        else if (g_strcmp0 (sort_column, "due") == 0)
          g_string_append (where, " AND likelihood (status IN ('resolved','closed'), 0.9)");
        queue_params = g_variant_ref_sink (g_variant_new ("(s)", cd_ticket_status_to_nick (status)));
      }
      break;

    case CD_TICKET_QUEUE_ALL:
      /* No condition at all: SQLite then counts the table from its pages
       * ("WHERE 1" reads every row: 23 ms against 4 ms). */
      break;

    case CD_TICKET_QUEUE_MINE:
    case CD_TICKET_QUEUE_UNASSIGNED:
    case CD_TICKET_QUEUE_AT_RISK:
    case CD_TICKET_QUEUE_BREACHED:
    case CD_TICKET_N_QUEUES:
    default:
      {
        g_autoptr(CdTicketQueueFilter) queue = cd_ticket_queue_filter (store, filter->queue,
                                                                      cd_store_now (store), error);
        GVariant *params;

        if (queue == NULL)
          return NULL;
        g_string_append_printf (where, "(%s)", queue->where);
        params = cd_ticket_queue_filter_to_params (queue);
        if (params != NULL)
          queue_params = g_variant_ref_sink (params);
      }
      break;
    }

  if (search != NULL)
    {
      g_autofree char *high = g_strconcat (search, "\xf4\x8f\xbf\xbf", NULL);
      gboolean by_subject = g_strcmp0 (sort_column, "subject") == 0;

      /* A short prefix matches a large part of a big table: rather than
       * sort all of them, walk the sort column's index and check the
       * prefix row by row (the first page fills at once). */
      if (where->len > 0)
        g_string_append (where, " AND ");
      if (!by_subject && count_subject_prefix (store, search, high) > LARGE_MATCH)
        g_string_append (where, "+t.subject >= ? COLLATE NOCASE AND +t.subject < ? COLLATE NOCASE");
      else
        g_string_append (where, "t.subject >= ? COLLATE NOCASE AND t.subject < ? COLLATE NOCASE");
      search_params = g_variant_ref_sink (g_variant_new ("(ss)", search, high));
    }

  *out_params = join_params (queue_params, search_params);
  if (*out_params != NULL)
    g_variant_ref_sink (*out_params);
  return g_string_free (g_steal_pointer (&where), FALSE);
}

CdRowModel *
cd_tickets_list_new (CdStore               *store,
                     const CdTicketFilter  *filter,
                     GError               **error)
{
  g_autoptr(GVariant) params = NULL;
  g_autofree char *where = NULL;
  g_autofree char *complement = NULL;
  CdTicketFilter defaults;
  const char *sort_column;
  gboolean descending;
  CdRowModel *model;

  g_return_val_if_fail (CD_IS_STORE (store), NULL);

  if (filter == NULL)
    {
      cd_ticket_filter_init (&defaults);
      filter = &defaults;
    }
  if (counts_quark == 0)
    counts_quark = g_quark_from_static_string ("cd-tickets-list-counts");

  sort_column = filter_sort_column (filter, &descending);
  where = filter_where (store, filter, sort_column, NULL, &params, &complement, error);
  if (where == NULL)
    where = g_strdup ("0");
  model = cd_row_model_new (store, "tickets t", "t.id", columns, CD_TICKET_N_COLS);
  cd_row_model_set_count_complement (model, complement);
  cd_row_model_set_query (model, where, params, sort_column, descending);
  /* GTK 4.8 builds every row widget again when a list comes back from
   * empty: a search that finds nothing shows the empty page over the last
   * rows instead. */
  cd_row_model_set_keep_rows_when_empty (model, TRUE);
  return model;
}

gboolean
cd_tickets_list_set_filter (CdRowModel            *model,
                            const CdTicketFilter  *filter,
                            GError               **error)
{
  g_autoptr(GVariant) params = NULL;
  g_autofree char *where = NULL;
  g_autofree char *complement = NULL;
  const char *sort_column;
  gboolean descending;

  g_return_val_if_fail (CD_IS_ROW_MODEL (model), FALSE);
  g_return_val_if_fail (filter != NULL, FALSE);

  sort_column = filter_sort_column (filter, &descending);
  where = filter_where (cd_row_model_get_store (model), filter, sort_column,
                        g_object_get_qdata (G_OBJECT (model), counts_quark),
                        &params, &complement, error);
  if (where == NULL)
    return FALSE;
  cd_row_model_set_count_complement (model, complement);
  cd_row_model_set_query (model, where, params, sort_column, descending);
  return TRUE;
}

void
cd_tickets_list_set_counts (CdRowModel   *model,
                            const gint64  counts[CD_TICKET_N_QUEUES])
{
  g_return_if_fail (CD_IS_ROW_MODEL (model));
  g_return_if_fail (counts != NULL);

  g_object_set_qdata_full (G_OBJECT (model), counts_quark,
                           g_memdup2 (counts, sizeof (gint64) * CD_TICKET_N_QUEUES), g_free);
}

/* The ticket as far as its SLA clocks need it, from the row's values. */
static void
row_to_ticket (CdRow    *row,
               CdTicket *t)
{
  const char *nick;
  int value;

  memset (t, 0, sizeof *t);
  t->id = cd_row_get_id (row);
  nick = cd_row_get_value (row, CD_TICKET_COL_PRIORITY);
  value = nick != NULL ? cd_priority_from_nick (nick) : -1;
  t->priority = value >= 0 ? value : CD_PRIORITY_NORMAL;
  nick = cd_row_get_value (row, CD_TICKET_COL_STATUS);
  value = nick != NULL ? cd_ticket_status_from_nick (nick) : -1;
  t->status = value >= 0 ? value : CD_TICKET_OPEN;
  nick = cd_row_get_value (row, CD_TICKET_COL_TIER);
  value = nick != NULL ? cd_tier_from_nick (nick) : -1;
  t->customer_tier = value >= 0 ? value : CD_TIER_GENERAL;
  t->created_at = cd_row_get_int (row, CD_TICKET_COL_CREATED, 0);
  t->first_response_at = cd_row_get_int (row, CD_TICKET_COL_FIRST_RESPONSE_AT, 0);
  t->first_response_due = cd_row_get_int (row, CD_TICKET_COL_FIRST_RESPONSE_DUE, 0);
  t->resolution_due = cd_row_get_int (row, CD_TICKET_COL_DUE, 0);
  t->resolved_at = cd_row_get_int (row, CD_TICKET_COL_RESOLVED_AT, 0);
  t->pending_since = cd_row_get_int (row, CD_TICKET_COL_PENDING_SINCE, 0);
  t->paused_seconds = cd_row_get_int (row, CD_TICKET_COL_PAUSED, 0);
}

gboolean
cd_tickets_list_row_sla (const CdTicketSlaRules  *rules,
                         CdRow                   *row,
                         gint64                   now,
                         CdTicketSla             *out,
                         GError                 **error)
{
  CdTicket t;

  g_return_val_if_fail (rules != NULL, FALSE);
  g_return_val_if_fail (CD_IS_ROW (row), FALSE);
  g_return_val_if_fail (out != NULL, FALSE);
  g_return_val_if_fail (cd_row_get_n_columns (row) == CD_TICKET_N_COLS, FALSE);

  row_to_ticket (row, &t);
  return cd_ticket_sla_rules_judge (rules, &t, now, out, error);
}
