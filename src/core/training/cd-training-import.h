/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "cd-import.h"

G_BEGIN_DECLS

/* The sheets a trainer brings back from a course, through the importer
 * customers use too (cd-import.h): a session's attendance, and
 * assessment results. Both are all or nothing: one line that cannot be
 * read keeps the whole file out. Trainers and administrators. */

typedef enum {
  CD_ATTENDANCE_FIELD_PERSON,      /* a login, a display name or an email of the staff list */
  CD_ATTENDANCE_FIELD_ATTENDANCE,  /* attended / absent / excused, in English or Chinese, or yes / no */
  CD_ATTENDANCE_N_FIELDS
} CdAttendanceField;

/* Context: the session's id. People not on its roster are refused unless
 * CD_IMPORT_OPTION, which puts them on it. */
const CdImportKind *cd_training_attendance_import_kind (void);

typedef enum {
  CD_RESULT_FIELD_PERSON,
  CD_RESULT_FIELD_SUBJECT,     /* a course's title or a certification's name */
  CD_RESULT_FIELD_SCORE,
  CD_RESULT_FIELD_PASS_MARK,
  CD_RESULT_FIELD_KIND,        /* exam (when none) / practical / customer evaluation */
  CD_RESULT_FIELD_DATE,        /* YYYY-MM-DD (today when none) */
  CD_RESULT_FIELD_ASSESSOR,    /* the person importing when none */
  CD_RESULT_N_FIELDS
} CdResultField;

/* Context: none (0). */
const CdImportKind *cd_training_results_import_kind (void);

/* "attended", "Yes", "出席" → CD_ATTENDANCE_ATTENDED …; -1 when unknown. */
int                 cd_training_parse_attendance (const char *text);
/* "2024-03-05", "2024/3/5", "2024年3月5日" → that local day's noon; 0
 * when it is not a date. */
gint64              cd_training_parse_date       (const char *text);

G_END_DECLS
