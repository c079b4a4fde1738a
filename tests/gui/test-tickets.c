/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "caredesk-test"

#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <string.h>

#include "cd-gui-test-util.h"
#include "cd-conflict-dialog.h"
#include "cd-datetime.h"
#include "cd-row-model.h"
#include "cd-ticket-editor.h"
#include "cd-ticket-page.h"
#include "cd-tickets.h"
#include "cd-tickets-util.h"
#include "cd-tickets-view.h"
#include "cd-store-private.h"
#include "cd-row-model-private.h"

/* Widget tests of the Tickets view, its ticket page and the New Ticket
 * dialog, against a temporary database file. */


typedef struct {
  char      *dir;
  char      *path;
  CdStore   *store;
  gint64     me;
  gint64     lina;
  gint64     customer_id;
  gint64     category_id;
  GtkWidget *window;
  CdTicketsView *view;
} Fixture;

static void
fixture_set_up (Fixture       *fx,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  const CdField customer[] = {
    { "name", "Wang Fang" },
    { "phone", "13800138000" },
    { "tier", "core" },
  };
  const CdField category[] = {
    { "name", "Billing" },
  };
  const CdField staff[] = {
    { "login", "lina" },
    { "display_name", "Li Na" },
    { "role", "rep" },
  };

  fx->dir = g_dir_make_tmp ("caredesk-tickets-XXXXXX", &error);
  g_assert_no_error (error);
  fx->path = g_build_filename (fx->dir, "test.caredesk", NULL);

  fx->store = cd_store_open (fx->path, CD_STORE_OPEN_CREATE, &error);
  g_assert_no_error (error);
  g_assert_true (cd_store_sign_in (fx->store, "tester", "Test Person", &error));
  g_assert_no_error (error);
  fx->me = cd_store_get_staff_id (fx->store);
  g_assert_cmpint (fx->me, >, 0);

  fx->customer_id = cd_store_insert (fx->store, "customers", customer, G_N_ELEMENTS (customer), &error);
  g_assert_no_error (error);
  fx->category_id = cd_store_insert (fx->store, "ticket_categories", category, G_N_ELEMENTS (category), &error);
  g_assert_no_error (error);
  fx->lina = cd_store_insert (fx->store, "staff", staff, G_N_ELEMENTS (staff), &error);
  g_assert_no_error (error);
  g_assert_true (cd_sla_policy_set (fx->store, CD_PRIORITY_HIGH, CD_SLA_ANY_TIER, 60, 480, 0, &error));
  g_assert_no_error (error);
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
  g_autofree char *journal = g_strconcat (fx->path, "-journal", NULL);
  g_autofree char *wal = g_strconcat (fx->path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (fx->path, "-shm", NULL);

  destroy_all_windows ();
  g_clear_object (&fx->store);

  g_unlink (fx->path);
  g_unlink (journal);
  g_unlink (wal);
  g_unlink (shm);
  g_rmdir (fx->dir);
  g_free (fx->path);
  g_free (fx->dir);
}

/* Helpers ---------------------------------------------------------------- */

/* Runs the main loop until every write started on @store is saved and
 * its callback has run. */
static void
wait_for_writes (CdStore *store)
{
  cd_test_wait_for (cd_store_get_pending_writes (store) == 0 && !g_main_context_pending (NULL));
}

static void
show_view (Fixture *fx)
{
  fx->window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (fx->window), 1100, 700);
  fx->view = CD_TICKETS_VIEW (cd_tickets_view_new (fx->store));
  gtk_window_set_child (GTK_WINDOW (fx->window), GTK_WIDGET (fx->view));
  gtk_window_present (GTK_WINDOW (fx->window));
}

static GtkWidget *
find_toplevel (GType type)
{
  GList *toplevels = gtk_window_list_toplevels ();
  GtkWidget *found = NULL;

  for (GList *l = toplevels; l != NULL && found == NULL; l = l->next)
    if (G_TYPE_CHECK_INSTANCE_TYPE (l->data, type) && gtk_widget_get_visible (l->data))
      found = l->data;
  g_list_free (toplevels);
  return found;
}

/* The first widget of @type at or below @widget; with @shown, only among
 * those on screen. */
static GtkWidget *
find_descendant (GtkWidget *widget,
                 GType      type,
                 gboolean   shown)
{
  if (shown && !gtk_widget_get_mapped (widget))
    return NULL;
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_descendant (child, type, shown);
      if (found != NULL)
        return found;
    }
  return NULL;
}

static void
set_text_view (GtkTextView *view,
               const char  *text)
{
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (view), text, -1);
}

static char *
dup_text_view (GtkTextView *view)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (view);
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

typedef struct {
  CdTicketsView *view;
  CdTicketQueue  queue;
  gint64         expected;
} CountWait;

static gboolean
count_is (gpointer data)
{
  CountWait *w = data;
  return cd_tickets_view_get_queue_count (w->view, w->queue) == w->expected;
}

static void
wait_for_count (CdTicketsView *view,
                CdTicketQueue  queue,
                gint64         expected)
{
  CountWait w = { view, queue, expected };
  g_autofree char *what = g_strdup_printf ("queue %d to count %" G_GINT64_FORMAT, queue, expected);

  cd_test_wait_until (count_is, &w, what);
}

static gboolean
conflict_dialog_shown (gpointer data)
{
  return find_toplevel (CD_TYPE_CONFLICT_DIALOG) != NULL;
}

static gint64
create_ticket (Fixture    *fx,
               const char *subject)
{
  g_autoptr(GError) error = NULL;
  gint64 id = cd_ticket_create (fx->store, fx->customer_id, subject, NULL, CD_CHANNEL_PHONE,
                                fx->category_id, CD_PRIORITY_HIGH, 0, &error);

  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  return id;
}

static CdStore *
open_as_lina (Fixture *fx)
{
  g_autoptr(GError) error = NULL;
  CdStore *other = cd_store_open (fx->path, CD_STORE_OPEN_NO_WATCH, &error);

  g_assert_no_error (error);
  g_assert_true (cd_store_sign_in (other, "lina", NULL, &error));
  g_assert_no_error (error);
  return other;
}

/* Tests ------------------------------------------------------------------ */

static void
test_create (Fixture       *fx,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CdTicket) ticket = NULL;
  g_autoptr(CdRow) row = NULL;
  CdTicketEditor *editor;
  GtkWidget *picker;
  GtkWidget *search;
  GtkWidget *subject;
  GtkWidget *error_label;

  show_view (fx);
  wait_for_count (fx->view, CD_TICKET_QUEUE_ALL, 0);

  /* Ctrl+N's action opens the dialog. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fx->view), "tickets.new", NULL));
  editor = CD_TICKET_EDITOR (find_toplevel (CD_TYPE_TICKET_EDITOR));
  g_assert_nonnull (editor);
  g_assert_false (cd_ticket_editor_is_valid (editor));

  /* The subject validates as the person types. */
  subject = cd_ticket_editor_get_subject_row (editor);
  error_label = cd_ticket_editor_get_subject_error_label (editor);
  gtk_editable_set_text (GTK_EDITABLE (subject), "x");
  gtk_editable_set_text (GTK_EDITABLE (subject), "   ");
  g_assert_true (gtk_widget_get_visible (error_label));
  g_assert_true (gtk_widget_has_css_class (subject, "error"));
  g_assert_false (gtk_widget_get_sensitive (cd_ticket_editor_get_save_button (editor)));
  gtk_editable_set_text (GTK_EDITABLE (subject), "Invoice charged twice");
  g_assert_false (gtk_widget_get_visible (error_label));
  g_assert_false (gtk_widget_has_css_class (subject, "error"));
  /* Still no customer. */
  g_assert_false (cd_ticket_editor_is_valid (editor));

  /* The customer, through the picker's search field; Enter picks the
   * first match. */
  picker = GTK_WIDGET (gtk_menu_button_get_popover (GTK_MENU_BUTTON (cd_ticket_editor_get_customer_button (editor))));
  g_assert_nonnull (picker);
  search = find_descendant (picker, GTK_TYPE_SEARCH_ENTRY, FALSE);
  g_assert_nonnull (search);
  gtk_editable_set_text (GTK_EDITABLE (search), "Wang");
  g_signal_emit_by_name (search, "activate");
  g_assert_true (cd_ticket_editor_is_valid (editor));

  set_text_view (GTK_TEXT_VIEW (cd_ticket_editor_get_description_view (editor)),
                 "The March invoice was taken from the card twice.");
  adw_combo_row_set_selected (ADW_COMBO_ROW (cd_ticket_editor_get_channel_row (editor)), CD_CHANNEL_EMAIL);
  adw_combo_row_set_selected (ADW_COMBO_ROW (cd_ticket_editor_get_priority_row (editor)), CD_PRIORITY_HIGH);
  /* Entry 0 is "No category"; Billing is the only one. */
  adw_combo_row_set_selected (ADW_COMBO_ROW (cd_ticket_editor_get_category_row (editor)), 1);
  g_assert_true (gtk_widget_get_sensitive (cd_ticket_editor_get_save_button (editor)));
  g_signal_emit_by_name (cd_ticket_editor_get_save_button (editor), "clicked");
  /* While it saves, it says so and cannot be pressed again. */
  g_assert_false (gtk_widget_get_sensitive (cd_ticket_editor_get_save_button (editor)));
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (cd_ticket_editor_get_save_button (editor))), ==, "Saving…");
  wait_for_writes (fx->store);

  /* Saved, the dialog is gone and the new ticket is open. */
  g_assert_null (find_toplevel (CD_TYPE_TICKET_EDITOR));
  ticket = cd_ticket_load (fx->store, 1, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (ticket->number, ==, "T-000001");
  g_assert_cmpint (ticket->customer_id, ==, fx->customer_id);
  g_assert_cmpstr (ticket->subject, ==, "Invoice charged twice");
  g_assert_cmpstr (ticket->description, ==, "The March invoice was taken from the card twice.");
  g_assert_cmpint (ticket->channel, ==, CD_CHANNEL_EMAIL);
  g_assert_cmpint (ticket->priority, ==, CD_PRIORITY_HIGH);
  g_assert_cmpint (ticket->category_id, ==, fx->category_id);
  g_assert_cmpint (ticket->status, ==, CD_TICKET_NEW);
  g_assert_cmpint (ticket->created_by, ==, fx->me);
  g_assert_cmpint (ticket->resolution_due, >, 0);

  g_assert_true (cd_tickets_view_is_ticket_shown (fx->view));
  g_assert_cmpint (cd_ticket_page_get_ticket_id (CD_TICKET_PAGE (cd_tickets_view_get_ticket_page (fx->view))), ==, 1);
  g_assert_cmpstr (gtk_label_get_text (cd_ticket_page_get_subject_label (CD_TICKET_PAGE (cd_tickets_view_get_ticket_page (fx->view)))),
                   ==, "Invoice charged twice");

  /* The list shows it, and the counts follow. */
  cd_tickets_view_show_list (fx->view);
  cd_tickets_view_set_queue (fx->view, CD_TICKET_QUEUE_ALL);
  g_assert_cmpuint (cd_row_model_get_n_matches (CD_ROW_MODEL (cd_tickets_view_get_model (fx->view))), ==, 1);
  row = g_list_model_get_item (cd_tickets_view_get_model (fx->view), 0);
  g_assert_cmpint (cd_row_get_id (row), ==, 1);
  g_assert_cmpstr (cd_row_get_value_by_name (row, "subject"), ==, "Invoice charged twice");
  g_assert_cmpstr (cd_row_get_value_by_name (row, "customer"), ==, "Wang Fang");
  wait_for_count (fx->view, CD_TICKET_QUEUE_ALL, 1);
  wait_for_count (fx->view, CD_TICKET_QUEUE_UNASSIGNED, 1);
  wait_for_count (fx->view, CD_TICKET_QUEUE_STATUS_NEW, 1);
  g_assert_cmpint (cd_tickets_view_get_queue_count (fx->view, CD_TICKET_QUEUE_MINE), ==, 0);
  g_assert_cmpint (cd_tickets_view_get_queue_count (fx->view, CD_TICKET_QUEUE_STATUS_CLOSED), ==, 0);
}

/* EXPLAIN QUERY PLAN of @sql with @params bound, one detail a line. */
static char *
explain (CdStore    *store,
         const char *sql,
         GVariant   *params)
{
  g_autofree char *text = g_strconcat ("EXPLAIN QUERY PLAN ", sql, NULL);
  GString *plan = g_string_new (NULL);
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (cd_store_get_db (store), text, -1, &stmt, NULL), ==, SQLITE_OK);
  if (params != NULL)
    cd_row_model_bind_params (stmt, params);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_string_append_printf (plan, "%s\n", (const char *) sqlite3_column_text (stmt, 3));
  sqlite3_finalize (stmt);
  return g_string_free (plan, FALSE);
}

static void
test_numbers_from_two_processes (Fixture       *fx,
                                 gconstpointer  data)
{
  g_autoptr(CdStore) other = open_as_lina (fx);
  g_autoptr(GError) error = NULL;
  const char *sortable[] = { "number", "subject", "customer", "priority", "status", "assignee", "updated" };
  gint64 a, b;

  /* Two connections on one file each get their own number. */
  a = create_ticket (fx, "First");
  b = cd_ticket_create (other, fx->customer_id, "Second", NULL, CD_CHANNEL_CHAT, 0,
                        CD_PRIORITY_NORMAL, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpint (a, !=, b);

  show_view (fx);
  cd_tickets_view_set_queue (fx->view, CD_TICKET_QUEUE_ALL);
  g_assert_cmpuint (cd_row_model_get_n_matches (CD_ROW_MODEL (cd_tickets_view_get_model (fx->view))), ==, 2);

  /* Search by number finds exactly that ticket; by subject prefix too. */
  cd_tickets_view_set_search (fx->view, "T-000002");
  g_assert_cmpuint (cd_row_model_get_n_matches (CD_ROW_MODEL (cd_tickets_view_get_model (fx->view))), ==, 1);
  g_assert_cmpint (cd_row_model_get_id (CD_ROW_MODEL (cd_tickets_view_get_model (fx->view)), 0), ==, 2);
  cd_tickets_view_set_search (fx->view, "fir");
  g_assert_cmpuint (cd_row_model_get_n_matches (CD_ROW_MODEL (cd_tickets_view_get_model (fx->view))), ==, 1);
  g_assert_cmpint (cd_row_model_get_id (CD_ROW_MODEL (cd_tickets_view_get_model (fx->view)), 0), ==, a);
  cd_tickets_view_set_search (fx->view, NULL);

  /* Sorting on a header goes to the model. */
  g_assert_true (cd_tickets_view_sort_by (fx->view, "subject", FALSE));
  g_assert_cmpstr (cd_row_model_get_sort_column (CD_ROW_MODEL (cd_tickets_view_get_model (fx->view))), ==, "subject");
  g_assert_false (cd_row_model_get_sort_descending (CD_ROW_MODEL (cd_tickets_view_get_model (fx->view))));
  g_assert_cmpint (cd_row_model_get_id (CD_ROW_MODEL (cd_tickets_view_get_model (fx->view)), 0), ==, a);
  g_assert_true (cd_tickets_view_sort_by (fx->view, "subject", TRUE));
  g_assert_cmpint (cd_row_model_get_id (CD_ROW_MODEL (cd_tickets_view_get_model (fx->view)), 0), ==, b);
  /* Every column sorts, and every sort of All is read from an index. */
  for (guint i = 0; i < G_N_ELEMENTS (sortable); i++)
    for (int d = 0; d < 2; d++)
      {
        CdRowModel *model = CD_ROW_MODEL (cd_tickets_view_get_model (fx->view));
        g_autofree char *sql = NULL;
        g_autofree char *plan = NULL;

        g_assert_true (cd_tickets_view_sort_by (fx->view, sortable[i], d == 0));
        g_assert_cmpstr (cd_row_model_get_sort_column (model), ==, sortable[i]);
        g_assert_cmpint (cd_row_model_get_sort_descending (model), ==, d == 0);
        sql = cd_row_model_dup_select_sql (model);
        plan = explain (fx->store, sql, cd_row_model_get_params (model));
        if (strstr (plan, "USE TEMP B-TREE FOR ORDER BY") != NULL)
          g_error ("sorting by %s sorts every row:\n%s\n%s", sortable[i], sql, plan);
      }

  /* Priority sorts by urgency (a is high, b normal), not by name. */
  g_assert_true (cd_tickets_view_sort_by (fx->view, "priority", TRUE));
  g_assert_cmpint (cd_row_model_get_id (CD_ROW_MODEL (cd_tickets_view_get_model (fx->view)), 0), ==, a);
  g_assert_true (cd_tickets_view_sort_by (fx->view, "priority", FALSE));
  g_assert_cmpint (cd_row_model_get_id (CD_ROW_MODEL (cd_tickets_view_get_model (fx->view)), 0), ==, b);

  /* Deadlines sort in the open queues and in the finished ones, from
   * partial indexes; All has none, and falls back to "Updated". */
  g_assert_false (cd_tickets_view_sort_by (fx->view, "due", TRUE));
  cd_tickets_view_set_queue (fx->view, CD_TICKET_QUEUE_UNASSIGNED);
  g_assert_true (cd_tickets_view_sort_by (fx->view, "due", FALSE));
  g_assert_cmpstr (cd_row_model_get_sort_column (CD_ROW_MODEL (cd_tickets_view_get_model (fx->view))), ==, "due");
  cd_tickets_view_set_queue (fx->view, CD_TICKET_QUEUE_STATUS_CLOSED);
  g_assert_cmpstr (cd_row_model_get_sort_column (CD_ROW_MODEL (cd_tickets_view_get_model (fx->view))), ==, "due");
  {
    CdRowModel *model = CD_ROW_MODEL (cd_tickets_view_get_model (fx->view));
    g_autofree char *sql = cd_row_model_dup_select_sql (model);
    g_autofree char *plan = explain (fx->store, sql, cd_row_model_get_params (model));

    g_assert_nonnull (strstr (plan, "tickets_due_done"));
    g_assert_null (strstr (plan, "USE TEMP B-TREE FOR ORDER BY"));
  }
  cd_tickets_view_set_queue (fx->view, CD_TICKET_QUEUE_ALL);
  g_assert_cmpstr (cd_row_model_get_sort_column (CD_ROW_MODEL (cd_tickets_view_get_model (fx->view))), ==, "updated");

  /* Closed, which holds most of a team's tickets, is counted as all
   * tickets less the others: the same number. With a search it counts
   * itself. */
  {
    const CdTicketStatus steps[] = { CD_TICKET_OPEN, CD_TICKET_RESOLVED, CD_TICKET_CLOSED };

    for (guint i = 0; i < G_N_ELEMENTS (steps); i++)
      {
        g_assert_true (cd_ticket_set_status (fx->store, a, 0, steps[i], &error));
        g_assert_no_error (error);
        g_assert_true (cd_ticket_set_status (fx->store, b, 0, steps[i], &error));
        g_assert_no_error (error);
      }
  }
  wait_for_count (fx->view, CD_TICKET_QUEUE_STATUS_CLOSED, 2);
  cd_tickets_view_set_queue (fx->view, CD_TICKET_QUEUE_STATUS_CLOSED);
  g_assert_cmpuint (cd_row_model_get_n_matches (CD_ROW_MODEL (cd_tickets_view_get_model (fx->view))), ==, 2);
  cd_tickets_view_set_search (fx->view, "fir");
  g_assert_cmpuint (cd_row_model_get_n_matches (CD_ROW_MODEL (cd_tickets_view_get_model (fx->view))), ==, 1);
  g_assert_cmpint (cd_row_model_get_id (CD_ROW_MODEL (cd_tickets_view_get_model (fx->view)), 0), ==, a);
  cd_tickets_view_set_search (fx->view, NULL);
  g_assert_cmpuint (cd_row_model_get_n_matches (CD_ROW_MODEL (cd_tickets_view_get_model (fx->view))), ==, 2);
  cd_tickets_view_set_queue (fx->view, CD_TICKET_QUEUE_STATUS_NEW);
  g_assert_cmpuint (cd_row_model_get_n_matches (CD_ROW_MODEL (cd_tickets_view_get_model (fx->view))), ==, 0);

  /* A search that finds nothing points to All tickets, except in All
   * tickets itself. */
  {
    AdwStatusPage *empty;

    cd_tickets_view_set_search (fx->view, "zzz");
    gtk_test_widget_wait_for_draw (fx->window);
    empty = ADW_STATUS_PAGE (find_descendant (GTK_WIDGET (fx->view), ADW_TYPE_STATUS_PAGE, TRUE));
    g_assert_cmpstr (adw_status_page_get_title (empty), ==, "No Matching Tickets");
    g_assert_nonnull (strstr (adw_status_page_get_description (empty), "All tickets"));
    cd_tickets_view_set_queue (fx->view, CD_TICKET_QUEUE_ALL);
    g_assert_cmpuint (cd_row_model_get_n_matches (CD_ROW_MODEL (cd_tickets_view_get_model (fx->view))), ==, 0);
    g_assert_cmpstr (adw_status_page_get_title (empty), ==, "No Matching Tickets");
    g_assert_nonnull (strstr (adw_status_page_get_description (empty), "“zzz”"));
    g_assert_null (strstr (adw_status_page_get_description (empty), "All tickets"));
    cd_tickets_view_set_search (fx->view, NULL);
  }
}

static void
test_note (Fixture       *fx,
           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CdTicket) ticket = NULL;
  gint64 id = create_ticket (fx, "Router keeps rebooting");
  CdTicketPage *page;
  g_autofree char *left = NULL;

  show_view (fx);
  cd_tickets_view_open_ticket (fx->view, id);
  page = CD_TICKET_PAGE (cd_tickets_view_get_ticket_page (fx->view));

  /* An internal note does not answer the customer. */
  set_text_view (cd_ticket_page_get_composer (page), "Asked the network team to look.");
  gtk_check_button_set_active (cd_ticket_page_get_internal_check (page), TRUE);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "ticket.add-note", NULL));
  /* Not twice while it saves: a second press does nothing. */
  gtk_widget_activate_action (GTK_WIDGET (page), "ticket.add-note", NULL);
  wait_for_writes (fx->store);
  g_assert_cmpint (cd_store_query_int (fx->store, "SELECT count(*) FROM ticket_events WHERE kind = 'note_internal'",
                                       CD_NO_BIND, -1, NULL), ==, 1);
  g_assert_cmpint (cd_store_query_int (fx->store, "SELECT ifnull(first_response_at, 0) FROM tickets WHERE id = ?1",
                                       id, -1, NULL), ==, 0);

  /* A customer-facing one does. */
  gtk_check_button_set_active (cd_ticket_page_get_internal_check (page), FALSE);
  set_text_view (cd_ticket_page_get_composer (page), "Please unplug it for a minute and tell us what the lights do.");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "ticket.add-note", NULL));
  wait_for_writes (fx->store);

  g_assert_cmpint (cd_store_query_int (fx->store,
                                       "SELECT count(*) FROM ticket_events WHERE ticket_id = ?1 AND kind = 'note_public'"
                                       " AND body = 'Please unplug it for a minute and tell us what the lights do.'",
                                       id, -1, NULL), ==, 1);
  ticket = cd_ticket_load (fx->store, id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (ticket->first_response_at, >, 0);
  g_assert_cmpint (ticket->status, ==, CD_TICKET_OPEN);

  /* The composer is empty again and the timeline shows both notes and
   * the status changes, newest first. */
  left = dup_text_view (cd_ticket_page_get_composer (page));
  g_assert_cmpstr (left, ==, "");
  g_assert_nonnull (gtk_list_box_get_row_at_index (cd_ticket_page_get_timeline (page), 3));
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (gtk_list_box_get_row_at_index (cd_ticket_page_get_timeline (page), 2)),
                                           "cd-internal-note"));
  g_assert_cmpint (cd_ticket_page_get_ticket (page)->status, ==, CD_TICKET_OPEN);
}

/* Names are shown as written, "&" and "<" too: not read as markup (GTK
 * warned and showed nothing). */
static void
test_names_not_markup (Fixture       *fx,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  const CdField rename[] = { { "name", "Smith & Sons <UK>" } };
  gint64 id;
  CdTicketPage *page;
  GtkWidget *editor;

  g_assert_true (cd_store_update (fx->store, "customers", fx->customer_id, 0, rename, G_N_ELEMENTS (rename), &error));
  g_assert_no_error (error);
  id = create_ticket (fx, "Invoice <draft> & final");

  show_view (fx);
  cd_tickets_view_open_ticket (fx->view, id);
  page = CD_TICKET_PAGE (cd_tickets_view_get_ticket_page (fx->view));
  gtk_test_widget_wait_for_draw (fx->window);
  g_assert_cmpstr (gtk_label_get_text (cd_ticket_page_get_subject_label (page)), ==, "Invoice <draft> & final");

  /* The editor of the ticket, and a new ticket for the customer. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "ticket.edit", NULL));
  editor = find_toplevel (CD_TYPE_TICKET_EDITOR);
  g_assert_nonnull (editor);
  gtk_test_widget_wait_for_draw (editor);
  gtk_window_destroy (GTK_WINDOW (editor));

  editor = cd_ticket_editor_new (fx->store, 0);
  cd_ticket_editor_set_customer (CD_TICKET_EDITOR (editor), fx->customer_id, "Smith & Sons <UK>");
  gtk_window_present (GTK_WINDOW (editor));
  gtk_test_widget_wait_for_draw (editor);
  gtk_window_destroy (GTK_WINDOW (editor));
}

/* The note field and the description are framed like every text field,
 * so that they read as inputs in dark mode too. */
static void
test_text_fields_framed (Fixture       *fx,
                         gconstpointer  data)
{
  gint64 id = create_ticket (fx, "Router keeps rebooting");
  CdTicketPage *page;
  GtkWidget *editor, *text, *scrolled;

  show_view (fx);
  cd_tickets_view_open_ticket (fx->view, id);
  page = CD_TICKET_PAGE (cd_tickets_view_get_ticket_page (fx->view));
  gtk_test_widget_wait_for_draw (fx->window);
  text = find_descendant (GTK_WIDGET (page), GTK_TYPE_TEXT_VIEW, TRUE);
  g_assert_nonnull (text);
  scrolled = gtk_widget_get_parent (text);
  g_assert_true (GTK_IS_SCROLLED_WINDOW (scrolled));
  g_assert_true (gtk_scrolled_window_get_has_frame (GTK_SCROLLED_WINDOW (scrolled)));

  editor = cd_ticket_editor_new (fx->store, 0);
  gtk_window_present (GTK_WINDOW (editor));
  gtk_test_widget_wait_for_draw (editor);
  text = find_descendant (editor, GTK_TYPE_TEXT_VIEW, FALSE);
  g_assert_nonnull (text);
  scrolled = gtk_widget_get_parent (text);
  g_assert_true (GTK_IS_SCROLLED_WINDOW (scrolled));
  g_assert_true (gtk_scrolled_window_get_has_frame (GTK_SCROLLED_WINDOW (scrolled)));
  gtk_window_destroy (GTK_WINDOW (editor));
}

static void
test_draft (Fixture       *fx,
            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CdStore) other = open_as_lina (fx);
  g_autofree char *saved = NULL;
  g_autofree char *shown = NULL;
  g_autofree char *reopened = NULL;
  gint64 id = create_ticket (fx, "Parcel lost");
  const CdTicket *ticket;
  CdTicketPage *page;

  show_view (fx);
  cd_tickets_view_open_ticket (fx->view, id);
  page = CD_TICKET_PAGE (cd_tickets_view_get_ticket_page (fx->view));

  set_text_view (cd_ticket_page_get_composer (page), "We have asked the courier to");
  g_assert_true (cd_ticket_page_flush_draft (page));
  wait_for_writes (fx->store);
  saved = cd_draft_load (fx->store, "ticket", id, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (saved, ==, "We have asked the courier to");

  /* Someone else's draft and their change to the ticket leave it alone. */
  g_assert_true (cd_draft_save (other, "ticket", id, "Li Na's own words", &error));
  ticket = cd_ticket_page_get_ticket (page);
  g_assert_true (cd_ticket_update (other, id, ticket->version, "Parcel lost in transit", NULL,
                                   CD_CHANNEL_PHONE, fx->category_id, CD_PRIORITY_HIGH, &error));
  g_assert_no_error (error);
  g_assert_true (cd_store_check_external_changes (fx->store));
  shown = dup_text_view (cd_ticket_page_get_composer (page));
  g_assert_cmpstr (shown, ==, "We have asked the courier to");

  /* Leaving saves it too; a fresh view (a restart) finds it again. */
  set_text_view (cd_ticket_page_get_composer (page), "We have asked the courier to trace it.");
  cd_tickets_view_show_list (fx->view);
  gtk_window_destroy (GTK_WINDOW (fx->window));
  wait_for_writes (fx->store);

  show_view (fx);
  cd_tickets_view_open_ticket (fx->view, id);
  page = CD_TICKET_PAGE (cd_tickets_view_get_ticket_page (fx->view));
  reopened = dup_text_view (cd_ticket_page_get_composer (page));
  g_assert_cmpstr (reopened, ==, "We have asked the courier to trace it.");
}

static gboolean
list_shows_subject (gpointer data)
{
  Fixture *fx = data;
  g_autoptr(CdRow) row = g_list_model_get_item (cd_tickets_view_get_model (fx->view), 0);

  return row != NULL && g_strcmp0 (cd_row_get_value_by_name (row, "subject"), "Screen cracked on arrival") == 0;
}

static void
test_external_change (Fixture       *fx,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CdStore) other = open_as_lina (fx);
  gint64 id = create_ticket (fx, "Screen cracked");
  CdTicketPage *page;
  gint64 version;

  show_view (fx);
  cd_tickets_view_set_queue (fx->view, CD_TICKET_QUEUE_ALL);
  cd_tickets_view_open_ticket (fx->view, id);
  page = CD_TICKET_PAGE (cd_tickets_view_get_ticket_page (fx->view));
  g_assert_false (gtk_widget_get_visible (gtk_widget_get_parent (GTK_WIDGET (cd_ticket_page_get_presence_label (page)))));

  /* Li Na opens it in her Caredesk and changes the subject. */
  g_assert_true (cd_presence_touch (other, "ticket", id, "her-instance", &error));
  version = cd_store_get_version (other, "tickets", id, &error);
  g_assert_true (cd_ticket_update (other, id, version, "Screen cracked on arrival", NULL,
                                   CD_CHANNEL_PHONE, fx->category_id, CD_PRIORITY_HIGH, &error));
  g_assert_no_error (error);

  g_assert_true (cd_store_check_external_changes (fx->store));
  g_assert_cmpstr (gtk_label_get_text (cd_ticket_page_get_subject_label (page)), ==, "Screen cracked on arrival");
  g_assert_cmpstr (gtk_label_get_text (cd_ticket_page_get_presence_label (page)), ==, "Li Na is editing");
  g_assert_true (gtk_widget_get_visible (gtk_widget_get_parent (GTK_WIDGET (cd_ticket_page_get_presence_label (page)))));

  /* The list follows within the refresh interval. */
  cd_test_wait_until (list_shows_subject, fx, "the list to show the new subject");
}

static guint
count_others_editing (CdStore *store,
                      gint64   id)
{
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) names = cd_presence_others (store, "ticket", id, &error);

  g_assert_no_error (error);
  return g_strv_length (names);
}

/* A ticket tells the others it is open once it has been shown a moment:
 * one paged past writes nothing, neither arriving nor leaving. */
static void
test_presence_after_delay (Fixture       *fx,
                           gconstpointer  data)
{
  g_autoptr(CdStore) other = open_as_lina (fx);
  gint64 skimmed = create_ticket (fx, "Wrong colour");
  gint64 read = create_ticket (fx, "Late delivery");
  CdTicketPage *page;

  show_view (fx);
  wait_for_writes (fx->store);
  cd_tickets_view_open_ticket (fx->view, skimmed);
  cd_tickets_view_open_ticket (fx->view, read);
  page = CD_TICKET_PAGE (cd_tickets_view_get_ticket_page (fx->view));
  g_assert_cmpint (cd_ticket_page_get_ticket_id (page), ==, read);
  g_assert_cmpuint (cd_store_get_pending_writes (fx->store), ==, 0);
  g_assert_cmpuint (count_others_editing (other, read), ==, 0);

  cd_test_wait_for (count_others_editing (other, read) == 1);
  g_assert_cmpuint (count_others_editing (other, skimmed), ==, 0);

  /* Leaving a ticket that was announced says so. */
  cd_tickets_view_show_list (fx->view);
  wait_for_writes (fx->store);
  g_assert_cmpuint (count_others_editing (other, read), ==, 0);
}

static void
test_conflict (Fixture       *fx,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CdStore) other = open_as_lina (fx);
  g_autoptr(CdTicket) saved = NULL;
  gint64 id = create_ticket (fx, "Wrong size delivered");
  CdConflictDialog *dialog;
  CdTicketEditor *editor;
  CdTicketPage *page;
  gboolean found = FALSE;
  gint64 version;

  show_view (fx);
  cd_tickets_view_open_ticket (fx->view, id);
  page = CD_TICKET_PAGE (cd_tickets_view_get_ticket_page (fx->view));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "ticket.edit", NULL));
  editor = CD_TICKET_EDITOR (find_toplevel (CD_TYPE_TICKET_EDITOR));
  g_assert_nonnull (editor);
  gtk_editable_set_text (GTK_EDITABLE (cd_ticket_editor_get_subject_row (editor)), "Wrong size delivered (shoes)");

  /* Meanwhile Li Na saves the ticket. */
  version = cd_store_get_version (other, "tickets", id, &error);
  g_assert_true (cd_ticket_update (other, id, version, "Wrong colour delivered", NULL,
                                   CD_CHANNEL_PHONE, fx->category_id, CD_PRIORITY_HIGH, &error));
  g_assert_no_error (error);

  g_signal_emit_by_name (cd_ticket_editor_get_save_button (editor), "clicked");
  cd_test_wait_until (conflict_dialog_shown, NULL, "the conflict dialog");
  dialog = CD_CONFLICT_DIALOG (find_toplevel (CD_TYPE_CONFLICT_DIALOG));
  for (guint i = 0; i < cd_conflict_dialog_get_n_fields (dialog); i++)
    {
      const char *label, *yours, *theirs;

      cd_conflict_dialog_get_field (dialog, i, &label, &yours, &theirs);
      if (g_strcmp0 (label, "Subject") == 0)
        {
          g_assert_cmpstr (yours, ==, "Wrong size delivered (shoes)");
          g_assert_cmpstr (theirs, ==, "Wrong colour delivered");
          found = TRUE;
        }
    }
  g_assert_true (found);
  g_assert_nonnull (strstr (adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (dialog)), "Li Na"));

  /* Nothing of ours was written yet; overwrite writes it. */
  saved = cd_ticket_load (fx->store, id, &error);
  g_assert_cmpstr (saved->subject, ==, "Wrong colour delivered");
  g_clear_pointer (&saved, cd_ticket_free);
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), CD_CONFLICT_RESPONSE_OVERWRITE);
  wait_for_writes (fx->store);
  saved = cd_ticket_load (fx->store, id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (saved->subject, ==, "Wrong size delivered (shoes)");
  g_assert_null (find_toplevel (CD_TYPE_TICKET_EDITOR));
}

/* The status buttons under @widget: their labels, the shown ones joined
 * by "|", and in @n_made how many there are, shown or not. */
static void
collect_status_buttons (GtkWidget *widget,
                        GString   *shown,
                        guint     *n_made)
{
  if (GTK_IS_BUTTON (widget) &&
      g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (widget)), "ticket.set-status") == 0)
    {
      (*n_made)++;
      if (gtk_widget_get_visible (widget))
        g_string_append_printf (shown, "%s%s", shown->len > 0 ? "|" : "",
                                gtk_button_get_label (GTK_BUTTON (widget)));
      return;
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_status_buttons (child, shown, n_made);
}

static char *
dup_status_buttons (CdTicketPage *page,
                    guint        *n_made)
{
  GString *shown = g_string_new (NULL);

  *n_made = 0;
  collect_status_buttons (GTK_WIDGET (page), shown, n_made);
  return g_string_free (shown, FALSE);
}

/* The status row offers the steps from the status of the ticket shown;
 * going to another ticket shows its steps with the same buttons. */
static void
test_status_buttons (Fixture       *fx,
                     gconstpointer  data)
{
  gint64 fresh = create_ticket (fx, "Refund not received");
  gint64 worked = create_ticket (fx, "Invoice sent twice");
  g_autofree char *fresh_steps = NULL;
  g_autofree char *worked_steps = NULL;
  g_autofree char *again = NULL;
  CdTicketPage *page;
  guint n_made, n_later;

  show_view (fx);
  cd_tickets_view_open_ticket (fx->view, worked);
  page = CD_TICKET_PAGE (cd_tickets_view_get_ticket_page (fx->view));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "ticket.set-status", "s", "open"));
  wait_for_writes (fx->store);
  g_assert_cmpint (cd_ticket_page_get_ticket (page)->status, ==, CD_TICKET_OPEN);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "ticket.set-status", "s", "pending"));
  wait_for_writes (fx->store);
  g_assert_cmpint (cd_ticket_page_get_ticket (page)->status, ==, CD_TICKET_PENDING);
  worked_steps = dup_status_buttons (page, &n_made);
  g_assert_cmpstr (worked_steps, ==, "_Resume|Re_solve");

  cd_tickets_view_open_ticket (fx->view, fresh);
  fresh_steps = dup_status_buttons (page, &n_later);
  g_assert_cmpstr (fresh_steps, ==, "_Open");
  g_assert_cmpuint (n_later, ==, n_made);

  cd_tickets_view_open_ticket (fx->view, worked);
  again = dup_status_buttons (page, &n_later);
  g_assert_cmpstr (again, ==, "_Resume|Re_solve");
  g_assert_cmpuint (n_later, ==, n_made);
}

static void
test_workflow (Fixture       *fx,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CdTicket) ticket = NULL;
  gint64 id = create_ticket (fx, "Refund not received");
  CdTicketPage *page;

  show_view (fx);
  cd_tickets_view_open_ticket (fx->view, id);
  page = CD_TICKET_PAGE (cd_tickets_view_get_ticket_page (fx->view));

  /* Only the steps the workflow allows are offered. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "ticket.set-status", "s", "closed"));
  wait_for_writes (fx->store);
  g_assert_cmpint (cd_ticket_page_get_ticket (page)->status, ==, CD_TICKET_NEW);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "ticket.set-status", "s", "open"));
  /* One change at a time: the status buttons wait for the first. */
  gtk_widget_activate_action (GTK_WIDGET (page), "ticket.set-status", "s", "resolved");
  wait_for_writes (fx->store);
  g_assert_cmpint (cd_ticket_page_get_ticket (page)->status, ==, CD_TICKET_OPEN);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "ticket.set-status", "s", "resolved"));
  wait_for_writes (fx->store);
  g_assert_cmpint (cd_ticket_page_get_ticket (page)->status, ==, CD_TICKET_RESOLVED);
  /* Resolving asks for the customer's satisfaction. */
  g_assert_nonnull (find_toplevel (g_type_from_name ("CdSatisfactionDialog")));

  ticket = cd_ticket_load (fx->store, id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (ticket->status, ==, CD_TICKET_RESOLVED);
  g_assert_cmpint (ticket->resolved_at, >, 0);
}

/* /gui/tickets/cells ------------------------------------------------------- */

static void
collect_cell_texts (GtkWidget *widget,
                    GPtrArray *texts)
{
  if (GTK_IS_INSCRIPTION (widget))
    {
      const char *text = gtk_inscription_get_text (GTK_INSCRIPTION (widget));
      g_ptr_array_add (texts, g_strdup (text != NULL ? text : ""));
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_cell_texts (child, texts);
}

static gboolean
has_cell_text (CdTicketsView *view,
               const char    *text)
{
  g_autoptr(GPtrArray) texts = g_ptr_array_new_with_free_func (g_free);

  collect_cell_texts (cd_tickets_view_get_column_view (view), texts);
  for (guint i = 0; i < texts->len; i++)
    if (g_strcmp0 (g_ptr_array_index (texts, i), text) == 0)
      return TRUE;
  return FALSE;
}

static gboolean
list_drawn (gpointer data)
{
  Fixture *fx = data;
  GtkWidget *column_view = cd_tickets_view_get_column_view (fx->view);

  return gtk_widget_get_mapped (column_view) && has_cell_text (fx->view, "T-000001");
}

/* Every cell, the SLA clock included, is filled when the rows are bound,
 * from the rules read with the query: nothing is left for later. */
static void
test_cells (Fixture       *fx,
            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CdTicket) ticket = NULL;
  g_autofree char *clock = NULL;
  const char *style = NULL;
  CdTicketSla sla;
  gint64 id = create_ticket (fx, "Invoice charged twice");

  show_view (fx);
  cd_tickets_view_set_queue (fx->view, CD_TICKET_QUEUE_ALL);
  cd_test_wait_until (list_drawn, fx, "the list to show its first ticket");

  ticket = cd_ticket_load (fx->store, id, &error);
  g_assert_no_error (error);
  g_assert_true (cd_ticket_sla (fx->store, ticket, cd_store_now (fx->store), &sla, &error));
  g_assert_true (sla.has_resolution);
  clock = cd_tickets_describe_clock_short (sla.resolution_state, sla.resolution_left, sla.resolution_paused, &style);
  g_assert_true (has_cell_text (fx->view, clock));
  g_assert_true (has_cell_text (fx->view, "Invoice charged twice"));
  g_assert_true (has_cell_text (fx->view, "Wang Fang"));
  /* Times are written as everywhere else in Caredesk. */
  {
    g_autofree char *updated = cd_datetime_format_short (ticket->updated_at, cd_store_now (fx->store));
    g_assert_true (has_cell_text (fx->view, updated));
  }
  /* Screen readers get each cell's text as its name. */
  {
    GtkWidget *cell = cd_test_find_cell (cd_tickets_view_get_column_view (fx->view), "Invoice charged twice");
    g_autofree char *mismatch = NULL;

    g_assert_nonnull (cell);
    mismatch = gtk_test_accessible_check_property (GTK_ACCESSIBLE (cell), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                                   "Invoice charged twice");
    g_assert_null (mismatch);
  }

  /* A new query fills the cells again before anything else runs. */
  cd_tickets_view_set_queue (fx->view, CD_TICKET_QUEUE_UNASSIGNED);
  g_assert_true (has_cell_text (fx->view, clock));

  /* An empty queue shows its page over the rows, and keeps them for the
   * next queue: a GTK 4.8 list would build them all again. */
  {
    GtkWidget *column_view = cd_tickets_view_get_column_view (fx->view);
    GtkWidget *cell = cd_test_find_cell (column_view, clock);

    g_assert_nonnull (cell);
    g_object_add_weak_pointer (G_OBJECT (cell), (gpointer *) &cell);
    cd_tickets_view_set_queue (fx->view, CD_TICKET_QUEUE_STATUS_CLOSED);
    g_assert_cmpuint (cd_row_model_get_n_matches (CD_ROW_MODEL (cd_tickets_view_get_model (fx->view))), ==, 0);
    g_assert_false (gtk_widget_get_mapped (column_view));
    cd_tickets_view_set_queue (fx->view, CD_TICKET_QUEUE_UNASSIGNED);
    g_assert_true (gtk_widget_get_mapped (column_view));
    g_assert_true (has_cell_text (fx->view, clock));
    g_assert_nonnull (cell);
    g_object_remove_weak_pointer (G_OBJECT (cell), (gpointer *) &cell);
  }
}

/* /gui/tickets/search-replace ---------------------------------------------- */

static gboolean
search_is (gpointer data)
{
  Fixture *fx = data;

  GListModel *model = cd_tickets_view_get_model (fx->view);

  return cd_row_model_get_n_matches (CD_ROW_MODEL (model)) == 1 && cd_row_model_get_id (CD_ROW_MODEL (model), 0) == 2;
}

/* Replacing the search text passes through an empty text; that must not
 * list every ticket in between, nor wait for the typing delay. */
static void
test_search_replace (Fixture       *fx,
                     gconstpointer  data)
{
  GtkEditable *entry;
  CdRowModel *model;
  guint counts;

  create_ticket (fx, "Router keeps rebooting");
  create_ticket (fx, "Invoice charged twice");
  show_view (fx);
  cd_tickets_view_set_queue (fx->view, CD_TICKET_QUEUE_ALL);
  entry = GTK_EDITABLE (find_descendant (GTK_WIDGET (fx->view), GTK_TYPE_SEARCH_ENTRY, FALSE));
  model = CD_ROW_MODEL (cd_tickets_view_get_model (fx->view));

  cd_tickets_view_set_search (fx->view, "Rou");
  g_assert_cmpuint (cd_row_model_get_n_matches (model), ==, 1);
  counts = cd_row_model_get_n_count_queries (model);

  gtk_editable_set_text (entry, "Inv");
  cd_test_wait_until (search_is, fx, "the replaced search to apply");
  g_assert_cmpint (cd_row_model_get_id (model, 0), ==, 2);
  /* One query for the new text, none for the empty one in between. */
  g_assert_cmpuint (cd_row_model_get_n_count_queries (model), ==, counts + 1);

  /* Clearing the entry still shows every ticket. */
  gtk_editable_set_text (entry, "");
  cd_test_wait_for (cd_row_model_get_n_matches (model) == 2);

  /* A search of 10 000 characters (quotes, a semicolon, Chinese) finds
   * nothing, and the page that says so repeats only its start. */
  {
    g_autoptr(GString) huge = g_string_new (NULL);
    AdwStatusPage *page;
    const char *description;

    while (huge->len < 10000)
      g_string_append (huge, "张\"; DROP TABLE tickets; --");
    cd_tickets_view_set_search (fx->view, huge->str);
    g_assert_cmpuint (cd_row_model_get_n_matches (model), ==, 0);
    page = ADW_STATUS_PAGE (find_descendant (GTK_WIDGET (fx->view), ADW_TYPE_STATUS_PAGE, TRUE));
    g_assert_nonnull (page);
    description = adw_status_page_get_description (page);
    g_assert_nonnull (strstr (description, "张\"; DROP TABLE"));
    g_assert_nonnull (strstr (description, "…"));
    g_assert_cmpint (g_utf8_strlen (description, -1), <, 300);
    cd_tickets_view_set_search (fx->view, NULL);
    g_assert_cmpuint (cd_row_model_get_n_matches (model), ==, 2);
    g_assert_cmpint (cd_store_query_int (fx->store, "SELECT count(*) FROM tickets", CD_NO_BIND, -1, NULL), ==, 2);
  }
}

/* /gui/tickets/follows-changes ---------------------------------------------- */

/* The page rebuilds what it shows only for changes of its own ticket, and
 * takes a draft of its ticket that the same person saved in another
 * Caredesk when its composer holds nothing of its own. */
static void
test_follows_changes (Fixture       *fx,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CdStore) lina = open_as_lina (fx);
  g_autoptr(CdStore) mine = NULL;
  g_autofree char *shown = NULL;
  gint64 id = create_ticket (fx, "Parcel lost");
  gint64 other = create_ticket (fx, "Router keeps rebooting");
  GtkListBoxRow *row;
  GtkLabel *mark;
  CdTicketPage *page;

  show_view (fx);
  cd_tickets_view_open_ticket (fx->view, id);
  page = CD_TICKET_PAGE (cd_tickets_view_get_ticket_page (fx->view));
  wait_for_writes (fx->store);
  /* A mark in the timeline stays until the timeline is read again. */
  row = gtk_list_box_get_row_at_index (cd_ticket_page_get_timeline (page), 0);
  g_assert_nonnull (row);
  mark = GTK_LABEL (find_descendant (GTK_WIDGET (row), GTK_TYPE_LABEL, FALSE));
  g_assert_nonnull (mark);
  gtk_label_set_text (mark, "cd-test-mark");

  /* Another ticket changed: nothing here is read again. */
  g_assert_cmpint (cd_ticket_add_note (lina, other, "Checked the cables.", FALSE, &error), >, 0);
  g_assert_no_error (error);
  g_assert_true (cd_store_check_external_changes (fx->store));
  g_assert_cmpstr (gtk_label_get_text (mark), ==, "cd-test-mark");

  /* This one did: its timeline shows the new note. */
  g_assert_cmpint (cd_ticket_add_note (lina, id, "Called the courier.", FALSE, &error), >, 0);
  g_assert_no_error (error);
  g_assert_true (cd_store_check_external_changes (fx->store));
  g_assert_cmpstr (gtk_label_get_text (mark), !=, "cd-test-mark");
  row = gtk_list_box_get_row_at_index (cd_ticket_page_get_timeline (page), 0);
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (row), "cd-internal-note"));

  /* The same person's draft from another desktop fills the empty
   * composer; words typed here are never replaced. */
  mine = cd_store_open (fx->path, CD_STORE_OPEN_NO_WATCH, &error);
  g_assert_no_error (error);
  g_assert_true (cd_store_sign_in (mine, "tester", NULL, &error));
  g_assert_true (cd_draft_save (mine, "ticket", id, "From my other desk", &error));
  g_assert_no_error (error);
  g_assert_true (cd_store_check_external_changes (fx->store));
  shown = dup_text_view (cd_ticket_page_get_composer (page));
  g_assert_cmpstr (shown, ==, "From my other desk");
  g_clear_pointer (&shown, g_free);

  set_text_view (cd_ticket_page_get_composer (page), "Typed here");
  g_assert_true (cd_draft_save (mine, "ticket", id, "From my other desk, later", &error));
  g_assert_true (cd_store_check_external_changes (fx->store));
  shown = dup_text_view (cd_ticket_page_get_composer (page));
  g_assert_cmpstr (shown, ==, "Typed here");
}

/* /gui/tickets/rules-follow-changes -------------------------------------- */

static int
count_rule_reads_cb (unsigned int  type,
                     void         *context,
                     void         *p,
                     void         *x)
{
  guint *reads = context;

  if (type == SQLITE_TRACE_STMT && strstr ((const char *) x, "FROM sla_policies") != NULL)
    (*reads)++;
  return 0;
}

/* A queue, a search or a sort reads no SLA rules: the view keeps them
 * and reads them again when they change. */
static void
test_rules_follow_changes (Fixture       *fx,
                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  guint reads = 0;

  create_ticket (fx, "Parcel lost");
  show_view (fx);
  cd_test_wait_for (!g_main_context_pending (NULL));
  sqlite3_trace_v2 (cd_store_get_db (fx->store), SQLITE_TRACE_STMT, count_rule_reads_cb, &reads);

  cd_tickets_view_set_queue (fx->view, CD_TICKET_QUEUE_ALL);
  cd_tickets_view_set_search (fx->view, "Parcel");
  g_assert_true (cd_tickets_view_sort_by (fx->view, "subject", FALSE));
  cd_tickets_view_set_search (fx->view, NULL);
  cd_test_wait_for (!g_main_context_pending (NULL));
  g_assert_cmpuint (g_list_model_get_n_items (cd_tickets_view_get_model (fx->view)), ==, 1);
  g_assert_cmpuint (reads, ==, 0);

  g_assert_true (cd_sla_policy_set (fx->store, CD_PRIORITY_HIGH, CD_SLA_ANY_TIER, 30, 240, 0, &error));
  g_assert_no_error (error);
  cd_test_wait_for (reads > 0);
  sqlite3_trace_v2 (cd_store_get_db (fx->store), 0, NULL, NULL);
}

/* /gui/tickets/writes-in-background ---------------------------------------- */

static void
count_change_cb (CdStore  *store,
                 CdChange *change,
                 guint    *count)
{
  (*count)++;
}

/* Drafts and heartbeats run on the store's write worker and never pile
 * up: one at a time per page, the newest draft replacing one that waits.
 * A dialog closed while it saves is no trouble. */
static void
test_writes_in_background (Fixture       *fx,
                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *saved = NULL;
  g_autofree char *shown = NULL;
  gint64 id = create_ticket (fx, "Parcel lost");
  gint64 other = create_ticket (fx, "Router keeps rebooting");
  CdTicketPage *page;
  CdTicketEditor *editor;
  guint n_drafts = 0;
  gulong handler;

  show_view (fx);
  cd_tickets_view_open_ticket (fx->view, id);
  page = CD_TICKET_PAGE (cd_tickets_view_get_ticket_page (fx->view));
  wait_for_writes (fx->store);

  /* A heartbeat still on its way is not followed by another. */
  cd_ticket_page_update_presence (page);
  g_assert_cmpuint (cd_store_get_pending_writes (fx->store), ==, 1);
  cd_ticket_page_update_presence (page);
  cd_ticket_page_update_presence (page);
  g_assert_cmpuint (cd_store_get_pending_writes (fx->store), ==, 1);
  wait_for_writes (fx->store);

  /* Three drafts typed while the first saves: the second is replaced by
   * the third, so two are written, the last one wins. */
  handler = g_signal_connect (fx->store, "changed::" CD_CHANGE_DRAFTS, G_CALLBACK (count_change_cb), &n_drafts);
  set_text_view (cd_ticket_page_get_composer (page), "We have");
  g_assert_true (cd_ticket_page_flush_draft (page));
  set_text_view (cd_ticket_page_get_composer (page), "We have asked");
  g_assert_true (cd_ticket_page_flush_draft (page));
  set_text_view (cd_ticket_page_get_composer (page), "We have asked the courier");
  g_assert_true (cd_ticket_page_flush_draft (page));
  g_assert_cmpuint (cd_store_get_pending_writes (fx->store), ==, 1);
  wait_for_writes (fx->store);
  g_assert_cmpuint (n_drafts, ==, 2);
  saved = cd_draft_load (fx->store, "ticket", id, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (saved, ==, "We have asked the courier");

  /* Going to another ticket and straight back shows the draft being
   * saved, not the older one in the file. */
  set_text_view (cd_ticket_page_get_composer (page), "We have asked the courier to trace it.");
  cd_tickets_view_open_ticket (fx->view, other);
  cd_tickets_view_open_ticket (fx->view, id);
  shown = dup_text_view (cd_ticket_page_get_composer (page));
  g_assert_cmpstr (shown, ==, "We have asked the courier to trace it.");
  wait_for_writes (fx->store);
  g_clear_pointer (&saved, g_free);
  saved = cd_draft_load (fx->store, "ticket", id, NULL, &error);
  g_assert_cmpstr (saved, ==, "We have asked the courier to trace it.");
  g_signal_handler_disconnect (fx->store, handler);

  /* An editor closed while it saves: nothing crashes, the save is done or
   * given up, and nobody else is told about the closed window. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "ticket.edit", NULL));
  editor = CD_TICKET_EDITOR (find_toplevel (CD_TYPE_TICKET_EDITOR));
  g_assert_nonnull (editor);
  gtk_editable_set_text (GTK_EDITABLE (cd_ticket_editor_get_subject_row (editor)), "Parcel lost in transit");
  g_signal_emit_by_name (cd_ticket_editor_get_save_button (editor), "clicked");
  gtk_window_destroy (GTK_WINDOW (editor));
  wait_for_writes (fx->store);
  g_assert_null (find_toplevel (CD_TYPE_TICKET_EDITOR));
  g_assert_nonnull (cd_ticket_page_get_ticket (page));
}

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
  else if (GTK_IS_TEXT_VIEW (widget))
    {
      g_autofree char *text = dup_text_view (GTK_TEXT_VIEW (widget));

      g_string_append_printf (texts, "%s\n", text);
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_visible_texts (child, texts);
}

static gboolean
page_shows_subject (gpointer data)
{
  CdTicketPage *page = data;

  return g_strcmp0 (gtk_label_get_text (cd_ticket_page_get_subject_label (page)), "Second printer replaced") == 0;
}

/* One page shows every ticket opened: the second shows only its own
 * details, timeline and (empty) draft from the same call on, before any
 * frame; the first one's unsaved words are saved as its draft, not shown
 * with the second; the page is back at the top; and it follows changes
 * of the second ticket, not of the first. */
static void
test_page_rebind (Fixture       *fx,
                  gconstpointer  data)
{
  const char *first_texts[] = {
    "Kettle leaks", "The kettle leaks from the bottom.", "Sent a replacement seal.", "Half-typed reply about the kettle",
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(CdStore) other = open_as_lina (fx);
  g_autoptr(GString) texts = g_string_new (NULL);
  g_autofree char *saved = NULL;
  g_autofree char *composer = NULL;
  CdTicketPage *page;
  GtkAdjustment *adjustment;
  GtkWidget *scrolled;
  const CdTicket *ticket;
  gint64 a, b;

  a = cd_ticket_create (fx->store, fx->customer_id, "Kettle leaks", "The kettle leaks from the bottom.",
                        CD_CHANNEL_PHONE, fx->category_id, CD_PRIORITY_HIGH, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpint (cd_ticket_add_note (fx->store, a, "Sent a replacement seal.", FALSE, &error), >, 0);
  g_assert_no_error (error);
  b = cd_ticket_create (fx->store, fx->customer_id, "Printer jams", "Jams on every second page.",
                        CD_CHANNEL_EMAIL, fx->category_id, CD_PRIORITY_LOW, 0, &error);
  g_assert_no_error (error);

  show_view (fx);
  gtk_window_set_default_size (GTK_WINDOW (fx->window), 1100, 300);
  cd_tickets_view_open_ticket (fx->view, a);
  page = CD_TICKET_PAGE (cd_tickets_view_get_ticket_page (fx->view));
  gtk_test_widget_wait_for_draw (fx->window);
  g_assert_cmpstr (gtk_label_get_text (cd_ticket_page_get_subject_label (page)), ==, "Kettle leaks");
  set_text_view (cd_ticket_page_get_composer (page), "Half-typed reply about the kettle");
  gtk_widget_grab_focus (GTK_WIDGET (cd_ticket_page_get_composer (page)));
  scrolled = gtk_widget_get_ancestor (GTK_WIDGET (cd_ticket_page_get_timeline (page)), GTK_TYPE_SCROLLED_WINDOW);
  g_assert_nonnull (scrolled);
  adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scrolled));
  gtk_adjustment_set_value (adjustment, gtk_adjustment_get_upper (adjustment));

  /* Before any frame is drawn. */
  cd_tickets_view_open_ticket (fx->view, b);
  g_assert_true (CD_TICKET_PAGE (cd_tickets_view_get_ticket_page (fx->view)) == page);
  g_assert_cmpint (cd_ticket_page_get_ticket_id (page), ==, b);
  g_assert_cmpfloat (gtk_adjustment_get_value (adjustment), ==, 0);
  composer = dup_text_view (cd_ticket_page_get_composer (page));
  g_assert_cmpstr (composer, ==, "");
  collect_visible_texts (GTK_WIDGET (page), texts);
  g_assert_nonnull (strstr (texts->str, "Printer jams"));
  g_assert_nonnull (strstr (texts->str, "Jams on every second page."));
  for (guint i = 0; i < G_N_ELEMENTS (first_texts); i++)
    if (strstr (texts->str, first_texts[i]) != NULL)
      g_error ("The page shows “%s” of the ticket opened before:\n%s", first_texts[i], texts->str);

  gtk_test_widget_wait_for_draw (fx->window);
  g_assert_cmpstr (gtk_label_get_text (cd_ticket_page_get_subject_label (page)), ==, "Printer jams");

  /* The first ticket's words are its draft. */
  wait_for_writes (fx->store);
  saved = cd_draft_load (fx->store, "ticket", a, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (saved, ==, "Half-typed reply about the kettle");

  /* Changes: the first ticket's are not shown, the second's are. */
  {
    g_autoptr(CdTicket) first = cd_ticket_load (other, a, &error);

    g_assert_no_error (error);
    g_assert_true (cd_ticket_update (other, a, first->version, "Kettle replaced", NULL, CD_CHANNEL_PHONE,
                                     fx->category_id, CD_PRIORITY_HIGH, &error));
    g_assert_no_error (error);
  }
  g_assert_true (cd_store_check_external_changes (fx->store));
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_cmpstr (gtk_label_get_text (cd_ticket_page_get_subject_label (page)), ==, "Printer jams");
  ticket = cd_ticket_page_get_ticket (page);
  g_assert_true (cd_ticket_update (other, b, ticket->version, "Second printer replaced", NULL,
                                   CD_CHANNEL_EMAIL, fx->category_id, CD_PRIORITY_LOW, &error));
  g_assert_no_error (error);
  g_assert_true (cd_store_check_external_changes (fx->store));
  cd_test_wait_until (page_shows_subject, page, "the second ticket's new subject");
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  /* As the application's main loop does for as long as it runs: the
   * store's workers then hand their results to this thread, never run
   * them on their own while the tests are between main loop iterations. */
  g_main_context_acquire (g_main_context_default ());

  g_test_add ("/gui/tickets/create", Fixture, NULL, fixture_set_up, test_create, fixture_tear_down);
  g_test_add ("/gui/tickets/numbers-search-sort", Fixture, NULL, fixture_set_up, test_numbers_from_two_processes, fixture_tear_down);
  g_test_add ("/gui/tickets/note", Fixture, NULL, fixture_set_up, test_note, fixture_tear_down);
  g_test_add ("/gui/tickets/draft", Fixture, NULL, fixture_set_up, test_draft, fixture_tear_down);
  g_test_add ("/gui/tickets/page-rebind", Fixture, NULL, fixture_set_up, test_page_rebind, fixture_tear_down);
  g_test_add ("/gui/tickets/text-fields-framed", Fixture, NULL, fixture_set_up, test_text_fields_framed, fixture_tear_down);
  g_test_add ("/gui/tickets/names-not-markup", Fixture, NULL, fixture_set_up, test_names_not_markup, fixture_tear_down);
  g_test_add ("/gui/tickets/external-change", Fixture, NULL, fixture_set_up, test_external_change, fixture_tear_down);
  g_test_add ("/gui/tickets/presence-after-delay", Fixture, NULL, fixture_set_up, test_presence_after_delay, fixture_tear_down);
  g_test_add ("/gui/tickets/conflict", Fixture, NULL, fixture_set_up, test_conflict, fixture_tear_down);
  g_test_add ("/gui/tickets/status-buttons", Fixture, NULL, fixture_set_up, test_status_buttons, fixture_tear_down);
  g_test_add ("/gui/tickets/workflow", Fixture, NULL, fixture_set_up, test_workflow, fixture_tear_down);
  g_test_add ("/gui/tickets/cells", Fixture, NULL, fixture_set_up, test_cells, fixture_tear_down);
  g_test_add ("/gui/tickets/follows-changes", Fixture, NULL, fixture_set_up, test_follows_changes, fixture_tear_down);
  g_test_add ("/gui/tickets/writes-in-background", Fixture, NULL, fixture_set_up, test_writes_in_background, fixture_tear_down);
  g_test_add ("/gui/tickets/rules-follow-changes", Fixture, NULL, fixture_set_up, test_rules_follow_changes, fixture_tear_down);
  g_test_add ("/gui/tickets/search-replace", Fixture, NULL, fixture_set_up, test_search_replace, fixture_tear_down);

  return g_test_run ();
}
