/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "caredesk-search"

#include "config.h"

#include <string.h>

#include "cd-customers-private.h"
#include "cd-search-private.h"
#include "cd-ticket.h"

/* A query as someone typed it: its terms, what they match in the index
 * (FTS5 MATCH expressions), and how to show the matches in a text. */

G_DEFINE_BOXED_TYPE (CdSearchQuery, cd_search_query, cd_search_query_ref, cd_search_query_unref)

static void
term_free (gpointer data)
{
  CdSearchTerm *term = data;

  g_free (term->text);
  g_free (term->fold);
  g_free (term->digits);
  g_free (term);
}

/* Parsing ------------------------------------------------------------------ */

/* The digits of @text when it is written like a phone number (digits and
 * the usual separators, at least three digits), in the form phones are
 * stored in (cd_customer_phone_key(): +86 dropped); else NULL. */
static char *
phone_digits (const char *text)
{
  g_autofree char *key = NULL;
  GString *digits;
  guint n = 0;

  for (const char *p = text; *p != '\0'; p++)
    {
      if (g_ascii_isdigit (*p))
        n++;
      else if (strchr ("+-(). ", *p) == NULL)
        return NULL;
    }
  if (n < 3)
    return NULL;

  key = cd_customer_phone_key_full (text, TRUE);
  digits = g_string_new (NULL);
  for (const char *p = key; *p != '\0'; p++)
    if (g_ascii_isdigit (*p))
      g_string_append_c (digits, *p);
  if (digits->len < 3)
    {
      g_string_free (digits, TRUE);
      return NULL;
    }
  return g_string_free (digits, FALSE);
}

static gboolean
has_word_char (const char *text)
{
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    if (g_unichar_isalnum (g_utf8_get_char (p)))
      return TRUE;
  return FALSE;
}

static void
add_term (CdSearchQuery    *self,
          CdSearchTermType  type,
          const char       *start,
          gsize             len)
{
  CdSearchTerm *term;
  g_autofree char *text = g_strndup (start, len);

  if (type == CD_SEARCH_TERM_WORDS && !has_word_char (text))
    return;

  term = g_new0 (CdSearchTerm, 1);
  term->type = type;
  term->text = g_steal_pointer (&text);
  term->fold = cd_search_fold (term->text, NULL);
  if (type == CD_SEARCH_TERM_WORDS)
    term->digits = phone_digits (term->text);
  g_ptr_array_add (self->terms, term);
}

/* One word someone typed: its runs of CJK characters and of everything
 * else are terms of their own ("iPhone手机" is "iPhone" and "手机"). */
static void
parse_word (CdSearchQuery *self,
            const char    *word,
            gsize          len)
{
  const char *end = word + len;
  const char *run = word;
  gboolean run_grams = FALSE;
  guint run_chars = 0;

  for (const char *p = word; p < end; p = g_utf8_next_char (p))
    {
      gboolean grams = cd_search_is_gram_char (g_utf8_get_char (p));

      if (p != run && grams != run_grams)
        {
          add_term (self, !run_grams ? CD_SEARCH_TERM_WORDS
                          : run_chars == 1 ? CD_SEARCH_TERM_CHAR : CD_SEARCH_TERM_GRAMS,
                    run, (gsize) (p - run));
          run = p;
          run_chars = 0;
        }
      run_grams = grams;
      run_chars++;
    }
  if (run < end)
    add_term (self, !run_grams ? CD_SEARCH_TERM_WORDS
                    : run_chars == 1 ? CD_SEARCH_TERM_CHAR : CD_SEARCH_TERM_GRAMS,
              run, (gsize) (end - run));
}

CdSearchQuery *
cd_search_query_new (const char *text)
{
  CdSearchQuery *self = g_new0 (CdSearchQuery, 1);
  g_autofree char *norm = NULL;
  const char *p, *word = NULL;

  g_atomic_ref_count_init (&self->ref);
  self->text = g_strdup (text != NULL ? text : "");
  self->terms = g_ptr_array_new_with_free_func (term_free);

  if (!g_utf8_validate (self->text, -1, NULL))
    return self;
  /* Full-width letters and digits are typed by Chinese input methods. */
  norm = g_utf8_normalize (self->text, -1, G_NORMALIZE_NFKC);
  if (norm == NULL)
    return self;
  g_strstrip (norm);
  self->exact = g_strdup (norm);

  self->ticket_id = cd_ticket_parse_number (norm);
  self->phone_digits = phone_digits (norm);
  if (self->phone_digits != NULL && strchr (norm, ' ') != NULL)
    {
      /* "138 1234 5678" is one number, not three words. */
      add_term (self, CD_SEARCH_TERM_WORDS, self->phone_digits, strlen (self->phone_digits));
    }
  else
    {
      for (p = norm; ; p = g_utf8_next_char (p))
        {
          gunichar c = g_utf8_get_char (p);
          gboolean space = c == 0 || g_unichar_isspace (c);

          if (space && word != NULL)
            {
              parse_word (self, word, (gsize) (p - word));
              word = NULL;
            }
          else if (!space && word == NULL)
            word = p;
          if (c == 0)
            break;
        }
    }

  /* Every word is matched as the start of a word but a short one, which
   * would match too much; the last is being typed, so it is a start even
   * when short. */
  for (guint i = 0; i < self->terms->len; i++)
    {
      CdSearchTerm *term = g_ptr_array_index (self->terms, i);

      glong n_chars = g_utf8_strlen (term->text, -1);

      if (term->type != CD_SEARCH_TERM_WORDS)
        continue;
      term->prefix = n_chars >= 3 || (i == self->terms->len - 1 && n_chars >= 2);
      term->short_prefix = term->prefix && n_chars < 3;
    }
  return self;
}

CdSearchQuery *
cd_search_query_ref (CdSearchQuery *query)
{
  g_return_val_if_fail (query != NULL, NULL);
  g_atomic_ref_count_inc (&query->ref);
  return query;
}

void
cd_search_query_unref (CdSearchQuery *query)
{
  g_return_if_fail (query != NULL);
  if (!g_atomic_ref_count_dec (&query->ref))
    return;
  g_free (query->text);
  g_free (query->phone_digits);
  g_free (query->exact);
  g_ptr_array_unref (query->terms);
  g_free (query);
}

const char *
cd_search_query_get_text (CdSearchQuery *query)
{
  g_return_val_if_fail (query != NULL, NULL);
  return query->text;
}

gboolean
cd_search_query_is_empty (CdSearchQuery *query)
{
  g_return_val_if_fail (query != NULL, TRUE);
  return query->terms->len == 0 && query->ticket_id == 0;
}

gint64
cd_search_query_get_ticket_id (CdSearchQuery *query)
{
  g_return_val_if_fail (query != NULL, 0);
  return query->ticket_id;
}

/* MATCH expressions ---------------------------------------------------------- */

/* @text as an FTS5 string, which the table's tokenizer splits into words
 * (a phrase when there are several: "163.com" is "163 com"). */
static void
append_string (GString    *out,
               const char *text)
{
  g_string_append_c (out, '"');
  for (const char *p = text; *p != '\0'; p++)
    {
      if (*p == '"')
        g_string_append_c (out, '"');
      g_string_append_c (out, *p);
    }
  g_string_append_c (out, '"');
}

/* A phrase of the bigrams of @run (two characters or more). */
static void
append_grams (GString    *out,
              const char *run)
{
  g_string_append_c (out, '"');
  for (const char *p = run; *p != '\0'; p = g_utf8_next_char (p))
    {
      const char *next = g_utf8_next_char (p);

      if (*next == '\0')
        break;
      if (p != run)
        g_string_append_c (out, ' ');
      cd_search_append_hex (out, p, (gsize) (g_utf8_next_char (next) - p));
    }
  g_string_append_c (out, '"');
}

/* One term over the columns a kind has; FALSE when it cannot match there. */
static gboolean
append_term (GString           *out,
             CdSearchTerm      *term,
             CdSearchExprFlags  flags)
{
  gboolean titled = (flags & CD_SEARCH_EXPR_TITLED) != 0;
  gboolean titles_only = (flags & CD_SEARCH_EXPR_TITLES_ONLY) != 0;
  gboolean digits = (flags & CD_SEARCH_EXPR_DIGITS) != 0 && term->digits != NULL;
  gboolean prefix = term->prefix && (flags & CD_SEARCH_EXPR_WHOLE_WORDS) == 0 &&
                    (!term->short_prefix || (flags & CD_SEARCH_EXPR_SHORT_PREFIXES) != 0);

  switch (term->type)
    {
    case CD_SEARCH_TERM_CHAR:
      if (!titled)
        return FALSE;
      g_string_append (out, "{tchars} : ");
      cd_search_append_hex (out, term->text, strlen (term->text));
      return TRUE;

    case CD_SEARCH_TERM_GRAMS:
      if (titles_only && !titled)
        return FALSE;
      g_string_append (out, titles_only ? "{tgrams} : " : titled ? "{tgrams bgrams} : " : "{bgrams} : ");
      append_grams (out, term->text);
      return TRUE;

    case CD_SEARCH_TERM_WORDS:
    default:
      if (titles_only && !titled && !digits)
        return FALSE;
      g_string_append_c (out, '(');
      if (!titles_only || titled)
        {
          g_string_append (out, titles_only ? "{title} : " : titled ? "{title body} : " : "{body} : ");
          append_string (out, term->text);
          if (prefix)
            g_string_append_c (out, '*');
        }
      if (digits)
        {
          if (!titles_only || titled)
            g_string_append (out, " OR ");
          g_string_append_printf (out, "{digits} : %s*", term->digits);
        }
      g_string_append_c (out, ')');
      return TRUE;
    }
}

gboolean
cd_search_query_has_prefix (CdSearchQuery *query)
{
  for (guint i = 0; i < query->terms->len; i++)
    if (((CdSearchTerm *) g_ptr_array_index (query->terms, i))->prefix)
      return TRUE;
  return FALSE;
}

char *
cd_search_query_match (CdSearchQuery     *query,
                       CdSearchExprFlags  flags)
{
  g_autoptr(GString) out = g_string_new (NULL);

  if (query->terms->len == 0)
    return NULL;

  for (guint i = 0; i < query->terms->len; i++)
    {
      if (i > 0)
        g_string_append (out, " AND ");
      if (!append_term (out, g_ptr_array_index (query->terms, i), flags))
        return NULL;
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* Showing matches ------------------------------------------------------------ */

typedef struct {
  gsize start;   /* bytes of the original text */
  gsize end;
} Span;

static gint
span_cmp (gconstpointer a,
          gconstpointer b)
{
  const Span *x = a, *y = b;

  return x->start < y->start ? -1 : x->start > y->start ? 1 : 0;
}

static gboolean
is_word_start (const char *fold,
               gsize       at)
{
  const char *prev;

  if (at == 0)
    return TRUE;
  prev = g_utf8_find_prev_char (fold, fold + at);
  return prev == NULL || !g_unichar_isalnum (g_utf8_get_char (prev));
}

/* Where @needle (folded) occurs in @fold; words only where a word starts,
 * and a whole word when it is not a prefix. */
static void
find_needle (GArray     *spans,
             const char *text,
             const char *fold,
             GArray     *offsets,
             const char *needle,
             gboolean    words,
             gboolean    prefix)
{
  gsize needle_len = strlen (needle);
  const char *hit = fold;

  if (needle_len == 0)
    return;
  while ((hit = strstr (hit, needle)) != NULL)
    {
      gsize at = (gsize) (hit - fold);
      gsize end_at = at + needle_len;
      gboolean ok = TRUE;

      if (words)
        {
          ok = is_word_start (fold, at);
          if (ok && !prefix && fold[end_at] != '\0')
            ok = !g_unichar_isalnum (g_utf8_get_char (fold + end_at));
        }
      if (ok)
        {
          Span span;
          gsize last = g_array_index (offsets, gsize, end_at - 1);

          span.start = g_array_index (offsets, gsize, at);
          span.end = (gsize) (g_utf8_next_char (text + last) - text);
          g_array_append_val (spans, span);
        }
      hit += needle_len;
    }
}

/* The digits of a phone match even with separators between them: the
 * spans of @digits in @text, skipping " -()." inside the number. */
static void
find_digits (GArray     *spans,
             const char *text,
             const char *digits)
{
  gsize n = strlen (digits);

  for (const char *p = text; *p != '\0'; p++)
    {
      const char *q = p;
      gsize matched = 0;

      if (*p != digits[0])
        continue;
      while (*q != '\0' && matched < n)
        {
          if (*q == digits[matched])
            matched++;
          else if (matched == 0 || strchr (" -().", *q) == NULL)
            break;
          q++;
        }
      if (matched == n)
        {
          Span span = { (gsize) (p - text), (gsize) (q - text) };
          g_array_append_val (spans, span);
          p = q - 1;
        }
    }
}

/* The parts of @text the query matches, in order, merged where they
 * touch. */
static GArray *
find_spans (CdSearchQuery *query,
            const char    *text)
{
  g_autoptr(GArray) offsets = NULL;
  g_autofree char *fold = cd_search_fold (text, &offsets);
  GArray *spans = g_array_new (FALSE, FALSE, sizeof (Span));
  GArray *merged;

  for (guint i = 0; i < query->terms->len; i++)
    {
      CdSearchTerm *term = g_ptr_array_index (query->terms, i);

      if (term->type == CD_SEARCH_TERM_WORDS)
        {
          /* The term's own words: "163.com" shows "163" and "com". */
          g_auto(GStrv) parts = NULL;
          g_autoptr(GRegex) split = g_regex_new ("[^[:alnum:]]+", G_REGEX_OPTIMIZE, 0, NULL);

          parts = g_regex_split (split, term->fold, 0);
          for (guint j = 0; parts[j] != NULL; j++)
            find_needle (spans, text, fold, offsets, parts[j], TRUE,
                         term->prefix || parts[j + 1] != NULL);
          if (term->digits != NULL)
            find_digits (spans, text, term->digits);
        }
      else
        find_needle (spans, text, fold, offsets, term->fold, FALSE, TRUE);
    }
  if (query->phone_digits != NULL)
    find_digits (spans, text, query->phone_digits);

  g_array_sort (spans, span_cmp);
  merged = g_array_new (FALSE, FALSE, sizeof (Span));
  for (guint i = 0; i < spans->len; i++)
    {
      Span *span = &g_array_index (spans, Span, i);
      Span *last = merged->len > 0 ? &g_array_index (merged, Span, merged->len - 1) : NULL;

      if (last != NULL && span->start <= last->end)
        last->end = MAX (last->end, span->end);
      else
        g_array_append_val (merged, *span);
    }
  g_array_unref (spans);
  return merged;
}

char *
cd_search_query_highlight (CdSearchQuery *query,
                           const char    *text)
{
  g_autoptr(GArray) spans = NULL;
  GString *out;
  gsize at = 0;

  g_return_val_if_fail (query != NULL, NULL);

  if (text == NULL)
    return NULL;
  if (!g_utf8_validate (text, -1, NULL))
    return g_markup_escape_text ("", -1);

  spans = find_spans (query, text);
  out = g_string_new (NULL);
  for (guint i = 0; i < spans->len; i++)
    {
      Span *span = &g_array_index (spans, Span, i);
      g_autofree char *before = g_markup_escape_text (text + at, (gssize) (span->start - at));
      g_autofree char *match = g_markup_escape_text (text + span->start, (gssize) (span->end - span->start));

      g_string_append (out, before);
      g_string_append_printf (out, "<b>%s</b>", match);
      at = span->end;
    }
  {
    g_autofree char *rest = g_markup_escape_text (text + at, -1);
    g_string_append (out, rest);
  }
  return g_string_free (out, FALSE);
}

char *
cd_search_query_excerpt (CdSearchQuery *query,
                         const char    *text,
                         guint          max_chars)
{
  g_autoptr(GArray) spans = NULL;
  g_autoptr(GString) out = NULL;
  const char *start, *end, *match;
  glong before;

  g_return_val_if_fail (query != NULL, NULL);

  if (text == NULL || *text == '\0' || !g_utf8_validate (text, -1, NULL))
    return NULL;
  spans = find_spans (query, text);
  if (spans->len == 0)
    return NULL;

  /* A third of the room goes before the match, from a word's start. */
  match = text + g_array_index (spans, Span, 0).start;
  start = match;
  for (before = 0; start > text && before < (glong) max_chars / 3; before++)
    start = g_utf8_prev_char (start);
  if (start > text)
    {
      const char *space = start;

      for (guint i = 0; i < 12 && space < match; i++, space = g_utf8_next_char (space))
        if (g_unichar_isspace (g_utf8_get_char (space)))
          {
            start = g_utf8_next_char (space);
            break;
          }
    }
  end = start;
  for (guint n = 0; *end != '\0' && n < max_chars; n++)
    end = g_utf8_next_char (end);

  out = g_string_new (start > text ? "…" : "");
  for (const char *p = start; p < end; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      /* One line: line breaks and runs of spaces become one space. */
      if (g_unichar_isspace (c))
        {
          if (out->len > 0 && out->str[out->len - 1] != ' ')
            g_string_append_c (out, ' ');
        }
      else
        g_string_append_unichar (out, c);
    }
  if (*end != '\0')
    g_string_append (out, "…");
  return g_string_free (g_steal_pointer (&out), FALSE);
}
