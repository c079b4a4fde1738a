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

/* Checking the log ---------------------------------------------------------
 * Every row carries a hash over the row before it and its own fields: a
 * row changed, removed or added afterwards by other means than Caredesk
 * breaks the chain from there on. It is evidence, not a lock: whoever can
 * write the file could also recompute every hash after a change, and the
 * last rows could be cut off unnoticed, unless the last hash was written
 * down elsewhere (cd_audit_verify() gives it). */

typedef struct {
  guint64  n_rows;        /* rows checked */
  gint64   broken_id;     /* the first row that does not match, or 0 */
  gint64   broken_at;     /* its time */
  char    *broken_entity; /* and what it says it is about */
  char    *broken_action;
  char    *last_hash;     /* of the last row, when intact; "" when empty */
} CdAuditCheck;

void     cd_audit_check_clear (CdAuditCheck  *check);
/* Walks the whole log in order. FALSE only when it could not be read;
 * a broken chain is check->broken_id != 0. */
gboolean cd_audit_verify      (CdStore       *store,
                               CdAuditCheck  *check,
                               GError       **error);

G_END_DECLS
