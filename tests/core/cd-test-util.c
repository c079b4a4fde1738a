/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "caredesk-test"

#include "config.h"

#include <errno.h>
#include <glib/gstdio.h>
#include <string.h>
#include <sys/stat.h>

#include "cd-test-util.h"

static char *writer_path;

char *
cd_test_make_tmp_dir (void)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp ("caredesk-store-test-XXXXXX", &error);

  g_assert_no_error (error);
  g_assert_nonnull (dir);
  return dir;
}

void
cd_test_remove_tree (const char *path)
{
  GStatBuf st;

  if (g_lstat (path, &st) != 0)
    return;

  if (S_ISDIR (st.st_mode))
    {
      g_autoptr(GDir) dir = NULL;
      const char *name;

      /* A test may have left the folder 0555 on purpose. */
      g_chmod (path, 0700);
      dir = g_dir_open (path, 0, NULL);
      if (dir != NULL)
        while ((name = g_dir_read_name (dir)) != NULL)
          {
            g_autofree char *child = g_build_filename (path, name, NULL);
            cd_test_remove_tree (child);
          }
      if (g_rmdir (path) != 0)
        g_warning ("Could not remove %s: %s", path, g_strerror (errno));
    }
  else if (g_unlink (path) != 0)
    {
      g_warning ("Could not remove %s: %s", path, g_strerror (errno));
    }
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

char **
cd_test_list_dir (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDir) dir = g_dir_open (path, 0, &error);
  g_autoptr(GPtrArray) names = g_ptr_array_new ();
  const char *name;

  g_assert_no_error (error);
  while ((name = g_dir_read_name (dir)) != NULL)
    g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, compare_names);
  g_ptr_array_add (names, NULL);
  return (char **) g_ptr_array_free (g_steal_pointer (&names), FALSE);
}

void
cd_test_init_writer (int    *argc,
                     char ***argv)
{
  int out = 1;

  for (int i = 1; i < *argc; i++)
    {
      const char *arg = (*argv)[i];

      if (g_str_equal (arg, "--writer") && i + 1 < *argc)
        {
          g_free (writer_path);
          writer_path = g_strdup ((*argv)[++i]);
        }
      else if (g_str_has_prefix (arg, "--writer="))
        {
          g_free (writer_path);
          writer_path = g_strdup (arg + strlen ("--writer="));
        }
      else
        {
          (*argv)[out++] = (*argv)[i];
        }
    }
  (*argv)[out] = NULL;
  *argc = out;

  if (writer_path == NULL && g_getenv ("CD_TEST_WRITER") != NULL)
    writer_path = g_strdup (g_getenv ("CD_TEST_WRITER"));

  /* meson passes a path relative to the build folder; pin it down now. */
  if (writer_path != NULL && !g_path_is_absolute (writer_path))
    {
      char *absolute = g_canonicalize_filename (writer_path, NULL);
      g_free (writer_path);
      writer_path = absolute;
    }

  if (writer_path == NULL)
    {
      g_autofree char *self = g_file_read_link ("/proc/self/exe", NULL);

      if (self != NULL)
        {
          g_autofree char *dir = g_path_get_dirname (self);
          writer_path = g_build_filename (dir, "cd-test-writer", NULL);
        }
    }
}

const char *
cd_test_get_writer (void)
{
  g_assert_nonnull (writer_path);
  if (!g_file_test (writer_path, G_FILE_TEST_IS_EXECUTABLE))
    g_error ("The writer program %s is missing; pass --writer PATH", writer_path);
  return writer_path;
}

sqlite3 *
cd_test_db_open (const char *path,
                 gboolean    read_only)
{
  sqlite3 *db = NULL;
  int flags = read_only ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE;
  int rc = sqlite3_open_v2 (path, &db, flags, NULL);

  if (rc != SQLITE_OK)
    g_error ("sqlite3_open_v2 (%s): %s", path, db ? sqlite3_errmsg (db) : sqlite3_errstr (rc));
  sqlite3_busy_timeout (db, 30000);
  return db;
}

gint64
cd_test_db_int (sqlite3    *db,
                const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  gint64 value = G_MININT64;
  int rc;

  rc = sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL);
  if (rc != SQLITE_OK)
    g_error ("%s: %s", sql, sqlite3_errmsg (db));
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    value = sqlite3_column_int64 (stmt, 0);
  else if (rc != SQLITE_DONE)
    g_error ("%s: %s", sql, sqlite3_errmsg (db));
  sqlite3_finalize (stmt);
  return value;
}

char *
cd_test_db_text (sqlite3    *db,
                 const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  char *value = NULL;
  int rc;

  rc = sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL);
  if (rc != SQLITE_OK)
    g_error ("%s: %s", sql, sqlite3_errmsg (db));
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW && sqlite3_column_type (stmt, 0) != SQLITE_NULL)
    value = g_strndup ((const char *) sqlite3_column_text (stmt, 0),
                       (gsize) sqlite3_column_bytes (stmt, 0));
  else if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    g_error ("%s: %s", sql, sqlite3_errmsg (db));
  sqlite3_finalize (stmt);
  return value;
}

void
cd_test_db_exec (sqlite3    *db,
                 const char *sql)
{
  char *message = NULL;

  if (sqlite3_exec (db, sql, NULL, NULL, &message) != SQLITE_OK)
    {
      g_autofree char *copy = g_strdup (message);
      sqlite3_free (message);
      g_error ("%s: %s", sql, copy);
    }
}
