/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "caredesk-training"

#include "config.h"

#include <glib/gi18n.h>

#include "cd-conflict-dialog.h"
#include "cd-course-editor.h"
#include "cd-training-util.h"

struct _CdCourseEditor
{
  AdwWindow          parent_instance;

  CdStore           *store;
  CdCourse          *course;       /* as loaded; id 0 for a new one */
  gboolean           saving;
  GCancellable      *cancellable;

  /* Template widgets */
  AdwWindowTitle    *window_title;
  GtkButton         *save_button;
  AdwToastOverlay   *toast_overlay;
  AdwEntryRow       *title_row;
  AdwComboRow       *kind_row;
  AdwComboRow       *delivery_row;
  AdwEntryRow       *hours_row;
  GtkWidget         *description_frame;
  GtkTextView       *description_view;
  GtkLabel          *note_label;
};

enum {
  SIGNAL_SAVED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (CdCourseEditor, cd_course_editor, ADW_TYPE_WINDOW)

static char *
description_text (CdCourseEditor *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->description_view);
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

/* The course as the form says; NULL with a message when it cannot be
 * saved as it stands. */
static CdCourse *
read_form (CdCourseEditor  *self,
           char           **problem)
{
  g_autoptr(CdCourse) course = cd_course_copy (self->course);
  g_autofree char *description = description_text (self);
  const char *title = gtk_editable_get_text (GTK_EDITABLE (self->title_row));
  const char *hours = gtk_editable_get_text (GTK_EDITABLE (self->hours_row));
  g_autoptr(GString) messages = g_string_new (NULL);
  char *message;

  if ((message = cd_course_validate_field (CD_COURSE_FIELD_TITLE, title)) != NULL)
    {
      g_string_append (messages, message);
      g_free (message);
      gtk_widget_add_css_class (GTK_WIDGET (self->title_row), "error");
    }
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->title_row), "error");
  if ((message = cd_course_validate_field (CD_COURSE_FIELD_HOURS, hours)) != NULL)
    {
      if (messages->len > 0)
        g_string_append_c (messages, '\n');
      g_string_append (messages, message);
      g_free (message);
      gtk_widget_add_css_class (GTK_WIDGET (self->hours_row), "error");
    }
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->hours_row), "error");
  if ((message = cd_course_validate_field (CD_COURSE_FIELD_DESCRIPTION, description)) != NULL)
    {
      if (messages->len > 0)
        g_string_append_c (messages, '\n');
      g_string_append (messages, message);
      g_free (message);
      gtk_widget_add_css_class (self->description_frame, "error");
    }
  else
    gtk_widget_remove_css_class (self->description_frame, "error");

  if (messages->len > 0)
    {
      *problem = g_string_free (g_steal_pointer (&messages), FALSE);
      return NULL;
    }
  g_free (course->title);
  course->title = g_strdup (title);
  g_free (course->description);
  course->description = *description != '\0' ? g_steal_pointer (&description) : NULL;
  course->kind = (CdCourseKind) adw_combo_row_get_selected (self->kind_row);
  course->delivery = (CdDelivery) adw_combo_row_get_selected (self->delivery_row);
  course->hours = cd_course_parse_hours (hours);
  *problem = NULL;
  return g_steal_pointer (&course);
}

static void
validate (CdCourseEditor *self)
{
  g_autofree char *problem = NULL;
  g_autoptr(CdCourse) course = NULL;

  /* The drop-downs get their models before the course is read. */
  if (self->course == NULL)
    return;
  course = read_form (self, &problem);
  gtk_label_set_text (self->note_label, problem != NULL ? problem : "");
  gtk_widget_set_visible (GTK_WIDGET (self->note_label), problem != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "course.save", course != NULL && !self->saving);
}

static void
on_changed_cb (CdCourseEditor *self)
{
  validate (self);
}

static void
on_activated_cb (CdCourseEditor *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "course.save", NULL);
}

/* Saving ---------------------------------------------------------------------- */

typedef struct {
  CdCourse *course;
  gint64    version;
  gint64    id;
} SaveJob;

static void
save_job_free (gpointer data)
{
  SaveJob *job = data;

  cd_course_free (job->course);
  g_free (job);
}

static gboolean
run_save (CdStore       *store,
          gpointer       data,
          GCancellable  *cancellable,
          GError       **error)
{
  SaveJob *job = data;

  if (job->course->id == 0)
    {
      job->id = cd_course_create (store, job->course, error);
      return job->id != 0;
    }
  job->id = job->course->id;
  return cd_course_update (store, job->course, job->version, error);
}

static void save (CdCourseEditor *self,
                  gboolean        overwrite);

static void
on_conflict_response_cb (AdwMessageDialog *dialog,
                         const char       *response,
                         CdCourseEditor   *self)
{
  G_GNUC_UNUSED g_autoptr(CdCourseEditor) guard = g_object_ref (self);

  gtk_window_set_transient_for (GTK_WINDOW (dialog), NULL);
  switch (cd_conflict_dialog_choice_from_response (response))
    {
    case CD_CONFLICT_CHOICE_RELOAD:
      {
        g_autoptr(GError) error = NULL;
        g_autoptr(CdCourse) saved = cd_course_load (self->store, self->course->id, &error);

        if (saved == NULL)
          {
            adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (error->message));
            return;
          }
        cd_course_free (self->course);
        self->course = g_steal_pointer (&saved);
        gtk_editable_set_text (GTK_EDITABLE (self->title_row), self->course->title);
        adw_combo_row_set_selected (self->kind_row, self->course->kind);
        adw_combo_row_set_selected (self->delivery_row, self->course->delivery);
        {
          g_autofree char *hours = g_strdup_printf ("%g", self->course->hours);
          gtk_editable_set_text (GTK_EDITABLE (self->hours_row), hours);
        }
        gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->description_view),
                                  self->course->description != NULL ? self->course->description : "", -1);
      }
      break;
    case CD_CONFLICT_CHOICE_OVERWRITE:
      save (self, TRUE);
      break;
    case CD_CONFLICT_CHOICE_CANCEL:
    default:
      break;
    }
}

static void
show_conflict (CdCourseEditor *self,
               const CdCourse *yours)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CdCourse) theirs = cd_course_load (self->store, self->course->id, &error);
  g_autofree char *record = NULL;
  g_autofree char *your_hours = NULL;
  g_autofree char *their_hours = NULL;
  GtkWidget *dialog;

  if (theirs == NULL)
    {
      adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (error->message));
      return;
    }
  /* Translators: fits "Someone else saved %s after you opened it" */
  record = g_strdup_printf (_("the course “%s”"), theirs->title);
  dialog = cd_conflict_dialog_new (GTK_WINDOW (self), record);
  cd_conflict_dialog_add_field (CD_CONFLICT_DIALOG (dialog), _("Title"), yours->title, theirs->title);
  cd_conflict_dialog_add_field (CD_CONFLICT_DIALOG (dialog), _("Kind"), cd_course_kind_label (yours->kind),
                                cd_course_kind_label (theirs->kind));
  cd_conflict_dialog_add_field (CD_CONFLICT_DIALOG (dialog), _("Method"), cd_delivery_label (yours->delivery),
                                cd_delivery_label (theirs->delivery));
  your_hours = cd_course_format_hours (yours->hours);
  their_hours = cd_course_format_hours (theirs->hours);
  cd_conflict_dialog_add_field (CD_CONFLICT_DIALOG (dialog), _("Hours"), your_hours, their_hours);
  cd_conflict_dialog_add_field (CD_CONFLICT_DIALOG (dialog), _("Description"), yours->description,
                                theirs->description);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_conflict_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
set_saving (CdCourseEditor *self,
            gboolean        saving)
{
  self->saving = saving;
  cd_training_button_set_busy (self->save_button, saving ? _("Saving…") : NULL);
  validate (self);
}

static void
save_done_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(CdCourseEditor) self = user_data;
  SaveJob *job = cd_store_run_get_data (result);
  g_autoptr(GError) error = NULL;

  if (self->store == NULL)
    return;
  set_saving (self, FALSE);
  if (!cd_store_run_finish (CD_STORE (source), result, &error))
    {
      if (g_error_matches (error, CD_STORE_ERROR, CD_STORE_ERROR_STALE))
        show_conflict (self, job->course);
      else if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        cd_training_show_error (GTK_WIDGET (self), _("Could Not Save the Course"), error);
      return;
    }
  g_signal_emit (self, signals[SIGNAL_SAVED], 0, job->id);
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
save (CdCourseEditor *self,
      gboolean        overwrite)
{
  g_autofree char *problem = NULL;
  CdCourse *course = read_form (self, &problem);
  SaveJob *job;

  if (course == NULL || self->saving)
    {
      cd_course_free (course);
      return;
    }
  job = g_new0 (SaveJob, 1);
  job->course = course;
  job->version = overwrite ? 0 : self->course->version;
  set_saving (self, TRUE);
  cd_store_run_async (self->store, CD_STORE_LANE_WRITE, run_save, job, save_job_free, self->cancellable,
                      save_done_cb, g_object_ref (self));
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  save (CD_COURSE_EDITOR (widget), FALSE);
}

/* GObject ---------------------------------------------------------------------- */

static void
cd_course_editor_dispose (GObject *object)
{
  CdCourseEditor *self = CD_COURSE_EDITOR (object);

  g_cancellable_cancel (self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), CD_TYPE_COURSE_EDITOR);
  g_clear_object (&self->store);
  g_clear_pointer (&self->course, cd_course_free);

  G_OBJECT_CLASS (cd_course_editor_parent_class)->dispose (object);
}

static void
cd_course_editor_finalize (GObject *object)
{
  CdCourseEditor *self = CD_COURSE_EDITOR (object);

  g_clear_object (&self->cancellable);
  G_OBJECT_CLASS (cd_course_editor_parent_class)->finalize (object);
}

static void
cd_course_editor_class_init (CdCourseEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cd_course_editor_dispose;
  object_class->finalize = cd_course_editor_finalize;

  signals[SIGNAL_SAVED] =
    g_signal_new ("saved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_INT64);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/training/cd-course-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, CdCourseEditor, window_title);
  gtk_widget_class_bind_template_child (widget_class, CdCourseEditor, save_button);
  gtk_widget_class_bind_template_child (widget_class, CdCourseEditor, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, CdCourseEditor, title_row);
  gtk_widget_class_bind_template_child (widget_class, CdCourseEditor, kind_row);
  gtk_widget_class_bind_template_child (widget_class, CdCourseEditor, delivery_row);
  gtk_widget_class_bind_template_child (widget_class, CdCourseEditor, hours_row);
  gtk_widget_class_bind_template_child (widget_class, CdCourseEditor, description_frame);
  gtk_widget_class_bind_template_child (widget_class, CdCourseEditor, description_view);
  gtk_widget_class_bind_template_child (widget_class, CdCourseEditor, note_label);
  gtk_widget_class_bind_template_callback (widget_class, on_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_activated_cb);

  gtk_widget_class_install_action (widget_class, "course.save", NULL, save_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK, "course.save", NULL);
}

static void
cd_course_editor_init (CdCourseEditor *self)
{
  g_autoptr(GtkStringList) kinds = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) deliveries = gtk_string_list_new (NULL);

  self->cancellable = g_cancellable_new ();
  gtk_widget_init_template (GTK_WIDGET (self));
  for (guint i = 0; i < cd_course_kind_count (); i++)
    gtk_string_list_append (kinds, cd_course_kind_label ((CdCourseKind) i));
  for (guint i = 0; i < cd_delivery_count (); i++)
    gtk_string_list_append (deliveries, cd_delivery_label ((CdDelivery) i));
  adw_combo_row_set_model (self->kind_row, G_LIST_MODEL (kinds));
  adw_combo_row_set_model (self->delivery_row, G_LIST_MODEL (deliveries));
  g_signal_connect_swapped (gtk_text_view_get_buffer (self->description_view), "changed",
                            G_CALLBACK (on_changed_cb), self);
}

GtkWidget *
cd_course_editor_new (CdStore *store,
                      gint64   course_id)
{
  CdCourseEditor *self;
  g_autoptr(GError) error = NULL;
  g_autofree char *hours = NULL;

  g_return_val_if_fail (CD_IS_STORE (store), NULL);

  self = g_object_new (CD_TYPE_COURSE_EDITOR, NULL);
  self->store = g_object_ref (store);
  if (course_id != 0)
    self->course = cd_course_load (store, course_id, &error);
  if (self->course == NULL)
    {
      if (error != NULL)
        adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (error->message));
      self->course = cd_course_new ();
    }
  gtk_window_set_title (GTK_WINDOW (self), self->course->id != 0 ? _("Edit Course") : _("New Course"));
  adw_window_title_set_title (self->window_title, self->course->id != 0 ? _("Edit Course") : _("New Course"));
  gtk_editable_set_text (GTK_EDITABLE (self->title_row), self->course->title != NULL ? self->course->title : "");
  adw_combo_row_set_selected (self->kind_row, self->course->kind);
  adw_combo_row_set_selected (self->delivery_row, self->course->delivery);
  hours = g_strdup_printf ("%g", self->course->hours);
  gtk_editable_set_text (GTK_EDITABLE (self->hours_row), hours);
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->description_view),
                            self->course->description != NULL ? self->course->description : "", -1);
  validate (self);
  return GTK_WIDGET (self);
}

GtkEditable *
cd_course_editor_get_title (CdCourseEditor *self)
{
  g_return_val_if_fail (CD_IS_COURSE_EDITOR (self), NULL);
  return GTK_EDITABLE (self->title_row);
}

GtkEditable *
cd_course_editor_get_hours (CdCourseEditor *self)
{
  g_return_val_if_fail (CD_IS_COURSE_EDITOR (self), NULL);
  return GTK_EDITABLE (self->hours_row);
}
