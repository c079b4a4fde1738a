/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "caredesk-customers"

#include "config.h"

#include <glib/gi18n.h>

#include "cd-change.h"
#include "cd-customers.h"
#include "cd-customers-util.h"
#include "cd-datetime.h"
#include "cd-owner-requests-group.h"

struct _CdOwnerRequestsGroup
{
  AdwPreferencesGroup  parent_instance;

  CdStore             *store;
  GSignalGroup        *store_signals;
  GCancellable        *cancellable;
  gint64               customer_id;
  gint64               owner_id;
  GPtrArray           *rows;          /* the rows this group added */
  guint                reload_idle_id;

  /* The ask dialog's choices, while it is open. */
  GArray              *choice_ids;
};

G_DEFINE_FINAL_TYPE (CdOwnerRequestsGroup, cd_owner_requests_group, ADW_TYPE_PREFERENCES_GROUP)

/* Writes ------------------------------------------------------------------ */

typedef enum {
  JOB_ASK,
  JOB_WITHDRAW,
  JOB_APPROVE,
  JOB_DECLINE,
} JobKind;

typedef struct {
  JobKind  kind;
  gint64   customer_id;
  gint64   owner_id;
  gint64   request_id;
  gint64   version;
  char    *reason;
} Job;

static void
job_free (Job *job)
{
  g_free (job->reason);
  g_free (job);
}

static gboolean
run_job (CdStore       *store,
         gpointer       data,
         GCancellable  *cancellable,
         GError       **error)
{
  Job *job = data;

  switch (job->kind)
    {
    case JOB_ASK:
      return cd_owner_request_create (store, job->customer_id, job->owner_id, job->reason, error) > 0;
    case JOB_WITHDRAW:
      return cd_owner_request_withdraw (store, job->request_id, job->version, error);
    case JOB_APPROVE:
    case JOB_DECLINE:
    default:
      return cd_owner_request_decide (store, job->request_id, job->version, job->kind == JOB_APPROVE, error);
    }
}

static void reload (CdOwnerRequestsGroup *self);

static void
job_done_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(CdOwnerRequestsGroup) self = user_data;
  Job *job = cd_store_run_get_data (result);
  g_autoptr(GError) error = NULL;
  const char *heading;

  if (cd_store_run_finish (CD_STORE (source), result, &error))
    return;
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  switch (job->kind)
    {
    case JOB_ASK:
      heading = _("Could Not Send the Request");
      break;
    case JOB_WITHDRAW:
      heading = _("Could Not Withdraw the Request");
      break;
    case JOB_APPROVE:
    case JOB_DECLINE:
    default:
      heading = _("Could Not Answer the Request");
      break;
    }
  cd_customers_show_error (GTK_WIDGET (self), heading, error);
  /* What is saved now, whoever changed it. */
  reload (self);
}

static void
start_job (CdOwnerRequestsGroup *self,
           Job                  *job,
           GtkWidget            *button)
{
  /* The row goes away or changes when the write's change comes back. */
  if (button != NULL)
    {
      gtk_widget_set_sensitive (gtk_widget_get_parent (button), FALSE);
      cd_customers_button_set_busy (GTK_BUTTON (button), _("Saving…"));
    }
  cd_store_run_async (self->store, CD_STORE_LANE_WRITE, run_job, job, (GDestroyNotify) job_free,
                      self->cancellable, job_done_cb, g_object_ref (self));
}

/* Asking -------------------------------------------------------------------- */

static void
on_ask_dialog_response_cb (AdwMessageDialog     *dialog,
                           const char           *response,
                           CdOwnerRequestsGroup *self)
{
  GtkDropDown *owner_drop = g_object_get_data (G_OBJECT (dialog), "owner-drop-down");
  GtkEditable *reason_entry = g_object_get_data (G_OBJECT (dialog), "reason-entry");
  guint selected;
  Job *job;

  if (!g_str_equal (response, "ask") || self->store == NULL || self->choice_ids == NULL)
    return;
  selected = gtk_drop_down_get_selected (owner_drop);
  if (selected >= self->choice_ids->len)
    return;

  job = g_new0 (Job, 1);
  job->kind = JOB_ASK;
  job->customer_id = self->customer_id;
  job->owner_id = g_array_index (self->choice_ids, gint64, selected);
  job->reason = g_strdup (gtk_editable_get_text (reason_entry));
  start_job (self, job, NULL);
}

static void
on_ask_clicked_cb (GtkButton            *button,
                   CdOwnerRequestsGroup *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GtkStringList) names = NULL;
  GtkWidget *dialog, *box, *drop, *entry, *label;
  gint64 none = 0;
  gint64 me = cd_store_get_staff_id (self->store);
  guint preselect = 0;

  names = cd_customers_staff_choices (self->store, 0, ids, &error);
  if (names == NULL)
    {
      cd_customers_show_error (GTK_WIDGET (self), _("Could Not List the Staff"), error);
      return;
    }
  gtk_string_list_splice (names, 0, 0, (const char * const[]) { _("No account owner"), NULL });
  g_array_prepend_val (ids, none);
  for (guint i = 0; i < ids->len; i++)
    if (g_array_index (ids, gint64, i) == me && me != self->owner_id)
      preselect = i;
  g_clear_pointer (&self->choice_ids, g_array_unref);
  self->choice_ids = g_steal_pointer (&ids);

  dialog = adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))),
                                   _("Ask for Another Account Owner"),
                                   _("A team lead or an administrator decides. The account owner sees the "
                                     "customer’s phone number and email in every list."));
  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);

  label = gtk_label_new_with_mnemonic (_("New _owner"));
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_box_append (GTK_BOX (box), label);
  drop = gtk_drop_down_new (G_LIST_MODEL (g_steal_pointer (&names)), NULL);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (drop), preselect);
  gtk_label_set_mnemonic_widget (GTK_LABEL (label), drop);
  gtk_accessible_update_relation (GTK_ACCESSIBLE (drop), GTK_ACCESSIBLE_RELATION_LABELLED_BY, label, NULL, -1);
  gtk_box_append (GTK_BOX (box), drop);

  label = gtk_label_new_with_mnemonic (_("_Reason (optional)"));
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_set_margin_top (label, 6);
  gtk_box_append (GTK_BOX (box), label);
  entry = gtk_entry_new ();
  gtk_entry_set_activates_default (GTK_ENTRY (entry), TRUE);
  gtk_entry_set_max_length (GTK_ENTRY (entry), 1000);
  gtk_label_set_mnemonic_widget (GTK_LABEL (label), entry);
  gtk_accessible_update_relation (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_RELATION_LABELLED_BY, label, NULL, -1);
  gtk_box_append (GTK_BOX (box), entry);

  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), box);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "ask", _("_Ask"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "ask", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "ask");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data (G_OBJECT (dialog), "owner-drop-down", drop);
  g_object_set_data (G_OBJECT (dialog), "reason-entry", entry);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_ask_dialog_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Answering --------------------------------------------------------------- */

static void
on_answer_clicked_cb (GtkButton            *button,
                      CdOwnerRequestsGroup *self)
{
  Job *job = g_new0 (Job, 1);

  job->kind = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (button), "job-kind"));
  job->request_id = *(gint64 *) g_object_get_data (G_OBJECT (button), "request-id");
  job->version = *(gint64 *) g_object_get_data (G_OBJECT (button), "request-version");
  start_job (self, job, GTK_WIDGET (button));
}

static GtkWidget *
answer_button (CdOwnerRequestsGroup *self,
               const CdOwnerRequest *request,
               JobKind               kind,
               const char           *label,
               const char           *accessible_name)
{
  GtkWidget *button = gtk_button_new_with_mnemonic (label);

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, accessible_name, -1);
  if (kind == JOB_APPROVE)
    gtk_widget_add_css_class (button, "suggested-action");
  g_object_set_data (G_OBJECT (button), "job-kind", GINT_TO_POINTER (kind));
  g_object_set_data_full (G_OBJECT (button), "request-id", g_memdup2 (&request->id, sizeof (gint64)), g_free);
  g_object_set_data_full (G_OBJECT (button), "request-version", g_memdup2 (&request->version, sizeof (gint64)), g_free);
  g_signal_connect_object (button, "clicked", G_CALLBACK (on_answer_clicked_cb), self, 0);
  return button;
}

/* Showing ----------------------------------------------------------------- */

static void
clear_rows (CdOwnerRequestsGroup *self)
{
  for (guint i = 0; i < self->rows->len; i++)
    adw_preferences_group_remove (ADW_PREFERENCES_GROUP (self), g_ptr_array_index (self->rows, i));
  g_ptr_array_set_size (self->rows, 0);
}

static void
add_row (CdOwnerRequestsGroup *self,
         GtkWidget            *row)
{
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (self), row);
  g_ptr_array_add (self->rows, row);
}

/* "Li Na asks for Wang Fang to become the account owner." */
static char *
describe_request (const CdOwnerRequest *request,
                  gboolean              mine)
{
  const char *asker = request->requester_name != NULL ? request->requester_name : "?";

  if (mine && request->owner_id == 0)
    return g_strdup (_("You asked for the customer to have no account owner"));
  if (mine && request->requested_by == request->owner_id)
    return g_strdup (_("You asked to become the account owner"));
  if (mine)
    /* Translators: the name of the person asked for as account owner. */
    return g_strdup_printf (_("You asked for %s to become the account owner"), request->owner_name);
  if (request->owner_id == 0)
    /* Translators: the name of the person asking. */
    return g_strdup_printf (_("%s asks for the customer to have no account owner"), asker);
  if (request->requested_by == request->owner_id)
    /* Translators: the name of the person asking. */
    return g_strdup_printf (_("%s asks to become the account owner"), asker);
  /* Translators: the person asking, then the person asked for as owner. */
  return g_strdup_printf (_("%s asks for %s to become the account owner"), asker, request->owner_name);
}

static char *
describe_when_and_why (CdOwnerRequestsGroup *self,
                       const CdOwnerRequest *request)
{
  g_autofree char *when = cd_datetime_format_relative (request->created_at, cd_store_now (self->store));

  if (request->reason == NULL)
    return g_steal_pointer (&when);
  /* Translators: when a request was made, and the reason given. */
  return g_strdup_printf (_("%s · %s"), when, request->reason);
}

static void
reload (CdOwnerRequestsGroup *self)
{
  g_autoptr(GPtrArray) requests = NULL;
  g_autoptr(GError) error = NULL;
  gboolean decides;
  gint64 me;
  gboolean asked = FALSE;

  g_clear_handle_id (&self->reload_idle_id, g_source_remove);
  clear_rows (self);

  if (self->store == NULL || self->customer_id == 0 || cd_store_get_staff_id (self->store) == 0)
    {
      gtk_widget_set_visible (GTK_WIDGET (self), FALSE);
      return;
    }

  decides = cd_customer_may_change_owner (self->store);
  me = cd_store_get_staff_id (self->store);
  requests = cd_owner_requests_for_customer (self->store, self->customer_id, &error);
  if (requests == NULL)
    {
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("The requests for another account owner cannot be read"));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), error->message);
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      add_row (self, row);
      gtk_widget_set_visible (GTK_WIDGET (self), TRUE);
      return;
    }

  for (guint i = 0; i < requests->len; i++)
    {
      CdOwnerRequest *request = g_ptr_array_index (requests, i);
      gboolean mine = request->requested_by == me;
      g_autofree char *title = NULL;
      g_autofree char *subtitle = NULL;
      GtkWidget *row;

      if (!decides && !mine)
        continue;
      asked |= mine;

      title = describe_request (request, mine && !decides);
      subtitle = describe_when_and_why (self, request);
      row = adw_action_row_new ();
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 0);
      adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 0);

      if (decides)
        {
          const char *asker = request->requester_name != NULL ? request->requester_name : "?";
          /* Translators: an accessible name; the name of the person who asked. */
          g_autofree char *decline_name = g_strdup_printf (_("Decline %s’s request"), asker);
          /* Translators: an accessible name; the name of the person who asked. */
          g_autofree char *approve_name = g_strdup_printf (_("Approve %s’s request"), asker);

          adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                                     answer_button (self, request, JOB_DECLINE, _("_Decline"), decline_name));
          adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                                     answer_button (self, request, JOB_APPROVE, _("A_pprove"), approve_name));
        }
      else
        adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                                   answer_button (self, request, JOB_WITHDRAW, _("_Withdraw"),
                                                  _("Withdraw your request")));
      add_row (self, row);
    }

  /* Someone who cannot change the owner may ask, once at a time. */
  if (!decides && !asked)
    {
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *button = gtk_button_new_with_mnemonic (_("_Ask…"));

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("Another account owner?"));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), _("Only a team lead or an administrator changes it; you can ask"));
      adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 0);
      gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
      gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      _("Ask for another account owner"), -1);
      g_signal_connect_object (button, "clicked", G_CALLBACK (on_ask_clicked_cb), self, 0);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
      add_row (self, row);
    }

  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (self),
                                   decides && self->rows->len > 0 ? _("Requests for Another Account Owner") : "");
  gtk_widget_set_visible (GTK_WIDGET (self), self->rows->len > 0);
}

static gboolean
reload_idle_cb (gpointer user_data)
{
  CdOwnerRequestsGroup *self = user_data;

  self->reload_idle_id = 0;
  reload (self);
  return G_SOURCE_REMOVE;
}

static void
schedule_reload (CdOwnerRequestsGroup *self)
{
  if (self->reload_idle_id == 0)
    self->reload_idle_id = g_idle_add (reload_idle_cb, self);
}

static void
on_requests_changed_cb (CdStore              *store,
                        CdChange             *change,
                        CdOwnerRequestsGroup *self)
{
  if (self->customer_id != 0)
    schedule_reload (self);
}

static void
on_staff_changed_cb (CdStore              *store,
                     CdChange             *change,
                     CdOwnerRequestsGroup *self)
{
  /* Names, or someone's role (who decides). */
  if (self->customer_id != 0)
    schedule_reload (self);
}

/* GObject ------------------------------------------------------------------ */

static void
cd_owner_requests_group_dispose (GObject *object)
{
  CdOwnerRequestsGroup *self = CD_OWNER_REQUESTS_GROUP (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->reload_idle_id, g_source_remove);
  if (self->store_signals != NULL)
    g_signal_group_set_target (self->store_signals, NULL);
  g_clear_object (&self->store_signals);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (cd_owner_requests_group_parent_class)->dispose (object);
}

static void
cd_owner_requests_group_finalize (GObject *object)
{
  CdOwnerRequestsGroup *self = CD_OWNER_REQUESTS_GROUP (object);

  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->rows, g_ptr_array_unref);
  g_clear_pointer (&self->choice_ids, g_array_unref);

  G_OBJECT_CLASS (cd_owner_requests_group_parent_class)->finalize (object);
}

static void
cd_owner_requests_group_class_init (CdOwnerRequestsGroupClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = cd_owner_requests_group_dispose;
  object_class->finalize = cd_owner_requests_group_finalize;
}

static void
cd_owner_requests_group_init (CdOwnerRequestsGroup *self)
{
  self->cancellable = g_cancellable_new ();
  self->rows = g_ptr_array_new ();
  self->store_signals = g_signal_group_new (CD_TYPE_STORE);
  g_signal_group_connect_object (self->store_signals, "changed::" CD_CHANGE_OWNER_REQUESTS,
                                 G_CALLBACK (on_requests_changed_cb), self, G_CONNECT_DEFAULT);
  g_signal_group_connect_object (self->store_signals, "changed::" CD_CHANGE_STAFF,
                                 G_CALLBACK (on_staff_changed_cb), self, G_CONNECT_DEFAULT);
  gtk_widget_set_visible (GTK_WIDGET (self), FALSE);
}

void
cd_owner_requests_group_set_store (CdOwnerRequestsGroup *self,
                                   CdStore              *store)
{
  g_return_if_fail (CD_IS_OWNER_REQUESTS_GROUP (self));
  g_return_if_fail (store == NULL || CD_IS_STORE (store));

  if (!g_set_object (&self->store, store))
    return;
  g_signal_group_set_target (self->store_signals, store);
  reload (self);
}

void
cd_owner_requests_group_set_customer (CdOwnerRequestsGroup *self,
                                      gint64                customer_id,
                                      gint64                owner_id)
{
  g_return_if_fail (CD_IS_OWNER_REQUESTS_GROUP (self));

  self->customer_id = customer_id;
  self->owner_id = owner_id;
  reload (self);
}

guint
cd_owner_requests_group_get_n_rows (CdOwnerRequestsGroup *self)
{
  g_return_val_if_fail (CD_IS_OWNER_REQUESTS_GROUP (self), 0);
  return self->rows->len;
}
