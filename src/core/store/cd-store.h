/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "cd-change.h"
#include "cd-error.h"
#include "cd-types.h"

G_BEGIN_DECLS

/* The schema version this build writes. Files with a higher
 * PRAGMA user_version are refused with CD_STORE_ERROR_NEWER_SCHEMA. */
#define CD_SCHEMA_VERSION 11

/* How long a writer waits for another Caredesk to finish its write. */
#define CD_STORE_BUSY_TIMEOUT_MS 30000

typedef enum {
  CD_STORE_OPEN_DEFAULT   = 0,
  CD_STORE_OPEN_CREATE    = 1 << 0, /* create the file if it is missing */
  CD_STORE_OPEN_READ_ONLY = 1 << 1, /* never write; no migration */
  CD_STORE_OPEN_NO_WATCH  = 1 << 2, /* no data_version polling (CLI, workers) */
  /* An existing file of zero bytes becomes a new database. Without this,
   * opening one fails with CD_STORE_ERROR_EMPTY_FILE: it may be a team
   * file a failed copy truncated, so a person decides. */
  CD_STORE_OPEN_SET_UP_EMPTY = 1 << 3,
} CdStoreOpenFlags;

typedef enum {
  CD_FS_LOCAL,
  CD_FS_REMOTE,
} CdFsKind;

#define CD_TYPE_STORE (cd_store_get_type ())
G_DECLARE_FINAL_TYPE (CdStore, cd_store, CD, STORE, GObject)

/* Opening -------------------------------------------------------------- */

CdStore    *cd_store_open                (const char        *path,
                                          CdStoreOpenFlags   flags,
                                          GError           **error);
/* Called on the opening thread when @path, written by an older Caredesk,
 * is about to be backed up and upgraded under the write lock: on a big
 * file that takes a while (about 20 s for a million tickets). */
typedef void (*CdStoreUpgradeFunc)       (const char        *path,
                                          gpointer           user_data);
CdStore    *cd_store_open_full           (const char        *path,
                                          CdStoreOpenFlags   flags,
                                          CdStoreUpgradeFunc upgrading,
                                          gpointer           user_data,
                                          GError           **error);
/* Looks for others' changes (PRAGMA data_version) every second or two
 * on the calling thread's main context, and tells of them ("changed").
 * cd_store_open() does this unless CD_STORE_OPEN_NO_WATCH; a store opened
 * on a worker thread with that flag starts it here once it is handed to
 * the thread that uses it. A second call does nothing. */
void        cd_store_watch               (CdStore *self);
const char *cd_store_get_path            (CdStore *self);
gboolean    cd_store_is_read_only        (CdStore *self);
/* TRUE when the file could only be read without taking part in its
 * locking (read-only, in a WAL file's folder nobody may write): the store
 * then shows the file as it was when opened and never sees changes. */
gboolean    cd_store_is_snapshot         (CdStore *self);
CdFsKind    cd_store_get_fs_kind         (CdStore *self);
const char *cd_store_get_journal_mode    (CdStore *self);
int         cd_store_get_schema_version  (CdStore *self);
/* Tells how a path is mounted; exposed for tests. */
CdFsKind    cd_fs_kind_for_path          (const char *path);

/* Identity -------------------------------------------------------------- */

/* Signs @login in. On a database without staff, @login becomes the first
 * admin (display name @display_name, or @login when NULL). An unknown or
 * inactive login fails with CD_STORE_ERROR_UNKNOWN_USER, and the message
 * names who can add them. */
gboolean    cd_store_sign_in             (CdStore    *self,
                                          const char *login,
                                          const char *display_name,
                                          GError    **error);
gint64      cd_store_get_staff_id        (CdStore *self); /* 0 before sign-in */
CdRole      cd_store_get_role            (CdStore *self);
const char *cd_store_get_display_name    (CdStore *self);
const char *cd_store_get_login           (CdStore *self);
/* TRUE if the signed-in role is one of @roles (a CdRole bit mask built
 * with CD_ROLE_BIT()); otherwise FALSE and CD_STORE_ERROR_PERMISSION. */
gboolean    cd_store_require_role        (CdStore  *self,
                                          guint     roles,
                                          GError  **error);

/* Time ------------------------------------------------------------------ */

/* UTC seconds. Tests may pin it with cd_store_set_now(); 0 unpins. */
gint64      cd_store_now                 (CdStore *self);
void        cd_store_set_now             (CdStore *self,
                                          gint64   now);

/* Backups --------------------------------------------------------------- */

/* Online copy with the SQLite backup API. */
gboolean    cd_store_backup_to           (CdStore     *self,
                                          const char  *dest_path,
                                          GError     **error);
/* A timestamped copy next to the file; returns its path. */
char       *cd_store_backup              (CdStore     *self,
                                          GError     **error);

/* Work off the caller's thread -------------------------------------------
 * Anything that may wait for the shared file's write lock, or read for
 * long, runs on one of the store's own worker threads, each with its own
 * connection to the file, so the caller's thread never waits for it. The
 * job gets that connection as a CdStore, signed in as @self is, and calls
 * domain functions on it. Jobs of one lane run one after the other, in
 * the order they were started; writes never wait behind long reads. */

typedef enum {
  CD_STORE_LANE_READ,   /* counts, reports, exports, backups */
  CD_STORE_LANE_WRITE,  /* saves and imports */
  CD_STORE_N_LANES
} CdStoreLane;

/* Runs on the worker thread with its connection; @data is the job data.
 * Waiting for the lock gives up when @cancellable is cancelled. */
typedef gboolean (*CdStoreJobFunc) (CdStore       *store,
                                    gpointer       data,
                                    GCancellable  *cancellable,
                                    GError       **error);

/* @job_data is freed with @job_data_destroy on the caller's main context
 * after @callback; read results from it with cd_store_run_get_data(). */
void        cd_store_run_async           (CdStore             *self,
                                          CdStoreLane          lane,
                                          CdStoreJobFunc       func,
                                          gpointer             job_data,
                                          GDestroyNotify       job_data_destroy,
                                          GCancellable        *cancellable,
                                          GAsyncReadyCallback  callback,
                                          gpointer             user_data);
gboolean    cd_store_run_finish          (CdStore       *self,
                                          GAsyncResult  *result,
                                          GError       **error);
gpointer    cd_store_run_get_data        (GAsyncResult  *result);
/* Writes started and not finished (property "pending-writes"), and
 * whether one of them has waited a moment for another process's write
 * lock ("waiting-for-lock"), so the window can say it is saving and why
 * it takes long. */
guint       cd_store_get_pending_writes  (CdStore       *self);
gboolean    cd_store_get_waiting_for_lock (CdStore      *self);

/* Changes -----------------------------------------------------------------
 * "changed::KIND" (see cd-change.h) follows each commit of this store and
 * of its workers, and, within a second or two, the commits of other
 * processes: the store looks at PRAGMA data_version once a second (every
 * other second on a quiet file) on the main context it was opened on,
 * and reads what changed from the audit log. */

/* Looks now; returns TRUE (and emits) if another connection committed. */
gboolean    cd_store_check_external_changes (CdStore *self);

G_END_DECLS
