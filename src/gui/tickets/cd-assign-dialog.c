/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "caredesk-tickets"

#include "config.h"

#include <glib/gi18n.h>

#include "cd-assign-dialog.h"
#include "cd-conflict-dialog.h"
#include "cd-datetime.h"
#include "cd-training.h"
#include "cd-ticket-write.h"
#include "cd-tickets-util.h"

struct _CdAssignDialog
{
  AdwWindow        parent_instance;

  CdStore         *store;
  CdTicket        *ticket;
  GPtrArray       *staff;         /* CdStaffWorkload */
  char            *requirement;   /* certification names, or NULL */
  gint64           selected_id;   /* -1: nobody chosen yet; 0: unassigned */
  gboolean         selected_certified;
  gboolean         saving;
  GCancellable    *cancellable;

  /* Template widgets */
  AdwWindowTitle  *window_title;
  GtkWidget       *assign_button;
  GtkWidget       *saving_spinner;
  AdwToastOverlay *toast_overlay;
  GtkLabel        *requirement_label;
  GtkListBox      *staff_list;
  GtkRevealer     *reason_revealer;
  AdwEntryRow     *reason_row;
  GtkLabel        *reason_error_label;

  GtkWidget       *first_check;
  GHashTable      *checks;        /* staff id → GtkCheckButton */
};

enum {
  SIGNAL_ASSIGNED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (CdAssignDialog, cd_assign_dialog, ADW_TYPE_WINDOW)

static void
show_toast (CdAssignDialog *self,
            const char     *message)
{
  AdwToast *toast = adw_toast_new (message);

  adw_toast_set_timeout (toast, 0);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

static const char *
reason_text (CdAssignDialog *self)
{
  return gtk_editable_get_text (GTK_EDITABLE (self->reason_row));
}

static gboolean
reason_missing (CdAssignDialog *self)
{
  g_autofree char *reason = g_strstrip (g_strdup (reason_text (self)));
  return *reason == '\0';
}

static void
update_state (CdAssignDialog *self)
{
  gboolean needs_reason = cd_assign_dialog_needs_reason (self);
  gboolean unchanged = self->selected_id == self->ticket->assignee_id;
  gboolean ok = self->selected_id >= 0 && !unchanged && (!needs_reason || !reason_missing (self));

  gtk_revealer_set_reveal_child (self->reason_revealer, needs_reason);
  if (needs_reason && reason_missing (self))
    {
      gtk_label_set_text (self->reason_error_label, _("Write a reason to assign this ticket to someone without the certification."));
      gtk_widget_set_visible (GTK_WIDGET (self->reason_error_label), TRUE);
    }
  else
    gtk_widget_set_visible (GTK_WIDGET (self->reason_error_label), FALSE);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "assign.save", ok && !self->saving);
}

static void
on_check_toggled_cb (GtkCheckButton *check,
                     CdAssignDialog *self)
{
  if (!gtk_check_button_get_active (check))
    return;
  self->selected_id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (check), "staff-id"));
  self->selected_certified = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (check), "certified"));
  update_state (self);
  if (cd_assign_dialog_needs_reason (self))
    gtk_widget_grab_focus (GTK_WIDGET (self->reason_row));
}

static void
on_reason_row_changed_cb (CdAssignDialog *self)
{
  update_state (self);
}

static void
on_reason_row_entry_activated_cb (CdAssignDialog *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "assign.save", NULL);
}

static GtkWidget *
add_row (CdAssignDialog *self,
         gint64          staff_id,
         const char     *title,
         const char     *subtitle,
         gboolean        certified,
         gint64          certified_until,
         gboolean        show_certification)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *check = gtk_check_button_new ();

  /* Staff names are shown as they are written, "&" and "<" too. */
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  if (subtitle != NULL)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);

  gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
  if (self->first_check != NULL)
    gtk_check_button_set_group (GTK_CHECK_BUTTON (check), GTK_CHECK_BUTTON (self->first_check));
  else
    self->first_check = check;
  g_object_set_data (G_OBJECT (check), "staff-id", GSIZE_TO_POINTER ((gsize) staff_id));
  g_object_set_data (G_OBJECT (check), "certified", GINT_TO_POINTER (certified));
  gtk_accessible_update_property (GTK_ACCESSIBLE (check), GTK_ACCESSIBLE_PROPERTY_LABEL, title, -1);
  g_signal_connect_object (check, "toggled", G_CALLBACK (on_check_toggled_cb), self, 0);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);

  if (show_certification)
    {
      gint64 now = cd_store_now (self->store);
      gboolean expiring = certified && certified_until > 0 &&
                          cd_certification_status (certified_until, 0, now) == CD_CERT_EXPIRING;
      g_autofree char *until = expiring ? cd_datetime_format_date (certified_until) : NULL;
      /* Translators: in the assign dialog, a certification that runs out soon */
      g_autofree char *text = expiring ? g_strdup_printf (_("Certified until %s"), until)
                                       : g_strdup (certified ? _("Certified") : _("Not certified"));
      GtkWidget *badge = gtk_label_new (text);

      gtk_widget_set_valign (badge, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (badge, "caption");
      gtk_widget_add_css_class (badge, certified && !expiring ? "success" : "warning");
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), badge);
    }

  g_hash_table_insert (self->checks, g_memdup2 (&staff_id, sizeof staff_id), check);
  gtk_list_box_append (self->staff_list, row);
  return check;
}

static void
assign (CdAssignDialog *self,
        gboolean        overwrite);

static void
on_conflict_response_cb (AdwMessageDialog *dialog,
                         const char       *response,
                         CdAssignDialog   *self)
{
  /* Saving may close this window; keep it alive until we are done. */
  G_GNUC_UNUSED g_autoptr(CdAssignDialog) guard = g_object_ref (self);

  /* The dialog outlives this window by a moment; it must not point at it. */
  gtk_window_set_transient_for (GTK_WINDOW (dialog), NULL);

  switch (cd_conflict_dialog_choice_from_response (response))
    {
    case CD_CONFLICT_CHOICE_RELOAD:
      /* The ticket page shows the saved version; choose again there. */
      gtk_window_destroy (GTK_WINDOW (self));
      break;
    case CD_CONFLICT_CHOICE_OVERWRITE:
      assign (self, TRUE);
      break;
    case CD_CONFLICT_CHOICE_CANCEL:
    default:
      break;
    }
}

static const char *
selected_name (CdAssignDialog *self)
{
  for (guint i = 0; i < self->staff->len; i++)
    {
      CdStaffWorkload *w = g_ptr_array_index (self->staff, i);
      if (w->staff_id == self->selected_id)
        return w->display_name;
    }
  return NULL;
}

static void
set_saving (CdAssignDialog *self,
            gboolean        saving)
{
  self->saving = saving;
  cd_tickets_show_saving (self->assign_button, self->saving_spinner, saving);
  update_state (self);
}

static void
assign_done_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(CdAssignDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  CdTicketWrite *write = cd_ticket_write_finish (CD_STORE (source), result, &error);

  /* Closed meanwhile: the ticket page shows what happened. */
  if (self->store == NULL)
    return;
  set_saving (self, FALSE);

  if (write != NULL)
    {
      g_signal_emit (self, signals[SIGNAL_ASSIGNED], 0, write->assignee_id);
      gtk_window_destroy (GTK_WINDOW (self));
      return;
    }

  if (g_error_matches (error, CD_STORE_ERROR, CD_STORE_ERROR_STALE))
    {
      g_autoptr(CdTicket) yours = cd_ticket_dup (self->ticket);
      g_autoptr(GError) load_error = NULL;
      GtkWidget *dialog;

      yours->assignee_id = self->selected_id;
      g_free (yours->assignee_name);
      yours->assignee_name = g_strdup (selected_name (self));
      dialog = cd_ticket_conflict_dialog_new (GTK_WINDOW (self), self->store, yours, &load_error);
      if (dialog == NULL)
        {
          show_toast (self, load_error->message);
          return;
        }
      g_signal_connect_object (dialog, "response", G_CALLBACK (on_conflict_response_cb), self, 0);
      gtk_window_present (GTK_WINDOW (dialog));
      return;
    }

  show_toast (self, error->message);
}

static void
assign (CdAssignDialog *self,
        gboolean        overwrite)
{
  g_autofree char *reason = g_strstrip (g_strdup (reason_text (self)));
  CdTicketWrite *write;

  if (self->selected_id < 0 || self->saving)
    return;

  write = cd_ticket_write_new (CD_TICKET_WRITE_ASSIGN, self->ticket->id);
  write->version = overwrite ? 0 : self->ticket->version;
  write->assignee_id = self->selected_id;
  write->text = *reason != '\0' ? g_steal_pointer (&reason) : NULL;
  set_saving (self, TRUE);
  cd_ticket_write_start (self->store, write, self->cancellable, assign_done_cb, g_object_ref (self));
}

static void
save_action_cb (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  CdAssignDialog *self = CD_ASSIGN_DIALOG (widget);

  if (cd_assign_dialog_needs_reason (self) && reason_missing (self))
    return;
  assign (self, FALSE);
}

static void
populate (CdAssignDialog *self)
{
  g_autoptr(GError) error = NULL;
  gboolean restricted;

  self->requirement = cd_ticket_category_certifications (self->store, self->ticket->category_id, &error);
  if (error != NULL)
    {
      show_toast (self, error->message);
      g_clear_error (&error);
    }
  restricted = self->requirement != NULL;

  if (restricted)
    {
      /* Translators: first %s is a ticket category, second the certification(s) it needs */
      g_autofree char *text = g_strdup_printf (_("Tickets in “%s” need the certification %s. Anyone without it needs a reason."),
                                               self->ticket->category_name, self->requirement);
      gtk_label_set_text (self->requirement_label, text);
    }
  else
    gtk_label_set_text (self->requirement_label,
                        _("Choose who should work on this ticket. The number of tickets each person already has open helps spread the work."));

  self->staff = cd_tickets_workload (self->store, self->ticket->category_id, &error);
  if (self->staff == NULL)
    {
      show_toast (self, error->message);
      self->staff = g_ptr_array_new ();
      return;
    }

  add_row (self, 0, _("Unassigned"), _("Nobody works on it until someone takes it"), TRUE, 0, FALSE);
  for (guint i = 0; i < self->staff->len; i++)
    {
      CdStaffWorkload *w = g_ptr_array_index (self->staff, i);
      /* Translators: a role and a number of open tickets, e.g. "Rep · 4 open tickets" */
      g_autofree char *subtitle = g_strdup_printf (ngettext ("%s · %d open ticket", "%s · %d open tickets",
                                                             (gulong) w->open_count),
                                                   cd_role_label (w->role), (int) w->open_count);

      add_row (self, w->staff_id, w->display_name, subtitle, w->certified, w->certified_until, restricted);
    }

  cd_assign_dialog_select (self, self->ticket->assignee_id);
}

static void
cd_assign_dialog_dispose (GObject *object)
{
  CdAssignDialog *self = CD_ASSIGN_DIALOG (object);

  /* A save still waiting for the file's lock is given up. */
  g_cancellable_cancel (self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), CD_TYPE_ASSIGN_DIALOG);
  g_clear_object (&self->store);
  g_clear_pointer (&self->ticket, cd_ticket_free);
  g_clear_pointer (&self->staff, g_ptr_array_unref);
  g_clear_pointer (&self->requirement, g_free);
  g_clear_pointer (&self->checks, g_hash_table_unref);

  G_OBJECT_CLASS (cd_assign_dialog_parent_class)->dispose (object);
}

static void
cd_assign_dialog_finalize (GObject *object)
{
  CdAssignDialog *self = CD_ASSIGN_DIALOG (object);

  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (cd_assign_dialog_parent_class)->finalize (object);
}

static void
cd_assign_dialog_class_init (CdAssignDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cd_assign_dialog_dispose;
  object_class->finalize = cd_assign_dialog_finalize;

  /**
   * CdAssignDialog::assigned:
   * @staff_id: the new assignee, 0 for nobody
   */
  signals[SIGNAL_ASSIGNED] =
    g_signal_new ("assigned", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT64);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/tickets/cd-assign-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, CdAssignDialog, window_title);
  gtk_widget_class_bind_template_child (widget_class, CdAssignDialog, assign_button);
  gtk_widget_class_bind_template_child (widget_class, CdAssignDialog, saving_spinner);
  gtk_widget_class_bind_template_child (widget_class, CdAssignDialog, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, CdAssignDialog, requirement_label);
  gtk_widget_class_bind_template_child (widget_class, CdAssignDialog, staff_list);
  gtk_widget_class_bind_template_child (widget_class, CdAssignDialog, reason_revealer);
  gtk_widget_class_bind_template_child (widget_class, CdAssignDialog, reason_row);
  gtk_widget_class_bind_template_child (widget_class, CdAssignDialog, reason_error_label);
  gtk_widget_class_bind_template_callback (widget_class, on_reason_row_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_reason_row_entry_activated_cb);

  gtk_widget_class_install_action (widget_class, "assign.save", NULL, save_action_cb);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
cd_assign_dialog_init (CdAssignDialog *self)
{
  self->selected_id = -1;
  self->cancellable = g_cancellable_new ();
  self->checks = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
cd_assign_dialog_new (CdStore        *store,
                      const CdTicket *ticket)
{
  CdAssignDialog *self;
  g_autofree char *subtitle = NULL;

  g_return_val_if_fail (CD_IS_STORE (store), NULL);
  g_return_val_if_fail (ticket != NULL, NULL);

  self = g_object_new (CD_TYPE_ASSIGN_DIALOG, NULL);
  self->store = g_object_ref (store);
  self->ticket = cd_ticket_dup (ticket);
  subtitle = g_strdup_printf ("%s · %s", ticket->number, ticket->subject);
  adw_window_title_set_subtitle (self->window_title, subtitle);
  populate (self);
  update_state (self);
  return GTK_WIDGET (self);
}

gboolean
cd_assign_dialog_select (CdAssignDialog *self,
                         gint64          staff_id)
{
  GtkCheckButton *check;

  g_return_val_if_fail (CD_IS_ASSIGN_DIALOG (self), FALSE);

  check = g_hash_table_lookup (self->checks, &staff_id);
  if (check == NULL)
    return FALSE;
  gtk_check_button_set_active (check, TRUE);
  self->selected_id = staff_id;
  self->selected_certified = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (check), "certified"));
  update_state (self);
  return TRUE;
}

gboolean
cd_assign_dialog_needs_reason (CdAssignDialog *self)
{
  g_return_val_if_fail (CD_IS_ASSIGN_DIALOG (self), FALSE);
  return self->selected_id > 0 && !self->selected_certified &&
         self->selected_id != self->ticket->assignee_id;
}

GtkWidget *
cd_assign_dialog_get_reason_row (CdAssignDialog *self)
{
  g_return_val_if_fail (CD_IS_ASSIGN_DIALOG (self), NULL);
  return GTK_WIDGET (self->reason_row);
}
