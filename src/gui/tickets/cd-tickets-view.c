/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "caredesk-tickets"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "cd-column-sort.h"
#include "cd-datetime.h"
#include "cd-list-cell.h"
#include "cd-row-model.h"
#include "cd-ticket-editor.h"
#include "cd-ticket-page.h"
#include "cd-slot-list.h"
#include "cd-tickets-util.h"
#include "cd-tickets-view.h"
#include "cd-validate.h"

/* The shown columns, in the order of the .ui: the first columns of the
 * list's rows (CdTicketColumn). */
static const char * const shown_names[] = {
  "number", "subject", "customer", "priority", "status", "assignee", "due", "updated",
};

/* The shown columns, in the order of the .ui, with how soon each hides
 * when the list is narrow (0: never). */
#define N_SHOWN G_N_ELEMENTS (shown_names)
static const guint hide_rank[N_SHOWN] = { 0, 0, 4, 2, 5, 3, 0, 1 };

#define SUBJECT_MIN_WIDTH 160

/* How much of a search the empty page repeats. */
#define SEARCH_SHOWN_CHARS 60

struct _CdTicketsView
{
  GtkWidget            parent_instance;

  CdStore             *store;
  CdRowModel          *model;
  GtkSingleSelection  *selection;

  CdTicketQueue        queue;
  char                *search;
  char                *sort_column;
  gboolean             sort_descending;
  gboolean             applying;
  gboolean             setting_search;

  gint64               counts[CD_TICKET_N_QUEUES];
  GtkWidget           *queue_rows[CD_TICKET_N_QUEUES];
  GtkLabel            *count_labels[CD_TICKET_N_QUEUES];
  GCancellable        *counts_cancellable;
  gboolean             counts_running;
  gboolean             counts_waiting;  /* the first count, until the first frame */
  GdkFrameClock       *paint_clock;
  gulong               paint_id;
  gboolean             counts_dirty;
  gint64               counts_started_us;
  guint                counts_timeout_id;

  guint                minute_id;
  GSignalGroup        *store_signals;
  GSignalGroup        *model_signals;
  guint                columns_idle_id;
  int                  columns_width;

  GHashTable          *due_items;   /* GtkListItem set, bound in the due column */
  CdTicketSlaRules    *sla_rules;
  GError              *sla_error;

  GtkWidget           *ticket_page;
  guint                prepare_page_id;
  guint                search_idle_id;

  /* Template widgets */
  GtkStack            *main_stack;
  AdwLeaflet          *leaflet;
  GtkListBox          *queue_list;
  GtkWidget           *list_pane;
  GtkWidget           *queues_button;
  GtkSearchEntry      *search_entry;
  GtkLabel            *queue_title_label;
  GtkLabel            *queue_count_label;
  AdwToastOverlay     *toast_overlay;
  GtkStack            *list_stack;
  GtkScrolledWindow   *list_window;
  GtkColumnView       *column_view;
  AdwStatusPage       *empty_page;
  GtkColumnViewColumn *number_column;
  GtkColumnViewColumn *subject_column;
  GtkColumnViewColumn *customer_column;
  GtkColumnViewColumn *priority_column;
  GtkColumnViewColumn *status_column;
  GtkColumnViewColumn *assignee_column;
  GtkColumnViewColumn *due_column;
  GtkColumnViewColumn *updated_column;
};

enum {
  PROP_0,
  PROP_STORE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (CdTicketsView, cd_tickets_view, GTK_TYPE_WIDGET)

static void apply_query (CdTicketsView *self);
static void request_counts (CdTicketsView *self);

static GtkColumnViewColumn *
shown_column (CdTicketsView *self,
              guint          index)
{
  GtkColumnViewColumn *shown[N_SHOWN] = {
    self->number_column, self->subject_column, self->customer_column, self->priority_column,
    self->status_column, self->assignee_column, self->due_column, self->updated_column,
  };

  g_assert (index < N_SHOWN);
  return shown[index];
}

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

/* The SLA rules are read once per query or refresh (three small
 * statements), so a cell's clock costs no SQL. */
static void
load_sla_rules (CdTicketsView *self)
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
static void
refresh_due_cells (CdTicketsView *self)
{
  GHashTableIter iter;
  gpointer key;

  g_hash_table_iter_init (&iter, self->due_items);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    update_due_cell (self, key);
}

/* Queues and counts ------------------------------------------------------- */

static void
update_count_label (CdTicketsView *self,
                    CdTicketQueue  queue)
{
  g_autofree char *text = NULL;
  g_autofree char *accessible = NULL;

  if (self->counts[queue] < 0)
    text = g_strdup ("");
  else
    text = g_strdup_printf ("%'" G_GINT64_FORMAT, self->counts[queue]);
  gtk_label_set_text (self->count_labels[queue], text);

  if (self->counts[queue] >= 0)
    /* Translators: a queue's name and how many tickets it holds */
    accessible = g_strdup_printf (ngettext ("%s, %d ticket", "%s, %d tickets", (gulong) self->counts[queue]),
                                  cd_ticket_queue_label (queue), (int) MIN (self->counts[queue], G_MAXINT));
  else
    accessible = g_strdup (cd_ticket_queue_label (queue));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->queue_rows[queue]),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, accessible, -1);

  gtk_widget_remove_css_class (GTK_WIDGET (self->count_labels[queue]), "error");
  gtk_widget_remove_css_class (GTK_WIDGET (self->count_labels[queue]), "warning");
  if (queue == CD_TICKET_QUEUE_BREACHED && self->counts[queue] > 0)
    gtk_widget_add_css_class (GTK_WIDGET (self->count_labels[queue]), "error");
  else if (queue == CD_TICKET_QUEUE_AT_RISK && self->counts[queue] > 0)
    gtk_widget_add_css_class (GTK_WIDGET (self->count_labels[queue]), "warning");
}

static void
apply_counts (CdTicketsView *self,
              const gint64   counts[CD_TICKET_N_QUEUES])
{
  for (guint q = 0; q < CD_TICKET_N_QUEUES; q++)
    {
      self->counts[q] = counts[q];
      update_count_label (self, q);
    }
  cd_tickets_list_set_counts (self->model, counts);
}

static void
counts_done_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(CdTicketsView) self = user_data;
  g_autoptr(GError) error = NULL;
  gint64 counts[CD_TICKET_N_QUEUES];

  self->counts_running = FALSE;
  if (!cd_tickets_count_queues_finish (CD_STORE (source), result, counts, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_warning ("Could not count the tickets in each queue: %s", error->message);
      return;
    }
  if (self->store == NULL)
    return;
  apply_counts (self, counts);
  if (self->counts_dirty)
    request_counts (self);
}

static void
stop_watching_paint (CdTicketsView *self)
{
  if (self->paint_clock != NULL)
    g_clear_signal_handler (&self->paint_id, self->paint_clock);
  g_clear_object (&self->paint_clock);
}

/* Counting a million tickets takes tens of milliseconds: the store's
 * read worker does it on its own connection so the list never waits. */
static void
run_counts (CdTicketsView *self)
{
  cd_tickets_count_queues_async (self->store, self->counts_cancellable, counts_done_cb, g_object_ref (self));
}

static void
on_first_paint_cb (GdkFrameClock *clock,
                   CdTicketsView *self)
{
  stop_watching_paint (self);
  if (self->counts_waiting)
    {
      self->counts_waiting = FALSE;
      run_counts (self);
    }
}

/* Runs the waiting count after the next frame; a view not on screen yet
 * starts watching when it is mapped. */
static void
watch_first_paint (CdTicketsView *self)
{
  GdkFrameClock *clock;

  if (self->paint_id != 0 || !gtk_widget_get_mapped (GTK_WIDGET (self)))
    return;
  clock = gtk_widget_get_frame_clock (GTK_WIDGET (self));
  if (clock == NULL)
    {
      on_first_paint_cb (NULL, self);
      return;
    }
  self->paint_clock = g_object_ref (clock);
  self->paint_id = g_signal_connect (clock, "after-paint", G_CALLBACK (on_first_paint_cb), self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
start_counts (CdTicketsView *self)
{
  self->counts_dirty = FALSE;
  self->counts_running = TRUE;
  if (self->counts_started_us == 0 || self->counts_waiting)
    {
      /* The first count waits for the view's first frame: on a small
       * machine the worker would otherwise compete with drawing it. */
      self->counts_waiting = TRUE;
      watch_first_paint (self);
    }
  else
    run_counts (self);
  self->counts_started_us = g_get_monotonic_time ();
}

static gboolean
counts_timeout_cb (gpointer user_data)
{
  CdTicketsView *self = user_data;

  self->counts_timeout_id = 0;
  request_counts (self);
  return G_SOURCE_REMOVE;
}

/* At most one count at a time and one start per interval: a busy file
 * (others typing drafts, heartbeats) never piles up work. */
static void
request_counts (CdTicketsView *self)
{
  gint64 since_ms;

  if (self->counts_running)
    {
      self->counts_dirty = TRUE;
      return;
    }
  if (self->counts_timeout_id != 0)
    return;

  since_ms = (g_get_monotonic_time () - self->counts_started_us) / 1000;
  if (self->counts_started_us != 0 && since_ms < CD_TICKETS_VIEW_REFRESH_INTERVAL_MS)
    {
      self->counts_timeout_id = g_timeout_add ((guint) (CD_TICKETS_VIEW_REFRESH_INTERVAL_MS - since_ms),
                                               counts_timeout_cb, self);
      return;
    }
  start_counts (self);
}

gboolean
cd_tickets_view_count_now (CdTicketsView  *self,
                           GError        **error)
{
  gint64 counts[CD_TICKET_N_QUEUES];

  g_return_val_if_fail (CD_IS_TICKETS_VIEW (self), FALSE);

  if (!cd_tickets_queue_counts (self->store, counts, error))
    return FALSE;
  apply_counts (self, counts);
  return TRUE;
}

/* The list ---------------------------------------------------------------- */

static void
update_header (CdTicketsView *self)
{
  guint n = cd_row_model_get_n_matches (self->model);
  g_autofree char *count = NULL;

  gtk_label_set_text (self->queue_title_label, cd_ticket_queue_label (self->queue));
  if (self->search != NULL)
    /* Translators: how many tickets match the search */
    count = g_strdup_printf (ngettext ("%'u match", "%'u matches", n), n);
  else
    /* Translators: how many tickets a queue holds */
    count = g_strdup_printf (ngettext ("%'u ticket", "%'u tickets", n), n);
  gtk_label_set_text (self->queue_count_label, count);
}

static void
update_empty_state (CdTicketsView *self)
{
  const GError *error = cd_row_model_get_error (self->model);
  guint n = cd_row_model_get_n_matches (self->model);
  const char *title = NULL;
  g_autofree char *description = NULL;

  update_header (self);

  if (n > 0 && error == NULL)
    {
      gtk_stack_set_visible_child_name (self->list_stack, "list");
      return;
    }

  if (error != NULL)
    {
      title = _("Tickets Cannot Be Shown");
      description = g_strdup (error->message);
      adw_status_page_set_icon_name (self->empty_page, "dialog-warning-symbolic");
    }
  else if (self->search != NULL)
    {
      g_autofree char *typed = cd_text_shorten (self->search, SEARCH_SHOWN_CHARS);

      title = _("No Matching Tickets");
      /* Translators: first %s is what was typed, second a queue name */
      description = g_strdup_printf (_("No ticket numbered “%s” and no subject starting with it in “%s”. Check the spelling, or look in All tickets."),
                                     typed, cd_ticket_queue_label (self->queue));
      adw_status_page_set_icon_name (self->empty_page, "edit-find-symbolic");
    }
  else
    {
      adw_status_page_set_icon_name (self->empty_page, "mail-unread-symbolic");
      switch (self->queue)
        {
        case CD_TICKET_QUEUE_MINE:
          title = _("No Tickets Assigned to You");
          description = g_strdup (_("Take a ticket from Unassigned, or create one with New Ticket (Ctrl+N) when a customer gets in touch."));
          break;
        case CD_TICKET_QUEUE_UNASSIGNED:
          title = _("Every Open Ticket Has Someone");
          description = g_strdup (_("New tickets that nobody has taken yet are listed here."));
          break;
        case CD_TICKET_QUEUE_AT_RISK:
          title = _("Nothing at Risk");
          description = g_strdup (_("Open tickets that have used three quarters of their resolution time are listed here, so they can be finished before the deadline."));
          break;
        case CD_TICKET_QUEUE_BREACHED:
          title = _("No Breached Tickets");
          description = g_strdup (_("Unresolved tickets past their resolution deadline are listed here."));
          break;
        case CD_TICKET_QUEUE_STATUS_NEW:
        case CD_TICKET_QUEUE_STATUS_OPEN:
        case CD_TICKET_QUEUE_STATUS_PENDING:
        case CD_TICKET_QUEUE_STATUS_RESOLVED:
        case CD_TICKET_QUEUE_STATUS_CLOSED:
          title = _("No Tickets in This Status");
          /* Translators: %s is a status such as "Pending" */
          description = g_strdup_printf (_("Tickets whose status is “%s” are listed here. Pick another queue on the left, or All tickets."),
                                         cd_ticket_queue_label (self->queue));
          break;
        case CD_TICKET_QUEUE_ALL:
        case CD_TICKET_N_QUEUES:
        default:
          title = _("No Tickets Yet");
          description = g_strdup (_("When a customer gets in touch, create the first ticket with New Ticket (Ctrl+N)."));
          break;
        }
    }

  adw_status_page_set_title (self->empty_page, title);
  adw_status_page_set_description (self->empty_page, description);
  gtk_stack_set_visible_child_name (self->list_stack, "empty");
}

static void
get_filter (CdTicketsView  *self,
            CdTicketFilter *filter)
{
  cd_ticket_filter_init (filter);
  filter->queue = self->queue;
  filter->search = self->search;
  filter->sort_column = self->sort_column;
  filter->sort_descending = self->sort_descending;
}

static void
apply_query (CdTicketsView *self)
{
  g_autoptr(GError) error = NULL;
  CdTicketFilter filter;

  /* GtkSingleSelection looks for its selected item among all the new
   * items; with nothing selected it reads none of them. */
  gtk_single_selection_set_selected (self->selection, GTK_INVALID_LIST_POSITION);
  load_sla_rules (self);
  get_filter (self, &filter);
  if (!cd_tickets_list_set_filter (self->model, &filter, &error))
    {
      adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (error->message));
      return;
    }
  /* The rows change in place (see CdTicketListModel); a new list starts
   * at its top. */
  gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (self->list_window), 0);
  update_empty_state (self);
}

/* Following changes ------------------------------------------------------ */

/* The list refreshes itself (cd_row_model_set_refresh_kinds()); the
 * counts follow the tickets, and the clocks follow the SLA rules. */
static void
on_tickets_changed_cb (CdStore       *store,
                       CdChange      *change,
                       CdTicketsView *self)
{
  request_counts (self);
}

static void
on_rules_changed_cb (CdStore       *store,
                     CdChange      *change,
                     CdTicketsView *self)
{
  load_sla_rules (self);
  refresh_due_cells (self);
  request_counts (self);
}

static void
on_model_changed_cb (CdTicketsView *self)
{
  update_empty_state (self);
}

static gboolean
minute_cb (gpointer user_data)
{
  CdTicketsView *self = user_data;

  /* The SLA queues are ranges around "now". */
  if (self->queue == CD_TICKET_QUEUE_AT_RISK || self->queue == CD_TICKET_QUEUE_BREACHED)
    apply_query (self);
  else
    {
      load_sla_rules (self);
      refresh_due_cells (self);
    }
  request_counts (self);
  return G_SOURCE_CONTINUE;
}

/* Sorting ----------------------------------------------------------------- */

/* The header says which column the person sorts by; SQLite sorts. */
static void
on_view_sorter_changed_cb (GtkSorter       *sorter,
                           GtkSorterChange  change,
                           CdTicketsView   *self)
{
  const char *name = "updated";
  gboolean descending = TRUE;

  if (!cd_column_sort_get (self->column_view, &name, &descending))
    {
      name = "updated";
      descending = TRUE;
    }
  if (g_strcmp0 (name, self->sort_column) == 0 && descending == self->sort_descending)
    return;
  g_free (self->sort_column);
  self->sort_column = g_strdup (name);
  self->sort_descending = descending;
  if (!self->applying)
    apply_query (self);
}

/* All tickets have no single index on their deadlines. */
static void
update_due_sorter (CdTicketsView *self)
{
  gboolean sortable = cd_tickets_list_can_sort (self->queue, "due");
  gboolean has = gtk_column_view_column_get_sorter (self->due_column) != NULL;

  if (sortable == has)
    return;
  if (!sortable && g_strcmp0 (self->sort_column, "due") == 0)
    /* Sort by "Updated" instead of making SQLite sort a million rows. */
    gtk_column_view_sort_by_column (self->column_view, self->updated_column, GTK_SORT_DESCENDING);
  cd_column_sort_set_name (self->due_column, sortable ? "due" : NULL);
}

gboolean
cd_tickets_view_sort_by (CdTicketsView *self,
                         const char    *column,
                         gboolean       descending)
{
  g_return_val_if_fail (CD_IS_TICKETS_VIEW (self), FALSE);
  g_return_val_if_fail (column != NULL, FALSE);

  for (guint i = 0; i < N_SHOWN; i++)
    {
      GtkColumnViewColumn *c = shown_column (self, i);

      if (g_strcmp0 (shown_names[i], column) != 0)
        continue;
      if (gtk_column_view_column_get_sorter (c) == NULL)
        return FALSE;
      gtk_column_view_sort_by_column (self->column_view, c,
                                      descending ? GTK_SORT_DESCENDING : GTK_SORT_ASCENDING);
      return TRUE;
    }
  return FALSE;
}

/* Narrow lists ------------------------------------------------------------ */

static gboolean
update_columns_idle_cb (gpointer user_data)
{
  CdTicketsView *self = user_data;
  int available = self->columns_width;
  int needed = SUBJECT_MIN_WIDTH;
  gboolean visible[N_SHOWN];

  self->columns_idle_id = 0;

  for (guint i = 0; i < N_SHOWN; i++)
    {
      visible[i] = TRUE;
      if (i != CD_TICKET_COL_SUBJECT)
        needed += gtk_column_view_column_get_fixed_width (shown_column (self, i));
    }
  /* Hide the least needed columns first until the subject has room. */
  for (guint rank = 1; rank <= 5 && needed > available; rank++)
    for (guint i = 0; i < N_SHOWN; i++)
      if (hide_rank[i] == rank)
        {
          visible[i] = FALSE;
          needed -= gtk_column_view_column_get_fixed_width (shown_column (self, i));
        }

  for (guint i = 0; i < N_SHOWN; i++)
    if (gtk_column_view_column_get_visible (shown_column (self, i)) != visible[i])
      gtk_column_view_column_set_visible (shown_column (self, i), visible[i]);

  /* GTK 4.8 gives no extra room to an expanding column once another
   * column is hidden, so the subject takes what is left explicitly. */
  gtk_column_view_column_set_fixed_width (self->subject_column,
                                          MAX (SUBJECT_MIN_WIDTH, available - (needed - SUBJECT_MIN_WIDTH)));
  return G_SOURCE_REMOVE;
}

static void
on_list_width_changed_cb (GtkAdjustment *adjustment,
                          GParamSpec    *pspec,
                          CdTicketsView *self)
{
  int width = (int) gtk_adjustment_get_page_size (adjustment);

  if (width <= 0 || width == self->columns_width)
    return;
  self->columns_width = width;
  if (self->columns_idle_id == 0)
    self->columns_idle_id = g_idle_add (update_columns_idle_cb, self);
}

/* Navigation -------------------------------------------------------------- */

static void
on_ticket_page_back_cb (CdTicketsView *self)
{
  cd_tickets_view_show_list (self);
}

/* The ticket page is made when first needed, not with the list: opening
 * the view then builds the list alone. It is kept and reused for every
 * ticket after that. */
static GtkWidget *
ensure_ticket_page (CdTicketsView *self)
{
  if (self->ticket_page == NULL)
    {
      self->ticket_page = cd_ticket_page_new (self->store);
      g_signal_connect_object (self->ticket_page, "back", G_CALLBACK (on_ticket_page_back_cb),
                               self, G_CONNECT_SWAPPED);
      gtk_stack_add_named (self->main_stack, self->ticket_page, "ticket");
    }
  return self->ticket_page;
}

static gboolean
prepare_ticket_page_cb (gpointer user_data)
{
  CdTicketsView *self = user_data;

  self->prepare_page_id = 0;
  ensure_ticket_page (self);
  return G_SOURCE_REMOVE;
}

/* Once the list is on screen, the ticket page is built while nothing else
 * happens, so that opening the first ticket does not wait for it. */
static void
cd_tickets_view_unmap (GtkWidget *widget)
{
  CdTicketsView *self = CD_TICKETS_VIEW (widget);

  stop_watching_paint (self);
  GTK_WIDGET_CLASS (cd_tickets_view_parent_class)->unmap (widget);
}

static void
cd_tickets_view_map (GtkWidget *widget)
{
  CdTicketsView *self = CD_TICKETS_VIEW (widget);

  GTK_WIDGET_CLASS (cd_tickets_view_parent_class)->map (widget);
  if (self->counts_waiting)
    watch_first_paint (self);
  if (self->ticket_page == NULL && self->prepare_page_id == 0)
    self->prepare_page_id = g_idle_add_full (G_PRIORITY_LOW, prepare_ticket_page_cb, self, NULL);
}

static void
on_column_view_activate_cb (CdTicketsView *self,
                            guint          position)
{
  gint64 id = cd_row_model_get_id (self->model, position);

  if (id != 0)
    cd_tickets_view_open_ticket (self, id);
}

static void
on_queue_list_row_selected_cb (GtkListBox    *list,
                               GtkListBoxRow *row,
                               CdTicketsView *self)
{
  if (row == NULL)
    return;
  cd_tickets_view_set_queue (self, gtk_list_box_row_get_index (row));
}

static void
on_queue_list_row_activated_cb (GtkListBox    *list,
                                GtkListBoxRow *row,
                                CdTicketsView *self)
{
  cd_tickets_view_set_queue (self, gtk_list_box_row_get_index (row));
  adw_leaflet_set_visible_child (self->leaflet, self->list_pane);
  gtk_widget_grab_focus (GTK_WIDGET (self->column_view));
}

static void
on_queues_button_clicked_cb (CdTicketsView *self)
{
  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_BACK);
  gtk_widget_grab_focus (GTK_WIDGET (self->queue_list));
}

static void
on_leaflet_folded_cb (CdTicketsView *self)
{
  gtk_widget_set_visible (self->queues_button, adw_leaflet_get_folded (self->leaflet));
}

static gboolean
search_idle_cb (gpointer user_data)
{
  CdTicketsView *self = user_data;

  self->search_idle_id = 0;
  cd_tickets_view_set_search (self, gtk_editable_get_text (GTK_EDITABLE (self->search_entry)));
  return G_SOURCE_REMOVE;
}

static void
on_search_entry_search_changed_cb (CdTicketsView *self)
{
  if (self->setting_search)
    return;
  /* GtkSearchEntry reports an empty text at once, also when the text is
   * being replaced (deleted, then the new text inserted): look again
   * once the change is complete, before the next frame, and search for
   * the new text then rather than showing every ticket in between. */
  if (*gtk_editable_get_text (GTK_EDITABLE (self->search_entry)) == '\0')
    {
      if (self->search_idle_id == 0)
        self->search_idle_id = g_idle_add_full (G_PRIORITY_HIGH_IDLE, search_idle_cb, self, NULL);
      return;
    }
  g_clear_handle_id (&self->search_idle_id, g_source_remove);
  cd_tickets_view_set_search (self, gtk_editable_get_text (GTK_EDITABLE (self->search_entry)));
}

static void
on_search_entry_activate_cb (CdTicketsView *self)
{
  /* Enter on a ticket number opens it. */
  g_clear_handle_id (&self->search_idle_id, g_source_remove);
  if (!self->setting_search)
    cd_tickets_view_set_search (self, gtk_editable_get_text (GTK_EDITABLE (self->search_entry)));
  if (cd_row_model_get_n_matches (self->model) == 1)
    on_column_view_activate_cb (self, 0);
  else
    gtk_widget_grab_focus (GTK_WIDGET (self->column_view));
}

static void
on_search_entry_stop_search_cb (CdTicketsView *self)
{
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  cd_tickets_view_set_search (self, NULL);
  gtk_widget_grab_focus (GTK_WIDGET (self->column_view));
}

static void
on_editor_saved_cb (CdTicketEditor *editor,
                    gint64          id,
                    CdTicketsView  *self)
{
  cd_tickets_view_open_ticket (self, id);
}

static void
new_action_cb (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  CdTicketsView *self = CD_TICKETS_VIEW (widget);
  GtkWidget *editor = cd_ticket_editor_new (self->store, 0);

  g_signal_connect_object (editor, "saved", G_CALLBACK (on_editor_saved_cb), self, 0);
  gtk_window_set_transient_for (GTK_WINDOW (editor), cd_tickets_get_window (widget));
  gtk_window_present (GTK_WINDOW (editor));
}

/* Object ------------------------------------------------------------------ */

static void
build_queue_rows (CdTicketsView *self)
{
  static const char *icons[CD_TICKET_N_QUEUES] = {
    "avatar-default-symbolic",
    "system-users-symbolic",
    "alarm-symbolic",
    "dialog-warning-symbolic",
    "mail-unread-symbolic",
    "mail-send-symbolic",
    "mail-reply-sender-symbolic",
    "emblem-ok-symbolic",
    "changes-prevent-symbolic",
    "view-list-symbolic",
  };

  for (guint q = 0; q < CD_TICKET_N_QUEUES; q++)
    {
      GtkWidget *row = gtk_list_box_row_new ();
      GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 10);
      GtkWidget *icon = gtk_image_new_from_icon_name (icons[q]);
      GtkWidget *label = gtk_label_new (cd_ticket_queue_label (q));
      GtkWidget *count = gtk_label_new (NULL);

      gtk_accessible_update_property (GTK_ACCESSIBLE (icon), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      cd_ticket_queue_label (q), -1);
      gtk_box_append (GTK_BOX (box), icon);
      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
      gtk_widget_set_hexpand (label, TRUE);
      gtk_box_append (GTK_BOX (box), label);
      gtk_widget_add_css_class (count, "dim-label");
      gtk_widget_add_css_class (count, "numeric");
      gtk_box_append (GTK_BOX (box), count);
      gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
      gtk_list_box_append (self->queue_list, row);

      /* A line between "my work" queues and the status queues. */
      if (q == CD_TICKET_QUEUE_BREACHED || q == CD_TICKET_QUEUE_STATUS_CLOSED)
        gtk_widget_set_margin_bottom (row, 12);

      self->queue_rows[q] = row;
      self->count_labels[q] = GTK_LABEL (count);
      self->counts[q] = -1;
      update_count_label (self, q);
    }
}

static void
cd_tickets_view_constructed (GObject *object)
{
  CdTicketsView *self = CD_TICKETS_VIEW (object);
  g_autoptr(GError) error = NULL;
  CdTicketFilter filter;
  GtkSorter *view_sorter;

  G_OBJECT_CLASS (cd_tickets_view_parent_class)->constructed (object);

  g_assert (self->store != NULL);

  self->queue = cd_store_get_staff_id (self->store) != 0 ? CD_TICKET_QUEUE_MINE : CD_TICKET_QUEUE_ALL;
  self->sort_column = g_strdup ("updated");
  self->sort_descending = TRUE;
  build_queue_rows (self);

  load_sla_rules (self);
  get_filter (self, &filter);
  self->model = cd_tickets_list_new (self->store, &filter, &error);
  if (error != NULL)
    g_warning ("Could not read the ticket queue: %s", error->message);
  cd_row_model_set_refresh_kinds (self->model, cd_tickets_list_get_kinds ());
  /* A new sort, filter or refresh changes what the rows on screen show
   * rather than replacing them (see CdSlotList). */
  self->selection = gtk_single_selection_new (G_LIST_MODEL (cd_slot_list_new (G_LIST_MODEL (self->model))));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  g_object_set (self->column_view, "model", self->selection, NULL);

  for (guint i = 0; i < N_SHOWN; i++)
    if (i != CD_TICKET_COL_DUE && cd_tickets_list_can_sort (CD_TICKET_QUEUE_ALL, shown_names[i]))
      cd_column_sort_set_name (shown_column (self, i), shown_names[i]);
  update_due_sorter (self);
  self->applying = TRUE;
  gtk_column_view_sort_by_column (self->column_view, self->updated_column, GTK_SORT_DESCENDING);
  self->applying = FALSE;
  view_sorter = gtk_column_view_get_sorter (self->column_view);
  g_signal_connect_object (view_sorter, "changed", G_CALLBACK (on_view_sorter_changed_cb), self, 0);

  g_signal_connect_object (gtk_scrolled_window_get_hadjustment (self->list_window), "notify::page-size",
                           G_CALLBACK (on_list_width_changed_cb), self, 0);


  /* Folded, the list comes first; the queues are a button away. */
  adw_leaflet_set_visible_child (self->leaflet, self->list_pane);
  gtk_list_box_select_row (self->queue_list, GTK_LIST_BOX_ROW (self->queue_rows[self->queue]));
  g_signal_connect_object (self->queue_list, "row-selected",
                           G_CALLBACK (on_queue_list_row_selected_cb), self, 0);

  g_signal_group_set_target (self->model_signals, self->model);
  g_signal_group_set_target (self->store_signals, self->store);
  self->minute_id = g_timeout_add_seconds (60, minute_cb, self);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "tickets.new", !cd_store_is_read_only (self->store));
  update_empty_state (self);
  request_counts (self);
}

static void
cd_tickets_view_dispose (GObject *object)
{
  CdTicketsView *self = CD_TICKETS_VIEW (object);

  g_cancellable_cancel (self->counts_cancellable);
  stop_watching_paint (self);
  if (self->counts_waiting)
    {
      self->counts_waiting = FALSE;
      self->counts_running = FALSE;
    }
  g_signal_group_set_target (self->store_signals, NULL);
  g_signal_group_set_target (self->model_signals, NULL);
  g_clear_handle_id (&self->counts_timeout_id, g_source_remove);
  g_clear_handle_id (&self->minute_id, g_source_remove);
  g_clear_handle_id (&self->columns_idle_id, g_source_remove);
  g_clear_handle_id (&self->prepare_page_id, g_source_remove);
  g_clear_handle_id (&self->search_idle_id, g_source_remove);

  if (self->column_view != NULL)
    {
      /* Tearing the columns down changes the view's sorter; that must not
       * re-run a query against children that are already gone. */
      g_signal_handlers_disconnect_by_func (gtk_column_view_get_sorter (self->column_view),
                                            on_view_sorter_changed_cb, self);
      gtk_column_view_set_model (self->column_view, NULL);
    }
  gtk_widget_dispose_template (GTK_WIDGET (self), CD_TYPE_TICKETS_VIEW);
  self->ticket_page = NULL;
  g_clear_object (&self->selection);
  g_clear_object (&self->model);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (cd_tickets_view_parent_class)->dispose (object);
}

static void
cd_tickets_view_finalize (GObject *object)
{
  CdTicketsView *self = CD_TICKETS_VIEW (object);

  g_clear_object (&self->counts_cancellable);
  g_clear_object (&self->store_signals);
  g_clear_object (&self->model_signals);
  g_clear_pointer (&self->due_items, g_hash_table_unref);
  g_clear_pointer (&self->sla_rules, cd_ticket_sla_rules_free);
  g_clear_error (&self->sla_error);
  g_free (self->search);
  g_free (self->sort_column);

  G_OBJECT_CLASS (cd_tickets_view_parent_class)->finalize (object);
}

static void
cd_tickets_view_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  CdTicketsView *self = CD_TICKETS_VIEW (object);

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
cd_tickets_view_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  CdTicketsView *self = CD_TICKETS_VIEW (object);

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
cd_tickets_view_class_init (CdTicketsViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = cd_tickets_view_constructed;
  object_class->get_property = cd_tickets_view_get_property;
  object_class->set_property = cd_tickets_view_set_property;
  object_class->dispose = cd_tickets_view_dispose;
  object_class->finalize = cd_tickets_view_finalize;
  widget_class->map = cd_tickets_view_map;
  widget_class->unmap = cd_tickets_view_unmap;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL,
                         CD_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (CD_TYPE_ROW);
  style_quark = g_quark_from_static_string ("cd-tickets-cell-style");
  cell_view_quark = g_quark_from_static_string ("cd-tickets-cell-view");
  cell_column_quark = g_quark_from_static_string ("cd-tickets-cell-column");

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/tickets/cd-tickets-view.ui");
  gtk_widget_class_bind_template_child (widget_class, CdTicketsView, main_stack);
  gtk_widget_class_bind_template_child (widget_class, CdTicketsView, leaflet);
  gtk_widget_class_bind_template_child (widget_class, CdTicketsView, queue_list);
  gtk_widget_class_bind_template_child (widget_class, CdTicketsView, list_pane);
  gtk_widget_class_bind_template_child (widget_class, CdTicketsView, queues_button);
  gtk_widget_class_bind_template_child (widget_class, CdTicketsView, search_entry);
  gtk_widget_class_bind_template_child (widget_class, CdTicketsView, queue_title_label);
  gtk_widget_class_bind_template_child (widget_class, CdTicketsView, queue_count_label);
  gtk_widget_class_bind_template_child (widget_class, CdTicketsView, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, CdTicketsView, list_stack);
  gtk_widget_class_bind_template_child (widget_class, CdTicketsView, list_window);
  gtk_widget_class_bind_template_child (widget_class, CdTicketsView, column_view);
  gtk_widget_class_bind_template_child (widget_class, CdTicketsView, empty_page);
  gtk_widget_class_bind_template_child (widget_class, CdTicketsView, number_column);
  gtk_widget_class_bind_template_child (widget_class, CdTicketsView, subject_column);
  gtk_widget_class_bind_template_child (widget_class, CdTicketsView, customer_column);
  gtk_widget_class_bind_template_child (widget_class, CdTicketsView, priority_column);
  gtk_widget_class_bind_template_child (widget_class, CdTicketsView, status_column);
  gtk_widget_class_bind_template_child (widget_class, CdTicketsView, assignee_column);
  gtk_widget_class_bind_template_child (widget_class, CdTicketsView, due_column);
  gtk_widget_class_bind_template_child (widget_class, CdTicketsView, updated_column);
  gtk_widget_class_bind_template_callback (widget_class, on_leaflet_folded_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_queue_list_row_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_queues_button_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_search_entry_search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_search_entry_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_search_entry_stop_search_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_column_view_activate_cb);
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

  gtk_widget_class_install_action (widget_class, "tickets.new", NULL, new_action_cb);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK, "tickets.new", NULL);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
cd_tickets_view_init (CdTicketsView *self)
{
  self->counts_cancellable = g_cancellable_new ();
  self->store_signals = g_signal_group_new (CD_TYPE_STORE);
  g_signal_group_connect_object (self->store_signals, "changed::" CD_CHANGE_TICKETS,
                                 G_CALLBACK (on_tickets_changed_cb), self, G_CONNECT_DEFAULT);
  g_signal_group_connect_object (self->store_signals, "changed::" CD_CHANGE_SLA_POLICIES,
                                 G_CALLBACK (on_rules_changed_cb), self, G_CONNECT_DEFAULT);
  g_signal_group_connect_object (self->store_signals, "changed::" CD_CHANGE_CALENDARS,
                                 G_CALLBACK (on_rules_changed_cb), self, G_CONNECT_DEFAULT);
  g_signal_group_connect_object (self->store_signals, "changed::" CD_CHANGE_HOLIDAYS,
                                 G_CALLBACK (on_rules_changed_cb), self, G_CONNECT_DEFAULT);
  self->model_signals = g_signal_group_new (CD_TYPE_ROW_MODEL);
  g_signal_group_connect_object (self->model_signals, "notify::n-matches",
                                 G_CALLBACK (on_model_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_group_connect_object (self->model_signals, "items-changed",
                                 G_CALLBACK (on_model_changed_cb), self, G_CONNECT_SWAPPED);
  self->due_items = g_hash_table_new (NULL, NULL);
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
cd_tickets_view_new (CdStore *store)
{
  g_return_val_if_fail (CD_IS_STORE (store), NULL);

  return g_object_new (CD_TYPE_TICKETS_VIEW, "store", store, NULL);
}

CdStore *
cd_tickets_view_get_store (CdTicketsView *self)
{
  g_return_val_if_fail (CD_IS_TICKETS_VIEW (self), NULL);

  return self->store;
}

void
cd_tickets_view_set_queue (CdTicketsView *self,
                           CdTicketQueue  queue)
{
  g_return_if_fail (CD_IS_TICKETS_VIEW (self));
  g_return_if_fail ((guint) queue < CD_TICKET_N_QUEUES);

  if (queue == self->queue)
    return;
  self->queue = queue;

  self->applying = TRUE;
  update_due_sorter (self);
  self->applying = FALSE;
  if (gtk_list_box_get_selected_row (self->queue_list) != GTK_LIST_BOX_ROW (self->queue_rows[queue]))
    gtk_list_box_select_row (self->queue_list, GTK_LIST_BOX_ROW (self->queue_rows[queue]));
  apply_query (self);
}

CdTicketQueue
cd_tickets_view_get_queue (CdTicketsView *self)
{
  g_return_val_if_fail (CD_IS_TICKETS_VIEW (self), CD_TICKET_QUEUE_ALL);
  return self->queue;
}

gint64
cd_tickets_view_get_queue_count (CdTicketsView *self,
                                 CdTicketQueue  queue)
{
  g_return_val_if_fail (CD_IS_TICKETS_VIEW (self), -1);
  g_return_val_if_fail ((guint) queue < CD_TICKET_N_QUEUES, -1);
  return self->counts[queue];
}

void
cd_tickets_view_set_search (CdTicketsView *self,
                            const char    *text)
{
  g_autofree char *trimmed = NULL;

  g_return_if_fail (CD_IS_TICKETS_VIEW (self));

  trimmed = g_strstrip (g_strdup (text != NULL ? text : ""));
  if (*trimmed == '\0')
    g_clear_pointer (&trimmed, g_free);
  if (g_strcmp0 (trimmed, self->search) == 0)
    return;
  g_free (self->search);
  self->search = g_steal_pointer (&trimmed);

  if (g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (self->search_entry)), text != NULL ? text : "") != 0)
    {
      /* Replacing the text passes through "" and would clear the search. */
      self->setting_search = TRUE;
      gtk_editable_set_text (GTK_EDITABLE (self->search_entry), text != NULL ? text : "");
      self->setting_search = FALSE;
    }
  apply_query (self);
}

void
cd_tickets_view_open_ticket (CdTicketsView *self,
                             gint64         id)
{
  g_return_if_fail (CD_IS_TICKETS_VIEW (self));

  cd_ticket_page_set_ticket (CD_TICKET_PAGE (ensure_ticket_page (self)), id);
  gtk_stack_set_visible_child_name (self->main_stack, "ticket");
  gtk_widget_grab_focus (self->ticket_page);
}

void
cd_tickets_view_show_list (CdTicketsView *self)
{
  g_return_if_fail (CD_IS_TICKETS_VIEW (self));

  if (self->ticket_page != NULL)
    cd_ticket_page_set_ticket (CD_TICKET_PAGE (self->ticket_page), 0);
  gtk_stack_set_visible_child_name (self->main_stack, "browse");
  adw_leaflet_set_visible_child (self->leaflet, self->list_pane);
  gtk_widget_grab_focus (GTK_WIDGET (self->column_view));
}

gboolean
cd_tickets_view_is_ticket_shown (CdTicketsView *self)
{
  g_return_val_if_fail (CD_IS_TICKETS_VIEW (self), FALSE);
  return g_strcmp0 (gtk_stack_get_visible_child_name (self->main_stack), "ticket") == 0;
}

GListModel *
cd_tickets_view_get_model (CdTicketsView *self)
{
  g_return_val_if_fail (CD_IS_TICKETS_VIEW (self), NULL);
  return G_LIST_MODEL (self->model);
}

GtkWidget *
cd_tickets_view_get_ticket_page (CdTicketsView *self)
{
  g_return_val_if_fail (CD_IS_TICKETS_VIEW (self), NULL);
  return ensure_ticket_page (self);
}

GtkWidget *
cd_tickets_view_get_column_view (CdTicketsView *self)
{
  g_return_val_if_fail (CD_IS_TICKETS_VIEW (self), NULL);
  return GTK_WIDGET (self->column_view);
}
