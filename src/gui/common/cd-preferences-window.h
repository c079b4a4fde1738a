/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define CD_TYPE_PREFERENCES_WINDOW (cd_preferences_window_get_type ())
G_DECLARE_FINAL_TYPE (CdPreferencesWindow, cd_preferences_window, CD, PREFERENCES_WINDOW, AdwPreferencesWindow)

/* Every control is bound to @settings (construct-only, the app's
 * GSettings). */
CdPreferencesWindow *cd_preferences_window_new (GSettings *settings);

G_END_DECLS
