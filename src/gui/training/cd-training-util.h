/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "cd-store.h"
#include "cd-training.h"

G_BEGIN_DECLS

/* Small pieces the Training view's pages and dialogs share. */

/* Shows @error's message in a dialog over @widget's window, under
 * @heading ("Could Not Save the Course"). */
void           cd_training_show_error       (GtkWidget    *widget,
                                             const char   *heading,
                                             const GError *error);
/* A toast in the nearest toast overlay above @widget (the view's). */
void           cd_training_toast            (GtkWidget    *widget,
                                             const char   *text);
/* Shows on @button that what it started is under way: a spinner and
 * @what ("Saving…") in place of its label; NULL puts the label back. */
void           cd_training_button_set_busy  (GtkButton    *button,
                                             const char   *what);

/* Presents @window over the window that holds @widget. */
void           cd_training_present          (GtkWidget    *widget,
                                             GtkWidget    *window);

/* Active staff of @roles (0: any) by name, for a drop-down; their ids in
 * @ids (gint64), in the same order, after @n_fixed entries the caller
 * put in @ids already. */
GtkStringList *cd_training_staff_choices    (CdStore      *store,
                                             guint         roles,
                                             GArray       *ids,
                                             GError      **error);
/* The position of @id in @ids, or @fallback. */
guint          cd_training_position_of      (GArray       *ids,
                                             gint64        id,
                                             guint         fallback);

/* The position of @value in @values (int), or @fallback. */
guint          cd_training_position_of_int  (GArray       *values,
                                             int           value,
                                             guint         fallback);

/* The style class that colours a status: "success", "warning", "error"
 * or "dim-label". */
const char    *cd_training_cert_css         (CdCertStatus  status);
const char    *cd_training_plan_css         (CdPlanStatus  status);

/* A score or a number of hours as typed: "82", "82.5". */
char          *cd_training_format_number    (double        value);

/* For a page's dispose: its template's outer box has no id, so
 * gtk_widget_dispose_template() leaves it in place. */
void           cd_training_unparent_children (GtkWidget   *widget);

/* A label for a role, for lists: "Rep". */
const char    *cd_training_role_text        (const char   *nick);

G_END_DECLS
