/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "caredesk-training"

#include "config.h"

#include <glib/gi18n.h>

#include "cd-matrix-page.h"
#include "cd-record-page.h"
#include "cd-training-pages.h"
#include "cd-training-view.h"

typedef GtkWidget *(*PageNew) (CdStore *store);

/* In the switcher's order. */
static const struct {
  const char *name;
  PageNew     page_new;
} page_table[] = {
  { CD_TRAINING_PAGE_MATRIX, cd_matrix_page_new },
  { CD_TRAINING_PAGE_PLAN, cd_plan_page_new },
  { CD_TRAINING_PAGE_SESSIONS, cd_sessions_page_new },
  { CD_TRAINING_PAGE_ASSESSMENTS, cd_assessments_page_new },
  { CD_TRAINING_PAGE_CERTIFICATIONS, cd_certifications_page_new },
  { CD_TRAINING_PAGE_COURSES, cd_courses_page_new },
  { CD_TRAINING_PAGE_COVERAGE, cd_coverage_page_new },
};

#define N_PAGES G_N_ELEMENTS (page_table)

struct _CdTrainingView
{
  GtkWidget        parent_instance;

  CdStore         *store;
  GtkWidget       *pages[N_PAGES];
  CdRecordPage    *record_page;
  gboolean         syncing;
  guint            record_idle_id;

  /* Template widgets */
  AdwToastOverlay *toast_overlay;
  GtkStack        *main_stack;
  GtkDropDown     *page_dropdown;
  AdwViewStack    *page_stack;
  GtkBox          *matrix_slot;
  GtkBox          *plan_slot;
  GtkBox          *sessions_slot;
  GtkBox          *assessments_slot;
  GtkBox          *certifications_slot;
  GtkBox          *courses_slot;
  GtkBox          *coverage_slot;
  GtkBox          *record_slot;
};

enum {
  PROP_0,
  PROP_STORE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (CdTrainingView, cd_training_view, GTK_TYPE_WIDGET)

static int
page_index (const char *name)
{
  for (guint i = 0; i < N_PAGES; i++)
    if (g_strcmp0 (page_table[i].name, name) == 0)
      return (int) i;
  return -1;
}

static GtkBox *
page_slot (CdTrainingView *self,
           guint           index)
{
  GtkBox *slots[N_PAGES] = {
    self->matrix_slot, self->plan_slot, self->sessions_slot, self->assessments_slot,
    self->certifications_slot, self->courses_slot, self->coverage_slot,
  };

  return slots[index];
}

static void
on_open_record_cb (CdTrainingView *self,
                   gint64          staff_id,
                   gint64          certification_id)
{
  cd_training_view_show_record (self, staff_id, certification_id);
}

static GtkWidget *
ensure_page (CdTrainingView *self,
             guint           index)
{
  GtkWidget *page;

  if (self->pages[index] != NULL)
    return self->pages[index];
  page = page_table[index].page_new (self->store);
  gtk_widget_set_hexpand (page, TRUE);
  gtk_widget_set_vexpand (page, TRUE);
  gtk_box_append (page_slot (self, index), page);
  self->pages[index] = page;
  if (g_signal_lookup ("open-record", G_OBJECT_TYPE (page)) != 0)
    g_signal_connect_object (page, "open-record", G_CALLBACK (on_open_record_cb), self, G_CONNECT_SWAPPED);
  return page;
}

static void
on_page_changed_cb (CdTrainingView *self)
{
  int index = page_index (adw_view_stack_get_visible_child_name (self->page_stack));

  if (index < 0)
    return;
  ensure_page (self, (guint) index);
  self->syncing = TRUE;
  gtk_drop_down_set_selected (self->page_dropdown, (guint) index);
  self->syncing = FALSE;
}

static void
on_page_dropdown_selected_cb (CdTrainingView *self)
{
  guint selected = gtk_drop_down_get_selected (self->page_dropdown);

  if (self->syncing || selected >= N_PAGES)
    return;
  adw_view_stack_set_visible_child_name (self->page_stack, page_table[selected].name);
}

static void
on_record_back_cb (CdTrainingView *self)
{
  gtk_stack_set_visible_child_name (self->main_stack, "pages");
}

static void
ensure_record_page (CdTrainingView *self)
{
  g_clear_handle_id (&self->record_idle_id, g_source_remove);
  if (self->record_page != NULL)
    return;
  self->record_page = CD_RECORD_PAGE (cd_record_page_new (self->store));
  gtk_widget_set_hexpand (GTK_WIDGET (self->record_page), TRUE);
  gtk_widget_set_vexpand (GTK_WIDGET (self->record_page), TRUE);
  gtk_box_append (self->record_slot, GTK_WIDGET (self->record_page));
  g_signal_connect_object (self->record_page, "back", G_CALLBACK (on_record_back_cb), self, G_CONNECT_SWAPPED);
}

static gboolean
record_idle_cb (gpointer user_data)
{
  CdTrainingView *self = user_data;

  self->record_idle_id = 0;
  ensure_record_page (self);
  return G_SOURCE_REMOVE;
}

/* The record page is built while nothing else is to be done once the
 * view is on screen, so that opening the first record only reads it. */
static void
cd_training_view_map (GtkWidget *widget)
{
  CdTrainingView *self = CD_TRAINING_VIEW (widget);

  GTK_WIDGET_CLASS (cd_training_view_parent_class)->map (widget);
  if (self->record_page == NULL && self->record_idle_id == 0)
    self->record_idle_id = g_idle_add_full (G_PRIORITY_LOW, record_idle_cb, self, NULL);
}

static void
back_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  on_record_back_cb (CD_TRAINING_VIEW (widget));
}

/* GObject ---------------------------------------------------------------------- */

static void
cd_training_view_constructed (GObject *object)
{
  CdTrainingView *self = CD_TRAINING_VIEW (object);
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  GListModel *pages = G_LIST_MODEL (adw_view_stack_get_pages (self->page_stack));

  G_OBJECT_CLASS (cd_training_view_parent_class)->constructed (object);

  for (guint i = 0; i < g_list_model_get_n_items (pages); i++)
    {
      g_autoptr(AdwViewStackPage) page = g_list_model_get_item (pages, i);
      gtk_string_list_append (names, adw_view_stack_page_get_title (page));
    }
  g_object_unref (pages);
  self->syncing = TRUE;
  gtk_drop_down_set_model (self->page_dropdown, G_LIST_MODEL (names));
  self->syncing = FALSE;
  ensure_page (self, 0);
}

static void
cd_training_view_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  CdTrainingView *self = CD_TRAINING_VIEW (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cd_training_view_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  CdTrainingView *self = CD_TRAINING_VIEW (object);

  switch (prop_id)
    {
    case PROP_STORE:
      self->store = g_value_dup_object (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cd_training_view_dispose (GObject *object)
{
  CdTrainingView *self = CD_TRAINING_VIEW (object);

  g_clear_handle_id (&self->record_idle_id, g_source_remove);
  gtk_widget_dispose_template (GTK_WIDGET (self), CD_TYPE_TRAINING_VIEW);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (cd_training_view_parent_class)->dispose (object);
}

static void
cd_training_view_class_init (CdTrainingViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = cd_training_view_constructed;
  object_class->get_property = cd_training_view_get_property;
  object_class->set_property = cd_training_view_set_property;
  object_class->dispose = cd_training_view_dispose;
  widget_class->map = cd_training_view_map;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL,
                         CD_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/training/cd-training-view.ui");
  gtk_widget_class_bind_template_child (widget_class, CdTrainingView, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, CdTrainingView, main_stack);
  gtk_widget_class_bind_template_child (widget_class, CdTrainingView, page_dropdown);
  gtk_widget_class_bind_template_child (widget_class, CdTrainingView, page_stack);
  gtk_widget_class_bind_template_child (widget_class, CdTrainingView, matrix_slot);
  gtk_widget_class_bind_template_child (widget_class, CdTrainingView, plan_slot);
  gtk_widget_class_bind_template_child (widget_class, CdTrainingView, sessions_slot);
  gtk_widget_class_bind_template_child (widget_class, CdTrainingView, assessments_slot);
  gtk_widget_class_bind_template_child (widget_class, CdTrainingView, certifications_slot);
  gtk_widget_class_bind_template_child (widget_class, CdTrainingView, courses_slot);
  gtk_widget_class_bind_template_child (widget_class, CdTrainingView, coverage_slot);
  gtk_widget_class_bind_template_child (widget_class, CdTrainingView, record_slot);
  gtk_widget_class_bind_template_callback (widget_class, on_page_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_page_dropdown_selected_cb);

  gtk_widget_class_install_action (widget_class, "training.back", NULL, back_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Left, GDK_ALT_MASK, "training.back", NULL);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
cd_training_view_init (CdTrainingView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
cd_training_view_new (CdStore *store)
{
  g_return_val_if_fail (CD_IS_STORE (store), NULL);

  return g_object_new (CD_TYPE_TRAINING_VIEW, "store", store, NULL);
}

CdStore *
cd_training_view_get_store (CdTrainingView *self)
{
  g_return_val_if_fail (CD_IS_TRAINING_VIEW (self), NULL);

  return self->store;
}

void
cd_training_view_show_page (CdTrainingView *self,
                            const char     *name)
{
  g_return_if_fail (CD_IS_TRAINING_VIEW (self));
  g_return_if_fail (page_index (name) >= 0);

  gtk_stack_set_visible_child_name (self->main_stack, "pages");
  adw_view_stack_set_visible_child_name (self->page_stack, name);
}

const char *
cd_training_view_get_page (CdTrainingView *self)
{
  g_return_val_if_fail (CD_IS_TRAINING_VIEW (self), NULL);

  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->main_stack), "record") == 0)
    return "record";
  return adw_view_stack_get_visible_child_name (self->page_stack);
}

GtkWidget *
cd_training_view_get_page_widget (CdTrainingView *self,
                                  const char     *name)
{
  int index;

  g_return_val_if_fail (CD_IS_TRAINING_VIEW (self), NULL);

  if (g_strcmp0 (name, "record") == 0)
    return GTK_WIDGET (self->record_page);
  index = page_index (name);
  g_return_val_if_fail (index >= 0, NULL);
  return ensure_page (self, (guint) index);
}

void
cd_training_view_show_record (CdTrainingView *self,
                              gint64          staff_id,
                              gint64          certification_id)
{
  g_return_if_fail (CD_IS_TRAINING_VIEW (self));

  ensure_record_page (self);
  if (staff_id <= 0)
    staff_id = cd_store_get_staff_id (self->store);
  /* On failure the page says why. */
  cd_record_page_load (self->record_page, staff_id, certification_id);
  gtk_stack_set_visible_child_name (self->main_stack, "record");
}
