/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "caredesk-accessible"

#include "config.h"

#include <glib/gi18n.h>

#include <adwaita.h>

#include "cd-accessible.h"

static char *
strip_mnemonic (const char *label)
{
  GString *plain = g_string_sized_new (strlen (label));

  for (const char *p = label; *p != '\0'; p++)
    {
      /* "__" is a literal underscore. */
      if (*p == '_' && p[1] == '_')
        p++;
      else if (*p == '_')
        continue;
      g_string_append_c (plain, *p);
    }
  return g_string_free (plain, FALSE);
}

/* An empty label says nothing; GTK 4.8 would read its class name. */
static void
hide_if_empty (GtkLabel *label)
{
  gtk_accessible_update_state (GTK_ACCESSIBLE (label), GTK_ACCESSIBLE_STATE_HIDDEN,
                               gtk_label_get_text (label)[0] == '\0', -1);
}

/* A preferences group without a title names its list by the titles of
 * its rows. */
static void
name_group_list (AdwPreferencesGroup *group)
{
  g_autoptr(GString) name = NULL;
  GtkWidget *list = NULL;
  const char *title = adw_preferences_group_get_title (group);
  GtkWidget *stack[16];
  guint depth = 0;

  /* The group's own list box, a few levels down. */
  stack[depth++] = GTK_WIDGET (group);
  while (depth > 0 && list == NULL)
    {
      GtkWidget *widget = stack[--depth];

      for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL && list == NULL;
           child = gtk_widget_get_next_sibling (child))
        if (GTK_IS_LIST_BOX (child) && gtk_widget_has_css_class (child, "boxed-list"))
          list = child;
        else if (depth < G_N_ELEMENTS (stack) && !ADW_IS_PREFERENCES_ROW (child))
          stack[depth++] = child;
    }
  if (list == NULL)
    return;

  /* A titled group's list is labelled by the title already. */
  if (title != NULL && *title != '\0')
    return;
  name = g_string_new (NULL);
  for (GtkWidget *row = gtk_widget_get_first_child (list); row != NULL; row = gtk_widget_get_next_sibling (row))
    if (ADW_IS_PREFERENCES_ROW (row) && gtk_widget_get_visible (row))
      {
        const char *row_title = adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row));

        if (row_title == NULL || *row_title == '\0')
          continue;
        if (name->len > 0)
          /* Translators: separates the names of rows */
          g_string_append (name, _(", "));
        g_string_append (name, row_title);
      }
  if (name->len > 0)
    gtk_accessible_update_property (GTK_ACCESSIBLE (list), GTK_ACCESSIBLE_PROPERTY_LABEL, name->str, -1);
}

/* Names a button with a mnemonic by its label without the underscore,
 * unless it was given a name of its own. */
static void
name_mnemonic_button (GObject *object)
{
  const char *label = NULL;
  g_autofree char *plain = NULL;

  if (g_object_get_data (object, "cd-accessible-named") != NULL)
    return;
  if (GTK_IS_BUTTON (object) && gtk_button_get_use_underline (GTK_BUTTON (object)))
    label = gtk_button_get_label (GTK_BUTTON (object));
  else if (GTK_IS_MENU_BUTTON (object) && gtk_menu_button_get_use_underline (GTK_MENU_BUTTON (object)))
    label = gtk_menu_button_get_label (GTK_MENU_BUTTON (object));
  if (label == NULL || strchr (label, '_') == NULL)
    return;
  /* GTK 4.8 reads the label property, then the label the button is
   * labelled by: without the property, only the plain label is read.
   * A menu button's own label is the one of its inner button. */
  if (GTK_IS_BUTTON (object))
    {
      gtk_accessible_reset_property (GTK_ACCESSIBLE (object), GTK_ACCESSIBLE_PROPERTY_LABEL);
      return;
    }
  plain = strip_mnemonic (label);
  gtk_accessible_update_property (GTK_ACCESSIBLE (object), GTK_ACCESSIBLE_PROPERTY_LABEL, plain, -1);
}

/* A label changed after the button was shown (a status button's):
 * GTK sets the label property again. */
static void
on_button_label_notify_cb (GObject    *object,
                           GParamSpec *pspec,
                           gpointer    data)
{
  name_mnemonic_button (object);
}

/* An empty label's text changed. */
static void
on_label_label_notify_cb (GObject    *object,
                          GParamSpec *pspec,
                          gpointer    data)
{
  hide_if_empty (GTK_LABEL (object));
}

/* Follows later changes of @object's label, once. */
static void
follow_label (GObject  *object,
              GCallback callback)
{
  if (g_object_get_data (object, "cd-accessible-follows") != NULL)
    return;
  g_object_set_data (object, "cd-accessible-follows", GINT_TO_POINTER (TRUE));
  g_signal_connect (object, "notify::label", callback, NULL);
}

static const char *
first_label_text (GtkWidget *widget)
{
  if (GTK_IS_LABEL (widget))
    return gtk_label_get_text (GTK_LABEL (widget));
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      const char *text = first_label_text (child);

      if (text != NULL && *text != '\0')
        return text;
    }
  return NULL;
}

/* The list of a drop-down's choices, and each choice by its text. */
static void
name_drop_down_choices (GtkWidget  *widget,
                        const char *name)
{
  if (GTK_IS_LIST_VIEW (widget))
    {
      gtk_accessible_update_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
      for (GtkWidget *item = gtk_widget_get_first_child (widget); item != NULL;
           item = gtk_widget_get_next_sibling (item))
        {
          const char *text = first_label_text (item);

          if (text != NULL)
            gtk_accessible_update_property (GTK_ACCESSIBLE (item), GTK_ACCESSIBLE_PROPERTY_LABEL, text, -1);
        }
      return;
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    name_drop_down_choices (child, name);
}

/* What a window holds when it is shown, mapped or not yet (a closed
 * revealer's button, a drop-down's choices). */
static void
name_descendants (GtkWidget *widget)
{
  if (GTK_IS_BUTTON (widget) || GTK_IS_MENU_BUTTON (widget))
    name_mnemonic_button (G_OBJECT (widget));
  if (GTK_IS_DROP_DOWN (widget))
    {
      name_drop_down_choices (widget, _("Choices"));
      return;
    }
  if (ADW_IS_COMBO_ROW (widget))
    {
      const char *title = adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget));

      name_drop_down_choices (widget, title != NULL && *title != '\0' ? title : _("Choices"));
      return;
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    name_descendants (child);
}

static gboolean
map_hook (GSignalInvocationHint *hint,
          guint                  n_values,
          const GValue          *values,
          gpointer               data)
{
  GObject *object = g_value_get_object (&values[0]);

  if (GTK_IS_LABEL (object))
    {
      hide_if_empty (GTK_LABEL (object));
      /* Only labels shown empty: there are many labels. */
      if (gtk_label_get_text (GTK_LABEL (object))[0] == '\0')
        follow_label (object, G_CALLBACK (on_label_label_notify_cb));
    }
  else if (ADW_IS_PREFERENCES_GROUP (object))
    name_group_list (ADW_PREFERENCES_GROUP (object));
  else if (GTK_IS_BUTTON (object) || GTK_IS_MENU_BUTTON (object))
    {
      name_mnemonic_button (object);
      follow_label (object, G_CALLBACK (on_button_label_notify_cb));
    }
  else if (GTK_IS_ROOT (object) || ADW_IS_SQUEEZER (object))
    /* With what they hold but do not show (yet). */
    name_descendants (GTK_WIDGET (object));

  /* A name given by cd_accessible_set_label() stands alone, whatever a
   * child added since (AdwButtonContent labels its button when shown). */
  if (g_object_get_data (object, "cd-accessible-named") != NULL)
    gtk_accessible_reset_relation (GTK_ACCESSIBLE (object), GTK_ACCESSIBLE_RELATION_LABELLED_BY);
  return TRUE;
}

void
cd_accessible_init (void)
{
  static gsize done = 0;

  if (g_once_init_enter (&done))
    {
      /* The widget class must exist for its signal to be found. */
      g_type_class_ref (GTK_TYPE_WIDGET);
      g_signal_add_emission_hook (g_signal_lookup ("map", GTK_TYPE_WIDGET), 0,
                                  map_hook, NULL, NULL);
      g_once_init_leave (&done, 1);
    }
}

static GtkWidget *
find_child_of_type (GtkWidget *widget,
                    GType      type)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (G_TYPE_CHECK_INSTANCE_TYPE (child, type))
      return child;
  return NULL;
}

void
cd_accessible_set_label (GtkWidget  *widget,
                         const char *label)
{
  g_return_if_fail (GTK_IS_WIDGET (widget));

  g_object_set_data (G_OBJECT (widget), "cd-accessible-named", GINT_TO_POINTER (TRUE));
  /* Alone: GTK 4.8 would read the label it is labelled by after it. */
  gtk_accessible_reset_relation (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_RELATION_LABELLED_BY);
  gtk_accessible_update_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
}

void
cd_accessible_name_drop_down (GtkWidget  *drop_down,
                              const char *label)
{
  GtkWidget *button;

  g_return_if_fail (GTK_IS_DROP_DOWN (drop_down));

  gtk_accessible_update_property (GTK_ACCESSIBLE (drop_down), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
  button = find_child_of_type (drop_down, GTK_TYPE_TOGGLE_BUTTON);
  if (button != NULL)
    gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
}

void
cd_accessible_name_list (GtkWidget  *column_view,
                         const char *label)
{
  GtkWidget *list;

  g_return_if_fail (GTK_IS_COLUMN_VIEW (column_view));

  gtk_accessible_update_property (GTK_ACCESSIBLE (column_view), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
  list = find_child_of_type (column_view, GTK_TYPE_LIST_VIEW);
  if (list != NULL)
    gtk_accessible_update_property (GTK_ACCESSIBLE (list), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
}
