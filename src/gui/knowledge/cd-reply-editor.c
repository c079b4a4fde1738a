/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "caredesk-knowledge"

#include "config.h"

#include <glib/gi18n.h>

#include "cd-conflict-dialog.h"
#include "cd-datetime.h"
#include "cd-knowledge-util.h"
#include "cd-knowledge-write.h"
#include "cd-reply-editor.h"

struct _CdReplyEditor
{
  AdwWindow        parent_instance;

  CdStore         *store;
  gint64           reply_id;
  CdCannedReply   *reply;        /* as loaded; NULL for a new one */
  GCancellable    *cancellable;
  gboolean         saving;
  gboolean         can_save;

  /* Template widgets */
  AdwWindowTitle  *window_title;
  GtkButton       *save_button;
  GtkButton       *delete_button;
  AdwToastOverlay *toast_overlay;
  AdwEntryRow     *title_row;
  GtkLabel        *title_error;
  AdwActionRow    *personal_row;
  GtkSwitch       *personal_switch;
  GtkTextView     *body_view;
  GtkWidget       *body_frame;
  GtkLabel        *body_error;
  GtkLabel        *warning_label;
  GtkLabel        *preview_label;
};

enum {
  PROP_0,
  PROP_STORE,
  PROP_REPLY_ID,
  N_PROPS
};

enum {
  SAVED,
  DELETED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (CdReplyEditor, cd_reply_editor, ADW_TYPE_WINDOW)

static void
show_toast (CdReplyEditor *self,
            const char    *message)
{
  AdwToast *toast = adw_toast_new (message);

  adw_toast_set_timeout (toast, 0);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

static CdCannedReply *
form_reply (CdReplyEditor *self)
{
  CdCannedReply *reply = cd_canned_reply_new ();

  reply->id = self->reply_id;
  g_free (reply->title);
  reply->title = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->title_row)));
  g_free (reply->body);
  reply->body = cd_knowledge_text_view_dup (self->body_view);
  return reply;
}

/* The body as a note would get it, with example values: the signed-in
 * person is themselves, the rest made up. */
static void
update_preview (CdReplyEditor *self,
                const char    *body)
{
  g_autofree char *ticket = cd_ticket_format_number (123);
  g_autofree char *promised = cd_datetime_format_when (cd_store_now (self->store) + 24 * 3600,
                                                       cd_store_now (self->store));
  const char *me = cd_store_get_display_name (self->store);
  CdReplyValues values = {
    /* Translators: an example customer's name, in the preview of a canned reply */
    .customer = C_("example", "Wang Fang"),
    .me = me != NULL && *me != '\0' ? me : _("You"),
    .ticket = ticket,
    .promised = promised,
  };
  g_autofree char *text = cd_canned_reply_fill (body, &values);

  if (*body == '\0')
    {
      gtk_label_set_text (self->preview_label, _("Write the reply’s text to see it here."));
      gtk_widget_add_css_class (GTK_WIDGET (self->preview_label), "dim-label");
    }
  else
    {
      gtk_label_set_text (self->preview_label, text);
      gtk_widget_remove_css_class (GTK_WIDGET (self->preview_label), "dim-label");
    }
}

static void
validate (CdReplyEditor *self)
{
  g_autoptr(CdCannedReply) reply = form_reply (self);
  g_autofree char *title = cd_canned_reply_validate_title (reply->title);
  g_autofree char *body = cd_canned_reply_validate_body (reply->body);
  g_auto(GStrv) unknown = cd_canned_reply_unknown_placeholders (reply->body);
  gboolean fresh = self->reply == NULL;
  gboolean changed = fresh || g_strcmp0 (reply->title, self->reply->title) != 0 ||
                     g_strcmp0 (reply->body, self->reply->body) != 0;

  /* An empty new form is not wrong yet, only not ready. */
  cd_knowledge_show_field_error (GTK_WIDGET (self->title_row), self->title_error,
                                 fresh && *reply->title == '\0' ? NULL : title);
  cd_knowledge_show_field_error (self->body_frame, self->body_error,
                                 fresh && *reply->body == '\0' ? NULL : body);

  if (unknown[0] != NULL)
    {
      g_autofree char *list = g_strjoinv (", ", unknown);
      g_autofree char *text =
        g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                      /* Translators: %s is a placeholder such as {custmer} */
                                      "Caredesk does not fill in %s: it goes into the note as written. The placeholders are {customer}, {me}, {ticket} and {promised}.",
                                      "Caredesk does not fill in %s: they go into the note as written. The placeholders are {customer}, {me}, {ticket} and {promised}.",
                                      g_strv_length (unknown)),
                         list);
      gtk_label_set_text (self->warning_label, text);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->warning_label), unknown[0] != NULL);
  update_preview (self, reply->body);

  self->can_save = title == NULL && body == NULL && changed && !self->saving;
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "reply.save", self->can_save);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "reply.delete", !fresh && !self->saving);
}

static void
on_field_changed_cb (CdReplyEditor *self)
{
  validate (self);
}

static void
fill (CdReplyEditor *self)
{
  const CdCannedReply *r = self->reply;

  gtk_editable_set_text (GTK_EDITABLE (self->title_row), r != NULL ? r->title : "");
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->body_view), r != NULL ? r->body : "", -1);
  gtk_switch_set_active (self->personal_switch, r != NULL && r->owner_id != 0);
  /* Whose it is is decided when it is written. */
  gtk_widget_set_sensitive (GTK_WIDGET (self->personal_switch), r == NULL);
  adw_action_row_set_subtitle (self->personal_row,
                               r == NULL ? _("Nobody else sees it; otherwise the whole team can use and change it")
                               : r->owner_id != 0 ? _("Your own reply") : _("The team’s reply: everyone can use and change it"));
  adw_window_title_set_title (self->window_title, r != NULL ? _("Edit Reply") : _("New Reply"));
  gtk_window_set_title (GTK_WINDOW (self), r != NULL ? _("Edit Reply") : _("New Reply"));
  gtk_widget_set_visible (GTK_WIDGET (self->delete_button), r != NULL);
  validate (self);
}

static void
insert_placeholder_action (GtkWidget  *widget,
                           const char *action_name,
                           GVariant   *parameter)
{
  CdReplyEditor *self = CD_REPLY_EDITOR (widget);
  g_autofree char *text = g_strdup_printf ("{%s}", g_variant_get_string (parameter, NULL));
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->body_view);

  gtk_text_buffer_insert_at_cursor (buffer, text, -1);
  gtk_widget_grab_focus (GTK_WIDGET (self->body_view));
}

/* Saving -------------------------------------------------------------------- */

static gboolean save_with_version (CdReplyEditor *self,
                                   gint64         version);

static void
on_conflict_response_cb (AdwMessageDialog *dialog,
                         const char       *response,
                         CdReplyEditor    *self)
{
  switch (cd_conflict_dialog_choice_from_response (response))
    {
    case CD_CONFLICT_CHOICE_RELOAD:
      {
        g_autoptr(GError) error = NULL;
        CdCannedReply *fresh = cd_canned_reply_load (self->store, self->reply_id, &error);

        if (fresh == NULL)
          {
            show_toast (self, error->message);
            return;
          }
        g_clear_pointer (&self->reply, cd_canned_reply_free);
        self->reply = fresh;
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
ask_about_conflict (CdReplyEditor *self)
{
  g_autoptr(CdCannedReply) theirs = cd_canned_reply_load (self->store, self->reply_id, NULL);
  g_autoptr(CdCannedReply) mine = form_reply (self);
  GtkWidget *dialog = cd_conflict_dialog_new (GTK_WINDOW (self), _("this reply"));

  if (theirs != NULL)
    {
      cd_conflict_dialog_add_field (CD_CONFLICT_DIALOG (dialog), _("Title"), mine->title, theirs->title);
      cd_conflict_dialog_add_field (CD_CONFLICT_DIALOG (dialog), _("Text"), mine->body, theirs->body);
      cd_conflict_dialog_set_changed_by (CD_CONFLICT_DIALOG (dialog), NULL, theirs->updated_at);
    }
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_conflict_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
set_saving (CdReplyEditor *self,
            gboolean       saving)
{
  self->saving = saving;
  cd_knowledge_button_set_busy (self->save_button, saving);
  validate (self);
}

static void
written_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(CdReplyEditor) self = user_data;
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
  if (write->kind == CD_KNOWLEDGE_WRITE_DELETE_REPLY)
    g_signal_emit (self, signals[DELETED], 0, self->reply_id);
  else
    g_signal_emit (self, signals[SAVED], 0, write->new_id != 0 ? write->new_id : self->reply_id);
  cd_knowledge_close_window_soon (GTK_WINDOW (self));
}

static gboolean
save_with_version (CdReplyEditor *self,
                   gint64         version)
{
  CdKnowledgeWrite *write;

  if (self->saving)
    return FALSE;
  write = cd_knowledge_write_new (self->reply_id != 0 ? CD_KNOWLEDGE_WRITE_UPDATE_REPLY
                                                      : CD_KNOWLEDGE_WRITE_CREATE_REPLY,
                                  self->reply_id);
  write->reply = form_reply (self);
  write->version = version;
  write->personal = gtk_switch_get_active (self->personal_switch);
  set_saving (self, TRUE);
  cd_knowledge_write_start (self->store, write, self->cancellable, written_cb, g_object_ref (self));
  return TRUE;
}

gboolean
cd_reply_editor_save (CdReplyEditor *self)
{
  g_return_val_if_fail (CD_IS_REPLY_EDITOR (self), FALSE);

  validate (self);
  if (!self->can_save)
    return FALSE;
  return save_with_version (self, self->reply != NULL ? self->reply->version : 0);
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  cd_reply_editor_save (CD_REPLY_EDITOR (widget));
}

static void
on_delete_response_cb (AdwMessageDialog *dialog,
                       const char       *response,
                       CdReplyEditor    *self)
{
  CdKnowledgeWrite *write;

  if (!g_str_equal (response, "delete") || self->reply == NULL || self->saving)
    return;
  write = cd_knowledge_write_new (CD_KNOWLEDGE_WRITE_DELETE_REPLY, self->reply_id);
  write->version = self->reply->version;
  set_saving (self, TRUE);
  cd_knowledge_write_start (self->store, write, self->cancellable, written_cb, g_object_ref (self));
}

static void
delete_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  CdReplyEditor *self = CD_REPLY_EDITOR (widget);
  GtkWidget *dialog;

  if (self->reply == NULL)
    return;
  dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Delete This Reply?"), NULL);
  adw_message_dialog_format_body (ADW_MESSAGE_DIALOG (dialog),
                                  self->reply->owner_id != 0
                                  ? _("“%s” will be gone. Notes it was put into keep their text.")
                                  : _("“%s” will be gone for the whole team. Notes it was put into keep their text."),
                                  self->reply->title);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "delete", _("_Delete"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "delete", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_delete_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* GObject ----------------------------------------------------------------------- */

static gboolean
cd_reply_editor_close_request (GtkWindow *window)
{
  if (CD_REPLY_EDITOR (window)->saving)
    return TRUE;
  return GTK_WINDOW_CLASS (cd_reply_editor_parent_class)->close_request (window);
}

static void
cd_reply_editor_constructed (GObject *object)
{
  CdReplyEditor *self = CD_REPLY_EDITOR (object);

  G_OBJECT_CLASS (cd_reply_editor_parent_class)->constructed (object);

  if (self->reply_id != 0)
    {
      g_autoptr(GError) error = NULL;

      self->reply = cd_canned_reply_load (self->store, self->reply_id, &error);
      if (self->reply == NULL)
        show_toast (self, error->message);
    }
  fill (self);
}

static void
cd_reply_editor_dispose (GObject *object)
{
  CdReplyEditor *self = CD_REPLY_EDITOR (object);

  g_cancellable_cancel (self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), CD_TYPE_REPLY_EDITOR);
  g_clear_object (&self->store);
  g_clear_pointer (&self->reply, cd_canned_reply_free);

  G_OBJECT_CLASS (cd_reply_editor_parent_class)->dispose (object);
}

static void
cd_reply_editor_finalize (GObject *object)
{
  g_clear_object (&CD_REPLY_EDITOR (object)->cancellable);

  G_OBJECT_CLASS (cd_reply_editor_parent_class)->finalize (object);
}

static void
cd_reply_editor_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  CdReplyEditor *self = CD_REPLY_EDITOR (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    case PROP_REPLY_ID:
      g_value_set_int64 (value, self->reply_id);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cd_reply_editor_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  CdReplyEditor *self = CD_REPLY_EDITOR (object);

  switch (prop_id)
    {
    case PROP_STORE:
      self->store = g_value_dup_object (value);
      break;
    case PROP_REPLY_ID:
      self->reply_id = g_value_get_int64 (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cd_reply_editor_class_init (CdReplyEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->constructed = cd_reply_editor_constructed;
  object_class->dispose = cd_reply_editor_dispose;
  object_class->finalize = cd_reply_editor_finalize;
  object_class->get_property = cd_reply_editor_get_property;
  object_class->set_property = cd_reply_editor_set_property;
  window_class->close_request = cd_reply_editor_close_request;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, CD_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_REPLY_ID] =
    g_param_spec_int64 ("reply-id", NULL, NULL, 0, G_MAXINT64, 0,
                        G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[SAVED] =
    g_signal_new ("saved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT64);
  signals[DELETED] =
    g_signal_new ("deleted", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT64);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/knowledge/cd-reply-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, CdReplyEditor, window_title);
  gtk_widget_class_bind_template_child (widget_class, CdReplyEditor, save_button);
  gtk_widget_class_bind_template_child (widget_class, CdReplyEditor, delete_button);
  gtk_widget_class_bind_template_child (widget_class, CdReplyEditor, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, CdReplyEditor, title_row);
  gtk_widget_class_bind_template_child (widget_class, CdReplyEditor, title_error);
  gtk_widget_class_bind_template_child (widget_class, CdReplyEditor, personal_row);
  gtk_widget_class_bind_template_child (widget_class, CdReplyEditor, personal_switch);
  gtk_widget_class_bind_template_child (widget_class, CdReplyEditor, body_view);
  gtk_widget_class_bind_template_child (widget_class, CdReplyEditor, body_frame);
  gtk_widget_class_bind_template_child (widget_class, CdReplyEditor, body_error);
  gtk_widget_class_bind_template_child (widget_class, CdReplyEditor, warning_label);
  gtk_widget_class_bind_template_child (widget_class, CdReplyEditor, preview_label);
  gtk_widget_class_bind_template_callback (widget_class, on_field_changed_cb);

  gtk_widget_class_install_action (widget_class, "reply.save", NULL, save_action);
  gtk_widget_class_install_action (widget_class, "reply.delete", NULL, delete_action);
  gtk_widget_class_install_action (widget_class, "reply.insert-placeholder", "s", insert_placeholder_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK, "reply.save", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
cd_reply_editor_init (CdReplyEditor *self)
{
  self->cancellable = g_cancellable_new ();
  gtk_widget_init_template (GTK_WIDGET (self));
  g_signal_connect_object (gtk_text_view_get_buffer (self->body_view), "changed",
                           G_CALLBACK (on_field_changed_cb), self, G_CONNECT_SWAPPED);
}

CdReplyEditor *
cd_reply_editor_new (CdStore *store,
                     gint64   reply_id)
{
  g_return_val_if_fail (CD_IS_STORE (store), NULL);
  return g_object_new (CD_TYPE_REPLY_EDITOR, "store", store, "reply-id", reply_id, NULL);
}

GtkEditable *
cd_reply_editor_get_title_row (CdReplyEditor *self)
{
  g_return_val_if_fail (CD_IS_REPLY_EDITOR (self), NULL);
  return GTK_EDITABLE (self->title_row);
}

GtkTextView *
cd_reply_editor_get_body_view (CdReplyEditor *self)
{
  g_return_val_if_fail (CD_IS_REPLY_EDITOR (self), NULL);
  return self->body_view;
}

GtkSwitch *
cd_reply_editor_get_personal_switch (CdReplyEditor *self)
{
  g_return_val_if_fail (CD_IS_REPLY_EDITOR (self), NULL);
  return self->personal_switch;
}

const char *
cd_reply_editor_get_warning (CdReplyEditor *self)
{
  g_return_val_if_fail (CD_IS_REPLY_EDITOR (self), NULL);
  return gtk_widget_get_visible (GTK_WIDGET (self->warning_label)) ? gtk_label_get_text (self->warning_label) : NULL;
}

const char *
cd_reply_editor_get_preview (CdReplyEditor *self)
{
  g_return_val_if_fail (CD_IS_REPLY_EDITOR (self), NULL);
  return gtk_label_get_text (self->preview_label);
}
