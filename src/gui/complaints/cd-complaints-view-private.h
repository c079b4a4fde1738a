/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* What the files of CdComplaintsView share: the instance, and the parts
 * one file uses of another (cd-complaints-view.c: the agenda's lists,
 * badge and refreshes; -actions.c: its actions, and the editors it
 * opens). */

#include "cd-complaints.h"
#include "cd-complaint-editor.h"
#include "cd-complaints-view.h"

G_BEGIN_DECLS

/* Each section shows its first SECTION_FIRST rows, and SECTION_MORE more
 * each time "Show More" is pressed, up to SECTION_MAX: a person's agenda
 * is a few dozen rows, and a short list keeps "Everyone" on a large
 * shared file as quick as "Mine". */
#define SECTION_FIRST   15
#define SECTION_MORE    50
#define SECTION_MAX     1000

/* The agenda's sections first, in its order, so that the first limits
 * are what cd_followups_agenda() takes. */
enum {
  SECTION_OVERDUE = CD_FOLLOWUP_GROUP_OVERDUE,
  SECTION_TODAY = CD_FOLLOWUP_GROUP_TODAY,
  SECTION_UPCOMING = CD_FOLLOWUP_GROUP_UPCOMING,
  SECTION_OPEN = CD_FOLLOWUP_N_GROUPS,
  N_SECTIONS
};

/* A timer armed for a far-away due time still wakes up this often, so a
 * changed system clock is noticed. */
#define MAX_TIMER_SECONDS 3600

struct _CdComplaintsView
{
  GtkWidget          parent_instance;

  CdStore           *store;

  /* Template widgets */
  GtkWidget         *main_box;
  AdwToastOverlay   *toast_overlay;
  GtkStack          *stack;
  GtkToggleButton   *mine_button;
  GtkToggleButton   *everyone_button;
  GtkWidget         *overdue_section;
  GtkWidget         *today_section;
  GtkWidget         *upcoming_section;
  GtkWidget         *open_section;
  GtkLabel          *overdue_count_label;
  GtkLabel          *today_count_label;
  GtkLabel          *upcoming_count_label;
  GtkLabel          *open_count_label;
  GtkLabel          *overdue_note_label;
  GtkLabel          *today_note_label;
  GtkLabel          *upcoming_note_label;
  GtkLabel          *open_note_label;
  GtkListBox        *overdue_list;
  GtkListBox        *today_list;
  GtkListBox        *upcoming_list;
  GtkListBox        *open_list;
  GtkButton         *overdue_more_button;
  GtkButton         *today_more_button;
  GtkButton         *upcoming_more_button;
  GtkButton         *open_more_button;
  GtkLabel          *nothing_label;

  guint              limits[N_SECTIONS];
  /* The lists were not read again after a change while hidden. */
  gboolean           lists_stale;

  gboolean           everyone;
  guint              badge_count;

  GSignalGroup      *store_signals;
  /* Whose names the lists show (gint64), to tell which changes of
   * customers and staff concern them. */
  GArray            *shown_customers;
  GArray            *shown_staff;
  guint              refresh_idle_id;
  guint              badge_timer_id;
  guint              tick_id;

  /* The earliest time at which a shown follow-up changes section. */
  gint64             next_boundary;

  /* complaint id → CdComplaintEditor (not referenced; removed on destroy) */
  GHashTable        *editors;
  /* An editor window made ahead (hidden, referenced), which the next
   * complaint opened fills: see _cd_complaints_view_prepare_editor(). */
  CdComplaintEditor *spare_editor;
  guint              spare_editor_id;
};

/* cd-complaints-view.c */
/* Reads the lists again (or, hidden, only the badge). */
void _cd_complaints_view_refresh        (CdComplaintsView *self);
/* Reads the lists now, hidden or not. */
void _cd_complaints_view_refresh_agenda (CdComplaintsView *self);
/* Back to the first rows of each section. */
void _cd_complaints_view_reset_limits   (CdComplaintsView *self);
void _cd_complaints_view_show_error     (CdComplaintsView *self,
                                         const GError     *error);

/* cd-complaints-view-actions.c */
void _cd_complaints_view_class_actions_init (GtkWidgetClass *widget_class);
/* Makes a spare editor window after @delay_ms (at the next moment nothing
 * else happens), unless there is one. */
void _cd_complaints_view_prepare_editor     (CdComplaintsView *self,
                                             guint             delay_ms);
void _cd_complaints_view_drop_spare_editor  (CdComplaintsView *self);

G_END_DECLS
