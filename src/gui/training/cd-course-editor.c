/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "caredesk-training"

#include "config.h"

#include <glib/gi18n.h>

#include "cd-course-editor.h"
#include "cd-training-editor.h"
#include "cd-training-util.h"

struct _CdCourseEditor
{
  CdTrainingEditor   parent_instance;

  /* Template widgets */
  AdwEntryRow       *title_row;
  AdwComboRow       *kind_row;
  AdwComboRow       *delivery_row;
  AdwEntryRow       *hours_row;
  GtkWidget         *description_frame;
  GtkTextView       *description_view;
};

G_DEFINE_FINAL_TYPE (CdCourseEditor, cd_course_editor, CD_TYPE_TRAINING_EDITOR)

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
static gpointer
collect (CdTrainingEditor  *editor,
         char             **problem)
{
  CdCourseEditor *self = CD_COURSE_EDITOR (editor);
  g_autoptr(CdCourse) course = cd_course_copy (cd_training_editor_get_record (editor));
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
apply (CdTrainingEditor *editor)
{
  CdCourseEditor *self = CD_COURSE_EDITOR (editor);
  const CdCourse *course = cd_training_editor_get_record (editor);
  g_autofree char *hours = g_strdup_printf ("%g", course->hours);

  gtk_editable_set_text (GTK_EDITABLE (self->title_row), course->title != NULL ? course->title : "");
  adw_combo_row_set_selected (self->kind_row, course->kind);
  adw_combo_row_set_selected (self->delivery_row, course->delivery);
  gtk_editable_set_text (GTK_EDITABLE (self->hours_row), hours);
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->description_view),
                            course->description != NULL ? course->description : "", -1);
}

static void
identify (gconstpointer  record,
          gint64        *id,
          gint64        *version)
{
  const CdCourse *course = record;

  *id = course->id;
  *version = course->version;
}

static GtkWidget *
conflict_dialog (CdTrainingEditor *editor,
                 gconstpointer     record_yours,
                 gconstpointer     record_theirs)
{
  const CdCourse *yours = record_yours;
  const CdCourse *theirs = record_theirs;
  g_autofree char *record = NULL;
  g_autofree char *your_hours = NULL;
  g_autofree char *their_hours = NULL;
  GtkWidget *dialog;

  /* Translators: fits "Someone else saved %s after you opened it" */
  record = g_strdup_printf (_("the course “%s”"), theirs->title);
  dialog = cd_conflict_dialog_new (GTK_WINDOW (editor), record);
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
  return dialog;
}

/* GObject ---------------------------------------------------------------------- */

static void
cd_course_editor_class_init (CdCourseEditorClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  CdTrainingEditorClass *editor_class = CD_TRAINING_EDITOR_CLASS (klass);

  editor_class->record_free = (GDestroyNotify) cd_course_free;
  editor_class->save_failed = _("Could Not Save the Course");
  editor_class->collect = collect;
  editor_class->load = (CdTrainingEditorLoad) cd_course_load;
  editor_class->create = (CdTrainingEditorCreate) cd_course_create;
  editor_class->update = (CdTrainingEditorUpdate) cd_course_update;
  editor_class->apply = apply;
  editor_class->identify = identify;
  editor_class->conflict_dialog = conflict_dialog;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/training/cd-course-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, CdCourseEditor, title_row);
  gtk_widget_class_bind_template_child (widget_class, CdCourseEditor, kind_row);
  gtk_widget_class_bind_template_child (widget_class, CdCourseEditor, delivery_row);
  gtk_widget_class_bind_template_child (widget_class, CdCourseEditor, hours_row);
  gtk_widget_class_bind_template_child (widget_class, CdCourseEditor, description_frame);
  gtk_widget_class_bind_template_child (widget_class, CdCourseEditor, description_view);
  cd_training_editor_class_bind_template (widget_class);
}

static void
cd_course_editor_init (CdCourseEditor *self)
{
  g_autoptr(GtkStringList) kinds = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) deliveries = gtk_string_list_new (NULL);

  cd_training_editor_init_template (CD_TRAINING_EDITOR (self));
  for (guint i = 0; i < cd_course_kind_count (); i++)
    gtk_string_list_append (kinds, cd_course_kind_label ((CdCourseKind) i));
  for (guint i = 0; i < cd_delivery_count (); i++)
    gtk_string_list_append (deliveries, cd_delivery_label ((CdDelivery) i));
  adw_combo_row_set_model (self->kind_row, G_LIST_MODEL (kinds));
  adw_combo_row_set_model (self->delivery_row, G_LIST_MODEL (deliveries));
  g_signal_connect_swapped (gtk_text_view_get_buffer (self->description_view), "changed",
                            G_CALLBACK (cd_training_editor_validate), self);
}

GtkWidget *
cd_course_editor_new (CdStore *store,
                      gint64   course_id)
{
  CdTrainingEditor *self;
  gboolean loaded;

  g_return_val_if_fail (CD_IS_STORE (store), NULL);

  self = g_object_new (CD_TYPE_COURSE_EDITOR, NULL);
  loaded = cd_training_editor_open (self, store, course_id);
  if (!loaded)
    cd_training_editor_set_record (self, cd_course_new ());
  cd_training_editor_set_title (self, loaded ? _("Edit Course") : _("New Course"));
  cd_training_editor_fill (self);
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
