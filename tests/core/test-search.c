/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "caredesk-test-search"

#include "config.h"

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <string.h>

#include "cd-search.h"
#include "cd-search-private.h"
#include "cd-search-schema-private.h"
#include "cd-store.h"
#include "cd-store-private.h"
#include "cd-ticket.h"

/* The search: its tokens (C and the triggers' SQL make the same), what
 * every kind of query finds, the order of the results, the highlighting
 * and excerpts, and the index kept in step with every change. */

typedef struct {
  char    *dir;
  char    *path;
  CdStore *store;
} Fixture;

static gint64
insert (CdStore    *store,
        const char *table,
        ...)
{
  g_autoptr(GArray) fields = g_array_new (FALSE, FALSE, sizeof (CdField));
  g_autoptr(GError) error = NULL;
  const char *column;
  va_list ap;
  gint64 id;

  va_start (ap, table);
  while ((column = va_arg (ap, const char *)) != NULL)
    {
      CdField f;
      f.column = column;
      f.value = va_arg (ap, const char *);
      g_array_append_val (fields, f);
    }
  va_end (ap);

  id = cd_store_insert (store, table, (const CdField *) fields->data, fields->len, &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  return id;
}

static void
update (CdStore    *store,
        const char *table,
        gint64      id,
        const char *column,
        const char *value)
{
  g_autoptr(GError) error = NULL;
  CdField field = { column, value };

  g_assert_true (cd_store_update (store, table, id, 0, &field, 1, &error));
  g_assert_no_error (error);
}

static char *
num (gint64 value)
{
  return g_strdup_printf ("%" G_GINT64_FORMAT, value);
}

static gint64
customer (Fixture    *f,
          const char *name,
          const char *phone,
          const char *email)
{
  return insert (f->store, "customers", "name", name, "phone", phone, "email", email, NULL);
}

static gint64
ticket (Fixture    *f,
        gint64      customer_id,
        const char *subject,
        const char *description)
{
  g_autofree char *c = num (customer_id);

  return insert (f->store, "tickets", "customer_id", c, "subject", subject, "description", description, NULL);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->dir = g_dir_make_tmp ("caredesk-search-XXXXXX", &error);
  g_assert_no_error (error);
  f->path = g_build_filename (f->dir, "team.caredesk", NULL);
  f->store = cd_store_open (f->path, CD_STORE_OPEN_CREATE | CD_STORE_OPEN_NO_WATCH, &error);
  g_assert_no_error (error);
  g_assert_true (cd_store_sign_in (f->store, "admin", "Admin", &error));
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->store);
  for (const char *const *s = (const char *const[]) { "", "-wal", "-shm", "-journal", "-writers", NULL }; *s; s++)
    {
      g_autofree char *p = g_strconcat (f->path, *s, NULL);
      g_remove (p);
    }
  g_rmdir (f->dir);
  g_free (f->path);
  g_free (f->dir);
}

static CdSearchResults *
search (Fixture    *f,
        const char *text,
        guint       limit)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CdSearchQuery) query = cd_search_query_new (text);
  CdSearchResults *results = cd_search_run (f->store, query, CD_SEARCH_ALL_KINDS, limit, &error);

  g_assert_no_error (error);
  g_assert_nonnull (results);
  return results;
}

/* The ids of @kind that @text finds, best first. */
static GArray *
found (Fixture      *f,
       const char   *text,
       CdSearchKind  kind)
{
  g_autoptr(CdSearchResults) results = search (f, text, 50);
  CdSearchGroup *group = cd_search_results_get_group (results, kind);
  GArray *ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  for (guint i = 0; group != NULL && i < group->hits->len; i++)
    {
      CdSearchHit *hit = g_ptr_array_index (group->hits, i);
      g_array_append_val (ids, hit->id);
    }
  return ids;
}

static gboolean
has_id (GArray *ids,
        gint64  id)
{
  for (guint i = 0; i < ids->len; i++)
    if (g_array_index (ids, gint64, i) == id)
      return TRUE;
  return FALSE;
}

static void
assert_finds (Fixture      *f,
              const char   *text,
              CdSearchKind  kind,
              gint64        id)
{
  g_autoptr(GArray) ids = found (f, text, kind);

  if (!has_id (ids, id))
    g_error ("“%s” does not find %s %" G_GINT64_FORMAT, text, cd_search_kind_info (kind)->name, id);
}

static void
assert_misses (Fixture      *f,
               const char   *text,
               CdSearchKind  kind,
               gint64        id)
{
  g_autoptr(GArray) ids = found (f, text, kind);

  if (has_id (ids, id))
    g_error ("“%s” finds %s %" G_GINT64_FORMAT, text, cd_search_kind_info (kind)->name, id);
}

static void
assert_index_consistent (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  gint64 differences = cd_search_index_check (f->store, &error);

  g_assert_no_error (error);
  g_assert_cmpint (differences, ==, 0);
}

/* /core/search/tokens -------------------------------------------------------- */

static char *
sql_tokens (CdStore    *store,
            const char *sql,
            const char *text)
{
  g_autoptr(GError) error = NULL;
  sqlite3_stmt *stmt = cd_store_prepare (store, sql, &error);
  char *result = NULL;

  g_assert_no_error (error);
  if (text != NULL)
    sqlite3_bind_text (stmt, 1, text, -1, SQLITE_TRANSIENT);
  else
    sqlite3_bind_null (stmt, 1);
  g_assert_cmpint (cd_store_step (store, stmt, &error), ==, SQLITE_ROW);
  g_assert_no_error (error);
  if (sqlite3_column_type (stmt, 0) != SQLITE_NULL)
    result = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_reset (stmt);
  return result;
}

static void
assert_same_tokens (Fixture    *f,
                    const char *text)
{
  g_autofree char *c_grams = cd_search_grams (text);
  g_autofree char *c_chars = cd_search_chars (text);
  g_autofree char *c_digits = cd_search_digits (text);
  g_autofree char *s_grams = sql_tokens (f->store, "SELECT " CD_SEARCH_SQL_GRAMS ("?1"), text);
  g_autofree char *s_chars = sql_tokens (f->store, "SELECT " CD_SEARCH_SQL_CHARS ("?1"), text);
  g_autofree char *s_digits = sql_tokens (f->store, "SELECT " CD_SEARCH_SQL_DIGITS ("?1"), text);

  g_assert_cmpstr (c_grams, ==, s_grams);
  g_assert_cmpstr (c_chars, ==, s_chars);
  g_assert_cmpstr (c_digits, ==, s_digits);
}

static void
test_tokens (Fixture       *f,
             gconstpointer  data)
{
  static const char *const texts[] = {
    "", "a", "张", "张伟", "客户张伟明 refund 王芳。好", "García López", "+86 138-1234 (5678)",
    "iPhone手机 T恤", "日本語のテキスト", "한국어 문장", "עברית ועربية", "ภาษาไทย", "〇〇〇",
    "𠀀𠀁 ext B", "emoji 😀😀 中文", "\u3040\u309f\u30a0", "\u9fff\ua000\uac00\ud7af", "\uf900\ufaff",
    "last 字", "12", "123", "x1-2", NULL,
  };
  g_autoptr(GRand) rand = g_rand_new_with_seed (12);
  static const gunichar pool[] = {
    'a', 'Z', '0', '7', ' ', '-', '+', '.', 0xE9, 0x5F20, 0x4F1F, 0x3002, 0x3001, 0x3041, 0x30FF,
    0x9FFF, 0xA000, 0xAC00, 0xD7AF, 0xD7B0, 0xF900, 0xFAFF, 0xFB00, 0x0590, 0x05D0, 0x06FF, 0x0700,
    0x0900, 0x0E01, 0x1000, 0x1CFF, 0x1D00, 0x2E80, 0x2FFF, 0x3000, 0x303F, 0x3040, 0x20000, 0x2FFFF,
    0x30000, 0x3FFFF, 0x40000, 0x1F600, 0xFF10,
  };

  for (guint i = 0; texts[i] != NULL; i++)
    assert_same_tokens (f, texts[i]);
  assert_same_tokens (f, NULL);

  for (guint round = 0; round < 400; round++)
    {
      g_autoptr(GString) text = g_string_new (NULL);
      guint len = (guint) g_rand_int_range (rand, 0, 40);

      for (guint i = 0; i < len; i++)
        g_string_append_unichar (text, pool[g_rand_int_range (rand, 0, G_N_ELEMENTS (pool))]);
      assert_same_tokens (f, text->str);
    }

  /* Past the last position that gets grams, as the SQL stops there too. */
  {
    g_autoptr(GString) text = g_string_new ("a");

    while (text->len < CD_SEARCH_MAX_GRAM_BYTES + 12)
      g_string_append (text, "张伟");
    assert_same_tokens (f, text->str);
  }

  /* What the tokens are. */
  {
    g_autofree char *grams = cd_search_grams ("张伟明 x 王");
    g_autofree char *chars = cd_search_chars ("张伟");
    g_autofree char *digits = cd_search_digits ("+86 138-1234");

    g_assert_cmpstr (grams, ==, "E5BCA0E4BC9F E4BC9FE6988E x x");
    g_assert_cmpstr (chars, ==, "E5BCA0 E4BC9F");
    g_assert_cmpstr (digits, ==, "861381234 61381234 1381234 381234 81234 1234 234");
  }
  g_assert_null (cd_search_grams ("Latin only"));
  g_assert_true (cd_search_is_gram_char (0x5F20));
  g_assert_false (cd_search_is_gram_char (0x3002));
  g_assert_false (cd_search_is_gram_char ('a'));
}

/* /core/search/chinese ---------------------------------------------------------- */

static void
test_chinese (Fixture       *f,
              gconstpointer  data)
{
  gint64 zhang_wei = customer (f, "张伟", NULL, NULL);
  gint64 zhang_wei_ming = customer (f, "张伟明", NULL, NULL);
  gint64 wang = customer (f, "王芳", NULL, NULL);
  gint64 li_zhang = customer (f, "李张", NULL, NULL);
  gint64 refund = ticket (f, wang, "退款还没到账", "客户通过官网在线客服咨询。退款审批后仍然无法登录账户查看进度。");
  gint64 other = ticket (f, wang, "修改邮箱", "客户要求删除全部个人数据。款项已结清。");
  gint64 note = insert (f->store, "ticket_events", "ticket_id", "1", "kind", "note_internal",
                        "body", "已联系张伟确认收货地址", "created_at", "1", NULL);
  g_autoptr(GArray) ids = NULL;

  /* One character: a surname, found in names wherever it is. */
  ids = found (f, "张", CD_SEARCH_CUSTOMERS);
  g_assert_cmpuint (ids->len, ==, 3);
  g_assert_true (has_id (ids, zhang_wei) && has_id (ids, zhang_wei_ming) && has_id (ids, li_zhang));
  g_assert_false (has_id (ids, wang));
  g_clear_pointer (&ids, g_array_unref);

  /* Two characters: the exact name first, then the longer one; and in
   * any text. */
  ids = found (f, "张伟", CD_SEARCH_CUSTOMERS);
  g_assert_cmpuint (ids->len, ==, 2);
  g_assert_cmpint (g_array_index (ids, gint64, 0), ==, zhang_wei);
  g_assert_cmpint (g_array_index (ids, gint64, 1), ==, zhang_wei_ming);
  assert_finds (f, "张伟", CD_SEARCH_NOTES, note);
  assert_finds (f, "退款", CD_SEARCH_TICKETS, refund);
  assert_misses (f, "退款", CD_SEARCH_TICKETS, other);

  /* Three and six characters: a phrase, found in the middle of a text. */
  assert_finds (f, "在线客", CD_SEARCH_TICKETS, refund);
  assert_finds (f, "仍然无法登录", CD_SEARCH_TICKETS, refund);
  assert_misses (f, "仍然无法登陆", CD_SEARCH_TICKETS, refund);
  /* The characters must be next to each other, not only all there. */
  assert_misses (f, "退款款项", CD_SEARCH_TICKETS, other);
  /* Across a sentence's end they are not a phrase. */
  assert_misses (f, "据款", CD_SEARCH_TICKETS, other);
  /* A single character matches titles only: not the description. */
  assert_misses (f, "客", CD_SEARCH_TICKETS, refund);
  assert_finds (f, "退", CD_SEARCH_TICKETS, refund);

  /* Words mixed with Chinese, and nothing that matches nothing. */
  assert_finds (f, "退款 登录", CD_SEARCH_TICKETS, refund);
  assert_misses (f, "退款 麒麟", CD_SEARCH_TICKETS, refund);
  {
    g_autoptr(CdSearchResults) results = search (f, "麒麟阁", 10);
    g_assert_cmpuint (results->groups->len, ==, 0);
  }
}

/* /core/search/latin --------------------------------------------------------------- */

static void
test_latin (Fixture       *f,
            gconstpointer  data)
{
  gint64 garcia = customer (f, "María García López", NULL, "maria.garcia@example.com");
  gint64 jackson = customer (f, "Grace Jackson", NULL, "wang_xiaowen114@163.com");
  gint64 t = ticket (f, jackson, "Delivery is five days late", "The AirPure 300 box was crushed; Ms García called.");

  assert_finds (f, "García", CD_SEARCH_CUSTOMERS, garcia);
  assert_finds (f, "garcia", CD_SEARCH_CUSTOMERS, garcia);
  assert_finds (f, "GARCIA", CD_SEARCH_CUSTOMERS, garcia);
  assert_finds (f, "garc", CD_SEARCH_CUSTOMERS, garcia);
  assert_finds (f, "lopez maria", CD_SEARCH_CUSTOMERS, garcia);
  assert_misses (f, "arcia", CD_SEARCH_CUSTOMERS, garcia);
  assert_finds (f, "garcia", CD_SEARCH_TICKETS, t);
  assert_finds (f, "airpure 300", CD_SEARCH_TICKETS, t);
  assert_finds (f, "deliv", CD_SEARCH_TICKETS, t);
  assert_misses (f, "delivery xylophone", CD_SEARCH_TICKETS, t);

  /* Email parts, and the whole address first. */
  assert_finds (f, "xiaowen", CD_SEARCH_CUSTOMERS, jackson);
  assert_finds (f, "163.com", CD_SEARCH_CUSTOMERS, jackson);
  assert_finds (f, "wang_xiaowen114", CD_SEARCH_CUSTOMERS, jackson);
  {
    g_autoptr(CdSearchResults) results = search (f, "WANG_XIAOWEN114@163.COM", 10);
    CdSearchGroup *group = cd_search_results_get_group (results, CD_SEARCH_CUSTOMERS);
    CdSearchHit *hit;

    g_assert_nonnull (group);
    hit = g_ptr_array_index (group->hits, 0);
    g_assert_cmpint (hit->id, ==, jackson);
    g_assert_cmpint (hit->match, ==, CD_SEARCH_MATCH_EXACT);
  }

  /* Quotes and FTS5 syntax are text. */
  {
    g_autoptr(CdSearchResults) a = search (f, "\"garcia\" OR NEAR(", 10);
    g_autoptr(CdSearchResults) b = search (f, "* : {title} ^", 10);
    g_assert_nonnull (a);
    g_assert_nonnull (b);
  }
}

/* /core/search/phones -------------------------------------------------------------- */

static void
test_phones (Fixture       *f,
             gconstpointer  data)
{
  gint64 mobile = customer (f, "Phone One", "13812345678", NULL);
  gint64 landline = customer (f, "Phone Two", "02165521234", NULL);
  gint64 abroad = customer (f, "Phone Three", "+61401062570", NULL);
  gint64 second = insert (f->store, "customers", "name", "Phone Four", "phone2", "13998765432", NULL);
  const char *mobile_queries[] = {
    "5678", "1234 5678", "138-1234", "138 1234 5678", "+86 138 1234 5678", "+8613812345678",
    "0086 138 1234 5678", "(138) 1234-5678", "13812345678", "812345",
  };

  for (guint i = 0; i < G_N_ELEMENTS (mobile_queries); i++)
    assert_finds (f, mobile_queries[i], CD_SEARCH_CUSTOMERS, mobile);
  assert_misses (f, "5679", CD_SEARCH_CUSTOMERS, mobile);
  assert_finds (f, "021-6552 1234", CD_SEARCH_CUSTOMERS, landline);
  assert_finds (f, "6552", CD_SEARCH_CUSTOMERS, landline);
  assert_finds (f, "+61 401 062 570", CD_SEARCH_CUSTOMERS, abroad);
  assert_finds (f, "1062570", CD_SEARCH_CUSTOMERS, abroad);
  assert_finds (f, "9876", CD_SEARCH_CUSTOMERS, second);

  /* The whole number is an exact match. */
  {
    g_autoptr(CdSearchResults) results = search (f, "+86 138 1234 5678", 10);
    CdSearchGroup *group = cd_search_results_get_group (results, CD_SEARCH_CUSTOMERS);

    g_assert_cmpint (((CdSearchHit *) g_ptr_array_index (group->hits, 0))->match, ==, CD_SEARCH_MATCH_EXACT);
  }
}

/* /core/search/ticket-numbers ------------------------------------------------------ */

static void
test_ticket_numbers (Fixture       *f,
                     gconstpointer  data)
{
  gint64 c = customer (f, "Someone", NULL, NULL);
  gint64 first = ticket (f, c, "First", NULL);
  gint64 mentions = 0;
  const char *queries[] = { "T-000002", "t-2", "T2", "t2", "#2", "000002", "2", " T-000002 " };

  g_assert_cmpint (first, ==, 1);
  ticket (f, c, "Second", NULL);
  mentions = ticket (f, c, "Third", "Same problem as T-000002 last week");

  for (guint i = 0; i < G_N_ELEMENTS (queries); i++)
    {
      g_autoptr(CdSearchResults) results = search (f, queries[i], 10);
      CdSearchGroup *group = cd_search_results_get_group (results, CD_SEARCH_TICKETS);
      CdSearchHit *hit;

      g_assert_nonnull (group);
      hit = g_ptr_array_index (group->hits, 0);
      g_assert_cmpint (hit->id, ==, 2);
      g_assert_cmpint (hit->match, ==, CD_SEARCH_MATCH_EXACT);
      g_assert_cmpstr (hit->detail, !=, NULL);
      g_assert_nonnull (strstr (hit->detail, "T-000002"));
      /* Groups whose best match is exact come first. */
      g_assert_true (g_ptr_array_index (results->groups, 0) == group);
    }
  assert_finds (f, "T-000002", CD_SEARCH_TICKETS, mentions);
  {
    g_autoptr(CdSearchResults) results = search (f, "T-999999", 10);
    g_assert_null (cd_search_results_get_group (results, CD_SEARCH_TICKETS));
  }
}

/* /core/search/ranking ---------------------------------------------------------------- */

static void
test_ranking (Fixture       *f,
              gconstpointer  data)
{
  gint64 c = customer (f, "Someone", NULL, NULL);
  gint64 in_title_old = ticket (f, c, "Refund for the blender", NULL);
  gint64 in_text = ticket (f, c, "Blender broken", "The customer wants a refund");
  gint64 in_title_new = ticket (f, c, "Refund after return", NULL);
  g_autoptr(GArray) ids = found (f, "refund", CD_SEARCH_TICKETS);

  /* In the subject before in the description; newest first within. */
  g_assert_cmpuint (ids->len, ==, 3);
  g_assert_cmpint (g_array_index (ids, gint64, 0), ==, in_title_new);
  g_assert_cmpint (g_array_index (ids, gint64, 1), ==, in_title_old);
  g_assert_cmpint (g_array_index (ids, gint64, 2), ==, in_text);

  /* The limit keeps the best; the count counts all. */
  {
    g_autoptr(CdSearchResults) results = search (f, "refund", 2);
    CdSearchGroup *group = cd_search_results_get_group (results, CD_SEARCH_TICKETS);

    g_assert_cmpuint (group->hits->len, ==, 2);
    g_assert_cmpuint (group->count, ==, 3);
    g_assert_false (group->more);
    g_assert_cmpint (((CdSearchHit *) g_ptr_array_index (group->hits, 0))->match, ==, CD_SEARCH_MATCH_TITLE);
  }

  /* A group whose best match is in names comes before one whose best is
   * in text. */
  {
    g_autoptr(CdSearchResults) results = NULL;

    customer (f, "Blender Wang", NULL, NULL);
    insert (f->store, "ticket_events", "ticket_id", "1", "kind", "note_public", "body", "blender sent", "created_at", "1", NULL);
    results = search (f, "blender", 10);
    g_assert_cmpuint (results->groups->len, ==, 3);
    g_assert_cmpint (((CdSearchGroup *) g_ptr_array_index (results->groups, 0))->kind, ==, CD_SEARCH_CUSTOMERS);
    g_assert_cmpint (((CdSearchGroup *) g_ptr_array_index (results->groups, 1))->kind, ==, CD_SEARCH_TICKETS);
    g_assert_cmpint (((CdSearchGroup *) g_ptr_array_index (results->groups, 2))->kind, ==, CD_SEARCH_NOTES);
  }
}

static void
test_counts (Fixture       *f,
             gconstpointer  data)
{
  gint64 c = customer (f, "Someone", NULL, NULL);
  gint64 t = ticket (f, c, "Many notes", NULL);
  g_autofree char *tid = num (t);
  g_autoptr(GError) error = NULL;

  g_assert_true (cd_store_begin (f->store, &error));
  for (guint i = 0; i < CD_SEARCH_MAX_COUNT + 5; i++)
    insert (f->store, "ticket_events", "ticket_id", tid, "kind", "note_public", "body", "courier collected it",
            "created_at", "1", NULL);
  g_assert_true (cd_store_commit (f->store, &error));

  {
    g_autoptr(CdSearchResults) results = search (f, "courier", 5);
    CdSearchGroup *group = cd_search_results_get_group (results, CD_SEARCH_NOTES);

    g_assert_cmpuint (group->count, ==, CD_SEARCH_MAX_COUNT);
    g_assert_true (group->more);
    g_assert_cmpuint (group->hits->len, ==, 5);
    /* A note opens its ticket. */
    g_assert_cmpint (((CdSearchHit *) g_ptr_array_index (group->hits, 0))->target_id, ==, t);
  }
}

/* Pango markup is XML inside an element. */
static gboolean
markup_ok (const char *markup)
{
  static const GMarkupParser parser = { 0 };
  g_autoptr(GMarkupParseContext) context = g_markup_parse_context_new (&parser, 0, NULL, NULL);
  g_autofree char *wrapped = g_strdup_printf ("<markup>%s</markup>", markup);

  return g_markup_parse_context_parse (context, wrapped, -1, NULL) &&
         g_markup_parse_context_end_parse (context, NULL);
}

/* /core/search/highlight ---------------------------------------------------------------- */

static void
test_highlight (Fixture       *f,
                gconstpointer  data)
{
  struct {
    const char *query;
    const char *text;
    const char *markup;
  } cases[] = {
    { "garcia", "María García <López>", "María <b>García</b> &lt;López&gt;" },
    { "gar lop", "María García López", "María <b>Gar</b>cía <b>Lóp</b>ez" },
    { "张伟", "客户张伟明来电", "客户<b>张伟</b>明来电" },
    { "张", "张伟", "<b>张</b>伟" },
    { "5678", "138 1234 5678", "138 1234 <b>5678</b>" },
    { "13812345678", "call 138-1234-5678 now", "call <b>138-1234-5678</b> now" },
    { "163.com", "wang@163.com", "wang@<b>163</b>.<b>com</b>" },
    { "li", "Li Na and Lisa, not Emily", "<b>Li</b> Na and <b>Li</b>sa, not Emily" },
    { "a", "a bad cat", "<b>a</b> bad cat" },
    { "nothing", "at all & more", "at all &amp; more" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(CdSearchQuery) query = cd_search_query_new (cases[i].query);
      g_autofree char *markup = cd_search_query_highlight (query, cases[i].text);

      g_assert_cmpstr (markup, ==, cases[i].markup);
      g_assert_true (markup_ok (markup));
    }

  {
    g_autoptr(CdSearchQuery) query = cd_search_query_new ("refund");
    g_autofree char *excerpt = NULL;
    g_autoptr(GString) text = g_string_new (NULL);

    for (guint i = 0; i < 30; i++)
      g_string_append (text, "words before the match\n");
    g_string_append (text, "and here the refund was approved");
    for (guint i = 0; i < 30; i++)
      g_string_append (text, " and more words after it");
    excerpt = cd_search_query_excerpt (query, text->str, 80);
    g_assert_true (g_str_has_prefix (excerpt, "…"));
    g_assert_true (g_str_has_suffix (excerpt, "…"));
    g_assert_nonnull (strstr (excerpt, "refund"));
    g_assert_null (strchr (excerpt, '\n'));
    g_assert_cmpint (g_utf8_strlen (excerpt, -1), <=, 82);
    g_assert_null (cd_search_query_excerpt (query, "no match here", 80));
  }
}

/* /core/search/consistency -------------------------------------------------------------- */

static void
test_consistency (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 c = customer (f, "张伟", "13812345678", "zw@example.com");
  gint64 gone = customer (f, "Temporary Person", "13900001111", NULL);
  gint64 t = ticket (f, c, "退款还没到账", "Card refund, not arrived");
  g_autofree char *tid = num (t);
  g_autofree char *cid = num (c);
  gint64 complaint = insert (f->store, "complaints", "customer_id", cid, "summary", "快递破损", "details", "外箱压坏", NULL);
  g_autofree char *pid = num (complaint);
  gint64 followup = insert (f->store, "followups", "complaint_id", pid, "due_at", "1", "assignee_id", "1",
                            "notes", "客户不在家", NULL);
  gint64 article = insert (f->store, "kb_articles", "title", "Refund timelines", "body", "Card: 3–5 days", "tags",
                           "refund", NULL);

  insert (f->store, "ticket_events", "ticket_id", tid, "kind", "note_public", "body", "已退款", "created_at", "1", NULL);
  /* Timeline entries without text are not indexed. */
  insert (f->store, "ticket_events", "ticket_id", tid, "kind", "status", "old_value", "new", "new_value", "open",
          "created_at", "1", NULL);
  assert_index_consistent (f);

  /* Every kind of change: renames, new phones, new text, text removed,
   * records deleted. */
  update (f->store, "customers", c, "name", "张伟明");
  update (f->store, "customers", c, "phone", "02165521234");
  update (f->store, "customers", c, "phone2", "13998765432");
  update (f->store, "tickets", t, "description", NULL);
  update (f->store, "tickets", t, "subject", "Refund arrived");
  update (f->store, "complaints", complaint, "details", "包装完好");
  update (f->store, "followups", followup, "notes", "");
  update (f->store, "kb_articles", article, "body", "银行卡：3–5 个工作日");
  g_assert_true (cd_store_delete (f->store, "customers", gone, 0, &error));
  g_assert_no_error (error);
  assert_index_consistent (f);

  assert_finds (f, "张伟明", CD_SEARCH_CUSTOMERS, c);
  assert_finds (f, "6552", CD_SEARCH_CUSTOMERS, c);
  assert_misses (f, "5678", CD_SEARCH_CUSTOMERS, c);
  assert_finds (f, "9876", CD_SEARCH_CUSTOMERS, c);
  assert_misses (f, "temporary", CD_SEARCH_CUSTOMERS, gone);
  assert_misses (f, "退款", CD_SEARCH_TICKETS, t);
  assert_finds (f, "arrived", CD_SEARCH_TICKETS, t);
  assert_finds (f, "包装", CD_SEARCH_COMPLAINTS, complaint);
  assert_misses (f, "压坏", CD_SEARCH_COMPLAINTS, complaint);
  assert_misses (f, "不在家", CD_SEARCH_FOLLOWUPS, followup);
  assert_finds (f, "工作日", CD_SEARCH_ARTICLES, article);

  /* A ticket deleted takes its timeline with it (a cascade fires the
   * triggers too). */
  cd_store_exec (f->store, "PRAGMA foreign_keys = ON", NULL);
  g_assert_true (cd_store_exec (f->store, "DELETE FROM complaints", &error));
  g_assert_true (cd_store_exec (f->store, "DELETE FROM tickets", &error));
  g_assert_no_error (error);
  assert_index_consistent (f);
  assert_misses (f, "已退款", CD_SEARCH_NOTES, 1);

  /* Ten thousand characters, Chinese and emoji, quotes. */
  {
    g_autoptr(GString) text = g_string_new ("\"quoted\" 'single' ");
    gint64 big;

    while (g_utf8_strlen (text->str, -1) < 10000)
      g_string_append (text, "长文本😀测试 ");
    big = ticket (f, c, "Long one", text->str);
    assert_index_consistent (f);
    assert_finds (f, "长文本", CD_SEARCH_TICKETS, big);
    assert_finds (f, "quoted", CD_SEARCH_TICKETS, big);
  }
}

/* /core/search/async --------------------------------------------------------------------- */

typedef struct {
  GMainLoop       *loop;
  CdSearchResults *results;
  GError          *error;
  guint            done;
} AsyncData;

static void
search_done_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  AsyncData *d = user_data;
  GError *error = NULL;
  CdSearchResults *results = cd_search_run_finish (CD_STORE (source), result, &error);

  d->done++;
  if (results != NULL)
    {
      g_clear_pointer (&d->results, cd_search_results_free);
      d->results = results;
    }
  else
    {
      g_clear_error (&d->error);
      d->error = error;
    }
  if (d->done == 2)
    g_main_loop_quit (d->loop);
}

static void
test_async (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(GCancellable) stale = g_cancellable_new ();
  g_autoptr(CdSearchQuery) old_query = cd_search_query_new ("wan");
  g_autoptr(CdSearchQuery) new_query = cd_search_query_new ("wang");
  AsyncData d = { g_main_loop_new (NULL, FALSE), NULL, NULL, 0 };
  gint64 c = customer (f, "Wang Fang", NULL, NULL);

  /* A search overtaken by the next keystroke does not run. */
  cd_search_run_async (f->store, old_query, CD_SEARCH_ALL_KINDS, 5, stale, search_done_cb, &d);
  g_cancellable_cancel (stale);
  cd_search_run_async (f->store, new_query, CD_SEARCH_ALL_KINDS, 5, NULL, search_done_cb, &d);
  g_main_loop_run (d.loop);

  g_assert_error (d.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_nonnull (d.results);
  g_assert_cmpstr (cd_search_query_get_text (d.results->query), ==, "wang");
  g_assert_cmpint (((CdSearchHit *) g_ptr_array_index (cd_search_results_get_group (d.results, CD_SEARCH_CUSTOMERS)->hits, 0))->id, ==, c);
  g_clear_pointer (&d.results, cd_search_results_free);
  g_clear_error (&d.error);
  g_main_loop_unref (d.loop);
}

/* /core/search/masking -------------------------------------------------------------------- */

static void
test_masking (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gint64 c = customer (f, "Masked Person", "13812345678", "zhang.wei@example.com");

  insert (f->store, "staff", "login", "rep", "display_name", "Rep", "role", "rep", NULL);
  g_assert_true (cd_store_sign_in (f->store, "rep", NULL, &error));
  {
    g_autoptr(CdSearchResults) results = search (f, "5678", 5);
    CdSearchHit *hit = g_ptr_array_index (cd_search_results_get_group (results, CD_SEARCH_CUSTOMERS)->hits, 0);

    g_assert_cmpint (hit->id, ==, c);
    /* A rep who does not own the customer sees them masked, as in lists. */
    g_assert_null (strstr (hit->detail, "13812345678"));
    g_assert_nonnull (strstr (hit->detail, "138****5678"));
    g_assert_null (strstr (hit->detail, "zhang.wei@"));
  }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/core/search/tokens", test_tokens);
  ADD ("/core/search/chinese", test_chinese);
  ADD ("/core/search/latin", test_latin);
  ADD ("/core/search/phones", test_phones);
  ADD ("/core/search/ticket-numbers", test_ticket_numbers);
  ADD ("/core/search/ranking", test_ranking);
  ADD ("/core/search/counts", test_counts);
  ADD ("/core/search/highlight", test_highlight);
  ADD ("/core/search/consistency", test_consistency);
  ADD ("/core/search/async", test_async);
  ADD ("/core/search/masking", test_masking);
#undef ADD

  return g_test_run ();
}
