/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "caredesk-training"

#include "config.h"

#include <glib/gi18n.h>

#include "cd-datetime.h"
#include "cd-date-button.h"
#include "cd-session-editor.h"
#include "cd-training-editor.h"
#include "cd-training-util.h"
#include "cd-validate.h"

struct _CdSessionEditor
{
  CdTrainingEditor   parent_instance;

  GArray            *course_ids;   /* gint64, the course row's order */
  GArray            *trainer_ids;  /* gint64, the trainer row's order; 0 first: none */

  /* Template widgets */
  AdwComboRow       *course_row;
  CdDateButton      *day_button;
  AdwEntryRow       *starts_row;
  AdwEntryRow       *ends_row;
  AdwEntryRow       *place_row;
  AdwComboRow       *trainer_row;
  GtkSpinButton     *capacity_spin;
};

G_DEFINE_FINAL_TYPE (CdSessionEditor, cd_session_editor, CD_TYPE_TRAINING_EDITOR)

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
static gpointer
collect (CdTrainingEditor  *editor,
         char             **problem)
{
  CdSessionEditor *self = CD_SESSION_EDITOR (editor);
  g_autoptr(CdSession) session = cd_session_copy (cd_training_editor_get_record (editor));
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

/* Filling the form ------------------------------------------------------------- */

static void
fill_courses (CdSessionEditor *self,
              gint64           selected)
{
  g_autoptr(GError) error = NULL;
  CdStore *store = cd_training_editor_get_store (CD_TRAINING_EDITOR (self));
  g_autoptr(GPtrArray) courses = cd_courses_list (store, FALSE, selected, &error);
  g_autoptr(GtkStringList) titles = gtk_string_list_new (NULL);

  g_array_set_size (self->course_ids, 0);
  if (courses == NULL)
    cd_training_editor_toast (CD_TRAINING_EDITOR (self), error->message);
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
  names = cd_training_staff_choices (cd_training_editor_get_store (CD_TRAINING_EDITOR (self)),
                                     CD_TRAINING_EDITOR_ROLES, self->trainer_ids, &error);
  if (names == NULL)
    {
      cd_training_editor_toast (CD_TRAINING_EDITOR (self), error->message);
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
apply (CdTrainingEditor *editor)
{
  CdSessionEditor *self = CD_SESSION_EDITOR (editor);
  const CdSession *session = cd_training_editor_get_record (editor);
  g_autofree char *starts = cd_datetime_format_time (session->starts_at);
  g_autofree char *ends = cd_datetime_format_time (session->ends_at);

  fill_courses (self, session->course_id);
  fill_trainers (self, session->trainer_id, session->trainer_name);
  cd_date_button_set_date (self->day_button, session->starts_at);
  gtk_editable_set_text (GTK_EDITABLE (self->starts_row), starts);
  gtk_editable_set_text (GTK_EDITABLE (self->ends_row), ends);
  gtk_editable_set_text (GTK_EDITABLE (self->place_row), session->place != NULL ? session->place : "");
  gtk_spin_button_set_value (self->capacity_spin, session->capacity);
}

/* Saving ---------------------------------------------------------------------- */

static void
identify (gconstpointer  record,
          gint64        *id,
          gint64        *version)
{
  const CdSession *session = record;

  *id = session->id;
  *version = session->version;
}

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

static GtkWidget *
conflict_dialog (CdTrainingEditor *editor,
                 gconstpointer     yours,
                 gconstpointer     record_theirs)
{
  CdSessionEditor *self = CD_SESSION_EDITOR (editor);
  const CdSession *theirs = record_theirs;
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
  return dialog;
}

/* GObject ---------------------------------------------------------------------- */

static void
cd_session_editor_finalize (GObject *object)
{
  CdSessionEditor *self = CD_SESSION_EDITOR (object);

  g_clear_pointer (&self->course_ids, g_array_unref);
  g_clear_pointer (&self->trainer_ids, g_array_unref);
  G_OBJECT_CLASS (cd_session_editor_parent_class)->finalize (object);
}

static void
cd_session_editor_class_init (CdSessionEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  CdTrainingEditorClass *editor_class = CD_TRAINING_EDITOR_CLASS (klass);

  object_class->finalize = cd_session_editor_finalize;

  editor_class->record_free = (GDestroyNotify) cd_session_free;
  editor_class->save_failed = _("Could Not Save the Session");
  editor_class->collect = collect;
  editor_class->load = (CdTrainingEditorLoad) cd_session_load;
  editor_class->create = (CdTrainingEditorCreate) cd_session_create;
  editor_class->update = (CdTrainingEditorUpdate) cd_session_update;
  editor_class->apply = apply;
  editor_class->identify = identify;
  editor_class->conflict_dialog = conflict_dialog;

  g_type_ensure (CD_TYPE_DATE_BUTTON);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/training/cd-session-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, CdSessionEditor, course_row);
  gtk_widget_class_bind_template_child (widget_class, CdSessionEditor, day_button);
  gtk_widget_class_bind_template_child (widget_class, CdSessionEditor, starts_row);
  gtk_widget_class_bind_template_child (widget_class, CdSessionEditor, ends_row);
  gtk_widget_class_bind_template_child (widget_class, CdSessionEditor, place_row);
  gtk_widget_class_bind_template_child (widget_class, CdSessionEditor, trainer_row);
  gtk_widget_class_bind_template_child (widget_class, CdSessionEditor, capacity_spin);
  cd_training_editor_class_bind_template (widget_class);
}

static void
cd_session_editor_init (CdSessionEditor *self)
{
  cd_training_editor_init_template (CD_TRAINING_EDITOR (self));
}

GtkWidget *
cd_session_editor_new (CdStore *store,
                       gint64   session_id,
                       gint64   course_id)
{
  CdSessionEditor *self;
  gboolean loaded;

  g_return_val_if_fail (CD_IS_STORE (store), NULL);

  self = g_object_new (CD_TYPE_SESSION_EDITOR, NULL);
  self->course_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->trainer_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  loaded = cd_training_editor_open (CD_TRAINING_EDITOR (self), store, session_id);
  if (!loaded)
    {
      /* A new session: tomorrow (or the next weekday) from 09:00 to 12:00. */
      gint64 day = cd_training_day_start (cd_store_now (store), 1);
      g_autoptr(GDateTime) date = g_date_time_new_from_unix_local (day);
      CdSession *session = cd_session_new ();

      if (g_date_time_get_day_of_week (date) >= 6)
        day = cd_training_day_start (day, 8 - g_date_time_get_day_of_week (date));
      session->course_id = course_id;
      session->starts_at = at_minutes (day, 9 * 60);
      session->ends_at = at_minutes (day, 12 * 60);
      session->trainer_id = cd_store_get_staff_id (store);
      cd_training_editor_set_record (CD_TRAINING_EDITOR (self), session);
    }
  cd_training_editor_set_title (CD_TRAINING_EDITOR (self), loaded ? _("Edit Session") : _("New Session"));
  cd_training_editor_fill (CD_TRAINING_EDITOR (self));
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
