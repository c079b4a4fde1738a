/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "caredesk-tickets"

#include "config.h"

#include <glib/gi18n.h>

#include "cd-search-watch.h"
#include "cd-ticket-editor.h"
#include "cd-ticket-page.h"
#include "cd-tickets-util.h"
#include "cd-tickets-view-private.h"

/* Navigating the Tickets view: the queues, the search, opening a ticket
 * and New Ticket. */

static void
on_ticket_page_back_cb (CdTicketsView *self)
{
  cd_tickets_view_show_list (self);
}

/* The ticket page is made when first needed, not with the list: opening
 * the view then builds the list alone. It is kept and reused for every
 * ticket after that. */
GtkWidget *
_cd_tickets_view_ensure_ticket_page (CdTicketsView *self)
{
  if (self->ticket_page == NULL)
    {
      self->ticket_page = cd_ticket_page_new (self->store);
      g_signal_connect_object (self->ticket_page, "back", G_CALLBACK (on_ticket_page_back_cb),
                               self, G_CONNECT_SWAPPED);
      gtk_stack_add_named (self->main_stack, self->ticket_page, "ticket");
    }
  return self->ticket_page;
}

gboolean
_cd_tickets_view_prepare_ticket_page_cb (gpointer user_data)
{
  CdTicketsView *self = user_data;

  self->prepare_page_id = 0;
  _cd_tickets_view_ensure_ticket_page (self);
  return G_SOURCE_REMOVE;
}

static void
on_column_view_activate_cb (CdTicketsView *self,
                            guint          position)
{
  gint64 id = cd_row_model_get_id (self->model, position);

  if (id != 0)
    cd_tickets_view_open_ticket (self, id);
}

void
_cd_tickets_view_queue_list_row_selected_cb (GtkListBox    *list,
                               GtkListBoxRow *row,
                               CdTicketsView *self)
{
  if (row == NULL)
    return;
  cd_tickets_view_set_queue (self, gtk_list_box_row_get_index (row));
}

static void
on_queue_list_row_activated_cb (GtkListBox    *list,
                                GtkListBoxRow *row,
                                CdTicketsView *self)
{
  cd_tickets_view_set_queue (self, gtk_list_box_row_get_index (row));
  adw_leaflet_set_visible_child (self->leaflet, self->list_pane);
  gtk_widget_grab_focus (GTK_WIDGET (self->column_view));
}

static void
on_queues_button_clicked_cb (CdTicketsView *self)
{
  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_BACK);
  gtk_widget_grab_focus (GTK_WIDGET (self->queue_list));
}

static void
on_leaflet_folded_cb (CdTicketsView *self)
{
  gtk_widget_set_visible (self->queues_button, adw_leaflet_get_folded (self->leaflet));
}

static void
apply_search_cb (gpointer owner)
{
  CdTicketsView *self = CD_TICKETS_VIEW (owner);

  cd_tickets_view_set_search (self, gtk_editable_get_text (GTK_EDITABLE (self->search_entry)));
}

void
_cd_tickets_view_watch_search (CdTicketsView *self)
{
  cd_search_watch (self->search_entry, G_OBJECT (self), apply_search_cb);
}

static void
on_search_entry_activate_cb (CdTicketsView *self)
{
  /* Enter on a ticket number opens it. */
  cd_search_watch_flush (self->search_entry);
  if (cd_row_model_get_n_matches (self->model) == 1)
    on_column_view_activate_cb (self, 0);
  else
    gtk_widget_grab_focus (GTK_WIDGET (self->column_view));
}

static void
on_search_entry_stop_search_cb (CdTicketsView *self)
{
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  cd_tickets_view_set_search (self, NULL);
  gtk_widget_grab_focus (GTK_WIDGET (self->column_view));
}

static void
on_editor_saved_cb (CdTicketEditor *editor,
                    gint64          id,
                    CdTicketsView  *self)
{
  cd_tickets_view_open_ticket (self, id);
}

static void
new_action_cb (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  CdTicketsView *self = CD_TICKETS_VIEW (widget);
  GtkWidget *editor = cd_ticket_editor_new (self->store, 0);

  g_signal_connect_object (editor, "saved", G_CALLBACK (on_editor_saved_cb), self, 0);
  gtk_window_set_transient_for (GTK_WINDOW (editor), cd_tickets_get_window (widget));
  gtk_window_present (GTK_WINDOW (editor));
}

void
cd_tickets_view_set_search (CdTicketsView *self,
                            const char    *text)
{
  g_autofree char *trimmed = NULL;

  g_return_if_fail (CD_IS_TICKETS_VIEW (self));

  trimmed = g_strstrip (g_strdup (text != NULL ? text : ""));
  if (*trimmed == '\0')
    g_clear_pointer (&trimmed, g_free);
  if (g_strcmp0 (trimmed, self->search) == 0)
    return;
  g_free (self->search);
  self->search = g_steal_pointer (&trimmed);

  if (g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (self->search_entry)), text != NULL ? text : "") != 0)
    gtk_editable_set_text (GTK_EDITABLE (self->search_entry), text != NULL ? text : "");
  /* What the entry reports of that change is applied already. */
  cd_search_watch_sync (self->search_entry);
  _cd_tickets_view_apply_query (self);
}

void
cd_tickets_view_open_ticket (CdTicketsView *self,
                             gint64         id)
{
  g_return_if_fail (CD_IS_TICKETS_VIEW (self));

  cd_ticket_page_set_ticket (CD_TICKET_PAGE (_cd_tickets_view_ensure_ticket_page (self)), id);
  gtk_stack_set_visible_child_name (self->main_stack, "ticket");
  gtk_widget_grab_focus (self->ticket_page);
}

void
cd_tickets_view_show_list (CdTicketsView *self)
{
  g_return_if_fail (CD_IS_TICKETS_VIEW (self));

  if (self->ticket_page != NULL)
    cd_ticket_page_set_ticket (CD_TICKET_PAGE (self->ticket_page), 0);
  gtk_stack_set_visible_child_name (self->main_stack, "browse");
  adw_leaflet_set_visible_child (self->leaflet, self->list_pane);
  gtk_widget_grab_focus (GTK_WIDGET (self->column_view));
}

gboolean
cd_tickets_view_is_ticket_shown (CdTicketsView *self)
{
  g_return_val_if_fail (CD_IS_TICKETS_VIEW (self), FALSE);
  return g_strcmp0 (gtk_stack_get_visible_child_name (self->main_stack), "ticket") == 0;
}

GtkWidget *
cd_tickets_view_get_ticket_page (CdTicketsView *self)
{
  g_return_val_if_fail (CD_IS_TICKETS_VIEW (self), NULL);
  return _cd_tickets_view_ensure_ticket_page (self);
}

void
_cd_tickets_view_class_actions_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_bind_template_callback (widget_class, on_leaflet_folded_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_queue_list_row_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_queues_button_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_search_entry_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_search_entry_stop_search_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_column_view_activate_cb);

  gtk_widget_class_install_action (widget_class, "tickets.new", NULL, new_action_cb);
}
