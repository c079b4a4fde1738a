/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "cd-row-model.h"

G_BEGIN_DECLS

/* What every list of the Training view does alike: a lazy CdRowModel
 * shown through a CdSlotList in a GtkColumnView with one selection;
 * cells that are single GtkInscriptions (see cd-list-cell.h) filled by a
 * text function per column; SQLite sorting the rows when a header is
 * clicked; and refreshing when the records it shows change.
 *
 * The columns and their factories are in the page's .ui; each factory's
 * setup, bind and unbind handlers call cd_training_list_cell_setup(),
 * _bind() and _unbind(), which find the column's text function by the
 * factory. */

/* The text of one cell of @row; may set *@css_class to a style class of
 * the cell ("success", "warning", "error", "dim-label") for a status. */
typedef char *(*CdTrainingCellText) (gpointer     owner,
                                     CdRow       *row,
                                     const char **css_class);

/* Called after a header click changed the order (the model is sorted
 * already), so that the owner keeps the order in its filter. */
typedef void (*CdTrainingSortChanged) (gpointer    owner,
                                       const char *column,
                                       gboolean    descending);

typedef struct _CdTrainingList CdTrainingList;

/* Takes a reference on @model. @owner is not referenced: free the list
 * in the owner's dispose. */
CdTrainingList *cd_training_list_new          (GtkColumnView       *view,
                                               CdRowModel          *model,
                                               gpointer             owner,
                                               const char * const  *refresh_kinds);
void            cd_training_list_free         (CdTrainingList      *list);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (CdTrainingList, cd_training_list_free)

CdRowModel     *cd_training_list_get_model    (CdTrainingList      *list);
/* @sort_name: the model's sort column, NULL when not sortable. */
void            cd_training_list_add_column   (CdTrainingList        *list,
                                               GtkColumnViewColumn   *column,
                                               const char            *sort_name,
                                               CdTrainingCellText     text,
                                               gboolean               numeric);
/* Shows @column's header as sorted, without sorting again. */
void            cd_training_list_show_sorted  (CdTrainingList        *list,
                                               GtkColumnViewColumn   *column,
                                               gboolean               descending);
void            cd_training_list_set_sort_changed (CdTrainingList        *list,
                                                   CdTrainingSortChanged  func);
/* Keeps the order a header click chose in the owner's filter:
 * @column (freed and replaced) and @descending, which must live as long
 * as the list. */
void            cd_training_list_keep_sort    (CdTrainingList        *list,
                                               char                 **column,
                                               gboolean              *descending);
/* Calls @update (with the owner, a GObject) when the rows or the
 * selection change, for the actions that depend on them. */
void            cd_training_list_watch        (CdTrainingList        *list,
                                               GCallback              update);
/* Shows in @stack (pages "list", "error", "empty", "no-matches") what
 * the list has: its rows, the model's error (told on @error_page), or
 * nothing, because nothing was added yet or, when @filtered, nothing
 * matches. */
void            cd_training_list_show_state   (CdTrainingList        *list,
                                               GtkStack              *stack,
                                               AdwStatusPage         *error_page,
                                               gboolean               filtered);
/* Calls @apply (with the owner) when @entry's search changes. Replacing
 * its text (typing over a selection, a paste) first empties the entry,
 * and an empty GtkSearchEntry reports "search-changed" at once, the new
 * text only after its delay: the search is applied once the change is
 * complete, still before the next frame, so that the list does not show
 * every row in between nor wait for the delay. Enter in the entry (see
 * cd_training_list_focus()) applies a search still waiting. */
void            cd_training_list_watch_search (CdTrainingList      *list,
                                               GtkSearchEntry      *entry,
                                               GCallback            apply);
/* Back to the top after a new filter or sort. */
void            cd_training_list_scroll_to_top (CdTrainingList      *list);
/* The id of the selected row, or 0. */
gint64          cd_training_list_get_selected_id (CdTrainingList    *list);
/* The selected row as the list shows it, or NULL. */
CdRow          *cd_training_list_dup_selected_row (CdTrainingList   *list);
/* Applies a search still waiting, then selects the first row and
 * focuses the list (after Enter in a search). */
void            cd_training_list_focus        (CdTrainingList      *list);
/* Reads every cell again (the time passed: statuses depend on it). */
void            cd_training_list_redraw       (CdTrainingList      *list);

/* For the factories of the .ui. */
void            cd_training_list_cell_setup   (GtkListItemFactory  *factory,
                                               GtkListItem         *item);
void            cd_training_list_cell_bind    (GtkListItemFactory  *factory,
                                               GtkListItem         *item);
void            cd_training_list_cell_unbind  (GtkListItemFactory  *factory,
                                               GtkListItem         *item);

G_END_DECLS
