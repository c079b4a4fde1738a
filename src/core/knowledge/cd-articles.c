/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "caredesk-knowledge"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "cd-knowledge-private.h"
#include "cd-sql-util.h"
#include "cd-validate.h"

/* Knowledge-base articles: records, validation, writes, and the body as
 * something to read. */

/* Records ------------------------------------------------------------------- */

CdArticle *
cd_article_new (void)
{
  CdArticle *article = g_new0 (CdArticle, 1);

  article->title = g_strdup ("");
  article->body = g_strdup ("");
  return article;
}

CdArticle *
cd_article_copy (const CdArticle *article)
{
  CdArticle *copy;

  g_return_val_if_fail (article != NULL, NULL);

  copy = g_memdup2 (article, sizeof *article);
  copy->title = g_strdup (article->title);
  copy->body = g_strdup (article->body);
  copy->tags = g_strdup (article->tags);
  copy->category = g_strdup (article->category);
  copy->author_name = g_strdup (article->author_name);
  return copy;
}

void
cd_article_free (CdArticle *article)
{
  if (article == NULL)
    return;
  g_free (article->title);
  g_free (article->body);
  g_free (article->tags);
  g_free (article->category);
  g_free (article->author_name);
  g_free (article);
}

CdArticle *
cd_article_load (CdStore  *store,
                 gint64    id,
                 GError  **error)
{
  sqlite3_stmt *stmt;
  CdArticle *article = NULL;
  int rc;

  g_return_val_if_fail (CD_IS_STORE (store), NULL);

  stmt = cd_store_prepare (store,
                           "SELECT a.id, a.title, a.body, a.tags, a.category, a.author_id, a.archived, a.link_count,"
                           " a.created_at, a.updated_at, a.version, s.display_name"
                           " FROM kb_articles a LEFT JOIN staff s ON s.id = a.author_id WHERE a.id = ?1",
                           error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, id);
  rc = cd_store_step (store, stmt, error);
  if (rc == SQLITE_ROW)
    {
      article = g_new0 (CdArticle, 1);
      article->id = sqlite3_column_int64 (stmt, 0);
      article->title = cd_sql_column_dup (stmt, 1);
      article->body = cd_sql_column_dup (stmt, 2);
      if (article->body == NULL)
        article->body = g_strdup ("");
      article->tags = cd_sql_column_dup (stmt, 3);
      article->category = cd_sql_column_dup (stmt, 4);
      article->author_id = cd_sql_column_int64 (stmt, 5);
      article->archived = sqlite3_column_int (stmt, 6) != 0;
      article->link_count = (guint) MAX (sqlite3_column_int64 (stmt, 7), 0);
      article->created_at = sqlite3_column_int64 (stmt, 8);
      article->updated_at = sqlite3_column_int64 (stmt, 9);
      article->version = sqlite3_column_int64 (stmt, 10);
      article->author_name = cd_sql_column_dup (stmt, 11);
    }
  else if (rc == SQLITE_DONE)
    g_set_error_literal (error, CD_STORE_ERROR, CD_STORE_ERROR_NOT_FOUND,
                         _("This article no longer exists; someone may have deleted it."));
  sqlite3_reset (stmt);
  return article;
}

/* Validation ------------------------------------------------------------------ */

char *
cd_article_validate_title (const char *title)
{
  g_autoptr(GError) error = NULL;

  if (!cd_validate_name (title, _("Title"), CD_ARTICLE_TITLE_MAX_CHARS, &error))
    return g_strdup (error->message);
  return NULL;
}

/* An optional single-line field. */
static char *
validate_optional_line (const char *text,
                        const char *label,
                        guint       max_chars)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *trimmed = cd_validate_trim (text);

  if (*trimmed != '\0' && !cd_validate_name (trimmed, label, max_chars, &error))
    return g_strdup (error->message);
  return NULL;
}

char *
cd_article_validate_category (const char *category)
{
  return validate_optional_line (category, _("Category"), CD_ARTICLE_CATEGORY_MAX_CHARS);
}

char *
cd_article_validate_tags (const char *tags)
{
  return validate_optional_line (tags, _("Tags"), CD_ARTICLE_TAGS_MAX_CHARS);
}

char *
cd_article_validate_body (const char *body)
{
  g_autoptr(GError) error = NULL;

  if (!cd_validate_text_length (body, _("Text"), CD_ARTICLE_BODY_MAX_CHARS, &error))
    return g_strdup (error->message);
  return NULL;
}

static gboolean
check_article (const CdArticle  *article,
               GError          **error)
{
  char *(*checks[]) (const char *) = {
    cd_article_validate_title, cd_article_validate_category, cd_article_validate_tags, cd_article_validate_body,
  };
  const char *values[] = { article->title, article->category, article->tags, article->body };

  for (guint i = 0; i < G_N_ELEMENTS (checks); i++)
    {
      g_autofree char *message = checks[i] (values[i]);

      if (message != NULL)
        {
          g_set_error_literal (error, CD_STORE_ERROR, CD_STORE_ERROR_INVALID, message);
          return FALSE;
        }
    }
  return TRUE;
}

/* Tags ---------------------------------------------------------------------- */

GStrv
cd_article_split_tags (const char *tags)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_auto(GStrv) parts = NULL;

  if (tags == NULL)
    return g_strv_builder_end (builder);

  /* A Chinese comma separates as well as a Latin one. */
  {
    g_autoptr(GRegex) split = g_regex_new ("[,，、;；]", 0, 0, NULL);
    parts = g_regex_split (split, tags, 0);
  }
  for (guint i = 0; parts[i] != NULL; i++)
    {
      g_autofree char *tag = cd_validate_trim (parts[i]);
      g_autofree char *key = NULL;

      if (*tag == '\0')
        continue;
      key = g_utf8_casefold (tag, -1);
      if (g_hash_table_contains (seen, key))
        continue;
      g_hash_table_add (seen, g_steal_pointer (&key));
      g_strv_builder_add (builder, tag);
    }
  return g_strv_builder_end (builder);
}

char *
cd_article_normalise_tags (const char *tags)
{
  g_auto(GStrv) list = cd_article_split_tags (tags);

  if (list[0] == NULL)
    return NULL;
  return g_strjoinv (", ", list);
}

/* Writes ---------------------------------------------------------------------- */

static void
build_fields (const CdArticle *article,
              CdField         *fields,
              GPtrArray       *strings)
{
  char *title = cd_validate_trim (article->title);
  char *category = cd_optional_text (article->category);
  char *tags = cd_article_normalise_tags (article->tags);
  char *body = g_strdup (article->body != NULL ? article->body : "");

  g_ptr_array_add (strings, title);
  g_ptr_array_add (strings, category);
  g_ptr_array_add (strings, tags);
  g_ptr_array_add (strings, body);
  fields[0] = (CdField) { "title", title };
  fields[1] = (CdField) { "category", category };
  fields[2] = (CdField) { "tags", tags };
  fields[3] = (CdField) { "body", body };
}

gint64
cd_article_create (CdStore          *store,
                   const CdArticle  *article,
                   GError          **error)
{
  g_autoptr(GPtrArray) strings = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *author = NULL;
  CdField fields[5];

  g_return_val_if_fail (CD_IS_STORE (store), 0);
  g_return_val_if_fail (article != NULL, 0);

  if (!cd_store_require_role (store, CD_KNOWLEDGE_ALL_ROLES, error) || !check_article (article, error))
    return 0;

  build_fields (article, fields, strings);
  author = cd_int_text (cd_store_get_staff_id (store));
  fields[4] = (CdField) { "author_id", author };
  return cd_store_insert (store, "kb_articles", fields, G_N_ELEMENTS (fields), error);
}

gboolean
cd_article_update (CdStore          *store,
                   const CdArticle  *article,
                   gint64            expected_version,
                   GError          **error)
{
  g_autoptr(GPtrArray) strings = g_ptr_array_new_with_free_func (g_free);
  CdField fields[4];

  g_return_val_if_fail (CD_IS_STORE (store), FALSE);
  g_return_val_if_fail (article != NULL && article->id > 0, FALSE);

  if (!cd_store_require_role (store, CD_KNOWLEDGE_ALL_ROLES, error) || !check_article (article, error))
    return FALSE;

  build_fields (article, fields, strings);
  return cd_store_update (store, "kb_articles", article->id, expected_version, fields, G_N_ELEMENTS (fields), error);
}

gboolean
cd_article_set_archived (CdStore   *store,
                         gint64     id,
                         gint64     expected_version,
                         gboolean   archived,
                         GError   **error)
{
  CdField fields[] = { { "archived", archived ? "1" : "0" } };

  g_return_val_if_fail (CD_IS_STORE (store), FALSE);

  if (!cd_store_require_role (store, CD_KNOWLEDGE_ALL_ROLES, error))
    return FALSE;
  return cd_store_update (store, "kb_articles", id, expected_version, fields, G_N_ELEMENTS (fields), error);
}

GStrv
cd_article_categories (CdStore  *store,
                       GError  **error)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (CD_IS_STORE (store), NULL);

  stmt = cd_store_prepare (store,
                           "SELECT DISTINCT category FROM kb_articles WHERE category IS NOT NULL"
                           " ORDER BY category COLLATE NOCASE", error);
  if (stmt == NULL)
    return NULL;
  while ((rc = cd_store_step (store, stmt, error)) == SQLITE_ROW)
    g_strv_builder_add (builder, (const char *) sqlite3_column_text (stmt, 0));
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return NULL;
  return g_strv_builder_end (builder);
}

/* Reading ------------------------------------------------------------------------ */

/* A list item: "- ", "* " or "• " before it (*@rest is after that), or
 * a number and ". ", ") " or "、" (*@rest is the whole line, number and
 * all). */
static gboolean
is_list_item (const char  *line,
              const char **rest)
{
  const char *p = line;

  if (g_str_has_prefix (p, "- ") || g_str_has_prefix (p, "* ") || g_str_has_prefix (p, "• "))
    {
      *rest = g_utf8_next_char (p) + 1;
      return TRUE;
    }
  if (!g_ascii_isdigit (*p))
    return FALSE;
  while (g_ascii_isdigit (*p))
    p++;
  if (g_str_has_prefix (p, ". ") || g_str_has_prefix (p, ") ") || g_str_has_prefix (p, "、"))
    {
      *rest = line;
      return TRUE;
    }
  return FALSE;
}

/* Escapes @text and makes its web addresses links. */
static void
append_linked (GString    *out,
               const char *text)
{
  static GRegex *url;
  g_autoptr(GMatchInfo) match = NULL;
  gint at = 0;

  if (g_once_init_enter (&url))
    g_once_init_leave (&url, g_regex_new ("(https?://|www\\.)[^\\s<>\"，。、）)]+[^\\s<>\"，。、）).,;:!?]",
                                          G_REGEX_OPTIMIZE, 0, NULL));

  g_regex_match (url, text, 0, &match);
  while (g_match_info_matches (match))
    {
      gint start, end;
      g_autofree char *before = NULL;
      g_autofree char *link = NULL;
      g_autofree char *shown = NULL;

      g_match_info_fetch_pos (match, 0, &start, &end);
      before = g_markup_escape_text (text + at, start - at);
      link = g_strndup (text + start, (gsize) (end - start));
      shown = g_markup_escape_text (link, -1);
      g_string_append (out, before);
      g_string_append_printf (out, "<a href=\"%s%s\">%s</a>", g_str_has_prefix (link, "www.") ? "https://" : "",
                              shown, shown);
      at = end;
      g_match_info_next (match, NULL);
    }
  {
    g_autofree char *rest = g_markup_escape_text (text + at, -1);
    g_string_append (out, rest);
  }
}

char *
cd_article_body_markup (const char *body)
{
  g_autoptr(GString) out = g_string_new (NULL);
  g_auto(GStrv) lines = NULL;
  gboolean blank = FALSE;

  if (body == NULL || !g_utf8_validate (body, -1, NULL))
    return g_strdup ("");

  lines = g_strsplit (body, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_autofree char *line = g_strchomp (g_strdup (lines[i]));
      const char *item = NULL;

      if (*g_strchug (line) == '\0')
        {
          blank = out->len > 0;
          continue;
        }
      if (out->len > 0)
        g_string_append (out, blank ? "\n\n" : "\n");
      blank = FALSE;
      if (is_list_item (line, &item))
        {
          g_string_append (out, item == line ? "  " : "  •  ");
          append_linked (out, item);
        }
      else
        append_linked (out, line);
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}
