/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "caredesk-training"

#include "config.h"

#include "cd-training-page.h"
#include "cd-training-util.h"

typedef struct
{
  CdStore      *store;
  GCancellable *cancellable;
} CdTrainingPagePrivate;

enum {
  PROP_0,
  PROP_STORE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_TYPE_WITH_PRIVATE (CdTrainingPage, cd_training_page, GTK_TYPE_WIDGET)

CdStore *
cd_training_page_get_store (CdTrainingPage *self)
{
  CdTrainingPagePrivate *priv;

  g_return_val_if_fail (CD_IS_TRAINING_PAGE (self), NULL);
  priv = cd_training_page_get_instance_private (self);
  return priv->store;
}

GCancellable *
cd_training_page_get_cancellable (CdTrainingPage *self)
{
  CdTrainingPagePrivate *priv;

  g_return_val_if_fail (CD_IS_TRAINING_PAGE (self), NULL);
  priv = cd_training_page_get_instance_private (self);
  return priv->cancellable;
}

static void
cd_training_page_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  CdTrainingPage *self = CD_TRAINING_PAGE (object);
  CdTrainingPagePrivate *priv = cd_training_page_get_instance_private (self);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, priv->store);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cd_training_page_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  CdTrainingPage *self = CD_TRAINING_PAGE (object);
  CdTrainingPagePrivate *priv = cd_training_page_get_instance_private (self);

  switch (prop_id)
    {
    case PROP_STORE:
      priv->store = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cd_training_page_dispose (GObject *object)
{
  CdTrainingPage *self = CD_TRAINING_PAGE (object);
  CdTrainingPagePrivate *priv = cd_training_page_get_instance_private (self);

  g_cancellable_cancel (priv->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), G_OBJECT_TYPE (self));
  cd_training_unparent_children (GTK_WIDGET (self));
  g_clear_object (&priv->store);
  G_OBJECT_CLASS (cd_training_page_parent_class)->dispose (object);
}

static void
cd_training_page_finalize (GObject *object)
{
  CdTrainingPage *self = CD_TRAINING_PAGE (object);
  CdTrainingPagePrivate *priv = cd_training_page_get_instance_private (self);

  g_clear_object (&priv->cancellable);
  G_OBJECT_CLASS (cd_training_page_parent_class)->finalize (object);
}

static void
cd_training_page_class_init (CdTrainingPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = cd_training_page_get_property;
  object_class->set_property = cd_training_page_set_property;
  object_class->dispose = cd_training_page_dispose;
  object_class->finalize = cd_training_page_finalize;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, CD_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
cd_training_page_init (CdTrainingPage *self)
{
  CdTrainingPagePrivate *priv = cd_training_page_get_instance_private (self);

  priv->cancellable = g_cancellable_new ();
}
