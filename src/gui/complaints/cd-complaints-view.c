/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "caredesk-complaints"
#include "config.h"
#include <glib/gi18n.h>
#include "cd-complaints-view.h"

struct _CdComplaintsView { GtkWidget parent_instance; CdStore *store; GtkWidget *child; };

enum { PROP_0, PROP_STORE, PROP_BADGE_COUNT, N_PROPS };
static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (CdComplaintsView, cd_complaints_view, GTK_TYPE_WIDGET)

static void
cd_complaints_view_set_property (GObject *object, guint prop_id, const GValue *value, GParamSpec *pspec)
{
  CdComplaintsView *self = CD_COMPLAINTS_VIEW (object);
  switch (prop_id)
    {
    case PROP_STORE: self->store = g_value_dup_object (value); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cd_complaints_view_get_property (GObject *object, guint prop_id, GValue *value, GParamSpec *pspec)
{
  CdComplaintsView *self = CD_COMPLAINTS_VIEW (object);
  switch (prop_id)
    {
    case PROP_STORE: g_value_set_object (value, self->store); break;
    case PROP_BADGE_COUNT: g_value_set_uint (value, 0); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cd_complaints_view_dispose (GObject *object)
{
  CdComplaintsView *self = CD_COMPLAINTS_VIEW (object);
  g_clear_pointer (&self->child, gtk_widget_unparent);
  g_clear_object (&self->store);
  G_OBJECT_CLASS (cd_complaints_view_parent_class)->dispose (object);
}

static void
cd_complaints_view_class_init (CdComplaintsViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  object_class->set_property = cd_complaints_view_set_property;
  object_class->get_property = cd_complaints_view_get_property;
  object_class->dispose = cd_complaints_view_dispose;
  properties[PROP_STORE] = g_param_spec_object ("store", NULL, NULL, CD_TYPE_STORE,
    G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_BADGE_COUNT] = g_param_spec_uint ("badge-count", NULL, NULL, 0, G_MAXUINT, 0,
    G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
  gtk_widget_class_set_layout_manager_type (GTK_WIDGET_CLASS (klass), GTK_TYPE_BIN_LAYOUT);
}

static void
cd_complaints_view_init (CdComplaintsView *self)
{
  self->child = adw_status_page_new ();
  adw_status_page_set_title (ADW_STATUS_PAGE (self->child), _("Complaints & follow-ups"));
  gtk_widget_set_parent (self->child, GTK_WIDGET (self));
}

GtkWidget *
cd_complaints_view_new (CdStore *store)
{
  return g_object_new (CD_TYPE_COMPLAINTS_VIEW, "store", store, NULL);
}

void cd_complaints_view_show_followup (CdComplaintsView *self, gint64 followup_id) {}
void cd_complaints_view_record_outcome (CdComplaintsView *self, gint64 followup_id) {}
guint cd_complaints_view_get_badge_count (CdComplaintsView *self) { return 0; }
