/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "cd-row-model.h"
#include "cd-store.h"

G_BEGIN_DECLS

/* The training plan: per year, who must complete which course by when.
 *
 * An item is DONE once it is marked complete (an external course, say)
 * or once its person attended a session of its course that started in
 * the plan's year (local time); otherwise it is LATE once its due time
 * has passed, and DUE before. */

typedef enum {
  CD_PLAN_LATE,
  CD_PLAN_DUE,
  CD_PLAN_DONE,
} CdPlanStatus;

const char *cd_plan_status_label (CdPlanStatus status);

typedef struct {
  gint64        id;
  int           year;
  gint64        staff_id;
  gint64        course_id;
  gint64        due_at;
  gint64        completed_at;  /* marked complete; 0 when not */
  gint64        done_at;       /* completed_at, or the end of the attended session; 0 when not done */
  gint64        version;
  char         *staff_name;
  char         *course_title;
  double        hours;         /* the course's */
} CdPlanItem;

void          cd_plan_item_free   (CdPlanItem *item);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CdPlanItem, cd_plan_item_free)

CdPlanStatus  cd_plan_item_status (const CdPlanItem *item,
                                   gint64            now);
CdPlanItem   *cd_plan_item_load   (CdStore  *store,
                                   gint64    id,
                                   GError  **error);

/* Trainers and administrators. Adds @course_id for each of the @n_staff
 * people to @year's plan, due at @due_at; people who have it in that
 * year's plan already are left as they are. @n_added: how many were
 * added. */
gboolean      cd_plan_add         (CdStore       *store,
                                   int            year,
                                   gint64         course_id,
                                   const gint64  *staff_ids,
                                   guint          n_staff,
                                   gint64         due_at,
                                   guint         *n_added,
                                   GError       **error);
gboolean      cd_plan_item_set_due (CdStore  *store,
                                    gint64    id,
                                    gint64    expected_version,
                                    gint64    due_at,
                                    GError  **error);
/* Marks the item complete at @completed_at, or not (0). */
gboolean      cd_plan_item_set_completed (CdStore  *store,
                                          gint64    id,
                                          gint64    expected_version,
                                          gint64    completed_at,
                                          GError  **error);
gboolean      cd_plan_item_delete (CdStore  *store,
                                   gint64    id,
                                   gint64    expected_version,
                                   GError  **error);
/* Copies @from_year's plan into @to_year for the people still on the
 * staff list and the courses not archived, each due on the same day of
 * the year; items @to_year already has are left alone. */
gboolean      cd_plan_copy_year   (CdStore  *store,
                                   int       from_year,
                                   int       to_year,
                                   guint    *n_copied,
                                   GError  **error);

/* Progress --------------------------------------------------------------- */

typedef struct {
  guint n_done;
  guint n_due;
  guint n_late;
} CdPlanProgress;

/* @year's plan of @staff_id (0: the whole team) at cd_store_now(). */
gboolean      cd_plan_progress    (CdStore         *store,
                                   int              year,
                                   gint64           staff_id,
                                   CdPlanProgress  *progress,
                                   GError         **error);
/* The years that have a plan, newest first (int in a GArray). */
GArray       *cd_plan_years       (CdStore  *store,
                                   GError  **error);

/* The list of items -------------------------------------------------------- */

typedef struct {
  int       year;
  gint64    staff_id;    /* 0 for everyone */
  int       status;      /* a CdPlanStatus, or -1 */
  int       role;        /* a CdRole, or -1 */
  char     *text;        /* part of the person's name or the course's title */
  /* "due" (default), "person", "course", "status" */
  char     *sort_column;
  gboolean  sort_descending;
} CdPlanFilter;

void        cd_plan_filter_init  (CdPlanFilter *filter,
                                  int           year);
void        cd_plan_filter_clear (CdPlanFilter *filter);

typedef enum {
  CD_PLAN_COL_PERSON,    /* "person": display name */
  CD_PLAN_COL_COURSE,    /* "course": title */
  CD_PLAN_COL_DUE,       /* "due": UTC seconds */
  CD_PLAN_COL_DONE,      /* "done": when it was done, or NULL */
  CD_PLAN_COL_STATUS,    /* "status": a CdPlanStatus as a number */
  CD_PLAN_COL_STAFF_ID,  /* "staff_id" */
  CD_PLAN_COL_COURSE_ID, /* "course_id" */
  CD_PLAN_COL_VERSION,   /* "version" */
  CD_PLAN_COL_COMPLETED, /* "completed": marked complete at, or NULL */
  CD_PLAN_N_COLS
} CdPlanColumn;

/* The statuses are those at the time of the query: refresh the list
 * when a day passes. */
CdRowModel *cd_plan_list_new        (CdStore            *store,
                                     const CdPlanFilter *filter);
void        cd_plan_list_set_filter (CdRowModel         *model,
                                     const CdPlanFilter *filter);

/* Progress per person: the active staff (of @filter's role and name;
 * its status and staff are not used) with their items in @filter's
 * year. */
typedef enum {
  CD_PLAN_PERSON_COL_NAME,     /* "name" */
  CD_PLAN_PERSON_COL_ROLE,     /* "role": a nick */
  CD_PLAN_PERSON_COL_DONE,     /* "done": items done */
  CD_PLAN_PERSON_COL_DUE,      /* "due" */
  CD_PLAN_PERSON_COL_LATE,     /* "late" */
  CD_PLAN_PERSON_COL_PERCENT,  /* "percent": done of all, 0..100; NULL without items */
  CD_PLAN_PERSON_N_COLS
} CdPlanPersonColumn;

/* Sorted by "name" (default), "role", "late" or "percent". */
CdRowModel *cd_plan_people_new        (CdStore            *store,
                                       const CdPlanFilter *filter);
void        cd_plan_people_set_filter (CdRowModel         *model,
                                       const CdPlanFilter *filter);

/* @staff_id's plan items not done by @before's time that are due before
 * it (late ones included), of any year, soonest due first (CdPlanItem).
 * NULL with @error on failure. */
GPtrArray  *cd_plan_items_due (CdStore  *store,
                               gint64    staff_id,
                               gint64    before,
                               GError  **error);

G_END_DECLS
