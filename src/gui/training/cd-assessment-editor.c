/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "caredesk-training"

#include "config.h"

#include <glib/gi18n.h>

#include "cd-assessment-editor.h"
#include "cd-datetime.h"
#include "cd-date-button.h"
#include "cd-training-editor.h"
#include "cd-training-util.h"

/* The subject row lists the courses, then the certifications. */
typedef struct {
  gint64 course_id;
  gint64 certification_id;
} Subject;

struct _CdAssessmentEditor
{
  CdTrainingEditor   parent_instance;

  GArray            *person_ids;    /* gint64 */
  GArray            *assessor_ids;  /* gint64, 0 first: none */
  GArray            *subjects;      /* Subject */

  /* Template widgets */
  AdwComboRow       *person_row;
  AdwComboRow       *subject_row;
  AdwComboRow       *kind_row;
  AdwEntryRow       *score_row;
  AdwEntryRow       *pass_mark_row;
  GtkLabel          *result_label;
  CdDateButton      *day_button;
  AdwComboRow       *assessor_row;
};

G_DEFINE_FINAL_TYPE (CdAssessmentEditor, cd_assessment_editor, CD_TYPE_TRAINING_EDITOR)

static CdStore *
store_of (CdAssessmentEditor *self)
{
  return cd_training_editor_get_store (CD_TRAINING_EDITOR (self));
}

/* The assessment as loaded; id 0 for a new one. */
static CdAssessment *
assessment_of (CdAssessmentEditor *self)
{
  return cd_training_editor_get_record (CD_TRAINING_EDITOR (self));
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

static guint
subject_position (CdAssessmentEditor *self,
                  gint64              course_id,
                  gint64              certification_id)
{
  for (guint i = 0; i < self->subjects->len; i++)
    {
      Subject *subject = &g_array_index (self->subjects, Subject, i);

      if ((course_id > 0 && subject->course_id == course_id) ||
          (certification_id > 0 && subject->certification_id == certification_id))
        return i;
    }
  return GTK_INVALID_LIST_POSITION;
}

/* The assessment as the form says; NULL with a message when it cannot be
 * saved as it stands. */
static gpointer
collect (CdTrainingEditor  *editor,
         char             **problem)
{
  CdAssessmentEditor *self = CD_ASSESSMENT_EDITOR (editor);
  g_autoptr(CdAssessment) assessment = cd_assessment_copy (assessment_of (self));
  g_autoptr(GError) error = NULL;
  double score = cd_assessment_parse_score (gtk_editable_get_text (GTK_EDITABLE (self->score_row)));
  double pass_mark = cd_assessment_parse_score (gtk_editable_get_text (GTK_EDITABLE (self->pass_mark_row)));
  guint person = adw_combo_row_get_selected (self->person_row);
  guint subject = adw_combo_row_get_selected (self->subject_row);
  guint assessor = adw_combo_row_get_selected (self->assessor_row);
  gint64 day = cd_date_button_get_date (self->day_button);
  gint64 now = cd_store_now (store_of (self));

  mark (GTK_WIDGET (self->score_row), score < 0);
  mark (GTK_WIDGET (self->pass_mark_row), pass_mark <= 0);
  if (score >= 0 && pass_mark > 0)
    {
      gboolean passed = score >= pass_mark;

      gtk_label_set_text (self->result_label, passed ? _("✓ Passed") : _("✗ Failed"));
      mark (GTK_WIDGET (self->result_label), !passed);
      if (passed)
        gtk_widget_add_css_class (GTK_WIDGET (self->result_label), "success");
      else
        gtk_widget_remove_css_class (GTK_WIDGET (self->result_label), "success");
    }
  else
    gtk_label_set_text (self->result_label, "—");

  if (person >= self->person_ids->len)
    {
      *problem = g_strdup (_("Choose who was assessed."));
      return NULL;
    }
  if (subject >= self->subjects->len)
    {
      *problem = g_strdup (_("Choose the course or the certification that was assessed."));
      return NULL;
    }
  if (score < 0)
    {
      *problem = g_strdup_printf (_("The score is a number from 0 to %d."), (int) CD_ASSESSMENT_MAX_SCORE);
      return NULL;
    }
  if (pass_mark <= 0)
    {
      *problem = g_strdup_printf (_("The pass mark is a number above 0 and at most %d."),
                                  (int) CD_ASSESSMENT_MAX_SCORE);
      return NULL;
    }
  if (day > now)
    {
      *problem = g_strdup (_("The day of the assessment has not come yet."));
      return NULL;
    }
  assessment->staff_id = g_array_index (self->person_ids, gint64, person);
  assessment->course_id = g_array_index (self->subjects, Subject, subject).course_id;
  assessment->certification_id = g_array_index (self->subjects, Subject, subject).certification_id;
  assessment->kind = (CdAssessmentKind) adw_combo_row_get_selected (self->kind_row);
  assessment->score = score;
  assessment->pass_mark = pass_mark;
  assessment->assessor_id = assessor < self->assessor_ids->len ? g_array_index (self->assessor_ids, gint64, assessor) : 0;
  /* The day as chosen; the time of day is not asked for (noon, or now today). */
  if (cd_training_day_start (assessment->assessed_at, 0) != day)
    assessment->assessed_at = MIN (day + 12 * 3600, now);
  if (!cd_assessment_check (store_of (self), assessment, &error))
    {
      *problem = g_strdup (error->message);
      return NULL;
    }
  *problem = NULL;
  return g_steal_pointer (&assessment);
}

/* Filling the form ------------------------------------------------------------- */

static GtkStringList *
people_choices (CdAssessmentEditor *self,
                guint               roles,
                GArray             *ids,
                gint64              keep_id,
                const char         *keep_name)
{
  g_autoptr(GError) error = NULL;
  GtkStringList *names = cd_training_staff_choices (store_of (self), roles, ids, &error);

  if (names == NULL)
    {
      cd_training_editor_toast (CD_TRAINING_EDITOR (self), error->message);
      names = gtk_string_list_new (NULL);
    }
  if (keep_id > 0 && cd_training_position_of (ids, keep_id, G_MAXUINT) == G_MAXUINT)
    {
      /* Someone who has left stays shown on their own assessment. */
      gtk_string_list_append (names, keep_name != NULL ? keep_name : "");
      g_array_append_val (ids, keep_id);
    }
  return names;
}

static void
fill_subjects (CdAssessmentEditor *self)
{
  g_autoptr(GPtrArray) courses = cd_courses_list (store_of (self), FALSE, assessment_of (self)->course_id, NULL);
  g_autoptr(GPtrArray) certifications = cd_certifications_list (store_of (self), FALSE, NULL);
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);

  g_array_set_size (self->subjects, 0);
  for (guint i = 0; courses != NULL && i < courses->len; i++)
    {
      CdCourse *course = g_ptr_array_index (courses, i);
      Subject subject = { course->id, 0 };
      /* Translators: a course as the subject of an assessment */
      g_autofree char *name = g_strdup_printf (_("Course: %s"), course->title);

      gtk_string_list_append (names, name);
      g_array_append_val (self->subjects, subject);
    }
  for (guint i = 0; certifications != NULL && i < certifications->len; i++)
    {
      CdCertification *certification = g_ptr_array_index (certifications, i);
      Subject subject = { 0, certification->id };
      g_autofree char *display = cd_certification_display_name (certification->name, certification->level);
      /* Translators: a certification as the subject of an assessment */
      g_autofree char *name = g_strdup_printf (_("Certification: %s"), display);

      gtk_string_list_append (names, name);
      g_array_append_val (self->subjects, subject);
    }
  if (assessment_of (self)->certification_id > 0 &&
      subject_position (self, 0, assessment_of (self)->certification_id) == GTK_INVALID_LIST_POSITION)
    {
      Subject subject = { 0, assessment_of (self)->certification_id };
      g_autofree char *name = g_strdup_printf (_("Certification: %s"), assessment_of (self)->certification_name);

      gtk_string_list_append (names, name);
      g_array_append_val (self->subjects, subject);
    }
  adw_combo_row_set_model (self->subject_row, G_LIST_MODEL (names));
}

static void
apply (CdTrainingEditor *editor)
{
  CdAssessmentEditor *self = CD_ASSESSMENT_EDITOR (editor);
  CdAssessment *a = assessment_of (self);
  g_autoptr(GtkStringList) people = NULL;
  g_autoptr(GtkStringList) assessors = NULL;
  g_autofree char *score = NULL;
  g_autofree char *pass_mark = NULL;
  gint64 none = 0;
  guint subject;

  g_array_set_size (self->person_ids, 0);
  people = people_choices (self, 0, self->person_ids, a->staff_id, a->staff_name);
  adw_combo_row_set_model (self->person_row, G_LIST_MODEL (people));
  adw_combo_row_set_selected (self->person_row, cd_training_position_of (self->person_ids, a->staff_id, 0));

  g_array_set_size (self->assessor_ids, 0);
  g_array_append_val (self->assessor_ids, none);
  assessors = people_choices (self, CD_TRAINING_EDITOR_ROLES | CD_ROLE_BIT (CD_ROLE_LEAD), self->assessor_ids,
                              a->assessor_id, a->assessor_name);
  /* Translators: an assessment without an assessor from the staff list */
  gtk_string_list_splice (assessors, 0, 0, (const char * const[]) { _("None Recorded"), NULL });
  adw_combo_row_set_model (self->assessor_row, G_LIST_MODEL (assessors));
  adw_combo_row_set_selected (self->assessor_row, cd_training_position_of (self->assessor_ids, a->assessor_id, 0));

  fill_subjects (self);
  subject = subject_position (self, a->course_id, a->certification_id);
  adw_combo_row_set_selected (self->subject_row, subject != GTK_INVALID_LIST_POSITION ? subject : 0);
  adw_combo_row_set_selected (self->kind_row, a->kind);
  score = a->id != 0 ? cd_training_format_number (a->score) : g_strdup ("");
  pass_mark = cd_training_format_number (a->pass_mark);
  gtk_editable_set_text (GTK_EDITABLE (self->score_row), score);
  gtk_editable_set_text (GTK_EDITABLE (self->pass_mark_row), pass_mark);
  cd_date_button_set_date (self->day_button, a->assessed_at);
}

/* Saving ---------------------------------------------------------------------- */

static void
identify (gconstpointer  record,
          gint64        *id,
          gint64        *version)
{
  const CdAssessment *assessment = record;

  *id = assessment->id;
  *version = assessment->version;
}

static GtkWidget *
conflict_dialog (CdTrainingEditor *editor,
                 gconstpointer     record_yours,
                 gconstpointer     record_theirs)
{
  const CdAssessment *yours = record_yours;
  const CdAssessment *theirs = record_theirs;
  g_autofree char *record = NULL;
  g_autofree char *your_score = NULL;
  g_autofree char *their_score = NULL;
  g_autofree char *your_day = NULL;
  g_autofree char *their_day = NULL;
  GtkWidget *dialog;

  /* Translators: fits "Someone else saved %s after you opened it"; %s is a person */
  record = g_strdup_printf (_("the assessment of %s"), theirs->staff_name);
  your_score = cd_assessment_format_score (yours->score, yours->pass_mark);
  their_score = cd_assessment_format_score (theirs->score, theirs->pass_mark);
  your_day = cd_datetime_format_date (yours->assessed_at);
  their_day = cd_datetime_format_date (theirs->assessed_at);
  dialog = cd_conflict_dialog_new (GTK_WINDOW (editor), record);
  cd_conflict_dialog_add_field (CD_CONFLICT_DIALOG (dialog), _("Kind"), cd_assessment_kind_label (yours->kind),
                                cd_assessment_kind_label (theirs->kind));
  cd_conflict_dialog_add_field (CD_CONFLICT_DIALOG (dialog), _("Score"), your_score, their_score);
  cd_conflict_dialog_add_field (CD_CONFLICT_DIALOG (dialog), _("Day"), your_day, their_day);
  return dialog;
}

/* GObject ---------------------------------------------------------------------- */

static void
cd_assessment_editor_finalize (GObject *object)
{
  CdAssessmentEditor *self = CD_ASSESSMENT_EDITOR (object);

  g_clear_pointer (&self->person_ids, g_array_unref);
  g_clear_pointer (&self->assessor_ids, g_array_unref);
  g_clear_pointer (&self->subjects, g_array_unref);
  G_OBJECT_CLASS (cd_assessment_editor_parent_class)->finalize (object);
}

static void
cd_assessment_editor_class_init (CdAssessmentEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  CdTrainingEditorClass *editor_class = CD_TRAINING_EDITOR_CLASS (klass);

  object_class->finalize = cd_assessment_editor_finalize;

  editor_class->record_free = (GDestroyNotify) cd_assessment_free;
  editor_class->save_failed = _("Could Not Save the Assessment");
  editor_class->collect = collect;
  editor_class->load = (CdTrainingEditorLoad) cd_assessment_load;
  editor_class->create = (CdTrainingEditorCreate) cd_assessment_create;
  editor_class->update = (CdTrainingEditorUpdate) cd_assessment_update;
  editor_class->apply = apply;
  editor_class->identify = identify;
  editor_class->conflict_dialog = conflict_dialog;

  g_type_ensure (CD_TYPE_DATE_BUTTON);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/training/cd-assessment-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, CdAssessmentEditor, person_row);
  gtk_widget_class_bind_template_child (widget_class, CdAssessmentEditor, subject_row);
  gtk_widget_class_bind_template_child (widget_class, CdAssessmentEditor, kind_row);
  gtk_widget_class_bind_template_child (widget_class, CdAssessmentEditor, score_row);
  gtk_widget_class_bind_template_child (widget_class, CdAssessmentEditor, pass_mark_row);
  gtk_widget_class_bind_template_child (widget_class, CdAssessmentEditor, result_label);
  gtk_widget_class_bind_template_child (widget_class, CdAssessmentEditor, day_button);
  gtk_widget_class_bind_template_child (widget_class, CdAssessmentEditor, assessor_row);
  cd_training_editor_class_bind_template (widget_class);
}

static void
cd_assessment_editor_init (CdAssessmentEditor *self)
{
  g_autoptr(GtkStringList) kinds = gtk_string_list_new (NULL);

  cd_training_editor_init_template (CD_TRAINING_EDITOR (self));
  for (guint i = 0; i < cd_assessment_kind_count (); i++)
    gtk_string_list_append (kinds, cd_assessment_kind_label ((CdAssessmentKind) i));
  adw_combo_row_set_model (self->kind_row, G_LIST_MODEL (kinds));
}

GtkWidget *
cd_assessment_editor_new (CdStore *store,
                          gint64   assessment_id,
                          gint64   staff_id)
{
  CdAssessmentEditor *self;
  gboolean loaded;

  g_return_val_if_fail (CD_IS_STORE (store), NULL);

  self = g_object_new (CD_TYPE_ASSESSMENT_EDITOR, NULL);
  self->person_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->assessor_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->subjects = g_array_new (FALSE, FALSE, sizeof (Subject));
  loaded = cd_training_editor_open (CD_TRAINING_EDITOR (self), store, assessment_id);
  if (!loaded)
    {
      CdAssessment *assessment = cd_assessment_new ();

      assessment->staff_id = staff_id;
      assessment->assessed_at = cd_store_now (store);
      assessment->assessor_id = cd_store_get_staff_id (store);
      cd_training_editor_set_record (CD_TRAINING_EDITOR (self), assessment);
    }
  cd_training_editor_set_title (CD_TRAINING_EDITOR (self), loaded ? _("Edit Assessment") : _("New Assessment"));
  cd_training_editor_fill (CD_TRAINING_EDITOR (self));
  return GTK_WIDGET (self);
}

GtkEditable *
cd_assessment_editor_get_score (CdAssessmentEditor *self)
{
  g_return_val_if_fail (CD_IS_ASSESSMENT_EDITOR (self), NULL);
  return GTK_EDITABLE (self->score_row);
}

GtkEditable *
cd_assessment_editor_get_pass_mark (CdAssessmentEditor *self)
{
  g_return_val_if_fail (CD_IS_ASSESSMENT_EDITOR (self), NULL);
  return GTK_EDITABLE (self->pass_mark_row);
}

void
cd_assessment_editor_set_subject (CdAssessmentEditor *self,
                                  gint64              course_id,
                                  gint64              certification_id)
{
  guint position;

  g_return_if_fail (CD_IS_ASSESSMENT_EDITOR (self));
  position = subject_position (self, course_id, certification_id);
  if (position != GTK_INVALID_LIST_POSITION)
    adw_combo_row_set_selected (self->subject_row, position);
}
