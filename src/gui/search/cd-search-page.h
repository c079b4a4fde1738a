/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "cd-search.h"
#include "cd-store.h"

G_BEGIN_DECLS

/* The results of the one search over everything, as someone types:
 * grouped by kind, each group with its number of matches and its best
 * matches first, the words that match in bold. The search runs on the
 * store's read worker; a newer text cancels an older one. The arrow keys
 * (forwarded from wherever the text is typed, see
 * cd_search_page_move_selection()) move through the results and Enter
 * opens one: the page emits "result-activated" (CdSearchKind kind,
 * gint64 target_id, gint64 id) with what to open (the ticket of a note,
 * the complaint of a follow-up) and the record found. It shows its own
 * search entry when "show-entry" is set (a narrow window, where the
 * sidebar's is out of sight). */
#define CD_TYPE_SEARCH_PAGE (cd_search_page_get_type ())
G_DECLARE_FINAL_TYPE (CdSearchPage, cd_search_page, CD, SEARCH_PAGE, GtkWidget)

/* Hits shown per group before "Show more". */
#define CD_SEARCH_PAGE_GROUP_LIMIT 5

GtkWidget       *cd_search_page_new             (CdStore         *store);
CdStore         *cd_search_page_get_store       (CdSearchPage    *self);
/* The "text" property: what is searched for. */
const char      *cd_search_page_get_text        (CdSearchPage    *self);
void             cd_search_page_set_text        (CdSearchPage    *self,
                                                 const char      *text);
/* The "indexer" property: while the file's older records are being
 * indexed, the page says so and how far it is. */
void             cd_search_page_set_indexer     (CdSearchPage    *self,
                                                 CdSearchIndexer *indexer);
/* Moves the selection @delta results down (up when negative); FALSE when
 * there is nothing to select. */
gboolean         cd_search_page_move_selection  (CdSearchPage    *self,
                                                 int              delta);
/* Opens the selected result (the best one when none is); FALSE when there
 * is none. */
gboolean         cd_search_page_activate_selected (CdSearchPage  *self);
/* The page's own search entry. */
GtkSearchEntry  *cd_search_page_get_entry       (CdSearchPage    *self);

/* For tests: the results shown (NULL before the first arrive), whether a
 * search is under way, and the selected result (kind and id; FALSE when
 * none). */
CdSearchResults *cd_search_page_get_results     (CdSearchPage    *self);
gboolean         cd_search_page_is_searching    (CdSearchPage    *self);
gboolean         cd_search_page_get_selected    (CdSearchPage    *self,
                                                 CdSearchKind    *kind,
                                                 gint64          *id);

G_END_DECLS
