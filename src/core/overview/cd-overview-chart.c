/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "caredesk-overview"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <pango/pangocairo.h>

#include "cd-datetime.h"
#include "cd-overview-private.h"

/* The charts are drawn with cairo alone, the same code for the window
 * (a GtkSnapshot's cairo node) and for paper (a PDF or print surface). */

#define PAD          4.0
#define AXIS_GAP     6.0
#define LEGEND_GAP   8.0
#define PERSON_ROW   22.0
#define MIN_BAR_GAP  1.0

const char *
cd_overview_chart_title (CdOverviewChart chart)
{
  switch (chart)
    {
    case CD_OVERVIEW_CHART_TICKETS_PER_DAY:
      return _("Tickets Handled per Day");
    case CD_OVERVIEW_CHART_RESPONSE_TREND:
      return _("First Response Trend");
    case CD_OVERVIEW_CHART_PER_PERSON:
      return _("Tickets Handled per Person");
    case CD_OVERVIEW_N_CHARTS:
    default:
      g_return_val_if_reached ("");
    }
}

static char *
day_label (gint64 start,
           gboolean with_month)
{
  GDate date;
  char buffer[64];

  cd_overview_date_from_utc (&date, start);
  if (g_date_strftime (buffer, sizeof buffer,
                       /* Translators: a day on a chart's axis, strftime formats: "7" and "7 Dec" */
                       with_month ? C_("chart", "%-d %b") : C_("chart", "%-d"), &date) == 0)
    return g_strdup ("");
  return g_strdup (buffer);
}

static char *
day_long_label (gint64 start)
{
  GDate date;
  char buffer[64];

  cd_overview_date_from_utc (&date, start);
  /* Translators: a day in a chart's table, strftime format: "Mon 7 Dec" */
  if (g_date_strftime (buffer, sizeof buffer, C_("chart", "%a %-d %b"), &date) == 0)
    return g_strdup ("");
  return g_strdup (buffer);
}

static gboolean
day_has_average (const CdOverviewDay *day,
                 double              *seconds)
{
  if (day->answered == 0)
    return FALSE;
  *seconds = (double) day->first_response_seconds / day->answered;
  return TRUE;
}

/* Text alternatives -------------------------------------------------------- */

static GStrv
strv_new (const char *first,
          ...)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  va_list args;

  va_start (args, first);
  for (const char *s = first; s != NULL; s = va_arg (args, const char *))
    g_strv_builder_add (builder, s);
  va_end (args);
  return g_strv_builder_end (builder);
}

GPtrArray *
cd_overview_chart_table (const CdOverviewPeriod *period,
                         CdOverviewChart         chart,
                         GStrv                  *headers)
{
  GPtrArray *rows;

  g_return_val_if_fail (period != NULL, NULL);
  g_return_val_if_fail (headers != NULL, NULL);

  rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  switch (chart)
    {
    case CD_OVERVIEW_CHART_TICKETS_PER_DAY:
      *headers = strv_new (C_("column", "Day"), _("Tickets handled"), _("Missed a deadline"), NULL);
      for (guint i = 0; i < period->days->len; i++)
        {
          const CdOverviewDay *day = &g_array_index (period->days, CdOverviewDay, i);
          g_autofree char *label = day_long_label (day->start);
          g_autofree char *handled = cd_overview_format_number (day->handled, 0);
          g_autofree char *breached = cd_overview_format_number (day->breached, 0);

          g_ptr_array_add (rows, strv_new (label, handled, breached, NULL));
        }
      break;

    case CD_OVERVIEW_CHART_RESPONSE_TREND:
      *headers = strv_new (C_("column", "Day"), _("Average first response"), _("Tickets answered"), NULL);
      for (guint i = 0; i < period->days->len; i++)
        {
          const CdOverviewDay *day = &g_array_index (period->days, CdOverviewDay, i);
          g_autofree char *label = day_long_label (day->start);
          g_autofree char *answered = cd_overview_format_number (day->answered, 0);
          g_autofree char *average = NULL;
          double seconds = 0;

          average = cd_overview_figure_format (CD_OVERVIEW_FIGURE_FIRST_RESPONSE,
                                               day_has_average (day, &seconds), seconds);
          g_ptr_array_add (rows, strv_new (label, average, answered, NULL));
        }
      break;

    case CD_OVERVIEW_CHART_PER_PERSON:
      *headers = strv_new (C_("column", "Person"), _("Tickets handled"), _("Missed a deadline"), NULL);
      for (guint i = 0; i < period->rows->len; i++)
        {
          const CdOverviewFigures *f = g_ptr_array_index (period->rows, i);
          g_autofree char *handled = cd_overview_format_number (f->handled, 0);
          g_autofree char *breached = cd_overview_format_number (f->breached, 0);

          g_ptr_array_add (rows, strv_new (f->name, handled, breached, NULL));
        }
      break;

    case CD_OVERVIEW_N_CHARTS:
    default:
      g_return_val_if_reached (rows);
    }
  return rows;
}

char *
cd_overview_chart_describe (const CdOverviewPeriod *period,
                            CdOverviewChart         chart)
{
  g_autofree char *range = NULL;

  g_return_val_if_fail (period != NULL, NULL);

  range = cd_overview_range_format (&period->range);
  switch (chart)
    {
    case CD_OVERVIEW_CHART_TICKETS_PER_DAY:
      {
        const CdOverviewDay *best = NULL;
        guint total = 0, breached = 0;
        g_autofree char *total_text = NULL;
        g_autofree char *breached_text = NULL;

        for (guint i = 0; i < period->days->len; i++)
          {
            const CdOverviewDay *day = &g_array_index (period->days, CdOverviewDay, i);

            total += day->handled;
            breached += day->breached;
            if (best == NULL || day->handled > best->handled)
              best = day;
          }
        total_text = cd_overview_format_number (total, 0);
        breached_text = cd_overview_format_number (breached, 0);
        if (best == NULL || best->handled == 0)
          /* Translators: %s is the period */
          return g_strdup_printf (_("No ticket was handled in %s."), range);
        {
          g_autofree char *best_day = day_long_label (best->start);
          g_autofree char *best_count = cd_overview_format_number (best->handled, 0);

          /* Translators: the tickets-per-day chart in words: the period, the
           * total, the busiest day and its count, the tickets that missed a
           * deadline */
          return g_strdup_printf (_("Tickets handled per day in %s: %s in all, most on %s (%s); %s missed a deadline."),
                                  range, total_text, best_day, best_count, breached_text);
        }
      }

    case CD_OVERVIEW_CHART_RESPONSE_TREND:
      {
        double lo = 0, hi = 0, seconds;
        gboolean any = FALSE;
        g_autofree char *lo_text = NULL;
        g_autofree char *hi_text = NULL;
        g_autofree char *all_text = NULL;

        for (guint i = 0; i < period->days->len; i++)
          if (day_has_average (&g_array_index (period->days, CdOverviewDay, i), &seconds))
            {
              lo = any ? MIN (lo, seconds) : seconds;
              hi = any ? MAX (hi, seconds) : seconds;
              any = TRUE;
            }
        if (!any)
          /* Translators: %s is the period */
          return g_strdup_printf (_("No ticket handled in %s had a reply."), range);
        lo_text = cd_overview_figure_format (CD_OVERVIEW_FIGURE_FIRST_RESPONSE, TRUE, lo);
        hi_text = cd_overview_figure_format (CD_OVERVIEW_FIGURE_FIRST_RESPONSE, TRUE, hi);
        all_text = cd_overview_figures_format (period->total, CD_OVERVIEW_FIGURE_FIRST_RESPONSE);
        /* Translators: the response-time chart in words: the period, the
         * lowest and highest daily average, the average over the period */
        return g_strdup_printf (_("Average first response per day in %s: from %s to %s; %s over the period."),
                                range, lo_text, hi_text, all_text);
      }

    case CD_OVERVIEW_CHART_PER_PERSON:
      {
        const CdOverviewFigures *most = NULL, *fewest = NULL;

        for (guint i = 0; i < period->rows->len; i++)
          {
            const CdOverviewFigures *f = g_ptr_array_index (period->rows, i);

            if (most == NULL || f->handled > most->handled)
              most = f;
            if (fewest == NULL || f->handled < fewest->handled)
              fewest = f;
          }
        if (most == NULL)
          /* Translators: %s is the period */
          return g_strdup_printf (_("Nobody handled tickets in %s."), range);
        {
          g_autofree char *most_count = cd_overview_format_number (most->handled, 0);
          g_autofree char *fewest_count = cd_overview_format_number (fewest->handled, 0);

          /* Translators: the per-person chart in words: the period, who
           * handled most and how many, who handled fewest and how many */
          return g_strdup_printf (_("Tickets handled per person in %s: most by %s (%s), fewest by %s (%s)."),
                                  range, most->name, most_count, fewest->name, fewest_count);
        }
      }

    case CD_OVERVIEW_N_CHARTS:
    default:
      g_return_val_if_reached (NULL);
    }
}

/* Drawing ------------------------------------------------------------------ */

static void
set_color (cairo_t               *cr,
           const CdOverviewColor *color,
           double                 alpha)
{
  cairo_set_source_rgba (cr, color->red, color->green, color->blue, color->alpha * alpha);
}

static PangoLayout *
new_layout (cairo_t                 *cr,
            const CdOverviewPalette *palette,
            const char              *text)
{
  PangoLayout *layout = pango_cairo_create_layout (cr);
  PangoFontDescription *font = pango_font_description_from_string (palette->font != NULL ? palette->font
                                                                                         : "Sans 9");

  pango_layout_set_font_description (layout, font);
  pango_font_description_free (font);
  pango_layout_set_text (layout, text, -1);
  return layout;
}

static void
text_size (cairo_t                 *cr,
           const CdOverviewPalette *palette,
           const char              *text,
           double                  *width,
           double                  *height)
{
  g_autoptr(PangoLayout) layout = new_layout (cr, palette, text);
  int w, h;

  pango_layout_get_pixel_size (layout, &w, &h);
  *width = w;
  *height = h;
}

/* Draws @text with its top left, top right (@xalign 1) or top centre
 * (0.5) at x, y; @max_width > 0 ellipsizes it. */
static void
draw_text (cairo_t                 *cr,
           const CdOverviewPalette *palette,
           const CdOverviewColor   *color,
           const char              *text,
           double                   x,
           double                   y,
           double                   xalign,
           double                   max_width)
{
  g_autoptr(PangoLayout) layout = new_layout (cr, palette, text);
  int w, h;

  if (max_width > 0)
    {
      pango_layout_set_width (layout, (int) (max_width * PANGO_SCALE));
      pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
    }
  pango_layout_get_pixel_size (layout, &w, &h);
  set_color (cr, color, 1);
  cairo_move_to (cr, x - xalign * w, y);
  pango_cairo_show_layout (cr, layout);
}

/* A round step for an axis that reaches @max in about @ticks steps. */
static double
nice_step (double max,
           int    ticks)
{
  double raw = max / MAX (ticks, 1);
  double magnitude, residual;

  if (raw <= 0)
    return 1;
  magnitude = pow (10, floor (log10 (raw)));
  residual = raw / magnitude;
  if (residual > 5)
    return 10 * magnitude;
  if (residual > 2)
    return 5 * magnitude;
  if (residual > 1)
    return 2 * magnitude;
  return magnitude;
}

typedef char *(*AxisFormat) (double value);

static char *
format_count_tick (double value)
{
  return cd_overview_format_number (value, 0);
}

static char *
format_hours_tick (double value)
{
  return cd_datetime_format_duration ((gint64) llround (value));
}

/* Draws the value axis (horizontal grid lines with their labels at the
 * left) for values 0..max in the plot box; returns the top of the scale
 * (a whole number of steps), and *left the plot's left edge after the
 * labels. */
static double
draw_value_axis (cairo_t                 *cr,
                 const CdOverviewPalette *palette,
                 double                   max,
                 double                   step_hint,
                 AxisFormat               format,
                 double                   x,
                 double                   top,
                 double                   width,
                 double                   bottom,
                 double                  *left)
{
  double label_w = 0, label_h = 0, step, scale_top;
  int n;

  step = step_hint > 0 ? step_hint : nice_step (MAX (max, 1), 4);
  /* Counts are whole: no tick at a half ticket. */
  if (format == format_count_tick)
    step = MAX (step, 1);
  n = (int) ceil (MAX (max, 1) / step);
  scale_top = n * step;

  for (int i = 0; i <= n; i++)
    {
      g_autofree char *label = format (i * step);
      double w, h;

      text_size (cr, palette, label, &w, &h);
      label_w = MAX (label_w, w);
      label_h = MAX (label_h, h);
    }
  *left = x + label_w + AXIS_GAP;

  for (int i = 0; i <= n; i++)
    {
      g_autofree char *label = format (i * step);
      double y = bottom - (bottom - top) * i / n;

      set_color (cr, &palette->dim, i == 0 ? 0.8 : 0.25);
      cairo_set_line_width (cr, 1);
      cairo_move_to (cr, *left, round (y) + 0.5);
      cairo_line_to (cr, x + width, round (y) + 0.5);
      cairo_stroke (cr);
      draw_text (cr, palette, &palette->dim, label, *left - AXIS_GAP, y - label_h / 2, 1, 0);
    }
  return scale_top;
}

/* Labels under the days, as many as fit. */
static void
draw_day_axis (cairo_t                 *cr,
               const CdOverviewPeriod  *period,
               const CdOverviewPalette *palette,
               double                   left,
               double                   slot,
               double                   y)
{
  guint n = period->days->len;
  double widest = 0, h;
  guint every;

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *label = day_label (g_array_index (period->days, CdOverviewDay, i).start, TRUE);
      double w;

      text_size (cr, palette, label, &w, &h);
      widest = MAX (widest, w);
    }
  every = (guint) ceil ((widest + 8) / MAX (slot, 1));
  every = MAX (every, 1);
  /* Whole weeks read better than every third day. */
  if (every > 1 && every < 7 && n > 14)
    every = 7;

  for (guint i = 0; i < n; i += every)
    {
      g_autofree char *label = day_label (g_array_index (period->days, CdOverviewDay, i).start, TRUE);

      draw_text (cr, palette, &palette->dim, label, left + slot * (i + 0.5), y, 0.5, 0);
    }
}

static double
legend_height (cairo_t                 *cr,
               const CdOverviewPalette *palette)
{
  double w, h;

  text_size (cr, palette, "Mg", &w, &h);
  return h + LEGEND_GAP;
}

/* A row of coloured keys under the chart: "■ Handled ■ Missed a deadline". */
static void
draw_legend (cairo_t                 *cr,
             const CdOverviewPalette *palette,
             double                   x,
             double                   y,
             const CdOverviewColor  **colors,
             const char             **labels,
             guint                    n)
{
  double w, h;

  for (guint i = 0; i < n; i++)
    {
      text_size (cr, palette, labels[i], &w, &h);
      set_color (cr, colors[i], 1);
      cairo_rectangle (cr, x, y + h / 2 - 5, 10, 10);
      cairo_fill (cr);
      draw_text (cr, palette, &palette->foreground, labels[i], x + 14, y, 0, 0);
      x += 14 + w + 16;
    }
}

static void
draw_tickets_per_day (const CdOverviewPeriod  *period,
                      cairo_t                 *cr,
                      double                   width,
                      double                   height,
                      const CdOverviewPalette *palette)
{
  const CdOverviewColor *colors[] = { &palette->bar, &palette->alert };
  const char *labels[] = { _("Handled"), _("Missed a deadline") };
  guint n = period->days->len;
  double max = 0, left, top = PAD, bottom, slot, scale_top, label_h, w;

  for (guint i = 0; i < n; i++)
    max = MAX (max, g_array_index (period->days, CdOverviewDay, i).handled);

  text_size (cr, palette, "Mg", &w, &label_h);
  bottom = height - legend_height (cr, palette) - label_h - AXIS_GAP;
  scale_top = draw_value_axis (cr, palette, max, 0, format_count_tick, 0, top + label_h / 2, width,
                               bottom, &left);
  slot = (width - left) / MAX (n, 1);

  for (guint i = 0; i < n; i++)
    {
      const CdOverviewDay *day = &g_array_index (period->days, CdOverviewDay, i);
      double gap = slot > 6 ? MAX (slot * 0.2, MIN_BAR_GAP) : 0;
      double x = left + slot * i + gap / 2;
      double bar_w = MAX (slot - gap, 1);
      double h_all = (bottom - top - label_h / 2) * day->handled / scale_top;
      double h_breached = (bottom - top - label_h / 2) * day->breached / scale_top;

      set_color (cr, &palette->bar, 1);
      cairo_rectangle (cr, x, bottom - h_all, bar_w, h_all - h_breached);
      cairo_fill (cr);
      set_color (cr, &palette->alert, 1);
      cairo_rectangle (cr, x, bottom - h_breached, bar_w, h_breached);
      cairo_fill (cr);
    }

  draw_day_axis (cr, period, palette, left, slot, bottom + AXIS_GAP / 2);
  draw_legend (cr, palette, left, height - legend_height (cr, palette) + LEGEND_GAP / 2, colors, labels, 2);
}

static void
draw_response_trend (const CdOverviewPeriod  *period,
                     cairo_t                 *cr,
                     double                   width,
                     double                   height,
                     const CdOverviewPalette *palette)
{
  guint n = period->days->len;
  double max = 0, left, top = PAD, bottom, slot, scale_top, label_h, w, seconds, step;
  gboolean drawing = FALSE;

  for (guint i = 0; i < n; i++)
    if (day_has_average (&g_array_index (period->days, CdOverviewDay, i), &seconds))
      max = MAX (max, seconds);

  text_size (cr, palette, "Mg", &w, &label_h);
  bottom = height - label_h - AXIS_GAP;
  /* Steps of whole quarter hours, hours or days read as durations. */
  step = max <= 3600 ? 900 : (max <= 4 * 3600 ? 3600 : (max <= 24 * 3600 ? 4 * 3600 : 86400));
  step = MAX (step, 3600 * floor (max / 3600 / 4)) ;
  scale_top = draw_value_axis (cr, palette, max, step, format_hours_tick, 0, top + label_h / 2, width,
                               bottom, &left);
  slot = (width - left) / MAX (n, 1);

  set_color (cr, &palette->bar, 1);
  cairo_set_line_width (cr, 2);
  cairo_set_line_join (cr, CAIRO_LINE_JOIN_ROUND);
  for (guint i = 0; i < n; i++)
    {
      double x = left + slot * (i + 0.5);

      if (!day_has_average (&g_array_index (period->days, CdOverviewDay, i), &seconds))
        {
          /* A day without replies breaks the line. */
          if (drawing)
            cairo_stroke (cr);
          drawing = FALSE;
          continue;
        }
      if (drawing)
        cairo_line_to (cr, x, bottom - (bottom - top - label_h / 2) * seconds / scale_top);
      else
        cairo_move_to (cr, x, bottom - (bottom - top - label_h / 2) * seconds / scale_top);
      drawing = TRUE;
    }
  if (drawing)
    cairo_stroke (cr);

  for (guint i = 0; i < n; i++)
    if (day_has_average (&g_array_index (period->days, CdOverviewDay, i), &seconds))
      {
        cairo_arc (cr, left + slot * (i + 0.5), bottom - (bottom - top - label_h / 2) * seconds / scale_top,
                   MIN (3, MAX (slot / 3, 1.5)), 0, 2 * G_PI);
        cairo_fill (cr);
      }

  draw_day_axis (cr, period, palette, left, slot, bottom + AXIS_GAP / 2);
}

static void
draw_per_person (const CdOverviewPeriod  *period,
                 cairo_t                 *cr,
                 double                   width,
                 double                   height,
                 const CdOverviewPalette *palette)
{
  const CdOverviewColor *colors[] = { &palette->bar, &palette->alert };
  const char *labels[] = { _("Handled"), _("Missed a deadline") };
  guint n = period->rows->len;
  double max = 1, name_w = 0, value_w = 0, w, h, row, bar_left, bar_room;

  for (guint i = 0; i < n; i++)
    {
      const CdOverviewFigures *f = g_ptr_array_index (period->rows, i);
      g_autofree char *value = cd_overview_format_number (f->handled, 0);

      max = MAX (max, f->handled);
      text_size (cr, palette, f->name, &w, &h);
      name_w = MAX (name_w, w);
      text_size (cr, palette, value, &w, &h);
      value_w = MAX (value_w, w);
    }
  /* Names take at most a third of a narrow chart. */
  name_w = MIN (name_w, width / 3);
  bar_left = name_w + AXIS_GAP;
  bar_room = MAX (width - bar_left - value_w - AXIS_GAP, 10);
  row = n > 0 ? (height - legend_height (cr, palette) - PAD) / n : PERSON_ROW;

  for (guint i = 0; i < n; i++)
    {
      const CdOverviewFigures *f = g_ptr_array_index (period->rows, i);
      g_autofree char *value = cd_overview_format_number (f->handled, 0);
      double y = PAD + row * i;
      double bar_h = MIN (row * 0.6, 14);
      double all = bar_room * f->handled / max;
      double breached = bar_room * f->breached / max;

      text_size (cr, palette, f->name, &w, &h);
      draw_text (cr, palette, &palette->foreground, f->name, 0, y + (row - h) / 2, 0, name_w);
      set_color (cr, &palette->bar, 1);
      cairo_rectangle (cr, bar_left, y + (row - bar_h) / 2, all - breached, bar_h);
      cairo_fill (cr);
      set_color (cr, &palette->alert, 1);
      cairo_rectangle (cr, bar_left + all - breached, y + (row - bar_h) / 2, breached, bar_h);
      cairo_fill (cr);
      draw_text (cr, palette, &palette->dim, value, bar_left + all + AXIS_GAP, y + (row - h) / 2, 0, 0);
    }

  draw_legend (cr, palette, bar_left, height - legend_height (cr, palette) + LEGEND_GAP / 2, colors, labels, 2);
}

void
cd_overview_chart_draw (const CdOverviewPeriod  *period,
                        CdOverviewChart          chart,
                        cairo_t                 *cr,
                        double                   width,
                        double                   height,
                        const CdOverviewPalette *palette)
{
  g_return_if_fail (period != NULL);
  g_return_if_fail (cr != NULL);
  g_return_if_fail (palette != NULL);

  if (width < 20 || height < 20)
    return;

  cairo_save (cr);
  switch (chart)
    {
    case CD_OVERVIEW_CHART_TICKETS_PER_DAY:
      draw_tickets_per_day (period, cr, width, height, palette);
      break;
    case CD_OVERVIEW_CHART_RESPONSE_TREND:
      draw_response_trend (period, cr, width, height, palette);
      break;
    case CD_OVERVIEW_CHART_PER_PERSON:
      draw_per_person (period, cr, width, height, palette);
      break;
    case CD_OVERVIEW_N_CHARTS:
    default:
      g_return_if_reached ();
    }
  cairo_restore (cr);
}

double
cd_overview_chart_height_for_width (const CdOverviewPeriod *period,
                                    CdOverviewChart         chart,
                                    double                  width)
{
  g_return_val_if_fail (period != NULL, 0);

  if (chart == CD_OVERVIEW_CHART_PER_PERSON)
    return PAD + PERSON_ROW * MAX (period->rows->len, 1) + 30;
  /* Wide charts get flatter, narrow ones keep room for their axis. */
  return CLAMP (width * 0.4, 160, 240);
}
