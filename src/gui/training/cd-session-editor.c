/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "caredesk-training"

#include "config.h"

#include <glib/gi18n.h>

#include "cd-conflict-dialog.h"
#include "cd-datetime.h"
#include "cd-date-button.h"
#include "cd-session-editor.h"
#include "cd-training-util.h"
#include "cd-validate.h"

struct _CdSessionEditor
{
  AdwWindow          parent_instance;

  CdStore           *store;
  CdSession         *session;      /* as loaded; id 0 for a new one */
  GArray            *course_ids;   /* gint64, the course row's order */
  GArray            *trainer_ids;  /* gint64, the trainer row's order; 0 first: none */
  gboolean           saving;
  GCancellable      *cancellable;

  /* Template widgets */
  AdwWindowTitle    *window_title;
  GtkButton         *save_button;
  AdwToastOverlay   *toast_overlay;
  AdwComboRow       *course_row;
  CdDateButton      *day_button;
  AdwEntryRow       *starts_row;
  AdwEntryRow       *ends_row;
  AdwEntryRow       *place_row;
  AdwComboRow       *trainer_row;
  GtkSpinButton     *capacity_spin;
  GtkLabel          *note_label;
};

enum {
  SIGNAL_SAVED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (CdSessionEditor, cd_session_editor, ADW_TYPE_WINDOW)

/* "9:30", "09:30", "9.30", "9" → minutes after midnight; -1 when it is
 * not a time of day. */
static int
parse_time (const char *text)
{
  g_autofree char *trimmed = cd_validate_trim (text);
  char *end = NULL;
  guint64 hours, minutes = 0;

  if (*trimmed == '\0' || !g_ascii_isdigit (*trimmed))
    return -1;
  hours = g_ascii_strtoull (trimmed, &end, 10);
  if (*end == ':' || *end == '.' || g_str_has_prefix (end, "："))
    {
      const char *rest = *end == ':' || *end == '.' ? end + 1 : end + strlen ("：");

      if (!g_ascii_isdigit (rest[0]) || !g_ascii_isdigit (rest[1]) || rest[2] != '\0')
        return -1;
      minutes = (guint64) ((rest[0] - '0') * 10 + (rest[1] - '0'));
    }
  else if (*end != '\0')
    return -1;
  if (hours > 23 || minutes > 59)
    return -1;
  return (int) (hours * 60 + minutes);
}

static gint64
at_minutes (gint64 day,
            int    minutes)
{
  g_autoptr(GDateTime) start = g_date_time_new_from_unix_local (day);
  g_autoptr(GDateTime) at = g_date_time_new_local (g_date_time_get_year (start), g_date_time_get_month (start),
                                                   g_date_time_get_day_of_month (start), minutes / 60,
                                                   minutes % 60, 0);

  return g_date_time_to_unix (at);
}

static void
mark (GtkWidget *widget,
      gboolean   wrong)
{
  if (wrong)
    gtk_widget_add_css_class (widget, "error");
  else
    gtk_widget_remove_css_class (widget, "error");
}

/* The session as the form says; NULL with a message when it cannot be
 * saved as it stands. */
static CdSession *
read_form (CdSessionEditor  *self,
           char            **problem)
{
  g_autoptr(CdSession) session = cd_session_copy (self->session);
  g_autoptr(GError) error = NULL;
  g_autofree char *place = cd_validate_trim (gtk_editable_get_text (GTK_EDITABLE (self->place_row)));
  int starts = parse_time (gtk_editable_get_text (GTK_EDITABLE (self->starts_row)));
  int ends = parse_time (gtk_editable_get_text (GTK_EDITABLE (self->ends_row)));
  guint course = adw_combo_row_get_selected (self->course_row);
  guint trainer = adw_combo_row_get_selected (self->trainer_row);
  gint64 day = cd_date_button_get_date (self->day_button);

  mark (GTK_WIDGET (self->starts_row), starts < 0);
  mark (GTK_WIDGET (self->ends_row), ends < 0 || (starts >= 0 && ends <= starts));
  if (course == GTK_INVALID_LIST_POSITION || course >= self->course_ids->len)
    {
      *problem = g_strdup (_("Choose the course. Add courses on the Courses page first."));
      return NULL;
    }
  if (starts < 0 || ends < 0)
    {
      *problem = g_strdup (_("Type the times as hours and minutes, such as 09:30."));
      return NULL;
    }
  if (ends <= starts)
    {
      *problem = g_strdup (_("The session must end after it starts."));
      return NULL;
    }
  session->course_id = g_array_index (self->course_ids, gint64, course);
  session->starts_at = at_minutes (day, starts);
  session->ends_at = at_minutes (day, ends);
  session->trainer_id = trainer < self->trainer_ids->len ? g_array_index (self->trainer_ids, gint64, trainer) : 0;
  g_free (session->place);
  session->place = *place != '\0' ? g_steal_pointer (&place) : NULL;
  session->capacity = gtk_spin_button_get_value_as_int (self->capacity_spin);
  mark (GTK_WIDGET (self->place_row), FALSE);
  if (!cd_session_check (session, &error))
    {
      if (session->place != NULL && g_utf8_strlen (session->place, -1) > CD_SESSION_PLACE_MAX_CHARS)
        mark (GTK_WIDGET (self->place_row), TRUE);
      *problem = g_strdup (error->message);
      return NULL;
    }
  *problem = NULL;
  return g_steal_pointer (&session);
}

static void
validate (CdSessionEditor *self)
{
  g_autofree char *problem = NULL;
  g_autoptr(CdSession) session = read_form (self, &problem);

  gtk_label_set_text (self->note_label, problem != NULL ? problem : "");
  gtk_widget_set_visible (GTK_WIDGET (self->note_label), problem != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "session.save", session != NULL && !self->saving);
}

static void
on_changed_cb (CdSessionEditor *self)
{
  if (self->course_ids != NULL)
    validate (self);
}

static void
on_activated_cb (CdSessionEditor *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "session.save", NULL);
}

/* Filling the form ------------------------------------------------------------- */

static void
fill_courses (CdSessionEditor *self,
              gint64           selected)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) courses = cd_courses_list (self->store, FALSE, selected, &error);
  g_autoptr(GtkStringList) titles = gtk_string_list_new (NULL);

  g_array_set_size (self->course_ids, 0);
  if (courses == NULL)
    adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (error->message));
  for (guint i = 0; courses != NULL && i < courses->len; i++)
    {
      CdCourse *course = g_ptr_array_index (courses, i);

      gtk_string_list_append (titles, course->title);
      g_array_append_val (self->course_ids, course->id);
    }
  adw_combo_row_set_model (self->course_row, G_LIST_MODEL (titles));
  adw_combo_row_set_selected (self->course_row, cd_training_position_of (self->course_ids, selected, 0));
}

static void
fill_trainers (CdSessionEditor *self,
               gint64           selected,
               const char      *selected_name)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GtkStringList) names = NULL;
  gint64 none = 0;

  g_array_set_size (self->trainer_ids, 0);
  g_array_append_val (self->trainer_ids, none);
  names = cd_training_staff_choices (self->store, CD_TRAINING_EDITOR_ROLES, self->trainer_ids, &error);
  if (names == NULL)
    {
      adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (error->message));
      names = gtk_string_list_new (NULL);
    }
  /* Translators: a session without a trainer from the staff list */
  gtk_string_list_splice (names, 0, 0, (const char * const[]) { _("None or from Outside"), NULL });
  if (selected != 0 && cd_training_position_of (self->trainer_ids, selected, G_MAXUINT) == G_MAXUINT)
    {
      /* Someone who has left (or changed role) stays shown. */
      gtk_string_list_append (names, selected_name != NULL ? selected_name : "");
      g_array_append_val (self->trainer_ids, selected);
    }
  adw_combo_row_set_model (self->trainer_row, G_LIST_MODEL (names));
  adw_combo_row_set_selected (self->trainer_row, cd_training_position_of (self->trainer_ids, selected, 0));
}

static void
fill_form (CdSessionEditor *self)
{
  g_autofree char *starts = cd_datetime_format_time (self->session->starts_at);
  g_autofree char *ends = cd_datetime_format_time (self->session->ends_at);

  fill_courses (self, self->session->course_id);
  fill_trainers (self, self->session->trainer_id, self->session->trainer_name);
  cd_date_button_set_date (self->day_button, self->session->starts_at);
  gtk_editable_set_text (GTK_EDITABLE (self->starts_row), starts);
  gtk_editable_set_text (GTK_EDITABLE (self->ends_row), ends);
  gtk_editable_set_text (GTK_EDITABLE (self->place_row), self->session->place != NULL ? self->session->place : "");
  gtk_spin_button_set_value (self->capacity_spin, self->session->capacity);
  validate (self);
}

/* Saving ---------------------------------------------------------------------- */

typedef struct {
  CdSession *session;
  gint64     version;
  gint64     id;
} SaveJob;

static void
save_job_free (gpointer data)
{
  SaveJob *job = data;

  cd_session_free (job->session);
  g_free (job);
}

static gboolean
run_save (CdStore       *store,
          gpointer       data,
          GCancellable  *cancellable,
          GError       **error)
{
  SaveJob *job = data;

  if (job->session->id == 0)
    {
      job->id = cd_session_create (store, job->session, error);
      return job->id != 0;
    }
  job->id = job->session->id;
  return cd_session_update (store, job->session, job->version, error);
}

static void save (CdSessionEditor *self,
                  gboolean         overwrite);

static char *
describe_when (const CdSession *session)
{
  g_autofree char *day = cd_datetime_format_date (session->starts_at);
  g_autofree char *starts = cd_datetime_format_time (session->starts_at);
  g_autofree char *ends = cd_datetime_format_time (session->ends_at);

  /* Translators: a session's day and times: "7 Dec 2026, 09:00–12:00" */
  return g_strdup_printf (_("%s, %s–%s"), day, starts, ends);
}

static char *
describe_capacity (const CdSession *session)
{
  if (session->capacity <= 0)
    return g_strdup (_("No limit"));
  return g_strdup_printf ("%d", session->capacity);
}

static void
on_conflict_response_cb (AdwMessageDialog *dialog,
                         const char       *response,
                         CdSessionEditor  *self)
{
  G_GNUC_UNUSED g_autoptr(CdSessionEditor) guard = g_object_ref (self);

  gtk_window_set_transient_for (GTK_WINDOW (dialog), NULL);
  switch (cd_conflict_dialog_choice_from_response (response))
    {
    case CD_CONFLICT_CHOICE_RELOAD:
      {
        g_autoptr(GError) error = NULL;
        g_autoptr(CdSession) saved = cd_session_load (self->store, self->session->id, &error);

        if (saved == NULL)
          {
            adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (error->message));
            return;
          }
        cd_session_free (self->session);
        self->session = g_steal_pointer (&saved);
        fill_form (self);
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
show_conflict (CdSessionEditor *self,
               const CdSession *yours)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CdSession) theirs = cd_session_load (self->store, self->session->id, &error);
  g_autoptr(CdSession) mine = cd_session_copy (yours);
  g_autofree char *record = NULL;
  g_autofree char *your_when = NULL;
  g_autofree char *their_when = NULL;
  g_autofree char *your_capacity = NULL;
  g_autofree char *their_capacity = NULL;
  guint course = adw_combo_row_get_selected (self->course_row);
  guint trainer = adw_combo_row_get_selected (self->trainer_row);
  GtkStringList *courses = GTK_STRING_LIST (adw_combo_row_get_model (self->course_row));
  GtkStringList *trainers = GTK_STRING_LIST (adw_combo_row_get_model (self->trainer_row));
  GtkWidget *dialog;

  if (theirs == NULL)
    {
      adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (error->message));
      return;
    }
  /* Translators: fits "Someone else saved %s after you opened it" */
  record = g_strdup_printf (_("the session of “%s”"), theirs->course_title);
  your_when = describe_when (mine);
  their_when = describe_when (theirs);
  your_capacity = describe_capacity (mine);
  their_capacity = describe_capacity (theirs);
  dialog = cd_conflict_dialog_new (GTK_WINDOW (self), record);
  cd_conflict_dialog_add_field (CD_CONFLICT_DIALOG (dialog), _("Course"),
                                gtk_string_list_get_string (courses, course), theirs->course_title);
  cd_conflict_dialog_add_field (CD_CONFLICT_DIALOG (dialog), _("When"), your_when, their_when);
  cd_conflict_dialog_add_field (CD_CONFLICT_DIALOG (dialog), _("Place"), mine->place, theirs->place);
  cd_conflict_dialog_add_field (CD_CONFLICT_DIALOG (dialog), _("Trainer"),
                                mine->trainer_id != 0 ? gtk_string_list_get_string (trainers, trainer) : NULL,
                                theirs->trainer_name);
  cd_conflict_dialog_add_field (CD_CONFLICT_DIALOG (dialog), _("Places"), your_capacity, their_capacity);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_conflict_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
set_saving (CdSessionEditor *self,
            gboolean         saving)
{
  self->saving = saving;
  cd_training_button_set_busy (self->save_button, saving ? _("Saving…") : NULL);
  validate (self);
}

static void
save_done_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(CdSessionEditor) self = user_data;
  SaveJob *job = cd_store_run_get_data (result);
  g_autoptr(GError) error = NULL;

  if (self->store == NULL)
    return;
  set_saving (self, FALSE);
  if (!cd_store_run_finish (CD_STORE (source), result, &error))
    {
      if (g_error_matches (error, CD_STORE_ERROR, CD_STORE_ERROR_STALE))
        show_conflict (self, job->session);
      else if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        cd_training_show_error (GTK_WIDGET (self), _("Could Not Save the Session"), error);
      return;
    }
  g_signal_emit (self, signals[SIGNAL_SAVED], 0, job->id);
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
save (CdSessionEditor *self,
      gboolean         overwrite)
{
  g_autofree char *problem = NULL;
  CdSession *session = read_form (self, &problem);
  SaveJob *job;

  if (session == NULL || self->saving)
    {
      cd_session_free (session);
      return;
    }
  job = g_new0 (SaveJob, 1);
  job->session = session;
  job->version = overwrite ? 0 : self->session->version;
  set_saving (self, TRUE);
  cd_store_run_async (self->store, CD_STORE_LANE_WRITE, run_save, job, save_job_free, self->cancellable,
                      save_done_cb, g_object_ref (self));
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  save (CD_SESSION_EDITOR (widget), FALSE);
}

/* GObject ---------------------------------------------------------------------- */

static void
cd_session_editor_dispose (GObject *object)
{
  CdSessionEditor *self = CD_SESSION_EDITOR (object);

  g_cancellable_cancel (self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), CD_TYPE_SESSION_EDITOR);
  g_clear_object (&self->store);
  g_clear_pointer (&self->session, cd_session_free);

  G_OBJECT_CLASS (cd_session_editor_parent_class)->dispose (object);
}

static void
cd_session_editor_finalize (GObject *object)
{
  CdSessionEditor *self = CD_SESSION_EDITOR (object);

  g_clear_pointer (&self->course_ids, g_array_unref);
  g_clear_pointer (&self->trainer_ids, g_array_unref);
  g_clear_object (&self->cancellable);
  G_OBJECT_CLASS (cd_session_editor_parent_class)->finalize (object);
}

static void
cd_session_editor_class_init (CdSessionEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cd_session_editor_dispose;
  object_class->finalize = cd_session_editor_finalize;

  signals[SIGNAL_SAVED] =
    g_signal_new ("saved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_INT64);

  g_type_ensure (CD_TYPE_DATE_BUTTON);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/training/cd-session-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, CdSessionEditor, window_title);
  gtk_widget_class_bind_template_child (widget_class, CdSessionEditor, save_button);
  gtk_widget_class_bind_template_child (widget_class, CdSessionEditor, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, CdSessionEditor, course_row);
  gtk_widget_class_bind_template_child (widget_class, CdSessionEditor, day_button);
  gtk_widget_class_bind_template_child (widget_class, CdSessionEditor, starts_row);
  gtk_widget_class_bind_template_child (widget_class, CdSessionEditor, ends_row);
  gtk_widget_class_bind_template_child (widget_class, CdSessionEditor, place_row);
  gtk_widget_class_bind_template_child (widget_class, CdSessionEditor, trainer_row);
  gtk_widget_class_bind_template_child (widget_class, CdSessionEditor, capacity_spin);
  gtk_widget_class_bind_template_child (widget_class, CdSessionEditor, note_label);
  gtk_widget_class_bind_template_callback (widget_class, on_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_activated_cb);

  gtk_widget_class_install_action (widget_class, "session.save", NULL, save_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK, "session.save", NULL);
}

static void
cd_session_editor_init (CdSessionEditor *self)
{
  self->cancellable = g_cancellable_new ();
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
cd_session_editor_new (CdStore *store,
                       gint64   session_id,
                       gint64   course_id)
{
  CdSessionEditor *self;
  g_autoptr(GError) error = NULL;

  g_return_val_if_fail (CD_IS_STORE (store), NULL);

  self = g_object_new (CD_TYPE_SESSION_EDITOR, NULL);
  self->store = g_object_ref (store);
  if (session_id != 0)
    self->session = cd_session_load (store, session_id, &error);
  if (self->session == NULL)
    {
      /* A new session: tomorrow (or the next weekday) from 09:00 to 12:00. */
      gint64 day = cd_training_day_start (cd_store_now (store), 1);
      g_autoptr(GDateTime) date = g_date_time_new_from_unix_local (day);

      if (error != NULL)
        adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (error->message));
      if (g_date_time_get_day_of_week (date) >= 6)
        day = cd_training_day_start (day, 8 - g_date_time_get_day_of_week (date));
      self->session = cd_session_new ();
      self->session->course_id = course_id;
      self->session->starts_at = at_minutes (day, 9 * 60);
      self->session->ends_at = at_minutes (day, 12 * 60);
      self->session->trainer_id = cd_store_get_staff_id (store);
    }
  self->course_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->trainer_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  gtk_window_set_title (GTK_WINDOW (self), self->session->id != 0 ? _("Edit Session") : _("New Session"));
  adw_window_title_set_title (self->window_title, self->session->id != 0 ? _("Edit Session") : _("New Session"));
  fill_form (self);
  return GTK_WIDGET (self);
}

GtkEditable *
cd_session_editor_get_starts (CdSessionEditor *self)
{
  g_return_val_if_fail (CD_IS_SESSION_EDITOR (self), NULL);
  return GTK_EDITABLE (self->starts_row);
}

GtkEditable *
cd_session_editor_get_ends (CdSessionEditor *self)
{
  g_return_val_if_fail (CD_IS_SESSION_EDITOR (self), NULL);
  return GTK_EDITABLE (self->ends_row);
}

GtkEditable *
cd_session_editor_get_place (CdSessionEditor *self)
{
  g_return_val_if_fail (CD_IS_SESSION_EDITOR (self), NULL);
  return GTK_EDITABLE (self->place_row);
}

void
cd_session_editor_set_day (CdSessionEditor *self,
                           gint64           day)
{
  g_return_if_fail (CD_IS_SESSION_EDITOR (self));
  cd_date_button_set_date (self->day_button, day);
}

void
cd_session_editor_set_capacity (CdSessionEditor *self,
                                int              capacity)
{
  g_return_if_fail (CD_IS_SESSION_EDITOR (self));
  gtk_spin_button_set_value (self->capacity_spin, capacity);
}
