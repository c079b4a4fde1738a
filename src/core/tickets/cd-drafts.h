/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "cd-store.h"

G_BEGIN_DECLS

/* Drafts ------------------------------------------------------------------ */

/* A half-written note belongs to the signed-in person: each call reads or
 * writes only their own row (entity, entity_id, signed-in staff), so
 * nobody else's save, nor a change to the record, can wipe it. Drafts are
 * private scratch text and are not audited. @entity names the kind of
 * record in lower case ("ticket" for tickets; [a-z_] only). Saving an
 * empty @body clears the draft. */
gboolean cd_draft_save  (CdStore     *store,
                         const char  *entity,
                         gint64       entity_id,
                         const char  *body,
                         GError     **error);
/* The signed-in person's draft, or NULL (and no error) when there is none;
 * @out_updated_at (optional) receives when it was saved. */
char    *cd_draft_load  (CdStore     *store,
                         const char  *entity,
                         gint64       entity_id,
                         gint64      *out_updated_at,
                         GError     **error);
gboolean cd_draft_clear (CdStore     *store,
                         const char  *entity,
                         gint64       entity_id,
                         GError     **error);



G_END_DECLS
