/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "caredesk-training"

#include "config.h"

#include <glib/gi18n.h>

#include "cd-matrix-header.h"

#define HEADER_HEIGHT 58

struct _CdMatrixHeader
{
  GtkWidget       parent_instance;

  CdMatrixLayout *layout;
  gulong          changed_id;
};

enum {
  SIGNAL_COLUMN_ACTIVATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (CdMatrixHeader, cd_matrix_header, GTK_TYPE_WIDGET)

/* Where the rows' first cell starts, in the header's coordinates: the
 * names and roles take the left of the rows. */
static double
origin (CdMatrixHeader *self)
{
  GtkWidget *row = cd_matrix_layout_get_reference (self->layout);
  graphene_point_t out;

  if (row == NULL || gtk_widget_get_root (row) != gtk_widget_get_root (GTK_WIDGET (self)) ||
      !gtk_widget_compute_point (row, GTK_WIDGET (self), &GRAPHENE_POINT_INIT (0, 0), &out))
    return -1;
  return out.x;
}

static int
column_at (CdMatrixHeader *self,
           double          x)
{
  double x0 = origin (self);

  if (x0 < 0 || x < x0)
    return -1;
  return cd_matrix_layout_column_at (self->layout, x - x0);
}

static char *
compliance_text (CdMatrixHeader *self,
                 guint           column)
{
  int percent = cd_matrix_layout_get_percent (self->layout, column);

  if (percent < 0)
    /* Translators: a certification nobody is counted for in the matrix */
    return g_strdup (C_("compliance", "—"));
  /* Translators: compliance with a certification, e.g. "82 %" */
  return g_strdup_printf (_("%d %%"), percent);
}

static void
cd_matrix_header_snapshot (GtkWidget   *widget,
                           GtkSnapshot *snapshot)
{
  CdMatrixHeader *self = CD_MATRIX_HEADER (widget);
  GtkStyleContext *context = gtk_widget_get_style_context (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  double offset = gtk_adjustment_get_value (cd_matrix_layout_get_adjustment (self->layout));
  guint n = cd_matrix_layout_get_n_columns (self->layout);
  double x0 = origin (self);
  int view_width;
  GdkRGBA fg;

  if (x0 < 0)
    return;
  view_width = gtk_widget_get_width (cd_matrix_layout_get_reference (self->layout));
  gtk_style_context_get_color (context, &fg);
  /* No wider than the rows' cells, so that a title never stands over
   * a column the rows cut off. */
  gtk_snapshot_push_clip (snapshot, &GRAPHENE_RECT_INIT (x0, 0, MAX (MIN (width - x0, view_width), 0), height));
  for (guint c = (guint) (offset / CD_MATRIX_CELL_WIDTH); c < n; c++)
    {
      const CdCertification *cert = cd_matrix_layout_get_certification (self->layout, c);
      double x = x0 + (double) c * CD_MATRIX_CELL_WIDTH - offset;
      g_autofree char *name = cd_certification_display_name (cert->name, cert->level);
      g_autofree char *percent_text = compliance_text (self, c);
      int percent = cd_matrix_layout_get_percent (self->layout, c);
      g_autoptr(PangoLayout) title = NULL;
      g_autoptr(PangoLayout) figure = NULL;
      PangoAttrList *attrs;
      GdkRGBA color = fg;
      const char *color_name = percent < 0 ? NULL : percent >= 90 ? "success_color" : percent >= 70 ? "warning_color" : "error_color";

      if (x >= width)
        break;

      title = gtk_widget_create_pango_layout (widget, name);
      pango_layout_set_width (title, (CD_MATRIX_CELL_WIDTH - 8) * PANGO_SCALE);
      pango_layout_set_height (title, -2);
      pango_layout_set_wrap (title, PANGO_WRAP_WORD_CHAR);
      pango_layout_set_ellipsize (title, PANGO_ELLIPSIZE_END);
      attrs = pango_attr_list_new ();
      pango_attr_list_insert (attrs, pango_attr_weight_new (PANGO_WEIGHT_BOLD));
      pango_attr_list_insert (attrs, pango_attr_scale_new (0.85));
      pango_layout_set_attributes (title, attrs);
      pango_attr_list_unref (attrs);

      figure = gtk_widget_create_pango_layout (widget, percent_text);
      attrs = pango_attr_list_new ();
      pango_attr_list_insert (attrs, pango_attr_scale_new (0.85));
      pango_layout_set_attributes (figure, attrs);
      pango_attr_list_unref (attrs);
      if (color_name != NULL && !gtk_style_context_lookup_color (context, color_name, &color))
        color = fg;

      gtk_snapshot_save (snapshot);
      gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (x + 6, 4));
      gtk_snapshot_append_layout (snapshot, title, &fg);
      gtk_snapshot_restore (snapshot);
      gtk_snapshot_save (snapshot);
      gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (x + 6, height - 20));
      gtk_snapshot_append_layout (snapshot, figure, &color);
      gtk_snapshot_restore (snapshot);
    }
  gtk_snapshot_pop (snapshot);
}

static void
cd_matrix_header_measure (GtkWidget      *widget,
                          GtkOrientation  orientation,
                          int             for_size,
                          int            *minimum,
                          int            *natural,
                          int            *minimum_baseline,
                          int            *natural_baseline)
{
  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    *minimum = *natural = 0;
  else
    *minimum = *natural = HEADER_HEIGHT;
}

static gboolean
on_query_tooltip_cb (GtkWidget      *widget,
                     int             x,
                     int             y,
                     gboolean        keyboard,
                     GtkTooltip     *tooltip,
                     CdMatrixHeader *self)
{
  int column = column_at (self, x);
  const CdCertification *cert;
  g_autofree char *name = NULL;
  g_autofree char *percent = NULL;
  g_autofree char *text = NULL;

  if (column < 0)
    return FALSE;
  cert = cd_matrix_layout_get_certification (self->layout, (guint) column);
  name = cd_certification_display_name (cert->name, cert->level);
  percent = compliance_text (self, (guint) column);
  /* Translators: tooltip of a column of the matrix: name, compliance */
  text = g_strdup_printf (_("%s — compliance %s. Click to show this certification only, or all again."),
                          name, percent);
  gtk_tooltip_set_text (tooltip, text);
  return TRUE;
}

static void
on_click_released_cb (GtkGestureClick *gesture,
                      int              n_press,
                      double           x,
                      double           y,
                      CdMatrixHeader  *self)
{
  int column = column_at (self, x);

  if (column < 0)
    return;
  g_signal_emit (self, signals[SIGNAL_COLUMN_ACTIVATED], 0,
                 cd_matrix_layout_get_certification (self->layout, (guint) column)->id);
}

static void
on_layout_changed_cb (CdMatrixHeader *self)
{
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
cd_matrix_header_dispose (GObject *object)
{
  CdMatrixHeader *self = CD_MATRIX_HEADER (object);

  if (self->layout != NULL)
    g_clear_signal_handler (&self->changed_id, self->layout);
  g_clear_object (&self->layout);
  G_OBJECT_CLASS (cd_matrix_header_parent_class)->dispose (object);
}

static void
cd_matrix_header_class_init (CdMatrixHeaderClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cd_matrix_header_dispose;
  widget_class->snapshot = cd_matrix_header_snapshot;
  widget_class->measure = cd_matrix_header_measure;
  gtk_widget_class_set_css_name (widget_class, "matrixheader");

  signals[SIGNAL_COLUMN_ACTIVATED] =
    g_signal_new ("column-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_INT64);
}

static void
cd_matrix_header_init (CdMatrixHeader *self)
{
  GtkGesture *click = gtk_gesture_click_new ();

  gtk_widget_set_has_tooltip (GTK_WIDGET (self), TRUE);
  gtk_widget_set_hexpand (GTK_WIDGET (self), TRUE);
  g_signal_connect (self, "query-tooltip", G_CALLBACK (on_query_tooltip_cb), self);
  g_signal_connect (click, "released", G_CALLBACK (on_click_released_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (click));
}

GtkWidget *
cd_matrix_header_new (CdMatrixLayout *layout)
{
  CdMatrixHeader *self;

  g_return_val_if_fail (CD_IS_MATRIX_LAYOUT (layout), NULL);

  self = g_object_new (CD_TYPE_MATRIX_HEADER, NULL);
  self->layout = g_object_ref (layout);
  self->changed_id = g_signal_connect_swapped (layout, "changed", G_CALLBACK (on_layout_changed_cb), self);
  return GTK_WIDGET (self);
}
