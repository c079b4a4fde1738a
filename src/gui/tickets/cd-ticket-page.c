/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "caredesk-tickets"

#include "config.h"

#include <glib/gi18n.h>

#include "cd-assign-dialog.h"
#include "cd-conflict-dialog.h"
#include "cd-escalate-dialog.h"
#include "cd-satisfaction-dialog.h"
#include "cd-ticket-editor.h"
#include "cd-ticket-page.h"
#include "cd-datetime.h"
#include "cd-ticket-write.h"
#include "cd-tickets-util.h"

/* Internal notes are tinted so nobody mistakes them for what the customer
 * was told. */
static const char internal_note_css[] =
  ".cd-internal-note { background-color: alpha(@warning_bg_color, 0.10); }";

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
  GtkLabel        *number_label;
  GtkWidget       *presence_box;
  GtkLabel        *presence_label;
  AdwToastOverlay *toast_overlay;
  GtkStack        *stack;
  AdwStatusPage   *missing_page;
  GtkScrolledWindow *scrolled_window;
  GtkLabel        *subject_label;
  GtkLabel        *meta_label;
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
};

enum {
  PROP_0,
  PROP_STORE,
  N_PROPS
};

enum {
  SIGNAL_BACK,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (CdTicketPage, cd_ticket_page, GTK_TYPE_WIDGET)

static void
show_toast (CdTicketPage *self,
            const char   *message)
{
  AdwToast *toast = adw_toast_new (message);

  adw_toast_set_timeout (toast, 0);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

static gboolean
is_lead (CdTicketPage *self)
{
  return cd_store_require_role (self->store,
                                CD_ROLE_BIT (CD_ROLE_LEAD) | CD_ROLE_BIT (CD_ROLE_ADMIN), NULL);
}

/* Composer and draft ------------------------------------------------------ */

static char *
dup_composer_text (CdTicketPage *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->composer_view);
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

static void
set_composer_text (CdTicketPage *self,
                   const char   *text)
{
  self->loading_composer = TRUE;
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->composer_view), text != NULL ? text : "", -1);
  self->loading_composer = FALSE;
}

static void
update_composer_actions (CdTicketPage *self)
{
  g_autofree char *text = dup_composer_text (self);
  gboolean has_text = *g_strstrip (text) != '\0';
  gboolean open = self->ticket != NULL && !self->posting;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "ticket.add-note", open && has_text);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "ticket.log-call",
                                 open && has_text && !gtk_check_button_get_active (self->internal_check));
}

static void start_draft_save (CdTicketPage *self,
                              CdStore      *store,
                              gint64        ticket_id,
                              char         *text);

static void
draft_saved_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(CdTicketPage) self = user_data;
  g_autoptr(GError) error = NULL;
  CdTicketWrite *write = cd_ticket_write_finish (CD_STORE (source), result, &error);
  gint64 saved_id = self->draft_in_flight_id;
  GHashTableIter iter;
  gpointer key, value;

  self->draft_in_flight_id = 0;
  g_clear_pointer (&self->draft_in_flight_text, g_free);

  /* The newest text of any ticket left waiting goes next, also once the
   * page is gone: a draft is never dropped. */
  g_hash_table_iter_init (&iter, self->draft_queue);
  if (g_hash_table_iter_next (&iter, &key, &value))
    {
      gint64 next_id = *(gint64 *) key;
      char *text = g_strdup (value);

      g_hash_table_iter_remove (&iter);
      start_draft_save (self, CD_STORE (source), next_id, text);
    }

  if (self->store == NULL || saved_id != self->ticket_id || g_hash_table_contains (self->draft_queue, &saved_id))
    return;
  if (write == NULL)
    {
      /* Translators: %s says why the draft could not be saved */
      g_autofree char *label = g_strdup_printf (_("Draft not saved: %s"), error->message);

      gtk_label_set_text (self->draft_label, label);
      self->draft_dirty = TRUE;
    }
  else if (write->text != NULL && *write->text != '\0')
    {
      g_autofree char *shown = dup_composer_text (self);
      g_autofree char *saved = cd_datetime_format_time (cd_store_now (self->store));
      /* Translators: %s is a time of day */
      g_autofree char *label = g_strdup_printf (_("Draft saved at %s; only you can see it"), saved);

      gtk_label_set_text (self->draft_label, label);
      /* The file holds what the composer shows: another Caredesk of the
       * same person may now change it (see on_drafts_changed_cb()). */
      if (g_strcmp0 (shown, write->text) == 0)
        {
          g_free (self->draft_loaded);
          self->draft_loaded = g_strdup (write->text);
        }
    }
  else
    gtk_label_set_text (self->draft_label, "");
}

/* At most one draft is saved at a time; a newer text of a ticket replaces
 * the one waiting, so typing never piles up writes. Takes @text. */
static void
start_draft_save (CdTicketPage *self,
                  CdStore      *store,
                  gint64        ticket_id,
                  char         *text)
{
  CdTicketWrite *write;

  if (self->draft_in_flight_id != 0)
    {
      g_hash_table_replace (self->draft_queue, g_memdup2 (&ticket_id, sizeof ticket_id), text);
      return;
    }
  write = cd_ticket_write_new (CD_TICKET_WRITE_DRAFT, ticket_id);
  write->text = text;
  self->draft_in_flight_id = ticket_id;
  self->draft_in_flight_text = g_strdup (text);
  /* Not cancelled with the page: leaving a ticket saves its draft. */
  cd_ticket_write_start (store, write, NULL, draft_saved_cb, g_object_ref (self));
}

/* The draft of @ticket_id that is being saved or waits to be, or NULL. */
static const char *
unsaved_draft (CdTicketPage *self,
               gint64        ticket_id)
{
  const char *queued = g_hash_table_lookup (self->draft_queue, &ticket_id);

  if (queued != NULL)
    return queued;
  if (self->draft_in_flight_id != 0 && self->draft_in_flight_id == ticket_id)
    return self->draft_in_flight_text;
  return NULL;
}

gboolean
cd_ticket_page_flush_draft (CdTicketPage *self)
{
  g_return_val_if_fail (CD_IS_TICKET_PAGE (self), FALSE);

  g_clear_handle_id (&self->draft_timeout_id, g_source_remove);
  if (!self->draft_dirty || self->ticket_id == 0 || cd_store_is_read_only (self->store))
    return FALSE;
  self->draft_dirty = FALSE;
  start_draft_save (self, self->store, self->ticket_id, dup_composer_text (self));
  return TRUE;
}

static gboolean
draft_timeout_cb (gpointer user_data)
{
  CdTicketPage *self = user_data;

  self->draft_timeout_id = 0;
  cd_ticket_page_flush_draft (self);
  return G_SOURCE_REMOVE;
}

static void
on_composer_changed_cb (GtkTextBuffer *buffer,
                        CdTicketPage  *self)
{
  update_composer_actions (self);
  if (self->loading_composer || self->ticket_id == 0)
    return;
  self->draft_dirty = TRUE;
  g_clear_handle_id (&self->draft_timeout_id, g_source_remove);
  self->draft_timeout_id = g_timeout_add (CD_TICKET_PAGE_DRAFT_DELAY_MS, draft_timeout_cb, self);
}

static void
on_internal_check_toggled_cb (CdTicketPage *self)
{
  update_composer_actions (self);
}

static void
load_draft (CdTicketPage *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *draft = NULL;
  const char *unsaved = unsaved_draft (self, self->ticket_id);
  gint64 saved_at = 0;

  /* A draft still on its way to the file is newer than the file's. */
  if (unsaved != NULL)
    draft = g_strdup (unsaved);
  else
    draft = cd_draft_load (self->store, "ticket", self->ticket_id, &saved_at, &error);
  if (error != NULL)
    {
      show_toast (self, error->message);
      return;
    }
  set_composer_text (self, draft);
  g_free (self->draft_loaded);
  self->draft_loaded = g_strdup (draft);
  self->draft_dirty = FALSE;
  if (draft != NULL && *draft != '\0' && saved_at != 0)
    {
      g_autofree char *when = cd_datetime_format_when (saved_at, cd_store_now (self->store));
      /* Translators: %s is a date and time such as "Today, 14:05" */
      g_autofree char *label = g_strdup_printf (_("Your draft from %s"), when);
      gtk_label_set_text (self->draft_label, label);
    }
  else
    gtk_label_set_text (self->draft_label, "");
  update_composer_actions (self);
}

/* Presence ---------------------------------------------------------------- */

static void
update_presence_label (CdTicketPage *self)
{
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) others = NULL;
  g_autofree char *text = NULL;

  if (self->ticket_id == 0)
    {
      gtk_widget_set_visible (self->presence_box, FALSE);
      return;
    }
  others = cd_presence_others (self->store, "ticket", self->ticket_id, &error);
  if (others == NULL)
    {
      g_debug ("Could not read who else is editing: %s", error->message);
      return;
    }
  text = cd_presence_describe ((const char * const *) others);
  gtk_label_set_text (self->presence_label, text != NULL ? text : "");
  gtk_widget_set_tooltip_text (self->presence_box,
                               text != NULL ? _("Someone else has this ticket open. Their changes appear here within seconds; if you both save the same field, Caredesk asks whose version to keep.") : NULL);
  gtk_widget_set_visible (self->presence_box, text != NULL);
}

static void update_sla (CdTicketPage *self);

static void
presence_touched_cb (GObject      *source,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(CdTicketPage) self = user_data;
  g_autoptr(GError) error = NULL;

  self->presence_in_flight = FALSE;
  if (cd_ticket_write_finish (CD_STORE (source), result, &error) == NULL)
    g_debug ("Could not tell others this ticket is open: %s", error->message);
}

void
cd_ticket_page_update_presence (CdTicketPage *self)
{
  CdTicketWrite *write;

  g_return_if_fail (CD_IS_TICKET_PAGE (self));

  if (self->ticket_id == 0)
    return;
  /* A heartbeat still on its way says the same: no pile of them on a
   * busy file. */
  if (!cd_store_is_read_only (self->store) && !self->presence_in_flight)
    {
      write = cd_ticket_write_new (CD_TICKET_WRITE_PRESENCE_TOUCH, self->ticket_id);
      write->instance = g_strdup (cd_tickets_instance_id ());
      self->presence_in_flight = TRUE;
      cd_ticket_write_start (self->store, write, self->cancellable, presence_touched_cb, g_object_ref (self));
    }
  update_presence_label (self);
}

static gboolean
heartbeat_cb (gpointer user_data)
{
  CdTicketPage *self = user_data;

  cd_ticket_page_update_presence (self);
  /* The time left on the clocks moves on too. */
  update_sla (self);
  return G_SOURCE_CONTINUE;
}

static void
leave_ticket (CdTicketPage *self)
{
  if (self->ticket_id == 0)
    return;

  cd_ticket_page_flush_draft (self);
  if (!cd_store_is_read_only (self->store))
    {
      CdTicketWrite *write = cd_ticket_write_new (CD_TICKET_WRITE_PRESENCE_LEAVE, self->ticket_id);

      /* After any heartbeat still on its way (one lane, in order), and
       * also when the page is gone. */
      write->instance = g_strdup (cd_tickets_instance_id ());
      cd_ticket_write_start (self->store, write, NULL, NULL, NULL);
    }
  g_clear_handle_id (&self->heartbeat_id, g_source_remove);
}

/* Showing the ticket ------------------------------------------------------ */

static const char *
transition_label (CdTicketStatus from,
                  CdTicketStatus to)
{
  switch (to)
    {
    case CD_TICKET_OPEN:
      if (from == CD_TICKET_NEW)
        return _("_Open");
      if (from == CD_TICKET_PENDING)
        return _("_Resume");
      return _("Re_open");
    case CD_TICKET_PENDING:
      return _("_Wait on Customer");
    case CD_TICKET_RESOLVED:
      return _("Re_solve");
    case CD_TICKET_CLOSED:
      return _("_Close");
    case CD_TICKET_NEW:
    default:
      return cd_ticket_status_label (to);
    }
}

static const char *
transition_tooltip (CdTicketStatus from,
                    CdTicketStatus to)
{
  switch (to)
    {
    case CD_TICKET_OPEN:
      if (from == CD_TICKET_PENDING)
        return _("The customer answered; start the resolution clock again");
      if (from == CD_TICKET_NEW)
        return _("Start working on the ticket");
      return _("The problem is back; open the ticket again");
    case CD_TICKET_PENDING:
      return _("Waiting on the customer; the resolution clock stops meanwhile");
    case CD_TICKET_RESOLVED:
      return _("The problem is solved; you can record the customer’s satisfaction next");
    case CD_TICKET_CLOSED:
      return _("Nothing more to do on this ticket");
    case CD_TICKET_NEW:
    default:
      return NULL;
    }
}

static void
fill_status_buttons (CdTicketPage *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->status_buttons))) != NULL)
    gtk_box_remove (self->status_buttons, child);

  for (guint s = 0; s < cd_ticket_status_count (); s++)
    {
      GtkWidget *button;

      if (!cd_ticket_status_can_change (self->ticket->status, s))
        continue;
      button = gtk_button_new_with_mnemonic (transition_label (self->ticket->status, s));
      gtk_widget_set_tooltip_text (button, transition_tooltip (self->ticket->status, s));
      gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "ticket.set-status");
      gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "s", cd_ticket_status_to_nick (s));
      if (s == CD_TICKET_RESOLVED)
        gtk_widget_add_css_class (button, "suggested-action");
      gtk_box_append (self->status_buttons, button);
    }
}

static void
set_clock_row (AdwActionRow *row,
               GtkLabel     *state_label,
               gint64        now,
               gboolean      has_clock,
               gint64        due,
               CdSlaState    state,
               gint64        left,
               gboolean      paused)
{
  static const char *styles[] = { "error", "warning", "success" };
  const char *style = NULL;
  g_autofree char *text = NULL;
  g_autofree char *due_text = NULL;
  g_autofree char *subtitle = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (styles); i++)
    gtk_widget_remove_css_class (GTK_WIDGET (state_label), styles[i]);

  if (!has_clock)
    {
      adw_action_row_set_subtitle (row, _("No service level applies to this ticket"));
      gtk_label_set_text (state_label, "");
      return;
    }

  text = cd_tickets_describe_clock (state, left, paused, &style);
  due_text = cd_datetime_format_when (due, now);
  /* Translators: %s is a date and time */
  subtitle = g_strdup_printf (_("Due %s"), due_text);
  adw_action_row_set_subtitle (row, subtitle);
  gtk_label_set_text (state_label, text);
  if (style != NULL)
    gtk_widget_add_css_class (GTK_WIDGET (state_label), style);
}

static void
update_sla (CdTicketPage *self)
{
  g_autoptr(GError) error = NULL;
  CdTicketSla sla;

  if (self->ticket == NULL)
    return;

  if (!cd_ticket_sla (self->store, self->ticket, cd_store_now (self->store), &sla, &error))
    {
      adw_action_row_set_subtitle (self->first_response_row, error->message);
      adw_action_row_set_subtitle (self->resolution_row, error->message);
      return;
    }

  set_clock_row (self->first_response_row, self->first_response_state_label, cd_store_now (self->store),
                 sla.has_first_response, sla.first_response_due, sla.first_response_state,
                 sla.first_response_left, FALSE);
  set_clock_row (self->resolution_row, self->resolution_state_label, cd_store_now (self->store),
                 sla.has_resolution, sla.resolution_due, sla.resolution_state,
                 sla.resolution_left, sla.resolution_paused);

  if (self->ticket->first_response_at != 0)
    {
      g_autofree char *after = cd_datetime_format_duration (self->ticket->first_response_at - self->ticket->created_at);
      g_autofree char *at = cd_datetime_format_when (self->ticket->first_response_at, cd_store_now (self->store));
      /* Translators: first %s is a date and time, second a duration */
      g_autofree char *title = g_strdup_printf (_("First response at %s, %s after the ticket came in"), at, after);
      gtk_widget_set_tooltip_text (GTK_WIDGET (self->first_response_row), title);
      if (sla.has_first_response)
        {
          g_autofree char *subtitle = g_strdup_printf ("%s · %s", adw_action_row_get_subtitle (self->first_response_row), title);
          adw_action_row_set_subtitle (self->first_response_row, subtitle);
        }
      else
        adw_action_row_set_subtitle (self->first_response_row, title);
    }
  else
    gtk_widget_set_tooltip_text (GTK_WIDGET (self->first_response_row), NULL);
}

static void
fill (CdTicketPage *self)
{
  const CdTicket *t = self->ticket;
  g_autoptr(GString) meta = g_string_new (NULL);
  g_autofree char *created = cd_datetime_format_when (t->created_at, cd_store_now (self->store));
  gboolean done = t->status == CD_TICKET_RESOLVED || t->status == CD_TICKET_CLOSED;
  gboolean lead = is_lead (self);
  gboolean writable = !cd_store_is_read_only (self->store);
  const char *fcr_styles[] = { "success", "dim-label" };

  gtk_label_set_text (self->number_label, t->number);
  gtk_label_set_text (self->subject_label, t->subject);

  g_string_append (meta, t->customer_name != NULL ? t->customer_name : _("Unknown customer"));
  g_string_append_printf (meta, " · %s · %s", cd_channel_label (t->channel),
                          t->category_name != NULL ? t->category_name : _("No category"));
  /* Translators: %s is a priority such as "High" */
  g_string_append (meta, " · ");
  g_string_append_printf (meta, _("%s priority"), cd_priority_label (t->priority));
  g_string_append (meta, " · ");
  if (t->created_by_name != NULL)
    /* Translators: first %s is a date and time, second a person */
    g_string_append_printf (meta, _("Opened %s by %s"), created, t->created_by_name);
  else
    /* Translators: %s is a date and time */
    g_string_append_printf (meta, _("Opened %s"), created);
  gtk_label_set_text (self->meta_label, meta->str);

  if (t->description != NULL && *t->description != '\0')
    {
      gtk_label_set_text (self->description_label, t->description);
      gtk_widget_remove_css_class (GTK_WIDGET (self->description_label), "dim-label");
    }
  else
    {
      gtk_label_set_text (self->description_label, _("No description."));
      gtk_widget_add_css_class (GTK_WIDGET (self->description_label), "dim-label");
    }

  adw_action_row_set_subtitle (self->status_row, cd_ticket_status_label (t->status));
  fill_status_buttons (self);
  gtk_widget_set_sensitive (GTK_WIDGET (self->status_buttons), writable && !self->changing);

  adw_action_row_set_subtitle (self->assignee_row,
                               t->assignee_id != 0 && t->assignee_name != NULL ? t->assignee_name : _("Unassigned"));
  gtk_widget_set_visible (self->assign_button, lead);
  gtk_widget_set_visible (self->take_button, !lead && t->assignee_id == 0 && !done);

  if (t->escalated_to != NULL)
    {
      g_autofree char *due = cd_datetime_format_when (t->escalation_due, cd_store_now (self->store));
      /* Translators: first %s is who it went to, second the reason, third a date and time */
      g_autofree char *text = g_strdup_printf (_("To %s — %s. Reply promised by %s"),
                                               t->escalated_to,
                                               t->escalation_reason != NULL ? t->escalation_reason : "",
                                               due);
      adw_action_row_set_subtitle (self->escalation_row, text);
      if (t->escalation_due != 0 && t->escalation_due < cd_store_now (self->store) && !done)
        gtk_widget_add_css_class (GTK_WIDGET (self->escalation_row), "error");
      else
        gtk_widget_remove_css_class (GTK_WIDGET (self->escalation_row), "error");
    }
  else
    {
      adw_action_row_set_subtitle (self->escalation_row, _("Not escalated"));
      gtk_widget_remove_css_class (GTK_WIDGET (self->escalation_row), "error");
    }

  update_sla (self);

  for (guint i = 0; i < G_N_ELEMENTS (fcr_styles); i++)
    gtk_widget_remove_css_class (GTK_WIDGET (self->fcr_label), fcr_styles[i]);
  if (!done)
    {
      gtk_label_set_text (self->fcr_label, _("Not resolved yet"));
      gtk_widget_add_css_class (GTK_WIDGET (self->fcr_label), "dim-label");
    }
  else if (cd_ticket_is_first_contact_resolution (t))
    {
      gtk_label_set_text (self->fcr_label, _("Yes"));
      gtk_widget_add_css_class (GTK_WIDGET (self->fcr_label), "success");
    }
  else
    {
      gtk_label_set_text (self->fcr_label, _("No"));
      gtk_widget_add_css_class (GTK_WIDGET (self->fcr_label), "dim-label");
    }
  adw_action_row_set_subtitle (self->fcr_row,
                               _("Solved in one contact with the customer and never reopened"));

  if (t->satisfaction > 0)
    {
      g_autofree char *text = NULL;
      if (t->satisfaction_comment != NULL && *t->satisfaction_comment != '\0')
        /* Translators: a score out of 5 and the customer's comment */
        text = g_strdup_printf (_("%d of 5 — “%s”"), t->satisfaction, t->satisfaction_comment);
      else
        /* Translators: a score out of 5 */
        text = g_strdup_printf (_("%d of 5"), t->satisfaction);
      adw_action_row_set_subtitle (self->satisfaction_row, text);
    }
  else if (done)
    adw_action_row_set_subtitle (self->satisfaction_row, _("Not recorded yet"));
  else
    adw_action_row_set_subtitle (self->satisfaction_row, _("Asked for when the ticket is resolved"));
  gtk_widget_set_visible (self->satisfaction_button, done);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "ticket.edit", writable);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "ticket.assign", writable && lead);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "ticket.set-status", writable && !self->changing);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "ticket.take", writable && t->assignee_id == 0 && !self->changing);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "ticket.escalate", writable && !done);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "ticket.satisfaction", writable && done);
  update_composer_actions (self);
}

/* Timeline ---------------------------------------------------------------- */

static const char *
status_label_for_nick (const char *nick)
{
  int value = nick != NULL ? cd_ticket_status_from_nick (nick) : -1;
  return value >= 0 ? cd_ticket_status_label (value) : (nick != NULL ? nick : "");
}

static const char *
priority_label_for_nick (const char *nick)
{
  int value = nick != NULL ? cd_priority_from_nick (nick) : -1;
  return value >= 0 ? cd_priority_label (value) : (nick != NULL ? nick : "");
}

static char *
describe_event (const CdTicketEvent *e,
                const char         **icon_name)
{
  const char *who = e->author_name != NULL ? e->author_name : _("Someone");

  if (g_strcmp0 (e->kind, "note_public") == 0)
    {
      *icon_name = "mail-send-symbolic";
      /* Translators: %s is a person */
      return g_strdup_printf (_("%s wrote to the customer"), who);
    }
  if (g_strcmp0 (e->kind, "note_internal") == 0)
    {
      *icon_name = "changes-prevent-symbolic";
      return g_strdup_printf (_("%s added an internal note"), who);
    }
  if (g_strcmp0 (e->kind, "call") == 0)
    {
      *icon_name = "call-start-symbolic";
      return g_strdup_printf (_("%s logged a call with the customer"), who);
    }
  if (g_strcmp0 (e->kind, "status") == 0)
    {
      *icon_name = "emblem-ok-symbolic";
      if (e->old_value == NULL)
        return g_strdup_printf (_("%s created the ticket"), who);
      /* Translators: a person and two statuses */
      return g_strdup_printf (_("%s changed the status from %s to %s"), who,
                              status_label_for_nick (e->old_value), status_label_for_nick (e->new_value));
    }
  if (g_strcmp0 (e->kind, "assignment") == 0)
    {
      *icon_name = "avatar-default-symbolic";
      if (e->new_value == NULL)
        /* Translators: a person, and who had the ticket before */
        return g_strdup_printf (_("%s unassigned the ticket from %s"), who, e->old_value != NULL ? e->old_value : "?");
      if (g_strcmp0 (e->new_value, e->author_name) == 0 && e->old_value == NULL)
        return g_strdup_printf (_("%s took the ticket"), who);
      /* Translators: a person and the new assignee */
      return g_strdup_printf (_("%s assigned the ticket to %s"), who, e->new_value);
    }
  if (g_strcmp0 (e->kind, "escalation") == 0)
    {
      *icon_name = "go-up-symbolic";
      /* Translators: a person and who it went to (a lead or a department) */
      return g_strdup_printf (_("%s escalated the ticket to %s"), who, e->new_value != NULL ? e->new_value : "?");
    }
  if (g_strcmp0 (e->kind, "priority") == 0)
    {
      *icon_name = "emblem-important-symbolic";
      return g_strdup_printf (_("%s changed the priority from %s to %s"), who,
                              priority_label_for_nick (e->old_value), priority_label_for_nick (e->new_value));
    }
  if (g_strcmp0 (e->kind, "satisfaction") == 0)
    {
      *icon_name = "starred-symbolic";
      /* Translators: a person and a score */
      return g_strdup_printf (_("%s recorded a satisfaction of %s out of 5"), who,
                              e->new_value != NULL ? e->new_value : "?");
    }
  *icon_name = "document-edit-symbolic";
  return g_strdup_printf ("%s: %s", who, e->kind);
}

static GtkWidget *
make_event_row (const CdTicketEvent *e,
                gint64               now)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  GtkWidget *head = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
  GtkWidget *icon;
  GtkWidget *title;
  GtkWidget *time;
  const char *icon_name = NULL;
  g_autofree char *text = describe_event (e, &icon_name);
  g_autofree char *when = cd_datetime_format_when (e->created_at, now);
  gboolean internal = g_strcmp0 (e->kind, "note_internal") == 0;

  icon = gtk_image_new_from_icon_name (icon_name);
  gtk_accessible_update_property (GTK_ACCESSIBLE (icon), GTK_ACCESSIBLE_PROPERTY_LABEL, text, -1);
  gtk_widget_add_css_class (icon, internal ? "warning" : "dim-label");
  gtk_box_append (GTK_BOX (head), icon);

  title = gtk_label_new (text);
  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_label_set_wrap (GTK_LABEL (title), TRUE);
  gtk_widget_set_hexpand (title, TRUE);
  gtk_widget_add_css_class (title, "heading");
  gtk_box_append (GTK_BOX (head), title);

  if (internal)
    {
      GtkWidget *tag = gtk_label_new (_("Internal"));
      gtk_widget_add_css_class (tag, "caption-heading");
      gtk_widget_add_css_class (tag, "warning");
      gtk_box_append (GTK_BOX (head), tag);
    }

  time = gtk_label_new (when);
  gtk_widget_add_css_class (time, "dim-label");
  gtk_widget_add_css_class (time, "caption");
  gtk_widget_add_css_class (time, "numeric");
  gtk_box_append (GTK_BOX (head), time);
  gtk_box_append (GTK_BOX (box), head);

  if (e->body != NULL && *e->body != '\0')
    {
      GtkWidget *body = gtk_label_new (e->body);
      gtk_label_set_xalign (GTK_LABEL (body), 0);
      gtk_label_set_wrap (GTK_LABEL (body), TRUE);
      gtk_label_set_wrap_mode (GTK_LABEL (body), PANGO_WRAP_WORD_CHAR);
      gtk_label_set_selectable (GTK_LABEL (body), TRUE);
      gtk_widget_set_margin_start (body, 24);
      gtk_box_append (GTK_BOX (box), body);
    }

  gtk_widget_set_margin_top (box, 10);
  gtk_widget_set_margin_bottom (box, 10);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  if (internal)
    gtk_widget_add_css_class (row, "cd-internal-note");
  return row;
}

static void
load_timeline (CdTicketPage *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) events = NULL;
  gint64 now = cd_store_now (self->store);
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->timeline_list))) != NULL)
    gtk_list_box_remove (self->timeline_list, child);

  events = cd_ticket_timeline (self->store, self->ticket_id, &error);
  if (events == NULL)
    {
      show_toast (self, error->message);
      return;
    }
  for (guint i = 0; i < events->len; i++)
    gtk_list_box_append (self->timeline_list, make_event_row (g_ptr_array_index (events, i), now));
}

static void
show_missing (CdTicketPage *self,
              const char   *message)
{
  g_clear_pointer (&self->ticket, cd_ticket_free);
  adw_status_page_set_description (self->missing_page, message);
  gtk_stack_set_visible_child_name (self->stack, "missing");
  gtk_label_set_text (self->number_label, "");
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "ticket.edit", FALSE);
  update_composer_actions (self);
}

void
cd_ticket_page_reload (CdTicketPage *self)
{
  g_autoptr(GError) error = NULL;
  CdTicket *ticket;

  g_return_if_fail (CD_IS_TICKET_PAGE (self));

  if (self->ticket_id == 0)
    return;

  ticket = cd_ticket_load (self->store, self->ticket_id, &error);
  if (ticket == NULL)
    {
      show_missing (self, error->message);
      return;
    }
  /* An internal note leaves the ticket as it was: only the timeline. */
  if (self->ticket != NULL && ticket->version == self->ticket->version)
    {
      cd_ticket_free (ticket);
      load_timeline (self);
      return;
    }
  g_clear_pointer (&self->ticket, cd_ticket_free);
  self->ticket = ticket;
  gtk_stack_set_visible_child_name (self->stack, "ticket");
  fill (self);
  load_timeline (self);
}

static void
on_tickets_changed_cb (CdStore      *store,
                       CdChange     *change,
                       CdTicketPage *self)
{
  if (self->ticket_id != 0 && cd_change_has_id (change, self->ticket_id))
    cd_ticket_page_reload (self);
}

static void
on_presence_changed_cb (CdStore      *store,
                        CdChange     *change,
                        CdTicketPage *self)
{
  /* Our own heartbeat changes nothing shown. */
  if (self->ticket_id != 0 && cd_change_get_origin (change) == CD_CHANGE_EXTERNAL &&
      cd_change_has_id (change, self->ticket_id))
    update_presence_label (self);
}

/* Another Caredesk of the same person saved or used up the draft of this
 * ticket: take it, unless this composer holds words of its own. */
static void
on_drafts_changed_cb (CdStore      *store,
                      CdChange     *change,
                      CdTicketPage *self)
{
  g_autofree char *text = NULL;

  if (self->ticket_id == 0 || cd_change_get_origin (change) != CD_CHANGE_EXTERNAL ||
      !cd_change_has_id (change, self->ticket_id) || self->draft_dirty || self->posting ||
      unsaved_draft (self, self->ticket_id) != NULL)
    return;
  text = dup_composer_text (self);
  if (g_strcmp0 (text, self->draft_loaded != NULL ? self->draft_loaded : "") == 0)
    load_draft (self);
}

gboolean
cd_ticket_page_set_ticket (CdTicketPage *self,
                           gint64        id)
{
  g_autoptr(GError) error = NULL;
  CdTicket *ticket;

  g_return_val_if_fail (CD_IS_TICKET_PAGE (self), FALSE);

  if (id == self->ticket_id && self->ticket != NULL)
    return TRUE;

  leave_ticket (self);
  self->ticket_id = id;
  g_clear_pointer (&self->ticket, cd_ticket_free);
  set_composer_text (self, NULL);
  gtk_label_set_text (self->draft_label, "");
  gtk_check_button_set_active (self->internal_check, FALSE);
  gtk_widget_set_visible (self->presence_box, FALSE);

  if (id == 0)
    {
      show_missing (self, NULL);
      return TRUE;
    }

  ticket = cd_ticket_load (self->store, id, &error);
  if (ticket == NULL)
    {
      show_missing (self, error->message);
      return FALSE;
    }
  self->ticket = ticket;
  gtk_stack_set_visible_child_name (self->stack, "ticket");
  gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (self->scrolled_window), 0);
  fill (self);
  load_timeline (self);
  load_draft (self);

  cd_ticket_page_update_presence (self);
  self->heartbeat_id = g_timeout_add_seconds (CD_PRESENCE_HEARTBEAT_SECONDS, heartbeat_cb, self);
  return TRUE;
}

/* Actions ----------------------------------------------------------------- */

static void
back_action_cb (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  g_signal_emit (widget, signals[SIGNAL_BACK], 0);
}

static void
present_dialog (CdTicketPage *self,
                GtkWidget    *dialog)
{
  gtk_window_set_transient_for (GTK_WINDOW (dialog), cd_tickets_get_window (GTK_WIDGET (self)));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
edit_action_cb (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  CdTicketPage *self = CD_TICKET_PAGE (widget);

  if (self->ticket == NULL)
    return;
  present_dialog (self, cd_ticket_editor_new (self->store, self->ticket_id));
}

static void
open_satisfaction (CdTicketPage *self)
{
  if (self->ticket == NULL)
    return;
  present_dialog (self, cd_satisfaction_dialog_new (self->store, self->ticket));
}

/* A quick change (status, take): what to redo when the person chooses to
 * overwrite after a conflict. */
typedef struct {
  CdTicketPage   *self;
  gboolean        take;
  CdTicketStatus  status;
} QuickChange;

static void start_quick_change (CdTicketPage *self,
                                gboolean      take,
                                CdTicketStatus status,
                                gboolean      overwrite);

static void
on_quick_conflict_response_cb (AdwMessageDialog *dialog,
                               const char       *response,
                               gpointer          user_data)
{
  QuickChange *change = user_data;

  if (cd_conflict_dialog_choice_from_response (response) == CD_CONFLICT_CHOICE_OVERWRITE)
    start_quick_change (change->self, change->take, change->status, TRUE);
  else
    cd_ticket_page_reload (change->self);
}

static void
quick_change_free (gpointer  data,
                   GClosure *closure)
{
  QuickChange *change = data;

  g_object_unref (change->self);
  g_free (change);
}

static void
show_quick_conflict (CdTicketPage   *self,
                     gboolean        take,
                     CdTicketStatus  status)
{
  g_autoptr(CdTicket) yours = cd_ticket_dup (self->ticket);
  g_autoptr(GError) error = NULL;
  QuickChange *change;
  GtkWidget *dialog;

  if (take)
    {
      yours->assignee_id = cd_store_get_staff_id (self->store);
      g_free (yours->assignee_name);
      yours->assignee_name = g_strdup (cd_store_get_display_name (self->store));
    }
  else
    yours->status = status;

  dialog = cd_ticket_conflict_dialog_new (cd_tickets_get_window (GTK_WIDGET (self)), self->store, yours, &error);
  if (dialog == NULL)
    {
      show_toast (self, error->message);
      return;
    }
  change = g_new0 (QuickChange, 1);
  change->self = g_object_ref (self);
  change->take = take;
  change->status = status;
  g_signal_connect_data (dialog, "response", G_CALLBACK (on_quick_conflict_response_cb),
                         change, quick_change_free, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
set_changing (CdTicketPage *self,
              gboolean      take,
              gboolean      changing)
{
  self->changing = changing;
  cd_tickets_show_saving (NULL, take ? self->assignee_spinner : self->status_spinner, changing);
  if (self->ticket != NULL)
    fill (self);
}

static void
quick_change_done_cb (GObject      *source,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(CdTicketPage) self = user_data;
  g_autoptr(GError) error = NULL;
  CdTicketWrite *write = cd_ticket_write_finish (CD_STORE (source), result, &error);
  gboolean take = write != NULL ? write->kind == CD_TICKET_WRITE_ASSIGN : self->changing_take;

  if (self->store == NULL)
    return;
  set_changing (self, take, FALSE);
  /* The page has moved on to another ticket meanwhile. */
  if (self->changing_id != self->ticket_id || self->ticket == NULL)
    return;

  /* The page already shows the change (it follows its ticket's changes). */
  if (write != NULL)
    {
      if (!take && write->status == CD_TICKET_RESOLVED && self->ticket->satisfaction == 0)
        open_satisfaction (self);
      return;
    }
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (g_error_matches (error, CD_STORE_ERROR, CD_STORE_ERROR_STALE))
    show_quick_conflict (self, take, self->changing_status);
  else
    show_toast (self, error->message);
}

static void
start_quick_change (CdTicketPage   *self,
                    gboolean        take,
                    CdTicketStatus  status,
                    gboolean        overwrite)
{
  CdTicketWrite *write;

  if (self->ticket == NULL || self->changing)
    return;

  if (take)
    {
      write = cd_ticket_write_new (CD_TICKET_WRITE_ASSIGN, self->ticket_id);
      write->assignee_id = cd_store_get_staff_id (self->store);
    }
  else
    {
      write = cd_ticket_write_new (CD_TICKET_WRITE_STATUS, self->ticket_id);
      write->status = status;
    }
  write->version = overwrite ? 0 : self->ticket->version;
  self->changing_id = self->ticket_id;
  self->changing_take = take;
  self->changing_status = status;
  set_changing (self, take, TRUE);
  cd_ticket_write_start (self->store, write, self->cancellable, quick_change_done_cb, g_object_ref (self));
}

static void
set_status_action_cb (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  CdTicketPage *self = CD_TICKET_PAGE (widget);
  int status = cd_ticket_status_from_nick (g_variant_get_string (parameter, NULL));

  if (status >= 0)
    start_quick_change (self, FALSE, status, FALSE);
}

static void
take_action_cb (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  start_quick_change (CD_TICKET_PAGE (widget), TRUE, CD_TICKET_NEW, FALSE);
}

static void
assign_action_cb (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  CdTicketPage *self = CD_TICKET_PAGE (widget);

  if (self->ticket != NULL)
    present_dialog (self, cd_assign_dialog_new (self->store, self->ticket));
}

static void
escalate_action_cb (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  CdTicketPage *self = CD_TICKET_PAGE (widget);

  if (self->ticket != NULL)
    present_dialog (self, cd_escalate_dialog_new (self->store, self->ticket));
}

static void
satisfaction_action_cb (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  open_satisfaction (CD_TICKET_PAGE (widget));
}

static void
set_posting (CdTicketPage *self,
             gboolean      posting)
{
  self->posting = posting;
  cd_tickets_show_saving (NULL, self->post_spinner, posting);
  update_composer_actions (self);
}

static void
post_done_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(CdTicketPage) self = user_data;
  g_autoptr(GError) error = NULL;
  CdTicketWrite *write = cd_ticket_write_finish (CD_STORE (source), result, &error);
  g_autofree char *text = NULL;
  g_autofree char *posted = g_steal_pointer (&self->posted_text);
  gint64 posted_id = self->posted_id;

  if (self->store == NULL)
    return;
  set_posting (self, FALSE);
  if (posted_id != self->ticket_id)
    return;

  text = dup_composer_text (self);
  if (write == NULL)
    {
      /* Nothing was posted: the text stays, and is the draft again. */
      self->draft_dirty = TRUE;
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        show_toast (self, error->message);
      return;
    }
  /* What was posted is gone from the composer; what was typed meanwhile
   * stays. The draft was used up by the note. */
  if (g_strcmp0 (text, posted) == 0)
    {
      set_composer_text (self, NULL);
      g_clear_pointer (&self->draft_loaded, g_free);
      self->draft_dirty = FALSE;
      gtk_label_set_text (self->draft_label, "");
    }
  update_composer_actions (self);
}

static void
post (CdTicketPage *self,
      gboolean      call)
{
  g_autofree char *text = dup_composer_text (self);
  g_autofree char *trimmed = g_strstrip (g_strdup (text));
  gboolean internal = gtk_check_button_get_active (self->internal_check);
  CdTicketWrite *write;

  if (self->ticket == NULL || *trimmed == '\0' || self->posting)
    return;

  /* What is posted is the draft; nothing is left to save. */
  g_clear_handle_id (&self->draft_timeout_id, g_source_remove);
  self->draft_dirty = FALSE;

  write = cd_ticket_write_new (call ? CD_TICKET_WRITE_CALL : CD_TICKET_WRITE_NOTE, self->ticket_id);
  write->text = g_strdup (text);
  write->customer_facing = !internal;
  self->posted_id = self->ticket_id;
  self->posted_text = g_steal_pointer (&text);
  set_posting (self, TRUE);
  cd_ticket_write_start (self->store, write, self->cancellable, post_done_cb, g_object_ref (self));
}

static void
add_note_action_cb (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  post (CD_TICKET_PAGE (widget), FALSE);
}

static void
log_call_action_cb (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  post (CD_TICKET_PAGE (widget), TRUE);
}

/* Object ------------------------------------------------------------------ */

static void
ensure_css (GtkWidget *widget)
{
  GdkDisplay *display = gtk_widget_get_display (widget);
  GtkCssProvider *provider;

  if (display == NULL || g_object_get_data (G_OBJECT (display), "cd-ticket-page-css") != NULL)
    return;
  provider = gtk_css_provider_new ();
  gtk_css_provider_load_from_data (provider, internal_note_css, -1);
  gtk_style_context_add_provider_for_display (display, GTK_STYLE_PROVIDER (provider),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
  g_object_set_data_full (G_OBJECT (display), "cd-ticket-page-css", provider, g_object_unref);
}

static void
cd_ticket_page_constructed (GObject *object)
{
  CdTicketPage *self = CD_TICKET_PAGE (object);

  G_OBJECT_CLASS (cd_ticket_page_parent_class)->constructed (object);

  g_assert (self->store != NULL);
  g_signal_group_set_target (self->store_signals, self->store);
  show_missing (self, NULL);
}

static void
cd_ticket_page_dispose (GObject *object)
{
  CdTicketPage *self = CD_TICKET_PAGE (object);

  /* Changes still waiting for the file's lock are given up; the draft and
   * the end of presence are not (see leave_ticket()). */
  g_cancellable_cancel (self->cancellable);
  if (self->store != NULL)
    {
      leave_ticket (self);
      self->ticket_id = 0;
      g_signal_group_set_target (self->store_signals, NULL);
    }
  g_clear_handle_id (&self->draft_timeout_id, g_source_remove);
  g_clear_handle_id (&self->heartbeat_id, g_source_remove);

  gtk_widget_dispose_template (GTK_WIDGET (self), CD_TYPE_TICKET_PAGE);
  g_clear_pointer (&self->ticket, cd_ticket_free);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (cd_ticket_page_parent_class)->dispose (object);
}

static void
cd_ticket_page_finalize (GObject *object)
{
  CdTicketPage *self = CD_TICKET_PAGE (object);

  g_clear_object (&self->cancellable);
  g_clear_object (&self->store_signals);
  g_clear_pointer (&self->draft_queue, g_hash_table_unref);
  g_free (self->draft_in_flight_text);
  g_free (self->draft_loaded);
  g_free (self->posted_text);

  G_OBJECT_CLASS (cd_ticket_page_parent_class)->finalize (object);
}

static void
cd_ticket_page_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  CdTicketPage *self = CD_TICKET_PAGE (object);

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
cd_ticket_page_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  CdTicketPage *self = CD_TICKET_PAGE (object);

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
cd_ticket_page_class_init (CdTicketPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = cd_ticket_page_constructed;
  object_class->dispose = cd_ticket_page_dispose;
  object_class->finalize = cd_ticket_page_finalize;
  object_class->get_property = cd_ticket_page_get_property;
  object_class->set_property = cd_ticket_page_set_property;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, CD_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[SIGNAL_BACK] =
    g_signal_new ("back", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/tickets/cd-ticket-page.ui");
  gtk_widget_class_bind_template_child (widget_class, CdTicketPage, main_box);
  gtk_widget_class_bind_template_child (widget_class, CdTicketPage, number_label);
  gtk_widget_class_bind_template_child (widget_class, CdTicketPage, presence_box);
  gtk_widget_class_bind_template_child (widget_class, CdTicketPage, presence_label);
  gtk_widget_class_bind_template_child (widget_class, CdTicketPage, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, CdTicketPage, stack);
  gtk_widget_class_bind_template_child (widget_class, CdTicketPage, missing_page);
  gtk_widget_class_bind_template_child (widget_class, CdTicketPage, scrolled_window);
  gtk_widget_class_bind_template_child (widget_class, CdTicketPage, subject_label);
  gtk_widget_class_bind_template_child (widget_class, CdTicketPage, meta_label);
  gtk_widget_class_bind_template_child (widget_class, CdTicketPage, description_label);
  gtk_widget_class_bind_template_child (widget_class, CdTicketPage, status_row);
  gtk_widget_class_bind_template_child (widget_class, CdTicketPage, status_spinner);
  gtk_widget_class_bind_template_child (widget_class, CdTicketPage, assignee_spinner);
  gtk_widget_class_bind_template_child (widget_class, CdTicketPage, post_spinner);
  gtk_widget_class_bind_template_child (widget_class, CdTicketPage, status_buttons);
  gtk_widget_class_bind_template_child (widget_class, CdTicketPage, assignee_row);
  gtk_widget_class_bind_template_child (widget_class, CdTicketPage, take_button);
  gtk_widget_class_bind_template_child (widget_class, CdTicketPage, assign_button);
  gtk_widget_class_bind_template_child (widget_class, CdTicketPage, escalation_row);
  gtk_widget_class_bind_template_child (widget_class, CdTicketPage, escalate_button);
  gtk_widget_class_bind_template_child (widget_class, CdTicketPage, first_response_row);
  gtk_widget_class_bind_template_child (widget_class, CdTicketPage, first_response_state_label);
  gtk_widget_class_bind_template_child (widget_class, CdTicketPage, resolution_row);
  gtk_widget_class_bind_template_child (widget_class, CdTicketPage, resolution_state_label);
  gtk_widget_class_bind_template_child (widget_class, CdTicketPage, fcr_row);
  gtk_widget_class_bind_template_child (widget_class, CdTicketPage, fcr_label);
  gtk_widget_class_bind_template_child (widget_class, CdTicketPage, satisfaction_row);
  gtk_widget_class_bind_template_child (widget_class, CdTicketPage, satisfaction_button);
  gtk_widget_class_bind_template_child (widget_class, CdTicketPage, composer_view);
  gtk_widget_class_bind_template_child (widget_class, CdTicketPage, internal_check);
  gtk_widget_class_bind_template_child (widget_class, CdTicketPage, draft_label);
  gtk_widget_class_bind_template_child (widget_class, CdTicketPage, timeline_list);
  gtk_widget_class_bind_template_callback (widget_class, on_internal_check_toggled_cb);

  gtk_widget_class_install_action (widget_class, "ticket.back", NULL, back_action_cb);
  gtk_widget_class_install_action (widget_class, "ticket.edit", NULL, edit_action_cb);
  gtk_widget_class_install_action (widget_class, "ticket.set-status", "s", set_status_action_cb);
  gtk_widget_class_install_action (widget_class, "ticket.take", NULL, take_action_cb);
  gtk_widget_class_install_action (widget_class, "ticket.assign", NULL, assign_action_cb);
  gtk_widget_class_install_action (widget_class, "ticket.escalate", NULL, escalate_action_cb);
  gtk_widget_class_install_action (widget_class, "ticket.satisfaction", NULL, satisfaction_action_cb);
  gtk_widget_class_install_action (widget_class, "ticket.add-note", NULL, add_note_action_cb);
  gtk_widget_class_install_action (widget_class, "ticket.log-call", NULL, log_call_action_cb);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Left, GDK_ALT_MASK, "ticket.back", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "ticket.back", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_e, GDK_CONTROL_MASK, "ticket.edit", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Return, GDK_CONTROL_MASK, "ticket.add-note", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Enter, GDK_CONTROL_MASK, "ticket.add-note", NULL);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
cd_ticket_page_init (CdTicketPage *self)
{
  self->cancellable = g_cancellable_new ();
  self->store_signals = g_signal_group_new (CD_TYPE_STORE);
  g_signal_group_connect_object (self->store_signals, "changed::" CD_CHANGE_TICKETS,
                                 G_CALLBACK (on_tickets_changed_cb), self, G_CONNECT_DEFAULT);
  g_signal_group_connect_object (self->store_signals, "changed::" CD_CHANGE_PRESENCE,
                                 G_CALLBACK (on_presence_changed_cb), self, G_CONNECT_DEFAULT);
  g_signal_group_connect_object (self->store_signals, "changed::" CD_CHANGE_DRAFTS,
                                 G_CALLBACK (on_drafts_changed_cb), self, G_CONNECT_DEFAULT);
  self->draft_queue = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  gtk_widget_init_template (GTK_WIDGET (self));
  ensure_css (GTK_WIDGET (self));
  g_signal_connect_object (gtk_text_view_get_buffer (self->composer_view), "changed",
                           G_CALLBACK (on_composer_changed_cb), self, 0);
}

GtkWidget *
cd_ticket_page_new (CdStore *store)
{
  g_return_val_if_fail (CD_IS_STORE (store), NULL);
  return g_object_new (CD_TYPE_TICKET_PAGE, "store", store, NULL);
}

gint64
cd_ticket_page_get_ticket_id (CdTicketPage *self)
{
  g_return_val_if_fail (CD_IS_TICKET_PAGE (self), 0);
  return self->ticket_id;
}

const CdTicket *
cd_ticket_page_get_ticket (CdTicketPage *self)
{
  g_return_val_if_fail (CD_IS_TICKET_PAGE (self), NULL);
  return self->ticket;
}

GtkTextView *
cd_ticket_page_get_composer (CdTicketPage *self)
{
  g_return_val_if_fail (CD_IS_TICKET_PAGE (self), NULL);
  return self->composer_view;
}

GtkCheckButton *
cd_ticket_page_get_internal_check (CdTicketPage *self)
{
  g_return_val_if_fail (CD_IS_TICKET_PAGE (self), NULL);
  return self->internal_check;
}

GtkLabel *
cd_ticket_page_get_subject_label (CdTicketPage *self)
{
  g_return_val_if_fail (CD_IS_TICKET_PAGE (self), NULL);
  return self->subject_label;
}

GtkLabel *
cd_ticket_page_get_presence_label (CdTicketPage *self)
{
  g_return_val_if_fail (CD_IS_TICKET_PAGE (self), NULL);
  return self->presence_label;
}

GtkListBox *
cd_ticket_page_get_timeline (CdTicketPage *self)
{
  g_return_val_if_fail (CD_IS_TICKET_PAGE (self), NULL);
  return self->timeline_list;
}
