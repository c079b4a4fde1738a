/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "cd-sla.h"
#include "cd-ticket.h"

G_BEGIN_DECLS

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

/* SLA settings, as team leads keep them ------------------------------------
 * The team's business hours (the first business calendar: the one every
 * target without a calendar of its own counts in), its holidays, and the
 * targets per priority and customer tier. Team leads and administrators
 * only. Every change is audited, and applies to deadlines set from then
 * on: a ticket keeps the deadlines it was given, so changing the rules
 * never makes an open ticket late after the fact. */

/* One row of targets. */
typedef struct {
  gint64      id;
  gint64      version;
  CdPriority  priority;
  int         tier;                    /* a CdTier, or CD_SLA_ANY_TIER */
  gint        first_response_minutes;
  gint        resolution_minutes;
} CdSlaTarget;

/* Every target: the most urgent priority first, for each priority the
 * row for any tier before the tiers' own rows (CdSlaTarget). */
GPtrArray *cd_sla_targets_list  (CdStore     *store,
                                 GError     **error);

/* Pass as @expected_version to save whatever is there now. */
#define CD_SLA_OVERWRITE (-1)

/* As cd_sla_policy_set() in the first calendar, with the version of the
 * row the person saw: 0 when they saw none (a row saved meanwhile is then
 * CD_STORE_ERROR_STALE), or CD_SLA_OVERWRITE. */
gboolean   cd_sla_target_save   (CdStore     *store,
                                 CdPriority   priority,
                                 int          tier,
                                 gint64       expected_version,
                                 gint         first_response_minutes,
                                 gint         resolution_minutes,
                                 GError     **error);

/* The team's business hours. */
typedef struct {
  gint64  id;             /* 0: none saved; the clock runs around the clock (UTC) */
  gint64  version;
  char   *name;
  char   *timezone;
  char   *week_schedule;  /* see cd_sla_calendar_new() */
} CdSlaHours;

void        cd_sla_hours_free (CdSlaHours  *hours);
CdSlaHours *cd_sla_hours_load (CdStore     *store,
                               GError     **error);
/* Saves the week schedule and time zone (checked as cd_sla_calendar_new()
 * does), creating the calendar when the file has none. @expected_version
 * is the version loaded (0 overwrites). */
gboolean    cd_sla_hours_save (CdStore     *store,
                               gint64       expected_version,
                               const char  *tz_id,
                               const char  *week_schedule,
                               GError     **error);

/* The holidays of the team's business hours in @year (0: all years), by
 * day (CdSlaHoliday). */
GPtrArray  *cd_sla_holidays_list   (CdStore     *store,
                                    int          year,
                                    GError     **error);
/* Adds @holidays (CdSlaHoliday, e.g. from cd_sla_holidays_parse()) in one
 * transaction: all or none. Days that already are holidays are left as
 * they are. Without business hours yet, the clock keeps running around the
 * clock, in the local time zone, except on the holidays. @n_added
 * (optional) tells how many were new. */
gboolean    cd_sla_holidays_add    (CdStore     *store,
                                    GPtrArray   *holidays,
                                    guint       *n_added,
                                    GError     **error);
gboolean    cd_sla_holiday_remove  (CdStore     *store,
                                    gint64       holiday_id,
                                    GError     **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CdSlaHours, cd_sla_hours_free)

G_END_DECLS
