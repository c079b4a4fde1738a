/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cd-first-frame.h"

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

void
cd_first_frame_report (GtkWidget    *window,
                       GApplication *app)
{
  g_return_if_fail (GTK_IS_WINDOW (window));
  g_return_if_fail (G_IS_APPLICATION (app));

  g_signal_connect_object (window, "realize", G_CALLBACK (on_window_realize_cb), app, G_CONNECT_AFTER);
}
