/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "caredesk-sla"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdlib.h>
#include <string.h>

#include "cd-error.h"
#include "cd-datetime.h"
#include "cd-sla.h"
#include "cd-validate.h"

#define SECONDS_PER_DAY  G_GINT64_CONSTANT (86400)
#define DAYS_PER_WEEK    7

typedef struct {
  gint start;   /* seconds after local midnight */
  gint end;     /* up to 86400 (24:00) */
} Range;

typedef struct {
  Range ranges[DAYS_PER_WEEK][CD_SLA_MAX_RANGES_PER_DAY];
  guint n_ranges[DAYS_PER_WEEK];
  gint64 week_seconds;
} Schedule;

struct _CdSlaCalendar {
  GTimeZone *tz;
  char *tz_id;
  Schedule schedule;
  gint64 *holidays;   /* sorted, unique; days since 1970-01-01 */
  gsize n_holidays;
};

static const char *const day_names[DAYS_PER_WEEK] = {
  N_("Monday"), N_("Tuesday"), N_("Wednesday"), N_("Thursday"),
  N_("Friday"), N_("Saturday"), N_("Sunday"),
};

/* ---- small arithmetic ---------------------------------------------------- */

static gint64
floor_div (gint64 a,
           gint64 b)
{
  gint64 q = a / b;

  if ((a % b != 0) && ((a < 0) != (b < 0)))
    q--;
  return q;
}

/* Monday is 0. Day 0 (1970-01-01) was a Thursday. */
static guint
weekday_of (gint64 day)
{
  return (guint) (day + 3 - floor_div (day + 3, DAYS_PER_WEEK) * DAYS_PER_WEEK);
}

static gint64
epoch_day_from_ymd (guint year,
                    guint month,
                    guint day)
{
  GDate date, epoch;

  g_date_clear (&date, 1);
  g_date_clear (&epoch, 1);
  g_date_set_dmy (&date, (GDateDay) day, (GDateMonth) month, (GDateYear) year);
  g_date_set_dmy (&epoch, 1, G_DATE_JANUARY, 1970);
  return (gint64) g_date_get_julian (&date) - (gint64) g_date_get_julian (&epoch);
}

/* ---- parsing ------------------------------------------------------------- */

/* "H:MM" or "HH:MM"; 24:00 only when @closing. */
static gboolean
parse_time_of_day (const char *text,
                   gboolean    closing,
                   gint       *seconds)
{
  gsize len = strlen (text);
  gsize hour_digits;
  gint hours, minutes;

  if (len != 4 && len != 5)
    return FALSE;
  hour_digits = len - 3;
  for (gsize i = 0; i < len; i++)
    {
      if (i == hour_digits)
        {
          if (text[i] != ':')
            return FALSE;
        }
      else if (!g_ascii_isdigit (text[i]))
        return FALSE;
    }

  hours = g_ascii_digit_value (text[0]);
  if (hour_digits == 2)
    hours = hours * 10 + g_ascii_digit_value (text[1]);
  minutes = g_ascii_digit_value (text[hour_digits + 1]) * 10
            + g_ascii_digit_value (text[hour_digits + 2]);

  if (minutes > 59)
    return FALSE;
  if (hours > 24 || (hours == 24 && (minutes != 0 || !closing)))
    return FALSE;

  *seconds = hours * 3600 + minutes * 60;
  return TRUE;
}

static int
compare_ranges (const void *a,
                const void *b)
{
  const Range *ra = a, *rb = b;

  if (ra->start != rb->start)
    return ra->start < rb->start ? -1 : 1;
  return ra->end < rb->end ? -1 : (ra->end > rb->end ? 1 : 0);
}

static char *
format_range (const Range *range)
{
  return g_strdup_printf ("%02d:%02d-%02d:%02d",
                          range->start / 3600, range->start % 3600 / 60,
                          range->end / 3600, range->end % 3600 / 60);
}

static gboolean
parse_day (const char *field,
           guint       weekday,
           Schedule   *schedule,
           GError    **error)
{
  const char *day_name = _(day_names[weekday]);
  g_auto(GStrv) parts = NULL;
  g_autofree char *trimmed = g_strstrip (g_strdup (field));
  guint n = 0;

  schedule->n_ranges[weekday] = 0;
  if (*trimmed == '\0')
    return TRUE;

  parts = g_strsplit (trimmed, ",", -1);
  if (g_strv_length (parts) > CD_SLA_MAX_RANGES_PER_DAY)
    {
      g_set_error (error, CD_STORE_ERROR, CD_STORE_ERROR_INVALID,
                   _("%s has more than %d opening ranges; join some of them."),
                   day_name, CD_SLA_MAX_RANGES_PER_DAY);
      return FALSE;
    }

  for (guint i = 0; parts[i] != NULL; i++)
    {
      char *part = g_strstrip (parts[i]);
      g_auto(GStrv) ends = NULL;
      Range *range = &schedule->ranges[weekday][n];

      if (*part == '\0')
        {
          g_set_error (error, CD_STORE_ERROR, CD_STORE_ERROR_INVALID,
                       _("%s has an empty opening range; remove the extra “,”."),
                       day_name);
          return FALSE;
        }

      ends = g_strsplit (part, "-", -1);
      if (g_strv_length (ends) != 2)
        {
          g_set_error (error, CD_STORE_ERROR, CD_STORE_ERROR_INVALID,
                       _("%s: “%s” is not an opening time range; write it as HH:MM-HH:MM, for example 09:00-18:00."),
                       day_name, part);
          return FALSE;
        }
      g_strstrip (ends[0]);
      g_strstrip (ends[1]);

      if (!parse_time_of_day (ends[0], FALSE, &range->start))
        {
          g_set_error (error, CD_STORE_ERROR, CD_STORE_ERROR_INVALID,
                       _("%s: “%s” is not an opening time; use HH:MM between 00:00 and 23:59."),
                       day_name, ends[0]);
          return FALSE;
        }
      if (!parse_time_of_day (ends[1], TRUE, &range->end))
        {
          g_set_error (error, CD_STORE_ERROR, CD_STORE_ERROR_INVALID,
                       _("%s: “%s” is not a closing time; use HH:MM between 00:00 and 24:00."),
                       day_name, ends[1]);
          return FALSE;
        }
      if (range->end <= range->start)
        {
          g_set_error (error, CD_STORE_ERROR, CD_STORE_ERROR_INVALID,
                       _("%s: in “%s” the closing time is not after the opening time."),
                       day_name, part);
          return FALSE;
        }
      n++;
    }

  qsort (schedule->ranges[weekday], n, sizeof (Range), compare_ranges);
  for (guint i = 1; i < n; i++)
    {
      const Range *prev = &schedule->ranges[weekday][i - 1];
      const Range *cur = &schedule->ranges[weekday][i];

      if (cur->start < prev->end)
        {
          g_autofree char *a = format_range (prev);
          g_autofree char *b = format_range (cur);

          g_set_error (error, CD_STORE_ERROR, CD_STORE_ERROR_INVALID,
                       _("%s: the opening ranges %s and %s overlap."),
                       day_name, a, b);
          return FALSE;
        }
    }

  schedule->n_ranges[weekday] = n;
  for (guint i = 0; i < n; i++)
    schedule->week_seconds += schedule->ranges[weekday][i].end
                              - schedule->ranges[weekday][i].start;
  return TRUE;
}

static gboolean
parse_schedule (const char *text,
                Schedule   *schedule,
                GError    **error)
{
  g_auto(GStrv) fields = NULL;
  guint n_fields;

  memset (schedule, 0, sizeof *schedule);
  fields = g_strsplit (text != NULL ? text : "", ";", -1);
  n_fields = g_strv_length (fields);
  if (n_fields != DAYS_PER_WEEK)
    {
      g_set_error (error, CD_STORE_ERROR, CD_STORE_ERROR_INVALID,
                   g_dngettext (GETTEXT_PACKAGE,
                                "The schedule must list seven days, Monday to Sunday, separated by “;”; it lists %u.",
                                "The schedule must list seven days, Monday to Sunday, separated by “;”; it lists %u.",
                                n_fields),
                   n_fields);
      return FALSE;
    }

  for (guint d = 0; d < DAYS_PER_WEEK; d++)
    if (!parse_day (fields[d], d, schedule, error))
      return FALSE;

  if (schedule->week_seconds == 0)
    {
      g_set_error_literal (error, CD_STORE_ERROR, CD_STORE_ERROR_INVALID,
                           _("The schedule has no working hours. Give at least one day an opening time."));
      return FALSE;
    }
  return TRUE;
}

/* Strict 'YYYY-MM-DD'. */
static gboolean
parse_date (const char *text,
            gint64     *epoch_day)
{
  guint year, month, day;

  if (text == NULL || strlen (text) != 10 || text[4] != '-' || text[7] != '-')
    return FALSE;
  for (guint i = 0; i < 10; i++)
    if (i != 4 && i != 7 && !g_ascii_isdigit (text[i]))
      return FALSE;

  year = (guint) g_ascii_strtoull (text, NULL, 10);
  month = (guint) g_ascii_strtoull (text + 5, NULL, 10);
  day = (guint) g_ascii_strtoull (text + 8, NULL, 10);
  if (year < 1 || !g_date_valid_dmy ((GDateDay) day, (GDateMonth) month, (GDateYear) year))
    return FALSE;

  *epoch_day = epoch_day_from_ymd (year, month, day);
  return TRUE;
}

static int
compare_days (const void *a,
              const void *b)
{
  gint64 da = *(const gint64 *) a, db = *(const gint64 *) b;

  return da < db ? -1 : (da > db ? 1 : 0);
}

gboolean
cd_sla_week_schedule_validate (const char  *week_schedule,
                               GError     **error)
{
  Schedule schedule;

  return parse_schedule (week_schedule, &schedule, error);
}

CdSlaCalendar *
cd_sla_calendar_new (const char         *tz_id,
                     const char         *week_schedule,
                     const char *const  *holidays,
                     GError            **error)
{
  g_autoptr(CdSlaCalendar) cal = NULL;
  g_autofree char *zone = g_strstrip (g_strdup (tz_id != NULL ? tz_id : ""));
  gsize n = 0;

  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  cal = g_new0 (CdSlaCalendar, 1);

  if (!parse_schedule (week_schedule, &cal->schedule, error))
    return NULL;

  if (*zone == '\0')
    {
      g_set_error_literal (error, CD_STORE_ERROR, CD_STORE_ERROR_INVALID,
                           _("The business calendar has no time zone; choose one, such as Asia/Shanghai."));
      return NULL;
    }
  cal->tz = g_time_zone_new_identifier (zone);
  if (cal->tz == NULL)
    {
      g_set_error (error, CD_STORE_ERROR, CD_STORE_ERROR_INVALID,
                   _("“%s” is not a known time zone; use a name such as Asia/Shanghai or Europe/Berlin."),
                   zone);
      return NULL;
    }
  cal->tz_id = g_steal_pointer (&zone);

  if (holidays != NULL)
    {
      gsize count = g_strv_length ((char **) holidays);

      cal->holidays = g_new (gint64, MAX (count, 1));
      for (gsize i = 0; i < count; i++)
        {
          g_autofree char *day = g_strstrip (g_strdup (holidays[i]));

          if (!parse_date (day, &cal->holidays[i]))
            {
              g_set_error (error, CD_STORE_ERROR, CD_STORE_ERROR_INVALID,
                           _("“%s” is not a holiday date; write it as YYYY-MM-DD, for example 2024-10-01."),
                           holidays[i]);
              return NULL;
            }
        }
      qsort (cal->holidays, count, sizeof (gint64), compare_days);
      for (gsize i = 0; i < count; i++)
        if (n == 0 || cal->holidays[n - 1] != cal->holidays[i])
          cal->holidays[n++] = cal->holidays[i];
    }
  cal->n_holidays = n;

  return g_steal_pointer (&cal);
}

void
cd_sla_calendar_free (CdSlaCalendar *calendar)
{
  if (calendar == NULL)
    return;
  g_clear_pointer (&calendar->tz, g_time_zone_unref);
  g_free (calendar->tz_id);
  g_free (calendar->holidays);
  g_free (calendar);
}

const char *
cd_sla_calendar_get_timezone (const CdSlaCalendar *calendar)
{
  g_return_val_if_fail (calendar != NULL, NULL);
  return calendar->tz_id;
}

gint64
cd_sla_calendar_get_week_seconds (const CdSlaCalendar *calendar)
{
  g_return_val_if_fail (calendar != NULL, 0);
  return calendar->schedule.week_seconds;
}

/* ---- time zone arithmetic ------------------------------------------------ */

static gint
interval_at (const CdSlaCalendar *cal,
             gint64               utc)
{
  return g_time_zone_find_interval (cal->tz, G_TIME_TYPE_UNIVERSAL, utc);
}

static gint32
offset_at (const CdSlaCalendar *cal,
           gint64               utc)
{
  return g_time_zone_get_offset (cal->tz, interval_at (cal, utc));
}

static gint64
day_of (const CdSlaCalendar *cal,
        gint64               utc)
{
  return floor_div (utc + offset_at (cal, utc), SECONDS_PER_DAY);
}

/* @wall is a local wall-clock time written as seconds since 1970-01-01
 * 00:00 local. Offsets never exceed a day, so sampling a day either side
 * gives the offsets in force before and after any clock change near @wall. */
static gint64
local_to_utc (const CdSlaCalendar *cal,
              gint64               wall)
{
  gint32 before = offset_at (cal, wall - SECONDS_PER_DAY);
  gint32 after = offset_at (cal, wall + SECONDS_PER_DAY);
  gboolean fits_before = offset_at (cal, wall - before) == before;
  gboolean fits_after = offset_at (cal, wall - after) == after;
  gint64 lo, hi;
  gint32 lo_offset;

  /* A time that happens twice resolves to its earlier instant. */
  if (fits_before && fits_after)
    return MIN (wall - before, wall - after);
  if (fits_before)
    return wall - before;
  if (fits_after)
    return wall - after;

  /* A skipped time: the instant the clocks jumped. */
  lo = MIN (wall - before, wall - after);
  hi = MAX (wall - before, wall - after);
  lo_offset = offset_at (cal, lo);
  while (hi - lo > 1)
    {
      gint64 mid = lo + (hi - lo) / 2;

      if (offset_at (cal, mid) == lo_offset)
        lo = mid;
      else
        hi = mid;
    }
  return hi;
}

static gboolean
is_holiday_day (const CdSlaCalendar *cal,
                gint64               day)
{
  return cal->n_holidays > 0
         && bsearch (&day, cal->holidays, cal->n_holidays, sizeof (gint64), compare_days) != NULL;
}

/* The first holiday on or after @day, or G_MAXINT64. */
static gint64
next_holiday (const CdSlaCalendar *cal,
              gint64               day)
{
  gsize lo = 0, hi = cal->n_holidays;

  while (lo < hi)
    {
      gsize mid = lo + (hi - lo) / 2;

      if (cal->holidays[mid] < day)
        lo = mid + 1;
      else
        hi = mid;
    }
  return lo < cal->n_holidays ? cal->holidays[lo] : G_MAXINT64;
}

/* The opening intervals of local day @day as UTC [start, end) pairs, in
 * order; none on a holiday. Returns how many. */
static guint
day_intervals (const CdSlaCalendar *cal,
               gint64               day,
               gint64              *starts,
               gint64              *ends)
{
  guint weekday = weekday_of (day);
  guint n = 0;

  if (is_holiday_day (cal, day))
    return 0;

  for (guint i = 0; i < cal->schedule.n_ranges[weekday]; i++)
    {
      const Range *range = &cal->schedule.ranges[weekday][i];
      gint64 s = local_to_utc (cal, day * SECONDS_PER_DAY + range->start);
      gint64 e = local_to_utc (cal, day * SECONDS_PER_DAY + range->end);

      if (e > s)
        {
          starts[n] = s;
          ends[n] = e;
          n++;
        }
    }
  return n;
}

static gboolean
same_interval (const CdSlaCalendar *cal,
               gint64               monday,
               gint64               weeks,
               gint                 first_interval)
{
  gint64 end = local_to_utc (cal, (monday + weeks * DAYS_PER_WEEK) * SECONDS_PER_DAY);

  return interval_at (cal, end) == first_interval;
}

/* How many whole weeks from @monday on (at most @max_weeks) have exactly
 * the nominal week_seconds: no holiday and no clock change anywhere in
 * them. Lets long spans skip months at a time instead of walking days. */
static gint64
plain_weeks (const CdSlaCalendar *cal,
             gint64               monday,
             gint64               max_weeks)
{
  gint64 holiday;
  gint first_interval;
  gint64 lo, hi;

  if (max_weeks <= 0)
    return 0;

  holiday = next_holiday (cal, monday);
  if (holiday != G_MAXINT64 && (holiday - monday) / DAYS_PER_WEEK < max_weeks)
    max_weeks = (holiday - monday) / DAYS_PER_WEEK;
  if (max_weeks == 0)
    return 0;

  first_interval = interval_at (cal, local_to_utc (cal, monday * SECONDS_PER_DAY));
  if (same_interval (cal, monday, max_weeks, first_interval))
    return max_weeks;

  /* Intervals only move forwards in time: find the last week that still
   * ends in the first one. */
  lo = 0;
  hi = max_weeks;
  while (hi - lo > 1)
    {
      gint64 mid = lo + (hi - lo) / 2;

      if (same_interval (cal, monday, mid, first_interval))
        lo = mid;
      else
        hi = mid;
    }
  return lo;
}

/* ---- the clock ------------------------------------------------------------ */

gint64
cd_sla_add_business_seconds (const CdSlaCalendar *calendar,
                             gint64               start_utc,
                             gint64               seconds)
{
  gint64 starts[CD_SLA_MAX_RANGES_PER_DAY], ends[CD_SLA_MAX_RANGES_PER_DAY];
  gint64 remaining = seconds;
  gint64 week_seconds;
  gint64 first_day, day;

  g_return_val_if_fail (calendar != NULL, start_utc);
  g_return_val_if_fail (seconds >= 0, start_utc);

  if (seconds == 0)
    return start_utc;

  week_seconds = calendar->schedule.week_seconds;
  g_assert (week_seconds > 0);

  first_day = day = day_of (calendar, start_utc);
  for (;;)
    {
      guint n;

      /* Whole weeks, leaving at least one second so the deadline itself is
       * found by the day walk below. */
      if (day != first_day && weekday_of (day) == 0 && remaining > week_seconds)
        {
          gint64 weeks = plain_weeks (calendar, day, (remaining - 1) / week_seconds);

          remaining -= weeks * week_seconds;
          day += weeks * DAYS_PER_WEEK;
        }

      n = day_intervals (calendar, day, starts, ends);
      for (guint i = 0; i < n; i++)
        {
          gint64 from, available;

          if (ends[i] <= start_utc)
            continue;
          from = MAX (starts[i], start_utc);
          available = ends[i] - from;
          if (remaining <= available)
            return from + remaining;
          remaining -= available;
        }
      day++;
    }
}

gint64
cd_sla_business_seconds_between (const CdSlaCalendar *calendar,
                                 gint64               a,
                                 gint64               b)
{
  gint64 starts[CD_SLA_MAX_RANGES_PER_DAY], ends[CD_SLA_MAX_RANGES_PER_DAY];
  gint64 first_day, last_day, day;
  gint64 total = 0;

  g_return_val_if_fail (calendar != NULL, 0);

  if (b <= a)
    return 0;

  first_day = day = day_of (calendar, a);
  last_day = day_of (calendar, b);
  while (day <= last_day)
    {
      guint n;

      if (day != first_day && weekday_of (day) == 0)
        {
          gint64 weeks = plain_weeks (calendar, day, (last_day - day) / DAYS_PER_WEEK);

          total += weeks * calendar->schedule.week_seconds;
          day += weeks * DAYS_PER_WEEK;
        }

      n = day_intervals (calendar, day, starts, ends);
      for (guint i = 0; i < n; i++)
        {
          gint64 lo = MAX (starts[i], a);
          gint64 hi = MIN (ends[i], b);

          if (hi > lo)
            total += hi - lo;
        }
      day++;
    }
  return total;
}

guint
cd_sla_calendar_get_day (const CdSlaCalendar *calendar,
                         gint64               utc,
                         gint64              *day_start,
                         gint64              *day_end,
                         gint64              *starts,
                         gint64              *ends)
{
  gint64 day;

  g_return_val_if_fail (calendar != NULL, 0);
  g_return_val_if_fail (day_start != NULL && day_end != NULL, 0);
  g_return_val_if_fail (starts != NULL && ends != NULL, 0);

  day = day_of (calendar, utc);
  *day_start = local_to_utc (calendar, day * SECONDS_PER_DAY);
  *day_end = local_to_utc (calendar, (day + 1) * SECONDS_PER_DAY);
  return day_intervals (calendar, day, starts, ends);
}

gboolean
cd_sla_calendar_is_holiday (const CdSlaCalendar *calendar,
                            const char          *day)
{
  gint64 epoch_day;

  g_return_val_if_fail (calendar != NULL, FALSE);

  return parse_date (day, &epoch_day) && is_holiday_day (calendar, epoch_day);
}

CdSlaClock
cd_sla_compute (const CdSlaCalendar *calendar,
                gint64               created_at,
                gint                 first_response_minutes,
                gint                 resolution_minutes,
                gint64               paused_seconds)
{
  CdSlaClock clock = { created_at, created_at };

  g_return_val_if_fail (calendar != NULL, clock);
  g_return_val_if_fail (first_response_minutes >= 0, clock);
  g_return_val_if_fail (resolution_minutes >= 0, clock);

  clock.first_response_due =
    cd_sla_add_business_seconds (calendar, created_at, (gint64) first_response_minutes * 60);
  clock.resolution_due =
    cd_sla_add_business_seconds (calendar, created_at,
                                 (gint64) resolution_minutes * 60 + MAX (paused_seconds, 0));
  return clock;
}

CdSlaState
cd_sla_state (const CdSlaCalendar *calendar,
              gint64               due,
              gint64               started_at,
              gint64               target_seconds,
              gint64               now,
              gint64               completed_at,
              gint64              *seconds_left)
{
  CdSlaState state;
  gint64 left;

  g_return_val_if_fail (calendar != NULL, CD_SLA_STATE_OK);

  if (completed_at != 0)
    {
      if (completed_at <= due)
        {
          state = CD_SLA_STATE_MET;
          left = cd_sla_business_seconds_between (calendar, completed_at, due);
        }
      else
        {
          state = CD_SLA_STATE_BREACHED;
          left = -cd_sla_business_seconds_between (calendar, due, completed_at);
        }
    }
  else if (now >= due)
    {
      state = CD_SLA_STATE_BREACHED;
      left = -cd_sla_business_seconds_between (calendar, due, now);
    }
  else
    {
      gint64 used;

      left = cd_sla_business_seconds_between (calendar, MAX (now, started_at), due);
      used = target_seconds - left;
      /* used / target >= 3/4, in integers */
      if (target_seconds > 0 && used * 4 >= target_seconds * 3)
        state = CD_SLA_STATE_AT_RISK;
      else
        state = CD_SLA_STATE_OK;
    }

  if (seconds_left != NULL)
    *seconds_left = left;
  return state;
}

const char *
cd_sla_state_label (CdSlaState state)
{
  switch (state)
    {
    case CD_SLA_STATE_OK:
      return _("On track");
    case CD_SLA_STATE_AT_RISK:
      return _("At risk");
    case CD_SLA_STATE_BREACHED:
      return _("Breached");
    case CD_SLA_STATE_MET:
      return _("Met");
    default:
      g_return_val_if_reached ("");
    }
}

char *
cd_sla_format_remaining (gint64 seconds)
{
  g_autofree char *duration = NULL;
  gint64 magnitude;

  if (seconds == 0)
    return g_strdup (_("Due now"));

  magnitude = seconds > 0 ? seconds : -(seconds + 1) + 1;
  /* A part of a minute counts as a whole one. */
  duration = cd_datetime_format_duration (magnitude);

  if (seconds > 0)
    /* Translators: %s is a duration such as "2 h 15 min" */
    return g_strdup_printf (C_("sla", "%s left"), duration);
  /* Translators: %s is a duration such as "3 d 4 h" */
  return g_strdup_printf (C_("sla", "%s over"), duration);
}

char *
cd_sla_format_target (gint minutes)
{
  gint hours = MAX (minutes, 0) / 60;
  gint rest = MAX (minutes, 0) % 60;

  if (hours == 0)
    /* Translators: a business-time target, e.g. "45 min" */
    return g_strdup_printf (_("%d min"), rest);
  if (rest == 0)
    /* Translators: a business-time target, e.g. "4 h" */
    return g_strdup_printf (_("%d h"), hours);
  /* Translators: a business-time target, e.g. "1 h 30 min" */
  return g_strdup_printf (_("%d h %d min"), hours, rest);
}

char *
cd_sla_local_timezone (void)
{
  g_autoptr(GTimeZone) local = g_time_zone_new_local ();
  const char *id = g_time_zone_get_identifier (local);
  g_autoptr(GTimeZone) check = NULL;

  /* TZ may name a file (":/etc/localtime") or an offset rule that a
   * calendar on another computer could not read back. */
  if (id != NULL && id[0] != ':' && id[0] != '/' && strchr (id, '/') != NULL)
    check = g_time_zone_new_identifier (id);
  return g_strdup (check != NULL ? id : "UTC");
}

const char *
cd_sla_weekday_name (guint weekday)
{
  g_return_val_if_fail (weekday < DAYS_PER_WEEK, "");
  return _(day_names[weekday]);
}

/* ---- holiday lists ---------------------------------------------------------- */

void
cd_sla_holiday_free (CdSlaHoliday *holiday)
{
  if (holiday == NULL)
    return;
  g_free (holiday->day);
  g_free (holiday->name);
  g_free (holiday);
}

static gboolean
skip_literal (const char **p,
              const char  *literal)
{
  gsize len = strlen (literal);

  if (strncmp (*p, literal, len) != 0)
    return FALSE;
  *p += len;
  return TRUE;
}

static void
skip_spaces (const char **p)
{
  while (**p != '\0' && g_unichar_isspace (g_utf8_get_char (*p)))
    *p = g_utf8_next_char (*p);
}

static gboolean
read_number (const char **p,
             guint        min_digits,
             guint        max_digits,
             guint       *out)
{
  guint n = 0, value = 0;

  while (n < max_digits && g_ascii_isdigit ((*p)[n]))
    {
      value = value * 10 + (guint) g_ascii_digit_value ((*p)[n]);
      n++;
    }
  if (n < min_digits)
    return FALSE;
  *p += n;
  *out = value;
  return TRUE;
}

/* A date at *p in one of the forms people write: 2025-10-01, 2025/10/1,
 * 2025.10.01, 20251001, 2025年10月1日. On success *p is after it and
 * @valid says whether that day exists (2025-02-30 does not). */
static gboolean
read_date (const char **p,
           guint       *year,
           guint       *month,
           guint       *day,
           gboolean    *valid)
{
  const char *q = *p;
  gboolean chinese = FALSE;
  char sep;

  if (!read_number (&q, 4, 4, year))
    return FALSE;
  if (g_ascii_isdigit (*q))
    {
      /* 20251001 */
      if (!read_number (&q, 2, 2, month) || !read_number (&q, 2, 2, day) || g_ascii_isdigit (*q))
        return FALSE;
    }
  else
    {
      if (skip_literal (&q, "年"))
        {
          chinese = TRUE;
          sep = 0;
        }
      else if (*q == '-' || *q == '/' || *q == '.')
        sep = *q++;
      else
        return FALSE;
      if (!read_number (&q, 1, 2, month))
        return FALSE;
      if (chinese ? !skip_literal (&q, "月") : *q++ != sep)
        return FALSE;
      if (!read_number (&q, 1, 2, day) || g_ascii_isdigit (*q))
        return FALSE;
      if (chinese && !skip_literal (&q, "日"))
        skip_literal (&q, "号");
    }

  *valid = *year >= 1 && g_date_valid_dmy ((GDateDay) *day, (GDateMonth) *month, (GDateYear) *year);
  *p = q;
  return TRUE;
}

static const char *const range_separators[] = {
  "..", "–", "—", "~", "～", "至", "到", "-", "to ", NULL,
};

/* What separates a date from the name: spaces and column separators. */
static const char *
skip_to_name (const char *p)
{
  for (;;)
    {
      gunichar c = g_utf8_get_char (p);

      if (c == 0)
        return p;
      if (!g_unichar_isspace (c) && c != ',' && c != ';' && c != ':' && c != '|' &&
          c != 0xFF0C /* ， */ && c != 0x3001 /* 、 */ && c != 0xFF1B /* ； */ && c != 0xFF1A /* ： */)
        return p;
      p = g_utf8_next_char (p);
    }
}

static char *
clean_name (const char *text)
{
  g_autofree char *name = cd_validate_trim (text);
  gsize len = strlen (name);

  /* A spreadsheet's quotes around a column. */
  if (len >= 2 && name[0] == '"' && name[len - 1] == '"')
    {
      g_autofree char *inner = g_strndup (name + 1, len - 2);
      g_auto(GStrv) parts = g_strsplit (inner, "\"\"", -1);

      g_free (name);
      name = g_strjoinv ("\"", parts);
    }
  /* Trailing empty spreadsheet columns. */
  len = strlen (name);
  while (len > 0 && (name[len - 1] == ',' || name[len - 1] == ';' || name[len - 1] == '\t'))
    name[--len] = '\0';
  g_strchomp (name);
  if (name[0] == '\0')
    return NULL;
  return g_steal_pointer (&name);
}

typedef struct {
  GHashTable *days;       /* 'YYYY-MM-DD' → CdSlaHoliday */
  GPtrArray  *problems;
} HolidayList;

static void
add_problem (HolidayList *list,
             guint        line,
             const char  *format,
             ...) G_GNUC_PRINTF (3, 4);

static void
add_problem (HolidayList *list,
             guint        line,
             const char  *format,
             ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  /* Translators: a problem found on one line of a pasted list, e.g.
   * "Line 4: “2025-02-30” is not a day of the calendar." */
  g_ptr_array_add (list->problems, g_strdup_printf (_("Line %u: %s"), line, message));
}

/* Adds the days @first..@last (epoch days) named @name. */
static void
add_days (HolidayList *list,
          guint        line,
          gint64       first,
          gint64       last,
          const char  *name)
{
  GDate epoch;

  if (last < first)
    {
      add_problem (list, line, "%s", _("the last day of the range comes before the first."));
      return;
    }
  if (last - first + 1 > CD_SLA_HOLIDAY_MAX_RANGE_DAYS)
    {
      add_problem (list, line, _("a range of more than %d days; write such holidays on lines of their own."),
                   CD_SLA_HOLIDAY_MAX_RANGE_DAYS);
      return;
    }
  if (name != NULL && g_utf8_strlen (name, -1) > CD_SLA_HOLIDAY_NAME_MAX_CHARS)
    {
      add_problem (list, line, _("the name is longer than %d characters."), CD_SLA_HOLIDAY_NAME_MAX_CHARS);
      return;
    }

  g_date_clear (&epoch, 1);
  g_date_set_dmy (&epoch, 1, G_DATE_JANUARY, 1970);
  for (gint64 d = first; d <= last; d++)
    {
      GDate date = epoch;
      char text[16];

      g_date_add_days (&date, (guint) d);
      g_snprintf (text, sizeof text, "%04u-%02u-%02u",
                  (guint) g_date_get_year (&date), (guint) g_date_get_month (&date),
                  (guint) g_date_get_day (&date));
      if (g_hash_table_contains (list->days, text))
        continue;
      if (g_hash_table_size (list->days) >= CD_SLA_HOLIDAY_MAX_LIST)
        {
          add_problem (list, line, _("the list holds more than %d holidays; add them in parts."),
                       CD_SLA_HOLIDAY_MAX_LIST);
          return;
        }
      {
        CdSlaHoliday *holiday = g_new0 (CdSlaHoliday, 1);

        holiday->day = g_strdup (text);
        holiday->name = g_strdup (name);
        g_hash_table_insert (list->days, holiday->day, holiday);
      }
    }
}

static void
parse_text_line (HolidayList *list,
                 guint        line,
                 const char  *text)
{
  const char *p = text;
  guint y1, m1, d1, y2, m2, d2;
  gboolean valid1, valid2 = TRUE;
  gint64 first, last;
  g_autofree char *name = NULL;

  skip_spaces (&p);
  if (!read_date (&p, &y1, &m1, &d1, &valid1))
    {
      g_autofree char *shown = cd_text_shorten (text, 40);

      add_problem (list, line, _("“%s” does not start with a date; write it as YYYY-MM-DD, for example 2025-10-01."),
                   shown);
      return;
    }
  if (!valid1)
    {
      add_problem (list, line, _("%04u-%02u-%02u is not a day of the calendar."), y1, m1, d1);
      return;
    }
  first = last = epoch_day_from_ymd (y1, m1, d1);

  /* A second date after a range separator ends a run of days. */
  {
    const char *q = p;

    skip_spaces (&q);
    for (guint i = 0; range_separators[i] != NULL; i++)
      {
        const char *r = q;

        if (!skip_literal (&r, range_separators[i]))
          continue;
        skip_spaces (&r);
        if (read_date (&r, &y2, &m2, &d2, &valid2))
          {
            if (!valid2)
              {
                add_problem (list, line, _("%04u-%02u-%02u is not a day of the calendar."), y2, m2, d2);
                return;
              }
            last = epoch_day_from_ymd (y2, m2, d2);
            p = r;
          }
        break;
      }
  }

  name = clean_name (skip_to_name (p));
  add_days (list, line, first, last, name);
}

/* iCalendar ----------------------------------------------------------------- */

static char *
ical_unescape (const char *value)
{
  GString *out = g_string_new (NULL);

  for (const char *p = value; *p != '\0'; p++)
    {
      if (*p == '\\' && p[1] != '\0')
        {
          p++;
          g_string_append_c (out, (*p == 'n' || *p == 'N') ? ' ' : *p);
        }
      else
        g_string_append_c (out, *p);
    }
  return g_string_free (out, FALSE);
}

/* The date of a DTSTART/DTEND value: its first eight digits. */
static gboolean
ical_date (const char *value,
           gint64     *epoch_day)
{
  const char *p = value;
  guint y, m, d;
  gboolean valid;

  if (!read_number (&p, 4, 4, &y) || !read_number (&p, 2, 2, &m) || !read_number (&p, 2, 2, &d))
    return FALSE;
  valid = y >= 1 && g_date_valid_dmy ((GDateDay) d, (GDateMonth) m, (GDateYear) y);
  if (valid)
    *epoch_day = epoch_day_from_ymd (y, m, d);
  return valid;
}

static void
parse_icalendar (HolidayList *list,
                 char       **lines)
{
  g_autoptr(GPtrArray) unfolded = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GArray) numbers = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autofree char *summary = NULL;
  gboolean in_event = FALSE;
  gint64 start = 0, end = 0;
  gboolean has_start = FALSE, has_end = FALSE, end_is_date = FALSE;
  guint event_line = 0;

  /* Long lines continue on lines that start with a space or a tab. */
  for (guint i = 0; lines[i] != NULL; i++)
    {
      guint number = i + 1;

      if ((lines[i][0] == ' ' || lines[i][0] == '\t') && unfolded->len > 0)
        {
          char *joined = g_strconcat (g_ptr_array_index (unfolded, unfolded->len - 1), lines[i] + 1, NULL);

          g_free (g_ptr_array_index (unfolded, unfolded->len - 1));
          g_ptr_array_index (unfolded, unfolded->len - 1) = joined;
          continue;
        }
      g_ptr_array_add (unfolded, g_strdup (lines[i]));
      g_array_append_val (numbers, number);
    }

  for (guint i = 0; i < unfolded->len; i++)
    {
      const char *text = g_ptr_array_index (unfolded, i);
      guint number = g_array_index (numbers, guint, i);
      const char *colon = strchr (text, ':');
      g_autofree char *property = NULL;

      if (g_ascii_strcasecmp (text, "BEGIN:VEVENT") == 0)
        {
          in_event = TRUE;
          has_start = has_end = end_is_date = FALSE;
          g_clear_pointer (&summary, g_free);
          event_line = number;
          continue;
        }
      if (!in_event || colon == NULL)
        continue;
      property = g_ascii_strup (text, colon - text);

      if (g_ascii_strcasecmp (text, "END:VEVENT") == 0)
        {
          in_event = FALSE;
          if (!has_start)
            add_problem (list, event_line, "%s", _("an event without a start date (DTSTART)."));
          else
            {
              g_autofree char *name = summary != NULL ? clean_name (summary) : NULL;

              /* An all-day event ends on the day after its last one. */
              add_days (list, event_line, start,
                        has_end && end > start ? (end_is_date ? end - 1 : end) : start, name);
            }
          continue;
        }
      if (g_str_has_prefix (property, "DTSTART"))
        {
          has_start = ical_date (colon + 1, &start);
          if (!has_start)
            {
              add_problem (list, number, _("“%s” is not a date."), colon + 1);
              has_start = FALSE;
              in_event = FALSE;
            }
        }
      else if (g_str_has_prefix (property, "DTEND"))
        {
          has_end = ical_date (colon + 1, &end);
          /* DTEND;VALUE=DATE:20251008, or a plain date without a time. */
          end_is_date = strstr (property, "VALUE=DATE") != NULL || strchr (colon + 1, 'T') == NULL;
          if (!end_is_date && has_end)
            {
              /* A timed event ending at midnight ends the day before. */
              const char *t = strchr (colon + 1, 'T');

              if (t != NULL && g_str_has_prefix (t, "T000000"))
                end_is_date = TRUE;
            }
        }
      else if (g_str_has_prefix (property, "SUMMARY") && (property[7] == '\0' || property[7] == ';'))
        {
          g_free (summary);
          summary = ical_unescape (colon + 1);
        }
    }
}

static int
compare_holidays (gconstpointer a,
                  gconstpointer b)
{
  const CdSlaHoliday *ha = *(CdSlaHoliday * const *) a;
  const CdSlaHoliday *hb = *(CdSlaHoliday * const *) b;

  return strcmp (ha->day, hb->day);
}

GPtrArray *
cd_sla_holidays_parse (const char  *text,
                       GPtrArray  **problems)
{
  g_autoptr(GHashTable) days = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                                      (GDestroyNotify) cd_sla_holiday_free);
  g_autoptr(GPtrArray) found = g_ptr_array_new_with_free_func ((GDestroyNotify) cd_sla_holiday_free);
  g_autoptr(GPtrArray) messages = g_ptr_array_new_with_free_func (g_free);
  g_auto(GStrv) lines = NULL;
  HolidayList list = { days, messages };
  GHashTableIter iter;
  gpointer value;
  const char *start;
  gboolean heading_allowed = TRUE;

  g_return_val_if_fail (problems != NULL, NULL);

  start = text != NULL ? text : "";
  if (!g_utf8_validate (start, -1, NULL))
    {
      g_ptr_array_add (messages, g_strdup (_("The list is not UTF-8 text. Save it as UTF-8 and try again.")));
      *problems = g_steal_pointer (&messages);
      return g_steal_pointer (&found);
    }
  skip_literal (&start, "\xEF\xBB\xBF");

  lines = g_strsplit_set (start, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      gsize len = strlen (lines[i]);

      if (len > 0 && lines[i][len - 1] == '\r')
        lines[i][len - 1] = '\0';
    }

  {
    g_autofree char *head = cd_validate_trim (start);

    if (g_ascii_strncasecmp (head, "BEGIN:VCALENDAR", 15) == 0)
      parse_icalendar (&list, lines);
    else
      for (guint i = 0; lines[i] != NULL; i++)
        {
          g_autofree char *line = cd_validate_trim (lines[i]);
          gboolean has_digit = FALSE;

          if (line[0] == '\0' || line[0] == '#')
            continue;
          for (const char *p = line; *p != '\0' && !has_digit; p++)
            has_digit = g_ascii_isdigit (*p);
          /* A spreadsheet's column headings ("Date,Name"). */
          if (!has_digit && heading_allowed)
            {
              heading_allowed = FALSE;
              continue;
            }
          heading_allowed = FALSE;
          parse_text_line (&list, i + 1, line);
        }
  }

  g_hash_table_iter_init (&iter, days);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      g_ptr_array_add (found, value);
      g_hash_table_iter_steal (&iter);
    }
  g_ptr_array_sort (found, compare_holidays);

  *problems = g_steal_pointer (&messages);
  return g_steal_pointer (&found);
}
