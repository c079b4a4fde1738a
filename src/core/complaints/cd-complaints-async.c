/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "caredesk-complaints"

#include "config.h"

#include "cd-complaints.h"

/* The complaint and follow-up writes run on the store's write worker:
 * one job data type for all of them, holding copies of the arguments and
 * the result, so that the caller may free its own at once. */

typedef enum {
  WRITE_CREATE,
  WRITE_UPDATE,
  WRITE_SET_STATUS,
  WRITE_SCHEDULE,
  WRITE_RECORD_OUTCOME,
  WRITE_MOVE,
  WRITE_CANCEL,
  WRITE_MARK_MISSED,
} WriteKind;

typedef struct {
  WriteKind            kind;
  gint64               id;
  gint64               expected_version;
  CdComplaint         *values;        /* create, update */
  CdComplaintFields    fields;        /* update */
  CdComplaintStatus    status;        /* set status */
  gint64               due_at;        /* schedule, move */
  gint64               assignee_id;   /* schedule, move */
  CdFollowupMethod     method;        /* schedule */
  CdOutcome            outcome;       /* record outcome */
  int                  satisfaction;  /* record outcome */
  char                *notes;         /* schedule, record outcome */

  /* Results */
  gint64               new_id;
  CdFollowupProposal  *proposal;
} Write;

static void
write_free (gpointer data)
{
  Write *w = data;

  g_clear_pointer (&w->values, cd_complaint_free);
  g_clear_pointer (&w->proposal, cd_followup_proposal_free);
  g_free (w->notes);
  g_free (w);
}

static CdComplaint *
complaint_copy (const CdComplaint *from)
{
  CdComplaint *c = g_new (CdComplaint, 1);

  *c = *from;
  c->summary = g_strdup (from->summary);
  c->details = g_strdup (from->details);
  c->category = g_strdup (from->category);
  c->resolution = g_strdup (from->resolution);
  c->compensation = g_strdup (from->compensation);
  c->customer_name = g_strdup (from->customer_name);
  return c;
}

/* On the worker thread, with its connection. */
static gboolean
run_write (CdStore       *store,
           gpointer       data,
           GCancellable  *cancellable,
           GError       **error)
{
  Write *w = data;

  switch (w->kind)
    {
    case WRITE_CREATE:
      w->new_id = cd_complaint_create_full (store, w->values, error);
      return w->new_id != 0;
    case WRITE_UPDATE:
      return cd_complaint_update (store, w->id, w->expected_version, w->fields, w->values, error);
    case WRITE_SET_STATUS:
      return cd_complaint_set_status (store, w->id, w->expected_version, w->status, error);
    case WRITE_SCHEDULE:
      w->new_id = cd_followup_schedule (store, w->id, w->due_at, w->assignee_id, w->method,
                                        w->notes, error);
      return w->new_id != 0;
    case WRITE_RECORD_OUTCOME:
      return cd_followup_record_outcome (store, w->id, w->expected_version, w->outcome,
                                         w->satisfaction, w->notes, &w->proposal, error);
    case WRITE_MOVE:
      return cd_followup_move (store, w->id, w->expected_version, w->due_at, w->assignee_id, error);
    case WRITE_CANCEL:
      return cd_followup_cancel (store, w->id, w->expected_version, error);
    case WRITE_MARK_MISSED:
      return cd_followup_mark_missed (store, w->id, w->expected_version, error);
    default:
      g_assert_not_reached ();
    }
}

static Write *
write_new (WriteKind kind,
           gint64    id,
           gint64    expected_version)
{
  Write *w = g_new0 (Write, 1);

  w->kind = kind;
  w->id = id;
  w->expected_version = expected_version;
  return w;
}

static void
write_start (CdStore             *store,
             Write               *w,
             GCancellable        *cancellable,
             GAsyncReadyCallback  callback,
             gpointer             user_data)
{
  cd_store_run_async (store, CD_STORE_LANE_WRITE, run_write, w, write_free,
                      cancellable, callback, user_data);
}

/* The job's data after it ran, or NULL with @error when it failed. */
static Write *
write_finish (CdStore       *store,
              GAsyncResult  *result,
              WriteKind      kind,
              GError       **error)
{
  Write *w;

  g_return_val_if_fail (CD_IS_STORE (store), NULL);
  g_return_val_if_fail (G_IS_ASYNC_RESULT (result), NULL);

  w = cd_store_run_get_data (result);
  g_return_val_if_fail (w != NULL && w->kind == kind, NULL);

  if (!cd_store_run_finish (store, result, error))
    return NULL;
  return w;
}

/* Complaints ------------------------------------------------------------- */

void
cd_complaint_create_async (CdStore             *store,
                           const CdComplaint   *values,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  Write *w;

  g_return_if_fail (CD_IS_STORE (store));
  g_return_if_fail (values != NULL);

  w = write_new (WRITE_CREATE, 0, 0);
  w->values = complaint_copy (values);
  write_start (store, w, cancellable, callback, user_data);
}

gint64
cd_complaint_create_finish (CdStore       *store,
                            GAsyncResult  *result,
                            GError       **error)
{
  Write *w = write_finish (store, result, WRITE_CREATE, error);

  return w != NULL ? w->new_id : 0;
}

void
cd_complaint_update_async (CdStore             *store,
                           gint64               id,
                           gint64               expected_version,
                           CdComplaintFields    fields,
                           const CdComplaint   *values,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  Write *w;

  g_return_if_fail (CD_IS_STORE (store));
  g_return_if_fail (values != NULL);

  w = write_new (WRITE_UPDATE, id, expected_version);
  w->fields = fields;
  w->values = complaint_copy (values);
  write_start (store, w, cancellable, callback, user_data);
}

gboolean
cd_complaint_update_finish (CdStore       *store,
                            GAsyncResult  *result,
                            GError       **error)
{
  return write_finish (store, result, WRITE_UPDATE, error) != NULL;
}

void
cd_complaint_set_status_async (CdStore             *store,
                               gint64               id,
                               gint64               expected_version,
                               CdComplaintStatus    new_status,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  Write *w;

  g_return_if_fail (CD_IS_STORE (store));

  w = write_new (WRITE_SET_STATUS, id, expected_version);
  w->status = new_status;
  write_start (store, w, cancellable, callback, user_data);
}

gboolean
cd_complaint_set_status_finish (CdStore       *store,
                                GAsyncResult  *result,
                                GError       **error)
{
  return write_finish (store, result, WRITE_SET_STATUS, error) != NULL;
}

/* Follow-ups ------------------------------------------------------------- */

void
cd_followup_schedule_async (CdStore             *store,
                            gint64               complaint_id,
                            gint64               due_at,
                            gint64               assignee_id,
                            CdFollowupMethod     method,
                            const char          *notes,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  Write *w;

  g_return_if_fail (CD_IS_STORE (store));

  w = write_new (WRITE_SCHEDULE, complaint_id, 0);
  w->due_at = due_at;
  w->assignee_id = assignee_id;
  w->method = method;
  w->notes = g_strdup (notes);
  write_start (store, w, cancellable, callback, user_data);
}

gint64
cd_followup_schedule_finish (CdStore       *store,
                             GAsyncResult  *result,
                             GError       **error)
{
  Write *w = write_finish (store, result, WRITE_SCHEDULE, error);

  return w != NULL ? w->new_id : 0;
}

void
cd_followup_record_outcome_async (CdStore             *store,
                                  gint64               id,
                                  gint64               expected_version,
                                  CdOutcome            outcome,
                                  int                  satisfaction,
                                  const char          *notes,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  Write *w;

  g_return_if_fail (CD_IS_STORE (store));

  w = write_new (WRITE_RECORD_OUTCOME, id, expected_version);
  w->outcome = outcome;
  w->satisfaction = satisfaction;
  w->notes = g_strdup (notes);
  write_start (store, w, cancellable, callback, user_data);
}

gboolean
cd_followup_record_outcome_finish (CdStore              *store,
                                   GAsyncResult         *result,
                                   CdFollowupProposal  **out_proposal,
                                   GError              **error)
{
  Write *w;

  if (out_proposal != NULL)
    *out_proposal = NULL;
  w = write_finish (store, result, WRITE_RECORD_OUTCOME, error);
  if (w == NULL)
    return FALSE;
  if (out_proposal != NULL)
    *out_proposal = g_steal_pointer (&w->proposal);
  return TRUE;
}

void
cd_followup_move_async (CdStore             *store,
                        gint64               id,
                        gint64               expected_version,
                        gint64               new_due_at,
                        gint64               assignee_id,
                        GCancellable        *cancellable,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data)
{
  Write *w;

  g_return_if_fail (CD_IS_STORE (store));

  w = write_new (WRITE_MOVE, id, expected_version);
  w->due_at = new_due_at;
  w->assignee_id = assignee_id;
  write_start (store, w, cancellable, callback, user_data);
}

gboolean
cd_followup_move_finish (CdStore       *store,
                         GAsyncResult  *result,
                         GError       **error)
{
  return write_finish (store, result, WRITE_MOVE, error) != NULL;
}

void
cd_followup_cancel_async (CdStore             *store,
                          gint64               id,
                          gint64               expected_version,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  g_return_if_fail (CD_IS_STORE (store));

  write_start (store, write_new (WRITE_CANCEL, id, expected_version),
               cancellable, callback, user_data);
}

gboolean
cd_followup_cancel_finish (CdStore       *store,
                           GAsyncResult  *result,
                           GError       **error)
{
  return write_finish (store, result, WRITE_CANCEL, error) != NULL;
}

void
cd_followup_mark_missed_async (CdStore             *store,
                               gint64               id,
                               gint64               expected_version,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_return_if_fail (CD_IS_STORE (store));

  write_start (store, write_new (WRITE_MARK_MISSED, id, expected_version),
               cancellable, callback, user_data);
}

gboolean
cd_followup_mark_missed_finish (CdStore       *store,
                                GAsyncResult  *result,
                                GError       **error)
{
  return write_finish (store, result, WRITE_MARK_MISSED, error) != NULL;
}
