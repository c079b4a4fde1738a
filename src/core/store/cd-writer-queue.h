/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* A first-come, first-served line for the shared file's write lock.
 *
 * SQLite's busy handler sleeps and retries: under many busy writers a
 * process that just committed takes the lock again before the sleepers
 * wake, and one of them may wait in vain for half a minute. So every
 * writer of Caredesk first takes a ticket and waits for the writer
 * before it, in a small lock file beside the database ("FILE-writers"),
 * with open-file-description locks (one per connection, so threads of
 * one process queue too, and closing other descriptors drops nothing):
 *
 *  - bytes 0-7 hold the next ticket; taking one happens under a lock of
 *    those bytes;
 *  - each ticket has a byte of its own further on, locked by its holder
 *    from taking the ticket until its transaction ends;
 *  - the holder of ticket T waits until the byte of ticket T-1 is free
 *    (that writer finished, gave up, or died: the kernel frees the locks
 *    of a dead process).
 *
 * SQLite's own locks still decide who writes; the line only orders the
 * writers that use it. Programs that do not (sqlite3) are waited for by
 * the busy handler as before. Network file systems support these locks
 * through their lock managers. */

typedef struct _CdWriterQueue CdWriterQueue;

/* NULL (and a debug message) when the lock file cannot be opened or
 * made: writers then rely on the busy handler alone. */
CdWriterQueue *cd_writer_queue_open  (const char    *db_path,
                                      gboolean       remote);
void           cd_writer_queue_free  (CdWriterQueue *queue);

/* Takes a ticket and waits for the writers before it, until
 * @deadline_us (monotonic) or until @cancellable is cancelled. Calls
 * @long_wait (if not NULL) once when the wait has lasted 200 ms. Returns
 * FALSE when it stopped waiting (the ticket is given back); the caller
 * may still try to write. */
gboolean       cd_writer_queue_enter (CdWriterQueue *queue,
                                      gint64         deadline_us,
                                      GCancellable  *cancellable,
                                      GFunc          long_wait,
                                      gpointer       long_wait_data);
/* A writer that will hold the lock for long (an import of many rows)
 * says so for the length of its transaction; whoever waits for the
 * lock meanwhile waits past the usual deadline, until it is done or the
 * wait is cancelled, rather than failing a save that would succeed. */
void           cd_writer_queue_set_long_write     (CdWriterQueue *queue,
                                                   gboolean       long_write);
/* Whether another connection is in the middle of a long write. */
gboolean       cd_writer_queue_long_write_running (CdWriterQueue *queue);
/* Whether this connection holds a ticket now. */
gboolean       cd_writer_queue_is_holding (CdWriterQueue *queue);
/* Gives the ticket back: the next writer goes. Does nothing when not
 * holding one. */
void           cd_writer_queue_leave (CdWriterQueue *queue);

G_END_DECLS
