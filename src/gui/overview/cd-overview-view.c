/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "caredesk-overview"

#include "config.h"

#include <stdio.h>
#include <string.h>
#include <glib/gi18n.h>

#include "cd-coverage.h"
#include "cd-overview-view.h"
#include "cd-training.h"

#include "cd-change.h"
#include "cd-datetime.h"
#include "cd-file-chooser.h"
#include "cd-overview.h"
#include "cd-window.h"

struct _CdOverviewView
{
  GtkWidget          parent_instance;

  CdStore           *store;
  GSignalGroup      *store_signals;
  GCancellable      *cancellable;
  guint              refresh_id;
  gboolean           loading_period;
  /* The custom range, once one was chosen; the choice before it, to go
   * back to when choosing one is cancelled. */
  gboolean           has_custom;
  CdOverviewRange    custom;
  guint              previous_choice;

  CdMyDay           *day;
  CdOverviewPeriod  *period;
  /* The per-person table's order: a CdOverviewFigure, or -1 by name. */
  int                sort_figure;
  gboolean           sort_descending;

  GtkWidget         *scroller;
  GtkListBox        *my_day_list;
  GtkLabel          *period_title;
  GtkDropDown       *period_dropdown;
  GtkLabel          *period_status;
  GtkWidget         *export_csv_button;
  GtkWidget         *print_button;
  GtkFlowBox        *summary_box;
  GtkBox            *charts_box;
  GtkLabel          *people_title;
  GtkGrid           *people_grid;
  /* Ticket categories that are, or will be within 30 days, below their
   * minimum of certified reps (cd-coverage.h), read on the store's
   * read lane: on a network share it may wait for another's write. */
  GtkWidget         *coverage_list;
  GCancellable      *coverage_cancellable;

  /* The figures are read once the window has drawn its first frame
   * (see cd_overview_view_root()). */
  gboolean           drawn;
  GdkFrameClock     *paint_clock;
  gulong             paint_handler;
  GtkWidget         *realize_root;
  gulong             realize_handler;
};

enum {
  PROP_0,
  PROP_STORE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (CdOverviewView, cd_overview_view, GTK_TYPE_WIDGET)

/* How many items of a "my day" section are listed; the count says the rest. */
#define MY_DAY_LIMIT 3

static void reload_my_day (CdOverviewView *self);
static void reload_period (CdOverviewView *self);
static void refresh_coverage (CdOverviewView *self);
static void show_people   (CdOverviewView *self);
static void show_toast    (CdOverviewView *self,
                           const char     *text);

/* The first frame ------------------------------------------------------- */

static void
stop_waiting_for_paint (CdOverviewView *self)
{
  if (self->paint_handler != 0)
    g_signal_handler_disconnect (self->paint_clock, self->paint_handler);
  self->paint_handler = 0;
  g_clear_object (&self->paint_clock);
  if (self->realize_handler != 0)
    g_signal_handler_disconnect (self->realize_root, self->realize_handler);
  self->realize_handler = 0;
  self->realize_root = NULL;
}

static void
on_after_paint_cb (GdkFrameClock  *clock,
                   CdOverviewView *self)
{
  stop_waiting_for_paint (self);
  self->drawn = TRUE;
  reload_my_day (self);
  reload_period (self);
  refresh_coverage (self);
}

static void
wait_for_paint (CdOverviewView *self)
{
  GtkWidget *root = GTK_WIDGET (gtk_widget_get_root (GTK_WIDGET (self)));
  GdkFrameClock *clock = root != NULL ? gtk_widget_get_frame_clock (root) : NULL;

  stop_waiting_for_paint (self);
  if (clock == NULL)
    return;
  self->paint_clock = g_object_ref (clock);
  self->paint_handler = g_signal_connect (self->paint_clock, "after-paint", G_CALLBACK (on_after_paint_cb), self);
}

/* The view reads its figures once its window has drawn its first frame,
 * not when it is made: at start-up the window is then drawn without
 * waiting for the reading, the rows and the fonts their names need, and
 * the figures follow a moment later, as the rows of a list do. Shown or
 * not (a narrow window shows the sidebar first), they are ready when the
 * view is. */
static void
cd_overview_view_root (GtkWidget *widget)
{
  CdOverviewView *self = CD_OVERVIEW_VIEW (widget);
  GtkWidget *root;

  GTK_WIDGET_CLASS (cd_overview_view_parent_class)->root (widget);

  if (self->drawn)
    return;
  root = GTK_WIDGET (gtk_widget_get_root (widget));
  if (gtk_widget_get_realized (root))
    {
      wait_for_paint (self);
      return;
    }
  stop_waiting_for_paint (self);
  self->realize_root = root;
  self->realize_handler = g_signal_connect_swapped (root, "realize", G_CALLBACK (wait_for_paint), self);
}

static void
cd_overview_view_unroot (GtkWidget *widget)
{
  stop_waiting_for_paint (CD_OVERVIEW_VIEW (widget));

  GTK_WIDGET_CLASS (cd_overview_view_parent_class)->unroot (widget);
}

/* Widgets ----------------------------------------------------------------- */

static void
clear_container (GtkWidget *widget)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (widget)) != NULL)
    {
      if (GTK_IS_LIST_BOX (widget))
        gtk_list_box_remove (GTK_LIST_BOX (widget), child);
      else if (GTK_IS_FLOW_BOX (widget))
        gtk_flow_box_remove (GTK_FLOW_BOX (widget), child);
      else if (GTK_IS_GRID (widget))
        gtk_grid_remove (GTK_GRID (widget), child);
      else
        gtk_box_remove (GTK_BOX (widget), child);
    }
}

static GtkWidget *
make_label (const char *text,
            float       xalign,
            const char *css_class)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), xalign);
  if (css_class != NULL)
    gtk_widget_add_css_class (label, css_class);
  return label;
}

/* Unchanged figures are not drawn again: most changes to the file (a
 * customer's phone number, a draft) leave them as they were, and
 * rebuilding the cards and tables would cost frames for nothing. */
static gboolean
same_figures (const CdOverviewFigures *a,
              const CdOverviewFigures *b)
{
  return a->staff_id == b->staff_id && g_strcmp0 (a->name, b->name) == 0 &&
         a->received == b->received && a->received_resolved == b->received_resolved &&
         a->handled == b->handled && a->answered == b->answered &&
         a->first_response_seconds == b->first_response_seconds &&
         a->resolution_seconds == b->resolution_seconds && a->first_contact == b->first_contact &&
         a->breached == b->breached && a->satisfaction_answers == b->satisfaction_answers &&
         a->satisfaction_sum == b->satisfaction_sum && a->followups_due == b->followups_due &&
         a->followups_on_time == b->followups_on_time &&
         memcmp (a->complaints, b->complaints, sizeof a->complaints) == 0 &&
         a->training_known == b->training_known && a->training_hours == b->training_hours &&
         a->certifications_required == b->certifications_required &&
         a->certifications_current == b->certifications_current;
}

static gboolean
same_period (const CdOverviewPeriod *a,
             const CdOverviewPeriod *b)
{
  if (a == NULL || b == NULL)
    return FALSE;
  if (a->range.start != b->range.start || a->range.end != b->range.end || a->team != b->team ||
      a->rows->len != b->rows->len || a->days->len != b->days->len ||
      !same_figures (a->total, b->total) || !same_figures (a->total_before, b->total_before))
    return FALSE;
  for (guint i = 0; i < a->rows->len; i++)
    if (!same_figures (a->rows->pdata[i], b->rows->pdata[i]) ||
        !same_figures (a->rows_before->pdata[i], b->rows_before->pdata[i]))
      return FALSE;
  for (guint i = 0; i < a->days->len; i++)
    {
      const CdOverviewDay *x = &g_array_index (a->days, CdOverviewDay, i);
      const CdOverviewDay *y = &g_array_index (b->days, CdOverviewDay, i);

      if (x->start != y->start || x->handled != y->handled || x->breached != y->breached ||
          x->answered != y->answered || x->first_response_seconds != y->first_response_seconds)
        return FALSE;
    }
  return TRUE;
}

static gboolean
same_day (const CdMyDay *a,
          const CdMyDay *b)
{
  if (a == NULL || b == NULL)
    return FALSE;
  for (guint s = 0; s < CD_MY_DAY_N_SECTIONS; s++)
    {
      if (a->counted[s] != b->counted[s] || a->counts[s] != b->counts[s] ||
          a->items[s]->len != b->items[s]->len)
        return FALSE;
      for (guint i = 0; i < a->items[s]->len; i++)
        {
          const CdMyDayItem *x = a->items[s]->pdata[i];
          const CdMyDayItem *y = b->items[s]->pdata[i];

          if (x->id != y->id || x->due_at != y->due_at || x->paused != y->paused ||
              g_strcmp0 (x->title, y->title) != 0 || g_strcmp0 (x->detail, y->detail) != 0 || g_strcmp0 (x->person, y->person) != 0)
            return FALSE;
        }
    }
  /* "due in 5 min" moves on with the clock. */
  return a->now / 60 == b->now / 60;
}

/* My day ------------------------------------------------------------------ */

static void
on_my_day_row_activated_cb (AdwActionRow *row,
                            gpointer      user_data)
{
  CdOverviewView *self = user_data;
  CdMyDaySection section = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (row), "section"));
  gint64 id = *(gint64 *) g_object_get_data (G_OBJECT (row), "record-id");
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  if (section == CD_MY_DAY_FOLLOWUPS_OVERDUE)
    gtk_widget_activate_action (GTK_WIDGET (self), "app.open-followup", "x", id);
  else if (section == CD_MY_DAY_CERTIFICATIONS_EXPIRING || section == CD_MY_DAY_TRAINING_DUE)
    /* Both are rows of the person's training record. */
    gtk_widget_activate_action (GTK_WIDGET (self), "app.open-training", "x", cd_store_get_staff_id (self->store));
  else if (CD_IS_WINDOW (root))
    cd_window_open_ticket (CD_WINDOW (root), id);
}

static GtkWidget *
make_item_row (CdOverviewView    *self,
               const CdMyDayItem *item,
               gint64             now)
{
  GtkWidget *row = adw_action_row_new ();
  /* "5 h ago" while it is recent, then the day it was due. */
  g_autofree char *when = ABS (now - item->due_at) < 24 * 3600
                          ? cd_datetime_format_relative (item->due_at, now)
                          : cd_datetime_format_when (item->due_at, now);
  g_autofree char *subtitle = NULL;
  gint64 *id = g_new (gint64, 1);

  if (item->person != NULL && item->person[0] != '\0')
    /* Translators: what it is about, who owes or awaits it, and when it was (is) due */
    subtitle = g_strdup_printf (_("%s · %s · due: %s"), item->detail ? item->detail : "", item->person, when);
  else if (item->paused)
    /* Translators: a pending ticket's subject; its SLA clock stands still
     * while the customer is waited on, and when it would be due if the
     * clock ran again now */
    subtitle = g_strdup_printf (_("%s · clock paused while pending · due if resumed now: %s"),
                                item->detail ? item->detail : "", when);
  else
    /* Translators: what it is about, and when it was (is) due */
    subtitle = g_strdup_printf (_("%s · due: %s"), item->detail ? item->detail : "", when);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), item->title);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("go-next-symbolic"));
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  *id = item->id;
  g_object_set_data_full (G_OBJECT (row), "record-id", id, g_free);
  g_object_set_data (G_OBJECT (row), "section", GINT_TO_POINTER (item->section));
  g_signal_connect (row, "activated", G_CALLBACK (on_my_day_row_activated_cb), self);
  return row;
}

static void
show_my_day (CdOverviewView *self)
{
  clear_container (GTK_WIDGET (self->my_day_list));

  for (guint s = 0; s < CD_MY_DAY_N_SECTIONS; s++)
    {
      const char *title = cd_my_day_section_title (s);
      gint64 count = self->day->counts[s];
      GtkWidget *row;
      GtkWidget *badge;
      g_autofree char *count_text = NULL;

      /* A section that was not read is left out. */
      if (!self->day->counted[s])
        continue;

      count_text = g_strdup_printf ("%" G_GINT64_FORMAT, count);
      badge = make_label (count_text, 0.5, count > 0 ? "heading" : "dim-label");
      gtk_widget_set_valign (badge, GTK_ALIGN_CENTER);
      if (count == 0)
        {
          row = adw_action_row_new ();
          adw_action_row_set_subtitle (ADW_ACTION_ROW (row), cd_my_day_section_empty (s));
          adw_action_row_add_suffix (ADW_ACTION_ROW (row), badge);
        }
      else
        {
          GPtrArray *items = self->day->items[s];

          row = adw_expander_row_new ();
          if (count > items->len)
            {
              g_autofree char *shown = g_strdup_printf ("%u", items->len);
              g_autofree char *subtitle =
                /* Translators: "the 3 most urgent of 12" */
                g_strdup_printf (_("The %s most urgent of %s"), shown, count_text);
              adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (row), subtitle);
            }
          adw_expander_row_add_action (ADW_EXPANDER_ROW (row), badge);
          for (guint i = 0; i < items->len; i++)
            adw_expander_row_add_row (ADW_EXPANDER_ROW (row),
                                      make_item_row (self, items->pdata[i], self->day->now));
          /* The first section with something in it is open. */
          adw_expander_row_set_expanded (ADW_EXPANDER_ROW (row), TRUE);
        }
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      {
        g_autofree char *label = g_strdup_printf ("%s: %s", title, count_text);
        gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
      }
      gtk_widget_set_name (row, cd_my_day_section_title (s));
      gtk_list_box_append (self->my_day_list, row);
    }
}

static void
my_day_loaded_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(CdOverviewView) self = user_data;
  g_autoptr(GError) error = NULL;
  CdMyDay *day = cd_my_day_load_finish (CD_STORE (source), result, &error);

  /* Closed meanwhile (its store let go): nobody to tell, and its file
   * may be gone already. */
  if (self->store == NULL)
    {
      g_clear_pointer (&day, cd_my_day_free);
      return;
    }
  if (day == NULL)
    {
      GtkWidget *row;

      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      /* Said where the figures would be: the file may have gone away or
       * be locked for longer than a read waits. The next change or
       * refresh reads again. */
      clear_container (GTK_WIDGET (self->my_day_list));
      row = adw_action_row_new ();
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("My Day could not be read"));
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), error->message);
      gtk_list_box_append (self->my_day_list, row);
      g_clear_pointer (&self->day, cd_my_day_free);
      return;
    }
  if (same_day (self->day, day))
    {
      cd_my_day_free (self->day);
      self->day = day;
      return;
    }
  g_clear_pointer (&self->day, cd_my_day_free);
  self->day = day;
  show_my_day (self);
}

static void
reload_my_day (CdOverviewView *self)
{
  if (self->store == NULL || cd_store_get_staff_id (self->store) == 0)
    return;
  cd_my_day_load_async (self->store, cd_store_get_staff_id (self->store), MY_DAY_LIMIT,
                        self->cancellable, my_day_loaded_cb, g_object_ref (self));
}

/* The period ---------------------------------------------------------------- */

static GtkWidget *
make_figure_card (CdOverviewView    *self,
                  CdOverviewFigure   figure)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  g_autofree char *value = NULL;
  g_autofree char *change = NULL;
  g_autofree char *accessible = NULL;
  int better = 0;
  GtkWidget *change_label;

  if (figure == CD_OVERVIEW_FIGURE_COMPLAINTS)
    value = cd_overview_figures_format_complaints (self->period->total);
  else
    value = cd_overview_figures_format (self->period->total, figure);
  change = cd_overview_figure_format_change (figure, self->period->total, self->period->total_before, &better);

  gtk_widget_add_css_class (box, "card");
  gtk_widget_set_margin_top (box, 0);
  gtk_box_append (GTK_BOX (box), make_label (cd_overview_figure_label (figure), 0, "caption-heading"));
  {
    GtkWidget *v = make_label (value, 0, "title-3");
    gtk_label_set_wrap (GTK_LABEL (v), TRUE);
    gtk_box_append (GTK_BOX (box), v);
  }
  change_label = make_label (change != NULL ? change : "", 0, "caption");
  gtk_widget_add_css_class (change_label, better > 0 ? "success" : better < 0 ? "warning" : "dim-label");
  gtk_box_append (GTK_BOX (box), change_label);
  for (GtkWidget *c = gtk_widget_get_first_child (box); c != NULL; c = gtk_widget_get_next_sibling (c))
    {
      gtk_widget_set_margin_start (c, 12);
      gtk_widget_set_margin_end (c, 12);
    }
  gtk_widget_set_margin_top (gtk_widget_get_first_child (box), 8);
  gtk_widget_set_margin_bottom (change_label, 8);

  gtk_widget_set_tooltip_text (box, cd_overview_figure_definition (figure));
  accessible = g_strdup_printf (_("%s: %s, %s"), cd_overview_figure_label (figure), value,
                                change != NULL ? change : "");
  gtk_accessible_update_property (GTK_ACCESSIBLE (box),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, accessible,
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, cd_overview_figure_definition (figure),
                                  -1);
  return box;
}

static void
show_summary (CdOverviewView *self)
{
  clear_container (GTK_WIDGET (self->summary_box));
  for (guint f = 0; f < CD_OVERVIEW_N_FIGURES; f++)
    {
      GtkWidget *card;

      if (!cd_overview_figure_is_available (f) || f == CD_OVERVIEW_FIGURE_RECEIVED)
        continue;
      card = make_figure_card (self, f);
      gtk_flow_box_append (self->summary_box, card);
      gtk_widget_set_focusable (gtk_widget_get_parent (card), TRUE);
    }
}

/* Charts */

static void
color_from_rgba (CdOverviewColor *color,
                 const GdkRGBA   *rgba,
                 double           alpha)
{
  color->red = rgba->red;
  color->green = rgba->green;
  color->blue = rgba->blue;
  color->alpha = rgba->alpha * alpha;
}

static void
draw_chart_cb (GtkDrawingArea *area,
               cairo_t        *cr,
               int             width,
               int             height,
               gpointer        user_data)
{
  CdOverviewView *self = user_data;
  CdOverviewChart chart = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (area), "chart"));
  CdOverviewPalette palette;
  GdkRGBA fg;
  const GdkRGBA bar = { 0.21, 0.52, 0.89, 1.0 };   /* the GNOME palette's blue 3 */
  const GdkRGBA alert = { 0.88, 0.11, 0.14, 1.0 }; /* red 3 */

  if (self->period == NULL)
    return;
  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  gtk_style_context_get_color (gtk_widget_get_style_context (GTK_WIDGET (area)), &fg);
  G_GNUC_END_IGNORE_DEPRECATIONS
  color_from_rgba (&palette.foreground, &fg, 1.0);
  color_from_rgba (&palette.dim, &fg, 0.55);
  color_from_rgba (&palette.bar, &bar, 1.0);
  color_from_rgba (&palette.alert, &alert, 1.0);
  palette.font = "Sans 9";
  cd_overview_chart_draw (self->period, chart, cr, width, height, &palette);
}

static void
on_chart_resize_cb (GtkDrawingArea *area,
                    int             width,
                    int             height,
                    gpointer        user_data)
{
  CdOverviewView *self = user_data;
  CdOverviewChart chart = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (area), "chart"));
  int wanted;

  if (self->period == NULL)
    return;
  wanted = (int) cd_overview_chart_height_for_width (self->period, chart, width);
  if (wanted != gtk_drawing_area_get_content_height (area))
    gtk_drawing_area_set_content_height (area, wanted);
}

/* The chart's data as a grid of selectable labels: the text alternative. */
static GtkWidget *
make_chart_table (CdOverviewView  *self,
                  CdOverviewChart  chart)
{
  g_auto(GStrv) headers = NULL;
  g_autoptr(GPtrArray) rows = cd_overview_chart_table (self->period, chart, &headers);
  GtkWidget *grid = gtk_grid_new ();

  gtk_grid_set_column_spacing (GTK_GRID (grid), 18);
  gtk_grid_set_row_spacing (GTK_GRID (grid), 2);
  gtk_widget_set_margin_top (grid, 6);
  gtk_accessible_update_property (GTK_ACCESSIBLE (grid), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  cd_overview_chart_title (chart), -1);
  for (guint c = 0; headers != NULL && headers[c] != NULL; c++)
    gtk_grid_attach (GTK_GRID (grid), make_label (headers[c], c ? 1 : 0, "heading"), c, 0, 1, 1);
  for (guint r = 0; r < rows->len; r++)
    {
      GStrv cells = rows->pdata[r];
      g_autofree char *line = g_strjoinv (", ", cells);

      for (guint c = 0; cells[c] != NULL; c++)
        {
          GtkWidget *label = make_label (cells[c], c ? 1 : 0, c ? "numeric" : NULL);

          /* Each row is one stop for the keyboard and reads as one line. */
          if (c == 0)
            {
              gtk_label_set_selectable (GTK_LABEL (label), TRUE);
              gtk_accessible_update_property (GTK_ACCESSIBLE (label), GTK_ACCESSIBLE_PROPERTY_LABEL, line, -1);
            }
          gtk_grid_attach (GTK_GRID (grid), label, c, r + 1, 1, 1);
        }
    }
  return grid;
}

/* A table is made when it is first opened: closed, it costs nothing. */
static void
on_chart_expander_expanded_cb (GtkExpander *expander,
                               GParamSpec  *pspec,
                               gpointer     user_data)
{
  CdOverviewView *self = user_data;
  CdOverviewChart chart = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (expander), "chart"));

  if (gtk_expander_get_expanded (expander) && gtk_expander_get_child (expander) == NULL &&
      self->period != NULL)
    gtk_expander_set_child (expander, make_chart_table (self, chart));
}

static void
show_charts (CdOverviewView *self)
{
  clear_container (GTK_WIDGET (self->charts_box));
  for (guint c = 0; c < CD_OVERVIEW_N_CHARTS; c++)
    {
      GtkWidget *area = gtk_drawing_area_new ();
      GtkWidget *expander;
      g_autofree char *describe = cd_overview_chart_describe (self->period, c);

      gtk_box_append (self->charts_box, make_label (cd_overview_chart_title (c), 0, "caption-heading"));
      g_object_set_data (G_OBJECT (area), "chart", GINT_TO_POINTER (c));
      gtk_drawing_area_set_content_height (GTK_DRAWING_AREA (area), 180);
      gtk_drawing_area_set_draw_func (GTK_DRAWING_AREA (area), draw_chart_cb, self, NULL);
      g_signal_connect (area, "resize", G_CALLBACK (on_chart_resize_cb), self);
      gtk_widget_set_tooltip_text (area, describe);
      gtk_accessible_update_property (GTK_ACCESSIBLE (area),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, cd_overview_chart_title (c),
                                      GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, describe,
                                      -1);
      gtk_box_append (self->charts_box, area);

      /* Translators: opens the table of a chart's numbers */
      expander = gtk_expander_new_with_mnemonic (_("Show as _Table"));
      g_object_set_data (G_OBJECT (expander), "chart", GINT_TO_POINTER (c));
      g_signal_connect (expander, "notify::expanded", G_CALLBACK (on_chart_expander_expanded_cb), self);
      gtk_widget_set_name (expander, "chart-table");
      gtk_box_append (self->charts_box, expander);
    }
}

/* The per-person table */

static int
compare_rows (gconstpointer a,
              gconstpointer b,
              gpointer      user_data)
{
  CdOverviewView *self = user_data;
  const CdOverviewFigures *x = *(CdOverviewFigures * const *) a;
  const CdOverviewFigures *y = *(CdOverviewFigures * const *) b;
  double vx = 0, vy = 0;
  gboolean kx, ky;
  int order;

  if (self->sort_figure < 0)
    order = g_utf8_collate (x->name, y->name);
  else
    {
      kx = cd_overview_figures_get (x, self->sort_figure, &vx);
      ky = cd_overview_figures_get (y, self->sort_figure, &vy);
      /* People without a value go last either way. */
      if (kx != ky)
        return kx ? -1 : 1;
      order = vx < vy ? -1 : vx > vy ? 1 : g_utf8_collate (x->name, y->name);
    }
  return self->sort_descending ? -order : order;
}

static void
on_people_header_clicked_cb (GtkButton *button,
                             gpointer   user_data)
{
  CdOverviewView *self = user_data;
  int figure = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (button), "figure"));

  if (self->sort_figure == figure)
    self->sort_descending = !self->sort_descending;
  else
    {
      self->sort_figure = figure;
      /* The best first. */
      self->sort_descending = figure >= 0 && cd_overview_figure_higher_is_better (figure);
    }
  show_people (self);
}

static GtkWidget *
make_header (CdOverviewView *self,
             int             figure,
             const char     *label)
{
  GtkWidget *button = gtk_button_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 4);
  GtkWidget *text = make_label (label, figure < 0 ? 0 : 1, "heading");
  g_autofree char *description = NULL;

  gtk_label_set_wrap (GTK_LABEL (text), TRUE);
  gtk_label_set_max_width_chars (GTK_LABEL (text), 12);
  gtk_box_append (GTK_BOX (box), text);
  if (self->sort_figure == figure)
    gtk_box_append (GTK_BOX (box),
                    gtk_image_new_from_icon_name (self->sort_descending ? "pan-down-symbolic" : "pan-up-symbolic"));
  gtk_button_set_child (GTK_BUTTON (button), box);
  gtk_widget_add_css_class (button, "flat");
  g_object_set_data (G_OBJECT (button), "figure", GINT_TO_POINTER (figure));
  g_signal_connect (button, "clicked", G_CALLBACK (on_people_header_clicked_cb), self);
  /* Translators: %s is a column of the per-person table */
  description = g_strdup_printf (_("Sort by %s"), label);
  gtk_widget_set_tooltip_text (button, figure >= 0 ? cd_overview_figure_definition (figure) : description);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, description,
                                  -1);
  if (self->sort_figure == figure)
    gtk_accessible_update_state (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_STATE_PRESSED, GTK_ACCESSIBLE_TRISTATE_TRUE, -1);
  return button;
}

static void
show_people (CdOverviewView *self)
{
  g_autoptr(GPtrArray) rows = NULL;
  int column = 1;
  GtkViewport *viewport = GTK_VIEWPORT (gtk_widget_get_parent (GTK_WIDGET (self->people_grid)));

  /* The table is filled while out of the window: a label added to a grid
   * on screen tells the accessibility tree, which looks at every sibling
   * before it, so that a team of 300 (3 600 labels) took seconds. */
  g_object_ref (self->people_grid);
  gtk_viewport_set_child (viewport, NULL);
  clear_container (GTK_WIDGET (self->people_grid));
  if (self->period == NULL)
    {
      gtk_viewport_set_child (viewport, GTK_WIDGET (self->people_grid));
      g_object_unref (self->people_grid);
      return;
    }

  /* Translators: the column of people's names */
  gtk_grid_attach (self->people_grid, make_header (self, -1, _("Person")), 0, 0, 1, 1);
  for (guint f = 0; f < CD_OVERVIEW_N_FIGURES; f++)
    if (cd_overview_figure_is_available (f))
      gtk_grid_attach (self->people_grid, make_header (self, f, cd_overview_figure_label (f)), column++, 0, 1, 1);

  rows = g_ptr_array_copy (self->period->rows, NULL, NULL);
  /* The copy would free the period's rows with it. */
  g_ptr_array_set_free_func (rows, NULL);
  g_ptr_array_sort_with_data (rows, compare_rows, self);
  for (guint r = 0; r < rows->len; r++)
    {
      const CdOverviewFigures *figures = rows->pdata[r];
      GtkWidget *name = make_label (figures->name, 0, NULL);
      g_autoptr(GString) line = g_string_new (figures->name);

      column = 1;
      gtk_widget_set_margin_start (name, 12);
      gtk_grid_attach (self->people_grid, name, 0, r + 1, 1, 1);
      for (guint f = 0; f < CD_OVERVIEW_N_FIGURES; f++)
        {
          g_autofree char *value = NULL;

          if (!cd_overview_figure_is_available (f))
            continue;
          value = cd_overview_figures_format (figures, f);
          gtk_grid_attach (self->people_grid, make_label (value, 1, "numeric"), column++, r + 1, 1, 1);
          g_string_append_printf (line, ", %s %s", cd_overview_figure_label (f), value);
        }
      /* One keyboard stop per person, read as a whole line. */
      gtk_label_set_selectable (GTK_LABEL (name), TRUE);
      gtk_accessible_update_property (GTK_ACCESSIBLE (name), GTK_ACCESSIBLE_PROPERTY_LABEL, line->str, -1);
    }
  gtk_viewport_set_child (viewport, GTK_WIDGET (self->people_grid));
  g_object_unref (self->people_grid);
}

static void
show_period (CdOverviewView *self)
{
  g_autofree char *range = cd_overview_range_format (&self->period->range);
  g_autofree char *before = cd_overview_range_format (&self->period->previous);
  g_autofree char *status = NULL;

  gtk_label_set_label (self->period_title, range);
  if (self->period->team)
    /* Translators: %s is the period the changes are measured against */
    status = g_strdup_printf (_("The team and each person. Changes are against %s."), before);
  else
    /* Translators: %s is the period the changes are measured against */
    status = g_strdup_printf (_("Your own figures. Changes are against %s."), before);
  gtk_label_set_label (self->period_status, status);
  gtk_label_set_label (self->people_title, self->period->team ? _("People") : _("You"));

  show_summary (self);
  show_charts (self);
  show_people (self);
  gtk_widget_set_sensitive (self->export_csv_button, TRUE);
  gtk_widget_set_sensitive (self->print_button, TRUE);
}

static void
period_loaded_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(CdOverviewView) self = user_data;
  g_autoptr(GError) error = NULL;
  CdOverviewPeriod *period = cd_overview_period_load_finish (CD_STORE (source), result, &error);

  /* Closed meanwhile: nothing left to show it in. */
  if (self->store == NULL)
    {
      g_clear_pointer (&period, cd_overview_period_unref);
      return;
    }
  if (period == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      self->loading_period = FALSE;
      gtk_label_set_label (self->period_status, error->message);
      return;
    }
  self->loading_period = FALSE;
  if (same_period (self->period, period))
    {
      /* The charts draw from the new one: the same numbers. */
      cd_overview_period_unref (self->period);
      self->period = period;
      return;
    }
  g_clear_pointer (&self->period, cd_overview_period_unref);
  self->period = period;
  show_period (self);
}

static void
reload_period (CdOverviewView *self)
{
  CdOverviewRange range;
  guint selected = gtk_drop_down_get_selected (self->period_dropdown);

  if (self->store == NULL || cd_store_get_staff_id (self->store) == 0)
    return;
  if (selected == CD_OVERVIEW_CUSTOM && self->has_custom)
    range = self->custom;
  else
    cd_overview_range_for_kind (&range, selected < CD_OVERVIEW_CUSTOM ? (CdOverviewPeriodKind) selected
                                                                       : CD_OVERVIEW_THIS_MONTH,
                                cd_store_now (self->store));
  if (self->period == NULL)
    gtk_label_set_label (self->period_status, _("Counting…"));
  self->loading_period = TRUE;
  cd_overview_period_load_async (self->store, &range, self->cancellable, period_loaded_cb, g_object_ref (self));
}

static void
set_choice (CdOverviewView *self,
            guint           choice)
{
  g_signal_handlers_block_matched (self->period_dropdown, G_SIGNAL_MATCH_DATA, 0, 0, NULL, NULL, self);
  gtk_drop_down_set_selected (self->period_dropdown, choice);
  g_signal_handlers_unblock_matched (self->period_dropdown, G_SIGNAL_MATCH_DATA, 0, 0, NULL, NULL, self);
}

static gboolean
parse_day (const char *text,
           GDate      *date)
{
  int y, m, d;
  char end;

  g_date_clear (date, 1);
  if (text == NULL || sscanf (text, "%d-%d-%d%c", &y, &m, &d, &end) != 3 ||
      !g_date_valid_dmy (d, m, y))
    return FALSE;
  g_date_set_dmy (date, d, m, y);
  return TRUE;
}

static void
on_range_dialog_response_cb (AdwMessageDialog *dialog,
                             const char       *response,
                             gpointer          user_data)
{
  CdOverviewView *self = user_data;
  g_autoptr(GError) error = NULL;
  GtkEditable *from = g_object_get_data (G_OBJECT (dialog), "from");
  GtkEditable *to = g_object_get_data (G_OBJECT (dialog), "to");
  GDate first, last;

  if (g_strcmp0 (response, "show") != 0)
    {
      set_choice (self, self->previous_choice);
      return;
    }
  if (!parse_day (gtk_editable_get_text (from), &first) || !parse_day (gtk_editable_get_text (to), &last))
    g_set_error_literal (&error, CD_STORE_ERROR, CD_STORE_ERROR_INVALID,
                         _("Write both days as YEAR-MONTH-DAY, for example 2026-11-01."));
  if (error != NULL || !cd_overview_view_show_range (self, &first, &last, &error))
    {
      set_choice (self, self->previous_choice);
      show_toast (self, error->message);
    }
}

static GtkWidget *
make_day_entry (const char  *label,
                const GDate *value)
{
  GtkWidget *entry = gtk_entry_new ();
  char text[16] = "";

  if (value != NULL && g_date_valid (value))
    g_date_strftime (text, sizeof text, "%Y-%m-%d", value);
  gtk_editable_set_text (GTK_EDITABLE (entry), text);
  gtk_entry_set_placeholder_text (GTK_ENTRY (entry), "2026-11-01");
  gtk_entry_set_activates_default (GTK_ENTRY (entry), TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
  return entry;
}

static void
ask_for_range (CdOverviewView *self)
{
  GtkWidget *dialog, *grid, *from, *to;
  CdOverviewRange shown;

  if (self->has_custom)
    shown = self->custom;
  else
    cd_overview_range_for_kind (&shown, CD_OVERVIEW_THIS_MONTH, cd_store_now (self->store));

  dialog = adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))),
                                   _("Custom Range"), _("The first and the last day to count, both included."));
  grid = gtk_grid_new ();
  gtk_grid_set_row_spacing (GTK_GRID (grid), 6);
  gtk_grid_set_column_spacing (GTK_GRID (grid), 12);
  /* Translators: the first day of a custom period */
  from = make_day_entry (_("From"), &shown.first);
  /* Translators: the last day of a custom period */
  to = make_day_entry (_("To"), &shown.last);
  gtk_grid_attach (GTK_GRID (grid), make_label (_("From"), 0, NULL), 0, 0, 1, 1);
  gtk_grid_attach (GTK_GRID (grid), from, 1, 0, 1, 1);
  gtk_grid_attach (GTK_GRID (grid), make_label (_("To"), 0, NULL), 0, 1, 1, 1);
  gtk_grid_attach (GTK_GRID (grid), to, 1, 1, 1, 1);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), grid);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "show", _("_Show Range"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "show", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "show");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data (G_OBJECT (dialog), "from", from);
  g_object_set_data (G_OBJECT (dialog), "to", to);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_range_dialog_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
on_period_dropdown_notify_selected_cb (CdOverviewView *self)
{
  if (gtk_drop_down_get_selected (self->period_dropdown) == CD_OVERVIEW_CUSTOM)
    {
      ask_for_range (self);
      return;
    }
  self->previous_choice = gtk_drop_down_get_selected (self->period_dropdown);
  /* The figures shown stay until the new ones are counted. */
  g_clear_pointer (&self->period, cd_overview_period_unref);
  gtk_widget_set_sensitive (self->export_csv_button, FALSE);
  gtk_widget_set_sensitive (self->print_button, FALSE);
  reload_period (self);
}

/* Following the file ---------------------------------------------------------- */

static gboolean
refresh_cb (gpointer user_data)
{
  CdOverviewView *self = user_data;

  self->refresh_id = 0;
  reload_my_day (self);
  reload_period (self);
  return G_SOURCE_REMOVE;
}

static void
on_store_changed_cb (CdOverviewView *self,
                     CdChange       *change)
{
  /* A burst of saves counts once. */
  if (self->refresh_id == 0)
    self->refresh_id = g_timeout_add (300, refresh_cb, self);
}

/* Exports ------------------------------------------------------------------ */

static void
show_toast (CdOverviewView *self,
            const char     *text)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  gtk_label_set_label (self->period_status, text);
  if (CD_IS_WINDOW (root))
    cd_window_add_toast (CD_WINDOW (root), adw_toast_new (text));
}

static void
csv_exported_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(CdOverviewView) self = user_data;
  g_autoptr(GError) error = NULL;

  gtk_widget_set_sensitive (self->export_csv_button, TRUE);
  gtk_button_set_label (GTK_BUTTON (self->export_csv_button), _("Export _CSV…"));
  if (!cd_overview_export_finish (CD_STORE (source), result, &error))
    {
      g_autofree char *text = g_strdup_printf (_("Could not export the figures: %s"), error->message);
      show_toast (self, text);
      return;
    }
  show_toast (self, _("Figures exported as CSV"));
}

static void
csv_file_chosen_cb (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(CdOverviewView) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = cd_file_chooser_choose_finish (result, &error);
  g_autofree char *path = NULL;

  if (file == NULL || self->period == NULL)
    {
      if (error != NULL && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        show_toast (self, error->message);
      return;
    }
  path = g_file_get_path (file);
  gtk_widget_set_sensitive (self->export_csv_button, FALSE);
  gtk_button_set_label (GTK_BUTTON (self->export_csv_button), _("Exporting…"));
  cd_overview_export_async (self->store, self->period, "csv", path, self->cancellable,
                            csv_exported_cb, g_object_ref (self));
}

static void
on_export_csv_button_clicked_cb (CdOverviewView *self)
{
  static const CdFileChooserFilter filters[] = { { N_("CSV files"), "*.csv;*.CSV" } };
  CdFileChooserFilter translated[G_N_ELEMENTS (filters)];
  char month[32];
  g_autofree char *name = NULL;

  if (self->period == NULL)
    return;
  for (guint i = 0; i < G_N_ELEMENTS (filters); i++)
    {
      translated[i].name = _(filters[i].name);
      translated[i].patterns = filters[i].patterns;
    }
  g_date_strftime (month, sizeof month, "%Y-%m-%d", &self->period->range.first);
  name = g_strdup_printf ("review-%s.csv", month);
  cd_file_chooser_choose_async (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))), CD_FILE_CHOOSER_SAVE,
                                _("Export Figures"), _("_Export"), NULL, name,
                                translated, G_N_ELEMENTS (translated), self->cancellable,
                                csv_file_chosen_cb, g_object_ref (self));
}

/* Printing */

static void
on_begin_print_cb (GtkPrintOperation *operation,
                   GtkPrintContext   *context,
                   gpointer           user_data)
{
  CdOverviewReview *review;
  CdOverviewView *self = user_data;

  review = cd_overview_review_new (self->period,
                                   gtk_print_context_get_width (context),
                                   gtk_print_context_get_height (context));
  g_object_set_data_full (G_OBJECT (operation), "review", review, (GDestroyNotify) cd_overview_review_free);
  gtk_print_operation_set_n_pages (operation,
                                   (int) cd_overview_review_paginate (review,
                                                                      gtk_print_context_get_cairo_context (context)));
}

static void
on_draw_page_cb (GtkPrintOperation *operation,
                 GtkPrintContext   *context,
                 int                page,
                 gpointer           user_data)
{
  CdOverviewReview *review = g_object_get_data (G_OBJECT (operation), "review");

  cd_overview_review_draw_page (review, gtk_print_context_get_cairo_context (context), (guint) page);
}

static void
on_print_done_cb (GtkPrintOperation       *operation,
                  GtkPrintOperationResult  result,
                  gpointer                 user_data)
{
  CdOverviewView *self = user_data;
  g_autoptr(GError) error = NULL;

  if (result == GTK_PRINT_OPERATION_RESULT_ERROR)
    {
      g_autofree char *text = NULL;

      gtk_print_operation_get_error (operation, &error);
      text = g_strdup_printf (_("Could not print the review: %s"), error ? error->message : "");
      show_toast (self, text);
      return;
    }
  if (result == GTK_PRINT_OPERATION_RESULT_APPLY && self->period != NULL)
    {
      GtkPrintSettings *settings = gtk_print_operation_get_print_settings (operation);
      const char *printer = settings != NULL ? gtk_print_settings_get_printer (settings) : NULL;
      const char *uri = settings != NULL ? gtk_print_settings_get (settings, GTK_PRINT_SETTINGS_OUTPUT_URI) : NULL;

      /* Recorded like the other exports: "Print to File" names its file. */
      if (!cd_overview_audit_export (self->store, self->period, "print",
                                     uri != NULL ? uri : printer != NULL ? printer : "", &error))
        show_toast (self, error->message);
      else
        show_toast (self, _("Review sent to the printer"));
    }
}

static void
on_print_button_clicked_cb (CdOverviewView *self)
{
  GtkPrintOperation *operation;
  g_autoptr(GtkPageSetup) setup = gtk_page_setup_new ();
  g_autoptr(GtkPaperSize) a4 = gtk_paper_size_new (GTK_PAPER_NAME_A4);

  if (self->period == NULL)
    return;
  gtk_page_setup_set_paper_size_and_default_margins (setup, a4);
  operation = gtk_print_operation_new ();
  gtk_print_operation_set_default_page_setup (operation, setup);
  gtk_print_operation_set_job_name (operation, _("Monthly review"));
  gtk_print_operation_set_unit (operation, GTK_UNIT_POINTS);
  gtk_print_operation_set_embed_page_setup (operation, TRUE);
  g_signal_connect (operation, "begin-print", G_CALLBACK (on_begin_print_cb), self);
  g_signal_connect (operation, "draw-page", G_CALLBACK (on_draw_page_cb), self);
  g_signal_connect_object (operation, "done", G_CALLBACK (on_print_done_cb), self, 0);
  /* "done" comes last, however the run ends: the operation lives until then. */
  g_signal_connect_after (operation, "done", G_CALLBACK (g_object_unref), NULL);
  gtk_print_operation_set_allow_async (operation, TRUE);
  gtk_print_operation_run (operation, GTK_PRINT_OPERATION_ACTION_PRINT_DIALOG,
                           GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))), NULL);
}

static void
cd_overview_view_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  CdOverviewView *self = CD_OVERVIEW_VIEW (object);

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
cd_overview_view_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  CdOverviewView *self = CD_OVERVIEW_VIEW (object);

  switch (prop_id)
    {
    case PROP_STORE:
      self->store = g_value_dup_object (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

/* Coverage warnings ---------------------------------------------------------- */

static void
on_coverage_row_activated_cb (GtkListBox    *list,
                              GtkListBoxRow *row,
                              gpointer       user_data)
{
  gtk_widget_activate_action (GTK_WIDGET (list), "app.open-training", "x", (gint64) 0);
}

static gboolean
run_coverage (CdStore       *store,
              gpointer       data,
              GCancellable  *cancellable,
              GError       **error)
{
  GPtrArray **warnings = data;

  *warnings = cd_coverage_warnings (store, 0, error);
  return *warnings != NULL;
}

static void
coverage_job_free (gpointer data)
{
  GPtrArray **warnings = data;

  g_clear_pointer (warnings, g_ptr_array_unref);
  g_free (warnings);
}

static void
show_coverage (CdOverviewView *self,
               GPtrArray      *warnings)
{
  GtkWidget *child;
  gint64 now;

  while ((child = gtk_widget_get_first_child (self->coverage_list)) != NULL)
    gtk_list_box_remove (GTK_LIST_BOX (self->coverage_list), child);
  gtk_widget_set_visible (self->coverage_list, warnings != NULL && warnings->len > 0);
  if (warnings == NULL)
    return;

  now = cd_store_now (self->store);
  for (guint i = 0; i < warnings->len; i++)
    {
      CdCoverage *c = g_ptr_array_index (warnings, i);
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *icon = gtk_image_new_from_icon_name ("dialog-warning-symbolic");
      g_autofree char *people = cd_coverage_people_text (c, 3);
      g_autofree char *title = NULL;
      g_autofree char *subtitle = NULL;

      if (c->below_now || c->drop_at <= now)
        /* Translators: a ticket category with fewer certified reps than its minimum */
        title = g_strdup_printf (_("Too few certified reps for “%s”"), c->category_name);
      else
        {
          g_autofree char *when = cd_datetime_format_date (c->drop_at);

          /* Translators: "“Billing” drops below its minimum on 3 Jan 2027" */
          title = g_strdup_printf (_("“%s” drops below its minimum on %s"), c->category_name, when);
        }
      if (people != NULL && *people != '\0')
        /* Translators: certified reps now, the minimum, then whose certifications run out */
        subtitle = g_strdup_printf (_("%u certified now, %d needed · Running out: %s"), c->n_now, c->minimum, people);
      else
        subtitle = g_strdup_printf (_("%u certified now, %d needed"), c->n_now, c->minimum);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      gtk_widget_add_css_class (icon, "warning");
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), icon);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("go-next-symbolic"));
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      gtk_widget_set_name (row, "overview-coverage");
      gtk_list_box_append (GTK_LIST_BOX (self->coverage_list), row);
    }
}

static void
coverage_done_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(CdOverviewView) self = user_data;
  GPtrArray **warnings = cd_store_run_get_data (result);
  g_autoptr(GError) error = NULL;

  if (!cd_store_run_finish (CD_STORE (source), result, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) || self->store == NULL)
        return;
      g_debug ("No coverage warnings: %s", error->message);
    }
  if (self->store != NULL)
    show_coverage (self, *warnings);
}

/* The list keeps what it shows until the new answer arrives; an answer
 * overtaken by a newer change is dropped. */
static void
refresh_coverage (CdOverviewView *self)
{
  if (self->coverage_cancellable != NULL)
    g_cancellable_cancel (self->coverage_cancellable);
  g_clear_object (&self->coverage_cancellable);
  if (self->store == NULL || cd_store_get_staff_id (self->store) == 0)
    {
      show_coverage (self, NULL);
      return;
    }
  self->coverage_cancellable = g_cancellable_new ();
  cd_store_run_async (self->store, CD_STORE_LANE_READ, run_coverage, g_new0 (GPtrArray *, 1), coverage_job_free,
                      self->coverage_cancellable, coverage_done_cb, g_object_ref (self));
}

static void
cd_overview_view_dispose (GObject *object)
{
  CdOverviewView *self = CD_OVERVIEW_VIEW (object);

  g_cancellable_cancel (self->cancellable);
  if (self->coverage_cancellable != NULL)
    g_cancellable_cancel (self->coverage_cancellable);
  g_clear_object (&self->coverage_cancellable);
  g_clear_handle_id (&self->refresh_id, g_source_remove);
  stop_waiting_for_paint (self);
  if (self->store_signals != NULL)
    g_signal_group_set_target (self->store_signals, NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), CD_TYPE_OVERVIEW_VIEW);
  g_clear_object (&self->store_signals);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->day, cd_my_day_free);
  g_clear_pointer (&self->period, cd_overview_period_unref);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (cd_overview_view_parent_class)->dispose (object);
}

static void
cd_overview_view_constructed (GObject *object)
{
  CdOverviewView *self = CD_OVERVIEW_VIEW (object);

  G_OBJECT_CLASS (cd_overview_view_parent_class)->constructed (object);

  for (const char * const *kind = cd_overview_get_kinds (); *kind != NULL; kind++)
    {
      g_autofree char *signal = g_strconcat ("changed::", *kind, NULL);
      g_signal_group_connect_swapped (self->store_signals, signal, G_CALLBACK (on_store_changed_cb), self);
    }
  {
    const char *coverage_kinds[] = {
      CD_CHANGE_STAFF_CERTIFICATIONS, CD_CHANGE_CERTIFICATIONS, CD_CHANGE_TICKET_CATEGORIES, CD_CHANGE_STAFF,
    };

    for (guint i = 0; i < G_N_ELEMENTS (coverage_kinds); i++)
      {
        g_autofree char *signal = g_strconcat ("changed::", coverage_kinds[i], NULL);

        g_signal_group_connect_swapped (self->store_signals, signal, G_CALLBACK (refresh_coverage), self);
      }
  }
  g_signal_group_set_target (self->store_signals, self->store);
  /* Read once drawn; meanwhile the period says it is being counted. */
  if (self->store != NULL && cd_store_get_staff_id (self->store) != 0)
    gtk_label_set_label (self->period_status, _("Counting…"));
}

static void
cd_overview_view_class_init (CdOverviewViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = cd_overview_view_get_property;
  object_class->set_property = cd_overview_view_set_property;
  object_class->dispose = cd_overview_view_dispose;
  object_class->constructed = cd_overview_view_constructed;
  widget_class->root = cd_overview_view_root;
  widget_class->unroot = cd_overview_view_unroot;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL,
                         CD_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/overview/cd-overview-view.ui");
  gtk_widget_class_bind_template_child (widget_class, CdOverviewView, scroller);
  gtk_widget_class_bind_template_child (widget_class, CdOverviewView, my_day_list);
  gtk_widget_class_bind_template_child (widget_class, CdOverviewView, period_title);
  gtk_widget_class_bind_template_child (widget_class, CdOverviewView, period_dropdown);
  gtk_widget_class_bind_template_child (widget_class, CdOverviewView, period_status);
  gtk_widget_class_bind_template_child (widget_class, CdOverviewView, export_csv_button);
  gtk_widget_class_bind_template_child (widget_class, CdOverviewView, print_button);
  gtk_widget_class_bind_template_child (widget_class, CdOverviewView, summary_box);
  gtk_widget_class_bind_template_child (widget_class, CdOverviewView, charts_box);
  gtk_widget_class_bind_template_child (widget_class, CdOverviewView, people_title);
  gtk_widget_class_bind_template_child (widget_class, CdOverviewView, people_grid);
  gtk_widget_class_bind_template_callback (widget_class, on_period_dropdown_notify_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_export_csv_button_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_print_button_clicked_cb);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
cd_overview_view_init (CdOverviewView *self)
{
  self->sort_figure = -1;
  self->cancellable = g_cancellable_new ();
  self->store_signals = g_signal_group_new (CD_TYPE_STORE);
  gtk_widget_init_template (GTK_WIDGET (self));
  /* This month, until the person picks another period. */
  g_signal_handlers_block_matched (self->period_dropdown, G_SIGNAL_MATCH_DATA, 0, 0, NULL, NULL, self);
  gtk_drop_down_set_selected (self->period_dropdown, CD_OVERVIEW_THIS_MONTH);
  self->previous_choice = CD_OVERVIEW_THIS_MONTH;
  g_signal_handlers_unblock_matched (self->period_dropdown, G_SIGNAL_MATCH_DATA, 0, 0, NULL, NULL, self);
  gtk_widget_set_sensitive (self->export_csv_button, FALSE);
  gtk_widget_set_sensitive (self->print_button, FALSE);

  /* For leads and trainers, below "My Day": the categories about to run
   * short of certified reps. */
  self->coverage_list = gtk_list_box_new ();
  gtk_widget_add_css_class (self->coverage_list, "boxed-list");
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (self->coverage_list), GTK_SELECTION_NONE);
  gtk_widget_set_visible (self->coverage_list, FALSE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->coverage_list), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Coverage of ticket categories"), -1);
  g_signal_connect (self->coverage_list, "row-activated", G_CALLBACK (on_coverage_row_activated_cb), self);
  gtk_box_insert_child_after (GTK_BOX (gtk_widget_get_parent (GTK_WIDGET (self->my_day_list))),
                              self->coverage_list, GTK_WIDGET (self->my_day_list));
}

GtkWidget *
cd_overview_view_new (CdStore *store)
{
  g_return_val_if_fail (CD_IS_STORE (store), NULL);

  return g_object_new (CD_TYPE_OVERVIEW_VIEW, "store", store, NULL);
}

CdStore *
cd_overview_view_get_store (CdOverviewView *self)
{
  g_return_val_if_fail (CD_IS_OVERVIEW_VIEW (self), NULL);

  return self->store;
}

/* The coverage warnings shown (for tests). */
guint
cd_overview_view_get_n_coverage_warnings (CdOverviewView *self)
{
  guint n = 0;

  g_return_val_if_fail (CD_IS_OVERVIEW_VIEW (self), 0);

  for (GtkWidget *row = gtk_widget_get_first_child (self->coverage_list); row != NULL;
       row = gtk_widget_get_next_sibling (row))
    n++;
  return gtk_widget_get_visible (self->coverage_list) ? n : 0;
}

const CdMyDay *
cd_overview_view_get_my_day (CdOverviewView *self)
{
  g_return_val_if_fail (CD_IS_OVERVIEW_VIEW (self), NULL);

  return self->day;
}

CdOverviewPeriod *
cd_overview_view_get_period (CdOverviewView *self)
{
  g_return_val_if_fail (CD_IS_OVERVIEW_VIEW (self), NULL);

  return self->period;
}

gboolean
cd_overview_view_show_range (CdOverviewView *self,
                             const GDate    *first,
                             const GDate    *last,
                             GError        **error)
{
  CdOverviewRange range;

  g_return_val_if_fail (CD_IS_OVERVIEW_VIEW (self), FALSE);
  g_return_val_if_fail (first != NULL && last != NULL, FALSE);

  if (!cd_overview_range_init (&range, first, last, error))
    return FALSE;
  self->custom = range;
  self->has_custom = TRUE;
  self->previous_choice = CD_OVERVIEW_CUSTOM;
  set_choice (self, CD_OVERVIEW_CUSTOM);
  g_clear_pointer (&self->period, cd_overview_period_unref);
  gtk_widget_set_sensitive (self->export_csv_button, FALSE);
  gtk_widget_set_sensitive (self->print_button, FALSE);
  reload_period (self);
  return TRUE;
}
