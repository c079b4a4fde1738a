/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "caredesk-tickets"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "cd-sql-util.h"
#include "cd-tickets.h"
#include "cd-store-private.h"

#define OPEN_STATUSES "status IN ('new','open','pending')"

/* Without ANALYZE statistics SQLite guesses that an equality on
 * tickets_status matches about ten rows, and would walk every open ticket
 * through that index to find the few near their deadline. Declaring the
 * deadline range unlikely makes it take the partial index
 * tickets_resolution_due instead (whose WHERE the status term matches),
 * which only reads the tickets inside the range. likelihood() does not
 * change the result. */
#define DUE_RANGE(cmp) "likelihood (resolution_due " cmp " ?, 0.000001)"

/* Business hours around the clock: used when no calendar exists at all, so
 * that a policy still yields deadlines. */
#define ALWAYS_OPEN_WEEK \
  "00:00-24:00;00:00-24:00;00:00-24:00;00:00-24:00;00:00-24:00;00:00-24:00;00:00-24:00"

/* Helpers ---------------------------------------------------------------- */

/* Checks UTF-8 and length; @what is a translated noun ("subject"). */
static gboolean
check_text (const char  *text,
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

static void
set_stale (GError **error)
{
  g_set_error_literal (error, CD_STORE_ERROR, CD_STORE_ERROR_STALE,
                       _("Someone else saved a change to this ticket after you opened it. Reload to see their change, or overwrite it with yours."));
}

static gboolean
require_signed_in (CdStore  *store,
                   GError  **error)
{
  if (cd_store_get_staff_id (store) != 0)
    return TRUE;
  g_set_error_literal (error, CD_STORE_ERROR, CD_STORE_ERROR_PERMISSION,
                       _("Nobody is signed in, so this cannot be recorded under a name. Sign in first."));
  return FALSE;
}

static gboolean
is_lead (CdStore *store)
{
  CdRole role = cd_store_get_role (store);
  return cd_store_get_staff_id (store) != 0 && (role == CD_ROLE_LEAD || role == CD_ROLE_ADMIN);
}

static gboolean
check_entity (const char  *entity,
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

static gboolean
check_active_staff (CdStore  *store,
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

static char *
staff_name (CdStore *store,
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

/* A growing list of CdField whose values it owns. */
typedef struct {
  GArray    *fields;
  GPtrArray *owned;
} FieldList;

static void
field_list_clear (FieldList *fl)
{
  g_clear_pointer (&fl->fields, g_array_unref);
  g_clear_pointer (&fl->owned, g_ptr_array_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (FieldList, field_list_clear)

/* Takes ownership of @value (may be NULL for SQL NULL). */
static void
field_list_take (FieldList  *fl,
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

static void
field_list_text (FieldList  *fl,
                 const char *column,
                 const char *value)
{
  field_list_take (fl, column, g_strdup (value));
}

static void
field_list_int (FieldList  *fl,
                const char *column,
                gint64      value)
{
  field_list_take (fl, column, cd_int_text (value));
}

/* 0 is stored as NULL (unset id or instant). */
static void
field_list_int_or_null (FieldList  *fl,
                        const char *column,
                        gint64      value)
{
  field_list_take (fl, column, value != 0 ? cd_int_text (value) : NULL);
}

static const CdField *
field_list_data (FieldList *fl)
{
  return fl->fields ? (const CdField *) fl->fields->data : NULL;
}

static guint
field_list_len (FieldList *fl)
{
  return fl->fields ? fl->fields->len : 0;
}

/* Events are immutable log rows; the audit row names the ticket and the
 * kind rather than copying a note body that may be 100 000 characters. */
static gint64
add_event (CdStore     *store,
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

/* SLA policy and calendar -------------------------------------------------- */

typedef struct {
  gboolean found;
  gint     first_response_minutes;
  gint     resolution_minutes;
  gint64   calendar_id;  /* 0: the first calendar */
} Policy;

static gboolean
find_policy (CdStore     *store,
             CdPriority   priority,
             const char  *tier_nick,
             Policy      *out,
             GError     **error)
{
  sqlite3_stmt *stmt;
  int rc;

  memset (out, 0, sizeof *out);
  /* The row for the customer's tier wins over the row without a tier. */
  stmt = cd_store_prepare (store,
                           "SELECT first_response_minutes, resolution_minutes, calendar_id FROM sla_policies"
                           " WHERE priority = ?1 AND (tier = ?2 OR tier IS NULL)"
                           " ORDER BY tier IS NULL LIMIT 1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, cd_priority_to_nick (priority), -1, SQLITE_STATIC);
  if (tier_nick != NULL)
    sqlite3_bind_text (stmt, 2, tier_nick, -1, SQLITE_TRANSIENT);
  else
    sqlite3_bind_null (stmt, 2);
  rc = cd_store_step (store, stmt, error);
  if (rc < 0)
    return FALSE;
  if (rc == SQLITE_ROW)
    {
      out->found = TRUE;
      out->first_response_minutes = sqlite3_column_int (stmt, 0);
      out->resolution_minutes = sqlite3_column_int (stmt, 1);
      out->calendar_id = cd_sql_column_int64 (stmt, 2);
    }
  sqlite3_reset (stmt);
  return TRUE;
}

/* The calendar @calendar_id, else the first calendar, else around the
 * clock. NULL with @error only when the stored calendar cannot be read. */
static CdSlaCalendar *
load_calendar (CdStore  *store,
               gint64    calendar_id,
               GError  **error)
{
  sqlite3_stmt *stmt;
  g_autofree char *name = NULL;
  g_autofree char *tz = NULL;
  g_autofree char *week = NULL;
  g_autoptr(GPtrArray) days = NULL;
  g_autoptr(GError) local_error = NULL;
  CdSlaCalendar *calendar;
  gint64 found_id = 0;
  int rc;

  if (calendar_id != 0)
    {
      stmt = cd_store_prepare (store,
                               "SELECT id, name, timezone, week_schedule FROM business_calendars WHERE id = ?1",
                               error);
      if (stmt == NULL)
        return NULL;
      sqlite3_bind_int64 (stmt, 1, calendar_id);
    }
  else
    {
      stmt = cd_store_prepare (store,
                               "SELECT id, name, timezone, week_schedule FROM business_calendars ORDER BY id LIMIT 1",
                               error);
      if (stmt == NULL)
        return NULL;
    }
  rc = cd_store_step (store, stmt, error);
  if (rc < 0)
    return NULL;
  if (rc == SQLITE_ROW)
    {
      found_id = sqlite3_column_int64 (stmt, 0);
      name = cd_sql_column_dup (stmt, 1);
      tz = cd_sql_column_dup (stmt, 2);
      week = cd_sql_column_dup (stmt, 3);
    }
  sqlite3_reset (stmt);

  if (found_id == 0)
    {
      /* A policy naming a calendar that was removed falls back like one
       * naming none. */
      if (calendar_id != 0)
        return load_calendar (store, 0, error);
      return cd_sla_calendar_new ("UTC", ALWAYS_OPEN_WEEK, NULL, error);
    }

  stmt = cd_store_prepare (store, "SELECT day FROM holidays WHERE calendar_id = ?1 ORDER BY day", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, found_id);
  days = g_ptr_array_new_with_free_func (g_free);
  while ((rc = cd_store_step (store, stmt, error)) == SQLITE_ROW)
    g_ptr_array_add (days, cd_sql_column_dup (stmt, 0));
  sqlite3_reset (stmt);
  if (rc < 0)
    return NULL;
  g_ptr_array_add (days, NULL);

  calendar = cd_sla_calendar_new (tz ? tz : "UTC", week ? week : "",
                                  (const char *const *) days->pdata, &local_error);
  if (calendar == NULL)
    {
      g_set_error (error, CD_STORE_ERROR, CD_STORE_ERROR_INVALID,
                   _("The business calendar “%s” cannot be used: %s Ask a team lead to correct it."),
                   name ? name : "?", local_error->message);
      return NULL;
    }
  return calendar;
}

/* The tier nick of a customer, or NULL with NOT_FOUND/INVALID. */
static char *
customer_tier (CdStore  *store,
               gint64    customer_id,
               GError  **error)
{
  sqlite3_stmt *stmt;
  char *tier = NULL;
  int rc;

  stmt = cd_store_prepare (store, "SELECT tier FROM customers WHERE id = ?1", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, customer_id);
  rc = cd_store_step (store, stmt, error);
  if (rc < 0)
    return NULL;
  if (rc == SQLITE_ROW)
    tier = cd_sql_column_dup (stmt, 0);
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW)
    g_set_error_literal (error, CD_STORE_ERROR, CD_STORE_ERROR_INVALID,
                         _("The customer does not exist (any more). Choose a customer from the list."));
  else if (tier == NULL)
    tier = g_strdup ("general");
  return tier;
}

/* The policy and calendar that apply to a ticket of @priority for a
 * customer of @tier_nick. *calendar is always set on success. */
static gboolean
ticket_clock (CdStore         *store,
              CdPriority       priority,
              const char      *tier_nick,
              Policy          *policy,
              CdSlaCalendar  **calendar,
              GError         **error)
{
  if (!find_policy (store, priority, tier_nick, policy, error))
    return FALSE;
  *calendar = load_calendar (store, policy->calendar_id, error);
  return *calendar != NULL;
}

/* Numbers ---------------------------------------------------------------- */

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
static CdTicket *
load_for_update (CdStore  *store,
                 gint64    id,
                 gint64    expected_version,
                 GError  **error)
{
  g_autoptr(CdTicket) ticket = cd_ticket_load (store, id, error);

  if (ticket == NULL)
    return NULL;
  if (expected_version != 0 && ticket->version != expected_version)
    {
      set_stale (error);
      return NULL;
    }
  return g_steal_pointer (&ticket);
}

/* Validation ------------------------------------------------------------- */

gboolean
cd_ticket_validate_subject (const char  *subject,
                            GError     **error)
{
  g_autofree char *trimmed = NULL;

  if (!check_text (subject, G_MAXLONG, TRUE, _("subject"), error))
    return FALSE;
  trimmed = cd_trim_dup (subject);
  return check_text (trimmed, CD_TICKET_SUBJECT_MAX_CHARS, TRUE, _("subject"), error);
}

gboolean
cd_ticket_validate_description (const char  *description,
                                GError     **error)
{
  return check_text (description, CD_TICKET_DESCRIPTION_MAX_CHARS, FALSE, _("description"), error);
}

static gboolean
check_category (CdStore  *store,
                gint64    category_id,
                GError  **error)
{
  GError *local_error = NULL;
  gint64 found;

  if (category_id == 0)
    return TRUE;
  found = cd_store_query_int (store, "SELECT 1 FROM ticket_categories WHERE id = ?1", category_id, 0, &local_error);
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
  return TRUE;
}

/* Certification ---------------------------------------------------------- */

char *
cd_ticket_category_certifications (CdStore  *store,
                                   gint64    category_id,
                                   GError  **error)
{
  sqlite3_stmt *stmt;
  g_autoptr(GString) names = NULL;
  int rc;

  g_return_val_if_fail (CD_IS_STORE (store), NULL);

  if (category_id == 0)
    return NULL;
  stmt = cd_store_prepare (store,
                           "SELECT c.name FROM certification_categories cc"
                           " JOIN certifications c ON c.id = cc.certification_id"
                           " WHERE cc.category_id = ?1 ORDER BY c.name, c.id", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, category_id);
  names = g_string_new (NULL);
  while ((rc = cd_store_step (store, stmt, error)) == SQLITE_ROW)
    {
      if (names->len > 0)
        g_string_append (names, " / ");
      g_string_append (names, (const char *) sqlite3_column_text (stmt, 0));
    }
  sqlite3_reset (stmt);
  if (rc < 0 || names->len == 0)
    return NULL;
  return g_string_free (g_steal_pointer (&names), FALSE);
}

gboolean
cd_staff_is_certified_for (CdStore  *store,
                           gint64    staff_id,
                           gint64    category_id,
                           gint64    now,
                           GError  **error)
{
  sqlite3_stmt *stmt;
  gboolean certified = FALSE;
  int rc;

  g_return_val_if_fail (CD_IS_STORE (store), FALSE);

  if (category_id == 0)
    return TRUE;
  stmt = cd_store_prepare (store,
                           "SELECT NOT EXISTS (SELECT 1 FROM certification_categories WHERE category_id = ?1)"
                           " OR EXISTS (SELECT 1 FROM certification_categories cc"
                           "   JOIN staff_certifications sc ON sc.certification_id = cc.certification_id"
                           "  WHERE cc.category_id = ?1 AND sc.staff_id = ?2 AND sc.revoked_at IS NULL"
                           "    AND sc.issued_at <= ?3 AND sc.expires_at > ?3)", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, category_id);
  sqlite3_bind_int64 (stmt, 2, staff_id);
  sqlite3_bind_int64 (stmt, 3, now);
  rc = cd_store_step (store, stmt, error);
  if (rc == SQLITE_ROW)
    certified = sqlite3_column_int (stmt, 0) != 0;
  sqlite3_reset (stmt);
  return certified;
}

/* Fails with INVALID when @assignee_id lacks the certification the
 * category needs and no reason is given. */
static gboolean
check_certification (CdStore     *store,
                     gint64       assignee_id,
                     gint64       category_id,
                     const char  *reason,
                     gboolean     reason_allowed,
                     GError     **error)
{
  GError *local_error = NULL;
  g_autofree char *needed = NULL;
  g_autofree char *who = NULL;
  g_autofree char *category = NULL;
  sqlite3_stmt *stmt;

  if (assignee_id == 0 || category_id == 0)
    return TRUE;
  if (cd_staff_is_certified_for (store, assignee_id, category_id, cd_store_now (store), &local_error))
    return TRUE;
  if (local_error != NULL)
    {
      g_propagate_error (error, local_error);
      return FALSE;
    }
  if (reason_allowed && reason != NULL && *reason != '\0')
    return TRUE;

  needed = cd_ticket_category_certifications (store, category_id, NULL);
  who = staff_name (store, assignee_id);
  stmt = cd_store_prepare (store, "SELECT name FROM ticket_categories WHERE id = ?1", NULL);
  if (stmt != NULL)
    {
      sqlite3_bind_int64 (stmt, 1, category_id);
      if (sqlite3_step (stmt) == SQLITE_ROW)
        category = cd_sql_column_dup (stmt, 0);
      sqlite3_reset (stmt);
    }
  if (reason_allowed)
    g_set_error (error, CD_STORE_ERROR, CD_STORE_ERROR_INVALID,
                 _("%s does not hold a valid certification for “%s” tickets: they need the certification %s. Give a reason to assign anyway."),
                 who, category ? category : "?", needed ? needed : "?");
  else
    g_set_error (error, CD_STORE_ERROR, CD_STORE_ERROR_INVALID,
                 _("%s does not hold a valid certification for “%s” tickets: they need the certification %s. Create the ticket unassigned, then assign it with a reason."),
                 who, category ? category : "?", needed ? needed : "?");
  return FALSE;
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
  g_auto(FieldList) fl = { NULL, NULL };
  g_autofree char *subject_trimmed = NULL;
  g_autofree char *description_text = NULL;
  g_autofree char *tier = NULL;
  g_autofree char *assignee_text = NULL;
  g_autoptr(CdSlaCalendar) calendar = NULL;
  Policy policy;
  gint64 me, now, id;

  g_return_val_if_fail (CD_IS_STORE (store), 0);
  g_return_val_if_fail ((guint) channel < cd_channel_count (), 0);
  g_return_val_if_fail ((guint) priority < cd_priority_count (), 0);

  if (!require_signed_in (store, error) ||
      !cd_ticket_validate_subject (subject, error) ||
      !cd_ticket_validate_description (description, error))
    return 0;
  me = cd_store_get_staff_id (store);
  if (assignee_id != 0 && assignee_id != me && !is_lead (store))
    {
      g_set_error_literal (error, CD_STORE_ERROR, CD_STORE_ERROR_PERMISSION,
                           _("Only team leads can assign a ticket to someone else. Leave it unassigned or assign it to yourself."));
      return 0;
    }
  subject_trimmed = cd_trim_dup (subject);
  description_text = cd_optional_text (description);

  if (!cd_store_begin (store, error))
    return 0;

  tier = customer_tier (store, customer_id, error);
  if (tier == NULL || !check_category (store, category_id, error))
    goto fail;
  if (assignee_id != 0 &&
      (!check_active_staff (store, assignee_id, error) ||
       !check_certification (store, assignee_id, category_id, NULL, FALSE, error)))
    goto fail;
  if (!ticket_clock (store, priority, tier, &policy, &calendar, error))
    goto fail;

  now = cd_store_now (store);
  field_list_int (&fl, "customer_id", customer_id);
  field_list_text (&fl, "subject", subject_trimmed);
  field_list_text (&fl, "description", description_text);
  field_list_text (&fl, "channel", cd_channel_to_nick (channel));
  field_list_int_or_null (&fl, "category_id", category_id);
  field_list_text (&fl, "priority", cd_priority_to_nick (priority));
  field_list_text (&fl, "status", cd_ticket_status_to_nick (CD_TICKET_NEW));
  field_list_int_or_null (&fl, "assignee_id", assignee_id);
  field_list_int (&fl, "created_by", me);
  if (policy.found)
    {
      CdSlaClock clock = cd_sla_compute (calendar, now, policy.first_response_minutes,
                                         policy.resolution_minutes, 0);
      field_list_int (&fl, "first_response_due", clock.first_response_due);
      field_list_int (&fl, "resolution_due", clock.resolution_due);
    }
  field_list_int (&fl, "created_at", now);
  field_list_int (&fl, "updated_at", now);

  id = cd_store_insert (store, "tickets", field_list_data (&fl), field_list_len (&fl), error);
  if (id <= 0)
    goto fail;
  if (add_event (store, id, "status", NULL, NULL, cd_ticket_status_to_nick (CD_TICKET_NEW), error) == 0)
    goto fail;
  if (assignee_id != 0)
    {
      assignee_text = cd_int_text (assignee_id);
      if (add_event (store, id, "assignment", NULL, NULL, assignee_text, error) == 0)
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
  g_auto(FieldList) fl = { NULL, NULL };
  g_autoptr(CdTicket) ticket = NULL;
  g_autofree char *subject_trimmed = NULL;
  g_autofree char *description_text = NULL;
  gboolean ok = FALSE;

  g_return_val_if_fail (CD_IS_STORE (store), FALSE);
  g_return_val_if_fail ((guint) channel < cd_channel_count (), FALSE);
  g_return_val_if_fail ((guint) priority < cd_priority_count (), FALSE);

  if (!require_signed_in (store, error) ||
      !cd_ticket_validate_subject (subject, error) ||
      !cd_ticket_validate_description (description, error))
    return FALSE;
  subject_trimmed = cd_trim_dup (subject);
  description_text = cd_optional_text (description);

  if (!cd_store_begin (store, error))
    return FALSE;

  ticket = load_for_update (store, id, expected_version, error);
  if (ticket == NULL || !check_category (store, category_id, error))
    goto out;

  field_list_text (&fl, "subject", subject_trimmed);
  field_list_text (&fl, "description", description_text);
  field_list_text (&fl, "channel", cd_channel_to_nick (channel));
  field_list_int_or_null (&fl, "category_id", category_id);
  field_list_text (&fl, "priority", cd_priority_to_nick (priority));

  if (priority != ticket->priority)
    {
      g_autoptr(CdSlaCalendar) calendar = NULL;
      Policy policy;

      if (!ticket_clock (store, priority, cd_tier_to_nick (ticket->customer_tier), &policy, &calendar, error))
        goto out;
      if (policy.found)
        {
          CdSlaClock clock = cd_sla_compute (calendar, ticket->created_at, policy.first_response_minutes,
                                             policy.resolution_minutes, ticket->paused_seconds);
          field_list_int (&fl, "first_response_due", clock.first_response_due);
          field_list_int (&fl, "resolution_due", clock.resolution_due);
        }
      else
        {
          field_list_int_or_null (&fl, "first_response_due", 0);
          field_list_int_or_null (&fl, "resolution_due", 0);
        }
    }

  if (!cd_store_update (store, "tickets", id, expected_version,
                        field_list_data (&fl), field_list_len (&fl), error))
    goto out;
  if (priority != ticket->priority &&
      add_event (store, id, "priority", NULL, cd_priority_to_nick (ticket->priority),
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
              FieldList       *fl,
              GError         **error)
{
  gint64 now = cd_store_now (store);

  field_list_text (fl, "status", cd_ticket_status_to_nick (to));

  if (ticket->status == CD_TICKET_PENDING)
    {
      g_autoptr(CdSlaCalendar) calendar = NULL;
      Policy policy;
      gint64 paused = 0;

      if (!ticket_clock (store, ticket->priority, cd_tier_to_nick (ticket->customer_tier),
                         &policy, &calendar, error))
        return FALSE;
      if (ticket->pending_since != 0)
        paused = cd_sla_business_seconds_between (calendar, ticket->pending_since, now);
      field_list_int (fl, "paused_seconds", ticket->paused_seconds + paused);
      field_list_int_or_null (fl, "pending_since", 0);
      /* The deadline moves by exactly the paused business time; it is not
       * recomputed from the policy, so a target edited since the ticket
       * was created never moves an existing deadline. */
      if (ticket->resolution_due != 0 && paused > 0)
        field_list_int (fl, "resolution_due",
                        cd_sla_add_business_seconds (calendar, ticket->resolution_due, paused));
    }

  switch (to)
    {
    case CD_TICKET_PENDING:
      field_list_int (fl, "pending_since", now);
      break;
    case CD_TICKET_RESOLVED:
      field_list_int (fl, "resolved_at", now);
      break;
    case CD_TICKET_CLOSED:
      field_list_int (fl, "closed_at", now);
      break;
    case CD_TICKET_OPEN:
      if (ticket->status == CD_TICKET_RESOLVED || ticket->status == CD_TICKET_CLOSED)
        {
          field_list_int (fl, "reopen_count", ticket->reopen_count + 1);
          field_list_int_or_null (fl, "resolved_at", 0);
          field_list_int_or_null (fl, "closed_at", 0);
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
  g_auto(FieldList) fl = { NULL, NULL };
  g_autoptr(CdTicket) ticket = NULL;
  gboolean ok = FALSE;

  g_return_val_if_fail (CD_IS_STORE (store), FALSE);
  g_return_val_if_fail ((guint) new_status < cd_ticket_status_count (), FALSE);

  if (!require_signed_in (store, error))
    return FALSE;
  if (!cd_store_begin (store, error))
    return FALSE;

  ticket = load_for_update (store, id, expected_version, error);
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
                        field_list_data (&fl), field_list_len (&fl), error))
    goto out;
  if (add_event (store, id, "status", NULL, cd_ticket_status_to_nick (ticket->status),
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
  g_auto(FieldList) fl = { NULL, NULL };
  g_autoptr(CdTicket) ticket = NULL;
  sqlite3_stmt *stmt;
  gboolean opens;
  gint64 event_id = 0;

  if (!require_signed_in (store, error))
    return 0;
  if (!cd_store_begin (store, error))
    return 0;

  ticket = cd_ticket_load (store, id, error);
  if (ticket == NULL)
    goto out;

  event_id = add_event (store, id, kind, body, NULL, NULL, error);
  if (event_id == 0)
    goto out;

  opens = customer_facing && ticket->status == CD_TICKET_NEW;
  if (customer_facing)
    {
      field_list_int (&fl, "interaction_count", ticket->interaction_count + 1);
      if (ticket->first_response_at == 0)
        field_list_int (&fl, "first_response_at", cd_store_now (store));
      if (opens && !apply_status (store, ticket, CD_TICKET_OPEN, &fl, error))
        goto fail;
      /* The version read in this write transaction cannot change under
       * us; a note is never refused as stale. */
      if (!cd_store_update (store, "tickets", id, ticket->version,
                            field_list_data (&fl), field_list_len (&fl), error))
        goto fail;
      if (opens &&
          add_event (store, id, "status", NULL, cd_ticket_status_to_nick (CD_TICKET_NEW),
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

  if (!check_text (body, CD_TICKET_NOTE_MAX_CHARS, TRUE, _("note"), error))
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

  if (!check_text (summary, CD_TICKET_NOTE_MAX_CHARS, TRUE, _("call summary"), error))
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
  g_auto(FieldList) fl = { NULL, NULL };
  g_autoptr(CdTicket) ticket = NULL;
  g_autofree char *comment_text = NULL;
  g_autofree char *old_score = NULL;
  g_autofree char *new_score = NULL;
  gboolean ok = FALSE;

  g_return_val_if_fail (CD_IS_STORE (store), FALSE);

  if (!require_signed_in (store, error))
    return FALSE;
  if (score < 1 || score > 5)
    {
      g_set_error (error, CD_STORE_ERROR, CD_STORE_ERROR_INVALID,
                   _("Satisfaction is a score from 1 (very unhappy) to 5 (very happy), not %d."), score);
      return FALSE;
    }
  if (!check_text (comment, CD_TICKET_TEXT_MAX_CHARS, FALSE, _("comment"), error))
    return FALSE;
  comment_text = cd_optional_text (comment);

  if (!cd_store_begin (store, error))
    return FALSE;
  ticket = load_for_update (store, id, expected_version, error);
  if (ticket == NULL)
    goto out;
  if (ticket->status != CD_TICKET_RESOLVED && ticket->status != CD_TICKET_CLOSED)
    {
      g_set_error (error, CD_STORE_ERROR, CD_STORE_ERROR_INVALID,
                   _("Satisfaction is recorded when a ticket is resolved; this one is “%s”. Resolve it first."),
                   cd_ticket_status_label (ticket->status));
      goto out;
    }

  field_list_int (&fl, "satisfaction", score);
  field_list_text (&fl, "satisfaction_comment", comment_text);
  if (!cd_store_update (store, "tickets", id, expected_version,
                        field_list_data (&fl), field_list_len (&fl), error))
    goto out;
  old_score = ticket->satisfaction != 0 ? cd_int_text (ticket->satisfaction) : NULL;
  new_score = cd_int_text (score);
  if (add_event (store, id, "satisfaction", comment_text, old_score, new_score, error) == 0)
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
  g_auto(FieldList) fl = { NULL, NULL };
  g_autoptr(CdTicket) ticket = NULL;
  g_autofree char *reason_text = NULL;
  g_autofree char *old_text = NULL;
  g_autofree char *new_text = NULL;
  gint64 me;
  gboolean ok = FALSE;

  g_return_val_if_fail (CD_IS_STORE (store), FALSE);
  g_return_val_if_fail (assignee_id >= 0, FALSE);

  if (!require_signed_in (store, error))
    return FALSE;
  if (!check_text (reason, CD_TICKET_TEXT_MAX_CHARS, FALSE, _("reason"), error))
    return FALSE;
  reason_text = cd_optional_text (reason);
  me = cd_store_get_staff_id (store);

  if (!cd_store_begin (store, error))
    return FALSE;
  ticket = load_for_update (store, id, expected_version, error);
  if (ticket == NULL)
    goto out;

  if (assignee_id == ticket->assignee_id)
    {
      ok = TRUE;
      goto out;
    }

  if (!is_lead (store))
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
      (!check_active_staff (store, assignee_id, error) ||
       !check_certification (store, assignee_id, ticket->category_id, reason_text, TRUE, error)))
    goto out;

  field_list_int_or_null (&fl, "assignee_id", assignee_id);
  if (!cd_store_update (store, "tickets", id, expected_version,
                        field_list_data (&fl), field_list_len (&fl), error))
    goto out;
  old_text = ticket->assignee_id != 0 ? cd_int_text (ticket->assignee_id) : NULL;
  new_text = assignee_id != 0 ? cd_int_text (assignee_id) : NULL;
  if (add_event (store, id, "assignment", reason_text, old_text, new_text, error) == 0)
    goto out;
  ok = TRUE;

out:
  return cd_store_finish (store, ok, error);
}

void
cd_staff_workload_free (CdStaffWorkload *workload)
{
  if (workload == NULL)
    return;
  g_free (workload->display_name);
  g_free (workload);
}

GPtrArray *
cd_tickets_workload (CdStore  *store,
                     gint64    category_id,
                     GError  **error)
{
  g_autoptr(GPtrArray) result = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (CD_IS_STORE (store), NULL);

  stmt = cd_store_prepare (store,
                           "SELECT s.id, s.display_name, s.role, count(t.id),"
                           "  NOT EXISTS (SELECT 1 FROM certification_categories WHERE category_id = ?1)"
                           "  OR EXISTS (SELECT 1 FROM certification_categories cc"
                           "     JOIN staff_certifications sc ON sc.certification_id = cc.certification_id"
                           "    WHERE cc.category_id = ?1 AND sc.staff_id = s.id AND sc.revoked_at IS NULL"
                           "      AND sc.issued_at <= ?2 AND sc.expires_at > ?2)"
                           " FROM staff s"
                           " LEFT JOIN tickets t ON t.assignee_id = s.id AND t." OPEN_STATUSES
                           " WHERE s.active = 1"
                           " GROUP BY s.id"
                           " ORDER BY s.display_name COLLATE NOCASE, s.id", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, category_id);
  sqlite3_bind_int64 (stmt, 2, cd_store_now (store));

  result = g_ptr_array_new_with_free_func ((GDestroyNotify) cd_staff_workload_free);
  while ((rc = cd_store_step (store, stmt, error)) == SQLITE_ROW)
    {
      CdStaffWorkload *w = g_new0 (CdStaffWorkload, 1);
      w->staff_id = sqlite3_column_int64 (stmt, 0);
      w->display_name = cd_sql_column_dup (stmt, 1);
      w->role = cd_sql_column_enum (stmt, 2, cd_role_from_nick, CD_ROLE_REP);
      w->open_count = sqlite3_column_int64 (stmt, 3);
      w->certified = sqlite3_column_int (stmt, 4) != 0;
      g_ptr_array_add (result, w);
    }
  sqlite3_reset (stmt);
  if (rc < 0)
    return NULL;
  return g_steal_pointer (&result);
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
  g_auto(FieldList) fl = { NULL, NULL };
  g_autoptr(CdTicket) ticket = NULL;
  g_autofree char *to_trimmed = NULL;
  g_autofree char *reason_trimmed = NULL;
  gboolean ok = FALSE;

  g_return_val_if_fail (CD_IS_STORE (store), FALSE);

  if (!require_signed_in (store, error))
    return FALSE;
  if (!check_text (to_text, G_MAXLONG, TRUE, _("escalation target (a team lead or a department)"), error) ||
      !check_text (reason, G_MAXLONG, TRUE, _("reason for the escalation"), error))
    return FALSE;
  to_trimmed = cd_trim_dup (to_text);
  reason_trimmed = cd_trim_dup (reason);
  if (!check_text (to_trimmed, CD_TICKET_ESCALATE_TO_MAX_CHARS, TRUE,
                   _("escalation target (a team lead or a department)"), error) ||
      !check_text (reason_trimmed, CD_TICKET_TEXT_MAX_CHARS, TRUE, _("reason for the escalation"), error))
    return FALSE;
  if (promised_at <= cd_store_now (store))
    {
      g_set_error_literal (error, CD_STORE_ERROR, CD_STORE_ERROR_INVALID,
                           _("The promised reply time must be in the future: it is when the customer will hear back. Choose a later time."));
      return FALSE;
    }

  if (!cd_store_begin (store, error))
    return FALSE;
  ticket = load_for_update (store, id, expected_version, error);
  if (ticket == NULL)
    goto out;
  if (ticket->status == CD_TICKET_RESOLVED || ticket->status == CD_TICKET_CLOSED)
    {
      g_set_error (error, CD_STORE_ERROR, CD_STORE_ERROR_INVALID,
                   _("A “%s” ticket cannot be escalated. Reopen it first if the customer still needs help."),
                   cd_ticket_status_label (ticket->status));
      goto out;
    }

  field_list_text (&fl, "escalated_to", to_trimmed);
  field_list_text (&fl, "escalation_reason", reason_trimmed);
  field_list_int (&fl, "escalation_due", promised_at);
  if (!cd_store_update (store, "tickets", id, expected_version,
                        field_list_data (&fl), field_list_len (&fl), error))
    goto out;
  if (add_event (store, id, "escalation", reason_trimmed, ticket->escalated_to, to_trimmed, error) == 0)
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

/* Quiet commits ----------------------------------------------------------- */

static GQuark
quiet_quark (void)
{
  static GQuark quark;

  if (G_UNLIKELY (quark == 0))
    quark = g_quark_from_static_string ("cd-tickets-quiet-change");
  return quark;
}

/* Ends a transaction whose change no list or page of this process shows:
 * "local-change" handlers see cd_tickets_is_quiet_change() and can skip
 * their refresh. Nested in another transaction, it commits nothing and
 * that transaction's commit is not quiet. */
static gboolean
finish_quietly (CdStore  *store,
                gboolean  ok,
                GError  **error)
{
  gboolean result;

  g_object_set_qdata (G_OBJECT (store), quiet_quark (), GINT_TO_POINTER (TRUE));
  result = cd_store_finish (store, ok, error);
  g_object_set_qdata (G_OBJECT (store), quiet_quark (), NULL);
  return result;
}

/* Starts a small write that no list or page of this process shows. When
 * the connection is idle (no transaction, no statement half-way), the
 * write runs on its own: each statement commits by itself and no
 * "local-change" is emitted at all, so the heartbeat of an open ticket
 * makes nobody here refresh anything (other processes still see it, as
 * for any commit). Otherwise it is an ordinary transaction, ended by
 * quiet_write_end() as a quiet one. *alone says which. */
static gboolean
quiet_write_begin (CdStore   *store,
                   gboolean  *alone,
                   GError   **error)
{
  sqlite3 *db = cd_store_get_db (store);

  *alone = FALSE;
  if (!cd_store_is_read_only (store) && !cd_store_in_transaction (store) && sqlite3_get_autocommit (db))
    {
      sqlite3_stmt *stmt = NULL;

      *alone = TRUE;
      /* A statement still stepping would hold the commit back. */
      while ((stmt = sqlite3_next_stmt (db, stmt)) != NULL)
        if (sqlite3_stmt_busy (stmt))
          {
            *alone = FALSE;
            break;
          }
    }
  return *alone || cd_store_begin (store, error);
}

static gboolean
quiet_write_end (CdStore   *store,
                 gboolean   alone,
                 gboolean   ok,
                 GError   **error)
{
  if (alone)
    return ok;
  return finish_quietly (store, ok, error);
}

gboolean
cd_tickets_is_quiet_change (CdStore *store)
{
  g_return_val_if_fail (CD_IS_STORE (store), FALSE);
  return g_object_get_qdata (G_OBJECT (store), quiet_quark ()) != NULL;
}

/* Drafts ----------------------------------------------------------------- */

gboolean
cd_draft_save (CdStore     *store,
               const char  *entity,
               gint64       entity_id,
               const char  *body,
               GError     **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (CD_IS_STORE (store), FALSE);

  if (body == NULL || *body == '\0')
    return cd_draft_clear (store, entity, entity_id, error);
  if (!check_entity (entity, error) || !require_signed_in (store, error) ||
      !check_text (body, CD_TICKET_NOTE_MAX_CHARS, FALSE, _("draft"), error))
    return FALSE;
  if (!cd_store_begin (store, error))
    return FALSE;

  stmt = cd_store_prepare (store,
                           "INSERT INTO drafts (entity, entity_id, staff_id, body, updated_at)"
                           " VALUES (?1, ?2, ?3, ?4, ?5)"
                           " ON CONFLICT (entity, entity_id, staff_id)"
                           " DO UPDATE SET body = excluded.body, updated_at = excluded.updated_at",
                           error);
  if (stmt == NULL)
    return cd_store_finish (store, FALSE, error);
  sqlite3_bind_text (stmt, 1, entity, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 2, entity_id);
  sqlite3_bind_int64 (stmt, 3, cd_store_get_staff_id (store));
  sqlite3_bind_text (stmt, 4, body, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 5, cd_store_now (store));
  if (cd_store_step (store, stmt, error) < 0)
    return cd_store_finish (store, FALSE, error);
  sqlite3_reset (stmt);
  cd_store_note_change (store, CD_CHANGE_DRAFTS, entity_id);
  return finish_quietly (store, TRUE, error);
}

char *
cd_draft_load (CdStore     *store,
               const char  *entity,
               gint64       entity_id,
               gint64      *out_updated_at,
               GError     **error)
{
  sqlite3_stmt *stmt;
  char *body = NULL;
  int rc;

  g_return_val_if_fail (CD_IS_STORE (store), NULL);

  if (out_updated_at != NULL)
    *out_updated_at = 0;
  if (!check_entity (entity, error) || !require_signed_in (store, error))
    return NULL;

  stmt = cd_store_prepare (store,
                           "SELECT body, updated_at FROM drafts"
                           " WHERE entity = ?1 AND entity_id = ?2 AND staff_id = ?3", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, entity, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 2, entity_id);
  sqlite3_bind_int64 (stmt, 3, cd_store_get_staff_id (store));
  rc = cd_store_step (store, stmt, error);
  if (rc == SQLITE_ROW)
    {
      body = cd_sql_column_dup (stmt, 0);
      if (out_updated_at != NULL)
        *out_updated_at = cd_sql_column_int64 (stmt, 1);
    }
  sqlite3_reset (stmt);
  return body;
}

gboolean
cd_draft_clear (CdStore     *store,
                const char  *entity,
                gint64       entity_id,
                GError     **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (CD_IS_STORE (store), FALSE);

  if (!check_entity (entity, error) || !require_signed_in (store, error))
    return FALSE;
  if (!cd_store_begin (store, error))
    return FALSE;
  stmt = cd_store_prepare (store,
                           "DELETE FROM drafts WHERE entity = ?1 AND entity_id = ?2 AND staff_id = ?3",
                           error);
  if (stmt == NULL)
    return cd_store_finish (store, FALSE, error);
  sqlite3_bind_text (stmt, 1, entity, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 2, entity_id);
  sqlite3_bind_int64 (stmt, 3, cd_store_get_staff_id (store));
  if (cd_store_step (store, stmt, error) < 0)
    return cd_store_finish (store, FALSE, error);
  sqlite3_reset (stmt);
  cd_store_note_change (store, CD_CHANGE_DRAFTS, entity_id);
  return finish_quietly (store, TRUE, error);
}

/* Presence --------------------------------------------------------------- */

/* Rows older than this are removed by the next heartbeat of anyone, so the
 * table stays as small as the number of open editors. */
#define PRESENCE_PURGE_SECONDS 3600

gboolean
cd_presence_touch (CdStore     *store,
                   const char  *entity,
                   gint64       entity_id,
                   const char  *instance_id,
                   GError     **error)
{
  sqlite3_stmt *stmt;
  gboolean alone;
  gint64 now;

  g_return_val_if_fail (CD_IS_STORE (store), FALSE);
  g_return_val_if_fail (instance_id != NULL, FALSE);

  if (!check_entity (entity, error) || !require_signed_in (store, error))
    return FALSE;
  if (!quiet_write_begin (store, &alone, error))
    return FALSE;
  now = cd_store_now (store);

  stmt = cd_store_prepare (store,
                           "INSERT INTO presence (entity, entity_id, staff_id, instance, heartbeat_at)"
                           " VALUES (?1, ?2, ?3, ?4, ?5)"
                           " ON CONFLICT (entity, entity_id, staff_id, instance)"
                           " DO UPDATE SET heartbeat_at = excluded.heartbeat_at", error);
  if (stmt == NULL)
    return quiet_write_end (store, alone, FALSE, error);
  sqlite3_bind_text (stmt, 1, entity, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 2, entity_id);
  sqlite3_bind_int64 (stmt, 3, cd_store_get_staff_id (store));
  sqlite3_bind_text (stmt, 4, instance_id, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 5, now);
  if (cd_store_step (store, stmt, error) < 0)
    return quiet_write_end (store, alone, FALSE, error);
  sqlite3_reset (stmt);

  stmt = cd_store_prepare (store, "DELETE FROM presence WHERE heartbeat_at < ?1", error);
  if (stmt == NULL)
    return quiet_write_end (store, alone, FALSE, error);
  sqlite3_bind_int64 (stmt, 1, now - PRESENCE_PURGE_SECONDS);
  if (cd_store_step (store, stmt, error) < 0)
    return quiet_write_end (store, alone, FALSE, error);
  sqlite3_reset (stmt);

  cd_store_note_change (store, CD_CHANGE_PRESENCE, entity_id);
  return quiet_write_end (store, alone, TRUE, error);
}

gboolean
cd_presence_leave (CdStore     *store,
                   const char  *entity,
                   gint64       entity_id,
                   const char  *instance_id,
                   GError     **error)
{
  sqlite3_stmt *stmt;
  gboolean alone;

  g_return_val_if_fail (CD_IS_STORE (store), FALSE);
  g_return_val_if_fail (instance_id != NULL, FALSE);

  if (!check_entity (entity, error) || !require_signed_in (store, error))
    return FALSE;
  if (!quiet_write_begin (store, &alone, error))
    return FALSE;
  stmt = cd_store_prepare (store,
                           "DELETE FROM presence"
                           " WHERE entity = ?1 AND entity_id = ?2 AND staff_id = ?3 AND instance = ?4", error);
  if (stmt == NULL)
    return quiet_write_end (store, alone, FALSE, error);
  sqlite3_bind_text (stmt, 1, entity, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 2, entity_id);
  sqlite3_bind_int64 (stmt, 3, cd_store_get_staff_id (store));
  sqlite3_bind_text (stmt, 4, instance_id, -1, SQLITE_TRANSIENT);
  if (cd_store_step (store, stmt, error) < 0)
    return quiet_write_end (store, alone, FALSE, error);
  sqlite3_reset (stmt);
  cd_store_note_change (store, CD_CHANGE_PRESENCE, entity_id);
  return quiet_write_end (store, alone, TRUE, error);
}

GStrv
cd_presence_others (CdStore     *store,
                    const char  *entity,
                    gint64       entity_id,
                    GError     **error)
{
  g_autoptr(GStrvBuilder) builder = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (CD_IS_STORE (store), NULL);

  if (!check_entity (entity, error))
    return NULL;
  stmt = cd_store_prepare (store,
                           "SELECT DISTINCT s.display_name FROM presence p JOIN staff s ON s.id = p.staff_id"
                           " WHERE p.entity = ?1 AND p.entity_id = ?2 AND p.staff_id <> ?3"
                           "   AND p.heartbeat_at >= ?4"
                           " ORDER BY s.display_name COLLATE NOCASE", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, entity, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 2, entity_id);
  sqlite3_bind_int64 (stmt, 3, cd_store_get_staff_id (store));
  sqlite3_bind_int64 (stmt, 4, cd_store_now (store) - CD_PRESENCE_TIMEOUT_SECONDS);

  builder = g_strv_builder_new ();
  while ((rc = cd_store_step (store, stmt, error)) == SQLITE_ROW)
    g_strv_builder_add (builder, (const char *) sqlite3_column_text (stmt, 0));
  sqlite3_reset (stmt);
  if (rc < 0)
    return NULL;
  return g_strv_builder_end (builder);
}

char *
cd_presence_describe (const char *const *names)
{
  guint n = names != NULL ? g_strv_length ((char **) names) : 0;

  switch (n)
    {
    case 0:
      return NULL;
    case 1:
      /* Translators: someone else has the same record open, "Li Na is editing" */
      return g_strdup_printf (_("%s is editing"), names[0]);
    case 2:
      return g_strdup_printf (_("%s and %s are editing"), names[0], names[1]);
    default:
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s and %u other are editing",
                                           "%s and %u others are editing", n - 1),
                              names[0], n - 1);
    }
}

/* SLA state -------------------------------------------------------------- */

/* Both clocks of @ticket with @policy and @calendar already chosen. */
static void
judge_sla (const Policy        *policy,
           const CdSlaCalendar *calendar,
           const CdTicket      *ticket,
           gint64               now,
           CdTicketSla         *out)
{
  gint64 target;

  if (ticket->first_response_due != 0)
    {
      gint64 completed = ticket->first_response_at != 0 ? ticket->first_response_at : ticket->resolved_at;

      target = policy->found
               ? (gint64) policy->first_response_minutes * 60
               : cd_sla_business_seconds_between (calendar, ticket->created_at, ticket->first_response_due);
      out->has_first_response = TRUE;
      out->first_response_state = cd_sla_state (calendar, ticket->first_response_due, ticket->created_at,
                                                target, now, completed, &out->first_response_left);
    }

  if (ticket->resolution_due != 0)
    {
      gboolean done = ticket->status == CD_TICKET_RESOLVED || ticket->status == CD_TICKET_CLOSED;
      gint64 judge_at = now;

      target = policy->found
               ? (gint64) policy->resolution_minutes * 60
               : cd_sla_business_seconds_between (calendar, ticket->created_at, ticket->resolution_due)
                 - ticket->paused_seconds;
      if (ticket->status == CD_TICKET_PENDING && ticket->pending_since != 0)
        {
          out->resolution_paused = TRUE;
          judge_at = MIN (now, ticket->pending_since);
        }
      out->has_resolution = TRUE;
      out->resolution_state = cd_sla_state (calendar, ticket->resolution_due, ticket->created_at,
                                            target, judge_at, done ? ticket->resolved_at : 0,
                                            &out->resolution_left);
    }
}

/* Fills in the ticket's deadlines; FALSE when it has none, and there is
 * nothing to judge. */
static gboolean
sla_start (const CdTicket *ticket,
           CdTicketSla    *out)
{
  memset (out, 0, sizeof *out);
  out->first_response_due = ticket->first_response_due;
  out->resolution_due = ticket->resolution_due;
  return ticket->first_response_due != 0 || ticket->resolution_due != 0;
}

gboolean
cd_ticket_sla (CdStore         *store,
               const CdTicket  *ticket,
               gint64           now,
               CdTicketSla     *out,
               GError         **error)
{
  g_autoptr(CdSlaCalendar) calendar = NULL;
  Policy policy;

  g_return_val_if_fail (CD_IS_STORE (store), FALSE);
  g_return_val_if_fail (ticket != NULL, FALSE);
  g_return_val_if_fail (out != NULL, FALSE);

  if (!sla_start (ticket, out))
    return TRUE;

  if (!ticket_clock (store, ticket->priority, cd_tier_to_nick (ticket->customer_tier),
                     &policy, &calendar, error))
    return FALSE;
  judge_sla (&policy, calendar, ticket, now, out);
  return TRUE;
}

/* SLA rules read once ------------------------------------------------------ */

typedef struct {
  int     priority;
  char   *tier;      /* NULL: any tier */
  Policy  policy;
} RulesPolicy;

typedef struct {
  gint64         id;
  CdSlaCalendar *calendar;  /* NULL when it cannot be used: see error */
  GError        *error;
} RulesCalendar;

struct _CdTicketSlaRules
{
  GArray        *policies;   /* RulesPolicy */
  GArray        *calendars;  /* RulesCalendar, by id */
  CdSlaCalendar *always_open;
  GError        *always_open_error;
};

static void
rules_policy_clear (gpointer data)
{
  RulesPolicy *p = data;

  g_free (p->tier);
}

static void
rules_calendar_clear (gpointer data)
{
  RulesCalendar *c = data;

  g_clear_pointer (&c->calendar, cd_sla_calendar_free);
  g_clear_error (&c->error);
}

void
cd_ticket_sla_rules_free (CdTicketSlaRules *rules)
{
  if (rules == NULL)
    return;
  g_array_unref (rules->policies);
  g_array_unref (rules->calendars);
  g_clear_pointer (&rules->always_open, cd_sla_calendar_free);
  g_clear_error (&rules->always_open_error);
  g_free (rules);
}

CdTicketSlaRules *
cd_ticket_sla_rules_load (CdStore  *store,
                          GError  **error)
{
  g_autoptr(CdTicketSlaRules) rules = g_new0 (CdTicketSlaRules, 1);
  g_autoptr(GHashTable) days = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free,
                                                      (GDestroyNotify) g_ptr_array_unref);
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (CD_IS_STORE (store), NULL);

  rules->policies = g_array_new (FALSE, TRUE, sizeof (RulesPolicy));
  g_array_set_clear_func (rules->policies, rules_policy_clear);
  rules->calendars = g_array_new (FALSE, TRUE, sizeof (RulesCalendar));
  g_array_set_clear_func (rules->calendars, rules_calendar_clear);
  rules->always_open = cd_sla_calendar_new ("UTC", ALWAYS_OPEN_WEEK, NULL, &rules->always_open_error);

  stmt = cd_store_prepare (store,
                           "SELECT priority, tier, first_response_minutes, resolution_minutes,"
                           " ifnull (calendar_id, 0) FROM sla_policies", error);
  if (stmt == NULL)
    return NULL;
  while ((rc = cd_store_step (store, stmt, error)) == SQLITE_ROW)
    {
      RulesPolicy p = { 0, };
      const char *nick = (const char *) sqlite3_column_text (stmt, 0);

      p.priority = nick != NULL ? cd_priority_from_nick (nick) : -1;
      p.tier = cd_sql_column_dup (stmt, 1);
      p.policy.found = TRUE;
      p.policy.first_response_minutes = sqlite3_column_int (stmt, 2);
      p.policy.resolution_minutes = sqlite3_column_int (stmt, 3);
      p.policy.calendar_id = sqlite3_column_int64 (stmt, 4);
      g_array_append_val (rules->policies, p);
    }
  sqlite3_reset (stmt);
  if (rc < 0)
    return NULL;

  stmt = cd_store_prepare (store, "SELECT calendar_id, day FROM holidays ORDER BY calendar_id, day", error);
  if (stmt == NULL)
    return NULL;
  while ((rc = cd_store_step (store, stmt, error)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      GPtrArray *list = g_hash_table_lookup (days, &id);

      if (list == NULL)
        {
          list = g_ptr_array_new_with_free_func (g_free);
          g_hash_table_insert (days, g_memdup2 (&id, sizeof id), list);
        }
      g_ptr_array_add (list, cd_sql_column_dup (stmt, 1));
    }
  sqlite3_reset (stmt);
  if (rc < 0)
    return NULL;

  stmt = cd_store_prepare (store, "SELECT id, name, timezone, week_schedule FROM business_calendars ORDER BY id",
                           error);
  if (stmt == NULL)
    return NULL;
  while ((rc = cd_store_step (store, stmt, error)) == SQLITE_ROW)
    {
      RulesCalendar c = { 0, };
      g_autoptr(GError) local_error = NULL;
      g_autofree char *name = cd_sql_column_dup (stmt, 1);
      g_autofree char *tz = cd_sql_column_dup (stmt, 2);
      g_autofree char *week = cd_sql_column_dup (stmt, 3);
      GPtrArray *list;

      c.id = sqlite3_column_int64 (stmt, 0);
      list = g_hash_table_lookup (days, &c.id);
      if (list != NULL)
        g_ptr_array_add (list, NULL);
      c.calendar = cd_sla_calendar_new (tz ? tz : "UTC", week ? week : "",
                                        list != NULL ? (const char *const *) list->pdata : NULL,
                                        &local_error);
      if (c.calendar == NULL)
        /* The same message as when the calendar is read for one ticket. */
        g_set_error (&c.error, CD_STORE_ERROR, CD_STORE_ERROR_INVALID,
                     _("The business calendar “%s” cannot be used: %s Ask a team lead to correct it."),
                     name ? name : "?", local_error->message);
      g_array_append_val (rules->calendars, c);
    }
  sqlite3_reset (stmt);
  if (rc < 0)
    return NULL;

  return g_steal_pointer (&rules);
}

/* As find_policy(): the row for the customer's tier wins over the row
 * without a tier. */
static const Policy *
rules_find_policy (const CdTicketSlaRules *rules,
                   CdPriority              priority,
                   const char             *tier_nick)
{
  const Policy *any = NULL;

  for (guint i = 0; i < rules->policies->len; i++)
    {
      const RulesPolicy *p = &g_array_index (rules->policies, RulesPolicy, i);

      if (p->priority != (int) priority)
        continue;
      if (p->tier == NULL)
        any = &p->policy;
      else if (tier_nick != NULL && strcmp (p->tier, tier_nick) == 0)
        return &p->policy;
    }
  return any;
}

/* As load_calendar(): the policy's calendar, else the first one, else
 * around the clock. */
static const CdSlaCalendar *
rules_find_calendar (const CdTicketSlaRules  *rules,
                     gint64                   calendar_id,
                     GError                 **error)
{
  const RulesCalendar *chosen = NULL;

  if (rules->calendars->len == 0)
    {
      if (rules->always_open == NULL)
        g_propagate_error (error, g_error_copy (rules->always_open_error));
      return rules->always_open;
    }
  for (guint i = 0; i < rules->calendars->len && calendar_id != 0; i++)
    if (g_array_index (rules->calendars, RulesCalendar, i).id == calendar_id)
      chosen = &g_array_index (rules->calendars, RulesCalendar, i);
  if (chosen == NULL)
    chosen = &g_array_index (rules->calendars, RulesCalendar, 0);
  if (chosen->calendar == NULL)
    g_propagate_error (error, g_error_copy (chosen->error));
  return chosen->calendar;
}

gboolean
cd_ticket_sla_rules_judge (const CdTicketSlaRules  *rules,
                           const CdTicket          *ticket,
                           gint64                   now,
                           CdTicketSla             *out,
                           GError                 **error)
{
  const Policy *found;
  const CdSlaCalendar *calendar;
  Policy none = { 0, };

  g_return_val_if_fail (rules != NULL, FALSE);
  g_return_val_if_fail (ticket != NULL, FALSE);
  g_return_val_if_fail (out != NULL, FALSE);

  if (!sla_start (ticket, out))
    return TRUE;

  found = rules_find_policy (rules, ticket->priority, cd_tier_to_nick (ticket->customer_tier));
  if (found == NULL)
    found = &none;
  calendar = rules_find_calendar (rules, found->calendar_id, error);
  if (calendar == NULL)
    return FALSE;
  judge_sla (found, calendar, ticket, now, out);
  return TRUE;
}

/* Queues ----------------------------------------------------------------- */

const char *
cd_ticket_queue_label (CdTicketQueue queue)
{
  switch (queue)
    {
    case CD_TICKET_QUEUE_MINE:
      return _("Mine");
    case CD_TICKET_QUEUE_UNASSIGNED:
      return _("Unassigned");
    case CD_TICKET_QUEUE_AT_RISK:
      return _("SLA at risk");
    case CD_TICKET_QUEUE_BREACHED:
      return _("SLA breached");
    case CD_TICKET_QUEUE_STATUS_NEW:
      return cd_ticket_status_label (CD_TICKET_NEW);
    case CD_TICKET_QUEUE_STATUS_OPEN:
      return cd_ticket_status_label (CD_TICKET_OPEN);
    case CD_TICKET_QUEUE_STATUS_PENDING:
      return cd_ticket_status_label (CD_TICKET_PENDING);
    case CD_TICKET_QUEUE_STATUS_RESOLVED:
      return cd_ticket_status_label (CD_TICKET_RESOLVED);
    case CD_TICKET_QUEUE_STATUS_CLOSED:
      return cd_ticket_status_label (CD_TICKET_CLOSED);
    case CD_TICKET_QUEUE_ALL:
      return _("All tickets");
    case CD_TICKET_N_QUEUES:
    default:
      g_return_val_if_reached ("");
    }
}

void
cd_ticket_queue_filter_free (CdTicketQueueFilter *filter)
{
  if (filter == NULL)
    return;
  g_free (filter->where);
  g_clear_pointer (&filter->bindings, g_array_unref);
  g_free (filter);
}

static void
bind_add (CdTicketQueueFilter *filter,
          gint64               value)
{
  g_array_append_val (filter->bindings, value);
}


/* The at-risk condition: a running clock has at most a quarter of its
 * target left, that is resolution_due is no later than the instant a
 * quarter of the target after now, in business time. That instant depends
 * on the target and on the calendar, so it is computed here for each
 * policy row and bound as a constant: SQLite then scans the partial index
 * tickets_resolution_due between now and the latest limit, and checks
 * each candidate against the limit for its priority and customer tier.
 * The rows and calendars are those cd_ticket_sla_rules_judge() uses. */
static gboolean
build_at_risk (CdStore              *store,
               gint64                now,
               CdTicketQueueFilter  *filter,
               GError              **error)
{
  g_autoptr(CdTicketSlaRules) rules = NULL;
  g_autoptr(GArray) limits = NULL;  /* gint64 per policy row, 0 for a row that is not used */
  g_autoptr(GString) sql = g_string_new (NULL);
  gint64 max_limit = now;
  gboolean any_limit = FALSE;

  rules = cd_ticket_sla_rules_load (store, error);
  if (rules == NULL)
    return FALSE;

  limits = g_array_sized_new (FALSE, TRUE, sizeof (gint64), rules->policies->len);
  for (guint i = 0; i < rules->policies->len; i++)
    {
      const RulesPolicy *p = &g_array_index (rules->policies, RulesPolicy, i);
      const CdSlaCalendar *calendar;
      gint64 limit = 0;

      if (p->priority >= 0 && (p->tier == NULL || cd_tier_from_nick (p->tier) >= 0))
        {
          calendar = rules_find_calendar (rules, p->policy.calendar_id, error);
          if (calendar == NULL)
            return FALSE;
          /* cd_sla_state() calls a clock at risk when left * 4 <= target. */
          limit = cd_sla_add_business_seconds (calendar, now, (gint64) p->policy.resolution_minutes * 60 / 4);
          max_limit = MAX (max_limit, limit);
          any_limit = TRUE;
        }
      g_array_append_val (limits, limit);
    }

  g_string_append (sql, OPEN_STATUSES " AND status <> 'pending'"
                        " AND " DUE_RANGE (">") " AND " DUE_RANGE ("<="));
  bind_add (filter, now);
  bind_add (filter, max_limit);

  if (any_limit)
    {
      g_string_append (sql, " AND resolution_due <= CASE priority");
      for (guint prio = 0; prio < cd_priority_count (); prio++)
        {
          gint64 fallback = 0;
          gboolean overrides = FALSE;

          for (guint i = 0; i < rules->policies->len; i++)
            {
              const RulesPolicy *p = &g_array_index (rules->policies, RulesPolicy, i);

              if (p->priority != (int) prio || g_array_index (limits, gint64, i) == 0)
                continue;
              if (p->tier == NULL)
                fallback = g_array_index (limits, gint64, i);
              else
                overrides = TRUE;
            }
          if (fallback == 0 && !overrides)
            continue;

          g_string_append_printf (sql, " WHEN '%s' THEN ", cd_priority_to_nick (prio));
          if (!overrides)
            {
              g_string_append (sql, "?");
              bind_add (filter, fallback);
              continue;
            }
          g_string_append (sql, "CASE (SELECT c.tier FROM customers c WHERE c.id = customer_id)");
          for (guint i = 0; i < rules->policies->len; i++)
            {
              const RulesPolicy *p = &g_array_index (rules->policies, RulesPolicy, i);

              if (p->priority != (int) prio || p->tier == NULL || g_array_index (limits, gint64, i) == 0)
                continue;
              /* The nick from our own table, not the text from the file. */
              g_string_append_printf (sql, " WHEN '%s' THEN ?",
                                      cd_tier_to_nick (cd_tier_from_nick (p->tier)));
              bind_add (filter, g_array_index (limits, gint64, i));
            }
          if (fallback != 0)
            {
              g_string_append (sql, " ELSE ? END");
              bind_add (filter, fallback);
            }
          else
            g_string_append (sql, " ELSE NULL END");
        }
      g_string_append (sql, " END");
    }

  filter->where = g_string_free (g_steal_pointer (&sql), FALSE);
  return TRUE;
}

CdTicketQueueFilter *
cd_ticket_queue_filter (CdStore        *store,
                        CdTicketQueue   queue,
                        gint64          now,
                        GError        **error)
{
  g_autoptr(CdTicketQueueFilter) filter = NULL;

  g_return_val_if_fail (CD_IS_STORE (store), NULL);
  g_return_val_if_fail ((guint) queue < CD_TICKET_N_QUEUES, NULL);

  filter = g_new0 (CdTicketQueueFilter, 1);
  filter->bindings = g_array_new (FALSE, FALSE, sizeof (gint64));

  switch (queue)
    {
    case CD_TICKET_QUEUE_MINE:
      filter->where = g_strdup ("assignee_id = ? AND " OPEN_STATUSES);
      bind_add (filter, cd_store_get_staff_id (store));
      break;
    case CD_TICKET_QUEUE_UNASSIGNED:
      filter->where = g_strdup ("assignee_id IS NULL AND " OPEN_STATUSES);
      break;
    case CD_TICKET_QUEUE_AT_RISK:
      if (!build_at_risk (store, now, filter, error))
        return NULL;
      break;
    case CD_TICKET_QUEUE_BREACHED:
      /* A pending ticket's clock stopped at pending_since: it counts as
       * breached only if the deadline had passed by then. */
      filter->where = g_strdup (OPEN_STATUSES " AND " DUE_RANGE ("<=")
                                " AND (status <> 'pending' OR resolution_due <= pending_since)");
      bind_add (filter, now);
      break;
    case CD_TICKET_QUEUE_STATUS_NEW:
    case CD_TICKET_QUEUE_STATUS_OPEN:
    case CD_TICKET_QUEUE_STATUS_PENDING:
    case CD_TICKET_QUEUE_STATUS_RESOLVED:
    case CD_TICKET_QUEUE_STATUS_CLOSED:
      filter->where = g_strdup_printf ("status = '%s'",
                                       cd_ticket_status_to_nick (CD_TICKET_NEW + (queue - CD_TICKET_QUEUE_STATUS_NEW)));
      break;
    case CD_TICKET_QUEUE_ALL:
      filter->where = g_strdup ("1");
      break;
    case CD_TICKET_N_QUEUES:
    default:
      g_assert_not_reached ();
    }
  return g_steal_pointer (&filter);
}

int
cd_ticket_queue_filter_bind (const CdTicketQueueFilter *filter,
                             sqlite3_stmt              *stmt,
                             int                        first_index)
{
  g_return_val_if_fail (filter != NULL, first_index);
  g_return_val_if_fail (stmt != NULL, first_index);

  for (guint i = 0; i < filter->bindings->len; i++)
    sqlite3_bind_int64 (stmt, first_index + (int) i, g_array_index (filter->bindings, gint64, i));
  return first_index + (int) filter->bindings->len;
}

GVariant *
cd_ticket_queue_filter_to_params (const CdTicketQueueFilter *filter)
{
  GVariantBuilder builder;

  g_return_val_if_fail (filter != NULL, NULL);

  if (filter->bindings->len == 0)
    return NULL;
  g_variant_builder_init (&builder, G_VARIANT_TYPE_TUPLE);
  for (guint i = 0; i < filter->bindings->len; i++)
    g_variant_builder_add (&builder, "x", g_array_index (filter->bindings, gint64, i));
  return g_variant_builder_end (&builder);
}

gboolean
cd_tickets_queue_counts (CdStore  *store,
                         gint64    counts[CD_TICKET_N_QUEUES],
                         GError  **error)
{
  gint64 now;

  g_return_val_if_fail (CD_IS_STORE (store), FALSE);
  g_return_val_if_fail (counts != NULL, FALSE);

  now = cd_store_now (store);
  for (guint q = 0; q < CD_TICKET_N_QUEUES; q++)
    {
      g_autoptr(CdTicketQueueFilter) filter = cd_ticket_queue_filter (store, q, now, error);
      g_autofree char *sql = NULL;
      sqlite3_stmt *stmt;
      int rc;

      if (filter == NULL)
        return FALSE;
      sql = g_strdup_printf ("SELECT count(*) FROM tickets WHERE %s", filter->where);
      stmt = cd_store_prepare (store, sql, error);
      if (stmt == NULL)
        return FALSE;
      cd_ticket_queue_filter_bind (filter, stmt, 1);
      rc = cd_store_step (store, stmt, error);
      if (rc < 0)
        return FALSE;
      counts[q] = rc == SQLITE_ROW ? sqlite3_column_int64 (stmt, 0) : 0;
      sqlite3_reset (stmt);
    }
  return TRUE;
}

/* SLA policies ----------------------------------------------------------- */

static gboolean
check_policy_key (int      tier,
                  GError **error)
{
  if (tier == CD_SLA_ANY_TIER || (tier >= 0 && (guint) tier < cd_tier_count ()))
    return TRUE;
  g_set_error (error, CD_STORE_ERROR, CD_STORE_ERROR_INVALID,
               _("%d is not a customer tier."), tier);
  return FALSE;
}

/* The id and version of the policy row for the key, 0 when missing. */
static gint64
find_policy_row (CdStore     *store,
                 CdPriority   priority,
                 int          tier,
                 gint64      *out_version,
                 GError     **error)
{
  sqlite3_stmt *stmt;
  gint64 id = 0;
  int rc;

  *out_version = 0;
  stmt = cd_store_prepare (store,
                           "SELECT id, version FROM sla_policies WHERE priority = ?1 AND ifnull (tier, '') = ?2",
                           error);
  if (stmt == NULL)
    return -1;
  sqlite3_bind_text (stmt, 1, cd_priority_to_nick (priority), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, tier == CD_SLA_ANY_TIER ? "" : cd_tier_to_nick (tier), -1, SQLITE_STATIC);
  rc = cd_store_step (store, stmt, error);
  if (rc < 0)
    return -1;
  if (rc == SQLITE_ROW)
    {
      id = sqlite3_column_int64 (stmt, 0);
      *out_version = sqlite3_column_int64 (stmt, 1);
    }
  sqlite3_reset (stmt);
  return id;
}

gboolean
cd_sla_policy_set (CdStore     *store,
                   CdPriority   priority,
                   int          tier,
                   gint         first_response_minutes,
                   gint         resolution_minutes,
                   gint64       calendar_id,
                   GError     **error)
{
  g_auto(FieldList) fl = { NULL, NULL };
  gint64 id, version;
  gboolean ok = FALSE;

  g_return_val_if_fail (CD_IS_STORE (store), FALSE);
  g_return_val_if_fail ((guint) priority < cd_priority_count (), FALSE);

  if (!cd_store_require_role (store, CD_ROLE_BIT (CD_ROLE_LEAD) | CD_ROLE_BIT (CD_ROLE_ADMIN), error) ||
      !check_policy_key (tier, error))
    return FALSE;
  if (first_response_minutes <= 0 || resolution_minutes <= 0)
    {
      g_set_error_literal (error, CD_STORE_ERROR, CD_STORE_ERROR_INVALID,
                           _("Both targets must be at least one minute of business time."));
      return FALSE;
    }
  if (resolution_minutes < first_response_minutes)
    {
      g_set_error_literal (error, CD_STORE_ERROR, CD_STORE_ERROR_INVALID,
                           _("The resolution target is shorter than the first-response target. A ticket cannot be solved before it is answered: make the resolution target longer."));
      return FALSE;
    }

  if (!cd_store_begin (store, error))
    return FALSE;
  if (calendar_id != 0 &&
      cd_store_query_int (store, "SELECT 1 FROM business_calendars WHERE id = ?1", calendar_id, 0, error) == 0)
    {
      if (error == NULL || *error == NULL)
        g_set_error_literal (error, CD_STORE_ERROR, CD_STORE_ERROR_INVALID,
                             _("The business calendar does not exist (any more). Choose one from the list."));
      goto out;
    }

  id = find_policy_row (store, priority, tier, &version, error);
  if (id < 0)
    goto out;
  field_list_int (&fl, "first_response_minutes", first_response_minutes);
  field_list_int (&fl, "resolution_minutes", resolution_minutes);
  field_list_int_or_null (&fl, "calendar_id", calendar_id);
  if (id > 0)
    {
      if (!cd_store_update (store, "sla_policies", id, version,
                            field_list_data (&fl), field_list_len (&fl), error))
        goto out;
    }
  else
    {
      field_list_text (&fl, "priority", cd_priority_to_nick (priority));
      field_list_text (&fl, "tier", tier == CD_SLA_ANY_TIER ? NULL : cd_tier_to_nick (tier));
      if (cd_store_insert (store, "sla_policies", field_list_data (&fl), field_list_len (&fl), error) <= 0)
        goto out;
    }
  ok = TRUE;

out:
  return cd_store_finish (store, ok, error);
}

gboolean
cd_sla_policy_remove (CdStore     *store,
                      CdPriority   priority,
                      int          tier,
                      GError     **error)
{
  gint64 id, version;
  gboolean ok = FALSE;

  g_return_val_if_fail (CD_IS_STORE (store), FALSE);
  g_return_val_if_fail ((guint) priority < cd_priority_count (), FALSE);

  if (!cd_store_require_role (store, CD_ROLE_BIT (CD_ROLE_LEAD) | CD_ROLE_BIT (CD_ROLE_ADMIN), error) ||
      !check_policy_key (tier, error))
    return FALSE;
  if (!cd_store_begin (store, error))
    return FALSE;
  id = find_policy_row (store, priority, tier, &version, error);
  if (id < 0)
    goto out;
  if (id > 0 && !cd_store_delete (store, "sla_policies", id, version, error))
    goto out;
  ok = TRUE;

out:
  return cd_store_finish (store, ok, error);
}
