/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "caredesk-tickets"

#include "config.h"

#include <glib/gi18n.h>

#include "cd-tickets-view-private.h"

/* The queues in the sidebar and how many tickets each holds, counted on
 * the store's read worker. */

static void
update_count_label (CdTicketsView *self,
                    CdTicketQueue  queue)
{
  g_autofree char *text = NULL;
  g_autofree char *accessible = NULL;

  if (self->counts[queue] < 0)
    text = g_strdup ("");
  else
    text = g_strdup_printf ("%'" G_GINT64_FORMAT, self->counts[queue]);
  gtk_label_set_text (self->count_labels[queue], text);

  if (self->counts[queue] >= 0)
    /* Translators: a queue's name and how many tickets it holds */
    accessible = g_strdup_printf (ngettext ("%s, %d ticket", "%s, %d tickets", (gulong) self->counts[queue]),
                                  cd_ticket_queue_label (queue), (int) MIN (self->counts[queue], G_MAXINT));
  else
    accessible = g_strdup (cd_ticket_queue_label (queue));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->queue_rows[queue]),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, accessible, -1);

  gtk_widget_remove_css_class (GTK_WIDGET (self->count_labels[queue]), "error");
  gtk_widget_remove_css_class (GTK_WIDGET (self->count_labels[queue]), "warning");
  if (queue == CD_TICKET_QUEUE_BREACHED && self->counts[queue] > 0)
    gtk_widget_add_css_class (GTK_WIDGET (self->count_labels[queue]), "error");
  else if (queue == CD_TICKET_QUEUE_AT_RISK && self->counts[queue] > 0)
    gtk_widget_add_css_class (GTK_WIDGET (self->count_labels[queue]), "warning");
}

static void
apply_counts (CdTicketsView *self,
              const gint64   counts[CD_TICKET_N_QUEUES])
{
  for (guint q = 0; q < CD_TICKET_N_QUEUES; q++)
    {
      self->counts[q] = counts[q];
      update_count_label (self, q);
    }
  cd_tickets_list_set_counts (self->model, counts);
}

static void
counts_done_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(CdTicketsView) self = user_data;
  g_autoptr(GError) error = NULL;
  gint64 counts[CD_TICKET_N_QUEUES];

  self->counts_running = FALSE;
  if (!cd_tickets_count_queues_finish (CD_STORE (source), result, counts, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_warning ("Could not count the tickets in each queue: %s", error->message);
      return;
    }
  if (self->store == NULL)
    return;
  apply_counts (self, counts);
  if (self->counts_dirty)
    _cd_tickets_view_request_counts (self);
}

void
_cd_tickets_view_stop_watching_paint (CdTicketsView *self)
{
  if (self->paint_clock != NULL)
    g_clear_signal_handler (&self->paint_id, self->paint_clock);
  g_clear_object (&self->paint_clock);
}

/* Counting a million tickets takes tens of milliseconds: the store's
 * read worker does it on its own connection so the list never waits. */
static void
run_counts (CdTicketsView *self)
{
  cd_tickets_count_queues_async (self->store, self->counts_cancellable, counts_done_cb, g_object_ref (self));
}

static void
on_first_paint_cb (GdkFrameClock *clock,
                   CdTicketsView *self)
{
  _cd_tickets_view_stop_watching_paint (self);
  if (self->counts_waiting)
    {
      self->counts_waiting = FALSE;
      run_counts (self);
    }
}

/* Runs the waiting count after the next frame; a view not on screen yet
 * starts watching when it is mapped. */
void
_cd_tickets_view_watch_first_paint (CdTicketsView *self)
{
  GdkFrameClock *clock;

  if (self->paint_id != 0 || !gtk_widget_get_mapped (GTK_WIDGET (self)))
    return;
  clock = gtk_widget_get_frame_clock (GTK_WIDGET (self));
  if (clock == NULL)
    {
      on_first_paint_cb (NULL, self);
      return;
    }
  self->paint_clock = g_object_ref (clock);
  self->paint_id = g_signal_connect (clock, "after-paint", G_CALLBACK (on_first_paint_cb), self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
start_counts (CdTicketsView *self)
{
  self->counts_dirty = FALSE;
  self->counts_running = TRUE;
  if (self->counts_started_us == 0 || self->counts_waiting)
    {
      /* The first count waits for the view's first frame: on a small
       * machine the worker would otherwise compete with drawing it. */
      self->counts_waiting = TRUE;
      _cd_tickets_view_watch_first_paint (self);
    }
  else
    run_counts (self);
  self->counts_started_us = g_get_monotonic_time ();
}

static gboolean
counts_timeout_cb (gpointer user_data)
{
  CdTicketsView *self = user_data;

  self->counts_timeout_id = 0;
  _cd_tickets_view_request_counts (self);
  return G_SOURCE_REMOVE;
}

/* At most one count at a time and one start per interval: a busy file
 * (others typing drafts, heartbeats) never piles up work. */
void
_cd_tickets_view_request_counts (CdTicketsView *self)
{
  gint64 since_ms;

  if (self->counts_running)
    {
      self->counts_dirty = TRUE;
      return;
    }
  if (self->counts_timeout_id != 0)
    return;

  since_ms = (g_get_monotonic_time () - self->counts_started_us) / 1000;
  if (self->counts_started_us != 0 && since_ms < CD_TICKETS_VIEW_REFRESH_INTERVAL_MS)
    {
      self->counts_timeout_id = g_timeout_add ((guint) (CD_TICKETS_VIEW_REFRESH_INTERVAL_MS - since_ms),
                                               counts_timeout_cb, self);
      return;
    }
  start_counts (self);
}

gboolean
cd_tickets_view_count_now (CdTicketsView  *self,
                           GError        **error)
{
  gint64 counts[CD_TICKET_N_QUEUES];

  g_return_val_if_fail (CD_IS_TICKETS_VIEW (self), FALSE);

  if (!cd_tickets_queue_counts (self->store, counts, error))
    return FALSE;
  apply_counts (self, counts);
  return TRUE;
}

void
_cd_tickets_view_build_queue_rows (CdTicketsView *self)
{
  static const char *icons[CD_TICKET_N_QUEUES] = {
    "avatar-default-symbolic",
    "system-users-symbolic",
    "alarm-symbolic",
    "dialog-warning-symbolic",
    "mail-unread-symbolic",
    "mail-send-symbolic",
    "mail-reply-sender-symbolic",
    "emblem-ok-symbolic",
    "changes-prevent-symbolic",
    "view-list-symbolic",
  };

  for (guint q = 0; q < CD_TICKET_N_QUEUES; q++)
    {
      GtkWidget *row = gtk_list_box_row_new ();
      GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 10);
      GtkWidget *icon = gtk_image_new_from_icon_name (icons[q]);
      GtkWidget *label = gtk_label_new (cd_ticket_queue_label (q));
      GtkWidget *count = gtk_label_new (NULL);

      gtk_accessible_update_property (GTK_ACCESSIBLE (icon), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      cd_ticket_queue_label (q), -1);
      gtk_box_append (GTK_BOX (box), icon);
      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
      gtk_widget_set_hexpand (label, TRUE);
      gtk_box_append (GTK_BOX (box), label);
      gtk_widget_add_css_class (count, "dim-label");
      gtk_widget_add_css_class (count, "numeric");
      gtk_box_append (GTK_BOX (box), count);
      gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
      gtk_list_box_append (self->queue_list, row);

      /* A line between "my work" queues and the status queues. */
      if (q == CD_TICKET_QUEUE_BREACHED || q == CD_TICKET_QUEUE_STATUS_CLOSED)
        gtk_widget_set_margin_bottom (row, 12);

      self->queue_rows[q] = row;
      self->count_labels[q] = GTK_LABEL (count);
      self->counts[q] = -1;
      update_count_label (self, q);
    }
}
