/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "cd-row-model.h"
#include "cd-store.h"
#include "cd-ticket-sla.h"

G_BEGIN_DECLS

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

/* The number of tickets in every queue at cd_store_now(), one indexed
 * COUNT each, into @counts (indexed by CdTicketQueue). */
gboolean cd_tickets_queue_counts (CdStore  *store,
                                  gint64    counts[CD_TICKET_N_QUEUES],
                                  GError  **error);
/* The same on the store's read worker (CD_STORE_LANE_READ), so that
 * counting a million tickets never holds up the caller. */
void     cd_tickets_count_queues_async  (CdStore              *store,
                                         GCancellable         *cancellable,
                                         GAsyncReadyCallback   callback,
                                         gpointer              user_data);
gboolean cd_tickets_count_queues_finish (CdStore              *store,
                                         GAsyncResult         *result,
                                         gint64                counts[CD_TICKET_N_QUEUES],
                                         GError              **error);

/* The list ------------------------------------------------------------------ */

/* What the Tickets list shows. */
typedef struct {
  CdTicketQueue  queue;
  /* A ticket number ("T-000123", "t-123", "#123", "123") finds that
   * ticket in any queue; other text is a prefix of the subject (case does
   * not matter for Latin letters). White space around is ignored; NULL or
   * "" for the whole queue. */
  char          *search;
  /* A sortable column's name (CD_TICKET_COL_*), NULL for "updated". A
   * column the queue cannot sort by (cd_tickets_list_can_sort()) sorts
   * by "updated", newest first. */
  char          *sort_column;
  gboolean       sort_descending;
} CdTicketFilter;

/* All tickets, by when they were last updated, newest first. */
void        cd_ticket_filter_init  (CdTicketFilter       *filter);
void        cd_ticket_filter_clear (CdTicketFilter       *filter);
void        cd_ticket_filter_copy  (const CdTicketFilter *src,
                                    CdTicketFilter       *dest);

/* Columns of the rows of cd_tickets_list_new(), in this order; the names
 * are the model's column names. The row's id is the ticket's id. Every
 * value is text as stored (nicks for enums, UTC seconds for instants,
 * NULL when not set). */
typedef enum {
  CD_TICKET_COL_NUMBER,              /* "number": the id, sorts by it */
  CD_TICKET_COL_SUBJECT,             /* "subject" */
  CD_TICKET_COL_CUSTOMER,            /* "customer": the customer's name */
  CD_TICKET_COL_PRIORITY,            /* "priority": a nick; sorts by urgency */
  CD_TICKET_COL_STATUS,              /* "status": a nick */
  CD_TICKET_COL_ASSIGNEE,            /* "assignee": display name, "" when unassigned */
  CD_TICKET_COL_DUE,                 /* "due": the resolution deadline */
  CD_TICKET_COL_MODIFIED,            /* "updated": when it last changed */
  CD_TICKET_COL_CREATED,             /* "created"; not sortable, nor are those below */
  CD_TICKET_COL_FIRST_RESPONSE_AT,   /* "first_response_at" */
  CD_TICKET_COL_FIRST_RESPONSE_DUE,  /* "first_response_due" */
  CD_TICKET_COL_RESOLVED_AT,         /* "resolved_at" */
  CD_TICKET_COL_PENDING_SINCE,       /* "pending_since" */
  CD_TICKET_COL_PAUSED,              /* "paused_seconds" */
  CD_TICKET_COL_TIER,                /* "tier": the customer's tier, a nick */
  CD_TICKET_N_COLS
} CdTicketColumn;

/* The kinds of change (cd-change.h) that can change what a row shows or
 * its SLA clock: tickets, the names of customers and staff, and the SLA
 * rules. NULL-terminated, for cd_row_model_set_refresh_kinds(). */
const char * const *cd_tickets_list_get_kinds (void);

/* TRUE when @queue's list can be sorted by @column, from an index: every
 * sortable column can, except the deadline ("due") in All tickets, which
 * has no single index on it. */
gboolean    cd_tickets_list_can_sort     (CdTicketQueue         queue,
                                          const char           *column);

/* A lazy list of tickets (see CdRowModel) filtered and sorted by @filter
 * (NULL: see cd_ticket_filter_init()). Every sort is read from an index
 * of `tickets`, and a page of rows is read by their ids first. A filter
 * that matches nothing keeps the last rows in place (see
 * cd_row_model_set_keep_rows_when_empty()). Always returns a model; when
 * the queue cannot be read (its SLA rules are damaged) it matches nothing
 * and @error says why. */
CdRowModel *cd_tickets_list_new          (CdStore              *store,
                                          const CdTicketFilter *filter,
                                          GError              **error);
/* Applies @filter with one items-changed; on failure the list stays as
 * it was. The SLA queues depend on the time: apply the filter again when
 * the clock has moved on (once a minute is plenty). */
gboolean    cd_tickets_list_set_filter   (CdRowModel           *model,
                                          const CdTicketFilter *filter,
                                          GError              **error);
/* The last counts of the queues (from cd_tickets_count_queues_finish()),
 * which tell whether a status queue holds most tickets: such a queue is
 * counted as all tickets less the others, which SQLite counts from the
 * table's pages (6 ms against 53 ms for 964 689 of a million closed
 * tickets), and sorted by walking the sort column's index. Without
 * counts, Closed is taken to be that queue. For the next filter. */
void        cd_tickets_list_set_counts   (CdRowModel           *model,
                                          const gint64          counts[CD_TICKET_N_QUEUES]);

/* Both SLA clocks of the ticket of a list @row, with @rules read once for
 * the whole list: what cd_ticket_sla() gives for the ticket, without a
 * query. */
gboolean    cd_tickets_list_row_sla      (const CdTicketSlaRules *rules,
                                          CdRow                  *row,
                                          gint64                  now,
                                          CdTicketSla            *out,
                                          GError                **error);

G_END_DECLS
