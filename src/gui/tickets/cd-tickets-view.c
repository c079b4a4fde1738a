/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "caredesk-tickets"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "cd-accessible.h"
#include "cd-column-sort.h"
#include "cd-datetime.h"
#include "cd-list-cell.h"
#include "cd-row-model.h"
#include "cd-ticket-editor.h"
#include "cd-ticket-page.h"
#include "cd-slot-list.h"
#include "cd-tickets-util.h"
#include "cd-tickets-view-private.h"
#include "cd-validate.h"

enum {
  PROP_0,
  PROP_STORE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (CdTicketsView, cd_tickets_view, GTK_TYPE_WIDGET)

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
      /* All tickets cannot point to itself. */
      if (self->queue == CD_TICKET_QUEUE_ALL)
        /* Translators: %s is what was typed */
        description = g_strdup_printf (_("No ticket numbered “%s” and no subject starting with it. Check the spelling."),
                                       typed);
      else
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

void
_cd_tickets_view_apply_query (CdTicketsView *self)
{
  g_autoptr(GError) error = NULL;
  CdTicketFilter filter;

  /* GtkSingleSelection looks for its selected item among all the new
   * items; with nothing selected it reads none of them. */
  gtk_single_selection_set_selected (self->selection, GTK_INVALID_LIST_POSITION);
  /* The rules follow their changes (on_rules_changed_cb()); they are read
   * again here only when reading them failed. */
  if (self->sla_rules == NULL)
    _cd_tickets_view_load_sla_rules (self);
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
  _cd_tickets_view_request_counts (self);
}

static void
on_rules_changed_cb (CdStore       *store,
                     CdChange      *change,
                     CdTicketsView *self)
{
  _cd_tickets_view_load_sla_rules (self);
  _cd_tickets_view_refresh_due_cells (self);
  _cd_tickets_view_request_counts (self);
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
    _cd_tickets_view_apply_query (self);
  else
    {
      _cd_tickets_view_load_sla_rules (self);
      _cd_tickets_view_refresh_due_cells (self);
    }
  _cd_tickets_view_request_counts (self);
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
    _cd_tickets_view_apply_query (self);
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

/* On screen --------------------------------------------------------------- */

static void
cd_tickets_view_unmap (GtkWidget *widget)
{
  CdTicketsView *self = CD_TICKETS_VIEW (widget);

  _cd_tickets_view_stop_watching_paint (self);
  GTK_WIDGET_CLASS (cd_tickets_view_parent_class)->unmap (widget);
}

/* Once the list is on screen, the ticket page is built while nothing else
 * happens, so that opening the first ticket does not wait for it. */
static void
cd_tickets_view_map (GtkWidget *widget)
{
  CdTicketsView *self = CD_TICKETS_VIEW (widget);

  GTK_WIDGET_CLASS (cd_tickets_view_parent_class)->map (widget);
  if (self->counts_waiting)
    _cd_tickets_view_watch_first_paint (self);
  if (self->ticket_page == NULL && self->prepare_page_id == 0)
    self->prepare_page_id = g_idle_add_full (G_PRIORITY_LOW, _cd_tickets_view_prepare_ticket_page_cb, self, NULL);
}

/* Object ------------------------------------------------------------------ */

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
  _cd_tickets_view_build_queue_rows (self);

  _cd_tickets_view_load_sla_rules (self);
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
                           G_CALLBACK (_cd_tickets_view_queue_list_row_selected_cb), self, 0);

  g_signal_group_set_target (self->model_signals, self->model);
  g_signal_group_set_target (self->store_signals, self->store);
  self->minute_id = g_timeout_add_seconds (60, minute_cb, self);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "tickets.new", !cd_store_is_read_only (self->store));
  update_empty_state (self);
  _cd_tickets_view_request_counts (self);
}

static void
cd_tickets_view_dispose (GObject *object)
{
  CdTicketsView *self = CD_TICKETS_VIEW (object);

  g_cancellable_cancel (self->counts_cancellable);
  _cd_tickets_view_stop_watching_paint (self);
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

  _cd_tickets_view_class_cells_init (widget_class);
  _cd_tickets_view_class_actions_init (widget_class);

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
  _cd_tickets_view_watch_search (self);
  cd_accessible_name_list (GTK_WIDGET (self->column_view), _("Tickets"));
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
  _cd_tickets_view_apply_query (self);
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

GListModel *
cd_tickets_view_get_model (CdTicketsView *self)
{
  g_return_val_if_fail (CD_IS_TICKETS_VIEW (self), NULL);
  return G_LIST_MODEL (self->model);
}

GtkWidget *
cd_tickets_view_get_column_view (CdTicketsView *self)
{
  g_return_val_if_fail (CD_IS_TICKETS_VIEW (self), NULL);
  return GTK_WIDGET (self->column_view);
}
