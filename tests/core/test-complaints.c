/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "caredesk-test-complaints"

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "cd-complaints.h"
#include "cd-store.h"
#include "cd-store-private.h"

/* 2024-03-15 08:00 in Asia/Shanghai (the suite's TZ); expectations about
 * local days are computed with GDateTime so they hold in any zone. */
#define NOW G_GINT64_CONSTANT (1710460800)
#define HOUR 3600
#define DAY 86400

typedef struct {
  char    *dir;
  char    *path;
  CdStore *store;
  gint64   admin;   /* alice, signed in */
  gint64   rep;     /* bob */
  gint64   rep2;    /* carol */
  gint64   gone;    /* dave, switched off */
  gint64   customer;
  gint64   other_customer;
} Fixture;

static gint64
add_staff (CdStore    *store,
           const char *login,
           const char *name,
           const char *role,
           gboolean    active)
{
  g_autoptr(GError) error = NULL;
  const CdField fields[] = {
    { "login", login }, { "display_name", name }, { "role", role },
    { "active", active ? "1" : "0" },
  };
  gint64 id = cd_store_insert (store, "staff", fields, G_N_ELEMENTS (fields), &error);

  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  return id;
}

static gint64
add_customer (CdStore    *store,
              const char *name)
{
  g_autoptr(GError) error = NULL;
  const CdField fields[] = { { "name", name } };
  gint64 id = cd_store_insert (store, "customers", fields, G_N_ELEMENTS (fields), &error);

  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  return id;
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->dir = g_dir_make_tmp ("caredesk-complaints-XXXXXX", &error);
  g_assert_no_error (error);
  f->path = g_build_filename (f->dir, "caredesk.db", NULL);
  f->store = cd_store_open (f->path, CD_STORE_OPEN_CREATE | CD_STORE_OPEN_NO_WATCH, &error);
  g_assert_no_error (error);
  g_assert_true (cd_store_sign_in (f->store, "alice", "Alice", &error));
  g_assert_no_error (error);
  cd_store_set_now (f->store, NOW);

  f->admin = cd_store_get_staff_id (f->store);
  f->rep = add_staff (f->store, "bob", "Bob", "rep", TRUE);
  f->rep2 = add_staff (f->store, "carol", "Carol", "rep", TRUE);
  f->gone = add_staff (f->store, "dave", "Dave", "rep", FALSE);
  f->customer = add_customer (f->store, "张伟");
  f->other_customer = add_customer (f->store, "Olivia Other");
}

static void
remove_dir (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  if (d == NULL)
    return;
  while ((name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *p = g_build_filename (dir, name, NULL);
      g_assert_cmpint (g_remove (p), ==, 0);
    }
  g_assert_cmpint (g_rmdir (dir), ==, 0);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->store);
  remove_dir (f->dir);
  g_clear_pointer (&f->path, g_free);
  g_clear_pointer (&f->dir, g_free);
}

static gint64
db_int (CdStore    *store,
        const char *sql,
        gint64      bind)
{
  g_autoptr(GError) error = NULL;
  gint64 v = cd_store_query_int (store, sql, bind, -1, &error);

  g_assert_no_error (error);
  return v;
}

static gint64
new_complaint (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  gint64 id = cd_complaint_create (f->store, f->customer, 0, "Invoice wrong", NULL,
                                   CD_SEVERITY_MAJOR, "billing", f->rep, &error);

  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  return id;
}

static gint64
version_of (CdStore    *store,
            const char *table,
            gint64      id)
{
  g_autoptr(GError) error = NULL;
  gint64 v = cd_store_get_version (store, table, id, &error);

  g_assert_no_error (error);
  return v;
}

static void
set_status_ok (Fixture           *f,
               gint64             id,
               CdComplaintStatus  status)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (cd_complaint_set_status (f->store, id, version_of (f->store, "complaints", id), status, &error));
  g_assert_no_error (error);
}

static gint64
schedule (Fixture *f,
          gint64   complaint,
          gint64   due_at,
          gint64   assignee)
{
  g_autoptr(GError) error = NULL;
  gint64 id = cd_followup_schedule (f->store, complaint, due_at, assignee, CD_METHOD_PHONE, NULL, &error);

  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  return id;
}

static void
record_outcome_ok (Fixture   *f,
                   gint64     followup,
                   CdOutcome  outcome)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (cd_followup_record_outcome (f->store, followup, version_of (f->store, "followups", followup),
                                             outcome, 4, NULL, NULL, &error));
  g_assert_no_error (error);
}

static gint64
local_time (gint64 now,
            int    days_after,
            int    hour,
            int    minute)
{
  g_autoptr(GDateTime) here = g_date_time_new_from_unix_local (now);
  g_autoptr(GDateTime) day = g_date_time_add_days (here, days_after);
  g_autoptr(GDateTime) at = g_date_time_new_local (g_date_time_get_year (day),
                                                   g_date_time_get_month (day),
                                                   g_date_time_get_day_of_month (day),
                                                   hour, minute, 0);
  return g_date_time_to_unix (at);
}

/* Creation and validation ------------------------------------------------ */

static void
test_create_valid (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CdComplaint) c = NULL;
  gint64 id;

  id = cd_complaint_create (f->store, f->customer, 0, "  Late delivery  ", "Parcel came a week late.",
                            CD_SEVERITY_CRITICAL, "delivery", f->rep, &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);

  c = cd_complaint_load (f->store, id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (c->id, ==, id);
  g_assert_cmpint (c->customer_id, ==, f->customer);
  g_assert_cmpint (c->ticket_id, ==, 0);
  g_assert_cmpstr (c->summary, ==, "Late delivery");
  g_assert_cmpstr (c->details, ==, "Parcel came a week late.");
  g_assert_cmpint (c->severity, ==, CD_SEVERITY_CRITICAL);
  g_assert_cmpstr (c->category, ==, "delivery");
  g_assert_cmpint (c->owner_id, ==, f->rep);
  g_assert_cmpint (c->status, ==, CD_COMPLAINT_RECEIVED);
  g_assert_null (c->resolution);
  g_assert_null (c->compensation);
  g_assert_cmpint (c->closed_at, ==, 0);
  g_assert_cmpint (c->created_at, ==, NOW);
  g_assert_cmpint (c->updated_at, ==, NOW);
  g_assert_cmpint (c->version, ==, 1);
  g_assert_cmpstr (c->customer_name, ==, "张伟");

  /* Audited in the same transaction. */
  g_assert_cmpint (db_int (f->store, "SELECT count(*) FROM audit_log WHERE entity = 'complaints' AND entity_id = ?1", id),
                   >, 0);

  /* Missing records. */
  g_assert_null (cd_complaint_load (f->store, id + 100, &error));
  g_assert_error (error, CD_STORE_ERROR, CD_STORE_ERROR_NOT_FOUND);
}

static void
test_create_empty_summary (Fixture *f, gconstpointer data)
{
  const char *blanks[] = { "", "   ", "\t\n", "\u3000\u3000" /* ideographic spaces */ };

  for (guint i = 0; i < G_N_ELEMENTS (blanks); i++)
    {
      g_autoptr(GError) error = NULL;
      gint64 id = cd_complaint_create (f->store, f->customer, 0, blanks[i], NULL,
                                       CD_SEVERITY_MINOR, NULL, 0, &error);
      g_assert_cmpint (id, ==, 0);
      g_assert_error (error, CD_STORE_ERROR, CD_STORE_ERROR_INVALID);
      g_assert_nonnull (strstr (error->message, "summary"));
    }
  {
    g_autoptr(GError) error = NULL;
    g_assert_cmpint (cd_complaint_create (f->store, f->customer, 0, NULL, NULL, CD_SEVERITY_MINOR, NULL, 0, &error), ==, 0);
    g_assert_error (error, CD_STORE_ERROR, CD_STORE_ERROR_INVALID);
  }
  g_assert_cmpint (db_int (f->store, "SELECT count(*) FROM complaints", CD_NO_BIND), ==, 0);
}

static void
test_create_lengths (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) summary = g_string_new (NULL);
  g_autofree char *huge = NULL;
  g_autofree char *max_details = NULL;
  gint64 id;

  /* 500 Chinese characters are 1500 bytes but within the limit. */
  for (int i = 0; i < CD_COMPLAINT_SUMMARY_MAX_CHARS; i++)
    g_string_append (summary, "投");
  id = cd_complaint_create (f->store, f->customer, 0, summary->str, NULL, CD_SEVERITY_MINOR, NULL, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);

  g_string_append (summary, "诉");
  g_assert_cmpint (cd_complaint_create (f->store, f->customer, 0, summary->str, NULL,
                                        CD_SEVERITY_MINOR, NULL, 0, &error), ==, 0);
  g_assert_error (error, CD_STORE_ERROR, CD_STORE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "summary"));
  g_assert_nonnull (strstr (error->message, "501"));
  g_clear_error (&error);

  max_details = g_strnfill (CD_COMPLAINT_DETAILS_MAX_CHARS, 'x');
  id = cd_complaint_create (f->store, f->customer, 0, "ok", max_details, CD_SEVERITY_MINOR, NULL, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);

  huge = g_strnfill (CD_COMPLAINT_DETAILS_MAX_CHARS + 1, 'x');
  g_assert_cmpint (cd_complaint_create (f->store, f->customer, 0, "ok", huge,
                                        CD_SEVERITY_MINOR, NULL, 0, &error), ==, 0);
  g_assert_error (error, CD_STORE_ERROR, CD_STORE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "details"));
  g_clear_error (&error);

  g_assert_false (cd_complaint_validate_details (huge, &error));
  g_assert_error (error, CD_STORE_ERROR, CD_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_true (cd_complaint_validate_summary (" fine ", &error));
  g_assert_no_error (error);

  g_assert_cmpint (db_int (f->store, "SELECT count(*) FROM complaints", CD_NO_BIND), ==, 2);
}

static void
test_create_unicode (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CdComplaint) c = NULL;
  const char *summary = "发票金额错误 😡 “quoted” \"double\" 'single' O'Brien; DROP TABLE x; --";
  const char *details = "第一行\n第二行 — emoji 👍🏽 and a tab\tand NUL-free \\ backslash %s %d";
  const char *category = "账单/billing 🧾";
  gint64 id;

  id = cd_complaint_create (f->store, f->customer, 0, summary, details, CD_SEVERITY_MINOR, category, 0, &error);
  g_assert_no_error (error);
  c = cd_complaint_load (f->store, id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (c->summary, ==, summary);
  g_assert_cmpstr (c->details, ==, details);
  g_assert_cmpstr (c->category, ==, category);

  /* Not valid UTF-8. */
  g_assert_cmpint (cd_complaint_create (f->store, f->customer, 0, "bad \xff\xfe", NULL,
                                        CD_SEVERITY_MINOR, NULL, 0, &error), ==, 0);
  g_assert_error (error, CD_STORE_ERROR, CD_STORE_ERROR_INVALID);
}

static void
test_create_references (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  gint64 ticket;

  g_assert_cmpint (cd_complaint_create (f->store, 9999, 0, "x", NULL, CD_SEVERITY_MINOR, NULL, 0, &error), ==, 0);
  g_assert_error (error, CD_STORE_ERROR, CD_STORE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "customer"));
  g_clear_error (&error);

  g_assert_cmpint (cd_complaint_create (f->store, f->customer, 0, "x", NULL, CD_SEVERITY_MINOR, NULL, 9999, &error), ==, 0);
  g_assert_error (error, CD_STORE_ERROR, CD_STORE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "owner"));
  g_clear_error (&error);

  g_assert_cmpint (cd_complaint_create (f->store, f->customer, 0, "x", NULL, CD_SEVERITY_MINOR, NULL, f->gone, &error), ==, 0);
  g_assert_error (error, CD_STORE_ERROR, CD_STORE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "owner"));
  g_clear_error (&error);

  g_assert_cmpint (cd_complaint_create (f->store, f->customer, 0, "x", NULL, (CdSeverity) 7, NULL, 0, &error), ==, 0);
  g_assert_error (error, CD_STORE_ERROR, CD_STORE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "severity"));
  g_clear_error (&error);

  {
    g_autofree char *cust = g_strdup_printf ("%" G_GINT64_FORMAT, f->customer);
    const CdField fields[] = { { "customer_id", cust }, { "subject", "Broken" } };
    ticket = cd_store_insert (f->store, "tickets", fields, G_N_ELEMENTS (fields), &error);
    g_assert_no_error (error);
  }
  g_assert_cmpint (cd_complaint_create (f->store, f->other_customer, ticket, "x", NULL,
                                        CD_SEVERITY_MINOR, NULL, 0, &error), ==, 0);
  g_assert_error (error, CD_STORE_ERROR, CD_STORE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "ticket"));
  g_clear_error (&error);

  g_assert_cmpint (cd_complaint_create (f->store, f->customer, ticket, "x", NULL,
                                        CD_SEVERITY_MINOR, NULL, 0, &error), >, 0);
  g_assert_no_error (error);
  g_assert_cmpint (db_int (f->store, "SELECT count(*) FROM complaints", CD_NO_BIND), ==, 1);
}

static void
test_update (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CdComplaint) c = NULL;
  CdComplaint values = { 0 };
  gint64 id = new_complaint (f);

  values.summary = (char *) "Invoice wrong twice";
  values.resolution = (char *) "Refunded the difference";
  values.compensation = (char *) "¥50 voucher";
  values.owner_id = f->rep2;
  values.severity = CD_SEVERITY_CRITICAL;
  values.details = (char *) "ignored";
  g_assert_true (cd_complaint_update (f->store, id, 1,
                                      CD_COMPLAINT_FIELD_SUMMARY | CD_COMPLAINT_FIELD_RESOLUTION |
                                      CD_COMPLAINT_FIELD_COMPENSATION | CD_COMPLAINT_FIELD_OWNER |
                                      CD_COMPLAINT_FIELD_SEVERITY | CD_COMPLAINT_FIELD_CATEGORY,
                                      &values, &error));
  g_assert_no_error (error);

  c = cd_complaint_load (f->store, id, &error);
  g_assert_cmpstr (c->summary, ==, "Invoice wrong twice");
  g_assert_cmpstr (c->resolution, ==, "Refunded the difference");
  g_assert_cmpstr (c->compensation, ==, "¥50 voucher");
  g_assert_cmpint (c->owner_id, ==, f->rep2);
  g_assert_cmpint (c->severity, ==, CD_SEVERITY_CRITICAL);
  g_assert_null (c->category);          /* cleared */
  g_assert_null (c->details);           /* not in the mask: untouched */
  g_assert_cmpint (c->version, ==, 2);

  /* Someone else saved in between. */
  values.summary = (char *) "Mine";
  g_assert_false (cd_complaint_update (f->store, id, 1, CD_COMPLAINT_FIELD_SUMMARY, &values, &error));
  g_assert_error (error, CD_STORE_ERROR, CD_STORE_ERROR_STALE);
  g_clear_error (&error);

  values.summary = (char *) " ";
  g_assert_false (cd_complaint_update (f->store, id, 2, CD_COMPLAINT_FIELD_SUMMARY, &values, &error));
  g_assert_error (error, CD_STORE_ERROR, CD_STORE_ERROR_INVALID);
  g_clear_error (&error);

  values.owner_id = f->gone;
  g_assert_false (cd_complaint_update (f->store, id, 2, CD_COMPLAINT_FIELD_OWNER, &values, &error));
  g_assert_error (error, CD_STORE_ERROR, CD_STORE_ERROR_INVALID);
  g_clear_error (&error);

  /* Overwrite deliberately. */
  values.summary = (char *) "Overwritten";
  g_assert_true (cd_complaint_update (f->store, id, 0, CD_COMPLAINT_FIELD_SUMMARY, &values, &error));
  g_assert_no_error (error);
  g_clear_pointer (&c, cd_complaint_free);
  c = cd_complaint_load (f->store, id, &error);
  g_assert_cmpstr (c->summary, ==, "Overwritten");
  g_assert_cmpint (c->version, ==, 3);
}

/* Workflow --------------------------------------------------------------- */

static void
test_status_matrix (void)
{
  /* [from][to] */
  static const gboolean allowed[6][6] = {
    /*               rec    ack    inv    res    fol    clo */
    /* received */ { FALSE, TRUE,  FALSE, TRUE,  FALSE, FALSE },
    /* ack      */ { FALSE, FALSE, TRUE,  TRUE,  FALSE, FALSE },
    /* invest.  */ { FALSE, FALSE, FALSE, TRUE,  FALSE, FALSE },
    /* resolved */ { FALSE, FALSE, TRUE,  FALSE, TRUE,  FALSE },
    /* follow   */ { FALSE, FALSE, TRUE,  FALSE, FALSE, TRUE  },
    /* closed   */ { FALSE, FALSE, TRUE,  FALSE, FALSE, FALSE },
  };

  g_assert_cmpuint (cd_complaint_status_count (), ==, 6);
  for (guint from = 0; from < 6; from++)
    for (guint to = 0; to < 6; to++)
      {
        if (cd_complaint_status_can_change (from, to) != allowed[from][to])
          g_error ("%s → %s: expected %s", cd_complaint_status_to_nick (from),
                   cd_complaint_status_to_nick (to), allowed[from][to] ? "allowed" : "refused");
      }
}

static void
test_status_walk (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CdComplaint) c = NULL;
  gint64 id = new_complaint (f);
  gint64 fu;

  set_status_ok (f, id, CD_COMPLAINT_ACKNOWLEDGED);
  set_status_ok (f, id, CD_COMPLAINT_INVESTIGATING);
  set_status_ok (f, id, CD_COMPLAINT_RESOLVED);
  set_status_ok (f, id, CD_COMPLAINT_FOLLOWING_UP);

  fu = schedule (f, id, NOW + HOUR, f->rep);
  record_outcome_ok (f, fu, CD_OUTCOME_SATISFIED);
  cd_store_set_now (f->store, NOW + 2 * HOUR);
  set_status_ok (f, id, CD_COMPLAINT_CLOSED);

  c = cd_complaint_load (f->store, id, &error);
  g_assert_cmpint (c->status, ==, CD_COMPLAINT_CLOSED);
  g_assert_cmpint (c->closed_at, ==, NOW + 2 * HOUR);
  g_assert_cmpint (c->version, ==, 6);
  g_clear_pointer (&c, cd_complaint_free);

  /* Reopen from closed clears closed_at. */
  set_status_ok (f, id, CD_COMPLAINT_INVESTIGATING);
  c = cd_complaint_load (f->store, id, &error);
  g_assert_cmpint (c->status, ==, CD_COMPLAINT_INVESTIGATING);
  g_assert_cmpint (c->closed_at, ==, 0);
  g_clear_pointer (&c, cd_complaint_free);

  /* Reopen from resolved and from following up. */
  set_status_ok (f, id, CD_COMPLAINT_RESOLVED);
  set_status_ok (f, id, CD_COMPLAINT_INVESTIGATING);
  set_status_ok (f, id, CD_COMPLAINT_RESOLVED);
  set_status_ok (f, id, CD_COMPLAINT_FOLLOWING_UP);
  set_status_ok (f, id, CD_COMPLAINT_INVESTIGATING);

  /* Skipping ahead to resolved, from received and from acknowledged. */
  {
    gint64 a = new_complaint (f);
    gint64 b = new_complaint (f);
    set_status_ok (f, a, CD_COMPLAINT_RESOLVED);
    set_status_ok (f, b, CD_COMPLAINT_ACKNOWLEDGED);
    set_status_ok (f, b, CD_COMPLAINT_RESOLVED);
  }

  /* Every change is in the audit log. */
  g_assert_cmpint (db_int (f->store,
                           "SELECT count(*) FROM audit_log WHERE entity = 'complaints' AND entity_id = ?1 AND field = 'status'",
                           id), ==, 1 + 11); /* created as received, then 11 changes */
}

static void
expect_refused (Fixture           *f,
                gint64             id,
                CdComplaintStatus  to)
{
  g_autoptr(GError) error = NULL;
  gint64 version = version_of (f->store, "complaints", id);

  g_assert_false (cd_complaint_set_status (f->store, id, version, to, &error));
  g_assert_error (error, CD_STORE_ERROR, CD_STORE_ERROR_INVALID);
  g_assert_cmpint (version_of (f->store, "complaints", id), ==, version);
}

static void
test_status_refused (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  gint64 id = new_complaint (f);
  gint64 version;

  expect_refused (f, id, CD_COMPLAINT_CLOSED);
  expect_refused (f, id, CD_COMPLAINT_FOLLOWING_UP);
  expect_refused (f, id, CD_COMPLAINT_RECEIVED);
  expect_refused (f, id, (CdComplaintStatus) 42);

  set_status_ok (f, id, CD_COMPLAINT_ACKNOWLEDGED);
  set_status_ok (f, id, CD_COMPLAINT_INVESTIGATING);
  expect_refused (f, id, CD_COMPLAINT_ACKNOWLEDGED);
  expect_refused (f, id, CD_COMPLAINT_RECEIVED);

  /* The message names both states in words. */
  version = version_of (f->store, "complaints", id);
  g_assert_false (cd_complaint_set_status (f->store, id, version, CD_COMPLAINT_RECEIVED, &error));
  g_assert_nonnull (strstr (error->message, "Investigating"));
  g_assert_nonnull (strstr (error->message, "Received"));
  g_clear_error (&error);

  /* Stale version. */
  g_assert_false (cd_complaint_set_status (f->store, id, version - 1, CD_COMPLAINT_RESOLVED, &error));
  g_assert_error (error, CD_STORE_ERROR, CD_STORE_ERROR_STALE);
  g_clear_error (&error);

  /* Missing complaint. */
  g_assert_false (cd_complaint_set_status (f->store, id + 50, 1, CD_COMPLAINT_RESOLVED, &error));
  g_assert_error (error, CD_STORE_ERROR, CD_STORE_ERROR_NOT_FOUND);
}

static void
expect_close_refused (Fixture *f,
                      gint64   id)
{
  g_autoptr(GError) error = NULL;

  g_assert_false (cd_complaint_set_status (f->store, id, version_of (f->store, "complaints", id),
                                           CD_COMPLAINT_CLOSED, &error));
  g_assert_error (error, CD_STORE_ERROR, CD_STORE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "A complaint closes only when its last follow-up is done with an outcome"));
  g_clear_error (&error);
  g_assert_false (cd_complaint_check_can_close (f->store, id, &error));
  g_assert_error (error, CD_STORE_ERROR, CD_STORE_ERROR_INVALID);
}

static void
test_close_needs_followup (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  gint64 id = new_complaint (f);
  gint64 early, late, later;

  set_status_ok (f, id, CD_COMPLAINT_RESOLVED);
  set_status_ok (f, id, CD_COMPLAINT_FOLLOWING_UP);

  /* No follow-up at all. */
  expect_close_refused (f, id);

  /* The only follow-up is still scheduled. */
  early = schedule (f, id, NOW + HOUR, f->rep);
  expect_close_refused (f, id);

  /* Done, but a later one is still open. */
  late = schedule (f, id, NOW + DAY, f->rep);
  record_outcome_ok (f, early, CD_OUTCOME_NEUTRAL);
  expect_close_refused (f, id);

  /* The last one missed. */
  g_assert_true (cd_followup_mark_missed (f->store, late, version_of (f->store, "followups", late), &error));
  g_assert_no_error (error);
  expect_close_refused (f, id);

  /* A cancelled later follow-up does not count; the missed one still
   * does until it is done. */
  later = schedule (f, id, NOW + 3 * DAY, f->rep);
  g_assert_true (cd_followup_cancel (f->store, later, version_of (f->store, "followups", later), &error));
  g_assert_no_error (error);
  expect_close_refused (f, id);

  /* An earlier one still scheduled does not block closing, and closing
   * cancels it so that it reminds nobody. */
  early = schedule (f, id, NOW + 2 * HOUR, f->rep);
  record_outcome_ok (f, late, CD_OUTCOME_SATISFIED);
  g_assert_true (cd_complaint_check_can_close (f->store, id, &error));
  g_assert_no_error (error);
  set_status_ok (f, id, CD_COMPLAINT_CLOSED);
  {
    g_autoptr(CdFollowup) fu = cd_followup_load (f->store, early, &error);
    g_assert_no_error (error);
    g_assert_cmpint (fu->status, ==, CD_FOLLOWUP_CANCELLED);
  }

  /* No follow-up on a closed complaint. */
  g_assert_cmpint (cd_followup_schedule (f->store, id, NOW + DAY, f->rep, CD_METHOD_PHONE, NULL, &error), ==, 0);
  g_assert_error (error, CD_STORE_ERROR, CD_STORE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "closed"));
}

/* Follow-ups ------------------------------------------------------------- */

static void
test_followup_schedule (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CdFollowup) fu = NULL;
  g_autoptr(CdComplaint) c = NULL;
  gint64 id = new_complaint (f);
  gint64 fid;

  /* While investigating: the complaint stays where it is. */
  set_status_ok (f, id, CD_COMPLAINT_ACKNOWLEDGED);
  fid = cd_followup_schedule (f->store, id, NOW + DAY, f->rep, CD_METHOD_VISIT, "Bring the new invoice 📄", &error);
  g_assert_no_error (error);
  fu = cd_followup_load (f->store, fid, &error);
  g_assert_no_error (error);
  g_assert_cmpint (fu->complaint_id, ==, id);
  g_assert_cmpint (fu->due_at, ==, NOW + DAY);
  g_assert_cmpint (fu->assignee_id, ==, f->rep);
  g_assert_cmpint (fu->method, ==, CD_METHOD_VISIT);
  g_assert_cmpint (fu->status, ==, CD_FOLLOWUP_SCHEDULED);
  g_assert_false (fu->has_outcome);
  g_assert_cmpint (fu->satisfaction, ==, 0);
  g_assert_cmpstr (fu->notes, ==, "Bring the new invoice 📄");
  g_assert_cmpint (fu->done_at, ==, 0);
  g_assert_cmpint (fu->created_by, ==, f->admin);
  g_assert_cmpint (fu->version, ==, 1);
  c = cd_complaint_load (f->store, id, &error);
  g_assert_cmpint (c->status, ==, CD_COMPLAINT_ACKNOWLEDGED);
  g_clear_pointer (&c, cd_complaint_free);

  /* Resolved moves to following up. */
  set_status_ok (f, id, CD_COMPLAINT_RESOLVED);
  schedule (f, id, NOW + 2 * DAY, f->rep2);
  c = cd_complaint_load (f->store, id, &error);
  g_assert_cmpint (c->status, ==, CD_COMPLAINT_FOLLOWING_UP);

  /* Refusals. */
  g_assert_cmpint (cd_followup_schedule (f->store, id, NOW, f->gone, CD_METHOD_PHONE, NULL, &error), ==, 0);
  g_assert_error (error, CD_STORE_ERROR, CD_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpint (cd_followup_schedule (f->store, id, NOW, 9999, CD_METHOD_PHONE, NULL, &error), ==, 0);
  g_assert_error (error, CD_STORE_ERROR, CD_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpint (cd_followup_schedule (f->store, id, 0, f->rep, CD_METHOD_PHONE, NULL, &error), ==, 0);
  g_assert_error (error, CD_STORE_ERROR, CD_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpint (cd_followup_schedule (f->store, id, NOW, f->rep, (CdFollowupMethod) 9, NULL, &error), ==, 0);
  g_assert_error (error, CD_STORE_ERROR, CD_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpint (cd_followup_schedule (f->store, id + 99, NOW, f->rep, CD_METHOD_PHONE, NULL, &error), ==, 0);
  g_assert_error (error, CD_STORE_ERROR, CD_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  g_assert_cmpint (db_int (f->store, "SELECT count(*) FROM followups", CD_NO_BIND), ==, 2);
}

static void
test_followup_outcome_proposal (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  gint64 id = new_complaint (f);
  gint64 a = schedule (f, id, NOW - HOUR, f->rep);
  gint64 b, c;

  /* Unreachable: tomorrow at 10:00 local, same assignee and method. */
  {
    g_autoptr(CdFollowupProposal) p = NULL;
    g_autoptr(CdFollowup) fu = NULL;

    g_assert_true (cd_followup_record_outcome (f->store, a, 1, CD_OUTCOME_UNREACHABLE, 0, "No answer", &p, &error));
    g_assert_no_error (error);
    g_assert_nonnull (p);
    g_assert_cmpint (p->complaint_id, ==, id);
    g_assert_cmpint (p->assignee_id, ==, f->rep);
    g_assert_cmpint (p->method, ==, CD_METHOD_PHONE);
    g_assert_cmpint (p->because, ==, CD_OUTCOME_UNREACHABLE);
    g_assert_cmpint (p->due_at, ==, local_time (NOW, 1, 10, 0));

    fu = cd_followup_load (f->store, a, &error);
    g_assert_cmpint (fu->status, ==, CD_FOLLOWUP_DONE);
    g_assert_true (fu->has_outcome);
    g_assert_cmpint (fu->outcome, ==, CD_OUTCOME_UNREACHABLE);
    g_assert_cmpint (fu->done_at, ==, NOW);
    g_assert_cmpint (fu->satisfaction, ==, 0);
    g_assert_cmpstr (fu->notes, ==, "No answer");
    g_assert_cmpint (fu->version, ==, 2);

    /* A proposal only: nothing new was scheduled. */
    g_assert_cmpint (db_int (f->store, "SELECT count(*) FROM followups", CD_NO_BIND), ==, 1);

    /* Accepting it is an ordinary schedule. */
    b = cd_followup_schedule (f->store, p->complaint_id, p->due_at, p->assignee_id, p->method, NULL, &error);
    g_assert_no_error (error);
  }

  /* Unsatisfied: the day after tomorrow at 10:00 local. Late in the
   * evening, so "tomorrow" is the next local day, not now + 24 h. */
  cd_store_set_now (f->store, local_time (NOW, 0, 23, 30));
  {
    g_autoptr(CdFollowupProposal) p = NULL;

    g_assert_true (cd_followup_record_outcome (f->store, b, 1, CD_OUTCOME_UNSATISFIED, 2, NULL, &p, &error));
    g_assert_no_error (error);
    g_assert_nonnull (p);
    g_assert_cmpint (p->because, ==, CD_OUTCOME_UNSATISFIED);
    g_assert_cmpint (p->due_at, ==, local_time (NOW, 2, 10, 0));
  }

  /* Satisfied and neutral need nothing more. */
  c = schedule (f, id, NOW + DAY, f->rep2);
  {
    g_autoptr(CdFollowupProposal) p = NULL;

    g_assert_true (cd_followup_record_outcome (f->store, c, 1, CD_OUTCOME_SATISFIED, 5, NULL, &p, &error));
    g_assert_no_error (error);
    g_assert_null (p);
  }
  {
    g_autoptr(CdFollowup) fu = cd_followup_load (f->store, c, &error);
    g_autoptr(CdFollowupProposal) p = cd_followup_propose_next (fu, CD_OUTCOME_NEUTRAL, NOW);
    g_assert_null (p);
    g_assert_cmpint (fu->satisfaction, ==, 5);
  }

  /* Bad values, and a follow-up that is already done. */
  {
    gint64 d = schedule (f, id, NOW + DAY, f->rep);
    g_assert_false (cd_followup_record_outcome (f->store, d, 1, CD_OUTCOME_SATISFIED, 6, NULL, NULL, &error));
    g_assert_error (error, CD_STORE_ERROR, CD_STORE_ERROR_INVALID);
    g_clear_error (&error);
    g_assert_false (cd_followup_record_outcome (f->store, d, 1, (CdOutcome) 17, 0, NULL, NULL, &error));
    g_assert_error (error, CD_STORE_ERROR, CD_STORE_ERROR_INVALID);
    g_clear_error (&error);
  }
  g_assert_false (cd_followup_record_outcome (f->store, c, 0, CD_OUTCOME_SATISFIED, 0, NULL, NULL, &error));
  g_assert_error (error, CD_STORE_ERROR, CD_STORE_ERROR_INVALID);
}

static void
test_followup_outcome_stale (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CdFollowup) fu = NULL;
  gint64 id = new_complaint (f);
  gint64 a = schedule (f, id, NOW + HOUR, f->rep);
  CdFollowupProposal *p = (CdFollowupProposal *) 0x1;

  /* Someone moves it while the outcome form is open at version 1. */
  g_assert_true (cd_followup_reschedule (f->store, a, 1, NOW + 2 * HOUR, &error));
  g_assert_no_error (error);

  g_assert_false (cd_followup_record_outcome (f->store, a, 1, CD_OUTCOME_UNREACHABLE, 0, "x", &p, &error));
  g_assert_error (error, CD_STORE_ERROR, CD_STORE_ERROR_STALE);
  g_assert_null (p);

  fu = cd_followup_load (f->store, a, NULL);
  g_assert_cmpint (fu->status, ==, CD_FOLLOWUP_SCHEDULED);
  g_assert_cmpint (fu->due_at, ==, NOW + 2 * HOUR);
  g_assert_null (fu->notes);
  g_assert_cmpint (fu->version, ==, 2);
}

static void
test_followup_cancel_missed_reschedule (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  gint64 id = new_complaint (f);
  gint64 a = schedule (f, id, NOW - HOUR, f->rep);
  gint64 b = schedule (f, id, NOW - HOUR, f->rep);

  /* A snooze of the overdue reminder goes away with the reschedule. */
  {
    sqlite3 *db = cd_store_get_db (f->store);
    g_autofree char *sql = g_strdup_printf ("INSERT INTO snoozes (kind, entity_id, staff_id, until_at, created_at)"
                                            " VALUES ('followup_overdue', %" G_GINT64_FORMAT ", %" G_GINT64_FORMAT ", %" G_GINT64_FORMAT ", 0)",
                                            a, f->rep, NOW + DAY);
    g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
  }

  g_assert_true (cd_followup_mark_missed (f->store, a, 1, &error));
  g_assert_no_error (error);
  g_assert_false (cd_followup_mark_missed (f->store, a, 2, &error));
  g_assert_error (error, CD_STORE_ERROR, CD_STORE_ERROR_INVALID);
  g_clear_error (&error);

  /* A missed follow-up can be moved, and is scheduled again. */
  g_assert_true (cd_followup_reschedule (f->store, a, 2, NOW + DAY, &error));
  g_assert_no_error (error);
  {
    g_autoptr(CdFollowup) fu = cd_followup_load (f->store, a, NULL);
    g_assert_cmpint (fu->status, ==, CD_FOLLOWUP_SCHEDULED);
    g_assert_cmpint (fu->due_at, ==, NOW + DAY);
  }
  g_assert_cmpint (db_int (f->store, "SELECT count(*) FROM snoozes WHERE entity_id = ?1", a), ==, 0);

  g_assert_true (cd_followup_cancel (f->store, b, 1, &error));
  g_assert_no_error (error);
  g_assert_false (cd_followup_reschedule (f->store, b, 2, NOW + DAY, &error));
  g_assert_error (error, CD_STORE_ERROR, CD_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (cd_followup_cancel (f->store, b, 2, &error));
  g_assert_error (error, CD_STORE_ERROR, CD_STORE_ERROR_INVALID);
  g_clear_error (&error);

  /* Hand over. */
  g_assert_true (cd_followup_reassign (f->store, a, 0, f->rep2, &error));
  g_assert_no_error (error);
  g_assert_false (cd_followup_reassign (f->store, a, 0, f->gone, &error));
  g_assert_error (error, CD_STORE_ERROR, CD_STORE_ERROR_INVALID);
  g_clear_error (&error);

  {
    g_autoptr(GPtrArray) list = cd_followups_list_for_complaint (f->store, id, &error);
    CdFollowup *first, *second;
    g_assert_no_error (error);
    g_assert_cmpuint (list->len, ==, 2);
    first = g_ptr_array_index (list, 0);
    second = g_ptr_array_index (list, 1);
    g_assert_cmpint (first->id, ==, b);
    g_assert_cmpint (first->status, ==, CD_FOLLOWUP_CANCELLED);
    g_assert_cmpint (second->id, ==, a);
    g_assert_cmpint (second->assignee_id, ==, f->rep2);
    /* Read with it, in the same statement. */
    g_assert_cmpstr (second->assignee_name, ==, "Carol");
  }
}

/* Lists ------------------------------------------------------------------ */

static void
assert_section (const CdAgenda *agenda,
                CdFollowupGroup group,
                const gint64   *expected,
                guint           n_expected,
                gint64          total)
{
  GPtrArray *items = agenda->items[group];

  g_assert_cmpuint (items->len, ==, n_expected);
  for (guint i = 0; i < n_expected; i++)
    g_assert_cmpint (((CdAgendaItem *) g_ptr_array_index (items, i))->followup_id, ==, expected[i]);
  g_assert_cmpint (agenda->totals[group], ==, total);
}

static void
test_list_agenda (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CdAgenda) agenda = NULL;
  const guint all[CD_FOLLOWUP_N_GROUPS] = { 100, 100, 100 };
  const guint two[CD_FOLLOWUP_N_GROUPS] = { 2, 2, 2 };
  gint64 id = new_complaint (f);
  gint64 day_end = local_time (NOW, 1, 0, 0);
  gint64 up2, today2, over2, up1, today1, over1, at_now, others, done;

  /* Inserted out of order on purpose. */
  up2 = schedule (f, id, day_end + DAY, f->rep);
  today2 = schedule (f, id, day_end - 1, f->rep);
  over2 = schedule (f, id, NOW - HOUR, f->rep);
  up1 = schedule (f, id, day_end, f->rep);
  today1 = schedule (f, id, NOW + 1, f->rep);
  over1 = schedule (f, id, NOW - 3 * DAY, f->rep);
  at_now = schedule (f, id, NOW, f->rep);
  others = schedule (f, id, NOW - 2 * DAY, f->rep2);
  done = schedule (f, id, NOW - 5 * DAY, f->rep);
  record_outcome_ok (f, done, CD_OUTCOME_SATISFIED);

  agenda = cd_followups_agenda (f->store, f->rep, all, &error);
  g_assert_no_error (error);
  g_assert_cmpint (agenda->now, ==, NOW);
  g_assert_cmpint (agenda->day_end, ==, day_end);
  g_assert_cmpint (cd_local_day_end (NOW), ==, day_end);
  {
    const gint64 overdue[] = { over1, over2, at_now };
    const gint64 today[] = { today1, today2 };
    const gint64 upcoming[] = { up1, up2 };

    assert_section (agenda, CD_FOLLOWUP_GROUP_OVERDUE, overdue, G_N_ELEMENTS (overdue), 3);
    assert_section (agenda, CD_FOLLOWUP_GROUP_TODAY, today, G_N_ELEMENTS (today), 2);
    assert_section (agenda, CD_FOLLOWUP_GROUP_UPCOMING, upcoming, G_N_ELEMENTS (upcoming), 2);
  }
  {
    CdAgendaItem *item = g_ptr_array_index (agenda->items[CD_FOLLOWUP_GROUP_TODAY], 0);

    g_assert_cmpint (item->complaint_id, ==, id);
    g_assert_cmpint (item->customer_id, ==, f->customer);
    g_assert_cmpint (item->assignee_id, ==, f->rep);
    g_assert_cmpint (item->due_at, ==, NOW + 1);
    g_assert_cmpint (item->method, ==, CD_METHOD_PHONE);
    g_assert_cmpint (item->severity, ==, CD_SEVERITY_MAJOR);
    g_assert_cmpstr (item->customer_name, ==, "张伟");
    g_assert_cmpstr (item->complaint_summary, ==, "Invoice wrong");
    g_assert_cmpstr (item->assignee_name, ==, "Bob");
  }
  g_clear_pointer (&agenda, cd_agenda_free);

  /* Everyone: the other rep's overdue one slots in by due time. */
  agenda = cd_followups_agenda (f->store, 0, all, &error);
  g_assert_no_error (error);
  {
    const gint64 overdue[] = { over1, others, over2, at_now };

    assert_section (agenda, CD_FOLLOWUP_GROUP_OVERDUE, overdue, G_N_ELEMENTS (overdue), 4);
    g_assert_cmpstr (((CdAgendaItem *) g_ptr_array_index (agenda->items[CD_FOLLOWUP_GROUP_OVERDUE], 1))->assignee_name,
                     ==, "Carol");
  }
  g_clear_pointer (&agenda, cd_agenda_free);

  /* Pages: the first rows of each section, and how many there are. */
  agenda = cd_followups_agenda (f->store, f->rep, two, &error);
  g_assert_no_error (error);
  {
    const gint64 overdue[] = { over1, over2 };
    const gint64 today[] = { today1, today2 };
    const gint64 upcoming[] = { up1, up2 };

    assert_section (agenda, CD_FOLLOWUP_GROUP_OVERDUE, overdue, G_N_ELEMENTS (overdue), 3);
    assert_section (agenda, CD_FOLLOWUP_GROUP_TODAY, today, G_N_ELEMENTS (today), 2);
    assert_section (agenda, CD_FOLLOWUP_GROUP_UPCOMING, upcoming, G_N_ELEMENTS (upcoming), 2);
  }
  g_clear_pointer (&agenda, cd_agenda_free);

  /* Nobody: an id no one has (the view's "Mine" with nobody signed in). */
  agenda = cd_followups_agenda (f->store, -1, all, &error);
  g_assert_no_error (error);
  for (guint g = 0; g < CD_FOLLOWUP_N_GROUPS; g++)
    {
      g_assert_cmpuint (agenda->items[g]->len, ==, 0);
      g_assert_cmpint (agenda->totals[g], ==, 0);
    }
  g_clear_pointer (&agenda, cd_agenda_free);

  /* An hour later the first of today is overdue. */
  cd_store_set_now (f->store, NOW + HOUR);
  agenda = cd_followups_agenda (f->store, f->rep, all, &error);
  g_assert_no_error (error);
  g_assert_cmpint (agenda->totals[CD_FOLLOWUP_GROUP_OVERDUE], ==, 4);
  g_assert_cmpint (agenda->totals[CD_FOLLOWUP_GROUP_TODAY], ==, 1);

  /* Badge counts. */
  cd_store_set_now (f->store, NOW);
  g_assert_cmpint (cd_followups_count_overdue (f->store, f->rep, &error), ==, 3);
  g_assert_cmpint (cd_followups_count_overdue (f->store, f->rep2, &error), ==, 1);
  g_assert_cmpint (cd_followups_count_overdue (f->store, 0, &error), ==, 4);
  g_assert_cmpint (cd_followups_count_overdue (f->store, f->admin, &error), ==, 0);
  g_assert_no_error (error);

  /* When the next one falls due: strictly after the time asked about. */
  g_assert_cmpint (cd_followups_next_due (f->store, f->rep, NOW, &error), ==, NOW + 1);
  g_assert_cmpint (cd_followups_next_due (f->store, f->rep, NOW + 1, &error), ==, day_end - 1);
  g_assert_cmpint (cd_followups_next_due (f->store, f->rep, day_end + DAY, &error), ==, 0);
  g_assert_cmpint (cd_followups_next_due (f->store, f->rep2, NOW, &error), ==, 0);
  g_assert_no_error (error);
}

static void
test_list_without_followup (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) items = NULL;
  gint64 bare, with, only_done, closed, carols, fu;
  gint64 total = -1;

  g_assert_false (cd_complaints_any (f->store, &error));
  g_assert_no_error (error);

  bare = new_complaint (f);
  cd_store_set_now (f->store, NOW + 1);
  with = new_complaint (f);
  cd_store_set_now (f->store, NOW + 2);
  only_done = new_complaint (f);
  cd_store_set_now (f->store, NOW + 3);
  closed = new_complaint (f);
  cd_store_set_now (f->store, NOW + 4);
  carols = cd_complaint_create (f->store, f->other_customer, 0, "Rude on the phone", NULL,
                                CD_SEVERITY_CRITICAL, NULL, f->rep2, &error);
  g_assert_no_error (error);
  cd_store_set_now (f->store, NOW);

  schedule (f, with, NOW + DAY, f->rep);
  fu = schedule (f, only_done, NOW + DAY, f->rep);
  record_outcome_ok (f, fu, CD_OUTCOME_SATISFIED);
  fu = schedule (f, closed, NOW + DAY, f->rep);
  record_outcome_ok (f, fu, CD_OUTCOME_SATISFIED);
  set_status_ok (f, closed, CD_COMPLAINT_RESOLVED);
  set_status_ok (f, closed, CD_COMPLAINT_FOLLOWING_UP);
  set_status_ok (f, closed, CD_COMPLAINT_CLOSED);

  g_assert_true (cd_complaints_any (f->store, &error));
  g_assert_no_error (error);

  /* Everyone's, oldest first, with what a row shows. */
  items = cd_complaints_without_followup (f->store, 0, 100, &total, &error);
  g_assert_no_error (error);
  g_assert_cmpint (total, ==, 3);
  g_assert_cmpuint (items->len, ==, 3);
  {
    CdComplaintItem *first = g_ptr_array_index (items, 0);
    CdComplaintItem *last = g_ptr_array_index (items, 2);

    g_assert_cmpint (first->complaint_id, ==, bare);
    g_assert_cmpint (((CdComplaintItem *) g_ptr_array_index (items, 1))->complaint_id, ==, only_done);
    g_assert_cmpint (first->customer_id, ==, f->customer);
    g_assert_cmpint (first->owner_id, ==, f->rep);
    g_assert_cmpint (first->created_at, ==, NOW);
    g_assert_cmpint (first->severity, ==, CD_SEVERITY_MAJOR);
    g_assert_cmpint (first->status, ==, CD_COMPLAINT_RECEIVED);
    g_assert_cmpstr (first->customer_name, ==, "张伟");
    g_assert_cmpstr (first->summary, ==, "Invoice wrong");
    g_assert_cmpstr (first->owner_name, ==, "Bob");
    g_assert_cmpint (last->complaint_id, ==, carols);
    g_assert_cmpstr (last->customer_name, ==, "Olivia Other");
    g_assert_cmpstr (last->owner_name, ==, "Carol");
  }
  g_clear_pointer (&items, g_ptr_array_unref);

  /* A page, with the total from the same statement. */
  items = cd_complaints_without_followup (f->store, 0, 1, &total, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (items->len, ==, 1);
  g_assert_cmpint (total, ==, 3);
  g_assert_cmpint (((CdComplaintItem *) g_ptr_array_index (items, 0))->complaint_id, ==, bare);
  g_clear_pointer (&items, g_ptr_array_unref);

  /* One owner's. */
  items = cd_complaints_without_followup (f->store, f->rep, 100, &total, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (items->len, ==, 2);
  g_assert_cmpint (total, ==, 2);
  g_clear_pointer (&items, g_ptr_array_unref);
  items = cd_complaints_without_followup (f->store, f->admin, 100, &total, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (items->len, ==, 0);
  g_assert_cmpint (total, ==, 0);
}

static void
test_list_change_touches (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  gint64 mine = new_complaint (f);
  gint64 other = new_complaint (f);
  gint64 a = schedule (f, mine, NOW + DAY, f->rep);
  gint64 b = schedule (f, other, NOW + DAY, f->rep);
  const gint64 just_b[] = { b };
  const gint64 both[] = { a, b };
  const gint64 unknown[] = { b + 100 };
  g_autoptr(CdChange) change_b = cd_change_new (CD_CHANGE_FOLLOWUPS, CD_CHANGE_EXTERNAL, just_b, 1);
  g_autoptr(CdChange) change_both = cd_change_new (CD_CHANGE_FOLLOWUPS, CD_CHANGE_LOCAL, both, 2);
  g_autoptr(CdChange) change_unknown = cd_change_new (CD_CHANGE_FOLLOWUPS, CD_CHANGE_EXTERNAL, unknown, 1);
  g_autoptr(CdChange) change_all = cd_change_new (CD_CHANGE_FOLLOWUPS, CD_CHANGE_EXTERNAL, NULL, 0);

  g_assert_false (cd_followups_change_touches (f->store, mine, change_b, &error));
  g_assert_no_error (error);
  g_assert_true (cd_followups_change_touches (f->store, mine, change_both, &error));
  g_assert_true (cd_followups_change_touches (f->store, other, change_b, &error));
  g_assert_false (cd_followups_change_touches (f->store, mine, change_unknown, &error));
  g_assert_true (cd_followups_change_touches (f->store, mine, change_all, &error));
  g_assert_no_error (error);
}

static void
test_ticket_customer (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *customer_text = g_strdup_printf ("%" G_GINT64_FORMAT, f->customer);
  const CdField fields[] = {
    { "customer_id", customer_text },
    { "subject", "Refund" },
  };
  gint64 ticket = cd_store_insert (f->store, "tickets", fields, G_N_ELEMENTS (fields), &error);

  g_assert_no_error (error);
  g_assert_cmpint (cd_complaint_ticket_customer (f->store, ticket, &error), ==, f->customer);
  g_assert_cmpint (cd_complaint_ticket_customer (f->store, ticket + 1, &error), ==, 0);
  g_assert_cmpint (cd_complaint_ticket_customer (f->store, 0, &error), ==, 0);
  g_assert_no_error (error);
}

/* Off the caller's thread ------------------------------------------------ */

typedef struct {
  GAsyncResult *result;
  guint         changes_seen;   /* "changed::followups" before the callback */
  guint         changes_at_callback;
} AsyncWait;

static void
on_followups_changed_cb (CdStore   *store,
                         CdChange  *change,
                         AsyncWait *wait)
{
  g_assert_cmpstr (cd_change_get_kind (change), ==, CD_CHANGE_FOLLOWUPS);
  g_assert_cmpint (cd_change_get_origin (change), ==, CD_CHANGE_LOCAL);
  wait->changes_seen++;
}

static void
on_async_done_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  AsyncWait *wait = user_data;

  wait->changes_at_callback = wait->changes_seen;
  wait->result = g_object_ref (result);
}

static GAsyncResult *
wait_for_result (AsyncWait *wait)
{
  while (wait->result == NULL)
    g_main_context_iteration (NULL, TRUE);
  return wait->result;
}

static void
async_wait_clear (AsyncWait *wait)
{
  g_clear_object (&wait->result);
  wait->changes_seen = 0;
  wait->changes_at_callback = 0;
}

static void
test_async_writes (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CdComplaint) created = NULL;
  g_autoptr(CdFollowupProposal) proposal = NULL;
  g_autoptr(CdFollowup) moved = NULL;
  g_autoptr(CdFollowup) reached = NULL;
  CdComplaint values = { 0 };
  AsyncWait wait = { 0 };
  gint64 id, fu, next;
  gulong handler;

  handler = g_signal_connect (f->store, "changed::followups", G_CALLBACK (on_followups_changed_cb), &wait);

  /* A new complaint with a resolution noted at once: one transaction. */
  values.customer_id = f->customer;
  values.summary = (char *) "Charged twice";
  values.severity = CD_SEVERITY_CRITICAL;
  values.owner_id = f->rep;
  values.resolution = (char *) "Refund the second charge";
  cd_complaint_create_async (f->store, &values, NULL, on_async_done_cb, &wait);
  id = cd_complaint_create_finish (f->store, wait_for_result (&wait), &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  created = cd_complaint_load (f->store, id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (created->summary, ==, "Charged twice");
  g_assert_cmpstr (created->resolution, ==, "Refund the second charge");
  g_assert_cmpint (created->owner_id, ==, f->rep);
  async_wait_clear (&wait);

  /* Scheduling: the views hear of it before the caller does. */
  cd_followup_schedule_async (f->store, id, NOW - HOUR, f->rep, CD_METHOD_EMAIL, "Ask about the refund",
                              NULL, on_async_done_cb, &wait);
  fu = cd_followup_schedule_finish (f->store, wait_for_result (&wait), &error);
  g_assert_no_error (error);
  g_assert_cmpint (fu, >, 0);
  g_assert_cmpuint (wait.changes_at_callback, ==, 1);
  async_wait_clear (&wait);

  /* Moved and handed over in one go; the version is checked once. */
  cd_followup_move_async (f->store, fu, version_of (f->store, "followups", fu), NOW + DAY, f->rep2,
                          NULL, on_async_done_cb, &wait);
  g_assert_true (cd_followup_move_finish (f->store, wait_for_result (&wait), &error));
  g_assert_no_error (error);
  moved = cd_followup_load (f->store, fu, &error);
  g_assert_no_error (error);
  g_assert_cmpint (moved->due_at, ==, NOW + DAY);
  g_assert_cmpint (moved->assignee_id, ==, f->rep2);
  async_wait_clear (&wait);

  /* A version someone else replaced: refused in words, nothing written. */
  cd_followup_record_outcome_async (f->store, fu, moved->version - 1, CD_OUTCOME_UNREACHABLE, 0, NULL,
                                    NULL, on_async_done_cb, &wait);
  g_assert_false (cd_followup_record_outcome_finish (f->store, wait_for_result (&wait), &proposal, &error));
  g_assert_error (error, CD_STORE_ERROR, CD_STORE_ERROR_STALE);
  g_assert_null (proposal);
  g_assert_cmpuint (wait.changes_seen, ==, 0);
  g_clear_error (&error);
  async_wait_clear (&wait);

  /* The outcome, with the next contact proposed. */
  cd_followup_record_outcome_async (f->store, fu, moved->version, CD_OUTCOME_UNREACHABLE, 0, "No answer",
                                    NULL, on_async_done_cb, &wait);
  g_assert_true (cd_followup_record_outcome_finish (f->store, wait_for_result (&wait), &proposal, &error));
  g_assert_no_error (error);
  g_assert_nonnull (proposal);
  g_assert_cmpint (proposal->complaint_id, ==, id);
  g_assert_cmpint (proposal->assignee_id, ==, f->rep2);
  reached = cd_followup_load (f->store, fu, &error);
  g_assert_no_error (error);
  g_assert_cmpint (reached->status, ==, CD_FOLLOWUP_DONE);
  g_assert_cmpstr (reached->notes, ==, "No answer");
  async_wait_clear (&wait);

  /* Cancelled and missed. */
  next = schedule (f, id, NOW + 2 * DAY, f->rep);
  cd_followup_mark_missed_async (f->store, next, version_of (f->store, "followups", next),
                                 NULL, on_async_done_cb, &wait);
  g_assert_true (cd_followup_mark_missed_finish (f->store, wait_for_result (&wait), &error));
  g_assert_no_error (error);
  async_wait_clear (&wait);
  cd_followup_cancel_async (f->store, next, version_of (f->store, "followups", next),
                            NULL, on_async_done_cb, &wait);
  g_assert_true (cd_followup_cancel_finish (f->store, wait_for_result (&wait), &error));
  g_assert_no_error (error);
  {
    g_autoptr(CdFollowup) cancelled = cd_followup_load (f->store, next, &error);
    g_assert_no_error (error);
    g_assert_cmpint (cancelled->status, ==, CD_FOLLOWUP_CANCELLED);
  }
  async_wait_clear (&wait);

  /* Status and fields of the complaint. */
  cd_complaint_set_status_async (f->store, id, version_of (f->store, "complaints", id),
                                 CD_COMPLAINT_ACKNOWLEDGED, NULL, on_async_done_cb, &wait);
  g_assert_true (cd_complaint_set_status_finish (f->store, wait_for_result (&wait), &error));
  g_assert_no_error (error);
  async_wait_clear (&wait);
  values.category = (char *) "Billing";
  cd_complaint_update_async (f->store, id, version_of (f->store, "complaints", id),
                             CD_COMPLAINT_FIELD_CATEGORY, &values, NULL, on_async_done_cb, &wait);
  g_assert_true (cd_complaint_update_finish (f->store, wait_for_result (&wait), &error));
  g_assert_no_error (error);
  g_clear_pointer (&created, cd_complaint_free);
  created = cd_complaint_load (f->store, id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (created->status, ==, CD_COMPLAINT_ACKNOWLEDGED);
  g_assert_cmpstr (created->category, ==, "Billing");
  async_wait_clear (&wait);

  g_signal_handler_disconnect (f->store, handler);
}

/* A form saved in one piece: a part that fails leaves nothing. */
static void
test_create_full (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *long_text = g_strnfill (CD_COMPLAINT_TEXT_MAX_CHARS + 1, 'x');
  CdComplaint values = { 0 };

  values.customer_id = f->customer;
  values.summary = (char *) "Charged twice";
  values.severity = CD_SEVERITY_MINOR;
  values.compensation = long_text;
  g_assert_cmpint (cd_complaint_create_full (f->store, &values, &error), ==, 0);
  g_assert_error (error, CD_STORE_ERROR, CD_STORE_ERROR_INVALID);
  g_assert_cmpint (db_int (f->store, "SELECT count(*) FROM complaints", CD_NO_BIND), ==, 0);
  g_clear_error (&error);

  values.compensation = (char *) "A voucher";
  g_assert_cmpint (cd_complaint_create_full (f->store, &values, &error), >, 0);
  g_assert_no_error (error);
  g_assert_cmpint (db_int (f->store, "SELECT count(*) FROM complaints WHERE compensation = 'A voucher'",
                           CD_NO_BIND), ==, 1);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, fn) g_test_add (path, Fixture, NULL, fixture_set_up, fn, fixture_tear_down)
  ADD ("/core/complaints/create/valid", test_create_valid);
  ADD ("/core/complaints/create/empty-summary", test_create_empty_summary);
  ADD ("/core/complaints/create/lengths", test_create_lengths);
  ADD ("/core/complaints/create/unicode", test_create_unicode);
  ADD ("/core/complaints/create/references", test_create_references);
  ADD ("/core/complaints/create/full", test_create_full);
  ADD ("/core/complaints/update", test_update);
  g_test_add_func ("/core/complaints/status/matrix", test_status_matrix);
  ADD ("/core/complaints/status/walk", test_status_walk);
  ADD ("/core/complaints/status/refused", test_status_refused);
  ADD ("/core/complaints/status/close-needs-followup", test_close_needs_followup);
  ADD ("/core/complaints/followup/schedule", test_followup_schedule);
  ADD ("/core/complaints/followup/outcome-proposal", test_followup_outcome_proposal);
  ADD ("/core/complaints/followup/outcome-stale", test_followup_outcome_stale);
  ADD ("/core/complaints/followup/cancel-missed-reschedule", test_followup_cancel_missed_reschedule);
  ADD ("/core/complaints/list/agenda", test_list_agenda);
  ADD ("/core/complaints/list/without-followup", test_list_without_followup);
  ADD ("/core/complaints/list/change-touches", test_list_change_touches);
  ADD ("/core/complaints/ticket-customer", test_ticket_customer);
  ADD ("/core/complaints/async/writes", test_async_writes);
#undef ADD

  return g_test_run ();
}
