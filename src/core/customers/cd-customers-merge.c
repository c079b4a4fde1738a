/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "caredesk-customers"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "cd-sql-util.h"
#include "cd-customers-private.h"
#include "cd-validate.h"

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
  g_autofree char *key = cd_customer_optional_phone (phone);
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
      g_autofree char *select_sql = NULL;
      g_autofree char *update_sql = NULL;
      g_autofree char *info_sql = NULL;
      g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
      gboolean has_version, has_updated;

      info_sql = g_strdup_printf ("SELECT count(*) FROM pragma_table_info('%s') WHERE name = 'version'", table);
      has_version = cd_store_query_int (store, info_sql, CD_NO_BIND, 0, NULL) > 0;
      g_free (info_sql);
      info_sql = g_strdup_printf ("SELECT count(*) FROM pragma_table_info('%s') WHERE name = 'updated_at'", table);
      has_updated = cd_store_query_int (store, info_sql, CD_NO_BIND, 0, NULL) > 0;

      /* Audit rows first, while the rows still point at @merge_id; each
       * goes through the store, so that the moved rows are among the
       * changes the commit reports. */
      select_sql = g_strdup_printf ("SELECT rowid FROM \"%s\" WHERE \"%s\" = ?1", table, column);
      stmt = cd_store_prepare (store, select_sql, error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, merge_id);
      while ((rc = cd_store_step (store, stmt, error)) == SQLITE_ROW)
        {
          gint64 id = sqlite3_column_int64 (stmt, 0);
          g_array_append_val (ids, id);
        }
      sqlite3_reset (stmt);
      if (rc != SQLITE_DONE)
        return FALSE;
      for (guint j = 0; j < ids->len; j++)
        if (!cd_store_audit (store, table, g_array_index (ids, gint64, j), "merge", column,
                             merge_text, keep_text, error))
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
fill_text (CdCustomerFields *list,
           const char       *column,
           const char       *keep,
           const char       *merge)
{
  if (cd_customers_is_blank (keep) && !cd_customers_is_blank (merge))
    cd_customer_fields_add (list, column, g_strdup (merge));
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
  CdCustomerFields list;
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

  /* Open requests for another owner of @merge are moot once it is merged
   * (and one person's two open requests may not meet on @keep). */
  {
    g_autoptr(GPtrArray) requests = cd_owner_requests_for_customer (store, merge_id, error);
    const CdField withdrawn[] = { { "status", "withdrawn" } };

    if (requests == NULL)
      goto fail;
    for (guint i = 0; i < requests->len; i++)
      if (!cd_store_update (store, "customer_owner_requests", ((CdOwnerRequest *) g_ptr_array_index (requests, i))->id, 0,
                            withdrawn, G_N_ELEMENTS (withdrawn), error))
        goto fail;
  }

  if (!move_references (store, keep_id, merge_id, error))
    goto fail;

  cd_customer_fields_init (&list);
  fill_text (&list, "organisation", keep->organisation, merge->organisation);
  fill_text (&list, "email", keep->email, merge->email);
  fill_text (&list, "address", keep->address, merge->address);
  fill_text (&list, "notes", keep->notes, merge->notes);

  /* Keep every number: a second one goes to the free phone slot. */
  if (cd_customers_is_blank (keep->phone))
    {
      fill_text (&list, "phone", keep->phone, merge->phone);
      if (cd_customers_is_blank (keep->phone2) && !cd_customers_is_blank (merge->phone2))
        cd_customer_fields_add (&list, "phone2", g_strdup (merge->phone2));
    }
  else if (cd_customers_is_blank (keep->phone2))
    {
      if (!cd_customers_is_blank (merge->phone) && g_strcmp0 (merge->phone, keep->phone) != 0)
        extra_phone = merge->phone;
      else if (!cd_customers_is_blank (merge->phone2) && g_strcmp0 (merge->phone2, keep->phone) != 0)
        extra_phone = merge->phone2;
      if (extra_phone != NULL)
        cd_customer_fields_add (&list, "phone2", g_strdup (extra_phone));
    }

  if (keep->preferred_channel < 0 && merge->preferred_channel >= 0)
    cd_customer_fields_add (&list, "preferred_channel",
                            g_strdup (cd_channel_to_nick ((CdChannel) merge->preferred_channel)));
  /* Only those who may change owners take the merged record's owner
   * over: a rep could otherwise make themselves a customer's owner by
   * merging a record of their own into it. */
  if (keep->owner_id == 0 && merge->owner_id != 0 && cd_customer_may_change_owner (store))
    cd_customer_fields_add (&list, "owner_id", cd_int_text (merge->owner_id));
  if (merge->last_contact_at > keep->last_contact_at)
    cd_customer_fields_add (&list, "last_contact_at", cd_int_text (merge->last_contact_at));
  {
    g_autofree char *tags = join_tags (keep->tags, merge->tags);
    if (g_strcmp0 (tags, keep->tags) != 0)
      cd_customer_fields_add (&list, "tags", g_steal_pointer (&tags));
  }

  if (list.n > 0 &&
      !cd_store_update (store, "customers", keep_id, keep->version, list.fields, list.n, error))
    {
      cd_customer_fields_clear (&list);
      goto fail;
    }
  cd_customer_fields_clear (&list);

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
