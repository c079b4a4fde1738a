/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "caredesk-knowledge"

#include "config.h"

#include <glib/gi18n.h>

#include "cd-article-links-group.h"
#include "cd-article-picker.h"
#include "cd-datetime.h"
#include "cd-knowledge.h"
#include "cd-knowledge-write.h"

struct _CdArticleLinksGroup
{
  AdwPreferencesGroup  parent_instance;

  CdStore             *store;
  char                *entity;
  gint64               entity_id;
  GCancellable        *cancellable;
  GtkWidget           *link_button;
  GtkWidget           *picker;
  GtkWidget           *empty_row;
  GPtrArray           *rows;      /* the link rows shown */
};

G_DEFINE_FINAL_TYPE (CdArticleLinksGroup, cd_article_links_group, ADW_TYPE_PREFERENCES_GROUP)

static void
show_error (CdArticleLinksGroup *self,
            const char          *message)
{
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (self), message);
}

static void
written_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(CdArticleLinksGroup) self = user_data;
  g_autoptr(GError) error = NULL;

  gtk_widget_set_sensitive (self->link_button, TRUE);
  /* The rows follow the change the store announces. */
  if (cd_knowledge_write_finish (CD_STORE (source), result, &error) == NULL &&
      !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    show_error (self, error->message);
}

static void
on_unlink_clicked_cb (GtkButton           *button,
                      CdArticleLinksGroup *self)
{
  gint64 link_id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (button), "cd-link-id"));
  CdKnowledgeWrite *write = cd_knowledge_write_new (CD_KNOWLEDGE_WRITE_UNLINK, link_id);

  gtk_widget_set_sensitive (GTK_WIDGET (button), FALSE);
  cd_knowledge_write_start (self->store, write, self->cancellable, written_cb, g_object_ref (self));
}

static void
on_read_clicked_cb (GtkButton *button,
                    gpointer   user_data)
{
  GApplication *app = g_application_get_default ();
  gint64 article_id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (button), "cd-article-id"));

  if (app != NULL && g_action_group_has_action (G_ACTION_GROUP (app), "open-article"))
    g_action_group_activate_action (G_ACTION_GROUP (app), "open-article", g_variant_new_int64 (article_id));
}

static GtkWidget *
make_row (CdArticleLinksGroup *self,
          const CdArticleLink *link,
          gint64               now)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *read, *unlink;
  const char *who = link->linked_by_name != NULL ? link->linked_by_name : _("Someone");
  g_autofree char *when = cd_datetime_format_when (link->created_at, now);
  /* Translators: who linked an article and when, e.g. "Linked by Li Na, yesterday" */
  g_autofree char *subtitle = g_strdup_printf (_("Linked by %s, %s"), who, when);
  g_autofree char *title = g_markup_escape_text (link->article_title, -1);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_add_prefix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("accessories-dictionary-symbolic"));

  read = gtk_button_new_with_mnemonic (_("_Read"));
  gtk_widget_set_valign (read, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (read, _("Open the article in the knowledge base"));
  /* The group may sit in a window of its own, out of reach of app.*
   * actions: it asks the application itself. */
  g_object_set_data (G_OBJECT (read), "cd-article-id", GSIZE_TO_POINTER ((gsize) link->article_id));
  g_signal_connect (read, "clicked", G_CALLBACK (on_read_clicked_cb), NULL);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), read);

  unlink = gtk_button_new_from_icon_name ("list-remove-symbolic");
  gtk_widget_set_valign (unlink, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (unlink, "flat");
  gtk_widget_set_tooltip_text (unlink, _("Unlink the article"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (unlink), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Unlink the article"), -1);
  gtk_widget_set_sensitive (unlink, !cd_store_is_read_only (self->store));
  g_object_set_data (G_OBJECT (unlink), "cd-link-id", GSIZE_TO_POINTER ((gsize) link->id));
  g_signal_connect_object (unlink, "clicked", G_CALLBACK (on_unlink_clicked_cb), self, 0);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), unlink);
  return row;
}

static void
refresh (CdArticleLinksGroup *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) links = cd_article_links_for (self->store, self->entity, self->entity_id, &error);
  gint64 now = cd_store_now (self->store);

  for (guint i = 0; i < self->rows->len; i++)
    adw_preferences_group_remove (ADW_PREFERENCES_GROUP (self), g_ptr_array_index (self->rows, i));
  g_ptr_array_set_size (self->rows, 0);

  if (links == NULL)
    {
      show_error (self, error->message);
      return;
    }
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (self), NULL);
  for (guint i = 0; i < links->len; i++)
    {
      GtkWidget *row = make_row (self, g_ptr_array_index (links, i), now);

      adw_preferences_group_add (ADW_PREFERENCES_GROUP (self), row);
      g_ptr_array_add (self->rows, row);
    }
  gtk_widget_set_visible (self->empty_row, links->len == 0);
}

static void
on_store_changed_cb (CdStore             *store,
                     CdChange            *change,
                     CdArticleLinksGroup *self)
{
  refresh (self);
}

static void
on_article_chosen_cb (CdArticleLinksGroup *self,
                      gint64               article_id,
                      const char          *title,
                      GtkWidget           *picker)
{
  CdKnowledgeWrite *write = cd_knowledge_write_new (CD_KNOWLEDGE_WRITE_LINK, article_id);

  write->entity = g_strdup (self->entity);
  write->entity_id = self->entity_id;
  gtk_widget_set_sensitive (self->link_button, FALSE);
  cd_knowledge_write_start (self->store, write, self->cancellable, written_cb, g_object_ref (self));
}

static void
cd_article_links_group_dispose (GObject *object)
{
  CdArticleLinksGroup *self = CD_ARTICLE_LINKS_GROUP (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (cd_article_links_group_parent_class)->dispose (object);
}

static void
cd_article_links_group_finalize (GObject *object)
{
  CdArticleLinksGroup *self = CD_ARTICLE_LINKS_GROUP (object);

  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->rows, g_ptr_array_unref);
  g_free (self->entity);

  G_OBJECT_CLASS (cd_article_links_group_parent_class)->finalize (object);
}

static void
cd_article_links_group_class_init (CdArticleLinksGroupClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = cd_article_links_group_dispose;
  object_class->finalize = cd_article_links_group_finalize;
}

static void
cd_article_links_group_init (CdArticleLinksGroup *self)
{
  self->cancellable = g_cancellable_new ();
  self->rows = g_ptr_array_new ();
  adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (self), _("Knowledge Base Articles"));
}

GtkWidget *
cd_article_links_group_new (CdStore    *store,
                            const char *entity,
                            gint64      entity_id)
{
  CdArticleLinksGroup *self;
  GtkWidget *content;

  g_return_val_if_fail (CD_IS_STORE (store), NULL);
  g_return_val_if_fail (entity != NULL, NULL);
  g_return_val_if_fail (entity_id > 0, NULL);

  self = g_object_new (CD_TYPE_ARTICLE_LINKS_GROUP, NULL);
  self->store = g_object_ref (store);
  self->entity = g_strdup (entity);
  self->entity_id = entity_id;

  self->picker = cd_article_picker_new (store);
  g_signal_connect_object (self->picker, "article-chosen", G_CALLBACK (on_article_chosen_cb), self, G_CONNECT_SWAPPED);
  self->link_button = gtk_menu_button_new ();
  content = adw_button_content_new ();
  adw_button_content_set_icon_name (ADW_BUTTON_CONTENT (content), "list-add-symbolic");
  adw_button_content_set_label (ADW_BUTTON_CONTENT (content), _("Lin_k Article"));
  adw_button_content_set_use_underline (ADW_BUTTON_CONTENT (content), TRUE);
  gtk_menu_button_set_child (GTK_MENU_BUTTON (self->link_button), content);
  gtk_menu_button_set_popover (GTK_MENU_BUTTON (self->link_button), self->picker);
  gtk_widget_set_tooltip_text (self->link_button, _("Link a knowledge-base article that helps with this"));
  gtk_widget_add_css_class (self->link_button, "flat");
  gtk_widget_set_sensitive (self->link_button, !cd_store_is_read_only (store));
  adw_preferences_group_set_header_suffix (ADW_PREFERENCES_GROUP (self), self->link_button);

  self->empty_row = adw_action_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->empty_row), _("No article is linked yet"));
  gtk_widget_add_css_class (self->empty_row, "dim-label");
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (self), self->empty_row);

  g_signal_connect_object (store, "changed::kb_article_links", G_CALLBACK (on_store_changed_cb), self, 0);
  g_signal_connect_object (store, "changed::kb_articles", G_CALLBACK (on_store_changed_cb), self, 0);
  refresh (self);
  return GTK_WIDGET (self);
}

guint
cd_article_links_group_get_n_links (CdArticleLinksGroup *self)
{
  g_return_val_if_fail (CD_IS_ARTICLE_LINKS_GROUP (self), 0);
  return self->rows->len;
}

GtkWidget *
cd_article_links_group_get_picker (CdArticleLinksGroup *self)
{
  g_return_val_if_fail (CD_IS_ARTICLE_LINKS_GROUP (self), NULL);
  return self->picker;
}
