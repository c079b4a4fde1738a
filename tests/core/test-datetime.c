/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "caredesk-test-datetime"

#include "config.h"

#include "cd-datetime.h"

/* The test environment fixes TZ=Asia/Shanghai (UTC+8, no daylight
 * saving) and the C locale. 2026-12-07 14:05:00 local. */
#define NOW G_GINT64_CONSTANT (1796623500)
#define MINUTE 60
#define HOUR (60 * MINUTE)
#define DAY (24 * HOUR)

static void
check (char       *got,
       const char *expected)
{
  g_assert_cmpstr (got, ==, expected);
  g_free (got);
}

static void
test_when (void)
{
  check (cd_datetime_format_when (NOW, NOW), "Today, 14:05");
  /* 23:59 is still today, 00:00 tomorrow, in local time. */
  check (cd_datetime_format_when (NOW + 9 * HOUR + 54 * MINUTE, NOW), "Today, 23:59");
  check (cd_datetime_format_when (NOW + 9 * HOUR + 55 * MINUTE, NOW), "Tomorrow, 00:00");
  check (cd_datetime_format_when (NOW - 14 * HOUR - 6 * MINUTE, NOW), "Yesterday, 23:59");
  check (cd_datetime_format_when (NOW + 2 * DAY, NOW), "Wed 9 Dec, 14:05");
  check (cd_datetime_format_when (NOW - 365 * DAY, NOW), "7 Dec 2025, 14:05");
  check (cd_datetime_format_when (0, NOW), "");
  check (cd_datetime_format_when (-5, NOW), "");
}

static void
test_fixed (void)
{
  check (cd_datetime_format_date (NOW), "7 Dec 2026");
  check (cd_datetime_format_day (NOW), "Mon 7 December 2026");
  check (cd_datetime_format_time (NOW), "14:05");
  check (cd_datetime_format_stamp (NOW), "2026-12-07 14:05");
  check (cd_datetime_format_date (0), "");
  check (cd_datetime_format_stamp (0), "");
}

static void
test_short (void)
{
  check (cd_datetime_format_short (NOW - HOUR, NOW), "13:05");
  check (cd_datetime_format_short (NOW - 20 * DAY, NOW), "Nov 17");
  check (cd_datetime_format_short (NOW - 400 * DAY, NOW), "2025-11-02");
}

static void
test_relative (void)
{
  check (cd_datetime_format_relative (NOW + 30, NOW), "just now");
  check (cd_datetime_format_relative (NOW - 59, NOW), "just now");
  check (cd_datetime_format_relative (NOW + 2 * HOUR + 15 * MINUTE, NOW), "in 2 h 15 min");
  check (cd_datetime_format_relative (NOW - 3 * DAY - 4 * HOUR, NOW), "3 d 4 h ago");
  check (cd_datetime_format_relative (NOW + 5 * MINUTE, NOW), "in 5 min");
  check (cd_datetime_format_relative (0, NOW), "");
}

static void
test_duration (void)
{
  check (cd_datetime_format_duration (0), "0 min");
  check (cd_datetime_format_duration (1), "1 min");  /* a part of a minute counts whole */
  check (cd_datetime_format_duration (25 * MINUTE), "25 min");
  check (cd_datetime_format_duration (2 * HOUR), "2 h");
  check (cd_datetime_format_duration (2 * HOUR + 15 * MINUTE), "2 h 15 min");
  check (cd_datetime_format_duration (3 * DAY + 4 * HOUR + 59 * MINUTE), "3 d 4 h");
  check (cd_datetime_format_duration (3 * DAY), "3 d");
  check (cd_datetime_format_duration (-10), "0 min");
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/datetime/when", test_when);
  g_test_add_func ("/core/datetime/fixed", test_fixed);
  g_test_add_func ("/core/datetime/short", test_short);
  g_test_add_func ("/core/datetime/relative", test_relative);
  g_test_add_func ("/core/datetime/duration", test_duration);

  return g_test_run ();
}
