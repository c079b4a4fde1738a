/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "cd-store.h"

G_BEGIN_DECLS

#define CD_TYPE_TEAM_WINDOW (cd_team_window_get_type ())
G_DECLARE_FINAL_TYPE (CdTeamWindow, cd_team_window, CD, TEAM_WINDOW, AdwPreferencesWindow)

/* The team's administration: people (administrators, and team leads for
 * reps), service levels and ticket categories (team leads and
 * administrators). What the signed-in person may not change is shown
 * read-only. @store is construct-only. */
CdTeamWindow *cd_team_window_new           (CdStore      *store);

/* Shows the page named "people", "service-levels" or "categories". */
void          cd_team_window_show_page     (CdTeamWindow *self,
                                            const char   *name);

/* Writes started from the window and not finished yet. */
guint         cd_team_window_get_pending   (CdTeamWindow *self);

G_END_DECLS
