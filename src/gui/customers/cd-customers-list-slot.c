/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "caredesk-customers"

#include "config.h"

#include "cd-customers-list-slot.h"

struct _CdCustomersListSlot
{
  GObject     parent_instance;

  GListModel *model;      /* not referenced: the adapter detaches first */
  guint       position;
  CdRow      *row;
  gboolean    loaded;
};

enum {
  SIGNAL_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (CdCustomersListSlot, cd_customers_list_slot, G_TYPE_OBJECT)

static void
cd_customers_list_slot_finalize (GObject *object)
{
  CdCustomersListSlot *self = CD_CUSTOMERS_LIST_SLOT (object);

  g_clear_object (&self->row);

  G_OBJECT_CLASS (cd_customers_list_slot_parent_class)->finalize (object);
}

static void
cd_customers_list_slot_class_init (CdCustomersListSlotClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = cd_customers_list_slot_finalize;

  signals[SIGNAL_CHANGED] =
    g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
cd_customers_list_slot_init (CdCustomersListSlot *self)
{
}

CdCustomersListSlot *
cd_customers_list_slot_new (GListModel *model,
                            guint       position)
{
  CdCustomersListSlot *self;

  g_return_val_if_fail (G_IS_LIST_MODEL (model), NULL);

  self = g_object_new (CD_TYPE_CUSTOMERS_LIST_SLOT, NULL);
  self->model = model;
  self->position = position;
  return self;
}

guint
cd_customers_list_slot_get_position (CdCustomersListSlot *self)
{
  g_return_val_if_fail (CD_IS_CUSTOMERS_LIST_SLOT (self), G_MAXUINT);

  return self->position;
}

CdRow *
cd_customers_list_slot_get_row (CdCustomersListSlot *self)
{
  g_return_val_if_fail (CD_IS_CUSTOMERS_LIST_SLOT (self), NULL);

  if (!self->loaded && self->model != NULL)
    {
      GObject *item = g_list_model_get_item (self->model, self->position);

      self->loaded = TRUE;
      if (CD_IS_ROW (item))
        self->row = CD_ROW (item);
      else
        g_clear_object (&item);
    }

  return self->row;
}

void
cd_customers_list_slot_invalidate (CdCustomersListSlot *self)
{
  g_return_if_fail (CD_IS_CUSTOMERS_LIST_SLOT (self));

  g_clear_object (&self->row);
  self->loaded = FALSE;
  g_signal_emit (self, signals[SIGNAL_CHANGED], 0);
}

void
cd_customers_list_slot_detach (CdCustomersListSlot *self)
{
  g_return_if_fail (CD_IS_CUSTOMERS_LIST_SLOT (self));

  self->model = NULL;
  g_clear_object (&self->row);
  self->loaded = TRUE;
}
