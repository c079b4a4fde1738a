/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

/* The list cell (a GtkInscription) on screen under @root that shows
 * exactly @text, or NULL. */
GtkWidget *cd_test_find_cell (GtkWidget  *root,
                              const char *text);

/* The first widget of @type at or below @root (depth first), or NULL. */
GtkWidget *cd_test_find_by_type (GtkWidget  *root,
                                 GType       type);

/* Clicks the button of @dialog that gives @response, as a person does:
 * the dialog then answers and closes itself. */
void       cd_test_click_response (AdwMessageDialog *dialog,
                                   const char       *response);

/* The layouts @window's frame clock runs in @ms of an idle main loop:
 * 0 when nothing in it animates or asks for frames. */
guint      cd_test_count_idle_layouts (GtkWindow *window,
                                       guint      ms);

/* Waiting for the main loop ----------------------------------------------
 * cd_test_wait_for (expr) runs the default main context until @expr is
 * true. A GLib timeout source of CD_TEST_WAIT_TIMEOUT_MS (or @timeout_ms
 * with cd_test_wait_for_full()) bounds the wait: when it fires first, the
 * test fails, naming the expression and where it was waited for. */

#define CD_TEST_WAIT_TIMEOUT_MS 10000

#define cd_test_wait_for(expr) cd_test_wait_for_full (expr, CD_TEST_WAIT_TIMEOUT_MS)

#define cd_test_wait_for_full(expr, timeout_ms)                                                 \
  G_STMT_START {                                                                                \
    CdTestWait *cd_test_wait_ = cd_test_wait_begin ((timeout_ms), #expr,                        \
                                                    __FILE__, __LINE__, G_STRFUNC);             \
    while (!(expr) && cd_test_wait_iterate (cd_test_wait_))                                     \
      ;                                                                                         \
    cd_test_wait_end (cd_test_wait_);                                                           \
  } G_STMT_END

/* The same for a condition function, with what is waited for in words. */
typedef gboolean (*CdTestCondition) (gpointer data);

void        cd_test_wait_until   (CdTestCondition condition,
                                  gpointer        data,
                                  const char     *what);

/* The parts of cd_test_wait_for(); use the macro. */
typedef struct _CdTestWait CdTestWait;

CdTestWait *cd_test_wait_begin   (guint       timeout_ms,
                                  const char *what,
                                  const char *file,
                                  int         line,
                                  const char *func);
/* FALSE once the wait has failed. */
gboolean    cd_test_wait_iterate (CdTestWait *wait);
void        cd_test_wait_end     (CdTestWait *wait);

G_END_DECLS
