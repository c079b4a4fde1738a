/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "caredesk-training"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "cd-datetime.h"
#include "cd-sql-util.h"
#include "cd-training-private.h"

/* Roles ------------------------------------------------------------------ */

static gboolean
signed_in_as (CdStore *store,
              guint    roles)
{
  return cd_store_get_staff_id (store) != 0 && (roles & CD_ROLE_BIT (cd_store_get_role (store))) != 0;
}

gboolean
cd_training_can_edit (CdStore *store)
{
  g_return_val_if_fail (CD_IS_STORE (store), FALSE);
  return signed_in_as (store, CD_TRAINING_EDITOR_ROLES) && !cd_store_is_read_only (store);
}

gboolean
cd_training_can_set_coverage (CdStore *store)
{
  g_return_val_if_fail (CD_IS_STORE (store), FALSE);
  return signed_in_as (store, CD_COVERAGE_EDITOR_ROLES) && !cd_store_is_read_only (store);
}

gboolean
cd_training_can_read_others (CdStore *store)
{
  g_return_val_if_fail (CD_IS_STORE (store), FALSE);
  return cd_store_get_staff_id (store) != 0 && cd_store_get_role (store) != CD_ROLE_REP;
}

gboolean
cd_training_require_editor (CdStore  *store,
                            GError  **error)
{
  if (cd_store_get_staff_id (store) == 0)
    {
      g_set_error_literal (error, CD_STORE_ERROR, CD_STORE_ERROR_PERMISSION,
                           _("Nobody is signed in, so nothing can be saved."));
      return FALSE;
    }
  return cd_store_require_role (store, CD_TRAINING_EDITOR_ROLES, error);
}

gboolean
cd_training_require_reader (CdStore  *store,
                            gint64    staff_id,
                            GError  **error)
{
  if (cd_store_get_staff_id (store) == 0)
    {
      g_set_error_literal (error, CD_STORE_ERROR, CD_STORE_ERROR_PERMISSION,
                           _("Nobody is signed in, so no training record can be shown."));
      return FALSE;
    }
  if (staff_id == cd_store_get_staff_id (store) || cd_training_can_read_others (store))
    return TRUE;
  g_set_error_literal (error, CD_STORE_ERROR, CD_STORE_ERROR_PERMISSION,
                       _("Reps see their own training record only. A trainer or a team lead can show you someone else’s."));
  return FALSE;
}

/* The local calendar ----------------------------------------------------- */

static GDateTime *
local_midnight (int y,
                int m,
                int d)
{
  /* A day that starts with a clock change has no 00:00 in some zones:
   * take the first hour that exists. */
  for (int h = 0; h < 3; h++)
    {
      GDateTime *t = g_date_time_new_local (y, m, d, h, 0, 0);
      if (t != NULL)
        return t;
    }
  return NULL;
}

gint64
cd_training_day_start (gint64 t,
                       int    days)
{
  g_autoptr(GDateTime) here = g_date_time_new_from_unix_local (t);
  g_autoptr(GDateTime) day = NULL;
  g_autoptr(GDateTime) start = NULL;

  if (here == NULL)
    return t + (gint64) days * 86400;
  /* Calendar days, not 24-hour steps: a daylight saving change moves no
   * day. Noon keeps the arithmetic clear of the change itself. */
  day = g_date_time_new_local (g_date_time_get_year (here), g_date_time_get_month (here),
                               g_date_time_get_day_of_month (here), 12, 0, 0);
  if (day == NULL)
    return t + (gint64) days * 86400;
  {
    g_autoptr(GDateTime) moved = g_date_time_add_days (day, days);
    if (moved == NULL)
      return t + (gint64) days * 86400;
    start = local_midnight (g_date_time_get_year (moved), g_date_time_get_month (moved),
                            g_date_time_get_day_of_month (moved));
  }
  return start != NULL ? g_date_time_to_unix (start) : t + (gint64) days * 86400;
}

gint64
cd_training_year_start (int year)
{
  g_autoptr(GDateTime) start = local_midnight (CLAMP (year, 1, 9998), 1, 1);

  return start != NULL ? g_date_time_to_unix (start) : 0;
}

int
cd_training_year_of (gint64 t)
{
  g_autoptr(GDateTime) here = g_date_time_new_from_unix_local (t);

  return here != NULL ? g_date_time_get_year (here) : 1970;
}

static guint32
julian_day (gint64 t)
{
  g_autoptr(GDateTime) here = g_date_time_new_from_unix_local (t);
  g_autoptr(GDate) date = NULL;

  if (here == NULL)
    return (guint32) (t / 86400 + 719163);
  date = g_date_new_dmy ((GDateDay) g_date_time_get_day_of_month (here),
                         (GDateMonth) g_date_time_get_month (here),
                         (GDateYear) g_date_time_get_year (here));
  return g_date_get_julian (date);
}

/* Certification status -------------------------------------------------------- */

int
cd_certification_days_left (gint64 expires_at,
                            gint64 now)
{
  return (int) ((gint64) julian_day (expires_at) - (gint64) julian_day (now));
}

/* Asked once per cell with the same moment when a matrix of hundreds of
 * people is drawn, and finding a local midnight makes three GDateTimes:
 * the last answer is kept, for that moment in that time zone. */
G_LOCK_DEFINE_STATIC (expiring_limit);
static gint64 expiring_limit_now = G_MININT64;
static gint64 expiring_limit_value;
static char *expiring_limit_zone;

gint64
cd_certification_expiring_limit (gint64 now)
{
  const char *zone = g_getenv ("TZ");
  gint64 limit;

  G_LOCK (expiring_limit);
  if (now == expiring_limit_now && g_strcmp0 (zone, expiring_limit_zone) == 0)
    {
      limit = expiring_limit_value;
      G_UNLOCK (expiring_limit);
      return limit;
    }
  G_UNLOCK (expiring_limit);

  limit = cd_training_day_start (now, CD_CERTIFICATION_EXPIRING_DAYS + 1);
  G_LOCK (expiring_limit);
  expiring_limit_now = now;
  expiring_limit_value = limit;
  g_free (expiring_limit_zone);
  expiring_limit_zone = g_strdup (zone);
  G_UNLOCK (expiring_limit);
  return limit;
}

CdCertStatus
cd_certification_status (gint64 expires_at,
                         gint64 revoked_at,
                         gint64 now)
{
  if (revoked_at > 0 && revoked_at <= now)
    return CD_CERT_REVOKED;
  if (expires_at <= now)
    return CD_CERT_EXPIRED;
  if (expires_at < cd_certification_expiring_limit (now))
    return CD_CERT_EXPIRING;
  return CD_CERT_ACTIVE;
}

gint64
cd_certification_expiry_for (gint64 issued_at,
                             int    validity_months)
{
  g_autoptr(GDateTime) here = g_date_time_new_from_unix_local (issued_at);
  g_autoptr(GDateTime) start = NULL;
  int y, m, d, index;

  if (here == NULL)
    return issued_at + (gint64) validity_months * 30 * 86400;
  y = g_date_time_get_year (here);
  m = g_date_time_get_month (here);
  d = g_date_time_get_day_of_month (here);
  index = y * 12 + (m - 1) + validity_months;
  y = index / 12;
  m = index % 12 + 1;
  d = MIN (d, (int) g_date_get_days_in_month ((GDateMonth) m, (GDateYear) y));
  start = local_midnight (y, m, d);
  return start != NULL ? g_date_time_to_unix (start) : issued_at + (gint64) validity_months * 30 * 86400;
}

char *
cd_certification_status_text (CdCertStatus status,
                              gint64       expires_at,
                              gint64       now)
{
  g_autofree char *date = cd_datetime_format_date (expires_at);
  int days;

  switch (status)
    {
    case CD_CERT_ACTIVE:
      /* Translators: a certification's status, with the day it runs out */
      return g_strdup_printf (_("Active until %s"), date);
    case CD_CERT_EXPIRING:
      days = cd_certification_days_left (expires_at, now);
      if (days <= 0)
        return g_strdup (_("Expires today"));
      if (days == 1)
        return g_strdup (_("Expires tomorrow"));
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Expires in %d day", "Expires in %d days", (gulong) days),
                              days);
    case CD_CERT_EXPIRED:
      /* Translators: a certification's status, with the day it ran out */
      return g_strdup_printf (_("Expired %s"), date);
    case CD_CERT_REVOKED:
      return g_strdup (_("Revoked"));
    default:
      return g_strdup ("");
    }
}

const char *
cd_certification_status_symbol (CdCertStatus status)
{
  switch (status)
    {
    case CD_CERT_ACTIVE:   return "✓";
    case CD_CERT_EXPIRING: return "!";
    case CD_CERT_EXPIRED:  return "✗";
    case CD_CERT_REVOKED:  return "⊘";
    default:               return "";
    }
}

/* Small helpers ------------------------------------------------------------- */

char *
cd_training_like_pattern (const char *text)
{
  g_autofree char *trimmed = cd_optional_text (text);
  GString *pattern;

  if (trimmed == NULL)
    return NULL;
  pattern = g_string_new ("%");
  for (const char *p = trimmed; *p; p++)
    {
      if (*p == '%' || *p == '_' || *p == '\\')
        g_string_append_c (pattern, '\\');
      g_string_append_c (pattern, *p);
    }
  g_string_append_c (pattern, '%');
  return g_string_free (pattern, FALSE);
}

gboolean
cd_training_check_staff (CdStore  *store,
                         gint64    id,
                         gboolean  active_only,
                         GError  **error)
{
  GError *local_error = NULL;
  gint64 active;

  if (id <= 0)
    {
      g_set_error_literal (error, CD_STORE_ERROR, CD_STORE_ERROR_INVALID,
                           _("Choose a person from the staff list."));
      return FALSE;
    }
  active = cd_store_query_int (store, "SELECT active FROM staff WHERE id = ?1", id, -1, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, local_error);
      return FALSE;
    }
  if (active < 0)
    {
      g_set_error_literal (error, CD_STORE_ERROR, CD_STORE_ERROR_INVALID,
                           _("This person is not on the staff list (any more). Choose someone from the list."));
      return FALSE;
    }
  if (active_only && active == 0)
    {
      g_set_error_literal (error, CD_STORE_ERROR, CD_STORE_ERROR_INVALID,
                           _("This person has left the team. Choose someone who is on the staff list now."));
      return FALSE;
    }
  return TRUE;
}

char *
cd_training_double_text (double value)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  /* Round to what a person enters, so 1.5 stays "1.5". */
  value = round (value * 10000.0) / 10000.0;
  return g_strdup (g_ascii_formatd (buf, sizeof buf, "%.10g", value));
}

double
cd_training_parse_double (const char *text)
{
  g_autofree char *trimmed = cd_optional_text (text);
  g_autoptr(GString) ascii = NULL;
  char *end = NULL;
  double value;

  if (trimmed == NULL)
    return NAN;
  ascii = g_string_new (NULL);
  for (const char *p = trimmed; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      /* Full-width digits and stops from a Chinese input method. */
      if (c >= 0xFF10 && c <= 0xFF19)
        c = '0' + (c - 0xFF10);
      else if (c == 0xFF0E || c == 0x3002)
        c = '.';
      if (c == ',')
        c = '.';
      if (c >= 0x80)
        return NAN;
      g_string_append_c (ascii, (char) c);
    }
  value = g_ascii_strtod (ascii->str, &end);
  if (end == ascii->str || *end != '\0' || !isfinite (value))
    return NAN;
  return value;
}

char *
cd_training_category_name (CdStore *store,
                           gint64   category_id)
{
  sqlite3_stmt *stmt = cd_store_prepare (store, "SELECT name FROM ticket_categories WHERE id = ?1", NULL);
  char *name = NULL;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, category_id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    name = cd_sql_column_dup (stmt, 0);
  sqlite3_reset (stmt);
  return name;
}

GPtrArray *
cd_training_collect (CdStore         *store,
                     sqlite3_stmt    *stmt,
                     gpointer       (*read) (sqlite3_stmt *stmt),
                     GDestroyNotify   free_func,
                     GError         **error)
{
  g_autoptr(GPtrArray) result = g_ptr_array_new_with_free_func (free_func);
  int rc;

  while ((rc = cd_store_step (store, stmt, error)) == SQLITE_ROW)
    g_ptr_array_add (result, read (stmt));
  sqlite3_reset (stmt);
  if (rc < 0)
    return NULL;
  return g_steal_pointer (&result);
}

const char *
cd_training_sort_column (const CdRowColumn *columns,
                         guint              n_columns,
                         const char        *wanted,
                         const char        *fallback)
{
  if (wanted != NULL)
    for (guint i = 0; i < n_columns; i++)
      if (g_str_equal (columns[i].name, wanted) && columns[i].sort != NULL)
        return wanted;
  return fallback;
}
