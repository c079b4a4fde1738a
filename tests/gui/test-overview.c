/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "caredesk-test"

#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <string.h>

#include "cd-gui-test-util.h"
#include "cd-complaints.h"
#include "cd-datetime.h"
#include "cd-overview-view.h"
#include "cd-store-private.h"
#include "cd-tickets.h"

/* Widget tests of the Overview, against a temporary database file. The
 * first person to sign in to a new file is its administrator (the team's
 * figures); Bob is a rep (his own). */

typedef struct {
  char    *dir;
  char    *path;
  CdStore *store;
  gint64   me;
  gint64   bob;
  gint64   complaint;
  CdOverviewRange month;
} Fixture;

static gint64
insert (CdStore       *store,
        const char    *table,
        const CdField *fields,
        guint          n_fields)
{
  g_autoptr(GError) error = NULL;
  gint64 id = cd_store_insert (store, table, fields, n_fields, &error);

  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  return id;
}

#define I(v) g_strdup_printf ("%" G_GINT64_FORMAT, (gint64) (v))

/* A ticket of @assignee received and resolved early this month. */
static void
add_resolved_ticket (Fixture *fx,
                     CdStore *store,
                     gint64   assignee,
                     gint64   minutes)
{
  g_autofree char *a = I (assignee), *c = I (fx->month.start + 60);
  g_autofree char *fr = I (fx->month.start + 60 + minutes * 60), *r = I (fx->month.start + 60 + minutes * 60);
  g_autofree char *cu = NULL;
  gint64 customer = cd_store_query_int (store, "SELECT min(id) FROM customers", CD_NO_BIND, 0, NULL);
  const CdField fields[] = {
    { "customer_id", NULL }, { "subject", "Parcel" }, { "assignee_id", a }, { "status", "resolved" },
    { "created_at", c }, { "first_response_at", fr }, { "resolved_at", r }, { "interaction_count", "1" },
  };
  CdField copy[G_N_ELEMENTS (fields)];

  cu = I (customer);
  memcpy (copy, fields, sizeof fields);
  copy[0].value = cu;
  insert (store, "tickets", copy, G_N_ELEMENTS (copy));
}

/* @staff attended a session of a course of @hours in the month. */
static void
add_attended (Fixture    *fx,
              CdStore    *store,
              gint64      staff,
              const char *hours)
{
  const CdField course[] = { { "title", "Returns policy" }, { "kind", "policy" }, { "hours", hours } };
  g_autofree char *c = I (insert (store, "courses", course, G_N_ELEMENTS (course)));
  g_autofree char *starts = I (fx->month.start + 120), *ends = I (fx->month.start + 3720);
  const CdField session[] = { { "course_id", c }, { "starts_at", starts }, { "ends_at", ends } };
  g_autofree char *se = I (insert (store, "training_sessions", session, G_N_ELEMENTS (session)));
  g_autofree char *st = I (staff);
  const CdField enrolment[] = { { "session_id", se }, { "staff_id", st }, { "attendance", "attended" } };

  insert (store, "enrolments", enrolment, G_N_ELEMENTS (enrolment));
}

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
  {
    const CdField fields[] = { { "login", "bob" }, { "display_name", "Bob" }, { "role", "rep" } };
    fx->bob = insert (fx->store, "staff", fields, G_N_ELEMENTS (fields));
  }
  {
    const CdField fields[] = { { "name", "Wang Fang" } };
    gint64 customer = insert (fx->store, "customers", fields, G_N_ELEMENTS (fields));

    fx->complaint = cd_complaint_create (fx->store, customer, 0, "Parcel arrived damaged", NULL,
                                         CD_SEVERITY_MAJOR, NULL, fx->me, &error);
    g_assert_no_error (error);
  }
  cd_overview_range_for_kind (&fx->month, CD_OVERVIEW_THIS_MONTH, cd_store_now (fx->store));
}

static void
destroy_all_windows (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  while (g_list_model_get_n_items (toplevels) > 0)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, 0);
      gtk_window_destroy (window);
    }
}

static void
fixture_tear_down (Fixture       *fx,
                   gconstpointer  data)
{
  g_autoptr(GDir) d = NULL;
  const char *name;

  destroy_all_windows ();
  g_clear_object (&fx->store);
  d = g_dir_open (fx->dir, 0, NULL);
  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *p = g_build_filename (fx->dir, name, NULL);
      g_unlink (p);
    }
  g_rmdir (fx->dir);
  g_clear_pointer (&fx->path, g_free);
  g_clear_pointer (&fx->dir, g_free);
}

static GtkWidget *
show_view (CdStore *store)
{
  GtkWidget *window = gtk_window_new ();
  GtkWidget *view = cd_overview_view_new (store);

  gtk_window_set_default_size (GTK_WINDOW (window), 1000, 800);
  gtk_window_set_child (GTK_WINDOW (window), view);
  gtk_window_present (GTK_WINDOW (window));
  return view;
}

static GtkWidget *
find_named (GtkWidget  *root,
            const char *name)
{
  if (g_strcmp0 (gtk_widget_get_name (root), name) == 0)
    return root;
  for (GtkWidget *c = gtk_widget_get_first_child (root); c != NULL; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found = find_named (c, name);
      if (found != NULL)
        return found;
    }
  return NULL;
}

static gint64
my_day_count (GtkWidget      *view,
              CdMyDaySection  section)
{
  const CdMyDay *day = cd_overview_view_get_my_day (CD_OVERVIEW_VIEW (view));

  return day != NULL ? day->counts[section] : -1;
}

static void
schedule_overdue (CdStore *store,
                  Fixture *fx,
                  gint64   minutes_ago)
{
  g_autoptr(GError) error = NULL;

  cd_followup_schedule (store, fx->complaint, cd_store_now (store) - minutes_ago * 60, fx->me,
                        CD_METHOD_PHONE, NULL, &error);
  g_assert_no_error (error);
}

static void
test_my_day (Fixture       *fx,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CdStore) other = NULL;
  GtkWidget *view, *list, *row;

  schedule_overdue (fx->store, fx, 90);
  view = show_view (fx->store);
  cd_test_wait_for (my_day_count (view, CD_MY_DAY_FOLLOWUPS_OVERDUE) == 1);
  g_assert_cmpint (my_day_count (view, CD_MY_DAY_TICKETS_BREACHED), ==, 0);

  /* Each counted section is a row; an empty one says all is done. */
  list = find_named (view, "my-day-list");
  g_assert_nonnull (list);
  row = find_named (list, cd_my_day_section_title (CD_MY_DAY_FOLLOWUPS_OVERDUE));
  g_assert_true (ADW_IS_EXPANDER_ROW (row));
  g_assert_true (adw_expander_row_get_expanded (ADW_EXPANDER_ROW (row)));
  row = find_named (list, cd_my_day_section_title (CD_MY_DAY_TICKETS_BREACHED));
  g_assert_true (ADW_IS_ACTION_ROW (row));
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), ==,
                   cd_my_day_section_empty (CD_MY_DAY_TICKETS_BREACHED));
  /* The training sections say all is done too. */
  row = find_named (list, cd_my_day_section_title (CD_MY_DAY_CERTIFICATIONS_EXPIRING));
  g_assert_true (ADW_IS_ACTION_ROW (row));
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), ==,
                   cd_my_day_section_empty (CD_MY_DAY_CERTIFICATIONS_EXPIRING));
  row = find_named (list, cd_my_day_section_title (CD_MY_DAY_TRAINING_DUE));
  g_assert_true (ADW_IS_ACTION_ROW (row));

  /* A colleague's Caredesk adds one: the count follows within seconds. */
  other = cd_store_open (fx->path, CD_STORE_OPEN_NO_WATCH, &error);
  g_assert_no_error (error);
  g_assert_true (cd_store_sign_in (other, "tester", NULL, &error));
  g_assert_no_error (error);
  schedule_overdue (other, fx, 30);
  cd_test_wait_for (my_day_count (view, CD_MY_DAY_FOLLOWUPS_OVERDUE) == 2);
}

static GtkWidget *
find_row_titled (GtkWidget  *root,
                 const char *title)
{
  if (ADW_IS_PREFERENCES_ROW (root) &&
      g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (root)), title) == 0)
    return root;
  for (GtkWidget *c = gtk_widget_get_first_child (root); c != NULL; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found = find_row_titled (c, title);
      if (found != NULL)
        return found;
    }
  return NULL;
}

static GtkWidget *
find_row_with_subtitle (GtkWidget  *root,
                        const char *part)
{
  if (ADW_IS_ACTION_ROW (root))
    {
      const char *subtitle = adw_action_row_get_subtitle (ADW_ACTION_ROW (root));

      if (subtitle != NULL && strstr (subtitle, part) != NULL)
        return root;
    }
  for (GtkWidget *c = gtk_widget_get_first_child (root); c != NULL; c = gtk_widget_get_next_sibling (c))
    {
      GtkWidget *found = find_row_with_subtitle (c, part);
      if (found != NULL)
        return found;
    }
  return NULL;
}

/* A pending ticket whose clock stopped with half an hour left: its row
 * says the clock is paused and when it falls due if it ran again now,
 * not the stored deadline, which passed while it waited. */
static void
test_my_day_paused_ticket (Fixture       *fx,
                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CdSlaHours) hours = NULL;
  gint64 now = cd_store_now (fx->store);
  g_autofree char *me = I (fx->me), *created = I (now - 10 * 3600), *fr = I (now - 9 * 3600);
  g_autofree char *since = I (now - 2 * 3600), *due = I (now - 2 * 3600 + 30 * 60);
  g_autofree char *customer = I (cd_store_query_int (fx->store, "SELECT min(id) FROM customers", CD_NO_BIND, 0, NULL));
  const CdField ticket[] = {
    { "customer_id", customer }, { "subject", "Refund after the holiday" }, { "assignee_id", me },
    { "status", "pending" }, { "created_at", created }, { "first_response_at", fr },
    { "pending_since", since }, { "resolution_due", due },
  };
  GtkWidget *view, *row;
  g_autofree char *expected = NULL;
  const CdMyDayItem *item;

  /* Round the clock, every day: business time is wall time. */
  hours = cd_sla_hours_load (fx->store, &error);
  g_assert_no_error (error);
  g_assert_true (cd_sla_hours_save (fx->store, hours->version, "UTC",
                                    "00:00-24:00;00:00-24:00;00:00-24:00;00:00-24:00;"
                                    "00:00-24:00;00:00-24:00;00:00-24:00", &error));
  g_assert_no_error (error);
  g_assert_true (cd_sla_target_save (fx->store, CD_PRIORITY_NORMAL, CD_SLA_ANY_TIER, 0, 60, 480, &error));
  g_assert_no_error (error);
  insert (fx->store, "tickets", ticket, G_N_ELEMENTS (ticket));

  view = show_view (fx->store);
  cd_test_wait_for (my_day_count (view, CD_MY_DAY_TICKETS_AT_RISK) == 1);
  g_assert_cmpint (my_day_count (view, CD_MY_DAY_TICKETS_BREACHED), ==, 0);
  item = cd_overview_view_get_my_day (CD_OVERVIEW_VIEW (view))->items[CD_MY_DAY_TICKETS_AT_RISK]->pdata[0];
  g_assert_true (item->paused);
  g_assert_cmpint (item->due_at, >=, now + 30 * 60);
  g_assert_cmpint (item->due_at, <=, cd_store_now (fx->store) + 30 * 60);

  cd_test_wait_for (find_row_with_subtitle (view, "Refund after the holiday") != NULL);
  row = find_row_with_subtitle (view, "Refund after the holiday");
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), "clock paused while pending"));
  expected = cd_datetime_format_relative (item->due_at, cd_overview_view_get_my_day (CD_OVERVIEW_VIEW (view))->now);
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), expected));
}

/* The file gone before the figures are read (a share unmounted): My Day
 * says so in words where its rows would be, and nothing is warned. */
static void
test_my_day_unreadable (Fixture       *fx,
                        gconstpointer  data)
{
  g_autofree char *moved = g_strconcat (fx->path, ".moved", NULL);
  GtkWidget *view;

  view = show_view (fx->store);
  g_assert_cmpint (g_rename (fx->path, moved), ==, 0);
  cd_test_wait_for (find_named (view, "my-day-list") != NULL &&
                    find_row_titled (find_named (view, "my-day-list"), "My Day could not be read") != NULL);
  g_assert_null (cd_overview_view_get_my_day (CD_OVERVIEW_VIEW (view)));
  g_assert_cmpint (g_rename (moved, fx->path), ==, 0);
}

static char *
person_at (GtkWidget *grid,
           int        row)
{
  GtkWidget *label = gtk_grid_get_child_at (GTK_GRID (grid), 0, row);

  return label != NULL ? g_strdup (gtk_label_get_label (GTK_LABEL (label))) : NULL;
}

static GtkWidget *
header_for (GtkWidget        *grid,
            CdOverviewFigure  figure)
{
  for (int c = 0; ; c++)
    {
      GtkWidget *button = gtk_grid_get_child_at (GTK_GRID (grid), c, 0);

      if (button == NULL)
        return NULL;
      if (GPOINTER_TO_INT (g_object_get_data (G_OBJECT (button), "figure")) == (int) figure && c > 0)
        return button;
    }
}

static void
test_team_period_sorted (Fixture       *fx,
                         gconstpointer  data)
{
  GtkWidget *view, *grid;
  CdOverviewPeriod *period;
  const CdOverviewFigures *bob = NULL;
  g_autofree char *first = NULL, *second = NULL;

  /* Bob handles two tickets, I handle one. */
  add_resolved_ticket (fx, fx->store, fx->bob, 30);
  add_resolved_ticket (fx, fx->store, fx->bob, 30);
  add_resolved_ticket (fx, fx->store, fx->me, 5);

  view = show_view (fx->store);
  cd_test_wait_for (cd_overview_view_get_period (CD_OVERVIEW_VIEW (view)) != NULL);
  period = cd_overview_view_get_period (CD_OVERVIEW_VIEW (view));
  g_assert_true (period->team);
  g_assert_cmpuint (period->total->handled, ==, 3);
  g_assert_true (cd_overview_period_find_row (period, fx->bob, &bob, NULL));
  g_assert_cmpuint (bob->handled, ==, 2);

  grid = find_named (view, "people-grid");
  g_assert_nonnull (grid);
  /* Most handled first, then the other way round. */
  g_signal_emit_by_name (header_for (grid, CD_OVERVIEW_FIGURE_HANDLED), "clicked");
  first = person_at (grid, 1);
  g_assert_cmpstr (first, ==, "Bob");
  g_signal_emit_by_name (header_for (grid, CD_OVERVIEW_FIGURE_HANDLED), "clicked");
  second = person_at (grid, 1);
  g_assert_cmpstr (second, ==, "Test Person");
  /* Fewest breaches first: a tie, then by name. */
  g_free (first);
  g_signal_emit_by_name (header_for (grid, CD_OVERVIEW_FIGURE_BREACHES), "clicked");
  first = person_at (grid, 1);
  g_assert_cmpstr (first, ==, "Bob");

  /* A ticket resolved by another Caredesk shows within seconds. */
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(CdStore) other = cd_store_open (fx->path, CD_STORE_OPEN_NO_WATCH, &error);

    g_assert_no_error (error);
    g_assert_true (cd_store_sign_in (other, "tester", NULL, &error));
    add_resolved_ticket (fx, other, fx->bob, 10);
  }
  cd_test_wait_for (cd_overview_view_get_period (CD_OVERVIEW_VIEW (view)) != NULL &&
                    cd_overview_view_get_period (CD_OVERVIEW_VIEW (view))->total->handled == 4);

  /* Training hours are a column too, and follow another Caredesk's
   * attendance record. */
  g_assert_nonnull (header_for (grid, CD_OVERVIEW_FIGURE_TRAINING_HOURS));
  g_assert_nonnull (header_for (grid, CD_OVERVIEW_FIGURE_CERTIFICATION_RATE));
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(CdStore) other = cd_store_open (fx->path, CD_STORE_OPEN_NO_WATCH, &error);

    g_assert_no_error (error);
    g_assert_true (cd_store_sign_in (other, "tester", NULL, &error));
    add_attended (fx, other, fx->me, "1.5");
  }
  cd_test_wait_for (cd_overview_view_get_period (CD_OVERVIEW_VIEW (view)) != NULL &&
                    cd_overview_view_get_period (CD_OVERVIEW_VIEW (view))->total->training_hours == 1.5);
  g_free (first);
  g_signal_emit_by_name (header_for (grid, CD_OVERVIEW_FIGURE_TRAINING_HOURS), "clicked");
  first = person_at (grid, 1);
  g_assert_cmpstr (first, ==, "Test Person");
}

static void
test_rep_sees_own_row (Fixture       *fx,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CdStore) bob_store = NULL;
  GtkWidget *view, *grid;
  CdOverviewPeriod *period;
  g_autofree char *only = NULL;

  add_resolved_ticket (fx, fx->store, fx->bob, 30);
  add_resolved_ticket (fx, fx->store, fx->me, 5);
  bob_store = cd_store_open (fx->path, CD_STORE_OPEN_NO_WATCH, &error);
  g_assert_no_error (error);
  g_assert_true (cd_store_sign_in (bob_store, "bob", NULL, &error));

  view = show_view (bob_store);
  cd_test_wait_for (cd_overview_view_get_period (CD_OVERVIEW_VIEW (view)) != NULL);
  period = cd_overview_view_get_period (CD_OVERVIEW_VIEW (view));
  g_assert_false (period->team);
  g_assert_cmpuint (period->rows->len, ==, 1);
  g_assert_cmpuint (period->total->handled, ==, 1);
  grid = find_named (view, "people-grid");
  only = person_at (grid, 1);
  g_assert_cmpstr (only, ==, "Bob");
  g_assert_null (gtk_grid_get_child_at (GTK_GRID (grid), 0, 2));
}

static gboolean
shows_days (GtkWidget *view,
            guint      n_days)
{
  CdOverviewPeriod *period = cd_overview_view_get_period (CD_OVERVIEW_VIEW (view));

  return period != NULL && cd_overview_range_n_days (&period->range) == n_days;
}

static void
test_custom_range (Fixture       *fx,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  GtkWidget *view;
  CdOverviewPeriod *period;
  GDate first = fx->month.first, last = fx->month.first;

  add_resolved_ticket (fx, fx->store, fx->bob, 30);
  view = show_view (fx->store);
  cd_test_wait_for (cd_overview_view_get_period (CD_OVERVIEW_VIEW (view)) != NULL);

  /* The first two days of the month. */
  g_date_add_days (&last, 1);
  g_assert_true (cd_overview_view_show_range (CD_OVERVIEW_VIEW (view), &first, &last, &error));
  g_assert_no_error (error);
  cd_test_wait_for (shows_days (view, 2));
  period = cd_overview_view_get_period (CD_OVERVIEW_VIEW (view));
  g_assert_cmpint (period->range.start, ==, fx->month.start);
  g_assert_cmpuint (period->total->handled, ==, 1);
  /* Compared with the two days before. */
  g_assert_cmpuint (cd_overview_range_n_days (&period->previous), ==, 2);

  /* The last day before the first: said in words, nothing changes. */
  g_assert_false (cd_overview_view_show_range (CD_OVERVIEW_VIEW (view), &last, &first, &error));
  g_assert_error (error, CD_STORE_ERROR, CD_STORE_ERROR_INVALID);
  g_assert_true (shows_days (view, 2));
}

/* What the first frame showed of the figures. */
typedef struct {
  GtkWidget *view;
  gboolean   drawn;
  gboolean   had_day;
  gboolean   had_period;
} FirstFrame;

static void
on_first_frame_cb (GdkFrameClock *clock,
                   FirstFrame    *ff)
{
  if (ff->drawn)
    return;
  ff->drawn = TRUE;
  ff->had_day = cd_overview_view_get_my_day (CD_OVERVIEW_VIEW (ff->view)) != NULL;
  ff->had_period = cd_overview_view_get_period (CD_OVERVIEW_VIEW (ff->view)) != NULL;
}

static gboolean
has_label (GtkWidget  *root,
           const char *text)
{
  if (GTK_IS_LABEL (root) && g_strcmp0 (gtk_label_get_label (GTK_LABEL (root)), text) == 0)
    return TRUE;
  for (GtkWidget *c = gtk_widget_get_first_child (root); c != NULL; c = gtk_widget_get_next_sibling (c))
    if (has_label (c, text))
      return TRUE;
  return FALSE;
}

/* The window is drawn without waiting for the figures: the view reads
 * them after its first frame, which says the period is being counted,
 * and they follow. */
static void
test_figures_after_first_frame (Fixture       *fx,
                                gconstpointer  data)
{
  GtkWidget *window = gtk_window_new ();
  GtkWidget *view;
  FirstFrame ff = { NULL, FALSE, FALSE, FALSE };

  schedule_overdue (fx->store, fx, 90);
  add_resolved_ticket (fx, fx->store, fx->bob, 30);
  view = cd_overview_view_new (fx->store);
  ff.view = view;
  g_assert_true (has_label (view, "Counting…"));

  gtk_window_set_default_size (GTK_WINDOW (window), 1000, 800);
  gtk_window_set_child (GTK_WINDOW (window), view);
  gtk_widget_realize (window);
  g_signal_connect (gtk_widget_get_frame_clock (window), "after-paint", G_CALLBACK (on_first_frame_cb), &ff);
  gtk_window_present (GTK_WINDOW (window));
  cd_test_wait_for (ff.drawn);
  g_assert_false (ff.had_day);
  g_assert_false (ff.had_period);

  cd_test_wait_for (my_day_count (view, CD_MY_DAY_FOLLOWUPS_OVERDUE) == 1 &&
                    cd_overview_view_get_period (CD_OVERVIEW_VIEW (view)) != NULL);
  g_assert_cmpuint (cd_overview_view_get_period (CD_OVERVIEW_VIEW (view))->total->handled, ==, 1);
  g_assert_false (has_label (view, "Counting…"));
  g_signal_handlers_disconnect_by_func (gtk_widget_get_frame_clock (window), on_first_frame_cb, &ff);
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add ("/gui/overview/my-day", Fixture, NULL, fixture_set_up, test_my_day, fixture_tear_down);
  g_test_add ("/gui/overview/my-day-unreadable", Fixture, NULL, fixture_set_up, test_my_day_unreadable,
              fixture_tear_down);
  g_test_add ("/gui/overview/my-day-paused-ticket", Fixture, NULL, fixture_set_up,
              test_my_day_paused_ticket, fixture_tear_down);
  g_test_add ("/gui/overview/team-period-sorted", Fixture, NULL,
              fixture_set_up, test_team_period_sorted, fixture_tear_down);
  g_test_add ("/gui/overview/custom-range", Fixture, NULL, fixture_set_up, test_custom_range, fixture_tear_down);
  g_test_add ("/gui/overview/rep-sees-own-row", Fixture, NULL,
              fixture_set_up, test_rep_sees_own_row, fixture_tear_down);
  g_test_add ("/gui/overview/figures-after-first-frame", Fixture, NULL,
              fixture_set_up, test_figures_after_first_frame, fixture_tear_down);

  return g_test_run ();
}
