/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "caredesk-conflict"

#include "config.h"

#include <glib/gi18n.h>

#include "cd-conflict-dialog.h"
#include "cd-datetime.h"
#include "cd-validate.h"

/* Values longer than this are cut in the list; the whole text is in the
 * record itself after a reload. */
#define MAX_SHOWN_CHARS 400

typedef struct {
  char *label;
  char *yours;
  char *theirs;
} Field;

struct _CdConflictDialog
{
  AdwMessageDialog  parent_instance;

  char             *record_name;
  char             *changed_by;
  gint64            changed_at;
  GPtrArray        *fields;

  GtkWidget        *fields_list;
  GtkWidget        *nothing_label;
};

G_DEFINE_FINAL_TYPE (CdConflictDialog, cd_conflict_dialog, ADW_TYPE_MESSAGE_DIALOG)

static void
field_free (Field *field)
{
  g_free (field->label);
  g_free (field->yours);
  g_free (field->theirs);
  g_free (field);
}

static char *
shown_value (const char *value)
{
  if (value == NULL || *value == '\0')
    return g_strdup (_("(empty)"));

  return cd_text_shorten (value, MAX_SHOWN_CHARS);
}

static void
update_body (CdConflictDialog *self)
{
  g_autofree char *body = NULL;

  if (self->changed_by != NULL && self->changed_at > 0)
    {
      g_autofree char *time = cd_datetime_format_time (self->changed_at);

      /* Translators: first %s is a person, second a time, third e.g. "ticket T-000123" */
      body = g_strdup_printf (_("%s saved %s at %s, after you opened it. Nothing of yours has been saved yet. Reload to see their version, or overwrite it with yours."),
                              self->changed_by, self->record_name, time);
    }
  else if (self->changed_by != NULL)
    body = g_strdup_printf (_("%s saved %s after you opened it. Nothing of yours has been saved yet. Reload to see their version, or overwrite it with yours."),
                            self->changed_by, self->record_name);
  else
    body = g_strdup_printf (_("Someone else saved %s after you opened it. Nothing of yours has been saved yet. Reload to see their version, or overwrite it with yours."),
                            self->record_name);

  adw_message_dialog_set_body (ADW_MESSAGE_DIALOG (self), body);
}

static GtkWidget *
value_label (const char *text,
             gboolean    dim)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_selectable (GTK_LABEL (label), TRUE);
  if (dim)
    gtk_widget_add_css_class (label, "dim-label");
  return label;
}

gboolean
cd_conflict_dialog_add_field (CdConflictDialog *self,
                              const char       *label,
                              const char       *yours,
                              const char       *theirs)
{
  GtkWidget *row;
  GtkWidget *box;
  GtkWidget *title;
  Field *field;
  g_autofree char *shown_yours = NULL;
  g_autofree char *shown_theirs = NULL;
  g_autofree char *yours_text = NULL;
  g_autofree char *theirs_text = NULL;

  g_return_val_if_fail (CD_IS_CONFLICT_DIALOG (self), FALSE);
  g_return_val_if_fail (label != NULL, FALSE);

  if (g_strcmp0 (yours != NULL ? yours : "", theirs != NULL ? theirs : "") == 0)
    return FALSE;

  field = g_new0 (Field, 1);
  field->label = g_strdup (label);
  field->yours = g_strdup (yours != NULL ? yours : "");
  field->theirs = g_strdup (theirs != NULL ? theirs : "");
  g_ptr_array_add (self->fields, field);

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 3);
  gtk_widget_set_margin_top (box, 8);
  gtk_widget_set_margin_bottom (box, 8);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);

  title = gtk_label_new (label);
  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_widget_add_css_class (title, "heading");
  gtk_box_append (GTK_BOX (box), title);
  shown_yours = shown_value (yours);
  shown_theirs = shown_value (theirs);
  /* Translators: %s is the value the person typed or saw */
  yours_text = g_strdup_printf (_("Yours: %s"), shown_yours);
  /* Translators: %s is the value someone else saved */
  theirs_text = g_strdup_printf (_("Saved now: %s"), shown_theirs);
  gtk_box_append (GTK_BOX (box), value_label (yours_text, FALSE));
  gtk_box_append (GTK_BOX (box), value_label (theirs_text, TRUE));

  row = gtk_list_box_row_new ();
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  gtk_list_box_append (GTK_LIST_BOX (self->fields_list), row);

  gtk_widget_set_visible (self->fields_list, TRUE);
  gtk_widget_set_visible (self->nothing_label, FALSE);
  return TRUE;
}

void
cd_conflict_dialog_set_changed_by (CdConflictDialog *self,
                                   const char       *name,
                                   gint64            when)
{
  g_return_if_fail (CD_IS_CONFLICT_DIALOG (self));

  g_free (self->changed_by);
  self->changed_by = name != NULL && *name != '\0' ? g_strdup (name) : NULL;
  self->changed_at = when;
  update_body (self);
}

guint
cd_conflict_dialog_get_n_fields (CdConflictDialog *self)
{
  g_return_val_if_fail (CD_IS_CONFLICT_DIALOG (self), 0);
  return self->fields->len;
}

void
cd_conflict_dialog_get_field (CdConflictDialog  *self,
                              guint              index,
                              const char       **label,
                              const char       **yours,
                              const char       **theirs)
{
  Field *field;

  g_return_if_fail (CD_IS_CONFLICT_DIALOG (self));
  g_return_if_fail (index < self->fields->len);

  field = g_ptr_array_index (self->fields, index);
  if (label != NULL)
    *label = field->label;
  if (yours != NULL)
    *yours = field->yours;
  if (theirs != NULL)
    *theirs = field->theirs;
}

CdConflictChoice
cd_conflict_dialog_choice_from_response (const char *response)
{
  if (g_strcmp0 (response, CD_CONFLICT_RESPONSE_RELOAD) == 0)
    return CD_CONFLICT_CHOICE_RELOAD;
  if (g_strcmp0 (response, CD_CONFLICT_RESPONSE_OVERWRITE) == 0)
    return CD_CONFLICT_CHOICE_OVERWRITE;
  return CD_CONFLICT_CHOICE_CANCEL;
}

static void
cd_conflict_dialog_finalize (GObject *object)
{
  CdConflictDialog *self = CD_CONFLICT_DIALOG (object);

  g_free (self->record_name);
  g_free (self->changed_by);
  g_clear_pointer (&self->fields, g_ptr_array_unref);

  G_OBJECT_CLASS (cd_conflict_dialog_parent_class)->finalize (object);
}

static void
cd_conflict_dialog_class_init (CdConflictDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = cd_conflict_dialog_finalize;
}

static void
cd_conflict_dialog_init (CdConflictDialog *self)
{
  AdwMessageDialog *dialog = ADW_MESSAGE_DIALOG (self);
  GtkWidget *scrolled;
  GtkWidget *box;

  self->fields = g_ptr_array_new_with_free_func ((GDestroyNotify) field_free);

  adw_message_dialog_set_heading (dialog, _("Someone Else Saved a Newer Version"));
  adw_message_dialog_add_responses (dialog,
                                    CD_CONFLICT_RESPONSE_CANCEL, _("_Keep Editing"),
                                    CD_CONFLICT_RESPONSE_RELOAD, _("_Reload"),
                                    CD_CONFLICT_RESPONSE_OVERWRITE, _("_Overwrite"),
                                    NULL);
  adw_message_dialog_set_response_appearance (dialog, CD_CONFLICT_RESPONSE_OVERWRITE,
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_response_appearance (dialog, CD_CONFLICT_RESPONSE_RELOAD,
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, CD_CONFLICT_RESPONSE_RELOAD);
  adw_message_dialog_set_close_response (dialog, CD_CONFLICT_RESPONSE_CANCEL);

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);

  self->fields_list = gtk_list_box_new ();
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (self->fields_list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (self->fields_list, "boxed-list");
  gtk_widget_set_visible (self->fields_list, FALSE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->fields_list),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("What changed"),
                                  -1);

  scrolled = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scrolled), TRUE);
  gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (scrolled), 320);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), self->fields_list);
  gtk_box_append (GTK_BOX (box), scrolled);

  self->nothing_label = gtk_label_new (_("The fields you can see here are the same in both versions; the other change was to details this form does not show."));
  gtk_label_set_wrap (GTK_LABEL (self->nothing_label), TRUE);
  gtk_label_set_justify (GTK_LABEL (self->nothing_label), GTK_JUSTIFY_CENTER);
  gtk_widget_add_css_class (self->nothing_label, "dim-label");
  gtk_box_append (GTK_BOX (box), self->nothing_label);

  adw_message_dialog_set_extra_child (dialog, box);
}

GtkWidget *
cd_conflict_dialog_new (GtkWindow  *parent,
                        const char *record_name)
{
  CdConflictDialog *self;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (record_name != NULL, NULL);

  self = g_object_new (CD_TYPE_CONFLICT_DIALOG,
                       "transient-for", parent,
                       "modal", TRUE,
                       NULL);
  self->record_name = g_strdup (record_name);
  update_body (self);
  return GTK_WIDGET (self);
}
