/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "cd-reminders.h"
#include "cd-store.h"

G_BEGIN_DECLS

/* Whether a reminder of @kind for @entity_id at @threshold to
 * @recipient_id is recorded (in this transaction too). Every kind's
 * claim asks it before recording one; a recorded reminder is never
 * taken back, so what is found outside a transaction is remembered per
 * connection. */
gboolean cd_reminders_already_sent (CdStore         *store,
                                    CdReminderKind   kind,
                                    gint64           entity_id,
                                    gint64           threshold,
                                    gint64           recipient_id,
                                    gboolean        *sent,
                                    GError         **error);

G_END_DECLS
