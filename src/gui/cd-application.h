/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "cd-store.h"

G_BEGIN_DECLS

#define CD_TYPE_APPLICATION (cd_application_get_type ())
G_DECLARE_FINAL_TYPE (CdApplication, cd_application, CD, APPLICATION, AdwApplication)

CdApplication *cd_application_new          (void);

/* Before GTK starts: picks GTK's cairo renderer when the machine has no
 * GPU to draw with, unless GSK_RENDERER already says which to use. */
void           cd_application_choose_renderer (void);
/* The application's settings, created once; NULL when the settings
 * schema is not installed. */
GSettings     *cd_application_get_settings (CdApplication *self);
/* The open database, or NULL. It may not be signed in (the desktop user
 * is not on its staff list). */
CdStore       *cd_application_get_store    (CdApplication *self);

G_END_DECLS
