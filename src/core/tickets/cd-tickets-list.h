/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "cd-store.h"

G_BEGIN_DECLS

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

G_END_DECLS
