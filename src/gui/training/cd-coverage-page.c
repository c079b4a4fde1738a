/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"
#include "cd-coverage-page.h"
struct _CdCoveragePage { GtkWidget parent_instance; };
G_DEFINE_FINAL_TYPE (CdCoveragePage, cd_coverage_page, GTK_TYPE_WIDGET)
static void cd_coverage_page_class_init (CdCoveragePageClass *klass) { gtk_widget_class_set_layout_manager_type (GTK_WIDGET_CLASS (klass), GTK_TYPE_BIN_LAYOUT); }
static void cd_coverage_page_init (CdCoveragePage *self) { gtk_widget_set_parent (adw_status_page_new (), GTK_WIDGET (self)); }
GtkWidget *cd_coverage_page_new (CdStore *store) { return g_object_new (CD_TYPE_COVERAGE_PAGE, NULL); }
