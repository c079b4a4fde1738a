/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "cd-csv.h"
#include "cd-store.h"

G_BEGIN_DECLS

/* One importer for every kind of record a spreadsheet brings in:
 * customers, a session's attendance, assessment results. A kind
 * (CdImportKind) says which fields a column can fill, which of them a
 * file needs, how a line becomes a record, and how the records are
 * written; the importer does the rest the same way for all of them:
 *
 * 1. cd_import_preview(): the header, the first rows, the separator, and
 *    a suggested mapping of columns to fields;
 * 2. cd_import_async() with CD_IMPORT_DRY_RUN: every line checked,
 *    nothing written; the report lists each rejected line with its
 *    number and reason;
 * 3. the same without DRY_RUN: every line is read and checked first,
 *    with no lock on the file, on the store's read lane; then the valid
 *    ones are written in one transaction on the write lane, which alone
 *    holds the write lock, with an audit row for the import. Cancelling
 *    or any failure rolls it back: nothing is written, and a rejected
 *    line is never written in part. With ALL_OR_NOTHING (or a kind that
 *    always works so), one rejected line keeps the whole file out. */

#define CD_IMPORT_FIELD_IGNORE (-1)

typedef enum {
  CD_IMPORT_DEFAULT        = 0,
  CD_IMPORT_DRY_RUN        = 1 << 0, /* check only, write nothing */
  CD_IMPORT_OPTION         = 1 << 1, /* the kind's own option (CD_IMPORT_TEXT_OPTION) */
  CD_IMPORT_ALL_OR_NOTHING = 1 << 2, /* write nothing if any line is rejected */
} CdImportFlags;

/* Progress 0..1. In the _async variants it is called on the thread-default
 * main context of the caller; in the blocking ones, on the calling thread. */
typedef void (*CdProgressFunc) (double   fraction,
                                gpointer user_data);

typedef struct {
  guint   line;
  char   *reason;     /* in words, without the line number */
} CdImportRejection;

/* "line 17: the email “x@” is not valid." */
char       *cd_import_rejection_format (const CdImportRejection *rejection);

typedef struct {
  guint   n_records;       /* data lines read (not the header) */
  guint   n_valid;
  guint   n_imported;      /* 0 for a dry run */
  gint64  write_lock_us;   /* how long the import held the write lock */
  GArray *rejections;      /* CdImportRejection, in line order */
} CdImportReport;

void        cd_import_report_free (CdImportReport *report);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CdImportReport, cd_import_report_free)

typedef struct {
  char          separator;
  gboolean      had_bom;
  guint         n_columns;
  char        **header;        /* n_columns, NULL-terminated */
  GPtrArray    *rows;          /* CdCsvRecord, at most the rows asked for */
  int          *mapping;       /* n_columns fields, CD_IMPORT_FIELD_IGNORE for none */
} CdImportPreview;

void        cd_import_preview_free (CdImportPreview *preview);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CdImportPreview, cd_import_preview_free)

/* What the import dialog says for a kind (translated). */
typedef enum {
  CD_IMPORT_TEXT_TITLE,          /* "Import Customers" */
  CD_IMPORT_TEXT_DESCRIPTION,    /* how to save the spreadsheet, on the first page */
  CD_IMPORT_TEXT_MAPPING_HINT,   /* above the columns of the preview */
  CD_IMPORT_TEXT_OPTION,         /* the option's check box, or NULL without one */
  CD_IMPORT_TEXT_IMPORTING,      /* "Importing customers…" */
  CD_IMPORT_TEXT_FAILED,         /* "Could Not Import the Customers" */
  CD_IMPORT_TEXT_NO_RECORDS,     /* the file has only a header */
  CD_IMPORT_TEXT_EMPTY_FILE,     /* the file is empty; @arg: its path */
  CD_IMPORT_TEXT_IMPORTED,       /* "Imported %u customers" for @n */
  CD_IMPORT_TEXT_IMPORT_BUTTON,  /* "_Import %u Customers" for @n */
  CD_IMPORT_TEXT_MISSING_FIELD,  /* no column holds the required field @n */
  CD_IMPORT_TEXT_MISSING_FIELD_HINT, /* the same, as the dialog says it while choosing */
} CdImportText;

typedef struct _CdImportKind CdImportKind;

struct _CdImportKind
{
  /* The audit log's entity for the row that records an import. */
  const char   *entity;
  guint         n_fields;
  /* Translated ("Phone"). */
  const char *(*field_label)   (int field);
  /* The field a header names, in English or Chinese; IGNORE for none. */
  int         (*guess_field)   (const char *header);
  /* When a second column names a field taken already (a second phone),
   * the field it fills instead, or IGNORE. May be NULL. */
  int         (*second_field)  (int field);
  /* Fields a file must have a column for, -1 terminated. */
  const int    *required_fields;
  /* CD_ROLE_BIT()s of those who may import (checking is open to anyone
   * signed in). */
  guint         roles;
  /* TRUE: one rejected line keeps the whole file out, always. */
  gboolean      all_or_nothing;
  /* Translated; @n and @arg as the CdImportText says. NULL only for
   * CD_IMPORT_TEXT_OPTION without an option. */
  char       *(*text)          (CdImportText  what,
                                guint         n,
                                const char   *arg);

  /* Checking, on a worker without any lock: check_begin() reads what a
   * line is compared with (in one pass, before the first line), then
   * check_line() turns each line's values (one per field, NULL for a
   * field no column fills, otherwise as written in the file) into an
   * item, or sets @reason and returns NULL. @context_id is the caller's
   * (a session, for its attendance). */
  gpointer    (*check_begin)   (CdStore        *store,
                                gint64          context_id,
                                CdImportFlags   flags,
                                GError        **error);
  gpointer    (*check_line)    (gpointer             check,
                                const char * const  *values,
                                guint                line,
                                char               **reason);
  void        (*check_end)     (gpointer        check);
  GDestroyNotify item_free;
  /* Writing, in the import's transaction (which holds the write lock):
   * every item, with the audit rows a save would give each; reports
   * progress from @from to 1. */
  gboolean    (*write)         (CdStore        *store,
                                gint64          context_id,
                                GPtrArray      *items,
                                GCancellable   *cancellable,
                                CdProgressFunc  progress,
                                gpointer        progress_data,
                                double          from,
                                GError        **error);
};

/* The translated text; "" when the kind has none. */
char             *cd_import_kind_text     (const CdImportKind *kind,
                                           CdImportText        what,
                                           guint               n,
                                           const char         *arg);

/* Reads the header and the first @max_rows rows, and suggests a
 * mapping. */
CdImportPreview  *cd_import_preview       (const CdImportKind *kind,
                                           const char         *csv_path,
                                           guint               max_rows,
                                           GError            **error);
/* What is wrong with @mapping (n_mapping fields, IGNORE for none) in
 * words, or NULL: a required field without a column, or a field chosen
 * for two columns. @for_person: said as the dialog asks it. */
char             *cd_import_mapping_problem (const CdImportKind *kind,
                                             const int          *mapping,
                                             guint               n_mapping,
                                             gboolean            for_person);

/* Blocking, on the thread that uses @store, as the person signed in to
 * it: checks every line and, unless dry-running, writes the valid ones
 * in one transaction. A cancelled import fails with G_IO_ERROR_CANCELLED
 * and writes nothing. @report is set on success (and for all-or-nothing
 * failures with rejected lines). */
gboolean          cd_import_run           (CdStore             *store,
                                           const CdImportKind  *kind,
                                           gint64               context_id,
                                           const char          *csv_path,
                                           const int           *mapping,
                                           guint                n_mapping,
                                           CdImportFlags        flags,
                                           GCancellable        *cancellable,
                                           CdProgressFunc       progress,
                                           gpointer             progress_data,
                                           CdImportReport     **report,
                                           GError             **error);
/* The same on the store's workers: checking on the read lane (others'
 * saves do not wait for it), writing on the write lane. Progress runs
 * on the caller's thread-default main context. */
void              cd_import_async         (CdStore             *store,
                                           const CdImportKind  *kind,
                                           gint64               context_id,
                                           const char          *csv_path,
                                           const int           *mapping,
                                           guint                n_mapping,
                                           CdImportFlags        flags,
                                           GCancellable        *cancellable,
                                           CdProgressFunc       progress,
                                           gpointer             progress_data,
                                           GDestroyNotify       progress_destroy,
                                           GAsyncReadyCallback  callback,
                                           gpointer             user_data);
CdImportReport   *cd_import_finish        (CdStore             *store,
                                           GAsyncResult        *result,
                                           GError             **error);

/* For kinds: TRUE for NULL, "" and text of white space only. */
gboolean          cd_import_is_blank      (const char *text);
/* A header made comparable: case-folded, without spaces, dashes,
 * underscores, dots and colons (full-width ones too). */
char             *cd_import_header_key    (const char *header);

G_END_DECLS
