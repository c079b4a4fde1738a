/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "caredesk-test"

#include "config.h"

#include <glib/gstdio.h>
#include <adwaita.h>

#include "cd-certifications.h"
#include "cd-conflict-dialog.h"
#include "cd-gui-test-util.h"
#include "cd-setup-window.h"
#include "cd-sla.h"
#include "cd-staff.h"
#include "cd-store-private.h"
#include "cd-team.h"
#include "cd-team-window.h"
#include "cd-tickets.h"

typedef struct {
  char    *dir;
  char    *path;
  CdStore *store;   /* the administrator, the first one in the file */
} Fixture;

static CdStore *
open_as (const char *path,
         const char *login)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CdStore) store = cd_store_open (path, CD_STORE_OPEN_CREATE | CD_STORE_OPEN_NO_WATCH, &error);

  g_assert_no_error (error);
  cd_store_sign_in (store, login, NULL, &error);
  g_assert_no_error (error);
  return g_steal_pointer (&store);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->dir = g_dir_make_tmp ("caredesk-team-XXXXXX", &error);
  g_assert_no_error (error);
  f->path = g_build_filename (f->dir, "team.caredesk", NULL);
  f->store = open_as (f->path, "boss");
  g_assert_cmpint (cd_store_get_role (f->store), ==, CD_ROLE_ADMIN);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GDir) dir = NULL;
  const char *name;

  g_clear_object (&f->store);
  dir = g_dir_open (f->dir, 0, NULL);
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *file = g_build_filename (f->dir, name, NULL);
      g_unlink (file);
    }
  g_rmdir (f->dir);
  g_free (f->path);
  g_free (f->dir);
}

typedef gboolean (*WidgetMatch) (GtkWidget *widget, gconstpointer data);

static void
collect (GtkWidget     *root,
         WidgetMatch    match,
         gconstpointer  data,
         GPtrArray     *out)
{
  if (match (root, data))
    g_ptr_array_add (out, root);
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL; child = gtk_widget_get_next_sibling (child))
    collect (child, match, data, out);
}

static GtkWidget *
find (GtkWidget     *root,
      WidgetMatch    match,
      gconstpointer  data)
{
  g_autoptr(GPtrArray) found = g_ptr_array_new ();

  collect (root, match, data, found);
  return found->len > 0 ? g_ptr_array_index (found, 0) : NULL;
}

static gboolean
match_row_title (GtkWidget     *widget,
                 gconstpointer  data)
{
  return ADW_IS_PREFERENCES_ROW (widget) &&
         g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)), data) == 0;
}

static gboolean
match_entry (GtkWidget     *widget,
             gconstpointer  data)
{
  return GTK_IS_ENTRY (widget);
}

static gboolean
match_drop_down (GtkWidget     *widget,
                 gconstpointer  data)
{
  return GTK_IS_DROP_DOWN (widget);
}

static gboolean
match_text_view (GtkWidget     *widget,
                 gconstpointer  data)
{
  return GTK_IS_TEXT_VIEW (widget);
}

static gboolean
match_button_label (GtkWidget     *widget,
                    gconstpointer  data)
{
  if (!GTK_IS_BUTTON (widget))
    return FALSE;
  if (g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)), data) == 0)
    return TRUE;
  return ADW_IS_BUTTON_CONTENT (gtk_button_get_child (GTK_BUTTON (widget))) &&
         g_strcmp0 (adw_button_content_get_label (ADW_BUTTON_CONTENT (gtk_button_get_child (GTK_BUTTON (widget)))),
                    data) == 0;
}

static gboolean
match_entry_row_text (GtkWidget     *widget,
                      gconstpointer  data)
{
  return ADW_IS_ENTRY_ROW (widget) && g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (widget)), data) == 0;
}

static AdwMessageDialog *
find_message_dialog (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (window) && gtk_widget_get_visible (GTK_WIDGET (window)))
        return ADW_MESSAGE_DIALOG (window);
    }
  return NULL;
}

/* What a click on a response button does: the dialog says it, then
 * closes. */
static void
respond (AdwMessageDialog *dialog,
         const char       *response)
{
  adw_message_dialog_response (dialog, response);
  gtk_window_destroy (GTK_WINDOW (dialog));
}

static CdTeamWindow *
open_window (CdStore *store)
{
  CdTeamWindow *window = cd_team_window_new (store);

  gtk_window_present (GTK_WINDOW (window));
  cd_test_wait_for (gtk_widget_get_mapped (GTK_WIDGET (window)));
  return window;
}

static void
click (GtkWidget     *root,
       const char    *label)
{
  GtkWidget *button = find (root, match_button_label, label);

  g_assert_nonnull (button);
  g_assert_true (gtk_widget_is_sensitive (button));
  g_signal_emit_by_name (button, "clicked");
}

static void
test_add_person (Fixture       *f,
                 gconstpointer  data)
{
  CdTeamWindow *window = open_window (f->store);
  AdwMessageDialog *dialog;
  g_autoptr(GPtrArray) entries = g_ptr_array_new ();
  g_autoptr(CdStaffMember) member = NULL;
  g_autoptr(CdStore) colleague = NULL;

  /* The first person is on the list, as "You". */
  g_assert_nonnull (find (GTK_WIDGET (window), match_row_title, "boss"));

  click (GTK_WIDGET (window), "_Add Person…");
  cd_test_wait_for ((dialog = find_message_dialog ()) != NULL);
  collect (GTK_WIDGET (dialog), match_entry, NULL, entries);
  g_assert_cmpuint (entries->len, ==, 2);
  g_assert_false (adw_message_dialog_get_response_enabled (dialog, "save"));

  /* A login with a space is refused before anything is saved. */
  gtk_editable_set_text (GTK_EDITABLE (entries->pdata[0]), "wang wei");
  gtk_editable_set_text (GTK_EDITABLE (entries->pdata[1]), "王伟 “Wei”");
  g_assert_false (adw_message_dialog_get_response_enabled (dialog, "save"));
  gtk_editable_set_text (GTK_EDITABLE (entries->pdata[0]), "wang.wei");
  g_assert_true (adw_message_dialog_get_response_enabled (dialog, "save"));
  respond (dialog, "save");

  cd_test_wait_for (cd_team_window_get_pending (window) == 0 &&
                    find (GTK_WIDGET (window), match_row_title, "王伟 “Wei”") != NULL);
  member = cd_staff_find_login (f->store, "wang.wei", NULL);
  g_assert_nonnull (member);
  g_assert_cmpint (member->role, ==, CD_ROLE_REP);
  g_assert_true (member->active);

  /* The colleague can now sign in to the same file. */
  colleague = open_as (f->path, "wang.wei");
  g_assert_cmpint (cd_store_get_staff_id (colleague), ==, member->id);

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_switch_off (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  CdTeamWindow *window;
  GtkWidget *row;
  AdwMessageDialog *dialog;
  g_autoptr(CdStaffMember) member = NULL;

  cd_staff_add (f->store, "li.na", "Li Na", CD_ROLE_LEAD, &error);
  g_assert_no_error (error);
  window = open_window (f->store);
  row = find (GTK_WIDGET (window), match_row_title, "Li Na");
  g_assert_nonnull (row);
  g_signal_emit_by_name (row, "activated");
  cd_test_wait_for ((dialog = find_message_dialog ()) != NULL);
  g_assert_true (adw_message_dialog_has_response (dialog, "switch-off"));
  respond (dialog, "switch-off");
  cd_test_wait_for (cd_team_window_get_pending (window) == 0 &&
                    (member = cd_staff_find_login (f->store, "li.na", NULL)) != NULL && !member->active);
  g_clear_pointer (&member, cd_staff_member_free);
  cd_test_wait_for (find (GTK_WIDGET (window), match_row_title, "Li Na") != NULL &&
                    g_str_has_suffix (adw_action_row_get_subtitle (ADW_ACTION_ROW (find (GTK_WIDGET (window),
                                                                                        match_row_title, "Li Na"))),
                                      "switched off"));

  /* The administrator's own row opens no switch-off: the file keeps one. */
  row = find (GTK_WIDGET (window), match_row_title, "boss");
  g_signal_emit_by_name (row, "activated");
  cd_test_wait_for ((dialog = find_message_dialog ()) != NULL);
  g_assert_false (adw_message_dialog_has_response (dialog, "switch-off"));
  respond (dialog, "cancel");

  gtk_window_destroy (GTK_WINDOW (window));
}

static CdConflictDialog *
find_conflict_dialog (void)
{
  AdwMessageDialog *dialog = find_message_dialog ();

  return dialog != NULL && CD_IS_CONFLICT_DIALOG (dialog) ? CD_CONFLICT_DIALOG (dialog) : NULL;
}

static void
test_edit_conflict (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CdStore) other = NULL;
  g_autoptr(CdStaffMember) member = NULL;
  g_autoptr(GPtrArray) entries = g_ptr_array_new ();
  CdTeamWindow *window;
  AdwMessageDialog *dialog;
  CdConflictDialog *conflict;
  gint64 id;
  const char *label, *yours, *theirs;

  id = cd_staff_add (f->store, "li.na", "Li Na", CD_ROLE_REP, &error);
  g_assert_no_error (error);
  window = open_window (f->store);
  g_signal_emit_by_name (find (GTK_WIDGET (window), match_row_title, "Li Na"), "activated");
  cd_test_wait_for ((dialog = find_message_dialog ()) != NULL);

  /* Another Caredesk renames her meanwhile. */
  other = open_as (f->path, "boss");
  member = cd_staff_find_login (other, "li.na", NULL);
  g_assert_true (cd_staff_update (other, id, member->version, "Li Na (Shanghai)", CD_ROLE_REP, &error));
  g_assert_no_error (error);

  collect (GTK_WIDGET (dialog), match_entry, NULL, entries);
  gtk_editable_set_text (GTK_EDITABLE (entries->pdata[1]), "李娜");
  respond (dialog, "save");
  cd_test_wait_for ((conflict = find_conflict_dialog ()) != NULL);
  g_assert_cmpuint (cd_conflict_dialog_get_n_fields (conflict), ==, 1);
  cd_conflict_dialog_get_field (conflict, 0, &label, &yours, &theirs);
  g_assert_cmpstr (yours, ==, "李娜");
  g_assert_cmpstr (theirs, ==, "Li Na (Shanghai)");

  respond (ADW_MESSAGE_DIALOG (conflict), CD_CONFLICT_RESPONSE_OVERWRITE);
  cd_test_wait_for (cd_team_window_get_pending (window) == 0 &&
                    find (GTK_WIDGET (window), match_row_title, "李娜") != NULL);
  g_clear_pointer (&member, cd_staff_member_free);
  member = cd_staff_find_login (f->store, "li.na", NULL);
  g_assert_cmpstr (member->display_name, ==, "李娜");

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_lead_sees_reps_only (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CdStore) lead = NULL;
  g_autoptr(CdStore) rep = NULL;
  CdTeamWindow *window;
  AdwMessageDialog *dialog;
  GtkDropDown *roles;
  GtkWidget *row;

  cd_staff_add (f->store, "li.na", "Li Na", CD_ROLE_LEAD, &error);
  cd_staff_add (f->store, "wang.wei", "Wang Wei", CD_ROLE_REP, &error);
  g_assert_no_error (error);

  lead = open_as (f->path, "li.na");
  window = open_window (lead);
  /* The administrator's row cannot be opened by a team lead. */
  row = find (GTK_WIDGET (window), match_row_title, "boss");
  g_assert_false (gtk_list_box_row_get_activatable (GTK_LIST_BOX_ROW (row)));
  row = find (GTK_WIDGET (window), match_row_title, "Wang Wei");
  g_assert_true (gtk_list_box_row_get_activatable (GTK_LIST_BOX_ROW (row)));
  click (GTK_WIDGET (window), "_Add Person…");
  cd_test_wait_for ((dialog = find_message_dialog ()) != NULL);
  {
    g_autoptr(GPtrArray) drops = g_ptr_array_new ();

    collect (GTK_WIDGET (dialog), match_drop_down, NULL, drops);
    g_assert_cmpuint (drops->len, ==, 1);
    roles = drops->pdata[0];
    g_assert_cmpuint (g_list_model_get_n_items (gtk_drop_down_get_model (roles)), ==, 1);
  }
  respond (dialog, "cancel");
  gtk_window_destroy (GTK_WINDOW (window));

  /* A rep sees the team, and changes nothing. */
  rep = open_as (f->path, "wang.wei");
  window = open_window (rep);
  row = find (GTK_WIDGET (window), match_button_label, "_Add Person…");
  g_assert_true (row == NULL || !gtk_widget_get_visible (row));
  g_assert_null (find (GTK_WIDGET (window), match_button_label, "Retire"));
  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_categories (Fixture       *f,
                 gconstpointer  data)
{
  CdTeamWindow *window = open_window (f->store);
  AdwEntryRow *new_row;
  g_autoptr(GPtrArray) categories = NULL;
  CdTicketCategory *category;

  new_row = ADW_ENTRY_ROW (find (GTK_WIDGET (window), match_row_title, "New _category"));
  g_assert_nonnull (new_row);
  gtk_editable_set_text (GTK_EDITABLE (new_row), "  Billing 账单  ");
  g_signal_emit_by_name (new_row, "apply");
  cd_test_wait_for (cd_team_window_get_pending (window) == 0 &&
                    find (GTK_WIDGET (window), match_entry_row_text, "Billing 账单") != NULL);

  click (find (GTK_WIDGET (window), match_entry_row_text, "Billing 账单"), "Retire");
  cd_test_wait_for (cd_team_window_get_pending (window) == 0 &&
                    find (GTK_WIDGET (window), match_button_label, "Bring Back") != NULL);
  categories = cd_ticket_categories_list (f->store, NULL);
  g_assert_cmpuint (categories->len, ==, 1);
  category = categories->pdata[0];
  g_assert_cmpstr (category->name, ==, "Billing 账单");
  g_assert_true (category->retired);

  gtk_window_destroy (GTK_WINDOW (window));
}

static gint64
required_of (CdStore *store,
             gint64   category_id)
{
  g_autoptr(GPtrArray) categories = cd_ticket_categories_list (store, NULL);

  for (guint i = 0; i < categories->len; i++)
    {
      CdTicketCategory *category = categories->pdata[i];

      if (category->id == category_id)
        return category->required_certification_id;
    }
  g_assert_not_reached ();
}

static guint
combo_position (AdwComboRow *row,
                const char  *text)
{
  GListModel *model = adw_combo_row_get_model (row);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(GtkStringObject) item = g_list_model_get_item (model, i);

      if (g_strcmp0 (gtk_string_object_get_string (item), text) == 0)
        return i;
    }
  return GTK_INVALID_LIST_POSITION;
}

/* A lead picks the certification a category requires in the category
 * editor; a rep sees it and cannot change it. */
static void
test_required_certification (Fixture       *f,
                             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CdStore) lead = NULL;
  g_autoptr(CdStore) rep = NULL;
  g_autoptr(CdCertification) cert = cd_certification_new ();
  CdTeamWindow *window;
  AdwComboRow *row;
  gint64 category, cert_id;
  guint position;

  cd_staff_add (f->store, "li.na", "Li Na", CD_ROLE_LEAD, &error);
  g_assert_no_error (error);
  cd_staff_add (f->store, "wang.wei", "Wang Wei", CD_ROLE_REP, &error);
  g_assert_no_error (error);
  category = cd_ticket_category_add (f->store, "网络 Network", &error);
  g_assert_no_error (error);
  cert->name = g_strdup ("Network support");
  cert->level = g_strdup ("L2");
  cert_id = cd_certification_create (f->store, cert, &error);
  g_assert_no_error (error);

  lead = open_as (f->path, "li.na");
  window = open_window (lead);
  row = ADW_COMBO_ROW (find (GTK_WIDGET (window), match_row_title, "网络 Network"));
  g_assert_nonnull (row);
  g_assert_true (gtk_widget_is_sensitive (GTK_WIDGET (row)));
  g_assert_cmpuint (adw_combo_row_get_selected (row), ==, combo_position (row, "None required"));
  position = combo_position (row, "Network support (L2)");
  g_assert_cmpuint (position, !=, GTK_INVALID_LIST_POSITION);

  adw_combo_row_set_selected (row, position);
  cd_test_wait_for (cd_team_window_get_pending (window) == 0);
  g_assert_cmpint (required_of (f->store, category), ==, cert_id);
  g_assert_cmpint (cd_store_query_int (f->store,
                                       "SELECT count(*) FROM audit_log WHERE entity = 'ticket_categories'"
                                       " AND entity_id = ?1 AND field = 'required_certification'",
                                       category, 0, NULL), ==, 1);
  /* The rebuilt row shows what is saved. */
  row = ADW_COMBO_ROW (find (GTK_WIDGET (window), match_row_title, "网络 Network"));
  g_assert_cmpuint (adw_combo_row_get_selected (row), ==, position);

  /* And back to none. */
  adw_combo_row_set_selected (row, combo_position (row, "None required"));
  cd_test_wait_for (cd_team_window_get_pending (window) == 0);
  g_assert_cmpint (required_of (f->store, category), ==, 0);
  gtk_window_destroy (GTK_WINDOW (window));

  /* A rep sees which one is required and cannot change it. */
  g_assert_true (cd_ticket_category_set_required_certification (f->store, category, 0, cert_id, &error));
  g_assert_no_error (error);
  rep = open_as (f->path, "wang.wei");
  window = open_window (rep);
  row = ADW_COMBO_ROW (find (GTK_WIDGET (window), match_row_title, "网络 Network"));
  g_assert_nonnull (row);
  g_assert_false (gtk_widget_is_sensitive (GTK_WIDGET (row)));
  g_assert_cmpuint (adw_combo_row_get_selected (row), ==, combo_position (row, "Network support (L2)"));
  gtk_window_destroy (GTK_WINDOW (window));
}

static gboolean
match_target_spin (GtkWidget     *widget,
                   gconstpointer  data)
{
  return GTK_IS_SPIN_BUTTON (widget) && g_strcmp0 (gtk_widget_get_tooltip_text (widget), data) == 0;
}

static void
test_service_levels (Fixture       *f,
                     gconstpointer  data)
{
  CdTeamWindow *window = open_window (f->store);
  g_autoptr(GPtrArray) entries = g_ptr_array_new ();
  g_autoptr(GPtrArray) spins = g_ptr_array_new ();
  g_autoptr(CdSlaHours) hours = NULL;
  g_autoptr(GPtrArray) targets = NULL;
  g_autoptr(GPtrArray) holidays = NULL;
  AdwMessageDialog *dialog;
  GtkTextView *view;

  cd_team_window_show_page (window, "service-levels");
  /* Monday to Friday, 9 to 6 with a lunch break on Monday. */
  collect (GTK_WIDGET (window), match_entry, NULL, entries);
  g_assert_cmpuint (entries->len, >=, 7);
  gtk_editable_set_text (GTK_EDITABLE (entries->pdata[0]), "9:00 - 12:00, 13:00-18:00");
  for (guint i = 1; i < 5; i++)
    gtk_editable_set_text (GTK_EDITABLE (entries->pdata[i]), "09:00-18:00");
  click (GTK_WIDGET (window), "_Save Hours");
  cd_test_wait_for (cd_team_window_get_pending (window) == 0);
  hours = cd_sla_hours_load (f->store, NULL);
  g_assert_cmpint (hours->id, !=, 0);
  g_assert_cmpstr (hours->week_schedule, ==, "9:00-12:00,13:00-18:00;09:00-18:00;09:00-18:00;09:00-18:00;09:00-18:00;;");

  /* A day that cannot be read keeps the button off. */
  gtk_editable_set_text (GTK_EDITABLE (entries->pdata[5]), "18:00-09:00");
  g_assert_false (gtk_widget_get_sensitive (find (GTK_WIDGET (window), match_button_label, "_Save Hours")));
  gtk_editable_set_text (GTK_EDITABLE (entries->pdata[5]), "");

  /* The urgent first-reply target. */
  collect (GTK_WIDGET (window), match_target_spin, "Hours to the first reply", spins);
  g_assert_cmpuint (spins->len, ==, 4);
  gtk_spin_button_set_value (spins->pdata[0], 1.5);
  g_ptr_array_set_size (spins, 0);
  collect (GTK_WIDGET (window), match_target_spin, "Hours to the resolution", spins);
  gtk_spin_button_set_value (spins->pdata[0], 8);
  click (GTK_WIDGET (window), "Save _Targets");
  cd_test_wait_for (cd_team_window_get_pending (window) == 0);
  targets = cd_sla_targets_list (f->store, NULL);
  {
    gboolean found = FALSE;

    for (guint i = 0; i < targets->len; i++)
      {
        CdSlaTarget *target = targets->pdata[i];

        if (target->priority == CD_PRIORITY_URGENT && target->tier == CD_SLA_ANY_TIER)
          {
            g_assert_cmpint (target->first_response_minutes, ==, 90);
            g_assert_cmpint (target->resolution_minutes, ==, 480);
            found = TRUE;
          }
      }
    g_assert_true (found);
  }

  /* A year's holidays pasted at once. */
  click (GTK_WIDGET (window), "Add _Holidays…");
  cd_test_wait_for ((dialog = find_message_dialog ()) != NULL);
  view = GTK_TEXT_VIEW (find (GTK_WIDGET (dialog), match_text_view, NULL));
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (view), "2027-13-01 bad", -1);
  g_assert_false (adw_message_dialog_get_response_enabled (dialog, "add"));
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (view),
                            "2027-01-01 New Year\n2027-10-01 – 2027-10-07, 国庆节\n", -1);
  g_assert_true (adw_message_dialog_get_response_enabled (dialog, "add"));
  respond (dialog, "add");
  cd_test_wait_for (cd_team_window_get_pending (window) == 0);
  holidays = cd_sla_holidays_list (f->store, 2027, NULL);
  g_assert_cmpuint (holidays->len, ==, 8);
  cd_test_wait_for (find (GTK_WIDGET (window), match_row_title, "No holidays") == NULL);

  gtk_window_destroy (GTK_WINDOW (window));
}

static gboolean
match_entry_row_title (GtkWidget     *widget,
                       gconstpointer  data)
{
  return ADW_IS_ENTRY_ROW (widget) && match_row_title (widget, data);
}

static void
test_first_run (Fixture       *f,
                gconstpointer  data)
{
  CdSetupWindow *setup;
  g_autoptr(CdStaffMember) member = NULL;
  g_autoptr(CdSlaHours) hours = NULL;
  g_autofree char *name = NULL;
  GtkWidget *destroyed = NULL;

  g_assert_true (cd_team_needs_setup (f->store));
  setup = cd_setup_window_new (f->store);
  g_object_add_weak_pointer (G_OBJECT (setup), (gpointer *) &destroyed);
  destroyed = GTK_WIDGET (setup);
  gtk_window_present (GTK_WINDOW (setup));
  cd_test_wait_for (gtk_widget_get_mapped (GTK_WIDGET (setup)));

  gtk_editable_set_text (GTK_EDITABLE (find (GTK_WIDGET (setup), match_entry_row_title, "Team _name")),
                         "上海客服 Support");
  /* A colleague with a login that cannot be one is refused in words. */
  gtk_editable_set_text (GTK_EDITABLE (find (GTK_WIDGET (setup), match_entry_row_title, "_Login")), "li na");
  gtk_editable_set_text (GTK_EDITABLE (find (GTK_WIDGET (setup), match_entry_row_title, "N_ame")), "Li Na 李娜");
  g_assert_false (gtk_widget_get_sensitive (find (GTK_WIDGET (setup), match_button_label, "_Add Colleague")));
  gtk_editable_set_text (GTK_EDITABLE (find (GTK_WIDGET (setup), match_entry_row_title, "_Login")), "li.na");
  click (GTK_WIDGET (setup), "_Add Colleague");
  cd_test_wait_for (cd_setup_window_get_pending (setup) == 0 &&
                    find (GTK_WIDGET (setup), match_row_title, "Li Na 李娜") != NULL);
  member = cd_staff_find_login (f->store, "li.na", NULL);
  g_assert_nonnull (member);

  click (GTK_WIDGET (setup), "_Done");
  cd_test_wait_for (destroyed == NULL);

  name = cd_team_dup_name (f->store);
  g_assert_cmpstr (name, ==, "上海客服 Support");
  hours = cd_sla_hours_load (f->store, NULL);
  g_assert_cmpstr (hours->week_schedule, ==, "09:00-18:00;09:00-18:00;09:00-18:00;09:00-18:00;09:00-18:00;;");
  g_assert_false (cd_team_needs_setup (f->store));
}

static void
test_first_run_skip (Fixture       *f,
                     gconstpointer  data)
{
  CdSetupWindow *setup = cd_setup_window_new (f->store);
  GtkWidget *destroyed = GTK_WIDGET (setup);

  g_object_add_weak_pointer (G_OBJECT (setup), (gpointer *) &destroyed);
  gtk_window_present (GTK_WINDOW (setup));
  click (GTK_WIDGET (setup), "_Skip");
  cd_test_wait_for (destroyed == NULL);
  g_assert_false (cd_team_needs_setup (f->store));
  g_assert_null (cd_team_dup_name (f->store));
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

#define ADD(path, fn) \
  g_test_add (path, Fixture, NULL, fixture_set_up, fn, fixture_tear_down)

  ADD ("/gui/team/add-person", test_add_person);
  ADD ("/gui/team/switch-off", test_switch_off);
  ADD ("/gui/team/edit-conflict", test_edit_conflict);
  ADD ("/gui/team/lead-sees-reps-only", test_lead_sees_reps_only);
  ADD ("/gui/team/categories", test_categories);
  ADD ("/gui/team/required-certification", test_required_certification);
  ADD ("/gui/team/service-levels", test_service_levels);
  ADD ("/gui/team/first-run", test_first_run);
  ADD ("/gui/team/first-run-skip", test_first_run_skip);

  return g_test_run ();
}
