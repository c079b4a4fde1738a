/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "caredesk-test-reminders"

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "cd-complaints.h"
#include "cd-reminders.h"
#include "cd-store.h"
#include "cd-store-private.h"

/* 2024-03-15 08:00 in Asia/Shanghai (the suite's TZ). */
#define NOW G_GINT64_CONSTANT (1710460800)
#define MINUTE 60
#define HOUR 3600
#define DAY 86400

static const CdReminderPolicy policy = { HOUR, 4 * HOUR, 3 };
static const CdReminderPolicy once_policy = { 0, 4 * HOUR, 3 };

typedef struct {
  char    *dir;
  char    *path;
  CdStore *store;     /* signed in as alice (admin) */
  gint64   admin;
  gint64   rep;       /* bob */
  gint64   rep2;      /* carol */
  gint64   lead;      /* lena */
  gint64   lead2;     /* li na */
  gint64   customer;
  gint64   complaint;
} Fixture;

static gint64
add_staff (CdStore    *store,
           const char *login,
           const char *name,
           const char *role)
{
  g_autoptr(GError) error = NULL;
  const CdField fields[] = { { "login", login }, { "display_name", name }, { "role", role } };
  gint64 id = cd_store_insert (store, "staff", fields, G_N_ELEMENTS (fields), &error);

  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  return id;
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
  cd_store_set_now (store, NOW);
  return g_steal_pointer (&store);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->dir = g_dir_make_tmp ("caredesk-reminders-XXXXXX", &error);
  g_assert_no_error (error);
  f->path = g_build_filename (f->dir, "caredesk.db", NULL);
  f->store = open_store (f->path, "alice");
  f->admin = cd_store_get_staff_id (f->store);
  f->rep = add_staff (f->store, "bob", "Bob", "rep");
  f->rep2 = add_staff (f->store, "carol", "Carol", "rep");
  f->lead = add_staff (f->store, "lena", "Lena", "lead");
  f->lead2 = add_staff (f->store, "lina", "李娜", "lead");
  {
    const CdField fields[] = { { "name", "王芳" } };
    f->customer = cd_store_insert (f->store, "customers", fields, 1, &error);
    g_assert_no_error (error);
  }
  f->complaint = cd_complaint_create (f->store, f->customer, 0, "Wrong size delivered", NULL,
                                      CD_SEVERITY_MAJOR, NULL, f->rep, &error);
  g_assert_no_error (error);
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
schedule (Fixture *f,
          gint64   due_at,
          gint64   assignee)
{
  g_autoptr(GError) error = NULL;
  gint64 id = cd_followup_schedule (f->store, f->complaint, due_at, assignee, CD_METHOD_PHONE, NULL, &error);

  g_assert_no_error (error);
  return id;
}

static GPtrArray *
claim (CdStore                *store,
       gint64                  recipient,
       const CdReminderPolicy *p)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *claimed = cd_reminders_claim_due (store, recipient, p, &error);

  g_assert_no_error (error);
  g_assert_nonnull (claimed);
  /* Never left inside a transaction. */
  g_assert_false (cd_store_in_transaction (store));
  return claimed;
}

static guint
claim_count (CdStore                *store,
             gint64                  recipient,
             const CdReminderPolicy *p)
{
  g_autoptr(GPtrArray) claimed = claim (store, recipient, p);
  return claimed->len;
}

static gint64
next_due (CdStore                *store,
          gint64                  recipient,
          const CdReminderPolicy *p)
{
  g_autoptr(GError) error = NULL;
  gint64 t = cd_reminders_next_due (store, recipient, p, &error);

  g_assert_no_error (error);
  return t;
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

static gint64
version_of (CdStore *store,
            gint64   followup)
{
  return cd_store_get_version (store, "followups", followup, NULL);
}

/* Overdue rule ----------------------------------------------------------- */

static void
test_overdue_boundaries (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) list = NULL;
  gint64 at_now = schedule (f, NOW, f->rep);
  gint64 soon = schedule (f, NOW + 1, f->rep);
  gint64 done = schedule (f, NOW - DAY, f->rep);
  gint64 cancelled = schedule (f, NOW - DAY, f->rep);
  gint64 missed = schedule (f, NOW - DAY, f->rep);
  gint64 old = schedule (f, NOW - 2 * DAY, f->rep2);

  g_assert_true (cd_followup_record_outcome (f->store, done, 1, CD_OUTCOME_SATISFIED, 0, NULL, NULL, &error));
  g_assert_true (cd_followup_cancel (f->store, cancelled, 1, &error));
  g_assert_true (cd_followup_mark_missed (f->store, missed, 1, &error));
  g_assert_no_error (error);

  list = cd_reminders_list_overdue (f->store, f->rep, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 1);
  {
    CdOverdueFollowup *item = g_ptr_array_index (list, 0);
    g_assert_cmpint (item->followup_id, ==, at_now);
    g_assert_cmpint (item->complaint_id, ==, f->complaint);
    g_assert_cmpint (item->customer_id, ==, f->customer);
    g_assert_cmpint (item->assignee_id, ==, f->rep);
    g_assert_cmpint (item->due_at, ==, NOW);
    g_assert_cmpint (item->method, ==, CD_METHOD_PHONE);
    g_assert_cmpstr (item->assignee_name, ==, "Bob");
    g_assert_cmpstr (item->customer_name, ==, "王芳");
    g_assert_cmpstr (item->complaint_summary, ==, "Wrong size delivered");
  }
  g_clear_pointer (&list, g_ptr_array_unref);

  /* Everyone's, oldest first. */
  list = cd_reminders_list_overdue (f->store, 0, &error);
  g_assert_cmpuint (list->len, ==, 2);
  g_assert_cmpint (((CdOverdueFollowup *) g_ptr_array_index (list, 0))->followup_id, ==, old);
  g_clear_pointer (&list, g_ptr_array_unref);

  /* The same rule drives the reminders. */
  {
    g_autoptr(GPtrArray) claimed = claim (f->store, f->rep, &policy);
    g_assert_cmpuint (claimed->len, ==, 1);
    g_assert_cmpint (((CdReminder *) g_ptr_array_index (claimed, 0))->followup_id, ==, at_now);
  }

  /* One second later the next one is overdue too. */
  cd_store_set_now (f->store, NOW + 1);
  {
    g_autoptr(GPtrArray) claimed = claim (f->store, f->rep, &policy);
    g_assert_cmpuint (claimed->len, ==, 1);
    g_assert_cmpint (((CdReminder *) g_ptr_array_index (claimed, 0))->followup_id, ==, soon);
  }

  /* Done, cancelled and missed ones never remind, however late. */
  cd_store_set_now (f->store, NOW + 30 * DAY);
  {
    g_autoptr(GPtrArray) claimed = claim (f->store, f->rep, &once_policy);
    g_assert_cmpuint (claimed->len, ==, 0);
  }
  g_assert_cmpint (db_int (f->store, "SELECT count(*) FROM reminders WHERE entity_id IN (SELECT id FROM followups WHERE status != 'scheduled')"),
                   ==, 0);
}

/* Claiming --------------------------------------------------------------- */

static void
test_claim_first (Fixture *f, gconstpointer data)
{
  g_autoptr(GPtrArray) claimed = NULL;
  g_autoptr(GError) error = NULL;
  gint64 a = schedule (f, NOW - 5 * MINUTE, f->rep);
  gint64 b;
  CdReminder *r;

  b = cd_followup_schedule (f->store, f->complaint, NOW - HOUR, f->rep, CD_METHOD_VISIT, NULL, &error);
  g_assert_no_error (error);
  schedule (f, NOW + HOUR, f->rep);       /* not yet */
  schedule (f, NOW - HOUR, f->rep2);      /* someone else's */

  claimed = claim (f->store, f->rep, &policy);
  g_assert_cmpuint (claimed->len, ==, 2);

  /* Oldest due first, with everything a notification shows. */
  r = g_ptr_array_index (claimed, 0);
  g_assert_cmpint (r->kind, ==, CD_REMINDER_FOLLOWUP_OVERDUE);
  g_assert_cmpuint (r->threshold, ==, 0);
  g_assert_cmpint (r->followup_id, ==, b);
  g_assert_cmpint (r->complaint_id, ==, f->complaint);
  g_assert_cmpint (r->customer_id, ==, f->customer);
  g_assert_cmpint (r->assignee_id, ==, f->rep);
  g_assert_cmpint (r->due_at, ==, NOW - HOUR);
  g_assert_cmpint (r->sent_at, ==, NOW);
  g_assert_cmpint (r->method, ==, CD_METHOD_VISIT);
  g_assert_cmpstr (r->customer_name, ==, "王芳");
  g_assert_cmpstr (r->complaint_summary, ==, "Wrong size delivered");
  g_assert_cmpstr (r->assignee_name, ==, "Bob");
  r = g_ptr_array_index (claimed, 1);
  g_assert_cmpint (r->followup_id, ==, a);

  /* Stored under the documented nick. */
  g_assert_cmpint (db_int (f->store, "SELECT count(*) FROM reminders WHERE kind = 'followup_overdue' AND threshold = 0"),
                   ==, 2);
  g_assert_cmpstr (cd_reminder_kind_to_nick (CD_REMINDER_FOLLOWUP_LEAD), ==, "followup_lead");
  g_assert_cmpint (cd_reminder_kind_from_nick ("followup_overdue"), ==, CD_REMINDER_FOLLOWUP_OVERDUE);
  g_assert_cmpint (cd_reminder_kind_from_nick ("nope"), ==, -1);

  /* Asking again at once gives nothing new. */
  g_assert_cmpuint (claim_count (f->store, f->rep, &policy), ==, 0);
  g_assert_cmpuint (claim_count (f->store, f->rep, &policy), ==, 0);

  /* An unknown recipient is an error, not a crash. */
  g_assert_null (cd_reminders_claim_due (f->store, 9999, &policy, &error));
  g_assert_error (error, CD_STORE_ERROR, CD_STORE_ERROR_NOT_FOUND);
  g_assert_false (cd_store_in_transaction (f->store));
}

static void
test_claim_two_instances (Fixture *f, gconstpointer data)
{
  g_autoptr(CdStore) other = NULL;
  g_autoptr(GPtrArray) first = NULL;
  g_autoptr(GPtrArray) second = NULL;

  schedule (f, NOW - HOUR, f->rep);
  schedule (f, NOW - MINUTE, f->rep);

  /* Bob runs Caredesk twice (two desktops, or twice on one). */
  g_clear_object (&f->store);
  f->store = open_store (f->path, "bob");
  other = open_store (f->path, "bob");

  first = claim (f->store, f->rep, &policy);
  second = claim (other, f->rep, &policy);
  g_assert_cmpuint (first->len, ==, 2);
  g_assert_cmpuint (second->len, ==, 0);

  /* The other way round for a newly overdue one. */
  schedule (f, NOW - 1, f->rep);
  g_clear_pointer (&first, g_ptr_array_unref);
  g_clear_pointer (&second, g_ptr_array_unref);
  second = claim (other, f->rep, &policy);
  first = claim (f->store, f->rep, &policy);
  g_assert_cmpuint (second->len, ==, 1);
  g_assert_cmpuint (first->len, ==, 0);

  /* And after an hour, the re-reminders also go out once between them. */
  cd_store_set_now (f->store, NOW + HOUR);
  cd_store_set_now (other, NOW + HOUR);
  g_clear_pointer (&first, g_ptr_array_unref);
  g_clear_pointer (&second, g_ptr_array_unref);
  first = claim (f->store, f->rep, &policy);
  second = claim (other, f->rep, &policy);
  g_assert_cmpuint (first->len, ==, 3);
  g_assert_cmpuint (second->len, ==, 0);
}

typedef struct {
  const char *path;
  gint64      recipient;
  GPtrArray  *claimed;   /* follow-up ids */
} RaceArgs;

static gpointer
race_thread (gpointer data)
{
  RaceArgs *args = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(CdStore) store = cd_store_open (args->path, CD_STORE_OPEN_NO_WATCH, &error);

  g_assert_no_error (error);
  cd_store_set_now (store, NOW);
  args->claimed = g_ptr_array_new ();
  for (int round = 0; round < 5; round++)
    {
      g_autoptr(GPtrArray) got = cd_reminders_claim_due (store, args->recipient, &policy, &error);
      g_assert_no_error (error);
      for (guint i = 0; i < got->len; i++)
        g_ptr_array_add (args->claimed,
                         GINT_TO_POINTER ((int) ((CdReminder *) g_ptr_array_index (got, i))->followup_id));
    }
  return NULL;
}

static void
test_claim_race (Fixture *f, gconstpointer data)
{
  g_autoptr(GHashTable) seen = g_hash_table_new (NULL, NULL);
  RaceArgs args[3];
  GThread *threads[3];
  guint total = 0;

  for (int i = 0; i < 40; i++)
    schedule (f, NOW - i * MINUTE, f->rep);
  g_clear_object (&f->store);

  /* Three instances of the same person start at the same moment. */
  for (guint t = 0; t < G_N_ELEMENTS (threads); t++)
    {
      args[t].path = f->path;
      args[t].recipient = f->rep;
      args[t].claimed = NULL;
      threads[t] = g_thread_new ("claim", race_thread, &args[t]);
    }
  for (guint t = 0; t < G_N_ELEMENTS (threads); t++)
    {
      g_thread_join (threads[t]);
      for (guint i = 0; i < args[t].claimed->len; i++)
        {
          gpointer id = g_ptr_array_index (args[t].claimed, i);
          g_assert_false (g_hash_table_contains (seen, id));
          g_hash_table_add (seen, id);
        }
      total += args[t].claimed->len;
      g_ptr_array_unref (args[t].claimed);
    }
  g_assert_cmpuint (total, ==, 40);

  f->store = open_store (f->path, "alice");
  g_assert_cmpint (db_int (f->store, "SELECT count(*) FROM reminders"), ==, 40);
}

static void
test_claim_restart (Fixture *f, gconstpointer data)
{
  schedule (f, NOW - HOUR, f->rep);
  g_assert_cmpuint (claim_count (f->store, f->rep, &policy), ==, 1);

  /* Quit and start again a few minutes later. */
  g_clear_object (&f->store);
  f->store = open_store (f->path, "bob");
  cd_store_set_now (f->store, NOW + 10 * MINUTE);
  g_assert_cmpuint (claim_count (f->store, f->rep, &policy), ==, 0);

  /* Overdue while nobody ran Caredesk: claimed at the next start. */
  schedule (f, NOW, f->rep);
  g_clear_object (&f->store);
  f->store = open_store (f->path, "bob");
  cd_store_set_now (f->store, NOW + 20 * MINUTE);
  g_assert_cmpuint (claim_count (f->store, f->rep, &policy), ==, 1);
}

static void
test_rereminder (Fixture *f, gconstpointer data)
{
  g_autoptr(GPtrArray) claimed = NULL;
  gint64 a = schedule (f, NOW - 10 * MINUTE, f->rep);

  g_assert_cmpuint (claim_count (f->store, f->rep, &policy), ==, 1);

  cd_store_set_now (f->store, NOW + HOUR - 1);
  g_assert_cmpuint (claim_count (f->store, f->rep, &policy), ==, 0);

  cd_store_set_now (f->store, NOW + HOUR);
  claimed = claim (f->store, f->rep, &policy);
  g_assert_cmpuint (claimed->len, ==, 1);
  g_assert_cmpuint (((CdReminder *) g_ptr_array_index (claimed, 0))->threshold, ==, 1);
  g_assert_cmpint (((CdReminder *) g_ptr_array_index (claimed, 0))->followup_id, ==, a);
  g_clear_pointer (&claimed, g_ptr_array_unref);

  /* Counted from the last reminder, not from the due time: a late start
   * gives one reminder, not a burst of missed ones. */
  cd_store_set_now (f->store, NOW + 5 * HOUR + 30 * MINUTE);
  claimed = claim (f->store, f->rep, &policy);
  g_assert_cmpuint (claimed->len, ==, 1);
  g_assert_cmpuint (((CdReminder *) g_ptr_array_index (claimed, 0))->threshold, ==, 2);
  g_assert_cmpuint (claim_count (f->store, f->rep, &policy), ==, 0);
  cd_store_set_now (f->store, NOW + 6 * HOUR + 29 * MINUTE);
  g_assert_cmpuint (claim_count (f->store, f->rep, &policy), ==, 0);
  cd_store_set_now (f->store, NOW + 6 * HOUR + 30 * MINUTE);
  g_assert_cmpuint (claim_count (f->store, f->rep, &policy), ==, 1);

  /* Interval 0: never again. */
  cd_store_set_now (f->store, NOW + 30 * DAY);
  g_assert_cmpuint (claim_count (f->store, f->rep, &once_policy), ==, 0);

  /* Done: no more. */
  {
    g_autoptr(GError) error = NULL;
    g_assert_true (cd_followup_record_outcome (f->store, a, version_of (f->store, a),
                                               CD_OUTCOME_SATISFIED, 0, NULL, NULL, &error));
    g_assert_no_error (error);
  }
  cd_store_set_now (f->store, NOW + 31 * DAY);
  g_assert_cmpuint (claim_count (f->store, f->rep, &policy), ==, 0);
}

static void
test_reschedule_reminds_again (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) claimed = NULL;
  gint64 a = schedule (f, NOW - 10 * MINUTE, f->rep);

  g_assert_cmpuint (claim_count (f->store, f->rep, &once_policy), ==, 1);

  /* The customer asked to be called tomorrow instead. */
  g_assert_true (cd_followup_reschedule (f->store, a, version_of (f->store, a), NOW + DAY, &error));
  g_assert_no_error (error);
  cd_store_set_now (f->store, NOW + DAY - 1);
  g_assert_cmpuint (claim_count (f->store, f->rep, &once_policy), ==, 0);
  g_assert_cmpint (next_due (f->store, f->rep, &once_policy), ==, NOW + DAY);

  cd_store_set_now (f->store, NOW + DAY);
  claimed = claim (f->store, f->rep, &once_policy);
  g_assert_cmpuint (claimed->len, ==, 1);
  g_assert_cmpuint (((CdReminder *) g_ptr_array_index (claimed, 0))->threshold, ==, 1);
  g_assert_cmpuint (claim_count (f->store, f->rep, &once_policy), ==, 0);
}

/* Snoozes ---------------------------------------------------------------- */

static void
test_snooze (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) claimed = NULL;
  gint64 a = schedule (f, NOW - 10 * MINUTE, f->rep);
  gint64 b = schedule (f, NOW - 10 * MINUTE, f->rep);

  g_assert_cmpuint (claim_count (f->store, f->rep, &policy), ==, 2);

  /* Snooze a for an hour and a half (longer than the interval). */
  g_assert_true (cd_reminders_snooze (f->store, a, f->rep, NOW + 90 * MINUTE, &error));
  g_assert_no_error (error);
  g_assert_cmpint (db_int (f->store, "SELECT count(*) FROM audit_log WHERE entity = 'snoozes' AND action = 'snooze'"), ==, 1);

  cd_store_set_now (f->store, NOW + HOUR);
  claimed = claim (f->store, f->rep, &policy);
  g_assert_cmpuint (claimed->len, ==, 1);          /* b's re-reminder only */
  g_assert_cmpint (((CdReminder *) g_ptr_array_index (claimed, 0))->followup_id, ==, b);
  g_clear_pointer (&claimed, g_ptr_array_unref);

  /* A restart does not forget the snooze. */
  g_clear_object (&f->store);
  f->store = open_store (f->path, "bob");
  cd_store_set_now (f->store, NOW + 90 * MINUTE - 1);
  g_assert_cmpuint (claim_count (f->store, f->rep, &policy), ==, 0);
  g_assert_cmpint (next_due (f->store, f->rep, &policy), ==, NOW + 90 * MINUTE);

  /* When it ends, a is reminded again, once. */
  cd_store_set_now (f->store, NOW + 90 * MINUTE);
  claimed = claim (f->store, f->rep, &policy);
  g_assert_cmpuint (claimed->len, ==, 1);
  g_assert_cmpint (((CdReminder *) g_ptr_array_index (claimed, 0))->followup_id, ==, a);
  g_assert_cmpuint (((CdReminder *) g_ptr_array_index (claimed, 0))->threshold, ==, 1);
  g_clear_pointer (&claimed, g_ptr_array_unref);
  g_assert_cmpuint (claim_count (f->store, f->rep, &policy), ==, 0);

  /* Even with re-reminders off, the end of a snooze reminds. */
  g_assert_true (cd_reminders_snooze (f->store, a, f->rep, NOW + 3 * HOUR, &error));
  g_assert_no_error (error);
  cd_store_set_now (f->store, NOW + 3 * HOUR);
  claimed = claim (f->store, f->rep, &once_policy);
  g_assert_cmpuint (claimed->len, ==, 1);
  g_assert_cmpint (((CdReminder *) g_ptr_array_index (claimed, 0))->followup_id, ==, a);
  g_clear_pointer (&claimed, g_ptr_array_unref);

  /* Snoozing again replaces the old snooze (one row). */
  g_assert_true (cd_reminders_snooze (f->store, a, f->rep, NOW + 5 * HOUR, &error));
  g_assert_true (cd_reminders_snooze (f->store, a, f->rep, NOW + 4 * HOUR, &error));
  g_assert_no_error (error);
  g_assert_cmpint (db_int (f->store, "SELECT count(*) FROM snoozes"), ==, 1);
  g_assert_cmpint (db_int (f->store, "SELECT until_at FROM snoozes"), ==, NOW + 4 * HOUR);

  /* Someone else's snooze does not silence Bob. */
  g_assert_true (cd_reminders_snooze (f->store, b, f->lead, NOW + 9 * HOUR, &error));
  cd_store_set_now (f->store, NOW + 3 * HOUR + 30 * MINUTE);
  claimed = claim (f->store, f->rep, &policy);
  g_assert_cmpuint (claimed->len, ==, 1);
  g_assert_cmpint (((CdReminder *) g_ptr_array_index (claimed, 0))->followup_id, ==, b);

  g_assert_false (cd_reminders_snooze (f->store, 9999, f->rep, NOW + HOUR, &error));
  g_assert_error (error, CD_STORE_ERROR, CD_STORE_ERROR_NOT_FOUND);
}

/* Claims and snoozes on the write worker, for the GUI. */
typedef struct {
  GPtrArray *results;   /* GAsyncResult, in the order they completed */
  GPtrArray *kinds;     /* kinds of "changed" before each result */
} Jobs;

static void
on_changed_cb (CdStore  *store,
               CdChange *change,
               Jobs     *jobs)
{
  g_ptr_array_add (jobs->kinds, g_strdup (cd_change_get_kind (change)));
}

static void
on_job_done_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  Jobs *jobs = user_data;

  g_ptr_array_add (jobs->kinds, g_strdup ("done"));
  g_ptr_array_add (jobs->results, g_object_ref (result));
}

static void
wait_for_jobs (Jobs  *jobs,
               guint  n)
{
  while (jobs->results->len < n)
    g_main_context_iteration (NULL, TRUE);
}

static void
test_claim_async (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) first = NULL;
  g_autoptr(GPtrArray) second = NULL;
  Jobs jobs = { g_ptr_array_new_with_free_func (g_object_unref),
                g_ptr_array_new_with_free_func (g_free) };
  gint64 a = schedule (f, NOW - 5 * MINUTE, f->rep);
  gulong handler;

  schedule (f, NOW + HOUR, f->rep);
  handler = g_signal_connect (f->store, "changed", G_CALLBACK (on_changed_cb), &jobs);

  g_assert_true (cd_reminders_has_due (f->store, f->rep, &policy, &error));
  g_assert_no_error (error);
  g_assert_false (cd_reminders_has_due (f->store, f->rep2, &policy, &error));
  g_assert_no_error (error);
  /* Looking records nothing. */
  g_assert_cmpint (db_int (f->store, "SELECT count(*) FROM reminders"), ==, 0);

  /* Two claims at once (two windows' timers): one gets it. */
  cd_reminders_claim_due_async (f->store, f->rep, &policy, NULL, on_job_done_cb, &jobs);
  cd_reminders_claim_due_async (f->store, f->rep, &policy, NULL, on_job_done_cb, &jobs);
  wait_for_jobs (&jobs, 2);
  first = cd_reminders_claim_due_finish (f->store, g_ptr_array_index (jobs.results, 0), &error);
  g_assert_no_error (error);
  second = cd_reminders_claim_due_finish (f->store, g_ptr_array_index (jobs.results, 1), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (first->len, ==, 1);
  g_assert_cmpint (((CdReminder *) g_ptr_array_index (first, 0))->followup_id, ==, a);
  g_assert_cmpstr (((CdReminder *) g_ptr_array_index (first, 0))->customer_name, ==, "王芳");
  g_assert_cmpuint (second->len, ==, 0);
  g_assert_cmpint (db_int (f->store, "SELECT count(*) FROM reminders"), ==, 1);
  g_assert_false (cd_reminders_has_due (f->store, f->rep, &policy, &error));
  g_assert_no_error (error);
  /* The views heard of the claim before its caller; the empty claim
   * wrote nothing and said nothing. */
  g_assert_cmpuint (jobs.kinds->len, ==, 3);
  g_assert_cmpstr (g_ptr_array_index (jobs.kinds, 0), ==, CD_CHANGE_REMINDERS);
  g_assert_cmpstr (g_ptr_array_index (jobs.kinds, 1), ==, "done");
  g_assert_cmpstr (g_ptr_array_index (jobs.kinds, 2), ==, "done");

  /* A snooze, the same way. */
  g_ptr_array_set_size (jobs.results, 0);
  g_ptr_array_set_size (jobs.kinds, 0);
  cd_reminders_snooze_async (f->store, a, f->rep, NOW + HOUR, NULL, on_job_done_cb, &jobs);
  wait_for_jobs (&jobs, 1);
  g_assert_true (cd_reminders_snooze_finish (f->store, g_ptr_array_index (jobs.results, 0), &error));
  g_assert_no_error (error);
  g_assert_cmpint (db_int (f->store, "SELECT until_at FROM snoozes"), ==, NOW + HOUR);
  g_assert_true (g_ptr_array_find_with_equal_func (jobs.kinds, CD_CHANGE_SNOOZES, g_str_equal, NULL));

  /* A failure comes back in words. */
  g_ptr_array_set_size (jobs.results, 0);
  cd_reminders_snooze_async (f->store, 9999, f->rep, NOW + HOUR, NULL, on_job_done_cb, &jobs);
  wait_for_jobs (&jobs, 1);
  g_assert_false (cd_reminders_snooze_finish (f->store, g_ptr_array_index (jobs.results, 0), &error));
  g_assert_error (error, CD_STORE_ERROR, CD_STORE_ERROR_NOT_FOUND);

  g_signal_handler_disconnect (f->store, handler);
  g_ptr_array_unref (jobs.results);
  g_ptr_array_unref (jobs.kinds);
}

static void
test_tomorrow_at_9 (void)
{
  g_autoptr(GDateTime) t = NULL;
  gint64 evening;

  t = g_date_time_new_from_unix_local (cd_reminders_tomorrow_at_9 (NOW));
  g_assert_cmpint (g_date_time_get_hour (t), ==, 9);
  g_assert_cmpint (g_date_time_get_minute (t), ==, 0);
  g_assert_cmpint (g_date_time_get_second (t), ==, 0);
  {
    g_autoptr(GDateTime) here = g_date_time_new_from_unix_local (NOW);
    g_autoptr(GDateTime) next = g_date_time_add_days (here, 1);
    g_assert_cmpint (g_date_time_get_day_of_month (t), ==, g_date_time_get_day_of_month (next));
  }
  g_clear_pointer (&t, g_date_time_unref);

  /* Just before midnight local time: still the next calendar day. */
  {
    g_autoptr(GDateTime) here = g_date_time_new_from_unix_local (NOW);
    g_autoptr(GDateTime) late = g_date_time_new_local (g_date_time_get_year (here), g_date_time_get_month (here),
                                                       g_date_time_get_day_of_month (here), 23, 59, 0);
    g_autoptr(GDateTime) expected = g_date_time_new_local (g_date_time_get_year (here), g_date_time_get_month (here),
                                                           g_date_time_get_day_of_month (here) + 1, 9, 0, 0);
    evening = g_date_time_to_unix (late);
    g_assert_cmpint (cd_reminders_tomorrow_at_9 (evening), ==, g_date_time_to_unix (expected));
    g_assert_cmpint (cd_reminders_tomorrow_at_9 (evening) - evening, ==, 9 * HOUR + MINUTE);
  }
}

/* Team leads ------------------------------------------------------------- */

static void
test_lead_escalation (Fixture *f, gconstpointer data)
{
  g_autoptr(GPtrArray) claimed = NULL;
  gint64 a = schedule (f, NOW, f->rep);
  gint64 own = schedule (f, NOW, f->lead);
  CdReminder *r;

  /* Overdue, but not for long enough. */
  cd_store_set_now (f->store, NOW + 4 * HOUR - 1);
  claimed = claim (f->store, f->lead, &policy);
  g_assert_cmpuint (claimed->len, ==, 1);      /* the lead's own follow-up */
  r = g_ptr_array_index (claimed, 0);
  g_assert_cmpint (r->kind, ==, CD_REMINDER_FOLLOWUP_OVERDUE);
  g_assert_cmpint (r->followup_id, ==, own);
  g_clear_pointer (&claimed, g_ptr_array_unref);
  g_assert_cmpint (next_due (f->store, f->lead, &policy), ==, NOW + 4 * HOUR);

  cd_store_set_now (f->store, NOW + 4 * HOUR);
  claimed = claim (f->store, f->lead, &policy);
  g_assert_cmpuint (claimed->len, ==, 1);
  r = g_ptr_array_index (claimed, 0);
  g_assert_cmpint (r->kind, ==, CD_REMINDER_FOLLOWUP_LEAD);
  g_assert_cmpuint (r->threshold, ==, 0);
  g_assert_cmpint (r->followup_id, ==, a);
  g_assert_cmpint (r->assignee_id, ==, f->rep);
  g_assert_cmpstr (r->assignee_name, ==, "Bob");
  g_clear_pointer (&claimed, g_ptr_array_unref);

  /* Once per lead, ever, even days later; the other lead gets their own. */
  cd_store_set_now (f->store, NOW + 3 * DAY);
  claimed = claim (f->store, f->lead, &once_policy);
  g_assert_cmpuint (claimed->len, ==, 0);
  g_clear_pointer (&claimed, g_ptr_array_unref);
  claimed = claim (f->store, f->lead2, &policy);
  g_assert_cmpuint (claimed->len, ==, 2);       /* Bob's and Lena's */
  for (guint i = 0; i < claimed->len; i++)
    g_assert_cmpint (((CdReminder *) g_ptr_array_index (claimed, i))->kind, ==, CD_REMINDER_FOLLOWUP_LEAD);
  g_clear_pointer (&claimed, g_ptr_array_unref);
  g_assert_cmpuint (claim_count (f->store, f->lead2, &policy), ==, 0);

  /* Reps and admins are not leads. */
  g_assert_cmpuint (claim_count (f->store, f->rep2, &policy), ==, 0);
  g_assert_cmpuint (claim_count (f->store, f->admin, &policy), ==, 0);
  g_assert_cmpint (db_int (f->store, "SELECT count(*) FROM reminders WHERE kind = 'followup_lead'"), ==, 3);

  /* Not even after a reschedule. */
  {
    g_autoptr(GError) error = NULL;
    g_assert_true (cd_followup_reschedule (f->store, a, version_of (f->store, a), NOW + 3 * DAY - 5 * HOUR, &error));
    g_assert_no_error (error);
  }
  g_assert_cmpuint (claim_count (f->store, f->lead, &once_policy), ==, 0);
}

/* Follow-ups that arrive already escalated — scheduled in the past,
 * moved into the past, handed over by the lead — by this instance or by
 * another one on the file, are escalated at the next claim. */
static void
test_lead_late_arrivals (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CdStore) other = NULL;
  g_autoptr(GPtrArray) claimed = NULL;
  gint64 later, owned, from_other;

  schedule (f, NOW - 10 * HOUR, f->rep);
  later = schedule (f, NOW + DAY, f->rep);
  owned = schedule (f, NOW - 10 * HOUR, f->lead);

  g_assert_cmpuint (claim_count (f->store, f->lead, &once_policy), ==, 2);   /* Bob's (lead), own */
  g_assert_cmpuint (claim_count (f->store, f->lead, &once_policy), ==, 0);
  g_assert_cmpint (next_due (f->store, f->lead, &once_policy), ==, NOW + DAY + 4 * HOUR);

  /* Another Caredesk schedules one that is long overdue already. */
  other = open_store (f->path, "carol");
  from_other = cd_followup_schedule (other, f->complaint, NOW - 5 * HOUR, f->rep2, CD_METHOD_EMAIL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (next_due (f->store, f->lead, &once_policy), ==, NOW + 1);
  claimed = claim (f->store, f->lead, &once_policy);
  g_assert_cmpuint (claimed->len, ==, 1);
  g_assert_cmpint (((CdReminder *) g_ptr_array_index (claimed, 0))->followup_id, ==, from_other);
  g_assert_cmpint (((CdReminder *) g_ptr_array_index (claimed, 0))->kind, ==, CD_REMINDER_FOLLOWUP_LEAD);
  g_clear_pointer (&claimed, g_ptr_array_unref);
  g_assert_cmpuint (claim_count (f->store, f->lead, &once_policy), ==, 0);

  /* This instance moves one into the past. */
  g_assert_true (cd_followup_reschedule (f->store, later, version_of (f->store, later), NOW - 6 * HOUR, &error));
  g_assert_no_error (error);
  claimed = claim (f->store, f->lead, &once_policy);
  g_assert_cmpuint (claimed->len, ==, 1);
  g_assert_cmpint (((CdReminder *) g_ptr_array_index (claimed, 0))->followup_id, ==, later);
  g_clear_pointer (&claimed, g_ptr_array_unref);

  /* The lead hands their own overdue one to Carol: now it is someone
   * else's late follow-up. */
  g_assert_true (cd_followup_reassign (other, owned, version_of (other, owned), f->rep2, &error));
  g_assert_no_error (error);
  claimed = claim (f->store, f->lead, &once_policy);
  g_assert_cmpuint (claimed->len, ==, 1);
  g_assert_cmpint (((CdReminder *) g_ptr_array_index (claimed, 0))->followup_id, ==, owned);
  g_assert_cmpint (((CdReminder *) g_ptr_array_index (claimed, 0))->kind, ==, CD_REMINDER_FOLLOWUP_LEAD);
  g_clear_pointer (&claimed, g_ptr_array_unref);

  g_assert_cmpuint (claim_count (f->store, f->lead, &once_policy), ==, 0);
  g_assert_cmpuint (claim_count (other, f->lead, &once_policy), ==, 0);
  g_assert_cmpint (db_int (f->store, "SELECT count(*) FROM reminders WHERE kind = 'followup_lead'"), ==, 4);
}

static void
test_summary (void)
{
  g_assert_false (cd_reminders_should_summarise (0, &policy));
  g_assert_false (cd_reminders_should_summarise (3, &policy));
  g_assert_true (cd_reminders_should_summarise (4, &policy));
  g_assert_true (cd_reminders_should_summarise (400, &policy));
}

static void
test_summary_many (Fixture *f, gconstpointer data)
{
  g_autoptr(GPtrArray) claimed = NULL;

  /* A morning start with many overdue at once. */
  for (int i = 0; i < 12; i++)
    schedule (f, NOW - DAY + i * HOUR, f->rep);
  claimed = claim (f->store, f->rep, &policy);
  g_assert_cmpuint (claimed->len, ==, 12);
  g_assert_true (cd_reminders_should_summarise (claimed->len, &policy));
  for (guint i = 1; i < claimed->len; i++)
    g_assert_cmpint (((CdReminder *) g_ptr_array_index (claimed, i - 1))->due_at, <,
                     ((CdReminder *) g_ptr_array_index (claimed, i))->due_at);
}

/* Next due --------------------------------------------------------------- */

static void
test_next_due (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  gint64 a, b;

  /* Nothing at all. */
  g_assert_cmpint (next_due (f->store, f->rep, &policy), ==, 0);
  g_assert_cmpint (next_due (f->store, f->lead, &policy), ==, 0);

  /* A future follow-up: its due time. Someone else's is not Bob's
   * business, but a lead's at due + escalation. */
  a = schedule (f, NOW + 2 * HOUR, f->rep);
  schedule (f, NOW + 3 * HOUR, f->rep);
  g_assert_cmpint (next_due (f->store, f->rep, &policy), ==, NOW + 2 * HOUR);
  g_assert_cmpint (next_due (f->store, f->rep2, &policy), ==, 0);
  g_assert_cmpint (next_due (f->store, f->lead, &policy), ==, NOW + 6 * HOUR);

  /* Overdue and not yet claimed: as soon as possible, never in the past. */
  cd_store_set_now (f->store, NOW + 2 * HOUR + 5);
  g_assert_cmpint (next_due (f->store, f->rep, &policy), ==, NOW + 2 * HOUR + 6);

  /* Claimed: the next of the re-reminder and the other follow-up. */
  g_assert_cmpuint (claim_count (f->store, f->rep, &policy), ==, 1);
  g_assert_cmpint (next_due (f->store, f->rep, &policy), ==, NOW + 3 * HOUR);
  cd_store_set_now (f->store, NOW + 3 * HOUR);
  g_assert_cmpuint (claim_count (f->store, f->rep, &policy), ==, 1);
  g_assert_cmpint (next_due (f->store, f->rep, &policy), ==, NOW + 3 * HOUR + 5);  /* a's re-reminder */
  g_assert_cmpint (next_due (f->store, f->rep, &once_policy), ==, 0);

  /* A snooze: its end. */
  g_assert_true (cd_reminders_snooze (f->store, a, f->rep, NOW + 5 * HOUR, &error));
  g_assert_no_error (error);
  b = a + 1;
  g_assert_true (cd_reminders_snooze (f->store, b, f->rep, NOW + 7 * HOUR, &error));
  g_assert_cmpint (next_due (f->store, f->rep, &once_policy), ==, NOW + 5 * HOUR);
  g_assert_cmpint (next_due (f->store, f->rep, &policy), ==, NOW + 5 * HOUR);

  /* Lead escalation: due + 4 h for the first of them. */
  g_assert_cmpint (next_due (f->store, f->lead, &policy), ==, NOW + 6 * HOUR);
  cd_store_set_now (f->store, NOW + 6 * HOUR);
  g_assert_cmpuint (claim_count (f->store, f->lead, &policy), ==, 1);
  g_assert_cmpint (next_due (f->store, f->lead, &policy), ==, NOW + 7 * HOUR);
  cd_store_set_now (f->store, NOW + 7 * HOUR);
  g_assert_cmpuint (claim_count (f->store, f->lead, &policy), ==, 1);
  g_assert_cmpint (next_due (f->store, f->lead, &policy), ==, 0);

  /* Consistency: at every time next_due names, a claim gives something,
   * and nothing comes before it. */
  {
    gint64 t;
    cd_store_set_now (f->store, NOW + 7 * HOUR);
    g_assert_cmpuint (claim_count (f->store, f->rep, &policy), ==, 2);  /* both snoozes ended */
    while ((t = next_due (f->store, f->rep, &policy)) != 0 && t < NOW + 12 * HOUR)
      {
        cd_store_set_now (f->store, t - 1);
        g_assert_cmpuint (claim_count (f->store, f->rep, &policy), ==, 0);
        cd_store_set_now (f->store, t);
        g_assert_cmpuint (claim_count (f->store, f->rep, &policy), >, 0);
      }
  }
}

/* Command line ----------------------------------------------------------- */

static void
test_cli (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) out = g_string_new (NULL);
  g_autoptr(GDateTime) due = NULL;
  g_autofree char *due_text = NULL;
  g_autofree char *expected = NULL;
  gint64 a, b;
  int n;

  /* Nobody's: the signed-in admin has none. */
  n = cd_reminders_check_overdue_cli (f->store, FALSE, out, &error);
  g_assert_no_error (error);
  g_assert_cmpint (n, ==, 0);
  g_assert_cmpstr (out->str, ==, "No overdue follow-ups.\n");

  a = schedule (f, NOW - 3 * HOUR - 5 * MINUTE, f->admin);
  b = schedule (f, NOW - 2 * DAY - 7 * HOUR, f->rep);
  schedule (f, NOW + MINUTE, f->admin);

  g_string_truncate (out, 0);
  n = cd_reminders_check_overdue_cli (f->store, FALSE, out, &error);
  g_assert_no_error (error);
  g_assert_cmpint (n, ==, 1);
  due = g_date_time_new_from_unix_local (NOW - 3 * HOUR - 5 * MINUTE);
  due_text = g_date_time_format (due, "%Y-%m-%d %H:%M");
  expected = g_strdup_printf ("FU-%" G_GINT64_FORMAT "  %s  overdue by 3h 05m  王芳  Wrong size delivered  (alice)\n",
                              a, due_text);
  g_assert_cmpstr (out->str, ==, expected);

  g_string_truncate (out, 0);
  n = cd_reminders_check_overdue_cli (f->store, TRUE, out, &error);
  g_assert_no_error (error);
  g_assert_cmpint (n, ==, 2);
  {
    g_auto(GStrv) lines = g_strsplit (out->str, "\n", -1);
    g_autofree char *prefix = g_strdup_printf ("FU-%" G_GINT64_FORMAT "  ", b);
    g_autofree char *expected_line = g_strndup (expected, strlen (expected) - 1);
    g_assert_cmpuint (g_strv_length (lines), ==, 3);
    g_assert_true (g_str_has_prefix (lines[0], prefix));
    g_assert_nonnull (strstr (lines[0], "  overdue by 2 days  "));
    g_assert_true (g_str_has_suffix (lines[0], "(Bob)"));
    g_assert_cmpstr (lines[1], ==, expected_line);
  }

  {
    g_autofree char *s0 = cd_reminders_format_overdue_by (0);
    g_autofree char *s1 = cd_reminders_format_overdue_by (DAY - 1);
    g_autofree char *s2 = cd_reminders_format_overdue_by (DAY);
    g_assert_cmpstr (s0, ==, "0h 00m");
    g_assert_cmpstr (s1, ==, "23h 59m");
    g_assert_cmpstr (s2, ==, "1 day");
  }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, fn) g_test_add (path, Fixture, NULL, fixture_set_up, fn, fixture_tear_down)
  ADD ("/core/reminders/overdue/boundaries", test_overdue_boundaries);
  ADD ("/core/reminders/claim/first", test_claim_first);
  ADD ("/core/reminders/claim/two-instances", test_claim_two_instances);
  ADD ("/core/reminders/claim/race", test_claim_race);
  ADD ("/core/reminders/claim/restart", test_claim_restart);
  ADD ("/core/reminders/claim/rereminder", test_rereminder);
  ADD ("/core/reminders/claim/reschedule", test_reschedule_reminds_again);
  ADD ("/core/reminders/snooze", test_snooze);
  ADD ("/core/reminders/claim/async", test_claim_async);
  g_test_add_func ("/core/reminders/snooze/tomorrow-at-9", test_tomorrow_at_9);
  ADD ("/core/reminders/lead/escalation", test_lead_escalation);
  ADD ("/core/reminders/lead/late-arrivals", test_lead_late_arrivals);
  g_test_add_func ("/core/reminders/summary/threshold", test_summary);
  ADD ("/core/reminders/summary/many", test_summary_many);
  ADD ("/core/reminders/next-due", test_next_due);
  ADD ("/core/reminders/cli", test_cli);
#undef ADD

  return g_test_run ();
}
