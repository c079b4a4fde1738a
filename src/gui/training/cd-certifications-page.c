/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "caredesk-training"

#include "config.h"

#include <glib/gi18n.h>

#include "cd-certification-dialog.h"
#include "cd-certification-editor.h"
#include "cd-certifications-page.h"
#include "cd-datetime.h"
#include "cd-training-list.h"
#include "cd-training-util.h"
#include "cd-validate.h"

static const char * const refresh_kinds[] = {
  CD_CHANGE_CERTIFICATIONS, CD_CHANGE_STAFF_CERTIFICATIONS, CD_CHANGE_TICKET_CATEGORIES, CD_CHANGE_STAFF, NULL
};

struct _CdCertificationsPage
{
  CdTrainingPage       parent_instance;

  CdTrainingList        *list;
  CdCertificationFilter  filter;
  gint64                 detail_id;     /* the certification shown with its holders, or 0 */
  GArray                *holder_ids;    /* gint64 staff ids, the rows' order */
  guint                  reload_id;
  GSignalGroup          *store_signals;
  GCancellable          *loading;       /* the detail's read under way */

  /* Template widgets */
  GtkStack              *certs_stack;
  GtkSearchEntry        *search_entry;
  GtkToggleButton       *archived_button;
  GtkButton             *new_button;
  GtkButton             *open_button;
  GtkButton             *edit_button;
  GtkButton             *archive_button;
  GtkStack              *list_stack;
  GtkColumnView         *column_view;
  GtkColumnViewColumn   *name_column;
  GtkColumnViewColumn   *validity_column;
  GtkColumnViewColumn   *holders_column;
  GtkColumnViewColumn   *expiring_column;
  GtkColumnViewColumn   *categories_column;
  GtkColumnViewColumn   *roles_column;
  AdwStatusPage         *empty_page;
  GtkWidget             *empty_button;
  AdwStatusPage         *error_page;
  GtkLabel              *detail_title;
  GtkLabel              *detail_subtitle;
  GtkWidget             *issue_button;
  GtkWidget             *detail_edit_button;
  AdwActionRow          *validity_row;
  AdwActionRow          *requires_row;
  AdwActionRow          *qualifies_row;
  AdwActionRow          *required_of_row;
  AdwPreferencesGroup   *holders_group;
  GtkListBox            *holders_list;
};

enum {
  SIGNAL_OPEN_RECORD,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (CdCertificationsPage, cd_certifications_page, CD_TYPE_TRAINING_PAGE)

static char *
months_text (int months)
{
  if (months % 12 == 0)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d year", "%d years", months / 12), months / 12);
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d month", "%d months", months), months);
}

/* Cells -------------------------------------------------------------------------- */

static char *
name_text (gpointer owner, CdRow *row, const char **css)
{
  g_autofree char *name = cd_certification_display_name (cd_row_get_value (row, CD_CERTIFICATION_COL_NAME),
                                                         cd_row_get_value (row, CD_CERTIFICATION_COL_LEVEL));

  if (cd_row_get_int (row, CD_CERTIFICATION_COL_ARCHIVED, 0) != 0)
    {
      *css = "dim-label";
      /* Translators: an archived certification in the list */
      return g_strdup_printf (_("%s (archived)"), name);
    }
  return g_steal_pointer (&name);
}

static char *
validity_text (gpointer owner, CdRow *row, const char **css)
{
  return months_text ((int) cd_row_get_int (row, CD_CERTIFICATION_COL_VALIDITY, 0));
}

static char *
holders_text (gpointer owner, CdRow *row, const char **css)
{
  return g_strdup (cd_row_get_value (row, CD_CERTIFICATION_COL_HOLDERS));
}

static char *
expiring_text (gpointer owner, CdRow *row, const char **css)
{
  gint64 n = cd_row_get_int (row, CD_CERTIFICATION_COL_EXPIRING, 0);

  if (n == 0)
    {
      *css = "dim-label";
      return g_strdup (_("None"));
    }
  *css = "warning";
  /* Translators: how many holders' certifications run out within 30 days: "! 3 within 30 days" */
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "! %d within 30 days", "! %d within 30 days", (gulong) n),
                          (int) n);
}

static char *
categories_text (gpointer owner, CdRow *row, const char **css)
{
  const char *categories = cd_row_get_value (row, CD_CERTIFICATION_COL_CATEGORIES);

  if (categories == NULL || *categories == '\0')
    {
      *css = "dim-label";
      return g_strdup (_("No ticket category"));
    }
  return g_strdup (categories);
}

static char *
roles_text (gpointer owner, CdRow *row, const char **css)
{
  g_autofree char *roles = cd_certification_roles_text ((guint) cd_row_get_int (row, CD_CERTIFICATION_COL_ROLES, 0));

  if (*roles == '\0')
    {
      *css = "dim-label";
      return g_strdup (_("Optional"));
    }
  return g_steal_pointer (&roles);
}

/* State ---------------------------------------------------------------------------- */

static gboolean
filter_is_default (CdCertificationsPage *self)
{
  return (self->filter.text == NULL || *self->filter.text == '\0') && !self->filter.show_archived;
}

static void
update_state (CdCertificationsPage *self)
{
  gboolean editor = cd_training_can_edit (CD_PAGE_STORE (self));
  gint64 selected = cd_training_list_get_selected_id (self->list);
  gint64 current = self->detail_id != 0 ? self->detail_id : selected;

  cd_training_list_show_state (self->list, self->list_stack, self->error_page, !filter_is_default (self));

  gtk_widget_set_visible (GTK_WIDGET (self->new_button), editor);
  gtk_widget_set_visible (GTK_WIDGET (self->edit_button), editor);
  gtk_widget_set_visible (GTK_WIDGET (self->archive_button), editor);
  gtk_widget_set_visible (self->issue_button, editor);
  gtk_widget_set_visible (self->detail_edit_button, editor);
  gtk_widget_set_visible (self->empty_button, editor);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "certifications.new", editor);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "certifications.open", selected != 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "certifications.edit", editor && current != 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "certifications.archive", editor && selected != 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "certifications.issue", editor && self->detail_id != 0);
  if (selected != 0 && editor)
    {
      g_autoptr(CdRow) row = cd_training_list_dup_selected_row (self->list);
      gboolean archived = row != NULL && cd_row_get_int (row, CD_CERTIFICATION_COL_ARCHIVED, 0) != 0;

      gtk_button_set_label (self->archive_button, archived ? _("_Restore") : _("_Archive"));
    }
  if (!editor)
    adw_status_page_set_description (self->empty_page,
                                     _("No certification has been added yet. Trainers add them."));
}

static void
apply_filters (CdCertificationsPage *self)
{
  g_autofree char *text = cd_validate_trim (gtk_editable_get_text (GTK_EDITABLE (self->search_entry)));

  g_free (self->filter.text);
  self->filter.text = *text != '\0' ? g_steal_pointer (&text) : NULL;
  self->filter.show_archived = gtk_toggle_button_get_active (self->archived_button);
  cd_certifications_list_set_filter (cd_training_list_get_model (self->list), &self->filter);
  cd_training_list_scroll_to_top (self->list);
  update_state (self);
}

static void
on_filter_changed_cb (CdCertificationsPage *self)
{
  if (self->list != NULL)
    apply_filters (self);
}

static void
on_search_entry_activate_cb (CdCertificationsPage *self)
{
  cd_training_list_focus (self->list);
}

static void
on_selection_changed_cb (CdCertificationsPage *self)
{
  update_state (self);
}

/* Holders ---------------------------------------------------------------------------- */

static void
remove_rows (GtkListBox *list)
{
  GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (list));

  while (child != NULL)
    {
      GtkWidget *next = gtk_widget_get_next_sibling (child);

      if (GTK_IS_LIST_BOX_ROW (child))
        gtk_list_box_remove (list, child);
      child = next;
    }
}

static char *
requires_text (GPtrArray       *course_titles,
               CdCertification *c)
{
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; i < course_titles->len; i++)
    {
      if (text->len > 0)
        g_string_append (text, ", ");
      /* Translators: a course a certification requires, in a list */
      g_string_append_printf (text, _("“%s” attended"), (const char *) g_ptr_array_index (course_titles, i));
    }
  for (guint i = 0; i < c->assessment_kinds->len; i++)
    {
      if (text->len > 0)
        g_string_append (text, ", ");
      /* Translators: an assessment a certification requires, in a list: "Exam passed" */
      g_string_append_printf (text, _("%s passed"),
                              cd_assessment_kind_label ((CdAssessmentKind) g_array_index (c->assessment_kinds, int, i)));
    }
  if (text->len == 0)
    return g_strdup (_("Nothing: a trainer issues it"));
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static GtkWidget *
holder_row (CdCertificationsPage *self,
            CdStaffCertification *record,
            gint64                now)
{
  CdCertStatus status = cd_staff_certification_status (record, now);
  g_autofree char *status_text = cd_certification_status_text (status, record->expires_at, now);
  g_autofree char *word = g_strdup_printf ("%s %s", cd_certification_status_symbol (status), status_text);
  g_autofree char *issued = cd_datetime_format_date (record->issued_at);
  g_autofree char *expires = cd_datetime_format_date (record->expires_at);
  g_autofree char *subtitle = NULL;
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *label = gtk_label_new (word);
  const char *css = cd_training_cert_css (status);

  if (status == CD_CERT_REVOKED)
    /* Translators: a holder's revoked certification: "Issued 3 May 2025 · revoked: <reason>" */
    subtitle = g_strdup_printf (_("Issued %s · revoked: %s"), issued,
                                record->revoke_reason != NULL ? record->revoke_reason : "");
  else
    /* Translators: a holder's certification: "Issued 3 May 2025 · valid until 3 May 2026" */
    subtitle = g_strdup_printf (_("Issued %s · runs out %s"), issued, expires);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), record->staff_name);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), cd_training_can_read_others (CD_PAGE_STORE (self)));
  gtk_widget_set_valign (label, GTK_ALIGN_CENTER);
  if (css != NULL)
    gtk_widget_add_css_class (label, css);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), label);
  if (cd_training_can_read_others (CD_PAGE_STORE (self)))
    adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("go-next-symbolic"));
  return row;
}

/* What the detail shows, read together on the store's read lane: on a
 * network share a read may wait for another Caredesk's write. */
typedef struct {
  gint64           id;
  CdCertification *certification;
  GPtrArray       *course_titles;
  GPtrArray       *categories;
  GPtrArray       *holders;
} DetailJob;

static void
detail_job_free (gpointer data)
{
  DetailJob *job = data;

  g_clear_pointer (&job->certification, cd_certification_free);
  g_clear_pointer (&job->course_titles, g_ptr_array_unref);
  g_clear_pointer (&job->categories, g_ptr_array_unref);
  g_clear_pointer (&job->holders, g_ptr_array_unref);
  g_free (job);
}

static gboolean
run_detail (CdStore       *store,
            gpointer       data,
            GCancellable  *cancellable,
            GError       **error)
{
  DetailJob *job = data;

  job->certification = cd_certification_load (store, job->id, error);
  if (job->certification == NULL)
    return FALSE;
  job->course_titles = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < job->certification->course_ids->len; i++)
    {
      g_autoptr(CdCourse) course = cd_course_load (store, g_array_index (job->certification->course_ids, gint64, i),
                                                   NULL);

      if (course != NULL)
        g_ptr_array_add (job->course_titles, g_strdup (course->title));
    }
  job->categories = cd_training_categories (store, NULL);
  job->holders = cd_certification_holders (store, job->id, error);
  return job->holders != NULL;
}

static void
show_detail (CdCertificationsPage *self,
             DetailJob            *job,
             const GError         *error)
{
  CdCertification *c = job->certification;
  g_autofree char *display = NULL;
  g_autofree char *months = NULL;
  g_autofree char *requires = NULL;
  g_autofree char *roles = NULL;
  g_autofree char *summary = NULL;
  g_autoptr(GString) categories = g_string_new (NULL);
  gint64 now = cd_store_now (CD_PAGE_STORE (self));
  guint n_active = 0, n_expiring = 0, n_lapsed = 0;

  remove_rows (self->holders_list);
  g_array_set_size (self->holder_ids, 0);
  if (c == NULL)
    {
      gtk_label_set_text (self->detail_title, _("Could Not Show the Certification"));
      gtk_label_set_text (self->detail_subtitle, error->message);
      gtk_widget_set_visible (GTK_WIDGET (self->detail_subtitle), TRUE);
      return;
    }
  display = cd_certification_display_name (c->name, c->level);
  months = months_text (c->validity_months);
  requires = requires_text (job->course_titles, c);
  roles = cd_certification_roles_text (c->required_roles);
  for (guint i = 0; job->categories != NULL && i < job->categories->len; i++)
    {
      CdCategoryChoice *category = g_ptr_array_index (job->categories, i);

      for (guint j = 0; j < c->category_ids->len; j++)
        if (g_array_index (c->category_ids, gint64, j) == category->id)
          {
            if (categories->len > 0)
              g_string_append (categories, ", ");
            g_string_append (categories, category->name);
          }
    }
  gtk_label_set_text (self->detail_title, display);
  gtk_label_set_text (self->detail_subtitle, c->description != NULL ? c->description : "");
  gtk_widget_set_visible (GTK_WIDGET (self->detail_subtitle), c->description != NULL);
  adw_action_row_set_subtitle (self->validity_row, months);
  adw_action_row_set_subtitle (self->requires_row, requires);
  adw_action_row_set_subtitle (self->qualifies_row, categories->len > 0 ? categories->str : _("No ticket category"));
  adw_action_row_set_subtitle (self->required_of_row, *roles != '\0' ? roles : _("Nobody: it is optional"));

  if (job->holders == NULL)
    {
      adw_preferences_group_set_description (self->holders_group, error->message);
      return;
    }
  for (guint i = 0; i < job->holders->len; i++)
    {
      CdStaffCertification *record = g_ptr_array_index (job->holders, i);

      switch (cd_staff_certification_status (record, now))
        {
        case CD_CERT_ACTIVE:
          n_active++;
          break;
        case CD_CERT_EXPIRING:
          n_expiring++;
          break;
        case CD_CERT_EXPIRED:
        case CD_CERT_REVOKED:
        default:
          n_lapsed++;
          break;
        }
      gtk_list_box_append (self->holders_list, holder_row (self, record, now));
      g_array_append_val (self->holder_ids, record->staff_id);
    }
  if (job->holders->len == 0)
    summary = g_strdup (_("Nobody has held it yet."));
  else
    /* Translators: the holders of a certification: "12 hold it now, 3 of them running out within 30 days; 2 lapsed" */
    summary = g_strdup_printf (_("%u hold it now, %u of them running out within 30 days; %u expired or revoked"),
                               n_active + n_expiring, n_expiring, n_lapsed);
  adw_preferences_group_set_description (self->holders_group, summary);
}

static void
detail_done_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(CdCertificationsPage) self = user_data;
  DetailJob *job = cd_store_run_get_data (result);
  g_autoptr(GError) error = NULL;

  /* Cancelled: the page was closed or shows another certification. */
  if (!cd_store_run_finish (CD_STORE (source), result, &error) &&
      g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  g_clear_object (&self->loading);
  show_detail (self, job, error);
}

static void
load_detail (CdCertificationsPage *self,
             gboolean              same)
{
  DetailJob *job;

  if (self->loading != NULL)
    g_cancellable_cancel (self->loading);
  g_clear_object (&self->loading);
  self->loading = g_cancellable_new ();
  /* A reload keeps what is shown until the new answer is there. */
  if (!same)
    {
      remove_rows (self->holders_list);
      g_array_set_size (self->holder_ids, 0);
      gtk_label_set_text (self->detail_title, _("Loading…"));
      gtk_widget_set_visible (GTK_WIDGET (self->detail_subtitle), FALSE);
      adw_action_row_set_subtitle (self->validity_row, "");
      adw_action_row_set_subtitle (self->requires_row, "");
      adw_action_row_set_subtitle (self->qualifies_row, "");
      adw_action_row_set_subtitle (self->required_of_row, "");
      adw_preferences_group_set_description (self->holders_group, NULL);
    }
  job = g_new0 (DetailJob, 1);
  job->id = self->detail_id;
  cd_store_run_async (CD_PAGE_STORE (self), CD_STORE_LANE_READ, run_detail, job, detail_job_free, self->loading,
                      detail_done_cb, g_object_ref (self));
}

static gboolean
reload_idle_cb (gpointer data)
{
  CdCertificationsPage *self = data;

  self->reload_id = 0;
  if (self->detail_id != 0)
    load_detail (self, TRUE);
  return G_SOURCE_REMOVE;
}

static void
on_store_changed_cb (CdCertificationsPage *self)
{
  if (self->reload_id == 0 && self->detail_id != 0)
    self->reload_id = g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, reload_idle_cb, self, NULL);
}

void
cd_certifications_page_show_holders (CdCertificationsPage *self,
                                     gint64                certification_id)
{
  gboolean same;

  g_return_if_fail (CD_IS_CERTIFICATIONS_PAGE (self));

  same = self->detail_id == certification_id;
  self->detail_id = certification_id;
  load_detail (self, same);
  gtk_stack_set_visible_child_name (self->certs_stack, "detail");
  update_state (self);
}

guint
cd_certifications_page_get_n_holders (CdCertificationsPage *self)
{
  g_return_val_if_fail (CD_IS_CERTIFICATIONS_PAGE (self), 0);
  return self->holder_ids->len;
}

static void
on_holder_activated_cb (CdCertificationsPage *self,
                        GtkListBoxRow        *row)
{
  int index = gtk_list_box_row_get_index (row);

  if (index >= 0 && (guint) index < self->holder_ids->len && cd_training_can_read_others (CD_PAGE_STORE (self)))
    g_signal_emit (self, signals[SIGNAL_OPEN_RECORD], 0, g_array_index (self->holder_ids, gint64, index),
                   self->detail_id);
}

/* Actions ------------------------------------------------------------------------- */

static void
on_saved_cb (CdCertificationsPage *self)
{
  cd_training_toast (GTK_WIDGET (self), _("Certification saved"));
}

static void
new_action (GtkWidget *widget, const char *name, GVariant *parameter)
{
  CdCertificationsPage *self = CD_CERTIFICATIONS_PAGE (widget);
  GtkWidget *editor = cd_certification_editor_new (CD_PAGE_STORE (self), 0);

  g_signal_connect_object (editor, "saved", G_CALLBACK (on_saved_cb), self, G_CONNECT_SWAPPED);
  cd_training_present (GTK_WIDGET (self), editor);
}

static void
edit_action (GtkWidget *widget, const char *name, GVariant *parameter)
{
  CdCertificationsPage *self = CD_CERTIFICATIONS_PAGE (widget);
  gint64 id = self->detail_id != 0 ? self->detail_id : cd_training_list_get_selected_id (self->list);
  GtkWidget *editor;

  if (id == 0)
    return;
  editor = cd_certification_editor_new (CD_PAGE_STORE (self), id);
  g_signal_connect_object (editor, "saved", G_CALLBACK (on_saved_cb), self, G_CONNECT_SWAPPED);
  cd_training_present (GTK_WIDGET (self), editor);
}

static void
open_action (GtkWidget *widget, const char *name, GVariant *parameter)
{
  CdCertificationsPage *self = CD_CERTIFICATIONS_PAGE (widget);
  gint64 id = cd_training_list_get_selected_id (self->list);

  if (id != 0)
    cd_certifications_page_show_holders (self, id);
}

static void
back_action (GtkWidget *widget, const char *name, GVariant *parameter)
{
  CdCertificationsPage *self = CD_CERTIFICATIONS_PAGE (widget);

  self->detail_id = 0;
  if (self->loading != NULL)
    g_cancellable_cancel (self->loading);
  g_clear_object (&self->loading);
  gtk_stack_set_visible_child_name (self->certs_stack, "list");
  gtk_widget_grab_focus (GTK_WIDGET (self->column_view));
  update_state (self);
}

static void
on_issued_cb (CdCertificationsPage *self)
{
  cd_training_toast (GTK_WIDGET (self), _("Certification issued"));
}

static void
issue_action (GtkWidget *widget, const char *name, GVariant *parameter)
{
  CdCertificationsPage *self = CD_CERTIFICATIONS_PAGE (widget);
  GtkWidget *dialog;

  if (self->detail_id == 0)
    return;
  dialog = cd_certification_dialog_new_issue (CD_PAGE_STORE (self), 0, self->detail_id);
  g_signal_connect_object (dialog, "saved", G_CALLBACK (on_issued_cb), self, G_CONNECT_SWAPPED);
  cd_training_present (GTK_WIDGET (self), dialog);
}

typedef struct {
  gint64   id;
  gboolean archived;
} ArchiveJob;

static gboolean
run_archive (CdStore *store, gpointer data, GCancellable *cancellable, GError **error)
{
  ArchiveJob *job = data;
  g_autoptr(CdCertification) c = cd_certification_load (store, job->id, error);

  if (c == NULL)
    return FALSE;
  return cd_certification_set_archived (store, job->id, c->version, job->archived, error);
}

static void
archive_done_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr(CdCertificationsPage) self = user_data;
  ArchiveJob *job = cd_store_run_get_data (result);
  g_autoptr(GError) error = NULL;

  if (!cd_store_run_finish (CD_STORE (source), result, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        cd_training_show_error (GTK_WIDGET (self), _("Could Not Change the Certification"), error);
      return;
    }
  cd_training_toast (GTK_WIDGET (self), job->archived ? _("Certification archived") : _("Certification restored"));
}

static void
archive_action (GtkWidget *widget, const char *name, GVariant *parameter)
{
  CdCertificationsPage *self = CD_CERTIFICATIONS_PAGE (widget);
  g_autoptr(CdRow) row = cd_training_list_dup_selected_row (self->list);
  ArchiveJob *job;

  if (row == NULL)
    return;
  job = g_new0 (ArchiveJob, 1);
  job->id = cd_row_get_id (row);
  job->archived = cd_row_get_int (row, CD_CERTIFICATION_COL_ARCHIVED, 0) == 0;
  cd_store_run_async (CD_PAGE_STORE (self), CD_STORE_LANE_WRITE, run_archive, job, g_free, CD_PAGE_CANCELLABLE (self),
                      archive_done_cb, g_object_ref (self));
}

static void
clear_filters_action (GtkWidget *widget, const char *name, GVariant *parameter)
{
  CdCertificationsPage *self = CD_CERTIFICATIONS_PAGE (widget);

  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
  gtk_toggle_button_set_active (self->archived_button, FALSE);
  apply_filters (self);
}

static void
on_column_view_activate_cb (CdCertificationsPage *self,
                            guint                 position,
                            GtkColumnView        *view)
{
  gint64 id = cd_row_model_get_id (cd_training_list_get_model (self->list), position);

  if (id > 0)
    cd_certifications_page_show_holders (self, id);
}

/* GObject ------------------------------------------------------------------------- */

static void
cd_certifications_page_constructed (GObject *object)
{
  CdCertificationsPage *self = CD_CERTIFICATIONS_PAGE (object);
  g_autoptr(CdRowModel) model = NULL;

  G_OBJECT_CLASS (cd_certifications_page_parent_class)->constructed (object);

  cd_certification_filter_init (&self->filter);
  model = cd_certifications_list_new (CD_PAGE_STORE (self), &self->filter);
  self->list = cd_training_list_new (self->column_view, model, self, refresh_kinds);
  cd_training_list_watch_search (self->list, self->search_entry, G_CALLBACK (on_filter_changed_cb));
  cd_training_list_add_column (self->list, self->name_column, "name", name_text, FALSE);
  cd_training_list_add_column (self->list, self->validity_column, "validity", validity_text, TRUE);
  cd_training_list_add_column (self->list, self->holders_column, "holders", holders_text, TRUE);
  cd_training_list_add_column (self->list, self->expiring_column, "expiring", expiring_text, FALSE);
  cd_training_list_add_column (self->list, self->categories_column, NULL, categories_text, FALSE);
  cd_training_list_add_column (self->list, self->roles_column, NULL, roles_text, FALSE);
  cd_training_list_show_sorted (self->list, self->name_column, FALSE);
  cd_training_list_keep_sort (self->list, &self->filter.sort_column, &self->filter.sort_descending);
  cd_training_list_watch (self->list, G_CALLBACK (on_selection_changed_cb));
  g_signal_group_set_target (self->store_signals, CD_PAGE_STORE (self));
  update_state (self);
}

static void
cd_certifications_page_dispose (GObject *object)
{
  CdCertificationsPage *self = CD_CERTIFICATIONS_PAGE (object);

  if (self->loading != NULL)
    g_cancellable_cancel (self->loading);
  g_clear_object (&self->loading);
  g_clear_handle_id (&self->reload_id, g_source_remove);
  if (self->store_signals != NULL)
    g_signal_group_set_target (self->store_signals, NULL);
  g_clear_pointer (&self->list, cd_training_list_free);
  G_OBJECT_CLASS (cd_certifications_page_parent_class)->dispose (object);
}

static void
cd_certifications_page_finalize (GObject *object)
{
  CdCertificationsPage *self = CD_CERTIFICATIONS_PAGE (object);

  cd_certification_filter_clear (&self->filter);
  g_clear_pointer (&self->holder_ids, g_array_unref);
  g_clear_object (&self->store_signals);
  G_OBJECT_CLASS (cd_certifications_page_parent_class)->finalize (object);
}

static void
cd_certifications_page_class_init (CdCertificationsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = cd_certifications_page_constructed;
  object_class->dispose = cd_certifications_page_dispose;
  object_class->finalize = cd_certifications_page_finalize;

  signals[SIGNAL_OPEN_RECORD] =
    g_signal_new ("open-record", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, G_TYPE_INT64, G_TYPE_INT64);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PREFIX "/training/cd-certifications-page.ui");
  gtk_widget_class_bind_template_child (widget_class, CdCertificationsPage, certs_stack);
  gtk_widget_class_bind_template_child (widget_class, CdCertificationsPage, search_entry);
  gtk_widget_class_bind_template_child (widget_class, CdCertificationsPage, archived_button);
  gtk_widget_class_bind_template_child (widget_class, CdCertificationsPage, new_button);
  gtk_widget_class_bind_template_child (widget_class, CdCertificationsPage, open_button);
  gtk_widget_class_bind_template_child (widget_class, CdCertificationsPage, edit_button);
  gtk_widget_class_bind_template_child (widget_class, CdCertificationsPage, archive_button);
  gtk_widget_class_bind_template_child (widget_class, CdCertificationsPage, list_stack);
  gtk_widget_class_bind_template_child (widget_class, CdCertificationsPage, column_view);
  gtk_widget_class_bind_template_child (widget_class, CdCertificationsPage, name_column);
  gtk_widget_class_bind_template_child (widget_class, CdCertificationsPage, validity_column);
  gtk_widget_class_bind_template_child (widget_class, CdCertificationsPage, holders_column);
  gtk_widget_class_bind_template_child (widget_class, CdCertificationsPage, expiring_column);
  gtk_widget_class_bind_template_child (widget_class, CdCertificationsPage, categories_column);
  gtk_widget_class_bind_template_child (widget_class, CdCertificationsPage, roles_column);
  gtk_widget_class_bind_template_child (widget_class, CdCertificationsPage, empty_page);
  gtk_widget_class_bind_template_child (widget_class, CdCertificationsPage, empty_button);
  gtk_widget_class_bind_template_child (widget_class, CdCertificationsPage, error_page);
  gtk_widget_class_bind_template_child (widget_class, CdCertificationsPage, detail_title);
  gtk_widget_class_bind_template_child (widget_class, CdCertificationsPage, detail_subtitle);
  gtk_widget_class_bind_template_child (widget_class, CdCertificationsPage, issue_button);
  gtk_widget_class_bind_template_child (widget_class, CdCertificationsPage, detail_edit_button);
  gtk_widget_class_bind_template_child (widget_class, CdCertificationsPage, validity_row);
  gtk_widget_class_bind_template_child (widget_class, CdCertificationsPage, requires_row);
  gtk_widget_class_bind_template_child (widget_class, CdCertificationsPage, qualifies_row);
  gtk_widget_class_bind_template_child (widget_class, CdCertificationsPage, required_of_row);
  gtk_widget_class_bind_template_child (widget_class, CdCertificationsPage, holders_group);
  gtk_widget_class_bind_template_child (widget_class, CdCertificationsPage, holders_list);
  gtk_widget_class_bind_template_callback (widget_class, on_filter_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_search_entry_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_column_view_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_holder_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, cd_training_list_cell_setup);
  gtk_widget_class_bind_template_callback (widget_class, cd_training_list_cell_bind);
  gtk_widget_class_bind_template_callback (widget_class, cd_training_list_cell_unbind);

  gtk_widget_class_install_action (widget_class, "certifications.new", NULL, new_action);
  gtk_widget_class_install_action (widget_class, "certifications.open", NULL, open_action);
  gtk_widget_class_install_action (widget_class, "certifications.edit", NULL, edit_action);
  gtk_widget_class_install_action (widget_class, "certifications.archive", NULL, archive_action);
  gtk_widget_class_install_action (widget_class, "certifications.issue", NULL, issue_action);
  gtk_widget_class_install_action (widget_class, "certifications.back", NULL, back_action);
  gtk_widget_class_install_action (widget_class, "certifications.clear-filters", NULL, clear_filters_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK, "certifications.new", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Left, GDK_ALT_MASK, "certifications.back", NULL);
}

static void
cd_certifications_page_init (CdCertificationsPage *self)
{
  self->holder_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->store_signals = g_signal_group_new (CD_TYPE_STORE);
  for (guint i = 0; refresh_kinds[i] != NULL; i++)
    {
      g_autofree char *detailed = g_strconcat ("changed::", refresh_kinds[i], NULL);
      g_signal_group_connect_swapped (self->store_signals, detailed, G_CALLBACK (on_store_changed_cb), self);
    }
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
cd_certifications_page_new (CdStore *store)
{
  g_return_val_if_fail (CD_IS_STORE (store), NULL);
  return g_object_new (CD_TYPE_CERTIFICATIONS_PAGE, "store", store, NULL);
}
