/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "caredesk-complaints"

#include "config.h"

#include <glib/gi18n.h>

#include "cd-complaints-util.h"
#include "cd-conflict-dialog.h"
#include "cd-datetime.h"
#include "cd-followup-editor.h"

typedef enum {
  MODE_SCHEDULE,
  MODE_RESCHEDULE,
  MODE_PROPOSAL,
} Mode;

struct _CdFollowupEditor
{
  AdwWindow          parent_instance;

  CdStore           *store;
  Mode               mode;
  gint64             complaint_id;
  CdFollowup        *followup;     /* MODE_RESCHEDULE only */
  GArray            *assignee_ids; /* gint64 */

  /* Template widgets */
  AdwWindowTitle    *window_title;
  GtkButton         *cancel_button;
  GtkButton         *save_button;
  AdwToastOverlay   *toast_overlay;
  GtkLabel          *intro_label;
  GtkMenuButton     *date_button;
  GtkCalendar       *calendar;
  GtkSpinButton     *hour_spin;
  GtkSpinButton     *minute_spin;
  GtkLabel          *when_note_label;
  AdwComboRow       *assignee_row;
  AdwComboRow       *method_row;
  GtkWidget         *notes_group;
  GtkWidget         *notes_frame;
  GtkTextView       *notes_view;

  GCancellable      *cancellable;
  gboolean           can_save;
  /* The follow-up is being written; the form waits for it. */
  gboolean           saving;
  /* The day moves with the arrow keys; the popover stays open. */
  gboolean           moving_day;
};

enum {
  SAVED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (CdFollowupEditor, cd_followup_editor, ADW_TYPE_WINDOW)

static void
show_toast (CdFollowupEditor *self,
            const char       *message)
{
  AdwToast *toast = adw_toast_new (message);

  adw_toast_set_timeout (toast, 0);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

static gint64
selected_assignee (CdFollowupEditor *self)
{
  guint pos = adw_combo_row_get_selected (self->assignee_row);

  if (pos == GTK_INVALID_LIST_POSITION || pos >= self->assignee_ids->len)
    return 0;
  return g_array_index (self->assignee_ids, gint64, pos);
}

static char *
get_notes (CdFollowupEditor *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->notes_view);
  GtkTextIter start, end;
  g_autofree char *text = NULL;
  g_autofree char *trimmed = NULL;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  trimmed = cd_complaints_dup_trimmed (text);

  return trimmed != NULL ? g_steal_pointer (&text) : NULL;
}

gint64
cd_followup_editor_get_due_at (CdFollowupEditor *self)
{
  g_autoptr(GDateTime) day = NULL;
  g_autoptr(GDateTime) due = NULL;

  g_return_val_if_fail (CD_IS_FOLLOWUP_EDITOR (self), 0);

  day = gtk_calendar_get_date (self->calendar);
  due = g_date_time_new_local (g_date_time_get_year (day),
                               g_date_time_get_month (day),
                               g_date_time_get_day_of_month (day),
                               gtk_spin_button_get_value_as_int (self->hour_spin),
                               gtk_spin_button_get_value_as_int (self->minute_spin),
                               0);

  return due != NULL ? g_date_time_to_unix (due) : 0;
}

static void
update_date_label (CdFollowupEditor *self)
{
  g_autoptr(GDateTime) day = gtk_calendar_get_date (self->calendar);
  g_autofree char *text = cd_datetime_format_day (g_date_time_to_unix (day));

  gtk_menu_button_set_label (self->date_button, text);
}

static void
validate (CdFollowupEditor *self)
{
  g_autofree char *notes = get_notes (self);
  gint64 due = cd_followup_editor_get_due_at (self);
  gint64 now = self->store != NULL ? cd_store_now (self->store) : 0;
  gboolean valid = TRUE;
  gboolean changed = TRUE;
  g_autoptr(GString) note = g_string_new (NULL);

  if (self->store == NULL)
    return;

  if (due <= 0)
    {
      valid = FALSE;
      g_string_append (note, _("This date and time does not exist here (a clock change?). Choose another time."));
    }
  else if (due <= now)
    g_string_append (note, _("This time has already passed: the follow-up will be overdue as soon as it is saved."));
  else
    {
      g_autofree char *when = cd_datetime_format_when (due, now);
      g_string_append_printf (note, _("Due %s, local time."), when);
    }

  if (selected_assignee (self) == 0)
    {
      valid = FALSE;
      if (note->len > 0)
        g_string_append_c (note, '\n');
      g_string_append (note, _("Choose who will contact the customer."));
    }

  if (notes != NULL && g_utf8_strlen (notes, -1) > CD_FOLLOWUP_NOTES_MAX_CHARS)
    {
      valid = FALSE;
      if (note->len > 0)
        g_string_append_c (note, '\n');
      g_string_append_printf (note, _("The notes are too long: keep them under %u characters."),
                              (guint) CD_FOLLOWUP_NOTES_MAX_CHARS);
      gtk_widget_add_css_class (self->notes_frame, "error");
    }
  else
    gtk_widget_remove_css_class (self->notes_frame, "error");

  gtk_label_set_text (self->when_note_label, note->str);
  gtk_widget_set_visible (GTK_WIDGET (self->when_note_label), note->len > 0);
  if (!valid || due <= now)
    {
      gtk_widget_add_css_class (GTK_WIDGET (self->when_note_label), valid ? "warning" : "error");
      gtk_widget_remove_css_class (GTK_WIDGET (self->when_note_label), valid ? "error" : "warning");
      gtk_widget_remove_css_class (GTK_WIDGET (self->when_note_label), "dim-label");
    }
  else
    {
      gtk_widget_remove_css_class (GTK_WIDGET (self->when_note_label), "error");
      gtk_widget_remove_css_class (GTK_WIDGET (self->when_note_label), "warning");
      gtk_widget_add_css_class (GTK_WIDGET (self->when_note_label), "dim-label");
    }

  if (self->mode == MODE_RESCHEDULE && self->followup != NULL)
    changed = due != self->followup->due_at
              || selected_assignee (self) != self->followup->assignee_id;

  self->can_save = valid && changed && !self->saving;
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "followup.save", self->can_save);
}

static void
on_time_changed_cb (CdFollowupEditor *self)
{
  validate (self);
}

static void
on_calendar_day_selected_cb (GtkCalendar      *calendar,
                             CdFollowupEditor *self)
{
  update_date_label (self);
  validate (self);
  if (!self->moving_day)
    gtk_menu_button_popdown (self->date_button);
}

/* GTK 4.8's calendar moves its keyboard focus from a cell of its own that
 * does not start on the selected day (Left then Space picked a day of
 * another month): the keys move the selected day itself instead, and
 * Space or Enter takes it. */
static gboolean
on_calendar_key_pressed_cb (GtkEventControllerKey *controller,
                            guint                  keyval,
                            guint                  keycode,
                            GdkModifierType        state,
                            CdFollowupEditor      *self)
{
  gboolean rtl = gtk_widget_get_direction (GTK_WIDGET (self->calendar)) == GTK_TEXT_DIR_RTL;
  gboolean months = (state & GDK_CONTROL_MASK) != 0;
  g_autoptr(GDateTime) day = NULL;
  g_autoptr(GDateTime) moved = NULL;
  int step;

  if (state & (GDK_ALT_MASK | GDK_SHIFT_MASK))
    return GDK_EVENT_PROPAGATE;

  switch (keyval)
    {
    case GDK_KEY_Left:
    case GDK_KEY_KP_Left:
      step = rtl ? 1 : -1;
      break;
    case GDK_KEY_Right:
    case GDK_KEY_KP_Right:
      step = rtl ? -1 : 1;
      break;
    case GDK_KEY_Up:
    case GDK_KEY_KP_Up:
      step = months ? -1 : -7;
      break;
    case GDK_KEY_Down:
    case GDK_KEY_KP_Down:
      step = months ? 1 : 7;
      break;
    case GDK_KEY_Page_Up:
    case GDK_KEY_KP_Page_Up:
      step = -1;
      months = TRUE;
      break;
    case GDK_KEY_Page_Down:
    case GDK_KEY_KP_Page_Down:
      step = 1;
      months = TRUE;
      break;
    case GDK_KEY_space:
    case GDK_KEY_KP_Space:
    case GDK_KEY_Return:
    case GDK_KEY_KP_Enter:
    case GDK_KEY_ISO_Enter:
      gtk_menu_button_popdown (self->date_button);
      return GDK_EVENT_STOP;
    default:
      return GDK_EVENT_PROPAGATE;
    }

  day = gtk_calendar_get_date (self->calendar);
  moved = months ? g_date_time_add_months (day, step) : g_date_time_add_days (day, step);
  if (moved == NULL)
    return GDK_EVENT_STOP;
  self->moving_day = TRUE;
  gtk_calendar_select_day (self->calendar, moved);
  self->moving_day = FALSE;
  return GDK_EVENT_STOP;
}

/* The keyboard starts in the day grid: arrows move the day, Space or
 * Enter picks it. */
static void
on_date_popover_show_cb (CdFollowupEditor *self,
                         GtkPopover       *popover)
{
  gtk_widget_grab_focus (GTK_WIDGET (self->calendar));
}

static gboolean
on_spin_output_cb (GtkSpinButton    *spin,
                   CdFollowupEditor *self)
{
  g_autofree char *text = g_strdup_printf ("%02d", gtk_spin_button_get_value_as_int (spin));

  if (g_strcmp0 (text, gtk_editable_get_text (GTK_EDITABLE (spin))) != 0)
    gtk_editable_set_text (GTK_EDITABLE (spin), text);

  return TRUE;
}

void
cd_followup_editor_set_due_at (CdFollowupEditor *self,
                               gint64            due_at)
{
  g_autoptr(GDateTime) due = NULL;

  g_return_if_fail (CD_IS_FOLLOWUP_EDITOR (self));

  due = g_date_time_new_from_unix_local (due_at);
  if (due == NULL)
    return;

  gtk_calendar_select_day (self->calendar, due);
  gtk_spin_button_set_value (self->hour_spin, g_date_time_get_hour (due));
  gtk_spin_button_set_value (self->minute_spin, g_date_time_get_minute (due));
  update_date_label (self);
  validate (self);
}

static void
fill_assignees (CdFollowupEditor *self,
                gint64            include_id,
                gint64            selected_id)
{
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  g_autoptr(GError) error = NULL;
  guint pos;

  g_array_set_size (self->assignee_ids, 0);
  if (!cd_complaints_load_staff (self->store, include_id, names, self->assignee_ids, &error))
    show_toast (self, error->message);

  adw_combo_row_set_model (self->assignee_row, G_LIST_MODEL (names));
  pos = cd_complaints_find_id (self->assignee_ids, selected_id);
  if (pos != GTK_INVALID_LIST_POSITION)
    adw_combo_row_set_selected (self->assignee_row, pos);
}

/* Saving ---------------------------------------------------------------- */

static gboolean save_with_version (CdFollowupEditor *self,
                                   gint64            expected_version);

static gboolean
reload_followup (CdFollowupEditor  *self,
                 GError           **error)
{
  CdFollowup *fresh = cd_followup_load (self->store, self->followup->id, error);

  if (fresh == NULL)
    return FALSE;
  g_clear_pointer (&self->followup, cd_followup_free);
  self->followup = fresh;

  return TRUE;
}

static void
on_conflict_response_cb (AdwMessageDialog *dialog,
                         const char       *response,
                         CdFollowupEditor *self)
{
  g_autoptr(GError) error = NULL;

  if (g_strcmp0 (response, "reload") == 0)
    {
      if (!reload_followup (self, &error))
        {
          show_toast (self, error->message);
          return;
        }
      fill_assignees (self, self->followup->assignee_id, self->followup->assignee_id);
      cd_followup_editor_set_due_at (self, self->followup->due_at);
    }
  else if (g_strcmp0 (response, "overwrite") == 0)
    save_with_version (self, 0);
}

static char *
assignee_name (CdFollowupEditor *self,
               gint64            staff_id)
{
  guint pos = cd_complaints_find_id (self->assignee_ids, staff_id);
  GListModel *names = adw_combo_row_get_model (self->assignee_row);

  if (pos == GTK_INVALID_LIST_POSITION || names == NULL)
    return g_strdup_printf ("%" G_GINT64_FORMAT, staff_id);
  return g_strdup (gtk_string_list_get_string (GTK_STRING_LIST (names), pos));
}

static void
ask_about_conflict (CdFollowupEditor *self)
{
  g_autoptr(CdFollowup) theirs = NULL;
  GtkWidget *dialog;

  dialog = cd_conflict_dialog_new (GTK_WINDOW (self), _("this follow-up"));
  theirs = self->followup != NULL ? cd_followup_load (self->store, self->followup->id, NULL) : NULL;
  if (theirs != NULL)
    {
      CdConflictDialog *conflict = CD_CONFLICT_DIALOG (dialog);
      gint64 now = cd_store_now (self->store);
      g_autofree char *mine_due = cd_datetime_format_when (cd_followup_editor_get_due_at (self), now);
      g_autofree char *their_due = cd_datetime_format_when (theirs->due_at, now);
      g_autofree char *mine_who = assignee_name (self, selected_assignee (self));
      g_autofree char *their_who = assignee_name (self, theirs->assignee_id);

      cd_conflict_dialog_add_field (conflict, _("Due"), mine_due, their_due);
      cd_conflict_dialog_add_field (conflict, _("Assignee"), mine_who, their_who);
      cd_conflict_dialog_add_field (conflict, _("Status"),
                                    cd_followup_status_label (self->followup->status),
                                    cd_followup_status_label (theirs->status));
      cd_conflict_dialog_set_changed_by (conflict, NULL, theirs->updated_at);
    }

  g_signal_connect_object (dialog, "response", G_CALLBACK (on_conflict_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
set_saving (CdFollowupEditor *self,
            gboolean          saving)
{
  self->saving = saving;
  cd_complaints_button_set_busy (self->save_button, saving);
  validate (self);
}

static void
on_saved_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(CdFollowupEditor) self = user_data;
  g_autoptr(GError) error = NULL;
  gint64 id;

  if (self->mode == MODE_RESCHEDULE)
    id = cd_followup_move_finish (CD_STORE (source), result, &error) ? self->followup->id : 0;
  else
    id = cd_followup_schedule_finish (CD_STORE (source), result, &error);

  /* Closed meanwhile (its window went away): what was written stays. */
  if (self->store == NULL)
    return;

  set_saving (self, FALSE);
  if (id == 0)
    {
      if (g_error_matches (error, CD_STORE_ERROR, CD_STORE_ERROR_STALE))
        ask_about_conflict (self);
      else
        show_toast (self, error->message);
      return;
    }

  g_signal_emit (self, signals[SAVED], 0, id);
  cd_complaints_close_window_soon (GTK_WINDOW (self));
}

static gboolean
save_with_version (CdFollowupEditor *self,
                   gint64            expected_version)
{
  gint64 due = cd_followup_editor_get_due_at (self);
  gint64 assignee = selected_assignee (self);

  if (self->saving)
    return FALSE;

  if (self->mode == MODE_RESCHEDULE)
    {
      if (self->followup == NULL)
        return FALSE;
      set_saving (self, TRUE);
      cd_followup_move_async (self->store, self->followup->id, expected_version,
                              due != self->followup->due_at ? due : 0,
                              assignee != self->followup->assignee_id ? assignee : 0,
                              self->cancellable, on_saved_cb, g_object_ref (self));
    }
  else
    {
      g_autofree char *notes = get_notes (self);
      guint method = adw_combo_row_get_selected (self->method_row);

      set_saving (self, TRUE);
      cd_followup_schedule_async (self->store, self->complaint_id, due, assignee,
                                  method < cd_followup_method_count ()
                                  ? (CdFollowupMethod) method : CD_METHOD_PHONE,
                                  notes, self->cancellable, on_saved_cb, g_object_ref (self));
    }

  return TRUE;
}

gboolean
cd_followup_editor_save (CdFollowupEditor *self)
{
  g_return_val_if_fail (CD_IS_FOLLOWUP_EDITOR (self), FALSE);

  if (!self->can_save)
    return FALSE;

  return save_with_version (self, self->followup != NULL ? self->followup->version : 1);
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  cd_followup_editor_save (CD_FOLLOWUP_EDITOR (widget));
}

/* GObject --------------------------------------------------------------- */

/* A follow-up being written is not given up half-way by closing: the
 * window closes once it is saved, or stays to say why it was not. */
static gboolean
cd_followup_editor_close_request (GtkWindow *window)
{
  CdFollowupEditor *self = CD_FOLLOWUP_EDITOR (window);

  if (self->saving)
    return TRUE;
  return GTK_WINDOW_CLASS (cd_followup_editor_parent_class)->close_request (window);
}

static void
cd_followup_editor_dispose (GObject *object)
{
  CdFollowupEditor *self = CD_FOLLOWUP_EDITOR (object);

  g_cancellable_cancel (self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), CD_TYPE_FOLLOWUP_EDITOR);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (cd_followup_editor_parent_class)->dispose (object);
}

static void
cd_followup_editor_finalize (GObject *object)
{
  CdFollowupEditor *self = CD_FOLLOWUP_EDITOR (object);

  g_clear_pointer (&self->followup, cd_followup_free);
  g_clear_pointer (&self->assignee_ids, g_array_unref);
  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (cd_followup_editor_parent_class)->finalize (object);
}

static void
cd_followup_editor_class_init (CdFollowupEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cd_followup_editor_dispose;
  object_class->finalize = cd_followup_editor_finalize;

  GTK_WINDOW_CLASS (klass)->close_request = cd_followup_editor_close_request;

  signals[SAVED] =
    g_signal_new ("saved",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_INT64);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/complaints/cd-followup-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, CdFollowupEditor, window_title);
  gtk_widget_class_bind_template_child (widget_class, CdFollowupEditor, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, CdFollowupEditor, save_button);
  gtk_widget_class_bind_template_child (widget_class, CdFollowupEditor, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, CdFollowupEditor, intro_label);
  gtk_widget_class_bind_template_child (widget_class, CdFollowupEditor, date_button);
  gtk_widget_class_bind_template_child (widget_class, CdFollowupEditor, calendar);
  gtk_widget_class_bind_template_child (widget_class, CdFollowupEditor, hour_spin);
  gtk_widget_class_bind_template_child (widget_class, CdFollowupEditor, minute_spin);
  gtk_widget_class_bind_template_child (widget_class, CdFollowupEditor, when_note_label);
  gtk_widget_class_bind_template_child (widget_class, CdFollowupEditor, assignee_row);
  gtk_widget_class_bind_template_child (widget_class, CdFollowupEditor, method_row);
  gtk_widget_class_bind_template_child (widget_class, CdFollowupEditor, notes_group);
  gtk_widget_class_bind_template_child (widget_class, CdFollowupEditor, notes_frame);
  gtk_widget_class_bind_template_child (widget_class, CdFollowupEditor, notes_view);
  gtk_widget_class_bind_template_callback (widget_class, on_time_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_calendar_day_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_spin_output_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_date_popover_show_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_calendar_key_pressed_cb);

  gtk_widget_class_install_action (widget_class, "followup.save", NULL, save_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK, "followup.save", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, GDK_CONTROL_MASK, "followup.save", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Enter, GDK_CONTROL_MASK, "followup.save", NULL);
}

static void
on_notes_changed_cb (GtkTextBuffer    *buffer,
                     CdFollowupEditor *self)
{
  validate (self);
}

static void
cd_followup_editor_init (CdFollowupEditor *self)
{
  g_autoptr(GtkStringList) methods = gtk_string_list_new (NULL);

  self->assignee_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->cancellable = g_cancellable_new ();
  gtk_widget_init_template (GTK_WIDGET (self));
  /* Enter in the time saves, as in any dialog's field. */
  gtk_window_set_default_widget (GTK_WINDOW (self), GTK_WIDGET (self->save_button));
  gtk_text_set_activates_default (GTK_TEXT (gtk_editable_get_delegate (GTK_EDITABLE (self->hour_spin))), TRUE);
  gtk_text_set_activates_default (GTK_TEXT (gtk_editable_get_delegate (GTK_EDITABLE (self->minute_spin))), TRUE);

  for (guint i = 0; i < cd_followup_method_count (); i++)
    gtk_string_list_append (methods, cd_followup_method_label ((CdFollowupMethod) i));
  adw_combo_row_set_model (self->method_row, G_LIST_MODEL (methods));

  g_signal_connect_object (gtk_text_view_get_buffer (self->notes_view), "changed",
                           G_CALLBACK (on_notes_changed_cb), self, 0);
}

/* The buttons' labels are mnemonic label children (see the .ui file). */
static void
set_button_text (GtkButton  *button,
                 const char *text)
{
  GtkWidget *child = gtk_button_get_child (button);

  if (GTK_IS_LABEL (child))
    gtk_label_set_text_with_mnemonic (GTK_LABEL (child), text);
  else
    gtk_button_set_label (button, text);
}

static CdFollowupEditor *
editor_new (CdStore *store,
            Mode     mode)
{
  CdFollowupEditor *self = g_object_new (CD_TYPE_FOLLOWUP_EDITOR, NULL);

  self->store = g_object_ref (store);
  self->mode = mode;

  return self;
}

CdFollowupEditor *
cd_followup_editor_new_schedule (CdStore *store,
                                 gint64   complaint_id)
{
  CdFollowupEditor *self;
  gint64 now;
  gint64 me;

  g_return_val_if_fail (CD_IS_STORE (store), NULL);

  self = editor_new (store, MODE_SCHEDULE);
  self->complaint_id = complaint_id;

  me = cd_store_get_staff_id (store);
  fill_assignees (self, me, me);

  /* A return call the next working morning is the usual promise. */
  now = cd_store_now (store);
  {
    g_autoptr(GDateTime) today = g_date_time_new_from_unix_local (now);
    g_autoptr(GDateTime) tomorrow = g_date_time_add_days (today, 1);
    g_autoptr(GDateTime) at_ten = g_date_time_new_local (g_date_time_get_year (tomorrow),
                                                         g_date_time_get_month (tomorrow),
                                                         g_date_time_get_day_of_month (tomorrow),
                                                         10, 0, 0);

    cd_followup_editor_set_due_at (self, at_ten != NULL ? g_date_time_to_unix (at_ten) : now + 86400);
  }

  gtk_window_set_focus (GTK_WINDOW (self), GTK_WIDGET (self->date_button));

  return self;
}

CdFollowupEditor *
cd_followup_editor_new_reschedule (CdStore *store,
                                   gint64   followup_id)
{
  g_autoptr(GError) error = NULL;
  CdFollowupEditor *self;

  g_return_val_if_fail (CD_IS_STORE (store), NULL);

  self = editor_new (store, MODE_RESCHEDULE);
  adw_window_title_set_title (self->window_title, _("Reschedule Follow-up"));
  gtk_window_set_title (GTK_WINDOW (self), _("Reschedule Follow-up"));
  set_button_text (self->save_button, _("_Reschedule"));

  self->followup = cd_followup_load (store, followup_id, &error);
  if (self->followup == NULL)
    {
      show_toast (self, error->message);
      self->can_save = FALSE;
      gtk_widget_action_set_enabled (GTK_WIDGET (self), "followup.save", FALSE);
      return self;
    }

  self->complaint_id = self->followup->complaint_id;
  fill_assignees (self, self->followup->assignee_id, self->followup->assignee_id);
  adw_combo_row_set_selected (self->method_row, (guint) self->followup->method);
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->notes_view),
                            self->followup->notes != NULL ? self->followup->notes : "", -1);

  /* Only the time and the person change; method and notes stay. */
  gtk_widget_set_sensitive (GTK_WIDGET (self->method_row), FALSE);
  gtk_widget_set_sensitive (self->notes_group, FALSE);

  cd_followup_editor_set_due_at (self, self->followup->due_at);

  return self;
}

CdFollowupEditor *
cd_followup_editor_new_proposal (CdStore                  *store,
                                 const CdFollowupProposal *proposal)
{
  CdFollowupEditor *self;

  g_return_val_if_fail (CD_IS_STORE (store), NULL);
  g_return_val_if_fail (proposal != NULL, NULL);

  self = editor_new (store, MODE_PROPOSAL);
  self->complaint_id = proposal->complaint_id;

  adw_window_title_set_title (self->window_title, _("Schedule Next Follow-up?"));
  gtk_window_set_title (GTK_WINDOW (self), _("Schedule Next Follow-up"));
  set_button_text (self->cancel_button, _("_Not Now"));

  if (proposal->because == CD_OUTCOME_UNREACHABLE)
    gtk_label_set_text (self->intro_label,
                        _("The customer could not be reached. Caredesk suggests trying again at the time below; change it if you agreed on another."));
  else
    gtk_label_set_text (self->intro_label,
                        _("The customer is not satisfied yet. Caredesk suggests another follow-up at the time below, to check that the problem is solved."));
  gtk_widget_set_visible (GTK_WIDGET (self->intro_label), TRUE);

  fill_assignees (self, proposal->assignee_id, proposal->assignee_id);
  adw_combo_row_set_selected (self->method_row, (guint) proposal->method);
  cd_followup_editor_set_due_at (self, proposal->due_at);

  gtk_window_set_focus (GTK_WINDOW (self), GTK_WIDGET (self->save_button));

  return self;
}
