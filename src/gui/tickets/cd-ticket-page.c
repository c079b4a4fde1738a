/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "caredesk-tickets"

#include "config.h"

#include <glib/gi18n.h>

#include "cd-ticket-page-private.h"
#include "cd-datetime.h"
#include "cd-tickets-util.h"

/* Internal notes are tinted so nobody mistakes them for what the customer
 * was told. */
static const char internal_note_css[] =
  ".cd-internal-note { background-color: alpha(@warning_bg_color, 0.10); }";

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

void
_cd_ticket_page_show_toast (CdTicketPage *self,
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

/* One button per status, made with the first ticket and shown when the
 * ticket's status can change to it: showing the next ticket makes no
 * widgets. */
static void
fill_status_buttons (CdTicketPage *self)
{
  GtkWidget *button = gtk_widget_get_first_child (GTK_WIDGET (self->status_buttons));

  for (guint s = 0; s < cd_ticket_status_count (); s++)
    {
      gboolean can = cd_ticket_status_can_change (self->ticket->status, s);

      if (button == NULL)
        {
          button = gtk_button_new_with_mnemonic ("");
          /* In a narrow window a long label goes over two lines, so that
           * the row's title keeps its word whole and the row fits. */
          gtk_label_set_wrap (GTK_LABEL (gtk_button_get_child (GTK_BUTTON (button))), TRUE);
          gtk_label_set_justify (GTK_LABEL (gtk_button_get_child (GTK_BUTTON (button))), GTK_JUSTIFY_CENTER);
          gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "ticket.set-status");
          gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "s", cd_ticket_status_to_nick (s));
          if (s == CD_TICKET_RESOLVED)
            gtk_widget_add_css_class (button, "suggested-action");
          gtk_box_append (self->status_buttons, button);
        }
      gtk_widget_set_visible (button, can);
      if (can)
        {
          const char *label = transition_label (self->ticket->status, s);

          if (g_strcmp0 (gtk_button_get_label (GTK_BUTTON (button)), label) != 0)
            gtk_button_set_label (GTK_BUTTON (button), label);
          gtk_widget_set_tooltip_text (button, transition_tooltip (self->ticket->status, s));
        }
      button = gtk_widget_get_next_sibling (button);
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

void
_cd_ticket_page_update_sla (CdTicketPage *self)
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

void
_cd_ticket_page_fill (CdTicketPage *self)
{
  const CdTicket *t = self->ticket;
  g_autoptr(GString) meta = g_string_new (NULL);
  g_autofree char *created = cd_datetime_format_when (t->created_at, cd_store_now (self->store));
  gboolean done = t->status == CD_TICKET_RESOLVED || t->status == CD_TICKET_CLOSED;
  gboolean lead = is_lead (self);
  gboolean writable = !cd_store_is_read_only (self->store);
  const char *fcr_styles[] = { "success", "dim-label" };

  g_autofree char *priority = NULL;
  g_autofree char *opened = NULL;

  gtk_label_set_text (self->number_label, t->number);
  gtk_label_set_text (self->subject_label, t->subject);

  /* The customer's name opens their page. */
  if (t->customer_id != 0 && t->customer_name != NULL)
    {
      g_autofree char *open_label = NULL;

      gtk_label_set_text (self->customer_label, t->customer_name);
      /* Translators: the accessible name of a customer's name on a ticket; %s is the customer */
      open_label = g_strdup_printf (_("Open customer %s"), t->customer_name);
      gtk_accessible_update_property (GTK_ACCESSIBLE (self->customer_button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      open_label, -1);
    }
  else
    {
      gtk_label_set_text (self->customer_label, _("Unknown customer"));
      gtk_accessible_update_property (GTK_ACCESSIBLE (self->customer_button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      _("Unknown customer"), -1);
    }
  gtk_widget_set_sensitive (GTK_WIDGET (self->customer_button), t->customer_id != 0);
  /* Translators: %s is a priority such as "High" */
  priority = g_strdup_printf (_("%s priority"), cd_priority_label (t->priority));
  if (t->created_by_name != NULL)
    /* Translators: first %s is a date and time, second a person */
    opened = g_strdup_printf (_("Opened %s by %s"), created, t->created_by_name);
  else
    /* Translators: %s is a date and time */
    opened = g_strdup_printf (_("Opened %s"), created);
  g_string_append_printf (meta, "%s · %s · %s · %s", cd_channel_label (t->channel),
                          t->category_name != NULL ? t->category_name : _("No category"),
                          priority, opened);
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

  _cd_ticket_page_update_sla (self);

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
  _cd_ticket_page_update_composer_actions (self);
  _cd_ticket_page_knowledge_set_ticket (self);
}

static void
on_customer_button_clicked_cb (CdTicketPage *self)
{
  if (self->ticket != NULL && self->ticket->customer_id != 0)
    gtk_widget_activate_action (GTK_WIDGET (self), "shell.open-customer", "x", self->ticket->customer_id);
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

/* The parts of an event row that change from one event to another. */
typedef struct {
  GtkWidget *icon;
  GtkWidget *title;
  GtkWidget *tag;
  GtkWidget *time;
  GtkWidget *body;
} EventRow;

static GQuark event_row_quark;

/* An empty event row; set_event_row() fills it, and fills it again with
 * another event when the timeline is read again or another ticket shown
 * (making rows is what costs). */
static GtkWidget *
make_event_row (void)
{
  EventRow *parts = g_new0 (EventRow, 1);
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 4);
  GtkWidget *head = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);

  parts->icon = gtk_image_new ();
  gtk_box_append (GTK_BOX (head), parts->icon);

  parts->title = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (parts->title), 0);
  gtk_label_set_wrap (GTK_LABEL (parts->title), TRUE);
  gtk_widget_set_hexpand (parts->title, TRUE);
  gtk_widget_add_css_class (parts->title, "heading");
  gtk_box_append (GTK_BOX (head), parts->title);

  parts->tag = gtk_label_new (_("Internal"));
  gtk_widget_add_css_class (parts->tag, "caption-heading");
  gtk_widget_add_css_class (parts->tag, "warning");
  gtk_box_append (GTK_BOX (head), parts->tag);

  parts->time = gtk_label_new (NULL);
  gtk_widget_add_css_class (parts->time, "dim-label");
  gtk_widget_add_css_class (parts->time, "caption");
  gtk_widget_add_css_class (parts->time, "numeric");
  gtk_box_append (GTK_BOX (head), parts->time);
  gtk_box_append (GTK_BOX (box), head);

  parts->body = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (parts->body), 0);
  gtk_label_set_wrap (GTK_LABEL (parts->body), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (parts->body), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_selectable (GTK_LABEL (parts->body), TRUE);
  gtk_widget_set_margin_start (parts->body, 24);
  gtk_box_append (GTK_BOX (box), parts->body);

  gtk_widget_set_margin_top (box, 10);
  gtk_widget_set_margin_bottom (box, 10);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
  g_object_set_qdata_full (G_OBJECT (row), event_row_quark, parts, g_free);
  return row;
}

static void
set_label_text (GtkWidget  *label,
                const char *text)
{
  if (g_strcmp0 (gtk_label_get_text (GTK_LABEL (label)), text) != 0)
    gtk_label_set_text (GTK_LABEL (label), text);
}

static void
set_event_row (GtkWidget           *row,
               const CdTicketEvent *e,
               gint64               now)
{
  EventRow *parts = g_object_get_qdata (G_OBJECT (row), event_row_quark);
  const char *icon_name = NULL;
  g_autofree char *text = describe_event (e, &icon_name);
  g_autofree char *when = cd_datetime_format_when (e->created_at, now);
  gboolean internal = g_strcmp0 (e->kind, "note_internal") == 0;
  gboolean has_body = e->body != NULL && *e->body != '\0';

  gtk_image_set_from_icon_name (GTK_IMAGE (parts->icon), icon_name);
  gtk_accessible_update_property (GTK_ACCESSIBLE (parts->icon), GTK_ACCESSIBLE_PROPERTY_LABEL, text, -1);
  gtk_widget_set_css_classes (parts->icon, (const char *[]) { internal ? "warning" : "dim-label", NULL });
  set_label_text (parts->title, text);
  gtk_widget_set_visible (parts->tag, internal);
  set_label_text (parts->time, when);
  set_label_text (parts->body, has_body ? e->body : "");
  gtk_widget_set_visible (parts->body, has_body);
  if (internal)
    gtk_widget_add_css_class (row, "cd-internal-note");
  else
    gtk_widget_remove_css_class (row, "cd-internal-note");
}

/* The event row at @position, made or put in place of another row. */
static void
show_event_at (CdTicketPage        *self,
               int                  position,
               const CdTicketEvent *e,
               gint64               now)
{
  GtkListBoxRow *row = gtk_list_box_get_row_at_index (self->timeline_list, position);
  GtkWidget *event_row;

  if (row != NULL && g_object_get_qdata (G_OBJECT (row), event_row_quark) != NULL)
    event_row = GTK_WIDGET (row);
  else
    {
      event_row = make_event_row ();
      gtk_list_box_insert (self->timeline_list, event_row, position);
    }
  set_event_row (event_row, e, now);
}

static void
load_timeline (CdTicketPage *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) events = NULL;
  g_autoptr(GPtrArray) links = NULL;
  gint64 now = cd_store_now (self->store);
  GtkListBoxRow *row;
  guint l = 0;
  int position = 0;

  /* Event rows are kept and shown again with the new events; the rows of
   * linked articles (few, and of another shape) are made again. */
  for (int i = 0; (row = gtk_list_box_get_row_at_index (self->timeline_list, i)) != NULL; )
    if (g_object_get_qdata (G_OBJECT (row), event_row_quark) == NULL)
      gtk_list_box_remove (self->timeline_list, GTK_WIDGET (row));
    else
      i++;

  events = cd_ticket_timeline (self->store, self->ticket_id, &error);
  if (events == NULL)
    {
      while ((row = gtk_list_box_get_row_at_index (self->timeline_list, 0)) != NULL)
        gtk_list_box_remove (self->timeline_list, GTK_WIDGET (row));
      _cd_ticket_page_show_toast (self, error->message);
      return;
    }
  /* Articles linked to the ticket take their place among its events,
   * newest first as they are. */
  links = cd_article_links_for (self->store, CD_ARTICLE_LINK_TICKET, self->ticket_id, &error);
  if (links == NULL)
    {
      _cd_ticket_page_show_toast (self, error->message);
      links = g_ptr_array_new ();
    }
  for (guint i = 0; i < events->len; i++)
    {
      const CdTicketEvent *e = g_ptr_array_index (events, i);

      for (; l < links->len && ((CdArticleLink *) g_ptr_array_index (links, l))->created_at >= e->created_at; l++)
        gtk_list_box_insert (self->timeline_list,
                             _cd_ticket_page_make_link_row (self, g_ptr_array_index (links, l), now),
                             position++);
      show_event_at (self, position++, e, now);
    }
  for (; l < links->len; l++)
    gtk_list_box_insert (self->timeline_list,
                         _cd_ticket_page_make_link_row (self, g_ptr_array_index (links, l), now),
                         position++);
  while ((row = gtk_list_box_get_row_at_index (self->timeline_list, position)) != NULL)
    gtk_list_box_remove (self->timeline_list, GTK_WIDGET (row));
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
  _cd_ticket_page_update_composer_actions (self);
  _cd_ticket_page_knowledge_set_ticket (self);
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
  _cd_ticket_page_fill (self);
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

gboolean
cd_ticket_page_set_ticket (CdTicketPage *self,
                           gint64        id)
{
  g_autoptr(GError) error = NULL;
  CdTicket *ticket;

  g_return_val_if_fail (CD_IS_TICKET_PAGE (self), FALSE);

  if (id == self->ticket_id && self->ticket != NULL)
    return TRUE;

  _cd_ticket_page_leave_ticket (self);
  self->ticket_id = id;
  g_clear_pointer (&self->ticket, cd_ticket_free);
  _cd_ticket_page_set_composer_text (self, NULL);
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
  _cd_ticket_page_fill (self);
  load_timeline (self);
  _cd_ticket_page_load_draft (self);

  _cd_ticket_page_update_presence_label (self);
  _cd_ticket_page_start_heartbeat (self);
  return TRUE;
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
  _cd_ticket_page_knowledge_init (self);
  show_missing (self, NULL);
}

static void
cd_ticket_page_dispose (GObject *object)
{
  CdTicketPage *self = CD_TICKET_PAGE (object);

  /* Changes still waiting for the file's lock are given up; the draft and
   * the end of presence are not (see _cd_ticket_page_leave_ticket()). */
  g_cancellable_cancel (self->cancellable);
  if (self->store != NULL)
    {
      _cd_ticket_page_leave_ticket (self);
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

/* In a folded window, the window's back arrow leads from the ticket to
 * its list: the page's own would be a second arrow next to it. */
static void
cd_ticket_page_root (GtkWidget *widget)
{
  CdTicketPage *self = CD_TICKET_PAGE (widget);
  GtkWidget *leaflet;

  GTK_WIDGET_CLASS (cd_ticket_page_parent_class)->root (widget);

  leaflet = gtk_widget_get_ancestor (widget, ADW_TYPE_LEAFLET);
  if (leaflet != NULL && self->back_binding == NULL)
    self->back_binding = g_object_bind_property (leaflet, "folded", self->back_button, "visible",
                                                 G_BINDING_SYNC_CREATE | G_BINDING_INVERT_BOOLEAN);
}

static void
cd_ticket_page_unroot (GtkWidget *widget)
{
  CdTicketPage *self = CD_TICKET_PAGE (widget);

  if (self->back_binding != NULL)
    {
      g_binding_unbind (self->back_binding);
      self->back_binding = NULL;
      gtk_widget_set_visible (self->back_button, TRUE);
    }
  GTK_WIDGET_CLASS (cd_ticket_page_parent_class)->unroot (widget);
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

  event_row_quark = g_quark_from_static_string ("cd-ticket-event-row");

  object_class->constructed = cd_ticket_page_constructed;
  object_class->dispose = cd_ticket_page_dispose;
  object_class->finalize = cd_ticket_page_finalize;
  object_class->get_property = cd_ticket_page_get_property;
  object_class->set_property = cd_ticket_page_set_property;
  widget_class->root = cd_ticket_page_root;
  widget_class->unroot = cd_ticket_page_unroot;

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
  gtk_widget_class_bind_template_child (widget_class, CdTicketPage, customer_button);
  gtk_widget_class_bind_template_child (widget_class, CdTicketPage, customer_label);
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
  gtk_widget_class_bind_template_child (widget_class, CdTicketPage, reply_button);
  gtk_widget_class_bind_template_child (widget_class, CdTicketPage, article_button);
  gtk_widget_class_bind_template_child (widget_class, CdTicketPage, back_button);
  gtk_widget_class_bind_template_callback (widget_class, on_customer_button_clicked_cb);
  gtk_widget_class_bind_template_callback_full (widget_class, "on_internal_check_toggled_cb",
                                                G_CALLBACK (_cd_ticket_page_internal_check_toggled_cb));

  _cd_ticket_page_class_actions_init (widget_class);
  _cd_ticket_page_knowledge_class_init (widget_class);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

/* The status row's buttons leave its title little room in a narrow
 * window, where AdwActionRow would break it inside the word ("Stat-us"):
 * it keeps the title on one line, and the buttons get what is left. */
static void
keep_row_title_whole (GtkWidget *widget)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      if (GTK_IS_LABEL (child) && gtk_widget_has_css_class (child, "title"))
        {
          gtk_label_set_wrap (GTK_LABEL (child), FALSE);
          return;
        }
      keep_row_title_whole (child);
    }
}

static void
cd_ticket_page_init (CdTicketPage *self)
{
  self->cancellable = g_cancellable_new ();
  self->store_signals = g_signal_group_new (CD_TYPE_STORE);
  g_signal_group_connect_object (self->store_signals, "changed::" CD_CHANGE_TICKETS,
                                 G_CALLBACK (on_tickets_changed_cb), self, G_CONNECT_DEFAULT);
  g_signal_group_connect_object (self->store_signals, "changed::" CD_CHANGE_PRESENCE,
                                 G_CALLBACK (_cd_ticket_page_presence_changed_cb), self, G_CONNECT_DEFAULT);
  g_signal_group_connect_object (self->store_signals, "changed::" CD_CHANGE_DRAFTS,
                                 G_CALLBACK (_cd_ticket_page_drafts_changed_cb), self, G_CONNECT_DEFAULT);
  g_signal_group_connect_object (self->store_signals, "changed::kb_article_links",
                                 G_CALLBACK (_cd_ticket_page_links_changed_cb), self, G_CONNECT_DEFAULT);
  self->draft_queue = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  gtk_widget_init_template (GTK_WIDGET (self));
  keep_row_title_whole (GTK_WIDGET (self->status_row));
  ensure_css (GTK_WIDGET (self));
  g_signal_connect_object (gtk_text_view_get_buffer (self->composer_view), "changed",
                           G_CALLBACK (_cd_ticket_page_composer_changed_cb), self, 0);
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
