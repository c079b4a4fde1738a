/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "caredesk-search"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "cd-search-private.h"
#include "cd-search-schema-private.h"

/* The records a file held before it had a search index are indexed here,
 * in short write transactions; the triggers index everything written
 * since (see cd-search-schema-private.h). */

/* State ------------------------------------------------------------------- */

gboolean
cd_search_index_is_complete (CdStore  *store,
                             double   *progress,
                             GError  **error)
{
  sqlite3_stmt *stmt;
  gboolean complete = TRUE;
  int rc;

  g_return_val_if_fail (CD_IS_STORE (store), TRUE);

  if (progress != NULL)
    *progress = 1.0;
  stmt = cd_store_prepare (store, "SELECT total (done), total (last), total (done < last) FROM search_backlog", error);
  if (stmt == NULL)
    return TRUE;
  rc = cd_store_step (store, stmt, error);
  if (rc == SQLITE_ROW)
    {
      double done = sqlite3_column_double (stmt, 0);
      double last = sqlite3_column_double (stmt, 1);

      complete = sqlite3_column_double (stmt, 2) == 0;
      if (progress != NULL && !complete && last > 0)
        *progress = CLAMP (done / last, 0.0, 0.999);
    }
  sqlite3_reset (stmt);
  return complete;
}

static const CdSearchKindInfo *
kind_by_name (const char *name)
{
  for (guint k = 0; k < CD_SEARCH_N_KINDS; k++)
    if (g_strcmp0 (cd_search_kind_info (k)->name, name) == 0)
      return cd_search_kind_info (k);
  return NULL;
}

/* Indexing ------------------------------------------------------------------ */

static char *
customer_digits (const char *phone,
                 const char *phone2)
{
  g_autofree char *a = cd_search_digits (phone);
  g_autofree char *b = cd_search_digits (phone2);

  return g_strconcat (a != NULL ? a : "", " ", b != NULL ? b : "", NULL);
}

static void
bind_take (sqlite3_stmt *stmt,
           int           index,
           char         *text)
{
  if (text == NULL)
    sqlite3_bind_null (stmt, index);
  else
    sqlite3_bind_text (stmt, index, text, -1, g_free);
}

static gint64
sql_failed (sqlite3  *db,
            int       rc,
            GError  **error)
{
  g_debug ("Indexing for search failed: %s", sqlite3_errmsg (db));
  cd_set_sqlite_error_errno (error, rc, sqlite3_system_errno (db), _("Could not index records for search"));
  return -1;
}

/* Indexes the records of @info after @done, up to @last, at most
 * @budget of them, on @db in the transaction it has open; returns how
 * many, and sets @reached to the id up to which all are done. -1 on
 * failure. */
static gint64
index_range (sqlite3                 *db,
             const CdSearchKindInfo  *info,
             gint64                   done,
             gint64                   last,
             gint64                   budget,
             gint64                  *reached,
             GError                 **error)
{
  g_autofree char *insert_sql = g_strdup_printf ("INSERT INTO search_%s (rowid, " CD_SEARCH_SQL_COLUMNS ")"
                                                 " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)", info->name);
  sqlite3_stmt *select = NULL, *insert = NULL;
  gint64 n = 0, id = done;
  int rc;

  rc = sqlite3_prepare_v2 (db, info->source_sql, -1, &select, NULL);
  if (rc == SQLITE_OK)
    rc = sqlite3_prepare_v2 (db, insert_sql, -1, &insert, NULL);
  if (rc != SQLITE_OK)
    goto fail;

  sqlite3_bind_int64 (select, 1, done);
  sqlite3_bind_int64 (select, 2, last);
  sqlite3_bind_int64 (select, 3, budget);
  while ((rc = sqlite3_step (select)) == SQLITE_ROW)
    {
      const char *title = (const char *) sqlite3_column_text (select, 1);
      const char *body = (const char *) sqlite3_column_text (select, 2);

      id = sqlite3_column_int64 (select, 0);
      sqlite3_bind_int64 (insert, 1, id);
      if (title != NULL)
        sqlite3_bind_text (insert, 2, title, -1, SQLITE_TRANSIENT);
      else
        sqlite3_bind_null (insert, 2);
      if (body != NULL)
        sqlite3_bind_text (insert, 3, body, -1, SQLITE_TRANSIENT);
      else
        sqlite3_bind_null (insert, 3);
      bind_take (insert, 4, info->titled ? cd_search_grams (title) : NULL);
      bind_take (insert, 5, cd_search_grams (body));
      bind_take (insert, 6, info->titled ? cd_search_chars (title) : NULL);
      bind_take (insert, 7, info->kind == CD_SEARCH_CUSTOMERS
                            ? customer_digits ((const char *) sqlite3_column_text (select, 3),
                                               (const char *) sqlite3_column_text (select, 4))
                            : NULL);
      rc = sqlite3_step (insert);
      sqlite3_reset (insert);
      if (rc != SQLITE_DONE)
        goto fail;
      n++;
    }
  if (rc != SQLITE_DONE)
    goto fail;
  sqlite3_finalize (select);
  sqlite3_finalize (insert);

  *reached = n < budget ? last : id;
  return n;

fail:
  sql_failed (db, rc, error);
  sqlite3_finalize (select);
  sqlite3_finalize (insert);
  return -1;
}

gboolean
cd_search_index_build_db (sqlite3  *db,
                          GError  **error)
{
  for (guint k = 0; k < CD_SEARCH_N_KINDS; k++)
    {
      const CdSearchKindInfo *info = cd_search_kind_info (k);
      g_autofree char *clear = g_strdup_printf ("INSERT INTO search_%s (search_%s) VALUES ('delete-all')",
                                                info->name, info->name);
      gint64 reached = 0;
      int rc = sqlite3_exec (db, clear, NULL, NULL, NULL);

      if (rc != SQLITE_OK)
        return sql_failed (db, rc, error) == 0;
      if (index_range (db, info, 0, G_MAXINT64, G_MAXINT64, &reached, error) < 0)
        return FALSE;
    }
  {
    int rc = sqlite3_exec (db, "DELETE FROM search_backlog", NULL, NULL, NULL);

    if (rc != SQLITE_OK)
      return sql_failed (db, rc, error) == 0;
  }
  return TRUE;
}

gboolean
cd_search_index_step (CdStore   *store,
                      guint      max_records,
                      gboolean  *done,
                      GError   **error)
{
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GArray) ranges = g_array_new (FALSE, FALSE, sizeof (gint64));
  sqlite3_stmt *stmt;
  guint budget = MAX (max_records, 1);
  gboolean ok = TRUE;
  int rc;

  g_return_val_if_fail (CD_IS_STORE (store), FALSE);

  if (done != NULL)
    *done = FALSE;
  if (!cd_store_begin (store, error))
    return FALSE;

  stmt = cd_store_prepare (store, "SELECT kind, done, last FROM search_backlog WHERE done < last ORDER BY kind", error);
  if (stmt == NULL)
    return cd_store_finish (store, FALSE, NULL);
  while ((rc = cd_store_step (store, stmt, error)) == SQLITE_ROW)
    {
      gint64 d = sqlite3_column_int64 (stmt, 1), l = sqlite3_column_int64 (stmt, 2);

      g_ptr_array_add (names, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
      g_array_append_val (ranges, d);
      g_array_append_val (ranges, l);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return cd_store_finish (store, FALSE, NULL);

  for (guint i = 0; ok && i < names->len && budget > 0; i++)
    {
      const CdSearchKindInfo *info = kind_by_name (names->pdata[i]);
      gint64 from = g_array_index (ranges, gint64, 2 * i), last = g_array_index (ranges, gint64, 2 * i + 1);
      gint64 reached = last, n = 0;

      /* A kind this Caredesk does not know is left to one that does. */
      if (info == NULL)
        continue;
      n = index_range (cd_store_get_db (store), info, from, last, budget, &reached, error);
      if (n < 0)
        {
          ok = FALSE;
          break;
        }
      budget -= (guint) MIN ((gint64) budget, MAX (n, 1));

      stmt = cd_store_prepare (store, "UPDATE search_backlog SET done = ?1 WHERE kind = ?2", error);
      if (stmt == NULL)
        {
          ok = FALSE;
          break;
        }
      sqlite3_bind_int64 (stmt, 1, reached);
      sqlite3_bind_text (stmt, 2, names->pdata[i], -1, SQLITE_TRANSIENT);
      ok = cd_store_step (store, stmt, error) == SQLITE_DONE;
      sqlite3_reset (stmt);
    }

  if (ok && cd_store_query_int (store, "SELECT count(*) FROM search_backlog WHERE done < last", CD_NO_BIND, 0, error) == 0)
    {
      ok = cd_store_exec (store, "DELETE FROM search_backlog", error);
      if (ok && done != NULL)
        *done = TRUE;
    }
  return cd_store_finish (store, ok, ok ? error : NULL);
}

/* Checking ------------------------------------------------------------------- */

static const char *const check_inserts[CD_SEARCH_N_KINDS] = {
  [CD_SEARCH_CUSTOMERS] =
    "INSERT INTO temp.search_check (rowid, " CD_SEARCH_SQL_COLUMNS ") SELECT r.id, "
    CD_SEARCH_SQL_CUSTOMERS_VALUES ("r") " FROM customers r WHERE " CD_SEARCH_SQL_INDEXED ("customers", "r"),
  [CD_SEARCH_TICKETS] =
    "INSERT INTO temp.search_check (rowid, " CD_SEARCH_SQL_COLUMNS ") SELECT r.id, "
    CD_SEARCH_SQL_TICKETS_VALUES ("r") " FROM tickets r WHERE " CD_SEARCH_SQL_INDEXED ("tickets", "r"),
  [CD_SEARCH_COMPLAINTS] =
    "INSERT INTO temp.search_check (rowid, " CD_SEARCH_SQL_COLUMNS ") SELECT r.id, "
    CD_SEARCH_SQL_COMPLAINTS_VALUES ("r") " FROM complaints r WHERE " CD_SEARCH_SQL_INDEXED ("complaints", "r"),
  [CD_SEARCH_NOTES] =
    "INSERT INTO temp.search_check (rowid, " CD_SEARCH_SQL_COLUMNS ") SELECT r.id, "
    CD_SEARCH_SQL_NOTES_VALUES ("r") " FROM ticket_events r WHERE " CD_SEARCH_SQL_INDEXED ("notes", "r")
    " AND " CD_SEARCH_NOTES_COND ("r"),
  [CD_SEARCH_FOLLOWUPS] =
    "INSERT INTO temp.search_check (rowid, " CD_SEARCH_SQL_COLUMNS ") SELECT r.id, "
    CD_SEARCH_SQL_FOLLOWUPS_VALUES ("r") " FROM followups r WHERE " CD_SEARCH_SQL_INDEXED ("followups", "r")
    " AND " CD_SEARCH_FOLLOWUPS_COND ("r"),
  [CD_SEARCH_ARTICLES] =
    "INSERT INTO temp.search_check (rowid, " CD_SEARCH_SQL_COLUMNS ") SELECT r.id, "
    CD_SEARCH_SQL_ARTICLES_VALUES ("r") " FROM kb_articles r WHERE " CD_SEARCH_SQL_INDEXED ("articles", "r"),
};

/* Every (term, record, column, position) of the index against the same
 * of an index built afresh, by the triggers' SQL, from the records. */
gint64
cd_search_index_check (CdStore  *store,
                       GError  **error)
{
  gint64 differences = 0;

  g_return_val_if_fail (CD_IS_STORE (store), -1);

  if (!cd_store_exec (store, "SAVEPOINT search_check", error))
    return -1;
  for (guint k = 0; k < CD_SEARCH_N_KINDS; k++)
    {
      const CdSearchKindInfo *info = cd_search_kind_info (k);
      g_autofree char *vocab = g_strdup_printf ("CREATE VIRTUAL TABLE temp.search_check_live USING"
                                                " fts5vocab(main, search_%s, 'instance')", info->name);
      gint64 n;

      if (!cd_store_exec (store, "CREATE VIRTUAL TABLE temp.search_check USING fts5(" CD_SEARCH_SQL_COLUMNS ","
                                 " content='', columnsize=0,"
                                 " tokenize=\"unicode61 remove_diacritics 2 categories 'Lu Ll Lt Lm Nd Nl No Co'\")",
                          error))
        goto fail;
      if (!cd_store_exec (store, check_inserts[k], error) ||
          !cd_store_exec (store, vocab, error) ||
          !cd_store_exec (store, "CREATE VIRTUAL TABLE temp.search_check_fresh USING"
                                 " fts5vocab(temp, search_check, 'instance')", error))
        goto fail;
      n = cd_store_query_int (store,
                              "SELECT (SELECT count(*) FROM (SELECT term, doc, col, offset FROM temp.search_check_live"
                              " EXCEPT SELECT term, doc, col, offset FROM temp.search_check_fresh))"
                              " + (SELECT count(*) FROM (SELECT term, doc, col, offset FROM temp.search_check_fresh"
                              " EXCEPT SELECT term, doc, col, offset FROM temp.search_check_live))",
                              CD_NO_BIND, -1, error);
      if (n < 0)
        goto fail;
      if (n > 0)
        g_debug ("The search index of %s differs from its records in %" G_GINT64_FORMAT " entries", info->name, n);
      differences += n;
      if (!cd_store_exec (store, "DROP TABLE temp.search_check_fresh; DROP TABLE temp.search_check_live;"
                                 " DROP TABLE temp.search_check;", error))
        goto fail;
    }
  cd_store_exec (store, "RELEASE search_check", NULL);
  return differences;

fail:
  cd_store_exec (store, "ROLLBACK TO search_check; RELEASE search_check", NULL);
  return -1;
}

/* The indexer ---------------------------------------------------------------- */

/* Each transaction is sized to take about this long, so that others'
 * saves wait for it no longer than for a save of their own. */
#define STEP_TARGET_US (100 * 1000)
#define STEP_MIN 200
#define STEP_MAX 20000

struct _CdSearchIndexer
{
  GObject       parent_instance;

  CdStore      *store;
  GMainContext *context;
  GThread      *thread;
  GCancellable *cancellable;
  GWeakRef     *self_ref;    /* a GRcBox, for the thread's reports */
  double        progress;
  gboolean      complete;
};

enum {
  PROP_0,
  PROP_PROGRESS,
  PROP_COMPLETE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (CdSearchIndexer, cd_search_indexer, G_TYPE_OBJECT)

typedef struct {
  GWeakRef *self_ref;
  double    progress;
  gboolean  complete;
} Report;

static void
report_free (gpointer data)
{
  Report *report = data;

  g_rc_box_release_full (report->self_ref, (GDestroyNotify) g_weak_ref_clear);
  g_free (report);
}

static gboolean
report_cb (gpointer data)
{
  Report *report = data;
  g_autoptr(CdSearchIndexer) self = g_weak_ref_get (report->self_ref);

  if (self == NULL)
    return G_SOURCE_REMOVE;
  if (self->progress != report->progress)
    {
      self->progress = report->progress;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PROGRESS]);
    }
  if (report->complete && !self->complete)
    {
      self->complete = TRUE;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_COMPLETE]);
    }
  return G_SOURCE_REMOVE;
}

static void
report (CdSearchIndexer *self,
        double           progress,
        gboolean         complete)
{
  g_autoptr(GSource) source = g_idle_source_new ();
  Report *r = g_new0 (Report, 1);

  r->self_ref = g_rc_box_acquire (self->self_ref);
  r->progress = progress;
  r->complete = complete;
  g_source_set_priority (source, G_PRIORITY_DEFAULT_IDLE);
  g_source_set_callback (source, report_cb, r, report_free);
  g_source_set_static_name (source, "[caredesk] search index progress");
  g_source_attach (source, self->context);
}

static gpointer
indexer_thread (gpointer data)
{
  CdSearchIndexer *self = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(CdStore) peer = cd_store_open_peer (self->store, &error);
  guint step = 1000;

  if (peer == NULL)
    {
      g_warning ("Could not open the database to index it for search: %s", error->message);
      return NULL;
    }
  cd_store_set_busy_cancellable (peer, self->cancellable);

  while (!g_cancellable_is_cancelled (self->cancellable))
    {
      gint64 start = g_get_monotonic_time ();
      gint64 took;
      gboolean done = FALSE;
      double progress = 0.0;

      if (!cd_search_index_step (peer, step, &done, &error))
        {
          if (!g_cancellable_is_cancelled (self->cancellable))
            g_warning ("Could not index records for search: %s", error->message);
          break;
        }
      took = g_get_monotonic_time () - start;
      if (took < STEP_TARGET_US / 2)
        step = MIN (step * 2, STEP_MAX);
      else if (took > STEP_TARGET_US * 3 / 2)
        step = MAX (step / 2, STEP_MIN);

      cd_search_index_is_complete (peer, &progress, NULL);
      report (self, done ? 1.0 : progress, done);
      if (done)
        break;
    }
  return NULL;
}

static void
cd_search_indexer_dispose (GObject *object)
{
  CdSearchIndexer *self = CD_SEARCH_INDEXER (object);

  cd_search_indexer_stop (self);
  if (self->thread != NULL)
    g_thread_join (g_steal_pointer (&self->thread));
  g_clear_object (&self->store);
  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (cd_search_indexer_parent_class)->dispose (object);
}

static void
cd_search_indexer_finalize (GObject *object)
{
  CdSearchIndexer *self = CD_SEARCH_INDEXER (object);

  g_rc_box_release_full (self->self_ref, (GDestroyNotify) g_weak_ref_clear);
  g_main_context_unref (self->context);

  G_OBJECT_CLASS (cd_search_indexer_parent_class)->finalize (object);
}

static void
cd_search_indexer_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  CdSearchIndexer *self = CD_SEARCH_INDEXER (object);

  switch (prop_id)
    {
    case PROP_PROGRESS:
      g_value_set_double (value, self->progress);
      break;
    case PROP_COMPLETE:
      g_value_set_boolean (value, self->complete);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cd_search_indexer_class_init (CdSearchIndexerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = cd_search_indexer_dispose;
  object_class->finalize = cd_search_indexer_finalize;
  object_class->get_property = cd_search_indexer_get_property;

  properties[PROP_PROGRESS] =
    g_param_spec_double ("progress", NULL, NULL, 0.0, 1.0, 0.0,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_COMPLETE] =
    g_param_spec_boolean ("complete", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
cd_search_indexer_init (CdSearchIndexer *self)
{
  self->cancellable = g_cancellable_new ();
  self->context = g_main_context_ref_thread_default ();
  self->self_ref = g_rc_box_new0 (GWeakRef);
  g_weak_ref_init (self->self_ref, self);
}

CdSearchIndexer *
cd_search_indexer_start (CdStore *store)
{
  CdSearchIndexer *self;
  double progress = 0.0;

  g_return_val_if_fail (CD_IS_STORE (store), NULL);

  if (cd_store_is_read_only (store) || cd_search_index_is_complete (store, &progress, NULL))
    return NULL;

  self = g_object_new (CD_TYPE_SEARCH_INDEXER, NULL);
  self->store = g_object_ref (store);
  self->progress = progress;
  self->thread = g_thread_new ("caredesk-index", indexer_thread, self);
  return self;
}

double
cd_search_indexer_get_progress (CdSearchIndexer *self)
{
  g_return_val_if_fail (CD_IS_SEARCH_INDEXER (self), 0.0);
  return self->progress;
}

gboolean
cd_search_indexer_is_complete (CdSearchIndexer *self)
{
  g_return_val_if_fail (CD_IS_SEARCH_INDEXER (self), FALSE);
  return self->complete;
}

void
cd_search_indexer_stop (CdSearchIndexer *self)
{
  g_return_if_fail (CD_IS_SEARCH_INDEXER (self));
  g_cancellable_cancel (self->cancellable);
}
