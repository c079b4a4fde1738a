/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "caredesk-search"

#include "config.h"

#include <glib/gi18n.h>

#include "cd-datetime.h"
#include "cd-search-page.h"

/* How long after the last change of the file the results are read again. */
#define REFRESH_DELAY_MS 700
/* Hits added by each "Show more". */
#define MORE_STEP 50

struct _CdSearchPage
{
  GtkWidget         parent_instance;

  CdStore          *store;
  char             *text;
  CdSearchResults  *results;
  GCancellable     *cancellable;      /* the search under way */
  GCancellable     *more_cancellable; /* a "Show more" under way */
  guint             limits[CD_SEARCH_N_KINDS];
  CdSearchKind      more_kind;        /* the last "Show more" */
  guint             more_from;
  gboolean          searching;
  guint             refresh_id;
  GSignalGroup     *store_signals;
  GSignalGroup     *indexer_signals;
  CdSearchIndexer  *indexer;

  /* Template widgets */
  GtkSearchEntry   *page_entry;
  GtkRevealer      *index_revealer;
  GtkLabel         *index_label;
  GtkProgressBar   *index_progress;
  GtkStack         *stack;
  AdwStatusPage    *none_page;
  GtkScrolledWindow *scrolled_window;
  GtkListBox       *results_list;
  GtkSpinner       *spinner;
};

enum {
  PROP_0,
  PROP_STORE,
  PROP_TEXT,
  PROP_SHOW_ENTRY,
  N_PROPS
};

enum {
  RESULT_ACTIVATED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (CdSearchPage, cd_search_page, GTK_TYPE_WIDGET)

static void run_search    (CdSearchPage  *self);
static void scroll_to_row (CdSearchPage  *self,
                           GtkListBoxRow *row);

/* Rows --------------------------------------------------------------------- */

/* What a row stands for, kept on it. */
typedef struct {
  CdSearchKind kind;
  gint64       id;
  gint64       target_id;
  gboolean     more;       /* "Show more" of its kind */
  guint        count;      /* the group's count, for its header */
  gboolean     count_more;
} RowData;

static RowData *
row_data (GtkListBoxRow *row)
{
  return g_object_get_data (G_OBJECT (row), "cd-search-row");
}

static GtkWidget *
markup_label (const char *markup,
              const char *style)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_markup (GTK_LABEL (label), markup);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  if (style != NULL)
    gtk_widget_add_css_class (label, style);
  return label;
}

static char *
hit_accessible_label (const CdSearchHit *hit)
{
  if (hit->detail != NULL && *hit->detail != '\0')
    /* Translators: a search result's title and its details, read out */
    return g_strdup_printf (_("%s, %s"), hit->title, hit->detail);
  return g_strdup (hit->title);
}

static GtkWidget *
make_hit_row (CdSearchPage      *self,
              const CdSearchHit *hit,
              guint              count,
              gboolean           count_more)
{
  CdSearchQuery *query = self->results->query;
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *texts = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *icon = gtk_image_new_from_icon_name (cd_search_kind_icon_name (hit->kind));
  g_autofree char *title = cd_search_query_highlight (query, hit->title);
  g_autofree char *accessible = hit_accessible_label (hit);
  RowData *data = g_new0 (RowData, 1);

  gtk_widget_add_css_class (icon, "dim-label");
  gtk_widget_set_valign (icon, GTK_ALIGN_START);
  gtk_widget_set_margin_top (icon, 2);
  gtk_accessible_update_property (GTK_ACCESSIBLE (icon), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  cd_search_kind_label (hit->kind), -1);
  gtk_box_append (GTK_BOX (box), icon);

  /* The title in regular weight, so that its matching words stand out
   * in bold. */
  gtk_box_append (GTK_BOX (texts), markup_label (title, NULL));
  if (hit->detail != NULL && *hit->detail != '\0')
    {
      g_autofree char *detail = cd_search_query_highlight (query, hit->detail);
      GtkWidget *label = markup_label (detail, "caption");

      gtk_widget_add_css_class (label, "dim-label");
      gtk_box_append (GTK_BOX (texts), label);
    }
  if (hit->excerpt != NULL && *hit->excerpt != '\0')
    {
      g_autofree char *excerpt = cd_search_query_highlight (query, hit->excerpt);
      GtkWidget *label = markup_label (excerpt, NULL);

      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
      gtk_label_set_lines (GTK_LABEL (label), 2);
      gtk_box_append (GTK_BOX (texts), label);
    }
  gtk_widget_set_hexpand (texts, TRUE);
  gtk_box_append (GTK_BOX (box), texts);

  if (hit->when > 0)
    {
      g_autofree char *when = cd_datetime_format_short (hit->when, cd_store_now (self->store));
      GtkWidget *label = gtk_label_new (when);

      gtk_widget_set_valign (label, GTK_ALIGN_START);
      gtk_widget_add_css_class (label, "dim-label");
      gtk_widget_add_css_class (label, "caption");
      gtk_widget_add_css_class (label, "numeric");
      gtk_box_append (GTK_BOX (box), label);
    }

  gtk_widget_set_margin_top (box, 8);
  gtk_widget_set_margin_bottom (box, 8);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, accessible, -1);

  data->kind = hit->kind;
  data->id = hit->id;
  data->target_id = hit->target_id;
  data->count = count;
  data->count_more = count_more;
  g_object_set_data_full (G_OBJECT (row), "cd-search-row", data, g_free);
  return row;
}

static GtkWidget *
make_more_row (CdSearchKind kind,
               guint        shown,
               guint        count,
               gboolean     count_more)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *label;
  g_autofree char *text = NULL;
  RowData *data = g_new0 (RowData, 1);
  guint next = MIN (count - shown, MORE_STEP);

  /* Translators: a button under search results; %u is how many more are shown */
  text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Show %u More", "Show %u More", next), next);
  label = gtk_label_new (text);
  gtk_widget_add_css_class (label, "dim-label");
  gtk_widget_set_margin_top (label, 10);
  gtk_widget_set_margin_bottom (label, 10);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), label);

  data->kind = kind;
  data->more = TRUE;
  data->count = count;
  data->count_more = count_more;
  g_object_set_data_full (G_OBJECT (row), "cd-search-row", data, g_free);
  return row;
}

/* A group's name and count above its first row. */
static void
update_header (GtkListBoxRow *row,
               GtkListBoxRow *before,
               gpointer       user_data)
{
  RowData *data = row_data (row);
  RowData *prev = before != NULL ? row_data (before) : NULL;
  GtkWidget *header, *name, *count;
  g_autofree char *count_text = NULL;
  g_autofree char *accessible = NULL;

  if (data == NULL || (prev != NULL && prev->kind == data->kind))
    {
      gtk_list_box_row_set_header (row, NULL);
      return;
    }

  header = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
  name = gtk_label_new (cd_search_kind_label (data->kind));
  gtk_widget_add_css_class (name, "heading");
  gtk_box_append (GTK_BOX (header), name);

  if (data->count_more)
    /* Translators: the number of matches when there are more than can be counted */
    count_text = g_strdup_printf (_("%u+"), data->count);
  else
    count_text = g_strdup_printf ("%u", data->count);
  count = gtk_label_new (count_text);
  gtk_widget_add_css_class (count, "dim-label");
  gtk_widget_add_css_class (count, "numeric");
  gtk_box_append (GTK_BOX (header), count);

  accessible = data->count_more
               /* Translators: a group of search results, e.g. "Tickets, more than 1000 matches" */
               ? g_strdup_printf (_("%s, more than %u matches"), cd_search_kind_label (data->kind), data->count)
               : g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s, %u match", "%s, %u matches", data->count),
                                  cd_search_kind_label (data->kind), data->count);
  gtk_accessible_update_property (GTK_ACCESSIBLE (header), GTK_ACCESSIBLE_PROPERTY_LABEL, accessible, -1);

  gtk_widget_set_margin_top (header, before != NULL ? 18 : 6);
  gtk_widget_set_margin_bottom (header, 6);
  gtk_widget_set_margin_start (header, 6);
  gtk_widget_add_css_class (header, "cd-search-header");
  gtk_list_box_row_set_header (row, header);
}

static GtkListBoxRow *
first_hit_row (CdSearchPage *self)
{
  GtkListBoxRow *row = gtk_list_box_get_row_at_index (self->results_list, 0);

  return row;
}

static void
show_results (CdSearchPage *self)
{
  GtkWidget *child;
  GtkListBoxRow *first;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->results_list))) != NULL)
    gtk_list_box_remove (self->results_list, child);

  if (self->results == NULL || self->text == NULL || *self->text == '\0')
    {
      gtk_stack_set_visible_child_name (self->stack, "start");
      return;
    }
  if (self->results->groups->len == 0)
    {
      g_autofree char *title = g_strdup_printf (_("No Results for “%s”"), self->text);

      adw_status_page_set_title (self->none_page, title);
      gtk_stack_set_visible_child_name (self->stack, "none");
      return;
    }

  for (guint g = 0; g < self->results->groups->len; g++)
    {
      CdSearchGroup *group = g_ptr_array_index (self->results->groups, g);

      for (guint i = 0; i < group->hits->len; i++)
        gtk_list_box_append (self->results_list,
                             make_hit_row (self, g_ptr_array_index (group->hits, i), group->count, group->more));
      if (group->count > group->hits->len)
        gtk_list_box_append (self->results_list,
                             make_more_row (group->kind, group->hits->len, group->count, group->more));
    }

  gtk_stack_set_visible_child_name (self->stack, "results");
  first = first_hit_row (self);
  if (first != NULL)
    gtk_list_box_select_row (self->results_list, first);
  gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (self->scrolled_window), 0);
}

/* Searching ---------------------------------------------------------------- */

static void
set_searching (CdSearchPage *self,
               gboolean      searching)
{
  self->searching = searching;
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), searching);
  if (searching)
    gtk_spinner_start (self->spinner);
  else
    gtk_spinner_stop (self->spinner);
}

static void
update_index_banner (CdSearchPage *self)
{
  gboolean show = self->indexer != NULL && !cd_search_indexer_is_complete (self->indexer) &&
                  self->text != NULL && *self->text != '\0';

  if (self->indexer != NULL)
    {
      double progress = cd_search_indexer_get_progress (self->indexer);
      g_autofree char *text =
        /* Translators: %d is a percentage */
        g_strdup_printf (_("This database is still being prepared for search (%d %% done): older records may "
                           "be missing from the results."), (int) (progress * 100));

      gtk_label_set_text (self->index_label, text);
      gtk_progress_bar_set_fraction (self->index_progress, progress);
    }
  gtk_revealer_set_reveal_child (self->index_revealer, show);
}

static void
search_done_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(CdSearchPage) self = user_data;
  g_autoptr(GError) error = NULL;
  CdSearchResults *results = cd_search_run_finish (CD_STORE (source), result, &error);

  if (results == NULL && g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (self->store == NULL)
    {
      g_clear_pointer (&results, cd_search_results_free);
      return;
    }
  set_searching (self, FALSE);
  g_clear_object (&self->cancellable);
  if (results == NULL)
    {
      adw_status_page_set_title (self->none_page, _("Search Failed"));
      adw_status_page_set_description (self->none_page, error->message);
      gtk_stack_set_visible_child_name (self->stack, "none");
      return;
    }
  /* A text changed while this ran: its own search follows. */
  if (g_strcmp0 (cd_search_query_get_text (results->query), self->text) != 0)
    {
      cd_search_results_free (results);
      return;
    }

  g_clear_pointer (&self->results, cd_search_results_free);
  self->results = results;
  adw_status_page_set_description (self->none_page,
                                   _("Try part of a name, a phone number, a ticket number such as T-000123, "
                                     "or fewer words."));
  show_results (self);
  update_index_banner (self);
}

static void
run_search (CdSearchPage *self)
{
  g_autoptr(CdSearchQuery) query = NULL;

  g_clear_handle_id (&self->refresh_id, g_source_remove);
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  if (self->more_cancellable != NULL)
    g_cancellable_cancel (self->more_cancellable);
  g_clear_object (&self->more_cancellable);

  query = cd_search_query_new (self->text);
  if (self->store == NULL || cd_search_query_is_empty (query))
    {
      set_searching (self, FALSE);
      g_clear_pointer (&self->results, cd_search_results_free);
      if (self->text != NULL && *self->text != '\0' && self->store != NULL)
        {
          self->results = g_new0 (CdSearchResults, 1);
          self->results->query = g_steal_pointer (&query);
          self->results->groups = g_ptr_array_new ();
          adw_status_page_set_description (self->none_page,
                                           _("Type letters, digits or Chinese characters to search for."));
        }
      show_results (self);
      update_index_banner (self);
      return;
    }

  self->cancellable = g_cancellable_new ();
  set_searching (self, TRUE);
  cd_search_run_async (self->store, query, CD_SEARCH_ALL_KINDS, CD_SEARCH_PAGE_GROUP_LIMIT,
                       self->cancellable, search_done_cb, g_object_ref (self));
}

/* "Show more" ---------------------------------------------------------------- */

static void
more_done_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(CdSearchPage) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(CdSearchResults) more = cd_search_run_finish (CD_STORE (source), result, &error);

  if (more == NULL || self->results == NULL ||
      g_strcmp0 (cd_search_query_get_text (more->query), cd_search_query_get_text (self->results->query)) != 0)
    return;
  g_clear_object (&self->more_cancellable);

  for (guint i = 0; i < more->groups->len; i++)
    {
      CdSearchGroup *group = g_ptr_array_index (more->groups, i);

      for (guint j = 0; j < self->results->groups->len; j++)
        if (((CdSearchGroup *) g_ptr_array_index (self->results->groups, j))->kind == group->kind)
          {
            /* The group keeps its place; only its rows grow. */
            GPtrArray *groups = self->results->groups;
            gpointer old = g_ptr_array_index (groups, j);

            g_ptr_array_index (groups, j) = g_ptr_array_steal_index (more->groups, i);
            g_ptr_array_insert (more->groups, (gint) i, old);
            break;
          }
    }

  show_results (self);

  /* The first new hit takes the place of "Show more", selected. */
  for (int i = 0; ; i++)
    {
      GtkListBoxRow *row = gtk_list_box_get_row_at_index (self->results_list, i);
      RowData *data = row != NULL ? row_data (row) : NULL;

      if (row == NULL)
        break;
      if (data->kind == self->more_kind)
        {
          GtkListBoxRow *next = gtk_list_box_get_row_at_index (self->results_list, i + (int) self->more_from);

          if (next != NULL)
            {
              gtk_list_box_select_row (self->results_list, next);
              scroll_to_row (self, next);
            }
          break;
        }
    }
}

static void
show_more (CdSearchPage *self,
           CdSearchKind  kind)
{
  CdSearchGroup *group = self->results != NULL ? cd_search_results_get_group (self->results, kind) : NULL;

  if (group == NULL)
    return;
  self->limits[kind] = group->hits->len + MORE_STEP;
  self->more_kind = kind;
  self->more_from = group->hits->len;
  if (self->more_cancellable != NULL)
    g_cancellable_cancel (self->more_cancellable);
  g_clear_object (&self->more_cancellable);
  self->more_cancellable = g_cancellable_new ();
  cd_search_run_async (self->store, self->results->query, CD_SEARCH_KIND_BIT (kind), self->limits[kind],
                       self->more_cancellable, more_done_cb, g_object_ref (self));
}

/* Opening ----------------------------------------------------------------------- */

static void
activate_row (CdSearchPage  *self,
              GtkListBoxRow *row)
{
  RowData *data = row != NULL ? row_data (row) : NULL;

  if (data == NULL)
    return;
  if (data->more)
    show_more (self, data->kind);
  else
    g_signal_emit (self, signals[RESULT_ACTIVATED], 0, (guint) data->kind, data->target_id, data->id);
}

static void
on_results_list_row_activated_cb (CdSearchPage  *self,
                                  GtkListBoxRow *row,
                                  GtkListBox    *list)
{
  activate_row (self, row);
}

static void
scroll_to_row (CdSearchPage  *self,
               GtkListBoxRow *row)
{
  GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (self->scrolled_window);
  graphene_rect_t bounds;
  double value, page;

  if (!gtk_widget_compute_bounds (GTK_WIDGET (row), GTK_WIDGET (self->results_list), &bounds))
    return;
  value = gtk_adjustment_get_value (adjustment);
  page = gtk_adjustment_get_page_size (adjustment);
  /* The group's name above its first row stays in sight too. */
  if (bounds.origin.y - 40 < value)
    gtk_adjustment_set_value (adjustment, MAX (bounds.origin.y - 40, 0));
  else if (bounds.origin.y + bounds.size.height > value + page)
    gtk_adjustment_set_value (adjustment, bounds.origin.y + bounds.size.height - page);
}

gboolean
cd_search_page_move_selection (CdSearchPage *self,
                               int           delta)
{
  GtkListBoxRow *selected, *next;
  int index;

  g_return_val_if_fail (CD_IS_SEARCH_PAGE (self), FALSE);

  if (!g_str_equal (gtk_stack_get_visible_child_name (self->stack), "results"))
    return FALSE;
  selected = gtk_list_box_get_selected_row (self->results_list);
  index = selected != NULL ? gtk_list_box_row_get_index (selected) + delta : 0;
  index = MAX (index, 0);
  next = gtk_list_box_get_row_at_index (self->results_list, index);
  if (next == NULL)
    {
      /* Past the last: it stays there. */
      if (selected == NULL)
        return FALSE;
      next = selected;
    }
  gtk_list_box_select_row (self->results_list, next);
  scroll_to_row (self, next);
  return TRUE;
}

gboolean
cd_search_page_activate_selected (CdSearchPage *self)
{
  GtkListBoxRow *row;

  g_return_val_if_fail (CD_IS_SEARCH_PAGE (self), FALSE);

  if (!g_str_equal (gtk_stack_get_visible_child_name (self->stack), "results"))
    return FALSE;
  row = gtk_list_box_get_selected_row (self->results_list);
  if (row == NULL)
    row = first_hit_row (self);
  if (row == NULL)
    return FALSE;
  activate_row (self, row);
  return TRUE;
}

/* The page's entry ----------------------------------------------------------------- */

static void
on_page_entry_search_changed_cb (CdSearchPage   *self,
                                 GtkSearchEntry *entry)
{
  cd_search_page_set_text (self, gtk_editable_get_text (GTK_EDITABLE (entry)));
}

static void
on_page_entry_activate_cb (CdSearchPage   *self,
                           GtkSearchEntry *entry)
{
  cd_search_page_activate_selected (self);
}

static gboolean
on_entry_key_pressed_cb (GtkEventControllerKey *controller,
                         guint                  keyval,
                         guint                  keycode,
                         GdkModifierType        state,
                         CdSearchPage          *self)
{
  switch (keyval)
    {
    case GDK_KEY_Down:
    case GDK_KEY_KP_Down:
      return cd_search_page_move_selection (self, 1);
    case GDK_KEY_Up:
    case GDK_KEY_KP_Up:
      return cd_search_page_move_selection (self, -1);
    default:
      return GDK_EVENT_PROPAGATE;
    }
}

/* Changes -------------------------------------------------------------------------- */

static gboolean
refresh_cb (gpointer user_data)
{
  CdSearchPage *self = user_data;

  self->refresh_id = 0;
  if (self->text != NULL && *self->text != '\0' && gtk_widget_get_mapped (GTK_WIDGET (self)))
    run_search (self);
  return G_SOURCE_REMOVE;
}

/* Results follow what others change, a moment after they do. */
static void
on_store_changed_cb (CdSearchPage *self,
                     CdChange     *change,
                     CdStore      *store)
{
  if (self->text == NULL || *self->text == '\0' || self->refresh_id != 0)
    return;
  self->refresh_id = g_timeout_add (REFRESH_DELAY_MS, refresh_cb, self);
}

static void
on_indexer_progress_cb (CdSearchPage    *self,
                        GParamSpec      *pspec,
                        CdSearchIndexer *indexer)
{
  update_index_banner (self);
}

static void
on_indexer_complete_cb (CdSearchPage    *self,
                        GParamSpec      *pspec,
                        CdSearchIndexer *indexer)
{
  update_index_banner (self);
  if (self->text != NULL && *self->text != '\0')
    run_search (self);
}

/* GObject ------------------------------------------------------------------------------ */

static void
cd_search_page_map (GtkWidget *widget)
{
  CdSearchPage *self = CD_SEARCH_PAGE (widget);

  GTK_WIDGET_CLASS (cd_search_page_parent_class)->map (widget);
  /* Changes while it was hidden show now. */
  if (self->refresh_id != 0)
    {
      g_clear_handle_id (&self->refresh_id, g_source_remove);
      run_search (self);
    }
}

static void
cd_search_page_dispose (GObject *object)
{
  CdSearchPage *self = CD_SEARCH_PAGE (object);
  GtkWidget *child;

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  if (self->more_cancellable != NULL)
    g_cancellable_cancel (self->more_cancellable);
  g_clear_handle_id (&self->refresh_id, g_source_remove);
  g_signal_group_set_target (self->store_signals, NULL);
  g_signal_group_set_target (self->indexer_signals, NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), CD_TYPE_SEARCH_PAGE);
  /* The template's outer box has no id for dispose_template to find. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_clear_object (&self->store);
  g_clear_object (&self->indexer);
  g_clear_pointer (&self->results, cd_search_results_free);

  G_OBJECT_CLASS (cd_search_page_parent_class)->dispose (object);
}

static void
cd_search_page_finalize (GObject *object)
{
  CdSearchPage *self = CD_SEARCH_PAGE (object);

  g_clear_object (&self->cancellable);
  g_clear_object (&self->more_cancellable);
  g_clear_object (&self->store_signals);
  g_clear_object (&self->indexer_signals);
  g_free (self->text);

  G_OBJECT_CLASS (cd_search_page_parent_class)->finalize (object);
}

static void
cd_search_page_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  CdSearchPage *self = CD_SEARCH_PAGE (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    case PROP_TEXT:
      g_value_set_string (value, self->text);
      break;
    case PROP_SHOW_ENTRY:
      g_value_set_boolean (value, gtk_widget_get_visible (GTK_WIDGET (self->page_entry)));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cd_search_page_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  CdSearchPage *self = CD_SEARCH_PAGE (object);

  switch (prop_id)
    {
    case PROP_STORE:
      self->store = g_value_dup_object (value);
      g_signal_group_set_target (self->store_signals, self->store);
      break;
    case PROP_TEXT:
      cd_search_page_set_text (self, g_value_get_string (value));
      break;
    case PROP_SHOW_ENTRY:
      if (g_value_get_boolean (value) != gtk_widget_get_visible (GTK_WIDGET (self->page_entry)))
        {
          gtk_widget_set_visible (GTK_WIDGET (self->page_entry), g_value_get_boolean (value));
          g_object_notify_by_pspec (object, pspec);
        }
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cd_search_page_class_init (CdSearchPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cd_search_page_dispose;
  object_class->finalize = cd_search_page_finalize;
  object_class->get_property = cd_search_page_get_property;
  object_class->set_property = cd_search_page_set_property;
  widget_class->map = cd_search_page_map;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, CD_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_TEXT] =
    g_param_spec_string ("text", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SHOW_ENTRY] =
    g_param_spec_boolean ("show-entry", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[RESULT_ACTIVATED] =
    g_signal_new ("result-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 3, G_TYPE_UINT, G_TYPE_INT64, G_TYPE_INT64);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/search/cd-search-page.ui");
  gtk_widget_class_bind_template_child (widget_class, CdSearchPage, page_entry);
  gtk_widget_class_bind_template_child (widget_class, CdSearchPage, index_revealer);
  gtk_widget_class_bind_template_child (widget_class, CdSearchPage, index_label);
  gtk_widget_class_bind_template_child (widget_class, CdSearchPage, index_progress);
  gtk_widget_class_bind_template_child (widget_class, CdSearchPage, stack);
  gtk_widget_class_bind_template_child (widget_class, CdSearchPage, none_page);
  gtk_widget_class_bind_template_child (widget_class, CdSearchPage, scrolled_window);
  gtk_widget_class_bind_template_child (widget_class, CdSearchPage, results_list);
  gtk_widget_class_bind_template_child (widget_class, CdSearchPage, spinner);
  gtk_widget_class_bind_template_callback (widget_class, on_results_list_row_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_page_entry_search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_page_entry_activate_cb);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
cd_search_page_init (CdSearchPage *self)
{
  GtkEventController *keys;

  self->store_signals = g_signal_group_new (CD_TYPE_STORE);
  g_signal_group_connect_swapped (self->store_signals, "changed", G_CALLBACK (on_store_changed_cb), self);
  self->indexer_signals = g_signal_group_new (CD_TYPE_SEARCH_INDEXER);
  g_signal_group_connect_swapped (self->indexer_signals, "notify::progress", G_CALLBACK (on_indexer_progress_cb), self);
  g_signal_group_connect_swapped (self->indexer_signals, "notify::complete", G_CALLBACK (on_indexer_complete_cb), self);

  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_list_box_set_header_func (self->results_list, update_header, self, NULL);

  keys = gtk_event_controller_key_new ();
  g_signal_connect (keys, "key-pressed", G_CALLBACK (on_entry_key_pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self->page_entry), keys);
  gtk_search_entry_set_key_capture_widget (self->page_entry, NULL);
}

/* Public API ----------------------------------------------------------------------------- */

GtkWidget *
cd_search_page_new (CdStore *store)
{
  g_return_val_if_fail (store == NULL || CD_IS_STORE (store), NULL);
  return g_object_new (CD_TYPE_SEARCH_PAGE, "store", store, NULL);
}

CdStore *
cd_search_page_get_store (CdSearchPage *self)
{
  g_return_val_if_fail (CD_IS_SEARCH_PAGE (self), NULL);
  return self->store;
}

const char *
cd_search_page_get_text (CdSearchPage *self)
{
  g_return_val_if_fail (CD_IS_SEARCH_PAGE (self), NULL);
  return self->text;
}

void
cd_search_page_set_text (CdSearchPage *self,
                         const char   *text)
{
  g_return_if_fail (CD_IS_SEARCH_PAGE (self));

  if (g_strcmp0 (self->text, text) == 0)
    return;
  g_free (self->text);
  self->text = g_strdup (text);
  for (guint k = 0; k < CD_SEARCH_N_KINDS; k++)
    self->limits[k] = CD_SEARCH_PAGE_GROUP_LIMIT;
  /* The page's own entry shows the same text, wherever it was typed. */
  if (g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (self->page_entry)), text != NULL ? text : "") != 0)
    {
      gtk_editable_set_text (GTK_EDITABLE (self->page_entry), text != NULL ? text : "");
      gtk_editable_set_position (GTK_EDITABLE (self->page_entry), -1);
    }
  run_search (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TEXT]);
}

void
cd_search_page_set_indexer (CdSearchPage    *self,
                            CdSearchIndexer *indexer)
{
  g_return_if_fail (CD_IS_SEARCH_PAGE (self));
  g_return_if_fail (indexer == NULL || CD_IS_SEARCH_INDEXER (indexer));

  if (!g_set_object (&self->indexer, indexer))
    return;
  g_signal_group_set_target (self->indexer_signals, indexer);
  update_index_banner (self);
}

GtkSearchEntry *
cd_search_page_get_entry (CdSearchPage *self)
{
  g_return_val_if_fail (CD_IS_SEARCH_PAGE (self), NULL);
  return self->page_entry;
}

CdSearchResults *
cd_search_page_get_results (CdSearchPage *self)
{
  g_return_val_if_fail (CD_IS_SEARCH_PAGE (self), NULL);
  return self->results;
}

gboolean
cd_search_page_is_searching (CdSearchPage *self)
{
  g_return_val_if_fail (CD_IS_SEARCH_PAGE (self), FALSE);
  return self->searching || self->more_cancellable != NULL;
}

gboolean
cd_search_page_get_selected (CdSearchPage *self,
                             CdSearchKind *kind,
                             gint64       *id)
{
  GtkListBoxRow *row;
  RowData *data;

  g_return_val_if_fail (CD_IS_SEARCH_PAGE (self), FALSE);

  row = gtk_list_box_get_selected_row (self->results_list);
  data = row != NULL ? row_data (row) : NULL;
  if (data == NULL || data->more)
    return FALSE;
  if (kind != NULL)
    *kind = data->kind;
  if (id != NULL)
    *id = data->id;
  return TRUE;
}
