/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "cd-store.h"
#include "cd-complaints-view.h"
#include "cd-search.h"
#include "cd-search-page.h"

G_BEGIN_DECLS

#define CD_TYPE_WINDOW (cd_window_get_type ())
G_DECLARE_FINAL_TYPE (CdWindow, cd_window, CD, WINDOW, AdwApplicationWindow)

/* The names of the views, in sidebar order; also the values of the
 * "last-view" setting and the targets of "shell.show-view". */
#define CD_VIEW_OVERVIEW   "overview"
#define CD_VIEW_CUSTOMERS  "customers"
#define CD_VIEW_TICKETS    "tickets"
#define CD_VIEW_COMPLAINTS "complaints"
#define CD_VIEW_TRAINING   "training"
#define CD_VIEW_KNOWLEDGE  "knowledge"

/* @settings (the app's GSettings) is construct-only; @application may be
 * NULL in tests. */
CdWindow         *cd_window_new                 (GtkApplication *application,
                                                 GSettings      *settings);

/* The "store" property. A signed-in store shows the views (rebuilt for
 * each new store); a store whose sign-in failed shows who can add the
 * desktop user; NULL shows a page to open or create a database. */
CdStore          *cd_window_get_store           (CdWindow       *self);
void              cd_window_set_store           (CdWindow       *self,
                                                 CdStore        *store);
/* Like cd_window_set_store() for a store whose sign-in of @login failed
 * with CD_STORE_ERROR_UNKNOWN_USER. */
void              cd_window_show_unknown_user   (CdWindow       *self,
                                                 CdStore        *store,
                                                 const char     *login);

/* While a database is being opened (or upgraded, which takes longer),
 * a page that says so covers the window; hiding it shows the current
 * store again, and so does setting a store. */
void              cd_window_show_opening        (CdWindow       *self,
                                                 const char     *path,
                                                 gboolean        upgrading);
void              cd_window_hide_opening        (CdWindow       *self);

/* One of the CD_VIEW_* names, or "search" while a search is typed. */
const char       *cd_window_get_visible_view    (CdWindow       *self);
void              cd_window_show_view           (CdWindow       *self,
                                                 const char     *name);
/* NULL unless a signed-in store is shown. */
CdComplaintsView *cd_window_get_complaints_view (CdWindow       *self);
/* Shows the Training view with @staff_id's record (0: the coverage). */
void              cd_window_open_training       (CdWindow       *self,
                                                 gint64          staff_id);
/* Shows the Tickets view with the ticket's page; the widget action
 * "shell.open-ticket" (int64 id) does the same for the views. */
void              cd_window_open_ticket         (CdWindow       *self,
                                                 gint64          ticket_id);
/* Shows the Customers view with the customer's page; also the widget
 * action "shell.open-customer" (int64 id). */
void              cd_window_open_customer       (CdWindow       *self,
                                                 gint64          customer_id);

/* Opens the complaint's window, with @followup_id (when not 0) picked. */
void              cd_window_open_complaint      (CdWindow       *self,
                                                 gint64          complaint_id,
                                                 gint64          followup_id);
/* Shows the knowledge base with the article. */
void              cd_window_open_article        (CdWindow       *self,
                                                 gint64          article_id);
/* Searches for @text as typing it in the sidebar's search entry does. */
void              cd_window_search              (CdWindow       *self,
                                                 const char     *text);
/* While an upgraded file is indexed for search, the window says so. */
void              cd_window_set_search_indexer  (CdWindow       *self,
                                                 CdSearchIndexer *indexer);
/* The search page of the signed-in store (made when first asked for),
 * or NULL. */
CdSearchPage     *cd_window_get_search_page     (CdWindow       *self);
/* The view named @name (CD_VIEW_*), built when needed; NULL without a
 * signed-in store. */
GtkWidget        *cd_window_get_view            (CdWindow       *self,
                                                 const char     *name);

/* Takes ownership of @toast, like adw_toast_overlay_add_toast(). */
void              cd_window_add_toast           (CdWindow       *self,
                                                 AdwToast       *toast);
/* Writes the size and maximized state to the settings. */
void              cd_window_save_state          (CdWindow       *self);

G_END_DECLS
