/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "cd-store.h"

G_BEGIN_DECLS

/* What the Training view's list pages share: the store they show (the
 * construct-only property "store"), a cancellable for their background
 * jobs, cancelled when the page goes, and a template laid out in a bin
 * that is taken down in dispose. A subclass frees its lists in its own
 * dispose before chaining up. */
#define CD_TYPE_TRAINING_PAGE (cd_training_page_get_type ())
G_DECLARE_DERIVABLE_TYPE (CdTrainingPage, cd_training_page, CD, TRAINING_PAGE, GtkWidget)

struct _CdTrainingPageClass
{
  GtkWidgetClass parent_class;
};

CdStore      *cd_training_page_get_store       (CdTrainingPage *self);
GCancellable *cd_training_page_get_cancellable (CdTrainingPage *self);

/* The store of a page of any subclass. */
#define CD_PAGE_STORE(page) (cd_training_page_get_store (CD_TRAINING_PAGE (page)))
#define CD_PAGE_CANCELLABLE(page) (cd_training_page_get_cancellable (CD_TRAINING_PAGE (page)))

G_END_DECLS
