/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "cd-store.h"

G_BEGIN_DECLS

/* Complaints and the follow-up contacts that confirm a customer is
 * satisfied. Every write goes through cd_store_insert()/cd_store_update(),
 * so it is audited and version-checked; every failure is a CD_STORE_ERROR
 * whose message says in words what is wrong and what to do. Validation
 * failures use CD_STORE_ERROR_INVALID; someone else having saved the same
 * record first gives CD_STORE_ERROR_STALE (offer reload or overwrite; pass
 * expected_version 0 to overwrite). Timestamps are UTC seconds. */

/* Limits, in characters (not bytes). */
#define CD_COMPLAINT_SUMMARY_MAX_CHARS  500
#define CD_COMPLAINT_DETAILS_MAX_CHARS  100000
#define CD_COMPLAINT_TEXT_MAX_CHARS     10000 /* category, resolution, compensation */
#define CD_FOLLOWUP_NOTES_MAX_CHARS     100000

/* Records -------------------------------------------------------------- */

/* One row of `complaints`. ticket_id and owner_id are 0 when not set;
 * closed_at is 0 unless closed. customer_name is joined in for display. */
typedef struct {
  gint64             id;
  gint64             customer_id;
  gint64             ticket_id;
  char              *summary;
  char              *details;       /* NULL when empty */
  CdSeverity         severity;
  char              *category;      /* NULL when not set */
  gint64             owner_id;
  CdComplaintStatus  status;
  char              *resolution;    /* NULL when not set */
  char              *compensation;  /* NULL when not set */
  gint64             closed_at;
  gint64             created_at;
  gint64             updated_at;
  gint64             version;
  char              *customer_name;
} CdComplaint;

void         cd_complaint_free (CdComplaint *complaint);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CdComplaint, cd_complaint_free)

/* NULL with CD_STORE_ERROR_NOT_FOUND when there is no such complaint. */
CdComplaint *cd_complaint_load (CdStore  *store,
                                gint64    id,
                                GError  **error);

/* One row of `followups`. has_outcome tells whether outcome is set;
 * satisfaction is 0 when not given, else 1..5; done_at is 0 unless done.
 * created_by is 0 when unknown. */
typedef struct {
  gint64            id;
  gint64            complaint_id;
  gint64            due_at;
  gint64            assignee_id;
  CdFollowupMethod  method;
  CdFollowupStatus  status;
  gboolean          has_outcome;
  CdOutcome         outcome;
  int               satisfaction;
  char             *notes;          /* NULL when empty */
  gint64            done_at;
  gint64            created_by;
  gint64            created_at;
  gint64            updated_at;
  gint64            version;
  char             *assignee_name;  /* the assignee's display name, read with it; NULL for nobody */
} CdFollowup;

void         cd_followup_free (CdFollowup *followup);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CdFollowup, cd_followup_free)

/* NULL with CD_STORE_ERROR_NOT_FOUND when there is no such follow-up. */
CdFollowup  *cd_followup_load (CdStore  *store,
                               gint64    id,
                               GError  **error);

/* Validation (for forms that validate as the user types) --------------- */

/* Each returns TRUE when the value is acceptable, otherwise FALSE with
 * CD_STORE_ERROR_INVALID and a message naming the field. */
gboolean cd_complaint_validate_summary (const char  *summary,
                                        GError     **error);
gboolean cd_complaint_validate_details (const char  *details,
                                        GError     **error);

/* Complaints ----------------------------------------------------------- */

/* Creates a complaint in status "received" and returns its id (0 with
 * @error set on failure). @summary is trimmed and must not be empty (at
 * most CD_COMPLAINT_SUMMARY_MAX_CHARS); @details may be NULL (at most
 * CD_COMPLAINT_DETAILS_MAX_CHARS); @ticket_id and @owner_id may be 0. The
 * customer, ticket and owner must exist (the ticket must be the
 * customer's; the owner must be active staff). @category may be NULL.
 * The summary and category are stored without surrounding white space,
 * the details exactly as given (all UTF-8; anything else is refused). */
gint64   cd_complaint_create       (CdStore     *store,
                                    gint64       customer_id,
                                    gint64       ticket_id,
                                    const char  *summary,
                                    const char  *details,
                                    CdSeverity   severity,
                                    const char  *category,
                                    gint64       owner_id,
                                    GError     **error);

/* The same from a filled-in form, in one transaction: customer_id,
 * ticket_id, summary, details, severity, category and owner_id of
 * @values as cd_complaint_create() takes them, and its resolution and
 * compensation when set. Returns the new id (0 with @error set; nothing
 * is written then). */
gint64   cd_complaint_create_full  (CdStore            *store,
                                    const CdComplaint  *values,
                                    GError            **error);

/* Which fields cd_complaint_update() writes. */
typedef enum {
  CD_COMPLAINT_FIELD_SUMMARY      = 1 << 0,
  CD_COMPLAINT_FIELD_DETAILS      = 1 << 1,
  CD_COMPLAINT_FIELD_SEVERITY     = 1 << 2,
  CD_COMPLAINT_FIELD_CATEGORY     = 1 << 3,
  CD_COMPLAINT_FIELD_OWNER        = 1 << 4,
  CD_COMPLAINT_FIELD_RESOLUTION   = 1 << 5,
  CD_COMPLAINT_FIELD_COMPENSATION = 1 << 6,
} CdComplaintFields;

/* Writes the fields named in @fields, taking their values from @values
 * (other members of @values are ignored; NULL text or owner_id 0 clears
 * an optional field). Same validation as cd_complaint_create(). Status
 * changes go through cd_complaint_set_status(). Fails with
 * CD_STORE_ERROR_STALE when the complaint is no longer at
 * @expected_version (0 overwrites). */
gboolean cd_complaint_update       (CdStore            *store,
                                    gint64              id,
                                    gint64              expected_version,
                                    CdComplaintFields   fields,
                                    const CdComplaint  *values,
                                    GError            **error);

/* TRUE when the workflow allows @from → @to:
 *   received → acknowledged → investigating → resolved → following_up
 *   → closed (one step forward at a time);
 *   received/acknowledged/investigating → resolved (skipping ahead);
 *   resolved/following_up/closed → investigating (reopen).
 * This does not look at follow-ups; see cd_complaint_check_can_close(). */
gboolean cd_complaint_status_can_change (CdComplaintStatus from,
                                         CdComplaintStatus to);

/* TRUE when the complaint may be closed now: its last follow-up (the one
 * with the latest due time among those not cancelled) is done and has an
 * outcome. Otherwise FALSE with CD_STORE_ERROR_INVALID saying why. Does
 * not check the workflow step. */
gboolean cd_complaint_check_can_close   (CdStore  *store,
                                         gint64    id,
                                         GError  **error);

/* Moves the complaint to @new_status. A step the workflow does not allow
 * fails with CD_STORE_ERROR_INVALID naming both states; closing also
 * needs cd_complaint_check_can_close(). Closing sets closed_at and
 * cancels earlier follow-ups that are still scheduled (they are moot and
 * would only remind someone); reopening clears closed_at. CD_STORE_ERROR_STALE when the complaint is no longer at
 * @expected_version (0 overwrites). */
gboolean cd_complaint_set_status   (CdStore            *store,
                                    gint64              id,
                                    gint64              expected_version,
                                    CdComplaintStatus   new_status,
                                    GError            **error);

/* Follow-ups ----------------------------------------------------------- */

/* Schedules a follow-up and returns its id (0 with @error set). The
 * complaint must exist and not be closed; @assignee_id must be an active
 * staff member; @due_at must be a real time (> 0); @notes may be NULL.
 * A complaint in status "resolved" moves to "following_up" in the same
 * transaction. */
gint64   cd_followup_schedule      (CdStore           *store,
                                    gint64             complaint_id,
                                    gint64             due_at,
                                    gint64             assignee_id,
                                    CdFollowupMethod   method,
                                    const char        *notes,
                                    GError           **error);

/* The follow-up Caredesk suggests after an unsatisfied or unreachable
 * outcome. Nothing is written; pass the values to cd_followup_schedule()
 * if the user accepts. */
typedef struct {
  gint64            complaint_id;
  gint64            due_at;
  gint64            assignee_id;
  CdFollowupMethod  method;
  CdOutcome         because;  /* the outcome that led to the proposal */
} CdFollowupProposal;

void     cd_followup_proposal_free (CdFollowupProposal *proposal);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CdFollowupProposal, cd_followup_proposal_free)

/* The proposal for an outcome recorded at @now, or NULL when the outcome
 * needs no further contact. Unreachable: tomorrow at 10:00 local time;
 * unsatisfied: the day after tomorrow at 10:00 local time. Same assignee
 * and method as @followup. */
CdFollowupProposal *cd_followup_propose_next (const CdFollowup *followup,
                                              CdOutcome         outcome,
                                              gint64            now);

/* Records that the contact happened: status "done", done_at = now,
 * @outcome set, @satisfaction 0 (not asked) or 1..5, @notes replacing the
 * follow-up's notes unless NULL. Allowed for scheduled or missed
 * follow-ups. When @out_proposal is not NULL it receives the proposed next
 * follow-up (see cd_followup_propose_next()) or NULL. Clears snoozes of
 * the follow-up. CD_STORE_ERROR_STALE when the follow-up is no longer at
 * @expected_version. */
gboolean cd_followup_record_outcome (CdStore              *store,
                                     gint64                id,
                                     gint64                expected_version,
                                     CdOutcome             outcome,
                                     int                   satisfaction,
                                     const char           *notes,
                                     CdFollowupProposal  **out_proposal,
                                     GError              **error);

/* Status "cancelled"; only a scheduled or missed follow-up. */
gboolean cd_followup_cancel        (CdStore  *store,
                                    gint64    id,
                                    gint64    expected_version,
                                    GError  **error);
/* Status "missed" (the contact did not happen); only a scheduled one. */
gboolean cd_followup_mark_missed   (CdStore  *store,
                                    gint64    id,
                                    gint64    expected_version,
                                    GError  **error);
/* Moves the follow-up to @new_due_at; a missed one becomes scheduled
 * again. Snoozes of it are cleared, so a new overdue reminder comes once
 * the new time has passed. Not for done or cancelled follow-ups, nor on
 * a closed complaint. */
gboolean cd_followup_reschedule    (CdStore  *store,
                                    gint64    id,
                                    gint64    expected_version,
                                    gint64    new_due_at,
                                    GError  **error);
/* Hands the follow-up to another active staff member (scheduled or
 * missed follow-ups only). */
gboolean cd_followup_reassign      (CdStore  *store,
                                    gint64    id,
                                    gint64    expected_version,
                                    gint64    assignee_id,
                                    GError  **error);

/* Moves the follow-up to @new_due_at and hands it to @assignee_id in one
 * transaction (as cd_followup_reschedule() and cd_followup_reassign());
 * 0 keeps either as it is. */
gboolean cd_followup_move          (CdStore  *store,
                                    gint64    id,
                                    gint64    expected_version,
                                    gint64    new_due_at,
                                    gint64    assignee_id,
                                    GError  **error);

/* Off the caller's thread -----------------------------------------------
 * The writes above as _async/_finish pairs, for the GUI: each runs the
 * function of the same name on the store's write worker
 * (cd_store_run_async(), CD_STORE_LANE_WRITE) with that worker's own
 * connection, so the caller's thread never waits for another process's
 * write lock. The arguments are copied. The store emits the write's
 * "changed" signals on the caller's thread before @callback runs; the
 * _finish function gives what the synchronous one returns, and its
 * error. Cancelling @cancellable gives up a wait for the lock (nothing
 * is written then, and the error is G_IO_ERROR_CANCELLED). */

void     cd_complaint_create_async        (CdStore             *store,
                                           const CdComplaint   *values,
                                           GCancellable        *cancellable,
                                           GAsyncReadyCallback  callback,
                                           gpointer             user_data);
gint64   cd_complaint_create_finish       (CdStore             *store,
                                           GAsyncResult        *result,
                                           GError             **error);
void     cd_complaint_update_async        (CdStore             *store,
                                           gint64               id,
                                           gint64               expected_version,
                                           CdComplaintFields    fields,
                                           const CdComplaint   *values,
                                           GCancellable        *cancellable,
                                           GAsyncReadyCallback  callback,
                                           gpointer             user_data);
gboolean cd_complaint_update_finish       (CdStore             *store,
                                           GAsyncResult        *result,
                                           GError             **error);
void     cd_complaint_set_status_async    (CdStore             *store,
                                           gint64               id,
                                           gint64               expected_version,
                                           CdComplaintStatus    new_status,
                                           GCancellable        *cancellable,
                                           GAsyncReadyCallback  callback,
                                           gpointer             user_data);
gboolean cd_complaint_set_status_finish   (CdStore             *store,
                                           GAsyncResult        *result,
                                           GError             **error);
void     cd_followup_schedule_async       (CdStore             *store,
                                           gint64               complaint_id,
                                           gint64               due_at,
                                           gint64               assignee_id,
                                           CdFollowupMethod     method,
                                           const char          *notes,
                                           GCancellable        *cancellable,
                                           GAsyncReadyCallback  callback,
                                           gpointer             user_data);
gint64   cd_followup_schedule_finish      (CdStore             *store,
                                           GAsyncResult        *result,
                                           GError             **error);
void     cd_followup_record_outcome_async (CdStore             *store,
                                           gint64               id,
                                           gint64               expected_version,
                                           CdOutcome            outcome,
                                           int                  satisfaction,
                                           const char          *notes,
                                           GCancellable        *cancellable,
                                           GAsyncReadyCallback  callback,
                                           gpointer             user_data);
/* @out_proposal: as for cd_followup_record_outcome(). */
gboolean cd_followup_record_outcome_finish (CdStore             *store,
                                            GAsyncResult        *result,
                                            CdFollowupProposal **out_proposal,
                                            GError             **error);
void     cd_followup_move_async           (CdStore             *store,
                                           gint64               id,
                                           gint64               expected_version,
                                           gint64               new_due_at,
                                           gint64               assignee_id,
                                           GCancellable        *cancellable,
                                           GAsyncReadyCallback  callback,
                                           gpointer             user_data);
gboolean cd_followup_move_finish          (CdStore             *store,
                                           GAsyncResult        *result,
                                           GError             **error);
void     cd_followup_cancel_async         (CdStore             *store,
                                           gint64               id,
                                           gint64               expected_version,
                                           GCancellable        *cancellable,
                                           GAsyncReadyCallback  callback,
                                           gpointer             user_data);
gboolean cd_followup_cancel_finish        (CdStore             *store,
                                           GAsyncResult        *result,
                                           GError             **error);
void     cd_followup_mark_missed_async    (CdStore             *store,
                                           gint64               id,
                                           gint64               expected_version,
                                           GCancellable        *cancellable,
                                           GAsyncReadyCallback  callback,
                                           gpointer             user_data);
gboolean cd_followup_mark_missed_finish   (CdStore             *store,
                                           GAsyncResult        *result,
                                           GError             **error);

/* Every follow-up of a complaint, by due time then id. Elements are
 * CdFollowup. */
GPtrArray *cd_followups_list_for_complaint (CdStore  *store,
                                            gint64    complaint_id,
                                            GError  **error);

/* Lists for the "Complaints & follow-ups" view -------------------------
 * The agenda the view shows: scheduled follow-ups in three sections, and
 * the complaints that wait for a follow-up. Each section is a short page
 * (the view shows 15 rows, then 50 more at a time) with how many there
 * are in all; every query is an index range scan, so "Everyone" on a file
 * with 400 000 follow-ups costs about what "Mine" does. */

typedef enum {
  CD_FOLLOWUP_GROUP_OVERDUE,   /* scheduled, due_at <= now */
  CD_FOLLOWUP_GROUP_TODAY,     /* scheduled, later today (local day) */
  CD_FOLLOWUP_GROUP_UPCOMING,  /* scheduled, after today */
  CD_FOLLOWUP_N_GROUPS
} CdFollowupGroup;

/* The first second of the next local day after @now (end of "today"). */
gint64          cd_local_day_end      (gint64 now);

/* A scheduled follow-up as the agenda shows it. */
typedef struct {
  gint64             followup_id;
  gint64             complaint_id;
  gint64             customer_id;
  gint64             assignee_id;
  gint64             due_at;
  CdFollowupMethod   method;
  CdSeverity         severity;     /* of its complaint */
  char              *customer_name;
  char              *complaint_summary;
  char              *assignee_name; /* NULL when not on the staff list */
} CdAgendaItem;

void cd_agenda_item_free (CdAgendaItem *item);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CdAgendaItem, cd_agenda_item_free)

/* The agenda of one person (or everyone) read at one instant. */
typedef struct {
  gint64     now;        /* cd_store_now() when it was read */
  gint64     day_end;    /* cd_local_day_end (now) */
  /* Per CdFollowupGroup: the first follow-ups by due time (then id), at
   * most the limit asked for, as CdAgendaItem; and how many there are in
   * all (counted only when the page is full). */
  GPtrArray *items[CD_FOLLOWUP_N_GROUPS];
  gint64     totals[CD_FOLLOWUP_N_GROUPS];
} CdAgenda;

void      cd_agenda_free      (CdAgenda *agenda);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CdAgenda, cd_agenda_free)

/* The scheduled follow-ups of @assignee_id (0: everyone's) in the three
 * sections, each cut at @limits[group] rows. NULL with @error on
 * failure. */
CdAgenda *cd_followups_agenda (CdStore      *store,
                               gint64        assignee_id,
                               const guint   limits[CD_FOLLOWUP_N_GROUPS],
                               GError      **error);

/* Overdue follow-ups of @assignee_id (0: everyone), for the sidebar
 * badge: one indexed COUNT. -1 with @error on failure. */
gint64    cd_followups_count_overdue (CdStore  *store,
                                      gint64    assignee_id,
                                      GError  **error);

/* The earliest due time after @after of @assignee_id's scheduled
 * follow-ups (when the next one becomes overdue): one index seek. 0 when
 * none is coming; -1 with @error on failure. */
gint64    cd_followups_next_due      (CdStore  *store,
                                      gint64    assignee_id,
                                      gint64    after,
                                      GError  **error);

/* A complaint as the list of those waiting for a follow-up shows it. */
typedef struct {
  gint64             complaint_id;
  gint64             customer_id;
  gint64             owner_id;      /* 0 when nobody */
  gint64             created_at;
  CdSeverity         severity;
  CdComplaintStatus  status;
  char              *customer_name;
  char              *summary;
  char              *owner_name;    /* NULL when nobody */
} CdComplaintItem;

void cd_complaint_item_free (CdComplaintItem *item);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CdComplaintItem, cd_complaint_item_free)

/* Complaints of owner @owner_id (0: everyone's) that are not closed and
 * have no scheduled follow-up, oldest first, at most @limit of them
 * (CdComplaintItem); *out_total receives how many there are in all, from
 * the same statement. NULL with @error on failure. */
GPtrArray *cd_complaints_without_followup (CdStore  *store,
                                           gint64    owner_id,
                                           guint     limit,
                                           gint64   *out_total,
                                           GError  **error);

/* TRUE when the file holds any complaint at all (closed ones too), to
 * tell an empty file from an empty agenda. FALSE with @error on
 * failure. */
gboolean   cd_complaints_any           (CdStore  *store,
                                        GError  **error);

/* TRUE when @change (of kind followups) may concern a follow-up of
 * @complaint_id: a change of all of them, or one of its ids is one of
 * the complaint's follow-ups (one indexed query). FALSE with @error on
 * failure. */
gboolean   cd_followups_change_touches (CdStore         *store,
                                        gint64           complaint_id,
                                        const CdChange  *change,
                                        GError         **error);

/* The customer ticket @ticket_id belongs to, for a form that links a
 * complaint to a ticket; 0 when there is no such ticket, -1 with @error
 * on failure. */
gint64     cd_complaint_ticket_customer (CdStore  *store,
                                         gint64    ticket_id,
                                         GError  **error);

G_END_DECLS
