/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "cd-row-model.h"
#include "cd-store.h"

G_BEGIN_DECLS

/* Sessions of a course, who is enrolled (and who waits for a place), and
 * who attended. An attended session counts toward the person's plan and
 * toward their training hours (the course's hours). */

#define CD_SESSION_PLACE_MAX_CHARS 500
#define CD_SESSION_MAX_CAPACITY    1000

typedef struct {
  gint64      id;
  gint64      course_id;
  char       *course_title;
  CdDelivery  delivery;       /* the course's */
  double      hours;          /* the course's */
  gint64      starts_at;
  gint64      ends_at;
  gint64      trainer_id;     /* 0: none or someone from outside */
  char       *trainer_name;   /* NULL without a trainer */
  char       *place;          /* a room, an address or a link; NULL when none */
  int         capacity;       /* 0: no limit */
  guint       n_enrolled;     /* not counting those who wait */
  guint       n_waiting;
  gint64      created_at;
  gint64      version;
} CdSession;

CdSession  *cd_session_new   (void);
CdSession  *cd_session_copy  (const CdSession *session);
void        cd_session_free  (CdSession       *session);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CdSession, cd_session_free)

CdSession  *cd_session_load  (CdStore  *store,
                              gint64    id,
                              GError  **error);
/* What is wrong with the session as it stands (a course, an end after
 * its start, a capacity from 1 to CD_SESSION_MAX_CAPACITY or none, a
 * place of at most CD_SESSION_PLACE_MAX_CHARS characters), or TRUE. */
gboolean    cd_session_check (const CdSession  *session,
                              GError          **error);

/* Trainers and administrators. A smaller capacity than the people
 * enrolled is refused; a larger one gives places to those waiting, in
 * the order they enrolled. */
gint64      cd_session_create (CdStore          *store,
                               const CdSession  *session,
                               GError          **error);
gboolean    cd_session_update (CdStore          *store,
                               const CdSession  *session,
                               gint64            expected_version,
                               GError          **error);
/* Refused once attendance has been taken: the session is part of
 * people's training records. */
gboolean    cd_session_delete (CdStore          *store,
                               gint64            id,
                               gint64            expected_version,
                               GError          **error);

/* Enrolment and attendance --------------------------------------------------- */

typedef struct {
  gint64    id;
  gint64    session_id;
  gint64    staff_id;
  char     *staff_name;
  CdRole    role;
  int       attendance;   /* a CdAttendance, or -1 when not taken */
  gboolean  waiting;      /* on the waiting list */
  gint64    version;
} CdEnrolment;

void        cd_enrolment_free (CdEnrolment *enrolment);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CdEnrolment, cd_enrolment_free)

/* Those enrolled by name, then those waiting in the order they enrolled
 * (CdEnrolment). */
GPtrArray  *cd_session_roster (CdStore  *store,
                               gint64    session_id,
                               GError  **error);
/* Trainers and administrators. Enrols each of @staff_ids (people
 * enrolled already stay as they are); once the session is full, the
 * rest wait. */
gboolean    cd_session_enrol  (CdStore       *store,
                               gint64         session_id,
                               const gint64  *staff_ids,
                               guint          n_staff,
                               guint         *n_enrolled,
                               guint         *n_waiting,
                               GError       **error);
/* Takes someone off the roster; the first one waiting gets the place. */
gboolean    cd_session_withdraw (CdStore  *store,
                                 gint64    enrolment_id,
                                 gint64    expected_version,
                                 GError  **error);
/* @attendance: a CdAttendance, or -1 to clear it. Only for those with a
 * place, once the session has started. */
gboolean    cd_session_set_attendance (CdStore  *store,
                                       gint64    enrolment_id,
                                       gint64    expected_version,
                                       int       attendance,
                                       GError  **error);

/* Training hours of @staff_id: the hours of the courses whose sessions
 * they attended, of sessions that started in [@from, @to) (0 for no
 * bound). -1 with @error on failure. */
double      cd_training_hours (CdStore  *store,
                               gint64    staff_id,
                               gint64    from,
                               gint64    to,
                               GError  **error);

/* iCalendar --------------------------------------------------------------------
 * One VEVENT per session (RFC 5545): its course as the summary, the
 * place as the location (and as the URL when it is a link), the trainer
 * as organiser and those with a place as attendees (when they have an
 * email address), in UTC, with a UID that stays the same when the
 * session is exported again, so that calendars update it. */

/* The sessions @ids (n_ids of them), or, with n_ids 0, every session
 * that has not ended yet. NULL with @error on failure. */
char       *cd_sessions_to_ics        (CdStore       *store,
                                       const gint64  *ids,
                                       guint          n_ids,
                                       guint         *n_events,
                                       GError       **error);
/* Writes that to @path (replaced only once complete) and records the
 * export in the audit log. */
gboolean    cd_sessions_export_ics    (CdStore       *store,
                                       const gint64  *ids,
                                       guint          n_ids,
                                       const char    *path,
                                       guint         *n_events,
                                       GError       **error);

/* The list ------------------------------------------------------------------ */

typedef enum {
  CD_SESSIONS_UPCOMING,  /* not ended yet (the default) */
  CD_SESSIONS_PAST,
  CD_SESSIONS_ALL,
} CdSessionsWhen;

typedef struct {
  CdSessionsWhen  when;
  gint64          course_id;    /* 0 for any */
  char           *text;         /* part of the course, the place or the trainer */
  /* "starts" (default: soonest first, or latest first for past ones),
   * "course", "trainer", "place", "enrolled" */
  char           *sort_column;
  gboolean        sort_descending;
} CdSessionFilter;

void        cd_session_filter_init  (CdSessionFilter *filter);
void        cd_session_filter_clear (CdSessionFilter *filter);

typedef enum {
  CD_SESSION_COL_STARTS,     /* "starts" */
  CD_SESSION_COL_ENDS,       /* "ends" */
  CD_SESSION_COL_COURSE,     /* "course": title */
  CD_SESSION_COL_TRAINER,    /* "trainer": display name or NULL */
  CD_SESSION_COL_PLACE,      /* "place" */
  CD_SESSION_COL_CAPACITY,   /* "capacity": NULL for no limit */
  CD_SESSION_COL_ENROLLED,   /* "enrolled": with a place */
  CD_SESSION_COL_WAITING,    /* "waiting" */
  CD_SESSION_COL_ATTENDED,   /* "attended" */
  CD_SESSION_COL_COURSE_ID,  /* "course_id" */
  CD_SESSION_N_COLS
} CdSessionColumn;

CdRowModel *cd_sessions_list_new        (CdStore               *store,
                                         const CdSessionFilter *filter);
void        cd_sessions_list_set_filter (CdRowModel            *model,
                                         const CdSessionFilter *filter);

/* Training hours per person over [@from, @to): what cd_training_hours()
 * gives each member of staff, for everyone at once (CdTrainingHours, by
 * staff id; people without any are left out). NULL with @error on
 * failure. */
typedef struct {
  gint64 staff_id;
  double hours;
} CdTrainingHours;

GArray     *cd_training_hours_by_person (CdStore  *store,
                                         gint64    from,
                                         gint64    to,
                                         GError  **error);

G_END_DECLS
