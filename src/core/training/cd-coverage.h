/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "cd-store.h"

G_BEGIN_DECLS

/* Coverage: for each ticket category that requires a certification, how
 * many active reps are certified for it now and on a coming date, and
 * whether planned expiries drop it below the minimum a team lead set.
 *
 * A rep covers a category at a moment when they hold then a
 * certification that qualifies for it (issued, not expired, not
 * revoked). Their cover lapses at the latest expiry among those: a
 * renewal moves it. */

#define CD_COVERAGE_MAX_MINIMUM 1000

typedef struct {
  gint64     category_id;
  char      *category_name;
  char      *certifications;  /* the names that qualify, " / "-joined */
  int        minimum;
  gint64     version;         /* the category's, for setting the minimum */
  guint      n_now;
  guint      n_on_date;
  gint64     on_date;
  /* When the count falls below the minimum: now (the time of the
   * latest lapse that made it so) or at a lapse before @on_date; 0 when
   * it does not. */
  gint64     drop_at;
  gboolean   below_now;
  /* Whose cover lapses by @on_date (or by drop_at when it drops), with
   * when (gint64 in lapse_at, same order). */
  GPtrArray *lapsing;         /* char * names */
  GArray    *lapse_at;
} CdCoverage;

void        cd_coverage_free    (CdCoverage *coverage);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CdCoverage, cd_coverage_free)

/* Every category that requires a certification, by name (CdCoverage),
 * counted now and at @on_date (0: in 30 days). */
GPtrArray  *cd_coverage_list    (CdStore  *store,
                                 gint64    on_date,
                                 GError  **error);
CdCoverage *cd_coverage_load    (CdStore  *store,
                                 gint64    category_id,
                                 gint64    on_date,
                                 GError  **error);
/* Those of cd_coverage_list (@on_date 0: the next 30 days) that are
 * below their minimum now or will be by then. */
GPtrArray  *cd_coverage_warnings (CdStore  *store,
                                  gint64    on_date,
                                  GError  **error);
/* Team leads and administrators. */
gboolean    cd_coverage_set_minimum (CdStore  *store,
                                     gint64    category_id,
                                     gint64    expected_version,
                                     int       minimum,
                                     GError  **error);
/* "Li Na, Wang Fang and 2 others". Translated. */
char       *cd_coverage_people_text (const CdCoverage *coverage,
                                     guint             max_names);

G_END_DECLS
