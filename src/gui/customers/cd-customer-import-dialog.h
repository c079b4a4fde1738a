/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "cd-store.h"

G_BEGIN_DECLS

/* Imports customers from a CSV file: the person picks the file, sees its
 * first rows and how each column maps to a customer field (and changes
 * the mapping), checks it — every line that would be rejected is listed
 * with its number and reason — and imports. Reading, checking and
 * importing run in the background with a progress bar; cancelling writes
 * nothing. Emits "imported" (guint count) when customers were written. */
#define CD_TYPE_CUSTOMER_IMPORT_DIALOG (cd_customer_import_dialog_get_type ())
G_DECLARE_FINAL_TYPE (CdCustomerImportDialog, cd_customer_import_dialog, CD, CUSTOMER_IMPORT_DIALOG, AdwWindow)

/* @store is a construct-only property. */
CdCustomerImportDialog *cd_customer_import_dialog_new      (CdStore                *store);
/* Reads @path's first rows, as choosing it in the file chooser does. */
void                    cd_customer_import_dialog_set_path (CdCustomerImportDialog *self,
                                                            const char             *path);
/* "choose", "loading", "preview", "progress" or "report": what the
 * dialog shows now (for tests). */
const char             *cd_customer_import_dialog_get_step (CdCustomerImportDialog *self);

G_END_DECLS
