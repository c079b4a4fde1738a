/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "caredesk-customers"

#include "config.h"

#include "cd-customers-list-adapter.h"

struct _CdCustomersListAdapter
{
  GObject     parent_instance;

  GListModel *model;
  gulong      items_changed_id;
  guint       n_items;
  /* position → CdCustomersListSlot, for the slots that are alive (held by
   * the list view); removed when a slot is finalized. */
  GHashTable *slots;
};

static void cd_customers_list_adapter_list_model_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (CdCustomersListAdapter, cd_customers_list_adapter, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL,
                                                      cd_customers_list_adapter_list_model_init))

static void
on_slot_finalized (gpointer  data,
                   GObject  *where_the_object_was)
{
  CdCustomersListAdapter *self = data;
  GHashTableIter iter;
  gpointer value;

  g_hash_table_iter_init (&iter, self->slots);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    if (value == (gpointer) where_the_object_was)
      {
        g_hash_table_iter_remove (&iter);
        break;
      }
}

static GType
cd_customers_list_adapter_get_item_type (GListModel *list)
{
  return CD_TYPE_CUSTOMERS_LIST_SLOT;
}

static guint
cd_customers_list_adapter_get_n_items (GListModel *list)
{
  CdCustomersListAdapter *self = CD_CUSTOMERS_LIST_ADAPTER (list);

  return self->n_items;
}

static gpointer
cd_customers_list_adapter_get_item (GListModel *list,
                                    guint       position)
{
  CdCustomersListAdapter *self = CD_CUSTOMERS_LIST_ADAPTER (list);
  CdCustomersListSlot *slot;

  if (position >= self->n_items)
    return NULL;

  slot = g_hash_table_lookup (self->slots, GUINT_TO_POINTER (position));
  if (slot != NULL)
    return g_object_ref (slot);

  slot = cd_customers_list_slot_new (self->model, position);
  g_object_weak_ref (G_OBJECT (slot), on_slot_finalized, self);
  g_hash_table_insert (self->slots, GUINT_TO_POINTER (position), slot);
  return slot;
}

static void
cd_customers_list_adapter_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = cd_customers_list_adapter_get_item_type;
  iface->get_n_items = cd_customers_list_adapter_get_n_items;
  iface->get_item = cd_customers_list_adapter_get_item;
}

static void
detach_slots_from (CdCustomersListAdapter *self,
                   guint                   first)
{
  GHashTableIter iter;
  gpointer key, value;

  g_hash_table_iter_init (&iter, self->slots);
  while (g_hash_table_iter_next (&iter, &key, &value))
    if (GPOINTER_TO_UINT (key) >= first)
      {
        g_object_weak_unref (value, on_slot_finalized, self);
        cd_customers_list_slot_detach (value);
        g_hash_table_iter_remove (&iter);
      }
}

static void
on_items_changed_cb (GListModel             *model,
                     guint                   position,
                     guint                   removed,
                     guint                   added,
                     CdCustomersListAdapter *self)
{
  guint old_n = self->n_items;
  guint new_n = g_list_model_get_n_items (model);
  g_autoptr(GPtrArray) changed = g_ptr_array_new_with_free_func (g_object_unref);
  GHashTableIter iter;
  gpointer key, value;

  /* The slots past the new end go; the rest show what is now at their
   * position. */
  if (new_n < old_n)
    {
      detach_slots_from (self, new_n);
      self->n_items = new_n;
      g_list_model_items_changed (G_LIST_MODEL (self), new_n, old_n - new_n, 0);
    }
  else if (new_n > old_n)
    {
      self->n_items = new_n;
      g_list_model_items_changed (G_LIST_MODEL (self), old_n, 0, new_n - old_n);
    }

  g_hash_table_iter_init (&iter, self->slots);
  while (g_hash_table_iter_next (&iter, &key, &value))
    if (GPOINTER_TO_UINT (key) >= position)
      g_ptr_array_add (changed, g_object_ref (value));

  for (guint i = 0; i < changed->len; i++)
    cd_customers_list_slot_invalidate (g_ptr_array_index (changed, i));
}

static void
cd_customers_list_adapter_dispose (GObject *object)
{
  CdCustomersListAdapter *self = CD_CUSTOMERS_LIST_ADAPTER (object);

  if (self->slots != NULL)
    detach_slots_from (self, 0);
  if (self->model != NULL)
    g_clear_signal_handler (&self->items_changed_id, self->model);
  g_clear_object (&self->model);

  G_OBJECT_CLASS (cd_customers_list_adapter_parent_class)->dispose (object);
}

static void
cd_customers_list_adapter_finalize (GObject *object)
{
  CdCustomersListAdapter *self = CD_CUSTOMERS_LIST_ADAPTER (object);

  g_clear_pointer (&self->slots, g_hash_table_unref);

  G_OBJECT_CLASS (cd_customers_list_adapter_parent_class)->finalize (object);
}

static void
cd_customers_list_adapter_class_init (CdCustomersListAdapterClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = cd_customers_list_adapter_dispose;
  object_class->finalize = cd_customers_list_adapter_finalize;
}

static void
cd_customers_list_adapter_init (CdCustomersListAdapter *self)
{
  self->slots = g_hash_table_new (NULL, NULL);
}

CdCustomersListAdapter *
cd_customers_list_adapter_new (GListModel *model)
{
  CdCustomersListAdapter *self;

  g_return_val_if_fail (G_IS_LIST_MODEL (model), NULL);

  self = g_object_new (CD_TYPE_CUSTOMERS_LIST_ADAPTER, NULL);
  self->model = g_object_ref (model);
  self->n_items = g_list_model_get_n_items (model);
  self->items_changed_id = g_signal_connect (model, "items-changed", G_CALLBACK (on_items_changed_cb), self);

  return self;
}
