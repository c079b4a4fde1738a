/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "caredesk-knowledge"

#include "config.h"

#include <glib/gi18n.h>

#include "cd-knowledge.h"
#include "cd-row-model.h"
#include "cd-article-picker.h"

struct _CdArticlePicker
{
  GtkPopover      parent_instance;

  CdStore        *store;
  CdRowModel     *model;

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
  ARTICLE_CHOSEN,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (CdArticlePicker, cd_article_picker, GTK_TYPE_POPOVER)

static GtkWidget *
make_row (CdArticlePicker *self,
          CdRow           *item)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  const char *title_text = cd_row_get_value (item, CD_ARTICLE_COL_TITLE);
  const char *category = cd_row_get_value (item, CD_ARTICLE_COL_CATEGORY);
  gint64 links = cd_row_get_int (item, CD_ARTICLE_COL_LINKS, 0);
  GtkWidget *title = gtk_label_new (title_text);
  g_autofree char *links_text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Linked %d time", "Linked %d times",
                                                              (gulong) links), (int) links);
  g_autofree char *detail_text = category != NULL ? g_strdup_printf ("%s · %s", category, links_text)
                                                  : g_strdup (links_text);
  GtkWidget *detail = gtk_label_new (detail_text);

  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_label_set_ellipsize (GTK_LABEL (title), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (title, "heading");
  gtk_box_append (GTK_BOX (box), title);
  gtk_label_set_xalign (GTK_LABEL (detail), 0);
  gtk_label_set_ellipsize (GTK_LABEL (detail), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (detail, "dim-label");
  gtk_widget_add_css_class (detail, "caption");
  gtk_box_append (GTK_BOX (box), detail);

  gtk_widget_set_margin_top (box, 4);
  gtk_widget_set_margin_bottom (box, 4);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, title_text,
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, detail_text, -1);
  g_object_set_data_full (G_OBJECT (row), "article-title", g_strdup (title_text), g_free);
  g_object_set_data_full (G_OBJECT (row), "article-id", g_memdup2 (&(gint64) { cd_row_get_id (item) }, sizeof (gint64)), g_free);
  return row;
}

guint
cd_article_picker_filter (CdArticlePicker *self,
                          const char      *text)
{
  CdArticleFilter filter = { 0 };
  GtkWidget *child;
  GtkListBoxRow *first;
  guint n;

  g_return_val_if_fail (CD_IS_ARTICLE_PICKER (self), 0);

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->results_list))) != NULL)
    gtk_list_box_remove (self->results_list, child);

  filter.text = text;
  filter.sort = CD_ARTICLE_SORT_MOST_LINKED;
  if (self->model == NULL)
    self->model = cd_articles_list_new (self->store, &filter);
  else
    cd_articles_list_set_filter (self->model, &filter);

  n = MIN (g_list_model_get_n_items (G_LIST_MODEL (self->model)), CD_ARTICLE_PICKER_LIMIT);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(CdRow) item = g_list_model_get_item (G_LIST_MODEL (self->model), i);
      gtk_list_box_append (self->results_list, make_row (self, item));
    }
  gtk_widget_set_visible (self->results_window, n > 0);

  if (cd_row_model_get_error (self->model) != NULL)
    gtk_label_set_text (self->status_label, cd_row_model_get_error (self->model)->message);
  else if (n == 0)
    {
      g_autofree char *message = text != NULL && *text != '\0'
                                 ? g_strdup_printf (_("No article matches “%s”."), text)
                                 : g_strdup (_("The knowledge base has no articles yet."));
      gtk_label_set_text (self->status_label, message);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->status_label), n == 0);

  first = gtk_list_box_get_row_at_index (self->results_list, 0);
  if (first != NULL)
    gtk_list_box_select_row (self->results_list, first);
  return n;
}

static void
choose_row (CdArticlePicker *self,
            GtkListBoxRow   *row)
{
  const gint64 *id = row != NULL ? g_object_get_data (G_OBJECT (row), "article-id") : NULL;
  g_autofree char *title = NULL;
  gint64 chosen;

  if (id == NULL)
    return;
  chosen = *id;
  title = g_strdup (g_object_get_data (G_OBJECT (row), "article-title"));
  gtk_popover_popdown (GTK_POPOVER (self));
  g_signal_emit (self, signals[ARTICLE_CHOSEN], 0, chosen, title);
}

static void
on_search_entry_search_changed_cb (CdArticlePicker  *self,
                                   GtkSearchEntry *entry)
{
  cd_article_picker_filter (self, gtk_editable_get_text (GTK_EDITABLE (entry)));
}

static void
on_search_entry_activate_cb (CdArticlePicker  *self,
                             GtkSearchEntry *entry)
{
  choose_row (self, gtk_list_box_get_selected_row (self->results_list));
}

static void
on_search_entry_stop_search_cb (CdArticlePicker  *self,
                                GtkSearchEntry *entry)
{
  gtk_popover_popdown (GTK_POPOVER (self));
}

static void
on_results_list_row_activated_cb (CdArticlePicker *self,
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
                   CdArticlePicker         *self)
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
on_picker_show_cb (CdArticlePicker *self)
{
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  cd_article_picker_filter (self, NULL);
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

static void
cd_article_picker_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  CdArticlePicker *self = CD_ARTICLE_PICKER (object);

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
cd_article_picker_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  CdArticlePicker *self = CD_ARTICLE_PICKER (object);

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
cd_article_picker_dispose (GObject *object)
{
  CdArticlePicker *self = CD_ARTICLE_PICKER (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), CD_TYPE_ARTICLE_PICKER);
  g_clear_object (&self->store);
  g_clear_object (&self->model);

  G_OBJECT_CLASS (cd_article_picker_parent_class)->dispose (object);
}

static void
cd_article_picker_class_init (CdArticlePickerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->set_property = cd_article_picker_set_property;
  object_class->get_property = cd_article_picker_get_property;
  object_class->dispose = cd_article_picker_dispose;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, CD_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[ARTICLE_CHOSEN] =
    g_signal_new ("article-chosen", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_INT64, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/knowledge/cd-article-picker.ui");
  gtk_widget_class_bind_template_child (widget_class, CdArticlePicker, search_entry);
  gtk_widget_class_bind_template_child (widget_class, CdArticlePicker, results_window);
  gtk_widget_class_bind_template_child (widget_class, CdArticlePicker, results_list);
  gtk_widget_class_bind_template_child (widget_class, CdArticlePicker, status_label);
  gtk_widget_class_bind_template_callback (widget_class, on_search_entry_search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_search_entry_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_search_entry_stop_search_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_results_list_row_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_picker_show_cb);

}

static void
cd_article_picker_init (CdArticlePicker *self)
{
  GtkEventController *keys;

  gtk_widget_init_template (GTK_WIDGET (self));
  keys = gtk_event_controller_key_new ();
  g_signal_connect (keys, "key-pressed", G_CALLBACK (on_key_pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self->search_entry), keys);
}

GtkWidget *
cd_article_picker_new (CdStore *store)
{
  g_return_val_if_fail (CD_IS_STORE (store), NULL);
  return g_object_new (CD_TYPE_ARTICLE_PICKER, "store", store, NULL);
}

GtkSearchEntry *
cd_article_picker_get_entry (CdArticlePicker *self)
{
  g_return_val_if_fail (CD_IS_ARTICLE_PICKER (self), NULL);
  return self->search_entry;
}
