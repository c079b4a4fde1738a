/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "cd-ticket.h"

G_BEGIN_DECLS

/* Keeping the list of ticket categories: team leads and administrators
 * add, rename and retire them (else CD_STORE_ERROR_PERMISSION). A
 * category is never deleted: tickets keep naming it, and a retired one
 * can be brought back. Names are unique, whatever the case of their
 * Latin letters. The certification a category requires is kept with the
 * training records (certification_categories): trainers set it from the
 * certification, leads from here. */

#define CD_TICKET_CATEGORY_NAME_MAX_CHARS 80

gboolean  cd_ticket_category_validate_name (const char  *name,
                                            GError     **error);
/* Returns the new category's id, 0 with @error. */
gint64    cd_ticket_category_add           (CdStore     *store,
                                            const char  *name,
                                            GError     **error);
gboolean  cd_ticket_category_rename        (CdStore     *store,
                                            gint64       category_id,
                                            gint64       expected_version,
                                            const char  *name,
                                            GError     **error);
/* Retires a category (no longer offered for new tickets) or brings it
 * back. */
gboolean  cd_ticket_category_set_retired   (CdStore     *store,
                                            gint64       category_id,
                                            gint64       expected_version,
                                            gboolean     retired,
                                            GError     **error);
/* Makes @certification_id (0: none) the one certification a rep needs to
 * be assigned the category's tickets, replacing any others the training
 * records linked to it. Team leads and administrators only; an archived
 * or unknown certification is refused; audited on the category and on
 * each certification that gains or loses it. */
gboolean  cd_ticket_category_set_required_certification (CdStore  *store,
                                                         gint64    category_id,
                                                         gint64    expected_version,
                                                         gint64    certification_id,
                                                         GError  **error);
/* How many tickets have the category, and how many of them are open. */
gboolean  cd_ticket_category_count_tickets (CdStore     *store,
                                            gint64       category_id,
                                            gint64      *n_tickets,
                                            gint64      *n_open,
                                            GError     **error);

G_END_DECLS
