/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "caredesk-import"

#include "config.h"

#include <glib/gi18n.h>

#include "cd-file-chooser.h"
#include "cd-import-dialog.h"

#define PREVIEW_ROWS 6

typedef enum {
  STEP_CHOOSE,
  STEP_LOADING,
  STEP_PREVIEW,
  STEP_PROGRESS,
  STEP_REPORT,
} Step;

static const char *const step_names[] = { "choose", "loading", "preview", "progress", "report" };

struct _CdImportDialog
{
  AdwWindow                 parent_instance;

  CdStore                  *store;
  const CdImportKind       *kind;
  gint64                    context_id;

  /* Template widgets */
  AdwWindowTitle           *window_title;
  GtkButton                *cancel_button;
  GtkButton                *import_button;
  GtkWidget                *check_button;
  GtkWidget                *done_button;
  GtkStack                 *stack;
  GtkSpinner               *loading_spinner;
  GtkLabel                 *file_label;
  GtkLabel                 *format_label;
  GtkGrid                  *preview_grid;
  GtkLabel                 *mapping_message;
  GtkCheckButton           *option_check;
  AdwStatusPage            *choose_page;
  GtkLabel                 *mapping_hint;
  GtkLabel                 *progress_label;
  GtkProgressBar           *progress_bar;
  GtkLabel                 *report_title;
  GtkLabel                 *report_body;
  GtkWidget                *rejections_frame;
  GtkWidget                *report_spacer;
  GtkListView              *rejection_list;

  Step                      step;
  Step                      step_before;       /* where Cancel and Back return to */
  char                     *path;
  CdImportPreview *preview;
  GPtrArray                *dropdowns;         /* GtkDropDown per column */
  GtkStringList            *rejections;
  GCancellable             *cancellable;       /* the running read, check or import */
  GCancellable             *choosing;
  gboolean                  dry_run;           /* what is running or was reported */
  guint                     n_valid;           /* from the last check */
  guint                     n_rejected;
  guint                     generation;
};

enum {
  SIGNAL_IMPORTED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

enum {
  PROP_0,
  PROP_STORE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (CdImportDialog, cd_import_dialog, ADW_TYPE_WINDOW)

/* Steps ------------------------------------------------------------------- */

static gboolean mapping_is_usable (CdImportDialog *self);

static void
update_buttons (CdImportDialog *self)
{
  GtkWidget *widget = GTK_WIDGET (self);
  gboolean usable = self->preview != NULL && mapping_is_usable (self);
  const char *cancel_label = _("_Cancel");

  gtk_widget_set_visible (self->check_button, self->step == STEP_PREVIEW);
  gtk_widget_set_visible (GTK_WIDGET (self->import_button),
                          self->step == STEP_PREVIEW || (self->step == STEP_REPORT && self->dry_run));
  gtk_widget_set_visible (self->done_button, self->step == STEP_REPORT && !self->dry_run);
  gtk_widget_set_visible (GTK_WIDGET (self->cancel_button), !(self->step == STEP_REPORT && !self->dry_run));

  if (self->step == STEP_REPORT && self->dry_run)
    {
      g_autofree char *label = cd_import_kind_text (self->kind, CD_IMPORT_TEXT_IMPORT_BUTTON, self->n_valid, NULL);
      gtk_button_set_label (self->import_button, label);
      cancel_label = _("_Back");
    }
  else
    gtk_button_set_label (self->import_button, _("_Import"));
  gtk_button_set_label (self->cancel_button, cancel_label);

  gtk_widget_action_set_enabled (widget, "import.check", self->step == STEP_PREVIEW && usable);
  gtk_widget_action_set_enabled (widget, "import.import",
                                 usable && (self->step == STEP_PREVIEW ||
                                            (self->step == STEP_REPORT && self->dry_run && self->n_valid > 0 &&
                                             !(self->kind->all_or_nothing && self->n_rejected > 0))));
  gtk_widget_action_set_enabled (widget, "import.choose",
                                 self->step == STEP_CHOOSE || self->step == STEP_PREVIEW);
}

static void
set_step (CdImportDialog *self,
          Step                    step)
{
  self->step = step;
  gtk_stack_set_visible_child_name (self->stack, step_names[step]);
  gtk_spinner_set_spinning (self->loading_spinner, step == STEP_LOADING);
  update_buttons (self);
}

static void
show_note (CdImportDialog *self,
           const char             *text,
           gboolean                is_error)
{
  gtk_label_set_text (self->mapping_message, text != NULL ? text : "");
  gtk_widget_set_visible (GTK_WIDGET (self->mapping_message), text != NULL);
  if (is_error)
    gtk_widget_add_css_class (GTK_WIDGET (self->mapping_message), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->mapping_message), "error");
}

/* Mapping -------------------------------------------------------------------- */

static int *
dup_mapping (CdImportDialog *self)
{
  int *mapping = g_new0 (int, MAX (self->dropdowns->len, 1));

  for (guint i = 0; i < self->dropdowns->len; i++)
    {
      guint selected = gtk_drop_down_get_selected (g_ptr_array_index (self->dropdowns, i));

      /* Position 0 is Ignore; then the fields in their order. */
      mapping[i] = selected == 0 || selected == GTK_INVALID_LIST_POSITION
                   ? CD_IMPORT_FIELD_IGNORE : (int) selected - 1;
    }
  return mapping;
}

/* The problem with the chosen mapping, or NULL. */
static char *
mapping_problem (CdImportDialog *self)
{
  g_autofree int *mapping = dup_mapping (self);

  return cd_import_mapping_problem (self->kind, mapping, self->dropdowns->len, TRUE);
}

static gboolean
mapping_is_usable (CdImportDialog *self)
{
  g_autofree char *problem = mapping_problem (self);

  return problem == NULL;
}

static void
on_mapping_changed_cb (CdImportDialog *self)
{
  g_autofree char *problem = mapping_problem (self);

  show_note (self, problem, TRUE);
  update_buttons (self);
}

static GtkStringList *
make_field_choices (CdImportDialog *self)
{
  GtkStringList *choices = gtk_string_list_new (NULL);

  gtk_string_list_append (choices, _("Ignore"));
  for (guint f = 0; f < self->kind->n_fields; f++)
    gtk_string_list_append (choices, self->kind->field_label ((int) f));
  return choices;
}

static void
show_error (CdImportDialog *self,
            const char     *heading,
            const GError   *error)
{
  GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (self), heading, error->message);

  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "close");
  gtk_window_present (GTK_WINDOW (dialog));
}

static GtkWidget *
make_cell (const char *text,
           gboolean    heading)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_label_set_single_line_mode (GTK_LABEL (label), TRUE);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 24);
  gtk_widget_set_tooltip_text (label, text);
  if (heading)
    gtk_widget_add_css_class (label, "heading");
  return label;
}

static const char *
separator_text (char separator)
{
  switch (separator)
    {
    case ',':
      return _("Separated by commas");
    case ';':
      return _("Separated by semicolons");
    case '\t':
      return _("Separated by tabs");
    default:
      return _("Separated by another character");
    }
}

static void
show_preview (CdImportDialog *self)
{
  CdImportPreview *preview = self->preview;
  g_autoptr(GtkStringList) choices = make_field_choices (self);
  g_autoptr(GtkExpression) expression = NULL;
  g_autofree char *basename = g_path_get_basename (self->path);
  g_autofree char *format = NULL;
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->preview_grid))) != NULL)
    gtk_grid_remove (self->preview_grid, child);
  g_ptr_array_set_size (self->dropdowns, 0);

  gtk_label_set_text (self->file_label, basename);
  adw_window_title_set_subtitle (self->window_title, basename);
  /* Translators: "<separator> · <encoding>" under the file name */
  format = g_strdup_printf (_("%s · %s"), separator_text (preview->separator),
                            preview->had_bom ? _("UTF-8 with a byte-order mark") : _("UTF-8"));
  gtk_label_set_text (self->format_label, format);

  expression = gtk_property_expression_new (GTK_TYPE_STRING_OBJECT, NULL, "string");
  for (guint c = 0; c < preview->n_columns; c++)
    {
      const char *header = preview->header[c] != NULL ? preview->header[c] : "";
      g_autofree char *accessible = NULL;
      GtkWidget *dropdown = gtk_drop_down_new (G_LIST_MODEL (g_object_ref (choices)), NULL);
      int field = preview->mapping[c];

      gtk_drop_down_set_expression (GTK_DROP_DOWN (dropdown), expression);
      gtk_drop_down_set_selected (GTK_DROP_DOWN (dropdown),
                                  field >= 0 && field < (int) self->kind->n_fields ? (guint) field + 1 : 0);
      /* Translators: the accessible name of the field chooser above a
       * column; %s is the column's header */
      accessible = g_strdup_printf (_("Field for column “%s”"), header);
      gtk_accessible_update_property (GTK_ACCESSIBLE (dropdown),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, accessible,
                                      -1);
      g_signal_connect_object (dropdown, "notify::selected", G_CALLBACK (on_mapping_changed_cb),
                               self, G_CONNECT_SWAPPED);
      g_ptr_array_add (self->dropdowns, dropdown);

      gtk_grid_attach (self->preview_grid, dropdown, (int) c, 0, 1, 1);
      gtk_grid_attach (self->preview_grid, make_cell (header, TRUE), (int) c, 1, 1, 1);

      for (guint r = 0; r < preview->rows->len; r++)
        {
          CdCsvRecord *record = g_ptr_array_index (preview->rows, r);
          const char *value = c < record->n_fields ? record->fields[c] : "";

          gtk_grid_attach (self->preview_grid, make_cell (value, FALSE), (int) c, (int) r + 2, 1, 1);
        }
    }

  set_step (self, STEP_PREVIEW);
  on_mapping_changed_cb (self);
}

/* Reading the first rows ---------------------------------------------------------- */

static void
preview_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  const char *path = task_data;
  CdImportDialog *self = source_object;
  GError *error = NULL;
  CdImportPreview *preview = cd_import_preview (self->kind, path, PREVIEW_ROWS, &error);

  if (preview == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, preview, (GDestroyNotify) cd_import_preview_free);
}

static void
preview_done_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  CdImportDialog *self = CD_IMPORT_DIALOG (source);
  g_autoptr(GError) error = NULL;
  CdImportPreview *preview;

  preview = g_task_propagate_pointer (G_TASK (result), &error);
  if (GPOINTER_TO_UINT (user_data) != self->generation)
    {
      /* Another file was chosen meanwhile. */
      g_clear_pointer (&preview, cd_import_preview_free);
      return;
    }

  if (preview == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      set_step (self, self->step_before);
      show_error (self, _("Could Not Read the File"), error);
      return;
    }

  g_clear_pointer (&self->preview, cd_import_preview_free);
  self->preview = preview;

  if (preview->n_columns == 0)
    {
      g_autoptr(GError) empty =
        g_error_new_literal (CD_STORE_ERROR, CD_STORE_ERROR_INVALID,
                             _("The file has no columns. Choose a CSV file with a header line."));
      g_clear_pointer (&self->preview, cd_import_preview_free);
      set_step (self, self->step_before);
      show_error (self, _("Could Not Read the File"), empty);
      return;
    }

  show_preview (self);
}

void
cd_import_dialog_set_path (CdImportDialog *self,
                                    const char             *path)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (CD_IS_IMPORT_DIALOG (self));
  g_return_if_fail (path != NULL);
  g_return_if_fail (self->step == STEP_CHOOSE || self->step == STEP_PREVIEW);

  g_free (self->path);
  self->path = g_strdup (path);
  self->generation++;

  self->step_before = self->step;
  set_step (self, STEP_LOADING);

  task = g_task_new (self, NULL, preview_done_cb, GUINT_TO_POINTER (self->generation));
  g_task_set_source_tag (task, cd_import_dialog_set_path);
  g_task_set_name (task, "[caredesk] preview CSV");
  g_task_set_task_data (task, g_strdup (path), g_free);
  g_task_run_in_thread (task, preview_thread);
}

static void
on_csv_chosen_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(CdImportDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = cd_file_chooser_choose_finish (result, &error);
  g_autofree char *path = NULL;

  g_clear_object (&self->choosing);
  if (file == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        show_error (self, _("Could Not Read the File"), error);
      return;
    }

  path = g_file_get_path (file);
  if (path == NULL)
    {
      g_autoptr(GError) local_error =
        g_error_new_literal (G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                             _("Caredesk can only read a file on this computer or a mounted share. "
                               "Copy the file here first."));
      show_error (self, _("Could Not Read the File"), local_error);
      return;
    }

  cd_import_dialog_set_path (self, path);
}

static void
choose_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  CdImportDialog *self = CD_IMPORT_DIALOG (widget);
  const CdFileChooserFilter filters[] = {
    { _("CSV files"), "*.csv;*.CSV" },
    { _("All files"), "*" },
  };

  if (self->choosing != NULL)
    return;
  self->choosing = g_cancellable_new ();
  cd_file_chooser_choose_async (GTK_WINDOW (self), CD_FILE_CHOOSER_OPEN, _("Choose a CSV File"), _("_Open"),
                                NULL, NULL, filters, G_N_ELEMENTS (filters), self->choosing,
                                on_csv_chosen_cb, g_object_ref (self));
}

/* Checking and importing ------------------------------------------------------------ */

static void
on_progress_cb (double   fraction,
                gpointer user_data)
{
  CdImportDialog *self = user_data;
  g_autofree char *text = NULL;

  fraction = CLAMP (fraction, 0.0, 1.0);
  gtk_progress_bar_set_fraction (self->progress_bar, fraction);
  /* Translators: progress of an import, e.g. "42 %" */
  text = g_strdup_printf (_("%d %%"), (int) (fraction * 100 + 0.5));
  gtk_progress_bar_set_text (self->progress_bar, text);
}

static void
fill_rejections (CdImportDialog  *self,
                 CdImportReport *report)
{
  guint n = report->rejections != NULL ? report->rejections->len : 0;
  g_autoptr(GPtrArray) lines = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < n; i++)
    g_ptr_array_add (lines, cd_import_rejection_format (&g_array_index (report->rejections, CdImportRejection, i)));
  g_ptr_array_add (lines, NULL);

  gtk_string_list_splice (self->rejections, 0,
                          g_list_model_get_n_items (G_LIST_MODEL (self->rejections)),
                          (const char * const *) lines->pdata);
  gtk_widget_set_visible (self->rejections_frame, n > 0);
  gtk_widget_set_visible (self->report_spacer, n == 0);
}

static void
show_report (CdImportDialog  *self,
             CdImportReport *report)
{
  guint n_rejected = report->rejections != NULL ? report->rejections->len : 0;
  g_autofree char *title = NULL;
  g_autofree char *body = NULL;

  fill_rejections (self, report);

  if (self->dry_run)
    {
      self->n_valid = report->n_valid;
      self->n_rejected = n_rejected;
      if (report->n_records == 0)
        title = cd_import_kind_text (self->kind, CD_IMPORT_TEXT_NO_RECORDS, 0, NULL);
      else if (n_rejected == 0)
        title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                              "The line can be imported",
                                              "All %'u lines can be imported",
                                              report->n_records),
                                 report->n_records);
      else
        title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                              "%'u of %'u line can be imported",
                                              "%'u of %'u lines can be imported",
                                              report->n_records),
                                 report->n_valid, report->n_records);

      if (n_rejected > 0 && self->kind->all_or_nothing)
        body = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                             "This line cannot be imported, so nothing will be: every line of "
                                             "this file is imported, or none. Correct it in the file and choose it again.",
                                             "These %'u lines cannot be imported, so nothing will be: every line of "
                                             "this file is imported, or none. Correct them in the file and choose it again.",
                                             n_rejected),
                                n_rejected);
      else if (n_rejected > 0)
        body = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                             "This line cannot be imported and will be skipped. Correct it in the "
                                             "file and choose it again, or import the others now.",
                                             "These %'u lines cannot be imported and will be skipped. Correct them "
                                             "in the file and choose it again, or import the others now.",
                                             n_rejected),
                                n_rejected);
      else if (report->n_valid > 0)
        body = g_strdup (_("Nothing has been written yet. Import adds them all at once, in one step."));
      else
        body = g_strdup ("");
    }
  else
    {
      title = cd_import_kind_text (self->kind, CD_IMPORT_TEXT_IMPORTED, report->n_imported, NULL);
      body = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                           "This line was skipped:",
                                           "These %'u lines were skipped:",
                                           n_rejected),
                              n_rejected);
    }

  gtk_label_set_text (self->report_title, title);
  gtk_label_set_text (self->report_body, body);
  gtk_widget_set_visible (GTK_WIDGET (self->report_body), body[0] != '\0');
  set_step (self, STEP_REPORT);
}

static void
import_done_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(CdImportDialog) self = user_data;
  g_autoptr(CdImportReport) report = NULL;
  g_autoptr(GError) error = NULL;

  report = cd_import_finish (CD_STORE (source), result, &error);
  g_clear_object (&self->cancellable);

  if (self->store == NULL)
    {
      /* Closed meanwhile; a finished import was still written. */
      return;
    }

  if (report == NULL)
    {
      set_step (self, STEP_PREVIEW);
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        show_note (self,
                   self->dry_run ? _("The check was stopped.")
                                 : _("The import was stopped. Nothing was written."),
                   FALSE);
      else
        {
          g_autofree char *heading = self->dry_run ? g_strdup (_("Could Not Check the File"))
                                                   : cd_import_kind_text (self->kind, CD_IMPORT_TEXT_FAILED, 0, NULL);
          show_error (self, heading, error);
        }
      return;
    }

  if (!self->dry_run && report->n_imported > 0)
    g_signal_emit (self, signals[SIGNAL_IMPORTED], 0, report->n_imported);

  if (!self->dry_run && (report->rejections == NULL || report->rejections->len == 0))
    {
      gtk_window_destroy (GTK_WINDOW (self));
      return;
    }

  show_report (self, report);
}

static void
start (CdImportDialog *self,
       gboolean                dry_run)
{
  g_autofree int *mapping = NULL;
  g_autofree char *importing = NULL;
  CdImportFlags flags = CD_IMPORT_DEFAULT;

  if (self->preview == NULL || !mapping_is_usable (self))
    return;

  mapping = dup_mapping (self);
  if (dry_run)
    flags |= CD_IMPORT_DRY_RUN;
  if (gtk_widget_get_visible (GTK_WIDGET (self->option_check)) && gtk_check_button_get_active (self->option_check))
    flags |= CD_IMPORT_OPTION;

  self->dry_run = dry_run;
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();

  importing = cd_import_kind_text (self->kind, CD_IMPORT_TEXT_IMPORTING, 0, NULL);
  gtk_label_set_text (self->progress_label, dry_run ? _("Checking every line…") : importing);
  gtk_progress_bar_set_fraction (self->progress_bar, 0);
  gtk_progress_bar_set_text (self->progress_bar, NULL);
  show_note (self, NULL, FALSE);
  set_step (self, STEP_PROGRESS);

  cd_import_async (self->store, self->kind, self->context_id, self->path, mapping, self->dropdowns->len, flags,
                   self->cancellable,
                   on_progress_cb, g_object_ref (self), g_object_unref,
                   import_done_cb, g_object_ref (self));
}

static void
check_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  start (CD_IMPORT_DIALOG (widget), TRUE);
}

static void
import_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  start (CD_IMPORT_DIALOG (widget), FALSE);
}

static void
cancel_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  CdImportDialog *self = CD_IMPORT_DIALOG (widget);

  switch (self->step)
    {
    case STEP_PROGRESS:
      /* The worker rolls back; the result arrives in import_done_cb(). */
      g_cancellable_cancel (self->cancellable);
      gtk_label_set_text (self->progress_label, _("Stopping…"));
      break;

    case STEP_REPORT:
      if (self->dry_run)
        {
          set_step (self, STEP_PREVIEW);
          on_mapping_changed_cb (self);
          break;
        }
      G_GNUC_FALLTHROUGH;

    case STEP_CHOOSE:
    case STEP_LOADING:
    case STEP_PREVIEW:
    default:
      gtk_window_close (GTK_WINDOW (self));
      break;
    }
}

/* GObject -------------------------------------------------------------------------- */

static gboolean
cd_import_dialog_close_request (GtkWindow *window)
{
  CdImportDialog *self = CD_IMPORT_DIALOG (window);

  /* Closing while importing stops the import: nothing is written. */
  g_cancellable_cancel (self->cancellable);

  return GTK_WINDOW_CLASS (cd_import_dialog_parent_class)->close_request (window);
}

static void
cd_import_dialog_get_property (GObject    *object,
                                        guint       prop_id,
                                        GValue     *value,
                                        GParamSpec *pspec)
{
  CdImportDialog *self = CD_IMPORT_DIALOG (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cd_import_dialog_set_property (GObject      *object,
                                        guint         prop_id,
                                        const GValue *value,
                                        GParamSpec   *pspec)
{
  CdImportDialog *self = CD_IMPORT_DIALOG (object);

  switch (prop_id)
    {
    case PROP_STORE:
      self->store = g_value_dup_object (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cd_import_dialog_dispose (GObject *object)
{
  CdImportDialog *self = CD_IMPORT_DIALOG (object);

  g_cancellable_cancel (self->cancellable);
  if (self->choosing != NULL)
    g_cancellable_cancel (self->choosing);
  g_clear_object (&self->choosing);

  gtk_widget_dispose_template (GTK_WIDGET (self), CD_TYPE_IMPORT_DIALOG);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (cd_import_dialog_parent_class)->dispose (object);
}

static void
cd_import_dialog_finalize (GObject *object)
{
  CdImportDialog *self = CD_IMPORT_DIALOG (object);

  g_clear_object (&self->cancellable);
  g_clear_object (&self->rejections);
  g_clear_pointer (&self->dropdowns, g_ptr_array_unref);
  g_clear_pointer (&self->preview, cd_import_preview_free);
  g_free (self->path);

  G_OBJECT_CLASS (cd_import_dialog_parent_class)->finalize (object);
}

static void
cd_import_dialog_class_init (CdImportDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->get_property = cd_import_dialog_get_property;
  object_class->set_property = cd_import_dialog_set_property;
  object_class->dispose = cd_import_dialog_dispose;
  object_class->finalize = cd_import_dialog_finalize;
  window_class->close_request = cd_import_dialog_close_request;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL,
                         CD_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[SIGNAL_IMPORTED] =
    g_signal_new ("imported", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_UINT);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/common/cd-import-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, CdImportDialog, window_title);
  gtk_widget_class_bind_template_child (widget_class, CdImportDialog, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, CdImportDialog, import_button);
  gtk_widget_class_bind_template_child (widget_class, CdImportDialog, check_button);
  gtk_widget_class_bind_template_child (widget_class, CdImportDialog, done_button);
  gtk_widget_class_bind_template_child (widget_class, CdImportDialog, stack);
  gtk_widget_class_bind_template_child (widget_class, CdImportDialog, loading_spinner);
  gtk_widget_class_bind_template_child (widget_class, CdImportDialog, file_label);
  gtk_widget_class_bind_template_child (widget_class, CdImportDialog, format_label);
  gtk_widget_class_bind_template_child (widget_class, CdImportDialog, preview_grid);
  gtk_widget_class_bind_template_child (widget_class, CdImportDialog, mapping_message);
  gtk_widget_class_bind_template_child (widget_class, CdImportDialog, option_check);
  gtk_widget_class_bind_template_child (widget_class, CdImportDialog, choose_page);
  gtk_widget_class_bind_template_child (widget_class, CdImportDialog, mapping_hint);
  gtk_widget_class_bind_template_child (widget_class, CdImportDialog, progress_label);
  gtk_widget_class_bind_template_child (widget_class, CdImportDialog, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, CdImportDialog, report_title);
  gtk_widget_class_bind_template_child (widget_class, CdImportDialog, report_body);
  gtk_widget_class_bind_template_child (widget_class, CdImportDialog, rejections_frame);
  gtk_widget_class_bind_template_child (widget_class, CdImportDialog, report_spacer);
  gtk_widget_class_bind_template_child (widget_class, CdImportDialog, rejection_list);

  gtk_widget_class_install_action (widget_class, "import.choose", NULL, choose_action);
  gtk_widget_class_install_action (widget_class, "import.check", NULL, check_action);
  gtk_widget_class_install_action (widget_class, "import.import", NULL, import_action);
  gtk_widget_class_install_action (widget_class, "import.cancel", NULL, cancel_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "import.cancel", NULL);
}

static void
cd_import_dialog_init (CdImportDialog *self)
{
  g_autoptr(GtkNoSelection) selection = NULL;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->dropdowns = g_ptr_array_new ();
  self->rejections = gtk_string_list_new (NULL);
  selection = gtk_no_selection_new (G_LIST_MODEL (g_object_ref (self->rejections)));
  gtk_list_view_set_model (self->rejection_list, GTK_SELECTION_MODEL (selection));

  set_step (self, STEP_CHOOSE);
}

/* Public -------------------------------------------------------------------------- */

CdImportDialog *
cd_import_dialog_new (CdStore            *store,
                      const CdImportKind *kind,
                      gint64              context_id)
{
  CdImportDialog *self;
  g_autofree char *title = NULL;
  g_autofree char *description = NULL;
  g_autofree char *hint = NULL;
  g_autofree char *option = NULL;

  g_return_val_if_fail (CD_IS_STORE (store), NULL);
  g_return_val_if_fail (kind != NULL, NULL);

  self = g_object_new (CD_TYPE_IMPORT_DIALOG, "store", store, NULL);
  self->kind = kind;
  self->context_id = context_id;

  title = cd_import_kind_text (kind, CD_IMPORT_TEXT_TITLE, 0, NULL);
  description = cd_import_kind_text (kind, CD_IMPORT_TEXT_DESCRIPTION, 0, NULL);
  hint = cd_import_kind_text (kind, CD_IMPORT_TEXT_MAPPING_HINT, 0, NULL);
  option = kind->text (CD_IMPORT_TEXT_OPTION, 0, NULL);
  gtk_window_set_title (GTK_WINDOW (self), title);
  adw_window_title_set_title (self->window_title, title);
  adw_status_page_set_description (self->choose_page, description);
  gtk_label_set_text (self->mapping_hint, hint);
  gtk_check_button_set_label (self->option_check, option);
  gtk_widget_set_visible (GTK_WIDGET (self->option_check), option != NULL);
  return self;
}

const char *
cd_import_dialog_get_step (CdImportDialog *self)
{
  g_return_val_if_fail (CD_IS_IMPORT_DIALOG (self), NULL);

  return step_names[self->step];
}
