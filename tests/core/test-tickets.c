/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "caredesk-test-tickets"

#include "config.h"

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <string.h>

#include "cd-sla.h"
#include "cd-store.h"
#include "cd-tickets.h"
#include "cd-tickets-private.h"

/* Monday to Friday, 09:00-18:00 in Shanghai; 2024-03-11 (a Monday) is a
 * holiday. 2024-03-04 and 2024-03-11 are Mondays. */
#define TZ_ID "Asia/Shanghai"
#define WEEK  "09:00-18:00;09:00-18:00;09:00-18:00;09:00-18:00;09:00-18:00;;"
#define HOLIDAY "2024-03-11"

#define WORKER_ARG "--create-worker"
#define N_WORKERS 4
#define TICKETS_PER_WORKER 50

typedef struct {
  char    *dir;
  char    *path;
  CdStore *store;

  gint64   admin, lead, rep1, rep2;
  gint64   calendar;
  gint64   acme, bigco;       /* tiers general and strategic */
  gint64   billing, network;  /* network needs a certification */
  gint64   cert;
} Fixture;

static gint64
at (int y, int mo, int d, int h, int mi)
{
  g_autoptr(GTimeZone) tz = g_time_zone_new_identifier (TZ_ID);
  g_autoptr(GDateTime) dt = NULL;

  g_assert_nonnull (tz);
  dt = g_date_time_new (tz, y, mo, d, h, mi, 0);
  return g_date_time_to_unix (dt);
}

static CdSlaCalendar *
test_calendar (void)
{
  const char *holidays[] = { HOLIDAY, NULL };
  g_autoptr(GError) error = NULL;
  CdSlaCalendar *calendar = cd_sla_calendar_new (TZ_ID, WEEK, holidays, &error);

  g_assert_no_error (error);
  return calendar;
}

/* Inserts a row from (column, value) pairs ending with NULL. */
static gint64
insert (CdStore    *store,
        const char *table,
        ...)
{
  g_autoptr(GArray) fields = g_array_new (FALSE, FALSE, sizeof (CdField));
  g_autoptr(GError) error = NULL;
  const char *column;
  va_list ap;
  gint64 id;

  va_start (ap, table);
  while ((column = va_arg (ap, const char *)) != NULL)
    {
      CdField f;
      f.column = column;
      f.value = va_arg (ap, const char *);
      g_array_append_val (fields, f);
    }
  va_end (ap);

  id = cd_store_insert (store, table, (const CdField *) fields->data, fields->len, &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  return id;
}

static char *
num (gint64 value)
{
  return g_strdup_printf ("%" G_GINT64_FORMAT, value);
}

static void
sign_in (CdStore    *store,
         const char *login)
{
  g_autoptr(GError) error = NULL;

  cd_store_sign_in (store, login, NULL, &error);
  g_assert_no_error (error);
}

static CdStore *
open_store (const char *path)
{
  g_autoptr(GError) error = NULL;
  CdStore *store = cd_store_open (path, CD_STORE_OPEN_CREATE | CD_STORE_OPEN_NO_WATCH, &error);

  g_assert_no_error (error);
  g_assert_nonnull (store);
  return store;
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *cal = NULL;
  g_autofree char *cert = NULL;
  g_autofree char *cat = NULL;
  g_autofree char *r1 = NULL;
  g_autofree char *r2 = NULL;
  g_autofree char *ld = NULL;
  g_autofree char *issued = NULL;
  g_autofree char *expires = NULL;
  g_autofree char *expired = NULL;
  g_autofree char *revoked = NULL;

  f->dir = g_dir_make_tmp ("caredesk-tickets-XXXXXX", &error);
  g_assert_no_error (error);
  f->path = g_build_filename (f->dir, "caredesk.db", NULL);
  f->store = open_store (f->path);
  cd_store_set_now (f->store, at (2024, 3, 1, 9, 0));

  /* The first person on a fresh file becomes its admin. */
  cd_store_sign_in (f->store, "admin", "Admin", &error);
  g_assert_no_error (error);
  f->admin = cd_store_get_staff_id (f->store);
  f->lead = insert (f->store, "staff", "login", "lead", "display_name", "Li Na", "role", "lead", NULL);
  f->rep1 = insert (f->store, "staff", "login", "rep1", "display_name", "Wang Wei", "role", "rep", NULL);
  f->rep2 = insert (f->store, "staff", "login", "rep2", "display_name", "Zhang Min", "role", "rep", NULL);

  f->calendar = insert (f->store, "business_calendars", "name", "Shanghai office",
                        "timezone", TZ_ID, "week_schedule", WEEK, NULL);
  cal = num (f->calendar);
  insert (f->store, "holidays", "calendar_id", cal, "day", HOLIDAY, "name", "Office holiday", NULL);
  insert (f->store, "sla_policies", "priority", "normal", "first_response_minutes", "120",
          "resolution_minutes", "960", "calendar_id", cal, NULL);
  insert (f->store, "sla_policies", "priority", "urgent", "first_response_minutes", "30",
          "resolution_minutes", "240", "calendar_id", cal, NULL);
  insert (f->store, "sla_policies", "priority", "normal", "tier", "strategic",
          "first_response_minutes", "60", "resolution_minutes", "480", "calendar_id", cal, NULL);

  f->acme = insert (f->store, "customers", "name", "Acme", "tier", "general", NULL);
  f->bigco = insert (f->store, "customers", "name", "Big Co", "tier", "strategic", NULL);

  f->billing = insert (f->store, "ticket_categories", "name", "Billing", NULL);
  f->network = insert (f->store, "ticket_categories", "name", "Network", NULL);
  f->cert = insert (f->store, "certifications", "name", "Network Basics", NULL);
  cert = num (f->cert);
  cat = num (f->network);
  insert (f->store, "certification_categories", "certification_id", cert, "category_id", cat, NULL);

  r1 = num (f->rep1);
  r2 = num (f->rep2);
  ld = num (f->lead);
  issued = num (at (2023, 1, 1, 0, 0));
  expires = num (at (2026, 1, 1, 0, 0));
  expired = num (at (2024, 1, 1, 0, 0));
  revoked = num (at (2023, 6, 1, 0, 0));
  /* rep1 holds it; rep2's has expired; the lead's was revoked. */
  insert (f->store, "staff_certifications", "staff_id", r1, "certification_id", cert,
          "issued_at", issued, "expires_at", expires, NULL);
  insert (f->store, "staff_certifications", "staff_id", r2, "certification_id", cert,
          "issued_at", issued, "expires_at", expired, NULL);
  insert (f->store, "staff_certifications", "staff_id", ld, "certification_id", cert,
          "issued_at", issued, "expires_at", expires, "revoked_at", revoked, NULL);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GDir) dir = NULL;
  const char *name;

  g_clear_object (&f->store);
  /* The database, its journal and any backups the store wrote. */
  dir = g_dir_open (f->dir, 0, NULL);
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *file = g_build_filename (f->dir, name, NULL);
      g_unlink (file);
    }
  g_assert_cmpint (g_rmdir (f->dir), ==, 0);
  g_free (f->path);
  g_free (f->dir);
}

static gint64
create (Fixture    *f,
        gint64      customer,
        CdPriority  priority,
        gint64      category,
        gint64      assignee)
{
  g_autoptr(GError) error = NULL;
  gint64 id = cd_ticket_create (f->store, customer, "Printer offline", "It stopped after the update.",
                                CD_CHANNEL_PHONE, category, priority, assignee, &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  return id;
}

static CdTicket *
load (Fixture *f,
      gint64   id)
{
  g_autoptr(GError) error = NULL;
  CdTicket *t = cd_ticket_load (f->store, id, &error);

  g_assert_no_error (error);
  g_assert_nonnull (t);
  return t;
}

static void
set_status (Fixture         *f,
            gint64           id,
            CdTicketStatus   status)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CdTicket) t = load (f, id);

  cd_ticket_set_status (f->store, id, t->version, status, &error);
  g_assert_no_error (error);
}

static gboolean
try_status (Fixture         *f,
            gint64           id,
            CdTicketStatus   status,
            GError         **error)
{
  g_autoptr(CdTicket) t = load (f, id);
  return cd_ticket_set_status (f->store, id, t->version, status, error);
}

static gint64
db_int (Fixture    *f,
        const char *sql,
        gint64      bind)
{
  g_autoptr(GError) error = NULL;
  gint64 v = cd_store_query_int (f->store, sql, bind, -1, &error);

  g_assert_no_error (error);
  return v;
}

/* Numbers ---------------------------------------------------------------- */

static void
test_number (void)
{
  g_autofree char *a = cd_ticket_format_number (123);
  g_autofree char *b = cd_ticket_format_number (1);
  g_autofree char *c = cd_ticket_format_number (1234567);

  g_assert_cmpstr (a, ==, "T-000123");
  g_assert_cmpstr (b, ==, "T-000001");
  g_assert_cmpstr (c, ==, "T-1234567");

  g_assert_cmpint (cd_ticket_parse_number ("T-000123"), ==, 123);
  g_assert_cmpint (cd_ticket_parse_number ("123"), ==, 123);
  g_assert_cmpint (cd_ticket_parse_number ("  t-42 "), ==, 42);
  g_assert_cmpint (cd_ticket_parse_number ("#7"), ==, 7);
  g_assert_cmpint (cd_ticket_parse_number ("T000009"), ==, 9);
  g_assert_cmpint (cd_ticket_parse_number ("T-1234567"), ==, 1234567);
  g_assert_cmpint (cd_ticket_parse_number (a), ==, 123);

  g_assert_cmpint (cd_ticket_parse_number (NULL), ==, 0);
  g_assert_cmpint (cd_ticket_parse_number (""), ==, 0);
  g_assert_cmpint (cd_ticket_parse_number ("T-"), ==, 0);
  g_assert_cmpint (cd_ticket_parse_number ("T-0"), ==, 0);
  g_assert_cmpint (cd_ticket_parse_number ("12a"), ==, 0);
  g_assert_cmpint (cd_ticket_parse_number ("-12"), ==, 0);
  g_assert_cmpint (cd_ticket_parse_number ("T--12"), ==, 0);
  g_assert_cmpint (cd_ticket_parse_number ("1 2"), ==, 0);
  g_assert_cmpint (cd_ticket_parse_number ("99999999999999999999"), ==, 0);
}

/* Creation --------------------------------------------------------------- */

static void
test_create_deadlines (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CdTicket) t = NULL;
  g_autoptr(CdTicket) s = NULL;
  g_autoptr(CdTicket) l = NULL;
  g_autoptr(GPtrArray) events = NULL;
  gint64 id;

  /* Friday 17:00: one business hour left this week, Monday is a holiday. */
  cd_store_set_now (f->store, at (2024, 3, 8, 17, 0));

  id = create (f, f->acme, CD_PRIORITY_NORMAL, 0, 0);
  t = load (f, id);
  g_assert_cmpstr (t->number, ==, "T-000001");
  g_assert_cmpint (t->status, ==, CD_TICKET_NEW);
  g_assert_cmpint (t->created_by, ==, f->admin);
  g_assert_cmpstr (t->created_by_name, ==, "Admin");
  g_assert_cmpstr (t->customer_name, ==, "Acme");
  g_assert_cmpint (t->created_at, ==, at (2024, 3, 8, 17, 0));
  g_assert_cmpint (t->version, ==, 1);
  /* 2 h: Fri 17-18, then Tuesday 09-10. */
  g_assert_cmpint (t->first_response_due, ==, at (2024, 3, 12, 10, 0));
  /* 16 h: Fri 1 h, Tue 9 h, Wed 6 h. */
  g_assert_cmpint (t->resolution_due, ==, at (2024, 3, 13, 15, 0));

  /* A strategic customer has its own row for this priority: 1 h and 8 h. */
  s = load (f, create (f, f->bigco, CD_PRIORITY_NORMAL, 0, 0));
  g_assert_cmpint (s->customer_tier, ==, CD_TIER_STRATEGIC);
  g_assert_cmpint (s->first_response_due, ==, at (2024, 3, 8, 18, 0));
  g_assert_cmpint (s->resolution_due, ==, at (2024, 3, 12, 16, 0));

  /* No policy for "low": no deadlines. */
  l = load (f, create (f, f->acme, CD_PRIORITY_LOW, 0, 0));
  g_assert_cmpint (l->first_response_due, ==, 0);
  g_assert_cmpint (l->resolution_due, ==, 0);

  events = cd_ticket_timeline (f->store, id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (events->len, ==, 1);
  g_assert_cmpstr (((CdTicketEvent *) events->pdata[0])->kind, ==, "status");
  g_assert_cmpstr (((CdTicketEvent *) events->pdata[0])->new_value, ==, "new");
  g_assert_cmpstr (((CdTicketEvent *) events->pdata[0])->author_name, ==, "Admin");
  /* The insert is audited with the store's audit rows. */
  g_assert_cmpint (db_int (f, "SELECT count(*) FROM audit_log WHERE entity = 'tickets' AND entity_id = ?1", id),
                   >, 0);
}

static void
test_create_validation (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) long_subject = g_string_new (NULL);
  g_autofree char *long_description = NULL;
  g_autoptr(CdTicket) t = NULL;
  gint64 id;

  id = cd_ticket_create (f->store, f->acme, "   ", NULL, CD_CHANNEL_EMAIL, 0, CD_PRIORITY_NORMAL, 0, &error);
  g_assert_error (error, CD_STORE_ERROR, CD_STORE_ERROR_INVALID);
  g_assert_cmpint (id, ==, 0);
  g_clear_error (&error);

  /* 300 characters (not bytes) are allowed, 301 are not. */
  for (int i = 0; i < 300; i++)
    g_string_append (long_subject, "票");
  id = cd_ticket_create (f->store, f->acme, long_subject->str, NULL, CD_CHANNEL_EMAIL, 0,
                         CD_PRIORITY_NORMAL, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  g_string_append (long_subject, "x");
  id = cd_ticket_create (f->store, f->acme, long_subject->str, NULL, CD_CHANNEL_EMAIL, 0,
                         CD_PRIORITY_NORMAL, 0, &error);
  g_assert_error (error, CD_STORE_ERROR, CD_STORE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "301"));
  g_clear_error (&error);

  long_description = g_strnfill (CD_TICKET_DESCRIPTION_MAX_CHARS + 1, 'a');
  id = cd_ticket_create (f->store, f->acme, "Subject", long_description, CD_CHANNEL_EMAIL, 0,
                         CD_PRIORITY_NORMAL, 0, &error);
  g_assert_error (error, CD_STORE_ERROR, CD_STORE_ERROR_INVALID);
  g_clear_error (&error);
  long_description[CD_TICKET_DESCRIPTION_MAX_CHARS] = '\0';
  id = cd_ticket_create (f->store, f->acme, "  Subject  ", long_description, CD_CHANNEL_EMAIL, 0,
                         CD_PRIORITY_NORMAL, 0, &error);
  g_assert_no_error (error);
  t = load (f, id);
  g_assert_cmpstr (t->subject, ==, "Subject");
  g_assert_cmpint (t->channel, ==, CD_CHANNEL_EMAIL);

  id = cd_ticket_create (f->store, 9999, "Subject", NULL, CD_CHANNEL_EMAIL, 0, CD_PRIORITY_NORMAL, 0, &error);
  g_assert_error (error, CD_STORE_ERROR, CD_STORE_ERROR_INVALID);
  g_assert_cmpint (id, ==, 0);
  g_clear_error (&error);

  id = cd_ticket_create (f->store, f->acme, "Subject", NULL, CD_CHANNEL_EMAIL, 9999, CD_PRIORITY_NORMAL, 0, &error);
  g_assert_error (error, CD_STORE_ERROR, CD_STORE_ERROR_INVALID);
  g_clear_error (&error);

  /* A rep may create a ticket for themselves, not for someone else. */
  sign_in (f->store, "rep1");
  id = cd_ticket_create (f->store, f->acme, "Subject", NULL, CD_CHANNEL_EMAIL, 0, CD_PRIORITY_NORMAL, f->rep2, &error);
  g_assert_error (error, CD_STORE_ERROR, CD_STORE_ERROR_PERMISSION);
  g_clear_error (&error);
  id = cd_ticket_create (f->store, f->acme, "Subject", NULL, CD_CHANNEL_EMAIL, 0, CD_PRIORITY_NORMAL, f->rep1, &error);
  g_assert_no_error (error);
  g_clear_pointer (&t, cd_ticket_free);
  t = load (f, id);
  g_assert_cmpint (t->assignee_id, ==, f->rep1);
  g_assert_cmpstr (t->assignee_name, ==, "Wang Wei");

  /* Nothing half-written was left behind by the refusals. */
  g_assert_cmpint (db_int (f, "SELECT count(*) FROM tickets", CD_NO_BIND), ==, 3);
}

/* Workflow --------------------------------------------------------------- */

static void
test_workflow_matrix (void)
{
  /* rows: from; columns: to (new, open, pending, resolved, closed) */
  static const gboolean allowed[5][5] = {
    { FALSE, TRUE,  FALSE, FALSE, FALSE },  /* new */
    { FALSE, FALSE, TRUE,  TRUE,  FALSE },  /* open */
    { FALSE, TRUE,  FALSE, TRUE,  FALSE },  /* pending */
    { FALSE, TRUE,  FALSE, FALSE, TRUE  },  /* resolved */
    { FALSE, TRUE,  FALSE, FALSE, FALSE },  /* closed */
  };

  for (int from = 0; from < 5; from++)
    for (int to = 0; to < 5; to++)
      g_assert_cmpint (cd_ticket_status_can_change (from, to), ==, allowed[from][to]);
}

static void
test_workflow (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CdTicket) t = NULL;
  g_autoptr(GPtrArray) events = NULL;
  gint64 id;
  CdTicketEvent *e;

  cd_store_set_now (f->store, at (2024, 3, 4, 10, 0));
  id = create (f, f->acme, CD_PRIORITY_NORMAL, 0, 0);

  g_assert_false (try_status (f, id, CD_TICKET_PENDING, &error));
  g_assert_error (error, CD_STORE_ERROR, CD_STORE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "New"));
  g_clear_error (&error);
  g_assert_false (try_status (f, id, CD_TICKET_RESOLVED, &error));
  g_assert_error (error, CD_STORE_ERROR, CD_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (try_status (f, id, CD_TICKET_CLOSED, &error));
  g_assert_error (error, CD_STORE_ERROR, CD_STORE_ERROR_INVALID);
  g_clear_error (&error);

  set_status (f, id, CD_TICKET_OPEN);
  g_assert_false (try_status (f, id, CD_TICKET_OPEN, &error));
  g_assert_error (error, CD_STORE_ERROR, CD_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (try_status (f, id, CD_TICKET_NEW, &error));
  g_assert_error (error, CD_STORE_ERROR, CD_STORE_ERROR_INVALID);
  g_clear_error (&error);

  set_status (f, id, CD_TICKET_PENDING);
  set_status (f, id, CD_TICKET_OPEN);
  set_status (f, id, CD_TICKET_PENDING);
  cd_store_set_now (f->store, at (2024, 3, 4, 15, 0));
  set_status (f, id, CD_TICKET_RESOLVED);
  t = load (f, id);
  g_assert_cmpint (t->status, ==, CD_TICKET_RESOLVED);
  g_assert_cmpint (t->resolved_at, ==, at (2024, 3, 4, 15, 0));
  g_assert_cmpint (t->pending_since, ==, 0);

  g_assert_false (try_status (f, id, CD_TICKET_PENDING, &error));
  g_assert_error (error, CD_STORE_ERROR, CD_STORE_ERROR_INVALID);
  g_clear_error (&error);

  cd_store_set_now (f->store, at (2024, 3, 5, 9, 0));
  set_status (f, id, CD_TICKET_CLOSED);
  g_clear_pointer (&t, cd_ticket_free);
  t = load (f, id);
  g_assert_cmpint (t->closed_at, ==, at (2024, 3, 5, 9, 0));
  g_assert_false (try_status (f, id, CD_TICKET_RESOLVED, &error));
  g_assert_error (error, CD_STORE_ERROR, CD_STORE_ERROR_INVALID);
  g_clear_error (&error);

  /* Reopen from closed, then resolve and reopen from resolved. */
  set_status (f, id, CD_TICKET_OPEN);
  g_clear_pointer (&t, cd_ticket_free);
  t = load (f, id);
  g_assert_cmpint (t->reopen_count, ==, 1);
  g_assert_cmpint (t->resolved_at, ==, 0);
  g_assert_cmpint (t->closed_at, ==, 0);
  set_status (f, id, CD_TICKET_RESOLVED);
  set_status (f, id, CD_TICKET_OPEN);
  g_clear_pointer (&t, cd_ticket_free);
  t = load (f, id);
  g_assert_cmpint (t->reopen_count, ==, 2);

  events = cd_ticket_timeline (f->store, id, &error);
  g_assert_no_error (error);
  /* created + 9 changes, newest first */
  g_assert_cmpuint (events->len, ==, 10);
  e = events->pdata[0];
  g_assert_cmpstr (e->kind, ==, "status");
  g_assert_cmpstr (e->old_value, ==, "resolved");
  g_assert_cmpstr (e->new_value, ==, "open");
  g_assert_cmpint (e->author_id, ==, f->admin);
  e = events->pdata[events->len - 1];
  g_assert_cmpstr (e->new_value, ==, "new");
  g_assert_null (e->old_value);
  /* Every status change is audited. */
  g_assert_cmpint (db_int (f, "SELECT count(*) FROM audit_log WHERE entity = 'tickets' AND entity_id = ?1"
                              " AND field = 'status' AND action = 'update'", id), ==, 9);
}

static void
test_pending_pauses_clock (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CdTicket) t = NULL;
  g_autoptr(CdSlaCalendar) calendar = test_calendar ();
  CdTicketSla sla;
  gint64 id, due_before, fr_due;
  gint64 counts[CD_TICKET_N_QUEUES];

  /* Monday 10:00; 16 business hours: Mon 8 h + Tue 8 h → Tue 17:00. */
  cd_store_set_now (f->store, at (2024, 3, 4, 10, 0));
  id = create (f, f->acme, CD_PRIORITY_NORMAL, 0, 0);
  set_status (f, id, CD_TICKET_OPEN);
  t = load (f, id);
  due_before = t->resolution_due;
  fr_due = t->first_response_due;
  g_assert_cmpint (due_before, ==, at (2024, 3, 5, 17, 0));

  cd_store_set_now (f->store, at (2024, 3, 4, 14, 0));
  set_status (f, id, CD_TICKET_PENDING);
  g_clear_pointer (&t, cd_ticket_free);
  t = load (f, id);
  g_assert_cmpint (t->pending_since, ==, at (2024, 3, 4, 14, 0));

  /* While pending the clock stands still: at Tuesday 16:00 (an hour
   * before the old deadline) it still has Monday 14-18 and Tuesday's 8 h. */
  g_assert_true (cd_ticket_sla (f->store, t, at (2024, 3, 5, 16, 0), &sla, &error));
  g_assert_no_error (error);
  g_assert_true (sla.resolution_paused);
  g_assert_cmpint (sla.resolution_state, ==, CD_SLA_STATE_OK);
  g_assert_cmpint (sla.resolution_left, ==, 12 * 3600);
  cd_store_set_now (f->store, at (2024, 3, 5, 16, 30));
  g_assert_true (cd_tickets_queue_counts (f->store, counts, &error));
  g_assert_no_error (error);
  g_assert_cmpint (counts[CD_TICKET_QUEUE_AT_RISK], ==, 0);
  g_assert_cmpint (counts[CD_TICKET_QUEUE_BREACHED], ==, 0);

  /* Back to open on Tuesday 11:00 after Mon 14-18 + Tue 09-11 = 6 h. */
  cd_store_set_now (f->store, at (2024, 3, 5, 11, 0));
  set_status (f, id, CD_TICKET_OPEN);
  g_clear_pointer (&t, cd_ticket_free);
  t = load (f, id);
  g_assert_cmpint (t->pending_since, ==, 0);
  g_assert_cmpint (t->paused_seconds, ==, 6 * 3600);
  g_assert_cmpint (cd_sla_business_seconds_between (calendar, due_before, t->resolution_due), ==, 6 * 3600);
  /* Tue 17-18 and Wed 09-14. */
  g_assert_cmpint (t->resolution_due, ==, at (2024, 3, 6, 14, 0));
  g_assert_cmpint (t->first_response_due, ==, fr_due);

  /* A second spell adds up: pending Wed 09:00 → resolved Wed 10:30. */
  cd_store_set_now (f->store, at (2024, 3, 6, 9, 0));
  set_status (f, id, CD_TICKET_PENDING);
  cd_store_set_now (f->store, at (2024, 3, 6, 10, 30));
  set_status (f, id, CD_TICKET_RESOLVED);
  g_clear_pointer (&t, cd_ticket_free);
  t = load (f, id);
  g_assert_cmpint (t->paused_seconds, ==, 6 * 3600 + 90 * 60);
  g_assert_cmpint (t->resolution_due, ==, at (2024, 3, 6, 15, 30));
  g_assert_true (cd_ticket_sla (f->store, t, at (2024, 3, 8, 9, 0), &sla, &error));
  g_assert_cmpint (sla.resolution_state, ==, CD_SLA_STATE_MET);
  g_assert_false (sla.resolution_paused);
}

/* Notes ------------------------------------------------------------------ */

static void
test_first_response (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CdTicket) t = NULL;
  g_autoptr(GPtrArray) events = NULL;
  gint64 id, call_ticket, note_id;
  CdTicketSla sla;

  cd_store_set_now (f->store, at (2024, 3, 4, 10, 0));
  id = create (f, f->acme, CD_PRIORITY_NORMAL, 0, 0);

  cd_store_set_now (f->store, at (2024, 3, 4, 10, 20));
  note_id = cd_ticket_add_note (f->store, id, "Checked the logs, looks like the driver.", FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpint (note_id, >, 0);
  t = load (f, id);
  g_assert_cmpint (t->first_response_at, ==, 0);
  g_assert_cmpint (t->status, ==, CD_TICKET_NEW);
  g_assert_cmpint (t->interaction_count, ==, 0);
  g_assert_cmpint (t->version, ==, 1);  /* an internal note never makes a copy stale */

  cd_store_set_now (f->store, at (2024, 3, 4, 10, 45));
  cd_ticket_add_note (f->store, id, "Dear customer, please restart the printer.", TRUE, &error);
  g_assert_no_error (error);
  g_clear_pointer (&t, cd_ticket_free);
  t = load (f, id);
  g_assert_cmpint (t->first_response_at, ==, at (2024, 3, 4, 10, 45));
  g_assert_cmpint (t->status, ==, CD_TICKET_OPEN);
  g_assert_cmpint (t->interaction_count, ==, 1);
  g_assert_true (cd_ticket_sla (f->store, t, at (2024, 3, 4, 11, 0), &sla, &error));
  g_assert_true (sla.has_first_response);
  g_assert_cmpint (sla.first_response_state, ==, CD_SLA_STATE_MET);

  cd_store_set_now (f->store, at (2024, 3, 4, 11, 30));
  cd_ticket_add_note (f->store, id, "Any news?", TRUE, &error);
  g_assert_no_error (error);
  g_clear_pointer (&t, cd_ticket_free);
  t = load (f, id);
  g_assert_cmpint (t->first_response_at, ==, at (2024, 3, 4, 10, 45));
  g_assert_cmpint (t->interaction_count, ==, 2);

  events = cd_ticket_timeline (f->store, id, &error);
  g_assert_no_error (error);
  /* newest first: note, status new→open, note, internal note, created */
  g_assert_cmpuint (events->len, ==, 5);
  g_assert_cmpstr (((CdTicketEvent *) events->pdata[0])->kind, ==, "note_public");
  g_assert_cmpstr (((CdTicketEvent *) events->pdata[0])->body, ==, "Any news?");
  g_assert_cmpstr (((CdTicketEvent *) events->pdata[1])->kind, ==, "status");
  g_assert_cmpstr (((CdTicketEvent *) events->pdata[1])->new_value, ==, "open");
  g_assert_cmpstr (((CdTicketEvent *) events->pdata[2])->kind, ==, "note_public");
  g_assert_cmpstr (((CdTicketEvent *) events->pdata[3])->kind, ==, "note_internal");
  g_assert_cmpint (((CdTicketEvent *) events->pdata[3])->id, ==, note_id);
  g_assert_cmpint (((CdTicketEvent *) events->pdata[3])->created_at, ==, at (2024, 3, 4, 10, 20));
  g_assert_cmpstr (((CdTicketEvent *) events->pdata[4])->kind, ==, "status");

  /* A logged call is a first response too. */
  call_ticket = create (f, f->acme, CD_PRIORITY_NORMAL, 0, 0);
  cd_ticket_log_call (f->store, call_ticket, "Called back, walked through the reset.", &error);
  g_assert_no_error (error);
  g_clear_pointer (&t, cd_ticket_free);
  t = load (f, call_ticket);
  g_assert_cmpint (t->first_response_at, ==, at (2024, 3, 4, 11, 30));
  g_assert_cmpint (t->status, ==, CD_TICKET_OPEN);
  g_assert_cmpint (t->interaction_count, ==, 1);

  /* Empty notes are refused; nothing is written. */
  g_assert_cmpint (cd_ticket_add_note (f->store, id, " \n ", TRUE, &error), ==, 0);
  g_assert_error (error, CD_STORE_ERROR, CD_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpint (cd_ticket_log_call (f->store, id, NULL, &error), ==, 0);
  g_assert_error (error, CD_STORE_ERROR, CD_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpint (cd_ticket_add_note (f->store, 9999, "Hello", TRUE, &error), ==, 0);
  g_assert_error (error, CD_STORE_ERROR, CD_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_cmpint (db_int (f, "SELECT count(*) FROM ticket_events WHERE ticket_id = ?1", id), ==, 5);
}

static void
test_first_contact_resolution (Fixture       *f,
                               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 one_call, two_notes, reopened, still_open, with_internal;
  CdTicket *t;

  cd_store_set_now (f->store, at (2024, 3, 4, 10, 0));

  one_call = create (f, f->acme, CD_PRIORITY_NORMAL, 0, 0);
  cd_ticket_log_call (f->store, one_call, "Solved on the phone.", &error);
  g_assert_no_error (error);
  set_status (f, one_call, CD_TICKET_RESOLVED);

  two_notes = create (f, f->acme, CD_PRIORITY_NORMAL, 0, 0);
  cd_ticket_add_note (f->store, two_notes, "First answer", TRUE, &error);
  cd_ticket_add_note (f->store, two_notes, "Second answer", TRUE, &error);
  g_assert_no_error (error);
  set_status (f, two_notes, CD_TICKET_RESOLVED);

  reopened = create (f, f->acme, CD_PRIORITY_NORMAL, 0, 0);
  cd_ticket_add_note (f->store, reopened, "Answer", TRUE, &error);
  g_assert_no_error (error);
  set_status (f, reopened, CD_TICKET_RESOLVED);
  set_status (f, reopened, CD_TICKET_OPEN);
  set_status (f, reopened, CD_TICKET_RESOLVED);

  still_open = create (f, f->acme, CD_PRIORITY_NORMAL, 0, 0);
  cd_ticket_add_note (f->store, still_open, "Answer", TRUE, &error);
  g_assert_no_error (error);

  with_internal = create (f, f->acme, CD_PRIORITY_NORMAL, 0, 0);
  cd_ticket_log_call (f->store, with_internal, "Call", &error);
  cd_ticket_add_note (f->store, with_internal, "Internal 1", FALSE, &error);
  cd_ticket_add_note (f->store, with_internal, "Internal 2", FALSE, &error);
  g_assert_no_error (error);
  set_status (f, with_internal, CD_TICKET_RESOLVED);
  set_status (f, with_internal, CD_TICKET_CLOSED);

  t = load (f, one_call);
  g_assert_true (cd_ticket_is_first_contact_resolution (t));
  cd_ticket_free (t);
  t = load (f, two_notes);
  g_assert_false (cd_ticket_is_first_contact_resolution (t));
  cd_ticket_free (t);
  t = load (f, reopened);
  g_assert_cmpint (t->interaction_count, ==, 1);
  g_assert_false (cd_ticket_is_first_contact_resolution (t));
  cd_ticket_free (t);
  t = load (f, still_open);
  g_assert_false (cd_ticket_is_first_contact_resolution (t));
  cd_ticket_free (t);
  t = load (f, with_internal);
  g_assert_true (cd_ticket_is_first_contact_resolution (t));
  cd_ticket_free (t);
}

/* Satisfaction ----------------------------------------------------------- */

static void
test_satisfaction (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CdTicket) t = NULL;
  g_autoptr(GPtrArray) events = NULL;
  gint64 id;

  cd_store_set_now (f->store, at (2024, 3, 4, 10, 0));
  id = create (f, f->acme, CD_PRIORITY_NORMAL, 0, 0);
  set_status (f, id, CD_TICKET_OPEN);

  t = load (f, id);
  g_assert_false (cd_ticket_set_satisfaction (f->store, id, t->version, 5, NULL, &error));
  g_assert_error (error, CD_STORE_ERROR, CD_STORE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "resolve"));
  g_clear_error (&error);

  set_status (f, id, CD_TICKET_RESOLVED);
  g_clear_pointer (&t, cd_ticket_free);
  t = load (f, id);
  g_assert_false (cd_ticket_set_satisfaction (f->store, id, t->version, 0, NULL, &error));
  g_assert_error (error, CD_STORE_ERROR, CD_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (cd_ticket_set_satisfaction (f->store, id, t->version, 6, NULL, &error));
  g_assert_error (error, CD_STORE_ERROR, CD_STORE_ERROR_INVALID);
  g_clear_error (&error);

  g_assert_true (cd_ticket_set_satisfaction (f->store, id, t->version, 5, "  Quick and friendly ", &error));
  g_assert_no_error (error);
  g_clear_pointer (&t, cd_ticket_free);
  t = load (f, id);
  g_assert_cmpint (t->satisfaction, ==, 5);
  g_assert_cmpstr (t->satisfaction_comment, ==, "Quick and friendly");

  set_status (f, id, CD_TICKET_CLOSED);
  g_clear_pointer (&t, cd_ticket_free);
  t = load (f, id);
  g_assert_true (cd_ticket_set_satisfaction (f->store, id, t->version, 4, NULL, &error));
  g_assert_no_error (error);
  g_clear_pointer (&t, cd_ticket_free);
  t = load (f, id);
  g_assert_cmpint (t->satisfaction, ==, 4);
  g_assert_null (t->satisfaction_comment);

  events = cd_ticket_timeline (f->store, id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (((CdTicketEvent *) events->pdata[0])->kind, ==, "satisfaction");
  g_assert_cmpstr (((CdTicketEvent *) events->pdata[0])->old_value, ==, "5");
  g_assert_cmpstr (((CdTicketEvent *) events->pdata[0])->new_value, ==, "4");
}

/* Assignment ------------------------------------------------------------- */

static void
test_assign_permissions (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CdTicket) t = NULL;
  g_autoptr(GPtrArray) events = NULL;
  gint64 id, other;
  CdTicketEvent *e;

  cd_store_set_now (f->store, at (2024, 3, 4, 10, 0));
  id = create (f, f->acme, CD_PRIORITY_NORMAL, f->billing, 0);
  other = create (f, f->acme, CD_PRIORITY_NORMAL, f->billing, 0);

  /* A rep takes an unassigned ticket. */
  sign_in (f->store, "rep1");
  t = load (f, id);
  g_assert_true (cd_ticket_assign (f->store, id, t->version, f->rep1, NULL, &error));
  g_assert_no_error (error);
  g_clear_pointer (&t, cd_ticket_free);
  t = load (f, id);
  g_assert_cmpint (t->assignee_id, ==, f->rep1);

  /* Another rep cannot take it from them, nor hand it on, nor drop it. */
  sign_in (f->store, "rep2");
  g_assert_false (cd_ticket_assign (f->store, id, t->version, f->rep2, NULL, &error));
  g_assert_error (error, CD_STORE_ERROR, CD_STORE_ERROR_PERMISSION);
  g_assert_nonnull (strstr (error->message, "Wang Wei"));
  g_clear_error (&error);
  g_assert_false (cd_ticket_assign (f->store, id, t->version, 0, NULL, &error));
  g_assert_error (error, CD_STORE_ERROR, CD_STORE_ERROR_PERMISSION);
  g_clear_error (&error);
  sign_in (f->store, "rep1");
  g_assert_false (cd_ticket_assign (f->store, id, t->version, f->rep2, NULL, &error));
  g_assert_error (error, CD_STORE_ERROR, CD_STORE_ERROR_PERMISSION);
  g_clear_error (&error);
  /* Nor assign an unassigned ticket to someone else. */
  sign_in (f->store, "rep2");
  g_assert_false (cd_ticket_assign (f->store, other, 1, f->rep1, NULL, &error));
  g_assert_error (error, CD_STORE_ERROR, CD_STORE_ERROR_PERMISSION);
  g_clear_error (&error);

  /* A lead re-assigns and unassigns. */
  sign_in (f->store, "lead");
  g_assert_true (cd_ticket_assign (f->store, id, t->version, f->rep2, "Wang Wei is on leave", &error));
  g_assert_no_error (error);
  g_clear_pointer (&t, cd_ticket_free);
  t = load (f, id);
  g_assert_cmpint (t->assignee_id, ==, f->rep2);
  g_assert_true (cd_ticket_assign (f->store, id, t->version, 0, NULL, &error));
  g_assert_no_error (error);
  g_clear_pointer (&t, cd_ticket_free);
  t = load (f, id);
  g_assert_cmpint (t->assignee_id, ==, 0);

  /* Assigning to the current assignee changes nothing. */
  g_assert_true (cd_ticket_assign (f->store, id, t->version, 0, NULL, &error));
  g_assert_no_error (error);

  events = cd_ticket_timeline (f->store, id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (events->len, ==, 4);
  e = events->pdata[0];
  g_assert_cmpstr (e->kind, ==, "assignment");
  g_assert_cmpstr (e->old_value, ==, "Zhang Min");
  g_assert_null (e->new_value);
  g_assert_cmpstr (e->author_name, ==, "Li Na");
  e = events->pdata[1];
  g_assert_cmpstr (e->old_value, ==, "Wang Wei");
  g_assert_cmpstr (e->new_value, ==, "Zhang Min");
  g_assert_cmpstr (e->body, ==, "Wang Wei is on leave");
  e = events->pdata[2];
  g_assert_null (e->old_value);
  g_assert_cmpstr (e->new_value, ==, "Wang Wei");
  g_assert_cmpstr (e->author_name, ==, "Wang Wei");
  g_assert_cmpint (db_int (f, "SELECT count(*) FROM audit_log WHERE entity = 'tickets' AND entity_id = ?1"
                              " AND field = 'assignee_id'", id), ==, 3);
}

static CdStaffWorkload *
find_workload (GPtrArray *rows,
               gint64     staff_id)
{
  for (guint i = 0; i < rows->len; i++)
    if (((CdStaffWorkload *) rows->pdata[i])->staff_id == staff_id)
      return rows->pdata[i];
  g_assert_not_reached ();
  return NULL;
}

static void
test_assign_certification (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CdTicket) t = NULL;
  g_autoptr(GPtrArray) events = NULL;
  g_autoptr(GPtrArray) workload = NULL;
  g_autofree char *needed = NULL;
  gint64 id, second;

  cd_store_set_now (f->store, at (2024, 3, 4, 10, 0));
  sign_in (f->store, "lead");
  id = create (f, f->acme, CD_PRIORITY_NORMAL, f->network, 0);
  second = create (f, f->acme, CD_PRIORITY_NORMAL, f->network, 0);

  needed = cd_ticket_category_certifications (f->store, f->network, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (needed, ==, "Network Basics");
  g_assert_null (cd_ticket_category_certifications (f->store, f->billing, &error));
  g_assert_no_error (error);

  /* rep2's certificate has expired: a reason is needed. */
  t = load (f, id);
  g_assert_false (cd_ticket_assign (f->store, id, t->version, f->rep2, "   ", &error));
  g_assert_error (error, CD_STORE_ERROR, CD_STORE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "Network Basics"));
  g_assert_nonnull (strstr (error->message, "reason"));
  g_clear_error (&error);
  g_assert_true (cd_ticket_assign (f->store, id, t->version, f->rep2, "Only one on shift tonight", &error));
  g_assert_no_error (error);
  events = cd_ticket_timeline (f->store, id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (((CdTicketEvent *) events->pdata[0])->kind, ==, "assignment");
  g_assert_cmpstr (((CdTicketEvent *) events->pdata[0])->body, ==, "Only one on shift tonight");

  /* The lead's was revoked: same rule for a lead taking it. */
  g_clear_pointer (&t, cd_ticket_free);
  t = load (f, second);
  g_assert_false (cd_ticket_assign (f->store, second, t->version, f->lead, NULL, &error));
  g_assert_error (error, CD_STORE_ERROR, CD_STORE_ERROR_INVALID);
  g_clear_error (&error);
  /* rep1 holds it: no reason needed. */
  g_assert_true (cd_ticket_assign (f->store, second, t->version, f->rep1, NULL, &error));
  g_assert_no_error (error);

  /* Creating a ticket assigned to someone without it is refused. */
  g_assert_cmpint (cd_ticket_create (f->store, f->acme, "Router", NULL, CD_CHANNEL_PHONE, f->network,
                                     CD_PRIORITY_NORMAL, f->rep2, &error), ==, 0);
  g_assert_error (error, CD_STORE_ERROR, CD_STORE_ERROR_INVALID);
  g_clear_error (&error);

  /* Once expired, rep1's certificate no longer counts either. */
  cd_store_set_now (f->store, at (2026, 1, 1, 0, 0));
  g_assert_false (cd_staff_is_certified_for (f->store, f->rep1, f->network, cd_store_now (f->store), &error));
  g_assert_no_error (error);
  cd_store_set_now (f->store, at (2024, 3, 4, 10, 0));

  workload = cd_tickets_workload (f->store, f->network, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (workload->len, ==, 4);
  g_assert_cmpstr (((CdStaffWorkload *) workload->pdata[0])->display_name, ==, "Admin");
  g_assert_true (find_workload (workload, f->rep1)->certified);
  g_assert_cmpint (find_workload (workload, f->rep1)->open_count, ==, 1);
  g_assert_false (find_workload (workload, f->rep2)->certified);
  g_assert_cmpint (find_workload (workload, f->rep2)->open_count, ==, 1);
  g_assert_false (find_workload (workload, f->lead)->certified);
  g_assert_cmpint (find_workload (workload, f->lead)->open_count, ==, 0);
  g_assert_cmpint (find_workload (workload, f->lead)->role, ==, CD_ROLE_LEAD);

  /* Resolved tickets are not workload; a category without a requirement
   * leaves everyone certified. */
  set_status (f, id, CD_TICKET_OPEN);
  set_status (f, id, CD_TICKET_RESOLVED);
  g_clear_pointer (&workload, g_ptr_array_unref);
  workload = cd_tickets_workload (f->store, f->billing, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < workload->len; i++)
    g_assert_true (((CdStaffWorkload *) workload->pdata[i])->certified);
  g_assert_cmpint (find_workload (workload, f->rep2)->open_count, ==, 0);
}

/* Escalation ------------------------------------------------------------- */

static void
test_escalate (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CdTicket) t = NULL;
  g_autoptr(GPtrArray) events = NULL;
  gint64 id, now, promise;
  CdTicketEvent *e;

  now = at (2024, 3, 4, 10, 0);
  promise = at (2024, 3, 5, 12, 0);
  cd_store_set_now (f->store, now);
  sign_in (f->store, "rep1");
  id = create (f, f->acme, CD_PRIORITY_URGENT, 0, 0);
  t = load (f, id);

  g_assert_false (cd_ticket_escalate (f->store, id, t->version, "Li Na", "  ", promise, &error));
  g_assert_error (error, CD_STORE_ERROR, CD_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (cd_ticket_escalate (f->store, id, t->version, "", "Needs a refund decision", promise, &error));
  g_assert_error (error, CD_STORE_ERROR, CD_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (cd_ticket_escalate (f->store, id, t->version, "Li Na", "Needs a refund decision", now, &error));
  g_assert_error (error, CD_STORE_ERROR, CD_STORE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "future"));
  g_clear_error (&error);
  g_assert_false (cd_ticket_escalate (f->store, id, t->version, "Li Na", "Needs a refund decision", 0, &error));
  g_assert_error (error, CD_STORE_ERROR, CD_STORE_ERROR_INVALID);
  g_clear_error (&error);

  g_assert_true (cd_ticket_escalate (f->store, id, t->version, " Finance department ",
                                     "Needs a refund decision", promise, &error));
  g_assert_no_error (error);
  g_clear_pointer (&t, cd_ticket_free);
  t = load (f, id);
  g_assert_cmpstr (t->escalated_to, ==, "Finance department");
  g_assert_cmpstr (t->escalation_reason, ==, "Needs a refund decision");
  g_assert_cmpint (t->escalation_due, ==, promise);

  events = cd_ticket_timeline (f->store, id, &error);
  g_assert_no_error (error);
  e = events->pdata[0];
  g_assert_cmpstr (e->kind, ==, "escalation");
  g_assert_cmpstr (e->new_value, ==, "Finance department");
  g_assert_cmpstr (e->body, ==, "Needs a refund decision");
  g_assert_cmpstr (e->author_name, ==, "Wang Wei");

  set_status (f, id, CD_TICKET_OPEN);
  set_status (f, id, CD_TICKET_RESOLVED);
  g_clear_pointer (&t, cd_ticket_free);
  t = load (f, id);
  g_assert_false (cd_ticket_escalate (f->store, id, t->version, "Li Na", "Again", promise, &error));
  g_assert_error (error, CD_STORE_ERROR, CD_STORE_ERROR_INVALID);
  g_clear_error (&error);
}

/* Drafts and presence ---------------------------------------------------- */

static void
test_drafts (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CdStore) other = NULL;
  g_autofree char *body = NULL;
  gint64 id, saved_at = 0;

  cd_store_set_now (f->store, at (2024, 3, 4, 10, 0));
  id = create (f, f->acme, CD_PRIORITY_NORMAL, 0, 0);

  /* Wang Wei on this desktop, Zhang Min on another one. */
  sign_in (f->store, "rep1");
  other = open_store (f->path);
  cd_store_set_now (other, at (2024, 3, 4, 10, 1));
  sign_in (other, "rep2");

  g_assert_true (cd_draft_save (f->store, "ticket", id, "Dear customer, the part", &error));
  g_assert_no_error (error);
  g_assert_true (cd_draft_save (other, "ticket", id, "Internal: ask finance", &error));
  g_assert_no_error (error);
  g_assert_true (cd_draft_save (other, "ticket", id, "Internal: ask finance first", &error));
  g_assert_no_error (error);
  /* Zhang Min also changes the ticket itself. */
  {
    g_autoptr(CdTicket) t = cd_ticket_load (other, id, &error);
    g_assert_no_error (error);
    g_assert_true (cd_ticket_set_status (other, id, t->version, CD_TICKET_OPEN, &error));
    g_assert_no_error (error);
  }

  body = cd_draft_load (f->store, "ticket", id, &saved_at, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (body, ==, "Dear customer, the part");
  g_assert_cmpint (saved_at, ==, at (2024, 3, 4, 10, 0));
  g_clear_pointer (&body, g_free);
  body = cd_draft_load (other, "ticket", id, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (body, ==, "Internal: ask finance first");
  g_clear_pointer (&body, g_free);

  /* Posting the note uses up only the author's own draft. */
  g_assert_cmpint (cd_ticket_add_note (f->store, id, "Dear customer, the part is on its way.", TRUE, &error), >, 0);
  g_assert_no_error (error);
  body = cd_draft_load (f->store, "ticket", id, NULL, &error);
  g_assert_no_error (error);
  g_assert_null (body);
  body = cd_draft_load (other, "ticket", id, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (body, ==, "Internal: ask finance first");
  g_clear_pointer (&body, g_free);

  /* Clearing (or saving empty text) removes only one's own. */
  g_assert_true (cd_draft_save (f->store, "ticket", id, "again", &error));
  g_assert_true (cd_draft_save (f->store, "ticket", id, "", &error));
  g_assert_no_error (error);
  g_assert_true (cd_draft_clear (f->store, "ticket", id, &error));
  g_assert_no_error (error);
  g_assert_cmpint (db_int (f, "SELECT count(*) FROM drafts", CD_NO_BIND), ==, 1);

  g_assert_false (cd_draft_save (f->store, "ticket; DROP TABLE drafts", id, "x", &error));
  g_assert_error (error, CD_STORE_ERROR, CD_STORE_ERROR_INVALID);
  g_clear_error (&error);
}

static void
test_presence (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CdStore) other = NULL;
  g_auto(GStrv) names = NULL;
  g_autofree char *text = NULL;
  gint64 id, t0;

  t0 = at (2024, 3, 4, 10, 0);
  cd_store_set_now (f->store, t0);
  id = create (f, f->acme, CD_PRIORITY_NORMAL, 0, 0);
  sign_in (f->store, "lead");
  other = open_store (f->path);
  sign_in (other, "rep1");
  cd_store_set_now (other, t0);

  g_assert_true (cd_presence_touch (f->store, "ticket", id, "desk-a", &error));
  g_assert_no_error (error);
  g_assert_true (cd_presence_touch (other, "ticket", id, "desk-b", &error));
  g_assert_no_error (error);

  /* Each sees the other, never themselves. */
  names = cd_presence_others (other, "ticket", id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_strv_length (names), ==, 1);
  g_assert_cmpstr (names[0], ==, "Li Na");
  text = cd_presence_describe ((const char *const *) names);
  g_assert_cmpstr (text, ==, "Li Na is editing");
  g_clear_pointer (&names, g_strfreev);
  names = cd_presence_others (f->store, "ticket", id, &error);
  g_assert_cmpuint (g_strv_length (names), ==, 1);
  g_assert_cmpstr (names[0], ==, "Wang Wei");
  g_clear_pointer (&names, g_strfreev);

  /* Another record is not affected. */
  names = cd_presence_others (other, "ticket", id + 1, &error);
  g_assert_cmpuint (g_strv_length (names), ==, 0);
  g_clear_pointer (&names, g_strfreev);

  /* A heartbeat is good for 60 s. */
  cd_store_set_now (other, t0 + 60);
  names = cd_presence_others (other, "ticket", id, &error);
  g_assert_cmpuint (g_strv_length (names), ==, 1);
  g_clear_pointer (&names, g_strfreev);
  cd_store_set_now (other, t0 + 61);
  names = cd_presence_others (other, "ticket", id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_strv_length (names), ==, 0);
  g_clear_pointer (&names, g_strfreev);

  /* The next heartbeat brings it back; leaving ends it at once. */
  cd_store_set_now (f->store, t0 + 20);
  g_assert_true (cd_presence_touch (f->store, "ticket", id, "desk-a", &error));
  names = cd_presence_others (other, "ticket", id, &error);
  g_assert_cmpuint (g_strv_length (names), ==, 1);
  g_clear_pointer (&names, g_strfreev);
  g_assert_true (cd_presence_leave (f->store, "ticket", id, "desk-a", &error));
  g_assert_no_error (error);
  names = cd_presence_others (other, "ticket", id, &error);
  g_assert_cmpuint (g_strv_length (names), ==, 0);
  g_clear_pointer (&names, g_strfreev);

  {
    const char *two[] = { "Li Na", "Wang Wei", NULL };
    const char *four[] = { "Li Na", "Wang Wei", "Zhang Min", "Admin", NULL };
    g_autofree char *a = cd_presence_describe (two);
    g_autofree char *b = cd_presence_describe (four);
    g_assert_cmpstr (a, ==, "Li Na and Wang Wei are editing");
    g_assert_cmpstr (b, ==, "Li Na and 3 others are editing");
    g_assert_null (cd_presence_describe (NULL));
  }
}

/* Queues ----------------------------------------------------------------- */

static gint64
create_at (Fixture    *f,
           gint64      when,
           gint64      customer,
           CdPriority  priority,
           gint64      assignee)
{
  cd_store_set_now (f->store, when);
  return create (f, customer, priority, 0, assignee);
}

static void
status_at (Fixture        *f,
           gint64          when,
           gint64          id,
           CdTicketStatus  status)
{
  cd_store_set_now (f->store, when);
  set_status (f, id, status);
}

/* Every EXPLAIN QUERY PLAN row that reads tickets uses an index, and
 * @index (if not NULL) is one of them. */
static void
assert_indexed (Fixture    *f,
                const char *sql,
                const char *index)
{
  g_autofree char *explain = g_strconcat ("EXPLAIN QUERY PLAN ", sql, NULL);
  sqlite3 *db = cd_store_get_db (f->store);
  sqlite3_stmt *stmt = NULL;
  gboolean any = FALSE;

  g_assert_cmpint (sqlite3_prepare_v2 (db, explain, -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      const char *detail = (const char *) sqlite3_column_text (stmt, 3);
      if (g_str_has_prefix (detail, "SCAN tickets") || g_str_has_prefix (detail, "SEARCH tickets") ||
          g_str_has_prefix (detail, "SCAN t ") || g_str_has_prefix (detail, "SEARCH t "))
        {
          any = TRUE;
          if (strstr (detail, "INDEX") == NULL)
            g_error ("Not indexed: %s\nfor %s", detail, sql);
          if (index != NULL && strstr (detail, index) == NULL)
            g_error ("Not using %s: %s\nfor %s", index, detail, sql);
        }
    }
  sqlite3_finalize (stmt);
  g_assert_true (any);
}

static gboolean
in_queue (Fixture       *f,
          CdTicketQueue  queue,
          gint64         id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CdTicketQueueFilter) filter = cd_ticket_queue_filter (f->store, queue, cd_store_now (f->store), &error);
  g_autofree char *sql = NULL;
  sqlite3_stmt *stmt = NULL;
  gboolean found;

  g_assert_no_error (error);
  sql = g_strdup_printf ("SELECT count(*) FROM tickets t WHERE t.id = ? AND (%s)", filter->where);
  g_assert_cmpint (sqlite3_prepare_v2 (cd_store_get_db (f->store), sql, -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_int64 (stmt, 1, id);
  cd_ticket_queue_filter_bind (filter, stmt, 2);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  found = sqlite3_column_int (stmt, 0) == 1;
  sqlite3_finalize (stmt);
  return found;
}

static void
test_queues (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 counts[CD_TICKET_N_QUEUES];
  gint64 breached, fresh, at_risk, pending_late, pending_ok, resolved, closed, strategic, low;
  gint64 now = at (2024, 3, 5, 14, 0);  /* Tuesday 14:00 */
  gint64 ids[9];

  sign_in (f->store, "lead");

  /* Open since last week: breached. Mine. */
  breached = create_at (f, at (2024, 2, 26, 10, 0), f->acme, CD_PRIORITY_NORMAL, f->lead);
  status_at (f, at (2024, 2, 26, 10, 5), breached, CD_TICKET_OPEN);
  /* Just created: plenty of time, unassigned. */
  fresh = create_at (f, at (2024, 3, 5, 13, 0), f->acme, CD_PRIORITY_NORMAL, 0);
  /* Mon 09:00 + 16 h → Tue 16:00; at 14:00 2 h of 16 are left. */
  at_risk = create_at (f, at (2024, 3, 4, 9, 0), f->acme, CD_PRIORITY_NORMAL, f->rep1);
  status_at (f, at (2024, 3, 4, 9, 30), at_risk, CD_TICKET_OPEN);
  /* Urgent (4 h) from Mon 09:00, due Mon 13:00, pending from Mon 15:00:
   * it was already late when it went pending. */
  pending_late = create_at (f, at (2024, 3, 4, 9, 0), f->acme, CD_PRIORITY_URGENT, 0);
  status_at (f, at (2024, 3, 4, 9, 10), pending_late, CD_TICKET_OPEN);
  status_at (f, at (2024, 3, 4, 15, 0), pending_late, CD_TICKET_PENDING);
  /* Urgent from Mon 09:00, pending from Mon 10:00 with 3 h left: its clock
   * stopped, so it is neither late nor at risk although 13:00 has passed. */
  pending_ok = create_at (f, at (2024, 3, 4, 9, 0), f->acme, CD_PRIORITY_URGENT, f->lead);
  status_at (f, at (2024, 3, 4, 9, 5), pending_ok, CD_TICKET_OPEN);
  status_at (f, at (2024, 3, 4, 10, 0), pending_ok, CD_TICKET_PENDING);
  /* Resolved and closed ones are in no SLA queue. */
  resolved = create_at (f, at (2024, 2, 26, 10, 0), f->acme, CD_PRIORITY_NORMAL, f->lead);
  status_at (f, at (2024, 2, 26, 10, 5), resolved, CD_TICKET_OPEN);
  status_at (f, at (2024, 2, 27, 10, 0), resolved, CD_TICKET_RESOLVED);
  closed = create_at (f, at (2024, 2, 26, 10, 0), f->acme, CD_PRIORITY_NORMAL, 0);
  status_at (f, at (2024, 2, 26, 10, 5), closed, CD_TICKET_OPEN);
  status_at (f, at (2024, 2, 26, 11, 0), closed, CD_TICKET_RESOLVED);
  status_at (f, at (2024, 2, 26, 12, 0), closed, CD_TICKET_CLOSED);
  /* Strategic: 8 h from Tue 09:00 → Tue 17:00; at 14:00 3 h are left,
   * more than a quarter of 8 h, so not at risk (under the general 16 h
   * target it would be). */
  strategic = create_at (f, at (2024, 3, 5, 9, 0), f->bigco, CD_PRIORITY_NORMAL, 0);
  /* No policy, no deadlines: in no SLA queue. */
  low = create_at (f, at (2024, 2, 1, 9, 0), f->acme, CD_PRIORITY_LOW, 0);

  cd_store_set_now (f->store, now);
  g_assert_true (cd_tickets_queue_counts (f->store, counts, &error));
  g_assert_no_error (error);

  g_assert_cmpint (counts[CD_TICKET_QUEUE_MINE], ==, 2);        /* breached, pending_ok */
  g_assert_cmpint (counts[CD_TICKET_QUEUE_UNASSIGNED], ==, 4);  /* fresh, pending_late, strategic, low */
  g_assert_cmpint (counts[CD_TICKET_QUEUE_AT_RISK], ==, 1);
  g_assert_cmpint (counts[CD_TICKET_QUEUE_BREACHED], ==, 2);
  g_assert_cmpint (counts[CD_TICKET_QUEUE_STATUS_NEW], ==, 3);  /* fresh, strategic, low */
  g_assert_cmpint (counts[CD_TICKET_QUEUE_STATUS_OPEN], ==, 2);
  g_assert_cmpint (counts[CD_TICKET_QUEUE_STATUS_PENDING], ==, 2);
  g_assert_cmpint (counts[CD_TICKET_QUEUE_STATUS_RESOLVED], ==, 1);
  g_assert_cmpint (counts[CD_TICKET_QUEUE_STATUS_CLOSED], ==, 1);
  g_assert_cmpint (counts[CD_TICKET_QUEUE_ALL], ==, 9);

  g_assert_true (in_queue (f, CD_TICKET_QUEUE_AT_RISK, at_risk));
  g_assert_true (in_queue (f, CD_TICKET_QUEUE_BREACHED, breached));
  g_assert_true (in_queue (f, CD_TICKET_QUEUE_BREACHED, pending_late));
  g_assert_false (in_queue (f, CD_TICKET_QUEUE_BREACHED, pending_ok));
  g_assert_false (in_queue (f, CD_TICKET_QUEUE_AT_RISK, strategic));
  g_assert_true (in_queue (f, CD_TICKET_QUEUE_MINE, pending_ok));

  /* The queues agree with each ticket's own SLA state. */
  ids[0] = breached; ids[1] = fresh; ids[2] = at_risk; ids[3] = pending_late; ids[4] = pending_ok;
  ids[5] = resolved; ids[6] = closed; ids[7] = strategic; ids[8] = low;
  for (guint i = 0; i < G_N_ELEMENTS (ids); i++)
    {
      g_autoptr(CdTicket) t = load (f, ids[i]);
      CdTicketSla sla;
      gboolean running;

      g_assert_true (cd_ticket_sla (f->store, t, now, &sla, &error));
      g_assert_no_error (error);
      running = t->status == CD_TICKET_NEW || t->status == CD_TICKET_OPEN;
      g_assert_cmpint (in_queue (f, CD_TICKET_QUEUE_AT_RISK, ids[i]), ==,
                       running && sla.has_resolution && sla.resolution_state == CD_SLA_STATE_AT_RISK);
      g_assert_cmpint (in_queue (f, CD_TICKET_QUEUE_BREACHED, ids[i]), ==,
                       (running || t->status == CD_TICKET_PENDING) && sla.has_resolution &&
                       sla.resolution_state == CD_SLA_STATE_BREACHED);
    }

  /* An hour later the strategic one has 2 h of 8 left: at risk. The
   * fresh one (due Thu 11:00) has 14 h: not yet. */
  cd_store_set_now (f->store, at (2024, 3, 5, 15, 0));
  g_assert_true (in_queue (f, CD_TICKET_QUEUE_AT_RISK, strategic));
  g_assert_false (in_queue (f, CD_TICKET_QUEUE_AT_RISK, fresh));
  /* At 16:00 the at-risk one is breached. */
  cd_store_set_now (f->store, at (2024, 3, 5, 16, 0));
  g_assert_false (in_queue (f, CD_TICKET_QUEUE_AT_RISK, at_risk));
  g_assert_true (in_queue (f, CD_TICKET_QUEUE_BREACHED, at_risk));

  /* Each count is answered from an index. */
  for (guint q = 0; q < CD_TICKET_N_QUEUES; q++)
    {
      g_autoptr(CdTicketQueueFilter) filter = cd_ticket_queue_filter (f->store, q, now, &error);
      g_autofree char *sql = NULL;
      const char *index = NULL;

      g_assert_no_error (error);
      if (q == CD_TICKET_QUEUE_AT_RISK || q == CD_TICKET_QUEUE_BREACHED)
        index = "tickets_resolution_due";
      else if (q == CD_TICKET_QUEUE_MINE || q == CD_TICKET_QUEUE_UNASSIGNED)
        index = "tickets_assignee";
      else if (q != CD_TICKET_QUEUE_ALL)
        index = "tickets_status";
      sql = g_strdup_printf ("SELECT count(*) FROM tickets WHERE %s", filter->where);
      assert_indexed (f, sql, index);
      /* As a sorted list page reads them. */
      g_clear_pointer (&sql, g_free);
      sql = g_strdup_printf ("SELECT t.id FROM tickets t LEFT JOIN customers c ON c.id = t.customer_id"
                             " WHERE %s ORDER BY c.name COLLATE NOCASE, t.id LIMIT 256", filter->where);
      assert_indexed (f, sql, index);
      g_assert_cmpstr (cd_ticket_queue_label (q), !=, "");
      if (filter->bindings->len > 0)
        {
          g_autoptr(GVariant) params = g_variant_ref_sink (cd_ticket_queue_filter_to_params (filter));
          g_assert_cmpuint (g_variant_n_children (params), ==, filter->bindings->len);
        }
      else
        g_assert_null (cd_ticket_queue_filter_to_params (filter));
    }
}

/* Stale updates ---------------------------------------------------------- */

static void
test_stale (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CdStore) other = NULL;
  g_autoptr(CdTicket) mine = NULL;
  g_autoptr(CdTicket) t = NULL;
  gint64 id;

  cd_store_set_now (f->store, at (2024, 3, 4, 10, 0));
  sign_in (f->store, "lead");
  id = create (f, f->acme, CD_PRIORITY_NORMAL, 0, 0);
  mine = load (f, id);

  /* Someone on another desktop changes it after I opened it. */
  other = open_store (f->path);
  sign_in (other, "lead");
  {
    g_autoptr(CdTicket) theirs = cd_ticket_load (other, id, &error);
    g_assert_no_error (error);
    g_assert_true (cd_ticket_assign (other, id, theirs->version, f->rep1, NULL, &error));
    g_assert_no_error (error);
  }

  g_assert_false (cd_ticket_set_status (f->store, id, mine->version, CD_TICKET_OPEN, &error));
  g_assert_error (error, CD_STORE_ERROR, CD_STORE_ERROR_STALE);
  g_clear_error (&error);
  g_assert_false (cd_ticket_assign (f->store, id, mine->version, f->rep2, "x", &error));
  g_assert_error (error, CD_STORE_ERROR, CD_STORE_ERROR_STALE);
  g_clear_error (&error);
  g_assert_false (cd_ticket_escalate (f->store, id, mine->version, "Li Na", "Why", at (2024, 3, 5, 10, 0), &error));
  g_assert_error (error, CD_STORE_ERROR, CD_STORE_ERROR_STALE);
  g_clear_error (&error);
  g_assert_false (cd_ticket_update (f->store, id, mine->version, "New subject", NULL, CD_CHANNEL_EMAIL, 0,
                                    CD_PRIORITY_URGENT, &error));
  g_assert_error (error, CD_STORE_ERROR, CD_STORE_ERROR_STALE);
  g_clear_error (&error);

  t = load (f, id);
  g_assert_cmpint (t->status, ==, CD_TICKET_NEW);
  g_assert_cmpint (t->assignee_id, ==, f->rep1);
  g_assert_cmpint (t->version, ==, mine->version + 1);
  g_assert_cmpstr (t->subject, ==, "Printer offline");

  /* Overwriting on purpose works and is audited as such. */
  g_assert_true (cd_ticket_set_status (f->store, id, 0, CD_TICKET_OPEN, &error));
  g_assert_no_error (error);
  g_assert_cmpint (db_int (f, "SELECT count(*) FROM audit_log WHERE entity = 'tickets' AND entity_id = ?1"
                              " AND action = 'overwrite' AND field = 'status'", id), ==, 1);
}

static void
test_update_priority (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CdTicket) t = NULL;
  g_autoptr(GPtrArray) events = NULL;
  gint64 id;

  cd_store_set_now (f->store, at (2024, 3, 4, 10, 0));
  id = create (f, f->acme, CD_PRIORITY_NORMAL, 0, 0);
  t = load (f, id);
  g_assert_true (cd_ticket_update (f->store, id, t->version, "Printer on fire", "Smoke!", CD_CHANNEL_CHAT,
                                   f->billing, CD_PRIORITY_URGENT, &error));
  g_assert_no_error (error);
  g_clear_pointer (&t, cd_ticket_free);
  t = load (f, id);
  g_assert_cmpstr (t->subject, ==, "Printer on fire");
  g_assert_cmpstr (t->category_name, ==, "Billing");
  g_assert_cmpint (t->priority, ==, CD_PRIORITY_URGENT);
  /* Urgent: 30 min and 4 h from creation. */
  g_assert_cmpint (t->first_response_due, ==, at (2024, 3, 4, 10, 30));
  g_assert_cmpint (t->resolution_due, ==, at (2024, 3, 4, 14, 0));
  events = cd_ticket_timeline (f->store, id, &error);
  g_assert_cmpstr (((CdTicketEvent *) events->pdata[0])->kind, ==, "priority");
  g_assert_cmpstr (((CdTicketEvent *) events->pdata[0])->old_value, ==, "normal");
  g_assert_cmpstr (((CdTicketEvent *) events->pdata[0])->new_value, ==, "urgent");
}

/* SLA policies ----------------------------------------------------------- */

static void
test_policy (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CdTicket) t = NULL;
  gint64 id;

  sign_in (f->store, "rep1");
  g_assert_false (cd_sla_policy_set (f->store, CD_PRIORITY_LOW, CD_SLA_ANY_TIER, 60, 600, 0, &error));
  g_assert_error (error, CD_STORE_ERROR, CD_STORE_ERROR_PERMISSION);
  g_clear_error (&error);
  g_assert_false (cd_sla_policy_remove (f->store, CD_PRIORITY_NORMAL, CD_SLA_ANY_TIER, &error));
  g_assert_error (error, CD_STORE_ERROR, CD_STORE_ERROR_PERMISSION);
  g_clear_error (&error);

  sign_in (f->store, "lead");
  g_assert_false (cd_sla_policy_set (f->store, CD_PRIORITY_LOW, CD_SLA_ANY_TIER, 600, 60, 0, &error));
  g_assert_error (error, CD_STORE_ERROR, CD_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (cd_sla_policy_set (f->store, CD_PRIORITY_LOW, CD_SLA_ANY_TIER, 0, 60, 0, &error));
  g_assert_error (error, CD_STORE_ERROR, CD_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (cd_sla_policy_set (f->store, CD_PRIORITY_LOW, CD_SLA_ANY_TIER, 60, 600, 9999, &error));
  g_assert_error (error, CD_STORE_ERROR, CD_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (cd_sla_policy_set (f->store, CD_PRIORITY_LOW, 17, 60, 600, 0, &error));
  g_assert_error (error, CD_STORE_ERROR, CD_STORE_ERROR_INVALID);
  g_clear_error (&error);

  /* A new row, then a change of it (not a second row). */
  g_assert_true (cd_sla_policy_set (f->store, CD_PRIORITY_LOW, CD_SLA_ANY_TIER, 60, 600, 0, &error));
  g_assert_no_error (error);
  g_assert_true (cd_sla_policy_set (f->store, CD_PRIORITY_LOW, CD_SLA_ANY_TIER, 120, 1200, f->calendar, &error));
  g_assert_no_error (error);
  g_assert_true (cd_sla_policy_set (f->store, CD_PRIORITY_LOW, CD_TIER_CORE, 90, 900, 0, &error));
  g_assert_no_error (error);
  g_assert_cmpint (db_int (f, "SELECT count(*) FROM sla_policies WHERE priority = 'low'", CD_NO_BIND), ==, 2);
  g_assert_cmpint (db_int (f, "SELECT resolution_minutes FROM sla_policies WHERE priority = 'low' AND tier IS NULL",
                           CD_NO_BIND), ==, 1200);

  cd_store_set_now (f->store, at (2024, 3, 4, 10, 0));
  id = create (f, f->acme, CD_PRIORITY_LOW, 0, 0);
  t = load (f, id);
  g_assert_cmpint (t->first_response_due, ==, at (2024, 3, 4, 12, 0));

  g_assert_true (cd_sla_policy_remove (f->store, CD_PRIORITY_LOW, CD_TIER_CORE, &error));
  g_assert_no_error (error);
  g_assert_true (cd_sla_policy_remove (f->store, CD_PRIORITY_LOW, CD_TIER_CORE, &error));
  g_assert_no_error (error);
  g_assert_cmpint (db_int (f, "SELECT count(*) FROM sla_policies WHERE priority = 'low'", CD_NO_BIND), ==, 1);
}

/* Concurrent numbering --------------------------------------------------- */

/* Runs in a child process: creates @n tickets on @path as @login. */
static int
run_worker (const char *path,
            const char *login,
            int         n)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CdStore) store = cd_store_open (path, CD_STORE_OPEN_NO_WATCH, &error);
  gint64 customer;

  if (store == NULL || !cd_store_sign_in (store, login, NULL, &error))
    {
      g_printerr ("worker %s: %s\n", login, error->message);
      return 1;
    }
  customer = cd_store_query_int (store, "SELECT min(id) FROM customers", CD_NO_BIND, 0, &error);
  for (int i = 0; i < n; i++)
    {
      g_autofree char *subject = g_strdup_printf ("Ticket %d from %s", i, login);
      if (cd_ticket_create (store, customer, subject, NULL, CD_CHANNEL_PHONE, 0,
                            CD_PRIORITY_NORMAL, 0, &error) <= 0)
        {
          g_printerr ("worker %s: %s\n", login, error->message);
          return 1;
        }
    }
  return 0;
}

static void
test_concurrent_numbers (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *self_exe = g_file_read_link ("/proc/self/exe", &error);
  g_autoptr(GHashTable) numbers = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autofree char *count_text = g_strdup_printf ("%d", TICKETS_PER_WORKER);
  GSubprocess *workers[N_WORKERS];
  const char *logins[N_WORKERS] = { "admin", "lead", "rep1", "rep2" };
  sqlite3_stmt *stmt = NULL;

  g_assert_no_error (error);
  /* Release this connection's hold on the file before the children run. */
  g_clear_object (&f->store);

  for (int i = 0; i < N_WORKERS; i++)
    {
      workers[i] = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_SILENCE, &error,
                                     self_exe, WORKER_ARG, f->path, logins[i], count_text, NULL);
      g_assert_no_error (error);
    }
  for (int i = 0; i < N_WORKERS; i++)
    {
      g_subprocess_wait_check (workers[i], NULL, &error);
      g_assert_no_error (error);
      g_object_unref (workers[i]);
    }

  f->store = open_store (f->path);
  g_assert_cmpint (db_int (f, "SELECT count(*) FROM tickets", CD_NO_BIND), ==, N_WORKERS * TICKETS_PER_WORKER);
  g_assert_cmpint (db_int (f, "SELECT count(DISTINCT created_by) FROM tickets", CD_NO_BIND), ==, N_WORKERS);
  g_assert_cmpint (db_int (f, "SELECT count(*) FROM ticket_events WHERE kind = 'status'", CD_NO_BIND),
                   ==, N_WORKERS * TICKETS_PER_WORKER);

  g_assert_cmpint (sqlite3_prepare_v2 (cd_store_get_db (f->store), "SELECT id FROM tickets", -1, &stmt, NULL),
                   ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      char *number = cd_ticket_format_number (sqlite3_column_int64 (stmt, 0));
      g_assert_cmpint (cd_ticket_parse_number (number), ==, sqlite3_column_int64 (stmt, 0));
      g_hash_table_add (numbers, number);
    }
  sqlite3_finalize (stmt);
  g_assert_cmpuint (g_hash_table_size (numbers), ==, N_WORKERS * TICKETS_PER_WORKER);
}

/* /core/tickets/sla/rules ------------------------------------------------- */

static void
assert_same_sla (const CdTicketSla *a,
                 const CdTicketSla *b)
{
  g_assert_cmpint (a->has_first_response, ==, b->has_first_response);
  g_assert_cmpint (a->first_response_state, ==, b->first_response_state);
  g_assert_cmpint (a->first_response_due, ==, b->first_response_due);
  g_assert_cmpint (a->first_response_left, ==, b->first_response_left);
  g_assert_cmpint (a->has_resolution, ==, b->has_resolution);
  g_assert_cmpint (a->resolution_state, ==, b->resolution_state);
  g_assert_cmpint (a->resolution_due, ==, b->resolution_due);
  g_assert_cmpint (a->resolution_left, ==, b->resolution_left);
  g_assert_cmpint (a->resolution_paused, ==, b->resolution_paused);
}

/* Judges every ticket at several moments both ways; returns how many
 * judgements had a resolution clock. */
static guint
compare_rules_with_store (Fixture                *f,
                          const CdTicketSlaRules *rules,
                          GArray                 *ids)
{
  const gint64 moments[] = {
    at (2024, 3, 4, 9, 30), at (2024, 3, 4, 17, 59), at (2024, 3, 8, 12, 0),
    at (2024, 3, 11, 10, 0), at (2024, 4, 1, 0, 0), at (2025, 1, 1, 8, 0),
  };
  guint n_resolution = 0;

  for (guint i = 0; i < ids->len; i++)
    {
      g_autoptr(CdTicket) t = load (f, g_array_index (ids, gint64, i));

      for (guint m = 0; m < G_N_ELEMENTS (moments); m++)
        {
          g_autoptr(GError) error = NULL;
          CdTicketSla uncached, cached;

          g_assert_true (cd_ticket_sla (f->store, t, moments[m], &uncached, &error));
          g_assert_no_error (error);
          g_assert_true (cd_ticket_sla_rules_judge (rules, t, moments[m], &cached, &error));
          g_assert_no_error (error);
          assert_same_sla (&uncached, &cached);
          if (cached.has_resolution)
            n_resolution++;
        }
    }
  return n_resolution;
}

static void
test_sla_rules (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(CdTicketSlaRules) rules = NULL;
  g_autoptr(CdTicket) t = NULL;
  g_autofree char *second = NULL;
  CdTicketSla before, after, uncached;
  gint64 id, other_calendar, now;

  /* A second calendar, open every day, for high priority tickets. */
  other_calendar = insert (f->store, "business_calendars", "name", "Round the clock", "timezone", "UTC",
                           "week_schedule", "00:00-24:00;00:00-24:00;00:00-24:00;00:00-24:00;00:00-24:00;00:00-24:00;00:00-24:00",
                           NULL);
  second = num (other_calendar);
  insert (f->store, "sla_policies", "priority", "high", "first_response_minutes", "45",
          "resolution_minutes", "300", "calendar_id", second, NULL);

  cd_store_set_now (f->store, at (2024, 3, 4, 10, 0));
  /* General and strategic tiers, a policy per tier, one on the second
   * calendar, and low priority without any policy. */
  for (CdPriority p = CD_PRIORITY_LOW; p <= CD_PRIORITY_URGENT; p++)
    {
      id = create (f, f->acme, p, 0, 0);
      g_array_append_val (ids, id);
      id = create (f, f->bigco, p, 0, 0);
      g_array_append_val (ids, id);
    }
  /* A pending one (its clock stopped) and a resolved one. */
  id = create (f, f->acme, CD_PRIORITY_NORMAL, 0, 0);
  g_array_append_val (ids, id);
  set_status (f, id, CD_TICKET_OPEN);
  cd_store_set_now (f->store, at (2024, 3, 4, 14, 0));
  set_status (f, id, CD_TICKET_PENDING);
  id = create (f, f->bigco, CD_PRIORITY_URGENT, 0, 0);
  g_array_append_val (ids, id);
  set_status (f, id, CD_TICKET_OPEN);
  cd_store_set_now (f->store, at (2024, 3, 5, 11, 0));
  set_status (f, id, CD_TICKET_RESOLVED);

  rules = cd_ticket_sla_rules_load (f->store, &error);
  g_assert_no_error (error);
  g_assert_nonnull (rules);
  g_assert_cmpuint (compare_rules_with_store (f, rules, ids), >, 0);

  /* The rules are a snapshot: a changed target shows after a reload. */
  t = load (f, g_array_index (ids, gint64, 2));
  g_assert_cmpint (t->priority, ==, CD_PRIORITY_NORMAL);
  g_assert_cmpint (t->resolution_due, >, 0);
  now = at (2024, 3, 4, 16, 0);
  g_assert_true (cd_ticket_sla_rules_judge (rules, t, now, &before, &error));
  g_assert_true (cd_sla_policy_set (f->store, CD_PRIORITY_NORMAL, CD_SLA_ANY_TIER, 30, 3000, 0, &error));
  g_assert_no_error (error);
  g_assert_true (cd_ticket_sla_rules_judge (rules, t, now, &after, &error));
  assert_same_sla (&before, &after);
  g_assert_true (cd_ticket_sla (f->store, t, now, &uncached, &error));
  /* The same time left is now most of a longer target. */
  g_assert_cmpint (before.resolution_state, ==, CD_SLA_STATE_OK);
  g_assert_cmpint (uncached.resolution_state, ==, CD_SLA_STATE_AT_RISK);
  g_clear_pointer (&rules, cd_ticket_sla_rules_free);
  rules = cd_ticket_sla_rules_load (f->store, &error);
  g_assert_no_error (error);
  compare_rules_with_store (f, rules, ids);

  /* A calendar that cannot be used fails both ways, with one message. */
  g_assert_true (cd_store_exec (f->store, "UPDATE business_calendars SET week_schedule = '25:00-26:00;;;;;;'", &error));
  g_assert_no_error (error);
  g_clear_pointer (&rules, cd_ticket_sla_rules_free);
  rules = cd_ticket_sla_rules_load (f->store, &error);
  g_assert_no_error (error);
  {
    g_autoptr(GError) store_error = NULL;
    g_autoptr(GError) rules_error = NULL;

    g_assert_false (cd_ticket_sla (f->store, t, now, &uncached, &store_error));
    g_assert_false (cd_ticket_sla_rules_judge (rules, t, now, &after, &rules_error));
    g_assert_error (store_error, CD_STORE_ERROR, CD_STORE_ERROR_INVALID);
    g_assert_error (rules_error, CD_STORE_ERROR, CD_STORE_ERROR_INVALID);
    g_assert_cmpstr (store_error->message, ==, rules_error->message);
  }

  /* Without any calendar, deadlines count around the clock. */
  g_assert_true (cd_store_exec (f->store, "UPDATE sla_policies SET calendar_id = NULL;"
                                          "DELETE FROM holidays; DELETE FROM business_calendars", &error));
  g_assert_no_error (error);
  g_clear_pointer (&rules, cd_ticket_sla_rules_free);
  rules = cd_ticket_sla_rules_load (f->store, &error);
  g_assert_no_error (error);
  compare_rules_with_store (f, rules, ids);
}

/* /core/tickets/draft-presence-changes ----------------------------------- */

typedef struct {
  GPtrArray *changes;  /* CdChange, in the order emitted */
} ChangeLog;

static void
on_changed_cb (CdStore   *store,
               CdChange  *change,
               ChangeLog *log)
{
  g_ptr_array_add (log->changes, cd_change_ref (change));
}

/* How many changes of @kind naming @id were logged. */
static guint
n_changes (ChangeLog  *log,
           const char *kind,
           gint64      id)
{
  guint n = 0;

  for (guint i = 0; i < log->changes->len; i++)
    {
      CdChange *change = g_ptr_array_index (log->changes, i);

      if (g_strcmp0 (cd_change_get_kind (change), kind) == 0 && !cd_change_is_all (change) &&
          cd_change_has_id (change, id))
        n++;
    }
  return n;
}

/* Drafts and heartbeats are not audited; they say what they changed
 * themselves, as their own kinds, so that a list of tickets does not
 * refresh for them and a page of the ticket can tell it is its own. */
static void
test_draft_presence_changes (Fixture       *f,
                             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  ChangeLog log = { g_ptr_array_new_with_free_func ((GDestroyNotify) cd_change_unref) };
  gulong handler;
  gint64 id;

  id = create (f, f->acme, CD_PRIORITY_NORMAL, 0, 0);
  handler = g_signal_connect (f->store, "changed", G_CALLBACK (on_changed_cb), &log);

  /* A heartbeat: presence of this ticket, seen by another connection. */
  g_assert_true (cd_presence_touch (f->store, "ticket", id, "desk-a", &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_changes (&log, CD_CHANGE_PRESENCE, id), ==, 1);
  g_assert_cmpuint (n_changes (&log, CD_CHANGE_PRESENCE, id + 1), ==, 0);
  g_assert_cmpuint (n_changes (&log, CD_CHANGE_TICKETS, id), ==, 0);
  {
    g_autoptr(CdStore) other = open_store (f->path);
    g_auto(GStrv) names = NULL;

    sign_in (other, "rep1");
    cd_store_set_now (other, cd_store_now (f->store));
    names = cd_presence_others (other, "ticket", id, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (g_strv_length (names), ==, 1);
  }
  g_assert_true (cd_presence_leave (f->store, "ticket", id, "desk-a", &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_changes (&log, CD_CHANGE_PRESENCE, id), ==, 2);
  g_assert_cmpint (db_int (f, "SELECT count(*) FROM presence WHERE entity_id = ?1", id), ==, 0);

  /* Drafts: saving and clearing each say so. */
  g_assert_true (cd_draft_save (f->store, "ticket", id, "Half a reply", &error));
  g_assert_true (cd_draft_clear (f->store, "ticket", id, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_changes (&log, CD_CHANGE_DRAFTS, id), ==, 2);
  g_assert_cmpuint (n_changes (&log, CD_CHANGE_TICKETS, id), ==, 0);

  /* Inside a transaction they are told with its commit, not before. */
  g_assert_true (cd_store_begin (f->store, &error));
  g_assert_true (cd_draft_save (f->store, "ticket", id, "Inside", &error));
  g_assert_true (cd_presence_touch (f->store, "ticket", id, "desk-a", &error));
  g_assert_cmpuint (n_changes (&log, CD_CHANGE_DRAFTS, id), ==, 2);
  g_assert_cmpuint (n_changes (&log, CD_CHANGE_PRESENCE, id), ==, 2);
  g_assert_true (cd_store_commit (f->store, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_changes (&log, CD_CHANGE_DRAFTS, id), ==, 3);
  g_assert_cmpuint (n_changes (&log, CD_CHANGE_PRESENCE, id), ==, 3);
  g_assert_cmpint (db_int (f, "SELECT count(*) FROM presence WHERE entity_id = ?1", id), ==, 1);

  /* A note uses the author's draft up: the ticket and its draft changed. */
  g_assert_cmpint (cd_ticket_add_note (f->store, id, "Inside", FALSE, &error), >, 0);
  g_assert_no_error (error);
  g_assert_cmpuint (n_changes (&log, CD_CHANGE_DRAFTS, id), ==, 4);
  g_assert_cmpuint (n_changes (&log, CD_CHANGE_TICKETS, id), ==, 1);
  g_assert_null (cd_draft_load (f->store, "ticket", id, NULL, &error));
  g_assert_no_error (error);

  g_signal_handler_disconnect (f->store, handler);
  g_ptr_array_unref (log.changes);
}

/* /core/tickets/sort-plans ------------------------------------------------ */

/* Column @col of each row of @sql, one per line. */
static char *
query_lines (CdStore    *store,
             const char *sql,
             int         col)
{
  GString *out = g_string_new (NULL);
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (cd_store_get_db (store), sql, -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_string_append_printf (out, "%s\n", (const char *) sqlite3_column_text (stmt, col));
  sqlite3_finalize (stmt);
  return g_string_free (out, FALSE);
}

static void
test_sort_plans (Fixture       *f,
                 gconstpointer  data)
{
  const struct {
    const char *order;
    const char *index;
  } sorts[] = {
    { CD_TICKET_PRIORITY_RANK ("t.priority") " DESC, t.updated_at DESC, t.id DESC", "tickets_priority_rank" },
    { CD_TICKET_PRIORITY_RANK ("t.priority") " ASC, t.updated_at ASC, t.id ASC", "tickets_priority_rank" },
  };
  const struct {
    const char *where;
    const char *order;
    const char *index;
  } done[] = {
    /* As the Closed queue asks: the due sort from the partial index of
     * finished tickets, the others not through tickets_status. */
    { "likelihood (status = 'closed', 0.9) AND likelihood (status IN ('resolved','closed'), 0.9)",
      "t.resolution_due DESC, t.id DESC", "tickets_due_done" },
    { "likelihood (status = 'closed', 0.9) AND likelihood (status IN ('resolved','closed'), 0.9)",
      "t.subject COLLATE NOCASE ASC, t.id ASC", "tickets_subject" },
    /* The SLA breached range never reads finished tickets. */
    { "status IN ('new','open','pending') AND likelihood (resolution_due <= 1700000000, 0.000001)",
      "t.updated_at DESC, t.id DESC", "tickets_resolution_due" },
  };
  g_autofree char *order = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (sorts); i++)
    {
      g_autofree char *sql = g_strdup_printf ("EXPLAIN QUERY PLAN SELECT t.id FROM tickets t ORDER BY %s LIMIT 256",
                                              sorts[i].order);
      g_autofree char *plan = query_lines (f->store, sql, 3);

      g_test_message ("%s\n%s", sql, plan);
      g_assert_nonnull (strstr (plan, sorts[i].index));
      g_assert_null (strstr (plan, "TEMP B-TREE"));
    }

  for (guint i = 0; i < G_N_ELEMENTS (done); i++)
    {
      g_autofree char *sql = g_strdup_printf ("EXPLAIN QUERY PLAN SELECT t.id FROM tickets t WHERE %s ORDER BY %s LIMIT 256",
                                              done[i].where, done[i].order);
      g_autofree char *plan = query_lines (f->store, sql, 3);

      g_test_message ("%s\n%s", sql, plan);
      g_assert_nonnull (strstr (plan, done[i].index));
      if (i < 2)
        g_assert_null (strstr (plan, "TEMP B-TREE"));
      else
        g_assert_null (strstr (plan, "tickets_due_done"));
    }

  /* The rank puts urgent first and low last. */
  create (f, f->acme, CD_PRIORITY_LOW, 0, 0);
  create (f, f->acme, CD_PRIORITY_URGENT, 0, 0);
  create (f, f->acme, CD_PRIORITY_NORMAL, 0, 0);
  create (f, f->acme, CD_PRIORITY_HIGH, 0, 0);
  order = query_lines (f->store,
                       "SELECT t.priority FROM tickets t ORDER BY "
                       CD_TICKET_PRIORITY_RANK ("t.priority") " DESC, t.updated_at DESC, t.id DESC", 0);
  g_assert_cmpstr (order, ==, "urgent\nhigh\nnormal\nlow\n");
}

/* /core/tickets/names ------------------------------------------------------ */

static char *
ticket_text (Fixture    *f,
             gint64      ticket,
             const char *column)
{
  g_autofree char *sql = g_strdup_printf ("SELECT %s FROM tickets WHERE id = %" G_GINT64_FORMAT, column, ticket);

  return query_lines (f->store, sql, 0);
}

/* Each ticket keeps its customer's and assignee's names (for sorting by
 * name from an index), through new tickets, reassignment and renames. */
static void
test_names (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 zed = insert (f->store, "customers", "name", "zed & Söhne", "tier", "general", NULL);
  gint64 wang = insert (f->store, "customers", "name", "王芳", "tier", "general", NULL);
  gint64 t1 = create (f, f->bigco, CD_PRIORITY_NORMAL, 0, f->rep1);
  gint64 t2 = create (f, f->acme, CD_PRIORITY_NORMAL, 0, 0);
  gint64 t3 = create (f, zed, CD_PRIORITY_NORMAL, 0, f->rep2);
  gint64 t4 = create (f, wang, CD_PRIORITY_NORMAL, 0, f->lead);
  g_autofree char *name = NULL;
  g_autofree char *order = NULL;
  g_autofree char *plan = NULL;
  gint64 version;

  name = ticket_text (f, t1, "customer_name || '|' || assignee_name");
  g_assert_cmpstr (name, ==, "Big Co|Wang Wei\n");
  g_clear_pointer (&name, g_free);
  name = ticket_text (f, t2, "customer_name || '|' || assignee_name");
  g_assert_cmpstr (name, ==, "Acme|\n");
  g_clear_pointer (&name, g_free);

  /* Case does not matter; ids order equal names. */
  order = query_lines (f->store, "SELECT customer_name FROM tickets t"
                                 " ORDER BY t.customer_name COLLATE NOCASE, t.id", 0);
  g_assert_cmpstr (order, ==, "Acme\nBig Co\nzed & Söhne\n王芳\n");
  g_clear_pointer (&order, g_free);

  /* A renamed customer or staff member is renamed on their tickets. */
  version = cd_store_query_int (f->store, "SELECT version FROM customers WHERE id = ?1", zed, 0, NULL);
  {
    const CdField rename[] = { { "name", "Abbott O'Brien; \"Ltd\" --" } };
    g_assert_true (cd_store_update (f->store, "customers", zed, version, rename, 1, &error));
    g_assert_no_error (error);
  }
  name = ticket_text (f, t3, "customer_name");
  g_assert_cmpstr (name, ==, "Abbott O'Brien; \"Ltd\" --\n");
  g_clear_pointer (&name, g_free);

  version = cd_store_query_int (f->store, "SELECT version FROM staff WHERE id = ?1", f->lead, 0, NULL);
  {
    const CdField rename[] = { { "display_name", "李娜" } };
    g_assert_true (cd_store_update (f->store, "staff", f->lead, version, rename, 1, &error));
    g_assert_no_error (error);
  }
  name = ticket_text (f, t4, "assignee_name");
  g_assert_cmpstr (name, ==, "李娜\n");
  g_clear_pointer (&name, g_free);

  /* Moved to another customer: the ticket follows. */
  version = cd_store_query_int (f->store, "SELECT version FROM tickets WHERE id = ?1", t2, 0, NULL);
  {
    g_autofree char *to = num (wang);
    const CdField move[] = { { "customer_id", to } };
    g_assert_true (cd_store_update (f->store, "tickets", t2, version, move, 1, &error));
    g_assert_no_error (error);
  }
  name = ticket_text (f, t2, "customer_name");
  g_assert_cmpstr (name, ==, "王芳\n");
  g_clear_pointer (&name, g_free);

  /* Both name sorts are read from an index, without sorting. */
  plan = query_lines (f->store, "EXPLAIN QUERY PLAN SELECT t.id FROM tickets t"
                                " ORDER BY t.customer_name COLLATE NOCASE DESC, t.id DESC LIMIT 256", 3);
  g_assert_nonnull (strstr (plan, "tickets_customer_name"));
  g_assert_null (strstr (plan, "TEMP B-TREE"));
  g_clear_pointer (&plan, g_free);
  plan = query_lines (f->store, "EXPLAIN QUERY PLAN SELECT t.id FROM tickets t"
                                " ORDER BY t.assignee_name COLLATE NOCASE, t.id LIMIT 256", 3);
  g_assert_nonnull (strstr (plan, "tickets_assignee_name"));
  g_assert_null (strstr (plan, "TEMP B-TREE"));
}

/* The clock of a ticket (policy, calendar and holidays, read in one
 * statement) is what the policy and the calendar read apart give: for
 * every priority and tier, and when a policy names a calendar that was
 * removed (the first calendar applies). */
static void
assert_clock_as_apart (Fixture     *f,
                       CdPriority   priority,
                       const char  *tier)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CdSlaCalendar) calendar = NULL;
  g_autoptr(CdSlaCalendar) apart_calendar = NULL;
  CdTicketPolicy policy, apart;

  g_assert_true (cd_ticket_clock (f->store, priority, tier, &policy, &calendar, &error));
  g_assert_no_error (error);
  g_assert_true (cd_ticket_find_policy (f->store, priority, tier, &apart, &error));
  g_assert_no_error (error);
  apart_calendar = cd_ticket_load_calendar (f->store, apart.calendar_id, &error);
  g_assert_no_error (error);

  g_assert_cmpint (policy.found, ==, apart.found);
  g_assert_cmpint (policy.first_response_minutes, ==, apart.first_response_minutes);
  g_assert_cmpint (policy.resolution_minutes, ==, apart.resolution_minutes);
  g_assert_cmpint (policy.calendar_id, ==, apart.calendar_id);
  g_assert_cmpstr (cd_sla_calendar_get_timezone (calendar), ==, cd_sla_calendar_get_timezone (apart_calendar));
  g_assert_cmpint (cd_sla_calendar_get_week_seconds (calendar), ==, cd_sla_calendar_get_week_seconds (apart_calendar));
  g_assert_cmpint (cd_sla_calendar_is_holiday (calendar, HOLIDAY), ==, cd_sla_calendar_is_holiday (apart_calendar, HOLIDAY));
}

static void
test_sla_clock_one_statement (Fixture       *f,
                              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *second = NULL;
  gint64 other_calendar;

  other_calendar = insert (f->store, "business_calendars", "name", "Round the clock", "timezone", "UTC",
                           "week_schedule", "00:00-24:00;00:00-24:00;00:00-24:00;00:00-24:00;00:00-24:00;00:00-24:00;00:00-24:00",
                           NULL);
  second = num (other_calendar);
  insert (f->store, "sla_policies", "priority", "high", "first_response_minutes", "45",
          "resolution_minutes", "300", "calendar_id", second, NULL);

  for (CdPriority p = CD_PRIORITY_LOW; p <= CD_PRIORITY_URGENT; p++)
    {
      assert_clock_as_apart (f, p, "general");
      assert_clock_as_apart (f, p, "strategic");
      assert_clock_as_apart (f, p, NULL);
    }
  {
    g_autoptr(CdSlaCalendar) calendar = NULL;
    CdTicketPolicy policy;

    g_assert_true (cd_ticket_clock (f->store, CD_PRIORITY_NORMAL, "general", &policy, &calendar, &error));
    g_assert_true (policy.found);
    g_assert_true (cd_sla_calendar_is_holiday (calendar, HOLIDAY));
  }

  /* The second calendar removed: its policy falls back to the first. */
  g_assert_true (cd_store_exec (f->store, "PRAGMA foreign_keys = OFF", &error));
  g_assert_true (cd_store_exec (f->store, "DELETE FROM business_calendars WHERE id <> (SELECT min(id) FROM business_calendars)", &error));
  g_assert_no_error (error);
  assert_clock_as_apart (f, CD_PRIORITY_HIGH, "general");

  /* No calendar at all: round the clock, in UTC. */
  g_assert_true (cd_store_exec (f->store, "DELETE FROM holidays; DELETE FROM business_calendars", &error));
  g_assert_no_error (error);
  assert_clock_as_apart (f, CD_PRIORITY_NORMAL, "general");
}

int
main (int argc, char **argv)
{
  if (argc == 5 && strcmp (argv[1], WORKER_ARG) == 0)
    return run_worker (argv[2], argv[3], (int) g_ascii_strtoll (argv[4], NULL, 10));

  g_test_init (&argc, &argv, NULL);

#define ADD(path, fn) \
  g_test_add (path, Fixture, NULL, fixture_set_up, fn, fixture_tear_down)

  g_test_add_func ("/core/tickets/number", test_number);
  g_test_add_func ("/core/tickets/workflow/matrix", test_workflow_matrix);
  ADD ("/core/tickets/create/deadlines", test_create_deadlines);
  ADD ("/core/tickets/create/validation", test_create_validation);
  ADD ("/core/tickets/workflow/steps", test_workflow);
  ADD ("/core/tickets/sla/pause", test_pending_pauses_clock);
  ADD ("/core/tickets/notes/first-response", test_first_response);
  ADD ("/core/tickets/notes/first-contact-resolution", test_first_contact_resolution);
  ADD ("/core/tickets/satisfaction", test_satisfaction);
  ADD ("/core/tickets/assign/permissions", test_assign_permissions);
  ADD ("/core/tickets/assign/certification", test_assign_certification);
  ADD ("/core/tickets/escalate", test_escalate);
  ADD ("/core/tickets/drafts", test_drafts);
  ADD ("/core/tickets/presence", test_presence);
  ADD ("/core/tickets/queues", test_queues);
  ADD ("/core/tickets/stale", test_stale);
  ADD ("/core/tickets/update/priority", test_update_priority);
  ADD ("/core/tickets/sla/policy", test_policy);
  ADD ("/core/tickets/concurrent-numbers", test_concurrent_numbers);
  ADD ("/core/tickets/sla/rules", test_sla_rules);
  ADD ("/core/tickets/draft-presence-changes", test_draft_presence_changes);
  ADD ("/core/tickets/sort-plans", test_sort_plans);
  ADD ("/core/tickets/names", test_names);
  ADD ("/core/tickets/sla/clock-one-statement", test_sla_clock_one_statement);

#undef ADD

  return g_test_run ();
}
