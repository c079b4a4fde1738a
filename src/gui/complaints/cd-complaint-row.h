/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "cd-complaints.h"

G_BEGIN_DECLS

/* An open complaint without a scheduled follow-up. */
#define CD_TYPE_COMPLAINT_ROW (cd_complaint_row_get_type ())
G_DECLARE_FINAL_TYPE (CdComplaintRow, cd_complaint_row, CD, COMPLAINT_ROW, AdwActionRow)

GtkWidget *cd_complaint_row_new              (void);
void       cd_complaint_row_set_item         (CdComplaintRow           *self,
                                              const CdComplaintItem    *item,
                                              gint64                    now);
gint64     cd_complaint_row_get_complaint_id (CdComplaintRow           *self);

G_END_DECLS
