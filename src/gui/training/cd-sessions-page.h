/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "cd-store.h"
#include "cd-training-page.h"

G_BEGIN_DECLS

/* The sessions of the courses, upcoming or past, filtered by course and
 * searched; a session opens in place with its roster (CdSessionPage).
 * Trainers plan sessions; everyone may save the upcoming ones for a
 * calendar. Emits "open-record" (staff id, 0) as its session does. */
#define CD_TYPE_SESSIONS_PAGE (cd_sessions_page_get_type ())
G_DECLARE_FINAL_TYPE (CdSessionsPage, cd_sessions_page, CD, SESSIONS_PAGE, CdTrainingPage)

GtkWidget *cd_sessions_page_new          (CdStore        *store);
/* Opens @session_id's roster, as activating its row does. */
void       cd_sessions_page_show_session (CdSessionsPage *self,
                                          gint64          session_id);
/* The page of the session shown (for tests). */
GtkWidget *cd_sessions_page_get_session_page (CdSessionsPage *self);
/* Writes every upcoming session to @path as an iCalendar file, as
 * Export does, in the background. */
void       cd_sessions_page_export       (CdSessionsPage *self,
                                          const char     *path);

G_END_DECLS
