/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "cd-store.h"

G_BEGIN_DECLS

/* The knowledge-base articles linked to one complaint (or ticket), as a
 * group of rows on its page: each opens the article (app.open-article)
 * or is unlinked; "Link Article" picks one to link. It follows the
 * file's changes of links and articles. */
#define CD_TYPE_ARTICLE_LINKS_GROUP (cd_article_links_group_get_type ())
G_DECLARE_FINAL_TYPE (CdArticleLinksGroup, cd_article_links_group, CD, ARTICLE_LINKS_GROUP, AdwPreferencesGroup)

/* @entity is CD_ARTICLE_LINK_COMPLAINT or CD_ARTICLE_LINK_TICKET. */
GtkWidget *cd_article_links_group_new          (CdStore             *store,
                                                const char          *entity,
                                                gint64               entity_id);
/* For tests: the number of articles shown, and the picker. */
guint      cd_article_links_group_get_n_links  (CdArticleLinksGroup *self);
GtkWidget *cd_article_links_group_get_picker   (CdArticleLinksGroup *self);

G_END_DECLS
