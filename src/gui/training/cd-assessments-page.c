/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "caredesk-training"

#include "config.h"

#include <glib/gi18n.h>

#include "cd-assessment-editor.h"
#include "cd-assessments-page.h"
#include "cd-datetime.h"
#include "cd-import-dialog.h"
#include "cd-training-list.h"
#include "cd-training-util.h"
#include "cd-validate.h"

static const char * const refresh_kinds[] = {
  CD_CHANGE_ASSESSMENTS, CD_CHANGE_COURSES, CD_CHANGE_CERTIFICATIONS, CD_CHANGE_STAFF, NULL
};

struct _CdAssessmentsPage
{
  CdTrainingPage       parent_instance;

  CdTrainingList      *list;
  CdAssessmentFilter   filter;

  /* Template widgets */
  GtkSearchEntry      *search_entry;
  GtkDropDown         *kind_dropdown;
  GtkDropDown         *result_dropdown;
  GtkButton           *new_button;
  GtkButton           *import_button;
  GtkButton           *record_button;
  GtkButton           *edit_button;
  GtkButton           *delete_button;
  GtkStack            *list_stack;
  GtkColumnView       *column_view;
  GtkColumnViewColumn *date_column;
  GtkColumnViewColumn *person_column;
  GtkColumnViewColumn *subject_column;
  GtkColumnViewColumn *kind_column;
  GtkColumnViewColumn *score_column;
  GtkColumnViewColumn *result_column;
  GtkColumnViewColumn *assessor_column;
  AdwStatusPage       *empty_page;
  GtkWidget           *empty_button;
  AdwStatusPage       *error_page;
};

enum {
  SIGNAL_OPEN_RECORD,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (CdAssessmentsPage, cd_assessments_page, CD_TYPE_TRAINING_PAGE)

/* Cells -------------------------------------------------------------------------- */

static char *
date_text (gpointer owner, CdRow *row, const char **css)
{
  return cd_datetime_format_date (cd_row_get_int (row, CD_ASSESSMENT_COL_DATE, 0));
}

static char *
person_text (gpointer owner, CdRow *row, const char **css)
{
  return g_strdup (cd_row_get_value (row, CD_ASSESSMENT_COL_PERSON));
}

static char *
subject_text (gpointer owner, CdRow *row, const char **css)
{
  return g_strdup (cd_row_get_value (row, CD_ASSESSMENT_COL_SUBJECT));
}

static char *
kind_text (gpointer owner, CdRow *row, const char **css)
{
  int kind = cd_assessment_kind_from_nick (cd_row_get_value (row, CD_ASSESSMENT_COL_KIND));

  return g_strdup (kind >= 0 ? cd_assessment_kind_label ((CdAssessmentKind) kind) : "");
}

static char *
score_text (gpointer owner, CdRow *row, const char **css)
{
  const char *score = cd_row_get_value (row, CD_ASSESSMENT_COL_SCORE);
  const char *pass_mark = cd_row_get_value (row, CD_ASSESSMENT_COL_PASS_MARK);

  return cd_assessment_format_score (score != NULL ? g_ascii_strtod (score, NULL) : 0,
                                     pass_mark != NULL ? g_ascii_strtod (pass_mark, NULL) : 0);
}

static char *
result_text (gpointer owner, CdRow *row, const char **css)
{
  if (cd_row_get_int (row, CD_ASSESSMENT_COL_RESULT, 0) != 0)
    {
      *css = "success";
      return g_strdup (_("✓ Passed"));
    }
  *css = "error";
  return g_strdup (_("✗ Failed"));
}

static char *
assessor_text (gpointer owner, CdRow *row, const char **css)
{
  const char *assessor = cd_row_get_value (row, CD_ASSESSMENT_COL_ASSESSOR);

  if (assessor == NULL)
    {
      *css = "dim-label";
      return g_strdup (_("None recorded"));
    }
  return g_strdup (assessor);
}

/* State ---------------------------------------------------------------------------- */

static gboolean
filter_is_default (CdAssessmentsPage *self)
{
  return (self->filter.text == NULL || *self->filter.text == '\0') && self->filter.kind < 0 &&
         self->filter.result == CD_ASSESSMENT_RESULT_ANY;
}

static gint64
selected_staff (CdAssessmentsPage *self)
{
  GtkSelectionModel *selection = gtk_column_view_get_model (self->column_view);
  guint position = gtk_single_selection_get_selected (GTK_SINGLE_SELECTION (selection));
  CdRowModel *model = cd_training_list_get_model (self->list);
  g_autoptr(CdRow) row = NULL;

  if (position == GTK_INVALID_LIST_POSITION)
    return 0;
  row = g_list_model_get_item (G_LIST_MODEL (model), position);
  return row != NULL ? cd_row_get_int (row, CD_ASSESSMENT_COL_STAFF_ID, 0) : 0;
}

static void
update_state (CdAssessmentsPage *self)
{
  gboolean editor = cd_training_can_edit (CD_PAGE_STORE (self));
  gboolean others = cd_training_can_read_others (CD_PAGE_STORE (self));
  gint64 selected = cd_training_list_get_selected_id (self->list);

  cd_training_list_show_state (self->list, self->list_stack, self->error_page, !filter_is_default (self));

  gtk_widget_set_visible (GTK_WIDGET (self->new_button), editor);
  gtk_widget_set_visible (GTK_WIDGET (self->import_button), editor);
  gtk_widget_set_visible (GTK_WIDGET (self->edit_button), editor);
  gtk_widget_set_visible (GTK_WIDGET (self->delete_button), editor);
  gtk_widget_set_visible (GTK_WIDGET (self->record_button), others);
  gtk_widget_set_visible (self->empty_button, editor);
  gtk_column_view_column_set_visible (self->person_column, others);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "assessments.new", editor);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "assessments.import", editor);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "assessments.edit", editor && selected != 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "assessments.delete", editor && selected != 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "assessments.open-record", others && selected != 0);
  if (!editor)
    adw_status_page_set_description (self->empty_page,
                                     others ? _("No assessment has been recorded yet. Trainers record them.")
                                            : _("You have no assessments yet. Trainers record them after exams, practical tests and customer evaluations."));
}

static void
apply_filters (CdAssessmentsPage *self)
{
  g_autofree char *text = cd_validate_trim (gtk_editable_get_text (GTK_EDITABLE (self->search_entry)));
  guint kind = gtk_drop_down_get_selected (self->kind_dropdown);
  guint result = gtk_drop_down_get_selected (self->result_dropdown);

  g_free (self->filter.text);
  self->filter.text = *text != '\0' ? g_steal_pointer (&text) : NULL;
  self->filter.kind = kind == 0 || kind == GTK_INVALID_LIST_POSITION ? -1 : (int) kind - 1;
  self->filter.result = result == 1 ? CD_ASSESSMENT_RESULT_PASSED
                        : result == 2 ? CD_ASSESSMENT_RESULT_FAILED
                        : CD_ASSESSMENT_RESULT_ANY;
  cd_assessments_list_set_filter (cd_training_list_get_model (self->list), &self->filter);
  cd_training_list_scroll_to_top (self->list);
  update_state (self);
}

static void
on_filter_changed_cb (CdAssessmentsPage *self)
{
  if (self->list != NULL)
    apply_filters (self);
}

static void
on_search_entry_activate_cb (CdAssessmentsPage *self)
{
  cd_training_list_focus (self->list);
}

static void
on_selection_changed_cb (CdAssessmentsPage *self)
{
  update_state (self);
}

/* Actions ------------------------------------------------------------------------- */

static void
on_saved_cb (CdAssessmentsPage *self)
{
  cd_training_toast (GTK_WIDGET (self), _("Assessment saved"));
}

static void
open_editor (CdAssessmentsPage *self,
             gint64             id)
{
  GtkWidget *editor = cd_assessment_editor_new (CD_PAGE_STORE (self), id, 0);

  g_signal_connect_object (editor, "saved", G_CALLBACK (on_saved_cb), self, G_CONNECT_SWAPPED);
  cd_training_present (GTK_WIDGET (self), editor);
}

static void
new_action (GtkWidget *widget, const char *name, GVariant *parameter)
{
  open_editor (CD_ASSESSMENTS_PAGE (widget), 0);
}

static void
edit_action (GtkWidget *widget, const char *name, GVariant *parameter)
{
  CdAssessmentsPage *self = CD_ASSESSMENTS_PAGE (widget);
  gint64 id = cd_training_list_get_selected_id (self->list);

  if (id != 0)
    open_editor (self, id);
}

static void
import_action (GtkWidget *widget, const char *name, GVariant *parameter)
{
  CdAssessmentsPage *self = CD_ASSESSMENTS_PAGE (widget);

  cd_training_present (GTK_WIDGET (self),
                       GTK_WIDGET (cd_import_dialog_new (CD_PAGE_STORE (self), cd_training_results_import_kind (), 0)));
}

static void
open_record_action (GtkWidget *widget, const char *name, GVariant *parameter)
{
  CdAssessmentsPage *self = CD_ASSESSMENTS_PAGE (widget);
  gint64 staff_id = selected_staff (self);

  if (staff_id != 0)
    g_signal_emit (self, signals[SIGNAL_OPEN_RECORD], 0, staff_id, (gint64) 0);
}

typedef struct {
  gint64 id;
  gint64 version;
} DeleteJob;

static gboolean
run_delete (CdStore *store, gpointer data, GCancellable *cancellable, GError **error)
{
  DeleteJob *job = data;

  return cd_assessment_delete (store, job->id, job->version, error);
}

static void
delete_done_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr(CdAssessmentsPage) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!cd_store_run_finish (CD_STORE (source), result, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        cd_training_show_error (GTK_WIDGET (self), _("Could Not Delete the Assessment"), error);
      return;
    }
  cd_training_toast (GTK_WIDGET (self), _("Assessment deleted"));
}

static void
on_delete_response_cb (AdwMessageDialog  *dialog,
                       const char        *response,
                       CdAssessmentsPage *self)
{
  DeleteJob *job = g_object_get_data (G_OBJECT (dialog), "job");

  if (g_strcmp0 (response, "delete") != 0 || job == NULL)
    return;
  cd_store_run_async (CD_PAGE_STORE (self), CD_STORE_LANE_WRITE, run_delete, g_memdup2 (job, sizeof *job), g_free,
                      CD_PAGE_CANCELLABLE (self), delete_done_cb, g_object_ref (self));
}

static void
delete_action (GtkWidget *widget, const char *name, GVariant *parameter)
{
  CdAssessmentsPage *self = CD_ASSESSMENTS_PAGE (widget);
  gint64 id = cd_training_list_get_selected_id (self->list);
  g_autoptr(GError) error = NULL;
  g_autoptr(CdAssessment) assessment = id != 0 ? cd_assessment_load (CD_PAGE_STORE (self), id, &error) : NULL;
  GtkRoot *root = gtk_widget_get_root (widget);
  g_autofree char *subject = NULL;
  g_autofree char *body = NULL;
  g_autofree char *day = NULL;
  DeleteJob *job;
  GtkWidget *dialog;

  if (assessment == NULL)
    {
      if (error != NULL)
        cd_training_show_error (widget, _("Could Not Delete the Assessment"), error);
      return;
    }
  day = cd_datetime_format_date (assessment->assessed_at);
  subject = g_strdup (assessment->course_title != NULL ? assessment->course_title : assessment->certification_name);
  /* Translators: asking before deleting an assessment: "Li Na’s exam of “Handling complaints” on 3 May 2025 …" */
  body = g_strdup_printf (_("%s’s %s of “%s” on %s is taken off their training record."),
                          assessment->staff_name, cd_assessment_kind_label (assessment->kind), subject, day);
  dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, _("Delete the Assessment?"),
                                   body);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"), "delete", _("_Delete"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "delete", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  job = g_new0 (DeleteJob, 1);
  job->id = assessment->id;
  job->version = assessment->version;
  g_object_set_data_full (G_OBJECT (dialog), "job", job, g_free);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_delete_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
clear_filters_action (GtkWidget *widget, const char *name, GVariant *parameter)
{
  CdAssessmentsPage *self = CD_ASSESSMENTS_PAGE (widget);

  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  gtk_drop_down_set_selected (self->kind_dropdown, 0);
  gtk_drop_down_set_selected (self->result_dropdown, 0);
  apply_filters (self);
}

static void
on_column_view_activate_cb (CdAssessmentsPage *self,
                            guint              position,
                            GtkColumnView     *view)
{
  gint64 id = cd_row_model_get_id (cd_training_list_get_model (self->list), position);

  if (id <= 0)
    return;
  if (cd_training_can_edit (CD_PAGE_STORE (self)))
    open_editor (self, id);
  else if (cd_training_can_read_others (CD_PAGE_STORE (self)))
    gtk_widget_activate_action (GTK_WIDGET (self), "assessments.open-record", NULL);
}

/* GObject ------------------------------------------------------------------------- */

static void
cd_assessments_page_constructed (GObject *object)
{
  CdAssessmentsPage *self = CD_ASSESSMENTS_PAGE (object);
  g_autoptr(GtkStringList) kinds = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) results = gtk_string_list_new ((const char * const[]) {
    _("Passed or Failed"), _("Passed"), _("Failed"), NULL });
  g_autoptr(CdRowModel) model = NULL;

  G_OBJECT_CLASS (cd_assessments_page_parent_class)->constructed (object);

  gtk_string_list_append (kinds, _("All Kinds"));
  for (guint i = 0; i < cd_assessment_kind_count (); i++)
    gtk_string_list_append (kinds, cd_assessment_kind_label ((CdAssessmentKind) i));
  gtk_drop_down_set_model (self->kind_dropdown, G_LIST_MODEL (kinds));
  gtk_drop_down_set_model (self->result_dropdown, G_LIST_MODEL (results));

  cd_assessment_filter_init (&self->filter);
  model = cd_assessments_list_new (CD_PAGE_STORE (self), &self->filter);
  self->list = cd_training_list_new (self->column_view, model, self, refresh_kinds);
  cd_training_list_watch_search (self->list, self->search_entry, G_CALLBACK (on_filter_changed_cb));
  cd_training_list_add_column (self->list, self->date_column, "date", date_text, FALSE);
  cd_training_list_add_column (self->list, self->person_column, "person", person_text, FALSE);
  cd_training_list_add_column (self->list, self->subject_column, "subject", subject_text, FALSE);
  cd_training_list_add_column (self->list, self->kind_column, "kind", kind_text, FALSE);
  cd_training_list_add_column (self->list, self->score_column, "score", score_text, TRUE);
  cd_training_list_add_column (self->list, self->result_column, "result", result_text, FALSE);
  cd_training_list_add_column (self->list, self->assessor_column, NULL, assessor_text, FALSE);
  cd_training_list_show_sorted (self->list, self->date_column, TRUE);
  cd_training_list_keep_sort (self->list, &self->filter.sort_column, &self->filter.sort_descending);
  cd_training_list_watch (self->list, G_CALLBACK (on_selection_changed_cb));
  update_state (self);
}

static void
cd_assessments_page_dispose (GObject *object)
{
  CdAssessmentsPage *self = CD_ASSESSMENTS_PAGE (object);

  g_clear_pointer (&self->list, cd_training_list_free);
  G_OBJECT_CLASS (cd_assessments_page_parent_class)->dispose (object);
}

static void
cd_assessments_page_finalize (GObject *object)
{
  CdAssessmentsPage *self = CD_ASSESSMENTS_PAGE (object);

  cd_assessment_filter_clear (&self->filter);
  G_OBJECT_CLASS (cd_assessments_page_parent_class)->finalize (object);
}

static void
cd_assessments_page_class_init (CdAssessmentsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = cd_assessments_page_constructed;
  object_class->dispose = cd_assessments_page_dispose;
  object_class->finalize = cd_assessments_page_finalize;

  signals[SIGNAL_OPEN_RECORD] =
    g_signal_new ("open-record", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, G_TYPE_INT64, G_TYPE_INT64);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/training/cd-assessments-page.ui");
  gtk_widget_class_bind_template_child (widget_class, CdAssessmentsPage, search_entry);
  gtk_widget_class_bind_template_child (widget_class, CdAssessmentsPage, kind_dropdown);
  gtk_widget_class_bind_template_child (widget_class, CdAssessmentsPage, result_dropdown);
  gtk_widget_class_bind_template_child (widget_class, CdAssessmentsPage, new_button);
  gtk_widget_class_bind_template_child (widget_class, CdAssessmentsPage, import_button);
  gtk_widget_class_bind_template_child (widget_class, CdAssessmentsPage, record_button);
  gtk_widget_class_bind_template_child (widget_class, CdAssessmentsPage, edit_button);
  gtk_widget_class_bind_template_child (widget_class, CdAssessmentsPage, delete_button);
  gtk_widget_class_bind_template_child (widget_class, CdAssessmentsPage, list_stack);
  gtk_widget_class_bind_template_child (widget_class, CdAssessmentsPage, column_view);
  gtk_widget_class_bind_template_child (widget_class, CdAssessmentsPage, date_column);
  gtk_widget_class_bind_template_child (widget_class, CdAssessmentsPage, person_column);
  gtk_widget_class_bind_template_child (widget_class, CdAssessmentsPage, subject_column);
  gtk_widget_class_bind_template_child (widget_class, CdAssessmentsPage, kind_column);
  gtk_widget_class_bind_template_child (widget_class, CdAssessmentsPage, score_column);
  gtk_widget_class_bind_template_child (widget_class, CdAssessmentsPage, result_column);
  gtk_widget_class_bind_template_child (widget_class, CdAssessmentsPage, assessor_column);
  gtk_widget_class_bind_template_child (widget_class, CdAssessmentsPage, empty_page);
  gtk_widget_class_bind_template_child (widget_class, CdAssessmentsPage, empty_button);
  gtk_widget_class_bind_template_child (widget_class, CdAssessmentsPage, error_page);
  gtk_widget_class_bind_template_callback (widget_class, on_filter_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_search_entry_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_column_view_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, cd_training_list_cell_setup);
  gtk_widget_class_bind_template_callback (widget_class, cd_training_list_cell_bind);
  gtk_widget_class_bind_template_callback (widget_class, cd_training_list_cell_unbind);

  gtk_widget_class_install_action (widget_class, "assessments.new", NULL, new_action);
  gtk_widget_class_install_action (widget_class, "assessments.edit", NULL, edit_action);
  gtk_widget_class_install_action (widget_class, "assessments.delete", NULL, delete_action);
  gtk_widget_class_install_action (widget_class, "assessments.import", NULL, import_action);
  gtk_widget_class_install_action (widget_class, "assessments.open-record", NULL, open_record_action);
  gtk_widget_class_install_action (widget_class, "assessments.clear-filters", NULL, clear_filters_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK, "assessments.new", NULL);
}

static void
cd_assessments_page_init (CdAssessmentsPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
cd_assessments_page_new (CdStore *store)
{
  g_return_val_if_fail (CD_IS_STORE (store), NULL);
  return g_object_new (CD_TYPE_ASSESSMENTS_PAGE, "store", store, NULL);
}
