/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "caredesk-customers"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "cd-sql-util.h"
#include "cd-customers-private.h"

/* Account owner changes -------------------------------------------------
 * The owner sees a customer's phone and email unmasked, so only a team
 * lead or an administrator changes it; a rep (or trainer) asks, and a
 * lead decides. Every step is an audited write. */

#define DECIDING_ROLES (CD_ROLE_BIT (CD_ROLE_LEAD) | CD_ROLE_BIT (CD_ROLE_ADMIN))

#define CD_OWNER_REQUEST_REASON_MAX_CHARS 1000

static const char *const status_nicks[] = { "open", "approved", "declined", "withdrawn" };

gboolean
cd_customer_may_change_owner (CdStore *store)
{
  g_return_val_if_fail (CD_IS_STORE (store), FALSE);

  return cd_store_get_staff_id (store) != 0 &&
         (CD_ROLE_BIT (cd_store_get_role (store)) & DECIDING_ROLES) != 0;
}

/* In the caller's transaction: FALSE with CD_STORE_ERROR_PERMISSION when
 * saving @owner_id on customer @id would change its owner and the
 * signed-in person may not. */
gboolean
cd_customer_check_owner_change (CdStore  *store,
                                gint64    id,
                                gint64    owner_id,
                                GError  **error)
{
  GError *local_error = NULL;
  gint64 current;

  if (cd_customer_may_change_owner (store))
    return TRUE;

  current = cd_store_query_int (store, "SELECT ifnull(owner_id, 0) FROM customers WHERE id = ?", id, -1, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, local_error);
      return FALSE;
    }
  /* A deleted customer: the update reports it. */
  if (current < 0 || current == MAX (owner_id, 0))
    return TRUE;

  g_set_error_literal (error, CD_STORE_ERROR, CD_STORE_ERROR_PERMISSION,
                       _("Only a team lead or an administrator can change a customer’s account owner. "
                         "Ask for the change from the customer’s page; nothing else was saved."));
  return FALSE;
}

void
cd_owner_request_free (CdOwnerRequest *request)
{
  if (request == NULL)
    return;
  g_free (request->customer_name);
  g_free (request->requester_name);
  g_free (request->owner_name);
  g_free (request->decider_name);
  g_free (request->reason);
  g_free (request);
}

const char *
cd_owner_request_status_to_nick (CdOwnerRequestStatus status)
{
  g_return_val_if_fail ((guint) status < G_N_ELEMENTS (status_nicks), "open");
  return status_nicks[status];
}

static CdOwnerRequestStatus
status_from_nick (const char *nick)
{
  for (guint i = 0; i < G_N_ELEMENTS (status_nicks); i++)
    if (g_strcmp0 (nick, status_nicks[i]) == 0)
      return (CdOwnerRequestStatus) i;
  return CD_OWNER_REQUEST_OPEN;
}

#define REQUEST_SELECT \
  "SELECT r.id, r.customer_id, c.name, r.requested_by, rs.display_name, r.owner_id, os.display_name," \
  " r.reason, r.status, r.decided_by, ds.display_name, r.decided_at, r.created_at, r.version" \
  " FROM customer_owner_requests r" \
  " JOIN customers c ON c.id = r.customer_id" \
  " LEFT JOIN staff rs ON rs.id = r.requested_by" \
  " LEFT JOIN staff os ON os.id = r.owner_id" \
  " LEFT JOIN staff ds ON ds.id = r.decided_by"

static CdOwnerRequest *
request_from_row (sqlite3_stmt *stmt)
{
  CdOwnerRequest *request = g_new0 (CdOwnerRequest, 1);

  request->id = cd_sql_column_int64 (stmt, 0);
  request->customer_id = cd_sql_column_int64 (stmt, 1);
  request->customer_name = cd_sql_column_dup (stmt, 2);
  request->requested_by = cd_sql_column_int64 (stmt, 3);
  request->requester_name = cd_sql_column_dup (stmt, 4);
  request->owner_id = cd_sql_column_int64 (stmt, 5);
  request->owner_name = cd_sql_column_dup (stmt, 6);
  request->reason = cd_sql_column_dup (stmt, 7);
  request->status = status_from_nick ((const char *) sqlite3_column_text (stmt, 8));
  request->decided_by = cd_sql_column_int64 (stmt, 9);
  request->decider_name = cd_sql_column_dup (stmt, 10);
  request->decided_at = cd_sql_column_int64 (stmt, 11);
  request->created_at = cd_sql_column_int64 (stmt, 12);
  request->version = cd_sql_column_int64 (stmt, 13);
  return request;
}

static GPtrArray *
query_requests (CdStore    *store,
                const char *sql,
                gint64      bind1,
                GError    **error)
{
  g_autoptr(GPtrArray) requests = g_ptr_array_new_with_free_func ((GDestroyNotify) cd_owner_request_free);
  sqlite3_stmt *stmt = cd_store_prepare (store, sql, error);
  int rc;

  if (stmt == NULL)
    return NULL;
  if (bind1 != CD_NO_BIND)
    sqlite3_bind_int64 (stmt, 1, bind1);
  while ((rc = cd_store_step (store, stmt, error)) == SQLITE_ROW)
    g_ptr_array_add (requests, request_from_row (stmt));
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return NULL;
  return g_steal_pointer (&requests);
}

CdOwnerRequest *
cd_owner_request_load (CdStore  *store,
                       gint64    id,
                       GError  **error)
{
  g_autoptr(GPtrArray) found = NULL;

  g_return_val_if_fail (CD_IS_STORE (store), NULL);

  found = query_requests (store, REQUEST_SELECT " WHERE r.id = ?1", id, error);
  if (found == NULL)
    return NULL;
  if (found->len == 0)
    {
      g_set_error_literal (error, CD_STORE_ERROR, CD_STORE_ERROR_NOT_FOUND,
                           _("The request no longer exists; its customer may have been deleted or merged."));
      return NULL;
    }
  return g_ptr_array_steal_index (found, 0);
}

GPtrArray *
cd_owner_requests_for_customer (CdStore  *store,
                                gint64    customer_id,
                                GError  **error)
{
  g_return_val_if_fail (CD_IS_STORE (store), NULL);

  return query_requests (store, REQUEST_SELECT " WHERE r.customer_id = ?1 AND r.status = 'open'"
                                " ORDER BY r.created_at, r.id", customer_id, error);
}

GPtrArray *
cd_owner_requests_open (CdStore  *store,
                        GError  **error)
{
  g_return_val_if_fail (CD_IS_STORE (store), NULL);

  return query_requests (store, REQUEST_SELECT " WHERE r.status = 'open' ORDER BY r.created_at, r.id",
                         CD_NO_BIND, error);
}

static gboolean
check_owner_is_active_staff (CdStore  *store,
                             gint64    owner_id,
                             GError  **error)
{
  GError *local_error = NULL;
  gint64 active;

  if (owner_id == 0)
    return TRUE;
  active = cd_store_query_int (store, "SELECT active FROM staff WHERE id = ?", owner_id, 0, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, local_error);
      return FALSE;
    }
  if (active != 1)
    {
      g_set_error_literal (error, CD_STORE_ERROR, CD_STORE_ERROR_INVALID,
                           _("Choose an active member of staff as the new account owner, or no owner."));
      return FALSE;
    }
  return TRUE;
}

/* The id of @staff_id's open request about @customer_id, 0 when none. */
static gint64
open_request_of (CdStore  *store,
                 gint64    customer_id,
                 gint64    staff_id,
                 GError  **error)
{
  sqlite3_stmt *stmt = cd_store_prepare (store,
                                         "SELECT id FROM customer_owner_requests"
                                         " WHERE customer_id = ?1 AND requested_by = ?2 AND status = 'open'",
                                         error);
  gint64 id = 0;
  int rc;

  if (stmt == NULL)
    return 0;
  sqlite3_bind_int64 (stmt, 1, customer_id);
  sqlite3_bind_int64 (stmt, 2, staff_id);
  rc = cd_store_step (store, stmt, error);
  if (rc == SQLITE_ROW)
    id = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  return id;
}

gint64
cd_owner_request_create (CdStore     *store,
                         gint64       customer_id,
                         gint64       owner_id,
                         const char  *reason,
                         GError     **error)
{
  g_autofree char *reason_text = NULL;
  g_autofree char *customer_text = NULL;
  g_autofree char *me_text = NULL;
  g_autofree char *owner_text = NULL;
  GError *local_error = NULL;
  gint64 current_owner;
  gint64 id;

  g_return_val_if_fail (CD_IS_STORE (store), 0);
  g_return_val_if_fail (owner_id >= 0, 0);

  if (!cd_customers_check_signed_in (store, error))
    return 0;

  reason_text = cd_optional_text (reason);
  if (reason_text != NULL && g_utf8_strlen (reason_text, -1) > CD_OWNER_REQUEST_REASON_MAX_CHARS)
    {
      g_set_error (error, CD_STORE_ERROR, CD_STORE_ERROR_INVALID,
                   _("The reason is too long: keep it under %d characters."), CD_OWNER_REQUEST_REASON_MAX_CHARS);
      return 0;
    }
  if (reason_text != NULL && !g_utf8_validate (reason_text, -1, NULL))
    {
      g_set_error_literal (error, CD_STORE_ERROR, CD_STORE_ERROR_INVALID,
                           _("The reason contains text that is not valid UTF-8."));
      return 0;
    }

  if (!cd_store_begin (store, error))
    return 0;

  current_owner = cd_store_query_int (store, "SELECT ifnull(owner_id, 0) FROM customers WHERE id = ?",
                                      customer_id, -1, &local_error);
  if (local_error == NULL && current_owner < 0)
    g_set_error_literal (&local_error, CD_STORE_ERROR, CD_STORE_ERROR_NOT_FOUND,
                         _("The customer no longer exists; someone may have deleted or merged it."));
  else if (local_error == NULL && current_owner == owner_id)
    g_set_error_literal (&local_error, CD_STORE_ERROR, CD_STORE_ERROR_INVALID,
                         owner_id == 0 ? _("The customer has no account owner already.")
                                       : _("That person is the account owner already."));
  if (local_error == NULL)
    check_owner_is_active_staff (store, owner_id, &local_error);
  if (local_error != NULL)
    {
      cd_store_rollback (store);
      g_propagate_error (error, local_error);
      return 0;
    }

  /* One open request per person and customer: asking again replaces it. */
  {
    gint64 open_id = open_request_of (store, customer_id, cd_store_get_staff_id (store), &local_error);

    if (local_error == NULL && open_id > 0)
      {
        const CdField withdraw[] = { { "status", "withdrawn" } };
        cd_store_update (store, "customer_owner_requests", open_id, 0, withdraw, G_N_ELEMENTS (withdraw), &local_error);
      }
  }
  if (local_error != NULL)
    {
      cd_store_rollback (store);
      g_propagate_error (error, local_error);
      return 0;
    }

  customer_text = g_strdup_printf ("%" G_GINT64_FORMAT, customer_id);
  me_text = g_strdup_printf ("%" G_GINT64_FORMAT, cd_store_get_staff_id (store));
  owner_text = owner_id > 0 ? g_strdup_printf ("%" G_GINT64_FORMAT, owner_id) : NULL;

  {
    const CdField fields[] = {
      { "customer_id", customer_text }, { "requested_by", me_text },
      { "owner_id", owner_text }, { "reason", reason_text }, { "status", "open" },
    };
    id = cd_store_insert (store, "customer_owner_requests", fields, G_N_ELEMENTS (fields), &local_error);
  }
  if (id == 0)
    {
      cd_store_rollback (store);
      g_propagate_error (error, local_error);
      return 0;
    }
  if (!cd_store_commit (store, error))
    return 0;
  return id;
}

/* Loads request @id in the caller's transaction, checked to be open and
 * at @expected_version (0: any). */
static CdOwnerRequest *
load_open_request (CdStore  *store,
                   gint64    id,
                   gint64    expected_version,
                   GError  **error)
{
  g_autoptr(CdOwnerRequest) request = cd_owner_request_load (store, id, error);

  if (request == NULL)
    return NULL;
  if (request->status != CD_OWNER_REQUEST_OPEN)
    {
      g_set_error (error, CD_STORE_ERROR, CD_STORE_ERROR_STALE,
                   request->status == CD_OWNER_REQUEST_APPROVED
                   ? _("%s approved this request already.")
                   : request->status == CD_OWNER_REQUEST_DECLINED
                   ? _("%s declined this request already.")
                   : _("%s withdrew this request."),
                   request->status == CD_OWNER_REQUEST_WITHDRAWN
                   ? (request->requester_name != NULL ? request->requester_name : "?")
                   : (request->decider_name != NULL ? request->decider_name : "?"));
      return NULL;
    }
  if (expected_version > 0 && request->version != expected_version)
    {
      g_set_error_literal (error, CD_STORE_ERROR, CD_STORE_ERROR_STALE,
                           _("Someone changed this request meanwhile; look at it again."));
      return NULL;
    }
  return g_steal_pointer (&request);
}

gboolean
cd_owner_request_withdraw (CdStore  *store,
                           gint64    id,
                           gint64    expected_version,
                           GError  **error)
{
  g_autoptr(CdOwnerRequest) request = NULL;
  const CdField fields[] = { { "status", "withdrawn" } };
  GError *local_error = NULL;

  g_return_val_if_fail (CD_IS_STORE (store), FALSE);

  if (!cd_customers_check_signed_in (store, error) || !cd_store_begin (store, error))
    return FALSE;

  request = load_open_request (store, id, expected_version, &local_error);
  if (request != NULL && request->requested_by != cd_store_get_staff_id (store))
    g_set_error_literal (&local_error, CD_STORE_ERROR, CD_STORE_ERROR_PERMISSION,
                         _("Only the person who asked can withdraw a request."));
  if (local_error == NULL)
    cd_store_update (store, "customer_owner_requests", id, 0, fields, G_N_ELEMENTS (fields), &local_error);
  if (local_error != NULL)
    {
      cd_store_rollback (store);
      g_propagate_error (error, local_error);
      return FALSE;
    }
  return cd_store_commit (store, error);
}

gboolean
cd_owner_request_decide (CdStore  *store,
                         gint64    id,
                         gint64    expected_version,
                         gboolean  approve,
                         GError  **error)
{
  g_autoptr(CdOwnerRequest) request = NULL;
  g_autofree char *me_text = NULL;
  g_autofree char *now_text = NULL;
  g_autofree char *owner_text = NULL;
  GError *local_error = NULL;

  g_return_val_if_fail (CD_IS_STORE (store), FALSE);

  if (!cd_store_require_role (store, DECIDING_ROLES, error) || !cd_store_begin (store, error))
    return FALSE;

  request = load_open_request (store, id, expected_version, &local_error);
  if (request != NULL && approve)
    check_owner_is_active_staff (store, request->owner_id, &local_error);

  if (local_error == NULL)
    {
      const CdField fields[] = {
        { "status", approve ? "approved" : "declined" },
        { "decided_by", me_text = g_strdup_printf ("%" G_GINT64_FORMAT, cd_store_get_staff_id (store)) },
        { "decided_at", now_text = g_strdup_printf ("%" G_GINT64_FORMAT, cd_store_now (store)) },
      };
      cd_store_update (store, "customer_owner_requests", id, 0, fields, G_N_ELEMENTS (fields), &local_error);
    }
  if (local_error == NULL && approve)
    {
      const CdField owner[] = {
        { "owner_id", owner_text = request->owner_id > 0 ? g_strdup_printf ("%" G_GINT64_FORMAT, request->owner_id) : NULL },
      };
      cd_store_update (store, "customers", request->customer_id, 0, owner, G_N_ELEMENTS (owner), &local_error);
    }
  /* Other people's requests about the same customer are answered by an
   * approval: the owner has changed under them. */
  if (local_error == NULL && approve)
    {
      g_autoptr(GPtrArray) others = cd_owner_requests_for_customer (store, request->customer_id, &local_error);
      const CdField declined[] = {
        { "status", "declined" }, { "decided_by", me_text }, { "decided_at", now_text },
      };

      for (guint i = 0; others != NULL && local_error == NULL && i < others->len; i++)
        {
          CdOwnerRequest *other = g_ptr_array_index (others, i);
          cd_store_update (store, "customer_owner_requests", other->id, 0,
                           declined, G_N_ELEMENTS (declined), &local_error);
        }
    }

  if (local_error != NULL)
    {
      cd_store_rollback (store);
      g_propagate_error (error, local_error);
      return FALSE;
    }
  return cd_store_commit (store, error);
}
