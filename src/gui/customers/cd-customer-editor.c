/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "caredesk-customers"

#include "config.h"

#include <glib/gi18n.h>

#include "cd-audit.h"
#include "cd-conflict-dialog.h"
#include "cd-customer-duplicate-dialog.h"
#include "cd-customer-editor.h"
#include "cd-customers.h"
#include "cd-customers-util.h"
#include "cd-validate.h"

/* The single-line fields, in form order. */
enum {
  ENTRY_NAME,
  ENTRY_ORGANISATION,
  ENTRY_PHONE,
  ENTRY_PHONE2,
  ENTRY_EMAIL,
  ENTRY_ADDRESS,
  ENTRY_TAGS,
  N_ENTRIES
};

static const CdCustomerField entry_fields[N_ENTRIES] = {
  CD_CUSTOMER_FIELD_NAME,
  CD_CUSTOMER_FIELD_ORGANISATION,
  CD_CUSTOMER_FIELD_PHONE,
  CD_CUSTOMER_FIELD_PHONE2,
  CD_CUSTOMER_FIELD_EMAIL,
  CD_CUSTOMER_FIELD_ADDRESS,
  CD_CUSTOMER_FIELD_TAGS,
};

typedef struct {
  AdwEntryRow *row;
  GtkWidget   *message_row;
  GtkLabel    *message;
  gboolean     touched;
  gboolean     valid;
} Entry;

struct _CdCustomerEditor
{
  AdwWindow        parent_instance;

  CdStore         *store;
  gint64           customer_id;

  /* Template widgets */
  AdwWindowTitle  *window_title;
  GtkWidget       *save_button;
  GtkStack        *stack;
  AdwStatusPage   *error_page;
  AdwEntryRow     *name_row;
  AdwEntryRow     *organisation_row;
  AdwEntryRow     *phone_row;
  AdwEntryRow     *phone2_row;
  AdwEntryRow     *email_row;
  AdwEntryRow     *address_row;
  AdwEntryRow     *tags_row;
  GtkWidget       *name_message_row;
  GtkWidget       *organisation_message_row;
  GtkWidget       *phone_message_row;
  GtkWidget       *phone2_message_row;
  GtkWidget       *email_message_row;
  GtkWidget       *address_message_row;
  GtkWidget       *tags_message_row;
  GtkLabel        *name_message;
  GtkLabel        *organisation_message;
  GtkLabel        *phone_message;
  GtkLabel        *phone2_message;
  GtkLabel        *email_message;
  GtkLabel        *address_message;
  GtkLabel        *tags_message;
  AdwComboRow     *channel_row;
  AdwComboRow     *tier_row;
  AdwComboRow     *owner_row;
  GtkTextView     *notes_view;
  GtkLabel        *notes_message;
  GtkWidget       *manage_group;
  GtkWidget       *archive_button;
  GtkWidget       *delete_button;

  Entry            entries[N_ENTRIES];
  gboolean         notes_valid;

  /* The record as loaded (NULL for a new customer). */
  CdCustomer      *original;
  gint64           expected_version;
  GArray          *owner_ids;   /* gint64 per owner_row position; 0 = none */

  /* The write running now, and the button that started it. */
  GCancellable    *cancellable;
  GtkWidget       *busy_button;

  guint            filling : 1;
  guint            dirty : 1;
  guint            closing : 1;
  guint            busy : 1;
};

enum {
  SIGNAL_SAVED,
  SIGNAL_OPEN_CUSTOMER,
  SIGNAL_ARCHIVED,
  SIGNAL_DELETED,
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

static CdCustomer *
form_to_customer (CdCustomerEditor *self)
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

static void validate (CdCustomerEditor *self);

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
  validate (self);
}

static void
update_title (CdCustomerEditor *self)
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

static void
update_manage (CdCustomerEditor *self)
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
static gboolean
load_record (CdCustomerEditor *self)
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

  update_title (self);
  update_manage (self);
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

static void
validate (CdCustomerEditor *self)
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
  validate (self);
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

/* Saving -------------------------------------------------------------------
 * Every write runs on the store's write lane, so that the window stays
 * responsive while it waits for a colleague's write to end. Meanwhile
 * the form cannot be changed, the button that started the write says
 * what it does, and nothing can be started twice. Closing the window
 * gives up a write that still waits for the file's lock. */

typedef enum {
  JOB_SAVE,     /* create, or update at expected_version (0 overwrites) */
  JOB_MERGE,    /* save, then merge into keep_id */
  JOB_ARCHIVE,  /* archive or restore, whatever version is saved */
  JOB_DELETE,
} JobKind;

typedef struct {
  JobKind     kind;
  CdCustomer *customer;          /* SAVE, MERGE: what the form holds */
  gint64      id;                /* the customer; 0 to create one */
  gint64      expected_version;  /* SAVE, MERGE */
  gint64      keep_id;           /* MERGE */
  gboolean    archive;           /* ARCHIVE: TRUE archives, FALSE restores */
  gint64      saved_id;          /* result: the customer written */
  gint64      version;           /* result of ARCHIVE: the version now */
  GError     *merge_error;       /* result of MERGE: saved, but not merged */
} EditorJob;

static void
editor_job_free (gpointer data)
{
  EditorJob *job = data;

  g_clear_pointer (&job->customer, cd_customer_free);
  g_clear_error (&job->merge_error);
  g_free (job);
}

static EditorJob *
editor_job_new (JobKind           kind,
                gint64            id,
                const CdCustomer *customer)
{
  EditorJob *job = g_new0 (EditorJob, 1);

  job->kind = kind;
  job->id = id;
  job->customer = customer != NULL ? cd_customer_copy (customer) : NULL;
  return job;
}

static gboolean
save_customer (CdStore    *store,
               EditorJob  *job,
               GError    **error)
{
  if (job->id == 0)
    {
      job->saved_id = cd_customer_create (store, job->customer, error);
      return job->saved_id != 0;
    }
  job->saved_id = job->id;
  return cd_customer_update (store, job->customer, job->expected_version, error);
}

/* On the store's write worker. */
static gboolean
run_editor_job (CdStore       *store,
                gpointer       data,
                GCancellable  *cancellable,
                GError       **error)
{
  EditorJob *job = data;
  gint64 version;

  switch (job->kind)
    {
    case JOB_SAVE:
      return save_customer (store, job, error);

    case JOB_MERGE:
      /* What was entered is saved first, so that the merge moves it
       * over; a merge that fails leaves it saved on its own. */
      if (!save_customer (store, job, error))
        return FALSE;
      cd_customers_merge (store, job->keep_id, job->saved_id, &job->merge_error);
      return TRUE;

    case JOB_ARCHIVE:
      /* Archiving does not depend on the fields someone else may have
       * changed meanwhile, so it applies to the saved version. */
      version = cd_customer_get_version (store, job->id, error);
      if (version <= 0 || !cd_customer_set_archived (store, job->id, version, job->archive, error))
        return FALSE;
      job->saved_id = job->id;
      job->version = cd_customer_get_version (store, job->id, NULL);
      return TRUE;

    case JOB_DELETE:
      version = cd_customer_get_version (store, job->id, error);
      return version > 0 && cd_customer_delete (store, job->id, version, error);

    default:
      g_assert_not_reached ();
    }
}

static void
finish (CdCustomerEditor *self)
{
  self->closing = TRUE;
  gtk_window_close (GTK_WINDOW (self));
}

static void
show_error (CdCustomerEditor *self,
            const char       *heading,
            const GError     *error)
{
  cd_customers_show_error (GTK_WIDGET (self), heading, error);
}

static void
update_actions (CdCustomerEditor *self)
{
  validate (self);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.archive", !self->busy);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.delete", !self->busy);
}

/* @button: the button that started the write, to say @what ("Saving…");
 * NULL when the write has ended. */
static void
set_busy (CdCustomerEditor *self,
          GtkWidget        *button,
          const char       *what)
{
  if (self->busy_button != NULL)
    cd_customers_button_set_busy (GTK_BUTTON (self->busy_button), NULL);
  self->busy_button = button;
  self->busy = button != NULL;
  if (button != NULL)
    cd_customers_button_set_busy (GTK_BUTTON (button), what);

  /* The form stays as it was written while the write runs. A text field
   * that keeps the focus while it is made insensitive never hears that
   * it lost it, so the focus leaves first. */
  if (self->busy)
    gtk_window_set_focus (GTK_WINDOW (self), NULL);
  gtk_widget_set_sensitive (GTK_WIDGET (self->stack), !self->busy);
  update_actions (self);
}

static void resolve_conflict (CdCustomerEditor *self,
                              CdCustomer       *customer);
static void job_done_cb      (GObject          *source,
                              GAsyncResult     *result,
                              gpointer          user_data);

static void
start_job (CdCustomerEditor *self,
           EditorJob        *job,
           GtkWidget        *button,
           const char       *what)
{
  /* A dialog of the window may answer after it closed, or twice. */
  if (self->store == NULL || self->busy)
    {
      editor_job_free (job);
      return;
    }

  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  set_busy (self, button, what);
  cd_store_run_async (self->store, CD_STORE_LANE_WRITE, run_editor_job, job, editor_job_free,
                      self->cancellable, job_done_cb, g_object_ref (self));
}

/* Writes @customer: creates it, or updates it at @expected_version (0
 * overwrites whatever is saved). */
static void
save_now (CdCustomerEditor *self,
          CdCustomer       *customer,
          gint64            expected_version)
{
  EditorJob *job = editor_job_new (JOB_SAVE, self->customer_id, customer);

  job->expected_version = expected_version;
  start_job (self, job, self->save_button, _("Saving…"));
}

static void
saving_failed (CdCustomerEditor *self,
               EditorJob        *job,
               const GError     *error)
{
  if (job->id != 0 && g_error_matches (error, CD_STORE_ERROR, CD_STORE_ERROR_STALE))
    resolve_conflict (self, job->customer);
  else
    show_error (self, job->id == 0 ? _("Could Not Add the Customer") : _("Could Not Save the Customer"), error);
}

static void
merge_done (CdCustomerEditor *self,
            EditorJob        *job)
{
  if (self->customer_id == 0)
    {
      /* From here on the form edits the record just written. */
      self->customer_id = job->saved_id;
      g_clear_pointer (&self->original, cd_customer_free);
      self->original = cd_customer_load (self->store, job->saved_id, NULL);
      if (self->original != NULL)
        self->expected_version = self->original->version;
      update_title (self);
      update_manage (self);
    }

  if (job->merge_error != NULL)
    {
      g_autoptr(GError) wrapped =
        g_error_new (job->merge_error->domain, job->merge_error->code,
                     _("%s What you entered was saved as a separate customer; you can merge it later."),
                     job->merge_error->message);
      show_error (self, _("Could Not Merge the Customers"), wrapped);
      g_signal_emit (self, signals[SIGNAL_SAVED], 0, job->saved_id);
      return;
    }

  g_signal_emit (self, signals[SIGNAL_SAVED], 0, job->keep_id);
  finish (self);
}

static void
archive_done (CdCustomerEditor *self,
              EditorJob        *job)
{
  if (job->archive)
    {
      g_signal_emit (self, signals[SIGNAL_ARCHIVED], 0, job->id);
      finish (self);
      return;
    }

  g_signal_emit (self, signals[SIGNAL_SAVED], 0, job->id);
  /* Keeps what the person typed; only the flag and version move on. */
  self->original->archived = FALSE;
  self->expected_version = job->version;
  self->original->version = job->version;
  update_manage (self);
}

static void
job_done_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(CdCustomerEditor) self = user_data;
  EditorJob *job = cd_store_run_get_data (result);
  g_autoptr(GError) error = NULL;
  gboolean ok = cd_store_run_finish (CD_STORE (source), result, &error);

  /* Closed meanwhile: what was written stays written, and the views
   * learn of it from the store. */
  if (self->store == NULL)
    return;

  set_busy (self, NULL, NULL);
  if (!ok && g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  switch (job->kind)
    {
    case JOB_SAVE:
      if (!ok)
        saving_failed (self, job, error);
      else
        {
          g_signal_emit (self, signals[SIGNAL_SAVED], 0, job->saved_id);
          finish (self);
        }
      break;

    case JOB_MERGE:
      if (!ok)
        saving_failed (self, job, error);
      else
        merge_done (self, job);
      break;

    case JOB_ARCHIVE:
      if (!ok)
        show_error (self, job->archive ? _("Could Not Archive the Customer") : _("Could Not Restore the Customer"),
                    error);
      else
        archive_done (self, job);
      break;

    case JOB_DELETE:
      if (!ok)
        show_error (self, _("Could Not Delete the Customer"), error);
      else
        {
          g_signal_emit (self, signals[SIGNAL_DELETED], 0, job->id);
          finish (self);
        }
      break;

    default:
      g_assert_not_reached ();
    }
}


/* Conflicts: someone else saved the customer after the form was filled. */

typedef struct {
  CdCustomerEditor *self;
  CdCustomer       *customer;
} ConflictData;

static void
conflict_data_free (gpointer data)
{
  ConflictData *d = data;

  g_object_unref (d->self);
  cd_customer_free (d->customer);
  g_free (d);
}

static void
on_conflict_response_cb (AdwMessageDialog *dialog,
                         const char       *response,
                         gpointer          user_data)
{
  ConflictData *d = user_data;
  CdCustomerEditor *self = d->self;

  switch (cd_conflict_dialog_choice_from_response (response))
    {
    case CD_CONFLICT_CHOICE_RELOAD:
      load_record (self);
      break;

    case CD_CONFLICT_CHOICE_OVERWRITE:
      save_now (self, d->customer, 0);
      break;

    case CD_CONFLICT_CHOICE_CANCEL:
    default:
      break;
    }
}

static void
add_conflict_field (CdConflictDialog *dialog,
                    CdCustomerField   field,
                    const char       *yours,
                    const char       *theirs)
{
  cd_conflict_dialog_add_field (dialog, cd_customer_field_label (field), yours, theirs);
}

static const char *
channel_text (int channel)
{
  return channel >= 0 ? cd_channel_label ((CdChannel) channel) : NULL;
}

/* Who saved the customer last, and when. */
static void
set_changed_by (CdCustomerEditor *self,
                CdConflictDialog *dialog)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *who = NULL;
  gint64 at = 0;

  if (cd_audit_last_change (self->store, CD_CHANGE_CUSTOMERS, self->customer_id, &who, &at, &error))
    cd_conflict_dialog_set_changed_by (dialog, who, at);
  else if (error != NULL)
    g_debug ("Could not read who changed the customer: %s", error->message);
}

static void
resolve_conflict (CdCustomerEditor *self,
                  CdCustomer       *customer)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CdCustomer) theirs = NULL;
  g_autofree char *record_name = NULL;
  CdConflictDialog *dialog;
  ConflictData *d;

  theirs = cd_customer_load (self->store, self->customer_id, &error);
  if (theirs == NULL)
    {
      show_error (self, _("Could Not Save the Customer"), error);
      return;
    }

  /* Translators: completes "Someone else saved %s after you opened it" */
  record_name = g_strdup_printf (_("customer %s"), theirs->name);
  dialog = CD_CONFLICT_DIALOG (cd_conflict_dialog_new (GTK_WINDOW (self), record_name));

  add_conflict_field (dialog, CD_CUSTOMER_FIELD_NAME, customer->name, theirs->name);
  add_conflict_field (dialog, CD_CUSTOMER_FIELD_ORGANISATION, customer->organisation, theirs->organisation);
  add_conflict_field (dialog, CD_CUSTOMER_FIELD_PHONE, customer->phone, theirs->phone);
  add_conflict_field (dialog, CD_CUSTOMER_FIELD_PHONE2, customer->phone2, theirs->phone2);
  add_conflict_field (dialog, CD_CUSTOMER_FIELD_EMAIL, customer->email, theirs->email);
  add_conflict_field (dialog, CD_CUSTOMER_FIELD_ADDRESS, customer->address, theirs->address);
  add_conflict_field (dialog, CD_CUSTOMER_FIELD_PREFERRED_CHANNEL,
                      channel_text (customer->preferred_channel), channel_text (theirs->preferred_channel));
  add_conflict_field (dialog, CD_CUSTOMER_FIELD_TIER,
                      cd_tier_label (customer->tier), cd_tier_label (theirs->tier));
  add_conflict_field (dialog, CD_CUSTOMER_FIELD_TAGS, customer->tags, theirs->tags);
  {
    const char *mine_owner = NULL;
    guint pos = adw_combo_row_get_selected (self->owner_row);
    GObject *item = g_list_model_get_item (adw_combo_row_get_model (self->owner_row), pos);

    if (item != NULL && customer->owner_id != 0)
      mine_owner = gtk_string_object_get_string (GTK_STRING_OBJECT (item));
    add_conflict_field (dialog, CD_CUSTOMER_FIELD_OWNER, mine_owner, theirs->owner_name);
    g_clear_object (&item);
  }
  add_conflict_field (dialog, CD_CUSTOMER_FIELD_NOTES, customer->notes, theirs->notes);
  if (customer->archived != theirs->archived)
    cd_conflict_dialog_add_field (dialog, _("Archived"),
                                  customer->archived ? _("Yes") : _("No"),
                                  theirs->archived ? _("Yes") : _("No"));
  set_changed_by (self, dialog);

  d = g_new0 (ConflictData, 1);
  d->self = g_object_ref (self);
  d->customer = cd_customer_copy (customer);
  g_signal_connect_data (dialog, "response", G_CALLBACK (on_conflict_response_cb),
                         d, (GClosureNotify) (void (*) (void)) conflict_data_free, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Duplicates and merging. */

typedef struct {
  CdCustomerEditor *self;
  CdCustomer       *customer;
  gint64            keep_id;
  char             *keep_name;
} MergeData;

static void
merge_data_free (gpointer data)
{
  MergeData *d = data;

  g_object_unref (d->self);
  cd_customer_free (d->customer);
  g_free (d->keep_name);
  g_free (d);
}

static void
merge_now (CdCustomerEditor *self,
           CdCustomer       *customer,
           gint64            keep_id)
{
  EditorJob *job = editor_job_new (JOB_MERGE, self->customer_id, customer);

  job->expected_version = self->expected_version;
  job->keep_id = keep_id;
  start_job (self, job, self->save_button, _("Merging…"));
}

static void
on_merge_confirm_response_cb (AdwMessageDialog *dialog,
                              const char       *response,
                              gpointer          user_data)
{
  MergeData *d = user_data;

  if (g_str_equal (response, "merge"))
    merge_now (d->self, d->customer, d->keep_id);
}

static void
confirm_merge (CdCustomerEditor *self,
               CdCustomer       *customer,
               gint64            keep_id,
               const char       *keep_name)
{
  g_autofree char *heading = NULL;
  g_autofree char *body = NULL;
  GtkWidget *dialog;
  MergeData *d;

  /* Translators: %s is the name of the customer kept */
  heading = g_strdup_printf (_("Merge Into “%s”?"), keep_name);
  if (self->customer_id == 0)
    body = g_strdup_printf (_("What you entered fills in the details that “%s” is missing; a phone number that "
                              "differs becomes its second phone, and tags are combined. The new record is then "
                              "archived. This cannot be undone."),
                            keep_name);
  else
    body = g_strdup_printf (_("“%s” takes over the tickets, complaints and follow-ups of “%s”, and what you "
                              "entered fills in the details it is missing. “%s” is then archived. This cannot "
                              "be undone."),
                            keep_name, customer->name, customer->name);

  dialog = adw_message_dialog_new (GTK_WINDOW (self), heading, body);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "merge", _("_Merge"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "merge",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");

  d = g_new0 (MergeData, 1);
  d->self = g_object_ref (self);
  d->customer = cd_customer_copy (customer);
  d->keep_id = keep_id;
  d->keep_name = g_strdup (keep_name);
  g_signal_connect_data (dialog, "response", G_CALLBACK (on_merge_confirm_response_cb),
                         d, (GClosureNotify) (void (*) (void)) merge_data_free, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
on_duplicate_response_cb (CdCustomerDuplicateDialog *dialog,
                          const char                *response,
                          gpointer                   user_data)
{
  MergeData *d = user_data;
  CdCustomerEditor *self = d->self;
  gint64 match_id = cd_customer_duplicate_dialog_get_selected_id (dialog);
  const char *match_name = cd_customer_duplicate_dialog_get_selected_name (dialog);

  if (g_str_equal (response, "open") && match_id != 0)
    {
      g_signal_emit (self, signals[SIGNAL_OPEN_CUSTOMER], 0, match_id);
      finish (self);
    }
  else if (g_str_equal (response, "merge") && match_id != 0)
    confirm_merge (self, d->customer, match_id, match_name != NULL ? match_name : "");
  else if (g_str_equal (response, "save"))
    save_now (self, d->customer, self->expected_version);
}

static void
ask_about_duplicates (CdCustomerEditor *self,
                      CdCustomer       *customer,
                      GArray           *ids)
{
  CdCustomerDuplicateDialog *dialog;
  MergeData *d;

  dialog = cd_customer_duplicate_dialog_new (self->store, customer, ids);
  gtk_window_set_transient_for (GTK_WINDOW (dialog), GTK_WINDOW (self));

  d = g_new0 (MergeData, 1);
  d->self = g_object_ref (self);
  d->customer = cd_customer_copy (customer);
  g_signal_connect_data (dialog, "response", G_CALLBACK (on_duplicate_response_cb),
                         d, (GClosureNotify) (void (*) (void)) merge_data_free, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Phones and email that were already saved like this need no new check. */
static gboolean
contacts_changed (CdCustomerEditor *self,
                  const CdCustomer *customer)
{
  const CdCustomer *o = self->original;

  if (o == NULL)
    return TRUE;
  return g_strcmp0 (customer->phone, o->phone) != 0 ||
         g_strcmp0 (customer->phone2, o->phone2) != 0 ||
         g_strcmp0 (customer->email, o->email) != 0;
}

void
cd_customer_editor_save (CdCustomerEditor *self)
{
  g_autoptr(CdCustomer) customer = NULL;
  g_autoptr(GError) error = NULL;

  g_return_if_fail (CD_IS_CUSTOMER_EDITOR (self));

  if (self->busy || (self->original == NULL && self->customer_id != 0))
    return;

  for (guint i = 0; i < N_ENTRIES; i++)
    self->entries[i].touched = TRUE;
  validate (self);
  if (!cd_customer_editor_is_valid (self))
    return;

  customer = form_to_customer (self);
  if (!cd_customer_check (customer, &error))
    {
      show_error (self, _("Could Not Save the Customer"), error);
      return;
    }

  if (contacts_changed (self, customer))
    {
      g_autoptr(GArray) ids = cd_customer_find_duplicates_of (self->store, customer, &error);

      if (ids == NULL)
        {
          show_error (self, _("Could Not Look for Duplicates"), error);
          return;
        }
      if (ids->len > 0)
        {
          ask_about_duplicates (self, customer, ids);
          return;
        }
    }

  save_now (self, customer, self->expected_version);
}

/* Archive, restore, delete ---------------------------------------------------- */

static void
archive_now (CdCustomerEditor *self)
{
  EditorJob *job = editor_job_new (JOB_ARCHIVE, self->customer_id, NULL);

  job->archive = !self->original->archived;
  start_job (self, job, self->archive_button, job->archive ? _("Archiving…") : _("Restoring…"));
}

static void
on_archive_confirm_response_cb (AdwMessageDialog *dialog,
                                const char       *response,
                                CdCustomerEditor *self)
{
  if (g_str_equal (response, "archive") && !self->busy)
    archive_now (self);
}

static void
archive_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  CdCustomerEditor *self = CD_CUSTOMER_EDITOR (widget);
  GtkWidget *dialog;

  if (self->original == NULL || self->busy)
    return;

  if (!self->dirty || self->original->archived)
    {
      archive_now (self);
      return;
    }

  dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Archive Without Saving?"),
                                   _("The changes you made in this form are not saved. Archiving closes the form "
                                     "and discards them."));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "archive", _("_Discard and Archive"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "archive",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_archive_confirm_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
on_delete_confirm_response_cb (AdwMessageDialog *dialog,
                               const char       *response,
                               CdCustomerEditor *self)
{
  if (!g_str_equal (response, "delete") || self->busy)
    return;

  start_job (self, editor_job_new (JOB_DELETE, self->customer_id, NULL), self->delete_button, _("Deleting…"));
}

static void
delete_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  CdCustomerEditor *self = CD_CUSTOMER_EDITOR (widget);
  g_autofree char *heading = NULL;
  GtkWidget *dialog;

  if (self->original == NULL || self->busy)
    return;

  /* Translators: %s is a customer's name */
  heading = g_strdup_printf (_("Delete “%s”?"), self->original->name);
  dialog = adw_message_dialog_new (GTK_WINDOW (self), heading,
                                   _("The customer is removed for everyone and cannot be restored. A customer "
                                     "with tickets or complaints cannot be deleted: archive it, or merge it into "
                                     "another customer."));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "delete", _("_Delete"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "delete",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_delete_confirm_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  cd_customer_editor_save (CD_CUSTOMER_EDITOR (widget));
}

/* Closing ------------------------------------------------------------------ */

static void
on_discard_response_cb (AdwMessageDialog *dialog,
                        const char       *response,
                        CdCustomerEditor *self)
{
  if (g_str_equal (response, "discard"))
    finish (self);
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

  load_record (self);
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
  signals[SIGNAL_DELETED] =
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

  gtk_widget_class_install_action (widget_class, "editor.save", NULL, save_action);
  gtk_widget_class_install_action (widget_class, "editor.archive", NULL, archive_action);
  gtk_widget_class_install_action (widget_class, "editor.delete", NULL, delete_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK, "editor.save", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, GDK_CONTROL_MASK, "editor.save", NULL);
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
