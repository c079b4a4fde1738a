/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "caredesk-test-categories"

#include "config.h"

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <string.h>

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
  f->lead = open_as (f->path, "lead");
  f->rep = open_as (f->path, "rep");
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

  return g_test_run ();
}
