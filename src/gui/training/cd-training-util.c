/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "caredesk-training"

#include "config.h"

#include <glib/gi18n.h>

#include "cd-staff.h"
#include "cd-training-util.h"

void
cd_training_show_error (GtkWidget    *widget,
                        const char   *heading,
                        const GError *error)
{
  GtkRoot *root;
  GtkWidget *dialog;

  g_return_if_fail (GTK_IS_WIDGET (widget));
  g_return_if_fail (heading != NULL && error != NULL);

  root = gtk_widget_get_root (widget);
  dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, heading, error->message);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "close");
  gtk_window_present (GTK_WINDOW (dialog));
}

void
cd_training_toast (GtkWidget  *widget,
                   const char *text)
{
  GtkWidget *overlay = gtk_widget_get_ancestor (widget, ADW_TYPE_TOAST_OVERLAY);

  if (overlay == NULL)
    {
      g_message ("%s", text);
      return;
    }
  adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), adw_toast_new (text));
}

void
cd_training_button_set_busy (GtkButton  *button,
                             const char *what)
{
  const char *label_key = "cd-training-label";

  if (what != NULL)
    {
      GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
      GtkWidget *spinner = gtk_spinner_new ();

      if (g_object_get_data (G_OBJECT (button), label_key) == NULL)
        g_object_set_data_full (G_OBJECT (button), label_key,
                                g_strdup (gtk_button_get_label (button)), g_free);
      gtk_spinner_start (GTK_SPINNER (spinner));
      gtk_box_append (GTK_BOX (box), spinner);
      gtk_box_append (GTK_BOX (box), gtk_label_new (what));
      gtk_button_set_child (button, box);
    }
  else
    {
      const char *label = g_object_get_data (G_OBJECT (button), label_key);

      if (label != NULL)
        {
          gtk_button_set_label (button, label);
          gtk_button_set_use_underline (button, TRUE);
          g_object_set_data (G_OBJECT (button), label_key, NULL);
        }
    }
}

void
cd_training_present (GtkWidget *widget,
                     GtkWidget *window)
{
  GtkRoot *root;

  g_return_if_fail (GTK_IS_WIDGET (widget));
  g_return_if_fail (GTK_IS_WINDOW (window));

  root = gtk_widget_get_root (widget);
  if (GTK_IS_WINDOW (root))
    gtk_window_set_transient_for (GTK_WINDOW (window), GTK_WINDOW (root));
  gtk_window_present (GTK_WINDOW (window));
}

GtkStringList *
cd_training_staff_choices (CdStore  *store,
                           guint     roles,
                           GArray   *ids,
                           GError  **error)
{
  g_autoptr(GPtrArray) staff = cd_staff_list (store, roles, 0, error);
  GtkStringList *list;

  if (staff == NULL)
    return NULL;
  list = gtk_string_list_new (NULL);
  for (guint i = 0; i < staff->len; i++)
    {
      CdStaffMember *member = g_ptr_array_index (staff, i);

      gtk_string_list_append (list, member->display_name);
      if (ids != NULL)
        g_array_append_val (ids, member->id);
    }
  return list;
}

guint
cd_training_position_of (GArray *ids,
                         gint64  id,
                         guint   fallback)
{
  for (guint i = 0; i < ids->len; i++)
    if (g_array_index (ids, gint64, i) == id)
      return i;
  return fallback;
}

guint
cd_training_position_of_int (GArray *values,
                             int     value,
                             guint   fallback)
{
  for (guint i = 0; i < values->len; i++)
    if (g_array_index (values, int, i) == value)
      return i;
  return fallback;
}

const char *
cd_training_cert_css (CdCertStatus status)
{
  switch (status)
    {
    case CD_CERT_ACTIVE:   return "success";
    case CD_CERT_EXPIRING: return "warning";
    case CD_CERT_EXPIRED:  return "error";
    case CD_CERT_REVOKED:
    default:               return "dim-label";
    }
}

const char *
cd_training_plan_css (CdPlanStatus status)
{
  switch (status)
    {
    case CD_PLAN_LATE: return "error";
    case CD_PLAN_DONE: return "success";
    case CD_PLAN_DUE:
    default:           return NULL;
    }
}

const char *
cd_training_role_text (const char *nick)
{
  int role = cd_role_from_nick (nick);

  return role >= 0 ? cd_role_label ((CdRole) role) : "";
}

char *
cd_training_format_number (double value)
{
  return g_strdup_printf ("%g", value);
}

void
cd_training_unparent_children (GtkWidget *widget)
{
  GtkWidget *child;

  g_return_if_fail (GTK_IS_WIDGET (widget));

  while ((child = gtk_widget_get_first_child (widget)) != NULL)
    gtk_widget_unparent (child);
}
