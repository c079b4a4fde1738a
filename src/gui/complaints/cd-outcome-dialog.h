/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "cd-complaints.h"

G_BEGIN_DECLS

/* "Record Outcome…": how a follow-up contact went (outcome, satisfaction
 * 1–5, notes). After an unsatisfied or unreachable outcome it offers the
 * next follow-up Caredesk proposes, for the user to confirm. Emits
 * "recorded" (gint64 followup_id) once the outcome is written. */
#define CD_TYPE_OUTCOME_DIALOG (cd_outcome_dialog_get_type ())
G_DECLARE_FINAL_TYPE (CdOutcomeDialog, cd_outcome_dialog, CD, OUTCOME_DIALOG, AdwWindow)

CdOutcomeDialog *cd_outcome_dialog_new             (CdStore         *store,
                                                    gint64           followup_id);
void             cd_outcome_dialog_set_outcome     (CdOutcomeDialog *self,
                                                    CdOutcome        outcome);
/* 0 = not asked, else 1..5. */
void             cd_outcome_dialog_set_satisfaction (CdOutcomeDialog *self,
                                                    int              satisfaction);
/* Starts recording as the main button does (the dialog shows it is
 * saving, then emits "recorded" and closes, or shows why not); FALSE
 * when there is nothing to record or a record is being written. */
gboolean         cd_outcome_dialog_save            (CdOutcomeDialog *self);

G_END_DECLS
