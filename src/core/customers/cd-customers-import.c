/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "caredesk-customers"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "cd-sql-util.h"
#include "cd-customers-private.h"
#include "cd-validate.h"

/* The customer kind of the importer every kind of record shares
 * (cd-import.c): which header names which field, how a line becomes a
 * customer (duplicates of customers on file and of other lines found
 * with no query at all), and how thousands of them are written fast. */

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
  g_autofree char *key = cd_import_header_key (header);

  for (guint i = 0; i < G_N_ELEMENTS (header_words); i++)
    if (g_str_equal (header_words[i].word, key))
      return header_words[i].field;
  return CD_CUSTOMER_FIELD_IGNORE;
}

static int
guess_field (const char *header)
{
  return cd_customers_guess_field (header);
}

/* A second phone-like column ("Mobile" after "Phone") is phone 2. */
static int
second_field (int field)
{
  return field == CD_CUSTOMER_FIELD_PHONE ? CD_CUSTOMER_FIELD_PHONE2 : CD_CUSTOMER_FIELD_IGNORE;
}

static const char *
field_label (int field)
{
  return cd_customer_field_label ((CdCustomerField) field);
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

/* Turns one line's values (by field) into a customer, or says why it
 * cannot be one. */
static CdCustomer *
customer_from_values (const char * const *values,
                      guint               line,
                      ImportIndex        *index,
                      GHashTable         *file_phones,
                      GHashTable         *file_emails,
                      gboolean            allow_duplicates,
                      char              **reason)
{
  g_autoptr(CdCustomer) customer = cd_customer_new ();
  g_autoptr(GString) problems = g_string_new (NULL);
  const char *owner_text = NULL;

  for (int field = 0; field < CD_CUSTOMER_N_FIELDS; field++)
    {
      const char *value = values[field];
      g_autofree char *message = NULL;

      if (value == NULL)
        continue;

      message = cd_customer_validate_field ((CdCustomerField) field, value);
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
                                      cd_customer_field_label ((CdCustomerField) field), shown, message);
            }
          else
            g_string_append (problems, message);
          continue;
        }

      switch ((CdCustomerField) field)
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
          gpointer other_line;

          if (key == NULL)
            continue;
          if ((who = g_hash_table_lookup (index->phones, key)) != NULL)
            {
              *reason = g_strdup_printf (_("The phone number “%s” belongs to a customer already (%s); the line is left out unless duplicates are allowed."),
                                         phones[i], who);
              return NULL;
            }
          if ((other_line = g_hash_table_lookup (file_phones, key)) != NULL)
            {
              *reason = g_strdup_printf (_("The phone number “%s” is also on line %u."),
                                         phones[i], GPOINTER_TO_UINT (other_line));
              return NULL;
            }
        }

      if (customer->email != NULL)
        {
          g_autofree char *folded = g_utf8_casefold (customer->email, -1);
          const char *who;
          gpointer other_line;

          if ((who = g_hash_table_lookup (index->emails, folded)) != NULL)
            {
              *reason = g_strdup_printf (_("The email “%s” belongs to a customer already (%s); the line is left out unless duplicates are allowed."),
                                         customer->email, who);
              return NULL;
            }
          if ((other_line = g_hash_table_lookup (file_emails, folded)) != NULL)
            {
              *reason = g_strdup_printf (_("The email “%s” is also on line %u."),
                                         customer->email, GPOINTER_TO_UINT (other_line));
              return NULL;
            }
        }

      for (guint i = 0; i < G_N_ELEMENTS (phones); i++)
        {
          char *key = cd_customer_optional_phone (phones[i]);
          if (key != NULL)
            g_hash_table_insert (file_phones, key, GUINT_TO_POINTER (line));
        }
      if (customer->email != NULL)
        g_hash_table_insert (file_emails, g_utf8_casefold (customer->email, -1),
                             GUINT_TO_POINTER (line));
    }

  return g_steal_pointer (&customer);
}

/* Checking: the index of customers and staff, and the phones and emails
 * of the lines before. */
typedef struct {
  ImportIndex  index;
  GHashTable  *file_phones;
  GHashTable  *file_emails;
  gboolean     allow_duplicates;
} Check;

static void
check_end (gpointer data)
{
  Check *check = data;

  import_index_clear (&check->index);
  g_clear_pointer (&check->file_phones, g_hash_table_unref);
  g_clear_pointer (&check->file_emails, g_hash_table_unref);
  g_free (check);
}

static gpointer
check_begin (CdStore        *store,
             gint64          context_id,
             CdImportFlags   flags,
             GError        **error)
{
  Check *check = g_new0 (Check, 1);

  check->allow_duplicates = (flags & CD_IMPORT_OPTION) != 0;
  check->file_phones = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  check->file_emails = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  if (!import_index_load (store, &check->index, error))
    {
      check_end (check);
      return NULL;
    }
  return check;
}

static gpointer
check_line (gpointer             data,
            const char * const  *values,
            guint                line,
            char               **reason)
{
  Check *check = data;

  return customer_from_values (values, line, &check->index, check->file_phones, check->file_emails,
                               check->allow_duplicates, reason);
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

/* Writes the checked customers, in the import's transaction: a prepared
 * INSERT of INSERT_BATCH rows serves every full batch (a one-row INSERT
 * the rest), and each row gets the audit rows cd_store_insert() would
 * give it (a "create" per field set). */
static gboolean
write_customers (CdStore        *store,
                 gint64          context_id,
                 GPtrArray      *valid,
                 GCancellable   *cancellable,
                 CdProgressFunc  progress,
                 gpointer        progress_data,
                 double          share,
                 GError        **error)
{
  g_autofree char *batch_sql = insert_sql (INSERT_BATCH);
  g_autofree char *single_sql = insert_sql (1);
  CdCustomerFields lists[INSERT_BATCH];
  GError *local_error = NULL;
  sqlite3_stmt *batch_stmt, *single_stmt;
  gint64 now, last_id;
  guint i = 0;

  batch_stmt = cd_store_prepare (store, batch_sql, error);
  single_stmt = batch_stmt != NULL ? cd_store_prepare (store, single_sql, error) : NULL;
  if (single_stmt == NULL)
    return FALSE;
  /* New rows take the ids after the largest one, in order. */
  last_id = cd_store_query_int (store, "SELECT ifnull(max(id), 0) FROM customers", CD_NO_BIND, 0, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, local_error);
      return FALSE;
    }
  now = cd_store_now (store);

  while (i < valid->len)
    {
      guint n_rows = valid->len - i >= INSERT_BATCH ? INSERT_BATCH : 1;
      sqlite3_stmt *stmt = n_rows == INSERT_BATCH ? batch_stmt : single_stmt;
      gboolean ok = TRUE;
      gint64 id;

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;
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
        return FALSE;

      last_id = id;
      i += n_rows;
    }
  return TRUE;
}

static char *
kind_text (CdImportText  what,
           guint         n,
           const char   *arg)
{
  switch (what)
    {
    case CD_IMPORT_TEXT_TITLE:
      return g_strdup (_("Import Customers"));
    case CD_IMPORT_TEXT_DESCRIPTION:
      return g_strdup (_("Save the spreadsheet as CSV (UTF-8, separated by commas or semicolons) with a header line naming the columns — Name, Organisation, Phone, Email and so on — and one customer per line."));
    case CD_IMPORT_TEXT_MAPPING_HINT:
      return g_strdup (_("Above each column, choose the customer field it fills, or Ignore. The first rows of the file are shown below."));
    case CD_IMPORT_TEXT_OPTION:
      return g_strdup (_("Also import lines whose phone or email matches a customer already on file"));
    case CD_IMPORT_TEXT_IMPORTING:
      return g_strdup (_("Importing customers…"));
    case CD_IMPORT_TEXT_FAILED:
      return g_strdup (_("Could Not Import the Customers"));
    case CD_IMPORT_TEXT_NO_RECORDS:
      return g_strdup (_("The file has no customers after its header line"));
    case CD_IMPORT_TEXT_EMPTY_FILE:
      return g_strdup_printf (_("“%s” is empty: there is nothing to import. Choose a CSV file with a header line and one customer per line."),
                              arg);
    case CD_IMPORT_TEXT_IMPORTED:
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Imported %'u customer", "Imported %'u customers", n), n);
    case CD_IMPORT_TEXT_IMPORT_BUTTON:
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "_Import %'u Customer", "_Import %'u Customers", n), n);
    case CD_IMPORT_TEXT_MISSING_FIELD:
      return g_strdup (_("No column is matched to the customer’s name. Choose the column that holds the name."));
    case CD_IMPORT_TEXT_MISSING_FIELD_HINT:
      return g_strdup (_("Choose the column that holds the customers’ names: every customer needs one."));
    default:
      return NULL;
    }
}

static const int required_fields[] = { CD_CUSTOMER_FIELD_NAME, -1 };

static const CdImportKind customers_kind = {
  .entity = "customers",
  .n_fields = CD_CUSTOMER_N_FIELDS,
  .field_label = field_label,
  .guess_field = guess_field,
  .second_field = second_field,
  .required_fields = required_fields,
  .roles = ALL_ROLES,
  .all_or_nothing = FALSE,
  .text = kind_text,
  .check_begin = check_begin,
  .check_line = check_line,
  .check_end = check_end,
  .item_free = (GDestroyNotify) cd_customer_free,
  .write = write_customers,
};

const CdImportKind *
cd_customers_import_kind (void)
{
  return &customers_kind;
}

/* The customer view's and the tests' calls --------------------------------- */

void
cd_customers_import_preview_free (CdCustomersImportPreview *preview)
{
  cd_import_preview_free (preview);
}

void
cd_customers_import_report_free (CdCustomersImportReport *report)
{
  cd_import_report_free (report);
}

CdCustomersImportPreview *
cd_customers_import_preview (const char  *csv_path,
                             guint        max_rows,
                             GError     **error)
{
  return cd_import_preview (&customers_kind, csv_path, max_rows, error);
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
                     CdCustomersImportReport **report,
                     GError                  **error)
{
  return cd_import_run (store, &customers_kind, 0, csv_path, mapping, n_mapping, (CdImportFlags) flags,
                        cancellable, progress, progress_data, report, error);
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
  cd_import_async (store, &customers_kind, 0, csv_path, mapping, n_mapping, (CdImportFlags) flags,
                   cancellable, progress, progress_data, progress_destroy, callback, user_data);
}

CdCustomersImportReport *
cd_customers_import_finish (CdStore       *store,
                            GAsyncResult  *result,
                            GError       **error)
{
  return cd_import_finish (store, result, error);
}
