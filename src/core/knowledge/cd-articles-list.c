/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "caredesk-knowledge"

#include "config.h"

#include "cd-knowledge-private.h"
#include "cd-row-model-private.h"
#include "cd-search-private.h"
#include "cd-sql-util.h"

/* The list of articles. A knowledge base holds hundreds of articles, not
 * millions: the sorts read the table. */

static const CdRowColumn columns[CD_ARTICLE_N_COLS] = {
  { "title", "title", "title COLLATE NOCASE" },
  { "category", "category", "category COLLATE NOCASE, title COLLATE NOCASE" },
  { "tags", "tags", NULL },
  { "author", "(SELECT display_name FROM staff WHERE staff.id = kb_articles.author_id)", NULL },
  { "updated", "updated_at", "updated_at" },
  /* The most linked first, and among as many links by title. */
  { "links", "link_count", "-link_count, title COLLATE NOCASE" },
  { "archived", "archived", NULL },
  { "start", "substr(body, 1, 300)", NULL },
};

static const char * const refresh_kinds[] = { "kb_articles", "kb_article_links", NULL };

static char *
filter_where (const CdArticleFilter  *filter,
              GVariant              **params_out)
{
  g_autoptr(GString) where = g_string_new (filter->archived ? "archived = 1" : "archived = 0");
  g_autofree char *category = cd_optional_text (filter->category);
  GVariantBuilder params;

  g_variant_builder_init (&params, G_VARIANT_TYPE_TUPLE);
  if (category != NULL)
    {
      g_string_append (where, " AND category = ?");
      g_variant_builder_add (&params, "s", category);
    }
  if (filter->text != NULL)
    {
      g_autoptr(CdSearchQuery) query = cd_search_query_new (filter->text);

      if (!cd_search_query_is_empty (query))
        {
          g_autofree char *match = cd_search_query_match (query, CD_SEARCH_EXPR_TITLED | CD_SEARCH_EXPR_SHORT_PREFIXES);

          if (match == NULL)
            g_string_append (where, " AND 0");
          else
            {
              g_string_append (where, " AND id IN (SELECT rowid FROM search_articles WHERE search_articles MATCH ?)");
              g_variant_builder_add (&params, "s", match);
            }
        }
    }
  *params_out = g_variant_builder_end (&params);
  return g_string_free (g_steal_pointer (&where), FALSE);
}

static const char *
sort_column (const CdArticleFilter *filter,
             gboolean              *descending)
{
  switch (filter->sort)
    {
    case CD_ARTICLE_SORT_UPDATED:
      *descending = TRUE;
      return "updated";
    case CD_ARTICLE_SORT_TITLE:
      *descending = FALSE;
      return "title";
    case CD_ARTICLE_SORT_MOST_LINKED:
    default:
      *descending = FALSE;
      return "links";
    }
}

CdRowModel *
cd_articles_list_new (CdStore               *store,
                      const CdArticleFilter *filter)
{
  CdArticleFilter defaults = { 0 };
  g_autofree char *where = NULL;
  GVariant *params = NULL;
  gboolean descending = FALSE;
  const char *sort;
  CdRowModel *model;

  g_return_val_if_fail (CD_IS_STORE (store), NULL);

  if (filter == NULL)
    filter = &defaults;
  where = filter_where (filter, &params);
  sort = sort_column (filter, &descending);
  model = cd_row_model_new_full (store, "kb_articles", "id", columns, CD_ARTICLE_N_COLS,
                                 where, params, sort, descending);
  cd_row_model_set_refresh_kinds (model, refresh_kinds);
  return model;
}

void
cd_articles_list_set_filter (CdRowModel            *model,
                             const CdArticleFilter *filter)
{
  CdArticleFilter defaults = { 0 };
  g_autofree char *where = NULL;
  GVariant *params = NULL;
  gboolean descending = FALSE;
  const char *sort;

  g_return_if_fail (CD_IS_ROW_MODEL (model));

  if (filter == NULL)
    filter = &defaults;
  where = filter_where (filter, &params);
  sort = sort_column (filter, &descending);
  cd_row_model_set_query (model, where, params, sort, descending);
}
