/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "caredesk-tickets"

#include "config.h"

#include "cd-ticket-list-model.h"
#include "cd-ticket-slot.h"

struct _CdTicketListModel
{
  GObject     parent_instance;

  GListModel *model;
  guint       n_items;   /* what this model has announced */
  GHashTable *slots;     /* position → CdTicketSlot (not referenced) */
  gulong      items_changed_id;
};

static void cd_ticket_list_model_list_model_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (CdTicketListModel, cd_ticket_list_model, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL,
                                                      cd_ticket_list_model_list_model_init))

static GType
cd_ticket_list_model_get_item_type (GListModel *model)
{
  return CD_TYPE_TICKET_SLOT;
}

static guint
cd_ticket_list_model_get_n_items (GListModel *model)
{
  return CD_TICKET_LIST_MODEL (model)->n_items;
}

static void
slot_finalized_cb (gpointer  data,
                   GObject  *where_the_object_was)
{
  CdTicketListModel *self = data;
  GHashTableIter iter;
  gpointer value;

  /* Positions move when the list shrinks; find the slot by itself. */
  g_hash_table_iter_init (&iter, self->slots);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    if (value == (gpointer) where_the_object_was)
      {
        g_hash_table_iter_remove (&iter);
        break;
      }
}

static gpointer
cd_ticket_list_model_get_item (GListModel *model,
                               guint       position)
{
  CdTicketListModel *self = CD_TICKET_LIST_MODEL (model);
  g_autoptr(CdRow) row = NULL;
  CdTicketSlot *slot;

  if (position >= self->n_items)
    return NULL;

  slot = g_hash_table_lookup (self->slots, GUINT_TO_POINTER (position));
  if (slot != NULL)
    return g_object_ref (slot);

  row = g_list_model_get_item (self->model, position);
  slot = cd_ticket_slot_new (position, row);
  g_object_weak_ref (G_OBJECT (slot), slot_finalized_cb, self);
  g_hash_table_insert (self->slots, GUINT_TO_POINTER (position), slot);
  return slot;
}

static void
cd_ticket_list_model_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = cd_ticket_list_model_get_item_type;
  iface->get_n_items = cd_ticket_list_model_get_n_items;
  iface->get_item = cd_ticket_list_model_get_item;
}

static void
forget_slots (CdTicketListModel *self)
{
  GHashTableIter iter;
  gpointer value;

  g_hash_table_iter_init (&iter, self->slots);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      g_object_weak_unref (value, slot_finalized_cb, self);
      g_hash_table_iter_remove (&iter);
    }
}

static void
on_items_changed_cb (GListModel        *model,
                     guint              position,
                     guint              removed,
                     guint              added,
                     CdTicketListModel *self)
{
  guint old_n = self->n_items;
  guint new_n = g_list_model_get_n_items (model);
  g_autoptr(GPtrArray) live = NULL;
  GHashTableIter iter;
  gpointer value;

  if (position != 0 || removed != old_n)
    {
      /* A partial change: positions move, so start over. */
      forget_slots (self);
      self->n_items = new_n;
      g_list_model_items_changed (G_LIST_MODEL (self), position, removed, added);
      return;
    }

  /* Everything changed: give each slot still in the list its new row. */
  live = g_ptr_array_new_with_free_func (g_object_unref);
  g_hash_table_iter_init (&iter, self->slots);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    g_ptr_array_add (live, g_object_ref (value));

  self->n_items = new_n;
  for (guint i = 0; i < live->len; i++)
    {
      CdTicketSlot *slot = g_ptr_array_index (live, i);
      guint at = cd_ticket_slot_get_position (slot);

      if (at < new_n)
        {
          g_autoptr(CdRow) row = g_list_model_get_item (model, at);
          cd_ticket_slot_set_row (slot, row);
        }
      else
        cd_ticket_slot_set_row (slot, NULL);
    }

  if (new_n < old_n)
    {
      /* Slots past the end are dropped by the views now. */
      for (guint at = new_n; at < old_n && g_hash_table_size (self->slots) > 0; at++)
        {
          CdTicketSlot *slot = g_hash_table_lookup (self->slots, GUINT_TO_POINTER (at));
          if (slot != NULL)
            {
              g_object_weak_unref (G_OBJECT (slot), slot_finalized_cb, self);
              g_hash_table_remove (self->slots, GUINT_TO_POINTER (at));
            }
        }
      g_list_model_items_changed (G_LIST_MODEL (self), new_n, old_n - new_n, 0);
    }
  else if (new_n > old_n)
    g_list_model_items_changed (G_LIST_MODEL (self), old_n, 0, new_n - old_n);
}

static void
cd_ticket_list_model_dispose (GObject *object)
{
  CdTicketListModel *self = CD_TICKET_LIST_MODEL (object);

  if (self->model != NULL)
    g_clear_signal_handler (&self->items_changed_id, self->model);
  if (self->slots != NULL)
    forget_slots (self);
  g_clear_object (&self->model);

  G_OBJECT_CLASS (cd_ticket_list_model_parent_class)->dispose (object);
}

static void
cd_ticket_list_model_finalize (GObject *object)
{
  CdTicketListModel *self = CD_TICKET_LIST_MODEL (object);

  g_clear_pointer (&self->slots, g_hash_table_unref);

  G_OBJECT_CLASS (cd_ticket_list_model_parent_class)->finalize (object);
}

static void
cd_ticket_list_model_class_init (CdTicketListModelClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = cd_ticket_list_model_dispose;
  G_OBJECT_CLASS (klass)->finalize = cd_ticket_list_model_finalize;
}

static void
cd_ticket_list_model_init (CdTicketListModel *self)
{
  self->slots = g_hash_table_new (NULL, NULL);
}

CdTicketListModel *
cd_ticket_list_model_new (GListModel *model)
{
  CdTicketListModel *self;

  g_return_val_if_fail (G_IS_LIST_MODEL (model), NULL);

  self = g_object_new (CD_TYPE_TICKET_LIST_MODEL, NULL);
  self->model = g_object_ref (model);
  self->n_items = g_list_model_get_n_items (model);
  self->items_changed_id = g_signal_connect (model, "items-changed",
                                             G_CALLBACK (on_items_changed_cb), self);
  return self;
}

GListModel *
cd_ticket_list_model_get_model (CdTicketListModel *self)
{
  g_return_val_if_fail (CD_IS_TICKET_LIST_MODEL (self), NULL);
  return self->model;
}
