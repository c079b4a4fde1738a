/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* The start-up protocol of the project's benchmark, spoken by Caredesk
 * and by the minimal window it is measured against: once @window has
 * drawn its first frame, prints "first-frame <monotonic µs> rss-kb
 * <VmRSS>" on stdout and quits @app. Call it before the window is shown. */
void cd_first_frame_report (GtkWidget    *window,
                            GApplication *app);

G_END_DECLS
