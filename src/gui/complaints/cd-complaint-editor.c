/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "caredesk-complaints"

#include "config.h"

#include <glib/gi18n.h>

#include "cd-article-links-group.h"
#include "cd-knowledge.h"
#include "cd-complaint-editor-private.h"
#include "cd-complaints-util.h"
#include "cd-customer-picker.h"
#include "cd-datetime.h"
#include "cd-staff.h"
#include "cd-tickets.h"

enum {
  PROP_0,
  PROP_STORE,
  PROP_COMPLAINT_ID,
  PROP_UNBOUND,
  N_PROPS
};

enum {
  COMPLAINT_CREATED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (CdComplaintEditor, cd_complaint_editor, ADW_TYPE_WINDOW)

/* Helpers --------------------------------------------------------------- */

void
_cd_complaint_editor_show_toast (CdComplaintEditor *self,
                                 const char        *message)
{
  AdwToast *toast = adw_toast_new (message);

  adw_toast_set_timeout (toast, 0);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

char *
_cd_complaint_editor_staff_name (CdStore *store,
                                 gint64   staff_id)
{
  return staff_id != 0 ? cd_staff_dup_display_name (store, staff_id) : NULL;
}

char *
_cd_complaint_editor_get_details_text (CdComplaintEditor *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->details_view);
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

/* The ticket number typed: 0 when empty; -1 when the text is not a
 * ticket number. */
gint64
_cd_complaint_editor_parse_ticket (const char *text)
{
  g_autofree char *copy = cd_complaints_dup_trimmed (text);
  gint64 id;

  if (copy == NULL)
    return 0;
  id = cd_ticket_parse_number (copy);
  return id > 0 ? id : -1;
}

gint64
_cd_complaint_editor_selected_owner (CdComplaintEditor *self)
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

void
_cd_complaint_editor_set_customer (CdComplaintEditor *self,
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

void
_cd_complaint_editor_update_title (CdComplaintEditor *self)
{
  if (self->complaint_id == 0)
    {
      adw_window_title_set_title (self->window_title, _("New Complaint"));
      adw_window_title_set_subtitle (self->window_title, self->customer_name);
      gtk_window_set_title (GTK_WINDOW (self), _("New Complaint"));
    }
  else
    {
      /* People know a complaint by its customer and what it is about,
       * not by the number the database gave it. */
      const char *summary = self->loaded != NULL ? self->loaded->summary : NULL;
      g_autofree char *title = NULL;

      if (self->customer_name != NULL && *self->customer_name != '\0')
        /* Translators: %s is a customer's name */
        title = g_strdup_printf (_("Complaint from %s"), self->customer_name);
      else
        title = g_strdup (_("Complaint"));

      adw_window_title_set_title (self->window_title, title);
      adw_window_title_set_subtitle (self->window_title, summary);
      gtk_window_set_title (GTK_WINDOW (self), title);
    }
}

void
_cd_complaint_editor_update_status (CdComplaintEditor *self)
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

  _cd_complaint_editor_sync_actions (self);
}

void
_cd_complaint_editor_fill_form (CdComplaintEditor *self)
{
  const CdComplaint *c = self->loaded;
  g_autofree char *ticket = NULL;
  guint pos;

  g_assert (c != NULL);

  self->loading = TRUE;

  _cd_complaint_editor_set_customer (self, c->customer_id, c->customer_name);
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

  _cd_complaint_editor_update_title (self);
  _cd_complaint_editor_update_status (self);
  _cd_complaint_editor_validate (self);
}

gboolean
_cd_complaint_editor_load (CdComplaintEditor  *self,
                           GError            **error)
{
  CdComplaint *complaint = cd_complaint_load (self->store, self->complaint_id, error);

  if (complaint == NULL)
    return FALSE;

  g_clear_pointer (&self->loaded, cd_complaint_free);
  self->loaded = complaint;
  _cd_complaint_editor_fill_form (self);
  _cd_complaint_editor_refresh_followups (self);

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
gboolean
_cd_complaint_editor_validate (CdComplaintEditor *self)
{
  g_autoptr(GString) customer_messages = g_string_new (NULL);
  g_autoptr(GString) complaint_messages = g_string_new (NULL);
  g_autoptr(GString) resolution_messages = g_string_new (NULL);
  g_autoptr(GError) summary_error = NULL;
  g_autoptr(GError) details_error = NULL;
  g_autofree char *details = _cd_complaint_editor_get_details_text (self);
  const char *summary = gtk_editable_get_text (GTK_EDITABLE (self->summary_row));
  gint64 ticket_id = _cd_complaint_editor_parse_ticket (gtk_editable_get_text (GTK_EDITABLE (self->ticket_row)));
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

  _cd_complaint_editor_validate (self);
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
  _cd_complaint_editor_set_customer (self, customer_id, name);
  _cd_complaint_editor_update_title (self);
  on_field_changed_cb (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->summary_row));
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
          _cd_complaint_editor_set_customer (self, self->loaded->customer_id, self->loaded->customer_name);
          _cd_complaint_editor_update_title (self);
        }
      _cd_complaint_editor_update_status (self);
      return;
    }

  if (!self->dirty)
    {
      g_clear_pointer (&self->loaded, cd_complaint_free);
      self->loaded = g_steal_pointer (&fresh);
      _cd_complaint_editor_fill_form (self);
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
    _cd_complaint_editor_refresh_followups (self);
  if (what & REFRESH_COMPLAINT)
    refresh_complaint (self);
  else
    /* Whether it may be closed depends on its follow-ups. */
    _cd_complaint_editor_update_status (self);

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
    _cd_complaint_editor_save_with_version (self, self->loaded != NULL ? self->loaded->version : 0, TRUE);
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
  adw_message_dialog_set_response_enabled (dialog, "save", _cd_complaint_editor_validate (self));
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

/* Fills the window with its complaint, or a new one's defaults. */
static void
show_complaint (CdComplaintEditor *self)
{
  g_autoptr(GError) error = NULL;

  if (self->complaint_id != 0)
    {
      if (!_cd_complaint_editor_load (self, &error))
        {
          _cd_complaint_editor_show_toast (self, error->message);
          gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.save", FALSE);
          gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.schedule-followup", FALSE);
        }
      else
        gtk_box_append (GTK_BOX (gtk_widget_get_parent (GTK_WIDGET (self->followups_group))),
                        cd_article_links_group_new (self->store, CD_ARTICLE_LINK_COMPLAINT, self->complaint_id));
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

      _cd_complaint_editor_update_title (self);
      _cd_complaint_editor_update_status (self);
      _cd_complaint_editor_refresh_followups (self);
      _cd_complaint_editor_validate (self);
      gtk_window_set_focus (GTK_WINDOW (self), GTK_WIDGET (self->customer_button));
    }
}

static void
cd_complaint_editor_constructed (GObject *object)
{
  CdComplaintEditor *self = CD_COMPLAINT_EDITOR (object);
  g_autoptr(GtkStringList) severities = gtk_string_list_new (NULL);

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

  if (!self->unbound)
    show_complaint (self);
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
    case PROP_UNBOUND:
      self->unbound = g_value_get_boolean (value);
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
    case PROP_UNBOUND:
      g_value_set_boolean (value, self->unbound);
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
  /* Made ahead of need, showing nothing until cd_complaint_editor_bind(). */
  properties[PROP_UNBOUND] =
    g_param_spec_boolean ("unbound", NULL, NULL, FALSE,
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

  _cd_complaint_editor_class_actions_init (widget_class);
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

CdComplaintEditor *
cd_complaint_editor_new_unbound (CdStore *store)
{
  CdComplaintEditor *self;

  g_return_val_if_fail (CD_IS_STORE (store), NULL);

  self = g_object_new (CD_TYPE_COMPLAINT_EDITOR, "store", store, "unbound", TRUE, NULL);
  return self;
}

void
cd_complaint_editor_bind (CdComplaintEditor *self,
                          gint64             complaint_id)
{
  g_return_if_fail (CD_IS_COMPLAINT_EDITOR (self));
  g_return_if_fail (self->unbound);
  g_return_if_fail (complaint_id >= 0);

  self->unbound = FALSE;
  self->complaint_id = complaint_id;
  show_complaint (self);
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
  _cd_complaint_editor_apply_highlight (self);
}

void
cd_complaint_editor_set_customer (CdComplaintEditor *self,
                                  gint64             customer_id,
                                  const char        *customer_name)
{
  g_return_if_fail (CD_IS_COMPLAINT_EDITOR (self));
  g_return_if_fail (self->complaint_id == 0);

  _cd_complaint_editor_set_customer (self, customer_id, customer_name);
  _cd_complaint_editor_update_title (self);
  _cd_complaint_editor_validate (self);
}

gboolean
cd_complaint_editor_is_dirty (CdComplaintEditor *self)
{
  g_return_val_if_fail (CD_IS_COMPLAINT_EDITOR (self), FALSE);

  return self->dirty;
}

void
_cd_complaint_editor_emit_created (CdComplaintEditor *self,
                                   gint64             complaint_id)
{
  g_signal_emit (self, signals[COMPLAINT_CREATED], 0, complaint_id);
}
