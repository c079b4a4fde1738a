/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "caredesk-training"

#include "config.h"

#include <glib/gi18n.h>

#include "cd-column-sort.h"
#include "cd-file-chooser.h"
#include "cd-matrix-header.h"
#include "cd-matrix-layout.h"
#include "cd-matrix-page.h"
#include "cd-matrix-strip.h"
#include "cd-slot-list.h"
#include "cd-training-list.h"
#include "cd-training-util.h"
#include "cd-validate.h"

/* What the rows show: people, their certifications, and the
 * certifications themselves (names, who must hold them). */
static const char * const refresh_kinds[] = {
  CD_CHANGE_STAFF, CD_CHANGE_STAFF_CERTIFICATIONS, CD_CHANGE_CERTIFICATIONS, NULL
};

struct _CdMatrixPage
{
  GtkWidget            parent_instance;

  CdStore             *store;

  /* Template widgets */
  GtkFlowBox          *filter_bar;
  GtkSearchEntry      *search_entry;
  GtkDropDown         *role_dropdown;
  GtkDropDown         *certification_dropdown;
  GtkToggleButton     *attention_button;
  GtkButton           *export_button;
  GtkLabel            *compliance_label;
  GtkStack            *list_stack;
  GtkWidget           *header_slot;
  GtkScrolledWindow   *scrolled_window;
  GtkColumnView       *column_view;
  GtkColumnViewColumn *name_column;
  GtkColumnViewColumn *role_column;
  GtkColumnViewColumn *compliance_column;
  GtkColumnViewColumn *cells_column;
  GtkScrollbar        *scrollbar;
  AdwStatusPage       *error_page;

  CdMatrixLayout      *layout;
  CdTrainingList      *list;
  CdMatrixFilter       filter;
  GArray              *certification_ids;   /* gint64 per certification_dropdown position (0: all) */
  GSignalGroup        *store_signals;
  GCancellable        *cancellable;
  GCancellable        *choosing;
  gboolean             updating;
  gint64               day;                 /* the local day the statuses are for */
  gboolean             narrow;
  int                  width;
  guint                size_idle_id;
};

enum {
  PROP_0,
  PROP_STORE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  SIGNAL_OPEN_RECORD,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (CdMatrixPage, cd_matrix_page, GTK_TYPE_WIDGET)

/* Cells ---------------------------------------------------------------------- */

static char *
name_text (gpointer     owner,
           CdRow       *row,
           const char **css)
{
  return g_strdup (cd_row_get_value (row, CD_MATRIX_COL_NAME));
}

static char *
role_text (gpointer     owner,
           CdRow       *row,
           const char **css)
{
  return g_strdup (cd_training_role_text (cd_row_get_value (row, CD_MATRIX_COL_ROLE)));
}

static char *
compliance_text (gpointer     owner,
                 CdRow       *row,
                 const char **css)
{
  const char *value = cd_row_get_value (row, CD_MATRIX_COL_COMPLIANCE);
  gint64 percent;

  if (value == NULL)
    {
      *css = "dim-label";
      /* Translators: nobody's role must hold any certification */
      return g_strdup (C_("compliance", "—"));
    }
  percent = cd_row_get_int (row, CD_MATRIX_COL_COMPLIANCE, 0);
  *css = percent >= 100 ? "success" : percent >= 50 ? "warning" : "error";
  return g_strdup_printf (_("%d %%"), (int) percent);
}

static void
on_slot_row_changed_cb (CdListSlot    *slot,
                        GParamSpec    *pspec,
                        CdMatrixStrip *strip)
{
  cd_matrix_strip_set_row (strip, cd_list_slot_get_row (slot));
}

static void
on_strip_setup_cb (GtkListItemFactory *factory,
                   GtkListItem        *item,
                   CdMatrixPage       *self)
{
  gtk_list_item_set_child (item, cd_matrix_strip_new (self->layout));
}

static void
on_strip_bind_cb (GtkListItemFactory *factory,
                  GtkListItem        *item,
                  CdMatrixPage       *self)
{
  CdListSlot *slot = gtk_list_item_get_item (item);
  CdMatrixStrip *strip = CD_MATRIX_STRIP (gtk_list_item_get_child (item));

  cd_matrix_strip_set_row (strip, slot != NULL ? cd_list_slot_get_row (slot) : NULL);
  if (slot != NULL)
    g_signal_connect (slot, "notify::row", G_CALLBACK (on_slot_row_changed_cb), strip);
}

static void
on_strip_unbind_cb (GtkListItemFactory *factory,
                    GtkListItem        *item,
                    CdMatrixPage       *self)
{
  GObject *slot = gtk_list_item_get_item (item);

  if (slot != NULL)
    g_signal_handlers_disconnect_by_func (slot, on_slot_row_changed_cb, gtk_list_item_get_child (item));
}

/* State ----------------------------------------------------------------------- */

static gboolean
filter_is_default (CdMatrixPage *self)
{
  return (self->filter.text == NULL || *self->filter.text == '\0') && self->filter.role < 0 &&
         !self->filter.needs_attention;
}

static void
update_state (CdMatrixPage *self)
{
  CdRowModel *model = cd_training_list_get_model (self->list);
  const GError *error = cd_row_model_get_error (model);
  guint n = cd_row_model_get_n_matches (model);
  const char *page;

  if (error != NULL)
    {
      adw_status_page_set_description (self->error_page, error->message);
      page = "error";
    }
  else if (cd_matrix_layout_get_n_columns (self->layout) == 0)
    page = "empty";
  else if (n == 0 && !filter_is_default (self))
    page = "no-matches";
  else
    page = "list";
  gtk_stack_set_visible_child_name (self->list_stack, page);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "matrix.export", error == NULL && n > 0);
}

/* The overall and per-certification compliance of the role shown. */
static void
update_compliance (CdMatrixPage *self)
{
  g_autoptr(GArray) per = g_array_new (FALSE, TRUE, sizeof (CdCompliance));
  g_autoptr(GError) error = NULL;
  CdMatrixFilter by_role;
  CdCompliance overall = { 0, };
  g_autofree char *text = NULL;
  int percent;

  cd_matrix_filter_init (&by_role);
  by_role.role = self->filter.role;
  if (!cd_matrix_compliance (self->store, &by_role, per, &overall, &error))
    {
      gtk_label_set_text (self->compliance_label, error->message);
      return;
    }
  cd_matrix_layout_set_compliance (self->layout, per);
  percent = cd_compliance_percent (&overall);
  if (percent < 0)
    text = g_strdup (_("No certification is required of anyone shown, so there is no compliance to count."));
  else
    /* Translators: overall compliance: percent, people-certifications held, needed */
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                         "Team compliance %d %%: %u of %u certification held where needed.",
                                         "Team compliance %d %%: %u of %u certifications held where needed.",
                                         overall.n_counted),
                            percent, overall.n_holding, overall.n_counted);
  gtk_label_set_text (self->compliance_label, text);
}

/* The certifications that are columns, and the certification filter's
 * choices; keeps the chosen one while it is there. */
static void
load_certifications (CdMatrixPage *self)
{
  g_autoptr(GPtrArray) certifications = NULL;
  g_autoptr(GtkStringList) choices = gtk_string_list_new (NULL);
  g_autoptr(GError) error = NULL;
  gint64 chosen = self->filter.certification_id;
  gint64 all = 0;
  guint position = 0;

  certifications = cd_certifications_list (self->store, FALSE, &error);
  if (certifications == NULL)
    {
      g_warning ("Could not list the certifications: %s", error->message);
      certifications = g_ptr_array_new ();
    }

  g_array_set_size (self->certification_ids, 0);
  gtk_string_list_append (choices, _("All Certifications"));
  g_array_append_val (self->certification_ids, all);
  for (guint i = 0; i < certifications->len; i++)
    {
      CdCertification *c = g_ptr_array_index (certifications, i);
      g_autofree char *name = cd_certification_display_name (c->name, c->level);

      gtk_string_list_append (choices, name);
      g_array_append_val (self->certification_ids, c->id);
      if (c->id == chosen)
        position = i + 1;
    }
  if (position == 0)
    self->filter.certification_id = 0;

  self->updating = TRUE;
  gtk_drop_down_set_model (self->certification_dropdown, G_LIST_MODEL (choices));
  gtk_drop_down_set_selected (self->certification_dropdown, position);
  self->updating = FALSE;
  cd_matrix_layout_set_certifications (self->layout, certifications, self->filter.certification_id);
}

static void
read_filters (CdMatrixPage   *self,
              CdMatrixFilter *filter)
{
  g_autofree char *text = cd_validate_trim (gtk_editable_get_text (GTK_EDITABLE (self->search_entry)));
  guint role = gtk_drop_down_get_selected (self->role_dropdown);
  guint certification = gtk_drop_down_get_selected (self->certification_dropdown);

  cd_matrix_filter_init (filter);
  filter->text = *text != '\0' ? g_steal_pointer (&text) : NULL;
  filter->role = role == 0 || role == GTK_INVALID_LIST_POSITION ? -1 : (int) role - 1;
  filter->certification_id = certification < self->certification_ids->len
                             ? g_array_index (self->certification_ids, gint64, certification) : 0;
  filter->needs_attention = gtk_toggle_button_get_active (self->attention_button);
  filter->sort_column = g_strdup (self->filter.sort_column);
  filter->sort_descending = self->filter.sort_descending;
}

static void
apply_filters (CdMatrixPage *self,
               gboolean      force)
{
  CdMatrixFilter filter;
  gboolean role_changed, certification_changed;
  gint64 now = cd_store_now (self->store);

  if (self->updating)
    return;
  read_filters (self, &filter);
  role_changed = filter.role != self->filter.role;
  certification_changed = filter.certification_id != self->filter.certification_id;
  if (!force && !role_changed && !certification_changed &&
      g_strcmp0 (filter.text, self->filter.text) == 0 && filter.needs_attention == self->filter.needs_attention)
    {
      cd_matrix_filter_clear (&filter);
      return;
    }
  cd_matrix_filter_clear (&self->filter);
  self->filter = filter;
  self->day = cd_training_day_start (now, 0);
  cd_matrix_layout_set_now (self->layout, now);

  if (certification_changed || force)
    {
      g_autoptr(GPtrArray) certifications = cd_certifications_list (self->store, FALSE, NULL);
      if (certifications != NULL)
        cd_matrix_layout_set_certifications (self->layout, certifications, self->filter.certification_id);
    }
  if (role_changed || force)
    update_compliance (self);
  cd_matrix_list_set_filter (cd_training_list_get_model (self->list), &self->filter);
  cd_training_list_scroll_to_top (self->list);
  update_state (self);
}

static void
on_filter_changed_cb (CdMatrixPage *self)
{
  apply_filters (self, FALSE);
}

static void
on_search_entry_activate_cb (CdMatrixPage *self)
{
  apply_filters (self, FALSE);
  cd_training_list_focus (self->list);
}

static void
on_sort_changed_cb (gpointer    owner,
                    const char *column,
                    gboolean    descending)
{
  CdMatrixPage *self = owner;

  g_free (self->filter.sort_column);
  self->filter.sort_column = g_strdup (column);
  self->filter.sort_descending = descending;
}

/* Someone's certifications, or the certifications, changed: the
 * columns, the compliance and the count follow (the rows refresh by
 * themselves). */
static void
on_store_changed_cb (CdMatrixPage *self,
                     CdChange     *change)
{
  if (g_str_equal (cd_change_get_kind (change), CD_CHANGE_CERTIFICATIONS))
    load_certifications (self);
  update_compliance (self);
  update_state (self);
}

static void
on_model_items_changed_cb (CdMatrixPage *self)
{
  update_state (self);
}

static void
on_column_view_activate_cb (CdMatrixPage  *self,
                            guint          position,
                            GtkColumnView *view)
{
  gint64 id = cd_row_model_get_id (cd_training_list_get_model (self->list), position);

  if (id > 0)
    g_signal_emit (self, signals[SIGNAL_OPEN_RECORD], 0, id, (gint64) 0);
}

static void
on_cell_activated_cb (CdMatrixPage *self,
                      gint64        staff_id,
                      gint64        certification_id)
{
  g_signal_emit (self, signals[SIGNAL_OPEN_RECORD], 0, staff_id, certification_id);
}

static void
on_header_column_activated_cb (CdMatrixPage *self,
                               gint64        certification_id)
{
  guint position = cd_training_position_of (self->certification_ids,
                                            self->filter.certification_id == certification_id ? 0 : certification_id,
                                            0);

  gtk_drop_down_set_selected (self->certification_dropdown, position);
}

/* Left and right move the certifications sideways. */
static gboolean
on_key_pressed_cb (GtkEventControllerKey *controller,
                   guint                  keyval,
                   guint                  keycode,
                   GdkModifierType        state,
                   CdMatrixPage          *self)
{
  GtkAdjustment *adjustment = cd_matrix_layout_get_adjustment (self->layout);

  if (keyval == GDK_KEY_Left || keyval == GDK_KEY_KP_Left)
    gtk_adjustment_set_value (adjustment, gtk_adjustment_get_value (adjustment) - CD_MATRIX_CELL_WIDTH);
  else if (keyval == GDK_KEY_Right || keyval == GDK_KEY_KP_Right)
    gtk_adjustment_set_value (adjustment, gtk_adjustment_get_value (adjustment) + CD_MATRIX_CELL_WIDTH);
  else
    return FALSE;
  return TRUE;
}

/* Sideways wheels and touchpads move the certifications. */
static gboolean
on_scroll_cb (GtkEventControllerScroll *controller,
              double                    dx,
              double                    dy,
              CdMatrixPage             *self)
{
  GtkAdjustment *adjustment = cd_matrix_layout_get_adjustment (self->layout);
  GdkModifierType state = gtk_event_controller_get_current_event_state (GTK_EVENT_CONTROLLER (controller));

  if (dx == 0 && (state & GDK_SHIFT_MASK))
    dx = dy;
  if (dx == 0)
    return FALSE;
  gtk_adjustment_set_value (adjustment, gtk_adjustment_get_value (adjustment) + dx * CD_MATRIX_CELL_WIDTH / 2);
  return TRUE;
}

/* Actions ---------------------------------------------------------------------- */

typedef struct {
  CdMatrixFilter filter;
  char          *path;
  guint          n;
} ExportJob;

static void
export_job_free (gpointer data)
{
  ExportJob *job = data;

  cd_matrix_filter_clear (&job->filter);
  g_free (job->path);
  g_free (job);
}

static gboolean
run_export (CdStore       *store,
            gpointer       data,
            GCancellable  *cancellable,
            GError       **error)
{
  ExportJob *job = data;

  return cd_matrix_export (store, &job->filter, job->path, &job->n, error);
}

static void
export_done_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(CdMatrixPage) self = user_data;
  ExportJob *job = cd_store_run_get_data (result);
  g_autoptr(GError) error = NULL;

  cd_training_button_set_busy (self->export_button, NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "matrix.export", TRUE);
  if (!cd_store_run_finish (CD_STORE (source), result, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        cd_training_show_error (GTK_WIDGET (self), _("Could Not Export the Matrix"), error);
      return;
    }
  {
    g_autofree char *text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Exported %u person",
                                                          "Exported %u people", job->n), job->n);
    cd_training_toast (GTK_WIDGET (self), text);
  }
}

void
cd_matrix_page_export (CdMatrixPage *self,
                       const char   *path)
{
  ExportJob *job;

  g_return_if_fail (CD_IS_MATRIX_PAGE (self));
  g_return_if_fail (path != NULL);

  job = g_new0 (ExportJob, 1);
  job->filter = self->filter;
  job->filter.text = g_strdup (self->filter.text);
  job->filter.sort_column = g_strdup (self->filter.sort_column);
  job->path = g_strdup (path);
  cd_training_button_set_busy (self->export_button, _("Exporting…"));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "matrix.export", FALSE);
  cd_store_run_async (self->store, CD_STORE_LANE_READ, run_export, job, export_job_free, self->cancellable,
                      export_done_cb, g_object_ref (self));
}

static void
on_export_chosen_cb (GObject      *source,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(CdMatrixPage) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = cd_file_chooser_choose_finish (result, &error);
  g_autofree char *path = NULL;

  g_clear_object (&self->choosing);
  if (file == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        cd_training_show_error (GTK_WIDGET (self), _("Could Not Export the Matrix"), error);
      return;
    }
  path = g_file_get_path (file);
  if (path != NULL)
    cd_matrix_page_export (self, path);
}

static void
export_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  CdMatrixPage *self = CD_MATRIX_PAGE (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  const CdFileChooserFilter filters[] = { { _("CSV files"), "*.csv;*.CSV" } };

  if (self->choosing != NULL)
    return;
  self->choosing = g_cancellable_new ();
  /* Translators: the file name an export of the matrix suggests */
  cd_file_chooser_choose_async (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, CD_FILE_CHOOSER_SAVE,
                                _("Export the Matrix"), _("_Export"), NULL, _("certification-matrix.csv"),
                                filters, G_N_ELEMENTS (filters), self->choosing,
                                on_export_chosen_cb, g_object_ref (self));
}

static void
clear_filters_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  CdMatrixPage *self = CD_MATRIX_PAGE (widget);

  self->updating = TRUE;
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  gtk_drop_down_set_selected (self->role_dropdown, 0);
  gtk_drop_down_set_selected (self->certification_dropdown, 0);
  gtk_toggle_button_set_active (self->attention_button, FALSE);
  self->updating = FALSE;
  apply_filters (self, FALSE);
}

/* Size: a narrow window keeps the names and the cells; the scrollbar of
 * the cells shows when they do not fit. The cells take the width the
 * other columns leave, set as the column's width: a GTK 4.8 column view
 * does not give an expanding column the room that hidden columns leave.
 * All of it after the allocation, never during it. */
#define CELL_PADDING 16

static gboolean
size_idle_cb (gpointer user_data)
{
  CdMatrixPage *self = user_data;
  GtkAdjustment *adjustment = cd_matrix_layout_get_adjustment (self->layout);
  int width = gtk_widget_get_width (GTK_WIDGET (self->scrolled_window));
  gboolean narrow = width < 620;
  GtkWidget *reference;
  graphene_rect_t bounds;
  int rest, cells;

  self->size_idle_id = 0;
  self->narrow = narrow;
  self->width = width;
  gtk_column_view_column_set_visible (self->role_column, !narrow);
  gtk_column_view_column_set_visible (self->compliance_column, !narrow);
  rest = width - gtk_column_view_column_get_fixed_width (self->name_column) - CELL_PADDING;
  if (!narrow)
    rest -= gtk_column_view_column_get_fixed_width (self->role_column) +
            gtk_column_view_column_get_fixed_width (self->compliance_column) + 2 * CELL_PADDING;
  cells = MAX (rest - 2 * CELL_PADDING, CD_MATRIX_CELL_WIDTH);
  /* The padding of the column view's cells is the theme's: once a row is
   * there, the cells take exactly what is left up to the right edge, so
   * that the last column scrolls fully into view instead of under it. */
  reference = cd_matrix_layout_get_reference (self->layout);
  if (reference != NULL && gtk_widget_get_mapped (reference) &&
      gtk_widget_compute_bounds (reference, GTK_WIDGET (self->scrolled_window), &bounds))
    {
      int slack = width - (int) (bounds.origin.x + bounds.size.width) - CELL_PADDING / 2;

      cells = MAX (gtk_column_view_column_get_fixed_width (self->cells_column) + slack, CD_MATRIX_CELL_WIDTH);
    }
  if (cells != gtk_column_view_column_get_fixed_width (self->cells_column))
    gtk_column_view_column_set_fixed_width (self->cells_column, cells);
  gtk_widget_set_visible (GTK_WIDGET (self->scrollbar),
                          gtk_adjustment_get_upper (adjustment) > gtk_adjustment_get_page_size (adjustment) + 1);
  return G_SOURCE_REMOVE;
}

static void
queue_size_update (CdMatrixPage *self)
{
  if (self->size_idle_id == 0)
    self->size_idle_id = g_idle_add_full (G_PRIORITY_HIGH_IDLE, size_idle_cb, self, NULL);
}

static void
cd_matrix_page_measure (GtkWidget      *widget,
                        GtkOrientation  orientation,
                        int             for_size,
                        int            *minimum,
                        int            *natural,
                        int            *minimum_baseline,
                        int            *natural_baseline)
{
  gtk_widget_measure (gtk_widget_get_first_child (widget), orientation, for_size,
                      minimum, natural, minimum_baseline, natural_baseline);
}

static void
cd_matrix_page_size_allocate (GtkWidget *widget,
                              int        width,
                              int        height,
                              int        baseline)
{
  CdMatrixPage *self = CD_MATRIX_PAGE (widget);

  gtk_widget_allocate (gtk_widget_get_first_child (widget), width, height, baseline, NULL);
  if (gtk_widget_get_width (GTK_WIDGET (self->scrolled_window)) != self->width)
    queue_size_update (self);
  /* The header draws its titles above the rows' cells, which may have
   * moved (columns hidden in a narrow window) without the layout
   * changing. */
  if (gtk_widget_get_first_child (self->header_slot) != NULL)
    gtk_widget_queue_draw (gtk_widget_get_first_child (self->header_slot));
}

/* Shown again on another day: the states are counted again. */
static void
cd_matrix_page_map (GtkWidget *widget)
{
  CdMatrixPage *self = CD_MATRIX_PAGE (widget);

  GTK_WIDGET_CLASS (cd_matrix_page_parent_class)->map (widget);
  if (self->list != NULL && cd_training_day_start (cd_store_now (self->store), 0) != self->day)
    apply_filters (self, TRUE);
}

/* GObject -------------------------------------------------------------------------- */

static void
cd_matrix_page_constructed (GObject *object)
{
  CdMatrixPage *self = CD_MATRIX_PAGE (object);
  g_autoptr(GtkStringList) roles = gtk_string_list_new (NULL);
  g_autoptr(CdRowModel) model = NULL;
  GtkWidget *header;

  G_OBJECT_CLASS (cd_matrix_page_parent_class)->constructed (object);

  gtk_string_list_append (roles, _("All Roles"));
  for (guint r = 0; r < cd_role_count (); r++)
    gtk_string_list_append (roles, cd_role_label ((CdRole) r));
  self->updating = TRUE;
  gtk_drop_down_set_model (self->role_dropdown, G_LIST_MODEL (roles));
  self->updating = FALSE;

  cd_matrix_filter_init (&self->filter);
  load_certifications (self);
  cd_matrix_layout_set_now (self->layout, cd_store_now (self->store));
  self->day = cd_training_day_start (cd_store_now (self->store), 0);

  model = cd_matrix_list_new (self->store, &self->filter);
  self->list = cd_training_list_new (self->column_view, model, self, refresh_kinds);
  cd_training_list_watch_search (self->list, self->search_entry, G_CALLBACK (on_filter_changed_cb));
  cd_training_list_add_column (self->list, self->name_column, "name", name_text, FALSE);
  cd_training_list_add_column (self->list, self->role_column, "role", role_text, FALSE);
  cd_training_list_add_column (self->list, self->compliance_column, "compliance", compliance_text, TRUE);
  cd_column_sort_set_name (self->cells_column, NULL);
  cd_training_list_show_sorted (self->list, self->name_column, FALSE);
  cd_training_list_set_sort_changed (self->list, on_sort_changed_cb);
  g_signal_connect_object (model, "items-changed", G_CALLBACK (on_model_items_changed_cb), self, G_CONNECT_SWAPPED);

  header = cd_matrix_header_new (self->layout);
  gtk_box_append (GTK_BOX (self->header_slot), header);
  g_signal_connect_object (header, "column-activated", G_CALLBACK (on_header_column_activated_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->layout, "cell-activated", G_CALLBACK (on_cell_activated_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_scrollbar_set_adjustment (self->scrollbar, cd_matrix_layout_get_adjustment (self->layout));
  g_signal_connect_swapped (cd_matrix_layout_get_adjustment (self->layout), "changed",
                            G_CALLBACK (queue_size_update), self);

  g_signal_group_set_target (self->store_signals, self->store);
  update_compliance (self);
  update_state (self);
}

static void
cd_matrix_page_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  CdMatrixPage *self = CD_MATRIX_PAGE (object);

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
cd_matrix_page_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  CdMatrixPage *self = CD_MATRIX_PAGE (object);

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
cd_matrix_page_dispose (GObject *object)
{
  CdMatrixPage *self = CD_MATRIX_PAGE (object);

  g_cancellable_cancel (self->cancellable);
  if (self->choosing != NULL)
    g_cancellable_cancel (self->choosing);
  g_clear_object (&self->choosing);
  g_clear_handle_id (&self->size_idle_id, g_source_remove);
  if (self->store_signals != NULL)
    g_signal_group_set_target (self->store_signals, NULL);
  if (self->layout != NULL)
    g_signal_handlers_disconnect_by_data (cd_matrix_layout_get_adjustment (self->layout), self);
  g_clear_pointer (&self->list, cd_training_list_free);
  gtk_widget_dispose_template (GTK_WIDGET (self), CD_TYPE_MATRIX_PAGE);
  cd_training_unparent_children (GTK_WIDGET (self));
  g_clear_object (&self->store);
  g_clear_object (&self->layout);

  G_OBJECT_CLASS (cd_matrix_page_parent_class)->dispose (object);
}

static void
cd_matrix_page_finalize (GObject *object)
{
  CdMatrixPage *self = CD_MATRIX_PAGE (object);

  cd_matrix_filter_clear (&self->filter);
  g_clear_pointer (&self->certification_ids, g_array_unref);
  g_clear_object (&self->store_signals);
  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (cd_matrix_page_parent_class)->finalize (object);
}

static void
cd_matrix_page_class_init (CdMatrixPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = cd_matrix_page_constructed;
  object_class->get_property = cd_matrix_page_get_property;
  object_class->set_property = cd_matrix_page_set_property;
  object_class->dispose = cd_matrix_page_dispose;
  object_class->finalize = cd_matrix_page_finalize;
  widget_class->measure = cd_matrix_page_measure;
  widget_class->size_allocate = cd_matrix_page_size_allocate;
  widget_class->map = cd_matrix_page_map;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, CD_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * CdMatrixPage::open-record:
   * @staff_id: whose record
   * @certification_id: the certification of the cell clicked, or 0
   */
  signals[SIGNAL_OPEN_RECORD] =
    g_signal_new ("open-record", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, G_TYPE_INT64, G_TYPE_INT64);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/training/cd-matrix-page.ui");
  gtk_widget_class_bind_template_child (widget_class, CdMatrixPage, filter_bar);
  gtk_widget_class_bind_template_child (widget_class, CdMatrixPage, search_entry);
  gtk_widget_class_bind_template_child (widget_class, CdMatrixPage, role_dropdown);
  gtk_widget_class_bind_template_child (widget_class, CdMatrixPage, certification_dropdown);
  gtk_widget_class_bind_template_child (widget_class, CdMatrixPage, attention_button);
  gtk_widget_class_bind_template_child (widget_class, CdMatrixPage, export_button);
  gtk_widget_class_bind_template_child (widget_class, CdMatrixPage, compliance_label);
  gtk_widget_class_bind_template_child (widget_class, CdMatrixPage, list_stack);
  gtk_widget_class_bind_template_child (widget_class, CdMatrixPage, header_slot);
  gtk_widget_class_bind_template_child (widget_class, CdMatrixPage, scrolled_window);
  gtk_widget_class_bind_template_child (widget_class, CdMatrixPage, column_view);
  gtk_widget_class_bind_template_child (widget_class, CdMatrixPage, name_column);
  gtk_widget_class_bind_template_child (widget_class, CdMatrixPage, role_column);
  gtk_widget_class_bind_template_child (widget_class, CdMatrixPage, compliance_column);
  gtk_widget_class_bind_template_child (widget_class, CdMatrixPage, cells_column);
  gtk_widget_class_bind_template_child (widget_class, CdMatrixPage, scrollbar);
  gtk_widget_class_bind_template_child (widget_class, CdMatrixPage, error_page);
  gtk_widget_class_bind_template_callback (widget_class, on_filter_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_search_entry_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_column_view_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_strip_setup_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_strip_bind_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_strip_unbind_cb);
  gtk_widget_class_bind_template_callback (widget_class, cd_training_list_cell_setup);
  gtk_widget_class_bind_template_callback (widget_class, cd_training_list_cell_bind);
  gtk_widget_class_bind_template_callback (widget_class, cd_training_list_cell_unbind);

  gtk_widget_class_install_action (widget_class, "matrix.export", NULL, export_action);
  gtk_widget_class_install_action (widget_class, "matrix.clear-filters", NULL, clear_filters_action);

}

static void
cd_matrix_page_init (CdMatrixPage *self)
{
  GtkEventController *key = gtk_event_controller_key_new ();
  GtkEventController *scroll = gtk_event_controller_scroll_new (GTK_EVENT_CONTROLLER_SCROLL_BOTH_AXES);

  self->layout = cd_matrix_layout_new ();
  self->certification_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->cancellable = g_cancellable_new ();
  gtk_widget_init_template (GTK_WIDGET (self));

  g_signal_connect (key, "key-pressed", G_CALLBACK (on_key_pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self->column_view), key);
  gtk_event_controller_set_propagation_phase (scroll, GTK_PHASE_CAPTURE);
  g_signal_connect (scroll, "scroll", G_CALLBACK (on_scroll_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self->column_view), scroll);

  self->store_signals = g_signal_group_new (CD_TYPE_STORE);
  g_signal_group_connect_swapped (self->store_signals, "changed::" CD_CHANGE_STAFF_CERTIFICATIONS,
                                  G_CALLBACK (on_store_changed_cb), self);
  g_signal_group_connect_swapped (self->store_signals, "changed::" CD_CHANGE_CERTIFICATIONS,
                                  G_CALLBACK (on_store_changed_cb), self);
  g_signal_group_connect_swapped (self->store_signals, "changed::" CD_CHANGE_STAFF,
                                  G_CALLBACK (on_store_changed_cb), self);
}

GtkWidget *
cd_matrix_page_new (CdStore *store)
{
  g_return_val_if_fail (CD_IS_STORE (store), NULL);
  return g_object_new (CD_TYPE_MATRIX_PAGE, "store", store, NULL);
}

guint
cd_matrix_page_get_n_people (CdMatrixPage *self)
{
  g_return_val_if_fail (CD_IS_MATRIX_PAGE (self), 0);
  return cd_row_model_get_n_matches (cd_training_list_get_model (self->list));
}

static CdMatrixStrip *
find_strip (GtkWidget *widget,
            gint64     staff_id)
{
  if (CD_IS_MATRIX_STRIP (widget) && cd_matrix_strip_get_staff_id (CD_MATRIX_STRIP (widget)) == staff_id &&
      gtk_widget_get_mapped (widget))
    return CD_MATRIX_STRIP (widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      CdMatrixStrip *found = find_strip (child, staff_id);
      if (found != NULL)
        return found;
    }
  return NULL;
}

char *
cd_matrix_page_dup_cell_text (CdMatrixPage *self,
                              gint64        staff_id,
                              gint64        certification_id)
{
  CdMatrixStrip *strip;

  g_return_val_if_fail (CD_IS_MATRIX_PAGE (self), NULL);

  strip = find_strip (GTK_WIDGET (self->column_view), staff_id);
  return strip != NULL ? cd_matrix_strip_dup_cell_text (strip, certification_id) : NULL;
}
