/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "cd-import.h"
#include "cd-store.h"

G_BEGIN_DECLS

/* Imports records of one kind (customers, a session's attendance,
 * assessment results: see CdImportKind) from a CSV file: the person
 * picks the file, sees its first rows and which field each column fills
 * (and changes that), checks it — every line that would be rejected is
 * listed with its number and reason — and imports. Reading, checking and
 * importing run in the background with a progress bar; cancelling writes
 * nothing. Emits "imported" (guint count) when records were written. */
#define CD_TYPE_IMPORT_DIALOG (cd_import_dialog_get_type ())
G_DECLARE_FINAL_TYPE (CdImportDialog, cd_import_dialog, CD, IMPORT_DIALOG, AdwWindow)

/* @kind is static; @context_id goes to the kind (the session whose
 * attendance is imported, say; 0 for none). */
CdImportDialog *cd_import_dialog_new      (CdStore            *store,
                                           const CdImportKind *kind,
                                           gint64              context_id);
/* Reads @path's first rows, as choosing it in the file chooser does. */
void            cd_import_dialog_set_path (CdImportDialog     *self,
                                           const char         *path);
/* "choose", "loading", "preview", "progress" or "report": what the
 * dialog shows now (for tests). */
const char     *cd_import_dialog_get_step (CdImportDialog     *self);

G_END_DECLS
