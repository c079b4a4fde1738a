/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "caredesk-training"

#include "config.h"

#include <glib/gi18n.h>

#include "cd-date-button.h"
#include "cd-datetime.h"
#include "cd-people-picker.h"
#include "cd-plan-page.h"
#include "cd-training-list.h"
#include "cd-training-util.h"
#include "cd-validate.h"

static const char * const refresh_kinds[] = {
  CD_CHANGE_PLAN_ITEMS, CD_CHANGE_ENROLMENTS, CD_CHANGE_SESSIONS, CD_CHANGE_COURSES, CD_CHANGE_STAFF, NULL
};

struct _CdPlanPage
{
  CdTrainingPage       parent_instance;

  CdTrainingList      *items;
  CdTrainingList      *people;
  CdPlanFilter         items_filter;
  CdPlanFilter         people_filter;
  gboolean             people_stale;  /* people_filter not yet applied to its hidden list */
  GArray              *years;         /* int, the year drop-down's order */
  int                  year;
  char                *progress_text;
  guint                progress_id;
  gboolean             filling;
  GSignalGroup        *store_signals;

  /* Template widgets */
  GtkDropDown         *year_dropdown;
  GtkToggleButton     *items_toggle;
  GtkToggleButton     *people_toggle;
  GtkSearchEntry      *search_entry;
  GtkDropDown         *status_dropdown;
  GtkDropDown         *role_dropdown;
  GtkButton           *add_button;
  GtkButton           *done_button;
  GtkButton           *remove_button;
  GtkButton           *copy_button;
  GtkButton           *record_button;
  GtkLabel            *progress_label;
  GtkProgressBar      *progress_bar;
  GtkStack            *view_stack;
  GtkStack            *list_stack;
  GtkColumnView       *column_view;
  GtkColumnViewColumn *person_column;
  GtkColumnViewColumn *course_column;
  GtkColumnViewColumn *due_column;
  GtkColumnViewColumn *status_column;
  GtkColumnViewColumn *done_column;
  AdwStatusPage       *empty_page;
  GtkWidget           *empty_button;
  AdwStatusPage       *error_page;
  GtkStack            *people_stack;
  GtkColumnView       *people_view;
  GtkColumnViewColumn *name_column;
  GtkColumnViewColumn *role_column;
  GtkColumnViewColumn *pdone_column;
  GtkColumnViewColumn *pdue_column;
  GtkColumnViewColumn *plate_column;
  GtkColumnViewColumn *percent_column;
  AdwStatusPage       *people_error_page;
};

enum {
  SIGNAL_OPEN_RECORD,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (CdPlanPage, cd_plan_page, CD_TYPE_TRAINING_PAGE)

static gboolean
showing_people (CdPlanPage *self)
{
  return gtk_toggle_button_get_active (self->people_toggle);
}

/* Item cells -------------------------------------------------------------------- */

static char *
person_text (gpointer owner, CdRow *row, const char **css)
{
  return g_strdup (cd_row_get_value (row, CD_PLAN_COL_PERSON));
}

static char *
course_text (gpointer owner, CdRow *row, const char **css)
{
  return g_strdup (cd_row_get_value (row, CD_PLAN_COL_COURSE));
}

static char *
due_text (gpointer owner, CdRow *row, const char **css)
{
  if (cd_row_get_int (row, CD_PLAN_COL_STATUS, CD_PLAN_DUE) == CD_PLAN_LATE)
    *css = "error";
  return cd_datetime_format_date (cd_row_get_int (row, CD_PLAN_COL_DUE, 0));
}

static char *
status_text (gpointer owner, CdRow *row, const char **css)
{
  CdPlanPage *self = owner;
  CdPlanStatus status = (CdPlanStatus) cd_row_get_int (row, CD_PLAN_COL_STATUS, CD_PLAN_DUE);
  gint64 due = cd_row_get_int (row, CD_PLAN_COL_DUE, 0);
  int days = cd_certification_days_left (due, cd_store_now (CD_PAGE_STORE (self)));

  *css = cd_training_plan_css (status);
  switch (status)
    {
    case CD_PLAN_DONE:
      /* Translators: a plan item done; the symbol tells it without colour */
      return g_strdup_printf ("✓ %s", cd_plan_status_label (status));
    case CD_PLAN_LATE:
      /* Translators: a plan item past its due day: "✗ Late by 12 days" */
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "✗ Late by %d day", "✗ Late by %d days", (gulong) -days),
                              -days);
    case CD_PLAN_DUE:
    default:
      if (days <= 30)
        *css = "warning";
      if (days == 0)
        return g_strdup (_("! Due today"));
      /* Translators: a plan item not done yet: "Due in 12 days" */
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Due in %d day", "Due in %d days", (gulong) days), days);
    }
}

static char *
done_text (gpointer owner, CdRow *row, const char **css)
{
  gint64 done = cd_row_get_int (row, CD_PLAN_COL_DONE, 0);

  if (done == 0)
    return NULL;
  return cd_datetime_format_date (done);
}

/* People cells -------------------------------------------------------------------- */

static char *
name_text (gpointer owner, CdRow *row, const char **css)
{
  return g_strdup (cd_row_get_value (row, CD_PLAN_PERSON_COL_NAME));
}

static char *
role_text (gpointer owner, CdRow *row, const char **css)
{
  return g_strdup (cd_training_role_text (cd_row_get_value (row, CD_PLAN_PERSON_COL_ROLE)));
}

static char *
pdone_text (gpointer owner, CdRow *row, const char **css)
{
  return g_strdup (cd_row_get_value (row, CD_PLAN_PERSON_COL_DONE));
}

static char *
pdue_text (gpointer owner, CdRow *row, const char **css)
{
  return g_strdup (cd_row_get_value (row, CD_PLAN_PERSON_COL_DUE));
}

static char *
plate_text (gpointer owner, CdRow *row, const char **css)
{
  gint64 late = cd_row_get_int (row, CD_PLAN_PERSON_COL_LATE, 0);

  if (late > 0)
    {
      *css = "error";
      /* Translators: a person's late plan items, with a symbol that tells it without colour */
      return g_strdup_printf (_("✗ %d"), (int) late);
    }
  return g_strdup ("0");
}

static char *
percent_text (gpointer owner, CdRow *row, const char **css)
{
  const char *percent = cd_row_get_value (row, CD_PLAN_PERSON_COL_PERCENT);

  if (percent == NULL)
    {
      *css = "dim-label";
      return g_strdup (_("Nothing planned"));
    }
  if (cd_row_get_int (row, CD_PLAN_PERSON_COL_PERCENT, 0) >= 100)
    *css = "success";
  /* Translators: a share of a plan done: "70 %" */
  return g_strdup_printf (_("%d %%"), (int) cd_row_get_int (row, CD_PLAN_PERSON_COL_PERCENT, 0));
}

/* Progress ------------------------------------------------------------------------- */

static void
update_progress (CdPlanPage *self)
{
  CdPlanProgress progress = { 0 };
  g_autoptr(GError) error = NULL;
  guint total;

  g_clear_pointer (&self->progress_text, g_free);
  if (!cd_plan_progress (CD_PAGE_STORE (self), self->year, 0, &progress, &error))
    {
      self->progress_text = g_strdup (error->message);
      gtk_label_set_text (self->progress_label, self->progress_text);
      return;
    }
  total = progress.n_done + progress.n_due + progress.n_late;
  if (total == 0)
    /* Translators: %d is a year */
    self->progress_text = g_strdup_printf (_("Nothing is planned for %d yet."), self->year);
  else
    /* Translators: the progress of a year's plan: "2026: 120 done · 40 due · 6 late — 72 % complete" */
    self->progress_text = g_strdup_printf (_("%d: %u done · %u due · %u late — %u %% complete"), self->year,
                                           progress.n_done, progress.n_due, progress.n_late,
                                           progress.n_done * 100 / total);
  gtk_label_set_text (self->progress_label, self->progress_text);
  gtk_progress_bar_set_fraction (self->progress_bar, total > 0 ? (double) progress.n_done / total : 0);
  gtk_widget_set_visible (GTK_WIDGET (self->progress_bar), total > 0);
  if (progress.n_late > 0)
    gtk_widget_add_css_class (GTK_WIDGET (self->progress_bar), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->progress_bar), "error");
}

/* State ---------------------------------------------------------------------------- */

static CdRow *
selected_row (CdPlanPage *self)
{
  GtkColumnView *view = showing_people (self) ? self->people_view : self->column_view;
  CdTrainingList *list = showing_people (self) ? self->people : self->items;
  GtkSelectionModel *selection = gtk_column_view_get_model (view);
  guint position = gtk_single_selection_get_selected (GTK_SINGLE_SELECTION (selection));

  if (position == GTK_INVALID_LIST_POSITION)
    return NULL;
  return g_list_model_get_item (G_LIST_MODEL (cd_training_list_get_model (list)), position);
}

static gboolean
filter_is_default (CdPlanPage *self)
{
  return (self->items_filter.text == NULL || *self->items_filter.text == '\0') && self->items_filter.status < 0 &&
         self->items_filter.role < 0;
}

static void
update_state (CdPlanPage *self)
{
  CdRowModel *people = cd_training_list_get_model (self->people);
  const GError *error;
  gboolean editor = cd_training_can_edit (CD_PAGE_STORE (self));
  gboolean others = cd_training_can_read_others (CD_PAGE_STORE (self));
  g_autoptr(CdRow) row = selected_row (self);
  gint64 item = !showing_people (self) && row != NULL ? cd_row_get_id (row) : 0;
  gboolean completed = row != NULL && !showing_people (self) && cd_row_get_int (row, CD_PLAN_COL_COMPLETED, 0) != 0;
  gboolean done = row != NULL && !showing_people (self) &&
                  cd_row_get_int (row, CD_PLAN_COL_STATUS, CD_PLAN_DUE) == CD_PLAN_DONE;

  cd_training_list_show_state (self->items, self->list_stack, self->error_page, !filter_is_default (self));
  error = cd_row_model_get_error (people);
  if (error != NULL)
    {
      adw_status_page_set_description (self->people_error_page, error->message);
      gtk_stack_set_visible_child_name (self->people_stack, "error");
    }
  else
    gtk_stack_set_visible_child_name (self->people_stack, cd_row_model_get_n_matches (people) > 0 ? "list"
                                      : (self->people_filter.text == NULL && self->people_filter.role < 0) ? "empty"
                                      : "no-matches");

  gtk_widget_set_visible (GTK_WIDGET (self->add_button), editor);
  gtk_widget_set_visible (GTK_WIDGET (self->done_button), editor && !showing_people (self));
  gtk_widget_set_visible (GTK_WIDGET (self->remove_button), editor && !showing_people (self));
  gtk_widget_set_visible (GTK_WIDGET (self->copy_button), editor);
  gtk_widget_set_visible (GTK_WIDGET (self->record_button), others);
  gtk_widget_set_visible (self->empty_button, editor);
  gtk_widget_set_visible (GTK_WIDGET (self->status_dropdown), !showing_people (self));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "plan.add", editor);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "plan.copy-year", editor);
  /* An item done by attending a session stays done. */
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "plan.toggle-done", editor && item != 0 && (completed || !done));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "plan.remove", editor && item != 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "plan.open-record", others && row != NULL);
  gtk_button_set_label (self->done_button, completed ? _("Mark Not _Done") : _("Mark _Done"));
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->done_button),
                               done && !completed ? _("Done: the person attended a session of the course")
                               : _("Mark the selected item complete (an external course, say), or not"));
  if (!editor)
    adw_status_page_set_description (self->empty_page,
                                     _("Nothing is planned for this year yet. Trainers plan who takes which course."));
}

static void
apply_people_filter (CdPlanPage *self)
{
  if (!self->people_stale)
    return;
  self->people_stale = FALSE;
  cd_plan_people_set_filter (cd_training_list_get_model (self->people), &self->people_filter);
  cd_training_list_scroll_to_top (self->people);
}

static void
apply_filters (CdPlanPage *self)
{
  g_autofree char *text = cd_validate_trim (gtk_editable_get_text (GTK_EDITABLE (self->search_entry)));
  guint status = gtk_drop_down_get_selected (self->status_dropdown);
  guint role = gtk_drop_down_get_selected (self->role_dropdown);
  CdPlanFilter *filters[] = { &self->items_filter, &self->people_filter };

  for (guint i = 0; i < G_N_ELEMENTS (filters); i++)
    {
      g_free (filters[i]->text);
      filters[i]->text = *text != '\0' ? g_strdup (text) : NULL;
      filters[i]->year = self->year;
      filters[i]->role = role == 0 || role == GTK_INVALID_LIST_POSITION ? -1 : (int) role - 1;
    }
  /* Late, due, done: the drop-down's order after "Any Status". */
  self->items_filter.status = status == 1 ? CD_PLAN_LATE : status == 2 ? CD_PLAN_DUE : status == 3 ? CD_PLAN_DONE : -1;
  cd_plan_list_set_filter (cd_training_list_get_model (self->items), &self->items_filter);
  cd_training_list_scroll_to_top (self->items);
  /* The list of people is read again when it is shown, not for each
   * filter while it is hidden (its rows, once built, would be read and
   * bound anew every time). */
  self->people_stale = TRUE;
  if (showing_people (self))
    apply_people_filter (self);
  update_progress (self);
  update_state (self);
}

static void
on_filter_changed_cb (CdPlanPage *self)
{
  if (self->items != NULL && !self->filling)
    apply_filters (self);
}

static void
on_year_changed_cb (CdPlanPage *self,
                    GParamSpec *pspec,
                    GtkDropDown *dropdown)
{
  guint selected = gtk_drop_down_get_selected (self->year_dropdown);

  if (self->filling || self->years == NULL || selected >= self->years->len)
    return;
  self->year = g_array_index (self->years, int, selected);
  apply_filters (self);
}

static void
on_view_toggled_cb (CdPlanPage *self)
{
  gtk_stack_set_visible_child_name (self->view_stack, showing_people (self) ? "people" : "items");
  if (self->items == NULL)
    return;
  if (showing_people (self))
    apply_people_filter (self);
  update_state (self);
}

static void
on_search_entry_activate_cb (CdPlanPage *self)
{
  cd_training_list_focus (showing_people (self) ? self->people : self->items);
}

static void
on_selection_changed_cb (CdPlanPage *self)
{
  update_state (self);
}

/* The years with a plan, this year and the next, newest first. */
static void
fill_years (CdPlanPage *self)
{
  g_autoptr(GArray) planned = cd_plan_years (CD_PAGE_STORE (self), NULL);
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  int now = cd_training_year_of (cd_store_now (CD_PAGE_STORE (self)));
  int first = now + 1, last = now;

  for (guint i = 0; planned != NULL && i < planned->len; i++)
    {
      first = MAX (first, g_array_index (planned, int, i));
      last = MIN (last, g_array_index (planned, int, i));
    }
  g_array_set_size (self->years, 0);
  for (int year = first; year >= last; year--)
    {
      g_autofree char *name = g_strdup_printf ("%d", year);

      gtk_string_list_append (names, name);
      g_array_append_val (self->years, year);
    }
  if (self->year == 0)
    self->year = now;
  self->filling = TRUE;
  gtk_drop_down_set_model (self->year_dropdown, G_LIST_MODEL (names));
  gtk_drop_down_set_selected (self->year_dropdown, cd_training_position_of_int (self->years, self->year, 0));
  self->filling = FALSE;
}

static gboolean
progress_idle_cb (gpointer data)
{
  CdPlanPage *self = data;

  self->progress_id = 0;
  update_progress (self);
  return G_SOURCE_REMOVE;
}

static void
on_store_changed_cb (CdPlanPage *self)
{
  if (self->progress_id == 0)
    self->progress_id = g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, progress_idle_cb, self, NULL);
}

static void
on_plan_changed_cb (CdPlanPage *self)
{
  fill_years (self);
  on_store_changed_cb (self);
}

/* Actions ------------------------------------------------------------------------- */

/* Adding */

typedef struct {
  int     year;
  gint64  course_id;
  gint64  due_at;
  GArray *staff_ids;
  guint   n_added;
} AddJob;

static void
add_job_free (gpointer data)
{
  AddJob *job = data;

  g_array_unref (job->staff_ids);
  g_free (job);
}

static gboolean
run_add (CdStore *store, gpointer data, GCancellable *cancellable, GError **error)
{
  AddJob *job = data;

  return cd_plan_add (store, job->year, job->course_id, (const gint64 *) (gpointer) job->staff_ids->data,
                      job->staff_ids->len, job->due_at, &job->n_added, error);
}

static void
add_done_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr(CdPlanPage) self = user_data;
  AddJob *job = cd_store_run_get_data (result);
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  if (!cd_store_run_finish (CD_STORE (source), result, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        cd_training_show_error (GTK_WIDGET (self), _("Could Not Add to the Plan"), error);
      return;
    }
  if (job->n_added < job->staff_ids->len)
    /* Translators: after adding a course to people's plans, some of whom had it already */
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u added to the plan; the others have it already",
                                         "%u added to the plan; the others have it already", job->n_added),
                            job->n_added);
  else
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u added to the plan", "%u added to the plan",
                                         job->n_added),
                            job->n_added);
  cd_training_toast (GTK_WIDGET (self), text);
}

static void
on_people_chosen_cb (CdPeoplePicker *picker,
                     GArray         *staff_ids,
                     CdPlanPage     *self)
{
  AdwComboRow *course_row = g_object_get_data (G_OBJECT (picker), "course-row");
  CdDateButton *due_button = g_object_get_data (G_OBJECT (picker), "due-button");
  GArray *course_ids = g_object_get_data (G_OBJECT (picker), "course-ids");
  guint course = adw_combo_row_get_selected (course_row);
  AddJob *job;

  if (staff_ids == NULL || staff_ids->len == 0 || course >= course_ids->len)
    return;
  job = g_new0 (AddJob, 1);
  job->year = self->year;
  job->course_id = g_array_index (course_ids, gint64, course);
  /* Due by the end of the chosen day. */
  job->due_at = cd_training_day_start (cd_date_button_get_date (due_button), 1) - 1;
  job->staff_ids = g_array_ref (staff_ids);
  cd_store_run_async (CD_PAGE_STORE (self), CD_STORE_LANE_WRITE, run_add, job, add_job_free, CD_PAGE_CANCELLABLE (self),
                      add_done_cb, g_object_ref (self));
}

static gint64
default_due (CdPlanPage *self)
{
  gint64 now = cd_store_now (CD_PAGE_STORE (self));
  int this_year = cd_training_year_of (now);
  gint64 year_end = cd_training_year_start (self->year + 1) - 1;

  if (self->year == this_year)
    return MIN (cd_training_day_start (now, 90), year_end);
  if (self->year > this_year)
    /* The middle of that year. */
    return cd_training_day_start (cd_training_year_start (self->year), 180);
  return year_end;
}

static void
add_action (GtkWidget *widget, const char *name, GVariant *parameter)
{
  CdPlanPage *self = CD_PLAN_PAGE (widget);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) courses = cd_courses_list (CD_PAGE_STORE (self), FALSE, 0, &error);
  g_autoptr(GtkStringList) titles = gtk_string_list_new (NULL);
  GArray *course_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autofree char *title = NULL;
  GtkWidget *group, *course_row, *due_row, *due_button, *picker;

  if (courses == NULL || courses->len == 0)
    {
      g_array_unref (course_ids);
      if (error != NULL)
        cd_training_show_error (widget, _("Could Not Add to the Plan"), error);
      else
        cd_training_toast (widget, _("Add a course on the Courses page first"));
      return;
    }
  for (guint i = 0; i < courses->len; i++)
    {
      CdCourse *course = g_ptr_array_index (courses, i);

      gtk_string_list_append (titles, course->title);
      g_array_append_val (course_ids, course->id);
    }
  /* Translators: %d is the year of the plan */
  title = g_strdup_printf (_("Add to the %d Plan"), self->year);
  picker = cd_people_picker_new (CD_PAGE_STORE (self), title, _("_Add"), NULL);

  group = adw_preferences_group_new ();
  course_row = adw_combo_row_new ();
  gtk_widget_set_name (course_row, "plan-add-course");
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (course_row), _("Course"));
  adw_combo_row_set_model (ADW_COMBO_ROW (course_row), G_LIST_MODEL (titles));
  due_row = adw_action_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (due_row), _("Due By"));
  due_button = cd_date_button_new ();
  gtk_widget_set_valign (due_button, GTK_ALIGN_CENTER);
  cd_date_button_set_date (CD_DATE_BUTTON (due_button), default_due (self));
  adw_action_row_add_suffix (ADW_ACTION_ROW (due_row), due_button);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), course_row);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), due_row);
  cd_people_picker_add_header (CD_PEOPLE_PICKER (picker), group);

  g_object_set_data (G_OBJECT (picker), "course-row", course_row);
  g_object_set_data (G_OBJECT (picker), "due-button", due_button);
  g_object_set_data_full (G_OBJECT (picker), "course-ids", course_ids, (GDestroyNotify) g_array_unref);
  g_signal_connect_object (picker, "chosen", G_CALLBACK (on_people_chosen_cb), self, 0);
  cd_training_present (GTK_WIDGET (self), picker);
}

/* Marking done, removing */

typedef struct {
  gint64   id;
  gint64   version;
  gint64   completed_at;
  gboolean remove;
} ItemJob;

static gboolean
run_item (CdStore *store, gpointer data, GCancellable *cancellable, GError **error)
{
  ItemJob *job = data;

  if (job->remove)
    return cd_plan_item_delete (store, job->id, job->version, error);
  return cd_plan_item_set_completed (store, job->id, job->version, job->completed_at, error);
}

static void
item_done_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr(CdPlanPage) self = user_data;
  ItemJob *job = cd_store_run_get_data (result);
  g_autoptr(GError) error = NULL;

  if (!cd_store_run_finish (CD_STORE (source), result, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        cd_training_show_error (GTK_WIDGET (self), _("Could Not Change the Plan"), error);
      return;
    }
  cd_training_toast (GTK_WIDGET (self), job->remove ? _("Taken off the plan")
                                        : job->completed_at != 0 ? _("Marked done")
                                        : _("Marked not done"));
}

static void
item_action (CdPlanPage *self,
             gboolean    remove)
{
  g_autoptr(CdRow) row = selected_row (self);
  ItemJob *job;

  if (row == NULL || showing_people (self))
    return;
  job = g_new0 (ItemJob, 1);
  job->id = cd_row_get_id (row);
  job->version = cd_row_get_int (row, CD_PLAN_COL_VERSION, 0);
  job->remove = remove;
  job->completed_at = cd_row_get_int (row, CD_PLAN_COL_COMPLETED, 0) != 0 ? 0 : cd_store_now (CD_PAGE_STORE (self));
  cd_store_run_async (CD_PAGE_STORE (self), CD_STORE_LANE_WRITE, run_item, job, g_free, CD_PAGE_CANCELLABLE (self),
                      item_done_cb, g_object_ref (self));
}

static void
toggle_done_action (GtkWidget *widget, const char *name, GVariant *parameter)
{
  item_action (CD_PLAN_PAGE (widget), FALSE);
}

static void
remove_action (GtkWidget *widget, const char *name, GVariant *parameter)
{
  item_action (CD_PLAN_PAGE (widget), TRUE);
}

/* Copying last year */

typedef struct {
  int   from;
  int   to;
  guint n_copied;
} CopyJob;

static gboolean
run_copy (CdStore *store, gpointer data, GCancellable *cancellable, GError **error)
{
  CopyJob *job = data;

  return cd_plan_copy_year (store, job->from, job->to, &job->n_copied, error);
}

static void
copy_done_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr(CdPlanPage) self = user_data;
  CopyJob *job = cd_store_run_get_data (result);
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  if (!cd_store_run_finish (CD_STORE (source), result, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        cd_training_show_error (GTK_WIDGET (self), _("Could Not Copy the Plan"), error);
      return;
    }
  text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u item copied from %d", "%u items copied from %d",
                                       job->n_copied),
                          job->n_copied, job->from);
  cd_training_toast (GTK_WIDGET (self), text);
}

static void
on_copy_response_cb (AdwMessageDialog *dialog,
                     const char       *response,
                     CdPlanPage       *self)
{
  CopyJob *job;

  if (g_strcmp0 (response, "copy") != 0)
    return;
  job = g_new0 (CopyJob, 1);
  job->from = self->year - 1;
  job->to = self->year;
  cd_store_run_async (CD_PAGE_STORE (self), CD_STORE_LANE_WRITE, run_copy, job, g_free, CD_PAGE_CANCELLABLE (self),
                      copy_done_cb, g_object_ref (self));
}

static void
copy_year_action (GtkWidget *widget, const char *name, GVariant *parameter)
{
  CdPlanPage *self = CD_PLAN_PAGE (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  g_autofree char *heading = NULL;
  g_autofree char *body = NULL;
  GtkWidget *dialog;

  /* Translators: %d and %d are years: "Copy the 2025 Plan into 2026?" */
  heading = g_strdup_printf (_("Copy the %d Plan into %d?"), self->year - 1, self->year);
  body = g_strdup_printf (_("Each course of %d is planned again for the same people still on the staff list, due on the same day of %d. Items %d has already are left as they are."),
                          self->year - 1, self->year, self->year);
  dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, heading, body);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"), "copy", _("_Copy"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "copy", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "copy");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_copy_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
open_record_action (GtkWidget *widget, const char *name, GVariant *parameter)
{
  CdPlanPage *self = CD_PLAN_PAGE (widget);
  g_autoptr(CdRow) row = selected_row (self);
  gint64 staff_id;

  if (row == NULL)
    return;
  staff_id = showing_people (self) ? cd_row_get_id (row) : cd_row_get_int (row, CD_PLAN_COL_STAFF_ID, 0);
  if (staff_id > 0)
    g_signal_emit (self, signals[SIGNAL_OPEN_RECORD], 0, staff_id, (gint64) 0);
}

static void
clear_filters_action (GtkWidget *widget, const char *name, GVariant *parameter)
{
  CdPlanPage *self = CD_PLAN_PAGE (widget);

  self->filling = TRUE;
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  gtk_drop_down_set_selected (self->status_dropdown, 0);
  gtk_drop_down_set_selected (self->role_dropdown, 0);
  self->filling = FALSE;
  apply_filters (self);
}

static void
on_column_view_activate_cb (CdPlanPage    *self,
                            guint          position,
                            GtkColumnView *view)
{
  if (cd_training_can_read_others (CD_PAGE_STORE (self)))
    gtk_widget_activate_action (GTK_WIDGET (self), "plan.open-record", NULL);
}

static void
on_people_view_activate_cb (CdPlanPage    *self,
                            guint          position,
                            GtkColumnView *view)
{
  on_column_view_activate_cb (self, position, view);
}

/* GObject ------------------------------------------------------------------------- */

static void
cd_plan_page_constructed (GObject *object)
{
  CdPlanPage *self = CD_PLAN_PAGE (object);
  g_autoptr(GtkStringList) statuses = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) roles = gtk_string_list_new (NULL);
  g_autoptr(CdRowModel) items = NULL;
  g_autoptr(CdRowModel) people = NULL;

  G_OBJECT_CLASS (cd_plan_page_parent_class)->constructed (object);

  gtk_string_list_append (statuses, _("Any Status"));
  gtk_string_list_append (statuses, cd_plan_status_label (CD_PLAN_LATE));
  gtk_string_list_append (statuses, cd_plan_status_label (CD_PLAN_DUE));
  gtk_string_list_append (statuses, cd_plan_status_label (CD_PLAN_DONE));
  gtk_string_list_append (roles, _("All Roles"));
  for (guint i = 0; i < cd_role_count (); i++)
    gtk_string_list_append (roles, cd_role_label ((CdRole) i));
  self->filling = TRUE;
  gtk_drop_down_set_model (self->status_dropdown, G_LIST_MODEL (statuses));
  gtk_drop_down_set_model (self->role_dropdown, G_LIST_MODEL (roles));
  self->filling = FALSE;
  fill_years (self);

  cd_plan_filter_init (&self->items_filter, self->year);
  cd_plan_filter_init (&self->people_filter, self->year);
  items = cd_plan_list_new (CD_PAGE_STORE (self), &self->items_filter);
  self->items = cd_training_list_new (self->column_view, items, self, refresh_kinds);
  cd_training_list_watch_search (self->items, self->search_entry, G_CALLBACK (on_filter_changed_cb));
  cd_training_list_add_column (self->items, self->person_column, "person", person_text, FALSE);
  cd_training_list_add_column (self->items, self->course_column, "course", course_text, FALSE);
  cd_training_list_add_column (self->items, self->due_column, "due", due_text, FALSE);
  cd_training_list_add_column (self->items, self->status_column, "status", status_text, FALSE);
  cd_training_list_add_column (self->items, self->done_column, NULL, done_text, FALSE);
  cd_training_list_show_sorted (self->items, self->due_column, FALSE);
  cd_training_list_keep_sort (self->items, &self->items_filter.sort_column,
                              &self->items_filter.sort_descending);

  people = cd_plan_people_new (CD_PAGE_STORE (self), &self->people_filter);
  self->people = cd_training_list_new (self->people_view, people, self, refresh_kinds);
  cd_training_list_add_column (self->people, self->name_column, "name", name_text, FALSE);
  cd_training_list_add_column (self->people, self->role_column, "role", role_text, FALSE);
  cd_training_list_add_column (self->people, self->pdone_column, NULL, pdone_text, TRUE);
  cd_training_list_add_column (self->people, self->pdue_column, NULL, pdue_text, TRUE);
  cd_training_list_add_column (self->people, self->plate_column, "late", plate_text, TRUE);
  cd_training_list_add_column (self->people, self->percent_column, "percent", percent_text, TRUE);
  cd_training_list_show_sorted (self->people, self->name_column, FALSE);
  cd_training_list_keep_sort (self->people, &self->people_filter.sort_column,
                              &self->people_filter.sort_descending);

  cd_training_list_watch (self->items, G_CALLBACK (on_selection_changed_cb));
  cd_training_list_watch (self->people, G_CALLBACK (on_selection_changed_cb));
  g_signal_connect_object (self->year_dropdown, "notify::selected", G_CALLBACK (on_year_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_group_set_target (self->store_signals, CD_PAGE_STORE (self));
  update_progress (self);
  update_state (self);
}

static void
cd_plan_page_dispose (GObject *object)
{
  CdPlanPage *self = CD_PLAN_PAGE (object);

  g_clear_handle_id (&self->progress_id, g_source_remove);
  if (self->store_signals != NULL)
    g_signal_group_set_target (self->store_signals, NULL);
  g_clear_pointer (&self->items, cd_training_list_free);
  g_clear_pointer (&self->people, cd_training_list_free);
  G_OBJECT_CLASS (cd_plan_page_parent_class)->dispose (object);
}

static void
cd_plan_page_finalize (GObject *object)
{
  CdPlanPage *self = CD_PLAN_PAGE (object);

  cd_plan_filter_clear (&self->items_filter);
  cd_plan_filter_clear (&self->people_filter);
  g_clear_pointer (&self->years, g_array_unref);
  g_clear_pointer (&self->progress_text, g_free);
  g_clear_object (&self->store_signals);
  G_OBJECT_CLASS (cd_plan_page_parent_class)->finalize (object);
}

static void
cd_plan_page_class_init (CdPlanPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = cd_plan_page_constructed;
  object_class->dispose = cd_plan_page_dispose;
  object_class->finalize = cd_plan_page_finalize;

  signals[SIGNAL_OPEN_RECORD] =
    g_signal_new ("open-record", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, G_TYPE_INT64, G_TYPE_INT64);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/training/cd-plan-page.ui");
  gtk_widget_class_bind_template_child (widget_class, CdPlanPage, year_dropdown);
  gtk_widget_class_bind_template_child (widget_class, CdPlanPage, items_toggle);
  gtk_widget_class_bind_template_child (widget_class, CdPlanPage, people_toggle);
  gtk_widget_class_bind_template_child (widget_class, CdPlanPage, search_entry);
  gtk_widget_class_bind_template_child (widget_class, CdPlanPage, status_dropdown);
  gtk_widget_class_bind_template_child (widget_class, CdPlanPage, role_dropdown);
  gtk_widget_class_bind_template_child (widget_class, CdPlanPage, add_button);
  gtk_widget_class_bind_template_child (widget_class, CdPlanPage, done_button);
  gtk_widget_class_bind_template_child (widget_class, CdPlanPage, remove_button);
  gtk_widget_class_bind_template_child (widget_class, CdPlanPage, copy_button);
  gtk_widget_class_bind_template_child (widget_class, CdPlanPage, record_button);
  gtk_widget_class_bind_template_child (widget_class, CdPlanPage, progress_label);
  gtk_widget_class_bind_template_child (widget_class, CdPlanPage, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, CdPlanPage, view_stack);
  gtk_widget_class_bind_template_child (widget_class, CdPlanPage, list_stack);
  gtk_widget_class_bind_template_child (widget_class, CdPlanPage, column_view);
  gtk_widget_class_bind_template_child (widget_class, CdPlanPage, person_column);
  gtk_widget_class_bind_template_child (widget_class, CdPlanPage, course_column);
  gtk_widget_class_bind_template_child (widget_class, CdPlanPage, due_column);
  gtk_widget_class_bind_template_child (widget_class, CdPlanPage, status_column);
  gtk_widget_class_bind_template_child (widget_class, CdPlanPage, done_column);
  gtk_widget_class_bind_template_child (widget_class, CdPlanPage, empty_page);
  gtk_widget_class_bind_template_child (widget_class, CdPlanPage, empty_button);
  gtk_widget_class_bind_template_child (widget_class, CdPlanPage, error_page);
  gtk_widget_class_bind_template_child (widget_class, CdPlanPage, people_stack);
  gtk_widget_class_bind_template_child (widget_class, CdPlanPage, people_view);
  gtk_widget_class_bind_template_child (widget_class, CdPlanPage, name_column);
  gtk_widget_class_bind_template_child (widget_class, CdPlanPage, role_column);
  gtk_widget_class_bind_template_child (widget_class, CdPlanPage, pdone_column);
  gtk_widget_class_bind_template_child (widget_class, CdPlanPage, pdue_column);
  gtk_widget_class_bind_template_child (widget_class, CdPlanPage, plate_column);
  gtk_widget_class_bind_template_child (widget_class, CdPlanPage, percent_column);
  gtk_widget_class_bind_template_child (widget_class, CdPlanPage, people_error_page);
  gtk_widget_class_bind_template_callback (widget_class, on_filter_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_view_toggled_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_search_entry_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_column_view_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_people_view_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, cd_training_list_cell_setup);
  gtk_widget_class_bind_template_callback (widget_class, cd_training_list_cell_bind);
  gtk_widget_class_bind_template_callback (widget_class, cd_training_list_cell_unbind);

  gtk_widget_class_install_action (widget_class, "plan.add", NULL, add_action);
  gtk_widget_class_install_action (widget_class, "plan.toggle-done", NULL, toggle_done_action);
  gtk_widget_class_install_action (widget_class, "plan.remove", NULL, remove_action);
  gtk_widget_class_install_action (widget_class, "plan.copy-year", NULL, copy_year_action);
  gtk_widget_class_install_action (widget_class, "plan.open-record", NULL, open_record_action);
  gtk_widget_class_install_action (widget_class, "plan.clear-filters", NULL, clear_filters_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK, "plan.add", NULL);
}

static void
cd_plan_page_init (CdPlanPage *self)
{
  self->years = g_array_new (FALSE, FALSE, sizeof (int));
  self->store_signals = g_signal_group_new (CD_TYPE_STORE);
  for (guint i = 1; refresh_kinds[i] != NULL; i++)
    {
      g_autofree char *detailed = g_strconcat ("changed::", refresh_kinds[i], NULL);
      g_signal_group_connect_swapped (self->store_signals, detailed, G_CALLBACK (on_store_changed_cb), self);
    }
  g_signal_group_connect_swapped (self->store_signals, "changed::" CD_CHANGE_PLAN_ITEMS,
                                  G_CALLBACK (on_plan_changed_cb), self);
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
cd_plan_page_new (CdStore *store)
{
  g_return_val_if_fail (CD_IS_STORE (store), NULL);
  return g_object_new (CD_TYPE_PLAN_PAGE, "store", store, NULL);
}

int
cd_plan_page_get_year (CdPlanPage *self)
{
  g_return_val_if_fail (CD_IS_PLAN_PAGE (self), 0);
  return self->year;
}

void
cd_plan_page_set_year (CdPlanPage *self,
                       int         year)
{
  guint position;

  g_return_if_fail (CD_IS_PLAN_PAGE (self));
  position = cd_training_position_of_int (self->years, year, G_MAXUINT);
  if (position != G_MAXUINT)
    gtk_drop_down_set_selected (self->year_dropdown, position);
}

const char *
cd_plan_page_get_progress_text (CdPlanPage *self)
{
  g_return_val_if_fail (CD_IS_PLAN_PAGE (self), NULL);
  return self->progress_text;
}
