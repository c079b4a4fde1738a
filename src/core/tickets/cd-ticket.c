/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "caredesk-tickets"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "cd-sql-util.h"
#include "cd-store-private.h"
#include "cd-tickets-private.h"

/* Helpers ---------------------------------------------------------------- */

/* Checks UTF-8 and length; @what is a translated noun ("subject"). */
gboolean
cd_tickets_check_text (const char  *text,
                       glong        max_chars,
                       gboolean     required,
                       const char  *what,
                       GError     **error)
{
  glong n;

  if (text != NULL && !g_utf8_validate (text, -1, NULL))
    {
      g_set_error (error, CD_STORE_ERROR, CD_STORE_ERROR_INVALID,
                   _("The %s contains characters that are not valid text. Retype it or paste it again."),
                   what);
      return FALSE;
    }
  if (required)
    {
      g_autofree char *trimmed = cd_trim_dup (text);
      if (trimmed == NULL || *trimmed == '\0')
        {
          g_set_error (error, CD_STORE_ERROR, CD_STORE_ERROR_INVALID,
                       _("The %s is required. Type a few words."), what);
          return FALSE;
        }
    }
  if (text == NULL)
    return TRUE;
  n = g_utf8_strlen (text, -1);
  if (n > max_chars)
    {
      g_set_error (error, CD_STORE_ERROR, CD_STORE_ERROR_INVALID,
                   _("The %s is too long: %ld characters, at most %ld are allowed. Shorten it."),
                   what, n, max_chars);
      return FALSE;
    }
  return TRUE;
}

void
cd_tickets_set_stale (GError **error)
{
  g_set_error_literal (error, CD_STORE_ERROR, CD_STORE_ERROR_STALE,
                       _("Someone else saved a change to this ticket after you opened it. Reload to see their change, or overwrite it with yours."));
}

gboolean
cd_tickets_require_signed_in (CdStore  *store,
                              GError  **error)
{
  if (cd_store_get_staff_id (store) != 0)
    return TRUE;
  g_set_error_literal (error, CD_STORE_ERROR, CD_STORE_ERROR_PERMISSION,
                       _("Nobody is signed in, so this cannot be recorded under a name. Sign in first."));
  return FALSE;
}

gboolean
cd_tickets_is_lead (CdStore *store)
{
  CdRole role = cd_store_get_role (store);
  return cd_store_get_staff_id (store) != 0 && (role == CD_ROLE_LEAD || role == CD_ROLE_ADMIN);
}

gboolean
cd_tickets_check_entity (const char  *entity,
                         GError     **error)
{
  if (entity != NULL && *entity != '\0')
    {
      const char *p;
      for (p = entity; *p != '\0'; p++)
        if (!g_ascii_islower (*p) && *p != '_')
          break;
      if (*p == '\0')
        return TRUE;
    }
  g_set_error (error, CD_STORE_ERROR, CD_STORE_ERROR_INVALID,
               _("“%s” is not a kind of record."), entity ? entity : "");
  return FALSE;
}

gboolean
cd_tickets_check_active_staff (CdStore  *store,
                               gint64    staff_id,
                               GError  **error)
{
  sqlite3_stmt *stmt;
  int rc;
  gboolean active;

  stmt = cd_store_prepare (store, "SELECT active FROM staff WHERE id = ?1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, staff_id);
  rc = cd_store_step (store, stmt, error);
  if (rc < 0)
    return FALSE;
  if (rc != SQLITE_ROW)
    {
      sqlite3_reset (stmt);
      g_set_error_literal (error, CD_STORE_ERROR, CD_STORE_ERROR_INVALID,
                           _("The assignee is not on the staff list. Choose someone from the list."));
      return FALSE;
    }
  active = sqlite3_column_int (stmt, 0) != 0;
  sqlite3_reset (stmt);
  if (!active)
    {
      g_set_error_literal (error, CD_STORE_ERROR, CD_STORE_ERROR_INVALID,
                           _("The assignee no longer works here (their account is switched off). Choose someone else."));
      return FALSE;
    }
  return TRUE;
}

char *
cd_tickets_staff_name (CdStore *store,
                       gint64   staff_id)
{
  sqlite3_stmt *stmt = cd_store_prepare (store, "SELECT display_name FROM staff WHERE id = ?1", NULL);
  char *name = NULL;

  if (stmt == NULL)
    return g_strdup ("?");
  sqlite3_bind_int64 (stmt, 1, staff_id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    name = cd_sql_column_dup (stmt, 0);
  sqlite3_reset (stmt);
  return name != NULL ? name : g_strdup ("?");
}

void
cd_ticket_fields_clear (CdTicketFields *fl)
{
  g_clear_pointer (&fl->fields, g_array_unref);
  g_clear_pointer (&fl->owned, g_ptr_array_unref);
}

/* Takes ownership of @value (may be NULL for SQL NULL). */
void
cd_ticket_fields_take (CdTicketFields  *fl,
                       const char *column,
                       char       *value)
{
  CdField field;

  if (fl->fields == NULL)
    {
      fl->fields = g_array_new (FALSE, FALSE, sizeof (CdField));
      fl->owned = g_ptr_array_new_with_free_func (g_free);
    }
  field.column = column;
  field.value = value;
  if (value != NULL)
    g_ptr_array_add (fl->owned, value);
  g_array_append_val (fl->fields, field);
}

void
cd_ticket_fields_text (CdTicketFields  *fl,
                       const char *column,
                       const char *value)
{
  cd_ticket_fields_take (fl, column, g_strdup (value));
}

void
cd_ticket_fields_int (CdTicketFields  *fl,
                      const char *column,
                      gint64      value)
{
  cd_ticket_fields_take (fl, column, cd_int_text (value));
}

/* 0 is stored as NULL (unset id or instant). */
void
cd_ticket_fields_int_or_null (CdTicketFields  *fl,
                              const char *column,
                              gint64      value)
{
  cd_ticket_fields_take (fl, column, value != 0 ? cd_int_text (value) : NULL);
}

const CdField *
cd_ticket_fields_data (CdTicketFields *fl)
{
  return fl->fields ? (const CdField *) fl->fields->data : NULL;
}

guint
cd_ticket_fields_len (CdTicketFields *fl)
{
  return fl->fields ? fl->fields->len : 0;
}

/* Events are immutable log rows; the audit row names the ticket and the
 * kind rather than copying a note body that may be 100 000 characters. */
gint64
cd_ticket_add_event (CdStore     *store,
                     gint64       ticket_id,
                     const char  *kind,
                     const char  *body,
                     const char  *old_value,
                     const char  *new_value,
                     GError     **error)
{
  sqlite3_stmt *stmt;
  gint64 staff_id = cd_store_get_staff_id (store);
  gint64 event_id;
  g_autofree char *ticket_text = cd_int_text (ticket_id);

  stmt = cd_store_prepare (store,
                           "INSERT INTO ticket_events (ticket_id, kind, author_id, body, old_value, new_value, created_at)"
                           " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)", error);
  if (stmt == NULL)
    return 0;
  sqlite3_bind_int64 (stmt, 1, ticket_id);
  sqlite3_bind_text (stmt, 2, kind, -1, SQLITE_STATIC);
  if (staff_id != 0)
    sqlite3_bind_int64 (stmt, 3, staff_id);
  else
    sqlite3_bind_null (stmt, 3);
  sqlite3_bind_text (stmt, 4, body, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 5, old_value, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 6, new_value, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 7, cd_store_now (store));
  if (cd_store_step (store, stmt, error) < 0)
    return 0;
  sqlite3_reset (stmt);
  event_id = sqlite3_last_insert_rowid (cd_store_get_db (store));

  if (!cd_store_audit (store, "ticket_events", event_id, "create", "ticket_id", NULL, ticket_text, error) ||
      !cd_store_audit (store, "ticket_events", event_id, "create", "kind", NULL, kind, error))
    return 0;
  return event_id;
}

char *
cd_ticket_format_number (gint64 id)
{
  return g_strdup_printf ("T-%06" G_GINT64_FORMAT, id);
}

gint64
cd_ticket_parse_number (const char *text)
{
  g_autofree char *trimmed = NULL;
  const char *p;
  guint64 value = 0;

  if (text == NULL || !g_utf8_validate (text, -1, NULL))
    return 0;
  trimmed = cd_trim_dup (text);
  p = trimmed;
  if (*p == 'T' || *p == 't')
    {
      p++;
      if (*p == '-')
        p++;
    }
  else if (*p == '#')
    p++;
  if (*p == '\0' || strlen (p) > 18)
    return 0;
  for (const char *q = p; *q != '\0'; q++)
    {
      if (!g_ascii_isdigit (*q))
        return 0;
      value = value * 10 + (guint64) (*q - '0');
    }
  return (gint64) value;
}

/* Records ---------------------------------------------------------------- */

void
cd_ticket_free (CdTicket *ticket)
{
  if (ticket == NULL)
    return;
  g_free (ticket->subject);
  g_free (ticket->description);
  g_free (ticket->satisfaction_comment);
  g_free (ticket->escalated_to);
  g_free (ticket->escalation_reason);
  g_free (ticket->number);
  g_free (ticket->customer_name);
  g_free (ticket->category_name);
  g_free (ticket->assignee_name);
  g_free (ticket->created_by_name);
  g_free (ticket);
}

CdTicket *
cd_ticket_load (CdStore  *store,
                gint64    id,
                GError  **error)
{
  sqlite3_stmt *stmt;
  CdTicket *t;
  int rc;

  g_return_val_if_fail (CD_IS_STORE (store), NULL);

  stmt = cd_store_prepare (store,
                           "SELECT t.id, t.customer_id, t.subject, t.description, t.channel, t.category_id,"
                           " t.priority, t.status, t.assignee_id, t.created_by, t.first_response_at,"
                           " t.resolved_at, t.closed_at, t.pending_since, t.paused_seconds, t.reopen_count,"
                           " t.interaction_count, t.first_response_due, t.resolution_due, t.satisfaction,"
                           " t.satisfaction_comment, t.escalated_to, t.escalation_reason, t.escalation_due,"
                           " t.created_at, t.updated_at, t.version,"
                           " c.name, c.tier, cat.name, a.display_name, cb.display_name"
                           " FROM tickets t"
                           " LEFT JOIN customers c ON c.id = t.customer_id"
                           " LEFT JOIN ticket_categories cat ON cat.id = t.category_id"
                           " LEFT JOIN staff a ON a.id = t.assignee_id"
                           " LEFT JOIN staff cb ON cb.id = t.created_by"
                           " WHERE t.id = ?1", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, id);
  rc = cd_store_step (store, stmt, error);
  if (rc < 0)
    return NULL;
  if (rc != SQLITE_ROW)
    {
      sqlite3_reset (stmt);
      g_set_error_literal (error, CD_STORE_ERROR, CD_STORE_ERROR_NOT_FOUND,
                           _("The ticket no longer exists; someone may have deleted it."));
      return NULL;
    }

  t = g_new0 (CdTicket, 1);
  t->id = sqlite3_column_int64 (stmt, 0);
  t->customer_id = cd_sql_column_int64 (stmt, 1);
  t->subject = cd_sql_column_dup (stmt, 2);
  t->description = cd_sql_column_dup (stmt, 3);
  t->channel = cd_sql_column_enum (stmt, 4, cd_channel_from_nick, CD_CHANNEL_OTHER);
  t->category_id = cd_sql_column_int64 (stmt, 5);
  t->priority = cd_sql_column_enum (stmt, 6, cd_priority_from_nick, CD_PRIORITY_NORMAL);
  t->status = cd_sql_column_enum (stmt, 7, cd_ticket_status_from_nick, CD_TICKET_NEW);
  t->assignee_id = cd_sql_column_int64 (stmt, 8);
  t->created_by = cd_sql_column_int64 (stmt, 9);
  t->first_response_at = cd_sql_column_int64 (stmt, 10);
  t->resolved_at = cd_sql_column_int64 (stmt, 11);
  t->closed_at = cd_sql_column_int64 (stmt, 12);
  t->pending_since = cd_sql_column_int64 (stmt, 13);
  t->paused_seconds = cd_sql_column_int64 (stmt, 14);
  t->reopen_count = sqlite3_column_int (stmt, 15);
  t->interaction_count = sqlite3_column_int (stmt, 16);
  t->first_response_due = cd_sql_column_int64 (stmt, 17);
  t->resolution_due = cd_sql_column_int64 (stmt, 18);
  t->satisfaction = sqlite3_column_int (stmt, 19);
  t->satisfaction_comment = cd_sql_column_dup (stmt, 20);
  t->escalated_to = cd_sql_column_dup (stmt, 21);
  t->escalation_reason = cd_sql_column_dup (stmt, 22);
  t->escalation_due = cd_sql_column_int64 (stmt, 23);
  t->created_at = cd_sql_column_int64 (stmt, 24);
  t->updated_at = cd_sql_column_int64 (stmt, 25);
  t->version = cd_sql_column_int64 (stmt, 26);
  t->customer_name = cd_sql_column_dup (stmt, 27);
  t->customer_tier = cd_sql_column_enum (stmt, 28, cd_tier_from_nick, CD_TIER_GENERAL);
  t->category_name = cd_sql_column_dup (stmt, 29);
  t->assignee_name = cd_sql_column_dup (stmt, 30);
  t->created_by_name = cd_sql_column_dup (stmt, 31);
  t->number = cd_ticket_format_number (t->id);
  sqlite3_reset (stmt);
  return t;
}

/* Loads inside the caller's transaction and checks the version the caller
 * saw; 0 skips the check (overwrite). */
CdTicket *
cd_ticket_load_for_update (CdStore  *store,
                           gint64    id,
                           gint64    expected_version,
                           GError  **error)
{
  g_autoptr(CdTicket) ticket = cd_ticket_load (store, id, error);

  if (ticket == NULL)
    return NULL;
  if (expected_version != 0 && ticket->version != expected_version)
    {
      cd_tickets_set_stale (error);
      return NULL;
    }
  return g_steal_pointer (&ticket);
}

/* Categories -------------------------------------------------------------- */

void
cd_ticket_category_free (CdTicketCategory *category)
{
  if (category == NULL)
    return;
  g_free (category->name);
  g_free (category);
}

GPtrArray *
cd_ticket_categories_list (CdStore  *store,
                           GError  **error)
{
  g_autoptr(GPtrArray) categories = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (CD_IS_STORE (store), NULL);

  stmt = cd_store_prepare (store,
                           "SELECT c.id, c.name, c.version, r.category_id IS NOT NULL,"
                           "  (SELECT cc.certification_id FROM certification_categories cc"
                           "    JOIN certifications ce ON ce.id = cc.certification_id"
                           "    WHERE cc.category_id = c.id ORDER BY ce.name COLLATE NOCASE, ce.id LIMIT 1)"
                           " FROM ticket_categories c"
                           " LEFT JOIN ticket_categories_retired r ON r.category_id = c.id"
                           " ORDER BY c.name COLLATE NOCASE, c.id", error);
  if (stmt == NULL)
    return NULL;
  categories = g_ptr_array_new_with_free_func ((GDestroyNotify) cd_ticket_category_free);
  while ((rc = cd_store_step (store, stmt, error)) == SQLITE_ROW)
    {
      CdTicketCategory *category = g_new0 (CdTicketCategory, 1);
      const char *name = (const char *) sqlite3_column_text (stmt, 1);

      category->id = sqlite3_column_int64 (stmt, 0);
      category->name = g_strdup (name != NULL ? name : "");
      category->version = sqlite3_column_int64 (stmt, 2);
      category->retired = sqlite3_column_int (stmt, 3) != 0;
      category->required_certification_id = sqlite3_column_int64 (stmt, 4);
      g_ptr_array_add (categories, category);
    }
  sqlite3_reset (stmt);
  if (rc < 0)
    return NULL;
  return g_steal_pointer (&categories);
}

/* Validation ------------------------------------------------------------- */

gboolean
cd_ticket_validate_subject (const char  *subject,
                            GError     **error)
{
  g_autofree char *trimmed = NULL;

  if (!cd_tickets_check_text (subject, G_MAXLONG, TRUE, _("subject"), error))
    return FALSE;
  trimmed = cd_trim_dup (subject);
  return cd_tickets_check_text (trimmed, CD_TICKET_SUBJECT_MAX_CHARS, TRUE, _("subject"), error);
}

gboolean
cd_ticket_validate_description (const char  *description,
                                GError     **error)
{
  return cd_tickets_check_text (description, CD_TICKET_DESCRIPTION_MAX_CHARS, FALSE, _("description"), error);
}

gboolean
cd_ticket_check_category (CdStore  *store,
                          gint64    category_id,
                          gint64    kept_id,
                          GError  **error)
{
  GError *local_error = NULL;
  gint64 found;

  if (category_id == 0)
    return TRUE;
  found = cd_store_query_int (store,
                              "SELECT 1 + EXISTS (SELECT 1 FROM ticket_categories_retired WHERE category_id = ?1)"
                              " FROM ticket_categories WHERE id = ?1",
                              category_id, 0, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, local_error);
      return FALSE;
    }
  if (found == 0)
    {
      g_set_error_literal (error, CD_STORE_ERROR, CD_STORE_ERROR_INVALID,
                           _("The category does not exist (any more). Choose a category from the list."));
      return FALSE;
    }
  if (found == 2 && category_id != kept_id)
    {
      g_set_error_literal (error, CD_STORE_ERROR, CD_STORE_ERROR_INVALID,
                           _("This category was retired and is no longer used for tickets. Choose another category."));
      return FALSE;
    }
  return TRUE;
}
/* Creating --------------------------------------------------------------- */

gint64
cd_ticket_create (CdStore     *store,
                  gint64       customer_id,
                  const char  *subject,
                  const char  *description,
                  CdChannel    channel,
                  gint64       category_id,
                  CdPriority   priority,
                  gint64       assignee_id,
                  GError     **error)
{
  g_auto(CdTicketFields) fl = { NULL, NULL };
  g_autofree char *subject_trimmed = NULL;
  g_autofree char *description_text = NULL;
  g_autofree char *tier = NULL;
  g_autofree char *assignee_text = NULL;
  g_autoptr(CdSlaCalendar) calendar = NULL;
  CdTicketPolicy policy;
  gint64 me, now, id;

  g_return_val_if_fail (CD_IS_STORE (store), 0);
  g_return_val_if_fail ((guint) channel < cd_channel_count (), 0);
  g_return_val_if_fail ((guint) priority < cd_priority_count (), 0);

  if (!cd_tickets_require_signed_in (store, error) ||
      !cd_ticket_validate_subject (subject, error) ||
      !cd_ticket_validate_description (description, error))
    return 0;
  me = cd_store_get_staff_id (store);
  if (assignee_id != 0 && assignee_id != me && !cd_tickets_is_lead (store))
    {
      g_set_error_literal (error, CD_STORE_ERROR, CD_STORE_ERROR_PERMISSION,
                           _("Only team leads can assign a ticket to someone else. Leave it unassigned or assign it to yourself."));
      return 0;
    }
  subject_trimmed = cd_trim_dup (subject);
  description_text = cd_optional_text (description);

  if (!cd_store_begin (store, error))
    return 0;

  tier = cd_ticket_customer_tier (store, customer_id, error);
  if (tier == NULL || !cd_ticket_check_category (store, category_id, 0, error))
    goto fail;
  if (assignee_id != 0 &&
      (!cd_tickets_check_active_staff (store, assignee_id, error) ||
       !cd_ticket_check_certification (store, assignee_id, category_id, NULL, FALSE, error)))
    goto fail;
  if (!cd_ticket_clock (store, priority, tier, &policy, &calendar, error))
    goto fail;

  now = cd_store_now (store);
  cd_ticket_fields_int (&fl, "customer_id", customer_id);
  cd_ticket_fields_text (&fl, "subject", subject_trimmed);
  cd_ticket_fields_text (&fl, "description", description_text);
  cd_ticket_fields_text (&fl, "channel", cd_channel_to_nick (channel));
  cd_ticket_fields_int_or_null (&fl, "category_id", category_id);
  cd_ticket_fields_text (&fl, "priority", cd_priority_to_nick (priority));
  cd_ticket_fields_text (&fl, "status", cd_ticket_status_to_nick (CD_TICKET_NEW));
  cd_ticket_fields_int_or_null (&fl, "assignee_id", assignee_id);
  cd_ticket_fields_int (&fl, "created_by", me);
  if (policy.found)
    {
      CdSlaClock clock = cd_sla_compute (calendar, now, policy.first_response_minutes,
                                         policy.resolution_minutes, 0);
      cd_ticket_fields_int (&fl, "first_response_due", clock.first_response_due);
      cd_ticket_fields_int (&fl, "resolution_due", clock.resolution_due);
    }
  cd_ticket_fields_int (&fl, "created_at", now);
  cd_ticket_fields_int (&fl, "updated_at", now);

  id = cd_store_insert (store, "tickets", cd_ticket_fields_data (&fl), cd_ticket_fields_len (&fl), error);
  if (id <= 0)
    goto fail;
  if (cd_ticket_add_event (store, id, "status", NULL, NULL, cd_ticket_status_to_nick (CD_TICKET_NEW), error) == 0)
    goto fail;
  if (assignee_id != 0)
    {
      assignee_text = cd_int_text (assignee_id);
      if (cd_ticket_add_event (store, id, "assignment", NULL, NULL, assignee_text, error) == 0)
        goto fail;
    }

  if (!cd_store_commit (store, error))
    return 0;
  return id;

fail:
  cd_store_rollback (store);
  return 0;
}

gboolean
cd_ticket_update (CdStore     *store,
                  gint64       id,
                  gint64       expected_version,
                  const char  *subject,
                  const char  *description,
                  CdChannel    channel,
                  gint64       category_id,
                  CdPriority   priority,
                  GError     **error)
{
  g_auto(CdTicketFields) fl = { NULL, NULL };
  g_autoptr(CdTicket) ticket = NULL;
  g_autofree char *subject_trimmed = NULL;
  g_autofree char *description_text = NULL;
  gboolean ok = FALSE;

  g_return_val_if_fail (CD_IS_STORE (store), FALSE);
  g_return_val_if_fail ((guint) channel < cd_channel_count (), FALSE);
  g_return_val_if_fail ((guint) priority < cd_priority_count (), FALSE);

  if (!cd_tickets_require_signed_in (store, error) ||
      !cd_ticket_validate_subject (subject, error) ||
      !cd_ticket_validate_description (description, error))
    return FALSE;
  subject_trimmed = cd_trim_dup (subject);
  description_text = cd_optional_text (description);

  if (!cd_store_begin (store, error))
    return FALSE;

  ticket = cd_ticket_load_for_update (store, id, expected_version, error);
  if (ticket == NULL || !cd_ticket_check_category (store, category_id, ticket->category_id, error))
    goto out;

  cd_ticket_fields_text (&fl, "subject", subject_trimmed);
  cd_ticket_fields_text (&fl, "description", description_text);
  cd_ticket_fields_text (&fl, "channel", cd_channel_to_nick (channel));
  cd_ticket_fields_int_or_null (&fl, "category_id", category_id);
  cd_ticket_fields_text (&fl, "priority", cd_priority_to_nick (priority));

  if (priority != ticket->priority)
    {
      g_autoptr(CdSlaCalendar) calendar = NULL;
      CdTicketPolicy policy;

      if (!cd_ticket_clock (store, priority, cd_tier_to_nick (ticket->customer_tier), &policy, &calendar, error))
        goto out;
      if (policy.found)
        {
          CdSlaClock clock = cd_sla_compute (calendar, ticket->created_at, policy.first_response_minutes,
                                             policy.resolution_minutes, ticket->paused_seconds);
          cd_ticket_fields_int (&fl, "first_response_due", clock.first_response_due);
          cd_ticket_fields_int (&fl, "resolution_due", clock.resolution_due);
        }
      else
        {
          cd_ticket_fields_int_or_null (&fl, "first_response_due", 0);
          cd_ticket_fields_int_or_null (&fl, "resolution_due", 0);
        }
    }

  if (!cd_store_update (store, "tickets", id, expected_version,
                        cd_ticket_fields_data (&fl), cd_ticket_fields_len (&fl), error))
    goto out;
  if (priority != ticket->priority &&
      cd_ticket_add_event (store, id, "priority", NULL, cd_priority_to_nick (ticket->priority),
                           cd_priority_to_nick (priority), error) == 0)
    goto out;
  ok = TRUE;

out:
  return cd_store_finish (store, ok, error);
}

/* Status workflow -------------------------------------------------------- */

gboolean
cd_ticket_status_can_change (CdTicketStatus from,
                             CdTicketStatus to)
{
  switch (from)
    {
    case CD_TICKET_NEW:
      return to == CD_TICKET_OPEN;
    case CD_TICKET_OPEN:
      return to == CD_TICKET_PENDING || to == CD_TICKET_RESOLVED;
    case CD_TICKET_PENDING:
      return to == CD_TICKET_OPEN || to == CD_TICKET_RESOLVED;
    case CD_TICKET_RESOLVED:
      return to == CD_TICKET_CLOSED || to == CD_TICKET_OPEN;
    case CD_TICKET_CLOSED:
      return to == CD_TICKET_OPEN;
    default:
      return FALSE;
    }
}

static void
set_refused_step (GError         **error,
                  CdTicketStatus   from,
                  CdTicketStatus   to)
{
  const char *hint;

  if (from == to)
    {
      g_set_error (error, CD_STORE_ERROR, CD_STORE_ERROR_INVALID,
                   _("The ticket is already “%s”."), cd_ticket_status_label (to));
      return;
    }
  if (to == CD_TICKET_NEW)
    hint = _("A ticket never goes back to “New”; set it to “Open” instead.");
  else if (to == CD_TICKET_CLOSED)
    hint = _("Only a resolved ticket can be closed; resolve it first.");
  else if (from == CD_TICKET_NEW)
    hint = _("Open it first: replying to the customer or logging a call opens it.");
  else if (from == CD_TICKET_RESOLVED || from == CD_TICKET_CLOSED)
    hint = _("Reopen it first (set it to “Open”).");
  else
    hint = "";

  g_set_error (error, CD_STORE_ERROR, CD_STORE_ERROR_INVALID,
               _("A ticket cannot go from “%s” to “%s”. %s"),
               cd_ticket_status_label (from), cd_ticket_status_label (to), hint);
}

/* Adds the fields and events that move @ticket to @to, in the caller's
 * transaction. Shared by set_status and by a first reply opening a new
 * ticket. */
static gboolean
apply_status (CdStore         *store,
              const CdTicket  *ticket,
              CdTicketStatus   to,
              CdTicketFields       *fl,
              GError         **error)
{
  gint64 now = cd_store_now (store);

  cd_ticket_fields_text (fl, "status", cd_ticket_status_to_nick (to));

  if (ticket->status == CD_TICKET_PENDING)
    {
      g_autoptr(CdSlaCalendar) calendar = NULL;
      CdTicketPolicy policy;
      gint64 paused = 0;

      if (!cd_ticket_clock (store, ticket->priority, cd_tier_to_nick (ticket->customer_tier),
                            &policy, &calendar, error))
        return FALSE;
      if (ticket->pending_since != 0)
        paused = cd_sla_business_seconds_between (calendar, ticket->pending_since, now);
      cd_ticket_fields_int (fl, "paused_seconds", ticket->paused_seconds + paused);
      cd_ticket_fields_int_or_null (fl, "pending_since", 0);
      /* The deadline moves by exactly the paused business time; it is not
       * recomputed from the policy, so a target edited since the ticket
       * was created never moves an existing deadline. */
      if (ticket->resolution_due != 0 && paused > 0)
        cd_ticket_fields_int (fl, "resolution_due",
                              cd_sla_add_business_seconds (calendar, ticket->resolution_due, paused));
    }

  switch (to)
    {
    case CD_TICKET_PENDING:
      cd_ticket_fields_int (fl, "pending_since", now);
      break;
    case CD_TICKET_RESOLVED:
      cd_ticket_fields_int (fl, "resolved_at", now);
      break;
    case CD_TICKET_CLOSED:
      cd_ticket_fields_int (fl, "closed_at", now);
      break;
    case CD_TICKET_OPEN:
      if (ticket->status == CD_TICKET_RESOLVED || ticket->status == CD_TICKET_CLOSED)
        {
          cd_ticket_fields_int (fl, "reopen_count", ticket->reopen_count + 1);
          cd_ticket_fields_int_or_null (fl, "resolved_at", 0);
          cd_ticket_fields_int_or_null (fl, "closed_at", 0);
        }
      break;
    case CD_TICKET_NEW:
    default:
      break;
    }
  return TRUE;
}

gboolean
cd_ticket_set_status (CdStore         *store,
                      gint64           id,
                      gint64           expected_version,
                      CdTicketStatus   new_status,
                      GError         **error)
{
  g_auto(CdTicketFields) fl = { NULL, NULL };
  g_autoptr(CdTicket) ticket = NULL;
  gboolean ok = FALSE;

  g_return_val_if_fail (CD_IS_STORE (store), FALSE);
  g_return_val_if_fail ((guint) new_status < cd_ticket_status_count (), FALSE);

  if (!cd_tickets_require_signed_in (store, error))
    return FALSE;
  if (!cd_store_begin (store, error))
    return FALSE;

  ticket = cd_ticket_load_for_update (store, id, expected_version, error);
  if (ticket == NULL)
    goto out;
  if (!cd_ticket_status_can_change (ticket->status, new_status))
    {
      set_refused_step (error, ticket->status, new_status);
      goto out;
    }
  if (!apply_status (store, ticket, new_status, &fl, error))
    goto out;
  if (!cd_store_update (store, "tickets", id, expected_version,
                        cd_ticket_fields_data (&fl), cd_ticket_fields_len (&fl), error))
    goto out;
  if (cd_ticket_add_event (store, id, "status", NULL, cd_ticket_status_to_nick (ticket->status),
                           cd_ticket_status_to_nick (new_status), error) == 0)
    goto out;
  ok = TRUE;

out:
  return cd_store_finish (store, ok, error);
}

/* Notes and calls -------------------------------------------------------- */

static gint64
add_contact (CdStore     *store,
             gint64       id,
             const char  *kind,
             const char  *body,
             gboolean     customer_facing,
             GError     **error)
{
  g_auto(CdTicketFields) fl = { NULL, NULL };
  g_autoptr(CdTicket) ticket = NULL;
  sqlite3_stmt *stmt;
  gboolean opens;
  gint64 event_id = 0;

  if (!cd_tickets_require_signed_in (store, error))
    return 0;
  if (!cd_store_begin (store, error))
    return 0;

  ticket = cd_ticket_load (store, id, error);
  if (ticket == NULL)
    goto out;

  event_id = cd_ticket_add_event (store, id, kind, body, NULL, NULL, error);
  if (event_id == 0)
    goto out;

  opens = customer_facing && ticket->status == CD_TICKET_NEW;
  if (customer_facing)
    {
      cd_ticket_fields_int (&fl, "interaction_count", ticket->interaction_count + 1);
      if (ticket->first_response_at == 0)
        cd_ticket_fields_int (&fl, "first_response_at", cd_store_now (store));
      if (opens && !apply_status (store, ticket, CD_TICKET_OPEN, &fl, error))
        goto fail;
      /* The version read in this write transaction cannot change under
       * us; a note is never refused as stale. */
      if (!cd_store_update (store, "tickets", id, ticket->version,
                            cd_ticket_fields_data (&fl), cd_ticket_fields_len (&fl), error))
        goto fail;
      if (opens &&
          cd_ticket_add_event (store, id, "status", NULL, cd_ticket_status_to_nick (CD_TICKET_NEW),
                               cd_ticket_status_to_nick (CD_TICKET_OPEN), error) == 0)
        goto fail;
    }

  /* The note written is the author's draft; it is used up. */
  stmt = cd_store_prepare (store,
                           "DELETE FROM drafts WHERE entity = 'ticket' AND entity_id = ?1 AND staff_id = ?2",
                           error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_int64 (stmt, 1, id);
  sqlite3_bind_int64 (stmt, 2, cd_store_get_staff_id (store));
  if (cd_store_step (store, stmt, error) < 0)
    goto fail;
  sqlite3_reset (stmt);
  cd_store_note_change (store, CD_CHANGE_DRAFTS, id);
  goto out;

fail:
  event_id = 0;
out:
  if (!cd_store_finish (store, event_id != 0, error))
    return 0;
  return event_id;
}

gint64
cd_ticket_add_note (CdStore     *store,
                    gint64       id,
                    const char  *body,
                    gboolean     is_customer_facing,
                    GError     **error)
{
  g_return_val_if_fail (CD_IS_STORE (store), 0);

  if (!cd_tickets_check_text (body, CD_TICKET_NOTE_MAX_CHARS, TRUE, _("note"), error))
    return 0;
  return add_contact (store, id, is_customer_facing ? "note_public" : "note_internal",
                      body, is_customer_facing, error);
}

gint64
cd_ticket_log_call (CdStore     *store,
                    gint64       id,
                    const char  *summary,
                    GError     **error)
{
  g_return_val_if_fail (CD_IS_STORE (store), 0);

  if (!cd_tickets_check_text (summary, CD_TICKET_NOTE_MAX_CHARS, TRUE, _("call summary"), error))
    return 0;
  return add_contact (store, id, "call", summary, TRUE, error);
}

gboolean
cd_ticket_is_first_contact_resolution (const CdTicket *ticket)
{
  g_return_val_if_fail (ticket != NULL, FALSE);

  return (ticket->status == CD_TICKET_RESOLVED || ticket->status == CD_TICKET_CLOSED) &&
         ticket->interaction_count <= 1 &&
         ticket->reopen_count == 0;
}

/* Satisfaction ----------------------------------------------------------- */

gboolean
cd_ticket_set_satisfaction (CdStore     *store,
                            gint64       id,
                            gint64       expected_version,
                            gint         score,
                            const char  *comment,
                            GError     **error)
{
  g_auto(CdTicketFields) fl = { NULL, NULL };
  g_autoptr(CdTicket) ticket = NULL;
  g_autofree char *comment_text = NULL;
  g_autofree char *old_score = NULL;
  g_autofree char *new_score = NULL;
  gboolean ok = FALSE;

  g_return_val_if_fail (CD_IS_STORE (store), FALSE);

  if (!cd_tickets_require_signed_in (store, error))
    return FALSE;
  if (score < 1 || score > 5)
    {
      g_set_error (error, CD_STORE_ERROR, CD_STORE_ERROR_INVALID,
                   _("Satisfaction is a score from 1 (very unhappy) to 5 (very happy), not %d."), score);
      return FALSE;
    }
  if (!cd_tickets_check_text (comment, CD_TICKET_TEXT_MAX_CHARS, FALSE, _("comment"), error))
    return FALSE;
  comment_text = cd_optional_text (comment);

  if (!cd_store_begin (store, error))
    return FALSE;
  ticket = cd_ticket_load_for_update (store, id, expected_version, error);
  if (ticket == NULL)
    goto out;
  if (ticket->status != CD_TICKET_RESOLVED && ticket->status != CD_TICKET_CLOSED)
    {
      g_set_error (error, CD_STORE_ERROR, CD_STORE_ERROR_INVALID,
                   _("Satisfaction is recorded when a ticket is resolved; this one is “%s”. Resolve it first."),
                   cd_ticket_status_label (ticket->status));
      goto out;
    }

  cd_ticket_fields_int (&fl, "satisfaction", score);
  cd_ticket_fields_text (&fl, "satisfaction_comment", comment_text);
  if (!cd_store_update (store, "tickets", id, expected_version,
                        cd_ticket_fields_data (&fl), cd_ticket_fields_len (&fl), error))
    goto out;
  old_score = ticket->satisfaction != 0 ? cd_int_text (ticket->satisfaction) : NULL;
  new_score = cd_int_text (score);
  if (cd_ticket_add_event (store, id, "satisfaction", comment_text, old_score, new_score, error) == 0)
    goto out;
  ok = TRUE;

out:
  return cd_store_finish (store, ok, error);
}

/* Assignment ------------------------------------------------------------- */

gboolean
cd_ticket_assign (CdStore     *store,
                  gint64       id,
                  gint64       expected_version,
                  gint64       assignee_id,
                  const char  *reason,
                  GError     **error)
{
  g_auto(CdTicketFields) fl = { NULL, NULL };
  g_autoptr(CdTicket) ticket = NULL;
  g_autofree char *reason_text = NULL;
  g_autofree char *old_text = NULL;
  g_autofree char *new_text = NULL;
  gint64 me;
  gboolean ok = FALSE;

  g_return_val_if_fail (CD_IS_STORE (store), FALSE);
  g_return_val_if_fail (assignee_id >= 0, FALSE);

  if (!cd_tickets_require_signed_in (store, error))
    return FALSE;
  if (!cd_tickets_check_text (reason, CD_TICKET_TEXT_MAX_CHARS, FALSE, _("reason"), error))
    return FALSE;
  reason_text = cd_optional_text (reason);
  me = cd_store_get_staff_id (store);

  if (!cd_store_begin (store, error))
    return FALSE;
  ticket = cd_ticket_load_for_update (store, id, expected_version, error);
  if (ticket == NULL)
    goto out;

  if (assignee_id == ticket->assignee_id)
    {
      ok = TRUE;
      goto out;
    }

  if (!cd_tickets_is_lead (store))
    {
      if (assignee_id != me)
        {
          g_set_error_literal (error, CD_STORE_ERROR, CD_STORE_ERROR_PERMISSION,
                               _("Only team leads can assign tickets to other people or unassign them. You can take an unassigned ticket for yourself."));
          goto out;
        }
      if (ticket->assignee_id != 0)
        {
          g_set_error (error, CD_STORE_ERROR, CD_STORE_ERROR_PERMISSION,
                       _("This ticket is assigned to %s. Only a team lead can re-assign it; ask one if you should take it over."),
                       ticket->assignee_name ? ticket->assignee_name : "?");
          goto out;
        }
    }

  if (assignee_id != 0 &&
      (!cd_tickets_check_active_staff (store, assignee_id, error) ||
       !cd_ticket_check_certification (store, assignee_id, ticket->category_id, reason_text, TRUE, error)))
    goto out;

  cd_ticket_fields_int_or_null (&fl, "assignee_id", assignee_id);
  if (!cd_store_update (store, "tickets", id, expected_version,
                        cd_ticket_fields_data (&fl), cd_ticket_fields_len (&fl), error))
    goto out;
  old_text = ticket->assignee_id != 0 ? cd_int_text (ticket->assignee_id) : NULL;
  new_text = assignee_id != 0 ? cd_int_text (assignee_id) : NULL;
  if (cd_ticket_add_event (store, id, "assignment", reason_text, old_text, new_text, error) == 0)
    goto out;
  ok = TRUE;

out:
  return cd_store_finish (store, ok, error);
}
/* Escalation ------------------------------------------------------------- */

gboolean
cd_ticket_escalate (CdStore     *store,
                    gint64       id,
                    gint64       expected_version,
                    const char  *to_text,
                    const char  *reason,
                    gint64       promised_at,
                    GError     **error)
{
  g_auto(CdTicketFields) fl = { NULL, NULL };
  g_autoptr(CdTicket) ticket = NULL;
  g_autofree char *to_trimmed = NULL;
  g_autofree char *reason_trimmed = NULL;
  gboolean ok = FALSE;

  g_return_val_if_fail (CD_IS_STORE (store), FALSE);

  if (!cd_tickets_require_signed_in (store, error))
    return FALSE;
  if (!cd_tickets_check_text (to_text, G_MAXLONG, TRUE, _("escalation target (a team lead or a department)"), error) ||
      !cd_tickets_check_text (reason, G_MAXLONG, TRUE, _("reason for the escalation"), error))
    return FALSE;
  to_trimmed = cd_trim_dup (to_text);
  reason_trimmed = cd_trim_dup (reason);
  if (!cd_tickets_check_text (to_trimmed, CD_TICKET_ESCALATE_TO_MAX_CHARS, TRUE,
                              _("escalation target (a team lead or a department)"), error) ||
      !cd_tickets_check_text (reason_trimmed, CD_TICKET_TEXT_MAX_CHARS, TRUE, _("reason for the escalation"), error))
    return FALSE;
  if (promised_at <= cd_store_now (store))
    {
      g_set_error_literal (error, CD_STORE_ERROR, CD_STORE_ERROR_INVALID,
                           _("The promised reply time must be in the future: it is when the customer will hear back. Choose a later time."));
      return FALSE;
    }

  if (!cd_store_begin (store, error))
    return FALSE;
  ticket = cd_ticket_load_for_update (store, id, expected_version, error);
  if (ticket == NULL)
    goto out;
  if (ticket->status == CD_TICKET_RESOLVED || ticket->status == CD_TICKET_CLOSED)
    {
      g_set_error (error, CD_STORE_ERROR, CD_STORE_ERROR_INVALID,
                   _("A “%s” ticket cannot be escalated. Reopen it first if the customer still needs help."),
                   cd_ticket_status_label (ticket->status));
      goto out;
    }

  cd_ticket_fields_text (&fl, "escalated_to", to_trimmed);
  cd_ticket_fields_text (&fl, "escalation_reason", reason_trimmed);
  cd_ticket_fields_int (&fl, "escalation_due", promised_at);
  if (!cd_store_update (store, "tickets", id, expected_version,
                        cd_ticket_fields_data (&fl), cd_ticket_fields_len (&fl), error))
    goto out;
  if (cd_ticket_add_event (store, id, "escalation", reason_trimmed, ticket->escalated_to, to_trimmed, error) == 0)
    goto out;
  ok = TRUE;

out:
  return cd_store_finish (store, ok, error);
}

/* Timeline --------------------------------------------------------------- */

void
cd_ticket_event_free (CdTicketEvent *event)
{
  if (event == NULL)
    return;
  g_free (event->kind);
  g_free (event->author_name);
  g_free (event->body);
  g_free (event->old_value);
  g_free (event->new_value);
  g_free (event);
}

GPtrArray *
cd_ticket_timeline (CdStore  *store,
                    gint64    id,
                    GError  **error)
{
  g_autoptr(GPtrArray) result = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (CD_IS_STORE (store), NULL);

  /* Assignment events keep staff ids, so a renamed person shows under
   * their current name. */
  stmt = cd_store_prepare (store,
                           "SELECT e.id, e.ticket_id, e.kind, e.author_id, s.display_name, e.created_at, e.body,"
                           " CASE WHEN e.kind = 'assignment' THEN"
                           "   (SELECT display_name FROM staff WHERE id = CAST (e.old_value AS INTEGER))"
                           "   ELSE e.old_value END,"
                           " CASE WHEN e.kind = 'assignment' THEN"
                           "   (SELECT display_name FROM staff WHERE id = CAST (e.new_value AS INTEGER))"
                           "   ELSE e.new_value END"
                           " FROM ticket_events e LEFT JOIN staff s ON s.id = e.author_id"
                           " WHERE e.ticket_id = ?1"
                           " ORDER BY e.created_at DESC, e.id DESC", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, id);

  result = g_ptr_array_new_with_free_func ((GDestroyNotify) cd_ticket_event_free);
  while ((rc = cd_store_step (store, stmt, error)) == SQLITE_ROW)
    {
      CdTicketEvent *e = g_new0 (CdTicketEvent, 1);
      e->id = sqlite3_column_int64 (stmt, 0);
      e->ticket_id = sqlite3_column_int64 (stmt, 1);
      e->kind = cd_sql_column_dup (stmt, 2);
      e->author_id = cd_sql_column_int64 (stmt, 3);
      e->author_name = cd_sql_column_dup (stmt, 4);
      e->created_at = cd_sql_column_int64 (stmt, 5);
      e->body = cd_sql_column_dup (stmt, 6);
      e->old_value = cd_sql_column_dup (stmt, 7);
      e->new_value = cd_sql_column_dup (stmt, 8);
      g_ptr_array_add (result, e);
    }
  sqlite3_reset (stmt);
  if (rc < 0)
    return NULL;
  return g_steal_pointer (&result);
}
