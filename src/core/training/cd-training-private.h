/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* What the training files share with each other and with the rest of
 * the data layer (the reminders, the assign dialog's certification
 * check), and nothing else: the SQL that says who is certified, the
 * role checks, and the reminders of expiring certifications. */

#include "cd-csv.h"
#include "cd-reminders.h"
#include "cd-row-model-private.h"
#include "cd-store-private.h"
#include "cd-training.h"

G_BEGIN_DECLS

/* A record of staff_certifications (aliased @sc) that makes its holder
 * certified at the instant @t (an SQL expression): issued, not expired,
 * not revoked. The one definition every query uses. */
#define CD_TRAINING_CERT_VALID_AT(sc, t) \
  "(" sc ".revoked_at IS NULL AND " sc ".issued_at <= " t " AND " sc ".expires_at > " t ")"

/* The CD_ROLE_BIT() of a staff role nick (an SQL expression). */
#define CD_TRAINING_ROLE_BIT(role) \
  "(CASE " role " WHEN 'rep' THEN 1 WHEN 'lead' THEN 2 WHEN 'trainer' THEN 4 WHEN 'admin' THEN 8 ELSE 0 END)"

/* Certifications in the matrix's order. */
#define CD_TRAINING_CERT_ORDER "name COLLATE NOCASE, level COLLATE NOCASE, id"

/* FALSE with CD_STORE_ERROR_PERMISSION unless a trainer or an
 * administrator is signed in. */
gboolean    cd_training_require_editor  (CdStore      *store,
                                         GError      **error);
/* FALSE with CD_STORE_ERROR_PERMISSION when a rep asks for someone
 * else's records (or nobody is signed in). */
gboolean    cd_training_require_reader  (CdStore      *store,
                                         gint64        staff_id,
                                         GError      **error);

/* "%text%" for LIKE … ESCAPE '\', or NULL for blank text. */
char       *cd_training_like_pattern    (const char   *text);
/* TRUE when @id names an active member of staff; FALSE with INVALID and
 * @what ("The person") in the message otherwise. */
gboolean    cd_training_check_staff     (CdStore      *store,
                                         gint64        id,
                                         gboolean      active_only,
                                         GError      **error);
/* A number as stored: "1.5", never "1,5". */
char       *cd_training_double_text     (double        value);
/* Reads a double typed by a person: "1.5", "1,5", "１.５" (full width);
 * NAN when it is not one. */
double      cd_training_parse_double    (const char   *text);
/* The ticket categories' names, for messages: "Billing" */
char       *cd_training_category_name   (CdStore      *store,
                                         gint64        category_id);

/* Staff certification records as the record and the lists read them:
 * the columns of CD_TRAINING_SC_SELECT, read by
 * cd_training_read_staff_certification(). */
#define CD_TRAINING_SC_SELECT \
  "SELECT sc.id, sc.staff_id, s.display_name, sc.certification_id, c.name, c.level," \
  " sc.issued_at, sc.expires_at, sc.revoked_at, sc.revoke_reason, sc.override_reason," \
  " sc.issued_by, ib.display_name, sc.version" \
  " FROM staff_certifications sc" \
  " JOIN staff s ON s.id = sc.staff_id" \
  " JOIN certifications c ON c.id = sc.certification_id" \
  " LEFT JOIN staff ib ON ib.id = sc.issued_by"

CdStaffCertification *cd_training_read_staff_certification (sqlite3_stmt *stmt);

/* Plan items: the columns of CD_TRAINING_PLAN_SELECT. The done time is
 * the marked completion or the end of the first session of the course
 * the person attended in the plan's year (local time). */
#define CD_TRAINING_PLAN_DONE_AT(p) \
  "coalesce(" p ".completed_at, (SELECT min(ts.ends_at) FROM enrolments e" \
  " JOIN training_sessions ts ON ts.id = e.session_id" \
  " WHERE e.staff_id = " p ".staff_id AND e.attendance = 'attended' AND e.waiting = 0" \
  " AND ts.course_id = " p ".course_id" \
  " AND CAST(strftime('%Y', ts.starts_at, 'unixepoch', 'localtime') AS INTEGER) = " p ".year))"

#define CD_TRAINING_PLAN_SELECT \
  "SELECT p.id, p.year, p.staff_id, p.course_id, p.due_at, p.completed_at, " \
  CD_TRAINING_PLAN_DONE_AT ("p") ", p.version, s.display_name, c.title, c.hours" \
  " FROM training_plan_items p" \
  " JOIN staff s ON s.id = p.staff_id" \
  " JOIN courses c ON c.id = p.course_id"

CdPlanItem *cd_training_read_plan_item (sqlite3_stmt *stmt);

/* Assessments: the columns of CD_TRAINING_ASSESSMENT_SELECT. */
#define CD_TRAINING_ASSESSMENT_SELECT \
  "SELECT a.id, a.staff_id, s.display_name, a.course_id, co.title, a.certification_id, ce.name, ce.level," \
  " a.kind, a.score, a.pass_mark, a.assessor_id, asr.display_name, a.assessed_at, a.version" \
  " FROM assessments a" \
  " JOIN staff s ON s.id = a.staff_id" \
  " LEFT JOIN courses co ON co.id = a.course_id" \
  " LEFT JOIN certifications ce ON ce.id = a.certification_id" \
  " LEFT JOIN staff asr ON asr.id = a.assessor_id"

CdAssessment *cd_training_read_assessment (sqlite3_stmt *stmt);

/* @wanted when it names a sortable one of @columns, else @fallback. */
const char *cd_training_sort_column     (const CdRowColumn *columns,
                                         guint              n_columns,
                                         const char        *wanted,
                                         const char        *fallback);

/* A CSV export: written under another name, then recorded in the audit
 * log (entity, id, action "export", @field, "<rows> → <path>") and
 * renamed into place in one transaction; freeing an export that was not
 * committed removes what was written. */
typedef struct _CdTrainingCsv CdTrainingCsv;

CdTrainingCsv *cd_training_csv_open   (const char          *path,
                                       GError             **error);
gboolean       cd_training_csv_row    (CdTrainingCsv       *csv,
                                       const char * const  *fields,
                                       int                  n_fields,
                                       GError             **error);
gboolean       cd_training_csv_commit (CdStore             *store,
                                       CdTrainingCsv       *csv,
                                       const char          *entity,
                                       gint64               entity_id,
                                       const char          *field,
                                       guint                n_rows,
                                       GError             **error);
void           cd_training_csv_free   (CdTrainingCsv       *csv);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CdTrainingCsv, cd_training_csv_free)

/* Rows of a prepared statement into a GPtrArray with @read, which must
 * not step. NULL with @error on failure. */
GPtrArray  *cd_training_collect         (CdStore        *store,
                                         sqlite3_stmt   *stmt,
                                         gpointer      (*read) (sqlite3_stmt *stmt),
                                         GDestroyNotify  free_func,
                                         GError        **error);

/* Reminders ----------------------------------------------------------------
 * The certification reminders are claimed by cd_reminders_claim_due(),
 * in the same transaction and the same table as the follow-ups', so
 * they too go out once per person and threshold across processes and
 * restarts. */

typedef struct {
  CdReminderKind kind;
  gint64         entity_id;   /* a follow-up, a staff certification, a ticket category */
  gint64         threshold;
} CdReminderClaim;

/* The days before expiry of the two reminders of a certification. */
#define CD_TRAINING_REMINDER_EXPIRING 30
#define CD_TRAINING_REMINDER_EXPIRED  0

/* Appends to @claims the certification and coverage reminders due for
 * @recipient_id (of @role) at @now and not recorded yet:
 *  - their own certifications: when one starts to expire within 30 days
 *    (threshold 30) and when it expires (threshold 0), unless a newer
 *    record of the same certification is valid beyond it; an expiry is
 *    reminded within 30 days of it only, so an old file does not bring
 *    up years of history;
 *  - for trainers, the same of everyone else on the staff list;
 *  - for team leads, each category whose cover falls below its minimum
 *    within the next 30 days (threshold: the local day number of the
 *    drop, so a new drop is a new reminder). */
gboolean    cd_training_collect_reminders (CdStore   *store,
                                           gint64     recipient_id,
                                           CdRole     role,
                                           gint64     now,
                                           GArray    *claims,
                                           GError   **error);
/* Fills in what a notification about @reminder (kind, entity and
 * threshold set) shows. */
gboolean    cd_training_describe_reminder (CdStore     *store,
                                           CdReminder  *reminder,
                                           GError     **error);
/* The earliest time after @now at which a new certification or
 * coverage reminder falls due for @recipient_id; 0 when none is
 * coming; -1 with @error. */
gint64      cd_training_next_reminder     (CdStore   *store,
                                           gint64     recipient_id,
                                           CdRole     role,
                                           gint64     now,
                                           GError   **error);
/* FALSE once what the reminder was about has been settled (the
 * certification renewed or revoked; the category's cover restored). */
gboolean    cd_training_reminder_still_due (CdStore   *store,
                                            CdReminderKind kind,
                                            gint64     entity_id,
                                            gint64     now,
                                            GError   **error);

G_END_DECLS
