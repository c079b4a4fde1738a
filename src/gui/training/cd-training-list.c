/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "caredesk-training"

#include "config.h"

#include "cd-column-sort.h"
#include "cd-list-cell.h"
#include "cd-search-watch.h"
#include "cd-slot-list.h"
#include "cd-training-list.h"

typedef struct {
  CdTrainingList     *list;
  CdTrainingCellText  text;
  gboolean            numeric;
} Column;

struct _CdTrainingList
{
  GtkColumnView          *view;
  CdRowModel             *model;
  CdSlotList             *slots;
  GtkSingleSelection     *selection;
  gpointer                owner;
  GSignalGroup           *sorter_signals;
  CdTrainingSortChanged   sort_changed;
  char                  **kept_column;      /* the owner's filter's, or NULL */
  gboolean               *kept_descending;
  char                   *sort_column;
  gboolean                sort_descending;
  gboolean                showing_sort;
  GPtrArray              *columns;   /* Column, owned */
  GtkSearchEntry         *search_entry;
};

static GQuark column_quark;
static GQuark css_quark;

static void
update_cell (GtkListItem *item)
{
  CdListSlot *slot = gtk_list_item_get_item (item);
  Column *column = g_object_get_qdata (G_OBJECT (item), column_quark);
  GtkWidget *cell = gtk_list_item_get_child (item);
  CdRow *row = slot != NULL ? cd_list_slot_get_row (slot) : NULL;
  const char *css = NULL;
  const char *old_css = g_object_get_qdata (G_OBJECT (cell), css_quark);
  g_autofree char *text = NULL;

  if (column == NULL || cell == NULL)
    return;
  if (row != NULL && cd_row_get_id (row) != 0)
    text = column->text (column->list->owner, row, &css);
  cd_list_cell_set_text (cell, text);
  if (g_strcmp0 (css, old_css) != 0)
    {
      if (old_css != NULL)
        gtk_widget_remove_css_class (cell, old_css);
      if (css != NULL)
        gtk_widget_add_css_class (cell, css);
      g_object_set_qdata (G_OBJECT (cell), css_quark, (gpointer) css);
    }
}

static void
on_slot_row_changed_cb (CdListSlot  *slot,
                        GParamSpec  *pspec,
                        GtkListItem *item)
{
  update_cell (item);
}

void
cd_training_list_cell_setup (GtkListItemFactory *factory,
                             GtkListItem        *item)
{
  Column *column = g_object_get_qdata (G_OBJECT (factory), column_quark);

  g_return_if_fail (column != NULL);
  gtk_list_item_set_child (item, cd_list_cell_new (column->numeric));
  g_object_set_qdata (G_OBJECT (item), column_quark, column);
}

void
cd_training_list_cell_bind (GtkListItemFactory *factory,
                            GtkListItem        *item)
{
  GObject *slot = gtk_list_item_get_item (item);

  update_cell (item);
  if (slot != NULL)
    g_signal_connect (slot, "notify::row", G_CALLBACK (on_slot_row_changed_cb), item);
}

void
cd_training_list_cell_unbind (GtkListItemFactory *factory,
                              GtkListItem        *item)
{
  GObject *slot = gtk_list_item_get_item (item);

  if (slot != NULL)
    g_signal_handlers_disconnect_by_func (slot, on_slot_row_changed_cb, item);
}

static void
on_sorter_changed_cb (CdTrainingList  *list,
                      GtkSorterChange  change,
                      GtkSorter       *sorter)
{
  const char *column = NULL;
  gboolean descending = FALSE;

  if (list->showing_sort)
    return;
  if (!cd_column_sort_get (list->view, &column, &descending))
    {
      /* No column chosen any more: the list's own order. */
      column = NULL;
      descending = FALSE;
    }
  if (g_strcmp0 (column, list->sort_column) == 0 && descending == list->sort_descending)
    return;

  g_free (list->sort_column);
  list->sort_column = g_strdup (column);
  list->sort_descending = descending;
  if (list->kept_column != NULL)
    {
      g_free (*list->kept_column);
      *list->kept_column = g_strdup (column);
      *list->kept_descending = descending;
    }
  if (list->sort_changed != NULL)
    list->sort_changed (list->owner, column, descending);
  if (column != NULL)
    cd_row_model_set_sort (list->model, column, descending);
  cd_training_list_scroll_to_top (list);
}

CdTrainingList *
cd_training_list_new (GtkColumnView       *view,
                      CdRowModel          *model,
                      gpointer             owner,
                      const char * const  *refresh_kinds)
{
  CdTrainingList *list;

  g_return_val_if_fail (GTK_IS_COLUMN_VIEW (view), NULL);
  g_return_val_if_fail (CD_IS_ROW_MODEL (model), NULL);

  if (column_quark == 0)
    {
      column_quark = g_quark_from_static_string ("cd-training-list-column");
      css_quark = g_quark_from_static_string ("cd-training-list-css");
    }

  list = g_new0 (CdTrainingList, 1);
  list->view = view;
  list->model = g_object_ref (model);
  list->owner = owner;
  list->columns = g_ptr_array_new_with_free_func (g_free);
  cd_row_model_set_keep_rows_when_empty (model, TRUE);
  if (refresh_kinds != NULL)
    cd_row_model_set_refresh_kinds (model, refresh_kinds);
  list->slots = cd_slot_list_new (G_LIST_MODEL (model));
  list->selection = gtk_single_selection_new (G_LIST_MODEL (g_object_ref (list->slots)));
  gtk_single_selection_set_autoselect (list->selection, FALSE);
  gtk_single_selection_set_can_unselect (list->selection, TRUE);
  gtk_column_view_set_model (view, GTK_SELECTION_MODEL (list->selection));

  list->sorter_signals = g_signal_group_new (GTK_TYPE_SORTER);
  g_signal_group_connect_swapped (list->sorter_signals, "changed", G_CALLBACK (on_sorter_changed_cb), list);
  g_signal_group_set_target (list->sorter_signals, gtk_column_view_get_sorter (view));
  return list;
}

void
cd_training_list_free (CdTrainingList *list)
{
  if (list == NULL)
    return;
  g_clear_object (&list->search_entry);
  g_signal_group_set_target (list->sorter_signals, NULL);
  g_clear_object (&list->sorter_signals);
  cd_row_model_set_refresh_kinds (list->model, NULL);
  if (GTK_IS_COLUMN_VIEW (list->view))
    gtk_column_view_set_model (list->view, NULL);
  g_clear_object (&list->selection);
  g_clear_object (&list->slots);
  g_clear_object (&list->model);
  g_clear_pointer (&list->columns, g_ptr_array_unref);
  g_free (list->sort_column);
  g_free (list);
}

CdRowModel *
cd_training_list_get_model (CdTrainingList *list)
{
  return list->model;
}

void
cd_training_list_add_column (CdTrainingList      *list,
                             GtkColumnViewColumn *column,
                             const char          *sort_name,
                             CdTrainingCellText   text,
                             gboolean             numeric)
{
  Column *c = g_new0 (Column, 1);
  GtkListItemFactory *factory = gtk_column_view_column_get_factory (column);

  g_return_if_fail (factory != NULL);
  c->list = list;
  c->text = text;
  c->numeric = numeric;
  g_ptr_array_add (list->columns, c);
  g_object_set_qdata (G_OBJECT (factory), column_quark, c);
  cd_column_sort_set_name (column, sort_name);
}

void
cd_training_list_show_sorted (CdTrainingList      *list,
                              GtkColumnViewColumn *column,
                              gboolean             descending)
{
  const char *name = NULL;

  list->showing_sort = TRUE;
  gtk_column_view_sort_by_column (list->view, column, descending ? GTK_SORT_DESCENDING : GTK_SORT_ASCENDING);
  list->showing_sort = FALSE;
  if (cd_column_sort_get (list->view, &name, &descending))
    {
      g_free (list->sort_column);
      list->sort_column = g_strdup (name);
      list->sort_descending = descending;
    }
}

void
cd_training_list_set_sort_changed (CdTrainingList        *list,
                                   CdTrainingSortChanged  func)
{
  list->sort_changed = func;
}

void
cd_training_list_keep_sort (CdTrainingList  *list,
                            char           **column,
                            gboolean        *descending)
{
  g_return_if_fail (list != NULL);
  g_return_if_fail (column != NULL && descending != NULL);

  list->kept_column = column;
  list->kept_descending = descending;
}

void
cd_training_list_watch (CdTrainingList *list,
                        GCallback       update)
{
  g_return_if_fail (list != NULL);
  g_return_if_fail (G_IS_OBJECT (list->owner));

  g_signal_connect_object (list->model, "items-changed", update, list->owner, G_CONNECT_SWAPPED);
  g_signal_connect_object (gtk_column_view_get_model (list->view), "selection-changed", update, list->owner,
                           G_CONNECT_SWAPPED);
}

void
cd_training_list_show_state (CdTrainingList *list,
                             GtkStack       *stack,
                             AdwStatusPage  *error_page,
                             gboolean        filtered)
{
  const GError *error;

  g_return_if_fail (list != NULL);
  g_return_if_fail (GTK_IS_STACK (stack));
  g_return_if_fail (ADW_IS_STATUS_PAGE (error_page));

  error = cd_row_model_get_error (list->model);
  if (error != NULL)
    {
      adw_status_page_set_description (error_page, error->message);
      gtk_stack_set_visible_child_name (stack, "error");
    }
  else if (cd_row_model_get_n_matches (list->model) > 0)
    gtk_stack_set_visible_child_name (stack, "list");
  else
    gtk_stack_set_visible_child_name (stack, filtered ? "no-matches" : "empty");
}

void
cd_training_list_watch_search (CdTrainingList *list,
                               GtkSearchEntry *entry,
                               GCallback       apply)
{
  g_return_if_fail (list != NULL);
  g_return_if_fail (GTK_IS_SEARCH_ENTRY (entry));
  g_return_if_fail (apply != NULL);
  g_return_if_fail (list->search_entry == NULL);

  list->search_entry = g_object_ref (entry);
  cd_search_watch (entry, list->owner, (CdSearchApplyFunc) apply);
}

void
cd_training_list_scroll_to_top (CdTrainingList *list)
{
  GtkWidget *parent = gtk_widget_get_parent (GTK_WIDGET (list->view));

  if (GTK_IS_VIEWPORT (parent))
    parent = gtk_widget_get_parent (parent);
  if (GTK_IS_SCROLLED_WINDOW (parent))
    gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (parent)), 0);
  if (cd_row_model_get_n_matches (list->model) == 0)
    return;
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (list->view));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_LIST_VIEW (child))
      gtk_widget_activate_action (child, "list.scroll-to-item", "u", 0);
}

gint64
cd_training_list_get_selected_id (CdTrainingList *list)
{
  guint position = gtk_single_selection_get_selected (list->selection);

  if (position == GTK_INVALID_LIST_POSITION || cd_row_model_get_n_matches (list->model) == 0)
    return 0;
  return cd_row_model_get_id (list->model, position);
}

CdRow *
cd_training_list_dup_selected_row (CdTrainingList *list)
{
  guint position = gtk_single_selection_get_selected (list->selection);
  g_autoptr(CdListSlot) slot = NULL;
  CdRow *row;

  if (position == GTK_INVALID_LIST_POSITION || cd_row_model_get_n_matches (list->model) == 0)
    return NULL;
  slot = g_list_model_get_item (G_LIST_MODEL (list->selection), position);
  row = slot != NULL ? cd_list_slot_get_row (slot) : NULL;
  return row != NULL && cd_row_get_id (row) != 0 ? g_object_ref (row) : NULL;
}

void
cd_training_list_focus (CdTrainingList *list)
{
  if (list->search_entry != NULL)
    cd_search_watch_flush (list->search_entry);
  if (cd_row_model_get_n_matches (list->model) == 0)
    return;
  if (gtk_single_selection_get_selected (list->selection) == GTK_INVALID_LIST_POSITION)
    gtk_single_selection_set_selected (list->selection, 0);
  gtk_widget_grab_focus (GTK_WIDGET (list->view));
}

void
cd_training_list_redraw (CdTrainingList *list)
{
  cd_row_model_refresh (list->model);
}
