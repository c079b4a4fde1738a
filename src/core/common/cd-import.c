/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "caredesk-import"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "cd-import.h"
#include "cd-store-private.h"
#include "cd-validate.h"

/* Async plumbing --------------------------------------------------------- */

/* Hands progress from a worker to the caller's main context, at most once
 * per percent. */
typedef struct {
  GMainContext   *context;
  CdProgressFunc  func;
  gpointer        data;
  GDestroyNotify  destroy;
  int             last_percent;   /* worker thread only */
} ProgressRelay;

typedef struct {
  ProgressRelay *relay;
  double         fraction;
} ProgressMessage;

/* Not g_main_context_invoke(): from a worker whose thread-default context
 * is the global one, it may run the function right there, on the worker. */
static void
run_in_context (GMainContext   *context,
                GSourceFunc     func,
                gpointer        data,
                GDestroyNotify  destroy)
{
  GSource *source = g_idle_source_new ();

  g_source_set_priority (source, G_PRIORITY_DEFAULT);
  g_source_set_callback (source, func, data, destroy);
  g_source_set_static_name (source, "[caredesk] progress");
  g_source_attach (source, context);
  g_source_unref (source);
}

static gboolean
call_destroy_cb (gpointer user_data)
{
  ProgressRelay *relay = user_data;

  relay->destroy (relay->data);
  return G_SOURCE_REMOVE;
}

static void
relay_clear (gpointer data)
{
  ProgressRelay *relay = data;

  if (relay->destroy != NULL)
    {
      /* The last reference may go on the worker thread; the caller's data
       * is only ever touched on its own context. */
      ProgressRelay *copy = g_new0 (ProgressRelay, 1);
      *copy = *relay;
      run_in_context (relay->context, call_destroy_cb, copy, g_free);
    }
  g_main_context_unref (relay->context);
}

static ProgressRelay *
relay_new (CdProgressFunc func,
           gpointer       data,
           GDestroyNotify destroy)
{
  ProgressRelay *relay = g_atomic_rc_box_new0 (ProgressRelay);

  relay->context = g_main_context_ref_thread_default ();
  relay->func = func;
  relay->data = data;
  relay->destroy = destroy;
  relay->last_percent = -1;
  return relay;
}

static void
relay_unref (ProgressRelay *relay)
{
  g_atomic_rc_box_release_full (relay, relay_clear);
}

static gboolean
deliver_progress_cb (gpointer user_data)
{
  ProgressMessage *message = user_data;

  if (message->relay->func != NULL)
    message->relay->func (message->fraction, message->relay->data);
  return G_SOURCE_REMOVE;
}

static void
free_progress_message (gpointer data)
{
  ProgressMessage *message = data;

  relay_unref (message->relay);
  g_free (message);
}

static void
relay_progress (double   fraction,
                gpointer user_data)
{
  ProgressRelay *relay = user_data;
  int percent = (int) (CLAMP (fraction, 0.0, 1.0) * 100.0);
  ProgressMessage *message;

  if (percent == relay->last_percent)
    return;
  relay->last_percent = percent;

  message = g_new0 (ProgressMessage, 1);
  message->relay = g_atomic_rc_box_acquire (relay);
  message->fraction = fraction;
  run_in_context (relay->context, deliver_progress_cb, message, free_progress_message);
}

/* Reports and previews ----------------------------------------------------- */

void
cd_import_preview_free (CdImportPreview *preview)
{
  if (preview == NULL)
    return;
  g_strfreev (preview->header);
  g_clear_pointer (&preview->rows, g_ptr_array_unref);
  g_free (preview->mapping);
  g_free (preview);
}

void
cd_import_report_free (CdImportReport *report)
{
  if (report == NULL)
    return;
  g_clear_pointer (&report->rejections, g_array_unref);
  g_free (report);
}

char *
cd_import_rejection_format (const CdImportRejection *rejection)
{
  g_return_val_if_fail (rejection != NULL, NULL);
  /* Translators: a line of the import report: "line 17: the email … is not valid" */
  return g_strdup_printf (_("line %u: %s"), rejection->line, rejection->reason);
}

static void
clear_rejection (gpointer data)
{
  CdImportRejection *rejection = data;
  g_free (rejection->reason);
}

static CdImportReport *
report_new (void)
{
  CdImportReport *report = g_new0 (CdImportReport, 1);

  report->rejections = g_array_new (FALSE, TRUE, sizeof (CdImportRejection));
  g_array_set_clear_func (report->rejections, clear_rejection);
  return report;
}

static void
report_reject (CdImportReport *report,
               guint           line,
               char           *reason)
{
  CdImportRejection rejection = { line, reason };
  g_array_append_val (report->rejections, rejection);
}

char *
cd_import_kind_text (const CdImportKind *kind,
                     CdImportText        what,
                     guint               n,
                     const char         *arg)
{
  char *text;

  g_return_val_if_fail (kind != NULL, NULL);
  text = kind->text (what, n, arg);
  return text != NULL ? text : g_strdup ("");
}

gboolean
cd_import_is_blank (const char *text)
{
  g_autofree char *trimmed = NULL;

  if (text == NULL)
    return TRUE;
  trimmed = cd_validate_trim (text);
  return *trimmed == '\0';
}

char *
cd_import_header_key (const char *header)
{
  g_autofree char *trimmed = NULL;
  g_autofree char *folded = NULL;
  GString *compact;

  if (header == NULL || !g_utf8_validate (header, -1, NULL))
    return g_strdup ("");
  trimmed = cd_validate_trim (header);
  folded = g_utf8_casefold (trimmed, -1);
  compact = g_string_new (NULL);
  for (const char *p = folded; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      if (g_unichar_isspace (c) || c == '-' || c == '_' || c == '.' || c == ':' || c == 0xFF1A)
        continue;
      g_string_append_unichar (compact, c);
    }
  return g_string_free (compact, FALSE);
}

/* Preview ------------------------------------------------------------------ */

static void
suggest_mapping (const CdImportKind  *kind,
                 char               **header,
                 guint                n_columns,
                 int                 *mapping)
{
  g_autofree gboolean *used = g_new0 (gboolean, MAX (kind->n_fields, 1));

  for (guint i = 0; i < n_columns; i++)
    {
      int field = kind->guess_field (header[i]);

      if (field >= (int) kind->n_fields)
        field = CD_IMPORT_FIELD_IGNORE;
      if (field != CD_IMPORT_FIELD_IGNORE && used[field] && kind->second_field != NULL)
        field = kind->second_field (field);
      if (field != CD_IMPORT_FIELD_IGNORE && (field >= (int) kind->n_fields || used[field]))
        field = CD_IMPORT_FIELD_IGNORE;
      if (field != CD_IMPORT_FIELD_IGNORE)
        used[field] = TRUE;
      mapping[i] = field;
    }
}

static CdCsvReader *
open_csv (const CdImportKind  *kind,
          const char          *csv_path,
          CdCsvRecord        **header,
          GError             **error)
{
  g_autoptr(CdCsvReader) reader = NULL;
  g_autoptr(GError) local_error = NULL;

  reader = cd_csv_reader_new_for_path (csv_path, 0, error);
  if (reader == NULL)
    return NULL;
  if (!cd_csv_reader_next (reader, header, &local_error))
    {
      if (local_error != NULL)
        g_propagate_error (error, g_steal_pointer (&local_error));
      else
        {
          g_autofree char *message = cd_import_kind_text (kind, CD_IMPORT_TEXT_EMPTY_FILE, 0, csv_path);
          g_set_error_literal (error, CD_STORE_ERROR, CD_STORE_ERROR_INVALID, message);
        }
      return NULL;
    }
  return g_steal_pointer (&reader);
}

CdImportPreview *
cd_import_preview (const CdImportKind  *kind,
                   const char          *csv_path,
                   guint                max_rows,
                   GError             **error)
{
  g_autoptr(CdImportPreview) preview = NULL;
  g_autoptr(CdCsvReader) reader = NULL;
  g_autoptr(CdCsvRecord) header = NULL;

  g_return_val_if_fail (kind != NULL, NULL);
  g_return_val_if_fail (csv_path != NULL, NULL);

  reader = open_csv (kind, csv_path, &header, error);
  if (reader == NULL)
    return NULL;

  preview = g_new0 (CdImportPreview, 1);
  preview->separator = cd_csv_reader_get_separator (reader);
  preview->had_bom = cd_csv_reader_had_bom (reader);
  preview->n_columns = header->n_fields;
  preview->header = g_steal_pointer (&header->fields);
  preview->rows = g_ptr_array_new_with_free_func ((GDestroyNotify) cd_csv_record_free);
  preview->mapping = g_new0 (int, MAX (preview->n_columns, 1));
  suggest_mapping (kind, preview->header, preview->n_columns, preview->mapping);

  while (preview->rows->len < max_rows)
    {
      CdCsvRecord *record = NULL;
      if (!cd_csv_reader_next (reader, &record, error))
        {
          if (error != NULL && *error != NULL)
            return NULL;
          break;
        }
      g_ptr_array_add (preview->rows, record);
    }

  return g_steal_pointer (&preview);
}

/* Mapping -------------------------------------------------------------------- */

char *
cd_import_mapping_problem (const CdImportKind *kind,
                           const int          *mapping,
                           guint               n_mapping,
                           gboolean            for_person)
{
  g_autofree guint *uses = NULL;

  g_return_val_if_fail (kind != NULL, NULL);
  g_return_val_if_fail (mapping != NULL || n_mapping == 0, NULL);

  uses = g_new0 (guint, MAX (kind->n_fields, 1));
  for (guint i = 0; i < n_mapping; i++)
    {
      int field = mapping[i];

      if (field == CD_IMPORT_FIELD_IGNORE)
        continue;
      if (field < 0 || field >= (int) kind->n_fields)
        return g_strdup_printf (_("Column %u is matched to a field that does not exist."), i + 1);
      uses[field]++;
    }

  for (const int *required = kind->required_fields; required != NULL && *required >= 0; required++)
    if (uses[*required] == 0)
      return cd_import_kind_text (kind, for_person ? CD_IMPORT_TEXT_MISSING_FIELD_HINT : CD_IMPORT_TEXT_MISSING_FIELD,
                                  (guint) *required, NULL);

  for (guint f = 0; f < kind->n_fields; f++)
    if (uses[f] > 1)
      {
        if (for_person)
          /* Translators: %s is a field such as "Phone" */
          return g_strdup_printf (_("“%s” is chosen for more than one column. Choose it for one column only, "
                                    "and Ignore for the others."),
                                  kind->field_label ((int) f));
        return g_strdup_printf (_("Two columns are matched to “%s”. Match each field to one column at most."),
                                kind->field_label ((int) f));
      }
  return NULL;
}

static gboolean
check_mapping (const CdImportKind  *kind,
               const int           *mapping,
               guint                n_mapping,
               guint                n_columns,
               GError             **error)
{
  g_autofree char *problem = cd_import_mapping_problem (kind, mapping, n_mapping, FALSE);

  if (problem != NULL)
    {
      g_set_error_literal (error, CD_STORE_ERROR, CD_STORE_ERROR_INVALID, problem);
      return FALSE;
    }
  if (n_mapping > n_columns)
    {
      g_set_error (error, CD_STORE_ERROR, CD_STORE_ERROR_INVALID,
                   _("The column matching has %u columns, but the file has only %u. Open the preview again."),
                   n_mapping, n_columns);
      return FALSE;
    }
  return TRUE;
}

/* Checking --------------------------------------------------------------------- */

/* How often (in lines) a long import looks at its cancellable. */
#define IMPORT_CHECK_EVERY 256

typedef struct {
  const CdImportKind *kind;
  gint64              context_id;
  char               *csv_path;
  int                *mapping;
  guint               n_mapping;
  CdImportFlags       flags;
  ProgressRelay      *relay;
  CdImportReport     *report;
  GPtrArray          *valid;    /* the kind's items */
  gboolean            refused;  /* all or nothing, and lines were rejected */
} ImportJob;

static ImportJob *
import_job_new (const CdImportKind *kind,
                gint64              context_id,
                const char         *csv_path,
                const int          *mapping,
                guint               n_mapping,
                CdImportFlags       flags)
{
  ImportJob *job = g_new0 (ImportJob, 1);

  job->kind = kind;
  job->context_id = context_id;
  job->csv_path = g_strdup (csv_path);
  job->mapping = g_memdup2 (mapping, MAX (n_mapping, 1) * sizeof (int));
  job->n_mapping = n_mapping;
  job->flags = flags;
  return job;
}

static void
import_job_free (gpointer data)
{
  ImportJob *job = data;

  g_free (job->csv_path);
  g_free (job->mapping);
  if (job->relay != NULL)
    relay_unref (job->relay);
  cd_import_report_free (job->report);
  g_clear_pointer (&job->valid, g_ptr_array_unref);
  g_free (job);
}

static double
check_share (ImportJob *job)
{
  return (job->flags & CD_IMPORT_DRY_RUN) ? 1.0 : 0.5;
}

static gboolean
signed_in (CdStore  *store,
           GError  **error)
{
  if (cd_store_get_staff_id (store) != 0)
    return TRUE;
  g_set_error_literal (error, CD_STORE_ERROR, CD_STORE_ERROR_PERMISSION,
                       _("Nobody is signed in, so nothing can be saved."));
  return FALSE;
}

/* One record's values by field, or the reason it cannot be read. */
static gpointer
item_from_record (ImportJob          *job,
                  gpointer            check,
                  const CdCsvRecord  *record,
                  guint               n_columns,
                  char              **reason)
{
  g_autofree const char **values = NULL;

  if (record->problem != NULL)
    {
      *reason = g_strdup (record->problem);
      return NULL;
    }
  /* Fewer fields than the header: spreadsheets leave out trailing empty
   * fields, so the missing ones are empty. */
  for (guint i = n_columns; i < record->n_fields; i++)
    if (!cd_import_is_blank (record->fields[i]))
      {
        *reason = g_strdup_printf (_("It has %u fields, but the header has %u; a value may contain a separator without quotes around it."),
                                   record->n_fields, n_columns);
        return NULL;
      }

  values = g_new0 (const char *, job->kind->n_fields + 1);
  for (guint i = 0; i < job->n_mapping; i++)
    if (job->mapping[i] != CD_IMPORT_FIELD_IGNORE)
      values[job->mapping[i]] = i < record->n_fields ? cd_csv_unneutralise (record->fields[i]) : "";
  return job->kind->check_line (check, values, record->line, reason);
}

/* Reads and checks every line without any lock on the file: what the
 * lines are compared with is read first, in one go, and the rest is work
 * on the file alone. Sets job->report and job->valid. */
static gboolean
import_check (CdStore        *store,
              ImportJob      *job,
              GCancellable   *cancellable,
              CdProgressFunc  progress,
              gpointer        progress_data,
              GError        **error)
{
  const CdImportKind *kind = job->kind;
  g_autoptr(CdCsvReader) reader = NULL;
  g_autoptr(CdCsvRecord) header = NULL;
  gboolean dry_run = (job->flags & CD_IMPORT_DRY_RUN) != 0;
  gboolean all_or_nothing = kind->all_or_nothing || (job->flags & CD_IMPORT_ALL_OR_NOTHING) != 0;
  double share = check_share (job);
  GError *local_error = NULL;
  gpointer check;

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;

  reader = open_csv (kind, job->csv_path, &header, error);
  if (reader == NULL)
    return FALSE;
  if (!check_mapping (kind, job->mapping, job->n_mapping, header->n_fields, error))
    return FALSE;
  if (!signed_in (store, error))
    return FALSE;
  if (!dry_run && !cd_store_require_role (store, kind->roles, error))
    return FALSE;
  check = kind->check_begin (store, job->context_id, job->flags, error);
  if (check == NULL)
    return FALSE;

  job->report = report_new ();
  job->valid = g_ptr_array_new_with_free_func (kind->item_free);

  for (;;)
    {
      g_autoptr(CdCsvRecord) record = NULL;
      gpointer item;
      char *reason = NULL;

      if (!cd_csv_reader_next (reader, &record, &local_error))
        break;

      job->report->n_records++;
      item = item_from_record (job, check, record, header->n_fields, &reason);
      if (item != NULL)
        g_ptr_array_add (job->valid, item);
      else
        report_reject (job->report, record->line, reason);

      if (job->report->n_records % IMPORT_CHECK_EVERY == 0)
        {
          if (g_cancellable_is_cancelled (cancellable))
            break;
          if (progress != NULL)
            progress (cd_csv_reader_get_fraction (reader) * share, progress_data);
        }
    }
  kind->check_end (check);

  if (local_error != NULL)
    {
      g_propagate_error (error, local_error);
      return FALSE;
    }
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;

  job->report->n_valid = job->valid->len;
  if (progress != NULL)
    progress (share, progress_data);

  if (!dry_run && all_or_nothing && job->report->rejections->len > 0)
    {
      job->refused = TRUE;
      g_set_error (error, CD_STORE_ERROR, CD_STORE_ERROR_INVALID,
                   g_dngettext (GETTEXT_PACKAGE,
                                "%u line of the file has a problem, so nothing was imported. Correct it and import again.",
                                "%u lines of the file have problems, so nothing was imported. Correct them and import again.",
                                job->report->rejections->len),
                   job->report->rejections->len);
      return FALSE;
    }
  return TRUE;
}

/* Writing ----------------------------------------------------------------------- */

/* The page cache an import may grow to, in KiB (negative: SQLite's
 * convention for a size rather than a number of pages). */
#define IMPORT_CACHE_KIB -524288

typedef struct {
  gint64 cache_size;
  gint64 temp_store;
} SavedPragmas;

/* Every imported customer lands in a dozen indexes at random places:
 * with SQLite's default 2 MB of cache the transaction spends its time
 * writing pages out and reading them back, and the trigger on customers
 * makes every INSERT keep a statement journal, a temporary file by
 * default. With room for the pages it touches (the cache only grows as
 * they are) and the statement journals in memory, the write lock is held
 * a third as long. The connection has no temporary tables that a change
 * of temp_store would drop. While it writes, colleagues' saves wait for
 * it past their usual deadline rather than fail (cd-writer-queue.h). */
static void
speed_up_import (CdStore      *store,
                 SavedPragmas *saved)
{
  saved->cache_size = cd_store_query_int (store, "PRAGMA cache_size", CD_NO_BIND, -2000, NULL);
  saved->temp_store = cd_store_query_int (store, "PRAGMA temp_store", CD_NO_BIND, 0, NULL);
  cd_store_exec (store, "PRAGMA cache_size = " G_STRINGIFY (IMPORT_CACHE_KIB), NULL);
  cd_store_exec (store, "PRAGMA temp_store = MEMORY", NULL);
  cd_store_set_long_write (store, TRUE);
}

static void
restore_pragmas (CdStore            *store,
                 const SavedPragmas *saved)
{
  g_autofree char *cache = g_strdup_printf ("PRAGMA cache_size = %" G_GINT64_FORMAT, saved->cache_size);
  g_autofree char *temp = g_strdup_printf ("PRAGMA temp_store = %" G_GINT64_FORMAT, saved->temp_store);

  cd_store_set_long_write (store, FALSE);
  /* Also gives the memory back. */
  cd_store_exec (store, cache, NULL);
  cd_store_exec (store, temp, NULL);
}

/* Writes the checked items in one transaction, which alone holds the
 * write lock, with one audit row more that records the import. */
static gboolean
import_write (CdStore        *store,
              ImportJob      *job,
              GCancellable   *cancellable,
              CdProgressFunc  progress,
              gpointer        progress_data,
              GError        **error)
{
  g_autofree char *summary = NULL;
  GError *local_error = NULL;
  SavedPragmas saved;
  gint64 locked_at;

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;
  if (!cd_store_require_role (store, job->kind->roles, error))
    return FALSE;
  speed_up_import (store, &saved);
  if (!cd_store_begin (store, error))
    {
      restore_pragmas (store, &saved);
      return FALSE;
    }
  locked_at = g_get_monotonic_time ();

  if (job->valid->len > 0 &&
      !job->kind->write (store, job->context_id, job->valid, cancellable, progress, progress_data,
                         check_share (job), &local_error))
    goto fail;

  summary = g_strdup_printf ("%u → %s", job->valid->len, job->csv_path);
  if (!cd_store_audit (store, job->kind->entity, job->context_id, "import", NULL, NULL, summary, &local_error))
    goto fail;

  /* The last chance to change one's mind. */
  if (g_cancellable_set_error_if_cancelled (cancellable, &local_error))
    goto fail;
  if (!cd_store_commit (store, error))
    {
      restore_pragmas (store, &saved);
      return FALSE;
    }

  job->report->write_lock_us = g_get_monotonic_time () - locked_at;
  restore_pragmas (store, &saved);
  job->report->n_imported = job->valid->len;
  if (progress != NULL)
    progress (1.0, progress_data);
  return TRUE;

fail:
  cd_store_rollback (store);
  restore_pragmas (store, &saved);
  g_propagate_error (error, local_error);
  return FALSE;
}

gboolean
cd_import_run (CdStore             *store,
               const CdImportKind  *kind,
               gint64               context_id,
               const char          *csv_path,
               const int           *mapping,
               guint                n_mapping,
               CdImportFlags        flags,
               GCancellable        *cancellable,
               CdProgressFunc       progress,
               gpointer             progress_data,
               CdImportReport     **report_out,
               GError             **error)
{
  ImportJob *job;
  gboolean ok;

  g_return_val_if_fail (CD_IS_STORE (store), FALSE);
  g_return_val_if_fail (kind != NULL, FALSE);
  g_return_val_if_fail (csv_path != NULL, FALSE);
  g_return_val_if_fail (mapping != NULL || n_mapping == 0, FALSE);

  if (report_out != NULL)
    *report_out = NULL;

  job = import_job_new (kind, context_id, csv_path, mapping, n_mapping, flags);
  ok = import_check (store, job, cancellable, progress, progress_data, error);
  if (ok && !(flags & CD_IMPORT_DRY_RUN))
    ok = import_write (store, job, cancellable, progress, progress_data, error);

  /* A file refused as a whole says which lines made it so. */
  if (report_out != NULL && (ok || job->refused))
    *report_out = g_steal_pointer (&job->report);
  import_job_free (job);
  return ok;
}

/* On the store's workers: the check on the read lane, so that nobody's
 * saves wait behind it, then the writing on the write lane. */

static gboolean
check_job (CdStore       *store,
           gpointer       data,
           GCancellable  *cancellable,
           GError       **error)
{
  ImportJob *job = data;

  return import_check (store, job, cancellable, job->relay ? relay_progress : NULL, job->relay, error);
}

static gboolean
write_job (CdStore       *store,
           gpointer       data,
           GCancellable  *cancellable,
           GError       **error)
{
  ImportJob *job = data;

  return import_write (store, job, cancellable, job->relay ? relay_progress : NULL, job->relay, error);
}

static void
write_done_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  ImportJob *job = g_task_get_task_data (task);
  GError *error = NULL;

  if (!cd_store_run_finish (CD_STORE (source), result, &error))
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, g_steal_pointer (&job->report), (GDestroyNotify) cd_import_report_free);
}

static void
check_done_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  ImportJob *job = g_task_get_task_data (task);
  GCancellable *cancellable;
  GError *error = NULL;

  if (!cd_store_run_finish (CD_STORE (source), result, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  if (job->flags & CD_IMPORT_DRY_RUN)
    {
      g_task_return_pointer (task, g_steal_pointer (&job->report), (GDestroyNotify) cd_import_report_free);
      return;
    }
  cancellable = g_task_get_cancellable (task);
  cd_store_run_async (CD_STORE (source), CD_STORE_LANE_WRITE, write_job, job, NULL,
                      cancellable, write_done_cb, g_steal_pointer (&task));
}

void
cd_import_async (CdStore             *store,
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
                 gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  GError *error = NULL;
  ImportJob *job;

  g_return_if_fail (CD_IS_STORE (store));
  g_return_if_fail (kind != NULL);
  g_return_if_fail (csv_path != NULL);
  g_return_if_fail (mapping != NULL || n_mapping == 0);

  task = g_task_new (store, cancellable, callback, user_data);
  g_task_set_source_tag (task, cd_import_async);
  g_task_set_name (task, "[caredesk] import");

  job = import_job_new (kind, context_id, csv_path, mapping, n_mapping, flags);
  if (progress != NULL || progress_destroy != NULL)
    job->relay = relay_new (progress, progress_data, progress_destroy);
  g_task_set_task_data (task, job, import_job_free);

  if (!signed_in (store, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  cd_store_run_async (store, CD_STORE_LANE_READ, check_job, job, NULL, cancellable,
                      check_done_cb, g_steal_pointer (&task));
}

CdImportReport *
cd_import_finish (CdStore       *store,
                  GAsyncResult  *result,
                  GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, store), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}
