/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "caredesk-customers"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "cd-sql-util.h"
#include "cd-customers-private.h"
#include "cd-validate.h"

/* Helpers ---------------------------------------------------------------- */

gboolean
cd_customers_is_blank (const char *text)
{
  g_autofree char *trimmed = cd_optional_text (text);
  return trimmed == NULL;
}

/* Fields ----------------------------------------------------------------- */

static const char *const field_labels[CD_CUSTOMER_N_FIELDS] = {
  [CD_CUSTOMER_FIELD_NAME]              = N_("Name"),
  [CD_CUSTOMER_FIELD_ORGANISATION]      = N_("Organisation"),
  [CD_CUSTOMER_FIELD_PHONE]             = N_("Phone"),
  [CD_CUSTOMER_FIELD_PHONE2]            = N_("Second phone"),
  [CD_CUSTOMER_FIELD_EMAIL]             = N_("Email"),
  [CD_CUSTOMER_FIELD_ADDRESS]           = N_("Address"),
  [CD_CUSTOMER_FIELD_PREFERRED_CHANNEL] = N_("Preferred channel"),
  [CD_CUSTOMER_FIELD_TIER]              = N_("Tier"),
  [CD_CUSTOMER_FIELD_TAGS]              = N_("Tags"),
  [CD_CUSTOMER_FIELD_OWNER]             = N_("Account owner"),
  [CD_CUSTOMER_FIELD_NOTES]             = N_("Notes"),
};

const char *
cd_customer_field_label (CdCustomerField field)
{
  g_return_val_if_fail (field >= 0 && field < CD_CUSTOMER_N_FIELDS, "");
  return g_dgettext (GETTEXT_PACKAGE, field_labels[field]);
}

/* Words people use for tiers and channels, besides the nick and the label
 * in the running language. Every shipped translation of a label is here
 * too, so a file written in one language imports under another; the
 * "enum-words" data test keeps this list in step with po/. */
typedef struct {
  const char *word;
  int         value;
} WordValue;

static const WordValue tier_words[] = {
  { "战略", CD_TIER_STRATEGIC }, { "战略客户", CD_TIER_STRATEGIC }, { "战略级", CD_TIER_STRATEGIC },
  { "核心", CD_TIER_CORE }, { "核心客户", CD_TIER_CORE }, { "重点", CD_TIER_CORE }, { "重点客户", CD_TIER_CORE },
  { "潜力", CD_TIER_POTENTIAL }, { "潜力客户", CD_TIER_POTENTIAL },
  { "潜在", CD_TIER_POTENTIAL }, { "潜在客户", CD_TIER_POTENTIAL },
  { "常规", CD_TIER_GENERAL }, { "常规客户", CD_TIER_GENERAL },
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
char *
cd_customer_phone_key_full (const char *text,
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
  return cd_customer_phone_key_full (text, FALSE);
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

void
cd_customer_fields_init (CdCustomerFields *list)
{
  list->n = 0;
  list->strings = g_ptr_array_new_with_free_func (g_free);
}

void
cd_customer_fields_clear (CdCustomerFields *list)
{
  g_clear_pointer (&list->strings, g_ptr_array_unref);
}

/* Takes @value. */
void
cd_customer_fields_add (CdCustomerFields *list,
                        const char       *column,
                        char             *value)
{
  g_assert (list->n < CD_CUSTOMER_MAX_FIELDS);
  if (value != NULL)
    g_ptr_array_add (list->strings, value);
  list->fields[list->n].column = column;
  list->fields[list->n].value = value;
  list->n++;
}

char *
cd_customer_optional_phone (const char *text)
{
  g_autofree char *key = NULL;

  if (cd_customers_is_blank (text))
    return NULL;
  key = cd_customer_phone_key (text);
  return *key != '\0' ? g_steal_pointer (&key) : NULL;
}

void
cd_customer_fields_build (const CdCustomer *customer,
                          CdCustomerFields *list)
{
  cd_customer_fields_add (list, "name", cd_optional_text (customer->name));
  cd_customer_fields_add (list, "organisation", cd_optional_text (customer->organisation));
  cd_customer_fields_add (list, "phone", cd_customer_optional_phone (customer->phone));
  cd_customer_fields_add (list, "phone2", cd_customer_optional_phone (customer->phone2));
  cd_customer_fields_add (list, "email", cd_optional_text (customer->email));
  cd_customer_fields_add (list, "address", cd_optional_text (customer->address));
  cd_customer_fields_add (list, "preferred_channel",
                          customer->preferred_channel >= 0
                          ? g_strdup (cd_channel_to_nick ((CdChannel) customer->preferred_channel)) : NULL);
  cd_customer_fields_add (list, "tier", g_strdup (cd_tier_to_nick (customer->tier)));
  cd_customer_fields_add (list, "tags", cd_optional_text (customer->tags));
  cd_customer_fields_add (list, "owner_id", customer->owner_id > 0 ? cd_int_text (customer->owner_id) : NULL);
  cd_customer_fields_add (list, "notes", cd_customers_is_blank (customer->notes) ? NULL : g_strdup (customer->notes));
}

gint64
cd_customer_create (CdStore           *store,
                    const CdCustomer  *customer,
                    GError           **error)
{
  CdCustomerFields list;
  gint64 id;

  g_return_val_if_fail (CD_IS_STORE (store), 0);
  g_return_val_if_fail (customer != NULL, 0);

  if (!cd_store_require_role (store, ALL_ROLES, error) ||
      !cd_customer_check (customer, error))
    return 0;

  cd_customer_fields_init (&list);
  cd_customer_fields_build (customer, &list);
  id = cd_store_insert (store, "customers", list.fields, list.n, error);
  cd_customer_fields_clear (&list);
  return id;
}

gboolean
cd_customer_update (CdStore           *store,
                    const CdCustomer  *customer,
                    gint64             expected_version,
                    GError           **error)
{
  CdCustomerFields list;
  gboolean ok;

  g_return_val_if_fail (CD_IS_STORE (store), FALSE);
  g_return_val_if_fail (customer != NULL && customer->id > 0, FALSE);

  if (!cd_store_require_role (store, ALL_ROLES, error) ||
      !cd_customer_check (customer, error))
    return FALSE;

  if (!cd_store_begin (store, error))
    return FALSE;
  if (!cd_customer_check_owner_change (store, customer->id, customer->owner_id, error))
    {
      cd_store_rollback (store);
      return FALSE;
    }
  cd_customer_fields_init (&list);
  cd_customer_fields_build (customer, &list);
  ok = cd_store_update (store, "customers", customer->id, expected_version,
                        list.fields, list.n, error);
  cd_customer_fields_clear (&list);
  return cd_store_finish (store, ok, error);
}

gint64
cd_customer_get_version (CdStore  *store,
                         gint64    id,
                         GError  **error)
{
  GError *local_error = NULL;
  gint64 version;

  g_return_val_if_fail (CD_IS_STORE (store), 0);

  version = cd_store_query_int (store, "SELECT version FROM customers WHERE id = ?", id, 0, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, local_error);
      return 0;
    }
  if (version == 0)
    g_set_error_literal (error, CD_STORE_ERROR, CD_STORE_ERROR_NOT_FOUND,
                         _("The customer no longer exists; someone may have deleted or merged it."));
  return version;
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

gboolean
cd_customer_opening_needs_record (CdStore          *store,
                                  const CdCustomer *customer)
{
  g_return_val_if_fail (CD_IS_STORE (store), FALSE);
  g_return_val_if_fail (customer != NULL, FALSE);

  if (cd_customer_contact_visible (store, customer->owner_id))
    return FALSE;
  return customer->phone != NULL || customer->phone2 != NULL || customer->email != NULL;
}

gboolean
cd_customer_record_opening (CdStore  *store,
                            gint64    id,
                            GError  **error)
{
  g_return_val_if_fail (CD_IS_STORE (store), FALSE);
  g_return_val_if_fail (id > 0, FALSE);

  return cd_store_audit (store, "customers", id, "open", NULL, NULL, NULL, error);
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

gboolean
cd_customers_check_signed_in (CdStore  *store,
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
