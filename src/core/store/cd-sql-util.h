/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>
#include <sqlite3.h>

G_BEGIN_DECLS

/* Small helpers every part of the data layer needs to read rows and to
 * turn values into the text that CdField carries. */

/* The column's text, or NULL for SQL NULL. */
char   *cd_sql_column_dup   (sqlite3_stmt *stmt,
                             int           col);
/* The column's integer, 0 for SQL NULL. */
gint64  cd_sql_column_int64 (sqlite3_stmt *stmt,
                             int           col);
/* The column's nick as an enum value, @fallback when unknown or NULL. */
int     cd_sql_column_enum  (sqlite3_stmt *stmt,
                             int           col,
                             int         (*from_nick) (const char *nick),
                             int           fallback);

char   *cd_int_text         (gint64        value);
/* Trimmed of Unicode white space (an ideographic space too); NULL in,
 * NULL out. */
char   *cd_trim_dup         (const char   *text);
/* NULL for NULL, blank or invalid text; otherwise the trimmed text. */
char   *cd_optional_text    (const char   *text);

G_END_DECLS
