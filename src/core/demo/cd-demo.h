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

/* The largest number of tickets cd_demo_parse_size() accepts. */
#define CD_DEMO_MAX_TICKETS G_GUINT64_CONSTANT (50000000)
/* The most staff a demo file has (a view's size at its largest). */
#define CD_DEMO_MAX_STAFF 300

/* Called now and then from the generating thread. */
typedef void (*CdDemoProgressFunc) (double      fraction,
                                    const char *what,
                                    gpointer    user_data);

/* "1000000", "1M", "250k", "1.5M", or a name: "small" (1 000 tickets),
 * "medium" (50 000), "benchmark" (1 000 000). Other entity counts follow
 * the benchmark's proportions (customers = tickets/10, complaints =
 * tickets/5, follow-ups = tickets*2/5); staff grows from 12 to 30.
 * A staff count may follow after a colon: "small:300" is the small file
 * with 300 staff (5 to CD_DEMO_MAX_STAFF). Anything else fails with
 * CD_STORE_ERROR_INVALID and a message that says what is accepted. */
gboolean cd_demo_parse_size (const char  *text,
                             CdDemoSize  *size,
                             GError     **error);

/* Fills @size for @tickets tickets with the proportions above. */
void     cd_demo_size_for_tickets (guint64     tickets,
                                   CdDemoSize *size);

/* Writes a new demo database at @path (refused when the file exists and
 * is not empty). Deterministic for a given @seed and @now: the same
 * arguments give the same rows, byte for byte. @login and @display_name
 * become a team lead with tickets and overdue follow-ups of their own
 * (@login NULL: the desktop user; @display_name NULL: the real name or
 * the login). @size->staff 0 picks the staff count from the tickets.
 *
 * The file is written beside @path under a temporary name and renamed
 * into place at the end: on any failure nothing is left behind. */
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
