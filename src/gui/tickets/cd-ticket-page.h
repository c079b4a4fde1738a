/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "cd-tickets.h"

G_BEGIN_DECLS

/* One ticket: its details, status workflow, assignment, escalation, SLA
 * clocks, satisfaction, timeline and a note composer whose text is the
 * signed-in person's draft. While a ticket is shown the page tells the
 * others that this person is editing it (presence) and says who else is.
 * It reloads itself when anyone changes the ticket, never touching words
 * typed in the composer. Every write runs on the store's write worker.
 * Emits "back" when the person asks to return to the list; the
 * customer's name is a link that activates "shell.open-customer". */
#define CD_TYPE_TICKET_PAGE (cd_ticket_page_get_type ())
G_DECLARE_FINAL_TYPE (CdTicketPage, cd_ticket_page, CD, TICKET_PAGE, GtkWidget)

/* Saved this long after typing stops. */
#define CD_TICKET_PAGE_DRAFT_DELAY_MS 1000
/* A ticket shown this long tells the others it is open: one paged past
 * with the arrow keys writes nothing to the file. */
#define CD_TICKET_PAGE_PRESENCE_DELAY_MS 1000

GtkWidget      *cd_ticket_page_new            (CdStore      *store);
/* Shows ticket @id (0: none). Leaving a ticket saves its draft and ends
 * the presence there. Returns FALSE when the ticket cannot be shown (the
 * page then says why). */
gboolean        cd_ticket_page_set_ticket     (CdTicketPage *self,
                                               gint64        id);
gint64          cd_ticket_page_get_ticket_id  (CdTicketPage *self);
/* The ticket as shown now, or NULL. */
const CdTicket *cd_ticket_page_get_ticket     (CdTicketPage *self);
/* Reads the ticket and its timeline again (what a change of the ticket
 * does by itself). */
void            cd_ticket_page_reload         (CdTicketPage *self);
/* Starts saving the composer's draft now instead of after the delay, on
 * the store's write worker; FALSE when there was nothing to save. */
gboolean        cd_ticket_page_flush_draft    (CdTicketPage *self);
/* Sends a heartbeat (unless one is still on its way) and reads who else
 * is editing: what the timer does. */
void            cd_ticket_page_update_presence (CdTicketPage *self);

/* Widgets, for tests that drive the page as a person would. */
GtkTextView    *cd_ticket_page_get_composer        (CdTicketPage *self);
GtkCheckButton *cd_ticket_page_get_internal_check  (CdTicketPage *self);
GtkLabel       *cd_ticket_page_get_subject_label   (CdTicketPage *self);
GtkLabel       *cd_ticket_page_get_presence_label  (CdTicketPage *self);
GtkListBox     *cd_ticket_page_get_timeline        (CdTicketPage *self);

G_END_DECLS
