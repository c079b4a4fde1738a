/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "cd-row-model.h"
#include "cd-store.h"
#include "cd-ticket.h"

G_BEGIN_DECLS

/* The team's knowledge base and canned replies.
 *
 * Articles hold a title, a body (plain text: paragraphs split by blank
 * lines, lists of lines starting with "- ", "* " or "1. ", and web
 * addresses that show as links), tags, a category, their author and when
 * they were last changed. Everyone may write and archive them; every
 * write goes through cd_store_insert()/cd_store_update(), so it is
 * audited and version-checked (CD_STORE_ERROR_STALE offers reload or
 * overwrite; expected_version 0 overwrites). An article linked to a
 * ticket or a complaint shows on its timeline; the most linked come
 * first in the list.
 *
 * Canned replies have a title and a body with placeholders that are
 * filled in when the reply goes into a note: {customer}, {me}, {ticket}
 * and {promised}. A reply is the team's, or one person's own.
 *
 * Failures are CD_STORE_ERROR codes with messages in words. */

/* Limits, in characters. */
#define CD_ARTICLE_TITLE_MAX_CHARS     200
#define CD_ARTICLE_CATEGORY_MAX_CHARS  100
#define CD_ARTICLE_TAGS_MAX_CHARS      500
#define CD_ARTICLE_BODY_MAX_CHARS      100000
#define CD_REPLY_TITLE_MAX_CHARS       200
#define CD_REPLY_BODY_MAX_CHARS        10000

/* Articles ---------------------------------------------------------------- */

typedef struct {
  gint64    id;
  char     *title;
  char     *body;          /* "" when empty */
  char     *tags;          /* "refund, alipay"; NULL when none */
  char     *category;      /* NULL when none */
  gint64    author_id;     /* 0 when unknown */
  gboolean  archived;
  guint     link_count;    /* tickets and complaints it is linked to */
  gint64    created_at;
  gint64    updated_at;
  gint64    version;
  char     *author_name;   /* for showing; NULL when unknown */
} CdArticle;

CdArticle  *cd_article_new            (void);
CdArticle  *cd_article_copy           (const CdArticle *article);
void        cd_article_free           (CdArticle       *article);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CdArticle, cd_article_free)

/* NULL with CD_STORE_ERROR_NOT_FOUND when there is no such article. */
CdArticle  *cd_article_load           (CdStore         *store,
                                       gint64           id,
                                       GError         **error);

/* As the user types: the message for a field's text, NULL when fine. */
char       *cd_article_validate_title    (const char *title);
char       *cd_article_validate_category (const char *category);
char       *cd_article_validate_tags     (const char *tags);
char       *cd_article_validate_body     (const char *body);

/* "Refund,  alipay ,refund" as stored: "Refund, alipay" (trimmed, each
 * once whatever its case, in order); NULL when there are none. */
char       *cd_article_normalise_tags (const char *tags);
/* The tags one by one (an empty list for NULL). */
GStrv       cd_article_split_tags     (const char *tags);

/* The signed-in person becomes the author. Returns the new id, or 0. */
gint64      cd_article_create         (CdStore          *store,
                                       const CdArticle  *article,
                                       GError          **error);
/* Saves title, body, tags and category of @article (article->id). */
gboolean    cd_article_update         (CdStore          *store,
                                       const CdArticle  *article,
                                       gint64            expected_version,
                                       GError          **error);
/* Archived articles leave the list (they can be shown and restored) and
 * cannot be linked anew; their links stay. */
gboolean    cd_article_set_archived   (CdStore          *store,
                                       gint64            id,
                                       gint64            expected_version,
                                       gboolean          archived,
                                       GError          **error);
/* The categories in use, by name. */
GStrv       cd_article_categories     (CdStore          *store,
                                       GError          **error);

/* The body as Pango markup for a label: paragraphs, bullets for list
 * items, and web addresses as links. */
char       *cd_article_body_markup    (const char       *body);

/* The list ------------------------------------------------------------------ */

typedef enum {
  CD_ARTICLE_SORT_MOST_LINKED,   /* then by title */
  CD_ARTICLE_SORT_UPDATED,       /* newest first */
  CD_ARTICLE_SORT_TITLE,
} CdArticleSort;

typedef enum {
  CD_ARTICLE_COL_TITLE,      /* "title" */
  CD_ARTICLE_COL_CATEGORY,   /* "category" */
  CD_ARTICLE_COL_TAGS,       /* "tags" */
  CD_ARTICLE_COL_AUTHOR,     /* "author": display name */
  CD_ARTICLE_COL_UPDATED,    /* "updated": UTC seconds */
  CD_ARTICLE_COL_LINKS,      /* "links": how many links */
  CD_ARTICLE_COL_ARCHIVED,   /* "archived": 0 or 1 */
  CD_ARTICLE_COL_START,      /* "start": the body's first 300 characters */
  CD_ARTICLE_N_COLS
} CdArticleColumn;

typedef struct {
  /* Searched as the global search does (cd-search.h), within articles. */
  const char    *text;
  const char    *category;   /* NULL: every category */
  gboolean       archived;   /* the archived ones instead of the others */
  CdArticleSort  sort;
} CdArticleFilter;

/* A CdRowModel of articles (CdArticleColumn), refreshed on changes of
 * articles and their links. */
CdRowModel *cd_articles_list_new        (CdStore               *store,
                                         const CdArticleFilter *filter);
void        cd_articles_list_set_filter (CdRowModel            *model,
                                         const CdArticleFilter *filter);

/* Links --------------------------------------------------------------------- */

#define CD_ARTICLE_LINK_TICKET    "ticket"
#define CD_ARTICLE_LINK_COMPLAINT "complaint"

typedef struct {
  gint64    id;
  gint64    article_id;
  char     *article_title;
  gboolean  article_archived;
  char     *entity;          /* CD_ARTICLE_LINK_TICKET or _COMPLAINT */
  gint64    entity_id;
  char     *entity_title;    /* "T-000123 · subject", or the complaint's summary */
  gint64    linked_by;       /* 0 when unknown */
  char     *linked_by_name;  /* NULL when unknown */
  gint64    created_at;
} CdArticleLink;

void        cd_article_link_free      (CdArticleLink *link);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CdArticleLink, cd_article_link_free)

/* Links @article_id to a ticket or complaint; returns the link's id.
 * Linking twice, an archived article, or to something missing fails
 * with INVALID or NOT_FOUND, writing nothing. */
gint64      cd_article_link           (CdStore     *store,
                                       gint64       article_id,
                                       const char  *entity,
                                       gint64       entity_id,
                                       GError     **error);
gboolean    cd_article_unlink         (CdStore     *store,
                                       gint64       link_id,
                                       GError     **error);
/* The articles linked to a ticket or complaint, newest link first; a
 * GPtrArray of CdArticleLink, NULL with @error. */
GPtrArray  *cd_article_links_for      (CdStore     *store,
                                       const char  *entity,
                                       gint64       entity_id,
                                       GError     **error);
/* The tickets and complaints an article is linked to, newest first. */
GPtrArray  *cd_article_links_of       (CdStore     *store,
                                       gint64       article_id,
                                       GError     **error);

/* Canned replies -------------------------------------------------------------- */

typedef struct {
  gint64  id;
  char   *title;
  char   *body;
  gint64  owner_id;      /* 0: the team's */
  char   *owner_name;    /* NULL for the team's */
  gint64  updated_at;
  gint64  version;
} CdCannedReply;

CdCannedReply *cd_canned_reply_new    (void);
void        cd_canned_reply_free      (CdCannedReply *reply);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CdCannedReply, cd_canned_reply_free)

CdCannedReply *cd_canned_reply_load   (CdStore              *store,
                                       gint64                id,
                                       GError              **error);
/* The team's replies and the signed-in person's own whose title or body
 * holds @text (NULL or "" for all; case does not matter for Latin
 * letters), those whose title starts with it first, then by title; a
 * GPtrArray of CdCannedReply. */
GPtrArray  *cd_canned_replies_list    (CdStore              *store,
                                       const char           *text,
                                       GError              **error);
/* As the user types: the message for a field, NULL when fine. */
char       *cd_canned_reply_validate_title (const char *title);
char       *cd_canned_reply_validate_body  (const char *body);
/* With @personal the reply is the signed-in person's own. */
gint64      cd_canned_reply_create    (CdStore              *store,
                                       const CdCannedReply  *reply,
                                       gboolean              personal,
                                       GError              **error);
/* Someone else's own replies cannot be changed (PERMISSION). */
gboolean    cd_canned_reply_update    (CdStore              *store,
                                       const CdCannedReply  *reply,
                                       gint64                expected_version,
                                       GError              **error);
gboolean    cd_canned_reply_delete    (CdStore              *store,
                                       gint64                id,
                                       gint64                expected_version,
                                       GError              **error);

/* Placeholders ------------------------------------------------------------------ */

/* The values of the placeholders; NULL leaves that placeholder as it is
 * written, so that nobody sends "Dear ," by mistake. */
typedef struct {
  const char *customer;   /* {customer}: the customer's name */
  const char *me;         /* {me}: the signed-in person's name */
  const char *ticket;     /* {ticket}: "T-000123" */
  const char *promised;   /* {promised}: when the customer will hear back */
} CdReplyValues;

/* The placeholders Caredesk fills, without braces, NULL-terminated. */
const char * const *cd_canned_reply_placeholders (void);
/* The placeholders in @body that Caredesk does not know ("{custmer}"),
 * each once, braces and all: they go into the note as they are. */
GStrv       cd_canned_reply_unknown_placeholders (const char *body);
/* @body with the known placeholders that have a value replaced; unknown
 * ones ("{custmer}") and those without a value stay as they are. */
char       *cd_canned_reply_fill      (const char          *body,
                                       const CdReplyValues *values);
/* The values for a note on @ticket: its customer, the signed-in person,
 * its number, and the reply promised on escalation (else the resolution
 * due, else none), as a date and time. */
char       *cd_canned_reply_fill_for_ticket (CdStore        *store,
                                             const char     *body,
                                             const CdTicket *ticket);

G_END_DECLS
