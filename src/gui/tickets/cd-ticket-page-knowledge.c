/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "caredesk-tickets"

#include "config.h"

#include <glib/gi18n.h>

#include "cd-article-picker.h"
#include "cd-datetime.h"
#include "cd-knowledge.h"
#include "cd-knowledge-write.h"
#include "cd-reply-picker.h"
#include "cd-ticket-page-private.h"

/* The knowledge base on the ticket page: canned replies put into the
 * note being written, with the ticket's values in their placeholders,
 * and articles linked to the ticket, which show on its timeline. */

static void
on_reply_chosen_cb (CdTicketPage *self,
                    const char   *text,
                    GtkWidget    *picker)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->composer_view);

  gtk_text_buffer_begin_user_action (buffer);
  gtk_text_buffer_delete_selection (buffer, TRUE, TRUE);
  gtk_text_buffer_insert_at_cursor (buffer, text, -1);
  gtk_text_buffer_end_user_action (buffer);
  gtk_widget_grab_focus (GTK_WIDGET (self->composer_view));
}

static void
linked_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(CdTicketPage) self = user_data;
  g_autoptr(GError) error = NULL;
  CdKnowledgeWrite *write = cd_knowledge_write_finish (CD_STORE (source), result, &error);

  if (self->store == NULL)
    return;
  if (write == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        _cd_ticket_page_show_toast (self, error->message);
      return;
    }
  /* The timeline shows the link when the change is told; on a page of
   * another ticket by now, nothing more to do. */
}

static void
on_article_chosen_cb (CdTicketPage *self,
                      gint64        article_id,
                      const char   *title,
                      GtkWidget    *picker)
{
  CdKnowledgeWrite *write;

  if (self->ticket == NULL)
    return;
  write = cd_knowledge_write_new (CD_KNOWLEDGE_WRITE_LINK, article_id);
  write->entity = g_strdup (CD_ARTICLE_LINK_TICKET);
  write->entity_id = self->ticket_id;
  cd_knowledge_write_start (self->store, write, self->cancellable, linked_cb, g_object_ref (self));
}

void
_cd_ticket_page_knowledge_init (CdTicketPage *self)
{
  GtkWidget *replies = cd_reply_picker_new (self->store);
  GtkWidget *articles = cd_article_picker_new (self->store);

  g_signal_connect_object (replies, "reply-chosen", G_CALLBACK (on_reply_chosen_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (articles, "article-chosen", G_CALLBACK (on_article_chosen_cb), self, G_CONNECT_SWAPPED);
  gtk_menu_button_set_popover (self->reply_button, replies);
  gtk_menu_button_set_popover (self->article_button, articles);
}

void
_cd_ticket_page_knowledge_set_ticket (CdTicketPage *self)
{
  GtkWidget *picker = GTK_WIDGET (gtk_menu_button_get_popover (self->reply_button));
  gboolean writable = self->ticket != NULL && !cd_store_is_read_only (self->store);

  if (CD_IS_REPLY_PICKER (picker))
    cd_reply_picker_set_ticket (CD_REPLY_PICKER (picker), self->ticket);
  gtk_widget_set_sensitive (GTK_WIDGET (self->reply_button), self->ticket != NULL);
  gtk_widget_set_sensitive (GTK_WIDGET (self->article_button), writable);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "ticket.insert-reply", self->ticket != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "ticket.link-article", writable);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "ticket.unlink-article", writable);
}

/* The timeline ---------------------------------------------------------------- */

GtkWidget *
_cd_ticket_page_make_link_row (CdTicketPage        *self,
                               const CdArticleLink *link,
                               gint64               now)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
  GtkWidget *icon = gtk_image_new_from_icon_name ("accessories-dictionary-symbolic");
  GtkWidget *title, *time, *open, *unlink;
  const char *who = link->linked_by_name != NULL ? link->linked_by_name : _("Someone");
  /* Translators: a person and the title of a knowledge-base article */
  g_autofree char *text = g_strdup_printf (_("%s linked the article “%s”"), who, link->article_title);
  g_autofree char *when = cd_datetime_format_when (link->created_at, now);

  gtk_widget_add_css_class (icon, "accent");
  gtk_accessible_update_property (GTK_ACCESSIBLE (icon), GTK_ACCESSIBLE_PROPERTY_LABEL, text, -1);
  gtk_widget_set_valign (icon, GTK_ALIGN_CENTER);
  gtk_box_append (GTK_BOX (box), icon);

  title = gtk_label_new (text);
  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_label_set_wrap (GTK_LABEL (title), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (title), PANGO_WRAP_WORD_CHAR);
  gtk_widget_set_hexpand (title, TRUE);
  gtk_widget_add_css_class (title, "heading");
  gtk_box_append (GTK_BOX (box), title);

  time = gtk_label_new (when);
  gtk_widget_add_css_class (time, "dim-label");
  gtk_widget_add_css_class (time, "caption");
  gtk_widget_add_css_class (time, "numeric");
  gtk_box_append (GTK_BOX (box), time);

  open = gtk_button_new_with_mnemonic (_("_Read"));
  gtk_widget_set_valign (open, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (open, _("Open the article in the knowledge base"));
  gtk_actionable_set_action_name (GTK_ACTIONABLE (open), "app.open-article");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (open), "x", link->article_id);
  gtk_box_append (GTK_BOX (box), open);

  unlink = gtk_button_new_from_icon_name ("list-remove-symbolic");
  gtk_widget_set_valign (unlink, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (unlink, _("Unlink the article from this ticket"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (unlink), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Unlink the article"), -1);
  gtk_widget_add_css_class (unlink, "flat");
  gtk_actionable_set_action_name (GTK_ACTIONABLE (unlink), "ticket.unlink-article");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (unlink), "x", link->id);
  gtk_box_append (GTK_BOX (box), unlink);

  gtk_widget_set_margin_top (box, 8);
  gtk_widget_set_margin_bottom (box, 8);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  g_object_set_data (G_OBJECT (row), "cd-article-id", GSIZE_TO_POINTER ((gsize) link->article_id));
  return row;
}

void
_cd_ticket_page_links_changed_cb (CdStore      *store,
                                  CdChange     *change,
                                  CdTicketPage *self)
{
  if (self->ticket != NULL)
    cd_ticket_page_reload (self);
}

/* Actions ------------------------------------------------------------------------ */

/* How far below the visible part of the page @widget ends (<= 0 when it
 * is in view); G_MAXDOUBLE when it has no place yet. */
static double
below_view (CdTicketPage *self,
            GtkWidget    *widget,
            double       *top)
{
  GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (self->scrolled_window);
  graphene_rect_t bounds;

  if (!gtk_widget_compute_bounds (widget, GTK_WIDGET (self->scrolled_window), &bounds))
    return G_MAXDOUBLE;
  *top = bounds.origin.y;
  return bounds.origin.y + bounds.size.height - gtk_adjustment_get_page_size (adjustment);
}

static gboolean
popup_when_in_view_cb (GtkWidget     *widget,
                       GdkFrameClock *clock,
                       gpointer       user_data)
{
  CdTicketPage *self = CD_TICKET_PAGE (widget);
  double top = 0;
  /* A few frames at most: the scroll is laid out by the next one. */
  guint tries = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (self), "cd-popup-tries")) + 1;

  g_object_set_data (G_OBJECT (self), "cd-popup-tries", GUINT_TO_POINTER (tries));
  if (below_view (self, GTK_WIDGET (self->popup_button), &top) > 0.5 && tries < 10)
    return G_SOURCE_CONTINUE;
  gtk_menu_button_popup (self->popup_button);
  self->popup_tick_id = 0;
  return G_SOURCE_REMOVE;
}

/* A shortcut may come while the note field is scrolled away: the page
 * shows it first, so that the picker opens next to it, on screen. */
static void
popup_picker (CdTicketPage  *self,
              GtkMenuButton *button)
{
  GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (self->scrolled_window);
  double top = 0;
  double below = below_view (self, GTK_WIDGET (button), &top);

  if (self->popup_tick_id != 0)
    return;
  if (below <= 0.5 && top >= 0)
    {
      gtk_menu_button_popup (button);
      return;
    }
  if (below != G_MAXDOUBLE)
    gtk_adjustment_set_value (adjustment, gtk_adjustment_get_value (adjustment) + (top < 0 ? top : below) +
                                          (top < 0 ? -12 : 12));
  self->popup_button = button;
  g_object_set_data (G_OBJECT (self), "cd-popup-tries", NULL);
  self->popup_tick_id = gtk_widget_add_tick_callback (GTK_WIDGET (self), popup_when_in_view_cb, NULL, NULL);
}

static void
insert_reply_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  popup_picker (CD_TICKET_PAGE (widget), CD_TICKET_PAGE (widget)->reply_button);
}

static void
link_article_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  popup_picker (CD_TICKET_PAGE (widget), CD_TICKET_PAGE (widget)->article_button);
}

static void
unlink_article_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  CdTicketPage *self = CD_TICKET_PAGE (widget);
  CdKnowledgeWrite *write = cd_knowledge_write_new (CD_KNOWLEDGE_WRITE_UNLINK, g_variant_get_int64 (parameter));

  cd_knowledge_write_start (self->store, write, self->cancellable, linked_cb, g_object_ref (self));
}

void
_cd_ticket_page_knowledge_class_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "ticket.insert-reply", NULL, insert_reply_action);
  gtk_widget_class_install_action (widget_class, "ticket.link-article", NULL, link_article_action);
  gtk_widget_class_install_action (widget_class, "ticket.unlink-article", "x", unlink_article_action);
  /* Their shortcuts are in the page's managed shortcut controller (the
   * .ui), so that they work wherever the focus is in the window. */
}
