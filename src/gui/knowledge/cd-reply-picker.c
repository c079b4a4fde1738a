/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "caredesk-knowledge"

#include "config.h"

#include <glib/gi18n.h>

#include "cd-knowledge.h"
#include "cd-reply-editor.h"
#include "cd-reply-picker.h"

struct _CdReplyPicker
{
  GtkPopover      parent_instance;

  CdStore        *store;
  CdTicket       *ticket;   /* only what fills the placeholders */

  GtkSearchEntry *search_entry;
  GtkWidget      *results_window;
  GtkListBox     *results_list;
  GtkLabel       *status_label;
};

enum {
  PROP_0,
  PROP_STORE,
  N_PROPS
};

enum {
  REPLY_CHOSEN,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (CdReplyPicker, cd_reply_picker, GTK_TYPE_POPOVER)

static char *
fill (CdReplyPicker *self,
      const char    *body)
{
  CdReplyValues none = { 0 };

  if (self->ticket == NULL)
    return cd_canned_reply_fill (body, &none);
  return cd_canned_reply_fill_for_ticket (self->store, body, self->ticket);
}

/* The start of the reply on one line. */
static char *
preview (const char *text)
{
  g_autoptr(GString) out = g_string_new (NULL);

  for (const char *p = text; *p != '\0' && g_utf8_strlen (out->str, -1) < 120; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isspace (c))
        {
          if (out->len > 0 && out->str[out->len - 1] != ' ')
            g_string_append_c (out, ' ');
        }
      else
        g_string_append_unichar (out, c);
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

static GtkWidget *
make_row (CdReplyPicker       *self,
          const CdCannedReply *reply)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *head = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *title = gtk_label_new (reply->title);
  g_autofree char *filled = fill (self, reply->body);
  g_autofree char *start = preview (filled);
  GtkWidget *body = gtk_label_new (start);

  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_label_set_ellipsize (GTK_LABEL (title), PANGO_ELLIPSIZE_END);
  gtk_widget_set_hexpand (title, TRUE);
  gtk_widget_add_css_class (title, "heading");
  gtk_box_append (GTK_BOX (head), title);
  if (reply->owner_id != 0)
    {
      GtkWidget *mine = gtk_label_new (_("Yours"));

      gtk_widget_add_css_class (mine, "caption");
      gtk_widget_add_css_class (mine, "dim-label");
      gtk_box_append (GTK_BOX (head), mine);
    }
  gtk_box_append (GTK_BOX (box), head);

  gtk_label_set_xalign (GTK_LABEL (body), 0);
  gtk_label_set_ellipsize (GTK_LABEL (body), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (body, "dim-label");
  gtk_widget_add_css_class (body, "caption");
  gtk_box_append (GTK_BOX (box), body);

  gtk_widget_set_margin_top (box, 4);
  gtk_widget_set_margin_bottom (box, 4);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, reply->title,
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, start, -1);
  g_object_set_data_full (G_OBJECT (row), "reply-text", g_steal_pointer (&filled), g_free);
  return row;
}

guint
cd_reply_picker_filter (CdReplyPicker *self,
                        const char    *text)
{
  g_autoptr(GPtrArray) replies = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *child;
  GtkListBoxRow *first;

  g_return_val_if_fail (CD_IS_REPLY_PICKER (self), 0);

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->results_list))) != NULL)
    gtk_list_box_remove (self->results_list, child);

  replies = cd_canned_replies_list (self->store, text, &error);
  if (replies == NULL)
    {
      gtk_widget_set_visible (self->results_window, FALSE);
      gtk_label_set_text (self->status_label, error->message);
      gtk_widget_set_visible (GTK_WIDGET (self->status_label), TRUE);
      return 0;
    }

  for (guint i = 0; i < replies->len; i++)
    gtk_list_box_append (self->results_list, make_row (self, g_ptr_array_index (replies, i)));
  gtk_widget_set_visible (self->results_window, replies->len > 0);

  if (replies->len == 0)
    {
      g_autofree char *message = text != NULL && *text != '\0'
                                 ? g_strdup_printf (_("No reply matches “%s”."), text)
                                 : g_strdup (_("There are no canned replies yet. Write one with New Reply."));
      gtk_label_set_text (self->status_label, message);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->status_label), replies->len == 0);

  first = gtk_list_box_get_row_at_index (self->results_list, 0);
  if (first != NULL)
    gtk_list_box_select_row (self->results_list, first);
  return replies->len;
}

static void
choose_row (CdReplyPicker *self,
            GtkListBoxRow *row)
{
  const char *text = row != NULL ? g_object_get_data (G_OBJECT (row), "reply-text") : NULL;
  g_autofree char *copy = g_strdup (text);

  if (copy == NULL)
    return;
  gtk_popover_popdown (GTK_POPOVER (self));
  g_signal_emit (self, signals[REPLY_CHOSEN], 0, copy);
}

static void
on_search_entry_search_changed_cb (CdReplyPicker  *self,
                                   GtkSearchEntry *entry)
{
  cd_reply_picker_filter (self, gtk_editable_get_text (GTK_EDITABLE (entry)));
}

static void
on_search_entry_activate_cb (CdReplyPicker  *self,
                             GtkSearchEntry *entry)
{
  choose_row (self, gtk_list_box_get_selected_row (self->results_list));
}

static void
on_search_entry_stop_search_cb (CdReplyPicker  *self,
                                GtkSearchEntry *entry)
{
  gtk_popover_popdown (GTK_POPOVER (self));
}

static void
on_results_list_row_activated_cb (CdReplyPicker *self,
                                  GtkListBoxRow *row,
                                  GtkListBox    *list)
{
  choose_row (self, row);
}

static gboolean
on_key_pressed_cb (GtkEventControllerKey *controller,
                   guint                  keyval,
                   guint                  keycode,
                   GdkModifierType        state,
                   CdReplyPicker         *self)
{
  GtkListBoxRow *row = gtk_list_box_get_selected_row (self->results_list);
  int index = row != NULL ? gtk_list_box_row_get_index (row) : -1;
  GtkListBoxRow *next = NULL;

  if (keyval == GDK_KEY_Down || keyval == GDK_KEY_KP_Down)
    next = gtk_list_box_get_row_at_index (self->results_list, index + 1);
  else if (keyval == GDK_KEY_Up || keyval == GDK_KEY_KP_Up)
    next = index > 0 ? gtk_list_box_get_row_at_index (self->results_list, index - 1) : NULL;
  else
    return GDK_EVENT_PROPAGATE;

  if (next != NULL)
    {
      GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (self->results_window));
      graphene_rect_t bounds;

      gtk_list_box_select_row (self->results_list, next);
      if (gtk_widget_compute_bounds (GTK_WIDGET (next), GTK_WIDGET (self->results_list), &bounds))
        gtk_adjustment_clamp_page (adjustment, bounds.origin.y, bounds.origin.y + bounds.size.height);
    }
  return GDK_EVENT_STOP;
}

static void
on_picker_show_cb (CdReplyPicker *self)
{
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  cd_reply_picker_filter (self, NULL);
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

static void
on_editor_saved_cb (CdReplyEditor *editor,
                    gint64         id,
                    CdReplyPicker *self)
{
  if (gtk_widget_get_visible (GTK_WIDGET (self)))
    cd_reply_picker_filter (self, gtk_editable_get_text (GTK_EDITABLE (self->search_entry)));
}

static void
new_reply_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  CdReplyPicker *self = CD_REPLY_PICKER (widget);
  CdReplyEditor *editor = cd_reply_editor_new (self->store, 0);
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  gtk_popover_popdown (GTK_POPOVER (self));
  if (GTK_IS_WINDOW (root))
    gtk_window_set_transient_for (GTK_WINDOW (editor), GTK_WINDOW (root));
  g_signal_connect_object (editor, "saved", G_CALLBACK (on_editor_saved_cb), self, 0);
  gtk_window_present (GTK_WINDOW (editor));
}

static void
cd_reply_picker_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  CdReplyPicker *self = CD_REPLY_PICKER (object);

  switch (prop_id)
    {
    case PROP_STORE:
      self->store = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cd_reply_picker_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  CdReplyPicker *self = CD_REPLY_PICKER (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cd_reply_picker_dispose (GObject *object)
{
  CdReplyPicker *self = CD_REPLY_PICKER (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), CD_TYPE_REPLY_PICKER);
  g_clear_object (&self->store);
  g_clear_pointer (&self->ticket, cd_ticket_free);

  G_OBJECT_CLASS (cd_reply_picker_parent_class)->dispose (object);
}

static void
cd_reply_picker_class_init (CdReplyPickerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->set_property = cd_reply_picker_set_property;
  object_class->get_property = cd_reply_picker_get_property;
  object_class->dispose = cd_reply_picker_dispose;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, CD_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[REPLY_CHOSEN] =
    g_signal_new ("reply-chosen", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/knowledge/cd-reply-picker.ui");
  gtk_widget_class_bind_template_child (widget_class, CdReplyPicker, search_entry);
  gtk_widget_class_bind_template_child (widget_class, CdReplyPicker, results_window);
  gtk_widget_class_bind_template_child (widget_class, CdReplyPicker, results_list);
  gtk_widget_class_bind_template_child (widget_class, CdReplyPicker, status_label);
  gtk_widget_class_bind_template_callback (widget_class, on_search_entry_search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_search_entry_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_search_entry_stop_search_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_results_list_row_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_picker_show_cb);

  gtk_widget_class_install_action (widget_class, "replies.new", NULL, new_reply_action);
}

static void
cd_reply_picker_init (CdReplyPicker *self)
{
  GtkEventController *keys;

  gtk_widget_init_template (GTK_WIDGET (self));
  keys = gtk_event_controller_key_new ();
  g_signal_connect (keys, "key-pressed", G_CALLBACK (on_key_pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self->search_entry), keys);
}

GtkWidget *
cd_reply_picker_new (CdStore *store)
{
  g_return_val_if_fail (CD_IS_STORE (store), NULL);
  return g_object_new (CD_TYPE_REPLY_PICKER, "store", store, NULL);
}

void
cd_reply_picker_set_ticket (CdReplyPicker  *self,
                            const CdTicket *ticket)
{
  g_return_if_fail (CD_IS_REPLY_PICKER (self));

  g_clear_pointer (&self->ticket, cd_ticket_free);
  if (ticket == NULL)
    return;
  self->ticket = g_new0 (CdTicket, 1);
  self->ticket->id = ticket->id;
  self->ticket->number = g_strdup (ticket->number);
  self->ticket->customer_name = g_strdup (ticket->customer_name);
  self->ticket->escalation_due = ticket->escalation_due;
  self->ticket->resolution_due = ticket->resolution_due;
}

GtkSearchEntry *
cd_reply_picker_get_entry (CdReplyPicker *self)
{
  g_return_val_if_fail (CD_IS_REPLY_PICKER (self), NULL);
  return self->search_entry;
}
