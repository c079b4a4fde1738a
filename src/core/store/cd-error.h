/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define CD_STORE_ERROR (cd_store_error_quark ())

/**
 * CdStoreError:
 * Every failure the data layer reports. Each code carries a message a
 * person can act on; the UI maps codes to ways out (another file, a new
 * file, read-only, reload/overwrite).
 */
typedef enum {
  CD_STORE_ERROR_FAILED,         /* anything without a better code */
  CD_STORE_ERROR_NOT_FOUND,      /* file or record does not exist */
  CD_STORE_ERROR_CANT_OPEN,      /* cannot open/create (permissions, missing folder) */
  CD_STORE_ERROR_NOT_DATABASE,   /* file is not an SQLite database */
  CD_STORE_ERROR_CORRUPT,        /* database disk image is malformed */
  CD_STORE_ERROR_READ_ONLY,      /* file or folder is read-only; writes refused */
  CD_STORE_ERROR_NEWER_SCHEMA,   /* made by a newer Caredesk; left untouched */
  CD_STORE_ERROR_BUSY,           /* still locked after the busy timeout */
  CD_STORE_ERROR_DISK_FULL,      /* no space left */
  CD_STORE_ERROR_STALE,          /* someone else saved this record first */
  CD_STORE_ERROR_INVALID,        /* a field value is wrong; message says which */
  CD_STORE_ERROR_PERMISSION,     /* the signed-in person's role may not do this */
  CD_STORE_ERROR_UNKNOWN_USER,   /* the desktop login is not a staff member */
  CD_STORE_ERROR_EMPTY_FILE,     /* the file holds zero bytes; nothing was written */
} CdStoreError;

GQuark cd_store_error_quark (void);

/* Turns an SQLite result code into a CD_STORE_ERROR with a message that
 * says what happened in words. @context is prepended ("Could not save the
 * ticket"), may be NULL. */
void cd_set_sqlite_error (GError    **error,
                          int         sqlite_code,
                          const char *context);
/* The same, with the operating system's errno of the failure
 * (sqlite3_system_errno()): a write that failed for want of space is
 * reported as a full disk, whatever SQLite called it. */
void cd_set_sqlite_error_errno (GError    **error,
                                int         sqlite_code,
                                int         system_errno,
                                const char *context);

G_END_DECLS
