/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "cd-store.h"

G_BEGIN_DECLS

/* The team's knowledge base: its articles (searched, by category, the
 * most linked first or the newest, archived ones apart) with the one
 * chosen to read beside the list, and the canned replies. Writing and
 * editing open their own windows. Widget actions: kb.new-article
 * (Ctrl+N), kb.edit-article, kb.archive-article, kb.new-reply,
 * kb.edit-reply (x), kb.back. Emits "open-record" (const char *entity,
 * gint64 id) for a ticket ("ticket") or complaint ("complaint") an
 * article is linked to. */
#define CD_TYPE_KNOWLEDGE_VIEW (cd_knowledge_view_get_type ())
G_DECLARE_FINAL_TYPE (CdKnowledgeView, cd_knowledge_view, CD, KNOWLEDGE_VIEW, GtkWidget)

GtkWidget  *cd_knowledge_view_new          (CdStore         *store);
/* Shows article @id beside the list (archived ones too). */
void        cd_knowledge_view_show_article (CdKnowledgeView *self,
                                            gint64           id);
void        cd_knowledge_view_show_replies (CdKnowledgeView *self);
/* The article shown, or 0. */
gint64      cd_knowledge_view_get_article_id (CdKnowledgeView *self);
/* For tests: the list of articles and the search entry above it. */
GListModel *cd_knowledge_view_get_model    (CdKnowledgeView *self);
GtkSearchEntry *cd_knowledge_view_get_search_entry (CdKnowledgeView *self);

G_END_DECLS
