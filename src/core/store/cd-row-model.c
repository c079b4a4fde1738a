/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "caredesk-row-model"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "cd-row-model.h"
#include "cd-store-private.h"
#include "cd-row-model-private.h"

/* CdRow ------------------------------------------------------------------ */

struct _CdRow
{
  GObject    parent_instance;

  gint64     id;
  guint      n_columns;
  /* One block: the pointers, then the texts they point at. */
  char     **values;
  GPtrArray *names;     /* shared with the model and its other rows */
};

G_DEFINE_FINAL_TYPE (CdRow, cd_row, G_TYPE_OBJECT)

static void
cd_row_finalize (GObject *object)
{
  CdRow *self = CD_ROW (object);

  g_free (self->values);
  g_clear_pointer (&self->names, g_ptr_array_unref);

  G_OBJECT_CLASS (cd_row_parent_class)->finalize (object);
}

static void
cd_row_class_init (CdRowClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = cd_row_finalize;
}

static void
cd_row_init (CdRow *self)
{
}

/* @values: one text (or NULL) per name, copied; NULL for a blank row. */
static CdRow *
row_new (gint64              id,
         GPtrArray          *names,
         const char * const *values)
{
  CdRow *self = g_object_new (CD_TYPE_ROW, NULL);
  gsize size = MAX (names->len, 1) * sizeof (char *);
  char *text;

  for (guint i = 0; values != NULL && i < names->len; i++)
    if (values[i] != NULL)
      size += strlen (values[i]) + 1;

  self->id = id;
  self->names = g_ptr_array_ref (names);
  self->n_columns = names->len;
  self->values = g_malloc0 (size);
  text = (char *) (self->values + MAX (names->len, 1));
  for (guint i = 0; values != NULL && i < names->len; i++)
    if (values[i] != NULL)
      {
        gsize length = strlen (values[i]) + 1;

        memcpy (text, values[i], length);
        self->values[i] = text;
        text += length;
      }
  return self;
}

CdRow *
cd_row_new (gint64              id,
            const char * const *names,
            const char * const *values,
            guint               n_columns)
{
  g_autoptr(GPtrArray) name_array = g_ptr_array_new_with_free_func (g_free);
  CdRow *self;

  g_return_val_if_fail (names != NULL || n_columns == 0, NULL);

  for (guint i = 0; i < n_columns; i++)
    g_ptr_array_add (name_array, g_strdup (names[i]));
  self = row_new (id, name_array, values);
  return self;
}

gint64
cd_row_get_id (CdRow *self)
{
  g_return_val_if_fail (CD_IS_ROW (self), 0);
  return self->id;
}

guint
cd_row_get_n_columns (CdRow *self)
{
  g_return_val_if_fail (CD_IS_ROW (self), 0);
  return self->n_columns;
}

const char *
cd_row_get_value (CdRow *self,
                  guint  column)
{
  g_return_val_if_fail (CD_IS_ROW (self), NULL);

  if (column >= self->n_columns)
    return NULL;
  return self->values[column];
}

gint64
cd_row_get_int (CdRow  *self,
                guint   column,
                gint64  fallback)
{
  const char *text = cd_row_get_value (self, column);
  gint64 value;

  if (text == NULL || !g_ascii_string_to_signed (text, 10, G_MININT64, G_MAXINT64, &value, NULL))
    return fallback;
  return value;
}

const char *
cd_row_get_value_by_name (CdRow      *self,
                          const char *name)
{
  g_return_val_if_fail (CD_IS_ROW (self), NULL);
  g_return_val_if_fail (name != NULL, NULL);

  for (guint i = 0; i < self->n_columns; i++)
    if (g_str_equal (g_ptr_array_index (self->names, i), name))
      return self->values[i];
  return NULL;
}

/* CdRowModel ------------------------------------------------------------- */

#define NO_VALUE G_MAXUINT32

/* The values of a page are read with its ids into one block of text,
 * and a row object is made only when a list asks for that row: a page
 * of 256 rows is then three allocations rather than a dozen per row,
 * which keeps the read short and the heap compact. */
typedef struct
{
  guint    index;
  guint    n;          /* ids in this page */
  gint64  *ids;        /* 0 where the database had fewer rows than counted */
  guint32 *offsets;    /* row r, column c: text + offsets[r * n_columns + c], or NO_VALUE for NULL */
  char    *text;
  CdRow  **rows;       /* made when first asked for; NULL until then */
  guint64  last_used;
} Page;

struct _CdRowModel
{
  GObject     parent_instance;

  CdStore    *store;
  char       *from;
  char       *id_expr;
  GPtrArray  *names;
  GPtrArray  *exprs;
  GPtrArray  *sorts;   /* NULL entries for unsortable columns */

  char       *where;
  GVariant   *params;
  char       *count_complement;  /* see cd_row_model_set_count_complement() */
  int         sort_column;  /* -1: by id */
  gboolean    descending;

  char       *count_sql;
  char       *page_sql;
  char       *page_sql_reverse;

  guint       n_items;
  gboolean    keep_rows;    /* cd_row_model_set_keep_rows_when_empty() */
  gboolean    held;         /* nothing matches; n_items and pages are the last rows that did */
  GHashTable *pages;        /* page index → Page */
  guint64     tick;
  char       *scratch;      /* a page's text while it is read */
  gsize       scratch_size;
  GError     *error;

  GArray     *kind_handlers;   /* gulong, one per watched kind */
  guint       refresh_idle_id;
  guint       repair_id;

  guint       n_page_fetches;
  guint       n_row_fetches;
  guint       n_count_queries;
};

enum {
  PROP_0,
  PROP_N_ITEMS,
  PROP_N_MATCHES,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void cd_row_model_list_model_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (CdRowModel, cd_row_model, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL,
                                                      cd_row_model_list_model_init))

static void
page_clear (Page *page)
{
  for (guint i = 0; page->rows != NULL && i < page->n; i++)
    g_clear_object (&page->rows[i]);
  g_clear_pointer (&page->rows, g_free);
  g_clear_pointer (&page->ids, g_free);
  g_clear_pointer (&page->offsets, g_free);
  g_clear_pointer (&page->text, g_free);
}

static void
page_free (gpointer data)
{
  Page *page = data;

  page_clear (page);
  g_free (page);
}

/* Row @r of a page read from the database (its id is not 0). */
static inline const char *
page_value (const Page *page,
            guint       n_columns,
            guint       r,
            guint       c)
{
  guint32 offset = page->offsets[r * n_columns + c];

  return offset == NO_VALUE ? NULL : page->text + offset;
}

static void
set_error (CdRowModel *self,
           GError     *error)
{
  if (error == NULL)
    return;
  g_warning ("List query failed: %s", error->message);
  g_clear_error (&self->error);
  self->error = error;
}

/* SQL -------------------------------------------------------------------- */

/* Splits "a, ifnull(b, c) COLLATE NOCASE" into terms at top-level commas. */
static GPtrArray *
split_terms (const char *sort)
{
  GPtrArray *terms = g_ptr_array_new_with_free_func (g_free);
  const char *start = sort;
  int depth = 0;
  char quote = 0;

  for (const char *p = sort;; p++)
    {
      if (quote != 0)
        {
          if (*p == quote)
            quote = 0;
          else if (*p == '\0')
            break;
          continue;
        }
      if (*p == '\'' || *p == '"')
        quote = *p;
      else if (*p == '(')
        depth++;
      else if (*p == ')')
        depth--;
      else if ((*p == ',' && depth == 0) || *p == '\0')
        {
          g_autofree char *term = g_strndup (start, (gsize) (p - start));
          g_strstrip (term);
          if (*term != '\0')
            g_ptr_array_add (terms, g_steal_pointer (&term));
          if (*p == '\0')
            break;
          start = p + 1;
        }
    }
  return terms;
}

static void
append_order_by (CdRowModel *self,
                 GString    *sql,
                 gboolean    reverse)
{
  gboolean desc = self->descending != reverse;
  const char *dir = desc ? " DESC" : " ASC";

  g_string_append (sql, " ORDER BY ");
  if (self->sort_column >= 0)
    {
      g_autoptr(GPtrArray) terms = split_terms (g_ptr_array_index (self->sorts, self->sort_column));
      for (guint i = 0; i < terms->len; i++)
        {
          g_string_append (sql, g_ptr_array_index (terms, i));
          g_string_append (sql, dir);
          g_string_append (sql, ", ");
        }
    }
  /* The id breaks ties in the same direction, so an index on the sort
   * column (which ends with the rowid) gives the whole order. */
  g_string_append (sql, self->id_expr);
  g_string_append (sql, dir);
}

static void
append_from_where (CdRowModel *self,
                   GString    *sql)
{
  g_string_append_printf (sql, " FROM %s", self->from);
  if (self->where != NULL && *self->where != '\0')
    g_string_append_printf (sql, " WHERE (%s)", self->where);
}

static void
rebuild_sql (CdRowModel *self)
{
  GString *sql;

  if (self->count_complement != NULL)
    {
      /* SQLite counts a whole table from its b-tree pages, without
       * reading every row. */
      sql = g_string_new (NULL);
      g_string_append_printf (sql, "SELECT (SELECT count(*) FROM %s) - (SELECT count(*) FROM %s WHERE (%s))",
                              self->from, self->from, self->count_complement);
    }
  else
    {
      sql = g_string_new ("SELECT count(*)");
      append_from_where (self, sql);
    }
  g_free (self->count_sql);
  self->count_sql = g_string_free (sql, FALSE);

  /* A page reads its rows' values with their ids: one statement per page
   * rather than one per row. The ids of the page are found first, by
   * themselves, and only those rows are read: when the rows must be
   * sorted (thousands of breached tickets by their last change, say),
   * SQLite then sorts ids from an index instead of reading every
   * matching row into the sort (SLA breached: 31 -> 7.5 ms). */
  for (int reverse = 0; reverse < 2; reverse++)
    {
      sql = g_string_new ("SELECT ");
      g_string_append (sql, self->id_expr);
      for (guint i = 0; i < self->exprs->len; i++)
        g_string_append_printf (sql, ", %s", (const char *) g_ptr_array_index (self->exprs, i));
      g_string_append_printf (sql, " FROM %s WHERE %s IN (SELECT %s", self->from, self->id_expr, self->id_expr);
      append_from_where (self, sql);
      append_order_by (self, sql, reverse);
      /* The limit is written out, not bound: with "LIMIT ?" SQLite plans
       * for an unknown number of rows and may walk the whole sort index
       * rather than sort the few rows a filter finds (typing a name would
       * scan all customers). Every page but the last holds a full page
       * of rows; the last stops reading at its end anyway. */
      g_string_append_printf (sql, " LIMIT %d OFFSET ?)", CD_ROW_MODEL_PAGE_SIZE);
      append_order_by (self, sql, reverse);
      if (reverse)
        {
          g_free (self->page_sql_reverse);
          self->page_sql_reverse = g_string_free (sql, FALSE);
        }
      else
        {
          g_free (self->page_sql);
          self->page_sql = g_string_free (sql, FALSE);
        }
    }
}

int
cd_row_model_bind_params (sqlite3_stmt *stmt,
                          GVariant     *params)
{
  gsize n;

  g_return_val_if_fail (stmt != NULL, 0);

  if (params == NULL)
    return 0;
  g_return_val_if_fail (g_variant_is_of_type (params, G_VARIANT_TYPE_TUPLE), 0);

  n = g_variant_n_children (params);
  for (gsize i = 0; i < n; i++)
    {
      g_autoptr(GVariant) child = g_variant_get_child_value (params, i);
      int index = (int) i + 1;

      if (g_variant_is_of_type (child, G_VARIANT_TYPE_MAYBE))
        {
          g_autoptr(GVariant) inner = g_variant_get_maybe (child);
          if (inner == NULL)
            {
              sqlite3_bind_null (stmt, index);
              continue;
            }
          g_clear_pointer (&child, g_variant_unref);
          child = g_steal_pointer (&inner);
        }

      switch (g_variant_classify (child))
        {
        case G_VARIANT_CLASS_STRING:
          sqlite3_bind_text (stmt, index, g_variant_get_string (child, NULL), -1, SQLITE_TRANSIENT);
          break;
        case G_VARIANT_CLASS_INT64:
          sqlite3_bind_int64 (stmt, index, g_variant_get_int64 (child));
          break;
        case G_VARIANT_CLASS_UINT64:
          sqlite3_bind_int64 (stmt, index, (sqlite3_int64) g_variant_get_uint64 (child));
          break;
        case G_VARIANT_CLASS_INT32:
          sqlite3_bind_int64 (stmt, index, g_variant_get_int32 (child));
          break;
        case G_VARIANT_CLASS_UINT32:
          sqlite3_bind_int64 (stmt, index, g_variant_get_uint32 (child));
          break;
        case G_VARIANT_CLASS_BOOLEAN:
          sqlite3_bind_int (stmt, index, g_variant_get_boolean (child) ? 1 : 0);
          break;
        case G_VARIANT_CLASS_DOUBLE:
          sqlite3_bind_double (stmt, index, g_variant_get_double (child));
          break;
        default:
          g_critical ("Cannot bind a value of type %s", g_variant_get_type_string (child));
          sqlite3_bind_null (stmt, index);
          break;
        }
    }
  return (int) n;
}

/* Queries ---------------------------------------------------------------- */

static guint
query_count (CdRowModel  *self,
             GError     **error)
{
  sqlite3_stmt *stmt;
  gint64 count = 0;
  int rc;

  self->n_count_queries++;
  stmt = cd_store_prepare (self->store, self->count_sql, error);
  if (stmt == NULL)
    return 0;
  cd_row_model_bind_params (stmt, self->params);
  rc = cd_store_step (self->store, stmt, error);
  if (rc == SQLITE_ROW)
    count = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  if (rc < 0)
    return 0;
  return (guint) CLAMP (count, 0, G_MAXUINT);
}

/* Reads the ids of page @index, with their rows' values, into @page
 * (n_items must be current, page->n set and page->ids zeroed). Returns
 * how many were found; fewer than asked means the table changed since it
 * was counted. */
static guint
query_page (CdRowModel  *self,
            guint        index,
            Page        *page,
            GError     **error)
{
  guint start = index * CD_ROW_MODEL_PAGE_SIZE;
  guint n_columns = self->names->len;
  guint n = page->n;
  gboolean reverse;
  sqlite3_stmt *stmt;
  guint found = 0;
  gsize used = 0;
  int n_params;
  int rc;

  /* A page in the second half is read backwards from the end, so no read
   * skips more than half of the rows. */
  reverse = (guint64) start + n / 2 > self->n_items / 2;

  self->n_page_fetches++;
  stmt = cd_store_prepare (self->store, reverse ? self->page_sql_reverse : self->page_sql, error);
  if (stmt == NULL)
    return 0;
  cd_row_model_bind_params (stmt, self->params);
  n_params = sqlite3_bind_parameter_count (stmt);
  sqlite3_bind_int64 (stmt, n_params, reverse ? (gint64) self->n_items - start - n : start);

  g_free (page->offsets);
  page->offsets = g_new (guint32, MAX ((gsize) n * n_columns, 1));

  while (found < n && (rc = cd_store_step (self->store, stmt, error)) == SQLITE_ROW)
    {
      guint at = reverse ? n - 1 - found : found;
      guint32 *offsets = page->offsets + (gsize) at * n_columns;

      page->ids[at] = sqlite3_column_int64 (stmt, 0);
      for (guint i = 0; i < n_columns; i++)
        {
          const unsigned char *text = sqlite3_column_text (stmt, (int) i + 1);
          gsize length;

          if (text == NULL)
            {
              offsets[i] = NO_VALUE;
              continue;
            }
          length = (gsize) sqlite3_column_bytes (stmt, (int) i + 1) + 1;
          if (used + length > self->scratch_size)
            {
              self->scratch_size = MAX (2 * self->scratch_size, MAX (used + length, 16384));
              self->scratch = g_realloc (self->scratch, self->scratch_size);
            }
          memcpy (self->scratch + used, text, length);
          offsets[i] = (guint32) used;
          used += length;
        }
      found++;
    }
  sqlite3_reset (stmt);

  g_free (page->text);
  page->text = g_memdup2 (self->scratch, MAX (used, 1));

  if (found < n && reverse)
    {
      /* Short read from the end: the rows found belong at the end of the
       * page; the missing ones are at its start. */
      memmove (page->ids, page->ids + (n - found), found * sizeof (gint64));
      memset (page->ids + found, 0, (n - found) * sizeof (gint64));
      memmove (page->offsets, page->offsets + (gsize) (n - found) * n_columns,
               (gsize) found * n_columns * sizeof (guint32));
    }
  return found;
}

/* The row at @offset of @page, made now if no list asked for it yet. */
static CdRow *
page_get_row (CdRowModel *self,
              Page       *page,
              guint       offset)
{
  guint n_columns = self->names->len;

  if (page->rows[offset] != NULL)
    return page->rows[offset];

  if (page->ids[offset] == 0)
    {
      /* The row was gone when its page was read (the repair is on its
       * way), or the query matches nothing now: a blank row stands in. */
      page->rows[offset] = row_new (0, self->names, NULL);
    }
  else
    {
      const char **values = g_newa (const char *, MAX (n_columns, 1));

      for (guint c = 0; c < n_columns; c++)
        values[c] = page_value (page, n_columns, offset, c);
      page->rows[offset] = row_new (page->ids[offset], self->names, values);
    }
  return page->rows[offset];
}

static gboolean
repair_cb (gpointer user_data)
{
  CdRowModel *self = user_data;

  self->repair_id = 0;
  cd_row_model_refresh (self);
  return G_SOURCE_REMOVE;
}

static void
evict_pages (CdRowModel *self)
{
  while (g_hash_table_size (self->pages) > CD_ROW_MODEL_MAX_PAGES)
    {
      GHashTableIter iter;
      gpointer key, value;
      Page *oldest = NULL;

      g_hash_table_iter_init (&iter, self->pages);
      while (g_hash_table_iter_next (&iter, &key, &value))
        {
          Page *page = value;
          if (oldest == NULL || page->last_used < oldest->last_used)
            oldest = page;
        }
      g_hash_table_remove (self->pages, GUINT_TO_POINTER (oldest->index));
    }
}

static Page *
ensure_page (CdRowModel *self,
             guint       index)
{
  g_autoptr(GError) error = NULL;
  Page *page;
  guint start = index * CD_ROW_MODEL_PAGE_SIZE;
  guint found;

  page = g_hash_table_lookup (self->pages, GUINT_TO_POINTER (index));
  if (page != NULL)
    {
      page->last_used = ++self->tick;
      return page;
    }

  page = g_new0 (Page, 1);
  page->index = index;
  page->n = MIN (CD_ROW_MODEL_PAGE_SIZE, self->n_items - start);
  page->ids = g_new0 (gint64, page->n);
  page->rows = g_new0 (CdRow *, page->n);
  page->last_used = ++self->tick;

  if (self->held)
    {
      /* The query matches nothing now: blank rows stand in for the ones
       * of the earlier query until the list is told of the change. */
      g_hash_table_insert (self->pages, GUINT_TO_POINTER (index), page);
      evict_pages (self);
      return page;
    }

  found = query_page (self, index, page, &error);
  if (error != NULL)
    set_error (self, g_steal_pointer (&error));
  else if (found < page->n && self->repair_id == 0)
    /* Someone deleted rows since the count: show blanks now and recount
     * as soon as the list is done asking. */
    self->repair_id = g_idle_add (repair_cb, self);

  g_hash_table_insert (self->pages, GUINT_TO_POINTER (index), page);
  evict_pages (self);
  return page;
}

/* GListModel ------------------------------------------------------------- */

static GType
cd_row_model_get_item_type (GListModel *model)
{
  return CD_TYPE_ROW;
}

static guint
cd_row_model_get_n_items (GListModel *model)
{
  return CD_ROW_MODEL (model)->n_items;
}

static gpointer
cd_row_model_get_item (GListModel *model,
                       guint       position)
{
  CdRowModel *self = CD_ROW_MODEL (model);
  Page *page;
  guint offset;
  CdRow *row;

  if (position >= self->n_items)
    return NULL;

  page = ensure_page (self, position / CD_ROW_MODEL_PAGE_SIZE);
  offset = position % CD_ROW_MODEL_PAGE_SIZE;
  g_assert (offset < page->n);

  row = page_get_row (self, page, offset);
  return g_object_ref (row);
}

static void
cd_row_model_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = cd_row_model_get_item_type;
  iface->get_n_items = cd_row_model_get_n_items;
  iface->get_item = cd_row_model_get_item;
}

/* Object ----------------------------------------------------------------- */

static void
disconnect_store (CdRowModel *self)
{
  if (self->store == NULL)
    return;
  if (self->kind_handlers != NULL)
    {
      for (guint i = 0; i < self->kind_handlers->len; i++)
        g_signal_handler_disconnect (self->store, g_array_index (self->kind_handlers, gulong, i));
      g_clear_pointer (&self->kind_handlers, g_array_unref);
    }
  g_clear_handle_id (&self->refresh_idle_id, g_source_remove);
}

static void
cd_row_model_dispose (GObject *object)
{
  CdRowModel *self = CD_ROW_MODEL (object);

  disconnect_store (self);
  g_clear_handle_id (&self->repair_id, g_source_remove);
  if (self->pages != NULL)
    g_hash_table_remove_all (self->pages);

  G_OBJECT_CLASS (cd_row_model_parent_class)->dispose (object);
}

static void
cd_row_model_finalize (GObject *object)
{
  CdRowModel *self = CD_ROW_MODEL (object);

  g_clear_object (&self->store);
  g_free (self->from);
  g_free (self->id_expr);
  g_clear_pointer (&self->names, g_ptr_array_unref);
  g_clear_pointer (&self->exprs, g_ptr_array_unref);
  g_clear_pointer (&self->sorts, g_ptr_array_unref);
  g_free (self->where);
  g_clear_pointer (&self->params, g_variant_unref);
  g_free (self->count_complement);
  g_free (self->count_sql);
  g_free (self->page_sql);
  g_free (self->page_sql_reverse);
  g_clear_pointer (&self->pages, g_hash_table_unref);
  g_free (self->scratch);
  g_clear_error (&self->error);

  G_OBJECT_CLASS (cd_row_model_parent_class)->finalize (object);
}

static void
cd_row_model_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  CdRowModel *self = CD_ROW_MODEL (object);

  switch (prop_id)
    {
    case PROP_N_ITEMS:
      g_value_set_uint (value, self->n_items);
      break;

    case PROP_N_MATCHES:
      g_value_set_uint (value, cd_row_model_get_n_matches (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cd_row_model_class_init (CdRowModelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = cd_row_model_dispose;
  object_class->finalize = cd_row_model_finalize;
  object_class->get_property = cd_row_model_get_property;

  /**
   * CdRowModel:n-items:
   * The number of rows; views bind their empty state to it.
   */
  properties[PROP_N_ITEMS] =
    g_param_spec_uint ("n-items", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * CdRowModel:n-matches:
   * The number of rows the query matches: n-items, or 0 while the rows
   * of an earlier query are kept (see
   * cd_row_model_set_keep_rows_when_empty()).
   */
  properties[PROP_N_MATCHES] =
    g_param_spec_uint ("n-matches", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
cd_row_model_init (CdRowModel *self)
{
  self->pages = g_hash_table_new_full (NULL, NULL, NULL, page_free);
  self->sort_column = -1;
}

static gboolean
valid_name (const char *name)
{
  if (name == NULL || *name == '\0')
    return FALSE;
  for (const char *p = name; *p; p++)
    if (!g_ascii_isalnum (*p) && *p != '_')
      return FALSE;
  return TRUE;
}

static gboolean store_filter (CdRowModel *self, const char *where, GVariant *params);
static gboolean store_sort (CdRowModel *self, const char *column, gboolean descending);

CdRowModel *
cd_row_model_new_full (CdStore           *store,
                       const char        *from,
                       const char        *id_expr,
                       const CdRowColumn *columns,
                       guint              n_columns,
                       const char        *where,
                       GVariant          *params,
                       const char        *sort_column,
                       gboolean           descending)
{
  g_autoptr(GError) error = NULL;
  CdRowModel *self;

  g_return_val_if_fail (CD_IS_STORE (store), NULL);
  g_return_val_if_fail (from != NULL && *from != '\0', NULL);
  g_return_val_if_fail (id_expr != NULL && *id_expr != '\0', NULL);
  g_return_val_if_fail (columns != NULL || n_columns == 0, NULL);

  self = g_object_new (CD_TYPE_ROW_MODEL, NULL);
  self->store = g_object_ref (store);
  self->from = g_strdup (from);
  self->id_expr = g_strdup (id_expr);
  self->names = g_ptr_array_new_with_free_func (g_free);
  self->exprs = g_ptr_array_new_with_free_func (g_free);
  self->sorts = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < n_columns; i++)
    {
      g_return_val_if_fail (valid_name (columns[i].name), self);
      g_return_val_if_fail (columns[i].expr != NULL, self);
      g_ptr_array_add (self->names, g_strdup (columns[i].name));
      g_ptr_array_add (self->exprs, g_strdup (columns[i].expr));
      g_ptr_array_add (self->sorts, g_strdup (columns[i].sort));
      if (self->sort_column < 0 && columns[i].sort != NULL)
        self->sort_column = (int) i;
    }

  store_filter (self, where, params);
  if (sort_column != NULL)
    store_sort (self, sort_column, descending);
  else
    self->descending = descending != FALSE;

  rebuild_sql (self);
  self->n_items = query_count (self, &error);
  set_error (self, g_steal_pointer (&error));

  return self;
}

CdRowModel *
cd_row_model_new (CdStore           *store,
                  const char        *from,
                  const char        *id_expr,
                  const CdRowColumn *columns,
                  guint              n_columns)
{
  return cd_row_model_new_full (store, from, id_expr, columns, n_columns, NULL, NULL, NULL, FALSE);
}

CdStore *
cd_row_model_get_store (CdRowModel *self)
{
  g_return_val_if_fail (CD_IS_ROW_MODEL (self), NULL);
  return self->store;
}

guint
cd_row_model_get_n_columns (CdRowModel *self)
{
  g_return_val_if_fail (CD_IS_ROW_MODEL (self), 0);
  return self->names->len;
}

int
cd_row_model_find_column (CdRowModel *self,
                          const char *name)
{
  g_return_val_if_fail (CD_IS_ROW_MODEL (self), -1);

  if (name == NULL)
    return -1;
  for (guint i = 0; i < self->names->len; i++)
    if (g_str_equal (g_ptr_array_index (self->names, i), name))
      return (int) i;
  return -1;
}

/* The list now holds @new_n rows of the current query, to be read again:
 * one items-changed for the whole range. */
static void
set_rows (CdRowModel *self,
          guint       new_n)
{
  guint old_n = self->n_items;
  guint old_matches = cd_row_model_get_n_matches (self);

  g_hash_table_remove_all (self->pages);
  self->held = FALSE;
  self->n_items = new_n;
  if (old_n != 0 || new_n != 0)
    g_list_model_items_changed (G_LIST_MODEL (self), 0, old_n, new_n);
  if (old_n != new_n)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ITEMS]);
  if (old_matches != new_n)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_MATCHES]);
}

/* With keep-rows on, a query that matches nothing (and did not fail)
 * leaves the rows on the list: returns TRUE when it does. */
static gboolean
hold_rows (CdRowModel *self,
           guint       new_n)
{
  if (!self->keep_rows || new_n != 0 || self->error != NULL || self->n_items == 0)
    return FALSE;
  if (!self->held)
    {
      g_clear_handle_id (&self->repair_id, g_source_remove);
      self->held = TRUE;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_MATCHES]);
    }
  return TRUE;
}

/* Re-queries after a change of filter or sort: one exact items-changed.
 * A new order of the same rows keeps their number (a change by someone
 * else is noticed by cd_row_model_refresh(), and a page that comes up
 * short sets off a recount), so only a new filter, or a failed count,
 * counts again. */
static void
requery (CdRowModel *self,
         gboolean    recount)
{
  g_autoptr(GError) error = NULL;
  guint new_n = cd_row_model_get_n_matches (self);

  g_clear_handle_id (&self->repair_id, g_source_remove);
  if (self->error != NULL)
    recount = TRUE;
  g_clear_error (&self->error);
  rebuild_sql (self);
  if (recount)
    {
      new_n = query_count (self, &error);
      set_error (self, g_steal_pointer (&error));
    }

  if (!hold_rows (self, new_n))
    set_rows (self, new_n);
}

static gboolean
store_filter (CdRowModel *self,
              const char *where,
              GVariant   *params)
{
  g_autoptr(GVariant) sunk = params != NULL ? g_variant_ref_sink (params) : NULL;
  gboolean changed;

  if (sunk != NULL && !g_variant_is_of_type (sunk, G_VARIANT_TYPE_TUPLE))
    {
      g_critical ("The parameters of a list filter must be a tuple, not %s",
                  g_variant_get_type_string (sunk));
      return FALSE;
    }

  if (where != NULL && *where == '\0')
    where = NULL;
  changed = g_strcmp0 (where, self->where) != 0 ||
            (sunk == NULL) != (self->params == NULL) ||
            (sunk != NULL && !g_variant_equal (sunk, self->params));

  g_free (self->where);
  self->where = g_strdup (where);
  g_clear_pointer (&self->params, g_variant_unref);
  self->params = g_steal_pointer (&sunk);
  return changed;
}

static gboolean
store_sort (CdRowModel *self,
            const char *column,
            gboolean    descending)
{
  int index = -1;
  gboolean changed;

  if (column != NULL)
    {
      index = cd_row_model_find_column (self, column);
      if (index < 0 || g_ptr_array_index (self->sorts, index) == NULL)
        {
          g_critical ("The list cannot be sorted by “%s”", column);
          return FALSE;
        }
    }

  changed = index != self->sort_column || (descending != FALSE) != self->descending;
  self->sort_column = index;
  self->descending = descending != FALSE;
  return changed;
}

void
cd_row_model_set_filter (CdRowModel *self,
                         const char *where,
                         GVariant   *params)
{
  g_return_if_fail (CD_IS_ROW_MODEL (self));

  store_filter (self, where, params);
  requery (self, TRUE);
}

void
cd_row_model_set_sort (CdRowModel *self,
                       const char *column,
                       gboolean    descending)
{
  g_return_if_fail (CD_IS_ROW_MODEL (self));

  store_sort (self, column, descending);
  requery (self, FALSE);
}

void
cd_row_model_set_query (CdRowModel *self,
                        const char *where,
                        GVariant   *params,
                        const char *sort_column,
                        gboolean    descending)
{
  gboolean filter_changed;

  g_return_if_fail (CD_IS_ROW_MODEL (self));

  filter_changed = store_filter (self, where, params);
  store_sort (self, sort_column, descending);
  requery (self, filter_changed);
}

const char *
cd_row_model_get_sort_column (CdRowModel *self)
{
  g_return_val_if_fail (CD_IS_ROW_MODEL (self), NULL);

  if (self->sort_column < 0)
    return NULL;
  return g_ptr_array_index (self->names, self->sort_column);
}

gboolean
cd_row_model_get_sort_descending (CdRowModel *self)
{
  g_return_val_if_fail (CD_IS_ROW_MODEL (self), FALSE);
  return self->descending;
}

/* Whether anyone besides the page holds the row: then a list shows it. */
static gboolean
row_is_shown (CdRow *row)
{
  return row != NULL && g_atomic_int_get ((int *) &G_OBJECT (row)->ref_count) > 1;
}

/* Whether two reads of the same page found the same ids and values. */
static gboolean
pages_equal (const Page *a,
             const Page *b,
             guint       n_columns)
{
  if (a->n != b->n || memcmp (a->ids, b->ids, a->n * sizeof (gint64)) != 0)
    return FALSE;
  for (guint r = 0; r < a->n; r++)
    {
      if (a->ids[r] == 0)
        continue;
      for (guint c = 0; c < n_columns; c++)
        if (g_strcmp0 (page_value (a, n_columns, r, c), page_value (b, n_columns, r, c)) != 0)
          return FALSE;
    }
  return TRUE;
}

gboolean
cd_row_model_refresh (CdRowModel *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) unshown = NULL;
  GHashTableIter iter;
  gpointer value;
  guint old_n = self->n_items;
  gboolean was_held = self->held;
  guint new_n;
  gboolean changed;

  g_return_val_if_fail (CD_IS_ROW_MODEL (self), FALSE);

  g_clear_handle_id (&self->repair_id, g_source_remove);

  new_n = query_count (self, &error);
  if (error != NULL)
    {
      set_error (self, g_steal_pointer (&error));
      return FALSE;
    }
  if (self->held || hold_rows (self, new_n))
    {
      /* The kept rows belong to an earlier query: nothing to compare. */
      if (new_n == 0)
        return !was_held;
      g_clear_error (&self->error);
      set_rows (self, new_n);
      return TRUE;
    }
  changed = new_n != old_n;

  /* Pages none of whose rows is on show can simply be read again later;
   * only the rows a list holds need comparing. */
  unshown = g_ptr_array_new ();
  g_hash_table_iter_init (&iter, self->pages);
  while (!changed && g_hash_table_iter_next (&iter, NULL, &value))
    {
      Page *page = value;
      Page fresh = { 0, };
      gboolean shown = FALSE;

      for (guint i = 0; i < page->n && !shown; i++)
        shown = row_is_shown (page->rows[i]);
      if (!shown)
        {
          g_ptr_array_add (unshown, GUINT_TO_POINTER (page->index));
          continue;
        }

      /* One read of the page tells whether its ids or values moved. A
       * page of kept rows (see hold_rows()) was never read. */
      fresh.n = page->n;
      fresh.ids = g_new0 (gint64, page->n);
      if (page->offsets == NULL ||
          query_page (self, page->index, &fresh, &error) != page->n ||
          !pages_equal (page, &fresh, self->names->len))
        changed = TRUE;
      page_clear (&fresh);
    }

  if (error != NULL)
    set_error (self, g_steal_pointer (&error));

  if (!changed)
    {
      for (guint i = 0; i < unshown->len; i++)
        g_hash_table_remove (self->pages, g_ptr_array_index (unshown, i));
      return FALSE;
    }

  g_clear_error (&self->error);
  set_rows (self, new_n);
  return TRUE;
}

static gboolean
refresh_idle_cb (gpointer user_data)
{
  CdRowModel *self = user_data;

  self->refresh_idle_id = 0;
  cd_row_model_refresh (self);
  return G_SOURCE_REMOVE;
}

static void
on_kind_changed_cb (CdStore    *store,
                    CdChange   *change,
                    CdRowModel *self)
{
  /* A burst of changes (a commit touches several kinds) is one refresh. */
  if (self->refresh_idle_id == 0)
    self->refresh_idle_id = g_idle_add_full (G_PRIORITY_DEFAULT, refresh_idle_cb, self, NULL);
}

void
cd_row_model_set_refresh_kinds (CdRowModel         *self,
                                const char * const *kinds)
{
  g_return_if_fail (CD_IS_ROW_MODEL (self));

  if (self->kind_handlers != NULL)
    {
      for (guint i = 0; i < self->kind_handlers->len; i++)
        g_signal_handler_disconnect (self->store, g_array_index (self->kind_handlers, gulong, i));
      g_clear_pointer (&self->kind_handlers, g_array_unref);
    }
  g_clear_handle_id (&self->refresh_idle_id, g_source_remove);
  if (kinds == NULL)
    return;

  self->kind_handlers = g_array_new (FALSE, FALSE, sizeof (gulong));
  for (guint i = 0; kinds[i] != NULL; i++)
    {
      g_autofree char *detailed = g_strconcat ("changed::", kinds[i], NULL);
      gulong id = g_signal_connect (self->store, detailed, G_CALLBACK (on_kind_changed_cb), self);

      g_array_append_val (self->kind_handlers, id);
    }
}

void
cd_row_model_set_count_complement (CdRowModel *self,
                                   const char *complement)
{
  g_return_if_fail (CD_IS_ROW_MODEL (self));

  if (complement != NULL && *complement == '\0')
    complement = NULL;
  g_free (self->count_complement);
  self->count_complement = g_strdup (complement);
}

void
cd_row_model_set_keep_rows_when_empty (CdRowModel *self,
                                       gboolean    keep)
{
  g_return_if_fail (CD_IS_ROW_MODEL (self));

  self->keep_rows = keep != FALSE;
  if (!self->keep_rows && self->held)
    set_rows (self, 0);
}

guint
cd_row_model_get_n_matches (CdRowModel *self)
{
  g_return_val_if_fail (CD_IS_ROW_MODEL (self), 0);
  return self->held ? 0 : self->n_items;
}

gint64
cd_row_model_get_id (CdRowModel *self,
                     guint       position)
{
  Page *page;

  g_return_val_if_fail (CD_IS_ROW_MODEL (self), 0);

  if (position >= self->n_items)
    return 0;
  page = ensure_page (self, position / CD_ROW_MODEL_PAGE_SIZE);
  return page->ids[position % CD_ROW_MODEL_PAGE_SIZE];
}

char *
cd_row_model_dup_select_sql (CdRowModel *self)
{
  GString *sql;

  g_return_val_if_fail (CD_IS_ROW_MODEL (self), NULL);

  sql = g_string_new ("SELECT ");
  g_string_append (sql, self->id_expr);
  for (guint i = 0; i < self->exprs->len; i++)
    g_string_append_printf (sql, ", %s", (const char *) g_ptr_array_index (self->exprs, i));
  append_from_where (self, sql);
  append_order_by (self, sql, FALSE);
  return g_string_free (sql, FALSE);
}

GVariant *
cd_row_model_get_params (CdRowModel *self)
{
  g_return_val_if_fail (CD_IS_ROW_MODEL (self), NULL);
  return self->params;
}

const GError *
cd_row_model_get_error (CdRowModel *self)
{
  g_return_val_if_fail (CD_IS_ROW_MODEL (self), NULL);
  return self->error;
}

guint
cd_row_model_get_n_page_fetches (CdRowModel *self)
{
  g_return_val_if_fail (CD_IS_ROW_MODEL (self), 0);
  return self->n_page_fetches;
}

guint
cd_row_model_get_n_row_fetches (CdRowModel *self)
{
  g_return_val_if_fail (CD_IS_ROW_MODEL (self), 0);
  return self->n_row_fetches;
}

guint
cd_row_model_get_n_count_queries (CdRowModel *self)
{
  g_return_val_if_fail (CD_IS_ROW_MODEL (self), 0);
  return self->n_count_queries;
}

guint
cd_row_model_get_n_cached_pages (CdRowModel *self)
{
  g_return_val_if_fail (CD_IS_ROW_MODEL (self), 0);
  return g_hash_table_size (self->pages);
}

void
cd_row_model_reset_stats (CdRowModel *self)
{
  g_return_if_fail (CD_IS_ROW_MODEL (self));
  self->n_page_fetches = 0;
  self->n_row_fetches = 0;
  self->n_count_queries = 0;
}
