/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "caredesk-search"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "cd-customers.h"
#include "cd-datetime.h"
#include "cd-search-private.h"
#include "cd-search-schema-private.h"
#include "cd-ticket.h"
#include "cd-validate.h"

/* Running a query: per kind, the newest matches in the titles and in
 * everything (counted as they are read, up to CD_SEARCH_MAX_COUNT + 1),
 * the exact matches an index answers directly, and then what shows of
 * the few hits that make the cut, read in one statement per kind. */

/* Kinds ---------------------------------------------------------------------- */

static const CdSearchKindInfo kinds[CD_SEARCH_N_KINDS] = {
  { CD_SEARCH_CUSTOMERS, "customers", "customers", TRUE, TRUE,
    "SELECT r.id, " CD_SEARCH_CUSTOMERS_TITLE ("r") ", " CD_SEARCH_CUSTOMERS_BODY ("r") ", r.phone, r.phone2"
    " FROM customers r WHERE r.id > ?1 AND r.id <= ?2 ORDER BY r.id LIMIT ?3" },
  { CD_SEARCH_TICKETS, "tickets", "tickets", TRUE, FALSE,
    "SELECT r.id, " CD_SEARCH_TICKETS_TITLE ("r") ", " CD_SEARCH_TICKETS_BODY ("r") ", NULL, NULL"
    " FROM tickets r WHERE r.id > ?1 AND r.id <= ?2 ORDER BY r.id LIMIT ?3" },
  { CD_SEARCH_COMPLAINTS, "complaints", "complaints", TRUE, FALSE,
    "SELECT r.id, " CD_SEARCH_COMPLAINTS_TITLE ("r") ", " CD_SEARCH_COMPLAINTS_BODY ("r") ", NULL, NULL"
    " FROM complaints r WHERE r.id > ?1 AND r.id <= ?2 ORDER BY r.id LIMIT ?3" },
  { CD_SEARCH_NOTES, "notes", "ticket_events", FALSE, FALSE,
    "SELECT r.id, NULL, " CD_SEARCH_NOTES_BODY ("r") ", NULL, NULL"
    " FROM ticket_events r WHERE r.id > ?1 AND r.id <= ?2 AND " CD_SEARCH_NOTES_COND ("r") " ORDER BY r.id LIMIT ?3" },
  { CD_SEARCH_FOLLOWUPS, "followups", "followups", FALSE, FALSE,
    "SELECT r.id, NULL, " CD_SEARCH_FOLLOWUPS_BODY ("r") ", NULL, NULL"
    " FROM followups r WHERE r.id > ?1 AND r.id <= ?2 AND " CD_SEARCH_FOLLOWUPS_COND ("r") " ORDER BY r.id LIMIT ?3" },
  { CD_SEARCH_ARTICLES, "articles", "kb_articles", TRUE, TRUE,
    "SELECT r.id, " CD_SEARCH_ARTICLES_TITLE ("r") ", " CD_SEARCH_ARTICLES_BODY ("r") ", NULL, NULL"
    " FROM kb_articles r WHERE r.id > ?1 AND r.id <= ?2 ORDER BY r.id LIMIT ?3" },
};

const CdSearchKindInfo *
cd_search_kind_info (CdSearchKind kind)
{
  g_return_val_if_fail (kind < CD_SEARCH_N_KINDS, NULL);
  return &kinds[kind];
}

const char *
cd_search_kind_label (CdSearchKind kind)
{
  switch (kind)
    {
    case CD_SEARCH_CUSTOMERS: return _("Customers");
    case CD_SEARCH_TICKETS: return _("Tickets");
    case CD_SEARCH_COMPLAINTS: return _("Complaints");
    case CD_SEARCH_NOTES: return _("Ticket Notes");
    case CD_SEARCH_FOLLOWUPS: return _("Follow-up Notes");
    case CD_SEARCH_ARTICLES: return _("Knowledge Base");
    case CD_SEARCH_N_KINDS:
    default:
      g_return_val_if_reached ("");
    }
}

const char *
cd_search_kind_icon_name (CdSearchKind kind)
{
  switch (kind)
    {
    case CD_SEARCH_CUSTOMERS: return "avatar-default-symbolic";
    case CD_SEARCH_TICKETS: return "mail-unread-symbolic";
    case CD_SEARCH_COMPLAINTS: return "dialog-warning-symbolic";
    case CD_SEARCH_NOTES: return "document-edit-symbolic";
    case CD_SEARCH_FOLLOWUPS: return "call-start-symbolic";
    case CD_SEARCH_ARTICLES: return "accessories-dictionary-symbolic";
    case CD_SEARCH_N_KINDS:
    default:
      g_return_val_if_reached ("");
    }
}

/* Results ---------------------------------------------------------------------- */

void
cd_search_hit_free (CdSearchHit *hit)
{
  if (hit == NULL)
    return;
  g_free (hit->title);
  g_free (hit->detail);
  g_free (hit->excerpt);
  g_free (hit);
}

static void
group_free (gpointer data)
{
  CdSearchGroup *group = data;

  g_ptr_array_unref (group->hits);
  g_free (group);
}

void
cd_search_results_free (CdSearchResults *results)
{
  if (results == NULL)
    return;
  g_clear_pointer (&results->query, cd_search_query_unref);
  g_ptr_array_unref (results->groups);
  g_free (results);
}

CdSearchGroup *
cd_search_results_get_group (CdSearchResults *results,
                             CdSearchKind     kind)
{
  g_return_val_if_fail (results != NULL, NULL);

  for (guint i = 0; i < results->groups->len; i++)
    {
      CdSearchGroup *group = g_ptr_array_index (results->groups, i);

      if (group->kind == kind)
        return group;
    }
  return NULL;
}

/* Finding ids --------------------------------------------------------------------- */

typedef struct {
  gint64        id;
  CdSearchMatch match;
} Found;

/* The ids found so far for one kind, best first, each once. */
typedef struct {
  GArray     *found;   /* Found */
  GHashTable *seen;    /* id → match + 1 */
} FoundList;

static void
found_add (FoundList     *list,
           gint64         id,
           CdSearchMatch  match)
{
  Found f = { id, match };

  if (g_hash_table_contains (list->seen, &id))
    return;
  g_hash_table_insert (list->seen, g_memdup2 (&id, sizeof id), GINT_TO_POINTER (match + 1));
  g_array_append_val (list->found, f);
}

/* The newest ids matching @match, at most @limit; appended with @tier. */
static gboolean
match_ids (CdStore       *store,
           const char    *table,
           const char    *match,
           guint          limit,
           GArray        *ids,
           GError       **error)
{
  g_autofree char *sql = g_strdup_printf ("SELECT rowid FROM search_%s WHERE search_%s MATCH ?1"
                                          " ORDER BY rowid DESC LIMIT ?2", table, table);
  sqlite3_stmt *stmt = cd_store_prepare (store, sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, match, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 2, limit);
  while ((rc = cd_store_step (store, stmt, error)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      g_array_append_val (ids, id);
    }
  sqlite3_reset (stmt);
  return rc == SQLITE_DONE;
}

static gboolean
exact_ids (CdStore       *store,
           const char    *sql,
           const char    *text,
           gint64         number,
           guint          limit,
           FoundList     *list,
           GError       **error)
{
  sqlite3_stmt *stmt = cd_store_prepare (store, sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  if (text != NULL)
    sqlite3_bind_text (stmt, 1, text, -1, SQLITE_TRANSIENT);
  else
    sqlite3_bind_int64 (stmt, 1, number);
  sqlite3_bind_int64 (stmt, 2, limit);
  while ((rc = cd_store_step (store, stmt, error)) == SQLITE_ROW)
    found_add (list, sqlite3_column_int64 (stmt, 0), CD_SEARCH_MATCH_EXACT);
  sqlite3_reset (stmt);
  return rc == SQLITE_DONE;
}

/* The exact matches an ordinary index answers: a ticket by its number,
 * a customer by the whole name, email or phone. */
static gboolean
find_exact (CdStore        *store,
            CdSearchQuery  *query,
            CdSearchKind    kind,
            guint           limit,
            FoundList      *list,
            GError        **error)
{
  if (kind == CD_SEARCH_TICKETS && query->ticket_id > 0)
    return exact_ids (store, "SELECT id FROM tickets WHERE id = ?1 LIMIT ?2", NULL, query->ticket_id, 1,
                      list, error);
  if (kind != CD_SEARCH_CUSTOMERS || query->exact == NULL || *query->exact == '\0')
    return TRUE;
  if (!exact_ids (store, "SELECT id FROM customers WHERE name = ?1 COLLATE NOCASE ORDER BY id DESC LIMIT ?2",
                  query->exact, 0, limit, list, error))
    return FALSE;
  if (strchr (query->exact, '@') != NULL &&
      !exact_ids (store, "SELECT id FROM customers WHERE email = ?1 COLLATE NOCASE ORDER BY id DESC LIMIT ?2",
                  query->exact, 0, limit, list, error))
    return FALSE;
  if (query->phone_digits != NULL &&
      (!exact_ids (store, "SELECT id FROM customers WHERE phone = ?1 ORDER BY id DESC LIMIT ?2",
                   query->phone_digits, 0, limit, list, error) ||
       !exact_ids (store, "SELECT id FROM customers WHERE phone2 = ?1 ORDER BY id DESC LIMIT ?2",
                   query->phone_digits, 0, limit, list, error)))
    return FALSE;
  return TRUE;
}

/* The newest ids of @kind matching @query (titles only, or all), at most
 * @limit. A word of two letters is the start of words only in the small
 * kinds (customers, articles): in a million texts it starts too many to
 * read as the person types. A word typed so far ("the") that is a common word in itself
 * already fills the list with whole-word matches, which an index reads
 * at once; all the words it starts ("then", "there"…) are read only when
 * it does not. */
static gboolean
newest_ids (CdStore        *store,
            CdSearchQuery  *query,
            CdSearchKind    kind,
            gboolean        titles_only,
            gboolean        whole_only,
            guint           limit,
            GArray         *ids,
            GError        **error)
{
  const CdSearchKindInfo *info = &kinds[kind];
  CdSearchExprFlags flags = (info->titled ? CD_SEARCH_EXPR_TITLED : 0) |
                            (titles_only ? CD_SEARCH_EXPR_TITLES_ONLY : 0) |
                            (kind == CD_SEARCH_CUSTOMERS ? CD_SEARCH_EXPR_DIGITS : 0) |
                            (info->small ? CD_SEARCH_EXPR_SHORT_PREFIXES : 0);
  g_autofree char *match = cd_search_query_match (query, flags);

  if (match == NULL)
    return TRUE;
  if (cd_search_query_has_prefix (query))
    {
      g_autofree char *whole = cd_search_query_match (query, flags | CD_SEARCH_EXPR_WHOLE_WORDS);

      if (!match_ids (store, info->name, whole, limit, ids, error))
        return FALSE;
      if (ids->len >= limit || whole_only)
        return TRUE;
      g_array_set_size (ids, 0);
    }
  return match_ids (store, info->name, match, limit, ids, error);
}

/* The ids of one kind's hits, best first (at most @limit), and how many
 * match in all. */
static gboolean
find_kind (CdStore        *store,
           CdSearchQuery  *query,
           CdSearchKind    kind,
           guint           limit,
           FoundList      *list,
           guint          *count,
           gboolean       *more,
           GError        **error)
{
  const CdSearchKindInfo *info = &kinds[kind];
  g_autoptr(GArray) all = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) titles = g_array_new (FALSE, FALSE, sizeof (gint64));
  guint n_all, n_exact;

  if (!find_exact (store, query, kind, limit, list, error))
    return FALSE;
  n_exact = list->found->len;

  if (!newest_ids (store, query, kind, FALSE, FALSE, CD_SEARCH_MAX_COUNT + 1, all, error))
    return FALSE;
  /* The title matches are among all matches: looked for only when there
   * are some, and only as many as show. Among more than can be counted,
   * a word still being typed ("cus") is not worth reading all the words
   * it starts once more: there the titles that hold it whole come first. */
  if (all->len > 0 && (info->titled || kind == CD_SEARCH_CUSTOMERS) &&
      !newest_ids (store, query, kind, TRUE, all->len > CD_SEARCH_MAX_COUNT, limit, titles, error))
    return FALSE;

  for (guint i = 0; i < titles->len; i++)
    found_add (list, g_array_index (titles, gint64, i), CD_SEARCH_MATCH_TITLE);
  for (guint i = 0; i < all->len && list->found->len < limit; i++)
    found_add (list, g_array_index (all, gint64, i), CD_SEARCH_MATCH_TEXT);

  /* Exact matches the text does not hold (a ticket by its number) count
   * too. */
  n_all = all->len;
  for (guint i = 0; i < n_exact; i++)
    {
      gint64 id = g_array_index (list->found, Found, i).id;
      gboolean in_all = FALSE;

      for (guint j = 0; j < all->len && !in_all; j++)
        in_all = g_array_index (all, gint64, j) == id;
      if (!in_all)
        n_all++;
    }
  *more = n_all > CD_SEARCH_MAX_COUNT;
  *count = MIN (n_all, CD_SEARCH_MAX_COUNT);
  if (list->found->len > limit)
    g_array_set_size (list->found, limit);
  return TRUE;
}

/* Reading the hits ------------------------------------------------------------------ */

static const char *
column_text (sqlite3_stmt *stmt,
             int           column)
{
  return (const char *) sqlite3_column_text (stmt, column);
}

static void
append_part (GString    *out,
             const char *part)
{
  if (part == NULL || *part == '\0')
    return;
  if (out->len > 0)
    g_string_append (out, " · ");
  g_string_append (out, part);
}

/* The ids as a JSON array, for json_each(). */
static char *
ids_json (GArray *found)
{
  GString *out = g_string_new ("[");

  for (guint i = 0; i < found->len; i++)
    g_string_append_printf (out, "%s%" G_GINT64_FORMAT, i > 0 ? "," : "", g_array_index (found, Found, i).id);
  g_string_append_c (out, ']');
  return g_string_free (out, FALSE);
}

static const char *const hit_sql[CD_SEARCH_N_KINDS] = {
  [CD_SEARCH_CUSTOMERS] =
    "SELECT c.id, c.name, c.organisation, c.phone, c.email, c.owner_id, c.archived,"
    " ifnull(c.address, '') || ' ' || ifnull(c.tags, '') || ' ' || ifnull(c.notes, ''), c.updated_at"
    " FROM customers c WHERE c.id IN (SELECT value FROM json_each(?1))",
  [CD_SEARCH_TICKETS] =
    "SELECT t.id, t.subject, t.description, t.customer_name, t.status, t.updated_at"
    " FROM tickets t WHERE t.id IN (SELECT value FROM json_each(?1))",
  [CD_SEARCH_COMPLAINTS] =
    "SELECT p.id, p.summary, ifnull(p.details, '') || ' ' || ifnull(p.resolution, '') || ' ' || ifnull(p.compensation, ''),"
    " (SELECT name FROM customers c WHERE c.id = p.customer_id), p.status, p.updated_at"
    " FROM complaints p WHERE p.id IN (SELECT value FROM json_each(?1))",
  [CD_SEARCH_NOTES] =
    "SELECT e.id, e.ticket_id, e.body, e.kind, (SELECT display_name FROM staff s WHERE s.id = e.author_id),"
    " e.created_at, t.subject"
    " FROM ticket_events e JOIN tickets t ON t.id = e.ticket_id WHERE e.id IN (SELECT value FROM json_each(?1))",
  [CD_SEARCH_FOLLOWUPS] =
    "SELECT f.id, f.complaint_id, f.notes, f.due_at, p.summary,"
    " (SELECT name FROM customers c WHERE c.id = p.customer_id), f.updated_at"
    " FROM followups f JOIN complaints p ON p.id = f.complaint_id WHERE f.id IN (SELECT value FROM json_each(?1))",
  [CD_SEARCH_ARTICLES] =
    "SELECT a.id, a.title, a.body, a.category, a.tags, a.archived, a.updated_at"
    " FROM kb_articles a WHERE a.id IN (SELECT value FROM json_each(?1))",
};

#define EXCERPT_CHARS 140

static const char *
event_label (const char *kind)
{
  if (g_strcmp0 (kind, "note_public") == 0)
    return _("Reply to the customer");
  if (g_strcmp0 (kind, "note_internal") == 0)
    return _("Internal note");
  if (g_strcmp0 (kind, "call") == 0)
    return _("Call");
  if (g_strcmp0 (kind, "escalation") == 0)
    return _("Escalation");
  if (g_strcmp0 (kind, "satisfaction") == 0)
    return _("Satisfaction comment");
  return _("Note");
}

static CdSearchHit *
read_hit (CdStore       *store,
          CdSearchQuery *query,
          CdSearchKind   kind,
          sqlite3_stmt  *stmt)
{
  CdSearchHit *hit = g_new0 (CdSearchHit, 1);
  g_autoptr(GString) detail = g_string_new (NULL);
  gint64 now = cd_store_now (store);

  hit->kind = kind;
  hit->id = sqlite3_column_int64 (stmt, 0);
  hit->target_id = hit->id;

  switch (kind)
    {
    case CD_SEARCH_CUSTOMERS:
      {
        const char *phone = column_text (stmt, 3);
        const char *email = column_text (stmt, 4);
        gboolean visible = cd_customer_contact_visible (store, sqlite3_column_int64 (stmt, 5));

        hit->title = g_strdup (column_text (stmt, 1));
        append_part (detail, column_text (stmt, 2));
        if (phone != NULL)
          {
            g_autofree char *shown = visible ? g_strdup (phone) : cd_mask_phone (phone);
            append_part (detail, shown);
          }
        if (email != NULL)
          {
            g_autofree char *shown = visible ? g_strdup (email) : cd_mask_email (email);
            append_part (detail, shown);
          }
        if (sqlite3_column_int (stmt, 6) != 0)
          append_part (detail, _("Archived"));
        hit->excerpt = cd_search_query_excerpt (query, column_text (stmt, 7), EXCERPT_CHARS);
        hit->when = sqlite3_column_int64 (stmt, 8);
      }
      break;

    case CD_SEARCH_TICKETS:
      {
        g_autofree char *number = cd_ticket_format_number (hit->id);
        int status = cd_ticket_status_from_nick (column_text (stmt, 4));

        hit->title = g_strdup (column_text (stmt, 1));
        append_part (detail, number);
        append_part (detail, column_text (stmt, 3));
        if (status >= 0)
          append_part (detail, cd_ticket_status_label (status));
        hit->excerpt = cd_search_query_excerpt (query, column_text (stmt, 2), EXCERPT_CHARS);
        hit->when = sqlite3_column_int64 (stmt, 5);
      }
      break;

    case CD_SEARCH_COMPLAINTS:
      {
        int status = cd_complaint_status_from_nick (column_text (stmt, 4));

        hit->title = g_strdup (column_text (stmt, 1));
        append_part (detail, column_text (stmt, 3));
        if (status >= 0)
          append_part (detail, cd_complaint_status_label (status));
        hit->excerpt = cd_search_query_excerpt (query, column_text (stmt, 2), EXCERPT_CHARS);
        hit->when = sqlite3_column_int64 (stmt, 5);
      }
      break;

    case CD_SEARCH_NOTES:
      {
        g_autofree char *number = cd_ticket_format_number (sqlite3_column_int64 (stmt, 1));
        g_autofree char *when = cd_datetime_format_when (sqlite3_column_int64 (stmt, 5), now);
        const char *body = column_text (stmt, 2);

        hit->target_id = sqlite3_column_int64 (stmt, 1);
        /* Translators: a ticket number and its subject */
        hit->title = g_strdup_printf (_("%s · %s"), number, column_text (stmt, 6));
        append_part (detail, event_label (column_text (stmt, 3)));
        append_part (detail, column_text (stmt, 4));
        append_part (detail, when);
        hit->excerpt = cd_search_query_excerpt (query, body, EXCERPT_CHARS);
        if (hit->excerpt == NULL)
          hit->excerpt = g_utf8_substring (body, 0, MIN (g_utf8_strlen (body, -1), EXCERPT_CHARS));
        hit->when = sqlite3_column_int64 (stmt, 5);
      }
      break;

    case CD_SEARCH_FOLLOWUPS:
      {
        g_autofree char *due = cd_datetime_format_when (sqlite3_column_int64 (stmt, 3), now);
        g_autofree char *due_text = g_strdup_printf (_("Follow-up due %s"), due);
        const char *notes = column_text (stmt, 2);

        hit->target_id = sqlite3_column_int64 (stmt, 1);
        hit->title = g_strdup (column_text (stmt, 4));
        append_part (detail, due_text);
        append_part (detail, column_text (stmt, 5));
        hit->excerpt = cd_search_query_excerpt (query, notes, EXCERPT_CHARS);
        if (hit->excerpt == NULL)
          hit->excerpt = g_utf8_substring (notes, 0, MIN (g_utf8_strlen (notes, -1), EXCERPT_CHARS));
        hit->when = sqlite3_column_int64 (stmt, 6);
      }
      break;

    case CD_SEARCH_ARTICLES:
      {
        const char *body = column_text (stmt, 2);

        hit->title = g_strdup (column_text (stmt, 1));
        append_part (detail, column_text (stmt, 3));
        append_part (detail, column_text (stmt, 4));
        if (sqlite3_column_int (stmt, 5) != 0)
          append_part (detail, _("Archived"));
        hit->excerpt = cd_search_query_excerpt (query, body, EXCERPT_CHARS);
        if (hit->excerpt == NULL && body != NULL)
          hit->excerpt = g_utf8_substring (body, 0, MIN (g_utf8_strlen (body, -1), EXCERPT_CHARS));
        hit->when = sqlite3_column_int64 (stmt, 6);
      }
      break;

    case CD_SEARCH_N_KINDS:
    default:
      g_assert_not_reached ();
    }

  if (hit->title == NULL)
    hit->title = g_strdup ("");
  hit->detail = g_string_free (g_steal_pointer (&detail), FALSE);
  return hit;
}

/* The hits of @list, in its order. */
static gboolean
read_hits (CdStore        *store,
           CdSearchQuery  *query,
           CdSearchKind    kind,
           FoundList      *list,
           GPtrArray      *hits,
           GError        **error)
{
  g_autoptr(GHashTable) by_id = g_hash_table_new_full (g_int64_hash, g_int64_equal, NULL,
                                                       (GDestroyNotify) cd_search_hit_free);
  g_autofree char *json = NULL;
  sqlite3_stmt *stmt;
  int rc;

  if (list->found->len == 0)
    return TRUE;
  json = ids_json (list->found);
  stmt = cd_store_prepare (store, hit_sql[kind], error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, json, -1, SQLITE_TRANSIENT);
  while ((rc = cd_store_step (store, stmt, error)) == SQLITE_ROW)
    {
      CdSearchHit *hit = read_hit (store, query, kind, stmt);
      g_hash_table_insert (by_id, &hit->id, hit);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return FALSE;

  for (guint i = 0; i < list->found->len; i++)
    {
      Found *f = &g_array_index (list->found, Found, i);
      gpointer key, value;

      /* A record deleted since it was indexed in another transaction
       * cannot be: the index goes with it. Still, never a hole. */
      if (g_hash_table_steal_extended (by_id, &f->id, &key, &value))
        {
          CdSearchHit *hit = value;

          hit->match = f->match;
          g_ptr_array_add (hits, hit);
        }
    }
  return TRUE;
}

/* Running ------------------------------------------------------------------------- */

static gint
group_cmp (gconstpointer a,
           gconstpointer b)
{
  const CdSearchGroup *x = *(CdSearchGroup * const *) a;
  const CdSearchGroup *y = *(CdSearchGroup * const *) b;
  CdSearchMatch mx = ((CdSearchHit *) g_ptr_array_index (x->hits, 0))->match;
  CdSearchMatch my = ((CdSearchHit *) g_ptr_array_index (y->hits, 0))->match;

  if (mx != my)
    return mx < my ? -1 : 1;
  return x->kind < y->kind ? -1 : x->kind > y->kind ? 1 : 0;
}

CdSearchResults *
cd_search_run (CdStore        *store,
               CdSearchQuery  *query,
               guint           kinds_mask,
               guint           limit,
               GError        **error)
{
  g_autoptr(CdSearchResults) results = g_new0 (CdSearchResults, 1);

  g_return_val_if_fail (CD_IS_STORE (store), NULL);
  g_return_val_if_fail (query != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  results->query = cd_search_query_ref (query);
  results->groups = g_ptr_array_new_with_free_func (group_free);
  if (cd_search_query_is_empty (query) || limit == 0)
    return g_steal_pointer (&results);

  for (guint k = 0; k < CD_SEARCH_N_KINDS; k++)
    {
      FoundList list;
      CdSearchGroup *group;
      guint count = 0;
      gboolean more = FALSE, ok;

      if ((kinds_mask & CD_SEARCH_KIND_BIT (k)) == 0)
        continue;

      list.found = g_array_new (FALSE, FALSE, sizeof (Found));
      list.seen = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
      group = g_new0 (CdSearchGroup, 1);
      group->kind = k;
      group->hits = g_ptr_array_new_with_free_func ((GDestroyNotify) cd_search_hit_free);

      ok = find_kind (store, query, k, limit, &list, &count, &more, error) &&
           read_hits (store, query, k, &list, group->hits, error);
      g_array_unref (list.found);
      g_hash_table_unref (list.seen);
      if (!ok)
        {
          group_free (group);
          return NULL;
        }
      group->count = MAX (count, group->hits->len);
      group->more = more;
      if (group->hits->len > 0)
        g_ptr_array_add (results->groups, group);
      else
        group_free (group);
    }

  g_ptr_array_sort (results->groups, group_cmp);
  results->incomplete = !cd_search_index_is_complete (store, NULL, NULL);
  return g_steal_pointer (&results);
}

CdSearchHit *
cd_search_load_hit (CdStore       *store,
                    CdSearchKind   kind,
                    gint64         id,
                    GError       **error)
{
  g_autoptr(CdSearchQuery) query = cd_search_query_new (NULL);
  g_autoptr(GPtrArray) hits = g_ptr_array_new_with_free_func ((GDestroyNotify) cd_search_hit_free);
  FoundList list;
  gboolean ok;

  g_return_val_if_fail (CD_IS_STORE (store), NULL);
  g_return_val_if_fail (kind < CD_SEARCH_N_KINDS, NULL);

  list.found = g_array_new (FALSE, FALSE, sizeof (Found));
  list.seen = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  found_add (&list, id, CD_SEARCH_MATCH_EXACT);
  ok = read_hits (store, query, kind, &list, hits, error);
  g_array_unref (list.found);
  g_hash_table_unref (list.seen);
  if (!ok)
    return NULL;
  if (hits->len == 0)
    {
      g_set_error_literal (error, CD_STORE_ERROR, CD_STORE_ERROR_NOT_FOUND,
                           _("The record no longer exists; someone may have deleted it."));
      return NULL;
    }
  return g_ptr_array_steal_index (hits, 0);
}

/* On the read worker ------------------------------------------------------------------ */

typedef struct {
  CdSearchQuery   *query;
  guint            kinds;
  guint            limit;
  CdSearchResults *results;
} RunJob;

static void
run_job_free (gpointer data)
{
  RunJob *job = data;

  cd_search_query_unref (job->query);
  g_clear_pointer (&job->results, cd_search_results_free);
  g_free (job);
}

static gboolean
run_job (CdStore       *store,
         gpointer       data,
         GCancellable  *cancellable,
         GError       **error)
{
  RunJob *job = data;

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;
  job->results = cd_search_run (store, job->query, job->kinds, job->limit, error);
  return job->results != NULL;
}

void
cd_search_run_async (CdStore             *store,
                     CdSearchQuery       *query,
                     guint                kinds_mask,
                     guint                limit,
                     GCancellable        *cancellable,
                     GAsyncReadyCallback  callback,
                     gpointer             user_data)
{
  RunJob *job;

  g_return_if_fail (CD_IS_STORE (store));
  g_return_if_fail (query != NULL);

  job = g_new0 (RunJob, 1);
  job->query = cd_search_query_ref (query);
  job->kinds = kinds_mask;
  job->limit = limit;
  cd_store_run_async (store, CD_STORE_LANE_READ, run_job, job, run_job_free, cancellable, callback, user_data);
}

CdSearchResults *
cd_search_run_finish (CdStore       *store,
                      GAsyncResult  *result,
                      GError       **error)
{
  RunJob *job;

  g_return_val_if_fail (CD_IS_STORE (store), NULL);

  if (!cd_store_run_finish (store, result, error))
    return NULL;
  job = cd_store_run_get_data (result);
  return g_steal_pointer (&job->results);
}
