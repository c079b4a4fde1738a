/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "cd-conflict-dialog.h"
#include "cd-store.h"

G_BEGIN_DECLS

/* What the Training view's record editors do alike: they hold one record
 * as loaded (id 0 for a new one), check the form as it is typed and say
 * what is wrong under it, save in the background on the store's write
 * lane with the save button showing "Saving…", offer reload or
 * overwrite when someone else saved the record meanwhile (their version
 * is read on the worker thread too), emit "saved"
 * with its id and close. Escape closes, Ctrl+S and Enter in an entry
 * save, through the action "editor.save".
 *
 * A subclass's template names its widgets "window_title", "save_button",
 * "toast_overlay" and "note_label", uses the handlers "on_changed_cb" and
 * "on_activated_cb" (bound by cd_training_editor_class_bind_template()),
 * and fills in the class's functions. */
#define CD_TYPE_TRAINING_EDITOR (cd_training_editor_get_type ())
typedef gpointer (*CdTrainingEditorLoad)   (CdStore       *store,
                                            gint64         id,
                                            GError       **error);
typedef gint64   (*CdTrainingEditorCreate) (CdStore       *store,
                                            gconstpointer  record,
                                            GError       **error);
typedef gboolean (*CdTrainingEditorUpdate) (CdStore       *store,
                                            gconstpointer  record,
                                            gint64         version,
                                            GError       **error);

G_DECLARE_DERIVABLE_TYPE (CdTrainingEditor, cd_training_editor, CD, TRAINING_EDITOR, AdwWindow)

struct _CdTrainingEditorClass
{
  AdwWindowClass parent_class;

  /* Frees a record of the subclass's kind. */
  GDestroyNotify record_free;
  /* The heading over a failed save ("Could Not Save the Course"). */
  const char    *save_failed;

  /* The record as the form says, or NULL with *@problem saying in words
   * why it cannot be saved as it stands. */
  gpointer   (*collect)         (CdTrainingEditor *self,
                                 char            **problem);
  /* The domain's functions for the record, cast to these types
   * (cd_course_load, cd_course_create, cd_course_update). Create and
   * update run on the store's worker thread, and so does load after a
   * save found a newer version. */
  CdTrainingEditorLoad   load;
  CdTrainingEditorCreate create;
  CdTrainingEditorUpdate update;
  /* Fills the form from the record (cd_training_editor_get_record()). */
  void       (*apply)           (CdTrainingEditor *self);
  /* The id and the version of @record. */
  void       (*identify)        (gconstpointer     record,
                                 gint64           *id,
                                 gint64           *version);
  /* The reload-or-overwrite dialog: @yours as the form says, @theirs
   * as saved by someone else. */
  GtkWidget *(*conflict_dialog) (CdTrainingEditor *self,
                                 gconstpointer     yours,
                                 gconstpointer     theirs);
};

/* For a subclass's class_init, after it set its template. */
void       cd_training_editor_class_bind_template (GtkWidgetClass   *widget_class);
/* For a subclass's init, in place of gtk_widget_init_template(). */
void       cd_training_editor_init_template       (CdTrainingEditor *self);

/* Loads record @id (0: none) for editing; FALSE (with the reason in a
 * toast when loading failed) when the subclass must make a new record
 * and give it with cd_training_editor_set_record(). */
gboolean   cd_training_editor_open                (CdTrainingEditor *self,
                                                   CdStore          *store,
                                                   gint64            id);
/* Takes @record as the one being edited. */
void       cd_training_editor_set_record          (CdTrainingEditor *self,
                                                   gpointer          record);
/* Titles the window ("New Course", "Edit Course"). */
void       cd_training_editor_set_title           (CdTrainingEditor *self,
                                                   const char       *title);
/* Fills the form from the record and checks it. */
void       cd_training_editor_fill                (CdTrainingEditor *self);
/* While what the form offers is read in the background: the form is
 * insensitive, "Loading…" under the title, and nothing can be saved. */
void       cd_training_editor_set_loading         (CdTrainingEditor *self,
                                                   gboolean          loading);
/* Loading failed: the form stays insensitive, with @error in a toast. */
void       cd_training_editor_fail_load           (CdTrainingEditor *self,
                                                   const GError     *error);
gboolean   cd_training_editor_get_loading         (CdTrainingEditor *self);
/* Checks the form again (after a change its template does not signal). */
void       cd_training_editor_validate            (CdTrainingEditor *self);

gpointer   cd_training_editor_get_record          (CdTrainingEditor *self);
CdStore   *cd_training_editor_get_store           (CdTrainingEditor *self);
/* Cancelled when the editor goes: for the subclass's own jobs. */
GCancellable *cd_training_editor_get_cancellable  (CdTrainingEditor *self);
gboolean   cd_training_editor_get_saving          (CdTrainingEditor *self);
/* Shows @text in the editor's toast overlay. */
void       cd_training_editor_toast               (CdTrainingEditor *self,
                                                   const char       *text);

G_END_DECLS
