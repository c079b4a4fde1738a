/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "cd-minimal-window"

#include "config.h"

#include <adwaita.h>

#include "cd-first-frame.h"

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
    cd_first_frame_report (window, app);

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
