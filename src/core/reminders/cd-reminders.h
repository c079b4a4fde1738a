/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "cd-store.h"

G_BEGIN_DECLS

/* Overdue follow-ups and the reminders about them.
 *
 * A follow-up is OVERDUE when its status is "scheduled" and due_at <= now
 * (cd_store_now()). Every reminder that goes out is a row in `reminders`
 * (kind, entity_id, threshold, recipient_id — unique), written in the same
 * BEGIN IMMEDIATE transaction that decided it was due. So however many
 * Caredesk instances one person runs on the shared file, and across
 * restarts, each reminder is handed out exactly once. */

typedef struct {
  gint64            followup_id;
  gint64            complaint_id;
  gint64            customer_id;
  gint64            assignee_id;
  gint64            due_at;
  CdFollowupMethod  method;
  char             *assignee_name;
  char             *customer_name;
  char             *complaint_summary;
} CdOverdueFollowup;

void cd_overdue_followup_free (CdOverdueFollowup *item);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CdOverdueFollowup, cd_overdue_followup_free)

/* Follow-ups still scheduled whose due time has passed (cd_store_now()),
 * oldest first; of @staff_id only, or of everyone when @staff_id is 0.
 * Elements are CdOverdueFollowup. */
GPtrArray *cd_reminders_list_overdue (CdStore  *store,
                                      gint64    staff_id,
                                      GError  **error);

/* The `--check-overdue` command: writes one line per overdue follow-up of
 * the signed-in person (everyone's with @all, or when nobody is signed
 * in) to @out, or a line saying there are none:
 *   FU-<id>  <due, local YYYY-MM-DD HH:MM>  overdue by <3h 05m | 2 days>
 *   <customer>  <complaint summary>  (<assignee>)
 * (on one line, fields separated by two spaces). Returns the count, or -1
 * with @error set. */
int        cd_reminders_check_overdue_cli (CdStore  *store,
                                           gboolean  all,
                                           GString  *out,
                                           GError  **error);

/* "overdue by" text for @seconds late: "0h 05m" … "23h 59m" under a day,
 * then "1 day", "2 days" (whole days, rounded down). Translated. */
char      *cd_reminders_format_overdue_by (gint64 seconds);

/* Policy --------------------------------------------------------------- */

typedef struct {
  /* Remind again while a follow-up stays overdue, this many seconds after
   * the previous reminder of it; 0 = remind only once. */
  guint rereminder_interval_s;
  /* A follow-up overdue by this many seconds or more is also reminded to
   * every team lead (role "lead"), once per lead. 0 = as soon as it is
   * overdue. */
  guint lead_escalation_after_s;
  /* When a claim hands out more reminders than this, show one summary
   * notification instead of one each. */
  guint summary_threshold;
} CdReminderPolicy;

/* The GSettings defaults: re-remind every hour, leads after 4 hours,
 * summarise more than 3. */
#define CD_REMINDER_POLICY_DEFAULT { 3600, 4 * 3600, 3 }

typedef enum {
  CD_REMINDER_FOLLOWUP_OVERDUE, /* "followup_overdue": to the assignee */
  CD_REMINDER_FOLLOWUP_LEAD,    /* "followup_lead": to a team lead */
  /* "certification_expiry": a staff certification that runs out within
   * 30 days (threshold 30) or ran out (threshold 0), to its holder and to
   * the trainers (see cd-training-private.h) */
  CD_REMINDER_CERTIFICATION_EXPIRY,
  /* "coverage_low": a ticket category whose certified reps fall below
   * its minimum, to the team leads; threshold: the local day of the drop */
  CD_REMINDER_COVERAGE_LOW,
  /* "sla_first_response" and "sla_resolution": a ticket's SLA clock, to
   * its assignee at 75 % of the target (threshold 75) and at the breach
   * (threshold 100), and at the breach to every team lead. Business time
   * counts, pending time does not (cd_ticket_sla()); a clock completed
   * before a threshold never reminds of it. */
  CD_REMINDER_SLA_FIRST_RESPONSE,
  CD_REMINDER_SLA_RESOLUTION,
  /* "escalation_due" and "escalation_overdue": the reply promised on an
   * escalated ticket, to whoever owes it (the member of staff it was
   * escalated to, else the ticket's assignee), an hour before the
   * promised time and once it passed. threshold: the promised time, or
   * for an overdue reminder after a snooze, the end of that snooze; so a
   * new promise is a new reminder. */
  CD_REMINDER_ESCALATION_DUE,
  CD_REMINDER_ESCALATION_OVERDUE,
} CdReminderKind;

/* SLA and escalation reminders look back this far: a deadline that
 * passed earlier while no Caredesk ran (a long weekend) is not brought up
 * any more; the Overview still lists it. */
#define CD_REMINDERS_TICKET_LOOKBACK (3 * 24 * 3600)
/* An escalation reply is "due" this long before the promised time. */
#define CD_REMINDERS_ESCALATION_DUE_SOON 3600

/* The nick stored in reminders.kind and snoozes.kind. */
const char *cd_reminder_kind_to_nick   (CdReminderKind kind);
/* -1 when unknown. */
int         cd_reminder_kind_from_nick (const char    *nick);

/* One reminder handed out by cd_reminders_claim_due(): everything a
 * notification shows. The follow-up fields are set for the follow-up
 * kinds, the certification and coverage fields for theirs. */
typedef struct {
  CdReminderKind    kind;
  guint             threshold;   /* 0 = first, n = n-th re-reminder; see the kinds */
  gint64            entity_id;   /* the follow-up, staff certification or category */
  gint64            followup_id;
  gint64            complaint_id;
  gint64            customer_id;
  gint64            assignee_id;
  gint64            due_at;
  gint64            sent_at;     /* = cd_store_now() of the claim */
  CdFollowupMethod  method;
  char             *customer_name;
  char             *complaint_summary;
  char             *assignee_name;
  /* certification_expiry */
  gint64            holder_id;
  char             *holder_name;
  char             *certification_name;
  gint64            expires_at;
  /* coverage_low */
  char             *category_name;
  int               minimum;
  int               n_covered;   /* at the drop */
  gint64            drop_at;
  char             *people;      /* whose cover lapses, in words */
  /* the SLA and escalation kinds: the ticket (= entity_id), its subject,
   * customer_name, assignee_id/_name, and due_at: the deadline or the
   * promised reply time */
  gint64            ticket_id;
  char             *ticket_subject;
  char             *escalated_to;      /* as written on the ticket */
  char             *escalation_reason;
} CdReminder;

void cd_reminder_free (CdReminder *reminder);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CdReminder, cd_reminder_free)

/* Claims every reminder due now for @recipient_id and returns the ones
 * THIS call recorded (CdReminder elements, oldest due first; empty when
 * none). Deciding and recording happen in one BEGIN IMMEDIATE
 * transaction, so another instance racing for the same person gets the
 * rest, never the same ones; a first look without the write lock keeps
 * the common "nothing due" case free of locking (and makes no commit, so
 * no "local-change" follows it). Main-thread safe: index range scans
 * only.
 *
 * Own follow-ups (assignee = @recipient_id) that are overdue:
 *  - first reminder as soon as it is overdue (threshold 0 — or the next
 *    unused threshold when it was rescheduled after earlier reminders);
 *  - nothing while a snooze of it by @recipient_id has not ended
 *    (until_at > now);
 *  - when a snooze has ended and nothing was sent since its end, again;
 *  - with a re-reminder interval, again once the last reminder of it is
 *    at least that old (next threshold).
 * When the recipient is a team lead: every follow-up of someone else
 * overdue by lead_escalation_after_s or more gives one "followup_lead"
 * reminder (threshold 0), once per follow-up per lead, ever.
 *
 * Certifications that run out (to their holders and the trainers),
 * categories whose cover drops below its minimum (to the leads), SLA
 * warnings and breaches and promised escalation replies (see their
 * kinds) are claimed the same way, in the same transaction.
 *
 * Follow-ups that became overdue while no Caredesk ran are claimed by the
 * next call. NULL with @error on failure (nothing recorded). */
GPtrArray *cd_reminders_claim_due       (CdStore                 *store,
                                         gint64                   recipient_id,
                                         const CdReminderPolicy  *policy,
                                         GError                 **error);

/* TRUE when cd_reminders_claim_due() would hand out something for
 * @recipient_id now: the same look, without the write lock and without
 * writing, so that a caller can start a claim only when there is one to
 * make. FALSE with @error on failure. */
gboolean   cd_reminders_has_due         (CdStore                 *store,
                                         gint64                   recipient_id,
                                         const CdReminderPolicy  *policy,
                                         GError                 **error);

/* cd_reminders_claim_due() on the store's write worker (its own
 * connection, so the decision and the record are one transaction
 * there), for the GUI: the caller's thread never waits for the lock.
 * The store reports the "changed::reminders" before @callback runs;
 * _finish gives the claimed reminders (CdReminder) to show, or NULL with
 * @error. Cancelled before it took the lock, it records nothing. */
void       cd_reminders_claim_due_async  (CdStore                 *store,
                                          gint64                   recipient_id,
                                          const CdReminderPolicy  *policy,
                                          GCancellable            *cancellable,
                                          GAsyncReadyCallback      callback,
                                          gpointer                 user_data);
GPtrArray *cd_reminders_claim_due_finish (CdStore                 *store,
                                          GAsyncResult            *result,
                                          GError                 **error);

/* TRUE when @n_claimed reminders should be shown as one summary
 * (n_claimed > policy->summary_threshold). */
gboolean   cd_reminders_should_summarise (guint                   n_claimed,
                                          const CdReminderPolicy *policy);

/* The earliest time after now at which cd_reminders_claim_due() would
 * hand out something new for @recipient_id if no data changed: the next
 * due time of their scheduled follow-ups, the end of a snooze, the next
 * re-reminder, and for leads the next escalation (due_at +
 * lead_escalation_after_s), the SLA and escalation reminders' next
 * thresholds. 0 when nothing is coming; -1 with @error on
 * failure. Anything already due but not claimed counts as now + 1, so a
 * one-shot timer armed for the result never spins. Re-ask after every
 * claim and data change. */
gint64     cd_reminders_next_due        (CdStore                 *store,
                                         gint64                   recipient_id,
                                         const CdReminderPolicy  *policy,
                                         GError                 **error);

/* FALSE once what a reminder of @kind about @entity_id was about is
 * settled: the follow-up done, cancelled or moved later; the
 * certification renewed or revoked; the category's cover restored; the
 * ticket answered, resolved or closed; the escalation's customer told.
 * For taking back notifications that are not true any more. */
gboolean   cd_reminders_still_due       (CdStore        *store,
                                         CdReminderKind  kind,
                                         gint64          entity_id,
                                         GError        **error);

/* Snoozes the overdue reminder of @followup_id for @staff_id until
 * @until_at (replacing an earlier snooze; audited). */
gboolean   cd_reminders_snooze          (CdStore  *store,
                                         gint64    followup_id,
                                         gint64    staff_id,
                                         gint64    until_at,
                                         GError  **error);

/* Snoozes the reminder of @kind about @entity_id for @staff_id until
 * @until_at: CD_REMINDER_FOLLOWUP_OVERDUE (a follow-up) or
 * CD_REMINDER_ESCALATION_OVERDUE (a ticket: reminded again once, when
 * the snooze ends, while the reply is still owed). Audited. */
gboolean   cd_reminders_snooze_kind     (CdStore         *store,
                                         CdReminderKind   kind,
                                         gint64           entity_id,
                                         gint64           staff_id,
                                         gint64           until_at,
                                         GError         **error);

/* cd_reminders_snooze() on the store's write worker. */
void       cd_reminders_snooze_async    (CdStore              *store,
                                         gint64                followup_id,
                                         gint64                staff_id,
                                         gint64                until_at,
                                         GCancellable         *cancellable,
                                         GAsyncReadyCallback   callback,
                                         gpointer              user_data);
/* cd_reminders_snooze_kind() on the store's write worker; finish with
 * cd_reminders_snooze_finish(). */
void       cd_reminders_snooze_kind_async (CdStore            *store,
                                           CdReminderKind      kind,
                                           gint64              entity_id,
                                           gint64              staff_id,
                                           gint64              until_at,
                                           GCancellable       *cancellable,
                                           GAsyncReadyCallback callback,
                                           gpointer            user_data);
gboolean   cd_reminders_snooze_finish   (CdStore              *store,
                                         GAsyncResult         *result,
                                         GError              **error);

/* Tomorrow at 09:00 in the local time zone (honours TZ), for "Snooze until
 * tomorrow". */
gint64     cd_reminders_tomorrow_at_9   (gint64 now);

G_END_DECLS
