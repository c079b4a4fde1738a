/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "caredesk-complaints"

#include "config.h"

#include <glib/gi18n.h>

#include "cd-customer-picker.h"
#include "cd-customers.h"

struct _CdCustomerPicker
{
  GtkPopover      parent_instance;

  CdStore        *store;

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
  CUSTOMER_CHOSEN,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (CdCustomerPicker, cd_customer_picker, GTK_TYPE_POPOVER)

/* "Organisation · 138****5678": what tells two customers of the same
 * name apart. */
static char *
dup_detail (const CdCustomerMatch *match)
{
  if (match->organisation != NULL && match->phone != NULL)
    /* Translators: a customer's organisation and phone under their name */
    return g_strdup_printf (_("%s · %s"), match->organisation, match->phone);
  if (match->organisation != NULL)
    return g_strdup (match->organisation);
  return g_strdup (match->phone);
}

static GtkWidget *
create_match_row (const CdCustomerMatch *match)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *name = gtk_label_new (match->name);
  g_autofree char *detail_text = dup_detail (match);

  gtk_label_set_xalign (GTK_LABEL (name), 0);
  gtk_label_set_ellipsize (GTK_LABEL (name), PANGO_ELLIPSIZE_END);
  gtk_box_append (GTK_BOX (box), name);

  if (detail_text != NULL)
    {
      GtkWidget *detail = gtk_label_new (detail_text);

      gtk_label_set_xalign (GTK_LABEL (detail), 0);
      gtk_label_set_ellipsize (GTK_LABEL (detail), PANGO_ELLIPSIZE_END);
      gtk_widget_add_css_class (detail, "dim-label");
      gtk_widget_add_css_class (detail, "caption");
      gtk_box_append (GTK_BOX (box), detail);
    }

  gtk_widget_set_margin_top (box, 4);
  gtk_widget_set_margin_bottom (box, 4);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);

  g_object_set_data_full (G_OBJECT (row), "customer-name", g_strdup (match->name), g_free);
  g_object_set_data_full (G_OBJECT (row), "customer-id", g_memdup2 (&match->id, sizeof match->id), g_free);

  return row;
}

guint
cd_customer_picker_search (CdCustomerPicker *self,
                           const char       *text)
{
  g_autoptr(GPtrArray) matches = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *query = NULL;
  GtkListBoxRow *row;

  g_return_val_if_fail (CD_IS_CUSTOMER_PICKER (self), 0);

  while ((row = gtk_list_box_get_row_at_index (self->results_list, 0)) != NULL)
    gtk_list_box_remove (self->results_list, GTK_WIDGET (row));

  query = g_strstrip (g_strdup (text != NULL ? text : ""));
  if (*query == '\0')
    {
      gtk_widget_set_visible (self->results_window, FALSE);
      gtk_label_set_text (self->status_label, _("Type part of a name or a phone number."));
      gtk_widget_set_visible (GTK_WIDGET (self->status_label), TRUE);
      return 0;
    }

  matches = cd_customers_match (self->store, query, CD_CUSTOMER_PICKER_LIMIT, &error);
  if (matches == NULL)
    {
      gtk_widget_set_visible (self->results_window, FALSE);
      gtk_label_set_text (self->status_label, error->message);
      gtk_widget_set_visible (GTK_WIDGET (self->status_label), TRUE);
      return 0;
    }

  for (guint i = 0; i < matches->len; i++)
    gtk_list_box_append (self->results_list, create_match_row (g_ptr_array_index (matches, i)));

  gtk_widget_set_visible (self->results_window, matches->len > 0);
  if (matches->len == 0)
    {
      g_autofree char *message = g_strdup_printf (_("No customer matches “%s”. Check the spelling, or add the customer on the Customers page first."),
                                                  query);
      gtk_label_set_text (self->status_label, message);
      gtk_widget_set_visible (GTK_WIDGET (self->status_label), TRUE);
    }
  else if (matches->len >= CD_CUSTOMER_PICKER_LIMIT)
    {
      gtk_label_set_text (self->status_label, _("Showing the first 50 matches; type more to narrow them down."));
      gtk_widget_set_visible (GTK_WIDGET (self->status_label), TRUE);
    }
  else
    gtk_widget_set_visible (GTK_WIDGET (self->status_label), FALSE);

  if ((row = gtk_list_box_get_row_at_index (self->results_list, 0)) != NULL)
    gtk_list_box_select_row (self->results_list, row);

  return matches->len;
}

static void
choose_row (CdCustomerPicker *self,
            GtkListBoxRow    *row)
{
  const gint64 *id = g_object_get_data (G_OBJECT (row), "customer-id");
  const char *name = g_object_get_data (G_OBJECT (row), "customer-name");

  if (id == NULL)
    return;

  gtk_popover_popdown (GTK_POPOVER (self));
  g_signal_emit (self, signals[CUSTOMER_CHOSEN], 0, *id, name);
}

static void
on_search_entry_search_changed_cb (GtkSearchEntry   *entry,
                                   CdCustomerPicker *self)
{
  cd_customer_picker_search (self, gtk_editable_get_text (GTK_EDITABLE (entry)));
}

static void
on_search_entry_activate_cb (GtkSearchEntry   *entry,
                             CdCustomerPicker *self)
{
  GtkListBoxRow *row;

  /* Enter picks the highlighted (first) match. */
  cd_customer_picker_search (self, gtk_editable_get_text (GTK_EDITABLE (entry)));
  row = gtk_list_box_get_selected_row (self->results_list);
  if (row != NULL)
    choose_row (self, row);
}

static void
on_search_entry_stop_search_cb (GtkSearchEntry   *entry,
                                CdCustomerPicker *self)
{
  gtk_popover_popdown (GTK_POPOVER (self));
}

static void
on_results_list_row_activated_cb (GtkListBox       *list,
                                  GtkListBoxRow    *row,
                                  CdCustomerPicker *self)
{
  choose_row (self, row);
}

static void
on_picker_show_cb (GtkWidget        *widget,
                   CdCustomerPicker *self)
{
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

static void
cd_customer_picker_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  CdCustomerPicker *self = CD_CUSTOMER_PICKER (object);

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
cd_customer_picker_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  CdCustomerPicker *self = CD_CUSTOMER_PICKER (object);

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
cd_customer_picker_dispose (GObject *object)
{
  CdCustomerPicker *self = CD_CUSTOMER_PICKER (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), CD_TYPE_CUSTOMER_PICKER);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (cd_customer_picker_parent_class)->dispose (object);
}

static void
cd_customer_picker_class_init (CdCustomerPickerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->set_property = cd_customer_picker_set_property;
  object_class->get_property = cd_customer_picker_get_property;
  object_class->dispose = cd_customer_picker_dispose;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL,
                         CD_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[CUSTOMER_CHOSEN] =
    g_signal_new ("customer-chosen",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, G_TYPE_INT64, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/complaints/cd-customer-picker.ui");
  gtk_widget_class_bind_template_child (widget_class, CdCustomerPicker, search_entry);
  gtk_widget_class_bind_template_child (widget_class, CdCustomerPicker, results_window);
  gtk_widget_class_bind_template_child (widget_class, CdCustomerPicker, results_list);
  gtk_widget_class_bind_template_child (widget_class, CdCustomerPicker, status_label);
  gtk_widget_class_bind_template_callback (widget_class, on_search_entry_search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_search_entry_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_search_entry_stop_search_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_results_list_row_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_picker_show_cb);
}

static void
cd_customer_picker_init (CdCustomerPicker *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
cd_customer_picker_new (CdStore *store)
{
  g_return_val_if_fail (CD_IS_STORE (store), NULL);

  return g_object_new (CD_TYPE_CUSTOMER_PICKER, "store", store, NULL);
}
