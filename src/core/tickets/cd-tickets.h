/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "cd-sla.h"
#include "cd-store.h"

G_BEGIN_DECLS

/* Tickets: creation with SLA deadlines, the status workflow, notes and
 * calls, assignment, escalation, satisfaction, the timeline, per-person
 * drafts, "who else is editing" presence, and the queues of the Tickets
 * view.
 *
 * Every write runs in one IMMEDIATE transaction and goes through
 * cd_store_insert()/cd_store_update(), so it is audited and
 * version-checked. Failures are CD_STORE_ERROR codes whose messages say in
 * words what is wrong and what to do: INVALID for a wrong value or a step
 * the workflow does not allow, PERMISSION when the signed-in role may not
 * do it, STALE when someone else saved the ticket after it was opened
 * (offer reload or overwrite; expected_version 0 overwrites), NOT_FOUND
 * when it is gone. Timestamps are UTC seconds; "now" is cd_store_now(). */

/* Limits, in characters (not bytes). */
#define CD_TICKET_SUBJECT_MAX_CHARS      300
#define CD_TICKET_DESCRIPTION_MAX_CHARS  100000
#define CD_TICKET_NOTE_MAX_CHARS         100000
#define CD_TICKET_TEXT_MAX_CHARS         10000  /* reasons, comments */
#define CD_TICKET_ESCALATE_TO_MAX_CHARS  200

/* Numbers ---------------------------------------------------------------- */

/* "T-000123": the id zero-padded to six digits (more when it needs them).
 * The id is the row id given out inside the write transaction, so numbers
 * stay unique when many Caredesk instances create tickets at once. */
char    *cd_ticket_format_number (gint64      id);
/* Reads "T-000123", "t-123", "#123" or "123" (white space around is
 * ignored). Returns the id, or 0 when @text is not a ticket number. */
gint64   cd_ticket_parse_number  (const char *text);

/* Records ---------------------------------------------------------------- */

/* One row of `tickets`. Ids that are not set (category, assignee,
 * created_by) are 0; instants that have not happened, and deadlines of a
 * ticket without an SLA policy, are 0; satisfaction is 0 until recorded.
 * paused_seconds is the business time spent in "pending" before the
 * current pending spell (pending_since is set while pending). The names
 * and the customer's tier are joined in for display. */
typedef struct {
  gint64          id;
  gint64          customer_id;
  char           *subject;
  char           *description;          /* NULL when empty */
  CdChannel       channel;
  gint64          category_id;
  CdPriority      priority;
  CdTicketStatus  status;
  gint64          assignee_id;
  gint64          created_by;
  gint64          first_response_at;
  gint64          resolved_at;
  gint64          closed_at;
  gint64          pending_since;
  gint64          paused_seconds;
  gint            reopen_count;
  gint            interaction_count;
  gint64          first_response_due;
  gint64          resolution_due;
  gint            satisfaction;
  char           *satisfaction_comment; /* NULL when none */
  char           *escalated_to;         /* NULL when not escalated */
  char           *escalation_reason;
  gint64          escalation_due;
  gint64          created_at;
  gint64          updated_at;
  gint64          version;

  char           *number;               /* "T-000123" */
  char           *customer_name;
  CdTier          customer_tier;
  char           *category_name;        /* NULL without a category */
  char           *assignee_name;        /* NULL when unassigned */
  char           *created_by_name;      /* NULL when unknown */
} CdTicket;

void      cd_ticket_free (CdTicket *ticket);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CdTicket, cd_ticket_free)

/* NULL with CD_STORE_ERROR_NOT_FOUND when there is no such ticket. */
CdTicket *cd_ticket_load (CdStore  *store,
                          gint64    id,
                          GError  **error);

/* Validation (for forms that validate as the user types) ----------------- */

/* TRUE when acceptable, else FALSE with CD_STORE_ERROR_INVALID naming the
 * field. The subject is required (after trimming) and at most
 * CD_TICKET_SUBJECT_MAX_CHARS; the description is optional, at most
 * CD_TICKET_DESCRIPTION_MAX_CHARS. */
gboolean cd_ticket_validate_subject     (const char  *subject,
                                         GError     **error);
gboolean cd_ticket_validate_description (const char  *description,
                                         GError     **error);

/* Creating and editing ---------------------------------------------------- */

/**
 * cd_ticket_create:
 * @category_id: 0 for none
 * @assignee_id: 0 to leave it unassigned
 *
 * Creates a ticket in status "new", created by the signed-in person, and
 * returns its id (0 with @error set). The customer, category and assignee
 * must exist (the assignee must be active staff). Assigning follows the
 * rules of cd_ticket_assign(): a rep may only assign a new ticket to
 * themselves; an assignee without the certification the category needs is
 * refused here (create it unassigned, then assign it with a reason).
 *
 * The deadlines come from the SLA policy for the priority and the
 * customer's tier (a row for that tier wins over the row without a tier),
 * counted in business hours of the policy's calendar, or of the first
 * calendar when the policy names none, or around the clock (UTC) when
 * there is no calendar at all. Without a policy both deadlines stay unset.
 * Writes a "status" event (→ new) and, with an assignee, an "assignment"
 * event.
 */
gint64   cd_ticket_create (CdStore     *store,
                           gint64       customer_id,
                           const char  *subject,
                           const char  *description,
                           CdChannel    channel,
                           gint64       category_id,
                           CdPriority   priority,
                           gint64       assignee_id,
                           GError     **error);

/* Saves the editable details. A change of priority recomputes both
 * deadlines from the policy for the new priority (counted from creation,
 * keeping paused time) and writes a "priority" event. */
gboolean cd_ticket_update (CdStore     *store,
                           gint64       id,
                           gint64       expected_version,
                           const char  *subject,
                           const char  *description,
                           CdChannel    channel,
                           gint64       category_id,
                           CdPriority   priority,
                           GError     **error);

/* Status workflow --------------------------------------------------------- */

/* TRUE when the workflow allows @from → @to:
 *   new → open;  open → pending;  pending → open;
 *   open → resolved;  pending → resolved;  resolved → closed;
 *   resolved → open and closed → open (a reopen).
 * Everything else, including staying in the same status, is refused. */
gboolean cd_ticket_status_can_change (CdTicketStatus from,
                                      CdTicketStatus to);

/* Moves the ticket to @new_status. Refused steps fail with
 * CD_STORE_ERROR_INVALID naming both statuses and what to do instead.
 * Entering "pending" stops the resolution clock (pending_since = now);
 * leaving it adds the business time spent pending to paused_seconds and
 * moves resolution_due later by exactly that much. Resolving sets
 * resolved_at, closing sets closed_at; a reopen counts in reopen_count and
 * clears both. Writes a "status" event (old → new, author). */
gboolean cd_ticket_set_status (CdStore         *store,
                               gint64           id,
                               gint64           expected_version,
                               CdTicketStatus   new_status,
                               GError         **error);

/* Notes and calls --------------------------------------------------------- */

/* Adds a note (an event "note_public" when @is_customer_facing, else
 * "note_internal") by the signed-in person and returns the event id.
 * @body is required, at most CD_TICKET_NOTE_MAX_CHARS.
 *
 * A customer-facing note is an interaction with the customer: it counts
 * in interaction_count, the first one sets first_response_at, and it
 * moves a "new" ticket to "open" (with a "status" event). An internal note
 * changes nothing on the ticket itself, so it never makes anyone else's
 * open copy stale. Either kind consumes the author's draft for the ticket.
 * Notes are not version-checked: adding one never conflicts. */
gint64   cd_ticket_add_note (CdStore     *store,
                             gint64       id,
                             const char  *body,
                             gboolean     is_customer_facing,
                             GError     **error);

/* Records a phone call with the customer (event "call", @summary
 * required); counts like a customer-facing note. */
gint64   cd_ticket_log_call (CdStore     *store,
                             gint64       id,
                             const char  *summary,
                             GError     **error);

/**
 * cd_ticket_is_first_contact_resolution:
 *
 * The first-contact-resolution rule: a ticket counts when it is resolved
 * (or closed), was solved in at most one interaction with the customer
 * (interaction_count <= 1: one customer-facing note or one logged call;
 * internal notes do not count), and was never reopened (reopen_count ==
 * 0). Derived, never stored.
 */
gboolean cd_ticket_is_first_contact_resolution (const CdTicket *ticket);

/* Satisfaction ------------------------------------------------------------ */

/* Records the customer's satisfaction, @score 1..5 with an optional
 * @comment (at most CD_TICKET_TEXT_MAX_CHARS), on a resolved or closed
 * ticket only. Writes a "satisfaction" event. */
gboolean cd_ticket_set_satisfaction (CdStore     *store,
                                     gint64       id,
                                     gint64       expected_version,
                                     gint         score,
                                     const char  *comment,
                                     GError     **error);

/* Assignment -------------------------------------------------------------- */

/* The names of the certifications tickets of @category_id need (any one of
 * them qualifies), joined with " / ", or NULL when the category needs none
 * (or @category_id is 0). NULL with @error on failure. */
char    *cd_ticket_category_certifications (CdStore  *store,
                                            gint64    category_id,
                                            GError  **error);

/* TRUE when @staff_id holds, at @now, an active certification (issued,
 * not expired, not revoked) that qualifies for @category_id, or when the
 * category needs none. */
gboolean cd_staff_is_certified_for (CdStore  *store,
                                    gint64    staff_id,
                                    gint64    category_id,
                                    gint64    now,
                                    GError  **error);

/**
 * cd_ticket_assign:
 * @assignee_id: the new assignee; 0 makes the ticket unassigned
 * @reason: (nullable): why; logged in the "assignment" event
 *
 * Team leads and administrators may assign, re-assign and unassign any
 * ticket. Anyone else may only take an unassigned ticket for themselves
 * (@assignee_id is the signed-in person and nobody holds the ticket);
 * everything else fails with CD_STORE_ERROR_PERMISSION. When the ticket's
 * category needs a certification the assignee does not hold, a non-empty
 * @reason is required (else CD_STORE_ERROR_INVALID). Assigning to the
 * current assignee changes nothing.
 */
gboolean cd_ticket_assign (CdStore     *store,
                           gint64       id,
                           gint64       expected_version,
                           gint64       assignee_id,
                           const char  *reason,
                           GError     **error);

/* One active staff member in the assign dialog. */
typedef struct {
  gint64   staff_id;
  char    *display_name;
  CdRole   role;
  gint64   open_count;  /* assigned tickets in new, open or pending */
  gboolean certified;   /* holds a certification the category needs,
                           or the category needs none */
} CdStaffWorkload;

void       cd_staff_workload_free (CdStaffWorkload *workload);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CdStaffWorkload, cd_staff_workload_free)

/* Every active staff member by name, with their open workload and whether
 * they are certified for @category_id (0: no category) at the current
 * time. One grouped query over the tickets_assignee index. Elements are
 * CdStaffWorkload; NULL with @error on failure. */
GPtrArray *cd_tickets_workload (CdStore  *store,
                                gint64    category_id,
                                GError  **error);

/* Escalation -------------------------------------------------------------- */

/* Escalates to @to_text (a lead's name or a department), with a @reason
 * and the time @promised_at by which the customer will hear back, which
 * must be in the future; both are required. Not for resolved or closed
 * tickets. Sets escalated_to, escalation_reason and escalation_due and
 * writes an "escalation" event (body: the reason). */
gboolean cd_ticket_escalate (CdStore     *store,
                             gint64       id,
                             gint64       expected_version,
                             const char  *to_text,
                             const char  *reason,
                             gint64       promised_at,
                             GError     **error);

/* Timeline ---------------------------------------------------------------- */

/* One row of `ticket_events`. kind is the stored nick: "note_internal",
 * "note_public", "call", "status", "assignment", "escalation", "priority",
 * "satisfaction". For "status" and "priority" old/new are nicks (see
 * cd-types.h); for "assignment" they are the staff members' display names
 * (NULL for nobody); for "escalation" the previous and new target; for
 * "satisfaction" the scores. body is the note, call summary or reason. */
typedef struct {
  gint64  id;
  gint64  ticket_id;
  char   *kind;
  gint64  author_id;    /* 0 when unknown */
  char   *author_name;  /* NULL when unknown */
  gint64  created_at;
  char   *body;
  char   *old_value;
  char   *new_value;
} CdTicketEvent;

void       cd_ticket_event_free (CdTicketEvent *event);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CdTicketEvent, cd_ticket_event_free)

/* Every event of the ticket, newest first. Elements are CdTicketEvent. */
GPtrArray *cd_ticket_timeline (CdStore  *store,
                               gint64    id,
                               GError  **error);

/* Drafts ------------------------------------------------------------------ */

/* A half-written note belongs to the signed-in person: each call reads or
 * writes only their own row (entity, entity_id, signed-in staff), so
 * nobody else's save, nor a change to the record, can wipe it. Drafts are
 * private scratch text and are not audited. @entity names the kind of
 * record in lower case ("ticket" for tickets; [a-z_] only). Saving an
 * empty @body clears the draft. */
gboolean cd_draft_save  (CdStore     *store,
                         const char  *entity,
                         gint64       entity_id,
                         const char  *body,
                         GError     **error);
/* The signed-in person's draft, or NULL (and no error) when there is none;
 * @out_updated_at (optional) receives when it was saved. */
char    *cd_draft_load  (CdStore     *store,
                         const char  *entity,
                         gint64       entity_id,
                         gint64      *out_updated_at,
                         GError     **error);
gboolean cd_draft_clear (CdStore     *store,
                         const char  *entity,
                         gint64       entity_id,
                         GError     **error);

/* Presence ---------------------------------------------------------------- */

/* An editor calls cd_presence_touch() when it opens and then every
 * CD_PRESENCE_HEARTBEAT_SECONDS while open, and cd_presence_leave() when it
 * closes; someone counts as editing while their last heartbeat is at most
 * CD_PRESENCE_TIMEOUT_SECONDS old, so a crashed instance stops claiming
 * the record by itself. @instance_id tells one Caredesk process apart from
 * another of the same person (any stable text per process). */
#define CD_PRESENCE_HEARTBEAT_SECONDS 20
#define CD_PRESENCE_TIMEOUT_SECONDS   60

gboolean cd_presence_touch  (CdStore     *store,
                             const char  *entity,
                             gint64       entity_id,
                             const char  *instance_id,
                             GError     **error);
gboolean cd_presence_leave  (CdStore     *store,
                             const char  *entity,
                             gint64       entity_id,
                             const char  *instance_id,
                             GError     **error);
/* Display names (sorted, each once) of the OTHER staff members editing the
 * record now. An empty array when nobody else is; NULL with @error on
 * failure. */
GStrv    cd_presence_others (CdStore     *store,
                             const char  *entity,
                             gint64       entity_id,
                             GError     **error);
/* "Li Na is editing", "Li Na and Wang Wei are editing", "Li Na and 3
 * others are editing" (translated); NULL for an empty list. */
char    *cd_presence_describe (const char *const *names);

/* TRUE while the store commits a change that no list or page of this
 * process shows: our own presence heartbeat or draft. A "local-change"
 * handler can skip its refresh then. */
gboolean cd_tickets_is_quiet_change (CdStore *store);

/* SLA state --------------------------------------------------------------- */

typedef struct {
  gboolean    has_first_response;    /* FALSE: no first-response deadline */
  CdSlaState  first_response_state;
  gint64      first_response_due;
  gint64      first_response_left;   /* business seconds, < 0 when over */
  gboolean    has_resolution;        /* FALSE: no resolution deadline */
  CdSlaState  resolution_state;
  gint64      resolution_due;
  gint64      resolution_left;
  gboolean    resolution_paused;     /* pending: the clock is stopped */
} CdTicketSla;

/**
 * cd_ticket_sla:
 *
 * Both SLA clocks of @ticket judged at @now with cd_sla_state(): at risk
 * from 75 % of the target, breached once the deadline passed, met when
 * completed in time. The first-response clock completes at the first
 * response (or at resolution, for a ticket resolved without one); the
 * resolution clock at resolution. While the ticket is pending its
 * resolution clock is stopped and judged at pending_since. Targets are the
 * current policy's (priority and customer tier); without one they are read
 * back from the ticket's own deadlines.
 */
gboolean cd_ticket_sla (CdStore         *store,
                        const CdTicket  *ticket,
                        gint64           now,
                        CdTicketSla     *out,
                        GError         **error);

/* The SLA policies, business calendars and holidays of a file, read once,
 * for judging many tickets without a query per ticket (a list of
 * tickets). A snapshot: load it again after the rules may have changed.
 * cd_ticket_sla_rules_judge() gives exactly what cd_ticket_sla() gives
 * for the same rules. */
typedef struct _CdTicketSlaRules CdTicketSlaRules;

/* NULL with @error only when the file cannot be read. A calendar that
 * cannot be used makes only the tickets that need it fail (as in
 * cd_ticket_sla()). */
CdTicketSlaRules *cd_ticket_sla_rules_load  (CdStore                 *store,
                                             GError                 **error);
void              cd_ticket_sla_rules_free  (CdTicketSlaRules        *rules);
gboolean          cd_ticket_sla_rules_judge (const CdTicketSlaRules  *rules,
                                             const CdTicket          *ticket,
                                             gint64                   now,
                                             CdTicketSla             *out,
                                             GError                 **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CdTicketSlaRules, cd_ticket_sla_rules_free)

/* Sorting by priority --------------------------------------------------- */

/* The urgency of @column (an SQL reference to tickets.priority, such as
 * "t.priority") as a number from 0 (low) to 3 (urgent). This is the
 * expression of the index tickets_priority_rank: an ORDER BY on it (then
 * updated_at) is read from that index instead of sorting every ticket. */
#define CD_TICKET_PRIORITY_RANK(column) \
  "CASE " column " WHEN 'low' THEN 0 WHEN 'normal' THEN 1 WHEN 'high' THEN 2 ELSE 3 END"

/* Queues ------------------------------------------------------------------ */

typedef enum {
  CD_TICKET_QUEUE_MINE,             /* assigned to me, new/open/pending */
  CD_TICKET_QUEUE_UNASSIGNED,       /* nobody's, new/open/pending */
  CD_TICKET_QUEUE_AT_RISK,          /* running resolution clock, >= 75 % used */
  CD_TICKET_QUEUE_BREACHED,         /* resolution deadline passed, unresolved */
  CD_TICKET_QUEUE_STATUS_NEW,
  CD_TICKET_QUEUE_STATUS_OPEN,
  CD_TICKET_QUEUE_STATUS_PENDING,
  CD_TICKET_QUEUE_STATUS_RESOLVED,
  CD_TICKET_QUEUE_STATUS_CLOSED,
  CD_TICKET_QUEUE_ALL,
  CD_TICKET_N_QUEUES
} CdTicketQueue;

/* Translated name for the sidebar ("Mine", "SLA at risk", …). */
const char *cd_ticket_queue_label (CdTicketQueue queue);

/* The rows of a queue as an SQL condition over the columns of `tickets`
 * (unqualified, so the table may be aliased; the columns it names are
 * status, assignee_id, priority, customer_id, resolution_due and
 * pending_since, so joined tables must not have columns of those names), for
 * "SELECT … FROM tickets WHERE <where> ORDER BY …". Its anonymous '?'
 * parameters take the int64 values of @bindings, in order. Every
 * condition is served by an index (tickets_assignee, tickets_status or the
 * partial index tickets_resolution_due).
 *
 * AT_RISK and BREACHED depend on @now: rebuild the filter when the clock
 * has moved on (once a minute is plenty). AT_RISK holds tickets whose
 * resolution clock is running (new or open) with at most a quarter of
 * the target left, in business time: the per-policy limits
 * cd_sla_add_business_seconds (calendar, now, target / 4) are computed
 * here and bound, so the condition is a range over resolution_due.
 * Pending tickets wait on the customer and their clock is stopped, so they
 * are never "at risk"; they are BREACHED when the deadline had passed
 * before they went pending. */
typedef struct {
  char   *where;
  GArray *bindings;  /* gint64 */
} CdTicketQueueFilter;

void                 cd_ticket_queue_filter_free (CdTicketQueueFilter *filter);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CdTicketQueueFilter, cd_ticket_queue_filter_free)

CdTicketQueueFilter *cd_ticket_queue_filter      (CdStore        *store,
                                                  CdTicketQueue   queue,
                                                  gint64          now,
                                                  GError        **error);

/* Binds @filter's values to @stmt starting at parameter @first_index
 * (1-based); returns the next free index. */
int                  cd_ticket_queue_filter_bind (const CdTicketQueueFilter *filter,
                                                  sqlite3_stmt              *stmt,
                                                  int                        first_index);

/* The bindings as a tuple of int64 ('x') for cd_row_model_set_filter()
 * (a floating reference), or NULL when there are none. */
GVariant            *cd_ticket_queue_filter_to_params (const CdTicketQueueFilter *filter);

/* The number of tickets in every queue at cd_store_now(), one indexed
 * COUNT each, into @counts (indexed by CdTicketQueue). */
gboolean cd_tickets_queue_counts (CdStore  *store,
                                  gint64    counts[CD_TICKET_N_QUEUES],
                                  GError  **error);

/* SLA policies ------------------------------------------------------------ */

#define CD_SLA_ANY_TIER (-1)

/* Sets the targets for @priority and @tier (a CdTier, or CD_SLA_ANY_TIER
 * for the row used when the customer's tier has no row of its own),
 * creating the row when missing. Both targets are business minutes > 0,
 * resolution not shorter than first response; @calendar_id 0 means the
 * first calendar. Team leads and administrators only (else
 * CD_STORE_ERROR_PERMISSION). Existing tickets keep their deadlines. */
gboolean cd_sla_policy_set    (CdStore     *store,
                               CdPriority   priority,
                               int          tier,
                               gint         first_response_minutes,
                               gint         resolution_minutes,
                               gint64       calendar_id,
                               GError     **error);
/* Removes the row for @priority and @tier (nothing when there is none);
 * team leads and administrators only. */
gboolean cd_sla_policy_remove (CdStore     *store,
                               CdPriority   priority,
                               int          tier,
                               GError     **error);

G_END_DECLS
