/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "caredesk-customers"

#include "config.h"

#include <glib/gi18n.h>

#include "cd-accessible.h"
#include "cd-column-sort.h"
#include "cd-list-cell.h"
#include "cd-customers-util.h"
#include "cd-customers-view-private.h"
#include "cd-datetime.h"
#include "cd-search-watch.h"
#include "cd-validate.h"

/* What the list's rows show: the customers, and their owners' names. */
static const char * const refresh_kinds[] = { CD_CHANGE_CUSTOMERS, CD_CHANGE_STAFF, NULL };

enum {
  PROP_0,
  PROP_STORE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (CdCustomersView, cd_customers_view, GTK_TYPE_WIDGET)

/* Cells ---------------------------------------------------------------------
 * The list's items are slots (CdSlotList): a cell shows the row now at
 * its slot's position and updates when the slot's row changes. The
 * factories are signal factories rather than builder templates because
 * GTK 4.8 keeps some 200 rows of cells, and a cell made in C costs a
 * fraction of a template with expression bindings.
 *
 * Each cell is a single GtkInscription. A GtkLabel measures its text
 * (shaping it with HarfBuzz) whenever the text changes, so a new sort or
 * filter re-measured some 1 400 labels; an inscription's size comes from
 * the font's metrics alone and its text is shaped only when drawn, and
 * the columns have fixed widths, so a rebind costs little more than
 * setting the text. */

typedef char *(*CellText) (CdCustomersView *self,
                           CdRow           *row);

static char *
name_text (CdCustomersView *self,
           CdRow           *row)
{
  if (cd_row_get_int (row, CD_CUSTOMER_COL_ARCHIVED, 0) != 0)
    /* Translators: a customer's name in the list, when archived */
    return g_strdup_printf (_("%s (archived)"), cd_row_get_value (row, CD_CUSTOMER_COL_NAME));
  return g_strdup (cd_row_get_value (row, CD_CUSTOMER_COL_NAME));
}

static char *
organisation_text (CdCustomersView *self,
                   CdRow           *row)
{
  return g_strdup (cd_row_get_value (row, CD_CUSTOMER_COL_ORGANISATION));
}

static char *
owner_text (CdCustomersView *self,
            CdRow           *row)
{
  return g_strdup (cd_row_get_value (row, CD_CUSTOMER_COL_OWNER));
}

static char *
tier_text (CdCustomersView *self,
           CdRow           *row)
{
  int tier = cd_tier_from_nick (cd_row_get_value (row, CD_CUSTOMER_COL_TIER));

  return tier >= 0 ? g_strdup (cd_tier_label ((CdTier) tier)) : NULL;
}

static char *
last_contact_text (CdCustomersView *self,
                   CdRow           *row)
{
  return cd_datetime_format_short (cd_row_get_int (row, CD_CUSTOMER_COL_LAST_CONTACT, 0),
                                   cd_store_now (self->store));
}

/* Phone and email depend on who is signed in: a rep sees other people's
 * customers' contacts masked. */
static char *
phone_text (CdCustomersView *self,
            CdRow           *row)
{
  return cd_customer_display_phone (self->store, row);
}

static char *
email_text (CdCustomersView *self,
            CdRow           *row)
{
  return cd_customer_display_email (self->store, row);
}

static GQuark cell_view_quark;
static GQuark cell_text_quark;

static void
update_cell (GtkListItem *item)
{
  CdListSlot *slot = gtk_list_item_get_item (item);
  CdCustomersView *self = g_object_get_qdata (G_OBJECT (item), cell_view_quark);
  CellText cell_text = g_object_get_qdata (G_OBJECT (item), cell_text_quark);
  CdRow *row = slot != NULL ? cd_list_slot_get_row (slot) : NULL;
  g_autofree char *text = row != NULL ? cell_text (self, row) : NULL;

  cd_list_cell_set_text (gtk_list_item_get_child (item), text);
}

static void
on_slot_row_changed_cb (CdListSlot  *slot,
                        GParamSpec  *pspec,
                        GtkListItem *item)
{
  update_cell (item);
}

static void
setup_cell (GtkListItem     *item,
            CdCustomersView *self,
            CellText         cell_text,
            gboolean         numeric)
{
  gtk_list_item_set_child (item, cd_list_cell_new (numeric));

  g_object_set_qdata (G_OBJECT (item), cell_view_quark, self);
  g_object_set_qdata (G_OBJECT (item), cell_text_quark, cell_text);
}

static void
on_cell_bind_cb (GtkSignalListItemFactory *factory,
                 GtkListItem              *item,
                 CdCustomersView          *self)
{
  GObject *slot = gtk_list_item_get_item (item);

  update_cell (item);
  if (slot != NULL)
    g_signal_connect (slot, "notify::row", G_CALLBACK (on_slot_row_changed_cb), item);
}

static void
on_cell_unbind_cb (GtkSignalListItemFactory *factory,
                   GtkListItem              *item,
                   CdCustomersView          *self)
{
  GObject *slot = gtk_list_item_get_item (item);

  if (slot != NULL)
    g_signal_handlers_disconnect_by_func (slot, on_slot_row_changed_cb, item);
}

#define CELL_SETUP(column, numeric)                                              \
  static void                                                                    \
  on_##column##_factory_setup_cb (GtkSignalListItemFactory *factory,             \
                                  GtkListItem              *item,                \
                                  CdCustomersView          *self)                \
  {                                                                              \
    setup_cell (item, self, column##_text, numeric);                             \
  }

CELL_SETUP (name, FALSE)
CELL_SETUP (organisation, FALSE)
CELL_SETUP (tier, FALSE)
CELL_SETUP (owner, FALSE)
CELL_SETUP (phone, FALSE)
CELL_SETUP (email, FALSE)
CELL_SETUP (last_contact, TRUE)

/* List state ------------------------------------------------------------------ */

static gboolean
filter_is_default (const CdCustomerFilter *filter)
{
  return (filter->text == NULL || filter->text[0] == '\0') &&
         filter->tier < 0 &&
         filter->owner_id == CD_CUSTOMER_OWNER_ANY &&
         filter->archived == CD_ARCHIVED_HIDE;
}

void
_cd_customers_view_update_state (CdCustomersView *self)
{
  const GError *error = cd_row_model_get_error (self->model);
  guint n = cd_row_model_get_n_matches (self->model);
  g_autofree char *count = NULL;
  const char *page;

  if (error != NULL)
    {
      adw_status_page_set_description (self->error_page, error->message);
      page = "error";
    }
  else if (n > 0)
    page = "list";
  else if (filter_is_default (&self->filter))
    page = "empty";
  else
    page = "no-matches";

  gtk_stack_set_visible_child_name (self->list_stack, page);
  /* Kept rows (see cd_row_model_set_keep_rows_when_empty()) are not
   * there to be acted on. */
  if (n == 0 && self->selection != NULL)
    gtk_single_selection_set_selected (self->selection, GTK_INVALID_LIST_POSITION);

  if (error == NULL && (n > 0 || !filter_is_default (&self->filter)))
    count = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%'u customer", "%'u customers", n), n);
  gtk_label_set_text (self->count_label, count != NULL ? count : "");

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "customers.export", error == NULL && n > 0);
}

/* A new sort, a new filter or a refresh changes what the rows show (see
 * CdSlotList) but not the selected position: keep it only
 * when the same customer is still there. This handler runs before the
 * adapter's, the next one after. */
static void
on_model_items_changed_cb (CdCustomersView *self,
                           guint            position,
                           guint            removed,
                           guint            added,
                           GListModel      *model)
{
  self->reselect_position = gtk_single_selection_get_selected (self->selection);
  self->reselect_id = self->selected_id;
}

static void
on_model_items_changed_after_cb (CdCustomersView *self,
                                 guint            position,
                                 guint            removed,
                                 guint            added,
                                 GListModel      *model)
{
  guint reselect = self->reselect_position;

  self->reselect_position = GTK_INVALID_LIST_POSITION;
  if (reselect != GTK_INVALID_LIST_POSITION)
    {
      if (reselect < g_list_model_get_n_items (model) &&
          cd_row_model_get_id (self->model, reselect) == self->reselect_id)
        gtk_single_selection_set_selected (self->selection, reselect);
      else
        gtk_single_selection_set_selected (self->selection, GTK_INVALID_LIST_POSITION);
    }

  _cd_customers_view_update_state (self);
}

static void
on_selection_selected_changed_cb (CdCustomersView *self)
{
  guint selected = gtk_single_selection_get_selected (self->selection);

  self->selected_id = selected != GTK_INVALID_LIST_POSITION ? cd_row_model_get_id (self->model, selected) : 0;
}

/* Filters ---------------------------------------------------------------------- */

static void
read_filters (CdCustomersView  *self,
              CdCustomerFilter *filter)
{
  guint tier = gtk_drop_down_get_selected (self->tier_dropdown);
  guint owner = gtk_drop_down_get_selected (self->owner_dropdown);
  g_autofree char *text = cd_validate_trim (gtk_editable_get_text (GTK_EDITABLE (self->search_entry)));

  cd_customer_filter_init (filter);
  filter->text = text[0] != '\0' ? g_steal_pointer (&text) : NULL;
  filter->tier = tier == GTK_INVALID_LIST_POSITION || tier == 0 ? -1 : (int) tier - 1;
  filter->owner_id = owner < self->owner_filter_ids->len
                     ? g_array_index (self->owner_filter_ids, gint64, owner)
                     : CD_CUSTOMER_OWNER_ANY;
  filter->archived = gtk_toggle_button_get_active (self->archived_button) ? CD_ARCHIVED_SHOW : CD_ARCHIVED_HIDE;
  filter->sort_column = g_strdup (self->filter.sort_column);
  filter->sort_descending = self->filter.sort_descending;
}

static gboolean
filters_equal (const CdCustomerFilter *a,
               const CdCustomerFilter *b)
{
  return g_strcmp0 (a->text, b->text) == 0 &&
         a->tier == b->tier &&
         a->owner_id == b->owner_id &&
         a->archived == b->archived &&
         g_strcmp0 (a->sort_column, b->sort_column) == 0 &&
         a->sort_descending == b->sort_descending;
}

/* After a new sort or filter the list starts at its first row. The rows
 * on screen stay (see CdSlotList), and a GTK 4.8 list keeps
 * the row in the middle of the view in place when the rows above it
 * change height; so the list inside the column view is told to show the
 * first row at the top. */
static void
scroll_to_top (CdCustomersView *self)
{
  gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (self->scrolled_window), 0);

  if (cd_row_model_get_n_matches (self->model) == 0)
    return;
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->column_view));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_LIST_VIEW (child))
      gtk_widget_activate_action (child, "list.scroll-to-item", "u", 0);
}

void
_cd_customers_view_apply_filters (CdCustomersView *self)
{
  CdCustomerFilter filter;

  if (self->updating_filters)
    return;

  read_filters (self, &filter);
  if (filters_equal (&filter, &self->filter))
    {
      cd_customer_filter_clear (&filter);
      return;
    }

  cd_customer_filter_clear (&self->filter);
  self->filter = filter;
  cd_customers_list_set_filter (self->model, &self->filter);
  scroll_to_top (self);
  _cd_customers_view_update_state (self);
}

static void
on_filter_changed_cb (CdCustomersView *self)
{
  _cd_customers_view_apply_filters (self);
}

static void
apply_search_cb (gpointer owner)
{
  _cd_customers_view_apply_filters (CD_CUSTOMERS_VIEW (owner));
}

static void
focus_list (CdCustomersView *self)
{
  if (cd_row_model_get_n_matches (self->model) == 0)
    return;
  if (gtk_single_selection_get_selected (self->selection) == GTK_INVALID_LIST_POSITION)
    gtk_single_selection_set_selected (self->selection, 0);
  gtk_widget_grab_focus (GTK_WIDGET (self->column_view));
}

static void
on_search_entry_activate_cb (CdCustomersView *self,
                             GtkSearchEntry  *entry)
{
  /* The search may still be waiting for its change to complete. */
  cd_search_watch_flush (entry);
  focus_list (self);
}

static void
on_search_entry_stop_search_cb (CdCustomersView *self,
                                GtkSearchEntry  *entry)
{
  gtk_editable_set_text (GTK_EDITABLE (entry), "");
  cd_search_watch_sync (entry);
  _cd_customers_view_apply_filters (self);
  focus_list (self);
}

static void
fill_filter_choices (CdCustomersView *self)
{
  g_autoptr(GtkStringList) tiers = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) owners = NULL;
  g_autoptr(GArray) staff_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GError) error = NULL;
  g_autoptr(GtkExpression) expression = NULL;
  gint64 fixed[OWNER_FIRST_PERSON];

  gtk_string_list_append (tiers, _("Any Tier"));
  for (guint i = 0; i < cd_tier_count (); i++)
    gtk_string_list_append (tiers, cd_tier_label ((CdTier) i));
  gtk_drop_down_set_model (self->tier_dropdown, G_LIST_MODEL (tiers));
  gtk_drop_down_set_model (self->tier_dropdown_compact, G_LIST_MODEL (tiers));

  owners = cd_customers_staff_choices (self->store, 0, staff_ids, &error);
  if (owners == NULL)
    {
      g_warning ("Could not list the staff: %s", error->message);
      owners = gtk_string_list_new (NULL);
    }
  gtk_string_list_splice (owners, 0, 0, (const char * const[]) { _("Anyone"), _("Me"), _("No Owner"), NULL });

  fixed[OWNER_ANYONE] = CD_CUSTOMER_OWNER_ANY;
  fixed[OWNER_ME] = cd_store_get_staff_id (self->store);
  fixed[OWNER_NOBODY] = CD_CUSTOMER_OWNER_NONE;
  g_array_set_size (self->owner_filter_ids, 0);
  g_array_append_vals (self->owner_filter_ids, fixed, OWNER_FIRST_PERSON);
  g_array_append_vals (self->owner_filter_ids, staff_ids->data, staff_ids->len);

  expression = gtk_property_expression_new (GTK_TYPE_STRING_OBJECT, NULL, "string");
  gtk_drop_down_set_expression (self->owner_dropdown, expression);
  gtk_drop_down_set_enable_search (self->owner_dropdown, staff_ids->len > 8);
  gtk_drop_down_set_model (self->owner_dropdown, G_LIST_MODEL (owners));
  gtk_drop_down_set_expression (self->owner_dropdown_compact, expression);
  gtk_drop_down_set_enable_search (self->owner_dropdown_compact, staff_ids->len > 8);
  gtk_drop_down_set_model (self->owner_dropdown_compact, G_LIST_MODEL (owners));
}

/* Someone joined, left or was renamed: the owner choices follow, and the
 * chosen owner stays chosen while they are on the list. */
static void
on_staff_changed_cb (CdStore         *store,
                     CdChange        *change,
                     CdCustomersView *self)
{
  guint selected = gtk_drop_down_get_selected (self->owner_dropdown);
  gint64 owner = selected < self->owner_filter_ids->len
                 ? g_array_index (self->owner_filter_ids, gint64, selected) : CD_CUSTOMER_OWNER_ANY;
  guint position = OWNER_ANYONE;

  self->updating_filters = TRUE;
  fill_filter_choices (self);
  if (selected < OWNER_FIRST_PERSON)
    position = selected;
  else
    for (guint i = OWNER_FIRST_PERSON; i < self->owner_filter_ids->len; i++)
      if (g_array_index (self->owner_filter_ids, gint64, i) == owner)
        position = i;
  gtk_drop_down_set_selected (self->owner_dropdown, position);
  self->updating_filters = FALSE;

  _cd_customers_view_apply_filters (self);
}

/* Sorting ----------------------------------------------------------------------
 * SQLite sorts the list; the column headers only say what was chosen
 * (see cd-column-sort.h). */

static void
on_sorter_changed_cb (CdCustomersView *self,
                      GtkSorterChange  change,
                      GtkSorter       *sorter)
{
  const char *column = NULL;
  gboolean descending = FALSE;

  if (!cd_column_sort_get (self->column_view, &column, &descending))
    {
      /* No column chosen any more: back to the default order. */
      column = "name";
      descending = FALSE;
    }

  if (g_strcmp0 (column, self->filter.sort_column) == 0 && descending == self->filter.sort_descending)
    return;

  g_free (self->filter.sort_column);
  self->filter.sort_column = g_strdup (column);
  self->filter.sort_descending = descending;
  cd_row_model_set_sort (self->model, column, descending);
  scroll_to_top (self);
  _cd_customers_view_update_state (self);
}

static void
setup_sorting (CdCustomersView *self)
{
  cd_column_sort_set_name (self->name_column, "name");
  cd_column_sort_set_name (self->organisation_column, "organisation");
  cd_column_sort_set_name (self->tier_column, "tier");
  cd_column_sort_set_name (self->owner_column, "owner");
  cd_column_sort_set_name (self->phone_column, "phone");
  cd_column_sort_set_name (self->email_column, "email");
  cd_column_sort_set_name (self->last_contact_column, "last_contact");

  gtk_column_view_sort_by_column (self->column_view, self->name_column, GTK_SORT_ASCENDING);
  self->sorter_signals = g_signal_group_new (GTK_TYPE_SORTER);
  g_signal_group_connect_object (self->sorter_signals, "changed",
                                 G_CALLBACK (on_sorter_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_group_set_target (self->sorter_signals, gtk_column_view_get_sorter (self->column_view));
}

/* Opening ------------------------------------------------------------------------- */

static CdCustomerPage *
make_customer_page (CdCustomersView *self)
{
  return CD_CUSTOMER_PAGE (g_object_ref_sink (cd_customer_page_new (self->store)));
}

/* The page is not made with the view, so that making the view costs only
 * the list; it is made at the next moment nothing else happens, and put
 * beside the list when a customer is first opened (it would show an
 * empty half before). It is kept and shows every customer
 * opened after that. */
static gboolean
prepare_page_cb (gpointer user_data)
{
  CdCustomersView *self = user_data;

  self->prepare_page_id = 0;
  if (self->customer_page == NULL && self->prepared_page == NULL)
    self->prepared_page = make_customer_page (self);
  return G_SOURCE_REMOVE;
}

static CdCustomerPage *
ensure_customer_page (CdCustomersView *self)
{
  g_autoptr(CdCustomerPage) customer_page = NULL;
  AdwLeafletPage *page;

  if (self->customer_page != NULL)
    return self->customer_page;

  g_clear_handle_id (&self->prepare_page_id, g_source_remove);
  customer_page = self->prepared_page != NULL ? g_steal_pointer (&self->prepared_page)
                                              : make_customer_page (self);

  page = adw_leaflet_append (self->leaflet, gtk_separator_new (GTK_ORIENTATION_VERTICAL));
  adw_leaflet_page_set_navigatable (page, FALSE);

  self->customer_page = customer_page;
  gtk_widget_set_hexpand (GTK_WIDGET (self->customer_page), TRUE);
  gtk_widget_set_size_request (GTK_WIDGET (self->customer_page), 360, -1);
  page = adw_leaflet_append (self->leaflet, GTK_WIDGET (self->customer_page));
  adw_leaflet_page_set_name (page, "customer");
  g_object_bind_property (self->leaflet, "folded",
                          self->customer_page, "show-back-button",
                          G_BINDING_SYNC_CREATE);
  return self->customer_page;
}

/* The customer shown on the page, or 0. */
gint64
_cd_customers_view_get_shown_id (CdCustomersView *self)
{
  return self->customer_page != NULL ? cd_customer_page_get_customer_id (self->customer_page) : 0;
}

gboolean
_cd_customers_view_page_shown (CdCustomersView *self)
{
  return self->customer_page != NULL &&
         adw_leaflet_get_visible_child (self->leaflet) == GTK_WIDGET (self->customer_page);
}

static void
update_back_action (CdCustomersView *self)
{
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "customers.back",
                                 adw_leaflet_get_folded (self->leaflet) && _cd_customers_view_page_shown (self));
}

static void
open_customer (CdCustomersView *self,
               gint64           id)
{
  g_autoptr(GError) error = NULL;

  /* On failure the page says what went wrong. */
  if (!cd_customer_page_load (ensure_customer_page (self), id, &error))
    g_debug ("Could not open customer %" G_GINT64_FORMAT ": %s", id, error->message);

  adw_leaflet_set_visible_child (self->leaflet, GTK_WIDGET (self->customer_page));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "customers.edit-shown",
                                 _cd_customers_view_get_shown_id (self) != 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "customers.new-ticket",
                                 _cd_customers_view_get_shown_id (self) != 0 &&
                                 !cd_store_is_read_only (self->store));
  update_back_action (self);
}

static void
on_column_view_activate_cb (CdCustomersView *self,
                            guint            position,
                            GtkColumnView   *view)
{
  gint64 id = cd_row_model_get_id (self->model, position);

  if (id > 0)
    open_customer (self, id);
}

static void
on_leaflet_folded_changed_cb (CdCustomersView *self)
{
  update_back_action (self);
}

static void
on_leaflet_visible_child_changed_cb (CdCustomersView *self)
{
  update_back_action (self);
}

/* Size --------------------------------------------------------------------------------
 * A narrow list shows fewer columns rather than squeezing all seven. */

static void
update_columns (CdCustomersView *self)
{
  gboolean medium = self->width_class >= WIDTH_MEDIUM;
  gboolean wide = self->width_class >= WIDTH_WIDE;

  gtk_column_view_column_set_visible (self->organisation_column, medium);
  gtk_column_view_column_set_visible (self->email_column, medium);
  gtk_column_view_column_set_visible (self->owner_column, wide);
  gtk_column_view_column_set_visible (self->last_contact_column, wide);
}

/* The columns have fixed widths (see the .ui), which spares measuring
 * every cell whenever the rows change: Name, Tier and Phone take 400
 * pixels, with Organisation and Email 770, and all of them 990. */
static int
width_class_for (int width)
{
  if (width < 770)
    return WIDTH_NARROW;
  if (width < 990)
    return WIDTH_MEDIUM;
  return WIDTH_WIDE;
}

static GtkSizeRequestMode
cd_customers_view_get_request_mode (GtkWidget *widget)
{
  CdCustomersView *self = CD_CUSTOMERS_VIEW (widget);

  return gtk_widget_get_request_mode (GTK_WIDGET (self->toast_overlay));
}

static void
cd_customers_view_measure (GtkWidget      *widget,
                           GtkOrientation  orientation,
                           int             for_size,
                           int            *minimum,
                           int            *natural,
                           int            *minimum_baseline,
                           int            *natural_baseline)
{
  CdCustomersView *self = CD_CUSTOMERS_VIEW (widget);

  gtk_widget_measure (GTK_WIDGET (self->toast_overlay), orientation, for_size,
                      minimum, natural, minimum_baseline, natural_baseline);
}

static void
cd_customers_view_size_allocate (GtkWidget *widget,
                                 int        width,
                                 int        height,
                                 int        baseline)
{
  CdCustomersView *self = CD_CUSTOMERS_VIEW (widget);
  int width_class;

  gtk_widget_allocate (GTK_WIDGET (self->toast_overlay), width, height, baseline, NULL);

  /* A list that became wider or narrower (a window resized) shows the
   * columns that fit, and is allocated again at once: the frame being
   * made draws it once, with those columns, and no second layout and
   * frame follow. A list hidden behind the customer page (a folded
   * leaflet gives it another width) keeps its columns until it is shown
   * again: changing them would lay out every row for nothing. */
  if (adw_leaflet_get_folded (self->leaflet) &&
      adw_leaflet_get_visible_child (self->leaflet) != self->list_box)
    return;
  width_class = width_class_for (gtk_widget_get_width (self->list_box));
  if (width_class != self->width_class)
    {
      self->width_class = width_class;
      update_columns (self);
      gtk_widget_allocate (GTK_WIDGET (self->toast_overlay), width, height, baseline, NULL);
    }
}

/* GObject ------------------------------------------------------------------------------ */

static void
cd_customers_view_constructed (GObject *object)
{
  CdCustomersView *self = CD_CUSTOMERS_VIEW (object);

  G_OBJECT_CLASS (cd_customers_view_parent_class)->constructed (object);

  g_assert (self->store != NULL);

  self->store_signals = g_signal_group_new (CD_TYPE_STORE);
  g_signal_group_connect_object (self->store_signals, "changed::" CD_CHANGE_STAFF,
                                 G_CALLBACK (on_staff_changed_cb), self, 0);
  g_signal_group_set_target (self->store_signals, self->store);

  self->updating_filters = TRUE;
  fill_filter_choices (self);
  /* The same filters in the popover that replaces them when narrow. */
  g_object_bind_property (self->tier_dropdown, "selected", self->tier_dropdown_compact, "selected",
                          G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE);
  g_object_bind_property (self->owner_dropdown, "selected", self->owner_dropdown_compact, "selected",
                          G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE);
  g_object_bind_property (self->archived_button, "active", self->archived_check_compact, "active",
                          G_BINDING_BIDIRECTIONAL | G_BINDING_SYNC_CREATE);
  self->updating_filters = FALSE;

  cd_customer_filter_init (&self->filter);
  self->filter.sort_column = g_strdup ("name");
  self->model = cd_customers_list_new (self->store, &self->filter);
  /* A search that finds nothing shows the empty page over the last rows,
   * so that the list does not build its rows again afterwards. */
  cd_row_model_set_keep_rows_when_empty (self->model, TRUE);
  cd_row_model_set_refresh_kinds (self->model, refresh_kinds);
  g_signal_connect_object (self->model, "notify::n-matches",
                           G_CALLBACK (_cd_customers_view_update_state), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->model, "items-changed",
                           G_CALLBACK (on_model_items_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->model, "items-changed",
                           G_CALLBACK (on_model_items_changed_after_cb), self,
                           G_CONNECT_SWAPPED | G_CONNECT_AFTER);

  self->slots = cd_slot_list_new (G_LIST_MODEL (self->model));
  self->selection = gtk_single_selection_new (G_LIST_MODEL (g_object_ref (self->slots)));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  on_selection_selected_changed_cb (self);
  g_signal_connect_object (self->selection, "notify::selected",
                           G_CALLBACK (on_selection_selected_changed_cb), self, G_CONNECT_SWAPPED);
  gtk_column_view_set_model (self->column_view, GTK_SELECTION_MODEL (self->selection));

  setup_sorting (self);
  gtk_search_entry_set_key_capture_widget (self->search_entry, GTK_WIDGET (self->column_view));
  cd_search_watch (self->search_entry, G_OBJECT (self), apply_search_cb);
  cd_accessible_name_list (GTK_WIDGET (self->column_view), _("Customers"));
  cd_accessible_set_label (GTK_WIDGET (self->archived_button), _("Show archived customers"));
  /* The button shows only "New": its name says what it makes. */
  cd_accessible_set_label (self->new_button, _("New Customer"));
  cd_accessible_name_drop_down (GTK_WIDGET (self->tier_dropdown), _("Tier"));
  cd_accessible_name_drop_down (GTK_WIDGET (self->tier_dropdown_compact), _("Tier"));
  cd_accessible_name_drop_down (GTK_WIDGET (self->owner_dropdown), _("Account owner"));
  cd_accessible_name_drop_down (GTK_WIDGET (self->owner_dropdown_compact), _("Account owner"));

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "customers.edit-shown", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "customers.new-ticket", FALSE);
  update_back_action (self);
  _cd_customers_view_update_state (self);

  /* The window makes its views while nothing else happens after its first
   * frame; the page follows at the next such moment. */
  self->prepare_page_id = g_idle_add_full (G_PRIORITY_LOW, prepare_page_cb, self, NULL);
}

static void
cd_customers_view_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  CdCustomersView *self = CD_CUSTOMERS_VIEW (object);

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
cd_customers_view_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  CdCustomersView *self = CD_CUSTOMERS_VIEW (object);

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
cd_customers_view_dispose (GObject *object)
{
  CdCustomersView *self = CD_CUSTOMERS_VIEW (object);

  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->prepare_page_id, g_source_remove);
  g_clear_object (&self->prepared_page);

  /* Taking the columns down changes the sort: not one to follow. */
  if (self->sorter_signals != NULL)
    g_signal_group_set_target (self->sorter_signals, NULL);
  g_clear_object (&self->sorter_signals);

  _cd_customers_view_actions_dispose (self);

  if (self->column_view != NULL)
    gtk_column_view_set_model (self->column_view, NULL);

  gtk_widget_dispose_template (GTK_WIDGET (self), CD_TYPE_CUSTOMERS_VIEW);

  g_clear_object (&self->selection);
  g_clear_object (&self->slots);
  if (self->store_signals != NULL)
    g_signal_group_set_target (self->store_signals, NULL);
  g_clear_object (&self->store_signals);
  if (self->model != NULL)
    {
      cd_row_model_set_refresh_kinds (self->model, NULL);
      g_clear_object (&self->model);
    }
  g_clear_object (&self->store);

  G_OBJECT_CLASS (cd_customers_view_parent_class)->dispose (object);
}

static void
cd_customers_view_finalize (GObject *object)
{
  CdCustomersView *self = CD_CUSTOMERS_VIEW (object);

  cd_customer_filter_clear (&self->filter);
  g_clear_pointer (&self->owner_filter_ids, g_array_unref);
  g_clear_pointer (&self->editors, g_hash_table_unref);
  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (cd_customers_view_parent_class)->finalize (object);
}

static void
cd_customers_view_class_init (CdCustomersViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  cell_view_quark = g_quark_from_static_string ("cd-customers-cell-view");
  cell_text_quark = g_quark_from_static_string ("cd-customers-cell-text");

  object_class->constructed = cd_customers_view_constructed;
  object_class->get_property = cd_customers_view_get_property;
  object_class->set_property = cd_customers_view_set_property;
  object_class->dispose = cd_customers_view_dispose;
  object_class->finalize = cd_customers_view_finalize;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL,
                         CD_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/customers/cd-customers-view.ui");
  gtk_widget_class_bind_template_child (widget_class, CdCustomersView, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, CdCustomersView, leaflet);
  gtk_widget_class_bind_template_child (widget_class, CdCustomersView, list_box);
  gtk_widget_class_bind_template_child (widget_class, CdCustomersView, count_label);
  gtk_widget_class_bind_template_child (widget_class, CdCustomersView, search_entry);
  gtk_widget_class_bind_template_child (widget_class, CdCustomersView, tier_dropdown);
  gtk_widget_class_bind_template_child (widget_class, CdCustomersView, owner_dropdown);
  gtk_widget_class_bind_template_child (widget_class, CdCustomersView, archived_button);
  gtk_widget_class_bind_template_child (widget_class, CdCustomersView, new_button);
  gtk_widget_class_bind_template_child (widget_class, CdCustomersView, tier_dropdown_compact);
  gtk_widget_class_bind_template_child (widget_class, CdCustomersView, owner_dropdown_compact);
  gtk_widget_class_bind_template_child (widget_class, CdCustomersView, archived_check_compact);
  gtk_widget_class_bind_template_child (widget_class, CdCustomersView, list_stack);
  gtk_widget_class_bind_template_child (widget_class, CdCustomersView, scrolled_window);
  gtk_widget_class_bind_template_child (widget_class, CdCustomersView, column_view);
  gtk_widget_class_bind_template_child (widget_class, CdCustomersView, name_column);
  gtk_widget_class_bind_template_child (widget_class, CdCustomersView, organisation_column);
  gtk_widget_class_bind_template_child (widget_class, CdCustomersView, tier_column);
  gtk_widget_class_bind_template_child (widget_class, CdCustomersView, owner_column);
  gtk_widget_class_bind_template_child (widget_class, CdCustomersView, phone_column);
  gtk_widget_class_bind_template_child (widget_class, CdCustomersView, email_column);
  gtk_widget_class_bind_template_child (widget_class, CdCustomersView, last_contact_column);
  gtk_widget_class_bind_template_child (widget_class, CdCustomersView, error_page);

  gtk_widget_class_bind_template_callback (widget_class, on_name_factory_setup_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_organisation_factory_setup_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_tier_factory_setup_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_owner_factory_setup_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_phone_factory_setup_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_email_factory_setup_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_last_contact_factory_setup_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_cell_bind_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_cell_unbind_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_filter_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_search_entry_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_search_entry_stop_search_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_column_view_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_leaflet_folded_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_leaflet_visible_child_changed_cb);

  _cd_customers_view_class_actions_init (widget_class);

  widget_class->get_request_mode = cd_customers_view_get_request_mode;
  widget_class->measure = cd_customers_view_measure;
  widget_class->size_allocate = cd_customers_view_size_allocate;
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
cd_customers_view_init (CdCustomersView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->owner_filter_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->editors = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  self->cancellable = g_cancellable_new ();
  self->width_class = WIDTH_WIDE;
  self->reselect_position = GTK_INVALID_LIST_POSITION;

  cd_customer_filter_init (&self->filter);
}

/* Public ---------------------------------------------------------------------------------- */

GtkWidget *
cd_customers_view_new (CdStore *store)
{
  g_return_val_if_fail (CD_IS_STORE (store), NULL);

  return g_object_new (CD_TYPE_CUSTOMERS_VIEW, "store", store, NULL);
}

CdStore *
cd_customers_view_get_store (CdCustomersView *self)
{
  g_return_val_if_fail (CD_IS_CUSTOMERS_VIEW (self), NULL);

  return self->store;
}

GListModel *
cd_customers_view_get_model (CdCustomersView *self)
{
  g_return_val_if_fail (CD_IS_CUSTOMERS_VIEW (self), NULL);

  return G_LIST_MODEL (self->model);
}

void
cd_customers_view_open_customer (CdCustomersView *self,
                                 gint64           id)
{
  g_return_if_fail (CD_IS_CUSTOMERS_VIEW (self));
  g_return_if_fail (id > 0);

  open_customer (self, id);
}

GtkWidget *
cd_customers_view_get_customer_page (CdCustomersView *self)
{
  g_return_val_if_fail (CD_IS_CUSTOMERS_VIEW (self), NULL);

  return GTK_WIDGET (ensure_customer_page (self));
}
