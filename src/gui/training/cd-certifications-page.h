/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "cd-store.h"
#include "cd-training-page.h"

G_BEGIN_DECLS

/* The certifications: how long each is valid, who holds it and how many
 * run out soon, what it qualifies for and who must hold it. One opens in
 * place with its holders, each with their status in words; trainers add,
 * change, archive and issue them. Emits "open-record" (staff id,
 * certification id) when a holder is activated. */
#define CD_TYPE_CERTIFICATIONS_PAGE (cd_certifications_page_get_type ())
G_DECLARE_FINAL_TYPE (CdCertificationsPage, cd_certifications_page, CD, CERTIFICATIONS_PAGE, CdTrainingPage)

GtkWidget *cd_certifications_page_new          (CdStore              *store);
/* Shows @certification_id with its holders. */
void       cd_certifications_page_show_holders (CdCertificationsPage *self,
                                                gint64                certification_id);
/* For tests: the holders listed. */
guint      cd_certifications_page_get_n_holders (CdCertificationsPage *self);

G_END_DECLS
