/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* CSV as RFC 4180 describes it, as spreadsheets write it.
 *
 * Reading: UTF-8 with or without a byte-order mark; comma or semicolon
 * (found in the header line, outside quotes, unless given); fields in
 * double quotes may hold separators, line breaks and "" for a quote;
 * lines end in CRLF, LF or CR, and the last one may have no end at all.
 * Empty lines are skipped. Every record knows the line it starts on, so
 * lines after a field with line breaks in it are still numbered as an
 * editor numbers them. A file that is not UTF-8 is refused as a whole,
 * with the line of the first bad byte; so is a quote that is never
 * closed. Failures are CD_STORE_ERROR_INVALID, or NOT_FOUND / CANT_OPEN
 * when the file cannot be read. */

typedef struct {
  guint   line;       /* 1-based line the record starts on */
  guint   n_fields;
  char  **fields;     /* NULL-terminated, UTF-8 */
  /* Set when the record is malformed but the rest of the file can be
   * read (text after a closing quote): the fields are then unreliable
   * and the record should be rejected with this reason. */
  char   *problem;
} CdCsvRecord;

void cd_csv_record_free (CdCsvRecord *record);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CdCsvRecord, cd_csv_record_free)

typedef struct _CdCsvReader CdCsvReader;

/* @separator: ',' or ';' (or any other byte), or 0 to detect it. */
CdCsvReader *cd_csv_reader_new          (GBytes       *data,
                                         char          separator,
                                         GError      **error);
CdCsvReader *cd_csv_reader_new_for_path (const char   *path,
                                         char          separator,
                                         GError      **error);
void         cd_csv_reader_free         (CdCsvReader  *reader);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CdCsvReader, cd_csv_reader_free)

char         cd_csv_reader_get_separator (CdCsvReader *reader);
gboolean     cd_csv_reader_had_bom       (CdCsvReader *reader);
/* How far through the file the reader is, 0 to 1. */
double       cd_csv_reader_get_fraction  (CdCsvReader *reader);

/* The next record in @record. FALSE at the end (no error) or when the
 * file cannot be read further (@error set). */
gboolean     cd_csv_reader_next          (CdCsvReader  *reader,
                                          CdCsvRecord **record,
                                          GError      **error);

/* Writing ------------------------------------------------------------------
 * Lines end in CRLF; fields are quoted only when they must be (they hold
 * the separator, a quote, a line break, or start or end with a space).
 * A field that starts with = + - @ (or a tab or carriage return) gets a
 * leading apostrophe, so a spreadsheet shows it as text instead of
 * running it as a formula; readers of our own exports strip it again
 * (cd_csv_unneutralise()). */

typedef enum {
  CD_CSV_WRITE_DEFAULT        = 0,
  CD_CSV_WRITE_BOM            = 1 << 0, /* start with a UTF-8 byte-order mark */
  CD_CSV_WRITE_KEEP_FORMULAS  = 1 << 1, /* no apostrophe before = + - @ */
} CdCsvWriteFlags;

typedef struct _CdCsvWriter CdCsvWriter;

/* Does not take @stream over: close it after cd_csv_writer_finish(). */
CdCsvWriter *cd_csv_writer_new        (GOutputStream    *stream,
                                       char              separator,
                                       CdCsvWriteFlags   flags);
void         cd_csv_writer_free       (CdCsvWriter      *writer);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CdCsvWriter, cd_csv_writer_free)

/* @n_fields -1: @fields is NULL-terminated. NULL fields are written
 * empty. Output is buffered; call cd_csv_writer_finish() at the end. */
gboolean     cd_csv_writer_write_row  (CdCsvWriter        *writer,
                                       const char * const *fields,
                                       int                 n_fields,
                                       GCancellable       *cancellable,
                                       GError            **error);
gboolean     cd_csv_writer_finish     (CdCsvWriter   *writer,
                                       GCancellable  *cancellable,
                                       GError       **error);

/* One field as it appears in the file (quoted and neutralised as above). */
char        *cd_csv_format_field      (const char      *value,
                                       char             separator,
                                       CdCsvWriteFlags  flags);
/* Undoes the apostrophe a neutralised field got: "'=1" → "=1"; anything
 * else is returned unchanged. Borrowed pointer into @value. */
const char  *cd_csv_unneutralise      (const char      *value);

G_END_DECLS
