/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "caredesk-training"

#include "config.h"

#include <glib/gi18n.h>

#include "cd-certification-dialog.h"
#include "cd-datetime.h"
#include "cd-file-chooser.h"
#include "cd-record-page.h"
#include "cd-training-util.h"

/* What a record shows, for following changes. */
static const char * const watched_kinds[] = {
  CD_CHANGE_STAFF_CERTIFICATIONS, CD_CHANGE_CERTIFICATIONS, CD_CHANGE_PLAN_ITEMS, CD_CHANGE_ENROLMENTS,
  CD_CHANGE_SESSIONS, CD_CHANGE_ASSESSMENTS, CD_CHANGE_STAFF, CD_CHANGE_COURSES,
};

struct _CdRecordPage
{
  GtkWidget            parent_instance;

  CdStore             *store;
  gint64               staff_id;
  gint64               focus_certification;
  char                *name;
  GPtrArray           *rows;         /* every row added, with its group */
  GPtrArray           *row_groups;
  /* The plan's, sessions' and assessments' rows: kept from one record to
   * the next and told what to show, so that opening another person's
   * record builds no row widgets but for the ones it has more of. */
  GPtrArray           *plain_rows[3];
  guint                n_plain[3];
  GtkWidget           *focus_row;
  GSignalGroup        *store_signals;
  GCancellable        *cancellable;
  GCancellable        *loading;      /* the read under way, if any */
  gint64               shown_id;     /* whose record the rows show */
  GCancellable        *choosing;
  guint                reload_id;

  /* Template widgets */
  GtkWidget           *back_button;
  GtkLabel            *name_label;
  GtkLabel            *summary_label;
  GtkButton           *export_button;
  GtkStack            *stack;
  GtkSpinner          *loading_spinner;
  AdwPreferencesPage  *preferences_page;
  AdwPreferencesGroup *certifications_group;
  AdwPreferencesGroup *plan_group;
  AdwPreferencesGroup *sessions_group;
  AdwPreferencesGroup *assessments_group;
  AdwStatusPage       *error_page;
};

enum {
  PROP_0,
  PROP_STORE,
  PROP_LOADING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  SIGNAL_BACK,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (CdRecordPage, cd_record_page, GTK_TYPE_WIDGET)

static void
add_row (CdRecordPage        *self,
         AdwPreferencesGroup *group,
         GtkWidget           *row)
{
  adw_preferences_group_add (group, row);
  g_ptr_array_add (self->rows, row);
  g_ptr_array_add (self->row_groups, group);
}

static void
clear_rows (CdRecordPage *self)
{
  for (guint i = 0; i < self->rows->len; i++)
    adw_preferences_group_remove (g_ptr_array_index (self->row_groups, i), g_ptr_array_index (self->rows, i));
  g_ptr_array_set_size (self->rows, 0);
  g_ptr_array_set_size (self->row_groups, 0);
  self->focus_row = NULL;
}

static GtkWidget *
badge (const char *text,
       const char *css)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_widget_set_valign (label, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (label, "caption-heading");
  if (css != NULL)
    gtk_widget_add_css_class (label, css);
  return label;
}

static GtkWidget *
empty_row (const char *text)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), text);
  gtk_widget_add_css_class (row, "dim-label");
  return row;
}

enum { PLAIN_PLAN, PLAIN_SESSIONS, PLAIN_ASSESSMENTS, N_PLAIN };

static AdwPreferencesGroup *
plain_group (CdRecordPage *self,
             guint         which)
{
  AdwPreferencesGroup *groups[N_PLAIN] = { self->plan_group, self->sessions_group, self->assessments_group };

  return groups[which];
}

static void
set_css (GtkWidget  *widget,
         const char *key,
         const char *css)
{
  const char *old = g_object_get_data (G_OBJECT (widget), key);

  if (g_strcmp0 (old, css) == 0)
    return;
  if (old != NULL)
    gtk_widget_remove_css_class (widget, old);
  if (css != NULL)
    gtk_widget_add_css_class (widget, css);
  g_object_set_data (G_OBJECT (widget), key, (gpointer) css);
}

/* The next row of @which's group, reused or added: @title and
 * @subtitle, and a badge with @state in style @css at its end (none
 * when @state is NULL: a dimmed row saying there is nothing). @css
 * must be a static string. */
static void
plain_row (CdRecordPage *self,
           guint         which,
           const char   *title,
           const char   *subtitle,
           const char   *state,
           const char   *css)
{
  GPtrArray *rows = self->plain_rows[which];
  GtkWidget *row;
  GtkWidget *badge_label;

  if (self->n_plain[which] < rows->len)
    row = g_ptr_array_index (rows, self->n_plain[which]);
  else
    {
      row = adw_action_row_new ();
      badge_label = badge (NULL, NULL);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), badge_label);
      g_object_set_data (G_OBJECT (row), "badge", badge_label);
      adw_preferences_group_add (plain_group (self, which), row);
      g_ptr_array_add (rows, row);
    }
  self->n_plain[which]++;

  badge_label = g_object_get_data (G_OBJECT (row), "badge");
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  if (g_strcmp0 (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), subtitle) != 0)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  set_css (row, "row-css", state == NULL ? "dim-label" : NULL);
  gtk_widget_set_visible (badge_label, state != NULL);
  if (state != NULL && g_strcmp0 (gtk_label_get_text (GTK_LABEL (badge_label)), state) != 0)
    gtk_label_set_text (GTK_LABEL (badge_label), state);
  set_css (badge_label, "badge-css", css);
}

static void
begin_plain_rows (CdRecordPage *self)
{
  for (guint i = 0; i < N_PLAIN; i++)
    self->n_plain[i] = 0;
}

/* Takes away the rows the record shown has fewer of than the last. */
static void
end_plain_rows (CdRecordPage *self)
{
  for (guint i = 0; i < N_PLAIN; i++)
    {
      GPtrArray *rows = self->plain_rows[i];

      while (rows->len > self->n_plain[i])
        {
          adw_preferences_group_remove (plain_group (self, i), g_ptr_array_index (rows, rows->len - 1));
          g_ptr_array_set_size (rows, rows->len - 1);
        }
    }
}

/* Certifications -------------------------------------------------------------- */

static void open_dialog (CdRecordPage *self,
                         GtkWidget    *dialog);

static void
on_renew_clicked_cb (GtkButton    *button,
                     CdRecordPage *self)
{
  gint64 id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (button), "record-id"));

  open_dialog (self, cd_certification_dialog_new_renew (self->store, id));
}

static void
on_revoke_clicked_cb (GtkButton    *button,
                      CdRecordPage *self)
{
  gint64 id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (button), "record-id"));

  open_dialog (self, cd_certification_dialog_new_revoke (self->store, id));
}

/* A round icon button, so that a narrow window keeps room for the
 * certification's name; @accessible ("Renew Data protection") is its
 * tooltip and its name for screen readers. */
static GtkWidget *
action_button (CdRecordPage         *self,
               const char           *icon_name,
               const char           *accessible,
               CdStaffCertification *record,
               GCallback             callback)
{
  GtkWidget *button = gtk_button_new_from_icon_name (icon_name);

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "circular");
  gtk_widget_set_tooltip_text (button, accessible);
  g_object_set_data (G_OBJECT (button), "record-id", GSIZE_TO_POINTER ((gsize) record->id));
  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL, accessible, -1);
  g_signal_connect_object (button, "clicked", callback, self, 0);
  return button;
}

static char *
record_subtitle (CdStaffCertification *r,
                 gint64                now)
{
  CdCertStatus status = cd_staff_certification_status (r, now);
  g_autofree char *state = cd_certification_status_text (status, r->expires_at, now);
  g_autofree char *issued = cd_datetime_format_date (r->issued_at);
  GString *text = g_string_new (NULL);

  if (r->issued_by_name != NULL)
    /* Translators: status, then when and by whom it was issued */
    g_string_append_printf (text, _("%s · issued %s by %s"), state, issued, r->issued_by_name);
  else
    /* Translators: status, then when it was issued */
    g_string_append_printf (text, _("%s · issued %s"), state, issued);
  if (r->revoked_at != 0 && r->revoke_reason != NULL)
    {
      g_autofree char *when = cd_datetime_format_date (r->revoked_at);
      g_string_append_c (text, '\n');
      /* Translators: when and why a certification was revoked */
      g_string_append_printf (text, _("Revoked %s: %s"), when, r->revoke_reason);
    }
  if (r->override_reason != NULL)
    {
      g_string_append_c (text, '\n');
      /* Translators: why it was issued without its requirements */
      g_string_append_printf (text, _("Issued without every requirement: %s"), r->override_reason);
    }
  return g_string_free (text, FALSE);
}

static void
fill_certifications (CdRecordPage *self,
                     GPtrArray    *records)
{
  gint64 now = cd_store_now (self->store);
  gboolean editor = cd_training_can_edit (self->store);

  if (records->len == 0)
    {
      add_row (self, self->certifications_group, empty_row (_("No certification yet")));
      return;
    }

  /* Newest first within a certification: the first of each is the one
   * that counts. */
  for (guint i = 0; i < records->len; )
    {
      CdStaffCertification *latest = g_ptr_array_index (records, i);
      CdCertStatus status = cd_staff_certification_status (latest, now);
      g_autofree char *subtitle = record_subtitle (latest, now);
      g_autofree char *mark = NULL;
      guint next = i + 1;
      GtkWidget *row;

      while (next < records->len &&
             ((CdStaffCertification *) g_ptr_array_index (records, next))->certification_id == latest->certification_id)
        next++;

      if (next - i > 1)
        {
          row = adw_expander_row_new ();
          adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (row), subtitle);
          for (guint k = i + 1; k < next; k++)
            {
              CdStaffCertification *older = g_ptr_array_index (records, k);
              g_autofree char *older_subtitle = record_subtitle (older, now);
              g_autofree char *period = NULL;
              g_autofree char *from = cd_datetime_format_date (older->issued_at);
              g_autofree char *to = cd_datetime_format_date (older->expires_at);
              GtkWidget *history = adw_action_row_new ();

              /* Translators: an earlier period of a certification */
              period = g_strdup_printf (_("%s – %s"), from, to);
              adw_preferences_row_set_title (ADW_PREFERENCES_ROW (history), period);
              adw_action_row_set_subtitle (ADW_ACTION_ROW (history), older_subtitle);
              adw_expander_row_add_row (ADW_EXPANDER_ROW (row), history);
            }
        }
      else
        {
          row = adw_action_row_new ();
          adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
        }
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), latest->certification_name);
      gtk_widget_set_name (row, "record-certification");

      /* Translators: a certification's status with its sign, e.g. "✓ Active" */
      mark = g_strdup_printf (_("%s %s"), cd_certification_status_symbol (status), cd_cert_status_label (status));
      if (ADW_IS_EXPANDER_ROW (row))
        adw_expander_row_add_prefix (ADW_EXPANDER_ROW (row), badge (mark, cd_training_cert_css (status)));
      else
        adw_action_row_add_prefix (ADW_ACTION_ROW (row), badge (mark, cd_training_cert_css (status)));

      if (editor && latest->revoked_at == 0)
        {
          g_autofree char *renew = g_strdup_printf (_("Renew “%s”…"), latest->certification_name);
          g_autofree char *revoke = g_strdup_printf (_("Revoke “%s”…"), latest->certification_name);
          GtkWidget *renew_button = action_button (self, "view-refresh-symbolic", renew, latest,
                                                   G_CALLBACK (on_renew_clicked_cb));
          GtkWidget *revoke_button = NULL;

          if (status == CD_CERT_ACTIVE || status == CD_CERT_EXPIRING)
            revoke_button = action_button (self, "action-unavailable-symbolic", revoke, latest,
                                           G_CALLBACK (on_revoke_clicked_cb));
          /* An expander row prepends its actions: add them last first,
           * so every row reads Renew, Revoke. */
          if (ADW_IS_EXPANDER_ROW (row))
            {
              if (revoke_button != NULL)
                adw_expander_row_add_action (ADW_EXPANDER_ROW (row), revoke_button);
              adw_expander_row_add_action (ADW_EXPANDER_ROW (row), renew_button);
            }
          else
            {
              adw_action_row_add_suffix (ADW_ACTION_ROW (row), renew_button);
              if (revoke_button != NULL)
                adw_action_row_add_suffix (ADW_ACTION_ROW (row), revoke_button);
            }
        }

      add_row (self, self->certifications_group, row);
      if (latest->certification_id == self->focus_certification)
        self->focus_row = row;
      i = next;
    }
}

/* Plan, sessions, assessments ---------------------------------------------------- */

static void
fill_plan (CdRecordPage *self,
           GPtrArray    *plan)
{
  gint64 now = cd_store_now (self->store);

  if (plan->len == 0)
    plain_row (self, PLAIN_PLAN, _("Nothing planned"), NULL, NULL, NULL);
  for (guint i = 0; i < plan->len; i++)
    {
      CdPlanItem *item = g_ptr_array_index (plan, i);
      CdPlanStatus status = cd_plan_item_status (item, now);
      g_autofree char *due = cd_datetime_format_date (item->due_at);
      g_autofree char *subtitle = NULL;
      g_autofree char *state = NULL;

      /* Translators: a plan item: the plan's year and the due date */
      subtitle = g_strdup_printf (_("Plan %d · due %s"), item->year, due);
      if (status == CD_PLAN_DONE)
        {
          g_autofree char *done = cd_datetime_format_date (item->done_at);
          /* Translators: a plan item done, and when */
          state = g_strdup_printf (_("✓ Done %s"), done);
        }
      else if (status == CD_PLAN_LATE)
        state = g_strdup (_("✗ Late"));
      else
        state = g_strdup (C_("plan", "Due"));
      plain_row (self, PLAIN_PLAN, item->course_title, subtitle, state, cd_training_plan_css (status));
    }
}

static void
fill_sessions (CdRecordPage *self,
               GPtrArray    *sessions)
{
  gint64 now = cd_store_now (self->store);

  if (sessions->len == 0)
    plain_row (self, PLAIN_SESSIONS, _("Not on any session yet"), NULL, NULL, NULL);
  for (guint i = 0; i < sessions->len; i++)
    {
      CdRecordSession *s = g_ptr_array_index (sessions, i);
      g_autofree char *when = cd_datetime_format_when (s->starts_at, now);
      g_autofree char *hours = cd_course_format_hours (s->hours);
      g_autofree char *subtitle = g_strdup_printf (_("%s · %s"), when, hours);
      const char *state;
      const char *css = NULL;

      if (s->waiting)
        state = _("Waiting list");
      else if (s->attendance >= 0)
        {
          state = cd_attendance_label ((CdAttendance) s->attendance);
          css = s->attendance == CD_ATTENDANCE_ATTENDED ? "success"
                : s->attendance == CD_ATTENDANCE_ABSENT ? "error" : "dim-label";
        }
      else
        state = s->starts_at > now ? _("Enrolled") : _("Not taken");
      plain_row (self, PLAIN_SESSIONS, s->course_title, subtitle, state, css);
    }
}

static void
fill_assessments (CdRecordPage *self,
                  GPtrArray    *assessments)
{
  if (assessments->len == 0)
    plain_row (self, PLAIN_ASSESSMENTS, _("No assessment yet"), NULL, NULL, NULL);
  for (guint i = 0; i < assessments->len; i++)
    {
      CdAssessment *a = g_ptr_array_index (assessments, i);
      g_autofree char *day = cd_datetime_format_date (a->assessed_at);
      g_autofree char *score = cd_assessment_format_score (a->score, a->pass_mark);
      g_autofree char *subtitle = NULL;
      g_autofree char *state = NULL;
      gboolean passed = cd_assessment_passed (a);

      if (a->assessor_name != NULL)
        /* Translators: kind of assessment, day, assessor */
        subtitle = g_strdup_printf (_("%s · %s · %s"), cd_assessment_kind_label (a->kind), day, a->assessor_name);
      else
        subtitle = g_strdup_printf (_("%s · %s"), cd_assessment_kind_label (a->kind), day);
      /* Translators: a score and whether it passed: "82 / 70 ✓ Passed" */
      state = g_strdup_printf (passed ? _("%s ✓ Passed") : _("%s ✗ Failed"), score);
      plain_row (self, PLAIN_ASSESSMENTS, a->course_title != NULL ? a->course_title : a->certification_name,
                 subtitle, state, passed ? "success" : "error");
    }
}

/* A spinning spinner animates its style on every frame even where it
 * is not drawn (a hidden page of the stack, the page itself hidden):
 * the whole window then lays out at the display's rate, and each action
 * waits for that beat. It spins only while the loading page is shown. */
static void
update_spinner (CdRecordPage *self)
{
  gboolean loading = g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "loading") == 0;

  gtk_spinner_set_spinning (self->loading_spinner, loading && gtk_widget_get_mapped (GTK_WIDGET (self)));
}

static void
show_stack_page (CdRecordPage *self,
                 const char   *name)
{
  gtk_stack_set_visible_child_name (self->stack, name);
  update_spinner (self);
}

static void
show_error (CdRecordPage *self,
            const GError *error)
{
  clear_rows (self);
  self->shown_id = 0;
  adw_status_page_set_description (self->error_page, error->message);
  show_stack_page (self, "error");
  gtk_label_set_text (self->name_label, _("Training Record"));
  gtk_widget_set_visible (GTK_WIDGET (self->summary_label), FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "record.export", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "record.issue", FALSE);
}

static void
show_record (CdRecordPage           *self,
             const CdTrainingRecord *record)
{
  g_autofree char *hours_year = NULL;
  g_autofree char *hours_total = NULL;
  g_autofree char *summary = NULL;

  clear_rows (self);
  self->shown_id = self->staff_id;
  g_free (self->name);
  self->name = g_strdup (record->name);
  gtk_label_set_text (self->name_label, record->name);
  hours_year = cd_course_format_hours (record->hours_this_year);
  hours_total = cd_course_format_hours (record->hours_total);
  /* Translators: role, training hours this year, in all */
  summary = g_strdup_printf (_("%s · %s of training this year, %s in all"), cd_role_label (record->role),
                             hours_year, hours_total);
  gtk_label_set_text (self->summary_label, summary);
  /* Cut short in a narrow window. */
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->summary_label), summary);
  gtk_widget_set_visible (GTK_WIDGET (self->summary_label), TRUE);

  fill_certifications (self, record->certifications);
  begin_plain_rows (self);
  fill_plan (self, record->plan);
  fill_sessions (self, record->sessions);
  fill_assessments (self, record->assessments);
  end_plain_rows (self);
  show_stack_page (self, "record");
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "record.export", TRUE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "record.issue", cd_training_can_edit (self->store));
  if (self->focus_row != NULL)
    gtk_widget_grab_focus (self->focus_row);
}

typedef struct {
  gint64            staff_id;
  CdTrainingRecord *record;
} LoadJob;

static void
load_job_free (gpointer data)
{
  LoadJob *job = data;

  g_clear_pointer (&job->record, cd_training_record_free);
  g_free (job);
}

static gboolean
run_load (CdStore       *store,
          gpointer       data,
          GCancellable  *cancellable,
          GError       **error)
{
  LoadJob *job = data;

  job->record = cd_training_record_load (store, job->staff_id, error);
  return job->record != NULL;
}

static void
load_done_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(CdRecordPage) self = user_data;
  LoadJob *job = cd_store_run_get_data (result);
  g_autoptr(GError) error = NULL;

  /* Cancelled: the page was closed or asked for another record since. */
  if (!cd_store_run_finish (CD_STORE (source), result, &error) &&
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  g_clear_object (&self->loading);
  if (job->record == NULL)
    show_error (self, error);
  else
    show_record (self, job->record);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
}

void
cd_record_page_load (CdRecordPage *self,
                     gint64        staff_id,
                     gint64        certification_id)
{
  LoadJob *job;

  g_return_if_fail (CD_IS_RECORD_PAGE (self));

  self->staff_id = staff_id;
  self->focus_certification = certification_id;
  if (self->loading != NULL)
    g_cancellable_cancel (self->loading);
  g_clear_object (&self->loading);
  self->loading = g_cancellable_new ();
  /* A reload of the record on screen keeps it there until the new one is
   * read; another person's shows that it is being read. */
  if (self->shown_id != staff_id)
    {
      clear_rows (self);
      self->shown_id = 0;
      gtk_label_set_text (self->name_label, _("Training Record"));
      gtk_widget_set_visible (GTK_WIDGET (self->summary_label), FALSE);
      show_stack_page (self, "loading");
      gtk_widget_action_set_enabled (GTK_WIDGET (self), "record.export", FALSE);
      gtk_widget_action_set_enabled (GTK_WIDGET (self), "record.issue", FALSE);
    }
  job = g_new0 (LoadJob, 1);
  job->staff_id = staff_id;
  cd_store_run_async (self->store, CD_STORE_LANE_READ, run_load, job, load_job_free, self->loading,
                      load_done_cb, g_object_ref (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
}

gboolean
cd_record_page_get_loading (CdRecordPage *self)
{
  g_return_val_if_fail (CD_IS_RECORD_PAGE (self), FALSE);
  return self->loading != NULL;
}

gint64
cd_record_page_get_staff_id (CdRecordPage *self)
{
  g_return_val_if_fail (CD_IS_RECORD_PAGE (self), 0);
  return self->staff_id;
}

/* Changes --------------------------------------------------------------------------- */

static gboolean
reload_cb (gpointer user_data)
{
  CdRecordPage *self = user_data;

  self->reload_id = 0;
  if (self->staff_id != 0)
    cd_record_page_load (self, self->staff_id, 0);
  return G_SOURCE_REMOVE;
}

/* Several changes give one reload, once the main loop is idle. */
static void
on_store_changed_cb (CdRecordPage *self,
                     CdChange     *change)
{
  if (self->staff_id == 0)
    return;
  if (g_str_equal (cd_change_get_kind (change), CD_CHANGE_STAFF) && !cd_change_has_id (change, self->staff_id))
    return;
  if (self->reload_id == 0)
    self->reload_id = g_idle_add (reload_cb, self);
}

/* Actions --------------------------------------------------------------------------- */

static void
on_dialog_saved_cb (GtkWidget    *dialog,
                    gint64        id,
                    CdRecordPage *self)
{
  cd_training_toast (GTK_WIDGET (self), _("Saved"));
}

static void
open_dialog (CdRecordPage *self,
             GtkWidget    *dialog)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  if (GTK_IS_WINDOW (root))
    gtk_window_set_transient_for (GTK_WINDOW (dialog), GTK_WINDOW (root));
  g_signal_connect_object (dialog, "saved", G_CALLBACK (on_dialog_saved_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
issue_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  CdRecordPage *self = CD_RECORD_PAGE (widget);

  open_dialog (self, cd_certification_dialog_new_issue (self->store, self->staff_id, self->focus_certification));
}

typedef struct {
  gint64  staff_id;
  char   *path;
} ExportJob;

static void
export_job_free (gpointer data)
{
  ExportJob *job = data;

  g_free (job->path);
  g_free (job);
}

static gboolean
run_export (CdStore       *store,
            gpointer       data,
            GCancellable  *cancellable,
            GError       **error)
{
  ExportJob *job = data;

  return cd_training_record_export (store, job->staff_id, job->path, error);
}

static void
export_done_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(CdRecordPage) self = user_data;
  g_autoptr(GError) error = NULL;

  cd_training_button_set_busy (self->export_button, NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "record.export", TRUE);
  if (!cd_store_run_finish (CD_STORE (source), result, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        cd_training_show_error (GTK_WIDGET (self), _("Could Not Export the Record"), error);
      return;
    }
  cd_training_toast (GTK_WIDGET (self), _("Training record exported"));
}

void
cd_record_page_export (CdRecordPage *self,
                       const char   *path)
{
  ExportJob *job;

  g_return_if_fail (CD_IS_RECORD_PAGE (self));

  job = g_new0 (ExportJob, 1);
  job->staff_id = self->staff_id;
  job->path = g_strdup (path);
  cd_training_button_set_busy (self->export_button, _("Exporting…"));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "record.export", FALSE);
  cd_store_run_async (self->store, CD_STORE_LANE_READ, run_export, job, export_job_free, self->cancellable,
                      export_done_cb, g_object_ref (self));
}

static void
on_export_chosen_cb (GObject      *source,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(CdRecordPage) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = cd_file_chooser_choose_finish (result, &error);
  g_autofree char *path = NULL;

  g_clear_object (&self->choosing);
  if (file == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        cd_training_show_error (GTK_WIDGET (self), _("Could Not Export the Record"), error);
      return;
    }
  path = g_file_get_path (file);
  if (path != NULL)
    cd_record_page_export (self, path);
}

static void
export_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  CdRecordPage *self = CD_RECORD_PAGE (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  const CdFileChooserFilter filters[] = { { _("CSV files"), "*.csv;*.CSV" } };
  /* Translators: the file name an exported training record suggests; %s is the person */
  g_autofree char *name = g_strdup_printf (_("training-record-%s.csv"), self->name != NULL ? self->name : "");

  if (self->choosing != NULL)
    return;
  self->choosing = g_cancellable_new ();
  cd_file_chooser_choose_async (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, CD_FILE_CHOOSER_SAVE,
                                _("Export the Training Record"), _("_Export"), NULL, name,
                                filters, G_N_ELEMENTS (filters), self->choosing,
                                on_export_chosen_cb, g_object_ref (self));
}

static void
on_back_clicked_cb (CdRecordPage *self)
{
  g_signal_emit (self, signals[SIGNAL_BACK], 0);
}

/* GObject ------------------------------------------------------------------------- */

static void
cd_record_page_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  CdRecordPage *self = CD_RECORD_PAGE (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    case PROP_LOADING:
      g_value_set_boolean (value, self->loading != NULL);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cd_record_page_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  CdRecordPage *self = CD_RECORD_PAGE (object);

  switch (prop_id)
    {
    case PROP_STORE:
      self->store = g_value_dup_object (value);
      g_signal_group_set_target (self->store_signals, self->store);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cd_record_page_dispose (GObject *object)
{
  CdRecordPage *self = CD_RECORD_PAGE (object);

  g_cancellable_cancel (self->cancellable);
  if (self->loading != NULL)
    g_cancellable_cancel (self->loading);
  g_clear_object (&self->loading);
  if (self->choosing != NULL)
    g_cancellable_cancel (self->choosing);
  g_clear_object (&self->choosing);
  g_clear_handle_id (&self->reload_id, g_source_remove);
  if (self->store_signals != NULL)
    g_signal_group_set_target (self->store_signals, NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), CD_TYPE_RECORD_PAGE);
  cd_training_unparent_children (GTK_WIDGET (self));
  g_clear_object (&self->store);

  G_OBJECT_CLASS (cd_record_page_parent_class)->dispose (object);
}

static void
cd_record_page_map (GtkWidget *widget)
{
  GTK_WIDGET_CLASS (cd_record_page_parent_class)->map (widget);
  update_spinner (CD_RECORD_PAGE (widget));
}

static void
cd_record_page_unmap (GtkWidget *widget)
{
  GTK_WIDGET_CLASS (cd_record_page_parent_class)->unmap (widget);
  update_spinner (CD_RECORD_PAGE (widget));
}

static void
cd_record_page_finalize (GObject *object)
{
  CdRecordPage *self = CD_RECORD_PAGE (object);

  g_clear_pointer (&self->rows, g_ptr_array_unref);
  g_clear_pointer (&self->row_groups, g_ptr_array_unref);
  for (guint i = 0; i < N_PLAIN; i++)
    g_clear_pointer (&self->plain_rows[i], g_ptr_array_unref);
  g_clear_object (&self->store_signals);
  g_clear_object (&self->cancellable);
  g_free (self->name);

  G_OBJECT_CLASS (cd_record_page_parent_class)->finalize (object);
}

static void
cd_record_page_class_init (CdRecordPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = cd_record_page_get_property;
  object_class->set_property = cd_record_page_set_property;
  object_class->dispose = cd_record_page_dispose;
  object_class->finalize = cd_record_page_finalize;
  widget_class->map = cd_record_page_map;
  widget_class->unmap = cd_record_page_unmap;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, CD_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  /* While the record is being read, which may wait for another
   * Caredesk's write on a network share. */
  properties[PROP_LOADING] =
    g_param_spec_boolean ("loading", NULL, NULL, FALSE, G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[SIGNAL_BACK] =
    g_signal_new ("back", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/training/cd-record-page.ui");
  gtk_widget_class_bind_template_child (widget_class, CdRecordPage, back_button);
  gtk_widget_class_bind_template_child (widget_class, CdRecordPage, name_label);
  gtk_widget_class_bind_template_child (widget_class, CdRecordPage, summary_label);
  gtk_widget_class_bind_template_child (widget_class, CdRecordPage, export_button);
  gtk_widget_class_bind_template_child (widget_class, CdRecordPage, stack);
  gtk_widget_class_bind_template_child (widget_class, CdRecordPage, loading_spinner);
  gtk_widget_class_bind_template_child (widget_class, CdRecordPage, preferences_page);
  gtk_widget_class_bind_template_child (widget_class, CdRecordPage, certifications_group);
  gtk_widget_class_bind_template_child (widget_class, CdRecordPage, plan_group);
  gtk_widget_class_bind_template_child (widget_class, CdRecordPage, sessions_group);
  gtk_widget_class_bind_template_child (widget_class, CdRecordPage, assessments_group);
  gtk_widget_class_bind_template_child (widget_class, CdRecordPage, error_page);
  gtk_widget_class_bind_template_callback (widget_class, on_back_clicked_cb);

  gtk_widget_class_install_action (widget_class, "record.issue", NULL, issue_action);
  gtk_widget_class_install_action (widget_class, "record.export", NULL, export_action);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
cd_record_page_init (CdRecordPage *self)
{
  self->rows = g_ptr_array_new ();
  self->row_groups = g_ptr_array_new ();
  for (guint i = 0; i < N_PLAIN; i++)
    self->plain_rows[i] = g_ptr_array_new ();
  self->cancellable = g_cancellable_new ();
  self->store_signals = g_signal_group_new (CD_TYPE_STORE);
  for (guint i = 0; i < G_N_ELEMENTS (watched_kinds); i++)
    {
      g_autofree char *detailed = g_strconcat ("changed::", watched_kinds[i], NULL);
      g_signal_group_connect_swapped (self->store_signals, detailed, G_CALLBACK (on_store_changed_cb), self);
    }
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
cd_record_page_new (CdStore *store)
{
  g_return_val_if_fail (CD_IS_STORE (store), NULL);
  return g_object_new (CD_TYPE_RECORD_PAGE, "store", store, NULL);
}
