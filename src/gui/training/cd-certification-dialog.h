/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "cd-store.h"

G_BEGIN_DECLS

/* Issues a certification to someone, renews one, or revokes one. Issuing
 * and renewing list the certification's requirements and whether each
 * is met for the person on the chosen day; when one is not, only an
 * administrator may go on, with a reason that is kept and logged.
 * Revoking asks for the reason. Saves in the background; emits "saved"
 * with the id of the record written, then closes. */
#define CD_TYPE_CERTIFICATION_DIALOG (cd_certification_dialog_get_type ())
G_DECLARE_FINAL_TYPE (CdCertificationDialog, cd_certification_dialog, CD, CERTIFICATION_DIALOG, AdwWindow)

/* @staff_id, @certification_id: chosen at first (0: none). */
GtkWidget *cd_certification_dialog_new_issue  (CdStore *store,
                                               gint64   staff_id,
                                               gint64   certification_id);
GtkWidget *cd_certification_dialog_new_renew  (CdStore *store,
                                               gint64   staff_certification_id);
GtkWidget *cd_certification_dialog_new_revoke (CdStore *store,
                                               gint64   staff_certification_id);

/* For tests: the reason rows, the requirement rows shown, and saving as
 * the action button does. */
GtkEditable *cd_certification_dialog_get_reason       (CdCertificationDialog *self);
guint        cd_certification_dialog_get_n_unmet      (CdCertificationDialog *self);
void         cd_certification_dialog_select_person    (CdCertificationDialog *self,
                                                       gint64                 staff_id);
void         cd_certification_dialog_select_certification (CdCertificationDialog *self,
                                                           gint64                 certification_id);

G_END_DECLS
