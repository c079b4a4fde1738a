/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "caredesk-sla"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdlib.h>
#include <string.h>

#include "cd-error.h"
#include "cd-datetime.h"
#include "cd-sla.h"

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
