/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "cd-store.h"

G_BEGIN_DECLS

/* A person's training record: their certifications with each one's
 * history (trainers issue, renew and revoke from here), their plan,
 * the sessions they were on with their hours, and their assessments;
 * exported as CSV. It follows changes of those records. Emits "back"
 * when its back button is pressed. */
#define CD_TYPE_RECORD_PAGE (cd_record_page_get_type ())
G_DECLARE_FINAL_TYPE (CdRecordPage, cd_record_page, CD, RECORD_PAGE, GtkWidget)

GtkWidget *cd_record_page_new          (CdStore      *store);
/* Shows @staff_id's record, the row of @certification_id (not 0) in
 * view. It is read in the background (the page says it is loading); when
 * it cannot be read (a rep asking for someone else's, say) the page says
 * why. A later call wins over one still reading. */
void       cd_record_page_load         (CdRecordPage *self,
                                        gint64        staff_id,
                                        gint64        certification_id);
/* Whether the record asked for is still being read ("loading"). */
gboolean   cd_record_page_get_loading  (CdRecordPage *self);
gint64     cd_record_page_get_staff_id (CdRecordPage *self);
/* Writes the record to @path as Export does, in the background. */
void       cd_record_page_export       (CdRecordPage *self,
                                        const char   *path);

G_END_DECLS
