/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "cd-row-model.h"
#include "cd-store.h"

G_BEGIN_DECLS

/* Certifications: what a person may be trusted with, for how long, what
 * it takes (courses attended and assessments passed), which ticket
 * categories it qualifies a rep for, and which roles must hold it.
 *
 * Issued certifications are never edited into something else: renewing
 * adds a new record that is valid from the renewal date, so each
 * person's history stays whole; revoking marks a record (and any other
 * still valid of the same certification) with the reason. A person is
 * certified at a moment when one of their records is issued, not
 * expired and not revoked then: a newer record of the same
 * certification counts. */

#define CD_CERTIFICATION_NAME_MAX_CHARS   200
#define CD_CERTIFICATION_LEVEL_MAX_CHARS  60
#define CD_CERTIFICATION_MAX_MONTHS       120
#define CD_CERTIFICATION_REASON_MAX_CHARS 1000

typedef struct {
  gint64    id;
  char     *name;
  char     *level;             /* NULL when none */
  int       validity_months;
  char     *description;
  guint     required_roles;    /* CD_ROLE_BIT()s of those who must hold it */
  gboolean  archived;
  GArray   *course_ids;        /* gint64: courses it requires */
  GArray   *assessment_kinds;  /* int (CdAssessmentKind): passed assessments it requires */
  GArray   *category_ids;      /* gint64: ticket categories it qualifies for */
  gint64    version;
} CdCertification;

CdCertification *cd_certification_new    (void);
CdCertification *cd_certification_copy   (const CdCertification *certification);
void             cd_certification_free   (CdCertification       *certification);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CdCertification, cd_certification_free)

/* "Technical support (L2)", or the name alone without a level. */
char            *cd_certification_display_name (const char *name,
                                                const char *level);

CdCertification *cd_certification_load   (CdStore  *store,
                                          gint64    id,
                                          GError  **error);
gboolean         cd_certification_check  (const CdCertification  *certification,
                                          GError                **error);
/* Trainers and administrators; saves the requirements and categories
 * with the record. */
gint64           cd_certification_create (CdStore                *store,
                                          const CdCertification  *certification,
                                          GError                **error);
gboolean         cd_certification_update (CdStore                *store,
                                          const CdCertification  *certification,
                                          gint64                  expected_version,
                                          GError                **error);
gboolean         cd_certification_set_archived (CdStore  *store,
                                                gint64    id,
                                                gint64    expected_version,
                                                gboolean  archived,
                                                GError  **error);

/* Not archived ones (and @include_archived), in the matrix's order: by
 * name, then level (CdCertification, without their requirements). */
GPtrArray       *cd_certifications_list  (CdStore  *store,
                                          gboolean  include_archived,
                                          GError  **error);

/* Ticket categories, for choosing what a certification qualifies for. */
typedef struct {
  gint64  id;
  char   *name;
} CdCategoryChoice;

void             cd_category_choice_free (CdCategoryChoice *choice);
GPtrArray       *cd_training_categories  (CdStore  *store,
                                          GError  **error);

/* Requirements ---------------------------------------------------------------
 * Met for a course when the person attended a session of it, or had it
 * marked complete in a plan, at or before @at; for an assessment kind
 * when they passed one of that kind for this certification in the
 * validity period before @at. */

typedef struct {
  char     *what;     /* "Course “Handling complaints”", "A passed exam" */
  gboolean  met;
  char     *detail;   /* "attended on 3 May 2025", "none since 4 Jun 2024" */
} CdRequirement;

void             cd_requirement_free (CdRequirement *requirement);

/* CdRequirement for each course and assessment @certification_id
 * requires, in that order; empty when it requires none. */
GPtrArray       *cd_certification_requirements (CdStore  *store,
                                                gint64    staff_id,
                                                gint64    certification_id,
                                                gint64    at,
                                                GError  **error);
/* TRUE when every one of them is met. */
gboolean         cd_requirements_all_met       (GPtrArray *requirements);

/* Issuing, renewing, revoking ----------------------------------------------- */

typedef struct {
  gint64        id;
  gint64        staff_id;
  char         *staff_name;
  gint64        certification_id;
  char         *certification_name;   /* with its level */
  gint64        issued_at;
  gint64        expires_at;
  gint64        revoked_at;           /* 0 when not revoked */
  char         *revoke_reason;
  char         *override_reason;      /* issued without its requirements, why */
  gint64        issued_by;
  char         *issued_by_name;
  gint64        version;
} CdStaffCertification;

void                  cd_staff_certification_free (CdStaffCertification *record);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CdStaffCertification, cd_staff_certification_free)
CdCertStatus          cd_staff_certification_status (const CdStaffCertification *record,
                                                     gint64                      now);
CdStaffCertification *cd_staff_certification_load   (CdStore  *store,
                                                     gint64    id,
                                                     GError  **error);

/* Trainers and administrators. Issues @certification_id to @staff_id
 * from @issued_at (0: now; never later than now), valid for the
 * certification's months. Its requirements must be met at @issued_at:
 * otherwise only an administrator may issue it, with an
 * @override_reason, which is kept with the record and in the audit log.
 * Someone who holds it already (not expired, not revoked) has it
 * renewed instead. Returns the new record's id. */
gint64      cd_certification_issue  (CdStore     *store,
                                     gint64       staff_id,
                                     gint64       certification_id,
                                     gint64       issued_at,
                                     const char  *override_reason,
                                     GError     **error);
/* A new record of the same person and certification, valid from
 * @renewed_at (0: now) for the certification's months, checked as when
 * issuing. A revoked certification is issued again, not renewed. */
gint64      cd_certification_renew  (CdStore     *store,
                                     gint64       staff_certification_id,
                                     gint64       renewed_at,
                                     const char  *override_reason,
                                     GError     **error);
/* Revokes the record and any other of the same person and certification
 * that is still valid, now, for @reason (required). */
gboolean    cd_certification_revoke (CdStore     *store,
                                     gint64       staff_certification_id,
                                     gint64       expected_version,
                                     const char  *reason,
                                     GError     **error);

/* Every record of @staff_id (CdStaffCertification), by certification
 * (in the matrix's order), newest first within one; with
 * @certification_id (not 0), of that certification only. */
GPtrArray  *cd_staff_certifications (CdStore  *store,
                                     gint64    staff_id,
                                     gint64    certification_id,
                                     GError  **error);
/* For each person who ever held @certification_id, their latest record
 * (CdStaffCertification), by name. */
GPtrArray  *cd_certification_holders (CdStore  *store,
                                      gint64    certification_id,
                                      GError  **error);

/* The list of certifications ------------------------------------------------ */

typedef struct {
  char     *text;            /* part of the name */
  gboolean  show_archived;
  /* "name" (default), "validity", "holders", "expiring" */
  char     *sort_column;
  gboolean  sort_descending;
} CdCertificationFilter;

void        cd_certification_filter_init  (CdCertificationFilter *filter);
void        cd_certification_filter_clear (CdCertificationFilter *filter);

typedef enum {
  CD_CERTIFICATION_COL_NAME,        /* "name" */
  CD_CERTIFICATION_COL_LEVEL,       /* "level" */
  CD_CERTIFICATION_COL_VALIDITY,    /* "validity": months */
  CD_CERTIFICATION_COL_CATEGORIES,  /* "categories": the categories' names, ", "-joined */
  CD_CERTIFICATION_COL_REQUIRES,    /* "requires": number of courses and assessments */
  CD_CERTIFICATION_COL_HOLDERS,     /* "holders": people who hold it now */
  CD_CERTIFICATION_COL_EXPIRING,    /* "expiring": of those, how many run out within 30 days */
  CD_CERTIFICATION_COL_ARCHIVED,    /* "archived" */
  CD_CERTIFICATION_COL_ROLES,       /* "roles": required_roles */
  CD_CERTIFICATION_N_COLS
} CdCertificationColumn;

CdRowModel *cd_certifications_list_new        (CdStore                     *store,
                                               const CdCertificationFilter *filter);
void        cd_certifications_list_set_filter (CdRowModel                  *model,
                                               const CdCertificationFilter *filter);

/* "Reps, Team leads", "" for none. Translated. */
char       *cd_certification_roles_text (guint required_roles);

G_END_DECLS
