/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "caredesk-test-lists"

#include "config.h"

#include <gtk/gtk.h>

#include "cd-column-sort.h"
#include "cd-gui-test-util.h"
#include "cd-search-watch.h"
#include "cd-slot-list.h"

static CdRow *
make_row (gint64      id,
          const char *name)
{
  const char *names[] = { "name" };
  const char *values[] = { name };

  return cd_row_new (id, names, values, 1);
}

static void
fill (GListStore *store,
      guint       n,
      const char *prefix)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *name = g_strdup_printf ("%s %u", prefix, i);
      g_ptr_array_add (rows, make_row (i + 1, name));
    }
  g_list_store_splice (store, 0, g_list_model_get_n_items (G_LIST_MODEL (store)), rows->pdata, rows->len);
}

typedef struct {
  guint position, removed, added, calls;
} ItemsChanged;

static void
on_items_changed (GListModel   *model,
                  guint         position,
                  guint         removed,
                  guint         added,
                  ItemsChanged *seen)
{
  seen->position = position;
  seen->removed = removed;
  seen->added = added;
  seen->calls++;
}

static void
on_notify_count (GObject    *object,
                 GParamSpec *pspec,
                 guint      *count)
{
  (*count)++;
}

/* A whole new list (a sort, a filter, a refresh) keeps the slots and
 * only passes the change in length on. */
static void
test_slot_list (void)
{
  g_autoptr(GListStore) rows = g_list_store_new (CD_TYPE_ROW);
  g_autoptr(CdSlotList) list = NULL;
  g_autoptr(CdListSlot) first = NULL;
  g_autoptr(CdListSlot) tenth = NULL;
  g_autoptr(CdListSlot) last = NULL;
  ItemsChanged seen = { 0 };
  guint first_notified = 0, last_notified = 0;

  fill (rows, 20, "Old");
  list = cd_slot_list_new (G_LIST_MODEL (rows));
  g_assert_true (g_list_model_get_item_type (G_LIST_MODEL (list)) == CD_TYPE_LIST_SLOT);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 20);
  g_signal_connect (list, "items-changed", G_CALLBACK (on_items_changed), &seen);

  first = g_list_model_get_item (G_LIST_MODEL (list), 0);
  tenth = g_list_model_get_item (G_LIST_MODEL (list), 9);
  last = g_list_model_get_item (G_LIST_MODEL (list), 19);
  g_assert_null (g_list_model_get_item (G_LIST_MODEL (list), 20));
  g_assert_cmpstr (cd_row_get_value (cd_list_slot_get_row (first), 0), ==, "Old 0");
  g_assert_cmpuint (cd_list_slot_get_position (tenth), ==, 9);
  /* The same position gives the same slot while it lives. */
  {
    g_autoptr(CdListSlot) again = g_list_model_get_item (G_LIST_MODEL (list), 0);
    g_assert_true (again == first);
  }
  g_signal_connect (first, "notify::row", G_CALLBACK (on_notify_count), &first_notified);
  g_signal_connect (last, "notify::row", G_CALLBACK (on_notify_count), &last_notified);

  /* Same length, all new rows: no items-changed, every slot notified and
   * showing its new row. */
  fill (rows, 20, "New");
  g_assert_cmpuint (seen.calls, ==, 0);
  g_assert_cmpuint (first_notified, ==, 1);
  g_assert_cmpstr (cd_row_get_value (cd_list_slot_get_row (first), 0), ==, "New 0");
  g_assert_cmpstr (cd_row_get_value (cd_list_slot_get_row (tenth), 0), ==, "New 9");

  /* Shorter: the end goes, the slots past it show nothing. */
  g_assert_cmpuint (last_notified, ==, 1);
  last_notified = 0;
  fill (rows, 12, "Short");
  g_assert_cmpuint (seen.calls, ==, 1);
  g_assert_cmpuint (seen.position, ==, 12);
  g_assert_cmpuint (seen.removed, ==, 8);
  g_assert_cmpuint (seen.added, ==, 0);
  g_assert_null (cd_list_slot_get_row (last));
  g_assert_cmpuint (last_notified, ==, 1);
  g_assert_cmpstr (cd_row_get_value (cd_list_slot_get_row (tenth), 0), ==, "Short 9");

  /* Longer: added at the end. */
  fill (rows, 30, "Long");
  g_assert_cmpuint (seen.calls, ==, 2);
  g_assert_cmpuint (seen.position, ==, 12);
  g_assert_cmpuint (seen.removed, ==, 0);
  g_assert_cmpuint (seen.added, ==, 18);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 30);
  {
    g_autoptr(CdListSlot) new_last = g_list_model_get_item (G_LIST_MODEL (list), 29);
    g_assert_cmpstr (cd_row_get_value (cd_list_slot_get_row (new_last), 0), ==, "Long 29");
  }

  /* A change further down leaves the rows above it alone. */
  first_notified = 0;
  {
    g_autoptr(CdRow) row = make_row (99, "Changed 25");
    g_list_store_splice (rows, 25, 1, (gpointer *) &row, 1);
  }
  g_assert_cmpuint (first_notified, ==, 0);
  g_assert_cmpstr (cd_row_get_value (cd_list_slot_get_row (first), 0), ==, "Long 0");
}

static GtkColumnViewColumn *
add_column (GtkColumnView *view,
            const char    *title,
            const char    *sort_name)
{
  g_autoptr(GtkColumnViewColumn) column = gtk_column_view_column_new (title, NULL);

  cd_column_sort_set_name (column, sort_name);
  gtk_column_view_append_column (view, column);
  return column;
}

/* The column and direction chosen in the header are read back by name. */
static void
test_column_sort (void)
{
  GtkWidget *view = gtk_column_view_new (NULL);
  GtkColumnViewColumn *name, *tier, *notes;
  const char *sorted = NULL;
  gboolean descending = TRUE;

  g_object_ref_sink (view);
  name = add_column (GTK_COLUMN_VIEW (view), "Name", "name");
  tier = add_column (GTK_COLUMN_VIEW (view), "Tier", "tier");
  notes = add_column (GTK_COLUMN_VIEW (view), "Notes", NULL);
  g_assert_null (gtk_column_view_column_get_sorter (notes));

  g_assert_false (cd_column_sort_get (GTK_COLUMN_VIEW (view), &sorted, &descending));

  gtk_column_view_sort_by_column (GTK_COLUMN_VIEW (view), name, GTK_SORT_ASCENDING);
  g_assert_true (cd_column_sort_get (GTK_COLUMN_VIEW (view), &sorted, &descending));
  g_assert_cmpstr (sorted, ==, "name");
  g_assert_false (descending);

  gtk_column_view_sort_by_column (GTK_COLUMN_VIEW (view), tier, GTK_SORT_DESCENDING);
  g_assert_true (cd_column_sort_get (GTK_COLUMN_VIEW (view), &sorted, &descending));
  g_assert_cmpstr (sorted, ==, "tier");
  g_assert_true (descending);

  gtk_column_view_sort_by_column (GTK_COLUMN_VIEW (view), NULL, GTK_SORT_ASCENDING);
  g_assert_false (cd_column_sort_get (GTK_COLUMN_VIEW (view), &sorted, &descending));

  g_object_unref (view);
}

typedef struct {
  GPtrArray *applied;   /* the entry's text at each apply */
  GtkEditable *entry;
} SearchLog;

static void
log_search_cb (gpointer owner)
{
  SearchLog *log = g_object_get_data (owner, "log");

  g_ptr_array_add (log->applied, g_strdup (gtk_editable_get_text (log->entry)));
}

static void
count_reports_cb (GtkSearchEntry *entry,
                  guint          *reports)
{
  (*reports)++;
}

static void
drain_ready_sources (void)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

/* Text replaced in one go is applied once, with the new text, before the
 * entry's own delay; the delayed report of that text applies nothing;
 * Enter applies at once; nothing is applied for an owner that is gone. */
static void
test_search_watch (void)
{
  GtkWidget *entry = g_object_ref_sink (gtk_search_entry_new ());
  GObject *owner = g_object_new (G_TYPE_OBJECT, NULL);
  SearchLog log = { g_ptr_array_new_with_free_func (g_free), GTK_EDITABLE (entry) };
  guint reports = 0;

  g_object_set_data (owner, "log", &log);
  gtk_editable_set_text (GTK_EDITABLE (entry), "张");
  cd_search_watch (GTK_SEARCH_ENTRY (entry), owner, log_search_cb);
  g_signal_connect (entry, "search-changed", G_CALLBACK (count_reports_cb), &reports);

  /* A paste over the selection: emptied, then the new text. */
  gtk_editable_set_text (GTK_EDITABLE (entry), "");
  gtk_editable_set_text (GTK_EDITABLE (entry), "Li");
  g_assert_cmpuint (reports, ==, 1);
  drain_ready_sources ();
  g_assert_cmpuint (log.applied->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (log.applied, 0), ==, "Li");

  /* The entry's delayed report of "Li" changes nothing. */
  cd_test_wait_for (reports == 2);
  drain_ready_sources ();
  g_assert_cmpuint (log.applied->len, ==, 1);

  /* Typing waits for the delay; Enter applies it at once, once. */
  {
    int position = 2;

    gtk_editable_insert_text (GTK_EDITABLE (entry), "n", -1, &position);
  }
  drain_ready_sources ();
  g_assert_cmpuint (log.applied->len, ==, 1);
  g_assert_true (cd_search_watch_flush (GTK_SEARCH_ENTRY (entry)));
  g_assert_cmpuint (log.applied->len, ==, 2);
  g_assert_cmpstr (g_ptr_array_index (log.applied, 1), ==, "Lin");
  g_assert_false (cd_search_watch_flush (GTK_SEARCH_ENTRY (entry)));
  cd_test_wait_for (reports == 3);
  drain_ready_sources ();
  g_assert_cmpuint (log.applied->len, ==, 2);

  /* The owner set the text itself and applied it. */
  gtk_editable_set_text (GTK_EDITABLE (entry), "");
  cd_search_watch_sync (GTK_SEARCH_ENTRY (entry));
  drain_ready_sources ();
  g_assert_cmpuint (log.applied->len, ==, 2);

  /* Nothing reaches an owner that is gone. */
  g_clear_object (&owner);
  gtk_editable_set_text (GTK_EDITABLE (entry), "王");
  g_assert_false (cd_search_watch_flush (GTK_SEARCH_ENTRY (entry)));
  g_assert_cmpuint (log.applied->len, ==, 2);

  g_object_unref (entry);
  g_ptr_array_unref (log.applied);
}

int
main (int    argc,
      char **argv)
{
  gtk_test_init (&argc, &argv, NULL);

  g_test_add_func ("/gui/lists/slot-list", test_slot_list);
  g_test_add_func ("/gui/lists/column-sort", test_column_sort);
  g_test_add_func ("/gui/lists/search-watch", test_search_watch);

  return g_test_run ();
}
