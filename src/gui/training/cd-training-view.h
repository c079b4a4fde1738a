/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "cd-store.h"

G_BEGIN_DECLS

#define CD_TYPE_TRAINING_VIEW (cd_training_view_get_type ())
G_DECLARE_FINAL_TYPE (CdTrainingView, cd_training_view, CD, TRAINING_VIEW, GtkWidget)

/* @store is a construct-only property. */
GtkWidget *cd_training_view_new       (CdStore        *store);
CdStore   *cd_training_view_get_store (CdTrainingView *self);

G_END_DECLS
