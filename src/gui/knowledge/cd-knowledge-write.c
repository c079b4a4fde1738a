/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "caredesk-knowledge"

#include "config.h"

#include "cd-knowledge-write.h"

CdKnowledgeWrite *
cd_knowledge_write_new (CdKnowledgeWriteKind kind,
                        gint64               id)
{
  CdKnowledgeWrite *write = g_new0 (CdKnowledgeWrite, 1);

  write->kind = kind;
  write->id = id;
  return write;
}

void
cd_knowledge_write_free (CdKnowledgeWrite *write)
{
  if (write == NULL)
    return;
  g_clear_pointer (&write->article, cd_article_free);
  g_clear_pointer (&write->reply, cd_canned_reply_free);
  g_free (write->entity);
  g_free (write);
}

/* On the write worker, with its own connection. */
static gboolean
run_write (CdStore       *store,
           gpointer       data,
           GCancellable  *cancellable,
           GError       **error)
{
  CdKnowledgeWrite *w = data;

  switch (w->kind)
    {
    case CD_KNOWLEDGE_WRITE_CREATE_ARTICLE:
      w->new_id = cd_article_create (store, w->article, error);
      return w->new_id != 0;
    case CD_KNOWLEDGE_WRITE_UPDATE_ARTICLE:
      return cd_article_update (store, w->article, w->version, error);
    case CD_KNOWLEDGE_WRITE_ARCHIVE_ARTICLE:
      return cd_article_set_archived (store, w->id, w->version, w->archived, error);
    case CD_KNOWLEDGE_WRITE_LINK:
      w->new_id = cd_article_link (store, w->id, w->entity, w->entity_id, error);
      return w->new_id != 0;
    case CD_KNOWLEDGE_WRITE_UNLINK:
      return cd_article_unlink (store, w->id, error);
    case CD_KNOWLEDGE_WRITE_CREATE_REPLY:
      w->new_id = cd_canned_reply_create (store, w->reply, w->personal, error);
      return w->new_id != 0;
    case CD_KNOWLEDGE_WRITE_UPDATE_REPLY:
      return cd_canned_reply_update (store, w->reply, w->version, error);
    case CD_KNOWLEDGE_WRITE_DELETE_REPLY:
      return cd_canned_reply_delete (store, w->id, w->version, error);
    default:
      g_assert_not_reached ();
    }
}

void
cd_knowledge_write_start (CdStore             *store,
                          CdKnowledgeWrite    *write,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  g_return_if_fail (CD_IS_STORE (store));
  g_return_if_fail (write != NULL);

  cd_store_run_async (store, CD_STORE_LANE_WRITE, run_write, write, (GDestroyNotify) cd_knowledge_write_free,
                      cancellable, callback, user_data);
}

CdKnowledgeWrite *
cd_knowledge_write_finish (CdStore       *store,
                           GAsyncResult  *result,
                           GError       **error)
{
  g_return_val_if_fail (CD_IS_STORE (store), NULL);

  if (!cd_store_run_finish (store, result, error))
    return NULL;
  return cd_store_run_get_data (result);
}
