/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "cd-store.h"

G_BEGIN_DECLS

/* Small pieces the customer widgets share. */

/* The names of the staff (cd_staff_list(): active people by display
 * name, and @include_id even when they have left, a customer's former
 * owner, say) for a drop-down. Ids go to @ids (gint64) in the same
 * order. NULL with @error on failure. */
GtkStringList *cd_customers_staff_choices   (CdStore   *store,
                                             gint64     include_id,
                                             GArray    *ids,
                                             GError   **error);

/* Shows on @button that what it started is under way: a spinner and
 * @what ("Saving…") in place of its label; NULL puts the label back.
 * The action the button activates is disabled meanwhile by its owner. */
void           cd_customers_button_set_busy (GtkButton    *button,
                                             const char   *what);

/* Shows @error's message in a dialog over @widget's window, under
 * @heading ("Could Not Export Customers"). */
void           cd_customers_show_error      (GtkWidget    *widget,
                                             const char   *heading,
                                             const GError *error);

G_END_DECLS
