/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "cd-tickets-view.h"

G_BEGIN_DECLS

/* What the files of the Tickets view share: cd-tickets-view.c is the
 * object, the list's query, sorting and narrow layouts;
 * cd-tickets-view-cells.c the list's cells; cd-tickets-view-counts.c
 * the queues and their counts; cd-tickets-view-actions.c navigation,
 * search and New Ticket. */

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


/* cd-tickets-view.c */
void       _cd_tickets_view_apply_query             (CdTicketsView  *self);

/* cd-tickets-view-cells.c */
/* The SLA rules are read once per query or refresh, so that a cell's
 * clock costs no SQL. */
void       _cd_tickets_view_load_sla_rules          (CdTicketsView  *self);
/* The clocks move on with time, and with the rules. */
void       _cd_tickets_view_refresh_due_cells       (CdTicketsView  *self);
void       _cd_tickets_view_class_cells_init        (GtkWidgetClass *widget_class);

/* cd-tickets-view-counts.c */
void       _cd_tickets_view_build_queue_rows        (CdTicketsView  *self);
void       _cd_tickets_view_request_counts          (CdTicketsView  *self);
void       _cd_tickets_view_watch_first_paint       (CdTicketsView  *self);
void       _cd_tickets_view_stop_watching_paint     (CdTicketsView  *self);

/* cd-tickets-view-actions.c */
GtkWidget *_cd_tickets_view_ensure_ticket_page      (CdTicketsView  *self);
gboolean   _cd_tickets_view_prepare_ticket_page_cb  (gpointer        user_data);
void       _cd_tickets_view_queue_list_row_selected_cb (GtkListBox    *list,
                                                        GtkListBoxRow *row,
                                                        CdTicketsView *self);
void       _cd_tickets_view_class_actions_init      (GtkWidgetClass *widget_class);
void       _cd_tickets_view_watch_search            (CdTicketsView  *self);

G_END_DECLS
