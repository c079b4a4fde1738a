/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "caredesk-customers"

#include "config.h"

#include "cd-sql-util.h"
#include "cd-customers-private.h"
#include "cd-validate.h"

/* Finding one customer by what someone types ----------------------------- */

void
cd_customer_match_free (CdCustomerMatch *match)
{
  if (match == NULL)
    return;
  g_free (match->name);
  g_free (match->organisation);
  g_free (match->phone);
  g_free (match);
}

static char *
escape_like (const char *text)
{
  GString *escaped = g_string_new (NULL);

  for (const char *p = text; *p != '\0'; p++)
    {
      if (*p == '%' || *p == '_' || *p == '\\')
        g_string_append_c (escaped, '\\');
      g_string_append_c (escaped, *p);
    }

  return g_string_free (escaped, FALSE);
}

/* Adds the rows of @stmt not seen yet, up to @limit matches. */
static gboolean
collect (CdStore       *store,
         sqlite3_stmt  *stmt,
         guint          limit,
         GPtrArray     *matches,
         GHashTable    *seen,
         GError       **error)
{
  int rc = SQLITE_DONE;

  while (matches->len < limit && (rc = cd_store_step (store, stmt, error)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      const char *phone = (const char *) sqlite3_column_text (stmt, 3);
      CdCustomerMatch *match;

      if (g_hash_table_contains (seen, &id))
        continue;
      g_hash_table_add (seen, g_memdup2 (&id, sizeof id));

      match = g_new0 (CdCustomerMatch, 1);
      match->id = id;
      match->name = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
      if (match->name == NULL)
        match->name = g_strdup ("");
      match->organisation = cd_optional_text ((const char *) sqlite3_column_text (stmt, 2));
      match->owner_id = sqlite3_column_int64 (stmt, 4);
      if (phone != NULL && *phone != '\0')
        match->phone = cd_customer_contact_visible (store, match->owner_id) ? g_strdup (phone) : cd_mask_phone (phone);
      g_ptr_array_add (matches, match);
    }
  if (matches->len >= limit)
    rc = SQLITE_DONE;
  sqlite3_reset (stmt);

  return rc == SQLITE_DONE;
}

#define MATCH_COLUMNS "SELECT id, name, organisation, phone, ifnull(owner_id, 0) FROM customers"

/* Prefix matches come from the name and phone indexes; only when they
 * leave room does a bounded substring scan look for the rest. */
GPtrArray *
cd_customers_match (CdStore     *store,
                    const char  *text,
                    guint        limit,
                    GError     **error)
{
  g_autoptr(GPtrArray) matches = g_ptr_array_new_with_free_func ((GDestroyNotify) cd_customer_match_free);
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  g_autofree char *query = NULL;
  g_autofree char *upper = NULL;
  g_autofree char *escaped = NULL;
  g_autofree char *pattern = NULL;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (CD_IS_STORE (store), NULL);
  g_return_val_if_fail (limit > 0, NULL);

  query = cd_optional_text (text);
  if (query == NULL)
    return g_steal_pointer (&matches);
  upper = g_strconcat (query, "\xf4\x8f\xbf\xbf", NULL);
  escaped = escape_like (query);
  pattern = g_strdup_printf ("%%%s%%", escaped);

  stmt = cd_store_prepare (store,
                           MATCH_COLUMNS
                           " WHERE name >= ?1 COLLATE NOCASE AND name < ?2 COLLATE NOCASE"
                           " AND archived = 0"
                           " ORDER BY name COLLATE NOCASE LIMIT ?3",
                           error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, query, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, upper, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 3, limit);
  if (!collect (store, stmt, limit, matches, seen, error))
    return NULL;

  if (matches->len < limit && g_ascii_isdigit (query[0]))
    {
      stmt = cd_store_prepare (store,
                               MATCH_COLUMNS
                               " WHERE phone >= ?1 AND phone < ?2 AND archived = 0"
                               " ORDER BY phone LIMIT ?3",
                               error);
      if (stmt == NULL)
        return NULL;
      sqlite3_bind_text (stmt, 1, query, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 2, upper, -1, SQLITE_TRANSIENT);
      sqlite3_bind_int64 (stmt, 3, limit);
      if (!collect (store, stmt, limit, matches, seen, error))
        return NULL;
    }

  if (matches->len < limit && g_utf8_strlen (query, -1) >= 2)
    {
      stmt = cd_store_prepare (store,
                               MATCH_COLUMNS
                               " WHERE archived = 0 AND (name LIKE ?1 ESCAPE '\\'"
                               "   OR organisation LIKE ?1 ESCAPE '\\'"
                               "   OR phone LIKE ?1 ESCAPE '\\' OR phone2 LIKE ?1 ESCAPE '\\')"
                               " LIMIT ?2",
                               error);
      if (stmt == NULL)
        return NULL;
      sqlite3_bind_text (stmt, 1, pattern, -1, SQLITE_TRANSIENT);
      /* Those found above come again: read enough to fill up. */
      sqlite3_bind_int64 (stmt, 2, (gint64) limit * 2);
      if (!collect (store, stmt, limit, matches, seen, error))
        return NULL;
    }

  return g_steal_pointer (&matches);
}
