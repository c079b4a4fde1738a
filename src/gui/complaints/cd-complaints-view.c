/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "caredesk-complaints"

#include "config.h"

#include <glib/gi18n.h>

#include "cd-agenda-row.h"
#include "cd-complaint-row.h"
#include "cd-complaints-view-private.h"

enum {
  PROP_0,
  PROP_STORE,
  PROP_BADGE_COUNT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (CdComplaintsView, cd_complaints_view, GTK_TYPE_WIDGET)
/* Lists ----------------------------------------------------------------- */

static GtkListBoxRow *
focused_row_of (GtkListBox *list)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (list));
  GtkWidget *focus;

  if (root == NULL)
    return NULL;
  focus = gtk_root_get_focus (root);
  while (focus != NULL && gtk_widget_get_parent (focus) != GTK_WIDGET (list))
    focus = gtk_widget_get_parent (focus);

  return GTK_IS_LIST_BOX_ROW (focus) ? GTK_LIST_BOX_ROW (focus) : NULL;
}

/* Hides the rows from position @keep on. They are kept for the next
 * longer list (switching between Mine and Everyone, say): making rows is
 * what costs, showing a hidden one again does not. */
static void
hide_rows_from (GtkListBox *list,
                guint       keep)
{
  GtkListBoxRow *row;
  int i;

  for (i = (int) keep; i < SECTION_FIRST && (row = gtk_list_box_get_row_at_index (list, i)) != NULL; i++)
    gtk_widget_set_visible (GTK_WIDGET (row), FALSE);
  /* Those that "Show More" added go. */
  while ((row = gtk_list_box_get_row_at_index (list, i)) != NULL)
    gtk_list_box_remove (list, GTK_WIDGET (row));
}

/* The row shown at @position, or NULL. */
static GtkListBoxRow *
shown_row_at (GtkListBox *list,
              guint       position)
{
  GtkListBoxRow *row = gtk_list_box_get_row_at_index (list, (int) position);

  return row != NULL && gtk_widget_get_visible (GTK_WIDGET (row)) ? row : NULL;
}

/* The row at @position, made when there is none yet. */
static GtkWidget *
row_at (GtkListBox *list,
        guint       position,
        GtkWidget *(*make_row) (void))
{
  GtkListBoxRow *row = gtk_list_box_get_row_at_index (list, (int) position);
  GtkWidget *made;

  if (row != NULL)
    return GTK_WIDGET (row);
  made = make_row ();
  gtk_list_box_append (list, made);
  return made;
}

static void
update_agenda_list (CdComplaintsView *self,
                    GtkListBox       *list,
                    GPtrArray        *items,
                    gint64            now)
{
  gboolean same = TRUE;
  GtkListBoxRow *focused;
  gint64 focused_id = 0;
  guint i;

  for (i = 0; i < items->len && same; i++)
    {
      const CdAgendaItem *item = g_ptr_array_index (items, i);
      GtkListBoxRow *row = shown_row_at (list, i);

      same = row != NULL
             && cd_agenda_row_get_followup_id (CD_AGENDA_ROW (row)) == item->followup_id;
    }
  if (same && shown_row_at (list, items->len) != NULL)
    same = FALSE;

  /* Rebuilding loses keyboard focus; keep it on the same follow-up. */
  focused = same ? NULL : focused_row_of (list);
  if (focused != NULL)
    focused_id = cd_agenda_row_get_followup_id (CD_AGENDA_ROW (focused));

  /* Rows are kept and given new data in place; only the difference in
   * length is hidden or shown (making rows is what costs). */
  if (!same)
    hide_rows_from (list, items->len);

  for (i = 0; i < items->len; i++)
    {
      const CdAgendaItem *item = g_ptr_array_index (items, i);
      GtkWidget *row = row_at (list, i, cd_agenda_row_new);

      cd_agenda_row_set_item (CD_AGENDA_ROW (row), item, now);
      gtk_widget_set_visible (row, TRUE);

      if (focused_id != 0 && item->followup_id == focused_id)
        gtk_widget_grab_focus (row);
    }
}

static void
update_open_list (CdComplaintsView *self,
                  GPtrArray        *items,
                  gint64            now)
{
  gboolean same = TRUE;
  GtkListBoxRow *focused;
  gint64 focused_id = 0;
  guint i;

  for (i = 0; i < items->len && same; i++)
    {
      const CdComplaintItem *item = g_ptr_array_index (items, i);
      GtkListBoxRow *row = shown_row_at (self->open_list, i);

      same = row != NULL
             && cd_complaint_row_get_complaint_id (CD_COMPLAINT_ROW (row)) == item->complaint_id;
    }
  if (same && shown_row_at (self->open_list, items->len) != NULL)
    same = FALSE;

  focused = same ? NULL : focused_row_of (self->open_list);
  if (focused != NULL)
    focused_id = cd_complaint_row_get_complaint_id (CD_COMPLAINT_ROW (focused));

  if (!same)
    hide_rows_from (self->open_list, items->len);

  for (i = 0; i < items->len; i++)
    {
      const CdComplaintItem *item = g_ptr_array_index (items, i);
      GtkWidget *row = row_at (self->open_list, i, cd_complaint_row_new);

      cd_complaint_row_set_item (CD_COMPLAINT_ROW (row), item, now);
      gtk_widget_set_visible (row, TRUE);

      if (focused_id != 0 && item->complaint_id == focused_id)
        gtk_widget_grab_focus (row);
    }
}

static void
set_section (GtkWidget *section,
             GtkLabel  *count_label,
             GtkLabel  *note_label,
             guint      shown,
             gint64     total)
{
  g_autofree char *count = g_strdup_printf ("%" G_GINT64_FORMAT, total);

  gtk_widget_set_visible (section, shown > 0);
  gtk_label_set_text (count_label, count);

  if (note_label != NULL)
    {
      if ((gint64) shown < total)
        {
          g_autofree char *note = NULL;

          /* Translators: shown under a list that was cut short. */
          note = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                               "Showing the first %u of %s follow-up.",
                                               "Showing the first %u of %s follow-ups.",
                                               (gulong) total),
                                  shown, count);
          gtk_label_set_text (note_label, note);
          gtk_widget_set_visible (GTK_WIDGET (note_label), TRUE);
        }
      else
        gtk_widget_set_visible (GTK_WIDGET (note_label), FALSE);
    }
}

void
_cd_complaints_view_show_error (CdComplaintsView *self,
                                const GError     *error)
{
  AdwToast *toast = adw_toast_new (error->message);

  adw_toast_set_timeout (toast, 0);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

static void
set_more_button (GtkButton *button,
                 guint      shown,
                 gint64     total,
                 guint      limit)
{
  gtk_widget_set_visible (GTK_WIDGET (button), (gint64) shown < total && limit < SECTION_MAX);
}

void
_cd_complaints_view_reset_limits (CdComplaintsView *self)
{
  for (guint i = 0; i < N_SECTIONS; i++)
    self->limits[i] = SECTION_FIRST;
}

/* Badge ----------------------------------------------------------------- */

static void
set_badge_count (CdComplaintsView *self,
                 guint             count)
{
  if (self->badge_count == count)
    return;
  self->badge_count = count;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BADGE_COUNT]);
}

static gboolean
badge_timer_cb (gpointer user_data)
{
  CdComplaintsView *self = user_data;

  self->badge_timer_id = 0;
  _cd_complaints_view_refresh (self);

  return G_SOURCE_REMOVE;
}

static void
arm_badge_timer (CdComplaintsView *self,
                 gint64            now,
                 gint64            staff_id)
{
  g_autoptr(GError) error = NULL;
  gint64 next;
  gint64 delay;

  g_clear_handle_id (&self->badge_timer_id, g_source_remove);

  next = cd_followups_next_due (self->store, staff_id, now, &error);
  if (next < 0)
    {
      g_warning ("Could not look up the next follow-up due: %s", error->message);
      return;
    }
  if (next == 0)
    return;

  delay = CLAMP (next - now, 1, MAX_TIMER_SECONDS);
  self->badge_timer_id = g_timeout_add_seconds ((guint) delay, badge_timer_cb, self);
}

static void
update_badge (CdComplaintsView *self,
              gint64            now)
{
  g_autoptr(GError) error = NULL;
  gint64 staff_id = cd_store_get_staff_id (self->store);
  gint64 count;

  if (staff_id == 0)
    {
      set_badge_count (self, 0);
      return;
    }

  count = cd_followups_count_overdue (self->store, staff_id, &error);
  if (count < 0)
    {
      g_warning ("Could not count overdue follow-ups: %s", error->message);
      return;
    }

  set_badge_count (self, (guint) MIN (count, (gint64) G_MAXUINT));
  arm_badge_timer (self, now, staff_id);
}

/* Refresh --------------------------------------------------------------- */

static gboolean
tick_cb (gpointer user_data);

static void
arm_tick (CdComplaintsView *self)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  guint delay;

  g_clear_handle_id (&self->tick_id, g_source_remove);
  if (!gtk_widget_get_mapped (GTK_WIDGET (self)))
    return;

  /* Overdue rows count minutes: wake at the start of the next minute. */
  delay = 60 - (guint) g_date_time_get_second (now);
  self->tick_id = g_timeout_add_seconds (MAX (delay, 1u), tick_cb, self);
}

static void
update_row_times (GtkListBox *list,
                  gint64      now)
{
  GtkListBoxRow *row;

  for (int i = 0; (row = gtk_list_box_get_row_at_index (list, i)) != NULL; i++)
    if (gtk_widget_get_visible (GTK_WIDGET (row)))
      cd_agenda_row_update_time (CD_AGENDA_ROW (row), now);
}

static gboolean
tick_cb (gpointer user_data)
{
  CdComplaintsView *self = user_data;
  gint64 now = cd_store_now (self->store);

  self->tick_id = 0;

  if (self->next_boundary != 0 && now >= self->next_boundary)
    _cd_complaints_view_refresh (self);
  else
    update_row_times (self->overdue_list, now);

  arm_tick (self);

  return G_SOURCE_REMOVE;
}

/* A hidden view keeps only its badge current; its lists are read again
 * when it is shown (see map), so a change elsewhere costs one COUNT. */
void
_cd_complaints_view_refresh (CdComplaintsView *self)
{
  g_clear_handle_id (&self->refresh_idle_id, g_source_remove);

  if (self->store == NULL)
    return;

  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    _cd_complaints_view_refresh_agenda (self);
  else
    {
      self->lists_stale = TRUE;
      update_badge (self, cd_store_now (self->store));
    }
}

void
cd_complaints_view_prefill (CdComplaintsView *self)
{
  g_return_if_fail (CD_IS_COMPLAINTS_VIEW (self));

  if (self->lists_stale && !gtk_widget_get_mapped (GTK_WIDGET (self)))
    _cd_complaints_view_refresh_agenda (self);
  _cd_complaints_view_prepare_editor (self, 0);
}

/* Whose names the lists show, for on_names_changed_cb(). */
static void
note_shown (CdComplaintsView *self,
            CdAgenda         *agenda,
            GPtrArray        *open)
{
  g_array_set_size (self->shown_customers, 0);
  g_array_set_size (self->shown_staff, 0);
  for (guint g = 0; g < CD_FOLLOWUP_N_GROUPS; g++)
    for (guint i = 0; i < agenda->items[g]->len; i++)
      {
        const CdAgendaItem *item = g_ptr_array_index (agenda->items[g], i);

        g_array_append_val (self->shown_customers, item->customer_id);
        g_array_append_val (self->shown_staff, item->assignee_id);
      }
  for (guint i = 0; i < open->len; i++)
    {
      const CdComplaintItem *item = g_ptr_array_index (open, i);

      g_array_append_val (self->shown_customers, item->customer_id);
      g_array_append_val (self->shown_staff, item->owner_id);
    }
}

void
_cd_complaints_view_refresh_agenda (CdComplaintsView *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) open = NULL;
  g_autoptr(CdAgenda) agenda = NULL;
  gint64 n_open = 0;
  gint64 now, staff_id, filter_id;
  gboolean anything;

  g_clear_handle_id (&self->refresh_idle_id, g_source_remove);

  if (self->store == NULL)
    return;

  self->lists_stale = FALSE;
  staff_id = cd_store_get_staff_id (self->store);
  filter_id = self->everyone ? 0 : staff_id;

  if (filter_id == 0 && !self->everyone)
    {
      /* Nobody signed in: there is no "mine". */
      filter_id = -1;
    }

  agenda = cd_followups_agenda (self->store, filter_id, self->limits, &error);
  if (agenda != NULL)
    open = cd_complaints_without_followup (self->store, filter_id, self->limits[SECTION_OPEN],
                                           &n_open, &error);
  if (open == NULL)
    {
      g_warning ("Could not load the follow-ups: %s", error->message);
      _cd_complaints_view_show_error (self, error);
      return;
    }
  now = agenda->now;
  note_shown (self, agenda, open);

  update_agenda_list (self, self->overdue_list, agenda->items[SECTION_OVERDUE], now);
  update_agenda_list (self, self->today_list, agenda->items[SECTION_TODAY], now);
  update_agenda_list (self, self->upcoming_list, agenda->items[SECTION_UPCOMING], now);
  update_open_list (self, open, now);

  set_section (self->overdue_section, self->overdue_count_label, self->overdue_note_label,
               agenda->items[SECTION_OVERDUE]->len, agenda->totals[SECTION_OVERDUE]);
  set_section (self->today_section, self->today_count_label, self->today_note_label,
               agenda->items[SECTION_TODAY]->len, agenda->totals[SECTION_TODAY]);
  set_section (self->upcoming_section, self->upcoming_count_label, self->upcoming_note_label,
               agenda->items[SECTION_UPCOMING]->len, agenda->totals[SECTION_UPCOMING]);
  set_section (self->open_section, self->open_count_label, NULL, open->len, n_open);
  set_more_button (self->overdue_more_button, agenda->items[SECTION_OVERDUE]->len,
                   agenda->totals[SECTION_OVERDUE], self->limits[SECTION_OVERDUE]);
  set_more_button (self->today_more_button, agenda->items[SECTION_TODAY]->len,
                   agenda->totals[SECTION_TODAY], self->limits[SECTION_TODAY]);
  set_more_button (self->upcoming_more_button, agenda->items[SECTION_UPCOMING]->len,
                   agenda->totals[SECTION_UPCOMING], self->limits[SECTION_UPCOMING]);
  set_more_button (self->open_more_button, open->len, n_open, self->limits[SECTION_OPEN]);
  if ((gint64) open->len < n_open)
    {
      g_autofree char *total = g_strdup_printf ("%" G_GINT64_FORMAT, n_open);
      g_autofree char *note = g_strdup_printf (_("Complaints with no follow-up scheduled yet. "
                                                 "Showing the oldest %u of %s."),
                                               open->len, total);
      gtk_label_set_text (self->open_note_label, note);
    }
  else
    gtk_label_set_text (self->open_note_label, _("Complaints with no follow-up scheduled yet"));

  /* The next moment a row moves from "today"/"upcoming" to an earlier
   * section; the minute tick refreshes then. */
  self->next_boundary = agenda->day_end;
  if (agenda->items[SECTION_TODAY]->len > 0)
    {
      const CdAgendaItem *first = g_ptr_array_index (agenda->items[SECTION_TODAY], 0);

      self->next_boundary = MIN (self->next_boundary, first->due_at);
    }

  anything = agenda->totals[SECTION_OVERDUE] + agenda->totals[SECTION_TODAY]
             + agenda->totals[SECTION_UPCOMING] + open->len > 0;
  if (anything)
    {
      gtk_widget_set_visible (GTK_WIDGET (self->nothing_label), FALSE);
      gtk_stack_set_visible_child_name (self->stack, "list");
    }
  else if (self->everyone || cd_complaints_any (self->store, NULL))
    {
      gtk_label_set_text (self->nothing_label,
                          self->everyone
                          ? _("No open complaints and no follow-ups scheduled. Closed complaints are on each customer’s page.")
                          : _("Nothing is waiting for you. Choose Everyone to see the whole team’s complaints."));
      gtk_widget_set_visible (GTK_WIDGET (self->nothing_label), TRUE);
      gtk_stack_set_visible_child_name (self->stack, "list");
    }
  else
    gtk_stack_set_visible_child_name (self->stack, "empty");

  update_badge (self, now);
}

static gboolean
refresh_idle_cb (gpointer user_data)
{
  CdComplaintsView *self = user_data;

  self->refresh_idle_id = 0;
  _cd_complaints_view_refresh (self);

  return G_SOURCE_REMOVE;
}

static void
queue_refresh (CdComplaintsView *self)
{
  if (self->refresh_idle_id == 0)
    self->refresh_idle_id = g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, refresh_idle_cb, self, NULL);
}

/* Follow-ups and complaints: any change may add, remove or move rows. */
static void
on_agenda_changed_cb (CdComplaintsView *self,
                      CdChange         *change)
{
  /* A hidden view counts again only for its badge, which counts
   * follow-ups; the rest waits until it is shown. */
  if (!gtk_widget_get_mapped (GTK_WIDGET (self))
      && !g_str_equal (cd_change_get_kind (change), CD_CHANGE_FOLLOWUPS))
    {
      self->lists_stale = TRUE;
      return;
    }
  queue_refresh (self);
}

/* Customers and staff: only their names are shown, of those listed. */
static void
on_names_changed_cb (CdComplaintsView *self,
                     CdChange         *change)
{
  GArray *shown = g_str_equal (cd_change_get_kind (change), CD_CHANGE_CUSTOMERS)
                  ? self->shown_customers : self->shown_staff;

  if (!cd_change_has_any (change, (const gint64 *) (gpointer) shown->data, shown->len))
    return;
  if (!gtk_widget_get_mapped (GTK_WIDGET (self)))
    self->lists_stale = TRUE;
  else
    queue_refresh (self);
}

/* GObject --------------------------------------------------------------- */

static void
cd_complaints_view_map (GtkWidget *widget)
{
  CdComplaintsView *self = CD_COMPLAINTS_VIEW (widget);

  GTK_WIDGET_CLASS (cd_complaints_view_parent_class)->map (widget);

  /* The lists are read again only if something changed while the view
   * was hidden, or a row has moved to another section since. */
  if (self->lists_stale ||
      (self->next_boundary != 0 && cd_store_now (self->store) >= self->next_boundary))
    _cd_complaints_view_refresh (self);
  else
    update_row_times (self->overdue_list, cd_store_now (self->store));
  arm_tick (self);
}

static void
cd_complaints_view_unmap (GtkWidget *widget)
{
  CdComplaintsView *self = CD_COMPLAINTS_VIEW (widget);

  g_clear_handle_id (&self->tick_id, g_source_remove);

  GTK_WIDGET_CLASS (cd_complaints_view_parent_class)->unmap (widget);
}

static void
cd_complaints_view_constructed (GObject *object)
{
  CdComplaintsView *self = CD_COMPLAINTS_VIEW (object);

  G_OBJECT_CLASS (cd_complaints_view_parent_class)->constructed (object);

  g_return_if_fail (CD_IS_STORE (self->store));

  g_signal_group_set_target (self->store_signals, self->store);

  _cd_complaints_view_refresh (self);
}

static void
cd_complaints_view_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  CdComplaintsView *self = CD_COMPLAINTS_VIEW (object);

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
cd_complaints_view_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  CdComplaintsView *self = CD_COMPLAINTS_VIEW (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    case PROP_BADGE_COUNT:
      g_value_set_uint (value, self->badge_count);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cd_complaints_view_dispose (GObject *object)
{
  CdComplaintsView *self = CD_COMPLAINTS_VIEW (object);

  g_clear_handle_id (&self->refresh_idle_id, g_source_remove);
  g_clear_handle_id (&self->badge_timer_id, g_source_remove);
  g_clear_handle_id (&self->tick_id, g_source_remove);
  _cd_complaints_view_drop_spare_editor (self);

  g_signal_group_set_target (self->store_signals, NULL);

  if (self->editors != NULL)
    {
      g_autoptr(GList) editors = g_hash_table_get_values (self->editors);

      g_hash_table_remove_all (self->editors);
      for (GList *l = editors; l != NULL; l = l->next)
        {
          g_signal_handlers_disconnect_by_data (l->data, self);
          gtk_window_destroy (GTK_WINDOW (l->data));
        }
    }

  gtk_widget_dispose_template (GTK_WIDGET (self), CD_TYPE_COMPLAINTS_VIEW);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (cd_complaints_view_parent_class)->dispose (object);
}

static void
cd_complaints_view_finalize (GObject *object)
{
  CdComplaintsView *self = CD_COMPLAINTS_VIEW (object);

  g_clear_pointer (&self->editors, g_hash_table_unref);
  g_clear_pointer (&self->shown_customers, g_array_unref);
  g_clear_pointer (&self->shown_staff, g_array_unref);
  g_clear_object (&self->store_signals);

  G_OBJECT_CLASS (cd_complaints_view_parent_class)->finalize (object);
}

static void
cd_complaints_view_class_init (CdComplaintsViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = cd_complaints_view_constructed;
  object_class->set_property = cd_complaints_view_set_property;
  object_class->get_property = cd_complaints_view_get_property;
  object_class->dispose = cd_complaints_view_dispose;
  object_class->finalize = cd_complaints_view_finalize;

  widget_class->map = cd_complaints_view_map;
  widget_class->unmap = cd_complaints_view_unmap;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL,
                         CD_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_BADGE_COUNT] =
    g_param_spec_uint ("badge-count", NULL, NULL,
                       0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/complaints/cd-complaints-view.ui");
  gtk_widget_class_bind_template_child (widget_class, CdComplaintsView, main_box);
  gtk_widget_class_bind_template_child (widget_class, CdComplaintsView, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, CdComplaintsView, stack);
  gtk_widget_class_bind_template_child (widget_class, CdComplaintsView, mine_button);
  gtk_widget_class_bind_template_child (widget_class, CdComplaintsView, everyone_button);
  gtk_widget_class_bind_template_child (widget_class, CdComplaintsView, overdue_more_button);
  gtk_widget_class_bind_template_child (widget_class, CdComplaintsView, today_more_button);
  gtk_widget_class_bind_template_child (widget_class, CdComplaintsView, upcoming_more_button);
  gtk_widget_class_bind_template_child (widget_class, CdComplaintsView, open_more_button);
  gtk_widget_class_bind_template_child (widget_class, CdComplaintsView, overdue_section);
  gtk_widget_class_bind_template_child (widget_class, CdComplaintsView, today_section);
  gtk_widget_class_bind_template_child (widget_class, CdComplaintsView, upcoming_section);
  gtk_widget_class_bind_template_child (widget_class, CdComplaintsView, open_section);
  gtk_widget_class_bind_template_child (widget_class, CdComplaintsView, overdue_count_label);
  gtk_widget_class_bind_template_child (widget_class, CdComplaintsView, today_count_label);
  gtk_widget_class_bind_template_child (widget_class, CdComplaintsView, upcoming_count_label);
  gtk_widget_class_bind_template_child (widget_class, CdComplaintsView, open_count_label);
  gtk_widget_class_bind_template_child (widget_class, CdComplaintsView, overdue_note_label);
  gtk_widget_class_bind_template_child (widget_class, CdComplaintsView, today_note_label);
  gtk_widget_class_bind_template_child (widget_class, CdComplaintsView, upcoming_note_label);
  gtk_widget_class_bind_template_child (widget_class, CdComplaintsView, open_note_label);
  gtk_widget_class_bind_template_child (widget_class, CdComplaintsView, overdue_list);
  gtk_widget_class_bind_template_child (widget_class, CdComplaintsView, today_list);
  gtk_widget_class_bind_template_child (widget_class, CdComplaintsView, upcoming_list);
  gtk_widget_class_bind_template_child (widget_class, CdComplaintsView, open_list);
  gtk_widget_class_bind_template_child (widget_class, CdComplaintsView, nothing_label);
  _cd_complaints_view_class_actions_init (widget_class);

  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
cd_complaints_view_init (CdComplaintsView *self)
{
  self->editors = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  self->lists_stale = TRUE;
  self->shown_customers = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->shown_staff = g_array_new (FALSE, FALSE, sizeof (gint64));
  _cd_complaints_view_reset_limits (self);
  gtk_widget_init_template (GTK_WIDGET (self));

  self->store_signals = g_signal_group_new (CD_TYPE_STORE);
  g_signal_group_connect_swapped (self->store_signals, "changed::" CD_CHANGE_FOLLOWUPS,
                                  G_CALLBACK (on_agenda_changed_cb), self);
  g_signal_group_connect_swapped (self->store_signals, "changed::" CD_CHANGE_COMPLAINTS,
                                  G_CALLBACK (on_agenda_changed_cb), self);
  g_signal_group_connect_swapped (self->store_signals, "changed::" CD_CHANGE_CUSTOMERS,
                                  G_CALLBACK (on_names_changed_cb), self);
  g_signal_group_connect_swapped (self->store_signals, "changed::" CD_CHANGE_STAFF,
                                  G_CALLBACK (on_names_changed_cb), self);
}

GtkWidget *
cd_complaints_view_new (CdStore *store)
{
  g_return_val_if_fail (CD_IS_STORE (store), NULL);

  return g_object_new (CD_TYPE_COMPLAINTS_VIEW, "store", store, NULL);
}

guint
cd_complaints_view_get_badge_count (CdComplaintsView *self)
{
  g_return_val_if_fail (CD_IS_COMPLAINTS_VIEW (self), 0);

  return self->badge_count;
}
