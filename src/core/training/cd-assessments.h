/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "cd-row-model.h"
#include "cd-store.h"

G_BEGIN_DECLS

/* Assessments: an exam, a practical test or an evaluation by customers,
 * of a course or of a certification, with a score and the mark needed
 * to pass. Passed or failed is never stored: score >= pass mark. */

#define CD_ASSESSMENT_MAX_SCORE 1000.0

typedef struct {
  gint64            id;
  gint64            staff_id;
  char             *staff_name;
  gint64            course_id;          /* or 0 */
  char             *course_title;
  gint64            certification_id;   /* or 0; exactly one of the two */
  char             *certification_name; /* with its level */
  CdAssessmentKind  kind;
  double            score;
  double            pass_mark;
  gint64            assessor_id;        /* 0: none recorded */
  char             *assessor_name;
  gint64            assessed_at;
  gint64            version;
} CdAssessment;

CdAssessment *cd_assessment_new    (void);
CdAssessment *cd_assessment_copy   (const CdAssessment *assessment);
void          cd_assessment_free   (CdAssessment       *assessment);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CdAssessment, cd_assessment_free)

gboolean      cd_assessment_passed (const CdAssessment *assessment);
/* "82 / 70". */
char         *cd_assessment_format_score (double score,
                                          double pass_mark);
/* "82", "82.5", "4,5" → the score; -1 when it is not a number from 0 to
 * CD_ASSESSMENT_MAX_SCORE. */
double        cd_assessment_parse_score  (const char *text);

/* A rep may load their own only. */
CdAssessment *cd_assessment_load   (CdStore  *store,
                                    gint64    id,
                                    GError  **error);
/* A person, a course or a certification (one, not both), a score and a
 * pass mark from 0 to CD_ASSESSMENT_MAX_SCORE (the pass mark above 0),
 * and a date that has come. */
gboolean      cd_assessment_check  (CdStore             *store,
                                    const CdAssessment  *assessment,
                                    GError             **error);
/* Trainers and administrators. */
gint64        cd_assessment_create (CdStore             *store,
                                    const CdAssessment  *assessment,
                                    GError             **error);
gboolean      cd_assessment_update (CdStore             *store,
                                    const CdAssessment  *assessment,
                                    gint64               expected_version,
                                    GError             **error);
gboolean      cd_assessment_delete (CdStore             *store,
                                    gint64               id,
                                    gint64               expected_version,
                                    GError             **error);

/* The list ----------------------------------------------------------------- */

typedef enum {
  CD_ASSESSMENT_RESULT_ANY = -1,
  CD_ASSESSMENT_RESULT_FAILED = 0,
  CD_ASSESSMENT_RESULT_PASSED = 1,
} CdAssessmentResult;

typedef struct {
  gint64    staff_id;       /* 0 for everyone (a rep sees their own whatever this says) */
  int       kind;           /* a CdAssessmentKind, or -1 */
  int       result;         /* a CdAssessmentResult */
  char     *text;           /* part of the person's name, the course or the certification */
  /* "date" (default, newest first), "person", "subject", "kind",
   * "score", "result" */
  char     *sort_column;
  gboolean  sort_descending;
} CdAssessmentFilter;

void        cd_assessment_filter_init  (CdAssessmentFilter *filter);
void        cd_assessment_filter_clear (CdAssessmentFilter *filter);

typedef enum {
  CD_ASSESSMENT_COL_DATE,       /* "date" */
  CD_ASSESSMENT_COL_PERSON,     /* "person" */
  CD_ASSESSMENT_COL_SUBJECT,    /* "subject": the course's title or the certification's name */
  CD_ASSESSMENT_COL_KIND,       /* "kind": a nick */
  CD_ASSESSMENT_COL_SCORE,      /* "score" */
  CD_ASSESSMENT_COL_PASS_MARK,  /* "pass_mark" */
  CD_ASSESSMENT_COL_RESULT,     /* "result": 1 passed, 0 failed */
  CD_ASSESSMENT_COL_ASSESSOR,   /* "assessor": display name or NULL */
  CD_ASSESSMENT_COL_STAFF_ID,   /* "staff_id" */
  CD_ASSESSMENT_N_COLS
} CdAssessmentColumn;

CdRowModel *cd_assessments_list_new        (CdStore                  *store,
                                            const CdAssessmentFilter *filter);
void        cd_assessments_list_set_filter (CdRowModel               *model,
                                            const CdAssessmentFilter *filter);

G_END_DECLS
