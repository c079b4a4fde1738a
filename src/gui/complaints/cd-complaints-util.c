/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "caredesk-complaints"

#include "config.h"

#include <glib/gi18n.h>

#include "cd-complaints-util.h"
#include "cd-staff.h"

const char *
cd_followup_method_icon_name (CdFollowupMethod method)
{
  switch (method)
    {
    case CD_METHOD_PHONE:
      return "call-start-symbolic";
    case CD_METHOD_EMAIL:
      return "mail-unread-symbolic";
    case CD_METHOD_VISIT:
      return "find-location-symbolic";
    case CD_METHOD_MESSAGE:
      return "chat-message-new-symbolic";
    default:
      return "call-start-symbolic";
    }
}

gboolean
cd_complaints_load_staff (CdStore        *store,
                          gint64          include_id,
                          GtkStringList  *names,
                          GArray         *ids,
                          GError        **error)
{
  g_autoptr(GPtrArray) members = NULL;

  g_return_val_if_fail (CD_IS_STORE (store), FALSE);
  g_return_val_if_fail (GTK_IS_STRING_LIST (names), FALSE);
  g_return_val_if_fail (ids != NULL, FALSE);

  members = cd_staff_list (store, 0, include_id, error);
  if (members == NULL)
    return FALSE;

  for (guint i = 0; i < members->len; i++)
    {
      const CdStaffMember *member = g_ptr_array_index (members, i);

      g_array_append_val (ids, member->id);
      gtk_string_list_append (names, member->display_name != NULL ? member->display_name : "");
    }

  return TRUE;
}

guint
cd_complaints_find_id (GArray *ids,
                       gint64  id)
{
  for (guint i = 0; i < ids->len; i++)
    if (g_array_index (ids, gint64, i) == id)
      return i;
  return GTK_INVALID_LIST_POSITION;
}

char *
cd_complaints_dup_trimmed (const char *text)
{
  g_autofree char *copy = NULL;

  if (text == NULL)
    return NULL;
  copy = g_strstrip (g_strdup (text));
  if (copy[0] == '\0')
    return NULL;
  return g_steal_pointer (&copy);
}

#define IDLE_CHILD_KEY "cd-complaints-idle-child"

void
cd_complaints_button_set_busy (GtkButton *button,
                               gboolean   busy)
{
  GtkWidget *idle;

  g_return_if_fail (GTK_IS_BUTTON (button));

  idle = g_object_get_data (G_OBJECT (button), IDLE_CHILD_KEY);
  if (busy == (idle != NULL))
    return;

  if (busy)
    {
      GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
      GtkWidget *spinner = gtk_spinner_new ();
      GtkWidget *label = gtk_label_new (_("Saving…"));
      GtkWidget *child = gtk_button_get_child (button);

      gtk_spinner_start (GTK_SPINNER (spinner));
      gtk_box_append (GTK_BOX (box), spinner);
      gtk_box_append (GTK_BOX (box), label);
      gtk_widget_set_halign (box, GTK_ALIGN_CENTER);
      g_object_set_data_full (G_OBJECT (button), IDLE_CHILD_KEY,
                              child != NULL ? g_object_ref (child) : g_object_ref_sink (gtk_label_new (NULL)),
                              g_object_unref);
      gtk_button_set_child (button, box);
      gtk_widget_set_sensitive (GTK_WIDGET (button), FALSE);
    }
  else
    {
      g_object_ref (idle);
      g_object_set_data (G_OBJECT (button), IDLE_CHILD_KEY, NULL);
      gtk_button_set_child (button, idle);
      g_object_unref (idle);
      gtk_widget_set_sensitive (GTK_WIDGET (button), TRUE);
    }
}

gboolean
cd_complaints_button_is_busy (GtkButton *button)
{
  g_return_val_if_fail (GTK_IS_BUTTON (button), FALSE);

  return g_object_get_data (G_OBJECT (button), IDLE_CHILD_KEY) != NULL;
}

static gboolean
destroy_window_cb (gpointer user_data)
{
  gtk_window_destroy (GTK_WINDOW (user_data));
  return G_SOURCE_REMOVE;
}

void
cd_complaints_close_window_soon (GtkWindow *window)
{
  g_return_if_fail (GTK_IS_WINDOW (window));

  gtk_widget_set_visible (GTK_WIDGET (window), FALSE);
  g_idle_add_full (G_PRIORITY_HIGH_IDLE, destroy_window_cb, g_object_ref (window), g_object_unref);
}
