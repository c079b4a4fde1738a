/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "caredesk"

#include "config.h"

#include "cd-search-watch.h"

typedef struct
{
  GWeakRef           owner;
  CdSearchApplyFunc  apply;
  char              *applied;   /* the entry's text when last applied */
  guint              idle_id;
} Watch;

static GQuark
watch_quark (void)
{
  static GQuark quark;

  if (G_UNLIKELY (quark == 0))
    quark = g_quark_from_static_string ("cd-search-watch");
  return quark;
}

static void
watch_free (gpointer data)
{
  Watch *watch = data;

  g_clear_handle_id (&watch->idle_id, g_source_remove);
  g_weak_ref_clear (&watch->owner);
  g_free (watch->applied);
  g_free (watch);
}

static gboolean
apply (GtkSearchEntry *entry,
       Watch          *watch)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (entry));
  g_autoptr(GObject) owner = NULL;

  g_clear_handle_id (&watch->idle_id, g_source_remove);
  if (g_strcmp0 (text, watch->applied) == 0)
    return FALSE;
  owner = g_weak_ref_get (&watch->owner);
  if (owner == NULL)
    return FALSE;
  g_free (watch->applied);
  watch->applied = g_strdup (text);
  watch->apply (owner);
  return TRUE;
}

static gboolean
idle_cb (gpointer user_data)
{
  GtkSearchEntry *entry = user_data;
  Watch *watch = g_object_get_qdata (G_OBJECT (entry), watch_quark ());

  watch->idle_id = 0;
  apply (entry, watch);
  return G_SOURCE_REMOVE;
}

static void
on_search_changed_cb (GtkSearchEntry *entry,
                      Watch          *watch)
{
  if (watch->idle_id == 0)
    watch->idle_id = g_idle_add_full (G_PRIORITY_HIGH_IDLE, idle_cb, entry, NULL);
}

void
cd_search_watch (GtkSearchEntry    *entry,
                 GObject           *owner,
                 CdSearchApplyFunc  apply_func)
{
  Watch *watch;

  g_return_if_fail (GTK_IS_SEARCH_ENTRY (entry));
  g_return_if_fail (G_IS_OBJECT (owner));
  g_return_if_fail (apply_func != NULL);
  g_return_if_fail (g_object_get_qdata (G_OBJECT (entry), watch_quark ()) == NULL);

  watch = g_new0 (Watch, 1);
  g_weak_ref_init (&watch->owner, owner);
  watch->apply = apply_func;
  watch->applied = g_strdup (gtk_editable_get_text (GTK_EDITABLE (entry)));
  /* The idle is removed with the watch, which lives as long as the entry. */
  g_object_set_qdata_full (G_OBJECT (entry), watch_quark (), watch, watch_free);
  g_signal_connect (entry, "search-changed", G_CALLBACK (on_search_changed_cb), watch);
}

gboolean
cd_search_watch_flush (GtkSearchEntry *entry)
{
  Watch *watch;

  g_return_val_if_fail (GTK_IS_SEARCH_ENTRY (entry), FALSE);

  watch = g_object_get_qdata (G_OBJECT (entry), watch_quark ());
  g_return_val_if_fail (watch != NULL, FALSE);
  return apply (entry, watch);
}

void
cd_search_watch_sync (GtkSearchEntry *entry)
{
  Watch *watch;

  g_return_if_fail (GTK_IS_SEARCH_ENTRY (entry));

  watch = g_object_get_qdata (G_OBJECT (entry), watch_quark ());
  g_return_if_fail (watch != NULL);
  g_clear_handle_id (&watch->idle_id, g_source_remove);
  g_free (watch->applied);
  watch->applied = g_strdup (gtk_editable_get_text (GTK_EDITABLE (entry)));
}
