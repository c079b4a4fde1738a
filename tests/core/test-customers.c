/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "cd-audit.h"
#include "cd-customers.h"
#include "cd-store.h"
#include "cd-validate.h"
#include "cd-store-private.h"

typedef struct {
  char    *dir;
  char    *path;
  CdStore *store;
  gint64   admin_id;
  gint64   rep1_id;
  gint64   rep2_id;
  gint64   lead_id;
} Fixture;

static gint64
add_staff (CdStore    *store,
           const char *login,
           const char *name,
           const char *role)
{
  g_autoptr(GError) error = NULL;
  const CdField fields[] = { { "login", login }, { "display_name", name }, { "role", role } };
  gint64 id = cd_store_insert (store, "staff", fields, G_N_ELEMENTS (fields), &error);

  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  return id;
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture->dir = g_dir_make_tmp ("caredesk-customers-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->path = g_build_filename (fixture->dir, "test.caredesk", NULL);
  fixture->store = cd_store_open (fixture->path, CD_STORE_OPEN_CREATE | CD_STORE_OPEN_NO_WATCH, &error);
  g_assert_no_error (error);
  g_assert_true (cd_store_sign_in (fixture->store, "admin", "Admin", &error));
  fixture->admin_id = cd_store_get_staff_id (fixture->store);
  fixture->rep1_id = add_staff (fixture->store, "rep1", "Li Na", "rep");
  fixture->rep2_id = add_staff (fixture->store, "rep2", "Wang Fang", "rep");
  fixture->lead_id = add_staff (fixture->store, "lead", "Zhao Lei", "lead");
  cd_store_set_now (fixture->store, 1714521600); /* 2024-05-01 00:00 UTC */
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GDir) dir = NULL;
  const char *name;

  g_clear_object (&fixture->store);
  dir = g_dir_open (fixture->dir, 0, NULL);
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *file = g_build_filename (fixture->dir, name, NULL);
      g_unlink (file);
    }
  g_rmdir (fixture->dir);
  g_free (fixture->path);
  g_free (fixture->dir);
}

static void
sign_in (Fixture    *fixture,
         const char *login)
{
  g_autoptr(GError) error = NULL;
  g_assert_true (cd_store_sign_in (fixture->store, login, NULL, &error));
  g_assert_no_error (error);
}

static gint64
create (Fixture    *fixture,
        const char *name,
        const char *phone,
        const char *email,
        gint64      owner_id)
{
  g_autoptr(CdCustomer) customer = cd_customer_new ();
  g_autoptr(GError) error = NULL;
  gint64 id;

  customer->name = g_strdup (name);
  customer->phone = g_strdup (phone);
  customer->email = g_strdup (email);
  customer->owner_id = owner_id;
  id = cd_customer_create (fixture->store, customer, &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  return id;
}

static gint64
add_row (Fixture       *fixture,
         const char    *table,
         const CdField *fields,
         guint          n_fields)
{
  g_autoptr(GError) error = NULL;
  gint64 id = cd_store_insert (fixture->store, table, fields, n_fields, &error);

  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  return id;
}

static gint64
add_ticket (Fixture    *fixture,
            gint64      customer_id,
            const char *subject)
{
  g_autofree char *cid = g_strdup_printf ("%" G_GINT64_FORMAT, customer_id);
  const CdField fields[] = { { "customer_id", cid }, { "subject", subject } };
  return add_row (fixture, "tickets", fields, G_N_ELEMENTS (fields));
}

static gint64
add_complaint (Fixture    *fixture,
               gint64      customer_id,
               const char *summary)
{
  g_autofree char *cid = g_strdup_printf ("%" G_GINT64_FORMAT, customer_id);
  const CdField fields[] = { { "customer_id", cid }, { "summary", summary } };
  return add_row (fixture, "complaints", fields, G_N_ELEMENTS (fields));
}

static gint64
count (Fixture    *fixture,
       const char *sql,
       gint64      bind)
{
  g_autoptr(GError) error = NULL;
  gint64 n = cd_store_query_int (fixture->store, sql, bind, -1, &error);
  g_assert_no_error (error);
  return n;
}

/* Validation ----------------------------------------------------------------- */

static void
test_validate_messages (void)
{
  g_autoptr(CdCustomer) customer = cd_customer_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;

  /* Nothing filled in: only the name is required. */
  g_assert_false (cd_customer_check (customer, &error));
  g_assert_error (error, CD_STORE_ERROR, CD_STORE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "Name"));
  g_clear_error (&error);
  for (int f = 0; f < CD_CUSTOMER_N_FIELDS; f++)
    if (f != CD_CUSTOMER_FIELD_NAME && f != CD_CUSTOMER_FIELD_TIER && f != CD_CUSTOMER_FIELD_PREFERRED_CHANNEL &&
        f != CD_CUSTOMER_FIELD_OWNER)
      g_assert_null (cd_customer_validate_field ((CdCustomerField) f, NULL));

  /* Each field says what is wrong with it. */
  message = cd_customer_validate_field (CD_CUSTOMER_FIELD_NAME, "   ");
  g_assert_nonnull (message);
  g_clear_pointer (&message, g_free);
  message = cd_customer_validate_field (CD_CUSTOMER_FIELD_EMAIL, "x@");
  g_assert_nonnull (message);
  g_clear_pointer (&message, g_free);
  message = cd_customer_validate_field (CD_CUSTOMER_FIELD_PHONE, "123");
  g_assert_nonnull (strstr (message, "3"));
  g_clear_pointer (&message, g_free);
  message = cd_customer_validate_field (CD_CUSTOMER_FIELD_PHONE2, "138 1234 abc");
  g_assert_nonnull (message);
  g_clear_pointer (&message, g_free);
  /* A record is refused for its first problem. */
  customer->name = g_strdup ("Someone");
  customer->phone2 = g_strdup ("138 1234 abc");
  g_assert_false (cd_customer_check (customer, &error));
  g_assert_error (error, CD_STORE_ERROR, CD_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_clear_pointer (&customer->phone2, g_free);

  /* International and Chinese forms are all fine. */
  {
    const char *const good[] = {
      "+86 138 1234 5678", "13812345678", "138-1234-5678", "(010) 6552-1234 ext. 8",
      "+44 20 7946 0958", "+1 (555) 010-9999", "0086 138 1234 5678", "010-65521234转8",
    };
    for (guint i = 0; i < G_N_ELEMENTS (good); i++)
      {
        g_autofree char *m = cd_customer_validate_field (CD_CUSTOMER_FIELD_PHONE, good[i]);
        if (m != NULL)
          g_error ("“%s” was refused: %s", good[i], m);
      }
  }

  g_free (customer->name);
  customer->name = g_strdup ("张伟");
  g_free (customer->email);
  customer->email = g_strdup ("Zhang.Wei@Example.COM");
  g_clear_pointer (&customer->phone, g_free);
  g_clear_pointer (&customer->phone2, g_free);
  customer->notes = g_strdup ("Line one\nLine two");
  g_assert_true (cd_customer_check (customer, NULL));

  /* Tiers and channels by nick, label or Chinese word. */
  g_assert_cmpint (cd_customer_parse_tier ("core"), ==, CD_TIER_CORE);
  g_assert_cmpint (cd_customer_parse_tier (" Strategic "), ==, CD_TIER_STRATEGIC);
  g_assert_cmpint (cd_customer_parse_tier ("潜在"), ==, CD_TIER_POTENTIAL);
  g_assert_cmpint (cd_customer_parse_tier ("gold"), ==, -1);
  g_assert_cmpint (cd_customer_parse_channel ("In person"), ==, CD_CHANNEL_IN_PERSON);
  g_assert_cmpint (cd_customer_parse_channel ("邮件"), ==, CD_CHANNEL_EMAIL);
  message = cd_customer_validate_field (CD_CUSTOMER_FIELD_TIER, "gold");
  g_assert_nonnull (message);
  g_assert_nonnull (strstr (message, "gold"));
  g_clear_pointer (&message, g_free);
  g_assert_null (cd_customer_validate_field (CD_CUSTOMER_FIELD_TIER, "核心"));

  /* Too long, counted in characters. */
  {
    g_autoptr(GString) name = g_string_new (NULL);
    for (guint i = 0; i < CD_CUSTOMER_NAME_MAX_CHARS; i++)
      g_string_append (name, "张");
    g_assert_null (cd_customer_validate_field (CD_CUSTOMER_FIELD_NAME, name->str));
    g_string_append (name, "张");
    message = cd_customer_validate_field (CD_CUSTOMER_FIELD_NAME, name->str);
    g_assert_nonnull (message);
  }
}

static void
test_phone_key (void)
{
  const struct { const char *in, *out; } cases[] = {
    { "+86 138 1234 5678", "13812345678" },
    { "13812345678", "13812345678" },
    { "138-1234-5678", "13812345678" },
    { "0086 138 1234 5678", "13812345678" },
    { "+86 10 6552 1234", "01065521234" },
    { "010 6552 1234", "01065521234" },
    { "+86 (0)10 6552 1234", "01065521234" },
    { "+44 20 7946 0958", "+442079460958" },
    { "(010) 6552-1234 ext. 8", "01065521234x8" },
    { "+86 400 820 8820", "4008208820" },
    { "400-820-8820", "4008208820" },
    { "+86 95588", "95588" },
    { "+86 431 8888 1234", "043188881234" },
    { "", "" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *key = cd_customer_phone_key (cases[i].in);
      g_assert_cmpstr (key, ==, cases[i].out);
    }
}

/* Create, update, stale ------------------------------------------------------ */

static void
test_create_update_stale (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr(CdCustomer) loaded = NULL;
  g_autoptr(CdCustomer) bad = cd_customer_new ();
  g_autoptr(GError) error = NULL;
  gint64 id, before;

  id = create (fixture, "  Zhang Wei  ", "+86 138 1234 5678", "zhang.wei@example.com", fixture->rep1_id);
  loaded = cd_customer_load (fixture->store, id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (loaded->name, ==, "Zhang Wei");
  g_assert_cmpstr (loaded->phone, ==, "13812345678");
  g_assert_cmpstr (loaded->email, ==, "zhang.wei@example.com");
  g_assert_null (loaded->organisation);
  g_assert_cmpint (loaded->tier, ==, CD_TIER_GENERAL);
  g_assert_cmpint (loaded->preferred_channel, ==, -1);
  g_assert_cmpint (loaded->owner_id, ==, fixture->rep1_id);
  g_assert_cmpstr (loaded->owner_name, ==, "Li Na");
  g_assert_cmpint (loaded->version, ==, 1);
  g_assert_cmpint (loaded->created_at, ==, 1714521600);
  g_assert_false (loaded->archived);
  g_assert_cmpint (count (fixture, "SELECT count(*) FROM audit_log WHERE entity = 'customers' AND action = 'create' AND entity_id = ?", id), >=, 3);

  /* An edit at the version it was read at. */
  g_free (loaded->organisation);
  loaded->organisation = g_strdup ("Acme 有限公司");
  loaded->tier = CD_TIER_CORE;
  loaded->preferred_channel = CD_CHANNEL_EMAIL;
  g_assert_true (cd_customer_update (fixture->store, loaded, 1, &error));
  g_assert_no_error (error);
  g_assert_cmpint (cd_store_get_version (fixture->store, "customers", id, NULL), ==, 2);
  g_assert_cmpint (count (fixture, "SELECT count(*) FROM audit_log WHERE entity = 'customers' AND action = 'update' AND entity_id = ?", id), ==, 3);

  /* Someone saving from the old version gets STALE and writes nothing. */
  g_free (loaded->notes);
  loaded->notes = g_strdup ("My note");
  g_assert_false (cd_customer_update (fixture->store, loaded, 1, &error));
  g_assert_error (error, CD_STORE_ERROR, CD_STORE_ERROR_STALE);
  g_clear_error (&error);
  {
    g_autoptr(CdCustomer) again = cd_customer_load (fixture->store, id, NULL);
    g_assert_null (again->notes);
    g_assert_cmpstr (again->organisation, ==, "Acme 有限公司");
    g_assert_cmpint (again->tier, ==, CD_TIER_CORE);
    g_assert_cmpint (again->preferred_channel, ==, CD_CHANNEL_EMAIL);
  }

  /* Overwriting on purpose. */
  g_assert_true (cd_customer_update (fixture->store, loaded, 0, &error));
  g_assert_no_error (error);
  g_assert_cmpint (count (fixture, "SELECT count(*) FROM audit_log WHERE entity = 'customers' AND action = 'overwrite' AND entity_id = ?", id), ==, 1);

  /* Invalid input writes nothing. */
  before = count (fixture, "SELECT count(*) FROM customers", CD_NO_BIND);
  bad->name = g_strdup ("Someone");
  bad->email = g_strdup ("someone@");
  g_assert_cmpint (cd_customer_create (fixture->store, bad, &error), ==, 0);
  g_assert_error (error, CD_STORE_ERROR, CD_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpint (count (fixture, "SELECT count(*) FROM customers", CD_NO_BIND), ==, before);

  /* Missing record. */
  g_assert_null (cd_customer_load (fixture->store, 9999, &error));
  g_assert_error (error, CD_STORE_ERROR, CD_STORE_ERROR_NOT_FOUND);
}

static void
test_archive (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 id = create (fixture, "Archived one", NULL, NULL, 0);

  sign_in (fixture, "rep1");
  g_assert_true (cd_customer_archive (fixture->store, id, 1, &error));
  g_assert_no_error (error);
  g_assert_cmpint (count (fixture, "SELECT archived FROM customers WHERE id = ?", id), ==, 1);
  g_assert_false (cd_customer_archive (fixture->store, id, 1, &error));
  g_assert_error (error, CD_STORE_ERROR, CD_STORE_ERROR_STALE);
  g_clear_error (&error);
  /* Undo. */
  g_assert_true (cd_customer_set_archived (fixture->store, id, 2, FALSE, &error));
  g_assert_no_error (error);
  g_assert_cmpint (count (fixture, "SELECT archived FROM customers WHERE id = ?", id), ==, 0);
}

static void
test_delete_permission (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 plain = create (fixture, "Plain", NULL, NULL, 0);
  gint64 busy = create (fixture, "With ticket", NULL, NULL, 0);

  add_ticket (fixture, busy, "A question");

  sign_in (fixture, "rep1");
  g_assert_false (cd_customer_delete (fixture->store, plain, 1, &error));
  g_assert_error (error, CD_STORE_ERROR, CD_STORE_ERROR_PERMISSION);
  g_clear_error (&error);
  g_assert_cmpint (count (fixture, "SELECT count(*) FROM customers WHERE id = ?", plain), ==, 1);

  sign_in (fixture, "lead");
  g_assert_false (cd_customer_delete (fixture->store, busy, 1, &error));
  g_assert_error (error, CD_STORE_ERROR, CD_STORE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "rchive"));
  g_clear_error (&error);
  g_assert_false (cd_store_in_transaction (fixture->store));

  g_assert_false (cd_customer_delete (fixture->store, plain, 7, &error));
  g_assert_error (error, CD_STORE_ERROR, CD_STORE_ERROR_STALE);
  g_clear_error (&error);

  g_assert_true (cd_customer_delete (fixture->store, plain, 1, &error));
  g_assert_no_error (error);
  g_assert_cmpint (count (fixture, "SELECT count(*) FROM customers WHERE id = ?", plain), ==, 0);
  /* The deleted record stays readable in the audit log. */
  g_assert_cmpint (count (fixture, "SELECT count(*) FROM audit_log WHERE entity = 'customers' AND action = 'delete'"
                                   " AND field = 'name' AND old_value IS NOT NULL AND entity_id = ?", plain), ==, 1);

  sign_in (fixture, "admin");
  {
    gint64 another = create (fixture, "Another", NULL, NULL, 0);
    g_assert_true (cd_customer_delete (fixture->store, another, 0, &error));
    g_assert_no_error (error);
  }
}

/* Masking ------------------------------------------------------------------- */

static CdRow *
list_row (Fixture *fixture,
          gint64   id)
{
  g_autoptr(CdRowModel) model = cd_customers_list_new (fixture->store, NULL);

  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (model)); i++)
    {
      CdRow *row = g_list_model_get_item (G_LIST_MODEL (model), i);
      if (cd_row_get_id (row) == id)
        return row;
      g_object_unref (row);
    }
  g_assert_not_reached ();
}

static void
check_display (Fixture    *fixture,
               gint64      id,
               const char *phone,
               const char *email)
{
  g_autoptr(CdRow) row = list_row (fixture, id);
  g_autofree char *shown_phone = cd_customer_display_phone (fixture->store, row);
  g_autofree char *shown_email = cd_customer_display_email (fixture->store, row);

  g_assert_cmpstr (shown_phone, ==, phone);
  g_assert_cmpstr (shown_email, ==, email);
}

static void
test_masking (Fixture       *fixture,
              gconstpointer  data)
{
  gint64 owned = create (fixture, "Owned by Li Na", "13812345678", "zhang.wei@example.com", fixture->rep1_id);
  gint64 nobody = create (fixture, "Nobody's", "+44 20 7946 0958", "a@example.com", 0);
  g_autofree char *nobody_phone = cd_mask_phone ("+442079460958");
  g_autofree char *nobody_email = cd_mask_email ("a@example.com");

  g_assert_cmpstr (nobody_phone, !=, "+442079460958");
  g_assert_cmpstr (nobody_email, !=, "a@example.com");

  /* A rep who does not own the customer sees masks in the list. */
  sign_in (fixture, "rep2");
  check_display (fixture, owned, "138****5678", "z*******@example.com");
  check_display (fixture, nobody, nobody_phone, nobody_email);
  /* Opening the record shows it all. */
  {
    g_autoptr(CdCustomer) record = cd_customer_load (fixture->store, owned, NULL);
    g_assert_cmpstr (record->phone, ==, "13812345678");
    g_assert_cmpstr (record->email, ==, "zhang.wei@example.com");
  }

  /* The owner sees their own customer plainly, others masked. */
  sign_in (fixture, "rep1");
  check_display (fixture, owned, "13812345678", "zhang.wei@example.com");
  check_display (fixture, nobody, nobody_phone, nobody_email);

  /* Leads (and admins, trainers) see everything. */
  sign_in (fixture, "lead");
  check_display (fixture, owned, "13812345678", "zhang.wei@example.com");
  check_display (fixture, nobody, "+442079460958", "a@example.com");

  g_assert_true (cd_customer_contact_visible (fixture->store, 0));
  sign_in (fixture, "rep1");
  g_assert_false (cd_customer_contact_visible (fixture->store, 0));
  g_assert_true (cd_customer_contact_visible (fixture->store, fixture->rep1_id));
  g_assert_false (cd_customer_contact_visible (fixture->store, fixture->rep2_id));
}

/* Recording that a rep opened a customer whose contacts the list masks. */
static void
test_opening_record (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CdCustomer) owned = NULL;
  g_autoptr(CdCustomer) theirs = NULL;
  g_autoptr(CdCustomer) no_contact = NULL;

  owned = cd_customer_load (fixture->store, create (fixture, "Mine", "13812345678", NULL, fixture->rep1_id), NULL);
  theirs = cd_customer_load (fixture->store, create (fixture, "Theirs", NULL, "t@example.com", fixture->rep2_id), NULL);
  no_contact = cd_customer_load (fixture->store, create (fixture, "Nothing to mask", NULL, NULL, 0), NULL);

  sign_in (fixture, "rep1");
  g_assert_false (cd_customer_opening_needs_record (fixture->store, owned));
  g_assert_true (cd_customer_opening_needs_record (fixture->store, theirs));
  g_assert_false (cd_customer_opening_needs_record (fixture->store, no_contact));
  sign_in (fixture, "lead");
  g_assert_false (cd_customer_opening_needs_record (fixture->store, theirs));

  sign_in (fixture, "rep1");
  g_assert_true (cd_customer_record_opening (fixture->store, theirs->id, &error));
  g_assert_no_error (error);
  g_assert_cmpint (count (fixture, "SELECT count(*) FROM audit_log WHERE entity = 'customers' AND action = 'open'"
                                   " AND entity_id = ?", theirs->id), ==, 1);
  g_assert_cmpint (count (fixture, "SELECT staff_id FROM audit_log WHERE action = 'open'", CD_NO_BIND), ==, fixture->rep1_id);
}

static void
test_version (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 id = create (fixture, "Versioned", NULL, NULL, 0);

  g_assert_cmpint (cd_customer_get_version (fixture->store, id, &error), ==, 1);
  g_assert_no_error (error);
  g_assert_true (cd_customer_archive (fixture->store, id, 1, &error));
  g_assert_cmpint (cd_customer_get_version (fixture->store, id, &error), ==, 2);
  g_assert_no_error (error);
  /* Who saved it last, as the conflict dialog says. */
  {
    g_autofree char *who = NULL;
    gint64 at = 0;

    g_assert_true (cd_audit_last_change (fixture->store, CD_CHANGE_CUSTOMERS, id, &who, &at, &error));
    g_assert_no_error (error);
    g_assert_cmpstr (who, ==, "Admin");
    g_assert_cmpint (at, ==, 1714521600);
  }

  g_assert_cmpint (cd_customer_get_version (fixture->store, 4242, &error), ==, 0);
  g_assert_error (error, CD_STORE_ERROR, CD_STORE_ERROR_NOT_FOUND);
}

static void
test_history_changed (Fixture       *fixture,
                      gconstpointer  data)
{
  gint64 mine = create (fixture, "Mine", NULL, NULL, 0);
  gint64 other = create (fixture, "Other", NULL, NULL, 0);
  gint64 my_ticket = add_ticket (fixture, mine, "Mine");
  gint64 their_ticket = add_ticket (fixture, other, "Theirs");
  gint64 my_complaint = add_complaint (fixture, mine, "Mine");
  gint64 their_complaint = add_complaint (fixture, other, "Theirs");
  g_autofree char *mine_text = g_strdup_printf ("%" G_GINT64_FORMAT, my_complaint);
  g_autofree char *theirs_text = g_strdup_printf ("%" G_GINT64_FORMAT, their_complaint);
  g_autofree char *rep = g_strdup_printf ("%" G_GINT64_FORMAT, fixture->rep1_id);
  const CdField my_fields[] = { { "complaint_id", mine_text }, { "due_at", "1714600000" }, { "assignee_id", rep } };
  const CdField their_fields[] = { { "complaint_id", theirs_text }, { "due_at", "1714600000" }, { "assignee_id", rep } };
  gint64 my_followup = add_row (fixture, "followups", my_fields, G_N_ELEMENTS (my_fields));
  gint64 their_followup = add_row (fixture, "followups", their_fields, G_N_ELEMENTS (their_fields));
  g_autoptr(GArray) many = g_array_new (FALSE, FALSE, sizeof (gint64));
  struct {
    const char *kind;
    gint64      id;
    gboolean    expected;
  } cases[] = {
    { CD_CHANGE_TICKETS, my_ticket, TRUE },
    { CD_CHANGE_TICKETS, their_ticket, FALSE },
    { CD_CHANGE_COMPLAINTS, my_complaint, TRUE },
    { CD_CHANGE_COMPLAINTS, their_complaint, FALSE },
    { CD_CHANGE_FOLLOWUPS, my_followup, TRUE },
    { CD_CHANGE_FOLLOWUPS, their_followup, FALSE },
    { CD_CHANGE_STAFF, fixture->rep1_id, FALSE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(CdChange) change = cd_change_new (cases[i].kind, CD_CHANGE_LOCAL, &cases[i].id, 1);

      g_test_message ("%s %" G_GINT64_FORMAT, cases[i].kind, cases[i].id);
      g_assert_cmpint (cd_customer_history_changed (fixture->store, mine, change), ==, cases[i].expected);
    }

  /* All of a kind, or too many to look up: it may well be. */
  {
    g_autoptr(CdChange) all = cd_change_new (CD_CHANGE_TICKETS, CD_CHANGE_EXTERNAL, NULL, 0);
    g_autoptr(CdChange) lots = NULL;

    for (gint64 id = 100000; id < 100100; id++)
      g_array_append_val (many, id);
    lots = cd_change_new (CD_CHANGE_TICKETS, CD_CHANGE_EXTERNAL, (const gint64 *) (gpointer) many->data, many->len);
    g_assert_true (cd_customer_history_changed (fixture->store, mine, all));
    g_assert_true (cd_customer_history_changed (fixture->store, mine, lots));
  }
}

/* Finding a customer ---------------------------------------------------------- */

static GPtrArray *
match (Fixture    *fixture,
       const char *text,
       guint       limit)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *matches = cd_customers_match (fixture->store, text, limit, &error);

  g_assert_no_error (error);
  g_assert_nonnull (matches);
  return matches;
}

#define MATCH(matches, i) ((CdCustomerMatch *) g_ptr_array_index ((matches), (i)))

static void
test_match (Fixture       *fixture,
            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) matches = NULL;
  gint64 zhang, zhao, acme, mobile, archived;

  zhang = create (fixture, "Zhang Wei", "13812345678", NULL, fixture->rep1_id);
  zhao = create (fixture, "zhao li", "13900001111", NULL, 0);
  acme = create (fixture, "Li Lei", "010-6552-1234", NULL, fixture->rep1_id);
  {
    g_autoptr(CdCustomer) c = cd_customer_load (fixture->store, acme, NULL);
    c->organisation = g_strdup ("Zhuhai Acme");
    c->phone2 = g_strdup ("13700009999");
    g_assert_true (cd_customer_update (fixture->store, c, c->version, &error));
    g_assert_no_error (error);
  }
  mobile = create (fixture, "Wang Fang", "13811112222", NULL, 0);
  archived = create (fixture, "Zhang Archived", "13812340000", NULL, 0);
  g_assert_true (cd_customer_archive (fixture->store, archived, 1, &error));

  /* Names by prefix, case aside, by name; then the substring scan
   * (organisation "Zhuhai Acme"); archived customers never. */
  matches = match (fixture, "  zh ", 50);
  g_assert_cmpuint (matches->len, ==, 3);
  g_assert_cmpint (MATCH (matches, 0)->id, ==, zhang);
  g_assert_cmpint (MATCH (matches, 1)->id, ==, zhao);
  g_assert_cmpint (MATCH (matches, 2)->id, ==, acme);
  g_assert_cmpstr (MATCH (matches, 2)->organisation, ==, "Zhuhai Acme");
  g_assert_null (MATCH (matches, 1)->organisation);
  g_clear_pointer (&matches, g_ptr_array_unref);

  /* A number: stored phones by prefix, then the second phone inside. */
  matches = match (fixture, "1381", 50);
  g_assert_cmpuint (matches->len, ==, 2);
  g_assert_cmpint (MATCH (matches, 0)->id, ==, mobile);
  g_assert_cmpint (MATCH (matches, 1)->id, ==, zhang);
  g_clear_pointer (&matches, g_ptr_array_unref);
  matches = match (fixture, "0000999", 50);
  g_assert_cmpuint (matches->len, ==, 1);
  g_assert_cmpint (MATCH (matches, 0)->id, ==, acme);
  g_clear_pointer (&matches, g_ptr_array_unref);

  /* One character looks at prefixes only; % and _ are plain text. */
  matches = match (fixture, "i", 50);
  g_assert_cmpuint (matches->len, ==, 0);
  g_clear_pointer (&matches, g_ptr_array_unref);
  matches = match (fixture, "%_", 50);
  g_assert_cmpuint (matches->len, ==, 0);
  g_clear_pointer (&matches, g_ptr_array_unref);
  matches = match (fixture, "   ", 50);
  g_assert_cmpuint (matches->len, ==, 0);
  g_clear_pointer (&matches, g_ptr_array_unref);

  /* The limit holds, and each customer comes once. */
  matches = match (fixture, "13", 2);
  g_assert_cmpuint (matches->len, ==, 2);
  g_clear_pointer (&matches, g_ptr_array_unref);
  matches = match (fixture, "li", 50);
  g_assert_cmpuint (matches->len, ==, 2);
  g_assert_cmpint (MATCH (matches, 0)->id, ==, acme);
  g_assert_cmpint (MATCH (matches, 1)->id, ==, zhao);
  g_clear_pointer (&matches, g_ptr_array_unref);

  /* A rep sees the numbers of customers they do not own masked. */
  sign_in (fixture, "rep1");
  matches = match (fixture, "1381", 50);
  g_assert_cmpstr (MATCH (matches, 0)->phone, ==, "138****2222");
  g_assert_cmpstr (MATCH (matches, 1)->phone, ==, "13812345678");
  g_assert_cmpint (MATCH (matches, 1)->owner_id, ==, fixture->rep1_id);
}

/* Duplicates ---------------------------------------------------------------- */

static void
assert_ids (GArray *ids,
            guint   n,
            ...)
{
  va_list args;

  g_assert_nonnull (ids);
  g_assert_cmpuint (ids->len, ==, n);
  va_start (args, n);
  for (guint i = 0; i < n; i++)
    g_assert_cmpint (g_array_index (ids, gint64, i), ==, va_arg (args, gint64));
  va_end (args);
  g_array_unref (ids);
}

/* The duplicates of a customer that would have @phone and @email, the
 * way the editor and the import ask (cd_customer_find_duplicates_of()). */
static GArray *
find_duplicates (CdStore     *store,
                 const char  *phone,
                 const char  *email,
                 gint64       exclude_id,
                 GError     **error)
{
  g_autoptr(CdCustomer) probe = cd_customer_new ();

  probe->id = exclude_id;
  probe->phone = g_strdup (phone);
  probe->email = g_strdup (email);
  return cd_customer_find_duplicates_of (store, probe, error);
}

static void
test_duplicates (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 a = create (fixture, "Zhang Wei", "+86 138 1234 5678", "Zhang.Wei@Example.com", 0);
  gint64 b = create (fixture, "Beijing office", "+86 10 6552 1234", NULL, 0);
  gint64 c = create (fixture, "Second phone", NULL, NULL, 0);
  gint64 gone = create (fixture, "Archived", "13900000000", NULL, 0);

  {
    g_autoptr(CdCustomer) cust = cd_customer_load (fixture->store, c, NULL);
    cust->phone2 = g_strdup ("139 1111 2222");
    g_assert_true (cd_customer_update (fixture->store, cust, cust->version, &error));
    g_assert_no_error (error);
  }
  g_assert_true (cd_customer_archive (fixture->store, gone, 1, &error));

  /* The same mobile however it is written; +86 is dropped for Chinese
   * numbers, so the national form matches the international one. */
  assert_ids (find_duplicates (fixture->store, "13812345678", NULL, 0, &error), 1, a);
  assert_ids (find_duplicates (fixture->store, "138-1234-5678", NULL, 0, &error), 1, a);
  assert_ids (find_duplicates (fixture->store, "0086 138 1234 5678", NULL, 0, &error), 1, a);
  assert_ids (find_duplicates (fixture->store, "+86 138 1234 5678", NULL, a, &error), 0);
  /* A landline with and without the country code. */
  assert_ids (find_duplicates (fixture->store, "(010) 6552-1234", NULL, 0, &error), 1, b);
  /* The second phone counts too. */
  assert_ids (find_duplicates (fixture->store, "+86 139 1111 2222", NULL, 0, &error), 1, c);
  /* Email ignoring case. */
  assert_ids (find_duplicates (fixture->store, NULL, "zhang.wei@example.COM", 0, &error), 1, a);
  /* Phone of one and email of another. */
  assert_ids (find_duplicates (fixture->store, "139 1111 2222", "ZHANG.WEI@example.com", 0, &error), 2, a, c);
  /* Archived customers are not duplicates; unknown numbers neither. */
  assert_ids (find_duplicates (fixture->store, "13900000000", NULL, 0, &error), 0);
  assert_ids (find_duplicates (fixture->store, "13700000000", "nobody@example.com", 0, &error), 0);
  g_assert_no_error (error);

  {
    g_autoptr(CdCustomer) fresh = cd_customer_new ();
    fresh->name = g_strdup ("New");
    fresh->phone = g_strdup ("010 6552 1234");
    fresh->phone2 = g_strdup ("+86 13812345678");
    assert_ids (cd_customer_find_duplicates_of (fixture->store, fresh, &error), 2, a, b);
  }
}

/* Merge ----------------------------------------------------------------------- */

static void
test_merge (Fixture       *fixture,
            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CdCustomer) keep = NULL;
  g_autoptr(CdCustomer) merged = NULL;
  gint64 keep_id, merge_id, t1, t2, t3, complaint;

  keep_id = create (fixture, "Zhang Wei", "13812345678", NULL, 0);
  merge_id = create (fixture, "张伟", "+86 139 0000 1111", "zw@example.com", fixture->rep1_id);
  {
    g_autoptr(CdCustomer) m = cd_customer_load (fixture->store, merge_id, NULL);
    g_autoptr(CdCustomer) k = cd_customer_load (fixture->store, keep_id, NULL);
    m->tags = g_strdup ("VIP，Beijing");
    m->organisation = g_strdup ("Acme");
    k->tags = g_strdup ("vip, wholesale");
    k->organisation = g_strdup ("Acme Ltd");
    g_assert_true (cd_customer_update (fixture->store, m, 1, &error));
    g_assert_true (cd_customer_update (fixture->store, k, 1, &error));
    g_assert_no_error (error);
  }
  t1 = add_ticket (fixture, merge_id, "Broken screen");
  t2 = add_ticket (fixture, merge_id, "Refund");
  t3 = add_ticket (fixture, keep_id, "Keep's own");
  complaint = add_complaint (fixture, merge_id, "Rude courier");

  g_assert_false (cd_customers_merge (fixture->store, keep_id, keep_id, &error));
  g_assert_error (error, CD_STORE_ERROR, CD_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (cd_customers_merge (fixture->store, keep_id, 4242, &error));
  g_assert_error (error, CD_STORE_ERROR, CD_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_false (cd_store_in_transaction (fixture->store));

  sign_in (fixture, "rep2");
  g_assert_true (cd_customers_merge (fixture->store, keep_id, merge_id, &error));
  g_assert_no_error (error);

  /* Everything moved. */
  g_assert_cmpint (count (fixture, "SELECT count(*) FROM tickets WHERE customer_id = ?", keep_id), ==, 3);
  g_assert_cmpint (count (fixture, "SELECT count(*) FROM tickets WHERE customer_id = ?", merge_id), ==, 0);
  g_assert_cmpint (count (fixture, "SELECT customer_id FROM complaints WHERE id = ?", complaint), ==, keep_id);
  g_assert_cmpint (count (fixture, "SELECT version FROM tickets WHERE id = ?", t1), ==, 2);
  g_assert_cmpint (count (fixture, "SELECT version FROM tickets WHERE id = ?", t3), ==, 1);

  /* Empty fields filled, the other phone kept, tags joined. */
  keep = cd_customer_load (fixture->store, keep_id, NULL);
  g_assert_cmpstr (keep->name, ==, "Zhang Wei");
  g_assert_cmpstr (keep->organisation, ==, "Acme Ltd");
  g_assert_cmpstr (keep->email, ==, "zw@example.com");
  g_assert_cmpstr (keep->phone, ==, "13812345678");
  g_assert_cmpstr (keep->phone2, ==, "13900001111");
  g_assert_cmpstr (keep->tags, ==, "vip, wholesale, Beijing");
  /* A rep's merge does not hand the merged record's owner over (see
   * /core/customers/owner/merge). */
  g_assert_cmpint (keep->owner_id, ==, 0);
  merged = cd_customer_load (fixture->store, merge_id, NULL);
  g_assert_true (merged->archived);

  /* Audited, in the merge's name. */
  g_assert_cmpint (count (fixture, "SELECT count(*) FROM audit_log WHERE entity = 'tickets' AND action = 'merge' AND field = 'customer_id' AND entity_id = ?", t1), ==, 1);
  g_assert_cmpint (count (fixture, "SELECT count(*) FROM audit_log WHERE entity = 'tickets' AND action = 'merge'", CD_NO_BIND), ==, 2);
  g_assert_cmpint (count (fixture, "SELECT count(*) FROM audit_log WHERE entity = 'tickets' AND action = 'merge' AND entity_id = ?", t2), ==, 1);
  g_assert_cmpint (count (fixture, "SELECT count(*) FROM audit_log WHERE entity = 'complaints' AND action = 'merge' AND entity_id = ?", complaint), ==, 1);
  g_assert_cmpint (count (fixture, "SELECT count(*) FROM audit_log WHERE entity = 'customers' AND action = 'merge'", CD_NO_BIND), ==, 2);
  g_assert_cmpint (count (fixture, "SELECT count(*) FROM audit_log WHERE entity = 'customers' AND entity_id = ? AND field = 'archived'", merge_id), ==, 1);
  g_assert_cmpint (count (fixture, "SELECT count(DISTINCT staff_id) FROM audit_log WHERE action = 'merge'", CD_NO_BIND), ==, 1);
  g_assert_cmpint (count (fixture, "SELECT staff_id FROM audit_log WHERE action = 'merge' LIMIT 1", CD_NO_BIND), ==, fixture->rep2_id);

  /* No longer a duplicate of anything. */
  assert_ids (find_duplicates (fixture->store, "zw@example.com", "zw@example.com", keep_id, &error), 0);
}

static void
on_changed_cb (CdStore   *store,
               CdChange  *change,
               GPtrArray *changes)
{
  g_ptr_array_add (changes, cd_change_ref (change));
}

static CdChange *
find_change (GPtrArray  *changes,
             const char *kind)
{
  for (guint i = 0; i < changes->len; i++)
    if (g_str_equal (cd_change_get_kind (g_ptr_array_index (changes, i)), kind))
      return g_ptr_array_index (changes, i);
  return NULL;
}

/* The rows a merge moves are reported with its commit, as changes of
 * their own kinds, so that a page showing one of them follows. */
static void
test_merge_reports_changes (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) changes = g_ptr_array_new_with_free_func ((GDestroyNotify) cd_change_unref);
  gint64 keep_id = create (fixture, "Keep", NULL, NULL, 0);
  gint64 merge_id = create (fixture, "Merge", NULL, "m@example.com", 0);
  gint64 ticket = add_ticket (fixture, merge_id, "One");
  gint64 other = add_ticket (fixture, keep_id, "Keep's own");
  gint64 complaint = add_complaint (fixture, merge_id, "Late");
  CdChange *change;
  gulong handler;

  handler = g_signal_connect (fixture->store, "changed", G_CALLBACK (on_changed_cb), changes);
  g_assert_true (cd_customers_merge (fixture->store, keep_id, merge_id, &error));
  g_assert_no_error (error);
  g_signal_handler_disconnect (fixture->store, handler);

  change = find_change (changes, CD_CHANGE_TICKETS);
  g_assert_nonnull (change);
  g_assert_false (cd_change_is_all (change));
  g_assert_true (cd_change_has_id (change, ticket));
  g_assert_false (cd_change_has_id (change, other));
  change = find_change (changes, CD_CHANGE_COMPLAINTS);
  g_assert_nonnull (change);
  g_assert_true (cd_change_has_id (change, complaint));
  change = find_change (changes, CD_CHANGE_CUSTOMERS);
  g_assert_nonnull (change);
  g_assert_true (cd_change_has_id (change, keep_id));
  g_assert_true (cd_change_has_id (change, merge_id));
  g_assert_cmpint (cd_change_get_origin (change), ==, CD_CHANGE_LOCAL);
}

static void
test_merge_rolls_back (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 keep_id = create (fixture, "Keep", NULL, NULL, 0);
  gint64 merge_id = create (fixture, "Merge", NULL, "m@example.com", 0);

  add_ticket (fixture, merge_id, "One");
  /* Make the last step (archiving) fail: nothing before it may stay. */
  g_assert_true (cd_store_exec (fixture->store,
                                "CREATE TRIGGER no_archive BEFORE UPDATE OF archived ON customers"
                                " BEGIN SELECT RAISE(ABORT, 'not now'); END", &error));
  g_assert_false (cd_customers_merge (fixture->store, keep_id, merge_id, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  g_assert_false (cd_store_in_transaction (fixture->store));
  g_assert_cmpint (count (fixture, "SELECT count(*) FROM tickets WHERE customer_id = ?", merge_id), ==, 1);
  g_assert_cmpint (count (fixture, "SELECT count(*) FROM audit_log WHERE action = 'merge'", CD_NO_BIND), ==, 0);
  g_assert_cmpint (count (fixture, "SELECT count(*) FROM customers WHERE id = ? AND email IS NULL", keep_id), ==, 1);
}

/* History --------------------------------------------------------------------- */

static void
test_history (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) events = NULL;
  gint64 id, other, t1, t2, complaint, followup;
  gint64 base = 1714521600;

  id = create (fixture, "History", NULL, NULL, 0);
  other = create (fixture, "Someone else", NULL, NULL, 0);

  cd_store_set_now (fixture->store, base + 100);
  t1 = add_ticket (fixture, id, "First question");
  cd_store_set_now (fixture->store, base + 200);
  t2 = add_ticket (fixture, id, "Second question");
  add_ticket (fixture, other, "Not theirs");
  {
    const CdField resolved[] = { { "status", "resolved" }, { "resolved_at", "1714521900" },
                                 { "satisfaction", "4" } };
    g_assert_true (cd_store_update (fixture->store, "tickets", t1, 0, resolved, G_N_ELEMENTS (resolved), &error));
    g_assert_no_error (error);
  }
  cd_store_set_now (fixture->store, base + 400);
  complaint = add_complaint (fixture, id, "Late delivery");
  {
    g_autofree char *cid = g_strdup_printf ("%" G_GINT64_FORMAT, complaint);
    g_autofree char *staff = g_strdup_printf ("%" G_GINT64_FORMAT, fixture->rep1_id);
    const CdField fields[] = { { "complaint_id", cid }, { "due_at", "1714522500" }, { "assignee_id", staff },
                               { "status", "done" }, { "outcome", "satisfied" }, { "satisfaction", "5" },
                               { "done_at", "1714522600" } };
    followup = add_row (fixture, "followups", fields, G_N_ELEMENTS (fields));
  }

  events = cd_customer_history (fixture->store, id, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (events->len, ==, 7);

  {
    const struct { CdHistoryKind kind; gint64 at; const char *entity; gint64 id; int score; } want[] = {
      { CD_HISTORY_SATISFACTION, base + 1000, "followups", followup, 5 },
      { CD_HISTORY_FOLLOWUP, base + 1000, "followups", followup, 0 },
      { CD_HISTORY_COMPLAINT_RECEIVED, base + 400, "complaints", complaint, 0 },
      { CD_HISTORY_SATISFACTION, base + 300, "tickets", t1, 4 },
      { CD_HISTORY_TICKET_RESOLVED, base + 300, "tickets", t1, 0 },
      { CD_HISTORY_TICKET_CREATED, base + 200, "tickets", t2, 0 },
      { CD_HISTORY_TICKET_CREATED, base + 100, "tickets", t1, 0 },
    };
    for (guint i = 0; i < G_N_ELEMENTS (want); i++)
      {
        CdHistoryEvent *event = g_ptr_array_index (events, i);
        g_assert_cmpint (event->kind, ==, want[i].kind);
        g_assert_cmpint (event->at, ==, want[i].at);
        g_assert_cmpstr (event->entity, ==, want[i].entity);
        g_assert_cmpint (event->id, ==, want[i].id);
        g_assert_cmpint (event->score, ==, want[i].score);
      }
    g_assert_cmpstr (((CdHistoryEvent *) g_ptr_array_index (events, 1))->title, ==, "Late delivery");
    g_assert_cmpstr (((CdHistoryEvent *) g_ptr_array_index (events, 1))->detail, ==, "satisfied");
    g_assert_cmpint (((CdHistoryEvent *) g_ptr_array_index (events, 1))->parent_id, ==, complaint);
    g_assert_cmpstr (((CdHistoryEvent *) g_ptr_array_index (events, 6))->title, ==, "First question");
  }

  g_clear_pointer (&events, g_ptr_array_unref);
  events = cd_customer_history (fixture->store, id, 2, &error);
  g_assert_cmpuint (events->len, ==, 2);
  g_clear_pointer (&events, g_ptr_array_unref);
  events = cd_customer_history (fixture->store, 12345, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (events->len, ==, 0);
}

/* The list ------------------------------------------------------------------------ */

static GArray *
list_ids (CdRowModel *model)
{
  GArray *ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (model)); i++)
    {
      gint64 id = cd_row_model_get_id (model, i);
      g_array_append_val (ids, id);
    }
  return ids;
}

static void
set_text (CdCustomerFilter *filter,
          const char       *text)
{
  g_free (filter->text);
  filter->text = g_strdup (text);
}

static void
count_changes_cb (GListModel *model,
                  guint       position,
                  guint       removed,
                  guint       added,
                  guint      *n)
{
  (*n)++;
}

static void
test_list_filters (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(CdRowModel) model = NULL;
  g_autoptr(GError) error = NULL;
  CdCustomerFilter filter;
  gint64 zhang, zhao, acme, beijing, archived;
  guint n_changes = 0;

  zhang = create (fixture, "zhang Wei", "+86 138 1234 5678", "zw@example.com", fixture->rep1_id);
  zhao = create (fixture, "Zhao Min", "13900001111", "min@shop.cn", fixture->rep2_id);
  acme = create (fixture, "Acme 100% Ltd_", "+44 20 7946 0958", "buyer@acme.co.uk", 0);
  beijing = create (fixture, "北京办公室", "010 6552 1234", NULL, fixture->rep1_id);
  archived = create (fixture, "Zhang Archived", NULL, NULL, 0);
  g_assert_true (cd_customer_archive (fixture->store, archived, 1, &error));
  {
    g_autoptr(CdCustomer) c = cd_customer_load (fixture->store, zhao, NULL);
    c->tier = CD_TIER_CORE;
    c->organisation = g_strdup ("Zebra Stores");
    g_assert_true (cd_customer_update (fixture->store, c, c->version, &error));
  }

  cd_customer_filter_init (&filter);
  model = cd_customers_list_new (fixture->store, &filter);
  g_signal_connect (model, "items-changed", G_CALLBACK (count_changes_cb), &n_changes);
  assert_ids (list_ids (model), 4, acme, zhang, zhao, beijing);

  /* Prefix, any case, on name, organisation, email or phone. */
  set_text (&filter, "ZH");
  cd_customers_list_set_filter (model, &filter);
  g_assert_cmpuint (n_changes, ==, 1);
  assert_ids (list_ids (model), 2, zhang, zhao);
  set_text (&filter, "zeb");
  cd_customers_list_set_filter (model, &filter);
  assert_ids (list_ids (model), 1, zhao);
  set_text (&filter, "buyer@");
  cd_customers_list_set_filter (model, &filter);
  assert_ids (list_ids (model), 1, acme);
  set_text (&filter, "北京");
  cd_customers_list_set_filter (model, &filter);
  assert_ids (list_ids (model), 1, beijing);
  set_text (&filter, "+86 138 12");
  cd_customers_list_set_filter (model, &filter);
  assert_ids (list_ids (model), 1, zhang);
  set_text (&filter, "010-6552");
  cd_customers_list_set_filter (model, &filter);
  assert_ids (list_ids (model), 1, beijing);
  /* LIKE wildcards are plain characters here. */
  set_text (&filter, "Acme 100%");
  cd_customers_list_set_filter (model, &filter);
  assert_ids (list_ids (model), 1, acme);
  set_text (&filter, "Acme 1_0");
  cd_customers_list_set_filter (model, &filter);
  assert_ids (list_ids (model), 0);
  set_text (&filter, "  ");
  cd_customers_list_set_filter (model, &filter);
  assert_ids (list_ids (model), 4, acme, zhang, zhao, beijing);

  /* Tier, owner, archived. */
  filter.tier = CD_TIER_CORE;
  cd_customers_list_set_filter (model, &filter);
  assert_ids (list_ids (model), 1, zhao);
  filter.tier = -1;
  filter.owner_id = fixture->rep1_id;
  cd_customers_list_set_filter (model, &filter);
  assert_ids (list_ids (model), 2, zhang, beijing);
  filter.owner_id = CD_CUSTOMER_OWNER_NONE;
  cd_customers_list_set_filter (model, &filter);
  assert_ids (list_ids (model), 1, acme);
  filter.owner_id = CD_CUSTOMER_OWNER_ANY;
  filter.archived = CD_ARCHIVED_ONLY;
  cd_customers_list_set_filter (model, &filter);
  assert_ids (list_ids (model), 1, archived);
  filter.archived = CD_ARCHIVED_SHOW;
  set_text (&filter, "zhang");
  cd_customers_list_set_filter (model, &filter);
  assert_ids (list_ids (model), 2, archived, zhang);

  /* Sorting, both ways. */
  set_text (&filter, NULL);
  filter.archived = CD_ARCHIVED_HIDE;
  filter.sort_column = g_strdup ("phone");
  cd_customers_list_set_filter (model, &filter);
  assert_ids (list_ids (model), 4, acme, beijing, zhang, zhao);
  filter.sort_descending = TRUE;
  cd_customers_list_set_filter (model, &filter);
  assert_ids (list_ids (model), 4, zhao, zhang, beijing, acme);
  g_free (filter.sort_column);
  filter.sort_column = g_strdup ("owner");
  filter.sort_descending = FALSE;
  cd_customers_list_set_filter (model, &filter);
  assert_ids (list_ids (model), 4, acme, zhang, beijing, zhao);
  g_assert_cmpstr (cd_row_model_get_sort_column (model), ==, "owner");

  {
    g_autoptr(CdRow) row = g_list_model_get_item (G_LIST_MODEL (model), 1);
    g_assert_cmpstr (cd_row_get_value (row, CD_CUSTOMER_COL_OWNER), ==, "Li Na");
    g_assert_cmpstr (cd_row_get_value (row, CD_CUSTOMER_COL_TIER), ==, "general");
    g_assert_cmpstr (cd_row_get_value (row, CD_CUSTOMER_COL_ARCHIVED), ==, "0");
  }

  cd_customer_filter_clear (&filter);
}

/* Account owners -------------------------------------------------------- */

static void
test_owner_change (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CdCustomer) customer = NULL;
  g_autoptr(GPtrArray) open = NULL;
  g_autoptr(CdOwnerRequest) request = NULL;
  gint64 id = create (fixture, "Chen Jie", "13800138000", "chen@example.com", 0);
  gint64 other = create (fixture, "Zhou Min", NULL, NULL, fixture->rep2_id);
  gint64 first, second, replaced, wang;

  /* A rep saving themselves as owner: refused, nothing saved. */
  sign_in (fixture, "rep1");
  g_assert_false (cd_customer_may_change_owner (fixture->store));
  customer = cd_customer_load (fixture->store, id, &error);
  g_assert_no_error (error);
  customer->owner_id = fixture->rep1_id;
  g_free (customer->notes);
  customer->notes = g_strdup ("Mine now");
  g_assert_false (cd_customer_update (fixture->store, customer, customer->version, &error));
  g_assert_error (error, CD_STORE_ERROR, CD_STORE_ERROR_PERMISSION);
  g_assert_nonnull (strstr (error->message, "team lead"));
  g_clear_error (&error);
  g_assert_false (cd_store_in_transaction (fixture->store));
  g_assert_cmpint (count (fixture, "SELECT count(*) FROM customers WHERE id = ? AND owner_id IS NULL"
                                   " AND notes IS NULL AND version = 1", id), ==, 1);
  /* Nor away from its owner. */
  {
    g_autoptr(CdCustomer) theirs = cd_customer_load (fixture->store, other, &error);
    theirs->owner_id = 0;
    g_assert_false (cd_customer_update (fixture->store, theirs, theirs->version, &error));
    g_assert_error (error, CD_STORE_ERROR, CD_STORE_ERROR_PERMISSION);
    g_clear_error (&error);
  }
  /* Other fields, owner as it was: saved. */
  customer->owner_id = 0;
  g_assert_true (cd_customer_update (fixture->store, customer, customer->version, &error));
  g_assert_no_error (error);

  /* A rep asks; asking again replaces the open request. */
  first = cd_owner_request_create (fixture->store, id, fixture->rep1_id, "I look after them", &error);
  g_assert_no_error (error);
  replaced = cd_owner_request_create (fixture->store, id, fixture->rep1_id,
                                      "我一直负责这家客户 😀 \"quoted\"", &error);
  g_assert_no_error (error);
  g_assert_cmpint (replaced, !=, first);
  open = cd_owner_requests_for_customer (fixture->store, id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (open->len, ==, 1);
  request = cd_owner_request_load (fixture->store, replaced, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (request->reason, ==, "我一直负责这家客户 😀 \"quoted\"");
  g_assert_cmpstr (request->requester_name, ==, "Li Na");
  g_assert_cmpstr (request->owner_name, ==, "Li Na");
  g_assert_cmpstr (request->customer_name, ==, "Chen Jie");
  g_assert_cmpint (request->status, ==, CD_OWNER_REQUEST_OPEN);
  g_clear_pointer (&request, cd_owner_request_free);
  g_assert_cmpint (count (fixture, "SELECT count(*) FROM customer_owner_requests WHERE id = ? AND status = 'withdrawn'",
                          first), ==, 1);

  /* Wrong asks, in words. */
  g_assert_cmpint (cd_owner_request_create (fixture->store, other, fixture->rep2_id, NULL, &error), ==, 0);
  g_assert_error (error, CD_STORE_ERROR, CD_STORE_ERROR_INVALID);
  g_clear_error (&error);
  {
    g_autofree char *long_reason = g_strnfill (1001, 'x');
    g_assert_cmpint (cd_owner_request_create (fixture->store, other, fixture->rep1_id, long_reason, &error), ==, 0);
    g_assert_error (error, CD_STORE_ERROR, CD_STORE_ERROR_INVALID);
    g_clear_error (&error);
  }
  g_assert_cmpint (cd_owner_request_create (fixture->store, 99999, fixture->rep1_id, NULL, &error), ==, 0);
  g_assert_error (error, CD_STORE_ERROR, CD_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* A rep does not decide, even their own request. */
  g_assert_false (cd_owner_request_decide (fixture->store, replaced, 0, TRUE, &error));
  g_assert_error (error, CD_STORE_ERROR, CD_STORE_ERROR_PERMISSION);
  g_clear_error (&error);

  /* A second person asks for themselves. */
  sign_in (fixture, "rep2");
  wang = cd_owner_request_create (fixture->store, id, fixture->rep2_id, NULL, &error);
  g_assert_no_error (error);
  /* …and may not withdraw someone else's. */
  g_assert_false (cd_owner_request_withdraw (fixture->store, replaced, 0, &error));
  g_assert_error (error, CD_STORE_ERROR, CD_STORE_ERROR_PERMISSION);
  g_clear_error (&error);

  /* The lead approves the first: the owner changes, the other request is
   * declined, all in the audit log. */
  sign_in (fixture, "lead");
  g_assert_true (cd_customer_may_change_owner (fixture->store));
  g_clear_pointer (&open, g_ptr_array_unref);
  open = cd_owner_requests_open (fixture->store, &error);
  g_assert_cmpuint (open->len, ==, 2);
  g_assert_false (cd_owner_request_decide (fixture->store, replaced, 99, TRUE, &error));
  g_assert_error (error, CD_STORE_ERROR, CD_STORE_ERROR_STALE);
  g_clear_error (&error);
  g_assert_true (cd_owner_request_decide (fixture->store, replaced, 1, TRUE, &error));
  g_assert_no_error (error);
  g_assert_cmpint (count (fixture, "SELECT owner_id FROM customers WHERE id = ?", id), ==, fixture->rep1_id);
  g_assert_cmpint (count (fixture, "SELECT count(*) FROM customer_owner_requests WHERE id = ? AND status = 'declined'",
                          wang), ==, 1);
  g_assert_cmpint (count (fixture, "SELECT count(*) FROM audit_log WHERE entity = 'customers' AND field = 'owner_id'"
                                   " AND entity_id = ?", id), ==, 1);
  request = cd_owner_request_load (fixture->store, replaced, &error);
  g_assert_cmpint (request->status, ==, CD_OWNER_REQUEST_APPROVED);
  g_assert_cmpstr (request->decider_name, ==, "Zhao Lei");
  g_assert_cmpint (request->decided_at, ==, 1714521600);
  g_clear_pointer (&request, cd_owner_request_free);
  /* Deciding again: it was decided already. */
  g_assert_false (cd_owner_request_decide (fixture->store, wang, 0, TRUE, &error));
  g_assert_error (error, CD_STORE_ERROR, CD_STORE_ERROR_STALE);
  g_assert_nonnull (strstr (error->message, "Zhao Lei"));
  g_clear_error (&error);

  /* The lead changes owners directly, too. */
  g_clear_pointer (&customer, cd_customer_free);
  customer = cd_customer_load (fixture->store, id, &error);
  customer->owner_id = fixture->rep2_id;
  g_assert_true (cd_customer_update (fixture->store, customer, customer->version, &error));
  g_assert_no_error (error);

  /* Declining leaves the owner; withdrawing is the asker's. */
  sign_in (fixture, "rep1");
  second = cd_owner_request_create (fixture->store, id, 0, "Nobody should own them", &error);
  g_assert_no_error (error);
  g_assert_true (cd_owner_request_withdraw (fixture->store, second, 1, &error));
  g_assert_no_error (error);
  second = cd_owner_request_create (fixture->store, id, fixture->rep1_id, NULL, &error);
  sign_in (fixture, "admin");
  g_assert_true (cd_owner_request_decide (fixture->store, second, 0, FALSE, &error));
  g_assert_no_error (error);
  g_assert_cmpint (count (fixture, "SELECT owner_id FROM customers WHERE id = ?", id), ==, fixture->rep2_id);
}

/* A rep cannot become a customer's owner by merging a record of their
 * own into it; a lead's merge keeps the owner. Open requests about the
 * merged record are withdrawn. */
static void
test_owner_merge (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 target = create (fixture, "Chen Jie", "13800138000", NULL, 0);
  gint64 mine, request;

  sign_in (fixture, "rep1");
  mine = create (fixture, "Chen Jie (dup)", "13900139000", NULL, fixture->rep1_id);
  request = cd_owner_request_create (fixture->store, mine, fixture->rep2_id, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (cd_customers_merge (fixture->store, target, mine, &error));
  g_assert_no_error (error);
  g_assert_cmpint (count (fixture, "SELECT count(*) FROM customers WHERE id = ? AND owner_id IS NULL", target), ==, 1);
  g_assert_cmpint (count (fixture, "SELECT count(*) FROM customer_owner_requests WHERE id = ? AND status = 'withdrawn'",
                          request), ==, 1);

  sign_in (fixture, "lead");
  mine = create (fixture, "Chen Jie (again)", NULL, NULL, fixture->rep1_id);
  g_assert_true (cd_customers_merge (fixture->store, target, mine, &error));
  g_assert_no_error (error);
  g_assert_cmpint (count (fixture, "SELECT owner_id FROM customers WHERE id = ?", target), ==, fixture->rep1_id);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  g_test_add_func ("/core/customers/validate/messages", test_validate_messages);
  g_test_add_func ("/core/customers/validate/phone-key", test_phone_key);
  ADD ("/core/customers/create-update-stale", test_create_update_stale);
  ADD ("/core/customers/archive", test_archive);
  ADD ("/core/customers/delete/permission", test_delete_permission);
  ADD ("/core/customers/masking", test_masking);
  ADD ("/core/customers/owner/change", test_owner_change);
  ADD ("/core/customers/owner/merge", test_owner_merge);
  ADD ("/core/customers/opening-record", test_opening_record);
  ADD ("/core/customers/version", test_version);
  ADD ("/core/customers/match", test_match);
  ADD ("/core/customers/duplicates", test_duplicates);
  ADD ("/core/customers/merge", test_merge);
  ADD ("/core/customers/merge/rolls-back", test_merge_rolls_back);
  ADD ("/core/customers/merge/reports-changes", test_merge_reports_changes);
  ADD ("/core/customers/history", test_history);
  ADD ("/core/customers/history/changed", test_history_changed);
  ADD ("/core/customers/list/filters", test_list_filters);

  return g_test_run ();
}
