/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "caredesk-training"

#include "config.h"

#include <glib/gi18n.h>

#include "cd-assessment-editor.h"
#include "cd-conflict-dialog.h"
#include "cd-datetime.h"
#include "cd-date-button.h"
#include "cd-training-util.h"

/* The subject row lists the courses, then the certifications. */
typedef struct {
  gint64 course_id;
  gint64 certification_id;
} Subject;

struct _CdAssessmentEditor
{
  AdwWindow          parent_instance;

  CdStore           *store;
  CdAssessment      *assessment;    /* as loaded; id 0 for a new one */
  GArray            *person_ids;    /* gint64 */
  GArray            *assessor_ids;  /* gint64, 0 first: none */
  GArray            *subjects;      /* Subject */
  gboolean           saving;
  GCancellable      *cancellable;

  /* Template widgets */
  AdwWindowTitle    *window_title;
  GtkButton         *save_button;
  AdwToastOverlay   *toast_overlay;
  AdwComboRow       *person_row;
  AdwComboRow       *subject_row;
  AdwComboRow       *kind_row;
  AdwEntryRow       *score_row;
  AdwEntryRow       *pass_mark_row;
  GtkLabel          *result_label;
  CdDateButton      *day_button;
  AdwComboRow       *assessor_row;
  GtkLabel          *note_label;
};

enum {
  SIGNAL_SAVED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (CdAssessmentEditor, cd_assessment_editor, ADW_TYPE_WINDOW)

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
static CdAssessment *
read_form (CdAssessmentEditor  *self,
           char               **problem)
{
  g_autoptr(CdAssessment) assessment = cd_assessment_copy (self->assessment);
  g_autoptr(GError) error = NULL;
  double score = cd_assessment_parse_score (gtk_editable_get_text (GTK_EDITABLE (self->score_row)));
  double pass_mark = cd_assessment_parse_score (gtk_editable_get_text (GTK_EDITABLE (self->pass_mark_row)));
  guint person = adw_combo_row_get_selected (self->person_row);
  guint subject = adw_combo_row_get_selected (self->subject_row);
  guint assessor = adw_combo_row_get_selected (self->assessor_row);
  gint64 day = cd_date_button_get_date (self->day_button);
  gint64 now = cd_store_now (self->store);

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
  if (!cd_assessment_check (self->store, assessment, &error))
    {
      *problem = g_strdup (error->message);
      return NULL;
    }
  *problem = NULL;
  return g_steal_pointer (&assessment);
}

static void
validate (CdAssessmentEditor *self)
{
  g_autofree char *problem = NULL;
  g_autoptr(CdAssessment) assessment = read_form (self, &problem);

  gtk_label_set_text (self->note_label, problem != NULL ? problem : "");
  gtk_widget_set_visible (GTK_WIDGET (self->note_label), problem != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "assessment.save", assessment != NULL && !self->saving);
}

static void
on_changed_cb (CdAssessmentEditor *self)
{
  if (self->subjects != NULL && self->store != NULL)
    validate (self);
}

static void
on_activated_cb (CdAssessmentEditor *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "assessment.save", NULL);
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
  GtkStringList *names = cd_training_staff_choices (self->store, roles, ids, &error);

  if (names == NULL)
    {
      adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (error->message));
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
  g_autoptr(GPtrArray) courses = cd_courses_list (self->store, FALSE, self->assessment->course_id, NULL);
  g_autoptr(GPtrArray) certifications = cd_certifications_list (self->store, FALSE, NULL);
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
  if (self->assessment->certification_id > 0 &&
      subject_position (self, 0, self->assessment->certification_id) == GTK_INVALID_LIST_POSITION)
    {
      Subject subject = { 0, self->assessment->certification_id };
      g_autofree char *name = g_strdup_printf (_("Certification: %s"), self->assessment->certification_name);

      gtk_string_list_append (names, name);
      g_array_append_val (self->subjects, subject);
    }
  adw_combo_row_set_model (self->subject_row, G_LIST_MODEL (names));
}

static void
fill_form (CdAssessmentEditor *self)
{
  CdAssessment *a = self->assessment;
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
  validate (self);
}

/* Saving ---------------------------------------------------------------------- */

typedef struct {
  CdAssessment *assessment;
  gint64        version;
  gint64        id;
} SaveJob;

static void
save_job_free (gpointer data)
{
  SaveJob *job = data;

  cd_assessment_free (job->assessment);
  g_free (job);
}

static gboolean
run_save (CdStore *store, gpointer data, GCancellable *cancellable, GError **error)
{
  SaveJob *job = data;

  if (job->assessment->id == 0)
    {
      job->id = cd_assessment_create (store, job->assessment, error);
      return job->id != 0;
    }
  job->id = job->assessment->id;
  return cd_assessment_update (store, job->assessment, job->version, error);
}

static void save (CdAssessmentEditor *self,
                  gboolean            overwrite);

static void
on_conflict_response_cb (AdwMessageDialog   *dialog,
                         const char         *response,
                         CdAssessmentEditor *self)
{
  G_GNUC_UNUSED g_autoptr(CdAssessmentEditor) guard = g_object_ref (self);

  gtk_window_set_transient_for (GTK_WINDOW (dialog), NULL);
  switch (cd_conflict_dialog_choice_from_response (response))
    {
    case CD_CONFLICT_CHOICE_RELOAD:
      {
        g_autoptr(GError) error = NULL;
        g_autoptr(CdAssessment) saved = cd_assessment_load (self->store, self->assessment->id, &error);

        if (saved == NULL)
          {
            adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (error->message));
            return;
          }
        cd_assessment_free (self->assessment);
        self->assessment = g_steal_pointer (&saved);
        fill_form (self);
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
show_conflict (CdAssessmentEditor *self,
               const CdAssessment *yours)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CdAssessment) theirs = cd_assessment_load (self->store, self->assessment->id, &error);
  g_autofree char *record = NULL;
  g_autofree char *your_score = NULL;
  g_autofree char *their_score = NULL;
  g_autofree char *your_day = NULL;
  g_autofree char *their_day = NULL;
  GtkWidget *dialog;

  if (theirs == NULL)
    {
      adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (error->message));
      return;
    }
  /* Translators: fits "Someone else saved %s after you opened it"; %s is a person */
  record = g_strdup_printf (_("the assessment of %s"), theirs->staff_name);
  your_score = cd_assessment_format_score (yours->score, yours->pass_mark);
  their_score = cd_assessment_format_score (theirs->score, theirs->pass_mark);
  your_day = cd_datetime_format_date (yours->assessed_at);
  their_day = cd_datetime_format_date (theirs->assessed_at);
  dialog = cd_conflict_dialog_new (GTK_WINDOW (self), record);
  cd_conflict_dialog_add_field (CD_CONFLICT_DIALOG (dialog), _("Kind"), cd_assessment_kind_label (yours->kind),
                                cd_assessment_kind_label (theirs->kind));
  cd_conflict_dialog_add_field (CD_CONFLICT_DIALOG (dialog), _("Score"), your_score, their_score);
  cd_conflict_dialog_add_field (CD_CONFLICT_DIALOG (dialog), _("Day"), your_day, their_day);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_conflict_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
set_saving (CdAssessmentEditor *self,
            gboolean            saving)
{
  self->saving = saving;
  cd_training_button_set_busy (self->save_button, saving ? _("Saving…") : NULL);
  validate (self);
}

static void
save_done_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr(CdAssessmentEditor) self = user_data;
  SaveJob *job = cd_store_run_get_data (result);
  g_autoptr(GError) error = NULL;

  if (self->store == NULL)
    return;
  set_saving (self, FALSE);
  if (!cd_store_run_finish (CD_STORE (source), result, &error))
    {
      if (g_error_matches (error, CD_STORE_ERROR, CD_STORE_ERROR_STALE))
        show_conflict (self, job->assessment);
      else if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        cd_training_show_error (GTK_WIDGET (self), _("Could Not Save the Assessment"), error);
      return;
    }
  g_signal_emit (self, signals[SIGNAL_SAVED], 0, job->id);
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
save (CdAssessmentEditor *self,
      gboolean            overwrite)
{
  g_autofree char *problem = NULL;
  CdAssessment *assessment = read_form (self, &problem);
  SaveJob *job;

  if (assessment == NULL || self->saving)
    {
      cd_assessment_free (assessment);
      return;
    }
  job = g_new0 (SaveJob, 1);
  job->assessment = assessment;
  job->version = overwrite ? 0 : self->assessment->version;
  set_saving (self, TRUE);
  cd_store_run_async (self->store, CD_STORE_LANE_WRITE, run_save, job, save_job_free, self->cancellable,
                      save_done_cb, g_object_ref (self));
}

static void
save_action (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  save (CD_ASSESSMENT_EDITOR (widget), FALSE);
}

/* GObject ---------------------------------------------------------------------- */

static void
cd_assessment_editor_dispose (GObject *object)
{
  CdAssessmentEditor *self = CD_ASSESSMENT_EDITOR (object);

  g_cancellable_cancel (self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), CD_TYPE_ASSESSMENT_EDITOR);
  g_clear_object (&self->store);
  g_clear_pointer (&self->assessment, cd_assessment_free);
  G_OBJECT_CLASS (cd_assessment_editor_parent_class)->dispose (object);
}

static void
cd_assessment_editor_finalize (GObject *object)
{
  CdAssessmentEditor *self = CD_ASSESSMENT_EDITOR (object);

  g_clear_pointer (&self->person_ids, g_array_unref);
  g_clear_pointer (&self->assessor_ids, g_array_unref);
  g_clear_pointer (&self->subjects, g_array_unref);
  g_clear_object (&self->cancellable);
  G_OBJECT_CLASS (cd_assessment_editor_parent_class)->finalize (object);
}

static void
cd_assessment_editor_class_init (CdAssessmentEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cd_assessment_editor_dispose;
  object_class->finalize = cd_assessment_editor_finalize;

  signals[SIGNAL_SAVED] =
    g_signal_new ("saved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_INT64);

  g_type_ensure (CD_TYPE_DATE_BUTTON);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/training/cd-assessment-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, CdAssessmentEditor, window_title);
  gtk_widget_class_bind_template_child (widget_class, CdAssessmentEditor, save_button);
  gtk_widget_class_bind_template_child (widget_class, CdAssessmentEditor, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, CdAssessmentEditor, person_row);
  gtk_widget_class_bind_template_child (widget_class, CdAssessmentEditor, subject_row);
  gtk_widget_class_bind_template_child (widget_class, CdAssessmentEditor, kind_row);
  gtk_widget_class_bind_template_child (widget_class, CdAssessmentEditor, score_row);
  gtk_widget_class_bind_template_child (widget_class, CdAssessmentEditor, pass_mark_row);
  gtk_widget_class_bind_template_child (widget_class, CdAssessmentEditor, result_label);
  gtk_widget_class_bind_template_child (widget_class, CdAssessmentEditor, day_button);
  gtk_widget_class_bind_template_child (widget_class, CdAssessmentEditor, assessor_row);
  gtk_widget_class_bind_template_child (widget_class, CdAssessmentEditor, note_label);
  gtk_widget_class_bind_template_callback (widget_class, on_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_activated_cb);

  gtk_widget_class_install_action (widget_class, "assessment.save", NULL, save_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK, "assessment.save", NULL);
}

static void
cd_assessment_editor_init (CdAssessmentEditor *self)
{
  g_autoptr(GtkStringList) kinds = gtk_string_list_new (NULL);

  self->cancellable = g_cancellable_new ();
  gtk_widget_init_template (GTK_WIDGET (self));
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
  g_autoptr(GError) error = NULL;

  g_return_val_if_fail (CD_IS_STORE (store), NULL);

  self = g_object_new (CD_TYPE_ASSESSMENT_EDITOR, NULL);
  self->store = g_object_ref (store);
  self->person_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->assessor_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->subjects = g_array_new (FALSE, FALSE, sizeof (Subject));
  if (assessment_id != 0)
    self->assessment = cd_assessment_load (store, assessment_id, &error);
  if (self->assessment == NULL)
    {
      if (error != NULL)
        adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (error->message));
      self->assessment = cd_assessment_new ();
      self->assessment->staff_id = staff_id;
      self->assessment->assessed_at = cd_store_now (store);
      self->assessment->assessor_id = cd_store_get_staff_id (store);
    }
  gtk_window_set_title (GTK_WINDOW (self), self->assessment->id != 0 ? _("Edit Assessment") : _("New Assessment"));
  adw_window_title_set_title (self->window_title,
                              self->assessment->id != 0 ? _("Edit Assessment") : _("New Assessment"));
  fill_form (self);
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
