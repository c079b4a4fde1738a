/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "caredesk-test"

#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <string.h>

#include "cd-gui-test-util.h"
#include "cd-import-dialog.h"
#include "cd-record-page.h"
#include "cd-assign-dialog.h"
#include "cd-assessment-editor.h"
#include "cd-certification-dialog.h"
#include "cd-certification-editor.h"
#include "cd-course-editor.h"
#include "cd-coverage-page.h"
#include "cd-matrix-page.h"
#include "cd-matrix-strip.h"
#include "cd-overview-view.h"
#include "cd-people-picker.h"
#include "cd-session-editor.h"
#include "cd-session-page.h"
#include "cd-slot-list.h"
#include "cd-sessions-page.h"
#include "cd-store-private.h"
#include "cd-tickets.h"
#include "cd-ticket-assignees.h"
#include "cd-training.h"
#include "cd-training-view.h"

/* Widget tests of the Training view: a trainer's day through the
 * widgets, against a temporary database file. */

#define DAY G_GINT64_CONSTANT (86400)

/* While another Caredesk holds the lock for 1.5 s, a read on the main
 * thread would stop the window for all of it; a gap between ticks above
 * this is such a wait, below it the machine's load (and, three times
 * over, AddressSanitizer's). */
#if defined(__SANITIZE_ADDRESS__)
#define LONGEST_TICK_US (900 * 1000)
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define LONGEST_TICK_US (900 * 1000)
#endif
#endif
#ifndef LONGEST_TICK_US
#define LONGEST_TICK_US (300 * 1000)
#endif

/* cd-test-writer, a second Caredesk on the same file (--writer PATH). */
static char *writer_path;

typedef struct {
  char      *dir;
  char      *path;
  CdStore   *store;
  gint64     me;
  gint64     lina;
  gint64     category_id;
  gint64     customer_id;
  GtkWindow *window;
  CdTrainingView *view;
} Fixture;

static gint64
add_staff (CdStore    *store,
           const char *login,
           const char *name,
           const char *role)
{
  g_autoptr(GError) error = NULL;
  const CdField fields[] = { { "login", login }, { "display_name", name }, { "role", role } };
  gint64 id = cd_store_insert (store, "staff", fields, G_N_ELEMENTS (fields), &error);

  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  return id;
}

static void
fixture_set_up (Fixture       *fx,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  const CdField category[] = { { "name", "Billing" }, { "min_coverage", "1" } };
  const CdField customer[] = { { "name", "Wang Fang" }, { "phone", "13800138000" }, { "tier", "core" } };

  /* The network-share settings (rollback journal): there a reader waits
   * while another process commits. */
  if (data != NULL)
    g_setenv ("CAREDESK_FORCE_REMOTE", "1", TRUE);
  fx->dir = g_dir_make_tmp ("caredesk-training-gui-XXXXXX", &error);
  g_assert_no_error (error);
  fx->path = g_build_filename (fx->dir, "test.caredesk", NULL);
  fx->store = cd_store_open (fx->path, CD_STORE_OPEN_CREATE, &error);
  g_assert_no_error (error);
  g_assert_true (cd_store_sign_in (fx->store, "tester", "Test Person", &error));
  g_assert_no_error (error);
  fx->me = cd_store_get_staff_id (fx->store);
  g_assert_true (cd_training_can_edit (fx->store));
  fx->lina = add_staff (fx->store, "lina", "Li Na", "rep");
  fx->category_id = cd_store_insert (fx->store, "ticket_categories", category, G_N_ELEMENTS (category), &error);
  g_assert_no_error (error);
  fx->customer_id = cd_store_insert (fx->store, "customers", customer, G_N_ELEMENTS (customer), &error);
  g_assert_no_error (error);

  fx->window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (fx->window, 1200, 760);
  fx->view = CD_TRAINING_VIEW (cd_training_view_new (fx->store));
  gtk_window_set_child (fx->window, GTK_WIDGET (fx->view));
  gtk_window_present (fx->window);
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
  g_unsetenv ("CAREDESK_FORCE_REMOTE");
  dir = g_dir_open (fx->dir, 0, NULL);
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *p = g_build_filename (fx->dir, name, NULL);
      g_remove (p);
    }
  g_rmdir (fx->dir);
  g_free (fx->path);
  g_free (fx->dir);
}

/* The open window of @type, or NULL. */
static GtkWidget *
find_window (GType type)
{
  GList *toplevels = gtk_window_list_toplevels ();
  GtkWidget *found = NULL;

  for (GList *l = toplevels; l != NULL && found == NULL; l = l->next)
    if (G_TYPE_CHECK_INSTANCE_TYPE (l->data, type) && gtk_widget_get_visible (l->data))
      found = l->data;
  g_list_free (toplevels);
  return found;
}

static GtkWidget *
wait_for_window (GType type)
{
  cd_test_wait_for (find_window (type) != NULL);
  return find_window (type);
}

static GtkWidget *
find_type (GtkWidget *root,
           GType      type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (root, type))
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_type (child, type);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static GtkWidget *
find_named (GtkWidget  *root,
            const char *name)
{
  if (g_strcmp0 (gtk_widget_get_name (root), name) == 0)
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_named (child, name);
      if (found != NULL)
        return found;
    }
  return NULL;
}

/* Clicks the dialog's button named "save" and waits for it to close. */
static void
click_save (GtkWidget *dialog)
{
  GtkWidget *save = find_named (dialog, "save");

  g_assert_nonnull (save);
  g_assert_true (gtk_widget_is_sensitive (save));
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);
  gtk_widget_activate (save);
  cd_test_wait_for (dialog == NULL || !gtk_widget_get_visible (dialog));
  if (dialog != NULL)
    g_object_remove_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);
}

static gint64
count (CdStore    *store,
       const char *sql)
{
  g_autoptr(GError) error = NULL;
  gint64 n = cd_store_query_int (store, sql, CD_NO_BIND, -1, &error);

  g_assert_no_error (error);
  return n;
}

static gboolean
is_certified (Fixture *fx)
{
  g_autoptr(GError) error = NULL;
  gboolean certified = cd_staff_is_certified_for (fx->store, fx->lina, fx->category_id,
                                                  cd_store_now (fx->store), &error);

  g_assert_no_error (error);
  return certified;
}

/* Whether the assign dialog asks for a reason to give a Billing ticket
 * to Li Na. */
static gboolean
assigning_needs_reason (Fixture *fx,
                        gint64   ticket_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CdTicket) ticket = cd_ticket_load (fx->store, ticket_id, &error);
  GtkWidget *dialog;
  gboolean needs;

  g_assert_no_error (error);
  dialog = cd_assign_dialog_new (fx->store, ticket);
  gtk_window_present (GTK_WINDOW (dialog));
  g_assert_true (cd_assign_dialog_select (CD_ASSIGN_DIALOG (dialog), fx->lina));
  needs = cd_assign_dialog_needs_reason (CD_ASSIGN_DIALOG (dialog));
  gtk_window_destroy (GTK_WINDOW (dialog));
  return needs;
}

/* The assign dialog of a team of ten opens tall enough to show them all
 * without scrolling. */
static void
test_assign_dialog_size (Fixture       *fx,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CdTicket) ticket = NULL;
  GtkWidget *dialog;
  GtkWidget *scrolled;
  GtkAdjustment *adjustment;
  gint64 ticket_id;

  for (int i = 0; i < 8; i++)
    {
      g_autofree char *login = g_strdup_printf ("rep%d", i);
      g_autofree char *name = g_strdup_printf ("王芳 Rep %d", i);

      add_staff (fx->store, login, name, "rep");
    }
  ticket_id = cd_ticket_create (fx->store, fx->customer_id, "Refund twice", NULL, CD_CHANNEL_PHONE,
                                fx->category_id, CD_PRIORITY_HIGH, 0, &error);
  g_assert_no_error (error);
  ticket = cd_ticket_load (fx->store, ticket_id, &error);
  g_assert_no_error (error);
  dialog = cd_assign_dialog_new (fx->store, ticket);
  gtk_window_present (GTK_WINDOW (dialog));
  gtk_test_widget_wait_for_draw (dialog);
  scrolled = find_type (dialog, GTK_TYPE_SCROLLED_WINDOW);
  g_assert_nonnull (scrolled);
  adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scrolled));
  g_assert_cmpfloat (gtk_adjustment_get_upper (adjustment), <=, gtk_adjustment_get_page_size (adjustment) + 0.5);
  gtk_window_destroy (GTK_WINDOW (dialog));
}

static gboolean
label_is (GtkWidget  *widget,
          const char *expected)
{
  g_autofree char *differs = NULL;

  if (!gtk_test_accessible_has_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL))
    return FALSE;
  differs = gtk_test_accessible_check_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL, expected);
  if (differs != NULL)
    g_test_message ("row label: %s", differs);
  return differs == NULL;
}

/* The matrix row of @staff_id on screen. */
static GtkWidget *
find_strip (GtkWidget *widget,
            gint64     staff_id)
{
  if (CD_IS_MATRIX_STRIP (widget) && cd_matrix_strip_get_staff_id (CD_MATRIX_STRIP (widget)) == staff_id &&
      gtk_widget_get_mapped (widget))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_strip (child, staff_id);
      if (found != NULL)
        return found;
    }
  return NULL;
}

static void
test_trainer_day (Fixture       *fx,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  GtkWidget *page;
  GtkWidget *dialog;
  GtkWidget *session_page;
  GtkWidget *roster;
  GtkWidget *row = NULL;
  GtkWidget *matrix;
  g_autoptr(CdCourse) course = NULL;
  g_autoptr(CdCertification) certification = NULL;
  gint64 course_id;
  gint64 session_id;
  gint64 certification_id;
  gint64 ticket_id;
  g_autofree char *cell = NULL;

  ticket_id = cd_ticket_create (fx->store, fx->customer_id, "Refund twice", NULL, CD_CHANNEL_PHONE,
                                fx->category_id, CD_PRIORITY_HIGH, 0, &error);
  g_assert_no_error (error);

  /* A course, through its editor. */
  cd_training_view_show_page (fx->view, CD_TRAINING_PAGE_COURSES);
  page = cd_training_view_get_page_widget (fx->view, CD_TRAINING_PAGE_COURSES);
  g_assert_true (gtk_widget_activate_action (page, "courses.new", NULL));
  dialog = wait_for_window (CD_TYPE_COURSE_EDITOR);
  gtk_editable_set_text (cd_course_editor_get_title (CD_COURSE_EDITOR (dialog)), "Refunds “done right” 退款");
  gtk_editable_set_text (cd_course_editor_get_hours (CD_COURSE_EDITOR (dialog)), "3");
  click_save (dialog);
  cd_test_wait_for (count (fx->store, "SELECT count(*) FROM courses") == 1);
  course_id = count (fx->store, "SELECT id FROM courses");
  course = cd_course_load (fx->store, course_id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (course->title, ==, "Refunds “done right” 退款");
  g_assert_cmpfloat (course->hours, ==, 3.0);

  /* A session of it two days ago, through its editor. */
  cd_training_view_show_page (fx->view, CD_TRAINING_PAGE_SESSIONS);
  page = cd_training_view_get_page_widget (fx->view, CD_TRAINING_PAGE_SESSIONS);
  g_assert_true (gtk_widget_activate_action (page, "sessions.new", NULL));
  dialog = wait_for_window (CD_TYPE_SESSION_EDITOR);
  cd_session_editor_set_day (CD_SESSION_EDITOR (dialog), cd_store_now (fx->store) - 2 * DAY);
  gtk_editable_set_text (cd_session_editor_get_starts (CD_SESSION_EDITOR (dialog)), "09:00");
  gtk_editable_set_text (cd_session_editor_get_ends (CD_SESSION_EDITOR (dialog)), "12:00");
  gtk_editable_set_text (cd_session_editor_get_place (CD_SESSION_EDITOR (dialog)), "Room 3");
  cd_session_editor_set_capacity (CD_SESSION_EDITOR (dialog), 10);
  click_save (dialog);
  cd_test_wait_for (count (fx->store, "SELECT count(*) FROM training_sessions") == 1);
  session_id = count (fx->store, "SELECT id FROM training_sessions");
  g_assert_cmpint (count (fx->store, "SELECT course_id FROM training_sessions"), ==, course_id);

  /* Enrol Li Na with the people picker. */
  cd_sessions_page_show_session (CD_SESSIONS_PAGE (page), session_id);
  session_page = cd_sessions_page_get_session_page (CD_SESSIONS_PAGE (page));
  g_assert_nonnull (session_page);
  cd_test_wait_for (cd_session_page_get_session_id (CD_SESSION_PAGE (session_page)) == session_id);
  g_assert_true (gtk_widget_activate_action (session_page, "session.enrol", NULL));
  dialog = wait_for_window (CD_TYPE_PEOPLE_PICKER);
  cd_people_picker_set_chosen (CD_PEOPLE_PICKER (dialog), fx->lina, TRUE);
  cd_people_picker_accept (CD_PEOPLE_PICKER (dialog));
  cd_test_wait_for (cd_session_page_get_n_enrolled (CD_SESSION_PAGE (session_page)) == 1);
  g_assert_cmpint (count (fx->store, "SELECT count(*) FROM enrolments WHERE waiting = 0"), ==, 1);

  /* Attendance from the keyboard: A on her row. */
  roster = find_named (session_page, "session-roster");
  g_assert_nonnull (roster);
  cd_test_wait_for ((row = GTK_WIDGET (gtk_list_box_get_row_at_index (GTK_LIST_BOX (roster), 0))) != NULL);
  {
    g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (row);
    gboolean handled = FALSE;

    for (guint i = 0; i < g_list_model_get_n_items (controllers) && !handled; i++)
      {
        g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

        if (GTK_IS_EVENT_CONTROLLER_KEY (controller))
          g_signal_emit_by_name (controller, "key-pressed", GDK_KEY_a, 0, 0, &handled);
      }
    g_assert_true (handled);
  }
  cd_test_wait_for (count (fx->store, "SELECT count(*) FROM enrolments WHERE attendance = 'attended'") == 1);

  /* An assessment, through its editor. */
  cd_training_view_show_page (fx->view, CD_TRAINING_PAGE_ASSESSMENTS);
  page = cd_training_view_get_page_widget (fx->view, CD_TRAINING_PAGE_ASSESSMENTS);
  g_assert_true (gtk_widget_activate_action (page, "assessments.new", NULL));
  dialog = wait_for_window (CD_TYPE_ASSESSMENT_EDITOR);
  g_object_ref (dialog);
  gtk_window_destroy (GTK_WINDOW (dialog));
  g_object_unref (dialog);
  dialog = cd_assessment_editor_new (fx->store, 0, fx->lina);
  gtk_window_present (GTK_WINDOW (dialog));
  cd_assessment_editor_set_subject (CD_ASSESSMENT_EDITOR (dialog), course_id, 0);
  gtk_editable_set_text (cd_assessment_editor_get_score (CD_ASSESSMENT_EDITOR (dialog)), "82.5");
  gtk_editable_set_text (cd_assessment_editor_get_pass_mark (CD_ASSESSMENT_EDITOR (dialog)), "60");
  click_save (dialog);
  cd_test_wait_for (count (fx->store, "SELECT count(*) FROM assessments") == 1);
  g_assert_cmpint (count (fx->store, "SELECT staff_id FROM assessments"), ==, fx->lina);
  g_assert_cmpint (count (fx->store, "SELECT course_id FROM assessments"), ==, course_id);

  /* A certification that needs the course and qualifies for Billing. */
  cd_training_view_show_page (fx->view, CD_TRAINING_PAGE_CERTIFICATIONS);
  page = cd_training_view_get_page_widget (fx->view, CD_TRAINING_PAGE_CERTIFICATIONS);
  g_assert_true (gtk_widget_activate_action (page, "certifications.new", NULL));
  dialog = wait_for_window (CD_TYPE_CERTIFICATION_EDITOR);
  cd_test_wait_for (!cd_certification_editor_get_loading (CD_CERTIFICATION_EDITOR (dialog)));
  gtk_editable_set_text (cd_certification_editor_get_name (CD_CERTIFICATION_EDITOR (dialog)), "Billing specialist");
  cd_certification_editor_set_category (CD_CERTIFICATION_EDITOR (dialog), fx->category_id, TRUE);
  cd_certification_editor_set_course (CD_CERTIFICATION_EDITOR (dialog), course_id, TRUE);
  click_save (dialog);
  cd_test_wait_for (count (fx->store, "SELECT count(*) FROM certifications") == 1);
  certification_id = count (fx->store, "SELECT id FROM certifications");
  certification = cd_certification_load (fx->store, certification_id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (certification->category_ids->len, ==, 1);
  g_assert_cmpuint (certification->course_ids->len, ==, 1);

  /* Before it is issued: the matrix says she lacks it, the assign
   * dialog asks for a reason. */
  cd_training_view_show_page (fx->view, CD_TRAINING_PAGE_MATRIX);
  matrix = cd_training_view_get_page_widget (fx->view, CD_TRAINING_PAGE_MATRIX);
  g_assert_false (is_certified (fx));
  g_assert_true (assigning_needs_reason (fx, ticket_id));
  cd_test_wait_for ((cell = cd_matrix_page_dup_cell_text (CD_MATRIX_PAGE (matrix), fx->lina, certification_id)) != NULL);
  g_assert_null (strstr (cell, "Active"));
  g_clear_pointer (&cell, g_free);

  /* Issue it: her requirements are met, so no reason is asked. */
  dialog = cd_certification_dialog_new_issue (fx->store, fx->lina, certification_id);
  gtk_window_present (GTK_WINDOW (dialog));
  cd_test_wait_for (cd_certification_dialog_get_n_unmet (CD_CERTIFICATION_DIALOG (dialog)) == 0);
  click_save (dialog);
  cd_test_wait_for (count (fx->store, "SELECT count(*) FROM staff_certifications") == 1);
  g_assert_true (is_certified (fx));

  /* The matrix cell follows, in words, and assigning needs no reason. */
  cd_training_view_show_page (fx->view, CD_TRAINING_PAGE_MATRIX);
  cd_test_wait_for ((cell = cd_matrix_page_dup_cell_text (CD_MATRIX_PAGE (matrix), fx->lina, certification_id)) != NULL
                    && strstr (cell, "Active") != NULL);
  g_assert_false (assigning_needs_reason (fx, ticket_id));

  /* A screen reader hears her row as one line: her name, then each
   * certification and its state in words. It is written once the row
   * is drawn, so it is waited for. */
  {
    gint64 expires_at = count (fx->store, "SELECT expires_at FROM staff_certifications");
    gint64 now = cd_store_now (fx->store);
    g_autofree char *display = cd_certification_display_name (certification->name, certification->level);
    g_autofree char *state = cd_certification_status_text (cd_certification_status (expires_at, 0, now),
                                                           expires_at, now);
    g_autofree char *expected = g_strdup_printf ("Li Na; %s: %s", display, state);
    GtkWidget *strip = find_strip (matrix, fx->lina);

    g_assert_nonnull (strip);
    cd_test_wait_for (label_is (strip, expected));
  }

  /* Coverage: one certified rep against a minimum of one. */
  cd_training_view_show_page (fx->view, CD_TRAINING_PAGE_COVERAGE);
  page = cd_training_view_get_page_widget (fx->view, CD_TRAINING_PAGE_COVERAGE);
  g_assert_cmpuint (cd_coverage_page_get_n_warnings (CD_COVERAGE_PAGE (page)), ==, 0);
}

/* Every page builds from its template (a missing resource is a critical,
 * fatal in tests) and shows. */
static void
test_all_pages (Fixture       *fx,
                gconstpointer  data)
{
  const char *pages[] = {
    CD_TRAINING_PAGE_MATRIX, CD_TRAINING_PAGE_PLAN, CD_TRAINING_PAGE_SESSIONS, CD_TRAINING_PAGE_ASSESSMENTS,
    CD_TRAINING_PAGE_CERTIFICATIONS, CD_TRAINING_PAGE_COURSES, CD_TRAINING_PAGE_COVERAGE,
  };

  for (guint i = 0; i < G_N_ELEMENTS (pages); i++)
    {
      GtkWidget *page;

      cd_training_view_show_page (fx->view, pages[i]);
      page = cd_training_view_get_page_widget (fx->view, pages[i]);
      g_assert_nonnull (page);
      g_assert_nonnull (gtk_widget_get_first_child (page));
      cd_test_wait_for (gtk_widget_get_mapped (page));
      g_assert_cmpstr (cd_training_view_get_page (fx->view), ==, pages[i]);
    }
  cd_training_view_show_record (fx->view, fx->lina, 0);
  g_assert_cmpstr (cd_training_view_get_page (fx->view), ==, "record");
}

static void
on_search_changed_count_cb (GtkSearchEntry *entry,
                            guint          *count)
{
  (*count)++;
}

static void
on_n_matches_cb (CdRowModel *model,
                 GParamSpec *pspec,
                 GArray     *seen)
{
  guint n = cd_row_model_get_n_matches (model);

  g_array_append_val (seen, n);
}

/* Typing over a search (here "张" replaced by "Li") empties the entry
 * for a moment, and GTK reports an empty search at once but the new text
 * only after its delay: the matrix goes straight from the one to the
 * other, without showing everyone in between. */
static void
test_search_replaced (Fixture       *fx,
                      gconstpointer  data)
{
  g_autoptr(GArray) seen = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(CdCertification) c = cd_certification_new ();
  g_autoptr(GError) error = NULL;
  GtkWidget *page;
  GtkWidget *entry;
  GtkColumnView *view;
  GListModel *slots;
  CdRowModel *rows;
  gulong handler;

  add_staff (fx->store, "zhangwei", "张伟", "rep");
  add_staff (fx->store, "wangfang", "Wang Fang", "rep");
  c->name = g_strdup ("Billing specialist");
  c->validity_months = 12;
  cd_certification_create (fx->store, c, &error);
  g_assert_no_error (error);
  cd_training_view_show_page (fx->view, CD_TRAINING_PAGE_MATRIX);
  page = cd_training_view_get_page_widget (fx->view, CD_TRAINING_PAGE_MATRIX);
  cd_test_wait_for (gtk_widget_get_mapped (page));
  cd_test_wait_for (cd_matrix_page_get_n_people (CD_MATRIX_PAGE (page)) == 4);

  entry = find_type (page, GTK_TYPE_SEARCH_ENTRY);
  view = GTK_COLUMN_VIEW (find_type (page, GTK_TYPE_COLUMN_VIEW));
  g_assert_nonnull (entry);
  g_assert_nonnull (view);
  slots = gtk_single_selection_get_model (GTK_SINGLE_SELECTION (gtk_column_view_get_model (view)));
  rows = CD_ROW_MODEL (cd_slot_list_get_rows (CD_SLOT_LIST (slots)));

  gtk_editable_set_text (GTK_EDITABLE (entry), "张");
  cd_test_wait_for (cd_matrix_page_get_n_people (CD_MATRIX_PAGE (page)) == 1);
  cd_test_wait_for (cd_test_find_cell (page, "张伟") != NULL);

  handler = g_signal_connect (rows, "notify::n-matches", G_CALLBACK (on_n_matches_cb), seen);
  gtk_editable_set_text (GTK_EDITABLE (entry), "Li");
  cd_test_wait_for (cd_test_find_cell (page, "Li Na") != NULL);
  g_signal_handler_disconnect (rows, handler);
  g_assert_cmpuint (cd_matrix_page_get_n_people (CD_MATRIX_PAGE (page)), ==, 1);
  for (guint i = 0; i < seen->len; i++)
    g_assert_cmpuint (g_array_index (seen, guint, i), <, 4);


  /* Emptying it shows everyone again, and Enter applies a search at once. */
  gtk_editable_set_text (GTK_EDITABLE (entry), "");
  cd_test_wait_for (cd_matrix_page_get_n_people (CD_MATRIX_PAGE (page)) == 4);
  gtk_editable_set_text (GTK_EDITABLE (entry), "Wang");
  g_signal_emit_by_name (entry, "activate");
  cd_test_wait_for (cd_matrix_page_get_n_people (CD_MATRIX_PAGE (page)) == 1);
  cd_test_wait_for (cd_test_find_cell (page, "Wang Fang") != NULL);
}

static CdRowModel *
page_rows (GtkWidget *page)
{
  GtkColumnView *view = GTK_COLUMN_VIEW (find_type (page, GTK_TYPE_COLUMN_VIEW));
  GListModel *slots = gtk_single_selection_get_model (GTK_SINGLE_SELECTION (gtk_column_view_get_model (view)));

  return CD_ROW_MODEL (cd_slot_list_get_rows (CD_SLOT_LIST (slots)));
}

/* After its delay the entry reports the search it reported at once
 * again: the list is not read again for it. */
static void
test_search_once (Fixture       *fx,
                  gconstpointer  data)
{
  const char *titles[] = { "Writing clear emails", "Listening skills" };
  g_autoptr(GError) error = NULL;
  GtkWidget *page;
  GtkWidget *entry;
  CdRowModel *rows;
  guint n_search_changed = 0;
  guint n_queries;

  for (guint i = 0; i < G_N_ELEMENTS (titles); i++)
    {
      g_autoptr(CdCourse) course = cd_course_new ();

      course->title = g_strdup (titles[i]);
      course->hours = 2;
      cd_course_create (fx->store, course, &error);
      g_assert_no_error (error);
    }
  cd_training_view_show_page (fx->view, CD_TRAINING_PAGE_COURSES);
  page = cd_training_view_get_page_widget (fx->view, CD_TRAINING_PAGE_COURSES);
  cd_test_wait_for (gtk_widget_get_mapped (page));
  rows = page_rows (page);
  cd_test_wait_for (cd_row_model_get_n_matches (rows) == 2);
  entry = find_type (page, GTK_TYPE_SEARCH_ENTRY);
  g_assert_nonnull (entry);

  gtk_editable_set_text (GTK_EDITABLE (entry), "Writing");
  cd_test_wait_for (cd_test_find_cell (page, "Writing clear emails") != NULL &&
                    cd_row_model_get_n_matches (rows) == 1);

  /* Typed over: reported empty at once, applied as "Listen". */
  g_signal_connect (entry, "search-changed", G_CALLBACK (on_search_changed_count_cb), &n_search_changed);
  gtk_editable_set_text (GTK_EDITABLE (entry), "Listen");
  cd_test_wait_for (n_search_changed >= 1);
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_cmpuint (cd_row_model_get_n_matches (rows), ==, 1);
  n_queries = cd_row_model_get_n_page_fetches (rows) + cd_row_model_get_n_count_queries (rows);
  cd_test_wait_for (n_search_changed >= 2);
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_cmpuint (cd_row_model_get_n_page_fetches (rows) + cd_row_model_get_n_count_queries (rows), ==,
                    n_queries);
  cd_test_wait_for (cd_test_find_cell (page, "Listening skills") != NULL);
  g_signal_handlers_disconnect_by_func (entry, on_search_changed_count_cb, &n_search_changed);
}

static GtkWidget *
find_row (GtkWidget  *root,
          const char *title)
{
  if (ADW_IS_PREFERENCES_ROW (root) && g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (root)), title) == 0)
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_row (child, title);
      if (found != NULL)
        return found;
    }
  return NULL;
}

static void
open_record (Fixture *fx,
             gint64   staff_id)
{
  GtkWidget *page;

  cd_training_view_show_record (fx->view, staff_id, 0);
  page = cd_training_view_get_page_widget (fx->view, "record");
  cd_test_wait_for (!cd_record_page_get_loading (CD_RECORD_PAGE (page)));
}

/* Another person's record reuses the rows of the last one, showing what
 * it has and no more. */
static void
test_record_reuses_rows (Fixture       *fx,
                         gconstpointer  data)
{
  const char *titles[] = { "Refunds and returns", "Telephone etiquette" };
  gint64 course_ids[2];
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) today = g_date_time_new_now_local ();
  int year = g_date_time_get_year (today);
  gint64 due = cd_store_now (fx->store) + 30 * DAY;
  GtkWidget *page;
  GtkWidget *first;

  for (guint i = 0; i < G_N_ELEMENTS (titles); i++)
    {
      g_autoptr(CdCourse) course = cd_course_new ();

      course->title = g_strdup (titles[i]);
      course->hours = 1;
      course_ids[i] = cd_course_create (fx->store, course, &error);
      g_assert_no_error (error);
    }
  g_assert_true (cd_plan_add (fx->store, year, course_ids[0], (gint64[]) { fx->lina, fx->me }, 2, due, NULL, &error));
  g_assert_true (cd_plan_add (fx->store, year, course_ids[1], (gint64[]) { fx->lina }, 1, due, NULL, &error));
  g_assert_no_error (error);

  open_record (fx, fx->lina);
  page = cd_training_view_get_page_widget (fx->view, "record");
  first = find_row (page, titles[0]);
  g_assert_nonnull (first);
  g_assert_nonnull (find_row (page, titles[1]));
  g_assert_nonnull (find_row (page, "Not on any session yet"));

  open_record (fx, fx->me);
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (find_named (page, "record-name"))), ==, "Test Person");
  g_assert_true (find_row (page, titles[0]) == first);
  g_assert_null (find_row (page, titles[1]));
  g_assert_nonnull (find_row (page, "Not on any session yet"));

  open_record (fx, fx->lina);
  g_assert_true (find_row (page, titles[0]) == first);
  g_assert_nonnull (find_row (page, titles[1]));
}

/* The record page is built while the view waits on screen: opening the
 * first record then only reads it. */
static void
test_record_page_ready (Fixture       *fx,
                        gconstpointer  data)
{
  GtkWidget *page;

  cd_test_wait_for (gtk_widget_get_mapped (GTK_WIDGET (fx->view)));
  cd_test_wait_for (cd_training_view_get_page_widget (fx->view, "record") != NULL);
  page = cd_training_view_get_page_widget (fx->view, "record");
  g_assert_cmpstr (cd_training_view_get_page (fx->view), ==, CD_TRAINING_PAGE_MATRIX);
  g_assert_false (cd_record_page_get_loading (CD_RECORD_PAGE (page)));

  open_record (fx, fx->lina);
  g_assert_true (cd_training_view_get_page_widget (fx->view, "record") == page);
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (find_named (page, "record-name"))), ==, "Li Na");
}

/* A rep reads the Training view but the trainers' buttons do nothing. */
static void
test_rep_read_only (Fixture       *fx,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  GtkWidget *page;

  g_assert_true (cd_store_sign_in (fx->store, "lina", NULL, &error));
  g_assert_no_error (error);
  g_assert_false (cd_training_can_edit (fx->store));
  destroy_all_windows ();
  fx->window = GTK_WINDOW (gtk_window_new ());
  fx->view = CD_TRAINING_VIEW (cd_training_view_new (fx->store));
  gtk_window_set_child (fx->window, GTK_WIDGET (fx->view));
  gtk_window_present (fx->window);

  cd_training_view_show_page (fx->view, CD_TRAINING_PAGE_COURSES);
  page = cd_training_view_get_page_widget (fx->view, CD_TRAINING_PAGE_COURSES);
  gtk_widget_activate_action (page, "courses.new", NULL);
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_null (find_window (CD_TYPE_COURSE_EDITOR));

  cd_training_view_show_page (fx->view, CD_TRAINING_PAGE_COVERAGE);
  page = cd_training_view_get_page_widget (fx->view, CD_TRAINING_PAGE_COVERAGE);
  g_assert_null (find_named (page, "coverage-set"));
}

/* A team lead sets a category's minimum on the coverage page. */
static void
test_lead_sets_minimum (Fixture       *fx,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CdCertification) c = cd_certification_new ();
  gint64 one = fx->category_id;
  GtkWidget *page;
  GtkWidget *spin;
  GtkWidget *set;

  c->name = g_strdup ("Billing specialist");
  c->validity_months = 12;
  g_array_append_val (c->category_ids, one);
  g_assert_cmpint (cd_certification_create (fx->store, c, &error), >, 0);
  g_assert_no_error (error);
  add_staff (fx->store, "leo", "Leo Lead", "lead");
  g_assert_true (cd_store_sign_in (fx->store, "leo", NULL, &error));
  g_assert_no_error (error);

  cd_training_view_show_page (fx->view, CD_TRAINING_PAGE_COVERAGE);
  page = cd_training_view_get_page_widget (fx->view, CD_TRAINING_PAGE_COVERAGE);
  /* Nobody holds it and the minimum is one: below now. */
  g_assert_cmpuint (cd_coverage_page_get_n_warnings (CD_COVERAGE_PAGE (page)), ==, 1);
  spin = find_named (page, "coverage-minimum");
  set = find_named (page, "coverage-set");
  g_assert_nonnull (spin);
  g_assert_false (gtk_widget_get_sensitive (set));
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (spin), 0);
  g_assert_true (gtk_widget_get_sensitive (set));
  gtk_widget_activate (set);
  cd_test_wait_for (count (fx->store, "SELECT min_coverage FROM ticket_categories") == 0);
  cd_test_wait_for (cd_coverage_page_get_n_warnings (CD_COVERAGE_PAGE (page)) == 0);
}

/* The Overview warns of a category below its minimum, and stops when a
 * certification issued elsewhere restores it. */
static void
test_overview_warns (Fixture       *fx,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CdCertification) c = cd_certification_new ();
  gint64 one = fx->category_id;
  gint64 certification_id;
  GtkWidget *window = gtk_window_new ();
  GtkWidget *overview;

  c->name = g_strdup ("Billing specialist");
  c->validity_months = 12;
  g_array_append_val (c->category_ids, one);
  certification_id = cd_certification_create (fx->store, c, &error);
  g_assert_no_error (error);

  overview = cd_overview_view_new (fx->store);
  gtk_window_set_child (GTK_WINDOW (window), overview);
  gtk_window_present (GTK_WINDOW (window));
  /* Read on the store's worker, then shown. */
  cd_test_wait_for (cd_overview_view_get_n_coverage_warnings (CD_OVERVIEW_VIEW (overview)) == 1);

  g_assert_cmpint (cd_certification_issue (fx->store, fx->lina, certification_id, 0, NULL, &error), >, 0);
  g_assert_no_error (error);
  cd_test_wait_for (cd_overview_view_get_n_coverage_warnings (CD_OVERVIEW_VIEW (overview)) == 0);
}

typedef struct {
  gint64 last;
  gint64 longest;
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

static void
on_after_paint_cb (GdkFrameClock *clock,
                   gboolean      *painted)
{
  *painted = TRUE;
}

/* Until @widget's window has drawn a frame. */
static void
wait_for_frame (GtkWidget *widget)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (widget);
  gboolean painted = FALSE;
  gulong id;

  g_assert_nonnull (clock);
  id = g_signal_connect (clock, "after-paint", G_CALLBACK (on_after_paint_cb), &painted);
  gtk_widget_queue_draw (widget);
  cd_test_wait_for (painted);
  g_signal_handler_disconnect (clock, id);
}

static gboolean
set_flag_cb (gpointer user_data)
{
  *(gboolean *) user_data = TRUE;
  return G_SOURCE_REMOVE;
}

/* On a network share, a record opened while another Caredesk commits
 * waits for it off the main thread: the page says it is loading, the
 * window goes on drawing, and the record shows once the lock is free. */
static void
test_record_waits_for_lock (Fixture       *fx,
                            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GSubprocess) holder = NULL;
  g_autoptr(GDataInputStream) out = NULL;
  g_autofree char *line = NULL;
  GtkWidget *page;
  Ticks ticks = { 0 };
  gboolean waited = FALSE;
  guint tick_id;

  g_assert_nonnull (writer_path);
  g_assert_cmpstr (cd_store_get_journal_mode (fx->store), ==, "delete");
  holder = g_subprocess_new (G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error,
                             writer_path, "hold", fx->path, "tester", NULL);
  g_assert_no_error (error);
  out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (holder));
  line = g_data_input_stream_read_line_utf8 (out, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (line, ==, "locked");

  cd_training_view_show_record (fx->view, fx->lina, 0);
  page = cd_training_view_get_page_widget (fx->view, "record");
  g_assert_true (cd_record_page_get_loading (CD_RECORD_PAGE (page)));
  /* The page's first frame is not what is measured. */
  cd_test_wait_for (gtk_widget_get_mapped (find_named (page, "record-loading")));
  wait_for_frame (page);
  tick_id = g_timeout_add (10, tick_cb, &ticks);

  /* As long as a colleague's big commit would hold it. */
  g_timeout_add (1500, set_flag_cb, &waited);
  cd_test_wait_for (waited);
  g_assert_true (cd_record_page_get_loading (CD_RECORD_PAGE (page)));
  g_assert_true (gtk_widget_get_mapped (find_named (page, "record-loading")));

  g_source_remove (tick_id);
  g_test_message ("longest gap between ticks while the lock was held: %" G_GINT64_FORMAT " µs", ticks.longest);
  g_assert_cmpint (ticks.longest, <, LONGEST_TICK_US);

  /* Then the record shows. */
  g_assert_true (g_output_stream_write_all (g_subprocess_get_stdin_pipe (holder), "\n", 1, NULL, NULL, &error));
  g_assert_no_error (error);
  cd_test_wait_for (!cd_record_page_get_loading (CD_RECORD_PAGE (page)));
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (find_named (page, "record-name"))), ==, "Li Na");
  g_assert_true (g_subprocess_wait_check (holder, NULL, &error));
  g_assert_no_error (error);
}

/* Whether @path holds @needle yet. */
static gboolean
file_has (const char *path,
          const char *needle)
{
  g_autofree char *contents = NULL;

  return g_file_get_contents (path, &contents, NULL, NULL) && strstr (contents, needle) != NULL;
}

/* The contents of @path once the background export has written it up
 * to @last. */
static char *
wait_for_file (const char *path,
               const char *last)
{
  char *contents = NULL;

  cd_test_wait_for (file_has (path, last));
  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  return contents;
}

/* Export through the pages, with the file chosen: a session and the
 * upcoming ones as iCalendar, the matrix and a record as CSV. */
static void
test_exports (Fixture       *fx,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CdCourse) course = cd_course_new ();
  g_autoptr(CdSession) session = cd_session_new ();
  g_autoptr(CdCertification) c = cd_certification_new ();
  g_autofree char *ics_one = g_build_filename (fx->dir, "session.ics", NULL);
  g_autofree char *ics_all = g_build_filename (fx->dir, "sessions.ics", NULL);
  g_autofree char *matrix_csv = g_build_filename (fx->dir, "matrix.csv", NULL);
  g_autofree char *record_csv = g_build_filename (fx->dir, "record.csv", NULL);
  g_autofree char *contents = NULL;
  gint64 now = cd_store_now (fx->store);
  gint64 session_id, certification_id;
  GtkWidget *page;
  GtkWidget *session_page;

  course->title = g_strdup ("Refunds “101” 退款");
  course->hours = 2;
  session->course_id = cd_course_create (fx->store, course, &error);
  g_assert_no_error (error);
  session->starts_at = now + 3 * DAY;
  session->ends_at = session->starts_at + 7200;
  session->place = g_strdup ("Room 2, \"north\"; by the lifts");
  session_id = cd_session_create (fx->store, session, &error);
  g_assert_no_error (error);
  g_assert_cmpint (session_id, >, 0);
  c->name = g_strdup ("Billing specialist");
  c->validity_months = 12;
  certification_id = cd_certification_create (fx->store, c, &error);
  g_assert_no_error (error);
  g_assert_cmpint (cd_certification_issue (fx->store, fx->lina, certification_id, 0, NULL, &error), >, 0);
  g_assert_no_error (error);

  /* One session. */
  cd_training_view_show_page (fx->view, CD_TRAINING_PAGE_SESSIONS);
  page = cd_training_view_get_page_widget (fx->view, CD_TRAINING_PAGE_SESSIONS);
  cd_sessions_page_show_session (CD_SESSIONS_PAGE (page), session_id);
  session_page = cd_sessions_page_get_session_page (CD_SESSIONS_PAGE (page));
  cd_test_wait_for (cd_session_page_get_session_id (CD_SESSION_PAGE (session_page)) == session_id);
  cd_session_page_export (CD_SESSION_PAGE (session_page), ics_one);
  contents = wait_for_file (ics_one, "END:VCALENDAR");
  g_assert_true (g_str_has_prefix (contents, "BEGIN:VCALENDAR"));
  g_assert_nonnull (strstr (contents, "退款"));
  g_assert_nonnull (strstr (contents, "END:VEVENT"));
  g_assert_nonnull (strstr (contents, "\\;"));
  g_clear_pointer (&contents, g_free);

  /* All upcoming ones. */
  cd_sessions_page_export (CD_SESSIONS_PAGE (page), ics_all);
  contents = wait_for_file (ics_all, "END:VCALENDAR");
  g_assert_true (g_str_has_prefix (contents, "BEGIN:VCALENDAR"));
  g_assert_nonnull (strstr (contents, "BEGIN:VEVENT"));
  g_clear_pointer (&contents, g_free);

  /* The matrix. */
  cd_training_view_show_page (fx->view, CD_TRAINING_PAGE_MATRIX);
  page = cd_training_view_get_page_widget (fx->view, CD_TRAINING_PAGE_MATRIX);
  cd_test_wait_for (cd_matrix_page_get_n_people (CD_MATRIX_PAGE (page)) == 2);
  cd_matrix_page_export (CD_MATRIX_PAGE (page), matrix_csv);
  contents = wait_for_file (matrix_csv, "Li Na");
  g_assert_nonnull (strstr (contents, "Billing specialist"));
  g_assert_nonnull (strstr (contents, "Li Na"));
  g_clear_pointer (&contents, g_free);

  /* Li Na's record. */
  cd_training_view_show_record (fx->view, fx->lina, 0);
  page = cd_training_view_get_page_widget (fx->view, "record");
  cd_test_wait_for (!cd_record_page_get_loading (CD_RECORD_PAGE (page)));
  cd_record_page_export (CD_RECORD_PAGE (page), record_csv);
  contents = wait_for_file (record_csv, "Billing specialist");
  g_assert_nonnull (strstr (contents, "Billing specialist"));
}

static void
on_imported_cb (CdImportDialog *dialog,
                guint           n,
                guint          *result)
{
  *result = n;
}

/* A trainer brings back the sheet of a session: the roster's import
 * dialog previews it and maps its columns, reports the lines it cannot
 * take by number, imports nothing while one is wrong, and takes a
 * corrected sheet whole. */
static void
test_import_attendance (Fixture       *fx,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CdCourse) course = cd_course_new ();
  g_autoptr(CdSession) session = cd_session_new ();
  g_autofree char *bad_path = g_build_filename (fx->dir, "bad.csv", NULL);
  g_autofree char *good_path = g_build_filename (fx->dir, "good.csv", NULL);
  /* Chinese headers, a byte-order mark, semicolons; line 3 names
   * someone not on the roster. */
  const char bad[] = "\xEF\xBB\xBF" "姓名;出勤\r\nlina;出席\r\nNobody Here;缺席\r\ntester;请假\r\n";
  const char good[] = "Name,Attendance\nLi Na,attended\ntester,excused\n";
  gint64 people[2] = { fx->lina, fx->me };
  gint64 now = cd_store_now (fx->store);
  CdImportDialog *dialog;
  GListModel *rejections;
  GtkWidget *page;
  GtkWidget *session_page;
  gint64 session_id;
  guint imported = G_MAXUINT;

  course->title = g_strdup ("Consumer law");
  course->hours = 2;
  session->course_id = cd_course_create (fx->store, course, &error);
  g_assert_no_error (error);
  session->starts_at = now - 3 * 3600;
  session->ends_at = now - 3600;
  session_id = cd_session_create (fx->store, session, &error);
  g_assert_no_error (error);
  g_assert_true (cd_session_enrol (fx->store, session_id, people, 2, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_set_contents (bad_path, bad, sizeof bad - 1, &error));
  g_assert_true (g_file_set_contents (good_path, good, sizeof good - 1, &error));
  g_assert_no_error (error);

  cd_training_view_show_page (fx->view, CD_TRAINING_PAGE_SESSIONS);
  page = cd_training_view_get_page_widget (fx->view, CD_TRAINING_PAGE_SESSIONS);
  cd_sessions_page_show_session (CD_SESSIONS_PAGE (page), session_id);
  session_page = cd_sessions_page_get_session_page (CD_SESSIONS_PAGE (page));
  cd_test_wait_for (cd_session_page_get_session_id (CD_SESSION_PAGE (session_page)) == session_id);
  g_assert_true (gtk_widget_activate_action (session_page, "session.import-attendance", NULL));
  dialog = CD_IMPORT_DIALOG (wait_for_window (CD_TYPE_IMPORT_DIALOG));
  g_signal_connect (dialog, "imported", G_CALLBACK (on_imported_cb), &imported);

  /* The preview maps both columns by their Chinese names. */
  cd_import_dialog_set_path (dialog, bad_path);
  cd_test_wait_for (g_str_equal (cd_import_dialog_get_step (dialog), "preview"));
  g_assert_false (gtk_widget_is_visible (find_named (GTK_WIDGET (dialog), "mapping-message")));

  /* The check names line 3, and nothing can be imported from this file. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "import.check", NULL));
  cd_test_wait_for (g_str_equal (cd_import_dialog_get_step (dialog), "report"));
  rejections = G_LIST_MODEL (gtk_list_view_get_model (GTK_LIST_VIEW (find_named (GTK_WIDGET (dialog), "rejections"))));
  g_assert_cmpuint (g_list_model_get_n_items (rejections), ==, 1);
  {
    g_autoptr(GtkStringObject) line = g_list_model_get_item (rejections, 0);
    g_assert_nonnull (strstr (gtk_string_object_get_string (line), "3"));
  }
  gtk_widget_activate_action (GTK_WIDGET (dialog), "import.import", NULL);
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_cmpuint (imported, ==, G_MAXUINT);
  g_assert_cmpint (count (fx->store, "SELECT count(*) FROM enrolments WHERE attendance IS NOT NULL"), ==, 0);

  /* The corrected sheet goes in whole. */
  gtk_window_destroy (GTK_WINDOW (dialog));
  g_assert_true (gtk_widget_activate_action (session_page, "session.import-attendance", NULL));
  dialog = CD_IMPORT_DIALOG (wait_for_window (CD_TYPE_IMPORT_DIALOG));
  g_signal_connect (dialog, "imported", G_CALLBACK (on_imported_cb), &imported);
  cd_import_dialog_set_path (dialog, good_path);
  cd_test_wait_for (g_str_equal (cd_import_dialog_get_step (dialog), "preview"));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "import.import", NULL));
  cd_test_wait_for (imported != G_MAXUINT);
  g_assert_cmpuint (imported, ==, 2);
  g_assert_cmpint (count (fx->store, "SELECT count(*) FROM enrolments WHERE attendance = 'attended'"), ==, 1);
  g_assert_cmpint (count (fx->store, "SELECT count(*) FROM enrolments WHERE attendance = 'excused'"), ==, 1);
}


/* Nothing in the view asks for a frame while nothing changes: not the
 * record page built ahead (its loading spinner), nor after a record was
 * read and left. A view that lays out on every frame makes each action
 * wait for the display's next beat. */
static void
test_quiet_when_idle (Fixture       *fx,
                      gconstpointer  data)
{
  GtkWidget *record;

  cd_test_wait_for (gtk_widget_get_mapped (GTK_WIDGET (fx->view)));
  cd_test_wait_for (cd_training_view_get_page_widget (fx->view, "record") != NULL);
  /* What showing the view set off is over within a few frames; then
   * nothing more. Before, the frame clock laid out 60 times a second
   * for as long as the view lived. */
  cd_test_wait_for (cd_test_count_idle_layouts (GTK_WINDOW (fx->window), 300) == 0);

  cd_training_view_show_record (fx->view, fx->lina, 0);
  record = cd_training_view_get_page_widget (fx->view, "record");
  cd_test_wait_for (!cd_record_page_get_loading (CD_RECORD_PAGE (record)));
  /* Once the stack has slid the record in. */
  cd_test_wait_for (cd_test_count_idle_layouts (GTK_WINDOW (fx->window), 300) == 0);

  cd_training_view_show_page (fx->view, CD_TRAINING_PAGE_COURSES);
  cd_test_wait_for (gtk_widget_get_mapped (cd_training_view_get_page_widget (fx->view, CD_TRAINING_PAGE_COURSES)));
  /* Once the switcher's buttons have faded (the theme's transition). */
  cd_test_wait_for (cd_test_count_idle_layouts (GTK_WINDOW (fx->window), 300) == 0);
}

static void
on_people_changed_cb (GListModel *model,
                      guint       position,
                      guint       removed,
                      guint       added,
                      guint      *n_changes)
{
  (*n_changes)++;
}

/* The plan's list of people, hidden behind its items, is not read again
 * for every filter, only once shown, and then shows that filter. */
static void
test_plan_people_when_shown (Fixture       *fx,
                             gconstpointer  data)
{
  GtkWidget *page;
  GtkToggleButton *items_toggle, *people_toggle;
  GtkDropDown *role;
  GListModel *people;
  guint n_changes = 0;

  cd_training_view_show_page (fx->view, CD_TRAINING_PAGE_PLAN);
  page = cd_training_view_get_page_widget (fx->view, CD_TRAINING_PAGE_PLAN);
  cd_test_wait_for (gtk_widget_get_mapped (page));
  items_toggle = GTK_TOGGLE_BUTTON (find_named (page, "plan-items-toggle"));
  people_toggle = GTK_TOGGLE_BUTTON (find_named (page, "plan-people-toggle"));
  role = GTK_DROP_DOWN (find_named (page, "plan-role-filter"));
  people = G_LIST_MODEL (gtk_column_view_get_model (GTK_COLUMN_VIEW (find_named (page, "plan-people-list"))));

  gtk_toggle_button_set_active (people_toggle, TRUE);
  cd_test_wait_for (gtk_widget_get_mapped (find_named (page, "plan-people-list")));
  g_assert_cmpuint (g_list_model_get_n_items (people), ==, 2);

  gtk_toggle_button_set_active (items_toggle, TRUE);
  g_signal_connect (people, "items-changed", G_CALLBACK (on_people_changed_cb), &n_changes);
  gtk_drop_down_set_selected (role, 1 + CD_ROLE_REP);
  gtk_drop_down_set_selected (role, 1 + CD_ROLE_ADMIN);
  gtk_drop_down_set_selected (role, 1 + CD_ROLE_REP);
  g_assert_cmpuint (n_changes, ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (people), ==, 2);

  gtk_toggle_button_set_active (people_toggle, TRUE);
  g_assert_cmpuint (n_changes, ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (people), ==, 1);
  g_signal_handlers_disconnect_by_func (people, on_people_changed_cb, &n_changes);

  /* Shown, it follows each filter at once. */
  gtk_drop_down_set_selected (role, 0);
  g_assert_cmpuint (g_list_model_get_n_items (people), ==, 2);
}

int
main (int argc, char *argv[])
{
  /* --writer PATH, before GTest reads the rest. */
  for (int i = 1; i + 1 < argc; i++)
    if (g_str_equal (argv[i], "--writer"))
      {
        writer_path = g_strdup (argv[i + 1]);
        for (int j = i; j + 2 <= argc; j++)
          argv[j] = argv[j + 2];
        argc -= 2;
        break;
      }
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add ("/gui/training/quiet-when-idle", Fixture, NULL, fixture_set_up, test_quiet_when_idle,
              fixture_tear_down);
  g_test_add ("/gui/training/plan-people-when-shown", Fixture, NULL, fixture_set_up, test_plan_people_when_shown,
              fixture_tear_down);
  g_test_add ("/gui/training/all-pages", Fixture, NULL, fixture_set_up, test_all_pages, fixture_tear_down);
  g_test_add ("/gui/training/search-replaced", Fixture, NULL, fixture_set_up, test_search_replaced,
              fixture_tear_down);
  g_test_add ("/gui/training/search-once", Fixture, NULL, fixture_set_up, test_search_once, fixture_tear_down);
  g_test_add ("/gui/training/record-reuses-rows", Fixture, NULL, fixture_set_up, test_record_reuses_rows,
              fixture_tear_down);
  g_test_add ("/gui/training/record-page-ready", Fixture, NULL, fixture_set_up, test_record_page_ready,
              fixture_tear_down);
  g_test_add ("/gui/training/assign-dialog-size", Fixture, NULL, fixture_set_up, test_assign_dialog_size,
              fixture_tear_down);
  g_test_add ("/gui/training/trainer-day", Fixture, NULL, fixture_set_up, test_trainer_day, fixture_tear_down);
  g_test_add ("/gui/training/rep-read-only", Fixture, NULL, fixture_set_up, test_rep_read_only, fixture_tear_down);
  g_test_add ("/gui/training/lead-sets-minimum", Fixture, NULL, fixture_set_up, test_lead_sets_minimum,
              fixture_tear_down);
  g_test_add ("/gui/training/overview-warns", Fixture, NULL, fixture_set_up, test_overview_warns, fixture_tear_down);
  g_test_add ("/gui/training/import-attendance", Fixture, NULL, fixture_set_up, test_import_attendance,
              fixture_tear_down);
  g_test_add ("/gui/training/exports", Fixture, NULL, fixture_set_up, test_exports, fixture_tear_down);
  g_test_add ("/gui/training/record-waits-for-lock", Fixture, "remote", fixture_set_up, test_record_waits_for_lock,
              fixture_tear_down);
  return g_test_run ();
}
