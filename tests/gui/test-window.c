/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "caredesk-test"

#include "config.h"

#include <locale.h>
#include <math.h>
#include <string.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <adwaita.h>

#include "cd-store.h"
#include "cd-complaints.h"
#include "cd-customers.h"
#include "cd-demo.h"
#include "cd-customer-page.h"
#include "cd-customers-view.h"
#include "cd-ticket-editor.h"
#include "cd-ticket-page.h"
#include "cd-tickets.h"
#include "cd-tickets-view.h"
#include "cd-gui-test-util.h"

#include "cd-saving-indicator.h"
#include "cd-window.h"
#include "cd-application.h"
#include "cd-store-private.h"

/* A frame every 100 ms at the least while a save waits: the target of the
 * real build. Under AddressSanitizer every allocation costs several times
 * as much, so the same code gets three times the time there; the gcc run
 * of the test command holds it to the target. */
#if defined(__SANITIZE_ADDRESS__)
#define LONGEST_TICK_US (300 * 1000)
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define LONGEST_TICK_US (300 * 1000)
#endif
#endif
#ifndef LONGEST_TICK_US
#define LONGEST_TICK_US (100 * 1000)
#endif

typedef struct {
  char      *dir;
  char      *path;
  GSettings *settings;
} Fixture;

static const struct {
  const char *view;
  const char *label;
} expected_rows[] = {
  { CD_VIEW_OVERVIEW, "Overview" },
  { CD_VIEW_CUSTOMERS, "Customers" },
  { CD_VIEW_TICKETS, "Tickets" },
  { CD_VIEW_COMPLAINTS, "Complaints & follow-ups" },
  { CD_VIEW_TRAINING, "Training" },
  { CD_VIEW_KNOWLEDGE, "Knowledge Base" },
};

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;

  fixture->dir = g_dir_make_tmp ("caredesk-gui-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->path = g_build_filename (fixture->dir, "team.caredesk", NULL);

  /* GSETTINGS_BACKEND=memory: every test starts from the defaults. */
  fixture->settings = g_settings_new (APP_ID);
  g_settings_reset (fixture->settings, "last-view");
  g_settings_reset (fixture->settings, "window-width");
  g_settings_reset (fixture->settings, "window-height");
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  user_data)
{
  g_autoptr(GDir) dir = g_dir_open (fixture->dir, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (fixture->dir, name, NULL);

      g_assert_cmpint (g_remove (path), ==, 0);
    }
  g_assert_cmpint (g_rmdir (fixture->dir), ==, 0);

  g_clear_object (&fixture->settings);
  g_free (fixture->path);
  g_free (fixture->dir);
}

static CdStore *
open_signed_in (const char       *path,
                CdStoreOpenFlags  flags,
                const char       *login,
                const char       *name)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CdStore) store = cd_store_open (path, flags, &error);

  g_assert_no_error (error);
  g_assert_nonnull (store);

  cd_store_sign_in (store, login, name, &error);
  g_assert_no_error (error);
  g_assert_cmpint (cd_store_get_staff_id (store), >, 0);

  return g_steal_pointer (&store);
}

/* Widget tree helpers ------------------------------------------------------ */

typedef gboolean (*WidgetMatch) (GtkWidget *widget, gconstpointer data);

static GtkWidget *
find_widget (GtkWidget     *root,
             WidgetMatch    match,
             gconstpointer  data)
{
  if (match (root, data))
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_widget (child, match, data);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static gboolean
match_name (GtkWidget     *widget,
            gconstpointer  data)
{
  return g_strcmp0 (gtk_widget_get_name (widget), data) == 0;
}

static gboolean
match_label (GtkWidget     *widget,
             gconstpointer  data)
{
  return GTK_IS_LABEL (widget) && g_strcmp0 (gtk_label_get_label (GTK_LABEL (widget)), data) == 0;
}

static gboolean
match_stack_with_page (GtkWidget     *widget,
                       gconstpointer  data)
{
  return GTK_IS_STACK (widget) && gtk_stack_get_child_by_name (GTK_STACK (widget), data) != NULL;
}

static gboolean
match_status_title (GtkWidget     *widget,
                    gconstpointer  data)
{
  return ADW_IS_STATUS_PAGE (widget) &&
         g_strcmp0 (adw_status_page_get_title (ADW_STATUS_PAGE (widget)), data) == 0;
}

static gboolean
match_mapped_title_subtitle (GtkWidget     *widget,
                             gconstpointer  data)
{
  return ADW_IS_WINDOW_TITLE (widget) && gtk_widget_get_mapped (widget) &&
         g_strcmp0 (adw_window_title_get_subtitle (ADW_WINDOW_TITLE (widget)), data) == 0;
}

static gboolean
match_mapped_title (GtkWidget     *widget,
                    gconstpointer  data)
{
  return ADW_IS_WINDOW_TITLE (widget) && gtk_widget_get_mapped (widget) &&
         g_strcmp0 (adw_window_title_get_title (ADW_WINDOW_TITLE (widget)), data) == 0;
}

static gboolean
match_mapped_menu_button (GtkWidget     *widget,
                          gconstpointer  data)
{
  return GTK_IS_MENU_BUTTON (widget) && gtk_widget_get_mapped (widget);
}

static gboolean
match_button_action (GtkWidget     *widget,
                     gconstpointer  data)
{
  return GTK_IS_BUTTON (widget) &&
         g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (widget)), data) == 0;
}

/* The complaints view is built just after the window's first frame. */
static CdComplaintsView *
wait_for_complaints_view (CdWindow *window)
{
  cd_test_wait_for (cd_window_get_complaints_view (window) != NULL);

  return cd_window_get_complaints_view (window);
}

static CdWindow *
show_window (Fixture *fixture,
             CdStore *store)
{
  CdWindow *window = cd_window_new (NULL, fixture->settings);

  gtk_window_set_default_size (GTK_WINDOW (window), 1100, 720);
  if (store != NULL)
    cd_window_set_store (window, store);
  gtk_window_present (GTK_WINDOW (window));
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));

  return window;
}

static const char *
main_page (CdWindow *window)
{
  GtkWidget *stack = find_widget (GTK_WIDGET (window), match_stack_with_page, "unknown-user");

  g_assert_nonnull (stack);
  return gtk_stack_get_visible_child_name (GTK_STACK (stack));
}

/* Tests -------------------------------------------------------------------- */

static void
test_navigation (Fixture       *fixture,
                 gconstpointer  user_data)
{
  g_autoptr(CdStore) store = open_signed_in (fixture->path, CD_STORE_OPEN_CREATE,
                                             g_get_user_name (), "Test Person");
  CdWindow *window = show_window (fixture, store);
  GtkWidget *list = find_widget (GTK_WIDGET (window), match_name, "navigation");
  GtkWidget *stack = find_widget (GTK_WIDGET (window), match_name, "views");
  GtkWidget *row;
  guint n_rows = 0;

  g_assert_cmpstr (main_page (window), ==, "main");
  g_assert_true (GTK_IS_LIST_BOX (list));
  g_assert_true (GTK_IS_STACK (stack));
  g_assert_true (cd_window_get_store (window) == store);
  g_assert_nonnull (wait_for_complaints_view (window));

  /* The default view is the overview. */
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (stack)), ==, CD_VIEW_OVERVIEW);

  for (row = gtk_widget_get_first_child (list); row != NULL; row = gtk_widget_get_next_sibling (row))
    {
      g_autofree char *mismatch = NULL;

      if (!GTK_IS_LIST_BOX_ROW (row))
        continue;

      g_assert_cmpuint (n_rows, <, G_N_ELEMENTS (expected_rows));
      g_assert_cmpint (gtk_list_box_row_get_index (GTK_LIST_BOX_ROW (row)), ==, n_rows);

      /* A visible label, and the same accessible name. */
      g_assert_nonnull (find_widget (row, match_label, expected_rows[n_rows].label));
      mismatch = gtk_test_accessible_check_property (GTK_ACCESSIBLE (row),
                                                     GTK_ACCESSIBLE_PROPERTY_LABEL,
                                                     expected_rows[n_rows].label);
      g_assert_null (mismatch);

      n_rows++;
    }
  g_assert_cmpuint (n_rows, ==, G_N_ELEMENTS (expected_rows));

  /* Selecting each row shows its view, and the choice is remembered. */
  for (int i = G_N_ELEMENTS (expected_rows) - 1; i >= 0; i--)
    {
      GtkListBoxRow *nav_row = gtk_list_box_get_row_at_index (GTK_LIST_BOX (list), i);
      g_autofree char *last_view = NULL;
      GtkWidget *page;

      gtk_list_box_select_row (GTK_LIST_BOX (list), nav_row);
      g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (stack)), ==, expected_rows[i].view);
      g_assert_cmpstr (cd_window_get_visible_view (window), ==, expected_rows[i].view);

      page = gtk_stack_get_child_by_name (GTK_STACK (stack), expected_rows[i].view);
      gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
      g_assert_true (gtk_widget_get_mapped (page));
      /* The one header bar of the views carries the view's title. */
      g_assert_nonnull (find_widget (GTK_WIDGET (window), match_mapped_title, expected_rows[i].label));

      last_view = g_settings_get_string (fixture->settings, "last-view");
      g_assert_cmpstr (last_view, ==, expected_rows[i].view);
    }

  /* The Alt+number shortcut's action picks the view and its row. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "shell.show-view", "s", CD_VIEW_TICKETS));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (stack)), ==, CD_VIEW_TICKETS);
  g_assert_true (gtk_list_box_get_selected_row (GTK_LIST_BOX (list)) ==
                 gtk_list_box_get_row_at_index (GTK_LIST_BOX (list), 2));

  /* A search shows its own page and gives the view back when cleared. */
  {
    GtkWidget *entry = find_widget (GTK_WIDGET (window), match_name, "search");

    g_assert_true (GTK_IS_SEARCH_ENTRY (entry));
    gtk_editable_set_text (GTK_EDITABLE (entry), "Li Na");
    g_signal_emit_by_name (entry, "search-changed");
    g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (stack)), ==, "search");
    /* No view's row is highlighted while the search is shown. */
    g_assert_null (gtk_list_box_get_selected_row (GTK_LIST_BOX (list)));
    gtk_editable_set_text (GTK_EDITABLE (entry), "Li");
    g_signal_emit_by_name (entry, "search-changed");
    g_assert_null (gtk_list_box_get_selected_row (GTK_LIST_BOX (list)));
    gtk_editable_set_text (GTK_EDITABLE (entry), "");
    g_signal_emit_by_name (entry, "search-changed");
    g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (stack)), ==, CD_VIEW_TICKETS);
    g_assert_true (gtk_list_box_get_selected_row (GTK_LIST_BOX (list)) ==
                   gtk_list_box_get_row_at_index (GTK_LIST_BOX (list), 2));

    /* Picking a view during a search ends it and shows that view. */
    gtk_editable_set_text (GTK_EDITABLE (entry), "Li Na");
    g_signal_emit_by_name (entry, "search-changed");
    g_signal_emit_by_name (list, "row-activated", gtk_list_box_get_row_at_index (GTK_LIST_BOX (list), 1));
    g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==, "");
    g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (stack)), ==, CD_VIEW_CUSTOMERS);
    g_assert_true (gtk_list_box_get_selected_row (GTK_LIST_BOX (list)) ==
                   gtk_list_box_get_row_at_index (GTK_LIST_BOX (list), 1));
  }

  /* The main menu gets its items when first opened. */
  {
    GtkWidget *menu_button = find_widget (GTK_WIDGET (window), match_mapped_menu_button, NULL);
    GMenuModel *model;

    g_assert_nonnull (menu_button);
    g_assert_null (gtk_menu_button_get_menu_model (GTK_MENU_BUTTON (menu_button)));
    gtk_menu_button_popup (GTK_MENU_BUTTON (menu_button));
    model = gtk_menu_button_get_menu_model (GTK_MENU_BUTTON (menu_button));
    g_assert_nonnull (model);
    g_assert_cmpint (g_menu_model_get_n_items (model), >, 0);
    g_assert_nonnull (gtk_menu_button_get_popover (GTK_MENU_BUTTON (menu_button)));
    gtk_menu_button_popdown (GTK_MENU_BUTTON (menu_button));
  }

  /* The shortcuts window is built when first asked for. */
  g_assert_null (gtk_application_window_get_help_overlay (GTK_APPLICATION_WINDOW (window)));
  g_assert_true (g_action_group_has_action (G_ACTION_GROUP (window), "show-help-overlay"));
  g_action_group_activate_action (G_ACTION_GROUP (window), "show-help-overlay", NULL);
  g_assert_nonnull (gtk_application_window_get_help_overlay (GTK_APPLICATION_WINDOW (window)));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (gtk_application_window_get_help_overlay (GTK_APPLICATION_WINDOW (window)))));
  gtk_window_close (GTK_WINDOW (gtk_application_window_get_help_overlay (GTK_APPLICATION_WINDOW (window))));

  /* Without a read-only store, no "Read-only" subtitle. */
  g_assert_null (find_widget (GTK_WIDGET (window), match_mapped_title_subtitle, "Read-only"));

  gtk_window_destroy (GTK_WINDOW (window));
}

static gboolean
match_type (GtkWidget     *widget,
            gconstpointer  data)
{
  return G_TYPE_CHECK_INSTANCE_TYPE (widget, GPOINTER_TO_SIZE (data));
}

static GtkWidget *
find_by_type_name (GtkWidget  *root,
                   const char *type_name)
{
  GType type = g_type_from_name (type_name);

  return type != 0 ? find_widget (root, match_type, GSIZE_TO_POINTER (type)) : NULL;
}

static guint
count_by_type_name (GtkWidget  *root,
                    const char *type_name)
{
  guint n = G_TYPE_CHECK_INSTANCE_TYPE (root, g_type_from_name (type_name)) ? 1 : 0;

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    n += count_by_type_name (child, type_name);
  return n;
}

/* Start-up builds only the view on screen and the complaints view (which
 * keeps the sidebar badge, counting only while hidden); Customers,
 * Tickets and the search results follow after the first frame, the
 * others when first shown. */
static void
test_lazy_views (Fixture       *fixture,
                 gconstpointer  user_data)
{
  g_autoptr(CdStore) store = open_signed_in (fixture->path, CD_STORE_OPEN_CREATE,
                                             g_get_user_name (), "Test Person");
  g_autoptr(GError) error = NULL;
  g_autoptr(CdCustomer) customer = cd_customer_new ();
  gint64 me = cd_store_get_staff_id (store);
  gint64 customer_id, complaint_id;
  CdWindow *window;
  GtkWidget *stack, *badge, *no_database;

  customer->name = g_strdup ("王芳");
  customer_id = cd_customer_create (store, customer, &error);
  g_assert_no_error (error);
  complaint_id = cd_complaint_create (store, customer_id, 0, "Parcel arrived damaged", NULL,
                                      CD_SEVERITY_MAJOR, "Delivery", me, &error);
  g_assert_no_error (error);
  cd_followup_schedule (store, complaint_id, cd_store_now (store) - 3600, me, CD_METHOD_PHONE, NULL, &error);
  g_assert_no_error (error);

  /* Before the first frame, only the view on screen exists; the badge
   * already counts the overdue follow-up. */
  window = cd_window_new (NULL, fixture->settings);
  gtk_window_set_default_size (GTK_WINDOW (window), 1100, 720);
  cd_window_set_store (window, store);
  g_assert_nonnull (find_by_type_name (GTK_WIDGET (window), "CdOverviewView"));
  g_assert_null (cd_window_get_complaints_view (window));
  badge = find_widget (GTK_WIDGET (window), match_label, "1");
  g_assert_nonnull (badge);
  g_assert_true (gtk_widget_get_visible (badge));
  g_assert_null (find_by_type_name (GTK_WIDGET (window), "CdCustomersView"));
  g_assert_null (find_by_type_name (GTK_WIDGET (window), "CdTicketsView"));
  g_assert_null (find_by_type_name (GTK_WIDGET (window), "CdTrainingView"));
  /* Nor the search results; and nothing that is drawn from an SVG icon
   * (librsvg): neither the pages shown instead of the views nor the
   * window's own icon. */
  g_assert_null (find_by_type_name (GTK_WIDGET (window), "CdSearchPage"));
  no_database = find_widget (GTK_WIDGET (window), match_status_title, "No Database Open");
  g_assert_nonnull (no_database);
  g_assert_null (adw_status_page_get_icon_name (ADW_STATUS_PAGE (no_database)));
  g_assert_null (gtk_window_get_icon_name (GTK_WINDOW (window)));

  /* After it, the complaints view, the views with big lists and the
   * search results are built in the background, and the window gets its
   * icon. */
  gtk_window_present (GTK_WINDOW (window));
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
  stack = find_widget (GTK_WIDGET (window), match_name, "views");
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (stack)), ==, CD_VIEW_OVERVIEW);
  cd_test_wait_for (find_by_type_name (GTK_WIDGET (window), "CdCustomersView") != NULL &&
                    find_by_type_name (GTK_WIDGET (window), "CdTicketsView") != NULL);
  g_assert_nonnull (find_by_type_name (GTK_WIDGET (window), "CdCustomersView"));
  g_assert_nonnull (find_by_type_name (GTK_WIDGET (window), "CdTicketsView"));
  g_assert_null (find_by_type_name (GTK_WIDGET (window), "CdTrainingView"));
  cd_test_wait_for (find_by_type_name (GTK_WIDGET (window), "CdSearchPage") != NULL);
  g_assert_true (find_by_type_name (GTK_WIDGET (window), "CdSearchPage") ==
                 GTK_WIDGET (cd_window_get_search_page (window)));
  cd_test_wait_for (gtk_window_get_icon_name (GTK_WINDOW (window)) != NULL);
  g_assert_cmpstr (gtk_window_get_icon_name (GTK_WINDOW (window)), ==, APP_ID);
  g_assert_cmpstr (gtk_window_get_default_icon_name (), ==, APP_ID);
  g_assert_null (adw_status_page_get_icon_name (ADW_STATUS_PAGE (no_database)));

  /* The hidden complaints view counts the overdue follow-up for the
   * badge, and reads its lists once the other views are built, so that
   * its first showing only draws. */
  g_assert_nonnull (wait_for_complaints_view (window));
  g_assert_cmpuint (cd_complaints_view_get_badge_count (cd_window_get_complaints_view (window)), ==, 1);
  badge = find_widget (GTK_WIDGET (window), match_label, "1");
  g_assert_nonnull (badge);
  g_assert_true (gtk_widget_get_visible (badge));
  cd_test_wait_for (find_by_type_name (GTK_WIDGET (window), "CdAgendaRow") != NULL);
  g_assert_cmpuint (count_by_type_name (GTK_WIDGET (window), "CdAgendaRow"), ==, 1);
  g_assert_false (gtk_widget_get_mapped (GTK_WIDGET (cd_window_get_complaints_view (window))));

  /* Shown, a view is built if it was not yet, and stays. */
  cd_window_show_view (window, CD_VIEW_TRAINING);
  g_assert_nonnull (find_by_type_name (GTK_WIDGET (window), "CdTrainingView"));
  cd_window_show_view (window, CD_VIEW_CUSTOMERS);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
  g_assert_cmpuint (count_by_type_name (GTK_WIDGET (window), "CdCustomersView"), ==, 1);

  cd_window_show_view (window, CD_VIEW_COMPLAINTS);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
  g_assert_nonnull (find_by_type_name (GTK_WIDGET (window), "CdAgendaRow"));

  cd_window_show_view (window, CD_VIEW_CUSTOMERS);
  g_assert_nonnull (find_by_type_name (GTK_WIDGET (window), "CdCustomersView"));

  /* A change while the complaints view is hidden shows when it is back. */
  cd_followup_schedule (store, complaint_id, cd_store_now (store) - 60, me, CD_METHOD_EMAIL, NULL, &error);
  g_assert_no_error (error);
  cd_test_wait_for (cd_complaints_view_get_badge_count (cd_window_get_complaints_view (window)) == 2);
  g_assert_cmpuint (cd_complaints_view_get_badge_count (cd_window_get_complaints_view (window)), ==, 2);
  g_assert_cmpuint (count_by_type_name (GTK_WIDGET (window), "CdAgendaRow"), ==, 1);
  cd_window_show_view (window, CD_VIEW_COMPLAINTS);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
  g_assert_cmpuint (count_by_type_name (GTK_WIDGET (window), "CdAgendaRow"), ==, 2);

  gtk_window_destroy (GTK_WINDOW (window));
}

/* Without a GPU (or when told that GL is software), the cairo renderer;
 * a renderer the user chose is kept. */
static void
test_renderer_choice (void)
{
  g_autofree char *saved_renderer = g_strdup (g_getenv ("GSK_RENDERER"));
  g_autofree char *saved_software = g_strdup (g_getenv ("LIBGL_ALWAYS_SOFTWARE"));

  g_setenv ("GSK_RENDERER", "gl", TRUE);
  g_setenv ("LIBGL_ALWAYS_SOFTWARE", "1", TRUE);
  cd_application_choose_renderer ();
  g_assert_cmpstr (g_getenv ("GSK_RENDERER"), ==, "gl");

  g_unsetenv ("GSK_RENDERER");
  cd_application_choose_renderer ();
  g_assert_cmpstr (g_getenv ("GSK_RENDERER"), ==, "cairo");

  if (saved_renderer != NULL)
    g_setenv ("GSK_RENDERER", saved_renderer, TRUE);
  else
    g_unsetenv ("GSK_RENDERER");
  if (saved_software != NULL)
    g_setenv ("LIBGL_ALWAYS_SOFTWARE", saved_software, TRUE);
  else
    g_unsetenv ("LIBGL_ALWAYS_SOFTWARE");
}

static GtkWindow *
find_ticket_editor (void)
{
  GList *toplevels = gtk_window_list_toplevels ();
  GtkWindow *found = NULL;

  for (GList *l = toplevels; l != NULL && found == NULL; l = l->next)
    if (CD_IS_TICKET_EDITOR (l->data) && gtk_widget_get_visible (l->data))
      found = l->data;
  g_list_free (toplevels);
  return found;
}

static gboolean
ticket_editor_gone (gpointer data)
{
  return find_ticket_editor () == NULL;
}

/* No dead ends between a customer and their tickets: a ticket in the
 * customer's history opens, the customer's name on a ticket opens the
 * customer, and the customer page makes a ticket for the customer. */
static void
test_record_links (Fixture       *fixture,
                   gconstpointer  user_data)
{
  g_autoptr(CdStore) store = open_signed_in (fixture->path, CD_STORE_OPEN_CREATE,
                                             g_get_user_name (), "Test Person");
  g_autoptr(CdCustomer) customer = cd_customer_new ();
  g_autoptr(GError) error = NULL;
  CdWindow *window;
  GtkWidget *customers_view, *tickets_view, *history, *ticket_page, *new_ticket;
  GtkListBoxRow *row = NULL;
  CdTicketEditor *editor;
  gint64 customer_id, ticket_id, new_id;

  customer->name = g_strdup ("Wang <Fang> & Co");
  customer_id = cd_customer_create (store, customer, &error);
  g_assert_no_error (error);
  ticket_id = cd_ticket_create (store, customer_id, "Router keeps rebooting", NULL, CD_CHANNEL_PHONE,
                                0, CD_PRIORITY_NORMAL, 0, &error);
  g_assert_no_error (error);

  window = show_window (fixture, store);
  cd_window_open_customer (window, customer_id);
  g_assert_cmpstr (cd_window_get_visible_view (window), ==, CD_VIEW_CUSTOMERS);
  customers_view = find_widget (GTK_WIDGET (window), match_type, GSIZE_TO_POINTER (CD_TYPE_CUSTOMERS_VIEW));
  g_assert_cmpint (cd_customer_page_get_customer_id (CD_CUSTOMER_PAGE (cd_customers_view_get_customer_page (CD_CUSTOMERS_VIEW (customers_view)))),
                   ==, customer_id);

  /* The ticket in the history opens. */
  history = find_widget (GTK_WIDGET (window), match_name, "history");
  g_assert_true (GTK_IS_LIST_BOX (history));
  for (guint i = 0; (row = gtk_list_box_get_row_at_index (GTK_LIST_BOX (history), i)) != NULL; i++)
    if (gtk_list_box_row_get_activatable (row))
      break;
  g_assert_nonnull (row);
  g_signal_emit_by_name (history, "row-activated", row);
  g_assert_cmpstr (cd_window_get_visible_view (window), ==, CD_VIEW_TICKETS);
  tickets_view = find_widget (GTK_WIDGET (window), match_type, GSIZE_TO_POINTER (CD_TYPE_TICKETS_VIEW));
  g_assert_true (cd_tickets_view_is_ticket_shown (CD_TICKETS_VIEW (tickets_view)));
  ticket_page = cd_tickets_view_get_ticket_page (CD_TICKETS_VIEW (tickets_view));
  g_assert_cmpint (cd_ticket_page_get_ticket_id (CD_TICKET_PAGE (ticket_page)), ==, ticket_id);

  /* The customer's name on the ticket is a button that opens the
   * customer (a link inside a label would not reach screen readers). */
  {
    GtkWidget *name = find_widget (ticket_page, match_label, "Wang <Fang> & Co");
    GtkWidget *button;

    g_assert_nonnull (name);
    button = gtk_widget_get_ancestor (name, GTK_TYPE_BUTTON);
    g_assert_nonnull (button);
    g_assert_true (gtk_widget_is_sensitive (button));
    cd_window_show_view (window, CD_VIEW_OVERVIEW);
    cd_window_open_ticket (window, ticket_id);
    g_signal_emit_by_name (button, "clicked");
  }
  g_assert_cmpstr (cd_window_get_visible_view (window), ==, CD_VIEW_CUSTOMERS);
  g_assert_cmpint (cd_customer_page_get_customer_id (CD_CUSTOMER_PAGE (cd_customers_view_get_customer_page (CD_CUSTOMERS_VIEW (customers_view)))),
                   ==, customer_id);

  /* New Ticket for This Customer. */
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
  new_ticket = find_widget (GTK_WIDGET (window), match_button_action, "customers.new-ticket");
  g_assert_nonnull (new_ticket);
  g_assert_true (gtk_widget_get_mapped (new_ticket));
  g_assert_true (gtk_widget_is_sensitive (new_ticket));
  g_signal_emit_by_name (new_ticket, "clicked");
  editor = CD_TICKET_EDITOR (find_ticket_editor ());
  g_assert_nonnull (editor);
  gtk_editable_set_text (GTK_EDITABLE (cd_ticket_editor_get_subject_row (editor)), "Second router");
  g_assert_true (cd_ticket_editor_is_valid (editor));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (editor), "editor.save", NULL));
  cd_test_wait_until (ticket_editor_gone, NULL, "the new ticket to be saved");
  new_id = cd_store_query_int (store, "SELECT max(id) FROM tickets WHERE customer_id = ?1", customer_id, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpint (new_id, >, ticket_id);
  /* and it is shown, as a new ticket is. */
  g_assert_cmpstr (cd_window_get_visible_view (window), ==, CD_VIEW_TICKETS);
  g_assert_cmpint (cd_ticket_page_get_ticket_id (CD_TICKET_PAGE (ticket_page)), ==, new_id);

  gtk_window_destroy (GTK_WINDOW (window));
}

static gboolean
match_mapped_back_arrow (GtkWidget     *widget,
                         gconstpointer  data)
{
  return GTK_IS_BUTTON (widget) && gtk_widget_get_mapped (widget) &&
         g_strcmp0 (gtk_button_get_icon_name (GTK_BUTTON (widget)), "go-previous-symbolic") == 0;
}

static void
count_widgets (GtkWidget      *widget,
               gboolean      (*match) (GtkWidget *, gconstpointer),
               guint          *count)
{
  if (match (widget, NULL))
    (*count)++;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    count_widgets (child, match, count);
}

static void
assert_titles_whole (GtkWidget *widget)
{
  if (GTK_IS_LABEL (widget) && gtk_widget_get_mapped (widget) && gtk_widget_has_css_class (widget, "title") &&
      strchr (gtk_label_get_text (GTK_LABEL (widget)), ' ') == NULL)
    {
      PangoLayout *layout = gtk_label_get_layout (GTK_LABEL (widget));

      if (pango_layout_get_line_count (layout) != 1)
        g_error ("The title “%s” is broken over %d lines", gtk_label_get_text (GTK_LABEL (widget)),
                 pango_layout_get_line_count (layout));
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    assert_titles_whole (child);
}

/* A narrow window shows one back arrow on a ticket's or a customer's
 * page, which leads to the list, then the list's to the sidebar. */
static void
test_narrow_ticket_back (Fixture       *fixture,
                         gconstpointer  user_data)
{
  g_autoptr(CdStore) store = open_signed_in (fixture->path, CD_STORE_OPEN_CREATE,
                                             g_get_user_name (), "Test Person");
  g_autoptr(CdCustomer) customer = cd_customer_new ();
  g_autoptr(GError) error = NULL;
  CdWindow *window = cd_window_new (NULL, fixture->settings);
  GtkWidget *leaflet, *tickets_view;
  gint64 customer_id, ticket_id;
  guint arrows = 0;

  customer->name = g_strdup ("Wang Fang");
  customer_id = cd_customer_create (store, customer, &error);
  g_assert_no_error (error);
  ticket_id = cd_ticket_create (store, customer_id, "Router keeps rebooting", NULL, CD_CHANNEL_PHONE,
                                0, CD_PRIORITY_NORMAL, 0, &error);
  g_assert_no_error (error);
  /* An open ticket's status row has its two widest buttons. */
  g_assert_true (cd_ticket_set_status (store, ticket_id, 0, CD_TICKET_OPEN, &error));
  g_assert_no_error (error);

  gtk_window_set_default_size (GTK_WINDOW (window), 360, 600);
  cd_window_set_store (window, store);
  gtk_window_present (GTK_WINDOW (window));
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
  leaflet = find_by_type_name (GTK_WIDGET (window), "AdwLeaflet");
  g_assert_true (adw_leaflet_get_folded (ADW_LEAFLET (leaflet)));

  cd_window_open_ticket (window, ticket_id);
  adw_leaflet_navigate (ADW_LEAFLET (leaflet), ADW_NAVIGATION_DIRECTION_FORWARD);
  cd_test_wait_for (g_strcmp0 (adw_leaflet_get_visible_child_name (ADW_LEAFLET (leaflet)), "content") == 0);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
  count_widgets (GTK_WIDGET (window), match_mapped_back_arrow, &arrows);
  g_assert_cmpuint (arrows, ==, 1);
  /* No one-word row title is broken inside the word ("Stat-us"). */
  assert_titles_whole (GTK_WIDGET (window));

  tickets_view = find_widget (GTK_WIDGET (window), match_type, GSIZE_TO_POINTER (CD_TYPE_TICKETS_VIEW));
  g_assert_true (cd_tickets_view_is_ticket_shown (CD_TICKETS_VIEW (tickets_view)));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "shell.navigate-back", NULL));
  g_assert_false (cd_tickets_view_is_ticket_shown (CD_TICKETS_VIEW (tickets_view)));
  g_assert_cmpstr (adw_leaflet_get_visible_child_name (ADW_LEAFLET (leaflet)), ==, "content");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "shell.navigate-back", NULL));
  cd_test_wait_for (g_strcmp0 (adw_leaflet_get_visible_child_name (ADW_LEAFLET (leaflet)), "content") != 0);

  /* The same on a customer's page. */
  {
    GtkWidget *customers_view, *page;

    cd_window_open_customer (window, customer_id);
    adw_leaflet_navigate (ADW_LEAFLET (leaflet), ADW_NAVIGATION_DIRECTION_FORWARD);
    cd_test_wait_for (g_strcmp0 (adw_leaflet_get_visible_child_name (ADW_LEAFLET (leaflet)), "content") == 0);
    customers_view = find_widget (GTK_WIDGET (window), match_type, GSIZE_TO_POINTER (CD_TYPE_CUSTOMERS_VIEW));
    page = cd_customers_view_get_customer_page (CD_CUSTOMERS_VIEW (customers_view));
    cd_test_wait_for (gtk_widget_get_mapped (page));
    gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
    arrows = 0;
    count_widgets (GTK_WIDGET (window), match_mapped_back_arrow, &arrows);
    g_assert_cmpuint (arrows, ==, 1);
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "shell.navigate-back", NULL));
    cd_test_wait_for (!gtk_widget_get_mapped (page));
    g_assert_cmpstr (adw_leaflet_get_visible_child_name (ADW_LEAFLET (leaflet)), ==, "content");
  }

  gtk_window_destroy (GTK_WINDOW (window));
}

/* The widest-needing widgets under @widget, to say which one is too wide. */
static void
list_too_wide (GtkWidget *widget,
               int        limit,
               GString   *out)
{
  int min = 0;

  if (!gtk_widget_get_visible (widget))
    return;
  gtk_widget_measure (widget, GTK_ORIENTATION_HORIZONTAL, -1, &min, NULL, NULL, NULL);
  if (min <= limit)
    return;
  g_string_append_printf (out, "%s(%s)=%d ", G_OBJECT_TYPE_NAME (widget), gtk_widget_get_name (widget), min);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    list_too_wide (child, limit, out);
}

/* The demo team's day ("small": long names, counts and cards in every
 * view) in a window of @width × @height, drawn once. */
static CdWindow *
show_demo_window (Fixture  *fixture,
                  int       width,
                  int       height,
                  CdStore **store)
{
  g_autoptr(GError) error = NULL;
  CdWindow *window = cd_window_new (NULL, fixture->settings);
  CdDemoSize size;

  g_assert_true (cd_demo_parse_size ("small", &size, &error));
  g_assert_true (cd_demo_generate (fixture->path, &size, 16, g_get_real_time () / G_USEC_PER_SEC,
                                   g_get_user_name (), "Test Person", NULL, NULL, &error));
  g_assert_no_error (error);
  *store = open_signed_in (fixture->path, 0, g_get_user_name (), "Test Person");

  gtk_window_set_default_size (GTK_WINDOW (window), width, height);
  cd_window_set_store (window, *store);
  gtk_window_present (GTK_WINDOW (window));
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
  return window;
}

/* GNOME's mobile minimum: every view fits a window 360 pixels wide. */
static void
check_narrow_views (Fixture *fixture)
{
  const char *views[] = { CD_VIEW_OVERVIEW, CD_VIEW_CUSTOMERS, CD_VIEW_TICKETS, CD_VIEW_COMPLAINTS, CD_VIEW_TRAINING,
                          CD_VIEW_KNOWLEDGE };
  g_autoptr(CdStore) store = NULL;
  g_autoptr(GError) error = NULL;
  CdWindow *window = show_demo_window (fixture, 360, 640, &store);
  GtkWidget *content;

  /* The window's content: its frame and shadow come on top. */
  content = find_by_type_name (GTK_WIDGET (window), "AdwToastOverlay");

  for (guint i = 0; i < G_N_ELEMENTS (views); i++)
    {
      g_autoptr(GString) culprits = g_string_new (NULL);
      int min = 0;

      cd_window_show_view (window, views[i]);
      gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
      gtk_widget_measure (content, GTK_ORIENTATION_HORIZONTAL, -1, &min, NULL, NULL, NULL);
      if (min > 360)
        {
          list_too_wide (content, 40, culprits);
          g_printerr ("%s needs %d px: %s\n", views[i], min, culprits->str);
        }
      g_assert_cmpint (min, <=, 360);
    }

  /* A ticket's and a customer's page too. */
  for (guint i = 0; i < 2; i++)
    {
      g_autoptr(GString) culprits = g_string_new (NULL);
      gint64 id = cd_store_query_int (store, i == 0 ? "SELECT min(id) FROM tickets WHERE status = 'open'"
                                                    : "SELECT min(customer_id) FROM tickets WHERE status = 'open'",
                                      CD_NO_BIND, 0, &error);
      int min = 0;

      g_assert_no_error (error);
      g_assert_cmpint (id, >, 0);
      if (i == 0)
        cd_window_open_ticket (window, id);
      else
        cd_window_open_customer (window, id);
      gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
      gtk_widget_measure (content, GTK_ORIENTATION_HORIZONTAL, -1, &min, NULL, NULL, NULL);
      if (min > 360)
        {
          list_too_wide (content, 40, culprits);
          g_printerr ("%s needs %d px: %s\n", i == 0 ? "A ticket's page" : "A customer's page", min, culprits->str);
        }
      g_assert_cmpint (min, <=, 360);
    }

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_narrow_views (Fixture       *fixture,
                   gconstpointer  user_data)
{
  check_narrow_views (fixture);
}

/* The same in Chinese, with the build's translations: a child process,
 * so that the rest of the tests keep their English. */
static void
test_narrow_views_chinese (Fixture       *fixture,
                           gconstpointer  user_data)
{
  if (g_test_subprocess ())
    {
      const char *localedir = g_getenv ("CAREDESK_LOCALEDIR");

      g_assert_nonnull (localedir);
      g_setenv ("LANGUAGE", "zh_CN", TRUE);
      setlocale (LC_ALL, "");
      bindtextdomain (GETTEXT_PACKAGE, localedir);
      bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
      textdomain (GETTEXT_PACKAGE);
      /* The translations are there: the sidebar's first entry. */
      g_assert_cmpstr (g_dgettext (GETTEXT_PACKAGE, "Overview"), ==, "概览");
      check_narrow_views (fixture);
      return;
    }
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_passed ();
}

static void
collect_cells (GtkWidget *widget,
               GPtrArray *cells)
{
  if (GTK_IS_INSCRIPTION (widget) && gtk_widget_get_mapped (widget) &&
      gtk_inscription_get_text (GTK_INSCRIPTION (widget)) != NULL &&
      *gtk_inscription_get_text (GTK_INSCRIPTION (widget)) != '\0')
    g_ptr_array_add (cells, widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_cells (child, cells);
}

/* Where the text of @cell has its baseline, from the top of its row. */
static double
cell_baseline (GtkWidget *cell)
{
  GtkWidget *row = gtk_widget_get_parent (gtk_widget_get_parent (cell));
  g_autoptr(PangoLayout) layout = gtk_widget_create_pango_layout (cell, gtk_inscription_get_text (GTK_INSCRIPTION (cell)));
  graphene_rect_t bounds;

  g_assert_true (gtk_widget_compute_bounds (cell, row, &bounds));
  return bounds.origin.y + pango_layout_get_baseline (layout) / (double) PANGO_SCALE;
}

/* Checks that every text cell of @view's rows has its baseline at
 * @baseline (measured on the first when it is negative), and every row
 * the height @height (likewise); returns how many cells had Chinese. */
static guint
check_list_rows (GtkWidget *view,
                 double    *baseline,
                 int       *height)
{
  g_autoptr(GPtrArray) cells = g_ptr_array_new ();
  guint chinese = 0;

  collect_cells (view, cells);
  g_assert_cmpuint (cells->len, >=, 4);
  for (guint i = 0; i < cells->len; i++)
    {
      GtkWidget *cell = g_ptr_array_index (cells, i);
      GtkWidget *row = gtk_widget_get_parent (gtk_widget_get_parent (cell));
      const char *text = gtk_inscription_get_text (GTK_INSCRIPTION (cell));
      double y = cell_baseline (cell);

      if (*baseline < 0)
        *baseline = y;
      if (*height < 0)
        *height = gtk_widget_get_height (row);
      if (fabs (y - *baseline) > 1.0)
        g_error ("“%s” has its baseline at %.1f px, not %.1f", text, y, *baseline);
      g_assert_cmpint (gtk_widget_get_height (row), ==, *height);
      if (g_utf8_get_char (text) >= 0x2E80)
        chinese++;
    }
  return chinese;
}

/* Chinese and Latin texts share their row's baseline, and the tickets
 * list's rows are as tall as the customers list's. */
static void
test_list_rows_line_up (Fixture       *fixture,
                        gconstpointer  user_data)
{
  g_autoptr(CdStore) store = open_signed_in (fixture->path, CD_STORE_OPEN_CREATE,
                                             g_get_user_name (), "Test Person");
  g_autoptr(GError) error = NULL;
  const char *names[] = { "王芳", "Wang Fang", "张伟 Zhang" };
  gint64 me = cd_store_get_staff_id (store);
  double baseline = -1;
  int height = -1;
  CdWindow *window;
  GtkWidget *view;

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autoptr(CdCustomer) customer = cd_customer_new ();
      gint64 id;

      customer->name = g_strdup (names[i]);
      customer->phone = g_strdup ("13800138000");
      id = cd_customer_create (store, customer, &error);
      g_assert_no_error (error);
      cd_ticket_create (store, id, i == 0 ? "退货后退款仍未处理" : "Router keeps rebooting", NULL,
                        CD_CHANNEL_PHONE, 0, CD_PRIORITY_NORMAL, me, &error);
      g_assert_no_error (error);
    }

  window = show_window (fixture, store);
  cd_window_show_view (window, CD_VIEW_CUSTOMERS);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
  view = find_widget (GTK_WIDGET (window), match_type, GSIZE_TO_POINTER (CD_TYPE_CUSTOMERS_VIEW));
  g_assert_nonnull (view);
  g_assert_cmpuint (check_list_rows (view, &baseline, &height), >=, 2);

  cd_window_show_view (window, CD_VIEW_TICKETS);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
  view = find_widget (GTK_WIDGET (window), match_type, GSIZE_TO_POINTER (CD_TYPE_TICKETS_VIEW));
  g_assert_nonnull (view);
  g_assert_cmpuint (check_list_rows (view, &baseline, &height), >=, 2);

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_last_view (Fixture       *fixture,
                gconstpointer  user_data)
{
  g_autoptr(CdStore) store = open_signed_in (fixture->path, CD_STORE_OPEN_CREATE,
                                             g_get_user_name (), "Test Person");
  CdWindow *window;

  g_settings_set_string (fixture->settings, "last-view", CD_VIEW_TRAINING);
  window = show_window (fixture, store);
  g_assert_cmpstr (cd_window_get_visible_view (window), ==, CD_VIEW_TRAINING);
  gtk_window_destroy (GTK_WINDOW (window));

  /* A value the window does not know falls back to the overview. */
  g_settings_set_string (fixture->settings, "last-view", "reports");
  window = show_window (fixture, store);
  g_assert_cmpstr (cd_window_get_visible_view (window), ==, CD_VIEW_OVERVIEW);
  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_switch_store (Fixture       *fixture,
                   gconstpointer  user_data)
{
  g_autofree char *other_path = g_build_filename (fixture->dir, "other.caredesk", NULL);
  g_autoptr(CdStore) first = open_signed_in (fixture->path, CD_STORE_OPEN_CREATE,
                                             g_get_user_name (), "Test Person");
  g_autoptr(CdStore) second = open_signed_in (other_path, CD_STORE_OPEN_CREATE,
                                              g_get_user_name (), "Test Person");
  CdWindow *window = show_window (fixture, NULL);
  CdComplaintsView *view;
  CdStore *view_store = NULL;

  /* Nothing open: a page to open or create a database. */
  g_assert_cmpstr (main_page (window), ==, "no-database");
  g_assert_null (cd_window_get_complaints_view (window));
  g_assert_nonnull (find_widget (GTK_WIDGET (window), match_button_action, "app.open-database"));
  g_assert_nonnull (find_widget (GTK_WIDGET (window), match_button_action, "app.new-database"));

  cd_window_set_store (window, first);
  g_assert_cmpstr (main_page (window), ==, "main");
  view = wait_for_complaints_view (window);
  g_assert_nonnull (view);
  g_object_add_weak_pointer (G_OBJECT (view), (gpointer *) &view);

  /* Another store rebuilds the views for it. */
  g_object_set (window, "store", second, NULL);
  g_assert_null (view);
  view = wait_for_complaints_view (window);
  g_assert_nonnull (view);
  g_object_get (view, "store", &view_store, NULL);
  g_assert_true (view_store == second);
  g_object_unref (view_store);

  /* A file being opened covers the window, which keeps its store until
   * the new one is there, or shows it again when the open failed. */
  cd_window_show_opening (window, other_path, FALSE);
  g_assert_cmpstr (main_page (window), ==, "opening");
  g_assert_nonnull (find_widget (GTK_WIDGET (window), match_label, "Opening the Database…"));
  g_assert_nonnull (cd_window_get_complaints_view (window));
  cd_window_hide_opening (window);
  g_assert_cmpstr (main_page (window), ==, "main");

  /* An upgrade says so; the store that comes ends it. */
  cd_window_show_opening (window, other_path, TRUE);
  g_assert_nonnull (find_widget (GTK_WIDGET (window), match_label, "Upgrading the Database…"));
  cd_window_set_store (window, first);
  g_assert_cmpstr (main_page (window), ==, "main");

  cd_window_set_store (window, NULL);
  g_assert_cmpstr (main_page (window), ==, "no-database");
  g_assert_null (cd_window_get_complaints_view (window));
  cd_window_show_opening (window, other_path, FALSE);
  cd_window_hide_opening (window);
  g_assert_cmpstr (main_page (window), ==, "no-database");

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_read_only (Fixture       *fixture,
                gconstpointer  user_data)
{
  g_autoptr(CdStore) writer = open_signed_in (fixture->path, CD_STORE_OPEN_CREATE,
                                              g_get_user_name (), "Test Person");
  g_autoptr(CdStore) reader = NULL;
  CdWindow *window;
  char *subtitle = NULL;

  g_clear_object (&writer);
  reader = open_signed_in (fixture->path, CD_STORE_OPEN_READ_ONLY, g_get_user_name (), NULL);
  g_assert_true (cd_store_is_read_only (reader));

  window = show_window (fixture, reader);
  g_assert_cmpstr (main_page (window), ==, "main");

  g_object_get (window, "subtitle", &subtitle, NULL);
  g_assert_cmpstr (subtitle, ==, "Read-only");
  g_free (subtitle);

  /* Shown in the sidebar's header bar and in the view's. */
  g_assert_nonnull (find_widget (GTK_WIDGET (window), match_mapped_title_subtitle, "Read-only"));

  gtk_window_destroy (GTK_WINDOW (window));
  /* The views read after the first frame; the reads still under way
   * hold the store until they are answered. The file is removed only
   * once nothing works on it any more. */
  cd_test_wait_for (G_OBJECT (reader)->ref_count == 1);
}

static void
test_unknown_user (Fixture       *fixture,
                   gconstpointer  user_data)
{
  g_autoptr(CdStore) admin = open_signed_in (fixture->path, CD_STORE_OPEN_CREATE, "alice", "Alice Admin");
  g_autoptr(CdStore) stranger = NULL;
  g_autoptr(GError) error = NULL;
  const CdField lead[] = {
    { "login", "bob" }, { "display_name", "Bob Lead" }, { "role", "lead" },
  };
  const CdField former_lead[] = {
    { "login", "carol" }, { "display_name", "Carol Former" }, { "role", "lead" }, { "active", "0" },
  };
  const CdField rep[] = {
    { "login", "dave" }, { "display_name", "Dave Rep" }, { "role", "rep" },
  };
  GtkWidget *page;
  const char *description;
  CdWindow *window;

  g_assert_cmpint (cd_store_get_role (admin), ==, CD_ROLE_ADMIN);
  g_assert_cmpint (cd_store_insert (admin, "staff", lead, G_N_ELEMENTS (lead), &error), >, 0);
  g_assert_no_error (error);
  g_assert_cmpint (cd_store_insert (admin, "staff", former_lead, G_N_ELEMENTS (former_lead), &error), >, 0);
  g_assert_no_error (error);
  g_assert_cmpint (cd_store_insert (admin, "staff", rep, G_N_ELEMENTS (rep), &error), >, 0);
  g_assert_no_error (error);

  stranger = cd_store_open (fixture->path, CD_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  g_assert_false (cd_store_sign_in (stranger, "mallory", "Mallory", &error));
  g_assert_error (error, CD_STORE_ERROR, CD_STORE_ERROR_UNKNOWN_USER);
  g_clear_error (&error);

  window = show_window (fixture, NULL);
  /* A page shown instead of the views has its icon. */
  page = find_widget (GTK_WIDGET (window), match_status_title, "No Database Open");
  g_assert_nonnull (page);
  g_assert_cmpstr (adw_status_page_get_icon_name (ADW_STATUS_PAGE (page)), ==, "drive-harddisk-symbolic");
  cd_window_show_unknown_user (window, stranger, "mallory");

  g_assert_cmpstr (main_page (window), ==, "unknown-user");
  g_assert_null (cd_window_get_complaints_view (window));

  page = find_widget (GTK_WIDGET (window), match_status_title, "You Are Not on This Database’s Staff List");
  g_assert_nonnull (page);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
  g_assert_true (gtk_widget_get_mapped (page));
  g_assert_cmpstr (adw_status_page_get_icon_name (ADW_STATUS_PAGE (page)), ==, "system-users-symbolic");

  description = adw_status_page_get_description (ADW_STATUS_PAGE (page));
  g_assert_nonnull (strstr (description, "“mallory”"));
  g_assert_nonnull (strstr (description, "Alice Admin"));
  g_assert_nonnull (strstr (description, "Bob Lead"));
  g_assert_null (strstr (description, "Carol Former"));
  g_assert_null (strstr (description, "Dave Rep"));
  /* It says where they add people. */
  g_assert_nonnull (strstr (description, "Main Menu → Team"));

  g_assert_nonnull (find_widget (page, match_button_action, "app.open-database"));

  /* Someone else makes a new lead: the page names them too. */
  {
    const CdField new_lead[] = {
      { "login", "erin" }, { "display_name", "Erin Lead" }, { "role", "lead" },
    };

    g_assert_cmpint (cd_store_insert (admin, "staff", new_lead, G_N_ELEMENTS (new_lead), &error), >, 0);
    g_assert_no_error (error);
    g_assert_true (cd_store_check_external_changes (stranger));
    description = adw_status_page_get_description (ADW_STATUS_PAGE (page));
    g_assert_nonnull (strstr (description, "Erin Lead"));
  }

  /* A store whose sign-in failed, set the plain way, shows the same page. */
  cd_window_set_store (window, NULL);
  cd_window_set_store (window, stranger);
  g_assert_cmpstr (main_page (window), ==, "unknown-user");

  gtk_window_destroy (GTK_WINDOW (window));
}

/* Saving ------------------------------------------------------------------ */

static gboolean
match_mapped_saving_indicator (GtkWidget     *widget,
                               gconstpointer  data)
{
  return CD_IS_SAVING_INDICATOR (widget) && gtk_widget_get_mapped (widget);
}

/* The saving indicator on screen, or NULL. */
static const char *
shown_saving_text (CdWindow *window)
{
  GtkWidget *indicator = find_widget (GTK_WIDGET (window), match_mapped_saving_indicator, NULL);

  if (indicator == NULL)
    return NULL;
  /* What it says is what a person sees. */
  g_assert_nonnull (find_widget (indicator, match_label, cd_saving_indicator_get_text (CD_SAVING_INDICATOR (indicator))));
  return cd_saving_indicator_get_text (CD_SAVING_INDICATOR (indicator));
}

typedef struct {
  gboolean  done;
  gboolean  ok;
  GError   *error;
  gint64    customer_id;
} SaveResult;

static void
on_save_done_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  SaveResult *save = user_data;

  save->ok = cd_store_run_finish (CD_STORE (source), result, &save->error);
  save->customer_id = *(gint64 *) cd_store_run_get_data (result);
  save->done = TRUE;
}

/* On the store's worker: what a save of a new customer does. */
static gboolean
insert_customer_job (CdStore       *store,
                     gpointer       data,
                     GCancellable  *cancellable,
                     GError       **error)
{
  g_autoptr(CdCustomer) customer = cd_customer_new ();
  gint64 *id = data;

  customer->name = g_strdup ("Saved While Waiting");
  *id = cd_customer_create (store, customer, error);
  return *id > 0;
}

static void
start_save (CdStore    *store,
            SaveResult *save)
{
  cd_store_run_async (store, CD_STORE_LANE_WRITE, insert_customer_job, g_new0 (gint64, 1), g_free,
                      NULL, on_save_done_cb, save);
}

typedef struct {
  gint64  last;
  gint64  longest;
} Ticks;

static gboolean
tick_cb (gpointer user_data)
{
  Ticks *ticks = user_data;
  gint64 now = g_get_monotonic_time ();

  if (ticks->last != 0)
    ticks->longest = MAX (ticks->longest, now - ticks->last);
  ticks->last = now;
  return G_SOURCE_CONTINUE;
}

typedef struct {
  CdStore  *holder;
  gboolean  released;
} LockHolder;

static gboolean
release_lock_cb (gpointer user_data)
{
  LockHolder *lock = user_data;

  cd_store_rollback (lock->holder);
  lock->released = TRUE;
  return G_SOURCE_REMOVE;
}

static void
on_indicator_visible_cb (GtkWidget  *indicator,
                         GParamSpec *pspec,
                         guint      *shown)
{
  if (gtk_widget_get_visible (indicator))
    (*shown)++;
}

/* While another Caredesk holds the write lock, a save waits on the
 * store's worker: the window says why, and goes on drawing. */
/* The complaint editor window made ahead in the background, after the
 * views (and after the customer page, made the same way). */
static gboolean
spare_editor_made (void)
{
  GList *toplevels = gtk_window_list_toplevels ();
  gboolean found = FALSE;

  for (GList *l = toplevels; l != NULL; l = l->next)
    if (G_TYPE_CHECK_INSTANCE_TYPE (l->data, g_type_from_name ("CdComplaintEditor")) &&
        !gtk_widget_get_visible (l->data))
      found = TRUE;
  g_list_free (toplevels);
  return found;
}

static void
test_saving_waits_for_lock (Fixture       *fixture,
                            gconstpointer  user_data)
{
  g_autoptr(CdStore) store = open_signed_in (fixture->path, CD_STORE_OPEN_CREATE,
                                             g_get_user_name (), "Test Person");
  g_autoptr(CdStore) holder = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(CdCustomer) saved = NULL;
  SaveResult save = { FALSE };
  LockHolder lock = { NULL };
  Ticks ticks = { 0 };
  GtkWidget *indicator;
  guint shown = 0;
  CdWindow *window;
  guint tick_id;

  window = show_window (fixture, store);
  g_assert_null (shown_saving_text (window));
  /* The views built after the first frame are not what is measured. */
  cd_test_wait_for (cd_window_get_complaints_view (window) != NULL &&
                    find_by_type_name (GTK_WIDGET (window), "CdCustomersView") != NULL &&
                    find_by_type_name (GTK_WIDGET (window), "CdTicketsView") != NULL &&
                    spare_editor_made ());

  /* A quick save is not worth a word. */
  indicator = find_widget (GTK_WIDGET (window), match_name, "saving-indicator");
  g_assert_true (CD_IS_SAVING_INDICATOR (indicator));
  g_signal_connect (indicator, "notify::visible", G_CALLBACK (on_indicator_visible_cb), &shown);
  start_save (store, &save);
  cd_test_wait_for (save.done);
  g_assert_no_error (save.error);
  g_assert_true (save.ok);
  g_assert_cmpuint (shown, ==, 0);
  g_assert_null (shown_saving_text (window));

  /* A second connection to the file holds its write lock. */
  holder = cd_store_open (fixture->path, CD_STORE_OPEN_NO_WATCH, &error);
  g_assert_no_error (error);
  g_assert_true (cd_store_begin (holder, &error));
  g_assert_no_error (error);
  lock.holder = holder;

  memset (&save, 0, sizeof save);
  tick_id = g_timeout_add (10, tick_cb, &ticks);
  /* As long as a colleague's big import would hold it. */
  g_timeout_add (10000, release_lock_cb, &lock);
  start_save (store, &save);

  cd_test_wait_for (g_strcmp0 (shown_saving_text (window),
                               "Waiting for another Caredesk to finish saving…") == 0);
  g_assert_false (lock.released);
  g_assert_false (save.done);
  g_assert_true (cd_store_get_waiting_for_lock (store));

  /* The main loop keeps turning while the lock is held. */
  cd_test_wait_for_full (lock.released, 20000);
  g_source_remove (tick_id);
  g_test_message ("longest gap between ticks while the lock was held: %" G_GINT64_FORMAT " µs",
                  ticks.longest);
  g_assert_cmpint (ticks.longest, <, LONGEST_TICK_US);

  /* Then the save goes through, and the indicator is gone. */
  cd_test_wait_for (save.done);
  g_assert_no_error (save.error);
  g_assert_true (save.ok);
  g_assert_null (shown_saving_text (window));
  g_assert_false (gtk_widget_get_visible (indicator));
  saved = cd_customer_load (store, save.customer_id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (saved->name, ==, "Saved While Waiting");

  gtk_window_destroy (GTK_WINDOW (window));
}

/* A save that takes long by itself. */
typedef struct {
  GMutex    lock;
  GCond     cond;
  gboolean  open;
} Gate;

static gboolean
gated_job (CdStore       *store,
           gpointer       data,
           GCancellable  *cancellable,
           GError       **error)
{
  Gate *gate = *(Gate **) data;

  g_mutex_lock (&gate->lock);
  while (!gate->open)
    g_cond_wait (&gate->cond, &gate->lock);
  g_mutex_unlock (&gate->lock);
  return TRUE;
}

static void
on_gated_done_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  SaveResult *save = user_data;

  save->ok = cd_store_run_finish (CD_STORE (source), result, &save->error);
  save->done = TRUE;
}

/* A save that takes longer than a moment says "Saving…", in a narrow
 * window too, where the sidebar fills the window. */
static void
test_saving_slow (Fixture       *fixture,
                  gconstpointer  user_data)
{
  g_autoptr(CdStore) store = open_signed_in (fixture->path, CD_STORE_OPEN_CREATE,
                                             g_get_user_name (), "Test Person");
  Gate gate = { 0 };
  Gate **job_data = g_new (Gate *, 1);
  SaveResult save = { FALSE };
  CdWindow *window = cd_window_new (NULL, fixture->settings);
  GtkWidget *leaflet;
  gint64 started;

  g_mutex_init (&gate.lock);
  g_cond_init (&gate.cond);

  gtk_window_set_default_size (GTK_WINDOW (window), 360, 600);
  cd_window_set_store (window, store);
  gtk_window_present (GTK_WINDOW (window));
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
  leaflet = find_by_type_name (GTK_WIDGET (window), "AdwLeaflet");
  g_assert_true (adw_leaflet_get_folded (ADW_LEAFLET (leaflet)));
  g_assert_null (shown_saving_text (window));

  *job_data = &gate;
  started = g_get_monotonic_time ();
  cd_store_run_async (store, CD_STORE_LANE_WRITE, gated_job, job_data, g_free,
                      NULL, on_gated_done_cb, &save);
  cd_test_wait_for (g_strcmp0 (shown_saving_text (window), "Saving…") == 0);
  g_assert_cmpint (g_get_monotonic_time () - started, >=, 250 * 1000);
  g_assert_false (cd_store_get_waiting_for_lock (store));

  /* The same in the content page. */
  adw_leaflet_navigate (ADW_LEAFLET (leaflet), ADW_NAVIGATION_DIRECTION_FORWARD);
  cd_test_wait_for (g_strcmp0 (adw_leaflet_get_visible_child_name (ADW_LEAFLET (leaflet)), "content") == 0 &&
                    g_strcmp0 (shown_saving_text (window), "Saving…") == 0);

  g_mutex_lock (&gate.lock);
  gate.open = TRUE;
  g_cond_signal (&gate.cond);
  g_mutex_unlock (&gate.lock);
  cd_test_wait_for (save.done);
  g_assert_no_error (save.error);
  g_assert_true (save.ok);
  g_assert_null (shown_saving_text (window));

  gtk_window_destroy (GTK_WINDOW (window));
  g_mutex_clear (&gate.lock);
  g_cond_clear (&gate.cond);
}

/* Nothing in any view asks for frames while nothing changes: a spinner
 * spinning on a hidden page, say, would lay the window out 60 times a
 * second and make every action wait for the display's next beat. */
static void
test_quiet_when_idle (Fixture       *fixture,
                      gconstpointer  data)
{
  const char *views[] = { CD_VIEW_OVERVIEW, CD_VIEW_CUSTOMERS, CD_VIEW_TICKETS, CD_VIEW_COMPLAINTS, CD_VIEW_TRAINING,
                          CD_VIEW_KNOWLEDGE };
  g_autoptr(CdStore) store = NULL;
  g_autoptr(GError) error = NULL;
  CdWindow *window = show_demo_window (fixture, 1280, 800, &store);
  gint64 ticket, customer;

  /* What showing a view sets off (its reads, a transition) is over
   * within a few frames; then nothing more. */
  for (guint i = 0; i < G_N_ELEMENTS (views); i++)
    {
      cd_window_show_view (window, views[i]);
      gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
      cd_test_wait_for (cd_test_count_idle_layouts (GTK_WINDOW (window), 300) == 0);
    }

  ticket = cd_store_query_int (store, "SELECT min(id) FROM tickets WHERE status = 'open'", CD_NO_BIND, 0, &error);
  g_assert_no_error (error);
  customer = cd_store_query_int (store, "SELECT min(id) FROM customers", CD_NO_BIND, 0, &error);
  g_assert_no_error (error);
  cd_window_open_ticket (window, ticket);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
  cd_test_wait_for (cd_test_count_idle_layouts (GTK_WINDOW (window), 300) == 0);
  cd_window_open_customer (window, customer);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
  cd_test_wait_for (cd_test_count_idle_layouts (GTK_WINDOW (window), 300) == 0);

  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  /* Drawn as Caredesk draws: without a GPU, OpenGL in software would
   * redraw the whole window for each frame of the saving spinner. */
  cd_application_choose_renderer ();
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add ("/gui/window/navigation", Fixture, NULL, fixture_setup, test_navigation, fixture_teardown);
  g_test_add_func ("/gui/window/renderer-choice", test_renderer_choice);
  g_test_add ("/gui/window/lazy-views", Fixture, NULL, fixture_setup, test_lazy_views, fixture_teardown);
  g_test_add ("/gui/window/last-view", Fixture, NULL, fixture_setup, test_last_view, fixture_teardown);
  g_test_add ("/gui/window/record-links", Fixture, NULL, fixture_setup, test_record_links, fixture_teardown);
  g_test_add ("/gui/window/list-rows-line-up", Fixture, NULL, fixture_setup, test_list_rows_line_up,
              fixture_teardown);
  g_test_add ("/gui/window/narrow-views", Fixture, NULL, fixture_setup, test_narrow_views, fixture_teardown);
  g_test_add ("/gui/window/quiet-when-idle", Fixture, NULL, fixture_setup, test_quiet_when_idle, fixture_teardown);
  g_test_add ("/gui/window/narrow-views-chinese", Fixture, NULL, fixture_setup, test_narrow_views_chinese,
              fixture_teardown);
  g_test_add ("/gui/window/narrow-ticket-back", Fixture, NULL, fixture_setup, test_narrow_ticket_back, fixture_teardown);
  g_test_add ("/gui/window/switch-store", Fixture, NULL, fixture_setup, test_switch_store, fixture_teardown);
  g_test_add ("/gui/window/read-only", Fixture, NULL, fixture_setup, test_read_only, fixture_teardown);
  g_test_add ("/gui/window/unknown-user", Fixture, NULL, fixture_setup, test_unknown_user, fixture_teardown);
  g_test_add ("/gui/window/saving/waits-for-lock", Fixture, NULL, fixture_setup, test_saving_waits_for_lock, fixture_teardown);
  g_test_add ("/gui/window/saving/slow", Fixture, NULL, fixture_setup, test_saving_slow, fixture_teardown);

  return g_test_run ();
}
