/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "cd-store.h"

G_BEGIN_DECLS

/* Writing or editing a knowledge-base article: title, category, tags and
 * text, checked as they are typed. Saving runs on the store's write
 * worker; when someone else saved the article meanwhile, it offers to
 * reload or overwrite. Emits "saved" (gint64 id) and closes. */
#define CD_TYPE_ARTICLE_EDITOR (cd_article_editor_get_type ())
G_DECLARE_FINAL_TYPE (CdArticleEditor, cd_article_editor, CD, ARTICLE_EDITOR, AdwWindow)

/* @article_id 0 writes a new article. */
CdArticleEditor *cd_article_editor_new        (CdStore         *store,
                                               gint64           article_id);
gint64           cd_article_editor_get_article_id (CdArticleEditor *self);
/* Starts saving as the Save button does; FALSE when the form cannot be
 * saved now (its reasons are shown). */
gboolean         cd_article_editor_save       (CdArticleEditor *self);

/* For tests: the fields as a person fills them. */
GtkEditable     *cd_article_editor_get_title_row    (CdArticleEditor *self);
GtkEditable     *cd_article_editor_get_category_row (CdArticleEditor *self);
GtkEditable     *cd_article_editor_get_tags_row     (CdArticleEditor *self);
GtkTextView     *cd_article_editor_get_body_view    (CdArticleEditor *self);

G_END_DECLS
