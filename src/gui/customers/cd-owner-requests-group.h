/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "cd-store.h"

G_BEGIN_DECLS

/* On a customer's page, the requests for another account owner: a rep
 * asks (and sees, and may withdraw, their open request); a team lead or
 * an administrator sees every open request and approves or declines it.
 * Follows changes of the requests and of the customer by others. */

#define CD_TYPE_OWNER_REQUESTS_GROUP (cd_owner_requests_group_get_type ())
G_DECLARE_FINAL_TYPE (CdOwnerRequestsGroup, cd_owner_requests_group, CD, OWNER_REQUESTS_GROUP, AdwPreferencesGroup)

void   cd_owner_requests_group_set_store    (CdOwnerRequestsGroup *self,
                                             CdStore              *store);
/* The customer (0: none) and its current owner (0: none). */
void   cd_owner_requests_group_set_customer (CdOwnerRequestsGroup *self,
                                             gint64                customer_id,
                                             gint64                owner_id);
/* The rows shown (for tests). */
guint  cd_owner_requests_group_get_n_rows   (CdOwnerRequestsGroup *self);

G_END_DECLS
