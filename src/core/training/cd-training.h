/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "cd-row-model.h"
#include "cd-store.h"

G_BEGIN_DECLS

/* Training and certification: courses, the yearly plan, sessions with
 * their rosters and attendance, assessments, certifications and who holds
 * them, the matrix of people by certification, the coverage of ticket
 * categories, and a person's training record.
 *
 * Who may do what, checked here and nowhere else (a refused call fails
 * with CD_STORE_ERROR_PERMISSION and writes nothing):
 *  - trainers and administrators create and edit courses, the plan,
 *    sessions, enrolments and attendance, assessments and
 *    certifications, and issue, renew and revoke certifications;
 *  - team leads and administrators set the coverage minimum of a ticket
 *    category;
 *  - everyone reads the courses, the plan, the sessions, the matrix and
 *    the coverage; reps read their own record and their own assessments
 *    only, leads, trainers and administrators everyone's.
 *
 * Every write goes through the store's audited API in one IMMEDIATE
 * transaction, with optimistic concurrency where a record is edited.
 *
 * Statuses are never stored: whether a certification is active,
 * expiring, expired or revoked, and whether a plan item is done, due or
 * late, follows from the dates at the moment it is asked (cd_store_now()).
 * "Within 30 days" counts local calendar days, so a change of daylight
 * saving time moves no boundary. */

/* The kinds of change the training records give (see cd-change.h). */
#define CD_CHANGE_COURSES              "courses"
#define CD_CHANGE_PLAN_ITEMS           "training_plan_items"
#define CD_CHANGE_SESSIONS             "training_sessions"
#define CD_CHANGE_ENROLMENTS           "enrolments"
#define CD_CHANGE_ASSESSMENTS          "assessments"
#define CD_CHANGE_CERTIFICATIONS       "certifications"
#define CD_CHANGE_STAFF_CERTIFICATIONS "staff_certifications"

/* Roles ------------------------------------------------------------------ */

#define CD_TRAINING_EDITOR_ROLES  (CD_ROLE_BIT (CD_ROLE_TRAINER) | CD_ROLE_BIT (CD_ROLE_ADMIN))
#define CD_COVERAGE_EDITOR_ROLES  (CD_ROLE_BIT (CD_ROLE_LEAD) | CD_ROLE_BIT (CD_ROLE_ADMIN))

/* Whether the signed-in person may edit training records (trainers and
 * administrators), set coverage minimums (leads and administrators), and
 * read other people's records (everyone but reps). */
gboolean    cd_training_can_edit          (CdStore *store);
gboolean    cd_training_can_set_coverage  (CdStore *store);
gboolean    cd_training_can_read_others   (CdStore *store);

/* Certification status ------------------------------------------------------ */

/* A certification is expiring when it runs out within this many days. */
#define CD_CERTIFICATION_EXPIRING_DAYS 30

/* The status of one issued certification at @now: revoked once revoked
 * (@revoked_at set and not after @now), expired once @expires_at has
 * come, expiring when it runs out on one of the next 30 local calendar
 * days (today included), active otherwise. */
CdCertStatus cd_certification_status        (gint64 expires_at,
                                             gint64 revoked_at,
                                             gint64 now);
/* Local calendar days from @now's day to @expires_at's day: 0 when it
 * runs out today, negative once past. */
int          cd_certification_days_left     (gint64 expires_at,
                                             gint64 now);
/* The first instant of the local day 31 days after @now's: an expiry
 * before it is within the 30 days. */
gint64       cd_certification_expiring_limit (gint64 now);
/* When a certification issued at @issued_at for @validity_months runs
 * out: at the start of the same local calendar day @validity_months
 * later (the 31st of a shorter month becomes its last day), so it is
 * valid through the day before. */
gint64       cd_certification_expiry_for    (gint64 issued_at,
                                             int    validity_months);
/* In words for a list or a record: "Active", "Expires in 12 days",
 * "Expires today", "Expired 3 May 2025", "Revoked". Translated. */
char        *cd_certification_status_text   (CdCertStatus status,
                                             gint64       expires_at,
                                             gint64       now);
/* A symbol that tells the status without colour (for colour-blind
 * readers and dark themes): ✓ active, ! expiring, ✗ expired, ⊘ revoked. */
const char  *cd_certification_status_symbol (CdCertStatus status);

/* The local calendar ------------------------------------------------------- */

/* The first instant of the local day @days after @t's day. */
gint64       cd_training_day_start          (gint64 t,
                                             int    days);
/* The first instant of local January 1st of @year. */
gint64       cd_training_year_start         (int    year);
/* The local year of @t. */
int          cd_training_year_of            (gint64 t);

G_END_DECLS

#include "cd-courses.h"
#include "cd-training-plan.h"
#include "cd-training-sessions.h"
#include "cd-assessments.h"
#include "cd-certifications.h"
#include "cd-training-matrix.h"
#include "cd-coverage.h"
#include "cd-training-record.h"
#include "cd-training-import.h"
