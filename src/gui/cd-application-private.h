/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* What the parts of CdApplication share: cd-application.c (actions,
 * windows, the GApplication side), cd-application-open.c (opening a
 * database), cd-application-backup.c (backups on demand) and
 * cd-application-cli.c (the command-line modes). */

#include "cd-application.h"
#include "cd-notifier.h"
#include "cd-search-provider.h"
#include "cd-window.h"

G_BEGIN_DECLS

struct _CdApplication
{
  AdwApplication        parent_instance;

  GSettings            *settings;
  CdStore              *store;
  CdNotifier           *notifier;
  /* Indexes an upgraded file's older records for search. */
  CdSearchIndexer      *indexer;
  /* Customers and tickets in GNOME Shell's search. */
  CdSearchProvider     *search_provider;
  GCancellable         *choosing;

  /* The database being opened in a worker (cd-application-open.c). */
  struct _CdOpenJob    *job;
  guint                 opening_page_id;

  guint                 held : 1;
  guint                 opened : 1;
  guint                 backup_running : 1;
  guint                 reverting_autostart : 1;
};

/* cd-application.c */
GSettings *cd_application_ensure_settings            (CdApplication    *self);
char      *cd_application_dup_default_database_path  (void);
gboolean   cd_application_is_signed_in               (CdApplication    *self);
CdWindow  *cd_application_get_window                 (CdApplication    *self);
void       cd_application_show_store_in_window       (CdApplication    *self,
                                                      CdWindow         *window);
CdWindow  *cd_application_ensure_window              (CdApplication    *self);
CdWindow  *cd_application_present_window             (CdApplication    *self);
GtkWindow *cd_application_get_dialog_parent          (CdApplication    *self);
void       cd_application_show_toast                 (CdApplication    *self,
                                                      const char       *title);
void       cd_application_update_actions             (CdApplication    *self);

/* cd-application-open.c */
void       cd_application_open_path                  (CdApplication    *self,
                                                      const char       *path,
                                                      CdStoreOpenFlags  flags);
/* The file to open when none is named, and how. */
char      *cd_application_dup_default_path           (CdApplication    *self,
                                                      CdStoreOpenFlags *flags);
void       cd_application_open_default               (CdApplication    *self);
void       cd_application_choose_database            (CdApplication    *self,
                                                      gboolean          create);
/* At start, shows the file opened while GTK started up (@path, or the
 * default one when NULL) in the window; FALSE when that open was of
 * another file, or there was none. */
gboolean   cd_application_show_early_open            (CdApplication    *self,
                                                      const char       *path);
/* Waits for an open under way, and drops it. */
void       cd_application_drop_open                  (CdApplication    *self);

/* cd-application-backup.c */
void       cd_application_back_up                    (CdApplication    *self);

/* cd-application-cli.c */
/* Runs --generate-demo, --check-overdue or --backup and returns the exit
 * status; -1 when @options ask for none of them. */
int        cd_application_run_cli_mode               (CdApplication    *self,
                                                      GVariantDict     *options);

G_END_DECLS
