/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "cd-store.h"
#include "cd-training-page.h"

G_BEGIN_DECLS

/* One session: when and where, who is enrolled and who waits, and the
 * attendance, taken from the keyboard (A attended, N absent, E excused,
 * Delete clears, each moving to the next person) or with the pointer.
 * Trainers enrol people, withdraw them, import the attendance sheet,
 * change or delete the session; everyone may export it to a calendar.
 * It follows changes made elsewhere. Emits "back" when its back button
 * is pressed and "open-record" (staff id, 0) when a person is
 * activated. */
#define CD_TYPE_SESSION_PAGE (cd_session_page_get_type ())
G_DECLARE_FINAL_TYPE (CdSessionPage, cd_session_page, CD, SESSION_PAGE, CdTrainingPage)

GtkWidget *cd_session_page_new            (CdStore       *store);
/* FALSE with @error when it cannot be read: the page says so. */
gboolean   cd_session_page_load           (CdSessionPage *self,
                                           gint64         session_id,
                                           GError       **error);
gint64     cd_session_page_get_session_id (CdSessionPage *self);
/* Sets @staff_id's attendance (a CdAttendance, or -1 to clear it) as
 * their row's key does, in the background. */
void       cd_session_page_mark           (CdSessionPage *self,
                                           gint64         staff_id,
                                           int            attendance);
/* For tests: rows on the roster and on the waiting list. */
guint      cd_session_page_get_n_enrolled (CdSessionPage *self);
/* Writes the session to @path as an iCalendar file, as Export does, in
 * the background. */
void       cd_session_page_export         (CdSessionPage *self,
                                           const char    *path);
guint      cd_session_page_get_n_waiting  (CdSessionPage *self);

G_END_DECLS
