/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "cd-customers.h"

G_BEGIN_DECLS

/* Asks what to do when a customer being saved has the same phone number
 * or email address as customers already on file. Lists the matches (the
 * person picks one when there are several) and answers with one of the
 * responses "open" (Open Existing), "merge" (Merge Into Existing),
 * "save" (Save Anyway) or "cancel" (back to editing). */
#define CD_TYPE_CUSTOMER_DUPLICATE_DIALOG (cd_customer_duplicate_dialog_get_type ())
G_DECLARE_FINAL_TYPE (CdCustomerDuplicateDialog, cd_customer_duplicate_dialog, CD, CUSTOMER_DUPLICATE_DIALOG, AdwMessageDialog)

/* @ids: the matches (gint64), as cd_customer_find_duplicates_of() gives
 * them; customers that cannot be read are left out. */
CdCustomerDuplicateDialog *cd_customer_duplicate_dialog_new             (CdStore                   *store,
                                                                          const CdCustomer          *customer,
                                                                          GArray                    *ids);
/* The match the person picked (the first one unless they chose). */
gint64                     cd_customer_duplicate_dialog_get_selected_id (CdCustomerDuplicateDialog *self);
/* Its name, for messages. */
const char                *cd_customer_duplicate_dialog_get_selected_name (CdCustomerDuplicateDialog *self);
guint                      cd_customer_duplicate_dialog_get_n_matches   (CdCustomerDuplicateDialog *self);

G_END_DECLS
