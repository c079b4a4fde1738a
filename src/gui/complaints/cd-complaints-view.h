/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "cd-store.h"

G_BEGIN_DECLS

#define CD_TYPE_COMPLAINTS_VIEW (cd_complaints_view_get_type ())
G_DECLARE_FINAL_TYPE (CdComplaintsView, cd_complaints_view, CD, COMPLAINTS_VIEW, GtkWidget)

/* @store is a construct-only property. */
GtkWidget *cd_complaints_view_new             (CdStore          *store);
/* Shows that follow-up (selected, scrolled to), e.g. from a notification. */
void       cd_complaints_view_show_followup   (CdComplaintsView *self,
                                               gint64            followup_id);
/* Opens the complaint's window (brings it up when it is open). */
void       cd_complaints_view_open_complaint  (CdComplaintsView *self,
                                               gint64            complaint_id);
/* Opens the outcome form of that follow-up ("Mark done…"). */
void       cd_complaints_view_record_outcome  (CdComplaintsView *self,
                                               gint64            followup_id);
/* Overdue follow-ups of the signed-in person, for the sidebar badge;
 * notifies "badge-count" when it changes. */
guint      cd_complaints_view_get_badge_count (CdComplaintsView *self);
/* Reads the lists now when the view is hidden and has not read them
 * since the last change (and, at the next idle moment, makes a complaint
 * editor window), so that showing it and opening a complaint only have
 * to fill in and draw. */
void       cd_complaints_view_prefill         (CdComplaintsView *self);

G_END_DECLS
