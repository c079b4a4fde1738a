/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

/* CdConflictDialog -----------------------------------------------------------
 * What to show when a save fails with CD_STORE_ERROR_STALE: someone else
 * saved the record after it was opened. The dialog lists each field that
 * differs (its label, the value the person has in front of them, the value
 * that is saved now) and offers three responses:
 *
 *   CD_CONFLICT_RESPONSE_RELOAD     drop your values and show the saved ones
 *   CD_CONFLICT_RESPONSE_OVERWRITE  save your values anyway (call the save
 *                                   again with expected_version 0)
 *   CD_CONFLICT_RESPONSE_CANCEL     close and keep editing (Escape, too)
 *
 * Use:
 *
 *   GtkWidget *dialog = cd_conflict_dialog_new (parent, _("customer Wang Fang"));
 *   cd_conflict_dialog_add_field (CD_CONFLICT_DIALOG (dialog), _("Phone"), mine, theirs);
 *   …
 *   g_signal_connect (dialog, "response", G_CALLBACK (on_conflict_response_cb), self);
 *   gtk_window_present (GTK_WINDOW (dialog));
 *
 * and in the handler compare the response id with the macros above (or use
 * cd_conflict_dialog_choice_from_response()). The dialog destroys itself
 * after "response", as every AdwMessageDialog does.
 *
 * Fields whose two values are equal are skipped, so a caller may add every
 * field of the record. When no field shown differs (the other person
 * changed something the form does not show), the dialog says so. */

#define CD_CONFLICT_RESPONSE_CANCEL    "cancel"
#define CD_CONFLICT_RESPONSE_RELOAD    "reload"
#define CD_CONFLICT_RESPONSE_OVERWRITE "overwrite"

typedef enum {
  CD_CONFLICT_CHOICE_CANCEL,
  CD_CONFLICT_CHOICE_RELOAD,
  CD_CONFLICT_CHOICE_OVERWRITE,
} CdConflictChoice;

#define CD_TYPE_CONFLICT_DIALOG (cd_conflict_dialog_get_type ())
G_DECLARE_FINAL_TYPE (CdConflictDialog, cd_conflict_dialog, CD, CONFLICT_DIALOG, AdwMessageDialog)

/* @parent: (nullable): the window the dialog is modal for.
 * @record_name: what was saved, as a phrase that fits "Someone else saved
 *   %s after you opened it", e.g. "ticket T-000123" (translated). */
GtkWidget        *cd_conflict_dialog_new                  (GtkWindow        *parent,
                                                           const char       *record_name);

/* Adds one line when @yours and @theirs differ (NULL counts as empty; an
 * empty value is shown as "(empty)"). Returns TRUE if a line was added. */
gboolean          cd_conflict_dialog_add_field            (CdConflictDialog *self,
                                                           const char       *label,
                                                           const char       *yours,
                                                           const char       *theirs);

/* Who saved the newer version and when (UTC seconds), for the body text;
 * either may be NULL/0 when not known. */
void              cd_conflict_dialog_set_changed_by       (CdConflictDialog *self,
                                                           const char       *name,
                                                           gint64            when);

/* The number of lines added, and each line's texts (borrowed; for tests). */
guint             cd_conflict_dialog_get_n_fields         (CdConflictDialog *self);
void              cd_conflict_dialog_get_field            (CdConflictDialog *self,
                                                           guint             index,
                                                           const char      **label,
                                                           const char      **yours,
                                                           const char      **theirs);

/* Maps a response id to a choice; anything unknown is CANCEL. */
CdConflictChoice  cd_conflict_dialog_choice_from_response (const char       *response);

G_END_DECLS
