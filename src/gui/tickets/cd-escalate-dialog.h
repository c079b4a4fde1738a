/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "cd-tickets.h"

G_BEGIN_DECLS

/* Escalates a ticket to a team lead or another department, with a reason
 * and the time by which the customer will hear back (in the future).
 * Saves with the version of @ticket; a conflict shows the conflict dialog.
 * Emits "escalated" and closes after a successful save. */
#define CD_TYPE_ESCALATE_DIALOG (cd_escalate_dialog_get_type ())
G_DECLARE_FINAL_TYPE (CdEscalateDialog, cd_escalate_dialog, CD, ESCALATE_DIALOG, AdwWindow)

GtkWidget *cd_escalate_dialog_new          (CdStore          *store,
                                            const CdTicket   *ticket);
/* The promised time as the form reads now (UTC seconds). */
gint64     cd_escalate_dialog_get_promised (CdEscalateDialog *self);
void       cd_escalate_dialog_set_promised (CdEscalateDialog *self,
                                            gint64            utc);
GtkWidget *cd_escalate_dialog_get_to_row     (CdEscalateDialog *self);
GtkWidget *cd_escalate_dialog_get_reason_row (CdEscalateDialog *self);

G_END_DECLS
