/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* What the files of the search share, and the tests look at: the index's
 * tokens as C makes them (they must equal what the schema's triggers make
 * in SQL, see cd-search-schema-private.h), the kinds' tables, and the
 * parsed query. */

#include "cd-search.h"
#include "cd-store-private.h"

G_BEGIN_DECLS

/* Tokens -------------------------------------------------------------------
 * Each returns what the SQL of the same name returns for @text: NULL
 * when there is nothing to index. */

char     *cd_search_grams  (const char *text);
char     *cd_search_chars  (const char *text);
char     *cd_search_digits (const char *text);

/* Whether the character @c is written as grams (its UTF-8 bytes start a
 * range of CD_SEARCH_SQL_GRAM_AT). */
gboolean  cd_search_is_gram_char (gunichar c);

/* The hex token of the UTF-8 text of @n characters at @p. */
void      cd_search_append_hex   (GString    *out,
                                  const char *p,
                                  gsize       n_bytes);

/* Kinds -------------------------------------------------------------------- */

typedef struct {
  CdSearchKind  kind;
  const char   *name;      /* "customers": the FTS table is search_<name> */
  const char   *table;     /* the records' table */
  gboolean      titled;    /* has title, tgrams and tchars */
  gboolean      small;     /* thousands of records, not millions */
  /* SELECT id, title, body, phone, phone2 FROM table r WHERE r.id > ?1
   * AND r.id <= ?2 (and the kind's condition) ORDER BY r.id */
  const char   *source_sql;
} CdSearchKindInfo;

const CdSearchKindInfo *cd_search_kind_info (CdSearchKind kind);

/* Indexes every record anew on @db, in the transaction it has open, and
 * clears the backlog: for a file nobody else has yet (the demo). */
gboolean  cd_search_index_build_db (sqlite3  *db,
                                    GError  **error);

/* Query -------------------------------------------------------------------- */

typedef enum {
  CD_SEARCH_TERM_WORDS,   /* Latin and the like: FTS5 words, prefix on the last */
  CD_SEARCH_TERM_GRAMS,   /* two or more CJK characters: a phrase of bigrams */
  CD_SEARCH_TERM_CHAR,    /* one CJK character: the titles' characters */
} CdSearchTermType;

typedef struct {
  CdSearchTermType  type;
  char             *text;    /* as typed (words), or the CJK run */
  char             *fold;    /* folded for highlighting */
  char             *digits;  /* the digits of a phone-like term, or NULL */
  gboolean          prefix;  /* words: match as a prefix */
  gboolean          short_prefix; /* …only for being last, with two letters */
} CdSearchTerm;

struct _CdSearchQuery
{
  gatomicrefcount  ref;
  char            *text;
  GPtrArray       *terms;          /* CdSearchTerm */
  gint64           ticket_id;      /* the query is a ticket number */
  char            *phone_digits;   /* the whole query is a phone number */
  char            *exact;          /* trimmed text, for exact name matches */
};

typedef enum {
  CD_SEARCH_EXPR_TITLED         = 1 << 0,  /* the kind has title columns */
  CD_SEARCH_EXPR_TITLES_ONLY    = 1 << 1,  /* match in them only */
  CD_SEARCH_EXPR_DIGITS         = 1 << 2,  /* the kind has phone suffixes */
  CD_SEARCH_EXPR_WHOLE_WORDS    = 1 << 3,  /* words typed so far match whole */
  CD_SEARCH_EXPR_SHORT_PREFIXES = 1 << 4,  /* a last word of two letters is a start */
} CdSearchExprFlags;

/* The FTS5 MATCH expression of @query for a kind, or NULL when the query
 * cannot match there. */
char     *cd_search_query_match  (CdSearchQuery     *query,
                                  CdSearchExprFlags  flags);
/* Whether a word of @query matches as the start of words. */
gboolean  cd_search_query_has_prefix (CdSearchQuery *query);

/* Folds @text for matching (lower case, no accents, compatibility forms)
 * into a string and, for every byte of it, the offset in @text of the
 * character it came from. */
char     *cd_search_fold         (const char  *text,
                                  GArray     **offsets);

G_END_DECLS
