/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The login autostart entry: $XDG_CONFIG_HOME/autostart/<app id>.desktop,
 * which starts `caredesk --hidden`. */
char     *cd_autostart_dup_path    (void);
gboolean  cd_autostart_is_enabled  (void);
/* Writes the entry, or removes it (a missing entry is not an error). */
gboolean  cd_autostart_set_enabled (gboolean   enabled,
                                    GError   **error);

G_END_DECLS
