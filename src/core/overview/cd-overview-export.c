/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "caredesk-overview"

#include "config.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <string.h>
#include <cairo-pdf.h>

#include "cd-csv.h"
#include "cd-overview-private.h"

/* A4 in points. */
#define A4_WIDTH  595.2756
#define A4_HEIGHT 841.8898

/* The audit row ------------------------------------------------------------- */

static char *
audit_summary (const CdOverviewPeriod *period,
               const char             *target)
{
  g_autofree char *iso = cd_overview_range_format_iso (&period->range);

  return g_strdup_printf ("%s → %s", iso, target);
}

gboolean
cd_overview_audit_export (CdStore                *store,
                          const CdOverviewPeriod *period,
                          const char             *format,
                          const char             *target,
                          GError                **error)
{
  g_autofree char *summary = NULL;

  g_return_val_if_fail (CD_IS_STORE (store), FALSE);
  g_return_val_if_fail (period != NULL, FALSE);
  g_return_val_if_fail (format != NULL && target != NULL, FALSE);

  summary = audit_summary (period, target);
  return cd_store_audit (store, "overview", 0, "export", format, NULL, summary, error);
}

static char *
partial_path (const char *path)
{
  return g_strdup_printf ("%s.partial", path);
}

/* The file is written under a temporary name next to @path: a folder
 * that is missing (or not writable) is named as the person chose it,
 * not by that temporary name. */
static gboolean
check_folder (const char  *path,
              GError     **error)
{
  g_autofree char *folder = g_path_get_dirname (path);
  g_autofree char *display = g_filename_display_name (folder);

  if (!g_file_test (folder, G_FILE_TEST_IS_DIR))
    {
      g_set_error (error, CD_STORE_ERROR, CD_STORE_ERROR_INVALID,
                   _("The folder “%s” does not exist. Choose another folder."), display);
      return FALSE;
    }
  if (g_access (folder, W_OK) != 0)
    {
      g_set_error (error, CD_STORE_ERROR, CD_STORE_ERROR_FAILED,
                   _("Caredesk may not write in the folder “%s”. Choose another folder."), display);
      return FALSE;
    }
  return TRUE;
}

/* An error about the temporary file, told about the file that was asked for. */
static void
set_write_error (GError     **error,
                 const char  *path,
                 const char  *reason)
{
  g_autofree char *display = g_filename_display_name (path);

  g_set_error (error, CD_STORE_ERROR, CD_STORE_ERROR_FAILED,
               _("Could not write “%s”: %s."), display, reason);
}

/* Writes under a temporary name, then records the export and gives the
 * file its name in one transaction: an export that cannot be recorded
 * does not happen, and a failed one leaves any earlier file alone. */
static gboolean
finish_file (CdStore                *store,
             const CdOverviewPeriod *period,
             const char             *format,
             const char             *tmp_path,
             const char             *path,
             GError                **error)
{
  if (!cd_store_begin (store, error))
    goto fail;
  if (!cd_overview_audit_export (store, period, format, path, error))
    {
      cd_store_rollback (store);
      goto fail;
    }
  if (g_rename (tmp_path, path) != 0)
    {
      set_write_error (error, path, g_strerror (errno));
      cd_store_rollback (store);
      goto fail;
    }
  if (!cd_store_commit (store, error))
    {
      g_unlink (path);
      return FALSE;
    }
  return TRUE;

fail:
  g_unlink (tmp_path);
  return FALSE;
}

/* CSV ------------------------------------------------------------------------- */

static char *
plain_number (double value,
              int    decimals)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];
  char format[8];

  g_snprintf (format, sizeof format, "%%.%df", decimals);
  return g_strdup (g_ascii_formatd (buffer, sizeof buffer, format, value));
}

/* A figure for a spreadsheet: durations in minutes, nothing when unknown. */
static char *
csv_value (const CdOverviewFigures *f,
           CdOverviewFigure         figure)
{
  double value;

  if (!cd_overview_figures_get (f, figure, &value))
    return g_strdup ("");
  switch (cd_overview_figure_unit (figure))
    {
    case CD_OVERVIEW_UNIT_SECONDS:
      return plain_number (value / 60, 1);
    case CD_OVERVIEW_UNIT_PERCENT:
    case CD_OVERVIEW_UNIT_SCORE:
    case CD_OVERVIEW_UNIT_HOURS:
      return plain_number (value, 1);
    case CD_OVERVIEW_UNIT_COUNT:
    default:
      return plain_number (value, 0);
    }
}

static gboolean
write_csv_row (CdCsvWriter             *writer,
               const char              *period_text,
               const CdOverviewFigures *f,
               gboolean                 training,
               GError                 **error)
{
  g_autoptr(GPtrArray) cells = g_ptr_array_new_with_free_func (g_free);

  g_ptr_array_add (cells, g_strdup (period_text));
  g_ptr_array_add (cells, g_strdup (f->name));
  g_ptr_array_add (cells, csv_value (f, CD_OVERVIEW_FIGURE_RECEIVED));
  g_ptr_array_add (cells, plain_number (f->received_resolved, 0));
  g_ptr_array_add (cells, csv_value (f, CD_OVERVIEW_FIGURE_RESOLUTION_RATE));
  g_ptr_array_add (cells, csv_value (f, CD_OVERVIEW_FIGURE_HANDLED));
  g_ptr_array_add (cells, plain_number (f->answered, 0));
  g_ptr_array_add (cells, csv_value (f, CD_OVERVIEW_FIGURE_FIRST_RESPONSE));
  g_ptr_array_add (cells, csv_value (f, CD_OVERVIEW_FIGURE_RESOLUTION_TIME));
  g_ptr_array_add (cells, plain_number (f->first_contact, 0));
  g_ptr_array_add (cells, csv_value (f, CD_OVERVIEW_FIGURE_FIRST_CONTACT_RATE));
  g_ptr_array_add (cells, csv_value (f, CD_OVERVIEW_FIGURE_BREACHES));
  g_ptr_array_add (cells, csv_value (f, CD_OVERVIEW_FIGURE_SATISFACTION));
  g_ptr_array_add (cells, plain_number (f->satisfaction_answers, 0));
  g_ptr_array_add (cells, plain_number (f->followups_due, 0));
  g_ptr_array_add (cells, plain_number (f->followups_on_time, 0));
  g_ptr_array_add (cells, csv_value (f, CD_OVERVIEW_FIGURE_FOLLOWUPS_ON_TIME));
  for (guint tier = 0; tier < G_N_ELEMENTS (f->complaints); tier++)
    g_ptr_array_add (cells, plain_number (f->complaints[tier], 0));
  if (training)
    {
      g_ptr_array_add (cells, csv_value (f, CD_OVERVIEW_FIGURE_TRAINING_HOURS));
      g_ptr_array_add (cells, f->training_known ? plain_number (f->certifications_required, 0) : g_strdup (""));
      g_ptr_array_add (cells, f->training_known ? plain_number (f->certifications_current, 0) : g_strdup (""));
      g_ptr_array_add (cells, csv_value (f, CD_OVERVIEW_FIGURE_CERTIFICATION_RATE));
    }

  return cd_csv_writer_write_row (writer, (const char * const *) cells->pdata, (int) cells->len, NULL, error);
}

static gboolean
write_csv_header (CdCsvWriter  *writer,
                  gboolean      training,
                  GError      **error)
{
  g_autoptr(GPtrArray) cells = g_ptr_array_new_with_free_func (g_free);

  g_ptr_array_add (cells, g_strdup (C_("column", "Period")));
  g_ptr_array_add (cells, g_strdup (C_("column", "Person")));
  g_ptr_array_add (cells, g_strdup (_("Tickets received")));
  g_ptr_array_add (cells, g_strdup (_("Received and resolved")));
  g_ptr_array_add (cells, g_strdup (_("Resolution rate (%)")));
  g_ptr_array_add (cells, g_strdup (_("Tickets handled")));
  g_ptr_array_add (cells, g_strdup (_("Handled with a reply")));
  g_ptr_array_add (cells, g_strdup (_("Average first response (business minutes)")));
  g_ptr_array_add (cells, g_strdup (_("Average resolution time (business minutes)")));
  g_ptr_array_add (cells, g_strdup (_("Resolved at first contact")));
  g_ptr_array_add (cells, g_strdup (_("First-contact resolution (%)")));
  g_ptr_array_add (cells, g_strdup (_("SLA breaches")));
  g_ptr_array_add (cells, g_strdup (_("Satisfaction (average of 1–5)")));
  g_ptr_array_add (cells, g_strdup (_("Satisfaction answers")));
  g_ptr_array_add (cells, g_strdup (_("Follow-ups due")));
  g_ptr_array_add (cells, g_strdup (_("Follow-ups on time")));
  g_ptr_array_add (cells, g_strdup (_("Follow-ups on time (%)")));
  for (guint tier = 0; tier < 4; tier++)
    /* Translators: a column: the complaints of one customer tier, "Complaints (strategic)" */
    g_ptr_array_add (cells, g_strdup_printf (_("Complaints (%s)"), cd_tier_label ((CdTier) tier)));
  if (training)
    {
      g_ptr_array_add (cells, g_strdup (_("Training hours")));
      g_ptr_array_add (cells, g_strdup (_("Certifications required")));
      g_ptr_array_add (cells, g_strdup (_("Certifications held")));
      g_ptr_array_add (cells, g_strdup (_("Certification compliance (%)")));
    }

  return cd_csv_writer_write_row (writer, (const char * const *) cells->pdata, (int) cells->len, NULL, error);
}

static gboolean
write_csv_period (CdCsvWriter             *writer,
                  const CdOverviewPeriod  *period,
                  const CdOverviewRange   *range,
                  const CdOverviewFigures *total,
                  GPtrArray               *rows,
                  gboolean                 training,
                  GError                 **error)
{
  g_autofree char *text = cd_overview_range_format_iso (range);

  if (period->team && !write_csv_row (writer, text, total, training, error))
    return FALSE;
  for (guint i = 0; i < rows->len; i++)
    if (!write_csv_row (writer, text, g_ptr_array_index (rows, i), training, error))
      return FALSE;
  return TRUE;
}

gboolean
cd_overview_export_csv (CdStore                 *store,
                        const CdOverviewPeriod  *period,
                        const char              *path,
                        GError                 **error)
{
  g_autofree char *tmp_path = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GFileOutputStream) stream = NULL;
  g_autoptr(CdCsvWriter) writer = NULL;
  gboolean training;

  g_return_val_if_fail (CD_IS_STORE (store), FALSE);
  g_return_val_if_fail (period != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  if (!check_folder (path, error))
    return FALSE;
  tmp_path = partial_path (path);
  file = g_file_new_for_path (tmp_path);
  {
    g_autoptr(GError) local = NULL;

    stream = g_file_replace (file, NULL, FALSE, G_FILE_CREATE_REPLACE_DESTINATION, NULL, &local);
    if (stream == NULL)
      {
        /* GIO's message names the temporary file; its reason follows the last colon. */
        const char *reason = strrchr (local->message, ':');

        set_write_error (error, path, reason != NULL && reason[1] == ' ' ? reason + 2 : local->message);
        return FALSE;
      }
  }
  /* Plain UTF-8 without a byte-order mark, as the customers' export:
   * spreadsheets and scripts read it as it is. */
  writer = cd_csv_writer_new (G_OUTPUT_STREAM (stream), ',', CD_CSV_WRITE_DEFAULT);
  /* The training columns are there when the training records were read. */
  training = period->total->training_known;

  if (!write_csv_header (writer, training, error) ||
      !write_csv_period (writer, period, &period->range, period->total, period->rows, training, error) ||
      !write_csv_period (writer, period, &period->previous, period->total_before, period->rows_before,
                         training, error) ||
      !cd_csv_writer_finish (writer, NULL, error) ||
      !g_output_stream_close (G_OUTPUT_STREAM (stream), NULL, error))
    {
      g_output_stream_close (G_OUTPUT_STREAM (stream), NULL, NULL);
      g_unlink (tmp_path);
      return FALSE;
    }

  return finish_file (store, period, "csv", tmp_path, path, error);
}

/* PDF ------------------------------------------------------------------------- */

gboolean
cd_overview_export_pdf (CdStore                 *store,
                        const CdOverviewPeriod  *period,
                        const char              *path,
                        GError                 **error)
{
  g_autofree char *tmp_path = NULL;
  g_autoptr(CdOverviewReview) review = NULL;
  cairo_surface_t *surface;
  cairo_status_t status;
  cairo_t *cr;
  guint n_pages;

  g_return_val_if_fail (CD_IS_STORE (store), FALSE);
  g_return_val_if_fail (period != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  if (!check_folder (path, error))
    return FALSE;
  tmp_path = partial_path (path);
  surface = cairo_pdf_surface_create (tmp_path, A4_WIDTH, A4_HEIGHT);
  {
    g_autofree char *title = cd_overview_range_format (&period->range);

    cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, title);
    cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, "Caredesk");
  }
  cr = cairo_create (surface);

  review = cd_overview_review_new (period, A4_WIDTH, A4_HEIGHT);
  n_pages = cd_overview_review_paginate (review, cr);
  for (guint page = 0; page < n_pages; page++)
    {
      cd_overview_review_draw_page (review, cr, page);
      cairo_show_page (cr);
    }

  status = cairo_status (cr);
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  if (status == CAIRO_STATUS_SUCCESS)
    status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);

  if (status != CAIRO_STATUS_SUCCESS)
    {
      set_write_error (error, path,
                       status == CAIRO_STATUS_WRITE_ERROR ? g_strerror (EIO) : cairo_status_to_string (status));
      g_unlink (tmp_path);
      return FALSE;
    }

  return finish_file (store, period, "pdf", tmp_path, path, error);
}

/* Off the caller's thread ------------------------------------------------- */

typedef struct {
  CdOverviewPeriod *period;
  char             *format;
  char             *path;
} ExportJob;

static void
export_job_free (gpointer data)
{
  ExportJob *job = data;

  g_clear_pointer (&job->period, cd_overview_period_unref);
  g_free (job->format);
  g_free (job->path);
  g_free (job);
}

static gboolean
run_export (CdStore       *store,
            gpointer       data,
            GCancellable  *cancellable,
            GError       **error)
{
  ExportJob *job = data;

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;
  if (g_str_equal (job->format, "pdf"))
    return cd_overview_export_pdf (store, job->period, job->path, error);
  return cd_overview_export_csv (store, job->period, job->path, error);
}

void
cd_overview_export_async (CdStore                *store,
                          const CdOverviewPeriod *period,
                          const char             *format,
                          const char             *path,
                          GCancellable           *cancellable,
                          GAsyncReadyCallback     callback,
                          gpointer                user_data)
{
  ExportJob *job;

  g_return_if_fail (CD_IS_STORE (store));
  g_return_if_fail (period != NULL);
  g_return_if_fail (g_strcmp0 (format, "csv") == 0 || g_strcmp0 (format, "pdf") == 0);
  g_return_if_fail (path != NULL);

  job = g_new0 (ExportJob, 1);
  job->period = cd_overview_period_ref ((CdOverviewPeriod *) period);
  job->format = g_strdup (format);
  job->path = g_strdup (path);
  cd_store_run_async (store, CD_STORE_LANE_READ, run_export, job, export_job_free,
                      cancellable, callback, user_data);
}

gboolean
cd_overview_export_finish (CdStore       *store,
                           GAsyncResult  *result,
                           GError       **error)
{
  g_return_val_if_fail (CD_IS_STORE (store), FALSE);

  return cd_store_run_finish (store, result, error);
}

/* The command line ------------------------------------------------------------ */

gboolean
cd_overview_monthly_review_cli (CdStore     *store,
                                const char  *month,
                                const char  *csv_path,
                                const char  *pdf_path,
                                GError     **error)
{
  g_autoptr(CdOverviewPeriod) period = NULL;
  CdOverviewRange range;

  g_return_val_if_fail (CD_IS_STORE (store), FALSE);

  if (!cd_overview_range_parse_month (&range, month, error))
    return FALSE;
  if (csv_path == NULL && pdf_path == NULL)
    {
      g_set_error_literal (error, CD_STORE_ERROR, CD_STORE_ERROR_INVALID,
                           _("Say where to write the review: --csv FILE, --pdf FILE, or both."));
      return FALSE;
    }
  if (csv_path != NULL && pdf_path != NULL && g_str_equal (csv_path, pdf_path))
    {
      g_set_error_literal (error, CD_STORE_ERROR, CD_STORE_ERROR_INVALID,
                           _("The CSV and the PDF would be the same file. Give them different names."));
      return FALSE;
    }

  period = cd_overview_period_load (store, &range, error);
  if (period == NULL)
    return FALSE;
  if (csv_path != NULL && !cd_overview_export_csv (store, period, csv_path, error))
    return FALSE;
  if (pdf_path != NULL && !cd_overview_export_pdf (store, period, pdf_path, error))
    return FALSE;
  return TRUE;
}
