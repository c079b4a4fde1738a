/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "cd-store.h"

G_BEGIN_DECLS

/* A popover that finds a customer by name, organisation or phone (at most
 * 50 matches) and emits "customer-chosen" (gint64 id, const char *name). */
#define CD_TYPE_CUSTOMER_PICKER (cd_customer_picker_get_type ())
G_DECLARE_FINAL_TYPE (CdCustomerPicker, cd_customer_picker, CD, CUSTOMER_PICKER, GtkPopover)

#define CD_CUSTOMER_PICKER_LIMIT 50

GtkWidget *cd_customer_picker_new    (CdStore          *store);
/* Runs the search for @text now (also what typing does); returns the
 * number of matches shown. */
guint      cd_customer_picker_search (CdCustomerPicker *self,
                                      const char       *text);

G_END_DECLS
