/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "caredesk-training"

#include "config.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "cd-training-private.h"

/* Exports of the training records, written as the customers' are: under
 * another name, recorded in the audit log and renamed in one go, so that
 * a failed export leaves no half file and an unrecorded one no file. */

struct _CdTrainingCsv
{
  char              *path;
  char              *tmp_path;
  GFileOutputStream *stream;
  CdCsvWriter       *writer;
};

CdTrainingCsv *
cd_training_csv_open (const char  *path,
                      GError     **error)
{
  g_autoptr(GFile) file = NULL;
  CdTrainingCsv *csv;
  GFileOutputStream *stream;
  g_autofree char *tmp_path = g_strdup_printf ("%s.partial", path);

  file = g_file_new_for_path (tmp_path);
  stream = g_file_replace (file, NULL, FALSE, G_FILE_CREATE_REPLACE_DESTINATION, NULL, error);
  if (stream == NULL)
    return NULL;
  csv = g_new0 (CdTrainingCsv, 1);
  csv->path = g_strdup (path);
  csv->tmp_path = g_steal_pointer (&tmp_path);
  csv->stream = stream;
  csv->writer = cd_csv_writer_new (G_OUTPUT_STREAM (stream), ',', CD_CSV_WRITE_DEFAULT);
  return csv;
}

gboolean
cd_training_csv_row (CdTrainingCsv       *csv,
                     const char * const  *fields,
                     int                  n_fields,
                     GError             **error)
{
  return cd_csv_writer_write_row (csv->writer, fields, n_fields, NULL, error);
}

void
cd_training_csv_free (CdTrainingCsv *csv)
{
  if (csv == NULL)
    return;
  if (csv->stream != NULL)
    {
      g_output_stream_close (G_OUTPUT_STREAM (csv->stream), NULL, NULL);
      g_unlink (csv->tmp_path);
    }
  g_clear_pointer (&csv->writer, cd_csv_writer_free);
  g_clear_object (&csv->stream);
  g_free (csv->path);
  g_free (csv->tmp_path);
  g_free (csv);
}

gboolean
cd_training_csv_commit (CdStore        *store,
                        CdTrainingCsv  *csv,
                        const char     *entity,
                        gint64          entity_id,
                        const char     *field,
                        guint           n_rows,
                        GError        **error)
{
  g_autofree char *summary = NULL;

  if (!cd_csv_writer_finish (csv->writer, NULL, error))
    return FALSE;
  if (!cd_store_begin (store, error))
    return FALSE;
  summary = g_strdup_printf ("%u → %s", n_rows, csv->path);
  if (!cd_store_audit (store, entity, entity_id, "export", field, NULL, summary, error) ||
      !g_output_stream_close (G_OUTPUT_STREAM (csv->stream), NULL, error))
    {
      cd_store_rollback (store);
      return FALSE;
    }
  g_clear_object (&csv->stream);
  if (g_rename (csv->tmp_path, csv->path) != 0)
    {
      int saved = errno;
      g_set_error (error, CD_STORE_ERROR, CD_STORE_ERROR_FAILED,
                   _("Could not write “%s”: %s."), csv->path, g_strerror (saved));
      g_unlink (csv->tmp_path);
      cd_store_rollback (store);
      return FALSE;
    }
  if (!cd_store_commit (store, error))
    {
      g_unlink (csv->path);
      return FALSE;
    }
  return TRUE;
}
