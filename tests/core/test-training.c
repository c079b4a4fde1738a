/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "caredesk-test-training"

#include "config.h"

#include <glib/gstdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cd-reminders.h"
#include "cd-store.h"
#include "cd-store-private.h"
#include "cd-ticket-assignees.h"
#include "cd-training.h"

/* 2024-03-15 08:00 in Asia/Shanghai (the suite's TZ). */
#define NOW G_GINT64_CONSTANT (1710460800)
#define HOUR 3600
#define DAY G_GINT64_CONSTANT (86400)

typedef struct {
  char    *dir;
  char    *path;
  CdStore *store;
  gint64   admin;     /* alice */
  gint64   trainer;   /* tina */
  gint64   lead;      /* leo */
  gint64   rep;       /* bob */
  gint64   rep2;      /* carol */
  gint64   rep3;      /* dan */
  gint64   category;  /* "Billing" */
} Fixture;

static gint64
add_staff (CdStore    *store,
           const char *login,
           const char *name,
           const char *role)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *email = g_strdup_printf ("%s@example.com", login);
  const CdField fields[] = {
    { "login", login }, { "display_name", name }, { "role", role }, { "email", email },
  };
  gint64 id = cd_store_insert (store, "staff", fields, G_N_ELEMENTS (fields), &error);

  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  return id;
}

static void
sign_in (Fixture    *f,
         const char *login)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (cd_store_sign_in (f->store, login, NULL, &error));
  g_assert_no_error (error);
}

static gint64
db_int (CdStore    *store,
        const char *sql)
{
  g_autoptr(GError) error = NULL;
  gint64 v = cd_store_query_int (store, sql, CD_NO_BIND, -1, &error);

  g_assert_no_error (error);
  return v;
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->dir = g_dir_make_tmp ("caredesk-training-XXXXXX", &error);
  g_assert_no_error (error);
  f->path = g_build_filename (f->dir, "caredesk.db", NULL);
  f->store = cd_store_open (f->path, CD_STORE_OPEN_CREATE | CD_STORE_OPEN_NO_WATCH, &error);
  g_assert_no_error (error);
  sign_in (f, "alice");
  cd_store_set_now (f->store, NOW);

  f->admin = cd_store_get_staff_id (f->store);
  f->trainer = add_staff (f->store, "tina", "Tina Trainer", "trainer");
  f->lead = add_staff (f->store, "leo", "Leo Lead", "lead");
  f->rep = add_staff (f->store, "bob", "Bob", "rep");
  f->rep2 = add_staff (f->store, "carol", "Carol", "rep");
  f->rep3 = add_staff (f->store, "dan", "Dan", "rep");
  {
    const CdField fields[] = { { "name", "Billing" }, { "min_coverage", "0" } };
    f->category = cd_store_insert (f->store, "ticket_categories", fields, G_N_ELEMENTS (fields), &error);
    g_assert_no_error (error);
  }
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->store);
  {
    g_autoptr(GDir) d = g_dir_open (f->dir, 0, NULL);
    const char *name;

    while (d != NULL && (name = g_dir_read_name (d)) != NULL)
      {
        g_autofree char *p = g_build_filename (f->dir, name, NULL);
        g_remove (p);
      }
  }
  g_rmdir (f->dir);
  g_clear_pointer (&f->path, g_free);
  g_clear_pointer (&f->dir, g_free);
}

static gint64
make_course (Fixture    *f,
             const char *title)
{
  g_autoptr(CdCourse) course = cd_course_new ();
  g_autoptr(GError) error = NULL;
  gint64 id;

  course->title = g_strdup (title);
  course->kind = CD_COURSE_PRODUCT;
  course->hours = 4;
  id = cd_course_create (f->store, course, &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  return id;
}

/* A certification requiring @course_id (0: none) and a passed exam
 * (when @exam), qualifying for the fixture's category. */
static gint64
make_certification (Fixture    *f,
                    const char *name,
                    gint64      course_id,
                    gboolean    exam,
                    int         months)
{
  g_autoptr(CdCertification) c = cd_certification_new ();
  g_autoptr(GError) error = NULL;
  gint64 id;
  int kind = CD_ASSESSMENT_EXAM;

  c->name = g_strdup (name);
  c->validity_months = months;
  if (course_id != 0)
    g_array_append_val (c->course_ids, course_id);
  if (exam)
    g_array_append_val (c->assessment_kinds, kind);
  g_array_append_val (c->category_ids, f->category);
  id = cd_certification_create (f->store, c, &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  return id;
}

/* A staff certification written straight into the table (as another
 * program, or an old record, would have it). */
static gint64
raw_cert (Fixture *f,
          gint64   staff_id,
          gint64   certification_id,
          gint64   issued_at,
          gint64   expires_at,
          gint64   revoked_at)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *s = g_strdup_printf ("%" G_GINT64_FORMAT, staff_id);
  g_autofree char *c = g_strdup_printf ("%" G_GINT64_FORMAT, certification_id);
  g_autofree char *i = g_strdup_printf ("%" G_GINT64_FORMAT, issued_at);
  g_autofree char *e = g_strdup_printf ("%" G_GINT64_FORMAT, expires_at);
  g_autofree char *r = revoked_at > 0 ? g_strdup_printf ("%" G_GINT64_FORMAT, revoked_at) : NULL;
  const CdField fields[] = {
    { "staff_id", s }, { "certification_id", c }, { "issued_at", i }, { "expires_at", e }, { "revoked_at", r },
  };
  gint64 id = cd_store_insert (f->store, "staff_certifications", fields, G_N_ELEMENTS (fields), &error);

  g_assert_no_error (error);
  return id;
}

static gint64
local_time (int y, int m, int d, int hh, int mm)
{
  g_autoptr(GDateTime) t = g_date_time_new_local (y, m, d, hh, mm, 0);

  g_assert_nonnull (t);
  return g_date_time_to_unix (t);
}

/* Status --------------------------------------------------------------------- */

static void
test_status_boundaries (void)
{
  gint64 now = local_time (2024, 3, 15, 8, 0);

  /* Expires today, later: expiring (0 days); earlier today: expired. */
  g_assert_cmpint (cd_certification_status (local_time (2024, 3, 15, 18, 0), 0, now), ==, CD_CERT_EXPIRING);
  g_assert_cmpint (cd_certification_days_left (local_time (2024, 3, 15, 18, 0), now), ==, 0);
  g_assert_cmpint (cd_certification_status (local_time (2024, 3, 15, 7, 59), 0, now), ==, CD_CERT_EXPIRED);
  g_assert_cmpint (cd_certification_status (now, 0, now), ==, CD_CERT_EXPIRED);
  /* In 30 days: still expiring, on its last minute too; in 31: active. */
  g_assert_cmpint (cd_certification_status (local_time (2024, 4, 14, 0, 0), 0, now), ==, CD_CERT_EXPIRING);
  g_assert_cmpint (cd_certification_status (local_time (2024, 4, 14, 23, 59), 0, now), ==, CD_CERT_EXPIRING);
  g_assert_cmpint (cd_certification_days_left (local_time (2024, 4, 14, 23, 59), now), ==, 30);
  g_assert_cmpint (cd_certification_status (local_time (2024, 4, 15, 0, 0), 0, now), ==, CD_CERT_ACTIVE);
  /* Revoked wins over everything, once it has happened. */
  g_assert_cmpint (cd_certification_status (local_time (2025, 1, 1, 0, 0), now - 1, now), ==, CD_CERT_REVOKED);
  g_assert_cmpint (cd_certification_status (local_time (2025, 1, 1, 0, 0), now + 10, now), ==, CD_CERT_ACTIVE);

  {
    g_autofree char *today = cd_certification_status_text (CD_CERT_EXPIRING, local_time (2024, 3, 15, 18, 0), now);
    g_autofree char *later = cd_certification_status_text (CD_CERT_EXPIRING, local_time (2024, 3, 27, 0, 0), now);
    g_assert_cmpstr (today, ==, "Expires today");
    g_assert_cmpstr (later, ==, "Expires in 12 days");
  }
}

static void
test_status_dst (void)
{
  g_autofree char *saved = g_strdup (g_getenv ("TZ"));
  gint64 now, limit;

  /* Europe/Berlin moves to summer time on 31 March 2024: 30 calendar
   * days from 10 March end on 9 April whatever the clock did. */
  g_setenv ("TZ", "Europe/Berlin", TRUE);
  tzset ();
  now = local_time (2024, 3, 10, 12, 0);
  limit = cd_certification_expiring_limit (now);
  g_assert_cmpint (limit, ==, local_time (2024, 4, 10, 0, 0));
  /* 24-hour steps would put it an hour later */
  g_assert_cmpint (limit, ==, local_time (2024, 3, 10, 0, 0) + 31 * DAY - HOUR);
  g_assert_cmpint (cd_certification_status (local_time (2024, 4, 9, 23, 30), 0, now), ==, CD_CERT_EXPIRING);
  g_assert_cmpint (cd_certification_status (local_time (2024, 4, 10, 0, 0), 0, now), ==, CD_CERT_ACTIVE);
  g_assert_cmpint (cd_certification_days_left (local_time (2024, 4, 9, 23, 30), now), ==, 30);
  /* Validity counts in local calendar months across the change: issued
   * on 15 March, valid through 14 April, out at its local midnight. */
  g_assert_cmpint (cd_certification_expiry_for (local_time (2024, 3, 15, 16, 0), 1), ==, local_time (2024, 4, 15, 0, 0));
  /* 31 January + 1 month is the last day of February. */
  g_assert_cmpint (cd_certification_expiry_for (local_time (2024, 1, 31, 9, 0), 1), ==, local_time (2024, 2, 29, 0, 0));

  if (saved != NULL)
    g_setenv ("TZ", saved, TRUE);
  else
    g_unsetenv ("TZ");
  tzset ();
  /* The same moment in another zone has its own midnight: nothing of
   * Berlin's answer is kept (19:00 on 10 March in Shanghai). */
  if (saved != NULL)
    g_assert_cmpint (cd_certification_expiring_limit (now), ==, local_time (2024, 4, 10, 0, 0));
}

/* Requirements, issuing, renewing, revoking ------------------------------------ */

static gint64
attend (Fixture *f,
        gint64   course_id,
        gint64   staff_id,
        gint64   starts_at)
{
  g_autoptr(CdSession) session = cd_session_new ();
  g_autoptr(GPtrArray) roster = NULL;
  g_autoptr(GError) error = NULL;
  CdEnrolment *e;
  gint64 id;

  session->course_id = course_id;
  session->starts_at = starts_at;
  session->ends_at = starts_at + 2 * HOUR;
  id = cd_session_create (f->store, session, &error);
  g_assert_no_error (error);
  g_assert_true (cd_session_enrol (f->store, id, &staff_id, 1, NULL, NULL, &error));
  g_assert_no_error (error);
  roster = cd_session_roster (f->store, id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (roster->len, ==, 1);
  e = g_ptr_array_index (roster, 0);
  g_assert_true (cd_session_set_attendance (f->store, e->id, e->version, CD_ATTENDANCE_ATTENDED, &error));
  g_assert_no_error (error);
  return id;
}

static gint64
assess (Fixture *f,
        gint64   staff_id,
        gint64   certification_id,
        double   score,
        gint64   at)
{
  g_autoptr(CdAssessment) a = cd_assessment_new ();
  g_autoptr(GError) error = NULL;
  gint64 id;

  a->staff_id = staff_id;
  a->certification_id = certification_id;
  a->kind = CD_ASSESSMENT_EXAM;
  a->score = score;
  a->pass_mark = 70;
  a->assessor_id = f->trainer;
  a->assessed_at = at;
  id = cd_assessment_create (f->store, a, &error);
  g_assert_no_error (error);
  return id;
}

static void
test_requirements (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) reqs = NULL;
  gint64 course = make_course (f, "Billing system");
  gint64 cert = make_certification (f, "Billing specialist", course, TRUE, 24);
  gint64 id;

  sign_in (f, "tina");
  reqs = cd_certification_requirements (f->store, f->rep, cert, NOW, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (reqs->len, ==, 2);
  g_assert_false (cd_requirements_all_met (reqs));
  g_clear_pointer (&reqs, g_ptr_array_unref);

  /* Not met: a trainer is told what is missing, and nothing is written. */
  id = cd_certification_issue (f->store, f->rep, cert, 0, NULL, &error);
  g_assert_error (error, CD_STORE_ERROR, CD_STORE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "Billing system"));
  g_assert_cmpint (id, ==, 0);
  g_clear_error (&error);
  /* …and may not override, reason or not. */
  id = cd_certification_issue (f->store, f->rep, cert, 0, "Needed on the phones", &error);
  g_assert_error (error, CD_STORE_ERROR, CD_STORE_ERROR_PERMISSION);
  g_clear_error (&error);
  g_assert_cmpint (db_int (f->store, "SELECT count(*) FROM staff_certifications"), ==, 0);

  /* The course attended and a failed exam: still one missing. */
  attend (f, course, f->rep, NOW - 20 * DAY);
  assess (f, f->rep, cert, 50, NOW - 10 * DAY);
  reqs = cd_certification_requirements (f->store, f->rep, cert, NOW, &error);
  g_assert_true (((CdRequirement *) g_ptr_array_index (reqs, 0))->met);
  g_assert_false (((CdRequirement *) g_ptr_array_index (reqs, 1))->met);
  g_clear_pointer (&reqs, g_ptr_array_unref);

  /* A pass from longer ago than the validity does not count. */
  assess (f, f->rep, cert, 90, NOW - 800 * DAY);
  g_assert_cmpint (cd_certification_issue (f->store, f->rep, cert, 0, NULL, &error), ==, 0);
  g_assert_error (error, CD_STORE_ERROR, CD_STORE_ERROR_INVALID);
  g_clear_error (&error);

  assess (f, f->rep, cert, 82, NOW - 5 * DAY);
  id = cd_certification_issue (f->store, f->rep, cert, 0, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  {
    g_autoptr(CdStaffCertification) r = cd_staff_certification_load (f->store, id, &error);
    g_assert_cmpint (r->issued_at, ==, NOW);
    g_assert_cmpint (r->expires_at, ==, cd_certification_expiry_for (NOW, 24));
    g_assert_cmpint (r->issued_by, ==, f->trainer);
    g_assert_null (r->override_reason);
  }
  /* Issuing again while it is valid is refused: renew instead. */
  g_assert_cmpint (cd_certification_issue (f->store, f->rep, cert, 0, NULL, &error), ==, 0);
  g_assert_error (error, CD_STORE_ERROR, CD_STORE_ERROR_INVALID);
  g_clear_error (&error);

  /* An administrator overrides with a reason, which is logged. */
  sign_in (f, "alice");
  g_assert_cmpint (cd_certification_issue (f->store, f->rep2, cert, 0, NULL, &error), ==, 0);
  g_assert_error (error, CD_STORE_ERROR, CD_STORE_ERROR_INVALID);
  g_clear_error (&error);
  id = cd_certification_issue (f->store, f->rep2, cert, 0, "Certified by the vendor; paperwork follows", &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  g_assert_cmpint (db_int (f->store, "SELECT count(*) FROM audit_log WHERE entity = 'staff_certifications'"
                                     " AND action = 'override' AND new_value LIKE 'Certified by the vendor%'"), ==, 1);
  g_assert_cmpint (db_int (f->store, "SELECT count(*) FROM staff_certifications WHERE override_reason IS NOT NULL"), ==, 1);
}

static void
test_renew_and_revoke (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 cert = make_certification (f, "Billing specialist", 0, FALSE, 12);
  gint64 old, renewed;

  sign_in (f, "tina");
  /* Ran out yesterday: not certified, the assign check refuses. */
  old = raw_cert (f, f->rep, cert, NOW - 366 * DAY, NOW - DAY, 0);
  g_assert_false (cd_staff_is_certified_for (f->store, f->rep, f->category, NOW, &error));
  g_assert_no_error (error);

  renewed = cd_certification_renew (f->store, old, NOW - 2 * DAY, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (renewed, >, old);
  {
    g_autoptr(CdStaffCertification) r = cd_staff_certification_load (f->store, renewed, &error);
    g_autoptr(GPtrArray) history = cd_staff_certifications (f->store, f->rep, cert, &error);

    /* A new validity from the renewal date; the old record stays. */
    g_assert_cmpint (r->issued_at, ==, NOW - 2 * DAY);
    g_assert_cmpint (r->expires_at, ==, cd_certification_expiry_for (NOW - 2 * DAY, 12));
    g_assert_cmpuint (history->len, ==, 2);
    g_assert_cmpint (((CdStaffCertification *) g_ptr_array_index (history, 0))->id, ==, renewed);
  }
  /* The newer one counts. */
  g_assert_true (cd_staff_is_certified_for (f->store, f->rep, f->category, NOW, &error));
  {
    g_autoptr(GPtrArray) staff = cd_tickets_workload (f->store, f->category, &error);
    gboolean seen = FALSE;
    for (guint i = 0; i < staff->len; i++)
      {
        CdStaffWorkload *w = g_ptr_array_index (staff, i);
        if (w->staff_id == f->rep)
          {
            g_assert_true (w->certified);
            seen = TRUE;
          }
        else if (w->staff_id == f->rep2)
          g_assert_false (w->certified);
      }
    g_assert_true (seen);
  }

  /* Revoking needs a reason, and then leaves nobody certified. */
  g_assert_false (cd_certification_revoke (f->store, renewed, 1, "  ", &error));
  g_assert_error (error, CD_STORE_ERROR, CD_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_true (cd_certification_revoke (f->store, renewed, 1, "Refunds to the wrong account", &error));
  g_assert_no_error (error);
  g_assert_false (cd_staff_is_certified_for (f->store, f->rep, f->category, NOW, &error));
  {
    g_autoptr(CdStaffCertification) r = cd_staff_certification_load (f->store, renewed, &error);
    g_assert_cmpint (cd_staff_certification_status (r, NOW), ==, CD_CERT_REVOKED);
    g_assert_cmpstr (r->revoke_reason, ==, "Refunds to the wrong account");
  }
  /* A revoked one is issued again, not renewed. */
  g_assert_cmpint (cd_certification_renew (f->store, renewed, 0, NULL, &error), ==, 0);
  g_assert_error (error, CD_STORE_ERROR, CD_STORE_ERROR_INVALID);
}

/* Coverage ------------------------------------------------------------------------ */

static void
test_coverage_forecast (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) list = NULL;
  gint64 cert = make_certification (f, "Billing specialist", 0, FALSE, 12);
  CdCoverage *c;

  raw_cert (f, f->rep, cert, NOW - 300 * DAY, NOW + 10 * DAY, 0);
  raw_cert (f, f->rep2, cert, NOW - 300 * DAY, NOW + 20 * DAY, 0);
  raw_cert (f, f->rep3, cert, NOW - 100 * DAY, NOW + 200 * DAY, 0);
  /* A newer record moves Carol's cover, past both dates. */
  raw_cert (f, f->rep2, cert, NOW - 5 * DAY, NOW + 360 * DAY, 0);
  /* Trainers and leads do not cover tickets. */
  raw_cert (f, f->trainer, cert, NOW - 5 * DAY, NOW + 360 * DAY, 0);

  /* Leads set the minimum. */
  sign_in (f, "tina");
  g_assert_false (cd_coverage_set_minimum (f->store, f->category, 0, 3, &error));
  g_assert_error (error, CD_STORE_ERROR, CD_STORE_ERROR_PERMISSION);
  g_clear_error (&error);
  g_assert_cmpint (db_int (f->store, "SELECT min_coverage FROM ticket_categories WHERE name = 'Billing'"), ==, 0);
  sign_in (f, "leo");
  g_assert_true (cd_coverage_set_minimum (f->store, f->category, 0, 3, &error));
  g_assert_no_error (error);

  list = cd_coverage_list (f->store, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 1);
  c = g_ptr_array_index (list, 0);
  g_assert_cmpstr (c->category_name, ==, "Billing");
  g_assert_cmpstr (c->certifications, ==, "Billing specialist");
  g_assert_cmpuint (c->n_now, ==, 3);
  g_assert_cmpuint (c->n_on_date, ==, 2);
  g_assert_cmpint (c->on_date, ==, NOW + 30 * DAY);
  /* Bob's expiry in 10 days takes it below 3. */
  g_assert_false (c->below_now);
  g_assert_cmpint (c->drop_at, ==, NOW + 10 * DAY);
  g_assert_cmpuint (c->lapsing->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (c->lapsing, 0), ==, "Bob");
  g_clear_pointer (&list, g_ptr_array_unref);

  /* On a chosen date further out, Dan is gone too. */
  list = cd_coverage_list (f->store, NOW + 250 * DAY, &error);
  c = g_ptr_array_index (list, 0);
  g_assert_cmpuint (c->n_on_date, ==, 1);
  g_clear_pointer (&list, g_ptr_array_unref);

  /* Minimum 2: still fine within 30 days, no warning. */
  g_assert_true (cd_coverage_set_minimum (f->store, f->category, 0, 2, &error));
  list = cd_coverage_warnings (f->store, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 0);
  g_clear_pointer (&list, g_ptr_array_unref);

  /* Minimum 4: below already. */
  g_assert_true (cd_coverage_set_minimum (f->store, f->category, 0, 4, &error));
  list = cd_coverage_warnings (f->store, 0, &error);
  g_assert_cmpuint (list->len, ==, 1);
  c = g_ptr_array_index (list, 0);
  g_assert_true (c->below_now);

  g_assert_false (cd_coverage_set_minimum (f->store, f->category, 0, -1, &error));
  g_assert_error (error, CD_STORE_ERROR, CD_STORE_ERROR_INVALID);
}

/* Reminders --------------------------------------------------------------------- */

static const CdReminderPolicy policy = CD_REMINDER_POLICY_DEFAULT;

static guint
claim (CdStore *store,
       gint64   recipient,
       GPtrArray **out)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *claimed = cd_reminders_claim_due (store, recipient, &policy, &error);
  guint n;

  g_assert_no_error (error);
  g_assert_nonnull (claimed);
  n = claimed->len;
  if (out != NULL)
    *out = claimed;
  else
    g_ptr_array_unref (claimed);
  return n;
}

static void
test_expiry_reminders (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CdStore) other = NULL;
  g_autoptr(GPtrArray) claimed = NULL;
  gint64 cert = make_certification (f, "Billing specialist", 0, FALSE, 12);
  gint64 bob_cert, carol_old, next;
  CdReminder *r;

  bob_cert = raw_cert (f, f->rep, cert, NOW - 340 * DAY, NOW + 12 * DAY, 0);
  /* Carol's ran out two days ago, but she renewed: nothing about it. */
  carol_old = raw_cert (f, f->rep2, cert, NOW - 365 * DAY, NOW - 2 * DAY, 0);
  raw_cert (f, f->rep2, cert, NOW - 3 * DAY, NOW + 360 * DAY, 0);
  /* Dan's ran out three years ago: history, not news. */
  raw_cert (f, f->rep3, cert, NOW - 1460 * DAY, NOW - 1095 * DAY, 0);

  /* A second connection to the file: another desktop of the same people. */
  other = cd_store_open (f->path, CD_STORE_OPEN_NO_WATCH, &error);
  g_assert_no_error (error);
  g_assert_true (cd_store_sign_in (other, "bob", NULL, &error));
  cd_store_set_now (other, NOW);

  /* Bob hears of his once, from whichever asks first. */
  g_assert_cmpuint (claim (other, f->rep, &claimed), ==, 1);
  r = g_ptr_array_index (claimed, 0);
  g_assert_cmpint (r->kind, ==, CD_REMINDER_CERTIFICATION_EXPIRY);
  g_assert_cmpint (r->entity_id, ==, bob_cert);
  g_assert_cmpuint (r->threshold, ==, 30);
  g_assert_cmpint (r->holder_id, ==, f->rep);
  g_assert_cmpstr (r->holder_name, ==, "Bob");
  g_assert_cmpstr (r->certification_name, ==, "Billing specialist");
  g_assert_cmpint (r->expires_at, ==, NOW + 12 * DAY);
  g_clear_pointer (&claimed, g_ptr_array_unref);
  g_assert_cmpuint (claim (f->store, f->rep, NULL), ==, 0);
  g_assert_cmpuint (claim (other, f->rep, NULL), ==, 0);

  /* The trainer hears of it too, once; not of Carol's or Dan's. */
  g_assert_cmpuint (claim (f->store, f->trainer, &claimed), ==, 1);
  g_assert_cmpint (((CdReminder *) g_ptr_array_index (claimed, 0))->entity_id, ==, bob_cert);
  g_clear_pointer (&claimed, g_ptr_array_unref);
  g_assert_cmpuint (claim (other, f->trainer, NULL), ==, 0);
  /* A rep hears nothing of others'. */
  g_assert_cmpuint (claim (f->store, f->rep2, NULL), ==, 0);
  g_assert_cmpuint (claim (f->store, f->rep3, NULL), ==, 0);
  g_assert_cmpint (db_int (f->store, "SELECT count(*) FROM reminders WHERE entity_id = "
                                     "(SELECT id FROM staff_certifications WHERE expires_at < 1710460800 - 86400 AND staff_id = "
                                     "(SELECT id FROM staff WHERE login = 'carol'))"), ==, 0);
  (void) carol_old;

  /* The timer wakes for the expiry itself. */
  next = cd_reminders_next_due (f->store, f->rep, &policy, &error);
  g_assert_no_error (error);
  g_assert_cmpint (next, ==, NOW + 12 * DAY);

  /* On expiry: once more, to each. */
  cd_store_set_now (f->store, NOW + 12 * DAY);
  cd_store_set_now (other, NOW + 12 * DAY);
  g_assert_cmpuint (claim (f->store, f->rep, &claimed), ==, 1);
  g_assert_cmpuint (((CdReminder *) g_ptr_array_index (claimed, 0))->threshold, ==, 0);
  g_clear_pointer (&claimed, g_ptr_array_unref);
  g_assert_cmpuint (claim (other, f->rep, NULL), ==, 0);
  g_assert_cmpuint (claim (other, f->trainer, NULL), ==, 1);
  g_assert_cmpuint (claim (f->store, f->trainer, NULL), ==, 0);

  /* After a restart, nothing again. */
  g_clear_object (&other);
  other = cd_store_open (f->path, CD_STORE_OPEN_NO_WATCH, &error);
  g_assert_no_error (error);
  g_assert_true (cd_store_sign_in (other, "tina", NULL, &error));
  cd_store_set_now (other, NOW + 12 * DAY + HOUR);
  g_assert_cmpuint (claim (other, f->trainer, NULL), ==, 0);
  g_assert_cmpuint (claim (other, f->rep, NULL), ==, 0);
  g_assert_cmpint (db_int (f->store, "SELECT count(*) FROM reminders WHERE kind = 'certification_expiry'"), ==, 4);
}

static void
test_renewed_before_reminder (Fixture       *f,
                              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 cert = make_certification (f, "Billing specialist", 0, FALSE, 12);
  gint64 old = raw_cert (f, f->rep, cert, NOW - 340 * DAY, NOW + 12 * DAY, 0);

  sign_in (f, "tina");
  g_assert_cmpint (cd_certification_renew (f->store, old, 0, NULL, &error), >, 0);
  g_assert_no_error (error);
  /* A newer one is valid beyond it: no reminder, to anyone. */
  g_assert_cmpuint (claim (f->store, f->rep, NULL), ==, 0);
  g_assert_cmpuint (claim (f->store, f->trainer, NULL), ==, 0);
  g_assert_false (cd_reminders_still_due (f->store, CD_REMINDER_CERTIFICATION_EXPIRY, old, &error));
}

static void
test_coverage_reminder (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) claimed = NULL;
  gint64 cert = make_certification (f, "Billing specialist", 0, FALSE, 12);
  CdReminder *r;

  raw_cert (f, f->rep, cert, NOW - 300 * DAY, NOW + 10 * DAY, 0);
  raw_cert (f, f->rep2, cert, NOW - 300 * DAY, NOW + 200 * DAY, 0);
  sign_in (f, "leo");
  g_assert_true (cd_coverage_set_minimum (f->store, f->category, 0, 2, &error));

  g_assert_cmpuint (claim (f->store, f->lead, &claimed), ==, 1);
  r = g_ptr_array_index (claimed, 0);
  g_assert_cmpint (r->kind, ==, CD_REMINDER_COVERAGE_LOW);
  g_assert_cmpstr (r->category_name, ==, "Billing");
  g_assert_cmpint (r->minimum, ==, 2);
  g_assert_cmpint (r->n_covered, ==, 1);
  g_assert_cmpint (r->drop_at, ==, NOW + 10 * DAY);
  g_assert_cmpstr (r->people, ==, "Bob");
  g_clear_pointer (&claimed, g_ptr_array_unref);
  g_assert_cmpuint (claim (f->store, f->lead, NULL), ==, 0);
  /* Reps and trainers get no coverage warnings. */
  g_assert_cmpint (db_int (f->store, "SELECT count(*) FROM reminders WHERE kind = 'coverage_low'"), ==, 1);
}

/* Permissions ------------------------------------------------------------------ */

static void
assert_refused (GError **error)
{
  g_assert_error (*error, CD_STORE_ERROR, CD_STORE_ERROR_PERMISSION);
  g_clear_error (error);
}

static void
test_permissions (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 course = make_course (f, "Phone skills");
  gint64 cert = make_certification (f, "Billing specialist", 0, FALSE, 12);
  gint64 audit_before, session;
  const char *roles[] = { "bob", "leo" };

  {
    g_autoptr(CdSession) s = cd_session_new ();
    s->course_id = course;
    s->starts_at = NOW - DAY;
    s->ends_at = NOW - DAY + HOUR;
    session = cd_session_create (f->store, s, &error);
    g_assert_no_error (error);
  }
  audit_before = db_int (f->store, "SELECT count(*) FROM audit_log");

  for (guint i = 0; i < G_N_ELEMENTS (roles); i++)
    {
      g_autoptr(CdCourse) c = cd_course_new ();
      g_autoptr(CdCertification) def = cd_certification_new ();
      g_autoptr(CdSession) s = cd_session_new ();
      g_autoptr(CdAssessment) a = cd_assessment_new ();
      gint64 staff[] = { f->rep2 };

      g_test_message ("as %s", roles[i]);
      sign_in (f, roles[i]);
      c->title = g_strdup ("Not allowed");
      g_assert_cmpint (cd_course_create (f->store, c, &error), ==, 0);
      assert_refused (&error);
      g_assert_false (cd_course_set_archived (f->store, course, 0, TRUE, &error));
      assert_refused (&error);
      def->name = g_strdup ("Not allowed");
      g_assert_cmpint (cd_certification_create (f->store, def, &error), ==, 0);
      assert_refused (&error);
      s->course_id = course;
      s->starts_at = NOW + DAY;
      s->ends_at = NOW + DAY + HOUR;
      g_assert_cmpint (cd_session_create (f->store, s, &error), ==, 0);
      assert_refused (&error);
      g_assert_false (cd_session_enrol (f->store, session, staff, 1, NULL, NULL, &error));
      assert_refused (&error);
      a->staff_id = f->rep2;
      a->course_id = course;
      a->score = 80;
      a->assessed_at = NOW - HOUR;
      g_assert_cmpint (cd_assessment_create (f->store, a, &error), ==, 0);
      assert_refused (&error);
      g_assert_false (cd_plan_add (f->store, 2024, course, staff, 1, NOW + 30 * DAY, NULL, &error));
      assert_refused (&error);
      g_assert_cmpint (cd_certification_issue (f->store, f->rep2, cert, 0, NULL, &error), ==, 0);
      assert_refused (&error);
    }

  /* Reps and trainers do not set coverage minimums. */
  sign_in (f, "bob");
  g_assert_false (cd_coverage_set_minimum (f->store, f->category, 0, 1, &error));
  assert_refused (&error);
  /* Reps read their own record only. */
  {
    g_autoptr(CdTrainingRecord) own = cd_training_record_load (f->store, f->rep, &error);
    g_assert_no_error (error);
    g_assert_nonnull (own);
  }
  g_assert_null (cd_training_record_load (f->store, f->rep2, &error));
  assert_refused (&error);
  g_assert_cmpint (db_int (f->store, "SELECT count(*) FROM audit_log"), ==, audit_before);

  /* A lead reads anyone's. */
  sign_in (f, "leo");
  {
    g_autoptr(CdTrainingRecord) other = cd_training_record_load (f->store, f->rep2, &error);
    g_assert_no_error (error);
    g_assert_cmpstr (other->name, ==, "Carol");
  }
}

static void
test_rep_sees_own_assessments (Fixture       *f,
                               gconstpointer  data)
{
  g_autoptr(CdRowModel) model = NULL;
  gint64 cert = make_certification (f, "Billing specialist", 0, TRUE, 12);

  sign_in (f, "tina");
  assess (f, f->rep, cert, 80, NOW - DAY);
  assess (f, f->rep2, cert, 60, NOW - DAY);
  model = cd_assessments_list_new (f->store, NULL);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 2);
  g_clear_object (&model);

  sign_in (f, "bob");
  model = cd_assessments_list_new (f->store, NULL);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 1);
  g_assert_cmpint (cd_row_model_get_id (model, 0), ==,
                   db_int (f->store, "SELECT id FROM assessments WHERE staff_id = (SELECT id FROM staff WHERE login = 'bob')"));
}

/* Sessions, plan ----------------------------------------------------------------- */

static void
test_sessions (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) roster = NULL;
  g_autoptr(CdSession) s = cd_session_new ();
  gint64 course = make_course (f, "Returns policy");
  gint64 people[] = { f->rep, f->rep2, f->rep3 };
  guint n_enrolled = 0, n_waiting = 0;
  CdPlanProgress progress;
  gint64 id;
  CdEnrolment *e;

  sign_in (f, "tina");
  g_assert_true (cd_plan_add (f->store, 2024, course, people, 3, NOW + 10 * DAY, NULL, &error));
  g_assert_no_error (error);

  s->course_id = course;
  s->starts_at = NOW + DAY;
  s->ends_at = NOW + DAY + 2 * HOUR;
  s->capacity = 2;
  s->trainer_id = f->trainer;
  s->place = g_strdup ("Room 3");
  id = cd_session_create (f->store, s, &error);
  g_assert_no_error (error);

  /* Full after two: the third waits. */
  g_assert_true (cd_session_enrol (f->store, id, people, 3, &n_enrolled, &n_waiting, &error));
  g_assert_cmpuint (n_enrolled, ==, 2);
  g_assert_cmpuint (n_waiting, ==, 1);
  roster = cd_session_roster (f->store, id, &error);
  g_assert_cmpuint (roster->len, ==, 3);
  e = g_ptr_array_index (roster, 2);
  g_assert_true (e->waiting);
  g_assert_cmpint (e->staff_id, ==, f->rep3);
  /* Not before it starts. */
  e = g_ptr_array_index (roster, 0);
  g_assert_false (cd_session_set_attendance (f->store, e->id, e->version, CD_ATTENDANCE_ATTENDED, &error));
  g_assert_error (error, CD_STORE_ERROR, CD_STORE_ERROR_INVALID);
  g_clear_error (&error);
  /* Smaller than the roster: refused. */
  s->id = id;
  s->capacity = 1;
  g_assert_false (cd_session_update (f->store, s, 1, &error));
  g_assert_error (error, CD_STORE_ERROR, CD_STORE_ERROR_INVALID);
  g_clear_error (&error);
  /* Someone withdraws: the first waiting gets the place. */
  g_assert_true (cd_session_withdraw (f->store, e->id, e->version, &error));
  g_assert_no_error (error);
  g_clear_pointer (&roster, g_ptr_array_unref);
  roster = cd_session_roster (f->store, id, &error);
  g_assert_cmpuint (roster->len, ==, 2);
  for (guint i = 0; i < roster->len; i++)
    g_assert_false (((CdEnrolment *) g_ptr_array_index (roster, i))->waiting);

  /* It took place: attendance counts toward the plan and the hours. */
  cd_store_set_now (f->store, NOW + 2 * DAY);
  for (guint i = 0; i < roster->len; i++)
    {
      e = g_ptr_array_index (roster, i);
      g_assert_true (cd_session_set_attendance (f->store, e->id, e->version,
                                                e->staff_id == f->rep2 ? CD_ATTENDANCE_ATTENDED : CD_ATTENDANCE_EXCUSED,
                                                &error));
      g_assert_no_error (error);
    }
  g_assert_true (cd_plan_progress (f->store, 2024, 0, &progress, &error));
  g_assert_cmpuint (progress.n_done, ==, 1);
  g_assert_cmpuint (progress.n_due, ==, 2);
  g_assert_cmpuint (progress.n_late, ==, 0);
  g_assert_cmpfloat (cd_training_hours (f->store, f->rep2, 0, 0, &error), ==, 4.0);
  g_assert_cmpfloat (cd_training_hours (f->store, f->rep3, 0, 0, &error), ==, 0.0);
  /* Later, the others are late. */
  cd_store_set_now (f->store, NOW + 11 * DAY);
  g_assert_true (cd_plan_progress (f->store, 2024, 0, &progress, &error));
  g_assert_cmpuint (progress.n_late, ==, 2);
  /* A session with attendance stays. */
  g_assert_false (cd_session_delete (f->store, id, 0, &error));
  g_assert_error (error, CD_STORE_ERROR, CD_STORE_ERROR_INVALID);
}

static void
test_plan_copy (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CdRowModel) model = NULL;
  CdPlanFilter filter;
  gint64 course = make_course (f, "Privacy");
  gint64 people[] = { f->rep, f->rep2 };
  gint64 due = local_time (2023, 6, 30, 18, 0);
  guint n = 0;

  sign_in (f, "tina");
  g_assert_true (cd_plan_add (f->store, 2023, course, people, 2, due, &n, &error));
  g_assert_cmpuint (n, ==, 2);
  /* Again: nothing new. */
  g_assert_true (cd_plan_add (f->store, 2023, course, people, 2, due, &n, &error));
  g_assert_cmpuint (n, ==, 0);
  g_assert_true (cd_plan_copy_year (f->store, 2023, 2024, &n, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n, ==, 2);
  g_assert_cmpint (db_int (f->store, "SELECT count(*) FROM training_plan_items WHERE year = 2024 AND due_at = 1719741600"), ==, 2);
  g_assert_true (cd_plan_copy_year (f->store, 2023, 2024, &n, &error));
  g_assert_cmpuint (n, ==, 0);

  cd_plan_filter_init (&filter, 2024);
  filter.status = CD_PLAN_DUE;
  model = cd_plan_list_new (f->store, &filter);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 2);
  filter.status = CD_PLAN_LATE;
  cd_plan_list_set_filter (model, &filter);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 0);
  cd_plan_filter_clear (&filter);
}

/* Matrix, exports ------------------------------------------------------------------ */

/* The name search takes any text as text: quotes, a semicolon, LIKE's
 * own wildcards, Chinese, emoji, 10 000 characters. Nothing is changed. */
static void
test_matrix_search_text (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CdRowModel) model = NULL;
  g_autoptr(GArray) per = g_array_new (FALSE, TRUE, sizeof (CdCompliance));
  g_autofree char *huge = g_strnfill (10000, 'x');
  gint64 n_staff = cd_store_query_int (f->store, "SELECT count(*) FROM staff", CD_NO_BIND, -1, NULL);
  const struct { const char *text; guint n; } searches[] = {
    { "O'Brien; DROP TABLE staff;--", 1 },
    { "%", 1 },
    { "_", 1 },
    { "张三", 1 },
    { "🙂", 1 },
    { huge, 0 },
  };
  CdCompliance overall;
  CdMatrixFilter filter;
  guint n_all;

  make_certification (f, "Billing specialist", 0, FALSE, 12);
  add_staff (f->store, "obrien", "O'Brien; DROP TABLE staff;--", "rep");
  add_staff (f->store, "pct", "100% 张三", "rep");
  add_staff (f->store, "under", "Lin_Yu 🙂", "rep");

  cd_matrix_filter_init (&filter);
  model = cd_matrix_list_new (f->store, &filter);
  g_assert_null (cd_row_model_get_error (model));
  n_all = g_list_model_get_n_items (G_LIST_MODEL (model));
  g_assert_cmpuint (n_all, >=, 3);
  for (guint i = 0; i < G_N_ELEMENTS (searches); i++)
    {
      g_free (filter.text);
      filter.text = g_strdup (searches[i].text);
      cd_matrix_list_set_filter (model, &filter);
      g_assert_null (cd_row_model_get_error (model));
      g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, searches[i].n);
      g_assert_true (cd_matrix_compliance (f->store, &filter, per, &overall, &error));
      g_assert_no_error (error);
    }
  g_clear_pointer (&filter.text, g_free);
  cd_matrix_list_set_filter (model, &filter);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, n_all);
  g_assert_cmpint (cd_store_query_int (f->store, "SELECT count(*) FROM staff", CD_NO_BIND, -1, NULL), ==,
                   n_staff + 3);
  cd_matrix_filter_clear (&filter);
}

static void
test_matrix (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CdRowModel) model = NULL;
  g_autoptr(GArray) cells = g_array_new (FALSE, TRUE, sizeof (CdMatrixCell));
  g_autoptr(GArray) per = g_array_new (FALSE, TRUE, sizeof (CdCompliance));
  g_autoptr(CdCertification) privacy = cd_certification_new ();
  g_autofree char *csv_path = g_build_filename (f->dir, "matrix.csv", NULL);
  g_autofree char *contents = NULL;
  CdCompliance overall;
  CdMatrixFilter filter;
  gint64 billing = make_certification (f, "Billing specialist", 0, FALSE, 12);
  gint64 privacy_id, revoked;
  CdRow *row;
  guint n;

  privacy->name = g_strdup ("Data protection");
  privacy->required_roles = CD_ROLE_BIT (CD_ROLE_REP);
  privacy_id = cd_certification_create (f->store, privacy, &error);
  g_assert_no_error (error);

  raw_cert (f, f->rep, billing, NOW - 100 * DAY, NOW + 100 * DAY, 0);
  raw_cert (f, f->rep, privacy_id, NOW - 300 * DAY, NOW + 5 * DAY, 0);
  raw_cert (f, f->rep2, privacy_id, NOW - 400 * DAY, NOW - 35 * DAY, 0);
  revoked = raw_cert (f, f->rep3, billing, NOW - 100 * DAY, NOW + 100 * DAY, NOW - DAY);
  (void) revoked;

  cd_matrix_filter_init (&filter);
  filter.role = CD_ROLE_REP;
  model = cd_matrix_list_new (f->store, &filter);
  g_assert_null (cd_row_model_get_error (model));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 3);
  /* Bob, Carol, Dan by name; columns in the matrix's order (Billing, Data). */
  row = g_list_model_get_item (G_LIST_MODEL (model), 0);
  g_assert_cmpstr (cd_row_get_value (row, CD_MATRIX_COL_NAME), ==, "Bob");
  cd_matrix_row_cells (row, cells);
  g_assert_cmpuint (cells->len, ==, 2);
  g_assert_cmpint (g_array_index (cells, CdMatrixCell, 0).certification_id, ==, billing);
  g_assert_cmpint (cd_matrix_cell_state (&g_array_index (cells, CdMatrixCell, 0), NOW), ==, CD_MATRIX_ACTIVE);
  g_assert_cmpint (cd_matrix_cell_state (&g_array_index (cells, CdMatrixCell, 1), NOW), ==, CD_MATRIX_EXPIRING);
  {
    g_autofree char *text = cd_matrix_cell_text (&g_array_index (cells, CdMatrixCell, 1), NOW);
    g_assert_cmpstr (text, ==, "! 5 days");
  }
  g_assert_cmpint (cd_row_get_int (row, CD_MATRIX_COL_COMPLIANCE, -1), ==, 100);
  g_object_unref (row);
  row = g_list_model_get_item (G_LIST_MODEL (model), 1);
  cd_matrix_row_cells (row, cells);
  g_assert_cmpint (cd_matrix_cell_state (&g_array_index (cells, CdMatrixCell, 0), NOW), ==, CD_MATRIX_NONE);
  g_assert_cmpint (cd_matrix_cell_state (&g_array_index (cells, CdMatrixCell, 1), NOW), ==, CD_MATRIX_EXPIRED);
  g_assert_cmpint (cd_row_get_int (row, CD_MATRIX_COL_COMPLIANCE, -1), ==, 0);
  g_object_unref (row);
  row = g_list_model_get_item (G_LIST_MODEL (model), 2);
  cd_matrix_row_cells (row, cells);
  g_assert_cmpint (cd_matrix_cell_state (&g_array_index (cells, CdMatrixCell, 0), NOW), ==, CD_MATRIX_REVOKED);
  g_assert_cmpint (cd_matrix_cell_state (&g_array_index (cells, CdMatrixCell, 1), NOW), ==, CD_MATRIX_MISSING);
  g_object_unref (row);

  /* Compliance: data protection is required of 3 reps, Bob holds it;
   * billing is nobody's duty: of the two who held it, one holds it. */
  g_assert_true (cd_matrix_compliance (f->store, &filter, per, &overall, &error));
  g_assert_cmpuint (per->len, ==, 2);
  g_assert_cmpuint (g_array_index (per, CdCompliance, 0).n_counted, ==, 2);
  g_assert_cmpuint (g_array_index (per, CdCompliance, 0).n_holding, ==, 1);
  g_assert_cmpuint (g_array_index (per, CdCompliance, 1).n_counted, ==, 3);
  g_assert_cmpuint (g_array_index (per, CdCompliance, 1).n_holding, ==, 1);
  g_assert_cmpint (cd_compliance_percent (&overall), ==, 40);

  /* Needing attention: all three (expiring, expired, missing). */
  filter.needs_attention = TRUE;
  cd_matrix_list_set_filter (model, &filter);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 3);
  filter.certification_id = billing;
  cd_matrix_list_set_filter (model, &filter);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 0);

  /* Sorted by compliance, worst first. */
  filter.needs_attention = FALSE;
  filter.certification_id = 0;
  filter.sort_column = g_strdup ("compliance");
  cd_matrix_list_set_filter (model, &filter);
  g_assert_cmpint (cd_row_model_get_id (model, 2), ==, f->rep);

  g_assert_true (cd_matrix_export (f->store, &filter, csv_path, &n, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n, ==, 3);
  g_assert_true (g_file_get_contents (csv_path, &contents, NULL, &error));
  g_assert_true (g_str_has_prefix (contents, "Name,Role,Compliance %,Billing specialist,Data protection\r\n"));
  g_assert_nonnull (strstr (contents, "Dan,Rep,0,Revoked,Missing\r\n"));
  g_assert_cmpint (db_int (f->store, "SELECT count(*) FROM audit_log WHERE action = 'export' AND field = 'matrix'"), ==, 1);
  cd_matrix_filter_clear (&filter);
}

/* What the matrix means, written out the plain way: one look per cell
 * and per certification. The matrix's own statements must give the same
 * at every instant. ?1 the staff member, ?2 the certification, ?3 now. */
#define REF_EXPIRY \
  "SELECT ifnull((SELECT max(expires_at) FROM staff_certifications" \
  " WHERE staff_id = ?1 AND certification_id = ?2 AND revoked_at IS NULL), 0) + 0 * ?3"
#define REF_LATEST \
  "SELECT ifnull((SELECT revoked_at IS NOT NULL FROM staff_certifications WHERE staff_id = ?1" \
  " AND certification_id = ?2 ORDER BY issued_at DESC, id DESC LIMIT 1), -1) + 0 * ?3"
#define REF_VALID(cert) \
  "EXISTS (SELECT 1 FROM staff_certifications sc WHERE sc.staff_id = s.id AND sc.certification_id = " cert \
  " AND sc.revoked_at IS NULL AND sc.issued_at <= ?3 AND sc.expires_at > ?3)"
#define REF_BIT \
  "(CASE s.role WHEN 'rep' THEN 1 WHEN 'lead' THEN 2 WHEN 'trainer' THEN 4 WHEN 'admin' THEN 8 ELSE 0 END)"
/* -1 for none; ?2 unused. */
#define REF_COMPLIANCE \
  "SELECT ifnull((SELECT CASE WHEN count(*) = 0 THEN NULL ELSE 100 * sum(" REF_VALID ("c.id") ") / count(*) END" \
  " FROM certifications c WHERE c.archived = 0 AND (c.required_roles & " REF_BIT ") != 0), -1)" \
  " FROM staff s WHERE s.id = ?1 AND ?2 IS NOT NULL"
/* ?2: the certification looked at, 0 for all; ?4 the end of "within 30
 * days". */
#define REF_ATTENTION \
  "SELECT EXISTS (SELECT 1 FROM certifications c WHERE c.archived = 0 AND (?2 = 0 OR c.id = ?2) AND (" \
  " ((c.required_roles & " REF_BIT ") != 0 AND NOT " REF_VALID ("c.id") ")" \
  " OR (SELECT max(sc.expires_at) FROM staff_certifications sc WHERE sc.staff_id = s.id" \
  "     AND sc.certification_id = c.id AND sc.revoked_at IS NULL AND sc.issued_at <= ?3" \
  "     AND sc.expires_at > ?3) < ?4))" \
  " FROM staff s WHERE s.id = ?1"
/* ?1 unused: who must hold ?2 (or, required of nobody, who has held it), and of those who hold it. */
#define REF_COUNTED \
  "(CASE WHEN c.required_roles != 0 THEN (c.required_roles & " REF_BIT ") != 0" \
  " ELSE EXISTS (SELECT 1 FROM staff_certifications sc WHERE sc.staff_id = s.id AND sc.certification_id = c.id) END)"
#define REF_PER_CERTIFICATION(what) \
  "SELECT (SELECT count(*) FROM staff s WHERE s.active = 1 AND " REF_COUNTED what ")" \
  " FROM certifications c WHERE c.id = ?2 AND ?1 IS NOT NULL AND ?3 IS NOT NULL"

static gint64
ref_int (CdStore    *store,
         const char *sql,
         gint64      a,
         gint64      b,
         gint64      c)
{
  g_autoptr(GError) error = NULL;
  sqlite3_stmt *stmt = cd_store_prepare (store, sql, &error);
  gint64 v = G_MININT64;

  g_assert_no_error (error);
  sqlite3_bind_int64 (stmt, 1, a);
  sqlite3_bind_int64 (stmt, 2, b);
  sqlite3_bind_int64 (stmt, 3, c);
  if (sqlite3_bind_parameter_count (stmt) >= 4)
    sqlite3_bind_int64 (stmt, 4, cd_certification_expiring_limit (c));
  if (cd_store_step (store, stmt, &error) == SQLITE_ROW)
    v = sqlite3_column_int64 (stmt, 0);
  g_assert_no_error (error);
  sqlite3_reset (stmt);
  return v;
}

/* The rows of the matrix for @filter at the store's now, checked cell by
 * cell and person by person against the plain definitions; returns
 * their ids in order. */
static GArray *
check_matrix_rows (Fixture              *f,
                   const CdMatrixFilter *filter,
                   GPtrArray            *certifications)
{
  g_autoptr(CdRowModel) model = cd_matrix_list_new (f->store, filter);
  g_autoptr(GArray) cells = g_array_new (FALSE, TRUE, sizeof (CdMatrixCell));
  GArray *ids = g_array_new (FALSE, TRUE, sizeof (gint64));
  gint64 now = cd_store_now (f->store);
  guint n;

  g_assert_null (cd_row_model_get_error (model));
  n = g_list_model_get_n_items (G_LIST_MODEL (model));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(CdRow) row = g_list_model_get_item (G_LIST_MODEL (model), i);
      gint64 id = cd_row_get_id (row);
      int role = cd_role_from_nick (cd_row_get_value (row, CD_MATRIX_COL_ROLE));

      g_array_append_val (ids, id);
      g_assert_cmpint (cd_row_get_int (row, CD_MATRIX_COL_COMPLIANCE, -1), ==,
                       ref_int (f->store, REF_COMPLIANCE, id, 0, now));
      cd_matrix_row_cells (row, cells);
      g_assert_cmpuint (cells->len, ==, certifications->len);
      for (guint c = 0; c < cells->len; c++)
        {
          const CdMatrixCell *cell = &g_array_index (cells, CdMatrixCell, c);
          const CdCertification *cert = g_ptr_array_index (certifications, c);
          gint64 latest = ref_int (f->store, REF_LATEST, id, cert->id, now);

          g_assert_cmpint (cell->certification_id, ==, cert->id);
          g_assert_cmpint (cell->expires_at, ==, ref_int (f->store, REF_EXPIRY, id, cert->id, now));
          g_assert_cmpint (cell->held, ==, latest >= 0);
          g_assert_cmpint (cell->revoked, ==, latest > 0);
          g_assert_cmpint (cell->required, ==, (cert->required_roles & CD_ROLE_BIT (role)) != 0);
        }
      if (filter->needs_attention)
        g_assert_cmpint (ref_int (f->store, REF_ATTENTION, id, filter->certification_id, now), ==, 1);
    }
  return ids;
}

static void
test_matrix_meaning (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) certifications = NULL;
  g_autoptr(GArray) per = g_array_new (FALSE, TRUE, sizeof (CdCompliance));
  gint64 reps = CD_ROLE_BIT (CD_ROLE_REP);
  gint64 everyone = 15;
  gint64 a = make_certification (f, "Accessibility", 0, FALSE, 12);
  gint64 b = make_certification (f, "accessibility", 0, FALSE, 12);
  gint64 c = make_certification (f, "Billing 账单 😀", 0, FALSE, 12);
  gint64 d = make_certification (f, "Data protection", 0, FALSE, 12);
  gint64 old = make_certification (f, "Old \"quoted\" one", 0, FALSE, 12);
  gint64 leads = make_certification (f, "Leadership", 0, FALSE, 12);
  gint64 instants[] = { NOW, NOW + 30 * DAY - 1, NOW + 30 * DAY, NOW + 30 * DAY + 1, NOW + 100 * DAY, NOW - 50 * DAY };
  const char *sorts[] = { "name", "role", "compliance" };
  gint64 left = add_staff (f->store, "lena", "Lena Left", "rep");

  /* Who must hold what: a and d of reps, b of everyone, leads of team
   * leads; c of nobody; old of reps, but archived. */
  g_assert_true (cd_store_exec (f->store, "UPDATE certifications SET required_roles = 0", &error));
  {
    g_autofree char *sql = g_strdup_printf ("UPDATE certifications SET required_roles = CASE id"
                                            " WHEN %" G_GINT64_FORMAT " THEN %" G_GINT64_FORMAT
                                            " WHEN %" G_GINT64_FORMAT " THEN %" G_GINT64_FORMAT
                                            " WHEN %" G_GINT64_FORMAT " THEN %" G_GINT64_FORMAT
                                            " WHEN %" G_GINT64_FORMAT " THEN %" G_GINT64_FORMAT
                                            " WHEN %" G_GINT64_FORMAT " THEN %" G_GINT64_FORMAT " ELSE 0 END",
                                            a, reps, d, reps, b, everyone, leads, (gint64) CD_ROLE_BIT (CD_ROLE_LEAD),
                                            old, reps);
    g_autofree char *archive = g_strdup_printf ("UPDATE certifications SET archived = 1 WHERE id = %" G_GINT64_FORMAT,
                                                old);

    g_assert_true (cd_store_exec (f->store, sql, &error));
    g_assert_true (cd_store_exec (f->store, archive, &error));
  }
  g_assert_no_error (error);

  /* Bob: a runs out exactly now; b exactly 30 days from now; c revoked,
   * then issued again; old held (archived, so not shown). */
  raw_cert (f, f->rep, a, NOW - 365 * DAY, NOW, 0);
  raw_cert (f, f->rep, b, NOW - 300 * DAY, NOW + 30 * DAY, 0);
  raw_cert (f, f->rep, c, NOW - 200 * DAY, NOW + 100 * DAY, NOW - 10 * DAY);
  raw_cert (f, f->rep, c, NOW - 5 * DAY, NOW + 360 * DAY, 0);
  raw_cert (f, f->rep, old, NOW - 5 * DAY, NOW + 360 * DAY, 0);
  /* Carol: a a second past 30 days; b revoked last, an older one still
   * valid; d twice on the same day, the second (by id) revoked; c issued
   * next week. */
  raw_cert (f, f->rep2, a, NOW - 300 * DAY, NOW + 30 * DAY + 1, 0);
  raw_cert (f, f->rep2, b, NOW - 300 * DAY, NOW + 60 * DAY, 0);
  raw_cert (f, f->rep2, b, NOW - 100 * DAY, NOW + 200 * DAY, NOW - DAY);
  raw_cert (f, f->rep2, d, NOW - 20 * DAY, NOW + 340 * DAY, 0);
  raw_cert (f, f->rep2, d, NOW - 20 * DAY, NOW + 345 * DAY, NOW - 2 * DAY);
  raw_cert (f, f->rep2, c, NOW + 7 * DAY, NOW + 372 * DAY, 0);
  /* Dan holds nothing. Leo, a lead, holds a (not his duty) and b; Tina
   * held b, expired. Lena has left, with records. */
  raw_cert (f, f->lead, a, NOW - 10 * DAY, NOW + 355 * DAY, 0);
  raw_cert (f, f->lead, b, NOW - 10 * DAY, NOW + 20 * DAY, 0);
  /* ... and his own leadership one runs out just as "within 30 days"
   * ends, so not within them. */
  raw_cert (f, f->lead, leads, NOW - 10 * DAY, cd_certification_expiring_limit (NOW), 0);
  raw_cert (f, f->trainer, b, NOW - 400 * DAY, NOW - 35 * DAY, 0);
  raw_cert (f, left, a, NOW - 10 * DAY, NOW + 355 * DAY, 0);
  g_assert_true (cd_store_exec (f->store, "UPDATE staff SET active = 0 WHERE login = 'lena'", &error));
  g_assert_no_error (error);

  certifications = cd_certifications_list (f->store, FALSE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (certifications->len, ==, 5);

  for (guint t = 0; t < G_N_ELEMENTS (instants); t++)
    {
      cd_store_set_now (f->store, instants[t]);
      for (int role = -1; role <= CD_ROLE_ADMIN; role++)
        for (guint s = 0; s < G_N_ELEMENTS (sorts); s++)
          for (int descending = 0; descending < 2; descending++)
            for (guint only = 0; only <= certifications->len; only++)
              {
                CdMatrixFilter filter;
                g_autoptr(GArray) all = NULL;
                g_autoptr(GArray) attention = NULL;
                guint expected = 0;

                cd_matrix_filter_init (&filter);
                filter.role = role;
                filter.sort_column = g_strdup (sorts[s]);
                filter.sort_descending = descending;
                all = check_matrix_rows (f, &filter, certifications);
                g_assert_cmpuint (all->len, ==, role < 0 ? 6 : role == CD_ROLE_REP ? 3 : 1);

                /* Sorted as the plain compliance says, ties by name
                 * (Dan and Carol both at 0 with reps only), then id. */
                if (g_strcmp0 (sorts[s], "compliance") == 0)
                  for (guint i = 1; i < all->len; i++)
                    {
                      gint64 p = ref_int (f->store, REF_COMPLIANCE, g_array_index (all, gint64, i - 1), 0,
                                          instants[t]);
                      gint64 q = ref_int (f->store, REF_COMPLIANCE, g_array_index (all, gint64, i), 0,
                                          instants[t]);

                      g_assert_true (descending ? p >= q : p <= q);
                    }

                filter.needs_attention = TRUE;
                filter.certification_id = only < certifications->len
                  ? ((CdCertification *) g_ptr_array_index (certifications, only))->id : 0;
                attention = check_matrix_rows (f, &filter, certifications);
                for (guint i = 0; i < all->len; i++)
                  expected += ref_int (f->store, REF_ATTENTION, g_array_index (all, gint64, i),
                                       filter.certification_id, instants[t]);
                g_assert_cmpuint (attention->len, ==, expected);
                cd_matrix_filter_clear (&filter);
              }

      /* Team compliance per certification. */
      for (int role = -1; role <= CD_ROLE_ADMIN; role++)
        {
          CdMatrixFilter filter;
          CdCompliance overall;

          cd_matrix_filter_init (&filter);
          filter.role = role;
          g_assert_true (cd_matrix_compliance (f->store, &filter, per, &overall, &error));
          g_assert_no_error (error);
          g_assert_cmpuint (per->len, ==, certifications->len);
          for (guint i = 0; i < per->len && role < 0; i++)
            {
              const CdCompliance *cc = &g_array_index (per, CdCompliance, i);

              g_assert_cmpint (cc->certification_id, ==, ((CdCertification *) g_ptr_array_index (certifications, i))->id);
              g_assert_cmpint (cc->n_counted, ==, ref_int (f->store, REF_PER_CERTIFICATION (""), 0,
                                                           cc->certification_id, instants[t]));
              g_assert_cmpint (cc->n_holding, ==, ref_int (f->store, REF_PER_CERTIFICATION (" AND " REF_VALID ("c.id")),
                                                           0, cc->certification_id, instants[t]));
            }
          cd_matrix_filter_clear (&filter);
        }
    }

  /* A few by hand, at now: Bob's a expired this very second, b expires in
   * exactly 30 days (still "expiring"), c active again after its
   * revocation; Carol's d revoked by the later record of the same day. */
  cd_store_set_now (f->store, NOW);
  {
    g_autoptr(CdRowModel) model = NULL;
    g_autoptr(GArray) cells = g_array_new (FALSE, TRUE, sizeof (CdMatrixCell));
    g_autoptr(CdRow) bob = NULL;
    g_autoptr(CdRow) carol = NULL;
    g_autoptr(CdRow) dan = NULL;
    CdMatrixFilter filter;

    cd_matrix_filter_init (&filter);
    filter.role = CD_ROLE_REP;
    model = cd_matrix_list_new (f->store, &filter);
    bob = g_list_model_get_item (G_LIST_MODEL (model), 0);
    carol = g_list_model_get_item (G_LIST_MODEL (model), 1);
    dan = g_list_model_get_item (G_LIST_MODEL (model), 2);
    g_assert_cmpstr (cd_row_get_value (dan, CD_MATRIX_COL_NAME), ==, "Dan");
    /* Order: Accessibility (a), accessibility (b), Billing (c), Data (d), Leadership. */
    cd_matrix_row_cells (bob, cells);
    g_assert_cmpint (cd_matrix_cell_state (&g_array_index (cells, CdMatrixCell, 0), NOW), ==, CD_MATRIX_EXPIRED);
    g_assert_cmpint (cd_matrix_cell_state (&g_array_index (cells, CdMatrixCell, 1), NOW), ==, CD_MATRIX_EXPIRING);
    g_assert_cmpint (cd_matrix_cell_state (&g_array_index (cells, CdMatrixCell, 2), NOW), ==, CD_MATRIX_ACTIVE);
    g_assert_cmpint (cd_matrix_cell_state (&g_array_index (cells, CdMatrixCell, 3), NOW), ==, CD_MATRIX_MISSING);
    g_assert_cmpint (cd_matrix_cell_state (&g_array_index (cells, CdMatrixCell, 4), NOW), ==, CD_MATRIX_NONE);
    /* b of three required: 33 %. */
    g_assert_cmpint (cd_row_get_int (bob, CD_MATRIX_COL_COMPLIANCE, -1), ==, 33);
    cd_matrix_row_cells (carol, cells);
    g_assert_cmpint (cd_matrix_cell_state (&g_array_index (cells, CdMatrixCell, 1), NOW), ==, CD_MATRIX_ACTIVE);
    g_assert_true (g_array_index (cells, CdMatrixCell, 1).revoked);
    g_assert_cmpint (cd_matrix_cell_state (&g_array_index (cells, CdMatrixCell, 3), NOW), ==, CD_MATRIX_ACTIVE);
    g_assert_true (g_array_index (cells, CdMatrixCell, 3).revoked);
    g_assert_cmpint (cd_row_get_int (carol, CD_MATRIX_COL_COMPLIANCE, -1), ==, 100);
    cd_matrix_row_cells (dan, cells);
    g_assert_cmpuint (cells->len, ==, 5);
    for (guint i = 0; i < cells->len; i++)
      g_assert_false (g_array_index (cells, CdMatrixCell, i).held);
    g_assert_cmpint (cd_row_get_int (dan, CD_MATRIX_COL_COMPLIANCE, -1), ==, 0);
    cd_matrix_filter_clear (&filter);
  }
}

static void
test_record_export (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (f->dir, "record.csv", NULL);
  g_autofree char *contents = NULL;
  gint64 course = make_course (f, "Telephone, \"etiquette\"");
  gint64 cert = make_certification (f, "Billing specialist", 0, FALSE, 12);

  sign_in (f, "tina");
  attend (f, course, f->rep, NOW - 3 * DAY);
  raw_cert (f, f->rep, cert, NOW - 10 * DAY, NOW + 300 * DAY, 0);
  g_assert_true (cd_training_record_export (f->store, f->rep, path, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (path, &contents, NULL, &error));
  g_assert_nonnull (strstr (contents, "Name,Bob,Role,Rep\r\n"));
  g_assert_nonnull (strstr (contents, "Billing specialist,Active,"));
  g_assert_nonnull (strstr (contents, "\"Telephone, \"\"etiquette\"\"\",Attended,4\r\n"));
  /* A rep cannot export someone else's. */
  sign_in (f, "carol");
  g_assert_false (cd_training_record_export (f->store, f->rep, path, &error));
  assert_refused (&error);
}

static void
test_ics (Fixture       *f,
          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CdSession) s = cd_session_new ();
  g_autofree char *ics = NULL;
  g_autofree char *path = g_build_filename (f->dir, "sessions.ics", NULL);
  gint64 course = make_course (f, "消费者权益保护法要点 Consumer protection law essentials, part; two");
  gint64 people[] = { f->rep };
  gint64 id;
  guint n = 0;
  char **lines;

  sign_in (f, "tina");
  s->course_id = course;
  s->starts_at = local_time (2024, 3, 20, 9, 0);
  s->ends_at = local_time (2024, 3, 20, 17, 0);
  s->trainer_id = f->trainer;
  s->place = g_strdup ("https://meet.example.com/law");
  id = cd_session_create (f->store, s, &error);
  g_assert_no_error (error);
  g_assert_true (cd_session_enrol (f->store, id, people, 1, NULL, NULL, &error));

  ics = cd_sessions_to_ics (f->store, NULL, 0, &n, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (n, ==, 1);
  g_assert_true (g_str_has_prefix (ics, "BEGIN:VCALENDAR\r\nVERSION:2.0\r\n"));
  g_assert_true (g_str_has_suffix (ics, "END:VCALENDAR\r\n"));
  /* 09:00 in Shanghai is 01:00 UTC. */
  g_assert_nonnull (strstr (ics, "\r\nDTSTART:20240320T010000Z\r\n"));
  g_assert_nonnull (strstr (ics, "\r\nDTEND:20240320T090000Z\r\n"));
  g_assert_nonnull (strstr (ics, "\r\nURL:https://meet.example.com/law\r\n"));
  g_assert_nonnull (strstr (ics, "ORGANIZER;CN=\"Tina Trainer\":mailto:tina@example.com"));
  g_assert_nonnull (strstr (ics, "ATTENDEE;CN=\"Bob\""));
  g_assert_nonnull (strstr (ics, "UID:training-session-"));
  /* Folded at 75 octets, never inside a character; text escaped. */
  lines = g_strsplit (ics, "\r\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_assert_cmpuint (strlen (lines[i]), <=, 75);
      g_assert_true (g_utf8_validate (lines[i], -1, NULL));
    }
  g_strfreev (lines);
  {
    g_autoptr(GString) unfolded = g_string_new (ics);
    g_string_replace (unfolded, "\r\n ", "", 0);
    g_assert_nonnull (strstr (unfolded->str, "SUMMARY:消费者权益保护法要点 Consumer protection law essentials\\, part\\; two\r\n"));
  }

  /* Past sessions are not upcoming. */
  cd_store_set_now (f->store, local_time (2024, 3, 21, 0, 0));
  g_assert_false (cd_sessions_export_ics (f->store, NULL, 0, path, &n, &error));
  g_assert_error (error, CD_STORE_ERROR, CD_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_true (cd_sessions_export_ics (f->store, &id, 1, path, &n, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_test (path, G_FILE_TEST_EXISTS));
  g_assert_cmpint (db_int (f->store, "SELECT count(*) FROM audit_log WHERE entity = 'training_sessions' AND action = 'export'"), ==, 1);
}

static void
test_validation (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CdCourse) c = cd_course_new ();
  g_autofree char *long_title = NULL;
  g_autofree char *message = NULL;
  GString *big = g_string_new (NULL);

  for (guint i = 0; i < 10000; i++)
    g_string_append (big, "长");
  long_title = g_string_free (big, FALSE);

  sign_in (f, "tina");
  c->title = g_strdup (long_title);
  g_assert_cmpint (cd_course_create (f->store, c, &error), ==, 0);
  g_assert_error (error, CD_STORE_ERROR, CD_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_free (c->title);
  c->title = g_strdup ("  ");
  g_assert_cmpint (cd_course_create (f->store, c, &error), ==, 0);
  g_assert_error (error, CD_STORE_ERROR, CD_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_free (c->title);
  c->title = g_strdup ("Emoji 📞 and \"quotes\" 张伟");
  c->hours = 1.5;
  g_assert_cmpint (cd_course_create (f->store, c, &error), >, 0);
  g_assert_no_error (error);

  message = cd_course_validate_field (CD_COURSE_FIELD_HOURS, "abc");
  g_assert_nonnull (message);
  g_assert_cmpfloat (cd_course_parse_hours ("1,5"), ==, 1.5);
  g_assert_cmpfloat (cd_course_parse_hours ("２"), ==, 2.0);
  g_assert_cmpfloat (cd_course_parse_hours ("-1"), ==, -1);
  g_assert_cmpfloat (cd_assessment_parse_score ("82.5"), ==, 82.5);
  g_assert_cmpfloat (cd_assessment_parse_score ("2000"), ==, -1);
}

/* Imports ------------------------------------------------------------------------ */

static char *
write_csv (Fixture    *f,
           const char *name,
           const char *text)
{
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (f->dir, name, NULL);

  g_assert_true (g_file_set_contents (path, text, -1, &error));
  g_assert_no_error (error);
  return path;
}

static void
test_import_attendance (Fixture       *f,
                        gconstpointer  data)
{
  const CdImportKind *kind = cd_training_attendance_import_kind ();
  g_autoptr(GError) error = NULL;
  g_autoptr(CdImportReport) report = NULL;
  g_autoptr(CdImportPreview) preview = NULL;
  g_autoptr(CdSession) s = cd_session_new ();
  g_autofree char *bad = NULL;
  g_autofree char *good = NULL;
  gint64 course = make_course (f, "Consumer law");
  gint64 people[] = { f->rep, f->rep2 };
  gint64 session;

  sign_in (f, "tina");
  s->course_id = course;
  s->starts_at = NOW - 3 * HOUR;
  s->ends_at = NOW - HOUR;
  s->capacity = 2;
  session = cd_session_create (f->store, s, &error);
  g_assert_no_error (error);
  g_assert_true (cd_session_enrol (f->store, session, people, 2, NULL, NULL, &error));

  /* Chinese headers, a byte-order mark, semicolons; Dan is not on the
   * roster, and "maybe" is no attendance. */
  bad = write_csv (f, "bad.csv", "\xEF\xBB\xBF" "姓名;出勤\r\nbob;出席\r\nCarol;请假\r\ndan;yes\r\nbob@example.com;maybe\r\n");
  preview = cd_import_preview (kind, bad, 5, &error);
  g_assert_no_error (error);
  g_assert_cmpint (preview->mapping[0], ==, CD_ATTENDANCE_FIELD_PERSON);
  g_assert_cmpint (preview->mapping[1], ==, CD_ATTENDANCE_FIELD_ATTENDANCE);

  g_assert_true (cd_import_run (f->store, kind, session, bad, preview->mapping, 2, CD_IMPORT_DRY_RUN,
                                NULL, NULL, NULL, &report, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (report->n_records, ==, 4);
  g_assert_cmpuint (report->rejections->len, ==, 2);
  g_assert_cmpuint (g_array_index (report->rejections, CdImportRejection, 0).line, ==, 4);
  g_assert_nonnull (strstr (g_array_index (report->rejections, CdImportRejection, 0).reason, "roster"));
  g_assert_cmpuint (g_array_index (report->rejections, CdImportRejection, 1).line, ==, 5);
  g_clear_pointer (&report, cd_import_report_free);

  /* All or nothing. */
  g_assert_false (cd_import_run (f->store, kind, session, bad, preview->mapping, 2, CD_IMPORT_DEFAULT,
                                 NULL, NULL, NULL, &report, &error));
  g_assert_error (error, CD_STORE_ERROR, CD_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_nonnull (report);
  g_clear_pointer (&report, cd_import_report_free);
  g_assert_cmpint (db_int (f->store, "SELECT count(*) FROM enrolments WHERE attendance IS NOT NULL"), ==, 0);

  /* A good sheet, with Dan put on the roster as asked. */
  good = write_csv (f, "good.csv", "Name,Attendance\nbob,attended\nCarol,excused\nDan,Y\n");
  g_assert_true (cd_import_run (f->store, kind, session, good, preview->mapping, 2, CD_IMPORT_OPTION,
                                NULL, NULL, NULL, &report, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (report->n_imported, ==, 3);
  g_assert_cmpint (db_int (f->store, "SELECT count(*) FROM enrolments WHERE attendance = 'attended'"), ==, 2);
  g_assert_cmpint (db_int (f->store, "SELECT count(*) FROM enrolments WHERE attendance = 'excused'"), ==, 1);
  g_assert_cmpint (db_int (f->store, "SELECT count(*) FROM audit_log WHERE entity = 'enrolments' AND action = 'import'"), ==, 1);
  g_assert_cmpfloat (cd_training_hours (f->store, f->rep3, 0, 0, &error), ==, 4.0);

  /* Reps may not import. */
  g_clear_pointer (&report, cd_import_report_free);
  sign_in (f, "bob");
  g_assert_false (cd_import_run (f->store, kind, session, good, preview->mapping, 2, CD_IMPORT_DEFAULT,
                                 NULL, NULL, NULL, &report, &error));
  assert_refused (&error);
}

static void
test_import_results (Fixture       *f,
                     gconstpointer  data)
{
  const CdImportKind *kind = cd_training_results_import_kind ();
  g_autoptr(GError) error = NULL;
  g_autoptr(CdImportReport) report = NULL;
  g_autoptr(CdImportPreview) preview = NULL;
  g_autofree char *path = NULL;
  g_autofree char *problem = NULL;
  gint64 cert = make_certification (f, "Technical support", 0, TRUE, 12);

  make_course (f, "Billing system");
  sign_in (f, "tina");
  g_assert_cmpint (db_int (f->store, "UPDATE certifications SET level = 'L2' RETURNING 1"), ==, 1);
  path = write_csv (f, "results.csv",
                    "学员,科目,成绩,及格线,类型,日期,评估人\n"
                    "bob,Technical support (L2),82,70,笔试,2024-03-01,tina\n"
                    "Carol,billing system,55%,60,practical,2024年3月2日,\n");
  preview = cd_import_preview (kind, path, 5, &error);
  g_assert_no_error (error);
  for (int i = 0; i < CD_RESULT_N_FIELDS; i++)
    g_assert_cmpint (preview->mapping[i], ==, i);
  problem = cd_import_mapping_problem (kind, (const int[]) { 0, 1, 2, -1 }, 4, TRUE);
  g_assert_nonnull (strstr (problem, "Pass mark"));

  g_assert_true (cd_import_run (f->store, kind, 0, path, preview->mapping, CD_RESULT_N_FIELDS, CD_IMPORT_DEFAULT,
                                NULL, NULL, NULL, &report, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (report->n_imported, ==, 2);
  g_assert_cmpint (db_int (f->store, "SELECT count(*) FROM assessments WHERE score >= pass_mark"), ==, 1);
  {
    g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM assessments WHERE certification_id = %" G_GINT64_FORMAT
                                            " AND kind = 'exam' AND assessed_at = %" G_GINT64_FORMAT,
                                            cert, local_time (2024, 3, 1, 12, 0));
    g_assert_cmpint (db_int (f->store, sql), ==, 1);
  }
  g_assert_cmpint (db_int (f->store, "SELECT count(*) FROM assessments WHERE kind = 'practical' AND assessor_id = "
                                     "(SELECT id FROM staff WHERE login = 'tina')"), ==, 1);
  g_clear_pointer (&report, cd_import_report_free);

  /* A date to come, a subject nobody knows: nothing of the file. */
  g_free (path);
  path = write_csv (f, "later.csv", "name,course,score,pass mark,date\n"
                                    "bob,Billing system,90,60,2099-01-01\n"
                                    "bob,Astronomy,90,60,\n"
                                    "dan,Billing system,91,60,\n");
  g_assert_false (cd_import_run (f->store, kind, 0, path, (const int[]) { 0, 1, 2, 3, 5 }, 5, CD_IMPORT_DEFAULT,
                                 NULL, NULL, NULL, &report, &error));
  g_assert_error (error, CD_STORE_ERROR, CD_STORE_ERROR_INVALID);
  g_assert_cmpuint (report->rejections->len, ==, 2);
  g_assert_cmpint (db_int (f->store, "SELECT count(*) FROM assessments"), ==, 2);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/training/status/boundaries", test_status_boundaries);
  g_test_add_func ("/core/training/status/dst", test_status_dst);
  g_test_add ("/core/training/certifications/requirements", Fixture, NULL,
              fixture_set_up, test_requirements, fixture_tear_down);
  g_test_add ("/core/training/certifications/renew-revoke", Fixture, NULL,
              fixture_set_up, test_renew_and_revoke, fixture_tear_down);
  g_test_add ("/core/training/coverage/forecast", Fixture, NULL,
              fixture_set_up, test_coverage_forecast, fixture_tear_down);
  g_test_add ("/core/training/reminders/expiry-once", Fixture, NULL,
              fixture_set_up, test_expiry_reminders, fixture_tear_down);
  g_test_add ("/core/training/reminders/renewed", Fixture, NULL,
              fixture_set_up, test_renewed_before_reminder, fixture_tear_down);
  g_test_add ("/core/training/reminders/coverage", Fixture, NULL,
              fixture_set_up, test_coverage_reminder, fixture_tear_down);
  g_test_add ("/core/training/permissions/roles", Fixture, NULL,
              fixture_set_up, test_permissions, fixture_tear_down);
  g_test_add ("/core/training/permissions/own-assessments", Fixture, NULL,
              fixture_set_up, test_rep_sees_own_assessments, fixture_tear_down);
  g_test_add ("/core/training/sessions/roster", Fixture, NULL,
              fixture_set_up, test_sessions, fixture_tear_down);
  g_test_add ("/core/training/plan/copy", Fixture, NULL,
              fixture_set_up, test_plan_copy, fixture_tear_down);
  g_test_add ("/core/training/matrix/search-text", Fixture, NULL, fixture_set_up, test_matrix_search_text,
              fixture_tear_down);
  g_test_add ("/core/training/matrix/meaning", Fixture, NULL,
              fixture_set_up, test_matrix_meaning, fixture_tear_down);
  g_test_add ("/core/training/matrix", Fixture, NULL,
              fixture_set_up, test_matrix, fixture_tear_down);
  g_test_add ("/core/training/record/export", Fixture, NULL,
              fixture_set_up, test_record_export, fixture_tear_down);
  g_test_add ("/core/training/sessions/ics", Fixture, NULL,
              fixture_set_up, test_ics, fixture_tear_down);
  g_test_add ("/core/training/import/attendance", Fixture, NULL,
              fixture_set_up, test_import_attendance, fixture_tear_down);
  g_test_add ("/core/training/import/results", Fixture, NULL,
              fixture_set_up, test_import_results, fixture_tear_down);
  g_test_add ("/core/training/validation", Fixture, NULL,
              fixture_set_up, test_validation, fixture_tear_down);

  return g_test_run ();
}
