/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cd-minimal-window"

#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <adwaita.h>

/* The floor that Caredesk's start-up is measured against: the least a
 * libadwaita application shows (a header bar and a label), built with the
 * same flags and started the same way. It speaks the same protocol as
 * Caredesk: with CAREDESK_BENCHMARK_FIRST_FRAME set it prints
 * "first-frame <monotonic µs> rss-kb <VmRSS>" once its window has drawn
 * its first frame, then quits. */

#define MINIMAL_APP_ID "io.github.caredesk.Caredesk.MinimalWindow"

/* Caredesk's default window size (its GSettings defaults), so that both
 * draw the same number of pixels. */
#define WINDOW_WIDTH  1100
#define WINDOW_HEIGHT 720

static long
read_rss_kb (void)
{
  g_autofree char *status = NULL;
  const char *line;

  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL))
    return -1;
  line = strstr (status, "VmRSS:");
  return line != NULL ? strtol (line + strlen ("VmRSS:"), NULL, 10) : -1;
}

static gboolean
quit_cb (gpointer user_data)
{
  g_application_quit (G_APPLICATION (user_data));
  return G_SOURCE_REMOVE;
}

static void
on_after_paint_cb (GdkFrameClock *clock,
                   GApplication  *app)
{
  gint64 now = g_get_monotonic_time ();

  g_signal_handlers_disconnect_by_func (clock, on_after_paint_cb, app);
  g_print ("first-frame %" G_GINT64_FORMAT " rss-kb %ld\n", now, read_rss_kb ());
  fflush (stdout);
  g_idle_add_full (G_PRIORITY_DEFAULT, quit_cb, g_object_ref (app), g_object_unref);
}

static void
on_window_realize_cb (GtkWidget    *window,
                      GApplication *app)
{
  GdkSurface *surface = gtk_native_get_surface (GTK_NATIVE (window));

  g_signal_connect_object (gdk_surface_get_frame_clock (surface), "after-paint",
                           G_CALLBACK (on_after_paint_cb), app, 0);
}

static void
on_activate_cb (GApplication *app)
{
  GtkWidget *window = adw_application_window_new (GTK_APPLICATION (app));
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *label = gtk_label_new ("Caredesk");

  gtk_window_set_title (GTK_WINDOW (window), "Caredesk");
  gtk_window_set_default_size (GTK_WINDOW (window), WINDOW_WIDTH, WINDOW_HEIGHT);
  gtk_box_append (GTK_BOX (box), adw_header_bar_new ());
  gtk_widget_set_vexpand (label, TRUE);
  gtk_box_append (GTK_BOX (box), label);
  adw_application_window_set_content (ADW_APPLICATION_WINDOW (window), box);

  if (g_getenv ("CAREDESK_BENCHMARK_FIRST_FRAME") != NULL)
    g_signal_connect_object (window, "realize", G_CALLBACK (on_window_realize_cb), app, G_CONNECT_AFTER);

  gtk_window_present (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(AdwApplication) app = adw_application_new (MINIMAL_APP_ID, G_APPLICATION_DEFAULT_FLAGS);

  g_signal_connect (app, "activate", G_CALLBACK (on_activate_cb), NULL);

  return g_application_run (G_APPLICATION (app), argc, argv);
}
