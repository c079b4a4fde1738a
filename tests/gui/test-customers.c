/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "caredesk-test"

#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>

#include "cd-gui-test-util.h"
#include "cd-complaints.h"
#include "cd-conflict-dialog.h"
#include "cd-customer-duplicate-dialog.h"
#include "cd-customer-editor.h"
#include "cd-import-dialog.h"
#include "cd-customer-page.h"
#include "cd-customers.h"
#include "cd-customers-view.h"
#include "cd-datetime.h"
#include "cd-owner-requests-group.h"
#include "cd-store-private.h"

/* Widget tests of the Customers view, its editor, page and import
 * dialog, against a temporary database file. */


typedef struct {
  char      *dir;
  char      *path;
  CdStore   *store;
  gint64     me;
} Fixture;

static void
fixture_set_up (Fixture       *fx,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fx->dir = g_dir_make_tmp ("caredesk-gui-XXXXXX", &error);
  g_assert_no_error (error);
  fx->path = g_build_filename (fx->dir, "test.caredesk", NULL);

  fx->store = cd_store_open (fx->path, CD_STORE_OPEN_CREATE, &error);
  g_assert_no_error (error);
  g_assert_true (cd_store_sign_in (fx->store, "tester", "Test Person", &error));
  g_assert_no_error (error);
  fx->me = cd_store_get_staff_id (fx->store);
  g_assert_cmpint (fx->me, >, 0);
}

static void
destroy_all_windows (void)
{
  GList *toplevels = gtk_window_list_toplevels ();

  for (GList *l = toplevels; l != NULL; l = l->next)
    gtk_window_destroy (GTK_WINDOW (l->data));
  g_list_free (toplevels);

  while (g_main_context_iteration (NULL, FALSE))
    ;
}

static void
fixture_tear_down (Fixture       *fx,
                   gconstpointer  data)
{
  g_autoptr(GDir) dir = NULL;
  const char *name;

  destroy_all_windows ();
  g_clear_object (&fx->store);

  dir = g_dir_open (fx->dir, 0, NULL);
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *file = g_build_filename (fx->dir, name, NULL);
      g_unlink (file);
    }
  g_rmdir (fx->dir);
  g_free (fx->path);
  g_free (fx->dir);
}

/* Helpers ---------------------------------------------------------------- */

static void
drain_main_loop (void)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

static GtkWidget *
find_named (GtkWidget  *root,
            const char *name)
{
  if (g_strcmp0 (gtk_widget_get_name (root), name) == 0)
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_named (child, name);
      if (found != NULL)
        return found;
    }
  return NULL;
}

static GtkWidget *
get_named (GtkWidget  *root,
           const char *name)
{
  GtkWidget *widget = find_named (root, name);

  if (widget == NULL)
    g_error ("No widget named “%s”", name);
  return widget;
}

static void
collect_label_texts (GtkWidget *widget,
                     GPtrArray *texts)
{
  if (!gtk_widget_get_mapped (widget))
    return;
  if (GTK_IS_LABEL (widget))
    g_ptr_array_add (texts, (gpointer) gtk_label_get_text (GTK_LABEL (widget)));
  else if (GTK_IS_INSCRIPTION (widget) && gtk_inscription_get_text (GTK_INSCRIPTION (widget)) != NULL)
    g_ptr_array_add (texts, (gpointer) gtk_inscription_get_text (GTK_INSCRIPTION (widget)));
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_label_texts (child, texts);
}

/* Whether a label (or a list cell's inscription) showing exactly @text
 * is on screen under @root. */
static gboolean
shows_label (GtkWidget  *root,
             const char *text)
{
  g_autoptr(GPtrArray) texts = g_ptr_array_new ();

  collect_label_texts (root, texts);
  for (guint i = 0; i < texts->len; i++)
    if (g_strcmp0 (g_ptr_array_index (texts, i), text) == 0)
      return TRUE;
  return FALSE;
}

static GtkWindow *
find_toplevel (GType type)
{
  GList *toplevels = gtk_window_list_toplevels ();
  GtkWindow *found = NULL;

  for (GList *l = toplevels; l != NULL && found == NULL; l = l->next)
    if (G_TYPE_CHECK_INSTANCE_TYPE (l->data, type) && gtk_widget_get_visible (l->data))
      found = l->data;
  g_list_free (toplevels);

  return found;
}

/* A visible AdwMessageDialog that is not of @exclude (0: any). */
static AdwMessageDialog *
find_message_dialog (GType exclude)
{
  GList *toplevels = gtk_window_list_toplevels ();
  AdwMessageDialog *found = NULL;

  for (GList *l = toplevels; l != NULL && found == NULL; l = l->next)
    if (ADW_IS_MESSAGE_DIALOG (l->data) && gtk_widget_get_visible (l->data) &&
        (exclude == 0 || !G_TYPE_CHECK_INSTANCE_TYPE (l->data, exclude)))
      found = l->data;
  g_list_free (toplevels);

  return found;
}

static gboolean
duplicate_dialog_shown (gpointer data)
{
  return find_toplevel (CD_TYPE_CUSTOMER_DUPLICATE_DIALOG) != NULL;
}

static gboolean
conflict_dialog_shown (gpointer data)
{
  return find_toplevel (CD_TYPE_CONFLICT_DIALOG) != NULL;
}

static gboolean
editor_closed (gpointer data)
{
  return find_toplevel (CD_TYPE_CUSTOMER_EDITOR) == NULL;
}

/* Clicks a dialog's button: it answers, then closes itself. */
static void
respond (gpointer    dialog,
         const char *response)
{
  cd_test_click_response (ADW_MESSAGE_DIALOG (dialog), response);
  drain_main_loop ();
}

static GtkWidget *
show_in_window (GtkWidget *child)
{
  GtkWidget *window = gtk_window_new ();

  gtk_window_set_default_size (GTK_WINDOW (window), 1100, 700);
  gtk_window_set_child (GTK_WINDOW (window), child);
  gtk_window_present (GTK_WINDOW (window));
  gtk_test_widget_wait_for_draw (window);

  return window;
}

static CdCustomerEditor *
open_new_editor (GtkWidget *view)
{
  CdCustomerEditor *editor;

  g_assert_true (gtk_widget_activate_action (view, "customers.new", NULL));
  editor = CD_CUSTOMER_EDITOR (find_toplevel (CD_TYPE_CUSTOMER_EDITOR));
  g_assert_nonnull (editor);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (editor));
  return editor;
}

static void
set_field (CdCustomerEditor *editor,
           const char       *name,
           const char       *text)
{
  gtk_editable_set_text (GTK_EDITABLE (get_named (GTK_WIDGET (editor), name)), text);
}

static gint64
count_customers (CdStore    *store,
                 const char *where)
{
  g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM customers%s%s",
                                          where != NULL ? " WHERE " : "", where != NULL ? where : "");
  g_autoptr(GError) error = NULL;
  gint64 n = cd_store_query_int (store, sql, CD_NO_BIND, -1, &error);

  g_assert_no_error (error);
  return n;
}

static gint64
create_customer (CdStore    *store,
                 const char *name,
                 const char *phone,
                 const char *email,
                 gint64      owner_id)
{
  g_autoptr(CdCustomer) customer = cd_customer_new ();
  g_autoptr(GError) error = NULL;
  gint64 id;

  customer->name = g_strdup (name);
  customer->phone = g_strdup (phone);
  customer->email = g_strdup (email);
  customer->owner_id = owner_id;
  id = cd_customer_create (store, customer, &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  return id;
}

typedef struct {
  GListModel *model;
  guint       n;
} CountWait;

static gboolean
model_has_count (gpointer data)
{
  CountWait *wait = data;

  return cd_row_model_get_n_matches (CD_ROW_MODEL (wait->model)) == wait->n;
}

static void
wait_for_count (GtkWidget *view,
                guint      n)
{
  CountWait wait = { cd_customers_view_get_model (CD_CUSTOMERS_VIEW (view)), n };

  cd_test_wait_until (model_has_count, &wait, "the list to show the expected number of customers");
}

/* Tests ------------------------------------------------------------------ */

static void
test_editor_create (Fixture       *fx,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CdCustomer) saved = NULL;
  CdCustomerEditor *editor;
  GtkWidget *view, *save, *email_message;
  gint64 id;

  view = cd_customers_view_new (fx->store);
  show_in_window (view);
  g_assert_cmpuint (cd_row_model_get_n_matches (CD_ROW_MODEL (cd_customers_view_get_model (CD_CUSTOMERS_VIEW (view)))), ==, 0);
  g_assert_true (shows_label (view, "No Customers Yet"));

  editor = open_new_editor (view);
  save = get_named (GTK_WIDGET (editor), "save");
  email_message = get_named (GTK_WIDGET (editor), "email-message");

  /* Nothing typed yet: no name, so no saving, but no scolding either. */
  g_assert_false (gtk_widget_is_sensitive (save));
  g_assert_false (gtk_widget_is_visible (get_named (GTK_WIDGET (editor), "name-message")));

  set_field (editor, "name", "张伟");
  set_field (editor, "organisation", "北京星辰科技有限公司");
  set_field (editor, "phone", "+86 138 1234 5678");
  g_assert_true (gtk_widget_is_sensitive (save));

  set_field (editor, "email", "zhang.wei@");
  g_assert_false (gtk_widget_is_sensitive (save));
  g_assert_true (gtk_widget_is_visible (email_message));
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (email_message)), !=, "");
  g_assert_true (gtk_widget_has_css_class (get_named (GTK_WIDGET (editor), "email"), "error"));

  set_field (editor, "email", "zhang.wei@example.cn");
  g_assert_true (gtk_widget_is_sensitive (save));
  g_assert_false (gtk_widget_is_visible (email_message));
  g_assert_false (gtk_widget_has_css_class (get_named (GTK_WIDGET (editor), "email"), "error"));

  adw_combo_row_set_selected (ADW_COMBO_ROW (get_named (GTK_WIDGET (editor), "tier")), CD_TIER_CORE);

  g_assert_true (gtk_widget_activate (save));
  cd_test_wait_until (editor_closed, NULL, "the editor to close after saving");

  g_assert_cmpint (count_customers (fx->store, NULL), ==, 1);
  id = cd_store_query_int (fx->store, "SELECT id FROM customers", CD_NO_BIND, 0, &error);
  g_assert_no_error (error);
  saved = cd_customer_load (fx->store, id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (saved->name, ==, "张伟");
  g_assert_cmpstr (saved->organisation, ==, "北京星辰科技有限公司");
  g_assert_cmpstr (saved->email, ==, "zhang.wei@example.cn");
  g_assert_cmpstr (saved->phone, ==, "13812345678");
  g_assert_cmpint (saved->tier, ==, CD_TIER_CORE);
  g_assert_cmpint (saved->owner_id, ==, fx->me);

  wait_for_count (view, 1);
  /* The new customer is shown on its page. */
  g_assert_cmpint (cd_customer_page_get_customer_id (CD_CUSTOMER_PAGE (cd_customers_view_get_customer_page (CD_CUSTOMERS_VIEW (view)))), ==, id);
}

static void
test_editor_duplicate (Fixture       *fx,
                       gconstpointer  data)
{
  CdCustomerEditor *editor;
  CdCustomerDuplicateDialog *dialog;
  AdwMessageDialog *confirm;
  GtkWidget *view;
  CdCustomerPage *page;
  gint64 existing;

  existing = create_customer (fx->store, "Wang Fang", "13812345678", NULL, fx->me);

  view = cd_customers_view_new (fx->store);
  show_in_window (view);
  page = CD_CUSTOMER_PAGE (cd_customers_view_get_customer_page (CD_CUSTOMERS_VIEW (view)));
  wait_for_count (view, 1);

  /* The same number written another way: Open Existing. */
  editor = open_new_editor (view);
  set_field (editor, "name", "王芳");
  set_field (editor, "phone", "+86 138-1234-5678");
  cd_customer_editor_save (editor);
  cd_test_wait_until (duplicate_dialog_shown, NULL, "the duplicate dialog");
  dialog = CD_CUSTOMER_DUPLICATE_DIALOG (find_toplevel (CD_TYPE_CUSTOMER_DUPLICATE_DIALOG));
  g_assert_cmpuint (cd_customer_duplicate_dialog_get_n_matches (dialog), ==, 1);
  g_assert_cmpint (cd_customer_duplicate_dialog_get_selected_id (dialog), ==, existing);
  respond (dialog, "open");
  cd_test_wait_until (editor_closed, NULL, "the editor to close");
  g_assert_cmpint (count_customers (fx->store, NULL), ==, 1);
  g_assert_cmpint (cd_customer_page_get_customer_id (page), ==, existing);

  /* Again: Merge Into Existing, confirmed. */
  editor = open_new_editor (view);
  set_field (editor, "name", "王芳");
  set_field (editor, "phone", "138 1234 5678");
  set_field (editor, "email", "wang.fang@example.com");
  cd_customer_editor_save (editor);
  cd_test_wait_until (duplicate_dialog_shown, NULL, "the duplicate dialog");
  dialog = CD_CUSTOMER_DUPLICATE_DIALOG (find_toplevel (CD_TYPE_CUSTOMER_DUPLICATE_DIALOG));
  respond (dialog, "merge");
  drain_main_loop ();
  confirm = find_message_dialog (CD_TYPE_CUSTOMER_DUPLICATE_DIALOG);
  g_assert_nonnull (confirm);
  respond (confirm, "merge");
  cd_test_wait_until (editor_closed, NULL, "the editor to close after merging");

  /* The new record was merged into the existing one and archived. */
  g_assert_cmpint (count_customers (fx->store, "archived = 0"), ==, 1);
  g_assert_cmpint (count_customers (fx->store, "archived = 1"), ==, 1);
  {
    g_autoptr(CdCustomer) kept = cd_customer_load (fx->store, existing, NULL);
    g_assert_nonnull (kept);
    g_assert_cmpstr (kept->email, ==, "wang.fang@example.com");
  }
  wait_for_count (view, 1);
  g_assert_cmpint (cd_customer_page_get_customer_id (page), ==, existing);

  /* And Save Anyway writes a second customer. */
  editor = open_new_editor (view);
  set_field (editor, "name", "Wang Fang (second line)");
  set_field (editor, "phone", "13812345678");
  cd_customer_editor_save (editor);
  cd_test_wait_until (duplicate_dialog_shown, NULL, "the duplicate dialog");
  respond (find_toplevel (CD_TYPE_CUSTOMER_DUPLICATE_DIALOG), "save");
  cd_test_wait_until (editor_closed, NULL, "the editor to close");
  g_assert_cmpint (count_customers (fx->store, "archived = 0"), ==, 2);
  wait_for_count (view, 2);
}

/* A Chinese name is drawn with a fallback font whose lines are taller
 * than the main font's: its cell is at least that tall, or the top of
 * its characters is cut off (王 would read as 干). */
static void
test_list_chinese_cells (Fixture       *fx,
                         gconstpointer  data)
{
  g_autoptr(PangoLayout) layout = NULL;
  GtkWidget *view, *cell;
  int text_height;

  create_customer (fx->store, "王丽华", "13812345678", "wang@example.com", fx->me);
  create_customer (fx->store, "Li Lei", "13900001111", "lilei@example.com", fx->me);
  view = cd_customers_view_new (fx->store);
  show_in_window (view);
  wait_for_count (view, 2);
  gtk_test_widget_wait_for_draw (view);

  cell = cd_test_find_cell (view, "王丽华");
  g_assert_nonnull (cell);
  layout = gtk_widget_create_pango_layout (cell, "王丽华");
  pango_layout_get_pixel_size (layout, NULL, &text_height);
  g_test_message ("cell %d px, text %d px", gtk_widget_get_height (cell), text_height);
  g_assert_cmpint (gtk_widget_get_height (cell), >=, text_height);
  /* Every cell of the row takes the same height, Latin ones too (theirs
   * starts lower, on the Chinese text's baseline). */
  g_assert_cmpint (gtk_widget_get_height (cd_test_find_cell (view, "Li Lei")) +
                   gtk_widget_get_margin_top (cd_test_find_cell (view, "Li Lei")), ==,
                   gtk_widget_get_height (cell) + gtk_widget_get_margin_top (cell));
}

static gboolean
page_shows_organisation (gpointer data)
{
  return shows_label (data, "Table Tennis Ltd · General customer");
}

static gboolean
page_shows_plain_phone (gpointer data)
{
  return shows_label (data, "13812345678");
}

static void
test_list_masking (Fixture       *fx,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CdStore) rep_store = NULL;
  const CdField rep[] = {
    { "login", "rep1" },
    { "display_name", "Rep One" },
    { "role", "rep" },
    { "active", "1" },
  };
  gint64 rep_id;
  GtkWidget *view, *page;

  rep_id = cd_store_insert (fx->store, "staff", rep, G_N_ELEMENTS (rep), &error);
  g_assert_no_error (error);
  create_customer (fx->store, "Li Lei", "13812345678", "lilei@example.com", fx->me);
  create_customer (fx->store, "Han Meimei", "13900001111", "han@example.com", rep_id);

  rep_store = cd_store_open (fx->path, CD_STORE_OPEN_NO_WATCH, &error);
  g_assert_no_error (error);
  g_assert_true (cd_store_sign_in (rep_store, "rep1", NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (cd_store_get_role (rep_store), ==, CD_ROLE_REP);

  view = cd_customers_view_new (rep_store);
  show_in_window (view);
  wait_for_count (view, 2);
  gtk_test_widget_wait_for_draw (view);

  /* Someone else's customer: masked. The rep's own: plain. */
  g_assert_true (shows_label (view, "138****5678"));
  g_assert_false (shows_label (view, "13812345678"));
  g_assert_true (shows_label (view, "l*******@example.com"));
  g_assert_true (shows_label (view, "13900001111"));
  g_assert_true (shows_label (view, "han@example.com"));

  /* Opening the record shows it, once the opening is on record: until
   * then (here, while another Caredesk writes) it stays masked. */
  g_assert_true (cd_store_begin (fx->store, &error));
  cd_customers_view_open_customer (CD_CUSTOMERS_VIEW (view),
                                   cd_store_query_int (rep_store, "SELECT id FROM customers WHERE name = 'Li Lei'",
                                                       CD_NO_BIND, 0, NULL));
  page = cd_customers_view_get_customer_page (CD_CUSTOMERS_VIEW (view));
  gtk_test_widget_wait_for_draw (view);
  g_assert_false (shows_label (page, "13812345678"));
  g_assert_true (shows_label (page, "138****5678"));
  cd_store_rollback (fx->store);
  cd_test_wait_until (page_shows_plain_phone, page, "the page to show the phone once the opening is recorded");
  g_assert_cmpint (cd_store_query_int (rep_store,
                                       "SELECT count(*) FROM audit_log WHERE entity = 'customers' AND action = 'open'",
                                       CD_NO_BIND, -1, NULL), ==, 1);
}

static void
test_list_external_change (Fixture       *fx,
                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CdStore) other = NULL;
  GtkWidget *view;

  create_customer (fx->store, "Zhao Lei", "13700000000", NULL, fx->me);

  view = cd_customers_view_new (fx->store);
  show_in_window (view);
  wait_for_count (view, 1);

  other = cd_store_open (fx->path, CD_STORE_OPEN_NO_WATCH, &error);
  g_assert_no_error (error);
  g_assert_true (cd_store_sign_in (other, "tester", NULL, &error));
  g_assert_no_error (error);
  create_customer (other, "Qian Li", "13600000000", NULL, 0);

  g_assert_true (cd_store_check_external_changes (fx->store));
  wait_for_count (view, 2);
  gtk_test_widget_wait_for_draw (view);
  g_assert_true (shows_label (view, "Qian Li"));
}

static void
test_list_filter_sort (Fixture       *fx,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CdCustomer) core = cd_customer_new ();
  CdRowModel *model;
  GtkWidget *view;
  GtkColumnView *column_view;
  GListModel *columns;
  CdRow *first_row = NULL;
  gint64 core_id;

  create_customer (fx->store, "Anna Schmidt", "+49 30 1234567", "anna@example.de", fx->me);
  create_customer (fx->store, "Bo Chen", "13500000001", "bo@example.cn", 0);
  core->name = g_strdup ("Carla Rossi");
  core->tier = CD_TIER_CORE;
  core_id = cd_customer_create (fx->store, core, &error);
  g_assert_no_error (error);

  view = cd_customers_view_new (fx->store);
  show_in_window (view);
  model = CD_ROW_MODEL (cd_customers_view_get_model (CD_CUSTOMERS_VIEW (view)));
  wait_for_count (view, 3);

  /* Type to filter (the entry waits a moment before it searches). */
  gtk_editable_set_text (GTK_EDITABLE (get_named (view, "customer-search")), "bo");
  wait_for_count (view, 1);
  {
    g_autoptr(CdRow) row = g_list_model_get_item (G_LIST_MODEL (model), 0);
    g_assert_cmpstr (cd_row_get_value (row, CD_CUSTOMER_COL_NAME), ==, "Bo Chen");
  }
  /* Replacing the text empties the entry on the way: the list goes
   * straight to the new search, with no query of everyone in between. */
  cd_row_model_reset_stats (model);
  gtk_editable_set_text (GTK_EDITABLE (get_named (view, "customer-search")), "nobody like this");
  wait_for_count (view, 0);
  g_assert_cmpuint (cd_row_model_get_n_count_queries (model), ==, 1);
  gtk_test_widget_wait_for_draw (view);
  g_assert_true (shows_label (view, "No Matching Customers"));
  g_assert_true (gtk_widget_activate_action (view, "customers.clear-filters", NULL));
  wait_for_count (view, 3);

  /* Tier and owner. */
  gtk_drop_down_set_selected (GTK_DROP_DOWN (get_named (view, "tier-filter")), 1 + CD_TIER_CORE);
  wait_for_count (view, 1);
  g_assert_cmpint (cd_row_model_get_id (model, 0), ==, core_id);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (get_named (view, "tier-filter")), 0);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (get_named (view, "owner-filter")), 1 /* Me */);
  wait_for_count (view, 1);
  first_row = g_list_model_get_item (G_LIST_MODEL (model), 0);
  g_assert_cmpint (cd_row_get_int (first_row, CD_CUSTOMER_COL_OWNER_ID, 0), ==, fx->me);
  g_clear_object (&first_row);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (get_named (view, "owner-filter")), 2 /* No owner */);
  wait_for_count (view, 2);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (get_named (view, "owner-filter")), 0);
  wait_for_count (view, 3);

  /* A header sorts in SQLite. */
  column_view = GTK_COLUMN_VIEW (get_named (view, "customer-list"));
  columns = gtk_column_view_get_columns (column_view);
  gtk_column_view_sort_by_column (column_view, g_list_model_get_item (columns, 0), GTK_SORT_DESCENDING);
  g_object_unref (g_list_model_get_item (columns, 0));
  g_assert_cmpstr (cd_row_model_get_sort_column (model), ==, "name");
  g_assert_true (cd_row_model_get_sort_descending (model));
  {
    CdRow *first = g_list_model_get_item (G_LIST_MODEL (model), 0);
    g_assert_cmpstr (cd_row_get_value (first, CD_CUSTOMER_COL_NAME), ==, "Carla Rossi");
    g_object_unref (first);
  }
  {
    GtkColumnViewColumn *email = g_list_model_get_item (columns, 5);
    gtk_column_view_sort_by_column (column_view, email, GTK_SORT_ASCENDING);
    g_object_unref (email);
  }
  g_assert_cmpstr (cd_row_model_get_sort_column (model), ==, "email");
  g_assert_false (cd_row_model_get_sort_descending (model));
}

static void
test_editor_stale (Fixture       *fx,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CdStore) other = NULL;
  g_autoptr(CdCustomer) theirs = NULL;
  g_autoptr(CdCustomer) result = NULL;
  CdCustomerEditor *editor;
  GtkWidget *view;
  gint64 id;

  id = create_customer (fx->store, "Sun Yue", "13811112222", NULL, fx->me);
  view = cd_customers_view_new (fx->store);
  show_in_window (view);
  g_assert_true (gtk_widget_activate_action (view, "customers.edit", "x", id));
  editor = CD_CUSTOMER_EDITOR (find_toplevel (CD_TYPE_CUSTOMER_EDITOR));
  g_assert_nonnull (editor);
  g_assert_cmpint (cd_customer_editor_get_customer_id (editor), ==, id);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (get_named (GTK_WIDGET (editor), "name"))), ==, "Sun Yue");

  /* Someone else saves first. */
  other = cd_store_open (fx->path, CD_STORE_OPEN_NO_WATCH, &error);
  g_assert_no_error (error);
  g_assert_true (cd_store_sign_in (other, "tester", NULL, &error));
  theirs = cd_customer_load (other, id, &error);
  g_assert_no_error (error);
  g_free (theirs->organisation);
  theirs->organisation = g_strdup ("Their Company");
  g_assert_true (cd_customer_update (other, theirs, theirs->version, &error));
  g_assert_no_error (error);

  set_field (editor, "organisation", "My Company");
  cd_customer_editor_save (editor);
  cd_test_wait_until (conflict_dialog_shown, NULL, "the conflict dialog");
  g_assert_cmpuint (cd_conflict_dialog_get_n_fields (CD_CONFLICT_DIALOG (find_toplevel (CD_TYPE_CONFLICT_DIALOG))), ==, 1);
  respond (find_toplevel (CD_TYPE_CONFLICT_DIALOG), CD_CONFLICT_RESPONSE_OVERWRITE);
  cd_test_wait_until (editor_closed, NULL, "the editor to close after overwriting");

  result = cd_customer_load (fx->store, id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (result->organisation, ==, "My Company");
}

static gboolean
no_pending_writes (gpointer data)
{
  return cd_store_get_pending_writes (data) == 0;
}

static gboolean
a_pending_write (gpointer data)
{
  return cd_store_get_pending_writes (data) == 1;
}

/* While a save waits for another Caredesk's write, the editor says so,
 * cannot save twice, and finishes once the file is free. */
static void
test_editor_saving (Fixture       *fx,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CdStore) other = NULL;
  CdCustomerEditor *editor;
  GtkWidget *view, *save;

  view = cd_customers_view_new (fx->store);
  show_in_window (view);
  editor = open_new_editor (view);
  save = get_named (GTK_WIDGET (editor), "save");
  set_field (editor, "name", "Zhou Xun");

  other = cd_store_open (fx->path, CD_STORE_OPEN_NO_WATCH, &error);
  g_assert_no_error (error);
  g_assert_true (cd_store_begin (other, &error));

  /* A button activated from the keyboard clicks after a moment. */
  g_assert_true (gtk_widget_activate (save));
  cd_test_wait_until (a_pending_write, fx->store, "the save to start");
  g_assert_false (gtk_widget_is_sensitive (save));
  g_assert_true (GTK_IS_BOX (gtk_button_get_child (GTK_BUTTON (save))));
  g_assert_false (gtk_widget_is_sensitive (get_named (GTK_WIDGET (editor), "name")));
  /* Neither the shortcut nor another call saves a second time. */
  gtk_widget_activate_action (GTK_WIDGET (editor), "editor.save", NULL);
  cd_customer_editor_save (editor);
  g_assert_cmpuint (cd_store_get_pending_writes (fx->store), ==, 1);
  g_assert_nonnull (find_toplevel (CD_TYPE_CUSTOMER_EDITOR));

  cd_store_rollback (other);
  cd_test_wait_until (editor_closed, NULL, "the editor to close once saved");
  g_assert_cmpint (count_customers (fx->store, "name = 'Zhou Xun'"), ==, 1);
  wait_for_count (view, 1);
}

/* Closing the editor while its save waits for the lock gives the save
 * up: nothing is written, and nothing breaks when the wait ends. */
static void
test_editor_close_while_saving (Fixture       *fx,
                                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CdStore) other = NULL;
  CdCustomerEditor *editor;
  GtkWidget *view;

  view = cd_customers_view_new (fx->store);
  show_in_window (view);
  editor = open_new_editor (view);
  set_field (editor, "name", "Never Saved");

  other = cd_store_open (fx->path, CD_STORE_OPEN_NO_WATCH, &error);
  g_assert_no_error (error);
  g_assert_true (cd_store_begin (other, &error));

  cd_customer_editor_save (editor);
  g_assert_cmpuint (cd_store_get_pending_writes (fx->store), ==, 1);
  gtk_window_close (GTK_WINDOW (editor));
  cd_test_wait_until (editor_closed, NULL, "the editor to close");
  cd_test_wait_until (no_pending_writes, fx->store, "the save to end");
  cd_store_rollback (other);

  g_assert_cmpint (count_customers (fx->store, NULL), ==, 0);
  g_assert_null (find_message_dialog (0));
}

/* Discarding a changed form by clicking "Discard": the message dialog
 * finishes its response after the editor is gone, and neither may be
 * used after it is freed (each logged criticals). */
static void
test_editor_discard (Fixture       *fx,
                     gconstpointer  data)
{
  CdCustomerEditor *editor;
  AdwMessageDialog *confirm;
  GtkWidget *view;

  view = cd_customers_view_new (fx->store);
  show_in_window (view);
  editor = open_new_editor (view);
  set_field (editor, "name", "Never Kept");
  g_assert_true (cd_customer_editor_is_dirty (editor));

  gtk_window_close (GTK_WINDOW (editor));
  confirm = find_message_dialog (0);
  g_assert_nonnull (confirm);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (confirm));
  cd_test_click_response (confirm, "discard");
  drain_main_loop ();

  cd_test_wait_until (editor_closed, NULL, "the editor to close after discarding");
  g_assert_null (find_message_dialog (0));
  g_assert_cmpint (count_customers (fx->store, NULL), ==, 0);
}

static gboolean
customer_archived (gpointer data)
{
  Fixture *fx = data;

  return count_customers (fx->store, "archived = 1") == 1;
}

static gboolean
customer_restored (gpointer data)
{
  Fixture *fx = data;

  return count_customers (fx->store, "archived = 0") == 1;
}

/* Archive from the editor, then Undo from the toast. */
static void
test_editor_archive_undo (Fixture       *fx,
                          gconstpointer  data)
{
  CdCustomerEditor *editor;
  GtkWidget *view;
  gint64 id;

  id = create_customer (fx->store, "Qin Lan", "13811113333", NULL, fx->me);
  view = cd_customers_view_new (fx->store);
  show_in_window (view);
  wait_for_count (view, 1);

  g_assert_true (gtk_widget_activate_action (view, "customers.edit", "x", id));
  editor = CD_CUSTOMER_EDITOR (find_toplevel (CD_TYPE_CUSTOMER_EDITOR));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (editor), "editor.archive", NULL));
  /* Under way: not twice. */
  g_assert_false (gtk_widget_is_sensitive (get_named (GTK_WIDGET (editor), "archive")));
  cd_test_wait_until (editor_closed, NULL, "the editor to close after archiving");
  g_assert_true (customer_archived (fx));
  wait_for_count (view, 0);

  g_assert_true (gtk_widget_activate_action (view, "customers.restore", "x", id));
  cd_test_wait_until (customer_restored, fx, "the customer to be restored");
  wait_for_count (view, 1);
}

static void
test_editor_delete (Fixture       *fx,
                    gconstpointer  data)
{
  CdCustomerEditor *editor;
  AdwMessageDialog *confirm;
  GtkWidget *view;
  gint64 id;

  id = create_customer (fx->store, "Delete Me", NULL, NULL, fx->me);
  view = cd_customers_view_new (fx->store);
  show_in_window (view);
  wait_for_count (view, 1);

  g_assert_true (gtk_widget_activate_action (view, "customers.edit", "x", id));
  editor = CD_CUSTOMER_EDITOR (find_toplevel (CD_TYPE_CUSTOMER_EDITOR));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (editor), "editor.delete", NULL));
  confirm = find_message_dialog (0);
  g_assert_nonnull (confirm);
  respond (confirm, "delete");
  cd_test_wait_until (editor_closed, NULL, "the editor to close after deleting");
  g_assert_cmpint (count_customers (fx->store, NULL), ==, 0);
  wait_for_count (view, 0);
}

/* A customer with one complaint, opened in the Customers view: returns
 * the view, drawn once. */
static GtkWidget *
open_customer_with_complaint (Fixture *fx,
                              gint64  *id)
{
  g_autoptr(GError) error = NULL;
  GtkWidget *view;

  *id = create_customer (fx->store, "Zhou Jie", "13822223333", NULL, fx->me);
  cd_complaint_create (fx->store, *id, 0, "Late delivery", "Two weeks late.",
                       CD_SEVERITY_MAJOR, "Delivery", fx->me, &error);
  g_assert_no_error (error);

  view = cd_customers_view_new (fx->store);
  show_in_window (view);
  g_assert_true (gtk_widget_activate_action (view, "customers.open", "x", *id));
  gtk_test_widget_wait_for_draw (view);
  return view;
}

static void
test_page_history (Fixture       *fx,
                   gconstpointer  data)
{
  GtkWidget *view, *page;
  gint64 id;

  view = open_customer_with_complaint (fx, &id);
  page = cd_customers_view_get_customer_page (CD_CUSTOMERS_VIEW (view));

  g_assert_cmpint (cd_customer_page_get_customer_id (CD_CUSTOMER_PAGE (page)), ==, id);
  g_assert_cmpuint (cd_customer_page_get_n_history_rows (CD_CUSTOMER_PAGE (page)), ==, 1);
  g_assert_true (shows_label (page, "Late delivery"));
}

static guint
n_visible_columns (GtkColumnView *column_view)
{
  GListModel *columns = gtk_column_view_get_columns (column_view);
  guint n = 0;

  for (guint i = 0; i < g_list_model_get_n_items (columns); i++)
    {
      g_autoptr(GtkColumnViewColumn) column = g_list_model_get_item (columns, i);

      n += gtk_column_view_column_get_visible (column) ? 1 : 0;
    }
  return n;
}

typedef struct {
  GtkColumnView *column_view;
  GtkWidget     *list;          /* the leaflet's child that holds it */
  guint          frames;
  guint          frames_changed;
  guint          mismatched;    /* frames drawn with columns that do not fit the width */
} ColumnsWatch;

/* The columns shown at a list width: see the widths in the .ui. */
static guint
columns_for_width (int width)
{
  return width < 770 ? 3 : width < 990 ? 5 : 7;
}

static void
on_after_paint_cb (GdkFrameClock *clock,
                   ColumnsWatch  *watch)
{
  guint shown = n_visible_columns (watch->column_view);

  watch->frames++;
  if (shown != 7)
    watch->frames_changed++;
  if (shown != columns_for_width (gtk_widget_get_width (watch->list)))
    watch->mismatched++;
}

/* A list that becomes narrower (a customer opened beside it, a window
 * made smaller) drops the columns that no longer fit before its next
 * frame: it is laid out and drawn once, not drawn wide and then again
 * narrow. */
static void
test_list_columns_first_frame (Fixture       *fx,
                               gconstpointer  data)
{
  ColumnsWatch watch = { NULL, NULL, 0, 0, 0 };
  GtkWidget *view, *window;
  GdkFrameClock *clock;
  guint before;
  gulong handler;
  gint64 id;

  id = create_customer (fx->store, "Zhou Jie", "13822223333", NULL, fx->me);
  view = cd_customers_view_new (fx->store);
  window = show_in_window (view);
  drain_main_loop ();
  watch.column_view = GTK_COLUMN_VIEW (cd_test_find_by_type (view, GTK_TYPE_COLUMN_VIEW));
  g_assert_nonnull (watch.column_view);
  for (watch.list = GTK_WIDGET (watch.column_view);
       !ADW_IS_LEAFLET (gtk_widget_get_parent (watch.list));
       watch.list = gtk_widget_get_parent (watch.list))
    ;
  before = n_visible_columns (watch.column_view);
  g_assert_cmpuint (before, ==, 7);

  clock = gtk_widget_get_frame_clock (window);
  handler = g_signal_connect (clock, "after-paint", G_CALLBACK (on_after_paint_cb), &watch);
  gtk_window_set_default_size (GTK_WINDOW (window), 600, 700);
  cd_test_wait_for (watch.frames_changed > 0);
  drain_main_loop ();
  gtk_test_widget_wait_for_draw (window);
  g_signal_handler_disconnect (clock, handler);

  /* Fewer columns fit (else this tests nothing), and no frame showed
   * the columns of another width than its own. */
  g_assert_cmpuint (n_visible_columns (watch.column_view), ==, 3);
  g_assert_cmpuint (watch.mismatched, ==, 0);

  /* A customer opened in the narrow window covers the list: the folded
   * leaflet gives the hidden list another width, and its columns stay
   * as they are rather than be laid out for nothing. */
  g_assert_true (gtk_widget_activate_action (view, "customers.open", "x", id));
  drain_main_loop ();
  gtk_test_widget_wait_for_draw (window);
  g_assert_true (adw_leaflet_get_folded (ADW_LEAFLET (cd_test_find_by_type (view, ADW_TYPE_LEAFLET))));
  g_assert_cmpuint (n_visible_columns (watch.column_view), ==, 3);
}

/* A history line's tooltip shows its whole text, asked for when the
 * pointer rests on it: no tooltip text is set as the history fills
 * (which would ask the display where the pointer is, once a label). */
static void
test_page_history_tooltips (Fixture       *fx,
                            gconstpointer  data)
{
  GtkWidget *view, *page, *row;
  guint n_labels = 0;
  gint64 id;

  view = open_customer_with_complaint (fx, &id);
  page = cd_customers_view_get_customer_page (CD_CUSTOMERS_VIEW (view));

  row = gtk_widget_get_first_child (get_named (page, "history"));
  g_assert_nonnull (row);
  for (GtkWidget *label = cd_test_find_by_type (row, GTK_TYPE_LABEL);
       label != NULL;
       label = gtk_widget_get_next_sibling (label))
    {
      g_assert_true (GTK_IS_LABEL (label));
      g_assert_true (gtk_widget_get_has_tooltip (label));
      g_assert_null (gtk_widget_get_tooltip_text (label));
      g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (label)), !=, "");
      n_labels++;
    }
  g_assert_cmpuint (n_labels, ==, 2);
}

typedef struct {
  CdCustomerPage *page;
  guint           n;
} RowsWait;

static gboolean
page_has_rows (gpointer data)
{
  RowsWait *wait = data;

  return cd_customer_page_get_n_history_rows (wait->page) == wait->n;
}

static GtkWidget *
first_history_row (GtkWidget *page)
{
  return gtk_widget_get_first_child (get_named (page, "history"));
}

static gint64
add_ticket (CdStore *store,
            gint64   customer_id)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *cid = g_strdup_printf ("%" G_GINT64_FORMAT, customer_id);
  const CdField fields[] = { { "customer_id", cid }, { "subject", "Printer on fire" } };
  gint64 id = cd_store_insert (store, "tickets", fields, G_N_ELEMENTS (fields), &error);

  g_assert_no_error (error);
  return id;
}

/* The page reads its customer again when the customer, or its tickets,
 * complaints or follow-ups change, here or in another Caredesk, and not
 * for other customers' records. */
static void
test_page_follows_changes (Fixture       *fx,
                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CdStore) other = NULL;
  GtkWidget *view, *page, *row;
  RowsWait wait;
  gint64 mine, theirs;

  mine = create_customer (fx->store, "Ma Lin", NULL, NULL, fx->me);
  theirs = create_customer (fx->store, "Someone Else", NULL, NULL, fx->me);
  cd_complaint_create (fx->store, mine, 0, "Late delivery", NULL, CD_SEVERITY_MINOR, NULL, fx->me, &error);
  g_assert_no_error (error);

  view = cd_customers_view_new (fx->store);
  show_in_window (view);
  g_assert_true (gtk_widget_activate_action (view, "customers.open", "x", mine));
  page = cd_customers_view_get_customer_page (CD_CUSTOMERS_VIEW (view));
  wait = (RowsWait) { CD_CUSTOMER_PAGE (page), 1 };
  cd_test_wait_until (page_has_rows, &wait, "the history");
  row = first_history_row (page);
  g_assert_nonnull (row);
  g_object_set_data (G_OBJECT (row), "cd-test-mark", GINT_TO_POINTER (1));

  /* Another customer's ticket: the rows stay as they are. */
  add_ticket (fx->store, theirs);
  drain_main_loop ();
  row = first_history_row (page);
  g_assert_nonnull (row);
  g_assert_nonnull (g_object_get_data (G_OBJECT (row), "cd-test-mark"));

  /* One of theirs here, and one from another Caredesk. */
  add_ticket (fx->store, mine);
  wait = (RowsWait) { CD_CUSTOMER_PAGE (page), 2 };
  cd_test_wait_until (page_has_rows, &wait, "the new ticket in the history");

  other = cd_store_open (fx->path, CD_STORE_OPEN_NO_WATCH, &error);
  g_assert_no_error (error);
  g_assert_true (cd_store_sign_in (other, "tester", NULL, &error));
  add_ticket (other, mine);
  g_assert_true (cd_store_check_external_changes (fx->store));
  wait = (RowsWait) { CD_CUSTOMER_PAGE (page), 3 };
  cd_test_wait_until (page_has_rows, &wait, "another Caredesk's ticket in the history");

  /* The customer itself. */
  {
    g_autoptr(CdCustomer) customer = cd_customer_load (other, mine, &error);

    g_free (customer->organisation);
    customer->organisation = g_strdup ("Table Tennis Ltd");
    g_assert_true (cd_customer_update (other, customer, customer->version, &error));
    g_assert_no_error (error);
  }
  g_assert_true (cd_store_check_external_changes (fx->store));
  cd_test_wait_until (page_shows_organisation, page, "the new organisation on the page");
}

/* Every text of the widgets shown (or to be shown in the next frame). */
static void
collect_visible_texts (GtkWidget *widget,
                       GString   *texts)
{
  if (!gtk_widget_get_visible (widget))
    return;
  if (GTK_IS_STACK (widget))
    {
      GtkWidget *child = gtk_stack_get_visible_child (GTK_STACK (widget));

      if (child != NULL)
        collect_visible_texts (child, texts);
      return;
    }
  if (GTK_IS_LABEL (widget))
    g_string_append_printf (texts, "%s\n", gtk_label_get_text (GTK_LABEL (widget)));
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_visible_texts (child, texts);
}

static void
update_organisation (CdStore    *store,
                     gint64      id,
                     const char *organisation,
                     const char *notes)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CdCustomer) customer = cd_customer_load (store, id, &error);

  g_assert_no_error (error);
  g_free (customer->organisation);
  customer->organisation = g_strdup (organisation);
  if (notes != NULL)
    {
      g_free (customer->notes);
      customer->notes = g_strdup (notes);
    }
  g_assert_true (cd_customer_update (store, customer, customer->version, &error));
  g_assert_no_error (error);
}

static gboolean
page_shows_text (gpointer data)
{
  GtkWidget *page = data;
  const char *text = g_object_get_data (G_OBJECT (page), "cd-test-text");

  return shows_label (page, text);
}

/* The page is made once and shows every customer opened after that: the
 * second one shows only its own details and history, from the same call
 * on (no frame shows the first one's), at the top, and the page follows
 * changes of the second customer, not of the first. */
static void
test_page_rebind (Fixture       *fx,
                  gconstpointer  data)
{
  const char *first_texts[] = {
    "Alice Able", "13811110000", "alice@example.com", "Kettles Inc · General customer",
    "Remember the kettle", "Broken kettle", "Second kettle",
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) texts = g_string_new (NULL);
  GtkWidget *view, *page, *first_page;
  GtkAdjustment *adjustment;
  gint64 a, b;

  a = create_customer (fx->store, "Alice Able", "13811110000", "alice@example.com", fx->me);
  update_organisation (fx->store, a, "Kettles Inc", "Remember the kettle");
  cd_complaint_create (fx->store, a, 0, "Broken kettle", NULL, CD_SEVERITY_MAJOR, NULL, fx->me, &error);
  g_assert_no_error (error);
  cd_complaint_create (fx->store, a, 0, "Second kettle", NULL, CD_SEVERITY_MINOR, NULL, fx->me, &error);
  g_assert_no_error (error);
  b = create_customer (fx->store, "Bob Baker", "13922220000", NULL, fx->me);
  cd_complaint_create (fx->store, b, 0, "Late parcel", NULL, CD_SEVERITY_MINOR, NULL, fx->me, &error);
  g_assert_no_error (error);

  view = cd_customers_view_new (fx->store);
  gtk_window_set_default_size (GTK_WINDOW (show_in_window (view)), 1100, 300);
  g_assert_true (gtk_widget_activate_action (view, "customers.open", "x", a));
  page = cd_customers_view_get_customer_page (CD_CUSTOMERS_VIEW (view));
  gtk_test_widget_wait_for_draw (view);
  g_assert_true (shows_label (page, "Alice Able"));
  g_assert_cmpuint (cd_customer_page_get_n_history_rows (CD_CUSTOMER_PAGE (page)), ==, 2);
  adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (
    gtk_widget_get_ancestor (get_named (page, "history"), GTK_TYPE_SCROLLED_WINDOW)));
  gtk_adjustment_set_value (adjustment, gtk_adjustment_get_upper (adjustment));
  g_assert_cmpfloat (gtk_adjustment_get_value (adjustment), >, 0);
  first_page = page;

  /* Before any frame is drawn. */
  g_assert_true (gtk_widget_activate_action (view, "customers.open", "x", b));
  page = cd_customers_view_get_customer_page (CD_CUSTOMERS_VIEW (view));
  g_assert_true (page == first_page);
  g_assert_cmpint (cd_customer_page_get_customer_id (CD_CUSTOMER_PAGE (page)), ==, b);
  g_assert_cmpuint (cd_customer_page_get_n_history_rows (CD_CUSTOMER_PAGE (page)), ==, 1);
  g_assert_cmpfloat (gtk_adjustment_get_value (adjustment), ==, 0);
  collect_visible_texts (page, texts);
  g_assert_nonnull (strstr (texts->str, "Bob Baker"));
  g_assert_nonnull (strstr (texts->str, "13922220000"));
  g_assert_nonnull (strstr (texts->str, "Late parcel"));
  for (guint i = 0; i < G_N_ELEMENTS (first_texts); i++)
    if (strstr (texts->str, first_texts[i]) != NULL)
      g_error ("The page shows “%s” of the customer opened before:\n%s", first_texts[i], texts->str);

  /* And drawn. */
  gtk_test_widget_wait_for_draw (view);
  g_assert_true (shows_label (page, "Bob Baker"));
  g_assert_true (shows_label (page, "Late parcel"));
  for (guint i = 0; i < G_N_ELEMENTS (first_texts); i++)
    g_assert_false (shows_label (page, first_texts[i]));

  /* The first customer's changes no longer show here; the second's do. */
  update_organisation (fx->store, a, "Teapots Ltd", NULL);
  drain_main_loop ();
  g_assert_false (shows_label (page, "Teapots Ltd · General customer"));
  g_assert_true (shows_label (page, "Bob Baker"));
  update_organisation (fx->store, b, "Parcels Ltd", NULL);
  g_object_set_data (G_OBJECT (page), "cd-test-text", (gpointer) "Parcels Ltd · General customer");
  cd_test_wait_until (page_shows_text, page, "the second customer's new organisation");
  g_assert_cmpuint (cd_customer_page_get_n_history_rows (CD_CUSTOMER_PAGE (page)), ==, 1);
}

/* Account owner requests: a rep asks from the customer's page (the
 * editor does not let them change the owner); a lead's page shows the
 * request and approves it; the rep's page then offers to ask again. */

static GtkWidget *
find_button_labelled (GtkWidget  *root,
                      const char *label)
{
  if (GTK_IS_BUTTON (root) && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (root)), label) == 0 &&
      gtk_widget_is_sensitive (root))
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_button_labelled (child, label);
      if (found != NULL)
        return found;
    }
  return NULL;
}

static gint64
owner_of (CdStore *store,
          gint64   id)
{
  g_autoptr(GError) error = NULL;
  gint64 owner = cd_store_query_int (store, "SELECT ifnull(owner_id, 0) FROM customers WHERE id = ?", id, -1, &error);

  g_assert_no_error (error);
  return owner;
}

static void
test_page_owner_request (Fixture       *fx,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CdStore) rep = NULL;
  const CdField rep_fields[] = { { "login", "rep1" }, { "display_name", "Li Na" }, { "role", "rep" } };
  gint64 rep_id, id;
  GtkWidget *rep_page, *lead_page, *rep_group, *lead_group, *button;
  AdwMessageDialog *dialog;

  rep_id = cd_store_insert (fx->store, "staff", rep_fields, G_N_ELEMENTS (rep_fields), &error);
  g_assert_no_error (error);
  id = create_customer (fx->store, "Chen Jie", "13800138000", NULL, 0);

  rep = cd_store_open (fx->path, CD_STORE_OPEN_NO_WATCH, &error);
  g_assert_no_error (error);
  g_assert_true (cd_store_sign_in (rep, "rep1", NULL, &error));

  /* The rep's editor shows the owner, but does not let them change it. */
  {
    CdCustomerEditor *editor = cd_customer_editor_new (rep, id);

    gtk_window_present (GTK_WINDOW (editor));
    g_assert_false (gtk_widget_get_sensitive (get_named (GTK_WIDGET (editor), "owner")));
    gtk_window_destroy (GTK_WINDOW (editor));
  }

  rep_page = GTK_WIDGET (cd_customer_page_new (rep));
  show_in_window (rep_page);
  g_assert_true (cd_customer_page_load (CD_CUSTOMER_PAGE (rep_page), id, &error));
  rep_group = get_named (rep_page, "owner-requests");
  g_assert_true (gtk_widget_get_visible (rep_group));
  g_assert_cmpuint (cd_owner_requests_group_get_n_rows (CD_OWNER_REQUESTS_GROUP (rep_group)), ==, 1);

  /* Asking: the dialog proposes the rep, and the request is saved. */
  button = find_button_labelled (rep_group, "_Ask…");
  g_assert_nonnull (button);
  g_signal_emit_by_name (button, "clicked");
  dialog = find_message_dialog (0);
  g_assert_nonnull (dialog);
  respond (dialog, "ask");
  cd_test_wait_for (find_button_labelled (rep_group, "_Withdraw") != NULL);
  g_assert_cmpint (cd_store_query_int (fx->store, "SELECT count(*) FROM customer_owner_requests"
                                       " WHERE status = 'open' AND owner_id = ?", rep_id, -1, NULL), ==, 1);

  /* The lead's page shows it after the poll, and approves it. */
  lead_page = GTK_WIDGET (cd_customer_page_new (fx->store));
  show_in_window (lead_page);
  g_assert_true (cd_customer_page_load (CD_CUSTOMER_PAGE (lead_page), id, &error));
  lead_group = get_named (lead_page, "owner-requests");
  /* (Its own poll may have seen it already.) */
  cd_store_check_external_changes (fx->store);
  cd_test_wait_for (find_button_labelled (lead_group, "A_pprove") != NULL);
  g_assert_null (find_button_labelled (lead_group, "_Ask…"));
  g_signal_emit_by_name (find_button_labelled (lead_group, "A_pprove"), "clicked");
  cd_test_wait_for (!gtk_widget_get_visible (lead_group));
  g_assert_cmpint (owner_of (fx->store, id), ==, rep_id);

  /* The rep's page learns it from the file: no request open, and they
   * may ask again. */
  g_assert_true (cd_store_check_external_changes (rep));
  cd_test_wait_for (find_button_labelled (rep_group, "_Ask…") != NULL);
  g_assert_null (find_button_labelled (rep_group, "_Withdraw"));
}

/* Dates are written as everywhere else in Caredesk (cd-datetime.h). */
static void
test_dates (Fixture       *fx,
            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 contact = cd_store_now (fx->store) - 400 * 24 * 3600;
  g_autofree char *contact_text = g_strdup_printf ("%" G_GINT64_FORMAT, contact);
  const CdField fields[] = { { "last_contact_at", contact_text } };
  g_autofree char *in_list = cd_datetime_format_short (contact, cd_store_now (fx->store));
  g_autofree char *on_page = cd_datetime_format_date (contact);
  GtkWidget *view, *page;
  gint64 id;

  id = create_customer (fx->store, "Long Ago", NULL, NULL, fx->me);
  g_assert_true (cd_store_update (fx->store, "customers", id, 0, fields, G_N_ELEMENTS (fields), &error));
  g_assert_no_error (error);

  view = cd_customers_view_new (fx->store);
  show_in_window (view);
  wait_for_count (view, 1);
  gtk_test_widget_wait_for_draw (view);
  g_assert_true (shows_label (view, in_list));

  cd_customers_view_open_customer (CD_CUSTOMERS_VIEW (view), id);
  page = cd_customers_view_get_customer_page (CD_CUSTOMERS_VIEW (view));
  gtk_test_widget_wait_for_draw (view);
  g_assert_true (shows_label (page, on_page));
}

static gboolean
list_shows_renamed (gpointer data)
{
  return shows_label (data, "Renamed Person");
}

/* The owners' names in the list and in the owner filter follow the
 * staff list. */
static void
test_list_follows_staff (Fixture       *fx,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  const CdField renamed[] = { { "display_name", "Renamed Person" } };
  GtkDropDown *owners;
  GtkStringObject *last;
  GtkWidget *view;

  create_customer (fx->store, "Owned", NULL, NULL, fx->me);
  view = cd_customers_view_new (fx->store);
  show_in_window (view);
  wait_for_count (view, 1);
  owners = GTK_DROP_DOWN (get_named (view, "owner-filter"));
  gtk_drop_down_set_selected (owners, 3 /* the first person */);
  wait_for_count (view, 1);

  g_assert_true (cd_store_update (fx->store, "staff", fx->me, 0, renamed, G_N_ELEMENTS (renamed), &error));
  g_assert_no_error (error);
  cd_test_wait_until (list_shows_renamed, view, "the owner's new name in the list");

  last = g_list_model_get_item (gtk_drop_down_get_model (owners), 3);
  g_assert_cmpstr (gtk_string_object_get_string (last), ==, "Renamed Person");
  g_object_unref (last);
  /* Still filtered by the same person. */
  g_assert_cmpuint (gtk_drop_down_get_selected (owners), ==, 3);
  wait_for_count (view, 1);
}

typedef struct {
  CdImportDialog *dialog;
  const char             *step;
} StepWait;

static gboolean
dialog_at_step (gpointer data)
{
  StepWait *wait = data;

  return g_str_equal (cd_import_dialog_get_step (wait->dialog), wait->step);
}

static void
on_imported_cb (CdImportDialog *dialog,
                guint                   n,
                guint                  *result)
{
  *result = n;
}

static gboolean
imported_set (gpointer data)
{
  return *(guint *) data != G_MAXUINT;
}

static void
test_import (Fixture       *fx,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *csv_path = g_build_filename (fx->dir, "customers.csv", NULL);
  /* A byte-order mark, semicolons, a quoted field with a line break and a
   * quote, and one bad line (line 5, after the two-line record). */
  const char csv[] =
    "\xEF\xBB\xBF" "姓名;Organisation;Phone;E-mail;Notes\r\n"
    "刘洋;\"Acme; Ltd\";+86 139 0000 1111;liu@example.com;\"Met at the fair.\r\nSays \"\"hi\"\".\"\r\n"
    "Maria Lopez;;+34 612 345 678;maria@example.es;\r\n"
    "Broken Email;;;not-an-address;\r\n"
    "Kenji Sato;Sato Shoji;090-1234-5678;;\r\n";
  CdImportDialog *dialog;
  GtkListView *rejections;
  GListModel *rejection_model;
  StepWait wait;
  guint imported = G_MAXUINT;
  GtkWidget *view;

  g_assert_true (g_file_set_contents (csv_path, csv, sizeof csv - 1, &error));
  g_assert_no_error (error);

  view = cd_customers_view_new (fx->store);
  show_in_window (view);
  g_assert_true (gtk_widget_activate_action (view, "customers.import", NULL));
  dialog = CD_IMPORT_DIALOG (find_toplevel (CD_TYPE_IMPORT_DIALOG));
  g_assert_nonnull (dialog);
  g_signal_connect (dialog, "imported", G_CALLBACK (on_imported_cb), &imported);

  cd_import_dialog_set_path (dialog, csv_path);
  wait = (StepWait) { dialog, "preview" };
  cd_test_wait_until (dialog_at_step, &wait, "the preview");
  g_assert_false (gtk_widget_is_visible (get_named (GTK_WIDGET (dialog), "mapping-message")));
  g_assert_true (g_str_has_prefix (gtk_label_get_text (GTK_LABEL (get_named (GTK_WIDGET (dialog), "format"))),
                                   "Separated by semicolons"));

  /* Check first: nothing is written. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "import.check", NULL));
  wait = (StepWait) { dialog, "report" };
  cd_test_wait_until (dialog_at_step, &wait, "the check's report");
  g_assert_cmpint (count_customers (fx->store, NULL), ==, 0);
  rejections = GTK_LIST_VIEW (get_named (GTK_WIDGET (dialog), "rejections"));
  rejection_model = G_LIST_MODEL (gtk_list_view_get_model (rejections));
  g_assert_cmpuint (g_list_model_get_n_items (rejection_model), ==, 1);
  {
    GtkStringObject *line = g_list_model_get_item (rejection_model, 0);
    g_assert_nonnull (strstr (gtk_string_object_get_string (line), "5"));
    g_object_unref (line);
  }

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "import.import", NULL));
  cd_test_wait_until (imported_set, &imported, "the import");
  g_assert_cmpuint (imported, ==, 3);
  g_assert_cmpint (count_customers (fx->store, NULL), ==, 3);
  wait_for_count (view, 3);
  {
    g_autoptr(CdCustomer) liu = NULL;
    gint64 id = cd_store_query_int (fx->store, "SELECT id FROM customers WHERE name = '刘洋'", CD_NO_BIND, 0, NULL);
    liu = cd_customer_load (fx->store, id, &error);
    g_assert_no_error (error);
    g_assert_cmpstr (liu->organisation, ==, "Acme; Ltd");
    g_assert_nonnull (strstr (liu->notes, "Says \"hi\"."));
  }
}

static gboolean
export_recorded (gpointer data)
{
  CdStore *store = data;

  return cd_store_query_int (store, "SELECT count(*) FROM audit_log WHERE entity = 'customers' AND action = 'export'",
                             CD_NO_BIND, 0, NULL) > 0;
}

static gboolean
file_exists (gpointer data)
{
  return g_file_test (data, G_FILE_TEST_EXISTS);
}

static void
test_list_export (Fixture       *fx,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *csv_path = g_build_filename (fx->dir, "export.csv", NULL);
  g_autofree char *contents = NULL;
  GtkWidget *view;

  create_customer (fx->store, "Anna Schmidt", "+49 30 1234567", "anna@example.de", fx->me);
  create_customer (fx->store, "Bo Chen", "13500000001", "bo@example.cn", fx->me);

  view = cd_customers_view_new (fx->store);
  show_in_window (view);
  wait_for_count (view, 2);

  /* What the list shows, filtered: one customer. */
  gtk_editable_set_text (GTK_EDITABLE (get_named (view, "customer-search")), "anna");
  wait_for_count (view, 1);
  cd_customers_view_export (CD_CUSTOMERS_VIEW (view), csv_path);
  cd_test_wait_until (file_exists, csv_path, "the exported file");
  cd_test_wait_until (export_recorded, fx->store, "the export in the audit log");

  g_assert_true (g_file_get_contents (csv_path, &contents, NULL, &error));
  g_assert_no_error (error);
  g_assert_nonnull (strstr (contents, "Anna Schmidt"));
  g_assert_null (strstr (contents, "Bo Chen"));
}

static void
test_import_cancel (Fixture       *fx,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *csv_path = g_build_filename (fx->dir, "many.csv", NULL);
  g_autoptr(GString) csv = g_string_new ("Name,Phone,Email\n");
  CdImportDialog *dialog;
  StepWait wait;
  guint imported = G_MAXUINT;
  GtkWidget *view;

  for (guint i = 0; i < 5000; i++)
    g_string_append_printf (csv, "Customer %u,139%08u,c%u@example.com\n", i, i, i);
  g_assert_true (g_file_set_contents (csv_path, csv->str, (gssize) csv->len, &error));
  g_assert_no_error (error);

  view = cd_customers_view_new (fx->store);
  show_in_window (view);
  g_assert_true (gtk_widget_activate_action (view, "customers.import", NULL));
  dialog = CD_IMPORT_DIALOG (find_toplevel (CD_TYPE_IMPORT_DIALOG));
  g_signal_connect (dialog, "imported", G_CALLBACK (on_imported_cb), &imported);
  cd_import_dialog_set_path (dialog, csv_path);
  wait = (StepWait) { dialog, "preview" };
  cd_test_wait_until (dialog_at_step, &wait, "the preview");

  /* Import, and cancel at once: the dialog goes back to the preview and
   * nothing is written. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "import.import", NULL));
  g_assert_cmpstr (cd_import_dialog_get_step (dialog), ==, "progress");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "import.cancel", NULL));
  wait = (StepWait) { dialog, "preview" };
  cd_test_wait_until (dialog_at_step, &wait, "the cancelled import");

  g_assert_cmpuint (imported, ==, G_MAXUINT);
  g_assert_cmpint (count_customers (fx->store, NULL), ==, 0);
  g_assert_true (gtk_widget_is_visible (get_named (GTK_WIDGET (dialog), "mapping-message")));
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add ("/gui/customers/editor/create", Fixture, NULL,
              fixture_set_up, test_editor_create, fixture_tear_down);
  g_test_add ("/gui/customers/editor/duplicate", Fixture, NULL,
              fixture_set_up, test_editor_duplicate, fixture_tear_down);
  g_test_add ("/gui/customers/editor/discard", Fixture, NULL,
              fixture_set_up, test_editor_discard, fixture_tear_down);
  g_test_add ("/gui/customers/editor/stale", Fixture, NULL,
              fixture_set_up, test_editor_stale, fixture_tear_down);
  g_test_add ("/gui/customers/editor/saving", Fixture, NULL,
              fixture_set_up, test_editor_saving, fixture_tear_down);
  g_test_add ("/gui/customers/editor/close-while-saving", Fixture, NULL,
              fixture_set_up, test_editor_close_while_saving, fixture_tear_down);
  g_test_add ("/gui/customers/editor/archive-undo", Fixture, NULL,
              fixture_set_up, test_editor_archive_undo, fixture_tear_down);
  g_test_add ("/gui/customers/editor/delete", Fixture, NULL,
              fixture_set_up, test_editor_delete, fixture_tear_down);
  g_test_add ("/gui/customers/list/columns-first-frame", Fixture, NULL,
              fixture_set_up, test_list_columns_first_frame, fixture_tear_down);
  g_test_add ("/gui/customers/page/history-tooltips", Fixture, NULL,
              fixture_set_up, test_page_history_tooltips, fixture_tear_down);
  g_test_add ("/gui/customers/list/masking", Fixture, NULL,
              fixture_set_up, test_list_masking, fixture_tear_down);
  g_test_add ("/gui/customers/list/chinese-cells", Fixture, NULL,
              fixture_set_up, test_list_chinese_cells, fixture_tear_down);
  g_test_add ("/gui/customers/list/external-change", Fixture, NULL,
              fixture_set_up, test_list_external_change, fixture_tear_down);
  g_test_add ("/gui/customers/list/filter-sort", Fixture, NULL,
              fixture_set_up, test_list_filter_sort, fixture_tear_down);
  g_test_add ("/gui/customers/list/export", Fixture, NULL,
              fixture_set_up, test_list_export, fixture_tear_down);
  g_test_add ("/gui/customers/page/history", Fixture, NULL,
              fixture_set_up, test_page_history, fixture_tear_down);
  g_test_add ("/gui/customers/page/rebind", Fixture, NULL,
              fixture_set_up, test_page_rebind, fixture_tear_down);
  g_test_add ("/gui/customers/page/follows-changes", Fixture, NULL,
              fixture_set_up, test_page_follows_changes, fixture_tear_down);
  g_test_add ("/gui/customers/page/owner-request", Fixture, NULL,
              fixture_set_up, test_page_owner_request, fixture_tear_down);
  g_test_add ("/gui/customers/list/dates", Fixture, NULL,
              fixture_set_up, test_dates, fixture_tear_down);
  g_test_add ("/gui/customers/list/follows-staff", Fixture, NULL,
              fixture_set_up, test_list_follows_staff, fixture_tear_down);
  g_test_add ("/gui/customers/import/check-and-import", Fixture, NULL,
              fixture_set_up, test_import, fixture_tear_down);
  g_test_add ("/gui/customers/import/cancel", Fixture, NULL,
              fixture_set_up, test_import_cancel, fixture_tear_down);

  return g_test_run ();
}
