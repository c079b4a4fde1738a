/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "caredesk-file-chooser"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <stdio.h>
#include <string.h>

#ifdef CD_HAVE_GTK_X11
#include <gdk/x11/gdkx.h>
#endif
#ifdef CD_HAVE_GTK_WAYLAND
#include <gdk/wayland/gdkwayland.h>
#endif

#include "cd-file-chooser.h"

/* Helper exit statuses. */
#define EXIT_CHOSEN    0
#define EXIT_CANCELLED 1
#define EXIT_USAGE     2

/* The asking side ------------------------------------------------------- */

typedef struct {
  GtkWindow            *parent;        /* weak */
  CdFileChooserMode     mode;
  char                 *title;
  char                 *accept_label;
  GFile                *folder;
  char                 *current_name;
  GPtrArray            *filters;       /* "name\tpatterns" */
  char                 *parent_handle; /* "x11:…" or "wayland:…" */
  gboolean              wayland_exported;
  GtkFileChooserNative *native;
  GSubprocess          *helper;
} Request;

static void
request_free (Request *request)
{
  if (request->parent != NULL)
    {
#ifdef CD_HAVE_GTK_WAYLAND
      GdkSurface *surface = gtk_native_get_surface (GTK_NATIVE (request->parent));

      if (request->wayland_exported && surface != NULL && GDK_IS_WAYLAND_TOPLEVEL (surface))
        gdk_wayland_toplevel_unexport_handle (GDK_WAYLAND_TOPLEVEL (surface));
#endif
      gtk_widget_set_sensitive (GTK_WIDGET (request->parent), TRUE);
      g_object_remove_weak_pointer (G_OBJECT (request->parent), (gpointer *) &request->parent);
    }
  /* A cancelled request takes its chooser away. */
  if (request->helper != NULL)
    g_subprocess_force_exit (request->helper);
  g_clear_object (&request->helper);
  if (request->native != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (request->native));
  g_clear_object (&request->native);
  g_free (request->title);
  g_free (request->accept_label);
  g_clear_object (&request->folder);
  g_free (request->current_name);
  g_ptr_array_unref (request->filters);
  g_free (request->parent_handle);
  g_free (request);
}

static gboolean
in_sandbox (void)
{
  return g_file_test ("/.flatpak-info", G_FILE_TEST_EXISTS);
}

static void
helper_done_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GSubprocess *proc = G_SUBPROCESS (source);
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  Request *request = g_task_get_task_data (task);

  if (!g_subprocess_communicate_utf8_finish (proc, result, &out, NULL, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  g_clear_object (&request->helper);
  if (g_subprocess_get_if_exited (proc) && g_subprocess_get_exit_status (proc) == EXIT_CHOSEN &&
      out != NULL && *g_strstrip (out) != '\0')
    {
      g_task_return_pointer (task, g_file_new_for_uri (out), g_object_unref);
      return;
    }

  if (g_subprocess_get_if_exited (proc) && g_subprocess_get_exit_status (proc) == EXIT_CANCELLED)
    g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_CANCELLED, "%s", _("No file was chosen."));
  else
    g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_FAILED, "%s",
                             _("The file chooser could not be shown."));
}

static void
spawn_helper (GTask *task)
{
  Request *request = g_task_get_task_data (task);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GSubprocess) proc = NULL;
  g_auto(GStrv) argv = NULL;

  /* This very program: /proc/self/exe names it even when it was started
   * through a relative path or a symbolic link. */
  g_strv_builder_add (builder, "/proc/self/exe");
  g_strv_builder_add (builder, CD_FILE_CHOOSER_HELPER_ARG);
  g_strv_builder_add (builder, request->mode == CD_FILE_CHOOSER_SAVE ? "--save" : "--open");
  g_strv_builder_add_many (builder, "--title", request->title, NULL);
  if (request->accept_label != NULL)
    g_strv_builder_add_many (builder, "--accept", request->accept_label, NULL);
  if (request->folder != NULL)
    {
      g_autofree char *uri = g_file_get_uri (request->folder);
      g_strv_builder_add_many (builder, "--folder", uri, NULL);
    }
  if (request->current_name != NULL)
    g_strv_builder_add_many (builder, "--name", request->current_name, NULL);
  for (guint i = 0; i < request->filters->len; i++)
    g_strv_builder_add_many (builder, "--filter", g_ptr_array_index (request->filters, i), NULL);
  if (request->parent_handle != NULL)
    g_strv_builder_add_many (builder, "--parent", request->parent_handle, NULL);
  argv = g_strv_builder_end (builder);

  proc = g_subprocess_newv ((const char * const *) argv, G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error);
  if (proc == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      g_object_unref (task);
      return;
    }
  request->helper = g_object_ref (proc);
  g_subprocess_communicate_utf8_async (proc, NULL, g_task_get_cancellable (task), helper_done_cb, task);
}

#ifdef CD_HAVE_GTK_WAYLAND
static void
wayland_exported_cb (GdkToplevel *toplevel,
                     const char  *handle,
                     gpointer     user_data)
{
  GTask *task = user_data;
  Request *request = g_task_get_task_data (task);

  request->wayland_exported = TRUE;
  request->parent_handle = g_strdup_printf ("wayland:%s", handle);
  spawn_helper (task);
}
#endif

/* Finds a handle of @parent the helper can be made transient for, then
 * starts it. */
static void
start_helper (GTask *task)
{
  Request *request = g_task_get_task_data (task);
  GdkSurface *surface = request->parent != NULL ? gtk_native_get_surface (GTK_NATIVE (request->parent)) : NULL;

#ifdef CD_HAVE_GTK_X11
  if (surface != NULL && GDK_IS_X11_SURFACE (surface))
    request->parent_handle = g_strdup_printf ("x11:%lx", (unsigned long) gdk_x11_surface_get_xid (surface));
#endif
#ifdef CD_HAVE_GTK_WAYLAND
  if (surface != NULL && GDK_IS_WAYLAND_TOPLEVEL (surface) &&
      gdk_wayland_toplevel_export_handle (GDK_TOPLEVEL (surface), wayland_exported_cb, task, NULL))
    return;
#endif
  spawn_helper (task);
}

static void
native_response_cb (GtkNativeDialog *native,
                    int              response,
                    gpointer         user_data)
{
  g_autoptr(GTask) task = user_data;
  GFile *file = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (native));
  if (file != NULL)
    g_task_return_pointer (task, file, g_object_unref);
  else
    g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_CANCELLED, "%s", _("No file was chosen."));
}

static void
add_filters (GtkFileChooser  *chooser,
             GPtrArray       *filters)
{
  for (guint i = 0; i < filters->len; i++)
    {
      g_auto(GStrv) parts = g_strsplit (g_ptr_array_index (filters, i), "\t", 2);
      g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
      g_auto(GStrv) patterns = NULL;

      if (parts[0] == NULL || parts[1] == NULL)
        continue;
      gtk_file_filter_set_name (filter, parts[0]);
      patterns = g_strsplit (parts[1], ";", -1);
      for (guint j = 0; patterns[j] != NULL; j++)
        if (*patterns[j] != '\0')
          gtk_file_filter_add_pattern (filter, patterns[j]);
      gtk_file_chooser_add_filter (chooser, filter);
    }
}

/* In a sandbox the desktop portal shows the chooser, out of process. */
static void
start_native (GTask *task)
{
  Request *request = g_task_get_task_data (task);
  GtkFileChooser *chooser;

  request->native = gtk_file_chooser_native_new (request->title, request->parent,
                                                 request->mode == CD_FILE_CHOOSER_SAVE
                                                 ? GTK_FILE_CHOOSER_ACTION_SAVE : GTK_FILE_CHOOSER_ACTION_OPEN,
                                                 request->accept_label, _("_Cancel"));
  chooser = GTK_FILE_CHOOSER (request->native);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (request->native), TRUE);
  add_filters (chooser, request->filters);
  if (request->folder != NULL)
    gtk_file_chooser_set_current_folder (chooser, request->folder, NULL);
  if (request->current_name != NULL)
    gtk_file_chooser_set_current_name (chooser, request->current_name);
  g_signal_connect (request->native, "response", G_CALLBACK (native_response_cb), task);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (request->native));
}

void
cd_file_chooser_choose_async (GtkWindow                 *parent,
                              CdFileChooserMode          mode,
                              const char                *title,
                              const char                *accept_label,
                              GFile                     *folder,
                              const char                *current_name,
                              const CdFileChooserFilter *filters,
                              guint                      n_filters,
                              GCancellable              *cancellable,
                              GAsyncReadyCallback        callback,
                              gpointer                   user_data)
{
  GTask *task;
  Request *request;

  g_return_if_fail (parent == NULL || GTK_IS_WINDOW (parent));
  g_return_if_fail (title != NULL);

  request = g_new0 (Request, 1);
  request->mode = mode;
  request->title = g_strdup (title);
  request->accept_label = g_strdup (accept_label);
  request->folder = folder != NULL ? g_object_ref (folder) : NULL;
  request->current_name = g_strdup (current_name);
  request->filters = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < n_filters; i++)
    g_ptr_array_add (request->filters, g_strdup_printf ("%s\t%s", filters[i].name, filters[i].patterns));
  if (parent != NULL)
    {
      request->parent = parent;
      g_object_add_weak_pointer (G_OBJECT (parent), (gpointer *) &request->parent);
      /* As with a modal dialog, the window waits for the answer. */
      gtk_widget_set_sensitive (GTK_WIDGET (parent), FALSE);
    }

  task = g_task_new (parent, cancellable, callback, user_data);
  g_task_set_source_tag (task, cd_file_chooser_choose_async);
  g_task_set_task_data (task, request, (GDestroyNotify) request_free);

  if (in_sandbox ())
    start_native (task);
  else
    start_helper (task);
}

GFile *
cd_file_chooser_choose_finish (GAsyncResult  *result,
                               GError       **error)
{
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == cd_file_chooser_choose_async, NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

/* The helper process ---------------------------------------------------- */

typedef struct {
  gboolean  done;
  char     *uri;
  char     *parent_handle;
} HelperState;

static void
on_helper_response_cb (GtkDialog   *dialog,
                       int          response,
                       HelperState *state)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (dialog));

      if (file != NULL)
        state->uri = g_file_get_uri (file);
    }
  state->done = TRUE;
  gtk_window_destroy (GTK_WINDOW (dialog));
}

static void
on_helper_realize_cb (GtkWidget   *dialog,
                      HelperState *state)
{
  GdkSurface *surface = gtk_native_get_surface (GTK_NATIVE (dialog));

  if (state->parent_handle == NULL || surface == NULL)
    return;
#ifdef CD_HAVE_GTK_X11
  if (GDK_IS_X11_SURFACE (surface) && g_str_has_prefix (state->parent_handle, "x11:"))
    {
      guint64 xid = g_ascii_strtoull (state->parent_handle + strlen ("x11:"), NULL, 16);
      Display *xdisplay = gdk_x11_display_get_xdisplay (gdk_surface_get_display (surface));

      if (xid != 0)
        XSetTransientForHint (xdisplay, gdk_x11_surface_get_xid (surface), (Window) xid);
    }
#endif
#ifdef CD_HAVE_GTK_WAYLAND
  if (GDK_IS_WAYLAND_TOPLEVEL (surface) && g_str_has_prefix (state->parent_handle, "wayland:"))
    gdk_wayland_toplevel_set_transient_for_exported (GDK_WAYLAND_TOPLEVEL (surface),
                                                     state->parent_handle + strlen ("wayland:"));
#endif
}

int
cd_file_chooser_helper_main (int    argc,
                             char **argv)
{
  gboolean save = FALSE, open = FALSE;
  g_autofree char *title = NULL, *accept = NULL, *folder = NULL, *name = NULL;
  g_auto(GStrv) filters = NULL;
  HelperState state = { FALSE, NULL, NULL };
  const GOptionEntry entries[] = {
    { "open", 0, 0, G_OPTION_ARG_NONE, &open, NULL, NULL },
    { "save", 0, 0, G_OPTION_ARG_NONE, &save, NULL, NULL },
    { "title", 0, 0, G_OPTION_ARG_STRING, &title, NULL, NULL },
    { "accept", 0, 0, G_OPTION_ARG_STRING, &accept, NULL, NULL },
    { "folder", 0, 0, G_OPTION_ARG_STRING, &folder, NULL, NULL },
    { "name", 0, 0, G_OPTION_ARG_STRING, &name, NULL, NULL },
    { "filter", 0, 0, G_OPTION_ARG_STRING_ARRAY, &filters, NULL, NULL },
    { "parent", 0, 0, G_OPTION_ARG_STRING, &state.parent_handle, NULL, NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) filter_list = g_ptr_array_new ();
  GtkWidget *dialog;

  g_option_context_add_main_entries (context, entries, NULL);
  g_option_context_set_help_enabled (context, FALSE);
  if (!g_option_context_parse (context, &argc, &argv, &error) || open == save || title == NULL)
    {
      g_printerr ("%s: %s\n", CD_FILE_CHOOSER_HELPER_ARG, error != NULL ? error->message : "say --open or --save, and --title");
      return EXIT_USAGE;
    }

  /* Started as /proc/self/exe: name it as the program it is. */
  g_set_prgname ("caredesk");
  gtk_init ();
  adw_init ();
  gtk_window_set_default_icon_name (APP_ID);

  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  dialog = gtk_file_chooser_dialog_new (title, NULL,
                                        save ? GTK_FILE_CHOOSER_ACTION_SAVE : GTK_FILE_CHOOSER_ACTION_OPEN,
                                        _("_Cancel"), GTK_RESPONSE_CANCEL,
                                        accept != NULL ? accept : (save ? _("_Save") : _("_Open")),
                                        GTK_RESPONSE_ACCEPT,
                                        NULL);
  gtk_dialog_set_default_response (GTK_DIALOG (dialog), GTK_RESPONSE_ACCEPT);
  for (guint i = 0; filters != NULL && filters[i] != NULL; i++)
    g_ptr_array_add (filter_list, filters[i]);
  add_filters (GTK_FILE_CHOOSER (dialog), filter_list);
  if (folder != NULL)
    {
      g_autoptr(GFile) file = g_file_new_for_uri (folder);
      gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (dialog), file, NULL);
    }
  if (name != NULL)
    gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (dialog), name);
  G_GNUC_END_IGNORE_DEPRECATIONS

  g_signal_connect_after (dialog, "realize", G_CALLBACK (on_helper_realize_cb), &state);
  g_signal_connect (dialog, "response", G_CALLBACK (on_helper_response_cb), &state);
  gtk_window_present (GTK_WINDOW (dialog));

  while (!state.done)
    g_main_context_iteration (NULL, TRUE);

  g_free (state.parent_handle);
  if (state.uri == NULL)
    return EXIT_CANCELLED;
  g_print ("%s\n", state.uri);
  g_free (state.uri);
  return EXIT_CHOSEN;
}
