/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "caredesk-demo"
#include "config.h"
#include "cd-demo.h"
#include "cd-error.h"

gboolean
cd_demo_parse_size (const char *text, CdDemoSize *size, GError **error)
{
  g_set_error_literal (error, CD_STORE_ERROR, CD_STORE_ERROR_FAILED, "not implemented yet");
  return FALSE;
}

gboolean
cd_demo_generate (const char *path, const CdDemoSize *size, guint32 seed, gint64 now,
                  const char *login, const char *display_name,
                  CdDemoProgressFunc progress, gpointer user_data, GError **error)
{
  g_set_error_literal (error, CD_STORE_ERROR, CD_STORE_ERROR_FAILED, "not implemented yet");
  return FALSE;
}
