/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "cd-customers.h"
#include "cd-row-model.h"
#include "cd-store.h"
#include "cd-store-private.h"
#include "cd-row-model-private.h"

#define N_ROWS 10000

typedef struct {
  gint64  id;
  char   *name;
  char   *organisation;   /* NULL for some */
  char   *tier;
  char   *phone;
  gint64  last_contact;   /* 0 stands for NULL */
} Expected;

typedef struct {
  char    *dir;
  char    *path;
  CdStore *store;
  GArray  *rows;         /* Expected, by id */
} Fixture;

static const char *const tiers[] = { "strategic", "core", "potential", "general" };

static void
expected_clear (gpointer data)
{
  Expected *e = data;
  g_free (e->name);
  g_free (e->organisation);
  g_free (e->tier);
  g_free (e->phone);
}

/* Names repeat and differ in case, organisations and last contacts are
 * sometimes missing: ties, NOCASE and NULL ordering all get exercised. */
static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  static const char *const stems[] = { "zhang", "Li", "WANG", "liu", "Chen", "yang", "Huang", "赵", "周", "ümit" };
  g_autoptr(GError) error = NULL;
  g_autoptr(GRand) rand = g_rand_new_with_seed (20240501);
  sqlite3 *db;
  sqlite3_stmt *stmt;

  fixture->dir = g_dir_make_tmp ("caredesk-row-model-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->path = g_build_filename (fixture->dir, "test.caredesk", NULL);
  fixture->store = cd_store_open (fixture->path, CD_STORE_OPEN_CREATE | CD_STORE_OPEN_NO_WATCH, &error);
  g_assert_no_error (error);
  g_assert_true (cd_store_sign_in (fixture->store, "admin", "Admin", &error));
  g_assert_no_error (error);

  fixture->rows = g_array_new (FALSE, TRUE, sizeof (Expected));
  g_array_set_clear_func (fixture->rows, expected_clear);

  db = cd_store_get_db (fixture->store);
  g_assert_true (cd_store_exec (fixture->store, "BEGIN IMMEDIATE", &error));
  g_assert_cmpint (sqlite3_prepare_v2 (db,
                                       "INSERT INTO customers (id, name, organisation, tier, phone, last_contact_at, created_at, updated_at)"
                                       " VALUES (?, ?, ?, ?, ?, ?, 0, 0)", -1, &stmt, NULL), ==, SQLITE_OK);
  for (gint64 id = 1; id <= N_ROWS; id++)
    {
      Expected e = { 0, };

      e.id = id;
      e.name = g_strdup_printf ("%s %d", stems[g_rand_int_range (rand, 0, G_N_ELEMENTS (stems))],
                                g_rand_int_range (rand, 0, 500));
      if (g_rand_int_range (rand, 0, 5) != 0)
        e.organisation = g_strdup_printf ("%s Co %d", g_rand_boolean (rand) ? "acme" : "ACME",
                                          g_rand_int_range (rand, 0, 300));
      e.tier = g_strdup (tiers[g_rand_int_range (rand, 0, 4)]);
      e.phone = g_strdup_printf ("138%08d", g_rand_int_range (rand, 0, 100000000));
      if (g_rand_int_range (rand, 0, 3) != 0)
        e.last_contact = 1700000000 + g_rand_int_range (rand, 0, 5000);

      sqlite3_bind_int64 (stmt, 1, e.id);
      sqlite3_bind_text (stmt, 2, e.name, -1, SQLITE_TRANSIENT);
      if (e.organisation)
        sqlite3_bind_text (stmt, 3, e.organisation, -1, SQLITE_TRANSIENT);
      else
        sqlite3_bind_null (stmt, 3);
      sqlite3_bind_text (stmt, 4, e.tier, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 5, e.phone, -1, SQLITE_TRANSIENT);
      if (e.last_contact)
        sqlite3_bind_int64 (stmt, 6, e.last_contact);
      else
        sqlite3_bind_null (stmt, 6);
      g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
      sqlite3_reset (stmt);
      g_array_append_val (fixture->rows, e);
    }
  sqlite3_finalize (stmt);
  g_assert_true (cd_store_exec (fixture->store, "COMMIT", &error));
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GDir) dir = NULL;
  const char *name;

  g_clear_object (&fixture->store);
  g_clear_pointer (&fixture->rows, g_array_unref);
  dir = g_dir_open (fixture->dir, 0, NULL);
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *file = g_build_filename (fixture->dir, name, NULL);
      g_unlink (file);
    }
  g_rmdir (fixture->dir);
  g_free (fixture->path);
  g_free (fixture->dir);
}

/* The generic model over customers, the way a view would set it up. */
static const CdRowColumn columns[] = {
  { "name", "name", "name COLLATE NOCASE" },
  { "organisation", "organisation", "organisation COLLATE NOCASE" },
  { "tier", "tier", "tier, name COLLATE NOCASE" },
  { "phone", "phone", "phone" },
  { "last_contact", "last_contact_at", "last_contact_at" },
};

static CdRowModel *
make_model (Fixture *fixture)
{
  return cd_row_model_new (fixture->store, "customers", "id", columns, G_N_ELEMENTS (columns));
}

/* SQLite's NOCASE: ASCII letters folded, bytes compared, then length. */
static int
nocase_cmp (const char *a,
            const char *b)
{
  if (a == NULL || b == NULL)
    return (a != NULL) - (b != NULL);
  for (;; a++, b++)
    {
      int x = g_ascii_tolower (*a), y = g_ascii_tolower (*b);
      if (x != y || x == 0)
        return (unsigned char) x - (unsigned char) y;
    }
}

static int
binary_cmp (const char *a,
            const char *b)
{
  if (a == NULL || b == NULL)
    return (a != NULL) - (b != NULL);
  return strcmp (a, b);
}

static const char *sort_key;

static int
compare_expected (gconstpointer pa,
                  gconstpointer pb)
{
  const Expected *a = pa, *b = pb;
  int c = 0;

  if (g_str_equal (sort_key, "name"))
    c = nocase_cmp (a->name, b->name);
  else if (g_str_equal (sort_key, "organisation"))
    c = nocase_cmp (a->organisation, b->organisation);
  else if (g_str_equal (sort_key, "tier"))
    {
      c = binary_cmp (a->tier, b->tier);
      if (c == 0)
        c = nocase_cmp (a->name, b->name);
    }
  else if (g_str_equal (sort_key, "phone"))
    c = binary_cmp (a->phone, b->phone);
  else if (g_str_equal (sort_key, "last_contact"))
    {
      /* NULL (0) sorts first, as in SQLite. */
      gboolean an = a->last_contact == 0, bn = b->last_contact == 0;
      if (an || bn)
        c = (int) bn - (int) an;
      else
        c = (a->last_contact > b->last_contact) - (a->last_contact < b->last_contact);
    }
  if (c == 0)
    c = (a->id > b->id) - (a->id < b->id);
  return c;
}

static GArray *
expected_order (Fixture    *fixture,
                const char *key,
                gboolean    descending)
{
  g_autoptr(GArray) sorted = g_array_sized_new (FALSE, FALSE, sizeof (Expected), fixture->rows->len);
  GArray *ids = g_array_sized_new (FALSE, FALSE, sizeof (gint64), fixture->rows->len);

  g_array_append_vals (sorted, fixture->rows->data, fixture->rows->len);
  sort_key = key;
  g_array_sort (sorted, compare_expected);
  for (guint i = 0; i < sorted->len; i++)
    {
      guint j = descending ? sorted->len - 1 - i : i;
      g_array_append_val (ids, g_array_index (sorted, Expected, j).id);
    }
  return ids;
}

static void
test_count (Fixture       *fixture,
            gconstpointer  data)
{
  g_autoptr(CdRowModel) model = make_model (fixture);

  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, N_ROWS);
  g_assert_true (g_list_model_get_item_type (G_LIST_MODEL (model)) == CD_TYPE_ROW);
  g_assert_null (g_list_model_get_item (G_LIST_MODEL (model), N_ROWS));
  g_assert_cmpuint (cd_row_model_get_n_count_queries (model), ==, 1);
  g_assert_cmpuint (cd_row_model_get_n_page_fetches (model), ==, 0);
  g_assert_null (cd_row_model_get_error (model));
}

static void
check_order (Fixture    *fixture,
             CdRowModel *model,
             const char *key,
             gboolean    descending)
{
  g_autoptr(GArray) ids = expected_order (fixture, key, descending);
  g_autoptr(GRand) rand = g_rand_new_with_seed (7);
  guint positions[300];

  cd_row_model_set_sort (model, key, descending);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, N_ROWS);

  positions[0] = 0;
  positions[1] = N_ROWS - 1;
  positions[2] = CD_ROW_MODEL_PAGE_SIZE - 1;
  positions[3] = CD_ROW_MODEL_PAGE_SIZE;
  positions[4] = N_ROWS / 2;
  positions[5] = N_ROWS / 2 - 1;
  for (guint i = 6; i < G_N_ELEMENTS (positions); i++)
    positions[i] = (guint) g_rand_int_range (rand, 0, N_ROWS);

  for (guint i = 0; i < G_N_ELEMENTS (positions); i++)
    {
      g_autoptr(CdRow) row = g_list_model_get_item (G_LIST_MODEL (model), positions[i]);
      gint64 want = g_array_index (ids, gint64, positions[i]);
      const Expected *e = &g_array_index (fixture->rows, Expected, want - 1);

      g_assert_nonnull (row);
      if (cd_row_get_id (row) != want)
        g_error ("sort %s %s, position %u: id %" G_GINT64_FORMAT ", expected %" G_GINT64_FORMAT,
                 key, descending ? "desc" : "asc", positions[i], cd_row_get_id (row), want);
      g_assert_cmpstr (cd_row_get_value (row, 0), ==, e->name);
      g_assert_cmpstr (cd_row_get_value_by_name (row, "organisation"), ==, e->organisation);
      g_assert_cmpstr (cd_row_get_value (row, 2), ==, e->tier);
      g_assert_cmpint (cd_row_get_int (row, 4, 0), ==, e->last_contact);
    }

  /* A whole run across page boundaries, in both halves of the list. */
  for (guint p = 0; p < 600; p++)
    {
      guint pos = (p < 300) ? 100 + p : N_ROWS - 600 + p;
      g_assert_cmpint (cd_row_model_get_id (model, pos), ==, g_array_index (ids, gint64, pos));
    }
}

static void
test_order (Fixture       *fixture,
            gconstpointer  data)
{
  g_autoptr(CdRowModel) model = make_model (fixture);
  const char *const keys[] = { "name", "organisation", "tier", "phone", "last_contact" };

  for (guint k = 0; k < G_N_ELEMENTS (keys); k++)
    {
      check_order (fixture, model, keys[k], FALSE);
      check_order (fixture, model, keys[k], TRUE);
    }
}

static guint count_tier (Fixture *fixture, const char *tier);

static void
test_lazy (Fixture       *fixture,
           gconstpointer  data)
{
  g_autoptr(CdRowModel) model = make_model (fixture);
  CdRow *row;

  g_assert_cmpuint (cd_row_model_get_n_page_fetches (model), ==, 0);
  g_assert_cmpuint (cd_row_model_get_n_row_fetches (model), ==, 0);

  row = g_list_model_get_item (G_LIST_MODEL (model), 0);
  g_object_unref (row);
  row = g_list_model_get_item (G_LIST_MODEL (model), 17);
  g_object_unref (row);
  /* Rows come with their page: one statement, no read per row. */
  g_assert_cmpuint (cd_row_model_get_n_page_fetches (model), ==, 1);
  g_assert_cmpuint (cd_row_model_get_n_row_fetches (model), ==, 0);

  /* The same item again costs nothing and is the same object. */
  {
    g_autoptr(CdRow) a = g_list_model_get_item (G_LIST_MODEL (model), 17);
    g_autoptr(CdRow) b = g_list_model_get_item (G_LIST_MODEL (model), 17);
    g_assert_true (a == b);
  }
  g_assert_cmpuint (cd_row_model_get_n_page_fetches (model), ==, 1);
  g_assert_cmpuint (cd_row_model_get_n_row_fetches (model), ==, 0);

  row = g_list_model_get_item (G_LIST_MODEL (model), 5 * CD_ROW_MODEL_PAGE_SIZE + 3);
  g_object_unref (row);
  row = g_list_model_get_item (G_LIST_MODEL (model), N_ROWS - 1);
  g_object_unref (row);
  g_assert_cmpuint (cd_row_model_get_n_page_fetches (model), ==, 3);
  g_assert_cmpuint (cd_row_model_get_n_cached_pages (model), ==, 3);
  g_assert_cmpuint (cd_row_model_get_n_row_fetches (model), ==, 0);
  g_assert_cmpuint (cd_row_model_get_n_count_queries (model), ==, 1);

  /* An id of a page already read costs nothing. */
  g_assert_cmpint (cd_row_model_get_id (model, 18), >, 0);
  g_assert_cmpuint (cd_row_model_get_n_page_fetches (model), ==, 3);

  /* A new order keeps the length: no count; a new filter counts. */
  cd_row_model_set_sort (model, "phone", TRUE);
  g_assert_cmpuint (cd_row_model_get_n_count_queries (model), ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, N_ROWS);
  cd_row_model_set_query (model, NULL, NULL, "name", FALSE);
  g_assert_cmpuint (cd_row_model_get_n_count_queries (model), ==, 1);
  cd_row_model_set_query (model, "tier = ?", g_variant_new ("(s)", "core"), "name", FALSE);
  g_assert_cmpuint (cd_row_model_get_n_count_queries (model), ==, 2);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, count_tier (fixture, "core"));
}

/* The values a page read gives are those a read of each row by its id
 * gives, for every column (a correlated subquery too), across page
 * boundaries, in both halves of the list, and after a refresh. */
static void
check_rows_match_by_id (Fixture    *fixture,
                        CdRowModel *model,
                        guint       first,
                        guint       last)
{
  sqlite3 *db = cd_store_get_db (fixture->store);
  g_autoptr(GString) sql = g_string_new ("SELECT ");
  guint n_columns = cd_row_model_get_n_columns (model);
  g_autofree char *select = cd_row_model_dup_select_sql (model);
  const char *from = strstr (select, " FROM customers");
  sqlite3_stmt *stmt;

  /* The model's own column expressions, for one row by its id. */
  g_assert_nonnull (from);
  g_string_append_len (sql, select + strlen ("SELECT "), from - select - (gssize) strlen ("SELECT "));
  g_string_append (sql, " FROM customers WHERE id = ?");
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql->str, -1, &stmt, NULL), ==, SQLITE_OK);

  for (guint pos = first; pos <= last; pos++)
    {
      g_autoptr(CdRow) row = g_list_model_get_item (G_LIST_MODEL (model), pos);

      g_assert_nonnull (row);
      g_assert_cmpint (cd_row_get_id (row), >, 0);
      g_assert_cmpint (cd_row_get_id (row), ==, cd_row_model_get_id (model, pos));
      sqlite3_bind_int64 (stmt, 1, cd_row_get_id (row));
      g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
      g_assert_cmpint (sqlite3_column_int64 (stmt, 0), ==, cd_row_get_id (row));
      for (guint c = 0; c < n_columns; c++)
        g_assert_cmpstr (cd_row_get_value (row, c), ==, (const char *) sqlite3_column_text (stmt, (int) c + 1));
      sqlite3_reset (stmt);
    }
  sqlite3_finalize (stmt);
}

static void
test_batched_values (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CdRowModel) model = NULL;
  g_autoptr(CdRow) held = NULL;
  CdCustomerFilter filter;
  guint n;

  /* Owners, so that the owner column's subquery gives names. */
  g_assert_true (cd_store_exec (fixture->store,
                                "INSERT INTO staff (id, login, display_name, role, created_at, updated_at)"
                                " VALUES (901, 'ann', 'Ann Owner', 'rep', 0, 0), (902, 'bo', 'Bo Owner', 'lead', 0, 0);"
                                "UPDATE customers SET owner_id = 901 WHERE id % 3 = 0;"
                                "UPDATE customers SET owner_id = 902, email = 'c' || id || '@example.com' WHERE id % 3 = 1;",
                                &error));
  g_assert_no_error (error);

  cd_customer_filter_init (&filter);
  filter.sort_column = g_strdup ("owner");
  model = cd_customers_list_new (fixture->store, &filter);
  cd_customer_filter_clear (&filter);
  n = g_list_model_get_n_items (G_LIST_MODEL (model));
  g_assert_cmpuint (n, ==, N_ROWS);

  check_rows_match_by_id (fixture, model, 0, 2 * CD_ROW_MODEL_PAGE_SIZE + 10);
  check_rows_match_by_id (fixture, model, n / 2 - CD_ROW_MODEL_PAGE_SIZE, n / 2 + CD_ROW_MODEL_PAGE_SIZE);
  check_rows_match_by_id (fixture, model, n - 2 * CD_ROW_MODEL_PAGE_SIZE - 10, n - 1);
  g_assert_cmpuint (cd_row_model_get_n_row_fetches (model), ==, 0);

  /* Another order: the same values, read afresh. */
  cd_row_model_set_sort (model, "email", TRUE);
  check_rows_match_by_id (fixture, model, CD_ROW_MODEL_PAGE_SIZE - 5, CD_ROW_MODEL_PAGE_SIZE + 5);
  check_rows_match_by_id (fixture, model, n - CD_ROW_MODEL_PAGE_SIZE - 5, n - CD_ROW_MODEL_PAGE_SIZE + 5);

  /* A refresh compares a shown page with one statement, and sees a
   * changed value of a row that is not itself held. */
  held = g_list_model_get_item (G_LIST_MODEL (model), 0);
  cd_row_model_reset_stats (model);
  g_assert_false (cd_row_model_refresh (model));
  g_assert_cmpuint (cd_row_model_get_n_page_fetches (model), ==, 1);
  g_assert_cmpuint (cd_row_model_get_n_count_queries (model), ==, 1);
  {
    g_autofree char *update = g_strdup_printf ("UPDATE staff SET display_name = 'Renamed' WHERE id = "
                                               "(SELECT owner_id FROM customers WHERE id = %" G_GINT64_FORMAT ")",
                                               cd_row_model_get_id (model, 5));
    g_autoptr(CdRow) before = g_list_model_get_item (G_LIST_MODEL (model), 5);
    g_autoptr(CdRow) after = NULL;

    g_assert_nonnull (cd_row_get_value (before, CD_CUSTOMER_COL_OWNER));
    g_clear_object (&before);
    g_assert_true (cd_store_exec (fixture->store, update, &error));
    g_assert_no_error (error);
    g_assert_true (cd_row_model_refresh (model));
    after = g_list_model_get_item (G_LIST_MODEL (model), 5);
    g_assert_cmpstr (cd_row_get_value (after, CD_CUSTOMER_COL_OWNER), ==, "Renamed");
  }
  check_rows_match_by_id (fixture, model, 0, CD_ROW_MODEL_PAGE_SIZE + 5);
}

static void
test_eviction (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(CdRowModel) model = NULL;
  g_autoptr(GError) error = NULL;
  guint n_rows, n_pages, fetches;

  /* Enough rows for more pages than the cache holds. */
  g_assert_true (cd_store_exec (fixture->store,
                                "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 8000)"
                                " INSERT INTO customers (name, created_at, updated_at) SELECT 'extra ' || i, 0, 0 FROM n",
                                &error));
  g_assert_no_error (error);
  model = make_model (fixture);
  n_rows = g_list_model_get_n_items (G_LIST_MODEL (model));
  n_pages = (n_rows + CD_ROW_MODEL_PAGE_SIZE - 1) / CD_ROW_MODEL_PAGE_SIZE;
  g_assert_cmpuint (n_pages, >, CD_ROW_MODEL_MAX_PAGES);

  for (guint p = 0; p < n_pages; p++)
    g_assert_cmpint (cd_row_model_get_id (model, p * CD_ROW_MODEL_PAGE_SIZE), >, 0);
  g_assert_cmpuint (cd_row_model_get_n_page_fetches (model), ==, n_pages);
  g_assert_cmpuint (cd_row_model_get_n_cached_pages (model), ==, CD_ROW_MODEL_MAX_PAGES);

  /* The most recent page is still there; the oldest has gone. */
  fetches = cd_row_model_get_n_page_fetches (model);
  g_assert_cmpint (cd_row_model_get_id (model, (n_pages - 1) * CD_ROW_MODEL_PAGE_SIZE), >, 0);
  g_assert_cmpuint (cd_row_model_get_n_page_fetches (model), ==, fetches);
  g_assert_cmpint (cd_row_model_get_id (model, 0), >, 0);
  g_assert_cmpuint (cd_row_model_get_n_page_fetches (model), ==, fetches + 1);
  g_assert_cmpuint (cd_row_model_get_n_cached_pages (model), ==, CD_ROW_MODEL_MAX_PAGES);
}

typedef struct {
  guint n_emissions;
  guint position, removed, added;
} Changes;

static void
items_changed_cb (GListModel *model,
                  guint       position,
                  guint       removed,
                  guint       added,
                  Changes    *changes)
{
  changes->n_emissions++;
  changes->position = position;
  changes->removed = removed;
  changes->added = added;
  /* The model already has its new length when it tells. */
  g_assert_cmpuint (g_list_model_get_n_items (model), >=, position + added);
}

static guint
count_tier (Fixture    *fixture,
            const char *tier)
{
  guint n = 0;
  for (guint i = 0; i < fixture->rows->len; i++)
    if (g_str_equal (g_array_index (fixture->rows, Expected, i).tier, tier))
      n++;
  return n;
}

static void
test_filter_signal (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(CdRowModel) model = make_model (fixture);
  Changes changes = { 0, };
  guint n_core = count_tier (fixture, "core");
  guint n_core_or_general = n_core + count_tier (fixture, "general");
  CdRow *row;

  row = g_list_model_get_item (G_LIST_MODEL (model), 3);
  g_object_unref (row);
  g_signal_connect (model, "items-changed", G_CALLBACK (items_changed_cb), &changes);

  cd_row_model_set_filter (model, "tier = ?", g_variant_new ("(s)", "core"));
  g_assert_cmpuint (changes.n_emissions, ==, 1);
  g_assert_cmpuint (changes.position, ==, 0);
  g_assert_cmpuint (changes.removed, ==, N_ROWS);
  g_assert_cmpuint (changes.added, ==, n_core);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, n_core);
  g_assert_cmpuint (cd_row_model_get_n_cached_pages (model), ==, 0);

  for (guint i = 0; i < n_core; i += 97)
    {
      g_autoptr(CdRow) r = g_list_model_get_item (G_LIST_MODEL (model), i);
      g_assert_cmpstr (cd_row_get_value (r, 2), ==, "core");
    }

  cd_row_model_set_filter (model, "tier IN (?, ?)", g_variant_new ("(ss)", "general", "core"));
  g_assert_cmpuint (changes.n_emissions, ==, 2);
  g_assert_cmpuint (changes.removed, ==, n_core);
  g_assert_cmpuint (changes.added, ==, n_core_or_general);

  cd_row_model_set_sort (model, "last_contact", TRUE);
  g_assert_cmpuint (changes.n_emissions, ==, 3);
  g_assert_cmpuint (changes.removed, ==, n_core_or_general);
  g_assert_cmpuint (changes.added, ==, n_core_or_general);
  g_assert_cmpstr (cd_row_model_get_sort_column (model), ==, "last_contact");
  g_assert_true (cd_row_model_get_sort_descending (model));

  cd_row_model_set_query (model, "name = ? AND id < ?", g_variant_new ("(sx)", "nobody", (gint64) 5),
                          "name", FALSE);
  g_assert_cmpuint (changes.n_emissions, ==, 4);
  g_assert_cmpuint (changes.removed, ==, n_core_or_general);
  g_assert_cmpuint (changes.added, ==, 0);

  /* Empty to empty: nothing to tell. */
  cd_row_model_set_filter (model, "name = ?", g_variant_new ("(ms)", NULL));
  g_assert_cmpuint (changes.n_emissions, ==, 4);

  cd_row_model_set_filter (model, NULL, NULL);
  g_assert_cmpuint (changes.n_emissions, ==, 5);
  g_assert_cmpuint (changes.removed, ==, 0);
  g_assert_cmpuint (changes.added, ==, N_ROWS);
}

static void
test_refresh (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(CdRowModel) model = make_model (fixture);
  g_autoptr(CdStore) other = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(CdRow) held = NULL;
  Changes changes = { 0, };
  const CdField fields[] = { { "name", "aaa first of all" } };
  gint64 id;

  g_signal_connect (model, "items-changed", G_CALLBACK (items_changed_cb), &changes);

  /* Nothing changed: nothing emitted. */
  held = g_list_model_get_item (G_LIST_MODEL (model), 10);
  g_assert_false (cd_row_model_refresh (model));
  g_assert_cmpuint (changes.n_emissions, ==, 0);

  /* Someone else adds a customer. */
  other = cd_store_open (fixture->path, CD_STORE_OPEN_NO_WATCH, &error);
  g_assert_no_error (error);
  g_assert_true (cd_store_sign_in (other, "admin", NULL, &error));
  id = cd_store_insert (other, "customers", fields, G_N_ELEMENTS (fields), &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);

  g_assert_true (cd_row_model_refresh (model));
  g_assert_cmpuint (changes.n_emissions, ==, 1);
  g_assert_cmpuint (changes.position, ==, 0);
  g_assert_cmpuint (changes.removed, ==, N_ROWS);
  g_assert_cmpuint (changes.added, ==, N_ROWS + 1);
  {
    g_autoptr(CdRow) first = g_list_model_get_item (G_LIST_MODEL (model), 0);
    g_assert_cmpint (cd_row_get_id (first), ==, id);
  }

  g_assert_false (cd_row_model_refresh (model));
  g_assert_cmpuint (changes.n_emissions, ==, 1);

  /* A row on show is edited elsewhere (same count, same order). */
  g_clear_object (&held);
  held = g_list_model_get_item (G_LIST_MODEL (model), 0);
  {
    const CdField org[] = { { "organisation", "Changed elsewhere" } };
    g_assert_true (cd_store_update (other, "customers", id, 0, org, 1, &error));
    g_assert_no_error (error);
  }
  g_assert_true (cd_row_model_refresh (model));
  g_assert_cmpuint (changes.n_emissions, ==, 2);
  g_assert_cmpuint (changes.removed, ==, N_ROWS + 1);
  g_assert_cmpuint (changes.added, ==, N_ROWS + 1);
  {
    g_autoptr(CdRow) first = g_list_model_get_item (G_LIST_MODEL (model), 0);
    g_assert_cmpstr (cd_row_get_value (first, 1), ==, "Changed elsewhere");
  }

  /* Changes of the kinds its rows show drive it, once per burst, when
   * idle: another process's (read from the audit log), and this store's;
   * other kinds leave it alone. */
  {
    const char *const kinds[] = { CD_CHANGE_CUSTOMERS, CD_CHANGE_STAFF, NULL };
    const CdField first[] = { { "name", "aaa again" } };
    const CdField second[] = { { "name", "aaa and again" } };
    const CdField staff[] = { { "login", "li" }, { "display_name", "Li" } };

    cd_row_model_set_refresh_kinds (model, kinds);
    g_assert_true (cd_store_delete (other, "customers", id, 0, &error));
    g_assert_no_error (error);
    g_assert_true (cd_store_check_external_changes (fixture->store));
    g_assert_cmpuint (changes.n_emissions, ==, 2);
    while (g_main_context_iteration (NULL, FALSE))
      ;
    g_assert_cmpuint (changes.n_emissions, ==, 3);
    g_assert_cmpuint (changes.added, ==, N_ROWS);

    g_assert_true (cd_store_begin (fixture->store, &error));
    g_assert_cmpint (cd_store_insert (fixture->store, "customers", first, 1, &error), >, 0);
    g_assert_cmpint (cd_store_insert (fixture->store, "staff", staff, 2, &error), >, 0);
    g_assert_true (cd_store_commit (fixture->store, &error));
    g_assert_cmpint (cd_store_insert (fixture->store, "customers", second, 1, &error), >, 0);
    g_assert_no_error (error);
    g_assert_cmpuint (changes.n_emissions, ==, 3);
    while (g_main_context_iteration (NULL, FALSE))
      ;
    g_assert_cmpuint (changes.n_emissions, ==, 4);
    g_assert_cmpuint (changes.added, ==, N_ROWS + 2);

    g_assert_true (cd_store_audit (fixture->store, "tickets", 1, "update", "subject", NULL, "x", &error));
    while (g_main_context_iteration (NULL, FALSE))
      ;
    g_assert_cmpuint (changes.n_emissions, ==, 4);
    cd_row_model_set_refresh_kinds (model, NULL);
  }
}

static void
test_deleted_under_us (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(CdRowModel) model = make_model (fixture);
  g_autoptr(CdStore) other = NULL;
  g_autoptr(GError) error = NULL;
  Changes changes = { 0, };
  gint64 deadline;

  g_signal_connect (model, "items-changed", G_CALLBACK (items_changed_cb), &changes);

  other = cd_store_open (fixture->path, CD_STORE_OPEN_NO_WATCH, &error);
  g_assert_no_error (error);
  g_assert_true (cd_store_exec (other, "DELETE FROM customers WHERE id > 2000", &error));
  g_assert_no_error (error);

  /* A page read after rows vanished still gives an item for every
   * position (a blank one where there is no row any more)... */
  {
    g_autoptr(CdRow) row = g_list_model_get_item (G_LIST_MODEL (model), 4000);
    g_assert_nonnull (row);
    g_assert_cmpint (cd_row_get_id (row), ==, 0);
    g_assert_null (cd_row_get_value (row, 0));
  }
  g_assert_cmpuint (changes.n_emissions, ==, 0);

  /* ...and the model counts again as soon as the main loop is idle. */
  deadline = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;
  while (changes.n_emissions == 0 && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (changes.n_emissions, ==, 1);
  g_assert_cmpuint (changes.removed, ==, N_ROWS);
  g_assert_cmpuint (changes.added, ==, 2000);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 2000);
}

static void
test_detached_row (void)
{
  const char *names[] = { "a", "b" };
  const char *values[] = { "12", NULL };
  g_autoptr(CdRow) row = cd_row_new (7, names, values, 2);

  g_assert_cmpint (cd_row_get_id (row), ==, 7);
  g_assert_cmpuint (cd_row_get_n_columns (row), ==, 2);
  g_assert_cmpint (cd_row_get_int (row, 0, -1), ==, 12);
  g_assert_cmpint (cd_row_get_int (row, 1, -1), ==, -1);
  g_assert_null (cd_row_get_value (row, 5));
  g_assert_cmpstr (cd_row_get_value_by_name (row, "a"), ==, "12");
}

/* Every sort of the customers list is an index scan: no temporary sort. */
static void
test_customers_query_plan (Fixture       *fixture,
                           gconstpointer  data)
{
  const char *const keys[] = { "name", "organisation", "tier", "owner", "phone", "email", "last_contact" };
  const CdArchivedFilter archived[] = { CD_ARCHIVED_HIDE, CD_ARCHIVED_SHOW };

  for (guint a = 0; a < G_N_ELEMENTS (archived); a++)
    for (guint k = 0; k < G_N_ELEMENTS (keys); k++)
      for (int desc = 0; desc < 2; desc++)
        {
          CdCustomerFilter filter;
          g_autoptr(CdRowModel) model = NULL;
          g_autofree char *select = NULL;
          g_autofree char *sql = NULL;
          g_autoptr(GString) plan = g_string_new (NULL);
          sqlite3_stmt *stmt;

          cd_customer_filter_init (&filter);
          filter.archived = archived[a];
          filter.sort_column = g_strdup (keys[k]);
          filter.sort_descending = desc;
          model = cd_customers_list_new (fixture->store, &filter);
          cd_customer_filter_clear (&filter);

          select = cd_row_model_dup_select_sql (model);
          sql = g_strconcat ("EXPLAIN QUERY PLAN ", select, " LIMIT 256 OFFSET 1000", NULL);
          g_assert_cmpint (sqlite3_prepare_v2 (cd_store_get_db (fixture->store), sql, -1, &stmt, NULL), ==, SQLITE_OK);
          cd_row_model_bind_params (stmt, cd_row_model_get_params (model));
          while (sqlite3_step (stmt) == SQLITE_ROW)
            g_string_append_printf (plan, "%s\n", (const char *) sqlite3_column_text (stmt, 3));
          sqlite3_finalize (stmt);

          g_test_message ("sort %s %s: %s", keys[k], desc ? "desc" : "asc", plan->str);
          if (strstr (plan->str, "TEMP B-TREE") != NULL ||
              (strstr (plan->str, "USING INDEX customers_") == NULL &&
               strstr (plan->str, "USING COVERING INDEX customers_") == NULL))
            g_error ("sorting customers by %s does not use an index:\n%s", keys[k], plan->str);
        }
}

static int
capture_page_sql_cb (unsigned  type,
                     void     *context,
                     void     *p,
                     void     *x)
{
  char **page_sql = context;
  const char *sql = sqlite3_sql (p);

  if (sql != NULL && g_str_has_prefix (sql, "SELECT id, ") && strstr (sql, " LIMIT ") != NULL)
    {
      g_free (*page_sql);
      *page_sql = g_strdup (sql);
    }
  return 0;
}

/* Searching matches a prefix in several columns. With the page's limit
 * bound as a parameter SQLite walked the whole name index in order
 * (100 000 rows at the benchmark's size) instead of collecting the few
 * matches from the indexes and sorting them: the statement the model
 * really runs must search, not scan. */
static void
test_customers_search_plan (Fixture       *fixture,
                            gconstpointer  data)
{
  sqlite3 *db = cd_store_get_db (fixture->store);
  g_autofree char *page_sql = NULL;
  g_autofree char *explain = NULL;
  g_autoptr(GString) plan = g_string_new (NULL);
  g_autoptr(CdRowModel) model = NULL;
  g_autoptr(CdRow) row = NULL;
  CdCustomerFilter filter;
  sqlite3_stmt *stmt;
  int n;

  cd_customer_filter_init (&filter);
  filter.text = g_strdup ("zhang");
  model = cd_customers_list_new (fixture->store, &filter);
  cd_customer_filter_clear (&filter);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), >, 0);

  sqlite3_trace_v2 (db, SQLITE_TRACE_STMT, capture_page_sql_cb, &page_sql);
  row = g_list_model_get_item (G_LIST_MODEL (model), 0);
  sqlite3_trace_v2 (db, 0, NULL, NULL);
  g_assert_nonnull (row);
  g_assert_nonnull (page_sql);

  explain = g_strconcat ("EXPLAIN QUERY PLAN ", page_sql, NULL);
  g_assert_cmpint (sqlite3_prepare_v2 (db, explain, -1, &stmt, NULL), ==, SQLITE_OK);
  n = cd_row_model_bind_params (stmt, cd_row_model_get_params (model));
  g_assert_cmpint (sqlite3_bind_parameter_count (stmt), ==, n + 1);
  sqlite3_bind_int64 (stmt, n + 1, 0);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_string_append_printf (plan, "%s\n", (const char *) sqlite3_column_text (stmt, 3));
  sqlite3_finalize (stmt);

  g_test_message ("search: %s\n%s", page_sql, plan->str);
  if (strstr (plan->str, "SCAN customers") != NULL)
    g_error ("a search of customers scans the table:\n%s", plan->str);
}

/* A query that matches nothing leaves the last rows (a GTK 4.8 list
 * would otherwise destroy its row widgets and build them again), tells
 * through n-matches, and the next rows replace them in one change. */
static void
notify_count_cb (GObject    *object,
                 GParamSpec *pspec,
                 guint      *count)
{
  (*count)++;
}

static void
test_keep_rows (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(CdRowModel) model = make_model (fixture);
  g_autoptr(CdStore) other = NULL;
  g_autoptr(GError) error = NULL;
  Changes changes = { 0, };
  guint n_matches_notified = 0;
  guint n_core = count_tier (fixture, "core");
  const CdField fields[] = { { "name", "Nobody Yet 😀" }, { "tier", "core" } };
  gint64 first_id;
  gint64 id;

  cd_row_model_set_keep_rows_when_empty (model, TRUE);
  g_signal_connect (model, "items-changed", G_CALLBACK (items_changed_cb), &changes);
  g_signal_connect (model, "notify::n-matches", G_CALLBACK (notify_count_cb), &n_matches_notified);
  g_assert_cmpuint (cd_row_model_get_n_matches (model), ==, N_ROWS);
  first_id = cd_row_model_get_id (model, 0);

  /* Nothing matches: the rows stay, without items-changed. */
  cd_row_model_set_filter (model, "name = ?", g_variant_new ("(s)", "Nobody Yet 😀"));
  g_assert_cmpuint (changes.n_emissions, ==, 0);
  g_assert_cmpuint (n_matches_notified, ==, 1);
  g_assert_cmpuint (cd_row_model_get_n_matches (model), ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, N_ROWS);
  g_assert_cmpint (cd_row_model_get_id (model, 0), ==, first_id);
  {
    /* A row never read before is a blank, not a row of the new query. */
    g_autoptr(CdRow) far = g_list_model_get_item (G_LIST_MODEL (model), N_ROWS - 1);
    g_assert_nonnull (far);
    g_assert_cmpint (cd_row_get_id (far), ==, 0);
  }

  /* Another empty query, a new sort, a refresh: still held, still quiet. */
  cd_row_model_set_filter (model, "name = ? AND tier = ?", g_variant_new ("(ss)", "Nobody Yet 😀", "core"));
  cd_row_model_set_sort (model, "last_contact", TRUE);
  g_assert_false (cd_row_model_refresh (model));
  g_assert_cmpuint (changes.n_emissions, ==, 0);
  g_assert_cmpuint (n_matches_notified, ==, 1);

  /* Someone else adds a matching customer: the refresh shows it. */
  other = cd_store_open (fixture->path, CD_STORE_OPEN_NO_WATCH, &error);
  g_assert_no_error (error);
  g_assert_true (cd_store_sign_in (other, "admin", NULL, &error));
  id = cd_store_insert (other, "customers", fields, G_N_ELEMENTS (fields), &error);
  g_assert_no_error (error);
  g_assert_true (cd_row_model_refresh (model));
  g_assert_cmpuint (changes.n_emissions, ==, 1);
  g_assert_cmpuint (changes.removed, ==, N_ROWS);
  g_assert_cmpuint (changes.added, ==, 1);
  g_assert_cmpuint (n_matches_notified, ==, 2);
  g_assert_cmpuint (cd_row_model_get_n_matches (model), ==, 1);
  g_assert_cmpint (cd_row_model_get_id (model, 0), ==, id);

  /* It is deleted again: a refresh keeps that one row, and says so. */
  g_assert_true (cd_store_delete (other, "customers", id, 0, &error));
  g_assert_no_error (error);
  g_assert_true (cd_row_model_refresh (model));
  g_assert_cmpuint (changes.n_emissions, ==, 1);
  g_assert_cmpuint (n_matches_notified, ==, 3);
  g_assert_cmpuint (cd_row_model_get_n_matches (model), ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 1);

  /* Rows that match replace the kept ones in one change. */
  cd_row_model_set_filter (model, "tier = ?", g_variant_new ("(s)", "core"));
  g_assert_cmpuint (changes.n_emissions, ==, 2);
  g_assert_cmpuint (changes.removed, ==, 1);
  g_assert_cmpuint (changes.added, ==, n_core);
  g_assert_cmpuint (cd_row_model_get_n_matches (model), ==, n_core);
  {
    g_autoptr(CdRow) row = g_list_model_get_item (G_LIST_MODEL (model), n_core - 1);
    g_assert_cmpstr (cd_row_get_value (row, 2), ==, "core");
  }

  /* Turned off while held, the list empties. */
  cd_row_model_set_filter (model, "name = ?", g_variant_new ("(s)", "nobody at all"));
  g_assert_cmpuint (changes.n_emissions, ==, 2);
  cd_row_model_set_keep_rows_when_empty (model, FALSE);
  g_assert_cmpuint (changes.n_emissions, ==, 3);
  g_assert_cmpuint (changes.removed, ==, n_core);
  g_assert_cmpuint (changes.added, ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, 0);
}

/* A filter that matches most rows is counted as all rows minus the
 * others, with the same result. */
static void
test_count_complement (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(CdRowModel) model = make_model (fixture);
  g_autoptr(GError) error = NULL;
  guint n_general = count_tier (fixture, "general");
  const CdField fields[] = { { "name", "Zhou \"Quote\" O'Brien" }, { "tier", "general" } };

  cd_row_model_set_count_complement (model, "tier IN ('strategic', 'core', 'potential')");
  cd_row_model_set_filter (model, "tier = ?", g_variant_new ("(s)", "general"));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, n_general);
  {
    g_autoptr(CdRow) last = g_list_model_get_item (G_LIST_MODEL (model), n_general - 1);
    g_assert_cmpstr (cd_row_get_value (last, 2), ==, "general");
  }

  /* A refresh counts the same way. */
  g_assert_cmpint (cd_store_insert (fixture->store, "customers", fields, G_N_ELEMENTS (fields), &error), >, 0);
  g_assert_no_error (error);
  g_assert_true (cd_row_model_refresh (model));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, n_general + 1);

  /* Without it, the filter counts itself. */
  cd_row_model_set_count_complement (model, NULL);
  cd_row_model_set_filter (model, "tier = ?", g_variant_new ("(s)", "core"));
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, count_tier (fixture, "core"));
}

/* Every kind of value comes out of a page as it went in: NULL and empty
 * text, Chinese and emoji, quotes, 10 000 characters; in both halves of
 * the list; a row keeps its values after its page and its model are gone;
 * and a refresh sees a change in the last character of a long text. */
static void
test_page_values (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(CdRowModel) model = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) long_text = g_string_new (NULL);
  g_autoptr(CdRow) kept = NULL;
  const char *texts[] = { "", "张伟 👩‍💻 Ünïcødé", "\"quoted\" 'and' ;--", NULL };
  const char *const where = "tier = ?";
  guint n;

  for (guint i = 0; i < 10000; i++)
    g_string_append_c (long_text, 'a' + (char) (i % 26));
  texts[3] = long_text->str;

  /* The first rows by name and the last ones: read forwards and
   * backwards. */
  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    {
      const CdField first[] = { { "name", "  0 first" }, { "organisation", texts[i] }, { "tier", "strategic" } };
      const CdField last[] = { { "name", "\xe9\xbd\x90 last" }, { "organisation", texts[i] }, { "tier", "strategic" } };

      g_assert_cmpint (cd_store_insert (fixture->store, "customers", first, G_N_ELEMENTS (first), &error), >, 0);
      g_assert_no_error (error);
      g_assert_cmpint (cd_store_insert (fixture->store, "customers", last, G_N_ELEMENTS (last), &error), >, 0);
      g_assert_no_error (error);
    }

  model = make_model (fixture);
  cd_row_model_set_query (model, where, g_variant_new ("(s)", "strategic"), "name", FALSE);
  n = g_list_model_get_n_items (G_LIST_MODEL (model));
  g_assert_cmpuint (n, >, 2 * CD_ROW_MODEL_PAGE_SIZE);

  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    {
      g_autoptr(CdRow) first = g_list_model_get_item (G_LIST_MODEL (model), i);
      g_autoptr(CdRow) last = g_list_model_get_item (G_LIST_MODEL (model), n - G_N_ELEMENTS (texts) + i);

      g_assert_cmpstr (cd_row_get_value (first, 0), ==, "  0 first");
      g_assert_cmpstr (cd_row_get_value (last, 0), ==, "\xe9\xbd\x90 last");
      g_assert_true (g_strv_contains (texts, cd_row_get_value (first, 1)));
      g_assert_true (g_strv_contains (texts, cd_row_get_value (last, 1)));
      g_assert_cmpstr (cd_row_get_value (first, 1), ==, cd_row_get_value (last, 1));
      g_assert_cmpstr (cd_row_get_value (first, 2), ==, "strategic");
    }
  check_rows_match_by_id (fixture, model, 0, CD_ROW_MODEL_PAGE_SIZE + 3);
  check_rows_match_by_id (fixture, model, n - CD_ROW_MODEL_PAGE_SIZE - 3, n - 1);

  /* NULL stays NULL, apart from the empty text. */
  {
    g_autoptr(CdRow) row = NULL;
    guint pos = 0;

    for (pos = 0; pos < n; pos++)
      {
        g_autoptr(CdRow) candidate = g_list_model_get_item (G_LIST_MODEL (model), pos);
        if (cd_row_get_value (candidate, 1) == NULL)
          {
            row = g_steal_pointer (&candidate);
            break;
          }
      }
    g_assert_nonnull (row);
    g_assert_null (cd_row_get_value (row, 1));
    g_assert_cmpint (cd_row_get_int (row, 1, -7), ==, -7);
  }

  /* The long text, held while its page goes. */
  for (guint pos = 0; pos < G_N_ELEMENTS (texts) && kept == NULL; pos++)
    {
      g_autoptr(CdRow) row = g_list_model_get_item (G_LIST_MODEL (model), pos);
      if (g_strcmp0 (cd_row_get_value (row, 1), long_text->str) == 0)
        kept = g_steal_pointer (&row);
    }
  g_assert_nonnull (kept);

  /* A change of its last character is seen by a refresh. */
  {
    g_autofree char *update = g_strdup_printf ("UPDATE customers SET organisation = organisation || 'z' WHERE id = %"
                                               G_GINT64_FORMAT, cd_row_get_id (kept));

    g_assert_false (cd_row_model_refresh (model));
    g_assert_true (cd_store_exec (fixture->store, update, &error));
    g_assert_no_error (error);
    g_assert_true (cd_row_model_refresh (model));
  }

  cd_row_model_set_sort (model, "phone", TRUE);
  g_clear_object (&model);
  g_assert_cmpuint (strlen (cd_row_get_value (kept, 1)), ==, 10000);
  g_assert_cmpstr (cd_row_get_value (kept, 1), ==, long_text->str);
  g_assert_cmpstr (cd_row_get_value_by_name (kept, "tier"), ==, "strategic");
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/core/row-model/count", test_count);
  ADD ("/core/row-model/order", test_order);
  ADD ("/core/row-model/lazy", test_lazy);
  ADD ("/core/row-model/batched-values", test_batched_values);
  ADD ("/core/row-model/eviction", test_eviction);
  ADD ("/core/row-model/page-values", test_page_values);
  ADD ("/core/row-model/filter/one-signal", test_filter_signal);
  ADD ("/core/row-model/refresh", test_refresh);
  ADD ("/core/row-model/refresh/deleted-under-us", test_deleted_under_us);
  ADD ("/core/row-model/keep-rows-when-empty", test_keep_rows);
  ADD ("/core/row-model/count-complement", test_count_complement);
  ADD ("/core/row-model/customers/query-plan", test_customers_query_plan);
  ADD ("/core/row-model/customers/search-plan", test_customers_search_plan);
  g_test_add_func ("/core/row-model/row/detached", test_detached_row);

  return g_test_run ();
}
