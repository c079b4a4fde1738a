/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "caredesk-training"

#include "config.h"

#include <glib/gi18n.h>

#include "cd-training-editor.h"
#include "cd-training-util.h"

typedef struct
{
  CdStore         *store;
  gpointer         record;       /* as loaded; id 0 for a new one */
  gpointer         theirs;       /* what a conflicting save found */
  gboolean         filling;
  gboolean         loading;
  gboolean         saving;
  GCancellable    *cancellable;

  /* Template widgets of the subclass */
  AdwWindowTitle  *window_title;
  GtkButton       *save_button;
  AdwToastOverlay *toast_overlay;
  GtkLabel        *note_label;
} CdTrainingEditorPrivate;

enum {
  SIGNAL_SAVED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_TYPE_WITH_PRIVATE (CdTrainingEditor, cd_training_editor, ADW_TYPE_WINDOW)

static void
identify (CdTrainingEditor *self,
          gint64           *id,
          gint64           *version)
{
  CdTrainingEditorPrivate *priv = cd_training_editor_get_instance_private (self);

  CD_TRAINING_EDITOR_GET_CLASS (self)->identify (priv->record, id, version);
}

void
cd_training_editor_validate (CdTrainingEditor *self)
{
  CdTrainingEditorPrivate *priv;
  g_autofree char *problem = NULL;
  gpointer record;

  g_return_if_fail (CD_IS_TRAINING_EDITOR (self));

  priv = cd_training_editor_get_instance_private (self);
  /* The drop-downs get their models before the record is read. */
  if (priv->record == NULL || priv->store == NULL || priv->filling)
    return;
  record = CD_TRAINING_EDITOR_GET_CLASS (self)->collect (self, &problem);
  gtk_label_set_text (priv->note_label, problem != NULL ? problem : "");
  gtk_widget_set_visible (GTK_WIDGET (priv->note_label), problem != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.save", record != NULL && !priv->saving && !priv->loading);
  if (record != NULL)
    CD_TRAINING_EDITOR_GET_CLASS (self)->record_free (record);
}

static void
on_changed_cb (CdTrainingEditor *self)
{
  cd_training_editor_validate (self);
}

static void
on_activated_cb (CdTrainingEditor *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "editor.save", NULL);
}

/* Saving ---------------------------------------------------------------------- */

typedef struct {
  CdTrainingEditorClass *klass;
  gpointer               record;
  gpointer               theirs;   /* read when the save found a newer version */
  gint64                 version;
  gint64                 id;
} SaveJob;

static void
save_job_free (gpointer data)
{
  SaveJob *job = data;

  job->klass->record_free (job->record);
  g_clear_pointer (&job->theirs, job->klass->record_free);
  g_free (job);
}

static gboolean
run_save (CdStore       *store,
          gpointer       data,
          GCancellable  *cancellable,
          GError       **error)
{
  SaveJob *job = data;
  gint64 id, version;

  job->klass->identify (job->record, &id, &version);
  if (id == 0)
    {
      job->id = job->klass->create (store, job->record, error);
      return job->id != 0;
    }
  job->id = id;
  if (job->klass->update (store, job->record, job->version, error))
    return TRUE;
  /* Read here, not on the main thread, where it could wait for the lock. */
  if (error != NULL && g_error_matches (*error, CD_STORE_ERROR, CD_STORE_ERROR_STALE))
    job->theirs = job->klass->load (store, id, NULL);
  return FALSE;
}

static void save (CdTrainingEditor *self,
                  gboolean          overwrite);

static void
on_conflict_response_cb (AdwMessageDialog *dialog,
                         const char       *response,
                         CdTrainingEditor *self)
{
  CdTrainingEditorPrivate *priv = cd_training_editor_get_instance_private (self);
  G_GNUC_UNUSED g_autoptr(CdTrainingEditor) guard = g_object_ref (self);

  gtk_window_set_transient_for (GTK_WINDOW (dialog), NULL);
  switch (cd_conflict_dialog_choice_from_response (response))
    {
    case CD_CONFLICT_CHOICE_RELOAD:
      if (priv->theirs != NULL)
        {
          cd_training_editor_set_record (self, g_steal_pointer (&priv->theirs));
          cd_training_editor_fill (self);
        }
      break;
    case CD_CONFLICT_CHOICE_OVERWRITE:
      save (self, TRUE);
      break;
    case CD_CONFLICT_CHOICE_CANCEL:
    default:
      break;
    }
}

static void
show_conflict (CdTrainingEditor *self,
               gconstpointer     yours,
               gpointer          theirs)
{
  CdTrainingEditorClass *klass = CD_TRAINING_EDITOR_GET_CLASS (self);
  CdTrainingEditorPrivate *priv = cd_training_editor_get_instance_private (self);
  GtkWidget *dialog;

  if (theirs == NULL)
    {
      cd_training_editor_toast (self,
                                _("Someone else changed or deleted it meanwhile, and it could not be read again."));
      return;
    }
  g_clear_pointer (&priv->theirs, klass->record_free);
  priv->theirs = theirs;
  dialog = klass->conflict_dialog (self, yours, theirs);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_conflict_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
set_saving (CdTrainingEditor *self,
            gboolean          saving)
{
  CdTrainingEditorPrivate *priv = cd_training_editor_get_instance_private (self);

  priv->saving = saving;
  cd_training_button_set_busy (priv->save_button, saving ? _("Saving…") : NULL);
  cd_training_editor_validate (self);
}

static void
save_done_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(CdTrainingEditor) self = user_data;
  CdTrainingEditorPrivate *priv = cd_training_editor_get_instance_private (self);
  SaveJob *job = cd_store_run_get_data (result);
  g_autoptr(GError) error = NULL;

  if (priv->store == NULL)
    return;
  set_saving (self, FALSE);
  if (!cd_store_run_finish (CD_STORE (source), result, &error))
    {
      if (g_error_matches (error, CD_STORE_ERROR, CD_STORE_ERROR_STALE))
        show_conflict (self, job->record, g_steal_pointer (&job->theirs));
      else if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        cd_training_show_error (GTK_WIDGET (self), job->klass->save_failed, error);
      return;
    }
  g_signal_emit (self, signals[SIGNAL_SAVED], 0, job->id);
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
save (CdTrainingEditor *self,
      gboolean          overwrite)
{
  CdTrainingEditorClass *klass = CD_TRAINING_EDITOR_GET_CLASS (self);
  CdTrainingEditorPrivate *priv = cd_training_editor_get_instance_private (self);
  g_autofree char *problem = NULL;
  gpointer record = klass->collect (self, &problem);
  SaveJob *job;
  gint64 id, version;

  if (record == NULL || priv->saving)
    {
      if (record != NULL)
        klass->record_free (record);
      return;
    }
  identify (self, &id, &version);
  job = g_new0 (SaveJob, 1);
  job->klass = klass;
  job->record = record;
  job->version = overwrite ? 0 : version;
  set_saving (self, TRUE);
  cd_store_run_async (priv->store, CD_STORE_LANE_WRITE, run_save, job, save_job_free, priv->cancellable,
                      save_done_cb, g_object_ref (self));
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  save (CD_TRAINING_EDITOR (widget), FALSE);
}

/* Public ---------------------------------------------------------------------- */

void
cd_training_editor_class_bind_template (GtkWidgetClass *widget_class)
{
  g_return_if_fail (GTK_IS_WIDGET_CLASS (widget_class));

  /* Offset 0: found by name in cd_training_editor_init_template(). */
  gtk_widget_class_bind_template_child_full (widget_class, "window_title", FALSE, 0);
  gtk_widget_class_bind_template_child_full (widget_class, "save_button", FALSE, 0);
  gtk_widget_class_bind_template_child_full (widget_class, "toast_overlay", FALSE, 0);
  gtk_widget_class_bind_template_child_full (widget_class, "note_label", FALSE, 0);
  gtk_widget_class_bind_template_callback (widget_class, on_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_activated_cb);
}

void
cd_training_editor_init_template (CdTrainingEditor *self)
{
  CdTrainingEditorPrivate *priv;
  GType type;

  g_return_if_fail (CD_IS_TRAINING_EDITOR (self));

  priv = cd_training_editor_get_instance_private (self);
  type = G_OBJECT_TYPE (self);
  gtk_widget_init_template (GTK_WIDGET (self));
  priv->window_title = ADW_WINDOW_TITLE (gtk_widget_get_template_child (GTK_WIDGET (self), type, "window_title"));
  priv->save_button = GTK_BUTTON (gtk_widget_get_template_child (GTK_WIDGET (self), type, "save_button"));
  priv->toast_overlay = ADW_TOAST_OVERLAY (gtk_widget_get_template_child (GTK_WIDGET (self), type,
                                                                          "toast_overlay"));
  priv->note_label = GTK_LABEL (gtk_widget_get_template_child (GTK_WIDGET (self), type, "note_label"));
}

gboolean
cd_training_editor_open (CdTrainingEditor *self,
                         CdStore          *store,
                         gint64            id)
{
  CdTrainingEditorPrivate *priv;
  g_autoptr(GError) error = NULL;
  gpointer record = NULL;

  g_return_val_if_fail (CD_IS_TRAINING_EDITOR (self), FALSE);
  g_return_val_if_fail (CD_IS_STORE (store), FALSE);

  priv = cd_training_editor_get_instance_private (self);
  g_set_object (&priv->store, store);
  if (id != 0)
    record = CD_TRAINING_EDITOR_GET_CLASS (self)->load (store, id, &error);
  if (record == NULL)
    {
      if (error != NULL)
        cd_training_editor_toast (self, error->message);
      return FALSE;
    }
  cd_training_editor_set_record (self, record);
  return TRUE;
}

void
cd_training_editor_set_record (CdTrainingEditor *self,
                               gpointer          record)
{
  CdTrainingEditorPrivate *priv;

  g_return_if_fail (CD_IS_TRAINING_EDITOR (self));
  g_return_if_fail (record != NULL);

  priv = cd_training_editor_get_instance_private (self);
  if (priv->record != NULL)
    CD_TRAINING_EDITOR_GET_CLASS (self)->record_free (priv->record);
  priv->record = record;
}

void
cd_training_editor_set_title (CdTrainingEditor *self,
                              const char       *title)
{
  CdTrainingEditorPrivate *priv;

  g_return_if_fail (CD_IS_TRAINING_EDITOR (self));

  priv = cd_training_editor_get_instance_private (self);
  gtk_window_set_title (GTK_WINDOW (self), title);
  adw_window_title_set_title (priv->window_title, title);
}

void
cd_training_editor_fill (CdTrainingEditor *self)
{
  CdTrainingEditorPrivate *priv;

  g_return_if_fail (CD_IS_TRAINING_EDITOR (self));

  priv = cd_training_editor_get_instance_private (self);
  g_return_if_fail (priv->record != NULL);
  /* Checked once when all is in place, not at every row filled. */
  priv->filling = TRUE;
  CD_TRAINING_EDITOR_GET_CLASS (self)->apply (self);
  priv->filling = FALSE;
  cd_training_editor_validate (self);
}

void
cd_training_editor_set_loading (CdTrainingEditor *self,
                                gboolean          loading)
{
  CdTrainingEditorPrivate *priv;

  g_return_if_fail (CD_IS_TRAINING_EDITOR (self));

  priv = cd_training_editor_get_instance_private (self);
  priv->loading = loading;
  gtk_widget_set_sensitive (adw_toast_overlay_get_child (priv->toast_overlay), !loading);
  adw_window_title_set_subtitle (priv->window_title, loading ? _("Loading…") : NULL);
  cd_training_editor_validate (self);
}

void
cd_training_editor_fail_load (CdTrainingEditor *self,
                              const GError     *error)
{
  CdTrainingEditorPrivate *priv;

  g_return_if_fail (CD_IS_TRAINING_EDITOR (self));
  g_return_if_fail (error != NULL);

  priv = cd_training_editor_get_instance_private (self);
  cd_training_editor_set_loading (self, FALSE);
  /* Nothing to edit: saving it would add a new one. */
  gtk_widget_set_sensitive (adw_toast_overlay_get_child (priv->toast_overlay), FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.save", FALSE);
  cd_training_editor_toast (self, error->message);
}

gboolean
cd_training_editor_get_loading (CdTrainingEditor *self)
{
  CdTrainingEditorPrivate *priv;

  g_return_val_if_fail (CD_IS_TRAINING_EDITOR (self), FALSE);
  priv = cd_training_editor_get_instance_private (self);
  return priv->loading;
}

gpointer
cd_training_editor_get_record (CdTrainingEditor *self)
{
  CdTrainingEditorPrivate *priv;

  g_return_val_if_fail (CD_IS_TRAINING_EDITOR (self), NULL);
  priv = cd_training_editor_get_instance_private (self);
  return priv->record;
}

CdStore *
cd_training_editor_get_store (CdTrainingEditor *self)
{
  CdTrainingEditorPrivate *priv;

  g_return_val_if_fail (CD_IS_TRAINING_EDITOR (self), NULL);
  priv = cd_training_editor_get_instance_private (self);
  return priv->store;
}

GCancellable *
cd_training_editor_get_cancellable (CdTrainingEditor *self)
{
  CdTrainingEditorPrivate *priv;

  g_return_val_if_fail (CD_IS_TRAINING_EDITOR (self), NULL);
  priv = cd_training_editor_get_instance_private (self);
  return priv->cancellable;
}

gboolean
cd_training_editor_get_saving (CdTrainingEditor *self)
{
  CdTrainingEditorPrivate *priv;

  g_return_val_if_fail (CD_IS_TRAINING_EDITOR (self), FALSE);
  priv = cd_training_editor_get_instance_private (self);
  return priv->saving;
}

void
cd_training_editor_toast (CdTrainingEditor *self,
                          const char       *text)
{
  CdTrainingEditorPrivate *priv;

  g_return_if_fail (CD_IS_TRAINING_EDITOR (self));
  priv = cd_training_editor_get_instance_private (self);
  adw_toast_overlay_add_toast (priv->toast_overlay, adw_toast_new (text));
}

/* GObject ---------------------------------------------------------------------- */

static void
cd_training_editor_dispose (GObject *object)
{
  CdTrainingEditor *self = CD_TRAINING_EDITOR (object);
  CdTrainingEditorPrivate *priv = cd_training_editor_get_instance_private (self);

  g_cancellable_cancel (priv->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), G_OBJECT_TYPE (self));
  g_clear_object (&priv->store);
  g_clear_pointer (&priv->record, CD_TRAINING_EDITOR_GET_CLASS (self)->record_free);
  g_clear_pointer (&priv->theirs, CD_TRAINING_EDITOR_GET_CLASS (self)->record_free);

  G_OBJECT_CLASS (cd_training_editor_parent_class)->dispose (object);
}

static void
cd_training_editor_finalize (GObject *object)
{
  CdTrainingEditor *self = CD_TRAINING_EDITOR (object);
  CdTrainingEditorPrivate *priv = cd_training_editor_get_instance_private (self);

  g_clear_object (&priv->cancellable);
  G_OBJECT_CLASS (cd_training_editor_parent_class)->finalize (object);
}

static void
cd_training_editor_class_init (CdTrainingEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cd_training_editor_dispose;
  object_class->finalize = cd_training_editor_finalize;

  /* The record's id, once saved; the editor closes after it. */
  signals[SIGNAL_SAVED] =
    g_signal_new ("saved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_INT64);

  gtk_widget_class_install_action (widget_class, "editor.save", NULL, save_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK, "editor.save", NULL);
}

static void
cd_training_editor_init (CdTrainingEditor *self)
{
  CdTrainingEditorPrivate *priv = cd_training_editor_get_instance_private (self);

  priv->cancellable = g_cancellable_new ();
}
