/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The SLA clock counts business time: the opening hours of a weekly
 * schedule, read as wall-clock times in the calendar's own time zone, minus
 * holidays. All instants are UTC seconds.
 *
 * How a day's wall-clock range becomes real time when the clocks change:
 * - a time that does not exist (the hour skipped in spring) is read as the
 *   first instant after the jump, so a 02:00-04:00 range on a day that jumps
 *   from 02:00 to 03:00 lasts one hour;
 * - a time that happens twice (the hour repeated in autumn) is read as its
 *   first occurrence, so a 02:00-03:00 range on a day that falls back from
 *   03:00 to 02:00 lasts two hours.
 */

/* At most this many opening ranges per weekday. */
#define CD_SLA_MAX_RANGES_PER_DAY 8

typedef struct _CdSlaCalendar CdSlaCalendar;

/**
 * cd_sla_calendar_new:
 * @tz_id: an IANA time zone identifier such as "Asia/Shanghai" or "UTC"
 * @week_schedule: the business_calendars.week_schedule text: seven fields,
 *   Monday..Sunday, separated by ';'. Each field is empty for a closed day
 *   or holds 'HH:MM-HH:MM' opening ranges separated by ',' (a lunch break:
 *   '09:00-12:00,13:00-18:00'). '24:00' may close a day.
 * @holidays: (nullable): NULL-terminated 'YYYY-MM-DD' dates, in the
 *   calendar's zone, on which the business is closed all day
 *
 * Returns: (transfer full): the calendar, or NULL with
 *   CD_STORE_ERROR_INVALID and a message that names the day and the fault
 *   (unreadable range, reversed or overlapping ranges, unknown time zone,
 *   bad holiday date, or no working hours at all).
 */
CdSlaCalendar *cd_sla_calendar_new              (const char          *tz_id,
                                                 const char          *week_schedule,
                                                 const char *const   *holidays,
                                                 GError             **error);
void           cd_sla_calendar_free             (CdSlaCalendar       *calendar);

/* Checks a week_schedule text alone, with the same messages as
 * cd_sla_calendar_new(); for validating a form as the user types. */
gboolean       cd_sla_week_schedule_validate    (const char          *week_schedule,
                                                 GError             **error);

const char    *cd_sla_calendar_get_timezone     (const CdSlaCalendar *calendar);
/* Business seconds in a week without holidays or clock changes. */
gint64         cd_sla_calendar_get_week_seconds (const CdSlaCalendar *calendar);
/* @day is 'YYYY-MM-DD'; FALSE for a malformed date. */
gboolean       cd_sla_calendar_is_holiday       (const CdSlaCalendar *calendar,
                                                 const char          *day);

/* The instant at which @seconds (>= 0) of business time have passed after
 * @start_utc. A start outside business hours starts the clock at the next
 * opening. A deadline that uses up a day's last range exactly is that
 * range's closing time, not the next opening. 0 seconds returns @start_utc. */
gint64 cd_sla_add_business_seconds     (const CdSlaCalendar *calendar,
                                        gint64               start_utc,
                                        gint64               seconds);

/* Business seconds in [@a, @b); 0 when @b <= @a. */
gint64 cd_sla_business_seconds_between (const CdSlaCalendar *calendar,
                                        gint64               a,
                                        gint64               b);

/* The calendar's local day that holds @utc: its bounds in UTC
 * [*day_start, *day_end) and its opening intervals as UTC [starts[i],
 * ends[i]) in order, none on a holiday or a closed day. Returns how many
 * (at most CD_SLA_MAX_RANGES_PER_DAY). For callers that measure many
 * spans at once and keep a table of days. */
guint  cd_sla_calendar_get_day         (const CdSlaCalendar *calendar,
                                        gint64               utc,
                                        gint64              *day_start,
                                        gint64              *day_end,
                                        gint64              *starts,
                                        gint64              *ends);

typedef struct {
  gint64 first_response_due;
  gint64 resolution_due;
} CdSlaClock;

/**
 * cd_sla_compute:
 * @paused_seconds: business seconds the ticket has spent in 'pending' so far
 *
 * Both deadlines of a ticket. Pending time (waiting on the customer) pauses
 * the resolution clock only, so the resolution deadline moves later by
 * exactly the paused business time; the first-response deadline never moves.
 *
 * How the ticket layer keeps tickets.paused_seconds:
 * - when a ticket enters 'pending', set pending_since = now;
 * - when it leaves 'pending' (to any status), add
 *   cd_sla_business_seconds_between (calendar, pending_since, now) to
 *   paused_seconds, clear pending_since, and store the new resolution_due
 *   from cd_sla_compute();
 * - while it is pending, its resolution clock is stopped: evaluate
 *   cd_sla_state() for the resolution target with @now = pending_since.
 */
CdSlaClock cd_sla_compute (const CdSlaCalendar *calendar,
                           gint64               created_at,
                           gint                 first_response_minutes,
                           gint                 resolution_minutes,
                           gint64               paused_seconds);

typedef enum {
  CD_SLA_STATE_OK,        /* running, less than 75 % of the target used */
  CD_SLA_STATE_AT_RISK,   /* running, 75 % or more of the target used */
  CD_SLA_STATE_BREACHED,  /* the deadline passed before completion */
  CD_SLA_STATE_MET,       /* completed on or before the deadline */
} CdSlaState;

/**
 * cd_sla_state:
 * @due: the deadline from cd_sla_compute()
 * @started_at: when the clock started (the ticket's created_at); before it
 *   the whole target is left
 * @target_seconds: the target in business seconds (minutes * 60)
 * @now: the time to judge at
 * @completed_at: when the target was met (first response, resolution), or 0
 * @seconds_left: (out) (optional): business seconds left until @due,
 *   negative when over (business seconds between @due and @now, or
 *   @completed_at); a deadline passed outside business hours is over by 0
 *
 * A clock still running at @due is breached; one completed at @due is met.
 * "Used" is @target_seconds minus the business time left, so paused time
 * (which moved @due) never counts as used.
 */
CdSlaState cd_sla_state (const CdSlaCalendar *calendar,
                         gint64               due,
                         gint64               started_at,
                         gint64               target_seconds,
                         gint64               now,
                         gint64               completed_at,
                         gint64              *seconds_left);

/* Translated: "On track", "At risk", "Breached", "Met". */
const char *cd_sla_state_label (CdSlaState state);

/* A translated string for a duration left (> 0) or over (< 0): "2 h 15 min
 * left", "3 d 4 h over"; 0 is "Due now". The duration is
 * cd_datetime_format_duration()'s: a part of a minute counts as a whole
 * one, and a day here is 24 hours. */
char *cd_sla_format_remaining (gint64 seconds);

/* A target in business time, as forms show it: "4 h", "1 h 30 min",
 * "45 min". Business hours are not days, so hours are never counted up
 * into days. */
char *cd_sla_format_target (gint minutes);

/* The time zone of this computer as an identifier a calendar takes
 * ("Asia/Shanghai"), "UTC" when it has none. */
char *cd_sla_local_timezone (void);

/* The day names of a week schedule, Monday (0) to Sunday (6), translated. */
const char *cd_sla_weekday_name (guint weekday);

/* Holidays ------------------------------------------------------------------ */

typedef struct {
  gint64  id;     /* 0 when not stored yet */
  char   *day;    /* 'YYYY-MM-DD' */
  char   *name;   /* NULL when it has none */
} CdSlaHoliday;

void        cd_sla_holiday_free   (CdSlaHoliday  *holiday);

/* The longest run of days one line may name, and the most holidays one
 * list may hold. */
#define CD_SLA_HOLIDAY_MAX_RANGE_DAYS 31
#define CD_SLA_HOLIDAY_MAX_LIST       1000
#define CD_SLA_HOLIDAY_NAME_MAX_CHARS 100

/**
 * cd_sla_holidays_parse:
 * @text: a list of holidays as people paste it or keep it in a file:
 *   one day or run of days per line, then an optional name —
 *   "2025-10-01 National Day", "2025-10-01 – 2025-10-07, National Day",
 *   "2025/1/1", "2025年10月1日 国庆节", comma-, semicolon- or
 *   tab-separated columns from a spreadsheet — with blank lines, lines
 *   starting with '#' and a heading line without digits left out; or an
 *   iCalendar file (BEGIN:VCALENDAR), whose all-day events are the
 *   holidays (DTEND is the day after the last one)
 * @problems: (out) (transfer full): one translated message per line that
 *   could not be read ("Line 4: …"); empty when all were
 *
 * Returns: (transfer full): the holidays read (CdSlaHoliday, id 0),
 *   by day, each day once (the first name given to it wins).
 */
GPtrArray  *cd_sla_holidays_parse (const char    *text,
                                   GPtrArray    **problems);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CdSlaHoliday, cd_sla_holiday_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CdSlaCalendar, cd_sla_calendar_free)

G_END_DECLS
