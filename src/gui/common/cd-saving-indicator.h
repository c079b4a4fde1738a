/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "cd-store.h"

G_BEGIN_DECLS

#define CD_TYPE_SAVING_INDICATOR (cd_saving_indicator_get_type ())
G_DECLARE_FINAL_TYPE (CdSavingIndicator, cd_saving_indicator, CD, SAVING_INDICATOR, GtkWidget)

/* A small note for a header bar that says the store is saving, once a
 * write has been pending a moment, and that it waits for another
 * Caredesk when its write lock is held elsewhere. Hidden otherwise. */
GtkWidget  *cd_saving_indicator_new       (void);

/* The "store" property: the store whose writes are told; may be NULL. */
CdStore    *cd_saving_indicator_get_store (CdSavingIndicator *self);
void        cd_saving_indicator_set_store (CdSavingIndicator *self,
                                           CdStore           *store);

/* What it says while shown, or NULL while hidden. */
const char *cd_saving_indicator_get_text  (CdSavingIndicator *self);

G_END_DECLS
