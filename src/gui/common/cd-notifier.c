/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "caredesk-notifier"

#include "config.h"

#include <glib/gi18n.h>
#include <libnotify/notify.h>
#include <string.h>

#include "cd-complaints.h"
#include "cd-datetime.h"
#include "cd-notifier.h"
#include "cd-reminders.h"
#include "cd-tickets.h"
#include "cd-training.h"

/* Even when nothing is due for days, wake up at least this often, so a
 * changed system clock (suspend, manual change) is noticed. */
#define MAX_TIMER_SECONDS 3600
/* After a failure (file read-only, no notification server) try again
 * this much later, unless a change in the file comes first. */
#define RETRY_SECONDS 60
/* Names listed in the body of a summary notification. */
#define SUMMARY_NAMES 3

#define NOTIFICATION_CATEGORY "x-caredesk.followup"
#define TRAINING_CATEGORY     "x-caredesk.certification"
#define TICKET_CATEGORY       "x-caredesk.ticket"

struct _CdNotifier
{
  GObject       parent_instance;

  GApplication *app;        /* weak */
  CdStore      *store;
  GSettings    *settings;

  GSignalGroup *store_signals;
  gulong        settings_changed_id;

  guint         timer_id;
  guint         idle_id;
  /* A claim is being written; a check asked for meanwhile follows it. */
  gboolean      claiming;
  gboolean      check_again;
  gboolean      warned_no_server;
  GCancellable *cancellable;
  /* "kind:entity_id" of the snoozes being written. */
  GHashTable   *snoozing;
  /* The last failure logged, so a lasting one is not logged every retry. */
  char         *last_error;

  /* "kind:entity_id" or "summary" → NotifyNotification. Each stays
   * referenced until the server closes it: libnotify only delivers
   * action callbacks for notifications that are still alive. */
  GHashTable   *shown;
};

G_DEFINE_FINAL_TYPE (CdNotifier, cd_notifier, G_TYPE_OBJECT)

/* What an action button needs to know once the loop hands it over. */
typedef struct {
  GWeakRef        notifier;
  gint64          followup_id;
  CdReminderKind  kind;
} ActionData;

static ActionData *
action_data_new (CdNotifier     *self,
                 gint64          followup_id,
                 CdReminderKind  kind)
{
  ActionData *data = g_new0 (ActionData, 1);

  g_weak_ref_init (&data->notifier, self);
  data->followup_id = followup_id;
  data->kind = kind;

  return data;
}

static void
action_data_free (gpointer user_data)
{
  ActionData *data = user_data;

  g_weak_ref_clear (&data->notifier);
  g_free (data);
}

static void schedule_check (CdNotifier *self);

/* Timer ----------------------------------------------------------------- */

static gboolean
timer_cb (gpointer user_data)
{
  CdNotifier *self = user_data;

  self->timer_id = 0;
  cd_notifier_check (self);

  return G_SOURCE_REMOVE;
}

static void
arm_timer (CdNotifier *self,
           guint       seconds)
{
  g_clear_handle_id (&self->timer_id, g_source_remove);
  self->timer_id = g_timeout_add_seconds (CLAMP (seconds, 1, MAX_TIMER_SECONDS), timer_cb, self);
  g_debug ("Next reminder check in %u s", CLAMP (seconds, 1, MAX_TIMER_SECONDS));
}

/* Showing --------------------------------------------------------------- */

static void
activate_app_action (CdNotifier *self,
                     const char *name,
                     gint64      followup_id)
{
  GAction *action;

  if (self->app == NULL)
    return;

  action = g_action_map_lookup_action (G_ACTION_MAP (self->app), name);
  if (action == NULL)
    {
      g_warning ("The application has no action “app.%s”", name);
      return;
    }
  g_action_activate (action, g_variant_new_int64 (followup_id));
}

typedef struct {
  CdNotifier         *notifier;
  NotifyNotification *notification;
  CdReminderKind      kind;
  gint64              followup_id;
  gint64              until_at;
  char               *key;
} Snooze;

static void
on_snoozed_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  Snooze *snooze = user_data;
  CdNotifier *self = snooze->notifier;
  g_autoptr(GError) error = NULL;

  if (self->snoozing != NULL)
    g_hash_table_remove (self->snoozing, snooze->key);

  if (!cd_reminders_snooze_finish (CD_STORE (source), result, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_debug ("A snooze was given up: %s", error->message);
      else
        g_warning ("Could not snooze the reminder %s: %s", snooze->key, error->message);
    }
  else
    {
      g_autoptr(GError) close_error = NULL;

      g_debug ("Snoozed %s until %" G_GINT64_FORMAT, snooze->key, snooze->until_at);
      /* Out of sight until the snooze ends, even on servers that keep
       * notifications after a button was pressed. (The next due time
       * moved too: the store's "changed::snoozes" re-arms the timer.) */
      if (!notify_notification_close (snooze->notification, &close_error))
        g_debug ("Could not close a snoozed notification: %s", close_error->message);
    }

  g_object_unref (snooze->notification);
  g_object_unref (snooze->notifier);
  g_free (snooze->key);
  g_free (snooze);
}

static void
snooze (CdNotifier         *self,
        NotifyNotification *notification,
        CdReminderKind      kind,
        gint64              followup_id,
        gint64              until_at)
{
  g_autofree char *key = g_strdup_printf ("%s:%" G_GINT64_FORMAT, cd_reminder_kind_to_nick (kind), followup_id);
  Snooze *data;

  /* Pressed twice while the first is being written: once is enough. */
  if (g_hash_table_contains (self->snoozing, key))
    return;
  g_hash_table_add (self->snoozing, g_strdup (key));

  data = g_new0 (Snooze, 1);
  data->notifier = g_object_ref (self);
  data->notification = g_object_ref (notification);
  data->kind = kind;
  data->followup_id = followup_id;
  data->until_at = until_at;
  data->key = g_steal_pointer (&key);
  cd_reminders_snooze_kind_async (self->store, kind, followup_id, cd_store_get_staff_id (self->store),
                                  until_at, self->cancellable, on_snoozed_cb, data);
}

static gboolean
is_ticket_kind (CdReminderKind kind)
{
  return kind == CD_REMINDER_SLA_FIRST_RESPONSE || kind == CD_REMINDER_SLA_RESOLUTION ||
         kind == CD_REMINDER_ESCALATION_DUE || kind == CD_REMINDER_ESCALATION_OVERDUE;
}

static void
on_notification_action_cb (NotifyNotification *notification,
                           char               *action,
                           gpointer            user_data)
{
  ActionData *data = user_data;
  g_autoptr(CdNotifier) self = g_weak_ref_get (&data->notifier);
  gint64 now;

  if (self == NULL)
    return;

  g_debug ("Notification action “%s” for follow-up %" G_GINT64_FORMAT, action, data->followup_id);
  now = cd_store_now (self->store);

  if (data->kind == CD_REMINDER_CERTIFICATION_EXPIRY || data->kind == CD_REMINDER_COVERAGE_LOW)
    {
      /* The holder's training record, or the coverage (id 0). */
      if (g_str_equal (action, "open") || g_str_equal (action, "default"))
        activate_app_action (self, "open-training", data->followup_id);
    }
  else if (is_ticket_kind (data->kind))
    {
      if (g_str_equal (action, "open") || g_str_equal (action, "default"))
        activate_app_action (self, "open-ticket", data->followup_id);
      else if (g_str_equal (action, "snooze"))
        snooze (self, notification, data->kind, data->followup_id, now + 3600);
    }
  else if (g_str_equal (action, "open") || g_str_equal (action, "default"))
    activate_app_action (self, "open-followup", data->followup_id);
  else if (g_str_equal (action, "done"))
    activate_app_action (self, "record-outcome", data->followup_id);
  else if (g_str_equal (action, "snooze") || g_str_equal (action, "snooze-tomorrow"))
    snooze (self, notification, data->kind, data->followup_id,
            g_str_equal (action, "snooze") ? now + 3600 : cd_reminders_tomorrow_at_9 (now));
}

static void
on_notification_closed_cb (NotifyNotification *notification,
                           CdNotifier         *self)
{
  GHashTableIter iter;
  gpointer value;

  g_hash_table_iter_init (&iter, self->shown);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    if (value == notification)
      {
        g_signal_handlers_disconnect_by_data (notification, self);
        g_hash_table_iter_remove (&iter);
        break;
      }
}

/* Reuses the open notification under @key so that a re-reminder replaces
 * the earlier bubble instead of stacking a second one. */
static NotifyNotification *
get_notification (CdNotifier *self,
                  const char *key,
                  const char *summary,
                  const char *body)
{
  NotifyNotification *notification = g_hash_table_lookup (self->shown, key);

  if (notification != NULL)
    {
      notify_notification_update (notification, summary, body, APP_ID);
      notify_notification_clear_actions (notification);
      return notification;
    }

  notification = notify_notification_new (summary, body, APP_ID);
  g_hash_table_insert (self->shown, g_strdup (key), notification);
  g_signal_connect (notification, "closed", G_CALLBACK (on_notification_closed_cb), self);

  return notification;
}

static void
set_hints (NotifyNotification *notification,
           NotifyUrgency       urgency,
           const char         *category)
{
  notify_notification_set_app_name (notification, _("Caredesk"));
  notify_notification_set_urgency (notification, urgency);
  notify_notification_set_category (notification, category);
  notify_notification_set_timeout (notification, NOTIFY_EXPIRES_NEVER);
  notify_notification_set_hint (notification, "desktop-entry", g_variant_new_string (APP_ID));
  /* libnotify 0.8.1 has no notify_notification_set_app_icon(): the icon
   * given to _new() goes out as app_icon; this hint adds it for servers
   * that only look at images. */
  notify_notification_set_hint (notification, "image-path", g_variant_new_string (APP_ID));
}

static void
set_common_hints (NotifyNotification *notification,
                  gboolean            training)
{
  set_hints (notification, training ? NOTIFY_URGENCY_NORMAL : NOTIFY_URGENCY_CRITICAL,
             training ? TRAINING_CATEGORY : NOTIFICATION_CATEGORY);
}

static gboolean
show (CdNotifier         *self,
      NotifyNotification *notification,
      const char         *key)
{
  g_autoptr(GError) error = NULL;

  if (!notify_notification_show (notification, &error))
    {
      g_warning ("Could not show a notification: %s", error->message);
      g_signal_handlers_disconnect_by_data (notification, self);
      g_hash_table_remove (self->shown, key);
      return FALSE;
    }

  return TRUE;
}

static gboolean
is_training (const CdReminder *reminder)
{
  return reminder->kind == CD_REMINDER_CERTIFICATION_EXPIRY || reminder->kind == CD_REMINDER_COVERAGE_LOW;
}

/* What a certification or coverage reminder says. */
static void
training_texts (CdNotifier        *self,
                const CdReminder  *reminder,
                char             **summary,
                char             **body)
{
  gint64 now = cd_store_now (self->store);

  if (reminder->kind == CD_REMINDER_COVERAGE_LOW)
    {
      g_autofree char *when = cd_datetime_format_date (reminder->drop_at);

      if (reminder->drop_at <= now)
        /* Translators: a ticket category with fewer certified reps than its minimum */
        *summary = g_strdup_printf (_("Too few certified reps for “%s”"), reminder->category_name);
      else
        /* Translators: "Billing coverage drops below its minimum on 3 May 2025" */
        *summary = g_strdup_printf (_("“%s” drops below its minimum on %s"), reminder->category_name, when);
      /* Translators: certified reps left, the minimum, then names */
      *body = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                            "%d certified rep left of %d needed. Certifications running out: %s.",
                                            "%d certified reps left of %d needed. Certifications running out: %s.",
                                            (gulong) MAX (reminder->n_covered, 0)),
                               MAX (reminder->n_covered, 0), reminder->minimum,
                               reminder->people != NULL && *reminder->people != '\0' ? reminder->people : "—");
      return;
    }

  {
    CdCertStatus status = cd_certification_status (reminder->expires_at, 0, now);
    g_autofree char *state = cd_certification_status_text (status, reminder->expires_at, now);
    gboolean own = reminder->holder_id == cd_store_get_staff_id (self->store);

    if (own)
      /* Translators: "Your certification “Billing specialist”: Expires in 12 days" */
      *summary = g_strdup_printf (_("Your certification “%s”: %s"), reminder->certification_name, state);
    else
      /* Translators: "Li Na’s certification “Billing specialist”: Expires in 12 days" */
      *summary = g_strdup_printf (_("%s’s certification “%s”: %s"), reminder->holder_name,
                                  reminder->certification_name, state);
    *body = g_strdup (own ? _("Ask a trainer to renew it in time: the tickets it qualifies you for need it.")
                          : _("Renew it in the Training view, or plan the course and assessment it needs."));
  }
}

static gboolean
show_training_reminder (CdNotifier       *self,
                        const CdReminder *reminder)
{
  g_autofree char *key = g_strdup_printf ("%s:%" G_GINT64_FORMAT,
                                          cd_reminder_kind_to_nick (reminder->kind), reminder->entity_id);
  g_autofree char *summary = NULL;
  g_autofree char *body = NULL;
  gint64 target = reminder->kind == CD_REMINDER_COVERAGE_LOW ? 0 : reminder->holder_id;
  NotifyNotification *notification;

  training_texts (self, reminder, &summary, &body);
  notification = get_notification (self, key, summary, body);
  set_common_hints (notification, TRUE);
  notify_notification_add_action (notification, "default",
                                  target == 0 ? C_("action", "Show Coverage") : C_("action", "Open Training Record"),
                                  on_notification_action_cb,
                                  action_data_new (self, target, reminder->kind), action_data_free);
  g_debug ("Showing reminder %s (threshold %u)", key, reminder->threshold);
  return show (self, notification, key);
}

/* What an SLA or escalation reminder says. @title is "T-000123 · Wang Fang". */
static void
ticket_texts (CdNotifier        *self,
              const CdReminder  *reminder,
              const char        *title,
              char             **summary,
              char             **body)
{
  g_autofree char *when = cd_datetime_format_when (reminder->due_at, cd_store_now (self->store));
  gboolean mine = reminder->assignee_id == cd_store_get_staff_id (self->store);
  gboolean breach = reminder->threshold >= 100;
  const char *subject = reminder->ticket_subject != NULL ? reminder->ticket_subject : "";

  switch (reminder->kind)
    {
    case CD_REMINDER_SLA_FIRST_RESPONSE:
      if (!breach)
        /* Translators: 75 % of the SLA's first-response time is used up; %s is "T-000123 · Wang Fang" */
        *summary = g_strdup_printf (_("First reply due soon: %s"), title);
      else if (mine)
        /* Translators: the SLA's first-response deadline passed; %s is "T-000123 · Wang Fang" */
        *summary = g_strdup_printf (_("First reply overdue: %s"), title);
      else if (reminder->assignee_name != NULL)
        /* Translators: to a team lead: "First reply overdue for Li Na: T-000123 · Wang Fang" */
        *summary = g_strdup_printf (_("First reply overdue for %s: %s"), reminder->assignee_name, title);
      else
        /* Translators: to a team lead, about a ticket nobody holds */
        *summary = g_strdup_printf (_("First reply overdue, unassigned: %s"), title);
      break;
    case CD_REMINDER_SLA_RESOLUTION:
      if (!breach)
        /* Translators: 75 % of the SLA's resolution time is used up; %s is "T-000123 · Wang Fang" */
        *summary = g_strdup_printf (_("Resolution due soon: %s"), title);
      else if (mine)
        /* Translators: the SLA's resolution deadline passed; %s is "T-000123 · Wang Fang" */
        *summary = g_strdup_printf (_("Resolution overdue: %s"), title);
      else if (reminder->assignee_name != NULL)
        /* Translators: to a team lead: "Resolution overdue for Li Na: T-000123 · Wang Fang" */
        *summary = g_strdup_printf (_("Resolution overdue for %s: %s"), reminder->assignee_name, title);
      else
        /* Translators: to a team lead, about a ticket nobody holds */
        *summary = g_strdup_printf (_("Resolution overdue, unassigned: %s"), title);
      break;
    case CD_REMINDER_ESCALATION_DUE:
      /* Translators: the reply promised when the ticket was escalated is due within the hour */
      *summary = g_strdup_printf (_("Escalation reply due soon: %s"), title);
      break;
    case CD_REMINDER_ESCALATION_OVERDUE:
    default:
      /* Translators: the reply promised when the ticket was escalated is late */
      *summary = g_strdup_printf (_("Escalation reply overdue: %s"), title);
      break;
    }

  if (reminder->kind == CD_REMINDER_ESCALATION_DUE || reminder->kind == CD_REMINDER_ESCALATION_OVERDUE)
    {
      g_autoptr(GString) text = g_string_new (NULL);

      if (!mine && reminder->assignee_name != NULL)
        /* Translators: the colleague who holds the ticket, then when: "Li Na waits for the reply
         * promised by Today, 14:05" */
        g_string_append_printf (text, _("%s waits for the reply promised by %s"), reminder->assignee_name, when);
      else
        /* Translators: "Reply promised by Today, 14:05" */
        g_string_append_printf (text, _("Reply promised by %s"), when);
      if (reminder->escalation_reason != NULL && *reminder->escalation_reason != '\0')
        /* Translators: the reason the ticket was escalated, after the promised time */
        g_string_append_printf (text, _(" — %s"), reminder->escalation_reason);
      *body = g_string_free (g_steal_pointer (&text), FALSE);
    }
  else if (breach)
    /* Translators: "<ticket subject> — was due Today, 14:05" */
    *body = g_strdup_printf (_("%s — was due %s"), subject, when);
  else
    /* Translators: "<ticket subject> — due Today, 14:05" */
    *body = g_strdup_printf (_("%s — due %s"), subject, when);
}

static char *
ticket_title (const CdReminder *reminder)
{
  g_autofree char *number = cd_ticket_format_number (reminder->ticket_id);

  /* Translators: a ticket in a list: "T-000123 · Wang Fang" */
  return g_strdup_printf (C_("ticket", "%s · %s"), number,
                          reminder->customer_name != NULL ? reminder->customer_name : "");
}

static gboolean
show_ticket_reminder (CdNotifier       *self,
                      const CdReminder *reminder)
{
  /* One bubble per ticket and clock: the breach replaces the warning. */
  g_autofree char *key = g_strdup_printf ("%s:%" G_GINT64_FORMAT,
                                          reminder->kind == CD_REMINDER_ESCALATION_DUE
                                          ? cd_reminder_kind_to_nick (CD_REMINDER_ESCALATION_OVERDUE)
                                          : cd_reminder_kind_to_nick (reminder->kind),
                                          reminder->entity_id);
  g_autofree char *title = ticket_title (reminder);
  g_autofree char *summary = NULL;
  g_autofree char *body = NULL;
  NotifyNotification *notification;
  gboolean late = reminder->threshold >= 100 || reminder->kind == CD_REMINDER_ESCALATION_OVERDUE;

  ticket_texts (self, reminder, title, &summary, &body);
  notification = get_notification (self, key, summary, body);
  set_hints (notification, late ? NOTIFY_URGENCY_CRITICAL : NOTIFY_URGENCY_NORMAL, TICKET_CATEGORY);
  notify_notification_add_action (notification, "default", C_("action", "Open Ticket"),
                                  on_notification_action_cb,
                                  action_data_new (self, reminder->ticket_id, reminder->kind),
                                  action_data_free);
  if (reminder->kind == CD_REMINDER_ESCALATION_OVERDUE)
    notify_notification_add_action (notification, "snooze", _("Snooze 1 Hour"),
                                    on_notification_action_cb,
                                    action_data_new (self, reminder->ticket_id, reminder->kind),
                                    action_data_free);
  g_debug ("Showing reminder %s (threshold %u)", key, reminder->threshold);
  return show (self, notification, key);
}

static gboolean
show_reminder (CdNotifier       *self,
               const CdReminder *reminder)
{
  g_autofree char *key = g_strdup_printf ("%s:%" G_GINT64_FORMAT,
                                          cd_reminder_kind_to_nick (reminder->kind),
                                          reminder->followup_id);
  g_autofree char *summary = NULL;
  g_autofree char *body = NULL;
  g_autofree char *due = cd_datetime_format_when (reminder->due_at, cd_store_now (self->store));
  NotifyNotification *notification;

  if (is_training (reminder))
    return show_training_reminder (self, reminder);
  if (is_ticket_kind (reminder->kind))
    return show_ticket_reminder (self, reminder);

  if (reminder->kind == CD_REMINDER_FOLLOWUP_LEAD)
    /* Translators: "Follow-up overdue for <assignee>: <customer>" */
    summary = g_strdup_printf (_("Follow-up overdue for %s: %s"),
                               reminder->assignee_name, reminder->customer_name);
  else
    /* Translators: "Follow-up overdue: <customer>" */
    summary = g_strdup_printf (_("Follow-up overdue: %s"), reminder->customer_name);

  /* Translators: "<complaint summary> — due <time>" */
  body = g_strdup_printf (_("%s — due %s"), reminder->complaint_summary, due);

  notification = get_notification (self, key, summary, body);
  set_common_hints (notification, FALSE);

  /* One action that opens it: "default" is the click on the bubble, and
   * servers that show it as a button show it once. */
  notify_notification_add_action (notification, "default", C_("action", "Open Follow-up"),
                                  on_notification_action_cb,
                                  action_data_new (self, reminder->followup_id, reminder->kind),
                                  action_data_free);
  if (reminder->kind == CD_REMINDER_FOLLOWUP_OVERDUE)
    {
      notify_notification_add_action (notification, "snooze", _("Snooze 1 Hour"),
                                      on_notification_action_cb,
                                      action_data_new (self, reminder->followup_id, reminder->kind),
                                      action_data_free);
      notify_notification_add_action (notification, "snooze-tomorrow", _("Until Tomorrow 9:00"),
                                      on_notification_action_cb,
                                      action_data_new (self, reminder->followup_id, reminder->kind),
                                      action_data_free);
      notify_notification_add_action (notification, "done", _("Mark Done…"),
                                      on_notification_action_cb,
                                      action_data_new (self, reminder->followup_id, reminder->kind),
                                      action_data_free);
    }

  g_debug ("Showing reminder %s (threshold %u)", key, reminder->threshold);

  return show (self, notification, key);
}

static gboolean
show_summary (CdNotifier *self,
              GPtrArray  *reminders)
{
  g_autofree char *summary = NULL;
  g_autoptr(GString) body = g_string_new (NULL);
  const CdReminder *oldest = g_ptr_array_index (reminders, 0);
  NotifyNotification *notification;
  guint n = reminders->len;
  guint n_training = 0, own = 0, n_tickets = 0;

  /* Your own overdue follow-ups (what the agenda and the badge count),
   * colleagues' very late ones (a team lead's escalations) and
   * certifications are counted apart, so the numbers agree with the
   * window and say what they count. */
  for (guint i = 0; i < n; i++)
    {
      const CdReminder *r = g_ptr_array_index (reminders, i);

      if (is_training (r))
        n_training++;
      else if (is_ticket_kind (r->kind))
        n_tickets++;
      else if (r->kind == CD_REMINDER_FOLLOWUP_OVERDUE)
        own++;
    }

  if (n_tickets == n)
    summary = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                            "%u ticket deadline needs attention",
                                            "%u ticket deadlines need attention",
                                            n),
                               n);
  else if (n_tickets > 0)
    summary = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                            "%u reminder: ticket deadlines and follow-ups",
                                            "%u reminders: ticket deadlines and follow-ups",
                                            n),
                               n);
  else if (n_training == 0 && own == n)
    summary = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                            "%u follow-up is overdue",
                                            "%u follow-ups are overdue",
                                            n),
                               n);
  else if (n_training == n)
    summary = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                            "%u certification needs attention",
                                            "%u certifications need attention",
                                            n),
                               n);
  else if (n_training > 0)
    summary = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                            "%u reminders: overdue follow-ups and certifications",
                                            "%u reminders: overdue follow-ups and certifications",
                                            n),
                               n);
  else if (own == 0)
    summary = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                            "%u colleague’s follow-up is very late",
                                            "%u colleagues’ follow-ups are very late",
                                            n),
                               n);
  else
    {
      g_autofree char *mine = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                            "%u of your follow-ups is overdue",
                                                            "%u of your follow-ups are overdue",
                                                            own),
                                               own);

      summary = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                              /* Translators: the first %s is "3 of your follow-ups are overdue" */
                                              "%s, and %u colleague’s is very late",
                                              "%s, and %u colleagues’ are very late",
                                              n - own),
                                 mine, n - own);
    }

  for (guint i = 0; i < n && i < SUMMARY_NAMES; i++)
    {
      const CdReminder *r = g_ptr_array_index (reminders, i);

      if (i > 0)
        g_string_append (body, _(", "));
      if (r->kind == CD_REMINDER_CERTIFICATION_EXPIRY)
        g_string_append (body, r->holder_name);
      else if (r->kind == CD_REMINDER_COVERAGE_LOW)
        g_string_append (body, r->category_name);
      else if (is_ticket_kind (r->kind))
        {
          g_autofree char *title = ticket_title (r);
          g_string_append (body, title);
        }
      else
        g_string_append (body, r->customer_name);
    }
  if (n > SUMMARY_NAMES)
    {
      guint more = n - SUMMARY_NAMES;

      g_string_append_c (body, ' ');
      g_string_append_printf (body,
                              g_dngettext (GETTEXT_PACKAGE,
                                           "and %u more",
                                           "and %u more",
                                           more),
                              more);
    }

  notification = get_notification (self, "summary", summary, body->str);
  if (n_tickets == n)
    set_hints (notification, NOTIFY_URGENCY_CRITICAL, TICKET_CATEGORY);
  else
    set_common_hints (notification, n_training == n);
  {
    gint64 target = oldest->kind == CD_REMINDER_CERTIFICATION_EXPIRY ? oldest->holder_id
                    : oldest->kind == CD_REMINDER_COVERAGE_LOW ? 0
                    : is_ticket_kind (oldest->kind) ? oldest->ticket_id : oldest->followup_id;
    /* One action, saying what it opens: the oldest reminder's place. */
    const char *label = oldest->kind == CD_REMINDER_CERTIFICATION_EXPIRY ? C_("action", "Open Training Record")
                        : oldest->kind == CD_REMINDER_COVERAGE_LOW ? C_("action", "Show Coverage")
                        : is_ticket_kind (oldest->kind) ? C_("action", "Open Ticket")
                        : C_("action", "Show Overdue Follow-ups");

    notify_notification_add_action (notification, "default", label,
                                    on_notification_action_cb,
                                    action_data_new (self, target, oldest->kind),
                                    action_data_free);
  }

  g_debug ("Showing a summary of %u reminders", n);

  return show (self, notification, "summary");
}

/* Bubbles of follow-ups that were done, cancelled or moved meanwhile
 * (here or on another desktop) are taken back, so what stays on screen is
 * still true. */
static void
withdraw_settled (CdNotifier *self)
{
  g_autoptr(GPtrArray) settled = g_ptr_array_new_with_free_func (g_object_unref);
  GHashTableIter iter;
  gpointer key, value;
  gint64 now = cd_store_now (self->store);

  g_hash_table_iter_init (&iter, self->shown);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      g_autoptr(CdFollowup) followup = NULL;
      g_autoptr(GError) error = NULL;
      const char *colon = strchr (key, ':');
      g_autofree char *nick = NULL;
      int kind;
      gint64 id;

      if (colon == NULL)
        continue;
      id = g_ascii_strtoll (colon + 1, NULL, 10);
      nick = g_strndup (key, (gsize) (colon - (const char *) key));
      kind = cd_reminder_kind_from_nick (nick);
      if (kind == CD_REMINDER_CERTIFICATION_EXPIRY || kind == CD_REMINDER_COVERAGE_LOW || is_ticket_kind (kind))
        {
          /* Renewed, revoked, or the cover restored meanwhile; the
           * ticket answered or resolved, the customer told. */
          if (!cd_reminders_still_due (self->store, (CdReminderKind) kind, id, &error) && error == NULL)
            g_ptr_array_add (settled, g_object_ref (value));
          continue;
        }
      followup = cd_followup_load (self->store, id, &error);
      if (followup == NULL
          ? g_error_matches (error, CD_STORE_ERROR, CD_STORE_ERROR_NOT_FOUND)
          : (followup->status != CD_FOLLOWUP_SCHEDULED || followup->due_at > now))
        g_ptr_array_add (settled, g_object_ref (value));
    }

  for (guint i = 0; i < settled->len; i++)
    {
      g_autoptr(GError) error = NULL;

      if (!notify_notification_close (g_ptr_array_index (settled, i), &error))
        g_debug ("Could not take back a notification: %s", error->message);
    }
}

/* Checking -------------------------------------------------------------- */

/* Logs a failure and tries again a little later (or at the next change in
 * the file, whichever comes first). The same failure is logged once. */
static void
check_failed (CdNotifier   *self,
              const char   *what,
              const GError *error)
{
  g_autofree char *message = g_strdup_printf ("%s: %s", what, error->message);

  if (g_strcmp0 (message, self->last_error) != 0)
    g_warning ("%s", message);
  else
    g_debug ("%s", message);
  g_free (self->last_error);
  self->last_error = g_steal_pointer (&message);

  arm_timer (self, RETRY_SECONDS);
}

static void
read_policy (CdNotifier       *self,
             CdReminderPolicy *policy)
{
  policy->rereminder_interval_s = g_settings_get_uint (self->settings, "rereminder-interval") * 60;
  policy->lead_escalation_after_s = g_settings_get_uint (self->settings, "lead-escalation-after") * 60;
  policy->summary_threshold = g_settings_get_uint (self->settings, "summary-threshold");
}

/* Claiming records the reminders as sent; claim only when there is a
 * server to show them on, so none is used up unseen. */
static gboolean
server_available (void)
{
  g_autofree char *name = NULL;
  g_autofree char *vendor = NULL;
  g_autofree char *version = NULL;
  g_autofree char *spec = NULL;

  return notify_get_server_info (&name, &vendor, &version, &spec);
}

/* Arms the timer for the next reminder due, or for a retry. */
static void
arm_next (CdNotifier             *self,
          gint64                  staff_id,
          const CdReminderPolicy *policy)
{
  g_autoptr(GError) error = NULL;
  gint64 next;
  gint64 now = cd_store_now (self->store);

  next = cd_reminders_next_due (self->store, staff_id, policy, &error);
  if (next < 0)
    {
      check_failed (self, "Could not find when the next reminder is due", error);
      return;
    }
  g_clear_pointer (&self->last_error, g_free);
  if (next == 0)
    {
      /* Nothing is coming until the file changes, which we hear about. */
      g_debug ("Reminder check done; nothing else is due");
      return;
    }

  /* Whole seconds, rounded up, so the timer never fires before it is due. */
  arm_timer (self, (guint) CLAMP (next - now, 1, MAX_TIMER_SECONDS));
  g_debug ("Reminder check done");
}

static void
show_claimed (CdNotifier             *self,
              GPtrArray              *claimed,
              const CdReminderPolicy *policy)
{
  /* Tests read this line to know a check has happened. */
  g_debug ("Claimed %u reminder(s) at %" G_GINT64_FORMAT, claimed->len, cd_store_now (self->store));

  if (claimed->len == 0)
    return;
  if (cd_reminders_should_summarise (claimed->len, policy))
    show_summary (self, claimed);
  else
    for (guint i = 0; i < claimed->len; i++)
      show_reminder (self, g_ptr_array_index (claimed, i));
}

/* The claim ran in one transaction on the store's write worker; what it
 * recorded is shown here, on the main thread. */
static void
on_claimed_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(CdNotifier) self = user_data;
  g_autoptr(GPtrArray) claimed = NULL;
  g_autoptr(GError) error = NULL;
  CdReminderPolicy policy;
  gint64 staff_id;

  claimed = cd_reminders_claim_due_finish (CD_STORE (source), result, &error);
  self->claiming = FALSE;

  /* Disposed meanwhile (database switched, quitting). */
  if (self->store == NULL)
    return;

  staff_id = cd_store_get_staff_id (self->store);
  read_policy (self, &policy);
  if (claimed == NULL)
    check_failed (self, "Could not check for overdue follow-ups", error);
  else
    {
      show_claimed (self, claimed, &policy);
      arm_next (self, staff_id, &policy);
    }

  if (self->check_again)
    {
      self->check_again = FALSE;
      schedule_check (self);
    }
}

void
cd_notifier_check (CdNotifier *self)
{
  g_autoptr(GError) error = NULL;
  CdReminderPolicy policy;
  gint64 staff_id;
  gboolean due;

  g_return_if_fail (CD_IS_NOTIFIER (self));

  g_clear_handle_id (&self->idle_id, g_source_remove);

  if (self->claiming)
    {
      self->check_again = TRUE;
      return;
    }
  g_clear_handle_id (&self->timer_id, g_source_remove);

  staff_id = cd_store_get_staff_id (self->store);
  if (staff_id == 0)
    {
      g_debug ("Nobody is signed in; no reminders");
      return;
    }

  if (cd_store_is_read_only (self->store))
    {
      /* A reminder that cannot be recorded as sent would come again from
       * every Caredesk; the desktops that can write show them. */
      g_debug ("The file is open read-only; no reminders");
      return;
    }

  if (!g_settings_get_boolean (self->settings, "notifications-enabled"))
    {
      /* Nothing is claimed, so everything due is still shown once
       * notifications are turned back on (or by another desktop). */
      g_debug ("Notifications are turned off");
      return;
    }

  if (!server_available ())
    {
      /* Said once: a desktop without a notification server stays so. */
      if (!self->warned_no_server)
        g_warning ("No notification server is running; reminders wait until one is");
      else
        g_debug ("Still no notification server");
      self->warned_no_server = TRUE;
      arm_timer (self, RETRY_SECONDS);
      return;
    }
  self->warned_no_server = FALSE;

  read_policy (self, &policy);
  withdraw_settled (self);

  /* Most checks find nothing due: they look on this thread, without the
   * write lock, and write nothing. */
  due = cd_reminders_has_due (self->store, staff_id, &policy, &error);
  if (error != NULL)
    {
      check_failed (self, "Could not check for overdue follow-ups", error);
      return;
    }
  if (!due)
    {
      g_autoptr(GPtrArray) none = g_ptr_array_new ();

      show_claimed (self, none, &policy);
      arm_next (self, staff_id, &policy);
      return;
    }

  /* Deciding and recording in one transaction is what makes each reminder
   * go out once between racing Caredesks; it may wait for the lock. */
  self->claiming = TRUE;
  cd_reminders_claim_due_async (self->store, staff_id, &policy, self->cancellable,
                                on_claimed_cb, g_object_ref (self));
}

static gboolean
idle_check_cb (gpointer user_data)
{
  CdNotifier *self = user_data;

  self->idle_id = 0;
  cd_notifier_check (self);

  return G_SOURCE_REMOVE;
}

/* Several changes in a row give one check. */
static void
schedule_check (CdNotifier *self)
{
  if (self->idle_id == 0)
    self->idle_id = g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, idle_check_cb, self, NULL);
}

/* A change of follow-ups, reminders, snoozes or staff (roles) may move
 * the next reminder. */
static void
on_store_changed_cb (CdNotifier *self,
                     CdChange   *change)
{
  /* Our own claims are what we just showed; that is no news. */
  if (g_str_equal (cd_change_get_kind (change), CD_CHANGE_REMINDERS)
      && cd_change_get_origin (change) == CD_CHANGE_LOCAL)
    return;

  schedule_check (self);
}

static void
on_settings_changed_cb (GSettings  *settings,
                        const char *key,
                        CdNotifier *self)
{
  if (g_str_equal (key, "notifications-enabled")
      || g_str_equal (key, "rereminder-interval")
      || g_str_equal (key, "lead-escalation-after")
      || g_str_equal (key, "summary-threshold"))
    schedule_check (self);
}

/* GObject --------------------------------------------------------------- */

static void
cd_notifier_dispose (GObject *object)
{
  CdNotifier *self = CD_NOTIFIER (object);

  g_clear_handle_id (&self->timer_id, g_source_remove);
  g_clear_handle_id (&self->idle_id, g_source_remove);
  /* A claim still waiting for the lock records nothing then. */
  g_cancellable_cancel (self->cancellable);

  if (self->store_signals != NULL)
    g_signal_group_set_target (self->store_signals, NULL);
  if (self->settings != NULL)
    g_clear_signal_handler (&self->settings_changed_id, self->settings);

  if (self->shown != NULL)
    {
      GHashTableIter iter;
      gpointer value;

      g_hash_table_iter_init (&iter, self->shown);
      while (g_hash_table_iter_next (&iter, NULL, &value))
        g_signal_handlers_disconnect_by_data (value, self);
      g_hash_table_remove_all (self->shown);
    }

  if (self->app != NULL)
    {
      g_object_remove_weak_pointer (G_OBJECT (self->app), (gpointer *) &self->app);
      self->app = NULL;
    }

  g_clear_object (&self->store);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (cd_notifier_parent_class)->dispose (object);
}

static void
cd_notifier_finalize (GObject *object)
{
  CdNotifier *self = CD_NOTIFIER (object);

  g_clear_pointer (&self->shown, g_hash_table_unref);
  g_clear_pointer (&self->snoozing, g_hash_table_unref);
  g_clear_object (&self->store_signals);
  g_clear_object (&self->cancellable);
  g_free (self->last_error);

  G_OBJECT_CLASS (cd_notifier_parent_class)->finalize (object);
}

static void
cd_notifier_class_init (CdNotifierClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = cd_notifier_dispose;
  object_class->finalize = cd_notifier_finalize;
}

static void
cd_notifier_init (CdNotifier *self)
{
  self->shown = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  self->snoozing = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->cancellable = g_cancellable_new ();

  self->store_signals = g_signal_group_new (CD_TYPE_STORE);
  g_signal_group_connect_swapped (self->store_signals, "changed::" CD_CHANGE_FOLLOWUPS,
                                  G_CALLBACK (on_store_changed_cb), self);
  g_signal_group_connect_swapped (self->store_signals, "changed::" CD_CHANGE_REMINDERS,
                                  G_CALLBACK (on_store_changed_cb), self);
  g_signal_group_connect_swapped (self->store_signals, "changed::" CD_CHANGE_SNOOZES,
                                  G_CALLBACK (on_store_changed_cb), self);
  g_signal_group_connect_swapped (self->store_signals, "changed::" CD_CHANGE_STAFF,
                                  G_CALLBACK (on_store_changed_cb), self);
  /* Certifications issued, renewed or revoked, and coverage minimums. */
  g_signal_group_connect_swapped (self->store_signals, "changed::" CD_CHANGE_STAFF_CERTIFICATIONS,
                                  G_CALLBACK (on_store_changed_cb), self);
  g_signal_group_connect_swapped (self->store_signals, "changed::" CD_CHANGE_CERTIFICATIONS,
                                  G_CALLBACK (on_store_changed_cb), self);
  g_signal_group_connect_swapped (self->store_signals, "changed::" CD_CHANGE_TICKET_CATEGORIES,
                                  G_CALLBACK (on_store_changed_cb), self);
  /* Deadlines, first replies, escalations and the SLA rules. */
  g_signal_group_connect_swapped (self->store_signals, "changed::" CD_CHANGE_TICKETS,
                                  G_CALLBACK (on_store_changed_cb), self);
  g_signal_group_connect_swapped (self->store_signals, "changed::" CD_CHANGE_SLA_POLICIES,
                                  G_CALLBACK (on_store_changed_cb), self);
  g_signal_group_connect_swapped (self->store_signals, "changed::" CD_CHANGE_CALENDARS,
                                  G_CALLBACK (on_store_changed_cb), self);
  g_signal_group_connect_swapped (self->store_signals, "changed::" CD_CHANGE_HOLIDAYS,
                                  G_CALLBACK (on_store_changed_cb), self);
}

CdNotifier *
cd_notifier_new (GApplication *app,
                 CdStore      *store,
                 GSettings    *settings)
{
  CdNotifier *self;

  g_return_val_if_fail (G_IS_APPLICATION (app), NULL);
  g_return_val_if_fail (CD_IS_STORE (store), NULL);
  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);

  self = g_object_new (CD_TYPE_NOTIFIER, NULL);
  self->app = app;
  g_object_add_weak_pointer (G_OBJECT (app), (gpointer *) &self->app);
  self->store = g_object_ref (store);
  self->settings = g_object_ref (settings);

  /* Once per process, and never undone: another notifier (after the
   * database was switched) may still be showing through it. */
  if (!notify_is_initted () && !notify_init (APP_ID))
    g_warning ("Could not set up desktop notifications");

  g_signal_group_set_target (self->store_signals, store);
  self->settings_changed_id = g_signal_connect (settings, "changed",
                                                G_CALLBACK (on_settings_changed_cb), self);

  /* Anything that fell due while no Caredesk ran is shown soon, once the
   * window (if any) has had its first frame. */
  schedule_check (self);

  return self;
}
