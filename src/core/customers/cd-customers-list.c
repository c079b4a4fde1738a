/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "caredesk-customers"

#include "config.h"

#include <string.h>

#include "cd-sql-util.h"
#include "cd-customers-private.h"
#include "cd-row-model-private.h"

/* The largest code point: appended to a prefix it gives an upper bound
 * that sorts after every text starting with the prefix. */
#define PREFIX_END "\xF4\x8F\xBF\xBF"

/* The list --------------------------------------------------------------- */

/* The list's columns first (CdCustomerColumn), then the ones only an
 * export writes. Each sort matches an index of cd-schema.c, column for
 * column and with the rowid as its last key, so every order is an index
 * scan. */
const CdRowColumn cd_customer_columns[EXPORT_N_COLS] = {
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

G_STATIC_ASSERT (G_N_ELEMENTS (cd_customer_columns) == EXPORT_N_COLS);

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
char *
cd_customer_filter_where (const CdCustomerFilter  *filter,
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
          g_autofree char *key = cd_customer_phone_key_full (text, TRUE);
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

const char *
cd_customer_filter_sort_column (const CdCustomerFilter *filter)
{
  const char *column = filter->sort_column;

  if (column == NULL || *column == '\0')
    return "name";
  for (guint i = 0; i < CD_CUSTOMER_N_COLS; i++)
    if (g_str_equal (cd_customer_columns[i].name, column) && cd_customer_columns[i].sort != NULL)
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
  where = cd_customer_filter_where (filter, &params);
  cd_row_model_set_query (model, where, params, cd_customer_filter_sort_column (filter), filter->sort_descending);
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

  where = cd_customer_filter_where (filter, &params);
  model = cd_row_model_new_full (store, "customers", "id", cd_customer_columns, CD_CUSTOMER_N_COLS,
                                 where, params, cd_customer_filter_sort_column (filter), filter->sort_descending);
  return model;
}

void
cd_customers_list_set_filter (CdRowModel             *model,
                              const CdCustomerFilter *filter)
{
  g_return_if_fail (CD_IS_ROW_MODEL (model));
  apply_filter (model, filter);
}
