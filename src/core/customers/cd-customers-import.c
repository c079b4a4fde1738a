/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "caredesk-customers"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "cd-sql-util.h"
#include "cd-customers-private.h"
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
/* Import ----------------------------------------------------------------- */

void
cd_customers_import_preview_free (CdCustomersImportPreview *preview)
{
  if (preview == NULL)
    return;
  g_strfreev (preview->header);
  g_clear_pointer (&preview->rows, g_ptr_array_unref);
  g_free (preview->mapping);
  g_free (preview);
}

void
cd_customers_import_report_free (CdCustomersImportReport *report)
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

static CdCustomersImportReport *
report_new (void)
{
  CdCustomersImportReport *report = g_new0 (CdCustomersImportReport, 1);

  report->rejections = g_array_new (FALSE, TRUE, sizeof (CdImportRejection));
  g_array_set_clear_func (report->rejections, clear_rejection);
  return report;
}

static void
report_reject (CdCustomersImportReport *report,
               guint                    line,
               char                    *reason)
{
  CdImportRejection rejection = { line, reason };
  g_array_append_val (report->rejections, rejection);
}

/* Header words, compared after case folding and with spaces, dashes and
 * underscores removed. */
static const struct {
  const char      *word;
  CdCustomerField  field;
} header_words[] = {
  { "name", CD_CUSTOMER_FIELD_NAME }, { "fullname", CD_CUSTOMER_FIELD_NAME },
  { "customer", CD_CUSTOMER_FIELD_NAME }, { "customername", CD_CUSTOMER_FIELD_NAME },
  { "contact", CD_CUSTOMER_FIELD_NAME }, { "contactname", CD_CUSTOMER_FIELD_NAME },
  { "姓名", CD_CUSTOMER_FIELD_NAME }, { "名字", CD_CUSTOMER_FIELD_NAME }, { "名称", CD_CUSTOMER_FIELD_NAME },
  { "客户", CD_CUSTOMER_FIELD_NAME }, { "客户名称", CD_CUSTOMER_FIELD_NAME },
  { "客户姓名", CD_CUSTOMER_FIELD_NAME }, { "联系人", CD_CUSTOMER_FIELD_NAME },

  { "organisation", CD_CUSTOMER_FIELD_ORGANISATION }, { "organization", CD_CUSTOMER_FIELD_ORGANISATION },
  { "org", CD_CUSTOMER_FIELD_ORGANISATION }, { "company", CD_CUSTOMER_FIELD_ORGANISATION },
  { "companyname", CD_CUSTOMER_FIELD_ORGANISATION }, { "employer", CD_CUSTOMER_FIELD_ORGANISATION },
  { "公司", CD_CUSTOMER_FIELD_ORGANISATION }, { "公司名称", CD_CUSTOMER_FIELD_ORGANISATION },
  { "单位", CD_CUSTOMER_FIELD_ORGANISATION }, { "组织", CD_CUSTOMER_FIELD_ORGANISATION },
  { "企业", CD_CUSTOMER_FIELD_ORGANISATION }, { "机构", CD_CUSTOMER_FIELD_ORGANISATION },

  { "phone", CD_CUSTOMER_FIELD_PHONE }, { "phonenumber", CD_CUSTOMER_FIELD_PHONE },
  { "telephone", CD_CUSTOMER_FIELD_PHONE }, { "tel", CD_CUSTOMER_FIELD_PHONE },
  { "mobile", CD_CUSTOMER_FIELD_PHONE }, { "mobilephone", CD_CUSTOMER_FIELD_PHONE },
  { "cell", CD_CUSTOMER_FIELD_PHONE }, { "cellphone", CD_CUSTOMER_FIELD_PHONE },
  { "phone1", CD_CUSTOMER_FIELD_PHONE },
  { "电话", CD_CUSTOMER_FIELD_PHONE }, { "手机", CD_CUSTOMER_FIELD_PHONE },
  { "手机号", CD_CUSTOMER_FIELD_PHONE }, { "手机号码", CD_CUSTOMER_FIELD_PHONE },
  { "电话号码", CD_CUSTOMER_FIELD_PHONE }, { "联系电话", CD_CUSTOMER_FIELD_PHONE },
  { "移动电话", CD_CUSTOMER_FIELD_PHONE }, { "座机", CD_CUSTOMER_FIELD_PHONE },

  { "phone2", CD_CUSTOMER_FIELD_PHONE2 }, { "secondphone", CD_CUSTOMER_FIELD_PHONE2 },
  { "otherphone", CD_CUSTOMER_FIELD_PHONE2 }, { "电话2", CD_CUSTOMER_FIELD_PHONE2 },
  { "备用电话", CD_CUSTOMER_FIELD_PHONE2 }, { "其他电话", CD_CUSTOMER_FIELD_PHONE2 },

  { "email", CD_CUSTOMER_FIELD_EMAIL }, { "mail", CD_CUSTOMER_FIELD_EMAIL },
  { "emailaddress", CD_CUSTOMER_FIELD_EMAIL },
  { "邮箱", CD_CUSTOMER_FIELD_EMAIL }, { "电子邮件", CD_CUSTOMER_FIELD_EMAIL },
  { "电子邮箱", CD_CUSTOMER_FIELD_EMAIL }, { "邮件", CD_CUSTOMER_FIELD_EMAIL },
  { "邮箱地址", CD_CUSTOMER_FIELD_EMAIL },

  { "address", CD_CUSTOMER_FIELD_ADDRESS }, { "postaladdress", CD_CUSTOMER_FIELD_ADDRESS },
  { "地址", CD_CUSTOMER_FIELD_ADDRESS }, { "联系地址", CD_CUSTOMER_FIELD_ADDRESS },
  { "通讯地址", CD_CUSTOMER_FIELD_ADDRESS },

  { "preferredchannel", CD_CUSTOMER_FIELD_PREFERRED_CHANNEL }, { "channel", CD_CUSTOMER_FIELD_PREFERRED_CHANNEL },
  { "首选渠道", CD_CUSTOMER_FIELD_PREFERRED_CHANNEL }, { "渠道", CD_CUSTOMER_FIELD_PREFERRED_CHANNEL },
  { "联系方式", CD_CUSTOMER_FIELD_PREFERRED_CHANNEL }, { "首选联系方式", CD_CUSTOMER_FIELD_PREFERRED_CHANNEL },

  { "tier", CD_CUSTOMER_FIELD_TIER }, { "level", CD_CUSTOMER_FIELD_TIER },
  { "class", CD_CUSTOMER_FIELD_TIER }, { "customertier", CD_CUSTOMER_FIELD_TIER },
  { "级别", CD_CUSTOMER_FIELD_TIER }, { "等级", CD_CUSTOMER_FIELD_TIER },
  { "客户级别", CD_CUSTOMER_FIELD_TIER }, { "客户等级", CD_CUSTOMER_FIELD_TIER },
  { "分级", CD_CUSTOMER_FIELD_TIER }, { "客户分级", CD_CUSTOMER_FIELD_TIER },

  { "tags", CD_CUSTOMER_FIELD_TAGS }, { "tag", CD_CUSTOMER_FIELD_TAGS },
  { "labels", CD_CUSTOMER_FIELD_TAGS }, { "标签", CD_CUSTOMER_FIELD_TAGS },

  { "owner", CD_CUSTOMER_FIELD_OWNER }, { "accountowner", CD_CUSTOMER_FIELD_OWNER },
  { "accountmanager", CD_CUSTOMER_FIELD_OWNER },
  { "负责人", CD_CUSTOMER_FIELD_OWNER }, { "客户经理", CD_CUSTOMER_FIELD_OWNER },
  { "归属", CD_CUSTOMER_FIELD_OWNER }, { "跟进人", CD_CUSTOMER_FIELD_OWNER },

  { "notes", CD_CUSTOMER_FIELD_NOTES }, { "note", CD_CUSTOMER_FIELD_NOTES },
  { "comments", CD_CUSTOMER_FIELD_NOTES }, { "comment", CD_CUSTOMER_FIELD_NOTES },
  { "remarks", CD_CUSTOMER_FIELD_NOTES },
  { "备注", CD_CUSTOMER_FIELD_NOTES }, { "说明", CD_CUSTOMER_FIELD_NOTES }, { "附注", CD_CUSTOMER_FIELD_NOTES },
};

CdCustomerField
cd_customers_guess_field (const char *header)
{
  g_autofree char *trimmed = NULL;
  g_autofree char *folded = NULL;
  GString *compact;
  g_autofree char *key = NULL;

  if (header == NULL || !g_utf8_validate (header, -1, NULL))
    return CD_CUSTOMER_FIELD_IGNORE;

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
  key = g_string_free (compact, FALSE);

  for (guint i = 0; i < G_N_ELEMENTS (header_words); i++)
    if (g_str_equal (header_words[i].word, key))
      return header_words[i].field;
  return CD_CUSTOMER_FIELD_IGNORE;
}

static void
suggest_mapping (char **header,
                 guint  n_columns,
                 int   *mapping)
{
  gboolean used[CD_CUSTOMER_N_FIELDS] = { FALSE, };

  for (guint i = 0; i < n_columns; i++)
    {
      CdCustomerField field = cd_customers_guess_field (header[i]);

      /* A second phone-like column ("Mobile" after "Phone") is phone 2. */
      if (field == CD_CUSTOMER_FIELD_PHONE && used[CD_CUSTOMER_FIELD_PHONE])
        field = CD_CUSTOMER_FIELD_PHONE2;
      if (field != CD_CUSTOMER_FIELD_IGNORE && used[field])
        field = CD_CUSTOMER_FIELD_IGNORE;
      if (field != CD_CUSTOMER_FIELD_IGNORE)
        used[field] = TRUE;
      mapping[i] = field;
    }
}

static CdCsvReader *
open_csv (const char   *csv_path,
          CdCsvRecord **header,
          GError      **error)
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
        g_set_error (error, CD_STORE_ERROR, CD_STORE_ERROR_INVALID,
                     _("“%s” is empty: there is nothing to import. Choose a CSV file with a header line and one customer per line."),
                     csv_path);
      return NULL;
    }
  return g_steal_pointer (&reader);
}

CdCustomersImportPreview *
cd_customers_import_preview (const char  *csv_path,
                             guint        max_rows,
                             GError     **error)
{
  g_autoptr(CdCustomersImportPreview) preview = NULL;
  g_autoptr(CdCsvReader) reader = NULL;
  g_autoptr(CdCsvRecord) header = NULL;

  g_return_val_if_fail (csv_path != NULL, NULL);

  reader = open_csv (csv_path, &header, error);
  if (reader == NULL)
    return NULL;

  preview = g_new0 (CdCustomersImportPreview, 1);
  preview->separator = cd_csv_reader_get_separator (reader);
  preview->had_bom = cd_csv_reader_had_bom (reader);
  preview->n_columns = header->n_fields;
  preview->header = g_steal_pointer (&header->fields);
  preview->rows = g_ptr_array_new_with_free_func ((GDestroyNotify) cd_csv_record_free);
  preview->mapping = g_new0 (int, MAX (preview->n_columns, 1));
  suggest_mapping (preview->header, preview->n_columns, preview->mapping);

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

typedef struct {
  GHashTable *phones;   /* key → "“name”" description, borrowed strings in @names */
  GHashTable *emails;   /* casefolded → description */
  GHashTable *staff;    /* casefolded login or display name → id */
} ImportIndex;

static void
import_index_clear (ImportIndex *index)
{
  g_clear_pointer (&index->phones, g_hash_table_unref);
  g_clear_pointer (&index->emails, g_hash_table_unref);
  g_clear_pointer (&index->staff, g_hash_table_unref);
}

/* One pass over current customers and staff, so that checking a line for
 * duplicates costs no query at all. */
static gboolean
import_index_load (CdStore     *store,
                   ImportIndex *index,
                   GError     **error)
{
  sqlite3_stmt *stmt;
  int rc;

  index->phones = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  index->emails = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  index->staff = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  stmt = cd_store_prepare (store, "SELECT name, phone, phone2, email FROM customers WHERE archived = 0", error);
  if (stmt == NULL)
    return FALSE;
  while ((rc = cd_store_step (store, stmt, error)) == SQLITE_ROW)
    {
      const char *name = (const char *) sqlite3_column_text (stmt, 0);
      for (int col = 1; col <= 2; col++)
        {
          const char *phone = (const char *) sqlite3_column_text (stmt, col);
          if (phone != NULL && *phone != '\0')
            g_hash_table_insert (index->phones, g_strdup (phone),
                                 g_strdup_printf (_("“%s”"), name ? name : ""));
        }
      if (sqlite3_column_type (stmt, 3) != SQLITE_NULL)
        g_hash_table_insert (index->emails,
                             g_utf8_casefold ((const char *) sqlite3_column_text (stmt, 3), -1),
                             g_strdup_printf (_("“%s”"), name ? name : ""));
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return FALSE;

  stmt = cd_store_prepare (store, "SELECT id, login, display_name FROM staff WHERE active = 1", error);
  if (stmt == NULL)
    return FALSE;
  while ((rc = cd_store_step (store, stmt, error)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      for (int col = 1; col <= 2; col++)
        {
          const char *text = (const char *) sqlite3_column_text (stmt, col);
          if (text != NULL)
            g_hash_table_insert (index->staff, g_utf8_casefold (text, -1), GSIZE_TO_POINTER ((gsize) id));
        }
    }
  sqlite3_reset (stmt);
  return rc == SQLITE_DONE;
}

static gboolean
check_mapping (const int  *mapping,
               guint       n_mapping,
               guint       n_columns,
               GError    **error)
{
  gboolean used[CD_CUSTOMER_N_FIELDS] = { FALSE, };

  for (guint i = 0; i < n_mapping; i++)
    {
      int field = mapping[i];

      if (field == CD_CUSTOMER_FIELD_IGNORE)
        continue;
      if (field < 0 || field >= CD_CUSTOMER_N_FIELDS)
        {
          g_set_error (error, CD_STORE_ERROR, CD_STORE_ERROR_INVALID,
                       _("Column %u is matched to a field that does not exist."), i + 1);
          return FALSE;
        }
      if (used[field])
        {
          g_set_error (error, CD_STORE_ERROR, CD_STORE_ERROR_INVALID,
                       _("Two columns are matched to “%s”. Match each field to one column at most."),
                       cd_customer_field_label ((CdCustomerField) field));
          return FALSE;
        }
      used[field] = TRUE;
    }

  if (!used[CD_CUSTOMER_FIELD_NAME])
    {
      g_set_error_literal (error, CD_STORE_ERROR, CD_STORE_ERROR_INVALID,
                           _("No column is matched to the customer’s name. Choose the column that holds the name."));
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

/* Turns one record into a customer, or says why it cannot be one. */
static CdCustomer *
customer_from_record (const CdCsvRecord *record,
                      const int         *mapping,
                      guint              n_mapping,
                      guint              n_columns,
                      ImportIndex       *index,
                      GHashTable        *file_phones,
                      GHashTable        *file_emails,
                      gboolean           allow_duplicates,
                      char             **reason)
{
  g_autoptr(CdCustomer) customer = cd_customer_new ();
  g_autoptr(GString) problems = g_string_new (NULL);
  const char *owner_text = NULL;

  if (record->problem != NULL)
    {
      *reason = g_strdup (record->problem);
      return NULL;
    }
  /* Fewer fields than the header: spreadsheets leave out trailing empty
   * fields, so the missing ones are empty. */
  for (guint i = n_columns; i < record->n_fields; i++)
    if (!cd_customers_is_blank (record->fields[i]))
      {
        *reason = g_strdup_printf (_("It has %u fields, but the header has %u; a value may contain a separator without quotes around it."),
                                   record->n_fields, n_columns);
        return NULL;
      }

  for (guint i = 0; i < n_mapping; i++)
    {
      const char *value = i < record->n_fields ? cd_csv_unneutralise (record->fields[i]) : "";
      g_autofree char *message = NULL;

      if (mapping[i] == CD_CUSTOMER_FIELD_IGNORE)
        continue;

      message = cd_customer_validate_field ((CdCustomerField) mapping[i], value);
      if (message != NULL)
        {
          g_autofree char *optional = cd_optional_text (value);
          g_autofree char *shown = optional != NULL ? cd_text_shorten (optional, 40) : NULL;

          if (problems->len > 0)
            g_string_append_c (problems, ' ');
          if (shown != NULL && g_utf8_validate (optional, -1, NULL) && strstr (message, optional) == NULL)
            {
              /* Translators: a rejected value in the import report:
               * field name, the value as written, what is wrong with it. */
              g_string_append_printf (problems, _("%s “%s”: %s"),
                                      cd_customer_field_label ((CdCustomerField) mapping[i]), shown, message);
            }
          else
            g_string_append (problems, message);
          continue;
        }

      switch ((CdCustomerField) mapping[i])
        {
        case CD_CUSTOMER_FIELD_NAME:         customer->name = cd_optional_text (value); break;
        case CD_CUSTOMER_FIELD_ORGANISATION: customer->organisation = cd_optional_text (value); break;
        case CD_CUSTOMER_FIELD_PHONE:        customer->phone = cd_optional_text (value); break;
        case CD_CUSTOMER_FIELD_PHONE2:       customer->phone2 = cd_optional_text (value); break;
        case CD_CUSTOMER_FIELD_EMAIL:        customer->email = cd_optional_text (value); break;
        case CD_CUSTOMER_FIELD_ADDRESS:      customer->address = cd_optional_text (value); break;
        case CD_CUSTOMER_FIELD_TAGS:         customer->tags = cd_optional_text (value); break;
        case CD_CUSTOMER_FIELD_NOTES:        customer->notes = cd_customers_is_blank (value) ? NULL : g_strdup (value); break;
        case CD_CUSTOMER_FIELD_OWNER:        owner_text = value; break;
        case CD_CUSTOMER_FIELD_TIER:
          if (!cd_customers_is_blank (value))
            customer->tier = (CdTier) cd_customer_parse_tier (value);
          break;
        case CD_CUSTOMER_FIELD_PREFERRED_CHANNEL:
          customer->preferred_channel = cd_customers_is_blank (value) ? -1 : cd_customer_parse_channel (value);
          break;
        case CD_CUSTOMER_FIELD_IGNORE:
        case CD_CUSTOMER_N_FIELDS:
        default:
          break;
        }
    }

  if (owner_text != NULL && !cd_customers_is_blank (owner_text))
    {
      g_autofree char *trimmed = cd_optional_text (owner_text);
      g_autofree char *folded = g_utf8_casefold (trimmed, -1);
      gpointer id;

      if (g_hash_table_lookup_extended (index->staff, folded, NULL, &id))
        customer->owner_id = (gint64) GPOINTER_TO_SIZE (id);
      else
        {
          if (problems->len > 0)
            g_string_append_c (problems, ' ');
          g_string_append_printf (problems, _("There is no active staff member “%s” to be the account owner; use a login or a display name from the staff list."),
                                  trimmed);
        }
    }

  if (problems->len > 0)
    {
      *reason = g_strdup (problems->str);
      return NULL;
    }

  if (!allow_duplicates)
    {
      const char *phones[] = { customer->phone, customer->phone2 };

      for (guint i = 0; i < G_N_ELEMENTS (phones); i++)
        {
          g_autofree char *key = cd_customer_optional_phone (phones[i]);
          const char *who;
          gpointer line;

          if (key == NULL)
            continue;
          if ((who = g_hash_table_lookup (index->phones, key)) != NULL)
            {
              *reason = g_strdup_printf (_("The phone number “%s” belongs to a customer already (%s); the line is left out unless duplicates are allowed."),
                                         phones[i], who);
              return NULL;
            }
          if ((line = g_hash_table_lookup (file_phones, key)) != NULL)
            {
              *reason = g_strdup_printf (_("The phone number “%s” is also on line %u."),
                                         phones[i], GPOINTER_TO_UINT (line));
              return NULL;
            }
        }

      if (customer->email != NULL)
        {
          g_autofree char *folded = g_utf8_casefold (customer->email, -1);
          const char *who;
          gpointer line;

          if ((who = g_hash_table_lookup (index->emails, folded)) != NULL)
            {
              *reason = g_strdup_printf (_("The email “%s” belongs to a customer already (%s); the line is left out unless duplicates are allowed."),
                                         customer->email, who);
              return NULL;
            }
          if ((line = g_hash_table_lookup (file_emails, folded)) != NULL)
            {
              *reason = g_strdup_printf (_("The email “%s” is also on line %u."),
                                         customer->email, GPOINTER_TO_UINT (line));
              return NULL;
            }
        }

      for (guint i = 0; i < G_N_ELEMENTS (phones); i++)
        {
          char *key = cd_customer_optional_phone (phones[i]);
          if (key != NULL)
            g_hash_table_insert (file_phones, key, GUINT_TO_POINTER (record->line));
        }
      if (customer->email != NULL)
        g_hash_table_insert (file_emails, g_utf8_casefold (customer->email, -1),
                             GUINT_TO_POINTER (record->line));
    }

  return g_steal_pointer (&customer);
}

/* How often (in lines) a long import looks at its cancellable. */
#define IMPORT_CHECK_EVERY 256

/* What checking a file found: the customers to write and the report. */
typedef struct {
  char                    *csv_path;
  int                     *mapping;
  guint                    n_mapping;
  CdCustomersImportFlags   flags;
  ProgressRelay           *relay;
  CdCustomersImportReport *report;
  GPtrArray               *valid;    /* CdCustomer */
  gboolean                 refused;  /* all or nothing, and lines were rejected */
} ImportJob;

static ImportJob *
import_job_new (const char             *csv_path,
                const int              *mapping,
                guint                   n_mapping,
                CdCustomersImportFlags  flags)
{
  ImportJob *job = g_new0 (ImportJob, 1);

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
  cd_customers_import_report_free (job->report);
  g_clear_pointer (&job->valid, g_ptr_array_unref);
  g_free (job);
}

static double
check_share (ImportJob *job)
{
  return (job->flags & CD_CUSTOMERS_IMPORT_DRY_RUN) ? 1.0 : 0.5;
}

/* Reads and checks every line, duplicates included, without any lock on
 * the file: the index of current customers is read first, in one
 * statement, and the rest is work on the CSV alone. Sets job->report
 * and job->valid. */
static gboolean
import_check (CdStore        *store,
              ImportJob      *job,
              GCancellable   *cancellable,
              CdProgressFunc  progress,
              gpointer        progress_data,
              GError        **error)
{
  g_autoptr(CdCsvReader) reader = NULL;
  g_autoptr(CdCsvRecord) header = NULL;
  g_autoptr(GHashTable) file_phones = NULL;
  g_autoptr(GHashTable) file_emails = NULL;
  ImportIndex index = { NULL, };
  gboolean dry_run = (job->flags & CD_CUSTOMERS_IMPORT_DRY_RUN) != 0;
  double share = check_share (job);
  GError *local_error = NULL;

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;

  reader = open_csv (job->csv_path, &header, error);
  if (reader == NULL)
    return FALSE;
  if (!check_mapping (job->mapping, job->n_mapping, header->n_fields, error))
    return FALSE;
  if (!cd_customers_check_signed_in (store, error))
    return FALSE;
  if (!dry_run && !cd_store_require_role (store, ALL_ROLES, error))
    return FALSE;
  if (!import_index_load (store, &index, error))
    {
      import_index_clear (&index);
      return FALSE;
    }

  job->report = report_new ();
  job->valid = g_ptr_array_new_with_free_func ((GDestroyNotify) cd_customer_free);
  file_phones = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  file_emails = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (;;)
    {
      g_autoptr(CdCsvRecord) record = NULL;
      CdCustomer *customer;
      char *reason = NULL;

      if (!cd_csv_reader_next (reader, &record, &local_error))
        break;

      job->report->n_records++;
      customer = customer_from_record (record, job->mapping, job->n_mapping, header->n_fields, &index,
                                       file_phones, file_emails,
                                       (job->flags & CD_CUSTOMERS_IMPORT_ALLOW_DUPLICATES) != 0,
                                       &reason);
      if (customer != NULL)
        g_ptr_array_add (job->valid, customer);
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
  import_index_clear (&index);

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

  if (!dry_run && (job->flags & CD_CUSTOMERS_IMPORT_ALL_OR_NOTHING) && job->report->rejections->len > 0)
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

/* The columns an INSERT sets, in the order cd_customer_fields_build()
 * gives them, then the two stamps. */
#define INSERT_COLUMNS "name, organisation, phone, phone2, email, address, preferred_channel," \
                       " tier, tags, owner_id, notes, created_at, updated_at"
#define INSERT_N_FIELDS 11
#define INSERT_N_PARAMS (INSERT_N_FIELDS + 2)

/* Rows per INSERT. The trigger on customers makes SQLite keep a
 * statement journal for every INSERT, a copy of each page the statement
 * changes: one INSERT of 64 rows copies those pages once rather than 64
 * times, which makes 100 000 rows five times quicker to write than one
 * INSERT per row. */
#define INSERT_BATCH 64

static char *
insert_sql (guint n_rows)
{
  GString *sql = g_string_new ("INSERT INTO customers (" INSERT_COLUMNS ") VALUES ");

  for (guint r = 0; r < n_rows; r++)
    g_string_append (sql, r == 0 ? "(?,?,?,?,?,?,?,?,?,?,?,?,?)" : ",(?,?,?,?,?,?,?,?,?,?,?,?,?)");
  return g_string_free (sql, FALSE);
}

/* Writes the checked customers in one transaction, which alone holds the
 * write lock: a prepared INSERT of INSERT_BATCH rows serves every full
 * batch (a one-row INSERT the rest), and each row gets the audit rows
 * cd_store_insert() would give it (a "create" per field set), in the
 * same transaction. */
static gboolean
import_write (CdStore        *store,
              ImportJob      *job,
              GCancellable   *cancellable,
              CdProgressFunc  progress,
              gpointer        progress_data,
              GError        **error)
{
  GPtrArray *valid = job->valid;
  g_autofree char *summary = NULL;
  g_autofree char *batch_sql = insert_sql (INSERT_BATCH);
  g_autofree char *single_sql = insert_sql (1);
  CdCustomerFields lists[INSERT_BATCH];
  GError *local_error = NULL;
  double share = check_share (job);
  sqlite3_stmt *batch_stmt, *single_stmt;
  gint64 now, last_id;
  guint i = 0;

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;
  if (!cd_store_require_role (store, ALL_ROLES, error) ||
      !cd_store_begin (store, error))
    return FALSE;

  batch_stmt = cd_store_prepare (store, batch_sql, error);
  single_stmt = batch_stmt != NULL ? cd_store_prepare (store, single_sql, error) : NULL;
  if (single_stmt == NULL)
    goto fail;
  /* New rows take the ids after the largest one, in order. */
  last_id = cd_store_query_int (store, "SELECT ifnull(max(id), 0) FROM customers", CD_NO_BIND, 0, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, local_error);
      goto fail;
    }
  now = cd_store_now (store);

  while (i < valid->len)
    {
      guint n_rows = valid->len - i >= INSERT_BATCH ? INSERT_BATCH : 1;
      sqlite3_stmt *stmt = n_rows == INSERT_BATCH ? batch_stmt : single_stmt;
      gboolean ok = TRUE;
      gint64 id;

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        goto fail;
      if (progress != NULL)
        progress (share + (1.0 - share) * i / valid->len, progress_data);

      for (guint r = 0; r < n_rows; r++)
        {
          int base = (int) (r * INSERT_N_PARAMS);

          cd_customer_fields_init (&lists[r]);
          cd_customer_fields_build (g_ptr_array_index (valid, i + r), &lists[r]);
          g_assert (lists[r].n == INSERT_N_FIELDS);
          for (guint f = 0; f < INSERT_N_FIELDS; f++)
            {
              if (lists[r].fields[f].value != NULL)
                sqlite3_bind_text (stmt, base + (int) f + 1, lists[r].fields[f].value, -1, SQLITE_STATIC);
              else
                sqlite3_bind_null (stmt, base + (int) f + 1);
            }
          sqlite3_bind_int64 (stmt, base + INSERT_N_FIELDS + 1, now);
          sqlite3_bind_int64 (stmt, base + INSERT_N_FIELDS + 2, now);
        }

      if (cd_store_step (store, stmt, error) < 0)
        ok = FALSE;
      sqlite3_reset (stmt);
      id = sqlite3_last_insert_rowid (cd_store_get_db (store));
      if (ok && id != last_id + n_rows)
        {
          /* Only when the largest id is taken (2^63 - 1) does SQLite pick
           * ids at random; the audit rows could not name the rows then. */
          g_set_error_literal (error, CD_STORE_ERROR, CD_STORE_ERROR_FAILED,
                               _("The database has run out of customer numbers. Nothing was imported."));
          ok = FALSE;
        }

      for (guint r = 0; r < n_rows; r++)
        {
          for (guint f = 0; ok && f < INSERT_N_FIELDS; f++)
            if (lists[r].fields[f].value != NULL)
              ok = cd_store_audit (store, "customers", last_id + 1 + r, "create", lists[r].fields[f].column,
                                   NULL, lists[r].fields[f].value, error);
          cd_customer_fields_clear (&lists[r]);
        }
      if (!ok)
        goto fail;

      last_id = id;
      i += n_rows;
    }

  summary = g_strdup_printf ("%u → %s", valid->len, job->csv_path);
  if (!cd_store_audit (store, "customers", 0, "import", NULL, NULL, summary, error))
    goto fail;

  /* The last chance to change one's mind. */
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    goto fail;
  if (!cd_store_commit (store, error))
    return FALSE;

  job->report->n_imported = valid->len;
  if (progress != NULL)
    progress (1.0, progress_data);
  return TRUE;

fail:
  cd_store_rollback (store);
  return FALSE;
}

gboolean
cd_customers_import (CdStore                  *store,
                     const char               *csv_path,
                     const int                *mapping,
                     guint                     n_mapping,
                     CdCustomersImportFlags    flags,
                     GCancellable             *cancellable,
                     CdProgressFunc            progress,
                     gpointer                  progress_data,
                     CdCustomersImportReport **report_out,
                     GError                  **error)
{
  ImportJob *job;
  gboolean ok;

  g_return_val_if_fail (CD_IS_STORE (store), FALSE);
  g_return_val_if_fail (csv_path != NULL, FALSE);
  g_return_val_if_fail (mapping != NULL || n_mapping == 0, FALSE);

  if (report_out != NULL)
    *report_out = NULL;

  job = import_job_new (csv_path, mapping, n_mapping, flags);
  ok = import_check (store, job, cancellable, progress, progress_data, error);
  if (ok && !(flags & CD_CUSTOMERS_IMPORT_DRY_RUN))
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
    g_task_return_pointer (task, g_steal_pointer (&job->report),
                           (GDestroyNotify) cd_customers_import_report_free);
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
  if (job->flags & CD_CUSTOMERS_IMPORT_DRY_RUN)
    {
      g_task_return_pointer (task, g_steal_pointer (&job->report),
                             (GDestroyNotify) cd_customers_import_report_free);
      return;
    }
  cancellable = g_task_get_cancellable (task);
  cd_store_run_async (CD_STORE (source), CD_STORE_LANE_WRITE, write_job, job, NULL,
                      cancellable, write_done_cb, g_steal_pointer (&task));
}

void
cd_customers_import_async (CdStore                *store,
                           const char             *csv_path,
                           const int              *mapping,
                           guint                   n_mapping,
                           CdCustomersImportFlags  flags,
                           GCancellable           *cancellable,
                           CdProgressFunc          progress,
                           gpointer                progress_data,
                           GDestroyNotify          progress_destroy,
                           GAsyncReadyCallback     callback,
                           gpointer                user_data)
{
  g_autoptr(GTask) task = NULL;
  GError *error = NULL;
  ImportJob *job;

  g_return_if_fail (CD_IS_STORE (store));
  g_return_if_fail (csv_path != NULL);
  g_return_if_fail (mapping != NULL || n_mapping == 0);

  task = g_task_new (store, cancellable, callback, user_data);
  g_task_set_source_tag (task, cd_customers_import_async);
  g_task_set_name (task, "[caredesk] import customers");

  job = import_job_new (csv_path, mapping, n_mapping, flags);
  if (progress != NULL || progress_destroy != NULL)
    job->relay = relay_new (progress, progress_data, progress_destroy);
  g_task_set_task_data (task, job, import_job_free);

  if (!cd_customers_check_signed_in (store, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  cd_store_run_async (store, CD_STORE_LANE_READ, check_job, job, NULL, cancellable,
                      check_done_cb, g_steal_pointer (&task));
}

CdCustomersImportReport *
cd_customers_import_finish (CdStore       *store,
                            GAsyncResult  *result,
                            GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, store), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}
