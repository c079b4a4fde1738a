/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "caredesk-customers"

#include "config.h"

#include <glib/gi18n.h>

#include "cd-customer-import-dialog.h"
#include "cd-file-chooser.h"
#include "cd-customers.h"
#include "cd-customers-util.h"

#define PREVIEW_ROWS 6

typedef enum {
  STEP_CHOOSE,
  STEP_LOADING,
  STEP_PREVIEW,
  STEP_PROGRESS,
  STEP_REPORT,
} Step;

static const char *const step_names[] = { "choose", "loading", "preview", "progress", "report" };

struct _CdCustomerImportDialog
{
  AdwWindow                 parent_instance;

  CdStore                  *store;

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
  GtkCheckButton           *duplicates_check;
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
  CdCustomersImportPreview *preview;
  GPtrArray                *dropdowns;         /* GtkDropDown per column */
  GtkStringList            *rejections;
  GCancellable             *cancellable;       /* the running read, check or import */
  GCancellable             *choosing;
  gboolean                  dry_run;           /* what is running or was reported */
  guint                     n_valid;           /* from the last check */
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

G_DEFINE_FINAL_TYPE (CdCustomerImportDialog, cd_customer_import_dialog, ADW_TYPE_WINDOW)

/* Steps ------------------------------------------------------------------- */

static gboolean mapping_is_usable (CdCustomerImportDialog *self);

static void
update_buttons (CdCustomerImportDialog *self)
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
      g_autofree char *label =
        g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "_Import %'u Customer", "_Import %'u Customers",
                                      self->n_valid),
                         self->n_valid);
      gtk_button_set_label (self->import_button, label);
      cancel_label = _("_Back");
    }
  else
    gtk_button_set_label (self->import_button, _("_Import"));
  gtk_button_set_label (self->cancel_button, cancel_label);

  gtk_widget_action_set_enabled (widget, "import.check", self->step == STEP_PREVIEW && usable);
  gtk_widget_action_set_enabled (widget, "import.import",
                                 usable && (self->step == STEP_PREVIEW ||
                                            (self->step == STEP_REPORT && self->dry_run && self->n_valid > 0)));
  gtk_widget_action_set_enabled (widget, "import.choose",
                                 self->step == STEP_CHOOSE || self->step == STEP_PREVIEW);
}

static void
set_step (CdCustomerImportDialog *self,
          Step                    step)
{
  self->step = step;
  gtk_stack_set_visible_child_name (self->stack, step_names[step]);
  gtk_spinner_set_spinning (self->loading_spinner, step == STEP_LOADING);
  update_buttons (self);
}

static void
show_note (CdCustomerImportDialog *self,
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
dup_mapping (CdCustomerImportDialog *self)
{
  int *mapping = g_new0 (int, MAX (self->dropdowns->len, 1));

  for (guint i = 0; i < self->dropdowns->len; i++)
    {
      guint selected = gtk_drop_down_get_selected (g_ptr_array_index (self->dropdowns, i));

      /* Position 0 is Ignore; then the fields in their order. */
      mapping[i] = selected == 0 || selected == GTK_INVALID_LIST_POSITION
                   ? CD_CUSTOMER_FIELD_IGNORE : (int) selected - 1;
    }
  return mapping;
}

/* The problem with the chosen mapping, or NULL. */
static char *
mapping_problem (CdCustomerImportDialog *self)
{
  g_autofree int *mapping = dup_mapping (self);
  guint uses[CD_CUSTOMER_N_FIELDS] = { 0, };

  for (guint i = 0; i < self->dropdowns->len; i++)
    if (mapping[i] >= 0 && mapping[i] < CD_CUSTOMER_N_FIELDS)
      uses[mapping[i]]++;

  if (uses[CD_CUSTOMER_FIELD_NAME] == 0)
    return g_strdup (_("Choose the column that holds the customers’ names: every customer needs one."));

  for (int f = 0; f < CD_CUSTOMER_N_FIELDS; f++)
    if (uses[f] > 1)
      /* Translators: %s is a field such as "Phone" */
      return g_strdup_printf (_("“%s” is chosen for more than one column. Choose it for one column only, "
                                "and Ignore for the others."),
                              cd_customer_field_label ((CdCustomerField) f));

  return NULL;
}

static gboolean
mapping_is_usable (CdCustomerImportDialog *self)
{
  g_autofree char *problem = mapping_problem (self);

  return problem == NULL;
}

static void
on_mapping_changed_cb (CdCustomerImportDialog *self)
{
  g_autofree char *problem = mapping_problem (self);

  show_note (self, problem, TRUE);
  update_buttons (self);
}

static GtkStringList *
make_field_choices (void)
{
  GtkStringList *choices = gtk_string_list_new (NULL);

  gtk_string_list_append (choices, _("Ignore"));
  for (int f = 0; f < CD_CUSTOMER_N_FIELDS; f++)
    gtk_string_list_append (choices, cd_customer_field_label ((CdCustomerField) f));
  return choices;
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
show_preview (CdCustomerImportDialog *self)
{
  CdCustomersImportPreview *preview = self->preview;
  g_autoptr(GtkStringList) choices = make_field_choices ();
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
                                  field >= 0 && field < CD_CUSTOMER_N_FIELDS ? (guint) field + 1 : 0);
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
  GError *error = NULL;
  CdCustomersImportPreview *preview = cd_customers_import_preview (path, PREVIEW_ROWS, &error);

  if (preview == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, preview, (GDestroyNotify) cd_customers_import_preview_free);
}

static void
preview_done_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  CdCustomerImportDialog *self = CD_CUSTOMER_IMPORT_DIALOG (source);
  g_autoptr(GError) error = NULL;
  CdCustomersImportPreview *preview;

  preview = g_task_propagate_pointer (G_TASK (result), &error);
  if (GPOINTER_TO_UINT (user_data) != self->generation)
    {
      /* Another file was chosen meanwhile. */
      g_clear_pointer (&preview, cd_customers_import_preview_free);
      return;
    }

  if (preview == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      set_step (self, self->step_before);
      cd_customers_show_error (GTK_WIDGET (self), _("Could Not Read the File"), error);
      return;
    }

  g_clear_pointer (&self->preview, cd_customers_import_preview_free);
  self->preview = preview;

  if (preview->n_columns == 0)
    {
      g_autoptr(GError) empty =
        g_error_new_literal (CD_STORE_ERROR, CD_STORE_ERROR_INVALID,
                             _("The file has no columns. Choose a CSV file with a header line."));
      g_clear_pointer (&self->preview, cd_customers_import_preview_free);
      set_step (self, self->step_before);
      cd_customers_show_error (GTK_WIDGET (self), _("Could Not Read the File"), empty);
      return;
    }

  show_preview (self);
}

void
cd_customer_import_dialog_set_path (CdCustomerImportDialog *self,
                                    const char             *path)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (CD_IS_CUSTOMER_IMPORT_DIALOG (self));
  g_return_if_fail (path != NULL);
  g_return_if_fail (self->step == STEP_CHOOSE || self->step == STEP_PREVIEW);

  g_free (self->path);
  self->path = g_strdup (path);
  self->generation++;

  self->step_before = self->step;
  set_step (self, STEP_LOADING);

  task = g_task_new (self, NULL, preview_done_cb, GUINT_TO_POINTER (self->generation));
  g_task_set_source_tag (task, cd_customer_import_dialog_set_path);
  g_task_set_name (task, "[caredesk] preview CSV");
  g_task_set_task_data (task, g_strdup (path), g_free);
  g_task_run_in_thread (task, preview_thread);
}

static void
on_csv_chosen_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(CdCustomerImportDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = cd_file_chooser_choose_finish (result, &error);
  g_autofree char *path = NULL;

  g_clear_object (&self->choosing);
  if (file == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        cd_customers_show_error (GTK_WIDGET (self), _("Could Not Read the File"), error);
      return;
    }

  path = g_file_get_path (file);
  if (path == NULL)
    {
      g_autoptr(GError) local_error =
        g_error_new_literal (G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                             _("Caredesk can only read a file on this computer or a mounted share. "
                               "Copy the file here first."));
      cd_customers_show_error (GTK_WIDGET (self), _("Could Not Read the File"), local_error);
      return;
    }

  cd_customer_import_dialog_set_path (self, path);
}

static void
choose_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  CdCustomerImportDialog *self = CD_CUSTOMER_IMPORT_DIALOG (widget);
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
  CdCustomerImportDialog *self = user_data;
  g_autofree char *text = NULL;

  fraction = CLAMP (fraction, 0.0, 1.0);
  gtk_progress_bar_set_fraction (self->progress_bar, fraction);
  /* Translators: progress of an import, e.g. "42 %" */
  text = g_strdup_printf (_("%d %%"), (int) (fraction * 100 + 0.5));
  gtk_progress_bar_set_text (self->progress_bar, text);
}

static void
fill_rejections (CdCustomerImportDialog  *self,
                 CdCustomersImportReport *report)
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
show_report (CdCustomerImportDialog  *self,
             CdCustomersImportReport *report)
{
  guint n_rejected = report->rejections != NULL ? report->rejections->len : 0;
  g_autofree char *title = NULL;
  g_autofree char *body = NULL;

  fill_rejections (self, report);

  if (self->dry_run)
    {
      self->n_valid = report->n_valid;
      if (report->n_records == 0)
        title = g_strdup (_("The file has no customers after its header line"));
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

      if (n_rejected > 0)
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
      title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                            "Imported %'u customer",
                                            "Imported %'u customers",
                                            report->n_imported),
                               report->n_imported);
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
  g_autoptr(CdCustomerImportDialog) self = user_data;
  g_autoptr(CdCustomersImportReport) report = NULL;
  g_autoptr(GError) error = NULL;

  report = cd_customers_import_finish (CD_STORE (source), result, &error);
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
        cd_customers_show_error (GTK_WIDGET (self),
                                 self->dry_run ? _("Could Not Check the File") : _("Could Not Import the Customers"),
                                 error);
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
start (CdCustomerImportDialog *self,
       gboolean                dry_run)
{
  g_autofree int *mapping = NULL;
  CdCustomersImportFlags flags = CD_CUSTOMERS_IMPORT_DEFAULT;

  if (self->preview == NULL || !mapping_is_usable (self))
    return;

  mapping = dup_mapping (self);
  if (dry_run)
    flags |= CD_CUSTOMERS_IMPORT_DRY_RUN;
  if (gtk_check_button_get_active (self->duplicates_check))
    flags |= CD_CUSTOMERS_IMPORT_ALLOW_DUPLICATES;

  self->dry_run = dry_run;
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();

  gtk_label_set_text (self->progress_label, dry_run ? _("Checking every line…") : _("Importing customers…"));
  gtk_progress_bar_set_fraction (self->progress_bar, 0);
  gtk_progress_bar_set_text (self->progress_bar, NULL);
  show_note (self, NULL, FALSE);
  set_step (self, STEP_PROGRESS);

  cd_customers_import_async (self->store, self->path, mapping, self->dropdowns->len, flags,
                             self->cancellable,
                             on_progress_cb, g_object_ref (self), g_object_unref,
                             import_done_cb, g_object_ref (self));
}

static void
check_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  start (CD_CUSTOMER_IMPORT_DIALOG (widget), TRUE);
}

static void
import_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  start (CD_CUSTOMER_IMPORT_DIALOG (widget), FALSE);
}

static void
cancel_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  CdCustomerImportDialog *self = CD_CUSTOMER_IMPORT_DIALOG (widget);

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
cd_customer_import_dialog_close_request (GtkWindow *window)
{
  CdCustomerImportDialog *self = CD_CUSTOMER_IMPORT_DIALOG (window);

  /* Closing while importing stops the import: nothing is written. */
  g_cancellable_cancel (self->cancellable);

  return GTK_WINDOW_CLASS (cd_customer_import_dialog_parent_class)->close_request (window);
}

static void
cd_customer_import_dialog_get_property (GObject    *object,
                                        guint       prop_id,
                                        GValue     *value,
                                        GParamSpec *pspec)
{
  CdCustomerImportDialog *self = CD_CUSTOMER_IMPORT_DIALOG (object);

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
cd_customer_import_dialog_set_property (GObject      *object,
                                        guint         prop_id,
                                        const GValue *value,
                                        GParamSpec   *pspec)
{
  CdCustomerImportDialog *self = CD_CUSTOMER_IMPORT_DIALOG (object);

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
cd_customer_import_dialog_dispose (GObject *object)
{
  CdCustomerImportDialog *self = CD_CUSTOMER_IMPORT_DIALOG (object);

  g_cancellable_cancel (self->cancellable);
  if (self->choosing != NULL)
    g_cancellable_cancel (self->choosing);
  g_clear_object (&self->choosing);

  gtk_widget_dispose_template (GTK_WIDGET (self), CD_TYPE_CUSTOMER_IMPORT_DIALOG);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (cd_customer_import_dialog_parent_class)->dispose (object);
}

static void
cd_customer_import_dialog_finalize (GObject *object)
{
  CdCustomerImportDialog *self = CD_CUSTOMER_IMPORT_DIALOG (object);

  g_clear_object (&self->cancellable);
  g_clear_object (&self->rejections);
  g_clear_pointer (&self->dropdowns, g_ptr_array_unref);
  g_clear_pointer (&self->preview, cd_customers_import_preview_free);
  g_free (self->path);

  G_OBJECT_CLASS (cd_customer_import_dialog_parent_class)->finalize (object);
}

static void
cd_customer_import_dialog_class_init (CdCustomerImportDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->get_property = cd_customer_import_dialog_get_property;
  object_class->set_property = cd_customer_import_dialog_set_property;
  object_class->dispose = cd_customer_import_dialog_dispose;
  object_class->finalize = cd_customer_import_dialog_finalize;
  window_class->close_request = cd_customer_import_dialog_close_request;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL,
                         CD_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[SIGNAL_IMPORTED] =
    g_signal_new ("imported", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_UINT);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/customers/cd-customer-import-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, CdCustomerImportDialog, window_title);
  gtk_widget_class_bind_template_child (widget_class, CdCustomerImportDialog, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, CdCustomerImportDialog, import_button);
  gtk_widget_class_bind_template_child (widget_class, CdCustomerImportDialog, check_button);
  gtk_widget_class_bind_template_child (widget_class, CdCustomerImportDialog, done_button);
  gtk_widget_class_bind_template_child (widget_class, CdCustomerImportDialog, stack);
  gtk_widget_class_bind_template_child (widget_class, CdCustomerImportDialog, loading_spinner);
  gtk_widget_class_bind_template_child (widget_class, CdCustomerImportDialog, file_label);
  gtk_widget_class_bind_template_child (widget_class, CdCustomerImportDialog, format_label);
  gtk_widget_class_bind_template_child (widget_class, CdCustomerImportDialog, preview_grid);
  gtk_widget_class_bind_template_child (widget_class, CdCustomerImportDialog, mapping_message);
  gtk_widget_class_bind_template_child (widget_class, CdCustomerImportDialog, duplicates_check);
  gtk_widget_class_bind_template_child (widget_class, CdCustomerImportDialog, progress_label);
  gtk_widget_class_bind_template_child (widget_class, CdCustomerImportDialog, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, CdCustomerImportDialog, report_title);
  gtk_widget_class_bind_template_child (widget_class, CdCustomerImportDialog, report_body);
  gtk_widget_class_bind_template_child (widget_class, CdCustomerImportDialog, rejections_frame);
  gtk_widget_class_bind_template_child (widget_class, CdCustomerImportDialog, report_spacer);
  gtk_widget_class_bind_template_child (widget_class, CdCustomerImportDialog, rejection_list);

  gtk_widget_class_install_action (widget_class, "import.choose", NULL, choose_action);
  gtk_widget_class_install_action (widget_class, "import.check", NULL, check_action);
  gtk_widget_class_install_action (widget_class, "import.import", NULL, import_action);
  gtk_widget_class_install_action (widget_class, "import.cancel", NULL, cancel_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "import.cancel", NULL);
}

static void
cd_customer_import_dialog_init (CdCustomerImportDialog *self)
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

CdCustomerImportDialog *
cd_customer_import_dialog_new (CdStore *store)
{
  g_return_val_if_fail (CD_IS_STORE (store), NULL);

  return g_object_new (CD_TYPE_CUSTOMER_IMPORT_DIALOG, "store", store, NULL);
}

const char *
cd_customer_import_dialog_get_step (CdCustomerImportDialog *self)
{
  g_return_val_if_fail (CD_IS_CUSTOMER_IMPORT_DIALOG (self), NULL);

  return step_names[self->step];
}
