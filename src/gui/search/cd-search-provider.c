/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "caredesk-search"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "cd-search-provider.h"

static const char provider_xml[] =
  "<node>"
  "  <interface name='org.gnome.Shell.SearchProvider2'>"
  "    <method name='GetInitialResultSet'>"
  "      <arg type='as' name='terms' direction='in'/>"
  "      <arg type='as' name='results' direction='out'/>"
  "    </method>"
  "    <method name='GetSubsearchResultSet'>"
  "      <arg type='as' name='previous_results' direction='in'/>"
  "      <arg type='as' name='terms' direction='in'/>"
  "      <arg type='as' name='results' direction='out'/>"
  "    </method>"
  "    <method name='GetResultMetas'>"
  "      <arg type='as' name='identifiers' direction='in'/>"
  "      <arg type='aa{sv}' name='metas' direction='out'/>"
  "    </method>"
  "    <method name='ActivateResult'>"
  "      <arg type='s' name='identifier' direction='in'/>"
  "      <arg type='as' name='terms' direction='in'/>"
  "      <arg type='u' name='timestamp' direction='in'/>"
  "    </method>"
  "    <method name='LaunchSearch'>"
  "      <arg type='as' name='terms' direction='in'/>"
  "      <arg type='u' name='timestamp' direction='in'/>"
  "    </method>"
  "  </interface>"
  "</node>";

/* The Shell shows a few names per provider: the details of recent hits
 * are kept for GetResultMetas, up to this many. */
#define MAX_KNOWN 200

struct _CdSearchProvider
{
  GObject          parent_instance;

  GApplication    *application;   /* weak */
  GDBusConnection *connection;
  guint            registration_id;
  CdStore         *store;
  gboolean         ready;         /* a store was given, or there is none */
  GQueue           waiting;       /* GDBusMethodInvocation, until ready */
  GHashTable      *known;         /* "kind:id" → Known */
  GQueue           known_order;
};

typedef struct {
  char *name;
  char *description;
  char *icon;
} Known;

enum {
  ACTIVATE_RESULT,
  LAUNCH_SEARCH,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (CdSearchProvider, cd_search_provider, G_TYPE_OBJECT)

static void
known_free (gpointer data)
{
  Known *known = data;

  g_free (known->name);
  g_free (known->description);
  g_free (known->icon);
  g_free (known);
}

static const char *
kind_prefix (CdSearchKind kind)
{
  return kind == CD_SEARCH_CUSTOMERS ? "customer" : "ticket";
}

/* "ticket:12" → CD_SEARCH_TICKETS, 12; FALSE for anything else. */
static gboolean
parse_id (const char   *identifier,
          CdSearchKind *kind,
          gint64       *id)
{
  const char *colon = identifier != NULL ? strchr (identifier, ':') : NULL;
  guint64 value;

  if (colon == NULL || !g_ascii_string_to_unsigned (colon + 1, 10, 1, G_MAXINT64, &value, NULL))
    return FALSE;
  if (strncmp (identifier, "customer:", 9) == 0)
    *kind = CD_SEARCH_CUSTOMERS;
  else if (strncmp (identifier, "ticket:", 7) == 0)
    *kind = CD_SEARCH_TICKETS;
  else
    return FALSE;
  *id = (gint64) value;
  return TRUE;
}

static void
remember (CdSearchProvider  *self,
          const char        *identifier,
          const CdSearchHit *hit)
{
  Known *known = g_new0 (Known, 1);

  known->name = g_strdup (hit->title);
  known->description = g_strdup (hit->detail);
  known->icon = g_strdup (cd_search_kind_icon_name (hit->kind));
  if (!g_hash_table_contains (self->known, identifier))
    g_queue_push_tail (&self->known_order, g_strdup (identifier));
  g_hash_table_replace (self->known, g_strdup (identifier), known);
  while (g_queue_get_length (&self->known_order) > MAX_KNOWN)
    {
      g_autofree char *oldest = g_queue_pop_head (&self->known_order);
      g_hash_table_remove (self->known, oldest);
    }
}

/* Holding the application while a call is answered --------------------- */

typedef struct {
  CdSearchProvider      *provider;
  GDBusMethodInvocation *invocation;
} Call;

static Call *
call_new (CdSearchProvider      *self,
          GDBusMethodInvocation *invocation)
{
  Call *call = g_new0 (Call, 1);

  call->provider = g_object_ref (self);
  call->invocation = invocation;
  if (self->application != NULL)
    g_application_hold (self->application);
  return call;
}

static void
call_free (Call *call)
{
  if (call->provider->application != NULL)
    g_application_release (call->provider->application);
  g_object_unref (call->provider);
  g_free (call);
}

/* Searching ---------------------------------------------------------------- */

static char *
join_terms (GVariant *terms)
{
  g_autofree const char **strv = g_variant_get_strv (terms, NULL);

  return g_strjoinv (" ", (char **) strv);
}

static void
search_done_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  Call *call = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(CdSearchResults) results = cd_search_run_finish (CD_STORE (source), result, &error);
  GVariantBuilder ids;

  g_variant_builder_init (&ids, G_VARIANT_TYPE ("as"));
  if (results == NULL)
    g_debug ("Search for the Shell failed: %s", error->message);
  for (guint g = 0; results != NULL && g < results->groups->len; g++)
    {
      CdSearchGroup *group = g_ptr_array_index (results->groups, g);

      for (guint i = 0; i < group->hits->len; i++)
        {
          CdSearchHit *hit = g_ptr_array_index (group->hits, i);
          g_autofree char *identifier = g_strdup_printf ("%s:%" G_GINT64_FORMAT, kind_prefix (hit->kind), hit->id);

          remember (call->provider, identifier, hit);
          g_variant_builder_add (&ids, "s", identifier);
        }
    }
  g_dbus_method_invocation_return_value (call->invocation, g_variant_new ("(as)", &ids));
  call_free (call);
}

static void
start_search (CdSearchProvider      *self,
              GDBusMethodInvocation *invocation,
              GVariant              *terms)
{
  g_autofree char *text = join_terms (terms);
  g_autoptr(CdSearchQuery) query = cd_search_query_new (text);

  if (self->store == NULL || cd_search_query_is_empty (query))
    {
      g_dbus_method_invocation_return_value (invocation, g_variant_new ("(as)", NULL));
      return;
    }
  cd_search_run_async (self->store, query, CD_SEARCH_KIND_BIT (CD_SEARCH_CUSTOMERS) | CD_SEARCH_KIND_BIT (CD_SEARCH_TICKETS),
                       CD_SEARCH_PROVIDER_LIMIT, NULL, search_done_cb, call_new (self, invocation));
}

/* What the Shell shows of a result it did not get from a search of this
 * process (it keeps results across restarts of the provider). */
static Known *
load_known (CdSearchProvider *self,
            CdSearchKind      kind,
            gint64            id)
{
  g_autoptr(CdSearchHit) hit = self->store != NULL ? cd_search_load_hit (self->store, kind, id, NULL) : NULL;
  Known *known;

  if (hit == NULL)
    return NULL;
  known = g_new0 (Known, 1);
  known->name = g_strdup (hit->title);
  known->description = g_strdup (hit->detail);
  known->icon = g_strdup (cd_search_kind_icon_name (kind));
  return known;
}

static void
return_metas (CdSearchProvider      *self,
              GDBusMethodInvocation *invocation,
              GVariant              *identifiers)
{
  GVariantBuilder metas;
  GVariantIter iter;
  const char *identifier;

  g_variant_builder_init (&metas, G_VARIANT_TYPE ("aa{sv}"));
  g_variant_iter_init (&iter, identifiers);
  while (g_variant_iter_next (&iter, "&s", &identifier))
    {
      Known *known = g_hash_table_lookup (self->known, identifier);
      Known *loaded = NULL;
      CdSearchKind kind;
      gint64 id;
      g_autoptr(GIcon) icon = NULL;
      g_autoptr(GVariant) serialized = NULL;

      if (known == NULL && parse_id (identifier, &kind, &id))
        known = loaded = load_known (self, kind, id);
      if (known == NULL)
        continue;

      icon = g_themed_icon_new (known->icon);
      serialized = g_icon_serialize (icon);
      g_variant_builder_open (&metas, G_VARIANT_TYPE ("a{sv}"));
      g_variant_builder_add (&metas, "{sv}", "id", g_variant_new_string (identifier));
      g_variant_builder_add (&metas, "{sv}", "name", g_variant_new_string (known->name));
      if (known->description != NULL && *known->description != '\0')
        g_variant_builder_add (&metas, "{sv}", "description", g_variant_new_string (known->description));
      if (serialized != NULL)
        g_variant_builder_add (&metas, "{sv}", "icon", serialized);
      g_variant_builder_close (&metas);
      g_clear_pointer (&loaded, known_free);
    }
  g_dbus_method_invocation_return_value (invocation, g_variant_new ("(aa{sv})", &metas));
}

/* Calls --------------------------------------------------------------------- */

static void
handle_call (CdSearchProvider      *self,
             GDBusMethodInvocation *invocation)
{
  const char *method = g_dbus_method_invocation_get_method_name (invocation);
  GVariant *parameters = g_dbus_method_invocation_get_parameters (invocation);

  if (g_str_equal (method, "GetInitialResultSet"))
    {
      g_autoptr(GVariant) terms = g_variant_get_child_value (parameters, 0);
      start_search (self, invocation, terms);
    }
  else if (g_str_equal (method, "GetSubsearchResultSet"))
    {
      g_autoptr(GVariant) terms = g_variant_get_child_value (parameters, 1);
      start_search (self, invocation, terms);
    }
  else if (g_str_equal (method, "GetResultMetas"))
    {
      g_autoptr(GVariant) identifiers = g_variant_get_child_value (parameters, 0);
      return_metas (self, invocation, identifiers);
    }
  else if (g_str_equal (method, "ActivateResult"))
    {
      const char *identifier = NULL;
      guint32 timestamp = 0;
      CdSearchKind kind;
      gint64 id;

      g_variant_get (parameters, "(&s@asu)", &identifier, NULL, &timestamp);
      if (parse_id (identifier, &kind, &id))
        g_signal_emit (self, signals[ACTIVATE_RESULT], 0, (guint) kind, id, timestamp);
      g_dbus_method_invocation_return_value (invocation, NULL);
    }
  else if (g_str_equal (method, "LaunchSearch"))
    {
      g_autoptr(GVariant) terms = g_variant_get_child_value (parameters, 0);
      g_autofree char *text = join_terms (terms);
      guint32 timestamp = 0;

      g_variant_get_child (parameters, 1, "u", &timestamp);
      g_signal_emit (self, signals[LAUNCH_SEARCH], 0, text, timestamp);
      g_dbus_method_invocation_return_value (invocation, NULL);
    }
  else
    g_dbus_method_invocation_return_error (invocation, G_DBUS_ERROR, G_DBUS_ERROR_UNKNOWN_METHOD,
                                           "No such method: %s", method);
}

static void
method_call_cb (GDBusConnection       *connection,
                const char            *sender,
                const char            *object_path,
                const char            *interface_name,
                const char            *method_name,
                GVariant              *parameters,
                GDBusMethodInvocation *invocation,
                gpointer               user_data)
{
  CdSearchProvider *self = user_data;

  /* A search before the database is open waits for it; activating a
   * result does not need it. */
  if (!self->ready && (g_str_has_prefix (method_name, "Get")))
    {
      if (self->application != NULL)
        g_application_hold (self->application);
      g_queue_push_tail (&self->waiting, invocation);
      return;
    }
  handle_call (self, invocation);
}

static const GDBusInterfaceVTable vtable = { method_call_cb, NULL, NULL, { 0 } };

/* GObject --------------------------------------------------------------------- */

static void
flush_waiting (CdSearchProvider *self)
{
  GDBusMethodInvocation *invocation;

  while ((invocation = g_queue_pop_head (&self->waiting)) != NULL)
    {
      handle_call (self, invocation);
      if (self->application != NULL)
        g_application_release (self->application);
    }
}

static void
cd_search_provider_dispose (GObject *object)
{
  CdSearchProvider *self = CD_SEARCH_PROVIDER (object);

  cd_search_provider_unregister (self);
  self->ready = TRUE;
  g_clear_object (&self->store);
  flush_waiting (self);
  g_clear_weak_pointer (&self->application);

  G_OBJECT_CLASS (cd_search_provider_parent_class)->dispose (object);
}

static void
cd_search_provider_finalize (GObject *object)
{
  CdSearchProvider *self = CD_SEARCH_PROVIDER (object);

  g_hash_table_unref (self->known);
  g_queue_clear_full (&self->known_order, g_free);

  G_OBJECT_CLASS (cd_search_provider_parent_class)->finalize (object);
}

static void
cd_search_provider_class_init (CdSearchProviderClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = cd_search_provider_dispose;
  object_class->finalize = cd_search_provider_finalize;

  signals[ACTIVATE_RESULT] =
    g_signal_new ("activate-result", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 3, G_TYPE_UINT, G_TYPE_INT64, G_TYPE_UINT);
  signals[LAUNCH_SEARCH] =
    g_signal_new ("launch-search", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_UINT);
}

static void
cd_search_provider_init (CdSearchProvider *self)
{
  self->known = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, known_free);
  g_queue_init (&self->waiting);
  g_queue_init (&self->known_order);
}

CdSearchProvider *
cd_search_provider_new (GApplication *application)
{
  CdSearchProvider *self;

  g_return_val_if_fail (application == NULL || G_IS_APPLICATION (application), NULL);

  self = g_object_new (CD_TYPE_SEARCH_PROVIDER, NULL);
  g_set_weak_pointer (&self->application, application);
  return self;
}

gboolean
cd_search_provider_register (CdSearchProvider  *self,
                             GDBusConnection   *connection,
                             const char        *object_path,
                             GError           **error)
{
  g_autoptr(GDBusNodeInfo) info = NULL;

  g_return_val_if_fail (CD_IS_SEARCH_PROVIDER (self), FALSE);
  g_return_val_if_fail (G_IS_DBUS_CONNECTION (connection), FALSE);
  g_return_val_if_fail (self->registration_id == 0, FALSE);

  info = g_dbus_node_info_new_for_xml (provider_xml, error);
  if (info == NULL)
    return FALSE;
  self->registration_id = g_dbus_connection_register_object (connection, object_path, info->interfaces[0],
                                                             &vtable, self, NULL, error);
  if (self->registration_id == 0)
    return FALSE;
  self->connection = g_object_ref (connection);
  return TRUE;
}

void
cd_search_provider_unregister (CdSearchProvider *self)
{
  g_return_if_fail (CD_IS_SEARCH_PROVIDER (self));

  if (self->registration_id != 0)
    g_dbus_connection_unregister_object (self->connection, self->registration_id);
  self->registration_id = 0;
  g_clear_object (&self->connection);
}

void
cd_search_provider_set_store (CdSearchProvider *self,
                              CdStore          *store)
{
  g_return_if_fail (CD_IS_SEARCH_PROVIDER (self));
  g_return_if_fail (store == NULL || CD_IS_STORE (store));

  g_set_object (&self->store, store);
  self->ready = TRUE;
  flush_waiting (self);
}
