/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "caredesk-test-knowledge"

#include "config.h"

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <string.h>

#include "cd-knowledge.h"
#include "cd-store.h"
#include "cd-store-private.h"
#include "cd-ticket.h"

/* The knowledge base and canned replies: articles written, edited by two
 * people at once, archived, listed and searched; links to tickets and
 * complaints; replies of the team and one's own; and placeholders. */

typedef struct {
  char    *dir;
  char    *path;
  CdStore *store;
  gint64   admin, rep, other_rep;
  gint64   customer, ticket, complaint;
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
sign_in (Fixture    *f,
         const char *login)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (cd_store_sign_in (f->store, login, NULL, &error));
  g_assert_no_error (error);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *customer = NULL;

  f->dir = g_dir_make_tmp ("caredesk-knowledge-XXXXXX", &error);
  g_assert_no_error (error);
  f->path = g_build_filename (f->dir, "team.caredesk", NULL);
  f->store = cd_store_open (f->path, CD_STORE_OPEN_CREATE | CD_STORE_OPEN_NO_WATCH, &error);
  g_assert_no_error (error);
  sign_in (f, "admin");
  f->admin = cd_store_get_staff_id (f->store);
  f->rep = insert (f->store, "staff", "login", "lina", "display_name", "李娜", "role", "rep", NULL);
  f->other_rep = insert (f->store, "staff", "login", "tom", "display_name", "Tom", "role", "rep", NULL);
  f->customer = insert (f->store, "customers", "name", "张伟", NULL);
  customer = g_strdup_printf ("%" G_GINT64_FORMAT, f->customer);
  f->ticket = insert (f->store, "tickets", "customer_id", customer, "subject", "退款还没到账", NULL);
  f->complaint = insert (f->store, "complaints", "customer_id", customer, "summary", "快递破损", NULL);
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

static gint64
new_article (Fixture    *f,
             const char *title,
             const char *category,
             const char *tags,
             const char *body)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CdArticle) article = cd_article_new ();
  gint64 id;

  g_free (article->title);
  article->title = g_strdup (title);
  article->category = g_strdup (category);
  article->tags = g_strdup (tags);
  g_free (article->body);
  article->body = g_strdup (body);
  id = cd_article_create (f->store, article, &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  return id;
}

static gint64
audit_rows (Fixture    *f,
            const char *entity,
            gint64      id)
{
  g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM audit_log WHERE entity = '%s' AND entity_id = %" G_GINT64_FORMAT,
                                          entity, id);
  return cd_store_query_int (f->store, sql, CD_NO_BIND, -1, NULL);
}

/* /core/knowledge/articles ---------------------------------------------------- */

static void
test_articles (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CdArticle) loaded = NULL;
  g_autoptr(CdArticle) first = NULL;
  g_autoptr(CdArticle) second = NULL;
  gint64 id;

  /* Everyone writes the knowledge base, a rep too, and is its author. */
  sign_in (f, "lina");
  id = new_article (f, "  退款到账时间  ", " Billing ", "退款, Alipay，退款 ,  alipay, wechat", "银行卡：3–5 个工作日。");
  loaded = cd_article_load (f->store, id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (loaded->title, ==, "退款到账时间");
  g_assert_cmpstr (loaded->category, ==, "Billing");
  g_assert_cmpstr (loaded->tags, ==, "退款, Alipay, wechat");
  g_assert_cmpint (loaded->author_id, ==, f->rep);
  g_assert_cmpstr (loaded->author_name, ==, "李娜");
  g_assert_false (loaded->archived);
  g_assert_cmpint (audit_rows (f, "kb_articles", id), >, 0);

  /* Bad input says what is wrong and writes nothing. */
  {
    g_autoptr(CdArticle) bad = cd_article_copy (loaded);
    g_autofree char *long_title = g_strnfill (CD_ARTICLE_TITLE_MAX_CHARS + 1, 'x');
    g_autofree char *message = NULL;

    g_free (bad->title);
    bad->title = g_strdup ("   ");
    g_assert_cmpint (cd_article_create (f->store, bad, &error), ==, 0);
    g_assert_error (error, CD_STORE_ERROR, CD_STORE_ERROR_INVALID);
    g_clear_error (&error);
    message = cd_article_validate_title (long_title);
    g_assert_nonnull (message);
    g_assert_null (cd_article_validate_title ("好标题 😀"));
    g_assert_cmpint (cd_store_query_int (f->store, "SELECT count(*) FROM kb_articles", CD_NO_BIND, -1, NULL), ==, 1);
  }

  /* Two people edit the same article: the second is told. */
  first = cd_article_load (f->store, id, &error);
  second = cd_article_load (f->store, id, &error);
  g_free (first->body);
  first->body = g_strdup ("银行卡：3–5 个工作日。\n- 支付宝：24 小时内");
  g_assert_true (cd_article_update (f->store, first, first->version, &error));
  g_assert_no_error (error);
  g_free (second->title);
  second->title = g_strdup ("Refund timelines");
  g_assert_false (cd_article_update (f->store, second, second->version, &error));
  g_assert_error (error, CD_STORE_ERROR, CD_STORE_ERROR_STALE);
  g_clear_error (&error);
  /* …and may overwrite. */
  g_assert_true (cd_article_update (f->store, second, 0, &error));
  g_assert_no_error (error);
  {
    g_autoptr(CdArticle) now = cd_article_load (f->store, id, &error);
    g_assert_cmpstr (now->title, ==, "Refund timelines");
    g_assert_cmpint (cd_store_query_int (f->store, "SELECT count(*) FROM audit_log WHERE entity = 'kb_articles'"
                                                   " AND action = 'overwrite'", CD_NO_BIND, -1, NULL), >, 0);
  }

  /* Archived, and back. */
  g_assert_true (cd_article_set_archived (f->store, id, 0, TRUE, &error));
  g_clear_pointer (&loaded, cd_article_free);
  loaded = cd_article_load (f->store, id, &error);
  g_assert_true (loaded->archived);
  g_assert_true (cd_article_set_archived (f->store, id, loaded->version, FALSE, &error));
  g_assert_no_error (error);

  {
    g_auto(GStrv) categories = NULL;

    new_article (f, "Courier claims", "Delivery", NULL, "Photos within 48 hours.");
    categories = cd_article_categories (f->store, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (g_strv_length (categories), ==, 2);
    g_assert_cmpstr (categories[0], ==, "Billing");
    g_assert_cmpstr (categories[1], ==, "Delivery");
  }

  g_assert_cmpint (cd_article_load (f->store, 9999, &error) == NULL, ==, TRUE);
  g_assert_error (error, CD_STORE_ERROR, CD_STORE_ERROR_NOT_FOUND);
}

static void
test_body_markup (Fixture       *f,
                  gconstpointer  data)
{
  g_autofree char *markup = cd_article_body_markup ("First <paragraph> & more.\n\n"
                                                    "- one\n* two\n1. three\n2、四\n\n"
                                                    "See https://help.example.com/a?b=1&c=2, or www.example.com.");

  g_assert_cmpstr (markup, ==,
                   "First &lt;paragraph&gt; &amp; more.\n\n"
                   "  •  one\n  •  two\n  1. three\n  2、四\n\n"
                   "See <a href=\"https://help.example.com/a?b=1&amp;c=2\">https://help.example.com/a?b=1&amp;c=2</a>, "
                   "or <a href=\"https://www.example.com\">www.example.com</a>.");
  g_free (markup);
  markup = cd_article_body_markup (NULL);
  g_assert_cmpstr (markup, ==, "");
}

/* /core/knowledge/list ---------------------------------------------------------- */

static guint
list_titles (CdRowModel  *model,
             const char **titles,
             guint        max)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (model));

  for (guint i = 0; i < n && i < max; i++)
    {
      g_autoptr(CdRow) row = g_list_model_get_item (G_LIST_MODEL (model), i);
      titles[i] = g_intern_string (cd_row_get_value (row, CD_ARTICLE_COL_TITLE));
    }
  return n;
}

static void
test_list (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CdRowModel) model = NULL;
  CdArticleFilter filter = { 0 };
  const char *titles[8];
  gint64 a = new_article (f, "Alpha refunds", "Billing", "refund", "How refunds work.");
  gint64 b = new_article (f, "Beta 快递", "Delivery", "courier", "快递员上门取件。");
  gint64 c = new_article (f, "Gamma", "Billing", NULL, "Nothing to see.");
  g_autofree char *complaint_text = NULL;

  /* The most linked first, then by title. */
  g_assert_cmpint (cd_article_link (f->store, b, CD_ARTICLE_LINK_TICKET, f->ticket, &error), >, 0);
  g_assert_cmpint (cd_article_link (f->store, b, CD_ARTICLE_LINK_COMPLAINT, f->complaint, &error), >, 0);
  g_assert_cmpint (cd_article_link (f->store, c, CD_ARTICLE_LINK_TICKET, f->ticket, &error), >, 0);
  g_assert_no_error (error);

  model = cd_articles_list_new (f->store, &filter);
  g_assert_cmpuint (list_titles (model, titles, 8), ==, 3);
  g_assert_cmpstr (titles[0], ==, "Beta 快递");
  g_assert_cmpstr (titles[1], ==, "Gamma");
  g_assert_cmpstr (titles[2], ==, "Alpha refunds");
  {
    g_autoptr(CdRow) row = g_list_model_get_item (G_LIST_MODEL (model), 0);
    g_assert_cmpint (cd_row_get_int (row, CD_ARTICLE_COL_LINKS, -1), ==, 2);
  }

  filter.sort = CD_ARTICLE_SORT_TITLE;
  cd_articles_list_set_filter (model, &filter);
  list_titles (model, titles, 8);
  g_assert_cmpstr (titles[0], ==, "Alpha refunds");

  /* Searched within articles, as the global search does. */
  filter.text = "refu";
  cd_articles_list_set_filter (model, &filter);
  g_assert_cmpuint (list_titles (model, titles, 8), ==, 1);
  g_assert_cmpstr (titles[0], ==, "Alpha refunds");
  filter.text = "快递员";
  cd_articles_list_set_filter (model, &filter);
  g_assert_cmpuint (list_titles (model, titles, 8), ==, 1);
  g_assert_cmpstr (titles[0], ==, "Beta 快递");
  filter.text = "快";
  cd_articles_list_set_filter (model, &filter);
  g_assert_cmpuint (list_titles (model, titles, 8), ==, 1);
  filter.text = "no such words";
  cd_articles_list_set_filter (model, &filter);
  g_assert_cmpuint (list_titles (model, titles, 8), ==, 0);

  /* By category; archived ones apart. */
  filter.text = NULL;
  filter.category = "Billing";
  cd_articles_list_set_filter (model, &filter);
  g_assert_cmpuint (list_titles (model, titles, 8), ==, 2);
  g_assert_true (cd_article_set_archived (f->store, a, 0, TRUE, &error));
  cd_row_model_refresh (model);
  g_assert_cmpuint (list_titles (model, titles, 8), ==, 1);
  filter.archived = TRUE;
  cd_articles_list_set_filter (model, &filter);
  g_assert_cmpuint (list_titles (model, titles, 8), ==, 1);
  g_assert_cmpstr (titles[0], ==, "Alpha refunds");
  complaint_text = NULL;
}

/* /core/knowledge/links ---------------------------------------------------------- */

static void
test_links (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) links = NULL;
  gint64 article, archived, link;

  sign_in (f, "lina");
  article = new_article (f, "Refund timelines", NULL, NULL, "Card: 3–5 days");
  archived = new_article (f, "Old policy", NULL, NULL, "Gone");
  g_assert_true (cd_article_set_archived (f->store, archived, 0, TRUE, &error));

  link = cd_article_link (f->store, article, CD_ARTICLE_LINK_TICKET, f->ticket, &error);
  g_assert_no_error (error);
  g_assert_cmpint (link, >, 0);
  g_assert_cmpint (audit_rows (f, "kb_article_links", link), >, 0);

  /* Twice, an archived article, something missing, a kind of record that
   * takes no links: refused, and nothing written. */
  g_assert_cmpint (cd_article_link (f->store, article, CD_ARTICLE_LINK_TICKET, f->ticket, &error), ==, 0);
  g_assert_error (error, CD_STORE_ERROR, CD_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpint (cd_article_link (f->store, archived, CD_ARTICLE_LINK_TICKET, f->ticket, &error), ==, 0);
  g_assert_error (error, CD_STORE_ERROR, CD_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpint (cd_article_link (f->store, article, CD_ARTICLE_LINK_TICKET, 9999, &error), ==, 0);
  g_assert_error (error, CD_STORE_ERROR, CD_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_cmpint (cd_article_link (f->store, 9999, CD_ARTICLE_LINK_TICKET, f->ticket, &error), ==, 0);
  g_assert_error (error, CD_STORE_ERROR, CD_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_cmpint (cd_article_link (f->store, article, "customer", f->customer, &error), ==, 0);
  g_assert_error (error, CD_STORE_ERROR, CD_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpint (cd_store_query_int (f->store, "SELECT count(*) FROM kb_article_links", CD_NO_BIND, -1, NULL), ==, 1);

  g_assert_cmpint (cd_article_link (f->store, article, CD_ARTICLE_LINK_COMPLAINT, f->complaint, &error), >, 0);
  g_assert_cmpint (cd_store_query_int (f->store, "SELECT link_count FROM kb_articles WHERE id = ?", article, -1, NULL), ==, 2);

  links = cd_article_links_for (f->store, CD_ARTICLE_LINK_TICKET, f->ticket, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (links->len, ==, 1);
  {
    CdArticleLink *l = g_ptr_array_index (links, 0);

    g_assert_cmpint (l->article_id, ==, article);
    g_assert_cmpstr (l->article_title, ==, "Refund timelines");
    g_assert_cmpstr (l->linked_by_name, ==, "李娜");
    g_assert_cmpstr (l->entity_title, ==, "T-000001 · 退款还没到账");
  }
  g_clear_pointer (&links, g_ptr_array_unref);

  links = cd_article_links_of (f->store, article, &error);
  g_assert_cmpuint (links->len, ==, 2);
  g_clear_pointer (&links, g_ptr_array_unref);

  g_assert_true (cd_article_unlink (f->store, link, &error));
  g_assert_no_error (error);
  g_assert_cmpint (cd_store_query_int (f->store, "SELECT link_count FROM kb_articles WHERE id = ?", article, -1, NULL), ==, 1);
  links = cd_article_links_for (f->store, CD_ARTICLE_LINK_TICKET, f->ticket, &error);
  g_assert_cmpuint (links->len, ==, 0);
}

/* /core/knowledge/replies ---------------------------------------------------------- */

static gint64
new_reply (Fixture    *f,
           const char *title,
           const char *body,
           gboolean    personal)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CdCannedReply) reply = cd_canned_reply_new ();
  gint64 id;

  g_free (reply->title);
  reply->title = g_strdup (title);
  g_free (reply->body);
  reply->body = g_strdup (body);
  id = cd_canned_reply_create (f->store, reply, personal, &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  return id;
}

static void
test_replies (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) list = NULL;
  gint64 team, mine, theirs;

  sign_in (f, "lina");
  team = new_reply (f, "Refund approved", "Dear {customer}, your refund is approved.", FALSE);
  mine = new_reply (f, "My signature", "Regards, {me}", TRUE);
  new_reply (f, "退款已审批", "{customer}您好：退款已审批。", FALSE);
  sign_in (f, "tom");
  theirs = new_reply (f, "Tom's own", "Cheers, {me}", TRUE);

  /* Tom sees the team's and his own, not Li Na's. */
  list = cd_canned_replies_list (f->store, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 3);
  for (guint i = 0; i < list->len; i++)
    g_assert_cmpint (((CdCannedReply *) g_ptr_array_index (list, i))->id, !=, mine);
  g_clear_pointer (&list, g_ptr_array_unref);

  /* …and may not change it. */
  {
    g_autoptr(CdCannedReply) reply = NULL;

    sign_in (f, "lina");
    reply = cd_canned_reply_load (f->store, mine, &error);
    sign_in (f, "tom");
    g_assert_false (cd_canned_reply_update (f->store, reply, 0, &error));
    g_assert_error (error, CD_STORE_ERROR, CD_STORE_ERROR_PERMISSION);
    g_clear_error (&error);
    g_assert_false (cd_canned_reply_delete (f->store, mine, 0, &error));
    g_assert_error (error, CD_STORE_ERROR, CD_STORE_ERROR_PERMISSION);
    g_clear_error (&error);
  }
  /* The team's are everyone's. */
  {
    g_autoptr(CdCannedReply) reply = cd_canned_reply_load (f->store, team, &error);

    g_free (reply->body);
    reply->body = g_strdup ("Dear {customer}, your refund of {ticket} is approved.");
    g_assert_true (cd_canned_reply_update (f->store, reply, reply->version, &error));
    g_assert_no_error (error);
    /* A second save with the old version is stale. */
    g_assert_false (cd_canned_reply_update (f->store, reply, reply->version, &error));
    g_assert_error (error, CD_STORE_ERROR, CD_STORE_ERROR_STALE);
    g_clear_error (&error);
  }

  /* Filtered by title or text; titles that start with it first. */
  list = cd_canned_replies_list (f->store, "ref", &error);
  g_assert_cmpuint (list->len, ==, 1);
  g_clear_pointer (&list, g_ptr_array_unref);
  list = cd_canned_replies_list (f->store, "退款", &error);
  g_assert_cmpuint (list->len, ==, 1);
  g_clear_pointer (&list, g_ptr_array_unref);
  list = cd_canned_replies_list (f->store, "t", &error);
  g_assert_cmpuint (list->len, ==, 3);
  g_assert_cmpstr (((CdCannedReply *) g_ptr_array_index (list, 0))->title, ==, "Tom's own");
  g_assert_cmpstr (((CdCannedReply *) g_ptr_array_index (list, 1))->title, ==, "Refund approved");
  g_clear_pointer (&list, g_ptr_array_unref);
  list = cd_canned_replies_list (f->store, "100%_", &error);
  g_assert_cmpuint (list->len, ==, 0);
  g_clear_pointer (&list, g_ptr_array_unref);

  g_assert_true (cd_canned_reply_delete (f->store, theirs, 0, &error));
  g_assert_no_error (error);

  /* Validation as one types. */
  {
    g_autofree char *empty = cd_canned_reply_validate_body ("  \n ");
    g_autofree char *title = cd_canned_reply_validate_title ("");
    g_auto(GStrv) unknown = cd_canned_reply_unknown_placeholders ("Hi {custmer}, {customer} {custmer} {名字} {ME}");

    g_assert_nonnull (empty);
    g_assert_nonnull (title);
    g_assert_cmpuint (g_strv_length (unknown), ==, 2);
    g_assert_cmpstr (unknown[0], ==, "{custmer}");
    g_assert_cmpstr (unknown[1], ==, "{名字}");
  }
}

static void
test_placeholders (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  CdReplyValues values = { "张伟", "李娜", "T-000123", "7 Dec 2026, 14:00" };
  CdReplyValues partial = { "张伟", NULL, NULL, NULL };
  struct {
    const char          *body;
    const CdReplyValues *values;
    const char          *filled;
  } cases[] = {
    { "Dear {customer}, I am {me}. About {ticket}: by {promised}.", &values,
      "Dear 张伟, I am 李娜. About T-000123: by 7 Dec 2026, 14:00." },
    { "{customer}您好：{Customer}", &values, "张伟您好：张伟" },
    /* Unknown ones, and known ones without a value, stay visible. */
    { "Hi {custmer} and {customer}, see {ticket}", &partial, "Hi {custmer} and 张伟, see {ticket}" },
    { "{{customer}} {} { customer } {customer", &values, "{张伟} {} { customer } {customer" },
    { "", &values, "" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *filled = cd_canned_reply_fill (cases[i].body, cases[i].values);
      g_assert_cmpstr (filled, ==, cases[i].filled);
    }

  /* For a ticket: its customer, the person signed in, its number, and the
   * reply promised on escalation. */
  sign_in (f, "lina");
  {
    g_autoptr(CdTicket) ticket = cd_ticket_load (f->store, f->ticket, &error);
    g_autofree char *filled = NULL;
    g_autofree char *without = NULL;

    g_assert_no_error (error);
    without = cd_canned_reply_fill_for_ticket (f->store, "{customer}/{me}/{ticket}/{promised}", ticket);
    g_assert_cmpstr (without, ==, "张伟/李娜/T-000001/{promised}");
    ticket->escalation_due = 1796623200; /* 2026-12-07 14:00 in Shanghai */
    filled = cd_canned_reply_fill_for_ticket (f->store, "{promised}", ticket);
    g_assert_nonnull (strstr (filled, "2026"));
    g_test_message ("promised: %s", filled);
    g_assert_nonnull (strstr (filled, "14:00"));
  }
  g_assert_cmpuint (g_strv_length ((GStrv) cd_canned_reply_placeholders ()), ==, 4);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/core/knowledge/articles", test_articles);
  ADD ("/core/knowledge/body-markup", test_body_markup);
  ADD ("/core/knowledge/list", test_list);
  ADD ("/core/knowledge/links", test_links);
  ADD ("/core/knowledge/replies", test_replies);
  ADD ("/core/knowledge/placeholders", test_placeholders);
#undef ADD

  return g_test_run ();
}
