/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "caredesk-customers"

#include "config.h"

#include <glib/gi18n.h>

#include "cd-complaint-editor.h"
#include "cd-customer-page.h"
#include "cd-owner-requests-group.h"
#include "cd-customers.h"
#include "cd-customers-util.h"
#include "cd-datetime.h"
#include "cd-tickets.h"
#include "cd-validate.h"

/* Most customers have a few dozen events; a long-standing key account
 * may have thousands, which are shown a hundred more at a time when asked
 * for, so that opening the record stays quick. */
#define HISTORY_FIRST 50
#define HISTORY_MORE  100

struct _CdCustomerPage
{
  GtkWidget          parent_instance;

  CdStore           *store;

  /* Template widgets */
  GtkWidget         *main_box;
  GtkWidget         *back_button;
  GtkLabel          *title_label;
  GtkWidget         *edit_button;
  GtkStack          *stack;
  AdwStatusPage     *error_page;
  GtkScrolledWindow *scrolled_window;
  GtkLabel          *name_label;
  GtkWidget         *archived_label;
  GtkLabel          *summary_label;
  AdwActionRow      *phone_row;
  AdwActionRow      *phone2_row;
  AdwActionRow      *email_row;
  AdwActionRow      *address_row;
  AdwActionRow      *channel_row;
  GtkWidget         *no_contact_label;
  AdwActionRow      *tier_row;
  AdwActionRow      *owner_row;
  AdwActionRow      *tags_row;
  AdwActionRow      *last_contact_row;
  AdwActionRow      *stamps_row;
  CdOwnerRequestsGroup *owner_requests_group;
  GtkWidget         *notes_group;
  GtkLabel          *notes_label;
  GtkListBox        *history_list;
  GtkWidget         *history_empty_label;
  GtkWidget         *history_more_button;

  gint64             customer_id;
  guint              history_limit;
  guint              n_history_rows;
  gboolean           show_back_button;
  /* The window's leaflet: folded, its back arrow is the one shown. */
  AdwLeaflet        *window_leaflet;

  /* Each opening of a customer, and whether its contact details may be
   * shown plainly (see record_opening()). */
  guint              load_serial;
  gboolean           contacts_allowed;
  GCancellable      *cancellable;

  /* Following the changes that show here. */
  GSignalGroup      *store_signals;
  gint64             owner_id;
  GHashTable        *shown_ids[3];   /* gint64 set per SHOWN_ kind */
  guint              reload_idle_id;
};

enum {
  PROP_0,
  PROP_STORE,
  PROP_CUSTOMER_ID,
  PROP_SHOW_BACK_BUTTON,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (CdCustomerPage, cd_customer_page, GTK_TYPE_WIDGET)

/* Showing --------------------------------------------------------------- */

static void
set_row (AdwActionRow *row,
         const char   *value)
{
  gboolean has_value = value != NULL && value[0] != '\0';

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), has_value ? value : "");
  gtk_widget_set_visible (GTK_WIDGET (row), has_value);
}

static const char *
kind_label (const CdHistoryEvent *event)
{
  switch (event->kind)
    {
    case CD_HISTORY_TICKET_CREATED:
      return _("Ticket opened");
    case CD_HISTORY_TICKET_RESOLVED:
      return _("Ticket resolved");
    case CD_HISTORY_COMPLAINT_RECEIVED:
      return _("Complaint received");
    case CD_HISTORY_COMPLAINT_CLOSED:
      return _("Complaint closed");
    case CD_HISTORY_FOLLOWUP:
      return _("Follow-up");
    case CD_HISTORY_SATISFACTION:
      return _("Satisfaction");
    default:
      return "";
    }
}

static const char *
kind_icon (const CdHistoryEvent *event)
{
  switch (event->kind)
    {
    case CD_HISTORY_TICKET_CREATED:
      return "mail-unread-symbolic";
    case CD_HISTORY_TICKET_RESOLVED:
    case CD_HISTORY_COMPLAINT_CLOSED:
      return "emblem-ok-symbolic";
    case CD_HISTORY_COMPLAINT_RECEIVED:
      return "dialog-warning-symbolic";
    case CD_HISTORY_FOLLOWUP:
      return "call-outgoing-symbolic";
    case CD_HISTORY_SATISFACTION:
    default:
      return "starred-symbolic";
    }
}

/* The event's detail in words: a status, severity or outcome label for a
 * nick, the text itself otherwise. */
static char *
dup_detail_text (const CdHistoryEvent *event)
{
  const char *detail = event->detail;
  int value;

  if (detail == NULL || detail[0] == '\0')
    return NULL;

  switch (event->kind)
    {
    case CD_HISTORY_TICKET_CREATED:
    case CD_HISTORY_TICKET_RESOLVED:
      value = cd_ticket_status_from_nick (detail);
      if (value >= 0)
        /* Translators: a ticket's status today, in a customer's history */
        return g_strdup_printf (_("now %s"), cd_ticket_status_label ((CdTicketStatus) value));
      break;

    case CD_HISTORY_COMPLAINT_RECEIVED:
      value = cd_severity_from_nick (detail);
      if (value >= 0)
        return g_strdup (cd_severity_label ((CdSeverity) value));
      break;

    case CD_HISTORY_FOLLOWUP:
    case CD_HISTORY_SATISFACTION:
      value = cd_outcome_from_nick (detail);
      if (value >= 0)
        return g_strdup (cd_outcome_label ((CdOutcome) value));
      value = cd_followup_status_from_nick (detail);
      if (value >= 0)
        return g_strdup (cd_followup_status_label ((CdFollowupStatus) value));
      break;

    case CD_HISTORY_COMPLAINT_CLOSED:
    default:
      break;
    }

  return g_strdup (detail);
}

/* What activating a history row opens, and the parts of the row that
 * change from one event to another. */
typedef struct {
  gint64     ticket_id;
  gint64     complaint_id;
  gint64     followup_id;
  GtkWidget *icon;
  GtkWidget *title;
  GtkWidget *sub;
  GtkWidget *arrow;
} HistoryTarget;

/* A plain row (not an AdwActionRow): a long history makes many, and each
 * should cost little to make and lay out. It is made empty and filled by
 * set_history_row(), so that the next customer's history reuses it. */
/* The whole text of a history line, as its tooltip, asked for only when
 * the pointer rests on it: setting a widget's tooltip text asks the
 * display where the pointer is (a round trip to the X server for every
 * label of every customer opened). */
static gboolean
on_history_label_query_tooltip_cb (GtkWidget  *label,
                                   int         x,
                                   int         y,
                                   gboolean    keyboard_mode,
                                   GtkTooltip *tooltip,
                                   gpointer    user_data)
{
  const char *text = gtk_label_get_text (GTK_LABEL (label));

  if (text == NULL || text[0] == '\0')
    return FALSE;
  gtk_tooltip_set_text (tooltip, text);
  return TRUE;
}

static GtkWidget *
make_history_label (void)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_label_set_single_line_mode (GTK_LABEL (label), TRUE);
  gtk_widget_set_has_tooltip (label, TRUE);
  g_signal_connect (label, "query-tooltip", G_CALLBACK (on_history_label_query_tooltip_cb), NULL);
  return label;
}

static GtkWidget *
make_history_row (void)
{
  GtkWidget *row, *box, *texts;
  HistoryTarget *target = g_new0 (HistoryTarget, 1);

  target->icon = gtk_image_new ();

  /* Single lines: wrapped labels make every layout pass measure each
   * row's height again, which a long history feels. The whole text is in
   * the tooltip. */
  target->title = make_history_label ();
  target->sub = make_history_label ();
  gtk_widget_add_css_class (target->sub, "dim-label");
  gtk_widget_add_css_class (target->sub, "caption");

  texts = gtk_box_new (GTK_ORIENTATION_VERTICAL, 3);
  gtk_widget_set_hexpand (texts, TRUE);
  gtk_widget_set_valign (texts, GTK_ALIGN_CENTER);
  gtk_box_append (GTK_BOX (texts), target->title);
  gtk_box_append (GTK_BOX (texts), target->sub);

  box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  gtk_widget_set_margin_top (box, 8);
  gtk_widget_set_margin_bottom (box, 8);
  gtk_box_append (GTK_BOX (box), target->icon);
  gtk_box_append (GTK_BOX (box), texts);

  target->arrow = gtk_image_new_from_icon_name ("go-next-symbolic");
  gtk_box_append (GTK_BOX (box), target->arrow);

  row = gtk_list_box_row_new ();
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  g_object_set_data_full (G_OBJECT (row), "cd-history-target", target, g_free);

  return row;
}

static void
set_history_row (GtkWidget            *row,
                 const CdHistoryEvent *event,
                 gint64                now)
{
  HistoryTarget *target = g_object_get_data (G_OBJECT (row), "cd-history-target");
  g_autofree char *when = cd_datetime_format_when (event->at, now);
  g_autofree char *detail = dup_detail_text (event);
  g_autoptr(GString) subtitle = g_string_new (kind_label (event));
  g_autofree char *accessible = NULL;
  const char *title = event->title != NULL ? event->title : "";
  gboolean is_ticket;

  if (g_str_equal (event->entity, "tickets"))
    {
      g_autofree char *number = cd_ticket_format_number (event->id);
      /* Translators: separates the parts of a line in a customer's history */
      g_string_append_printf (subtitle, _(" · %s"), number);
    }
  if (when[0] != '\0')
    g_string_append_printf (subtitle, _(" · %s"), when);
  if (event->kind == CD_HISTORY_SATISFACTION && event->score > 0)
    /* Translators: a satisfaction score, e.g. "4 of 5" */
    g_string_append_printf (subtitle, _(" · %d of 5"), event->score);
  if (detail != NULL)
    g_string_append_printf (subtitle, _(" · %s"), detail);

  is_ticket = g_str_equal (event->entity, "tickets");

  gtk_image_set_from_icon_name (GTK_IMAGE (target->icon), kind_icon (event));
  gtk_accessible_update_property (GTK_ACCESSIBLE (target->icon),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, kind_label (event),
                                  -1);
  if (event->kind == CD_HISTORY_COMPLAINT_RECEIVED)
    gtk_widget_set_css_classes (target->icon, (const char *[]) { "warning", NULL });
  else if (event->kind == CD_HISTORY_TICKET_RESOLVED || event->kind == CD_HISTORY_COMPLAINT_CLOSED)
    gtk_widget_set_css_classes (target->icon, (const char *[]) { "success", NULL });
  else
    gtk_widget_set_css_classes (target->icon, (const char *[]) { NULL });

  /* Labels are set only when they differ: an unchanged row (a reload of
   * the same customer) then costs no new layout. Their tooltips show
   * their whole text (make_history_label()). */
  if (g_strcmp0 (gtk_label_get_text (GTK_LABEL (target->title)), title) != 0)
    gtk_label_set_text (GTK_LABEL (target->title), title);
  if (g_strcmp0 (gtk_label_get_text (GTK_LABEL (target->sub)), subtitle->str) != 0)
    gtk_label_set_text (GTK_LABEL (target->sub), subtitle->str);

  gtk_accessible_update_property (GTK_ACCESSIBLE (target->arrow),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  is_ticket ? _("Open the ticket") : _("Open the complaint"),
                                  -1);
  /* A screen reader reads the row as one line.
   * Translators: a history row read aloud, "<title>, <what and when>" */
  accessible = g_strdup_printf (_("%s, %s"), title, subtitle->str);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, accessible,
                                  -1);

  target->ticket_id = 0;
  target->complaint_id = 0;
  target->followup_id = 0;
  if (is_ticket)
    target->ticket_id = event->id;
  else if (g_str_equal (event->entity, "complaints"))
    target->complaint_id = event->id;
  else if (g_str_equal (event->entity, "followups"))
    {
      target->complaint_id = event->parent_id;
      target->followup_id = event->id;
    }
}

/* Removes the rows from position @keep on. */
static void
trim_history (CdCustomerPage *self,
              guint           keep)
{
  GtkListBoxRow *row;

  while ((row = gtk_list_box_get_row_at_index (self->history_list, (int) keep)) != NULL)
    gtk_list_box_remove (self->history_list, GTK_WIDGET (row));
  self->n_history_rows = MIN (self->n_history_rows, keep);
}

static void
forget_shown (CdCustomerPage *self)
{
  for (guint i = 0; i < G_N_ELEMENTS (self->shown_ids); i++)
    g_hash_table_remove_all (self->shown_ids[i]);
}

static void
clear_history (CdCustomerPage *self)
{
  trim_history (self, 0);
  forget_shown (self);
}

/* Which records the history shows, by kind: a change of one of them
 * shows here even when it no longer belongs to the customer. */
enum {
  SHOWN_TICKETS,
  SHOWN_COMPLAINTS,
  SHOWN_FOLLOWUPS,
};

static void
note_shown (CdCustomerPage       *self,
            const CdHistoryEvent *event)
{
  gint64 id = event->id;

  if (g_str_equal (event->entity, "tickets"))
    g_hash_table_add (self->shown_ids[SHOWN_TICKETS], g_memdup2 (&id, sizeof id));
  else if (g_str_equal (event->entity, "complaints"))
    g_hash_table_add (self->shown_ids[SHOWN_COMPLAINTS], g_memdup2 (&id, sizeof id));
  else
    {
      g_hash_table_add (self->shown_ids[SHOWN_FOLLOWUPS], g_memdup2 (&id, sizeof id));
      /* A follow-up's row shows its complaint's summary. */
      id = event->parent_id;
      g_hash_table_add (self->shown_ids[SHOWN_COMPLAINTS], g_memdup2 (&id, sizeof id));
    }
}

static gboolean
shows_any (CdCustomerPage *self,
           const CdChange *change)
{
  const char *kind = cd_change_get_kind (change);
  GHashTable *ids;

  if (g_str_equal (kind, CD_CHANGE_TICKETS))
    ids = self->shown_ids[SHOWN_TICKETS];
  else if (g_str_equal (kind, CD_CHANGE_COMPLAINTS))
    ids = self->shown_ids[SHOWN_COMPLAINTS];
  else
    ids = self->shown_ids[SHOWN_FOLLOWUPS];

  for (guint i = 0; i < cd_change_get_n_ids (change); i++)
    {
      gint64 id = cd_change_get_id (change, i);

      if (g_hash_table_contains (ids, &id))
        return TRUE;
    }
  return FALSE;
}

/* Shows the newest history_limit events; with @append, keeps the rows
 * already shown and adds the older ones after them. Without, the rows
 * already made show the new events (making rows is what costs), and only
 * the difference in number is added or removed. */
static gboolean
show_history (CdCustomerPage  *self,
              gboolean         append,
              GError         **error)
{
  g_autoptr(GPtrArray) events = NULL;
  guint limit = self->history_limit;
  gint64 now = cd_store_now (self->store);
  guint shown;
  guint first = append ? self->n_history_rows : 0;

  /* One more than shown tells whether there are older events. */
  events = cd_customer_history (self->store, self->customer_id, limit + 1, error);
  if (events == NULL)
    return FALSE;

  shown = MIN (events->len, limit);
  if (!append)
    {
      forget_shown (self);
      trim_history (self, shown);
    }
  for (guint i = first; i < shown; i++)
    {
      GtkListBoxRow *row = gtk_list_box_get_row_at_index (self->history_list, (int) i);

      if (row == NULL)
        {
          row = GTK_LIST_BOX_ROW (make_history_row ());
          gtk_list_box_append (self->history_list, GTK_WIDGET (row));
        }
      set_history_row (GTK_WIDGET (row), g_ptr_array_index (events, i), now);
      note_shown (self, g_ptr_array_index (events, i));
    }
  self->n_history_rows = MAX (shown, self->n_history_rows);

  gtk_widget_set_visible (GTK_WIDGET (self->history_list), shown > 0);
  gtk_widget_set_visible (self->history_empty_label, shown == 0);
  gtk_widget_set_visible (self->history_more_button, events->len > limit);

  return TRUE;
}

/* "vip,wholesale" → "vip, wholesale" */
static char *
dup_tags_text (const char *tags)
{
  g_auto(GStrv) parts = NULL;
  g_autoptr(GString) text = NULL;

  if (tags == NULL)
    return NULL;

  parts = g_strsplit (tags, ",", -1);
  text = g_string_new (NULL);
  for (guint i = 0; parts[i] != NULL; i++)
    {
      g_strstrip (parts[i]);
      if (parts[i][0] == '\0')
        continue;
      if (text->len > 0)
        /* Translators: separates tags */
        g_string_append (text, _(", "));
      g_string_append (text, parts[i]);
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static void
show_customer (CdCustomerPage   *self,
               const CdCustomer *customer)
{
  g_autoptr(GString) summary = g_string_new (NULL);
  g_autofree char *last_contact = NULL;
  g_autofree char *created = NULL;
  g_autofree char *updated = NULL;
  g_autofree char *stamps = NULL;
  g_autofree char *tags = NULL;
  const char *tier = cd_tier_label (customer->tier);
  gboolean has_contact;

  self->owner_id = customer->owner_id;
  cd_owner_requests_group_set_customer (self->owner_requests_group, customer->id, customer->owner_id);
  gtk_label_set_text (self->title_label, customer->name);
  gtk_label_set_text (self->name_label, customer->name);
  gtk_widget_set_visible (self->archived_label, customer->archived);

  if (customer->organisation != NULL)
    g_string_append (summary, customer->organisation);
  if (summary->len > 0)
    /* Translators: separates the organisation and the tier under a
     * customer's name */
    g_string_append (summary, _(" · "));
  /* Translators: e.g. "Core customer" */
  g_string_append_printf (summary, _("%s customer"), tier);
  gtk_label_set_text (self->summary_label, summary->str);

  set_row (self->phone_row, customer->phone);
  set_row (self->phone2_row, customer->phone2);
  set_row (self->email_row, customer->email);
  set_row (self->address_row, customer->address);
  set_row (self->channel_row, customer->preferred_channel >= 0
                              ? cd_channel_label ((CdChannel) customer->preferred_channel) : NULL);
  has_contact = customer->phone != NULL || customer->phone2 != NULL ||
                customer->email != NULL || customer->address != NULL ||
                customer->preferred_channel >= 0;
  gtk_widget_set_visible (self->no_contact_label, !has_contact);

  set_row (self->tier_row, tier);
  set_row (self->owner_row, customer->owner_name != NULL ? customer->owner_name : _("No account owner"));
  tags = dup_tags_text (customer->tags);
  set_row (self->tags_row, tags);

  last_contact = cd_datetime_format_date (customer->last_contact_at);
  set_row (self->last_contact_row, last_contact[0] != '\0' ? last_contact : _("Never"));

  created = cd_datetime_format_when (customer->created_at, cd_store_now (self->store));
  updated = cd_datetime_format_when (customer->updated_at, cd_store_now (self->store));
  /* Translators: when a customer record was created and last changed */
  stamps = g_strdup_printf (_("Created %s, changed %s"), created, updated);
  set_row (self->stamps_row, stamps);

  gtk_widget_set_visible (self->notes_group, customer->notes != NULL);
  gtk_label_set_text (self->notes_label, customer->notes != NULL ? customer->notes : "");

  gtk_widget_set_sensitive (self->edit_button, TRUE);
}

static void
show_error (CdCustomerPage *self,
            const GError   *error)
{
  adw_status_page_set_description (self->error_page, error->message);
  gtk_stack_set_visible_child_name (self->stack, "error");
  gtk_label_set_text (self->title_label, "");
  gtk_widget_set_sensitive (self->edit_button, FALSE);
}

/* A rep who does not own the customer sees its phone and email in the
 * list masked; opening the record shows them, once the opening is on
 * record. Until then the page shows them masked, as the list does. */

typedef struct {
  gint64 customer_id;
  guint  serial;
} OpeningJob;

static void schedule_reload (CdCustomerPage *self);

static gboolean
record_opening_job (CdStore       *store,
                    gpointer       data,
                    GCancellable  *cancellable,
                    GError       **error)
{
  OpeningJob *job = data;

  return cd_customer_record_opening (store, job->customer_id, error);
}

static void
opening_recorded_cb (GObject      *source,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(CdCustomerPage) self = user_data;
  OpeningJob *job = cd_store_run_get_data (result);
  g_autoptr(GError) error = NULL;

  if (!cd_store_run_finish (CD_STORE (source), result, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_warning ("Could not record the opening of customer %" G_GINT64_FORMAT ": %s",
                   job->customer_id, error->message);
      return;
    }

  /* Still the same opening of the same customer. */
  if (self->store == NULL || job->serial != self->load_serial || job->customer_id != self->customer_id)
    return;
  self->contacts_allowed = TRUE;
  schedule_reload (self);
}

static void
record_opening (CdCustomerPage   *self,
                const CdCustomer *customer)
{
  OpeningJob *job = g_new0 (OpeningJob, 1);

  job->customer_id = customer->id;
  job->serial = self->load_serial;
  cd_store_run_async (self->store, CD_STORE_LANE_WRITE, record_opening_job, job, g_free,
                      self->cancellable, opening_recorded_cb, g_object_ref (self));
}

static void
mask_contacts (CdCustomer *customer)
{
  char *masked;

  if (customer->phone != NULL)
    {
      masked = cd_mask_phone (customer->phone);
      g_free (customer->phone);
      customer->phone = masked;
    }
  if (customer->phone2 != NULL)
    {
      masked = cd_mask_phone (customer->phone2);
      g_free (customer->phone2);
      customer->phone2 = masked;
    }
  if (customer->email != NULL)
    {
      masked = cd_mask_email (customer->email);
      g_free (customer->email);
      customer->email = masked;
    }
}

static gboolean
load_customer (CdCustomerPage  *self,
               gboolean         first_time,
               GError         **error)
{
  g_autoptr(CdCustomer) customer = NULL;
  g_autoptr(GError) history_error = NULL;

  customer = cd_customer_load (self->store, self->customer_id, error);
  if (customer == NULL)
    return FALSE;

  if (first_time)
    {
      self->contacts_allowed = !cd_customer_opening_needs_record (self->store, customer);
      if (!self->contacts_allowed)
        record_opening (self, customer);
    }
  if (!self->contacts_allowed)
    mask_contacts (customer);

  show_customer (self, customer);
  if (!show_history (self, FALSE, &history_error))
    {
      clear_history (self);
      gtk_widget_set_visible (GTK_WIDGET (self->history_list), FALSE);
      gtk_widget_set_visible (self->history_more_button, FALSE);
      gtk_label_set_text (GTK_LABEL (self->history_empty_label), history_error->message);
      gtk_widget_set_visible (self->history_empty_label, TRUE);
    }
  else
    {
      gtk_label_set_text (GTK_LABEL (self->history_empty_label),
                          _("No tickets, complaints or follow-ups for this customer yet."));
    }

  gtk_stack_set_visible_child_name (self->stack, "customer");
  return TRUE;
}

/* Following changes ------------------------------------------------------- */

static gboolean
reload_idle_cb (gpointer user_data)
{
  CdCustomerPage *self = user_data;

  self->reload_idle_id = 0;
  cd_customer_page_reload (self);
  return G_SOURCE_REMOVE;
}

/* Several changes in a row (a commit touches several kinds) are one
 * reload. */
static void
schedule_reload (CdCustomerPage *self)
{
  if (self->customer_id == 0 || self->reload_idle_id != 0)
    return;
  self->reload_idle_id = g_idle_add (reload_idle_cb, self);
}

static void
on_customers_changed_cb (CdStore        *store,
                         CdChange       *change,
                         CdCustomerPage *self)
{
  if (self->customer_id != 0 && cd_change_has_id (change, self->customer_id))
    schedule_reload (self);
}

/* The account owner's name. */
static void
on_staff_changed_cb (CdStore        *store,
                     CdChange       *change,
                     CdCustomerPage *self)
{
  if (self->customer_id != 0 && self->owner_id != 0 && cd_change_has_id (change, self->owner_id))
    schedule_reload (self);
}

static void
on_history_changed_cb (CdStore        *store,
                       CdChange       *change,
                       CdCustomerPage *self)
{
  if (self->customer_id == 0 || self->reload_idle_id != 0)
    return;
  if (shows_any (self, change) || cd_customer_history_changed (store, self->customer_id, change))
    schedule_reload (self);
}

/* Callbacks ---------------------------------------------------------------- */

static void
on_history_more_button_clicked_cb (CdCustomerPage *self,
                                   GtkButton      *button)
{
  g_autoptr(GError) error = NULL;

  self->history_limit += HISTORY_MORE;
  if (!show_history (self, TRUE, &error))
    cd_customers_show_error (GTK_WIDGET (self), _("Could Not Read the History"), error);
}

static void
on_history_list_row_activated_cb (CdCustomerPage *self,
                                  GtkListBoxRow  *row,
                                  GtkListBox     *list)
{
  const HistoryTarget *target = g_object_get_data (G_OBJECT (row), "cd-history-target");
  CdComplaintEditor *editor;
  GtkRoot *root;

  if (target == NULL)
    return;
  /* The ticket opens in the Tickets view, which the window shows. */
  if (target->ticket_id != 0)
    {
      gtk_widget_activate_action (GTK_WIDGET (self), "shell.open-ticket", "x", target->ticket_id);
      return;
    }
  if (target->complaint_id == 0)
    return;

  editor = cd_complaint_editor_new (self->store, target->complaint_id);
  root = gtk_widget_get_root (GTK_WIDGET (self));
  if (GTK_IS_WINDOW (root))
    gtk_window_set_transient_for (GTK_WINDOW (editor), GTK_WINDOW (root));
  gtk_window_present (GTK_WINDOW (editor));
  if (target->followup_id != 0)
    cd_complaint_editor_highlight_followup (editor, target->followup_id);
}

/* GObject ------------------------------------------------------------------ */

static void
cd_customer_page_constructed (GObject *object)
{
  CdCustomerPage *self = CD_CUSTOMER_PAGE (object);

  G_OBJECT_CLASS (cd_customer_page_parent_class)->constructed (object);

  g_assert (self->store != NULL);
  g_signal_group_set_target (self->store_signals, self->store);
  cd_owner_requests_group_set_store (self->owner_requests_group, self->store);
}

static void
cd_customer_page_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  CdCustomerPage *self = CD_CUSTOMER_PAGE (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;

    case PROP_CUSTOMER_ID:
      g_value_set_int64 (value, self->customer_id);
      break;

    case PROP_SHOW_BACK_BUTTON:
      g_value_set_boolean (value, self->show_back_button);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cd_customer_page_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  CdCustomerPage *self = CD_CUSTOMER_PAGE (object);

  switch (prop_id)
    {
    case PROP_STORE:
      self->store = g_value_dup_object (value);
      break;

    case PROP_SHOW_BACK_BUTTON:
      cd_customer_page_set_show_back_button (self, g_value_get_boolean (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cd_customer_page_dispose (GObject *object)
{
  CdCustomerPage *self = CD_CUSTOMER_PAGE (object);

  g_clear_handle_id (&self->reload_idle_id, g_source_remove);
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  if (self->store_signals != NULL)
    g_signal_group_set_target (self->store_signals, NULL);
  g_clear_object (&self->store_signals);

  gtk_widget_dispose_template (GTK_WIDGET (self), CD_TYPE_CUSTOMER_PAGE);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (cd_customer_page_parent_class)->dispose (object);
}

static void
cd_customer_page_finalize (GObject *object)
{
  CdCustomerPage *self = CD_CUSTOMER_PAGE (object);

  for (guint i = 0; i < G_N_ELEMENTS (self->shown_ids); i++)
    g_clear_pointer (&self->shown_ids[i], g_hash_table_unref);

  G_OBJECT_CLASS (cd_customer_page_parent_class)->finalize (object);
}

/* In a folded window the window's back arrow leads from the customer to
 * the list: the page's own would be a second arrow next to it. */
static void
update_back_button (CdCustomerPage *self)
{
  gboolean window_folded = self->window_leaflet != NULL && adw_leaflet_get_folded (self->window_leaflet);

  gtk_widget_set_visible (self->back_button, self->show_back_button && !window_folded);
}

static void
cd_customer_page_root (GtkWidget *widget)
{
  CdCustomerPage *self = CD_CUSTOMER_PAGE (widget);
  GtkWidget *own, *outer = NULL;

  GTK_WIDGET_CLASS (cd_customer_page_parent_class)->root (widget);

  own = gtk_widget_get_ancestor (widget, ADW_TYPE_LEAFLET);
  if (own != NULL && gtk_widget_get_parent (own) != NULL)
    outer = gtk_widget_get_ancestor (gtk_widget_get_parent (own), ADW_TYPE_LEAFLET);
  if (outer != NULL)
    {
      self->window_leaflet = ADW_LEAFLET (outer);
      g_signal_connect_object (outer, "notify::folded", G_CALLBACK (update_back_button), self, G_CONNECT_SWAPPED);
    }
  update_back_button (self);
}

static void
cd_customer_page_unroot (GtkWidget *widget)
{
  CdCustomerPage *self = CD_CUSTOMER_PAGE (widget);

  if (self->window_leaflet != NULL)
    {
      g_signal_handlers_disconnect_by_func (self->window_leaflet, update_back_button, self);
      self->window_leaflet = NULL;
    }
  GTK_WIDGET_CLASS (cd_customer_page_parent_class)->unroot (widget);
}

static void
cd_customer_page_class_init (CdCustomerPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = cd_customer_page_constructed;
  object_class->get_property = cd_customer_page_get_property;
  object_class->set_property = cd_customer_page_set_property;
  object_class->dispose = cd_customer_page_dispose;
  widget_class->root = cd_customer_page_root;
  widget_class->unroot = cd_customer_page_unroot;
  object_class->finalize = cd_customer_page_finalize;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL,
                         CD_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CUSTOMER_ID] =
    g_param_spec_int64 ("customer-id", NULL, NULL,
                        0, G_MAXINT64, 0,
                        G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SHOW_BACK_BUTTON] =
    g_param_spec_boolean ("show-back-button", NULL, NULL,
                          FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (CD_TYPE_OWNER_REQUESTS_GROUP);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/customers/cd-customer-page.ui");
  gtk_widget_class_bind_template_child (widget_class, CdCustomerPage, main_box);
  gtk_widget_class_bind_template_child (widget_class, CdCustomerPage, back_button);
  gtk_widget_class_bind_template_child (widget_class, CdCustomerPage, title_label);
  gtk_widget_class_bind_template_child (widget_class, CdCustomerPage, edit_button);
  gtk_widget_class_bind_template_child (widget_class, CdCustomerPage, stack);
  gtk_widget_class_bind_template_child (widget_class, CdCustomerPage, error_page);
  gtk_widget_class_bind_template_child (widget_class, CdCustomerPage, scrolled_window);
  gtk_widget_class_bind_template_child (widget_class, CdCustomerPage, name_label);
  gtk_widget_class_bind_template_child (widget_class, CdCustomerPage, archived_label);
  gtk_widget_class_bind_template_child (widget_class, CdCustomerPage, summary_label);
  gtk_widget_class_bind_template_child (widget_class, CdCustomerPage, phone_row);
  gtk_widget_class_bind_template_child (widget_class, CdCustomerPage, phone2_row);
  gtk_widget_class_bind_template_child (widget_class, CdCustomerPage, email_row);
  gtk_widget_class_bind_template_child (widget_class, CdCustomerPage, address_row);
  gtk_widget_class_bind_template_child (widget_class, CdCustomerPage, channel_row);
  gtk_widget_class_bind_template_child (widget_class, CdCustomerPage, no_contact_label);
  gtk_widget_class_bind_template_child (widget_class, CdCustomerPage, tier_row);
  gtk_widget_class_bind_template_child (widget_class, CdCustomerPage, owner_row);
  gtk_widget_class_bind_template_child (widget_class, CdCustomerPage, owner_requests_group);
  gtk_widget_class_bind_template_child (widget_class, CdCustomerPage, tags_row);
  gtk_widget_class_bind_template_child (widget_class, CdCustomerPage, last_contact_row);
  gtk_widget_class_bind_template_child (widget_class, CdCustomerPage, stamps_row);
  gtk_widget_class_bind_template_child (widget_class, CdCustomerPage, notes_group);
  gtk_widget_class_bind_template_child (widget_class, CdCustomerPage, notes_label);
  gtk_widget_class_bind_template_child (widget_class, CdCustomerPage, history_list);
  gtk_widget_class_bind_template_child (widget_class, CdCustomerPage, history_empty_label);
  gtk_widget_class_bind_template_child (widget_class, CdCustomerPage, history_more_button);
  gtk_widget_class_bind_template_callback (widget_class, on_history_more_button_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_history_list_row_activated_cb);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
cd_customer_page_init (CdCustomerPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->history_limit = HISTORY_FIRST;
  self->cancellable = g_cancellable_new ();
  for (guint i = 0; i < G_N_ELEMENTS (self->shown_ids); i++)
    self->shown_ids[i] = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);

  self->store_signals = g_signal_group_new (CD_TYPE_STORE);
  g_signal_group_connect_object (self->store_signals, "changed::" CD_CHANGE_CUSTOMERS,
                                 G_CALLBACK (on_customers_changed_cb), self, 0);
  g_signal_group_connect_object (self->store_signals, "changed::" CD_CHANGE_STAFF,
                                 G_CALLBACK (on_staff_changed_cb), self, 0);
  g_signal_group_connect_object (self->store_signals, "changed::" CD_CHANGE_TICKETS,
                                 G_CALLBACK (on_history_changed_cb), self, 0);
  g_signal_group_connect_object (self->store_signals, "changed::" CD_CHANGE_COMPLAINTS,
                                 G_CALLBACK (on_history_changed_cb), self, 0);
  g_signal_group_connect_object (self->store_signals, "changed::" CD_CHANGE_FOLLOWUPS,
                                 G_CALLBACK (on_history_changed_cb), self, 0);
}

/* Public ------------------------------------------------------------------- */

GtkWidget *
cd_customer_page_new (CdStore *store)
{
  g_return_val_if_fail (CD_IS_STORE (store), NULL);

  return g_object_new (CD_TYPE_CUSTOMER_PAGE, "store", store, NULL);
}

gboolean
cd_customer_page_load (CdCustomerPage  *self,
                       gint64           id,
                       GError         **error)
{
  g_autoptr(GError) local_error = NULL;
  gboolean changed;

  g_return_val_if_fail (CD_IS_CUSTOMER_PAGE (self), FALSE);
  g_return_val_if_fail (id >= 0, FALSE);

  changed = id != self->customer_id;
  self->customer_id = id;
  self->load_serial++;
  self->history_limit = HISTORY_FIRST;
  g_clear_handle_id (&self->reload_idle_id, g_source_remove);

  if (id == 0)
    {
      cd_owner_requests_group_set_customer (self->owner_requests_group, 0, 0);
      clear_history (self);
      gtk_label_set_text (self->title_label, "");
      gtk_widget_set_sensitive (self->edit_button, FALSE);
      gtk_stack_set_visible_child_name (self->stack, "none");
    }
  else
    {
      gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (self->scrolled_window), 0);
      if (!load_customer (self, TRUE, &local_error))
        {
          show_error (self, local_error);
          if (changed)
            g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CUSTOMER_ID]);
          g_propagate_error (error, g_steal_pointer (&local_error));
          return FALSE;
        }
    }

  if (changed)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CUSTOMER_ID]);
  return TRUE;
}

void
cd_customer_page_reload (CdCustomerPage *self)
{
  g_autoptr(GError) error = NULL;

  g_return_if_fail (CD_IS_CUSTOMER_PAGE (self));

  if (self->customer_id == 0)
    return;
  if (!load_customer (self, FALSE, &error))
    show_error (self, error);
}

gint64
cd_customer_page_get_customer_id (CdCustomerPage *self)
{
  g_return_val_if_fail (CD_IS_CUSTOMER_PAGE (self), 0);

  return self->customer_id;
}

void
cd_customer_page_set_show_back_button (CdCustomerPage *self,
                                       gboolean        show)
{
  g_return_if_fail (CD_IS_CUSTOMER_PAGE (self));

  show = !!show;
  if (self->show_back_button == show)
    return;

  self->show_back_button = show;
  update_back_button (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SHOW_BACK_BUTTON]);
}

guint
cd_customer_page_get_n_history_rows (CdCustomerPage *self)
{
  g_return_val_if_fail (CD_IS_CUSTOMER_PAGE (self), 0);

  return self->n_history_rows;
}
