/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "cd-store.h"

G_BEGIN_DECLS

/* The window that creates or changes a customer. Each field is checked
 * as the person types; a field that is wrong is marked and says why
 * below it, and Save stays off until everything is right. Saving looks
 * for customers with the same phone number or email first and offers to
 * open or merge into one of them. Also archives, restores and (for team
 * leads and admins) deletes.
 *
 * Signals: "saved" (gint64 id) after a save or merge, with the id of the
 * customer to show; "open-customer" (gint64 id) when the person chose to
 * open an existing customer instead; "archived" (gint64 id) and
 * "deleted" (gint64 id). */
#define CD_TYPE_CUSTOMER_EDITOR (cd_customer_editor_get_type ())
G_DECLARE_FINAL_TYPE (CdCustomerEditor, cd_customer_editor, CD, CUSTOMER_EDITOR, AdwWindow)

/* @customer_id 0 adds a new customer. */
CdCustomerEditor *cd_customer_editor_new             (CdStore          *store,
                                                      gint64            customer_id);
gint64            cd_customer_editor_get_customer_id (CdCustomerEditor *self);
/* TRUE when the form holds changes that are not saved. */
gboolean          cd_customer_editor_is_dirty        (CdCustomerEditor *self);
/* TRUE when every field is acceptable (Save is then available). */
gboolean          cd_customer_editor_is_valid        (CdCustomerEditor *self);
/* Saves as the Save button does. */
void              cd_customer_editor_save            (CdCustomerEditor *self);

G_END_DECLS
