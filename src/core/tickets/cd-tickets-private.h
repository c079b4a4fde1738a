/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* What the parts of the tickets domain share and nothing else does: the
 * checks and messages every write of a ticket uses, the list of fields a
 * write builds, the timeline's events, and the SLA policy and calendar a
 * ticket's clock is counted with. */

#include "cd-store-private.h"
#include "cd-tickets.h"

G_BEGIN_DECLS

#define OPEN_STATUSES "status IN ('new','open','pending')"

/* Without ANALYZE statistics SQLite guesses that an equality on
 * tickets_status matches about ten rows, and would walk every open ticket
 * through that index to find the few near their deadline. Declaring the
 * deadline range unlikely makes it take the partial index
 * tickets_resolution_due instead (whose WHERE the status term matches),
 * which only reads the tickets inside the range. likelihood() does not
 * change the result. */
#define DUE_RANGE(cmp) "likelihood (resolution_due " cmp " ?, 0.000001)"

/* Business hours around the clock: used when no calendar exists at all, so
 * that a policy still yields deadlines. */
#define ALWAYS_OPEN_WEEK \
  "00:00-24:00;00:00-24:00;00:00-24:00;00:00-24:00;00:00-24:00;00:00-24:00;00:00-24:00"

/* Checks -------------------------------------------------------------------- */

/* Checks UTF-8 and length; @what is a translated noun ("subject"). */
gboolean  cd_tickets_check_text          (const char  *text,
                                          glong        max_chars,
                                          gboolean     required,
                                          const char  *what,
                                          GError     **error);
void      cd_tickets_set_stale           (GError     **error);
gboolean  cd_tickets_require_signed_in   (CdStore     *store,
                                          GError     **error);
gboolean  cd_tickets_is_lead             (CdStore     *store);
gboolean  cd_tickets_check_entity        (const char  *entity,
                                          GError     **error);
gboolean  cd_tickets_check_active_staff  (CdStore     *store,
                                          gint64       staff_id,
                                          GError     **error);
char     *cd_tickets_staff_name          (CdStore     *store,
                                          gint64       staff_id);
/* A retired category is refused unless it is @kept_id (the ticket's own,
 * which an edit may keep). */
gboolean  cd_ticket_check_category       (CdStore     *store,
                                          gint64       category_id,
                                          gint64       kept_id,
                                          GError     **error);
/* Fails with INVALID when @assignee_id lacks the certification the
 * category needs and no reason is given. */
gboolean  cd_ticket_check_certification  (CdStore     *store,
                                          gint64       assignee_id,
                                          gint64       category_id,
                                          const char  *reason,
                                          gboolean     reason_allowed,
                                          GError     **error);

/* Writing a ticket ------------------------------------------------------------ */

/* A growing list of CdField whose values it owns. */
typedef struct {
  GArray    *fields;
  GPtrArray *owned;
} CdTicketFields;

void           cd_ticket_fields_clear       (CdTicketFields *fl);
/* Takes ownership of @value (may be NULL for SQL NULL). */
void           cd_ticket_fields_take        (CdTicketFields *fl,
                                             const char     *column,
                                             char           *value);
void           cd_ticket_fields_text        (CdTicketFields *fl,
                                             const char     *column,
                                             const char     *value);
void           cd_ticket_fields_int         (CdTicketFields *fl,
                                             const char     *column,
                                             gint64          value);
/* 0 is stored as NULL (unset id or instant). */
void           cd_ticket_fields_int_or_null (CdTicketFields *fl,
                                             const char     *column,
                                             gint64          value);
const CdField *cd_ticket_fields_data        (CdTicketFields *fl);
guint          cd_ticket_fields_len         (CdTicketFields *fl);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (CdTicketFields, cd_ticket_fields_clear)

/* Writes one event of the timeline in the caller's transaction; returns
 * its id, 0 with @error on failure. */
gint64    cd_ticket_add_event            (CdStore     *store,
                                          gint64       ticket_id,
                                          const char  *kind,
                                          const char  *body,
                                          const char  *old_value,
                                          const char  *new_value,
                                          GError     **error);
/* Loads inside the caller's transaction and checks the version the caller
 * saw; 0 skips the check (overwrite). */
CdTicket *cd_ticket_load_for_update      (CdStore     *store,
                                          gint64       id,
                                          gint64       expected_version,
                                          GError     **error);

/* The SLA policy and calendar ----------------------------------------------- */

typedef struct {
  gboolean found;
  gint     first_response_minutes;
  gint     resolution_minutes;
  gint64   calendar_id;  /* 0: the first calendar */
} CdTicketPolicy;

gboolean       cd_ticket_find_policy     (CdStore         *store,
                                          CdPriority       priority,
                                          const char      *tier_nick,
                                          CdTicketPolicy  *out,
                                          GError         **error);
/* The calendar @calendar_id, else the first calendar, else around the
 * clock. NULL with @error only when the stored calendar cannot be read. */
CdSlaCalendar *cd_ticket_load_calendar   (CdStore         *store,
                                          gint64           calendar_id,
                                          GError         **error);
/* The tier nick of a customer, or NULL with NOT_FOUND/INVALID. */
char          *cd_ticket_customer_tier   (CdStore         *store,
                                          gint64           customer_id,
                                          GError         **error);
/* The policy and calendar that apply to a ticket of @priority for a
 * customer of @tier_nick. *calendar is always set on success. */
gboolean       cd_ticket_clock           (CdStore         *store,
                                          CdPriority       priority,
                                          const char      *tier_nick,
                                          CdTicketPolicy  *policy,
                                          CdSlaCalendar  **calendar,
                                          GError         **error);

/* The SLA rules read once: what the queues' at-risk condition is built
 * from. */
typedef struct {
  int             priority;
  char           *tier;      /* NULL: any tier */
  CdTicketPolicy  policy;
} CdTicketRulesPolicy;

typedef struct {
  gint64         id;
  CdSlaCalendar *calendar;  /* NULL when it cannot be used: see error */
  GError        *error;
} CdTicketRulesCalendar;

struct _CdTicketSlaRules
{
  GArray        *policies;   /* CdTicketRulesPolicy */
  GArray        *calendars;  /* CdTicketRulesCalendar, by id */
  CdSlaCalendar *always_open;
  GError        *always_open_error;
};

/* As cd_ticket_load_calendar(): the policy's calendar, else the first
 * one, else around the clock. */
const CdSlaCalendar *cd_ticket_sla_rules_find_calendar (const CdTicketSlaRules  *rules,
                                                        gint64                   calendar_id,
                                                        GError                 **error);

/* The calendar cd_ticket_sla_rules_judge() counts @ticket's clocks in,
 * and the targets it judges them against, in business seconds (0 for a
 * clock without a deadline). NULL with @error when the calendar cannot be
 * used. */
const CdSlaCalendar *cd_ticket_sla_rules_targets       (const CdTicketSlaRules  *rules,
                                                        const CdTicket          *ticket,
                                                        gint64                  *first_response,
                                                        gint64                  *resolution,
                                                        GError                 **error);

/* Queues ------------------------------------------------------------------- */

/* The urgency of @column (an SQL reference to tickets.priority, such as
 * "t.priority") as a number from 0 (low) to 3 (urgent). This is the
 * expression of the index tickets_priority_rank: an ORDER BY on it (then
 * updated_at) is read from that index instead of sorting every ticket. */
#define CD_TICKET_PRIORITY_RANK(column) \
  "CASE " column " WHEN 'low' THEN 0 WHEN 'normal' THEN 1 WHEN 'high' THEN 2 ELSE 3 END"

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

G_END_DECLS
