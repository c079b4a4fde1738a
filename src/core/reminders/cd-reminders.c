/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "caredesk-reminders"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "cd-complaints.h"
#include "cd-datetime.h"
#include "cd-sql-util.h"
#include "cd-reminders-private.h"
#include "cd-reminders.h"
#include "cd-store-private.h"
#include "cd-ticket-reminders-private.h"
#include "cd-training-private.h"

/* Every query here runs on the main thread at each timer tick and data
 * change, against files with hundreds of thousands of follow-ups. Each is
 * a range scan of followups_assignee(assignee_id, status, due_at) or
 * followups_due(status, due_at), plus point lookups in the unique index
 * of reminders and the primary key of snoozes; none sorts or scans a
 * table. */

static const char *const kind_nicks[] = {
  [CD_REMINDER_FOLLOWUP_OVERDUE] = "followup_overdue",
  [CD_REMINDER_FOLLOWUP_LEAD] = "followup_lead",
  [CD_REMINDER_CERTIFICATION_EXPIRY] = "certification_expiry",
  [CD_REMINDER_COVERAGE_LOW] = "coverage_low",
  [CD_REMINDER_SLA_FIRST_RESPONSE] = "sla_first_response",
  [CD_REMINDER_SLA_RESOLUTION] = "sla_resolution",
  [CD_REMINDER_ESCALATION_DUE] = "escalation_due",
  [CD_REMINDER_ESCALATION_OVERDUE] = "escalation_overdue",
};

const char *
cd_reminder_kind_to_nick (CdReminderKind kind)
{
  g_return_val_if_fail ((guint) kind < G_N_ELEMENTS (kind_nicks), NULL);
  return kind_nicks[kind];
}

int
cd_reminder_kind_from_nick (const char *nick)
{
  if (nick == NULL)
    return -1;
  for (guint i = 0; i < G_N_ELEMENTS (kind_nicks); i++)
    if (strcmp (kind_nicks[i], nick) == 0)
      return (int) i;
  return -1;
}

static CdFollowupMethod
column_method (sqlite3_stmt *stmt,
               int           col)
{
  int m = cd_followup_method_from_nick ((const char *) sqlite3_column_text (stmt, col));
  return m < 0 ? CD_METHOD_PHONE : (CdFollowupMethod) m;
}

/* Overdue lists ---------------------------------------------------------- */

void
cd_overdue_followup_free (CdOverdueFollowup *item)
{
  if (item == NULL)
    return;
  g_free (item->assignee_name);
  g_free (item->customer_name);
  g_free (item->complaint_summary);
  g_free (item);
}

#define OVERDUE_SELECT \
  "SELECT f.id, f.complaint_id, c.customer_id, f.assignee_id, f.due_at, f.method," \
  " s.display_name, cu.name, c.summary" \
  " FROM followups f" \
  " JOIN complaints c ON c.id = f.complaint_id" \
  " LEFT JOIN customers cu ON cu.id = c.customer_id" \
  " LEFT JOIN staff s ON s.id = f.assignee_id"

GPtrArray *
cd_reminders_list_overdue (CdStore  *store,
                           gint64    staff_id,
                           GError  **error)
{
  g_autoptr(GPtrArray) list = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (CD_IS_STORE (store), NULL);

  if (staff_id != 0)
    {
      stmt = cd_store_prepare (store,
                               OVERDUE_SELECT
                               " WHERE f.assignee_id = ?1 AND f.status = 'scheduled' AND f.due_at <= ?2"
                               " ORDER BY f.due_at, f.id", error);
      if (stmt == NULL)
        return NULL;
      sqlite3_bind_int64 (stmt, 1, staff_id);
    }
  else
    {
      stmt = cd_store_prepare (store,
                               OVERDUE_SELECT
                               " WHERE f.status = 'scheduled' AND f.due_at <= ?2"
                               " ORDER BY f.due_at, f.id", error);
      if (stmt == NULL)
        return NULL;
    }
  sqlite3_bind_int64 (stmt, 2, cd_store_now (store));

  list = g_ptr_array_new_with_free_func ((GDestroyNotify) cd_overdue_followup_free);
  while ((rc = cd_store_step (store, stmt, error)) == SQLITE_ROW)
    {
      CdOverdueFollowup *item = g_new0 (CdOverdueFollowup, 1);

      item->followup_id = sqlite3_column_int64 (stmt, 0);
      item->complaint_id = sqlite3_column_int64 (stmt, 1);
      item->customer_id = sqlite3_column_int64 (stmt, 2);
      item->assignee_id = sqlite3_column_int64 (stmt, 3);
      item->due_at = sqlite3_column_int64 (stmt, 4);
      item->method = column_method (stmt, 5);
      item->assignee_name = cd_sql_column_dup (stmt, 6);
      item->customer_name = cd_sql_column_dup (stmt, 7);
      item->complaint_summary = cd_sql_column_dup (stmt, 8);
      g_ptr_array_add (list, item);
    }
  sqlite3_reset (stmt);
  if (rc < 0)
    return NULL;
  return g_steal_pointer (&list);
}

char *
cd_reminders_format_overdue_by (gint64 seconds)
{
  if (seconds < 0)
    seconds = 0;
  if (seconds < 86400)
    /* Translators: hours and minutes a follow-up is late, e.g. "3h 05m". */
    return g_strdup_printf (_("%dh %02dm"), (int) (seconds / 3600), (int) (seconds % 3600 / 60));
  else
    {
      int days = (int) MIN (seconds / 86400, G_MAXINT);
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d day", "%d days", (gulong) days), days);
    }
}

/* One line per follow-up: no control characters from stored text. */
static char *
one_line (const char *text)
{
  char *copy = g_strdup (text != NULL ? text : "");
  for (char *p = copy; *p != '\0'; p++)
    if (*p == '\n' || *p == '\r' || *p == '\t')
      *p = ' ';
  return copy;
}

int
cd_reminders_check_overdue_cli (CdStore  *store,
                                gboolean  all,
                                GString  *out,
                                GError  **error)
{
  g_autoptr(GPtrArray) list = NULL;
  gint64 staff_id;
  gint64 now;

  g_return_val_if_fail (CD_IS_STORE (store), -1);
  g_return_val_if_fail (out != NULL, -1);

  staff_id = all ? 0 : cd_store_get_staff_id (store);
  list = cd_reminders_list_overdue (store, staff_id, error);
  if (list == NULL)
    return -1;

  if (list->len == 0)
    {
      g_string_append (out, _("No overdue follow-ups."));
      g_string_append_c (out, '\n');
      return 0;
    }

  now = cd_store_now (store);
  for (guint i = 0; i < list->len; i++)
    {
      CdOverdueFollowup *item = g_ptr_array_index (list, i);
      g_autofree char *due_text = cd_datetime_format_stamp (item->due_at);
      g_autofree char *late = cd_reminders_format_overdue_by (now - item->due_at);
      g_autofree char *id_text = g_strdup_printf ("%" G_GINT64_FORMAT, item->followup_id);
      g_autofree char *customer = one_line (item->customer_name);
      g_autofree char *summary = one_line (item->complaint_summary);
      g_autofree char *assignee = one_line (item->assignee_name);

      /* Translators: follow-up id, due time, time late, customer,
       * complaint summary, person who should make the contact. */
      g_string_append_printf (out, _("FU-%s  %s  overdue by %s  %s  %s  (%s)"),
                              id_text, due_text, late, customer, summary, assignee);
      g_string_append_c (out, '\n');
    }
  return (int) MIN (list->len, (guint) G_MAXINT);
}

/* Reminders -------------------------------------------------------------- */

void
cd_reminder_free (CdReminder *reminder)
{
  if (reminder == NULL)
    return;
  g_free (reminder->customer_name);
  g_free (reminder->complaint_summary);
  g_free (reminder->assignee_name);
  g_free (reminder->holder_name);
  g_free (reminder->certification_name);
  g_free (reminder->category_name);
  g_free (reminder->people);
  g_free (reminder->ticket_subject);
  g_free (reminder->escalated_to);
  g_free (reminder->escalation_reason);
  g_free (reminder);
}

gboolean
cd_reminders_should_summarise (guint                   n_claimed,
                               const CdReminderPolicy *policy)
{
  g_return_val_if_fail (policy != NULL, FALSE);
  return n_claimed > policy->summary_threshold;
}

gint64
cd_reminders_tomorrow_at_9 (gint64 now)
{
  g_autoptr(GDateTime) here = g_date_time_new_from_unix_local (now);
  g_autoptr(GDateTime) tomorrow = NULL;
  g_autoptr(GDateTime) at = NULL;

  if (here == NULL)
    return now + 86400;
  tomorrow = g_date_time_add_days (here, 1);
  at = g_date_time_new_local (g_date_time_get_year (tomorrow),
                              g_date_time_get_month (tomorrow),
                              g_date_time_get_day_of_month (tomorrow),
                              9, 0, 0);
  return at != NULL ? g_date_time_to_unix (at) : now + 86400;
}

/* What the reminders table says about one overdue follow-up of the
 * recipient. */
typedef struct {
  gint64   followup_id;
  gint64   due_at;
  gint64   snooze_until;   /* 0: no snooze row */
  gboolean has_reminder;
  gint64   last_sent;      /* latest sent_at of its overdue reminders */
  gint64   max_threshold;
} OwnState;

/* Own overdue follow-ups, oldest due first, with their snooze and latest
 * reminder: followups_assignee range, then point lookups. */
static const char own_overdue_sql[] =
  "SELECT f.id, f.due_at,"
  " (SELECT s.until_at FROM snoozes s"
  "   WHERE s.kind = 'followup_overdue' AND s.entity_id = f.id AND s.staff_id = ?1),"
  " (SELECT max(r.threshold) FROM reminders r"
  "   WHERE r.kind = 'followup_overdue' AND r.entity_id = f.id AND r.recipient_id = ?1),"
  " (SELECT max(r.sent_at) FROM reminders r"
  "   WHERE r.kind = 'followup_overdue' AND r.entity_id = f.id AND r.recipient_id = ?1)"
  " FROM followups f"
  " WHERE f.assignee_id = ?1 AND f.status = 'scheduled' AND f.due_at <= ?2"
  " ORDER BY f.due_at, f.id";

static GArray *
load_own_overdue (CdStore  *store,
                  gint64    recipient_id,
                  gint64    now,
                  GError  **error)
{
  g_autoptr(GArray) states = g_array_new (FALSE, TRUE, sizeof (OwnState));
  sqlite3_stmt *stmt;
  int rc;

  stmt = cd_store_prepare (store, own_overdue_sql, error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, recipient_id);
  sqlite3_bind_int64 (stmt, 2, now);

  while ((rc = cd_store_step (store, stmt, error)) == SQLITE_ROW)
    {
      OwnState s = { 0 };

      s.followup_id = sqlite3_column_int64 (stmt, 0);
      s.due_at = sqlite3_column_int64 (stmt, 1);
      s.snooze_until = sqlite3_column_type (stmt, 2) == SQLITE_NULL ? 0 : sqlite3_column_int64 (stmt, 2);
      s.has_reminder = sqlite3_column_type (stmt, 3) != SQLITE_NULL;
      s.max_threshold = s.has_reminder ? sqlite3_column_int64 (stmt, 3) : -1;
      s.last_sent = s.has_reminder ? sqlite3_column_int64 (stmt, 4) : 0;
      g_array_append_val (states, s);
    }
  sqlite3_reset (stmt);
  if (rc < 0)
    return NULL;
  return g_steal_pointer (&states);
}

/* TRUE when a reminder of this overdue follow-up is due at @now;
 * otherwise *next_at is when it will be (0: not without a data change). */
static gboolean
own_is_due (const OwnState *s,
            gint64          now,
            guint           interval,
            gint64         *next_at)
{
  *next_at = 0;

  if (s->snooze_until > now)
    {
      /* Once the snooze ends nothing has been sent since, so it is due. */
      *next_at = s->snooze_until;
      return FALSE;
    }
  /* Nothing sent since it (last) became overdue: a reschedule moves
   * due_at past older reminders. */
  if (!s->has_reminder || s->last_sent < s->due_at)
    return TRUE;
  if (s->snooze_until != 0 && s->last_sent < s->snooze_until)
    return TRUE;
  if (interval > 0)
    {
      gint64 again = s->last_sent + (gint64) interval;
      if (again <= now)
        return TRUE;
      *next_at = again;
    }
  return FALSE;
}

/* Team-lead escalation looks at every follow-up of anyone that has been
 * overdue for the escalation time, and that set can hold thousands of
 * rows in a neglected file. Two things keep a tick cheap:
 *  - a lead reminder, once recorded, is never taken back, so each store
 *    remembers the follow-ups it has seen one for, and walks only the
 *    covering index followups_due(status, due_at) past them;
 *  - when a walk found nothing pending up to some cutoff and nobody has
 *    written to the file since (PRAGMA data_version for others,
 *    sqlite3_total_changes() for us), the next walk starts at that
 *    cutoff. */
typedef struct {
  GHashTable *seen;            /* follow-up ids reminded to this lead */
  gboolean    clean;
  gint64      clean_cutoff;    /* nothing pending at or before this */
  gint64      data_version;
  gint64      total_changes;
} LeadCache;

#define LEAD_CACHE_KEY "cd-reminders-lead-cache"

static void
lead_cache_free (LeadCache *cache)
{
  g_hash_table_unref (cache->seen);
  g_free (cache);
}

static LeadCache *
lead_cache_get (CdStore *store,
                gint64   recipient_id)
{
  GHashTable *by_recipient = g_object_get_data (G_OBJECT (store), LEAD_CACHE_KEY);
  LeadCache *cache;

  if (by_recipient == NULL)
    {
      by_recipient = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free,
                                            (GDestroyNotify) lead_cache_free);
      g_object_set_data_full (G_OBJECT (store), LEAD_CACHE_KEY, by_recipient,
                              (GDestroyNotify) g_hash_table_unref);
    }
  cache = g_hash_table_lookup (by_recipient, &recipient_id);
  if (cache == NULL)
    {
      cache = g_new0 (LeadCache, 1);
      cache->seen = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
      g_hash_table_insert (by_recipient, g_memdup2 (&recipient_id, sizeof recipient_id), cache);
    }
  return cache;
}

static void
lead_cache_add (LeadCache *cache,
                gint64     followup_id)
{
  if (!g_hash_table_contains (cache->seen, &followup_id))
    g_hash_table_add (cache->seen, g_memdup2 (&followup_id, sizeof followup_id));
}

/* Appends to @out the follow-ups of others (not @recipient_id's own) that
 * are scheduled, due at or before @cutoff and not yet reminded to this
 * lead, oldest due first; with @first_only, stops at the first. */
static gboolean
lead_pending (CdStore  *store,
              gint64    recipient_id,
              gint64    cutoff,
              gboolean  first_only,
              GArray   *out,
              GError  **error)
{
  LeadCache *cache = lead_cache_get (store, recipient_id);
  GError *local_error = NULL;
  sqlite3_stmt *scan;
  sqlite3_stmt *check;
  gint64 data_version;
  gint64 total_changes;
  gint64 from = G_MININT64;
  guint found = 0;
  int rc;

  data_version = cd_store_query_int (store, "PRAGMA data_version", CD_NO_BIND, -1, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, local_error);
      return FALSE;
    }
  total_changes = sqlite3_total_changes64 (cd_store_get_db (store));
  if (cache->clean && cache->data_version == data_version && cache->total_changes == total_changes)
    {
      if (cutoff <= cache->clean_cutoff)
        return TRUE;
      from = cache->clean_cutoff;
    }

  check = cd_store_prepare (store,
                            "SELECT f.assignee_id = ?2,"
                            " EXISTS (SELECT 1 FROM reminders r WHERE r.kind = 'followup_lead'"
                            "   AND r.entity_id = f.id AND r.threshold = 0 AND r.recipient_id = ?2)"
                            " FROM followups f WHERE f.id = ?1", error);
  if (check == NULL)
    return FALSE;
  scan = cd_store_prepare (store,
                           "SELECT id FROM followups WHERE status = 'scheduled' AND due_at > ?1 AND due_at <= ?2"
                           " ORDER BY due_at, id", error);
  if (scan == NULL)
    return FALSE;
  sqlite3_bind_int64 (scan, 1, from);
  sqlite3_bind_int64 (scan, 2, cutoff);

  while ((rc = cd_store_step (store, scan, error)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (scan, 0);
      gboolean mine, reminded;
      int crc;

      if (g_hash_table_contains (cache->seen, &id))
        continue;

      sqlite3_bind_int64 (check, 1, id);
      sqlite3_bind_int64 (check, 2, recipient_id);
      crc = cd_store_step (store, check, error);
      if (crc < 0)
        {
          sqlite3_reset (scan);
          return FALSE;
        }
      mine = crc == SQLITE_ROW && sqlite3_column_int (check, 0) != 0;
      reminded = crc == SQLITE_ROW && sqlite3_column_int (check, 1) != 0;
      sqlite3_reset (check);

      if (reminded)
        lead_cache_add (cache, id);
      else if (!mine)
        {
          g_array_append_val (out, id);
          found++;
          if (first_only)
            break;
        }
    }
  sqlite3_reset (scan);
  if (rc < 0)
    return FALSE;

  cache->clean = found == 0;
  cache->clean_cutoff = MAX (cutoff, from);
  cache->data_version = data_version;
  cache->total_changes = total_changes;
  return TRUE;
}

/* The next one to cross the escalation time. */
static const char lead_next_sql[] =
  "SELECT f.due_at FROM followups f"
  " WHERE f.status = 'scheduled' AND f.due_at > ?2 AND f.assignee_id != ?1"
  " AND NOT EXISTS (SELECT 1 FROM reminders r WHERE r.kind = 'followup_lead'"
  "   AND r.entity_id = f.id AND r.threshold = 0 AND r.recipient_id = ?1)"
  " ORDER BY f.due_at LIMIT 1";

/* -1 with @error when the recipient is not on the staff list. */
static int
recipient_role (CdStore  *store,
                gint64    recipient_id,
                GError  **error)
{
  sqlite3_stmt *stmt;
  int rc;
  int role;

  stmt = cd_store_prepare (store, "SELECT role FROM staff WHERE id = ?1", error);
  if (stmt == NULL)
    return -1;
  sqlite3_bind_int64 (stmt, 1, recipient_id);
  rc = cd_store_step (store, stmt, error);
  if (rc < 0)
    return -1;
  if (rc != SQLITE_ROW)
    {
      sqlite3_reset (stmt);
      g_set_error_literal (error, CD_STORE_ERROR, CD_STORE_ERROR_NOT_FOUND,
                           _("The person to remind is not on the staff list of this database."));
      return -1;
    }
  role = cd_role_from_nick ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_reset (stmt);
  return role < 0 ? CD_ROLE_REP : role;
}

static gint64
lead_cutoff (gint64                  now,
             const CdReminderPolicy *policy)
{
  return now - (gint64) policy->lead_escalation_after_s;
}

/* A reminder to record: see CdReminderClaim. */
typedef CdReminderClaim Claim;

/* Records one reminder; *out_inserted says whether this call wrote it. */
static gboolean
insert_reminder (CdStore       *store,
                 const Claim   *claim,
                 gint64         recipient_id,
                 gint64         now,
                 gboolean      *out_inserted,
                 GError       **error)
{
  sqlite3_stmt *stmt;

  stmt = cd_store_prepare (store,
                           "INSERT OR IGNORE INTO reminders (kind, entity_id, threshold, recipient_id, sent_at)"
                           " VALUES (?1, ?2, ?3, ?4, ?5)", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, cd_reminder_kind_to_nick (claim->kind), -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 2, claim->entity_id);
  sqlite3_bind_int64 (stmt, 3, claim->threshold);
  sqlite3_bind_int64 (stmt, 4, recipient_id);
  sqlite3_bind_int64 (stmt, 5, now);
  if (cd_store_step (store, stmt, error) < 0)
    return FALSE;
  sqlite3_reset (stmt);
  *out_inserted = sqlite3_changes (cd_store_get_db (store)) == 1;
  if (*out_inserted)
    cd_store_note_change (store, CD_CHANGE_REMINDERS, claim->entity_id);
  return TRUE;
}

static CdReminder *
load_reminder (CdStore      *store,
               const Claim  *claim,
               gint64        now,
               GError      **error)
{
  sqlite3_stmt *stmt;
  CdReminder *r;
  int rc;

  if (claim->kind != CD_REMINDER_FOLLOWUP_OVERDUE && claim->kind != CD_REMINDER_FOLLOWUP_LEAD)
    {
      gboolean ticket = cd_ticket_reminders_is_ticket_kind (claim->kind);

      r = g_new0 (CdReminder, 1);
      r->kind = claim->kind;
      r->threshold = (guint) claim->threshold;
      r->entity_id = claim->entity_id;
      r->sent_at = now;
      if (ticket ? !cd_ticket_reminders_describe (store, r, error)
                 : !cd_training_describe_reminder (store, r, error))
        {
          cd_reminder_free (r);
          return NULL;
        }
      return r;
    }

  stmt = cd_store_prepare (store, OVERDUE_SELECT " WHERE f.id = ?1", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, claim->entity_id);
  rc = cd_store_step (store, stmt, error);
  if (rc < 0)
    return NULL;
  if (rc != SQLITE_ROW)
    {
      sqlite3_reset (stmt);
      g_set_error_literal (error, CD_STORE_ERROR, CD_STORE_ERROR_NOT_FOUND,
                           _("A follow-up disappeared while its reminder was being prepared."));
      return NULL;
    }

  r = g_new0 (CdReminder, 1);
  r->kind = claim->kind;
  r->threshold = (guint) claim->threshold;
  r->followup_id = sqlite3_column_int64 (stmt, 0);
  r->entity_id = r->followup_id;
  r->complaint_id = sqlite3_column_int64 (stmt, 1);
  r->customer_id = sqlite3_column_int64 (stmt, 2);
  r->assignee_id = sqlite3_column_int64 (stmt, 3);
  r->due_at = sqlite3_column_int64 (stmt, 4);
  r->method = column_method (stmt, 5);
  r->assignee_name = cd_sql_column_dup (stmt, 6);
  r->customer_name = cd_sql_column_dup (stmt, 7);
  r->complaint_summary = cd_sql_column_dup (stmt, 8);
  r->sent_at = now;
  sqlite3_reset (stmt);
  return r;
}

/* When what the reminder is about falls (or fell) due. */
static gint64
reminder_when (const CdReminder *r)
{
  switch (r->kind)
    {
    case CD_REMINDER_CERTIFICATION_EXPIRY: return r->expires_at;
    case CD_REMINDER_COVERAGE_LOW:         return r->drop_at;
    case CD_REMINDER_FOLLOWUP_OVERDUE:
    case CD_REMINDER_FOLLOWUP_LEAD:
    default:                               return r->due_at;
    }
}

static int
compare_reminders (gconstpointer a,
                   gconstpointer b)
{
  const CdReminder *ra = *(CdReminder * const *) a;
  const CdReminder *rb = *(CdReminder * const *) b;
  gint64 wa = reminder_when (ra), wb = reminder_when (rb);

  if (wa != wb)
    return wa < wb ? -1 : 1;
  if (ra->entity_id != rb->entity_id)
    return ra->entity_id < rb->entity_id ? -1 : 1;
  return (int) ra->kind - (int) rb->kind;
}

/* Everything due for @recipient_id at @now, by the rules documented in
 * the header; *out_role receives the recipient's role. */
static GArray *
collect_due (CdStore                 *store,
             gint64                   recipient_id,
             const CdReminderPolicy  *policy,
             gint64                   now,
             int                     *out_role,
             GError                 **error)
{
  g_autoptr(GArray) claims = g_array_new (FALSE, TRUE, sizeof (Claim));
  g_autoptr(GArray) own = NULL;
  int role;

  role = recipient_role (store, recipient_id, error);
  if (role < 0)
    return NULL;
  *out_role = role;

  own = load_own_overdue (store, recipient_id, now, error);
  if (own == NULL)
    return NULL;
  for (guint i = 0; i < own->len; i++)
    {
      const OwnState *s = &g_array_index (own, OwnState, i);
      gint64 next_at;

      if (own_is_due (s, now, policy->rereminder_interval_s, &next_at))
        {
          Claim c = { CD_REMINDER_FOLLOWUP_OVERDUE, s->followup_id, s->max_threshold + 1 };
          g_array_append_val (claims, c);
        }
    }

  if (role == CD_ROLE_LEAD)
    {
      g_autoptr(GArray) pending = g_array_new (FALSE, FALSE, sizeof (gint64));

      if (!lead_pending (store, recipient_id, lead_cutoff (now, policy), FALSE, pending, error))
        return NULL;
      for (guint i = 0; i < pending->len; i++)
        {
          Claim c = { CD_REMINDER_FOLLOWUP_LEAD, g_array_index (pending, gint64, i), 0 };
          g_array_append_val (claims, c);
        }
    }

  if (!cd_training_collect_reminders (store, recipient_id, (CdRole) role, now, claims, error))
    return NULL;

  if (!cd_ticket_reminders_collect (store, recipient_id, (CdRole) role, now, claims, error))
    return NULL;

  return g_steal_pointer (&claims);
}

GPtrArray *
cd_reminders_claim_due (CdStore                 *store,
                        gint64                   recipient_id,
                        const CdReminderPolicy  *policy,
                        GError                 **error)
{
  g_autoptr(GPtrArray) result = NULL;
  g_autoptr(GArray) claims = NULL;
  GError *local_error = NULL;
  gboolean nested;
  gint64 now;
  int role = CD_ROLE_REP;

  g_return_val_if_fail (CD_IS_STORE (store), NULL);
  g_return_val_if_fail (policy != NULL, NULL);
  g_return_val_if_fail (recipient_id > 0, NULL);

  nested = cd_store_in_transaction (store);
  now = cd_store_now (store);

  /* Most calls find nothing: look first without the write lock, so that
   * many instances reacting to each other's changes do not queue up for
   * it (and a read-only file works while nothing is due). */
  if (!nested)
    {
      claims = collect_due (store, recipient_id, policy, now, &role, error);
      if (claims == NULL)
        return NULL;
      if (claims->len == 0)
        return g_ptr_array_new_with_free_func ((GDestroyNotify) cd_reminder_free);
      g_clear_pointer (&claims, g_array_unref);
    }

  /* Deciding and recording under one write lock is what makes a reminder
   * go out once between racing instances. */
  if (!cd_store_begin (store, error))
    return NULL;

  claims = collect_due (store, recipient_id, policy, now, &role, &local_error);
  if (claims == NULL)
    goto fail;

  result = g_ptr_array_new_with_free_func ((GDestroyNotify) cd_reminder_free);
  for (guint i = 0; i < claims->len; i++)
    {
      const Claim *c = &g_array_index (claims, Claim, i);
      gboolean inserted = FALSE;
      CdReminder *r;

      if (!insert_reminder (store, c, recipient_id, now, &inserted, &local_error))
        goto fail;
      if (!inserted)
        continue;
      r = load_reminder (store, c, now, &local_error);
      if (r == NULL)
        goto fail;
      g_ptr_array_add (result, r);
    }

  if (result->len == 0 && !nested)
    {
      /* Nothing written: end without a commit, so no "local-change"
       * wakes up whoever called us to look again. */
      cd_store_rollback (store);
      return g_steal_pointer (&result);
    }

  if (!cd_store_commit (store, error))
    return NULL;

  /* Only now are the rows there for good (or were there already). */
  if (role == CD_ROLE_LEAD)
    {
      LeadCache *cache = lead_cache_get (store, recipient_id);

      for (guint i = 0; i < claims->len; i++)
        {
          const Claim *c = &g_array_index (claims, Claim, i);
          if (c->kind == CD_REMINDER_FOLLOWUP_LEAD)
            lead_cache_add (cache, c->entity_id);
        }
      /* We wrote only reminders, and claimed everything pending, so the
       * walk that found them still describes the file. */
      if (!nested)
        {
          cache->clean = TRUE;
          cache->clean_cutoff = lead_cutoff (now, policy);
          cache->total_changes = sqlite3_total_changes64 (cd_store_get_db (store));
        }
    }

  g_ptr_array_sort (result, compare_reminders);
  return g_steal_pointer (&result);

fail:
  cd_store_rollback (store);
  g_propagate_error (error, local_error);
  return NULL;
}

gboolean
cd_reminders_has_due (CdStore                 *store,
                      gint64                   recipient_id,
                      const CdReminderPolicy  *policy,
                      GError                 **error)
{
  g_autoptr(GArray) claims = NULL;
  int role = CD_ROLE_REP;

  g_return_val_if_fail (CD_IS_STORE (store), FALSE);
  g_return_val_if_fail (policy != NULL, FALSE);
  g_return_val_if_fail (recipient_id > 0, FALSE);

  claims = collect_due (store, recipient_id, policy, cd_store_now (store), &role, error);
  return claims != NULL && claims->len > 0;
}

/* Claiming and snoozing off the caller's thread ------------------------- */

typedef struct {
  gint64            recipient_id;
  CdReminderPolicy  policy;
  GPtrArray        *claimed;
} ClaimJob;

static void
claim_job_free (gpointer data)
{
  ClaimJob *job = data;

  g_clear_pointer (&job->claimed, g_ptr_array_unref);
  g_free (job);
}

static gboolean
run_claim (CdStore       *store,
           gpointer       data,
           GCancellable  *cancellable,
           GError       **error)
{
  ClaimJob *job = data;

  job->claimed = cd_reminders_claim_due (store, job->recipient_id, &job->policy, error);
  return job->claimed != NULL;
}

void
cd_reminders_claim_due_async (CdStore                 *store,
                              gint64                   recipient_id,
                              const CdReminderPolicy  *policy,
                              GCancellable            *cancellable,
                              GAsyncReadyCallback      callback,
                              gpointer                 user_data)
{
  ClaimJob *job;

  g_return_if_fail (CD_IS_STORE (store));
  g_return_if_fail (policy != NULL);
  g_return_if_fail (recipient_id > 0);

  job = g_new0 (ClaimJob, 1);
  job->recipient_id = recipient_id;
  job->policy = *policy;
  cd_store_run_async (store, CD_STORE_LANE_WRITE, run_claim, job, claim_job_free,
                      cancellable, callback, user_data);
}

GPtrArray *
cd_reminders_claim_due_finish (CdStore       *store,
                               GAsyncResult  *result,
                               GError       **error)
{
  ClaimJob *job;

  g_return_val_if_fail (CD_IS_STORE (store), NULL);

  job = cd_store_run_get_data (result);
  if (!cd_store_run_finish (store, result, error))
    return NULL;
  return g_steal_pointer (&job->claimed);
}

typedef struct {
  CdReminderKind kind;
  gint64         followup_id;
  gint64         staff_id;
  gint64         until_at;
} SnoozeJob;

static gboolean
run_snooze (CdStore       *store,
            gpointer       data,
            GCancellable  *cancellable,
            GError       **error)
{
  SnoozeJob *job = data;

  return cd_reminders_snooze_kind (store, job->kind, job->followup_id, job->staff_id, job->until_at, error);
}

void
cd_reminders_snooze_async (CdStore              *store,
                           gint64                followup_id,
                           gint64                staff_id,
                           gint64                until_at,
                           GCancellable         *cancellable,
                           GAsyncReadyCallback   callback,
                           gpointer              user_data)
{
  cd_reminders_snooze_kind_async (store, CD_REMINDER_FOLLOWUP_OVERDUE, followup_id, staff_id, until_at,
                                  cancellable, callback, user_data);
}

void
cd_reminders_snooze_kind_async (CdStore            *store,
                                CdReminderKind      kind,
                                gint64              followup_id,
                                gint64              staff_id,
                                gint64              until_at,
                                GCancellable       *cancellable,
                                GAsyncReadyCallback callback,
                                gpointer            user_data)
{
  SnoozeJob *job;

  g_return_if_fail (CD_IS_STORE (store));

  job = g_new0 (SnoozeJob, 1);
  job->kind = kind;
  job->followup_id = followup_id;
  job->staff_id = staff_id;
  job->until_at = until_at;
  cd_store_run_async (store, CD_STORE_LANE_WRITE, run_snooze, job, g_free,
                      cancellable, callback, user_data);
}

gboolean
cd_reminders_snooze_finish (CdStore       *store,
                            GAsyncResult  *result,
                            GError       **error)
{
  g_return_val_if_fail (CD_IS_STORE (store), FALSE);

  return cd_store_run_finish (store, result, error);
}

/* When the next reminder falls due -------------------------------------- */

static void
consider (gint64 *best,
          gint64  t,
          gint64  now)
{
  if (t <= 0)
    return;
  if (t <= now)
    t = now + 1;
  if (*best == 0 || t < *best)
    *best = t;
}

gint64
cd_reminders_next_due (CdStore                 *store,
                       gint64                   recipient_id,
                       const CdReminderPolicy  *policy,
                       GError                 **error)
{
  g_autoptr(GArray) own = NULL;
  GError *local_error = NULL;
  sqlite3_stmt *stmt;
  gint64 now;
  gint64 best = 0;
  gint64 t;
  int role;
  int rc;

  g_return_val_if_fail (CD_IS_STORE (store), -1);
  g_return_val_if_fail (policy != NULL, -1);
  g_return_val_if_fail (recipient_id > 0, -1);

  now = cd_store_now (store);

  role = recipient_role (store, recipient_id, error);
  if (role < 0)
    return -1;

  /* The next own follow-up to fall due. */
  t = cd_followups_next_due (store, recipient_id, now, error);
  if (t < 0)
    return -1;
  consider (&best, t, now);

  /* Own overdue ones: snooze ends and re-reminders. */
  own = load_own_overdue (store, recipient_id, now, error);
  if (own == NULL)
    return -1;
  for (guint i = 0; i < own->len; i++)
    {
      const OwnState *s = &g_array_index (own, OwnState, i);
      gint64 next_at;

      if (own_is_due (s, now, policy->rereminder_interval_s, &next_at))
        consider (&best, now, now);
      else
        consider (&best, next_at, now);
    }

  if (role == CD_ROLE_LEAD)
    {
      gint64 cutoff = lead_cutoff (now, policy);

      g_autoptr(GArray) pending = g_array_new (FALSE, FALSE, sizeof (gint64));

      /* Already escalated but not claimed (claim failed, or called
       * before claiming): as soon as possible. */
      if (!lead_pending (store, recipient_id, cutoff, TRUE, pending, &local_error))
        goto fail;
      if (pending->len > 0)
        consider (&best, now, now);

      stmt = cd_store_prepare (store, lead_next_sql, &local_error);
      if (stmt == NULL)
        goto fail;
      sqlite3_bind_int64 (stmt, 1, recipient_id);
      sqlite3_bind_int64 (stmt, 2, cutoff);
      rc = cd_store_step (store, stmt, &local_error);
      if (rc == SQLITE_ROW)
        {
          t = sqlite3_column_int64 (stmt, 0) + (gint64) policy->lead_escalation_after_s;
          consider (&best, t, now);
        }
      sqlite3_reset (stmt);
      if (rc < 0)
        goto fail;
    }

  /* Certifications that run out, and the leads' coverage. */
  t = cd_training_next_reminder (store, recipient_id, (CdRole) role, now, &local_error);
  if (t < 0)
    goto fail;
  consider (&best, t, now);

  /* SLA warnings and breaches, promised escalation replies. */
  t = cd_ticket_reminders_next (store, recipient_id, (CdRole) role, now, &local_error);
  if (t < 0)
    goto fail;
  consider (&best, t, now);

  return best;

fail:
  g_propagate_error (error, local_error);
  return -1;
}

gboolean
cd_reminders_snooze (CdStore  *store,
                     gint64    followup_id,
                     gint64    staff_id,
                     gint64    until_at,
                     GError  **error)
{
  return cd_reminders_snooze_kind (store, CD_REMINDER_FOLLOWUP_OVERDUE, followup_id, staff_id, until_at, error);
}

gboolean
cd_reminders_snooze_kind (CdStore         *store,
                          CdReminderKind   kind,
                          gint64           entity_id,
                          gint64           staff_id,
                          gint64           until_at,
                          GError         **error)
{
  gint64 followup_id = entity_id;
  g_autofree char *old_text = NULL;
  g_autofree char *new_text = NULL;
  GError *local_error = NULL;
  sqlite3_stmt *stmt;
  gint64 old_until;

  g_return_val_if_fail (CD_IS_STORE (store), FALSE);
  g_return_val_if_fail (kind == CD_REMINDER_FOLLOWUP_OVERDUE || kind == CD_REMINDER_ESCALATION_OVERDUE, FALSE);

  if (until_at <= 0)
    {
      g_set_error_literal (error, CD_STORE_ERROR, CD_STORE_ERROR_INVALID,
                           _("The snooze has no end time. Choose until when to be left alone."));
      return FALSE;
    }

  if (!cd_store_begin (store, error))
    return FALSE;

  if (cd_store_query_int (store,
                          kind == CD_REMINDER_FOLLOWUP_OVERDUE ? "SELECT 1 FROM followups WHERE id = ?1"
                                                               : "SELECT 1 FROM tickets WHERE id = ?1",
                          followup_id, 0, &local_error) == 0)
    {
      if (local_error == NULL)
        g_set_error_literal (&local_error, CD_STORE_ERROR, CD_STORE_ERROR_NOT_FOUND,
                             kind == CD_REMINDER_FOLLOWUP_OVERDUE
                             ? _("This follow-up no longer exists; someone may have deleted it.")
                             : _("This ticket no longer exists; someone may have deleted it."));
      goto fail;
    }
  if (cd_store_query_int (store, "SELECT 1 FROM staff WHERE id = ?1", staff_id, 0, &local_error) == 0)
    {
      if (local_error == NULL)
        g_set_error_literal (&local_error, CD_STORE_ERROR, CD_STORE_ERROR_INVALID,
                             _("The person snoozing the reminder is not on the staff list."));
      goto fail;
    }

  stmt = cd_store_prepare (store,
                           "SELECT until_at FROM snoozes"
                           " WHERE kind = ?3 AND entity_id = ?1 AND staff_id = ?2",
                           &local_error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_int64 (stmt, 1, followup_id);
  sqlite3_bind_int64 (stmt, 2, staff_id);
  sqlite3_bind_text (stmt, 3, cd_reminder_kind_to_nick (kind), -1, SQLITE_STATIC);
  switch (cd_store_step (store, stmt, &local_error))
    {
    case SQLITE_ROW:
      old_until = sqlite3_column_int64 (stmt, 0);
      old_text = g_strdup_printf ("%" G_GINT64_FORMAT, old_until);
      break;
    case SQLITE_DONE:
      break;
    default:
      goto fail;
    }
  sqlite3_reset (stmt);

  stmt = cd_store_prepare (store,
                           "INSERT INTO snoozes (kind, entity_id, staff_id, until_at, created_at)"
                           " VALUES (?5, ?1, ?2, ?3, ?4)"
                           " ON CONFLICT (kind, entity_id, staff_id)"
                           " DO UPDATE SET until_at = excluded.until_at, created_at = excluded.created_at",
                           &local_error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_int64 (stmt, 1, followup_id);
  sqlite3_bind_int64 (stmt, 2, staff_id);
  sqlite3_bind_int64 (stmt, 3, until_at);
  sqlite3_bind_int64 (stmt, 4, cd_store_now (store));
  sqlite3_bind_text (stmt, 5, cd_reminder_kind_to_nick (kind), -1, SQLITE_STATIC);
  if (cd_store_step (store, stmt, &local_error) < 0)
    goto fail;
  sqlite3_reset (stmt);

  new_text = g_strdup_printf ("%" G_GINT64_FORMAT, until_at);
  if (!cd_store_audit (store, "snoozes", followup_id, "snooze", "until_at", old_text, new_text, &local_error))
    goto fail;

  return cd_store_commit (store, error);

fail:
  cd_store_rollback (store);
  g_propagate_error (error, local_error);
  return FALSE;
}

gboolean
cd_reminders_still_due (CdStore        *store,
                        CdReminderKind  kind,
                        gint64          entity_id,
                        GError        **error)
{
  gint64 now;

  g_return_val_if_fail (CD_IS_STORE (store), FALSE);

  now = cd_store_now (store);
  if (kind == CD_REMINDER_FOLLOWUP_OVERDUE || kind == CD_REMINDER_FOLLOWUP_LEAD)
    {
      sqlite3_stmt *stmt = cd_store_prepare (store,
                                             "SELECT count(*) FROM followups WHERE id = ?1"
                                             " AND status = 'scheduled' AND due_at <= ?2", error);
      gboolean due = FALSE;
      int rc;

      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, entity_id);
      sqlite3_bind_int64 (stmt, 2, now);
      rc = cd_store_step (store, stmt, error);
      if (rc == SQLITE_ROW)
        due = sqlite3_column_int64 (stmt, 0) > 0;
      sqlite3_reset (stmt);
      return due;
    }
  if (cd_ticket_reminders_is_ticket_kind (kind))
    return cd_ticket_reminders_still_due (store, kind, entity_id, now, error);
  return cd_training_reminder_still_due (store, kind, entity_id, now, error);
}

/* Reminders known to be recorded ------------------------------------------ */

#define SENT_CACHE_KEY "cd-reminders-sent"

static char *
sent_key (CdReminderKind kind,
          gint64         entity_id,
          gint64         threshold,
          gint64         recipient_id)
{
  return g_strdup_printf ("%d:%" G_GINT64_FORMAT ":%" G_GINT64_FORMAT ":%" G_GINT64_FORMAT,
                          (int) kind, entity_id, threshold, recipient_id);
}

gboolean
cd_reminders_already_sent (CdStore         *store,
                           CdReminderKind   kind,
                           gint64           entity_id,
                           gint64           threshold,
                           gint64           recipient_id,
                           gboolean        *sent,
                           GError         **error)
{
  GHashTable *cache = g_object_get_data (G_OBJECT (store), SENT_CACHE_KEY);
  g_autofree char *key = sent_key (kind, entity_id, threshold, recipient_id);
  sqlite3_stmt *stmt;
  int rc;

  if (cache == NULL)
    {
      cache = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
      g_object_set_data_full (G_OBJECT (store), SENT_CACHE_KEY, cache, (GDestroyNotify) g_hash_table_unref);
    }
  if (g_hash_table_contains (cache, key))
    {
      *sent = TRUE;
      return TRUE;
    }

  stmt = cd_store_prepare (store,
                           "SELECT 1 FROM reminders WHERE kind = ?1 AND entity_id = ?2"
                           " AND threshold = ?3 AND recipient_id = ?4", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, cd_reminder_kind_to_nick (kind), -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 2, entity_id);
  sqlite3_bind_int64 (stmt, 3, threshold);
  sqlite3_bind_int64 (stmt, 4, recipient_id);
  rc = cd_store_step (store, stmt, error);
  sqlite3_reset (stmt);
  if (rc < 0)
    return FALSE;
  *sent = rc == SQLITE_ROW;
  /* Inside a transaction the row may be this one's own, not committed
   * yet: remember only what was there for good. */
  if (*sent && !cd_store_in_transaction (store))
    g_hash_table_add (cache, g_steal_pointer (&key));
  return TRUE;
}
