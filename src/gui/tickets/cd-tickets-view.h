/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "cd-store.h"
#include "cd-tickets.h"

G_BEGIN_DECLS

/* The Tickets view: the queues with their counts, a lazy list of the
 * chosen queue (sortable by its column headers, filtered by a ticket
 * number or a subject prefix), New Ticket (Ctrl+N), and the ticket page
 * that opens when a row is activated. */
#define CD_TYPE_TICKETS_VIEW (cd_tickets_view_get_type ())
G_DECLARE_FINAL_TYPE (CdTicketsView, cd_tickets_view, CD, TICKETS_VIEW, GtkWidget)

/* Counts are read again at most this often, however busy the file is. */
#define CD_TICKETS_VIEW_REFRESH_INTERVAL_MS 1000

/* @store is a construct-only property. */
GtkWidget     *cd_tickets_view_new              (CdStore       *store);
CdStore       *cd_tickets_view_get_store        (CdTicketsView *self);

void           cd_tickets_view_set_queue        (CdTicketsView *self,
                                                 CdTicketQueue  queue);
CdTicketQueue  cd_tickets_view_get_queue        (CdTicketsView *self);
/* The last count read for @queue, or -1 before the first one arrives. */
gint64         cd_tickets_view_get_queue_count  (CdTicketsView *self,
                                                 CdTicketQueue  queue);
/* Filters the list as typing in the search entry does. */
void           cd_tickets_view_set_search       (CdTicketsView *self,
                                                 const char    *text);
/* Sorts the list as clicking a column header does. @column is one of
 * "number", "subject", "customer", "status", "assignee", "due",
 * "updated"; FALSE when that column cannot be sorted in this queue. */
gboolean       cd_tickets_view_sort_by          (CdTicketsView *self,
                                                 const char    *column,
                                                 gboolean       descending);

/* Shows ticket @id on the ticket page. */
void           cd_tickets_view_open_ticket      (CdTicketsView *self,
                                                 gint64         id);
/* Back to the list (what the page's back button does). */
void           cd_tickets_view_show_list        (CdTicketsView *self);
gboolean       cd_tickets_view_is_ticket_shown  (CdTicketsView *self);

/* For tests and benchmarks: the list's model (a CdRowModel of tickets),
 * the ticket page, and the column view. */
GListModel    *cd_tickets_view_get_model        (CdTicketsView *self);
GtkWidget     *cd_tickets_view_get_ticket_page  (CdTicketsView *self);
GtkWidget     *cd_tickets_view_get_column_view  (CdTicketsView *self);
/* Reads the counts now, on the calling thread (for benchmarks). */
gboolean       cd_tickets_view_count_now        (CdTicketsView *self,
                                                 GError       **error);

G_END_DECLS
