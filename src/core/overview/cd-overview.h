/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <cairo.h>

#include "cd-store.h"

G_BEGIN_DECLS

/* The Overview: "my day" (what is due for the signed-in person) and a
 * period in numbers (per person and for the team), as the view, the CSV
 * and the printed monthly review show them.
 *
 * Dates are local (TZ): a period runs from the local midnight of its
 * first day to the local midnight after its last. Durations are business
 * time of the team's SLA calendar (the first business calendar, or around
 * the clock when there is none), as the SLA clocks count it. */

/* Periods ----------------------------------------------------------------- */

typedef enum {
  CD_OVERVIEW_THIS_WEEK,    /* Monday to Sunday (ISO 8601 weeks) */
  CD_OVERVIEW_LAST_WEEK,
  CD_OVERVIEW_THIS_MONTH,
  CD_OVERVIEW_LAST_MONTH,
  CD_OVERVIEW_CUSTOM,
} CdOverviewPeriodKind;

/* A custom period is at most this many days long. */
#define CD_OVERVIEW_MAX_DAYS 731

typedef struct {
  GDate  first;   /* local days, both included */
  GDate  last;
  gint64 start;   /* UTC: local midnight at the start of @first */
  gint64 end;     /* UTC: local midnight after @last */
} CdOverviewRange;

/* The days @first to @last. FALSE with CD_STORE_ERROR_INVALID (a message
 * in words) when a date is not valid, @last is before @first, or the
 * period is longer than CD_OVERVIEW_MAX_DAYS. */
gboolean cd_overview_range_init        (CdOverviewRange       *range,
                                        const GDate           *first,
                                        const GDate           *last,
                                        GError               **error);
/* This week, last week, this month or last month around @now (UTC);
 * not for CD_OVERVIEW_CUSTOM. */
void     cd_overview_range_for_kind    (CdOverviewRange       *range,
                                        CdOverviewPeriodKind   kind,
                                        gint64                 now);
/* A month written YYYY-MM ("2026-11"), as --monthly-review takes it. */
gboolean cd_overview_range_parse_month (CdOverviewRange       *range,
                                        const char            *text,
                                        GError               **error);
/* The period the change is measured against: the month before a whole
 * calendar month, else as many days just before. */
void     cd_overview_range_previous    (const CdOverviewRange *range,
                                        CdOverviewRange       *previous);
guint    cd_overview_range_n_days      (const CdOverviewRange *range);
/* "November 2026", "30 Nov – 6 Dec 2026", "Mon 7 December 2026"
 * (translated). */
char    *cd_overview_range_format      (const CdOverviewRange *range);
/* "2026-11-01 – 2026-11-30", for files. */
char    *cd_overview_range_format_iso  (const CdOverviewRange *range);

/* Figures ----------------------------------------------------------------- */

/* What one person (or the team) did in a period. Each count says which
 * tickets it counts; see cd_overview_figure_definition() for the words
 * the Overview shows. */
typedef struct {
  gint64   staff_id;             /* 0: the team, or tickets nobody holds */
  char    *name;                 /* display name; the team's is translated */
  CdRole   role;

  /* Tickets received in the period (created in it) that they hold now,
   * and how many of those are resolved or closed by now. */
  guint    received;
  guint    received_resolved;
  /* Tickets resolved in the period (their latest resolution), and of
   * those: the ones answered before, with the business time from
   * creation to the first answer summed; the business time from creation
   * to resolution less the time waiting on the customer, summed; the ones
   * resolved at first contact (cd_ticket_is_first_contact_resolution());
   * the ones that missed their first-response or resolution deadline; the
   * satisfaction scores given (count and sum). */
  guint    handled;
  guint    answered;
  gint64   first_response_seconds;
  gint64   resolution_seconds;
  guint    first_contact;
  guint    breached;
  guint    satisfaction_answers;
  guint    satisfaction_sum;
  /* Follow-ups due in the period, up to now (not cancelled), and of those
   * the ones done by their due time. */
  guint    followups_due;
  guint    followups_on_time;
  /* Complaints received in the period that they own, by customer tier
   * (a CdTier). */
  guint    complaints[4];

  /* Training: hours of the sessions attended that started in the
   * period, and of the certifications their role must hold, how many
   * they held valid at the period's last instant (now while it runs).
   * training_known is FALSE for the row of tickets nobody holds. */
  gboolean training_known;
  double   training_hours;
  guint    certifications_required;
  guint    certifications_current;
} CdOverviewFigures;

typedef enum {
  CD_OVERVIEW_FIGURE_HANDLED,
  CD_OVERVIEW_FIGURE_RECEIVED,
  CD_OVERVIEW_FIGURE_FIRST_RESPONSE,
  CD_OVERVIEW_FIGURE_RESOLUTION_TIME,
  CD_OVERVIEW_FIGURE_RESOLUTION_RATE,
  CD_OVERVIEW_FIGURE_FIRST_CONTACT_RATE,
  CD_OVERVIEW_FIGURE_BREACHES,
  CD_OVERVIEW_FIGURE_SATISFACTION,
  CD_OVERVIEW_FIGURE_FOLLOWUPS_ON_TIME,
  CD_OVERVIEW_FIGURE_COMPLAINTS,
  CD_OVERVIEW_FIGURE_TRAINING_HOURS,
  CD_OVERVIEW_FIGURE_CERTIFICATION_RATE,
  CD_OVERVIEW_N_FIGURES
} CdOverviewFigure;

typedef enum {
  CD_OVERVIEW_UNIT_COUNT,     /* a whole number */
  CD_OVERVIEW_UNIT_SECONDS,   /* a duration (business time) */
  CD_OVERVIEW_UNIT_PERCENT,   /* 0..100 */
  CD_OVERVIEW_UNIT_SCORE,     /* 1..5 */
  CD_OVERVIEW_UNIT_HOURS,
} CdOverviewUnit;

void        cd_overview_figures_free (CdOverviewFigures *figures);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CdOverviewFigures, cd_overview_figures_free)

/* Translated: "Tickets handled", and the sentence a tooltip gives. */
const char *cd_overview_figure_label           (CdOverviewFigure figure);
const char *cd_overview_figure_definition      (CdOverviewFigure figure);
CdOverviewUnit cd_overview_figure_unit         (CdOverviewFigure figure);
/* TRUE when more is better (handled), FALSE when less is (breaches). */
gboolean    cd_overview_figure_higher_is_better (CdOverviewFigure figure);
/* Whether this build computes @figure (all of them now). */
gboolean    cd_overview_figure_is_available    (CdOverviewFigure figure);
/* The figure's value; FALSE when there is none (an average of no
 * tickets, a rate of nothing). Durations in seconds, rates in percent. */
gboolean    cd_overview_figures_get            (const CdOverviewFigures *figures,
                                                CdOverviewFigure         figure,
                                                double                  *value);
/* The value as the Overview shows it, in the user's locale: "1,234",
 * "2 h 15 min", "87 %", "4.3"; "—" when there is none. */
char       *cd_overview_figure_format          (CdOverviewFigure         figure,
                                                gboolean                 known,
                                                double                   value);
char       *cd_overview_figures_format         (const CdOverviewFigures *figures,
                                                CdOverviewFigure         figure);
/* The change from @before to @now in words: "+12 %", "−15 min",
 * "+3", "no change"; NULL when either is unknown. *better (optional)
 * says whether it is an improvement (0 when there is no change). */
char       *cd_overview_figure_format_change   (CdOverviewFigure         figure,
                                                const CdOverviewFigures *now,
                                                const CdOverviewFigures *before,
                                                int                     *better);
/* Complaints by tier in words: "2 strategic, 5 core, 1 general". */
char       *cd_overview_figures_format_complaints (const CdOverviewFigures *figures);

/* One day of the period, for the charts. */
typedef struct {
  gint64 start;                   /* UTC: the day's local midnight */
  guint  handled;
  guint  breached;
  guint  answered;
  gint64 first_response_seconds;
} CdOverviewDay;

/* A period as the Overview shows it. */
typedef struct {
  CdOverviewRange    range;
  CdOverviewRange    previous;
  gint64             made_at;     /* cd_store_now() when it was read */
  gint64             viewer_id;
  /* TRUE for team leads and administrators: the team and every person.
   * Anyone else sees their own figures only (total is theirs, and rows
   * holds them alone). */
  gboolean           team;
  CdOverviewFigures *total;
  CdOverviewFigures *total_before;
  GPtrArray         *rows;        /* CdOverviewFigures, by name */
  GPtrArray         *rows_before; /* the same people, same order */
  GArray            *days;        /* CdOverviewDay, one per day */
  /* FALSE when the summary rows were counted with another SLA calendar
   * (a holiday was added since) and the figures were counted from the
   * tickets instead, which takes longer: cd_overview_summaries_rebuild()
   * brings them up to date. */
  gboolean           from_summaries;
} CdOverviewPeriod;

/* Reference counted: exports and views keep the one they show. */
CdOverviewPeriod *cd_overview_period_ref   (CdOverviewPeriod *period);
void              cd_overview_period_unref (CdOverviewPeriod *period);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CdOverviewPeriod, cd_overview_period_unref)

/* Reads the figures of @range and of the period before it for the
 * signed-in person (see CdOverviewPeriod.team). The rows are the active
 * reps and team leads, and anyone else who held tickets, follow-ups or
 * complaints of the period. The tickets, follow-ups and complaints are
 * read from their summary rows (one per hour and person). NULL with
 * @error on failure. */
CdOverviewPeriod *cd_overview_period_load        (CdStore                *store,
                                                  const CdOverviewRange  *range,
                                                  GError                **error);
/* The same on the store's read worker. */
void              cd_overview_period_load_async  (CdStore                *store,
                                                  const CdOverviewRange  *range,
                                                  GCancellable           *cancellable,
                                                  GAsyncReadyCallback     callback,
                                                  gpointer                user_data);
CdOverviewPeriod *cd_overview_period_load_finish (CdStore                *store,
                                                  GAsyncResult           *result,
                                                  GError                **error);
/* The row of @staff_id in @period, and its row of the period before;
 * FALSE when the period has no row for them. */
gboolean          cd_overview_period_find_row    (const CdOverviewPeriod *period,
                                                  gint64                  staff_id,
                                                  const CdOverviewFigures **now,
                                                  const CdOverviewFigures **before);

/* Counts the summary rows again with the team's SLA calendar of now, on
 * the store's write worker (a few seconds for a million tickets, under
 * the write lock). */
void              cd_overview_summaries_rebuild_async  (CdStore             *store,
                                                        GCancellable        *cancellable,
                                                        GAsyncReadyCallback  callback,
                                                        gpointer             user_data);
gboolean          cd_overview_summaries_rebuild_finish (CdStore             *store,
                                                        GAsyncResult        *result,
                                                        GError             **error);

/* The kinds of change (cd-change.h) that can change a period's figures
 * or "my day". NULL-terminated. */
const char * const *cd_overview_get_kinds (void);

/* My day ------------------------------------------------------------------ */

typedef enum {
  CD_MY_DAY_FOLLOWUPS_OVERDUE,      /* my scheduled follow-ups past due */
  CD_MY_DAY_TICKETS_BREACHED,       /* my open tickets past an SLA deadline */
  CD_MY_DAY_TICKETS_AT_RISK,        /* my open tickets with 75 % of a target used */
  CD_MY_DAY_ESCALATIONS_OWED,       /* promised replies I owe */
  CD_MY_DAY_ESCALATIONS_AWAITED,    /* promised replies I wait for from someone else */
  CD_MY_DAY_CERTIFICATIONS_EXPIRING, /* my certifications that run out within 30 days */
  CD_MY_DAY_TRAINING_DUE,            /* my plan items not done, due within 30 days or late */
  CD_MY_DAY_N_SECTIONS
} CdMyDaySection;

typedef struct {
  CdMyDaySection  section;
  /* the follow-up's id, the ticket's, the staff certification's or the
   * plan item's (both open the person's training record) */
  gint64          id;
  gint64          due_at;    /* when it is (was) due; a certification's expiry;
                              * a paused ticket's deadline if its clock ran again now */
  gboolean        paused;    /* tickets at risk: pending, the SLA clock stands still */
  char           *title;     /* the customer; a ticket's number and customer; the
                              * certification or the course */
  char           *detail;    /* the complaint's summary, the ticket's subject; what
                              * the certification's status or the plan item says */
  char           *person;    /* escalations: who owes the reply, or who waits */
} CdMyDayItem;

void cd_my_day_item_free (CdMyDayItem *item);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CdMyDayItem, cd_my_day_item_free)

typedef struct {
  gint64     now;
  gboolean   counted[CD_MY_DAY_N_SECTIONS];  /* FALSE: not read by this build */
  gint64     counts[CD_MY_DAY_N_SECTIONS];
  /* The most urgent first, at most the limit asked for (CdMyDayItem). */
  GPtrArray *items[CD_MY_DAY_N_SECTIONS];
} CdMyDay;

void     cd_my_day_free (CdMyDay *day);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CdMyDay, cd_my_day_free)

/* Translated section title ("Overdue follow-ups") and what an empty
 * section says ("No follow-up is overdue."). */
const char *cd_my_day_section_title (CdMyDaySection section);
const char *cd_my_day_section_empty (CdMyDaySection section);

/* What is due for @staff_id at cd_store_now(), each section cut at
 * @limit items. The SLA sections judge each ticket as its page does
 * (cd_ticket_sla()); an escalation is owed by the staff member whose
 * display name it was escalated to, or by the ticket's assignee when it
 * went to someone outside the staff list (a department), and it is
 * settled once the customer heard from us after it (a customer-facing
 * note or a logged call) or the ticket was resolved. */
CdMyDay *cd_my_day_load        (CdStore              *store,
                                gint64                staff_id,
                                guint                 limit,
                                GError              **error);
void     cd_my_day_load_async  (CdStore              *store,
                                gint64                staff_id,
                                guint                 limit,
                                GCancellable         *cancellable,
                                GAsyncReadyCallback   callback,
                                gpointer              user_data);
CdMyDay *cd_my_day_load_finish (CdStore              *store,
                                GAsyncResult         *result,
                                GError              **error);

/* Charts ------------------------------------------------------------------ */

typedef enum {
  CD_OVERVIEW_CHART_TICKETS_PER_DAY,   /* handled per day, breaches marked */
  CD_OVERVIEW_CHART_RESPONSE_TREND,    /* average first response per day */
  CD_OVERVIEW_CHART_PER_PERSON,        /* handled and breached per person */
  CD_OVERVIEW_N_CHARTS
} CdOverviewChart;

typedef struct {
  double red, green, blue, alpha;
} CdOverviewColor;

/* The colours and font a chart is drawn with (the widget's, or print's). */
typedef struct {
  CdOverviewColor  foreground;
  CdOverviewColor  dim;         /* axes, grid, labels */
  CdOverviewColor  bar;         /* the main series */
  CdOverviewColor  alert;       /* breaches */
  const char      *font;        /* a Pango font description, "Sans 9" */
} CdOverviewPalette;

const char *cd_overview_chart_title       (CdOverviewChart          chart);
/* A sentence for screen readers: what the chart shows and its extremes. */
char       *cd_overview_chart_describe    (const CdOverviewPeriod  *period,
                                           CdOverviewChart          chart);
/* The chart's data as a table: *headers (NULL-terminated) and rows of as
 * many texts (each a NULL-terminated GStrv), for the text alternative. */
GPtrArray  *cd_overview_chart_table       (const CdOverviewPeriod  *period,
                                           CdOverviewChart          chart,
                                           GStrv                   *headers);
/* Draws @chart in [0, @width] × [0, @height] of @cr. */
void        cd_overview_chart_draw        (const CdOverviewPeriod  *period,
                                           CdOverviewChart          chart,
                                           cairo_t                 *cr,
                                           double                   width,
                                           double                   height,
                                           const CdOverviewPalette *palette);
/* The height a chart needs at @width to stay legible (the per-person chart
 * grows with the number of people). */
double      cd_overview_chart_height_for_width (const CdOverviewPeriod *period,
                                                CdOverviewChart         chart,
                                                double                  width);

/* The monthly review, exported -------------------------------------------- */

/* Writes the period as CSV (UTF-8, as the customers' export): a row for the team (leads) and one per person, for the
 * period and for the period before, with plain numbers (durations in
 * business minutes, rates in percent). Recorded in the audit log in the
 * same transaction that gives the file its name, so an export that cannot
 * be recorded does not happen. */
gboolean cd_overview_export_csv        (CdStore                *store,
                                        const CdOverviewPeriod *period,
                                        const char             *path,
                                        GError                **error);

/* The printed review on A4 (or any page size, in points): the period
 * and when it was made, the team summary with the change against the
 * period before, the per-person table, the charts. Pages are laid out
 * once for a page size. */
typedef struct _CdOverviewReview CdOverviewReview;

CdOverviewReview *cd_overview_review_new       (const CdOverviewPeriod *period,
                                                double                  page_width,
                                                double                  page_height);
void              cd_overview_review_free      (CdOverviewReview       *review);
/* Lays the pages out with @cr's font settings; returns how many. */
guint             cd_overview_review_paginate  (CdOverviewReview       *review,
                                                cairo_t                *cr);
void              cd_overview_review_draw_page (CdOverviewReview       *review,
                                                cairo_t                *cr,
                                                guint                   page);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CdOverviewReview, cd_overview_review_free)

/* The review as an A4 PDF at @path, drawn with cairo (no display
 * needed); recorded in the audit log like the CSV. */
gboolean cd_overview_export_pdf        (CdStore                *store,
                                        const CdOverviewPeriod *period,
                                        const char             *path,
                                        GError                **error);
/* Records in the audit log that the review of @period was exported as
 * @format ("csv", "pdf", "print") to @target (a path, or a printer). */
gboolean cd_overview_audit_export      (CdStore                *store,
                                        const CdOverviewPeriod *period,
                                        const char             *format,
                                        const char             *target,
                                        GError                **error);

/* The exports on the store's read worker (the audit row is a short write
 * made from there); @period is kept until the export is done. @format is
 * "csv" or "pdf". */
void     cd_overview_export_async      (CdStore                *store,
                                        const CdOverviewPeriod *period,
                                        const char             *format,
                                        const char             *path,
                                        GCancellable           *cancellable,
                                        GAsyncReadyCallback     callback,
                                        gpointer                user_data);
gboolean cd_overview_export_finish     (CdStore                *store,
                                        GAsyncResult           *result,
                                        GError                **error);

/* `caredesk --monthly-review YYYY-MM`: loads the month for the signed-in
 * person and writes @csv_path and/or @pdf_path (at least one). */
gboolean cd_overview_monthly_review_cli (CdStore    *store,
                                         const char *month,
                                         const char *csv_path,
                                         const char *pdf_path,
                                         GError    **error);

G_END_DECLS
