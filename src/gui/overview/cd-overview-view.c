/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "caredesk-overview"

#include "config.h"

#include <glib/gi18n.h>

#include "cd-overview-view.h"

struct _CdOverviewView
{
  GtkWidget  parent_instance;

  CdStore   *store;

  GtkWidget *status_page;
};

enum {
  PROP_0,
  PROP_STORE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (CdOverviewView, cd_overview_view, GTK_TYPE_WIDGET)

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

  gtk_widget_dispose_template (GTK_WIDGET (self), CD_TYPE_OVERVIEW_VIEW);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (cd_overview_view_parent_class)->dispose (object);
}

static void
cd_overview_view_class_init (CdOverviewViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

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
  gtk_widget_init_template (GTK_WIDGET (self));
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
