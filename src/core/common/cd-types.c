/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "caredesk-types"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "cd-types.h"

/* N_() marks labels for extraction; _label() translates at call time. */
#define CD_DEFINE_ENUM_FUNCS(Type, prefix, ...)                             \
  static const struct { const char *nick; const char *label; }             \
    prefix##_table[] = { __VA_ARGS__ };                                     \
  guint prefix##_count (void) { return G_N_ELEMENTS (prefix##_table); }     \
  const char *prefix##_to_nick (Type value)                                 \
  {                                                                         \
    g_return_val_if_fail ((guint) value < G_N_ELEMENTS (prefix##_table), NULL); \
    return prefix##_table[value].nick;                                      \
  }                                                                         \
  int prefix##_from_nick (const char *nick)                                 \
  {                                                                         \
    if (nick == NULL)                                                       \
      return -1;                                                            \
    for (guint i = 0; i < G_N_ELEMENTS (prefix##_table); i++)               \
      if (strcmp (prefix##_table[i].nick, nick) == 0)                       \
        return (int) i;                                                     \
    return -1;                                                              \
  }                                                                         \
  const char *prefix##_label (Type value)                                   \
  {                                                                         \
    g_return_val_if_fail ((guint) value < G_N_ELEMENTS (prefix##_table), ""); \
    return g_dgettext (GETTEXT_PACKAGE, prefix##_table[value].label);       \
  }

CD_DEFINE_ENUM_FUNCS (CdRole, cd_role,
  { "rep", N_("Rep") }, { "lead", N_("Team lead") },
  { "trainer", N_("Trainer") }, { "admin", N_("Administrator") })

CD_DEFINE_ENUM_FUNCS (CdTier, cd_tier,
  { "strategic", N_("Strategic") }, { "core", N_("Core") },
  { "potential", N_("Potential") }, { "general", N_("General") })

CD_DEFINE_ENUM_FUNCS (CdChannel, cd_channel,
  { "phone", N_("Phone") }, { "email", N_("Email") }, { "chat", N_("Chat") },
  { "in_person", N_("In person") }, { "other", N_("Other") })

CD_DEFINE_ENUM_FUNCS (CdPriority, cd_priority,
  { "low", N_("Low") }, { "normal", N_("Normal") },
  { "high", N_("High") }, { "urgent", N_("Urgent") })

CD_DEFINE_ENUM_FUNCS (CdTicketStatus, cd_ticket_status,
  { "new", N_("New") }, { "open", N_("Open") }, { "pending", N_("Pending") },
  { "resolved", N_("Resolved") }, { "closed", N_("Closed") })

CD_DEFINE_ENUM_FUNCS (CdSeverity, cd_severity,
  { "minor", N_("Minor") }, { "major", N_("Major") }, { "critical", N_("Critical") })

CD_DEFINE_ENUM_FUNCS (CdComplaintStatus, cd_complaint_status,
  { "received", N_("Received") }, { "acknowledged", N_("Acknowledged") },
  { "investigating", N_("Investigating") }, { "resolved", N_("Resolved") },
  { "following_up", N_("Following up") }, { "closed", N_("Closed") })

CD_DEFINE_ENUM_FUNCS (CdFollowupMethod, cd_followup_method,
  { "phone", N_("Phone call") }, { "email", N_("Email") },
  { "visit", N_("Visit") }, { "message", N_("Message") })

CD_DEFINE_ENUM_FUNCS (CdFollowupStatus, cd_followup_status,
  { "scheduled", N_("Scheduled") }, { "done", N_("Done") },
  { "missed", N_("Missed") }, { "cancelled", N_("Cancelled") })

CD_DEFINE_ENUM_FUNCS (CdOutcome, cd_outcome,
  { "satisfied", N_("Satisfied") }, { "neutral", N_("Neutral") },
  { "unsatisfied", N_("Unsatisfied") }, { "unreachable", N_("Unreachable") })

CD_DEFINE_ENUM_FUNCS (CdCourseKind, cd_course_kind,
  { "product", N_("Product knowledge") }, { "service", N_("Service skills") },
  { "industry", N_("Industry knowledge") }, { "policy", N_("Policy and culture") })

CD_DEFINE_ENUM_FUNCS (CdDelivery, cd_delivery,
  { "internal", N_("Internal") }, { "external", N_("External") }, { "online", N_("Online") })

CD_DEFINE_ENUM_FUNCS (CdAttendance, cd_attendance,
  { "attended", N_("Attended") }, { "absent", N_("Absent") }, { "excused", N_("Excused") })

CD_DEFINE_ENUM_FUNCS (CdAssessmentKind, cd_assessment_kind,
  { "exam", N_("Exam") }, { "practical", N_("Practical") },
  { "customer", N_("Customer evaluation") })

CD_DEFINE_ENUM_FUNCS (CdCertStatus, cd_cert_status,
  { "active", N_("Active") }, { "expiring", N_("Expiring") },
  { "expired", N_("Expired") }, { "revoked", N_("Revoked") })
