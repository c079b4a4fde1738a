/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-demo"

#include "config.h"

#include <glib.h>
#include <glib/gstdio.h>
#include <sqlite3.h>
#include <string.h>

#include "cd-demo.h"
#include "cd-training.h"
#include "cd-store.h"

/* Wednesday 2024-11-20 10:00 in Shanghai: a working morning. */
#define TEST_NOW G_GINT64_CONSTANT (1732068000)
#define TEST_SEED 7u
#define TEST_TICKETS 2000

typedef struct {
  char *dir;
} Fixture;

static void
fixture_set_up (Fixture       *fx,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fx->dir = g_dir_make_tmp ("caredesk-demo-XXXXXX", &error);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *fx,
                   gconstpointer  data)
{
  GDir *dir = g_dir_open (fx->dir, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (fx->dir, name, NULL);
      g_remove (path);
    }
  g_clear_pointer (&dir, g_dir_close);
  g_rmdir (fx->dir);
  g_free (fx->dir);
}

static char *
fixture_path (Fixture    *fx,
              const char *name)
{
  return g_build_filename (fx->dir, name, NULL);
}

static guint
count_dir_entries (const char *path)
{
  GDir *dir = g_dir_open (path, 0, NULL);
  guint n = 0;

  g_assert_nonnull (dir);
  while (g_dir_read_name (dir) != NULL)
    n++;
  g_dir_close (dir);
  return n;
}

static void
generate_small (const char *path,
                guint32     seed,
                const char *login,
                const char *display_name)
{
  g_autoptr(GError) error = NULL;
  CdDemoSize size;

  cd_demo_size_for_tickets (TEST_TICKETS, &size);
  g_assert_true (cd_demo_generate (path, &size, seed, TEST_NOW, login, display_name, NULL, NULL, &error));
  g_assert_no_error (error);
}

static sqlite3 *
open_db (const char *path)
{
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  return db;
}

static gint64
query_int (sqlite3    *db,
           const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  gint64 value;

  if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) != SQLITE_OK)
    g_error ("%s: %s", sql, sqlite3_errmsg (db));
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return value;
}

static char *
query_text (sqlite3    *db,
            const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  char *value = NULL;

  if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) != SQLITE_OK)
    g_error ("%s: %s", sql, sqlite3_errmsg (db));
  if (sqlite3_step (stmt) == SQLITE_ROW)
    value = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  return value;
}

static gint64
count_rows (sqlite3    *db,
            const char *table)
{
  g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM \"%s\"", table);

  return query_int (db, sql);
}

/* SHA-256 over every row of every table, in a fixed order, with each
 * value's type: two files hash the same only when their content does. */
static char *
content_hash (const char *path)
{
  sqlite3 *db = open_db (path);
  g_autoptr(GChecksum) sum = g_checksum_new (G_CHECKSUM_SHA256);
  g_autoptr(GPtrArray) tables = g_ptr_array_new_with_free_func (g_free);
  sqlite3_stmt *stmt = NULL;
  char *result;

  /* A virtual table's content is in its own shadow tables. */
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT name FROM sqlite_master WHERE type = 'table'"
                                       " AND sql NOT LIKE 'CREATE VIRTUAL TABLE%' ORDER BY name",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_ptr_array_add (tables, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
  sqlite3_finalize (stmt);
  g_assert_cmpuint (tables->len, >, 20);

  for (guint t = 0; t < tables->len; t++)
    {
      g_autofree char *sql = g_strdup_printf ("SELECT * FROM \"%s\" ORDER BY rowid", (char *) tables->pdata[t]);
      g_autofree char *by_key = g_strdup_printf ("SELECT * FROM \"%s\"", (char *) tables->pdata[t]);

      g_checksum_update (sum, (const guchar *) tables->pdata[t], -1);
      /* A table WITHOUT ROWID is read in the order of its key. */
      if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) != SQLITE_OK)
        g_assert_cmpint (sqlite3_prepare_v2 (db, by_key, -1, &stmt, NULL), ==, SQLITE_OK);
      while (sqlite3_step (stmt) == SQLITE_ROW)
        {
          for (int c = 0; c < sqlite3_column_count (stmt); c++)
            {
              guchar type = (guchar) sqlite3_column_type (stmt, c);
              const void *bytes;
              int n;

              g_checksum_update (sum, &type, 1);
              if (type == SQLITE_NULL)
                continue;
              bytes = type == SQLITE_BLOB ? sqlite3_column_blob (stmt, c) : (const void *) sqlite3_column_text (stmt, c);
              n = sqlite3_column_bytes (stmt, c);
              g_checksum_update (sum, (const guchar *) &n, sizeof n);
              g_checksum_update (sum, bytes, n);
            }
        }
      sqlite3_finalize (stmt);
    }
  result = g_strdup (g_checksum_get_string (sum));
  sqlite3_close (db);
  return result;
}

/* Sizes ------------------------------------------------------------------ */

static void
test_parse_valid (void)
{
  static const struct {
    const char *text;
    guint64 tickets;
  } cases[] = {
    { "1000000", 1000000 }, { "1M", 1000000 }, { "1m", 1000000 }, { "250k", 250000 },
    { "250K", 250000 }, { "1.5M", 1500000 }, { "2.5k", 2500 }, { " 20000 ", 20000 },
    { "small", 1000 }, { "Medium", 50000 }, { "BENCHMARK", 1000000 }, { "7", 7 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      CdDemoSize size = { 0 };

      g_test_message ("size %s", cases[i].text);
      g_assert_true (cd_demo_parse_size (cases[i].text, &size, &error));
      g_assert_no_error (error);
      g_assert_cmpuint (size.tickets, ==, cases[i].tickets);
      g_assert_cmpuint (size.customers, ==, MAX (cases[i].tickets / 10, 1));
      g_assert_cmpuint (size.complaints, ==, cases[i].tickets / 5);
      g_assert_cmpuint (size.staff, >=, 12);
      g_assert_cmpuint (size.staff, <=, 30);
    }
}

static void
test_parse_named (void)
{
  g_autoptr(GError) error = NULL;
  CdDemoSize size = { 0 };

  g_assert_true (cd_demo_parse_size ("benchmark", &size, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (size.tickets, ==, 1000000);
  g_assert_cmpuint (size.customers, ==, 100000);
  g_assert_cmpuint (size.complaints, ==, 200000);
  g_assert_cmpuint (size.followups, ==, 400000);
  g_assert_cmpuint (size.staff, ==, 30);

  g_assert_true (cd_demo_parse_size ("small", &size, &error));
  g_assert_cmpuint (size.tickets, ==, 1000);
  g_assert_cmpuint (size.customers, ==, 100);
  g_assert_cmpuint (size.complaints, ==, 200);
  g_assert_cmpuint (size.followups, ==, 400);
  g_assert_cmpuint (size.staff, ==, 12);

  g_assert_true (cd_demo_parse_size ("medium", &size, &error));
  g_assert_cmpuint (size.tickets, ==, 50000);
  g_assert_cmpuint (size.staff, >, 12);
  g_assert_cmpuint (size.staff, <, 30);
}

static void
test_parse_invalid (void)
{
  static const char *const bad[] = {
    "", "   ", "abc", "12x", "-5", "0", "0k", "1.5", "1.2345k", "k", "1M5", "1 000",
    "99999999999999999999999", "60M", "1e6", ".5k", "5.k",
  };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;
      CdDemoSize size = { 0 };

      g_test_message ("size “%s”", bad[i]);
      g_assert_false (cd_demo_parse_size (bad[i], &size, &error));
      g_assert_error (error, CD_STORE_ERROR, CD_STORE_ERROR_INVALID);
      g_assert_cmpuint (strlen (error->message), >, 20);
    }

  {
    g_autoptr(GError) error = NULL;
    CdDemoSize size = { 0 };

    g_assert_false (cd_demo_parse_size (NULL, &size, &error));
    g_assert_error (error, CD_STORE_ERROR, CD_STORE_ERROR_INVALID);
  }
}

/* Generation -------------------------------------------------------------- */

typedef struct {
  double last;
  guint calls;
  gboolean went_back;
  gboolean saw_tickets;
} Progress;

static void
on_progress (double      fraction,
             const char *what,
             gpointer    user_data)
{
  Progress *p = user_data;

  g_assert_nonnull (what);
  g_assert_cmpfloat (fraction, >=, 0.0);
  g_assert_cmpfloat (fraction, <=, 1.0);
  if (fraction + 1e-9 < p->last)
    p->went_back = TRUE;
  if (strstr (what, "ticket") != NULL)
    p->saw_tickets = TRUE;
  p->last = fraction;
  p->calls++;
}

static void
test_generate_counts (Fixture       *fx,
                      gconstpointer  data)
{
  g_autofree char *path = fixture_path (fx, "demo.caredesk");
  g_autoptr(GError) error = NULL;
  g_autoptr(CdStore) store = NULL;
  g_autofree char *integrity = NULL;
  Progress progress = { 0 };
  CdDemoSize size;
  sqlite3 *db;
  static const char *const filled[] = {
    "settings", "business_calendars", "holidays", "sla_policies", "ticket_categories",
    "ticket_events", "courses", "training_plan_items", "training_sessions", "enrolments",
    "certifications", "certification_courses", "certification_categories", "assessments",
    "staff_certifications", "kb_articles", "canned_replies",
  };

  g_assert_true (cd_demo_parse_size ("2000", &size, &error));
  g_assert_true (cd_demo_generate (path, &size, TEST_SEED, TEST_NOW, "tester", "Test Person",
                                   on_progress, &progress, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (progress.calls, >, 5);
  g_assert_false (progress.went_back);
  g_assert_true (progress.saw_tickets);
  g_assert_cmpfloat (progress.last, ==, 1.0);
  /* Only the finished file is left: no temporary files or journals. */
  g_assert_cmpuint (count_dir_entries (fx->dir), ==, 1);

  db = open_db (path);
  g_assert_cmpint (count_rows (db, "staff"), ==, (gint64) size.staff);
  g_assert_cmpint (count_rows (db, "customers"), ==, (gint64) size.customers);
  g_assert_cmpint (count_rows (db, "tickets"), ==, (gint64) size.tickets);
  g_assert_cmpint (count_rows (db, "complaints"), ==, (gint64) size.complaints);
  g_assert_cmpint (count_rows (db, "followups"), ==, (gint64) size.followups);
  for (guint i = 0; i < G_N_ELEMENTS (filled); i++)
    {
      g_test_message ("table %s", filled[i]);
      g_assert_cmpint (count_rows (db, filled[i]), >, 0);
    }
  g_assert_cmpint (count_rows (db, "business_calendars"), ==, 1);
  /* every priority, plus one tier override */
  g_assert_cmpint (query_int (db, "SELECT count(DISTINCT priority) FROM sla_policies WHERE tier IS NULL"), ==, 4);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM sla_policies WHERE tier IS NOT NULL"), ==, 1);
  g_assert_cmpint (query_int (db, "SELECT count(DISTINCT kind) FROM courses"), ==, 4);
  for (guint s = 0; s < 5; s++)
    {
      static const char *const statuses[] = { "new", "open", "pending", "resolved", "closed" };
      g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM tickets WHERE status = '%s'", statuses[s]);

      g_test_message ("ticket status %s", statuses[s]);
      g_assert_cmpint (query_int (db, sql), >, 0);
    }
  /* most tickets are done, some backlog is left */
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM tickets WHERE status IN ('resolved','closed')"), >, TEST_TICKETS * 9 / 10);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM tickets WHERE status = 'closed' AND closed_at IS NULL"), ==, 0);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM staff_certifications WHERE revoked_at IS NOT NULL"), ==, 1);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM canned_replies WHERE body LIKE '%{customer}%'"), >, 0);

  /* At least one customer with a two-character Chinese name (张伟). */
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM customers WHERE length(name) = 2 "
                                  "AND unicode(name) BETWEEN 19968 AND 40959 "
                                  "AND unicode(substr(name, 2)) BETWEEN 19968 AND 40959"), >, 0);
  /* Both scripts among the customers. */
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM customers WHERE unicode(name) < 128"), >, 0);

  integrity = query_text (db, "PRAGMA integrity_check");
  g_assert_cmpstr (integrity, ==, "ok");
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM pragma_foreign_key_check"), ==, 0);
  g_assert_cmpint (query_int (db, "PRAGMA user_version"), ==, CD_SCHEMA_VERSION);
  /* the indexes were put back */
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM sqlite_master WHERE name = 'tickets_assignee'"), ==, 1);
  sqlite3_close (db);

  store = cd_store_open (path, CD_STORE_OPEN_NO_WATCH, &error);
  g_assert_no_error (error);
  g_assert_nonnull (store);
  g_assert_cmpint (cd_store_get_schema_version (store), ==, CD_SCHEMA_VERSION);
}

static void
test_generate_consistent (Fixture       *fx,
                          gconstpointer  data)
{
  g_autofree char *path = fixture_path (fx, "demo.caredesk");
  g_autofree char *now_check = g_strdup_printf ("%" G_GINT64_FORMAT, TEST_NOW);
  sqlite3 *db;
  static const char *const checks[] = {
    /* nothing happened after now, and nothing was updated before it was made */
    "SELECT count(*) FROM tickets WHERE created_at > %1$s OR updated_at > %1$s OR updated_at < created_at",
    "SELECT count(*) FROM customers WHERE created_at > %1$s OR updated_at < created_at",
    "SELECT count(*) FROM complaints WHERE created_at > %1$s OR updated_at > %1$s OR updated_at < created_at",
    "SELECT count(*) FROM followups WHERE created_at > %1$s OR updated_at > %1$s OR done_at > %1$s",
    "SELECT count(*) FROM ticket_events WHERE created_at > %1$s",
    "SELECT count(*) FROM enrolments WHERE created_at > %1$s OR updated_at > %1$s",
    /* a ticket's stamps agree with its status */
    "SELECT count(*) FROM tickets WHERE (status = 'new') != (first_response_at IS NULL) "
    "OR (status IN ('resolved','closed')) != (resolved_at IS NOT NULL) "
    "OR (status = 'closed') != (closed_at IS NOT NULL) OR (status = 'pending') != (pending_since IS NOT NULL) "
    "OR first_response_at < created_at OR resolved_at < first_response_at OR closed_at < resolved_at "
    "OR first_response_due < created_at OR resolution_due < first_response_due",
    "SELECT count(*) FROM ticket_events e JOIN tickets t ON t.id = e.ticket_id WHERE e.created_at < t.created_at",
    /* a complaint's ticket is the same customer's, and older */
    "SELECT count(*) FROM complaints c JOIN tickets t ON t.id = c.ticket_id "
    "WHERE t.customer_id != c.customer_id OR c.created_at < t.created_at",
    "SELECT count(*) FROM complaints WHERE (status = 'closed') != (closed_at IS NOT NULL)",
    "SELECT count(*) FROM followups WHERE (status = 'done') != (done_at IS NOT NULL) OR (status = 'done') != (outcome IS NOT NULL)",
    "SELECT count(*) FROM followups f JOIN complaints c ON c.id = f.complaint_id "
    "WHERE f.created_at < c.created_at OR (c.status = 'closed' AND f.status = 'scheduled')",
    /* customers: there before their first ticket; last contact not before their last ticket */
    "SELECT count(*) FROM customers c WHERE created_at > (SELECT min(created_at) FROM tickets t WHERE t.customer_id = c.id) "
    "OR ifnull(last_contact_at, 0) < ifnull((SELECT max(created_at) FROM tickets t WHERE t.customer_id = c.id), 0)",
    "SELECT count(*) FROM staff_certifications WHERE expires_at <= issued_at OR revoked_at < issued_at",
    "SELECT count(*) FROM staff WHERE active != 1 OR version != 1",
  };

  generate_small (path, TEST_SEED, "tester", "Test Person");
  db = open_db (path);
  for (guint i = 0; i < G_N_ELEMENTS (checks); i++)
    {
      g_autoptr(GString) sql = g_string_new (checks[i]);

      g_string_replace (sql, "%1$s", now_check, 0);
      g_test_message ("%s", sql->str);
      g_assert_cmpint (query_int (db, sql->str), ==, 0);
    }
  /* some follow-ups are overdue, most scheduled ones are still ahead */
  {
    g_autofree char *overdue = g_strdup_printf ("SELECT count(*) FROM followups WHERE status = 'scheduled' AND due_at < %s", now_check);
    g_autofree char *ahead = g_strdup_printf ("SELECT count(*) FROM followups WHERE status = 'scheduled' AND due_at > %s", now_check);

    g_assert_cmpint (query_int (db, overdue), >, 0);
    g_assert_cmpint (query_int (db, ahead), >, 0);
  }
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM followups WHERE status = 'done'"), >,
                   query_int (db, "SELECT count(*) FROM followups") / 2);
  sqlite3_close (db);
}

static void
test_generate_deterministic (Fixture       *fx,
                             gconstpointer  data)
{
  g_autofree char *a = fixture_path (fx, "a.caredesk");
  g_autofree char *b = fixture_path (fx, "b.caredesk");
  g_autofree char *c = fixture_path (fx, "c.caredesk");
  g_autofree char *hash_a = NULL, *hash_b = NULL, *hash_c = NULL;

  generate_small (a, TEST_SEED, "tester", "Test Person");
  generate_small (b, TEST_SEED, "tester", "Test Person");
  generate_small (c, TEST_SEED + 1, "tester", "Test Person");

  hash_a = content_hash (a);
  hash_b = content_hash (b);
  hash_c = content_hash (c);
  g_assert_cmpstr (hash_a, ==, hash_b);
  g_assert_cmpstr (hash_a, !=, hash_c);
}

/* SHA-256 of the rows @sql returns, with each value's type. */
static void
hash_query (GChecksum  *sum,
            sqlite3    *db,
            const char *sql)
{
  sqlite3_stmt *stmt = NULL;

  if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) != SQLITE_OK)
    g_error ("%s: %s", sql, sqlite3_errmsg (db));
  g_checksum_update (sum, (const guchar *) sql, -1);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    for (int c = 0; c < sqlite3_column_count (stmt); c++)
      {
        guchar type = (guchar) sqlite3_column_type (stmt, c);
        int n;

        g_checksum_update (sum, &type, 1);
        if (type == SQLITE_NULL)
          continue;
        n = sqlite3_column_bytes (stmt, c);
        g_checksum_update (sum, (const guchar *) &n, sizeof n);
        g_checksum_update (sum, sqlite3_column_text (stmt, c), n);
      }
  sqlite3_finalize (stmt);
}

/* The content a seed gives does not change by accident (a reordered
 * random draw changes every row after it). The columns are named, so a
 * column added to the schema leaves the sum as it is; a deliberate change
 * of the demo data updates the expected sum. */
#define GOLDEN_SEED 11u
#define GOLDEN_SUM "f81edf093b56e1a88f033c022e501147faf7f63e1a9c2041c1669604509de8a6"

static void
test_generate_golden (Fixture       *fx,
                      gconstpointer  data)
{
  g_autofree char *path = fixture_path (fx, "golden.caredesk");
  g_autoptr(GChecksum) sum = g_checksum_new (G_CHECKSUM_SHA256);
  sqlite3 *db;

  generate_small (path, GOLDEN_SEED, "tester", "Test Person");
  db = open_db (path);
  hash_query (sum, db, "SELECT id, login, display_name, role, active FROM staff ORDER BY id");
  hash_query (sum, db, "SELECT id, name, organisation, phone, email, address, tier, owner_id, created_at"
                       " FROM customers ORDER BY id");
  hash_query (sum, db, "SELECT id, customer_id, subject, channel, category_id, priority, status, assignee_id,"
                       " first_response_at, resolved_at, satisfaction, created_at FROM tickets ORDER BY id");
  hash_query (sum, db, "SELECT id, customer_id, ticket_id, summary, severity, category, owner_id, status,"
                       " compensation, created_at FROM complaints ORDER BY id");
  hash_query (sum, db, "SELECT id, complaint_id, due_at, assignee_id, method, status, outcome, notes"
                       " FROM followups ORDER BY id");
  sqlite3_close (db);

  g_assert_cmpstr (g_checksum_get_string (sum), ==, GOLDEN_SUM);
}

static void
test_generate_desktop_user (Fixture       *fx,
                            gconstpointer  data)
{
  g_autofree char *path = fixture_path (fx, "demo.caredesk");
  g_autofree char *role = NULL, *name = NULL;
  gint64 id;
  g_autofree char *sql = NULL;
  sqlite3 *db;

  generate_small (path, TEST_SEED, "mei.lin", "林美 Mei Lin");
  db = open_db (path);

  role = query_text (db, "SELECT role FROM staff WHERE login = 'mei.lin' AND active = 1");
  g_assert_cmpstr (role, ==, "lead");
  name = query_text (db, "SELECT display_name FROM staff WHERE login = 'mei.lin'");
  g_assert_cmpstr (name, ==, "林美 Mei Lin");
  id = query_int (db, "SELECT id FROM staff WHERE login = 'mei.lin'");

  /* overdue follow-ups of their own */
  sql = g_strdup_printf ("SELECT count(*) FROM followups WHERE assignee_id = %" G_GINT64_FORMAT
                         " AND status = 'scheduled' AND due_at < %" G_GINT64_FORMAT, id, TEST_NOW);
  g_assert_cmpint (query_int (db, sql), >=, 1);
  g_free (sql);
  /* an expiring certification (within 30 days, not revoked) */
  sql = g_strdup_printf ("SELECT count(*) FROM staff_certifications WHERE staff_id = %" G_GINT64_FORMAT
                         " AND revoked_at IS NULL AND expires_at > %" G_GINT64_FORMAT
                         " AND expires_at <= %" G_GINT64_FORMAT, id, TEST_NOW, TEST_NOW + 30 * 86400);
  g_assert_cmpint (query_int (db, sql), >=, 1);
  g_free (sql);
  /* open tickets and customers of their own */
  sql = g_strdup_printf ("SELECT count(*) FROM tickets WHERE assignee_id = %" G_GINT64_FORMAT
                         " AND status IN ('new','open','pending')", id);
  g_assert_cmpint (query_int (db, sql), >=, 1);
  g_free (sql);
  sql = g_strdup_printf ("SELECT count(*) FROM customers WHERE owner_id = %" G_GINT64_FORMAT, id);
  g_assert_cmpint (query_int (db, sql), >=, 1);

  /* the rest of the team: another lead, a trainer, an admin, reps */
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM staff WHERE role = 'lead'"), ==, 2);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM staff WHERE role = 'trainer'"), ==, 1);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM staff WHERE role = 'admin'"), ==, 1);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM staff WHERE role = 'rep'"), >, 5);
  sqlite3_close (db);
}

static void
test_generate_login_collision (Fixture       *fx,
                               gconstpointer  data)
{
  g_autofree char *path = fixture_path (fx, "demo.caredesk");
  g_autofree char *role = NULL, *name = NULL;
  CdDemoSize size;
  sqlite3 *db;

  /* "lina" is also one of the made-up reps. */
  generate_small (path, TEST_SEED, "lina", "Lina at home");
  cd_demo_size_for_tickets (TEST_TICKETS, &size);
  db = open_db (path);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM staff WHERE login = 'lina'"), ==, 1);
  role = query_text (db, "SELECT role FROM staff WHERE login = 'lina'");
  g_assert_cmpstr (role, ==, "lead");
  name = query_text (db, "SELECT display_name FROM staff WHERE login = 'lina'");
  g_assert_cmpstr (name, ==, "Lina at home");
  g_assert_cmpint (count_rows (db, "staff"), ==, (gint64) size.staff);
  sqlite3_close (db);
}

static void
test_refuse_existing (Fixture       *fx,
                      gconstpointer  data)
{
  g_autofree char *path = fixture_path (fx, "precious.caredesk");
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  CdDemoSize size;
  gsize len = 0;

  g_assert_true (g_file_set_contents (path, "precious data", -1, &error));
  cd_demo_size_for_tickets (100, &size);
  g_assert_false (cd_demo_generate (path, &size, TEST_SEED, TEST_NOW, "tester", NULL, NULL, NULL, &error));
  g_assert_error (error, CD_STORE_ERROR, CD_STORE_ERROR_FAILED);
  g_assert_nonnull (strstr (error->message, "precious.caredesk"));

  g_assert_true (g_file_get_contents (path, &contents, &len, NULL));
  g_assert_cmpstr (contents, ==, "precious data");
  g_assert_cmpuint (count_dir_entries (fx->dir), ==, 1);
}

static void
test_empty_file_is_used (Fixture       *fx,
                         gconstpointer  data)
{
  g_autofree char *path = fixture_path (fx, "empty.caredesk");
  g_autoptr(GError) error = NULL;
  CdDemoSize size;
  sqlite3 *db;

  g_assert_true (g_file_set_contents (path, "", 0, &error));
  cd_demo_size_for_tickets (100, &size);
  g_assert_true (cd_demo_generate (path, &size, TEST_SEED, TEST_NOW, "tester", NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (count_dir_entries (fx->dir), ==, 1);
  db = open_db (path);
  g_assert_cmpint (count_rows (db, "tickets"), ==, 100);
  sqlite3_close (db);
}

static void
test_failure_leaves_nothing (Fixture       *fx,
                             gconstpointer  data)
{
  g_autofree char *missing = g_build_filename (fx->dir, "no-such-folder", "demo.caredesk", NULL);
  g_autofree char *path = fixture_path (fx, "demo.caredesk");
  g_autoptr(GError) error = NULL;
  CdDemoSize size;

  cd_demo_size_for_tickets (100, &size);
  g_assert_false (cd_demo_generate (missing, &size, TEST_SEED, TEST_NOW, "tester", NULL, NULL, NULL, &error));
  g_assert_error (error, CD_STORE_ERROR, CD_STORE_ERROR_CANT_OPEN);
  g_clear_error (&error);

  /* Sizes that do not fit together are refused before anything is written. */
  size.staff = 2;
  g_assert_false (cd_demo_generate (path, &size, TEST_SEED, TEST_NOW, "tester", NULL, NULL, NULL, &error));
  g_assert_error (error, CD_STORE_ERROR, CD_STORE_ERROR_INVALID);
  g_clear_error (&error);

  cd_demo_size_for_tickets (100, &size);
  size.complaints = 0;
  g_assert_false (cd_demo_generate (path, &size, TEST_SEED, TEST_NOW, "tester", NULL, NULL, NULL, &error));
  g_assert_error (error, CD_STORE_ERROR, CD_STORE_ERROR_INVALID);

  g_assert_cmpuint (count_dir_entries (fx->dir), ==, 0);
}

static void
test_parse_staff (void)
{
  static const char *const bad[] = { "small:2", "small:301", "small:x", "small:", ":300", "small:3:4" };
  g_autoptr(GError) error = NULL;
  CdDemoSize size = { 0 };

  g_assert_true (cd_demo_parse_size ("small:300", &size, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (size.tickets, ==, 1000);
  g_assert_cmpuint (size.staff, ==, 300);
  g_assert_true (cd_demo_parse_size (" 5000 : 40 ", &size, &error));
  g_assert_cmpuint (size.tickets, ==, 5000);
  g_assert_cmpuint (size.staff, ==, 40);

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) local_error = NULL;

      g_test_message ("size “%s”", bad[i]);
      g_assert_false (cd_demo_parse_size (bad[i], &size, &local_error));
      g_assert_error (local_error, CD_STORE_ERROR, CD_STORE_ERROR_INVALID);
    }
}

/* Three years of sessions with attendance, two years of plans with late
 * items, certifications expiring and expired, a waiting list, and a
 * category about to drop below its minimum. */
static void
test_generate_training (Fixture       *fx,
                        gconstpointer  data)
{
  g_autofree char *path = fixture_path (fx, "demo.caredesk");
  g_autofree char *sql = NULL;
  g_autoptr(CdStore) store = NULL;
  g_autoptr(GPtrArray) warnings = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(CdTrainingSummary) summary = NULL;
  sqlite3 *db;

  generate_small (path, TEST_SEED, "tester", "Test Person");
  db = open_db (path);
  sql = g_strdup_printf ("SELECT min(starts_at) < %" G_GINT64_FORMAT " - 2 * 365 * 86400"
                         " AND max(starts_at) > %" G_GINT64_FORMAT " FROM training_sessions",
                         TEST_NOW, TEST_NOW);
  g_assert_cmpint (query_int (db, sql), ==, 1);
  g_assert_cmpint (query_int (db, "SELECT count(DISTINCT CAST(strftime('%Y', starts_at, 'unixepoch') AS INTEGER))"
                                  " FROM training_sessions"), >=, 3);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM enrolments WHERE attendance = 'attended'"), >, 30);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM enrolments WHERE waiting = 1"), >, 0);
  g_assert_cmpint (query_int (db, "SELECT count(DISTINCT year) FROM training_plan_items"), ==, 2);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM certification_assessments"), >, 0);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM certifications WHERE required_roles != 0"), >, 0);
  g_free (sql);
  sql = g_strdup_printf ("SELECT count(*) FROM staff_certifications WHERE expires_at BETWEEN %1$" G_GINT64_FORMAT
                         " AND %1$" G_GINT64_FORMAT " + 30 * 86400", TEST_NOW);
  g_assert_cmpint (query_int (db, sql), >, 0);
  sqlite3_close (db);

  store = cd_store_open (path, CD_STORE_OPEN_NO_WATCH, &error);
  g_assert_no_error (error);
  g_assert_true (cd_store_sign_in (store, "tester", NULL, &error));
  cd_store_set_now (store, TEST_NOW);
  warnings = cd_coverage_warnings (store, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (warnings->len, >=, 1);
  {
    CdCoverage *c = g_ptr_array_index (warnings, 0);
    g_assert_cmpstr (c->category_name, ==, "Product defect");
    g_assert_false (c->below_now);
    g_assert_cmpint (c->drop_at, >, TEST_NOW);
    g_assert_cmpuint (c->lapsing->len, >=, 1);
  }
  /* The desktop user's own certification runs out soon. */
  summary = cd_training_summary_for (store, cd_store_get_staff_id (store), 3, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (summary->n_expiring, >=, 1);
}

static void
test_generate_many_staff (Fixture       *fx,
                          gconstpointer  data)
{
  g_autofree char *path = fixture_path (fx, "big-team.caredesk");
  g_autoptr(GError) error = NULL;
  CdDemoSize size;
  sqlite3 *db;

  g_assert_true (cd_demo_parse_size ("2000:300", &size, &error));
  g_assert_true (cd_demo_generate (path, &size, TEST_SEED, TEST_NOW, "tester", "Test Person", NULL, NULL, &error));
  g_assert_no_error (error);
  db = open_db (path);
  g_assert_cmpint (count_rows (db, "staff"), ==, 300);
  g_assert_cmpint (query_int (db, "SELECT count(DISTINCT login) FROM staff"), ==, 300);
  g_assert_cmpint (query_int (db, "SELECT count(DISTINCT display_name) FROM staff"), ==, 300);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM staff WHERE role = 'lead'"), >, 2);
  g_assert_cmpint (query_int (db, "SELECT count(DISTINCT staff_id) FROM staff_certifications"), >, 250);
  g_assert_cmpint (query_int (db, "SELECT count(DISTINCT staff_id) FROM training_plan_items"), >, 250);
  g_assert_cmpint (query_int (db, "SELECT count(*) FROM pragma_foreign_key_check"), ==, 0);
  sqlite3_close (db);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/demo/size/valid", test_parse_valid);
  g_test_add_func ("/core/demo/size/named", test_parse_named);
  g_test_add_func ("/core/demo/size/invalid", test_parse_invalid);
  g_test_add_func ("/core/demo/size/staff", test_parse_staff);
  g_test_add ("/core/demo/generate/counts", Fixture, NULL, fixture_set_up, test_generate_counts, fixture_tear_down);
  g_test_add ("/core/demo/generate/consistent", Fixture, NULL, fixture_set_up, test_generate_consistent, fixture_tear_down);
  g_test_add ("/core/demo/generate/deterministic", Fixture, NULL, fixture_set_up, test_generate_deterministic, fixture_tear_down);
  g_test_add ("/core/demo/generate/golden", Fixture, NULL, fixture_set_up, test_generate_golden, fixture_tear_down);
  g_test_add ("/core/demo/generate/training", Fixture, NULL, fixture_set_up, test_generate_training, fixture_tear_down);
  g_test_add ("/core/demo/generate/many-staff", Fixture, NULL, fixture_set_up, test_generate_many_staff, fixture_tear_down);
  g_test_add ("/core/demo/generate/desktop-user", Fixture, NULL, fixture_set_up, test_generate_desktop_user, fixture_tear_down);
  g_test_add ("/core/demo/generate/login-collision", Fixture, NULL, fixture_set_up, test_generate_login_collision, fixture_tear_down);
  g_test_add ("/core/demo/generate/refuse-existing", Fixture, NULL, fixture_set_up, test_refuse_existing, fixture_tear_down);
  g_test_add ("/core/demo/generate/empty-file", Fixture, NULL, fixture_set_up, test_empty_file_is_used, fixture_tear_down);
  g_test_add ("/core/demo/generate/failure-leaves-nothing", Fixture, NULL, fixture_set_up, test_failure_leaves_nothing, fixture_tear_down);

  return g_test_run ();
}
