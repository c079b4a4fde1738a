/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>
#include <sqlite3.h>

G_BEGIN_DECLS

/* A fresh private folder under the temporary directory. */
char      *cd_test_make_tmp_dir      (void);
/* Removes @path and everything below it, restoring write permission on
 * folders a test made read-only. */
void       cd_test_remove_tree       (const char *path);
/* The names in @dir, sorted, as a NULL-terminated array. */
char     **cd_test_list_dir          (const char *dir);

/* Takes "--writer PATH" out of argv (meson passes the built helper that
 * way), falling back to $CD_TEST_WRITER and then to a cd-test-writer
 * next to the running test program. */
void        cd_test_init_writer      (int    *argc,
                                      char ***argv);
const char *cd_test_get_writer       (void);

/* Direct SQLite access that does not go through the store, so checks do
 * not depend on the code under test. */
sqlite3   *cd_test_db_open           (const char *path,
                                      gboolean    read_only);
gint64     cd_test_db_int            (sqlite3    *db,
                                      const char *sql);
/* NULL when there is no row or the value is SQL NULL. */
char      *cd_test_db_text           (sqlite3    *db,
                                      const char *sql);
void       cd_test_db_exec           (sqlite3    *db,
                                      const char *sql);

G_END_DECLS
