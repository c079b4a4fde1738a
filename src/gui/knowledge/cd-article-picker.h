/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "cd-store.h"

G_BEGIN_DECLS

/* A popover to link a knowledge-base article: type to search the
 * articles (as the global search does), the arrow keys to pick, Enter to
 * take one; the most linked come first. Emits "article-chosen" (gint64
 * id, const char *title). */
#define CD_TYPE_ARTICLE_PICKER (cd_article_picker_get_type ())
G_DECLARE_FINAL_TYPE (CdArticlePicker, cd_article_picker, CD, ARTICLE_PICKER, GtkPopover)

#define CD_ARTICLE_PICKER_LIMIT 30

GtkWidget      *cd_article_picker_new       (CdStore         *store);
/* Filters as typing does; returns the number of articles shown. */
guint           cd_article_picker_filter    (CdArticlePicker *self,
                                             const char      *text);
GtkSearchEntry *cd_article_picker_get_entry (CdArticlePicker *self);

G_END_DECLS
