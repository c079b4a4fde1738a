/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Every date, time and length of time Caredesk shows, one way each.
 *
 * Instants are UTC seconds, shown in the local time zone (TZ) in the
 * user's language: the formats are translatable, so a Chinese desktop
 * reads "今天 14:05" where an English one reads "Today, 14:05". @now is
 * cd_store_now() of the store in use, so that tests can pin it. Each
 * returns "" for an instant of 0 or less (not set). */

/* Where something is due or happened, near or far:
 * "Today, 14:05", "Tomorrow, 09:00", "Yesterday, 18:30",
 * "Mon 7 Dec, 14:05" this year, "7 Dec 2025, 14:05" otherwise. */
char *cd_datetime_format_when     (gint64 utc,
                                   gint64 now);
/* A day: "7 Dec 2026". */
char *cd_datetime_format_date     (gint64 utc);
/* A day picked in a calendar: "Mon 7 December 2026". */
char *cd_datetime_format_day      (gint64 utc);
/* A time of day: "14:05". */
char *cd_datetime_format_time     (gint64 utc);
/* Date and time in a column where many are compared: "2026-12-07 14:05". */
char *cd_datetime_format_stamp    (gint64 utc);
/* A list cell: "14:05" today, "Dec 7" this year, "2025-12-07" before. */
char *cd_datetime_format_short    (gint64 utc,
                                   gint64 now);
/* From now: "in 2 h 15 min", "3 d ago", "in 5 min", "just now" (under a
 * minute either way). */
char *cd_datetime_format_relative (gint64 utc,
                                   gint64 now);
/* A length of time, rounded up to a minute: "3 d 4 h", "2 h 15 min",
 * "25 min"; a part of a minute counts whole; 0 is "0 min". */
char *cd_datetime_format_duration (gint64 seconds);

G_END_DECLS
