/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "cd-tickets.h"

G_BEGIN_DECLS

/* Records the customer's satisfaction (1–5 and a comment) on a resolved
 * or closed ticket. Saves with the version of @ticket; a conflict shows
 * the conflict dialog. Emits "saved" and closes after a successful save. */
#define CD_TYPE_SATISFACTION_DIALOG (cd_satisfaction_dialog_get_type ())
G_DECLARE_FINAL_TYPE (CdSatisfactionDialog, cd_satisfaction_dialog, CD, SATISFACTION_DIALOG, AdwWindow)

GtkWidget *cd_satisfaction_dialog_new       (CdStore              *store,
                                             const CdTicket       *ticket);
/* 0 while no score is chosen. */
int        cd_satisfaction_dialog_get_score (CdSatisfactionDialog *self);
void       cd_satisfaction_dialog_set_score (CdSatisfactionDialog *self,
                                             int                   score);
GtkWidget *cd_satisfaction_dialog_get_comment_row (CdSatisfactionDialog *self);

G_END_DECLS
