/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "caredesk-training"

#include "config.h"

#include <glib/gi18n.h>

#include "cd-change.h"
#include "cd-datetime.h"
#include "cd-file-chooser.h"
#include "cd-import-dialog.h"
#include "cd-people-picker.h"
#include "cd-session-editor.h"
#include "cd-session-page.h"
#include "cd-training-util.h"

static const char * const watched_kinds[] = {
  CD_CHANGE_SESSIONS, CD_CHANGE_ENROLMENTS, CD_CHANGE_COURSES, CD_CHANGE_STAFF, NULL
};

/* A row of the roster or of the waiting list. */
typedef struct {
  CdSessionPage *page;
  GtkWidget     *row;
  GtkDropDown   *dropdown;   /* NULL on the waiting list */
  gint64         enrolment_id;
  gint64         staff_id;
  char          *name;
  gint64         version;
  int            attendance;
} RosterRow;

struct _CdSessionPage
{
  CdTrainingPage        parent_instance;

  CdSession            *session;
  gint64                session_id;
  GPtrArray            *rows;        /* RosterRow, the roster's then the waiting list's */
  guint                 n_enrolled;
  guint                 n_waiting;
  gboolean              updating;
  guint                 reload_id;
  GSignalGroup         *store_signals;
  GCancellable         *choosing;

  /* Template widgets */
  GtkLabel             *title_label;
  GtkLabel             *subtitle_label;
  GtkWidget            *enrol_button;
  GtkWidget            *all_attended_button;
  GtkWidget            *import_button;
  GtkWidget            *edit_button;
  GtkWidget            *delete_button;
  GtkStack             *content_stack;
  AdwActionRow         *when_row;
  AdwActionRow         *place_row;
  AdwActionRow         *trainer_row;
  AdwActionRow         *places_row;
  AdwPreferencesGroup  *roster_group;
  GtkListBox           *roster_list;
  AdwPreferencesGroup  *waiting_group;
  GtkListBox           *waiting_list;
  AdwStatusPage        *error_page;
};

enum {
  SIGNAL_BACK,
  SIGNAL_OPEN_RECORD,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (CdSessionPage, cd_session_page, CD_TYPE_TRAINING_PAGE)

static void
roster_row_free (gpointer data)
{
  RosterRow *row = data;

  g_free (row->name);
  g_free (row);
}

static gboolean
has_started (CdSessionPage *self)
{
  return self->session != NULL && self->session->starts_at <= cd_store_now (CD_PAGE_STORE (self));
}

/* Attendance --------------------------------------------------------------------- */

/* The drop-down's positions: 0 not taken, then the CdAttendance values. */
static guint
attendance_position (int attendance)
{
  return attendance < 0 ? 0 : (guint) attendance + 1;
}

typedef struct {
  GArray *enrolment_ids;  /* gint64 */
  GArray *versions;       /* gint64 */
  int     attendance;
  guint   n_done;
} MarkJob;

static void
mark_job_free (gpointer data)
{
  MarkJob *job = data;

  g_array_unref (job->enrolment_ids);
  g_array_unref (job->versions);
  g_free (job);
}

static gboolean
run_mark (CdStore       *store,
          gpointer       data,
          GCancellable  *cancellable,
          GError       **error)
{
  MarkJob *job = data;

  for (guint i = 0; i < job->enrolment_ids->len; i++)
    {
      if (!cd_session_set_attendance (store, g_array_index (job->enrolment_ids, gint64, i),
                                      g_array_index (job->versions, gint64, i), job->attendance, error))
        return FALSE;
      job->n_done++;
    }
  return TRUE;
}

static void reload (CdSessionPage *self);

static void
mark_done_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(CdSessionPage) self = user_data;
  MarkJob *job = cd_store_run_get_data (result);
  g_autoptr(GError) error = NULL;

  if (!cd_store_run_finish (CD_STORE (source), result, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      if (g_error_matches (error, CD_STORE_ERROR, CD_STORE_ERROR_STALE))
        cd_training_toast (GTK_WIDGET (self),
                           _("Someone else changed the roster meanwhile: it shows their changes now"));
      else
        cd_training_show_error (GTK_WIDGET (self), _("Could Not Save the Attendance"), error);
      /* Put the rows back as saved. */
      reload (self);
      return;
    }
  if (job->enrolment_ids->len > 1)
    {
      g_autofree char *text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u person marked attended",
                                                            "%u people marked attended", job->n_done),
                                               job->n_done);
      cd_training_toast (GTK_WIDGET (self), text);
    }
}

static void
mark_rows (CdSessionPage *self,
           RosterRow    **rows,
           guint          n_rows,
           int            attendance)
{
  MarkJob *job;

  if (n_rows == 0)
    return;
  job = g_new0 (MarkJob, 1);
  job->enrolment_ids = g_array_sized_new (FALSE, FALSE, sizeof (gint64), n_rows);
  job->versions = g_array_sized_new (FALSE, FALSE, sizeof (gint64), n_rows);
  job->attendance = attendance;
  for (guint i = 0; i < n_rows; i++)
    {
      g_array_append_val (job->enrolment_ids, rows[i]->enrolment_id);
      g_array_append_val (job->versions, rows[i]->version);
      /* Shown at once; the reload that follows the save confirms it. */
      rows[i]->attendance = attendance;
      if (rows[i]->dropdown != NULL)
        {
          self->updating = TRUE;
          gtk_drop_down_set_selected (rows[i]->dropdown, attendance_position (attendance));
          self->updating = FALSE;
        }
    }
  cd_store_run_async (CD_PAGE_STORE (self), CD_STORE_LANE_WRITE, run_mark, job, mark_job_free,
                      CD_PAGE_CANCELLABLE (self), mark_done_cb, g_object_ref (self));
}

static void
on_attendance_selected_cb (GtkDropDown *dropdown,
                           GParamSpec  *pspec,
                           RosterRow   *row)
{
  guint selected = gtk_drop_down_get_selected (dropdown);
  int attendance = selected == 0 || selected == GTK_INVALID_LIST_POSITION ? -1 : (int) selected - 1;

  if (row->page->updating || attendance == row->attendance)
    return;
  mark_rows (row->page, &row, 1, attendance);
}

static gboolean
on_row_key_pressed_cb (GtkEventControllerKey *controller,
                       guint                  keyval,
                       guint                  keycode,
                       GdkModifierType        state,
                       RosterRow             *row)
{
  CdSessionPage *self = row->page;
  int attendance;
  GtkWidget *next;

  if ((state & (GDK_CONTROL_MASK | GDK_ALT_MASK | GDK_SUPER_MASK)) != 0 || row->dropdown == NULL ||
      !gtk_widget_get_sensitive (GTK_WIDGET (row->dropdown)))
    return GDK_EVENT_PROPAGATE;
  switch (gdk_keyval_to_lower (keyval))
    {
    case GDK_KEY_a:
      attendance = CD_ATTENDANCE_ATTENDED;
      break;
    case GDK_KEY_n:
      attendance = CD_ATTENDANCE_ABSENT;
      break;
    case GDK_KEY_e:
      attendance = CD_ATTENDANCE_EXCUSED;
      break;
    case GDK_KEY_Delete:
    case GDK_KEY_BackSpace:
      attendance = -1;
      break;
    default:
      return GDK_EVENT_PROPAGATE;
    }
  if (attendance != row->attendance)
    mark_rows (self, &row, 1, attendance);
  /* On to the next person, as on a paper list. */
  next = gtk_widget_get_next_sibling (row->row);
  if (next != NULL)
    gtk_widget_grab_focus (next);
  return GDK_EVENT_STOP;
}

/* Rows ------------------------------------------------------------------------------ */

static void
withdraw_row (CdSessionPage *self,
              RosterRow     *row);

static void
on_withdraw_clicked_cb (GtkButton *button,
                        RosterRow *row)
{
  withdraw_row (row->page, row);
}

static char *
row_subtitle (const CdEnrolment *enrolment,
              guint              position)
{
  const char *role = cd_training_role_text (cd_role_to_nick (enrolment->role));

  if (enrolment->waiting)
    /* Translators: a person on a session's waiting list: "Rep · 2nd in line" style; %u is their place */
    return g_strdup_printf (_("%s · number %u in line"), role, position);
  return g_strdup (role);
}

static void
update_row (CdSessionPage     *self,
            RosterRow         *row,
            const CdEnrolment *enrolment,
            guint              position)
{
  g_autofree char *subtitle = row_subtitle (enrolment, position);
  gboolean editor = cd_training_can_edit (CD_PAGE_STORE (self));

  row->version = enrolment->version;
  row->attendance = enrolment->attendance;
  g_free (row->name);
  row->name = g_strdup (enrolment->staff_name);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row->row), enrolment->staff_name);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row->row), subtitle);
  if (row->dropdown != NULL)
    {
      self->updating = TRUE;
      gtk_drop_down_set_selected (row->dropdown, attendance_position (enrolment->attendance));
      self->updating = FALSE;
      gtk_widget_set_sensitive (GTK_WIDGET (row->dropdown), editor && has_started (self));
      gtk_widget_set_tooltip_text (GTK_WIDGET (row->dropdown),
                                   !editor ? NULL
                                   : has_started (self) ? _("A attended, N absent, E excused, Delete clears")
                                   : _("Attendance is taken once the session has started"));
    }
}

static RosterRow *
add_row (CdSessionPage     *self,
         const CdEnrolment *enrolment,
         guint              position)
{
  RosterRow *row = g_new0 (RosterRow, 1);
  gboolean editor = cd_training_can_edit (CD_PAGE_STORE (self));
  GtkEventController *keys;

  row->page = self;
  row->enrolment_id = enrolment->id;
  row->staff_id = enrolment->staff_id;
  row->row = adw_action_row_new ();
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row->row), FALSE);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row->row), TRUE);
  g_object_set_data (G_OBJECT (row->row), "roster-row", row);
  if (!enrolment->waiting)
    {
      g_autoptr(GtkStringList) choices = gtk_string_list_new (NULL);

      /* Translators: attendance of a session not taken yet */
      gtk_string_list_append (choices, _("Not Taken"));
      for (guint i = 0; i < cd_attendance_count (); i++)
        gtk_string_list_append (choices, cd_attendance_label ((CdAttendance) i));
      row->dropdown = GTK_DROP_DOWN (gtk_drop_down_new (G_LIST_MODEL (g_steal_pointer (&choices)), NULL));
      gtk_widget_set_valign (GTK_WIDGET (row->dropdown), GTK_ALIGN_CENTER);
      gtk_accessible_update_property (GTK_ACCESSIBLE (row->dropdown), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      _("Attendance"), -1);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row->row), GTK_WIDGET (row->dropdown));
      g_signal_connect (row->dropdown, "notify::selected", G_CALLBACK (on_attendance_selected_cb), row);
    }
  if (editor)
    {
      GtkWidget *withdraw = gtk_button_new_from_icon_name ("list-remove-symbolic");
      /* Translators: the tooltip of the button that takes someone off a session's roster */
      g_autofree char *tip = g_strdup_printf (_("Withdraw %s"), enrolment->staff_name);

      gtk_widget_set_valign (withdraw, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (withdraw, "flat");
      gtk_widget_set_tooltip_text (withdraw, tip);
      gtk_accessible_update_property (GTK_ACCESSIBLE (withdraw), GTK_ACCESSIBLE_PROPERTY_LABEL, tip, -1);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row->row), withdraw);
      g_signal_connect (withdraw, "clicked", G_CALLBACK (on_withdraw_clicked_cb), row);
    }
  keys = gtk_event_controller_key_new ();
  g_signal_connect (keys, "key-pressed", G_CALLBACK (on_row_key_pressed_cb), row);
  gtk_widget_add_controller (row->row, keys);
  update_row (self, row, enrolment, position);
  gtk_list_box_append (enrolment->waiting ? self->waiting_list : self->roster_list, row->row);
  g_ptr_array_add (self->rows, row);
  return row;
}

static void
on_row_activated_cb (CdSessionPage *self,
                     GtkListBoxRow *list_row)
{
  RosterRow *row = g_object_get_data (G_OBJECT (list_row), "roster-row");

  if (row != NULL && cd_training_can_read_others (CD_PAGE_STORE (self)))
    g_signal_emit (self, signals[SIGNAL_OPEN_RECORD], 0, row->staff_id, (gint64) 0);
}

static GtkWidget *
empty_row (const char *text)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_widget_add_css_class (label, "dim-label");
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_widget_set_margin_top (label, 12);
  gtk_widget_set_margin_bottom (label, 12);
  gtk_widget_set_margin_start (label, 12);
  gtk_widget_set_margin_end (label, 12);
  return label;
}

static void
remove_all_rows (GtkListBox *list)
{
  GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (list));

  while (child != NULL)
    {
      GtkWidget *next = gtk_widget_get_next_sibling (child);

      /* Not the placeholder. */
      if (GTK_IS_LIST_BOX_ROW (child))
        gtk_list_box_remove (list, child);
      child = next;
    }
}

static gboolean
same_people (CdSessionPage *self,
             GPtrArray     *roster)
{
  if (roster->len != self->rows->len)
    return FALSE;
  for (guint i = 0; i < roster->len; i++)
    {
      CdEnrolment *enrolment = g_ptr_array_index (roster, i);
      RosterRow *row = g_ptr_array_index (self->rows, i);

      if (enrolment->id != row->enrolment_id || enrolment->waiting != (row->dropdown == NULL))
        return FALSE;
    }
  return TRUE;
}

static gint64
focused_enrolment (CdSessionPage *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;

  for (; focus != NULL; focus = gtk_widget_get_parent (focus))
    {
      RosterRow *row = g_object_get_data (G_OBJECT (focus), "roster-row");

      if (row != NULL)
        return row->enrolment_id;
      if (focus == GTK_WIDGET (self))
        break;
    }
  return 0;
}

static void
show_roster (CdSessionPage *self,
             GPtrArray     *roster)
{
  gint64 focused;
  guint position = 0;

  self->n_enrolled = 0;
  self->n_waiting = 0;
  for (guint i = 0; i < roster->len; i++)
    {
      CdEnrolment *enrolment = g_ptr_array_index (roster, i);

      if (enrolment->waiting)
        self->n_waiting++;
      else
        self->n_enrolled++;
    }

  if (same_people (self, roster))
    {
      /* Only what was marked changed: keep the rows (and the focus). */
      for (guint i = 0; i < roster->len; i++)
        {
          CdEnrolment *enrolment = g_ptr_array_index (roster, i);

          if (enrolment->waiting)
            position++;
          update_row (self, g_ptr_array_index (self->rows, i), enrolment, position);
        }
      return;
    }

  focused = focused_enrolment (self);
  g_ptr_array_set_size (self->rows, 0);
  remove_all_rows (self->roster_list);
  remove_all_rows (self->waiting_list);
  for (guint i = 0; i < roster->len; i++)
    {
      CdEnrolment *enrolment = g_ptr_array_index (roster, i);
      RosterRow *row;

      if (enrolment->waiting)
        position++;
      row = add_row (self, enrolment, position);
      if (row->enrolment_id == focused)
        gtk_widget_grab_focus (row->row);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->waiting_group), self->n_waiting > 0);
}

static void
show_session (CdSessionPage *self)
{
  CdSession *session = self->session;
  gint64 now = cd_store_now (CD_PAGE_STORE (self));
  g_autofree char *when = cd_datetime_format_when (session->starts_at, now);
  g_autofree char *ends = cd_datetime_format_time (session->ends_at);
  g_autofree char *hours = cd_course_format_hours (session->hours);
  g_autofree char *subtitle = NULL;
  g_autofree char *places = NULL;
  gboolean editor = cd_training_can_edit (CD_PAGE_STORE (self));

  /* Translators: a session's start and end: "Mon 7 Dec, 09:00–12:00 · 3 h" */
  subtitle = g_strdup_printf (_("%s–%s · %s"), when, ends, hours);
  gtk_label_set_text (self->title_label, session->course_title);
  gtk_label_set_text (self->subtitle_label, subtitle);
  adw_action_row_set_subtitle (self->when_row, subtitle);
  adw_action_row_set_subtitle (self->place_row, session->place != NULL ? session->place : _("Not set"));
  adw_action_row_set_subtitle (self->trainer_row,
                               session->trainer_name != NULL ? session->trainer_name : _("None or from outside"));
  if (session->capacity > 0)
    /* Translators: places of a session: "12 of 20 taken, 3 waiting" */
    places = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u of %d taken, %u waiting",
                                           "%u of %d taken, %u waiting", session->n_waiting),
                              session->n_enrolled, session->capacity, session->n_waiting);
  else
    places = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u enrolled, no limit", "%u enrolled, no limit",
                                           session->n_enrolled),
                              session->n_enrolled);
  adw_action_row_set_subtitle (self->places_row, places);
  adw_preferences_group_set_description (self->roster_group,
                                         editor && has_started (self)
                                         ? _("Take the attendance from the keyboard: A attended, N absent, E excused, Delete clears. Each moves on to the next person.")
                                         : NULL);

  gtk_widget_set_visible (self->enrol_button, editor);
  gtk_widget_set_visible (self->all_attended_button, editor);
  gtk_widget_set_visible (self->import_button, editor);
  gtk_widget_set_visible (self->edit_button, editor);
  gtk_widget_set_visible (self->delete_button, editor);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "session.enrol", editor);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "session.all-attended", editor && has_started (self));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "session.import-attendance", editor && has_started (self));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "session.edit", editor);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "session.delete", editor);
  gtk_widget_set_tooltip_text (self->all_attended_button,
                               has_started (self)
                               ? _("Mark everyone with a place whose attendance is not taken yet as attended")
                               : _("Attendance is taken once the session has started"));
}

static gboolean
load (CdSessionPage  *self,
      GError        **error)
{
  g_autoptr(CdSession) session = cd_session_load (CD_PAGE_STORE (self), self->session_id, error);
  g_autoptr(GPtrArray) roster = NULL;

  if (session == NULL)
    return FALSE;
  roster = cd_session_roster (CD_PAGE_STORE (self), self->session_id, error);
  if (roster == NULL)
    return FALSE;
  cd_session_free (self->session);
  self->session = g_steal_pointer (&session);
  show_session (self);
  show_roster (self, roster);
  if (self->n_enrolled == 0)
    gtk_list_box_set_placeholder (self->roster_list,
                                  empty_row (cd_training_can_edit (CD_PAGE_STORE (self))
                                             ? _("Nobody is enrolled yet. Enrol people to give them a place.")
                                             : _("Nobody is enrolled yet.")));
  gtk_stack_set_visible_child_name (self->content_stack, "session");
  return TRUE;
}

static void
show_error (CdSessionPage *self,
            const GError  *error)
{
  g_clear_pointer (&self->session, cd_session_free);
  g_ptr_array_set_size (self->rows, 0);
  remove_all_rows (self->roster_list);
  remove_all_rows (self->waiting_list);
  gtk_label_set_text (self->title_label, "");
  gtk_label_set_text (self->subtitle_label, "");
  if (g_error_matches (error, CD_STORE_ERROR, CD_STORE_ERROR_NOT_FOUND))
    {
      adw_status_page_set_title (self->error_page, _("Session Deleted"));
      adw_status_page_set_description (self->error_page, _("Someone deleted this session."));
    }
  else
    {
      adw_status_page_set_title (self->error_page, _("Could Not Show the Session"));
      adw_status_page_set_description (self->error_page, error->message);
    }
  for (guint i = 0; i < 5; i++)
    {
      const char *actions[] = { "session.enrol", "session.all-attended", "session.import-attendance",
                                "session.edit", "session.delete" };
      gtk_widget_action_set_enabled (GTK_WIDGET (self), actions[i], FALSE);
    }
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "session.export", FALSE);
  gtk_stack_set_visible_child_name (self->content_stack, "error");
}

static void
reload (CdSessionPage *self)
{
  g_autoptr(GError) error = NULL;

  if (self->session_id == 0)
    return;
  if (!load (self, &error))
    show_error (self, error);
}

static gboolean
reload_idle_cb (gpointer data)
{
  CdSessionPage *self = data;

  self->reload_id = 0;
  reload (self);
  return G_SOURCE_REMOVE;
}

static void
on_store_changed_cb (CdSessionPage *self)
{
  if (self->reload_id == 0 && self->session_id != 0)
    self->reload_id = g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, reload_idle_cb, self, NULL);
}

/* Actions ---------------------------------------------------------------------------- */

static void
back_action (GtkWidget *widget, const char *name, GVariant *parameter)
{
  g_signal_emit (widget, signals[SIGNAL_BACK], 0);
}

static void
edit_action (GtkWidget *widget, const char *name, GVariant *parameter)
{
  CdSessionPage *self = CD_SESSION_PAGE (widget);

  if (self->session != NULL)
    cd_training_present (GTK_WIDGET (self), cd_session_editor_new (CD_PAGE_STORE (self), self->session_id, 0));
}

/* Withdrawing */

typedef struct {
  gint64  enrolment_id;
  gint64  version;
  char   *name;
} WithdrawJob;

static void
withdraw_job_free (gpointer data)
{
  WithdrawJob *job = data;

  g_free (job->name);
  g_free (job);
}

static gboolean
run_withdraw (CdStore *store, gpointer data, GCancellable *cancellable, GError **error)
{
  WithdrawJob *job = data;

  return cd_session_withdraw (store, job->enrolment_id, job->version, error);
}

static void
withdraw_done_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr(CdSessionPage) self = user_data;
  WithdrawJob *job = cd_store_run_get_data (result);
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  if (!cd_store_run_finish (CD_STORE (source), result, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        cd_training_show_error (GTK_WIDGET (self), _("Could Not Withdraw"), error);
      return;
    }
  /* Translators: a toast once someone is taken off a session's roster */
  text = g_strdup_printf (_("%s withdrawn"), job->name);
  cd_training_toast (GTK_WIDGET (self), text);
}

static void
withdraw_row (CdSessionPage *self,
              RosterRow     *row)
{
  WithdrawJob *job = g_new0 (WithdrawJob, 1);

  job->enrolment_id = row->enrolment_id;
  job->version = row->version;
  job->name = g_strdup (row->name);
  cd_store_run_async (CD_PAGE_STORE (self), CD_STORE_LANE_WRITE, run_withdraw, job, withdraw_job_free,
                      CD_PAGE_CANCELLABLE (self), withdraw_done_cb, g_object_ref (self));
}

/* Enrolling */

typedef struct {
  gint64  session_id;
  GArray *staff_ids;
  guint   n_enrolled;
  guint   n_waiting;
} EnrolJob;

static void
enrol_job_free (gpointer data)
{
  EnrolJob *job = data;

  g_array_unref (job->staff_ids);
  g_free (job);
}

static gboolean
run_enrol (CdStore *store, gpointer data, GCancellable *cancellable, GError **error)
{
  EnrolJob *job = data;

  return cd_session_enrol (store, job->session_id, (const gint64 *) (gpointer) job->staff_ids->data,
                           job->staff_ids->len, &job->n_enrolled, &job->n_waiting, error);
}

static void
enrol_done_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr(CdSessionPage) self = user_data;
  EnrolJob *job = cd_store_run_get_data (result);
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  if (!cd_store_run_finish (CD_STORE (source), result, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        cd_training_show_error (GTK_WIDGET (self), _("Could Not Enrol"), error);
      return;
    }
  if (job->n_waiting > 0)
    /* Translators: a toast after enrolling people in a full session: "2 enrolled, 3 on the waiting list" */
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u enrolled, %u on the waiting list",
                                         "%u enrolled, %u on the waiting list", job->n_waiting),
                            job->n_enrolled, job->n_waiting);
  else
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u person enrolled", "%u people enrolled",
                                         job->n_enrolled),
                            job->n_enrolled);
  cd_training_toast (GTK_WIDGET (self), text);
}

static void
on_people_chosen_cb (CdSessionPage *self,
                     GArray        *staff_ids)
{
  EnrolJob *job;

  if (staff_ids == NULL || staff_ids->len == 0 || self->session_id == 0)
    return;
  job = g_new0 (EnrolJob, 1);
  job->session_id = self->session_id;
  job->staff_ids = g_array_ref (staff_ids);
  cd_store_run_async (CD_PAGE_STORE (self), CD_STORE_LANE_WRITE, run_enrol, job, enrol_job_free,
                      CD_PAGE_CANCELLABLE (self), enrol_done_cb, g_object_ref (self));
}

static void
enrol_action (GtkWidget *widget, const char *name, GVariant *parameter)
{
  CdSessionPage *self = CD_SESSION_PAGE (widget);
  g_autoptr(GArray) exclude = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autofree char *title = NULL;
  GtkWidget *picker;

  if (self->session == NULL)
    return;
  for (guint i = 0; i < self->rows->len; i++)
    g_array_append_val (exclude, ((RosterRow *) g_ptr_array_index (self->rows, i))->staff_id);
  /* Translators: the title of the window that enrols people in a session of a course */
  title = g_strdup_printf (_("Enrol in “%s”"), self->session->course_title);
  picker = cd_people_picker_new (CD_PAGE_STORE (self), title, _("_Enrol"), exclude);
  g_signal_connect_object (picker, "chosen", G_CALLBACK (on_people_chosen_cb), self, G_CONNECT_SWAPPED);
  cd_training_present (GTK_WIDGET (self), picker);
}

static void
all_attended_action (GtkWidget *widget, const char *name, GVariant *parameter)
{
  CdSessionPage *self = CD_SESSION_PAGE (widget);
  g_autoptr(GPtrArray) rows = g_ptr_array_new ();

  for (guint i = 0; i < self->rows->len; i++)
    {
      RosterRow *row = g_ptr_array_index (self->rows, i);

      if (row->dropdown != NULL && row->attendance < 0)
        g_ptr_array_add (rows, row);
    }
  if (rows->len == 0)
    {
      cd_training_toast (widget, _("Everyone’s attendance is taken already"));
      return;
    }
  mark_rows (self, (RosterRow **) rows->pdata, rows->len, CD_ATTENDANCE_ATTENDED);
}

static void
import_action (GtkWidget *widget, const char *name, GVariant *parameter)
{
  CdSessionPage *self = CD_SESSION_PAGE (widget);

  if (self->session != NULL)
    cd_training_present (GTK_WIDGET (self), GTK_WIDGET (cd_import_dialog_new (CD_PAGE_STORE (self),
                                                                              cd_training_attendance_import_kind (),
                                                                              self->session_id)));
}

/* Exporting to a calendar */

typedef struct {
  gint64  session_id;
  char   *path;
} ExportJob;

static void
export_job_free (gpointer data)
{
  ExportJob *job = data;

  g_free (job->path);
  g_free (job);
}

static gboolean
run_export (CdStore *store, gpointer data, GCancellable *cancellable, GError **error)
{
  ExportJob *job = data;

  return cd_sessions_export_ics (store, &job->session_id, 1, job->path, NULL, error);
}

static void
export_done_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr(CdSessionPage) self = user_data;
  g_autoptr(GError) error = NULL;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "session.export", TRUE);
  if (!cd_store_run_finish (CD_STORE (source), result, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        cd_training_show_error (GTK_WIDGET (self), _("Could Not Export the Session"), error);
      return;
    }
  cd_training_toast (GTK_WIDGET (self), _("Session saved for calendars"));
}

static void
on_export_chosen_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr(CdSessionPage) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = cd_file_chooser_choose_finish (result, &error);

  g_clear_object (&self->choosing);
  if (file == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        cd_training_show_error (GTK_WIDGET (self), _("Could Not Export the Session"), error);
      return;
    }
  if (g_file_peek_path (file) != NULL)
    cd_session_page_export (self, g_file_peek_path (file));
}

void
cd_session_page_export (CdSessionPage *self,
                        const char    *path)
{
  ExportJob *job;

  g_return_if_fail (CD_IS_SESSION_PAGE (self));
  g_return_if_fail (path != NULL);

  if (self->session_id == 0)
    return;
  job = g_new0 (ExportJob, 1);
  job->session_id = self->session_id;
  job->path = g_strdup (path);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "session.export", FALSE);
  cd_store_run_async (CD_PAGE_STORE (self), CD_STORE_LANE_READ, run_export, job, export_job_free,
                      CD_PAGE_CANCELLABLE (self), export_done_cb, g_object_ref (self));
}

static void
export_action (GtkWidget *widget, const char *name, GVariant *parameter)
{
  CdSessionPage *self = CD_SESSION_PAGE (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  const CdFileChooserFilter filters[] = { { _("Calendar files"), "*.ics;*.ICS" } };

  if (self->choosing != NULL || self->session == NULL)
    return;
  self->choosing = g_cancellable_new ();
  cd_file_chooser_choose_async (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, CD_FILE_CHOOSER_SAVE,
                                _("Save the Session for a Calendar"), _("_Save"), NULL,
                                /* Translators: the file name a session exported for calendars suggests */
                                _("session.ics"), filters, G_N_ELEMENTS (filters), self->choosing,
                                on_export_chosen_cb, g_object_ref (self));
}

/* Deleting */

typedef struct {
  gint64 id;
  gint64 version;
} DeleteJob;

static gboolean
run_delete (CdStore *store, gpointer data, GCancellable *cancellable, GError **error)
{
  DeleteJob *job = data;

  return cd_session_delete (store, job->id, job->version, error);
}

static void
delete_done_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr(CdSessionPage) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!cd_store_run_finish (CD_STORE (source), result, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        cd_training_show_error (GTK_WIDGET (self), _("Could Not Delete the Session"), error);
      return;
    }
  cd_training_toast (GTK_WIDGET (self), _("Session deleted"));
  self->session_id = 0;
  g_signal_emit (self, signals[SIGNAL_BACK], 0);
}

static void
on_delete_response_cb (AdwMessageDialog *dialog,
                       const char       *response,
                       CdSessionPage    *self)
{
  DeleteJob *job;

  if (g_strcmp0 (response, "delete") != 0 || self->session == NULL)
    return;
  job = g_new0 (DeleteJob, 1);
  job->id = self->session->id;
  job->version = self->session->version;
  cd_store_run_async (CD_PAGE_STORE (self), CD_STORE_LANE_WRITE, run_delete, job, g_free,
                      CD_PAGE_CANCELLABLE (self), delete_done_cb, g_object_ref (self));
}

static void
delete_action (GtkWidget *widget, const char *name, GVariant *parameter)
{
  CdSessionPage *self = CD_SESSION_PAGE (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  g_autofree char *body = NULL;
  GtkWidget *dialog;

  if (self->session == NULL)
    return;
  body = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       "%u person is enrolled. They are taken off the roster.",
                                       "%u people are enrolled. They are taken off the roster.",
                                       self->n_enrolled + self->n_waiting),
                          self->n_enrolled + self->n_waiting);
  dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, _("Delete the Session?"),
                                   body);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"), "delete", _("_Delete"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "delete", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_delete_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* GObject ---------------------------------------------------------------------------- */

static void
cd_session_page_constructed (GObject *object)
{
  CdSessionPage *self = CD_SESSION_PAGE (object);

  G_OBJECT_CLASS (cd_session_page_parent_class)->constructed (object);
  g_signal_group_set_target (self->store_signals, CD_PAGE_STORE (self));
}

static void
cd_session_page_dispose (GObject *object)
{
  CdSessionPage *self = CD_SESSION_PAGE (object);

  if (self->choosing != NULL)
    g_cancellable_cancel (self->choosing);
  g_clear_handle_id (&self->reload_id, g_source_remove);
  if (self->store_signals != NULL)
    g_signal_group_set_target (self->store_signals, NULL);
  if (self->rows != NULL)
    g_ptr_array_set_size (self->rows, 0);
  G_OBJECT_CLASS (cd_session_page_parent_class)->dispose (object);
}

static void
cd_session_page_finalize (GObject *object)
{
  CdSessionPage *self = CD_SESSION_PAGE (object);

  g_clear_pointer (&self->session, cd_session_free);
  g_clear_pointer (&self->rows, g_ptr_array_unref);
  g_clear_object (&self->store_signals);
  g_clear_object (&self->choosing);
  G_OBJECT_CLASS (cd_session_page_parent_class)->finalize (object);
}

static void
cd_session_page_class_init (CdSessionPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = cd_session_page_constructed;
  object_class->dispose = cd_session_page_dispose;
  object_class->finalize = cd_session_page_finalize;

  signals[SIGNAL_BACK] =
    g_signal_new ("back", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  signals[SIGNAL_OPEN_RECORD] =
    g_signal_new ("open-record", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, G_TYPE_INT64, G_TYPE_INT64);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/training/cd-session-page.ui");
  gtk_widget_class_bind_template_child (widget_class, CdSessionPage, title_label);
  gtk_widget_class_bind_template_child (widget_class, CdSessionPage, subtitle_label);
  gtk_widget_class_bind_template_child (widget_class, CdSessionPage, enrol_button);
  gtk_widget_class_bind_template_child (widget_class, CdSessionPage, all_attended_button);
  gtk_widget_class_bind_template_child (widget_class, CdSessionPage, import_button);
  gtk_widget_class_bind_template_child (widget_class, CdSessionPage, edit_button);
  gtk_widget_class_bind_template_child (widget_class, CdSessionPage, delete_button);
  gtk_widget_class_bind_template_child (widget_class, CdSessionPage, content_stack);
  gtk_widget_class_bind_template_child (widget_class, CdSessionPage, when_row);
  gtk_widget_class_bind_template_child (widget_class, CdSessionPage, place_row);
  gtk_widget_class_bind_template_child (widget_class, CdSessionPage, trainer_row);
  gtk_widget_class_bind_template_child (widget_class, CdSessionPage, places_row);
  gtk_widget_class_bind_template_child (widget_class, CdSessionPage, roster_group);
  gtk_widget_class_bind_template_child (widget_class, CdSessionPage, roster_list);
  gtk_widget_class_bind_template_child (widget_class, CdSessionPage, waiting_group);
  gtk_widget_class_bind_template_child (widget_class, CdSessionPage, waiting_list);
  gtk_widget_class_bind_template_child (widget_class, CdSessionPage, error_page);
  gtk_widget_class_bind_template_callback (widget_class, on_row_activated_cb);

  gtk_widget_class_install_action (widget_class, "session.back", NULL, back_action);
  gtk_widget_class_install_action (widget_class, "session.edit", NULL, edit_action);
  gtk_widget_class_install_action (widget_class, "session.enrol", NULL, enrol_action);
  gtk_widget_class_install_action (widget_class, "session.all-attended", NULL, all_attended_action);
  gtk_widget_class_install_action (widget_class, "session.import-attendance", NULL, import_action);
  gtk_widget_class_install_action (widget_class, "session.export", NULL, export_action);
  gtk_widget_class_install_action (widget_class, "session.delete", NULL, delete_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Left, GDK_ALT_MASK, "session.back", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "session.back", NULL);
}

static void
cd_session_page_init (CdSessionPage *self)
{
  self->rows = g_ptr_array_new_with_free_func (roster_row_free);
  self->store_signals = g_signal_group_new (CD_TYPE_STORE);
  for (guint i = 0; watched_kinds[i] != NULL; i++)
    {
      g_autofree char *detailed = g_strconcat ("changed::", watched_kinds[i], NULL);
      g_signal_group_connect_swapped (self->store_signals, detailed, G_CALLBACK (on_store_changed_cb), self);
    }
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
cd_session_page_new (CdStore *store)
{
  g_return_val_if_fail (CD_IS_STORE (store), NULL);
  return g_object_new (CD_TYPE_SESSION_PAGE, "store", store, NULL);
}

gboolean
cd_session_page_load (CdSessionPage  *self,
                      gint64          session_id,
                      GError        **error)
{
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (CD_IS_SESSION_PAGE (self), FALSE);

  if (session_id != self->session_id)
    {
      g_ptr_array_set_size (self->rows, 0);
      remove_all_rows (self->roster_list);
      remove_all_rows (self->waiting_list);
    }
  self->session_id = session_id;
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "session.export", TRUE);
  if (!load (self, &local_error))
    {
      show_error (self, local_error);
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  /* Ready to take the attendance from the keyboard. */
  if (self->rows->len > 0)
    gtk_widget_grab_focus (((RosterRow *) g_ptr_array_index (self->rows, 0))->row);
  return TRUE;
}

gint64
cd_session_page_get_session_id (CdSessionPage *self)
{
  g_return_val_if_fail (CD_IS_SESSION_PAGE (self), 0);
  return self->session_id;
}

void
cd_session_page_mark (CdSessionPage *self,
                      gint64         staff_id,
                      int            attendance)
{
  g_return_if_fail (CD_IS_SESSION_PAGE (self));

  for (guint i = 0; i < self->rows->len; i++)
    {
      RosterRow *row = g_ptr_array_index (self->rows, i);

      if (row->staff_id == staff_id && row->dropdown != NULL)
        {
          mark_rows (self, &row, 1, attendance);
          return;
        }
    }
}

guint
cd_session_page_get_n_enrolled (CdSessionPage *self)
{
  g_return_val_if_fail (CD_IS_SESSION_PAGE (self), 0);
  return self->n_enrolled;
}

guint
cd_session_page_get_n_waiting (CdSessionPage *self)
{
  g_return_val_if_fail (CD_IS_SESSION_PAGE (self), 0);
  return self->n_waiting;
}
