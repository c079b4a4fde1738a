/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "cd-search.h"
#include "cd-store.h"

G_BEGIN_DECLS

/* Customers and tickets in GNOME Shell's search: the
 * org.gnome.Shell.SearchProvider2 interface, exported by the application
 * on its own bus connection (see the .search-provider.ini in data/).
 * Results are "customer:ID" and "ticket:ID", found by the same search as
 * the window's; their details are masked as the signed-in person sees
 * them in lists. Until a database is open, calls wait for it; without
 * one they find nothing. Activating a result emits "activate-result"
 * (CdSearchKind kind, gint64 id, guint timestamp); "Search in Caredesk"
 * emits "launch-search" (const char *text, guint timestamp). The
 * application is held while a call is answered. */
#define CD_TYPE_SEARCH_PROVIDER (cd_search_provider_get_type ())
G_DECLARE_FINAL_TYPE (CdSearchProvider, cd_search_provider, CD, SEARCH_PROVIDER, GObject)

/* Results given to the Shell per kind. */
#define CD_SEARCH_PROVIDER_LIMIT 5

CdSearchProvider *cd_search_provider_new        (GApplication      *application);
gboolean          cd_search_provider_register   (CdSearchProvider  *self,
                                                 GDBusConnection   *connection,
                                                 const char        *object_path,
                                                 GError           **error);
void              cd_search_provider_unregister (CdSearchProvider  *self);
/* The database to search, once it is open and signed in; NULL when there
 * is none (calls then find nothing). */
void              cd_search_provider_set_store  (CdSearchProvider  *self,
                                                 CdStore           *store);

G_END_DECLS
