/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "caredesk-customers"

#include "config.h"

#include <glib/gi18n.h>

#include "cd-customers-util.h"
#include "cd-staff.h"

GtkStringList *
cd_customers_staff_choices (CdStore  *store,
                            gint64    include_id,
                            GArray   *ids,
                            GError  **error)
{
  g_autoptr(GPtrArray) members = NULL;
  GtkStringList *names;

  g_return_val_if_fail (CD_IS_STORE (store), NULL);
  g_return_val_if_fail (ids != NULL, NULL);

  members = cd_staff_list (store, 0, include_id, error);
  if (members == NULL)
    return NULL;

  names = gtk_string_list_new (NULL);
  for (guint i = 0; i < members->len; i++)
    {
      const CdStaffMember *member = g_ptr_array_index (members, i);

      g_array_append_val (ids, member->id);
      gtk_string_list_append (names, member->display_name != NULL ? member->display_name : "");
    }
  return names;
}

void
cd_customers_button_set_busy (GtkButton  *button,
                              const char *what)
{
  static GQuark idle_label_quark;
  const char *idle_label;

  g_return_if_fail (GTK_IS_BUTTON (button));

  if (idle_label_quark == 0)
    idle_label_quark = g_quark_from_static_string ("cd-customers-idle-label");
  idle_label = g_object_get_qdata (G_OBJECT (button), idle_label_quark);

  if (what != NULL)
    {
      GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
      GtkWidget *spinner = gtk_spinner_new ();

      if (idle_label == NULL)
        g_object_set_qdata_full (G_OBJECT (button), idle_label_quark,
                                 g_strdup (gtk_button_get_label (button)), g_free);
      gtk_spinner_start (GTK_SPINNER (spinner));
      gtk_box_append (GTK_BOX (box), spinner);
      gtk_box_append (GTK_BOX (box), gtk_label_new (what));
      gtk_widget_set_halign (box, GTK_ALIGN_CENTER);
      gtk_button_set_child (button, box);
      gtk_accessible_update_state (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_STATE_BUSY, TRUE, -1);
    }
  else if (idle_label != NULL)
    {
      g_autofree char *label = g_strdup (idle_label);

      g_object_set_qdata (G_OBJECT (button), idle_label_quark, NULL);
      gtk_button_set_label (button, label);
      gtk_button_set_use_underline (button, TRUE);
      gtk_accessible_reset_state (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_STATE_BUSY);
    }
}

void
cd_customers_show_error (GtkWidget    *widget,
                         const char   *heading,
                         const GError *error)
{
  GtkRoot *root;
  GtkWidget *dialog;

  g_return_if_fail (GTK_IS_WIDGET (widget));
  g_return_if_fail (heading != NULL);
  g_return_if_fail (error != NULL);

  root = gtk_widget_get_root (widget);
  dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                   heading, error->message);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "close");
  gtk_window_present (GTK_WINDOW (dialog));
}
