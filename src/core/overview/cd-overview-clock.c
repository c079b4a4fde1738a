/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "caredesk-overview"

#include "config.h"

#include "cd-overview-private.h"

/* One local day of the calendar: its UTC bounds, its opening intervals,
 * and the business seconds from the first day of the table to its start. */
typedef struct {
  gint64 start;
  gint64 end;
  gint64 before;
  guint  n;
  gint64 starts[CD_SLA_MAX_RANGES_PER_DAY];
  gint64 ends[CD_SLA_MAX_RANGES_PER_DAY];
} Day;

struct _CdOverviewClock
{
  const CdSlaCalendar *calendar;
  GArray              *days;   /* Day, consecutive */
};

CdOverviewClock *
cd_overview_clock_new (const CdSlaCalendar *calendar)
{
  CdOverviewClock *clock;

  g_return_val_if_fail (calendar != NULL, NULL);

  clock = g_new0 (CdOverviewClock, 1);
  clock->calendar = calendar;
  clock->days = g_array_new (FALSE, FALSE, sizeof (Day));
  return clock;
}

void
cd_overview_clock_free (CdOverviewClock *clock)
{
  if (clock == NULL)
    return;
  g_array_unref (clock->days);
  g_free (clock);
}

static gint64
day_seconds (const Day *day)
{
  gint64 total = 0;

  for (guint i = 0; i < day->n; i++)
    total += day->ends[i] - day->starts[i];
  return total;
}

static void
load_day (CdOverviewClock *clock,
          gint64           utc,
          Day             *day)
{
  day->n = cd_sla_calendar_get_day (clock->calendar, utc, &day->start, &day->end,
                                    day->starts, day->ends);
  /* A day that is not a day (a clock change at midnight that never
   * comes back) must still move the table on. */
  if (day->end <= day->start)
    day->end = day->start + 1;
}

/* Grows the table until it holds @utc. */
static void
extend_to (CdOverviewClock *clock,
           gint64           utc)
{
  Day day;

  if (clock->days->len == 0)
    {
      load_day (clock, utc, &day);
      day.before = 0;
      g_array_append_val (clock->days, day);
      return;
    }

  while (utc < g_array_index (clock->days, Day, 0).start)
    {
      const Day *first = &g_array_index (clock->days, Day, 0);

      load_day (clock, first->start - 1, &day);
      day.before = first->before - day_seconds (&day);
      g_array_prepend_val (clock->days, day);
    }
  while (utc >= g_array_index (clock->days, Day, clock->days->len - 1).end)
    {
      const Day *last = &g_array_index (clock->days, Day, clock->days->len - 1);

      load_day (clock, last->end, &day);
      day.before = last->before + day_seconds (last);
      g_array_append_val (clock->days, day);
    }
}

gint64
cd_overview_clock_at (CdOverviewClock *clock,
                      gint64           utc)
{
  const Day *day;
  guint lo, hi;
  gint64 total;

  g_return_val_if_fail (clock != NULL, 0);

  extend_to (clock, utc);

  lo = 0;
  hi = clock->days->len;
  while (hi - lo > 1)
    {
      guint mid = lo + (hi - lo) / 2;

      if (g_array_index (clock->days, Day, mid).start <= utc)
        lo = mid;
      else
        hi = mid;
    }

  day = &g_array_index (clock->days, Day, lo);
  total = day->before;
  for (guint i = 0; i < day->n; i++)
    {
      if (utc <= day->starts[i])
        break;
      total += MIN (utc, day->ends[i]) - day->starts[i];
    }
  return total;
}

gint64
cd_overview_clock_between (CdOverviewClock *clock,
                           gint64           a,
                           gint64           b)
{
  g_return_val_if_fail (clock != NULL, 0);

  if (b <= a)
    return 0;
  return cd_overview_clock_at (clock, b) - cd_overview_clock_at (clock, a);
}
