/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "cd-complaints.h"

G_BEGIN_DECLS

/* One scheduled follow-up in the Complaints view: customer, complaint
 * summary, due time (or how late it is), method and assignee. */
#define CD_TYPE_AGENDA_ROW (cd_agenda_row_get_type ())
G_DECLARE_FINAL_TYPE (CdAgendaRow, cd_agenda_row, CD, AGENDA_ROW, GtkListBoxRow)

GtkWidget *cd_agenda_row_new              (void);
void       cd_agenda_row_set_item         (CdAgendaRow           *self,
                                           const CdAgendaItem    *item,
                                           gint64                 now);
/* Re-renders the due label for @now (overdue rows count the minutes). */
void       cd_agenda_row_update_time      (CdAgendaRow           *self,
                                           gint64                 now);
gint64     cd_agenda_row_get_followup_id  (CdAgendaRow           *self);
gint64     cd_agenda_row_get_complaint_id (CdAgendaRow           *self);
gint64     cd_agenda_row_get_due_at       (CdAgendaRow           *self);
/* The customer's name, as shown. */
const char *cd_agenda_row_get_title       (CdAgendaRow           *self);
/* When it is due, or how late it is, as shown. */
const char *cd_agenda_row_get_due_text    (CdAgendaRow           *self);

G_END_DECLS
