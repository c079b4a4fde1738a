/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "caredesk-store"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <time.h>
#include <glib/gstdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cd-writer-queue.h"

/* Byte ranges of the lock file (see cd-writer-queue.h). Tickets wrap
 * around N_SLOTS slots: far more than writers ever wait at once. */
#define COUNTER_OFFSET 0
#define COUNTER_LENGTH 8
/* Read-locked by every writer in the middle of a long write (an import):
 * those waiting for it keep waiting past their deadline. */
#define LONG_OFFSET    16
#define SLOT_BASE      1024
#define N_SLOTS        65536

/* A waiter sleeps in the kernel until the writer before it is done, and
 * is woken this often to look at the clock and its cancellable. */
#define TICK_NS       (100 * 1000 * 1000)
#define LONG_WAIT_US  (200 * 1000)

struct _CdWriterQueue
{
  int      fd;
  gboolean holding;
  off_t    slot;     /* the byte of the ticket held */
};

static void
tick_handler (int signal_number)
{
}

static int
set_lock (int      fd,
          short    type,
          off_t    start,
          off_t    length,
          gboolean wait)
{
  struct flock fl;

  memset (&fl, 0, sizeof fl);
  fl.l_type = type;
  fl.l_whence = SEEK_SET;
  fl.l_start = start;
  fl.l_len = length;
  /* l_pid must be 0 for open file description locks. */
  for (;;)
    {
      int rc = fcntl (fd, wait ? F_OFD_SETLKW : F_OFD_SETLK, &fl);
      if (rc == 0 || errno != EINTR)
        return rc;
    }
}

CdWriterQueue *
cd_writer_queue_open (const char *db_path,
                      gboolean    remote)
{
  g_autofree char *path = g_strconcat (db_path, "-writers", NULL);
  CdWriterQueue *queue;
  GStatBuf st;
  int fd;

  fd = g_open (path, O_RDWR | O_CREAT | O_CLOEXEC, 0600);
  if (fd < 0)
    {
      g_debug ("No writers' line for %s: %s", db_path, g_strerror (errno));
      return NULL;
    }
  /* As private as the database itself, and as shared within its group. */
  if (g_stat (db_path, &st) == 0)
    {
      if (fchmod (fd, st.st_mode & 0666) != 0)
        g_debug ("Could not set the permissions of %s: %s", path, g_strerror (errno));
      if (fchown (fd, (uid_t) -1, st.st_gid) != 0 && errno != EPERM)
        g_debug ("Could not set the group of %s: %s", path, g_strerror (errno));
    }

  queue = g_new0 (CdWriterQueue, 1);
  queue->fd = fd;
  return queue;
}

void
cd_writer_queue_free (CdWriterQueue *queue)
{
  if (queue == NULL)
    return;
  cd_writer_queue_leave (queue);
  close (queue->fd);
  g_free (queue);
}

/* The signal that interrupts a blocked wait for a lock. Its handler does
 * nothing: the point is that fcntl() returns with EINTR. Real-time, so
 * that nothing else (GLib, GTK) uses it; installed without SA_RESTART. */
static int
tick_signal (void)
{
  static gsize installed;
  static int signal_number;

  if (g_once_init_enter (&installed))
    {
      struct sigaction sa;

      signal_number = SIGRTMIN + 4;
      /* Not SIG_IGN, which would not interrupt the call. */
      memset (&sa, 0, sizeof sa);
      sa.sa_handler = tick_handler;
      sigemptyset (&sa.sa_mask);
      sigaction (signal_number, &sa, NULL);
      g_once_init_leave (&installed, 1);
    }
  return signal_number;
}

static off_t
slot_of (guint64 ticket)
{
  return SLOT_BASE + (off_t) (ticket % N_SLOTS);
}

/* Takes the next ticket and locks its byte; FALSE when the line cannot
 * be used right now. */
static gboolean
take_ticket (CdWriterQueue *queue,
             guint64       *ticket)
{
  guint8 bytes[COUNTER_LENGTH] = { 0 };
  guint64 next = 0;
  gboolean ok = FALSE;

  if (set_lock (queue->fd, F_WRLCK, COUNTER_OFFSET, COUNTER_LENGTH, TRUE) != 0)
    return FALSE;

  if (pread (queue->fd, bytes, sizeof bytes, COUNTER_OFFSET) == (ssize_t) sizeof bytes)
    for (guint i = 0; i < COUNTER_LENGTH; i++)
      next |= (guint64) bytes[i] << (8 * i);
  for (guint i = 0; i < COUNTER_LENGTH; i++)
    bytes[i] = (guint8) ((next + 1) >> (8 * i));

  if (pwrite (queue->fd, bytes, sizeof bytes, COUNTER_OFFSET) == (ssize_t) sizeof bytes &&
      set_lock (queue->fd, F_WRLCK, slot_of (next), 1, FALSE) == 0)
    {
      *ticket = next;
      ok = TRUE;
    }

  set_lock (queue->fd, F_UNLCK, COUNTER_OFFSET, COUNTER_LENGTH, FALSE);
  return ok;
}

/* Waits, blocked in the kernel, for the byte @before to be free; a timer
 * of this thread's interrupts the wait every tick to look at the clock
 * and @cancellable. */
static gboolean
wait_for_slot (CdWriterQueue *queue,
               off_t          before,
               gint64         deadline_us,
               GCancellable  *cancellable,
               GFunc          long_wait,
               gpointer       long_wait_data)
{
  gint64 started = g_get_monotonic_time ();
  gboolean told = FALSE, got = FALSE;
  struct sigevent event;
  struct itimerspec every;
  struct flock fl;
  timer_t timer;

  memset (&event, 0, sizeof event);
  event.sigev_notify = SIGEV_THREAD_ID;
  event.sigev_signo = tick_signal ();
#ifdef sigev_notify_thread_id
  event.sigev_notify_thread_id = gettid ();
#else
  /* glibc before 2.35 names it only through the union. */
  event._sigev_un._tid = gettid ();
#endif
  if (timer_create (CLOCK_MONOTONIC, &event, &timer) != 0)
    return FALSE;
  memset (&every, 0, sizeof every);
  every.it_value.tv_nsec = TICK_NS;
  every.it_interval.tv_nsec = TICK_NS;
  timer_settime (timer, 0, &every, NULL);

  memset (&fl, 0, sizeof fl);
  fl.l_type = F_WRLCK;
  fl.l_whence = SEEK_SET;
  fl.l_start = before;
  fl.l_len = 1;

  for (;;)
    {
      gint64 now;

      if (fcntl (queue->fd, F_OFD_SETLKW, &fl) == 0)
        {
          got = TRUE;
          break;
        }
      if (errno != EINTR)
        break;
      now = g_get_monotonic_time ();
      if (cancellable != NULL && g_cancellable_is_cancelled (cancellable))
        break;
      if (now >= deadline_us && !cd_writer_queue_long_write_running (queue))
        break;
      if (!told && long_wait != NULL && now - started >= LONG_WAIT_US)
        {
          told = TRUE;
          long_wait (NULL, long_wait_data);
        }
    }

  timer_delete (timer);
  if (got)
    set_lock (queue->fd, F_UNLCK, before, 1, FALSE);
  return got;
}

gboolean
cd_writer_queue_enter (CdWriterQueue *queue,
                       gint64         deadline_us,
                       GCancellable  *cancellable,
                       GFunc          long_wait,
                       gpointer       long_wait_data)
{
  guint64 ticket;
  off_t before;

  g_return_val_if_fail (queue != NULL, FALSE);
  g_return_val_if_fail (!queue->holding, TRUE);

  if (!take_ticket (queue, &ticket))
    return FALSE;
  queue->holding = TRUE;
  queue->slot = slot_of (ticket);
  if (ticket == 0)
    return TRUE;

  /* Free at once when the writer before has finished, given up or
   * died (the kernel frees a dead process's locks). */
  before = slot_of (ticket - 1);
  if (set_lock (queue->fd, F_WRLCK, before, 1, FALSE) == 0)
    {
      set_lock (queue->fd, F_UNLCK, before, 1, FALSE);
      return TRUE;
    }
  if (wait_for_slot (queue, before, deadline_us, cancellable, long_wait, long_wait_data))
    return TRUE;

  /* Out of line: the writer after it no longer waits for the one before
   * it either; SQLite's lock still keeps their writes apart. */
  cd_writer_queue_leave (queue);
  return FALSE;
}

void
cd_writer_queue_set_long_write (CdWriterQueue *queue,
                                gboolean       long_write)
{
  g_return_if_fail (queue != NULL);

  set_lock (queue->fd, long_write ? F_RDLCK : F_UNLCK, LONG_OFFSET, 1, FALSE);
}

gboolean
cd_writer_queue_long_write_running (CdWriterQueue *queue)
{
  struct flock fl;

  g_return_val_if_fail (queue != NULL, FALSE);

  memset (&fl, 0, sizeof fl);
  fl.l_type = F_WRLCK;
  fl.l_whence = SEEK_SET;
  fl.l_start = LONG_OFFSET;
  fl.l_len = 1;
  /* Our own lock never conflicts with itself: this asks about others. */
  if (fcntl (queue->fd, F_OFD_GETLK, &fl) != 0)
    return FALSE;
  return fl.l_type != F_UNLCK;
}

gboolean
cd_writer_queue_is_holding (CdWriterQueue *queue)
{
  g_return_val_if_fail (queue != NULL, FALSE);

  return queue->holding;
}

void
cd_writer_queue_leave (CdWriterQueue *queue)
{
  g_return_if_fail (queue != NULL);

  if (!queue->holding)
    return;
  set_lock (queue->fd, F_UNLCK, queue->slot, 1, FALSE);
  queue->holding = FALSE;
}
