/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "caredesk-store"

#include "config.h"

#include "cd-sql-util.h"
#include "cd-validate.h"

char *
cd_sql_column_dup (sqlite3_stmt *stmt,
                   int           col)
{
  const char *text = (const char *) sqlite3_column_text (stmt, col);
  return text != NULL ? g_strdup (text) : NULL;
}

gint64
cd_sql_column_int64 (sqlite3_stmt *stmt,
                     int           col)
{
  return sqlite3_column_type (stmt, col) == SQLITE_NULL ? 0 : sqlite3_column_int64 (stmt, col);
}

int
cd_sql_column_enum (sqlite3_stmt *stmt,
                    int           col,
                    int         (*from_nick) (const char *nick),
                    int           fallback)
{
  int value = from_nick ((const char *) sqlite3_column_text (stmt, col));
  return value < 0 ? fallback : value;
}

char *
cd_int_text (gint64 value)
{
  return g_strdup_printf ("%" G_GINT64_FORMAT, value);
}

char *
cd_trim_dup (const char *text)
{
  if (text == NULL)
    return NULL;
  return cd_validate_trim (text);
}

char *
cd_optional_text (const char *text)
{
  g_autofree char *trimmed = NULL;

  if (text == NULL || !g_utf8_validate (text, -1, NULL))
    return NULL;
  trimmed = cd_validate_trim (text);
  if (*trimmed == '\0')
    return NULL;
  return g_steal_pointer (&trimmed);
}
