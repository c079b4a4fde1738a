/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "caredesk-test"

#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>

#include "cd-gui-test-util.h"
#include "cd-agenda-row.h"
#include "cd-complaint-row.h"
#include "cd-complaint-editor.h"
#include "cd-complaints.h"
#include "cd-complaints-view.h"
#include "cd-conflict-dialog.h"
#include "cd-customer-picker.h"
#include "cd-customers.h"
#include "cd-datetime.h"
#include "cd-followup-editor.h"
#include "cd-notifier.h"
#include "cd-outcome-dialog.h"
#include "cd-reminders.h"
#include "cd-staff.h"
#include "cd-tickets.h"

/* Widget tests of the Complaints view and its dialogs, against a
 * temporary database file. */


typedef struct {
  char      *dir;
  char      *path;
  CdStore   *store;
  gint64     me;
  gint64     customer_id;
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

  fx->store = cd_store_open (fx->path, CD_STORE_OPEN_CREATE, &error);
  g_assert_no_error (error);
  g_assert_true (cd_store_sign_in (fx->store, "tester", "Test Person", &error));
  g_assert_no_error (error);
  fx->me = cd_store_get_staff_id (fx->store);
  g_assert_cmpint (fx->me, >, 0);

  customer->name = g_strdup ("Wang Fang");
  customer->phone = g_strdup ("13800138000");
  fx->customer_id = cd_customer_create (fx->store, customer, &error);
  g_assert_no_error (error);
  g_assert_cmpint (fx->customer_id, >, 0);

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

static void
collect_widgets (GtkWidget *widget,
                 GType      type,
                 GPtrArray *found)
{
  if (!gtk_widget_get_visible (widget))
    return;
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type))
    g_ptr_array_add (found, widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_widgets (child, type, found);
}

/* Visible widgets of @type under @root, in tree (= display) order. */
static GPtrArray *
find_widgets (GtkWidget *root,
              GType      type)
{
  GPtrArray *found = g_ptr_array_new ();

  collect_widgets (root, type, found);
  return found;
}

static GtkWidget *
find_entry_row (GtkWidget  *root,
                const char *title)
{
  g_autoptr(GPtrArray) rows = find_widgets (root, ADW_TYPE_ENTRY_ROW);

  for (guint i = 0; i < rows->len; i++)
    if (g_strcmp0 (adw_preferences_row_get_title (g_ptr_array_index (rows, i)), title) == 0)
      return g_ptr_array_index (rows, i);
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

static GtkWidget *
show_in_window (GtkWidget *child)
{
  GtkWidget *window = gtk_window_new ();

  gtk_window_set_default_size (GTK_WINDOW (window), 900, 700);
  gtk_window_set_child (GTK_WINDOW (window), child);
  gtk_window_present (GTK_WINDOW (window));
  gtk_test_widget_wait_for_draw (window);

  return window;
}

static GArray *
agenda_ids (GtkWidget *view)
{
  g_autoptr(GPtrArray) rows = find_widgets (view, CD_TYPE_AGENDA_ROW);
  GArray *ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  for (guint i = 0; i < rows->len; i++)
    {
      gint64 id = cd_agenda_row_get_followup_id (g_ptr_array_index (rows, i));
      g_array_append_val (ids, id);
    }
  return ids;
}

static CdAgendaRow *
find_agenda_row (GtkWidget *view,
                 gint64     followup_id)
{
  g_autoptr(GPtrArray) rows = find_widgets (view, CD_TYPE_AGENDA_ROW);

  for (guint i = 0; i < rows->len; i++)
    if (cd_agenda_row_get_followup_id (g_ptr_array_index (rows, i)) == followup_id)
      return g_ptr_array_index (rows, i);
  return NULL;
}

static gboolean
badge_is_zero (gpointer data)
{
  return cd_complaints_view_get_badge_count (CD_COMPLAINTS_VIEW (data)) == 0;
}

static void
on_notify_count_cb (GObject    *object,
                    GParamSpec *pspec,
                    guint      *count)
{
  (*count)++;
}

/* Tests ------------------------------------------------------------------ */

static void
test_view_overdue_first (Fixture       *fx,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CdFollowup) overdue_fu = NULL;
  g_autoptr(GArray) ids = NULL;
  g_autofree char *upcoming_due = NULL;
  GtkWidget *view;
  gint64 now = cd_store_now (fx->store);
  gint64 overdue, upcoming;
  guint notifications = 0;

  /* A pinned clock, so that "how late" is exact. */
  cd_store_set_now (fx->store, now);

  /* Scheduled in this order on purpose: the view sorts, not the ids. */
  upcoming = cd_followup_schedule (fx->store, fx->complaint_id, now + 3 * 86400, fx->me,
                                   CD_METHOD_EMAIL, "Ask whether the replacement arrived", &error);
  g_assert_no_error (error);
  overdue = cd_followup_schedule (fx->store, fx->complaint_id, now - 2 * 3600, fx->me,
                                  CD_METHOD_PHONE, NULL, &error);
  g_assert_no_error (error);

  view = cd_complaints_view_new (fx->store);
  show_in_window (view);

  ids = agenda_ids (view);
  g_assert_cmpuint (ids->len, ==, 2);
  g_assert_cmpint (g_array_index (ids, gint64, 0), ==, overdue);
  g_assert_cmpint (g_array_index (ids, gint64, 1), ==, upcoming);
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (find_agenda_row (view, overdue)), "cd-overdue"));
  g_assert_false (gtk_widget_has_css_class (GTK_WIDGET (find_agenda_row (view, upcoming)), "cd-overdue"));
  g_assert_cmpstr (cd_agenda_row_get_title (find_agenda_row (view, overdue)),
                   ==, "Wang Fang");
  g_assert_cmpstr (cd_agenda_row_get_due_text (find_agenda_row (view, overdue)), ==, "Overdue by 2 h");
  upcoming_due = cd_datetime_format_when (now + 3 * 86400, now);
  g_assert_cmpstr (cd_agenda_row_get_due_text (find_agenda_row (view, upcoming)), ==, upcoming_due);

  g_assert_cmpuint (cd_complaints_view_get_badge_count (CD_COMPLAINTS_VIEW (view)), ==, 1);
  g_signal_connect (view, "notify::badge-count", G_CALLBACK (on_notify_count_cb), &notifications);

  /* Done through the core, as another part of the program would. */
  overdue_fu = cd_followup_load (fx->store, overdue, &error);
  g_assert_no_error (error);
  g_assert_true (cd_followup_record_outcome (fx->store, overdue, overdue_fu->version,
                                             CD_OUTCOME_SATISFIED, 5, "Happy now", NULL, &error));
  g_assert_no_error (error);

  cd_test_wait_until (badge_is_zero, view, "the badge to drop to 0");
  g_assert_cmpuint (notifications, ==, 1);
  g_assert_null (find_agenda_row (view, overdue));
  g_assert_nonnull (find_agenda_row (view, upcoming));

  /* A refresh that changes nothing does not notify again. */
  g_assert_true (gtk_widget_activate_action (view, "complaints.refresh", NULL));
  g_assert_cmpuint (notifications, ==, 1);
}

/* A long section shows its first rows and a "Show More" button that
 * adds more; the button goes once everything is shown. */
static GtkButton *
find_visible_button (GtkWidget  *root,
                     const char *label)
{
  g_autoptr(GPtrArray) buttons = find_widgets (root, GTK_TYPE_BUTTON);

  for (guint i = 0; i < buttons->len; i++)
    if (g_strcmp0 (gtk_button_get_label (g_ptr_array_index (buttons, i)), label) == 0 &&
        gtk_widget_get_visible (g_ptr_array_index (buttons, i)))
      return g_ptr_array_index (buttons, i);
  return NULL;
}

static void
test_view_show_more (Fixture       *fx,
                     gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) ids = NULL;
  gint64 now = cd_store_now (fx->store);
  GtkButton *more;
  GtkWidget *view;

  for (int i = 0; i < 20; i++)
    {
      cd_followup_schedule (fx->store, fx->complaint_id, now - 3600 - i * 60, fx->me,
                            CD_METHOD_PHONE, NULL, &error);
      g_assert_no_error (error);
    }

  view = cd_complaints_view_new (fx->store);
  show_in_window (view);

  ids = agenda_ids (view);
  g_assert_cmpuint (ids->len, ==, 15);
  g_assert_cmpuint (cd_complaints_view_get_badge_count (CD_COMPLAINTS_VIEW (view)), ==, 20);
  more = find_visible_button (view, "Show More");
  g_assert_nonnull (more);

  g_signal_emit_by_name (more, "clicked");
  g_clear_pointer (&ids, g_array_unref);
  ids = agenda_ids (view);
  g_assert_cmpuint (ids->len, ==, 20);
  g_assert_null (find_visible_button (view, "Show More"));
}

static GtkLabel *
find_label (GtkWidget  *root,
            const char *text)
{
  g_autoptr(GPtrArray) labels = find_widgets (root, GTK_TYPE_LABEL);

  for (guint i = 0; i < labels->len; i++)
    if (g_strcmp0 (gtk_label_get_text (g_ptr_array_index (labels, i)), text) == 0)
      return g_ptr_array_index (labels, i);
  return NULL;
}

/* Open complaints without a follow-up: the oldest 15, how many there are
 * in all, and Show More for the rest. */
static void
test_view_open_total (Fixture       *fx,
                      gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  GtkButton *more;
  GtkWidget *view;

  /* With the fixture's complaint, 18 wait for a follow-up. */
  for (int i = 0; i < 17; i++)
    {
      g_autofree char *summary = g_strdup_printf ("Complaint “%d” 😀", i);

      cd_complaint_create (fx->store, fx->customer_id, 0, summary, NULL,
                           CD_SEVERITY_MINOR, "Delivery", fx->me, &error);
      g_assert_no_error (error);
    }

  view = cd_complaints_view_new (fx->store);
  show_in_window (view);

  rows = find_widgets (view, CD_TYPE_COMPLAINT_ROW);
  g_assert_cmpuint (rows->len, ==, 15);
  g_assert_nonnull (find_label (view, "18"));
  g_assert_nonnull (find_label (view, "Complaints with no follow-up scheduled yet. Showing the oldest 15 of 18."));
  more = find_visible_button (view, "Show More");
  g_assert_nonnull (more);

  g_signal_emit_by_name (more, "clicked");
  g_clear_pointer (&rows, g_ptr_array_unref);
  rows = find_widgets (view, CD_TYPE_COMPLAINT_ROW);
  g_assert_cmpuint (rows->len, ==, 18);
  g_assert_nonnull (find_label (view, "Complaints with no follow-up scheduled yet"));
  g_assert_null (find_visible_button (view, "Show More"));

  /* One gets a follow-up: 17 are left. */
  cd_followup_schedule (fx->store, fx->complaint_id, cd_store_now (fx->store) + 3600, fx->me,
                        CD_METHOD_PHONE, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (gtk_widget_activate_action (view, "complaints.refresh", NULL));
  g_assert_nonnull (find_label (view, "17"));
}

/* A change of the agenda gives the rows it has new data in place and adds
 * only what is missing: the widgets stay, their follow-ups change. */
static void
test_view_rows_reused (Fixture       *fx,
                       gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) before = NULL;
  g_autoptr(GPtrArray) after = NULL;
  g_autoptr(GArray) ids = NULL;
  gint64 now = cd_store_now (fx->store);
  gint64 earliest;
  GtkWidget *view;

  for (int i = 0; i < 3; i++)
    {
      cd_followup_schedule (fx->store, fx->complaint_id, now - 3600 + i * 60, fx->me,
                            CD_METHOD_PHONE, NULL, &error);
      g_assert_no_error (error);
    }

  view = cd_complaints_view_new (fx->store);
  show_in_window (view);
  before = find_widgets (view, CD_TYPE_AGENDA_ROW);
  g_assert_cmpuint (before->len, ==, 3);
  /* Held, so that a new row can never take an old one's address. */
  for (guint i = 0; i < before->len; i++)
    g_object_ref (g_ptr_array_index (before, i));

  earliest = cd_followup_schedule (fx->store, fx->complaint_id, now - 7200, fx->me,
                                   CD_METHOD_EMAIL, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (gtk_widget_activate_action (view, "complaints.refresh", NULL));

  after = find_widgets (view, CD_TYPE_AGENDA_ROW);
  g_assert_cmpuint (after->len, ==, 4);
  for (guint i = 0; i < before->len; i++)
    g_assert_true (g_ptr_array_index (after, i) == g_ptr_array_index (before, i));
  ids = agenda_ids (view);
  g_assert_cmpint (g_array_index (ids, gint64, 0), ==, earliest);
  g_assert_cmpint (cd_agenda_row_get_followup_id (g_ptr_array_index (before, 0)), ==, earliest);
  for (guint i = 0; i < before->len; i++)
    g_object_unref (g_ptr_array_index (before, i));
}

static void
collect_all_rows (GtkWidget *widget,
                  GPtrArray *found)
{
  if (CD_IS_AGENDA_ROW (widget))
    g_ptr_array_add (found, widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_all_rows (child, found);
}

static GtkToggleButton *
find_toggle (GtkWidget  *view,
             const char *label)
{
  g_autoptr(GPtrArray) buttons = find_widgets (view, GTK_TYPE_TOGGLE_BUTTON);

  for (guint i = 0; i < buttons->len; i++)
    {
      GtkWidget *child = gtk_button_get_child (g_ptr_array_index (buttons, i));

      if (GTK_IS_LABEL (child) && g_strcmp0 (gtk_label_get_label (GTK_LABEL (child)), label) == 0)
        return g_ptr_array_index (buttons, i);
    }
  g_error ("No toggle button “%s”", label);
}

/* Switching between Mine and Everyone makes rows only the first time: a
 * shorter list hides the rows it no longer needs rather than dropping
 * them, and the longer one shows them again. */
static void
test_view_toggle_keeps_rows (Fixture       *fx,
                             gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) made = g_ptr_array_new ();
  gint64 now = cd_store_now (fx->store);
  gint64 lina;
  GtkWidget *view;

  lina = cd_staff_add (fx->store, "lina", "Li Na", CD_ROLE_REP, &error);
  g_assert_no_error (error);
  cd_followup_schedule (fx->store, fx->complaint_id, now - 3600, fx->me, CD_METHOD_PHONE, NULL, &error);
  g_assert_no_error (error);
  for (int i = 0; i < 3; i++)
    {
      cd_followup_schedule (fx->store, fx->complaint_id, now - 3000 + i * 60, lina,
                            CD_METHOD_PHONE, NULL, &error);
      g_assert_no_error (error);
    }

  view = cd_complaints_view_new (fx->store);
  show_in_window (view);
  gtk_toggle_button_set_active (find_toggle (view, "_Everyone"), TRUE);
  collect_all_rows (view, made);
  for (guint i = 0; i < made->len; i++)
    g_object_ref (g_ptr_array_index (made, i));
  g_assert_cmpuint (made->len, ==, 4);

  for (int round = 0; round < 4; round++)
    {
      g_autoptr(GPtrArray) shown = NULL;
      g_autoptr(GPtrArray) all = g_ptr_array_new ();

      gtk_toggle_button_set_active (find_toggle (view, round % 2 == 0 ? "_Mine" : "_Everyone"), TRUE);
      shown = find_widgets (view, CD_TYPE_AGENDA_ROW);
      g_assert_cmpuint (shown->len, ==, round % 2 == 0 ? 1 : 4);
      collect_all_rows (view, all);
      g_assert_cmpuint (all->len, ==, made->len);
      for (guint i = 0; i < all->len; i++)
        g_assert_true (g_ptr_array_find (made, g_ptr_array_index (all, i), NULL));
      gtk_test_widget_wait_for_draw (view);
    }

  for (guint i = 0; i < made->len; i++)
    g_object_unref (g_ptr_array_index (made, i));
}

typedef struct {
  GtkWidget *view;
  gint64     followup_id;
} RowWait;

static gboolean
row_is_shown (gpointer data)
{
  RowWait *wait = data;
  return find_agenda_row (wait->view, wait->followup_id) != NULL;
}

static void
test_view_external_change (Fixture       *fx,
                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CdStore) other = NULL;
  GtkWidget *view;
  RowWait wait;

  view = cd_complaints_view_new (fx->store);
  show_in_window (view);
  g_assert_cmpuint (cd_complaints_view_get_badge_count (CD_COMPLAINTS_VIEW (view)), ==, 0);

  /* Someone else's Caredesk on the same file. */
  other = cd_store_open (fx->path, CD_STORE_OPEN_NO_WATCH, &error);
  g_assert_no_error (error);
  g_assert_true (cd_store_sign_in (other, "tester", NULL, &error));
  g_assert_no_error (error);

  wait.view = view;
  wait.followup_id = cd_followup_schedule (other, fx->complaint_id, cd_store_now (other) - 60,
                                           fx->me, CD_METHOD_VISIT, NULL, &error);
  g_assert_no_error (error);

  cd_test_wait_until (row_is_shown, &wait, "another connection's follow-up to appear");
  g_assert_cmpuint (cd_complaints_view_get_badge_count (CD_COMPLAINTS_VIEW (view)), ==, 1);
}

typedef struct {
  GtkWidget  *view;
  gint64      followup_id;
  const char *title;
} TitleWait;

static gboolean
row_title_is (gpointer data)
{
  TitleWait *wait = data;
  CdAgendaRow *row = find_agenda_row (wait->view, wait->followup_id);

  return row != NULL && g_strcmp0 (cd_agenda_row_get_title (row), wait->title) == 0;
}

/* A customer's new name shows in the agenda. */
static void
test_view_names (Fixture       *fx,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CdCustomer) customer = NULL;
  GtkWidget *view;
  TitleWait wait;

  wait.followup_id = cd_followup_schedule (fx->store, fx->complaint_id, cd_store_now (fx->store) + 3600,
                                           fx->me, CD_METHOD_PHONE, NULL, &error);
  g_assert_no_error (error);

  view = cd_complaints_view_new (fx->store);
  show_in_window (view);
  wait.view = view;
  wait.title = "Wang Fang";
  g_assert_true (row_title_is (&wait));

  customer = cd_customer_load (fx->store, fx->customer_id, &error);
  g_assert_no_error (error);
  g_free (customer->name);
  customer->name = g_strdup ("Wang Fang (Shenzhen)");
  g_assert_true (cd_customer_update (fx->store, customer, customer->version, &error));
  g_assert_no_error (error);
  wait.title = "Wang Fang (Shenzhen)";
  cd_test_wait_until (row_title_is, &wait, "the customer's new name");

}

static void
test_view_empty_state (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CdStore) store = NULL;
  g_autofree char *dir = g_dir_make_tmp ("caredesk-gui-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "empty.caredesk", NULL);
  g_autofree char *journal = g_strconcat (path, "-journal", NULL);
  g_autoptr(GPtrArray) pages = NULL;
  GtkWidget *view;
  gboolean found = FALSE;

  g_assert_no_error (error);
  store = cd_store_open (path, CD_STORE_OPEN_CREATE, &error);
  g_assert_no_error (error);
  g_assert_true (cd_store_sign_in (store, "tester", NULL, &error));

  view = cd_complaints_view_new (store);
  show_in_window (view);

  pages = find_widgets (view, ADW_TYPE_STATUS_PAGE);
  for (guint i = 0; i < pages->len; i++)
    if (gtk_widget_get_mapped (g_ptr_array_index (pages, i)))
      found = TRUE;
  g_assert_true (found);
  g_assert_cmpuint (cd_complaints_view_get_badge_count (CD_COMPLAINTS_VIEW (view)), ==, 0);

  destroy_all_windows ();
  g_clear_object (&store);
  g_unlink (path);
  g_unlink (journal);
  g_rmdir (dir);
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
  else if (GTK_IS_TEXT (widget))
    g_string_append_printf (texts, "%s\n", gtk_editable_get_text (GTK_EDITABLE (widget)));
  else if (GTK_IS_TEXT_VIEW (widget))
    {
      GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (widget));
      GtkTextIter start, end;
      g_autofree char *text = NULL;

      gtk_text_buffer_get_bounds (buffer, &start, &end);
      text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
      g_string_append_printf (texts, "%s\n", text);
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_visible_texts (child, texts);
}

static guint n_followup_rows (CdComplaintEditor *editor);

static gboolean
pointer_is_null (gpointer data)
{
  return *(gpointer *) data == NULL;
}

static gboolean
spare_editor_ready (gpointer data)
{
  GList *toplevels = gtk_window_list_toplevels ();
  gboolean found = FALSE;

  for (GList *l = toplevels; l != NULL; l = l->next)
    if (CD_IS_COMPLAINT_EDITOR (l->data) && !gtk_widget_get_visible (l->data))
      found = TRUE;
  g_list_free (toplevels);
  return found;
}

static gboolean
editor_shows_summary (gpointer data)
{
  g_autoptr(GString) texts = g_string_new (NULL);

  collect_visible_texts (data, texts);
  return strstr (texts->str, "Second parcel lost for good") != NULL;
}

/* Opening a follow-up fills an editor window made ahead of time (after
 * another one was shown and closed, too): it shows only the complaint
 * opened, its follow-ups and its customer, from the same call on, and
 * follows changes of that complaint only. */
static void
test_view_editor_made_ahead (Fixture       *fx,
                             gconstpointer  data)
{
  const char *first_texts[] = { "Parcel arrived damaged", "The box was crushed.", "Wang Fang" };
  g_autoptr(GError) error = NULL;
  g_autoptr(CdCustomer) customer = cd_customer_new ();
  g_autoptr(GString) texts = g_string_new (NULL);
  g_autoptr(CdComplaint) loaded = NULL;
  GtkWidget *view, *spare = NULL;
  CdComplaintEditor *editor;
  gint64 other_customer, second, fu;
  GList *toplevels;

  customer->name = g_strdup ("Li Lei");
  other_customer = cd_customer_create (fx->store, customer, &error);
  g_assert_no_error (error);
  second = cd_complaint_create (fx->store, other_customer, 0, "Second parcel lost", "Never arrived.",
                                CD_SEVERITY_MINOR, "Courier", fx->me, &error);
  g_assert_no_error (error);
  fu = cd_followup_schedule (fx->store, fx->complaint_id, cd_store_now (fx->store) + 7200,
                             fx->me, CD_METHOD_PHONE, NULL, &error);
  g_assert_no_error (error);
  cd_followup_schedule (fx->store, second, cd_store_now (fx->store) + 9000,
                        fx->me, CD_METHOD_EMAIL, NULL, &error);
  g_assert_no_error (error);

  view = cd_complaints_view_new (fx->store);
  cd_complaints_view_prefill (CD_COMPLAINTS_VIEW (view));
  show_in_window (view);

  for (int round = 0; round < 2; round++)
    {
      gint64 complaint_id = round == 0 ? fx->complaint_id : second;

      cd_test_wait_until (spare_editor_ready, NULL, "an editor window made ahead");
      toplevels = gtk_window_list_toplevels ();
      for (GList *l = toplevels; l != NULL; l = l->next)
        if (CD_IS_COMPLAINT_EDITOR (l->data) && !gtk_widget_get_visible (l->data))
          spare = l->data;
      g_list_free (toplevels);

      if (round == 0)
        cd_complaints_view_show_followup (CD_COMPLAINTS_VIEW (view), fu);
      else
        cd_complaints_view_open_complaint (CD_COMPLAINTS_VIEW (view), complaint_id);
      editor = CD_COMPLAINT_EDITOR (find_toplevel (CD_TYPE_COMPLAINT_EDITOR));
      g_assert_true (GTK_WIDGET (editor) == spare);
      g_assert_cmpint (cd_complaint_editor_get_complaint_id (editor), ==, complaint_id);
      if (round == 0)
        {
          g_string_truncate (texts, 0);
          collect_visible_texts (GTK_WIDGET (editor), texts);
          for (guint i = 0; i < G_N_ELEMENTS (first_texts); i++)
            g_assert_nonnull (strstr (texts->str, first_texts[i]));
          gtk_test_widget_wait_for_draw (GTK_WIDGET (editor));
          gtk_window_close (GTK_WINDOW (editor));
          g_assert_null (find_toplevel (CD_TYPE_COMPLAINT_EDITOR));
        }
    }

  /* Before any frame of it is drawn. */
  g_string_truncate (texts, 0);
  collect_visible_texts (GTK_WIDGET (editor), texts);
  g_assert_nonnull (strstr (texts->str, "Second parcel lost"));
  g_assert_nonnull (strstr (texts->str, "Never arrived."));
  g_assert_nonnull (strstr (texts->str, "Li Lei"));
  g_assert_nonnull (strstr (texts->str, "Courier"));
  for (guint i = 0; i < G_N_ELEMENTS (first_texts); i++)
    if (strstr (texts->str, first_texts[i]) != NULL)
      g_error ("The editor shows “%s” of the complaint opened before:\n%s", first_texts[i], texts->str);
  g_assert_false (cd_complaint_editor_is_dirty (editor));
  /* Its one follow-up, not the first complaint's. */
  g_assert_cmpuint (n_followup_rows (editor), ==, 1);

  gtk_test_widget_wait_for_draw (GTK_WIDGET (editor));

  /* The first complaint's changes do not show; the second's do. */
  loaded = cd_complaint_load (fx->store, fx->complaint_id, &error);
  g_assert_no_error (error);
  g_free (loaded->summary);
  loaded->summary = g_strdup ("First parcel found");
  g_assert_true (cd_complaint_update (fx->store, loaded->id, loaded->version, CD_COMPLAINT_FIELD_SUMMARY,
                                      loaded, &error));
  g_assert_no_error (error);
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_string_truncate (texts, 0);
  collect_visible_texts (GTK_WIDGET (editor), texts);
  g_assert_null (strstr (texts->str, "First parcel found"));

  g_clear_pointer (&loaded, cd_complaint_free);
  loaded = cd_complaint_load (fx->store, second, &error);
  g_assert_no_error (error);
  g_free (loaded->summary);
  loaded->summary = g_strdup ("Second parcel lost for good");
  g_assert_true (cd_complaint_update (fx->store, loaded->id, loaded->version, CD_COMPLAINT_FIELD_SUMMARY,
                                      loaded, &error));
  g_assert_no_error (error);
  cd_test_wait_until (editor_shows_summary, editor, "the second complaint's new summary");

  destroy_all_windows ();
}

/* A complaint editor that is closed is given back: nothing keeps the
 * window of a complaint opened and closed, whether it was made ahead of
 * time or when asked for. */
static void
test_view_closed_editors_freed (Fixture       *fx,
                                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  GtkWidget *view;
  gint64 fu;

  fu = cd_followup_schedule (fx->store, fx->complaint_id, cd_store_now (fx->store) + 7200,
                             fx->me, CD_METHOD_PHONE, NULL, &error);
  g_assert_no_error (error);

  view = cd_complaints_view_new (fx->store);
  cd_complaints_view_prefill (CD_COMPLAINTS_VIEW (view));
  show_in_window (view);

  for (int round = 0; round < 4; round++)
    {
      CdComplaintEditor *editor;
      gpointer weak;

      /* Every other round with the editor made ahead of time. */
      if (round % 2 == 0)
        cd_test_wait_until (spare_editor_ready, NULL, "an editor window made ahead");
      cd_complaints_view_show_followup (CD_COMPLAINTS_VIEW (view), fu);
      editor = CD_COMPLAINT_EDITOR (find_toplevel (CD_TYPE_COMPLAINT_EDITOR));
      g_assert_nonnull (editor);
      weak = editor;
      g_object_add_weak_pointer (G_OBJECT (editor), &weak);
      gtk_test_widget_wait_for_draw (GTK_WIDGET (editor));
      gtk_window_close (GTK_WINDOW (editor));
      cd_test_wait_until (pointer_is_null, &weak, "the closed editor to be finalized");
    }
}

static void
test_view_show_followup (Fixture       *fx,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  CdComplaintEditor *editor;
  GtkWidget *view;
  gint64 fu;

  fu = cd_followup_schedule (fx->store, fx->complaint_id, cd_store_now (fx->store) + 7200,
                             fx->me, CD_METHOD_PHONE, NULL, &error);
  g_assert_no_error (error);

  view = cd_complaints_view_new (fx->store);
  show_in_window (view);

  cd_complaints_view_show_followup (CD_COMPLAINTS_VIEW (view), fu);
  editor = CD_COMPLAINT_EDITOR (find_toplevel (CD_TYPE_COMPLAINT_EDITOR));
  g_assert_nonnull (editor);
  g_assert_cmpint (cd_complaint_editor_get_complaint_id (editor), ==, fx->complaint_id);

  /* Asking again brings up the same editor, not a second one. */
  cd_complaints_view_show_followup (CD_COMPLAINTS_VIEW (view), fu);
  {
    GList *toplevels = gtk_window_list_toplevels ();
    guint editors = 0;

    for (GList *l = toplevels; l != NULL; l = l->next)
      if (CD_IS_COMPLAINT_EDITOR (l->data) && gtk_widget_get_visible (l->data))
        editors++;
    g_list_free (toplevels);
    g_assert_cmpuint (editors, ==, 1);
  }

  cd_complaints_view_record_outcome (CD_COMPLAINTS_VIEW (view), fu);
  g_assert_nonnull (find_toplevel (CD_TYPE_OUTCOME_DIALOG));
}

/* Complaints waiting for a follow-up: every complaint, where this is
 * used. */
static gint64
count_complaints (CdStore *store)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) page = NULL;
  gint64 total = -1;

  page = cd_complaints_without_followup (store, 0, 1, &total, &error);
  g_assert_no_error (error);
  return total;
}

static gboolean
editor_is_idle (gpointer data)
{
  return !cd_complaint_editor_is_saving (CD_COMPLAINT_EDITOR (data));
}

static gboolean
conflict_dialog_is_shown (gpointer data)
{
  return find_toplevel (CD_TYPE_CONFLICT_DIALOG) != NULL;
}

static gboolean
has_spinner (GtkWidget *widget)
{
  if (GTK_IS_SPINNER (widget))
    return TRUE;
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (has_spinner (child))
      return TRUE;
  return FALSE;
}

/* The visible button that shows it is saving, if any; it must not take
 * a second press. */
static GtkButton *
find_spinning_button (GtkWidget *root)
{
  g_autoptr(GPtrArray) buttons = find_widgets (root, GTK_TYPE_BUTTON);

  for (guint i = 0; i < buttons->len; i++)
    if (has_spinner (g_ptr_array_index (buttons, i)))
      {
        g_assert_false (gtk_widget_is_sensitive (g_ptr_array_index (buttons, i)));
        return g_ptr_array_index (buttons, i);
      }
  return NULL;
}

static void
test_editor_validation (Fixture       *fx,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CdComplaint) saved = NULL;
  CdComplaintEditor *editor;
  GtkWidget *summary;
  gint64 before, after;

  editor = cd_complaint_editor_new (fx->store, 0);
  gtk_window_present (GTK_WINDOW (editor));
  gtk_test_widget_wait_for_draw (GTK_WIDGET (editor));

  summary = find_entry_row (GTK_WIDGET (editor), "Summary");
  g_assert_nonnull (summary);

  /* The customer picker is made when first opened. */
  {
    g_autoptr(GPtrArray) buttons = find_widgets (GTK_WIDGET (editor), GTK_TYPE_MENU_BUTTON);
    GtkMenuButton *button;

    g_assert_cmpuint (buttons->len, ==, 1);
    button = g_ptr_array_index (buttons, 0);
    g_assert_true (gtk_widget_is_sensitive (GTK_WIDGET (button)));
    g_assert_null (gtk_menu_button_get_popover (button));
    gtk_menu_button_popup (button);
    g_assert_true (CD_IS_CUSTOMER_PICKER (gtk_menu_button_get_popover (button)));
    gtk_menu_button_popdown (button);
  }

  /* Nothing chosen yet: nothing can be saved. */
  before = count_complaints (fx->store);
  g_assert_false (cd_complaint_editor_save (editor));

  cd_complaint_editor_set_customer (editor, fx->customer_id, "Wang Fang");
  gtk_editable_set_text (GTK_EDITABLE (summary), "Invoice charged twice");
  g_assert_false (gtk_widget_has_css_class (summary, "error"));

  /* Emptying the summary marks the row and keeps Save from working. */
  gtk_editable_set_text (GTK_EDITABLE (summary), "   ");
  g_assert_true (gtk_widget_has_css_class (summary, "error"));
  g_assert_true (cd_complaint_editor_is_dirty (editor));
  g_assert_false (cd_complaint_editor_save (editor));
  after = count_complaints (fx->store);
  g_assert_cmpint (before, ==, after);

  gtk_editable_set_text (GTK_EDITABLE (summary), "Invoice charged twice");
  g_assert_false (gtk_widget_has_css_class (summary, "error"));
  g_assert_true (cd_complaint_editor_save (editor));
  /* It saves off the main thread, says so, and is not saved twice. */
  g_assert_true (cd_complaint_editor_is_saving (editor));
  g_assert_nonnull (find_spinning_button (GTK_WIDGET (editor)));
  g_assert_false (cd_complaint_editor_save (editor));
  cd_test_wait_until (editor_is_idle, editor, "the complaint to be saved");
  g_assert_null (find_spinning_button (GTK_WIDGET (editor)));
  g_assert_cmpint (cd_complaint_editor_get_complaint_id (editor), >, 0);
  g_assert_cmpint (count_complaints (fx->store), ==, before + 1);

  saved = cd_complaint_load (fx->store, cd_complaint_editor_get_complaint_id (editor), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (saved->summary, ==, "Invoice charged twice");
  g_assert_cmpint (saved->customer_id, ==, fx->customer_id);
  g_assert_cmpint (saved->owner_id, ==, fx->me);
}

/* The ticket a complaint comes from must be one of its customer's. */
static void
test_editor_ticket (Fixture       *fx,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CdCustomer) other = cd_customer_new ();
  CdComplaintEditor *editor;
  GtkWidget *ticket_row;
  g_autofree char *mine_text = NULL;
  g_autofree char *theirs_text = NULL;
  gint64 other_customer, mine, theirs;

  other->name = g_strdup ("Li Lei");
  other_customer = cd_customer_create (fx->store, other, &error);
  g_assert_no_error (error);
  mine = cd_ticket_create (fx->store, fx->customer_id, "Broken parcel", NULL, CD_CHANNEL_PHONE,
                           0, CD_PRIORITY_NORMAL, 0, &error);
  g_assert_no_error (error);
  theirs = cd_ticket_create (fx->store, other_customer, "Late refund", NULL, CD_CHANNEL_PHONE,
                             0, CD_PRIORITY_NORMAL, 0, &error);
  g_assert_no_error (error);
  mine_text = cd_ticket_format_number (mine);
  theirs_text = cd_ticket_format_number (theirs);

  editor = cd_complaint_editor_new (fx->store, 0);
  gtk_window_present (GTK_WINDOW (editor));
  cd_complaint_editor_set_customer (editor, fx->customer_id, "Wang Fang");
  ticket_row = find_entry_row (GTK_WIDGET (editor), "Ticket (optional), e.g. T-000123");
  g_assert_nonnull (ticket_row);

  gtk_editable_set_text (GTK_EDITABLE (ticket_row), theirs_text);
  g_assert_true (gtk_widget_has_css_class (ticket_row, "error"));
  gtk_editable_set_text (GTK_EDITABLE (ticket_row), "T-999999");
  g_assert_true (gtk_widget_has_css_class (ticket_row, "error"));
  gtk_editable_set_text (GTK_EDITABLE (ticket_row), "not a number");
  g_assert_true (gtk_widget_has_css_class (ticket_row, "error"));
  gtk_editable_set_text (GTK_EDITABLE (ticket_row), mine_text);
  g_assert_false (gtk_widget_has_css_class (ticket_row, "error"));
  gtk_editable_set_text (GTK_EDITABLE (ticket_row), "");
  g_assert_false (gtk_widget_has_css_class (ticket_row, "error"));
}

static void
on_response_overwrite (AdwMessageDialog *dialog)
{
  adw_message_dialog_response (dialog, "overwrite");
}

static void
test_editor_stale (Fixture       *fx,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CdComplaint) theirs = NULL;
  g_autoptr(CdComplaint) result = NULL;
  AdwMessageDialog *dialog;
  CdComplaintEditor *editor;
  GtkWidget *summary;
  GtkWidget *category;

  editor = cd_complaint_editor_new (fx->store, fx->complaint_id);
  g_object_add_weak_pointer (G_OBJECT (editor), (gpointer *) &editor);
  gtk_window_present (GTK_WINDOW (editor));
  gtk_test_widget_wait_for_draw (GTK_WIDGET (editor));

  summary = find_entry_row (GTK_WIDGET (editor), "Summary");
  g_assert_nonnull (summary);
  gtk_editable_set_text (GTK_EDITABLE (summary), "Parcel arrived damaged, second time");

  /* Someone else saves the category first. */
  theirs = cd_complaint_load (fx->store, fx->complaint_id, &error);
  g_assert_no_error (error);
  g_free (theirs->category);
  theirs->category = g_strdup ("Packaging");
  g_assert_true (cd_complaint_update (fx->store, fx->complaint_id, theirs->version,
                                      CD_COMPLAINT_FIELD_CATEGORY, theirs, &error));
  g_assert_no_error (error);

  /* Ours is refused and the user is asked; nothing is lost yet. */
  g_assert_true (cd_complaint_editor_save (editor));
  cd_test_wait_until (conflict_dialog_is_shown, NULL, "the conflict dialog");
  dialog = ADW_MESSAGE_DIALOG (find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
  g_assert_nonnull (dialog);
  g_assert_true (adw_message_dialog_has_response (dialog, "reload"));
  g_assert_true (adw_message_dialog_has_response (dialog, "overwrite"));
  /* It says what differs: our summary, their category. */
  g_assert_true (CD_IS_CONFLICT_DIALOG (dialog));
  g_assert_cmpuint (cd_conflict_dialog_get_n_fields (CD_CONFLICT_DIALOG (dialog)), ==, 2);
  {
    const char *label, *yours, *theirs_value;

    cd_conflict_dialog_get_field (CD_CONFLICT_DIALOG (dialog), 0, &label, &yours, &theirs_value);
    g_assert_cmpstr (label, ==, "Summary");
    g_assert_cmpstr (yours, ==, "Parcel arrived damaged, second time");
    g_assert_cmpstr (theirs_value, ==, "Parcel arrived damaged");
    cd_conflict_dialog_get_field (CD_CONFLICT_DIALOG (dialog), 1, &label, &yours, &theirs_value);
    g_assert_cmpstr (label, ==, "Category");
    g_assert_cmpstr (theirs_value, ==, "Packaging");
  }
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (summary)), ==,
                   "Parcel arrived damaged, second time");

  /* Overwrite writes only what we changed: their category stays. */
  category = find_entry_row (GTK_WIDGET (editor), "Category, e.g. Billing or Delivery");
  g_assert_nonnull (category);
  on_response_overwrite (dialog);
  cd_test_wait_until (pointer_is_null, &editor, "the editor to close after saving");

  result = cd_complaint_load (fx->store, fx->complaint_id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (result->summary, ==, "Parcel arrived damaged, second time");
  g_assert_cmpstr (result->category, ==, "Packaging");
}

static GtkWidget *
first_followup_row (CdComplaintEditor *editor)
{
  g_autoptr(GPtrArray) rows = find_widgets (GTK_WIDGET (editor), ADW_TYPE_ACTION_ROW);

  for (guint i = 0; i < rows->len; i++)
    if (g_object_get_data (g_ptr_array_index (rows, i), "followup-id") != NULL)
      return g_ptr_array_index (rows, i);
  return NULL;
}

static guint
n_followup_rows (CdComplaintEditor *editor)
{
  g_autoptr(GPtrArray) rows = find_widgets (GTK_WIDGET (editor), ADW_TYPE_ACTION_ROW);
  guint n = 0;

  for (guint i = 0; i < rows->len; i++)
    if (g_object_get_data (g_ptr_array_index (rows, i), "followup-id") != NULL)
      n++;
  return n;
}

static gboolean
editor_has_two_followups (gpointer data)
{
  return n_followup_rows (CD_COMPLAINT_EDITOR (data)) == 2;
}

static void
iterate_until_idle (void)
{
  for (int i = 0; i < 20; i++)
    while (g_main_context_iteration (NULL, FALSE))
      ;
}

/* An editor follows changes of its own follow-ups, made anywhere, and
 * leaves its list alone for others'. */
static void
test_editor_followups_elsewhere (Fixture       *fx,
                                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CdStore) other = NULL;
  CdComplaintEditor *editor;
  GtkWidget *row;
  gint64 other_complaint;

  cd_followup_schedule (fx->store, fx->complaint_id, cd_store_now (fx->store) + 3600, fx->me,
                        CD_METHOD_PHONE, NULL, &error);
  g_assert_no_error (error);
  other_complaint = cd_complaint_create (fx->store, fx->customer_id, 0, "Wrong colour", NULL,
                                         CD_SEVERITY_MINOR, NULL, fx->me, &error);
  g_assert_no_error (error);

  editor = cd_complaint_editor_new (fx->store, fx->complaint_id);
  gtk_window_present (GTK_WINDOW (editor));
  gtk_test_widget_wait_for_draw (GTK_WIDGET (editor));
  g_assert_cmpuint (n_followup_rows (editor), ==, 1);
  row = first_followup_row (editor);
  g_object_add_weak_pointer (G_OBJECT (row), (gpointer *) &row);

  /* Another complaint's follow-up: the list is not rebuilt. */
  cd_followup_schedule (fx->store, other_complaint, cd_store_now (fx->store) + 7200, fx->me,
                        CD_METHOD_EMAIL, NULL, &error);
  g_assert_no_error (error);
  iterate_until_idle ();
  g_assert_true (row == first_followup_row (editor));

  /* One of its own, by someone else's Caredesk: it shows up. */
  other = cd_store_open (fx->path, CD_STORE_OPEN_NO_WATCH, &error);
  g_assert_no_error (error);
  g_assert_true (cd_store_sign_in (other, "tester", NULL, &error));
  cd_followup_schedule (other, fx->complaint_id, cd_store_now (other) + 86400, fx->me,
                        CD_METHOD_VISIT, NULL, &error);
  g_assert_no_error (error);
  cd_test_wait_until (editor_has_two_followups, editor, "the follow-up scheduled elsewhere");
  if (row != NULL)
    g_object_remove_weak_pointer (G_OBJECT (row), (gpointer *) &row);
}

/* A status change runs off the main thread; its button says so, and no
 * second change starts meanwhile. */
static void
test_editor_status (Fixture       *fx,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CdComplaint) saved = NULL;
  CdComplaintEditor *editor;
  GtkButton *busy;

  editor = cd_complaint_editor_new (fx->store, fx->complaint_id);
  gtk_window_present (GTK_WINDOW (editor));
  gtk_test_widget_wait_for_draw (GTK_WIDGET (editor));
  g_assert_null (find_spinning_button (GTK_WIDGET (editor)));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (editor), "editor.set-status", "s", "acknowledged"));
  g_assert_true (cd_complaint_editor_is_saving (editor));
  busy = find_spinning_button (GTK_WIDGET (editor));
  g_assert_nonnull (busy);
  g_assert_cmpstr (gtk_actionable_get_action_name (GTK_ACTIONABLE (busy)), ==, "editor.set-status");
  /* Saving and other changes wait for it. */
  g_assert_false (cd_complaint_editor_save (editor));
  gtk_widget_activate_action (GTK_WIDGET (editor), "editor.set-status", "s", "resolved");

  cd_test_wait_until (editor_is_idle, editor, "the status change");
  g_assert_null (find_spinning_button (GTK_WIDGET (editor)));
  saved = cd_complaint_load (fx->store, fx->complaint_id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (saved->status, ==, CD_COMPLAINT_ACKNOWLEDGED);
  g_assert_cmpint (saved->version, ==, 2);
}

static void
collect_mnemonics (GtkWidget  *widget,
                   GHashTable *seen)
{
  if (GTK_IS_LABEL (widget) && gtk_label_get_use_underline (GTK_LABEL (widget)))
    {
      guint key = gdk_keyval_to_lower (gtk_label_get_mnemonic_keyval (GTK_LABEL (widget)));
      const char *text = gtk_label_get_label (GTK_LABEL (widget));
      const char *other = g_hash_table_lookup (seen, GUINT_TO_POINTER (key));

      if (key != GDK_KEY_VoidSymbol && other != NULL)
        g_error ("“%s” and “%s” share Alt+%s", other, text, gdk_keyval_name (key));
      g_hash_table_insert (seen, GUINT_TO_POINTER (key), (gpointer) text);
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_mnemonics (child, seen);
}

/* Each button of the editor has an Alt key of its own (Close Complaint
 * and Reopen shared Alt+O). */
static void
test_editor_mnemonics (Fixture       *fx,
                       gconstpointer  data)
{
  g_autoptr(GHashTable) seen = g_hash_table_new (NULL, NULL);
  CdComplaintEditor *editor;

  editor = cd_complaint_editor_new (fx->store, fx->complaint_id);
  gtk_window_present (GTK_WINDOW (editor));
  gtk_test_widget_wait_for_draw (GTK_WIDGET (editor));
  collect_mnemonics (GTK_WIDGET (editor), seen);
  g_assert_cmpuint (g_hash_table_size (seen), >=, 8);
  gtk_window_destroy (GTK_WINDOW (editor));
}

/* The editor's title names the complaint as people know it, by its
 * customer, not by its database id ("Complaint 188"). */
static void
test_editor_title (Fixture       *fx,
                   gconstpointer  data)
{
  g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, fx->complaint_id);
  CdComplaintEditor *editor;
  const char *title;

  editor = cd_complaint_editor_new (fx->store, fx->complaint_id);
  gtk_window_present (GTK_WINDOW (editor));
  gtk_test_widget_wait_for_draw (GTK_WIDGET (editor));
  title = gtk_window_get_title (GTK_WINDOW (editor));
  g_assert_cmpstr (title, ==, "Complaint from Wang Fang");
  g_assert_null (strstr (title, id));
  gtk_window_destroy (GTK_WINDOW (editor));
}

/* The follow-ups' Record Outcome buttons each say which follow-up they
 * record; the status is a plain pill, not accent-coloured like a link. */
static void
test_editor_outcome_buttons (Fixture       *fx,
                             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) buttons = NULL;
  g_autoptr(GPtrArray) outcome = g_ptr_array_new ();
  CdComplaintEditor *editor;
  GtkLabel *status;
  gint64 now = cd_store_now (fx->store);

  cd_followup_schedule (fx->store, fx->complaint_id, now + 3600, fx->me, CD_METHOD_PHONE, NULL, &error);
  g_assert_no_error (error);
  cd_followup_schedule (fx->store, fx->complaint_id, now + 2 * 86400, fx->me, CD_METHOD_VISIT, NULL, &error);
  g_assert_no_error (error);

  editor = cd_complaint_editor_new (fx->store, fx->complaint_id);
  gtk_window_present (GTK_WINDOW (editor));
  gtk_test_widget_wait_for_draw (GTK_WIDGET (editor));
  buttons = find_widgets (GTK_WIDGET (editor), GTK_TYPE_BUTTON);
  for (guint i = 0; i < buttons->len; i++)
    if (g_strcmp0 (gtk_actionable_get_action_name (g_ptr_array_index (buttons, i)), "editor.record-outcome") == 0)
      g_ptr_array_add (outcome, g_ptr_array_index (buttons, i));
  g_assert_cmpuint (outcome->len, ==, 2);
  for (guint i = 0; i < outcome->len; i++)
    {
      const char *tip = gtk_widget_get_tooltip_text (g_ptr_array_index (outcome, i));

      g_assert_true (g_str_has_prefix (tip, "Record the outcome of "));
      g_assert_nonnull (strstr (tip, i == 0 ? "Phone" : "Visit"));
    }
  g_assert_cmpstr (gtk_widget_get_tooltip_text (g_ptr_array_index (outcome, 0)), !=,
                   gtk_widget_get_tooltip_text (g_ptr_array_index (outcome, 1)));

  status = find_label (GTK_WIDGET (editor), "Received");
  g_assert_nonnull (status);
  g_assert_false (gtk_widget_has_css_class (GTK_WIDGET (status), "accent"));
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (status), "cd-status-pill"));
  gtk_window_destroy (GTK_WINDOW (editor));
}

/* The follow-up editor opens tall enough to show all it holds. */
static void
test_followup_editor_size (Fixture       *fx,
                           gconstpointer  data)
{
  CdFollowupEditor *editor = cd_followup_editor_new_schedule (fx->store, fx->complaint_id);
  g_autoptr(GPtrArray) scrolled = NULL;
  GtkAdjustment *adjustment;

  gtk_window_present (GTK_WINDOW (editor));
  gtk_test_widget_wait_for_draw (GTK_WIDGET (editor));
  scrolled = find_widgets (GTK_WIDGET (editor), GTK_TYPE_SCROLLED_WINDOW);
  g_assert_cmpuint (scrolled->len, >=, 1);
  adjustment = gtk_scrolled_window_get_vadjustment (g_ptr_array_index (scrolled, 0));
  g_assert_cmpfloat (gtk_adjustment_get_upper (adjustment), <=, gtk_adjustment_get_page_size (adjustment) + 0.5);
  gtk_window_destroy (GTK_WINDOW (editor));
}

static gboolean
no_pending_writes (gpointer data)
{
  return cd_store_get_pending_writes (CD_STORE (data)) == 0;
}

/* A dialog destroyed while its record is being written (its parent went
 * away) does not crash, and the write ends cleanly either way. */
static void
test_outcome_destroyed_while_saving (Fixture       *fx,
                                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CdFollowup) after = NULL;
  CdOutcomeDialog *dialog;
  gint64 fu;

  fu = cd_followup_schedule (fx->store, fx->complaint_id, cd_store_now (fx->store) - 600, fx->me,
                             CD_METHOD_PHONE, NULL, &error);
  g_assert_no_error (error);

  dialog = cd_outcome_dialog_new (fx->store, fu);
  gtk_window_present (GTK_WINDOW (dialog));
  cd_outcome_dialog_set_outcome (dialog, CD_OUTCOME_SATISFIED);
  g_assert_true (cd_outcome_dialog_save (dialog));
  gtk_window_destroy (GTK_WINDOW (dialog));

  cd_test_wait_until (no_pending_writes, fx->store, "the write to end");
  after = cd_followup_load (fx->store, fu, &error);
  g_assert_no_error (error);
  g_assert_true (after->status == CD_FOLLOWUP_DONE || after->status == CD_FOLLOWUP_SCHEDULED);
  g_assert_null (find_toplevel (CD_TYPE_OUTCOME_DIALOG));
}

static void
test_outcome_proposal (Fixture       *fx,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CdFollowup) done = NULL;
  g_autoptr(GPtrArray) all = NULL;
  CdOutcomeDialog *dialog;
  CdFollowupEditor *next;
  gint64 now = cd_store_now (fx->store);
  gint64 fu;

  fu = cd_followup_schedule (fx->store, fx->complaint_id, now - 600, fx->me,
                             CD_METHOD_PHONE, NULL, &error);
  g_assert_no_error (error);

  dialog = cd_outcome_dialog_new (fx->store, fu);
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);
  gtk_window_present (GTK_WINDOW (dialog));
  cd_outcome_dialog_set_outcome (dialog, CD_OUTCOME_UNREACHABLE);
  g_assert_true (cd_outcome_dialog_save (dialog));
  /* Saving: not twice, and not closed half-way. */
  g_assert_false (cd_outcome_dialog_save (dialog));
  gtk_window_close (GTK_WINDOW (dialog));
  g_assert_nonnull (dialog);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (dialog)));
  cd_test_wait_until (pointer_is_null, &dialog, "the outcome dialog to close once recorded");

  done = cd_followup_load (fx->store, fu, &error);
  g_assert_no_error (error);
  g_assert_cmpint (done->status, ==, CD_FOLLOWUP_DONE);
  g_assert_cmpint (done->outcome, ==, CD_OUTCOME_UNREACHABLE);

  /* The proposal is offered, not written. */
  next = CD_FOLLOWUP_EDITOR (find_toplevel (CD_TYPE_FOLLOWUP_EDITOR));
  g_assert_nonnull (next);
  all = cd_followups_list_for_complaint (fx->store, fx->complaint_id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (all->len, ==, 1);
  g_assert_cmpint (cd_followup_editor_get_due_at (next), >, now);

  /* Confirming schedules it. */
  g_object_add_weak_pointer (G_OBJECT (next), (gpointer *) &next);
  g_assert_true (cd_followup_editor_save (next));
  g_assert_false (cd_followup_editor_save (next));
  cd_test_wait_until (pointer_is_null, &next, "the follow-up editor to close once saved");
  g_clear_pointer (&all, g_ptr_array_unref);
  all = cd_followups_list_for_complaint (fx->store, fx->complaint_id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (all->len, ==, 2);
  g_assert_cmpint (((CdFollowup *) g_ptr_array_index (all, 1))->status, ==, CD_FOLLOWUP_SCHEDULED);
}

static void
test_notifier_disabled (Fixture       *fx,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_autoptr(GApplication) app = g_application_new (APP_ID ".Test", G_APPLICATION_NON_UNIQUE);
  g_autoptr(CdNotifier) notifier = NULL;
  const CdReminderPolicy policy = CD_REMINDER_POLICY_DEFAULT;

  cd_followup_schedule (fx->store, fx->complaint_id, cd_store_now (fx->store) - 3600,
                        fx->me, CD_METHOD_PHONE, NULL, &error);
  g_assert_no_error (error);

  /* Turned off: nothing is claimed, so nothing is used up unseen. */
  g_settings_set_boolean (settings, "notifications-enabled", FALSE);
  notifier = cd_notifier_new (app, fx->store, settings);
  cd_notifier_check (notifier);
  /* Nothing claimed: it is all still due. */
  g_assert_true (cd_reminders_has_due (fx->store, fx->me, &policy, &error));
  g_assert_no_error (error);
  g_settings_reset (settings, "notifications-enabled");
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add ("/gui/complaints/view/overdue-first", Fixture, NULL,
              fixture_set_up, test_view_overdue_first, fixture_tear_down);
  g_test_add ("/gui/complaints/view/external-change", Fixture, NULL,
              fixture_set_up, test_view_external_change, fixture_tear_down);
  g_test_add_func ("/gui/complaints/view/empty-state", test_view_empty_state);
  g_test_add ("/gui/complaints/view/names", Fixture, NULL,
              fixture_set_up, test_view_names, fixture_tear_down);
  g_test_add ("/gui/complaints/view/editor-made-ahead", Fixture, NULL,
              fixture_set_up, test_view_editor_made_ahead, fixture_tear_down);
  g_test_add ("/gui/complaints/view/toggle-keeps-rows", Fixture, NULL,
              fixture_set_up, test_view_toggle_keeps_rows, fixture_tear_down);
  g_test_add ("/gui/complaints/view/rows-reused", Fixture, NULL,
              fixture_set_up, test_view_rows_reused, fixture_tear_down);
  g_test_add ("/gui/complaints/view/show-more", Fixture, NULL,
              fixture_set_up, test_view_show_more, fixture_tear_down);
  g_test_add ("/gui/complaints/view/open-total", Fixture, NULL,
              fixture_set_up, test_view_open_total, fixture_tear_down);
  g_test_add ("/gui/complaints/view/closed-editors-freed", Fixture, NULL,
              fixture_set_up, test_view_closed_editors_freed, fixture_tear_down);
  g_test_add ("/gui/complaints/view/show-followup", Fixture, NULL,
              fixture_set_up, test_view_show_followup, fixture_tear_down);
  g_test_add ("/gui/complaints/editor/validation", Fixture, NULL,
              fixture_set_up, test_editor_validation, fixture_tear_down);
  g_test_add ("/gui/complaints/editor/ticket", Fixture, NULL,
              fixture_set_up, test_editor_ticket, fixture_tear_down);
  g_test_add ("/gui/complaints/editor/stale", Fixture, NULL,
              fixture_set_up, test_editor_stale, fixture_tear_down);
  g_test_add ("/gui/complaints/editor/followups-elsewhere", Fixture, NULL,
              fixture_set_up, test_editor_followups_elsewhere, fixture_tear_down);
  g_test_add ("/gui/complaints/editor/mnemonics", Fixture, NULL,
              fixture_set_up, test_editor_mnemonics, fixture_tear_down);
  g_test_add ("/gui/complaints/editor/title", Fixture, NULL,
              fixture_set_up, test_editor_title, fixture_tear_down);
  g_test_add ("/gui/complaints/editor/outcome-buttons", Fixture, NULL,
              fixture_set_up, test_editor_outcome_buttons, fixture_tear_down);
  g_test_add ("/gui/complaints/followup-editor/size", Fixture, NULL,
              fixture_set_up, test_followup_editor_size, fixture_tear_down);
  g_test_add ("/gui/complaints/editor/status", Fixture, NULL,
              fixture_set_up, test_editor_status, fixture_tear_down);
  g_test_add ("/gui/complaints/outcome/destroyed-while-saving", Fixture, NULL,
              fixture_set_up, test_outcome_destroyed_while_saving, fixture_tear_down);
  g_test_add ("/gui/complaints/outcome/proposal", Fixture, NULL,
              fixture_set_up, test_outcome_proposal, fixture_tear_down);

  g_test_add ("/gui/complaints/notifier/disabled", Fixture, NULL,
              fixture_set_up, test_notifier_disabled, fixture_tear_down);

  return g_test_run ();
}
