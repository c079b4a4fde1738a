/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* Tickets: each ticket's record and workflow (cd-ticket.h), its SLA
 * clocks and the SLA rules (cd-ticket-sla.h), who may work on it
 * (cd-ticket-assignees.h), the list of categories
 * (cd-ticket-categories.h), per-person drafts (cd-drafts.h), "who else is
 * editing" presence (cd-presence.h), and the queues and the list of the
 * Tickets view (cd-tickets-list.h). */

#include "cd-drafts.h"
#include "cd-presence.h"
#include "cd-ticket.h"
#include "cd-ticket-assignees.h"
#include "cd-ticket-categories.h"
#include "cd-ticket-sla.h"
#include "cd-tickets-list.h"
