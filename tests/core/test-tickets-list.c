/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "caredesk-test-tickets-list"

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "cd-customers.h"
#include "cd-store-private.h"
#include "cd-tickets.h"
#include "cd-row-model-private.h"

/* The Tickets list as the view asks for it (cd_tickets_list_new() and
 * cd_tickets_list_set_filter()), the queue counts on the read worker,
 * and the categories, against a temporary file. */

typedef struct {
  char    *dir;
  char    *path;
  CdStore *store;
  gint64   me;
  gint64   customer;
  gint64   other_customer;
} Fixture;

static gint64
add_customer (CdStore    *store,
              const char *name,
              CdTier      tier)
{
  g_autoptr(CdCustomer) customer = cd_customer_new ();
  g_autoptr(GError) error = NULL;
  gint64 id;

  customer->name = g_strdup (name);
  customer->tier = tier;
  id = cd_customer_create (store, customer, &error);
  g_assert_no_error (error);
  return id;
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->dir = g_dir_make_tmp ("caredesk-tickets-list-XXXXXX", &error);
  g_assert_no_error (error);
  f->path = g_build_filename (f->dir, "test.caredesk", NULL);
  f->store = cd_store_open (f->path, CD_STORE_OPEN_CREATE | CD_STORE_OPEN_NO_WATCH, &error);
  g_assert_no_error (error);
  g_assert_true (cd_store_sign_in (f->store, "tester", "Test Person", &error));
  g_assert_no_error (error);
  f->me = cd_store_get_staff_id (f->store);
  f->customer = add_customer (f->store, "Wang Fang", CD_TIER_CORE);
  f->other_customer = add_customer (f->store, "Acme Ltd", CD_TIER_STRATEGIC);
  g_assert_true (cd_sla_policy_set (f->store, CD_PRIORITY_HIGH, CD_SLA_ANY_TIER, 60, 480, 0, &error));
  g_assert_true (cd_sla_policy_set (f->store, CD_PRIORITY_NORMAL, CD_SLA_ANY_TIER, 240, 960, 0, &error));
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  const char *suffixes[] = { "", "-journal", "-wal", "-shm" };

  g_clear_object (&f->store);
  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *file = g_strconcat (f->path, suffixes[i], NULL);
      g_unlink (file);
    }
  g_rmdir (f->dir);
  g_free (f->path);
  g_free (f->dir);
}

static gint64
create (Fixture    *f,
        gint64      customer,
        const char *subject,
        CdPriority  priority,
        gint64      assignee)
{
  g_autoptr(GError) error = NULL;
  gint64 id = cd_ticket_create (f->store, customer, subject, NULL, CD_CHANNEL_PHONE, 0, priority,
                                assignee, &error);

  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  return id;
}

static void
set_status (Fixture        *f,
            gint64          id,
            CdTicketStatus  status)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (cd_ticket_set_status (f->store, id, 0, status, &error));
  g_assert_no_error (error);
}

static CdRowModel *
list_new (Fixture       *f,
          CdTicketQueue  queue,
          const char    *search,
          const char    *sort,
          gboolean       descending)
{
  g_autoptr(GError) error = NULL;
  CdTicketFilter filter;
  CdRowModel *model;

  cd_ticket_filter_init (&filter);
  filter.queue = queue;
  filter.search = (char *) search;
  filter.sort_column = (char *) sort;
  filter.sort_descending = descending;
  model = cd_tickets_list_new (f->store, &filter, &error);
  g_assert_no_error (error);
  g_assert_nonnull (model);
  return model;
}

static void
set_filter (CdRowModel    *model,
            CdTicketQueue  queue,
            const char    *search,
            const char    *sort,
            gboolean       descending)
{
  g_autoptr(GError) error = NULL;
  CdTicketFilter filter;

  cd_ticket_filter_init (&filter);
  filter.queue = queue;
  filter.search = (char *) search;
  filter.sort_column = (char *) sort;
  filter.sort_descending = descending;
  g_assert_true (cd_tickets_list_set_filter (model, &filter, &error));
  g_assert_no_error (error);
}

/* EXPLAIN QUERY PLAN of what @model reads now, one detail a line. */
static char *
plan_of (CdStore    *store,
         CdRowModel *model)
{
  g_autofree char *sql = cd_row_model_dup_select_sql (model);
  g_autofree char *text = g_strconcat ("EXPLAIN QUERY PLAN ", sql, NULL);
  GVariant *params = cd_row_model_get_params (model);
  GString *plan = g_string_new (NULL);
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (cd_store_get_db (store), text, -1, &stmt, NULL), ==, SQLITE_OK);
  if (params != NULL)
    cd_row_model_bind_params (stmt, params);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_string_append_printf (plan, "%s\n", (const char *) sqlite3_column_text (stmt, 3));
  sqlite3_finalize (stmt);
  return g_string_free (plan, FALSE);
}

/* /core/tickets/list/queues-and-search ------------------------------------ */

static void
test_queues_and_search (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(CdRowModel) model = NULL;
  g_autoptr(CdRow) row = NULL;
  g_autoptr(GString) huge = g_string_new (NULL);
  gint64 mine, router, closed;

  mine = create (f, f->customer, "Invoice charged twice", CD_PRIORITY_HIGH, f->me);
  router = create (f, f->other_customer, "Router keeps rebooting", CD_PRIORITY_NORMAL, 0);
  closed = create (f, f->customer, "Parcel lost", CD_PRIORITY_NORMAL, 0);
  set_status (f, closed, CD_TICKET_OPEN);
  set_status (f, closed, CD_TICKET_RESOLVED);
  set_status (f, closed, CD_TICKET_CLOSED);

  /* Mine: the signed-in person's open tickets. */
  model = list_new (f, CD_TICKET_QUEUE_MINE, NULL, NULL, TRUE);
  g_assert_cmpuint (cd_row_model_get_n_matches (model), ==, 1);
  g_assert_cmpint (cd_row_model_get_id (model, 0), ==, mine);
  row = g_list_model_get_item (G_LIST_MODEL (model), 0);
  g_assert_cmpuint (cd_row_get_n_columns (row), ==, CD_TICKET_N_COLS);
  g_assert_cmpstr (cd_row_get_value (row, CD_TICKET_COL_SUBJECT), ==, "Invoice charged twice");
  g_assert_cmpstr (cd_row_get_value (row, CD_TICKET_COL_CUSTOMER), ==, "Wang Fang");
  g_assert_cmpstr (cd_row_get_value (row, CD_TICKET_COL_PRIORITY), ==, "high");
  g_assert_cmpstr (cd_row_get_value (row, CD_TICKET_COL_STATUS), ==, "new");
  g_assert_cmpstr (cd_row_get_value (row, CD_TICKET_COL_ASSIGNEE), ==, "Test Person");
  g_assert_cmpstr (cd_row_get_value (row, CD_TICKET_COL_TIER), ==, "core");
  g_assert_cmpint (cd_row_get_int (row, CD_TICKET_COL_DUE, 0), >, 0);
  g_assert_cmpstr (cd_row_get_value_by_name (row, "number"), ==, cd_row_get_value (row, CD_TICKET_COL_NUMBER));

  set_filter (model, CD_TICKET_QUEUE_UNASSIGNED, NULL, NULL, TRUE);
  g_assert_cmpuint (cd_row_model_get_n_matches (model), ==, 1);
  g_assert_cmpint (cd_row_model_get_id (model, 0), ==, router);
  set_filter (model, CD_TICKET_QUEUE_STATUS_CLOSED, NULL, NULL, TRUE);
  g_assert_cmpuint (cd_row_model_get_n_matches (model), ==, 1);
  set_filter (model, CD_TICKET_QUEUE_ALL, NULL, NULL, TRUE);
  g_assert_cmpuint (cd_row_model_get_n_matches (model), ==, 3);

  /* A ticket number finds that ticket in any queue, in any spelling. */
  {
    g_autofree char *number = cd_ticket_format_number (closed);
    g_autofree char *hash = g_strdup_printf ("  #%" G_GINT64_FORMAT " ", closed);

    set_filter (model, CD_TICKET_QUEUE_MINE, number, NULL, TRUE);
    g_assert_cmpuint (cd_row_model_get_n_matches (model), ==, 1);
    g_assert_cmpint (cd_row_model_get_id (model, 0), ==, closed);
    set_filter (model, CD_TICKET_QUEUE_UNASSIGNED, hash, NULL, TRUE);
    g_assert_cmpint (cd_row_model_get_id (model, 0), ==, closed);
  }

  /* Other text is a subject prefix within the queue, any case. */
  set_filter (model, CD_TICKET_QUEUE_ALL, " rOU ", NULL, TRUE);
  g_assert_cmpuint (cd_row_model_get_n_matches (model), ==, 1);
  g_assert_cmpint (cd_row_model_get_id (model, 0), ==, router);
  set_filter (model, CD_TICKET_QUEUE_MINE, "Rou", NULL, TRUE);
  g_assert_cmpuint (cd_row_model_get_n_matches (model), ==, 0);
  set_filter (model, CD_TICKET_QUEUE_STATUS_CLOSED, "par", NULL, TRUE);
  g_assert_cmpuint (cd_row_model_get_n_matches (model), ==, 1);
  g_assert_cmpint (cd_row_model_get_id (model, 0), ==, closed);

  /* Text that looks like SQL is only text. */
  while (huge->len < 10000)
    g_string_append (huge, "张\"; DROP TABLE tickets; --'");
  set_filter (model, CD_TICKET_QUEUE_ALL, huge->str, NULL, TRUE);
  g_assert_cmpuint (cd_row_model_get_n_matches (model), ==, 0);
  g_assert_null (cd_row_model_get_error (model));
  set_filter (model, CD_TICKET_QUEUE_ALL, "", NULL, TRUE);
  g_assert_cmpuint (cd_row_model_get_n_matches (model), ==, 3);
}

/* /core/tickets/list/keep-rows --------------------------------------------- */

/* A filter that matches nothing leaves the rows in place: a GTK 4.8 list
 * would build all its row widgets again when they come back. */
static void
test_keep_rows (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(CdRowModel) model = NULL;

  create (f, f->customer, "Invoice charged twice", CD_PRIORITY_HIGH, 0);
  create (f, f->customer, "Router keeps rebooting", CD_PRIORITY_HIGH, 0);
  model = list_new (f, CD_TICKET_QUEUE_ALL, NULL, NULL, TRUE);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 2);

  set_filter (model, CD_TICKET_QUEUE_ALL, "nothing like it", NULL, TRUE);
  g_assert_cmpuint (cd_row_model_get_n_matches (model), ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 2);
  set_filter (model, CD_TICKET_QUEUE_ALL, "inv", NULL, TRUE);
  g_assert_cmpuint (cd_row_model_get_n_matches (model), ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 1);
}

/* /core/tickets/list/sort ---------------------------------------------------- */

static void
test_sort (Fixture       *f,
           gconstpointer  data)
{
  const char *sortable[] = { "number", "subject", "customer", "priority", "status", "assignee", "updated" };
  const CdTicketQueue queues[] = {
    CD_TICKET_QUEUE_ALL, CD_TICKET_QUEUE_MINE, CD_TICKET_QUEUE_UNASSIGNED, CD_TICKET_QUEUE_STATUS_OPEN,
    CD_TICKET_QUEUE_STATUS_CLOSED,
  };
  g_autoptr(CdRowModel) model = NULL;
  gint64 high, normal;

  high = create (f, f->customer, "First", CD_PRIORITY_HIGH, 0);
  normal = create (f, f->other_customer, "Second", CD_PRIORITY_NORMAL, 0);
  model = list_new (f, CD_TICKET_QUEUE_ALL, NULL, "subject", FALSE);
  g_assert_cmpstr (cd_row_model_get_sort_column (model), ==, "subject");
  g_assert_cmpint (cd_row_model_get_id (model, 0), ==, high);
  set_filter (model, CD_TICKET_QUEUE_ALL, NULL, "subject", TRUE);
  g_assert_cmpint (cd_row_model_get_id (model, 0), ==, normal);

  /* Priority sorts by urgency, not by the name of the level. */
  set_filter (model, CD_TICKET_QUEUE_ALL, NULL, "priority", TRUE);
  g_assert_cmpint (cd_row_model_get_id (model, 0), ==, high);
  set_filter (model, CD_TICKET_QUEUE_ALL, NULL, "priority", FALSE);
  g_assert_cmpint (cd_row_model_get_id (model, 0), ==, normal);
  /* Customer by name: Acme before Wang. */
  set_filter (model, CD_TICKET_QUEUE_ALL, NULL, "customer", FALSE);
  g_assert_cmpint (cd_row_model_get_id (model, 0), ==, normal);

  /* Every sort of All and of Closed (most of a team's tickets) is read
   * from an index; the other queues are small and sort what they hold. */
  for (guint q = 0; q < G_N_ELEMENTS (queues); q++)
    for (guint i = 0; i < G_N_ELEMENTS (sortable); i++)
      for (int d = 0; d < 2; d++)
        {
          g_autofree char *plan = NULL;

          g_assert_true (cd_tickets_list_can_sort (queues[q], sortable[i]));
          set_filter (model, queues[q], NULL, sortable[i], d == 0);
          g_assert_cmpstr (cd_row_model_get_sort_column (model), ==, sortable[i]);
          g_assert_cmpint (cd_row_model_get_sort_descending (model), ==, d == 0);
          plan = plan_of (f->store, model);
          if ((queues[q] == CD_TICKET_QUEUE_ALL || queues[q] == CD_TICKET_QUEUE_STATUS_CLOSED) &&
              strstr (plan, "USE TEMP B-TREE FOR ORDER BY") != NULL)
            g_error ("queue %u sorted by %s sorts every row:\n%s", queues[q], sortable[i], plan);
        }

  /* Deadlines sort in the open queues and the finished ones, from
   * partial indexes; All tickets have none, and fall back to "updated". */
  g_assert_false (cd_tickets_list_can_sort (CD_TICKET_QUEUE_ALL, "due"));
  g_assert_true (cd_tickets_list_can_sort (CD_TICKET_QUEUE_UNASSIGNED, "due"));
  g_assert_false (cd_tickets_list_can_sort (CD_TICKET_QUEUE_UNASSIGNED, "created"));
  g_assert_false (cd_tickets_list_can_sort (CD_TICKET_QUEUE_UNASSIGNED, "no such column"));
  set_filter (model, CD_TICKET_QUEUE_UNASSIGNED, NULL, "due", FALSE);
  g_assert_cmpstr (cd_row_model_get_sort_column (model), ==, "due");
  g_assert_cmpint (cd_row_model_get_id (model, 0), ==, high);
  set_filter (model, CD_TICKET_QUEUE_STATUS_CLOSED, NULL, "due", FALSE);
  {
    g_autofree char *plan = plan_of (f->store, model);
    g_assert_nonnull (strstr (plan, "tickets_due_done"));
    g_assert_null (strstr (plan, "USE TEMP B-TREE FOR ORDER BY"));
  }
  set_filter (model, CD_TICKET_QUEUE_ALL, NULL, "due", FALSE);
  g_assert_cmpstr (cd_row_model_get_sort_column (model), ==, "updated");
  g_assert_true (cd_row_model_get_sort_descending (model));
}

/* /core/tickets/list/most-tickets --------------------------------------------- */

/* A status that holds most tickets (Closed, in a team's file) is counted as
 * all tickets less the others, and told to SQLite to be unselective; the
 * number is the same either way. */
static void
test_most_tickets (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CdRowModel) model = NULL;
  gint64 counts[CD_TICKET_N_QUEUES];
  g_autofree char *sql = NULL;
  gint64 first;

  first = create (f, f->customer, "First", CD_PRIORITY_HIGH, 0);
  for (int i = 0; i < 3; i++)
    {
      gint64 id = create (f, f->customer, "Done", CD_PRIORITY_NORMAL, 0);

      set_status (f, id, CD_TICKET_OPEN);
      set_status (f, id, CD_TICKET_RESOLVED);
      set_status (f, id, CD_TICKET_CLOSED);
    }

  /* Without counts Closed is taken to hold most. */
  model = list_new (f, CD_TICKET_QUEUE_STATUS_CLOSED, NULL, NULL, TRUE);
  g_assert_cmpuint (cd_row_model_get_n_matches (model), ==, 3);
  sql = cd_row_model_dup_select_sql (model);
  g_assert_nonnull (strstr (sql, "likelihood (status = ?, 0.9)"));
  g_clear_pointer (&sql, g_free);
  set_filter (model, CD_TICKET_QUEUE_STATUS_NEW, NULL, NULL, TRUE);
  g_assert_cmpuint (cd_row_model_get_n_matches (model), ==, 1);
  sql = cd_row_model_dup_select_sql (model);
  g_assert_null (strstr (sql, "likelihood (status"));
  g_clear_pointer (&sql, g_free);

  /* With counts that say New holds most, New is the one. */
  g_assert_true (cd_tickets_queue_counts (f->store, counts, &error));
  g_assert_no_error (error);
  g_assert_cmpint (counts[CD_TICKET_QUEUE_STATUS_CLOSED], ==, 3);
  counts[CD_TICKET_QUEUE_STATUS_NEW] = 3;
  counts[CD_TICKET_QUEUE_STATUS_CLOSED] = 1;
  cd_tickets_list_set_counts (model, counts);
  set_filter (model, CD_TICKET_QUEUE_STATUS_NEW, NULL, NULL, TRUE);
  g_assert_cmpuint (cd_row_model_get_n_matches (model), ==, 1);
  g_assert_cmpint (cd_row_model_get_id (model, 0), ==, first);
  sql = cd_row_model_dup_select_sql (model);
  g_assert_nonnull (strstr (sql, "likelihood (status = ?, 0.9)"));
  g_clear_pointer (&sql, g_free);
  set_filter (model, CD_TICKET_QUEUE_STATUS_CLOSED, NULL, NULL, TRUE);
  g_assert_cmpuint (cd_row_model_get_n_matches (model), ==, 3);
  sql = cd_row_model_dup_select_sql (model);
  g_assert_null (strstr (sql, "likelihood (status"));
  g_clear_pointer (&sql, g_free);

  /* A search in it counts itself, with the same result. */
  set_filter (model, CD_TICKET_QUEUE_STATUS_NEW, "fir", NULL, TRUE);
  g_assert_cmpuint (cd_row_model_get_n_matches (model), ==, 1);
}

/* /core/tickets/list/large-prefix ---------------------------------------------- */

/* A prefix that matches more than 20 000 subjects walks the sort column's
 * index (the "+" keeps SQLite off the subject index) instead of sorting
 * all the matches; sorted by subject, it reads the subject index. */
static void
test_large_prefix (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CdRowModel) model = NULL;
  g_autofree char *insert = NULL;
  g_autofree char *sql = NULL;

  insert = g_strdup_printf ("WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 20001)"
                            " INSERT INTO tickets (customer_id, subject, channel, priority, status, created_by,"
                            "   created_at, updated_at)"
                            " SELECT %" G_GINT64_FORMAT ", 'Printer ' || i, 'phone', 'normal', 'new', %" G_GINT64_FORMAT ","
                            "   i, i FROM n",
                            f->customer, f->me);
  g_assert_true (cd_store_exec (f->store, insert, &error));
  g_assert_no_error (error);
  create (f, f->customer, "Router keeps rebooting", CD_PRIORITY_HIGH, 0);

  model = list_new (f, CD_TICKET_QUEUE_ALL, "pri", NULL, TRUE);
  g_assert_cmpuint (cd_row_model_get_n_matches (model), ==, 20001);
  sql = cd_row_model_dup_select_sql (model);
  g_assert_nonnull (strstr (sql, "+t.subject >= ?"));
  g_clear_pointer (&sql, g_free);

  set_filter (model, CD_TICKET_QUEUE_ALL, "pri", "subject", FALSE);
  sql = cd_row_model_dup_select_sql (model);
  g_assert_null (strstr (sql, "+t.subject"));
  g_clear_pointer (&sql, g_free);

  set_filter (model, CD_TICKET_QUEUE_ALL, "rou", NULL, TRUE);
  g_assert_cmpuint (cd_row_model_get_n_matches (model), ==, 1);
  sql = cd_row_model_dup_select_sql (model);
  g_assert_null (strstr (sql, "+t.subject"));
}

/* /core/tickets/list/row-sla ---------------------------------------------------- */

/* A row's clocks, judged with the rules read once, are the ticket's own. */
static void
test_row_sla (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CdRowModel) model = NULL;
  g_autoptr(CdTicketSlaRules) rules = NULL;
  gint64 pending;
  gint64 now;

  create (f, f->customer, "High", CD_PRIORITY_HIGH, 0);
  create (f, f->other_customer, "Normal", CD_PRIORITY_NORMAL, 0);
  create (f, f->customer, "Low, no policy", CD_PRIORITY_LOW, 0);
  pending = create (f, f->customer, "Waiting", CD_PRIORITY_HIGH, 0);
  set_status (f, pending, CD_TICKET_OPEN);
  set_status (f, pending, CD_TICKET_PENDING);

  now = cd_store_now (f->store) + 3 * 3600;
  model = list_new (f, CD_TICKET_QUEUE_ALL, NULL, NULL, TRUE);
  rules = cd_ticket_sla_rules_load (f->store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (cd_row_model_get_n_matches (model), ==, 4);
  for (guint i = 0; i < 4; i++)
    {
      g_autoptr(CdRow) row = g_list_model_get_item (G_LIST_MODEL (model), i);
      g_autoptr(CdTicket) ticket = cd_ticket_load (f->store, cd_row_get_id (row), &error);
      CdTicketSla from_row, from_ticket;

      g_assert_no_error (error);
      g_assert_true (cd_tickets_list_row_sla (rules, row, now, &from_row, &error));
      g_assert_no_error (error);
      g_assert_true (cd_ticket_sla (f->store, ticket, now, &from_ticket, &error));
      g_assert_no_error (error);
      g_assert_cmpint (from_row.has_resolution, ==, from_ticket.has_resolution);
      g_assert_cmpint (from_row.resolution_state, ==, from_ticket.resolution_state);
      g_assert_cmpint (from_row.resolution_left, ==, from_ticket.resolution_left);
      g_assert_cmpint (from_row.resolution_paused, ==, from_ticket.resolution_paused);
      g_assert_cmpint (from_row.first_response_state, ==, from_ticket.first_response_state);
      g_assert_cmpint (from_row.first_response_left, ==, from_ticket.first_response_left);
      g_assert_cmpint (from_row.resolution_paused, ==, cd_row_get_id (row) == pending);
    }
}

/* /core/tickets/list/kinds ------------------------------------------------------- */

static void
test_kinds (void)
{
  const char * const *kinds = cd_tickets_list_get_kinds ();

  /* What the rows show: the tickets, the names of customers and staff, and
   * the SLA rules their clocks are judged by. */
  g_assert_true (g_strv_contains (kinds, CD_CHANGE_TICKETS));
  g_assert_true (g_strv_contains (kinds, CD_CHANGE_CUSTOMERS));
  g_assert_true (g_strv_contains (kinds, CD_CHANGE_STAFF));
  g_assert_true (g_strv_contains (kinds, CD_CHANGE_SLA_POLICIES));
  g_assert_true (g_strv_contains (kinds, CD_CHANGE_CALENDARS));
  g_assert_true (g_strv_contains (kinds, CD_CHANGE_HOLIDAYS));
  /* Not our own drafts and heartbeats. */
  g_assert_false (g_strv_contains (kinds, CD_CHANGE_DRAFTS));
  g_assert_false (g_strv_contains (kinds, CD_CHANGE_PRESENCE));
}

/* /core/tickets/counts/async ------------------------------------------------------- */

typedef struct {
  gboolean done;
  gboolean ok;
  gint64   counts[CD_TICKET_N_QUEUES];
  GError  *error;
  GThread *thread;
} CountsResult;

static void
counts_done_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  CountsResult *r = user_data;

  r->ok = cd_tickets_count_queues_finish (CD_STORE (source), result, r->counts, &r->error);
  r->thread = g_thread_self ();
  r->done = TRUE;
}

static void
test_counts_async (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  CountsResult r = { 0, };
  CountsResult cancelled = { 0, };
  gint64 sync[CD_TICKET_N_QUEUES];
  gint64 id;

  create (f, f->customer, "Mine", CD_PRIORITY_HIGH, f->me);
  create (f, f->customer, "Nobody's", CD_PRIORITY_NORMAL, 0);
  id = create (f, f->customer, "Done", CD_PRIORITY_NORMAL, 0);
  set_status (f, id, CD_TICKET_OPEN);
  set_status (f, id, CD_TICKET_RESOLVED);

  g_assert_true (cd_tickets_queue_counts (f->store, sync, &error));
  g_assert_no_error (error);
  g_assert_cmpint (sync[CD_TICKET_QUEUE_MINE], ==, 1);
  g_assert_cmpint (sync[CD_TICKET_QUEUE_UNASSIGNED], ==, 1);
  g_assert_cmpint (sync[CD_TICKET_QUEUE_STATUS_RESOLVED], ==, 1);
  g_assert_cmpint (sync[CD_TICKET_QUEUE_ALL], ==, 3);

  /* On the worker, as the signed-in person (Mine is theirs), with the
   * result on the caller's thread. */
  cd_tickets_count_queues_async (f->store, NULL, counts_done_cb, &r);
  while (!r.done)
    g_main_context_iteration (NULL, TRUE);
  g_assert_no_error (r.error);
  g_assert_true (r.ok);
  g_assert_true (r.thread == g_thread_self ());
  for (guint q = 0; q < CD_TICKET_N_QUEUES; q++)
    g_assert_cmpint (r.counts[q], ==, sync[q]);

  g_cancellable_cancel (cancellable);
  cd_tickets_count_queues_async (f->store, cancellable, counts_done_cb, &cancelled);
  while (!cancelled.done)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (cancelled.ok);
  g_assert_error (cancelled.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&cancelled.error);
}

/* /core/tickets/categories ------------------------------------------------------ */

static void
test_categories (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) categories = NULL;
  const char *names[] = { "network", "Billing", "Returns" };

  categories = cd_ticket_categories_list (f->store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (categories->len, ==, 0);
  g_clear_pointer (&categories, g_ptr_array_unref);

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      const CdField field[] = { { "name", names[i] } };

      g_assert_cmpint (cd_store_insert (f->store, "ticket_categories", field, 1, &error), >, 0);
      g_assert_no_error (error);
    }
  categories = cd_ticket_categories_list (f->store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (categories->len, ==, 3);
  /* By name, whatever the case. */
  g_assert_cmpstr (((CdTicketCategory *) g_ptr_array_index (categories, 0))->name, ==, "Billing");
  g_assert_cmpstr (((CdTicketCategory *) g_ptr_array_index (categories, 1))->name, ==, "network");
  g_assert_cmpstr (((CdTicketCategory *) g_ptr_array_index (categories, 2))->name, ==, "Returns");
  g_assert_cmpint (((CdTicketCategory *) g_ptr_array_index (categories, 0))->id, >, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  /* As an application's main loop does for as long as it runs: the
   * store's workers then hand their results to this thread. */
  g_main_context_acquire (g_main_context_default ());

#define ADD(path, fn) \
  g_test_add (path, Fixture, NULL, fixture_set_up, fn, fixture_tear_down)

  ADD ("/core/tickets/list/queues-and-search", test_queues_and_search);
  ADD ("/core/tickets/list/keep-rows", test_keep_rows);
  ADD ("/core/tickets/list/sort", test_sort);
  ADD ("/core/tickets/list/most-tickets", test_most_tickets);
  ADD ("/core/tickets/list/large-prefix", test_large_prefix);
  ADD ("/core/tickets/list/row-sla", test_row_sla);
  g_test_add_func ("/core/tickets/list/kinds", test_kinds);
  ADD ("/core/tickets/counts/async", test_counts_async);
  ADD ("/core/tickets/categories", test_categories);

  return g_test_run ();
}
