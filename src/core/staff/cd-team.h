/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "cd-store.h"

G_BEGIN_DECLS

/* The team that shares the file: its name, and whether its first
 * administrator has been through the short setup (team name, business
 * hours, colleagues) that a fresh file starts with. Both are kept in the
 * file's settings, audited like every other change. */

#define CD_TEAM_NAME_MAX_CHARS 80

/* The team's name, or NULL when none was given. */
char     *cd_team_dup_name       (CdStore     *store);
/* Empty is fine (no name); otherwise one line of at most
 * CD_TEAM_NAME_MAX_CHARS characters. */
gboolean  cd_team_validate_name  (const char  *name,
                                  GError     **error);
/* Administrators only (else CD_STORE_ERROR_PERMISSION); NULL or blank
 * removes the name. */
gboolean  cd_team_set_name       (CdStore     *store,
                                  const char  *name,
                                  GError     **error);

/* TRUE when the signed-in administrator should be taken to the setup: the
 * file is fresh (nobody else on the staff list, no customers, no tickets)
 * and its setup was neither finished nor skipped. */
gboolean  cd_team_needs_setup    (CdStore     *store);
/* Records that the setup was finished, or skipped (it can be opened
 * again later either way); administrators only. */
gboolean  cd_team_finish_setup   (CdStore     *store,
                                  gboolean     skipped,
                                  GError     **error);

G_END_DECLS
