/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "cd-store.h"

G_BEGIN_DECLS

#define CD_TYPE_SETUP_WINDOW (cd_setup_window_get_type ())
G_DECLARE_FINAL_TYPE (CdSetupWindow, cd_setup_window, CD, SETUP_WINDOW, AdwWindow)

/* The short setup a fresh database starts with, for its first
 * administrator: the team's name, its business hours and the colleagues
 * who will sign in. Skipping it is fine; it can be opened again from the
 * main menu. @store is construct-only. */
CdSetupWindow *cd_setup_window_new         (CdStore       *store);

/* Writes started and not finished yet. */
guint          cd_setup_window_get_pending (CdSetupWindow *self);

G_END_DECLS
