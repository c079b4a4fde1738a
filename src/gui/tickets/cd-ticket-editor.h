/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "cd-store.h"

G_BEGIN_DECLS

/* The dialog that creates a ticket (@ticket_id 0) or edits the details of
 * one (subject, description, channel, category, priority). An edit saves
 * with the version it loaded; when someone else saved first it shows the
 * conflict dialog. Emits "saved" (gint64 ticket id) and closes after a
 * successful save. */
#define CD_TYPE_TICKET_EDITOR (cd_ticket_editor_get_type ())
G_DECLARE_FINAL_TYPE (CdTicketEditor, cd_ticket_editor, CD, TICKET_EDITOR, AdwWindow)

GtkWidget *cd_ticket_editor_new                   (CdStore        *store,
                                                   gint64          ticket_id);
gint64     cd_ticket_editor_get_ticket_id         (CdTicketEditor *self);
/* Sets the customer of a new ticket (what choosing one in the picker does). */
void       cd_ticket_editor_set_customer          (CdTicketEditor *self,
                                                   gint64          customer_id,
                                                   const char     *name);
/* Whether the form is valid (the save button is enabled). */
gboolean   cd_ticket_editor_is_valid              (CdTicketEditor *self);

/* The form's widgets, for tests that drive it as a person would. */
GtkWidget *cd_ticket_editor_get_customer_button   (CdTicketEditor *self); /* GtkMenuButton */
GtkWidget *cd_ticket_editor_get_subject_row       (CdTicketEditor *self); /* AdwEntryRow */
GtkWidget *cd_ticket_editor_get_subject_error_label (CdTicketEditor *self);
GtkWidget *cd_ticket_editor_get_description_view  (CdTicketEditor *self); /* GtkTextView */
GtkWidget *cd_ticket_editor_get_channel_row       (CdTicketEditor *self); /* AdwComboRow */
GtkWidget *cd_ticket_editor_get_category_row      (CdTicketEditor *self); /* AdwComboRow */
GtkWidget *cd_ticket_editor_get_priority_row      (CdTicketEditor *self); /* AdwComboRow */
GtkWidget *cd_ticket_editor_get_assignee_row      (CdTicketEditor *self); /* AdwComboRow */
GtkWidget *cd_ticket_editor_get_save_button       (CdTicketEditor *self);

G_END_DECLS
