/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "caredesk-test"

#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <gdk/x11/gdkx.h>
#include <X11/keysym.h>
#include <X11/extensions/XTest.h>

#include "cd-gui-test-util.h"
#include "cd-complaint-editor.h"
#include "cd-complaints.h"
#include "cd-customer-editor.h"
#include "cd-customers.h"
#include "cd-article-picker.h"
#include "cd-followup-editor.h"
#include "cd-reply-picker.h"
#include "cd-store-private.h"
#include "cd-ticket-editor.h"
#include "cd-ticket-page.h"
#include "cd-tickets.h"
#include "cd-tickets-view.h"
#include "cd-window.h"

/* The keyboard paths, driven with real key presses: the X server's test
 * extension types them into whichever window has the keyboard focus, and
 * GTK handles them as it handles a person's. The window under test must
 * hold that focus, so these tests do not run beside other windows (see
 * tests/gui/meson.build). */

typedef struct {
  char      *dir;
  char      *path;
  GSettings *settings;
  CdStore   *store;
  gint64     me;
  gint64     customer_id;
  gint64     ticket_id;
  gint64     complaint_id;
} Fixture;

static void
fixture_set_up (Fixture       *fx,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CdCustomer) customer = cd_customer_new ();

  fx->dir = g_dir_make_tmp ("caredesk-gui-XXXXXX", &error);
  g_assert_no_error (error);
  fx->path = g_build_filename (fx->dir, "test.caredesk", NULL);

  /* GSETTINGS_BACKEND=memory: every test starts from the defaults. */
  fx->settings = g_settings_new (APP_ID);
  g_settings_reset (fx->settings, "last-view");

  fx->store = cd_store_open (fx->path, CD_STORE_OPEN_CREATE, &error);
  g_assert_no_error (error);
  g_assert_true (cd_store_sign_in (fx->store, g_get_user_name (), "Test Person", &error));
  fx->me = cd_store_get_staff_id (fx->store);
  g_assert_cmpint (fx->me, >, 0);

  customer->name = g_strdup ("Wang Fang");
  customer->phone = g_strdup ("13800138000");
  fx->customer_id = cd_customer_create (fx->store, customer, &error);
  g_assert_no_error (error);

  fx->ticket_id = cd_ticket_create (fx->store, fx->customer_id, "Router keeps rebooting", NULL,
                                    CD_CHANNEL_PHONE, 0, CD_PRIORITY_NORMAL, fx->me, &error);
  g_assert_no_error (error);
  g_assert_cmpint (fx->ticket_id, >, 0);

  fx->complaint_id = cd_complaint_create (fx->store, fx->customer_id, 0,
                                          "Parcel arrived damaged", "The box was crushed.",
                                          CD_SEVERITY_MAJOR, "Delivery", fx->me, &error);
  g_assert_no_error (error);
  g_assert_cmpint (fx->complaint_id, >, 0);
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
  g_clear_object (&fx->settings);

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

/* Keys -------------------------------------------------------------------- */

static void
drain_main_loop (void)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

static gboolean
window_is_active (gpointer data)
{
  return gtk_window_is_active (GTK_WINDOW (data));
}

/* Shows @window and gives it the keyboard focus, as a window manager
 * would (the test's X server has none). */
static void
focus_window (GtkWindow *window)
{
  GdkSurface *surface;
  Display *xdisplay;

  gtk_window_present (window);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
  surface = gtk_native_get_surface (GTK_NATIVE (window));
  g_assert_true (GDK_IS_X11_SURFACE (surface));
  xdisplay = gdk_x11_display_get_xdisplay (gtk_widget_get_display (GTK_WIDGET (window)));
  XSetInputFocus (xdisplay, gdk_x11_surface_get_xid (surface), RevertToParent, CurrentTime);
  XSync (xdisplay, False);
  cd_test_wait_until (window_is_active, window, "the window to get the keyboard focus");
}

static void
fake_key (Display *xdisplay,
          guint    keyval,
          gboolean press)
{
  KeyCode code = XKeysymToKeycode (xdisplay, keyval);

  g_assert_cmpuint (code, !=, 0);
  XTestFakeKeyEvent (xdisplay, code, press, CurrentTime);
}

/* Presses and releases @keyval with the modifiers in @mods held, in the
 * window that has the keyboard focus (which must be @window), and lets
 * GTK handle the key events. */
static void
press_key (GtkWindow       *window,
           GdkModifierType  mods,
           guint            keyval)
{
  GdkDisplay *display = gtk_widget_get_display (GTK_WIDGET (window));
  Display *xdisplay;

  g_assert_true (GDK_IS_X11_DISPLAY (display));
  g_assert_true (gtk_window_is_active (window));
  xdisplay = gdk_x11_display_get_xdisplay (display);

  if (mods & GDK_CONTROL_MASK)
    fake_key (xdisplay, XK_Control_L, TRUE);
  if (mods & GDK_SHIFT_MASK)
    fake_key (xdisplay, XK_Shift_L, TRUE);
  if (mods & GDK_ALT_MASK)
    fake_key (xdisplay, XK_Alt_L, TRUE);
  fake_key (xdisplay, keyval, TRUE);
  fake_key (xdisplay, keyval, FALSE);
  if (mods & GDK_ALT_MASK)
    fake_key (xdisplay, XK_Alt_L, FALSE);
  if (mods & GDK_SHIFT_MASK)
    fake_key (xdisplay, XK_Shift_L, FALSE);
  if (mods & GDK_CONTROL_MASK)
    fake_key (xdisplay, XK_Control_L, FALSE);
  /* The server has sent the key events once it answers. */
  XSync (xdisplay, False);
  drain_main_loop ();
}

/* Widgets ----------------------------------------------------------------- */

static GtkWidget *
find_by_name (GtkWidget  *root,
              const char *name)
{
  if (g_strcmp0 (gtk_widget_get_name (root), name) == 0)
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_by_name (child, name);

      if (found != NULL)
        return found;
    }
  return NULL;
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
toplevel_shown (gpointer data)
{
  return find_toplevel (GPOINTER_TO_SIZE (data)) != NULL;
}

static CdWindow *
show_window (Fixture *fx)
{
  CdWindow *window = cd_window_new (NULL, fx->settings);

  gtk_window_set_default_size (GTK_WINDOW (window), 1100, 720);
  cd_window_set_store (window, fx->store);
  focus_window (GTK_WINDOW (window));

  return window;
}

/* Picks the view's row in the sidebar, as a click does, and leaves the
 * keyboard focus there. */
static void
pick_in_sidebar (CdWindow *window,
                 guint     index)
{
  GtkWidget *list = find_by_name (GTK_WIDGET (window), "navigation");
  GtkListBoxRow *row;

  g_assert_true (GTK_IS_LIST_BOX (list));
  row = gtk_list_box_get_row_at_index (GTK_LIST_BOX (list), index);
  gtk_list_box_select_row (GTK_LIST_BOX (list), row);
  gtk_widget_grab_focus (GTK_WIDGET (row));
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
  g_assert_true (gtk_widget_has_focus (GTK_WIDGET (row)));
}

/* Ctrl+key while the focus is in the sidebar opens @editor_type, which is
 * then closed again. */
static void
assert_shortcut_opens (CdWindow *window,
                       guint     keyval,
                       GType     editor_type)
{
  GtkWindow *editor;

  g_assert_null (find_toplevel (editor_type));
  press_key (GTK_WINDOW (window), GDK_CONTROL_MASK, keyval);
  cd_test_wait_until (toplevel_shown, GSIZE_TO_POINTER (editor_type), g_type_name (editor_type));
  editor = find_toplevel (editor_type);
  gtk_window_destroy (editor);
  drain_main_loop ();
  focus_window (GTK_WINDOW (window));
}

/* Tests ------------------------------------------------------------------- */

/* A view's shortcuts (New, Edit) work wherever the focus is in the
 * window, not only inside the view: after picking the view in the
 * sidebar the focus stays there. */
static void
test_view_shortcuts (Fixture       *fx,
                     gconstpointer  data)
{
  CdWindow *window = show_window (fx);
  GtkWidget *tickets_view;

  pick_in_sidebar (window, 1);
  g_assert_cmpstr (cd_window_get_visible_view (window), ==, CD_VIEW_CUSTOMERS);
  assert_shortcut_opens (window, GDK_KEY_n, CD_TYPE_CUSTOMER_EDITOR);

  pick_in_sidebar (window, 2);
  g_assert_cmpstr (cd_window_get_visible_view (window), ==, CD_VIEW_TICKETS);
  assert_shortcut_opens (window, GDK_KEY_n, CD_TYPE_TICKET_EDITOR);

  pick_in_sidebar (window, 3);
  g_assert_cmpstr (cd_window_get_visible_view (window), ==, CD_VIEW_COMPLAINTS);
  assert_shortcut_opens (window, GDK_KEY_n, CD_TYPE_COMPLAINT_EDITOR);

  /* A record's page: Ctrl+E edits the record shown. */
  cd_window_open_ticket (window, fx->ticket_id);
  tickets_view = cd_test_find_by_type (GTK_WIDGET (window), CD_TYPE_TICKETS_VIEW);
  g_assert_true (cd_tickets_view_is_ticket_shown (CD_TICKETS_VIEW (tickets_view)));
  pick_in_sidebar (window, 2);
  assert_shortcut_opens (window, GDK_KEY_e, CD_TYPE_TICKET_EDITOR);
  g_assert_true (cd_tickets_view_is_ticket_shown (CD_TICKETS_VIEW (tickets_view)));

  /* On another view, the tickets' shortcuts do nothing. */
  pick_in_sidebar (window, 1);
  press_key (GTK_WINDOW (window), GDK_CONTROL_MASK, GDK_KEY_n);
  cd_test_wait_until (toplevel_shown, GSIZE_TO_POINTER (CD_TYPE_CUSTOMER_EDITOR), "the customer editor");
  g_assert_null (find_toplevel (CD_TYPE_TICKET_EDITOR));

  gtk_window_destroy (GTK_WINDOW (window));
}

static gboolean
composer_emptied (gpointer data)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (data));

  return gtk_text_buffer_get_char_count (buffer) == 0;
}

static guint
count_rows (GtkListBox *list)
{
  guint n = 0;

  while (gtk_list_box_get_row_at_index (list, n) != NULL)
    n++;
  return n;
}

/* Ctrl+Enter in the note field adds the note, as the Add Note button's
 * tooltip says, instead of starting a new line. */
static void
test_note_ctrl_enter (Fixture       *fx,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  CdWindow *window = show_window (fx);
  GtkWidget *tickets_view;
  CdTicketPage *page;
  GtkTextView *composer;
  GtkTextBuffer *buffer;
  guint n_events;
  gint64 notes;

  cd_window_open_ticket (window, fx->ticket_id);
  tickets_view = cd_test_find_by_type (GTK_WIDGET (window), CD_TYPE_TICKETS_VIEW);
  page = CD_TICKET_PAGE (cd_tickets_view_get_ticket_page (CD_TICKETS_VIEW (tickets_view)));
  composer = cd_ticket_page_get_composer (page);
  buffer = gtk_text_view_get_buffer (composer);
  n_events = count_rows (cd_ticket_page_get_timeline (page));

  gtk_widget_grab_focus (GTK_WIDGET (composer));
  gtk_text_buffer_set_text (buffer, "Called back, the router works again", -1);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
  g_assert_true (gtk_widget_has_focus (GTK_WIDGET (composer)));

  press_key (GTK_WINDOW (window), GDK_CONTROL_MASK, GDK_KEY_Return);
  cd_test_wait_until (composer_emptied, composer, "the note to be added and the field emptied");
  cd_test_wait_for (count_rows (cd_ticket_page_get_timeline (page)) > n_events);

  notes = cd_store_query_int (fx->store,
                              "SELECT count(*) FROM ticket_events WHERE ticket_id = ?1 AND kind LIKE 'note%'"
                              " AND body = 'Called back, the router works again'",
                              fx->ticket_id, -1, &error);
  g_assert_no_error (error);
  g_assert_cmpint (notes, ==, 1);

  gtk_window_destroy (GTK_WINDOW (window));
}

static gboolean
widget_mapped (gpointer data)
{
  return gtk_widget_get_mapped (GTK_WIDGET (data));
}

/* Ctrl+Shift+R (canned reply) and Ctrl+Shift+L (link an article) open
 * their pickers on the ticket shown wherever the focus is in the window,
 * as the view's shortcuts do. */
static void
test_ticket_knowledge_shortcuts (Fixture       *fx,
                                 gconstpointer  data)
{
  CdWindow *window = show_window (fx);
  GtkWidget *tickets_view;
  GtkWidget *page;
  GtkWidget *replies;
  GtkWidget *articles;

  cd_window_open_ticket (window, fx->ticket_id);
  tickets_view = cd_test_find_by_type (GTK_WIDGET (window), CD_TYPE_TICKETS_VIEW);
  page = cd_tickets_view_get_ticket_page (CD_TICKETS_VIEW (tickets_view));
  replies = cd_test_find_by_type (page, CD_TYPE_REPLY_PICKER);
  articles = cd_test_find_by_type (page, CD_TYPE_ARTICLE_PICKER);
  g_assert_nonnull (replies);
  g_assert_nonnull (articles);

  /* The focus in the sidebar, away from the page. */
  pick_in_sidebar (window, 2);
  g_assert_true (cd_tickets_view_is_ticket_shown (CD_TICKETS_VIEW (tickets_view)));
  g_assert_false (gtk_widget_get_mapped (replies));
  press_key (GTK_WINDOW (window), GDK_CONTROL_MASK | GDK_SHIFT_MASK, GDK_KEY_r);
  cd_test_wait_until (widget_mapped, replies, "the canned reply picker");
  gtk_popover_popdown (GTK_POPOVER (replies));
  drain_main_loop ();

  pick_in_sidebar (window, 2);
  g_assert_false (gtk_widget_get_mapped (articles));
  press_key (GTK_WINDOW (window), GDK_CONTROL_MASK | GDK_SHIFT_MASK, GDK_KEY_l);
  cd_test_wait_until (widget_mapped, articles, "the article picker");
  gtk_popover_popdown (GTK_POPOVER (articles));
  drain_main_loop ();

  /* On another view they do nothing. */
  pick_in_sidebar (window, 1);
  press_key (GTK_WINDOW (window), GDK_CONTROL_MASK | GDK_SHIFT_MASK, GDK_KEY_r);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
  g_assert_false (gtk_widget_get_mapped (replies));

  gtk_window_destroy (GTK_WINDOW (window));
}

typedef struct {
  gint64 saved_id;
} SavedWait;

static void
on_ticket_saved_cb (CdTicketEditor *editor,
                    gint64          id,
                    SavedWait      *wait)
{
  wait->saved_id = id;
}

static gboolean
ticket_saved (gpointer data)
{
  return ((SavedWait *) data)->saved_id != 0;
}

/* Ctrl+Enter saves the ticket editor from its description too. */
static void
test_editor_ctrl_enter (Fixture       *fx,
                        gconstpointer  data)
{
  g_autoptr(CdTicket) ticket = NULL;
  g_autoptr(GError) error = NULL;
  SavedWait wait = { 0 };
  CdTicketEditor *editor = CD_TICKET_EDITOR (cd_ticket_editor_new (fx->store, 0));
  GtkWidget *description = cd_ticket_editor_get_description_view (editor);

  g_signal_connect (editor, "saved", G_CALLBACK (on_ticket_saved_cb), &wait);
  cd_ticket_editor_set_customer (editor, fx->customer_id, "Wang Fang");
  gtk_editable_set_text (GTK_EDITABLE (cd_ticket_editor_get_subject_row (editor)), "Invoice shows the wrong address");
  focus_window (GTK_WINDOW (editor));
  gtk_widget_grab_focus (description);
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (description)), "Since March", -1);
  g_assert_true (cd_ticket_editor_is_valid (editor));

  press_key (GTK_WINDOW (editor), GDK_CONTROL_MASK, GDK_KEY_Return);
  cd_test_wait_until (ticket_saved, &wait, "the ticket to be saved with Ctrl+Enter");
  ticket = cd_ticket_load (fx->store, wait.saved_id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (ticket->description, ==, "Since March");
}

static void
on_followup_saved_cb (CdFollowupEditor *editor,
                      gint64            id,
                      SavedWait        *wait)
{
  wait->saved_id = id;
}

static gboolean
followup_saved (gpointer data)
{
  return ((SavedWait *) data)->saved_id != 0;
}

static CdFollowupEditor *
open_followup_editor (Fixture   *fx,
                      SavedWait *wait)
{
  CdFollowupEditor *editor = cd_followup_editor_new_schedule (fx->store, fx->complaint_id);

  g_signal_connect (editor, "saved", G_CALLBACK (on_followup_saved_cb), wait);
  focus_window (GTK_WINDOW (editor));
  return editor;
}

static gint64
count_followups (Fixture *fx)
{
  g_autoptr(GError) error = NULL;
  gint64 n = cd_store_query_int (fx->store, "SELECT count(*) FROM followups", CD_NO_BIND, -1, &error);

  g_assert_no_error (error);
  return n;
}

/* The follow-up editor saves with Ctrl+S wherever the focus is, and with
 * Enter in its time fields. */
static void
test_followup_editor_saves (Fixture       *fx,
                            gconstpointer  data)
{
  SavedWait wait = { 0 };
  CdFollowupEditor *editor;
  GtkWidget *hour;

  g_assert_cmpint (count_followups (fx), ==, 0);

  /* Ctrl+S, with the focus where the editor puts it (the date). */
  editor = open_followup_editor (fx, &wait);
  press_key (GTK_WINDOW (editor), GDK_CONTROL_MASK, GDK_KEY_s);
  cd_test_wait_until (followup_saved, &wait, "the follow-up to be saved with Ctrl+S");
  g_assert_cmpint (count_followups (fx), ==, 1);
  drain_main_loop ();
  g_assert_null (find_toplevel (CD_TYPE_FOLLOWUP_EDITOR));

  /* Enter in the hour. */
  wait.saved_id = 0;
  editor = open_followup_editor (fx, &wait);
  hour = cd_test_find_by_type (GTK_WIDGET (editor), GTK_TYPE_SPIN_BUTTON);
  g_assert_nonnull (hour);
  gtk_widget_grab_focus (hour);
  press_key (GTK_WINDOW (editor), 0, GDK_KEY_Return);
  cd_test_wait_until (followup_saved, &wait, "the follow-up to be saved with Enter");
  g_assert_cmpint (count_followups (fx), ==, 2);
}

static gboolean
popover_shown (gpointer data)
{
  GtkPopover *popover = gtk_menu_button_get_popover (GTK_MENU_BUTTON (data));

  return popover != NULL && gtk_widget_get_mapped (GTK_WIDGET (popover));
}

/* In the date popover the keyboard starts in the day grid: Left then
 * Space picks the day before, not a day a month away. */
static void
test_followup_date_keys (Fixture       *fx,
                         gconstpointer  data)
{
  SavedWait wait = { 0 };
  CdFollowupEditor *editor = open_followup_editor (fx, &wait);
  GtkWidget *date_button = cd_test_find_by_type (GTK_WIDGET (editor), GTK_TYPE_MENU_BUTTON);
  GtkWidget *calendar;
  gint64 before = cd_followup_editor_get_due_at (editor);
  g_autoptr(GDateTime) due_before = g_date_time_new_from_unix_local (before);
  g_autoptr(GDateTime) due_after = NULL;
  g_autoptr(GDateTime) expected = g_date_time_add_days (due_before, -1);

  g_assert_nonnull (date_button);
  g_assert_true (gtk_widget_has_focus (date_button) || gtk_widget_is_ancestor (gtk_root_get_focus (GTK_ROOT (editor)), date_button));

  press_key (GTK_WINDOW (editor), 0, GDK_KEY_space);
  cd_test_wait_until (popover_shown, date_button, "the date popover to open");
  calendar = cd_test_find_by_type (GTK_WIDGET (gtk_menu_button_get_popover (GTK_MENU_BUTTON (date_button))),
                           GTK_TYPE_CALENDAR);
  g_assert_nonnull (calendar);
  g_assert_true (gtk_widget_has_focus (calendar));

  press_key (GTK_WINDOW (editor), 0, GDK_KEY_Left);
  /* The popover stays open until the day is picked. */
  g_assert_true (popover_shown (date_button));
  press_key (GTK_WINDOW (editor), 0, GDK_KEY_space);
  due_after = g_date_time_new_from_unix_local (cd_followup_editor_get_due_at (editor));
  g_assert_cmpint (g_date_time_get_year (due_after), ==, g_date_time_get_year (expected));
  g_assert_cmpint (g_date_time_get_month (due_after), ==, g_date_time_get_month (expected));
  g_assert_cmpint (g_date_time_get_day_of_month (due_after), ==, g_date_time_get_day_of_month (expected));
  g_assert_false (popover_shown (date_button));
}

int
main (int   argc,
      char *argv[])
{
  /* Real key presses need an X server's test extension. */
  gdk_set_allowed_backends ("x11");
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add ("/gui/keyboard/view-shortcuts", Fixture, NULL,
              fixture_set_up, test_view_shortcuts, fixture_tear_down);
  g_test_add ("/gui/keyboard/ticket-knowledge-shortcuts", Fixture, NULL,
              fixture_set_up, test_ticket_knowledge_shortcuts, fixture_tear_down);
  g_test_add ("/gui/keyboard/note-ctrl-enter", Fixture, NULL,
              fixture_set_up, test_note_ctrl_enter, fixture_tear_down);
  g_test_add ("/gui/keyboard/editor-ctrl-enter", Fixture, NULL,
              fixture_set_up, test_editor_ctrl_enter, fixture_tear_down);
  g_test_add ("/gui/keyboard/followup-editor-saves", Fixture, NULL,
              fixture_set_up, test_followup_editor_saves, fixture_tear_down);
  g_test_add ("/gui/keyboard/followup-date-keys", Fixture, NULL,
              fixture_set_up, test_followup_date_keys, fixture_tear_down);

  return g_test_run ();
}
