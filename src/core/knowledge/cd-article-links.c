/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "caredesk-knowledge"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "cd-knowledge-private.h"
#include "cd-sql-util.h"

/* Links between articles and the tickets and complaints they helped
 * with. A trigger keeps each article's link count (see cd-schema.c). */

void
cd_article_link_free (CdArticleLink *link)
{
  if (link == NULL)
    return;
  g_free (link->article_title);
  g_free (link->entity);
  g_free (link->entity_title);
  g_free (link->linked_by_name);
  g_free (link);
}

static gboolean
valid_entity (const char  *entity,
              GError     **error)
{
  if (g_strcmp0 (entity, CD_ARTICLE_LINK_TICKET) == 0 || g_strcmp0 (entity, CD_ARTICLE_LINK_COMPLAINT) == 0)
    return TRUE;
  g_set_error (error, CD_STORE_ERROR, CD_STORE_ERROR_INVALID,
               _("Articles can be linked to tickets and complaints only."));
  return FALSE;
}

gint64
cd_article_link (CdStore     *store,
                 gint64       article_id,
                 const char  *entity,
                 gint64       entity_id,
                 GError     **error)
{
  g_autofree char *article_text = cd_int_text (article_id);
  g_autofree char *entity_text = cd_int_text (entity_id);
  g_autofree char *staff_text = NULL;
  GError *local_error = NULL;
  gint64 archived, exists, id = 0;

  g_return_val_if_fail (CD_IS_STORE (store), 0);

  if (!cd_store_require_role (store, CD_KNOWLEDGE_ALL_ROLES, error) || !valid_entity (entity, error))
    return 0;
  if (!cd_store_begin (store, error))
    return 0;

  archived = cd_store_query_int (store, "SELECT archived FROM kb_articles WHERE id = ?", article_id, -1, &local_error);
  if (local_error != NULL)
    goto fail;
  if (archived < 0)
    {
      g_set_error_literal (&local_error, CD_STORE_ERROR, CD_STORE_ERROR_NOT_FOUND,
                           _("This article no longer exists; someone may have deleted it."));
      goto fail;
    }
  if (archived > 0)
    {
      g_set_error_literal (&local_error, CD_STORE_ERROR, CD_STORE_ERROR_INVALID,
                           _("This article is archived. Restore it in the knowledge base before linking it."));
      goto fail;
    }

  exists = cd_store_query_int (store,
                               g_str_equal (entity, CD_ARTICLE_LINK_TICKET)
                               ? "SELECT count(*) FROM tickets WHERE id = ?"
                               : "SELECT count(*) FROM complaints WHERE id = ?",
                               entity_id, 0, &local_error);
  if (local_error != NULL)
    goto fail;
  if (exists == 0)
    {
      g_set_error_literal (&local_error, CD_STORE_ERROR, CD_STORE_ERROR_NOT_FOUND,
                           g_str_equal (entity, CD_ARTICLE_LINK_TICKET)
                           ? _("This ticket no longer exists; someone may have deleted it.")
                           : _("This complaint no longer exists; someone may have deleted it."));
      goto fail;
    }

  {
    sqlite3_stmt *stmt = cd_store_prepare (store,
                                           "SELECT count(*) FROM kb_article_links"
                                           " WHERE entity = ?1 AND entity_id = ?2 AND article_id = ?3",
                                           &local_error);
    gint64 linked = 0;

    if (stmt == NULL)
      goto fail;
    sqlite3_bind_text (stmt, 1, entity, -1, SQLITE_TRANSIENT);
    sqlite3_bind_int64 (stmt, 2, entity_id);
    sqlite3_bind_int64 (stmt, 3, article_id);
    if (cd_store_step (store, stmt, &local_error) == SQLITE_ROW)
      linked = sqlite3_column_int64 (stmt, 0);
    sqlite3_reset (stmt);
    if (local_error != NULL)
      goto fail;
    if (linked > 0)
      {
        g_set_error_literal (&local_error, CD_STORE_ERROR, CD_STORE_ERROR_INVALID,
                             g_str_equal (entity, CD_ARTICLE_LINK_TICKET)
                             ? _("This article is already linked to this ticket.")
                             : _("This article is already linked to this complaint."));
        goto fail;
      }
  }

  staff_text = cd_store_get_staff_id (store) != 0 ? cd_int_text (cd_store_get_staff_id (store)) : NULL;
  {
    CdField fields[] = {
      { "article_id", article_text },
      { "entity", entity },
      { "entity_id", entity_text },
      { "linked_by", staff_text },
    };

    id = cd_store_insert (store, "kb_article_links", fields, G_N_ELEMENTS (fields), &local_error);
  }
  if (id == 0)
    goto fail;
  if (!cd_store_finish (store, TRUE, error))
    return 0;
  return id;

fail:
  cd_store_finish (store, FALSE, NULL);
  g_propagate_error (error, local_error);
  return 0;
}

gboolean
cd_article_unlink (CdStore  *store,
                   gint64    link_id,
                   GError  **error)
{
  g_return_val_if_fail (CD_IS_STORE (store), FALSE);

  if (!cd_store_require_role (store, CD_KNOWLEDGE_ALL_ROLES, error))
    return FALSE;
  return cd_store_delete (store, "kb_article_links", link_id, 0, error);
}

static GPtrArray *
read_links (CdStore     *store,
            const char  *sql,
            const char  *entity,
            gint64       id,
            GError     **error)
{
  g_autoptr(GPtrArray) links = g_ptr_array_new_with_free_func ((GDestroyNotify) cd_article_link_free);
  sqlite3_stmt *stmt = cd_store_prepare (store, sql, error);
  int rc;

  if (stmt == NULL)
    return NULL;
  if (entity != NULL)
    {
      sqlite3_bind_text (stmt, 1, entity, -1, SQLITE_TRANSIENT);
      sqlite3_bind_int64 (stmt, 2, id);
    }
  else
    sqlite3_bind_int64 (stmt, 1, id);

  while ((rc = cd_store_step (store, stmt, error)) == SQLITE_ROW)
    {
      CdArticleLink *link = g_new0 (CdArticleLink, 1);
      const char *title = (const char *) sqlite3_column_text (stmt, 9);

      link->id = sqlite3_column_int64 (stmt, 0);
      link->article_id = sqlite3_column_int64 (stmt, 1);
      link->article_title = cd_sql_column_dup (stmt, 2);
      link->article_archived = sqlite3_column_int (stmt, 3) != 0;
      link->entity = cd_sql_column_dup (stmt, 4);
      link->entity_id = sqlite3_column_int64 (stmt, 5);
      link->linked_by = cd_sql_column_int64 (stmt, 6);
      link->linked_by_name = cd_sql_column_dup (stmt, 7);
      link->created_at = sqlite3_column_int64 (stmt, 8);
      if (g_strcmp0 (link->entity, CD_ARTICLE_LINK_TICKET) == 0)
        {
          g_autofree char *number = cd_ticket_format_number (link->entity_id);
          /* Translators: a ticket number and its subject */
          link->entity_title = title != NULL ? g_strdup_printf (_("%s · %s"), number, title) : g_steal_pointer (&number);
        }
      else
        link->entity_title = g_strdup (title != NULL ? title : "");
      g_ptr_array_add (links, link);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return NULL;
  return g_steal_pointer (&links);
}

#define LINK_COLUMNS \
  "SELECT l.id, l.article_id, a.title, a.archived, l.entity, l.entity_id, l.linked_by, s.display_name, l.created_at," \
  " CASE l.entity WHEN 'ticket' THEN (SELECT subject FROM tickets t WHERE t.id = l.entity_id)" \
  " ELSE (SELECT summary FROM complaints c WHERE c.id = l.entity_id) END" \
  " FROM kb_article_links l JOIN kb_articles a ON a.id = l.article_id LEFT JOIN staff s ON s.id = l.linked_by"

GPtrArray *
cd_article_links_for (CdStore     *store,
                      const char  *entity,
                      gint64       entity_id,
                      GError     **error)
{
  g_return_val_if_fail (CD_IS_STORE (store), NULL);

  if (!valid_entity (entity, error))
    return NULL;
  return read_links (store, LINK_COLUMNS " WHERE l.entity = ?1 AND l.entity_id = ?2 ORDER BY l.created_at DESC, l.id DESC",
                     entity, entity_id, error);
}

GPtrArray *
cd_article_links_of (CdStore  *store,
                     gint64    article_id,
                     GError  **error)
{
  g_return_val_if_fail (CD_IS_STORE (store), NULL);

  return read_links (store, LINK_COLUMNS " WHERE l.article_id = ?1 ORDER BY l.created_at DESC, l.id DESC",
                     NULL, article_id, error);
}
