/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* What cd-customers-view.c (the list, its filters and sorting, the page
 * beside it) and cd-customers-view-actions.c (adding, editing, restoring,
 * importing and exporting customers) share. */

#include "cd-customer-page.h"
#include "cd-customers.h"
#include "cd-customers-view.h"
#include "cd-slot-list.h"

G_BEGIN_DECLS

/* The owner filter's first entries; staff follow. */
enum {
  OWNER_ANYONE,
  OWNER_ME,
  OWNER_NOBODY,
  OWNER_FIRST_PERSON
};

struct _CdCustomersView
{
  GtkWidget            parent_instance;

  CdStore             *store;

  /* Template widgets */
  AdwToastOverlay     *toast_overlay;
  AdwLeaflet          *leaflet;
  GtkWidget           *list_box;
  GtkLabel            *count_label;
  GtkSearchEntry      *search_entry;
  GtkDropDown         *tier_dropdown;
  GtkDropDown         *owner_dropdown;
  GtkToggleButton     *archived_button;
  GtkWidget           *new_button;
  GtkDropDown         *tier_dropdown_compact;
  GtkDropDown         *owner_dropdown_compact;
  GtkCheckButton      *archived_check_compact;
  GtkStack            *list_stack;
  GtkScrolledWindow   *scrolled_window;
  GtkColumnView       *column_view;
  GtkColumnViewColumn *name_column;
  GtkColumnViewColumn *organisation_column;
  GtkColumnViewColumn *tier_column;
  GtkColumnViewColumn *owner_column;
  GtkColumnViewColumn *phone_column;
  GtkColumnViewColumn *email_column;
  GtkColumnViewColumn *last_contact_column;
  AdwStatusPage       *error_page;

  CdCustomerPage      *customer_page;
  /* Made while nothing else happens once the list is on screen, and put
   * beside the list when the first customer is opened (owned until then). */
  CdCustomerPage      *prepared_page;
  guint                prepare_page_id;

  CdRowModel          *model;
  GtkSingleSelection  *selection;
  CdCustomerFilter     filter;
  GArray              *owner_filter_ids;   /* gint64 per owner_dropdown position */

  GCancellable        *export_choosing;
  GCancellable        *cancellable;
  GHashTable          *editors;            /* customer id → CdCustomerEditor (not referenced) */
  GSignalGroup        *store_signals;
  GSignalGroup        *sorter_signals;

  /* The rows the column view shows, and keeping the selection across a
   * change: see on_model_items_changed_cb(). */
  CdSlotList          *slots;
  gint64               selected_id;
  gint64               reselect_id;
  guint                reselect_position;

  /* Which columns fit: see update_columns(). */
  int                  width_class;


  guint                updating_filters : 1;
};

enum {
  WIDTH_NARROW,
  WIDTH_MEDIUM,
  WIDTH_WIDE,
};

/* cd-customers-view.c */
void     _cd_customers_view_update_state       (CdCustomersView *self);
void     _cd_customers_view_apply_filters      (CdCustomersView *self);
/* The customer shown on the page, or 0. */
gint64   _cd_customers_view_get_shown_id       (CdCustomersView *self);
gboolean _cd_customers_view_page_shown         (CdCustomersView *self);

/* cd-customers-view-actions.c */
void     _cd_customers_view_class_actions_init (GtkWidgetClass  *widget_class);
/* Closes the editors and the file chooser the actions opened. */
void     _cd_customers_view_actions_dispose    (CdCustomersView *self);

G_END_DECLS
