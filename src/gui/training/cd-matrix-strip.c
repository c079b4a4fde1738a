/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "caredesk-training"

#include "config.h"

#include <glib/gi18n.h>

#include "cd-datetime.h"
#include "cd-matrix-strip.h"

struct _CdMatrixStrip
{
  GtkWidget       parent_instance;

  CdMatrixLayout *layout;
  GArray         *cells;      /* CdMatrixCell */
  gint64          staff_id;
  char           *name;
  gulong          changed_id;
  guint           accessible_id;
};

G_DEFINE_FINAL_TYPE (CdMatrixStrip, cd_matrix_strip, GTK_TYPE_WIDGET)

static const CdMatrixCell *
cell_at (CdMatrixStrip *self,
         guint          column)
{
  guint index;

  if (column >= cd_matrix_layout_get_n_columns (self->layout))
    return NULL;
  index = cd_matrix_layout_get_cell_index (self->layout, column);
  return index < self->cells->len ? &g_array_index (self->cells, CdMatrixCell, index) : NULL;
}

/* The named colours of the theme for a state: one for the text, one
 * (faint) for the block. */
static void
state_colors (GtkWidget     *widget,
              CdMatrixState  state,
              GdkRGBA       *fg,
              GdkRGBA       *bg)
{
  GtkStyleContext *context = gtk_widget_get_style_context (widget);
  const char *name;
  double alpha = 0.18;

  switch (state)
    {
    case CD_MATRIX_ACTIVE:   name = "success"; break;
    case CD_MATRIX_EXPIRING: name = "warning"; alpha = 0.28; break;
    case CD_MATRIX_EXPIRED:  name = "error"; break;
    case CD_MATRIX_MISSING:  name = "error"; alpha = 0.08; break;
    case CD_MATRIX_REVOKED:
    case CD_MATRIX_NONE:
    default:                 name = NULL; alpha = 0.08; break;
    }

  if (name != NULL)
    {
      g_autofree char *fg_name = g_strdup_printf ("%s_color", name);
      g_autofree char *bg_name = g_strdup_printf ("%s_bg_color", name);

      if (!gtk_style_context_lookup_color (context, fg_name, fg))
        gtk_style_context_get_color (context, fg);
      if (!gtk_style_context_lookup_color (context, bg_name, bg))
        *bg = *fg;
    }
  else
    {
      gtk_style_context_get_color (context, fg);
      *bg = *fg;
      if (state == CD_MATRIX_REVOKED)
        fg->alpha *= 0.7;
    }
  bg->alpha = alpha;
}

static void
cd_matrix_strip_snapshot (GtkWidget   *widget,
                          GtkSnapshot *snapshot)
{
  CdMatrixStrip *self = CD_MATRIX_STRIP (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  double offset = gtk_adjustment_get_value (cd_matrix_layout_get_adjustment (self->layout));
  gint64 now = cd_matrix_layout_get_now (self->layout);
  guint first = (guint) (offset / CD_MATRIX_CELL_WIDTH);
  guint n = cd_matrix_layout_get_n_columns (self->layout);

  if (self->staff_id == 0)
    return;

  gtk_snapshot_push_clip (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
  for (guint c = first; c < n; c++)
    {
      double x = (double) c * CD_MATRIX_CELL_WIDTH - offset;
      const CdMatrixCell *cell = cell_at (self, c);
      CdMatrixState state;
      g_autofree char *text = NULL;
      GdkRGBA fg, bg;
      GskRoundedRect box;
      PangoLayout *layout;
      int text_height;

      if (x >= width)
        break;
      if (cell == NULL)
        continue;
      state = cd_matrix_cell_state (cell, now);
      state_colors (widget, state, &fg, &bg);
      gsk_rounded_rect_init_from_rect (&box, &GRAPHENE_RECT_INIT (x + 2, 2, CD_MATRIX_CELL_WIDTH - 4, height - 4), 4);
      if (state != CD_MATRIX_NONE)
        {
          gtk_snapshot_push_rounded_clip (snapshot, &box);
          gtk_snapshot_append_color (snapshot, &bg, &box.bounds);
          gtk_snapshot_pop (snapshot);
        }
      text = cd_matrix_cell_text (cell, now);
      if (*text == '\0')
        continue;
      layout = cd_matrix_layout_text (self->layout, widget, text);
      pango_layout_get_pixel_size (layout, NULL, &text_height);
      gtk_snapshot_save (snapshot);
      gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (x + 8, (height - text_height) / 2.0));
      gtk_snapshot_append_layout (snapshot, layout, &fg);
      gtk_snapshot_restore (snapshot);
    }
  gtk_snapshot_pop (snapshot);
}

static void
cd_matrix_strip_measure (GtkWidget      *widget,
                         GtkOrientation  orientation,
                         int             for_size,
                         int            *minimum,
                         int            *natural,
                         int            *minimum_baseline,
                         int            *natural_baseline)
{
  CdMatrixStrip *self = CD_MATRIX_STRIP (widget);

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = CD_MATRIX_CELL_WIDTH;
      *natural = MAX ((int) cd_matrix_layout_get_n_columns (self->layout), 1) * CD_MATRIX_CELL_WIDTH;
    }
  else
    *minimum = *natural = CD_MATRIX_CELL_HEIGHT;
}

static void
cd_matrix_strip_size_allocate (GtkWidget *widget,
                               int        width,
                               int        height,
                               int        baseline)
{
  CdMatrixStrip *self = CD_MATRIX_STRIP (widget);

  cd_matrix_layout_set_view_width (self->layout, width);
  if (cd_matrix_layout_get_reference (self->layout) == NULL)
    cd_matrix_layout_set_reference (self->layout, widget);
}

static char *
describe_cell (CdMatrixStrip      *self,
               guint               column,
               const CdMatrixCell *cell)
{
  const CdCertification *c = cd_matrix_layout_get_certification (self->layout, column);
  g_autofree char *name = cd_certification_display_name (c->name, c->level);
  gint64 now = cd_matrix_layout_get_now (self->layout);
  g_autofree char *state = NULL;

  switch (cd_matrix_cell_state (cell, now))
    {
    case CD_MATRIX_ACTIVE:
    case CD_MATRIX_EXPIRING:
      state = cd_certification_status_text (cd_certification_status (cell->expires_at, 0, now), cell->expires_at, now);
      break;
    case CD_MATRIX_EXPIRED:
      state = cd_certification_status_text (CD_CERT_EXPIRED, cell->expires_at, now);
      break;
    case CD_MATRIX_REVOKED:
      state = g_strdup (_("Revoked"));
      break;
    case CD_MATRIX_MISSING:
      state = g_strdup (_("Required, never held"));
      break;
    case CD_MATRIX_NONE:
    default:
      state = g_strdup (_("Not held"));
      break;
    }
  /* Translators: a cell of the matrix read out: "Billing specialist: Expires in 12 days" */
  return g_strdup_printf (_("%s: %s"), name, state);
}

static void
update_accessible (CdMatrixStrip *self)
{
  g_autoptr(GString) text = g_string_new (self->name);
  guint n = cd_matrix_layout_get_n_columns (self->layout);

  for (guint c = 0; c < n; c++)
    {
      const CdMatrixCell *cell = cell_at (self, c);
      g_autofree char *part = NULL;

      if (cell == NULL)
        continue;
      part = describe_cell (self, c, cell);
      g_string_append (text, _("; "));
      g_string_append (text, part);
    }
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, text->str, -1);
}

static gboolean
update_accessible_cb (gpointer data)
{
  CdMatrixStrip *self = data;

  self->accessible_id = 0;
  update_accessible (self);
  return G_SOURCE_REMOVE;
}

/* A row's spoken label names every certification it has a cell for
 * (sixty of them, each with a date), which is far more work than
 * drawing the few cells in view: it is written once the frame that
 * shows the row is out. */
static void
queue_update_accessible (CdMatrixStrip *self)
{
  if (self->accessible_id == 0)
    self->accessible_id = g_idle_add_full (G_PRIORITY_LOW, update_accessible_cb, self, NULL);
}

static gboolean
on_query_tooltip_cb (GtkWidget     *widget,
                     int            x,
                     int            y,
                     gboolean       keyboard,
                     GtkTooltip    *tooltip,
                     CdMatrixStrip *self)
{
  int column = cd_matrix_layout_column_at (self->layout, x);
  const CdMatrixCell *cell = column >= 0 ? cell_at (self, (guint) column) : NULL;
  g_autofree char *text = NULL;

  if (cell == NULL || self->staff_id == 0)
    return FALSE;
  text = describe_cell (self, (guint) column, cell);
  gtk_tooltip_set_text (tooltip, text);
  return TRUE;
}

static void
on_click_released_cb (GtkGestureClick *gesture,
                      int              n_press,
                      double           x,
                      double           y,
                      CdMatrixStrip   *self)
{
  int column = cd_matrix_layout_column_at (self->layout, x);
  const CdMatrixCell *cell = column >= 0 ? cell_at (self, (guint) column) : NULL;

  if (cell == NULL || self->staff_id == 0)
    return;
  gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
  cd_matrix_layout_activate_cell (self->layout, self->staff_id, cell->certification_id);
}

static void
on_layout_changed_cb (CdMatrixStrip *self)
{
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
cd_matrix_strip_dispose (GObject *object)
{
  CdMatrixStrip *self = CD_MATRIX_STRIP (object);

  g_clear_handle_id (&self->accessible_id, g_source_remove);
  if (self->layout != NULL)
    {
      g_clear_signal_handler (&self->changed_id, self->layout);
      if (cd_matrix_layout_get_reference (self->layout) == GTK_WIDGET (self))
        cd_matrix_layout_set_reference (self->layout, NULL);
    }
  g_clear_object (&self->layout);
  G_OBJECT_CLASS (cd_matrix_strip_parent_class)->dispose (object);
}

static void
cd_matrix_strip_finalize (GObject *object)
{
  CdMatrixStrip *self = CD_MATRIX_STRIP (object);

  g_clear_pointer (&self->cells, g_array_unref);
  g_free (self->name);
  G_OBJECT_CLASS (cd_matrix_strip_parent_class)->finalize (object);
}

static void
cd_matrix_strip_class_init (CdMatrixStripClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cd_matrix_strip_dispose;
  object_class->finalize = cd_matrix_strip_finalize;
  widget_class->snapshot = cd_matrix_strip_snapshot;
  widget_class->measure = cd_matrix_strip_measure;
  widget_class->size_allocate = cd_matrix_strip_size_allocate;
  gtk_widget_class_set_css_name (widget_class, "matrixstrip");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
cd_matrix_strip_init (CdMatrixStrip *self)
{
  GtkGesture *click = gtk_gesture_click_new ();

  self->cells = g_array_new (FALSE, TRUE, sizeof (CdMatrixCell));
  gtk_widget_set_has_tooltip (GTK_WIDGET (self), TRUE);
  gtk_widget_set_hexpand (GTK_WIDGET (self), TRUE);
  g_signal_connect (self, "query-tooltip", G_CALLBACK (on_query_tooltip_cb), self);
  g_signal_connect (click, "released", G_CALLBACK (on_click_released_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (click));
}

GtkWidget *
cd_matrix_strip_new (CdMatrixLayout *layout)
{
  CdMatrixStrip *self;

  g_return_val_if_fail (CD_IS_MATRIX_LAYOUT (layout), NULL);

  self = g_object_new (CD_TYPE_MATRIX_STRIP, NULL);
  self->layout = g_object_ref (layout);
  self->changed_id = g_signal_connect_swapped (layout, "changed", G_CALLBACK (on_layout_changed_cb), self);
  return GTK_WIDGET (self);
}

void
cd_matrix_strip_set_row (CdMatrixStrip *self,
                         CdRow         *row)
{
  g_return_if_fail (CD_IS_MATRIX_STRIP (self));

  self->staff_id = row != NULL ? cd_row_get_id (row) : 0;
  g_free (self->name);
  self->name = g_strdup (row != NULL ? cd_row_get_value (row, CD_MATRIX_COL_NAME) : NULL);
  if (row != NULL && self->staff_id != 0)
    cd_matrix_row_cells (row, self->cells);
  else
    g_array_set_size (self->cells, 0);
  queue_update_accessible (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

gint64
cd_matrix_strip_get_staff_id (CdMatrixStrip *self)
{
  g_return_val_if_fail (CD_IS_MATRIX_STRIP (self), 0);
  return self->staff_id;
}

char *
cd_matrix_strip_dup_cell_text (CdMatrixStrip *self,
                               gint64         certification_id)
{
  guint n;

  g_return_val_if_fail (CD_IS_MATRIX_STRIP (self), NULL);

  n = cd_matrix_layout_get_n_columns (self->layout);
  for (guint c = 0; c < n; c++)
    {
      const CdMatrixCell *cell = cell_at (self, c);
      if (cell != NULL && cell->certification_id == certification_id)
        return cd_matrix_cell_text (cell, cd_matrix_layout_get_now (self->layout));
    }
  return NULL;
}
