/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "caredesk-training"

#include "config.h"

#include <glib/gi18n.h>

#include "cd-people-picker.h"
#include "cd-staff.h"
#include "cd-validate.h"

struct _CdPeoplePicker
{
  AdwWindow        parent_instance;

  CdStore         *store;
  GPtrArray       *people;      /* CdStaffMember */
  GPtrArray       *checks;      /* GtkCheckButton per person */
  GPtrArray       *rows;

  /* Template widgets */
  AdwWindowTitle  *window_title;
  GtkButton       *accept_button;
  GtkBox          *header_box;
  GtkSearchEntry  *search_entry;
  GtkMenuButton   *role_button;
  GtkLabel        *count_label;
  GtkListBox      *list_box;
};

enum {
  SIGNAL_CHOSEN,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (CdPeoplePicker, cd_people_picker, ADW_TYPE_WINDOW)

static guint
n_chosen (CdPeoplePicker *self)
{
  guint n = 0;

  for (guint i = 0; i < self->checks->len; i++)
    if (gtk_check_button_get_active (g_ptr_array_index (self->checks, i)))
      n++;
  return n;
}

static void
update_count (CdPeoplePicker *self)
{
  guint n = n_chosen (self);
  g_autofree char *text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u person chosen", "%u people chosen", n), n);

  gtk_label_set_text (self->count_label, text);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "picker.accept", n > 0);
}

static void
on_search_changed_cb (CdPeoplePicker *self)
{
  g_autofree char *text = cd_validate_trim (gtk_editable_get_text (GTK_EDITABLE (self->search_entry)));
  g_autofree char *folded = g_utf8_casefold (text, -1);

  for (guint i = 0; i < self->rows->len; i++)
    {
      CdStaffMember *member = g_ptr_array_index (self->people, i);
      g_autofree char *name = g_utf8_casefold (member->display_name, -1);

      gtk_widget_set_visible (g_ptr_array_index (self->rows, i), *folded == '\0' || strstr (name, folded) != NULL);
    }
}

static void
tick_role_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  CdPeoplePicker *self = CD_PEOPLE_PICKER (widget);
  int role = g_variant_get_int32 (parameter);

  for (guint i = 0; i < self->people->len; i++)
    {
      CdStaffMember *member = g_ptr_array_index (self->people, i);
      if ((int) member->role == role)
        gtk_check_button_set_active (g_ptr_array_index (self->checks, i), TRUE);
    }
}

void
cd_people_picker_accept (CdPeoplePicker *self)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  g_return_if_fail (CD_IS_PEOPLE_PICKER (self));

  for (guint i = 0; i < self->checks->len; i++)
    if (gtk_check_button_get_active (g_ptr_array_index (self->checks, i)))
      g_array_append_val (ids, ((CdStaffMember *) g_ptr_array_index (self->people, i))->id);
  if (ids->len == 0)
    return;
  g_signal_emit (self, signals[SIGNAL_CHOSEN], 0, ids);
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
accept_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  cd_people_picker_accept (CD_PEOPLE_PICKER (widget));
}

static void
cd_people_picker_dispose (GObject *object)
{
  CdPeoplePicker *self = CD_PEOPLE_PICKER (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), CD_TYPE_PEOPLE_PICKER);
  g_clear_object (&self->store);
  G_OBJECT_CLASS (cd_people_picker_parent_class)->dispose (object);
}

static void
cd_people_picker_finalize (GObject *object)
{
  CdPeoplePicker *self = CD_PEOPLE_PICKER (object);

  g_clear_pointer (&self->people, g_ptr_array_unref);
  g_clear_pointer (&self->checks, g_ptr_array_unref);
  g_clear_pointer (&self->rows, g_ptr_array_unref);
  G_OBJECT_CLASS (cd_people_picker_parent_class)->finalize (object);
}

static void
cd_people_picker_class_init (CdPeoplePickerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cd_people_picker_dispose;
  object_class->finalize = cd_people_picker_finalize;

  /**
   * CdPeoplePicker::chosen:
   * @ids: a GArray of gint64 staff ids
   */
  signals[SIGNAL_CHOSEN] =
    g_signal_new ("chosen", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_ARRAY);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/training/cd-people-picker.ui");
  gtk_widget_class_bind_template_child (widget_class, CdPeoplePicker, window_title);
  gtk_widget_class_bind_template_child (widget_class, CdPeoplePicker, accept_button);
  gtk_widget_class_bind_template_child (widget_class, CdPeoplePicker, header_box);
  gtk_widget_class_bind_template_child (widget_class, CdPeoplePicker, search_entry);
  gtk_widget_class_bind_template_child (widget_class, CdPeoplePicker, role_button);
  gtk_widget_class_bind_template_child (widget_class, CdPeoplePicker, count_label);
  gtk_widget_class_bind_template_child (widget_class, CdPeoplePicker, list_box);
  gtk_widget_class_bind_template_callback (widget_class, on_search_changed_cb);

  gtk_widget_class_install_action (widget_class, "picker.accept", NULL, accept_action);
  gtk_widget_class_install_action (widget_class, "picker.tick-role", "i", tick_role_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
cd_people_picker_init (CdPeoplePicker *self)
{
  g_autoptr(GMenu) menu = g_menu_new ();

  self->checks = g_ptr_array_new ();
  self->rows = g_ptr_array_new ();
  gtk_widget_init_template (GTK_WIDGET (self));

  for (guint r = 0; r < cd_role_count (); r++)
    {
      g_autoptr(GMenuItem) item = g_menu_item_new (cd_role_label ((CdRole) r), NULL);
      g_menu_item_set_action_and_target_value (item, "picker.tick-role", g_variant_new_int32 ((int) r));
      g_menu_append_item (menu, item);
    }
  gtk_menu_button_set_menu_model (self->role_button, G_MENU_MODEL (menu));
}

static gboolean
excluded (GArray *exclude,
          gint64  id)
{
  for (guint i = 0; exclude != NULL && i < exclude->len; i++)
    if (g_array_index (exclude, gint64, i) == id)
      return TRUE;
  return FALSE;
}

GtkWidget *
cd_people_picker_new (CdStore    *store,
                      const char *title,
                      const char *accept_label,
                      GArray     *exclude)
{
  CdPeoplePicker *self;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) staff = NULL;

  g_return_val_if_fail (CD_IS_STORE (store), NULL);

  self = g_object_new (CD_TYPE_PEOPLE_PICKER, NULL);
  self->store = g_object_ref (store);
  gtk_window_set_title (GTK_WINDOW (self), title);
  adw_window_title_set_title (self->window_title, title);
  gtk_button_set_label (self->accept_button, accept_label);

  staff = cd_staff_list (store, 0, 0, &error);
  self->people = g_ptr_array_new_with_free_func ((GDestroyNotify) cd_staff_member_free);
  for (guint i = 0; staff != NULL && i < staff->len; i++)
    {
      CdStaffMember *member = g_ptr_array_index (staff, i);
      GtkWidget *row, *check;

      if (excluded (exclude, member->id))
        continue;
      row = adw_action_row_new ();
      check = gtk_check_button_new ();
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), member->display_name);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), cd_role_label (member->role));
      gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
      gtk_accessible_update_property (GTK_ACCESSIBLE (check), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      member->display_name, -1);
      g_signal_connect_object (check, "toggled", G_CALLBACK (update_count), self, G_CONNECT_SWAPPED);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);
      gtk_list_box_append (self->list_box, row);
      g_ptr_array_add (self->checks, check);
      g_ptr_array_add (self->rows, row);
      g_ptr_array_add (self->people, g_ptr_array_steal_index (staff, i--));
    }
  update_count (self);
  return GTK_WIDGET (self);
}

void
cd_people_picker_add_header (CdPeoplePicker *self,
                             GtkWidget      *widget)
{
  g_return_if_fail (CD_IS_PEOPLE_PICKER (self));
  gtk_box_append (self->header_box, widget);
}

void
cd_people_picker_set_chosen (CdPeoplePicker *self,
                             gint64          staff_id,
                             gboolean        chosen)
{
  g_return_if_fail (CD_IS_PEOPLE_PICKER (self));

  for (guint i = 0; i < self->people->len; i++)
    if (((CdStaffMember *) g_ptr_array_index (self->people, i))->id == staff_id)
      gtk_check_button_set_active (g_ptr_array_index (self->checks, i), chosen);
}
