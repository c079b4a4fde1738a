/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "caredesk-customers"

#include "config.h"

#include <glib/gi18n.h>

#include "cd-customer-editor.h"
#include "cd-import-dialog.h"
#include "cd-customers-util.h"
#include "cd-customers-view-private.h"
#include "cd-file-chooser.h"
#include "cd-ticket-editor.h"

/* Browsing ---------------------------------------------------------------------- */

static void
clear_filters_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  CdCustomersView *self = CD_CUSTOMERS_VIEW (widget);

  self->updating_filters = TRUE;
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  gtk_drop_down_set_selected (self->tier_dropdown, 0);
  gtk_drop_down_set_selected (self->owner_dropdown, OWNER_ANYONE);
  gtk_toggle_button_set_active (self->archived_button, FALSE);
  self->updating_filters = FALSE;

  _cd_customers_view_apply_filters (self);
}

static void
open_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  gint64 id = g_variant_get_int64 (parameter);

  if (id > 0)
    cd_customers_view_open_customer (CD_CUSTOMERS_VIEW (widget), id);
}

static void
back_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  CdCustomersView *self = CD_CUSTOMERS_VIEW (widget);

  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_BACK);
  gtk_widget_grab_focus (GTK_WIDGET (self->column_view));
}

/* Editing ------------------------------------------------------------------------- */

static void
show_toast (CdCustomersView *self,
            const char      *title)
{
  AdwToast *toast = adw_toast_new (title);

  adw_toast_set_timeout (toast, 5);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

static void
on_editor_saved_cb (CdCustomerEditor *editor,
                    gint64            id,
                    CdCustomersView  *self)
{
  /* Shows what was just saved (or what a merge kept). */
  cd_customers_view_open_customer (self, id);
}

static void
on_editor_open_customer_cb (CdCustomerEditor *editor,
                            gint64            id,
                            CdCustomersView  *self)
{
  cd_customers_view_open_customer (self, id);
}

static void
on_editor_archived_cb (CdCustomerEditor *editor,
                       gint64            id,
                       CdCustomersView  *self)
{
  g_autoptr(CdCustomer) customer = cd_customer_load (self->store, id, NULL);
  g_autofree char *title = NULL;
  AdwToast *toast;

  /* Translators: %s is a customer's name */
  title = g_strdup_printf (_("“%s” archived"), customer != NULL ? customer->name : "");
  toast = adw_toast_new (title);
  adw_toast_set_button_label (toast, _("_Undo"));
  adw_toast_set_action_name (toast, "customers.restore");
  adw_toast_set_action_target_value (toast, g_variant_new_int64 (id));
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

static void
on_editor_deleted_cb (CdCustomerEditor *editor,
                      gint64            id,
                      CdCustomersView  *self)
{
  if (id != 0 && _cd_customers_view_get_shown_id (self) == id)
    {
      cd_customer_page_load (self->customer_page, 0, NULL);
      if (adw_leaflet_get_folded (self->leaflet))
        adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_BACK);
      gtk_widget_action_set_enabled (GTK_WIDGET (self), "customers.edit-shown", FALSE);
    }
  show_toast (self, _("Customer deleted"));
}

static void
on_editor_destroy_cb (GtkWidget       *editor,
                      CdCustomersView *self)
{
  GHashTableIter iter;
  gpointer value;

  g_hash_table_iter_init (&iter, self->editors);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    if (value == editor)
      g_hash_table_iter_remove (&iter);
}

/* One editor per customer (and one for a new customer): asking again
 * brings the open one up. */
static CdCustomerEditor *
open_editor (CdCustomersView *self,
             gint64           id)
{
  CdCustomerEditor *editor = g_hash_table_lookup (self->editors, &id);
  GtkRoot *root;

  /* A closed window lingers while a dialog of it still holds it. */
  if (editor != NULL && !gtk_widget_get_visible (GTK_WIDGET (editor)))
    {
      g_hash_table_remove (self->editors, &id);
      editor = NULL;
    }

  if (editor == NULL)
    {
      editor = cd_customer_editor_new (self->store, id);
      root = gtk_widget_get_root (GTK_WIDGET (self));
      if (GTK_IS_WINDOW (root))
        gtk_window_set_transient_for (GTK_WINDOW (editor), GTK_WINDOW (root));
      g_signal_connect_object (editor, "saved", G_CALLBACK (on_editor_saved_cb), self, 0);
      g_signal_connect_object (editor, "open-customer", G_CALLBACK (on_editor_open_customer_cb), self, 0);
      g_signal_connect_object (editor, "archived", G_CALLBACK (on_editor_archived_cb), self, 0);
      g_signal_connect_object (editor, "deleted", G_CALLBACK (on_editor_deleted_cb), self, 0);
      g_signal_connect_object (editor, "destroy", G_CALLBACK (on_editor_destroy_cb), self, 0);
      g_hash_table_insert (self->editors, g_memdup2 (&id, sizeof id), editor);
    }

  gtk_window_present (GTK_WINDOW (editor));
  return editor;
}

static void
new_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  open_editor (CD_CUSTOMERS_VIEW (widget), 0);
}

static void
edit_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  gint64 id = g_variant_get_int64 (parameter);

  if (id > 0)
    open_editor (CD_CUSTOMERS_VIEW (widget), id);
}

static void
edit_shown_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  CdCustomersView *self = CD_CUSTOMERS_VIEW (widget);
  gint64 id = _cd_customers_view_get_shown_id (self);

  if (id == 0 && !_cd_customers_view_page_shown (self))
    {
      guint position = gtk_single_selection_get_selected (self->selection);
      if (position != GTK_INVALID_LIST_POSITION)
        id = cd_row_model_get_id (self->model, position);
    }
  if (id > 0)
    open_editor (self, id);
}

static void
on_ticket_editor_saved_cb (GtkWidget       *editor,
                           gint64           ticket_id,
                           CdCustomersView *self)
{
  /* As New Ticket in the Tickets view: the new ticket is shown. */
  gtk_widget_activate_action (GTK_WIDGET (self), "shell.open-ticket", "x", ticket_id);
}

static void
new_ticket_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  CdCustomersView *self = CD_CUSTOMERS_VIEW (widget);
  gint64 id = _cd_customers_view_get_shown_id (self);
  g_autoptr(GError) error = NULL;
  g_autoptr(CdCustomer) customer = NULL;
  GtkWidget *editor;
  GtkRoot *root;

  if (id == 0)
    return;
  customer = cd_customer_load (self->store, id, &error);
  if (customer == NULL)
    {
      show_toast (self, error->message);
      return;
    }

  editor = cd_ticket_editor_new (self->store, 0);
  cd_ticket_editor_set_customer (CD_TICKET_EDITOR (editor), id, customer->name);
  g_signal_connect_object (editor, "saved", G_CALLBACK (on_ticket_editor_saved_cb), self, 0);
  root = gtk_widget_get_root (widget);
  if (GTK_IS_WINDOW (root))
    gtk_window_set_transient_for (GTK_WINDOW (editor), GTK_WINDOW (root));
  gtk_window_present (GTK_WINDOW (editor));
}

/* Undoing an archive, from the toast: on the store's write lane. */
static gboolean
restore_job (CdStore       *store,
             gpointer       data,
             GCancellable  *cancellable,
             GError       **error)
{
  gint64 id = *(gint64 *) data;
  gint64 version = cd_customer_get_version (store, id, error);

  return version > 0 && cd_customer_set_archived (store, id, version, FALSE, error);
}

static void
restore_done_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(CdCustomersView) self = user_data;
  g_autoptr(GError) error = NULL;

  /* The list and the page follow the change by themselves. */
  if (!cd_store_run_finish (CD_STORE (source), result, &error) &&
      self->store != NULL && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    cd_customers_show_error (GTK_WIDGET (self), _("Could Not Restore the Customer"), error);

  if (self->store != NULL)
    gtk_widget_action_set_enabled (GTK_WIDGET (self), "customers.restore", TRUE);
}

static void
restore_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  CdCustomersView *self = CD_CUSTOMERS_VIEW (widget);
  gint64 id = g_variant_get_int64 (parameter);

  if (id <= 0)
    return;
  /* One undo at a time: the toast's button cannot start it twice. */
  gtk_widget_action_set_enabled (widget, "customers.restore", FALSE);
  cd_store_run_async (self->store, CD_STORE_LANE_WRITE, restore_job, g_memdup2 (&id, sizeof id), g_free,
                      self->cancellable, restore_done_cb, g_object_ref (self));
}

/* Import and export ------------------------------------------------------------------ */

static void
on_import_dialog_imported_cb (CdImportDialog   *dialog,
                              guint             n_imported,
                              CdCustomersView  *self)
{
  g_autofree char *title =
    g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Imported %'u customer", "Imported %'u customers", n_imported),
                     n_imported);

  show_toast (self, title);
}

static void
import_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  CdCustomersView *self = CD_CUSTOMERS_VIEW (widget);
  CdImportDialog *dialog = cd_import_dialog_new (self->store, cd_customers_import_kind (), 0);
  GtkRoot *root = gtk_widget_get_root (widget);

  if (GTK_IS_WINDOW (root))
    gtk_window_set_transient_for (GTK_WINDOW (dialog), GTK_WINDOW (root));
  g_signal_connect_object (dialog, "imported", G_CALLBACK (on_import_dialog_imported_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
export_done_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(CdCustomersView) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *title = NULL;
  gint64 n;

  n = cd_customers_export_finish (CD_STORE (source), result, &error);
  if (self->store == NULL)
    return;

  _cd_customers_view_update_state (self);
  if (n < 0)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        cd_customers_show_error (GTK_WIDGET (self), _("Could Not Export the Customers"), error);
      return;
    }

  title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Exported %'u customer", "Exported %'u customers",
                                        (gulong) n),
                           (guint) n);
  show_toast (self, title);
}

static void
on_export_chosen_cb (GObject      *source,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(CdCustomersView) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = cd_file_chooser_choose_finish (result, &error);
  g_autofree char *path = NULL;

  g_clear_object (&self->export_choosing);
  if (file == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        cd_customers_show_error (GTK_WIDGET (self), _("Could Not Export the Customers"), error);
      return;
    }

  path = g_file_get_path (file);
  if (path == NULL)
    {
      g_autoptr(GError) local_error =
        g_error_new_literal (G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                             _("Caredesk can only export to a file on this computer or a mounted share. "
                               "Choose another place."));
      cd_customers_show_error (GTK_WIDGET (self), _("Could Not Export the Customers"), local_error);
      return;
    }

  cd_customers_view_export (self, path);
}

static void
export_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  CdCustomersView *self = CD_CUSTOMERS_VIEW (widget);
  const CdFileChooserFilter filters[] = { { _("CSV files"), "*.csv;*.CSV" } };
  GtkRoot *root = gtk_widget_get_root (widget);
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *date = g_date_time_format (now, "%Y-%m-%d");
  g_autofree char *name = NULL;

  if (self->export_choosing != NULL)
    return;

  /* Translators: the suggested file name of an export; %s is today's date */
  name = g_strdup_printf (_("customers-%s.csv"), date);
  self->export_choosing = g_cancellable_new ();
  cd_file_chooser_choose_async (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, CD_FILE_CHOOSER_SAVE,
                                _("Export Customers"), _("_Export"), NULL, name,
                                filters, G_N_ELEMENTS (filters), self->export_choosing,
                                on_export_chosen_cb, g_object_ref (self));
}

void
cd_customers_view_export (CdCustomersView *self,
                          const char      *path)
{
  g_return_if_fail (CD_IS_CUSTOMERS_VIEW (self));
  g_return_if_fail (path != NULL);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "customers.export", FALSE);
  cd_customers_export_async (self->store, &self->filter, path, self->cancellable,
                             export_done_cb, g_object_ref (self));
}

/* Actions ------------------------------------------------------------------------------ */

void
_cd_customers_view_class_actions_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "customers.new", NULL, new_action);
  gtk_widget_class_install_action (widget_class, "customers.import", NULL, import_action);
  gtk_widget_class_install_action (widget_class, "customers.export", NULL, export_action);
  gtk_widget_class_install_action (widget_class, "customers.open", "x", open_action);
  gtk_widget_class_install_action (widget_class, "customers.edit", "x", edit_action);
  gtk_widget_class_install_action (widget_class, "customers.edit-shown", NULL, edit_shown_action);
  gtk_widget_class_install_action (widget_class, "customers.new-ticket", NULL, new_ticket_action);
  gtk_widget_class_install_action (widget_class, "customers.restore", "x", restore_action);
  gtk_widget_class_install_action (widget_class, "customers.back", NULL, back_action);
  gtk_widget_class_install_action (widget_class, "customers.clear-filters", NULL, clear_filters_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Left, GDK_ALT_MASK, "customers.back", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "customers.back", NULL);
}

void
_cd_customers_view_actions_dispose (CdCustomersView *self)
{
  if (self->editors != NULL)
    {
      g_autoptr(GList) editors = g_hash_table_get_values (self->editors);

      g_hash_table_remove_all (self->editors);
      for (GList *l = editors; l != NULL; l = l->next)
        {
          g_signal_handlers_disconnect_by_data (l->data, self);
          gtk_window_destroy (GTK_WINDOW (l->data));
        }
    }

  if (self->export_choosing != NULL)
    g_cancellable_cancel (self->export_choosing);
  g_clear_object (&self->export_choosing);
}
