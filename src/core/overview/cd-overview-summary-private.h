/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* The Overview's summary rows, kept by the store: what a period's figures
 * add up, per hour and person, so that a lead's month reads a few
 * thousand rows instead of a hundred thousand tickets. */

#include "cd-store.h"

G_BEGIN_DECLS

/* Called by the store inside the write transaction of every insert,
 * update and delete of a row of @table through its audited API: before
 * the row changes (@after FALSE; not for an insert) and after (@after
 * TRUE; not for a delete). Keeps the summary rows of tickets in step;
 * other tables are not summarised here (follow-ups are, by triggers).
 * A failure fails the write. */
gboolean cd_overview_summary_row_changed (CdStore     *store,
                                          const char  *table,
                                          gint64       id,
                                          gboolean     after,
                                          GError     **error);

/* Recomputes every summary row from the tickets and follow-ups, in the
 * caller's transaction or a write transaction of its own. */
gboolean cd_overview_summary_rebuild     (CdStore     *store,
                                          GError     **error);

/* Rebuilds the summary rows of a file that has never had them (a new
 * file, an upgrade from an older Caredesk). The store calls it after its
 * migrations, in their transaction. */
gboolean cd_overview_summary_ensure      (CdStore     *store,
                                          GError     **error);

/* TRUE when the stored summary rows equal a full recomputation from
 * the tickets and follow-ups (for tests); otherwise FALSE, and
 * *difference (optional) says where they differ. FALSE with @error when
 * the file cannot be read. */
gboolean cd_overview_summary_check       (CdStore     *store,
                                          char       **difference,
                                          GError     **error);

G_END_DECLS
