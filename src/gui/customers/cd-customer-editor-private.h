/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* What cd-customer-editor.c (the form: filling it, checking it as the
 * person types, closing) and cd-customer-editor-actions.c (saving,
 * conflicts, duplicates and merging, archiving and deleting) share. */

#include "cd-customer-editor.h"
#include "cd-customers.h"

G_BEGIN_DECLS

/* The single-line fields, in form order. */
enum {
  ENTRY_NAME,
  ENTRY_ORGANISATION,
  ENTRY_PHONE,
  ENTRY_PHONE2,
  ENTRY_EMAIL,
  ENTRY_ADDRESS,
  ENTRY_TAGS,
  N_ENTRIES
};

typedef struct {
  AdwEntryRow *row;
  GtkWidget   *message_row;
  GtkLabel    *message;
  gboolean     touched;
  gboolean     valid;
} Entry;

struct _CdCustomerEditor
{
  AdwWindow        parent_instance;

  CdStore         *store;
  gint64           customer_id;

  /* Template widgets */
  AdwWindowTitle  *window_title;
  GtkWidget       *save_button;
  GtkStack        *stack;
  AdwStatusPage   *error_page;
  AdwEntryRow     *name_row;
  AdwEntryRow     *organisation_row;
  AdwEntryRow     *phone_row;
  AdwEntryRow     *phone2_row;
  AdwEntryRow     *email_row;
  AdwEntryRow     *address_row;
  AdwEntryRow     *tags_row;
  GtkWidget       *name_message_row;
  GtkWidget       *organisation_message_row;
  GtkWidget       *phone_message_row;
  GtkWidget       *phone2_message_row;
  GtkWidget       *email_message_row;
  GtkWidget       *address_message_row;
  GtkWidget       *tags_message_row;
  GtkLabel        *name_message;
  GtkLabel        *organisation_message;
  GtkLabel        *phone_message;
  GtkLabel        *phone2_message;
  GtkLabel        *email_message;
  GtkLabel        *address_message;
  GtkLabel        *tags_message;
  AdwComboRow     *channel_row;
  AdwComboRow     *tier_row;
  AdwComboRow     *owner_row;
  GtkTextView     *notes_view;
  GtkLabel        *notes_message;
  GtkWidget       *manage_group;
  GtkWidget       *archive_button;
  GtkWidget       *delete_button;

  Entry            entries[N_ENTRIES];
  gboolean         notes_valid;

  /* The record as loaded (NULL for a new customer). */
  CdCustomer      *original;
  gint64           expected_version;
  GArray          *owner_ids;   /* gint64 per owner_row position; 0 = none */

  /* The write running now, and the button that started it. */
  GCancellable    *cancellable;
  GtkWidget       *busy_button;

  guint            filling : 1;
  guint            dirty : 1;
  guint            closing : 1;
  guint            busy : 1;
};

/* cd-customer-editor.c */
CdCustomer *_cd_customer_editor_form_to_customer    (CdCustomerEditor *self);
/* Checks every field, shows what is wrong, and enables Save when it may. */
void        _cd_customer_editor_validate            (CdCustomerEditor *self);
void        _cd_customer_editor_update_title        (CdCustomerEditor *self);
void        _cd_customer_editor_update_manage       (CdCustomerEditor *self);
/* Reads the record again and fills the form with it. */
gboolean    _cd_customer_editor_load_record         (CdCustomerEditor *self);
/* Closes the window without asking about unsaved changes. */
void        _cd_customer_editor_finish              (CdCustomerEditor *self);

/* cd-customer-editor-actions.c */
void        _cd_customer_editor_class_actions_init  (GtkWidgetClass   *widget_class);

G_END_DECLS
