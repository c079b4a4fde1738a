/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "caredesk"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "cd-datetime.h"

static GDateTime *
local_time (gint64 utc)
{
  return utc > 0 ? g_date_time_new_from_unix_local (utc) : NULL;
}

/* Days from @now's local day to @utc's (negative: before). */
static int
days_between (GDateTime *now,
              GDateTime *then)
{
  int ny, nm, nd, ty, tm, td;
  g_autoptr(GDate) a = NULL;
  g_autoptr(GDate) b = NULL;

  g_date_time_get_ymd (now, &ny, &nm, &nd);
  g_date_time_get_ymd (then, &ty, &tm, &td);
  a = g_date_new_dmy ((GDateDay) nd, (GDateMonth) nm, (GDateYear) ny);
  b = g_date_new_dmy ((GDateDay) td, (GDateMonth) tm, (GDateYear) ty);
  return g_date_days_between (a, b);
}

static char *
format_or_empty (GDateTime  *dt,
                 const char *format)
{
  return dt != NULL ? g_date_time_format (dt, format) : g_strdup ("");
}

char *
cd_datetime_format_when (gint64 utc,
                         gint64 now)
{
  g_autoptr(GDateTime) when = local_time (utc);
  g_autoptr(GDateTime) today = g_date_time_new_from_unix_local (now);
  int days;

  if (when == NULL || today == NULL)
    return g_strdup ("");

  days = days_between (today, when);
  /* Translators: these are g_date_time_format() formats for a time
   * shown in local time; keep %H:%M or use your usual clock. */
  if (days == 0)
    return g_date_time_format (when, _("Today, %H:%M"));
  if (days == 1)
    return g_date_time_format (when, _("Tomorrow, %H:%M"));
  if (days == -1)
    return g_date_time_format (when, _("Yesterday, %H:%M"));
  if (g_date_time_get_year (when) == g_date_time_get_year (today))
    return g_date_time_format (when, _("%a %-d %b, %H:%M"));
  return g_date_time_format (when, _("%-d %b %Y, %H:%M"));
}

char *
cd_datetime_format_date (gint64 utc)
{
  g_autoptr(GDateTime) dt = local_time (utc);

  /* Translators: a date in the customer list, strftime format
   * (g_date_time_format); keep the year. */
  return format_or_empty (dt, _("%-d %b %Y"));
}

char *
cd_datetime_format_day (gint64 utc)
{
  g_autoptr(GDateTime) dt = local_time (utc);

  /* Translators: the due date on the date button, g_date_time_format(). */
  return format_or_empty (dt, _("%a %-d %B %Y"));
}

char *
cd_datetime_format_time (gint64 utc)
{
  g_autoptr(GDateTime) dt = local_time (utc);

  /* Translators: a time of day today, see g_date_time_format() */
  return format_or_empty (dt, _("%H:%M"));
}

char *
cd_datetime_format_stamp (gint64 utc)
{
  g_autoptr(GDateTime) dt = local_time (utc);

  /* Translators: a full local date and time, see g_date_time_format() */
  return format_or_empty (dt, _("%Y-%m-%d %H:%M"));
}

char *
cd_datetime_format_short (gint64 utc,
                          gint64 now)
{
  g_autoptr(GDateTime) dt = local_time (utc);
  g_autoptr(GDateTime) today = g_date_time_new_from_unix_local (now);

  if (dt == NULL || today == NULL)
    return g_strdup ("");
  if (days_between (today, dt) == 0)
    /* Translators: a time of day today, see g_date_time_format() */
    return g_date_time_format (dt, _("%H:%M"));
  if (g_date_time_get_year (dt) == g_date_time_get_year (today))
    /* Translators: a day this year, see g_date_time_format() */
    return g_date_time_format (dt, _("%b %-d"));
  /* Translators: a day in another year, see g_date_time_format() */
  return g_date_time_format (dt, _("%Y-%m-%d"));
}

char *
cd_datetime_format_relative (gint64 utc,
                             gint64 now)
{
  g_autofree char *duration = NULL;
  gint64 delta;

  if (utc <= 0)
    return g_strdup ("");
  delta = utc - now;
  if (ABS (delta) < 60)
    return g_strdup (_("just now"));

  duration = cd_datetime_format_duration (ABS (delta));
  if (delta > 0)
    /* Translators: %s is a length of time such as "2 h 15 min" */
    return g_strdup_printf (C_("relative time", "in %s"), duration);
  /* Translators: %s is a length of time such as "3 d 4 h" */
  return g_strdup_printf (C_("relative time", "%s ago"), duration);
}

char *
cd_datetime_format_duration (gint64 seconds)
{
  gint64 minutes = (MAX (seconds, 0) + 59) / 60;
  gint64 days = minutes / (24 * 60);
  gint64 hours = minutes % (24 * 60) / 60;
  gint64 mins = minutes % 60;
  g_autofree char *big = NULL;
  g_autofree char *small = NULL;

  if (days > 0)
    {
      big = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d d", "%d d", (gulong) days), (int) days);
      if (hours == 0)
        return g_steal_pointer (&big);
      small = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d h", "%d h", (gulong) hours), (int) hours);
    }
  else if (hours > 0)
    {
      big = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d h", "%d h", (gulong) hours), (int) hours);
      if (mins == 0)
        return g_steal_pointer (&big);
      small = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d min", "%d min", (gulong) mins), (int) mins);
    }
  else
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d min", "%d min", (gulong) mins), (int) mins);

  /* Translators: joins two parts of a duration, "3 d" and "4 h" */
  return g_strdup_printf (C_("duration", "%s %s"), big, small);
}
