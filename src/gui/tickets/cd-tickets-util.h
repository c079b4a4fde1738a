/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "cd-tickets.h"

G_BEGIN_DECLS

/* Helpers shared by the widgets of the Tickets view. */

/* A deep copy (for keeping what a person saw next to what is saved). */
CdTicket  *cd_ticket_dup                 (const CdTicket   *ticket);

/* The text and style class ("error", "warning", "success" or NULL) of one
 * SLA clock: "3 h 10 min left", "Breached, 2 h over", "Met", "Paused". */
char      *cd_tickets_describe_clock     (CdSlaState        state,
                                          gint64            seconds_left,
                                          gboolean          paused,
                                          const char      **style_class);
/* The same, shorter, for a list cell: "2 h over" for a breached clock. */
char      *cd_tickets_describe_clock_short (CdSlaState      state,
                                            gint64          seconds_left,
                                            gboolean        paused,
                                            const char    **style_class);

/* The conflict dialog for a ticket: compares @yours (what the person saw,
 * with their change applied) with the ticket as saved now, and says who
 * saved it. NULL with @error when the ticket cannot be read. */
GtkWidget *cd_ticket_conflict_dialog_new (GtkWindow        *parent,
                                          CdStore          *store,
                                          const CdTicket   *yours,
                                          GError          **error);

/* Text for a presence "instance" that tells this process apart from the
 * same person's other Caredesk windows. */
const char *cd_tickets_instance_id       (void);

/* Shows that the save @button started runs (@spinner spins, a button
 * with a text label reads "Saving…") or has ended (as it was). The
 * caller disables the button's action meanwhile, which makes it
 * insensitive. */
void       cd_tickets_show_saving        (GtkWidget        *button,
                                          GtkWidget        *spinner,
                                          gboolean          saving);

/* The toplevel window of @widget, or NULL. */
GtkWindow *cd_tickets_get_window         (GtkWidget        *widget);

G_END_DECLS
