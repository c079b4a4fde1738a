/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "cd-store.h"

G_BEGIN_DECLS

/* Reading the audit log (the store writes it, with every change). */

/* Who last changed record @id of @kind (a table, as in cd-change.h) and
 * when (exports and openings, which the log also records, are no
 * changes). FALSE without an error when no audit row names the record;
 * *out_who is NULL when the person is not known (any more). */
gboolean cd_audit_last_change (CdStore     *store,
                               const char  *kind,
                               gint64       id,
                               char       **out_who,
                               gint64      *out_at,
                               GError     **error);

G_END_DECLS
