/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "caredesk-knowledge"

#include "config.h"

#include <glib/gi18n.h>

#include "cd-article-editor.h"
#include "cd-conflict-dialog.h"
#include "cd-knowledge-util.h"
#include "cd-knowledge-write.h"

struct _CdArticleEditor
{
  AdwWindow        parent_instance;

  CdStore         *store;
  gint64           article_id;
  CdArticle       *article;      /* as loaded; NULL for a new one */
  GCancellable    *cancellable;
  gboolean         saving;
  gboolean         can_save;

  /* Template widgets */
  AdwWindowTitle  *window_title;
  GtkButton       *save_button;
  AdwToastOverlay *toast_overlay;
  AdwEntryRow     *title_row;
  GtkLabel        *title_error;
  AdwEntryRow     *category_row;
  GtkLabel        *category_error;
  AdwEntryRow     *tags_row;
  GtkLabel        *tags_error;
  GtkTextView     *body_view;
  GtkWidget       *body_frame;
  GtkLabel        *body_error;
  GtkLabel        *preview_label;
};

enum {
  PROP_0,
  PROP_STORE,
  PROP_ARTICLE_ID,
  N_PROPS
};

enum {
  SAVED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (CdArticleEditor, cd_article_editor, ADW_TYPE_WINDOW)

static void
show_toast (CdArticleEditor *self,
            const char      *message)
{
  AdwToast *toast = adw_toast_new (message);

  adw_toast_set_timeout (toast, 0);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

/* The article as the form says. */
static CdArticle *
form_article (CdArticleEditor *self)
{
  CdArticle *article = self->article != NULL ? cd_article_copy (self->article) : cd_article_new ();

  g_free (article->title);
  article->title = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->title_row)));
  g_free (article->category);
  article->category = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->category_row)));
  g_free (article->tags);
  article->tags = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->tags_row)));
  g_free (article->body);
  article->body = cd_knowledge_text_view_dup (self->body_view);
  return article;
}

static gboolean
same_text (const char *a,
           const char *b)
{
  return g_strcmp0 (a != NULL ? a : "", b != NULL ? b : "") == 0;
}

static void
validate (CdArticleEditor *self)
{
  g_autoptr(CdArticle) article = form_article (self);
  g_autofree char *title = cd_article_validate_title (article->title);
  g_autofree char *category = cd_article_validate_category (article->category);
  g_autofree char *tags = cd_article_validate_tags (article->tags);
  g_autofree char *body = cd_article_validate_body (article->body);
  g_autofree char *preview = cd_article_body_markup (article->body);
  gboolean changed = self->article == NULL ||
                     !same_text (article->title, self->article->title) ||
                     !same_text (article->category, self->article->category) ||
                     !same_text (article->tags, self->article->tags) ||
                     !same_text (article->body, self->article->body);

  /* An empty new form is not wrong yet, only not ready. */
  if (self->article == NULL && *gtk_editable_get_text (GTK_EDITABLE (self->title_row)) == '\0')
    cd_knowledge_show_field_error (GTK_WIDGET (self->title_row), self->title_error, NULL);
  else
    cd_knowledge_show_field_error (GTK_WIDGET (self->title_row), self->title_error, title);
  cd_knowledge_show_field_error (GTK_WIDGET (self->category_row), self->category_error, category);
  cd_knowledge_show_field_error (GTK_WIDGET (self->tags_row), self->tags_error, tags);
  cd_knowledge_show_field_error (self->body_frame, self->body_error, body);

  gtk_label_set_markup (self->preview_label, *preview != '\0' ? preview : "");
  gtk_widget_set_visible (GTK_WIDGET (self->preview_label), *preview != '\0');

  self->can_save = title == NULL && category == NULL && tags == NULL && body == NULL && changed && !self->saving;
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "article.save", self->can_save);
}

static void
on_field_changed_cb (CdArticleEditor *self)
{
  validate (self);
}

static void
fill (CdArticleEditor *self)
{
  const CdArticle *a = self->article;

  gtk_editable_set_text (GTK_EDITABLE (self->title_row), a != NULL ? a->title : "");
  gtk_editable_set_text (GTK_EDITABLE (self->category_row), a != NULL && a->category != NULL ? a->category : "");
  gtk_editable_set_text (GTK_EDITABLE (self->tags_row), a != NULL && a->tags != NULL ? a->tags : "");
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->body_view), a != NULL ? a->body : "", -1);
  adw_window_title_set_title (self->window_title, a != NULL ? _("Edit Article") : _("New Article"));
  gtk_window_set_title (GTK_WINDOW (self), a != NULL ? _("Edit Article") : _("New Article"));
  validate (self);
}

/* Saving ------------------------------------------------------------------- */

static gboolean save_with_version (CdArticleEditor *self,
                                   gint64           version);

static void
on_conflict_response_cb (AdwMessageDialog *dialog,
                         const char       *response,
                         CdArticleEditor  *self)
{
  switch (cd_conflict_dialog_choice_from_response (response))
    {
    case CD_CONFLICT_CHOICE_RELOAD:
      {
        g_autoptr(GError) error = NULL;
        CdArticle *fresh = cd_article_load (self->store, self->article_id, &error);

        if (fresh == NULL)
          {
            show_toast (self, error->message);
            return;
          }
        g_clear_pointer (&self->article, cd_article_free);
        self->article = fresh;
        fill (self);
      }
      break;
    case CD_CONFLICT_CHOICE_OVERWRITE:
      save_with_version (self, 0);
      break;
    case CD_CONFLICT_CHOICE_CANCEL:
    default:
      break;
    }
}

static void
ask_about_conflict (CdArticleEditor *self)
{
  g_autoptr(CdArticle) theirs = cd_article_load (self->store, self->article_id, NULL);
  g_autoptr(CdArticle) mine = form_article (self);
  GtkWidget *dialog = cd_conflict_dialog_new (GTK_WINDOW (self), _("this article"));

  if (theirs != NULL)
    {
      CdConflictDialog *conflict = CD_CONFLICT_DIALOG (dialog);

      cd_conflict_dialog_add_field (conflict, _("Title"), mine->title, theirs->title);
      cd_conflict_dialog_add_field (conflict, _("Category"), mine->category, theirs->category);
      cd_conflict_dialog_add_field (conflict, _("Tags"), mine->tags, theirs->tags);
      cd_conflict_dialog_add_field (conflict, _("Text"), mine->body, theirs->body);
      cd_conflict_dialog_set_changed_by (conflict, NULL, theirs->updated_at);
    }
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_conflict_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
set_saving (CdArticleEditor *self,
            gboolean         saving)
{
  self->saving = saving;
  cd_knowledge_button_set_busy (self->save_button, saving);
  validate (self);
}

static void
saved_cb (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(CdArticleEditor) self = user_data;
  g_autoptr(GError) error = NULL;
  CdKnowledgeWrite *write = cd_knowledge_write_finish (CD_STORE (source), result, &error);

  if (self->store == NULL)
    return;
  set_saving (self, FALSE);
  if (write == NULL)
    {
      if (g_error_matches (error, CD_STORE_ERROR, CD_STORE_ERROR_STALE))
        ask_about_conflict (self);
      else if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        show_toast (self, error->message);
      return;
    }
  if (write->new_id != 0)
    self->article_id = write->new_id;
  g_signal_emit (self, signals[SAVED], 0, self->article_id);
  cd_knowledge_close_window_soon (GTK_WINDOW (self));
}

static gboolean
save_with_version (CdArticleEditor *self,
                   gint64           version)
{
  CdKnowledgeWrite *write;

  if (self->saving)
    return FALSE;
  write = cd_knowledge_write_new (self->article_id != 0 ? CD_KNOWLEDGE_WRITE_UPDATE_ARTICLE
                                                        : CD_KNOWLEDGE_WRITE_CREATE_ARTICLE,
                                  self->article_id);
  write->article = form_article (self);
  write->article->id = self->article_id;
  write->version = version;
  set_saving (self, TRUE);
  cd_knowledge_write_start (self->store, write, self->cancellable, saved_cb, g_object_ref (self));
  return TRUE;
}

gboolean
cd_article_editor_save (CdArticleEditor *self)
{
  g_return_val_if_fail (CD_IS_ARTICLE_EDITOR (self), FALSE);

  validate (self);
  if (!self->can_save)
    {
      /* Say what is missing, also on a form left empty. */
      g_autofree char *title = cd_article_validate_title (gtk_editable_get_text (GTK_EDITABLE (self->title_row)));

      cd_knowledge_show_field_error (GTK_WIDGET (self->title_row), self->title_error, title);
      return FALSE;
    }
  return save_with_version (self, self->article != NULL ? self->article->version : 0);
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  cd_article_editor_save (CD_ARTICLE_EDITOR (widget));
}

/* GObject --------------------------------------------------------------------- */

static gboolean
cd_article_editor_close_request (GtkWindow *window)
{
  /* A save under way finishes first: the window then closes itself. */
  if (CD_ARTICLE_EDITOR (window)->saving)
    return TRUE;
  return GTK_WINDOW_CLASS (cd_article_editor_parent_class)->close_request (window);
}

static void
cd_article_editor_constructed (GObject *object)
{
  CdArticleEditor *self = CD_ARTICLE_EDITOR (object);

  G_OBJECT_CLASS (cd_article_editor_parent_class)->constructed (object);

  if (self->article_id != 0)
    {
      g_autoptr(GError) error = NULL;

      self->article = cd_article_load (self->store, self->article_id, &error);
      if (self->article == NULL)
        show_toast (self, error->message);
    }
  fill (self);
}

static void
cd_article_editor_dispose (GObject *object)
{
  CdArticleEditor *self = CD_ARTICLE_EDITOR (object);

  g_cancellable_cancel (self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), CD_TYPE_ARTICLE_EDITOR);
  g_clear_object (&self->store);
  g_clear_pointer (&self->article, cd_article_free);

  G_OBJECT_CLASS (cd_article_editor_parent_class)->dispose (object);
}

static void
cd_article_editor_finalize (GObject *object)
{
  CdArticleEditor *self = CD_ARTICLE_EDITOR (object);

  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (cd_article_editor_parent_class)->finalize (object);
}

static void
cd_article_editor_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  CdArticleEditor *self = CD_ARTICLE_EDITOR (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    case PROP_ARTICLE_ID:
      g_value_set_int64 (value, self->article_id);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cd_article_editor_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  CdArticleEditor *self = CD_ARTICLE_EDITOR (object);

  switch (prop_id)
    {
    case PROP_STORE:
      self->store = g_value_dup_object (value);
      break;
    case PROP_ARTICLE_ID:
      self->article_id = g_value_get_int64 (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cd_article_editor_class_init (CdArticleEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->constructed = cd_article_editor_constructed;
  object_class->dispose = cd_article_editor_dispose;
  object_class->finalize = cd_article_editor_finalize;
  object_class->get_property = cd_article_editor_get_property;
  object_class->set_property = cd_article_editor_set_property;
  window_class->close_request = cd_article_editor_close_request;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, CD_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ARTICLE_ID] =
    g_param_spec_int64 ("article-id", NULL, NULL, 0, G_MAXINT64, 0,
                        G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[SAVED] =
    g_signal_new ("saved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT64);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/knowledge/cd-article-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, CdArticleEditor, window_title);
  gtk_widget_class_bind_template_child (widget_class, CdArticleEditor, save_button);
  gtk_widget_class_bind_template_child (widget_class, CdArticleEditor, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, CdArticleEditor, title_row);
  gtk_widget_class_bind_template_child (widget_class, CdArticleEditor, title_error);
  gtk_widget_class_bind_template_child (widget_class, CdArticleEditor, category_row);
  gtk_widget_class_bind_template_child (widget_class, CdArticleEditor, category_error);
  gtk_widget_class_bind_template_child (widget_class, CdArticleEditor, tags_row);
  gtk_widget_class_bind_template_child (widget_class, CdArticleEditor, tags_error);
  gtk_widget_class_bind_template_child (widget_class, CdArticleEditor, body_view);
  gtk_widget_class_bind_template_child (widget_class, CdArticleEditor, body_frame);
  gtk_widget_class_bind_template_child (widget_class, CdArticleEditor, body_error);
  gtk_widget_class_bind_template_child (widget_class, CdArticleEditor, preview_label);
  gtk_widget_class_bind_template_callback (widget_class, on_field_changed_cb);

  gtk_widget_class_install_action (widget_class, "article.save", NULL, save_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK, "article.save", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
cd_article_editor_init (CdArticleEditor *self)
{
  self->cancellable = g_cancellable_new ();
  gtk_widget_init_template (GTK_WIDGET (self));
  g_signal_connect_object (gtk_text_view_get_buffer (self->body_view), "changed",
                           G_CALLBACK (on_field_changed_cb), self, G_CONNECT_SWAPPED);
}

CdArticleEditor *
cd_article_editor_new (CdStore *store,
                       gint64   article_id)
{
  g_return_val_if_fail (CD_IS_STORE (store), NULL);
  return g_object_new (CD_TYPE_ARTICLE_EDITOR, "store", store, "article-id", article_id, NULL);
}

gint64
cd_article_editor_get_article_id (CdArticleEditor *self)
{
  g_return_val_if_fail (CD_IS_ARTICLE_EDITOR (self), 0);
  return self->article_id;
}

GtkEditable *
cd_article_editor_get_title_row (CdArticleEditor *self)
{
  g_return_val_if_fail (CD_IS_ARTICLE_EDITOR (self), NULL);
  return GTK_EDITABLE (self->title_row);
}

GtkEditable *
cd_article_editor_get_category_row (CdArticleEditor *self)
{
  g_return_val_if_fail (CD_IS_ARTICLE_EDITOR (self), NULL);
  return GTK_EDITABLE (self->category_row);
}

GtkEditable *
cd_article_editor_get_tags_row (CdArticleEditor *self)
{
  g_return_val_if_fail (CD_IS_ARTICLE_EDITOR (self), NULL);
  return GTK_EDITABLE (self->tags_row);
}

GtkTextView *
cd_article_editor_get_body_view (CdArticleEditor *self)
{
  g_return_val_if_fail (CD_IS_ARTICLE_EDITOR (self), NULL);
  return self->body_view;
}
