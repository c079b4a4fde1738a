/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "caredesk-setup"

#include "config.h"

#include <glib/gi18n.h>

#include "cd-sla.h"
#include "cd-staff.h"
#include "cd-team.h"
#include "cd-setup-window.h"
#include "cd-tickets.h"

struct _CdSetupWindow
{
  AdwWindow       parent_instance;

  CdStore        *store;
  guint           pending;

  /* Template children */
  GtkButton      *skip_button;
  GtkButton      *done_button;
  AdwEntryRow    *team_name_row;
  AdwComboRow    *hours_row;
  AdwEntryRow    *login_row;
  AdwEntryRow    *name_row;
  AdwComboRow    *role_row;
  GtkLabel       *problem_label;
  GtkButton      *add_button;
  AdwPreferencesGroup *added_group;
  GtkListBox     *added_list;
};

enum {
  PROP_0,
  PROP_STORE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (CdSetupWindow, cd_setup_window, ADW_TYPE_WINDOW)

/* The week schedules offered; the Team window takes any other. */
static const struct {
  const char *label;
  const char *schedule;   /* NULL: none, the clock runs around the clock */
} hour_choices[] = {
  { N_("Monday to Friday, 9:00 to 18:00"), "09:00-18:00;09:00-18:00;09:00-18:00;09:00-18:00;09:00-18:00;;" },
  { N_("Monday to Friday, 8:30 to 17:30"), "08:30-17:30;08:30-17:30;08:30-17:30;08:30-17:30;08:30-17:30;;" },
  { N_("Monday to Saturday, 9:00 to 18:00"),
    "09:00-18:00;09:00-18:00;09:00-18:00;09:00-18:00;09:00-18:00;09:00-18:00;" },
  { N_("Every day, around the clock"), NULL },
};

static const CdRole role_choices[] = { CD_ROLE_REP, CD_ROLE_LEAD, CD_ROLE_TRAINER, CD_ROLE_ADMIN };

typedef enum {
  OP_ADD,
  OP_FINISH,
  OP_SKIP,
} Op;

typedef struct {
  Op              op;
  CdSetupWindow  *self;
  char           *login;
  char           *name;
  CdRole          role;
  char           *team_name;
  const char     *schedule;
} Job;

static void
job_free (Job *job)
{
  g_clear_object (&job->self);
  g_free (job->login);
  g_free (job->name);
  g_free (job->team_name);
  g_free (job);
}

static gboolean
job_run (CdStore       *store,
         gpointer       data,
         GCancellable  *cancellable,
         GError       **error)
{
  Job *job = data;

  switch (job->op)
    {
    case OP_ADD:
      return cd_staff_add (store, job->login, job->name, job->role, error) != 0;
    case OP_FINISH:
      if (!cd_team_set_name (store, job->team_name, error))
        return FALSE;
      if (job->schedule != NULL)
        {
          g_autofree char *tz = cd_sla_local_timezone ();
          g_autoptr(CdSlaHours) hours = cd_sla_hours_load (store, error);

          if (hours == NULL || !cd_sla_hours_save (store, hours->version, tz, job->schedule, error))
            return FALSE;
        }
      return cd_team_finish_setup (store, FALSE, error);
    case OP_SKIP:
      return cd_team_finish_setup (store, TRUE, error);
    default:
      g_assert_not_reached ();
    }
}

static void
set_busy (CdSetupWindow *self,
          gboolean       busy)
{
  gtk_widget_set_sensitive (GTK_WIDGET (self->done_button), !busy);
  gtk_widget_set_sensitive (GTK_WIDGET (self->skip_button), !busy);
}

static void on_colleague_changed_cb (CdSetupWindow *self);

static void
on_job_done_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(CdSetupWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  Job *job = cd_store_run_get_data (result);

  self->pending--;
  set_busy (self, self->pending > 0);

  if (!cd_store_run_finish (CD_STORE (source), result, &error))
    {
      if (job->op == OP_ADD)
        {
          gtk_label_set_text (self->problem_label, error->message);
          on_colleague_changed_cb (self);
        }
      else
        {
          GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Could not save the setup"),
                                                      error->message);

          adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
          gtk_window_present (GTK_WINDOW (dialog));
        }
      return;
    }

  if (job->op == OP_ADD)
    {
      GtkWidget *row = adw_action_row_new ();
      g_autofree char *subtitle = g_strdup_printf (_("%s · %s"), job->login, cd_role_label (job->role));

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), job->name);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("avatar-default-symbolic"));
      gtk_list_box_append (self->added_list, row);
      gtk_widget_set_visible (GTK_WIDGET (self->added_group), TRUE);
      gtk_editable_set_text (GTK_EDITABLE (self->login_row), "");
      gtk_editable_set_text (GTK_EDITABLE (self->name_row), "");
      gtk_label_set_text (self->problem_label, "");
      gtk_widget_grab_focus (GTK_WIDGET (self->login_row));
      return;
    }
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
job_start (CdSetupWindow *self,
           Job           *job)
{
  job->self = g_object_ref (self);
  self->pending++;
  set_busy (self, TRUE);
  cd_store_run_async (self->store, CD_STORE_LANE_WRITE, job_run, job, (GDestroyNotify) job_free,
                      NULL, on_job_done_cb, g_object_ref (self));
}

static void
on_colleague_changed_cb (CdSetupWindow *self)
{
  const char *login = gtk_editable_get_text (GTK_EDITABLE (self->login_row));
  const char *name = gtk_editable_get_text (GTK_EDITABLE (self->name_row));
  g_autoptr(GError) error = NULL;
  gboolean ok;

  ok = cd_staff_validate_login (login, &error) && cd_staff_validate_display_name (name, &error);
  if (login[0] != '\0' || name[0] != '\0')
    gtk_label_set_text (self->problem_label, ok ? "" : error->message);
  else
    gtk_label_set_text (self->problem_label, "");
  gtk_widget_set_visible (GTK_WIDGET (self->problem_label), gtk_label_get_text (self->problem_label)[0] != '\0');
  gtk_widget_set_sensitive (GTK_WIDGET (self->add_button), ok);
}

static void
on_add_button_clicked_cb (CdSetupWindow *self)
{
  Job *job;
  guint role = adw_combo_row_get_selected (self->role_row);

  if (!gtk_widget_get_sensitive (GTK_WIDGET (self->add_button)))
    return;
  job = g_new0 (Job, 1);
  job->op = OP_ADD;
  job->login = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->login_row))));
  job->name = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->name_row))));
  job->role = role_choices[MIN (role, G_N_ELEMENTS (role_choices) - 1)];
  gtk_widget_set_sensitive (GTK_WIDGET (self->add_button), FALSE);
  job_start (self, job);
}

static void
on_done_button_clicked_cb (CdSetupWindow *self)
{
  g_autoptr(GError) error = NULL;
  const char *name = gtk_editable_get_text (GTK_EDITABLE (self->team_name_row));
  guint hours = adw_combo_row_get_selected (self->hours_row);
  Job *job;

  if (!cd_team_validate_name (name, &error))
    {
      gtk_widget_add_css_class (GTK_WIDGET (self->team_name_row), "error");
      gtk_widget_grab_focus (GTK_WIDGET (self->team_name_row));
      gtk_widget_set_tooltip_text (GTK_WIDGET (self->team_name_row), error->message);
      return;
    }
  job = g_new0 (Job, 1);
  job->op = OP_FINISH;
  job->team_name = g_strdup (name);
  job->schedule = hour_choices[MIN (hours, G_N_ELEMENTS (hour_choices) - 1)].schedule;
  job_start (self, job);
}

static void
on_skip_button_clicked_cb (CdSetupWindow *self)
{
  Job *job = g_new0 (Job, 1);

  job->op = OP_SKIP;
  job_start (self, job);
}

CdSetupWindow *
cd_setup_window_new (CdStore *store)
{
  g_return_val_if_fail (CD_IS_STORE (store), NULL);

  return g_object_new (CD_TYPE_SETUP_WINDOW, "store", store, NULL);
}

guint
cd_setup_window_get_pending (CdSetupWindow *self)
{
  g_return_val_if_fail (CD_IS_SETUP_WINDOW (self), 0);

  return self->pending;
}

static void
cd_setup_window_constructed (GObject *object)
{
  CdSetupWindow *self = CD_SETUP_WINDOW (object);
  g_autofree char *name = NULL;

  G_OBJECT_CLASS (cd_setup_window_parent_class)->constructed (object);

  g_assert (CD_IS_STORE (self->store));
  name = cd_team_dup_name (self->store);
  if (name != NULL)
    gtk_editable_set_text (GTK_EDITABLE (self->team_name_row), name);
}

static void
cd_setup_window_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), CD_TYPE_SETUP_WINDOW);

  G_OBJECT_CLASS (cd_setup_window_parent_class)->dispose (object);
}

static void
cd_setup_window_finalize (GObject *object)
{
  CdSetupWindow *self = CD_SETUP_WINDOW (object);

  g_clear_object (&self->store);

  G_OBJECT_CLASS (cd_setup_window_parent_class)->finalize (object);
}

static void
cd_setup_window_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  CdSetupWindow *self = CD_SETUP_WINDOW (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cd_setup_window_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  CdSetupWindow *self = CD_SETUP_WINDOW (object);

  switch (prop_id)
    {
    case PROP_STORE:
      self->store = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cd_setup_window_class_init (CdSetupWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = cd_setup_window_constructed;
  object_class->dispose = cd_setup_window_dispose;
  object_class->finalize = cd_setup_window_finalize;
  object_class->get_property = cd_setup_window_get_property;
  object_class->set_property = cd_setup_window_set_property;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, CD_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/admin/cd-setup-window.ui");
  gtk_widget_class_bind_template_child (widget_class, CdSetupWindow, skip_button);
  gtk_widget_class_bind_template_child (widget_class, CdSetupWindow, done_button);
  gtk_widget_class_bind_template_child (widget_class, CdSetupWindow, team_name_row);
  gtk_widget_class_bind_template_child (widget_class, CdSetupWindow, hours_row);
  gtk_widget_class_bind_template_child (widget_class, CdSetupWindow, login_row);
  gtk_widget_class_bind_template_child (widget_class, CdSetupWindow, name_row);
  gtk_widget_class_bind_template_child (widget_class, CdSetupWindow, role_row);
  gtk_widget_class_bind_template_child (widget_class, CdSetupWindow, problem_label);
  gtk_widget_class_bind_template_child (widget_class, CdSetupWindow, add_button);
  gtk_widget_class_bind_template_child (widget_class, CdSetupWindow, added_group);
  gtk_widget_class_bind_template_child (widget_class, CdSetupWindow, added_list);
  gtk_widget_class_bind_template_callback (widget_class, on_skip_button_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_done_button_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_colleague_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_add_button_clicked_cb);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
cd_setup_window_init (CdSetupWindow *self)
{
  g_autoptr(GtkStringList) hours = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) roles = gtk_string_list_new (NULL);

  gtk_widget_init_template (GTK_WIDGET (self));

  for (guint i = 0; i < G_N_ELEMENTS (hour_choices); i++)
    gtk_string_list_append (hours, _(hour_choices[i].label));
  adw_combo_row_set_model (self->hours_row, G_LIST_MODEL (hours));
  for (guint i = 0; i < G_N_ELEMENTS (role_choices); i++)
    gtk_string_list_append (roles, cd_role_label (role_choices[i]));
  adw_combo_row_set_model (self->role_row, G_LIST_MODEL (roles));
  gtk_widget_set_visible (GTK_WIDGET (self->problem_label), FALSE);
}
