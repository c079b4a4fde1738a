/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "caredesk-test-categories"

#include "config.h"

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <string.h>

#include "cd-certifications.h"
#include "cd-staff.h"
#include "cd-store.h"
#include "cd-store-private.h"
#include "cd-tickets.h"

/* The list of ticket categories, as team leads keep it. */

typedef struct {
  char    *dir;
  char    *path;
  CdStore *store;   /* the administrator */
  CdStore *lead;
  CdStore *rep;
  CdStore *trainer;
  gint64   customer;
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
  const CdField customer[] = { { "name", "Acme" } };

  f->dir = g_dir_make_tmp ("caredesk-categories-XXXXXX", &error);
  g_assert_no_error (error);
  f->path = g_build_filename (f->dir, "team.caredesk", NULL);
  f->store = open_as (f->path, "admin");
  cd_staff_add (f->store, "lead", "Li Na", CD_ROLE_LEAD, &error);
  g_assert_no_error (error);
  cd_staff_add (f->store, "rep", "Wang Wei", CD_ROLE_REP, &error);
  g_assert_no_error (error);
  cd_staff_add (f->store, "trainer", "Zhao Min", CD_ROLE_TRAINER, &error);
  g_assert_no_error (error);
  f->lead = open_as (f->path, "lead");
  f->rep = open_as (f->path, "rep");
  f->trainer = open_as (f->path, "trainer");
  f->customer = cd_store_insert (f->store, "customers", customer, 1, &error);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GDir) dir = NULL;
  const char *name;

  g_clear_object (&f->store);
  g_clear_object (&f->lead);
  g_clear_object (&f->rep);
  g_clear_object (&f->trainer);
  dir = g_dir_open (f->dir, 0, NULL);
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *file = g_build_filename (f->dir, name, NULL);
      g_unlink (file);
    }
  g_assert_cmpint (g_rmdir (f->dir), ==, 0);
  g_free (f->path);
  g_free (f->dir);
}

static CdTicketCategory *
find (CdStore *store,
      gint64   id)
{
  g_autoptr(GPtrArray) all = cd_ticket_categories_list (store, NULL);

  g_assert_nonnull (all);
  for (guint i = 0; i < all->len; i++)
    {
      CdTicketCategory *category = g_ptr_array_index (all, i);

      if (category->id == id)
        {
          CdTicketCategory *copy = g_new0 (CdTicketCategory, 1);

          *copy = *category;
          copy->name = g_strdup (category->name);
          return copy;
        }
    }
  return NULL;
}

static void
test_add_rename (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CdTicketCategory) billing = NULL;
  g_autoptr(CdTicketCategory) renamed = NULL;
  g_autofree char *long_name = g_strnfill (CD_TICKET_CATEGORY_NAME_MAX_CHARS + 1, 'x');
  gint64 id, other;

  id = cd_ticket_category_add (f->lead, "  Billing ", &error);
  g_assert_no_error (error);
  billing = find (f->store, id);
  g_assert_cmpstr (billing->name, ==, "Billing");
  g_assert_false (billing->retired);
  g_assert_cmpint (cd_store_query_int (f->store,
                                       "SELECT count(*) FROM audit_log WHERE entity = 'ticket_categories'"
                                       " AND entity_id = ?1 AND action = 'create'", id, 0, NULL), ==, 1);

  /* Names are unique whatever the case. */
  g_assert_cmpint (cd_ticket_category_add (f->lead, "BILLING", &error), ==, 0);
  g_assert_error (error, CD_STORE_ERROR, CD_STORE_ERROR_INVALID);
  g_clear_error (&error);
  other = cd_ticket_category_add (f->store, "网络故障 “Network”", &error);
  g_assert_no_error (error);
  g_assert_false (cd_ticket_category_rename (f->lead, other, 0, "billing", &error));
  g_assert_error (error, CD_STORE_ERROR, CD_STORE_ERROR_INVALID);
  g_clear_error (&error);

  /* Bad names say why. */
  g_assert_cmpint (cd_ticket_category_add (f->lead, " ", &error), ==, 0);
  g_assert_error (error, CD_STORE_ERROR, CD_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpint (cd_ticket_category_add (f->lead, long_name, &error), ==, 0);
  g_assert_error (error, CD_STORE_ERROR, CD_STORE_ERROR_INVALID);
  g_clear_error (&error);

  /* Renaming keeps the tickets with their category, and says so in the
   * version: someone who saw the old name is told. */
  g_assert_true (cd_ticket_category_rename (f->lead, id, billing->version, "Billing & invoices", &error));
  g_assert_no_error (error);
  renamed = find (f->store, id);
  g_assert_cmpstr (renamed->name, ==, "Billing & invoices");
  g_assert_false (cd_ticket_category_rename (f->lead, id, billing->version, "Invoices", &error));
  g_assert_error (error, CD_STORE_ERROR, CD_STORE_ERROR_STALE);
}

static void
test_permissions (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 id = cd_ticket_category_add (f->store, "Billing", &error);

  g_assert_no_error (error);
  g_assert_cmpint (cd_ticket_category_add (f->rep, "Network", &error), ==, 0);
  g_assert_error (error, CD_STORE_ERROR, CD_STORE_ERROR_PERMISSION);
  g_clear_error (&error);
  g_assert_false (cd_ticket_category_rename (f->rep, id, 0, "Money", &error));
  g_assert_error (error, CD_STORE_ERROR, CD_STORE_ERROR_PERMISSION);
  g_clear_error (&error);
  g_assert_false (cd_ticket_category_set_retired (f->rep, id, 0, TRUE, &error));
  g_assert_error (error, CD_STORE_ERROR, CD_STORE_ERROR_PERMISSION);
  g_clear_error (&error);
  g_assert_cmpint (cd_store_query_int (f->store, "SELECT count(*) FROM ticket_categories", CD_NO_BIND, 0, NULL),
                   ==, 1);
}

/* A retired category is not used for new tickets; the tickets that have
 * it keep it, also when edited; it can come back. */
static void
test_retire (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CdTicket) ticket = NULL;
  g_autoptr(CdTicketCategory) retired = NULL;
  gint64 id, ticket_id, n_all = 0, n_open = 0;

  id = cd_ticket_category_add (f->lead, "Fax machines", &error);
  g_assert_no_error (error);
  ticket_id = cd_ticket_create (f->rep, f->customer, "Fax jammed", NULL, CD_CHANNEL_PHONE, id,
                                CD_PRIORITY_NORMAL, 0, &error);
  g_assert_no_error (error);
  g_assert_true (cd_ticket_category_count_tickets (f->lead, id, &n_all, &n_open, &error));
  g_assert_cmpint (n_all, ==, 1);
  g_assert_cmpint (n_open, ==, 1);

  g_assert_true (cd_ticket_category_set_retired (f->lead, id, 0, TRUE, &error));
  g_assert_no_error (error);
  retired = find (f->store, id);
  g_assert_true (retired->retired);

  /* No new ticket with it... */
  g_assert_cmpint (cd_ticket_create (f->rep, f->customer, "Fax again", NULL, CD_CHANNEL_PHONE, id,
                                     CD_PRIORITY_NORMAL, 0, &error), ==, 0);
  g_assert_error (error, CD_STORE_ERROR, CD_STORE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "retired"));
  g_clear_error (&error);

  /* ... but the old one keeps it when edited. */
  ticket = cd_ticket_load (f->rep, ticket_id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (ticket->category_name, ==, "Fax machines");
  g_assert_true (cd_ticket_update (f->rep, ticket_id, ticket->version, "Fax jammed twice", NULL,
                                   CD_CHANNEL_PHONE, id, CD_PRIORITY_NORMAL, &error));
  g_assert_no_error (error);

  /* A ticket without it cannot be moved to it. */
  {
    g_autoptr(CdTicket) other = NULL;
    gint64 other_id = cd_ticket_create (f->rep, f->customer, "Printer", NULL, CD_CHANNEL_PHONE, 0,
                                        CD_PRIORITY_NORMAL, 0, &error);

    g_assert_no_error (error);
    other = cd_ticket_load (f->rep, other_id, &error);
    g_assert_false (cd_ticket_update (f->rep, other_id, other->version, "Printer", NULL,
                                      CD_CHANNEL_PHONE, id, CD_PRIORITY_NORMAL, &error));
    g_assert_error (error, CD_STORE_ERROR, CD_STORE_ERROR_INVALID);
    g_clear_error (&error);
  }

  /* Retiring twice changes nothing; bringing it back makes it usable. */
  g_assert_true (cd_ticket_category_set_retired (f->lead, id, 0, TRUE, &error));
  g_assert_no_error (error);
  g_assert_cmpint (cd_ticket_category_add (f->lead, "fax machines", &error), ==, 0);
  g_assert_error (error, CD_STORE_ERROR, CD_STORE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "retired"));
  g_clear_error (&error);
  g_assert_true (cd_ticket_category_set_retired (f->lead, id, 0, FALSE, &error));
  g_assert_no_error (error);
  g_assert_cmpint (cd_ticket_create (f->rep, f->customer, "Fax again", NULL, CD_CHANNEL_PHONE, id,
                                     CD_PRIORITY_NORMAL, 0, &error), >, 0);
  g_assert_no_error (error);
  g_assert_cmpint (cd_store_query_int (f->store,
                                       "SELECT count(*) FROM audit_log WHERE entity = 'ticket_categories'"
                                       " AND entity_id = ?1 AND field = 'retired_at'", id, 0, NULL), ==, 2);
}

static gint64
add_certification (CdStore    *store,
                   const char *name,
                   gint64      category_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CdCertification) c = cd_certification_new ();
  gint64 id;

  c->name = g_strdup (name);
  if (category_id != 0)
    g_array_append_val (c->category_ids, category_id);
  id = cd_certification_create (store, c, &error);
  g_assert_no_error (error);
  return id;
}

static gint64
required_certification (CdStore *store,
                        gint64   category_id)
{
  g_autoptr(CdTicketCategory) category = find (store, category_id);

  if (category == NULL)
    g_error ("No category %" G_GINT64_FORMAT, category_id);
  return category->required_certification_id;
}

static gint64
count_links (CdStore *store,
             gint64   category_id)
{
  return cd_store_query_int (store, "SELECT count(*) FROM certification_categories WHERE category_id = ?1",
                             category_id, -1, NULL);
}

/* Leads choose the certification a category requires, from the category:
 * it replaces what the training records linked, is audited on both
 * sides, and decides who qualifies for its tickets. */
static void
test_required_certification (Fixture       *f,
                             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CdTicketCategory) before = NULL;
  g_autoptr(CdTicketCategory) after = NULL;
  g_autofree char *names = NULL;
  gint64 category, network, billing, privacy, archived, audits, rep_id;

  category = cd_ticket_category_add (f->lead, "网络 “Network”", &error);
  g_assert_no_error (error);
  network = add_certification (f->store, "Network support", category);
  billing = add_certification (f->store, "Billing", category);
  privacy = add_certification (f->store, "Data privacy", 0);
  archived = add_certification (f->store, "Old fax course", 0);
  g_assert_true (cd_certification_set_archived (f->store, archived, 0, TRUE, &error));
  g_assert_no_error (error);

  /* Two linked by the training records: the list names the first by name. */
  g_assert_cmpint (count_links (f->store, category), ==, 2);
  g_assert_cmpint (required_certification (f->rep, category), ==, billing);
  before = find (f->lead, category);

  /* Reps and trainers may not; nothing is written. */
  audits = cd_store_query_int (f->store, "SELECT count(*) FROM audit_log", CD_NO_BIND, 0, NULL);
  g_assert_false (cd_ticket_category_set_required_certification (f->rep, category, 0, privacy, &error));
  g_assert_error (error, CD_STORE_ERROR, CD_STORE_ERROR_PERMISSION);
  g_clear_error (&error);
  g_assert_false (cd_ticket_category_set_required_certification (f->trainer, category, 0, privacy, &error));
  g_assert_error (error, CD_STORE_ERROR, CD_STORE_ERROR_PERMISSION);
  g_clear_error (&error);
  /* Nor an archived or unknown certification, nor over a newer version. */
  g_assert_false (cd_ticket_category_set_required_certification (f->lead, category, 0, archived, &error));
  g_assert_error (error, CD_STORE_ERROR, CD_STORE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "archived"));
  g_clear_error (&error);
  g_assert_false (cd_ticket_category_set_required_certification (f->lead, category, 0, 9999, &error));
  g_assert_error (error, CD_STORE_ERROR, CD_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_false (cd_ticket_category_set_required_certification (f->lead, category, before->version + 1, privacy,
                                                                 &error));
  g_assert_error (error, CD_STORE_ERROR, CD_STORE_ERROR_STALE);
  g_clear_error (&error);
  g_assert_cmpint (cd_store_query_int (f->store, "SELECT count(*) FROM audit_log", CD_NO_BIND, 0, NULL), ==, audits);
  g_assert_cmpint (count_links (f->store, category), ==, 2);
  g_assert_cmpint (required_certification (f->rep, category), ==, billing);

  /* A lead sets one: it replaces both, and the category's version moves. */
  g_assert_true (cd_ticket_category_set_required_certification (f->lead, category, before->version, privacy, &error));
  g_assert_no_error (error);
  after = find (f->lead, category);
  g_assert_cmpint (after->required_certification_id, ==, privacy);
  g_assert_cmpint (after->version, ==, before->version + 1);
  g_assert_cmpint (count_links (f->store, category), ==, 1);
  names = cd_ticket_category_certifications (f->rep, category, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (names, ==, "Data privacy");
  g_assert_cmpint (cd_store_query_int (f->store,
                                       "SELECT count(*) FROM audit_log WHERE entity = 'ticket_categories'"
                                       " AND field = 'required_certification'", CD_NO_BIND, 0, NULL), ==, 1);
  g_assert_cmpint (cd_store_query_int (f->store,
                                       "SELECT count(*) FROM audit_log WHERE entity = 'certifications'"
                                       " AND field = 'certification_categories'"
                                       " AND entity_id = ?1 AND old_value IS NULL", privacy, 0, NULL), ==, 1);
  g_assert_cmpint (cd_store_query_int (f->store,
                                       "SELECT count(*) FROM audit_log WHERE entity = 'certifications'"
                                       " AND field = 'certification_categories'"
                                       " AND entity_id = ?1 AND new_value IS NULL", network, 0, NULL), ==, 1);
  g_assert_cmpint (cd_store_query_int (f->store,
                                       "SELECT count(*) FROM audit_log WHERE entity = 'certifications'"
                                       " AND field = 'certification_categories' AND new_value IS NULL",
                                       CD_NO_BIND, 0, NULL), ==, 2);
  {
    g_autoptr(CdCertification) loaded = cd_certification_load (f->store, privacy, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (loaded->category_ids->len, ==, 1);
    g_assert_cmpint (g_array_index (loaded->category_ids, gint64, 0), ==, category);
  }

  /* The rep holds none of it, so does not qualify for its tickets. */
  rep_id = cd_store_query_int (f->store, "SELECT id FROM staff WHERE login = 'rep'", CD_NO_BIND, 0, NULL);
  g_assert_false (cd_staff_is_certified_for (f->rep, rep_id, category, cd_store_now (f->rep), &error));
  g_assert_no_error (error);

  /* Setting the same again writes nothing; none frees the category. */
  audits = cd_store_query_int (f->store, "SELECT count(*) FROM audit_log", CD_NO_BIND, 0, NULL);
  g_assert_true (cd_ticket_category_set_required_certification (f->lead, category, 0, privacy, &error));
  g_assert_no_error (error);
  g_assert_cmpint (cd_store_query_int (f->store, "SELECT count(*) FROM audit_log", CD_NO_BIND, 0, NULL), ==, audits);
  g_assert_true (cd_ticket_category_set_required_certification (f->store, category, 0, 0, &error));
  g_assert_no_error (error);
  g_assert_cmpint (required_certification (f->rep, category), ==, 0);
  g_assert_cmpint (count_links (f->store, category), ==, 0);
  g_assert_true (cd_staff_is_certified_for (f->rep, rep_id, category, cd_store_now (f->rep), &error));
  g_assert_no_error (error);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, fn) \
  g_test_add (path, Fixture, NULL, fixture_set_up, fn, fixture_tear_down)

  ADD ("/core/categories/add-rename", test_add_rename);
  ADD ("/core/categories/permissions", test_permissions);
  ADD ("/core/categories/retire", test_retire);
  ADD ("/core/categories/required-certification", test_required_certification);

  return g_test_run ();
}
