/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* What the parts of the tickets domain share and nothing else does: the
 * checks and messages every write of a ticket uses, the list of fields a
 * write builds, the timeline's events, and the SLA policy and calendar a
 * ticket's clock is counted with. */

#include "cd-store-private.h"
#include "cd-tickets.h"

G_BEGIN_DECLS

#define OPEN_STATUSES "status IN ('new','open','pending')"

/* Without ANALYZE statistics SQLite guesses that an equality on
 * tickets_status matches about ten rows, and would walk every open ticket
 * through that index to find the few near their deadline. Declaring the
 * deadline range unlikely makes it take the partial index
 * tickets_resolution_due instead (whose WHERE the status term matches),
 * which only reads the tickets inside the range. likelihood() does not
 * change the result. */
#define DUE_RANGE(cmp) "likelihood (resolution_due " cmp " ?, 0.000001)"

/* Business hours around the clock: used when no calendar exists at all, so
 * that a policy still yields deadlines. */
#define ALWAYS_OPEN_WEEK \
  "00:00-24:00;00:00-24:00;00:00-24:00;00:00-24:00;00:00-24:00;00:00-24:00;00:00-24:00"

/* Checks -------------------------------------------------------------------- */

/* Checks UTF-8 and length; @what is a translated noun ("subject"). */
gboolean  cd_tickets_check_text          (const char  *text,
                                          glong        max_chars,
                                          gboolean     required,
                                          const char  *what,
                                          GError     **error);
void      cd_tickets_set_stale           (GError     **error);
gboolean  cd_tickets_require_signed_in   (CdStore     *store,
                                          GError     **error);
gboolean  cd_tickets_is_lead             (CdStore     *store);
gboolean  cd_tickets_check_entity        (const char  *entity,
                                          GError     **error);
gboolean  cd_tickets_check_active_staff  (CdStore     *store,
                                          gint64       staff_id,
                                          GError     **error);
char     *cd_tickets_staff_name          (CdStore     *store,
                                          gint64       staff_id);
gboolean  cd_ticket_check_category       (CdStore     *store,
                                          gint64       category_id,
                                          GError     **error);
/* Fails with INVALID when @assignee_id lacks the certification the
 * category needs and no reason is given. */
gboolean  cd_ticket_check_certification  (CdStore     *store,
                                          gint64       assignee_id,
                                          gint64       category_id,
                                          const char  *reason,
                                          gboolean     reason_allowed,
                                          GError     **error);

/* Writing a ticket ------------------------------------------------------------ */

/* A growing list of CdField whose values it owns. */
typedef struct {
  GArray    *fields;
  GPtrArray *owned;
} CdTicketFields;

void           cd_ticket_fields_clear       (CdTicketFields *fl);
/* Takes ownership of @value (may be NULL for SQL NULL). */
void           cd_ticket_fields_take        (CdTicketFields *fl,
                                             const char     *column,
                                             char           *value);
void           cd_ticket_fields_text        (CdTicketFields *fl,
                                             const char     *column,
                                             const char     *value);
void           cd_ticket_fields_int         (CdTicketFields *fl,
                                             const char     *column,
                                             gint64          value);
/* 0 is stored as NULL (unset id or instant). */
void           cd_ticket_fields_int_or_null (CdTicketFields *fl,
                                             const char     *column,
                                             gint64          value);
const CdField *cd_ticket_fields_data        (CdTicketFields *fl);
guint          cd_ticket_fields_len         (CdTicketFields *fl);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (CdTicketFields, cd_ticket_fields_clear)

/* Writes one event of the timeline in the caller's transaction; returns
 * its id, 0 with @error on failure. */
gint64    cd_ticket_add_event            (CdStore     *store,
                                          gint64       ticket_id,
                                          const char  *kind,
                                          const char  *body,
                                          const char  *old_value,
                                          const char  *new_value,
                                          GError     **error);
/* Loads inside the caller's transaction and checks the version the caller
 * saw; 0 skips the check (overwrite). */
CdTicket *cd_ticket_load_for_update      (CdStore     *store,
                                          gint64       id,
                                          gint64       expected_version,
                                          GError     **error);

/* The SLA policy and calendar ----------------------------------------------- */

typedef struct {
  gboolean found;
  gint     first_response_minutes;
  gint     resolution_minutes;
  gint64   calendar_id;  /* 0: the first calendar */
} CdTicketPolicy;

gboolean       cd_ticket_find_policy     (CdStore         *store,
                                          CdPriority       priority,
                                          const char      *tier_nick,
                                          CdTicketPolicy  *out,
                                          GError         **error);
/* The calendar @calendar_id, else the first calendar, else around the
 * clock. NULL with @error only when the stored calendar cannot be read. */
CdSlaCalendar *cd_ticket_load_calendar   (CdStore         *store,
                                          gint64           calendar_id,
                                          GError         **error);
/* The tier nick of a customer, or NULL with NOT_FOUND/INVALID. */
char          *cd_ticket_customer_tier   (CdStore         *store,
                                          gint64           customer_id,
                                          GError         **error);
/* The policy and calendar that apply to a ticket of @priority for a
 * customer of @tier_nick. *calendar is always set on success. */
gboolean       cd_ticket_clock           (CdStore         *store,
                                          CdPriority       priority,
                                          const char      *tier_nick,
                                          CdTicketPolicy  *policy,
                                          CdSlaCalendar  **calendar,
                                          GError         **error);

/* The SLA rules read once: what the queues' at-risk condition is built
 * from. */
typedef struct {
  int             priority;
  char           *tier;      /* NULL: any tier */
  CdTicketPolicy  policy;
} CdTicketRulesPolicy;

typedef struct {
  gint64         id;
  CdSlaCalendar *calendar;  /* NULL when it cannot be used: see error */
  GError        *error;
} CdTicketRulesCalendar;

struct _CdTicketSlaRules
{
  GArray        *policies;   /* CdTicketRulesPolicy */
  GArray        *calendars;  /* CdTicketRulesCalendar, by id */
  CdSlaCalendar *always_open;
  GError        *always_open_error;
};

/* As cd_ticket_load_calendar(): the policy's calendar, else the first
 * one, else around the clock. */
const CdSlaCalendar *cd_ticket_sla_rules_find_calendar (const CdTicketSlaRules  *rules,
                                                        gint64                   calendar_id,
                                                        GError                 **error);

G_END_DECLS
