/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "caredesk-training"

#include "config.h"

#include "cd-matrix-layout.h"

struct _CdMatrixLayout
{
  GObject        parent_instance;

  GPtrArray     *certifications;   /* CdCertification */
  GArray        *columns;          /* guint: index into the cells */
  GArray        *compliance;       /* CdCompliance, per certification */
  GtkAdjustment *adjustment;
  GHashTable    *texts;            /* text → PangoLayout */
  GtkWidget     *reference;        /* weak */
  gint64         now;
  int            view_width;
};

enum {
  SIGNAL_CHANGED,
  SIGNAL_CELL_ACTIVATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (CdMatrixLayout, cd_matrix_layout, G_TYPE_OBJECT)

static void
changed (CdMatrixLayout *self)
{
  g_signal_emit (self, signals[SIGNAL_CHANGED], 0);
}

static void
update_adjustment (CdMatrixLayout *self)
{
  double upper = (double) self->columns->len * CD_MATRIX_CELL_WIDTH;
  double page = MAX (self->view_width, 1);
  double value = CLAMP (gtk_adjustment_get_value (self->adjustment), 0, MAX (upper - page, 0));

  gtk_adjustment_configure (self->adjustment, value, 0, MAX (upper, page), CD_MATRIX_CELL_WIDTH,
                            MAX (page - CD_MATRIX_CELL_WIDTH, CD_MATRIX_CELL_WIDTH), page);
}

static void
on_adjustment_value_changed_cb (CdMatrixLayout *self)
{
  changed (self);
}

static void
cd_matrix_layout_finalize (GObject *object)
{
  CdMatrixLayout *self = CD_MATRIX_LAYOUT (object);

  g_clear_pointer (&self->certifications, g_ptr_array_unref);
  g_clear_pointer (&self->columns, g_array_unref);
  g_clear_pointer (&self->compliance, g_array_unref);
  g_clear_pointer (&self->texts, g_hash_table_unref);
  g_clear_object (&self->adjustment);
  if (self->reference != NULL)
    g_object_remove_weak_pointer (G_OBJECT (self->reference), (gpointer *) &self->reference);

  G_OBJECT_CLASS (cd_matrix_layout_parent_class)->finalize (object);
}

static void
cd_matrix_layout_class_init (CdMatrixLayoutClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = cd_matrix_layout_finalize;

  /* What the rows and the header draw changed. */
  signals[SIGNAL_CHANGED] =
    g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  signals[SIGNAL_CELL_ACTIVATED] =
    g_signal_new ("cell-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, G_TYPE_INT64, G_TYPE_INT64);
}

static void
cd_matrix_layout_init (CdMatrixLayout *self)
{
  self->certifications = g_ptr_array_new_with_free_func ((GDestroyNotify) cd_certification_free);
  self->columns = g_array_new (FALSE, FALSE, sizeof (guint));
  self->compliance = g_array_new (FALSE, TRUE, sizeof (CdCompliance));
  self->texts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  self->adjustment = g_object_ref_sink (gtk_adjustment_new (0, 0, 1, 1, 1, 1));
  g_signal_connect_swapped (self->adjustment, "value-changed", G_CALLBACK (on_adjustment_value_changed_cb), self);
}

CdMatrixLayout *
cd_matrix_layout_new (void)
{
  return g_object_new (CD_TYPE_MATRIX_LAYOUT, NULL);
}

void
cd_matrix_layout_set_certifications (CdMatrixLayout *self,
                                     GPtrArray      *certifications,
                                     gint64          only_id)
{
  g_return_if_fail (CD_IS_MATRIX_LAYOUT (self));

  g_ptr_array_set_size (self->certifications, 0);
  g_array_set_size (self->columns, 0);
  for (guint i = 0; i < certifications->len; i++)
    {
      CdCertification *c = g_ptr_array_index (certifications, i);

      g_ptr_array_add (self->certifications, cd_certification_copy (c));
      if (only_id == 0 || c->id == only_id)
        g_array_append_val (self->columns, i);
    }
  update_adjustment (self);
  changed (self);
}

guint
cd_matrix_layout_get_n_columns (CdMatrixLayout *self)
{
  return self->columns->len;
}

guint
cd_matrix_layout_get_cell_index (CdMatrixLayout *self,
                                 guint           column)
{
  g_return_val_if_fail (column < self->columns->len, 0);
  return g_array_index (self->columns, guint, column);
}

const CdCertification *
cd_matrix_layout_get_certification (CdMatrixLayout *self,
                                    guint           column)
{
  g_return_val_if_fail (column < self->columns->len, NULL);
  return g_ptr_array_index (self->certifications, g_array_index (self->columns, guint, column));
}

void
cd_matrix_layout_set_compliance (CdMatrixLayout *self,
                                 GArray         *compliance)
{
  g_array_set_size (self->compliance, 0);
  g_array_append_vals (self->compliance, compliance->data, compliance->len);
  changed (self);
}

int
cd_matrix_layout_get_percent (CdMatrixLayout *self,
                              guint           column)
{
  const CdCertification *c = cd_matrix_layout_get_certification (self, column);

  for (guint i = 0; i < self->compliance->len; i++)
    {
      const CdCompliance *compliance = &g_array_index (self->compliance, CdCompliance, i);
      if (compliance->certification_id == c->id)
        return cd_compliance_percent (compliance);
    }
  return -1;
}

void
cd_matrix_layout_set_now (CdMatrixLayout *self,
                          gint64          now)
{
  if (self->now == now)
    return;
  self->now = now;
  changed (self);
}

gint64
cd_matrix_layout_get_now (CdMatrixLayout *self)
{
  return self->now;
}

GtkAdjustment *
cd_matrix_layout_get_adjustment (CdMatrixLayout *self)
{
  return self->adjustment;
}

void
cd_matrix_layout_set_view_width (CdMatrixLayout *self,
                                 int             width)
{
  if (width == self->view_width)
    return;
  self->view_width = width;
  update_adjustment (self);
}

void
cd_matrix_layout_reveal_column (CdMatrixLayout *self,
                                guint           column)
{
  double x = (double) column * CD_MATRIX_CELL_WIDTH;

  gtk_adjustment_clamp_page (self->adjustment, x, x + CD_MATRIX_CELL_WIDTH);
}

int
cd_matrix_layout_column_at (CdMatrixLayout *self,
                            double          x)
{
  double at = x + gtk_adjustment_get_value (self->adjustment);
  int column;

  if (at < 0)
    return -1;
  column = (int) (at / CD_MATRIX_CELL_WIDTH);
  return column < (int) self->columns->len ? column : -1;
}

PangoLayout *
cd_matrix_layout_text (CdMatrixLayout *self,
                       GtkWidget      *widget,
                       const char     *text)
{
  PangoLayout *layout = g_hash_table_lookup (self->texts, text);

  if (layout == NULL)
    {
      layout = gtk_widget_create_pango_layout (widget, text);
      pango_layout_set_width (layout, (CD_MATRIX_CELL_WIDTH - 12) * PANGO_SCALE);
      pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
      g_hash_table_insert (self->texts, g_strdup (text), layout);
    }
  return layout;
}

void
cd_matrix_layout_set_reference (CdMatrixLayout *self,
                                GtkWidget      *row)
{
  if (self->reference == row)
    return;
  if (self->reference != NULL)
    g_object_remove_weak_pointer (G_OBJECT (self->reference), (gpointer *) &self->reference);
  self->reference = row;
  if (row != NULL)
    g_object_add_weak_pointer (G_OBJECT (row), (gpointer *) &self->reference);
  changed (self);
}

GtkWidget *
cd_matrix_layout_get_reference (CdMatrixLayout *self)
{
  return self->reference;
}

void
cd_matrix_layout_activate_cell (CdMatrixLayout *self,
                                gint64          staff_id,
                                gint64          certification_id)
{
  g_signal_emit (self, signals[SIGNAL_CELL_ACTIVATED], 0, staff_id, certification_id);
}
