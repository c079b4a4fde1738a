/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "caredesk-store"

#include "config.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <sqlite3.h>

#include "cd-error.h"

G_DEFINE_QUARK (cd-store-error-quark, cd_store_error)

void
cd_set_sqlite_error_errno (GError    **error,
                           int         sqlite_code,
                           int         system_errno,
                           const char *context)
{
  /* A full disk often shows up as an input/output error (a write that
   * failed with ENOSPC): say what it is. */
  if (((sqlite_code & 0xff) == SQLITE_IOERR || (sqlite_code & 0xff) == SQLITE_CANTOPEN) &&
      (system_errno == ENOSPC || system_errno == EDQUOT))
    sqlite_code = SQLITE_FULL;
  cd_set_sqlite_error (error, sqlite_code, context);
}

void
cd_set_sqlite_error (GError    **error,
                     int         sqlite_code,
                     const char *context)
{
  CdStoreError code;
  const char *what;
  g_autofree char *detail = NULL;

  switch (sqlite_code & 0xff)
    {
    case SQLITE_NOTADB:
      code = CD_STORE_ERROR_NOT_DATABASE;
      what = _("The file is not a Caredesk database (it is not an SQLite file at all). Choose another file or create a new one.");
      break;
    case SQLITE_CORRUPT:
      code = CD_STORE_ERROR_CORRUPT;
      what = _("The database file is damaged. Open a backup, or ask whoever looks after the shared file to restore one.");
      break;
    case SQLITE_READONLY:
      code = CD_STORE_ERROR_READ_ONLY;
      what = _("The database is read-only for you: nothing can be saved. Ask for write permission on the file and its folder, or open it read-only.");
      break;
    case SQLITE_PERM:
    case SQLITE_AUTH:
      code = CD_STORE_ERROR_CANT_OPEN;
      what = _("You do not have permission to use this file. Ask for access to the file and its folder.");
      break;
    case SQLITE_CANTOPEN:
      code = CD_STORE_ERROR_CANT_OPEN;
      what = _("The database file could not be opened. Check that it exists and that you may read and write it and its folder.");
      break;
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      code = CD_STORE_ERROR_BUSY;
      what = _("Another Caredesk kept the shared file busy for too long. Nothing was saved; try again in a moment.");
      break;
    case SQLITE_FULL:
      code = CD_STORE_ERROR_DISK_FULL;
      what = _("The disk that holds the database is full. Nothing was saved; free some space and try again.");
      break;
    case SQLITE_IOERR:
      code = CD_STORE_ERROR_FAILED;
      what = _("The database file could not be read or written (input/output error). If it is on a network share, check the connection.");
      break;
    case SQLITE_CONSTRAINT:
      code = CD_STORE_ERROR_INVALID;
      what = _("A value is not allowed here, or a required value is missing.");
      break;
    case SQLITE_TOOBIG:
      code = CD_STORE_ERROR_INVALID;
      what = _("A value is too large to store.");
      break;
    default:
      code = CD_STORE_ERROR_FAILED;
      detail = g_strdup_printf (_("The database reported an error: %s."), sqlite3_errstr (sqlite_code));
      what = detail;
      break;
    }

  if (context != NULL)
    g_set_error (error, CD_STORE_ERROR, code, "%s: %s", context, what);
  else
    g_set_error_literal (error, CD_STORE_ERROR, code, what);
}
