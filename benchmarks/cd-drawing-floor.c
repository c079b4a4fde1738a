/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cd-drawing-floor"

#include <stdio.h>
#include <stdlib.h>
#include <gtk/gtk.h>

/* The drawing floor of SPEC.md section 4: the plainest GTK code that
 * draws the change an action of Caredesk draws, timed from the change to
 * the frame that shows it. cd-benchmark runs it with the same window size
 * and renderer as Caredesk's window, one job per argument:
 *
 *   list:COLUMNS:ROWS          a GtkColumnView of COLUMNS label columns over
 *                              a GtkStringList of ROWS strings (the rows on
 *                              screen); every string is replaced
 *   page:LABELS:ROWS           LABELS labels and a GtkListBox of ROWS rows;
 *                              every text is set anew
 *   scroll:COLUMNS:ITEMS:STEPS the same column view over ITEMS strings,
 *                              scrolled from top to bottom in STEPS equal
 *                              jumps and back again
 *
 * and prints one line per job: the job, then the median change in ms, or
 * for scroll the 95th percentile and the longest frame in ms. */

#define CHANGES 11

static GtkWidget *window;
static gint64     last_frame;

static void
on_after_paint_cb (GdkFrameClock *clock)
{
  last_frame = g_get_monotonic_time ();
}

/* Runs the main loop until a frame drawn after @since; returns its time.
 * A change that alters nothing on screen still gets its frame. */
static gint64
wait_for_frame (gint64 since)
{
  gtk_widget_queue_draw (window);
  while (last_frame < since)
    g_main_context_iteration (NULL, TRUE);
  return last_frame;
}

static void
wait_ms (guint ms)
{
  gint64 until = g_get_monotonic_time () + ms * 1000;

  while (g_get_monotonic_time () < until)
    g_main_context_iteration (NULL, FALSE);
}

static void
show (GtkWidget *child)
{
  gtk_window_set_child (GTK_WINDOW (window), child);
  gtk_widget_queue_draw (window);
  wait_for_frame (g_get_monotonic_time ());
  wait_ms (100);
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

static double
percentile (GArray *times,
            double  p)
{
  g_array_sort (times, compare_doubles);
  return g_array_index (times, double, MIN (times->len - 1, (guint) (p * times->len)));
}

/* The column view ---------------------------------------------------------- */

static void
on_setup_cb (GtkSignalListItemFactory *factory,
             GtkListItem              *item)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_list_item_set_child (item, label);
}

static void
on_bind_cb (GtkSignalListItemFactory *factory,
            GtkListItem              *item)
{
  GtkStringObject *string = gtk_list_item_get_item (item);

  gtk_label_set_text (GTK_LABEL (gtk_list_item_get_child (item)), gtk_string_object_get_string (string));
}

/* As long as a name or a date in Caredesk's lists: the columns fit in
 * the window, as Caredesk's do. */
static char **
make_strings (guint n,
              guint generation)
{
  char **strings = g_new0 (char *, n + 1);

  for (guint i = 0; i < n; i++)
    strings[i] = g_strdup_printf ("Row %u, change %u", i + 1, generation);
  return strings;
}

static GtkWidget *
column_view_new (guint          n_columns,
                 GtkStringList *strings)
{
  GtkWidget *view = gtk_column_view_new (GTK_SELECTION_MODEL (gtk_single_selection_new (G_LIST_MODEL (strings))));
  GtkWidget *scrolled = gtk_scrolled_window_new ();

  for (guint c = 0; c < n_columns; c++)
    {
      GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
      g_autofree char *title = g_strdup_printf ("Column %u", c + 1);
      GtkColumnViewColumn *column;

      g_signal_connect (factory, "setup", G_CALLBACK (on_setup_cb), NULL);
      g_signal_connect (factory, "bind", G_CALLBACK (on_bind_cb), NULL);
      column = gtk_column_view_column_new (title, factory);
      gtk_column_view_column_set_expand (column, TRUE);
      gtk_column_view_append_column (GTK_COLUMN_VIEW (view), column);
      g_object_unref (column);
    }
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), view);
  return scrolled;
}

static void
run_list (guint n_columns,
          guint n_rows,
          const char *job)
{
  g_auto(GStrv) first = make_strings (n_rows, 0);
  GtkStringList *strings = gtk_string_list_new ((const char * const *) first);
  g_autoptr(GArray) times = g_array_new (FALSE, FALSE, sizeof (double));

  show (column_view_new (n_columns, strings));
  for (guint i = 1; i <= CHANGES; i++)
    {
      g_auto(GStrv) next = make_strings (n_rows, i);
      gint64 start = g_get_monotonic_time ();
      double ms;

      gtk_string_list_splice (strings, 0, n_rows, (const char * const *) next);
      ms = (wait_for_frame (start) - start) / 1000.0;
      /* The first change is a warm-up. */
      if (i > 1)
        g_array_append_val (times, ms);
      wait_ms (50);
    }
  printf ("%s %.2f\n", job, percentile (times, 0.5));
}

static void
run_scroll (guint       n_columns,
            guint       n_items,
            guint       n_steps,
            const char *job)
{
  g_auto(GStrv) first = make_strings (n_items, 0);
  GtkStringList *strings = gtk_string_list_new ((const char * const *) first);
  g_autoptr(GArray) times = g_array_new (FALSE, FALSE, sizeof (double));
  GtkWidget *scrolled = column_view_new (n_columns, strings);
  GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scrolled));
  double longest;

  show (scrolled);
  for (guint i = 1; i <= 2 * n_steps; i++)
    {
      double range = gtk_adjustment_get_upper (adjustment) - gtk_adjustment_get_page_size (adjustment);
      guint step = i <= n_steps ? i : 2 * n_steps - i;
      gint64 start = g_get_monotonic_time ();
      double ms;

      if (range <= 0)
        break;
      gtk_adjustment_set_value (adjustment, range * step / n_steps);
      ms = (wait_for_frame (start) - start) / 1000.0;
      g_array_append_val (times, ms);
    }
  if (times->len == 0)
    {
      printf ("%s -1 -1\n", job);
      return;
    }
  longest = percentile (times, 1.0);
  printf ("%s %.2f %.2f\n", job, percentile (times, 0.95), longest);
}

/* The page ---------------------------------------------------------------- */

static void
run_page (guint       n_labels,
          guint       n_rows,
          const char *job)
{
  g_autoptr(GPtrArray) labels = g_ptr_array_new ();
  g_autoptr(GArray) times = g_array_new (FALSE, FALSE, sizeof (double));
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *list = gtk_list_box_new ();

  for (guint i = 0; i < n_labels; i++)
    {
      GtkWidget *label = gtk_label_new (NULL);

      gtk_box_append (GTK_BOX (box), label);
      g_ptr_array_add (labels, label);
    }
  for (guint i = 0; i < n_rows; i++)
    {
      GtkWidget *label = gtk_label_new (NULL);

      gtk_list_box_append (GTK_LIST_BOX (list), label);
      g_ptr_array_add (labels, label);
    }
  gtk_box_append (GTK_BOX (box), list);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), box);
  show (scrolled);

  for (guint i = 0; i <= CHANGES; i++)
    {
      gint64 start = g_get_monotonic_time ();
      double ms;

      for (guint l = 0; l < labels->len; l++)
        {
          g_autofree char *text = g_strdup_printf ("Text %u of change %u", l + 1, i);

          gtk_label_set_text (g_ptr_array_index (labels, l), text);
        }
      ms = (wait_for_frame (start) - start) / 1000.0;
      if (i > 1)
        g_array_append_val (times, ms);
      wait_ms (50);
    }
  printf ("%s %.2f\n", job, percentile (times, 0.5));
}

int
main (int   argc,
      char *argv[])
{
  int width = 1100, height = 720;
  GOptionEntry entries[] = {
    { "width", 0, 0, G_OPTION_ARG_INT, &width, "Window width", "PX" },
    { "height", 0, 0, G_OPTION_ARG_INT, &height, "Window height", "PX" },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new ("JOB… — the drawing floor of cd-benchmark");
  g_autoptr(GError) error = NULL;

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      fprintf (stderr, "%s\n", error->message);
      return 2;
    }
  gtk_init ();
  window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (window), width, height);
  gtk_window_present (GTK_WINDOW (window));
  g_signal_connect (gtk_widget_get_frame_clock (window), "after-paint", G_CALLBACK (on_after_paint_cb), NULL);

  for (int i = 1; i < argc; i++)
    {
      g_auto(GStrv) parts = g_strsplit (argv[i], ":", -1);
      guint n = g_strv_length (parts);

      if (n == 3 && g_str_equal (parts[0], "list"))
        run_list (atoi (parts[1]), atoi (parts[2]), argv[i]);
      else if (n == 3 && g_str_equal (parts[0], "page"))
        run_page (atoi (parts[1]), atoi (parts[2]), argv[i]);
      else if (n == 4 && g_str_equal (parts[0], "scroll"))
        run_scroll (atoi (parts[1]), atoi (parts[2]), atoi (parts[3]), argv[i]);
      else
        {
          fprintf (stderr, "Unknown job %s\n", argv[i]);
          return 2;
        }
      fflush (stdout);
    }
  gtk_window_destroy (GTK_WINDOW (window));
  return 0;
}
