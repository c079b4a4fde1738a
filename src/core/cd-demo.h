/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct {
  guint64 staff;
  guint64 customers;
  guint64 tickets;
  guint64 complaints;
  guint64 followups;
} CdDemoSize;

/* Called now and then from the generating thread. */
typedef void (*CdDemoProgressFunc) (double      fraction,
                                    const char *what,
                                    gpointer    user_data);

/* "1000000", "1M", "250k", or a name: "small" (1 000 tickets), "medium"
 * (50 000), "benchmark" (1 000 000). Other entity counts follow the
 * benchmark's proportions (customers = tickets/10, complaints = tickets/5,
 * follow-ups = tickets*2/5). */
gboolean cd_demo_parse_size (const char  *text,
                             CdDemoSize  *size,
                             GError     **error);

/* Writes a new demo database at @path (refused when the file exists and
 * is not empty). Deterministic for a given @seed and @now. @login and
 * @display_name become a team lead with tickets and overdue follow-ups of
 * their own. */
gboolean cd_demo_generate   (const char         *path,
                             const CdDemoSize   *size,
                             guint32             seed,
                             gint64              now,
                             const char         *login,
                             const char         *display_name,
                             CdDemoProgressFunc  progress,
                             gpointer            user_data,
                             GError            **error);

G_END_DECLS
