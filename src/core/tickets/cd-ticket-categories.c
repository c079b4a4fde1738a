/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "caredesk-tickets"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "cd-sql-util.h"
#include "cd-ticket-categories.h"
#include "cd-tickets-private.h"
#include "cd-validate.h"

/* When the category was retired, as text; NULL when it is in use. */
static char *
retired_since (CdStore  *store,
                         gint64    category_id,
                         GError  **error)
{
  sqlite3_stmt *stmt;
  char *value = NULL;
  int rc;

  stmt = cd_store_prepare (store, "SELECT retired_at FROM ticket_categories_retired WHERE category_id = ?1", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, category_id);
  rc = cd_store_step (store, stmt, error);
  if (rc == SQLITE_ROW)
    value = cd_sql_column_dup (stmt, 0);
  sqlite3_reset (stmt);
  return value;
}

static gboolean
require_lead (CdStore  *store,
              GError  **error)
{
  return cd_store_require_role (store, CD_ROLE_BIT (CD_ROLE_LEAD) | CD_ROLE_BIT (CD_ROLE_ADMIN), error);
}

gboolean
cd_ticket_category_validate_name (const char  *name,
                                  GError     **error)
{
  return cd_validate_name (name, _("Category name"), CD_TICKET_CATEGORY_NAME_MAX_CHARS, error);
}

/* FALSE with @error when another category than @except_id has @name. */
static gboolean
check_unique (CdStore     *store,
              const char  *name,
              gint64       except_id,
              GError     **error)
{
  sqlite3_stmt *stmt;
  g_autofree char *other = NULL;
  gboolean retired = FALSE;
  int rc;

  stmt = cd_store_prepare (store,
                           "SELECT c.name, EXISTS (SELECT 1 FROM ticket_categories_retired r WHERE r.category_id = c.id)"
                           " FROM ticket_categories c WHERE c.name = ?1 COLLATE NOCASE AND c.id <> ?2 LIMIT 1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, name, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 2, except_id);
  rc = cd_store_step (store, stmt, error);
  if (rc == SQLITE_ROW)
    {
      other = cd_sql_column_dup (stmt, 0);
      retired = sqlite3_column_int (stmt, 1) != 0;
    }
  sqlite3_reset (stmt);
  if (rc < 0)
    return FALSE;
  if (other == NULL)
    return TRUE;

  if (retired)
    g_set_error (error, CD_STORE_ERROR, CD_STORE_ERROR_INVALID,
                 _("There is a retired category “%s”. Bring it back instead of adding it again."), other);
  else
    g_set_error (error, CD_STORE_ERROR, CD_STORE_ERROR_INVALID,
                 _("There is already a category “%s”."), other);
  return FALSE;
}

gint64
cd_ticket_category_add (CdStore     *store,
                        const char  *name,
                        GError     **error)
{
  g_autofree char *trimmed = NULL;
  gint64 id = 0;

  g_return_val_if_fail (CD_IS_STORE (store), 0);

  if (!require_lead (store, error) || !cd_ticket_category_validate_name (name, error))
    return 0;
  trimmed = cd_trim_dup (name);

  if (!cd_store_begin (store, error))
    return 0;
  if (check_unique (store, trimmed, 0, error))
    {
      const CdField fields[] = {
        { "name", trimmed },
      };

      id = cd_store_insert (store, "ticket_categories", fields, G_N_ELEMENTS (fields), error);
    }
  if (!cd_store_finish (store, id > 0, error))
    return 0;
  return id;
}

gboolean
cd_ticket_category_rename (CdStore     *store,
                           gint64       category_id,
                           gint64       expected_version,
                           const char  *name,
                           GError     **error)
{
  g_autofree char *trimmed = NULL;
  gboolean ok = FALSE;

  g_return_val_if_fail (CD_IS_STORE (store), FALSE);

  if (!require_lead (store, error) || !cd_ticket_category_validate_name (name, error))
    return FALSE;
  trimmed = cd_trim_dup (name);

  if (!cd_store_begin (store, error))
    return FALSE;
  if (check_unique (store, trimmed, category_id, error))
    {
      const CdField fields[] = {
        { "name", trimmed },
      };

      ok = cd_store_update (store, "ticket_categories", category_id, expected_version,
                            fields, G_N_ELEMENTS (fields), error);
    }
  return cd_store_finish (store, ok, error);
}

gboolean
cd_ticket_category_set_retired (CdStore   *store,
                                gint64     category_id,
                                gint64     expected_version,
                                gboolean   retired,
                                GError   **error)
{
  g_autofree char *old_value = NULL;
  g_autofree char *new_value = NULL;
  GError *local_error = NULL;
  sqlite3_stmt *stmt;
  gboolean ok = FALSE;
  gint64 version;
  gint64 now;

  g_return_val_if_fail (CD_IS_STORE (store), FALSE);

  if (!require_lead (store, error))
    return FALSE;
  if (!cd_store_begin (store, error))
    return FALSE;

  version = cd_store_query_int (store, "SELECT version FROM ticket_categories WHERE id = ?1",
                                category_id, 0, &local_error);
  if (local_error == NULL)
    old_value = retired_since (store, category_id, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, local_error);
      goto out;
    }
  if (version == 0)
    {
      g_set_error_literal (error, CD_STORE_ERROR, CD_STORE_ERROR_NOT_FOUND,
                           _("The category does not exist (any more)."));
      goto out;
    }
  if (expected_version != 0 && version != expected_version)
    {
      g_set_error_literal (error, CD_STORE_ERROR, CD_STORE_ERROR_STALE,
                           _("Someone else changed this category after you opened it. "
                             "Reload to see their change, or overwrite it with yours."));
      goto out;
    }
  /* Retiring one that is retired keeps the day it was first retired. */
  if ((old_value != NULL) == retired)
    {
      ok = TRUE;
      goto out;
    }

  now = cd_store_now (store);
  if (retired)
    {
      new_value = cd_int_text (now);
      stmt = cd_store_prepare (store,
                               "INSERT INTO ticket_categories_retired (category_id, retired_at) VALUES (?1, ?2)",
                               error);
    }
  else
    stmt = cd_store_prepare (store, "DELETE FROM ticket_categories_retired WHERE category_id = ?1", error);
  if (stmt == NULL)
    goto out;
  sqlite3_bind_int64 (stmt, 1, category_id);
  if (retired)
    sqlite3_bind_int64 (stmt, 2, now);
  if (cd_store_step (store, stmt, error) < 0)
    goto out;
  sqlite3_reset (stmt);

  /* The category's own version moves, so that whoever has it open sees
   * that it changed; the audit row tells the change to everyone. */
  stmt = cd_store_prepare (store,
                           "UPDATE ticket_categories SET version = version + 1, updated_at = ?2 WHERE id = ?1",
                           error);
  if (stmt == NULL)
    goto out;
  sqlite3_bind_int64 (stmt, 1, category_id);
  sqlite3_bind_int64 (stmt, 2, now);
  if (cd_store_step (store, stmt, error) < 0)
    goto out;
  sqlite3_reset (stmt);

  ok = cd_store_audit (store, "ticket_categories", category_id, "update", "retired_at",
                       old_value, new_value, error);

out:
  return cd_store_finish (store, ok, error);
}

/* The category's version, checked against @expected_version (0: any);
 * 0 with @error. */
static gint64
check_version (CdStore  *store,
               gint64    category_id,
               gint64    expected_version,
               GError  **error)
{
  GError *local_error = NULL;
  gint64 version;

  version = cd_store_query_int (store, "SELECT version FROM ticket_categories WHERE id = ?1",
                                category_id, 0, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, local_error);
      return 0;
    }
  if (version == 0)
    {
      g_set_error_literal (error, CD_STORE_ERROR, CD_STORE_ERROR_NOT_FOUND,
                           _("The category does not exist (any more)."));
      return 0;
    }
  if (expected_version != 0 && version != expected_version)
    {
      g_set_error_literal (error, CD_STORE_ERROR, CD_STORE_ERROR_STALE,
                           _("Someone else changed this category after you opened it. "
                             "Reload to see their change, or overwrite it with yours."));
      return 0;
    }
  return version;
}

/* FALSE with @error unless @certification_id names a certification in use. */
static gboolean
check_certification (CdStore  *store,
                     gint64    certification_id,
                     GError  **error)
{
  GError *local_error = NULL;
  gint64 state;

  /* 1 in use, 2 archived, 0 unknown. */
  state = cd_store_query_int (store, "SELECT 1 + archived FROM certifications WHERE id = ?1",
                              certification_id, 0, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, local_error);
      return FALSE;
    }
  if (state == 1)
    return TRUE;
  g_set_error_literal (error, CD_STORE_ERROR, state == 0 ? CD_STORE_ERROR_NOT_FOUND : CD_STORE_ERROR_INVALID,
                       state == 0 ? _("The certification does not exist (any more).")
                                  : _("The certification is archived; bring it back in Training before a category can require it."));
  return FALSE;
}

/* The certifications linked to the category, by id. */
static GArray *
linked_certifications (CdStore  *store,
                       gint64    category_id,
                       GError  **error)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  sqlite3_stmt *stmt;
  int rc;

  stmt = cd_store_prepare (store,
                           "SELECT certification_id FROM certification_categories WHERE category_id = ?1"
                           " ORDER BY certification_id", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, category_id);
  while ((rc = cd_store_step (store, stmt, error)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      g_array_append_val (ids, id);
    }
  sqlite3_reset (stmt);
  if (rc < 0)
    return NULL;
  return g_steal_pointer (&ids);
}

static char *
join_ids (GArray *ids)
{
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; i < ids->len; i++)
    g_string_append_printf (text, "%s%" G_GINT64_FORMAT, i > 0 ? "," : "", g_array_index (ids, gint64, i));
  return ids->len > 0 ? g_string_free (g_steal_pointer (&text), FALSE) : NULL;
}

static gboolean
contains_id (GArray *ids,
             gint64  id)
{
  for (guint i = 0; i < ids->len; i++)
    if (g_array_index (ids, gint64, i) == id)
      return TRUE;
  return FALSE;
}

static gboolean
run_with_two_ids (CdStore     *store,
                  const char  *sql,
                  gint64       first,
                  gint64       second,
                  GError     **error)
{
  sqlite3_stmt *stmt = cd_store_prepare (store, sql, error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, first);
  sqlite3_bind_int64 (stmt, 2, second);
  if (cd_store_step (store, stmt, error) < 0)
    return FALSE;
  sqlite3_reset (stmt);
  return TRUE;
}

gboolean
cd_ticket_category_set_required_certification (CdStore  *store,
                                               gint64    category_id,
                                               gint64    expected_version,
                                               gint64    certification_id,
                                               GError  **error)
{
  g_autoptr(GArray) before = NULL;
  g_autofree char *old_value = NULL;
  g_autofree char *new_value = NULL;
  g_autofree char *category_text = NULL;
  gboolean ok = FALSE;

  g_return_val_if_fail (CD_IS_STORE (store), FALSE);
  g_return_val_if_fail (certification_id >= 0, FALSE);

  if (!require_lead (store, error))
    return FALSE;
  if (!cd_store_begin (store, error))
    return FALSE;

  if (check_version (store, category_id, expected_version, error) == 0 ||
      (certification_id != 0 && !check_certification (store, certification_id, error)) ||
      (before = linked_certifications (store, category_id, error)) == NULL)
    goto out;
  old_value = join_ids (before);
  new_value = certification_id != 0 ? cd_int_text (certification_id) : NULL;
  if (g_strcmp0 (old_value, new_value) == 0)
    {
      ok = TRUE;
      goto out;
    }

  category_text = cd_int_text (category_id);
  if (!run_with_two_ids (store, "DELETE FROM certification_categories WHERE category_id = ?1 AND certification_id <> ?2",
                         category_id, certification_id, error) ||
      (certification_id != 0 &&
       !run_with_two_ids (store, "INSERT OR IGNORE INTO certification_categories (category_id, certification_id)"
                                 " VALUES (?1, ?2)", category_id, certification_id, error)) ||
      !run_with_two_ids (store, "UPDATE ticket_categories SET version = version + 1, updated_at = ?2 WHERE id = ?1",
                         category_id, cd_store_now (store), error) ||
      !cd_store_audit (store, "ticket_categories", category_id, "update", "required_certification",
                       old_value, new_value, error))
    goto out;

  /* Training shows which categories each certification qualifies for:
   * the certifications that lost or gained this one changed too. */
  for (guint i = 0; i < before->len; i++)
    {
      gint64 id = g_array_index (before, gint64, i);

      if (id != certification_id &&
          !cd_store_audit (store, "certifications", id, "update", "certification_categories",
                           category_text, NULL, error))
        goto out;
    }
  if (certification_id != 0 && !contains_id (before, certification_id) &&
      !cd_store_audit (store, "certifications", certification_id, "update", "certification_categories",
                       NULL, category_text, error))
    goto out;
  ok = TRUE;

out:
  return cd_store_finish (store, ok, error);
}

gboolean
cd_ticket_category_count_tickets (CdStore  *store,
                                  gint64    category_id,
                                  gint64   *n_tickets,
                                  gint64   *n_open,
                                  GError  **error)
{
  GError *local_error = NULL;
  gint64 all, open = 0;

  g_return_val_if_fail (CD_IS_STORE (store), FALSE);

  all = cd_store_query_int (store, "SELECT count(*) FROM tickets WHERE category_id = ?1",
                            category_id, 0, &local_error);
  if (local_error == NULL)
    open = cd_store_query_int (store,
                               "SELECT count(*) FROM tickets WHERE category_id = ?1 AND " OPEN_STATUSES,
                               category_id, 0, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, local_error);
      return FALSE;
    }
  if (n_tickets != NULL)
    *n_tickets = all;
  if (n_open != NULL)
    *n_open = open;
  return TRUE;
}
