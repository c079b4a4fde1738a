/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "caredesk-customers"

#include "config.h"

#include <glib/gi18n.h>

#include "cd-customer-editor-private.h"
#include "cd-customers-util.h"
#include "cd-validate.h"

static const CdCustomerField entry_fields[N_ENTRIES] = {
  CD_CUSTOMER_FIELD_NAME,
  CD_CUSTOMER_FIELD_ORGANISATION,
  CD_CUSTOMER_FIELD_PHONE,
  CD_CUSTOMER_FIELD_PHONE2,
  CD_CUSTOMER_FIELD_EMAIL,
  CD_CUSTOMER_FIELD_ADDRESS,
  CD_CUSTOMER_FIELD_TAGS,
};

enum {
  SIGNAL_SAVED,
  SIGNAL_OPEN_CUSTOMER,
  SIGNAL_ARCHIVED,
  SIGNAL_REMOVED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

enum {
  PROP_0,
  PROP_STORE,
  PROP_CUSTOMER_ID,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (CdCustomerEditor, cd_customer_editor, ADW_TYPE_WINDOW)

/* Form ⇄ record ------------------------------------------------------------ */

static char *
dup_notes_text (CdCustomerEditor *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->notes_view);
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

/* Trimmed text, NULL when empty. */
static char *
dup_entry_value (AdwEntryRow *row)
{
  g_autofree char *trimmed = cd_validate_trim (gtk_editable_get_text (GTK_EDITABLE (row)));

  if (trimmed[0] == '\0')
    return NULL;
  return g_steal_pointer (&trimmed);
}

CdCustomer *
_cd_customer_editor_form_to_customer (CdCustomerEditor *self)
{
  CdCustomer *customer = self->original != NULL ? cd_customer_copy (self->original) : cd_customer_new ();
  g_autofree char *notes = dup_notes_text (self);
  g_autofree char *trimmed_notes = NULL;
  guint channel = adw_combo_row_get_selected (self->channel_row);
  guint tier = adw_combo_row_get_selected (self->tier_row);
  guint owner = adw_combo_row_get_selected (self->owner_row);
  char **targets[N_ENTRIES] = {
    &customer->name, &customer->organisation, &customer->phone, &customer->phone2,
    &customer->email, &customer->address, &customer->tags,
  };

  customer->id = self->customer_id;
  for (guint i = 0; i < N_ENTRIES; i++)
    {
      g_free (*targets[i]);
      *targets[i] = dup_entry_value (self->entries[i].row);
    }

  g_free (customer->notes);
  trimmed_notes = cd_validate_trim (notes);
  customer->notes = trimmed_notes[0] != '\0' ? g_steal_pointer (&notes) : NULL;
  /* The positions follow the enums, after "Not set" for the channel. */
  customer->preferred_channel = channel == GTK_INVALID_LIST_POSITION || channel == 0 ? -1 : (int) channel - 1;
  customer->tier = tier < cd_tier_count () ? (CdTier) tier : CD_TIER_GENERAL;
  customer->owner_id = owner < self->owner_ids->len ? g_array_index (self->owner_ids, gint64, owner) : 0;

  return customer;
}

static void
select_owner (CdCustomerEditor *self,
              gint64            owner_id)
{
  for (guint i = 0; i < self->owner_ids->len; i++)
    if (g_array_index (self->owner_ids, gint64, i) == owner_id)
      {
        adw_combo_row_set_selected (self->owner_row, i);
        return;
      }
  adw_combo_row_set_selected (self->owner_row, 0);
}

static void
load_owners (CdCustomerEditor *self,
             gint64            include_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GtkStringList) names = NULL;
  g_autoptr(GArray) staff_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  gint64 none = 0;

  g_array_set_size (self->owner_ids, 0);
  g_array_append_val (self->owner_ids, none);

  names = cd_customers_staff_choices (self->store, include_id, staff_ids, &error);
  if (names == NULL)
    {
      g_warning ("Could not list the staff: %s", error->message);
      names = gtk_string_list_new (NULL);
    }
  gtk_string_list_splice (names, 0, 0, (const char * const[]) { _("No account owner"), NULL });
  g_array_append_vals (self->owner_ids, staff_ids->data, staff_ids->len);

  adw_combo_row_set_model (self->owner_row, G_LIST_MODEL (names));
}


static void
fill_form (CdCustomerEditor *self)
{
  const CdCustomer *c = self->original;
  const char *values[N_ENTRIES] = { NULL, };

  self->filling = TRUE;

  if (c != NULL)
    {
      values[ENTRY_NAME] = c->name;
      values[ENTRY_ORGANISATION] = c->organisation;
      values[ENTRY_PHONE] = c->phone;
      values[ENTRY_PHONE2] = c->phone2;
      values[ENTRY_EMAIL] = c->email;
      values[ENTRY_ADDRESS] = c->address;
      values[ENTRY_TAGS] = c->tags;
    }

  for (guint i = 0; i < N_ENTRIES; i++)
    {
      gtk_editable_set_text (GTK_EDITABLE (self->entries[i].row), values[i] != NULL ? values[i] : "");
      self->entries[i].touched = c != NULL;
    }

  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->notes_view),
                            c != NULL && c->notes != NULL ? c->notes : "", -1);

  load_owners (self, c != NULL ? c->owner_id : 0);
  /* The owner sees the customer's contact details unmasked: only leads
   * and admins change it (the customer's page lets others ask). */
  {
    gboolean may_change = c == NULL || cd_customer_may_change_owner (self->store);

    gtk_widget_set_sensitive (GTK_WIDGET (self->owner_row), may_change);
    adw_action_row_set_subtitle (ADW_ACTION_ROW (self->owner_row),
                                 may_change ? "" : _("Only a team lead changes it; ask on the customer’s page"));
  }
  if (c != NULL)
    {
      adw_combo_row_set_selected (self->channel_row, c->preferred_channel >= 0 ? (guint) c->preferred_channel + 1 : 0);
      adw_combo_row_set_selected (self->tier_row, c->tier);
      select_owner (self, c->owner_id);
    }
  else
    {
      adw_combo_row_set_selected (self->channel_row, 0);
      adw_combo_row_set_selected (self->tier_row, CD_TIER_GENERAL);
      /* A new customer is looked after by whoever adds it. */
      select_owner (self, cd_store_get_staff_id (self->store));
    }

  self->filling = FALSE;
  self->dirty = FALSE;
  _cd_customer_editor_validate (self);
}

void
_cd_customer_editor_update_title (CdCustomerEditor *self)
{
  const char *title;

  if (self->customer_id == 0)
    title = _("New Customer");
  else
    title = _("Edit Customer");

  gtk_window_set_title (GTK_WINDOW (self), title);
  adw_window_title_set_title (self->window_title, title);
  adw_window_title_set_subtitle (self->window_title,
                                 self->original != NULL ? self->original->name : "");
}

void
_cd_customer_editor_update_manage (CdCustomerEditor *self)
{
  CdRole role = cd_store_get_role (self->store);
  gboolean can_delete = role == CD_ROLE_LEAD || role == CD_ROLE_ADMIN;
  gboolean archived = self->original != NULL && self->original->archived;

  gtk_widget_set_visible (self->manage_group, self->original != NULL);
  gtk_widget_set_visible (self->delete_button, can_delete);
  gtk_button_set_label (GTK_BUTTON (self->archive_button),
                        archived ? _("_Restore Customer") : _("_Archive Customer"));
  gtk_widget_set_tooltip_text (self->archive_button,
                               archived ? _("Show this customer in the list again")
                                        : _("Hide this customer from the list; their history is kept and they can be restored"));
}

/* Loads the record from the file; FALSE (and the form shows why) when it
 * cannot be read. */
gboolean
_cd_customer_editor_load_record (CdCustomerEditor *self)
{
  g_autoptr(GError) error = NULL;

  g_clear_pointer (&self->original, cd_customer_free);

  if (self->customer_id != 0)
    {
      self->original = cd_customer_load (self->store, self->customer_id, &error);
      if (self->original == NULL)
        {
          adw_status_page_set_description (self->error_page, error->message);
          gtk_stack_set_visible_child_name (self->stack, "error");
          gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.save", FALSE);
          return FALSE;
        }
      self->expected_version = self->original->version;
    }

  _cd_customer_editor_update_title (self);
  _cd_customer_editor_update_manage (self);
  fill_form (self);
  gtk_stack_set_visible_child_name (self->stack, "form");
  return TRUE;
}

/* Validation --------------------------------------------------------------- */

static void
show_message (CdCustomerEditor *self,
              Entry            *entry,
              const char       *message)
{
  gboolean show = message != NULL && entry->touched;

  if (show)
    {
      gtk_widget_add_css_class (GTK_WIDGET (entry->row), "error");
      gtk_label_set_text (entry->message, message);
      gtk_accessible_update_state (GTK_ACCESSIBLE (entry->row),
                                   GTK_ACCESSIBLE_STATE_INVALID, GTK_ACCESSIBLE_INVALID_TRUE,
                                   -1);
      gtk_accessible_update_property (GTK_ACCESSIBLE (entry->row),
                                      GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, message,
                                      -1);
    }
  else
    {
      gtk_widget_remove_css_class (GTK_WIDGET (entry->row), "error");
      gtk_accessible_reset_state (GTK_ACCESSIBLE (entry->row), GTK_ACCESSIBLE_STATE_INVALID);
      gtk_accessible_reset_property (GTK_ACCESSIBLE (entry->row), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
    }
  gtk_widget_set_visible (entry->message_row, show);
}

void
_cd_customer_editor_validate (CdCustomerEditor *self)
{
  g_autofree char *notes = dup_notes_text (self);
  g_autofree char *notes_message = NULL;
  gboolean valid = TRUE;

  for (guint i = 0; i < N_ENTRIES; i++)
    {
      Entry *entry = &self->entries[i];
      g_autofree char *message =
        cd_customer_validate_field (entry_fields[i], gtk_editable_get_text (GTK_EDITABLE (entry->row)));

      entry->valid = message == NULL;
      valid = valid && entry->valid;
      show_message (self, entry, message);
    }

  notes_message = cd_customer_validate_field (CD_CUSTOMER_FIELD_NOTES, notes);
  self->notes_valid = notes_message == NULL;
  valid = valid && self->notes_valid;
  gtk_label_set_text (self->notes_message, notes_message != NULL ? notes_message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->notes_message), notes_message != NULL);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.save",
                                 valid && !self->busy && (self->dirty || self->customer_id == 0));
}

static void
on_field_changed_cb (CdCustomerEditor *self)
{
  if (self->filling)
    return;

  self->dirty = TRUE;
  _cd_customer_editor_validate (self);
}

static void
on_entry_changed_cb (GtkEditable      *editable,
                     CdCustomerEditor *self)
{
  if (self->filling)
    return;

  for (guint i = 0; i < N_ENTRIES; i++)
    if (GTK_EDITABLE (self->entries[i].row) == editable)
      self->entries[i].touched = TRUE;
  on_field_changed_cb (self);
}

static void
on_notes_changed_cb (GtkTextBuffer    *buffer,
                     CdCustomerEditor *self)
{
  on_field_changed_cb (self);
}

/* Closing ------------------------------------------------------------------ */

void
_cd_customer_editor_finish (CdCustomerEditor *self)
{
  self->closing = TRUE;
  gtk_window_close (GTK_WINDOW (self));
}

static void
on_discard_response_cb (AdwMessageDialog *dialog,
                        const char       *response,
                        CdCustomerEditor *self)
{
  if (g_str_equal (response, "discard"))
    _cd_customer_editor_finish (self);
}

static gboolean
cd_customer_editor_close_request (GtkWindow *window)
{
  CdCustomerEditor *self = CD_CUSTOMER_EDITOR (window);
  GtkWidget *dialog;

  /* The person asked for the write and now for closing: a write still
   * waiting for the lock is given up, one under way completes. */
  if (self->busy)
    g_cancellable_cancel (self->cancellable);
  if (self->closing || self->busy || !self->dirty)
    return GTK_WINDOW_CLASS (cd_customer_editor_parent_class)->close_request (window);

  dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Discard Changes?"),
                                   _("The changes you made to this customer are not saved."));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "keep", _("_Keep Editing"),
                                    "discard", _("_Discard"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "discard",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "keep");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "keep");
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_discard_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));

  return TRUE;
}

/* GObject ------------------------------------------------------------------ */

static void
fill_choices (CdCustomerEditor *self)
{
  g_autoptr(GtkStringList) tiers = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) channels = gtk_string_list_new (NULL);

  for (guint i = 0; i < cd_tier_count (); i++)
    gtk_string_list_append (tiers, cd_tier_label ((CdTier) i));
  adw_combo_row_set_model (self->tier_row, G_LIST_MODEL (tiers));

  gtk_string_list_append (channels, _("Not set"));
  for (guint i = 0; i < cd_channel_count (); i++)
    gtk_string_list_append (channels, cd_channel_label ((CdChannel) i));
  adw_combo_row_set_model (self->channel_row, G_LIST_MODEL (channels));
}

static void
cd_customer_editor_constructed (GObject *object)
{
  CdCustomerEditor *self = CD_CUSTOMER_EDITOR (object);

  G_OBJECT_CLASS (cd_customer_editor_parent_class)->constructed (object);

  g_assert (self->store != NULL);

  self->filling = TRUE;
  fill_choices (self);
  self->filling = FALSE;

  _cd_customer_editor_load_record (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->name_row));
}

static void
cd_customer_editor_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  CdCustomerEditor *self = CD_CUSTOMER_EDITOR (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;

    case PROP_CUSTOMER_ID:
      g_value_set_int64 (value, self->customer_id);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cd_customer_editor_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  CdCustomerEditor *self = CD_CUSTOMER_EDITOR (object);

  switch (prop_id)
    {
    case PROP_STORE:
      self->store = g_value_dup_object (value);
      break;

    case PROP_CUSTOMER_ID:
      self->customer_id = g_value_get_int64 (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cd_customer_editor_dispose (GObject *object)
{
  CdCustomerEditor *self = CD_CUSTOMER_EDITOR (object);

  g_cancellable_cancel (self->cancellable);
  self->busy_button = NULL;
  gtk_widget_dispose_template (GTK_WIDGET (self), CD_TYPE_CUSTOMER_EDITOR);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (cd_customer_editor_parent_class)->dispose (object);
}

static void
cd_customer_editor_finalize (GObject *object)
{
  CdCustomerEditor *self = CD_CUSTOMER_EDITOR (object);

  g_clear_pointer (&self->original, cd_customer_free);
  g_clear_pointer (&self->owner_ids, g_array_unref);
  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (cd_customer_editor_parent_class)->finalize (object);
}

static void
cd_customer_editor_class_init (CdCustomerEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->constructed = cd_customer_editor_constructed;
  object_class->get_property = cd_customer_editor_get_property;
  object_class->set_property = cd_customer_editor_set_property;
  object_class->dispose = cd_customer_editor_dispose;
  object_class->finalize = cd_customer_editor_finalize;
  window_class->close_request = cd_customer_editor_close_request;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL,
                         CD_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CUSTOMER_ID] =
    g_param_spec_int64 ("customer-id", NULL, NULL,
                        0, G_MAXINT64, 0,
                        G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[SIGNAL_SAVED] =
    g_signal_new ("saved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT64);
  signals[SIGNAL_OPEN_CUSTOMER] =
    g_signal_new ("open-customer", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT64);
  signals[SIGNAL_ARCHIVED] =
    g_signal_new ("archived", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT64);
  signals[SIGNAL_REMOVED] =
    g_signal_new ("deleted", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT64);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/customers/cd-customer-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, CdCustomerEditor, window_title);
  gtk_widget_class_bind_template_child (widget_class, CdCustomerEditor, save_button);
  gtk_widget_class_bind_template_child (widget_class, CdCustomerEditor, stack);
  gtk_widget_class_bind_template_child (widget_class, CdCustomerEditor, error_page);
  gtk_widget_class_bind_template_child (widget_class, CdCustomerEditor, name_row);
  gtk_widget_class_bind_template_child (widget_class, CdCustomerEditor, organisation_row);
  gtk_widget_class_bind_template_child (widget_class, CdCustomerEditor, phone_row);
  gtk_widget_class_bind_template_child (widget_class, CdCustomerEditor, phone2_row);
  gtk_widget_class_bind_template_child (widget_class, CdCustomerEditor, email_row);
  gtk_widget_class_bind_template_child (widget_class, CdCustomerEditor, address_row);
  gtk_widget_class_bind_template_child (widget_class, CdCustomerEditor, tags_row);
  gtk_widget_class_bind_template_child (widget_class, CdCustomerEditor, name_message_row);
  gtk_widget_class_bind_template_child (widget_class, CdCustomerEditor, organisation_message_row);
  gtk_widget_class_bind_template_child (widget_class, CdCustomerEditor, phone_message_row);
  gtk_widget_class_bind_template_child (widget_class, CdCustomerEditor, phone2_message_row);
  gtk_widget_class_bind_template_child (widget_class, CdCustomerEditor, email_message_row);
  gtk_widget_class_bind_template_child (widget_class, CdCustomerEditor, address_message_row);
  gtk_widget_class_bind_template_child (widget_class, CdCustomerEditor, tags_message_row);
  gtk_widget_class_bind_template_child (widget_class, CdCustomerEditor, name_message);
  gtk_widget_class_bind_template_child (widget_class, CdCustomerEditor, organisation_message);
  gtk_widget_class_bind_template_child (widget_class, CdCustomerEditor, phone_message);
  gtk_widget_class_bind_template_child (widget_class, CdCustomerEditor, phone2_message);
  gtk_widget_class_bind_template_child (widget_class, CdCustomerEditor, email_message);
  gtk_widget_class_bind_template_child (widget_class, CdCustomerEditor, address_message);
  gtk_widget_class_bind_template_child (widget_class, CdCustomerEditor, tags_message);
  gtk_widget_class_bind_template_child (widget_class, CdCustomerEditor, channel_row);
  gtk_widget_class_bind_template_child (widget_class, CdCustomerEditor, tier_row);
  gtk_widget_class_bind_template_child (widget_class, CdCustomerEditor, owner_row);
  gtk_widget_class_bind_template_child (widget_class, CdCustomerEditor, notes_view);
  gtk_widget_class_bind_template_child (widget_class, CdCustomerEditor, notes_message);
  gtk_widget_class_bind_template_child (widget_class, CdCustomerEditor, manage_group);
  gtk_widget_class_bind_template_child (widget_class, CdCustomerEditor, archive_button);
  gtk_widget_class_bind_template_child (widget_class, CdCustomerEditor, delete_button);
  gtk_widget_class_bind_template_callback (widget_class, on_field_changed_cb);

  _cd_customer_editor_class_actions_init (widget_class);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
cd_customer_editor_init (CdCustomerEditor *self)
{
  AdwEntryRow *rows[N_ENTRIES];
  GtkWidget *message_rows[N_ENTRIES];
  GtkLabel *messages[N_ENTRIES];

  gtk_widget_init_template (GTK_WIDGET (self));

  self->owner_ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  rows[ENTRY_NAME] = self->name_row;
  rows[ENTRY_ORGANISATION] = self->organisation_row;
  rows[ENTRY_PHONE] = self->phone_row;
  rows[ENTRY_PHONE2] = self->phone2_row;
  rows[ENTRY_EMAIL] = self->email_row;
  rows[ENTRY_ADDRESS] = self->address_row;
  rows[ENTRY_TAGS] = self->tags_row;
  message_rows[ENTRY_NAME] = self->name_message_row;
  message_rows[ENTRY_ORGANISATION] = self->organisation_message_row;
  message_rows[ENTRY_PHONE] = self->phone_message_row;
  message_rows[ENTRY_PHONE2] = self->phone2_message_row;
  message_rows[ENTRY_EMAIL] = self->email_message_row;
  message_rows[ENTRY_ADDRESS] = self->address_message_row;
  message_rows[ENTRY_TAGS] = self->tags_message_row;
  messages[ENTRY_NAME] = self->name_message;
  messages[ENTRY_ORGANISATION] = self->organisation_message;
  messages[ENTRY_PHONE] = self->phone_message;
  messages[ENTRY_PHONE2] = self->phone2_message;
  messages[ENTRY_EMAIL] = self->email_message;
  messages[ENTRY_ADDRESS] = self->address_message;
  messages[ENTRY_TAGS] = self->tags_message;

  for (guint i = 0; i < N_ENTRIES; i++)
    {
      self->entries[i].row = rows[i];
      self->entries[i].message_row = message_rows[i];
      self->entries[i].message = messages[i];
      g_signal_connect (rows[i], "changed", G_CALLBACK (on_entry_changed_cb), self);
    }

  g_signal_connect (gtk_text_view_get_buffer (self->notes_view), "changed",
                    G_CALLBACK (on_notes_changed_cb), self);
}

/* Public ------------------------------------------------------------------- */

CdCustomerEditor *
cd_customer_editor_new (CdStore *store,
                        gint64   customer_id)
{
  g_return_val_if_fail (CD_IS_STORE (store), NULL);
  g_return_val_if_fail (customer_id >= 0, NULL);

  return g_object_new (CD_TYPE_CUSTOMER_EDITOR,
                       "store", store,
                       "customer-id", customer_id,
                       NULL);
}

gint64
cd_customer_editor_get_customer_id (CdCustomerEditor *self)
{
  g_return_val_if_fail (CD_IS_CUSTOMER_EDITOR (self), 0);

  return self->customer_id;
}

gboolean
cd_customer_editor_is_dirty (CdCustomerEditor *self)
{
  g_return_val_if_fail (CD_IS_CUSTOMER_EDITOR (self), FALSE);

  return self->dirty;
}

gboolean
cd_customer_editor_is_valid (CdCustomerEditor *self)
{
  g_return_val_if_fail (CD_IS_CUSTOMER_EDITOR (self), FALSE);

  for (guint i = 0; i < N_ENTRIES; i++)
    if (!self->entries[i].valid)
      return FALSE;
  return self->notes_valid;
}
