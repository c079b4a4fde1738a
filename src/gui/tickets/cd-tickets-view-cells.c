/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "caredesk-tickets"

#include "config.h"

#include <glib/gi18n.h>

#include "cd-datetime.h"
#include "cd-list-cell.h"
#include "cd-slot-list.h"
#include "cd-tickets-util.h"
#include "cd-tickets-view-private.h"

/* Cells ------------------------------------------------------------------- */

/* GTK 4.8 keeps about 200 rows around the visible ones and each change of
 * filter or sort gives every one of them a new ticket. The cells are
 * therefore as cheap as they can be: one GtkInscription each (it measures
 * by font metrics and shapes its text only when drawn, where a GtkLabel
 * would shape every text on every change), columns of fixed width, no SQL
 * and no markup in bind, and a style class changed only when it differs. */

static GQuark style_quark;
static GQuark cell_view_quark;
static GQuark cell_column_quark;

static void
set_cell_style (GtkWidget  *cell,
                const char *style)
{
  const char *current = g_object_get_qdata (G_OBJECT (cell), style_quark);

  if (g_strcmp0 (current, style) == 0)
    return;
  if (current != NULL)
    gtk_widget_remove_css_class (cell, current);
  if (style != NULL)
    gtk_widget_add_css_class (cell, style);
  /* Only static strings are stored. */
  g_object_set_qdata (G_OBJECT (cell), style_quark, (gpointer) style);
}

static CdRow *
item_row (GtkListItem *item)
{
  CdListSlot *slot = gtk_list_item_get_item (item);
  return slot != NULL ? cd_list_slot_get_row (slot) : NULL;
}

static void
bind_text_cell (CdTicketsView *self,
                GtkListItem   *item,
                guint          column)
{
  GtkWidget *cell = gtk_list_item_get_child (item);
  CdRow *row = item_row (item);
  g_autofree char *owned = NULL;
  const char *text = "";
  const char *style = NULL;
  const char *value;
  int nick;

  if (row == NULL || cd_row_get_id (row) == 0)
    {
      set_cell_style (cell, NULL);
      cd_list_cell_set_text (cell, "");
      return;
    }

  value = cd_row_get_value (row, column);
  switch (column)
    {
    case CD_TICKET_COL_NUMBER:
      text = owned = cd_ticket_format_number (cd_row_get_id (row));
      break;

    case CD_TICKET_COL_PRIORITY:
      nick = value != NULL ? cd_priority_from_nick (value) : -1;
      text = nick >= 0 ? cd_priority_label (nick) : "";
      if (nick == CD_PRIORITY_URGENT)
        style = "error";
      else if (nick == CD_PRIORITY_HIGH)
        style = "warning";
      else if (nick == CD_PRIORITY_LOW)
        style = "dim-label";
      break;

    case CD_TICKET_COL_STATUS:
      nick = value != NULL ? cd_ticket_status_from_nick (value) : -1;
      text = nick >= 0 ? cd_ticket_status_label (nick) : "";
      break;

    case CD_TICKET_COL_ASSIGNEE:
      text = value != NULL ? value : _("Unassigned");
      if (value == NULL)
        style = "dim-label";
      break;

    case CD_TICKET_COL_MODIFIED:
      text = owned = cd_datetime_format_short (cd_row_get_int (row, CD_TICKET_COL_MODIFIED, 0),
                                               cd_store_now (self->store));
      style = "dim-label";
      break;

    default:
      text = value != NULL ? value : "";
      break;
    }

  set_cell_style (cell, style);
  cd_list_cell_set_text (cell, text);
}

/* The SLA rules (three small statements) are read when the view is
 * made, when they change and once a minute, so that a cell's clock costs
 * no SQL; a query reads them only when reading them failed before. */
void
_cd_tickets_view_load_sla_rules (CdTicketsView *self)
{
  g_autoptr(GError) error = NULL;

  g_clear_pointer (&self->sla_rules, cd_ticket_sla_rules_free);
  g_clear_error (&self->sla_error);
  self->sla_rules = cd_ticket_sla_rules_load (self->store, &error);
  if (self->sla_rules == NULL)
    self->sla_error = g_steal_pointer (&error);
}

/* Judges @row's resolution clock; FALSE (and @error) when it cannot. */
static gboolean
judge_row (CdTicketsView  *self,
           CdRow          *row,
           CdTicketSla    *sla,
           GError        **error)
{
  if (self->sla_rules == NULL)
    {
      if (self->sla_error != NULL)
        g_propagate_error (error, g_error_copy (self->sla_error));
      return FALSE;
    }
  return cd_tickets_list_row_sla (self->sla_rules, row, cd_store_now (self->store), sla, error);
}

/* The "Resolution due" cell counts business time with the SLA policy and
 * calendar; its tooltip (a full date) is made only when asked for. */
static void
update_due_cell (CdTicketsView *self,
                 GtkListItem   *item)
{
  GtkWidget *cell = gtk_list_item_get_child (item);
  CdRow *row = item_row (item);
  g_autofree char *text = NULL;
  const char *style = NULL;
  CdTicketSla sla;

  if (row == NULL || cd_row_get_id (row) == 0 || cd_row_get_value (row, CD_TICKET_COL_DUE) == NULL)
    {
      set_cell_style (cell, "dim-label");
      cd_list_cell_set_text (cell, row != NULL && cd_row_get_id (row) != 0 ? "—" : "");
      return;
    }

  if (!judge_row (self, row, &sla, NULL) || !sla.has_resolution)
    text = cd_datetime_format_stamp (cd_row_get_int (row, CD_TICKET_COL_DUE, 0));
  else
    {
      text = cd_tickets_describe_clock_short (sla.resolution_state, sla.resolution_left,
                                              sla.resolution_paused, &style);
      if (g_strcmp0 (style, "success") == 0)
        style = "dim-label";
    }
  set_cell_style (cell, style);
  cd_list_cell_set_text (cell, text);
}

static gboolean
on_due_query_tooltip_cb (GtkWidget   *cell,
                         int          x,
                         int          y,
                         gboolean     keyboard,
                         GtkTooltip  *tooltip,
                         GtkListItem *item)
{
  CdTicketsView *self = g_object_get_qdata (G_OBJECT (item), cell_view_quark);
  CdRow *row = item_row (item);
  g_autoptr(GError) error = NULL;
  g_autofree char *due = NULL;
  g_autofree char *text = NULL;
  CdTicketSla sla;

  if (self == NULL || row == NULL || cd_row_get_id (row) == 0 || cd_row_get_value (row, CD_TICKET_COL_DUE) == NULL)
    return FALSE;

  if (!judge_row (self, row, &sla, &error) || !sla.has_resolution)
    {
      if (error == NULL)
        return FALSE;
      gtk_tooltip_set_text (tooltip, error->message);
      return TRUE;
    }
  due = cd_datetime_format_when (sla.resolution_due, cd_store_now (self->store));
  /* Translators: first %s is a state such as "Breached", second a date and time */
  text = g_strdup_printf (_("%s — resolution due %s"), cd_sla_state_label (sla.resolution_state), due);
  gtk_tooltip_set_text (tooltip, text);
  return TRUE;
}

/* Each column's factory is declared in the .ui with its own setup
 * callback, which says which of the list's columns its cells show. */
static void
setup_cell (CdTicketsView  *self,
            GtkListItem    *item,
            CdTicketColumn  column)
{
  GtkWidget *cell = cd_list_cell_new (column == CD_TICKET_COL_NUMBER || column == CD_TICKET_COL_DUE ||
                                      column == CD_TICKET_COL_MODIFIED);

  g_object_set_qdata (G_OBJECT (item), cell_view_quark, self);
  g_object_set_qdata (G_OBJECT (item), cell_column_quark, GUINT_TO_POINTER (column));
  if (column == CD_TICKET_COL_DUE)
    {
      gtk_widget_set_has_tooltip (cell, TRUE);
      g_signal_connect_object (cell, "query-tooltip", G_CALLBACK (on_due_query_tooltip_cb), item, 0);
    }
  gtk_list_item_set_child (item, cell);
}

#define CELL_SETUP(name, column)                                                 \
  static void                                                                    \
  on_##name##_factory_setup_cb (GtkSignalListItemFactory *factory,               \
                                GtkListItem              *item,                  \
                                CdTicketsView            *self)                  \
  {                                                                              \
    setup_cell (self, item, column);                                             \
  }

CELL_SETUP (number, CD_TICKET_COL_NUMBER)
CELL_SETUP (subject, CD_TICKET_COL_SUBJECT)
CELL_SETUP (customer, CD_TICKET_COL_CUSTOMER)
CELL_SETUP (priority, CD_TICKET_COL_PRIORITY)
CELL_SETUP (status, CD_TICKET_COL_STATUS)
CELL_SETUP (assignee, CD_TICKET_COL_ASSIGNEE)
CELL_SETUP (due, CD_TICKET_COL_DUE)
CELL_SETUP (updated, CD_TICKET_COL_MODIFIED)

static void
update_cell (GtkListItem *item)
{
  CdTicketsView *self = g_object_get_qdata (G_OBJECT (item), cell_view_quark);
  guint column = GPOINTER_TO_UINT (g_object_get_qdata (G_OBJECT (item), cell_column_quark));

  if (column == CD_TICKET_COL_DUE)
    update_due_cell (self, item);
  else
    bind_text_cell (self, item, column);
}

/* The slot shows another row: the list changed under a kept widget. */
static void
on_slot_row_changed_cb (CdListSlot  *slot,
                        GParamSpec  *pspec,
                        GtkListItem *item)
{
  update_cell (item);
}

static void
on_cell_bind_cb (GtkSignalListItemFactory *factory,
                 GtkListItem              *item,
                 CdTicketsView            *self)
{
  CdListSlot *slot = gtk_list_item_get_item (item);

  if (slot != NULL)
    g_signal_connect (slot, "notify::row", G_CALLBACK (on_slot_row_changed_cb), item);
  if (GPOINTER_TO_UINT (g_object_get_qdata (G_OBJECT (item), cell_column_quark)) == CD_TICKET_COL_DUE)
    g_hash_table_add (self->due_items, item);
  update_cell (item);
}

static void
on_cell_unbind_cb (GtkSignalListItemFactory *factory,
                   GtkListItem              *item,
                   CdTicketsView            *self)
{
  CdListSlot *slot = gtk_list_item_get_item (item);

  if (slot != NULL)
    g_signal_handlers_disconnect_by_func (slot, on_slot_row_changed_cb, item);
  g_hash_table_remove (self->due_items, item);
}

/* The clocks move on with time, and with the rules. */
void
_cd_tickets_view_refresh_due_cells (CdTicketsView *self)
{
  GHashTableIter iter;
  gpointer key;

  g_hash_table_iter_init (&iter, self->due_items);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    update_due_cell (self, key);
}

void
_cd_tickets_view_class_cells_init (GtkWidgetClass *widget_class)
{
  style_quark = g_quark_from_static_string ("cd-tickets-cell-style");
  cell_view_quark = g_quark_from_static_string ("cd-tickets-cell-view");
  cell_column_quark = g_quark_from_static_string ("cd-tickets-cell-column");

  gtk_widget_class_bind_template_callback (widget_class, on_number_factory_setup_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_subject_factory_setup_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_customer_factory_setup_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_priority_factory_setup_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_status_factory_setup_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_assignee_factory_setup_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_due_factory_setup_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_updated_factory_setup_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_cell_bind_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_cell_unbind_cb);
}
