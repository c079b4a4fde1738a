/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "caredesk-complaints"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "cd-complaints.h"
#include "cd-datetime.h"
#include "cd-sql-util.h"
#include "cd-store-private.h"

/* Helpers ---------------------------------------------------------------- */

static gboolean
check_utf8 (const char  *text,
            const char  *what,
            GError     **error)
{
  if (text != NULL && !g_utf8_validate (text, -1, NULL))
    {
      g_set_error (error, CD_STORE_ERROR, CD_STORE_ERROR_INVALID,
                   _("The %s contains characters that are not valid text. Retype it or paste it again."),
                   what);
      return FALSE;
    }
  return TRUE;
}

static gboolean
check_length (const char  *text,
              glong        max_chars,
              const char  *what,
              GError     **error)
{
  glong n;

  if (!check_utf8 (text, what, error))
    return FALSE;
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
stale (GError     **error,
       const char  *what)
{
  g_set_error (error, CD_STORE_ERROR, CD_STORE_ERROR_STALE,
               _("Someone else saved a change to this %s after you opened it. Reload to see their change, or overwrite it with yours."),
               what);
}

static gboolean
row_exists (CdStore     *store,
            const char  *sql,
            gint64       id,
            GError     **error)
{
  GError *local_error = NULL;
  gint64 found = cd_store_query_int (store, sql, id, 0, &local_error);

  if (local_error != NULL)
    {
      g_propagate_error (error, local_error);
      return FALSE;
    }
  return found != 0;
}

static gboolean
check_active_staff (CdStore     *store,
                    gint64       staff_id,
                    const char  *what,
                    GError     **error)
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
      g_set_error (error, CD_STORE_ERROR, CD_STORE_ERROR_INVALID,
                   _("The %s is not on the staff list. Choose someone from the list."), what);
      return FALSE;
    }
  active = sqlite3_column_int (stmt, 0) != 0;
  sqlite3_reset (stmt);
  if (!active)
    {
      g_set_error (error, CD_STORE_ERROR, CD_STORE_ERROR_INVALID,
                   _("The %s no longer works here (their account is switched off). Choose someone else."), what);
      return FALSE;
    }
  return TRUE;
}

static gboolean
clear_snoozes (CdStore  *store,
               gint64    followup_id,
               GError  **error)
{
  sqlite3_stmt *stmt;

  stmt = cd_store_prepare (store,
                           "DELETE FROM snoozes WHERE kind = 'followup_overdue' AND entity_id = ?1",
                           error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, followup_id);
  if (cd_store_step (store, stmt, error) < 0)
    return FALSE;
  sqlite3_reset (stmt);
  if (sqlite3_changes (cd_store_get_db (store)) > 0 &&
      !cd_store_audit (store, "snoozes", followup_id, "delete", "kind", "followup_overdue", NULL, error))
    return FALSE;
  return TRUE;
}

/* Records ---------------------------------------------------------------- */

void
cd_complaint_free (CdComplaint *complaint)
{
  if (complaint == NULL)
    return;
  g_free (complaint->summary);
  g_free (complaint->details);
  g_free (complaint->category);
  g_free (complaint->resolution);
  g_free (complaint->compensation);
  g_free (complaint->customer_name);
  g_free (complaint);
}

CdComplaint *
cd_complaint_load (CdStore  *store,
                   gint64    id,
                   GError  **error)
{
  sqlite3_stmt *stmt;
  CdComplaint *c;
  int rc;

  g_return_val_if_fail (CD_IS_STORE (store), NULL);

  stmt = cd_store_prepare (store,
                           "SELECT c.id, c.customer_id, c.ticket_id, c.summary, c.details, c.severity,"
                           " c.category, c.owner_id, c.status, c.resolution, c.compensation, c.closed_at,"
                           " c.created_at, c.updated_at, c.version, cu.name"
                           " FROM complaints c LEFT JOIN customers cu ON cu.id = c.customer_id"
                           " WHERE c.id = ?1", error);
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
                           _("This complaint no longer exists; someone may have deleted it."));
      return NULL;
    }

  c = g_new0 (CdComplaint, 1);
  c->id = sqlite3_column_int64 (stmt, 0);
  c->customer_id = sqlite3_column_int64 (stmt, 1);
  c->ticket_id = cd_sql_column_int64 (stmt, 2);
  c->summary = cd_sql_column_dup (stmt, 3);
  c->details = cd_sql_column_dup (stmt, 4);
  c->severity = (CdSeverity) cd_sql_column_enum (stmt, 5, cd_severity_from_nick, CD_SEVERITY_MINOR);
  c->category = cd_sql_column_dup (stmt, 6);
  c->owner_id = cd_sql_column_int64 (stmt, 7);
  c->status = (CdComplaintStatus) cd_sql_column_enum (stmt, 8, cd_complaint_status_from_nick, CD_COMPLAINT_RECEIVED);
  c->resolution = cd_sql_column_dup (stmt, 9);
  c->compensation = cd_sql_column_dup (stmt, 10);
  c->closed_at = cd_sql_column_int64 (stmt, 11);
  c->created_at = sqlite3_column_int64 (stmt, 12);
  c->updated_at = sqlite3_column_int64 (stmt, 13);
  c->version = sqlite3_column_int64 (stmt, 14);
  c->customer_name = cd_sql_column_dup (stmt, 15);
  sqlite3_reset (stmt);
  return c;
}

void
cd_followup_free (CdFollowup *followup)
{
  if (followup == NULL)
    return;
  g_free (followup->notes);
  g_free (followup->assignee_name);
  g_free (followup);
}

/* With the assignee's name, so that a list of follow-ups shows who owes
 * each without a statement per follow-up. */
#define FOLLOWUP_COLUMNS \
  "id, complaint_id, due_at, assignee_id, method, status, outcome, satisfaction," \
  " notes, done_at, created_by, created_at, updated_at, version," \
  " (SELECT s.display_name FROM staff s WHERE s.id = followups.assignee_id)"

static CdFollowup *
followup_from_row (sqlite3_stmt *stmt)
{
  CdFollowup *f = g_new0 (CdFollowup, 1);
  int outcome;

  f->id = sqlite3_column_int64 (stmt, 0);
  f->complaint_id = sqlite3_column_int64 (stmt, 1);
  f->due_at = sqlite3_column_int64 (stmt, 2);
  f->assignee_id = sqlite3_column_int64 (stmt, 3);
  f->method = (CdFollowupMethod) cd_sql_column_enum (stmt, 4, cd_followup_method_from_nick, CD_METHOD_PHONE);
  f->status = (CdFollowupStatus) cd_sql_column_enum (stmt, 5, cd_followup_status_from_nick, CD_FOLLOWUP_SCHEDULED);
  outcome = cd_outcome_from_nick ((const char *) sqlite3_column_text (stmt, 6));
  f->has_outcome = outcome >= 0;
  f->outcome = outcome >= 0 ? (CdOutcome) outcome : CD_OUTCOME_SATISFIED;
  f->satisfaction = (int) cd_sql_column_int64 (stmt, 7);
  f->notes = cd_sql_column_dup (stmt, 8);
  f->done_at = cd_sql_column_int64 (stmt, 9);
  f->created_by = cd_sql_column_int64 (stmt, 10);
  f->created_at = sqlite3_column_int64 (stmt, 11);
  f->updated_at = sqlite3_column_int64 (stmt, 12);
  f->version = sqlite3_column_int64 (stmt, 13);
  f->assignee_name = cd_sql_column_dup (stmt, 14);
  return f;
}

CdFollowup *
cd_followup_load (CdStore  *store,
                  gint64    id,
                  GError  **error)
{
  sqlite3_stmt *stmt;
  CdFollowup *f;
  int rc;

  g_return_val_if_fail (CD_IS_STORE (store), NULL);

  stmt = cd_store_prepare (store, "SELECT " FOLLOWUP_COLUMNS " FROM followups WHERE id = ?1", error);
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
                           _("This follow-up no longer exists; someone may have deleted it."));
      return NULL;
    }
  f = followup_from_row (stmt);
  sqlite3_reset (stmt);
  return f;
}

GPtrArray *
cd_followups_list_for_complaint (CdStore  *store,
                                 gint64    complaint_id,
                                 GError  **error)
{
  g_autoptr(GPtrArray) list = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (CD_IS_STORE (store), NULL);

  stmt = cd_store_prepare (store,
                           "SELECT " FOLLOWUP_COLUMNS " FROM followups WHERE complaint_id = ?1"
                           " ORDER BY due_at, id", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, complaint_id);

  list = g_ptr_array_new_with_free_func ((GDestroyNotify) cd_followup_free);
  while ((rc = cd_store_step (store, stmt, error)) == SQLITE_ROW)
    g_ptr_array_add (list, followup_from_row (stmt));
  sqlite3_reset (stmt);
  if (rc < 0)
    return NULL;
  return g_steal_pointer (&list);
}

/* Validation ------------------------------------------------------------- */

gboolean
cd_complaint_validate_summary (const char  *summary,
                               GError     **error)
{
  g_autofree char *trimmed = NULL;

  if (!check_utf8 (summary, _("summary"), error))
    return FALSE;
  trimmed = cd_trim_dup (summary);
  if (trimmed == NULL || *trimmed == '\0')
    {
      g_set_error_literal (error, CD_STORE_ERROR, CD_STORE_ERROR_INVALID,
                           _("The summary is empty. Say in a few words what the customer complains about."));
      return FALSE;
    }
  return check_length (trimmed, CD_COMPLAINT_SUMMARY_MAX_CHARS, _("summary"), error);
}

gboolean
cd_complaint_validate_details (const char  *details,
                               GError     **error)
{
  return check_length (details, CD_COMPLAINT_DETAILS_MAX_CHARS, _("details text"), error);
}

static gboolean
check_severity (CdSeverity   severity,
                GError     **error)
{
  if ((guint) severity >= cd_severity_count ())
    {
      g_set_error_literal (error, CD_STORE_ERROR, CD_STORE_ERROR_INVALID,
                           _("The severity is not one of minor, major or critical. Choose one of them."));
      return FALSE;
    }
  return TRUE;
}

static gboolean
check_owner (CdStore  *store,
             gint64    owner_id,
             GError  **error)
{
  if (owner_id < 0)
    {
      g_set_error_literal (error, CD_STORE_ERROR, CD_STORE_ERROR_INVALID,
                           _("The owner is not on the staff list. Choose someone from the list."));
      return FALSE;
    }
  return owner_id == 0 || check_active_staff (store, owner_id, _("owner"), error);
}

/* Complaints ------------------------------------------------------------- */

gint64
cd_complaint_ticket_customer (CdStore  *store,
                              gint64    ticket_id,
                              GError  **error)
{
  GError *local_error = NULL;
  gint64 customer_id;

  g_return_val_if_fail (CD_IS_STORE (store), -1);

  if (ticket_id <= 0)
    return 0;
  customer_id = cd_store_query_int (store, "SELECT customer_id FROM tickets WHERE id = ?1",
                                    ticket_id, 0, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, local_error);
      return -1;
    }
  return customer_id;
}

gint64
cd_complaint_create (CdStore     *store,
                     gint64       customer_id,
                     gint64       ticket_id,
                     const char  *summary,
                     const char  *details,
                     CdSeverity   severity,
                     const char  *category,
                     gint64       owner_id,
                     GError     **error)
{
  g_autofree char *summary_text = NULL;
  g_autofree char *details_text = NULL;
  g_autofree char *category_text = NULL;
  g_autofree char *customer_text = NULL;
  g_autofree char *ticket_text = NULL;
  g_autofree char *owner_text = NULL;
  GError *local_error = NULL;
  gint64 id;

  g_return_val_if_fail (CD_IS_STORE (store), 0);

  if (!cd_complaint_validate_summary (summary, error) ||
      !cd_complaint_validate_details (details, error) ||
      !check_severity (severity, error) ||
      !check_length (category, CD_COMPLAINT_TEXT_MAX_CHARS, _("category"), error))
    return 0;

  summary_text = cd_trim_dup (summary);
  if (details != NULL && *details != '\0')
    details_text = g_strdup (details);
  category_text = cd_optional_text (category);

  if (!cd_store_begin (store, error))
    return 0;

  if (customer_id <= 0 ||
      !row_exists (store, "SELECT 1 FROM customers WHERE id = ?1", customer_id, &local_error))
    {
      if (local_error == NULL)
        g_set_error_literal (&local_error, CD_STORE_ERROR, CD_STORE_ERROR_INVALID,
                             _("The customer of this complaint does not exist (any more). Choose a customer from the list."));
      goto fail;
    }

  if (ticket_id != 0)
    {
      gint64 ticket_customer = cd_complaint_ticket_customer (store, ticket_id, &local_error);
      if (ticket_customer < 0)
        goto fail;
      if (ticket_customer == 0)
        {
          g_set_error_literal (&local_error, CD_STORE_ERROR, CD_STORE_ERROR_INVALID,
                               _("The ticket this complaint comes from does not exist. Choose another ticket or none."));
          goto fail;
        }
      if (ticket_customer != customer_id)
        {
          g_set_error_literal (&local_error, CD_STORE_ERROR, CD_STORE_ERROR_INVALID,
                               _("The ticket this complaint comes from belongs to another customer. Choose a ticket of this customer, or none."));
          goto fail;
        }
    }

  if (!check_owner (store, owner_id, &local_error))
    goto fail;

  customer_text = cd_int_text (customer_id);
  ticket_text = ticket_id != 0 ? cd_int_text (ticket_id) : NULL;
  owner_text = owner_id != 0 ? cd_int_text (owner_id) : NULL;

  {
    const CdField fields[] = {
      { "customer_id", customer_text },
      { "ticket_id", ticket_text },
      { "summary", summary_text },
      { "details", details_text },
      { "severity", cd_severity_to_nick (severity) },
      { "category", category_text },
      { "owner_id", owner_text },
      { "status", cd_complaint_status_to_nick (CD_COMPLAINT_RECEIVED) },
    };
    id = cd_store_insert (store, "complaints", fields, G_N_ELEMENTS (fields), &local_error);
  }
  if (id <= 0)
    goto fail;

  if (!cd_store_finish (store, TRUE, error))
    return 0;
  return id;

fail:
  cd_store_finish (store, FALSE, NULL);
  g_propagate_error (error, local_error);
  return 0;
}

gint64
cd_complaint_create_full (CdStore            *store,
                          const CdComplaint  *values,
                          GError            **error)
{
  CdComplaintFields extra = 0;
  GError *local_error = NULL;
  gint64 id;

  g_return_val_if_fail (CD_IS_STORE (store), 0);
  g_return_val_if_fail (values != NULL, 0);

  if (!cd_store_begin (store, error))
    return 0;

  id = cd_complaint_create (store, values->customer_id, values->ticket_id, values->summary,
                            values->details, values->severity, values->category,
                            values->owner_id, &local_error);
  if (id == 0)
    goto fail;

  /* A rep may have noted a resolution already; creation takes none. */
  if (values->resolution != NULL)
    extra |= CD_COMPLAINT_FIELD_RESOLUTION;
  if (values->compensation != NULL)
    extra |= CD_COMPLAINT_FIELD_COMPENSATION;
  if (extra != 0 && !cd_complaint_update (store, id, 1, extra, values, &local_error))
    goto fail;

  if (!cd_store_finish (store, TRUE, error))
    return 0;
  return id;

fail:
  cd_store_finish (store, FALSE, NULL);
  g_propagate_error (error, local_error);
  return 0;
}

gboolean
cd_complaint_update (CdStore            *store,
                     gint64              id,
                     gint64              expected_version,
                     CdComplaintFields   fields,
                     const CdComplaint  *values,
                     GError            **error)
{
  g_autoptr(CdComplaint) current = NULL;
  g_autoptr(GPtrArray) owned = NULL;
  CdField changes[7];
  guint n = 0;
  GError *local_error = NULL;
  gboolean ok;

  g_return_val_if_fail (CD_IS_STORE (store), FALSE);
  g_return_val_if_fail (values != NULL, FALSE);

  if ((fields & CD_COMPLAINT_FIELD_SUMMARY) && !cd_complaint_validate_summary (values->summary, error))
    return FALSE;
  if ((fields & CD_COMPLAINT_FIELD_DETAILS) && !cd_complaint_validate_details (values->details, error))
    return FALSE;
  if ((fields & CD_COMPLAINT_FIELD_SEVERITY) && !check_severity (values->severity, error))
    return FALSE;
  if ((fields & CD_COMPLAINT_FIELD_CATEGORY) &&
      !check_length (values->category, CD_COMPLAINT_TEXT_MAX_CHARS, _("category"), error))
    return FALSE;
  if ((fields & CD_COMPLAINT_FIELD_RESOLUTION) &&
      !check_length (values->resolution, CD_COMPLAINT_TEXT_MAX_CHARS, _("resolution"), error))
    return FALSE;
  if ((fields & CD_COMPLAINT_FIELD_COMPENSATION) &&
      !check_length (values->compensation, CD_COMPLAINT_TEXT_MAX_CHARS, _("compensation"), error))
    return FALSE;

  if (!cd_store_begin (store, error))
    return FALSE;

  current = cd_complaint_load (store, id, &local_error);
  if (current == NULL)
    goto fail;
  if (expected_version != 0 && current->version != expected_version)
    {
      stale (&local_error, _("complaint"));
      goto fail;
    }
  if ((fields & CD_COMPLAINT_FIELD_OWNER) && values->owner_id != current->owner_id &&
      !check_owner (store, values->owner_id, &local_error))
    goto fail;

  owned = g_ptr_array_new_with_free_func (g_free);
#define ADD_CHANGE(col_, text)                         \
  G_STMT_START {                                         \
    char *value_ = (text);                               \
    g_ptr_array_add (owned, value_);                     \
    changes[n].column = (col_);                          \
    changes[n].value = value_;                           \
    n++;                                                 \
  } G_STMT_END

  if (fields & CD_COMPLAINT_FIELD_SUMMARY)
    ADD_CHANGE ("summary", cd_trim_dup (values->summary));
  if (fields & CD_COMPLAINT_FIELD_DETAILS)
    ADD_CHANGE ("details", values->details != NULL && *values->details != '\0' ? g_strdup (values->details) : NULL);
  if (fields & CD_COMPLAINT_FIELD_SEVERITY)
    ADD_CHANGE ("severity", g_strdup (cd_severity_to_nick (values->severity)));
  if (fields & CD_COMPLAINT_FIELD_CATEGORY)
    ADD_CHANGE ("category", cd_optional_text (values->category));
  if (fields & CD_COMPLAINT_FIELD_OWNER)
    ADD_CHANGE ("owner_id", values->owner_id != 0 ? cd_int_text (values->owner_id) : NULL);
  if (fields & CD_COMPLAINT_FIELD_RESOLUTION)
    ADD_CHANGE ("resolution", cd_optional_text (values->resolution));
  if (fields & CD_COMPLAINT_FIELD_COMPENSATION)
    ADD_CHANGE ("compensation", cd_optional_text (values->compensation));
#undef ADD_CHANGE

  ok = n == 0 || cd_store_update (store, "complaints", id, current->version, changes, n, &local_error);
  if (!ok)
    goto fail;
  return cd_store_finish (store, TRUE, error);

fail:
  cd_store_finish (store, FALSE, NULL);
  g_propagate_error (error, local_error);
  return FALSE;
}

gboolean
cd_complaint_status_can_change (CdComplaintStatus from,
                                CdComplaintStatus to)
{
  if (to == from + 1 && to <= CD_COMPLAINT_CLOSED)
    return TRUE;
  if (to == CD_COMPLAINT_RESOLVED && from < CD_COMPLAINT_RESOLVED)
    return TRUE;
  if (to == CD_COMPLAINT_INVESTIGATING && from >= CD_COMPLAINT_RESOLVED && from <= CD_COMPLAINT_CLOSED)
    return TRUE;
  return FALSE;
}

gboolean
cd_complaint_check_can_close (CdStore  *store,
                              gint64    id,
                              GError  **error)
{
  sqlite3_stmt *stmt;
  int rc;
  CdFollowupStatus status;
  gboolean has_outcome;
  gint64 due_at;
  g_autofree char *due_text = NULL;

  g_return_val_if_fail (CD_IS_STORE (store), FALSE);

  /* followups_complaint(complaint_id, due_at) walked backwards. */
  stmt = cd_store_prepare (store,
                           "SELECT status, outcome IS NOT NULL, due_at FROM followups"
                           " WHERE complaint_id = ?1 AND status != 'cancelled'"
                           " ORDER BY due_at DESC, id DESC LIMIT 1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  rc = cd_store_step (store, stmt, error);
  if (rc < 0)
    return FALSE;
  if (rc != SQLITE_ROW)
    {
      sqlite3_reset (stmt);
      g_set_error_literal (error, CD_STORE_ERROR, CD_STORE_ERROR_INVALID,
                           _("A complaint closes only when its last follow-up is done with an outcome. "
                             "This complaint has no follow-up yet: schedule one, contact the customer, and record the outcome."));
      return FALSE;
    }
  status = (CdFollowupStatus) cd_sql_column_enum (stmt, 0, cd_followup_status_from_nick, CD_FOLLOWUP_SCHEDULED);
  has_outcome = sqlite3_column_int (stmt, 1) != 0;
  due_at = sqlite3_column_int64 (stmt, 2);
  sqlite3_reset (stmt);

  if (status == CD_FOLLOWUP_DONE && has_outcome)
    return TRUE;

  due_text = cd_datetime_format_when (due_at, cd_store_now (store));
  if (status == CD_FOLLOWUP_DONE)
    g_set_error (error, CD_STORE_ERROR, CD_STORE_ERROR_INVALID,
                 _("A complaint closes only when its last follow-up is done with an outcome. "
                   "The last follow-up (due %s) is done but has no outcome: record how the customer felt."),
                 due_text);
  else
    g_set_error (error, CD_STORE_ERROR, CD_STORE_ERROR_INVALID,
                 _("A complaint closes only when its last follow-up is done with an outcome. "
                   "The last follow-up (due %s) is “%s”: make the contact and record its outcome first."),
                 due_text, cd_followup_status_label (status));
  return FALSE;
}

/* Earlier follow-ups still scheduled when the complaint closes are moot;
 * cancelling them (audited) keeps them from reminding anyone. */
static gboolean
cancel_open_followups (CdStore  *store,
                       gint64    complaint_id,
                       GError  **error)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) versions = g_array_new (FALSE, FALSE, sizeof (gint64));
  sqlite3_stmt *stmt;
  int rc;

  stmt = cd_store_prepare (store,
                           "SELECT id, version FROM followups WHERE complaint_id = ?1 AND status = 'scheduled'",
                           error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, complaint_id);
  while ((rc = cd_store_step (store, stmt, error)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      gint64 version = sqlite3_column_int64 (stmt, 1);
      g_array_append_val (ids, id);
      g_array_append_val (versions, version);
    }
  sqlite3_reset (stmt);
  if (rc < 0)
    return FALSE;

  for (guint i = 0; i < ids->len; i++)
    {
      const CdField fields[] = {
        { "status", cd_followup_status_to_nick (CD_FOLLOWUP_CANCELLED) },
      };
      gint64 id = g_array_index (ids, gint64, i);

      if (!cd_store_update (store, "followups", id, g_array_index (versions, gint64, i),
                            fields, G_N_ELEMENTS (fields), error) ||
          !clear_snoozes (store, id, error))
        return FALSE;
    }
  return TRUE;
}

gboolean
cd_complaint_set_status (CdStore            *store,
                         gint64              id,
                         gint64              expected_version,
                         CdComplaintStatus   new_status,
                         GError            **error)
{
  g_autoptr(CdComplaint) current = NULL;
  g_autofree char *closed_text = NULL;
  GError *local_error = NULL;

  g_return_val_if_fail (CD_IS_STORE (store), FALSE);

  if ((guint) new_status >= cd_complaint_status_count ())
    {
      g_set_error_literal (error, CD_STORE_ERROR, CD_STORE_ERROR_INVALID,
                           _("That is not a complaint status. Choose one from the list."));
      return FALSE;
    }

  if (!cd_store_begin (store, error))
    return FALSE;

  current = cd_complaint_load (store, id, &local_error);
  if (current == NULL)
    goto fail;
  if (expected_version != 0 && current->version != expected_version)
    {
      stale (&local_error, _("complaint"));
      goto fail;
    }

  if (current->status == new_status)
    {
      g_set_error (&local_error, CD_STORE_ERROR, CD_STORE_ERROR_INVALID,
                   _("The complaint is already “%s”."), cd_complaint_status_label (new_status));
      goto fail;
    }
  if (!cd_complaint_status_can_change (current->status, new_status))
    {
      g_set_error (&local_error, CD_STORE_ERROR, CD_STORE_ERROR_INVALID,
                   _("A complaint cannot go from “%s” to “%s”. It moves one step at a time "
                     "(received, acknowledged, investigating, resolved, following up, closed), "
                     "may be marked resolved early, and is reopened by going back to investigating."),
                   cd_complaint_status_label (current->status),
                   cd_complaint_status_label (new_status));
      goto fail;
    }
  if (new_status == CD_COMPLAINT_CLOSED && !cd_complaint_check_can_close (store, id, &local_error))
    goto fail;

  if (new_status == CD_COMPLAINT_CLOSED)
    {
      closed_text = cd_int_text (cd_store_now (store));
      if (!cancel_open_followups (store, id, &local_error))
        goto fail;
    }

  {
    const CdField fields[] = {
      { "status", cd_complaint_status_to_nick (new_status) },
      { "closed_at", closed_text },
    };
    if (!cd_store_update (store, "complaints", id, current->version, fields, G_N_ELEMENTS (fields), &local_error))
      goto fail;
  }
  return cd_store_finish (store, TRUE, error);

fail:
  cd_store_finish (store, FALSE, NULL);
  g_propagate_error (error, local_error);
  return FALSE;
}

/* Follow-ups ------------------------------------------------------------- */

static gboolean
check_method (CdFollowupMethod   method,
              GError           **error)
{
  if ((guint) method >= cd_followup_method_count ())
    {
      g_set_error_literal (error, CD_STORE_ERROR, CD_STORE_ERROR_INVALID,
                           _("The contact method is not one of phone, email, visit or message. Choose one of them."));
      return FALSE;
    }
  return TRUE;
}

static gboolean
check_due (gint64    due_at,
           GError  **error)
{
  if (due_at <= 0)
    {
      g_set_error_literal (error, CD_STORE_ERROR, CD_STORE_ERROR_INVALID,
                           _("The follow-up has no due date and time. Choose when the customer should be contacted."));
      return FALSE;
    }
  return TRUE;
}

/* The complaint's status, or -1 with @error (NOT_FOUND when missing). */
static int
complaint_status (CdStore  *store,
                  gint64    complaint_id,
                  gint64   *out_version,
                  GError  **error)
{
  sqlite3_stmt *stmt;
  int rc;
  int status;

  stmt = cd_store_prepare (store, "SELECT status, version FROM complaints WHERE id = ?1", error);
  if (stmt == NULL)
    return -1;
  sqlite3_bind_int64 (stmt, 1, complaint_id);
  rc = cd_store_step (store, stmt, error);
  if (rc < 0)
    return -1;
  if (rc != SQLITE_ROW)
    {
      sqlite3_reset (stmt);
      g_set_error_literal (error, CD_STORE_ERROR, CD_STORE_ERROR_NOT_FOUND,
                           _("The complaint of this follow-up no longer exists; someone may have deleted it."));
      return -1;
    }
  status = cd_sql_column_enum (stmt, 0, cd_complaint_status_from_nick, CD_COMPLAINT_RECEIVED);
  if (out_version != NULL)
    *out_version = sqlite3_column_int64 (stmt, 1);
  sqlite3_reset (stmt);
  return status;
}

gint64
cd_followup_schedule (CdStore           *store,
                      gint64             complaint_id,
                      gint64             due_at,
                      gint64             assignee_id,
                      CdFollowupMethod   method,
                      const char        *notes,
                      GError           **error)
{
  g_autofree char *complaint_text = NULL;
  g_autofree char *due_text = NULL;
  g_autofree char *assignee_text = NULL;
  g_autofree char *creator_text = NULL;
  g_autofree char *notes_text = NULL;
  GError *local_error = NULL;
  gint64 complaint_version = 0;
  gint64 id;
  int status;

  g_return_val_if_fail (CD_IS_STORE (store), 0);

  if (!check_due (due_at, error) ||
      !check_method (method, error) ||
      !check_length (notes, CD_FOLLOWUP_NOTES_MAX_CHARS, _("notes text"), error))
    return 0;
  if (assignee_id <= 0)
    {
      g_set_error_literal (error, CD_STORE_ERROR, CD_STORE_ERROR_INVALID,
                           _("The follow-up has nobody to make it. Choose who contacts the customer."));
      return 0;
    }

  if (!cd_store_begin (store, error))
    return 0;

  status = complaint_status (store, complaint_id, &complaint_version, &local_error);
  if (status < 0)
    goto fail;
  if (status == CD_COMPLAINT_CLOSED)
    {
      g_set_error_literal (&local_error, CD_STORE_ERROR, CD_STORE_ERROR_INVALID,
                           _("This complaint is closed, so no follow-up can be scheduled. Reopen it first if the customer needs another contact."));
      goto fail;
    }
  if (!check_active_staff (store, assignee_id, _("person to make the follow-up"), &local_error))
    goto fail;

  complaint_text = cd_int_text (complaint_id);
  due_text = cd_int_text (due_at);
  assignee_text = cd_int_text (assignee_id);
  if (cd_store_get_staff_id (store) != 0)
    creator_text = cd_int_text (cd_store_get_staff_id (store));
  if (notes != NULL && *notes != '\0')
    notes_text = g_strdup (notes);

  {
    const CdField fields[] = {
      { "complaint_id", complaint_text },
      { "due_at", due_text },
      { "assignee_id", assignee_text },
      { "method", cd_followup_method_to_nick (method) },
      { "status", cd_followup_status_to_nick (CD_FOLLOWUP_SCHEDULED) },
      { "notes", notes_text },
      { "created_by", creator_text },
    };
    id = cd_store_insert (store, "followups", fields, G_N_ELEMENTS (fields), &local_error);
  }
  if (id <= 0)
    goto fail;

  if (status == CD_COMPLAINT_RESOLVED)
    {
      const CdField fields[] = {
        { "status", cd_complaint_status_to_nick (CD_COMPLAINT_FOLLOWING_UP) },
      };
      if (!cd_store_update (store, "complaints", complaint_id, complaint_version,
                            fields, G_N_ELEMENTS (fields), &local_error))
        goto fail;
    }

  if (!cd_store_finish (store, TRUE, error))
    return 0;
  return id;

fail:
  cd_store_finish (store, FALSE, NULL);
  g_propagate_error (error, local_error);
  return 0;
}

void
cd_followup_proposal_free (CdFollowupProposal *proposal)
{
  g_free (proposal);
}

/* @days after the local day of @now, at @hour:00 local time. */
static gint64
local_day_at (gint64 now,
              int    days,
              int    hour)
{
  g_autoptr(GDateTime) here = g_date_time_new_from_unix_local (now);
  g_autoptr(GDateTime) day = NULL;
  g_autoptr(GDateTime) at = NULL;

  if (here == NULL)
    return now + (gint64) days * 86400;
  day = g_date_time_add_days (here, days);
  at = g_date_time_new_local (g_date_time_get_year (day),
                              g_date_time_get_month (day),
                              g_date_time_get_day_of_month (day),
                              hour, 0, 0);
  if (at == NULL)
    return now + (gint64) days * 86400;
  return g_date_time_to_unix (at);
}

CdFollowupProposal *
cd_followup_propose_next (const CdFollowup *followup,
                          CdOutcome         outcome,
                          gint64            now)
{
  CdFollowupProposal *proposal;
  int days;

  g_return_val_if_fail (followup != NULL, NULL);

  if (outcome == CD_OUTCOME_UNREACHABLE)
    days = 1;
  else if (outcome == CD_OUTCOME_UNSATISFIED)
    days = 2;
  else
    return NULL;

  proposal = g_new0 (CdFollowupProposal, 1);
  proposal->complaint_id = followup->complaint_id;
  proposal->due_at = local_day_at (now, days, 10);
  proposal->assignee_id = followup->assignee_id;
  proposal->method = followup->method;
  proposal->because = outcome;
  return proposal;
}

/* Loads the follow-up inside the open transaction and checks the version
 * the caller saw. */
static CdFollowup *
load_for_change (CdStore  *store,
                 gint64    id,
                 gint64    expected_version,
                 GError  **error)
{
  g_autoptr(CdFollowup) f = cd_followup_load (store, id, error);

  if (f == NULL)
    return NULL;
  if (expected_version != 0 && f->version != expected_version)
    {
      stale (error, _("follow-up"));
      return NULL;
    }
  return g_steal_pointer (&f);
}

static gboolean
check_open_followup (const CdFollowup  *f,
                     const char        *action,
                     GError           **error)
{
  if (f->status == CD_FOLLOWUP_SCHEDULED || f->status == CD_FOLLOWUP_MISSED)
    return TRUE;
  /* Translators: the second %s is an action such as "record an outcome for". */
  g_set_error (error, CD_STORE_ERROR, CD_STORE_ERROR_INVALID,
               _("This follow-up is already “%s”, so you cannot %s it. Schedule a new follow-up instead."),
               cd_followup_status_label (f->status), action);
  return FALSE;
}

gboolean
cd_followup_record_outcome (CdStore              *store,
                            gint64                id,
                            gint64                expected_version,
                            CdOutcome             outcome,
                            int                   satisfaction,
                            const char           *notes,
                            CdFollowupProposal  **out_proposal,
                            GError              **error)
{
  g_autoptr(CdFollowup) f = NULL;
  g_autofree char *done_text = NULL;
  g_autofree char *satisfaction_text = NULL;
  g_autofree char *notes_text = NULL;
  GError *local_error = NULL;
  gint64 now;
  guint n_fields;

  g_return_val_if_fail (CD_IS_STORE (store), FALSE);

  if (out_proposal != NULL)
    *out_proposal = NULL;

  if ((guint) outcome >= cd_outcome_count ())
    {
      g_set_error_literal (error, CD_STORE_ERROR, CD_STORE_ERROR_INVALID,
                           _("The outcome is not one of satisfied, neutral, unsatisfied or unreachable. Choose one of them."));
      return FALSE;
    }
  if (satisfaction != 0 && (satisfaction < 1 || satisfaction > 5))
    {
      g_set_error (error, CD_STORE_ERROR, CD_STORE_ERROR_INVALID,
                   _("The satisfaction score must be from 1 to 5 (or not given); %d is not."), satisfaction);
      return FALSE;
    }
  if (!check_length (notes, CD_FOLLOWUP_NOTES_MAX_CHARS, _("notes text"), error))
    return FALSE;

  if (!cd_store_begin (store, error))
    return FALSE;

  f = load_for_change (store, id, expected_version, &local_error);
  if (f == NULL)
    goto fail;
  if (!check_open_followup (f, _("record an outcome for"), &local_error))
    goto fail;

  now = cd_store_now (store);
  done_text = cd_int_text (now);
  if (satisfaction != 0)
    satisfaction_text = g_strdup_printf ("%d", satisfaction);
  if (notes != NULL)
    notes_text = *notes != '\0' ? g_strdup (notes) : NULL;

  {
    const CdField fields[] = {
      { "status", cd_followup_status_to_nick (CD_FOLLOWUP_DONE) },
      { "done_at", done_text },
      { "outcome", cd_outcome_to_nick (outcome) },
      { "satisfaction", satisfaction_text },
      { "notes", notes_text },
    };
    n_fields = notes != NULL ? G_N_ELEMENTS (fields) : G_N_ELEMENTS (fields) - 1;
    if (!cd_store_update (store, "followups", id, f->version, fields, n_fields, &local_error))
      goto fail;
  }
  if (!clear_snoozes (store, id, &local_error))
    goto fail;

  if (!cd_store_finish (store, TRUE, error))
    return FALSE;

  if (out_proposal != NULL)
    *out_proposal = cd_followup_propose_next (f, outcome, now);
  return TRUE;

fail:
  cd_store_finish (store, FALSE, NULL);
  g_propagate_error (error, local_error);
  return FALSE;
}

static gboolean
set_followup_status (CdStore           *store,
                     gint64             id,
                     gint64             expected_version,
                     CdFollowupStatus   new_status,
                     GError           **error)
{
  g_autoptr(CdFollowup) f = NULL;
  GError *local_error = NULL;

  g_return_val_if_fail (CD_IS_STORE (store), FALSE);

  if (!cd_store_begin (store, error))
    return FALSE;

  f = load_for_change (store, id, expected_version, &local_error);
  if (f == NULL)
    goto fail;

  if (new_status == CD_FOLLOWUP_CANCELLED &&
      !check_open_followup (f, _("cancel"), &local_error))
    goto fail;
  if (new_status == CD_FOLLOWUP_MISSED && f->status != CD_FOLLOWUP_SCHEDULED)
    {
      g_set_error (&local_error, CD_STORE_ERROR, CD_STORE_ERROR_INVALID,
                   _("Only a scheduled follow-up can be marked as missed; this one is “%s”."),
                   cd_followup_status_label (f->status));
      goto fail;
    }

  {
    const CdField fields[] = {
      { "status", cd_followup_status_to_nick (new_status) },
    };
    if (!cd_store_update (store, "followups", id, f->version, fields, G_N_ELEMENTS (fields), &local_error))
      goto fail;
  }
  if (!clear_snoozes (store, id, &local_error))
    goto fail;
  return cd_store_finish (store, TRUE, error);

fail:
  cd_store_finish (store, FALSE, NULL);
  g_propagate_error (error, local_error);
  return FALSE;
}

gboolean
cd_followup_cancel (CdStore  *store,
                    gint64    id,
                    gint64    expected_version,
                    GError  **error)
{
  return set_followup_status (store, id, expected_version, CD_FOLLOWUP_CANCELLED, error);
}

gboolean
cd_followup_mark_missed (CdStore  *store,
                         gint64    id,
                         gint64    expected_version,
                         GError  **error)
{
  return set_followup_status (store, id, expected_version, CD_FOLLOWUP_MISSED, error);
}

gboolean
cd_followup_reschedule (CdStore  *store,
                        gint64    id,
                        gint64    expected_version,
                        gint64    new_due_at,
                        GError  **error)
{
  g_autoptr(CdFollowup) f = NULL;
  g_autofree char *due_text = NULL;
  GError *local_error = NULL;
  int status;

  g_return_val_if_fail (CD_IS_STORE (store), FALSE);

  if (!check_due (new_due_at, error))
    return FALSE;
  if (!cd_store_begin (store, error))
    return FALSE;

  f = load_for_change (store, id, expected_version, &local_error);
  if (f == NULL)
    goto fail;
  if (!check_open_followup (f, _("reschedule"), &local_error))
    goto fail;
  status = complaint_status (store, f->complaint_id, NULL, &local_error);
  if (status < 0)
    goto fail;
  if (status == CD_COMPLAINT_CLOSED)
    {
      g_set_error_literal (&local_error, CD_STORE_ERROR, CD_STORE_ERROR_INVALID,
                           _("This complaint is closed, so its follow-ups cannot be moved. Reopen it first."));
      goto fail;
    }

  due_text = cd_int_text (new_due_at);
  {
    const CdField fields[] = {
      { "due_at", due_text },
      { "status", cd_followup_status_to_nick (CD_FOLLOWUP_SCHEDULED) },
    };
    if (!cd_store_update (store, "followups", id, f->version, fields, G_N_ELEMENTS (fields), &local_error))
      goto fail;
  }
  if (!clear_snoozes (store, id, &local_error))
    goto fail;
  return cd_store_finish (store, TRUE, error);

fail:
  cd_store_finish (store, FALSE, NULL);
  g_propagate_error (error, local_error);
  return FALSE;
}

gboolean
cd_followup_reassign (CdStore  *store,
                      gint64    id,
                      gint64    expected_version,
                      gint64    assignee_id,
                      GError  **error)
{
  g_autoptr(CdFollowup) f = NULL;
  g_autofree char *assignee_text = NULL;
  GError *local_error = NULL;

  g_return_val_if_fail (CD_IS_STORE (store), FALSE);

  if (!cd_store_begin (store, error))
    return FALSE;

  f = load_for_change (store, id, expected_version, &local_error);
  if (f == NULL)
    goto fail;
  if (!check_open_followup (f, _("reassign"), &local_error))
    goto fail;
  if (!check_active_staff (store, assignee_id, _("person to make the follow-up"), &local_error))
    goto fail;

  assignee_text = cd_int_text (assignee_id);
  {
    const CdField fields[] = {
      { "assignee_id", assignee_text },
    };
    if (!cd_store_update (store, "followups", id, f->version, fields, G_N_ELEMENTS (fields), &local_error))
      goto fail;
  }
  return cd_store_finish (store, TRUE, error);

fail:
  cd_store_finish (store, FALSE, NULL);
  g_propagate_error (error, local_error);
  return FALSE;
}

gboolean
cd_followup_move (CdStore  *store,
                  gint64    id,
                  gint64    expected_version,
                  gint64    new_due_at,
                  gint64    assignee_id,
                  GError  **error)
{
  GError *local_error = NULL;
  gint64 version = expected_version;

  g_return_val_if_fail (CD_IS_STORE (store), FALSE);

  if (!cd_store_begin (store, error))
    return FALSE;

  if (new_due_at != 0)
    {
      if (!cd_followup_reschedule (store, id, version, new_due_at, &local_error))
        goto fail;
      /* In this transaction the version moved by exactly one. */
      if (version != 0)
        version++;
    }
  if (assignee_id != 0 && !cd_followup_reassign (store, id, version, assignee_id, &local_error))
    goto fail;

  return cd_store_finish (store, TRUE, error);

fail:
  cd_store_finish (store, FALSE, NULL);
  g_propagate_error (error, local_error);
  return FALSE;
}

/* Lists ------------------------------------------------------------------ */

gint64
cd_local_day_end (gint64 now)
{
  return local_day_at (now, 1, 0);
}
