/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "caredesk-complaints"

#include "config.h"

#include <glib/gi18n.h>
#include <stdlib.h>
#include <string.h>

#include "cd-complaint-editor.h"
#include "cd-complaints.h"
#include "cd-conflict-dialog.h"
#include "cd-complaints-util.h"
#include "cd-customer-picker.h"
#include "cd-datetime.h"
#include "cd-followup-editor.h"
#include "cd-outcome-dialog.h"
#include "cd-staff.h"
#include "cd-tickets.h"

typedef enum {
  REFRESH_COMPLAINT = 1 << 0,
  REFRESH_FOLLOWUPS = 1 << 1,
} Refresh;

typedef enum {
  WRITING_NONE,
  WRITING_COMPLAINT,   /* Save */
  WRITING_STATUS,
  WRITING_FOLLOWUP,    /* missed or cancelled */
} Writing;

struct _CdComplaintEditor
{
  AdwWindow          parent_instance;

  CdStore           *store;
  gint64             complaint_id;
  /* The complaint as last read from the file; NULL for a new one. */
  CdComplaint       *loaded;

  /* Template widgets */
  AdwWindowTitle    *window_title;
  GtkButton         *save_button;
  GtkRevealer       *changed_revealer;
  AdwToastOverlay   *toast_overlay;
  GtkScrolledWindow *scrolled_window;
  AdwActionRow      *customer_row;
  GtkMenuButton     *customer_button;
  AdwEntryRow       *ticket_row;
  GtkLabel          *customer_error_label;
  AdwEntryRow       *summary_row;
  AdwComboRow       *severity_row;
  AdwEntryRow       *category_row;
  AdwComboRow       *owner_row;
  GtkLabel          *complaint_error_label;
  GtkWidget         *details_frame;
  GtkTextView       *details_view;
  AdwPreferencesGroup *status_group;
  GtkLabel          *status_label;
  GtkWidget         *acknowledge_button;
  GtkWidget         *investigate_button;
  GtkWidget         *resolve_button;
  GtkWidget         *follow_up_button;
  GtkWidget         *close_button;
  GtkWidget         *reopen_button;
  GtkLabel          *status_hint_label;
  AdwEntryRow       *resolution_row;
  AdwEntryRow       *compensation_row;
  GtkLabel          *resolution_error_label;
  AdwPreferencesGroup *followups_group;
  GtkWidget         *schedule_button;
  GtkListBox        *followups_list;

  GtkWidget         *customer_picker;

  /* Form state */
  gint64             customer_id;
  char              *customer_name;
  GArray            *owner_ids;     /* gint64; [0] = nobody */
  gboolean           loading;
  gboolean           dirty;
  gboolean           summary_touched;
  gboolean           save_attempted;
  gint64             highlight_followup;

  /* One write at a time: each starts from the version the last one
   * left. */
  Writing            writing;
  GtkButton         *busy_button;   /* shows the write it started */
  gint64             busy_followup; /* the follow-up being written */
  gboolean           close_after_save;
  gboolean           schedule_after_save;
  GCancellable      *cancellable;

  GSignalGroup      *store_signals;
  /* What changed since the last refresh (Refresh flags). */
  guint              refresh_what;
  guint              refresh_idle_id;
  /* Assignees shown in the follow-up list (gint64). */
  GArray            *shown_staff;
};

enum {
  PROP_0,
  PROP_STORE,
  PROP_COMPLAINT_ID,
  N_PROPS
};

enum {
  COMPLAINT_CREATED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (CdComplaintEditor, cd_complaint_editor, ADW_TYPE_WINDOW)

static gboolean validate (CdComplaintEditor *self);
static void refresh_followups (CdComplaintEditor *self);
static void sync_actions (CdComplaintEditor *self);

/* Helpers --------------------------------------------------------------- */

static void
show_toast (CdComplaintEditor *self,
            const char        *message)
{
  AdwToast *toast = adw_toast_new (message);

  adw_toast_set_timeout (toast, 0);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

static char *
staff_name (CdStore *store,
            gint64   staff_id)
{
  return staff_id != 0 ? cd_staff_dup_display_name (store, staff_id) : NULL;
}

static char *
get_details_text (CdComplaintEditor *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->details_view);
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

/* The ticket number typed: 0 when empty; -1 when the text is not a
 * ticket number. */
static gint64
parse_ticket (const char *text)
{
  g_autofree char *copy = cd_complaints_dup_trimmed (text);
  gint64 id;

  if (copy == NULL)
    return 0;
  id = cd_ticket_parse_number (copy);
  return id > 0 ? id : -1;
}

static gint64
selected_owner (CdComplaintEditor *self)
{
  guint pos = adw_combo_row_get_selected (self->owner_row);

  if (pos == GTK_INVALID_LIST_POSITION || pos >= self->owner_ids->len)
    return 0;
  return g_array_index (self->owner_ids, gint64, pos);
}

static void
load_owner_model (CdComplaintEditor *self,
                  gint64             include_id)
{
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  g_autoptr(GError) error = NULL;
  gint64 nobody = 0;

  g_array_set_size (self->owner_ids, 0);
  g_array_append_val (self->owner_ids, nobody);
  gtk_string_list_append (names, _("Nobody"));

  if (!cd_complaints_load_staff (self->store, include_id, names, self->owner_ids, &error))
    g_warning ("Could not list the staff: %s", error->message);

  adw_combo_row_set_model (self->owner_row, G_LIST_MODEL (names));
}

static void
set_customer (CdComplaintEditor *self,
              gint64             customer_id,
              const char        *name)
{
  self->customer_id = customer_id;
  g_free (self->customer_name);
  self->customer_name = g_strdup (name);

  if (customer_id != 0)
    {
      adw_action_row_set_subtitle (self->customer_row, name != NULL ? name : "");
      gtk_widget_remove_css_class (GTK_WIDGET (self->customer_row), "error");
    }
  else
    adw_action_row_set_subtitle (self->customer_row, _("Required — search by name or phone"));
}

static void
set_row_error (GtkWidget *row,
               gboolean   error)
{
  if (error)
    gtk_widget_add_css_class (row, "error");
  else
    gtk_widget_remove_css_class (row, "error");
}

/* Filling the form ------------------------------------------------------ */

static void
update_title (CdComplaintEditor *self)
{
  if (self->complaint_id == 0)
    {
      adw_window_title_set_title (self->window_title, _("New Complaint"));
      adw_window_title_set_subtitle (self->window_title, self->customer_name);
      gtk_window_set_title (GTK_WINDOW (self), _("New Complaint"));
    }
  else
    {
      g_autofree char *number = g_strdup_printf ("%" G_GINT64_FORMAT, self->complaint_id);
      g_autofree char *title = g_strdup_printf (_("Complaint %s"), number);

      adw_window_title_set_title (self->window_title, title);
      adw_window_title_set_subtitle (self->window_title, self->customer_name);
      gtk_window_set_title (GTK_WINDOW (self), title);
    }
}

static void
update_status (CdComplaintEditor *self)
{
  CdComplaintStatus status;
  gboolean can_investigate;
  gboolean can_close;

  gtk_widget_set_visible (GTK_WIDGET (self->status_group), self->loaded != NULL);
  if (self->loaded == NULL)
    return;

  status = self->loaded->status;
  gtk_label_set_text (self->status_label, cd_complaint_status_label (status));

  can_investigate = cd_complaint_status_can_change (status, CD_COMPLAINT_INVESTIGATING);
  gtk_widget_set_visible (self->acknowledge_button,
                          cd_complaint_status_can_change (status, CD_COMPLAINT_ACKNOWLEDGED));
  gtk_widget_set_visible (self->investigate_button,
                          can_investigate && status < CD_COMPLAINT_RESOLVED);
  gtk_widget_set_visible (self->reopen_button,
                          can_investigate && status >= CD_COMPLAINT_RESOLVED);
  gtk_widget_set_visible (self->resolve_button,
                          cd_complaint_status_can_change (status, CD_COMPLAINT_RESOLVED));
  gtk_widget_set_visible (self->follow_up_button,
                          cd_complaint_status_can_change (status, CD_COMPLAINT_FOLLOWING_UP));

  can_close = cd_complaint_status_can_change (status, CD_COMPLAINT_CLOSED);
  gtk_widget_set_visible (self->close_button, can_close);
  gtk_widget_set_visible (GTK_WIDGET (self->status_hint_label), FALSE);
  if (can_close)
    {
      g_autoptr(GError) error = NULL;
      gboolean ok = cd_complaint_check_can_close (self->store, self->complaint_id, &error);

      gtk_widget_set_sensitive (self->close_button, ok);
      if (!ok && error != NULL)
        {
          gtk_label_set_text (self->status_hint_label, error->message);
          gtk_widget_set_visible (GTK_WIDGET (self->status_hint_label), TRUE);
        }
    }

  if (status == CD_COMPLAINT_CLOSED)
    {
      g_autofree char *when = cd_datetime_format_when (self->loaded->closed_at,
                                                       cd_store_now (self->store));
      g_autofree char *text = g_strdup_printf (_("Closed %s. Reopen it to schedule another follow-up."), when);

      gtk_label_set_text (self->status_hint_label, text);
      gtk_widget_set_visible (GTK_WIDGET (self->status_hint_label), TRUE);
    }

  sync_actions (self);
}

static void
fill_form (CdComplaintEditor *self)
{
  const CdComplaint *c = self->loaded;
  g_autofree char *ticket = NULL;
  guint pos;

  g_assert (c != NULL);

  self->loading = TRUE;

  set_customer (self, c->customer_id, c->customer_name);
  ticket = c->ticket_id != 0 ? cd_ticket_format_number (c->ticket_id) : g_strdup ("");
  gtk_editable_set_text (GTK_EDITABLE (self->ticket_row), ticket);
  gtk_editable_set_text (GTK_EDITABLE (self->summary_row), c->summary != NULL ? c->summary : "");
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->details_view),
                            c->details != NULL ? c->details : "", -1);
  adw_combo_row_set_selected (self->severity_row, (guint) c->severity);
  gtk_editable_set_text (GTK_EDITABLE (self->category_row), c->category != NULL ? c->category : "");

  load_owner_model (self, c->owner_id);
  pos = cd_complaints_find_id (self->owner_ids, c->owner_id);
  adw_combo_row_set_selected (self->owner_row, pos != GTK_INVALID_LIST_POSITION ? pos : 0);

  gtk_editable_set_text (GTK_EDITABLE (self->resolution_row),
                         c->resolution != NULL ? c->resolution : "");
  gtk_editable_set_text (GTK_EDITABLE (self->compensation_row),
                         c->compensation != NULL ? c->compensation : "");

  self->loading = FALSE;
  self->dirty = FALSE;
  self->summary_touched = FALSE;
  self->save_attempted = FALSE;
  gtk_revealer_set_reveal_child (self->changed_revealer, FALSE);

  gtk_widget_set_sensitive (GTK_WIDGET (self->customer_button), FALSE);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->customer_button),
                               _("A recorded complaint stays with its customer"));

  update_title (self);
  update_status (self);
  validate (self);
}

static gboolean
load (CdComplaintEditor  *self,
      GError            **error)
{
  CdComplaint *complaint = cd_complaint_load (self->store, self->complaint_id, error);

  if (complaint == NULL)
    return FALSE;

  g_clear_pointer (&self->loaded, cd_complaint_free);
  self->loaded = complaint;
  fill_form (self);
  refresh_followups (self);

  return TRUE;
}

/* Validation ------------------------------------------------------------ */

static gboolean
check_text_length (const char  *text,
                   guint        max_chars,
                   const char  *field,
                   GString     *messages)
{
  if (text != NULL && g_utf8_strlen (text, -1) > max_chars)
    {
      if (messages->len > 0)
        g_string_append_c (messages, '\n');
      /* Translators: %s is a field name such as "Category". */
      g_string_append_printf (messages, _("%s is too long: keep it under %u characters."),
                              field, max_chars);
      return FALSE;
    }
  return TRUE;
}

/* Checks every field, shows what is wrong next to it (once the user has
 * touched it or tried to save), and returns TRUE when Save may go ahead. */
static gboolean
validate (CdComplaintEditor *self)
{
  g_autoptr(GString) customer_messages = g_string_new (NULL);
  g_autoptr(GString) complaint_messages = g_string_new (NULL);
  g_autoptr(GString) resolution_messages = g_string_new (NULL);
  g_autoptr(GError) summary_error = NULL;
  g_autoptr(GError) details_error = NULL;
  g_autofree char *details = get_details_text (self);
  const char *summary = gtk_editable_get_text (GTK_EDITABLE (self->summary_row));
  gint64 ticket_id = parse_ticket (gtk_editable_get_text (GTK_EDITABLE (self->ticket_row)));
  gboolean show_all = self->save_attempted;
  gboolean valid = TRUE;
  gboolean ok;

  /* Customer and ticket */
  if (self->customer_id == 0)
    {
      valid = FALSE;
      if (show_all)
        g_string_append (customer_messages, _("Choose the customer who complained: press the search button and type a name or phone number."));
    }
  set_row_error (GTK_WIDGET (self->customer_row), self->customer_id == 0 && show_all);

  ok = TRUE;
  if (ticket_id < 0)
    {
      ok = FALSE;
      if (customer_messages->len > 0)
        g_string_append_c (customer_messages, '\n');
      g_string_append (customer_messages, _("The ticket is not a ticket number. Write it as T-000123, or leave it empty."));
    }
  else if (ticket_id > 0)
    {
      gint64 owner = cd_complaint_ticket_customer (self->store, ticket_id, NULL);
      g_autofree char *number = cd_ticket_format_number (ticket_id);

      if (owner <= 0)
        {
          ok = FALSE;
          if (customer_messages->len > 0)
            g_string_append_c (customer_messages, '\n');
          g_string_append_printf (customer_messages,
                                  _("There is no ticket %s. Check the number, or leave it empty."),
                                  number);
        }
      else if (self->customer_id != 0 && owner != self->customer_id)
        {
          ok = FALSE;
          if (customer_messages->len > 0)
            g_string_append_c (customer_messages, '\n');
          g_string_append_printf (customer_messages,
                                  _("Ticket %s belongs to another customer. Check the number or the customer."),
                                  number);
        }
    }
  set_row_error (GTK_WIDGET (self->ticket_row), !ok);
  valid = valid && ok;

  /* Summary, details, category */
  ok = cd_complaint_validate_summary (summary, &summary_error);
  if (!ok && (self->summary_touched || show_all))
    g_string_append (complaint_messages, summary_error->message);
  set_row_error (GTK_WIDGET (self->summary_row), !ok && (self->summary_touched || show_all));
  valid = valid && ok;

  ok = check_text_length (gtk_editable_get_text (GTK_EDITABLE (self->category_row)),
                          CD_COMPLAINT_TEXT_MAX_CHARS, _("Category"), complaint_messages);
  set_row_error (GTK_WIDGET (self->category_row), !ok);
  valid = valid && ok;

  ok = cd_complaint_validate_details (details, &details_error);
  if (!ok)
    {
      if (complaint_messages->len > 0)
        g_string_append_c (complaint_messages, '\n');
      g_string_append (complaint_messages, details_error->message);
    }
  set_row_error (self->details_frame, !ok);
  valid = valid && ok;

  /* Resolution and compensation */
  ok = check_text_length (gtk_editable_get_text (GTK_EDITABLE (self->resolution_row)),
                          CD_COMPLAINT_TEXT_MAX_CHARS, _("Resolution"), resolution_messages);
  set_row_error (GTK_WIDGET (self->resolution_row), !ok);
  valid = valid && ok;
  ok = check_text_length (gtk_editable_get_text (GTK_EDITABLE (self->compensation_row)),
                          CD_COMPLAINT_TEXT_MAX_CHARS, _("Compensation"), resolution_messages);
  set_row_error (GTK_WIDGET (self->compensation_row), !ok);
  valid = valid && ok;

  gtk_label_set_text (self->customer_error_label, customer_messages->str);
  gtk_widget_set_visible (GTK_WIDGET (self->customer_error_label), customer_messages->len > 0);
  gtk_label_set_text (self->complaint_error_label, complaint_messages->str);
  gtk_widget_set_visible (GTK_WIDGET (self->complaint_error_label), complaint_messages->len > 0);
  gtk_label_set_text (self->resolution_error_label, resolution_messages->str);
  gtk_widget_set_visible (GTK_WIDGET (self->resolution_error_label), resolution_messages->len > 0);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.save",
                                 valid && (self->dirty || self->complaint_id == 0)
                                 && self->writing == WRITING_NONE);
  if (!valid && !show_all && self->customer_id == 0)
    gtk_widget_set_tooltip_text (GTK_WIDGET (self->save_button),
                                 _("Choose a customer and write a summary first"));
  else if (!valid)
    gtk_widget_set_tooltip_text (GTK_WIDGET (self->save_button),
                                 _("Correct the fields marked in red first"));
  else
    gtk_widget_set_tooltip_text (GTK_WIDGET (self->save_button), NULL);

  return valid;
}

static void
on_field_changed_cb (CdComplaintEditor *self)
{
  if (self->loading)
    return;

  self->dirty = TRUE;
  if (!self->summary_touched
      && g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (self->summary_row)),
                    self->loaded != NULL ? self->loaded->summary : "") != 0)
    self->summary_touched = TRUE;

  validate (self);
}

static void
on_details_changed_cb (GtkTextBuffer     *buffer,
                       CdComplaintEditor *self)
{
  on_field_changed_cb (self);
}

static void
on_customer_chosen_cb (CdCustomerPicker  *picker,
                       gint64             customer_id,
                       const char        *name,
                       CdComplaintEditor *self)
{
  set_customer (self, customer_id, name);
  update_title (self);
  on_field_changed_cb (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->summary_row));
}

/* Saving ---------------------------------------------------------------- */

/* The form's values, as a CdComplaint borrowing the widgets' strings. */
typedef struct {
  CdComplaint  values;
  char        *summary;
  char        *details;
  char        *category;
  char        *resolution;
  char        *compensation;
} FormValues;

static void
form_values_clear (FormValues *form)
{
  g_free (form->summary);
  g_free (form->details);
  g_free (form->category);
  g_free (form->resolution);
  g_free (form->compensation);
}

static void
read_form (CdComplaintEditor *self,
           FormValues        *form)
{
  g_autofree char *details = get_details_text (self);
  g_autofree char *trimmed = NULL;
  guint severity = adw_combo_row_get_selected (self->severity_row);
  gint64 ticket_id = parse_ticket (gtk_editable_get_text (GTK_EDITABLE (self->ticket_row)));

  memset (form, 0, sizeof *form);
  form->summary = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->summary_row))));
  /* Details keep their inner layout; only an empty text becomes NULL. */
  trimmed = cd_complaints_dup_trimmed (details);
  form->details = trimmed != NULL ? g_steal_pointer (&details) : NULL;
  form->category = cd_complaints_dup_trimmed (gtk_editable_get_text (GTK_EDITABLE (self->category_row)));
  form->resolution = cd_complaints_dup_trimmed (gtk_editable_get_text (GTK_EDITABLE (self->resolution_row)));
  form->compensation = cd_complaints_dup_trimmed (gtk_editable_get_text (GTK_EDITABLE (self->compensation_row)));

  form->values.customer_id = self->customer_id;
  form->values.ticket_id = MAX (ticket_id, 0);
  form->values.summary = form->summary;
  form->values.details = form->details;
  form->values.severity = severity < cd_severity_count () ? (CdSeverity) severity : CD_SEVERITY_MINOR;
  form->values.category = form->category;
  form->values.owner_id = selected_owner (self);
  form->values.resolution = form->resolution;
  form->values.compensation = form->compensation;
}

static CdComplaintFields
changed_fields (const CdComplaint *loaded,
                const CdComplaint *form)
{
  CdComplaintFields fields = 0;

  if (g_strcmp0 (loaded->summary, form->summary) != 0)
    fields |= CD_COMPLAINT_FIELD_SUMMARY;
  if (g_strcmp0 (loaded->details, form->details) != 0)
    fields |= CD_COMPLAINT_FIELD_DETAILS;
  if (loaded->severity != form->severity)
    fields |= CD_COMPLAINT_FIELD_SEVERITY;
  if (g_strcmp0 (loaded->category, form->category) != 0)
    fields |= CD_COMPLAINT_FIELD_CATEGORY;
  if (loaded->owner_id != form->owner_id)
    fields |= CD_COMPLAINT_FIELD_OWNER;
  if (g_strcmp0 (loaded->resolution, form->resolution) != 0)
    fields |= CD_COMPLAINT_FIELD_RESOLUTION;
  if (g_strcmp0 (loaded->compensation, form->compensation) != 0)
    fields |= CD_COMPLAINT_FIELD_COMPENSATION;

  return fields;
}

static gboolean save_with_version (CdComplaintEditor *self,
                                   gint64             expected_version,
                                   gboolean           close_after);

static void
on_conflict_response_cb (AdwMessageDialog  *dialog,
                         const char        *response,
                         CdComplaintEditor *self)
{
  g_autoptr(GError) error = NULL;

  if (g_strcmp0 (response, "reload") == 0)
    {
      if (!load (self, &error))
        show_toast (self, error->message);
      else
        show_toast (self, _("Showing the saved version; your edits were discarded"));
    }
  else if (g_strcmp0 (response, "overwrite") == 0)
    save_with_version (self, 0, TRUE);
}

static const char *
owner_name (CdComplaintEditor *self,
            gint64             owner_id,
            char             **to_free)
{
  if (owner_id == 0)
    return _("Nobody");
  *to_free = staff_name (self->store, owner_id);
  return *to_free;
}

/* Shows, field by field, what the user has and what is saved now. */
static void
ask_about_conflict (CdComplaintEditor *self)
{
  g_autoptr(CdComplaint) theirs = NULL;
  g_autofree char *record = NULL;
  GtkWidget *dialog;
  FormValues form;

  {
    g_autofree char *number = g_strdup_printf ("%" G_GINT64_FORMAT, self->complaint_id);
    record = g_strdup_printf (_("complaint %s"), number);
  }
  dialog = cd_conflict_dialog_new (GTK_WINDOW (self), record);

  theirs = cd_complaint_load (self->store, self->complaint_id, NULL);
  if (theirs != NULL)
    {
      CdConflictDialog *conflict = CD_CONFLICT_DIALOG (dialog);
      g_autofree char *mine_owner = NULL;
      g_autofree char *their_owner = NULL;

      read_form (self, &form);
      cd_conflict_dialog_add_field (conflict, _("Summary"), form.values.summary, theirs->summary);
      cd_conflict_dialog_add_field (conflict, _("Details"), form.values.details, theirs->details);
      cd_conflict_dialog_add_field (conflict, _("Severity"),
                                    cd_severity_label (form.values.severity),
                                    cd_severity_label (theirs->severity));
      cd_conflict_dialog_add_field (conflict, _("Category"), form.values.category, theirs->category);
      cd_conflict_dialog_add_field (conflict, _("Owner"),
                                    owner_name (self, form.values.owner_id, &mine_owner),
                                    owner_name (self, theirs->owner_id, &their_owner));
      cd_conflict_dialog_add_field (conflict, _("Resolution"),
                                    form.values.resolution, theirs->resolution);
      cd_conflict_dialog_add_field (conflict, _("Compensation"),
                                    form.values.compensation, theirs->compensation);
      if (self->loaded != NULL && theirs->status != self->loaded->status)
        cd_conflict_dialog_add_field (conflict, _("Status"),
                                      cd_complaint_status_label (self->loaded->status),
                                      cd_complaint_status_label (theirs->status));
      cd_conflict_dialog_set_changed_by (conflict, NULL, theirs->updated_at);
      form_values_clear (&form);
    }

  g_signal_connect_object (dialog, "response", G_CALLBACK (on_conflict_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Writing --------------------------------------------------------------- */

/* What may be started depends on whether a write is under way. */
static void
sync_actions (CdComplaintEditor *self)
{
  gboolean idle = self->writing == WRITING_NONE;
  gboolean can_schedule = self->loaded != NULL
                          ? self->loaded->status != CD_COMPLAINT_CLOSED
                          : self->complaint_id == 0;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.set-status", idle && self->loaded != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.schedule-followup", idle && can_schedule);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.missed-followup", idle);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.cancel-followup", idle);
  validate (self);
}

static void
set_writing (CdComplaintEditor *self,
             Writing            writing,
             GtkButton         *button)
{
  if (self->busy_button != NULL)
    {
      cd_complaints_button_set_busy (self->busy_button, FALSE);
      g_clear_object (&self->busy_button);
    }

  self->writing = writing;
  if (button != NULL)
    {
      self->busy_button = g_object_ref (button);
      cd_complaints_button_set_busy (button, TRUE);
    }

  sync_actions (self);
}

static void open_schedule_editor (CdComplaintEditor *self);

static void
saved (CdComplaintEditor *self)
{
  g_autoptr(GError) error = NULL;

  self->dirty = FALSE;
  if (self->close_after_save)
    {
      self->schedule_after_save = FALSE;
      cd_complaints_close_window_soon (GTK_WINDOW (self));
      return;
    }

  if (!load (self, &error))
    show_toast (self, error->message);

  if (self->schedule_after_save)
    {
      self->schedule_after_save = FALSE;
      open_schedule_editor (self);
    }
}

static void
save_failed (CdComplaintEditor *self,
             const GError      *error)
{
  self->schedule_after_save = FALSE;
  self->close_after_save = FALSE;
  if (g_error_matches (error, CD_STORE_ERROR, CD_STORE_ERROR_STALE))
    ask_about_conflict (self);
  else
    show_toast (self, error->message);
}

static void
on_created_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(CdComplaintEditor) self = user_data;
  g_autoptr(GError) error = NULL;
  gint64 id = cd_complaint_create_finish (CD_STORE (source), result, &error);

  /* Closed meanwhile (its window went away): what was written stays. */
  if (self->store == NULL)
    return;

  set_writing (self, WRITING_NONE, NULL);
  if (id == 0)
    {
      save_failed (self, error);
      return;
    }

  self->complaint_id = id;
  g_signal_emit (self, signals[COMPLAINT_CREATED], 0, id);
  saved (self);
}

static void
on_updated_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(CdComplaintEditor) self = user_data;
  g_autoptr(GError) error = NULL;
  gboolean ok = cd_complaint_update_finish (CD_STORE (source), result, &error);

  if (self->store == NULL)
    return;

  set_writing (self, WRITING_NONE, NULL);
  if (!ok)
    save_failed (self, error);
  else
    saved (self);
}

/* Starts saving the form; TRUE when it was started (or there was nothing
 * to save). */
static gboolean
save_with_version (CdComplaintEditor *self,
                   gint64             expected_version,
                   gboolean           close_after)
{
  CdComplaintFields fields = 0;
  FormValues form;

  if (self->writing != WRITING_NONE)
    return FALSE;

  self->save_attempted = TRUE;
  if (!validate (self))
    return FALSE;

  if (self->complaint_id != 0 && self->loaded == NULL)
    {
      show_toast (self, _("This complaint could not be read, so it cannot be saved. Close this window and open the complaint again."));
      return FALSE;
    }

  read_form (self, &form);
  self->close_after_save = close_after;

  if (self->complaint_id != 0)
    {
      fields = changed_fields (self->loaded, &form.values);
      if (fields == 0)
        {
          form_values_clear (&form);
          saved (self);
          return TRUE;
        }
    }

  set_writing (self, WRITING_COMPLAINT, self->save_button);
  if (self->complaint_id == 0)
    cd_complaint_create_async (self->store, &form.values, self->cancellable,
                               on_created_cb, g_object_ref (self));
  else
    cd_complaint_update_async (self->store, self->complaint_id, expected_version, fields,
                               &form.values, self->cancellable, on_updated_cb, g_object_ref (self));
  form_values_clear (&form);

  return TRUE;
}

gboolean
cd_complaint_editor_save (CdComplaintEditor *self)
{
  g_return_val_if_fail (CD_IS_COMPLAINT_EDITOR (self), FALSE);

  return save_with_version (self,
                            self->loaded != NULL ? self->loaded->version : 0,
                            FALSE);
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  CdComplaintEditor *self = CD_COMPLAINT_EDITOR (widget);

  save_with_version (self, self->loaded != NULL ? self->loaded->version : 0, TRUE);
}

static void
reload_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  CdComplaintEditor *self = CD_COMPLAINT_EDITOR (widget);
  g_autoptr(GError) error = NULL;

  if (self->complaint_id != 0 && !load (self, &error))
    show_toast (self, error->message);
}

/* After our own status or follow-up change the complaint has a new
 * version. Unsaved edits stay; the new version is adopted only when no
 * one else changed the fields in the meantime, so a real conflict is
 * still caught at Save. */
static void
adopt_own_change (CdComplaintEditor *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CdComplaint) fresh = NULL;

  if (self->complaint_id == 0)
    return;

  fresh = cd_complaint_load (self->store, self->complaint_id, &error);
  if (fresh == NULL)
    {
      show_toast (self, error->message);
      return;
    }

  if (!self->dirty || self->loaded == NULL)
    {
      g_clear_pointer (&self->loaded, cd_complaint_free);
      self->loaded = g_steal_pointer (&fresh);
      if (!self->dirty)
        fill_form (self);
      update_status (self);
      return;
    }

  if (changed_fields (self->loaded, fresh) == 0
      && self->loaded->customer_id == fresh->customer_id
      && self->loaded->ticket_id == fresh->ticket_id)
    {
      self->loaded->version = fresh->version;
      self->loaded->status = fresh->status;
      self->loaded->closed_at = fresh->closed_at;
      self->loaded->updated_at = fresh->updated_at;
    }
  else
    gtk_revealer_set_reveal_child (self->changed_revealer, TRUE);

  update_status (self);
}

static void
on_status_set_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(CdComplaintEditor) self = user_data;
  g_autoptr(GError) error = NULL;
  gboolean ok = cd_complaint_set_status_finish (CD_STORE (source), result, &error);

  if (self->store == NULL)
    return;

  set_writing (self, WRITING_NONE, NULL);
  if (ok)
    {
      adopt_own_change (self);
      return;
    }

  if (!g_error_matches (error, CD_STORE_ERROR, CD_STORE_ERROR_STALE))
    show_toast (self, error->message);
  else if (!self->dirty)
    {
      g_clear_error (&error);
      if (load (self, &error))
        show_toast (self, _("Someone else changed this complaint first; it now shows their version. Change the status again if it is still needed."));
      else
        show_toast (self, error->message);
    }
  else
    {
      gtk_revealer_set_reveal_child (self->changed_revealer, TRUE);
      show_toast (self, _("Someone else changed this complaint first. Save or reload your edits, then change the status."));
    }
}

/* The shown button that asks for @nick. */
static GtkButton *
status_button_for (CdComplaintEditor *self,
                   GVariant          *nick)
{
  GtkWidget *buttons[] = {
    self->acknowledge_button, self->investigate_button, self->resolve_button,
    self->follow_up_button, self->close_button, self->reopen_button,
  };

  for (guint i = 0; i < G_N_ELEMENTS (buttons); i++)
    {
      GVariant *target = gtk_actionable_get_action_target_value (GTK_ACTIONABLE (buttons[i]));

      if (gtk_widget_get_visible (buttons[i]) && target != NULL && g_variant_equal (target, nick))
        return GTK_BUTTON (buttons[i]);
    }
  return NULL;
}

static void
set_status_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  CdComplaintEditor *self = CD_COMPLAINT_EDITOR (widget);
  int status = cd_complaint_status_from_nick (g_variant_get_string (parameter, NULL));

  if (self->loaded == NULL || status < 0 || self->writing != WRITING_NONE)
    return;

  set_writing (self, WRITING_STATUS, status_button_for (self, parameter));
  cd_complaint_set_status_async (self->store, self->complaint_id, self->loaded->version,
                                 (CdComplaintStatus) status, self->cancellable,
                                 on_status_set_cb, g_object_ref (self));
}

/* Follow-ups ------------------------------------------------------------ */

static const char *
outcome_icon_name (const CdFollowup *f)
{
  switch (f->status)
    {
    case CD_FOLLOWUP_DONE:
      return "object-select-symbolic";
    case CD_FOLLOWUP_MISSED:
      return "call-missed-symbolic";
    case CD_FOLLOWUP_CANCELLED:
      return "process-stop-symbolic";
    case CD_FOLLOWUP_SCHEDULED:
    default:
      return cd_followup_method_icon_name (f->method);
    }
}

static GtkWidget *
create_followup_row (CdComplaintEditor *self,
                     const CdFollowup  *f,
                     gint64             now)
{
  g_autofree char *due = cd_datetime_format_when (f->due_at, now);
  g_autofree char *title = g_strdup_printf ("%s · %s", cd_followup_method_label (f->method), due);
  g_autofree char *assignee = staff_name (self->store, f->assignee_id);
  g_autoptr(GString) subtitle = g_string_new (NULL);
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *icon = gtk_image_new_from_icon_name (outcome_icon_name (f));
  const char *who = assignee != NULL ? assignee : _("nobody");

  switch (f->status)
    {
    case CD_FOLLOWUP_SCHEDULED:
      if (f->due_at <= now)
        {
          g_autofree char *late = cd_datetime_format_duration (now - f->due_at);
          /* Translators: %s is a length of time such as "2 h 15 min". */
          g_autofree char *overdue = g_strdup_printf (_("Overdue by %s"), late);
          /* Translators: "Overdue by 2 h 5 min — Li Na" */
          g_string_append_printf (subtitle, _("%s — %s"), overdue, who);
          gtk_widget_add_css_class (icon, "error");
        }
      else
        g_string_append_printf (subtitle, _("Scheduled for %s"), who);
      break;
    case CD_FOLLOWUP_DONE:
      {
        g_autofree char *done = cd_datetime_format_when (f->done_at, now);

        if (f->has_outcome && f->satisfaction > 0)
          /* Translators: "Done Today, 10:05 by Li Na — Satisfied, 5/5" */
          g_string_append_printf (subtitle, _("Done %s by %s — %s, %d/5"), done, who,
                                  cd_outcome_label (f->outcome), f->satisfaction);
        else if (f->has_outcome)
          g_string_append_printf (subtitle, _("Done %s by %s — %s"), done, who,
                                  cd_outcome_label (f->outcome));
        else
          g_string_append_printf (subtitle, _("Done %s by %s"), done, who);
        gtk_widget_add_css_class (icon, "success");
      }
      break;
    case CD_FOLLOWUP_MISSED:
      g_string_append_printf (subtitle, _("Missed — %s. Reschedule it or record what happened."), who);
      gtk_widget_add_css_class (icon, "warning");
      break;
    case CD_FOLLOWUP_CANCELLED:
    default:
      g_string_append (subtitle, _("Cancelled"));
      gtk_widget_add_css_class (icon, "dim-label");
      break;
    }
  if (f->notes != NULL && *f->notes != '\0')
    {
      g_string_append_c (subtitle, '\n');
      g_string_append (subtitle, f->notes);
    }

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle->str);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 3);
  gtk_widget_set_valign (icon, GTK_ALIGN_CENTER);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);

  if (f->id == self->busy_followup)
    {
      GtkWidget *spinner = gtk_spinner_new ();

      gtk_spinner_start (GTK_SPINNER (spinner));
      gtk_widget_set_valign (spinner, GTK_ALIGN_CENTER);
      gtk_widget_set_tooltip_text (spinner, _("Saving…"));
      gtk_accessible_update_property (GTK_ACCESSIBLE (spinner),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, _("Saving…"),
                                      -1);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), spinner);
    }
  else if (f->status == CD_FOLLOWUP_SCHEDULED || f->status == CD_FOLLOWUP_MISSED)
    {
      g_autoptr(GMenu) menu = g_menu_new ();
      g_autoptr(GMenuItem) reschedule = g_menu_item_new (_("_Reschedule…"), NULL);
      g_autoptr(GMenuItem) missed = g_menu_item_new (_("Mark as _Missed"), NULL);
      g_autoptr(GMenuItem) cancel = g_menu_item_new (_("_Cancel Follow-up…"), NULL);
      GtkWidget *outcome = gtk_button_new_from_icon_name ("object-select-symbolic");
      GtkWidget *more = gtk_menu_button_new ();

      g_menu_item_set_action_and_target_value (reschedule, "editor.reschedule-followup",
                                               g_variant_new_int64 (f->id));
      g_menu_item_set_action_and_target_value (missed, "editor.missed-followup",
                                               g_variant_new_int64 (f->id));
      g_menu_item_set_action_and_target_value (cancel, "editor.cancel-followup",
                                               g_variant_new_int64 (f->id));
      g_menu_append_item (menu, reschedule);
      if (f->status == CD_FOLLOWUP_SCHEDULED)
        g_menu_append_item (menu, missed);
      g_menu_append_item (menu, cancel);

      /* An icon, as in the agenda rows: it fits a narrow window. */
      gtk_widget_set_tooltip_text (outcome, _("Record Outcome…"));
      gtk_accessible_update_property (GTK_ACCESSIBLE (outcome),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, _("Record Outcome"),
                                      -1);
      gtk_widget_add_css_class (outcome, "flat");
      gtk_widget_add_css_class (outcome, "circular");
      gtk_actionable_set_action_target_value (GTK_ACTIONABLE (outcome), g_variant_new_int64 (f->id));
      gtk_actionable_set_action_name (GTK_ACTIONABLE (outcome), "editor.record-outcome");
      gtk_widget_set_valign (outcome, GTK_ALIGN_CENTER);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), outcome);

      gtk_menu_button_set_icon_name (GTK_MENU_BUTTON (more), "view-more-symbolic");
      gtk_menu_button_set_menu_model (GTK_MENU_BUTTON (more), G_MENU_MODEL (menu));
      gtk_widget_set_valign (more, GTK_ALIGN_CENTER);
      gtk_widget_set_tooltip_text (more, _("More actions for this follow-up"));
      gtk_accessible_update_property (GTK_ACCESSIBLE (more),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, _("More actions"),
                                      -1);
      gtk_widget_add_css_class (more, "flat");
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), more);
    }

  g_object_set_data_full (G_OBJECT (row), "followup-id",
                          g_memdup2 (&f->id, sizeof f->id), g_free);
  g_object_set_data_full (G_OBJECT (row), "followup-version",
                          g_memdup2 (&f->version, sizeof f->version), g_free);

  return row;
}

static GtkListBoxRow *
find_followup_row (CdComplaintEditor *self,
                   gint64             followup_id)
{
  GtkListBoxRow *row;

  for (int i = 0; (row = gtk_list_box_get_row_at_index (self->followups_list, i)) != NULL; i++)
    {
      const gint64 *id = g_object_get_data (G_OBJECT (row), "followup-id");

      if (id != NULL && *id == followup_id)
        return row;
    }

  return NULL;
}

static gint64
followup_version (CdComplaintEditor *self,
                  gint64             followup_id)
{
  GtkListBoxRow *row = find_followup_row (self, followup_id);
  const gint64 *version = row != NULL ? g_object_get_data (G_OBJECT (row), "followup-version") : NULL;

  return version != NULL ? *version : 0;
}

static void
apply_highlight (CdComplaintEditor *self)
{
  GtkListBoxRow *row;

  if (self->highlight_followup == 0)
    return;
  row = find_followup_row (self, self->highlight_followup);
  if (row == NULL)
    return;

  gtk_list_box_select_row (self->followups_list, row);
  gtk_widget_grab_focus (GTK_WIDGET (row));
}

static void
refresh_followups (CdComplaintEditor *self)
{
  g_autoptr(GPtrArray) followups = NULL;
  g_autoptr(GError) error = NULL;
  GtkListBoxRow *row;
  GtkListBoxRow *selected;
  gint64 selected_id = 0;
  gint64 now;

  gtk_widget_set_visible (GTK_WIDGET (self->followups_list), self->complaint_id != 0);
  if (self->complaint_id == 0)
    return;

  followups = cd_followups_list_for_complaint (self->store, self->complaint_id, &error);
  if (followups == NULL)
    {
      show_toast (self, error->message);
      return;
    }

  selected = gtk_list_box_get_selected_row (self->followups_list);
  if (selected != NULL)
    {
      const gint64 *id = g_object_get_data (G_OBJECT (selected), "followup-id");
      selected_id = id != NULL ? *id : 0;
    }

  while ((row = gtk_list_box_get_row_at_index (self->followups_list, 0)) != NULL)
    gtk_list_box_remove (self->followups_list, GTK_WIDGET (row));

  now = cd_store_now (self->store);
  g_array_set_size (self->shown_staff, 0);
  for (guint i = 0; i < followups->len; i++)
    {
      const CdFollowup *f = g_ptr_array_index (followups, i);
      GtkWidget *new_row = create_followup_row (self, f, now);

      g_array_append_val (self->shown_staff, f->assignee_id);

      gtk_list_box_append (self->followups_list, new_row);
      if (f->id == selected_id)
        gtk_list_box_select_row (self->followups_list, GTK_LIST_BOX_ROW (new_row));
    }
}

static void
on_followup_saved_cb (GObject           *dialog,
                      gint64             followup_id,
                      CdComplaintEditor *self)
{
  self->highlight_followup = followup_id;
  adopt_own_change (self);
  refresh_followups (self);
  apply_highlight (self);
}

static void
open_schedule_editor (CdComplaintEditor *self)
{
  CdFollowupEditor *editor;

  editor = cd_followup_editor_new_schedule (self->store, self->complaint_id);
  gtk_window_set_transient_for (GTK_WINDOW (editor), GTK_WINDOW (self));
  g_signal_connect_object (editor, "saved", G_CALLBACK (on_followup_saved_cb), self, 0);
  gtk_window_present (GTK_WINDOW (editor));
}

static void
schedule_followup_action (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *parameter)
{
  CdComplaintEditor *self = CD_COMPLAINT_EDITOR (widget);

  /* A follow-up needs a complaint to belong to: save a new one first,
   * and go on once it is saved. */
  if (self->complaint_id == 0)
    {
      self->schedule_after_save = TRUE;
      if (!cd_complaint_editor_save (self))
        self->schedule_after_save = FALSE;
      return;
    }

  open_schedule_editor (self);
}

static void
record_outcome_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  CdComplaintEditor *self = CD_COMPLAINT_EDITOR (widget);
  CdOutcomeDialog *dialog;

  dialog = cd_outcome_dialog_new (self->store, g_variant_get_int64 (parameter));
  gtk_window_set_transient_for (GTK_WINDOW (dialog), GTK_WINDOW (self));
  g_signal_connect_object (dialog, "recorded", G_CALLBACK (on_followup_saved_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
reschedule_followup_action (GtkWidget  *widget,
                            const char *action_name,
                            GVariant   *parameter)
{
  CdComplaintEditor *self = CD_COMPLAINT_EDITOR (widget);
  CdFollowupEditor *editor;

  editor = cd_followup_editor_new_reschedule (self->store, g_variant_get_int64 (parameter));
  gtk_window_set_transient_for (GTK_WINDOW (editor), GTK_WINDOW (self));
  g_signal_connect_object (editor, "saved", G_CALLBACK (on_followup_saved_cb), self, 0);
  gtk_window_present (GTK_WINDOW (editor));
}

static void
report_followup_error (CdComplaintEditor *self,
                       GError            *error)
{
  if (g_error_matches (error, CD_STORE_ERROR, CD_STORE_ERROR_STALE))
    show_toast (self, _("Someone else changed this follow-up first. It now shows their version; try again if it is still needed."));
  else
    show_toast (self, error->message);
  refresh_followups (self);
}

/* The follow-up's row shows that it is being written. */
static void
start_followup_write (CdComplaintEditor *self,
                      gint64             followup_id)
{
  self->busy_followup = followup_id;
  set_writing (self, WRITING_FOLLOWUP, NULL);
  refresh_followups (self);
}

/* TRUE when the write went through; otherwise says why. */
static gboolean
end_followup_write (CdComplaintEditor *self,
                    gboolean           ok,
                    GError            *error)
{
  self->busy_followup = 0;
  set_writing (self, WRITING_NONE, NULL);
  if (!ok)
    {
      report_followup_error (self, error);
      return FALSE;
    }
  return TRUE;
}

static void
on_marked_missed_cb (GObject      *source,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(CdComplaintEditor) self = user_data;
  g_autoptr(GError) error = NULL;
  gint64 id = self->busy_followup;
  gboolean ok = cd_followup_mark_missed_finish (CD_STORE (source), result, &error);

  if (self->store == NULL || !end_followup_write (self, ok, error))
    return;
  self->highlight_followup = id;
  refresh_followups (self);
  apply_highlight (self);
}

static void
missed_followup_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  CdComplaintEditor *self = CD_COMPLAINT_EDITOR (widget);
  gint64 id = g_variant_get_int64 (parameter);

  gint64 version = followup_version (self, id);

  if (self->writing != WRITING_NONE)
    return;
  start_followup_write (self, id);
  cd_followup_mark_missed_async (self->store, id, version, self->cancellable,
                                 on_marked_missed_cb, g_object_ref (self));
}

static void
on_cancelled_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(CdComplaintEditor) self = user_data;
  g_autoptr(GError) error = NULL;
  gboolean ok = cd_followup_cancel_finish (CD_STORE (source), result, &error);

  if (self->store == NULL || !end_followup_write (self, ok, error))
    return;
  adopt_own_change (self);
  refresh_followups (self);
  show_toast (self, _("Follow-up cancelled"));
}

static void
on_cancel_followup_response_cb (AdwMessageDialog  *dialog,
                                const char        *response,
                                CdComplaintEditor *self)
{
  gint64 id = *(gint64 *) g_object_get_data (G_OBJECT (dialog), "followup-id");
  gint64 version = followup_version (self, id);

  if (g_strcmp0 (response, "cancel-followup") != 0 || self->writing != WRITING_NONE)
    return;

  start_followup_write (self, id);
  cd_followup_cancel_async (self->store, id, version, self->cancellable,
                            on_cancelled_cb, g_object_ref (self));
}

static void
cancel_followup_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  CdComplaintEditor *self = CD_COMPLAINT_EDITOR (widget);
  gint64 id = g_variant_get_int64 (parameter);
  AdwMessageDialog *dialog;

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self),
                                                       _("Cancel This Follow-up?"),
                                                       _("The customer will not be contacted as planned, and a cancelled follow-up cannot be scheduled again. Schedule a new one if needed.")));
  adw_message_dialog_add_responses (dialog,
                                    "keep", _("_Keep It"),
                                    "cancel-followup", _("_Cancel Follow-up"),
                                    NULL);
  adw_message_dialog_set_response_appearance (dialog, "cancel-followup", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (dialog, "keep");
  adw_message_dialog_set_close_response (dialog, "keep");
  g_object_set_data_full (G_OBJECT (dialog), "followup-id", g_memdup2 (&id, sizeof id), g_free);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_cancel_followup_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Changes by others ------------------------------------------------------ */

/* The complaint as saved now: its form when it has no edits, else the
 * bar that says it changed; its status and its customer's name. */
static void
refresh_complaint (CdComplaintEditor *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CdComplaint) fresh = NULL;

  fresh = cd_complaint_load (self->store, self->complaint_id, &error);
  if (fresh == NULL)
    {
      if (g_error_matches (error, CD_STORE_ERROR, CD_STORE_ERROR_NOT_FOUND))
        {
          gtk_label_set_text (GTK_LABEL (self->status_hint_label),
                              _("This complaint was deleted by someone else. Saving is no longer possible."));
          gtk_widget_set_visible (GTK_WIDGET (self->status_hint_label), TRUE);
          gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.save", FALSE);
        }
      return;
    }

  if (fresh->version == self->loaded->version)
    {
      if (g_strcmp0 (fresh->customer_name, self->loaded->customer_name) != 0)
        {
          g_free (self->loaded->customer_name);
          self->loaded->customer_name = g_strdup (fresh->customer_name);
          set_customer (self, self->loaded->customer_id, self->loaded->customer_name);
          update_title (self);
        }
      update_status (self);
      return;
    }

  if (!self->dirty)
    {
      g_clear_pointer (&self->loaded, cd_complaint_free);
      self->loaded = g_steal_pointer (&fresh);
      fill_form (self);
    }
  else
    gtk_revealer_set_reveal_child (self->changed_revealer, TRUE);
}

static gboolean
refresh_idle_cb (gpointer user_data)
{
  CdComplaintEditor *self = user_data;
  guint what = self->refresh_what;

  self->refresh_idle_id = 0;
  self->refresh_what = 0;
  if (self->complaint_id == 0 || self->loaded == NULL)
    return G_SOURCE_REMOVE;

  if (what & REFRESH_FOLLOWUPS)
    refresh_followups (self);
  if (what & REFRESH_COMPLAINT)
    refresh_complaint (self);
  else
    /* Whether it may be closed depends on its follow-ups. */
    update_status (self);

  return G_SOURCE_REMOVE;
}

static void
queue_refresh (CdComplaintEditor *self,
               Refresh            what)
{
  self->refresh_what |= what;
  if (self->refresh_idle_id == 0)
    self->refresh_idle_id = g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, refresh_idle_cb, self, NULL);
}

static void
on_complaints_changed_cb (CdComplaintEditor *self,
                          CdChange          *change)
{
  if (self->complaint_id != 0 && cd_change_has_id (change, self->complaint_id))
    queue_refresh (self, REFRESH_COMPLAINT);
}

static void
on_followups_changed_cb (CdComplaintEditor *self,
                         CdChange          *change)
{
  g_autoptr(GError) error = NULL;

  if (self->complaint_id == 0)
    return;
  /* When it cannot tell, it looks again. */
  if (cd_followups_change_touches (self->store, self->complaint_id, change, &error) || error != NULL)
    queue_refresh (self, REFRESH_FOLLOWUPS);
}

static void
on_customers_changed_cb (CdComplaintEditor *self,
                         CdChange          *change)
{
  if (self->customer_id != 0 && cd_change_has_id (change, self->customer_id))
    queue_refresh (self, REFRESH_COMPLAINT);
}

static void
on_staff_changed_cb (CdComplaintEditor *self,
                     CdChange          *change)
{
  if (cd_change_has_any (change, (const gint64 *) (gpointer) self->shown_staff->data, self->shown_staff->len))
    queue_refresh (self, REFRESH_FOLLOWUPS);
}

/* Closing --------------------------------------------------------------- */

static void
on_discard_response_cb (AdwMessageDialog  *dialog,
                        const char        *response,
                        CdComplaintEditor *self)
{
  if (g_strcmp0 (response, "discard") == 0)
    {
      self->dirty = FALSE;
      cd_complaints_close_window_soon (GTK_WINDOW (self));
    }
  else if (g_strcmp0 (response, "save") == 0)
    save_with_version (self, self->loaded != NULL ? self->loaded->version : 0, TRUE);
}

static gboolean
cd_complaint_editor_close_request (GtkWindow *window)
{
  CdComplaintEditor *self = CD_COMPLAINT_EDITOR (window);
  AdwMessageDialog *dialog;

  /* A write under way is not given up half-way: a save closes the window
   * when it is done, anything else lets it be closed then. */
  if (self->writing != WRITING_NONE)
    return TRUE;

  if (!self->dirty)
    return GTK_WINDOW_CLASS (cd_complaint_editor_parent_class)->close_request (window);

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (window,
                                                       _("Save Changes?"),
                                                       _("This complaint has edits that are not saved. Discarded edits cannot be recovered.")));
  adw_message_dialog_add_responses (dialog,
                                    "keep", _("_Keep Editing"),
                                    "discard", _("_Discard"),
                                    "save", _("_Save"),
                                    NULL);
  adw_message_dialog_set_response_appearance (dialog, "discard", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_response_appearance (dialog, "save", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_response_enabled (dialog, "save", validate (self));
  adw_message_dialog_set_default_response (dialog, "save");
  adw_message_dialog_set_close_response (dialog, "keep");
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_discard_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));

  return TRUE;
}

/* GObject --------------------------------------------------------------- */

/* The picker is made on first use: an existing complaint keeps its
 * customer, so most editors never need it. */
static void
create_customer_picker (GtkMenuButton *button,
                        gpointer       user_data)
{
  CdComplaintEditor *self = user_data;

  if (self->customer_picker != NULL)
    return;
  self->customer_picker = cd_customer_picker_new (self->store);
  gtk_menu_button_set_popover (button, self->customer_picker);
  g_signal_connect_object (self->customer_picker, "customer-chosen",
                           G_CALLBACK (on_customer_chosen_cb), self, 0);
}

static void
cd_complaint_editor_constructed (GObject *object)
{
  CdComplaintEditor *self = CD_COMPLAINT_EDITOR (object);
  g_autoptr(GtkStringList) severities = gtk_string_list_new (NULL);
  g_autoptr(GError) error = NULL;

  G_OBJECT_CLASS (cd_complaint_editor_parent_class)->constructed (object);

  g_return_if_fail (CD_IS_STORE (self->store));

  for (guint i = 0; i < cd_severity_count (); i++)
    gtk_string_list_append (severities, cd_severity_label ((CdSeverity) i));
  self->loading = TRUE;
  adw_combo_row_set_model (self->severity_row, G_LIST_MODEL (severities));
  self->loading = FALSE;

  gtk_menu_button_set_create_popup_func (self->customer_button, create_customer_picker, self, NULL);

  g_signal_connect_object (gtk_text_view_get_buffer (self->details_view), "changed",
                           G_CALLBACK (on_details_changed_cb), self, 0);

  g_signal_group_set_target (self->store_signals, self->store);

  if (self->complaint_id != 0)
    {
      if (!load (self, &error))
        {
          show_toast (self, error->message);
          gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.save", FALSE);
          gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.schedule-followup", FALSE);
        }
    }
  else
    {
      gint64 me = cd_store_get_staff_id (self->store);
      guint pos;

      self->loading = TRUE;
      load_owner_model (self, me);
      pos = cd_complaints_find_id (self->owner_ids, me);
      adw_combo_row_set_selected (self->owner_row, pos != GTK_INVALID_LIST_POSITION ? pos : 0);
      adw_combo_row_set_selected (self->severity_row, CD_SEVERITY_MINOR);
      self->loading = FALSE;

      update_title (self);
      update_status (self);
      refresh_followups (self);
      validate (self);
      gtk_window_set_focus (GTK_WINDOW (self), GTK_WIDGET (self->customer_button));
    }
}

static void
cd_complaint_editor_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  CdComplaintEditor *self = CD_COMPLAINT_EDITOR (object);

  switch (prop_id)
    {
    case PROP_STORE:
      self->store = g_value_dup_object (value);
      break;
    case PROP_COMPLAINT_ID:
      self->complaint_id = g_value_get_int64 (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cd_complaint_editor_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  CdComplaintEditor *self = CD_COMPLAINT_EDITOR (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    case PROP_COMPLAINT_ID:
      g_value_set_int64 (value, self->complaint_id);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cd_complaint_editor_dispose (GObject *object)
{
  CdComplaintEditor *self = CD_COMPLAINT_EDITOR (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->busy_button);
  g_clear_handle_id (&self->refresh_idle_id, g_source_remove);
  g_signal_group_set_target (self->store_signals, NULL);

  gtk_widget_dispose_template (GTK_WIDGET (self), CD_TYPE_COMPLAINT_EDITOR);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (cd_complaint_editor_parent_class)->dispose (object);
}

static void
cd_complaint_editor_finalize (GObject *object)
{
  CdComplaintEditor *self = CD_COMPLAINT_EDITOR (object);

  g_clear_pointer (&self->loaded, cd_complaint_free);
  g_clear_pointer (&self->owner_ids, g_array_unref);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->store_signals);
  g_clear_pointer (&self->shown_staff, g_array_unref);
  g_free (self->customer_name);

  G_OBJECT_CLASS (cd_complaint_editor_parent_class)->finalize (object);
}

static void
cd_complaint_editor_class_init (CdComplaintEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->constructed = cd_complaint_editor_constructed;
  object_class->set_property = cd_complaint_editor_set_property;
  object_class->get_property = cd_complaint_editor_get_property;
  object_class->dispose = cd_complaint_editor_dispose;
  object_class->finalize = cd_complaint_editor_finalize;

  window_class->close_request = cd_complaint_editor_close_request;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL,
                         CD_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_COMPLAINT_ID] =
    g_param_spec_int64 ("complaint-id", NULL, NULL,
                        0, G_MAXINT64, 0,
                        G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[COMPLAINT_CREATED] =
    g_signal_new ("complaint-created",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_INT64);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/complaints/cd-complaint-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, CdComplaintEditor, window_title);
  gtk_widget_class_bind_template_child (widget_class, CdComplaintEditor, save_button);
  gtk_widget_class_bind_template_child (widget_class, CdComplaintEditor, changed_revealer);
  gtk_widget_class_bind_template_child (widget_class, CdComplaintEditor, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, CdComplaintEditor, scrolled_window);
  gtk_widget_class_bind_template_child (widget_class, CdComplaintEditor, customer_row);
  gtk_widget_class_bind_template_child (widget_class, CdComplaintEditor, customer_button);
  gtk_widget_class_bind_template_child (widget_class, CdComplaintEditor, ticket_row);
  gtk_widget_class_bind_template_child (widget_class, CdComplaintEditor, customer_error_label);
  gtk_widget_class_bind_template_child (widget_class, CdComplaintEditor, summary_row);
  gtk_widget_class_bind_template_child (widget_class, CdComplaintEditor, severity_row);
  gtk_widget_class_bind_template_child (widget_class, CdComplaintEditor, category_row);
  gtk_widget_class_bind_template_child (widget_class, CdComplaintEditor, owner_row);
  gtk_widget_class_bind_template_child (widget_class, CdComplaintEditor, complaint_error_label);
  gtk_widget_class_bind_template_child (widget_class, CdComplaintEditor, details_frame);
  gtk_widget_class_bind_template_child (widget_class, CdComplaintEditor, details_view);
  gtk_widget_class_bind_template_child (widget_class, CdComplaintEditor, status_group);
  gtk_widget_class_bind_template_child (widget_class, CdComplaintEditor, status_label);
  gtk_widget_class_bind_template_child (widget_class, CdComplaintEditor, acknowledge_button);
  gtk_widget_class_bind_template_child (widget_class, CdComplaintEditor, investigate_button);
  gtk_widget_class_bind_template_child (widget_class, CdComplaintEditor, resolve_button);
  gtk_widget_class_bind_template_child (widget_class, CdComplaintEditor, follow_up_button);
  gtk_widget_class_bind_template_child (widget_class, CdComplaintEditor, close_button);
  gtk_widget_class_bind_template_child (widget_class, CdComplaintEditor, reopen_button);
  gtk_widget_class_bind_template_child (widget_class, CdComplaintEditor, status_hint_label);
  gtk_widget_class_bind_template_child (widget_class, CdComplaintEditor, resolution_row);
  gtk_widget_class_bind_template_child (widget_class, CdComplaintEditor, compensation_row);
  gtk_widget_class_bind_template_child (widget_class, CdComplaintEditor, resolution_error_label);
  gtk_widget_class_bind_template_child (widget_class, CdComplaintEditor, followups_group);
  gtk_widget_class_bind_template_child (widget_class, CdComplaintEditor, schedule_button);
  gtk_widget_class_bind_template_child (widget_class, CdComplaintEditor, followups_list);
  gtk_widget_class_bind_template_callback (widget_class, on_field_changed_cb);

  gtk_widget_class_install_action (widget_class, "editor.save", NULL, save_action);
  gtk_widget_class_install_action (widget_class, "editor.reload", NULL, reload_action);
  gtk_widget_class_install_action (widget_class, "editor.set-status", "s", set_status_action);
  gtk_widget_class_install_action (widget_class, "editor.schedule-followup", NULL,
                                   schedule_followup_action);
  gtk_widget_class_install_action (widget_class, "editor.record-outcome", "x",
                                   record_outcome_action);
  gtk_widget_class_install_action (widget_class, "editor.reschedule-followup", "x",
                                   reschedule_followup_action);
  gtk_widget_class_install_action (widget_class, "editor.missed-followup", "x",
                                   missed_followup_action);
  gtk_widget_class_install_action (widget_class, "editor.cancel-followup", "x",
                                   cancel_followup_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK,
                                       "editor.save", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0,
                                       "window.close", NULL);
}

static void
cd_complaint_editor_init (CdComplaintEditor *self)
{
  self->owner_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->cancellable = g_cancellable_new ();
  self->shown_staff = g_array_new (FALSE, FALSE, sizeof (gint64));
  gtk_widget_init_template (GTK_WIDGET (self));

  self->store_signals = g_signal_group_new (CD_TYPE_STORE);
  g_signal_group_connect_swapped (self->store_signals, "changed::" CD_CHANGE_COMPLAINTS,
                                  G_CALLBACK (on_complaints_changed_cb), self);
  g_signal_group_connect_swapped (self->store_signals, "changed::" CD_CHANGE_FOLLOWUPS,
                                  G_CALLBACK (on_followups_changed_cb), self);
  g_signal_group_connect_swapped (self->store_signals, "changed::" CD_CHANGE_CUSTOMERS,
                                  G_CALLBACK (on_customers_changed_cb), self);
  g_signal_group_connect_swapped (self->store_signals, "changed::" CD_CHANGE_STAFF,
                                  G_CALLBACK (on_staff_changed_cb), self);
}

CdComplaintEditor *
cd_complaint_editor_new (CdStore *store,
                         gint64   complaint_id)
{
  g_return_val_if_fail (CD_IS_STORE (store), NULL);

  return g_object_new (CD_TYPE_COMPLAINT_EDITOR,
                       "store", store,
                       "complaint-id", complaint_id,
                       NULL);
}

gint64
cd_complaint_editor_get_complaint_id (CdComplaintEditor *self)
{
  g_return_val_if_fail (CD_IS_COMPLAINT_EDITOR (self), 0);

  return self->complaint_id;
}

void
cd_complaint_editor_highlight_followup (CdComplaintEditor *self,
                                        gint64             followup_id)
{
  g_return_if_fail (CD_IS_COMPLAINT_EDITOR (self));

  self->highlight_followup = followup_id;
  apply_highlight (self);
}

void
cd_complaint_editor_set_customer (CdComplaintEditor *self,
                                  gint64             customer_id,
                                  const char        *customer_name)
{
  g_return_if_fail (CD_IS_COMPLAINT_EDITOR (self));
  g_return_if_fail (self->complaint_id == 0);

  set_customer (self, customer_id, customer_name);
  update_title (self);
  validate (self);
}

gboolean
cd_complaint_editor_is_dirty (CdComplaintEditor *self)
{
  g_return_val_if_fail (CD_IS_COMPLAINT_EDITOR (self), FALSE);

  return self->dirty;
}

gboolean
cd_complaint_editor_is_saving (CdComplaintEditor *self)
{
  g_return_val_if_fail (CD_IS_COMPLAINT_EDITOR (self), FALSE);

  return self->writing != WRITING_NONE;
}
