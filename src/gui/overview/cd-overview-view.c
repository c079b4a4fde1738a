/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "caredesk-overview"

#include "config.h"

#include <glib/gi18n.h>

#include "cd-coverage.h"
#include "cd-datetime.h"
#include "cd-overview-view.h"
#include "cd-training.h"

struct _CdOverviewView
{
  GtkWidget  parent_instance;

  CdStore   *store;

  GtkWidget *status_page;

  /* Ticket categories that are, or will be within 30 days, below their
   * minimum of certified reps (cd-coverage.h). */
  GtkWidget    *coverage_list;
  GSignalGroup *store_signals;
};

enum {
  PROP_0,
  PROP_STORE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (CdOverviewView, cd_overview_view, GTK_TYPE_WIDGET)

/* Coverage warnings ---------------------------------------------------------- */

static void
on_coverage_row_activated_cb (GtkListBox    *list,
                              GtkListBoxRow *row,
                              gpointer       user_data)
{
  gtk_widget_activate_action (GTK_WIDGET (list), "app.open-training", "x", (gint64) 0);
}

static void
refresh_coverage (CdOverviewView *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) warnings = NULL;
  GtkWidget *child;
  gint64 now;

  while ((child = gtk_widget_get_first_child (self->coverage_list)) != NULL)
    gtk_list_box_remove (GTK_LIST_BOX (self->coverage_list), child);
  if (self->store == NULL || cd_store_get_staff_id (self->store) == 0)
    warnings = NULL;
  else if ((warnings = cd_coverage_warnings (self->store, 0, &error)) == NULL)
    g_debug ("No coverage warnings: %s", error->message);
  gtk_widget_set_visible (self->coverage_list, warnings != NULL && warnings->len > 0);
  if (warnings == NULL)
    return;

  now = cd_store_now (self->store);
  for (guint i = 0; i < warnings->len; i++)
    {
      CdCoverage *c = g_ptr_array_index (warnings, i);
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *icon = gtk_image_new_from_icon_name ("dialog-warning-symbolic");
      g_autofree char *people = cd_coverage_people_text (c, 3);
      g_autofree char *title = NULL;
      g_autofree char *subtitle = NULL;

      if (c->below_now || c->drop_at <= now)
        /* Translators: a ticket category with fewer certified reps than its minimum */
        title = g_strdup_printf (_("Too few certified reps for “%s”"), c->category_name);
      else
        {
          g_autofree char *when = cd_datetime_format_date (c->drop_at);

          /* Translators: "“Billing” drops below its minimum on 3 Jan 2027" */
          title = g_strdup_printf (_("“%s” drops below its minimum on %s"), c->category_name, when);
        }
      if (people != NULL && *people != '\0')
        /* Translators: certified reps now, the minimum, then whose certifications run out */
        subtitle = g_strdup_printf (_("%u certified now, %d needed · Running out: %s"), c->n_now, c->minimum, people);
      else
        subtitle = g_strdup_printf (_("%u certified now, %d needed"), c->n_now, c->minimum);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      gtk_widget_add_css_class (icon, "warning");
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("go-next-symbolic"));
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      gtk_widget_set_name (row, "overview-coverage");
      gtk_list_box_append (GTK_LIST_BOX (self->coverage_list), row);
    }
}

static void
cd_overview_view_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  CdOverviewView *self = CD_OVERVIEW_VIEW (object);

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
cd_overview_view_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  CdOverviewView *self = CD_OVERVIEW_VIEW (object);

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
cd_overview_view_dispose (GObject *object)
{
  CdOverviewView *self = CD_OVERVIEW_VIEW (object);

  if (self->store_signals != NULL)
    g_signal_group_set_target (self->store_signals, NULL);
  g_clear_object (&self->store_signals);
  gtk_widget_dispose_template (GTK_WIDGET (self), CD_TYPE_OVERVIEW_VIEW);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (cd_overview_view_parent_class)->dispose (object);
}

static void
cd_overview_view_constructed (GObject *object)
{
  CdOverviewView *self = CD_OVERVIEW_VIEW (object);

  G_OBJECT_CLASS (cd_overview_view_parent_class)->constructed (object);

  g_signal_group_set_target (self->store_signals, self->store);
  refresh_coverage (self);
}

static void
cd_overview_view_class_init (CdOverviewViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = cd_overview_view_constructed;

  object_class->get_property = cd_overview_view_get_property;
  object_class->set_property = cd_overview_view_set_property;
  object_class->dispose = cd_overview_view_dispose;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL,
                         CD_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/overview/cd-overview-view.ui");
  gtk_widget_class_bind_template_child (widget_class, CdOverviewView, status_page);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
cd_overview_view_init (CdOverviewView *self)
{
  const char *kinds[] = {
    CD_CHANGE_STAFF_CERTIFICATIONS, CD_CHANGE_CERTIFICATIONS, CD_CHANGE_TICKET_CATEGORIES, CD_CHANGE_STAFF,
  };

  gtk_widget_init_template (GTK_WIDGET (self));

  self->coverage_list = gtk_list_box_new ();
  gtk_widget_add_css_class (self->coverage_list, "boxed-list");
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (self->coverage_list), GTK_SELECTION_NONE);
  gtk_widget_set_visible (self->coverage_list, FALSE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->coverage_list), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Coverage of ticket categories"), -1);
  g_signal_connect (self->coverage_list, "row-activated", G_CALLBACK (on_coverage_row_activated_cb), self);
  adw_status_page_set_child (ADW_STATUS_PAGE (self->status_page), self->coverage_list);

  self->store_signals = g_signal_group_new (CD_TYPE_STORE);
  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    {
      g_autofree char *signal = g_strconcat ("changed::", kinds[i], NULL);

      g_signal_group_connect_swapped (self->store_signals, signal, G_CALLBACK (refresh_coverage), self);
    }
}

/* The coverage warnings shown (for tests). */
guint
cd_overview_view_get_n_coverage_warnings (CdOverviewView *self)
{
  guint n = 0;

  g_return_val_if_fail (CD_IS_OVERVIEW_VIEW (self), 0);

  for (GtkWidget *row = gtk_widget_get_first_child (self->coverage_list); row != NULL;
       row = gtk_widget_get_next_sibling (row))
    n++;
  return gtk_widget_get_visible (self->coverage_list) ? n : 0;
}

GtkWidget *
cd_overview_view_new (CdStore *store)
{
  g_return_val_if_fail (CD_IS_STORE (store), NULL);

  return g_object_new (CD_TYPE_OVERVIEW_VIEW, "store", store, NULL);
}

CdStore *
cd_overview_view_get_store (CdOverviewView *self)
{
  g_return_val_if_fail (CD_IS_OVERVIEW_VIEW (self), NULL);

  return self->store;
}
