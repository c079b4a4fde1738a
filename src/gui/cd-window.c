/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "caredesk-window"

#include "config.h"

#include <string.h>
#include <glib/gi18n.h>

#include "cd-window.h"
#include "cd-complaints.h"
#include "cd-saving-indicator.h"
#include "cd-staff.h"
#include "cd-overview-view.h"
#include "cd-customers-view.h"
#include "cd-tickets-view.h"
#include "cd-complaints-view.h"
#include "cd-training-view.h"
#include "cd-knowledge-view.h"
#include "cd-search-page.h"

#define CD_VIEW_SEARCH "search"
#define N_VIEWS 6

struct _CdWindow
{
  AdwApplicationWindow  parent_instance;

  GSettings            *settings;
  CdStore              *store;
  GSignalGroup         *store_signals;
  char                 *subtitle;
  /* The login the "unknown-user" page is about. */
  char                 *unknown_login;

  /* The views of the current store, in sidebar order. */
  GtkWidget            *views[N_VIEWS];
  CdSearchPage         *search_page;
  CdSearchIndexer      *indexer;
  GSignalGroup         *indexer_signals;
  gulong                badge_handler;
  /* Building the lists' views in the background after the first frame. */
  guint                 prebuild_id;
  gulong                after_paint_handler;
  GdkFrameClock        *after_paint_clock;

  /* Template children */
  AdwToastOverlay      *toast_overlay;
  GtkStack             *main_stack;
  AdwStatusPage        *no_database_page;
  AdwStatusPage        *unknown_user_page;
  AdwStatusPage        *opening_page;
  GtkSpinner           *opening_spinner;
  /* The page of the current store, under the "opening" page when that is
   * shown (see cd_window_show_opening()). */
  const char           *store_page;
  AdwLeaflet           *leaflet;
  AdwWindowTitle       *sidebar_title;
  GtkSearchEntry       *search_entry;
  GtkListBox           *sidebar_list;
  GtkListBoxRow        *overview_row;
  GtkListBoxRow        *customers_row;
  GtkListBoxRow        *tickets_row;
  GtkListBoxRow        *complaints_row;
  GtkListBoxRow        *training_row;
  GtkListBoxRow        *knowledge_row;
  GtkRevealer          *index_revealer;
  GtkLabel             *index_label;
  GtkProgressBar       *index_progress;
  /* The view a search shows instead of, given back when it ends; while
   * the search is shown, no view's row is highlighted. */
  int                   view_before_search;
  GtkLabel             *complaints_badge;
  GtkStack             *view_stack;
  AdwWindowTitle       *content_title;
  GtkBox               *overview_slot;
  GtkBox               *customers_slot;
  GtkBox               *tickets_slot;
  GtkBox               *complaints_slot;
  GtkBox               *training_slot;
  GtkBox               *knowledge_slot;
  GtkBox               *search_slot;
  GMenu                *recent_menu;
  GMenuModel           *primary_menu;
  GtkMenuButton        *no_database_menu_button;
  GtkMenuButton        *unknown_user_menu_button;
  GtkMenuButton        *main_menu_button;
};

enum {
  PROP_0,
  PROP_SETTINGS,
  PROP_STORE,
  PROP_SUBTITLE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (CdWindow, cd_window, ADW_TYPE_APPLICATION_WINDOW)

static const char * const view_names[N_VIEWS] = {
  CD_VIEW_OVERVIEW,
  CD_VIEW_CUSTOMERS,
  CD_VIEW_TICKETS,
  CD_VIEW_COMPLAINTS,
  CD_VIEW_TRAINING,
  CD_VIEW_KNOWLEDGE,
};

static int
view_index (const char *name)
{
  for (guint i = 0; i < N_VIEWS; i++)
    if (g_strcmp0 (view_names[i], name) == 0)
      return (int) i;
  return -1;
}

static GtkListBoxRow *
get_row (CdWindow *self,
         guint     index)
{
  GtkListBoxRow *rows[N_VIEWS] = {
    self->overview_row,
    self->customers_row,
    self->tickets_row,
    self->complaints_row,
    self->training_row,
    self->knowledge_row,
  };

  g_assert (index < N_VIEWS);
  return rows[index];
}

static GtkBox *
get_slot (CdWindow *self,
          guint     index)
{
  GtkBox *slots[N_VIEWS] = {
    self->overview_slot,
    self->customers_slot,
    self->tickets_slot,
    self->complaints_slot,
    self->training_slot,
    self->knowledge_slot,
  };

  g_assert (index < N_VIEWS);
  return slots[index];
}

static int
row_index (CdWindow      *self,
           GtkListBoxRow *row)
{
  for (guint i = 0; i < N_VIEWS; i++)
    if (get_row (self, i) == row)
      return (int) i;
  return -1;
}

static void ensure_view (CdWindow *self,
                         guint     index);
static void ensure_search_page (CdWindow *self);
static void cancel_prebuild (CdWindow *self);

/* Sidebar and view stack -------------------------------------------------- */

static void
show_selected_view (CdWindow *self)
{
  GtkListBoxRow *row = gtk_list_box_get_selected_row (self->sidebar_list);
  int index = row_index (self, row);

  if (index >= 0)
    gtk_stack_set_visible_child_name (self->view_stack, view_names[index]);
}

static void
select_view (CdWindow *self,
             guint     index)
{
  g_assert (index < N_VIEWS);

  if (gtk_editable_get_text (GTK_EDITABLE (self->search_entry))[0] != '\0')
    gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");

  gtk_list_box_select_row (self->sidebar_list, get_row (self, index));
  gtk_stack_set_visible_child_name (self->view_stack, view_names[index]);
}

static void
on_sidebar_list_row_selected_cb (CdWindow      *self,
                                 GtkListBoxRow *row,
                                 GtkListBox    *list)
{
  if (row == NULL)
    return;

  /* Picking a view ends a search that was showing instead of it. */
  if (gtk_editable_get_text (GTK_EDITABLE (self->search_entry))[0] != '\0')
    gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");

  show_selected_view (self);
}

static void
on_sidebar_list_row_activated_cb (CdWindow      *self,
                                  GtkListBoxRow *row,
                                  GtkListBox    *list)
{
  /* During a search no row is selected: activating one picks it. */
  gtk_list_box_select_row (list, row);
  on_sidebar_list_row_selected_cb (self, row, list);
  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_FORWARD);
}

static void
on_view_stack_visible_child_name_changed_cb (CdWindow   *self,
                                             GParamSpec *pspec,
                                             GtkStack   *stack)
{
  const char *name = gtk_stack_get_visible_child_name (stack);
  int index = view_index (name);

  if (index < 0)
    return;

  ensure_view (self, (guint) index);

  if (gtk_list_box_get_selected_row (self->sidebar_list) != get_row (self, index))
    gtk_list_box_select_row (self->sidebar_list, get_row (self, index));

  if (self->settings != NULL)
    g_settings_set_string (self->settings, "last-view", name);
}

/* GTK 4.8 presents every page of a stack to assistive technologies, shown
 * or not; marking the others hidden leaves only what is on screen. */
static void
sync_stack_accessible_pages (GtkStack *stack)
{
  GtkWidget *visible = gtk_stack_get_visible_child (stack);

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (stack));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    gtk_accessible_update_state (GTK_ACCESSIBLE (child),
                                 GTK_ACCESSIBLE_STATE_HIDDEN, child != visible,
                                 -1);
}

/* The big icons of the pages shown instead of the views are SVG
 * drawings. GTK loads an image's icon as soon as the image has a style,
 * shown or not, and the first SVG brings in librsvg (7 MB): a page gets
 * its icon only when it is shown. */
static void
sync_status_page_icons (CdWindow *self)
{
  const char *page = gtk_stack_get_visible_child_name (self->main_stack);

  if (!gtk_widget_get_mapped (GTK_WIDGET (self)))
    return;
  if (g_strcmp0 (page, "no-database") == 0)
    adw_status_page_set_icon_name (self->no_database_page, "drive-harddisk-symbolic");
  else if (g_strcmp0 (page, "unknown-user") == 0)
    adw_status_page_set_icon_name (self->unknown_user_page, "system-users-symbolic");
}

static void
on_main_stack_visible_child_changed_cb (CdWindow   *self,
                                        GParamSpec *pspec,
                                        GtkStack   *stack)
{
  sync_stack_accessible_pages (stack);
  sync_status_page_icons (self);
}

/* One header bar serves every view; its title is the page's. */
static void
update_content_title (CdWindow *self)
{
  GtkWidget *child = gtk_stack_get_visible_child (self->view_stack);
  const char *title = child != NULL ? gtk_stack_page_get_title (gtk_stack_get_page (self->view_stack, child)) : NULL;

  adw_window_title_set_title (self->content_title, title != NULL ? title : "");
}

static void
on_view_stack_visible_child_changed_cb (CdWindow   *self,
                                        GParamSpec *pspec,
                                        GtkStack   *stack)
{
  sync_stack_accessible_pages (stack);
  update_content_title (self);
}

static void
on_search_entry_search_changed_cb (CdWindow       *self,
                                   GtkSearchEntry *entry)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (entry));

  if (text[0] != '\0')
    ensure_search_page (self);
  if (self->search_page != NULL)
    cd_search_page_set_text (self->search_page, text);
  if (text[0] == '\0')
    {
      /* A row picked during the search wins over the one before it. */
      if (gtk_list_box_get_selected_row (self->sidebar_list) == NULL &&
          self->view_before_search >= 0)
        gtk_list_box_select_row (self->sidebar_list, get_row (self, (guint) self->view_before_search));
      gtk_list_box_set_selection_mode (self->sidebar_list, GTK_SELECTION_BROWSE);
      show_selected_view (self);
      return;
    }

  /* While the results are shown, no view's row is highlighted. */
  {
    GtkListBoxRow *row = gtk_list_box_get_selected_row (self->sidebar_list);

    if (row != NULL)
      {
        self->view_before_search = row_index (self, row);
        gtk_list_box_set_selection_mode (self->sidebar_list, GTK_SELECTION_SINGLE);
        gtk_list_box_unselect_all (self->sidebar_list);
      }
  }
  gtk_stack_set_visible_child_name (self->view_stack, CD_VIEW_SEARCH);
  /* Folded, the sidebar hides the results: they come forward with an
   * entry of their own, which takes over the typing. */
  if (adw_leaflet_get_folded (self->leaflet) && self->search_page != NULL &&
      gtk_widget_has_focus (GTK_WIDGET (entry)))
    {
      GtkEditable *page_entry = GTK_EDITABLE (cd_search_page_get_entry (self->search_page));

      adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_FORWARD);
      gtk_widget_grab_focus (GTK_WIDGET (page_entry));
      gtk_editable_set_position (page_entry, -1);
    }
}

static void
on_search_entry_activate_cb (CdWindow       *self,
                             GtkSearchEntry *entry)
{
  if (gtk_editable_get_text (GTK_EDITABLE (entry))[0] == '\0')
    return;
  ensure_search_page (self);
  /* Enter opens the result picked with the arrow keys, or the best one. */
  if (self->search_page == NULL || !cd_search_page_activate_selected (self->search_page))
    adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_FORWARD);
}

static gboolean
on_search_entry_key_pressed_cb (GtkEventControllerKey *controller,
                                guint                  keyval,
                                guint                  keycode,
                                GdkModifierType        state,
                                CdWindow              *self)
{
  if (self->search_page == NULL ||
      g_strcmp0 (gtk_stack_get_visible_child_name (self->view_stack), CD_VIEW_SEARCH) != 0)
    return GDK_EVENT_PROPAGATE;
  switch (keyval)
    {
    case GDK_KEY_Down:
    case GDK_KEY_KP_Down:
      return cd_search_page_move_selection (self->search_page, 1);
    case GDK_KEY_Up:
    case GDK_KEY_KP_Up:
      return cd_search_page_move_selection (self->search_page, -1);
    case GDK_KEY_Page_Down:
      return cd_search_page_move_selection (self->search_page, 8);
    case GDK_KEY_Page_Up:
      return cd_search_page_move_selection (self->search_page, -8);
    default:
      return GDK_EVENT_PROPAGATE;
    }
}

/* Text typed in the search page's own entry (a narrow window) is the
 * sidebar's too, so that widening the window keeps the search. */
static void
on_search_page_text_changed_cb (CdWindow     *self,
                                GParamSpec   *pspec,
                                CdSearchPage *page)
{
  const char *text = cd_search_page_get_text (page);

  if (g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (self->search_entry)), text != NULL ? text : "") != 0)
    gtk_editable_set_text (GTK_EDITABLE (self->search_entry), text != NULL ? text : "");
}

static void
on_search_page_result_activated_cb (CdWindow     *self,
                                    guint         kind,
                                    gint64        target_id,
                                    gint64        id,
                                    CdSearchPage *page)
{
  switch ((CdSearchKind) kind)
    {
    case CD_SEARCH_CUSTOMERS:
      cd_window_open_customer (self, target_id);
      break;
    case CD_SEARCH_TICKETS:
    case CD_SEARCH_NOTES:
      cd_window_open_ticket (self, target_id);
      break;
    case CD_SEARCH_COMPLAINTS:
      cd_window_open_complaint (self, target_id, 0);
      break;
    case CD_SEARCH_FOLLOWUPS:
      cd_window_open_complaint (self, target_id, id);
      break;
    case CD_SEARCH_ARTICLES:
      cd_window_open_article (self, target_id);
      break;
    case CD_SEARCH_N_KINDS:
    default:
      break;
    }
}

static void
on_knowledge_view_open_record_cb (CdWindow        *self,
                                  const char      *entity,
                                  gint64           id,
                                  CdKnowledgeView *view)
{
  if (g_strcmp0 (entity, "ticket") == 0)
    cd_window_open_ticket (self, id);
  else if (g_strcmp0 (entity, "complaint") == 0)
    cd_window_open_complaint (self, id, 0);
}

/* The sidebar says how far the indexing of an upgraded file is. */
static void
update_index_progress (CdWindow *self)
{
  gboolean show = self->indexer != NULL && !cd_search_indexer_is_complete (self->indexer);

  if (show)
    {
      double progress = cd_search_indexer_get_progress (self->indexer);
      /* Translators: %d is a percentage */
      g_autofree char *text = g_strdup_printf (_("Preparing search: %d %%"), (int) (progress * 100));

      gtk_label_set_text (self->index_label, text);
      gtk_progress_bar_set_fraction (self->index_progress, progress);
    }
  gtk_revealer_set_reveal_child (self->index_revealer, show);
}

static void
on_indexer_changed_cb (CdWindow        *self,
                       GParamSpec      *pspec,
                       CdSearchIndexer *indexer)
{
  update_index_progress (self);
}

static void
on_search_entry_stop_search_cb (CdWindow       *self,
                                GtkSearchEntry *entry)
{
  gtk_editable_set_text (GTK_EDITABLE (entry), "");
}

/* Views ------------------------------------------------------------------- */

/* The sidebar's overdue badge: the number (99+ above 99), shown only
 * when there is one, and said to assistive technologies. */
static void
set_badge_count (CdWindow *self,
                 guint     count)
{
  g_autofree char *text = count > 99 ? g_strdup ("99+") : g_strdup_printf ("%u", count);

  gtk_label_set_label (self->complaints_badge, text);
  gtk_widget_set_visible (GTK_WIDGET (self->complaints_badge), count > 0);

  if (count > 0)
    {
      g_autofree char *description =
        g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                      "%u overdue follow-up",
                                      "%u overdue follow-ups",
                                      count),
                         count);

      gtk_accessible_update_property (GTK_ACCESSIBLE (self->complaints_row),
                                      GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, description,
                                      -1);
    }
  else
    {
      gtk_accessible_reset_property (GTK_ACCESSIBLE (self->complaints_row),
                                     GTK_ACCESSIBLE_PROPERTY_DESCRIPTION);
    }
}

/* Until the complaints view is built (just after the first frame), the
 * badge is counted here. */
static void
count_badge (CdWindow *self)
{
  g_autoptr(GError) error = NULL;
  gint64 staff_id = cd_store_get_staff_id (self->store);
  gint64 count = staff_id != 0 ? cd_followups_count_overdue (self->store, staff_id, &error) : 0;

  if (count < 0)
    {
      g_warning ("Could not count overdue follow-ups: %s", error->message);
      count = 0;
    }
  set_badge_count (self, (guint) MIN (count, (gint64) G_MAXUINT));
}

static void
on_complaints_view_badge_count_changed_cb (CdWindow   *self,
                                           GParamSpec *pspec,
                                           GObject    *view)
{
  set_badge_count (self, cd_complaints_view_get_badge_count (CD_COMPLAINTS_VIEW (view)));
}

/* The complaints view keeps the badge once it is there. */
static void
follow_complaints_badge (CdWindow *self)
{
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->views[3]),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Complaints & follow-ups"),
                                  -1);

  self->badge_handler =
    g_signal_connect_object (self->views[3], "notify::badge-count",
                             G_CALLBACK (on_complaints_view_badge_count_changed_cb),
                             self, G_CONNECT_SWAPPED);
  on_complaints_view_badge_count_changed_cb (self, NULL, G_OBJECT (self->views[3]));
}

static void
clear_views (CdWindow *self)
{
  cancel_prebuild (self);
  if (self->badge_handler != 0 && self->views[3] != NULL)
    g_clear_signal_handler (&self->badge_handler, self->views[3]);
  self->badge_handler = 0;

  for (guint i = 0; i < N_VIEWS; i++)
    {
      if (self->views[i] != NULL)
        gtk_box_remove (get_slot (self, i), self->views[i]);
      self->views[i] = NULL;
    }

  if (self->search_page != NULL)
    gtk_box_remove (self->search_slot, GTK_WIDGET (self->search_page));
  self->search_page = NULL;

  set_badge_count (self, 0);
}

static GtkWidget *
new_view (CdWindow *self,
          guint     index)
{
  switch (index)
    {
    case 0: return cd_overview_view_new (self->store);
    case 1: return cd_customers_view_new (self->store);
    case 2: return cd_tickets_view_new (self->store);
    case 3: return cd_complaints_view_new (self->store);
    case 4: return cd_training_view_new (self->store);
    case 5: return cd_knowledge_view_new (self->store);
    default: g_assert_not_reached ();
    }
}

/* A view is made the first time it is shown, so that start-up builds
 * only the one on screen. */
static void
ensure_view (CdWindow *self,
             guint     index)
{
  g_assert (index < N_VIEWS);

  if (self->views[index] != NULL || self->store == NULL)
    return;

  self->views[index] = new_view (self, index);
  gtk_widget_set_vexpand (self->views[index], TRUE);
  gtk_box_append (get_slot (self, index), self->views[index]);

  if (index == 3)
    follow_complaints_badge (self);
  if (index == 5)
    g_signal_connect_object (self->views[index], "open-record",
                             G_CALLBACK (on_knowledge_view_open_record_cb), self, G_CONNECT_SWAPPED);
}

/* The search results are made when a search begins, or in the
 * background after the first frame, whichever comes first. */
static void
ensure_search_page (CdWindow *self)
{
  if (self->search_page != NULL || g_strcmp0 (self->store_page, "main") != 0)
    return;

  self->search_page = CD_SEARCH_PAGE (cd_search_page_new (self->store));
  gtk_widget_set_vexpand (GTK_WIDGET (self->search_page), TRUE);
  g_object_bind_property (self->leaflet, "folded", self->search_page, "show-entry", G_BINDING_SYNC_CREATE);
  cd_search_page_set_indexer (self->search_page, self->indexer);
  g_signal_connect_object (self->search_page, "notify::text",
                           G_CALLBACK (on_search_page_text_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->search_page, "result-activated",
                           G_CALLBACK (on_search_page_result_activated_cb), self, G_CONNECT_SWAPPED);
  gtk_box_append (self->search_slot, GTK_WIDGET (self->search_page));
}

/* The complaints view (which keeps the badge current), the views with
 * big lists (Customers, then Tickets) and the search results are built
 * once the window has drawn its first frame, one per idle moment, so
 * that the first visit to them does not wait for their construction.
 * Then the complaints view reads its lists, which it otherwise does only
 * when shown. */
static const guint prebuilt_views[] = { 3, 1, 2 };

static gboolean
prebuild_cb (gpointer user_data)
{
  CdWindow *self = user_data;

  for (guint i = 0; i < G_N_ELEMENTS (prebuilt_views); i++)
    if (self->views[prebuilt_views[i]] == NULL)
      {
        ensure_view (self, prebuilt_views[i]);
        return G_SOURCE_CONTINUE;
      }
  if (self->search_page == NULL)
    {
      ensure_search_page (self);
      return G_SOURCE_CONTINUE;
    }

  cd_complaints_view_prefill (CD_COMPLAINTS_VIEW (self->views[3]));
  self->prebuild_id = 0;
  return G_SOURCE_REMOVE;
}

static void
stop_waiting_for_paint (CdWindow *self)
{
  if (self->after_paint_handler != 0)
    g_signal_handler_disconnect (self->after_paint_clock, self->after_paint_handler);
  self->after_paint_handler = 0;
  g_clear_object (&self->after_paint_clock);
}

static void
on_after_paint_cb (GdkFrameClock *clock,
                   CdWindow      *self)
{
  stop_waiting_for_paint (self);
  if (self->prebuild_id == 0 && self->store != NULL)
    self->prebuild_id = g_idle_add_full (G_PRIORITY_LOW, prebuild_cb, self, NULL);
}

static void
arm_prebuild (CdWindow *self)
{
  GdkFrameClock *clock;

  if (self->after_paint_handler != 0 || self->prebuild_id != 0)
    return;
  clock = gtk_widget_get_frame_clock (GTK_WIDGET (self));
  if (clock == NULL)
    return;

  self->after_paint_clock = g_object_ref (clock);
  self->after_paint_handler = g_signal_connect (clock, "after-paint",
                                                G_CALLBACK (on_after_paint_cb), self);
}

static void
cancel_prebuild (CdWindow *self)
{
  stop_waiting_for_paint (self);
  g_clear_handle_id (&self->prebuild_id, g_source_remove);
}

static void
build_views (CdWindow *self)
{
  g_assert (self->store != NULL);

  /* The complaints view keeps the sidebar's overdue badge (hidden, it
   * only counts; it reads its lists when shown). It is built first thing
   * after the first frame; until then the badge is counted here. */
  count_badge (self);

  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    arm_prebuild (self);
}

static void
update_unknown_user_page (CdWindow *self)
{
  g_autofree char *managers = NULL;
  g_autofree char *description = NULL;
  const char *login = self->unknown_login != NULL ? self->unknown_login : g_get_user_name ();

  if (self->store != NULL)
    {
      g_autoptr(GError) error = NULL;

      managers = cd_staff_describe_managers (self->store, &error);
      if (error != NULL)
        g_warning ("Could not list the administrators and team leads: %s", error->message);
    }

  if (managers != NULL)
    description = g_markup_printf_escaped (_("You are signed in to this computer as “%s”, and nobody with that login "
                                             "works with this database. Ask one of these people to add “%s” under "
                                             "Main Menu → Team in their Caredesk: %s. Then try again, or choose "
                                             "another database."),
                                           login, login, managers);
  else
    description = g_markup_printf_escaped (_("You are signed in to this computer as “%s”, and nobody with that login "
                                             "works with this database. Ask whoever manages it to add you to its "
                                             "staff, then try again, or choose another database."),
                                           login);

  adw_status_page_set_description (self->unknown_user_page, description);
}

static void
update_subtitle (CdWindow *self)
{
  const char *subtitle = "";

  if (self->store != NULL && cd_store_is_read_only (self->store))
    subtitle = _("Read-only");

  if (g_strcmp0 (self->subtitle, subtitle) == 0)
    return;

  g_free (self->subtitle);
  self->subtitle = g_strdup (subtitle);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SUBTITLE]);
}

/* Whoever may add the person can change while the page is shown. */
static void
on_store_staff_changed_cb (CdWindow *self,
                           CdChange *change,
                           CdStore  *store)
{
  if (g_strcmp0 (self->store_page, "unknown-user") == 0)
    update_unknown_user_page (self);
}

static void
apply_store (CdWindow   *self,
             CdStore    *store,
             gboolean    unknown_user,
             const char *login)
{
  if (store != NULL)
    g_object_ref (store);

  gtk_spinner_stop (self->opening_spinner);

  clear_views (self);
  g_clear_object (&self->store);
  self->store = store;
  g_signal_group_set_target (self->store_signals, store);

  update_subtitle (self);

  if (self->store == NULL)
    {
      self->store_page = "no-database";
    }
  else if (unknown_user || cd_store_get_staff_id (self->store) == 0)
    {
      g_free (self->unknown_login);
      self->unknown_login = g_strdup (login);
      update_unknown_user_page (self);
      self->store_page = "unknown-user";
    }
  else
    {
      g_autofree char *last_view = NULL;
      int index;

      build_views (self);

      if (self->settings != NULL)
        last_view = g_settings_get_string (self->settings, "last-view");
      index = view_index (last_view);

      if (index < 0)
        index = 0;
      ensure_view (self, (guint) index);
      select_view (self, (guint) index);
      self->store_page = "main";
    }
  gtk_stack_set_visible_child_name (self->main_stack, self->store_page);

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STORE]);
}

/* Recent databases -------------------------------------------------------- */

static char *
dup_display_path (const char *path)
{
  g_autofree char *display = g_filename_display_name (path);
  const char *home = g_get_home_dir ();
  gsize home_len = strlen (home);

  if (home_len > 1 && g_str_has_prefix (path, home) && path[home_len] == G_DIR_SEPARATOR)
    {
      g_autofree char *home_display = g_filename_display_name (home);

      if (g_str_has_prefix (display, home_display))
        return g_strconcat ("~", display + strlen (home_display), NULL);
    }

  return g_steal_pointer (&display);
}

static void
update_recent_menu (CdWindow *self)
{
  g_auto(GStrv) recent = NULL;

  g_menu_remove_all (self->recent_menu);

  if (self->settings == NULL)
    return;

  recent = g_settings_get_strv (self->settings, "recent-databases");

  for (guint i = 0; recent[i] != NULL; i++)
    {
      g_autoptr(GMenuItem) item = NULL;
      g_autofree char *display = dup_display_path (recent[i]);
      g_auto(GStrv) parts = g_strsplit (display, "_", -1);
      /* A menu label takes "_" for a mnemonic; "__" is a plain underscore. */
      g_autofree char *label = g_strjoinv ("__", parts);

      item = g_menu_item_new (label, NULL);
      g_menu_item_set_action_and_target_value (item, "app.open-recent",
                                               g_variant_new_bytestring (recent[i]));
      g_menu_append_item (self->recent_menu, item);
    }

  if (recent[0] == NULL)
    g_menu_append (self->recent_menu, _("No Recent Databases"), "app.no-recent");
}

static void
on_settings_recent_databases_changed_cb (CdWindow   *self,
                                         const char *key,
                                         GSettings  *settings)
{
  update_recent_menu (self);
}

/* Actions ----------------------------------------------------------------- */

static void
shell_search_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  CdWindow *self = CD_WINDOW (widget);

  if (!g_str_equal (gtk_stack_get_visible_child_name (self->main_stack), "main"))
    return;

  if (adw_leaflet_get_folded (self->leaflet))
    adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_BACK);

  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

static void
shell_show_view_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  CdWindow *self = CD_WINDOW (widget);

  cd_window_show_view (self, g_variant_get_string (parameter, NULL));
}

/* Records link to one another across views (a customer's tickets, a
 * ticket's customer): the views ask the window to show the other view. */
static void
shell_open_ticket_action (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *parameter)
{
  gint64 id = g_variant_get_int64 (parameter);

  if (id > 0)
    cd_window_open_ticket (CD_WINDOW (widget), id);
}

static void
shell_open_customer_action (GtkWidget  *widget,
                            const char *action_name,
                            GVariant   *parameter)
{
  gint64 id = g_variant_get_int64 (parameter);

  if (id > 0)
    cd_window_open_customer (CD_WINDOW (widget), id);
}

static void
shell_navigate_back_action (GtkWidget  *widget,
                            const char *action_name,
                            GVariant   *parameter)
{
  CdWindow *self = CD_WINDOW (widget);
  CdTicketsView *tickets = CD_TICKETS_VIEW (self->views[2]);

  /* The one back arrow of a ticket's page leads to the list first. */
  if (tickets != NULL &&
      g_strcmp0 (gtk_stack_get_visible_child_name (self->view_stack), CD_VIEW_TICKETS) == 0 &&
      cd_tickets_view_is_ticket_shown (tickets))
    {
      gtk_widget_activate_action (cd_tickets_view_get_ticket_page (tickets), "ticket.back", NULL);
      return;
    }
  /* And a customer's page, when it stands in place of the list, to the
   * list. */
  if (self->views[1] != NULL &&
      g_strcmp0 (gtk_stack_get_visible_child_name (self->view_stack), CD_VIEW_CUSTOMERS) == 0)
    {
      GtkWidget *page = cd_customers_view_get_customer_page (CD_CUSTOMERS_VIEW (self->views[1]));
      gboolean page_has_back = FALSE;

      g_object_get (page, "show-back-button", &page_has_back, NULL);
      if (page_has_back && gtk_widget_get_mapped (page))
        {
          gtk_widget_activate_action (self->views[1], "customers.back", NULL);
          return;
        }
    }
  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_BACK);
}

/* GObject ----------------------------------------------------------------- */

static gboolean
cd_window_close_request (GtkWindow *window)
{
  cd_window_save_state (CD_WINDOW (window));

  return GTK_WINDOW_CLASS (cd_window_parent_class)->close_request (window);
}

static void
cd_window_constructed (GObject *object)
{
  CdWindow *self = CD_WINDOW (object);

  G_OBJECT_CLASS (cd_window_parent_class)->constructed (object);

  if (self->settings != NULL)
    {
      gtk_window_set_default_size (GTK_WINDOW (self),
                                   g_settings_get_int (self->settings, "window-width"),
                                   g_settings_get_int (self->settings, "window-height"));
      if (g_settings_get_boolean (self->settings, "window-maximized"))
        gtk_window_maximize (GTK_WINDOW (self));

      g_signal_connect_object (self->settings, "changed::recent-databases",
                               G_CALLBACK (on_settings_recent_databases_changed_cb),
                               self, G_CONNECT_SWAPPED);
    }

  update_recent_menu (self);
}

static void
cd_window_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  CdWindow *self = CD_WINDOW (object);

  switch (prop_id)
    {
    case PROP_SETTINGS:
      g_value_set_object (value, self->settings);
      break;

    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;

    case PROP_SUBTITLE:
      g_value_set_string (value, self->subtitle);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cd_window_set_property (GObject      *object,
                        guint         prop_id,
                        const GValue *value,
                        GParamSpec   *pspec)
{
  CdWindow *self = CD_WINDOW (object);

  switch (prop_id)
    {
    case PROP_SETTINGS:
      self->settings = g_value_dup_object (value);
      break;

    case PROP_STORE:
      cd_window_set_store (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

/* The shortcuts window is built the first time it is asked for, not with
 * every main window (GTK would build it at once from gtk/help-overlay.ui).
 * Once set, GTK's own "show-help-overlay" action replaces this one. */
static void
show_help_overlay_action (GSimpleAction *action,
                          GVariant      *parameter,
                          gpointer       user_data)
{
  GtkApplicationWindow *self = user_data;
  g_autoptr(GtkBuilder) builder =
    gtk_builder_new_from_resource (RESOURCE_PREFIX "/common/cd-help-overlay.ui");
  GtkShortcutsWindow *overlay = GTK_SHORTCUTS_WINDOW (gtk_builder_get_object (builder, "help_overlay"));

  /* GTK adds its own action only where none of that name exists. */
  g_action_map_remove_action (G_ACTION_MAP (self), "show-help-overlay");
  gtk_application_window_set_help_overlay (self, overlay);
  g_action_group_activate_action (G_ACTION_GROUP (self), "show-help-overlay", NULL);
}

/* A menu button makes its popover menu as soon as it has a model; the
 * main menu is given to each of the three only when first opened. */
static void
create_primary_menu_cb (GtkMenuButton *button,
                        gpointer       user_data)
{
  CdWindow *self = user_data;

  if (gtk_menu_button_get_menu_model (button) == NULL)
    gtk_menu_button_set_menu_model (button, self->primary_menu);
}

/* On X11, GTK gives the window manager the window's icon drawn from the
 * application's SVG icon, which brings in librsvg (7 MB) and draws it
 * before the first frame. Nothing in the window shows that icon (GNOME
 * Shell takes it from the desktop file), so the windows get it once the
 * first frame is drawn. */
static gboolean
set_icon_cb (gpointer user_data)
{
  gtk_window_set_default_icon_name (APP_ID);
  gtk_window_set_icon_name (GTK_WINDOW (user_data), APP_ID);
  return G_SOURCE_REMOVE;
}

static void
on_first_paint_cb (GdkFrameClock *clock,
                   CdWindow      *self)
{
  g_signal_handlers_disconnect_by_func (clock, on_first_paint_cb, self);
  g_idle_add_full (G_PRIORITY_LOW, set_icon_cb, g_object_ref (self), g_object_unref);
}

static void
cd_window_map (GtkWidget *widget)
{
  CdWindow *self = CD_WINDOW (widget);

  GTK_WIDGET_CLASS (cd_window_parent_class)->map (widget);

  if (gtk_window_get_icon_name (GTK_WINDOW (self)) == NULL)
    g_signal_connect_object (gtk_widget_get_frame_clock (widget), "after-paint",
                             G_CALLBACK (on_first_paint_cb), self, 0);
  sync_status_page_icons (self);
  if (self->store != NULL)
    arm_prebuild (self);
}

static void
cd_window_unmap (GtkWidget *widget)
{
  stop_waiting_for_paint (CD_WINDOW (widget));

  GTK_WIDGET_CLASS (cd_window_parent_class)->unmap (widget);
}

static void
cd_window_dispose (GObject *object)
{
  CdWindow *self = CD_WINDOW (object);

  cancel_prebuild (self);
  for (guint i = 0; i < N_VIEWS; i++)
    self->views[i] = NULL;
  self->badge_handler = 0;
  if (self->store_signals != NULL)
    g_signal_group_set_target (self->store_signals, NULL);
  g_clear_object (&self->store_signals);
  self->search_page = NULL;
  if (self->indexer_signals != NULL)
    g_signal_group_set_target (self->indexer_signals, NULL);
  g_clear_object (&self->indexer_signals);
  g_clear_object (&self->indexer);

  gtk_widget_dispose_template (GTK_WIDGET (self), CD_TYPE_WINDOW);

  g_clear_object (&self->store);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (cd_window_parent_class)->dispose (object);
}

static void
cd_window_finalize (GObject *object)
{
  CdWindow *self = CD_WINDOW (object);

  g_free (self->subtitle);
  g_free (self->unknown_login);

  G_OBJECT_CLASS (cd_window_parent_class)->finalize (object);
}

static void
cd_window_class_init (CdWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->constructed = cd_window_constructed;
  object_class->get_property = cd_window_get_property;
  object_class->set_property = cd_window_set_property;
  object_class->dispose = cd_window_dispose;
  widget_class->map = cd_window_map;
  widget_class->unmap = cd_window_unmap;
  object_class->finalize = cd_window_finalize;

  window_class->close_request = cd_window_close_request;

  properties[PROP_SETTINGS] =
    g_param_spec_object ("settings", NULL, NULL,
                         G_TYPE_SETTINGS,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL,
                         CD_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /* "Read-only" when the store cannot be written, else empty. */
  properties[PROP_SUBTITLE] =
    g_param_spec_string ("subtitle", NULL, NULL,
                         "",
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (CD_TYPE_COMPLAINTS_VIEW);
  g_type_ensure (CD_TYPE_SAVING_INDICATOR);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/cd-window.ui");
  gtk_widget_class_bind_template_child (widget_class, CdWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, CdWindow, main_stack);
  gtk_widget_class_bind_template_child (widget_class, CdWindow, no_database_page);
  gtk_widget_class_bind_template_child (widget_class, CdWindow, unknown_user_page);
  gtk_widget_class_bind_template_child (widget_class, CdWindow, opening_page);
  gtk_widget_class_bind_template_child (widget_class, CdWindow, opening_spinner);
  gtk_widget_class_bind_template_child (widget_class, CdWindow, leaflet);
  gtk_widget_class_bind_template_child (widget_class, CdWindow, sidebar_title);
  gtk_widget_class_bind_template_child (widget_class, CdWindow, search_entry);
  gtk_widget_class_bind_template_child (widget_class, CdWindow, sidebar_list);
  gtk_widget_class_bind_template_child (widget_class, CdWindow, overview_row);
  gtk_widget_class_bind_template_child (widget_class, CdWindow, customers_row);
  gtk_widget_class_bind_template_child (widget_class, CdWindow, tickets_row);
  gtk_widget_class_bind_template_child (widget_class, CdWindow, complaints_row);
  gtk_widget_class_bind_template_child (widget_class, CdWindow, training_row);
  gtk_widget_class_bind_template_child (widget_class, CdWindow, knowledge_row);
  gtk_widget_class_bind_template_child (widget_class, CdWindow, index_revealer);
  gtk_widget_class_bind_template_child (widget_class, CdWindow, index_label);
  gtk_widget_class_bind_template_child (widget_class, CdWindow, index_progress);
  gtk_widget_class_bind_template_child (widget_class, CdWindow, complaints_badge);
  gtk_widget_class_bind_template_child (widget_class, CdWindow, view_stack);
  gtk_widget_class_bind_template_child (widget_class, CdWindow, content_title);
  gtk_widget_class_bind_template_child (widget_class, CdWindow, primary_menu);
  gtk_widget_class_bind_template_child (widget_class, CdWindow, no_database_menu_button);
  gtk_widget_class_bind_template_child (widget_class, CdWindow, unknown_user_menu_button);
  gtk_widget_class_bind_template_child (widget_class, CdWindow, main_menu_button);
  gtk_widget_class_bind_template_child (widget_class, CdWindow, overview_slot);
  gtk_widget_class_bind_template_child (widget_class, CdWindow, customers_slot);
  gtk_widget_class_bind_template_child (widget_class, CdWindow, tickets_slot);
  gtk_widget_class_bind_template_child (widget_class, CdWindow, complaints_slot);
  gtk_widget_class_bind_template_child (widget_class, CdWindow, training_slot);
  gtk_widget_class_bind_template_child (widget_class, CdWindow, knowledge_slot);
  gtk_widget_class_bind_template_child (widget_class, CdWindow, search_slot);
  gtk_widget_class_bind_template_child (widget_class, CdWindow, recent_menu);
  gtk_widget_class_bind_template_callback (widget_class, on_sidebar_list_row_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_sidebar_list_row_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_view_stack_visible_child_name_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_main_stack_visible_child_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_view_stack_visible_child_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_search_entry_search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_search_entry_stop_search_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_search_entry_activate_cb);

  gtk_widget_class_install_action (widget_class, "shell.search", NULL, shell_search_action);
  gtk_widget_class_install_action (widget_class, "shell.show-view", "s", shell_show_view_action);
  gtk_widget_class_install_action (widget_class, "shell.navigate-back", NULL, shell_navigate_back_action);
  gtk_widget_class_install_action (widget_class, "shell.open-ticket", "x", shell_open_ticket_action);
  gtk_widget_class_install_action (widget_class, "shell.open-customer", "x", shell_open_customer_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK,
                                       "shell.search", NULL);
  for (guint i = 0; i < N_VIEWS; i++)
    gtk_widget_class_add_binding_action (widget_class, GDK_KEY_1 + i, GDK_ALT_MASK,
                                         "shell.show-view", "s", view_names[i]);
}

static void
cd_window_init (CdWindow *self)
{
  const GActionEntry entries[] = {
    { "show-help-overlay", show_help_overlay_action, NULL, NULL, NULL, { 0 } },
  };

  g_action_map_add_action_entries (G_ACTION_MAP (self), entries, G_N_ELEMENTS (entries), self);
  self->subtitle = g_strdup ("");
  self->view_before_search = -1;

  self->store_signals = g_signal_group_new (CD_TYPE_STORE);
  g_signal_group_connect_swapped (self->store_signals, "changed::" CD_CHANGE_STAFF,
                                  G_CALLBACK (on_store_staff_changed_cb), self);

  self->indexer_signals = g_signal_group_new (CD_TYPE_SEARCH_INDEXER);
  g_signal_group_connect_swapped (self->indexer_signals, "notify::progress", G_CALLBACK (on_indexer_changed_cb), self);
  g_signal_group_connect_swapped (self->indexer_signals, "notify::complete", G_CALLBACK (on_indexer_changed_cb), self);

  gtk_widget_init_template (GTK_WIDGET (self));
  {
    GtkEventController *keys = gtk_event_controller_key_new ();

    g_signal_connect (keys, "key-pressed", G_CALLBACK (on_search_entry_key_pressed_cb), self);
    gtk_widget_add_controller (GTK_WIDGET (self->search_entry), keys);
  }
#ifdef CD_DEVELOPMENT
  /* Striped header bars tell the development build from the release. */
  gtk_widget_add_css_class (GTK_WIDGET (self), "devel");
#endif

  gtk_menu_button_set_create_popup_func (self->no_database_menu_button, create_primary_menu_cb, self, NULL);
  gtk_menu_button_set_create_popup_func (self->unknown_user_menu_button, create_primary_menu_cb, self, NULL);
  gtk_menu_button_set_create_popup_func (self->main_menu_button, create_primary_menu_cb, self, NULL);

  self->store_page = "no-database";
  gtk_stack_set_visible_child_name (self->main_stack, self->store_page);
  sync_stack_accessible_pages (self->main_stack);
  sync_stack_accessible_pages (self->view_stack);
  update_content_title (self);
}

/* Public API -------------------------------------------------------------- */

CdWindow *
cd_window_new (GtkApplication *application,
               GSettings      *settings)
{
  g_return_val_if_fail (application == NULL || GTK_IS_APPLICATION (application), NULL);
  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);

  return g_object_new (CD_TYPE_WINDOW,
                       "application", application,
                       "settings", settings,
                       NULL);
}

CdStore *
cd_window_get_store (CdWindow *self)
{
  g_return_val_if_fail (CD_IS_WINDOW (self), NULL);

  return self->store;
}

void
cd_window_set_store (CdWindow *self,
                     CdStore  *store)
{
  g_return_if_fail (CD_IS_WINDOW (self));
  g_return_if_fail (store == NULL || CD_IS_STORE (store));

  apply_store (self, store, FALSE, NULL);
}

void
cd_window_show_opening (CdWindow   *self,
                        const char *path,
                        gboolean    upgrading)
{
  g_autofree char *display = NULL;
  g_autofree char *description = NULL;

  g_return_if_fail (CD_IS_WINDOW (self));
  g_return_if_fail (path != NULL);

  display = dup_display_path (path);
  if (upgrading)
    {
      adw_status_page_set_title (self->opening_page, _("Upgrading the Database…"));
      /* Translators: %s is a file name */
      description = g_strdup_printf (_("“%s” was made by an older Caredesk and is being brought up to date. "
                                       "This happens once and can take a minute for a large file. "
                                       "A backup of the file as it was is saved beside it."),
                                     display);
    }
  else
    {
      adw_status_page_set_title (self->opening_page, _("Opening the Database…"));
      description = g_steal_pointer (&display);
    }
  adw_status_page_set_description (self->opening_page, description);
  gtk_spinner_start (self->opening_spinner);
  gtk_stack_set_visible_child_name (self->main_stack, "opening");
}

void
cd_window_hide_opening (CdWindow *self)
{
  g_return_if_fail (CD_IS_WINDOW (self));

  gtk_spinner_stop (self->opening_spinner);
  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->main_stack), "opening") == 0)
    gtk_stack_set_visible_child_name (self->main_stack, self->store_page);
}

void
cd_window_show_unknown_user (CdWindow   *self,
                             CdStore    *store,
                             const char *login)
{
  g_return_if_fail (CD_IS_WINDOW (self));
  g_return_if_fail (CD_IS_STORE (store));

  apply_store (self, store, TRUE, login);
}

const char *
cd_window_get_visible_view (CdWindow *self)
{
  g_return_val_if_fail (CD_IS_WINDOW (self), NULL);

  return gtk_stack_get_visible_child_name (self->view_stack);
}

void
cd_window_show_view (CdWindow   *self,
                     const char *name)
{
  int index;

  g_return_if_fail (CD_IS_WINDOW (self));

  index = view_index (name);
  g_return_if_fail (index >= 0);

  ensure_view (self, (guint) index);
  select_view (self, (guint) index);
  adw_leaflet_set_visible_child_name (self->leaflet, "content");
}

void
cd_window_open_ticket (CdWindow *self,
                       gint64    ticket_id)
{
  g_return_if_fail (CD_IS_WINDOW (self));
  g_return_if_fail (ticket_id > 0);

  if (self->store == NULL)
    return;
  cd_window_show_view (self, CD_VIEW_TICKETS);
  cd_tickets_view_open_ticket (CD_TICKETS_VIEW (self->views[2]), ticket_id);
}

void
cd_window_open_customer (CdWindow *self,
                         gint64    customer_id)
{
  g_return_if_fail (CD_IS_WINDOW (self));
  g_return_if_fail (customer_id > 0);

  if (self->store == NULL)
    return;
  cd_window_show_view (self, CD_VIEW_CUSTOMERS);
  cd_customers_view_open_customer (CD_CUSTOMERS_VIEW (self->views[1]), customer_id);
}

CdComplaintsView *
cd_window_get_complaints_view (CdWindow *self)
{
  g_return_val_if_fail (CD_IS_WINDOW (self), NULL);

  return self->views[3] != NULL ? CD_COMPLAINTS_VIEW (self->views[3]) : NULL;
}

void
cd_window_open_training (CdWindow *self,
                         gint64    staff_id)
{
  g_return_if_fail (CD_IS_WINDOW (self));

  cd_window_show_view (self, CD_VIEW_TRAINING);
  if (self->views[4] == NULL)
    return;
  if (staff_id > 0)
    cd_training_view_show_record (CD_TRAINING_VIEW (self->views[4]), staff_id, 0);
  else
    cd_training_view_show_page (CD_TRAINING_VIEW (self->views[4]), CD_TRAINING_PAGE_COVERAGE);
}

void
cd_window_add_toast (CdWindow *self,
                     AdwToast *toast)
{
  g_return_if_fail (CD_IS_WINDOW (self));
  g_return_if_fail (ADW_IS_TOAST (toast));

  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

void
cd_window_save_state (CdWindow *self)
{
  int width, height;
  gboolean maximized;

  g_return_if_fail (CD_IS_WINDOW (self));

  if (self->settings == NULL)
    return;

  maximized = gtk_window_is_maximized (GTK_WINDOW (self));
  g_settings_set_boolean (self->settings, "window-maximized", maximized);

  if (!maximized)
    {
      gtk_window_get_default_size (GTK_WINDOW (self), &width, &height);
      if (width > 0 && height > 0)
        {
          g_settings_set_int (self->settings, "window-width", width);
          g_settings_set_int (self->settings, "window-height", height);
        }
    }
}

void
cd_window_open_complaint (CdWindow *self,
                          gint64    complaint_id,
                          gint64    followup_id)
{
  g_return_if_fail (CD_IS_WINDOW (self));
  g_return_if_fail (complaint_id > 0);

  if (self->store == NULL)
    return;
  cd_window_show_view (self, CD_VIEW_COMPLAINTS);
  if (followup_id > 0)
    cd_complaints_view_show_followup (CD_COMPLAINTS_VIEW (self->views[3]), followup_id);
  else
    cd_complaints_view_open_complaint (CD_COMPLAINTS_VIEW (self->views[3]), complaint_id);
}

void
cd_window_open_article (CdWindow *self,
                        gint64    article_id)
{
  g_return_if_fail (CD_IS_WINDOW (self));
  g_return_if_fail (article_id > 0);

  if (self->store == NULL)
    return;
  cd_window_show_view (self, CD_VIEW_KNOWLEDGE);
  cd_knowledge_view_show_article (CD_KNOWLEDGE_VIEW (self->views[5]), article_id);
}

void
cd_window_search (CdWindow   *self,
                  const char *text)
{
  g_return_if_fail (CD_IS_WINDOW (self));

  if (self->store == NULL || !g_str_equal (gtk_stack_get_visible_child_name (self->main_stack), "main"))
    return;
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), text != NULL ? text : "");
  if (adw_leaflet_get_folded (self->leaflet))
    adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_FORWARD);
  else
    gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
  gtk_editable_set_position (GTK_EDITABLE (self->search_entry), -1);
}

void
cd_window_set_search_indexer (CdWindow        *self,
                              CdSearchIndexer *indexer)
{
  g_return_if_fail (CD_IS_WINDOW (self));
  g_return_if_fail (indexer == NULL || CD_IS_SEARCH_INDEXER (indexer));

  g_set_object (&self->indexer, indexer);
  g_signal_group_set_target (self->indexer_signals, indexer);
  if (self->search_page != NULL)
    cd_search_page_set_indexer (self->search_page, indexer);
  update_index_progress (self);
}

CdSearchPage *
cd_window_get_search_page (CdWindow *self)
{
  g_return_val_if_fail (CD_IS_WINDOW (self), NULL);

  ensure_search_page (self);
  return self->search_page;
}

GtkWidget *
cd_window_get_view (CdWindow   *self,
                    const char *name)
{
  int index;

  g_return_val_if_fail (CD_IS_WINDOW (self), NULL);

  index = view_index (name);
  if (index < 0 || self->store == NULL)
    return NULL;
  ensure_view (self, (guint) index);
  return self->views[index];
}
