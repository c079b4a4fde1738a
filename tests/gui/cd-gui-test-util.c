/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "caredesk-test"

#include "config.h"

#include "cd-gui-test-util.h"

GtkWidget *
cd_test_find_cell (GtkWidget  *root,
                   const char *text)
{
  if (!gtk_widget_get_mapped (root))
    return NULL;
  if (GTK_IS_INSCRIPTION (root) && g_strcmp0 (gtk_inscription_get_text (GTK_INSCRIPTION (root)), text) == 0)
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = cd_test_find_cell (child, text);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static GtkWidget *
find_button_with_label (GtkWidget  *root,
                        const char *label)
{
  if (GTK_IS_BUTTON (root) && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (root)), label) == 0)
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_button_with_label (child, label);

      if (found != NULL)
        return found;
    }
  return NULL;
}

void
cd_test_click_response (AdwMessageDialog *dialog,
                        const char       *response)
{
  const char *label;
  GtkWidget *button;

  g_assert_true (ADW_IS_MESSAGE_DIALOG (dialog));
  g_assert_true (adw_message_dialog_has_response (dialog, response));
  label = adw_message_dialog_get_response_label (dialog, response);
  button = find_button_with_label (GTK_WIDGET (dialog), label);
  g_assert_nonnull (button);
  g_assert_true (gtk_widget_is_sensitive (button));
  g_signal_emit_by_name (button, "clicked");
}

struct _CdTestWait
{
  GSource    *timeout;
  guint       timeout_ms;
  gboolean    timed_out;
  const char *what;
  const char *file;
  int         line;
  const char *func;
};

static gboolean
wait_timeout_cb (gpointer user_data)
{
  CdTestWait *wait = user_data;

  wait->timed_out = TRUE;
  return G_SOURCE_REMOVE;
}

CdTestWait *
cd_test_wait_begin (guint       timeout_ms,
                    const char *what,
                    const char *file,
                    int         line,
                    const char *func)
{
  CdTestWait *wait = g_new0 (CdTestWait, 1);

  wait->timeout_ms = timeout_ms;
  wait->what = what;
  wait->file = file;
  wait->line = line;
  wait->func = func;

  /* The timeout also wakes an iteration that has nothing else to do. */
  wait->timeout = g_timeout_source_new (timeout_ms);
  g_source_set_callback (wait->timeout, wait_timeout_cb, wait, NULL);
  g_source_set_static_name (wait->timeout, "[caredesk-test] wait timeout");
  g_source_attach (wait->timeout, NULL);

  return wait;
}

gboolean
cd_test_wait_iterate (CdTestWait *wait)
{
  if (wait->timed_out)
    {
      g_autofree char *message = g_strdup_printf ("timed out after %u ms waiting for: %s",
                                                  wait->timeout_ms, wait->what);

      g_assertion_message (G_LOG_DOMAIN, wait->file, wait->line, wait->func, message);
      return FALSE;
    }

  g_main_context_iteration (NULL, TRUE);
  return TRUE;
}

void
cd_test_wait_end (CdTestWait *wait)
{
  g_source_destroy (wait->timeout);
  g_source_unref (wait->timeout);
  g_free (wait);
}

void
cd_test_wait_until (CdTestCondition  condition,
                    gpointer         data,
                    const char      *what)
{
  CdTestWait *wait = cd_test_wait_begin (CD_TEST_WAIT_TIMEOUT_MS, what, __FILE__, __LINE__, G_STRFUNC);

  while (!condition (data) && cd_test_wait_iterate (wait))
    ;
  cd_test_wait_end (wait);
}

static void
on_layout_counted_cb (GdkFrameClock *clock,
                      guint         *n_layouts)
{
  (*n_layouts)++;
}

static gboolean
idle_time_over_cb (gpointer data)
{
  *(gboolean *) data = TRUE;
  return G_SOURCE_REMOVE;
}

guint
cd_test_count_idle_layouts (GtkWindow *window,
                            guint      ms)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (GTK_WIDGET (window));
  guint n_layouts = 0;
  gboolean over = FALSE;
  gulong handler;

  g_assert_nonnull (clock);
  handler = g_signal_connect (clock, "layout", G_CALLBACK (on_layout_counted_cb), &n_layouts);
  g_timeout_add (ms, idle_time_over_cb, &over);
  while (!over)
    g_main_context_iteration (NULL, TRUE);
  g_signal_handler_disconnect (clock, handler);
  return n_layouts;
}

GtkWidget *
cd_test_find_by_type (GtkWidget *root,
                      GType      type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (root, type))
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = cd_test_find_by_type (child, type);

      if (found != NULL)
        return found;
    }
  return NULL;
}
