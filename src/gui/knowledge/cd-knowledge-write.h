/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "cd-knowledge.h"

G_BEGIN_DECLS

/* One write to the knowledge base or the canned replies, run on the
 * store's write worker (cd_store_run_async() on CD_STORE_LANE_WRITE) so
 * that a wait for a colleague's write never freezes the window. Fill in
 * what the kind of write needs, start it, and read the result in the
 * callback. */

typedef enum {
  CD_KNOWLEDGE_WRITE_CREATE_ARTICLE,   /* article → new_id */
  CD_KNOWLEDGE_WRITE_UPDATE_ARTICLE,   /* article (its id), version */
  CD_KNOWLEDGE_WRITE_ARCHIVE_ARTICLE,  /* id, version, archived */
  CD_KNOWLEDGE_WRITE_LINK,             /* id (the article), entity, entity_id → new_id */
  CD_KNOWLEDGE_WRITE_UNLINK,           /* id (the link) */
  CD_KNOWLEDGE_WRITE_CREATE_REPLY,     /* reply, personal → new_id */
  CD_KNOWLEDGE_WRITE_UPDATE_REPLY,     /* reply (its id), version */
  CD_KNOWLEDGE_WRITE_DELETE_REPLY,     /* id, version */
} CdKnowledgeWriteKind;

typedef struct {
  CdKnowledgeWriteKind  kind;
  gint64                id;
  gint64                version;     /* what the person saw; 0 overwrites */
  CdArticle            *article;
  CdCannedReply        *reply;
  gboolean              archived;
  gboolean              personal;
  char                 *entity;
  gint64                entity_id;
  gint64                new_id;      /* result */
} CdKnowledgeWrite;

CdKnowledgeWrite *cd_knowledge_write_new    (CdKnowledgeWriteKind  kind,
                                             gint64                id);
void              cd_knowledge_write_free   (CdKnowledgeWrite     *write);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CdKnowledgeWrite, cd_knowledge_write_free)

/* Takes @write. */
void              cd_knowledge_write_start  (CdStore              *store,
                                             CdKnowledgeWrite     *write,
                                             GCancellable         *cancellable,
                                             GAsyncReadyCallback   callback,
                                             gpointer              user_data);
/* The write as it was run (with its result), borrowed from @result; NULL
 * with @error when it failed. */
CdKnowledgeWrite *cd_knowledge_write_finish (CdStore              *store,
                                             GAsyncResult         *result,
                                             GError              **error);

G_END_DECLS
