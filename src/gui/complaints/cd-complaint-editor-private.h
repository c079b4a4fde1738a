/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* What the files of CdComplaintEditor share: the instance, and the parts
 * one file uses of another (cd-complaint-editor.c: the form and its
 * life; -actions.c: saving, status and follow-up actions; -followups.c:
 * the list of follow-ups). */

#include "cd-complaint-editor.h"
#include "cd-complaints.h"

G_BEGIN_DECLS

typedef enum {
  REFRESH_COMPLAINT = 1 << 0,
  REFRESH_FOLLOWUPS = 1 << 1,
} Refresh;

typedef enum {
  WRITING_NONE,
  WRITING_COMPLAINT,   /* Save */
  WRITING_STATUS,
  WRITING_FOLLOWUP,    /* missed or cancelled */
} Writing;

struct _CdComplaintEditor
{
  AdwWindow          parent_instance;

  CdStore           *store;
  gint64             complaint_id;
  /* The complaint as last read from the file; NULL for a new one. */
  CdComplaint       *loaded;

  /* Template widgets */
  AdwWindowTitle    *window_title;
  GtkButton         *save_button;
  GtkRevealer       *changed_revealer;
  AdwToastOverlay   *toast_overlay;
  GtkScrolledWindow *scrolled_window;
  AdwActionRow      *customer_row;
  GtkMenuButton     *customer_button;
  AdwEntryRow       *ticket_row;
  GtkLabel          *customer_error_label;
  AdwEntryRow       *summary_row;
  AdwComboRow       *severity_row;
  AdwEntryRow       *category_row;
  AdwComboRow       *owner_row;
  GtkLabel          *complaint_error_label;
  GtkWidget         *details_frame;
  GtkTextView       *details_view;
  AdwPreferencesGroup *status_group;
  GtkLabel          *status_label;
  GtkWidget         *acknowledge_button;
  GtkWidget         *investigate_button;
  GtkWidget         *resolve_button;
  GtkWidget         *follow_up_button;
  GtkWidget         *close_button;
  GtkWidget         *reopen_button;
  GtkLabel          *status_hint_label;
  AdwEntryRow       *resolution_row;
  AdwEntryRow       *compensation_row;
  GtkLabel          *resolution_error_label;
  AdwPreferencesGroup *followups_group;
  GtkWidget         *schedule_button;
  GtkListBox        *followups_list;

  GtkWidget         *customer_picker;

  /* Form state */
  gint64             customer_id;
  char              *customer_name;
  GArray            *owner_ids;     /* gint64; [0] = nobody */
  gboolean           loading;
  /* Made ahead of need: shows nothing until bound to a complaint. */
  gboolean           unbound;
  gboolean           dirty;
  gboolean           summary_touched;
  gboolean           save_attempted;
  gint64             highlight_followup;

  /* One write at a time: each starts from the version the last one
   * left. */
  Writing            writing;
  GtkButton         *busy_button;   /* shows the write it started */
  gint64             busy_followup; /* the follow-up being written */
  gboolean           close_after_save;
  gboolean           schedule_after_save;
  GCancellable      *cancellable;

  GSignalGroup      *store_signals;
  /* What changed since the last refresh (Refresh flags). */
  guint              refresh_what;
  guint              refresh_idle_id;
  /* Assignees shown in the follow-up list (gint64). */
  GArray            *shown_staff;
};

/* cd-complaint-editor.c */
void         _cd_complaint_editor_show_toast       (CdComplaintEditor *self,
                                                    const char        *message);
/* The display name of a staff member, or NULL. */
char        *_cd_complaint_editor_staff_name       (CdStore           *store,
                                                    gint64             staff_id);
char        *_cd_complaint_editor_get_details_text (CdComplaintEditor *self);
/* The ticket number typed: 0 when empty; -1 when the text is not a
 * ticket number. */
gint64       _cd_complaint_editor_parse_ticket     (const char        *text);
gint64       _cd_complaint_editor_selected_owner   (CdComplaintEditor *self);
void         _cd_complaint_editor_set_customer     (CdComplaintEditor *self,
                                                    gint64             customer_id,
                                                    const char        *name);
void         _cd_complaint_editor_update_title     (CdComplaintEditor *self);
void         _cd_complaint_editor_update_status    (CdComplaintEditor *self);
void         _cd_complaint_editor_fill_form        (CdComplaintEditor *self);
/* Reads the complaint again and shows it, edits and all. */
gboolean     _cd_complaint_editor_load             (CdComplaintEditor  *self,
                                                    GError            **error);
/* Checks every field and shows what is wrong; TRUE when Save may go
 * ahead. */
gboolean     _cd_complaint_editor_validate         (CdComplaintEditor *self);
void         _cd_complaint_editor_emit_created     (CdComplaintEditor *self,
                                                    gint64             complaint_id);

/* cd-complaint-editor-actions.c */
void         _cd_complaint_editor_class_actions_init (GtkWidgetClass  *widget_class);
/* Enables what may be started now (one write at a time). */
void         _cd_complaint_editor_sync_actions     (CdComplaintEditor *self);
/* Starts saving the form; TRUE when it was started (or there was nothing
 * to save). */
gboolean     _cd_complaint_editor_save_with_version (CdComplaintEditor *self,
                                                     gint64             expected_version,
                                                     gboolean           close_after);

/* cd-complaint-editor-followups.c */
void         _cd_complaint_editor_refresh_followups (CdComplaintEditor *self);
/* The version of @followup_id the list shows, 0 when it shows none. */
gint64       _cd_complaint_editor_followup_version  (CdComplaintEditor *self,
                                                     gint64             followup_id);
/* Selects the follow-up asked for (highlight_followup), when shown. */
void         _cd_complaint_editor_apply_highlight   (CdComplaintEditor *self);

G_END_DECLS
