/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/* What changed in the shared file: one kind of record and which of them.
 *
 * The store emits "changed" with a CdChange after each commit of its own
 * (on its connection or one of its workers') and, within about a second,
 * for the commits of other Caredesk processes, which it reads from the
 * audit log. The signal is detailed by the kind, so a view connects to
 * "changed::tickets" and refreshes the rows it shows when their ids are
 * among those that changed.
 *
 * A kind is the name of the table the records live in (the audit log's
 * entity), with one exception: a ticket's timeline (ticket_events) is
 * reported as a change of the ticket. Changes nobody records in the audit
 * log (drafts, presence, reminders, snoozes) are reported for the whole
 * kind when another process commits. */

#define CD_CHANGE_STAFF            "staff"
#define CD_CHANGE_CUSTOMERS        "customers"
#define CD_CHANGE_TICKETS          "tickets"
#define CD_CHANGE_COMPLAINTS       "complaints"
#define CD_CHANGE_FOLLOWUPS        "followups"
#define CD_CHANGE_TICKET_CATEGORIES "ticket_categories"
#define CD_CHANGE_SLA_POLICIES     "sla_policies"
#define CD_CHANGE_CALENDARS        "business_calendars"
#define CD_CHANGE_HOLIDAYS         "holidays"
#define CD_CHANGE_SETTINGS         "settings"
#define CD_CHANGE_DRAFTS           "drafts"
#define CD_CHANGE_PRESENCE         "presence"
#define CD_CHANGE_REMINDERS        "reminders"
#define CD_CHANGE_SNOOZES          "snoozes"
#define CD_CHANGE_OWNER_REQUESTS   "customer_owner_requests"

typedef enum {
  CD_CHANGE_LOCAL,     /* committed by this store (or its workers) */
  CD_CHANGE_EXTERNAL,  /* committed by another process */
} CdChangeOrigin;

#define CD_TYPE_CHANGE (cd_change_get_type ())
typedef struct _CdChange CdChange;

GType          cd_change_get_type   (void) G_GNUC_CONST;
CdChange      *cd_change_ref        (CdChange       *self);
void           cd_change_unref      (CdChange       *self);

/* The kind (an interned string, as the signal's detail). */
const char    *cd_change_get_kind   (const CdChange *self);
CdChangeOrigin cd_change_get_origin (const CdChange *self);
/* TRUE when which records changed is not known: take all of them. */
gboolean       cd_change_is_all     (const CdChange *self);
/* The ids that changed, ascending and without repeats (none when all). */
guint          cd_change_get_n_ids  (const CdChange *self);
gint64         cd_change_get_id     (const CdChange *self,
                                     guint           index);
/* TRUE when @id changed, or when all did. */
gboolean       cd_change_has_id     (const CdChange *self,
                                     gint64          id);
/* TRUE when any of the @n_ids ids changed, or when all did. */
gboolean       cd_change_has_any    (const CdChange *self,
                                     const gint64   *ids,
                                     guint           n_ids);

/* For tests and for widgets shown without a store. */
CdChange      *cd_change_new        (const char     *kind,
                                     CdChangeOrigin  origin,
                                     const gint64   *ids,
                                     guint           n_ids);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CdChange, cd_change_unref)

G_END_DECLS
