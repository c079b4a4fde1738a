/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "caredesk-training"

#include "config.h"

#include <glib/gi18n.h>

#include "cd-certification-editor.h"
#include "cd-training-editor.h"
#include "cd-training-util.h"
#include "cd-validate.h"

/* Check rows of one expander: their boxes and the value each stands for. */
typedef struct {
  AdwExpanderRow *expander;
  GPtrArray      *checks;   /* GtkCheckButton */
  GArray         *values;   /* gint64: an id, a kind or a role */
  GPtrArray      *names;    /* char * */
} Choices;

struct _CdCertificationEditor
{
  CdTrainingEditor   parent_instance;

  Choices            courses;
  Choices            assessments;
  Choices            categories;
  Choices            roles;

  /* Template widgets */
  AdwEntryRow       *name_row;
  AdwEntryRow       *level_row;
  GtkSpinButton     *months_spin;
  AdwExpanderRow    *courses_row;
  AdwExpanderRow    *assessments_row;
  AdwExpanderRow    *categories_row;
  AdwExpanderRow    *roles_row;
  GtkWidget         *description_frame;
  GtkTextView       *description_view;
};

G_DEFINE_FINAL_TYPE (CdCertificationEditor, cd_certification_editor, CD_TYPE_TRAINING_EDITOR)

/* Choices ------------------------------------------------------------------------ */

static void
choices_init (Choices        *choices,
              AdwExpanderRow *expander)
{
  choices->expander = expander;
  choices->checks = g_ptr_array_new ();
  choices->values = g_array_new (FALSE, FALSE, sizeof (gint64));
  choices->names = g_ptr_array_new_with_free_func (g_free);
}

static void
choices_clear (Choices *choices)
{
  g_clear_pointer (&choices->checks, g_ptr_array_unref);
  g_clear_pointer (&choices->values, g_array_unref);
  g_clear_pointer (&choices->names, g_ptr_array_unref);
}

static void
update_summary (Choices *choices)
{
  g_autoptr(GString) text = g_string_new (NULL);
  guint n = 0;

  for (guint i = 0; i < choices->checks->len; i++)
    if (gtk_check_button_get_active (g_ptr_array_index (choices->checks, i)))
      {
        if (n++ > 0)
          g_string_append (text, ", ");
        g_string_append (text, g_ptr_array_index (choices->names, i));
      }
  adw_expander_row_set_subtitle (choices->expander, n > 0 ? text->str : _("None"));
}

static void
on_check_toggled_cb (GtkCheckButton        *check,
                     CdCertificationEditor *self)
{
  Choices *all[] = { &self->courses, &self->assessments, &self->categories, &self->roles };

  for (guint i = 0; i < G_N_ELEMENTS (all); i++)
    update_summary (all[i]);
  cd_training_editor_validate (CD_TRAINING_EDITOR (self));
}

static void
choices_add (CdCertificationEditor *self,
             Choices               *choices,
             gint64                 value,
             const char            *name)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *check = gtk_check_button_new ();

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), name);
  gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (check), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);
  adw_expander_row_add_row (choices->expander, row);
  g_signal_connect (check, "toggled", G_CALLBACK (on_check_toggled_cb), self);
  g_ptr_array_add (choices->checks, check);
  g_array_append_val (choices->values, value);
  g_ptr_array_add (choices->names, g_strdup (name));
}

static void
choices_set (Choices *choices,
             gint64   value,
             gboolean chosen)
{
  for (guint i = 0; i < choices->values->len; i++)
    if (g_array_index (choices->values, gint64, i) == value)
      gtk_check_button_set_active (g_ptr_array_index (choices->checks, i), chosen);
}

static gboolean
choices_get (Choices *choices,
             guint    i)
{
  return gtk_check_button_get_active (g_ptr_array_index (choices->checks, i));
}

/* The form --------------------------------------------------------------------------- */

static char *
description_text (CdCertificationEditor *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->description_view);
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

static void
mark (GtkWidget *widget,
      gboolean   wrong)
{
  if (wrong)
    gtk_widget_add_css_class (widget, "error");
  else
    gtk_widget_remove_css_class (widget, "error");
}

static gpointer
collect (CdTrainingEditor  *editor,
         char             **problem)
{
  CdCertificationEditor *self = CD_CERTIFICATION_EDITOR (editor);
  g_autoptr(CdCertification) c = cd_certification_copy (cd_training_editor_get_record (editor));
  g_autoptr(GError) error = NULL;
  g_autofree char *name = cd_validate_trim (gtk_editable_get_text (GTK_EDITABLE (self->name_row)));
  g_autofree char *level = cd_validate_trim (gtk_editable_get_text (GTK_EDITABLE (self->level_row)));
  g_autofree char *description = description_text (self);

  g_free (c->name);
  c->name = g_steal_pointer (&name);
  g_free (c->level);
  c->level = *level != '\0' ? g_steal_pointer (&level) : NULL;
  g_free (c->description);
  c->description = *description != '\0' ? g_steal_pointer (&description) : NULL;
  c->validity_months = gtk_spin_button_get_value_as_int (self->months_spin);
  g_array_set_size (c->course_ids, 0);
  for (guint i = 0; i < self->courses.checks->len; i++)
    if (choices_get (&self->courses, i))
      g_array_append_val (c->course_ids, g_array_index (self->courses.values, gint64, i));
  g_array_set_size (c->assessment_kinds, 0);
  for (guint i = 0; i < self->assessments.checks->len; i++)
    if (choices_get (&self->assessments, i))
      {
        int kind = (int) g_array_index (self->assessments.values, gint64, i);
        g_array_append_val (c->assessment_kinds, kind);
      }
  g_array_set_size (c->category_ids, 0);
  for (guint i = 0; i < self->categories.checks->len; i++)
    if (choices_get (&self->categories, i))
      g_array_append_val (c->category_ids, g_array_index (self->categories.values, gint64, i));
  c->required_roles = 0;
  for (guint i = 0; i < self->roles.checks->len; i++)
    if (choices_get (&self->roles, i))
      c->required_roles |= CD_ROLE_BIT ((CdRole) g_array_index (self->roles.values, gint64, i));

  mark (GTK_WIDGET (self->name_row), *c->name == '\0' || g_utf8_strlen (c->name, -1) > CD_CERTIFICATION_NAME_MAX_CHARS);
  mark (GTK_WIDGET (self->level_row), c->level != NULL && g_utf8_strlen (c->level, -1) > CD_CERTIFICATION_LEVEL_MAX_CHARS);
  if (!cd_certification_check (c, &error))
    {
      *problem = g_strdup (error->message);
      return NULL;
    }
  *problem = NULL;
  return g_steal_pointer (&c);
}

static void
apply (CdTrainingEditor *editor)
{
  CdCertificationEditor *self = CD_CERTIFICATION_EDITOR (editor);
  const CdCertification *c = cd_training_editor_get_record (editor);
  Choices *all[] = { &self->courses, &self->assessments, &self->categories, &self->roles };

  gtk_editable_set_text (GTK_EDITABLE (self->name_row), c->name != NULL ? c->name : "");
  gtk_editable_set_text (GTK_EDITABLE (self->level_row), c->level != NULL ? c->level : "");
  gtk_spin_button_set_value (self->months_spin, c->validity_months);
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->description_view),
                            c->description != NULL ? c->description : "", -1);
  for (guint i = 0; i < G_N_ELEMENTS (all); i++)
    for (guint j = 0; j < all[i]->checks->len; j++)
      gtk_check_button_set_active (g_ptr_array_index (all[i]->checks, j), FALSE);
  for (guint i = 0; i < c->course_ids->len; i++)
    choices_set (&self->courses, g_array_index (c->course_ids, gint64, i), TRUE);
  for (guint i = 0; i < c->assessment_kinds->len; i++)
    choices_set (&self->assessments, g_array_index (c->assessment_kinds, int, i), TRUE);
  for (guint i = 0; i < c->category_ids->len; i++)
    choices_set (&self->categories, g_array_index (c->category_ids, gint64, i), TRUE);
  for (guint i = 0; i < cd_role_count (); i++)
    choices_set (&self->roles, i, (c->required_roles & CD_ROLE_BIT ((CdRole) i)) != 0);
  for (guint i = 0; i < G_N_ELEMENTS (all); i++)
    update_summary (all[i]);
}

/* The certification and the choices offered, read on the store's read
 * lane: on a network share a read may wait for another's write. */
typedef struct {
  gint64           id;
  CdCertification *certification;
  GPtrArray       *courses;      /* CdCourse: the active ones and those it requires */
  GPtrArray       *categories;   /* CdCategoryChoice */
  GError          *choices_error;
} LoadJob;

static void
load_job_free (gpointer data)
{
  LoadJob *job = data;

  g_clear_pointer (&job->certification, cd_certification_free);
  g_clear_pointer (&job->courses, g_ptr_array_unref);
  g_clear_pointer (&job->categories, g_ptr_array_unref);
  g_clear_error (&job->choices_error);
  g_free (job);
}

static gboolean
run_load (CdStore       *store,
          gpointer       data,
          GCancellable  *cancellable,
          GError       **error)
{
  LoadJob *job = data;

  if (job->id != 0)
    {
      job->certification = cd_certification_load (store, job->id, error);
      if (job->certification == NULL)
        return FALSE;
    }
  job->courses = cd_courses_list (store, FALSE, 0, &job->choices_error);
  if (job->courses != NULL && job->certification != NULL)
    /* Archived courses it requires already stay listed. */
    for (guint i = 0; i < job->certification->course_ids->len; i++)
      {
        gint64 id = g_array_index (job->certification->course_ids, gint64, i);
        gboolean listed = FALSE;

        for (guint j = 0; j < job->courses->len && !listed; j++)
          listed = ((CdCourse *) g_ptr_array_index (job->courses, j))->id == id;
        if (!listed)
          {
            CdCourse *course = cd_course_load (store, id, NULL);

            if (course != NULL)
              g_ptr_array_add (job->courses, course);
          }
      }
  job->categories = cd_training_categories (store, job->choices_error == NULL ? &job->choices_error : NULL);
  return TRUE;
}

static void
fill_choices (CdCertificationEditor *self,
              LoadJob               *job)
{
  for (guint i = 0; job->courses != NULL && i < job->courses->len; i++)
    {
      CdCourse *course = g_ptr_array_index (job->courses, i);
      choices_add (self, &self->courses, course->id, course->title);
    }
  for (guint i = 0; i < cd_assessment_kind_count (); i++)
    choices_add (self, &self->assessments, i, cd_assessment_kind_label ((CdAssessmentKind) i));
  for (guint i = 0; job->categories != NULL && i < job->categories->len; i++)
    {
      CdCategoryChoice *category = g_ptr_array_index (job->categories, i);
      choices_add (self, &self->categories, category->id, category->name);
    }
  for (guint i = 0; i < cd_role_count (); i++)
    choices_add (self, &self->roles, i, cd_role_label ((CdRole) i));
  if (job->choices_error != NULL)
    cd_training_editor_toast (CD_TRAINING_EDITOR (self), job->choices_error->message);
}

static void
load_done_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(CdCertificationEditor) self = user_data;
  CdTrainingEditor *editor = CD_TRAINING_EDITOR (self);
  LoadJob *job = cd_store_run_get_data (result);
  g_autoptr(GError) error = NULL;

  if (!cd_store_run_finish (CD_STORE (source), result, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) || cd_training_editor_get_store (editor) == NULL)
        return;
      cd_training_editor_fail_load (editor, error);
      return;
    }
  if (cd_training_editor_get_store (editor) == NULL)
    return;
  if (job->certification != NULL)
    cd_training_editor_set_record (editor, g_steal_pointer (&job->certification));
  fill_choices (self, job);
  cd_training_editor_fill (editor);
  cd_training_editor_set_loading (editor, FALSE);
  if (((CdCertification *) cd_training_editor_get_record (editor))->id == 0)
    gtk_widget_grab_focus (GTK_WIDGET (self->name_row));
}

/* Saving ---------------------------------------------------------------------- */

static void
identify (gconstpointer  record,
          gint64        *id,
          gint64        *version)
{
  const CdCertification *c = record;

  *id = c->id;
  *version = c->version;
}

static GtkWidget *
conflict_dialog (CdTrainingEditor *editor,
                 gconstpointer     record_yours,
                 gconstpointer     record_theirs)
{
  const CdCertification *yours = record_yours;
  const CdCertification *theirs = record_theirs;
  g_autofree char *record = NULL;
  g_autofree char *your_months = NULL;
  g_autofree char *their_months = NULL;
  g_autofree char *your_roles = NULL;
  g_autofree char *their_roles = NULL;
  GtkWidget *dialog;

  /* Translators: fits "Someone else saved %s after you opened it" */
  record = g_strdup_printf (_("the certification “%s”"), theirs->name);
  your_months = g_strdup_printf ("%d", yours->validity_months);
  their_months = g_strdup_printf ("%d", theirs->validity_months);
  your_roles = cd_certification_roles_text (yours->required_roles);
  their_roles = cd_certification_roles_text (theirs->required_roles);
  dialog = cd_conflict_dialog_new (GTK_WINDOW (editor), record);
  cd_conflict_dialog_add_field (CD_CONFLICT_DIALOG (dialog), _("Name"), yours->name, theirs->name);
  cd_conflict_dialog_add_field (CD_CONFLICT_DIALOG (dialog), _("Level"), yours->level, theirs->level);
  cd_conflict_dialog_add_field (CD_CONFLICT_DIALOG (dialog), _("Valid For (Months)"), your_months, their_months);
  cd_conflict_dialog_add_field (CD_CONFLICT_DIALOG (dialog), _("Roles That Must Hold It"), your_roles, their_roles);
  cd_conflict_dialog_add_field (CD_CONFLICT_DIALOG (dialog), _("Description"), yours->description,
                                theirs->description);
  return dialog;
}

/* GObject ---------------------------------------------------------------------- */

static void
cd_certification_editor_finalize (GObject *object)
{
  CdCertificationEditor *self = CD_CERTIFICATION_EDITOR (object);

  choices_clear (&self->courses);
  choices_clear (&self->assessments);
  choices_clear (&self->categories);
  choices_clear (&self->roles);
  G_OBJECT_CLASS (cd_certification_editor_parent_class)->finalize (object);
}

static void
cd_certification_editor_class_init (CdCertificationEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  CdTrainingEditorClass *editor_class = CD_TRAINING_EDITOR_CLASS (klass);

  object_class->finalize = cd_certification_editor_finalize;

  editor_class->record_free = (GDestroyNotify) cd_certification_free;
  editor_class->save_failed = _("Could Not Save the Certification");
  editor_class->collect = collect;
  editor_class->load = (CdTrainingEditorLoad) cd_certification_load;
  editor_class->create = (CdTrainingEditorCreate) cd_certification_create;
  editor_class->update = (CdTrainingEditorUpdate) cd_certification_update;
  editor_class->apply = apply;
  editor_class->identify = identify;
  editor_class->conflict_dialog = conflict_dialog;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/training/cd-certification-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, CdCertificationEditor, name_row);
  gtk_widget_class_bind_template_child (widget_class, CdCertificationEditor, level_row);
  gtk_widget_class_bind_template_child (widget_class, CdCertificationEditor, months_spin);
  gtk_widget_class_bind_template_child (widget_class, CdCertificationEditor, courses_row);
  gtk_widget_class_bind_template_child (widget_class, CdCertificationEditor, assessments_row);
  gtk_widget_class_bind_template_child (widget_class, CdCertificationEditor, categories_row);
  gtk_widget_class_bind_template_child (widget_class, CdCertificationEditor, roles_row);
  gtk_widget_class_bind_template_child (widget_class, CdCertificationEditor, description_frame);
  gtk_widget_class_bind_template_child (widget_class, CdCertificationEditor, description_view);
  cd_training_editor_class_bind_template (widget_class);
}

static void
cd_certification_editor_init (CdCertificationEditor *self)
{
  cd_training_editor_init_template (CD_TRAINING_EDITOR (self));
  choices_init (&self->courses, self->courses_row);
  choices_init (&self->assessments, self->assessments_row);
  choices_init (&self->categories, self->categories_row);
  choices_init (&self->roles, self->roles_row);
  g_signal_connect_swapped (gtk_text_view_get_buffer (self->description_view), "changed",
                            G_CALLBACK (cd_training_editor_validate), self);
}

GtkWidget *
cd_certification_editor_new (CdStore *store,
                             gint64   certification_id)
{
  CdCertificationEditor *self;
  LoadJob *job;

  g_return_val_if_fail (CD_IS_STORE (store), NULL);

  self = g_object_new (CD_TYPE_CERTIFICATION_EDITOR, NULL);
  cd_training_editor_open (CD_TRAINING_EDITOR (self), store, 0);
  cd_training_editor_set_record (CD_TRAINING_EDITOR (self), cd_certification_new ());
  cd_training_editor_set_title (CD_TRAINING_EDITOR (self),
                                certification_id != 0 ? _("Edit Certification") : _("New Certification"));
  cd_training_editor_set_loading (CD_TRAINING_EDITOR (self), TRUE);
  job = g_new0 (LoadJob, 1);
  job->id = certification_id;
  cd_store_run_async (store, CD_STORE_LANE_READ, run_load, job, load_job_free,
                      cd_training_editor_get_cancellable (CD_TRAINING_EDITOR (self)),
                      load_done_cb, g_object_ref (self));
  return GTK_WIDGET (self);
}

gboolean
cd_certification_editor_get_loading (CdCertificationEditor *self)
{
  g_return_val_if_fail (CD_IS_CERTIFICATION_EDITOR (self), FALSE);
  return cd_training_editor_get_loading (CD_TRAINING_EDITOR (self));
}

GtkEditable *
cd_certification_editor_get_name (CdCertificationEditor *self)
{
  g_return_val_if_fail (CD_IS_CERTIFICATION_EDITOR (self), NULL);
  return GTK_EDITABLE (self->name_row);
}

void
cd_certification_editor_set_category (CdCertificationEditor *self,
                                      gint64                 category_id,
                                      gboolean               chosen)
{
  g_return_if_fail (CD_IS_CERTIFICATION_EDITOR (self));
  choices_set (&self->categories, category_id, chosen);
}

void
cd_certification_editor_set_course (CdCertificationEditor *self,
                                    gint64                 course_id,
                                    gboolean               chosen)
{
  g_return_if_fail (CD_IS_CERTIFICATION_EDITOR (self));
  choices_set (&self->courses, course_id, chosen);
}
