/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "cd-store.h"

G_BEGIN_DECLS

/* One search over everything the team writes: customers (name,
 * organisation, phones, email, address, tags, notes), tickets (number,
 * subject, description), complaints, the text of tickets' timelines
 * (notes, calls, escalation reasons, satisfaction comments), follow-up
 * notes and knowledge-base articles.
 *
 * How a query matches:
 * - Latin (and Cyrillic, Greek…) words match words that start with them,
 *   whatever the case and accents: "garc" finds García. Every word must
 *   match; the last one as typed so far.
 * - Chinese (and other unspaced scripts): two characters or more match
 *   anywhere in the text ("张伟", "退款", "仍然无法登录"); a single
 *   character (a surname, "张") matches in names and titles.
 * - Phone numbers match any part of three digits or more, written with or
 *   without spaces, dashes, brackets or +86.
 * - Email addresses match by their parts ("xiaowen", "163.com").
 * - Ticket numbers match with or without T- and leading zeros ("T-000123",
 *   "t123", "#123", "000123"): that ticket comes first.
 *
 * Results are grouped by kind, each with its number of matches (counted
 * up to CD_SEARCH_MAX_COUNT) and its best matches first: an exact name,
 * number or phone; then a match in the name or title; then one in the
 * rest of the text; the newest first within each. Groups whose best
 * match is better come first. The index lives in the file itself and is
 * written in the transaction of every change (cd-search-schema-private.h). */

typedef enum {
  CD_SEARCH_CUSTOMERS,
  CD_SEARCH_TICKETS,
  CD_SEARCH_COMPLAINTS,
  CD_SEARCH_NOTES,       /* text on tickets' timelines */
  CD_SEARCH_FOLLOWUPS,   /* follow-up notes */
  CD_SEARCH_ARTICLES,    /* knowledge-base articles */
  CD_SEARCH_N_KINDS
} CdSearchKind;

#define CD_SEARCH_KIND_BIT(kind) (1u << (kind))
#define CD_SEARCH_ALL_KINDS      ((1u << CD_SEARCH_N_KINDS) - 1)

/* Matches are counted up to this many per kind. */
#define CD_SEARCH_MAX_COUNT 1000

/* "Customers", "Tickets"… translated. */
const char    *cd_search_kind_label      (CdSearchKind kind);
/* The icon name of a kind. */
const char    *cd_search_kind_icon_name  (CdSearchKind kind);

/* Queries -----------------------------------------------------------------*/

typedef struct _CdSearchQuery CdSearchQuery;

#define CD_TYPE_SEARCH_QUERY (cd_search_query_get_type ())
GType          cd_search_query_get_type  (void) G_GNUC_CONST;

/* Parses what someone typed (NULL is empty). */
CdSearchQuery *cd_search_query_new       (const char     *text);
CdSearchQuery *cd_search_query_ref       (CdSearchQuery  *query);
void           cd_search_query_unref     (CdSearchQuery  *query);
const char    *cd_search_query_get_text  (CdSearchQuery  *query);
/* TRUE when nothing in it can match (empty, spaces, punctuation). */
gboolean       cd_search_query_is_empty  (CdSearchQuery  *query);
/* The ticket id when the whole query is a ticket number, else 0. */
gint64         cd_search_query_get_ticket_id (CdSearchQuery *query);
/* @text as Pango markup, every part the query matches in <b>; NULL for
 * NULL. */
char          *cd_search_query_highlight (CdSearchQuery  *query,
                                          const char     *text);
/* About @max_chars characters of @text around its first match, on one
 * line, with "…" where it was cut; NULL when @text is NULL, empty or
 * does not match. */
char          *cd_search_query_excerpt   (CdSearchQuery  *query,
                                          const char     *text,
                                          guint           max_chars);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CdSearchQuery, cd_search_query_unref)

/* Results -----------------------------------------------------------------*/

typedef enum {
  CD_SEARCH_MATCH_EXACT,  /* the ticket number, the whole name or email */
  CD_SEARCH_MATCH_TITLE,  /* in the name, title, subject or phone */
  CD_SEARCH_MATCH_TEXT,   /* elsewhere in the record's text */
} CdSearchMatch;

typedef struct {
  CdSearchKind   kind;
  gint64         id;         /* the record found */
  /* What opens it: the ticket of a note, the complaint of a follow-up;
   * otherwise @id. */
  gint64         target_id;
  CdSearchMatch  match;
  char          *title;      /* "张伟", "T-000123 · Refund not received" */
  char          *detail;     /* one line of context; contact details masked
                              * as the signed-in person sees them in lists */
  char          *excerpt;    /* text around the match, or NULL */
  gint64         when;       /* when it was written or last changed */
} CdSearchHit;

void           cd_search_hit_free        (CdSearchHit    *hit);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CdSearchHit, cd_search_hit_free)

typedef struct {
  CdSearchKind   kind;
  guint          count;      /* up to CD_SEARCH_MAX_COUNT */
  gboolean       more;       /* there are more than CD_SEARCH_MAX_COUNT */
  GPtrArray     *hits;       /* CdSearchHit, best first */
} CdSearchGroup;

typedef struct {
  CdSearchQuery *query;
  /* The kinds with matches, the best group first (CdSearchGroup). */
  GPtrArray     *groups;
  /* Records written before this file had a search index are still being
   * indexed (see cd_search_index_progress()): some are not found yet. */
  gboolean       incomplete;
} CdSearchResults;

void           cd_search_results_free    (CdSearchResults *results);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CdSearchResults, cd_search_results_free)

/* The group of @kind, or NULL when it has no matches. */
CdSearchGroup *cd_search_results_get_group (CdSearchResults *results,
                                            CdSearchKind     kind);

/* Searches the @kinds (CD_SEARCH_KIND_BIT()s) for @query, with up to
 * @limit hits per kind, on the calling thread. An empty query gives no
 * groups. */
CdSearchResults *cd_search_run           (CdStore          *store,
                                          CdSearchQuery    *query,
                                          guint             kinds,
                                          guint             limit,
                                          GError          **error);
/* The hit of one record as a search shows it, or NULL with
 * CD_STORE_ERROR_NOT_FOUND. */
CdSearchHit     *cd_search_load_hit      (CdStore          *store,
                                          CdSearchKind      kind,
                                          gint64            id,
                                          GError          **error);
/* The same on the store's read worker. A search overtaken by a newer
 * one is cancelled with @cancellable, and does not run at all when it
 * is cancelled before its turn. */
void             cd_search_run_async     (CdStore          *store,
                                          CdSearchQuery    *query,
                                          guint             kinds,
                                          guint             limit,
                                          GCancellable     *cancellable,
                                          GAsyncReadyCallback callback,
                                          gpointer          user_data);
CdSearchResults *cd_search_run_finish    (CdStore          *store,
                                          GAsyncResult     *result,
                                          GError          **error);

/* The index -----------------------------------------------------------------
 * A file upgraded from a Caredesk without search holds records that are
 * not indexed yet. Any Caredesk that opens it indexes them, a few
 * thousand per short write transaction, until none are left; several
 * doing so at once share the work. */

/* The share of the records indexed (0.0 to 1.0; 1.0 when all are), and
 * whether any are left. */
gboolean       cd_search_index_is_complete (CdStore  *store,
                                            double   *progress,
                                            GError  **error);
/* Indexes up to @max_records waiting records in one write transaction.
 * Returns FALSE with @error on failure; sets @done when none are left. */
gboolean       cd_search_index_step        (CdStore  *store,
                                            guint     max_records,
                                            gboolean *done,
                                            GError  **error);
/* Compares the index with a fresh one built from the records (for tests
 * and repairs): returns the number of index entries that differ, or -1
 * with @error. */
gint64         cd_search_index_check       (CdStore  *store,
                                            GError  **error);

/* CdSearchIndexer: works off the waiting records in a thread of its own,
 * with a connection of its own, one short transaction after the other so
 * that everyone's saves get in between. Notifies "progress" and, when
 * finished, "complete" on the thread it was made on. */
#define CD_TYPE_SEARCH_INDEXER (cd_search_indexer_get_type ())
G_DECLARE_FINAL_TYPE (CdSearchIndexer, cd_search_indexer, CD, SEARCH_INDEXER, GObject)

/* NULL when nothing is waiting (or the file cannot be written). */
CdSearchIndexer *cd_search_indexer_start        (CdStore         *store);
double           cd_search_indexer_get_progress (CdSearchIndexer *self);
gboolean         cd_search_indexer_is_complete  (CdSearchIndexer *self);
/* Stops after the current transaction; what is left is done next time. */
void             cd_search_indexer_stop         (CdSearchIndexer *self);

G_END_DECLS
