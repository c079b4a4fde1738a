/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "caredesk-csv"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "cd-csv.h"
#include "cd-error.h"

/* Records ---------------------------------------------------------------- */

void
cd_csv_record_free (CdCsvRecord *record)
{
  if (record == NULL)
    return;
  g_strfreev (record->fields);
  g_free (record->problem);
  g_free (record);
}

/* Reader ----------------------------------------------------------------- */

struct _CdCsvReader
{
  GBytes      *bytes;
  const char  *data;   /* after the byte-order mark */
  gsize        len;
  gsize        pos;
  guint        line;   /* line of data[pos], 1-based */
  char         separator;
  gboolean     had_bom;
};

/* The line on which byte @offset lies; CRLF, LF and CR each end a line. */
static guint
line_of_offset (const char *data,
                gsize       offset)
{
  guint line = 1;

  for (gsize i = 0; i < offset; i++)
    {
      if (data[i] == '\n')
        line++;
      else if (data[i] == '\r' && (i + 1 >= offset || data[i + 1] != '\n'))
        line++;
    }
  return line;
}

/* Counts separators in the first line, outside quotes. */
static char
detect_separator (const char *data,
                  gsize       len)
{
  guint commas = 0, semicolons = 0;
  gboolean quoted = FALSE;

  for (gsize i = 0; i < len; i++)
    {
      char c = data[i];

      if (c == '"')
        quoted = !quoted;
      else if (quoted)
        continue;
      else if (c == '\n' || c == '\r')
        break;
      else if (c == ',')
        commas++;
      else if (c == ';')
        semicolons++;
    }

  return semicolons > commas ? ';' : ',';
}

CdCsvReader *
cd_csv_reader_new (GBytes  *data,
                   char     separator,
                   GError **error)
{
  CdCsvReader *reader;
  const char *bytes;
  const char *bad = NULL;
  gsize len;

  g_return_val_if_fail (data != NULL, NULL);

  bytes = g_bytes_get_data (data, &len);
  if (bytes == NULL)
    bytes = "";

  reader = g_new0 (CdCsvReader, 1);
  reader->bytes = g_bytes_ref (data);
  reader->data = bytes;
  reader->len = len;
  reader->line = 1;

  if (len >= 3 && memcmp (bytes, "\xEF\xBB\xBF", 3) == 0)
    {
      reader->had_bom = TRUE;
      reader->data += 3;
      reader->len -= 3;
    }

  if (!g_utf8_validate_len (reader->data, reader->len, &bad))
    {
      guint line = line_of_offset (reader->data, (gsize) (bad - reader->data));
      if (*bad == '\0')
        g_set_error (error, CD_STORE_ERROR, CD_STORE_ERROR_INVALID,
                     _("Line %u contains a zero byte, so this is not a text file. Choose a CSV file saved as text (UTF-8)."),
                     line);
      else
        g_set_error (error, CD_STORE_ERROR, CD_STORE_ERROR_INVALID,
                     _("Line %u is not UTF-8 text. Save the file again as “CSV UTF-8” and import that."),
                     line);
      cd_csv_reader_free (reader);
      return NULL;
    }

  reader->separator = separator != 0 ? separator : detect_separator (reader->data, reader->len);
  return reader;
}

CdCsvReader *
cd_csv_reader_new_for_path (const char  *path,
                            char         separator,
                            GError     **error)
{
  g_autoptr(GMappedFile) file = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (path != NULL, NULL);

  file = g_mapped_file_new (path, FALSE, &local_error);
  if (file == NULL)
    {
      g_set_error (error, CD_STORE_ERROR,
                   g_error_matches (local_error, G_FILE_ERROR, G_FILE_ERROR_NOENT)
                   ? CD_STORE_ERROR_NOT_FOUND : CD_STORE_ERROR_CANT_OPEN,
                   _("Could not read “%s”: %s"), path, local_error->message);
      return NULL;
    }
  bytes = g_mapped_file_get_bytes (file);
  return cd_csv_reader_new (bytes, separator, error);
}

void
cd_csv_reader_free (CdCsvReader *reader)
{
  if (reader == NULL)
    return;
  g_bytes_unref (reader->bytes);
  g_free (reader);
}

char
cd_csv_reader_get_separator (CdCsvReader *reader)
{
  g_return_val_if_fail (reader != NULL, ',');
  return reader->separator;
}

gboolean
cd_csv_reader_had_bom (CdCsvReader *reader)
{
  g_return_val_if_fail (reader != NULL, FALSE);
  return reader->had_bom;
}

double
cd_csv_reader_get_fraction (CdCsvReader *reader)
{
  g_return_val_if_fail (reader != NULL, 0.0);
  if (reader->len == 0)
    return 1.0;
  return (double) reader->pos / (double) reader->len;
}

static gboolean
at_line_end (CdCsvReader *reader)
{
  return reader->pos < reader->len &&
         (reader->data[reader->pos] == '\n' || reader->data[reader->pos] == '\r');
}

/* Steps over one line break (CRLF, LF or CR) at pos. */
static void
skip_line_end (CdCsvReader *reader)
{
  if (reader->data[reader->pos] == '\r' &&
      reader->pos + 1 < reader->len && reader->data[reader->pos + 1] == '\n')
    reader->pos++;
  reader->pos++;
  reader->line++;
}

gboolean
cd_csv_reader_next (CdCsvReader  *reader,
                    CdCsvRecord **record,
                    GError      **error)
{
  g_autoptr(GPtrArray) fields = NULL;
  g_autofree char *problem = NULL;
  CdCsvRecord *result;
  guint start_line;

  g_return_val_if_fail (reader != NULL, FALSE);
  g_return_val_if_fail (record != NULL, FALSE);

  *record = NULL;

  while (at_line_end (reader))
    skip_line_end (reader);
  if (reader->pos >= reader->len)
    return FALSE;

  start_line = reader->line;
  fields = g_ptr_array_new_with_free_func (g_free);

  for (;;)
    {
      GString *field = g_string_new (NULL);

      if (reader->pos < reader->len && reader->data[reader->pos] == '"')
        {
          guint quote_line = reader->line;

          reader->pos++;
          for (;;)
            {
              char c;

              if (reader->pos >= reader->len)
                {
                  g_string_free (field, TRUE);
                  g_set_error (error, CD_STORE_ERROR, CD_STORE_ERROR_INVALID,
                               _("Line %u: a quoted field starts here but its closing quote is missing, so the rest of the file cannot be read. Add the missing \" and import again."),
                               quote_line);
                  return FALSE;
                }

              c = reader->data[reader->pos];
              if (c == '"')
                {
                  if (reader->pos + 1 < reader->len && reader->data[reader->pos + 1] == '"')
                    {
                      g_string_append_c (field, '"');
                      reader->pos += 2;
                      continue;
                    }
                  reader->pos++;
                  break;
                }
              if (c == '\n' || c == '\r')
                {
                  /* Line breaks inside a field become plain LF. */
                  skip_line_end (reader);
                  g_string_append_c (field, '\n');
                  continue;
                }
              g_string_append_c (field, c);
              reader->pos++;
            }

          if (reader->pos < reader->len &&
              reader->data[reader->pos] != reader->separator && !at_line_end (reader))
            {
              if (problem == NULL)
                problem = g_strdup_printf (_("There is text after the closing quote of field %u; a quote inside a quoted field must be written twice (\"\")."),
                                           fields->len + 1);
              while (reader->pos < reader->len &&
                     reader->data[reader->pos] != reader->separator && !at_line_end (reader))
                g_string_append_c (field, reader->data[reader->pos++]);
            }
        }
      else
        {
          gsize start = reader->pos;
          while (reader->pos < reader->len &&
                 reader->data[reader->pos] != reader->separator && !at_line_end (reader))
            reader->pos++;
          g_string_append_len (field, reader->data + start, (gssize) (reader->pos - start));
        }

      g_ptr_array_add (fields, g_string_free (field, FALSE));

      if (reader->pos < reader->len && reader->data[reader->pos] == reader->separator)
        {
          reader->pos++;
          continue;
        }
      if (at_line_end (reader))
        skip_line_end (reader);
      break;
    }

  result = g_new0 (CdCsvRecord, 1);
  result->line = start_line;
  result->n_fields = fields->len;
  g_ptr_array_add (fields, NULL);
  result->fields = (char **) g_ptr_array_free (g_steal_pointer (&fields), FALSE);
  result->problem = g_steal_pointer (&problem);
  *record = result;
  return TRUE;
}

/* Writer ----------------------------------------------------------------- */

/* Flushed to the stream in chunks of about this size. */
#define WRITE_CHUNK (64 * 1024)

struct _CdCsvWriter
{
  GOutputStream   *stream;
  GString         *buffer;
  char             separator;
  CdCsvWriteFlags  flags;
};

CdCsvWriter *
cd_csv_writer_new (GOutputStream   *stream,
                   char             separator,
                   CdCsvWriteFlags  flags)
{
  CdCsvWriter *writer;

  g_return_val_if_fail (G_IS_OUTPUT_STREAM (stream), NULL);
  g_return_val_if_fail (separator != '"' && separator != '\n' && separator != '\r', NULL);

  writer = g_new0 (CdCsvWriter, 1);
  writer->stream = g_object_ref (stream);
  writer->buffer = g_string_sized_new (WRITE_CHUNK + 4096);
  writer->separator = separator != 0 ? separator : ',';
  writer->flags = flags;

  if (flags & CD_CSV_WRITE_BOM)
    g_string_append (writer->buffer, "\xEF\xBB\xBF");
  return writer;
}

void
cd_csv_writer_free (CdCsvWriter *writer)
{
  if (writer == NULL)
    return;
  g_object_unref (writer->stream);
  g_string_free (writer->buffer, TRUE);
  g_free (writer);
}

static gboolean
needs_neutralising (const char *value)
{
  return value[0] == '=' || value[0] == '+' || value[0] == '-' || value[0] == '@' ||
         value[0] == '\t' || value[0] == '\r';
}

static void
append_field (GString         *out,
              const char      *value,
              char             separator,
              CdCsvWriteFlags  flags)
{
  gboolean neutralise;
  gboolean quote;
  gsize len;

  if (value == NULL || *value == '\0')
    return;

  len = strlen (value);
  neutralise = !(flags & CD_CSV_WRITE_KEEP_FORMULAS) && needs_neutralising (value);
  quote = strchr (value, separator) != NULL || strpbrk (value, "\"\r\n") != NULL ||
          value[0] == ' ' || value[len - 1] == ' ';

  if (quote)
    g_string_append_c (out, '"');
  if (neutralise)
    g_string_append_c (out, '\'');
  for (const char *p = value; *p; p++)
    {
      if (*p == '"')
        g_string_append_c (out, '"');
      g_string_append_c (out, *p);
    }
  if (quote)
    g_string_append_c (out, '"');
}

char *
cd_csv_format_field (const char      *value,
                     char             separator,
                     CdCsvWriteFlags  flags)
{
  GString *out = g_string_new (NULL);
  append_field (out, value, separator != 0 ? separator : ',', flags);
  return g_string_free (out, FALSE);
}

const char *
cd_csv_unneutralise (const char *value)
{
  if (value != NULL && value[0] == '\'' && needs_neutralising (value + 1))
    return value + 1;
  return value;
}

static gboolean
flush_buffer (CdCsvWriter   *writer,
              GCancellable  *cancellable,
              GError       **error)
{
  if (writer->buffer->len == 0)
    return TRUE;
  if (!g_output_stream_write_all (writer->stream, writer->buffer->str, writer->buffer->len,
                                  NULL, cancellable, error))
    return FALSE;
  g_string_truncate (writer->buffer, 0);
  return TRUE;
}

gboolean
cd_csv_writer_write_row (CdCsvWriter        *writer,
                         const char * const *fields,
                         int                 n_fields,
                         GCancellable       *cancellable,
                         GError            **error)
{
  g_return_val_if_fail (writer != NULL, FALSE);
  g_return_val_if_fail (fields != NULL || n_fields == 0, FALSE);

  if (n_fields < 0)
    n_fields = (int) g_strv_length ((char **) fields);

  for (int i = 0; i < n_fields; i++)
    {
      if (i > 0)
        g_string_append_c (writer->buffer, writer->separator);
      if (fields[i] != NULL && !g_utf8_validate (fields[i], -1, NULL))
        {
          g_set_error_literal (error, CD_STORE_ERROR, CD_STORE_ERROR_INVALID,
                               _("A value to export is not valid text."));
          return FALSE;
        }
      append_field (writer->buffer, fields[i], writer->separator, writer->flags);
    }
  /* RFC 4180 ends records with CRLF, and so does Excel; spreadsheets on
   * every system read it, while a bare LF makes some Windows tools show
   * the whole file on one line. */
  g_string_append (writer->buffer, "\r\n");

  if (writer->buffer->len >= WRITE_CHUNK)
    return flush_buffer (writer, cancellable, error);
  return TRUE;
}

gboolean
cd_csv_writer_finish (CdCsvWriter   *writer,
                      GCancellable  *cancellable,
                      GError       **error)
{
  g_return_val_if_fail (writer != NULL, FALSE);

  if (!flush_buffer (writer, cancellable, error))
    return FALSE;
  return g_output_stream_flush (writer->stream, cancellable, error);
}
