/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "caredesk-team"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "cd-certifications.h"
#include "cd-conflict-dialog.h"
#include "cd-datetime.h"
#include "cd-file-chooser.h"
#include "cd-sla.h"
#include "cd-staff.h"
#include "cd-team.h"
#include "cd-team-window.h"
#include "cd-tickets.h"

#define N_WEEKDAYS 7

struct _CdTeamWindow
{
  AdwPreferencesWindow  parent_instance;

  CdStore              *store;
  GSignalGroup         *store_signals;
  guint                 pending;

  /* Loaded state, to tell what the person changed */
  gint64                hours_version;
  char                 *hours_schedule;
  GPtrArray            *targets;          /* CdSlaTarget */
  GtkSpinButton        *target_spins[4][2];
  gboolean              filling;

  GtkEntry             *day_entries[N_WEEKDAYS];

  /* Template children */
  AdwPreferencesPage   *people_page;
  AdwPreferencesPage   *service_page;
  AdwPreferencesPage   *categories_page;
  AdwPreferencesGroup  *team_group;
  AdwEntryRow          *team_name_row;
  AdwPreferencesGroup  *people_group;
  GtkButton            *add_person_button;
  GtkListBox           *people_list;
  AdwPreferencesGroup  *hours_group;
  GtkButton            *save_hours_button;
  GtkListBox           *hours_list;
  AdwPreferencesGroup  *targets_group;
  AdwComboRow          *tier_row;
  GtkButton            *save_targets_button;
  GtkListBox           *targets_list;
  AdwPreferencesGroup  *holidays_group;
  GtkButton            *add_holidays_button;
  GtkListBox           *holidays_list;
  AdwPreferencesGroup  *categories_group;
  AdwEntryRow          *new_category_row;
  GtkListBox           *categories_list;
  AdwPreferencesGroup  *required_group;
  GtkListBox           *required_list;
};

enum {
  PROP_0,
  PROP_STORE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (CdTeamWindow, cd_team_window, ADW_TYPE_PREFERENCES_WINDOW)

static void reload_people (CdTeamWindow *self);
static void reload_service_levels (CdTeamWindow *self);
static void reload_categories (CdTeamWindow *self);

/* Writes ------------------------------------------------------------------
 * Every change runs on the store's write lane; the control that started
 * it is insensitive until it is done, and the result is told in a toast
 * (or a dialog when it failed). */

typedef enum {
  OP_TEAM_NAME,
  OP_ADD_PERSON,
  OP_UPDATE_PERSON,
  OP_SET_ACTIVE,
  OP_SAVE_HOURS,
  OP_SAVE_TARGETS,
  OP_ADD_HOLIDAYS,
  OP_REMOVE_HOLIDAY,
  OP_ADD_CATEGORY,
  OP_RENAME_CATEGORY,
  OP_RETIRE_CATEGORY,
  OP_REQUIRE_CERTIFICATION,
} Op;

typedef struct {
  Op             op;
  CdTeamWindow  *self;
  GtkWidget     *control;
  gint64         id;
  gint64         version;
  char          *text;
  char          *text2;
  char          *done_message;
  char          *failed_title;
  CdRole         role;
  gint64         other_id;  /* a certification, for OP_REQUIRE_CERTIFICATION */
  gboolean       flag;
  GPtrArray     *items;   /* CdSlaTarget or CdSlaHoliday */
  guint          n_added;
} Job;

static void
job_free (Job *job)
{
  g_clear_object (&job->self);
  g_clear_object (&job->control);
  g_free (job->text);
  g_free (job->text2);
  g_free (job->done_message);
  g_free (job->failed_title);
  g_clear_pointer (&job->items, g_ptr_array_unref);
  g_free (job);
}

static Job *
job_new (CdTeamWindow *self,
         Op            op,
         GtkWidget    *control)
{
  Job *job = g_new0 (Job, 1);

  job->op = op;
  job->self = g_object_ref (self);
  job->control = control != NULL ? g_object_ref (control) : NULL;
  return job;
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
    case OP_TEAM_NAME:
      return cd_team_set_name (store, job->text, error);
    case OP_ADD_PERSON:
      job->id = cd_staff_add (store, job->text, job->text2, job->role, error);
      return job->id != 0;
    case OP_UPDATE_PERSON:
      return cd_staff_update (store, job->id, job->version, job->text, job->role, error);
    case OP_SET_ACTIVE:
      return cd_staff_set_active (store, job->id, job->version, job->flag, error);
    case OP_SAVE_HOURS:
      {
        g_autofree char *tz = NULL;
        g_autoptr(CdSlaHours) hours = cd_sla_hours_load (store, error);

        if (hours == NULL)
          return FALSE;
        tz = hours->id != 0 && hours->timezone != NULL ? g_strdup (hours->timezone) : cd_sla_local_timezone ();
        return cd_sla_hours_save (store, job->version, tz, job->text, error);
      }
    case OP_SAVE_TARGETS:
      for (guint i = 0; i < job->items->len; i++)
        {
          CdSlaTarget *target = g_ptr_array_index (job->items, i);

          if (!cd_sla_target_save (store, target->priority, target->tier, target->version,
                                   target->first_response_minutes, target->resolution_minutes, error))
            return FALSE;
        }
      return TRUE;
    case OP_ADD_HOLIDAYS:
      return cd_sla_holidays_add (store, job->items, &job->n_added, error);
    case OP_REMOVE_HOLIDAY:
      return cd_sla_holiday_remove (store, job->id, error);
    case OP_ADD_CATEGORY:
      return cd_ticket_category_add (store, job->text, error) != 0;
    case OP_RENAME_CATEGORY:
      return cd_ticket_category_rename (store, job->id, job->version, job->text, error);
    case OP_RETIRE_CATEGORY:
      return cd_ticket_category_set_retired (store, job->id, job->version, job->flag, error);
    case OP_REQUIRE_CERTIFICATION:
      return cd_ticket_category_set_required_certification (store, job->id, job->version, job->other_id, error);
    default:
      g_assert_not_reached ();
    }
}

static void
toast (CdTeamWindow *self,
       const char   *message)
{
  AdwToast *t = adw_toast_new (message);

  adw_toast_set_timeout (t, 4);
  adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self), t);
}

static void
show_error (CdTeamWindow *self,
            const char   *title,
            const char   *message)
{
  GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (self), title, message);

  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
reload_all (CdTeamWindow *self)
{
  reload_people (self);
  reload_service_levels (self);
  reload_categories (self);
}

static void job_start (CdTeamWindow *self,
                       Job          *job);

static void
on_person_conflict_response_cb (AdwMessageDialog *dialog,
                                const char       *response,
                                CdTeamWindow     *self)
{
  Job *retry = g_object_steal_data (G_OBJECT (dialog), "retry");

  switch (cd_conflict_dialog_choice_from_response (response))
    {
    case CD_CONFLICT_CHOICE_OVERWRITE:
      job_start (self, retry);
      return;
    case CD_CONFLICT_CHOICE_RELOAD:
      reload_people (self);
      break;
    default:
      break;
    }
  job_free (retry);
}

/* Someone saved the person first: theirs against ours, field by field. */
static void
show_person_conflict (CdTeamWindow *self,
                      Job          *job)
{
  g_autoptr(CdStaffMember) member = cd_staff_find_login (self->store, job->text2, NULL);
  g_autofree char *record = NULL;
  GtkWidget *dialog;
  Job *retry;

  if (member == NULL)
    {
      show_error (self, job->failed_title, _("This person is no longer on the list."));
      reload_people (self);
      return;
    }
  /* Translators: fits "Someone else saved %s after you opened it" */
  record = g_strdup_printf (_("the account of %s"), member->display_name);
  dialog = cd_conflict_dialog_new (GTK_WINDOW (self), record);
  cd_conflict_dialog_add_field (CD_CONFLICT_DIALOG (dialog), _("Name"), job->text, member->display_name);
  cd_conflict_dialog_add_field (CD_CONFLICT_DIALOG (dialog), _("Role"), cd_role_label (job->role),
                                cd_role_label (member->role));
  retry = job_new (self, OP_UPDATE_PERSON, NULL);
  retry->id = job->id;
  retry->version = 0;
  retry->text = g_strdup (job->text);
  retry->text2 = g_strdup (job->text2);
  retry->role = job->role;
  retry->done_message = g_strdup (job->done_message);
  retry->failed_title = g_strdup (job->failed_title);
  g_object_set_data_full (G_OBJECT (dialog), "retry", retry, (GDestroyNotify) job_free);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_person_conflict_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
on_job_done_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(CdTeamWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  Job *job = cd_store_run_get_data (result);
  g_autofree char *message = NULL;

  self->pending--;
  if (job->control != NULL)
    gtk_widget_set_sensitive (job->control, TRUE);

  if (!cd_store_run_finish (CD_STORE (source), result, &error))
    {
      if (g_error_matches (error, CD_STORE_ERROR, CD_STORE_ERROR_STALE) && job->op == OP_UPDATE_PERSON)
        {
          show_person_conflict (self, job);
        }
      else if (g_error_matches (error, CD_STORE_ERROR, CD_STORE_ERROR_STALE))
        {
          show_error (self, job->failed_title,
                      _("Someone changed this in another Caredesk meanwhile. The window now shows what is saved; "
                        "make your change again if it is still needed."));
          reload_all (self);
        }
      else
        {
          show_error (self, job->failed_title, error->message);
          /* The drop-down shows what is saved again. */
          if (job->op == OP_REQUIRE_CERTIFICATION)
            reload_categories (self);
        }
      return;
    }

  switch (job->op)
    {
    case OP_ADD_HOLIDAYS:
      message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u holiday added; it applies to deadlines set from now on",
                                              "%u holidays added; they apply to deadlines set from now on", job->n_added),
                                 job->n_added);
      break;
    default:
      message = g_strdup (job->done_message);
      break;
    }
  if (message != NULL)
    toast (self, message);

  switch (job->op)
    {
    case OP_TEAM_NAME:
    case OP_ADD_PERSON:
    case OP_UPDATE_PERSON:
    case OP_SET_ACTIVE:
      reload_people (self);
      break;
    case OP_ADD_CATEGORY:
    case OP_RENAME_CATEGORY:
    case OP_RETIRE_CATEGORY:
    case OP_REQUIRE_CERTIFICATION:
      reload_categories (self);
      break;
    default:
      reload_service_levels (self);
      break;
    }
}

static void
job_start (CdTeamWindow *self,
           Job          *job)
{
  if (job->control != NULL)
    gtk_widget_set_sensitive (job->control, FALSE);
  self->pending++;
  cd_store_run_async (self->store, CD_STORE_LANE_WRITE, job_run, job, (GDestroyNotify) job_free,
                      NULL, on_job_done_cb, g_object_ref (self));
}

static gboolean
is_lead_or_admin (CdTeamWindow *self)
{
  CdRole role = cd_store_get_role (self->store);

  return role == CD_ROLE_LEAD || role == CD_ROLE_ADMIN;
}

/* People ------------------------------------------------------------------ */

static const CdRole role_order[] = { CD_ROLE_REP, CD_ROLE_LEAD, CD_ROLE_TRAINER, CD_ROLE_ADMIN };

static void
on_team_name_row_apply_cb (CdTeamWindow *self)
{
  Job *job = job_new (self, OP_TEAM_NAME, GTK_WIDGET (self->team_name_row));
  g_autoptr(GError) error = NULL;
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->team_name_row));

  if (!cd_team_validate_name (text, &error))
    {
      show_error (self, _("Could not rename the team"), error->message);
      job_free (job);
      return;
    }
  job->text = g_strdup (text);
  job->done_message = g_strdup (_("Team name saved"));
  job->failed_title = g_strdup (_("Could not rename the team"));
  job_start (self, job);
}

typedef struct {
  CdTeamWindow  *self;
  CdStaffMember *member;   /* NULL when adding */
  GtkEntry      *login_entry;
  GtkEntry      *name_entry;
  GtkDropDown   *role_dropdown;
  GtkLabel      *problem_label;
  GArray        *roles;    /* CdRole offered */
} PersonDialog;

static void
person_dialog_free (PersonDialog *pd)
{
  g_clear_object (&pd->self);
  g_clear_pointer (&pd->member, cd_staff_member_free);
  g_clear_pointer (&pd->roles, g_array_unref);
  g_free (pd);
}

static void
on_person_entry_changed_cb (AdwMessageDialog *dialog)
{
  PersonDialog *pd = g_object_get_data (G_OBJECT (dialog), "person-dialog");
  g_autoptr(GError) error = NULL;
  gboolean ok;

  ok = (pd->member != NULL ||
        cd_staff_validate_login (gtk_editable_get_text (GTK_EDITABLE (pd->login_entry)), &error)) &&
       cd_staff_validate_display_name (gtk_editable_get_text (GTK_EDITABLE (pd->name_entry)), &error);

  /* An empty form is not wrong yet: it just cannot be saved. */
  gtk_label_set_text (pd->problem_label, error != NULL &&
                      (gtk_entry_get_text_length (pd->login_entry) > 0 ||
                       gtk_entry_get_text_length (pd->name_entry) > 0) ? error->message : "");
  adw_message_dialog_set_response_enabled (dialog, "save", ok);
}

static void
on_person_dialog_response_cb (AdwMessageDialog *dialog,
                              const char       *response)
{
  PersonDialog *pd = g_object_get_data (G_OBJECT (dialog), "person-dialog");
  CdTeamWindow *self = pd->self;
  CdRole role = g_array_index (pd->roles, CdRole, gtk_drop_down_get_selected (pd->role_dropdown));
  const char *name = gtk_editable_get_text (GTK_EDITABLE (pd->name_entry));
  Job *job;

  if (g_strcmp0 (response, "save") == 0 && pd->member == NULL)
    {
      job = job_new (self, OP_ADD_PERSON, GTK_WIDGET (self->add_person_button));
      job->text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (pd->login_entry))));
      job->text2 = g_strstrip (g_strdup (name));
      job->role = role;
      job->failed_title = g_strdup_printf (_("Could not add %s"), job->text2);
      job->done_message = g_strdup_printf (_("%s added. They can now open this database and sign in."), job->text2);
      job_start (self, job);
    }
  else if (g_strcmp0 (response, "save") == 0)
    {
      job = job_new (self, OP_UPDATE_PERSON, NULL);
      job->text2 = g_strdup (pd->member->login);
      job->id = pd->member->id;
      job->version = pd->member->version;
      job->text = g_strdup (name);
      job->role = role;
      job->done_message = g_strdup_printf (_("%s saved"), name);
      job->failed_title = g_strdup_printf (_("Could not save %s"), pd->member->display_name);
      job_start (self, job);
    }
  else if (g_strcmp0 (response, "switch-off") == 0 || g_strcmp0 (response, "switch-on") == 0)
    {
      gboolean active = g_strcmp0 (response, "switch-on") == 0;

      job = job_new (self, OP_SET_ACTIVE, NULL);
      job->id = pd->member->id;
      job->version = pd->member->version;
      job->flag = active;
      job->done_message = g_strdup_printf (active ? _("%s can sign in again") : _("%s is switched off"),
                                           pd->member->display_name);
      job->failed_title = g_strdup_printf (active ? _("Could not switch %s on") : _("Could not switch %s off"),
                                           pd->member->display_name);
      job_start (self, job);
    }
}

/* The add/edit dialog. A person's login cannot change: it is how their
 * computer signs them in, and their history is kept under it. */
static void
open_person_dialog (CdTeamWindow  *self,
                    CdStaffMember *member)
{
  PersonDialog *pd = g_new0 (PersonDialog, 1);
  g_autoptr(GtkStringList) role_names = gtk_string_list_new (NULL);
  GtkWidget *dialog, *box, *label;
  gboolean can_set_roles = cd_staff_can_set_roles (self->store);
  guint selected = 0;

  pd->self = g_object_ref (self);
  pd->member = member;
  pd->roles = g_array_new (FALSE, FALSE, sizeof (CdRole));
  for (guint i = 0; i < G_N_ELEMENTS (role_order); i++)
    {
      if (!can_set_roles && role_order[i] != CD_ROLE_REP &&
          (member == NULL || member->role != role_order[i]))
        continue;
      if (member != NULL && member->role == role_order[i])
        selected = pd->roles->len;
      g_array_append_val (pd->roles, role_order[i]);
      gtk_string_list_append (role_names, cd_role_label (role_order[i]));
    }

  if (member == NULL)
    dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Add Person"),
                                     _("Their login is the user name they sign in to their computer with."));
  else
    dialog = adw_message_dialog_new (GTK_WINDOW (self), member->display_name, NULL);
  g_object_set_data_full (G_OBJECT (dialog), "person-dialog", pd, (GDestroyNotify) person_dialog_free);

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);

  label = gtk_label_new_with_mnemonic (_("_Login"));
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_box_append (GTK_BOX (box), label);
  pd->login_entry = GTK_ENTRY (gtk_entry_new ());
  gtk_entry_set_max_length (pd->login_entry, CD_STAFF_LOGIN_MAX_CHARS);
  gtk_label_set_mnemonic_widget (GTK_LABEL (label), GTK_WIDGET (pd->login_entry));
  gtk_accessible_update_property (GTK_ACCESSIBLE (pd->login_entry), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Login"), -1);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (pd->login_entry));

  label = gtk_label_new_with_mnemonic (_("_Name"));
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_set_margin_top (label, 6);
  gtk_box_append (GTK_BOX (box), label);
  pd->name_entry = GTK_ENTRY (gtk_entry_new ());
  gtk_entry_set_max_length (pd->name_entry, CD_STAFF_NAME_MAX_CHARS);
  gtk_entry_set_activates_default (pd->name_entry, TRUE);
  gtk_label_set_mnemonic_widget (GTK_LABEL (label), GTK_WIDGET (pd->name_entry));
  gtk_accessible_update_property (GTK_ACCESSIBLE (pd->name_entry), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Name"), -1);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (pd->name_entry));

  label = gtk_label_new_with_mnemonic (_("_Role"));
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_set_margin_top (label, 6);
  gtk_box_append (GTK_BOX (box), label);
  pd->role_dropdown = GTK_DROP_DOWN (gtk_drop_down_new (G_LIST_MODEL (g_object_ref (role_names)), NULL));
  gtk_drop_down_set_selected (pd->role_dropdown, selected);
  gtk_widget_set_sensitive (GTK_WIDGET (pd->role_dropdown), pd->roles->len > 1);
  gtk_label_set_mnemonic_widget (GTK_LABEL (label), GTK_WIDGET (pd->role_dropdown));
  gtk_accessible_update_property (GTK_ACCESSIBLE (pd->role_dropdown), GTK_ACCESSIBLE_PROPERTY_LABEL, _("Role"), -1);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (pd->role_dropdown));

  pd->problem_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_wrap (pd->problem_label, TRUE);
  gtk_label_set_xalign (pd->problem_label, 0);
  gtk_widget_add_css_class (GTK_WIDGET (pd->problem_label), "error");
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (pd->problem_label));

  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), box);
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"));

  if (member != NULL)
    {
      gtk_editable_set_text (GTK_EDITABLE (pd->login_entry), member->login);
      gtk_editable_set_editable (GTK_EDITABLE (pd->login_entry), FALSE);
      gtk_editable_set_text (GTK_EDITABLE (pd->name_entry), member->display_name);
      if (member->id != cd_store_get_staff_id (self->store))
        {
          if (member->active)
            {
              CdStaffWork work = { 0 };
              g_autofree char *body = NULL;

              adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "switch-off", _("Switch _Off"));
              adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "switch-off",
                                                          ADW_RESPONSE_DESTRUCTIVE);
              if (cd_staff_count_open_work (self->store, member->id, &work, NULL) &&
                  work.open_tickets + work.scheduled_followups + work.open_complaints > 0)
                /* The counts go through %s: xgettext cannot read a
                 * G_GINT64_FORMAT inside the text. */
                {
                  g_autofree char *tickets = g_strdup_printf ("%" G_GINT64_FORMAT, work.open_tickets);
                  g_autofree char *followups = g_strdup_printf ("%" G_GINT64_FORMAT, work.scheduled_followups);
                  g_autofree char *complaints = g_strdup_printf ("%" G_GINT64_FORMAT, work.open_complaints);

                  body = g_strdup_printf (_("Switched off, they can no longer sign in; their records keep their name. "
                                            "They still have %s open tickets, %s scheduled follow-ups and %s open "
                                            "complaints: hand them over first."),
                                          tickets, followups, complaints);
                }
              else
                body = g_strdup (_("Switched off, they can no longer sign in; their records keep their name."));
              adw_message_dialog_set_body (ADW_MESSAGE_DIALOG (dialog), body);
            }
          else
            {
              adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "switch-on", _("Switch _On"));
              adw_message_dialog_set_body (ADW_MESSAGE_DIALOG (dialog),
                                           _("This account is switched off: the person cannot sign in."));
            }
        }
    }
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "save", member == NULL ? _("_Add") : _("_Save"));
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "save", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "save");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");

  g_signal_connect_swapped (pd->login_entry, "changed", G_CALLBACK (on_person_entry_changed_cb), dialog);
  g_signal_connect_swapped (pd->name_entry, "changed", G_CALLBACK (on_person_entry_changed_cb), dialog);
  g_signal_connect (dialog, "response", G_CALLBACK (on_person_dialog_response_cb), NULL);
  on_person_entry_changed_cb (ADW_MESSAGE_DIALOG (dialog));

  gtk_window_present (GTK_WINDOW (dialog));
  gtk_widget_grab_focus (GTK_WIDGET (member == NULL ? pd->login_entry : pd->name_entry));
}

static void
on_add_person_button_clicked_cb (CdTeamWindow *self)
{
  open_person_dialog (self, NULL);
}

static void
on_person_row_activated_cb (AdwActionRow *row,
                            CdTeamWindow *self)
{
  const char *login = g_object_get_data (G_OBJECT (row), "login");
  g_autoptr(GError) error = NULL;
  CdStaffMember *member = cd_staff_find_login (self->store, login, &error);

  if (member == NULL)
    {
      show_error (self, _("Could not open this person"),
                  error != NULL ? error->message : _("They are no longer on the list."));
      return;
    }
  open_person_dialog (self, member);
}

static void
clear_list (GtkListBox *list)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (list))) != NULL)
    gtk_list_box_remove (list, child);
}

static void
reload_people (CdTeamWindow *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) people = cd_staff_list_all (self->store, &error);
  g_autofree char *team_name = cd_team_dup_name (self->store);
  gboolean admin = cd_store_get_role (self->store) == CD_ROLE_ADMIN;

  gtk_editable_set_text (GTK_EDITABLE (self->team_name_row), team_name != NULL ? team_name : "");
  gtk_editable_set_editable (GTK_EDITABLE (self->team_name_row), admin);
  adw_entry_row_set_show_apply_button (self->team_name_row, admin);
  gtk_widget_set_visible (GTK_WIDGET (self->add_person_button), cd_staff_can_manage (self->store, CD_ROLE_REP));

  clear_list (self->people_list);
  if (people == NULL)
    {
      g_warning ("Could not list the staff: %s", error->message);
      return;
    }
  for (guint i = 0; i < people->len; i++)
    {
      CdStaffMember *member = g_ptr_array_index (people, i);
      GtkWidget *row = adw_action_row_new ();
      g_autofree char *subtitle = NULL;
      gboolean manageable = cd_staff_can_manage (self->store, member->role) &&
                            (member->id != cd_store_get_staff_id (self->store) || admin);

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), member->display_name);
      if (member->active)
        /* Translators: a person's login and role, "wang.wei · Rep" */
        subtitle = g_strdup_printf (_("%s · %s"), member->login, cd_role_label (member->role));
      else
        /* Translators: a person's login and role, for someone who left */
        subtitle = g_strdup_printf (_("%s · %s · switched off"), member->login, cd_role_label (member->role));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      if (!member->active)
        gtk_widget_add_css_class (row, "dim-label");
      if (member->id == cd_store_get_staff_id (self->store))
        {
          GtkWidget *you = gtk_label_new (C_("the signed-in person", "You"));

          gtk_widget_add_css_class (you, "dim-label");
          adw_action_row_add_suffix (ADW_ACTION_ROW (row), you);
        }
      if (manageable)
        {
          adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("go-next-symbolic"));
          gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
          g_object_set_data_full (G_OBJECT (row), "login", g_strdup (member->login), g_free);
          g_signal_connect (row, "activated", G_CALLBACK (on_person_row_activated_cb), self);
        }
      gtk_list_box_append (self->people_list, row);
    }
}

/* Service levels ---------------------------------------------------------- */

static char *
hours_schedule_from_entries (CdTeamWindow *self)
{
  g_autoptr(GString) schedule = g_string_new (NULL);

  for (guint i = 0; i < N_WEEKDAYS; i++)
    {
      g_autofree char *text = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->day_entries[i])));

      if (i > 0)
        g_string_append_c (schedule, ';');
      /* People write "9:00 - 17:00"; the schedule has no spaces. */
      g_strdelimit (text, " ", ',');
      g_string_append (schedule, g_strstrip (text));
    }
  /* Collapse what the spaces left behind: "09:00,-,17:00". */
  {
    g_autofree char *flat = g_string_free (g_steal_pointer (&schedule), FALSE);
    g_auto(GStrv) parts = g_strsplit (flat, ",", -1);
    g_autoptr(GString) out = g_string_new (NULL);

    for (guint i = 0; parts[i] != NULL; i++)
      {
        if (parts[i][0] == '\0')
          continue;
        if (out->len > 0 && out->str[out->len - 1] != ';' && out->str[out->len - 1] != '-' &&
            parts[i][0] != '-' && parts[i][0] != ';')
          g_string_append_c (out, ',');
        g_string_append (out, parts[i]);
      }
    return g_string_free (g_steal_pointer (&out), FALSE);
  }
}

static void
on_day_entry_changed_cb (CdTeamWindow *self)
{
  g_autofree char *schedule = NULL;
  g_autoptr(GError) error = NULL;
  gboolean valid;

  if (self->filling)
    return;
  schedule = hours_schedule_from_entries (self);
  valid = cd_sla_week_schedule_validate (schedule, &error);
  for (guint i = 0; i < N_WEEKDAYS; i++)
    gtk_widget_set_tooltip_text (GTK_WIDGET (self->day_entries[i]), valid ? NULL : error->message);
  gtk_widget_set_sensitive (GTK_WIDGET (self->save_hours_button),
                            valid && g_strcmp0 (schedule, self->hours_schedule) != 0 && is_lead_or_admin (self));
  adw_preferences_group_set_description (self->hours_group,
                                         valid ? g_object_get_data (G_OBJECT (self->hours_group), "description")
                                               : error->message);
}

static void
on_save_hours_button_clicked_cb (CdTeamWindow *self)
{
  Job *job = job_new (self, OP_SAVE_HOURS, GTK_WIDGET (self->save_hours_button));

  job->text = hours_schedule_from_entries (self);
  job->version = self->hours_version;
  job->done_message = g_strdup (_("Business hours saved; they apply to deadlines set from now on"));
  job->failed_title = g_strdup (_("Could not save the business hours"));
  job_start (self, job);
}

static int
selected_tier (CdTeamWindow *self)
{
  guint selected = adw_combo_row_get_selected (self->tier_row);

  return selected == 0 || selected == GTK_INVALID_LIST_POSITION ? CD_SLA_ANY_TIER : (int) selected - 1;
}

static CdSlaTarget *
find_target (CdTeamWindow *self,
             CdPriority    priority,
             int           tier)
{
  for (guint i = 0; self->targets != NULL && i < self->targets->len; i++)
    {
      CdSlaTarget *target = g_ptr_array_index (self->targets, i);

      if (target->priority == priority && target->tier == tier)
        return target;
    }
  return NULL;
}

static int
spin_minutes (GtkSpinButton *spin)
{
  return (int) (gtk_spin_button_get_value (spin) * 60 + 0.5);
}

static gboolean
targets_changed (CdTeamWindow *self,
                 GPtrArray    *out)
{
  int tier = selected_tier (self);
  gboolean changed = FALSE;

  for (guint p = 0; p < 4; p++)
    {
      CdSlaTarget *target = find_target (self, p, tier);
      CdSlaTarget *shown = target != NULL ? target : find_target (self, p, CD_SLA_ANY_TIER);
      int first = spin_minutes (self->target_spins[p][0]);
      int resolution = spin_minutes (self->target_spins[p][1]);

      if (shown != NULL && shown->first_response_minutes == first && shown->resolution_minutes == resolution)
        continue;
      if (shown == NULL && first == 0 && resolution == 0)
        continue;
      changed = TRUE;
      if (out != NULL)
        {
          CdSlaTarget *copy = g_new0 (CdSlaTarget, 1);

          copy->priority = p;
          copy->tier = tier;
          copy->version = target != NULL ? target->version : 0;
          copy->first_response_minutes = first;
          copy->resolution_minutes = resolution;
          g_ptr_array_add (out, copy);
        }
    }
  return changed;
}

static void
on_target_spin_changed_cb (CdTeamWindow *self)
{
  if (self->filling)
    return;
  gtk_widget_set_sensitive (GTK_WIDGET (self->save_targets_button),
                            is_lead_or_admin (self) && targets_changed (self, NULL));
}

static void
on_save_targets_button_clicked_cb (CdTeamWindow *self)
{
  Job *job = job_new (self, OP_SAVE_TARGETS, GTK_WIDGET (self->save_targets_button));

  job->items = g_ptr_array_new_with_free_func (g_free);
  targets_changed (self, job->items);
  job->done_message = g_strdup (_("Targets saved; they apply to deadlines set from now on"));
  job->failed_title = g_strdup (_("Could not save the targets"));
  job_start (self, job);
}

static void
fill_targets (CdTeamWindow *self)
{
  int tier = selected_tier (self);

  self->filling = TRUE;
  for (guint p = 0; p < 4; p++)
    {
      CdSlaTarget *target = find_target (self, p, tier);
      CdSlaTarget *shown = target != NULL ? target : find_target (self, p, CD_SLA_ANY_TIER);
      GtkWidget *row = gtk_widget_get_ancestor (GTK_WIDGET (self->target_spins[p][0]), ADW_TYPE_ACTION_ROW);

      gtk_spin_button_set_value (self->target_spins[p][0], shown != NULL ? shown->first_response_minutes / 60.0 : 0);
      gtk_spin_button_set_value (self->target_spins[p][1], shown != NULL ? shown->resolution_minutes / 60.0 : 0);
      if (shown == NULL)
        adw_action_row_set_subtitle (ADW_ACTION_ROW (row), _("No target: tickets get no deadline"));
      else if (target == NULL)
        adw_action_row_set_subtitle (ADW_ACTION_ROW (row), _("As for all customers"));
      else
        adw_action_row_set_subtitle (ADW_ACTION_ROW (row), NULL);
    }
  self->filling = FALSE;
  on_target_spin_changed_cb (self);
}

static void
on_tier_row_selected_cb (CdTeamWindow *self)
{
  if (self->targets_list != NULL && self->target_spins[0][0] != NULL)
    fill_targets (self);
}

static void
on_remove_holiday_clicked_cb (GtkButton    *button,
                              CdTeamWindow *self)
{
  Job *job = job_new (self, OP_REMOVE_HOLIDAY, GTK_WIDGET (button));

  job->id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (button), "holiday-id"));
  job->done_message = g_strdup (_("Holiday removed; this applies to deadlines set from now on"));
  job->failed_title = g_strdup (_("Could not remove the holiday"));
  job_start (self, job);
}

static void
reload_service_levels (CdTeamWindow *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CdSlaHours) hours = cd_sla_hours_load (self->store, &error);
  g_autoptr(GPtrArray) holidays = NULL;
  g_auto(GStrv) days = NULL;
  g_autofree char *tz = NULL;
  g_autofree char *description = NULL;
  gboolean editable = is_lead_or_admin (self);

  if (hours == NULL)
    {
      g_warning ("Could not read the business hours: %s", error->message);
      return;
    }
  self->hours_version = hours->version;
  g_free (self->hours_schedule);
  self->hours_schedule = g_strdup (hours->id != 0 ? hours->week_schedule : ";;;;;;");
  tz = hours->id != 0 ? g_strdup (hours->timezone) : cd_sla_local_timezone ();
  days = g_strsplit (self->hours_schedule, ";", N_WEEKDAYS);

  self->filling = TRUE;
  for (guint i = 0; i < N_WEEKDAYS; i++)
    {
      gtk_editable_set_text (GTK_EDITABLE (self->day_entries[i]),
                             days[0] != NULL && i < g_strv_length (days) ? days[i] : "");
      gtk_editable_set_editable (GTK_EDITABLE (self->day_entries[i]), editable);
    }
  self->filling = FALSE;
  if (hours->id == 0)
    description = g_strdup (_("None set yet: deadlines count around the clock. Give each working day its hours, "
                              "such as 09:00-18:00 or 09:00-12:00, 13:00-18:00; leave closed days empty."));
  else
    /* Translators: %s is a time zone such as Asia/Shanghai */
    description = g_strdup_printf (_("Times in %s; leave closed days empty. Changes apply to deadlines set from now on."),
                                   tz);
  adw_preferences_group_set_description (self->hours_group, description);
  g_object_set_data_full (G_OBJECT (self->hours_group), "description", g_strdup (description), g_free);
  gtk_widget_set_sensitive (GTK_WIDGET (self->save_hours_button), FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->save_hours_button), editable);

  g_clear_pointer (&self->targets, g_ptr_array_unref);
  self->targets = cd_sla_targets_list (self->store, NULL);
  for (guint p = 0; p < 4; p++)
    for (guint k = 0; k < 2; k++)
      gtk_widget_set_sensitive (GTK_WIDGET (self->target_spins[p][k]), editable);
  gtk_widget_set_visible (GTK_WIDGET (self->save_targets_button), editable);
  fill_targets (self);

  clear_list (self->holidays_list);
  gtk_widget_set_visible (GTK_WIDGET (self->add_holidays_button), editable);
  holidays = cd_sla_holidays_list (self->store, 0, NULL);
  /* Past years' holidays are kept for the deadlines they counted in, and
   * not shown. */
  {
    g_autoptr(GDateTime) now = g_date_time_new_now_local ();
    g_autofree char *first_day = g_strdup_printf ("%04d-01-01", g_date_time_get_year (now));

    for (guint i = holidays != NULL ? holidays->len : 0; i > 0; i--)
      if (strcmp (((CdSlaHoliday *) g_ptr_array_index (holidays, i - 1))->day, first_day) < 0)
        g_ptr_array_remove_index (holidays, i - 1);
  }
  for (guint i = 0; holidays != NULL && i < holidays->len; i++)
    {
      CdSlaHoliday *holiday = g_ptr_array_index (holidays, i);
      g_autoptr(GDateTime) day = NULL;
      g_autofree char *iso = g_strdup_printf ("%sT12:00:00Z", holiday->day);
      g_autofree char *title = NULL;
      GtkWidget *row = adw_action_row_new ();

      day = g_date_time_new_from_iso8601 (iso, NULL);
      title = day != NULL ? cd_datetime_format_day (g_date_time_to_unix (day)) : g_strdup (holiday->day);
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      if (holiday->name != NULL)
        adw_action_row_set_subtitle (ADW_ACTION_ROW (row), holiday->name);
      if (editable)
        {
          GtkWidget *remove = gtk_button_new_from_icon_name ("user-trash-symbolic");
          g_autofree char *label = g_strdup_printf (_("Remove the holiday on %s"), title);

          gtk_widget_set_valign (remove, GTK_ALIGN_CENTER);
          gtk_widget_add_css_class (remove, "flat");
          gtk_widget_set_tooltip_text (remove, _("Remove Holiday"));
          gtk_accessible_update_property (GTK_ACCESSIBLE (remove), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
          g_object_set_data (G_OBJECT (remove), "holiday-id", GSIZE_TO_POINTER ((gsize) holiday->id));
          g_signal_connect (remove, "clicked", G_CALLBACK (on_remove_holiday_clicked_cb), self);
          adw_action_row_add_suffix (ADW_ACTION_ROW (row), remove);
        }
      gtk_list_box_append (self->holidays_list, row);
    }
  if (holidays == NULL || holidays->len == 0)
    {
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("No holidays"));
      gtk_widget_add_css_class (row, "dim-label");
      gtk_list_box_append (self->holidays_list, row);
    }
}

/* Adding holidays: pasted, or read from a file (a list or an iCalendar
 * file), checked before anything is saved. */

typedef struct {
  CdTeamWindow  *self;
  GtkTextView   *text_view;
  GtkLabel      *problem_label;
} HolidayDialog;

static void
holiday_dialog_free (HolidayDialog *hd)
{
  g_clear_object (&hd->self);
  g_free (hd);
}

static char *
holiday_dialog_text (HolidayDialog *hd)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (hd->text_view);
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

static void
on_holiday_text_changed_cb (AdwMessageDialog *dialog)
{
  HolidayDialog *hd = g_object_get_data (G_OBJECT (dialog), "holiday-dialog");
  g_autofree char *text = holiday_dialog_text (hd);
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GPtrArray) holidays = cd_sla_holidays_parse (text, &problems);
  g_autoptr(GString) message = g_string_new (NULL);

  for (guint i = 0; i < problems->len && i < 3; i++)
    {
      if (i > 0)
        g_string_append_c (message, '\n');
      g_string_append (message, g_ptr_array_index (problems, i));
    }
  if (problems->len == 0 && holidays->len > 0)
    g_string_printf (message, g_dngettext (GETTEXT_PACKAGE, "%u day read", "%u days read", holidays->len),
                     holidays->len);
  gtk_label_set_text (hd->problem_label, message->str);
  if (problems->len > 0)
    gtk_widget_add_css_class (GTK_WIDGET (hd->problem_label), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (hd->problem_label), "error");
  adw_message_dialog_set_response_enabled (dialog, "add", problems->len == 0 && holidays->len > 0);
}

static void
on_holiday_file_chosen_cb (GObject      *source,
                           GAsyncResult *result,
                           gpointer      user_data)
{
  g_autoptr(AdwMessageDialog) dialog = user_data;
  HolidayDialog *hd = g_object_get_data (G_OBJECT (dialog), "holiday-dialog");
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = cd_file_chooser_choose_finish (result, &error);
  g_autofree char *contents = NULL;
  gsize length = 0;

  if (file == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        gtk_label_set_text (hd->problem_label, error->message);
      return;
    }
  if (!g_file_load_contents (file, NULL, &contents, &length, NULL, &error))
    {
      gtk_label_set_text (hd->problem_label, error->message);
      return;
    }
  if (!g_utf8_validate (contents, length, NULL))
    {
      gtk_label_set_text (hd->problem_label, _("This file is not text in UTF-8. Save it as UTF-8 text and try again."));
      return;
    }
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (hd->text_view), contents, (int) length);
}

static void
on_holiday_file_button_clicked_cb (GtkButton        *button,
                                   AdwMessageDialog *dialog)
{
  static const CdFileChooserFilter filters[] = {
    { N_("Holiday lists"), "*.txt;*.csv;*.ics;*.TXT;*.CSV;*.ICS" },
    { N_("All files"), "*" },
  };
  CdFileChooserFilter translated[G_N_ELEMENTS (filters)];

  for (guint i = 0; i < G_N_ELEMENTS (filters); i++)
    {
      translated[i].name = _(filters[i].name);
      translated[i].patterns = filters[i].patterns;
    }
  cd_file_chooser_choose_async (GTK_WINDOW (dialog), CD_FILE_CHOOSER_OPEN, _("Open a List of Holidays"), _("_Open"),
                                NULL, NULL, translated, G_N_ELEMENTS (translated), NULL,
                                on_holiday_file_chosen_cb, g_object_ref (dialog));
}

static void
on_holiday_dialog_response_cb (AdwMessageDialog *dialog,
                               const char       *response)
{
  HolidayDialog *hd = g_object_get_data (G_OBJECT (dialog), "holiday-dialog");
  g_autofree char *text = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  Job *job;

  if (g_strcmp0 (response, "add") != 0)
    return;
  text = holiday_dialog_text (hd);
  job = job_new (hd->self, OP_ADD_HOLIDAYS, GTK_WIDGET (hd->self->add_holidays_button));
  job->items = cd_sla_holidays_parse (text, &problems);
  job->failed_title = g_strdup (_("Could not add the holidays"));
  job_start (hd->self, job);
}

static void
on_add_holidays_button_clicked_cb (CdTeamWindow *self)
{
  HolidayDialog *hd = g_new0 (HolidayDialog, 1);
  GtkWidget *dialog, *box, *scrolled, *file_button;

  hd->self = g_object_ref (self);
  dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Add Holidays"),
                                   _("Paste a year’s list, one day or run of days a line, with its name: "
                                     "“2027-10-01 – 2027-10-07 National Day”. A spreadsheet’s columns or "
                                     "a calendar file (.ics) work too."));
  g_object_set_data_full (G_OBJECT (dialog), "holiday-dialog", hd, (GDestroyNotify) holiday_dialog_free);

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  hd->text_view = GTK_TEXT_VIEW (gtk_text_view_new ());
  gtk_text_view_set_monospace (hd->text_view, TRUE);
  gtk_text_view_set_top_margin (hd->text_view, 6);
  gtk_text_view_set_bottom_margin (hd->text_view, 6);
  gtk_text_view_set_left_margin (hd->text_view, 6);
  gtk_text_view_set_right_margin (hd->text_view, 6);
  gtk_accessible_update_property (GTK_ACCESSIBLE (hd->text_view), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Holidays, one a line"), -1);
  scrolled = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), GTK_WIDGET (hd->text_view));
  gtk_scrolled_window_set_min_content_height (GTK_SCROLLED_WINDOW (scrolled), 160);
  gtk_widget_add_css_class (scrolled, "card");
  gtk_box_append (GTK_BOX (box), scrolled);

  file_button = gtk_button_new_with_mnemonic (_("Read From _File…"));
  gtk_widget_set_halign (file_button, GTK_ALIGN_START);
  g_signal_connect (file_button, "clicked", G_CALLBACK (on_holiday_file_button_clicked_cb), dialog);
  gtk_box_append (GTK_BOX (box), file_button);

  hd->problem_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_wrap (hd->problem_label, TRUE);
  gtk_label_set_xalign (hd->problem_label, 0);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (hd->problem_label));

  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), box);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"), "add", _("_Add"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "add", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (dialog), "add", FALSE);
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_swapped (gtk_text_view_get_buffer (hd->text_view), "changed",
                            G_CALLBACK (on_holiday_text_changed_cb), dialog);
  g_signal_connect (dialog, "response", G_CALLBACK (on_holiday_dialog_response_cb), NULL);
  gtk_window_present (GTK_WINDOW (dialog));
  gtk_widget_grab_focus (GTK_WIDGET (hd->text_view));
}

static void
build_service_rows (CdTeamWindow *self)
{
  g_autoptr(GtkStringList) tiers = gtk_string_list_new (NULL);

  for (guint i = 0; i < N_WEEKDAYS; i++)
    {
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *entry = gtk_entry_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), cd_sla_weekday_name (i));
      gtk_widget_set_valign (entry, GTK_ALIGN_CENTER);
      gtk_editable_set_width_chars (GTK_EDITABLE (entry), 14);
      gtk_entry_set_placeholder_text (GTK_ENTRY (entry), C_("business hours of a day", "Closed"));
      gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      cd_sla_weekday_name (i), -1);
      g_signal_connect_swapped (entry, "changed", G_CALLBACK (on_day_entry_changed_cb), self);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), entry);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), entry);
      self->day_entries[i] = GTK_ENTRY (entry);
      gtk_list_box_append (self->hours_list, row);
    }

  gtk_string_list_append (tiers, _("All Customers"));
  for (guint t = 0; t < cd_tier_count (); t++)
    gtk_string_list_append (tiers, cd_tier_label (t));
  adw_combo_row_set_model (self->tier_row, G_LIST_MODEL (tiers));

  for (int p = CD_PRIORITY_URGENT; p >= CD_PRIORITY_LOW; p--)
    {
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), cd_priority_label (p));
      for (guint k = 0; k < 2; k++)
        {
          GtkWidget *spin = gtk_spin_button_new_with_range (0, 2000, 0.5);
          g_autofree char *label = NULL;

          gtk_spin_button_set_digits (GTK_SPIN_BUTTON (spin), 1);
          gtk_editable_set_width_chars (GTK_EDITABLE (spin), 4);
          gtk_widget_set_valign (spin, GTK_ALIGN_CENTER);
          gtk_widget_set_tooltip_text (spin, k == 0 ? _("Hours to the first reply") : _("Hours to the resolution"));
          label = g_strdup_printf (k == 0 ? _("%s: hours to the first reply") : _("%s: hours to the resolution"),
                                   cd_priority_label (p));
          gtk_accessible_update_property (GTK_ACCESSIBLE (spin), GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
          g_signal_connect_swapped (spin, "value-changed", G_CALLBACK (on_target_spin_changed_cb), self);
          gtk_box_append (GTK_BOX (box), spin);
          self->target_spins[p][k] = GTK_SPIN_BUTTON (spin);
        }
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), box);
      gtk_list_box_append (self->targets_list, row);
    }
}

/* Categories -------------------------------------------------------------- */

static void
on_new_category_row_apply_cb (CdTeamWindow *self)
{
  g_autoptr(GError) error = NULL;
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->new_category_row));
  Job *job;

  if (!cd_ticket_category_validate_name (text, &error))
    {
      show_error (self, _("Could not add the category"), error->message);
      return;
    }
  job = job_new (self, OP_ADD_CATEGORY, GTK_WIDGET (self->new_category_row));
  job->text = g_strdup (text);
  job->done_message = g_strdup_printf (_("Category “%s” added"), g_strstrip (job->text));
  job->failed_title = g_strdup (_("Could not add the category"));
  job_start (self, job);
  gtk_editable_set_text (GTK_EDITABLE (self->new_category_row), "");
}

static void
on_category_row_apply_cb (AdwEntryRow  *row,
                          CdTeamWindow *self)
{
  Job *job = job_new (self, OP_RENAME_CATEGORY, GTK_WIDGET (row));

  job->id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (row), "category-id"));
  job->version = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (row), "category-version"));
  job->text = g_strdup (gtk_editable_get_text (GTK_EDITABLE (row)));
  job->done_message = g_strdup (_("Category renamed"));
  job->failed_title = g_strdup (_("Could not rename the category"));
  job_start (self, job);
}

static void
on_category_retire_clicked_cb (GtkButton    *button,
                               CdTeamWindow *self)
{
  AdwEntryRow *row = ADW_ENTRY_ROW (gtk_widget_get_ancestor (GTK_WIDGET (button), ADW_TYPE_ENTRY_ROW));
  gboolean retire = !GPOINTER_TO_INT (g_object_get_data (G_OBJECT (row), "category-retired"));
  Job *job = job_new (self, OP_RETIRE_CATEGORY, GTK_WIDGET (button));

  job->id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (row), "category-id"));
  job->version = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (row), "category-version"));
  job->flag = retire;
  job->done_message = g_strdup_printf (retire ? _("“%s” retired: no longer offered for new tickets")
                                              : _("“%s” is offered for new tickets again"),
                                       (const char *) g_object_get_data (G_OBJECT (row), "category-name"));
  job->failed_title = g_strdup (retire ? _("Could not retire the category") : _("Could not bring the category back"));
  job_start (self, job);
}

static void
on_required_row_selected_cb (AdwComboRow  *row,
                             GParamSpec   *pspec,
                             CdTeamWindow *self)
{
  GArray *ids = g_object_get_data (G_OBJECT (row), "certification-ids");
  guint selected = adw_combo_row_get_selected (row);
  gint64 certification_id;
  Job *job;

  if (self->filling || selected == GTK_INVALID_LIST_POSITION || selected >= ids->len)
    return;
  certification_id = g_array_index (ids, gint64, selected);
  if (certification_id == (gint64) GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (row), "certification-id")))
    return;

  job = job_new (self, OP_REQUIRE_CERTIFICATION, GTK_WIDGET (row));
  job->id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (row), "category-id"));
  job->version = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (row), "category-version"));
  job->other_id = certification_id;
  if (certification_id != 0)
    /* Translators: first %s is a ticket category, second a certification */
    job->done_message = g_strdup_printf (_("“%s” now requires “%s”"),
                                         (const char *) g_object_get_data (G_OBJECT (row), "category-name"),
                                         gtk_string_object_get_string (GTK_STRING_OBJECT (adw_combo_row_get_selected_item (row))));
  else
    job->done_message = g_strdup_printf (_("“%s” no longer requires a certification"),
                                         (const char *) g_object_get_data (G_OBJECT (row), "category-name"));
  job->failed_title = g_strdup (_("Could not change the required certification"));
  job_start (self, job);
}

/* One row per category in use: which certification its tickets need. */
static void
reload_required (CdTeamWindow *self,
                 GPtrArray    *categories)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) certifications = cd_certifications_list (self->store, TRUE, &error);
  gboolean editable = is_lead_or_admin (self) && !cd_store_is_read_only (self->store);
  gboolean any = FALSE;

  clear_list (self->required_list);
  if (certifications == NULL)
    {
      g_warning ("Could not list the certifications: %s", error->message);
      gtk_widget_set_visible (GTK_WIDGET (self->required_group), FALSE);
      return;
    }
  self->filling = TRUE;
  for (guint i = 0; i < categories->len; i++)
    {
      CdTicketCategory *category = g_ptr_array_index (categories, i);
      g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
      g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
      GtkWidget *row;
      gint64 none = 0;
      guint selected = 0;

      if (category->retired)
        continue;
      gtk_string_list_append (names, _("None required"));
      g_array_append_val (ids, none);
      for (guint j = 0; j < certifications->len; j++)
        {
          CdCertification *c = g_ptr_array_index (certifications, j);
          g_autofree char *name = NULL;

          /* An archived one only while it is still the one required. */
          if (c->archived && c->id != category->required_certification_id)
            continue;
          if (c->id == category->required_certification_id)
            selected = ids->len;
          name = cd_certification_display_name (c->name, c->level);
          gtk_string_list_append (names, name);
          g_array_append_val (ids, c->id);
        }

      row = adw_combo_row_new ();
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), category->name);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), _("Certification required"));
      adw_combo_row_set_model (ADW_COMBO_ROW (row), G_LIST_MODEL (names));
      adw_combo_row_set_selected (ADW_COMBO_ROW (row), selected);
      gtk_widget_set_sensitive (row, editable);
      g_object_set_data (G_OBJECT (row), "category-id", GSIZE_TO_POINTER ((gsize) category->id));
      g_object_set_data (G_OBJECT (row), "category-version", GSIZE_TO_POINTER ((gsize) category->version));
      g_object_set_data (G_OBJECT (row), "certification-id",
                         GSIZE_TO_POINTER ((gsize) category->required_certification_id));
      g_object_set_data_full (G_OBJECT (row), "category-name", g_strdup (category->name), g_free);
      g_object_set_data_full (G_OBJECT (row), "certification-ids", g_steal_pointer (&ids),
                              (GDestroyNotify) g_array_unref);
      g_signal_connect (row, "notify::selected", G_CALLBACK (on_required_row_selected_cb), self);
      gtk_list_box_append (self->required_list, row);
      any = TRUE;
    }
  self->filling = FALSE;
  gtk_widget_set_visible (GTK_WIDGET (self->required_group), any);
}

static void
reload_categories (CdTeamWindow *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) categories = cd_ticket_categories_list (self->store, &error);
  gboolean editable = is_lead_or_admin (self);

  gtk_widget_set_visible (GTK_WIDGET (self->new_category_row), editable);
  clear_list (self->categories_list);
  if (categories == NULL)
    {
      g_warning ("Could not list the categories: %s", error->message);
      return;
    }
  for (guint i = 0; i < categories->len; i++)
    {
      CdTicketCategory *category = g_ptr_array_index (categories, i);
      GtkWidget *row = adw_entry_row_new ();
      GtkWidget *retire;
      g_autofree char *retire_label = NULL;

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                     category->retired ? _("Retired category") : _("Category"));
      gtk_editable_set_text (GTK_EDITABLE (row), category->name);
      gtk_editable_set_editable (GTK_EDITABLE (row), editable);
      adw_entry_row_set_show_apply_button (ADW_ENTRY_ROW (row), editable);
      g_object_set_data (G_OBJECT (row), "category-id", GSIZE_TO_POINTER ((gsize) category->id));
      g_object_set_data (G_OBJECT (row), "category-version", GSIZE_TO_POINTER ((gsize) category->version));
      g_object_set_data (G_OBJECT (row), "category-retired", GINT_TO_POINTER (category->retired));
      g_object_set_data_full (G_OBJECT (row), "category-name", g_strdup (category->name), g_free);
      g_signal_connect (row, "apply", G_CALLBACK (on_category_row_apply_cb), self);
      if (category->retired)
        gtk_widget_add_css_class (row, "dim-label");

      if (editable)
        {
          retire = gtk_button_new_with_label (category->retired ? _("Bring Back") : C_("category", "Retire"));
          retire_label = g_strdup_printf (category->retired ? _("Bring back %s") : _("Retire %s"), category->name);
          gtk_accessible_update_property (GTK_ACCESSIBLE (retire), GTK_ACCESSIBLE_PROPERTY_LABEL, retire_label, -1);
          gtk_widget_set_valign (retire, GTK_ALIGN_CENTER);
          gtk_widget_add_css_class (retire, "flat");
          g_signal_connect (retire, "clicked", G_CALLBACK (on_category_retire_clicked_cb), self);
          adw_entry_row_add_suffix (ADW_ENTRY_ROW (row), retire);
        }
      gtk_list_box_append (self->categories_list, row);
    }
  reload_required (self, categories);
}

/* Following other Caredesks ----------------------------------------------- */

static void
on_store_people_changed_cb (CdTeamWindow *self)
{
  if (self->pending == 0)
    reload_people (self);
}

static void
on_store_service_changed_cb (CdTeamWindow *self)
{
  /* Keep what the person is typing unless nothing was changed yet. */
  if (self->pending == 0 && !gtk_widget_get_sensitive (GTK_WIDGET (self->save_hours_button)) &&
      !gtk_widget_get_sensitive (GTK_WIDGET (self->save_targets_button)))
    reload_service_levels (self);
}

static void
on_store_categories_changed_cb (CdTeamWindow *self)
{
  if (self->pending == 0)
    reload_categories (self);
}

/* Public ------------------------------------------------------------------ */

CdTeamWindow *
cd_team_window_new (CdStore *store)
{
  g_return_val_if_fail (CD_IS_STORE (store), NULL);

  return g_object_new (CD_TYPE_TEAM_WINDOW, "store", store, NULL);
}

void
cd_team_window_show_page (CdTeamWindow *self,
                          const char   *name)
{
  g_return_if_fail (CD_IS_TEAM_WINDOW (self));

  adw_preferences_window_set_visible_page_name (ADW_PREFERENCES_WINDOW (self), name);
}

guint
cd_team_window_get_pending (CdTeamWindow *self)
{
  g_return_val_if_fail (CD_IS_TEAM_WINDOW (self), 0);

  return self->pending;
}

static void
cd_team_window_constructed (GObject *object)
{
  CdTeamWindow *self = CD_TEAM_WINDOW (object);

  G_OBJECT_CLASS (cd_team_window_parent_class)->constructed (object);

  g_assert (CD_IS_STORE (self->store));

  build_service_rows (self);
  g_signal_group_set_target (self->store_signals, self->store);
  reload_all (self);
}

static void
cd_team_window_dispose (GObject *object)
{
  CdTeamWindow *self = CD_TEAM_WINDOW (object);

  if (self->store_signals != NULL)
    g_signal_group_set_target (self->store_signals, NULL);
  g_clear_object (&self->store_signals);
  gtk_widget_dispose_template (GTK_WIDGET (self), CD_TYPE_TEAM_WINDOW);

  G_OBJECT_CLASS (cd_team_window_parent_class)->dispose (object);
}

static void
cd_team_window_finalize (GObject *object)
{
  CdTeamWindow *self = CD_TEAM_WINDOW (object);

  g_clear_object (&self->store);
  g_clear_pointer (&self->targets, g_ptr_array_unref);
  g_free (self->hours_schedule);

  G_OBJECT_CLASS (cd_team_window_parent_class)->finalize (object);
}

static void
cd_team_window_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  CdTeamWindow *self = CD_TEAM_WINDOW (object);

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
cd_team_window_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  CdTeamWindow *self = CD_TEAM_WINDOW (object);

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
cd_team_window_class_init (CdTeamWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = cd_team_window_constructed;
  object_class->dispose = cd_team_window_dispose;
  object_class->finalize = cd_team_window_finalize;
  object_class->get_property = cd_team_window_get_property;
  object_class->set_property = cd_team_window_set_property;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, CD_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/admin/cd-team-window.ui");
  gtk_widget_class_bind_template_child (widget_class, CdTeamWindow, people_page);
  gtk_widget_class_bind_template_child (widget_class, CdTeamWindow, service_page);
  gtk_widget_class_bind_template_child (widget_class, CdTeamWindow, categories_page);
  gtk_widget_class_bind_template_child (widget_class, CdTeamWindow, team_group);
  gtk_widget_class_bind_template_child (widget_class, CdTeamWindow, team_name_row);
  gtk_widget_class_bind_template_child (widget_class, CdTeamWindow, people_group);
  gtk_widget_class_bind_template_child (widget_class, CdTeamWindow, add_person_button);
  gtk_widget_class_bind_template_child (widget_class, CdTeamWindow, people_list);
  gtk_widget_class_bind_template_child (widget_class, CdTeamWindow, hours_group);
  gtk_widget_class_bind_template_child (widget_class, CdTeamWindow, save_hours_button);
  gtk_widget_class_bind_template_child (widget_class, CdTeamWindow, hours_list);
  gtk_widget_class_bind_template_child (widget_class, CdTeamWindow, targets_group);
  gtk_widget_class_bind_template_child (widget_class, CdTeamWindow, tier_row);
  gtk_widget_class_bind_template_child (widget_class, CdTeamWindow, save_targets_button);
  gtk_widget_class_bind_template_child (widget_class, CdTeamWindow, targets_list);
  gtk_widget_class_bind_template_child (widget_class, CdTeamWindow, holidays_group);
  gtk_widget_class_bind_template_child (widget_class, CdTeamWindow, add_holidays_button);
  gtk_widget_class_bind_template_child (widget_class, CdTeamWindow, holidays_list);
  gtk_widget_class_bind_template_child (widget_class, CdTeamWindow, categories_group);
  gtk_widget_class_bind_template_child (widget_class, CdTeamWindow, new_category_row);
  gtk_widget_class_bind_template_child (widget_class, CdTeamWindow, categories_list);
  gtk_widget_class_bind_template_child (widget_class, CdTeamWindow, required_group);
  gtk_widget_class_bind_template_child (widget_class, CdTeamWindow, required_list);
  gtk_widget_class_bind_template_callback (widget_class, on_team_name_row_apply_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_add_person_button_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_save_hours_button_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_tier_row_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_save_targets_button_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_add_holidays_button_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_new_category_row_apply_cb);
}

static void
cd_team_window_init (CdTeamWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->store_signals = g_signal_group_new (CD_TYPE_STORE);
  g_signal_group_connect_swapped (self->store_signals, "changed::" CD_CHANGE_STAFF,
                                  G_CALLBACK (on_store_people_changed_cb), self);
  g_signal_group_connect_swapped (self->store_signals, "changed::" CD_CHANGE_SETTINGS,
                                  G_CALLBACK (on_store_people_changed_cb), self);
  g_signal_group_connect_swapped (self->store_signals, "changed::" CD_CHANGE_CALENDARS,
                                  G_CALLBACK (on_store_service_changed_cb), self);
  g_signal_group_connect_swapped (self->store_signals, "changed::" CD_CHANGE_HOLIDAYS,
                                  G_CALLBACK (on_store_service_changed_cb), self);
  g_signal_group_connect_swapped (self->store_signals, "changed::" CD_CHANGE_SLA_POLICIES,
                                  G_CALLBACK (on_store_service_changed_cb), self);
  g_signal_group_connect_swapped (self->store_signals, "changed::" CD_CHANGE_TICKET_CATEGORIES,
                                  G_CALLBACK (on_store_categories_changed_cb), self);
  g_signal_group_connect_swapped (self->store_signals, "changed::certifications",
                                  G_CALLBACK (on_store_categories_changed_cb), self);
}
