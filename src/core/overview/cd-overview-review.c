/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "caredesk-overview"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <pango/pangocairo.h>

#include "cd-datetime.h"
#include "cd-overview-private.h"

/* The printed monthly review: a flow of blocks (headings, lines of text,
 * table rows, charts) laid out top to bottom on pages of any size, in
 * points. The same pages go to a PDF file and to a printer. */

#define MARGIN        42.0
#define FOOTER        18.0
#define CHART_HEIGHT  170.0
#define CELL_PAD      3.0

#define FONT_TITLE    "Sans Bold 17"
#define FONT_HEADING  "Sans Bold 11"
#define FONT_TEXT     "Sans 9"
#define FONT_TABLE    "Sans 7.5"
#define FONT_TABLE_B  "Sans Bold 7.5"
#define FONT_FOOTER   "Sans 7"

typedef enum {
  BLOCK_TITLE,
  BLOCK_HEADING,
  BLOCK_TEXT,
  BLOCK_ROW,
  BLOCK_CHART,
  BLOCK_GAP,
} BlockKind;

typedef struct {
  BlockKind        kind;
  char            *text;
  GStrv            cells;        /* BLOCK_ROW */
  const double    *widths;       /* BLOCK_ROW: column widths, parts of 1 */
  gboolean         header;       /* BLOCK_ROW: a table's header */
  CdOverviewChart  chart;        /* BLOCK_CHART */
  double           height;
  guint            page;
  double           y;
} Block;

struct _CdOverviewReview
{
  CdOverviewPeriod *period;
  double            width;
  double            height;
  GArray           *blocks;      /* Block */
  guint             n_pages;
  GStrv             person_header; /* repeated at the top of a page */
};

static const double summary_widths[] = { 0.40, 0.22, 0.22, 0.16 };

/* The per-person table's columns. */
static const CdOverviewFigure person_figures[] = {
  CD_OVERVIEW_FIGURE_HANDLED,
  CD_OVERVIEW_FIGURE_RECEIVED,
  CD_OVERVIEW_FIGURE_FIRST_RESPONSE,
  CD_OVERVIEW_FIGURE_RESOLUTION_TIME,
  CD_OVERVIEW_FIGURE_RESOLUTION_RATE,
  CD_OVERVIEW_FIGURE_FIRST_CONTACT_RATE,
  CD_OVERVIEW_FIGURE_BREACHES,
  CD_OVERVIEW_FIGURE_SATISFACTION,
  CD_OVERVIEW_FIGURE_FOLLOWUPS_ON_TIME,
  CD_OVERVIEW_FIGURE_COMPLAINTS,
};
static const double person_widths[] = { 0.16, 0.08, 0.08, 0.10, 0.10, 0.08, 0.08, 0.08, 0.09, 0.08, 0.07 };

/* The training table: person, hours now and before, certifications
 * held of those required, compliance. */
static const double training_widths[] = { 0.32, 0.16, 0.16, 0.20, 0.16 };

G_STATIC_ASSERT (G_N_ELEMENTS (person_widths) == G_N_ELEMENTS (person_figures) + 1);

static void
block_clear (gpointer data)
{
  Block *block = data;

  g_free (block->text);
  g_strfreev (block->cells);
}

static void
add_text (CdOverviewReview *review,
          BlockKind         kind,
          char             *text)
{
  Block block = { 0 };

  block.kind = kind;
  block.text = text;
  g_array_append_val (review->blocks, block);
}

static void
add_row (CdOverviewReview *review,
         GStrv             cells,
         const double     *widths,
         gboolean          header)
{
  Block block = { 0 };

  block.kind = BLOCK_ROW;
  block.cells = cells;
  block.widths = widths;
  block.header = header;
  g_array_append_val (review->blocks, block);
}

static void
add_gap (CdOverviewReview *review,
         double            height)
{
  Block block = { 0 };

  block.kind = BLOCK_GAP;
  block.height = height;
  g_array_append_val (review->blocks, block);
}

/* A figure's value with the number of answers for satisfaction and the
 * counts behind a rate, as the table shows it. */
static char *
figure_cell (const CdOverviewFigures *f,
             CdOverviewFigure         figure)
{
  g_autofree char *value = cd_overview_figures_format (f, figure);

  if (figure == CD_OVERVIEW_FIGURE_SATISFACTION && f->satisfaction_answers > 0)
    {
      g_autofree char *answers = cd_overview_format_number (f->satisfaction_answers, 0);

      /* Translators: a satisfaction average and how many answered: "4.3 (120)" */
      return g_strdup_printf (C_("review", "%s (%s)"), value, answers);
    }
  return g_steal_pointer (&value);
}

static GStrv
summary_row (const CdOverviewPeriod *period,
             CdOverviewFigure        figure)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_autofree char *now = NULL;
  g_autofree char *before = NULL;
  g_autofree char *change = NULL;

  if (figure == CD_OVERVIEW_FIGURE_COMPLAINTS)
    {
      g_autofree char *total = cd_overview_figures_format (period->total, figure);
      g_autofree char *tiers = cd_overview_figures_format_complaints (period->total);

      /* Translators: complaints and their tiers: "8 (2 strategic, 6 general)" */
      now = g_strdup_printf (C_("review", "%s (%s)"), total, tiers);
    }
  else
    now = figure_cell (period->total, figure);
  before = figure_cell (period->total_before, figure);
  change = cd_overview_figure_format_change (figure, period->total, period->total_before, NULL);

  g_strv_builder_add (builder, cd_overview_figure_label (figure));
  g_strv_builder_add (builder, now);
  g_strv_builder_add (builder, before);
  g_strv_builder_add (builder, change != NULL ? change : C_("figure", "—"));
  return g_strv_builder_end (builder);
}

static GStrv
person_row (const CdOverviewFigures *f)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  g_strv_builder_add (builder, f->name);
  for (guint i = 0; i < G_N_ELEMENTS (person_figures); i++)
    {
      g_autofree char *cell = figure_cell (f, person_figures[i]);

      g_strv_builder_add (builder, cell);
    }
  return g_strv_builder_end (builder);
}

static GStrv
training_row (const CdOverviewFigures *now,
              const CdOverviewFigures *before)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_autofree char *hours = cd_overview_figures_format (now, CD_OVERVIEW_FIGURE_TRAINING_HOURS);
  g_autofree char *hours_before = cd_overview_figures_format (before, CD_OVERVIEW_FIGURE_TRAINING_HOURS);
  g_autofree char *rate = cd_overview_figures_format (now, CD_OVERVIEW_FIGURE_CERTIFICATION_RATE);
  g_autofree char *held = NULL;

  if (now->training_known && now->certifications_required > 0)
    {
      g_autofree char *current = cd_overview_format_number (now->certifications_current, 0);
      g_autofree char *required = cd_overview_format_number (now->certifications_required, 0);

      /* Translators: certifications held of those required: "5 of 6" */
      held = g_strdup_printf (C_("review", "%s of %s"), current, required);
    }
  else
    held = g_strdup (C_("figure", "—"));

  g_strv_builder_add (builder, now->name);
  g_strv_builder_add (builder, hours);
  g_strv_builder_add (builder, hours_before);
  g_strv_builder_add (builder, held);
  g_strv_builder_add (builder, rate);
  return g_strv_builder_end (builder);
}

/* Training and certification status: hours attended in the period and
 * the one before, and the certifications held of those required at the
 * period's end, for the team and each person. */
static void
add_training (CdOverviewReview *review)
{
  const CdOverviewPeriod *period = review->period;
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_autofree char *range = cd_overview_range_format (&period->range);
  g_autofree char *previous = cd_overview_range_format (&period->previous);
  /* Translators: a column of the printed review: training hours in a period ("Hours, November 2026") */
  g_autofree char *hours = g_strdup_printf (C_("column", "Hours, %s"), range);
  g_autofree char *hours_before = g_strdup_printf (C_("column", "Hours, %s"), previous);

  add_text (review, BLOCK_HEADING, g_strdup (_("Training and Certification")));
  add_text (review, BLOCK_TEXT, g_strdup (cd_overview_figure_definition (CD_OVERVIEW_FIGURE_TRAINING_HOURS)));
  add_text (review, BLOCK_TEXT, g_strdup (cd_overview_figure_definition (CD_OVERVIEW_FIGURE_CERTIFICATION_RATE)));
  g_strv_builder_add (builder, C_("column", "Person"));
  g_strv_builder_add_many (builder, hours, hours_before,
                           /* Translators: a column of the printed review: "5 of 6" certifications */
                           C_("column", "Certifications held"),
                           cd_overview_figure_label (CD_OVERVIEW_FIGURE_CERTIFICATION_RATE), NULL);
  add_row (review, g_strv_builder_end (builder), training_widths, TRUE);
  add_row (review, training_row (period->total, period->total_before), training_widths, FALSE);
  if (period->team)
    for (guint i = 0; i < period->rows->len; i++)
      {
        const CdOverviewFigures *now = g_ptr_array_index (period->rows, i);

        if (now->training_known)
          add_row (review, training_row (now, g_ptr_array_index (period->rows_before, i)),
                   training_widths, FALSE);
      }
  add_gap (review, 12);
}

static void
build_blocks (CdOverviewReview *review)
{
  const CdOverviewPeriod *period = review->period;
  g_autofree char *range = cd_overview_range_format (&period->range);
  g_autofree char *iso = cd_overview_range_format_iso (&period->range);
  g_autofree char *previous = cd_overview_range_format (&period->previous);
  g_autofree char *made = cd_datetime_format_stamp (period->made_at);

  /* Translators: the printed review's title; %s is the period ("November 2026") */
  add_text (review, BLOCK_TITLE, g_strdup_printf (_("Review of %s"), range));
  /* Translators: under the review's title: the period's days, and when it was made */
  add_text (review, BLOCK_TEXT, g_strdup_printf (_("Period %s. Made %s."), iso, made));
  if (period->team)
    /* Translators: %s is the period before, the changes are measured against it */
    add_text (review, BLOCK_TEXT, g_strdup_printf (_("Changes are against %s."), previous));
  else
    /* Translators: a person's own review: their name and the period before */
    add_text (review, BLOCK_TEXT, g_strdup_printf (_("Figures of %s. Changes are against %s."),
                                                    period->total->name, previous));
  add_gap (review, 10);

  add_text (review, BLOCK_HEADING, g_strdup (period->team ? _("Team Summary") : _("Summary")));
  {
    g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

    g_strv_builder_add (builder, C_("column", "Figure"));
    g_strv_builder_add (builder, range);
    g_strv_builder_add (builder, previous);
    g_strv_builder_add (builder, C_("column", "Change"));
    add_row (review, g_strv_builder_end (builder), summary_widths, TRUE);
  }
  for (guint figure = 0; figure < CD_OVERVIEW_N_FIGURES; figure++)
    if (cd_overview_figure_is_available (figure))
      add_row (review, summary_row (period, figure), summary_widths, FALSE);
  add_gap (review, 12);

  if (period->team)
    {
      g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

      add_text (review, BLOCK_HEADING, g_strdup (_("Per Person")));
      g_strv_builder_add (builder, C_("column", "Person"));
      for (guint i = 0; i < G_N_ELEMENTS (person_figures); i++)
        g_strv_builder_add (builder, cd_overview_figure_label (person_figures[i]));
      review->person_header = g_strv_builder_end (builder);
      add_row (review, g_strdupv (review->person_header), person_widths, TRUE);
      for (guint i = 0; i < period->rows->len; i++)
        add_row (review, person_row (g_ptr_array_index (period->rows, i)), person_widths, FALSE);
      add_gap (review, 12);
    }

  for (guint chart = 0; chart < CD_OVERVIEW_N_CHARTS; chart++)
    {
      Block block = { 0 };

      if (chart == CD_OVERVIEW_CHART_PER_PERSON && !period->team)
        continue;
      add_text (review, BLOCK_HEADING, g_strdup (cd_overview_chart_title (chart)));
      block.kind = BLOCK_CHART;
      block.chart = chart;
      g_array_append_val (review->blocks, block);
      add_gap (review, 10);
    }

  add_training (review);
}

CdOverviewReview *
cd_overview_review_new (const CdOverviewPeriod *period,
                        double                  page_width,
                        double                  page_height)
{
  CdOverviewReview *review;

  g_return_val_if_fail (period != NULL, NULL);
  g_return_val_if_fail (page_width > 2 * MARGIN && page_height > 2 * MARGIN + FOOTER, NULL);

  review = g_new0 (CdOverviewReview, 1);
  review->period = cd_overview_period_ref ((CdOverviewPeriod *) period);
  review->width = page_width;
  review->height = page_height;
  review->blocks = g_array_new (FALSE, TRUE, sizeof (Block));
  g_array_set_clear_func (review->blocks, block_clear);
  build_blocks (review);
  return review;
}

void
cd_overview_review_free (CdOverviewReview *review)
{
  if (review == NULL)
    return;
  cd_overview_period_unref (review->period);
  g_array_unref (review->blocks);
  g_strfreev (review->person_header);
  g_free (review);
}

/* Text ---------------------------------------------------------------------- */

static PangoLayout *
layout_new (cairo_t    *cr,
            const char *font,
            const char *text,
            double      width,
            gboolean    wrap)
{
  PangoLayout *layout = pango_cairo_create_layout (cr);
  PangoFontDescription *desc = pango_font_description_from_string (font);

  pango_layout_set_font_description (layout, desc);
  pango_font_description_free (desc);
  pango_layout_set_text (layout, text != NULL ? text : "", -1);
  if (width > 0)
    {
      pango_layout_set_width (layout, (int) (width * PANGO_SCALE));
      if (wrap)
        pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
      else
        pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
    }
  return layout;
}

static double
layout_height (PangoLayout *layout)
{
  int w, h;

  pango_layout_get_size (layout, &w, &h);
  return (double) h / PANGO_SCALE;
}

static double
content_width (const CdOverviewReview *review)
{
  return review->width - 2 * MARGIN;
}

static const char *
block_font (const Block *block)
{
  switch (block->kind)
    {
    case BLOCK_TITLE:
      return FONT_TITLE;
    case BLOCK_HEADING:
      return FONT_HEADING;
    case BLOCK_ROW:
      return block->header ? FONT_TABLE_B : FONT_TABLE;
    case BLOCK_TEXT:
    case BLOCK_CHART:
    case BLOCK_GAP:
    default:
      return FONT_TEXT;
    }
}

/* A row is as tall as its tallest cell; header cells wrap, others are
 * cut short. */
static double
row_height (const CdOverviewReview *review,
            cairo_t                *cr,
            const Block            *block)
{
  double tallest = 0;

  for (guint i = 0; block->cells[i] != NULL; i++)
    {
      g_autoptr(PangoLayout) layout = layout_new (cr, block_font (block), block->cells[i],
                                                  block->widths[i] * content_width (review) - 2 * CELL_PAD,
                                                  block->header);

      tallest = MAX (tallest, layout_height (layout));
    }
  return tallest + 2 * CELL_PAD;
}

static double
measure (const CdOverviewReview *review,
         cairo_t                *cr,
         const Block            *block)
{
  switch (block->kind)
    {
    case BLOCK_TITLE:
    case BLOCK_HEADING:
    case BLOCK_TEXT:
      {
        g_autoptr(PangoLayout) layout = layout_new (cr, block_font (block), block->text,
                                                    content_width (review), TRUE);

        return layout_height (layout) + (block->kind == BLOCK_TEXT ? 2 : 6);
      }
    case BLOCK_ROW:
      return row_height (review, cr, block);
    case BLOCK_CHART:
      if (block->chart == CD_OVERVIEW_CHART_PER_PERSON)
        return MIN (cd_overview_chart_height_for_width (review->period, block->chart, content_width (review)),
                    review->height - 2 * MARGIN - FOOTER - 40);
      return CHART_HEIGHT;
    case BLOCK_GAP:
    default:
      return block->height;
    }
}

guint
cd_overview_review_paginate (CdOverviewReview *review,
                             cairo_t          *cr)
{
  double bottom, y = MARGIN;
  guint page = 0;

  g_return_val_if_fail (review != NULL, 0);
  g_return_val_if_fail (cr != NULL, 0);

  /* Laid out afresh each time: a second pass must not repeat the
   * headers the first one added. */
  g_array_set_size (review->blocks, 0);
  g_clear_pointer (&review->person_header, g_strfreev);
  build_blocks (review);

  bottom = review->height - MARGIN - FOOTER;
  for (guint i = 0; i < review->blocks->len; i++)
    {
      Block *block = &g_array_index (review->blocks, Block, i);
      double needed;

      block->height = measure (review, cr, block);
      needed = block->height;
      /* A heading stays with what follows it; a table's header with its
       * first row. */
      if ((block->kind == BLOCK_HEADING || (block->kind == BLOCK_ROW && block->header)) &&
          i + 1 < review->blocks->len)
        needed += measure (review, cr, &g_array_index (review->blocks, Block, i + 1));

      if (y + needed > bottom && y > MARGIN)
        {
          if (block->kind == BLOCK_GAP)
            continue;
          page++;
          y = MARGIN;
          /* The per-person table goes on under its header again. */
          if (block->kind == BLOCK_ROW && !block->header && block->widths == person_widths &&
              review->person_header != NULL)
            {
              Block header = { 0 };

              header.kind = BLOCK_ROW;
              header.cells = g_strdupv (review->person_header);
              header.widths = person_widths;
              header.header = TRUE;
              header.height = measure (review, cr, &header);
              header.page = page;
              header.y = y;
              y += header.height;
              g_array_insert_val (review->blocks, i, header);
              continue;
            }
        }
      block->page = page;
      block->y = y;
      y += block->height;
    }

  review->n_pages = page + 1;
  return review->n_pages;
}

/* Drawing ------------------------------------------------------------------- */

static void
draw_layout (cairo_t     *cr,
             PangoLayout *layout,
             double       x,
             double       y)
{
  cairo_move_to (cr, x, y);
  pango_cairo_show_layout (cr, layout);
}

static void
draw_row (const CdOverviewReview *review,
          cairo_t                *cr,
          const Block            *block)
{
  double x = MARGIN;

  if (block->header)
    {
      cairo_set_source_rgb (cr, 0.92, 0.92, 0.92);
      cairo_rectangle (cr, MARGIN, block->y, content_width (review), block->height);
      cairo_fill (cr);
    }
  cairo_set_source_rgb (cr, 0.8, 0.8, 0.8);
  cairo_set_line_width (cr, 0.5);
  cairo_move_to (cr, MARGIN, block->y + block->height);
  cairo_line_to (cr, MARGIN + content_width (review), block->y + block->height);
  cairo_stroke (cr);

  cairo_set_source_rgb (cr, 0, 0, 0);
  for (guint i = 0; block->cells[i] != NULL; i++)
    {
      double w = block->widths[i] * content_width (review);
      g_autoptr(PangoLayout) layout = layout_new (cr, block_font (block), block->cells[i],
                                                  w - 2 * CELL_PAD, block->header);

      /* Names and labels start at the left, numbers end at the right. */
      pango_layout_set_alignment (layout, i == 0 ? PANGO_ALIGN_LEFT : PANGO_ALIGN_RIGHT);
      draw_layout (cr, layout, x + CELL_PAD, block->y + CELL_PAD);
      x += w;
    }
}

static void
draw_chart (const CdOverviewReview *review,
            cairo_t                *cr,
            const Block            *block)
{
  const CdOverviewPalette palette = {
    .foreground = { 0, 0, 0, 1 },
    .dim = { 0.35, 0.35, 0.35, 1 },
    .bar = { 0.21, 0.52, 0.89, 1 },     /* GNOME blue 3 */
    .alert = { 0.88, 0.11, 0.14, 1 },   /* GNOME red 3 */
    .font = FONT_TABLE,
  };

  cairo_save (cr);
  cairo_translate (cr, MARGIN, block->y);
  cd_overview_chart_draw (review->period, block->chart, cr, content_width (review), block->height, &palette);
  cairo_restore (cr);
}

static void
draw_footer (const CdOverviewReview *review,
             cairo_t                *cr,
             guint                   page)
{
  g_autofree char *range = cd_overview_range_format (&review->period->range);
  g_autofree char *text = NULL;
  g_autoptr(PangoLayout) layout = NULL;

  /* Translators: the foot of each printed page: the period, the page and
   * the number of pages */
  text = g_strdup_printf (_("Caredesk review of %s · page %u of %u"), range, page + 1, review->n_pages);
  layout = layout_new (cr, FONT_FOOTER, text, content_width (review), FALSE);
  pango_layout_set_alignment (layout, PANGO_ALIGN_CENTER);
  cairo_set_source_rgb (cr, 0.4, 0.4, 0.4);
  draw_layout (cr, layout, MARGIN, review->height - MARGIN);
}

void
cd_overview_review_draw_page (CdOverviewReview *review,
                              cairo_t          *cr,
                              guint             page)
{
  g_return_if_fail (review != NULL);
  g_return_if_fail (cr != NULL);
  g_return_if_fail (page < review->n_pages);

  cairo_save (cr);
  for (guint i = 0; i < review->blocks->len; i++)
    {
      const Block *block = &g_array_index (review->blocks, Block, i);

      if (block->page != page)
        continue;
      switch (block->kind)
        {
        case BLOCK_TITLE:
        case BLOCK_HEADING:
        case BLOCK_TEXT:
          {
            g_autoptr(PangoLayout) layout = layout_new (cr, block_font (block), block->text,
                                                        content_width (review), TRUE);

            if (block->kind == BLOCK_TEXT)
              cairo_set_source_rgb (cr, 0.25, 0.25, 0.25);
            else
              cairo_set_source_rgb (cr, 0, 0, 0);
            draw_layout (cr, layout, MARGIN, block->y);
          }
          break;
        case BLOCK_ROW:
          draw_row (review, cr, block);
          break;
        case BLOCK_CHART:
          draw_chart (review, cr, block);
          break;
        case BLOCK_GAP:
        default:
          break;
        }
    }
  draw_footer (review, cr, page);
  cairo_restore (cr);
}
