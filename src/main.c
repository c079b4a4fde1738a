/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "caredesk"

#include "config.h"

#include <locale.h>
#include <glib/gi18n.h>

#include "cd-application.h"
#include "cd-file-chooser.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(CdApplication) app = NULL;
  /* A build tree run uninstalled (meson devenv, tools/demo) names the
   * translations it compiled; an installed Caredesk finds its own. */
  const char *localedir = g_getenv ("CAREDESK_LOCALEDIR");

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, localedir != NULL && localedir[0] != '\0' ? localedir : LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  cd_application_choose_renderer ();
  if (argc > 1 && g_str_equal (argv[1], CD_FILE_CHOOSER_HELPER_ARG))
    return cd_file_chooser_helper_main (argc - 1, argv + 1);

  app = cd_application_new ();

  return g_application_run (G_APPLICATION (app), argc, argv);
}
