/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* Choosing a file without ever opening the team database in this
 * process.
 *
 * GTK's own file chooser, run in this process, reads the first bytes of
 * every file it lists to tell its type. Closing that descriptor drops all
 * POSIX locks this process holds on the file, the live SQLite
 * connection's too, so listing the database's folder could cost the
 * team its next saves. Outside a sandbox the chooser therefore runs in a
 * process of its own (this program, started with
 * CD_FILE_CHOOSER_HELPER_ARG), transient for the asking window; inside
 * Flatpak, GtkFileChooserNative already runs it out of process (the
 * desktop portal). */

#define CD_FILE_CHOOSER_HELPER_ARG "--file-chooser-helper"

typedef enum {
  CD_FILE_CHOOSER_OPEN,
  CD_FILE_CHOOSER_SAVE,
} CdFileChooserMode;

typedef struct {
  const char *name;       /* shown in the chooser's filter menu */
  const char *patterns;   /* glob patterns separated by ';' ("*.csv;*.CSV") */
} CdFileChooserFilter;

/* Asks for a file. @folder (nullable) is where the chooser starts;
 * @current_name (nullable) the name a SAVE chooser suggests. The window
 * does not take input until the chooser is closed. */
void   cd_file_chooser_choose_async  (GtkWindow                 *parent,
                                      CdFileChooserMode          mode,
                                      const char                *title,
                                      const char                *accept_label,
                                      GFile                     *folder,
                                      const char                *current_name,
                                      const CdFileChooserFilter *filters,
                                      guint                      n_filters,
                                      GCancellable              *cancellable,
                                      GAsyncReadyCallback        callback,
                                      gpointer                   user_data);
/* The chosen file, or NULL: with G_IO_ERROR_CANCELLED when the person
 * cancelled, with another error when no chooser could be shown. */
GFile *cd_file_chooser_choose_finish (GAsyncResult              *result,
                                      GError                   **error);

/* The helper process: main() hands over to this when argv[1] is
 * CD_FILE_CHOOSER_HELPER_ARG. Prints the chosen path and exits 0, or
 * exits 1 when cancelled, 2 on a usage error. */
int    cd_file_chooser_helper_main   (int    argc,
                                      char **argv);

G_END_DECLS
