/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "caredesk-list"

#include "config.h"

#include "cd-slot-list.h"

/* CdListSlot ------------------------------------------------------------- */

struct _CdListSlot
{
  GObject     parent_instance;

  GListModel *rows;      /* weak: the list's; NULL once detached */
  guint       position;
  CdRow      *row;       /* NULL until read, or past the end */
  gboolean    read;
};

enum {
  SLOT_PROP_0,
  SLOT_PROP_ROW,
  SLOT_N_PROPS
};

static GParamSpec *slot_properties[SLOT_N_PROPS];

G_DEFINE_FINAL_TYPE (CdListSlot, cd_list_slot, G_TYPE_OBJECT)

static void
cd_list_slot_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  CdListSlot *self = CD_LIST_SLOT (object);

  switch (prop_id)
    {
    case SLOT_PROP_ROW:
      g_value_set_object (value, cd_list_slot_get_row (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cd_list_slot_dispose (GObject *object)
{
  CdListSlot *self = CD_LIST_SLOT (object);

  g_clear_object (&self->row);
  G_OBJECT_CLASS (cd_list_slot_parent_class)->dispose (object);
}

static void
cd_list_slot_class_init (CdListSlotClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = cd_list_slot_get_property;
  object_class->dispose = cd_list_slot_dispose;

  /* Notified when the slot shows another row (or may: it is read again
   * when asked for). */
  slot_properties[SLOT_PROP_ROW] =
    g_param_spec_object ("row", NULL, NULL, CD_TYPE_ROW,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, SLOT_N_PROPS, slot_properties);
}

static void
cd_list_slot_init (CdListSlot *self)
{
}

guint
cd_list_slot_get_position (CdListSlot *self)
{
  g_return_val_if_fail (CD_IS_LIST_SLOT (self), 0);
  return self->position;
}

CdRow *
cd_list_slot_get_row (CdListSlot *self)
{
  g_return_val_if_fail (CD_IS_LIST_SLOT (self), NULL);

  if (!self->read && self->rows != NULL)
    {
      self->read = TRUE;
      g_clear_object (&self->row);
      if (self->position < g_list_model_get_n_items (self->rows))
        self->row = g_list_model_get_item (self->rows, self->position);
    }
  return self->row;
}

static void
slot_invalidate (CdListSlot *self)
{
  self->read = FALSE;
  g_object_notify_by_pspec (G_OBJECT (self), slot_properties[SLOT_PROP_ROW]);
}

static void
slot_detach (CdListSlot *self)
{
  self->rows = NULL;
  self->read = TRUE;
  g_clear_object (&self->row);
  g_object_notify_by_pspec (G_OBJECT (self), slot_properties[SLOT_PROP_ROW]);
}

/* CdSlotList -------------------------------------------------------------- */

struct _CdSlotList
{
  GObject     parent_instance;

  GListModel *rows;
  gulong      items_changed_id;
  guint       n_items;   /* what this list has announced */
  GHashTable *slots;     /* position → CdListSlot alive (held by a view) */
};

static void cd_slot_list_list_model_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (CdSlotList, cd_slot_list, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, cd_slot_list_list_model_init))

static void
on_slot_finalized (gpointer  data,
                   GObject  *where_the_object_was)
{
  CdSlotList *self = data;
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
cd_slot_list_get_item_type (GListModel *list)
{
  return CD_TYPE_LIST_SLOT;
}

static guint
cd_slot_list_get_n_items (GListModel *list)
{
  return CD_SLOT_LIST (list)->n_items;
}

static gpointer
cd_slot_list_get_item (GListModel *list,
                       guint       position)
{
  CdSlotList *self = CD_SLOT_LIST (list);
  CdListSlot *slot;

  if (position >= self->n_items)
    return NULL;

  slot = g_hash_table_lookup (self->slots, GUINT_TO_POINTER (position));
  if (slot != NULL)
    return g_object_ref (slot);

  slot = g_object_new (CD_TYPE_LIST_SLOT, NULL);
  slot->rows = self->rows;
  slot->position = position;
  g_object_weak_ref (G_OBJECT (slot), on_slot_finalized, self);
  g_hash_table_insert (self->slots, GUINT_TO_POINTER (position), slot);
  return slot;
}

static void
cd_slot_list_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = cd_slot_list_get_item_type;
  iface->get_n_items = cd_slot_list_get_n_items;
  iface->get_item = cd_slot_list_get_item;
}

static void
detach_slots_from (CdSlotList *self,
                   guint       first)
{
  GHashTableIter iter;
  gpointer key, value;

  g_hash_table_iter_init (&iter, self->slots);
  while (g_hash_table_iter_next (&iter, &key, &value))
    if (GPOINTER_TO_UINT (key) >= first)
      {
        g_object_weak_unref (value, on_slot_finalized, self);
        slot_detach (value);
        g_hash_table_iter_remove (&iter);
      }
}

static void
on_items_changed_cb (GListModel *rows,
                     guint       position,
                     guint       removed,
                     guint       added,
                     CdSlotList *self)
{
  guint old_n = self->n_items;
  guint new_n = g_list_model_get_n_items (rows);
  g_autoptr(GPtrArray) changed = g_ptr_array_new_with_free_func (g_object_unref);
  GHashTableIter iter;
  gpointer key, value;

  /* Slots past the new end go; the rest show what is now at their
   * position (from the first changed one on). */
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
    slot_invalidate (g_ptr_array_index (changed, i));
}

static void
cd_slot_list_dispose (GObject *object)
{
  CdSlotList *self = CD_SLOT_LIST (object);

  if (self->slots != NULL)
    detach_slots_from (self, 0);
  if (self->rows != NULL)
    g_clear_signal_handler (&self->items_changed_id, self->rows);
  g_clear_object (&self->rows);

  G_OBJECT_CLASS (cd_slot_list_parent_class)->dispose (object);
}

static void
cd_slot_list_finalize (GObject *object)
{
  CdSlotList *self = CD_SLOT_LIST (object);

  g_clear_pointer (&self->slots, g_hash_table_unref);
  G_OBJECT_CLASS (cd_slot_list_parent_class)->finalize (object);
}

static void
cd_slot_list_class_init (CdSlotListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = cd_slot_list_dispose;
  object_class->finalize = cd_slot_list_finalize;
}

static void
cd_slot_list_init (CdSlotList *self)
{
  self->slots = g_hash_table_new (NULL, NULL);
}

CdSlotList *
cd_slot_list_new (GListModel *rows)
{
  CdSlotList *self;

  g_return_val_if_fail (G_IS_LIST_MODEL (rows), NULL);

  self = g_object_new (CD_TYPE_SLOT_LIST, NULL);
  self->rows = g_object_ref (rows);
  self->n_items = g_list_model_get_n_items (rows);
  self->items_changed_id = g_signal_connect (rows, "items-changed", G_CALLBACK (on_items_changed_cb), self);
  return self;
}

GListModel *
cd_slot_list_get_rows (CdSlotList *self)
{
  g_return_val_if_fail (CD_IS_SLOT_LIST (self), NULL);
  return self->rows;
}
