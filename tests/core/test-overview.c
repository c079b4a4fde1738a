/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "caredesk-test-overview"

#include "config.h"

#include <cairo.h>
#include <fontconfig/fontconfig.h>
#include <glib/gstdio.h>
#include <pango/pangocairo.h>
#include <string.h>

#include "cd-complaints.h"
#include "cd-overview-private.h"
#include "cd-overview-summary-private.h"
#include "cd-schema.h"
#include "cd-store.h"
#include "cd-store-private.h"

#define MINUTE 60
#define HOUR 3600

/* The suite runs in Asia/Shanghai; the calendar is the team's, Monday to
 * Friday 09:00-18:00, with Wednesday 11 November 2026 a holiday. */
static gint64
local (int month, int day, int hour, int minute)
{
  g_autoptr(GDateTime) dt = g_date_time_new_local (2026, month, day, hour, minute, 0);

  return g_date_time_to_unix (dt);
}

typedef struct {
  char    *dir;
  char    *path;
  CdStore *store;     /* signed in as alice (admin) */
  gint64   rep;       /* bob */
  gint64   rep2;      /* carol */
  gint64   lead;      /* lena */
  gint64   customer;
  gint64   complaint;
  gint64   t1, t2, t3;
} Fixture;

static gint64
insert (CdStore       *store,
        const char    *table,
        const CdField *fields,
        guint          n_fields)
{
  g_autoptr(GError) error = NULL;
  gint64 id = cd_store_insert (store, table, fields, n_fields, &error);

  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  return id;
}

static gint64
add_staff (CdStore    *store,
           const char *login,
           const char *name,
           const char *role)
{
  const CdField fields[] = { { "login", login }, { "display_name", name }, { "role", role } };

  return insert (store, "staff", fields, G_N_ELEMENTS (fields));
}

static CdStore *
open_store (const char *path,
            const char *login)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CdStore) store = cd_store_open (path, CD_STORE_OPEN_CREATE | CD_STORE_OPEN_NO_WATCH, &error);

  g_assert_no_error (error);
  g_assert_true (cd_store_sign_in (store, login, NULL, &error));
  g_assert_no_error (error);
  cd_store_set_now (store, local (12, 7, 10, 0));
  return g_steal_pointer (&store);
}

#define I(v) g_strdup_printf ("%" G_GINT64_FORMAT, (gint64) (v))

/* A resolved ticket of @assignee; 0 leaves a column NULL. */
static gint64
add_ticket (Fixture *f,
            gint64   assignee,
            gint64   created,
            gint64   first_response,
            gint64   resolved,
            gint64   first_response_due,
            gint64   paused,
            int      interactions,
            int      reopens,
            int      satisfaction)
{
  g_autofree char *a = I (assignee), *c = I (created), *fr = I (first_response), *r = I (resolved);
  g_autofree char *frd = I (first_response_due), *p = I (paused), *n = I (interactions);
  g_autofree char *ro = I (reopens), *s = I (satisfaction), *cu = I (f->customer);
  const CdField fields[] = {
    { "customer_id", cu }, { "subject", "Parcel" }, { "assignee_id", a },
    { "status", resolved ? "resolved" : "open" },
    { "created_at", c }, { "first_response_at", first_response ? fr : NULL },
    { "resolved_at", resolved ? r : NULL },
    { "first_response_due", first_response_due ? frd : NULL },
    { "paused_seconds", p }, { "interaction_count", n }, { "reopen_count", ro },
    { "satisfaction", satisfaction ? s : NULL },
  };

  return insert (f->store, "tickets", fields, G_N_ELEMENTS (fields));
}

static void
add_followup (Fixture *f,
              gint64   assignee,
              gint64   due,
              gint64   done)
{
  g_autofree char *a = I (assignee), *d = I (due), *dn = I (done), *c = I (f->complaint);
  const CdField fields[] = {
    { "complaint_id", c }, { "due_at", d }, { "assignee_id", a },
    { "status", done ? "done" : "scheduled" }, { "done_at", done ? dn : NULL },
  };

  insert (f->store, "followups", fields, G_N_ELEMENTS (fields));
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->dir = g_dir_make_tmp ("caredesk-overview-XXXXXX", &error);
  g_assert_no_error (error);
  f->path = g_build_filename (f->dir, "caredesk.db", NULL);
  f->store = open_store (f->path, "alice");
  f->rep = add_staff (f->store, "bob", "Bob", "rep");
  f->rep2 = add_staff (f->store, "carol", "Carol", "rep");
  f->lead = add_staff (f->store, "lena", "Lena", "lead");
  {
    const CdField fields[] = { { "name", "王芳" }, { "tier", "strategic" } };
    f->customer = insert (f->store, "customers", fields, G_N_ELEMENTS (fields));
  }
  {
    const CdField fields[] = {
      { "name", "Office" }, { "timezone", "Asia/Shanghai" },
      { "week_schedule", "09:00-18:00;09:00-18:00;09:00-18:00;09:00-18:00;09:00-18:00;;" },
    };
    g_autofree char *cal = I (insert (f->store, "business_calendars", fields, G_N_ELEMENTS (fields)));
    const CdField holiday[] = { { "calendar_id", cal }, { "day", "2026-11-11" }, { "name", "Holiday" } };
    insert (f->store, "holidays", holiday, G_N_ELEMENTS (holiday));
  }
  /* Rows counted with another calendar are not read until rebuilt. */
  g_assert_true (cd_overview_summary_rebuild (f->store, &error));
  g_assert_no_error (error);
  cd_store_set_now (f->store, local (11, 20, 10, 0));
  f->complaint = cd_complaint_create (f->store, f->customer, 0, "Wrong size delivered", NULL,
                                      CD_SEVERITY_MAJOR, NULL, f->rep, &error);
  g_assert_no_error (error);
  cd_store_set_now (f->store, local (12, 7, 10, 0));

  /* Across a night: Monday 17:00 to Tuesday 10:00 is 2 business hours;
   * resolved Tuesday 12:00 (4 h), at first contact, satisfied (5). */
  f->t1 = add_ticket (f, f->rep, local (11, 2, 17, 0), local (11, 3, 10, 0), local (11, 3, 12, 0),
                      0, 0, 1, 0, 5);
  /* Across a weekend: Friday 17:30 to Monday 09:30 is 1 h; resolved
   * Monday 17:30 (9 h) less 2 h waiting on the customer; three contacts;
   * no satisfaction answer. */
  f->t2 = add_ticket (f, f->rep, local (11, 6, 17, 30), local (11, 9, 9, 30), local (11, 9, 17, 30),
                      0, 2 * HOUR, 3, 0, 0);
  /* Across a holiday: Tuesday 17:00 to Thursday 09:15 is 1 h 15 min (the
   * Wednesday does not count), past its first-response deadline; resolved
   * Thursday 10:00 (2 h), one contact but reopened once; scored 3. */
  f->t3 = add_ticket (f, f->rep, local (11, 10, 17, 0), local (11, 12, 9, 15), local (11, 12, 10, 0),
                      local (11, 12, 9, 0), 0, 1, 1, 3);
  /* Carol's open ticket, received in the period. */
  add_ticket (f, f->rep2, local (11, 16, 10, 0), 0, 0, 0, 0, 0, 0, 0);
  /* Follow-ups: one done on time, one done a minute late. */
  add_followup (f, f->rep, local (11, 17, 10, 0), local (11, 17, 9, 30));
  add_followup (f, f->rep, local (11, 18, 10, 0), local (11, 18, 10, 1));
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GDir) d = NULL;
  const char *name;

  g_clear_object (&f->store);
  d = g_dir_open (f->dir, 0, NULL);
  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *p = g_build_filename (f->dir, name, NULL);
      g_assert_cmpint (g_remove (p), ==, 0);
    }
  g_assert_cmpint (g_rmdir (f->dir), ==, 0);
  g_clear_pointer (&f->path, g_free);
  g_clear_pointer (&f->dir, g_free);
}

static CdOverviewPeriod *
load_november (CdStore  *store,
               gboolean  from_tickets)
{
  g_autoptr(GError) error = NULL;
  CdOverviewRange range;
  CdOverviewPeriod *period;

  g_assert_true (cd_overview_range_parse_month (&range, "2026-11", &error));
  g_assert_no_error (error);
  period = cd_overview_period_load_counted (store, &range, from_tickets, &error);
  g_assert_no_error (error);
  g_assert_nonnull (period);
  return period;
}

static double
figure (const CdOverviewFigures *figures,
        CdOverviewFigure         which)
{
  double value = -1;

  g_assert_true (cd_overview_figures_get (figures, which, &value));
  return value;
}

static void
check_bob (const CdOverviewFigures *bob)
{
  g_assert_cmpuint (bob->handled, ==, 3);
  g_assert_cmpuint (bob->received, ==, 3);
  g_assert_cmpuint (bob->received_resolved, ==, 3);
  g_assert_cmpuint (bob->answered, ==, 3);
  /* 2 h + 1 h + 1 h 15 min */
  g_assert_cmpint (bob->first_response_seconds, ==, 2 * HOUR + HOUR + HOUR + 15 * MINUTE);
  g_assert_cmpfloat (figure (bob, CD_OVERVIEW_FIGURE_FIRST_RESPONSE), ==, (4 * HOUR + 15 * MINUTE) / 3.0);
  /* 4 h + (9 h - 2 h pending) + 2 h */
  g_assert_cmpint (bob->resolution_seconds, ==, 4 * HOUR + 7 * HOUR + 2 * HOUR);
  /* Only the first: the second had three contacts, the third a reopen. */
  g_assert_cmpuint (bob->first_contact, ==, 1);
  g_assert_cmpfloat_with_epsilon (figure (bob, CD_OVERVIEW_FIGURE_FIRST_CONTACT_RATE), 100.0 / 3, 1e-9);
  g_assert_cmpuint (bob->breached, ==, 1);
  /* The missing answer is not a zero. */
  g_assert_cmpuint (bob->satisfaction_answers, ==, 2);
  g_assert_cmpfloat (figure (bob, CD_OVERVIEW_FIGURE_SATISFACTION), ==, 4.0);
  /* A minute late is late. */
  g_assert_cmpuint (bob->followups_due, ==, 2);
  g_assert_cmpuint (bob->followups_on_time, ==, 1);
  g_assert_cmpfloat (figure (bob, CD_OVERVIEW_FIGURE_FOLLOWUPS_ON_TIME), ==, 50.0);
  g_assert_cmpfloat (figure (bob, CD_OVERVIEW_FIGURE_RESOLUTION_RATE), ==, 100.0);
}

static void
test_figures (Fixture       *f,
              gconstpointer  data)
{
  for (int from_tickets = 0; from_tickets <= 1; from_tickets++)
    {
      g_autoptr(CdOverviewPeriod) period = load_november (f->store, from_tickets);
      const CdOverviewFigures *bob = NULL, *before = NULL, *carol = NULL;
      g_autofree char *change = NULL;

      g_assert_cmpint (period->from_summaries, ==, !from_tickets);
      g_assert_true (period->team);
      g_assert_true (cd_overview_period_find_row (period, f->rep, &bob, &before));
      check_bob (bob);
      g_assert_cmpuint (before->handled, ==, 0);
      g_assert_true (cd_overview_period_find_row (period, f->rep2, &carol, NULL));
      g_assert_cmpuint (carol->received, ==, 1);
      g_assert_cmpuint (carol->received_resolved, ==, 0);
      g_assert_cmpfloat (figure (carol, CD_OVERVIEW_FIGURE_RESOLUTION_RATE), ==, 0.0);

      g_assert_cmpuint (period->total->handled, ==, 3);
      g_assert_cmpuint (period->total->received, ==, 4);
      g_assert_cmpuint (period->total->complaints[CD_TIER_STRATEGIC], ==, 1);
      g_assert_cmpuint (period->days->len, ==, 30);
      /* 3 handled now, none before. */
      change = cd_overview_figure_format_change (CD_OVERVIEW_FIGURE_HANDLED, period->total,
                                                 period->total_before, NULL);
      g_assert_nonnull (change);
      g_assert_nonnull (strstr (change, "3"));
    }
}

static void
test_rep_sees_own_row (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(CdStore) bob_store = open_store (f->path, "bob");
  g_autoptr(CdOverviewPeriod) period = load_november (bob_store, FALSE);

  g_assert_false (period->team);
  g_assert_cmpuint (period->rows->len, ==, 1);
  check_bob (period->rows->pdata[0]);
  check_bob (period->total);
}

static void
assert_summaries_match (CdStore *store)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *difference = NULL;
  gboolean same = cd_overview_summary_check (store, &difference, &error);

  g_assert_no_error (error);
  if (!same)
    g_error ("Summary rows differ from a recomputation: %s", difference);
}

static void
test_summaries_follow_writes (Fixture       *f,
                              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CdStore) other = open_store (f->path, "lena");

  assert_summaries_match (f->store);

  /* Another connection (as another Caredesk would) reassigns, reopens and
   * deletes tickets while this one adds some. */
  {
    g_autofree char *carol = I (f->rep2);
    const CdField fields[] = { { "assignee_id", carol }, { "satisfaction", "1" } };
    g_assert_true (cd_store_update (other, "tickets", f->t1, 1, fields, G_N_ELEMENTS (fields), &error));
    g_assert_no_error (error);
  }
  {
    const CdField fields[] = { { "status", "open" }, { "resolved_at", NULL }, { "reopen_count", "1" } };
    g_assert_true (cd_store_update (other, "tickets", f->t2, 1, fields, G_N_ELEMENTS (fields), &error));
    g_assert_no_error (error);
  }
  g_assert_true (cd_store_delete (other, "tickets", f->t3, 1, &error));
  g_assert_no_error (error);
  add_ticket (f, f->lead, local (11, 24, 11, 0), local (11, 24, 11, 30), local (11, 25, 9, 0), 0, 0, 1, 0, 4);
  add_followup (f, f->rep2, local (11, 26, 10, 0), 0);
  {
    const CdField fields[] = { { "tier", "core" } };
    g_assert_true (cd_store_update (other, "customers", f->customer, 1, fields, 1, &error));
    g_assert_no_error (error);
  }

  assert_summaries_match (f->store);
  assert_summaries_match (other);
  {
    g_autoptr(CdOverviewPeriod) counted = load_november (f->store, TRUE);
    g_autoptr(CdOverviewPeriod) summed = load_november (f->store, FALSE);

    g_assert_true (summed->from_summaries);
    g_assert_cmpuint (summed->total->handled, ==, counted->total->handled);
    g_assert_cmpuint (summed->total->handled, ==, 2);
    g_assert_cmpuint (summed->total->complaints[CD_TIER_CORE], ==, 1);
    g_assert_cmpuint (summed->total->satisfaction_sum, ==, counted->total->satisfaction_sum);
    g_assert_cmpint (summed->total->first_response_seconds, ==, counted->total->first_response_seconds);
  }
}

/* A file from before the summary rows gets them when it is opened. */
static void
test_summaries_after_upgrade (Fixture       *f,
                              gconstpointer  data)
{
  g_autoptr(CdOverviewPeriod) period = NULL;
  sqlite3 *db;

  g_clear_object (&f->store);
  g_assert_cmpint (sqlite3_open (f->path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db,
                                 "DROP TABLE overview_hours; DROP TABLE overview_state;"
                                 "DROP TRIGGER overview_followup_insert;"
                                 /* Written by an older Caredesk after the rows went. */
                                 "UPDATE tickets SET satisfaction = 2 WHERE satisfaction = 5;",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  {
    guint before = 0;
    g_autofree char *sql = NULL;

    /* The schema before the one that brought the summary rows. */
    for (guint v = 1; v <= cd_schema_get_n_migrations (); v++)
      if (strstr (cd_schema_get_migration (v), "CREATE TABLE IF NOT EXISTS overview_hours") != NULL)
        before = v - 1;
    g_assert_cmpuint (before, >, 0);
    sql = g_strdup_printf ("PRAGMA user_version = %u", before);
    g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
  }
  sqlite3_close (db);

  f->store = open_store (f->path, "alice");
  assert_summaries_match (f->store);
  period = load_november (f->store, FALSE);
  g_assert_true (period->from_summaries);
  g_assert_cmpuint (period->total->satisfaction_sum, ==, 2 + 3);
  g_assert_cmpuint (period->total->followups_due, ==, 2);
}

/* A holiday added later changes business time: the figures are counted
 * from the tickets until the summary rows are rebuilt. */
static void
test_calendar_change (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 cal = cd_store_query_int (f->store, "SELECT min(id) FROM business_calendars", 0, 0, NULL);
  g_autofree char *cal_text = I (cal);
  const CdField holiday[] = { { "calendar_id", cal_text }, { "day", "2026-11-03" } };

  insert (f->store, "holidays", holiday, G_N_ELEMENTS (holiday));
  {
    g_autoptr(CdOverviewPeriod) period = load_november (f->store, FALSE);

    g_assert_false (period->from_summaries);
    /* The first ticket's answer on the now-holiday Tuesday counts 1 h. */
    g_assert_cmpint (period->total->first_response_seconds, ==, HOUR + HOUR + HOUR + 15 * MINUTE);
  }
  g_assert_true (cd_overview_summary_rebuild (f->store, &error));
  g_assert_no_error (error);
  {
    g_autoptr(CdOverviewPeriod) period = load_november (f->store, FALSE);

    g_assert_true (period->from_summaries);
    g_assert_cmpint (period->total->first_response_seconds, ==, HOUR + HOUR + HOUR + 15 * MINUTE);
  }
}

static void
test_my_day (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CdMyDay) day = NULL;
  g_autoptr(CdMyDay) carol_day = NULL;
  gint64 now = local (12, 7, 10, 0);

  /* An overdue follow-up of Bob's, one of Carol's, and an open ticket of
   * Bob's past its first-response deadline. */
  add_followup (f, f->rep, now - 2 * HOUR, 0);
  add_followup (f, f->rep, now - 3 * HOUR, 0);
  add_followup (f, f->rep2, now - HOUR, 0);
  add_followup (f, f->rep, now + HOUR, 0);
  add_ticket (f, f->rep, now - 30 * HOUR, 0, 0, now - 5 * HOUR, 0, 0, 0, 0);

  day = cd_my_day_load (f->store, f->rep, 5, &error);
  g_assert_no_error (error);
  g_assert_true (day->counted[CD_MY_DAY_FOLLOWUPS_OVERDUE]);
  g_assert_cmpint (day->counts[CD_MY_DAY_FOLLOWUPS_OVERDUE], ==, 2);
  g_assert_cmpuint (day->items[CD_MY_DAY_FOLLOWUPS_OVERDUE]->len, ==, 2);
  /* The most urgent (longest overdue) first. */
  g_assert_cmpint (((CdMyDayItem *) day->items[CD_MY_DAY_FOLLOWUPS_OVERDUE]->pdata[0])->due_at, ==, now - 3 * HOUR);
  g_assert_cmpint (day->counts[CD_MY_DAY_TICKETS_BREACHED], ==, 1);
  g_assert_cmpint (day->counts[CD_MY_DAY_ESCALATIONS_OWED], ==, 0);
  g_assert_true (day->counted[CD_MY_DAY_CERTIFICATIONS_EXPIRING]);
  g_assert_cmpint (day->counts[CD_MY_DAY_CERTIFICATIONS_EXPIRING], ==, 0);

  carol_day = cd_my_day_load (f->store, f->rep2, 1, &error);
  g_assert_no_error (error);
  g_assert_cmpint (carol_day->counts[CD_MY_DAY_FOLLOWUPS_OVERDUE], ==, 1);
  g_assert_cmpint (carol_day->counts[CD_MY_DAY_TICKETS_BREACHED], ==, 0);
  g_assert_nonnull (cd_my_day_section_empty (CD_MY_DAY_TICKETS_BREACHED));
}

/* Training records of November 2026 and October before it. */
static gint64
add_course (Fixture    *f,
            const char *title,
            const char *hours)
{
  const CdField fields[] = { { "title", title }, { "kind", "product" }, { "hours", hours } };

  return insert (f->store, "courses", fields, G_N_ELEMENTS (fields));
}

static gint64
add_session (Fixture *f,
             gint64   course,
             gint64   starts)
{
  g_autofree char *c = I (course), *s = I (starts), *e = I (starts + 2 * HOUR);
  const CdField fields[] = { { "course_id", c }, { "starts_at", s }, { "ends_at", e } };

  return insert (f->store, "training_sessions", fields, G_N_ELEMENTS (fields));
}

static void
add_enrolment (Fixture    *f,
               gint64      session,
               gint64      staff,
               const char *attendance)
{
  g_autofree char *se = I (session), *st = I (staff);
  const CdField fields[] = { { "session_id", se }, { "staff_id", st }, { "attendance", attendance } };

  insert (f->store, "enrolments", fields, G_N_ELEMENTS (fields));
}

static gint64
add_certification (Fixture    *f,
                   const char *name,
                   const char *required_roles,
                   const char *archived)
{
  const CdField fields[] = { { "name", name }, { "required_roles", required_roles }, { "archived", archived } };

  return insert (f->store, "certifications", fields, G_N_ELEMENTS (fields));
}

static gint64
add_held (Fixture *f,
          gint64   staff,
          gint64   certification,
          gint64   issued,
          gint64   expires,
          gint64   revoked)
{
  g_autofree char *st = I (staff), *c = I (certification), *i = I (issued), *e = I (expires), *r = I (revoked);
  const CdField fields[] = {
    { "staff_id", st }, { "certification_id", c }, { "issued_at", i }, { "expires_at", e },
    { "revoked_at", revoked ? r : NULL },
  };

  return insert (f->store, "staff_certifications", fields, G_N_ELEMENTS (fields));
}

static void
add_plan_item (Fixture *f,
               int      year,
               gint64   staff,
               gint64   course,
               gint64   due)
{
  g_autofree char *y = I (year), *st = I (staff), *c = I (course), *d = I (due);
  const CdField fields[] = { { "year", y }, { "staff_id", st }, { "course_id", c }, { "due_at", d } };

  insert (f->store, "training_plan_items", fields, G_N_ELEMENTS (fields));
}

static void
add_training (Fixture *f)
{
  gint64 a = add_course (f, "Returns policy", "2.5");
  gint64 b = add_course (f, "Difficult calls", "4");
  gint64 c = add_course (f, "Product basics", "1");
  gint64 d = add_course (f, "Data protection", "1");
  gint64 s1 = add_session (f, a, local (11, 10, 14, 0));
  gint64 s2 = add_session (f, b, local (10, 20, 14, 0));
  gint64 s3 = add_session (f, a, local (11, 20, 14, 0));
  /* Required of reps; of reps and leads; of nobody; archived. */
  gint64 c1 = add_certification (f, "Returns", "1", "0");
  gint64 c2 = add_certification (f, "Escalations", "3", "0");
  gint64 c3 = add_certification (f, "Mandarin", "0", "0");
  gint64 c4 = add_certification (f, "Old rules", "1", "1");

  /* Bob: 2.5 h + 2.5 h in November, 4 h in October; Carol 2.5 h (absent
   * from the second); Lena (a lead) none. */
  add_enrolment (f, s1, f->rep, "attended");
  add_enrolment (f, s3, f->rep, "attended");
  add_enrolment (f, s2, f->rep, "attended");
  add_enrolment (f, s1, f->rep2, "attended");
  add_enrolment (f, s3, f->rep2, "absent");

  /* Bob holds Returns (until 1 January, so expiring on 7 December) and
   * held Escalations until 15 November: 1 of 2 at the end of November,
   * 2 of 2 at the end of October. */
  add_held (f, f->rep, c1, local (1, 1, 0, 0), local (1, 1, 0, 0) + 365 * 24 * HOUR, 0);
  add_held (f, f->rep, c2, local (9, 1, 0, 0), local (11, 15, 0, 0), 0);
  add_held (f, f->rep, c4, local (9, 1, 0, 0), local (9, 1, 0, 0) + 365 * 24 * HOUR, 0);
  /* Carol's Returns was revoked on 20 November: held at the end of
   * October, not of November. Her Mandarin runs out on 20 December but
   * was renewed, and is not required anyway. */
  add_held (f, f->rep2, c1, local (1, 1, 0, 0), local (1, 1, 0, 0) + 365 * 24 * HOUR, local (11, 20, 9, 0));
  add_held (f, f->rep2, c3, local (1, 1, 0, 0), local (12, 20, 0, 0), 0);
  add_held (f, f->rep2, c3, local (12, 1, 0, 0), local (12, 1, 0, 0) + 365 * 24 * HOUR, 0);
  /* Lena's Escalations came in December: 0 of 1 in both months. */
  add_held (f, f->lead, c2, local (12, 1, 0, 0), local (12, 1, 0, 0) + 365 * 24 * HOUR, 0);

  /* Bob's plan: Returns policy and Difficult calls done (attended in
   * 2026), Product basics late, Data protection due on 20 December,
   * next year's not yet. */
  add_plan_item (f, 2026, f->rep, a, local (11, 1, 0, 0));
  add_plan_item (f, 2026, f->rep, b, local (12, 1, 0, 0));
  add_plan_item (f, 2026, f->rep, c, local (11, 15, 0, 0));
  add_plan_item (f, 2026, f->rep, d, local (12, 20, 0, 0));
  add_plan_item (f, 2027, f->rep, b, local (12, 20, 0, 0) + 100 * 24 * HOUR);
}

static const CdOverviewFigures *
row_of (const CdOverviewPeriod   *period,
        gint64                    staff_id,
        const CdOverviewFigures **before)
{
  const CdOverviewFigures *now = NULL;

  g_assert_true (cd_overview_period_find_row (period, staff_id, &now, before));
  return now;
}

static void
test_training_figures (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(CdOverviewPeriod) period = NULL;
  const CdOverviewFigures *bob, *bob_before, *carol, *carol_before, *lena, *lena_before;

  add_training (f);
  period = load_november (f->store, FALSE);

  bob = row_of (period, f->rep, &bob_before);
  carol = row_of (period, f->rep2, &carol_before);
  lena = row_of (period, f->lead, &lena_before);
  g_assert_true (bob->training_known);
  g_assert_cmpfloat (figure (bob, CD_OVERVIEW_FIGURE_TRAINING_HOURS), ==, 5.0);
  g_assert_cmpfloat (figure (bob_before, CD_OVERVIEW_FIGURE_TRAINING_HOURS), ==, 4.0);
  g_assert_cmpfloat (figure (carol, CD_OVERVIEW_FIGURE_TRAINING_HOURS), ==, 2.5);
  g_assert_cmpfloat (figure (lena, CD_OVERVIEW_FIGURE_TRAINING_HOURS), ==, 0.0);

  /* The archived certification and the one nobody must hold do not count. */
  g_assert_cmpuint (bob->certifications_required, ==, 2);
  g_assert_cmpuint (bob->certifications_current, ==, 1);
  g_assert_cmpfloat (figure (bob, CD_OVERVIEW_FIGURE_CERTIFICATION_RATE), ==, 50.0);
  g_assert_cmpfloat (figure (bob_before, CD_OVERVIEW_FIGURE_CERTIFICATION_RATE), ==, 100.0);
  /* A revocation counts from its day on, not before. */
  g_assert_cmpuint (carol->certifications_current, ==, 0);
  g_assert_cmpuint (carol_before->certifications_current, ==, 1);
  g_assert_cmpuint (lena->certifications_required, ==, 1);
  g_assert_cmpuint (lena->certifications_current, ==, 0);

  /* The team: everyone listed together. */
  g_assert_true (period->total->training_known);
  g_assert_cmpfloat (figure (period->total, CD_OVERVIEW_FIGURE_TRAINING_HOURS), ==, 7.5);
  g_assert_cmpfloat (figure (period->total_before, CD_OVERVIEW_FIGURE_TRAINING_HOURS), ==, 4.0);
  g_assert_cmpuint (period->total->certifications_required, ==, 5);
  g_assert_cmpuint (period->total->certifications_current, ==, 1);
  g_assert_cmpfloat (figure (period->total, CD_OVERVIEW_FIGURE_CERTIFICATION_RATE), ==, 20.0);
  g_assert_cmpfloat (figure (period->total_before, CD_OVERVIEW_FIGURE_CERTIFICATION_RATE), ==, 60.0);
  {
    g_autofree char *change = cd_overview_figure_format_change (CD_OVERVIEW_FIGURE_TRAINING_HOURS,
                                                                period->total, period->total_before, NULL);
    g_assert_nonnull (change);
  }

  /* This month runs on: compliance is that of now (7 December), when
   * Lena holds Escalations and Bob still holds Returns. */
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(CdOverviewPeriod) december = NULL;
    CdOverviewRange range;

    cd_overview_range_for_kind (&range, CD_OVERVIEW_THIS_MONTH, local (12, 7, 10, 0));
    december = cd_overview_period_load (f->store, &range, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (row_of (december, f->lead, NULL)->certifications_current, ==, 1);
    g_assert_cmpuint (row_of (december, f->rep, NULL)->certifications_current, ==, 1);
    g_assert_cmpfloat (figure (december->total, CD_OVERVIEW_FIGURE_TRAINING_HOURS), ==, 0.0);
  }
}

static void
test_training_rep (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(CdStore) store = NULL;
  g_autoptr(CdOverviewPeriod) period = NULL;

  add_training (f);
  store = open_store (f->path, "carol");
  period = load_november (store, FALSE);
  g_assert_false (period->team);
  g_assert_cmpuint (period->rows->len, ==, 1);
  g_assert_cmpfloat (figure (period->total, CD_OVERVIEW_FIGURE_TRAINING_HOURS), ==, 2.5);
  g_assert_cmpuint (period->total->certifications_required, ==, 2);
  g_assert_cmpuint (period->total_before->certifications_current, ==, 1);
}

static void
test_my_day_training (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CdMyDay) day = NULL;
  g_autoptr(CdMyDay) carol_day = NULL;
  const CdMyDayItem *item;

  add_training (f);
  day = cd_my_day_load (f->store, f->rep, 5, &error);
  g_assert_no_error (error);

  /* Returns runs out on 1 January; Escalations has run out already and
   * the archived one is not expiring. */
  g_assert_true (day->counted[CD_MY_DAY_CERTIFICATIONS_EXPIRING]);
  g_assert_cmpint (day->counts[CD_MY_DAY_CERTIFICATIONS_EXPIRING], ==, 1);
  item = day->items[CD_MY_DAY_CERTIFICATIONS_EXPIRING]->pdata[0];
  g_assert_cmpstr (item->title, ==, "Returns");
  g_assert_cmpint (item->due_at, ==, local (1, 1, 0, 0) + 365 * 24 * HOUR);
  g_assert_nonnull (item->detail);

  /* The late item first, then the one due on 20 December; the done one
   * and next year's are not there. */
  g_assert_true (day->counted[CD_MY_DAY_TRAINING_DUE]);
  g_assert_cmpint (day->counts[CD_MY_DAY_TRAINING_DUE], ==, 2);
  item = day->items[CD_MY_DAY_TRAINING_DUE]->pdata[0];
  g_assert_cmpstr (item->title, ==, "Product basics");
  g_assert_cmpint (item->due_at, ==, local (11, 15, 0, 0));
  item = day->items[CD_MY_DAY_TRAINING_DUE]->pdata[1];
  g_assert_cmpstr (item->title, ==, "Data protection");

  /* Carol's Mandarin was renewed: nothing expires. */
  carol_day = cd_my_day_load (f->store, f->rep2, 5, &error);
  g_assert_no_error (error);
  g_assert_cmpint (carol_day->counts[CD_MY_DAY_CERTIFICATIONS_EXPIRING], ==, 0);
  g_assert_cmpint (carol_day->counts[CD_MY_DAY_TRAINING_DUE], ==, 0);
}

static void
test_export_missing_folder (Fixture       *f,
                            gconstpointer  data)
{
  g_autofree char *folder = g_build_filename (f->dir, "gone", NULL);
  const char *formats[] = { "csv", "pdf" };

  for (guint i = 0; i < G_N_ELEMENTS (formats); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *name = g_strdup_printf ("review.%s", formats[i]);
      g_autofree char *path = g_build_filename (folder, name, NULL);

      g_assert_false (cd_overview_monthly_review_cli (f->store, "2026-11",
                                                      i == 0 ? path : NULL, i == 1 ? path : NULL, &error));
      g_assert_nonnull (error);
      g_assert_nonnull (strstr (error->message, folder));
      g_assert_null (strstr (error->message, ".partial"));
    }
}

/* A lead's month reads its summary rows from the covering index, which
 * keeps the rows of an hour range together in the file. */
static void
test_summary_rows_indexed (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  sqlite3_stmt *stmt = cd_store_prepare (f->store,
                                         "EXPLAIN QUERY PLAN SELECT staff_id, hour >= 10, sum (received),"
                                         " sum (complaints_general), sum (followups_on_time) FROM overview_hours"
                                         " WHERE hour >= 1 AND hour < 20 AND (0 = 0 OR staff_id = 0)"
                                         " GROUP BY staff_id, hour >= 10", &error);
  g_autoptr(GString) plan = g_string_new (NULL);

  g_assert_no_error (error);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_string_append_printf (plan, "%s\n", sqlite3_column_text (stmt, 3));
  sqlite3_reset (stmt);
  g_assert_nonnull (strstr (plan->str, "COVERING INDEX overview_hours_counts"));
}

static void
test_ranges (void)
{
  g_autoptr(GError) error = NULL;
  CdOverviewRange range, previous;
  GDate first, last;

  g_assert_true (cd_overview_range_parse_month (&range, "2026-11", &error));
  g_assert_cmpuint (cd_overview_range_n_days (&range), ==, 30);
  g_assert_cmpint (range.start, ==, local (11, 1, 0, 0));
  g_assert_cmpint (range.end, ==, local (12, 1, 0, 0));
  cd_overview_range_previous (&range, &previous);
  g_assert_cmpuint (cd_overview_range_n_days (&previous), ==, 31);
  g_assert_cmpint (previous.end, ==, range.start);

  for (guint i = 0; i < 5; i++)
    {
      const char *bad[] = { "2026-13", "2026", "november", "2026-11-01", "" };
      g_autoptr(GError) e = NULL;

      g_assert_false (cd_overview_range_parse_month (&range, bad[i], &e));
      g_assert_error (e, CD_STORE_ERROR, CD_STORE_ERROR_INVALID);
    }

  g_date_clear (&first, 1);
  g_date_clear (&last, 1);
  g_date_set_dmy (&first, 10, 11, 2026);
  g_date_set_dmy (&last, 9, 11, 2026);
  g_assert_false (cd_overview_range_init (&range, &first, &last, &error));
  g_assert_error (error, CD_STORE_ERROR, CD_STORE_ERROR_INVALID);
}

static void
test_exports (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *csv = g_build_filename (f->dir, "review.csv", NULL);
  g_autofree char *pdf = g_build_filename (f->dir, "review.pdf", NULL);
  g_autofree char *text = NULL;
  gint64 audits = cd_store_query_int (f->store, "SELECT count(*) FROM audit_log", 0, 0, NULL);

  g_assert_true (cd_overview_monthly_review_cli (f->store, "2026-11", csv, pdf, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (csv, &text, NULL, NULL));
  g_assert_nonnull (strstr (text, "Bob"));
  g_assert_true (g_file_test (pdf, G_FILE_TEST_IS_REGULAR));
  g_assert_cmpint (cd_store_query_int (f->store, "SELECT count(*) FROM audit_log", 0, 0, NULL), ==, audits + 2);

  g_assert_false (cd_overview_monthly_review_cli (f->store, "2026-11", csv, csv, &error));
  g_assert_error (error, CD_STORE_ERROR, CD_STORE_ERROR_INVALID);
}

int
main (int argc, char **argv)
{
  int status;

  g_test_init (&argc, &argv, NULL);

#define ADD(name, func) \
  g_test_add (name, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  g_test_add_func ("/overview/ranges", test_ranges);
  ADD ("/overview/figures", test_figures);
  ADD ("/overview/rep-sees-own-row", test_rep_sees_own_row);
  ADD ("/overview/summaries-follow-writes", test_summaries_follow_writes);
  ADD ("/overview/summaries-after-upgrade", test_summaries_after_upgrade);
  ADD ("/overview/calendar-change", test_calendar_change);
  ADD ("/overview/my-day", test_my_day);
  ADD ("/overview/exports", test_exports);
  ADD ("/overview/training/figures", test_training_figures);
  ADD ("/overview/training/rep", test_training_rep);
  ADD ("/overview/training/my-day", test_my_day_training);
  ADD ("/overview/exports/missing-folder", test_export_missing_folder);
  ADD ("/overview/summary-rows-indexed", test_summary_rows_indexed);
#undef ADD

  status = g_test_run ();
  /* The PDF's fonts are cached for the process; let them go, so that the
   * leak checker sees only what Caredesk keeps. */
  pango_cairo_font_map_set_default (NULL);
  cairo_debug_reset_static_data ();
  FcFini ();
  return status;
}
