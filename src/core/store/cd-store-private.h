/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* What the data layer shares between its own files and nothing else:
 * the parts of the store that speak SQLite, and the worker threads that
 * give a store its own extra connections. */

#include <sqlite3.h>

#include "cd-change.h"
#include "cd-store.h"

G_BEGIN_DECLS

/* SQL ---------------------------------------------------------------------
 * The store's SQL-level API, for the domain modules of src/core: the GUI
 * asks them in domain words and never sees a connection or a statement. */

/* A column and its new value for cd_store_insert()/cd_store_update().
 * Values are text (NULL is SQL NULL); column affinity stores numbers as
 * numbers, and the audit log keeps the text. */
typedef struct {
  const char *column;
  const char *value;
} CdField;

/* Borrowed connection; use only on the thread that opened the store.
 * Workers open their own CdStore on the same path. */
sqlite3    *cd_store_get_db              (CdStore *self);

/* Transactions ---------------------------------------------------------- */

/* BEGIN IMMEDIATE (waits for the write lock up to the busy timeout).
 * Nested calls only count; the outermost commit/rollback ends it. */
gboolean    cd_store_begin               (CdStore  *self,
                                          GError  **error);
gboolean    cd_store_commit              (CdStore  *self,
                                          GError  **error);
void        cd_store_rollback            (CdStore  *self);
gboolean    cd_store_in_transaction      (CdStore  *self);
/* Ends a transaction begun with cd_store_begin(): commits when @ok,
 * otherwise rolls back. Returns whether everything was saved. */
gboolean    cd_store_finish              (CdStore  *self,
                                          gboolean  ok,
                                          GError  **error);

/* Statements ------------------------------------------------------------ */

gboolean      cd_store_exec              (CdStore     *self,
                                          const char  *sql,
                                          GError     **error);
/* A prepared statement owned by the store, reset and unbound, cached by
 * the SQL text. Do not finalize it. */
sqlite3_stmt *cd_store_prepare           (CdStore     *self,
                                          const char  *sql,
                                          GError     **error);
/* Steps a statement, retrying nothing: maps failures to CD_STORE_ERROR.
 * Returns SQLITE_ROW, SQLITE_DONE, or -1 with @error set. */
int           cd_store_step              (CdStore      *self,
                                          sqlite3_stmt *stmt,
                                          GError      **error);
/* First column of the first row of @sql with one optional int64 bound to
 * ?1 (pass no binding with CD_NO_BIND). Returns @fallback when no row. */
#define CD_NO_BIND G_MININT64
gint64        cd_store_query_int         (CdStore     *self,
                                          const char  *sql,
                                          gint64       bind1,
                                          gint64       fallback,
                                          GError     **error);

/* Writes with optimistic concurrency and audit ----------------------------
 * Each opens its own IMMEDIATE transaction unless one is already open, and
 * writes the audit rows in it. created_at/updated_at/version are filled in
 * for tables that have them. */

gint64      cd_store_insert              (CdStore        *self,
                                          const char     *table,
                                          const CdField  *fields,
                                          guint           n_fields,
                                          GError        **error);
/* Fails with CD_STORE_ERROR_STALE (nothing written) when the row's version
 * is no longer @expected_version; with NOT_FOUND when the row is gone.
 * Pass expected_version 0 to overwrite deliberately ("Overwrite" in the
 * conflict dialog); that is audited too. Bumps version and updated_at. */
gboolean    cd_store_update              (CdStore        *self,
                                          const char     *table,
                                          gint64          id,
                                          gint64          expected_version,
                                          const CdField  *fields,
                                          guint           n_fields,
                                          GError        **error);
gboolean    cd_store_delete              (CdStore        *self,
                                          const char     *table,
                                          gint64          id,
                                          gint64          expected_version,
                                          GError        **error);
/* One audit row, in the current transaction if one is open. */
gboolean    cd_store_audit               (CdStore        *self,
                                          const char     *entity,
                                          gint64          entity_id,
                                          const char     *action,
                                          const char     *field,
                                          const char     *old_value,
                                          const char     *new_value,
                                          GError        **error);
gint64      cd_store_get_version         (CdStore        *self,
                                          const char     *table,
                                          gint64          id,
                                          GError        **error);

/* The audit log's hash chain (cd-audit.h). */
char        *cd_audit_row_hash        (const char     *previous,
                                       gint64          at,
                                       gint64          staff_id,
                                       const char     *entity,
                                       gint64          entity_id,
                                       const char     *action,
                                       const char     *field,
                                       const char     *old_value,
                                       const char     *new_value);
/* Gives hashes to the rows that have none, in order (after an upgrade
 * from a log without them); in the caller's transaction. */
gboolean     cd_audit_chain_unhashed  (CdStore        *store,
                                       GError        **error);
/* First column of the first row of @sql as text (NULL when none). */
char        *cd_store_query_text      (CdStore        *self,
                                       const char     *sql);

/* Change sets ------------------------------------------------------------
 * Kinds and ids gathered while writing, turned into "changed" signals. */

typedef struct _CdChangeSet CdChangeSet;

CdChangeSet *cd_change_set_new        (void);
void         cd_change_set_free       (CdChangeSet    *set);
/* @id 0 or less: the whole kind. */
void         cd_change_set_add        (CdChangeSet    *set,
                                       const char     *kind,
                                       gint64          id);
void         cd_change_set_merge      (CdChangeSet    *set,
                                       CdChangeSet    *from);
gboolean     cd_change_set_is_empty   (CdChangeSet    *set);
void         cd_change_set_clear      (CdChangeSet    *set);
/* One CdChange per kind, in the order of the kinds' names. */
GPtrArray   *cd_change_set_to_changes (CdChangeSet    *set,
                                       CdChangeOrigin  origin);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CdChangeSet, cd_change_set_free)

/* The audit rows a store and its workers wrote, so that the poll for
 * others' changes does not report them again. Shared across threads. */
typedef struct _CdAuditLedger CdAuditLedger;

CdAuditLedger *cd_audit_ledger_new         (void);
CdAuditLedger *cd_audit_ledger_ref         (CdAuditLedger *ledger);
void           cd_audit_ledger_unref       (CdAuditLedger *ledger);
void           cd_audit_ledger_add         (CdAuditLedger *ledger,
                                            gint64         first,
                                            gint64         last);
gboolean       cd_audit_ledger_claims      (CdAuditLedger *ledger,
                                            gint64         id);
void           cd_audit_ledger_forget_upto (CdAuditLedger *ledger,
                                            gint64         id);

/* Writes that no audit row describes (drafts, presence, reminders) say
 * what they changed here; audited writes are noted by cd_store_audit().
 * @id 0: the whole kind. Reported with the commit, or at once outside a
 * transaction. */
void         cd_store_note_change     (CdStore        *self,
                                       const char     *kind,
                                       gint64          id);
/* A worker's connection: what its commits changed since the last call,
 * or NULL when nothing. */
CdChangeSet *cd_store_take_changes    (CdStore        *self);
/* Emits "changed::KIND" for each kind of @set. */
void         cd_store_emit_changes    (CdStore        *self,
                                       CdChangeSet    *set,
                                       CdChangeOrigin  origin);

/* Workers ----------------------------------------------------------------
 * One thread per lane, with a connection of its own to the store's file
 * (a "peer" store), running the jobs of cd_store_run_async() in order. */

typedef struct _CdStoreWorker CdStoreWorker;

CdStoreWorker *cd_store_worker_new  (CdStoreLane    lane);
/* Ends the thread once the jobs queued before are done, and closes its
 * connection; call only after every job has completed. */
void           cd_store_worker_free (CdStoreWorker *worker);
/* The worker of @lane, started on first use. */
CdStoreWorker *cd_store_get_worker  (CdStore       *self,
                                     CdStoreLane    lane);

/* Who is signed in, and the pinned time, as a worker's connection must
 * take them over for each job (captured on the main thread). */
typedef struct {
  gint64  staff_id;
  CdRole  role;
  char   *login;
  char   *display_name;
  gint64  now_override;
} CdStoreIdentity;

void     cd_store_identity_capture (CdStore               *self,
                                    CdStoreIdentity       *out);
void     cd_store_identity_apply   (CdStore               *self,
                                    const CdStoreIdentity *identity);
void     cd_store_identity_clear   (CdStoreIdentity       *identity);

/* A second connection to @main_store's file with the same settings
 * (read-only, snapshot, journal and sync level, schema version); no
 * change polling, nobody signed in. For a worker thread. */
CdStore *cd_store_open_peer        (CdStore      *main_store,
                                    GError      **error);
/* The busy handler gives up waiting for the file's lock as soon as
 * @cancellable is cancelled; NULL waits the full timeout. */
void     cd_store_set_busy_cancellable (CdStore      *self,
                                        GCancellable *cancellable);
/* The active administrators and team leads, with their roles, for
 * messages that say whom to ask (see cd_staff_describe_managers()). */
char    *cd_store_describe_managers (CdStore     *self,
                                     GError     **error);
/* Called on the connection's thread once per wait for the lock, when it
 * has lasted a moment (200 ms). */
void     cd_store_set_busy_long_func (CdStore     *self,
                                      GFunc        func,
                                      gpointer     data);
/* On the caller's thread, for "pending-writes" and "waiting-for-lock". */
void     cd_store_add_pending_write  (CdStore     *self,
                                      int          delta);
void     cd_store_set_waiting_for_lock (CdStore   *self,
                                        gboolean   waiting);
/* Rolls back a transaction a job left open (with a critical) and resets
 * statements still stepping, so the connection holds no lock. */
void     cd_store_release          (CdStore      *self);

G_END_DECLS
