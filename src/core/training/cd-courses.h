/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "cd-row-model.h"
#include "cd-store.h"

G_BEGIN_DECLS

/* Courses: what can be learnt, and how. An archived course is kept for
 * the plans, sessions and assessments that name it, and offered for new
 * ones no more. */

#define CD_COURSE_TITLE_MAX_CHARS 200
#define CD_COURSE_MAX_HOURS       1000.0

typedef enum {
  CD_COURSE_FIELD_TITLE,
  CD_COURSE_FIELD_KIND,
  CD_COURSE_FIELD_DELIVERY,
  CD_COURSE_FIELD_HOURS,
  CD_COURSE_FIELD_DESCRIPTION,
} CdCourseField;

typedef struct {
  gint64        id;
  char         *title;
  CdCourseKind  kind;
  CdDelivery    delivery;
  double        hours;
  char         *description;   /* NULL when none */
  gboolean      archived;
  gint64        version;
} CdCourse;

CdCourse   *cd_course_new    (void);
CdCourse   *cd_course_copy   (const CdCourse *course);
void        cd_course_free   (CdCourse       *course);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CdCourse, cd_course_free)

/* NULL with CD_STORE_ERROR_NOT_FOUND when there is none. */
CdCourse   *cd_course_load   (CdStore  *store,
                              gint64    id,
                              GError  **error);

/* What is wrong with one field's text as typed, in words, or NULL. Hours
 * are read with cd_course_parse_hours(). */
char       *cd_course_validate_field (CdCourseField  field,
                                      const char    *text);
/* "1.5", "1,5", "2" → hours; -1 when it is not a number of hours from 0
 * to CD_COURSE_MAX_HOURS. */
double      cd_course_parse_hours    (const char    *text);
gboolean    cd_course_check  (const CdCourse  *course,
                              GError         **error);

/* Trainers and administrators. */
gint64      cd_course_create (CdStore         *store,
                              const CdCourse  *course,
                              GError         **error);
gboolean    cd_course_update (CdStore         *store,
                              const CdCourse  *course,
                              gint64           expected_version,
                              GError         **error);
gboolean    cd_course_set_archived (CdStore  *store,
                                    gint64    id,
                                    gint64    expected_version,
                                    gboolean  archived,
                                    GError  **error);

/* Courses by title, for pickers (CdCourse); archived ones only with
 * @include_archived, or when they are @include_id. */
GPtrArray  *cd_courses_list  (CdStore  *store,
                              gboolean  include_archived,
                              gint64    include_id,
                              GError  **error);

/* The list ---------------------------------------------------------------- */

typedef struct {
  char     *text;            /* part of the title; NULL or "" for all */
  int       kind;            /* a CdCourseKind, or -1 */
  int       delivery;        /* a CdDelivery, or -1 */
  gboolean  show_archived;
  /* "title" (default), "kind", "delivery", "hours", "sessions" */
  char     *sort_column;
  gboolean  sort_descending;
} CdCourseFilter;

void        cd_course_filter_init  (CdCourseFilter *filter);
void        cd_course_filter_clear (CdCourseFilter *filter);

typedef enum {
  CD_COURSE_COL_TITLE,      /* "title" */
  CD_COURSE_COL_KIND,       /* "kind": a nick */
  CD_COURSE_COL_DELIVERY,   /* "delivery": a nick */
  CD_COURSE_COL_HOURS,      /* "hours" */
  CD_COURSE_COL_SESSIONS,   /* "sessions": how many sessions it had and has planned */
  CD_COURSE_COL_UPCOMING,   /* "upcoming": the next session's start, or NULL */
  CD_COURSE_COL_ARCHIVED,   /* "archived": 0 or 1 */
  CD_COURSE_N_COLS
} CdCourseColumn;

CdRowModel *cd_courses_list_new        (CdStore              *store,
                                        const CdCourseFilter *filter);
void        cd_courses_list_set_filter (CdRowModel           *model,
                                        const CdCourseFilter *filter);

/* "6 h", "1.5 h". Translated. */
char       *cd_course_format_hours     (double hours);

G_END_DECLS
