/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "caredesk-test-ticket-reminders"

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "cd-overview.h"
#include "cd-reminders.h"
#include "cd-store.h"
#include "cd-store-private.h"
#include "cd-tickets.h"

/* SLA warnings and breaches, promised escalation replies. */

/* Friday 2024-03-15 08:00 in Asia/Shanghai (the suite's TZ and the
 * business hours' zone: Monday to Friday, 09:00-18:00). */
#define FRI_0800 G_GINT64_CONSTANT (1710460800)
#define MINUTE 60
#define HOUR 3600
#define DAY 86400
#define AT(day, hh, mm) (FRI_0800 + (day) * DAY + ((hh) - 8) * HOUR + (mm) * MINUTE)
#define FRI(hh, mm) AT (0, hh, mm)
#define MON(hh, mm) AT (3, hh, mm)
#define TUE(hh, mm) AT (4, hh, mm)

#define WEEKDAYS_9_TO_6 "09:00-18:00;09:00-18:00;09:00-18:00;09:00-18:00;09:00-18:00;;"

static const CdReminderPolicy policy = { HOUR, 4 * HOUR, 3 };

typedef struct {
  char    *dir;
  char    *path;
  CdStore *store;     /* the administrator, who writes the tickets */
  gint64   rep;       /* Bob */
  gint64   rep2;      /* Carol */
  gint64   lead;      /* Lena */
  gint64   lead2;     /* 李娜 */
  gint64   customer;
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
  return id;
}

static CdStore *
open_store (const char *path,
            const char *login,
            gint64      now)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CdStore) store = cd_store_open (path, CD_STORE_OPEN_CREATE | CD_STORE_OPEN_NO_WATCH, &error);

  g_assert_no_error (error);
  g_assert_true (cd_store_sign_in (store, login, NULL, &error));
  g_assert_no_error (error);
  cd_store_set_now (store, now);
  return g_steal_pointer (&store);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CdSlaHours) hours = NULL;
  const CdField customer[] = { { "name", "王芳" } };

  f->dir = g_dir_make_tmp ("caredesk-ticket-reminders-XXXXXX", &error);
  g_assert_no_error (error);
  f->path = g_build_filename (f->dir, "caredesk.db", NULL);
  f->store = open_store (f->path, "alice", FRI_0800);
  f->rep = add_staff (f->store, "bob", "Bob", "rep");
  f->rep2 = add_staff (f->store, "carol", "Carol", "rep");
  f->lead = add_staff (f->store, "lena", "Lena", "lead");
  f->lead2 = add_staff (f->store, "lina", "李娜", "lead");
  f->customer = cd_store_insert (f->store, "customers", customer, 1, &error);
  g_assert_no_error (error);

  /* Normal tickets: first reply within 4 business hours, resolved
   * within 8. */
  hours = cd_sla_hours_load (f->store, &error);
  g_assert_no_error (error);
  g_assert_true (cd_sla_hours_save (f->store, hours->version, "Asia/Shanghai", WEEKDAYS_9_TO_6, &error));
  g_assert_no_error (error);
  g_assert_true (cd_sla_target_save (f->store, CD_PRIORITY_NORMAL, CD_SLA_ANY_TIER, 0, 240, 480, &error));
  g_assert_no_error (error);
}

static void
remove_dir (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
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
new_ticket (Fixture    *f,
            gint64      when,
            CdPriority  priority,
            gint64      assignee)
{
  g_autoptr(GError) error = NULL;
  gint64 id;

  cd_store_set_now (f->store, when);
  id = cd_ticket_create (f->store, f->customer, "Printer offline", NULL, CD_CHANNEL_PHONE, 0, priority,
                         assignee, &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  return id;
}

static gint64
version_of (Fixture *f,
            gint64   ticket)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CdTicket) t = cd_ticket_load (f->store, ticket, &error);

  g_assert_no_error (error);
  return t->version;
}

static void
set_status (Fixture        *f,
            gint64          ticket,
            gint64          when,
            CdTicketStatus  status)
{
  g_autoptr(GError) error = NULL;

  cd_store_set_now (f->store, when);
  g_assert_true (cd_ticket_set_status (f->store, ticket, version_of (f, ticket), status, &error));
  g_assert_no_error (error);
}

/* The reminders @recipient gets at @when, of the kinds about tickets,
 * as "nick:ticket:threshold" lines in order. */
static char *
claim_at (CdStore *store,
          gint64   recipient,
          gint64   when)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) claimed = NULL;
  g_autoptr(GString) out = g_string_new (NULL);

  cd_store_set_now (store, when);
  claimed = cd_reminders_claim_due (store, recipient, &policy, &error);
  g_assert_no_error (error);
  g_assert_nonnull (claimed);
  g_assert_false (cd_store_in_transaction (store));
  for (guint i = 0; i < claimed->len; i++)
    {
      const CdReminder *r = g_ptr_array_index (claimed, i);

      g_assert_cmpint (r->sent_at, ==, when);
      if (r->ticket_id == 0)
        continue;
      g_assert_cmpint (r->ticket_id, ==, r->entity_id);
      g_assert_cmpstr (r->customer_name, ==, "王芳");
      g_assert_cmpstr (r->ticket_subject, ==, "Printer offline");
      g_string_append_printf (out, "%s%s:%" G_GINT64_FORMAT ":%u", out->len > 0 ? " " : "",
                              cd_reminder_kind_to_nick (r->kind), r->entity_id, r->threshold);
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

static gboolean
has_due_at (CdStore *store,
            gint64   recipient,
            gint64   when)
{
  g_autoptr(GError) error = NULL;
  gboolean due;

  cd_store_set_now (store, when);
  due = cd_reminders_has_due (store, recipient, &policy, &error);
  g_assert_no_error (error);
  return due;
}

static gint64
next_due_at (CdStore *store,
             gint64   recipient,
             gint64   when)
{
  g_autoptr(GError) error = NULL;
  gint64 next;

  cd_store_set_now (store, when);
  next = cd_reminders_next_due (store, recipient, &policy, &error);
  g_assert_no_error (error);
  return next;
}

#define ASSERT_CLAIM(store, who, when, expected) \
  G_STMT_START { \
    g_autofree char *got_ = claim_at ((store), (who), (when)); \
    g_assert_cmpstr (got_, ==, (expected)); \
  } G_STMT_END

/* Created Friday 16:00: the first reply is due after 2 business hours on
 * Friday and 2 on Monday (Monday 11:00); 75 % of it is used on Monday at
 * 10:00, not over the night or the weekend. The breach goes to the
 * assignee and to every lead, each once. */
static void
test_first_response_weekend (Fixture *f, gconstpointer data)
{
  gint64 id = new_ticket (f, FRI (16, 0), CD_PRIORITY_NORMAL, f->rep);
  g_autofree char *warn = g_strdup_printf ("sla_first_response:%" G_GINT64_FORMAT ":75", id);
  g_autofree char *breach = g_strdup_printf ("sla_first_response:%" G_GINT64_FORMAT ":100", id);

  ASSERT_CLAIM (f->store, f->rep, FRI (17, 59), "");
  ASSERT_CLAIM (f->store, f->rep, AT (1, 12, 0), "");
  ASSERT_CLAIM (f->store, f->rep, MON (9, 59), "");
  g_assert_false (has_due_at (f->store, f->rep, MON (9, 59)));
  /* The notifier's timer: to the second, from the last business hour
   * before it. */
  g_assert_cmpint (next_due_at (f->store, f->rep, MON (9, 30)), ==, MON (10, 0));
  g_assert_cmpint (next_due_at (f->store, f->rep, FRI (17, 30)), >, FRI (17, 30));
  g_assert_cmpint (next_due_at (f->store, f->rep, FRI (17, 30)), <=, MON (10, 0));

  g_assert_true (has_due_at (f->store, f->rep, MON (10, 0)));
  ASSERT_CLAIM (f->store, f->rep, MON (10, 0), warn);
  ASSERT_CLAIM (f->store, f->rep, MON (10, 30), "");
  /* Nobody else hears of a warning. */
  ASSERT_CLAIM (f->store, f->lead, MON (10, 30), "");
  ASSERT_CLAIM (f->store, f->rep2, MON (10, 30), "");
  g_assert_cmpint (next_due_at (f->store, f->rep, MON (10, 30)), ==, MON (11, 0));
  g_assert_cmpint (next_due_at (f->store, f->lead, MON (10, 30)), ==, MON (11, 0));

  ASSERT_CLAIM (f->store, f->rep, MON (11, 0), breach);
  ASSERT_CLAIM (f->store, f->lead, MON (11, 0), breach);
  ASSERT_CLAIM (f->store, f->lead2, MON (11, 1), breach);
  ASSERT_CLAIM (f->store, f->rep2, MON (11, 1), "");
  ASSERT_CLAIM (f->store, f->rep, MON (11, 2), "");
  ASSERT_CLAIM (f->store, f->lead, MON (11, 2), "");

  {
    g_autoptr(GError) error = NULL;

    g_assert_true (cd_reminders_still_due (f->store, CD_REMINDER_SLA_FIRST_RESPONSE, id, &error));
    g_assert_no_error (error);
    cd_store_set_now (f->store, MON (11, 5));
    g_assert_cmpint (cd_ticket_add_note (f->store, id, "We are on it.", TRUE, &error), >, 0);
    g_assert_no_error (error);
    g_assert_false (cd_reminders_still_due (f->store, CD_REMINDER_SLA_FIRST_RESPONSE, id, &error));
    g_assert_no_error (error);
  }
}

/* Answered within five minutes: no first-reply warning ever, not at 75 %
 * and not past the deadline. Two business hours pending (10:00-12:00)
 * move the resolution warning from 15:00 to 17:00. */
static void
test_answered_and_paused (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  gint64 id = new_ticket (f, MON (9, 0), CD_PRIORITY_NORMAL, f->rep);
  g_autofree char *warn = g_strdup_printf ("sla_resolution:%" G_GINT64_FORMAT ":75", id);

  cd_store_set_now (f->store, MON (9, 5));
  g_assert_cmpint (cd_ticket_add_note (f->store, id, "Looking into it.", TRUE, &error), >, 0);
  g_assert_no_error (error);
  set_status (f, id, MON (10, 0), CD_TICKET_PENDING);
  /* Waiting on the customer: even at what would have been 75 %. */
  ASSERT_CLAIM (f->store, f->rep, MON (11, 0), "");
  set_status (f, id, MON (12, 0), CD_TICKET_OPEN);

  ASSERT_CLAIM (f->store, f->rep, MON (12, 0), "");
  ASSERT_CLAIM (f->store, f->rep, MON (13, 30), "");
  ASSERT_CLAIM (f->store, f->rep, MON (15, 0), "");
  g_assert_cmpint (next_due_at (f->store, f->rep, MON (16, 30)), ==, MON (17, 0));
  ASSERT_CLAIM (f->store, f->rep, MON (16, 59), "");
  ASSERT_CLAIM (f->store, f->rep, MON (17, 0), warn);
  /* The deadline moved to Tuesday 10:00 (one hour left on Monday). */
  ASSERT_CLAIM (f->store, f->rep, TUE (9, 59), "");
  {
    g_autofree char *breach = g_strdup_printf ("sla_resolution:%" G_GINT64_FORMAT ":100", id);
    ASSERT_CLAIM (f->store, f->rep, TUE (10, 0), breach);
    ASSERT_CLAIM (f->store, f->lead, TUE (10, 0), breach);
  }
  /* Resolved: nothing more, and the warning is not true any more. */
  set_status (f, id, TUE (10, 30), CD_TICKET_RESOLVED);
  g_assert_false (cd_reminders_still_due (f->store, CD_REMINDER_SLA_RESOLUTION, id, &error));
  g_assert_no_error (error);
  ASSERT_CLAIM (f->store, f->lead2, TUE (10, 31), "");
}

/* My Day lists a pending ticket whose clock stopped with little time
 * left, at the deadline it would have if the clock ran again now, not
 * at the stored one (past by then) and not among the breached. */
static void
test_my_day_paused (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CdMyDay) day = NULL;
  g_autoptr(CdMyDay) resumed = NULL;
  gint64 id = new_ticket (f, MON (9, 0), CD_PRIORITY_NORMAL, f->rep);
  const CdMyDayItem *item;

  cd_store_set_now (f->store, MON (9, 5));
  g_assert_cmpint (cd_ticket_add_note (f->store, id, "Looking into it.", TRUE, &error), >, 0);
  g_assert_no_error (error);
  /* Seven of eight business hours used, then waiting on the customer. */
  set_status (f, id, MON (16, 0), CD_TICKET_PENDING);

  /* Wednesday 10:00: the stored deadline (Monday 17:00) is long past,
   * one business hour is left. */
  cd_store_set_now (f->store, AT (5, 10, 0));
  day = cd_my_day_load (f->store, f->rep, 5, &error);
  g_assert_no_error (error);
  g_assert_cmpint (day->counts[CD_MY_DAY_TICKETS_BREACHED], ==, 0);
  g_assert_cmpint (day->counts[CD_MY_DAY_TICKETS_AT_RISK], ==, 1);
  item = day->items[CD_MY_DAY_TICKETS_AT_RISK]->pdata[0];
  g_assert_cmpint (item->id, ==, id);
  g_assert_true (item->paused);
  g_assert_cmpint (item->due_at, ==, AT (5, 11, 0));

  /* Wednesday 17:30: the hour left crosses the night. */
  cd_store_set_now (f->store, AT (5, 17, 30));
  g_clear_pointer (&day, cd_my_day_free);
  day = cd_my_day_load (f->store, f->rep, 5, &error);
  g_assert_no_error (error);
  item = day->items[CD_MY_DAY_TICKETS_AT_RISK]->pdata[0];
  g_assert_cmpint (item->due_at, ==, AT (6, 9, 30));

  /* Open again on Thursday at 9:00: the clock runs, the stored deadline
   * moved by the pause, and the row says so without "paused". */
  set_status (f, id, AT (6, 9, 0), CD_TICKET_OPEN);
  resumed = cd_my_day_load (f->store, f->rep, 5, &error);
  g_assert_no_error (error);
  g_assert_cmpint (resumed->counts[CD_MY_DAY_TICKETS_AT_RISK], ==, 1);
  item = resumed->items[CD_MY_DAY_TICKETS_AT_RISK]->pdata[0];
  g_assert_false (item->paused);
  g_assert_cmpint (item->due_at, ==, AT (6, 10, 0));
}

/* Resolved before 75 %: never reminded. */
static void
test_resolved_in_time (Fixture *f, gconstpointer data)
{
  gint64 id = new_ticket (f, MON (9, 0), CD_PRIORITY_NORMAL, f->rep);
  g_autoptr(GError) error = NULL;

  cd_store_set_now (f->store, MON (9, 10));
  g_assert_cmpint (cd_ticket_log_call (f->store, id, "Restarted it together.", &error), >, 0);
  g_assert_no_error (error);
  set_status (f, id, MON (9, 20), CD_TICKET_RESOLVED);
  ASSERT_CLAIM (f->store, f->rep, MON (16, 0), "");
  ASSERT_CLAIM (f->store, f->rep, TUE (12, 0), "");
  ASSERT_CLAIM (f->store, f->lead, TUE (12, 0), "");
  g_assert_cmpint (next_due_at (f->store, f->lead, TUE (12, 0)), ==, 0);
}

/* Two Caredesks of the same person on the file, and a restart: each
 * reminder once. */
static void
test_two_connections (Fixture *f, gconstpointer data)
{
  g_autoptr(CdStore) a = open_store (f->path, "bob", MON (10, 0));
  g_autoptr(CdStore) b = open_store (f->path, "bob", MON (10, 0));
  gint64 id = new_ticket (f, FRI (16, 0), CD_PRIORITY_NORMAL, f->rep);
  g_autofree char *warn = g_strdup_printf ("sla_first_response:%" G_GINT64_FORMAT ":75", id);

  /* Both look (no lock), then race for it. */
  g_assert_true (has_due_at (a, f->rep, MON (10, 0)));
  g_assert_true (has_due_at (b, f->rep, MON (10, 0)));
  ASSERT_CLAIM (b, f->rep, MON (10, 0), warn);
  ASSERT_CLAIM (a, f->rep, MON (10, 0), "");
  g_assert_false (has_due_at (a, f->rep, MON (10, 1)));

  g_clear_object (&a);
  a = open_store (f->path, "bob", MON (10, 2));
  ASSERT_CLAIM (a, f->rep, MON (10, 2), "");
  {
    g_autoptr(GError) error = NULL;
    gint64 n = cd_store_query_int (a, "SELECT count(*) FROM reminders WHERE kind = 'sla_first_response'",
                                   CD_NO_BIND, -1, &error);
    g_assert_no_error (error);
    g_assert_cmpint (n, ==, 1);
  }
}

static gint64
escalate (Fixture    *f,
          gint64      ticket,
          gint64      when,
          const char *to,
          gint64      promised)
{
  g_autoptr(GError) error = NULL;

  cd_store_set_now (f->store, when);
  g_assert_true (cd_ticket_escalate (f->store, ticket, version_of (f, ticket), to,
                                     "Refund above the rep's limit", promised, &error));
  g_assert_no_error (error);
  return ticket;
}

/* A reply promised to the customer on an escalation: due an hour before,
 * overdue at the promised time; to the one it was escalated to, or to the
 * assignee when it went to a department; never to the other. */
static void
test_escalation (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  /* Low priority has no SLA here: only the escalation speaks. */
  gint64 to_lead = new_ticket (f, MON (9, 0), CD_PRIORITY_LOW, f->rep);
  gint64 to_dept = new_ticket (f, MON (9, 0), CD_PRIORITY_LOW, f->rep);
  g_autofree char *due = NULL;
  g_autofree char *overdue = NULL;
  g_autofree char *dept_due = NULL;
  g_autofree char *dept_overdue = NULL;

  escalate (f, to_lead, MON (9, 30), "Lena", MON (14, 0));
  escalate (f, to_dept, MON (9, 30), "Billing department", MON (15, 0));
  due = g_strdup_printf ("escalation_due:%" G_GINT64_FORMAT ":%" G_GINT64_FORMAT, to_lead, (gint64) MON (14, 0));
  overdue = g_strdup_printf ("escalation_overdue:%" G_GINT64_FORMAT ":%" G_GINT64_FORMAT, to_lead,
                             (gint64) MON (14, 0));
  dept_due = g_strdup_printf ("escalation_due:%" G_GINT64_FORMAT ":%" G_GINT64_FORMAT, to_dept,
                              (gint64) MON (15, 0));
  dept_overdue = g_strdup_printf ("escalation_overdue:%" G_GINT64_FORMAT ":%" G_GINT64_FORMAT, to_dept,
                                  (gint64) MON (15, 0));

  g_assert_cmpint (next_due_at (f->store, f->lead, MON (10, 0)), ==, MON (13, 0));
  g_assert_cmpint (next_due_at (f->store, f->rep, MON (10, 0)), ==, MON (14, 0));
  ASSERT_CLAIM (f->store, f->lead, MON (12, 59), "");
  ASSERT_CLAIM (f->store, f->lead, MON (13, 0), due);
  ASSERT_CLAIM (f->store, f->rep, MON (13, 0), "");
  g_assert_cmpint (next_due_at (f->store, f->lead, MON (13, 1)), ==, MON (14, 0));
  ASSERT_CLAIM (f->store, f->lead, MON (14, 0), overdue);
  ASSERT_CLAIM (f->store, f->lead2, MON (14, 0), "");
  ASSERT_CLAIM (f->store, f->lead, MON (14, 30), "");

  /* Escalated to a department: the assignee owes the customer the
   * answer. */
  ASSERT_CLAIM (f->store, f->rep, MON (14, 0), dept_due);
  ASSERT_CLAIM (f->store, f->rep, MON (15, 30), dept_overdue);
  ASSERT_CLAIM (f->store, f->rep, MON (15, 31), "");

  /* The customer heard back: settled. */
  g_assert_true (cd_reminders_still_due (f->store, CD_REMINDER_ESCALATION_OVERDUE, to_lead, &error));
  cd_store_set_now (f->store, MON (15, 40));
  g_assert_cmpint (cd_ticket_add_note (f->store, to_lead, "Refund approved.", TRUE, &error), >, 0);
  g_assert_no_error (error);
  g_assert_false (cd_reminders_still_due (f->store, CD_REMINDER_ESCALATION_OVERDUE, to_lead, &error));
  g_assert_no_error (error);

  /* A new promise is a new reminder. */
  escalate (f, to_lead, MON (16, 0), "Lena", TUE (11, 0));
  {
    g_autofree char *again = g_strdup_printf ("escalation_overdue:%" G_GINT64_FORMAT ":%" G_GINT64_FORMAT,
                                              to_lead, (gint64) TUE (11, 0));
    ASSERT_CLAIM (f->store, f->lead, TUE (11, 5), again);
  }
}

/* Snoozed: quiet until the snooze ends, then once more; kept across a
 * restart. */
static void
test_escalation_snooze (Fixture *f, gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CdStore) lena = NULL;
  gint64 id = new_ticket (f, MON (9, 0), CD_PRIORITY_LOW, f->rep);
  g_autofree char *first = NULL;
  g_autofree char *again = NULL;

  escalate (f, id, MON (9, 30), "Lena", MON (14, 0));
  first = g_strdup_printf ("escalation_overdue:%" G_GINT64_FORMAT ":%" G_GINT64_FORMAT, id, (gint64) MON (14, 0));
  again = g_strdup_printf ("escalation_overdue:%" G_GINT64_FORMAT ":%" G_GINT64_FORMAT, id, (gint64) MON (15, 5));

  lena = open_store (f->path, "lena", MON (14, 5));
  ASSERT_CLAIM (lena, f->lead, MON (14, 5), first);
  g_assert_true (cd_reminders_snooze_kind (lena, CD_REMINDER_ESCALATION_OVERDUE, id, f->lead, MON (15, 5), &error));
  g_assert_no_error (error);

  g_clear_object (&lena);
  lena = open_store (f->path, "lena", MON (14, 30));
  ASSERT_CLAIM (lena, f->lead, MON (14, 30), "");
  g_assert_cmpint (next_due_at (lena, f->lead, MON (14, 30)), ==, MON (15, 5));
  ASSERT_CLAIM (lena, f->lead, MON (15, 4), "");
  ASSERT_CLAIM (lena, f->lead, MON (15, 5), again);
  ASSERT_CLAIM (lena, f->lead, MON (16, 0), "");

  /* Only the follow-up and escalation reminders can be snoozed. */
  g_assert_false (cd_reminders_snooze_kind (lena, CD_REMINDER_ESCALATION_OVERDUE, 999999, f->lead, MON (17, 0),
                                            &error));
  g_assert_error (error, CD_STORE_ERROR, CD_STORE_ERROR_NOT_FOUND);
}

/* An old file: deadlines passed long before this Caredesk first ran are
 * not brought up (the Overview lists them). */
static void
test_lookback (Fixture *f, gconstpointer data)
{
  new_ticket (f, FRI (9, 0), CD_PRIORITY_NORMAL, f->rep);
  ASSERT_CLAIM (f->store, f->lead, AT (10, 12, 0), "");
  ASSERT_CLAIM (f->store, f->rep, AT (10, 12, 0), "");
}

static void
test_nicks (void)
{
  const CdReminderKind kinds[] = {
    CD_REMINDER_SLA_FIRST_RESPONSE, CD_REMINDER_SLA_RESOLUTION,
    CD_REMINDER_ESCALATION_DUE, CD_REMINDER_ESCALATION_OVERDUE,
  };

  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    g_assert_cmpint (cd_reminder_kind_from_nick (cd_reminder_kind_to_nick (kinds[i])), ==, kinds[i]);
  g_assert_cmpstr (cd_reminder_kind_to_nick (CD_REMINDER_SLA_RESOLUTION), ==, "sla_resolution");
  g_assert_cmpstr (cd_reminder_kind_to_nick (CD_REMINDER_ESCALATION_OVERDUE), ==, "escalation_overdue");
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, fn) g_test_add (path, Fixture, NULL, fixture_set_up, fn, fixture_tear_down)
  g_test_add_func ("/core/reminders/tickets/nicks", test_nicks);
  ADD ("/core/reminders/tickets/first-response-weekend", test_first_response_weekend);
  ADD ("/core/reminders/tickets/answered-and-paused", test_answered_and_paused);
  ADD ("/core/reminders/tickets/my-day-paused", test_my_day_paused);
  ADD ("/core/reminders/tickets/resolved-in-time", test_resolved_in_time);
  ADD ("/core/reminders/tickets/two-connections", test_two_connections);
  ADD ("/core/reminders/tickets/escalation", test_escalation);
  ADD ("/core/reminders/tickets/escalation-snooze", test_escalation_snooze);
  ADD ("/core/reminders/tickets/lookback", test_lookback);
#undef ADD

  return g_test_run ();
}
