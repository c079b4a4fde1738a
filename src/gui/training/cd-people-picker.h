/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "cd-store.h"

G_BEGIN_DECLS

/* Chooses people from the staff list: a check box per active person,
 * a search by name, and "all of a role" to tick many at once. Emits
 * "chosen" with the ids (a GArray of gint64) when the person confirms,
 * then closes. Callers put their own title and button label on it. */
#define CD_TYPE_PEOPLE_PICKER (cd_people_picker_get_type ())
G_DECLARE_FINAL_TYPE (CdPeoplePicker, cd_people_picker, CD, PEOPLE_PICKER, AdwWindow)

/* @exclude: ids not to offer (those enrolled already, say); may be NULL. */
GtkWidget *cd_people_picker_new        (CdStore        *store,
                                        const char     *title,
                                        const char     *accept_label,
                                        GArray         *exclude);
/* Adds @widget (a row of the caller's own: a date, a course) above the
 * people. */
void       cd_people_picker_add_header (CdPeoplePicker *self,
                                        GtkWidget      *widget);
/* Ticks @staff_id as clicking its box does (for tests). */
void       cd_people_picker_set_chosen (CdPeoplePicker *self,
                                        gint64          staff_id,
                                        gboolean        chosen);
/* Confirms as the accept button does. */
void       cd_people_picker_accept     (CdPeoplePicker *self);

G_END_DECLS
