/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Migration N (1-based) brings a file from user_version N-1 to N. */
guint       cd_schema_get_n_migrations (void);
const char *cd_schema_get_migration    (guint to_version);

G_END_DECLS
