/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* A button that shows a day ("Mon 7 December 2026") and opens a calendar
 * to choose another. Its "date" is the first instant of the chosen local
 * day (UTC seconds); it notifies "date" when the person picks one. */
#define CD_TYPE_DATE_BUTTON (cd_date_button_get_type ())
G_DECLARE_FINAL_TYPE (CdDateButton, cd_date_button, CD, DATE_BUTTON, GtkWidget)

GtkWidget *cd_date_button_new      (void);
gint64     cd_date_button_get_date (CdDateButton *self);
/* Any instant of the day to show. */
void       cd_date_button_set_date (CdDateButton *self,
                                    gint64        date);

G_END_DECLS
