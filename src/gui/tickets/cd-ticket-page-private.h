/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "cd-knowledge.h"
#include "cd-ticket-page.h"

G_BEGIN_DECLS

/* What the files of the ticket page share: cd-ticket-page.c shows the
 * ticket, cd-ticket-page-composer.c holds the composer, its draft and
 * presence, cd-ticket-page-knowledge.c canned replies and linked
 * articles, cd-ticket-page-actions.c the actions. */

struct _CdTicketPage
{
  GtkWidget        parent_instance;

  CdStore         *store;
  gint64           ticket_id;
  CdTicket        *ticket;

  GCancellable    *cancellable;
  gboolean         loading_composer;
  gboolean         draft_dirty;
  gint64           draft_in_flight_id;     /* 0: no draft is being saved */
  char            *draft_in_flight_text;
  char            *draft_loaded;           /* what load_draft() put in the composer */
  GHashTable      *draft_queue;            /* ticket id → the draft to save next */
  gboolean         presence_in_flight;
  gboolean         presence_told;          /* a heartbeat for ticket_id was sent */
  gboolean         changing;               /* a status change or take runs */
  gint64           changing_id;
  gboolean         changing_take;
  CdTicketStatus   changing_status;
  gboolean         posting;                /* a note or call is being saved */
  gint64           posted_id;
  char            *posted_text;
  guint            draft_timeout_id;
  guint            heartbeat_id;
  GSignalGroup    *store_signals;

  /* Template widgets */
  GtkWidget       *main_box;
  GtkWidget       *back_button;
  /* Hides the back arrow while the window's own shows (folded). */
  GBinding        *back_binding;
  GtkLabel        *number_label;
  GtkWidget       *presence_box;
  GtkLabel        *presence_label;
  AdwToastOverlay *toast_overlay;
  GtkStack        *stack;
  AdwStatusPage   *missing_page;
  GtkScrolledWindow *scrolled_window;
  GtkLabel        *subject_label;
  GtkLabel        *meta_label;
  GtkButton       *customer_button;
  GtkLabel        *customer_label;
  GtkLabel        *description_label;
  AdwActionRow    *status_row;
  GtkWidget       *status_spinner;
  GtkWidget       *assignee_spinner;
  GtkWidget       *post_spinner;
  GtkBox          *status_buttons;
  AdwActionRow    *assignee_row;
  GtkWidget       *take_button;
  GtkWidget       *assign_button;
  AdwActionRow    *escalation_row;
  GtkWidget       *escalate_button;
  AdwActionRow    *first_response_row;
  GtkLabel        *first_response_state_label;
  AdwActionRow    *resolution_row;
  GtkLabel        *resolution_state_label;
  AdwActionRow    *fcr_row;
  GtkLabel        *fcr_label;
  AdwActionRow    *satisfaction_row;
  GtkWidget       *satisfaction_button;
  GtkTextView     *composer_view;
  GtkCheckButton  *internal_check;
  GtkLabel        *draft_label;
  GtkListBox      *timeline_list;
  GtkMenuButton   *reply_button;
  GtkMenuButton   *article_button;
  guint            popup_tick_id;    /* waiting for a picker's button to scroll into view */
  GtkMenuButton   *popup_button;
};


/* cd-ticket-page.c */
void        _cd_ticket_page_show_toast          (CdTicketPage   *self,
                                                 const char     *message);
void        _cd_ticket_page_fill                (CdTicketPage   *self);
void        _cd_ticket_page_update_sla          (CdTicketPage   *self);

/* cd-ticket-page-composer.c */
char       *_cd_ticket_page_dup_composer_text   (CdTicketPage   *self);
void        _cd_ticket_page_set_composer_text   (CdTicketPage   *self,
                                                 const char     *text);
void        _cd_ticket_page_update_composer_actions (CdTicketPage *self);
/* The draft of @ticket_id that is being saved or waits to be, or NULL. */
const char *_cd_ticket_page_unsaved_draft       (CdTicketPage   *self,
                                                 gint64          ticket_id);
void        _cd_ticket_page_load_draft          (CdTicketPage   *self);
void        _cd_ticket_page_composer_changed_cb (GtkTextBuffer  *buffer,
                                                 CdTicketPage   *self);
void        _cd_ticket_page_internal_check_toggled_cb (CdTicketPage *self);
void        _cd_ticket_page_update_presence_label (CdTicketPage *self);
gboolean    _cd_ticket_page_heartbeat_cb        (gpointer        user_data);
/* Starts the heartbeat of the ticket just shown, after
 * CD_TICKET_PAGE_PRESENCE_DELAY_MS. */
void        _cd_ticket_page_start_heartbeat     (CdTicketPage   *self);
/* Saves the draft and ends presence of the ticket shown. */
void        _cd_ticket_page_leave_ticket        (CdTicketPage   *self);
void        _cd_ticket_page_presence_changed_cb (CdStore        *store,
                                                 CdChange       *change,
                                                 CdTicketPage   *self);
void        _cd_ticket_page_drafts_changed_cb   (CdStore        *store,
                                                 CdChange       *change,
                                                 CdTicketPage   *self);
/* Posts the composer's text as a note or, with @call, as a call. */
void        _cd_ticket_page_post                (CdTicketPage   *self,
                                                 gboolean        call);

/* cd-ticket-page-knowledge.c: canned replies and linked articles */
void        _cd_ticket_page_knowledge_init      (CdTicketPage   *self);
void        _cd_ticket_page_knowledge_class_init (GtkWidgetClass *widget_class);
/* The ticket shown changed (or its values). */
void        _cd_ticket_page_knowledge_set_ticket (CdTicketPage  *self);
GtkWidget  *_cd_ticket_page_make_link_row       (CdTicketPage        *self,
                                                 const CdArticleLink *link,
                                                 gint64               now);
void        _cd_ticket_page_links_changed_cb    (CdStore        *store,
                                                 CdChange       *change,
                                                 CdTicketPage   *self);

/* cd-ticket-page-actions.c */
void        _cd_ticket_page_open_satisfaction   (CdTicketPage   *self);
void        _cd_ticket_page_class_actions_init  (GtkWidgetClass *widget_class);

G_END_DECLS
