/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Every enumerated field is stored as its nick (lower-case text) so the
 * shared file reads plainly in sqlite3 and survives reordering here. Each
 * enum has _to_nick(), _from_nick() (returns -1 when unknown) and
 * _label() (translated, for display). */

typedef enum { CD_ROLE_REP, CD_ROLE_LEAD, CD_ROLE_TRAINER, CD_ROLE_ADMIN } CdRole;
#define CD_ROLE_BIT(r) (1u << (r))

typedef enum { CD_TIER_STRATEGIC, CD_TIER_CORE, CD_TIER_POTENTIAL, CD_TIER_GENERAL } CdTier;
typedef enum { CD_CHANNEL_PHONE, CD_CHANNEL_EMAIL, CD_CHANNEL_CHAT, CD_CHANNEL_IN_PERSON, CD_CHANNEL_OTHER } CdChannel;
typedef enum { CD_PRIORITY_LOW, CD_PRIORITY_NORMAL, CD_PRIORITY_HIGH, CD_PRIORITY_URGENT } CdPriority;
typedef enum { CD_TICKET_NEW, CD_TICKET_OPEN, CD_TICKET_PENDING, CD_TICKET_RESOLVED, CD_TICKET_CLOSED } CdTicketStatus;
typedef enum { CD_SEVERITY_MINOR, CD_SEVERITY_MAJOR, CD_SEVERITY_CRITICAL } CdSeverity;
typedef enum {
  CD_COMPLAINT_RECEIVED, CD_COMPLAINT_ACKNOWLEDGED, CD_COMPLAINT_INVESTIGATING,
  CD_COMPLAINT_RESOLVED, CD_COMPLAINT_FOLLOWING_UP, CD_COMPLAINT_CLOSED
} CdComplaintStatus;
typedef enum { CD_METHOD_PHONE, CD_METHOD_EMAIL, CD_METHOD_VISIT, CD_METHOD_MESSAGE } CdFollowupMethod;
typedef enum { CD_FOLLOWUP_SCHEDULED, CD_FOLLOWUP_DONE, CD_FOLLOWUP_MISSED, CD_FOLLOWUP_CANCELLED } CdFollowupStatus;
typedef enum { CD_OUTCOME_SATISFIED, CD_OUTCOME_NEUTRAL, CD_OUTCOME_UNSATISFIED, CD_OUTCOME_UNREACHABLE } CdOutcome;
typedef enum { CD_COURSE_PRODUCT, CD_COURSE_SERVICE, CD_COURSE_INDUSTRY, CD_COURSE_POLICY } CdCourseKind;
typedef enum { CD_DELIVERY_INTERNAL, CD_DELIVERY_EXTERNAL, CD_DELIVERY_ONLINE } CdDelivery;
typedef enum { CD_ATTENDANCE_ATTENDED, CD_ATTENDANCE_ABSENT, CD_ATTENDANCE_EXCUSED } CdAttendance;
typedef enum { CD_ASSESSMENT_EXAM, CD_ASSESSMENT_PRACTICAL, CD_ASSESSMENT_CUSTOMER } CdAssessmentKind;
typedef enum { CD_CERT_ACTIVE, CD_CERT_EXPIRING, CD_CERT_EXPIRED, CD_CERT_REVOKED } CdCertStatus;

#define CD_DECLARE_ENUM_FUNCS(Type, prefix)                     \
  const char *prefix##_to_nick   (Type value);                  \
  int         prefix##_from_nick (const char *nick);            \
  const char *prefix##_label     (Type value);                  \
  guint       prefix##_count     (void);

CD_DECLARE_ENUM_FUNCS (CdRole, cd_role)
CD_DECLARE_ENUM_FUNCS (CdTier, cd_tier)
CD_DECLARE_ENUM_FUNCS (CdChannel, cd_channel)
CD_DECLARE_ENUM_FUNCS (CdPriority, cd_priority)
CD_DECLARE_ENUM_FUNCS (CdTicketStatus, cd_ticket_status)
CD_DECLARE_ENUM_FUNCS (CdSeverity, cd_severity)
CD_DECLARE_ENUM_FUNCS (CdComplaintStatus, cd_complaint_status)
CD_DECLARE_ENUM_FUNCS (CdFollowupMethod, cd_followup_method)
CD_DECLARE_ENUM_FUNCS (CdFollowupStatus, cd_followup_status)
CD_DECLARE_ENUM_FUNCS (CdOutcome, cd_outcome)
CD_DECLARE_ENUM_FUNCS (CdCourseKind, cd_course_kind)
CD_DECLARE_ENUM_FUNCS (CdDelivery, cd_delivery)
CD_DECLARE_ENUM_FUNCS (CdAttendance, cd_attendance)
CD_DECLARE_ENUM_FUNCS (CdAssessmentKind, cd_assessment_kind)
CD_DECLARE_ENUM_FUNCS (CdCertStatus, cd_cert_status)

G_END_DECLS
