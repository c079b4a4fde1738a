/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "cd-store.h"

G_BEGIN_DECLS

/* A ticket: its record, creation with SLA deadlines, the status workflow,
 * notes and calls, assignment, escalation, satisfaction and the timeline.
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

/* Categories -------------------------------------------------------------- */

/* A ticket category, as a form offers it. A retired category is no
 * longer offered for new tickets; the tickets that have it keep it. */
typedef struct {
  gint64    id;
  char     *name;
  gint64    version;
  gboolean  retired;
  gint64    required_certification_id;  /* 0 when any rep may take its tickets */
} CdTicketCategory;

void       cd_ticket_category_free  (CdTicketCategory *category);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CdTicketCategory, cd_ticket_category_free)

/* Every category by name (case does not matter for Latin letters),
 * retired ones too; elements are CdTicketCategory. NULL with @error on
 * failure. */
GPtrArray *cd_ticket_categories_list (CdStore  *store,
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

G_END_DECLS
