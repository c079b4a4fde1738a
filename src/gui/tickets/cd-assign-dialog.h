/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "cd-tickets.h"

G_BEGIN_DECLS

/* Lets a team lead choose who works on a ticket: every active staff
 * member with their open workload and whether they hold the certification
 * the ticket's category needs. Choosing someone without it asks for a
 * reason. Saves with the version of @ticket; a conflict shows the conflict
 * dialog. Emits "assigned" and closes after a successful save. */
#define CD_TYPE_ASSIGN_DIALOG (cd_assign_dialog_get_type ())
G_DECLARE_FINAL_TYPE (CdAssignDialog, cd_assign_dialog, CD, ASSIGN_DIALOG, AdwWindow)

GtkWidget *cd_assign_dialog_new           (CdStore        *store,
                                           const CdTicket *ticket);
/* Selects @staff_id (0: unassigned) as clicking their row does. */
gboolean   cd_assign_dialog_select        (CdAssignDialog *self,
                                           gint64          staff_id);
gboolean   cd_assign_dialog_needs_reason  (CdAssignDialog *self);
GtkWidget *cd_assign_dialog_get_reason_row (CdAssignDialog *self);

G_END_DECLS
