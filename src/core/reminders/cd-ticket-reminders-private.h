/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* The SLA and escalation reminders, for cd_reminders_claim_due(): claimed
 * in the same transaction and the same table as the follow-ups', so they
 * too go out once per person and threshold across processes and
 * restarts. */

#include "cd-reminders.h"
#include "cd-training-private.h"

G_BEGIN_DECLS

/* Appends to @claims (CdReminderClaim) the SLA and escalation reminders
 * due for @recipient_id (of @role) at @now and not recorded yet; see the
 * kinds in cd-reminders.h. */
gboolean cd_ticket_reminders_collect   (CdStore         *store,
                                        gint64           recipient_id,
                                        CdRole           role,
                                        gint64           now,
                                        GArray          *claims,
                                        GError         **error);
/* Fills in what a notification about @reminder (kind, entity and
 * threshold set) shows. */
gboolean cd_ticket_reminders_describe  (CdStore         *store,
                                        CdReminder      *reminder,
                                        GError         **error);
/* The earliest time after @now at which a new SLA or escalation reminder
 * may fall due for @recipient_id: exact for the escalations and the
 * breaches; for the 75 % warnings exact within the next business hour and
 * otherwise @now + one hour, when a clock further off is still running.
 * 0 when none is coming; -1 with @error. */
gint64   cd_ticket_reminders_next      (CdStore         *store,
                                        gint64           recipient_id,
                                        CdRole           role,
                                        gint64           now,
                                        GError         **error);
gboolean cd_ticket_reminders_still_due (CdStore         *store,
                                        CdReminderKind   kind,
                                        gint64           entity_id,
                                        gint64           now,
                                        GError         **error);
/* TRUE for the SLA and escalation kinds. */
gboolean cd_ticket_reminders_is_ticket_kind (CdReminderKind kind);

G_END_DECLS
