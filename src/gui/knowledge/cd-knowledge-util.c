/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "caredesk-knowledge"

#include "config.h"

#include <glib/gi18n.h>

#include "cd-knowledge-util.h"

#define IDLE_CHILD_KEY "cd-knowledge-idle-child"

void
cd_knowledge_button_set_busy (GtkButton *button,
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
      GtkWidget *child = gtk_button_get_child (button);

      gtk_spinner_start (GTK_SPINNER (spinner));
      gtk_box_append (GTK_BOX (box), spinner);
      gtk_box_append (GTK_BOX (box), gtk_label_new (_("Saving…")));
      gtk_widget_set_halign (box, GTK_ALIGN_CENTER);
      g_object_set_data_full (G_OBJECT (button), IDLE_CHILD_KEY, g_object_ref (child), g_object_unref);
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

void
cd_knowledge_show_field_error (GtkWidget  *row,
                               GtkLabel   *label,
                               const char *message)
{
  g_return_if_fail (GTK_IS_WIDGET (row));
  g_return_if_fail (GTK_IS_LABEL (label));

  gtk_label_set_text (label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (label), message != NULL);
  if (message != NULL)
    gtk_widget_add_css_class (row, "error");
  else
    gtk_widget_remove_css_class (row, "error");
  if (message != NULL)
    gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, message, -1);
  else
    gtk_accessible_reset_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
}

char *
cd_knowledge_text_view_dup (GtkTextView *view)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (view);
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

static gboolean
destroy_window_cb (gpointer user_data)
{
  gtk_window_destroy (GTK_WINDOW (user_data));
  return G_SOURCE_REMOVE;
}

void
cd_knowledge_close_window_soon (GtkWindow *window)
{
  g_return_if_fail (GTK_IS_WINDOW (window));

  gtk_widget_set_visible (GTK_WIDGET (window), FALSE);
  g_idle_add_full (G_PRIORITY_HIGH_IDLE, destroy_window_cb, g_object_ref (window), g_object_unref);
}
