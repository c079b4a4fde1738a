/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "caredesk-notifier"
#include "config.h"
#include "cd-notifier.h"

struct _CdNotifier { GObject parent_instance; };
G_DEFINE_FINAL_TYPE (CdNotifier, cd_notifier, G_TYPE_OBJECT)
static void cd_notifier_class_init (CdNotifierClass *klass) {}
static void cd_notifier_init (CdNotifier *self) {}
CdNotifier *cd_notifier_new (GApplication *app, CdStore *store, GSettings *settings) { return g_object_new (CD_TYPE_NOTIFIER, NULL); }
void cd_notifier_check (CdNotifier *self) {}
