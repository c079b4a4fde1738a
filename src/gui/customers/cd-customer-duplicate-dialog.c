/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "caredesk-customers"

#include "config.h"

#include <glib/gi18n.h>

#include "cd-customer-duplicate-dialog.h"

typedef struct {
  gint64  id;
  char   *name;
} Match;

static void
match_clear (gpointer data)
{
  Match *match = data;

  g_free (match->name);
}

struct _CdCustomerDuplicateDialog
{
  AdwMessageDialog  parent_instance;

  GtkListBox       *match_list;

  GArray           *matches;   /* Match */
  guint             selected;
};

G_DEFINE_FINAL_TYPE (CdCustomerDuplicateDialog, cd_customer_duplicate_dialog, ADW_TYPE_MESSAGE_DIALOG)

static gboolean
same_phone (const char *a,
            const char *b)
{
  g_autofree char *key_a = NULL;
  g_autofree char *key_b = NULL;

  if (a == NULL || b == NULL)
    return FALSE;
  key_a = cd_customer_phone_key (a);
  key_b = cd_customer_phone_key (b);
  return key_a[0] != '\0' && g_str_equal (key_a, key_b);
}

static gboolean
same_email (const char *a,
            const char *b)
{
  g_autofree char *fold_a = NULL;
  g_autofree char *fold_b = NULL;

  if (a == NULL || b == NULL)
    return FALSE;
  fold_a = g_utf8_casefold (a, -1);
  fold_b = g_utf8_casefold (b, -1);
  return g_str_equal (fold_a, fold_b);
}

/* What the two records share, in words. No contact details are shown: the
 * person typed them, and the match may belong to someone else's customer. */
static char *
describe_match (const CdCustomer *customer,
                const CdCustomer *match)
{
  gboolean phone = same_phone (customer->phone, match->phone) ||
                   same_phone (customer->phone, match->phone2) ||
                   same_phone (customer->phone2, match->phone) ||
                   same_phone (customer->phone2, match->phone2);
  gboolean email = same_email (customer->email, match->email);
  const char *reason;

  if (phone && email)
    reason = _("Same phone number and email address");
  else if (email)
    reason = _("Same email address");
  else
    reason = _("Same phone number");

  if (match->organisation != NULL)
    /* Translators: "<organisation> · <why it matched>" */
    return g_strdup_printf (_("%s · %s"), match->organisation, reason);
  return g_strdup (reason);
}

static void
on_check_toggled_cb (GtkCheckButton *button,
                     gpointer        user_data)
{
  CdCustomerDuplicateDialog *self = user_data;

  if (gtk_check_button_get_active (button))
    self->selected = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button), "cd-match-index"));
}

static void
cd_customer_duplicate_dialog_finalize (GObject *object)
{
  CdCustomerDuplicateDialog *self = CD_CUSTOMER_DUPLICATE_DIALOG (object);

  g_clear_pointer (&self->matches, g_array_unref);

  G_OBJECT_CLASS (cd_customer_duplicate_dialog_parent_class)->finalize (object);
}

static void
cd_customer_duplicate_dialog_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), CD_TYPE_CUSTOMER_DUPLICATE_DIALOG);

  G_OBJECT_CLASS (cd_customer_duplicate_dialog_parent_class)->dispose (object);
}

static void
cd_customer_duplicate_dialog_class_init (CdCustomerDuplicateDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cd_customer_duplicate_dialog_dispose;
  object_class->finalize = cd_customer_duplicate_dialog_finalize;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/customers/cd-customer-duplicate-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, CdCustomerDuplicateDialog, match_list);
}

static void
cd_customer_duplicate_dialog_init (CdCustomerDuplicateDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->matches = g_array_new (FALSE, TRUE, sizeof (Match));
  g_array_set_clear_func (self->matches, match_clear);
}

CdCustomerDuplicateDialog *
cd_customer_duplicate_dialog_new (CdStore          *store,
                                  const CdCustomer *customer,
                                  GArray           *ids)
{
  CdCustomerDuplicateDialog *self;
  GtkCheckButton *group = NULL;

  g_return_val_if_fail (CD_IS_STORE (store), NULL);
  g_return_val_if_fail (customer != NULL, NULL);
  g_return_val_if_fail (ids != NULL, NULL);

  self = g_object_new (CD_TYPE_CUSTOMER_DUPLICATE_DIALOG, NULL);

  for (guint i = 0; i < ids->len; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(CdCustomer) match = cd_customer_load (store, g_array_index (ids, gint64, i), &error);
      g_autofree char *subtitle = NULL;
      GtkWidget *row;
      Match entry;

      if (match == NULL)
        {
          g_debug ("Skipping a duplicate that cannot be read: %s", error->message);
          continue;
        }

      entry.id = match->id;
      entry.name = g_strdup (match->name);
      g_array_append_val (self->matches, entry);

      subtitle = describe_match (customer, match);
      row = adw_action_row_new ();
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), match->name);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);

      if (ids->len > 1)
        {
          GtkWidget *check = gtk_check_button_new ();

          gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
          g_object_set_data (G_OBJECT (check), "cd-match-index",
                             GUINT_TO_POINTER (self->matches->len - 1));
          gtk_accessible_update_property (GTK_ACCESSIBLE (check),
                                          GTK_ACCESSIBLE_PROPERTY_LABEL, match->name,
                                          -1);
          if (group != NULL)
            gtk_check_button_set_group (GTK_CHECK_BUTTON (check), group);
          else
            {
              group = GTK_CHECK_BUTTON (check);
              gtk_check_button_set_active (group, TRUE);
            }
          g_signal_connect_object (check, "toggled", G_CALLBACK (on_check_toggled_cb), self, 0);
          adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
          adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);
        }

      gtk_list_box_append (self->match_list, row);
    }

  adw_message_dialog_set_body (ADW_MESSAGE_DIALOG (self),
                               g_dngettext (GETTEXT_PACKAGE,
                                            "A customer with the same phone number or email address is already on file. "
                                            "Open it, merge what you entered into it, or save this customer separately.",
                                            "Customers with the same phone number or email address are already on file. "
                                            "Choose one to open or to merge what you entered into, or save this customer separately.",
                                            self->matches->len));

  if (self->matches->len == 0)
    {
      adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (self), "open", FALSE);
      adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (self), "merge", FALSE);
      adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (self), "save");
    }

  return self;
}

gint64
cd_customer_duplicate_dialog_get_selected_id (CdCustomerDuplicateDialog *self)
{
  g_return_val_if_fail (CD_IS_CUSTOMER_DUPLICATE_DIALOG (self), 0);

  if (self->selected >= self->matches->len)
    return 0;
  return g_array_index (self->matches, Match, self->selected).id;
}

const char *
cd_customer_duplicate_dialog_get_selected_name (CdCustomerDuplicateDialog *self)
{
  g_return_val_if_fail (CD_IS_CUSTOMER_DUPLICATE_DIALOG (self), NULL);

  if (self->selected >= self->matches->len)
    return NULL;
  return g_array_index (self->matches, Match, self->selected).name;
}

guint
cd_customer_duplicate_dialog_get_n_matches (CdCustomerDuplicateDialog *self)
{
  g_return_val_if_fail (CD_IS_CUSTOMER_DUPLICATE_DIALOG (self), 0);

  return self->matches->len;
}
