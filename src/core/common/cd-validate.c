/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "caredesk-validate"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "cd-error.h"
#include "cd-validate.h"

#define EMAIL_MAX_LENGTH     254
#define PHONE_MIN_DIGITS     5
#define PHONE_MAX_DIGITS     15   /* E.164 */
#define EXTENSION_MAX_DIGITS 8
#define EMAIL_MASK           "*******"

/* ---- helpers --------------------------------------------------------------- */

/* Zero-width spaces and byte-order marks come along with pasted text and
 * are as invisible as spaces. */
static gboolean
is_trimmable (gunichar c)
{
  return g_unichar_isspace (c) || c == 0x200B || c == 0xFEFF;
}

char *
cd_text_shorten (const char *text,
                 guint       max_chars)
{
  g_autofree char *valid = NULL;
  g_autofree char *cut = NULL;

  g_return_val_if_fail (max_chars > 0, NULL);

  if (text == NULL)
    return g_strdup ("");
  valid = g_utf8_make_valid (text, -1);
  if ((guint) g_utf8_strlen (valid, -1) <= max_chars)
    return g_steal_pointer (&valid);
  cut = g_utf8_substring (valid, 0, max_chars - 1);
  return g_strconcat (cut, "…", NULL);
}

char *
cd_validate_trim (const char *text)
{
  const char *start, *end;

  if (text == NULL)
    return g_strdup ("");
  if (!g_utf8_validate (text, -1, NULL))
    return g_strstrip (g_strdup (text));

  start = text;
  while (*start != '\0' && is_trimmable (g_utf8_get_char (start)))
    start = g_utf8_next_char (start);

  end = start + strlen (start);
  while (end > start)
    {
      const char *prev = g_utf8_find_prev_char (start, end);

      if (prev == NULL || !is_trimmable (g_utf8_get_char (prev)))
        break;
      end = prev;
    }
  return g_strndup (start, (gsize) (end - start));
}

static char *
unichar_to_string (gunichar c)
{
  char buf[8] = { 0 };

  g_unichar_to_utf8 (c, buf);
  return g_strdup (buf);
}

static gboolean
is_line_break_or_control (gunichar c)
{
  GUnicodeType type = g_unichar_type (c);

  return type == G_UNICODE_CONTROL
         || type == G_UNICODE_LINE_SEPARATOR
         || type == G_UNICODE_PARAGRAPH_SEPARATOR;
}

static gboolean
check_length (const char  *text,
              const char  *field_label,
              guint        max_len,
              GError     **error)
{
  glong length = g_utf8_strlen (text, -1);

  if (length > (glong) max_len)
    {
      g_set_error (error, CD_STORE_ERROR, CD_STORE_ERROR_INVALID,
                   g_dngettext (GETTEXT_PACKAGE,
                                "%s can be at most %u character long; this one has %ld.",
                                "%s can be at most %u characters long; this one has %ld.",
                                max_len),
                   field_label, max_len, length);
      return FALSE;
    }
  return TRUE;
}

/* ---- names and text -------------------------------------------------------- */

gboolean
cd_validate_name (const char  *text,
                  const char  *field_label,
                  guint        max_len,
                  GError     **error)
{
  g_autofree char *trimmed = NULL;

  g_return_val_if_fail (field_label != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (text != NULL && !g_utf8_validate (text, -1, NULL))
    {
      g_set_error (error, CD_STORE_ERROR, CD_STORE_ERROR_INVALID,
                   _("%s contains bytes that are not text; type it again."),
                   field_label);
      return FALSE;
    }

  trimmed = cd_validate_trim (text);
  if (*trimmed == '\0')
    {
      g_set_error (error, CD_STORE_ERROR, CD_STORE_ERROR_INVALID,
                   _("%s is required; it cannot be empty."), field_label);
      return FALSE;
    }

  for (const char *p = trimmed; *p != '\0'; p = g_utf8_next_char (p))
    if (is_line_break_or_control (g_utf8_get_char (p)))
      {
        g_set_error (error, CD_STORE_ERROR, CD_STORE_ERROR_INVALID,
                     _("%s must be a single line without tabs or other control characters."),
                     field_label);
        return FALSE;
      }

  return check_length (trimmed, field_label, max_len, error);
}

gboolean
cd_validate_text_length (const char  *text,
                         const char  *field_label,
                         guint        max_len,
                         GError     **error)
{
  g_return_val_if_fail (field_label != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (text == NULL)
    return TRUE;
  if (!g_utf8_validate (text, -1, NULL))
    {
      g_set_error (error, CD_STORE_ERROR, CD_STORE_ERROR_INVALID,
                   _("%s contains bytes that are not text; type it again."),
                   field_label);
      return FALSE;
    }
  return check_length (text, field_label, max_len, error);
}

gboolean
cd_validate_satisfaction (int       value,
                          GError  **error)
{
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (value < 1 || value > 5)
    {
      g_set_error (error, CD_STORE_ERROR, CD_STORE_ERROR_INVALID,
                   _("Satisfaction is a score from 1 to 5, not %d."), value);
      return FALSE;
    }
  return TRUE;
}

/* ---- email ----------------------------------------------------------------- */

static gboolean
invalid_email (GError     **error,
               const char  *message)
{
  g_set_error_literal (error, CD_STORE_ERROR, CD_STORE_ERROR_INVALID, message);
  return FALSE;
}

static gboolean
check_email_domain (const char  *domain,
                    GError     **error)
{
  g_auto(GStrv) labels = NULL;
  guint n_labels;
  const char *tld;
  gboolean tld_has_letter = FALSE;

  if (*domain == '\0')
    return invalid_email (error, _("Add the domain after the “@”, as in name@example.com."));
  if (strchr (domain, '.') == NULL)
    return invalid_email (error, _("The domain after the “@” needs a dot, as in example.com."));

  labels = g_strsplit (domain, ".", -1);
  n_labels = g_strv_length (labels);
  for (guint i = 0; i < n_labels; i++)
    {
      const char *label = labels[i];
      const char *last;

      if (*label == '\0')
        return invalid_email (error, _("The domain after the “@” cannot start or end with a dot, or have two dots in a row."));

      for (const char *p = label; *p != '\0'; p = g_utf8_next_char (p))
        {
          gunichar c = g_utf8_get_char (p);

          if (c != '-' && !g_unichar_isalnum (c) && !g_unichar_ismark (c))
            {
              g_autofree char *bad = unichar_to_string (c);

              g_set_error (error, CD_STORE_ERROR, CD_STORE_ERROR_INVALID,
                           _("The domain after the “@” cannot contain “%s”; use letters, digits, dots and dashes."),
                           bad);
              return FALSE;
            }
        }

      last = g_utf8_find_prev_char (label, label + strlen (label));
      if (*label == '-' || (last != NULL && *last == '-'))
        return invalid_email (error, _("A part of the domain cannot start or end with “-”."));
    }

  tld = labels[n_labels - 1];
  for (const char *p = tld; *p != '\0'; p = g_utf8_next_char (p))
    if (g_unichar_isalpha (g_utf8_get_char (p)))
      tld_has_letter = TRUE;
  if (g_utf8_strlen (tld, -1) < 2 || !tld_has_letter)
    return invalid_email (error, _("The domain must end in a name such as .com or .cn."));

  return TRUE;
}

gboolean
cd_validate_email (const char  *text,
                   gboolean     required,
                   GError     **error)
{
  g_autofree char *trimmed = NULL;
  g_autofree char *local = NULL;
  const char *at;
  glong length;
  guint n_at = 0;

  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (text != NULL && !g_utf8_validate (text, -1, NULL))
    return invalid_email (error, _("The email address contains bytes that are not text; type it again."));

  trimmed = cd_validate_trim (text);
  if (*trimmed == '\0')
    {
      if (required)
        return invalid_email (error, _("Enter an email address."));
      return TRUE;
    }

  length = g_utf8_strlen (trimmed, -1);
  if (length > EMAIL_MAX_LENGTH)
    {
      g_set_error (error, CD_STORE_ERROR, CD_STORE_ERROR_INVALID,
                   _("An email address can be at most %d characters long; this one has %ld."),
                   EMAIL_MAX_LENGTH, length);
      return FALSE;
    }

  for (const char *p = trimmed; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (is_trimmable (c))
        return invalid_email (error, _("An email address cannot contain spaces."));
      if (is_line_break_or_control (c))
        return invalid_email (error, _("An email address cannot contain control characters."));
      if (c == '@')
        n_at++;
    }

  if (n_at == 0)
    return invalid_email (error, _("An email address needs an “@” between the name and the domain, as in name@example.com."));
  if (n_at > 1)
    {
      g_set_error (error, CD_STORE_ERROR, CD_STORE_ERROR_INVALID,
                   g_dngettext (GETTEXT_PACKAGE,
                                "An email address has exactly one “@”; this one has %u.",
                                "An email address has exactly one “@”; this one has %u.",
                                n_at),
                   n_at);
      return FALSE;
    }

  at = strchr (trimmed, '@');
  local = g_strndup (trimmed, (gsize) (at - trimmed));
  if (*local == '\0')
    return invalid_email (error, _("Add the name before the “@”, as in name@example.com."));
  if (local[0] == '.' || local[strlen (local) - 1] == '.' || strstr (local, "..") != NULL)
    return invalid_email (error, _("The part before the “@” cannot start or end with a dot, or have two dots in a row."));
  for (const char *p = local; *p != '\0'; p++)
    if (strchr ("()<>[]\\,;:\"", *p) != NULL)
      {
        g_set_error (error, CD_STORE_ERROR, CD_STORE_ERROR_INVALID,
                     _("The part before the “@” cannot contain “%c”."), *p);
        return FALSE;
      }

  return check_email_domain (at + 1, error);
}

char *
cd_mask_email (const char *text)
{
  g_autofree char *trimmed = cd_validate_trim (text);
  const char *at;
  GString *out;
  gsize local_len;

  if (*trimmed == '\0' || !g_utf8_validate (trimmed, -1, NULL))
    return g_strdup ("");

  at = strrchr (trimmed, '@');
  local_len = at != NULL ? (gsize) (at - trimmed) : strlen (trimmed);

  out = g_string_new (NULL);
  /* Keeping the only character of a one-character name would show it all. */
  if (g_utf8_strlen (trimmed, (gssize) local_len) >= 2)
    g_string_append_len (out, trimmed, g_utf8_next_char (trimmed) - trimmed);
  g_string_append (out, EMAIL_MASK);
  if (at != NULL)
    g_string_append (out, at);
  return g_string_free (out, FALSE);
}

/* ---- phone ----------------------------------------------------------------- */

typedef struct {
  gboolean plus;
  GString *digits;       /* the number, ASCII digits */
  GString *extension;    /* ASCII digits */
  gboolean has_marker;
  gsize marker_offset;   /* byte offset where the extension part begins */
  gunichar bad;          /* the first character that has no place here */
  gboolean misplaced_plus;
} PhoneParts;

static void
phone_parts_clear (PhoneParts *parts)
{
  g_string_free (parts->digits, TRUE);
  g_string_free (parts->extension, TRUE);
}

static gboolean
is_phone_separator (gunichar c)
{
  return g_unichar_isspace (c)
         || c == '-' || c == '.' || c == '/' || c == '(' || c == ')'
         || c == 0xFF08 || c == 0xFF09                 /* fullwidth brackets */
         || (c >= 0x2010 && c <= 0x2015) || c == 0x2212 /* dashes, minus */
         || c == 0xFF0D;                                /* fullwidth dash */
}

/* The length in bytes of an extension marker at @p, or 0. */
static gsize
extension_marker_at (const char *p)
{
  static const char *const ascii_markers[] = { "extension", "ext", "x" };
  static const char *const markers[] = { "转", "分机" };

  for (guint i = 0; i < G_N_ELEMENTS (ascii_markers); i++)
    if (g_ascii_strncasecmp (p, ascii_markers[i], strlen (ascii_markers[i])) == 0)
      return strlen (ascii_markers[i]);
  for (guint i = 0; i < G_N_ELEMENTS (markers); i++)
    if (g_str_has_prefix (p, markers[i]))
      return strlen (markers[i]);
  return 0;
}

/* Splits @text (valid UTF-8, trimmed) into its parts. Unless @lenient, stops
 * at the first character that does not belong in a phone number. */
static void
parse_phone (const char *text,
             gboolean    lenient,
             PhoneParts *parts)
{
  gboolean in_extension = FALSE;

  memset (parts, 0, sizeof *parts);
  parts->digits = g_string_new (NULL);
  parts->extension = g_string_new (NULL);
  parts->marker_offset = strlen (text);

  for (const char *p = text; *p != '\0';)
    {
      gunichar c = g_utf8_get_char (p);
      const char *next = g_utf8_next_char (p);
      int digit = g_unichar_digit_value (c);
      gsize marker_len;

      if (digit >= 0)
        g_string_append_c (in_extension ? parts->extension : parts->digits, (char) ('0' + digit));
      else if (c == '+' || c == 0xFF0B)
        {
          if (!parts->plus && parts->digits->len == 0 && !in_extension)
            parts->plus = TRUE;
          else if (!lenient)
            {
              parts->misplaced_plus = TRUE;
              return;
            }
        }
      else if (is_phone_separator (c))
        ;
      else if (!in_extension && (marker_len = extension_marker_at (p)) > 0)
        {
          in_extension = TRUE;
          parts->has_marker = TRUE;
          parts->marker_offset = (gsize) (p - text);
          next = p + marker_len;
        }
      else if (!lenient)
        {
          parts->bad = c;
          return;
        }
      p = next;
    }
}

gboolean
cd_validate_phone (const char  *text,
                   GError     **error)
{
  g_autofree char *trimmed = NULL;
  PhoneParts parts;
  gboolean ok = FALSE;

  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (text != NULL && !g_utf8_validate (text, -1, NULL))
    {
      g_set_error_literal (error, CD_STORE_ERROR, CD_STORE_ERROR_INVALID,
                           _("The phone number contains bytes that are not text; type it again."));
      return FALSE;
    }

  trimmed = cd_validate_trim (text);
  if (*trimmed == '\0')
    {
      g_set_error_literal (error, CD_STORE_ERROR, CD_STORE_ERROR_INVALID,
                           _("Enter a phone number."));
      return FALSE;
    }

  parse_phone (trimmed, FALSE, &parts);

  if (parts.misplaced_plus)
    g_set_error_literal (error, CD_STORE_ERROR, CD_STORE_ERROR_INVALID,
                         _("A “+” can only come at the start of a phone number."));
  else if (parts.bad != 0)
    {
      g_autofree char *bad = unichar_to_string (parts.bad);

      if (g_unichar_isalpha (parts.bad))
        g_set_error (error, CD_STORE_ERROR, CD_STORE_ERROR_INVALID,
                     _("A phone number cannot contain letters such as “%s”, except an extension marker such as “ext.” before the extension."),
                     bad);
      else
        g_set_error (error, CD_STORE_ERROR, CD_STORE_ERROR_INVALID,
                     _("A phone number cannot contain “%s”; use digits, spaces, dashes and brackets."),
                     bad);
    }
  else if (parts.digits->len < PHONE_MIN_DIGITS || parts.digits->len > PHONE_MAX_DIGITS)
    g_set_error (error, CD_STORE_ERROR, CD_STORE_ERROR_INVALID,
                 g_dngettext (GETTEXT_PACKAGE,
                              "A phone number has %d to %d digits; this one has %u.",
                              "A phone number has %d to %d digits; this one has %u.",
                              (gulong) parts.digits->len),
                 PHONE_MIN_DIGITS, PHONE_MAX_DIGITS, (guint) parts.digits->len);
  else if (parts.has_marker && parts.extension->len == 0)
    g_set_error_literal (error, CD_STORE_ERROR, CD_STORE_ERROR_INVALID,
                         _("Add the extension number after the extension marker, for example “ext. 123”."));
  else if (parts.extension->len > EXTENSION_MAX_DIGITS)
    g_set_error (error, CD_STORE_ERROR, CD_STORE_ERROR_INVALID,
                 g_dngettext (GETTEXT_PACKAGE,
                              "An extension has at most %d digits; this one has %u.",
                              "An extension has at most %d digits; this one has %u.",
                              (gulong) parts.extension->len),
                 EXTENSION_MAX_DIGITS, (guint) parts.extension->len);
  else
    ok = TRUE;

  phone_parts_clear (&parts);
  return ok;
}

char *
cd_phone_normalise (const char *text)
{
  g_autofree char *trimmed = cd_validate_trim (text);
  PhoneParts parts;
  GString *out;

  if (*trimmed == '\0' || !g_utf8_validate (trimmed, -1, NULL))
    return g_strdup ("");

  parse_phone (trimmed, TRUE, &parts);
  out = g_string_new (parts.plus ? "+" : "");
  g_string_append (out, parts.digits->str);
  if (parts.extension->len > 0)
    g_string_append_printf (out, "x%s", parts.extension->str);
  phone_parts_clear (&parts);
  return g_string_free (out, FALSE);
}

/* Length of the E.164 country code that @digits starts with: 1 and 7 are
 * one digit; these two-digit codes are assigned; every other code has three
 * digits. */
static guint
country_code_length (const char *digits)
{
  static const char two_digit_codes[] =
    "20 27 30 31 32 33 34 36 39 40 41 43 44 45 46 47 48 49 "
    "51 52 53 54 55 56 57 58 60 61 62 63 64 65 66 81 82 84 86 "
    "90 91 92 93 94 95 98 ";
  char key[4];

  if (digits[0] == '1' || digits[0] == '7')
    return 1;
  if (digits[0] == '\0' || digits[1] == '\0')
    return (guint) strlen (digits);

  key[0] = digits[0];
  key[1] = digits[1];
  key[2] = ' ';
  key[3] = '\0';
  return strstr (two_digit_codes, key) != NULL ? 2 : 3;
}

char *
cd_mask_phone (const char *text)
{
  g_autofree char *trimmed = cd_validate_trim (text);
  g_autofree char *main_part = NULL;
  PhoneParts parts;
  GString *out;
  const char *p;
  guint n_digits = 0, index_digit = 0;

  if (*trimmed == '\0' || !g_utf8_validate (trimmed, -1, NULL))
    return g_strdup ("");

  parse_phone (trimmed, TRUE, &parts);
  main_part = g_strndup (trimmed, parts.marker_offset);
  out = g_string_new (NULL);
  p = main_part;

  if (g_utf8_get_char (p) == '+' || g_utf8_get_char (p) == 0xFF0B)
    {
      GString *run = g_string_new (NULL);
      const char *q;
      guint code_len;

      p = g_utf8_next_char (p);
      g_string_append_c (out, '+');

      /* Written apart ("+86 138…"), the first group is the country code;
       * run together ("+86138…"), the code's own length tells. */
      for (q = p; *q != '\0' && g_unichar_digit_value (g_utf8_get_char (q)) >= 0; q = g_utf8_next_char (q))
        g_string_append_c (run, (char) ('0' + g_unichar_digit_value (g_utf8_get_char (q))));
      if (run->len >= 1 && run->len <= 3 && *q != '\0')
        code_len = (guint) run->len;
      else
        code_len = MIN (country_code_length (run->str), (guint) run->len);
      g_string_free (run, TRUE);

      for (guint i = 0; i < code_len; i++)
        {
          const char *next = g_utf8_next_char (p);

          g_string_append_len (out, p, next - p);
          p = next;
        }
      if (code_len > 0 && g_unichar_digit_value (g_utf8_get_char (p)) >= 0)
        g_string_append_c (out, ' ');
    }

  for (const char *q = p; *q != '\0'; q = g_utf8_next_char (q))
    if (g_unichar_digit_value (g_utf8_get_char (q)) >= 0)
      n_digits++;

  for (; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_digit_value (c) >= 0)
        {
          gboolean keep = n_digits >= 8
                          ? (index_digit < 3 || index_digit >= n_digits - 4)
                          : (index_digit + 2 >= n_digits);

          if (keep)
            g_string_append_unichar (out, c);
          else
            g_string_append_c (out, '*');
          index_digit++;
        }
      else
        g_string_append_unichar (out, c);
    }

  g_string_append (out, trimmed + parts.marker_offset);
  phone_parts_clear (&parts);
  return g_string_free (out, FALSE);
}
