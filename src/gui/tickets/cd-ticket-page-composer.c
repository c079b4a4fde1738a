/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "caredesk-tickets"

#include "config.h"

#include <glib/gi18n.h>

#include "cd-datetime.h"
#include "cd-ticket-page-private.h"
#include "cd-ticket-write.h"
#include "cd-tickets-util.h"

/* The note composer of the ticket page: its draft, saved as the person
 * types, posting a note or a call, and presence (who else has the
 * ticket open). */

char *
_cd_ticket_page_dup_composer_text (CdTicketPage *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->composer_view);
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

void
_cd_ticket_page_set_composer_text (CdTicketPage *self,
                   const char   *text)
{
  self->loading_composer = TRUE;
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->composer_view), text != NULL ? text : "", -1);
  self->loading_composer = FALSE;
}

void
_cd_ticket_page_update_composer_actions (CdTicketPage *self)
{
  g_autofree char *text = _cd_ticket_page_dup_composer_text (self);
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
      g_autofree char *shown = _cd_ticket_page_dup_composer_text (self);
      g_autofree char *saved = cd_datetime_format_time (cd_store_now (self->store));
      /* Translators: %s is a time of day */
      g_autofree char *label = g_strdup_printf (_("Draft saved at %s; only you can see it"), saved);

      gtk_label_set_text (self->draft_label, label);
      /* The file holds what the composer shows: another Caredesk of the
       * same person may now change it (see _cd_ticket_page_drafts_changed_cb()). */
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
const char *
_cd_ticket_page_unsaved_draft (CdTicketPage *self,
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
  start_draft_save (self, self->store, self->ticket_id, _cd_ticket_page_dup_composer_text (self));
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

void
_cd_ticket_page_composer_changed_cb (GtkTextBuffer *buffer,
                        CdTicketPage  *self)
{
  _cd_ticket_page_update_composer_actions (self);
  if (self->loading_composer || self->ticket_id == 0)
    return;
  self->draft_dirty = TRUE;
  g_clear_handle_id (&self->draft_timeout_id, g_source_remove);
  self->draft_timeout_id = g_timeout_add (CD_TICKET_PAGE_DRAFT_DELAY_MS, draft_timeout_cb, self);
}

void
_cd_ticket_page_internal_check_toggled_cb (CdTicketPage *self)
{
  _cd_ticket_page_update_composer_actions (self);
}

void
_cd_ticket_page_load_draft (CdTicketPage *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *draft = NULL;
  const char *unsaved = _cd_ticket_page_unsaved_draft (self, self->ticket_id);
  gint64 saved_at = 0;

  /* A draft still on its way to the file is newer than the file's. */
  if (unsaved != NULL)
    draft = g_strdup (unsaved);
  else
    draft = cd_draft_load (self->store, "ticket", self->ticket_id, &saved_at, &error);
  if (error != NULL)
    {
      _cd_ticket_page_show_toast (self, error->message);
      return;
    }
  _cd_ticket_page_set_composer_text (self, draft);
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
  _cd_ticket_page_update_composer_actions (self);
}

void
_cd_ticket_page_update_presence_label (CdTicketPage *self)
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

/* A heartbeat still on its way says the same: no pile of them on a busy
 * file. */
static void
send_heartbeat (CdTicketPage *self)
{
  CdTicketWrite *write;

  if (cd_store_is_read_only (self->store) || self->presence_in_flight)
    return;
  write = cd_ticket_write_new (CD_TICKET_WRITE_PRESENCE_TOUCH, self->ticket_id);
  write->instance = g_strdup (cd_tickets_instance_id ());
  self->presence_in_flight = TRUE;
  self->presence_told = TRUE;
  cd_ticket_write_start (self->store, write, self->cancellable, presence_touched_cb, g_object_ref (self));
}

void
cd_ticket_page_update_presence (CdTicketPage *self)
{
  g_return_if_fail (CD_IS_TICKET_PAGE (self));

  if (self->ticket_id == 0)
    return;
  send_heartbeat (self);
  _cd_ticket_page_update_presence_label (self);
}

gboolean
_cd_ticket_page_heartbeat_cb (gpointer user_data)
{
  CdTicketPage *self = user_data;

  cd_ticket_page_update_presence (self);
  /* The time left on the clocks moves on too. */
  _cd_ticket_page_update_sla (self);
  return G_SOURCE_CONTINUE;
}

static gboolean
first_heartbeat_cb (gpointer user_data)
{
  CdTicketPage *self = user_data;

  /* Who else is editing was read when the ticket was shown. */
  send_heartbeat (self);
  self->heartbeat_id = g_timeout_add_seconds (CD_PRESENCE_HEARTBEAT_SECONDS, _cd_ticket_page_heartbeat_cb, self);
  return G_SOURCE_REMOVE;
}

/* Writing presence the moment a ticket shows would take the file's write
 * lock while the page draws, and again on leaving, for every ticket paged
 * past. */
void
_cd_ticket_page_start_heartbeat (CdTicketPage *self)
{
  g_clear_handle_id (&self->heartbeat_id, g_source_remove);
  self->presence_told = FALSE;
  self->heartbeat_id = g_timeout_add (CD_TICKET_PAGE_PRESENCE_DELAY_MS, first_heartbeat_cb, self);
}

void
_cd_ticket_page_leave_ticket (CdTicketPage *self)
{
  if (self->ticket_id == 0)
    return;

  cd_ticket_page_flush_draft (self);
  /* Nobody was told the ticket is open. */
  if (!cd_store_is_read_only (self->store) && self->presence_told)
    {
      CdTicketWrite *write = cd_ticket_write_new (CD_TICKET_WRITE_PRESENCE_LEAVE, self->ticket_id);

      /* After any heartbeat still on its way (one lane, in order), and
       * also when the page is gone. */
      write->instance = g_strdup (cd_tickets_instance_id ());
      cd_ticket_write_start (self->store, write, NULL, NULL, NULL);
    }
  g_clear_handle_id (&self->heartbeat_id, g_source_remove);
  self->presence_told = FALSE;
}

void
_cd_ticket_page_presence_changed_cb (CdStore      *store,
                        CdChange     *change,
                        CdTicketPage *self)
{
  /* Our own heartbeat changes nothing shown. */
  if (self->ticket_id != 0 && cd_change_get_origin (change) == CD_CHANGE_EXTERNAL &&
      cd_change_has_id (change, self->ticket_id))
    _cd_ticket_page_update_presence_label (self);
}

/* Another Caredesk of the same person saved or used up the draft of this
 * ticket: take it, unless this composer holds words of its own. */
void
_cd_ticket_page_drafts_changed_cb (CdStore      *store,
                      CdChange     *change,
                      CdTicketPage *self)
{
  g_autofree char *text = NULL;

  if (self->ticket_id == 0 || cd_change_get_origin (change) != CD_CHANGE_EXTERNAL ||
      !cd_change_has_id (change, self->ticket_id) || self->draft_dirty || self->posting ||
      _cd_ticket_page_unsaved_draft (self, self->ticket_id) != NULL)
    return;
  text = _cd_ticket_page_dup_composer_text (self);
  if (g_strcmp0 (text, self->draft_loaded != NULL ? self->draft_loaded : "") == 0)
    _cd_ticket_page_load_draft (self);
}

static void
set_posting (CdTicketPage *self,
             gboolean      posting)
{
  self->posting = posting;
  cd_tickets_show_saving (NULL, self->post_spinner, posting);
  _cd_ticket_page_update_composer_actions (self);
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

  text = _cd_ticket_page_dup_composer_text (self);
  if (write == NULL)
    {
      /* Nothing was posted: the text stays, and is the draft again. */
      self->draft_dirty = TRUE;
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        _cd_ticket_page_show_toast (self, error->message);
      return;
    }
  /* What was posted is gone from the composer; what was typed meanwhile
   * stays. The draft was used up by the note. */
  if (g_strcmp0 (text, posted) == 0)
    {
      _cd_ticket_page_set_composer_text (self, NULL);
      g_clear_pointer (&self->draft_loaded, g_free);
      self->draft_dirty = FALSE;
      gtk_label_set_text (self->draft_label, "");
    }
  _cd_ticket_page_update_composer_actions (self);
}

void
_cd_ticket_page_post (CdTicketPage *self,
      gboolean      call)
{
  g_autofree char *text = _cd_ticket_page_dup_composer_text (self);
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
