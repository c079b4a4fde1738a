/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "caredesk-training"

#include "config.h"

#include <glib/gi18n.h>

#include "cd-datetime.h"
#include "cd-file-chooser.h"
#include "cd-session-editor.h"
#include "cd-session-page.h"
#include "cd-sessions-page.h"
#include "cd-training-list.h"
#include "cd-training-util.h"
#include "cd-validate.h"

static const char * const refresh_kinds[] = {
  CD_CHANGE_SESSIONS, CD_CHANGE_ENROLMENTS, CD_CHANGE_COURSES, CD_CHANGE_STAFF, NULL
};

struct _CdSessionsPage
{
  CdTrainingPage       parent_instance;

  CdTrainingList      *list;
  CdSessionFilter      filter;
  GArray              *course_ids;   /* gint64 of the course filter's entries; 0 first: any */
  CdSessionPage       *session_page;
  GSignalGroup        *store_signals;
  GCancellable        *choosing;

  /* Template widgets */
  GtkStack            *sessions_stack;
  GtkBox              *session_slot;
  GtkSearchEntry      *search_entry;
  GtkDropDown         *when_dropdown;
  GtkDropDown         *course_dropdown;
  GtkButton           *new_button;
  GtkButton           *export_button;
  GtkStack            *list_stack;
  GtkColumnView       *column_view;
  GtkColumnViewColumn *when_column;
  GtkColumnViewColumn *course_column;
  GtkColumnViewColumn *trainer_column;
  GtkColumnViewColumn *place_column;
  GtkColumnViewColumn *places_column;
  GtkColumnViewColumn *attended_column;
  AdwStatusPage       *empty_page;
  GtkWidget           *empty_button;
  AdwStatusPage       *error_page;
};

enum {
  SIGNAL_OPEN_RECORD,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (CdSessionsPage, cd_sessions_page, CD_TYPE_TRAINING_PAGE)

/* Cells -------------------------------------------------------------------------- */

static char *
when_text (gpointer owner, CdRow *row, const char **css)
{
  CdSessionsPage *self = owner;
  gint64 starts = cd_row_get_int (row, CD_SESSION_COL_STARTS, 0);
  gint64 ends = cd_row_get_int (row, CD_SESSION_COL_ENDS, 0);
  gint64 now = cd_store_now (CD_PAGE_STORE (self));
  g_autofree char *when = cd_datetime_format_when (starts, now);
  g_autofree char *end = cd_datetime_format_time (ends);

  if (starts <= now && ends > now)
    *css = "accent";
  else if (ends <= now)
    *css = "dim-label";
  /* Translators: when a session is, in a list: "Mon 7 Dec, 09:00–12:00" */
  return g_strdup_printf (_("%s–%s"), when, end);
}

static char *
course_text (gpointer owner, CdRow *row, const char **css)
{
  return g_strdup (cd_row_get_value (row, CD_SESSION_COL_COURSE));
}

static char *
trainer_text (gpointer owner, CdRow *row, const char **css)
{
  const char *trainer = cd_row_get_value (row, CD_SESSION_COL_TRAINER);

  if (trainer == NULL)
    {
      *css = "dim-label";
      return g_strdup (_("None or from outside"));
    }
  return g_strdup (trainer);
}

static char *
place_text (gpointer owner, CdRow *row, const char **css)
{
  return g_strdup (cd_row_get_value (row, CD_SESSION_COL_PLACE));
}

static char *
places_text (gpointer owner, CdRow *row, const char **css)
{
  gint64 capacity = cd_row_get_int (row, CD_SESSION_COL_CAPACITY, 0);
  gint64 enrolled = cd_row_get_int (row, CD_SESSION_COL_ENROLLED, 0);
  gint64 waiting = cd_row_get_int (row, CD_SESSION_COL_WAITING, 0);
  g_autofree char *taken = NULL;

  if (capacity > 0)
    {
      /* Translators: places taken of a session's places: "12 / 20" */
      taken = g_strdup_printf (_("%d / %d"), (int) enrolled, (int) capacity);
      if (enrolled >= capacity)
        *css = "warning";
    }
  else
    taken = g_strdup_printf ("%" G_GINT64_FORMAT, enrolled);
  if (waiting > 0)
    /* Translators: places taken and how many wait: "20 / 20, 3 waiting" */
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s, %d waiting", "%s, %d waiting", (gulong) waiting),
                            taken, (int) waiting);
  return g_steal_pointer (&taken);
}

static char *
attended_text (gpointer owner, CdRow *row, const char **css)
{
  CdSessionsPage *self = owner;
  gint64 starts = cd_row_get_int (row, CD_SESSION_COL_STARTS, 0);
  gint64 enrolled = cd_row_get_int (row, CD_SESSION_COL_ENROLLED, 0);
  gint64 attended = cd_row_get_int (row, CD_SESSION_COL_ATTENDED, 0);

  if (starts > cd_store_now (CD_PAGE_STORE (self)))
    return NULL;
  if (attended == 0 && enrolled > 0)
    {
      *css = "warning";
      return g_strdup (_("Not taken"));
    }
  /* Translators: how many of those enrolled attended a session: "10 of 12" */
  return g_strdup_printf (_("%d of %d"), (int) attended, (int) enrolled);
}

/* State ---------------------------------------------------------------------------- */

static gboolean
filter_is_default (CdSessionsPage *self)
{
  return (self->filter.text == NULL || *self->filter.text == '\0') && self->filter.course_id == 0 &&
         self->filter.when == CD_SESSIONS_UPCOMING;
}

static void
update_state (CdSessionsPage *self)
{
  gboolean editor = cd_training_can_edit (CD_PAGE_STORE (self));

  cd_training_list_show_state (self->list, self->list_stack, self->error_page, !filter_is_default (self));

  gtk_widget_set_visible (GTK_WIDGET (self->new_button), editor);
  gtk_widget_set_visible (self->empty_button, editor);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "sessions.new", editor);
  if (!editor)
    adw_status_page_set_description (self->empty_page,
                                     _("No session is planned. Trainers plan the sessions of the courses."));
}

static void
fill_courses (CdSessionsPage *self)
{
  g_autoptr(GPtrArray) courses = cd_courses_list (CD_PAGE_STORE (self), TRUE, 0, NULL);
  g_autoptr(GtkStringList) titles = gtk_string_list_new (NULL);
  gint64 any = 0;
  gint64 selected = self->filter.course_id;

  g_array_set_size (self->course_ids, 0);
  g_array_append_val (self->course_ids, any);
  gtk_string_list_append (titles, _("All Courses"));
  for (guint i = 0; courses != NULL && i < courses->len; i++)
    {
      CdCourse *course = g_ptr_array_index (courses, i);

      gtk_string_list_append (titles, course->title);
      g_array_append_val (self->course_ids, course->id);
    }
  gtk_drop_down_set_model (self->course_dropdown, G_LIST_MODEL (titles));
  gtk_drop_down_set_selected (self->course_dropdown, cd_training_position_of (self->course_ids, selected, 0));
}

static void
apply_filters (CdSessionsPage *self)
{
  g_autofree char *text = cd_validate_trim (gtk_editable_get_text (GTK_EDITABLE (self->search_entry)));
  guint when = gtk_drop_down_get_selected (self->when_dropdown);
  guint course = gtk_drop_down_get_selected (self->course_dropdown);
  CdSessionsWhen old_when = self->filter.when;

  g_free (self->filter.text);
  self->filter.text = *text != '\0' ? g_steal_pointer (&text) : NULL;
  self->filter.when = when == 1 ? CD_SESSIONS_PAST : when == 2 ? CD_SESSIONS_ALL : CD_SESSIONS_UPCOMING;
  self->filter.course_id = course < self->course_ids->len ? g_array_index (self->course_ids, gint64, course) : 0;
  if (old_when != self->filter.when &&
      (self->filter.sort_column == NULL || g_strcmp0 (self->filter.sort_column, "starts") == 0))
    {
      /* Past sessions read latest first, upcoming ones soonest first. */
      g_clear_pointer (&self->filter.sort_column, g_free);
      self->filter.sort_descending = FALSE;
      cd_training_list_show_sorted (self->list, self->when_column, self->filter.when == CD_SESSIONS_PAST);
    }
  cd_sessions_list_set_filter (cd_training_list_get_model (self->list), &self->filter);
  cd_training_list_scroll_to_top (self->list);
  update_state (self);
}

static void
on_filter_changed_cb (CdSessionsPage *self)
{
  if (self->list != NULL)
    apply_filters (self);
}

static void
on_search_entry_activate_cb (CdSessionsPage *self)
{
  cd_training_list_focus (self->list);
}

static void
on_store_changed_cb (CdSessionsPage *self)
{
  fill_courses (self);
}

/* The session ------------------------------------------------------------------------ */

static void
on_session_back_cb (CdSessionsPage *self)
{
  gtk_stack_set_visible_child_name (self->sessions_stack, "list");
  gtk_widget_grab_focus (GTK_WIDGET (self->column_view));
}

static void
on_session_open_record_cb (CdSessionsPage *self,
                           gint64          staff_id,
                           gint64          certification_id)
{
  g_signal_emit (self, signals[SIGNAL_OPEN_RECORD], 0, staff_id, certification_id);
}

static CdSessionPage *
ensure_session_page (CdSessionsPage *self)
{
  if (self->session_page == NULL)
    {
      self->session_page = CD_SESSION_PAGE (cd_session_page_new (CD_PAGE_STORE (self)));
      gtk_widget_set_hexpand (GTK_WIDGET (self->session_page), TRUE);
      gtk_widget_set_vexpand (GTK_WIDGET (self->session_page), TRUE);
      gtk_box_append (self->session_slot, GTK_WIDGET (self->session_page));
      g_signal_connect_object (self->session_page, "back", G_CALLBACK (on_session_back_cb), self,
                               G_CONNECT_SWAPPED);
      g_signal_connect_object (self->session_page, "open-record", G_CALLBACK (on_session_open_record_cb), self,
                               G_CONNECT_SWAPPED);
    }
  return self->session_page;
}

void
cd_sessions_page_show_session (CdSessionsPage *self,
                               gint64          session_id)
{
  g_autoptr(GError) error = NULL;

  g_return_if_fail (CD_IS_SESSIONS_PAGE (self));

  gtk_stack_set_visible_child_name (self->sessions_stack, "session");
  /* On failure the page says why. */
  if (!cd_session_page_load (ensure_session_page (self), session_id, &error))
    g_debug ("Could not show session %" G_GINT64_FORMAT ": %s", session_id, error->message);
}

GtkWidget *
cd_sessions_page_get_session_page (CdSessionsPage *self)
{
  g_return_val_if_fail (CD_IS_SESSIONS_PAGE (self), NULL);
  return GTK_WIDGET (ensure_session_page (self));
}

static void
on_column_view_activate_cb (CdSessionsPage *self,
                            guint           position,
                            GtkColumnView  *view)
{
  gint64 id = cd_row_model_get_id (cd_training_list_get_model (self->list), position);

  if (id > 0)
    cd_sessions_page_show_session (self, id);
}

/* Actions ------------------------------------------------------------------------- */

static void
on_session_saved_cb (CdSessionsPage *self,
                     gint64          session_id)
{
  cd_training_toast (GTK_WIDGET (self), _("Session planned"));
  cd_sessions_page_show_session (self, session_id);
}

static void
new_action (GtkWidget *widget, const char *name, GVariant *parameter)
{
  CdSessionsPage *self = CD_SESSIONS_PAGE (widget);
  GtkWidget *editor = cd_session_editor_new (CD_PAGE_STORE (self), 0, self->filter.course_id);

  g_signal_connect_object (editor, "saved", G_CALLBACK (on_session_saved_cb), self, G_CONNECT_SWAPPED);
  cd_training_present (widget, editor);
}

typedef struct {
  char  *path;
  guint  n_events;
} ExportJob;

static void
export_job_free (gpointer data)
{
  ExportJob *job = data;

  g_free (job->path);
  g_free (job);
}

static gboolean
run_export (CdStore *store, gpointer data, GCancellable *cancellable, GError **error)
{
  ExportJob *job = data;

  return cd_sessions_export_ics (store, NULL, 0, job->path, &job->n_events, error);
}

static void
export_done_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr(CdSessionsPage) self = user_data;
  ExportJob *job = cd_store_run_get_data (result);
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  cd_training_button_set_busy (self->export_button, NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "sessions.export", TRUE);
  if (!cd_store_run_finish (CD_STORE (source), result, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        cd_training_show_error (GTK_WIDGET (self), _("Could Not Export the Sessions"), error);
      return;
    }
  text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u session saved for calendars",
                                       "%u sessions saved for calendars", job->n_events),
                          job->n_events);
  cd_training_toast (GTK_WIDGET (self), text);
}

static void
on_export_chosen_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr(CdSessionsPage) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = cd_file_chooser_choose_finish (result, &error);

  g_clear_object (&self->choosing);
  if (file == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        cd_training_show_error (GTK_WIDGET (self), _("Could Not Export the Sessions"), error);
      return;
    }
  if (g_file_peek_path (file) != NULL)
    cd_sessions_page_export (self, g_file_peek_path (file));
}

void
cd_sessions_page_export (CdSessionsPage *self,
                         const char     *path)
{
  ExportJob *job;

  g_return_if_fail (CD_IS_SESSIONS_PAGE (self));
  g_return_if_fail (path != NULL);

  job = g_new0 (ExportJob, 1);
  job->path = g_strdup (path);
  cd_training_button_set_busy (self->export_button, _("Exporting…"));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "sessions.export", FALSE);
  cd_store_run_async (CD_PAGE_STORE (self), CD_STORE_LANE_READ, run_export, job, export_job_free,
                      CD_PAGE_CANCELLABLE (self), export_done_cb, g_object_ref (self));
}

static void
export_action (GtkWidget *widget, const char *name, GVariant *parameter)
{
  CdSessionsPage *self = CD_SESSIONS_PAGE (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  const CdFileChooserFilter filters[] = { { _("Calendar files"), "*.ics;*.ICS" } };

  if (self->choosing != NULL)
    return;
  self->choosing = g_cancellable_new ();
  cd_file_chooser_choose_async (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, CD_FILE_CHOOSER_SAVE,
                                _("Save the Upcoming Sessions for a Calendar"), _("_Save"), NULL,
                                /* Translators: the file name the upcoming sessions exported for calendars suggest */
                                _("training-sessions.ics"), filters, G_N_ELEMENTS (filters), self->choosing,
                                on_export_chosen_cb, g_object_ref (self));
}

static void
clear_filters_action (GtkWidget *widget, const char *name, GVariant *parameter)
{
  CdSessionsPage *self = CD_SESSIONS_PAGE (widget);

  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  gtk_drop_down_set_selected (self->when_dropdown, 0);
  gtk_drop_down_set_selected (self->course_dropdown, 0);
  apply_filters (self);
}

/* GObject ------------------------------------------------------------------------- */

static void
cd_sessions_page_constructed (GObject *object)
{
  CdSessionsPage *self = CD_SESSIONS_PAGE (object);
  g_autoptr(GtkStringList) whens = gtk_string_list_new ((const char * const[]) {
    C_("sessions", "Upcoming"), _("Past"), _("All Sessions"), NULL });
  g_autoptr(CdRowModel) model = NULL;

  G_OBJECT_CLASS (cd_sessions_page_parent_class)->constructed (object);

  gtk_drop_down_set_model (self->when_dropdown, G_LIST_MODEL (whens));
  cd_session_filter_init (&self->filter);
  fill_courses (self);
  model = cd_sessions_list_new (CD_PAGE_STORE (self), &self->filter);
  self->list = cd_training_list_new (self->column_view, model, self, refresh_kinds);
  cd_training_list_watch_search (self->list, self->search_entry, G_CALLBACK (on_filter_changed_cb));
  cd_training_list_add_column (self->list, self->when_column, "starts", when_text, FALSE);
  cd_training_list_add_column (self->list, self->course_column, "course", course_text, FALSE);
  cd_training_list_add_column (self->list, self->trainer_column, "trainer", trainer_text, FALSE);
  cd_training_list_add_column (self->list, self->place_column, "place", place_text, FALSE);
  cd_training_list_add_column (self->list, self->places_column, "enrolled", places_text, TRUE);
  cd_training_list_add_column (self->list, self->attended_column, NULL, attended_text, TRUE);
  cd_training_list_show_sorted (self->list, self->when_column, FALSE);
  cd_training_list_keep_sort (self->list, &self->filter.sort_column, &self->filter.sort_descending);
  g_signal_connect_object (model, "items-changed", G_CALLBACK (update_state), self, G_CONNECT_SWAPPED);
  g_signal_group_set_target (self->store_signals, CD_PAGE_STORE (self));
  update_state (self);
}

static void
cd_sessions_page_dispose (GObject *object)
{
  CdSessionsPage *self = CD_SESSIONS_PAGE (object);

  if (self->choosing != NULL)
    g_cancellable_cancel (self->choosing);
  if (self->store_signals != NULL)
    g_signal_group_set_target (self->store_signals, NULL);
  g_clear_pointer (&self->list, cd_training_list_free);
  G_OBJECT_CLASS (cd_sessions_page_parent_class)->dispose (object);
}

static void
cd_sessions_page_finalize (GObject *object)
{
  CdSessionsPage *self = CD_SESSIONS_PAGE (object);

  cd_session_filter_clear (&self->filter);
  g_clear_pointer (&self->course_ids, g_array_unref);
  g_clear_object (&self->store_signals);
  g_clear_object (&self->choosing);
  G_OBJECT_CLASS (cd_sessions_page_parent_class)->finalize (object);
}

static void
cd_sessions_page_class_init (CdSessionsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = cd_sessions_page_constructed;
  object_class->dispose = cd_sessions_page_dispose;
  object_class->finalize = cd_sessions_page_finalize;

  signals[SIGNAL_OPEN_RECORD] =
    g_signal_new ("open-record", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, G_TYPE_INT64, G_TYPE_INT64);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/training/cd-sessions-page.ui");
  gtk_widget_class_bind_template_child (widget_class, CdSessionsPage, sessions_stack);
  gtk_widget_class_bind_template_child (widget_class, CdSessionsPage, session_slot);
  gtk_widget_class_bind_template_child (widget_class, CdSessionsPage, search_entry);
  gtk_widget_class_bind_template_child (widget_class, CdSessionsPage, when_dropdown);
  gtk_widget_class_bind_template_child (widget_class, CdSessionsPage, course_dropdown);
  gtk_widget_class_bind_template_child (widget_class, CdSessionsPage, new_button);
  gtk_widget_class_bind_template_child (widget_class, CdSessionsPage, export_button);
  gtk_widget_class_bind_template_child (widget_class, CdSessionsPage, list_stack);
  gtk_widget_class_bind_template_child (widget_class, CdSessionsPage, column_view);
  gtk_widget_class_bind_template_child (widget_class, CdSessionsPage, when_column);
  gtk_widget_class_bind_template_child (widget_class, CdSessionsPage, course_column);
  gtk_widget_class_bind_template_child (widget_class, CdSessionsPage, trainer_column);
  gtk_widget_class_bind_template_child (widget_class, CdSessionsPage, place_column);
  gtk_widget_class_bind_template_child (widget_class, CdSessionsPage, places_column);
  gtk_widget_class_bind_template_child (widget_class, CdSessionsPage, attended_column);
  gtk_widget_class_bind_template_child (widget_class, CdSessionsPage, empty_page);
  gtk_widget_class_bind_template_child (widget_class, CdSessionsPage, empty_button);
  gtk_widget_class_bind_template_child (widget_class, CdSessionsPage, error_page);
  gtk_widget_class_bind_template_callback (widget_class, on_filter_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_search_entry_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_column_view_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, cd_training_list_cell_setup);
  gtk_widget_class_bind_template_callback (widget_class, cd_training_list_cell_bind);
  gtk_widget_class_bind_template_callback (widget_class, cd_training_list_cell_unbind);

  gtk_widget_class_install_action (widget_class, "sessions.new", NULL, new_action);
  gtk_widget_class_install_action (widget_class, "sessions.export", NULL, export_action);
  gtk_widget_class_install_action (widget_class, "sessions.clear-filters", NULL, clear_filters_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK, "sessions.new", NULL);
}

static void
cd_sessions_page_init (CdSessionsPage *self)
{
  self->course_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->store_signals = g_signal_group_new (CD_TYPE_STORE);
  g_signal_group_connect_swapped (self->store_signals, "changed::" CD_CHANGE_COURSES,
                                  G_CALLBACK (on_store_changed_cb), self);
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
cd_sessions_page_new (CdStore *store)
{
  g_return_val_if_fail (CD_IS_STORE (store), NULL);
  return g_object_new (CD_TYPE_SESSIONS_PAGE, "store", store, NULL);
}
