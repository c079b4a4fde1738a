/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "caredesk-training"

#include "config.h"

#include <glib/gi18n.h>

#include "cd-certification-dialog.h"
#include "cd-date-button.h"
#include "cd-datetime.h"
#include "cd-training-util.h"

typedef enum {
  MODE_ISSUE,
  MODE_RENEW,
  MODE_REVOKE,
} Mode;

struct _CdCertificationDialog
{
  AdwWindow              parent_instance;

  CdStore               *store;
  Mode                   mode;
  CdStaffCertification  *record;           /* renew, revoke */
  GArray                *staff_ids;        /* gint64 per person_row position */
  GArray                *certification_ids;
  GtkWidget             *date_button;
  GtkWidget             *requirement_rows[32];
  guint                  n_requirement_rows;
  guint                  n_unmet;
  gboolean               saving;
  GCancellable          *cancellable;

  /* Template widgets */
  AdwWindowTitle        *window_title;
  GtkButton             *save_button;
  AdwToastOverlay       *toast_overlay;
  AdwPreferencesGroup   *what_group;
  AdwComboRow           *person_row;
  AdwComboRow           *certification_row;
  AdwActionRow          *fixed_row;
  AdwActionRow          *date_row;
  AdwPreferencesGroup   *requirements_group;
  AdwPreferencesGroup   *reason_group;
  AdwEntryRow           *reason_row;
  GtkLabel              *note_label;
};

enum {
  SIGNAL_SAVED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (CdCertificationDialog, cd_certification_dialog, ADW_TYPE_WINDOW)

static gint64
selected_id (AdwComboRow *row,
             GArray      *ids)
{
  guint position = adw_combo_row_get_selected (row);

  return position < ids->len ? g_array_index (ids, gint64, position) : 0;
}

static gint64
chosen_staff (CdCertificationDialog *self)
{
  return self->record != NULL ? self->record->staff_id : selected_id (self->person_row, self->staff_ids);
}

static gint64
chosen_certification (CdCertificationDialog *self)
{
  return self->record != NULL ? self->record->certification_id
                              : selected_id (self->certification_row, self->certification_ids);
}

/* The first moment of the chosen day, or now when it is today. */
static gint64
chosen_time (CdCertificationDialog *self)
{
  gint64 now = cd_store_now (self->store);
  gint64 day = cd_date_button_get_date (CD_DATE_BUTTON (self->date_button));

  return day == cd_training_day_start (now, 0) ? now : day;
}

static void
show_note (CdCertificationDialog *self,
           const char            *text,
           const char            *css)
{
  gtk_label_set_text (self->note_label, text != NULL ? text : "");
  gtk_widget_set_visible (GTK_WIDGET (self->note_label), text != NULL);
  gtk_widget_remove_css_class (GTK_WIDGET (self->note_label), "error");
  gtk_widget_remove_css_class (GTK_WIDGET (self->note_label), "warning");
  if (css != NULL)
    gtk_widget_add_css_class (GTK_WIDGET (self->note_label), css);
}

static gboolean
reason_given (CdCertificationDialog *self)
{
  g_autofree char *reason = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->reason_row))));

  return *reason != '\0';
}

static void
update_state (CdCertificationDialog *self)
{
  gboolean admin = cd_store_get_role (self->store) == CD_ROLE_ADMIN;
  gboolean ok = TRUE;
  gint64 now = cd_store_now (self->store);

  if (self->mode == MODE_REVOKE)
    {
      ok = reason_given (self);
      show_note (self, ok ? NULL : _("Say why it is revoked: the reason stays with the record."), NULL);
    }
  else
    {
      gboolean override = self->n_unmet > 0;

      gtk_widget_set_visible (GTK_WIDGET (self->reason_group), override && admin);
      if (chosen_staff (self) == 0 || chosen_certification (self) == 0)
        {
          ok = FALSE;
          show_note (self, _("Choose the person and the certification."), NULL);
        }
      else if (cd_date_button_get_date (CD_DATE_BUTTON (self->date_button)) > now)
        {
          ok = FALSE;
          show_note (self, _("A certification cannot be issued in the future. Choose today or an earlier day."), "error");
        }
      else if (override && !admin)
        {
          ok = FALSE;
          show_note (self, _("Not every requirement is met, and only an administrator may issue it anyway."), "warning");
        }
      else if (override && !reason_given (self))
        {
          ok = FALSE;
          show_note (self, _("Not every requirement is met. To issue it anyway, say why: the reason is logged."),
                     "warning");
        }
      else
        show_note (self, NULL, NULL);
    }
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "certification.save", ok && !self->saving);
}

/* The requirements for the chosen person, certification and day. */
static void
update_requirements (CdCertificationDialog *self)
{
  g_autoptr(GPtrArray) requirements = NULL;
  g_autoptr(GError) error = NULL;
  gint64 staff_id = chosen_staff (self);
  gint64 certification_id = chosen_certification (self);

  for (guint i = 0; i < self->n_requirement_rows; i++)
    adw_preferences_group_remove (self->requirements_group, self->requirement_rows[i]);
  self->n_requirement_rows = 0;
  self->n_unmet = 0;

  if (self->mode == MODE_REVOKE || staff_id == 0 || certification_id == 0)
    {
      gtk_widget_set_visible (GTK_WIDGET (self->requirements_group), FALSE);
      update_state (self);
      return;
    }

  requirements = cd_certification_requirements (self->store, staff_id, certification_id, chosen_time (self), &error);
  if (requirements == NULL)
    {
      adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (error->message));
      requirements = g_ptr_array_new ();
    }
  gtk_widget_set_visible (GTK_WIDGET (self->requirements_group), TRUE);
  if (requirements->len == 0)
    adw_preferences_group_set_description (self->requirements_group,
                                           _("This certification requires no course or assessment."));
  else
    adw_preferences_group_set_description (self->requirements_group, NULL);

  for (guint i = 0; i < requirements->len && i < G_N_ELEMENTS (self->requirement_rows); i++)
    {
      CdRequirement *r = g_ptr_array_index (requirements, i);
      GtkWidget *row = adw_action_row_new ();
      /* Translators: a requirement met or not, said in words as well as a sign */
      GtkWidget *mark = gtk_label_new (r->met ? _("✓ Met") : _("✗ Missing"));

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), r->what);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), r->detail);
      gtk_widget_add_css_class (mark, r->met ? "success" : "error");
      gtk_widget_add_css_class (mark, "caption-heading");
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), mark);
      adw_preferences_group_add (self->requirements_group, row);
      self->requirement_rows[self->n_requirement_rows++] = row;
      if (!r->met)
        self->n_unmet++;
    }
  update_state (self);
}

static void
on_choice_changed_cb (CdCertificationDialog *self)
{
  update_requirements (self);
}

static void
on_reason_changed_cb (CdCertificationDialog *self)
{
  update_state (self);
}

static void
on_reason_activated_cb (CdCertificationDialog *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "certification.save", NULL);
}

/* Saving ------------------------------------------------------------------------ */

typedef struct {
  Mode    mode;
  gint64  staff_id;
  gint64  certification_id;
  gint64  record_id;
  gint64  version;
  gint64  at;
  char   *reason;
  gint64  result;
} SaveJob;

static void
save_job_free (gpointer data)
{
  SaveJob *job = data;

  g_free (job->reason);
  g_free (job);
}

static gboolean
run_save (CdStore       *store,
          gpointer       data,
          GCancellable  *cancellable,
          GError       **error)
{
  SaveJob *job = data;

  switch (job->mode)
    {
    case MODE_ISSUE:
      job->result = cd_certification_issue (store, job->staff_id, job->certification_id, job->at, job->reason, error);
      return job->result != 0;
    case MODE_RENEW:
      job->result = cd_certification_renew (store, job->record_id, job->at, job->reason, error);
      return job->result != 0;
    case MODE_REVOKE:
    default:
      job->result = job->record_id;
      return cd_certification_revoke (store, job->record_id, job->version, job->reason, error);
    }
}

static void
set_saving (CdCertificationDialog *self,
            gboolean               saving)
{
  self->saving = saving;
  cd_training_button_set_busy (self->save_button, saving ? _("Saving…") : NULL);
  update_state (self);
}

static void
save_done_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(CdCertificationDialog) self = user_data;
  SaveJob *job = cd_store_run_get_data (result);
  g_autoptr(GError) error = NULL;

  if (self->store == NULL)
    return;
  set_saving (self, FALSE);
  if (!cd_store_run_finish (CD_STORE (source), result, &error))
    {
      if (g_error_matches (error, CD_STORE_ERROR, CD_STORE_ERROR_STALE))
        show_note (self, _("Someone else changed this certification meanwhile. Close this window and look again."),
                   "error");
      else if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        show_note (self, error->message, "error");
      return;
    }
  g_signal_emit (self, signals[SIGNAL_SAVED], 0, job->result);
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  CdCertificationDialog *self = CD_CERTIFICATION_DIALOG (widget);
  SaveJob *job;

  if (self->saving)
    return;
  job = g_new0 (SaveJob, 1);
  job->mode = self->mode;
  job->staff_id = chosen_staff (self);
  job->certification_id = chosen_certification (self);
  job->record_id = self->record != NULL ? self->record->id : 0;
  job->version = self->record != NULL ? self->record->version : 0;
  job->at = self->mode == MODE_REVOKE ? 0 : chosen_time (self);
  if (self->mode == MODE_REVOKE || self->n_unmet > 0)
    job->reason = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->reason_row)));
  set_saving (self, TRUE);
  cd_store_run_async (self->store, CD_STORE_LANE_WRITE, run_save, job, save_job_free, self->cancellable,
                      save_done_cb, g_object_ref (self));
}

/* GObject ----------------------------------------------------------------------- */

static void
on_date_changed_cb (CdCertificationDialog *self)
{
  update_requirements (self);
}

static void
cd_certification_dialog_dispose (GObject *object)
{
  CdCertificationDialog *self = CD_CERTIFICATION_DIALOG (object);

  g_cancellable_cancel (self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), CD_TYPE_CERTIFICATION_DIALOG);
  g_clear_object (&self->store);
  g_clear_pointer (&self->record, cd_staff_certification_free);

  G_OBJECT_CLASS (cd_certification_dialog_parent_class)->dispose (object);
}

static void
cd_certification_dialog_finalize (GObject *object)
{
  CdCertificationDialog *self = CD_CERTIFICATION_DIALOG (object);

  g_clear_pointer (&self->staff_ids, g_array_unref);
  g_clear_pointer (&self->certification_ids, g_array_unref);
  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (cd_certification_dialog_parent_class)->finalize (object);
}

static void
cd_certification_dialog_class_init (CdCertificationDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cd_certification_dialog_dispose;
  object_class->finalize = cd_certification_dialog_finalize;

  signals[SIGNAL_SAVED] =
    g_signal_new ("saved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_INT64);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/training/cd-certification-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, CdCertificationDialog, window_title);
  gtk_widget_class_bind_template_child (widget_class, CdCertificationDialog, save_button);
  gtk_widget_class_bind_template_child (widget_class, CdCertificationDialog, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, CdCertificationDialog, what_group);
  gtk_widget_class_bind_template_child (widget_class, CdCertificationDialog, person_row);
  gtk_widget_class_bind_template_child (widget_class, CdCertificationDialog, certification_row);
  gtk_widget_class_bind_template_child (widget_class, CdCertificationDialog, fixed_row);
  gtk_widget_class_bind_template_child (widget_class, CdCertificationDialog, date_row);
  gtk_widget_class_bind_template_child (widget_class, CdCertificationDialog, requirements_group);
  gtk_widget_class_bind_template_child (widget_class, CdCertificationDialog, reason_group);
  gtk_widget_class_bind_template_child (widget_class, CdCertificationDialog, reason_row);
  gtk_widget_class_bind_template_child (widget_class, CdCertificationDialog, note_label);
  gtk_widget_class_bind_template_callback (widget_class, on_choice_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_reason_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_reason_activated_cb);

  gtk_widget_class_install_action (widget_class, "certification.save", NULL, save_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
cd_certification_dialog_init (CdCertificationDialog *self)
{
  self->staff_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->certification_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->cancellable = g_cancellable_new ();
  gtk_widget_init_template (GTK_WIDGET (self));

  self->date_button = cd_date_button_new ();
  gtk_widget_set_valign (self->date_button, GTK_ALIGN_CENTER);
  adw_action_row_add_suffix (self->date_row, self->date_button);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->date_button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("From"), -1);
}

static CdCertificationDialog *
dialog_new (CdStore *store,
            Mode     mode)
{
  CdCertificationDialog *self = g_object_new (CD_TYPE_CERTIFICATION_DIALOG, NULL);

  self->store = g_object_ref (store);
  self->mode = mode;
  cd_date_button_set_date (CD_DATE_BUTTON (self->date_button), cd_store_now (store));
  g_signal_connect_object (self->date_button, "notify::date", G_CALLBACK (on_date_changed_cb), self,
                           G_CONNECT_SWAPPED);
  return self;
}

static gboolean
load_record (CdCertificationDialog *self,
             gint64                 id)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *subtitle = NULL;
  gint64 now = cd_store_now (self->store);
  g_autofree char *state = NULL;

  self->record = cd_staff_certification_load (self->store, id, &error);
  if (self->record == NULL)
    {
      adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (error->message));
      return FALSE;
    }
  gtk_widget_set_visible (GTK_WIDGET (self->person_row), FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->certification_row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->fixed_row), self->record->certification_name);
  state = cd_certification_status_text (cd_staff_certification_status (self->record, now),
                                        self->record->expires_at, now);
  /* Translators: whose certification and its status, e.g. "Li Na · Expires in 12 days" */
  subtitle = g_strdup_printf (_("%s · %s"), self->record->staff_name, state);
  adw_action_row_set_subtitle (self->fixed_row, subtitle);
  adw_window_title_set_subtitle (self->window_title, self->record->staff_name);
  return TRUE;
}

GtkWidget *
cd_certification_dialog_new_issue (CdStore *store,
                                   gint64   staff_id,
                                   gint64   certification_id)
{
  CdCertificationDialog *self;
  g_autoptr(GtkStringList) people = NULL;
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  g_autoptr(GPtrArray) certifications = NULL;
  g_autoptr(GError) error = NULL;

  g_return_val_if_fail (CD_IS_STORE (store), NULL);

  self = dialog_new (store, MODE_ISSUE);
  gtk_window_set_title (GTK_WINDOW (self), _("Issue a Certification"));
  adw_window_title_set_title (self->window_title, _("Issue a Certification"));
  gtk_button_set_label (self->save_button, _("_Issue"));
  gtk_widget_set_visible (GTK_WIDGET (self->fixed_row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->date_row), _("Issued on"));
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->reason_row), _("Reason to issue it anyway"));

  people = cd_training_staff_choices (store, 0, self->staff_ids, &error);
  if (people == NULL)
    people = gtk_string_list_new (NULL);
  certifications = cd_certifications_list (store, FALSE, &error);
  for (guint i = 0; certifications != NULL && i < certifications->len; i++)
    {
      CdCertification *c = g_ptr_array_index (certifications, i);
      g_autofree char *name = cd_certification_display_name (c->name, c->level);

      gtk_string_list_append (names, name);
      g_array_append_val (self->certification_ids, c->id);
    }
  adw_combo_row_set_model (self->person_row, G_LIST_MODEL (people));
  adw_combo_row_set_model (self->certification_row, G_LIST_MODEL (names));
  adw_combo_row_set_selected (self->person_row, cd_training_position_of (self->staff_ids, staff_id, 0));
  adw_combo_row_set_selected (self->certification_row,
                              cd_training_position_of (self->certification_ids, certification_id, 0));
  update_requirements (self);
  return GTK_WIDGET (self);
}

GtkWidget *
cd_certification_dialog_new_renew (CdStore *store,
                                   gint64   staff_certification_id)
{
  CdCertificationDialog *self;

  g_return_val_if_fail (CD_IS_STORE (store), NULL);

  self = dialog_new (store, MODE_RENEW);
  gtk_window_set_title (GTK_WINDOW (self), _("Renew a Certification"));
  adw_window_title_set_title (self->window_title, _("Renew a Certification"));
  gtk_button_set_label (self->save_button, _("_Renew"));
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->date_row), _("Valid again from"));
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->reason_row), _("Reason to renew it anyway"));
  load_record (self, staff_certification_id);
  update_requirements (self);
  return GTK_WIDGET (self);
}

GtkWidget *
cd_certification_dialog_new_revoke (CdStore *store,
                                    gint64   staff_certification_id)
{
  CdCertificationDialog *self;

  g_return_val_if_fail (CD_IS_STORE (store), NULL);

  self = dialog_new (store, MODE_REVOKE);
  gtk_window_set_title (GTK_WINDOW (self), _("Revoke a Certification"));
  adw_window_title_set_title (self->window_title, _("Revoke a Certification"));
  gtk_button_set_label (self->save_button, _("_Revoke"));
  gtk_widget_remove_css_class (GTK_WIDGET (self->save_button), "suggested-action");
  gtk_widget_add_css_class (GTK_WIDGET (self->save_button), "destructive-action");
  gtk_widget_set_visible (GTK_WIDGET (self->date_row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->reason_row), _("Reason"));
  adw_preferences_group_set_description (self->reason_group,
                                         _("From now on, tickets that need this certification are not theirs "
                                           "without a reason. The reason stays with the record."));
  gtk_widget_set_visible (GTK_WIDGET (self->reason_group), TRUE);
  load_record (self, staff_certification_id);
  update_requirements (self);
  return GTK_WIDGET (self);
}

GtkEditable *
cd_certification_dialog_get_reason (CdCertificationDialog *self)
{
  g_return_val_if_fail (CD_IS_CERTIFICATION_DIALOG (self), NULL);
  return GTK_EDITABLE (self->reason_row);
}

guint
cd_certification_dialog_get_n_unmet (CdCertificationDialog *self)
{
  g_return_val_if_fail (CD_IS_CERTIFICATION_DIALOG (self), 0);
  return self->n_unmet;
}

void
cd_certification_dialog_select_person (CdCertificationDialog *self,
                                       gint64                 staff_id)
{
  g_return_if_fail (CD_IS_CERTIFICATION_DIALOG (self));
  adw_combo_row_set_selected (self->person_row, cd_training_position_of (self->staff_ids, staff_id, 0));
}

void
cd_certification_dialog_select_certification (CdCertificationDialog *self,
                                              gint64                 certification_id)
{
  g_return_if_fail (CD_IS_CERTIFICATION_DIALOG (self));
  adw_combo_row_set_selected (self->certification_row,
                              cd_training_position_of (self->certification_ids, certification_id, 0));
}
