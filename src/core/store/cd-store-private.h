/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* What the data layer shares between its own files and nothing else:
 * the parts of the store that speak SQLite, and the worker threads that
 * give a store its own extra connections. */

#include <sqlite3.h>

#include "cd-change.h"
#include "cd-store.h"

G_BEGIN_DECLS

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
/* Emits "changed::KIND" for each kind of @set (and "local-change" for
 * local ones). */
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
