/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "caredesk-knowledge"

#include "config.h"

#include <glib/gi18n.h>

#include "cd-article-editor.h"
#include "cd-datetime.h"
#include "cd-knowledge.h"
#include "cd-knowledge-view.h"
#include "cd-knowledge-write.h"
#include "cd-reply-editor.h"

/* Links listed under an article before "and N more". */
#define MAX_LINKS_SHOWN 20

struct _CdKnowledgeView
{
  GtkWidget          parent_instance;

  CdStore           *store;
  CdRowModel        *model;
  GtkSingleSelection *selection;
  CdArticle         *article;       /* the one shown */
  GSignalGroup      *store_signals;
  GCancellable      *cancellable;
  gboolean           filling;

  /* Template widgets */
  AdwToastOverlay   *toast_overlay;
  AdwViewStack      *view_stack;
  AdwLeaflet        *leaflet;
  GtkSearchEntry    *search_entry;
  GtkDropDown       *category_dropdown;
  GtkDropDown       *sort_dropdown;
  GtkToggleButton   *archived_toggle;
  GtkStack          *list_stack;
  AdwStatusPage     *list_empty_page;
  GtkListView       *article_list;
  GtkStack          *reader_stack;
  GtkScrolledWindow *reader_scroll;
  GtkLabel          *title_label;
  GtkLabel          *meta_label;
  GtkLabel          *tags_label;
  GtkLabel          *body_label;
  AdwPreferencesGroup *links_group;
  GtkListBox        *links_list;
  GtkButton         *archive_button;
  AdwPreferencesGroup *replies_group;
  GtkListBox        *replies_list;
  GtkStringList     *categories;
};

enum {
  PROP_0,
  PROP_STORE,
  N_PROPS
};

enum {
  OPEN_RECORD,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (CdKnowledgeView, cd_knowledge_view, GTK_TYPE_WIDGET)

static void
show_toast (CdKnowledgeView *self,
            const char      *message)
{
  AdwToast *toast = adw_toast_new (message);

  adw_toast_set_timeout (toast, 6);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

static GtkWindow *
parent_window (CdKnowledgeView *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  return GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;
}

/* The list ------------------------------------------------------------------ */

static void
fill_categories (CdKnowledgeView *self)
{
  g_auto(GStrv) categories = cd_article_categories (self->store, NULL);
  g_autofree char *selected = NULL;
  guint position = 0;
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->categories));

  if (gtk_drop_down_get_selected (self->category_dropdown) > 0 &&
      gtk_drop_down_get_selected (self->category_dropdown) < n)
    selected = g_strdup (gtk_string_list_get_string (self->categories,
                                                     gtk_drop_down_get_selected (self->category_dropdown)));
  self->filling = TRUE;
  gtk_string_list_splice (self->categories, 1, n - 1,
                          categories != NULL ? (const char * const *) categories : NULL);
  for (guint i = 0; categories != NULL && categories[i] != NULL; i++)
    if (g_strcmp0 (categories[i], selected) == 0)
      position = i + 1;
  gtk_drop_down_set_selected (self->category_dropdown, position);
  self->filling = FALSE;
}

static void
apply_filter (CdKnowledgeView *self)
{
  CdArticleFilter filter = { 0 };
  guint category = gtk_drop_down_get_selected (self->category_dropdown);
  static const CdArticleSort sorts[] = {
    CD_ARTICLE_SORT_MOST_LINKED, CD_ARTICLE_SORT_UPDATED, CD_ARTICLE_SORT_TITLE,
  };
  guint sort = gtk_drop_down_get_selected (self->sort_dropdown);
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));

  if (self->filling || self->model == NULL)
    return;
  filter.text = text;
  filter.category = category > 0 && category != GTK_INVALID_LIST_POSITION
                    ? gtk_string_list_get_string (self->categories, category) : NULL;
  filter.archived = gtk_toggle_button_get_active (self->archived_toggle);
  filter.sort = sort < G_N_ELEMENTS (sorts) ? sorts[sort] : CD_ARTICLE_SORT_MOST_LINKED;
  cd_articles_list_set_filter (self->model, &filter);
}

static void
update_list_state (CdKnowledgeView *self)
{
  guint n = self->model != NULL ? g_list_model_get_n_items (G_LIST_MODEL (self->model)) : 0;
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));

  if (n > 0)
    {
      gtk_stack_set_visible_child_name (self->list_stack, "list");
      return;
    }
  if (*text != '\0')
    {
      adw_status_page_set_title (self->list_empty_page, _("No Matching Articles"));
      adw_status_page_set_description (self->list_empty_page, _("Try other words, or look in another category."));
    }
  else if (gtk_toggle_button_get_active (self->archived_toggle))
    {
      adw_status_page_set_title (self->list_empty_page, _("No Archived Articles"));
      adw_status_page_set_description (self->list_empty_page, _("Articles you archive wait here, and can be restored."));
    }
  else
    {
      adw_status_page_set_title (self->list_empty_page, _("No Articles Yet"));
      adw_status_page_set_description (self->list_empty_page,
                                       _("Write down the answers the team gives again and again, so that everyone gives the same good one."));
    }
  gtk_stack_set_visible_child_name (self->list_stack, "empty");
}

static void
on_model_items_changed_cb (CdKnowledgeView *self)
{
  update_list_state (self);
}

static void
on_filter_changed_cb (CdKnowledgeView *self)
{
  apply_filter (self);
  update_list_state (self);
}

static void
setup_item_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               gpointer                  user_data)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *title = gtk_label_new (NULL);
  GtkWidget *detail = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_label_set_ellipsize (GTK_LABEL (title), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (title, "heading");
  gtk_label_set_xalign (GTK_LABEL (detail), 0);
  gtk_label_set_ellipsize (GTK_LABEL (detail), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (detail, "dim-label");
  gtk_widget_add_css_class (detail, "caption");
  gtk_box_append (GTK_BOX (box), title);
  gtk_box_append (GTK_BOX (box), detail);
  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  gtk_list_item_set_child (item, box);
}

static void
bind_item_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              CdKnowledgeView          *self)
{
  CdRow *row = gtk_list_item_get_item (item);
  GtkWidget *box = gtk_list_item_get_child (item);
  GtkWidget *title = gtk_widget_get_first_child (box);
  GtkWidget *detail = gtk_widget_get_next_sibling (title);
  const char *category = cd_row_get_value (row, CD_ARTICLE_COL_CATEGORY);
  gint64 links = cd_row_get_int (row, CD_ARTICLE_COL_LINKS, 0);
  g_autofree char *when = cd_datetime_format_short (cd_row_get_int (row, CD_ARTICLE_COL_UPDATED, 0),
                                                    cd_store_now (self->store));
  g_autofree char *linked = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Linked %d time", "Linked %d times",
                                                          (gulong) links), (int) links);
  g_autoptr(GString) text = g_string_new (NULL);

  if (category != NULL)
    g_string_append_printf (text, "%s · ", category);
  g_string_append_printf (text, "%s · %s", linked, when);
  gtk_label_set_text (GTK_LABEL (title), cd_row_get_value (row, CD_ARTICLE_COL_TITLE));
  gtk_label_set_text (GTK_LABEL (detail), text->str);
  gtk_accessible_update_property (GTK_ACCESSIBLE (box), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  cd_row_get_value (row, CD_ARTICLE_COL_TITLE),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, text->str, -1);
}

/* The article ---------------------------------------------------------------- */

static void
clear_links (CdKnowledgeView *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->links_list))) != NULL)
    gtk_list_box_remove (self->links_list, child);
}

static void
fill_links (CdKnowledgeView *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) links = cd_article_links_of (self->store, self->article->id, &error);
  gint64 now = cd_store_now (self->store);

  clear_links (self);
  if (links == NULL)
    {
      adw_preferences_group_set_description (self->links_group, error->message);
      return;
    }
  for (guint i = 0; i < links->len && i < MAX_LINKS_SHOWN; i++)
    {
      CdArticleLink *link = g_ptr_array_index (links, i);
      GtkWidget *row = adw_action_row_new ();
      g_autofree char *when = cd_datetime_format_when (link->created_at, now);
      g_autofree char *subtitle = link->linked_by_name != NULL
                                  /* Translators: who linked an article, and when */
                                  ? g_strdup_printf (_("Linked by %s, %s"), link->linked_by_name, when)
                                  : g_strdup_printf (_("Linked %s"), when);
      GtkWidget *icon = gtk_image_new_from_icon_name (g_str_equal (link->entity, CD_ARTICLE_LINK_TICKET)
                                                      ? "mail-unread-symbolic" : "dialog-warning-symbolic");

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), link->entity_title);
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("go-next-symbolic"));
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      g_object_set_data_full (G_OBJECT (row), "entity", g_strdup (link->entity), g_free);
      g_object_set_data_full (G_OBJECT (row), "entity-id", g_memdup2 (&link->entity_id, sizeof link->entity_id), g_free);
      gtk_list_box_append (self->links_list, row);
    }
  if (links->len == 0)
    adw_preferences_group_set_description (self->links_group,
                                           _("Not linked yet. Link it from a ticket or a complaint it helps with."));
  else if (links->len > MAX_LINKS_SHOWN)
    {
      g_autofree char *text = g_strdup_printf (_("The newest %u of %u"), MAX_LINKS_SHOWN, links->len);
      adw_preferences_group_set_description (self->links_group, text);
    }
  else
    adw_preferences_group_set_description (self->links_group, NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->links_list), links->len > 0);
}

static void
fill_reader (CdKnowledgeView *self)
{
  const CdArticle *a = self->article;
  g_autoptr(GString) meta = g_string_new (NULL);
  g_autofree char *markup = NULL;
  g_autofree char *updated = NULL;
  g_auto(GStrv) tags = NULL;

  if (a == NULL)
    {
      gtk_stack_set_visible_child_name (self->reader_stack, "none");
      gtk_widget_action_set_enabled (GTK_WIDGET (self), "kb.edit-article", FALSE);
      gtk_widget_action_set_enabled (GTK_WIDGET (self), "kb.archive-article", FALSE);
      return;
    }

  gtk_label_set_text (self->title_label, a->title);
  if (a->category != NULL)
    g_string_append_printf (meta, "%s · ", a->category);
  updated = cd_datetime_format_when (a->updated_at, cd_store_now (self->store));
  if (a->author_name != NULL)
    /* Translators: the author of an article and when it was last changed */
    g_string_append_printf (meta, _("By %s, updated %s"), a->author_name, updated);
  else
    g_string_append_printf (meta, _("Updated %s"), updated);
  if (a->archived)
    g_string_append_printf (meta, " · %s", _("Archived"));
  gtk_label_set_text (self->meta_label, meta->str);

  tags = cd_article_split_tags (a->tags);
  if (tags[0] != NULL)
    {
      g_autoptr(GString) text = g_string_new (NULL);

      for (guint i = 0; tags[i] != NULL; i++)
        g_string_append_printf (text, "%s#%s", i > 0 ? "  " : "", tags[i]);
      gtk_label_set_text (self->tags_label, text->str);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->tags_label), tags[0] != NULL);

  markup = cd_article_body_markup (a->body);
  if (*markup != '\0')
    {
      gtk_label_set_markup (self->body_label, markup);
      gtk_widget_remove_css_class (GTK_WIDGET (self->body_label), "dim-label");
    }
  else
    {
      gtk_label_set_text (self->body_label, _("This article has no text yet."));
      gtk_widget_add_css_class (GTK_WIDGET (self->body_label), "dim-label");
    }

  fill_links (self);
  gtk_button_set_label (self->archive_button, a->archived ? _("_Restore") : _("_Archive"));
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->archive_button),
                               a->archived ? _("Bring the article back into the list")
                                           : _("Take the article out of the list; its links stay"));
  gtk_stack_set_visible_child_name (self->reader_stack, "article");
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "kb.edit-article", !cd_store_is_read_only (self->store));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "kb.archive-article", !cd_store_is_read_only (self->store));
}

static void
load_article (CdKnowledgeView *self,
              gint64           id)
{
  g_autoptr(GError) error = NULL;
  gboolean same = self->article != NULL && self->article->id == id;

  g_clear_pointer (&self->article, cd_article_free);
  if (id != 0)
    {
      self->article = cd_article_load (self->store, id, &error);
      if (self->article == NULL)
        show_toast (self, error->message);
    }
  fill_reader (self);
  if (!same)
    gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (self->reader_scroll), 0);
}

static void
on_selection_changed_cb (CdKnowledgeView *self)
{
  CdRow *row = gtk_single_selection_get_selected_item (self->selection);

  if (row == NULL || self->filling)
    return;
  load_article (self, cd_row_get_id (row));
}

static void
on_article_list_activate_cb (CdKnowledgeView *self,
                             guint            position,
                             GtkListView     *list)
{
  g_autoptr(CdRow) row = g_list_model_get_item (G_LIST_MODEL (self->model), position);

  if (row == NULL)
    return;
  load_article (self, cd_row_get_id (row));
  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_FORWARD);
}

static gboolean
on_body_label_activate_link_cb (CdKnowledgeView *self,
                                const char      *uri,
                                GtkLabel        *label)
{
  /* GTK opens web addresses itself; nothing else is a link here. */
  return !g_str_has_prefix (uri, "http://") && !g_str_has_prefix (uri, "https://");
}

static void
on_links_list_row_activated_cb (CdKnowledgeView *self,
                                GtkListBoxRow   *row,
                                GtkListBox      *list)
{
  const char *entity = g_object_get_data (G_OBJECT (row), "entity");
  const gint64 *id = g_object_get_data (G_OBJECT (row), "entity-id");

  if (entity != NULL && id != NULL)
    g_signal_emit (self, signals[OPEN_RECORD], 0, entity, *id);
}

/* Replies ------------------------------------------------------------------------ */

static void
fill_replies (CdKnowledgeView *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) replies = cd_canned_replies_list (self->store, NULL, &error);
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->replies_list))) != NULL)
    gtk_list_box_remove (self->replies_list, child);
  if (replies == NULL)
    {
      adw_preferences_group_set_description (self->replies_group, error->message);
      return;
    }

  for (guint i = 0; i < replies->len; i++)
    {
      CdCannedReply *reply = g_ptr_array_index (replies, i);
      GtkWidget *row = adw_action_row_new ();
      g_autofree char *start = g_utf8_substring (reply->body, 0, MIN (g_utf8_strlen (reply->body, -1), 160));

      g_strdelimit (start, "\n\r\t", ' ');
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), reply->title);
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), g_strstrip (start));
      adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 2);
      if (reply->owner_id != 0)
        {
          GtkWidget *mine = gtk_label_new (_("Yours"));

          gtk_widget_add_css_class (mine, "dim-label");
          gtk_widget_add_css_class (mine, "caption");
          adw_action_row_add_suffix (ADW_ACTION_ROW (row), mine);
        }
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("document-edit-symbolic"));
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      gtk_actionable_set_action_name (GTK_ACTIONABLE (row), "kb.edit-reply");
      gtk_actionable_set_action_target (GTK_ACTIONABLE (row), "x", reply->id);
      gtk_list_box_append (self->replies_list, row);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->replies_list), replies->len > 0);
  adw_preferences_group_set_description (self->replies_group,
                                         replies->len > 0
                                         ? _("The team’s replies and your own. Put one into a ticket’s note with Insert Reply (Ctrl+Shift+R); its placeholders are filled in there.")
                                         : _("No canned replies yet. Write the answers the team sends again and again once, with placeholders such as {customer}."));
}

/* Actions ------------------------------------------------------------------------ */

static void
on_article_saved_cb (CdArticleEditor *editor,
                     gint64           id,
                     CdKnowledgeView *self)
{
  fill_categories (self);
  load_article (self, id);
}

static void
new_article_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  CdKnowledgeView *self = CD_KNOWLEDGE_VIEW (widget);
  CdArticleEditor *editor = cd_article_editor_new (self->store, 0);

  gtk_window_set_transient_for (GTK_WINDOW (editor), parent_window (self));
  g_signal_connect_object (editor, "saved", G_CALLBACK (on_article_saved_cb), self, 0);
  gtk_window_present (GTK_WINDOW (editor));
}

static void
edit_article_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  CdKnowledgeView *self = CD_KNOWLEDGE_VIEW (widget);
  CdArticleEditor *editor;

  if (self->article == NULL)
    return;
  editor = cd_article_editor_new (self->store, self->article->id);
  gtk_window_set_transient_for (GTK_WINDOW (editor), parent_window (self));
  g_signal_connect_object (editor, "saved", G_CALLBACK (on_article_saved_cb), self, 0);
  gtk_window_present (GTK_WINDOW (editor));
}

static void archive (CdKnowledgeView *self,
                     gint64           id,
                     gboolean         archived,
                     gboolean         with_undo);

static void
on_undo_archive_cb (AdwToast        *toast,
                    CdKnowledgeView *self)
{
  gint64 id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (toast), "article-id"));
  gboolean archived = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (toast), "archived"));

  archive (self, id, !archived, FALSE);
}

typedef struct {
  CdKnowledgeView *view;
  gboolean         with_undo;
} ArchiveCall;

static void
archived_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  ArchiveCall *call = user_data;
  g_autoptr(CdKnowledgeView) self = call->view;
  g_autoptr(GError) error = NULL;
  CdKnowledgeWrite *write = cd_knowledge_write_finish (CD_STORE (source), result, &error);
  gboolean with_undo = call->with_undo;

  g_free (call);
  if (self->store == NULL)
    return;
  if (write == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        show_toast (self, error->message);
      return;
    }
  if (self->article != NULL && self->article->id == write->id)
    load_article (self, write->id);
  if (with_undo)
    {
      AdwToast *toast = adw_toast_new (write->archived ? _("Article archived") : _("Article restored"));

      adw_toast_set_button_label (toast, _("_Undo"));
      g_object_set_data (G_OBJECT (toast), "article-id", GSIZE_TO_POINTER ((gsize) write->id));
      g_object_set_data (G_OBJECT (toast), "archived", GINT_TO_POINTER (write->archived));
      g_signal_connect_object (toast, "button-clicked", G_CALLBACK (on_undo_archive_cb), self, 0);
      adw_toast_overlay_add_toast (self->toast_overlay, toast);
    }
}

static void
archive (CdKnowledgeView *self,
         gint64           id,
         gboolean         archived,
         gboolean         with_undo)
{
  CdKnowledgeWrite *write = cd_knowledge_write_new (CD_KNOWLEDGE_WRITE_ARCHIVE_ARTICLE, id);
  ArchiveCall *call = g_new0 (ArchiveCall, 1);

  /* Archiving applies to whatever is saved: nothing to lose. */
  write->version = 0;
  write->archived = archived;
  call->view = g_object_ref (self);
  call->with_undo = with_undo;
  cd_knowledge_write_start (self->store, write, self->cancellable, archived_cb, call);
}

static void
archive_article_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  CdKnowledgeView *self = CD_KNOWLEDGE_VIEW (widget);

  if (self->article != NULL)
    archive (self, self->article->id, !self->article->archived, TRUE);
}

static void
on_reply_written_cb (CdReplyEditor   *editor,
                     gint64           id,
                     CdKnowledgeView *self)
{
  fill_replies (self);
}

static void
open_reply_editor (CdKnowledgeView *self,
                   gint64           id)
{
  CdReplyEditor *editor = cd_reply_editor_new (self->store, id);

  gtk_window_set_transient_for (GTK_WINDOW (editor), parent_window (self));
  g_signal_connect_object (editor, "saved", G_CALLBACK (on_reply_written_cb), self, 0);
  g_signal_connect_object (editor, "deleted", G_CALLBACK (on_reply_written_cb), self, 0);
  gtk_window_present (GTK_WINDOW (editor));
}

static void
new_reply_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  open_reply_editor (CD_KNOWLEDGE_VIEW (widget), 0);
}

static void
edit_reply_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  open_reply_editor (CD_KNOWLEDGE_VIEW (widget), g_variant_get_int64 (parameter));
}

static void
new_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  CdKnowledgeView *self = CD_KNOWLEDGE_VIEW (widget);

  if (g_strcmp0 (adw_view_stack_get_visible_child_name (self->view_stack), "replies") == 0)
    open_reply_editor (self, 0);
  else
    new_article_action (widget, action_name, parameter);
}

static void
back_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  adw_leaflet_navigate (CD_KNOWLEDGE_VIEW (widget)->leaflet, ADW_NAVIGATION_DIRECTION_BACK);
}

/* Changes ------------------------------------------------------------------------- */

static void
on_articles_changed_cb (CdKnowledgeView *self,
                        CdChange        *change,
                        CdStore         *store)
{
  if (self->article != NULL && cd_change_has_id (change, self->article->id))
    load_article (self, self->article->id);
  fill_categories (self);
}

static void
on_links_changed_cb (CdKnowledgeView *self,
                     CdChange        *change,
                     CdStore         *store)
{
  if (self->article != NULL)
    load_article (self, self->article->id);
}

static void
on_replies_changed_cb (CdKnowledgeView *self,
                       CdChange        *change,
                       CdStore         *store)
{
  fill_replies (self);
}

/* GObject --------------------------------------------------------------------------- */

static void
cd_knowledge_view_constructed (GObject *object)
{
  CdKnowledgeView *self = CD_KNOWLEDGE_VIEW (object);
  GtkListItemFactory *factory;

  G_OBJECT_CLASS (cd_knowledge_view_parent_class)->constructed (object);

  g_assert (self->store != NULL);
  g_signal_group_set_target (self->store_signals, self->store);

  self->model = cd_articles_list_new (self->store, NULL);
  self->selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->model)));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  gtk_single_selection_set_selected (self->selection, GTK_INVALID_LIST_POSITION);
  g_signal_connect_object (self->selection, "notify::selected-item", G_CALLBACK (on_selection_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->model, "items-changed", G_CALLBACK (on_model_items_changed_cb), self,
                           G_CONNECT_SWAPPED);

  factory = gtk_signal_list_item_factory_new ();
  g_signal_connect (factory, "setup", G_CALLBACK (setup_item_cb), self);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_item_cb), self);
  gtk_list_view_set_factory (self->article_list, factory);
  g_object_unref (factory);
  gtk_list_view_set_model (self->article_list, GTK_SELECTION_MODEL (self->selection));

  fill_categories (self);
  fill_replies (self);
  update_list_state (self);
  fill_reader (self);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "kb.new-article", !cd_store_is_read_only (self->store));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "kb.new-reply", !cd_store_is_read_only (self->store));
}

static void
cd_knowledge_view_dispose (GObject *object)
{
  CdKnowledgeView *self = CD_KNOWLEDGE_VIEW (object);

  g_cancellable_cancel (self->cancellable);
  g_signal_group_set_target (self->store_signals, NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), CD_TYPE_KNOWLEDGE_VIEW);
  g_clear_object (&self->selection);
  g_clear_object (&self->model);
  g_clear_object (&self->store);
  g_clear_pointer (&self->article, cd_article_free);

  G_OBJECT_CLASS (cd_knowledge_view_parent_class)->dispose (object);
}

static void
cd_knowledge_view_finalize (GObject *object)
{
  CdKnowledgeView *self = CD_KNOWLEDGE_VIEW (object);

  g_clear_object (&self->store_signals);
  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (cd_knowledge_view_parent_class)->finalize (object);
}

static void
cd_knowledge_view_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  CdKnowledgeView *self = CD_KNOWLEDGE_VIEW (object);

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
cd_knowledge_view_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  CdKnowledgeView *self = CD_KNOWLEDGE_VIEW (object);

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
cd_knowledge_view_class_init (CdKnowledgeViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = cd_knowledge_view_constructed;
  object_class->dispose = cd_knowledge_view_dispose;
  object_class->finalize = cd_knowledge_view_finalize;
  object_class->get_property = cd_knowledge_view_get_property;
  object_class->set_property = cd_knowledge_view_set_property;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, CD_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[OPEN_RECORD] =
    g_signal_new ("open-record", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_INT64);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/knowledge/cd-knowledge-view.ui");
  gtk_widget_class_bind_template_child (widget_class, CdKnowledgeView, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, CdKnowledgeView, view_stack);
  gtk_widget_class_bind_template_child (widget_class, CdKnowledgeView, leaflet);
  gtk_widget_class_bind_template_child (widget_class, CdKnowledgeView, search_entry);
  gtk_widget_class_bind_template_child (widget_class, CdKnowledgeView, category_dropdown);
  gtk_widget_class_bind_template_child (widget_class, CdKnowledgeView, sort_dropdown);
  gtk_widget_class_bind_template_child (widget_class, CdKnowledgeView, archived_toggle);
  gtk_widget_class_bind_template_child (widget_class, CdKnowledgeView, list_stack);
  gtk_widget_class_bind_template_child (widget_class, CdKnowledgeView, list_empty_page);
  gtk_widget_class_bind_template_child (widget_class, CdKnowledgeView, article_list);
  gtk_widget_class_bind_template_child (widget_class, CdKnowledgeView, reader_stack);
  gtk_widget_class_bind_template_child (widget_class, CdKnowledgeView, reader_scroll);
  gtk_widget_class_bind_template_child (widget_class, CdKnowledgeView, title_label);
  gtk_widget_class_bind_template_child (widget_class, CdKnowledgeView, meta_label);
  gtk_widget_class_bind_template_child (widget_class, CdKnowledgeView, tags_label);
  gtk_widget_class_bind_template_child (widget_class, CdKnowledgeView, body_label);
  gtk_widget_class_bind_template_child (widget_class, CdKnowledgeView, links_group);
  gtk_widget_class_bind_template_child (widget_class, CdKnowledgeView, links_list);
  gtk_widget_class_bind_template_child (widget_class, CdKnowledgeView, archive_button);
  gtk_widget_class_bind_template_child (widget_class, CdKnowledgeView, replies_group);
  gtk_widget_class_bind_template_child (widget_class, CdKnowledgeView, replies_list);
  gtk_widget_class_bind_template_child (widget_class, CdKnowledgeView, categories);
  gtk_widget_class_bind_template_callback (widget_class, on_filter_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_article_list_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_body_label_activate_link_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_links_list_row_activated_cb);

  gtk_widget_class_install_action (widget_class, "kb.new", NULL, new_action);
  gtk_widget_class_install_action (widget_class, "kb.new-article", NULL, new_article_action);
  gtk_widget_class_install_action (widget_class, "kb.edit-article", NULL, edit_article_action);
  gtk_widget_class_install_action (widget_class, "kb.archive-article", NULL, archive_article_action);
  gtk_widget_class_install_action (widget_class, "kb.new-reply", NULL, new_reply_action);
  gtk_widget_class_install_action (widget_class, "kb.edit-reply", "x", edit_reply_action);
  gtk_widget_class_install_action (widget_class, "kb.back", NULL, back_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK, "kb.new", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_e, GDK_CONTROL_MASK, "kb.edit-article", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Left, GDK_ALT_MASK, "kb.back", NULL);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
cd_knowledge_view_init (CdKnowledgeView *self)
{
  self->cancellable = g_cancellable_new ();
  self->store_signals = g_signal_group_new (CD_TYPE_STORE);
  g_signal_group_connect_swapped (self->store_signals, "changed::kb_articles", G_CALLBACK (on_articles_changed_cb), self);
  g_signal_group_connect_swapped (self->store_signals, "changed::kb_article_links", G_CALLBACK (on_links_changed_cb), self);
  g_signal_group_connect_swapped (self->store_signals, "changed::canned_replies", G_CALLBACK (on_replies_changed_cb), self);
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
cd_knowledge_view_new (CdStore *store)
{
  g_return_val_if_fail (CD_IS_STORE (store), NULL);
  return g_object_new (CD_TYPE_KNOWLEDGE_VIEW, "store", store, NULL);
}

void
cd_knowledge_view_show_article (CdKnowledgeView *self,
                                gint64           id)
{
  g_return_if_fail (CD_IS_KNOWLEDGE_VIEW (self));

  adw_view_stack_set_visible_child_name (self->view_stack, "articles");
  load_article (self, id);
  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_FORWARD);
}

void
cd_knowledge_view_show_replies (CdKnowledgeView *self)
{
  g_return_if_fail (CD_IS_KNOWLEDGE_VIEW (self));

  adw_view_stack_set_visible_child_name (self->view_stack, "replies");
}

gint64
cd_knowledge_view_get_article_id (CdKnowledgeView *self)
{
  g_return_val_if_fail (CD_IS_KNOWLEDGE_VIEW (self), 0);
  return self->article != NULL ? self->article->id : 0;
}

GListModel *
cd_knowledge_view_get_model (CdKnowledgeView *self)
{
  g_return_val_if_fail (CD_IS_KNOWLEDGE_VIEW (self), NULL);
  return G_LIST_MODEL (self->model);
}

GtkSearchEntry *
cd_knowledge_view_get_search_entry (CdKnowledgeView *self)
{
  g_return_val_if_fail (CD_IS_KNOWLEDGE_VIEW (self), NULL);
  return self->search_entry;
}
