/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* What the parts of the Overview share and nothing else does. */

#include "cd-overview.h"
#include "cd-sla.h"
#include "cd-store-private.h"

G_BEGIN_DECLS

/* A business clock: the business seconds from a fixed origin to any
 * instant, from a table of the calendar's days built as far as it is
 * asked. The business time between a and b is then
 * cd_overview_clock_at (b) - cd_overview_clock_at (a), as
 * cd_sla_business_seconds_between() counts it, at the cost of a binary
 * search instead of a walk over the days: a lead's month measures some
 * 150 000 spans. */
typedef struct _CdOverviewClock CdOverviewClock;

CdOverviewClock *cd_overview_clock_new  (const CdSlaCalendar *calendar);
void             cd_overview_clock_free (CdOverviewClock     *clock);
gint64           cd_overview_clock_at   (CdOverviewClock     *clock,
                                         gint64               utc);
/* Business seconds in [@a, @b); 0 when @b <= @a. */
gint64           cd_overview_clock_between (CdOverviewClock  *clock,
                                            gint64            a,
                                            gint64            b);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CdOverviewClock, cd_overview_clock_free)

/* UTC of the local midnight that starts @date. */
gint64   cd_overview_date_to_utc   (const GDate *date);
/* The local date of @utc. */
void     cd_overview_date_from_utc (GDate       *date,
                                    gint64       utc);

CdOverviewFigures *cd_overview_figures_new (gint64      staff_id,
                                            const char *name,
                                            CdRole      role);

/* "1,234.5" in the user's locale. */
char    *cd_overview_format_number (double value,
                                    int    decimals);

/* The open escalations, as a condition SQLite answers from the partial
 * index tickets_escalation_open: without statistics it would rather walk
 * every open ticket by status; declaring the range unlikely (which does
 * not change the result) makes it take the index. @t is the alias. */
#define CD_OVERVIEW_ESCALATION_OPEN(t) \
  "likelihood (" t ".escalation_due > 0, 0.000001) AND " t ".status IN ('new','open','pending')"

/* Summary counters ----------------------------------------------------------
 * What one hour of one person adds to a period's figures: the columns of
 * overview_hours, in this order. */
typedef enum {
  CD_OVERVIEW_C_RECEIVED,
  CD_OVERVIEW_C_RECEIVED_RESOLVED,
  CD_OVERVIEW_C_HANDLED,
  CD_OVERVIEW_C_ANSWERED,
  CD_OVERVIEW_C_FIRST_RESPONSE_SECONDS,
  CD_OVERVIEW_C_RESOLUTION_SECONDS,
  CD_OVERVIEW_C_FIRST_CONTACT,
  CD_OVERVIEW_C_BREACHED,
  CD_OVERVIEW_C_SATISFACTION_ANSWERS,
  CD_OVERVIEW_C_SATISFACTION_SUM,
  CD_OVERVIEW_C_FOLLOWUPS_DUE,
  CD_OVERVIEW_C_FOLLOWUPS_ON_TIME,
  CD_OVERVIEW_C_COMPLAINTS,        /* four of them, by CdTier */
  CD_OVERVIEW_N_COUNTERS = CD_OVERVIEW_C_COMPLAINTS + 4
} CdOverviewCounter;

/* "received, received_resolved, …": the counter columns, for SQL. */
#define CD_OVERVIEW_COUNTER_COLUMNS \
  "received, received_resolved, handled, answered, first_response_seconds, resolution_seconds," \
  " first_contact, breached, satisfaction_answers, satisfaction_sum, followups_due, followups_on_time," \
  " complaints_strategic, complaints_core, complaints_potential, complaints_general"

typedef struct {
  gint64 hour;                           /* UTC seconds / 3600 */
  gint64 staff_id;                       /* 0: nobody */
  gint64 v[CD_OVERVIEW_N_COUNTERS];
} CdOverviewCounts;

/* What a ticket row says, as both its summary and the raw figures read it. */
typedef struct {
  gint64   created_at;
  gint64   assignee_id;
  gboolean resolved;            /* status resolved or closed */
  gint64   resolved_at;         /* 0 while open */
  gint64   first_response_at;
  gint64   first_response_due;
  gint64   resolution_due;
  gint64   paused_seconds;
  int      interaction_count;
  int      reopen_count;
  int      satisfaction;
} CdOverviewTicketRow;

/* The columns that fill a CdOverviewTicketRow, in its order. */
#define CD_OVERVIEW_TICKET_COLUMNS \
  "created_at, ifnull (assignee_id, 0), status IN ('resolved','closed'), resolved_at, first_response_at," \
  " first_response_due, resolution_due, paused_seconds, interaction_count, reopen_count, satisfaction"

void     cd_overview_ticket_row_read    (sqlite3_stmt              *stmt,
                                         CdOverviewTicketRow       *row);
/* A ticket's share of the hour it was received in. */
void     cd_overview_ticket_received    (const CdOverviewTicketRow *row,
                                         CdOverviewCounts          *counts);
/* A resolved ticket's share of the hour of its resolution; FALSE for an
 * open ticket. */
gboolean cd_overview_ticket_handled     (CdOverviewClock           *clock,
                                         const CdOverviewTicketRow *row,
                                         CdOverviewCounts          *counts);
/* A follow-up's share of the hour it is due in; FALSE for a cancelled
 * one. (The triggers on followups count the same way.) */
gboolean cd_overview_followup_due       (gint64                     due_at,
                                         gint64                     assignee_id,
                                         const char                *status,
                                         gint64                     done_at,
                                         CdOverviewCounts          *counts);
/* A complaint's share of the hour it was received in. (So do the
 * triggers on complaints and customers.) */
void     cd_overview_complaint_received (gint64                     created_at,
                                         gint64                     owner_id,
                                         const char                *tier,
                                         CdOverviewCounts          *counts);
void     cd_overview_figures_add_counts (CdOverviewFigures         *figures,
                                         const CdOverviewCounts    *counts);

/* The team's business clock (the first business calendar's, as the SLA
 * clocks count), kept on @store while the calendar stays the same;
 * *signature (borrowed) tells that calendar apart from any other. NULL
 * with @error when the calendar cannot be used. */
CdOverviewClock *cd_overview_team_clock (CdStore      *store,
                                         const char  **signature,
                                         GError      **error);
/* TRUE when the summary rows were built with the calendar of @signature
 * and so may be read instead of the tickets. */
gboolean cd_overview_summary_usable     (CdStore      *store,
                                         const char   *signature,
                                         GError      **error);

/* cd_overview_period_load() reading the tickets themselves even when the
 * summary rows could be read (for tests). */
CdOverviewPeriod *cd_overview_period_load_counted (CdStore                *store,
                                                   const CdOverviewRange  *range,
                                                   gboolean                from_tickets,
                                                   GError                **error);

G_END_DECLS
