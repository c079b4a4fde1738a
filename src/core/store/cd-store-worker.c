/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "caredesk-store"

#include "config.h"

#include "cd-store-private.h"

/* A job of cd_store_run_async(): made on the caller's thread, run on the
 * worker's, completed (and freed) on the caller's main context again. */
typedef struct {
  CdStore         *store;   /* the caller's store; the task keeps it alive */
  CdStoreLane      lane;
  GTask           *task;
  CdStoreJobFunc   func;
  CdStoreIdentity  identity;
  gboolean         ok;
  GError          *error;
  CdChangeSet     *changes;  /* what the job committed */
} Job;

struct _CdStoreWorker
{
  CdStoreLane  lane;
  GThread     *thread;
  GAsyncQueue *queue;
  CdStore     *peer;   /* the worker thread's own */
};

/* Pushed to end the thread: a job pointer that is never a real one. */
static Job quit_job;

static void
job_free (gpointer data)
{
  Job *job = data;

  cd_store_identity_clear (&job->identity);
  g_clear_error (&job->error);
  g_clear_pointer (&job->changes, cd_change_set_free);
  g_clear_object (&job->task);
  g_free (job);
}

static gboolean
complete_job_cb (gpointer data)
{
  Job *job = data;

  /* Views learn of the change before the caller hears that it is saved. */
  if (job->changes != NULL)
    cd_store_emit_changes (job->store, job->changes, CD_CHANGE_LOCAL);
  if (job->lane == CD_STORE_LANE_WRITE)
    cd_store_add_pending_write (job->store, -1);

  if (job->error != NULL)
    g_task_return_error (job->task, g_steal_pointer (&job->error));
  else
    g_task_return_boolean (job->task, job->ok);
  return G_SOURCE_REMOVE;
}

/* Runs @func on @context's thread. Not g_main_context_invoke(): when no
 * thread owns @context at that moment, it would run @func right here, on
 * the worker. */
static void
complete_in_context (GMainContext   *context,
                     GSourceFunc     func,
                     gpointer        data,
                     GDestroyNotify  destroy)
{
  g_autoptr(GSource) source = g_idle_source_new ();

  g_source_set_priority (source, G_PRIORITY_DEFAULT);
  g_source_set_callback (source, func, data, destroy);
  g_source_set_static_name (source, "[caredesk] store job done");
  g_source_attach (source, context);
}

static gboolean
waiting_cb (gpointer data)
{
  CdStore *store = data;

  /* Only while a write is still pending: this may come after it ended. */
  if (cd_store_get_pending_writes (store) > 0)
    cd_store_set_waiting_for_lock (store, TRUE);
  return G_SOURCE_REMOVE;
}

/* On the worker thread: the job's write has waited a while for the lock. */
static void
busy_long_cb (gpointer peer,
              gpointer data)
{
  Job *job = data;

  if (job->lane == CD_STORE_LANE_WRITE)
    complete_in_context (g_task_get_context (job->task), waiting_cb, g_object_ref (job->store), g_object_unref);
}

static void
run_job (CdStoreWorker *worker,
         Job           *job)
{
  GCancellable *cancellable = g_task_get_cancellable (job->task);

  if (g_cancellable_set_error_if_cancelled (cancellable, &job->error))
    return;

  if (worker->peer == NULL)
    worker->peer = cd_store_open_peer (job->store, &job->error);
  if (worker->peer == NULL)
    return;

  cd_store_identity_apply (worker->peer, &job->identity);
  cd_store_set_busy_cancellable (worker->peer, cancellable);
  cd_store_set_busy_long_func (worker->peer, busy_long_cb, job);
  job->ok = job->func (worker->peer, g_task_get_task_data (job->task), cancellable, &job->error);
  cd_store_set_busy_cancellable (worker->peer, NULL);
  cd_store_set_busy_long_func (worker->peer, NULL, NULL);
  cd_store_release (worker->peer);
  job->changes = cd_store_take_changes (worker->peer);

  /* A wait for the lock cut short reads as "busy"; say what happened. */
  if (!job->ok && g_cancellable_is_cancelled (cancellable))
    {
      g_clear_error (&job->error);
      g_cancellable_set_error_if_cancelled (cancellable, &job->error);
    }

  if (!job->ok && job->error == NULL)
    {
      g_critical ("A store job failed without saying why");
      g_set_error_literal (&job->error, CD_STORE_ERROR, CD_STORE_ERROR_FAILED,
                           "The database reported an error.");
    }
}

static gpointer
worker_thread (gpointer data)
{
  CdStoreWorker *worker = data;

  for (;;)
    {
      Job *job = g_async_queue_pop (worker->queue);

      if (job == &quit_job)
        break;
      run_job (worker, job);
      complete_in_context (g_task_get_context (job->task), complete_job_cb, job, job_free);
    }

  /* The connection is closed on the thread that used it. */
  g_clear_object (&worker->peer);
  return NULL;
}

CdStoreWorker *
cd_store_worker_new (CdStoreLane lane)
{
  CdStoreWorker *worker = g_new0 (CdStoreWorker, 1);

  worker->lane = lane;
  worker->queue = g_async_queue_new ();
  worker->thread = g_thread_new (lane == CD_STORE_LANE_WRITE ? "caredesk-write" : "caredesk-read",
                                 worker_thread, worker);
  return worker;
}

void
cd_store_worker_free (CdStoreWorker *worker)
{
  g_async_queue_push (worker->queue, &quit_job);
  if (worker->thread == g_thread_self ())
    g_critical ("A store was freed by its own worker");
  else
    g_thread_join (worker->thread);
  g_async_queue_unref (worker->queue);
  g_free (worker);
}

void
cd_store_run_async (CdStore             *self,
                    CdStoreLane          lane,
                    CdStoreJobFunc       func,
                    gpointer             job_data,
                    GDestroyNotify       job_data_destroy,
                    GCancellable        *cancellable,
                    GAsyncReadyCallback  callback,
                    gpointer             user_data)
{
  Job *job;

  g_return_if_fail (CD_IS_STORE (self));
  g_return_if_fail (lane < CD_STORE_N_LANES);
  g_return_if_fail (func != NULL);

  job = g_new0 (Job, 1);
  job->store = self;
  job->lane = lane;
  job->func = func;
  job->task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (job->task, cd_store_run_async);
  g_task_set_task_data (job->task, job_data, job_data_destroy);
  cd_store_identity_capture (self, &job->identity);
  if (lane == CD_STORE_LANE_WRITE)
    cd_store_add_pending_write (self, 1);

  g_async_queue_push (cd_store_get_worker (self, lane)->queue, job);
}

gboolean
cd_store_run_finish (CdStore       *self,
                     GAsyncResult  *result,
                     GError       **error)
{
  g_return_val_if_fail (CD_IS_STORE (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == cd_store_run_async, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

gpointer
cd_store_run_get_data (GAsyncResult *result)
{
  g_return_val_if_fail (G_IS_TASK (result), NULL);
  return g_task_get_task_data (G_TASK (result));
}
