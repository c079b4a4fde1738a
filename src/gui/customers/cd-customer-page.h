/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "cd-store.h"

G_BEGIN_DECLS

/* One customer: their details, shown plainly (opening the record is
 * what lets a rep see the phone and email), and their whole history —
 * tickets, complaints, follow-ups and satisfaction scores — newest
 * first. The Edit button activates "customers.edit-shown", New Ticket
 * "customers.new-ticket" and the Back button "customers.back", which the
 * page's container provides; a ticket in the history opens with
 * "shell.open-ticket" (the window's). Follows changes that others make
 * while it is shown. */
#define CD_TYPE_CUSTOMER_PAGE (cd_customer_page_get_type ())
G_DECLARE_FINAL_TYPE (CdCustomerPage, cd_customer_page, CD, CUSTOMER_PAGE, GtkWidget)

/* @store is a construct-only property. */
GtkWidget *cd_customer_page_new             (CdStore        *store);
/* Loads and shows customer @id; 0 shows "no customer". FALSE with
 * @error (the page then says so) when it cannot be read. */
gboolean   cd_customer_page_load            (CdCustomerPage *self,
                                             gint64          id,
                                             GError        **error);
/* Reads the shown customer again (after an edit, say). */
void       cd_customer_page_reload          (CdCustomerPage *self);
gint64     cd_customer_page_get_customer_id (CdCustomerPage *self);
/* The "show-back-button" property: whether the Back button shows (when
 * the list is not beside the page). */
void       cd_customer_page_set_show_back_button (CdCustomerPage *self,
                                                  gboolean        show);
/* The number of history rows shown, for tests. */
guint      cd_customer_page_get_n_history_rows (CdCustomerPage *self);

G_END_DECLS
