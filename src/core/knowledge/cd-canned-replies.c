/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "caredesk-knowledge"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "cd-datetime.h"
#include "cd-knowledge-private.h"
#include "cd-sql-util.h"
#include "cd-validate.h"

/* Canned replies and their placeholders. */

CdCannedReply *
cd_canned_reply_new (void)
{
  CdCannedReply *reply = g_new0 (CdCannedReply, 1);

  reply->title = g_strdup ("");
  reply->body = g_strdup ("");
  return reply;
}

void
cd_canned_reply_free (CdCannedReply *reply)
{
  if (reply == NULL)
    return;
  g_free (reply->title);
  g_free (reply->body);
  g_free (reply->owner_name);
  g_free (reply);
}

#define REPLY_COLUMNS \
  "SELECT r.id, r.title, r.body, r.owner_id, s.display_name, r.updated_at, r.version" \
  " FROM canned_replies r LEFT JOIN staff s ON s.id = r.owner_id"

static CdCannedReply *
read_reply (sqlite3_stmt *stmt)
{
  CdCannedReply *reply = g_new0 (CdCannedReply, 1);

  reply->id = sqlite3_column_int64 (stmt, 0);
  reply->title = cd_sql_column_dup (stmt, 1);
  reply->body = cd_sql_column_dup (stmt, 2);
  if (reply->body == NULL)
    reply->body = g_strdup ("");
  reply->owner_id = cd_sql_column_int64 (stmt, 3);
  reply->owner_name = cd_sql_column_dup (stmt, 4);
  reply->updated_at = sqlite3_column_int64 (stmt, 5);
  reply->version = sqlite3_column_int64 (stmt, 6);
  return reply;
}

CdCannedReply *
cd_canned_reply_load (CdStore  *store,
                      gint64    id,
                      GError  **error)
{
  sqlite3_stmt *stmt;
  CdCannedReply *reply = NULL;
  int rc;

  g_return_val_if_fail (CD_IS_STORE (store), NULL);

  stmt = cd_store_prepare (store, REPLY_COLUMNS " WHERE r.id = ?1", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, id);
  rc = cd_store_step (store, stmt, error);
  if (rc == SQLITE_ROW)
    reply = read_reply (stmt);
  else if (rc == SQLITE_DONE)
    g_set_error_literal (error, CD_STORE_ERROR, CD_STORE_ERROR_NOT_FOUND,
                         _("This reply no longer exists; someone may have deleted it."));
  sqlite3_reset (stmt);
  return reply;
}

/* @text as a LIKE pattern that finds it anywhere (with ESCAPE '\'). */
static char *
like_pattern (const char *text,
              gboolean    anywhere)
{
  GString *out = g_string_new (anywhere ? "%" : "");

  for (const char *p = text; *p != '\0'; p++)
    {
      if (*p == '%' || *p == '_' || *p == '\\')
        g_string_append_c (out, '\\');
      g_string_append_c (out, *p);
    }
  g_string_append_c (out, '%');
  return g_string_free (out, FALSE);
}

GPtrArray *
cd_canned_replies_list (CdStore     *store,
                        const char  *text,
                        GError     **error)
{
  g_autoptr(GPtrArray) replies = g_ptr_array_new_with_free_func ((GDestroyNotify) cd_canned_reply_free);
  g_autofree char *trimmed = cd_optional_text (text);
  g_autofree char *anywhere = trimmed != NULL ? like_pattern (trimmed, TRUE) : NULL;
  g_autofree char *start = trimmed != NULL ? like_pattern (trimmed, FALSE) : NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (CD_IS_STORE (store), NULL);

  stmt = cd_store_prepare (store,
                           REPLY_COLUMNS
                           " WHERE (r.owner_id IS NULL OR r.owner_id = ?1)"
                           " AND (?2 IS NULL OR r.title LIKE ?2 ESCAPE '\\' OR r.body LIKE ?2 ESCAPE '\\')"
                           " ORDER BY (?3 IS NOT NULL AND r.title LIKE ?3 ESCAPE '\\') DESC,"
                           " r.title COLLATE NOCASE, r.id",
                           error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, cd_store_get_staff_id (store));
  if (anywhere != NULL)
    {
      sqlite3_bind_text (stmt, 2, anywhere, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 3, start, -1, SQLITE_TRANSIENT);
    }
  else
    {
      sqlite3_bind_null (stmt, 2);
      sqlite3_bind_null (stmt, 3);
    }
  while ((rc = cd_store_step (store, stmt, error)) == SQLITE_ROW)
    g_ptr_array_add (replies, read_reply (stmt));
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return NULL;
  return g_steal_pointer (&replies);
}

char *
cd_canned_reply_validate_title (const char *title)
{
  g_autoptr(GError) error = NULL;

  if (!cd_validate_name (title, _("Title"), CD_REPLY_TITLE_MAX_CHARS, &error))
    return g_strdup (error->message);
  return NULL;
}

char *
cd_canned_reply_validate_body (const char *body)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *trimmed = cd_validate_trim (body);

  if (*trimmed == '\0')
    return g_strdup (_("Write the text of the reply."));
  if (!cd_validate_text_length (body, _("Text"), CD_REPLY_BODY_MAX_CHARS, &error))
    return g_strdup (error->message);
  return NULL;
}

static gboolean
check_reply (const CdCannedReply  *reply,
             GError              **error)
{
  g_autofree char *message = cd_canned_reply_validate_title (reply->title);

  if (message == NULL)
    message = cd_canned_reply_validate_body (reply->body);
  if (message != NULL)
    {
      g_set_error_literal (error, CD_STORE_ERROR, CD_STORE_ERROR_INVALID, message);
      return FALSE;
    }
  return TRUE;
}

/* Someone else's own reply is theirs to change. */
static gboolean
may_change (CdStore  *store,
            gint64    id,
            GError  **error)
{
  GError *local_error = NULL;
  gint64 owner = cd_store_query_int (store, "SELECT ifnull(owner_id, 0) FROM canned_replies WHERE id = ?", id, -1,
                                     &local_error);

  if (local_error != NULL)
    {
      g_propagate_error (error, local_error);
      return FALSE;
    }
  if (owner < 0)
    {
      g_set_error_literal (error, CD_STORE_ERROR, CD_STORE_ERROR_NOT_FOUND,
                           _("This reply no longer exists; someone may have deleted it."));
      return FALSE;
    }
  if (owner != 0 && owner != cd_store_get_staff_id (store))
    {
      g_set_error_literal (error, CD_STORE_ERROR, CD_STORE_ERROR_PERMISSION,
                           _("This is someone else’s own reply: only they can change it."));
      return FALSE;
    }
  return TRUE;
}

gint64
cd_canned_reply_create (CdStore              *store,
                        const CdCannedReply  *reply,
                        gboolean              personal,
                        GError              **error)
{
  g_autofree char *title = NULL;
  g_autofree char *owner = NULL;

  g_return_val_if_fail (CD_IS_STORE (store), 0);
  g_return_val_if_fail (reply != NULL, 0);

  if (!cd_store_require_role (store, CD_KNOWLEDGE_ALL_ROLES, error) || !check_reply (reply, error))
    return 0;

  title = cd_validate_trim (reply->title);
  owner = personal ? cd_int_text (cd_store_get_staff_id (store)) : NULL;
  {
    CdField fields[] = {
      { "title", title },
      { "body", reply->body },
      { "owner_id", owner },
    };

    return cd_store_insert (store, "canned_replies", fields, G_N_ELEMENTS (fields), error);
  }
}

gboolean
cd_canned_reply_update (CdStore              *store,
                        const CdCannedReply  *reply,
                        gint64                expected_version,
                        GError              **error)
{
  g_autofree char *title = NULL;

  g_return_val_if_fail (CD_IS_STORE (store), FALSE);
  g_return_val_if_fail (reply != NULL && reply->id > 0, FALSE);

  if (!cd_store_require_role (store, CD_KNOWLEDGE_ALL_ROLES, error) || !check_reply (reply, error) ||
      !may_change (store, reply->id, error))
    return FALSE;

  title = cd_validate_trim (reply->title);
  {
    CdField fields[] = {
      { "title", title },
      { "body", reply->body },
    };

    return cd_store_update (store, "canned_replies", reply->id, expected_version, fields, G_N_ELEMENTS (fields),
                            error);
  }
}

gboolean
cd_canned_reply_delete (CdStore  *store,
                        gint64    id,
                        gint64    expected_version,
                        GError  **error)
{
  g_return_val_if_fail (CD_IS_STORE (store), FALSE);

  if (!cd_store_require_role (store, CD_KNOWLEDGE_ALL_ROLES, error) || !may_change (store, id, error))
    return FALSE;
  return cd_store_delete (store, "canned_replies", id, expected_version, error);
}

/* Placeholders --------------------------------------------------------------- */

static const char * const placeholders[] = { "customer", "me", "ticket", "promised", NULL };

const char * const *
cd_canned_reply_placeholders (void)
{
  return placeholders;
}

static GRegex *
placeholder_regex (void)
{
  static GRegex *regex;

  if (g_once_init_enter (&regex))
    g_once_init_leave (&regex, g_regex_new ("\\{([^{}\\s]{1,40})\\}", G_REGEX_OPTIMIZE, 0, NULL));
  return regex;
}

/* The index in placeholders[] of @name (any case), or -1. */
static int
placeholder_index (const char *name)
{
  for (guint i = 0; placeholders[i] != NULL; i++)
    if (g_ascii_strcasecmp (placeholders[i], name) == 0)
      return (int) i;
  return -1;
}

GStrv
cd_canned_reply_unknown_placeholders (const char *body)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GMatchInfo) match = NULL;

  if (body == NULL || !g_utf8_validate (body, -1, NULL))
    return g_strv_builder_end (builder);
  g_regex_match (placeholder_regex (), body, 0, &match);
  for (; g_match_info_matches (match); g_match_info_next (match, NULL))
    {
      g_autofree char *name = g_match_info_fetch (match, 1);
      g_autofree char *whole = g_match_info_fetch (match, 0);

      if (placeholder_index (name) >= 0 || g_hash_table_contains (seen, whole))
        continue;
      g_strv_builder_add (builder, whole);
      g_hash_table_add (seen, g_steal_pointer (&whole));
    }
  return g_strv_builder_end (builder);
}

char *
cd_canned_reply_fill (const char          *body,
                      const CdReplyValues *values)
{
  g_autoptr(GMatchInfo) match = NULL;
  GString *out;
  gint at = 0;

  g_return_val_if_fail (values != NULL, NULL);

  if (body == NULL)
    return g_strdup ("");
  if (!g_utf8_validate (body, -1, NULL))
    return g_strdup (body);

  out = g_string_new (NULL);
  g_regex_match (placeholder_regex (), body, 0, &match);
  for (; g_match_info_matches (match); g_match_info_next (match, NULL))
    {
      g_autofree char *name = g_match_info_fetch (match, 1);
      const char *value = NULL;
      gint start, end;

      switch (placeholder_index (name))
        {
        case 0: value = values->customer; break;
        case 1: value = values->me; break;
        case 2: value = values->ticket; break;
        case 3: value = values->promised; break;
        default: break;
        }
      if (value == NULL || *value == '\0')
        continue;
      g_match_info_fetch_pos (match, 0, &start, &end);
      g_string_append_len (out, body + at, start - at);
      g_string_append (out, value);
      at = end;
    }
  g_string_append (out, body + at);
  return g_string_free (out, FALSE);
}

char *
cd_canned_reply_fill_for_ticket (CdStore        *store,
                                 const char     *body,
                                 const CdTicket *ticket)
{
  g_autofree char *promised = NULL;
  CdReplyValues values = { 0 };
  gint64 due;

  g_return_val_if_fail (CD_IS_STORE (store), NULL);
  g_return_val_if_fail (ticket != NULL, NULL);

  due = ticket->escalation_due > 0 ? ticket->escalation_due : ticket->resolution_due;
  if (due > 0)
    {
      g_autofree char *date = cd_datetime_format_date (due);
      g_autofree char *time = cd_datetime_format_time (due);

      /* Translators: a date and a time of day, as a customer reads it */
      promised = g_strdup_printf (_("%s, %s"), date, time);
    }
  values.customer = ticket->customer_name;
  values.me = cd_store_get_display_name (store);
  values.ticket = ticket->number;
  values.promised = promised;
  return cd_canned_reply_fill (body, &values);
}
