/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "caredesk-search"

#include "config.h"

#include <string.h>

#include "cd-search-private.h"
#include "cd-search-schema-private.h"

/* The index's tokens made in C, for the index builder and for queries.
 * Each function reads the text byte by byte exactly as its SQL twin in
 * cd-search-schema-private.h does (SQLite compares blobs with memcmp and
 * then by length, and substr() past the end gives fewer bytes or none),
 * so that the index the builder writes is the one the triggers would
 * have written: a contentless FTS5 table forgets a row only when it is
 * told the very tokens it was given. The tests compare both on many
 * texts. */

static const guint8 gram_ranges[][2][2] = {
  { { 0xE3, 0x81 }, { 0xE9, 0xBF } },
  { { 0xEA, 0xB0 }, { 0xED, 0x9E } },
  { { 0xEF, 0xA4 }, { 0xEF, 0xAB } },
  { { 0xF0, 0xA0 }, { 0xF0, 0xB3 } },
  { { 0xE2, 0xBA }, { 0xE2, 0xBF } },
  { { 0xE1, 0x80 }, { 0xE1, 0xB3 } },
  { { 0xE0, 0xA4 }, { 0xE0, 0xBF } },
  { { 0xD6, 0x90 }, { 0xDB, 0xBF } },
};

/* SQLite's blob order: memcmp over the shorter length, then shorter first. */
static int
blob_cmp (const guint8 *a,
          gsize         a_len,
          const guint8 *b,
          gsize         b_len)
{
  int c = memcmp (a, b, MIN (a_len, b_len));

  if (c != 0)
    return c;
  return a_len < b_len ? -1 : a_len > b_len ? 1 : 0;
}

/* CD_SEARCH_SQL_GRAM_AT for the byte at @pos of @x (0-based). */
static gboolean
gram_at (const guint8 *x,
         gsize         len,
         gsize         pos)
{
  gsize n = pos < len ? MIN (2, len - pos) : 0;

  for (guint i = 0; i < G_N_ELEMENTS (gram_ranges); i++)
    if (blob_cmp (x + pos, n, gram_ranges[i][0], 2) >= 0 &&
        blob_cmp (x + pos, n, gram_ranges[i][1], 2) <= 0)
      return TRUE;
  return FALSE;
}

/* CD_SEARCH_SQL_LEN_AT */
static gsize
len_at (const guint8 *x,
        gsize         pos)
{
  return x[pos] < 0xE0 ? 2 : x[pos] < 0xF0 ? 3 : 4;
}

void
cd_search_append_hex (GString    *out,
                      const char *p,
                      gsize       n_bytes)
{
  static const char digits[] = "0123456789ABCDEF";

  for (gsize i = 0; i < n_bytes; i++)
    {
      guint8 b = (guint8) p[i];

      g_string_append_c (out, digits[b >> 4]);
      g_string_append_c (out, digits[b & 15]);
    }
}

/* CD_SEARCH_SQL_GRAM_LEADS: positions 1 to the length, at most
 * search_pos's last. */
static gboolean
is_lead (const guint8 *x,
         gsize         len,
         gsize         pos)
{
  return x[pos] >= 0xD6 && gram_at (x, len, pos);
}

static char *
finish (GString *out)
{
  if (out->len == 0)
    {
      g_string_free (out, TRUE);
      return NULL;
    }
  return g_string_free (out, FALSE);
}

char *
cd_search_grams (const char *text)
{
  const guint8 *x = (const guint8 *) text;
  GString *out;
  gsize len, last;

  if (text == NULL)
    return NULL;

  len = strlen (text);
  last = MIN (len, CD_SEARCH_MAX_GRAM_BYTES);
  out = g_string_new (NULL);
  for (gsize pos = 0; pos < last; pos++)
    {
      gsize l1, next;

      if (!is_lead (x, len, pos))
        continue;
      if (out->len > 0)
        g_string_append_c (out, ' ');
      l1 = len_at (x, pos);
      next = pos + l1;
      if (gram_at (x, len, next))
        cd_search_append_hex (out, text + pos, MIN (l1 + len_at (x, next), len - pos));
      else
        g_string_append_c (out, 'x');
    }
  return finish (out);
}

char *
cd_search_chars (const char *text)
{
  const guint8 *x = (const guint8 *) text;
  GString *out;
  gsize len, last;

  if (text == NULL)
    return NULL;

  len = strlen (text);
  last = MIN (len, CD_SEARCH_MAX_GRAM_BYTES);
  out = g_string_new (NULL);
  for (gsize pos = 0; pos < last; pos++)
    {
      if (!is_lead (x, len, pos))
        continue;
      if (out->len > 0)
        g_string_append_c (out, ' ');
      cd_search_append_hex (out, text + pos, MIN (len_at (x, pos), len - pos));
    }
  return finish (out);
}

/* CD_SEARCH_SQL_DIGITS: substr() and length() of text count characters. */
char *
cd_search_digits (const char *text)
{
  g_autoptr(GString) d = NULL;
  GString *out;
  glong n_chars;
  const char *p;

  if (text == NULL)
    return NULL;

  d = g_string_new (NULL);
  for (p = text; *p != '\0'; p++)
    if (strchr (" -+().", *p) == NULL)
      g_string_append_c (d, *p);

  out = g_string_new (NULL);
  n_chars = g_utf8_strlen (d->str, d->len);
  p = d->str;
  for (glong n = 1; n <= n_chars - 2 && n <= CD_SEARCH_MAX_GRAM_BYTES; n++)
    {
      if (out->len > 0)
        g_string_append_c (out, ' ');
      g_string_append (out, p);
      p = g_utf8_next_char (p);
    }
  return finish (out);
}

gboolean
cd_search_is_gram_char (gunichar c)
{
  char buf[6];
  gsize len = (gsize) g_unichar_to_utf8 (c, buf);

  return is_lead ((const guint8 *) buf, len, 0);
}

/* Folding ------------------------------------------------------------------ */

static gboolean
is_mark (gunichar c)
{
  GUnicodeType type = g_unichar_type (c);

  return type == G_UNICODE_NON_SPACING_MARK || type == G_UNICODE_SPACING_MARK ||
         type == G_UNICODE_ENCLOSING_MARK;
}

char *
cd_search_fold (const char  *text,
                GArray     **offsets)
{
  GString *out = g_string_new (NULL);
  GArray *map = g_array_new (FALSE, FALSE, sizeof (gsize));

  for (const char *p = text; p != NULL && *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      gunichar parts[G_UNICHAR_MAX_DECOMPOSITION_LENGTH];
      gsize n = g_unichar_fully_decompose (c, TRUE, parts, G_N_ELEMENTS (parts));
      gsize from = (gsize) (p - text);

      for (gsize i = 0; i < n; i++)
        {
          char buf[6];
          gint len;

          /* A mark on its own (not after a letter it was folded off)
           * stays, so that scripts written with marks still match. */
          if (i > 0 && is_mark (parts[i]))
            continue;
          len = g_unichar_to_utf8 (g_unichar_tolower (parts[i]), buf);
          g_string_append_len (out, buf, len);
          for (gint b = 0; b < len; b++)
            g_array_append_val (map, from);
        }
    }

  if (offsets != NULL)
    *offsets = map;
  else
    g_array_unref (map);
  return g_string_free (out, FALSE);
}
