/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "caredesk-customers"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <errno.h>
#include <glib/gstdio.h>

#include "cd-sql-util.h"
#include "cd-customers-private.h"
#include "cd-datetime.h"
#include "cd-validate.h"
#include "cd-row-model-private.h"

/* Export ----------------------------------------------------------------- */

/* The file's columns: the header word and the model column it comes from. */
static const struct {
  const char *header;
  int         column;
} export_columns[] = {
  { "name", CD_CUSTOMER_COL_NAME },
  { "organisation", CD_CUSTOMER_COL_ORGANISATION },
  { "phone", CD_CUSTOMER_COL_PHONE },
  { "phone2", EXPORT_COL_PHONE2 },
  { "email", CD_CUSTOMER_COL_EMAIL },
  { "address", EXPORT_COL_ADDRESS },
  { "preferred channel", EXPORT_COL_CHANNEL },
  { "tier", CD_CUSTOMER_COL_TIER },
  { "tags", EXPORT_COL_TAGS },
  { "owner", CD_CUSTOMER_COL_OWNER },
  { "notes", EXPORT_COL_NOTES },
  { "last contact", CD_CUSTOMER_COL_LAST_CONTACT },
  { "created", EXPORT_COL_CREATED },
};

gboolean
cd_customers_export (CdStore                 *store,
                     const CdCustomerFilter  *filter,
                     const char              *csv_path,
                     GCancellable            *cancellable,
                     guint                   *n_exported,
                     GError                 **error)
{
  g_autoptr(CdRowModel) model = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GFileOutputStream) stream = NULL;
  g_autoptr(CdCsvWriter) writer = NULL;
  g_autofree char *sql = NULL;
  g_autofree char *where = NULL;
  g_autofree char *summary = NULL;
  g_autofree char *tmp_path = NULL;
  GVariant *params = NULL;
  CdCustomerFilter defaults;
  const char *header[G_N_ELEMENTS (export_columns)];
  sqlite3_stmt *stmt;
  guint count = 0;
  int rc;

  g_return_val_if_fail (CD_IS_STORE (store), FALSE);
  g_return_val_if_fail (csv_path != NULL, FALSE);

  if (n_exported != NULL)
    *n_exported = 0;
  if (filter == NULL)
    {
      cd_customer_filter_init (&defaults);
      filter = &defaults;
    }

  if (g_cancellable_set_error_if_cancelled (cancellable, error) ||
      !cd_customers_check_signed_in (store, error))
    return FALSE;

  where = cd_customer_filter_where (filter, &params);
  model = cd_row_model_new_full (store, "customers", "id", cd_customer_columns, EXPORT_N_COLS,
                                 where, params, cd_customer_filter_sort_column (filter), filter->sort_descending);
  sql = cd_row_model_dup_select_sql (model);

  /* Written under another name and renamed once recorded, so a cancelled
   * or failed export leaves no half file and any earlier one alone. */
  tmp_path = g_strdup_printf ("%s.partial", csv_path);
  file = g_file_new_for_path (tmp_path);
  stream = g_file_replace (file, NULL, FALSE, G_FILE_CREATE_REPLACE_DESTINATION, cancellable, error);
  if (stream == NULL)
    return FALSE;
  /* Plain UTF-8 without a byte-order mark: LibreOffice, scripts and our
   * own importer read it as it is, while a mark would end up glued to the
   * first header name in tools that do not expect one. Excel reads it as
   * UTF-8 through Data ▸ From Text/CSV; CD_CSV_WRITE_BOM is there for a
   * caller that wants double-click opening in Excel instead. */
  writer = cd_csv_writer_new (G_OUTPUT_STREAM (stream), ',', CD_CSV_WRITE_DEFAULT);

  for (guint i = 0; i < G_N_ELEMENTS (export_columns); i++)
    header[i] = export_columns[i].header;
  if (!cd_csv_writer_write_row (writer, header, G_N_ELEMENTS (header), cancellable, error))
    goto fail_stream;

  stmt = cd_store_prepare (store, sql, error);
  if (stmt == NULL)
    goto fail_stream;
  cd_row_model_bind_params (stmt, cd_row_model_get_params (model));

  while ((rc = cd_store_step (store, stmt, error)) == SQLITE_ROW)
    {
      char *values[G_N_ELEMENTS (export_columns)] = { NULL, };
      gint64 owner_id = sqlite3_column_int64 (stmt, 1 + CD_CUSTOMER_COL_OWNER_ID);
      gboolean visible = cd_customer_contact_visible (store, owner_id);
      gboolean ok;

      for (guint i = 0; i < G_N_ELEMENTS (export_columns); i++)
        {
          int column = export_columns[i].column;
          const char *text = (const char *) sqlite3_column_text (stmt, 1 + column);

          if (text == NULL)
            continue;
          if (column == CD_CUSTOMER_COL_LAST_CONTACT || column == EXPORT_COL_CREATED)
            values[i] = cd_datetime_format_stamp (sqlite3_column_int64 (stmt, 1 + column));
          else if (!visible && (column == CD_CUSTOMER_COL_PHONE || column == EXPORT_COL_PHONE2))
            values[i] = cd_mask_phone (text);
          else if (!visible && column == CD_CUSTOMER_COL_EMAIL)
            values[i] = cd_mask_email (text);
          else
            values[i] = g_strdup (text);
        }

      ok = cd_csv_writer_write_row (writer, (const char * const *) values, G_N_ELEMENTS (values),
                                    cancellable, error);
      for (guint i = 0; i < G_N_ELEMENTS (values); i++)
        g_free (values[i]);
      if (!ok)
        {
          sqlite3_reset (stmt);
          goto fail_stream;
        }
      count++;

      if (count % 1024 == 0 && g_cancellable_set_error_if_cancelled (cancellable, error))
        {
          sqlite3_reset (stmt);
          goto fail_stream;
        }
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    goto fail_stream;

  if (!cd_csv_writer_finish (writer, cancellable, error))
    goto fail_stream;

  /* Recorded before the file takes its name, in the same transaction:
   * an export that cannot be recorded does not happen. */
  if (!cd_store_begin (store, error))
    goto fail_stream;
  summary = g_strdup_printf ("%u → %s", count, csv_path);
  if (!cd_store_audit (store, "customers", 0, "export", NULL, NULL, summary, error))
    {
      cd_store_rollback (store);
      goto fail_stream;
    }
  if (g_cancellable_set_error_if_cancelled (cancellable, error) ||
      !g_output_stream_close (G_OUTPUT_STREAM (stream), cancellable, error))
    {
      cd_store_rollback (store);
      goto fail_stream;
    }
  if (g_rename (tmp_path, csv_path) != 0)
    {
      int saved = errno;
      g_set_error (error, CD_STORE_ERROR, CD_STORE_ERROR_FAILED,
                   _("Could not write “%s”: %s."), csv_path, g_strerror (saved));
      cd_store_rollback (store);
      goto fail_stream;
    }
  if (!cd_store_commit (store, error))
    {
      g_unlink (csv_path);
      return FALSE;
    }

  if (n_exported != NULL)
    *n_exported = count;
  return TRUE;

fail_stream:
  g_output_stream_close (G_OUTPUT_STREAM (stream), NULL, NULL);
  g_unlink (tmp_path);
  return FALSE;
}

typedef struct {
  char             *csv_path;
  CdCustomerFilter  filter;
  guint             count;
} ExportJob;

static void
export_job_free (gpointer data)
{
  ExportJob *job = data;

  g_free (job->csv_path);
  cd_customer_filter_clear (&job->filter);
  g_free (job);
}

static gboolean
export_job (CdStore       *store,
            gpointer       data,
            GCancellable  *cancellable,
            GError       **error)
{
  ExportJob *job = data;

  return cd_customers_export (store, &job->filter, job->csv_path, cancellable, &job->count, error);
}

static void
export_done_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  ExportJob *job = cd_store_run_get_data (result);
  GError *error = NULL;

  if (cd_store_run_finish (CD_STORE (source), result, &error))
    g_task_return_int (task, job->count);
  else
    g_task_return_error (task, error);
}

void
cd_customers_export_async (CdStore                *store,
                           const CdCustomerFilter *filter,
                           const char             *csv_path,
                           GCancellable           *cancellable,
                           GAsyncReadyCallback     callback,
                           gpointer                user_data)
{
  g_autoptr(GTask) task = NULL;
  GError *error = NULL;
  ExportJob *job;

  g_return_if_fail (CD_IS_STORE (store));
  g_return_if_fail (csv_path != NULL);

  task = g_task_new (store, cancellable, callback, user_data);
  g_task_set_source_tag (task, cd_customers_export_async);
  g_task_set_name (task, "[caredesk] export customers");

  if (!cd_customers_check_signed_in (store, &error))
    {
      g_task_return_error (task, error);
      return;
    }

  job = g_new0 (ExportJob, 1);
  job->csv_path = g_strdup (csv_path);
  if (filter != NULL)
    cd_customer_filter_copy (filter, &job->filter);
  else
    cd_customer_filter_init (&job->filter);
  cd_store_run_async (store, CD_STORE_LANE_READ, export_job, job, export_job_free, cancellable,
                      export_done_cb, g_steal_pointer (&task));
}

gint64
cd_customers_export_finish (CdStore       *store,
                            GAsyncResult  *result,
                            GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, store), -1);
  return g_task_propagate_int (G_TASK (result), error);
}
