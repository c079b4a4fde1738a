/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "cd-store.h"

G_BEGIN_DECLS

/* A person's training record, and what the Overview tells them. */

typedef struct {
  gint64      session_id;
  gint64      course_id;
  char       *course_title;
  gint64      starts_at;
  gint64      ends_at;
  int         attendance;   /* a CdAttendance, or -1 when not taken yet */
  gboolean    waiting;
  double      hours;        /* the course's */
} CdRecordSession;

typedef struct {
  gint64      staff_id;
  char       *name;
  char       *login;
  CdRole      role;
  gboolean    active;
  double      hours_this_year;
  double      hours_total;
  GPtrArray  *certifications;  /* CdStaffCertification, every record (cd_staff_certifications()) */
  GPtrArray  *plan;            /* CdPlanItem, newest year first, by due date */
  GPtrArray  *sessions;        /* CdRecordSession, latest first */
  GPtrArray  *assessments;     /* CdAssessment, latest first */
} CdTrainingRecord;

void              cd_training_record_free (CdTrainingRecord *record);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CdTrainingRecord, cd_training_record_free)

/* A rep may load their own record only. */
CdTrainingRecord *cd_training_record_load (CdStore  *store,
                                           gint64    staff_id,
                                           GError  **error);
/* CSV, sections one after another (certifications, plan, sessions,
 * assessments), each with a header line; the export is recorded in the
 * audit log. */
gboolean          cd_training_record_export (CdStore     *store,
                                             gint64       staff_id,
                                             const char  *csv_path,
                                             GError     **error);

/* For the Overview -------------------------------------------------------------- */

typedef enum {
  CD_TRAINING_ALERT_CERTIFICATION_EXPIRED,
  CD_TRAINING_ALERT_CERTIFICATION_EXPIRING,
  CD_TRAINING_ALERT_PLAN_LATE,
  CD_TRAINING_ALERT_PLAN_DUE,
} CdTrainingAlertKind;

typedef struct {
  CdTrainingAlertKind  kind;
  gint64               id;      /* the staff certification or the plan item */
  char                *title;   /* the certification's or the course's name */
  gint64               at;      /* expiry or due time */
} CdTrainingAlert;

typedef struct {
  guint       n_expired;       /* certifications expired in the last 90 days, not renewed */
  guint       n_expiring;      /* running out within 30 days, not renewed */
  guint       n_plan_late;     /* this year's plan, late */
  guint       n_plan_due_soon; /* due within 30 days */
  GPtrArray  *alerts;          /* CdTrainingAlert, the most urgent first, at most the limit */
} CdTrainingSummary;

void               cd_training_summary_free (CdTrainingSummary *summary);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CdTrainingSummary, cd_training_summary_free)

/* What @staff_id should see to: their expiring and expired
 * certifications and their plan items late or due soon, with the
 * @limit most urgent. A few index lookups. */
CdTrainingSummary *cd_training_summary_for (CdStore  *store,
                                            gint64    staff_id,
                                            guint     limit,
                                            GError  **error);

G_END_DECLS
