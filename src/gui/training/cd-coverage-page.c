/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "caredesk-training"

#include "config.h"

#include <glib/gi18n.h>

#include "cd-conflict-dialog.h"
#include "cd-coverage-page.h"
#include "cd-coverage.h"
#include "cd-datetime.h"
#include "cd-date-button.h"
#include "cd-training-util.h"

#define DAY G_GINT64_CONSTANT (86400)
#define MAX_NAMES 4

struct _CdCoveragePage
{
  CdTrainingPage        parent_instance;

  GSignalGroup         *store_signals;
  GtkWidget            *date_button;
  GPtrArray            *rows;          /* the category rows shown */
  guint                 n_warnings;

  /* Template widgets */
  GtkScrolledWindow    *scrolled_window;
  AdwActionRow         *date_row;
  GtkLabel             *summary_label;
  AdwPreferencesGroup  *categories_group;
  AdwStatusPage        *empty_page;
};

G_DEFINE_FINAL_TYPE (CdCoveragePage, cd_coverage_page, CD_TYPE_TRAINING_PAGE)

static void reload (CdCoveragePage *self);

/* Setting a minimum ------------------------------------------------------------ */

typedef struct {
  gint64 category_id;
  gint64 version;
  int    minimum;
  int    saved_minimum;
  char  *category_name;
} MinimumJob;

static void
minimum_job_free (gpointer data)
{
  MinimumJob *job = data;

  g_free (job->category_name);
  g_free (job);
}

static gboolean
run_set_minimum (CdStore *store, gpointer data, GCancellable *cancellable, GError **error)
{
  MinimumJob *job = data;

  return cd_coverage_set_minimum (store, job->category_id, job->version, job->minimum, error);
}

static void start_set_minimum (CdCoveragePage *self, GtkButton *button, MinimumJob *job);

typedef struct {
  CdCoveragePage *self;
  GtkButton      *button;
  MinimumJob     *job;
} ConflictData;

static void
on_conflict_response_cb (AdwMessageDialog *dialog,
                         const char       *response,
                         gpointer          user_data)
{
  ConflictData *data = user_data;

  if (cd_conflict_dialog_choice_from_response (response) == CD_CONFLICT_CHOICE_OVERWRITE)
    {
      data->job->version = 0;
      start_set_minimum (data->self, data->button, data->job);
      data->job = NULL;
    }
  else
    reload (data->self);
  g_object_unref (data->self);
  g_object_unref (data->button);
  g_clear_pointer (&data->job, minimum_job_free);
  g_free (data);
}

static void
set_minimum_done_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr(GtkButton) button = user_data;
  CdCoveragePage *self = CD_COVERAGE_PAGE (gtk_widget_get_ancestor (GTK_WIDGET (button), CD_TYPE_COVERAGE_PAGE));
  MinimumJob *job = cd_store_run_get_data (result);
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  cd_training_button_set_busy (button, NULL);
  if (!cd_store_run_finish (CD_STORE (source), result, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) || self == NULL)
        return;
      if (g_error_matches (error, CD_STORE_ERROR, CD_STORE_ERROR_STALE))
        {
          g_autoptr(GError) load_error = NULL;
          g_autoptr(CdCoverage) now = cd_coverage_load (CD_PAGE_STORE (self), job->category_id, 0, &load_error);
          /* Translators: what was saved meanwhile, in "Someone else saved %s after you opened it" */
          g_autofree char *what = g_strdup_printf (_("the minimum of “%s”"), job->category_name);
          g_autofree char *yours = g_strdup_printf ("%d", job->minimum);
          g_autofree char *theirs = now != NULL ? g_strdup_printf ("%d", now->minimum) : NULL;
          GtkWidget *dialog = cd_conflict_dialog_new (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))), what);
          ConflictData *data = g_new0 (ConflictData, 1);
          MinimumJob *copy = g_new0 (MinimumJob, 1);

          *copy = *job;
          copy->category_name = g_strdup (job->category_name);
          data->self = g_object_ref (self);
          data->button = g_object_ref (button);
          data->job = copy;
          cd_conflict_dialog_add_field (CD_CONFLICT_DIALOG (dialog), _("Minimum"), yours, theirs);
          g_signal_connect (dialog, "response", G_CALLBACK (on_conflict_response_cb), data);
          gtk_window_present (GTK_WINDOW (dialog));
          return;
        }
      cd_training_show_error (GTK_WIDGET (self), _("Could Not Set the Minimum"), error);
      return;
    }
  if (self == NULL)
    return;
  /* Translators: "Billing needs at least 3 certified reps" */
  text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "“%s” needs at least %d certified rep",
                                       "“%s” needs at least %d certified reps", (gulong) job->minimum),
                          job->category_name, job->minimum);
  cd_training_toast (GTK_WIDGET (self), text);
}

/* Takes @job. */
static void
start_set_minimum (CdCoveragePage *self,
                   GtkButton      *button,
                   MinimumJob     *job)
{
  cd_training_button_set_busy (button, _("Saving…"));
  cd_store_run_async (CD_PAGE_STORE (self), CD_STORE_LANE_WRITE, run_set_minimum, job, minimum_job_free,
                      CD_PAGE_CANCELLABLE (self), set_minimum_done_cb, g_object_ref (button));
}

static void
on_set_clicked_cb (GtkButton      *button,
                   CdCoveragePage *self)
{
  GtkSpinButton *spin = g_object_get_data (G_OBJECT (button), "cd-spin");
  MinimumJob *job = g_new0 (MinimumJob, 1);

  job->category_id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (button), "cd-category-id"));
  job->version = *(gint64 *) g_object_get_data (G_OBJECT (button), "cd-version");
  job->saved_minimum = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (button), "cd-minimum"));
  job->minimum = gtk_spin_button_get_value_as_int (spin);
  job->category_name = g_strdup (g_object_get_data (G_OBJECT (button), "cd-category-name"));
  start_set_minimum (self, button, job);
}

static void
on_spin_value_changed_cb (GtkSpinButton *spin,
                          GtkWidget     *button)
{
  int saved = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (button), "cd-minimum"));

  gtk_widget_set_sensitive (button, gtk_spin_button_get_value_as_int (spin) != saved);
}

/* Rows ------------------------------------------------------------------------- */

static GtkWidget *
status_box (const CdCoverage *c,
            gint64            now,
            char            **words)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *icon;
  GtkWidget *label;
  const char *icon_name;
  const char *css;

  if (c->minimum > 0 && c->below_now)
    {
      icon_name = "dialog-warning-symbolic";
      css = "error";
      /* Translators: a ticket category with fewer certified reps than it needs */
      *words = g_strdup (_("Below its minimum"));
    }
  else if (c->minimum > 0 && c->drop_at > 0)
    {
      g_autofree char *when = cd_datetime_format_date (c->drop_at);

      icon_name = "dialog-warning-symbolic";
      css = "warning";
      /* Translators: "Drops below its minimum on 3 Jan 2027" */
      *words = g_strdup_printf (_("Drops below on %s"), when);
    }
  else if (c->minimum == 0)
    {
      icon_name = "action-unavailable-symbolic";
      css = "dim-label";
      *words = g_strdup (_("No minimum set"));
    }
  else
    {
      icon_name = "emblem-ok-symbolic";
      css = "success";
      /* Translators: a ticket category with enough certified reps */
      *words = g_strdup (_("Covered"));
    }
  (void) now;
  icon = gtk_image_new_from_icon_name (icon_name);
  gtk_accessible_update_property (GTK_ACCESSIBLE (icon), GTK_ACCESSIBLE_PROPERTY_LABEL, *words, -1);
  label = gtk_label_new (*words);
  /* Its longest word at the least: in a narrow window the category's
   * name needs the room more. */
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 26);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_add_css_class (box, css);
  gtk_widget_set_valign (box, GTK_ALIGN_CENTER);
  gtk_box_append (GTK_BOX (box), icon);
  gtk_box_append (GTK_BOX (box), label);
  return box;
}

static GtkWidget *
category_row (CdCoveragePage   *self,
              const CdCoverage *c,
              gboolean          can_set,
              gint64            now)
{
  GtkWidget *row = adw_action_row_new ();
  g_autofree char *on = cd_datetime_format_date (c->on_date);
  g_autofree char *counts = NULL;
  g_autofree char *subtitle = NULL;
  g_autofree char *words = NULL;
  g_autofree char *name = g_strdup_printf ("coverage-%" G_GINT64_FORMAT, c->category_id);
  GtkWidget *status;

  gtk_widget_set_name (row, name);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), c->category_name);
  /* Translators: certified reps today and on a later date: "3 certified today, 2 on 6 Jan 2027" */
  counts = g_strdup_printf (_("%u certified today, %u on %s"), c->n_now, c->n_on_date, on);
  if (c->lapsing->len > 0)
    {
      g_autofree char *people = cd_coverage_people_text (c, MAX_NAMES);

      /* Translators: certifications needed, the counts, then whose run out: "Needs Billing L1 · … · Running out: Li Na" */
      subtitle = g_strdup_printf (_("Needs %s · %s · Running out: %s"), c->certifications, counts, people);
    }
  else
    /* Translators: the certifications a category needs, then the counts */
    subtitle = g_strdup_printf (_("Needs %s · %s"), c->certifications, counts);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 4);

  status = status_box (c, now, &words);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), status);

  if (can_set)
    {
      GtkWidget *spin = gtk_spin_button_new_with_range (0, CD_COVERAGE_MAX_MINIMUM, 1);
      GtkWidget *button = gtk_button_new_with_mnemonic (_("_Set"));
      gint64 *version = g_new (gint64, 1);
      /* Translators: the accessible name of the minimum's spin button: "Minimum for Billing" */
      g_autofree char *spin_label = g_strdup_printf (_("Minimum for %s"), c->category_name);

      *version = c->version;
      gtk_spin_button_set_value (GTK_SPIN_BUTTON (spin), c->minimum);
      gtk_widget_set_valign (spin, GTK_ALIGN_CENTER);
      gtk_widget_set_name (spin, "coverage-minimum");
      gtk_widget_set_tooltip_text (spin, _("The fewest certified reps this category needs"));
      gtk_accessible_update_property (GTK_ACCESSIBLE (spin), GTK_ACCESSIBLE_PROPERTY_LABEL, spin_label, -1);
      gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
      gtk_widget_set_name (button, "coverage-set");
      gtk_widget_set_sensitive (button, FALSE);
      g_object_set_data (G_OBJECT (button), "cd-spin", spin);
      g_object_set_data (G_OBJECT (button), "cd-category-id", GSIZE_TO_POINTER ((gsize) c->category_id));
      g_object_set_data_full (G_OBJECT (button), "cd-version", version, g_free);
      g_object_set_data (G_OBJECT (button), "cd-minimum", GINT_TO_POINTER (c->minimum));
      g_object_set_data_full (G_OBJECT (button), "cd-category-name", g_strdup (c->category_name), g_free);
      g_signal_connect (spin, "value-changed", G_CALLBACK (on_spin_value_changed_cb), button);
      g_signal_connect (button, "clicked", G_CALLBACK (on_set_clicked_cb), self);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), spin);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
    }
  else
    {
      /* Translators: a category's minimum of certified reps, read-only */
      g_autofree char *text = c->minimum > 0 ? g_strdup_printf (_("Minimum %d"), c->minimum)
                                             : g_strdup (_("No minimum"));
      GtkWidget *label = gtk_label_new (text);

      gtk_widget_add_css_class (label, "dim-label");
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), label);
    }
  return row;
}

static void
reload (CdCoveragePage *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) list = NULL;
  gint64 now = cd_store_now (CD_PAGE_STORE (self));
  gint64 on_date = cd_date_button_get_date (CD_DATE_BUTTON (self->date_button));
  gboolean can_set = cd_training_can_set_coverage (CD_PAGE_STORE (self));

  for (guint i = 0; i < self->rows->len; i++)
    adw_preferences_group_remove (self->categories_group, g_ptr_array_index (self->rows, i));
  g_ptr_array_set_size (self->rows, 0);
  self->n_warnings = 0;

  /* The end of the chosen day: a certification that runs out that day
   * no longer counts on it. */
  list = cd_coverage_list (CD_PAGE_STORE (self), on_date > now ? on_date + DAY - 1 : 0, &error);
  if (list == NULL)
    {
      gtk_label_set_text (self->summary_label, error->message);
      gtk_widget_set_visible (GTK_WIDGET (self->summary_label), TRUE);
      return;
    }
  for (guint i = 0; i < list->len; i++)
    {
      const CdCoverage *c = g_ptr_array_index (list, i);
      GtkWidget *row = category_row (self, c, can_set, now);

      if (c->minimum > 0 && (c->below_now || c->drop_at > 0))
        self->n_warnings++;
      adw_preferences_group_add (self->categories_group, row);
      g_ptr_array_add (self->rows, row);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->categories_group), list->len > 0);
  gtk_widget_set_visible (GTK_WIDGET (self->empty_page), list->len == 0);
  if (self->n_warnings > 0)
    {
      g_autofree char *text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                            "%u category is below its minimum or drops below it by the date above.",
                                                            "%u categories are below their minimum or drop below it by the date above.",
                                                            self->n_warnings),
                                               self->n_warnings);
      gtk_label_set_text (self->summary_label, text);
      gtk_widget_remove_css_class (GTK_WIDGET (self->summary_label), "dim-label");
      gtk_widget_add_css_class (GTK_WIDGET (self->summary_label), "warning");
    }
  else
    {
      gtk_label_set_text (self->summary_label, list->len > 0 ? _("Every category keeps its minimum until the date above.") : "");
      gtk_widget_remove_css_class (GTK_WIDGET (self->summary_label), "warning");
      gtk_widget_add_css_class (GTK_WIDGET (self->summary_label), "dim-label");
    }
  gtk_widget_set_visible (GTK_WIDGET (self->summary_label), list->len > 0);
}

static void
on_date_changed_cb (CdCoveragePage *self)
{
  reload (self);
}

static void
on_store_changed_cb (CdCoveragePage *self)
{
  reload (self);
}

guint
cd_coverage_page_get_n_warnings (CdCoveragePage *self)
{
  g_return_val_if_fail (CD_IS_COVERAGE_PAGE (self), 0);
  return self->n_warnings;
}

/* GObject ------------------------------------------------------------------------- */

static void
cd_coverage_page_constructed (GObject *object)
{
  CdCoveragePage *self = CD_COVERAGE_PAGE (object);

  G_OBJECT_CLASS (cd_coverage_page_parent_class)->constructed (object);

  cd_date_button_set_date (CD_DATE_BUTTON (self->date_button),
                           cd_store_now (CD_PAGE_STORE (self)) + CD_CERTIFICATION_EXPIRING_DAYS * DAY);
  g_signal_connect_object (self->date_button, "notify::date", G_CALLBACK (on_date_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_group_set_target (self->store_signals, CD_PAGE_STORE (self));
  reload (self);
}

static void
cd_coverage_page_dispose (GObject *object)
{
  CdCoveragePage *self = CD_COVERAGE_PAGE (object);

  if (self->store_signals != NULL)
    g_signal_group_set_target (self->store_signals, NULL);
  g_clear_pointer (&self->rows, g_ptr_array_unref);

  G_OBJECT_CLASS (cd_coverage_page_parent_class)->dispose (object);
}

static void
cd_coverage_page_finalize (GObject *object)
{
  CdCoveragePage *self = CD_COVERAGE_PAGE (object);

  g_clear_object (&self->store_signals);

  G_OBJECT_CLASS (cd_coverage_page_parent_class)->finalize (object);
}

static void
cd_coverage_page_class_init (CdCoveragePageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = cd_coverage_page_constructed;
  object_class->dispose = cd_coverage_page_dispose;
  object_class->finalize = cd_coverage_page_finalize;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/training/cd-coverage-page.ui");
  gtk_widget_class_bind_template_child (widget_class, CdCoveragePage, scrolled_window);
  gtk_widget_class_bind_template_child (widget_class, CdCoveragePage, date_row);
  gtk_widget_class_bind_template_child (widget_class, CdCoveragePage, summary_label);
  gtk_widget_class_bind_template_child (widget_class, CdCoveragePage, categories_group);
  gtk_widget_class_bind_template_child (widget_class, CdCoveragePage, empty_page);
}

static void
cd_coverage_page_init (CdCoveragePage *self)
{
  self->rows = g_ptr_array_new ();
  gtk_widget_init_template (GTK_WIDGET (self));

  self->date_button = cd_date_button_new ();
  gtk_widget_set_valign (self->date_button, GTK_ALIGN_CENTER);
  gtk_widget_set_name (self->date_button, "coverage-date");
  adw_action_row_add_suffix (self->date_row, self->date_button);

  self->store_signals = g_signal_group_new (CD_TYPE_STORE);
  g_signal_group_connect_swapped (self->store_signals, "changed::" CD_CHANGE_STAFF_CERTIFICATIONS,
                                  G_CALLBACK (on_store_changed_cb), self);
  g_signal_group_connect_swapped (self->store_signals, "changed::" CD_CHANGE_CERTIFICATIONS,
                                  G_CALLBACK (on_store_changed_cb), self);
  g_signal_group_connect_swapped (self->store_signals, "changed::" CD_CHANGE_TICKET_CATEGORIES,
                                  G_CALLBACK (on_store_changed_cb), self);
  g_signal_group_connect_swapped (self->store_signals, "changed::" CD_CHANGE_STAFF,
                                  G_CALLBACK (on_store_changed_cb), self);
}

GtkWidget *
cd_coverage_page_new (CdStore *store)
{
  g_return_val_if_fail (CD_IS_STORE (store), NULL);
  return g_object_new (CD_TYPE_COVERAGE_PAGE, "store", store, NULL);
}
