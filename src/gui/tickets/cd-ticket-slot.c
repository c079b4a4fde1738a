/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "caredesk-tickets"

#include "config.h"

#include "cd-ticket-slot.h"

struct _CdTicketSlot
{
  GObject  parent_instance;

  guint    position;
  CdRow   *row;
};

enum {
  PROP_0,
  PROP_ROW,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (CdTicketSlot, cd_ticket_slot, G_TYPE_OBJECT)

static void
cd_ticket_slot_finalize (GObject *object)
{
  CdTicketSlot *self = CD_TICKET_SLOT (object);

  g_clear_object (&self->row);

  G_OBJECT_CLASS (cd_ticket_slot_parent_class)->finalize (object);
}

static void
cd_ticket_slot_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  CdTicketSlot *self = CD_TICKET_SLOT (object);

  switch (prop_id)
    {
    case PROP_ROW:
      g_value_set_object (value, self->row);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cd_ticket_slot_class_init (CdTicketSlotClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = cd_ticket_slot_finalize;
  object_class->get_property = cd_ticket_slot_get_property;

  properties[PROP_ROW] =
    g_param_spec_object ("row", NULL, NULL, CD_TYPE_ROW,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
cd_ticket_slot_init (CdTicketSlot *self)
{
}

CdTicketSlot *
cd_ticket_slot_new (guint  position,
                    CdRow *row)
{
  CdTicketSlot *self = g_object_new (CD_TYPE_TICKET_SLOT, NULL);

  self->position = position;
  self->row = row != NULL ? g_object_ref (row) : NULL;
  return self;
}

guint
cd_ticket_slot_get_position (CdTicketSlot *self)
{
  g_return_val_if_fail (CD_IS_TICKET_SLOT (self), 0);
  return self->position;
}

CdRow *
cd_ticket_slot_get_row (CdTicketSlot *self)
{
  g_return_val_if_fail (CD_IS_TICKET_SLOT (self), NULL);
  return self->row;
}

void
cd_ticket_slot_set_row (CdTicketSlot *self,
                        CdRow        *row)
{
  g_return_if_fail (CD_IS_TICKET_SLOT (self));

  if (row == self->row)
    return;
  g_set_object (&self->row, row);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ROW]);
}
