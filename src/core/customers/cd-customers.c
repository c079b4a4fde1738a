/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "caredesk-customers"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <errno.h>
#include <glib/gstdio.h>
#include <string.h>

#include "cd-sql-util.h"
#include "cd-customers.h"
#include "cd-validate.h"

/* Helpers ---------------------------------------------------------------- */

#define ALL_ROLES (CD_ROLE_BIT (CD_ROLE_REP) | CD_ROLE_BIT (CD_ROLE_LEAD) | \
                   CD_ROLE_BIT (CD_ROLE_TRAINER) | CD_ROLE_BIT (CD_ROLE_ADMIN))

/* The largest code point: appended to a prefix it gives an upper bound
 * that sorts after every text starting with the prefix. */
#define PREFIX_END "\xF4\x8F\xBF\xBF"

static gboolean
is_blank (const char *text)
{
  g_autofree char *trimmed = cd_optional_text (text);
  return trimmed == NULL;
}

static char *
format_local (gint64 t)
{
  g_autoptr(GDateTime) dt = NULL;

  if (t == 0)
    return NULL;
  dt = g_date_time_new_from_unix_local (t);
  if (dt == NULL)
    return NULL;
  return g_date_time_format (dt, "%Y-%m-%d %H:%M");
}

/* Fields ----------------------------------------------------------------- */

static const struct {
  const char *column;
  const char *label;
} field_info[CD_CUSTOMER_N_FIELDS] = {
  [CD_CUSTOMER_FIELD_NAME]              = { "name", N_("Name") },
  [CD_CUSTOMER_FIELD_ORGANISATION]      = { "organisation", N_("Organisation") },
  [CD_CUSTOMER_FIELD_PHONE]             = { "phone", N_("Phone") },
  [CD_CUSTOMER_FIELD_PHONE2]            = { "phone2", N_("Second phone") },
  [CD_CUSTOMER_FIELD_EMAIL]             = { "email", N_("Email") },
  [CD_CUSTOMER_FIELD_ADDRESS]           = { "address", N_("Address") },
  [CD_CUSTOMER_FIELD_PREFERRED_CHANNEL] = { "preferred_channel", N_("Preferred channel") },
  [CD_CUSTOMER_FIELD_TIER]              = { "tier", N_("Tier") },
  [CD_CUSTOMER_FIELD_TAGS]              = { "tags", N_("Tags") },
  [CD_CUSTOMER_FIELD_OWNER]             = { "owner_id", N_("Account owner") },
  [CD_CUSTOMER_FIELD_NOTES]             = { "notes", N_("Notes") },
};

const char *
cd_customer_field_to_column (CdCustomerField field)
{
  g_return_val_if_fail (field >= 0 && field < CD_CUSTOMER_N_FIELDS, NULL);
  return field_info[field].column;
}

int
cd_customer_field_from_column (const char *column)
{
  if (column == NULL)
    return -1;
  for (int i = 0; i < CD_CUSTOMER_N_FIELDS; i++)
    if (g_str_equal (field_info[i].column, column))
      return i;
  return -1;
}

const char *
cd_customer_field_label (CdCustomerField field)
{
  g_return_val_if_fail (field >= 0 && field < CD_CUSTOMER_N_FIELDS, "");
  return g_dgettext (GETTEXT_PACKAGE, field_info[field].label);
}

/* Words people use for tiers and channels, besides the nick and label. */
typedef struct {
  const char *word;
  int         value;
} WordValue;

static const WordValue tier_words[] = {
  { "战略", CD_TIER_STRATEGIC }, { "战略客户", CD_TIER_STRATEGIC }, { "战略级", CD_TIER_STRATEGIC },
  { "核心", CD_TIER_CORE }, { "核心客户", CD_TIER_CORE }, { "重点", CD_TIER_CORE }, { "重点客户", CD_TIER_CORE },
  { "潜在", CD_TIER_POTENTIAL }, { "潜在客户", CD_TIER_POTENTIAL },
  { "一般", CD_TIER_GENERAL }, { "一般客户", CD_TIER_GENERAL }, { "普通", CD_TIER_GENERAL }, { "普通客户", CD_TIER_GENERAL },
};

static const WordValue channel_words[] = {
  { "in person", CD_CHANNEL_IN_PERSON }, { "in-person", CD_CHANNEL_IN_PERSON },
  { "e-mail", CD_CHANNEL_EMAIL }, { "mail", CD_CHANNEL_EMAIL },
  { "电话", CD_CHANNEL_PHONE }, { "手机", CD_CHANNEL_PHONE },
  { "邮件", CD_CHANNEL_EMAIL }, { "邮箱", CD_CHANNEL_EMAIL }, { "电子邮件", CD_CHANNEL_EMAIL },
  { "聊天", CD_CHANNEL_CHAT }, { "在线", CD_CHANNEL_CHAT }, { "在线聊天", CD_CHANNEL_CHAT }, { "微信", CD_CHANNEL_CHAT },
  { "当面", CD_CHANNEL_IN_PERSON }, { "面谈", CD_CHANNEL_IN_PERSON }, { "上门", CD_CHANNEL_IN_PERSON },
  { "其他", CD_CHANNEL_OTHER }, { "其它", CD_CHANNEL_OTHER },
};

static int
parse_enum (const char  *text,
            int        (*from_nick) (const char *nick),
            const char *(*label) (int value),
            guint        count,
            const WordValue *words,
            gsize        n_words)
{
  g_autofree char *trimmed = cd_optional_text (text);
  g_autofree char *folded = NULL;
  int value;

  if (trimmed == NULL)
    return -1;
  folded = g_utf8_casefold (trimmed, -1);

  value = from_nick (folded);
  if (value >= 0)
    return value;
  for (guint i = 0; i < count; i++)
    {
      g_autofree char *l = g_utf8_casefold (label ((int) i), -1);
      if (g_str_equal (l, folded))
        return (int) i;
    }
  for (gsize i = 0; i < n_words; i++)
    if (g_str_equal (words[i].word, folded))
      return words[i].value;
  return -1;
}

static const char *
tier_label (int value)
{
  return cd_tier_label ((CdTier) value);
}

static const char *
channel_label (int value)
{
  return cd_channel_label ((CdChannel) value);
}

int
cd_customer_parse_tier (const char *text)
{
  return parse_enum (text, cd_tier_from_nick, tier_label, cd_tier_count (),
                     tier_words, G_N_ELEMENTS (tier_words));
}

int
cd_customer_parse_channel (const char *text)
{
  return parse_enum (text, cd_channel_from_nick, channel_label, cd_channel_count (),
                     channel_words, G_N_ELEMENTS (channel_words));
}

/* Phones ----------------------------------------------------------------- */

static gsize
count_digits (const char *text)
{
  gsize n = 0;
  for (const char *p = text; *p && *p != 'x'; p++)
    if (g_ascii_isdigit (*p))
      n++;
  return n;
}

/* @prefix: the text is the start of a number being typed, so a Chinese
 * mobile is recognised by its first digits rather than its length. */
static char *
phone_key (const char *text,
           gboolean    prefix)
{
  g_autofree char *norm = cd_phone_normalise (text);
  const char *rest = NULL;

  if (norm == NULL)
    return g_strdup ("");

  if (g_str_has_prefix (norm, "+86"))
    rest = norm + 3;
  else if (g_str_has_prefix (norm, "0086"))
    rest = norm + 4;
  if (rest == NULL)
    return g_steal_pointer (&norm);
  if (*rest == '\0')
    return g_strdup ("");

  /* Mobiles (1[3-9] and 11 digits), 400/800 service numbers and short
   * service numbers (95588) are dialled as they are; everything else in
   * China gets the trunk prefix 0 before its area code. */
  if (rest[0] == '0')
    return g_strdup (rest);
  if (rest[0] == '1' &&
      (prefix ? (rest[1] == '\0' || (rest[1] >= '3' && rest[1] <= '9'))
              : count_digits (rest) == 11))
    return g_strdup (rest);
  if (g_str_has_prefix (rest, "400") || g_str_has_prefix (rest, "800") ||
      (!prefix && count_digits (rest) <= 6))
    return g_strdup (rest);
  return g_strconcat ("0", rest, NULL);
}

char *
cd_customer_phone_key (const char *text)
{
  return phone_key (text, FALSE);
}

/* Records ---------------------------------------------------------------- */

CdCustomer *
cd_customer_new (void)
{
  CdCustomer *customer = g_new0 (CdCustomer, 1);

  customer->tier = CD_TIER_GENERAL;
  customer->preferred_channel = -1;
  return customer;
}

CdCustomer *
cd_customer_copy (const CdCustomer *customer)
{
  CdCustomer *copy;

  g_return_val_if_fail (customer != NULL, NULL);

  copy = g_memdup2 (customer, sizeof *customer);
  copy->name = g_strdup (customer->name);
  copy->organisation = g_strdup (customer->organisation);
  copy->phone = g_strdup (customer->phone);
  copy->phone2 = g_strdup (customer->phone2);
  copy->email = g_strdup (customer->email);
  copy->address = g_strdup (customer->address);
  copy->tags = g_strdup (customer->tags);
  copy->notes = g_strdup (customer->notes);
  copy->owner_name = g_strdup (customer->owner_name);
  return copy;
}

void
cd_customer_free (CdCustomer *customer)
{
  if (customer == NULL)
    return;
  g_free (customer->name);
  g_free (customer->organisation);
  g_free (customer->phone);
  g_free (customer->phone2);
  g_free (customer->email);
  g_free (customer->address);
  g_free (customer->tags);
  g_free (customer->notes);
  g_free (customer->owner_name);
  g_free (customer);
}

CdCustomer *
cd_customer_load (CdStore  *store,
                  gint64    id,
                  GError  **error)
{
  g_autoptr(CdCustomer) customer = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (CD_IS_STORE (store), NULL);

  stmt = cd_store_prepare (store,
                           "SELECT c.id, c.name, c.organisation, c.phone, c.phone2, c.email, c.address,"
                           " c.preferred_channel, c.tier, c.tags, c.owner_id, c.notes, c.archived,"
                           " c.last_contact_at, c.created_at, c.updated_at, c.version, s.display_name"
                           " FROM customers c LEFT JOIN staff s ON s.id = c.owner_id WHERE c.id = ?",
                           error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, id);
  rc = cd_store_step (store, stmt, error);
  if (rc < 0)
    return NULL;
  if (rc != SQLITE_ROW)
    {
      sqlite3_reset (stmt);
      g_set_error_literal (error, CD_STORE_ERROR, CD_STORE_ERROR_NOT_FOUND,
                           _("The customer no longer exists; someone may have deleted or merged it."));
      return NULL;
    }

  customer = cd_customer_new ();
  customer->id = sqlite3_column_int64 (stmt, 0);
  customer->name = cd_sql_column_dup (stmt, 1);
  customer->organisation = cd_sql_column_dup (stmt, 2);
  customer->phone = cd_sql_column_dup (stmt, 3);
  customer->phone2 = cd_sql_column_dup (stmt, 4);
  customer->email = cd_sql_column_dup (stmt, 5);
  customer->address = cd_sql_column_dup (stmt, 6);
  customer->preferred_channel = cd_channel_from_nick ((const char *) sqlite3_column_text (stmt, 7));
  {
    int tier = cd_tier_from_nick ((const char *) sqlite3_column_text (stmt, 8));
    customer->tier = tier < 0 ? CD_TIER_GENERAL : (CdTier) tier;
  }
  customer->tags = cd_sql_column_dup (stmt, 9);
  customer->owner_id = cd_sql_column_int64 (stmt, 10);
  customer->notes = cd_sql_column_dup (stmt, 11);
  customer->archived = sqlite3_column_int (stmt, 12) != 0;
  customer->last_contact_at = cd_sql_column_int64 (stmt, 13);
  customer->created_at = cd_sql_column_int64 (stmt, 14);
  customer->updated_at = cd_sql_column_int64 (stmt, 15);
  customer->version = cd_sql_column_int64 (stmt, 16);
  customer->owner_name = cd_sql_column_dup (stmt, 17);
  sqlite3_reset (stmt);

  return g_steal_pointer (&customer);
}

/* Validation ------------------------------------------------------------- */

char *
cd_customer_validate_field (CdCustomerField  field,
                            const char      *value)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *trimmed = NULL;
  const char *label;

  g_return_val_if_fail (field >= 0 && field < CD_CUSTOMER_N_FIELDS, NULL);

  if (value != NULL && !g_utf8_validate (value, -1, NULL))
    return g_strdup_printf (_("%s contains characters that are not valid text. Retype it."),
                            cd_customer_field_label (field));

  trimmed = cd_validate_trim (value);
  label = cd_customer_field_label (field);

  switch (field)
    {
    case CD_CUSTOMER_FIELD_NAME:
      cd_validate_name (trimmed, label, CD_CUSTOMER_NAME_MAX_CHARS, &error);
      break;

    case CD_CUSTOMER_FIELD_ORGANISATION:
      if (*trimmed != '\0')
        cd_validate_name (trimmed, label, CD_CUSTOMER_ORGANISATION_MAX_CHARS, &error);
      break;

    case CD_CUSTOMER_FIELD_TAGS:
      if (*trimmed != '\0')
        cd_validate_name (trimmed, label, CD_CUSTOMER_TAGS_MAX_CHARS, &error);
      break;

    case CD_CUSTOMER_FIELD_PHONE:
    case CD_CUSTOMER_FIELD_PHONE2:
      if (*trimmed != '\0')
        cd_validate_phone (trimmed, &error);
      break;

    case CD_CUSTOMER_FIELD_EMAIL:
      cd_validate_email (trimmed, FALSE, &error);
      break;

    case CD_CUSTOMER_FIELD_ADDRESS:
      cd_validate_text_length (trimmed, label, CD_CUSTOMER_ADDRESS_MAX_CHARS, &error);
      break;

    case CD_CUSTOMER_FIELD_NOTES:
      cd_validate_text_length (value, label, CD_VALIDATE_NOTES_MAX_LENGTH, &error);
      break;

    case CD_CUSTOMER_FIELD_TIER:
      if (*trimmed != '\0' && cd_customer_parse_tier (trimmed) < 0)
        return g_strdup_printf (_("“%s” is not a tier. Use one of: %s, %s, %s, %s."), trimmed,
                                cd_tier_label (CD_TIER_STRATEGIC), cd_tier_label (CD_TIER_CORE),
                                cd_tier_label (CD_TIER_POTENTIAL), cd_tier_label (CD_TIER_GENERAL));
      break;

    case CD_CUSTOMER_FIELD_PREFERRED_CHANNEL:
      if (*trimmed != '\0' && cd_customer_parse_channel (trimmed) < 0)
        return g_strdup_printf (_("“%s” is not a way to contact someone. Use one of: %s, %s, %s, %s, %s."), trimmed,
                                cd_channel_label (CD_CHANNEL_PHONE), cd_channel_label (CD_CHANNEL_EMAIL),
                                cd_channel_label (CD_CHANNEL_CHAT), cd_channel_label (CD_CHANNEL_IN_PERSON),
                                cd_channel_label (CD_CHANNEL_OTHER));
      break;

    case CD_CUSTOMER_FIELD_OWNER:
    case CD_CUSTOMER_FIELD_IGNORE:
    case CD_CUSTOMER_N_FIELDS:
    default:
      break;
    }

  return error != NULL ? g_strdup (error->message) : NULL;
}

static const char *
field_text (const CdCustomer *customer,
            CdCustomerField   field)
{
  switch (field)
    {
    case CD_CUSTOMER_FIELD_NAME:         return customer->name;
    case CD_CUSTOMER_FIELD_ORGANISATION: return customer->organisation;
    case CD_CUSTOMER_FIELD_PHONE:        return customer->phone;
    case CD_CUSTOMER_FIELD_PHONE2:       return customer->phone2;
    case CD_CUSTOMER_FIELD_EMAIL:        return customer->email;
    case CD_CUSTOMER_FIELD_ADDRESS:      return customer->address;
    case CD_CUSTOMER_FIELD_TAGS:         return customer->tags;
    case CD_CUSTOMER_FIELD_NOTES:        return customer->notes;
    case CD_CUSTOMER_FIELD_PREFERRED_CHANNEL:
    case CD_CUSTOMER_FIELD_TIER:
    case CD_CUSTOMER_FIELD_OWNER:
    case CD_CUSTOMER_FIELD_IGNORE:
    case CD_CUSTOMER_N_FIELDS:
    default:
      return NULL;
    }
}

/* Problems in field order, as (field, message) pairs. */
static GPtrArray *
collect_problems (const CdCustomer *customer,
                  GArray          **fields_out)
{
  GPtrArray *messages = g_ptr_array_new_with_free_func (g_free);
  GArray *fields = g_array_new (FALSE, FALSE, sizeof (int));

  for (int f = 0; f < CD_CUSTOMER_N_FIELDS; f++)
    {
      char *message = NULL;

      if (f == CD_CUSTOMER_FIELD_TIER)
        {
          if ((guint) customer->tier >= cd_tier_count ())
            message = g_strdup (_("Choose a tier for the customer."));
        }
      else if (f == CD_CUSTOMER_FIELD_PREFERRED_CHANNEL)
        {
          if (customer->preferred_channel < -1 ||
              customer->preferred_channel >= (int) cd_channel_count ())
            message = g_strdup (_("Choose how the customer prefers to be contacted, or leave it empty."));
        }
      else if (f == CD_CUSTOMER_FIELD_OWNER)
        {
          if (customer->owner_id < 0)
            message = g_strdup (_("Choose an account owner from the staff list, or leave it empty."));
        }
      else
        message = cd_customer_validate_field ((CdCustomerField) f, field_text (customer, (CdCustomerField) f));

      if (message != NULL)
        {
          g_ptr_array_add (messages, message);
          g_array_append_val (fields, f);
        }
    }

  *fields_out = fields;
  return messages;
}

GHashTable *
cd_customer_validate (const CdCustomer *customer)
{
  g_autoptr(GPtrArray) messages = NULL;
  g_autoptr(GArray) fields = NULL;
  GHashTable *result;

  g_return_val_if_fail (customer != NULL, NULL);

  result = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
  messages = collect_problems (customer, &fields);
  for (guint i = 0; i < messages->len; i++)
    g_hash_table_insert (result,
                         (gpointer) cd_customer_field_to_column (g_array_index (fields, int, i)),
                         g_strdup (g_ptr_array_index (messages, i)));
  return result;
}

gboolean
cd_customer_check (const CdCustomer  *customer,
                   GError           **error)
{
  g_autoptr(GPtrArray) messages = NULL;
  g_autoptr(GArray) fields = NULL;

  g_return_val_if_fail (customer != NULL, FALSE);

  messages = collect_problems (customer, &fields);
  if (messages->len == 0)
    return TRUE;
  g_set_error_literal (error, CD_STORE_ERROR, CD_STORE_ERROR_INVALID,
                       g_ptr_array_index (messages, 0));
  return FALSE;
}

/* Writes ----------------------------------------------------------------- */

#define MAX_FIELDS 16

typedef struct {
  CdField    fields[MAX_FIELDS];
  guint      n;
  GPtrArray *strings;
} FieldList;

static void
field_list_init (FieldList *list)
{
  list->n = 0;
  list->strings = g_ptr_array_new_with_free_func (g_free);
}

static void
field_list_clear (FieldList *list)
{
  g_clear_pointer (&list->strings, g_ptr_array_unref);
}

/* Takes @value. */
static void
field_list_add (FieldList  *list,
                const char *column,
                char       *value)
{
  g_assert (list->n < MAX_FIELDS);
  if (value != NULL)
    g_ptr_array_add (list->strings, value);
  list->fields[list->n].column = column;
  list->fields[list->n].value = value;
  list->n++;
}

static char *
optional_phone (const char *text)
{
  g_autofree char *key = NULL;

  if (is_blank (text))
    return NULL;
  key = cd_customer_phone_key (text);
  return *key != '\0' ? g_steal_pointer (&key) : NULL;
}

static void
build_fields (const CdCustomer *customer,
              FieldList        *list)
{
  field_list_add (list, "name", cd_optional_text (customer->name));
  field_list_add (list, "organisation", cd_optional_text (customer->organisation));
  field_list_add (list, "phone", optional_phone (customer->phone));
  field_list_add (list, "phone2", optional_phone (customer->phone2));
  field_list_add (list, "email", cd_optional_text (customer->email));
  field_list_add (list, "address", cd_optional_text (customer->address));
  field_list_add (list, "preferred_channel",
                  customer->preferred_channel >= 0
                  ? g_strdup (cd_channel_to_nick ((CdChannel) customer->preferred_channel)) : NULL);
  field_list_add (list, "tier", g_strdup (cd_tier_to_nick (customer->tier)));
  field_list_add (list, "tags", cd_optional_text (customer->tags));
  field_list_add (list, "owner_id", customer->owner_id > 0 ? cd_int_text (customer->owner_id) : NULL);
  field_list_add (list, "notes", is_blank (customer->notes) ? NULL : g_strdup (customer->notes));
}

gint64
cd_customer_create (CdStore           *store,
                    const CdCustomer  *customer,
                    GError           **error)
{
  FieldList list;
  gint64 id;

  g_return_val_if_fail (CD_IS_STORE (store), 0);
  g_return_val_if_fail (customer != NULL, 0);

  if (!cd_store_require_role (store, ALL_ROLES, error) ||
      !cd_customer_check (customer, error))
    return 0;

  field_list_init (&list);
  build_fields (customer, &list);
  id = cd_store_insert (store, "customers", list.fields, list.n, error);
  field_list_clear (&list);
  return id;
}

gboolean
cd_customer_update (CdStore           *store,
                    const CdCustomer  *customer,
                    gint64             expected_version,
                    GError           **error)
{
  FieldList list;
  gboolean ok;

  g_return_val_if_fail (CD_IS_STORE (store), FALSE);
  g_return_val_if_fail (customer != NULL && customer->id > 0, FALSE);

  if (!cd_store_require_role (store, ALL_ROLES, error) ||
      !cd_customer_check (customer, error))
    return FALSE;

  field_list_init (&list);
  build_fields (customer, &list);
  ok = cd_store_update (store, "customers", customer->id, expected_version,
                        list.fields, list.n, error);
  field_list_clear (&list);
  return ok;
}

gboolean
cd_customer_set_archived (CdStore   *store,
                          gint64     id,
                          gint64     expected_version,
                          gboolean   archived,
                          GError   **error)
{
  const CdField fields[] = { { "archived", archived ? "1" : "0" } };

  g_return_val_if_fail (CD_IS_STORE (store), FALSE);

  if (!cd_store_require_role (store, ALL_ROLES, error))
    return FALSE;
  return cd_store_update (store, "customers", id, expected_version,
                          fields, G_N_ELEMENTS (fields), error);
}

gboolean
cd_customer_archive (CdStore  *store,
                     gint64    id,
                     gint64    expected_version,
                     GError  **error)
{
  return cd_customer_set_archived (store, id, expected_version, TRUE, error);
}

gboolean
cd_customer_delete (CdStore  *store,
                    gint64    id,
                    gint64    expected_version,
                    GError  **error)
{
  GError *local_error = NULL;
  gint64 n_tickets, n_complaints;

  g_return_val_if_fail (CD_IS_STORE (store), FALSE);

  if (!cd_store_require_role (store, CD_ROLE_BIT (CD_ROLE_LEAD) | CD_ROLE_BIT (CD_ROLE_ADMIN), error))
    return FALSE;

  if (!cd_store_begin (store, error))
    return FALSE;

  n_tickets = cd_store_query_int (store, "SELECT count(*) FROM tickets WHERE customer_id = ?", id, 0, &local_error);
  if (local_error == NULL)
    n_complaints = cd_store_query_int (store, "SELECT count(*) FROM complaints WHERE customer_id = ?", id, 0, &local_error);
  else
    n_complaints = 0;
  if (local_error != NULL)
    {
      g_propagate_error (error, local_error);
      cd_store_rollback (store);
      return FALSE;
    }

  if (n_tickets > 0 || n_complaints > 0)
    {
      const char *what;

      if (n_tickets > 0 && n_complaints > 0)
        what = _("This customer cannot be deleted: tickets and complaints refer to them, and their history must stay traceable. Archive the customer instead, or merge them into another customer.");
      else if (n_tickets > 0)
        what = _("This customer cannot be deleted: tickets refer to them, and their history must stay traceable. Archive the customer instead, or merge them into another customer.");
      else
        what = _("This customer cannot be deleted: complaints refer to them, and their history must stay traceable. Archive the customer instead, or merge them into another customer.");
      g_set_error_literal (error, CD_STORE_ERROR, CD_STORE_ERROR_INVALID, what);
      cd_store_rollback (store);
      return FALSE;
    }

  if (!cd_store_delete (store, "customers", id, expected_version, error))
    {
      cd_store_rollback (store);
      return FALSE;
    }
  return cd_store_commit (store, error);
}

/* Seeing contact details ------------------------------------------------- */

gboolean
cd_customer_contact_visible (CdStore *store,
                             gint64   owner_id)
{
  g_return_val_if_fail (CD_IS_STORE (store), FALSE);

  if (cd_store_get_staff_id (store) == 0)
    return FALSE;
  if (cd_store_get_role (store) != CD_ROLE_REP)
    return TRUE;
  return owner_id != 0 && owner_id == cd_store_get_staff_id (store);
}

char *
cd_customer_display_phone (CdStore *store,
                           CdRow   *row)
{
  const char *phone;

  g_return_val_if_fail (CD_IS_STORE (store), NULL);
  g_return_val_if_fail (CD_IS_ROW (row), NULL);

  phone = cd_row_get_value (row, CD_CUSTOMER_COL_PHONE);
  if (phone == NULL)
    return g_strdup ("");
  if (cd_customer_contact_visible (store, cd_row_get_int (row, CD_CUSTOMER_COL_OWNER_ID, 0)))
    return g_strdup (phone);
  return cd_mask_phone (phone);
}

char *
cd_customer_display_email (CdStore *store,
                           CdRow   *row)
{
  const char *email;

  g_return_val_if_fail (CD_IS_STORE (store), NULL);
  g_return_val_if_fail (CD_IS_ROW (row), NULL);

  email = cd_row_get_value (row, CD_CUSTOMER_COL_EMAIL);
  if (email == NULL)
    return g_strdup ("");
  if (cd_customer_contact_visible (store, cd_row_get_int (row, CD_CUSTOMER_COL_OWNER_ID, 0)))
    return g_strdup (email);
  return cd_mask_email (email);
}

/* The list --------------------------------------------------------------- */

/* The list's columns first (CdCustomerColumn), then the ones only an
 * export writes. Each sort matches an index of cd-schema.c, column for
 * column and with the rowid as its last key, so every order is an index
 * scan. */
static const CdRowColumn customer_columns[] = {
  { "name", "name", "name COLLATE NOCASE" },
  { "organisation", "organisation", "organisation COLLATE NOCASE" },
  { "tier", "tier", "tier, name COLLATE NOCASE" },
  { "owner", "(SELECT display_name FROM staff WHERE staff.id = customers.owner_id)",
    "owner_id, name COLLATE NOCASE" },
  { "phone", "phone", "phone" },
  { "email", "email", "email COLLATE NOCASE" },
  { "last_contact", "last_contact_at", "last_contact_at" },
  { "owner_id", "owner_id", NULL },
  { "archived", "archived", NULL },
  /* export only */
  { "phone2", "phone2", NULL },
  { "address", "address", NULL },
  { "preferred_channel", "preferred_channel", NULL },
  { "tags", "tags", NULL },
  { "notes", "notes", NULL },
  { "created", "created_at", NULL },
};

enum {
  EXPORT_COL_PHONE2 = CD_CUSTOMER_N_COLS,
  EXPORT_COL_ADDRESS,
  EXPORT_COL_CHANNEL,
  EXPORT_COL_TAGS,
  EXPORT_COL_NOTES,
  EXPORT_COL_CREATED,
  EXPORT_N_COLS
};

G_STATIC_ASSERT (G_N_ELEMENTS (customer_columns) == EXPORT_N_COLS);

void
cd_customer_filter_init (CdCustomerFilter *filter)
{
  g_return_if_fail (filter != NULL);
  memset (filter, 0, sizeof *filter);
  filter->tier = -1;
  filter->owner_id = CD_CUSTOMER_OWNER_ANY;
  filter->archived = CD_ARCHIVED_HIDE;
}

void
cd_customer_filter_clear (CdCustomerFilter *filter)
{
  g_return_if_fail (filter != NULL);
  g_clear_pointer (&filter->text, g_free);
  g_clear_pointer (&filter->sort_column, g_free);
}

void
cd_customer_filter_copy (const CdCustomerFilter *src,
                         CdCustomerFilter       *dest)
{
  g_return_if_fail (src != NULL && dest != NULL);
  *dest = *src;
  dest->text = g_strdup (src->text);
  dest->sort_column = g_strdup (src->sort_column);
}

static gboolean
looks_like_phone (const char *text)
{
  gboolean digit = FALSE;

  for (const char *p = text; *p; p++)
    {
      if (g_ascii_isdigit (*p))
        digit = TRUE;
      else if (strchr ("+-() ./", *p) == NULL)
        return FALSE;
    }
  return digit;
}

static void
add_prefix_condition (GString         *where,
                      GVariantBuilder *params,
                      const char      *column,
                      const char      *collate,
                      const char      *prefix)
{
  g_autofree char *end = g_strconcat (prefix, PREFIX_END, NULL);

  g_string_append_printf (where, "(%s%s >= ? AND %s%s < ?)", column, collate, column, collate);
  g_variant_builder_add (params, "s", prefix);
  g_variant_builder_add (params, "s", end);
}

/* The WHERE clause and its parameters for @filter. Text is matched as a
 * prefix with two range comparisons per column rather than LIKE: a range
 * uses the NOCASE index (and the phone's binary one) for any bound value,
 * while LIKE does so only for a literal or a pattern without escapes, and
 * the user's text may hold % or _. SQLite answers the OR of the ranges
 * from the four indexes and merges the rowids. */
static char *
filter_where (const CdCustomerFilter  *filter,
              GVariant               **params_out)
{
  g_autoptr(GString) where = g_string_new (NULL);
  g_autofree char *text = NULL;
  GVariantBuilder params;

  g_variant_builder_init (&params, G_VARIANT_TYPE_TUPLE);

  if (filter->archived == CD_ARCHIVED_HIDE)
    g_string_append (where, "archived = 0");
  else if (filter->archived == CD_ARCHIVED_ONLY)
    g_string_append (where, "archived = 1");

  if (filter->tier >= 0 && (guint) filter->tier < cd_tier_count ())
    {
      g_string_append_printf (where, "%stier = ?", where->len ? " AND " : "");
      g_variant_builder_add (&params, "s", cd_tier_to_nick ((CdTier) filter->tier));
    }

  if (filter->owner_id > 0)
    {
      g_string_append_printf (where, "%sowner_id = ?", where->len ? " AND " : "");
      g_variant_builder_add (&params, "x", filter->owner_id);
    }
  else if (filter->owner_id == CD_CUSTOMER_OWNER_NONE)
    g_string_append_printf (where, "%sowner_id IS NULL", where->len ? " AND " : "");

  text = cd_optional_text (filter->text);
  if (text != NULL && g_utf8_validate (text, -1, NULL))
    {
      g_string_append_printf (where, "%s(", where->len ? " AND " : "");
      add_prefix_condition (where, &params, "name", " COLLATE NOCASE", text);
      g_string_append (where, " OR ");
      add_prefix_condition (where, &params, "organisation", " COLLATE NOCASE", text);
      g_string_append (where, " OR ");
      add_prefix_condition (where, &params, "email", " COLLATE NOCASE", text);
      if (looks_like_phone (text))
        {
          g_autofree char *key = phone_key (text, TRUE);
          if (*key != '\0')
            {
              g_string_append (where, " OR ");
              add_prefix_condition (where, &params, "phone", "", key);
            }
        }
      g_string_append (where, ")");
    }

  *params_out = g_variant_builder_end (&params);
  return g_string_free (g_steal_pointer (&where), FALSE);
}

static const char *
filter_sort_column (const CdCustomerFilter *filter)
{
  const char *column = filter->sort_column;

  if (column == NULL || *column == '\0')
    return "name";
  for (guint i = 0; i < CD_CUSTOMER_N_COLS; i++)
    if (g_str_equal (customer_columns[i].name, column) && customer_columns[i].sort != NULL)
      return column;
  g_warning ("Customers cannot be sorted by “%s”; sorting by name", column);
  return "name";
}

static void
apply_filter (CdRowModel             *model,
              const CdCustomerFilter *filter)
{
  CdCustomerFilter defaults;
  g_autofree char *where = NULL;
  GVariant *params = NULL;

  if (filter == NULL)
    {
      cd_customer_filter_init (&defaults);
      filter = &defaults;
    }
  where = filter_where (filter, &params);
  cd_row_model_set_query (model, where, params, filter_sort_column (filter), filter->sort_descending);
}

CdRowModel *
cd_customers_list_new (CdStore                *store,
                       const CdCustomerFilter *filter)
{
  CdCustomerFilter defaults;
  g_autofree char *where = NULL;
  GVariant *params = NULL;
  CdRowModel *model;

  g_return_val_if_fail (CD_IS_STORE (store), NULL);

  if (filter == NULL)
    {
      cd_customer_filter_init (&defaults);
      filter = &defaults;
    }

  where = filter_where (filter, &params);
  model = cd_row_model_new_full (store, "customers", "id", customer_columns, CD_CUSTOMER_N_COLS,
                                 where, params, filter_sort_column (filter), filter->sort_descending);
  return model;
}

void
cd_customers_list_set_filter (CdRowModel             *model,
                              const CdCustomerFilter *filter)
{
  g_return_if_fail (CD_IS_ROW_MODEL (model));
  apply_filter (model, filter);
}

/* Duplicates ------------------------------------------------------------- */

static gboolean
collect_ids (CdStore      *store,
             sqlite3_stmt *stmt,
             GArray       *ids,
             GError      **error)
{
  int rc;

  while ((rc = cd_store_step (store, stmt, error)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      gboolean seen = FALSE;

      for (guint i = 0; i < ids->len && !seen; i++)
        seen = g_array_index (ids, gint64, i) == id;
      if (!seen)
        g_array_append_val (ids, id);
    }
  sqlite3_reset (stmt);
  return rc == SQLITE_DONE;
}

static int
compare_ids (gconstpointer a,
             gconstpointer b)
{
  gint64 x = *(const gint64 *) a, y = *(const gint64 *) b;
  return x < y ? -1 : x > y;
}

static gboolean
find_duplicates_into (CdStore     *store,
                      const char  *phone,
                      const char  *email,
                      gint64       exclude_id,
                      GArray      *ids,
                      GError     **error)
{
  g_autofree char *key = optional_phone (phone);
  g_autofree char *mail = cd_optional_text (email);
  sqlite3_stmt *stmt;

  if (key != NULL)
    {
      stmt = cd_store_prepare (store,
                               "SELECT id FROM customers WHERE phone = ?1 AND archived = 0 AND id <> ?2"
                               " UNION SELECT id FROM customers WHERE phone2 = ?1 AND archived = 0 AND id <> ?2",
                               error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_text (stmt, 1, key, -1, SQLITE_TRANSIENT);
      sqlite3_bind_int64 (stmt, 2, exclude_id);
      if (!collect_ids (store, stmt, ids, error))
        return FALSE;
    }

  if (mail != NULL)
    {
      stmt = cd_store_prepare (store,
                               "SELECT id FROM customers WHERE email = ?1 COLLATE NOCASE AND archived = 0 AND id <> ?2",
                               error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_text (stmt, 1, mail, -1, SQLITE_TRANSIENT);
      sqlite3_bind_int64 (stmt, 2, exclude_id);
      if (!collect_ids (store, stmt, ids, error))
        return FALSE;
    }
  return TRUE;
}

GArray *
cd_customers_find_duplicates (CdStore     *store,
                              const char  *phone,
                              const char  *email,
                              gint64       exclude_id,
                              GError     **error)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  g_return_val_if_fail (CD_IS_STORE (store), NULL);

  if (!find_duplicates_into (store, phone, email, exclude_id, ids, error))
    return NULL;
  g_array_sort (ids, compare_ids);
  return g_steal_pointer (&ids);
}

GArray *
cd_customer_find_duplicates_of (CdStore           *store,
                                const CdCustomer  *customer,
                                GError           **error)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  g_return_val_if_fail (CD_IS_STORE (store), NULL);
  g_return_val_if_fail (customer != NULL, NULL);

  if (!find_duplicates_into (store, customer->phone, customer->email, customer->id, ids, error) ||
      !find_duplicates_into (store, customer->phone2, NULL, customer->id, ids, error))
    return NULL;
  g_array_sort (ids, compare_ids);
  return g_steal_pointer (&ids);
}

/* Merging ---------------------------------------------------------------- */

static GPtrArray *
split_tags (const char *tags)
{
  GPtrArray *result = g_ptr_array_new_with_free_func (g_free);
  g_auto(GStrv) parts = NULL;
  g_autofree char *unified = NULL;
  GString *s;

  if (tags == NULL)
    return result;

  /* Chinese commas and semicolons separate as well. */
  s = g_string_new (tags);
  g_string_replace (s, "，", ",", 0);
  g_string_replace (s, "；", ",", 0);
  g_string_replace (s, ";", ",", 0);
  unified = g_string_free (s, FALSE);

  parts = g_strsplit (unified, ",", -1);
  for (guint i = 0; parts[i] != NULL; i++)
    {
      char *tag = cd_optional_text (parts[i]);
      if (tag != NULL)
        g_ptr_array_add (result, tag);
    }
  return result;
}

static char *
join_tags (const char *a,
           const char *b)
{
  g_autoptr(GPtrArray) tags = split_tags (a);
  g_autoptr(GPtrArray) more = split_tags (b);
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GString) out = g_string_new (NULL);

  g_ptr_array_extend_and_steal (tags, g_steal_pointer (&more));
  for (guint i = 0; i < tags->len; i++)
    {
      const char *tag = g_ptr_array_index (tags, i);
      char *folded = g_utf8_casefold (tag, -1);

      if (!g_hash_table_add (seen, folded))
        continue;
      if (out->len > 0)
        g_string_append (out, ", ");
      g_string_append (out, tag);
    }
  return out->len > 0 ? g_strdup (out->str) : NULL;
}

/* Moves every row of every table with a foreign key to customers. */
static gboolean
move_references (CdStore     *store,
                 gint64       keep_id,
                 gint64       merge_id,
                 GError     **error)
{
  g_autoptr(GPtrArray) refs = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *keep_text = cd_int_text (keep_id);
  g_autofree char *merge_text = cd_int_text (merge_id);
  sqlite3_stmt *stmt;
  int rc;

  stmt = cd_store_prepare (store,
                           "SELECT m.name, p.\"from\" FROM sqlite_master m, pragma_foreign_key_list(m.name) p"
                           " WHERE m.type = 'table' AND p.\"table\" = 'customers' ORDER BY m.name",
                           error);
  if (stmt == NULL)
    return FALSE;
  while ((rc = cd_store_step (store, stmt, error)) == SQLITE_ROW)
    {
      g_ptr_array_add (refs, cd_sql_column_dup (stmt, 0));
      g_ptr_array_add (refs, cd_sql_column_dup (stmt, 1));
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return FALSE;

  for (guint i = 0; i + 1 < refs->len; i += 2)
    {
      const char *table = g_ptr_array_index (refs, i);
      const char *column = g_ptr_array_index (refs, i + 1);
      g_autofree char *audit_sql = NULL;
      g_autofree char *update_sql = NULL;
      g_autofree char *info_sql = NULL;
      gboolean has_version, has_updated;
      gint64 staff_id = cd_store_get_staff_id (store);

      info_sql = g_strdup_printf ("SELECT count(*) FROM pragma_table_info('%s') WHERE name = 'version'", table);
      has_version = cd_store_query_int (store, info_sql, CD_NO_BIND, 0, NULL) > 0;
      g_free (info_sql);
      info_sql = g_strdup_printf ("SELECT count(*) FROM pragma_table_info('%s') WHERE name = 'updated_at'", table);
      has_updated = cd_store_query_int (store, info_sql, CD_NO_BIND, 0, NULL) > 0;

      /* Audit rows first, while the rows still point at @merge_id. */
      audit_sql = g_strdup_printf ("INSERT INTO audit_log (at, staff_id, entity, entity_id, action, field, old_value, new_value)"
                                   " SELECT ?1, ?2, '%s', rowid, 'merge', '%s', ?3, ?4 FROM \"%s\" WHERE \"%s\" = ?5",
                                   table, column, table, column);
      stmt = cd_store_prepare (store, audit_sql, error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, cd_store_now (store));
      if (staff_id != 0)
        sqlite3_bind_int64 (stmt, 2, staff_id);
      sqlite3_bind_text (stmt, 3, merge_text, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 4, keep_text, -1, SQLITE_TRANSIENT);
      sqlite3_bind_int64 (stmt, 5, merge_id);
      rc = cd_store_step (store, stmt, error);
      sqlite3_reset (stmt);
      if (rc < 0)
        return FALSE;

      update_sql = g_strdup_printf ("UPDATE \"%s\" SET \"%s\" = ?1%s%s WHERE \"%s\" = ?2",
                                    table, column,
                                    has_version ? ", version = version + 1" : "",
                                    has_updated ? ", updated_at = ?3" : "",
                                    column);
      stmt = cd_store_prepare (store, update_sql, error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, keep_id);
      sqlite3_bind_int64 (stmt, 2, merge_id);
      if (has_updated)
        sqlite3_bind_int64 (stmt, 3, cd_store_now (store));
      rc = cd_store_step (store, stmt, error);
      sqlite3_reset (stmt);
      if (rc < 0)
        return FALSE;
    }
  return TRUE;
}

static void
fill_text (FieldList  *list,
           const char *column,
           const char *keep,
           const char *merge)
{
  if (is_blank (keep) && !is_blank (merge))
    field_list_add (list, column, g_strdup (merge));
}

gboolean
cd_customers_merge (CdStore  *store,
                    gint64    keep_id,
                    gint64    merge_id,
                    GError  **error)
{
  g_autoptr(CdCustomer) keep = NULL;
  g_autoptr(CdCustomer) merge = NULL;
  g_autofree char *keep_text = cd_int_text (keep_id);
  g_autofree char *merge_text = cd_int_text (merge_id);
  const CdField archive[] = { { "archived", "1" } };
  FieldList list;
  const char *extra_phone = NULL;

  g_return_val_if_fail (CD_IS_STORE (store), FALSE);

  if (!cd_store_require_role (store, ALL_ROLES, error))
    return FALSE;
  if (keep_id == merge_id)
    {
      g_set_error_literal (error, CD_STORE_ERROR, CD_STORE_ERROR_INVALID,
                           _("A customer cannot be merged into itself. Choose two different customers."));
      return FALSE;
    }

  if (!cd_store_begin (store, error))
    return FALSE;

  /* Read both inside the write transaction: nobody changes them now. */
  keep = cd_customer_load (store, keep_id, error);
  if (keep == NULL)
    goto fail;
  merge = cd_customer_load (store, merge_id, error);
  if (merge == NULL)
    goto fail;

  if (!move_references (store, keep_id, merge_id, error))
    goto fail;

  field_list_init (&list);
  fill_text (&list, "organisation", keep->organisation, merge->organisation);
  fill_text (&list, "email", keep->email, merge->email);
  fill_text (&list, "address", keep->address, merge->address);
  fill_text (&list, "notes", keep->notes, merge->notes);

  /* Keep every number: a second one goes to the free phone slot. */
  if (is_blank (keep->phone))
    {
      fill_text (&list, "phone", keep->phone, merge->phone);
      if (is_blank (keep->phone2) && !is_blank (merge->phone2))
        field_list_add (&list, "phone2", g_strdup (merge->phone2));
    }
  else if (is_blank (keep->phone2))
    {
      if (!is_blank (merge->phone) && g_strcmp0 (merge->phone, keep->phone) != 0)
        extra_phone = merge->phone;
      else if (!is_blank (merge->phone2) && g_strcmp0 (merge->phone2, keep->phone) != 0)
        extra_phone = merge->phone2;
      if (extra_phone != NULL)
        field_list_add (&list, "phone2", g_strdup (extra_phone));
    }

  if (keep->preferred_channel < 0 && merge->preferred_channel >= 0)
    field_list_add (&list, "preferred_channel",
                    g_strdup (cd_channel_to_nick ((CdChannel) merge->preferred_channel)));
  if (keep->owner_id == 0 && merge->owner_id != 0)
    field_list_add (&list, "owner_id", cd_int_text (merge->owner_id));
  if (merge->last_contact_at > keep->last_contact_at)
    field_list_add (&list, "last_contact_at", cd_int_text (merge->last_contact_at));
  {
    g_autofree char *tags = join_tags (keep->tags, merge->tags);
    if (g_strcmp0 (tags, keep->tags) != 0)
      field_list_add (&list, "tags", g_steal_pointer (&tags));
  }

  if (list.n > 0 &&
      !cd_store_update (store, "customers", keep_id, keep->version, list.fields, list.n, error))
    {
      field_list_clear (&list);
      goto fail;
    }
  field_list_clear (&list);

  if (!merge->archived &&
      !cd_store_update (store, "customers", merge_id, merge->version, archive, G_N_ELEMENTS (archive), error))
    goto fail;

  if (!cd_store_audit (store, "customers", keep_id, "merge", "merged_from", NULL, merge_text, error) ||
      !cd_store_audit (store, "customers", merge_id, "merge", "merged_into", NULL, keep_text, error))
    goto fail;

  return cd_store_commit (store, error);

fail:
  cd_store_rollback (store);
  return FALSE;
}

/* History ---------------------------------------------------------------- */

void
cd_history_event_free (CdHistoryEvent *event)
{
  if (event == NULL)
    return;
  g_free (event->title);
  g_free (event->detail);
  g_free (event);
}

GPtrArray *
cd_customer_history (CdStore  *store,
                     gint64    customer_id,
                     guint     limit,
                     GError  **error)
{
  g_autoptr(GPtrArray) events = g_ptr_array_new_with_free_func ((GDestroyNotify) cd_history_event_free);
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (CD_IS_STORE (store), NULL);

  /* Each part is read through the customer's index on tickets or
   * complaints (and follow-ups through their complaint). */
  stmt = cd_store_prepare (store,
                           "SELECT kind, at, entity, id, parent, title, detail, score FROM ("
                           " SELECT 0 AS kind, created_at AS at, 0 AS entity, id, 0 AS parent,"
                           "  subject AS title, status AS detail, 0 AS score"
                           "  FROM tickets WHERE customer_id = ?1"
                           " UNION ALL"
                           " SELECT 1, resolved_at, 0, id, 0, subject, status, 0"
                           "  FROM tickets WHERE customer_id = ?1 AND resolved_at IS NOT NULL"
                           " UNION ALL"
                           " SELECT 5, coalesce(resolved_at, closed_at, updated_at), 0, id, 0, subject,"
                           "  satisfaction_comment, satisfaction"
                           "  FROM tickets WHERE customer_id = ?1 AND satisfaction IS NOT NULL"
                           " UNION ALL"
                           " SELECT 2, created_at, 1, id, 0, summary, severity, 0"
                           "  FROM complaints WHERE customer_id = ?1"
                           " UNION ALL"
                           " SELECT 3, closed_at, 1, id, 0, summary, resolution, 0"
                           "  FROM complaints WHERE customer_id = ?1 AND closed_at IS NOT NULL"
                           " UNION ALL"
                           " SELECT 4, coalesce(f.done_at, f.due_at), 2, f.id, c.id, c.summary,"
                           "  coalesce(f.outcome, f.status), 0"
                           "  FROM complaints c JOIN followups f ON f.complaint_id = c.id WHERE c.customer_id = ?1"
                           " UNION ALL"
                           " SELECT 5, coalesce(f.done_at, f.updated_at), 2, f.id, c.id, c.summary,"
                           "  f.outcome, f.satisfaction"
                           "  FROM complaints c JOIN followups f ON f.complaint_id = c.id"
                           "  WHERE c.customer_id = ?1 AND f.satisfaction IS NOT NULL"
                           ") ORDER BY at DESC, kind DESC, id DESC LIMIT ?2",
                           error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, customer_id);
  sqlite3_bind_int64 (stmt, 2, limit > 0 ? (gint64) limit : -1);

  while ((rc = cd_store_step (store, stmt, error)) == SQLITE_ROW)
    {
      static const char *const entities[] = { "tickets", "complaints", "followups" };
      static const CdHistoryKind kinds[] = {
        CD_HISTORY_TICKET_CREATED, CD_HISTORY_TICKET_RESOLVED, CD_HISTORY_COMPLAINT_RECEIVED,
        CD_HISTORY_COMPLAINT_CLOSED, CD_HISTORY_FOLLOWUP, CD_HISTORY_SATISFACTION,
      };
      CdHistoryEvent *event = g_new0 (CdHistoryEvent, 1);
      int kind = sqlite3_column_int (stmt, 0);
      int entity = sqlite3_column_int (stmt, 2);

      event->kind = kinds[CLAMP (kind, 0, (int) G_N_ELEMENTS (kinds) - 1)];
      event->at = cd_sql_column_int64 (stmt, 1);
      event->entity = entities[CLAMP (entity, 0, 2)];
      event->id = sqlite3_column_int64 (stmt, 3);
      event->parent_id = cd_sql_column_int64 (stmt, 4);
      event->title = cd_sql_column_dup (stmt, 5);
      event->detail = cd_sql_column_dup (stmt, 6);
      event->score = sqlite3_column_int (stmt, 7);
      g_ptr_array_add (events, event);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return NULL;

  return g_steal_pointer (&events);
}

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

static CdStore *
open_worker_store (const char  *db_path,
                   const char  *login,
                   gboolean     read_only,
                   GError     **error)
{
  g_autoptr(CdStore) store = NULL;

  store = cd_store_open (db_path, CD_STORE_OPEN_NO_WATCH | (read_only ? CD_STORE_OPEN_READ_ONLY : 0), error);
  if (store == NULL)
    return NULL;
  if (!cd_store_sign_in (store, login, NULL, error))
    return NULL;
  return g_steal_pointer (&store);
}

static gboolean
check_signed_in (CdStore  *store,
                 GError  **error)
{
  if (cd_store_get_login (store) == NULL || cd_store_get_staff_id (store) == 0)
    {
      g_set_error_literal (error, CD_STORE_ERROR, CD_STORE_ERROR_PERMISSION,
                           _("Nobody is signed in, so nothing can be imported or exported."));
      return FALSE;
    }
  return TRUE;
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
  if (record->n_fields < n_columns)
    {
      *reason = g_strdup_printf (_("It has %u fields, but the header has %u; a separator or a quote may be missing."),
                                 record->n_fields, n_columns);
      return NULL;
    }
  for (guint i = n_columns; i < record->n_fields; i++)
    if (!is_blank (record->fields[i]))
      {
        *reason = g_strdup_printf (_("It has %u fields, but the header has %u; a value may contain a separator without quotes around it."),
                                   record->n_fields, n_columns);
        return NULL;
      }

  for (guint i = 0; i < n_mapping; i++)
    {
      const char *value = cd_csv_unneutralise (record->fields[i]);
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
        case CD_CUSTOMER_FIELD_NOTES:        customer->notes = is_blank (value) ? NULL : g_strdup (value); break;
        case CD_CUSTOMER_FIELD_OWNER:        owner_text = value; break;
        case CD_CUSTOMER_FIELD_TIER:
          if (!is_blank (value))
            customer->tier = (CdTier) cd_customer_parse_tier (value);
          break;
        case CD_CUSTOMER_FIELD_PREFERRED_CHANNEL:
          customer->preferred_channel = is_blank (value) ? -1 : cd_customer_parse_channel (value);
          break;
        case CD_CUSTOMER_FIELD_IGNORE:
        case CD_CUSTOMER_N_FIELDS:
        default:
          break;
        }
    }

  if (owner_text != NULL && !is_blank (owner_text))
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
          g_autofree char *key = optional_phone (phones[i]);
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
          char *key = optional_phone (phones[i]);
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

gboolean
cd_customers_import (const char               *db_path,
                     const char               *login,
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
  g_autoptr(CdStore) store = NULL;
  g_autoptr(CdCsvReader) reader = NULL;
  g_autoptr(CdCsvRecord) header = NULL;
  g_autoptr(CdCustomersImportReport) report = NULL;
  g_autoptr(GPtrArray) valid = NULL;
  g_autoptr(GHashTable) file_phones = NULL;
  g_autoptr(GHashTable) file_emails = NULL;
  g_autofree char *summary = NULL;
  ImportIndex index = { NULL, };
  gboolean dry_run = (flags & CD_CUSTOMERS_IMPORT_DRY_RUN) != 0;
  double check_share = dry_run ? 1.0 : 0.5;
  GError *local_error = NULL;

  g_return_val_if_fail (db_path != NULL && login != NULL && csv_path != NULL, FALSE);
  g_return_val_if_fail (mapping != NULL || n_mapping == 0, FALSE);

  if (report_out != NULL)
    *report_out = NULL;

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;

  reader = open_csv (csv_path, &header, error);
  if (reader == NULL)
    return FALSE;
  if (!check_mapping (mapping, n_mapping, header->n_fields, error))
    return FALSE;

  store = open_worker_store (db_path, login, dry_run, error);
  if (store == NULL)
    return FALSE;
  if (!dry_run && !cd_store_require_role (store, ALL_ROLES, error))
    return FALSE;
  if (!import_index_load (store, &index, error))
    {
      import_index_clear (&index);
      return FALSE;
    }

  /* Check every line before taking the write lock, so that other
   * Caredesks wait only for the writing itself. */
  report = report_new ();
  valid = g_ptr_array_new_with_free_func ((GDestroyNotify) cd_customer_free);
  file_phones = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  file_emails = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (;;)
    {
      g_autoptr(CdCsvRecord) record = NULL;
      CdCustomer *customer;
      char *reason = NULL;

      if (!cd_csv_reader_next (reader, &record, &local_error))
        break;

      report->n_records++;
      customer = customer_from_record (record, mapping, n_mapping, header->n_fields, &index,
                                       file_phones, file_emails,
                                       (flags & CD_CUSTOMERS_IMPORT_ALLOW_DUPLICATES) != 0,
                                       &reason);
      if (customer != NULL)
        g_ptr_array_add (valid, customer);
      else
        report_reject (report, record->line, reason);

      if (report->n_records % IMPORT_CHECK_EVERY == 0)
        {
          if (g_cancellable_is_cancelled (cancellable))
            break;
          if (progress != NULL)
            progress (cd_csv_reader_get_fraction (reader) * check_share, progress_data);
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

  report->n_valid = valid->len;

  if (dry_run)
    {
      if (progress != NULL)
        progress (1.0, progress_data);
      if (report_out != NULL)
        *report_out = g_steal_pointer (&report);
      return TRUE;
    }

  if ((flags & CD_CUSTOMERS_IMPORT_ALL_OR_NOTHING) && report->rejections->len > 0)
    {
      g_set_error (error, CD_STORE_ERROR, CD_STORE_ERROR_INVALID,
                   g_dngettext (GETTEXT_PACKAGE,
                                "%u line of the file has a problem, so nothing was imported. Correct it and import again.",
                                "%u lines of the file have problems, so nothing was imported. Correct them and import again.",
                                report->rejections->len),
                   report->rejections->len);
      if (report_out != NULL)
        *report_out = g_steal_pointer (&report);
      return FALSE;
    }

  if (!cd_store_begin (store, error))
    return FALSE;

  for (guint i = 0; i < valid->len; i++)
    {
      const CdCustomer *customer = g_ptr_array_index (valid, i);
      FieldList list;
      gint64 id;

      if (i % IMPORT_CHECK_EVERY == 0)
        {
          if (g_cancellable_set_error_if_cancelled (cancellable, error))
            goto fail;
          if (progress != NULL)
            progress (check_share + (1.0 - check_share) * i / valid->len, progress_data);
        }

      field_list_init (&list);
      build_fields (customer, &list);
      id = cd_store_insert (store, "customers", list.fields, list.n, error);
      field_list_clear (&list);
      if (id <= 0)
        goto fail;
    }

  summary = g_strdup_printf ("%u → %s", valid->len, csv_path);
  if (!cd_store_audit (store, "customers", 0, "import", NULL, NULL, summary, error))
    goto fail;

  /* The last chance to change one's mind. */
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    goto fail;
  if (!cd_store_commit (store, error))
    return FALSE;

  report->n_imported = valid->len;
  if (progress != NULL)
    progress (1.0, progress_data);
  if (report_out != NULL)
    *report_out = g_steal_pointer (&report);
  return TRUE;

fail:
  cd_store_rollback (store);
  return FALSE;
}

typedef struct {
  char                   *db_path;
  char                   *login;
  char                   *csv_path;
  int                    *mapping;
  guint                   n_mapping;
  CdCustomersImportFlags  flags;
  ProgressRelay          *relay;
} ImportData;

static void
import_data_free (gpointer data)
{
  ImportData *d = data;

  g_free (d->db_path);
  g_free (d->login);
  g_free (d->csv_path);
  g_free (d->mapping);
  if (d->relay != NULL)
    relay_unref (d->relay);
  g_free (d);
}

static void
import_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  ImportData *d = task_data;
  CdCustomersImportReport *report = NULL;
  GError *error = NULL;

  if (cd_customers_import (d->db_path, d->login, d->csv_path, d->mapping, d->n_mapping, d->flags,
                           cancellable, d->relay ? relay_progress : NULL, d->relay, &report, &error))
    g_task_return_pointer (task, report, (GDestroyNotify) cd_customers_import_report_free);
  else
    {
      cd_customers_import_report_free (report);
      g_task_return_error (task, error);
    }
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
  ImportData *d;

  g_return_if_fail (CD_IS_STORE (store));
  g_return_if_fail (csv_path != NULL);
  g_return_if_fail (mapping != NULL || n_mapping == 0);

  task = g_task_new (store, cancellable, callback, user_data);
  g_task_set_source_tag (task, cd_customers_import_async);
  g_task_set_name (task, "[caredesk] import customers");

  d = g_new0 (ImportData, 1);
  d->db_path = g_strdup (cd_store_get_path (store));
  d->login = g_strdup (cd_store_get_login (store));
  d->csv_path = g_strdup (csv_path);
  d->mapping = g_memdup2 (mapping, MAX (n_mapping, 1) * sizeof (int));
  d->n_mapping = n_mapping;
  d->flags = flags;
  if (progress != NULL || progress_destroy != NULL)
    d->relay = relay_new (progress, progress_data, progress_destroy);
  g_task_set_task_data (task, d, import_data_free);

  if (!check_signed_in (store, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  g_task_run_in_thread (task, import_thread);
}

CdCustomersImportReport *
cd_customers_import_finish (CdStore       *store,
                            GAsyncResult  *result,
                            GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, store), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

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
cd_customers_export (const char              *db_path,
                     const char              *login,
                     const CdCustomerFilter  *filter,
                     const char              *csv_path,
                     GCancellable            *cancellable,
                     guint                   *n_exported,
                     GError                 **error)
{
  g_autoptr(CdStore) store = NULL;
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

  g_return_val_if_fail (db_path != NULL && login != NULL && csv_path != NULL, FALSE);

  if (n_exported != NULL)
    *n_exported = 0;
  if (filter == NULL)
    {
      cd_customer_filter_init (&defaults);
      filter = &defaults;
    }

  store = open_worker_store (db_path, login, FALSE, error);
  if (store == NULL)
    return FALSE;

  where = filter_where (filter, &params);
  model = cd_row_model_new_full (store, "customers", "id", customer_columns, EXPORT_N_COLS,
                                 where, params, filter_sort_column (filter), filter->sort_descending);
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
            values[i] = format_local (sqlite3_column_int64 (stmt, 1 + column));
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
  char             *db_path;
  char             *login;
  char             *csv_path;
  CdCustomerFilter  filter;
} ExportData;

static void
export_data_free (gpointer data)
{
  ExportData *d = data;

  g_free (d->db_path);
  g_free (d->login);
  g_free (d->csv_path);
  cd_customer_filter_clear (&d->filter);
  g_free (d);
}

static void
export_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  ExportData *d = task_data;
  GError *error = NULL;
  guint count = 0;

  if (cd_customers_export (d->db_path, d->login, &d->filter, d->csv_path, cancellable, &count, &error))
    g_task_return_int (task, count);
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
  ExportData *d;

  g_return_if_fail (CD_IS_STORE (store));
  g_return_if_fail (csv_path != NULL);

  task = g_task_new (store, cancellable, callback, user_data);
  g_task_set_source_tag (task, cd_customers_export_async);
  g_task_set_name (task, "[caredesk] export customers");

  d = g_new0 (ExportData, 1);
  d->db_path = g_strdup (cd_store_get_path (store));
  d->login = g_strdup (cd_store_get_login (store));
  d->csv_path = g_strdup (csv_path);
  if (filter != NULL)
    cd_customer_filter_copy (filter, &d->filter);
  else
    cd_customer_filter_init (&d->filter);
  g_task_set_task_data (task, d, export_data_free);

  if (!check_signed_in (store, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  g_task_run_in_thread (task, export_thread);
}

gint64
cd_customers_export_finish (CdStore       *store,
                            GAsyncResult  *result,
                            GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, store), -1);
  return g_task_propagate_int (G_TASK (result), error);
}
