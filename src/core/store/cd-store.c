/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "caredesk-store"

#include "config.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <string.h>
#include <sys/vfs.h>
#include <signal.h>
#include <unistd.h>

#include "cd-audit.h"
#include "cd-schema.h"
#include "cd-store-private.h"
#include "cd-overview-summary-private.h"
#include "cd-writer-queue.h"

/* A full PRAGMA quick_check reads every page (about 8 ms a megabyte on a
 * small machine); on a team file it would cost from half a second to
 * seconds at every start, so it only runs on files below this size,
 * where it is done while GTK starts. Larger files get a cheap check of
 * every table's root and report damage when a query reaches it. */
#define QUICK_CHECK_MAX_BYTES (16 * 1024 * 1024)

struct _CdStore
{
  GObject          parent_instance;

  sqlite3         *db;
  char            *path;
  CdStoreOpenFlags flags;
  gboolean         read_only;
  /* Read-only, on a file and folder we may write: the connection opens
   * the file for writing but refuses every change (PRAGMA query_only),
   * so that, as the last one to close a WAL file, it checkpoints it and
   * removes its -wal and -shm files. SQLite cannot do that for a
   * connection opened read-only, and a --check-overdue run every few
   * minutes would leave them behind. */
  gboolean         query_only;
  gboolean         snapshot;     /* immutable=1: read without any locks */
  CdFsKind         fs_kind;
  char            *journal_mode;
  int              schema_version;

  gint64           staff_id;
  CdRole           role;
  char            *login;
  char            *display_name;

  gint64           now_override;

  guint            tx_depth;
  gboolean         tx_aborted;

  /* What the open transaction changed, and the audit rows it wrote; then
   * what was committed and not yet reported (a worker's, until its job
   * ends). */
  CdChangeSet     *tx_changes;
  gint64           tx_audit_first;
  gint64           tx_audit_last;
  char            *tx_last_hash;  /* the audit chain's last hash, within it */
  CdChangeSet     *done_changes;
  gboolean         is_peer;
  CdAuditLedger   *ledger;       /* shared with the workers' connections */
  gint64           last_audit_id; /* the last audit row the poll looked at */

  GHashTable      *stmt_cache;   /* SQL text → sqlite3_stmt */
  GHashTable      *columns;      /* table → GHashTable set of column names */

  gint64           data_version;
  guint            watch_id;
  guint            watch_seconds;
  gint64           last_external_us;
  GMainContext    *watch_context;

  /* The busy handler gives up when this is cancelled (a job's), and
   * tells once per wait when the wait grows long. */
  GCancellable    *busy_cancellable;
  gint64           busy_started;
  guint            busy_timeout_ms;  /* CD_STORE_BUSY_TIMEOUT_MS but in tests */
  gboolean         busy_told;
  GFunc            busy_long_func;
  gpointer         busy_long_data;
  gboolean         busy_no_wait;     /* the change watcher's look: never wait */

  guint            pending_writes;
  gboolean         waiting_for_lock;

  /* This connection's place in the writers' line (cd-writer-queue.h). */
  CdWriterQueue   *queue;
  gboolean         queue_tried;

  /* Connections of this store's own, on worker threads: see
   * cd_store_run_async(). NULL on those connections themselves. */
  CdStoreWorker   *workers[CD_STORE_N_LANES];

  /* Only while opening: see cd_store_open_full(). */
  CdStoreUpgradeFunc upgrade_func;
  gpointer           upgrade_data;
};

enum {
  SIGNAL_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

enum {
  PROP_0,
  PROP_PENDING_WRITES,
  PROP_WAITING_FOR_LOCK,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (CdStore, cd_store, G_TYPE_OBJECT)

static void
cd_store_get_property (GObject    *object,
                       guint       prop_id,
                       GValue     *value,
                       GParamSpec *pspec)
{
  CdStore *self = CD_STORE (object);

  switch (prop_id)
    {
    case PROP_PENDING_WRITES:
      g_value_set_uint (value, self->pending_writes);
      break;
    case PROP_WAITING_FOR_LOCK:
      g_value_set_boolean (value, self->waiting_for_lock);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
finalize_stmt (gpointer stmt)
{
  sqlite3_finalize (stmt);
}

static void
cd_store_finalize (GObject *object)
{
  CdStore *self = CD_STORE (object);

  /* Their jobs hold references to this store, so none is left; this
   * only ends the threads and closes their connections. */
  for (guint i = 0; i < CD_STORE_N_LANES; i++)
    g_clear_pointer (&self->workers[i], cd_store_worker_free);
  g_clear_object (&self->busy_cancellable);

  if (self->watch_id != 0)
    {
      GSource *source = g_main_context_find_source_by_id (self->watch_context, self->watch_id);
      if (source != NULL)
        g_source_destroy (source);
      self->watch_id = 0;
    }
  g_clear_pointer (&self->watch_context, g_main_context_unref);
  /* Statements must be finalised before the connection can close. */
  g_clear_pointer (&self->stmt_cache, g_hash_table_unref);
  g_clear_pointer (&self->columns, g_hash_table_unref);
  g_clear_pointer (&self->tx_changes, cd_change_set_free);
  g_clear_pointer (&self->done_changes, cd_change_set_free);
  g_clear_pointer (&self->ledger, cd_audit_ledger_unref);
  g_clear_pointer (&self->queue, cd_writer_queue_free);
  g_free (self->tx_last_hash);
  if (self->db != NULL)
    sqlite3_close_v2 (self->db);
  g_free (self->path);
  g_free (self->journal_mode);
  g_free (self->login);
  g_free (self->display_name);

  G_OBJECT_CLASS (cd_store_parent_class)->finalize (object);
}

static void
cd_store_class_init (CdStoreClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = cd_store_finalize;
  object_class->get_property = cd_store_get_property;

  /**
   * CdStore:pending-writes:
   *
   * Writes started with cd_store_run_async() that have not finished.
   */
  properties[PROP_PENDING_WRITES] =
    g_param_spec_uint ("pending-writes", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /**
   * CdStore:waiting-for-lock:
   *
   * TRUE while a write of this store has waited a moment for another
   * process to finish its write (a colleague's import, say).
   */
  properties[PROP_WAITING_FOR_LOCK] =
    g_param_spec_boolean ("waiting-for-lock", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * CdStore::changed:
   * @change: what changed
   *
   * Detailed by the kind of record (cd_change_get_kind()): see cd-change.h.
   */
  signals[SIGNAL_CHANGED] =
    g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST | G_SIGNAL_DETAILED,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, CD_TYPE_CHANGE | G_SIGNAL_TYPE_STATIC_SCOPE);
}

static void
cd_store_init (CdStore *self)
{
  self->stmt_cache = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                            finalize_stmt);
  self->columns = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                         (GDestroyNotify) g_hash_table_unref);
  self->role = CD_ROLE_REP;
  self->busy_timeout_ms = CD_STORE_BUSY_TIMEOUT_MS;
  self->tx_changes = cd_change_set_new ();
  self->done_changes = cd_change_set_new ();
  self->ledger = cd_audit_ledger_new ();
}

/* File system ------------------------------------------------------------ */

CdFsKind
cd_fs_kind_for_path (const char *path)
{
  g_autofree char *dir = NULL;
  struct statfs sfs;
  const char *force = g_getenv ("CAREDESK_FORCE_REMOTE");

  g_return_val_if_fail (path != NULL, CD_FS_LOCAL);

  /* Lets tests and administrators exercise the network-share settings on
   * a local disk; never the other way round. */
  if (force != NULL && g_strcmp0 (force, "1") == 0)
    return CD_FS_REMOTE;

  if (g_file_test (path, G_FILE_TEST_IS_DIR))
    dir = g_strdup (path);
  else
    dir = g_path_get_dirname (path);

  if (statfs (dir, &sfs) != 0)
    return CD_FS_LOCAL;

  switch ((unsigned long) sfs.f_type)
    {
    case 0x6969UL:      /* NFS */
    case 0x517BUL:      /* SMB */
    case 0xFF534D42UL:  /* CIFS */
    case 0xFE534D42UL:  /* SMB2 */
    case 0x65735546UL:  /* FUSE (sshfs, and others that cannot share memory maps) */
    case 0x73757245UL:  /* Coda */
    case 0x5346414FUL:  /* AFS */
    case 0x01021997UL:  /* 9p */
    case 0x00C36400UL:  /* Ceph */
    case 0x47504653UL:  /* GPFS */
    case 0x0BD00BD0UL:  /* Lustre */
    case 0x564C:        /* NCP */
      return CD_FS_REMOTE;
    default:
      return CD_FS_LOCAL;
    }
}

/* Statements ------------------------------------------------------------- */

static void
set_db_error (CdStore     *self,
              GError     **error,
              int          rc,
              const char  *context)
{
  int ext = rc;

  /* The connection's code may already be reset by a finalize; trust it only
   * when it refines the code we were given. */
  if (self->db != NULL && (sqlite3_extended_errcode (self->db) & 0xff) == (rc & 0xff))
    ext = sqlite3_extended_errcode (self->db);

  if ((rc & 0xff) == SQLITE_CONSTRAINT && self->db != NULL)
    {
      /* Turn "NOT NULL constraint failed: customers.name" into words that
       * name the field; domain code validates first, this is the last net. */
      const char *msg = sqlite3_errmsg (self->db);
      const char *colon = strstr (msg, "failed: ");
      g_autofree char *field = NULL;

      gboolean must_not_be_empty = FALSE;

      if (colon != NULL)
        {
          const char *p = colon + strlen ("failed: ");

          /* "customers.name", "tier IN (…)", "length(trim(name)) > 0": the
           * first identifier that is not a function call names the field. */
          must_not_be_empty = g_str_has_prefix (p, "length(trim(");
          for (;;)
            {
              size_t len = strspn (p, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_");
              if (len == 0)
                break;
              if (p[len] == '(' || p[len] == '.')
                {
                  p += len + 1;
                  continue;
                }
              field = g_strndup (p, len);
              break;
            }
        }

      switch (ext)
        {
        case SQLITE_CONSTRAINT_NOTNULL:
          g_set_error (error, CD_STORE_ERROR, CD_STORE_ERROR_INVALID,
                       _("“%s” is required."), field ? field : "?");
          return;
        case SQLITE_CONSTRAINT_UNIQUE:
        case SQLITE_CONSTRAINT_PRIMARYKEY:
          g_set_error (error, CD_STORE_ERROR, CD_STORE_ERROR_INVALID,
                       _("Another record already has this “%s”."), field ? field : "?");
          return;
        case SQLITE_CONSTRAINT_FOREIGNKEY:
          g_set_error_literal (error, CD_STORE_ERROR, CD_STORE_ERROR_INVALID,
                               _("The record refers to something that does not exist (any more)."));
          return;
        case SQLITE_CONSTRAINT_CHECK:
          if (must_not_be_empty)
            {
              g_set_error (error, CD_STORE_ERROR, CD_STORE_ERROR_INVALID,
                           _("“%s” must not be empty."), field ? field : "?");
              return;
            }
          g_set_error (error, CD_STORE_ERROR, CD_STORE_ERROR_INVALID,
                       _("The value of “%s” is not allowed."), field ? field : "?");
          return;
        default:
          break;
        }
    }

  cd_set_sqlite_error_errno (error, ext, self->db != NULL ? sqlite3_system_errno (self->db) : 0, context);
}

/* A forgotten, un-reset SELECT keeps a read transaction open, which in
 * rollback-journal mode blocks every other writer on the share. */
static void
reset_busy_statements (CdStore *self)
{
  sqlite3_stmt *stmt = NULL;

  while ((stmt = sqlite3_next_stmt (self->db, stmt)) != NULL)
    if (sqlite3_stmt_busy (stmt))
      sqlite3_reset (stmt);
}

gboolean
cd_store_exec (CdStore     *self,
               const char  *sql,
               GError     **error)
{
  int rc;

  g_return_val_if_fail (CD_IS_STORE (self), FALSE);
  g_return_val_if_fail (sql != NULL, FALSE);

  rc = sqlite3_exec (self->db, sql, NULL, NULL, NULL);
  if (rc != SQLITE_OK)
    {
      set_db_error (self, error, rc, NULL);
      return FALSE;
    }
  return TRUE;
}

sqlite3_stmt *
cd_store_prepare (CdStore     *self,
                  const char  *sql,
                  GError     **error)
{
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (CD_IS_STORE (self), NULL);
  g_return_val_if_fail (sql != NULL, NULL);

  stmt = g_hash_table_lookup (self->stmt_cache, sql);
  if (stmt != NULL)
    {
      sqlite3_reset (stmt);
      sqlite3_clear_bindings (stmt);
      return stmt;
    }

  rc = sqlite3_prepare_v3 (self->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, NULL);
  if (rc != SQLITE_OK)
    {
      if ((rc & 0xff) == SQLITE_ERROR)
        g_set_error (error, CD_STORE_ERROR, CD_STORE_ERROR_FAILED,
                     _("The database does not have the expected layout (%s). It may come from another program."),
                     sqlite3_errmsg (self->db));
      else
        set_db_error (self, error, rc, NULL);
      sqlite3_finalize (stmt);
      return NULL;
    }

  g_hash_table_insert (self->stmt_cache, g_strdup (sql), stmt);
  return stmt;
}

int
cd_store_step (CdStore       *self,
               sqlite3_stmt  *stmt,
               GError       **error)
{
  int rc;

  g_return_val_if_fail (CD_IS_STORE (self), -1);
  g_return_val_if_fail (stmt != NULL, -1);

  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW || rc == SQLITE_DONE)
    return rc;

  set_db_error (self, error, rc, NULL);
  sqlite3_reset (stmt);
  return -1;
}

gint64
cd_store_query_int (CdStore     *self,
                    const char  *sql,
                    gint64       bind1,
                    gint64       fallback,
                    GError     **error)
{
  sqlite3_stmt *stmt;
  gint64 result = fallback;
  int rc;

  stmt = cd_store_prepare (self, sql, error);
  if (stmt == NULL)
    return fallback;
  if (bind1 != CD_NO_BIND)
    sqlite3_bind_int64 (stmt, 1, bind1);

  rc = cd_store_step (self, stmt, error);
  if (rc == SQLITE_ROW && sqlite3_column_type (stmt, 0) != SQLITE_NULL)
    result = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  return result;
}

char *
cd_store_query_text (CdStore    *self,
                     const char *sql)
{
  sqlite3_stmt *stmt = cd_store_prepare (self, sql, NULL);
  char *result = NULL;

  if (stmt == NULL)
    return NULL;
  if (sqlite3_step (stmt) == SQLITE_ROW)
    result = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_reset (stmt);
  return result;
}

/* Changes ---------------------------------------------------------------- */

/* The kinds nobody writes an audit row for: when another process
 * commits, they are reported whole. */
static const char * const unaudited_kinds[] = {
  CD_CHANGE_DRAFTS, CD_CHANGE_PRESENCE, CD_CHANGE_REMINDERS, NULL
};

/* Every kind a change can be of, for when too much changed to tell. */
static const char * const all_kinds[] = {
  CD_CHANGE_STAFF, CD_CHANGE_CUSTOMERS, CD_CHANGE_TICKETS, CD_CHANGE_COMPLAINTS,
  CD_CHANGE_FOLLOWUPS, CD_CHANGE_TICKET_CATEGORIES, CD_CHANGE_SLA_POLICIES,
  CD_CHANGE_CALENDARS, CD_CHANGE_HOLIDAYS, CD_CHANGE_SETTINGS, CD_CHANGE_DRAFTS,
  CD_CHANGE_PRESENCE, CD_CHANGE_REMINDERS, CD_CHANGE_SNOOZES, CD_CHANGE_OWNER_REQUESTS,
  "courses", "training_plan_items", "training_sessions", "enrolments", "certifications",
  "certification_courses", "certification_categories", "assessments", "staff_certifications",
  "kb_articles", "canned_replies",
};

void
cd_store_emit_changes (CdStore        *self,
                       CdChangeSet    *set,
                       CdChangeOrigin  origin)
{
  g_autoptr(GPtrArray) changes = NULL;

  g_return_if_fail (CD_IS_STORE (self));

  if (cd_change_set_is_empty (set))
    return;
  changes = cd_change_set_to_changes (set, origin);
  g_object_ref (self);
  for (guint i = 0; i < changes->len; i++)
    {
      CdChange *change = g_ptr_array_index (changes, i);

      g_signal_emit (self, signals[SIGNAL_CHANGED], g_quark_from_string (cd_change_get_kind (change)), change);
    }
  g_object_unref (self);
}

/* Reports what was committed: a worker's connection keeps it for its
 * job's end, the caller's store tells at once. */
static void
flush_done_changes (CdStore *self)
{
  g_autoptr(CdChangeSet) set = NULL;

  if (self->is_peer || cd_change_set_is_empty (self->done_changes))
    return;
  set = g_steal_pointer (&self->done_changes);
  self->done_changes = cd_change_set_new ();
  cd_store_emit_changes (self, set, CD_CHANGE_LOCAL);
}

void
cd_store_note_change (CdStore    *self,
                      const char *kind,
                      gint64      id)
{
  g_return_if_fail (CD_IS_STORE (self));
  g_return_if_fail (kind != NULL);

  if (self->tx_depth > 0)
    {
      cd_change_set_add (self->tx_changes, kind, id);
      return;
    }
  /* Outside a transaction the write committed by itself. */
  cd_change_set_add (self->done_changes, kind, id);
  flush_done_changes (self);
}

CdChangeSet *
cd_store_take_changes (CdStore *self)
{
  CdChangeSet *set;

  g_return_val_if_fail (CD_IS_STORE (self), NULL);

  if (cd_change_set_is_empty (self->done_changes))
    return NULL;
  set = g_steal_pointer (&self->done_changes);
  self->done_changes = cd_change_set_new ();
  return set;
}

/* The outermost transaction ended: keep what it changed if it was
 * committed, and forget it otherwise. */
static void
end_transaction_changes (CdStore  *self,
                         gboolean  committed)
{
  if (committed)
    {
      cd_change_set_merge (self->done_changes, self->tx_changes);
      if (self->tx_audit_first > 0)
        cd_audit_ledger_add (self->ledger, self->tx_audit_first, self->tx_audit_last);
    }
  cd_change_set_clear (self->tx_changes);
  self->tx_audit_first = self->tx_audit_last = 0;
  g_clear_pointer (&self->tx_last_hash, g_free);
  if (self->queue != NULL)
    cd_writer_queue_leave (self->queue);
}

/* This connection's place in the writers' line, opened on first use;
 * FALSE when there is none (writers then rely on the busy handler). */
static gboolean
ensure_writer_queue (CdStore *self)
{
  if (!self->queue_tried)
    {
      self->queue_tried = TRUE;
      self->queue = cd_writer_queue_open (self->path, self->fs_kind == CD_FS_REMOTE);
    }
  return self->queue != NULL;
}

void
cd_store_set_busy_timeout (CdStore *self,
                           guint    timeout_ms)
{
  g_return_if_fail (CD_IS_STORE (self));

  self->busy_timeout_ms = timeout_ms;
}

void
cd_store_set_long_write (CdStore  *self,
                         gboolean  long_write)
{
  g_return_if_fail (CD_IS_STORE (self));

  if (!self->read_only && ensure_writer_queue (self))
    cd_writer_queue_set_long_write (self->queue, long_write);
}

/* Transactions ----------------------------------------------------------- */

static void
queue_long_wait_cb (gpointer unused,
                    gpointer data)
{
  CdStore *self = data;

  if (self->busy_long_func != NULL)
    self->busy_long_func (self, self->busy_long_data);
}

gboolean
cd_store_begin (CdStore  *self,
                GError  **error)
{
  int rc;

  g_return_val_if_fail (CD_IS_STORE (self), FALSE);

  if (self->tx_depth > 0)
    {
      if (self->tx_aborted)
        {
          g_set_error_literal (error, CD_STORE_ERROR, CD_STORE_ERROR_FAILED,
                               _("The change was undone because part of it failed. Nothing was saved."));
          return FALSE;
        }
      self->tx_depth++;
      return TRUE;
    }

  if (self->read_only)
    {
      g_set_error_literal (error, CD_STORE_ERROR, CD_STORE_ERROR_READ_ONLY,
                           _("The database is open read-only: nothing can be saved. Reopen it with write access to make changes."));
      return FALSE;
    }

  reset_busy_statements (self);

  /* Wait in line first, so that busy writers take turns. */
  if (ensure_writer_queue (self))
    cd_writer_queue_enter (self->queue, g_get_monotonic_time () + (gint64) self->busy_timeout_ms * 1000,
                           self->busy_cancellable, queue_long_wait_cb, self);

  /* IMMEDIATE takes the write lock now and waits for it under the busy
   * timeout; a deferred transaction that reads first would fail at once. */
  rc = sqlite3_exec (self->db, "BEGIN IMMEDIATE", NULL, NULL, NULL);
  if (rc != SQLITE_OK)
    {
      if (self->queue != NULL)
        cd_writer_queue_leave (self->queue);
      set_db_error (self, error, rc, NULL);
      return FALSE;
    }

  self->tx_depth = 1;
  self->tx_aborted = FALSE;
  return TRUE;
}

gboolean
cd_store_commit (CdStore  *self,
                 GError  **error)
{
  int rc;

  g_return_val_if_fail (CD_IS_STORE (self), FALSE);
  g_return_val_if_fail (self->tx_depth > 0, FALSE);

  self->tx_depth--;

  if (self->tx_aborted)
    {
      if (self->tx_depth == 0)
        {
          self->tx_aborted = FALSE;
          if (!sqlite3_get_autocommit (self->db))
            sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
          end_transaction_changes (self, FALSE);
        }
      g_set_error_literal (error, CD_STORE_ERROR, CD_STORE_ERROR_FAILED,
                           _("The change was undone because part of it failed. Nothing was saved."));
      return FALSE;
    }

  if (self->tx_depth > 0)
    return TRUE;

  rc = sqlite3_exec (self->db, "COMMIT", NULL, NULL, NULL);
  if (rc != SQLITE_OK)
    {
      set_db_error (self, error, rc, _("Nothing was saved"));
      if (!sqlite3_get_autocommit (self->db))
        sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
      end_transaction_changes (self, FALSE);
      return FALSE;
    }

  end_transaction_changes (self, TRUE);
  flush_done_changes (self);
  return TRUE;
}

void
cd_store_rollback (CdStore *self)
{
  g_return_if_fail (CD_IS_STORE (self));
  g_return_if_fail (self->tx_depth > 0);

  if (!sqlite3_get_autocommit (self->db))
    {
      reset_busy_statements (self);
      sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
    }

  self->tx_depth--;
  if (self->tx_depth > 0)
    {
      /* An inner part failed, so the whole transaction is lost. Keep a
       * transaction open that is never committed, so that whatever the
       * outer levels still write cannot slip out in autocommit mode. */
      self->tx_aborted = TRUE;
      sqlite3_exec (self->db, "BEGIN", NULL, NULL, NULL);
    }
  else
    {
      if (self->tx_aborted && !sqlite3_get_autocommit (self->db))
        sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
      self->tx_aborted = FALSE;
      end_transaction_changes (self, FALSE);
    }
}

gboolean
cd_store_finish (CdStore  *self,
                 gboolean  ok,
                 GError  **error)
{
  g_return_val_if_fail (CD_IS_STORE (self), FALSE);

  if (!ok)
    {
      cd_store_rollback (self);
      return FALSE;
    }
  return cd_store_commit (self, error);
}

gboolean
cd_store_in_transaction (CdStore *self)
{
  g_return_val_if_fail (CD_IS_STORE (self), FALSE);
  return self->tx_depth > 0;
}

/* Opening ---------------------------------------------------------------- */

static gboolean
configure_journal (CdStore  *self,
                   GError  **error)
{
  g_autofree char *mode = NULL;

  if (self->read_only)
    {
      mode = cd_store_query_text (self, "PRAGMA journal_mode");
    }
  else if (self->fs_kind == CD_FS_REMOTE)
    {
      /* WAL needs shared memory between processes, which network file
       * systems cannot provide: the rollback journal is the safe mode. */
      mode = cd_store_query_text (self, "PRAGMA journal_mode = DELETE");
      if (!cd_store_exec (self, "PRAGMA synchronous = FULL", error))
        return FALSE;
    }
  else
    {
      mode = cd_store_query_text (self, "PRAGMA journal_mode = WAL");
      if (!cd_store_exec (self, "PRAGMA synchronous = NORMAL", error))
        return FALSE;
    }

  if (mode == NULL)
    {
      int rc = sqlite3_exec (self->db, "SELECT count(*) FROM sqlite_master", NULL, NULL, NULL);
      set_db_error (self, error, rc != SQLITE_OK ? rc : SQLITE_ERROR, NULL);
      return FALSE;
    }

  self->journal_mode = g_ascii_strdown (mode, -1);
  return TRUE;
}

/* Reads the schema version and whether there are tables, touching nothing.
 * Refuses newer files and SQLite files of other programs before anything
 * (journal mode, migration) could write to them. */
static gboolean
identify (CdStore   *self,
          int       *out_version,
          gboolean  *out_has_tables,
          GError   **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc;
  int version = 0;

  /* One statement, one snapshot: another Caredesk may commit its
   * migration between two separate reads. */
  rc = sqlite3_prepare_v2 (self->db,
                           "SELECT (SELECT user_version FROM pragma_user_version), "
                           "(SELECT count(*) FROM sqlite_master)", -1, &stmt, NULL);
  if (rc == SQLITE_OK && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      version = sqlite3_column_int (stmt, 0);
      *out_has_tables = sqlite3_column_int (stmt, 1) > 0;
    }
  sqlite3_finalize (stmt);
  if ((rc & 0xff) == SQLITE_NOTADB)
    {
      g_set_error (error, CD_STORE_ERROR, CD_STORE_ERROR_NOT_DATABASE,
                   _("“%s” is not a Caredesk database (it is not an SQLite file at all). Choose another file or create a new one."),
                   self->path);
      return FALSE;
    }
  if (rc != SQLITE_ROW)
    {
      set_db_error (self, error, rc, NULL);
      return FALSE;
    }

  if (version > CD_SCHEMA_VERSION)
    {
      g_set_error (error, CD_STORE_ERROR, CD_STORE_ERROR_NEWER_SCHEMA,
                   _("“%s” was written by a newer version of Caredesk (data format %d; this version reads up to %d). Update Caredesk to open it. The file was not changed."),
                   self->path, version, CD_SCHEMA_VERSION);
      return FALSE;
    }

  if (version == 0 && *out_has_tables)
    {
      g_set_error (error, CD_STORE_ERROR, CD_STORE_ERROR_NOT_DATABASE,
                   _("“%s” is an SQLite database, but not one of Caredesk's. Choose another file or create a new one."),
                   self->path);
      return FALSE;
    }

  *out_version = version;
  return TRUE;
}

static gboolean
check_integrity (CdStore  *self,
                 goffset   size,
                 GError  **error)
{
  g_autoptr(GPtrArray) tables = g_ptr_array_new_with_free_func (g_free);
  sqlite3_stmt *stmt;
  int rc;

  /* A virtual table keeps its rows in tables of its own, read here; the
   * search index's cannot be read row by row. */
  rc = sqlite3_prepare_v2 (self->db, "SELECT name FROM sqlite_master WHERE type = 'table'"
                           " AND sql NOT LIKE 'CREATE VIRTUAL TABLE%'", -1, &stmt, NULL);
  if (rc != SQLITE_OK)
    {
      set_db_error (self, error, rc, NULL);
      return FALSE;
    }
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (tables, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    {
      set_db_error (self, error, rc, NULL);
      return FALSE;
    }

  if (size <= QUICK_CHECK_MAX_BYTES)
    {
      g_autofree char *result = NULL;

      rc = sqlite3_prepare_v2 (self->db, "PRAGMA quick_check(1)", -1, &stmt, NULL);
      if (rc == SQLITE_OK && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
        result = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      sqlite3_finalize (stmt);
      if (result == NULL && rc != SQLITE_DONE && rc != SQLITE_OK)
        {
          set_db_error (self, error, rc, NULL);
          return FALSE;
        }
      if (result != NULL && strcmp (result, "ok") != 0)
        {
          cd_set_sqlite_error (error, SQLITE_CORRUPT, NULL);
          return FALSE;
        }
      return TRUE;
    }

  for (guint i = 0; i < tables->len; i++)
    {
      g_autofree char *sql = g_strdup_printf ("SELECT 1 FROM \"%s\" LIMIT 1",
                                              (const char *) g_ptr_array_index (tables, i));
      rc = sqlite3_exec (self->db, sql, NULL, NULL, NULL);
      if (rc != SQLITE_OK)
        {
          set_db_error (self, error, rc, NULL);
          return FALSE;
        }
    }
  return TRUE;
}

static gboolean
migrate (CdStore   *self,
         int        version,
         gboolean   has_tables,
         gboolean   file_was_empty,
         GError   **error)
{
  if (version == CD_SCHEMA_VERSION)
    {
      self->schema_version = version;
      return TRUE;
    }

  if (self->read_only)
    {
      g_set_error (error, CD_STORE_ERROR, CD_STORE_ERROR_READ_ONLY,
                   has_tables
                   ? _("“%s” comes from an older Caredesk and must be upgraded, which needs write access. Open it with write access once.")
                   : _("“%s” is empty, and an empty database cannot be set up read-only. Open it with write access or choose another file."),
                   self->path);
      return FALSE;
    }

  /* Decide under the write lock: several Caredesks may open a new or old
   * file at the same moment, and only one of them may upgrade it. */
  if (!cd_store_begin (self, error))
    return FALSE;

  version = (int) cd_store_query_int (self, "PRAGMA user_version", CD_NO_BIND, 0, NULL);
  if (version == CD_SCHEMA_VERSION)
    {
      self->schema_version = version;
      return cd_store_commit (self, error);
    }

  if (version > 0 && self->upgrade_func != NULL)
    self->upgrade_func (self->path, self->upgrade_data);

  /* Keep a copy of whatever was there before changing its layout. */
  if (!file_was_empty &&
      cd_store_query_int (self, "PRAGMA page_count", CD_NO_BIND, 0, NULL) > 0)
    {
      g_autofree char *backup = cd_store_backup (self, error);
      if (backup == NULL)
        {
          cd_store_rollback (self);
          return FALSE;
        }
      g_message ("Backed up %s to %s before upgrading it", self->path, backup);
    }

  for (int v = version + 1; v <= CD_SCHEMA_VERSION; v++)
    {
      g_autofree char *set_version = g_strdup_printf ("PRAGMA user_version = %d", v);

      if (!cd_store_exec (self, cd_schema_get_migration ((guint) v), error) ||
          !cd_store_exec (self, set_version, error))
        {
          cd_store_rollback (self);
          g_prefix_error (error, _("Could not upgrade the database; it was left as it was: "));
          return FALSE;
        }
    }
  /* A log from before the hash chain gets its hashes now, and a file
   * from before the Overview's summary rows gets its rows. */
  if (!cd_audit_chain_unhashed (self, error) ||
      !cd_overview_summary_ensure (self, error))
    {
      cd_store_rollback (self);
      g_prefix_error (error, _("Could not upgrade the database; it was left as it was: "));
      return FALSE;
    }

  if (!cd_store_commit (self, error))
    return FALSE;

  self->schema_version = CD_SCHEMA_VERSION;
  return TRUE;
}

/* Others' changes are looked for every second while they come in, and
 * every other second after a minute without any: each look wakes the
 * process (about a millisecond of CPU here), and a quiet file should cost
 * next to nothing (0.08-0.1 % of a core at one look a second). */
#define WATCH_BUSY_SECONDS  1
#define WATCH_QUIET_SECONDS 2
#define WATCH_QUIET_AFTER_US (60 * G_USEC_PER_SEC)

static void attach_watch (CdStore *self,
                          guint    seconds);

static gboolean
watch_cb (gpointer user_data)
{
  CdStore *self = CD_STORE (user_data);
  guint wanted;

  if (cd_store_check_external_changes (self))
    self->last_external_us = g_get_monotonic_time ();
  wanted = g_get_monotonic_time () - self->last_external_us < WATCH_QUIET_AFTER_US
           ? WATCH_BUSY_SECONDS : WATCH_QUIET_SECONDS;
  if (wanted == self->watch_seconds)
    return G_SOURCE_CONTINUE;
  attach_watch (self, wanted);
  return G_SOURCE_REMOVE;
}

CdStore *
cd_store_open (const char        *path,
               CdStoreOpenFlags   flags,
               GError           **error)
{
  return cd_store_open_full (path, flags, NULL, NULL, error);
}

/* A wait for the lock this long is worth telling the person about. */
#define BUSY_LONG_US (200 * 1000)

/* SQLite's own busy timeout cannot be cut short. This one waits the same
 * way (short sleeps, growing to 100 ms) for at most
 * CD_STORE_BUSY_TIMEOUT_MS, and gives up at once when the job it works
 * for is cancelled or the store is closing. */
static int
busy_cb (void *data,
         int   count)
{
  static const int delays_ms[] = { 1, 2, 5, 10, 15, 20, 25, 25, 25, 50, 50, 100 };
  CdStore *self = data;
  gint64 now = g_get_monotonic_time ();
  int delay;

  if (count == 0)
    {
      self->busy_started = now;
      self->busy_told = FALSE;
    }
  if (self->busy_no_wait)
    return 0;
  if (self->busy_cancellable != NULL && g_cancellable_is_cancelled (self->busy_cancellable))
    return 0;
  if (!self->busy_told && self->busy_long_func != NULL && now - self->busy_started >= BUSY_LONG_US)
    {
      self->busy_told = TRUE;
      self->busy_long_func (self, self->busy_long_data);
    }
  /* Past the deadline, a colleague's import is still waited for: the
   * save would succeed after it, and the window says it is waiting. */
  if (now - self->busy_started >= (gint64) self->busy_timeout_ms * 1000 &&
      (self->read_only || !ensure_writer_queue (self) || !cd_writer_queue_long_write_running (self->queue)))
    return 0;

  /* A reader on the rollback journal is shut out whenever a writer holds
   * the pending lock, and a line of writers holds it almost all the time:
   * sleeping, it would wake into the next writer's commit for seconds.
   * So it waits its turn in the writers' line and retries the moment the
   * writers before it are done; the next writer only takes the reserved
   * lock, which lets readers in, and needs far longer than the retry to
   * reach its commit. It gives its place back at once, so a read never
   * holds up the line. */
  if (!self->read_only && count > 0 && ensure_writer_queue (self) &&
      !cd_writer_queue_is_holding (self->queue))
    {
      gint64 waited = g_get_monotonic_time ();

      if (cd_writer_queue_enter (self->queue, self->busy_started + (gint64) self->busy_timeout_ms * 1000,
                                 self->busy_cancellable, NULL, NULL))
        cd_writer_queue_leave (self->queue);
      /* Nobody was in line: the lock is held by a program outside it. */
      if (g_get_monotonic_time () - waited >= 1000)
        return 1;
    }

  delay = delays_ms[MIN ((guint) count, G_N_ELEMENTS (delays_ms) - 1)];
  g_usleep ((gulong) delay * 1000);
  return 1;
}

/* Settings every connection of a store gets, the main one and those of
 * its workers alike. */
static gboolean
configure_connection (CdStore  *self,
                      GError  **error)
{
  sqlite3_extended_result_codes (self->db, 1);
  sqlite3_busy_handler (self->db, busy_cb, self);
  if (self->query_only && !cd_store_exec (self, "PRAGMA query_only = ON", error))
    return FALSE;
  return cd_store_exec (self, "PRAGMA foreign_keys = ON", error);
}

/* Opens the connection, @uri when given. */
static gboolean
open_connection (CdStore     *self,
                 const char  *uri,
                 GError     **error)
{
  int open_flags;
  int rc;

  if (self->query_only && uri == NULL)
    open_flags = SQLITE_OPEN_READWRITE;
  else if (self->read_only)
    open_flags = SQLITE_OPEN_READONLY;
  else
    open_flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE;
  if (uri != NULL)
    open_flags |= SQLITE_OPEN_URI;

  rc = sqlite3_open_v2 (uri != NULL ? uri : self->path, &self->db, open_flags, NULL);
  if (rc != SQLITE_OK)
    {
      set_db_error (self, error, rc, NULL);
      g_clear_pointer (&self->db, sqlite3_close_v2);
      return FALSE;
    }
  return configure_connection (self, error);
}

static void remove_stale_partials (const char *dir);

/* The process's umask, read without changing it (umask() would, for a
 * moment, for every thread). */
static mode_t
current_umask (void)
{
  g_autofree char *status = NULL;
  const char *line;

  if (g_file_get_contents ("/proc/self/status", &status, NULL, NULL) &&
      (line = strstr (status, "\nUmask:")) != NULL)
    return (mode_t) g_ascii_strtoull (line + strlen ("\nUmask:"), NULL, 8);
  return 022;
}

/* The URI that reads @self's file as one that nobody changes. */
static char *
dup_snapshot_uri (CdStore *self)
{
  g_autofree char *escaped = g_uri_escape_string (self->path, "/", FALSE);

  return g_strdup_printf ("file:%s?mode=ro&immutable=1", escaped);
}

CdStore *
cd_store_open_full (const char          *path,
                    CdStoreOpenFlags     flags,
                    CdStoreUpgradeFunc   upgrading,
                    gpointer             user_data,
                    GError             **error)
{
  g_autoptr(CdStore) self = NULL;
  gboolean exists;
  gboolean is_empty = TRUE;
  gboolean has_tables = FALSE;
  int version = 0;
  GError *local_error = NULL;
  goffset size = 0;

  g_return_val_if_fail (path != NULL && *path != '\0', NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  self = g_object_new (CD_TYPE_STORE, NULL);
  self->path = g_canonicalize_filename (path, NULL);
  self->flags = flags;
  self->upgrade_func = upgrading;
  self->upgrade_data = user_data;
  self->read_only = (flags & CD_STORE_OPEN_READ_ONLY) != 0;
  self->fs_kind = cd_fs_kind_for_path (self->path);

  if (g_file_test (self->path, G_FILE_TEST_IS_DIR))
    {
      g_set_error (error, CD_STORE_ERROR, CD_STORE_ERROR_CANT_OPEN,
                   _("“%s” is a folder, not a database file."), self->path);
      return NULL;
    }

  exists = g_file_test (self->path, G_FILE_TEST_EXISTS);
  if (!exists && (!(flags & CD_STORE_OPEN_CREATE) || self->read_only))
    {
      g_set_error (error, CD_STORE_ERROR, CD_STORE_ERROR_NOT_FOUND,
                   _("The database file “%s” does not exist."), self->path);
      return NULL;
    }

  /* Nothing here opens the file outside SQLite: closing any descriptor of
   * it would drop the locks of every connection this process holds on it
   * (POSIX locks belong to the process), and another Caredesk would then
   * take itself for the last user and delete the WAL under us. stat() and
   * access() open nothing; the header is read by SQLite (identify()). */
  if (exists)
    {
      GStatBuf st;

      if (access (self->path, R_OK) != 0)
        {
          int saved = errno;
          g_set_error (error, CD_STORE_ERROR, CD_STORE_ERROR_CANT_OPEN,
                       _("The database file “%s” cannot be read: %s."), self->path, g_strerror (saved));
          return NULL;
        }
      if (g_stat (self->path, &st) == 0)
        size = st.st_size;
      is_empty = size == 0;

      self->query_only = self->read_only && access (self->path, W_OK) == 0;
      if (!self->read_only && access (self->path, W_OK) != 0)
        {
          g_set_error (error, CD_STORE_ERROR, CD_STORE_ERROR_READ_ONLY,
                       _("You may read “%s” but not change it. Ask for write permission on the file, or open it read-only."),
                       self->path);
          return NULL;
        }
    }

  if (self->query_only)
    {
      g_autofree char *dir = g_path_get_dirname (self->path);
      self->query_only = access (dir, W_OK) == 0;
    }
  if (!self->read_only)
    {
      g_autofree char *dir = g_path_get_dirname (self->path);
      if (access (dir, W_OK) != 0)
        {
          /* SQLite writes its journal beside the file. */
          g_set_error (error, CD_STORE_ERROR, exists ? CD_STORE_ERROR_READ_ONLY : CD_STORE_ERROR_CANT_OPEN,
                       _("The folder “%s” is read-only for you, so Caredesk cannot save changes there. Ask for write permission on the folder, or open the file read-only."),
                       dir);
          return NULL;
        }
    }

  if (!open_connection (self, NULL, error))
    return NULL;
  /* SQLite makes a new file 0644 whatever the umask says; a team folder
   * with umask 002 means the group shall write it. Its journals take
   * the file's mode. (chmod() opens nothing.) */
  if (!exists && g_chmod (self->path, 0666 & ~current_umask ()) != 0)
    g_warning ("Could not set the permissions of %s: %s", self->path, g_strerror (errno));

  if (!identify (self, &version, &has_tables, &local_error))
    {
      int code = local_error->code;

      /* Read-only, a WAL file needs its shared-memory file, which a
       * folder we may not write cannot give us when nobody has the file
       * open. Only then is the file read without any locks, as a
       * snapshot: the window says that others' changes will not show.
       * Never otherwise, since a lock-free reader may see a page that a
       * writer has only half written. */
      if (!self->read_only || (code != CD_STORE_ERROR_READ_ONLY && code != CD_STORE_ERROR_CANT_OPEN))
        {
          g_propagate_error (error, local_error);
          return NULL;
        }
      g_clear_error (&local_error);
      g_clear_pointer (&self->db, sqlite3_close_v2);

      {
        g_autofree char *uri = dup_snapshot_uri (self);

        if (!open_connection (self, uri, error))
          return NULL;
      }
      self->snapshot = TRUE;
      if (!identify (self, &version, &has_tables, error))
        return NULL;
    }

  /* A file of zero bytes is set up only when asked to: it may be a team
   * file emptied by a failed copy or a full disk, and setting it up would
   * make the opener its administrator and bury what it once was. (Its
   * data may still be in a WAL file beside it; SQLite reads that, and
   * then it has tables.) */
  if (exists && is_empty && version == 0 && !has_tables &&
      (self->read_only || !(flags & CD_STORE_OPEN_SET_UP_EMPTY)))
    {
      g_autofree char *name = g_path_get_basename (self->path);
      g_set_error (error, CD_STORE_ERROR, CD_STORE_ERROR_EMPTY_FILE,
                   _("“%s” is empty: it holds no data at all. If it is a team database, a failed copy or a full disk "
                     "may have emptied it; then restore it from a backup (a file named “%s.backup-…” beside it) "
                     "instead. Set it up as a new database only if it is meant to be new."),
                   self->path, name);
      return NULL;
    }

  if (!is_empty && !check_integrity (self, size, error))
    return NULL;

  if (!self->read_only)
    {
      g_autofree char *dir = g_path_get_dirname (self->path);
      remove_stale_partials (dir);
    }

  if (!configure_journal (self, error))
    return NULL;

  /* The main connection reads the lists' pages, 256 rows spread over as
   * many table pages, between everything else the window reads: with
   * SQLite's 2 MB a list's pages are gone by the next sort or refresh
   * and are read from the file again (a third fewer reads over the
   * Customers view's sorts and filters with 8 MB, for 6 MB more memory).
   * Worker connections keep the default. */
  if (!cd_store_exec (self, "PRAGMA cache_size = -8192", error))
    return NULL;

  if (!migrate (self, version, has_tables, is_empty, error))
    return NULL;
  self->upgrade_func = NULL;
  self->upgrade_data = NULL;

  self->data_version = cd_store_query_int (self, "PRAGMA data_version", CD_NO_BIND, 0, NULL);
  self->last_audit_id = cd_store_query_int (self, "SELECT ifnull(max(id), 0) FROM audit_log",
                                            CD_NO_BIND, 0, NULL);

  if (!(flags & CD_STORE_OPEN_NO_WATCH) && !self->snapshot)
    cd_store_watch (self);

  return g_steal_pointer (&self);
}

CdStore *
cd_store_open_peer (CdStore  *main_store,
                    GError  **error)
{
  g_autoptr(CdStore) self = NULL;
  g_autofree char *uri = NULL;

  g_return_val_if_fail (CD_IS_STORE (main_store), NULL);

  /* These fields do not change once the main store is open. */
  self = g_object_new (CD_TYPE_STORE, NULL);
  self->is_peer = TRUE;
  cd_audit_ledger_unref (self->ledger);
  self->ledger = cd_audit_ledger_ref (main_store->ledger);
  self->path = g_strdup (main_store->path);
  self->flags = main_store->flags | CD_STORE_OPEN_NO_WATCH;
  self->read_only = main_store->read_only;
  self->query_only = main_store->query_only;
  self->snapshot = main_store->snapshot;
  self->fs_kind = main_store->fs_kind;
  self->journal_mode = g_strdup (main_store->journal_mode);
  self->schema_version = main_store->schema_version;

  if (self->snapshot)
    uri = dup_snapshot_uri (self);
  if (!open_connection (self, uri, error))
    return NULL;

  /* The journal mode is the file's (the main connection set it); the
   * sync level is each connection's own. */
  if (!self->read_only &&
      !cd_store_exec (self, self->fs_kind == CD_FS_REMOTE ? "PRAGMA synchronous = FULL"
                                                          : "PRAGMA synchronous = NORMAL", error))
    return NULL;

  return g_steal_pointer (&self);
}

void
cd_store_identity_capture (CdStore         *self,
                           CdStoreIdentity *out)
{
  g_return_if_fail (CD_IS_STORE (self));

  out->staff_id = self->staff_id;
  out->role = self->role;
  out->login = g_strdup (self->login);
  out->display_name = g_strdup (self->display_name);
  out->now_override = self->now_override;
}

void
cd_store_identity_apply (CdStore               *self,
                         const CdStoreIdentity *identity)
{
  g_return_if_fail (CD_IS_STORE (self));

  self->staff_id = identity->staff_id;
  self->role = identity->role;
  g_free (self->login);
  self->login = g_strdup (identity->login);
  g_free (self->display_name);
  self->display_name = g_strdup (identity->display_name);
  self->now_override = identity->now_override;
}

void
cd_store_identity_clear (CdStoreIdentity *identity)
{
  g_clear_pointer (&identity->login, g_free);
  g_clear_pointer (&identity->display_name, g_free);
}

void
cd_store_set_busy_cancellable (CdStore      *self,
                               GCancellable *cancellable)
{
  g_return_if_fail (CD_IS_STORE (self));
  g_set_object (&self->busy_cancellable, cancellable);
}

void
cd_store_set_busy_long_func (CdStore  *self,
                             GFunc     func,
                             gpointer  data)
{
  g_return_if_fail (CD_IS_STORE (self));
  self->busy_long_func = func;
  self->busy_long_data = data;
}

void
cd_store_add_pending_write (CdStore *self,
                            int      delta)
{
  g_return_if_fail (CD_IS_STORE (self));
  g_return_if_fail (delta > 0 || self->pending_writes >= (guint) -delta);

  self->pending_writes += delta;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PENDING_WRITES]);
  if (self->pending_writes == 0)
    cd_store_set_waiting_for_lock (self, FALSE);
}

void
cd_store_set_waiting_for_lock (CdStore  *self,
                               gboolean  waiting)
{
  g_return_if_fail (CD_IS_STORE (self));

  if (self->waiting_for_lock == waiting)
    return;
  self->waiting_for_lock = waiting;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_WAITING_FOR_LOCK]);
}

guint
cd_store_get_pending_writes (CdStore *self)
{
  g_return_val_if_fail (CD_IS_STORE (self), 0);
  return self->pending_writes;
}

gboolean
cd_store_get_waiting_for_lock (CdStore *self)
{
  g_return_val_if_fail (CD_IS_STORE (self), FALSE);
  return self->waiting_for_lock;
}

void
cd_store_release (CdStore *self)
{
  g_return_if_fail (CD_IS_STORE (self));

  if (self->tx_depth > 0)
    {
      g_critical ("A job left a transaction open on %s; it was rolled back", self->path);
      while (self->tx_depth > 0)
        cd_store_rollback (self);
    }
  reset_busy_statements (self);
}

CdStoreWorker *
cd_store_get_worker (CdStore     *self,
                     CdStoreLane  lane)
{
  g_return_val_if_fail (CD_IS_STORE (self), NULL);
  g_return_val_if_fail (lane < CD_STORE_N_LANES, NULL);

  if (self->workers[lane] == NULL)
    self->workers[lane] = cd_store_worker_new (lane);
  return self->workers[lane];
}

void
cd_store_watch (CdStore *self)
{
  g_return_if_fail (CD_IS_STORE (self));

  if (self->watch_id != 0)
    return;
  self->watch_context = g_main_context_ref_thread_default ();
  self->last_external_us = g_get_monotonic_time ();
  attach_watch (self, WATCH_BUSY_SECONDS);
}

/* (Re)starts the poll on the watch context, every @seconds. */
static void
attach_watch (CdStore *self,
              guint    seconds)
{
  g_autoptr(GSource) source = g_timeout_source_new_seconds (seconds);

  g_source_set_priority (source, G_PRIORITY_LOW);
  g_source_set_callback (source, watch_cb, self, NULL);
  g_source_set_static_name (source, "[caredesk] data_version watch");
  self->watch_seconds = seconds;
  self->watch_id = g_source_attach (source, self->watch_context);
}

const char *
cd_store_get_path (CdStore *self)
{
  g_return_val_if_fail (CD_IS_STORE (self), NULL);
  return self->path;
}

gboolean
cd_store_is_read_only (CdStore *self)
{
  g_return_val_if_fail (CD_IS_STORE (self), TRUE);
  return self->read_only;
}

gboolean
cd_store_is_snapshot (CdStore *self)
{
  g_return_val_if_fail (CD_IS_STORE (self), FALSE);
  return self->snapshot;
}

CdFsKind
cd_store_get_fs_kind (CdStore *self)
{
  g_return_val_if_fail (CD_IS_STORE (self), CD_FS_LOCAL);
  return self->fs_kind;
}

const char *
cd_store_get_journal_mode (CdStore *self)
{
  g_return_val_if_fail (CD_IS_STORE (self), NULL);
  return self->journal_mode;
}

int
cd_store_get_schema_version (CdStore *self)
{
  g_return_val_if_fail (CD_IS_STORE (self), 0);
  return self->schema_version;
}

sqlite3 *
cd_store_get_db (CdStore *self)
{
  g_return_val_if_fail (CD_IS_STORE (self), NULL);
  return self->db;
}

/* Identity --------------------------------------------------------------- */

char *
cd_store_describe_managers (CdStore  *self,
                            GError  **error)
{
  g_autoptr(GString) names = g_string_new (NULL);
  sqlite3_stmt *stmt;
  guint n = 0;
  int rc;

  g_return_val_if_fail (CD_IS_STORE (self), NULL);

  stmt = cd_store_prepare (self,
                           "SELECT display_name, role FROM staff"
                           " WHERE active = 1 AND role IN ('admin', 'lead')"
                           " ORDER BY role = 'admin' DESC, display_name COLLATE NOCASE LIMIT 5", error);
  if (stmt == NULL)
    return NULL;
  while ((rc = cd_store_step (self, stmt, error)) == SQLITE_ROW)
    {
      const char *name = (const char *) sqlite3_column_text (stmt, 0);
      int role = cd_role_from_nick ((const char *) sqlite3_column_text (stmt, 1));

      if (name == NULL || name[0] == '\0')
        continue;
      if (n++ > 0)
        /* Translators: separates the names of people in a list */
        g_string_append (names, _(", "));
      if (role >= 0)
        /* Translators: a person and their role, e.g. "Li Na (Team lead)" */
        g_string_append_printf (names, C_("staff member", "%s (%s)"), name, cd_role_label ((CdRole) role));
      else
        g_string_append (names, name);
    }
  sqlite3_reset (stmt);
  if (rc < 0)
    return NULL;

  return n > 0 ? g_strdup (names->str) : NULL;
}

gboolean
cd_store_sign_in (CdStore     *self,
                  const char  *login,
                  const char  *display_name,
                  GError     **error)
{
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (CD_IS_STORE (self), FALSE);
  g_return_val_if_fail (login != NULL && *login != '\0', FALSE);

  if (display_name == NULL || *display_name == '\0' || g_strcmp0 (display_name, "Unknown") == 0)
    display_name = login;

  if (!self->read_only &&
      cd_store_query_int (self, "SELECT count(*) FROM staff", CD_NO_BIND, 0, error) == 0)
    {
      /* The first person to open a fresh file looks after it. */
      if (!cd_store_begin (self, error))
        return FALSE;
      if (cd_store_query_int (self, "SELECT count(*) FROM staff", CD_NO_BIND, 0, NULL) == 0)
        {
          const CdField fields[] = {
            { "login", login },
            { "display_name", display_name },
            { "role", "admin" },
          };
          gint64 id = cd_store_insert (self, "staff", fields, G_N_ELEMENTS (fields), error);
          if (id <= 0)
            {
              cd_store_rollback (self);
              return FALSE;
            }
        }
      if (!cd_store_commit (self, error))
        return FALSE;
    }

  stmt = cd_store_prepare (self, "SELECT id, role, display_name, active FROM staff WHERE login = ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, login, -1, SQLITE_TRANSIENT);
  rc = cd_store_step (self, stmt, error);
  if (rc < 0)
    return FALSE;

  if (rc != SQLITE_ROW || sqlite3_column_int (stmt, 3) == 0)
    {
      gboolean inactive = rc == SQLITE_ROW;
      g_autofree char *who = NULL;

      sqlite3_reset (stmt);
      who = cd_store_describe_managers (self, NULL);
      if (inactive)
        g_set_error (error, CD_STORE_ERROR, CD_STORE_ERROR_UNKNOWN_USER,
                     _("The staff account for your login “%s” is switched off in this database. Ask %s to switch it on."),
                     login, who ? who : _("whoever looks after the shared file"));
      else
        g_set_error (error, CD_STORE_ERROR, CD_STORE_ERROR_UNKNOWN_USER,
                     _("Your login “%s” is not on the staff list of this database. Ask %s to add you."),
                     login, who ? who : _("whoever looks after the shared file"));
      return FALSE;
    }

  self->staff_id = sqlite3_column_int64 (stmt, 0);
  {
    int role = cd_role_from_nick ((const char *) sqlite3_column_text (stmt, 1));
    self->role = role < 0 ? CD_ROLE_REP : (CdRole) role;
  }
  g_free (self->display_name);
  self->display_name = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
  g_free (self->login);
  self->login = g_strdup (login);
  sqlite3_reset (stmt);

  return TRUE;
}

gint64
cd_store_get_staff_id (CdStore *self)
{
  g_return_val_if_fail (CD_IS_STORE (self), 0);
  return self->staff_id;
}

CdRole
cd_store_get_role (CdStore *self)
{
  g_return_val_if_fail (CD_IS_STORE (self), CD_ROLE_REP);
  return self->role;
}

const char *
cd_store_get_display_name (CdStore *self)
{
  g_return_val_if_fail (CD_IS_STORE (self), NULL);
  return self->display_name;
}

const char *
cd_store_get_login (CdStore *self)
{
  g_return_val_if_fail (CD_IS_STORE (self), NULL);
  return self->login;
}

gboolean
cd_store_require_role (CdStore  *self,
                       guint     roles,
                       GError  **error)
{
  g_autoptr(GString) allowed = g_string_new (NULL);

  g_return_val_if_fail (CD_IS_STORE (self), FALSE);

  if (self->staff_id != 0 && (roles & CD_ROLE_BIT (self->role)) != 0)
    return TRUE;

  for (guint r = 0; r < cd_role_count (); r++)
    if (roles & CD_ROLE_BIT (r))
      {
        if (allowed->len > 0)
          g_string_append (allowed, _(", "));
        g_string_append (allowed, cd_role_label ((CdRole) r));
      }

  g_set_error (error, CD_STORE_ERROR, CD_STORE_ERROR_PERMISSION,
               _("Only these roles may do this: %s. Your role is %s."),
               allowed->str, cd_role_label (self->role));
  return FALSE;
}

/* Time ------------------------------------------------------------------- */

gint64
cd_store_now (CdStore *self)
{
  g_return_val_if_fail (CD_IS_STORE (self), 0);

  if (self->now_override != 0)
    return self->now_override;
  return g_get_real_time () / G_USEC_PER_SEC;
}

void
cd_store_set_now (CdStore *self,
                  gint64   now)
{
  g_return_if_fail (CD_IS_STORE (self));
  self->now_override = now;
}

/* Generic writes --------------------------------------------------------- */

/* The set of columns of @table, or NULL (with @error) for an unknown
 * table. Table and column names are spliced into SQL, so only names that
 * exist in the schema are accepted. */
static GHashTable *
table_columns (CdStore     *self,
               const char  *table,
               GError     **error)
{
  GHashTable *cols = g_hash_table_lookup (self->columns, table);
  g_autofree char *sql = NULL;
  sqlite3_stmt *stmt;

  if (cols != NULL)
    return cols;

  for (const char *p = table; *p; p++)
    if (!g_ascii_isalnum (*p) && *p != '_')
      goto unknown;

  sql = g_strdup_printf ("PRAGMA table_info(\"%s\")", table);
  if (sqlite3_prepare_v2 (self->db, sql, -1, &stmt, NULL) != SQLITE_OK)
    goto unknown;

  cols = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_hash_table_add (cols, g_strdup ((const char *) sqlite3_column_text (stmt, 1)));
  sqlite3_finalize (stmt);

  if (g_hash_table_size (cols) == 0)
    {
      g_hash_table_unref (cols);
      goto unknown;
    }

  g_hash_table_insert (self->columns, g_strdup (table), cols);
  return cols;

unknown:
  g_set_error (error, CD_STORE_ERROR, CD_STORE_ERROR_INVALID,
               _("There is no “%s” in this database."), table);
  return NULL;
}

static gboolean
check_fields (CdStore        *self,
              GHashTable     *cols,
              const char     *table,
              const CdField  *fields,
              guint           n_fields,
              GError        **error)
{
  for (guint i = 0; i < n_fields; i++)
    {
      const char *c = fields[i].column;

      if (c == NULL || !g_hash_table_contains (cols, c) ||
          g_str_equal (c, "id") || g_str_equal (c, "version"))
        {
          g_set_error (error, CD_STORE_ERROR, CD_STORE_ERROR_INVALID,
                       _("“%s” has no field “%s” that can be set."), table, c ? c : "");
          return FALSE;
        }
      if (fields[i].value != NULL && !g_utf8_validate (fields[i].value, -1, NULL))
        {
          g_set_error (error, CD_STORE_ERROR, CD_STORE_ERROR_INVALID,
                       _("The text for “%s” is not valid UTF-8."), c);
          return FALSE;
        }
    }
  return TRUE;
}

static gboolean
has_field (const CdField *fields,
           guint          n_fields,
           const char    *column)
{
  for (guint i = 0; i < n_fields; i++)
    if (g_str_equal (fields[i].column, column))
      return TRUE;
  return FALSE;
}

static void
bind_value (sqlite3_stmt *stmt,
            int           index,
            const char   *value)
{
  if (value == NULL)
    sqlite3_bind_null (stmt, index);
  else
    sqlite3_bind_text (stmt, index, value, -1, SQLITE_TRANSIENT);
}

/* What an audit row says changed. An export changes nothing; a ticket's
 * event is a change of the ticket, named by its "ticket_id" row. */
static void
changed_by_audit_row (CdChangeSet *set,
                      const char  *entity,
                      gint64       entity_id,
                      const char  *action,
                      const char  *field,
                      const char  *new_value)
{
  /* Exporting or opening a record changes nothing in it. */
  if (g_strcmp0 (action, "export") == 0 || g_strcmp0 (action, "open") == 0)
    return;
  if (g_strcmp0 (entity, "ticket_events") == 0)
    {
      if (g_strcmp0 (field, "ticket_id") == 0 && new_value != NULL)
        cd_change_set_add (set, CD_CHANGE_TICKETS, g_ascii_strtoll (new_value, NULL, 10));
      return;
    }
  cd_change_set_add (set, entity, entity_id);
}

static void
note_audited_change (CdStore    *self,
                     const char *entity,
                     gint64      entity_id,
                     const char *action,
                     const char *field,
                     const char *new_value)
{
  changed_by_audit_row (self->tx_changes, entity, entity_id, action, field, new_value);
}

gboolean
cd_store_audit (CdStore     *self,
                const char  *entity,
                gint64       entity_id,
                const char  *action,
                const char  *field,
                const char  *old_value,
                const char  *new_value,
                GError     **error)
{
  g_autofree char *hash = NULL;
  sqlite3_stmt *stmt;
  gboolean own_tx = FALSE;
  gint64 now;

  g_return_val_if_fail (CD_IS_STORE (self), FALSE);
  g_return_val_if_fail (entity != NULL && action != NULL, FALSE);
  now = cd_store_now (self);

  if (self->tx_depth == 0)
    {
      if (!cd_store_begin (self, error))
        return FALSE;
      own_tx = TRUE;
    }

  /* The chain goes on from the last row; within a transaction nobody
   * else writes, so the last hash is read once. */
  if (self->tx_last_hash == NULL)
    {
      self->tx_last_hash = cd_store_query_text (self, "SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1");
      if (self->tx_last_hash == NULL)
        self->tx_last_hash = g_strdup ("");
    }
  hash = cd_audit_row_hash (self->tx_last_hash, now, self->staff_id, entity, entity_id,
                            action, field, old_value, new_value);

  stmt = cd_store_prepare (self,
                           "INSERT INTO audit_log (at, staff_id, entity, entity_id, action, field, old_value, new_value, hash) "
                           "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", error);
  if (stmt == NULL)
    goto fail;

  sqlite3_bind_int64 (stmt, 1, now);
  if (self->staff_id != 0)
    sqlite3_bind_int64 (stmt, 2, self->staff_id);
  else
    sqlite3_bind_null (stmt, 2);
  sqlite3_bind_text (stmt, 3, entity, -1, SQLITE_TRANSIENT);
  if (entity_id != 0)
    sqlite3_bind_int64 (stmt, 4, entity_id);
  else
    sqlite3_bind_null (stmt, 4);
  sqlite3_bind_text (stmt, 5, action, -1, SQLITE_TRANSIENT);
  bind_value (stmt, 6, field);
  bind_value (stmt, 7, old_value);
  bind_value (stmt, 8, new_value);
  sqlite3_bind_text (stmt, 9, hash, -1, SQLITE_TRANSIENT);

  if (cd_store_step (self, stmt, error) < 0)
    goto fail;
  sqlite3_reset (stmt);
  g_free (self->tx_last_hash);
  self->tx_last_hash = g_steal_pointer (&hash);

  {
    gint64 audit_id = sqlite3_last_insert_rowid (self->db);

    if (self->tx_audit_first == 0)
      self->tx_audit_first = audit_id;
    self->tx_audit_last = audit_id;
  }
  note_audited_change (self, entity, entity_id, action, field, new_value);

  if (own_tx)
    return cd_store_commit (self, error);
  return TRUE;

fail:
  if (own_tx)
    cd_store_rollback (self);
  return FALSE;
}

gint64
cd_store_insert (CdStore        *self,
                 const char     *table,
                 const CdField  *fields,
                 guint           n_fields,
                 GError        **error)
{
  g_autoptr(GString) sql = NULL;
  g_autoptr(GString) params = NULL;
  GHashTable *cols;
  sqlite3_stmt *stmt;
  gboolean add_created, add_updated;
  gint64 id;
  int idx = 1;

  g_return_val_if_fail (CD_IS_STORE (self), 0);
  g_return_val_if_fail (table != NULL, 0);
  g_return_val_if_fail (fields != NULL || n_fields == 0, 0);

  cols = table_columns (self, table, error);
  if (cols == NULL || !check_fields (self, cols, table, fields, n_fields, error))
    return 0;

  if (!cd_store_begin (self, error))
    return 0;

  add_created = g_hash_table_contains (cols, "created_at") && !has_field (fields, n_fields, "created_at");
  add_updated = g_hash_table_contains (cols, "updated_at") && !has_field (fields, n_fields, "updated_at");

  sql = g_string_new (NULL);
  params = g_string_new (NULL);
  g_string_append_printf (sql, "INSERT INTO \"%s\" (", table);
  for (guint i = 0; i < n_fields; i++)
    {
      g_string_append_printf (sql, "%s\"%s\"", i ? ", " : "", fields[i].column);
      g_string_append (params, i ? ", ?" : "?");
    }
  if (add_created)
    {
      g_string_append_printf (sql, "%s\"created_at\"", sql->str[sql->len - 1] == '(' ? "" : ", ");
      g_string_append (params, params->len ? ", ?" : "?");
    }
  if (add_updated)
    {
      g_string_append_printf (sql, "%s\"updated_at\"", sql->str[sql->len - 1] == '(' ? "" : ", ");
      g_string_append (params, params->len ? ", ?" : "?");
    }
  if (params->len == 0)
    g_string_append (sql, ") DEFAULT VALUES");
  else
    g_string_append_printf (sql, ") VALUES (%s)", params->str);

  stmt = cd_store_prepare (self, sql->str, error);
  if (stmt == NULL)
    goto fail;

  for (guint i = 0; i < n_fields; i++)
    bind_value (stmt, idx++, fields[i].value);
  if (add_created)
    sqlite3_bind_int64 (stmt, idx++, cd_store_now (self));
  if (add_updated)
    sqlite3_bind_int64 (stmt, idx++, cd_store_now (self));

  if (cd_store_step (self, stmt, error) < 0)
    goto fail;
  sqlite3_reset (stmt);
  id = sqlite3_last_insert_rowid (self->db);
  if (!cd_overview_summary_row_changed (self, table, id, TRUE, error))
    goto fail;

  for (guint i = 0; i < n_fields; i++)
    if (fields[i].value != NULL &&
        !cd_store_audit (self, table, id, "create", fields[i].column, NULL, fields[i].value, error))
      goto fail;
  if (n_fields == 0 && !cd_store_audit (self, table, id, "create", NULL, NULL, NULL, error))
    goto fail;

  if (!cd_store_commit (self, error))
    return 0;
  return id;

fail:
  cd_store_rollback (self);
  return 0;
}

static void
stale_error (GError     **error,
             const char  *table)
{
  g_set_error (error, CD_STORE_ERROR, CD_STORE_ERROR_STALE,
               _("Someone else saved a change to this record (%s) after you opened it. Reload to see their change, or overwrite it with yours."),
               table);
}

gint64
cd_store_get_version (CdStore     *self,
                      const char  *table,
                      gint64       id,
                      GError     **error)
{
  g_autofree char *sql = NULL;
  GHashTable *cols;
  gint64 version;
  GError *local_error = NULL;

  g_return_val_if_fail (CD_IS_STORE (self), 0);

  cols = table_columns (self, table, error);
  if (cols == NULL)
    return 0;
  if (!g_hash_table_contains (cols, "version"))
    {
      g_set_error (error, CD_STORE_ERROR, CD_STORE_ERROR_INVALID,
                   _("Records in “%s” have no version."), table);
      return 0;
    }

  sql = g_strdup_printf ("SELECT version FROM \"%s\" WHERE id = ?", table);
  version = cd_store_query_int (self, sql, id, 0, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, local_error);
      return 0;
    }
  if (version == 0)
    g_set_error (error, CD_STORE_ERROR, CD_STORE_ERROR_NOT_FOUND,
                 _("The record no longer exists; someone may have deleted it."));
  return version;
}

/* The audit log is append-only: nothing edits or deletes its rows. */
static gboolean
check_not_audit_log (const char  *table,
                     GError     **error)
{
  if (g_strcmp0 (table, "audit_log") != 0)
    return TRUE;
  g_set_error_literal (error, CD_STORE_ERROR, CD_STORE_ERROR_PERMISSION,
                       _("The audit log cannot be changed: it only ever grows."));
  return FALSE;
}

gboolean
cd_store_update (CdStore        *self,
                 const char     *table,
                 gint64          id,
                 gint64          expected_version,
                 const CdField  *fields,
                 guint           n_fields,
                 GError        **error)
{
  g_autoptr(GString) sql = NULL;
  g_autoptr(GPtrArray) old_values = NULL;
  GHashTable *cols;
  sqlite3_stmt *stmt;
  gint64 current_version;
  gboolean changed = FALSE;
  gboolean has_updated;
  int rc;
  int idx = 1;

  g_return_val_if_fail (CD_IS_STORE (self), FALSE);
  g_return_val_if_fail (table != NULL, FALSE);
  g_return_val_if_fail (fields != NULL || n_fields == 0, FALSE);

  if (!check_not_audit_log (table, error))
    return FALSE;
  cols = table_columns (self, table, error);
  if (cols == NULL || !check_fields (self, cols, table, fields, n_fields, error))
    return FALSE;
  if (!g_hash_table_contains (cols, "version"))
    {
      g_set_error (error, CD_STORE_ERROR, CD_STORE_ERROR_INVALID,
                   _("Records in “%s” cannot be edited."), table);
      return FALSE;
    }
  has_updated = g_hash_table_contains (cols, "updated_at");

  if (!cd_store_begin (self, error))
    return FALSE;

  /* Read the current row inside the write transaction: nobody can change
   * it between this check and the UPDATE. */
  sql = g_string_new ("SELECT version");
  for (guint i = 0; i < n_fields; i++)
    g_string_append_printf (sql, ", \"%s\"", fields[i].column);
  g_string_append_printf (sql, " FROM \"%s\" WHERE id = ?", table);

  stmt = cd_store_prepare (self, sql->str, error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_int64 (stmt, 1, id);
  rc = cd_store_step (self, stmt, error);
  if (rc < 0)
    goto fail;
  if (rc != SQLITE_ROW)
    {
      sqlite3_reset (stmt);
      g_set_error_literal (error, CD_STORE_ERROR, CD_STORE_ERROR_NOT_FOUND,
                           _("The record no longer exists; someone may have deleted it. Nothing was saved."));
      goto fail;
    }

  current_version = sqlite3_column_int64 (stmt, 0);
  if (expected_version != 0 && current_version != expected_version)
    {
      sqlite3_reset (stmt);
      stale_error (error, table);
      goto fail;
    }

  old_values = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < n_fields; i++)
    {
      const char *old = (const char *) sqlite3_column_text (stmt, (int) i + 1);
      g_ptr_array_add (old_values, g_strdup (old));
      if (g_strcmp0 (old, fields[i].value) != 0)
        changed = TRUE;
    }
  sqlite3_reset (stmt);

  if (!changed)
    return cd_store_commit (self, error);

  g_string_truncate (sql, 0);
  g_string_append_printf (sql, "UPDATE \"%s\" SET ", table);
  for (guint i = 0; i < n_fields; i++)
    g_string_append_printf (sql, "\"%s\" = ?, ", fields[i].column);
  if (has_updated && !has_field (fields, n_fields, "updated_at"))
    g_string_append (sql, "updated_at = ?, ");
  g_string_append (sql, "version = version + 1 WHERE id = ? AND version = ?");

  if (!cd_overview_summary_row_changed (self, table, id, FALSE, error))
    goto fail;
  stmt = cd_store_prepare (self, sql->str, error);
  if (stmt == NULL)
    goto fail;
  for (guint i = 0; i < n_fields; i++)
    bind_value (stmt, idx++, fields[i].value);
  if (has_updated && !has_field (fields, n_fields, "updated_at"))
    sqlite3_bind_int64 (stmt, idx++, cd_store_now (self));
  sqlite3_bind_int64 (stmt, idx++, id);
  sqlite3_bind_int64 (stmt, idx++, current_version);

  if (cd_store_step (self, stmt, error) < 0)
    goto fail;
  sqlite3_reset (stmt);
  if (sqlite3_changes (self->db) != 1)
    {
      stale_error (error, table);
      goto fail;
    }
  if (!cd_overview_summary_row_changed (self, table, id, TRUE, error))
    goto fail;

  for (guint i = 0; i < n_fields; i++)
    {
      const char *old = g_ptr_array_index (old_values, i);
      if (g_strcmp0 (old, fields[i].value) != 0 &&
          !cd_store_audit (self, table, id,
                           expected_version == 0 ? "overwrite" : "update",
                           fields[i].column, old, fields[i].value, error))
        goto fail;
    }

  return cd_store_commit (self, error);

fail:
  cd_store_rollback (self);
  return FALSE;
}

/* The row's columns and values as text, name and value in turn (values
 * NULL for SQL NULL; version and the stamps left out), or NULL with
 * NOT_FOUND when there is no such row. */
static GPtrArray *
read_row_values (CdStore     *self,
                 const char  *table,
                 gint64       id,
                 GError     **error)
{
  g_autoptr(GPtrArray) values = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *sql = g_strdup_printf ("SELECT * FROM \"%s\" WHERE id = ?", table);
  sqlite3_stmt *stmt = cd_store_prepare (self, sql, error);
  int rc;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, id);
  rc = cd_store_step (self, stmt, error);
  if (rc < 0)
    return NULL;
  if (rc != SQLITE_ROW)
    {
      sqlite3_reset (stmt);
      g_set_error_literal (error, CD_STORE_ERROR, CD_STORE_ERROR_NOT_FOUND,
                           _("The record no longer exists; someone may have deleted it."));
      return NULL;
    }
  for (int c = 0; c < sqlite3_column_count (stmt); c++)
    {
      const char *name = sqlite3_column_name (stmt, c);

      if (g_str_equal (name, "id") || g_str_equal (name, "version") ||
          g_str_equal (name, "created_at") || g_str_equal (name, "updated_at") ||
          sqlite3_column_type (stmt, c) == SQLITE_NULL)
        continue;
      g_ptr_array_add (values, g_strdup (name));
      g_ptr_array_add (values, g_strdup ((const char *) sqlite3_column_text (stmt, c)));
    }
  sqlite3_reset (stmt);
  return g_steal_pointer (&values);
}

gboolean
cd_store_delete (CdStore     *self,
                 const char  *table,
                 gint64       id,
                 gint64       expected_version,
                 GError     **error)
{
  g_autoptr(GPtrArray) old_values = NULL;
  g_autofree char *sql = NULL;
  GHashTable *cols;
  sqlite3_stmt *stmt;
  gboolean versioned;

  g_return_val_if_fail (CD_IS_STORE (self), FALSE);

  if (!check_not_audit_log (table, error))
    return FALSE;
  cols = table_columns (self, table, error);
  if (cols == NULL)
    return FALSE;
  versioned = g_hash_table_contains (cols, "version");

  if (!cd_store_begin (self, error))
    return FALSE;

  /* What is deleted stays readable in the audit log. */
  old_values = read_row_values (self, table, id, error);
  if (old_values == NULL)
    goto fail;

  if (versioned)
    {
      GError *local_error = NULL;
      gint64 current = cd_store_get_version (self, table, id, &local_error);

      if (local_error != NULL)
        {
          g_propagate_error (error, local_error);
          goto fail;
        }
      if (expected_version != 0 && current != expected_version)
        {
          stale_error (error, table);
          goto fail;
        }
    }

  if (!cd_overview_summary_row_changed (self, table, id, FALSE, error))
    goto fail;
  sql = g_strdup_printf ("DELETE FROM \"%s\" WHERE id = ?", table);
  stmt = cd_store_prepare (self, sql, error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_int64 (stmt, 1, id);
  if (cd_store_step (self, stmt, error) < 0)
    goto fail;
  sqlite3_reset (stmt);
  if (sqlite3_changes (self->db) != 1)
    {
      g_set_error_literal (error, CD_STORE_ERROR, CD_STORE_ERROR_NOT_FOUND,
                           _("The record no longer exists; someone may have deleted it."));
      goto fail;
    }

  for (guint i = 0; i + 1 < old_values->len; i += 2)
    if (!cd_store_audit (self, table, id, "delete", g_ptr_array_index (old_values, i),
                         g_ptr_array_index (old_values, i + 1), NULL, error))
      goto fail;
  if (old_values->len == 0 && !cd_store_audit (self, table, id, "delete", NULL, NULL, NULL, error))
    goto fail;

  return cd_store_commit (self, error);

fail:
  cd_store_rollback (self);
  return FALSE;
}

/* Backups ---------------------------------------------------------------
 * A backup is written under a hidden name that never matches the
 * "*.backup-*" the README tells people to restore from, and renamed
 * once complete. The name carries the host and process, so that the
 * leftovers of a process that died part-way are recognised and removed
 * at the next open. */

#define PARTIAL_PREFIX ".caredesk-partial-"

static char *
dup_partial_path (const char *dest_path)
{
  static gint counter;
  g_autofree char *dir = g_path_get_dirname (dest_path);
  g_autofree char *name = g_strdup_printf (PARTIAL_PREFIX "%s-%d-%d", g_get_host_name (), (int) getpid (),
                                           g_atomic_int_add (&counter, 1));

  return g_build_filename (dir, name, NULL);
}

/* The partial file and whatever SQLite made beside it. */
static void
remove_partial (const char *path)
{
  static const char * const suffixes[] = { "", "-journal", "-wal", "-shm" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *name = g_strconcat (path, suffixes[i], NULL);
      g_unlink (name);
    }
}

static gboolean
process_is_alive (int pid)
{
  return pid > 0 && (kill (pid, 0) == 0 || errno == EPERM);
}

/* Removes what backups of dead processes of this host left in @dir, and
 * partial backups of older Caredesks ("<file>.backup-….<pid>.partial")
 * whose process is gone and that nobody touched for an hour. */
static void
remove_stale_partials (const char *dir)
{
  g_autoptr(GDir) folder = g_dir_open (dir, 0, NULL);
  g_autofree char *mine = g_strdup_printf (PARTIAL_PREFIX "%s-", g_get_host_name ());
  const char *name;

  if (folder == NULL)
    return;
  while ((name = g_dir_read_name (folder)) != NULL)
    {
      g_autofree char *path = NULL;
      int pid = 0;

      if (g_str_has_prefix (name, mine))
        {
          const char *rest = name + strlen (mine);
          char *end = NULL;

          pid = (int) g_ascii_strtoll (rest, &end, 10);
          if (end == rest || *end != '-' || strchr (end + 1, '-') != NULL || process_is_alive (pid))
            continue;
          path = g_build_filename (dir, name, NULL);
          g_message ("Removing %s, left by a backup that did not finish", path);
          remove_partial (path);
        }
      else if (g_str_has_suffix (name, ".partial") && strstr (name, ".backup-") != NULL)
        {
          g_autofree char *stem = g_strndup (name, strlen (name) - strlen (".partial"));
          const char *dot = strrchr (stem, '.');
          GStatBuf st;

          if (dot == NULL)
            continue;
          pid = (int) g_ascii_strtoll (dot + 1, NULL, 10);
          path = g_build_filename (dir, name, NULL);
          if (process_is_alive (pid) || g_stat (path, &st) != 0 ||
              g_get_real_time () / G_USEC_PER_SEC - st.st_mtime < 3600)
            continue;
          g_message ("Removing %s, left by a backup that did not finish", path);
          remove_partial (path);
        }
    }
}

/* A copy of the team file is as confidential as the file: it gets the
 * file's permissions and group. */
static void
copy_mode_and_group (const char *from,
                     const char *to)
{
  GStatBuf st;

  if (g_stat (from, &st) != 0)
    return;
  if (g_chmod (to, st.st_mode & 07777) != 0)
    g_warning ("Could not give %s the permissions of %s: %s", to, from, g_strerror (errno));
  /* Only the group: a member may give a file of theirs to a group they
   * are in, and nothing else. */
  if (chown (to, (uid_t) -1, st.st_gid) != 0 && errno != EPERM)
    g_warning ("Could not give %s the group of %s: %s", to, from, g_strerror (errno));
}

gboolean
cd_store_backup_to (CdStore     *self,
                    const char  *dest_path,
                    GError     **error)
{
  g_autofree char *tmp_path = NULL;
  sqlite3 *dest = NULL;
  sqlite3 *reader = NULL;
  sqlite3_backup *backup;
  gint64 deadline;
  int sys_errno = 0;
  int rc;

  g_return_val_if_fail (CD_IS_STORE (self), FALSE);
  g_return_val_if_fail (dest_path != NULL, FALSE);

  tmp_path = dup_partial_path (dest_path);
  remove_partial (tmp_path);

  rc = sqlite3_open_v2 (tmp_path, &dest, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL);
  if (rc != SQLITE_OK)
    {
      cd_set_sqlite_error_errno (error, rc, dest != NULL ? sqlite3_system_errno (dest) : errno,
                                 _("Could not write the backup"));
      sqlite3_close (dest);
      remove_partial (tmp_path);
      return FALSE;
    }
  /* Nobody else should read it before it is complete and has the
   * team file's permissions. */
  g_chmod (tmp_path, 0600);

  /* A connection cannot be the source of a backup while it writes (as
   * when a migration backs up under its write lock); a second connection
   * may read the last committed state meanwhile. */
  if (!sqlite3_get_autocommit (self->db))
    {
      rc = sqlite3_open_v2 (self->path, &reader, SQLITE_OPEN_READONLY, NULL);
      if (rc != SQLITE_OK)
        {
          cd_set_sqlite_error (error, rc, _("Could not write the backup"));
          sqlite3_close (reader);
          sqlite3_close (dest);
          remove_partial (tmp_path);
          return FALSE;
        }
      sqlite3_busy_timeout (reader, CD_STORE_BUSY_TIMEOUT_MS);
    }

  backup = sqlite3_backup_init (dest, "main", reader ? reader : self->db, "main");
  if (backup == NULL)
    {
      cd_set_sqlite_error_errno (error, sqlite3_errcode (dest), sqlite3_system_errno (dest),
                                 _("Could not write the backup"));
      sqlite3_close (reader);
      sqlite3_close (dest);
      remove_partial (tmp_path);
      return FALSE;
    }

  deadline = g_get_monotonic_time () + (gint64) CD_STORE_BUSY_TIMEOUT_MS * 1000;
  do
    {
      rc = sqlite3_backup_step (backup, 256);
      if ((rc == SQLITE_BUSY || rc == SQLITE_LOCKED) && g_get_monotonic_time () < deadline)
        sqlite3_sleep (20);
    }
  while (rc == SQLITE_OK || ((rc == SQLITE_BUSY || rc == SQLITE_LOCKED) && g_get_monotonic_time () < deadline));

  if (rc != SQLITE_DONE)
    sys_errno = sqlite3_system_errno (dest);
  sqlite3_backup_finish (backup);
  sqlite3_close (reader);
  if (rc == SQLITE_DONE)
    {
      rc = sqlite3_exec (dest, "PRAGMA journal_mode = DELETE", NULL, NULL, NULL);
      if (rc != SQLITE_OK)
        sys_errno = sqlite3_system_errno (dest);
    }
  sqlite3_close (dest);

  if (rc != SQLITE_OK && rc != SQLITE_DONE)
    {
      cd_set_sqlite_error_errno (error, rc, sys_errno, _("Could not write the backup"));
      remove_partial (tmp_path);
      return FALSE;
    }

  copy_mode_and_group (self->path, tmp_path);
  if (g_rename (tmp_path, dest_path) != 0)
    {
      int saved = errno;
      g_set_error (error, CD_STORE_ERROR, saved == ENOSPC ? CD_STORE_ERROR_DISK_FULL : CD_STORE_ERROR_FAILED,
                   _("Could not write the backup “%s”: %s."), dest_path, g_strerror (saved));
      remove_partial (tmp_path);
      return FALSE;
    }

  return TRUE;
}

char *
cd_store_backup (CdStore  *self,
                 GError  **error)
{
  g_autoptr(GDateTime) now = NULL;
  g_autofree char *stamp = NULL;
  g_autofree char *path = NULL;

  g_return_val_if_fail (CD_IS_STORE (self), NULL);

  now = g_date_time_new_from_unix_local (cd_store_now (self));
  stamp = g_date_time_format (now, "%Y%m%d-%H%M%S");
  path = g_strdup_printf ("%s.backup-%s", self->path, stamp);
  for (guint n = 2; g_file_test (path, G_FILE_TEST_EXISTS); n++)
    {
      g_free (path);
      path = g_strdup_printf ("%s.backup-%s-%u", self->path, stamp, n);
    }

  if (!cd_store_backup_to (self, path, error))
    return NULL;
  return g_steal_pointer (&path);
}

/* Changes by others ------------------------------------------------------ */

/* Audit rows the poll reads at most per call; more than that (a big
 * import) reports every kind whole. */
#define AUDIT_TAIL_LIMIT 1000

/* What others committed: the audit rows after the last one looked at,
 * less those this store and its workers wrote. Drafts, presence and
 * reminders leave no audit row, so whenever the file changed they are
 * reported whole, even when this store's own connections committed
 * meanwhile: the file cannot tell whose commits moved it, and taking
 * the change for ours would lose a colleague's heartbeat, draft or
 * reminder that landed in the same moment. Looking at them again costs
 * a page one small query. */
static CdChangeSet *
read_external_changes (CdStore *self)
{
  CdChangeSet *set = cd_change_set_new ();
  sqlite3_stmt *stmt;
  guint n = 0;
  int rc;

  stmt = cd_store_prepare (self,
                           "SELECT id, entity, entity_id, action, field, new_value FROM audit_log"
                           " WHERE id > ?1 ORDER BY id LIMIT " G_STRINGIFY (AUDIT_TAIL_LIMIT) " + 1", NULL);
  if (stmt == NULL)
    return set;
  sqlite3_bind_int64 (stmt, 1, self->last_audit_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);

      if (++n > AUDIT_TAIL_LIMIT)
        {
          /* Too many to sort out: everything may have changed. */
          for (guint t = 0; t < G_N_ELEMENTS (all_kinds); t++)
            cd_change_set_add (set, all_kinds[t], 0);
          break;
        }
      self->last_audit_id = id;
      if (cd_audit_ledger_claims (self->ledger, id))
        continue;
      changed_by_audit_row (set, (const char *) sqlite3_column_text (stmt, 1),
                            sqlite3_column_int64 (stmt, 2),
                            (const char *) sqlite3_column_text (stmt, 3),
                            (const char *) sqlite3_column_text (stmt, 4),
                            (const char *) sqlite3_column_text (stmt, 5));
    }
  sqlite3_reset (stmt);
  if (n > AUDIT_TAIL_LIMIT)
    self->last_audit_id = cd_store_query_int (self, "SELECT ifnull(max(id), 0) FROM audit_log",
                                              CD_NO_BIND, self->last_audit_id, NULL);
  cd_audit_ledger_forget_upto (self->ledger, self->last_audit_id);

  for (guint i = 0; unaudited_kinds[i] != NULL; i++)
    cd_change_set_add (set, unaudited_kinds[i], 0);
  return set;
}

gboolean
cd_store_check_external_changes (CdStore *self)
{
  g_autoptr(CdChangeSet) set = NULL;
  gint64 version;

  g_return_val_if_fail (CD_IS_STORE (self), FALSE);

  /* Never in the middle of our own write. */
  if (self->tx_depth > 0)
    return FALSE;

  reset_busy_statements (self);
  /* On the rollback journal this read waits while another process
   * commits; the watcher runs on the main thread, so it looks again at
   * its next tick instead. */
  self->busy_no_wait = TRUE;
  version = cd_store_query_int (self, "PRAGMA data_version", CD_NO_BIND, self->data_version, NULL);
  self->busy_no_wait = FALSE;
  if (version == self->data_version)
    return FALSE;

  self->data_version = version;
  set = read_external_changes (self);
  cd_store_emit_changes (self, set, CD_CHANGE_EXTERNAL);
  return TRUE;
}
