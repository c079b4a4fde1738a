/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "caredesk-customers"

#include "config.h"

#include <glib/gi18n.h>

#include "cd-audit.h"
#include "cd-conflict-dialog.h"
#include "cd-customer-duplicate-dialog.h"
#include "cd-customer-editor-private.h"
#include "cd-customers-util.h"

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
  JOB_REMOVE,
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

    case JOB_REMOVE:
      version = cd_customer_get_version (store, job->id, error);
      return version > 0 && cd_customer_delete (store, job->id, version, error);

    default:
      g_assert_not_reached ();
    }
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
  _cd_customer_editor_validate (self);
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
      _cd_customer_editor_update_title (self);
      _cd_customer_editor_update_manage (self);
    }

  if (job->merge_error != NULL)
    {
      g_autoptr(GError) wrapped =
        g_error_new (job->merge_error->domain, job->merge_error->code,
                     _("%s What you entered was saved as a separate customer; you can merge it later."),
                     job->merge_error->message);
      show_error (self, _("Could Not Merge the Customers"), wrapped);
      g_signal_emit_by_name (self, "saved", job->saved_id);
      return;
    }

  g_signal_emit_by_name (self, "saved", job->keep_id);
  _cd_customer_editor_finish (self);
}

static void
archive_done (CdCustomerEditor *self,
              EditorJob        *job)
{
  if (job->archive)
    {
      g_signal_emit_by_name (self, "archived", job->id);
      _cd_customer_editor_finish (self);
      return;
    }

  g_signal_emit_by_name (self, "saved", job->id);
  /* Keeps what the person typed; only the flag and version move on. */
  self->original->archived = FALSE;
  self->expected_version = job->version;
  self->original->version = job->version;
  _cd_customer_editor_update_manage (self);
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
          g_signal_emit_by_name (self, "saved", job->saved_id);
          _cd_customer_editor_finish (self);
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

    case JOB_REMOVE:
      if (!ok)
        show_error (self, _("Could Not Delete the Customer"), error);
      else
        {
          g_signal_emit_by_name (self, "deleted", job->id);
          _cd_customer_editor_finish (self);
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
      _cd_customer_editor_load_record (self);
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
      g_signal_emit_by_name (self, "open-customer", match_id);
      _cd_customer_editor_finish (self);
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
  _cd_customer_editor_validate (self);
  if (!cd_customer_editor_is_valid (self))
    return;

  customer = _cd_customer_editor_form_to_customer (self);
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

  start_job (self, editor_job_new (JOB_REMOVE, self->customer_id, NULL), self->delete_button, _("Deleting…"));
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

/* Actions ------------------------------------------------------------------ */

void
_cd_customer_editor_class_actions_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "editor.save", NULL, save_action);
  gtk_widget_class_install_action (widget_class, "editor.archive", NULL, archive_action);
  gtk_widget_class_install_action (widget_class, "editor.delete", NULL, delete_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK, "editor.save", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, GDK_CONTROL_MASK, "editor.save", NULL);
}
