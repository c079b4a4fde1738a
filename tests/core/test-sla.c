/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-sla"

#include "config.h"

#include <glib.h>
#include <glib/gstdio.h>
#include <string.h>

#include "cd-error.h"
#include "cd-sla.h"
#include "cd-staff.h"
#include "cd-store.h"
#include "cd-store-private.h"
#include "cd-tickets.h"

#define HOUR   G_GINT64_CONSTANT (3600)
#define MINUTE G_GINT64_CONSTANT (60)

/* Monday to Friday, 09:00-18:00: 9 h a day, 45 h a week. */
#define WEEKDAYS_9_TO_6 "09:00-18:00;09:00-18:00;09:00-18:00;09:00-18:00;09:00-18:00;;"
/* Monday to Friday with a lunch break: 3 h + 5 h = 8 h a day. */
#define WEEKDAYS_LUNCH \
  "09:00-12:00,13:00-18:00;09:00-12:00,13:00-18:00;09:00-12:00,13:00-18:00;" \
  "09:00-12:00,13:00-18:00;09:00-12:00,13:00-18:00;;"

/* A wall-clock time in @zone as UTC seconds (GLib's own conversion). */
static gint64
at (const char *zone,
    int         year,
    int         month,
    int         day,
    int         hour,
    int         minute)
{
  g_autoptr(GTimeZone) tz = g_time_zone_new_identifier (zone);
  g_autoptr(GDateTime) dt = NULL;

  g_assert_nonnull (tz);
  dt = g_date_time_new (tz, year, month, day, hour, minute, 0);
  g_assert_nonnull (dt);
  return g_date_time_to_unix (dt);
}

static CdSlaCalendar *
calendar (const char        *zone,
          const char        *schedule,
          const char *const *holidays)
{
  g_autoptr(GError) error = NULL;
  CdSlaCalendar *cal = cd_sla_calendar_new (zone, schedule, holidays, &error);

  g_assert_no_error (error);
  g_assert_nonnull (cal);
  return cal;
}

#define BERLIN(y, mo, d, h, mi) at ("Europe/Berlin", y, mo, d, h, mi)

static void
test_same_day (void)
{
  g_autoptr(CdSlaCalendar) cal = calendar ("Europe/Berlin", WEEKDAYS_9_TO_6, NULL);

  g_assert_cmpstr (cd_sla_calendar_get_timezone (cal), ==, "Europe/Berlin");
  /* 5 days * 9 h = 45 h = 162000 s */
  g_assert_cmpint (cd_sla_calendar_get_week_seconds (cal), ==, 162000);

  /* 2024-01-15 is a Monday. 10:00 + 3 h = 13:00. */
  g_assert_cmpint (cd_sla_add_business_seconds (cal, BERLIN (2024, 1, 15, 10, 0), 3 * HOUR),
                   ==, BERLIN (2024, 1, 15, 13, 0));
  g_assert_cmpint (cd_sla_business_seconds_between (cal, BERLIN (2024, 1, 15, 10, 0),
                                                    BERLIN (2024, 1, 15, 13, 0)), ==, 3 * HOUR);
  /* Raw value: 2024-01-15 12:00 UTC is 1705320000; 13:00 CET is 12:00 UTC. */
  g_assert_cmpint (BERLIN (2024, 1, 15, 13, 0), ==, G_GINT64_CONSTANT (1705320000));
  /* No time, no change; reversed spans count nothing. */
  g_assert_cmpint (cd_sla_add_business_seconds (cal, BERLIN (2024, 1, 15, 10, 0), 0),
                   ==, BERLIN (2024, 1, 15, 10, 0));
  g_assert_cmpint (cd_sla_business_seconds_between (cal, BERLIN (2024, 1, 15, 13, 0),
                                                    BERLIN (2024, 1, 15, 10, 0)), ==, 0);
}

static void
test_overnight (void)
{
  g_autoptr(CdSlaCalendar) cal = calendar ("Europe/Berlin", WEEKDAYS_9_TO_6, NULL);

  /* Mon 17:00 + 2 h: 1 h until 18:00, 1 h from Tue 09:00 → Tue 10:00. */
  g_assert_cmpint (cd_sla_add_business_seconds (cal, BERLIN (2024, 1, 15, 17, 0), 2 * HOUR),
                   ==, BERLIN (2024, 1, 16, 10, 0));
  g_assert_cmpint (cd_sla_business_seconds_between (cal, BERLIN (2024, 1, 15, 17, 0),
                                                    BERLIN (2024, 1, 16, 10, 0)), ==, 2 * HOUR);
  /* Mon 17:00 + 1 h uses the day up exactly: 18:00 the same day. */
  g_assert_cmpint (cd_sla_add_business_seconds (cal, BERLIN (2024, 1, 15, 17, 0), HOUR),
                   ==, BERLIN (2024, 1, 15, 18, 0));
  /* Mon 09:00 → Tue 09:00 is one whole day: 9 h. */
  g_assert_cmpint (cd_sla_business_seconds_between (cal, BERLIN (2024, 1, 15, 9, 0),
                                                    BERLIN (2024, 1, 16, 9, 0)), ==, 9 * HOUR);
}

static void
test_weekend (void)
{
  g_autoptr(CdSlaCalendar) cal = calendar ("Europe/Berlin", WEEKDAYS_9_TO_6, NULL);

  /* Fri 2024-01-19 17:00 + 2 h: 1 h on Friday, Sat and Sun closed, 1 h on
   * Monday → Mon 2024-01-22 10:00. */
  g_assert_cmpint (cd_sla_add_business_seconds (cal, BERLIN (2024, 1, 19, 17, 0), 2 * HOUR),
                   ==, BERLIN (2024, 1, 22, 10, 0));
  g_assert_cmpint (cd_sla_business_seconds_between (cal, BERLIN (2024, 1, 19, 17, 0),
                                                    BERLIN (2024, 1, 22, 10, 0)), ==, 2 * HOUR);
  /* Fri 18:00 → Mon 09:00: nothing. */
  g_assert_cmpint (cd_sla_business_seconds_between (cal, BERLIN (2024, 1, 19, 18, 0),
                                                    BERLIN (2024, 1, 22, 9, 0)), ==, 0);
  /* Mon 00:00 → next Mon 00:00: the nominal 45 h. */
  g_assert_cmpint (cd_sla_business_seconds_between (cal, BERLIN (2024, 1, 15, 0, 0),
                                                    BERLIN (2024, 1, 22, 0, 0)), ==, 45 * HOUR);
}

static void
test_holiday (void)
{
  const char *const holidays[] = { "2024-01-22", " 2024-10-01 ", "2024-01-22", NULL };
  g_autoptr(CdSlaCalendar) cal = calendar ("Europe/Berlin", WEEKDAYS_9_TO_6, holidays);
  const char *const golden_week[] = {
    "2024-10-01", "2024-10-02", "2024-10-03", "2024-10-04",
    "2024-10-05", "2024-10-06", "2024-10-07", NULL,
  };
  g_autoptr(CdSlaCalendar) shanghai = calendar ("Asia/Shanghai", WEEKDAYS_9_TO_6, golden_week);

  g_assert_true (cd_sla_calendar_is_holiday (cal, "2024-01-22"));
  g_assert_true (cd_sla_calendar_is_holiday (cal, "2024-10-01"));
  g_assert_false (cd_sla_calendar_is_holiday (cal, "2024-01-23"));
  g_assert_false (cd_sla_calendar_is_holiday (cal, "not a day"));

  /* Fri 2024-01-19 17:00 + 2 h: 1 h Friday, weekend, Monday the 22nd is a
   * holiday, 1 h Tuesday → Tue 2024-01-23 10:00. */
  g_assert_cmpint (cd_sla_add_business_seconds (cal, BERLIN (2024, 1, 19, 17, 0), 2 * HOUR),
                   ==, BERLIN (2024, 1, 23, 10, 0));
  g_assert_cmpint (cd_sla_business_seconds_between (cal, BERLIN (2024, 1, 19, 17, 0),
                                                    BERLIN (2024, 1, 23, 10, 0)), ==, 2 * HOUR);
  /* The holiday week has 4 working days: 36 h. */
  g_assert_cmpint (cd_sla_business_seconds_between (cal, BERLIN (2024, 1, 22, 0, 0),
                                                    BERLIN (2024, 1, 29, 0, 0)), ==, 36 * HOUR);

  /* National Day week: Mon 2024-09-30 17:00 + 2 h: 1 h on Monday, Oct 1-7
   * closed, 1 h on Tue Oct 8 → 10:00 in Shanghai. */
  g_assert_cmpint (cd_sla_add_business_seconds (shanghai, at ("Asia/Shanghai", 2024, 9, 30, 17, 0), 2 * HOUR),
                   ==, at ("Asia/Shanghai", 2024, 10, 8, 10, 0));
}

static void
test_multi_range (void)
{
  g_autoptr(CdSlaCalendar) cal = calendar ("Europe/Berlin", WEEKDAYS_LUNCH, NULL);
  /* The same ranges written in another order mean the same. */
  g_autoptr(CdSlaCalendar) unordered =
    calendar ("Europe/Berlin", "13:00-18:00, 09:00-12:00;;;;;;", NULL);

  /* 5 * (3 h + 5 h) = 40 h */
  g_assert_cmpint (cd_sla_calendar_get_week_seconds (cal), ==, 40 * HOUR);

  /* Mon 11:00 + 2 h: 1 h to 12:00, lunch, 1 h from 13:00 → 14:00. */
  g_assert_cmpint (cd_sla_add_business_seconds (cal, BERLIN (2024, 1, 15, 11, 0), 2 * HOUR),
                   ==, BERLIN (2024, 1, 15, 14, 0));
  g_assert_cmpint (cd_sla_business_seconds_between (cal, BERLIN (2024, 1, 15, 11, 0),
                                                    BERLIN (2024, 1, 15, 14, 0)), ==, 2 * HOUR);
  /* Mon 11:30 + 30 min ends exactly at the lunch break: 12:00. */
  g_assert_cmpint (cd_sla_add_business_seconds (cal, BERLIN (2024, 1, 15, 11, 30), 30 * MINUTE),
                   ==, BERLIN (2024, 1, 15, 12, 0));
  /* Starting during lunch, 12:30 + 30 min → 13:30. */
  g_assert_cmpint (cd_sla_add_business_seconds (cal, BERLIN (2024, 1, 15, 12, 30), 30 * MINUTE),
                   ==, BERLIN (2024, 1, 15, 13, 30));
  /* A whole day is 8 h. */
  g_assert_cmpint (cd_sla_business_seconds_between (cal, BERLIN (2024, 1, 15, 0, 0),
                                                    BERLIN (2024, 1, 16, 0, 0)), ==, 8 * HOUR);

  /* Only Monday open: Mon 17:00 + 2 h = 1 h Monday + 1 h next Monday from
   * 09:00 → Mon 2024-01-22 10:00. */
  g_assert_cmpint (cd_sla_calendar_get_week_seconds (unordered), ==, 8 * HOUR);
  g_assert_cmpint (cd_sla_add_business_seconds (unordered, BERLIN (2024, 1, 15, 17, 0), 2 * HOUR),
                   ==, BERLIN (2024, 1, 22, 10, 0));
}

static void
test_start_outside_hours (void)
{
  g_autoptr(CdSlaCalendar) cal = calendar ("Europe/Berlin", WEEKDAYS_9_TO_6, NULL);

  /* Sat 03:00 + 1 h: the clock starts Mon 09:00 → 10:00. */
  g_assert_cmpint (cd_sla_add_business_seconds (cal, BERLIN (2024, 1, 20, 3, 0), HOUR),
                   ==, BERLIN (2024, 1, 22, 10, 0));
  /* Mon 06:00 + 1 h → Mon 10:00. */
  g_assert_cmpint (cd_sla_add_business_seconds (cal, BERLIN (2024, 1, 15, 6, 0), HOUR),
                   ==, BERLIN (2024, 1, 15, 10, 0));
  /* Wed 20:00 + 1 h → Thu 10:00. */
  g_assert_cmpint (cd_sla_add_business_seconds (cal, BERLIN (2024, 1, 17, 20, 0), HOUR),
                   ==, BERLIN (2024, 1, 18, 10, 0));
  /* Exactly at closing, one second → Tue 09:00:01. */
  g_assert_cmpint (cd_sla_add_business_seconds (cal, BERLIN (2024, 1, 15, 18, 0), 1),
                   ==, BERLIN (2024, 1, 16, 9, 0) + 1);
  /* 9 h from Sat 03:00 is all of Monday: Mon 18:00, not Tue 09:00. */
  g_assert_cmpint (cd_sla_add_business_seconds (cal, BERLIN (2024, 1, 20, 3, 0), 9 * HOUR),
                   ==, BERLIN (2024, 1, 22, 18, 0));
}

static void
test_dst_spring_forward (void)
{
  g_autoptr(CdSlaCalendar) cal = calendar ("Europe/Berlin", WEEKDAYS_9_TO_6, NULL);
  g_autoptr(CdSlaCalendar) sunday = calendar ("Europe/Berlin", ";;;;;;00:00-24:00", NULL);
  g_autoptr(CdSlaCalendar) gap = calendar ("Europe/Berlin", ";;;;;;02:00-04:00", NULL);
  gint64 start, due;

  /* Berlin jumps from 02:00 CET to 03:00 CEST on Sun 2024-03-31.
   * Fri 2024-03-29 17:00 CET = 16:00 UTC (1711728000). + 2 h: 1 h Friday,
   * 1 h Monday → Mon 2024-04-01 10:00 CEST = 08:00 UTC (1711958400). Real
   * time between: 2 days 16 h = 64 h, not 65 h, as the night lost 1 h. */
  start = BERLIN (2024, 3, 29, 17, 0);
  g_assert_cmpint (start, ==, G_GINT64_CONSTANT (1711728000));
  due = cd_sla_add_business_seconds (cal, start, 2 * HOUR);
  g_assert_cmpint (due, ==, G_GINT64_CONSTANT (1711958400));
  g_assert_cmpint (due - start, ==, 64 * HOUR);
  g_assert_cmpint (cd_sla_business_seconds_between (cal, start, due), ==, 2 * HOUR);

  /* Open all Sunday: that Sunday has only 23 h. */
  g_assert_cmpint (cd_sla_business_seconds_between (sunday, BERLIN (2024, 3, 30, 0, 0),
                                                    BERLIN (2024, 4, 1, 0, 0)), ==, 23 * HOUR);
  /* 23 h from Sunday's start ends at Monday 00:00 CEST. */
  g_assert_cmpint (cd_sla_add_business_seconds (sunday, BERLIN (2024, 3, 30, 12, 0), 23 * HOUR),
                   ==, BERLIN (2024, 4, 1, 0, 0));

  /* 02:00-04:00 on that Sunday: 02:00 does not exist, the range starts at
   * the jump (03:00 CEST = 01:00 UTC) and lasts 1 h. */
  g_assert_cmpint (cd_sla_business_seconds_between (gap, BERLIN (2024, 3, 30, 0, 0),
                                                    BERLIN (2024, 4, 1, 0, 0)), ==, HOUR);
  /* 30 min in → 03:30 CEST = 01:30 UTC = 1711848600. */
  g_assert_cmpint (cd_sla_add_business_seconds (gap, BERLIN (2024, 3, 30, 12, 0), 30 * MINUTE),
                   ==, G_GINT64_CONSTANT (1711848600));
  /* The week before is normal: 2 h. */
  g_assert_cmpint (cd_sla_business_seconds_between (gap, BERLIN (2024, 3, 23, 0, 0),
                                                    BERLIN (2024, 3, 25, 0, 0)), ==, 2 * HOUR);
}

static void
test_dst_fall_back (void)
{
  g_autoptr(CdSlaCalendar) cal = calendar ("Europe/Berlin", WEEKDAYS_9_TO_6, NULL);
  g_autoptr(CdSlaCalendar) sunday = calendar ("Europe/Berlin", ";;;;;;00:00-24:00", NULL);
  g_autoptr(CdSlaCalendar) twice = calendar ("Europe/Berlin", ";;;;;;02:00-03:00", NULL);
  gint64 start, due;

  /* Berlin falls back from 03:00 CEST to 02:00 CET on Sun 2024-10-27.
   * Fri 2024-10-25 17:00 CEST = 15:00 UTC; + 2 h: 1 h Friday, 1 h Monday →
   * Mon 10:00 CET = 09:00 UTC. Real time: 2 days 18 h = 66 h, not 65 h. */
  start = BERLIN (2024, 10, 25, 17, 0);
  due = cd_sla_add_business_seconds (cal, start, 2 * HOUR);
  g_assert_cmpint (due, ==, BERLIN (2024, 10, 28, 10, 0));
  g_assert_cmpint (due - start, ==, 66 * HOUR);
  g_assert_cmpint (cd_sla_business_seconds_between (cal, start, due), ==, 2 * HOUR);

  /* That Sunday lasts 25 h. */
  g_assert_cmpint (cd_sla_business_seconds_between (sunday, BERLIN (2024, 10, 26, 0, 0),
                                                    BERLIN (2024, 10, 28, 0, 0)), ==, 25 * HOUR);

  /* 02:00-03:00 happens twice: from the first 02:00 (CEST, 00:00 UTC) to
   * 03:00 CET (02:00 UTC) = 2 h. */
  g_assert_cmpint (cd_sla_business_seconds_between (twice, BERLIN (2024, 10, 26, 0, 0),
                                                    BERLIN (2024, 10, 28, 0, 0)), ==, 2 * HOUR);
  /* 1 h in is 01:00 UTC (1729990800), the second 02:00 on the wall. */
  g_assert_cmpint (cd_sla_add_business_seconds (twice, BERLIN (2024, 10, 26, 12, 0), HOUR),
                   ==, G_GINT64_CONSTANT (1729990800));
}

static void
test_long_span (void)
{
  g_autoptr(CdSlaCalendar) cal = calendar ("Europe/Berlin", WEEKDAYS_9_TO_6, NULL);
  const char *const christmas[] = {
    "2024-12-25", "2025-12-25", "2026-12-25", "2027-12-25", "2028-12-25",
    "2029-12-25", "2030-12-25", "2031-12-25", "2032-12-25", "2033-12-25", NULL,
  };
  g_autoptr(CdSlaCalendar) with_holidays = calendar ("Europe/Berlin", WEEKDAYS_9_TO_6, christmas);
  gint64 start = BERLIN (2024, 1, 1, 0, 0);   /* a Monday */
  gint64 end = BERLIN (2034, 1, 1, 0, 0);
  gint64 began = g_get_monotonic_time ();

  /* 2024..2033: 3 leap years * 366 + 7 * 365 = 3653 days = 521 weeks + 6
   * days (Mon..Sat). Weekdays: 521 * 5 + 5 = 2610; * 9 h = 23490 h =
   * 84564000 s. Twenty clock changes fall on Sunday nights: no effect. */
  g_assert_cmpint (cd_sla_business_seconds_between (cal, start, end), ==, G_GINT64_CONSTANT (84564000));
  /* All of it from the start ends at the last working day's close: Fri
   * 2033-12-30 18:00 CET = 17:00 UTC = 2019574800. */
  g_assert_cmpint (cd_sla_add_business_seconds (cal, start, G_GINT64_CONSTANT (84564000)),
                   ==, G_GINT64_CONSTANT (2019574800));

  /* Christmas is a weekday in 2024 (Wed), 2025 (Thu), 2026 (Fri),
   * 2028 (Mon), 2029 (Tue), 2030 (Wed), 2031 (Thu): 7 * 9 h = 226800 s
   * fewer = 84337200 s. */
  g_assert_cmpint (cd_sla_business_seconds_between (with_holidays, start, end),
                   ==, G_GINT64_CONSTANT (84337200));
  g_assert_cmpint (cd_sla_add_business_seconds (with_holidays, start, G_GINT64_CONSTANT (84337200)),
                   ==, G_GINT64_CONSTANT (2019574800));

  /* Four ten-year computations: far below a second when whole weeks are
   * skipped (walking seconds would take minutes). */
  g_assert_cmpint (g_get_monotonic_time () - began, <, G_USEC_PER_SEC);
}

static void
test_tz_change (void)
{
  g_autoptr(CdSlaCalendar) shanghai = calendar ("Asia/Shanghai", WEEKDAYS_9_TO_6, NULL);
  g_autoptr(CdSlaCalendar) berlin = calendar ("Europe/Berlin", WEEKDAYS_9_TO_6, NULL);
  g_autoptr(CdSlaCalendar) new_york = calendar ("America/New_York", "09:00-17:00;09:00-17:00;09:00-17:00;09:00-17:00;09:00-17:00;;", NULL);
  gint64 created = G_GINT64_CONSTANT (1705284000);   /* Mon 2024-01-15 02:00 UTC */
  gint64 start;

  /* Shanghai (UTC+8): 10:00 + 4 h = 14:00 CST = 06:00 UTC (1705298400). */
  g_assert_cmpint (cd_sla_add_business_seconds (shanghai, created, 4 * HOUR),
                   ==, G_GINT64_CONSTANT (1705298400));
  /* Berlin (UTC+1): 03:00, opens 09:00 CET = 08:00 UTC, + 4 h = 12:00 UTC
   * (1705320000). */
  g_assert_cmpint (cd_sla_add_business_seconds (berlin, created, 4 * HOUR),
                   ==, G_GINT64_CONSTANT (1705320000));

  /* New York moves to EDT on Sun 2024-03-10. Fri 2024-03-08 16:00 EST =
   * 21:00 UTC (1709931600); 8 h: 1 h Friday, 7 h Monday → Mon 16:00 EDT =
   * 20:00 UTC (1710187200): 71 h later, not 72 h. */
  start = at ("America/New_York", 2024, 3, 8, 16, 0);
  g_assert_cmpint (start, ==, G_GINT64_CONSTANT (1709931600));
  g_assert_cmpint (cd_sla_add_business_seconds (new_york, start, 8 * HOUR),
                   ==, G_GINT64_CONSTANT (1710187200));
}

static void
test_pause (void)
{
  g_autoptr(CdSlaCalendar) cal = calendar ("Europe/Berlin", WEEKDAYS_9_TO_6, NULL);
  gint64 created = BERLIN (2024, 1, 15, 9, 0);
  gint64 paused = 0;
  gint64 left = 0;
  CdSlaClock clock;

  /* No pause: first response 60 min → Mon 10:00; resolution 480 min = 8 h
   * → Mon 17:00. */
  clock = cd_sla_compute (cal, created, 60, 480, 0);
  g_assert_cmpint (clock.first_response_due, ==, BERLIN (2024, 1, 15, 10, 0));
  g_assert_cmpint (clock.resolution_due, ==, BERLIN (2024, 1, 15, 17, 0));

  /* Pending from Mon 17:00 to Tue 10:00: 1 h + 1 h of business time. */
  paused += cd_sla_business_seconds_between (cal, BERLIN (2024, 1, 15, 17, 0),
                                             BERLIN (2024, 1, 16, 10, 0));
  g_assert_cmpint (paused, ==, 2 * HOUR);

  /* Resolution: 8 h + 2 h = 10 h from Mon 09:00 = 9 h Monday + 1 h → Tue
   * 10:00. The first-response deadline does not move. */
  clock = cd_sla_compute (cal, created, 60, 480, paused);
  g_assert_cmpint (clock.first_response_due, ==, BERLIN (2024, 1, 15, 10, 0));
  g_assert_cmpint (clock.resolution_due, ==, BERLIN (2024, 1, 16, 10, 0));

  /* At Tue 09:00: 1 h left, 8 h - 1 h = 7 h used of 8 h ≥ 6 h → at risk. */
  g_assert_cmpint (cd_sla_state (cal, clock.resolution_due, created, 480 * MINUTE,
                                 BERLIN (2024, 1, 16, 9, 0), 0, &left), ==, CD_SLA_STATE_AT_RISK);
  g_assert_cmpint (left, ==, HOUR);
  /* At Mon 12:00 (before the pause): 3 h used of 8 h → on track; left is
   * 6 h Monday + 1 h Tuesday = 7 h (the 2 h paused are not "used"). */
  g_assert_cmpint (cd_sla_state (cal, clock.resolution_due, created, 480 * MINUTE,
                                 BERLIN (2024, 1, 15, 12, 0), 0, &left), ==, CD_SLA_STATE_OK);
  g_assert_cmpint (left, ==, 7 * HOUR);
}

static void
test_at_risk_75 (void)
{
  g_autoptr(CdSlaCalendar) cal = calendar ("Europe/Berlin", WEEKDAYS_9_TO_6, NULL);
  gint64 created = BERLIN (2024, 1, 15, 9, 0);
  gint64 target = 4 * HOUR;   /* 75 % = 3 h */
  gint64 due = cd_sla_add_business_seconds (cal, created, target);
  gint64 left = 0;

  g_assert_cmpint (due, ==, BERLIN (2024, 1, 15, 13, 0));

  /* 11:59:59: 2 h 59 min 59 s used, 1 s short of 75 %. */
  g_assert_cmpint (cd_sla_state (cal, due, created, target, BERLIN (2024, 1, 15, 12, 0) - 1, 0, &left),
                   ==, CD_SLA_STATE_OK);
  g_assert_cmpint (left, ==, HOUR + 1);
  /* 12:00: exactly 3 h used = 75 %. */
  g_assert_cmpint (cd_sla_state (cal, due, created, target, BERLIN (2024, 1, 15, 12, 0), 0, &left),
                   ==, CD_SLA_STATE_AT_RISK);
  g_assert_cmpint (left, ==, HOUR);
  /* Before the clock starts, the whole target is left. */
  g_assert_cmpint (cd_sla_state (cal, due, created, target, created - HOUR, 0, &left),
                   ==, CD_SLA_STATE_OK);
  g_assert_cmpint (left, ==, target);

  /* Over a night: 8 h from Mon 14:00 = 4 h Monday + 4 h → Tue 13:00. */
  due = cd_sla_add_business_seconds (cal, BERLIN (2024, 1, 15, 14, 0), 8 * HOUR);
  g_assert_cmpint (due, ==, BERLIN (2024, 1, 16, 13, 0));
  /* Tue 08:00: 4 h used of 8 → on track, 4 h left. */
  g_assert_cmpint (cd_sla_state (cal, due, BERLIN (2024, 1, 15, 14, 0), 8 * HOUR,
                                 BERLIN (2024, 1, 16, 8, 0), 0, &left), ==, CD_SLA_STATE_OK);
  g_assert_cmpint (left, ==, 4 * HOUR);
  /* Tue 11:00: 6 h used = 75 % → at risk, 2 h left. */
  g_assert_cmpint (cd_sla_state (cal, due, BERLIN (2024, 1, 15, 14, 0), 8 * HOUR,
                                 BERLIN (2024, 1, 16, 11, 0), 0, &left), ==, CD_SLA_STATE_AT_RISK);
  g_assert_cmpint (left, ==, 2 * HOUR);
}

static void
test_breach (void)
{
  g_autoptr(CdSlaCalendar) cal = calendar ("Europe/Berlin", WEEKDAYS_9_TO_6, NULL);
  gint64 created = BERLIN (2024, 1, 15, 14, 0);
  gint64 due = cd_sla_add_business_seconds (cal, created, 4 * HOUR);   /* Mon 18:00 */
  gint64 left = 42;

  g_assert_cmpint (due, ==, BERLIN (2024, 1, 15, 18, 0));

  /* Still open at the deadline: breached, nothing left. */
  g_assert_cmpint (cd_sla_state (cal, due, created, 4 * HOUR, due, 0, &left), ==, CD_SLA_STATE_BREACHED);
  g_assert_cmpint (left, ==, 0);
  /* Mon 22:00: past the deadline, but no business time over yet. */
  g_assert_cmpint (cd_sla_state (cal, due, created, 4 * HOUR, BERLIN (2024, 1, 15, 22, 0), 0, &left),
                   ==, CD_SLA_STATE_BREACHED);
  g_assert_cmpint (left, ==, 0);
  /* Tue 10:00: 1 h over. */
  g_assert_cmpint (cd_sla_state (cal, due, created, 4 * HOUR, BERLIN (2024, 1, 16, 10, 0), 0, &left),
                   ==, CD_SLA_STATE_BREACHED);
  g_assert_cmpint (left, ==, -HOUR);

  /* Completed Mon 16:30: met with 1 h 30 min to spare, whatever now is. */
  g_assert_cmpint (cd_sla_state (cal, due, created, 4 * HOUR, BERLIN (2024, 1, 20, 0, 0),
                                 BERLIN (2024, 1, 15, 16, 30), &left), ==, CD_SLA_STATE_MET);
  g_assert_cmpint (left, ==, 90 * MINUTE);
  /* Completed exactly at the deadline: met. */
  g_assert_cmpint (cd_sla_state (cal, due, created, 4 * HOUR, due, due, &left), ==, CD_SLA_STATE_MET);
  g_assert_cmpint (left, ==, 0);
  /* Completed Wed 09:30: 9 h Tuesday + 30 min late. */
  g_assert_cmpint (cd_sla_state (cal, due, created, 4 * HOUR, BERLIN (2024, 1, 20, 0, 0),
                                 BERLIN (2024, 1, 17, 9, 30), &left), ==, CD_SLA_STATE_BREACHED);
  g_assert_cmpint (left, ==, -(9 * HOUR + 30 * MINUTE));
  /* The out-parameter is optional. */
  g_assert_cmpint (cd_sla_state (cal, due, created, 4 * HOUR, created, 0, NULL), ==, CD_SLA_STATE_OK);

  g_assert_cmpstr (cd_sla_state_label (CD_SLA_STATE_BREACHED), ==, "Breached");
  g_assert_cmpstr (cd_sla_state_label (CD_SLA_STATE_AT_RISK), ==, "At risk");
}

static void
assert_invalid (const char        *zone,
                const char        *schedule,
                const char *const *holidays,
                const char        *fragment)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CdSlaCalendar) cal = cd_sla_calendar_new (zone, schedule, holidays, &error);

  g_assert_null (cal);
  g_assert_error (error, CD_STORE_ERROR, CD_STORE_ERROR_INVALID);
  if (strstr (error->message, fragment) == NULL)
    g_error ("“%s” does not mention “%s”", error->message, fragment);
}

static void
test_invalid_schedule (void)
{
  const char *const bad_holiday[] = { "2024-02-30", NULL };
  g_autoptr(GError) error = NULL;

  assert_invalid ("UTC", ";;;;;;", NULL, "The schedule has no working hours");
  assert_invalid ("UTC", "", NULL, "seven days");
  assert_invalid ("UTC", "09:00-18:00;09:00-18:00", NULL, "it lists 2");
  assert_invalid ("UTC", "09:00-18:00;09:00-18:00;;;;;;", NULL, "it lists 8");
  /* Reversed on Tuesday. */
  assert_invalid ("UTC", "09:00-18:00;18:00-09:00;;;;;", NULL, "Tuesday");
  assert_invalid ("UTC", "09:00-18:00;18:00-09:00;;;;;", NULL, "closing time is not after the opening time");
  assert_invalid ("UTC", ";;09:00-09:00;;;;", NULL, "Wednesday");
  /* Overlapping on Thursday, named in order. */
  assert_invalid ("UTC", ";;;13:00-18:00,09:00-14:00;;;", NULL, "Thursday: the opening ranges 09:00-14:00 and 13:00-18:00 overlap");
  assert_invalid ("UTC", ";;;;9-18;;", NULL, "Friday: “9” is not an opening time");
  assert_invalid ("UTC", ";;;;;09:60-10:00;", NULL, "Saturday: “09:60” is not an opening time");
  assert_invalid ("UTC", ";;;;;;24:00-24:00", NULL, "Sunday: “24:00” is not an opening time");
  assert_invalid ("UTC", ";;;;;;10:00-25:00", NULL, "“25:00” is not a closing time");
  assert_invalid ("UTC", "09:00-12:00,;;;;;;", NULL, "empty opening range");
  assert_invalid ("UTC", "09:00-18:00-19:00;;;;;;", NULL, "HH:MM-HH:MM");
  assert_invalid ("Mars/Olympus_Mons", WEEKDAYS_9_TO_6, NULL, "“Mars/Olympus_Mons” is not a known time zone");
  assert_invalid ("", WEEKDAYS_9_TO_6, NULL, "no time zone");
  assert_invalid ("UTC", WEEKDAYS_9_TO_6, bad_holiday, "“2024-02-30” is not a holiday date");

  /* The same check alone, for forms. */
  g_assert_true (cd_sla_week_schedule_validate (WEEKDAYS_LUNCH, NULL));
  g_assert_true (cd_sla_week_schedule_validate ("9:00-12:00 , 12:00-24:00;;;;;;", NULL));
  g_assert_false (cd_sla_week_schedule_validate (";;;;;;", &error));
  g_assert_error (error, CD_STORE_ERROR, CD_STORE_ERROR_INVALID);
}

/* An independent count: walk every minute in UTC and ask GLib whether the
 * wall clock there is inside the opening hours. */
static gint64
count_minutes (const char *zone,
               gint64      a,
               gint64      b,
               const char *holiday)
{
  g_autoptr(GTimeZone) tz = g_time_zone_new_identifier (zone);
  gint64 total = 0;

  for (gint64 t = a; t < b; t += 60)
    {
      g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (t);
      g_autoptr(GDateTime) local = g_date_time_to_timezone (utc, tz);
      g_autofree char *day = g_date_time_format (local, "%F");
      int dow = g_date_time_get_day_of_week (local);   /* 1 = Monday */
      int minute = g_date_time_get_hour (local) * 60 + g_date_time_get_minute (local);

      if (dow > 5 || g_strcmp0 (day, holiday) == 0)
        continue;
      /* WEEKDAYS_LUNCH */
      if ((minute >= 9 * 60 && minute < 12 * 60) || (minute >= 13 * 60 && minute < 18 * 60))
        total += 60;
    }
  return total;
}

static void
test_round_trip (void)
{
  const char *const holidays[] = { "2024-04-01", NULL };
  g_autoptr(CdSlaCalendar) cal = calendar ("Europe/Berlin", WEEKDAYS_LUNCH, holidays);
  gint64 a = BERLIN (2024, 3, 1, 10, 17);
  gint64 b = BERLIN (2024, 5, 29, 15, 43);
  static const gint64 amounts[] = { 1, 59, 3600, 8 * 3600, 40 * 3600 + 1, 1000003 };

  /* Mar 1 - May 29 crosses the spring change and Easter Monday (a
   * holiday here), with whole weeks skipped in the middle. */
  g_assert_cmpint (cd_sla_business_seconds_between (cal, a, b), ==,
                   count_minutes ("Europe/Berlin", a, b, "2024-04-01"));

  /* add() and between() agree, from starts inside and outside hours. */
  for (gint64 start = a; start < b; start += 7 * HOUR + 13 * MINUTE)
    for (guint i = 0; i < G_N_ELEMENTS (amounts); i++)
      {
        gint64 due = cd_sla_add_business_seconds (cal, start, amounts[i]);

        g_assert_cmpint (cd_sla_business_seconds_between (cal, start, due), ==, amounts[i]);
        /* ...and the deadline is the earliest such instant. */
        g_assert_cmpint (cd_sla_business_seconds_between (cal, start, due - 1), ==, amounts[i] - 1);
      }
}

static void
test_format (void)
{
  struct { gint64 seconds; const char *text; } cases[] = {
    { 2 * HOUR + 15 * MINUTE, "2 h 15 min left" },       /* 8100 s */
    { -(3 * 86400 + 4 * HOUR), "3 d 4 h over" },          /* 76 h */
    { 0, "Due now" },
    { 1, "1 min left" },                                   /* a started minute counts */
    { 59, "1 min left" },
    { 60, "1 min left" },
    { 61, "2 min left" },
    { -90, "2 min over" },
    { HOUR, "1 h left" },
    { 86400, "1 d left" },
    { 86400 + 30 * MINUTE, "1 d left" },                    /* minutes dropped beside days */
    { 2 * 86400 + 23 * HOUR + 59 * MINUTE, "2 d 23 h left" },
    { -(45 * MINUTE), "45 min over" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = cd_sla_format_remaining (cases[i].seconds);

      g_assert_cmpstr (text, ==, cases[i].text);
    }
}

/* SLA settings in the team file ------------------------------------------------ */

#define SHANGHAI(y, mo, d, h, mi) at ("Asia/Shanghai", y, mo, d, h, mi)

typedef struct {
  char    *dir;
  char    *path;
  CdStore *lead;
  CdStore *rep;
  gint64   customer;
} Team;

static CdStore *
open_as (const char *path,
         const char *login)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CdStore) store = cd_store_open (path, CD_STORE_OPEN_CREATE | CD_STORE_OPEN_NO_WATCH, &error);

  g_assert_no_error (error);
  cd_store_sign_in (store, login, NULL, &error);
  g_assert_no_error (error);
  return g_steal_pointer (&store);
}

static void
team_set_up (Team          *t,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CdStore) admin = NULL;
  const CdField customer[] = { { "name", "Acme" } };

  t->dir = g_dir_make_tmp ("caredesk-sla-XXXXXX", &error);
  g_assert_no_error (error);
  t->path = g_build_filename (t->dir, "team.caredesk", NULL);
  admin = open_as (t->path, "admin");
  cd_staff_add (admin, "lead", "Li Na", CD_ROLE_LEAD, &error);
  g_assert_no_error (error);
  cd_staff_add (admin, "rep", "Wang Wei", CD_ROLE_REP, &error);
  g_assert_no_error (error);
  t->customer = cd_store_insert (admin, "customers", customer, 1, &error);
  g_assert_no_error (error);
  t->lead = open_as (t->path, "lead");
  t->rep = open_as (t->path, "rep");
}

static void
team_tear_down (Team          *t,
                gconstpointer  data)
{
  g_autoptr(GDir) dir = NULL;
  const char *name;

  g_clear_object (&t->lead);
  g_clear_object (&t->rep);
  dir = g_dir_open (t->dir, 0, NULL);
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *file = g_build_filename (t->dir, name, NULL);
      g_unlink (file);
    }
  g_assert_cmpint (g_rmdir (t->dir), ==, 0);
  g_free (t->path);
  g_free (t->dir);
}

static CdTicket *
new_ticket (Team       *t,
            gint64      when,
            CdPriority  priority)
{
  g_autoptr(GError) error = NULL;
  CdTicket *ticket;
  gint64 id;

  cd_store_set_now (t->rep, when);
  id = cd_ticket_create (t->rep, t->customer, "Printer offline", NULL, CD_CHANNEL_PHONE, 0, priority, 0, &error);
  g_assert_no_error (error);
  ticket = cd_ticket_load (t->rep, id, &error);
  g_assert_no_error (error);
  return ticket;
}

static gint64
target_version (CdStore    *store,
                CdPriority  priority,
                int         tier)
{
  g_autoptr(GPtrArray) targets = cd_sla_targets_list (store, NULL);

  g_assert_nonnull (targets);
  for (guint i = 0; i < targets->len; i++)
    {
      CdSlaTarget *target = g_ptr_array_index (targets, i);

      if (target->priority == priority && target->tier == tier)
        return target->version;
    }
  return 0;
}

/* What the lead sets applies to deadlines set from then on; the tickets
 * already there keep theirs. */
static void
test_settings_new_deadlines_only (Team          *t,
                                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CdSlaHours) hours = NULL;
  g_autoptr(CdTicket) before = NULL;
  g_autoptr(CdTicket) before_again = NULL;
  g_autoptr(CdTicket) after = NULL;
  g_autoptr(GPtrArray) holiday = g_ptr_array_new_with_free_func ((GDestroyNotify) cd_sla_holiday_free);
  CdSlaHoliday *tuesday;

  /* Monday to Friday, 09:00-18:00; normal tickets: 1 h / 8 h. */
  hours = cd_sla_hours_load (t->lead, &error);
  g_assert_no_error (error);
  g_assert_true (cd_sla_hours_save (t->lead, hours->version, "Asia/Shanghai", WEEKDAYS_9_TO_6, &error));
  g_assert_no_error (error);
  g_assert_true (cd_sla_target_save (t->lead, CD_PRIORITY_NORMAL, CD_SLA_ANY_TIER, 0, 60, 480, &error));
  g_assert_no_error (error);

  /* Monday 2024-03-04, 10:00. */
  before = new_ticket (t, SHANGHAI (2024, 3, 4, 10, 0), CD_PRIORITY_NORMAL);
  g_assert_cmpint (before->first_response_due, ==, SHANGHAI (2024, 3, 4, 11, 0));
  g_assert_cmpint (before->resolution_due, ==, SHANGHAI (2024, 3, 4, 18, 0));

  /* Tighter targets, a shorter day and Tuesday off. */
  g_assert_true (cd_sla_target_save (t->lead, CD_PRIORITY_NORMAL, CD_SLA_ANY_TIER,
                                     target_version (t->lead, CD_PRIORITY_NORMAL, CD_SLA_ANY_TIER),
                                     30, 240, &error));
  g_assert_no_error (error);
  g_clear_pointer (&hours, cd_sla_hours_free);
  hours = cd_sla_hours_load (t->lead, &error);
  g_assert_true (cd_sla_hours_save (t->lead, hours->version, "Asia/Shanghai",
                                    "09:00-17:00;09:00-17:00;09:00-17:00;09:00-17:00;09:00-17:00;;", &error));
  g_assert_no_error (error);
  tuesday = g_new0 (CdSlaHoliday, 1);
  tuesday->day = g_strdup ("2024-03-05");
  g_ptr_array_add (holiday, tuesday);
  g_assert_true (cd_sla_holidays_add (t->lead, holiday, NULL, &error));
  g_assert_no_error (error);

  /* The first ticket kept its deadlines... */
  before_again = cd_ticket_load (t->rep, before->id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (before_again->first_response_due, ==, before->first_response_due);
  g_assert_cmpint (before_again->resolution_due, ==, before->resolution_due);

  /* ... and a new one gets the new rules: 30 min, and 4 h that skip the
   * end of Monday at 17:00 and the Tuesday off. */
  after = new_ticket (t, SHANGHAI (2024, 3, 4, 15, 0), CD_PRIORITY_NORMAL);
  g_assert_cmpint (after->first_response_due, ==, SHANGHAI (2024, 3, 4, 15, 30));
  g_assert_cmpint (after->resolution_due, ==, SHANGHAI (2024, 3, 6, 11, 0));

  /* Each change is in the audit log, with the old and new value. */
  g_assert_cmpint (cd_store_query_int (t->lead,
                                       "SELECT count(*) FROM audit_log WHERE entity = 'sla_policies'"
                                       " AND field = 'resolution_minutes' AND old_value = '480' AND new_value = '240'",
                                       CD_NO_BIND, 0, NULL), ==, 1);
  g_assert_cmpint (cd_store_query_int (t->lead,
                                       "SELECT count(*) FROM audit_log WHERE entity = 'business_calendars'"
                                       " AND field = 'week_schedule' AND action = 'update'",
                                       CD_NO_BIND, 0, NULL), ==, 1);
  g_assert_cmpint (cd_store_query_int (t->lead,
                                       "SELECT count(*) FROM audit_log WHERE entity = 'holidays'"
                                       " AND field = 'day' AND new_value = '2024-03-05'",
                                       CD_NO_BIND, 0, NULL), ==, 1);
}

static void
test_settings_targets (Team          *t,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) targets = NULL;
  gint64 seen;

  g_assert_true (cd_sla_target_save (t->lead, CD_PRIORITY_LOW, CD_SLA_ANY_TIER, 0, 480, 2700, &error));
  g_assert_no_error (error);
  g_assert_true (cd_sla_target_save (t->lead, CD_PRIORITY_URGENT, CD_SLA_ANY_TIER, 0, 30, 240, &error));
  g_assert_no_error (error);
  g_assert_true (cd_sla_target_save (t->lead, CD_PRIORITY_URGENT, CD_TIER_STRATEGIC, 0, 15, 120, &error));
  g_assert_no_error (error);

  /* Most urgent first; for each, any tier before the tiers. */
  targets = cd_sla_targets_list (t->rep, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (targets->len, ==, 3);
  g_assert_cmpint (((CdSlaTarget *) targets->pdata[0])->priority, ==, CD_PRIORITY_URGENT);
  g_assert_cmpint (((CdSlaTarget *) targets->pdata[0])->tier, ==, CD_SLA_ANY_TIER);
  g_assert_cmpint (((CdSlaTarget *) targets->pdata[1])->tier, ==, CD_TIER_STRATEGIC);
  g_assert_cmpint (((CdSlaTarget *) targets->pdata[1])->first_response_minutes, ==, 15);
  g_assert_cmpint (((CdSlaTarget *) targets->pdata[2])->priority, ==, CD_PRIORITY_LOW);

  /* The second of two leads editing the same row is told. */
  seen = target_version (t->lead, CD_PRIORITY_URGENT, CD_SLA_ANY_TIER);
  g_assert_true (cd_sla_target_save (t->lead, CD_PRIORITY_URGENT, CD_SLA_ANY_TIER, seen, 20, 240, &error));
  g_assert_no_error (error);
  g_assert_false (cd_sla_target_save (t->lead, CD_PRIORITY_URGENT, CD_SLA_ANY_TIER, seen, 25, 240, &error));
  g_assert_error (error, CD_STORE_ERROR, CD_STORE_ERROR_STALE);
  g_clear_error (&error);
  /* So is one who saw no row where one was made meanwhile. */
  g_assert_false (cd_sla_target_save (t->lead, CD_PRIORITY_LOW, CD_SLA_ANY_TIER, 0, 60, 600, &error));
  g_assert_error (error, CD_STORE_ERROR, CD_STORE_ERROR_STALE);
  g_clear_error (&error);
  g_assert_true (cd_sla_target_save (t->lead, CD_PRIORITY_URGENT, CD_SLA_ANY_TIER, CD_SLA_OVERWRITE, 25, 240, &error));
  g_assert_no_error (error);

  /* Nonsense targets and reps are refused, nothing written. */
  g_assert_false (cd_sla_target_save (t->lead, CD_PRIORITY_HIGH, CD_SLA_ANY_TIER, 0, 60, 30, &error));
  g_assert_error (error, CD_STORE_ERROR, CD_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (cd_sla_target_save (t->lead, CD_PRIORITY_HIGH, CD_SLA_ANY_TIER, 0, 0, 30, &error));
  g_assert_error (error, CD_STORE_ERROR, CD_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (cd_sla_target_save (t->rep, CD_PRIORITY_HIGH, CD_SLA_ANY_TIER, 0, 60, 480, &error));
  g_assert_error (error, CD_STORE_ERROR, CD_STORE_ERROR_PERMISSION);
  g_clear_error (&error);
  g_assert_cmpint (target_version (t->lead, CD_PRIORITY_HIGH, CD_SLA_ANY_TIER), ==, 0);

  g_assert_true (cd_sla_policy_remove (t->lead, CD_PRIORITY_URGENT, CD_TIER_STRATEGIC, &error));
  g_assert_no_error (error);
  g_assert_cmpint (target_version (t->lead, CD_PRIORITY_URGENT, CD_TIER_STRATEGIC), ==, 0);
}

static void
test_settings_hours (Team          *t,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CdSlaHours) none = NULL;
  g_autoptr(CdSlaHours) saved = NULL;
  g_autofree char *local = NULL;

  /* Without a calendar the clock runs around the clock. */
  none = cd_sla_hours_load (t->rep, &error);
  g_assert_no_error (error);
  g_assert_cmpint (none->id, ==, 0);
  g_assert_cmpstr (none->timezone, ==, "UTC");
  g_assert_true (cd_sla_week_schedule_validate (none->week_schedule, NULL));

  /* Bad schedules and zones say what is wrong; nothing is written. */
  g_assert_false (cd_sla_hours_save (t->lead, 0, "Asia/Shanghai",
                                     "18:00-09:00;;;;;;", &error));
  g_assert_error (error, CD_STORE_ERROR, CD_STORE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "Monday"));
  g_clear_error (&error);
  g_assert_false (cd_sla_hours_save (t->lead, 0, "Mars/Olympus", WEEKDAYS_9_TO_6, &error));
  g_assert_error (error, CD_STORE_ERROR, CD_STORE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "Mars/Olympus"));
  g_clear_error (&error);
  g_assert_false (cd_sla_hours_save (t->rep, 0, "Asia/Shanghai", WEEKDAYS_9_TO_6, &error));
  g_assert_error (error, CD_STORE_ERROR, CD_STORE_ERROR_PERMISSION);
  g_clear_error (&error);

  g_assert_true (cd_sla_hours_save (t->lead, 0, "Europe/Berlin", WEEKDAYS_LUNCH, &error));
  g_assert_no_error (error);
  saved = cd_sla_hours_load (t->rep, &error);
  g_assert_no_error (error);
  g_assert_cmpint (saved->id, >, 0);
  g_assert_cmpstr (saved->timezone, ==, "Europe/Berlin");
  g_assert_cmpstr (saved->week_schedule, ==, WEEKDAYS_LUNCH);

  /* A second lead who saw the old hours is told. */
  g_assert_true (cd_sla_hours_save (t->lead, saved->version, "Europe/Berlin", WEEKDAYS_9_TO_6, &error));
  g_assert_no_error (error);
  g_assert_false (cd_sla_hours_save (t->lead, saved->version, "Asia/Shanghai", WEEKDAYS_9_TO_6, &error));
  g_assert_error (error, CD_STORE_ERROR, CD_STORE_ERROR_STALE);
  g_clear_error (&error);

  local = cd_sla_local_timezone ();
  g_assert_nonnull (local);
  {
    g_autoptr(CdSlaCalendar) in_local = cd_sla_calendar_new (local, WEEKDAYS_9_TO_6, NULL, NULL);

    g_assert_nonnull (in_local);
  }
}

static void
check_holiday (GPtrArray  *holidays,
               guint       index,
               const char *day,
               const char *name)
{
  CdSlaHoliday *holiday;

  g_assert_cmpuint (index, <, holidays->len);
  holiday = g_ptr_array_index (holidays, index);
  g_assert_cmpstr (holiday->day, ==, day);
  g_assert_cmpstr (holiday->name, ==, name);
}

static void
test_holidays_parse (void)
{
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GPtrArray) holidays = NULL;

  /* As people paste a year's list: a heading, comments, names with and
   * without separators, ranges written several ways, Chinese dates. */
  holidays = cd_sla_holidays_parse ("\xEF\xBB\xBF" "Date,Holiday\r\n"
                                    "# 2025\r\n"
                                    "2025-01-01,New Year's Day\r\n"
                                    "\r\n"
                                    "2025/1/28 – 2025/2/4\tSpring Festival (春节)\n"
                                    "2025.04.04 \"Qingming, \"\"tomb sweeping\"\"\"\n"
                                    "2025年5月1日至2025年5月5日 劳动节\n"
                                    "20251001..20251007; National Day\n"
                                    "2025-10-01 duplicate keeps the first name\n"
                                    "2025-12-25\n",
                                    &problems);
  g_assert_cmpuint (problems->len, ==, 0);
  g_assert_cmpuint (holidays->len, ==, 1 + 8 + 1 + 5 + 7 + 1);
  check_holiday (holidays, 0, "2025-01-01", "New Year's Day");
  check_holiday (holidays, 1, "2025-01-28", "Spring Festival (春节)");
  check_holiday (holidays, 8, "2025-02-04", "Spring Festival (春节)");
  check_holiday (holidays, 9, "2025-04-04", "Qingming, \"tomb sweeping\"");
  check_holiday (holidays, 10, "2025-05-01", "劳动节");
  check_holiday (holidays, 15, "2025-10-01", "National Day");
  check_holiday (holidays, 22, "2025-12-25", NULL);
  g_clear_pointer (&holidays, g_ptr_array_unref);
  g_clear_pointer (&problems, g_ptr_array_unref);

  /* Each bad line is named with its number and reason. */
  holidays = cd_sla_holidays_parse ("2025-01-01 New Year\n"
                                    "2025-02-30 No such day\n"
                                    "tomorrow\n"
                                    "2025-03-10 - 2025-03-01 backwards\n"
                                    "2025-01-01 - 2025-03-01 too long\n",
                                    &problems);
  g_assert_cmpuint (holidays->len, ==, 1);
  g_assert_cmpuint (problems->len, ==, 4);
  g_assert_true (g_str_has_prefix (g_ptr_array_index (problems, 0), "Line 2: "));
  g_assert_nonnull (strstr (g_ptr_array_index (problems, 0), "2025-02-30"));
  g_assert_true (g_str_has_prefix (g_ptr_array_index (problems, 1), "Line 3: "));
  g_assert_nonnull (strstr (g_ptr_array_index (problems, 1), "tomorrow"));
  g_assert_true (g_str_has_prefix (g_ptr_array_index (problems, 2), "Line 4: "));
  g_assert_true (g_str_has_prefix (g_ptr_array_index (problems, 3), "Line 5: "));
  g_clear_pointer (&holidays, g_ptr_array_unref);
  g_clear_pointer (&problems, g_ptr_array_unref);

  /* An iCalendar file, as calendars export public holidays. */
  holidays = cd_sla_holidays_parse ("BEGIN:VCALENDAR\r\n"
                                    "VERSION:2.0\r\n"
                                    "BEGIN:VEVENT\r\n"
                                    "DTSTART;VALUE=DATE:20251001\r\n"
                                    "DTEND;VALUE=DATE:20251004\r\n"
                                    "SUMMARY:National Day\\, Golden\r\n"
                                    "  Week\r\n"
                                    "END:VEVENT\r\n"
                                    "BEGIN:VEVENT\r\n"
                                    "DTSTART;VALUE=DATE:20250101\r\n"
                                    "SUMMARY;LANGUAGE=zh:元旦\r\n"
                                    "END:VEVENT\r\n"
                                    "BEGIN:VEVENT\r\n"
                                    "DTSTART:bad\r\n"
                                    "END:VEVENT\r\n"
                                    "END:VCALENDAR\r\n",
                                    &problems);
  g_assert_cmpuint (holidays->len, ==, 4);
  check_holiday (holidays, 0, "2025-01-01", "元旦");
  check_holiday (holidays, 1, "2025-10-01", "National Day, Golden Week");
  check_holiday (holidays, 3, "2025-10-03", "National Day, Golden Week");
  g_assert_cmpuint (problems->len, ==, 1);
  g_assert_true (g_str_has_prefix (g_ptr_array_index (problems, 0), "Line 14: "));
  g_clear_pointer (&holidays, g_ptr_array_unref);
  g_clear_pointer (&problems, g_ptr_array_unref);

  /* Not text at all. */
  holidays = cd_sla_holidays_parse ("2025-01-01 \xff\xfe", &problems);
  g_assert_cmpuint (holidays->len, ==, 0);
  g_assert_cmpuint (problems->len, ==, 1);
}

static void
test_holidays_store (Team          *t,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GPtrArray) year = NULL;
  g_autoptr(GPtrArray) stored = NULL;
  g_autoptr(GPtrArray) next = NULL;
  g_autoptr(GPtrArray) bad = g_ptr_array_new_with_free_func ((GDestroyNotify) cd_sla_holiday_free);
  g_autoptr(CdSlaHours) hours = NULL;
  CdSlaHoliday *wrong;
  guint added = 0;

  year = cd_sla_holidays_parse ("2025-01-01 New Year\n2025-10-01..2025-10-03 National Day\n2026-01-01 New Year\n",
                                &problems);
  g_assert_cmpuint (problems->len, ==, 0);

  /* Reps do not keep the calendar. */
  g_assert_false (cd_sla_holidays_add (t->rep, year, &added, &error));
  g_assert_error (error, CD_STORE_ERROR, CD_STORE_ERROR_PERMISSION);
  g_clear_error (&error);

  /* A whole list at once; without business hours yet, a calendar around
   * the clock keeps them. */
  g_assert_true (cd_sla_holidays_add (t->lead, year, &added, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (added, ==, 5);
  hours = cd_sla_hours_load (t->lead, &error);
  g_assert_cmpint (hours->id, >, 0);
  stored = cd_sla_holidays_list (t->rep, 2025, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (stored->len, ==, 4);
  check_holiday (stored, 1, "2025-10-01", "National Day");
  next = cd_sla_holidays_list (t->rep, 2026, &error);
  g_assert_cmpuint (next->len, ==, 1);

  /* Adding the same list again adds nothing. */
  g_assert_true (cd_sla_holidays_add (t->lead, year, &added, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (added, ==, 0);

  /* A bad day anywhere in a list: nothing of it is written. */
  wrong = g_new0 (CdSlaHoliday, 1);
  wrong->day = g_strdup ("2025-12-25");
  g_ptr_array_add (bad, wrong);
  wrong = g_new0 (CdSlaHoliday, 1);
  wrong->day = g_strdup ("2025-13-01");
  g_ptr_array_add (bad, wrong);
  g_assert_false (cd_sla_holidays_add (t->lead, bad, &added, &error));
  g_assert_error (error, CD_STORE_ERROR, CD_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_clear_pointer (&stored, g_ptr_array_unref);
  stored = cd_sla_holidays_list (t->rep, 2025, &error);
  g_assert_cmpuint (stored->len, ==, 4);

  /* Removing one. */
  g_assert_false (cd_sla_holiday_remove (t->rep, ((CdSlaHoliday *) stored->pdata[0])->id, &error));
  g_assert_error (error, CD_STORE_ERROR, CD_STORE_ERROR_PERMISSION);
  g_clear_error (&error);
  g_assert_true (cd_sla_holiday_remove (t->lead, ((CdSlaHoliday *) stored->pdata[0])->id, &error));
  g_assert_no_error (error);
  g_clear_pointer (&stored, g_ptr_array_unref);
  stored = cd_sla_holidays_list (t->rep, 0, &error);
  g_assert_cmpuint (stored->len, ==, 4);
  check_holiday (stored, 0, "2025-10-01", "National Day");

  /* The clock now stops on them: an urgent ticket on the eve of National
   * Day runs on after it. */
  g_assert_true (cd_sla_target_save (t->lead, CD_PRIORITY_URGENT, CD_SLA_ANY_TIER, 0, 60, 120, &error));
  g_assert_no_error (error);
  {
    g_autoptr(GTimeZone) tz = g_time_zone_new_identifier (hours->timezone);
    g_autoptr(GDateTime) eve = g_date_time_new (tz, 2025, 9, 30, 23, 30, 0);
    g_autoptr(GDateTime) after = g_date_time_new (tz, 2025, 10, 4, 0, 30, 0);
    g_autoptr(CdTicket) ticket = new_ticket (t, g_date_time_to_unix (eve), CD_PRIORITY_URGENT);

    g_assert_cmpint (ticket->first_response_due, ==, g_date_time_to_unix (after));
  }
}

static void
test_format_target (void)
{
  struct { gint minutes; const char *text; } cases[] = {
    { 30, "30 min" }, { 60, "1 h" }, { 90, "1 h 30 min" }, { 2700, "45 h" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = cd_sla_format_target (cases[i].minutes);

      g_assert_cmpstr (text, ==, cases[i].text);
    }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/sla/same-day", test_same_day);
  g_test_add_func ("/core/sla/overnight", test_overnight);
  g_test_add_func ("/core/sla/weekend", test_weekend);
  g_test_add_func ("/core/sla/holiday", test_holiday);
  g_test_add_func ("/core/sla/multi-range", test_multi_range);
  g_test_add_func ("/core/sla/start-outside-hours", test_start_outside_hours);
  g_test_add_func ("/core/sla/dst/spring-forward", test_dst_spring_forward);
  g_test_add_func ("/core/sla/dst/fall-back", test_dst_fall_back);
  g_test_add_func ("/core/sla/long-span", test_long_span);
  g_test_add_func ("/core/sla/tz-change", test_tz_change);
  g_test_add_func ("/core/sla/pause", test_pause);
  g_test_add_func ("/core/sla/at-risk-75", test_at_risk_75);
  g_test_add_func ("/core/sla/breach", test_breach);
  g_test_add_func ("/core/sla/invalid-schedule", test_invalid_schedule);
  g_test_add_func ("/core/sla/round-trip", test_round_trip);
  g_test_add_func ("/core/sla/format", test_format);
  g_test_add_func ("/core/sla/format-target", test_format_target);
  g_test_add_func ("/core/sla/holidays/parse", test_holidays_parse);
  g_test_add ("/core/sla/settings/new-deadlines-only", Team, NULL, team_set_up,
              test_settings_new_deadlines_only, team_tear_down);
  g_test_add ("/core/sla/settings/targets", Team, NULL, team_set_up, test_settings_targets, team_tear_down);
  g_test_add ("/core/sla/settings/hours", Team, NULL, team_set_up, test_settings_hours, team_tear_down);
  g_test_add ("/core/sla/settings/holidays", Team, NULL, team_set_up, test_holidays_store, team_tear_down);

  return g_test_run ();
}
