/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "cd-store.h"

G_BEGIN_DECLS

#define CD_TYPE_NOTIFIER (cd_notifier_get_type ())
G_DECLARE_FINAL_TYPE (CdNotifier, cd_notifier, CD, NOTIFIER, GObject)

/* Watches @store for the signed-in person's reminders (overdue
 * follow-ups, SLA warnings and breaches, promised escalation replies,
 * certifications) and raises desktop notifications. Reads its
 * preferences from @settings (the app's GSettings). Activating "Open" or
 * "Mark done…" activates the application actions "app.open-followup" and
 * "app.record-outcome" with the follow-up id (int64); "Open Ticket"
 * activates "app.open-ticket" with the ticket id. */
CdNotifier *cd_notifier_new   (GApplication *app,
                               CdStore      *store,
                               GSettings    *settings);
/* Looks for due reminders now (also done by the notifier's own timer and
 * on changes of follow-ups, reminders, snoozes and staff). Any that are
 * due are claimed on the store's write worker and shown once claimed. */
void        cd_notifier_check (CdNotifier   *self);

G_END_DECLS
