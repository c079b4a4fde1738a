/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "caredesk-tickets"

#include "config.h"

#include <glib/gi18n.h>

#include "cd-conflict-dialog.h"
#include "cd-customer-picker.h"
#include "cd-ticket-editor.h"
#include "cd-tickets.h"
#include "cd-ticket-write.h"
#include "cd-tickets-util.h"

struct _CdTicketEditor
{
  AdwWindow        parent_instance;

  CdStore         *store;
  gint64           ticket_id;
  CdTicket        *ticket;       /* the version the edit started from */
  gint64           customer_id;
  GPtrArray       *categories;   /* CdTicketCategory */
  GPtrArray       *staff;        /* CdStaffWorkload */
  gboolean         saving;
  GCancellable    *cancellable;
  GSignalGroup    *store_signals;

  /* Template widgets */
  AdwWindowTitle  *window_title;
  GtkButton       *save_button;
  GtkWidget       *saving_spinner;
  GtkRevealer     *changed_revealer;
  AdwToastOverlay *toast_overlay;
  GtkWidget       *customer_group;
  AdwActionRow    *customer_row;
  GtkMenuButton   *customer_button;
  GtkLabel        *customer_error_label;
  AdwEntryRow     *subject_row;
  GtkLabel        *subject_error_label;
  GtkTextView     *description_view;
  GtkLabel        *description_error_label;
  AdwComboRow     *channel_row;
  AdwComboRow     *category_row;
  AdwComboRow     *priority_row;
  AdwComboRow     *assignee_row;

  /* Until the person has touched a field its error stays hidden. */
  gboolean         subject_touched;
};

enum {
  PROP_0,
  PROP_STORE,
  PROP_TICKET_ID,
  N_PROPS
};

enum {
  SIGNAL_SAVED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (CdTicketEditor, cd_ticket_editor, ADW_TYPE_WINDOW)

static void
show_toast (CdTicketEditor *self,
            const char     *message)
{
  AdwToast *toast = adw_toast_new (message);

  adw_toast_set_timeout (toast, 0);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

static char *
dup_description (CdTicketEditor *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->description_view);
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

static gint64
selected_category_id (CdTicketEditor *self)
{
  guint selected = adw_combo_row_get_selected (self->category_row);

  if (selected == 0 || selected == GTK_INVALID_LIST_POSITION || selected > self->categories->len)
    return 0;
  return ((CdTicketCategory *) g_ptr_array_index (self->categories, selected - 1))->id;
}

static const char *
selected_category_name (CdTicketEditor *self)
{
  guint selected = adw_combo_row_get_selected (self->category_row);

  if (selected == 0 || selected == GTK_INVALID_LIST_POSITION || selected > self->categories->len)
    return NULL;
  return ((CdTicketCategory *) g_ptr_array_index (self->categories, selected - 1))->name;
}

static gint64
selected_assignee_id (CdTicketEditor *self)
{
  guint selected = adw_combo_row_get_selected (self->assignee_row);

  if (self->staff == NULL || selected == 0 || selected == GTK_INVALID_LIST_POSITION ||
      selected > self->staff->len)
    return 0;
  return ((CdStaffWorkload *) g_ptr_array_index (self->staff, selected - 1))->staff_id;
}

static guint
combo_index (AdwComboRow *row,
             guint        fallback)
{
  guint selected = adw_combo_row_get_selected (row);
  return selected == GTK_INVALID_LIST_POSITION ? fallback : selected;
}

/* Validation -------------------------------------------------------------- */

static void
set_field_error (GtkWidget  *field,
                 GtkLabel   *label,
                 const char *message)
{
  if (message != NULL)
    {
      gtk_widget_add_css_class (field, "error");
      gtk_label_set_text (label, message);
      gtk_widget_set_visible (GTK_WIDGET (label), TRUE);
      gtk_accessible_update_property (GTK_ACCESSIBLE (field),
                                      GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, message,
                                      -1);
      gtk_accessible_update_state (GTK_ACCESSIBLE (field),
                                   GTK_ACCESSIBLE_STATE_INVALID, GTK_ACCESSIBLE_INVALID_TRUE,
                                   -1);
    }
  else
    {
      gtk_widget_remove_css_class (field, "error");
      gtk_widget_set_visible (GTK_WIDGET (label), FALSE);
      gtk_accessible_reset_property (GTK_ACCESSIBLE (field), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
      gtk_accessible_reset_state (GTK_ACCESSIBLE (field), GTK_ACCESSIBLE_STATE_INVALID);
    }
}

static gboolean
validate (CdTicketEditor *self)
{
  g_autoptr(GError) subject_error = NULL;
  g_autoptr(GError) description_error = NULL;
  g_autofree char *description = dup_description (self);
  const char *subject = gtk_editable_get_text (GTK_EDITABLE (self->subject_row));
  gboolean subject_ok = cd_ticket_validate_subject (subject, &subject_error);
  gboolean description_ok = cd_ticket_validate_description (description, &description_error);
  gboolean customer_ok = self->ticket_id != 0 || self->customer_id != 0;

  set_field_error (GTK_WIDGET (self->subject_row), self->subject_error_label,
                   !subject_ok && self->subject_touched ? subject_error->message : NULL);
  set_field_error (GTK_WIDGET (self->description_view), self->description_error_label,
                   !description_ok ? description_error->message : NULL);

  return subject_ok && description_ok && customer_ok;
}

static void
update_save_sensitivity (CdTicketEditor *self)
{
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.save",
                                 !self->saving && validate (self));
}

static void
on_field_changed_cb (CdTicketEditor *self)
{
  self->subject_touched = TRUE;
  update_save_sensitivity (self);
}

static void
on_description_changed_cb (GtkTextBuffer  *buffer,
                           CdTicketEditor *self)
{
  update_save_sensitivity (self);
}

static void
on_customer_chosen_cb (CdCustomerPicker *picker,
                       gint64            customer_id,
                       const char       *name,
                       CdTicketEditor   *self)
{
  cd_ticket_editor_set_customer (self, customer_id, name);
  gtk_widget_grab_focus (GTK_WIDGET (self->subject_row));
}

/* Loading ----------------------------------------------------------------- */

static void
fill_from_ticket (CdTicketEditor *self,
                  const CdTicket *ticket)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->description_view);

  adw_action_row_set_subtitle (self->customer_row, ticket->customer_name ? ticket->customer_name : "");
  gtk_editable_set_text (GTK_EDITABLE (self->subject_row), ticket->subject ? ticket->subject : "");
  gtk_text_buffer_set_text (buffer, ticket->description ? ticket->description : "", -1);
  adw_combo_row_set_selected (self->channel_row, ticket->channel);
  adw_combo_row_set_selected (self->priority_row, ticket->priority);
  adw_combo_row_set_selected (self->category_row, 0);
  for (guint i = 0; i < self->categories->len; i++)
    if (((CdTicketCategory *) g_ptr_array_index (self->categories, i))->id == ticket->category_id)
      adw_combo_row_set_selected (self->category_row, i + 1);
  gtk_revealer_set_reveal_child (self->changed_revealer, FALSE);
}

static gboolean
reload (CdTicketEditor  *self,
        GError         **error)
{
  CdTicket *ticket = cd_ticket_load (self->store, self->ticket_id, error);

  if (ticket == NULL)
    return FALSE;
  g_clear_pointer (&self->ticket, cd_ticket_free);
  self->ticket = ticket;
  fill_from_ticket (self, ticket);
  update_save_sensitivity (self);
  return TRUE;
}

/* Someone saved the ticket meanwhile: say so before the person saves. */
static void
on_tickets_changed_cb (CdStore        *store,
                       CdChange       *change,
                       CdTicketEditor *self)
{
  g_autoptr(CdTicket) saved = NULL;

  if (self->ticket == NULL || self->saving || !cd_change_has_id (change, self->ticket_id))
    return;
  saved = cd_ticket_load (store, self->ticket_id, NULL);
  gtk_revealer_set_reveal_child (self->changed_revealer,
                                 saved == NULL || saved->version != self->ticket->version);
}

/* Saving ------------------------------------------------------------------ */

static void save (CdTicketEditor *self,
                  gboolean        overwrite);

static void
on_conflict_response_cb (AdwMessageDialog *dialog,
                         const char       *response,
                         CdTicketEditor   *self)
{
  g_autoptr(GError) error = NULL;

  /* Saving may close this window; keep it alive until we are done. */
  G_GNUC_UNUSED g_autoptr(CdTicketEditor) guard = g_object_ref (self);

  /* The dialog outlives this window by a moment; it must not point at it. */
  gtk_window_set_transient_for (GTK_WINDOW (dialog), NULL);

  switch (cd_conflict_dialog_choice_from_response (response))
    {
    case CD_CONFLICT_CHOICE_RELOAD:
      if (!reload (self, &error))
        show_toast (self, error->message);
      else
        show_toast (self, _("Showing the saved version; your edits were discarded"));
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
show_conflict (CdTicketEditor *self)
{
  g_autoptr(CdTicket) yours = cd_ticket_dup (self->ticket);
  g_autoptr(GError) error = NULL;
  GtkWidget *dialog;

  g_free (yours->subject);
  yours->subject = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->subject_row)));
  g_free (yours->description);
  yours->description = dup_description (self);
  yours->channel = combo_index (self->channel_row, yours->channel);
  yours->priority = combo_index (self->priority_row, yours->priority);
  yours->category_id = selected_category_id (self);
  g_free (yours->category_name);
  yours->category_name = g_strdup (selected_category_name (self));

  dialog = cd_ticket_conflict_dialog_new (GTK_WINDOW (self), self->store, yours, &error);
  if (dialog == NULL)
    {
      show_toast (self, error->message);
      return;
    }
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_conflict_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
set_saving (CdTicketEditor *self,
            gboolean        saving)
{
  self->saving = saving;
  cd_tickets_show_saving (GTK_WIDGET (self->save_button), self->saving_spinner, saving);
  update_save_sensitivity (self);
}

static void
save_done_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(CdTicketEditor) self = user_data;
  g_autoptr(GError) error = NULL;
  CdTicketWrite *write = cd_ticket_write_finish (CD_STORE (source), result, &error);

  /* Closed meanwhile: the list and the page show what happened. */
  if (self->store == NULL)
    return;
  set_saving (self, FALSE);

  if (write != NULL)
    {
      g_signal_emit (self, signals[SIGNAL_SAVED], 0, write->kind == CD_TICKET_WRITE_CREATE ? write->new_id : write->id);
      gtk_window_destroy (GTK_WINDOW (self));
      return;
    }

  if (g_error_matches (error, CD_STORE_ERROR, CD_STORE_ERROR_STALE))
    show_conflict (self);
  else
    show_toast (self, error->message);
}

static void
save (CdTicketEditor *self,
      gboolean        overwrite)
{
  CdTicketWrite *write;

  if (self->saving)
    return;
  self->subject_touched = TRUE;
  if (!validate (self))
    {
      if (self->ticket_id == 0 && self->customer_id == 0)
        {
          gtk_label_set_text (self->customer_error_label,
                              _("Choose the customer this ticket is for: press the search button and type part of their name."));
          gtk_widget_set_visible (GTK_WIDGET (self->customer_error_label), TRUE);
        }
      update_save_sensitivity (self);
      return;
    }

  if (self->ticket_id == 0)
    {
      write = cd_ticket_write_new (CD_TICKET_WRITE_CREATE, 0);
      write->customer_id = self->customer_id;
      write->channel = combo_index (self->channel_row, CD_CHANNEL_PHONE);
      write->priority = combo_index (self->priority_row, CD_PRIORITY_NORMAL);
      write->assignee_id = selected_assignee_id (self);
    }
  else
    {
      write = cd_ticket_write_new (CD_TICKET_WRITE_EDIT, self->ticket_id);
      write->version = overwrite ? 0 : self->ticket->version;
      write->channel = combo_index (self->channel_row, self->ticket->channel);
      write->priority = combo_index (self->priority_row, self->ticket->priority);
    }
  write->subject = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->subject_row)));
  write->description = dup_description (self);
  write->category_id = selected_category_id (self);

  set_saving (self, TRUE);
  cd_ticket_write_start (self->store, write, self->cancellable, save_done_cb, g_object_ref (self));
}

static void
save_action_cb (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  save (CD_TICKET_EDITOR (widget), FALSE);
}

static void
on_subject_row_entry_activated_cb (CdTicketEditor *self)
{
  if (self->ticket_id != 0 || self->customer_id != 0)
    gtk_widget_activate_action (GTK_WIDGET (self), "editor.save", NULL);
}

/* Object ------------------------------------------------------------------ */

static GListModel *
enum_model (const char *(*label) (int value),
            guint        count)
{
  GtkStringList *list = gtk_string_list_new (NULL);

  for (guint i = 0; i < count; i++)
    gtk_string_list_append (list, label ((int) i));
  return G_LIST_MODEL (list);
}

static const char *
channel_label (int value)
{
  return cd_channel_label ((CdChannel) value);
}

static const char *
priority_label (int value)
{
  return cd_priority_label ((CdPriority) value);
}

static void
cd_ticket_editor_constructed (GObject *object)
{
  CdTicketEditor *self = CD_TICKET_EDITOR (object);
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) channels = enum_model (channel_label, cd_channel_count ());
  g_autoptr(GListModel) priorities = enum_model (priority_label, cd_priority_count ());
  g_autoptr(GtkStringList) category_names = gtk_string_list_new (NULL);
  GtkWidget *picker;

  G_OBJECT_CLASS (cd_ticket_editor_parent_class)->constructed (object);

  g_assert (self->store != NULL);

  adw_combo_row_set_model (self->channel_row, channels);
  adw_combo_row_set_selected (self->channel_row, CD_CHANNEL_PHONE);
  adw_combo_row_set_model (self->priority_row, priorities);
  adw_combo_row_set_selected (self->priority_row, CD_PRIORITY_NORMAL);

  self->categories = cd_ticket_categories_list (self->store, &error);
  if (self->categories == NULL)
    {
      show_toast (self, error->message);
      g_clear_error (&error);
      self->categories = g_ptr_array_new_with_free_func ((GDestroyNotify) cd_ticket_category_free);
    }
  gtk_string_list_append (category_names, _("No category"));
  for (guint i = 0; i < self->categories->len; i++)
    {
      CdTicketCategory *category = g_ptr_array_index (self->categories, i);
      g_autofree char *label = NULL;

      /* A retired category stays on the list of an existing ticket, which
       * may keep it, and is not offered for a new one. */
      if (category->retired && self->ticket_id == 0)
        {
          g_ptr_array_remove_index (self->categories, i--);
          continue;
        }
      /* Translators: a ticket category no longer used for new tickets */
      label = category->retired ? g_strdup_printf (_("%s (retired)"), category->name) : g_strdup (category->name);
      gtk_string_list_append (category_names, label);
    }
  adw_combo_row_set_model (self->category_row, G_LIST_MODEL (category_names));

  g_signal_connect_object (gtk_text_view_get_buffer (self->description_view), "changed",
                           G_CALLBACK (on_description_changed_cb), self, 0);

  if (self->ticket_id == 0)
    {
      picker = cd_customer_picker_new (self->store);
      gtk_menu_button_set_popover (self->customer_button, picker);
      g_signal_connect_object (picker, "customer-chosen", G_CALLBACK (on_customer_chosen_cb), self, 0);

      /* Leads hand out work as they file it; reps take or are given it. */
      if (cd_store_require_role (self->store,
                                 CD_ROLE_BIT (CD_ROLE_LEAD) | CD_ROLE_BIT (CD_ROLE_ADMIN), NULL))
        {
          g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);

          self->staff = cd_tickets_workload (self->store, 0, &error);
          if (self->staff != NULL)
            {
              gtk_string_list_append (names, _("Unassigned"));
              for (guint i = 0; i < self->staff->len; i++)
                {
                  CdStaffWorkload *w = g_ptr_array_index (self->staff, i);
                  /* Translators: a person and how many open tickets they have */
                  g_autofree char *text = g_strdup_printf (ngettext ("%s (%d open)", "%s (%d open)",
                                                                     (gulong) w->open_count),
                                                           w->display_name, (int) w->open_count);
                  gtk_string_list_append (names, text);
                }
              adw_combo_row_set_model (self->assignee_row, G_LIST_MODEL (names));
              adw_combo_row_set_selected (self->assignee_row, 0);
              gtk_widget_set_visible (GTK_WIDGET (self->assignee_row), TRUE);
            }
          else
            g_clear_error (&error);
        }
    }
  else
    {
      gtk_window_set_title (GTK_WINDOW (self), _("Edit Ticket"));
      adw_window_title_set_title (self->window_title, _("Edit Ticket"));
      gtk_button_set_label (self->save_button, _("_Save"));
      gtk_widget_set_visible (GTK_WIDGET (self->customer_button), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->customer_row), _("Customer"));
      if (!reload (self, &error))
        {
          show_toast (self, error->message);
          gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.save", FALSE);
        }
      else
        {
          g_autofree char *subtitle = g_strdup_printf ("%s · %s", self->ticket->number, self->ticket->subject);
          adw_window_title_set_subtitle (self->window_title, subtitle);
        }
      self->store_signals = g_signal_group_new (CD_TYPE_STORE);
      g_signal_group_connect_object (self->store_signals, "changed::" CD_CHANGE_TICKETS,
                                     G_CALLBACK (on_tickets_changed_cb), self, G_CONNECT_DEFAULT);
      g_signal_group_set_target (self->store_signals, self->store);
    }

  /* A new ticket starts with its customer; an edit with its subject. */
  gtk_window_set_focus (GTK_WINDOW (self),
                        self->ticket_id == 0 ? GTK_WIDGET (self->customer_button) : GTK_WIDGET (self->subject_row));
  update_save_sensitivity (self);
}

static void
cd_ticket_editor_dispose (GObject *object)
{
  CdTicketEditor *self = CD_TICKET_EDITOR (object);

  /* A save still waiting for the file's lock is given up. */
  g_cancellable_cancel (self->cancellable);
  if (self->store_signals != NULL)
    g_signal_group_set_target (self->store_signals, NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), CD_TYPE_TICKET_EDITOR);
  g_clear_object (&self->store);
  g_clear_pointer (&self->ticket, cd_ticket_free);
  g_clear_pointer (&self->categories, g_ptr_array_unref);
  g_clear_pointer (&self->staff, g_ptr_array_unref);

  G_OBJECT_CLASS (cd_ticket_editor_parent_class)->dispose (object);
}

static void
cd_ticket_editor_finalize (GObject *object)
{
  CdTicketEditor *self = CD_TICKET_EDITOR (object);

  g_clear_object (&self->cancellable);
  g_clear_object (&self->store_signals);

  G_OBJECT_CLASS (cd_ticket_editor_parent_class)->finalize (object);
}

static void
cd_ticket_editor_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  CdTicketEditor *self = CD_TICKET_EDITOR (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    case PROP_TICKET_ID:
      g_value_set_int64 (value, self->ticket_id);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cd_ticket_editor_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  CdTicketEditor *self = CD_TICKET_EDITOR (object);

  switch (prop_id)
    {
    case PROP_STORE:
      self->store = g_value_dup_object (value);
      break;
    case PROP_TICKET_ID:
      self->ticket_id = g_value_get_int64 (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cd_ticket_editor_class_init (CdTicketEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = cd_ticket_editor_constructed;
  object_class->dispose = cd_ticket_editor_dispose;
  object_class->finalize = cd_ticket_editor_finalize;
  object_class->get_property = cd_ticket_editor_get_property;
  object_class->set_property = cd_ticket_editor_set_property;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, CD_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_TICKET_ID] =
    g_param_spec_int64 ("ticket-id", NULL, NULL, 0, G_MAXINT64, 0,
                        G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * CdTicketEditor::saved:
   * @ticket_id: the ticket created or saved
   */
  signals[SIGNAL_SAVED] =
    g_signal_new ("saved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT64);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/tickets/cd-ticket-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, CdTicketEditor, window_title);
  gtk_widget_class_bind_template_child (widget_class, CdTicketEditor, save_button);
  gtk_widget_class_bind_template_child (widget_class, CdTicketEditor, saving_spinner);
  gtk_widget_class_bind_template_child (widget_class, CdTicketEditor, changed_revealer);
  gtk_widget_class_bind_template_child (widget_class, CdTicketEditor, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, CdTicketEditor, customer_group);
  gtk_widget_class_bind_template_child (widget_class, CdTicketEditor, customer_row);
  gtk_widget_class_bind_template_child (widget_class, CdTicketEditor, customer_button);
  gtk_widget_class_bind_template_child (widget_class, CdTicketEditor, customer_error_label);
  gtk_widget_class_bind_template_child (widget_class, CdTicketEditor, subject_row);
  gtk_widget_class_bind_template_child (widget_class, CdTicketEditor, subject_error_label);
  gtk_widget_class_bind_template_child (widget_class, CdTicketEditor, description_view);
  gtk_widget_class_bind_template_child (widget_class, CdTicketEditor, description_error_label);
  gtk_widget_class_bind_template_child (widget_class, CdTicketEditor, channel_row);
  gtk_widget_class_bind_template_child (widget_class, CdTicketEditor, category_row);
  gtk_widget_class_bind_template_child (widget_class, CdTicketEditor, priority_row);
  gtk_widget_class_bind_template_child (widget_class, CdTicketEditor, assignee_row);
  gtk_widget_class_bind_template_callback (widget_class, on_field_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_subject_row_entry_activated_cb);

  gtk_widget_class_install_action (widget_class, "editor.save", NULL, save_action_cb);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK, "editor.save", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, GDK_CONTROL_MASK, "editor.save", NULL);
}

static void
cd_ticket_editor_init (CdTicketEditor *self)
{
  self->cancellable = g_cancellable_new ();
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
cd_ticket_editor_new (CdStore *store,
                      gint64   ticket_id)
{
  g_return_val_if_fail (CD_IS_STORE (store), NULL);

  return g_object_new (CD_TYPE_TICKET_EDITOR, "store", store, "ticket-id", ticket_id, NULL);
}

gint64
cd_ticket_editor_get_ticket_id (CdTicketEditor *self)
{
  g_return_val_if_fail (CD_IS_TICKET_EDITOR (self), 0);
  return self->ticket_id;
}

void
cd_ticket_editor_set_customer (CdTicketEditor *self,
                               gint64          customer_id,
                               const char     *name)
{
  g_return_if_fail (CD_IS_TICKET_EDITOR (self));
  g_return_if_fail (self->ticket_id == 0);

  self->customer_id = customer_id;
  adw_action_row_set_subtitle (self->customer_row, name != NULL ? name : "");
  gtk_widget_set_visible (GTK_WIDGET (self->customer_error_label), FALSE);
  update_save_sensitivity (self);
}

gboolean
cd_ticket_editor_is_valid (CdTicketEditor *self)
{
  g_return_val_if_fail (CD_IS_TICKET_EDITOR (self), FALSE);
  return validate (self);
}

GtkWidget *
cd_ticket_editor_get_customer_button (CdTicketEditor *self)
{
  g_return_val_if_fail (CD_IS_TICKET_EDITOR (self), NULL);
  return GTK_WIDGET (self->customer_button);
}

GtkWidget *
cd_ticket_editor_get_subject_row (CdTicketEditor *self)
{
  g_return_val_if_fail (CD_IS_TICKET_EDITOR (self), NULL);
  return GTK_WIDGET (self->subject_row);
}

GtkWidget *
cd_ticket_editor_get_subject_error_label (CdTicketEditor *self)
{
  g_return_val_if_fail (CD_IS_TICKET_EDITOR (self), NULL);
  return GTK_WIDGET (self->subject_error_label);
}

GtkWidget *
cd_ticket_editor_get_description_view (CdTicketEditor *self)
{
  g_return_val_if_fail (CD_IS_TICKET_EDITOR (self), NULL);
  return GTK_WIDGET (self->description_view);
}

GtkWidget *
cd_ticket_editor_get_channel_row (CdTicketEditor *self)
{
  g_return_val_if_fail (CD_IS_TICKET_EDITOR (self), NULL);
  return GTK_WIDGET (self->channel_row);
}

GtkWidget *
cd_ticket_editor_get_category_row (CdTicketEditor *self)
{
  g_return_val_if_fail (CD_IS_TICKET_EDITOR (self), NULL);
  return GTK_WIDGET (self->category_row);
}

GtkWidget *
cd_ticket_editor_get_priority_row (CdTicketEditor *self)
{
  g_return_val_if_fail (CD_IS_TICKET_EDITOR (self), NULL);
  return GTK_WIDGET (self->priority_row);
}

GtkWidget *
cd_ticket_editor_get_assignee_row (CdTicketEditor *self)
{
  g_return_val_if_fail (CD_IS_TICKET_EDITOR (self), NULL);
  return GTK_WIDGET (self->assignee_row);
}

GtkWidget *
cd_ticket_editor_get_save_button (CdTicketEditor *self)
{
  g_return_val_if_fail (CD_IS_TICKET_EDITOR (self), NULL);
  return GTK_WIDGET (self->save_button);
}
