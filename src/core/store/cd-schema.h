/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Migration N (1-based) brings a file from user_version N-1 to N. */
guint       cd_schema_get_n_migrations (void);
const char *cd_schema_get_migration    (guint to_version);

/* Copies each ticket's customer and assignee names onto it (schema 2
 * keeps them there with triggers); for a load done without the triggers. */
#define CD_SCHEMA_FILL_TICKET_NAMES \
  "UPDATE tickets SET" \
  "  customer_name = ifnull ((SELECT c.name FROM customers c WHERE c.id = tickets.customer_id), '')," \
  "  assignee_name = ifnull ((SELECT s.display_name FROM staff s WHERE s.id = tickets.assignee_id), '');"

G_END_DECLS
