/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "cd-store.h"

G_BEGIN_DECLS

/* Presence ---------------------------------------------------------------- */

/* An editor calls cd_presence_touch() when it opens and then every
 * CD_PRESENCE_HEARTBEAT_SECONDS while open, and cd_presence_leave() when it
 * closes; someone counts as editing while their last heartbeat is at most
 * CD_PRESENCE_TIMEOUT_SECONDS old, so a crashed instance stops claiming
 * the record by itself. @instance_id tells one Caredesk process apart from
 * another of the same person (any stable text per process). */
#define CD_PRESENCE_HEARTBEAT_SECONDS 20
#define CD_PRESENCE_TIMEOUT_SECONDS   60

gboolean cd_presence_touch  (CdStore     *store,
                             const char  *entity,
                             gint64       entity_id,
                             const char  *instance_id,
                             GError     **error);
gboolean cd_presence_leave  (CdStore     *store,
                             const char  *entity,
                             gint64       entity_id,
                             const char  *instance_id,
                             GError     **error);
/* Display names (sorted, each once) of the OTHER staff members editing the
 * record now. An empty array when nobody else is; NULL with @error on
 * failure. */
GStrv    cd_presence_others (CdStore     *store,
                             const char  *entity,
                             gint64       entity_id,
                             GError     **error);
/* "Li Na is editing", "Li Na and Wang Wei are editing", "Li Na and 3
 * others are editing" (translated); NULL for an empty list. */
char    *cd_presence_describe (const char *const *names);

G_END_DECLS
