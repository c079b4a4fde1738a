/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "caredesk-training"

#include "config.h"

#include <glib/gi18n.h>

#include "cd-course-editor.h"
#include "cd-courses-page.h"
#include "cd-datetime.h"
#include "cd-training-list.h"
#include "cd-training-util.h"
#include "cd-validate.h"

static const char * const refresh_kinds[] = { CD_CHANGE_COURSES, CD_CHANGE_SESSIONS, NULL };

struct _CdCoursesPage
{
  CdTrainingPage       parent_instance;

  CdTrainingList      *list;
  CdCourseFilter       filter;

  /* Template widgets */
  GtkSearchEntry      *search_entry;
  GtkDropDown         *kind_dropdown;
  GtkDropDown         *delivery_dropdown;
  GtkToggleButton     *archived_button;
  GtkButton           *new_button;
  GtkButton           *edit_button;
  GtkButton           *archive_button;
  GtkStack            *list_stack;
  GtkColumnView       *column_view;
  GtkColumnViewColumn *title_column;
  GtkColumnViewColumn *kind_column;
  GtkColumnViewColumn *delivery_column;
  GtkColumnViewColumn *hours_column;
  GtkColumnViewColumn *sessions_column;
  GtkColumnViewColumn *next_column;
  AdwStatusPage       *empty_page;
  GtkWidget           *empty_button;
  AdwStatusPage       *error_page;
};

G_DEFINE_FINAL_TYPE (CdCoursesPage, cd_courses_page, CD_TYPE_TRAINING_PAGE)

/* Cells -------------------------------------------------------------------------- */

static char *
title_text (gpointer owner, CdRow *row, const char **css)
{
  if (cd_row_get_int (row, CD_COURSE_COL_ARCHIVED, 0) != 0)
    {
      *css = "dim-label";
      /* Translators: an archived course in the list */
      return g_strdup_printf (_("%s (archived)"), cd_row_get_value (row, CD_COURSE_COL_TITLE));
    }
  return g_strdup (cd_row_get_value (row, CD_COURSE_COL_TITLE));
}

static char *
kind_text (gpointer owner, CdRow *row, const char **css)
{
  int kind = cd_course_kind_from_nick (cd_row_get_value (row, CD_COURSE_COL_KIND));

  return g_strdup (kind >= 0 ? cd_course_kind_label ((CdCourseKind) kind) : "");
}

static char *
delivery_text (gpointer owner, CdRow *row, const char **css)
{
  int delivery = cd_delivery_from_nick (cd_row_get_value (row, CD_COURSE_COL_DELIVERY));

  return g_strdup (delivery >= 0 ? cd_delivery_label ((CdDelivery) delivery) : "");
}

static char *
hours_text (gpointer owner, CdRow *row, const char **css)
{
  const char *value = cd_row_get_value (row, CD_COURSE_COL_HOURS);

  return cd_course_format_hours (value != NULL ? g_ascii_strtod (value, NULL) : 0);
}

static char *
sessions_text (gpointer owner, CdRow *row, const char **css)
{
  return g_strdup (cd_row_get_value (row, CD_COURSE_COL_SESSIONS));
}

static char *
next_text (gpointer owner, CdRow *row, const char **css)
{
  CdCoursesPage *self = owner;
  gint64 next = cd_row_get_int (row, CD_COURSE_COL_UPCOMING, 0);

  if (next == 0)
    {
      *css = "dim-label";
      return g_strdup (_("None planned"));
    }
  return cd_datetime_format_short (next, cd_store_now (CD_PAGE_STORE (self)));
}

/* State ---------------------------------------------------------------------------- */

static gboolean
filter_is_default (CdCoursesPage *self)
{
  return (self->filter.text == NULL || *self->filter.text == '\0') && self->filter.kind < 0 &&
         self->filter.delivery < 0 && !self->filter.show_archived;
}

static void
update_state (CdCoursesPage *self)
{
  gboolean editor = cd_training_can_edit (CD_PAGE_STORE (self));
  gint64 selected = cd_training_list_get_selected_id (self->list);

  cd_training_list_show_state (self->list, self->list_stack, self->error_page, !filter_is_default (self));

  gtk_widget_set_visible (GTK_WIDGET (self->new_button), editor);
  gtk_widget_set_visible (GTK_WIDGET (self->edit_button), editor);
  gtk_widget_set_visible (GTK_WIDGET (self->archive_button), editor);
  gtk_widget_set_visible (self->empty_button, editor);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "courses.new", editor);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "courses.edit", editor && selected != 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "courses.archive", editor && selected != 0);
  if (selected != 0)
    {
      g_autoptr(CdCourse) course = cd_course_load (CD_PAGE_STORE (self), selected, NULL);
      gtk_button_set_label (self->archive_button,
                            course != NULL && course->archived ? _("_Restore") : _("_Archive"));
    }
  if (!editor)
    adw_status_page_set_description (self->empty_page,
                                     _("No course has been added yet. Trainers add the courses the team takes."));
}

static void
apply_filters (CdCoursesPage *self)
{
  g_autofree char *text = cd_validate_trim (gtk_editable_get_text (GTK_EDITABLE (self->search_entry)));
  guint kind = gtk_drop_down_get_selected (self->kind_dropdown);
  guint delivery = gtk_drop_down_get_selected (self->delivery_dropdown);

  g_free (self->filter.text);
  self->filter.text = *text != '\0' ? g_steal_pointer (&text) : NULL;
  self->filter.kind = kind == 0 || kind == GTK_INVALID_LIST_POSITION ? -1 : (int) kind - 1;
  self->filter.delivery = delivery == 0 || delivery == GTK_INVALID_LIST_POSITION ? -1 : (int) delivery - 1;
  self->filter.show_archived = gtk_toggle_button_get_active (self->archived_button);
  cd_courses_list_set_filter (cd_training_list_get_model (self->list), &self->filter);
  cd_training_list_scroll_to_top (self->list);
  update_state (self);
}

static void
on_filter_changed_cb (CdCoursesPage *self)
{
  if (self->list != NULL)
    apply_filters (self);
}

static void
on_search_entry_activate_cb (CdCoursesPage *self)
{
  cd_training_list_focus (self->list);
}

/* Actions ------------------------------------------------------------------------- */

static void
open_editor (CdCoursesPage *self,
             gint64         id)
{
  cd_training_present (GTK_WIDGET (self), cd_course_editor_new (CD_PAGE_STORE (self), id));
}

static void
new_action (GtkWidget *widget, const char *name, GVariant *parameter)
{
  open_editor (CD_COURSES_PAGE (widget), 0);
}

static void
edit_action (GtkWidget *widget, const char *name, GVariant *parameter)
{
  CdCoursesPage *self = CD_COURSES_PAGE (widget);
  gint64 id = cd_training_list_get_selected_id (self->list);

  if (id != 0)
    open_editor (self, id);
}

typedef struct {
  gint64   id;
  gboolean archived;
} ArchiveJob;

static gboolean
run_archive (CdStore *store, gpointer data, GCancellable *cancellable, GError **error)
{
  ArchiveJob *job = data;

  return cd_course_set_archived (store, job->id, 0, job->archived, error);
}

static void
archive_done_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr(CdCoursesPage) self = user_data;
  ArchiveJob *job = cd_store_run_get_data (result);
  g_autoptr(GError) error = NULL;

  if (!cd_store_run_finish (CD_STORE (source), result, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        cd_training_show_error (GTK_WIDGET (self), _("Could Not Change the Course"), error);
      return;
    }
  cd_training_toast (GTK_WIDGET (self), job->archived ? _("Course archived") : _("Course restored"));
}

static void
archive_action (GtkWidget *widget, const char *name, GVariant *parameter)
{
  CdCoursesPage *self = CD_COURSES_PAGE (widget);
  gint64 id = cd_training_list_get_selected_id (self->list);
  g_autoptr(CdCourse) course = id != 0 ? cd_course_load (CD_PAGE_STORE (self), id, NULL) : NULL;
  ArchiveJob *job;

  if (course == NULL)
    return;
  job = g_new0 (ArchiveJob, 1);
  job->id = id;
  job->archived = !course->archived;
  cd_store_run_async (CD_PAGE_STORE (self), CD_STORE_LANE_WRITE, run_archive, job, g_free, CD_PAGE_CANCELLABLE (self),
                      archive_done_cb, g_object_ref (self));
}

static void
clear_filters_action (GtkWidget *widget, const char *name, GVariant *parameter)
{
  CdCoursesPage *self = CD_COURSES_PAGE (widget);

  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  gtk_drop_down_set_selected (self->kind_dropdown, 0);
  gtk_drop_down_set_selected (self->delivery_dropdown, 0);
  gtk_toggle_button_set_active (self->archived_button, FALSE);
  apply_filters (self);
}

static void
on_column_view_activate_cb (CdCoursesPage *self,
                            guint          position,
                            GtkColumnView *view)
{
  gint64 id = cd_row_model_get_id (cd_training_list_get_model (self->list), position);

  if (id > 0 && cd_training_can_edit (CD_PAGE_STORE (self)))
    open_editor (self, id);
}

static void
on_selection_changed_cb (CdCoursesPage *self)
{
  update_state (self);
}

/* GObject ------------------------------------------------------------------------- */

static void
cd_courses_page_constructed (GObject *object)
{
  CdCoursesPage *self = CD_COURSES_PAGE (object);
  g_autoptr(GtkStringList) kinds = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) deliveries = gtk_string_list_new (NULL);
  g_autoptr(CdRowModel) model = NULL;

  G_OBJECT_CLASS (cd_courses_page_parent_class)->constructed (object);

  gtk_string_list_append (kinds, _("All Kinds"));
  for (guint i = 0; i < cd_course_kind_count (); i++)
    gtk_string_list_append (kinds, cd_course_kind_label ((CdCourseKind) i));
  gtk_string_list_append (deliveries, _("Any Method"));
  for (guint i = 0; i < cd_delivery_count (); i++)
    gtk_string_list_append (deliveries, cd_delivery_label ((CdDelivery) i));
  gtk_drop_down_set_model (self->kind_dropdown, G_LIST_MODEL (kinds));
  gtk_drop_down_set_model (self->delivery_dropdown, G_LIST_MODEL (deliveries));

  cd_course_filter_init (&self->filter);
  model = cd_courses_list_new (CD_PAGE_STORE (self), &self->filter);
  self->list = cd_training_list_new (self->column_view, model, self, refresh_kinds);
  cd_training_list_watch_search (self->list, self->search_entry, G_CALLBACK (on_filter_changed_cb));
  cd_training_list_add_column (self->list, self->title_column, "title", title_text, FALSE);
  cd_training_list_add_column (self->list, self->kind_column, "kind", kind_text, FALSE);
  cd_training_list_add_column (self->list, self->delivery_column, "delivery", delivery_text, FALSE);
  cd_training_list_add_column (self->list, self->hours_column, "hours", hours_text, TRUE);
  cd_training_list_add_column (self->list, self->sessions_column, "sessions", sessions_text, TRUE);
  cd_training_list_add_column (self->list, self->next_column, NULL, next_text, TRUE);
  cd_training_list_show_sorted (self->list, self->title_column, FALSE);
  cd_training_list_keep_sort (self->list, &self->filter.sort_column, &self->filter.sort_descending);
  cd_training_list_watch (self->list, G_CALLBACK (on_selection_changed_cb));
  update_state (self);
}

static void
cd_courses_page_dispose (GObject *object)
{
  CdCoursesPage *self = CD_COURSES_PAGE (object);

  g_clear_pointer (&self->list, cd_training_list_free);
  G_OBJECT_CLASS (cd_courses_page_parent_class)->dispose (object);
}

static void
cd_courses_page_finalize (GObject *object)
{
  CdCoursesPage *self = CD_COURSES_PAGE (object);

  cd_course_filter_clear (&self->filter);
  G_OBJECT_CLASS (cd_courses_page_parent_class)->finalize (object);
}

static void
cd_courses_page_class_init (CdCoursesPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = cd_courses_page_constructed;
  object_class->dispose = cd_courses_page_dispose;
  object_class->finalize = cd_courses_page_finalize;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/training/cd-courses-page.ui");
  gtk_widget_class_bind_template_child (widget_class, CdCoursesPage, search_entry);
  gtk_widget_class_bind_template_child (widget_class, CdCoursesPage, kind_dropdown);
  gtk_widget_class_bind_template_child (widget_class, CdCoursesPage, delivery_dropdown);
  gtk_widget_class_bind_template_child (widget_class, CdCoursesPage, archived_button);
  gtk_widget_class_bind_template_child (widget_class, CdCoursesPage, new_button);
  gtk_widget_class_bind_template_child (widget_class, CdCoursesPage, edit_button);
  gtk_widget_class_bind_template_child (widget_class, CdCoursesPage, archive_button);
  gtk_widget_class_bind_template_child (widget_class, CdCoursesPage, list_stack);
  gtk_widget_class_bind_template_child (widget_class, CdCoursesPage, column_view);
  gtk_widget_class_bind_template_child (widget_class, CdCoursesPage, title_column);
  gtk_widget_class_bind_template_child (widget_class, CdCoursesPage, kind_column);
  gtk_widget_class_bind_template_child (widget_class, CdCoursesPage, delivery_column);
  gtk_widget_class_bind_template_child (widget_class, CdCoursesPage, hours_column);
  gtk_widget_class_bind_template_child (widget_class, CdCoursesPage, sessions_column);
  gtk_widget_class_bind_template_child (widget_class, CdCoursesPage, next_column);
  gtk_widget_class_bind_template_child (widget_class, CdCoursesPage, empty_page);
  gtk_widget_class_bind_template_child (widget_class, CdCoursesPage, empty_button);
  gtk_widget_class_bind_template_child (widget_class, CdCoursesPage, error_page);
  gtk_widget_class_bind_template_callback (widget_class, on_filter_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_search_entry_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_column_view_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, cd_training_list_cell_setup);
  gtk_widget_class_bind_template_callback (widget_class, cd_training_list_cell_bind);
  gtk_widget_class_bind_template_callback (widget_class, cd_training_list_cell_unbind);

  gtk_widget_class_install_action (widget_class, "courses.new", NULL, new_action);
  gtk_widget_class_install_action (widget_class, "courses.edit", NULL, edit_action);
  gtk_widget_class_install_action (widget_class, "courses.archive", NULL, archive_action);
  gtk_widget_class_install_action (widget_class, "courses.clear-filters", NULL, clear_filters_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK, "courses.new", NULL);
}

static void
cd_courses_page_init (CdCoursesPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
cd_courses_page_new (CdStore *store)
{
  g_return_val_if_fail (CD_IS_STORE (store), NULL);
  return g_object_new (CD_TYPE_COURSES_PAGE, "store", store, NULL);
}
