/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "caredesk-training"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "cd-sql-util.h"
#include "cd-training-private.h"

/* iCalendar (RFC 5545) of training sessions. */

/* A TEXT value: backslashes, semicolons, commas and line breaks escaped. */
static void
append_text (GString    *out,
             const char *text)
{
  for (const char *p = text != NULL ? text : ""; *p; p++)
    {
      switch (*p)
        {
        case '\\': g_string_append (out, "\\\\"); break;
        case ';':  g_string_append (out, "\\;"); break;
        case ',':  g_string_append (out, "\\,"); break;
        case '\n': g_string_append (out, "\\n"); break;
        case '\r': break;
        default:   g_string_append_c (out, *p); break;
        }
    }
}

/* A parameter value (CN=…): quoted, without the characters a quoted
 * value may not hold. */
static void
append_param (GString    *out,
              const char *text)
{
  g_string_append_c (out, '"');
  for (const char *p = text != NULL ? text : ""; *p; p++)
    if (*p != '"' && *p != '\r' && *p != '\n')
      g_string_append_c (out, *p);
  g_string_append_c (out, '"');
}

/* Ends @line and appends it to @out folded at 75 octets, never inside a
 * UTF-8 character; continuation lines start with a space. */
static void
append_line (GString *out,
             GString *line)
{
  const char *p = line->str;
  gsize room = 75;

  while (*p != '\0')
    {
      const char *next = g_utf8_next_char (p);
      gsize len = (gsize) (next - p);

      if (len > room)
        {
          g_string_append (out, "\r\n ");
          room = 74;
        }
      g_string_append_len (out, p, (gssize) len);
      room -= len;
      p = next;
    }
  g_string_append (out, "\r\n");
  g_string_truncate (line, 0);
}

static void
append_stamp (GString *line,
              gint64   t)
{
  g_autoptr(GDateTime) utc = g_date_time_new_from_unix_utc (t);
  g_autofree char *text = utc != NULL ? g_date_time_format (utc, "%Y%m%dT%H%M%SZ") : g_strdup ("19700101T000000Z");

  g_string_append (line, text);
}

static gboolean
is_link (const char *place)
{
  return place != NULL && (g_str_has_prefix (place, "https://") || g_str_has_prefix (place, "http://"));
}

static gboolean
append_attendees (CdStore  *store,
                  GString  *out,
                  GString  *line,
                  gint64    session_id,
                  GError  **error)
{
  sqlite3_stmt *stmt = cd_store_prepare (store,
                                         "SELECT s.display_name, s.email FROM enrolments e JOIN staff s ON s.id = e.staff_id"
                                         " WHERE e.session_id = ?1 AND e.waiting = 0 AND s.email IS NOT NULL AND s.email != ''"
                                         " ORDER BY s.display_name COLLATE NOCASE, s.id", error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, session_id);
  while ((rc = cd_store_step (store, stmt, error)) == SQLITE_ROW)
    {
      g_string_append (line, "ATTENDEE;CN=");
      append_param (line, (const char *) sqlite3_column_text (stmt, 0));
      g_string_append (line, ";ROLE=REQ-PARTICIPANT;PARTSTAT=NEEDS-ACTION:mailto:");
      g_string_append (line, (const char *) sqlite3_column_text (stmt, 1));
      append_line (out, line);
    }
  sqlite3_reset (stmt);
  return rc == SQLITE_DONE;
}

static gboolean
append_event (CdStore       *store,
              GString       *out,
              sqlite3_stmt  *stmt,
              gint64         now,
              GError       **error)
{
  g_autoptr(GString) line = g_string_new (NULL);
  g_autoptr(GString) description = g_string_new (NULL);
  gint64 id = sqlite3_column_int64 (stmt, 0);
  const char *title = (const char *) sqlite3_column_text (stmt, 1);
  const char *place = (const char *) sqlite3_column_text (stmt, 4);
  const char *trainer = (const char *) sqlite3_column_text (stmt, 5);
  const char *trainer_email = (const char *) sqlite3_column_text (stmt, 6);
  const char *course_description = (const char *) sqlite3_column_text (stmt, 7);
  int delivery = cd_sql_column_enum (stmt, 10, cd_delivery_from_nick, CD_DELIVERY_INTERNAL);

  g_string_append (out, "BEGIN:VEVENT\r\n");
  /* The same session keeps its UID, so a second import updates it. */
  g_string_append_printf (line, "UID:training-session-%" G_GINT64_FORMAT "-%" G_GINT64_FORMAT "@caredesk",
                          id, (gint64) sqlite3_column_int64 (stmt, 8));
  append_line (out, line);
  g_string_append (line, "DTSTAMP:");
  append_stamp (line, now);
  append_line (out, line);
  g_string_append (line, "DTSTART:");
  append_stamp (line, sqlite3_column_int64 (stmt, 2));
  append_line (out, line);
  g_string_append (line, "DTEND:");
  append_stamp (line, sqlite3_column_int64 (stmt, 3));
  append_line (out, line);
  g_string_append (line, "LAST-MODIFIED:");
  append_stamp (line, sqlite3_column_int64 (stmt, 11));
  append_line (out, line);
  g_string_append_printf (line, "SEQUENCE:%" G_GINT64_FORMAT, (gint64) MAX (sqlite3_column_int64 (stmt, 9) - 1, 0));
  append_line (out, line);
  g_string_append (line, "SUMMARY:");
  append_text (line, title);
  append_line (out, line);
  if (place != NULL && *place != '\0')
    {
      g_string_append (line, "LOCATION:");
      append_text (line, place);
      append_line (out, line);
      if (is_link (place))
        {
          g_string_append (line, "URL:");
          g_string_append (line, place);
          append_line (out, line);
        }
    }

  /* Translators: in a calendar event of a training session */
  g_string_append_printf (description, _("Training: %s (%s)"), title, cd_delivery_label ((CdDelivery) delivery));
  if (trainer != NULL)
    {
      g_string_append_c (description, '\n');
      /* Translators: in a calendar event of a training session */
      g_string_append_printf (description, _("Trainer: %s"), trainer);
    }
  if (course_description != NULL && *course_description != '\0')
    {
      g_string_append (description, "\n\n");
      g_string_append (description, course_description);
    }
  g_string_append (line, "DESCRIPTION:");
  append_text (line, description->str);
  append_line (out, line);

  if (trainer != NULL && trainer_email != NULL && *trainer_email != '\0')
    {
      g_string_append (line, "ORGANIZER;CN=");
      append_param (line, trainer);
      g_string_append (line, ":mailto:");
      g_string_append (line, trainer_email);
      append_line (out, line);
    }
  if (!append_attendees (store, out, line, id, error))
    return FALSE;
  g_string_append (out, "STATUS:CONFIRMED\r\nTRANSP:OPAQUE\r\nEND:VEVENT\r\n");
  return TRUE;
}

#define ICS_SELECT \
  "SELECT ts.id, c.title, ts.starts_at, ts.ends_at, ts.place, s.display_name, s.email, c.description," \
  " ts.created_at, ts.version, c.delivery, ts.updated_at" \
  " FROM training_sessions ts JOIN courses c ON c.id = ts.course_id" \
  " LEFT JOIN staff s ON s.id = ts.trainer_id"

char *
cd_sessions_to_ics (CdStore       *store,
                    const gint64  *ids,
                    guint          n_ids,
                    guint         *n_events,
                    GError       **error)
{
  g_autoptr(GString) out = g_string_new (NULL);
  gint64 now;
  guint n = 0;
  int rc;

  g_return_val_if_fail (CD_IS_STORE (store), NULL);
  g_return_val_if_fail (ids != NULL || n_ids == 0, NULL);

  if (n_events != NULL)
    *n_events = 0;
  now = cd_store_now (store);
  g_string_append (out,
                   "BEGIN:VCALENDAR\r\n"
                   "VERSION:2.0\r\n"
                   "PRODID:-//Caredesk//Training sessions//EN\r\n"
                   "CALSCALE:GREGORIAN\r\n"
                   "METHOD:PUBLISH\r\n");
  {
    g_autoptr(GString) line = g_string_new ("X-WR-CALNAME:");
    append_text (line, _("Training sessions"));
    append_line (out, line);
  }

  if (n_ids == 0)
    {
      sqlite3_stmt *stmt = cd_store_prepare (store, ICS_SELECT " WHERE ts.ends_at > ?1 ORDER BY ts.starts_at, ts.id", error);

      if (stmt == NULL)
        return NULL;
      sqlite3_bind_int64 (stmt, 1, now);
      while ((rc = cd_store_step (store, stmt, error)) == SQLITE_ROW)
        {
          if (!append_event (store, out, stmt, now, error))
            {
              sqlite3_reset (stmt);
              return NULL;
            }
          n++;
        }
      sqlite3_reset (stmt);
      if (rc < 0)
        return NULL;
    }
  else
    {
      for (guint i = 0; i < n_ids; i++)
        {
          sqlite3_stmt *stmt = cd_store_prepare (store, ICS_SELECT " WHERE ts.id = ?1", error);
          gboolean ok = TRUE;

          if (stmt == NULL)
            return NULL;
          sqlite3_bind_int64 (stmt, 1, ids[i]);
          rc = cd_store_step (store, stmt, error);
          if (rc == SQLITE_ROW)
            {
              ok = append_event (store, out, stmt, now, error);
              n++;
            }
          else if (rc == SQLITE_DONE)
            {
              g_set_error_literal (error, CD_STORE_ERROR, CD_STORE_ERROR_NOT_FOUND,
                                   _("This session no longer exists; someone may have deleted it."));
              ok = FALSE;
            }
          else
            ok = FALSE;
          sqlite3_reset (stmt);
          if (!ok)
            return NULL;
        }
    }
  g_string_append (out, "END:VCALENDAR\r\n");
  if (n_events != NULL)
    *n_events = n;
  return g_string_free (g_steal_pointer (&out), FALSE);
}

gboolean
cd_sessions_export_ics (CdStore       *store,
                        const gint64  *ids,
                        guint          n_ids,
                        const char    *path,
                        guint         *n_events,
                        GError       **error)
{
  g_autofree char *text = NULL;
  g_autofree char *summary = NULL;
  GError *local_error = NULL;
  guint n = 0;

  g_return_val_if_fail (CD_IS_STORE (store), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  if (n_events != NULL)
    *n_events = 0;
  text = cd_sessions_to_ics (store, ids, n_ids, &n, error);
  if (text == NULL)
    return FALSE;
  if (n == 0)
    {
      g_set_error_literal (error, CD_STORE_ERROR, CD_STORE_ERROR_INVALID,
                           _("There is no session to export: none is planned."));
      return FALSE;
    }
  if (!g_file_set_contents_full (path, text, -1, G_FILE_SET_CONTENTS_CONSISTENT, 0644, &local_error))
    {
      g_set_error (error, CD_STORE_ERROR, CD_STORE_ERROR_CANT_OPEN,
                   _("Could not write “%s”: %s"), path, local_error->message);
      g_clear_error (&local_error);
      return FALSE;
    }
  summary = g_strdup_printf ("%u → %s", n, path);
  if (!cd_store_audit (store, "training_sessions", n_ids == 1 ? ids[0] : 0, "export", NULL, NULL, summary, error))
    return FALSE;
  if (n_events != NULL)
    *n_events = n;
  return TRUE;
}
