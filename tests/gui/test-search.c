/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "caredesk-test"

#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <string.h>

#include "cd-gui-test-util.h"
#include "cd-article-editor.h"
#include "cd-article-links-group.h"
#include "cd-complaint-editor.h"
#include "cd-complaints.h"
#include "cd-article-picker.h"
#include "cd-conflict-dialog.h"
#include "cd-knowledge.h"
#include "cd-knowledge-view.h"
#include "cd-reply-editor.h"
#include "cd-reply-picker.h"
#include "cd-search-page.h"
#include "cd-ticket.h"
#include "cd-ticket-page.h"
#include "cd-tickets-view.h"
#include "cd-window.h"
#include "cd-schema.h"
#include "cd-store-private.h"

/* Widget tests of the one search field, the knowledge base view and
 * canned replies in a ticket's note, in a window on a temporary file. */

typedef struct {
  char      *dir;
  char      *path;
  GSettings *settings;
  CdStore   *store;
  gint64     wang;
  gint64     garcia;
  gint64     refund_ticket;
  gint64     login_ticket;
  CdWindow  *window;
} Fixture;

static gint64
add_customer (CdStore    *store,
              const char *name,
              const char *phone)
{
  g_autoptr(GError) error = NULL;
  const CdField fields[] = {
    { "name", name },
    { "phone", phone },
    { "tier", "core" },
  };
  gint64 id = cd_store_insert (store, "customers", fields, G_N_ELEMENTS (fields), &error);

  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  return id;
}

static gint64
add_ticket (Fixture    *fx,
            gint64      customer_id,
            const char *subject)
{
  g_autoptr(GError) error = NULL;
  gint64 id = cd_ticket_create (fx->store, customer_id, subject, NULL, CD_CHANNEL_PHONE, 0,
                                CD_PRIORITY_NORMAL, 0, &error);

  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  return id;
}

static void
fixture_set_up (Fixture       *fx,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fx->dir = g_dir_make_tmp ("caredesk-search-XXXXXX", &error);
  g_assert_no_error (error);
  fx->path = g_build_filename (fx->dir, "team.caredesk", NULL);
  /* GSETTINGS_BACKEND=memory: every test starts from the defaults. */
  fx->settings = g_settings_new (APP_ID);
  g_settings_reset (fx->settings, "last-view");

  fx->store = cd_store_open (fx->path, CD_STORE_OPEN_CREATE, &error);
  g_assert_no_error (error);
  g_assert_true (cd_store_sign_in (fx->store, "tester", "Test Person", &error));
  g_assert_no_error (error);

  fx->wang = add_customer (fx->store, "张伟", "138 0013 8000");
  fx->garcia = add_customer (fx->store, "María García", "+86 139-1234-5678");
  fx->refund_ticket = add_ticket (fx, fx->wang, "Refund not received");
  fx->login_ticket = add_ticket (fx, fx->garcia, "Cannot log in after the refund");
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
  cd_test_wait_for (cd_store_get_pending_writes (fx->store) == 0);
  g_clear_object (&fx->store);
  g_clear_object (&fx->settings);

  dir = g_dir_open (fx->dir, 0, NULL);
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (fx->dir, name, NULL);
      g_unlink (path);
    }
  g_rmdir (fx->dir);
  g_free (fx->path);
  g_free (fx->dir);
}

/* Helpers ---------------------------------------------------------------- */

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
match_type (GtkWidget     *widget,
            gconstpointer  data)
{
  return G_TYPE_CHECK_INSTANCE_TYPE (widget, GPOINTER_TO_SIZE (data));
}

static gboolean
match_label_containing (GtkWidget     *widget,
                        gconstpointer  data)
{
  return GTK_IS_LABEL (widget) && strstr (gtk_label_get_text (GTK_LABEL (widget)), data) != NULL;
}

static gboolean
match_popover_type (GtkWidget     *widget,
                    gconstpointer  data)
{
  return GTK_IS_MENU_BUTTON (widget) &&
         G_TYPE_CHECK_INSTANCE_TYPE (gtk_menu_button_get_popover (GTK_MENU_BUTTON (widget)), GPOINTER_TO_SIZE (data));
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

static gboolean
conflict_dialog_shown (gpointer data)
{
  return find_toplevel (CD_TYPE_CONFLICT_DIALOG) != NULL;
}

static void
show_window (Fixture *fx)
{
  fx->window = cd_window_new (NULL, fx->settings);
  gtk_window_set_default_size (GTK_WINDOW (fx->window), 1100, 720);
  cd_window_set_store (fx->window, fx->store);
  gtk_window_present (GTK_WINDOW (fx->window));
  gtk_test_widget_wait_for_draw (GTK_WIDGET (fx->window));
}

static void
wait_for_writes (CdStore *store)
{
  cd_test_wait_for (cd_store_get_pending_writes (store) == 0 && !g_main_context_pending (NULL));
}

/* Sends a key to @widget's key controllers, as a key press would. */
static gboolean
press_key (GtkWidget *widget,
           guint      keyval)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (widget);
  gboolean handled = FALSE;

  for (guint i = 0; i < g_list_model_get_n_items (controllers) && !handled; i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_EVENT_CONTROLLER_KEY (controller))
        g_signal_emit_by_name (controller, "key-pressed", keyval, 0, (GdkModifierType) 0, &handled);
    }
  return handled;
}

typedef struct {
  CdSearchPage *page;
  const char   *text;
} ResultsWait;

static gboolean
results_are_for (gpointer data)
{
  ResultsWait *w = data;
  CdSearchResults *results = cd_search_page_get_results (w->page);

  return results != NULL && !cd_search_page_is_searching (w->page) &&
         g_strcmp0 (cd_search_query_get_text (results->query), w->text) == 0;
}

static CdSearchResults *
type_search (Fixture    *fx,
             const char *text)
{
  GtkWidget *entry = find_widget (GTK_WIDGET (fx->window), match_name, "search");
  ResultsWait w = { cd_window_get_search_page (fx->window), text };
  g_autofree char *what = g_strdup_printf ("the results for “%s”", text);

  g_assert_true (GTK_IS_SEARCH_ENTRY (entry));
  g_assert_nonnull (w.page);
  gtk_widget_grab_focus (entry);
  gtk_editable_set_text (GTK_EDITABLE (entry), text);
  g_signal_emit_by_name (entry, "search-changed");
  cd_test_wait_until (results_are_for, &w, what);
  return cd_search_page_get_results (w.page);
}

static CdTicketPage *
open_ticket_page (Fixture *fx,
                  gint64   ticket_id)
{
  CdTicketsView *view;
  CdTicketPage *page;

  cd_window_open_ticket (fx->window, ticket_id);
  view = CD_TICKETS_VIEW (cd_window_get_view (fx->window, CD_VIEW_TICKETS));
  g_assert_nonnull (view);
  page = CD_TICKET_PAGE (cd_tickets_view_get_ticket_page (view));
  cd_test_wait_for (cd_ticket_page_get_ticket_id (page) == ticket_id &&
                    cd_ticket_page_get_ticket (page) != NULL);
  return page;
}

/* Tests -------------------------------------------------------------------- */

static void
test_search_field (Fixture       *fx,
                   gconstpointer  data)
{
  GtkWidget *entry, *stack;
  CdSearchResults *results;
  CdSearchGroup *group;
  CdSearchPage *page;
  CdSearchKind kind;
  CdTicketsView *tickets;
  gint64 id = 0;

  show_window (fx);
  entry = find_widget (GTK_WIDGET (fx->window), match_name, "search");
  stack = find_widget (GTK_WIDGET (fx->window), match_name, "views");
  page = cd_window_get_search_page (fx->window);

  /* Ctrl+F's action puts the typing into the one search field. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (fx->window), "shell.search", NULL));
  {
    GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (fx->window));

    g_assert_nonnull (focus);
    g_assert_true (focus == entry || gtk_widget_is_ancestor (focus, entry));
  }

  /* A single Chinese surname finds the customer and, as typed, shows
   * the results page. */
  results = type_search (fx, "张");
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (stack)), ==, "search");
  group = cd_search_results_get_group (results, CD_SEARCH_CUSTOMERS);
  g_assert_nonnull (group);
  g_assert_cmpuint (group->count, ==, 1);
  g_assert_cmpint (((CdSearchHit *) g_ptr_array_index (group->hits, 0))->id, ==, fx->wang);

  /* Accents and case do not matter; the match is in bold. */
  results = type_search (fx, "garcia");
  group = cd_search_results_get_group (results, CD_SEARCH_CUSTOMERS);
  g_assert_nonnull (group);
  g_assert_cmpint (((CdSearchHit *) g_ptr_array_index (group->hits, 0))->id, ==, fx->garcia);
  g_assert_nonnull (find_widget (GTK_WIDGET (page), match_label_containing, "García"));
  {
    GtkWidget *label = find_widget (GTK_WIDGET (page), match_label_containing, "García");

    g_assert_nonnull (strstr (gtk_label_get_label (GTK_LABEL (label)), "<b>García</b>"));
  }

  /* Grouped with counts: both tickets speak of a refund; the one whose
   * subject starts with it comes first and is picked. */
  results = type_search (fx, "refund");
  group = cd_search_results_get_group (results, CD_SEARCH_TICKETS);
  g_assert_nonnull (group);
  g_assert_cmpuint (group->count, ==, 2);
  g_assert_null (cd_search_results_get_group (results, CD_SEARCH_CUSTOMERS));
  g_assert_true (cd_search_page_get_selected (page, &kind, &id));
  g_assert_cmpint (kind, ==, CD_SEARCH_TICKETS);
  g_assert_cmpint (id, ==, ((CdSearchHit *) g_ptr_array_index (group->hits, 0))->id);

  /* The arrow keys, pressed in the search field, move through the
   * results; Enter opens the one picked. */
  g_assert_true (press_key (entry, GDK_KEY_Down));
  g_assert_true (cd_search_page_get_selected (page, &kind, &id));
  g_assert_cmpint (id, ==, ((CdSearchHit *) g_ptr_array_index (group->hits, 1))->id);
  g_assert_true (press_key (entry, GDK_KEY_Up));
  g_assert_true (cd_search_page_get_selected (page, &kind, &id));
  g_assert_cmpint (id, ==, ((CdSearchHit *) g_ptr_array_index (group->hits, 0))->id);
  g_assert_true (press_key (entry, GDK_KEY_Down));
  g_assert_true (cd_search_page_get_selected (page, &kind, &id));
  g_signal_emit_by_name (entry, "activate");

  g_assert_cmpstr (cd_window_get_visible_view (fx->window), ==, CD_VIEW_TICKETS);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (stack)), ==, CD_VIEW_TICKETS);
  tickets = CD_TICKETS_VIEW (cd_window_get_view (fx->window, CD_VIEW_TICKETS));
  g_assert_true (cd_tickets_view_is_ticket_shown (tickets));
  cd_test_wait_for (cd_ticket_page_get_ticket_id (CD_TICKET_PAGE (cd_tickets_view_get_ticket_page (tickets))) == id);

  /* A ticket number with or without T- and zeros; a word that matches
   * nothing says so. */
  results = type_search (fx, "t-0001");
  group = cd_search_results_get_group (results, CD_SEARCH_TICKETS);
  g_assert_nonnull (group);
  g_assert_cmpint (((CdSearchHit *) g_ptr_array_index (group->hits, 0))->id, ==, 1);
  results = type_search (fx, "zzyzx");
  g_assert_cmpuint (results->groups->len, ==, 0);
  g_assert_false (cd_search_page_move_selection (page, 1));

  /* Emptied, the field gives the view back. */
  gtk_editable_set_text (GTK_EDITABLE (entry), "");
  g_signal_emit_by_name (entry, "search-changed");
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (stack)), ==, CD_VIEW_TICKETS);
}

static void
test_reply_picker (Fixture       *fx,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CdCannedReply) thanks = cd_canned_reply_new ();
  g_autoptr(CdCannedReply) other = cd_canned_reply_new ();
  g_autofree char *number = cd_ticket_format_number (fx->refund_ticket);
  g_autofree char *expected = NULL;
  g_autofree char *text = NULL;
  GtkTextBuffer *buffer;
  GtkTextIter start, end;
  CdReplyPicker *picker;
  CdTicketPage *page;
  GtkWidget *button;

  thanks->title = g_strdup ("Refund on its way");
  thanks->body = g_strdup ("Dear {customer}, your refund for {ticket} is on its way. {signature}\n{me}");
  g_assert_cmpint (cd_canned_reply_create (fx->store, thanks, FALSE, &error), >, 0);
  g_assert_no_error (error);
  other->title = g_strdup ("Password reset");
  other->body = g_strdup ("Hello {customer}, here is how to reset your password.");
  g_assert_cmpint (cd_canned_reply_create (fx->store, other, TRUE, &error), >, 0);
  g_assert_no_error (error);

  show_window (fx);
  page = open_ticket_page (fx, fx->refund_ticket);
  buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (cd_ticket_page_get_composer (page)));
  gtk_text_buffer_set_text (buffer, "Hi. ", -1);
  gtk_text_buffer_get_end_iter (buffer, &end);
  gtk_text_buffer_place_cursor (buffer, &end);

  /* Ctrl+Shift+R opens the picker with every reply, its field focused. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "ticket.insert-reply", NULL));
  button = find_widget (GTK_WIDGET (page), match_popover_type, GSIZE_TO_POINTER (CD_TYPE_REPLY_PICKER));
  g_assert_nonnull (button);
  picker = CD_REPLY_PICKER (gtk_menu_button_get_popover (GTK_MENU_BUTTON (button)));
  g_assert_nonnull (picker);
  cd_test_wait_for (gtk_widget_get_visible (GTK_WIDGET (picker)));
  g_assert_cmpuint (cd_reply_picker_filter (picker, NULL), ==, 2);

  /* Typing filters; Enter takes the first. */
  gtk_editable_set_text (GTK_EDITABLE (cd_reply_picker_get_entry (picker)), "refund");
  g_signal_emit_by_name (cd_reply_picker_get_entry (picker), "search-changed");
  g_assert_cmpuint (cd_reply_picker_filter (picker, "refund"), ==, 1);
  g_signal_emit_by_name (cd_reply_picker_get_entry (picker), "activate");
  cd_test_wait_for (!gtk_widget_get_visible (GTK_WIDGET (picker)));

  /* The placeholders are filled; an unknown one stays as written. */
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  expected = g_strdup_printf ("Hi. Dear 张伟, your refund for %s is on its way. {signature}\nTest Person", number);
  g_assert_cmpstr (text, ==, expected);

  /* Nothing matches: the picker says so and Enter inserts nothing. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "ticket.insert-reply", NULL));
  cd_test_wait_for (gtk_widget_get_visible (GTK_WIDGET (picker)));
  g_assert_cmpuint (cd_reply_picker_filter (picker, "no such reply"), ==, 0);
  g_assert_nonnull (find_widget (GTK_WIDGET (picker), match_label_containing, "No reply matches"));
  g_signal_emit_by_name (cd_reply_picker_get_entry (picker), "activate");
  g_clear_pointer (&text, g_free);
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  g_assert_cmpstr (text, ==, expected);
}

static gboolean
match_row_title (GtkWidget     *widget,
                 gconstpointer  data)
{
  return ADW_IS_PREFERENCES_ROW (widget) &&
         g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)), data) == 0;
}

/* The canned-reply editor: write one with placeholders, see it with
 * example values, save it, find it in the list, edit it from there. */
static void
test_reply_editor (Fixture       *fx,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CdCannedReply) saved = NULL;
  CdKnowledgeView *view;
  CdReplyEditor *editor;
  GtkTextBuffer *body;
  GtkWidget *row;
  gint64 id;

  show_window (fx);
  view = CD_KNOWLEDGE_VIEW (cd_window_get_view (fx->window, CD_VIEW_KNOWLEDGE));
  g_assert_nonnull (view);
  cd_window_show_view (fx->window, CD_VIEW_KNOWLEDGE);

  /* A new one: nothing to save until it has a title and a text. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "kb.new-reply", NULL));
  editor = CD_REPLY_EDITOR (find_toplevel (CD_TYPE_REPLY_EDITOR));
  g_assert_nonnull (editor);
  /* It fits a 360-pixel window. */
  {
    int min = 0;

    gtk_widget_measure (adw_window_get_content (ADW_WINDOW (editor)), GTK_ORIENTATION_HORIZONTAL, -1,
                        &min, NULL, NULL, NULL);
    g_assert_cmpint (min, <=, 360);
  }
  g_assert_false (cd_reply_editor_save (editor));
  g_assert_cmpstr (cd_reply_editor_get_preview (editor), ==, "Write the reply’s text to see it here.");

  gtk_editable_set_text (cd_reply_editor_get_title_row (editor), "退款已处理 “Refund done”");
  body = gtk_text_view_get_buffer (cd_reply_editor_get_body_view (editor));
  gtk_text_buffer_set_text (body, "Dear {customer}, ticket ", -1);
  /* The placeholder buttons put theirs in at the cursor. */
  {
    GtkTextIter end;

    gtk_text_buffer_get_end_iter (body, &end);
    gtk_text_buffer_place_cursor (body, &end);
  }
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (editor), "reply.insert-placeholder", "s", "ticket"));
  gtk_text_buffer_insert_at_cursor (body, " is refunded. {me} 🙂 {custmer}", -1);

  /* The preview fills the known placeholders with example values and
   * leaves the unknown one as written, which is pointed out. */
  g_assert_cmpstr (cd_reply_editor_get_preview (editor), ==,
                   "Dear Wang Fang, ticket T-000123 is refunded. Test Person 🙂 {custmer}");
  g_assert_nonnull (cd_reply_editor_get_warning (editor));
  g_assert_nonnull (strstr (cd_reply_editor_get_warning (editor), "{custmer}"));
  g_assert_false (gtk_switch_get_active (cd_reply_editor_get_personal_switch (editor)));

  g_assert_true (cd_reply_editor_save (editor));
  wait_for_writes (fx->store);
  cd_test_wait_for (find_toplevel (CD_TYPE_REPLY_EDITOR) == NULL);
  id = cd_store_query_int (fx->store, "SELECT max(id) FROM canned_replies", CD_NO_BIND, 0, &error);
  g_assert_no_error (error);
  saved = cd_canned_reply_load (fx->store, id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (saved->title, ==, "退款已处理 “Refund done”");
  g_assert_cmpstr (saved->body, ==, "Dear {customer}, ticket {ticket} is refunded. {me} 🙂 {custmer}");
  g_assert_cmpint (saved->owner_id, ==, 0);

  /* The list shows it, and opens it for editing. */
  cd_test_wait_for ((row = find_widget (GTK_WIDGET (view), match_row_title, "退款已处理 “Refund done”")) != NULL);
  g_assert_true (gtk_widget_activate (row));
  editor = CD_REPLY_EDITOR (find_toplevel (CD_TYPE_REPLY_EDITOR));
  g_assert_nonnull (editor);
  g_assert_cmpstr (gtk_editable_get_text (cd_reply_editor_get_title_row (editor)), ==, "退款已处理 “Refund done”");
  g_assert_cmpstr (cd_reply_editor_get_preview (editor), ==,
                   "Dear Wang Fang, ticket T-000123 is refunded. Test Person 🙂 {custmer}");
  /* Unchanged, there is nothing to save. */
  g_assert_false (cd_reply_editor_save (editor));

  body = gtk_text_view_get_buffer (cd_reply_editor_get_body_view (editor));
  gtk_text_buffer_set_text (body, "您好 {customer}，退款已到账。", -1);
  gtk_editable_set_text (cd_reply_editor_get_title_row (editor), "退款已到账");
  g_assert_cmpstr (cd_reply_editor_get_preview (editor), ==, "您好 Wang Fang，退款已到账。");
  g_assert_null (cd_reply_editor_get_warning (editor));
  g_assert_true (cd_reply_editor_save (editor));
  wait_for_writes (fx->store);
  cd_test_wait_for (find_toplevel (CD_TYPE_REPLY_EDITOR) == NULL);

  cd_test_wait_for (find_widget (GTK_WIDGET (view), match_row_title, "退款已到账") != NULL);
  g_assert_null (find_widget (GTK_WIDGET (view), match_row_title, "退款已处理 “Refund done”"));
  g_clear_pointer (&saved, cd_canned_reply_free);
  saved = cd_canned_reply_load (fx->store, id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (saved->body, ==, "您好 {customer}，退款已到账。");
  g_assert_cmpint (cd_store_query_int (fx->store, "SELECT count(*) FROM canned_replies", CD_NO_BIND, 0, NULL), ==, 1);
}

static void
test_knowledge (Fixture       *fx,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CdArticle) saved = NULL;
  g_autoptr(GPtrArray) links = NULL;
  g_autoptr(CdStore) other = NULL;
  CdArticleEditor *editor;
  CdKnowledgeView *view;
  CdArticlePicker *picker;
  CdTicketPage *page;
  GtkTextBuffer *body;
  CdConflictDialog *dialog;
  gint64 id, version;

  show_window (fx);
  view = CD_KNOWLEDGE_VIEW (cd_window_get_view (fx->window, CD_VIEW_KNOWLEDGE));
  g_assert_nonnull (view);
  cd_window_show_view (fx->window, CD_VIEW_KNOWLEDGE);

  /* Ctrl+N in the view writes a new article. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "kb.new-article", NULL));
  editor = CD_ARTICLE_EDITOR (find_toplevel (CD_TYPE_ARTICLE_EDITOR));
  g_assert_nonnull (editor);
  gtk_editable_set_text (cd_article_editor_get_title_row (editor), "退款到账时间");
  gtk_editable_set_text (cd_article_editor_get_category_row (editor), "Billing");
  gtk_editable_set_text (cd_article_editor_get_tags_row (editor), "refund, 退款");
  body = gtk_text_view_get_buffer (cd_article_editor_get_body_view (editor));
  gtk_text_buffer_set_text (body, "银行卡：3–5 个工作日。\n\n- 支付宝：24 小时内。", -1);
  g_assert_true (cd_article_editor_save (editor));
  wait_for_writes (fx->store);
  cd_test_wait_for (find_toplevel (CD_TYPE_ARTICLE_EDITOR) == NULL);

  /* Search within the articles finds it by a two-character word. */
  gtk_editable_set_text (GTK_EDITABLE (cd_knowledge_view_get_search_entry (view)), "到账");
  g_signal_emit_by_name (cd_knowledge_view_get_search_entry (view), "search-changed");
  cd_test_wait_for (g_list_model_get_n_items (cd_knowledge_view_get_model (view)) == 1);
  gtk_editable_set_text (GTK_EDITABLE (cd_knowledge_view_get_search_entry (view)), "zzyzx");
  g_signal_emit_by_name (cd_knowledge_view_get_search_entry (view), "search-changed");
  cd_test_wait_for (g_list_model_get_n_items (cd_knowledge_view_get_model (view)) == 0);

  {
    CdRowModel *list = cd_articles_list_new (fx->store, NULL);

    g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 1);
    id = cd_row_model_get_id (list, 0);
    g_object_unref (list);
  }
  g_assert_cmpint (id, >, 0);
  saved = cd_article_load (fx->store, id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (saved->title, ==, "退款到账时间");
  g_assert_cmpstr (saved->category, ==, "Billing");

  /* Linked from the ticket page's picker, it shows on the timeline. */
  page = open_ticket_page (fx, fx->refund_ticket);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "ticket.link-article", NULL));
  picker = CD_ARTICLE_PICKER (find_widget (GTK_WIDGET (page), match_type, GSIZE_TO_POINTER (CD_TYPE_ARTICLE_PICKER)));
  g_assert_nonnull (picker);
  g_assert_cmpuint (cd_article_picker_filter (picker, "退款"), ==, 1);
  g_signal_emit_by_name (cd_article_picker_get_entry (picker), "activate");
  wait_for_writes (fx->store);
  links = cd_article_links_for (fx->store, CD_ARTICLE_LINK_TICKET, fx->refund_ticket, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (links->len, ==, 1);
  cd_test_wait_for (find_widget (GTK_WIDGET (page), match_label_containing, "linked the article “退款到账时间”") != NULL);

  /* Read opens it in the knowledge base. */
  cd_window_open_article (fx->window, id);
  g_assert_cmpstr (cd_window_get_visible_view (fx->window), ==, CD_VIEW_KNOWLEDGE);
  cd_test_wait_for (cd_knowledge_view_get_article_id (view) == id);

  /* Someone else saves it while it is being edited: reload or
   * overwrite, and overwrite writes ours. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "kb.edit-article", NULL));
  editor = CD_ARTICLE_EDITOR (find_toplevel (CD_TYPE_ARTICLE_EDITOR));
  g_assert_nonnull (editor);
  gtk_editable_set_text (cd_article_editor_get_title_row (editor), "退款到账时间（按支付方式）");

  {
    const CdField staff[] = {
      { "login", "lina" },
      { "display_name", "Li Na" },
      { "role", "rep" },
    };

    g_assert_cmpint (cd_store_insert (fx->store, "staff", staff, G_N_ELEMENTS (staff), &error), >, 0);
    g_assert_no_error (error);
  }
  other = cd_store_open (fx->path, CD_STORE_OPEN_NO_WATCH, &error);
  g_assert_no_error (error);
  g_assert_true (cd_store_sign_in (other, "lina", NULL, &error));
  g_assert_no_error (error);
  version = cd_store_get_version (other, "kb_articles", id, &error);
  g_clear_pointer (&saved, cd_article_free);
  saved = cd_article_load (other, id, &error);
  g_free (saved->title);
  saved->title = g_strdup ("退款多久到账");
  g_assert_true (cd_article_update (other, saved, version, &error));
  g_assert_no_error (error);

  g_assert_true (cd_article_editor_save (editor));
  cd_test_wait_until (conflict_dialog_shown, NULL, "the conflict dialog");
  dialog = CD_CONFLICT_DIALOG (find_toplevel (CD_TYPE_CONFLICT_DIALOG));
  g_assert_cmpuint (cd_conflict_dialog_get_n_fields (dialog), >=, 1);
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), CD_CONFLICT_RESPONSE_OVERWRITE);
  wait_for_writes (fx->store);
  cd_test_wait_for (find_toplevel (CD_TYPE_ARTICLE_EDITOR) == NULL);
  g_clear_pointer (&saved, cd_article_free);
  saved = cd_article_load (fx->store, id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (saved->title, ==, "退款到账时间（按支付方式）");

  /* Archived, it leaves the list. */
  gtk_editable_set_text (GTK_EDITABLE (cd_knowledge_view_get_search_entry (view)), "");
  g_signal_emit_by_name (cd_knowledge_view_get_search_entry (view), "search-changed");
  cd_test_wait_for (g_list_model_get_n_items (cd_knowledge_view_get_model (view)) == 1);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "kb.archive-article", NULL));
  wait_for_writes (fx->store);
  cd_test_wait_for (g_list_model_get_n_items (cd_knowledge_view_get_model (view)) == 0);
  g_clear_pointer (&saved, cd_article_free);
  saved = cd_article_load (fx->store, id, &error);
  g_assert_true (saved->archived);
}

static void
test_complaint_links (Fixture       *fx,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CdArticle) article = cd_article_new ();
  g_autoptr(GPtrArray) links = NULL;
  CdArticleLinksGroup *group;
  CdArticlePicker *picker;
  GtkWindow *editor;
  gint64 complaint_id, article_id;

  article->title = g_strdup ("Courier claims for damaged parcels");
  article->body = g_strdup ("Photograph the parcel before opening it.");
  article_id = cd_article_create (fx->store, article, &error);
  g_assert_no_error (error);
  complaint_id = cd_complaint_create (fx->store, fx->wang, 0, "Parcel arrived crushed", NULL,
                                      CD_SEVERITY_MAJOR, "Delivery", cd_store_get_staff_id (fx->store), &error);
  g_assert_no_error (error);

  /* The complaint's window lists its articles and links one. */
  show_window (fx);
  cd_window_open_complaint (fx->window, complaint_id, 0);
  cd_test_wait_for (find_toplevel (CD_TYPE_COMPLAINT_EDITOR) != NULL);
  editor = find_toplevel (CD_TYPE_COMPLAINT_EDITOR);
  group = CD_ARTICLE_LINKS_GROUP (find_widget (GTK_WIDGET (editor), match_type,
                                               GSIZE_TO_POINTER (CD_TYPE_ARTICLE_LINKS_GROUP)));
  g_assert_nonnull (group);
  g_assert_cmpuint (cd_article_links_group_get_n_links (group), ==, 0);
  picker = CD_ARTICLE_PICKER (cd_article_links_group_get_picker (group));
  g_assert_cmpuint (cd_article_picker_filter (picker, "courier"), ==, 1);
  g_signal_emit_by_name (cd_article_picker_get_entry (picker), "activate");
  wait_for_writes (fx->store);
  cd_test_wait_for (cd_article_links_group_get_n_links (group) == 1);
  links = cd_article_links_for (fx->store, CD_ARTICLE_LINK_COMPLAINT, complaint_id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (links->len, ==, 1);
  g_assert_cmpint (((CdArticleLink *) g_ptr_array_index (links, 0))->article_id, ==, article_id);
  g_assert_nonnull (find_widget (GTK_WIDGET (group), match_label_containing, "Courier claims for damaged parcels"));

  /* Read opens it in the knowledge base. */
  cd_window_open_article (fx->window, article_id);
  g_assert_cmpstr (cd_window_get_visible_view (fx->window), ==, CD_VIEW_KNOWLEDGE);
}

/* A file from before search, with @n tickets, written without Caredesk. */
static void
make_old_file (const char *path,
               guint       n)
{
  g_autoptr(GString) sql = g_string_new ("BEGIN;");
  sqlite3 *raw = NULL;

  g_assert_cmpint (sqlite3_open (path, &raw), ==, SQLITE_OK);
  for (guint v = 1; v <= 2; v++)
    g_string_append (sql, cd_schema_get_migration (v));
  g_string_append_printf (sql, "INSERT INTO staff (login, display_name, role, created_at, updated_at)"
                               " VALUES ('%s', 'Test Person', 'admin', 1, 1);", g_get_user_name ());
  for (guint i = 1; i <= n; i++)
    g_string_append_printf (sql,
                            "INSERT INTO customers (name, phone, created_at, updated_at)"
                            " VALUES ('老客户%u', '1390000%04u', 1, 1);"
                            "INSERT INTO tickets (customer_id, subject, description, created_at, updated_at)"
                            " VALUES (%u, '旧工单 %u 退款', 'Old refund case %u', 1, 1);",
                            i, i, i, i, i);
  g_string_append (sql, "PRAGMA user_version = 2; COMMIT;");
  g_assert_cmpint (sqlite3_exec (raw, sql->str, NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (raw);
}

static void
test_upgraded_file (Fixture       *fx,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CdStore) store = NULL;
  g_autoptr(CdSearchIndexer) indexer = NULL;
  g_autofree char *old_path = g_build_filename (fx->dir, "old.caredesk", NULL);
  CdSearchResults *results;
  GtkWidget *label;

  make_old_file (old_path, 400);
  store = cd_store_open (old_path, CD_STORE_OPEN_NO_WATCH, &error);
  g_assert_no_error (error);
  g_assert_true (cd_store_sign_in (store, g_get_user_name (), NULL, &error));
  g_assert_no_error (error);
  indexer = cd_search_indexer_start (store);
  g_assert_nonnull (indexer);
  g_assert_false (cd_search_indexer_is_complete (indexer));

  /* The window says that search is being prepared, and how far. */
  g_clear_object (&fx->store);
  fx->store = g_object_ref (store);
  show_window (fx);
  cd_window_set_search_indexer (fx->window, indexer);
  label = find_widget (GTK_WIDGET (fx->window), match_label_containing, "Preparing search");
  g_assert_nonnull (label);
  g_assert_true (gtk_revealer_get_reveal_child (GTK_REVEALER (gtk_widget_get_ancestor (label, GTK_TYPE_REVEALER))));

  /* Once it is done the note goes, and the old records are found. */
  cd_test_wait_for (cd_search_indexer_is_complete (indexer));
  g_assert_false (gtk_revealer_get_reveal_child (GTK_REVEALER (gtk_widget_get_ancestor (label, GTK_TYPE_REVEALER))));
  results = type_search (fx, "旧工单");
  g_assert_false (results->incomplete);
  g_assert_nonnull (cd_search_results_get_group (results, CD_SEARCH_TICKETS));
  g_assert_cmpuint (cd_search_results_get_group (results, CD_SEARCH_TICKETS)->count, ==, 400);
  cd_search_indexer_stop (indexer);
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();
  g_main_context_acquire (g_main_context_default ());

  g_test_add ("/gui/search/field", Fixture, NULL, fixture_set_up, test_search_field, fixture_tear_down);
  g_test_add ("/gui/search/reply-picker", Fixture, NULL, fixture_set_up, test_reply_picker, fixture_tear_down);
  g_test_add ("/gui/search/reply-editor", Fixture, NULL, fixture_set_up, test_reply_editor, fixture_tear_down);
  g_test_add ("/gui/search/knowledge", Fixture, NULL, fixture_set_up, test_knowledge, fixture_tear_down);
  g_test_add ("/gui/search/complaint-links", Fixture, NULL, fixture_set_up, test_complaint_links, fixture_tear_down);
  g_test_add ("/gui/search/upgraded-file", Fixture, NULL, fixture_set_up, test_upgraded_file, fixture_tear_down);

  return g_test_run ();
}
