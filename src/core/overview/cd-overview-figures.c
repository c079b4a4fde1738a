/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "caredesk-overview"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "cd-datetime.h"
#include "cd-overview-private.h"

/* Periods ------------------------------------------------------------------ */

gint64
cd_overview_date_to_utc (const GDate *date)
{
  g_autoptr(GDateTime) local = g_date_time_new_local (g_date_get_year (date), g_date_get_month (date),
                                                      g_date_get_day (date), 0, 0, 0);

  /* A midnight the clocks skip does not exist: GLib moves it to the
   * first instant after the jump, which is when that day starts. */
  return local != NULL ? g_date_time_to_unix (local) : 0;
}

void
cd_overview_date_from_utc (GDate  *date,
                           gint64  utc)
{
  g_autoptr(GDateTime) local = g_date_time_new_from_unix_local (utc);

  g_date_clear (date, 1);
  if (local != NULL)
    g_date_set_dmy (date, (GDateDay) g_date_time_get_day_of_month (local),
                    (GDateMonth) g_date_time_get_month (local),
                    (GDateYear) g_date_time_get_year (local));
}

gboolean
cd_overview_range_init (CdOverviewRange  *range,
                        const GDate      *first,
                        const GDate      *last,
                        GError          **error)
{
  g_return_val_if_fail (range != NULL, FALSE);
  g_return_val_if_fail (first != NULL && last != NULL, FALSE);

  if (!g_date_valid (first) || !g_date_valid (last))
    {
      g_set_error_literal (error, CD_STORE_ERROR, CD_STORE_ERROR_INVALID,
                           _("Choose both the first and the last day of the period."));
      return FALSE;
    }
  if (g_date_compare (last, first) < 0)
    {
      g_set_error_literal (error, CD_STORE_ERROR, CD_STORE_ERROR_INVALID,
                           _("The last day of the period is before its first day. Swap them, or choose another last day."));
      return FALSE;
    }
  if (g_date_days_between (first, last) + 1 > CD_OVERVIEW_MAX_DAYS)
    {
      g_set_error (error, CD_STORE_ERROR, CD_STORE_ERROR_INVALID,
                   _("A period can be at most %d days long. Choose a shorter one."), CD_OVERVIEW_MAX_DAYS);
      return FALSE;
    }

  memset (range, 0, sizeof *range);
  range->first = *first;
  range->last = *last;
  range->start = cd_overview_date_to_utc (first);
  {
    GDate after = *last;

    g_date_add_days (&after, 1);
    range->end = cd_overview_date_to_utc (&after);
  }
  return TRUE;
}

void
cd_overview_range_for_kind (CdOverviewRange      *range,
                            CdOverviewPeriodKind  kind,
                            gint64                now)
{
  GDate today, first, last;

  g_return_if_fail (range != NULL);
  g_return_if_fail (kind != CD_OVERVIEW_CUSTOM);

  cd_overview_date_from_utc (&today, now);
  first = last = today;

  switch (kind)
    {
    case CD_OVERVIEW_THIS_WEEK:
    case CD_OVERVIEW_LAST_WEEK:
      g_date_subtract_days (&first, g_date_get_weekday (&today) - G_DATE_MONDAY);
      if (kind == CD_OVERVIEW_LAST_WEEK)
        g_date_subtract_days (&first, 7);
      last = first;
      g_date_add_days (&last, 6);
      break;

    case CD_OVERVIEW_THIS_MONTH:
    case CD_OVERVIEW_LAST_MONTH:
      g_date_set_day (&first, 1);
      if (kind == CD_OVERVIEW_LAST_MONTH)
        g_date_subtract_months (&first, 1);
      last = first;
      g_date_set_day (&last, g_date_get_days_in_month (g_date_get_month (&first), g_date_get_year (&first)));
      break;

    case CD_OVERVIEW_CUSTOM:
    default:
      g_assert_not_reached ();
    }

  if (!cd_overview_range_init (range, &first, &last, NULL))
    g_assert_not_reached ();
}

gboolean
cd_overview_range_parse_month (CdOverviewRange  *range,
                               const char       *text,
                               GError          **error)
{
  guint64 year = 0, month = 0;
  g_auto(GStrv) parts = NULL;
  GDate first, last;

  g_return_val_if_fail (range != NULL, FALSE);

  if (text != NULL)
    parts = g_strsplit (text, "-", -1);
  if (parts == NULL || g_strv_length (parts) != 2 ||
      strlen (parts[0]) != 4 || strlen (parts[1]) != 2 ||
      !g_ascii_string_to_unsigned (parts[0], 10, 1900, 9999, &year, NULL) ||
      !g_ascii_string_to_unsigned (parts[1], 10, 1, 12, &month, NULL))
    {
      g_set_error (error, CD_STORE_ERROR, CD_STORE_ERROR_INVALID,
                   _("“%s” is not a month. Write it as YEAR-MONTH, for example 2026-11."),
                   text != NULL ? text : "");
      return FALSE;
    }

  g_date_clear (&first, 1);
  g_date_set_dmy (&first, 1, (GDateMonth) month, (GDateYear) year);
  last = first;
  g_date_set_day (&last, g_date_get_days_in_month ((GDateMonth) month, (GDateYear) year));
  return cd_overview_range_init (range, &first, &last, error);
}

static gboolean
is_whole_month (const CdOverviewRange *range)
{
  return g_date_get_day (&range->first) == 1 &&
         g_date_get_month (&range->first) == g_date_get_month (&range->last) &&
         g_date_get_year (&range->first) == g_date_get_year (&range->last) &&
         g_date_is_last_of_month (&range->last);
}

void
cd_overview_range_previous (const CdOverviewRange *range,
                            CdOverviewRange       *previous)
{
  GDate first, last;

  g_return_if_fail (range != NULL && previous != NULL);

  last = range->first;
  g_date_subtract_days (&last, 1);
  if (is_whole_month (range))
    {
      first = last;
      g_date_set_day (&first, 1);
    }
  else
    {
      first = last;
      g_date_subtract_days (&first, cd_overview_range_n_days (range) - 1);
    }
  if (!cd_overview_range_init (previous, &first, &last, NULL))
    g_assert_not_reached ();
}

guint
cd_overview_range_n_days (const CdOverviewRange *range)
{
  g_return_val_if_fail (range != NULL, 0);

  return (guint) g_date_days_between (&range->first, &range->last) + 1;
}

static char *
format_date (const GDate *date,
             const char  *format)
{
  char buffer[128];

  if (g_date_strftime (buffer, sizeof buffer, format, date) == 0)
    return g_strdup ("");
  return g_strdup (buffer);
}

char *
cd_overview_range_format (const CdOverviewRange *range)
{
  g_autofree char *from = NULL;
  g_autofree char *to = NULL;

  g_return_val_if_fail (range != NULL, NULL);

  if (is_whole_month (range))
    /* Translators: a whole month as a period, strftime format: "November 2026" */
    return format_date (&range->first, C_("period", "%B %Y"));

  if (g_date_compare (&range->first, &range->last) == 0)
    /* Translators: one day as a period, strftime format: "Mon 7 December 2026" */
    return format_date (&range->first, C_("period", "%a %-d %B %Y"));

  if (g_date_get_year (&range->first) == g_date_get_year (&range->last))
    /* Translators: the first day of a period within one year, strftime
     * format: "30 Nov" (the year follows with the last day) */
    from = format_date (&range->first, C_("period", "%-d %b"));
  else
    /* Translators: the first day of a period that ends in another year,
     * strftime format: "28 Dec 2026" */
    from = format_date (&range->first, C_("period", "%-d %b %Y"));
  /* Translators: the last day of a period, strftime format: "6 Dec 2026" */
  to = format_date (&range->last, C_("period", "%-d %b %Y"));
  /* Translators: a period from its first to its last day: "30 Nov – 6 Dec 2026" */
  return g_strdup_printf (C_("period", "%s – %s"), from, to);
}

char *
cd_overview_range_format_iso (const CdOverviewRange *range)
{
  g_return_val_if_fail (range != NULL, NULL);

  return g_strdup_printf ("%04u-%02u-%02u – %04u-%02u-%02u",
                          g_date_get_year (&range->first), g_date_get_month (&range->first),
                          g_date_get_day (&range->first),
                          g_date_get_year (&range->last), g_date_get_month (&range->last),
                          g_date_get_day (&range->last));
}

/* Figures ------------------------------------------------------------------ */

CdOverviewFigures *
cd_overview_figures_new (gint64      staff_id,
                         const char *name,
                         CdRole      role)
{
  CdOverviewFigures *figures = g_new0 (CdOverviewFigures, 1);

  figures->staff_id = staff_id;
  figures->name = g_strdup (name != NULL ? name : "");
  figures->role = role;
  return figures;
}

void
cd_overview_figures_free (CdOverviewFigures *figures)
{
  if (figures == NULL)
    return;
  g_free (figures->name);
  g_free (figures);
}

typedef struct {
  const char      *label;
  const char      *definition;
  CdOverviewUnit   unit;
  gboolean         higher_is_better;
} FigureInfo;

static const FigureInfo figure_info[CD_OVERVIEW_N_FIGURES] = {
  [CD_OVERVIEW_FIGURE_HANDLED] = {
    N_("Tickets handled"),
    N_("Tickets resolved in the period, counted for the person who held them when they were resolved. "
       "A ticket reopened and resolved again counts in the period of its last resolution."),
    CD_OVERVIEW_UNIT_COUNT, TRUE },
  [CD_OVERVIEW_FIGURE_RECEIVED] = {
    N_("Tickets received"),
    N_("Tickets created in the period, counted for the person who holds them now."),
    CD_OVERVIEW_UNIT_COUNT, TRUE },
  [CD_OVERVIEW_FIGURE_FIRST_RESPONSE] = {
    N_("Average first response"),
    N_("For the tickets handled in the period that had a reply: the business time from the ticket’s creation "
       "to the first customer-facing note or logged call, in the hours of the SLA calendar "
       "(nights, weekends and holidays do not count), averaged."),
    CD_OVERVIEW_UNIT_SECONDS, FALSE },
  [CD_OVERVIEW_FIGURE_RESOLUTION_TIME] = {
    N_("Average resolution time"),
    N_("For the tickets handled in the period: the business time from creation to resolution, "
       "less the time spent waiting on the customer (pending), averaged."),
    CD_OVERVIEW_UNIT_SECONDS, FALSE },
  [CD_OVERVIEW_FIGURE_RESOLUTION_RATE] = {
    N_("Resolution rate"),
    N_("Of the tickets received in the period, the share that is resolved or closed now."),
    CD_OVERVIEW_UNIT_PERCENT, TRUE },
  [CD_OVERVIEW_FIGURE_FIRST_CONTACT_RATE] = {
    N_("First-contact resolution"),
    N_("Of the tickets handled in the period, the share solved in one interaction with the customer "
       "(one customer-facing note or call) and never reopened."),
    CD_OVERVIEW_UNIT_PERCENT, TRUE },
  [CD_OVERVIEW_FIGURE_BREACHES] = {
    N_("SLA breaches"),
    N_("Tickets handled in the period that missed their first-response or their resolution deadline "
       "(time waiting on the customer does not count against the resolution deadline)."),
    CD_OVERVIEW_UNIT_COUNT, FALSE },
  [CD_OVERVIEW_FIGURE_SATISFACTION] = {
    N_("Satisfaction"),
    N_("The average of the satisfaction scores (1 to 5) given for the tickets handled in the period, "
       "with how many customers answered. Tickets without an answer do not count."),
    CD_OVERVIEW_UNIT_SCORE, TRUE },
  [CD_OVERVIEW_FIGURE_FOLLOWUPS_ON_TIME] = {
    N_("Follow-ups on time"),
    N_("Of the follow-ups due in the period up to now (cancelled ones left out), the share done by their "
       "due time. One done a minute late is late."),
    CD_OVERVIEW_UNIT_PERCENT, TRUE },
  [CD_OVERVIEW_FIGURE_COMPLAINTS] = {
    N_("Complaints"),
    N_("Complaints received in the period, counted for their owner, by the customer’s tier."),
    CD_OVERVIEW_UNIT_COUNT, FALSE },
  [CD_OVERVIEW_FIGURE_TRAINING_HOURS] = {
    N_("Training hours"),
    N_("Hours of the courses whose training sessions the person attended, of the sessions that started "
       "in the period. The team’s figure adds up everyone listed."),
    CD_OVERVIEW_UNIT_HOURS, TRUE },
  [CD_OVERVIEW_FIGURE_CERTIFICATION_RATE] = {
    N_("Certification compliance"),
    N_("Of the certifications each person’s role must hold, the share they held valid (issued, not expired, "
       "not revoked) at the end of the period, or now while the period runs. The team’s figure counts "
       "everyone’s required certifications together."),
    CD_OVERVIEW_UNIT_PERCENT, TRUE },
};

const char *
cd_overview_figure_label (CdOverviewFigure figure)
{
  g_return_val_if_fail ((guint) figure < CD_OVERVIEW_N_FIGURES, "");
  return _(figure_info[figure].label);
}

const char *
cd_overview_figure_definition (CdOverviewFigure figure)
{
  g_return_val_if_fail ((guint) figure < CD_OVERVIEW_N_FIGURES, "");
  return _(figure_info[figure].definition);
}

CdOverviewUnit
cd_overview_figure_unit (CdOverviewFigure figure)
{
  g_return_val_if_fail ((guint) figure < CD_OVERVIEW_N_FIGURES, CD_OVERVIEW_UNIT_COUNT);
  return figure_info[figure].unit;
}

gboolean
cd_overview_figure_higher_is_better (CdOverviewFigure figure)
{
  g_return_val_if_fail ((guint) figure < CD_OVERVIEW_N_FIGURES, TRUE);
  return figure_info[figure].higher_is_better;
}

gboolean
cd_overview_figure_is_available (CdOverviewFigure figure)
{
  g_return_val_if_fail ((guint) figure < CD_OVERVIEW_N_FIGURES, FALSE);
  return TRUE;
}

static gboolean
ratio (guint   part,
       guint   whole,
       double  scale,
       double *value)
{
  if (whole == 0)
    return FALSE;
  *value = scale * (double) part / (double) whole;
  return TRUE;
}

gboolean
cd_overview_figures_get (const CdOverviewFigures *f,
                         CdOverviewFigure         figure,
                         double                  *value)
{
  double unused;

  g_return_val_if_fail (f != NULL, FALSE);
  if (value == NULL)
    value = &unused;
  *value = 0;

  switch (figure)
    {
    case CD_OVERVIEW_FIGURE_HANDLED:
      *value = f->handled;
      return TRUE;
    case CD_OVERVIEW_FIGURE_RECEIVED:
      *value = f->received;
      return TRUE;
    case CD_OVERVIEW_FIGURE_FIRST_RESPONSE:
      if (f->answered == 0)
        return FALSE;
      *value = (double) f->first_response_seconds / f->answered;
      return TRUE;
    case CD_OVERVIEW_FIGURE_RESOLUTION_TIME:
      if (f->handled == 0)
        return FALSE;
      *value = (double) f->resolution_seconds / f->handled;
      return TRUE;
    case CD_OVERVIEW_FIGURE_RESOLUTION_RATE:
      return ratio (f->received_resolved, f->received, 100, value);
    case CD_OVERVIEW_FIGURE_FIRST_CONTACT_RATE:
      return ratio (f->first_contact, f->handled, 100, value);
    case CD_OVERVIEW_FIGURE_BREACHES:
      *value = f->breached;
      return TRUE;
    case CD_OVERVIEW_FIGURE_SATISFACTION:
      return ratio (f->satisfaction_sum, f->satisfaction_answers, 1, value);
    case CD_OVERVIEW_FIGURE_FOLLOWUPS_ON_TIME:
      return ratio (f->followups_on_time, f->followups_due, 100, value);
    case CD_OVERVIEW_FIGURE_COMPLAINTS:
      *value = (double) f->complaints[0] + f->complaints[1] + f->complaints[2] + f->complaints[3];
      return TRUE;
    case CD_OVERVIEW_FIGURE_TRAINING_HOURS:
      if (!f->training_known)
        return FALSE;
      *value = f->training_hours;
      return TRUE;
    case CD_OVERVIEW_FIGURE_CERTIFICATION_RATE:
      return f->training_known && ratio (f->certifications_current, f->certifications_required, 100, value);
    case CD_OVERVIEW_N_FIGURES:
    default:
      g_return_val_if_reached (FALSE);
    }
}

char *
cd_overview_format_number (double value,
                           int    decimals)
{
  /* The ' flag groups thousands as the user's locale does. */
  return g_strdup_printf ("%'.*f", decimals, value);
}

char *
cd_overview_figure_format (CdOverviewFigure figure,
                           gboolean         known,
                           double           value)
{
  g_autofree char *number = NULL;

  g_return_val_if_fail ((guint) figure < CD_OVERVIEW_N_FIGURES, NULL);

  if (!known)
    /* Translators: shown for a figure that has no value (an average of nothing) */
    return g_strdup (C_("figure", "—"));

  switch (figure_info[figure].unit)
    {
    case CD_OVERVIEW_UNIT_COUNT:
      return cd_overview_format_number (value, 0);
    case CD_OVERVIEW_UNIT_SECONDS:
      return cd_datetime_format_duration ((gint64) llround (value));
    case CD_OVERVIEW_UNIT_PERCENT:
      number = cd_overview_format_number (value, 0);
      /* Translators: a percentage, %s is the number: "87 %" */
      return g_strdup_printf (C_("figure", "%s %%"), number);
    case CD_OVERVIEW_UNIT_SCORE:
      return cd_overview_format_number (value, 1);
    case CD_OVERVIEW_UNIT_HOURS:
      number = cd_overview_format_number (value, 1);
      /* Translators: hours of training: "12.5 h" */
      return g_strdup_printf (C_("figure", "%s h"), number);
    default:
      g_return_val_if_reached (NULL);
    }
}

char *
cd_overview_figures_format (const CdOverviewFigures *figures,
                            CdOverviewFigure         figure)
{
  double value;
  gboolean known;

  g_return_val_if_fail (figures != NULL, NULL);

  known = cd_overview_figures_get (figures, figure, &value);
  return cd_overview_figure_format (figure, known, value);
}

static char *
signed_text (double      magnitude_sign,
             const char *magnitude)
{
  /* Translators: a rise, %s is how much: "+12" */
  if (magnitude_sign > 0)
    return g_strdup_printf (C_("change", "+%s"), magnitude);
  /* Translators: a fall, %s is how much: "−12" (U+2212 minus sign) */
  return g_strdup_printf (C_("change", "−%s"), magnitude);
}

char *
cd_overview_figure_format_change (CdOverviewFigure         figure,
                                  const CdOverviewFigures *now,
                                  const CdOverviewFigures *before,
                                  int                     *better)
{
  g_autofree char *magnitude = NULL;
  double a, b, diff;
  int dummy;

  g_return_val_if_fail ((guint) figure < CD_OVERVIEW_N_FIGURES, NULL);
  g_return_val_if_fail (now != NULL && before != NULL, NULL);

  if (better == NULL)
    better = &dummy;
  *better = 0;

  if (!cd_overview_figures_get (now, figure, &a) || !cd_overview_figures_get (before, figure, &b))
    return NULL;

  diff = a - b;
  switch (figure_info[figure].unit)
    {
    case CD_OVERVIEW_UNIT_COUNT:
      if (fabs (diff) < 0.5)
        diff = 0;
      magnitude = cd_overview_format_number (fabs (diff), 0);
      break;
    case CD_OVERVIEW_UNIT_SECONDS:
      if (fabs (diff) < 60)
        diff = 0;
      magnitude = cd_datetime_format_duration ((gint64) llround (fabs (diff)));
      break;
    case CD_OVERVIEW_UNIT_PERCENT:
      if (fabs (diff) < 0.5)
        diff = 0;
      {
        g_autofree char *number = cd_overview_format_number (fabs (diff), 0);
        /* Translators: a change of a percentage, in percentage points: "3 pts" */
        magnitude = g_strdup_printf (C_("change", "%s pts"), number);
      }
      break;
    case CD_OVERVIEW_UNIT_SCORE:
    case CD_OVERVIEW_UNIT_HOURS:
      if (fabs (diff) < 0.05)
        diff = 0;
      magnitude = cd_overview_format_number (fabs (diff), 1);
      break;
    default:
      g_return_val_if_reached (NULL);
    }

  if (diff == 0)
    /* Translators: a figure is the same as in the period before */
    return g_strdup (C_("change", "no change"));

  *better = ((diff > 0) == figure_info[figure].higher_is_better) ? 1 : -1;
  return signed_text (diff, magnitude);
}

char *
cd_overview_figures_format_complaints (const CdOverviewFigures *figures)
{
  g_autoptr(GString) text = g_string_new (NULL);

  g_return_val_if_fail (figures != NULL, NULL);

  for (guint tier = 0; tier < G_N_ELEMENTS (figures->complaints); tier++)
    {
      g_autofree char *number = NULL;
      g_autofree char *tier_name = NULL;

      if (figures->complaints[tier] == 0)
        continue;
      number = cd_overview_format_number (figures->complaints[tier], 0);
      tier_name = g_utf8_strdown (cd_tier_label ((CdTier) tier), -1);
      if (text->len > 0)
        /* Translators: between the parts of "2 strategic, 5 core" */
        g_string_append (text, C_("list", ", "));
      /* Translators: complaints of one customer tier: "2 strategic" */
      g_string_append_printf (text, C_("complaints", "%s %s"), number, tier_name);
    }
  if (text->len == 0)
    /* Translators: no complaints in the period */
    g_string_append (text, C_("complaints", "none"));
  return g_string_free (g_steal_pointer (&text), FALSE);
}
