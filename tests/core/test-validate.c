/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "test-validate"

#include "config.h"

#include <glib.h>
#include <string.h>

#include "cd-error.h"
#include "cd-validate.h"

/* Fails unless @ok is FALSE with CD_STORE_ERROR_INVALID and a message that
 * contains @fragment. */
#define assert_invalid(call, fragment)                                      \
  G_STMT_START {                                                            \
    g_autoptr(GError) error_ = NULL;                                        \
    GError **error = &error_;                                               \
    gboolean ok_ = (call);                                                  \
    g_assert_false (ok_);                                                   \
    g_assert_error (error_, CD_STORE_ERROR, CD_STORE_ERROR_INVALID);        \
    if (strstr (error_->message, (fragment)) == NULL)                       \
      g_error ("“%s” does not contain “%s”", error_->message, (fragment));  \
  } G_STMT_END

#define assert_valid(call)                                                  \
  G_STMT_START {                                                            \
    g_autoptr(GError) error_ = NULL;                                        \
    GError **error = &error_;                                               \
    gboolean ok_ = (call);                                                  \
    g_assert_no_error (error_);                                             \
    g_assert_true (ok_);                                                    \
  } G_STMT_END

#define assert_string(call, expected)                                       \
  G_STMT_START {                                                            \
    g_autofree char *got_ = (call);                                         \
    g_assert_cmpstr (got_, ==, (expected));                                 \
  } G_STMT_END

/* ---- names ------------------------------------------------------------------ */

/* Cut by characters, not bytes, with the ellipsis inside the limit. */
static void
test_text_shorten (void)
{
  g_autofree char *whole = cd_text_shorten ("O'Brien; \"Ltd\"", 40);
  g_autofree char *chinese = cd_text_shorten ("张三李四王五", 4);
  g_autofree char *emoji = cd_text_shorten ("😀😀😀😀", 3);
  g_autofree char *exact = cd_text_shorten ("张三李四", 4);
  g_autofree char *broken = cd_text_shorten ("ab\xff\xfe" "cd", 40);
  g_autofree char *none = cd_text_shorten (NULL, 10);
  g_autoptr(GString) huge = g_string_new (NULL);
  g_autofree char *huge_cut = NULL;

  g_assert_cmpstr (whole, ==, "O'Brien; \"Ltd\"");
  g_assert_cmpstr (chinese, ==, "张三李…");
  g_assert_cmpstr (emoji, ==, "😀😀…");
  g_assert_cmpstr (exact, ==, "张三李四");
  g_assert_true (g_utf8_validate (broken, -1, NULL));
  g_assert_true (g_str_has_prefix (broken, "ab"));
  g_assert_true (g_str_has_suffix (broken, "cd"));
  g_assert_cmpstr (none, ==, "");

  for (int i = 0; i < 10000; i++)
    g_string_append (huge, "张");
  huge_cut = cd_text_shorten (huge->str, 60);
  g_assert_cmpint (g_utf8_strlen (huge_cut, -1), ==, 60);
  g_assert_true (g_str_has_suffix (huge_cut, "…"));
}

static void
test_name_empty (void)
{
  assert_invalid (cd_validate_name (NULL, "Name", 200, error), "Name is required");
  assert_invalid (cd_validate_name ("", "Name", 200, error), "Name is required");
}

static void
test_name_whitespace (void)
{
  /* ASCII blanks, and an ideographic space U+3000 from a Chinese input
   * method: all trimmed away, so nothing is left. */
  assert_invalid (cd_validate_name ("   \t  ", "Name", 200, error), "Name is required");
  assert_invalid (cd_validate_name ("\u3000\u3000", "Company", 200, error), "Company is required");
  /* Blanks around a real name are fine... */
  assert_valid (cd_validate_name ("  Li Na \u3000", "Name", 200, error));
  /* ...and trimming gives the stored form. */
  assert_string (cd_validate_trim ("\u3000 Li Na \t\u200B"), "Li Na");
  assert_string (cd_validate_trim (NULL), "");
}

static void
test_name_too_long (void)
{
  g_autofree char *long_name = g_strnfill (10000, 'a');
  g_autofree char *exact = g_strnfill (200, 'a');

  assert_invalid (cd_validate_name (long_name, "Name", 200, error),
                  "Name can be at most 200 characters long; this one has 10000.");
  assert_valid (cd_validate_name (exact, "Name", 200, error));
}

static void
test_name_characters (void)
{
  GString *two_hundred = g_string_new (NULL);
  g_autofree char *two_hundred_text = NULL;
  g_autofree char *too_many = NULL;

  /* 张伟 is 2 characters (6 bytes); with 😀 it is 3 (10 bytes). */
  assert_valid (cd_validate_name ("张伟", "Name", 2, error));
  assert_valid (cd_validate_name ("张伟😀", "Name", 3, error));
  assert_invalid (cd_validate_name ("张伟😀", "Name", 2, error), "this one has 3.");

  /* 200 * 张 = 600 bytes but 200 characters: within a 200 limit. */
  for (guint i = 0; i < 200; i++)
    g_string_append (two_hundred, "张");
  two_hundred_text = g_string_free (two_hundred, FALSE);
  g_assert_cmpuint (strlen (two_hundred_text), ==, 600);
  assert_valid (cd_validate_name (two_hundred_text, "Name", 200, error));
  too_many = g_strconcat (two_hundred_text, "😀", NULL);
  assert_invalid (cd_validate_name (too_many, "Name", 200, error), "this one has 201.");
}

static void
test_name_punctuation (void)
{
  /* Quotes and semicolons are ordinary characters in a name. */
  assert_valid (cd_validate_name ("O'Brien; \"Jack\" & Co. (北京) 有限公司", "Company", 200, error));
  assert_valid (cd_validate_name ("Robert'); DROP TABLE customers;--", "Name", 200, error));
}

static void
test_name_control (void)
{
  assert_invalid (cd_validate_name ("Li\nNa", "Name", 200, error), "Name must be a single line");
  assert_invalid (cd_validate_name ("Li\tNa", "Name", 200, error), "Name must be a single line");
  assert_invalid (cd_validate_name ("Li\u2028Na", "Name", 200, error), "Name must be a single line");
  assert_invalid (cd_validate_name ("Li \xff Na", "Name", 200, error), "Name contains bytes that are not text");
}

static void
test_text_length (void)
{
  g_autofree char *notes = g_strnfill (CD_VALIDATE_NOTES_MAX_LENGTH, 'n');
  g_autofree char *too_long = g_strnfill (CD_VALIDATE_NOTES_MAX_LENGTH + 1, 'n');

  assert_valid (cd_validate_text_length (NULL, "Notes", CD_VALIDATE_NOTES_MAX_LENGTH, error));
  assert_valid (cd_validate_text_length ("", "Notes", CD_VALIDATE_NOTES_MAX_LENGTH, error));
  assert_valid (cd_validate_text_length ("line one\nline two\n\tindented", "Notes", 100, error));
  assert_valid (cd_validate_text_length (notes, "Notes", CD_VALIDATE_NOTES_MAX_LENGTH, error));
  assert_invalid (cd_validate_text_length (too_long, "Notes", CD_VALIDATE_NOTES_MAX_LENGTH, error),
                  "Notes can be at most 100000 characters long; this one has 100001.");
  /* 5 characters, 15 bytes: 客户很满意 fits 5. */
  assert_valid (cd_validate_text_length ("客户很满意", "Comment", 5, error));
  assert_invalid (cd_validate_text_length ("客户很满意", "Comment", 4, error), "this one has 5.");
  assert_invalid (cd_validate_text_length ("\xc3\x28", "Comment", 4, error), "not text");
}

static void
test_satisfaction (void)
{
  for (int i = 1; i <= 5; i++)
    assert_valid (cd_validate_satisfaction (i, error));
  assert_invalid (cd_validate_satisfaction (0, error), "from 1 to 5, not 0");
  assert_invalid (cd_validate_satisfaction (6, error), "from 1 to 5, not 6");
  assert_invalid (cd_validate_satisfaction (-1, error), "not -1");
}

/* ---- email ------------------------------------------------------------------ */

static void
test_email_valid (void)
{
  assert_valid (cd_validate_email ("zhang.wei@example.com", TRUE, error));
  assert_valid (cd_validate_email ("张伟@例子.中国", TRUE, error));
  assert_valid (cd_validate_email ("li.na+support@mail.example.com.cn", TRUE, error));
  assert_valid (cd_validate_email ("O'Connor@example.ie", TRUE, error));
  assert_valid (cd_validate_email ("  padded@example.org  ", TRUE, error));
  assert_valid (cd_validate_email ("user@xn--fsqu00a.xn--fiqs8s", TRUE, error));
}

static void
test_email_optional (void)
{
  assert_valid (cd_validate_email (NULL, FALSE, error));
  assert_valid (cd_validate_email ("", FALSE, error));
  assert_valid (cd_validate_email ("   ", FALSE, error));
  assert_invalid (cd_validate_email ("", TRUE, error), "Enter an email address.");
  assert_invalid (cd_validate_email (NULL, TRUE, error), "Enter an email address.");
}

static void
test_email_invalid (void)
{
  g_autofree char *local = g_strnfill (242, 'a');
  /* 242 + "@example.com" (12) = 254 characters: the limit. */
  g_autofree char *longest = g_strconcat (local, "@example.com", NULL);
  g_autofree char *too_long = g_strconcat (local, "a@example.com", NULL);

  assert_invalid (cd_validate_email ("zhang wei@example.com", FALSE, error), "cannot contain spaces");
  assert_invalid (cd_validate_email ("zhang\u3000wei@example.com", FALSE, error), "cannot contain spaces");
  assert_invalid (cd_validate_email ("zhang.example.com", FALSE, error), "needs an “@”");
  assert_invalid (cd_validate_email ("a@b@example.com", FALSE, error), "exactly one “@”; this one has 2.");
  assert_invalid (cd_validate_email ("@example.com", FALSE, error), "Add the name before the “@”");
  assert_invalid (cd_validate_email ("zhang@", FALSE, error), "Add the domain after the “@”");
  assert_invalid (cd_validate_email ("zhang@localhost", FALSE, error), "needs a dot");
  assert_invalid (cd_validate_email ("zhang@example..com", FALSE, error), "two dots in a row");
  assert_invalid (cd_validate_email ("zhang@.example.com", FALSE, error), "cannot start or end with a dot");
  assert_invalid (cd_validate_email ("zhang@example.com.", FALSE, error), "cannot start or end with a dot");
  assert_invalid (cd_validate_email ("zhang@-example.com", FALSE, error), "cannot start or end with “-”");
  assert_invalid (cd_validate_email (".zhang@example.com", FALSE, error), "The part before the “@” cannot start or end with a dot");
  assert_invalid (cd_validate_email ("zh..ang@example.com", FALSE, error), "two dots in a row");
  assert_invalid (cd_validate_email ("zh<ang@example.com", FALSE, error), "cannot contain “<”");
  assert_invalid (cd_validate_email ("zhang@exa_mple.com", FALSE, error), "cannot contain “_”");
  assert_invalid (cd_validate_email ("zhang@example.c", FALSE, error), "end in a name such as .com");
  assert_invalid (cd_validate_email ("zhang@10.0.0.1", FALSE, error), "end in a name such as .com");
  assert_valid (cd_validate_email (longest, TRUE, error));
  assert_invalid (cd_validate_email (too_long, TRUE, error), "at most 254 characters long; this one has 255.");
}

/* ---- phone ------------------------------------------------------------------ */

static void
test_phone_chinese_mobile (void)
{
  assert_valid (cd_validate_phone ("13812345678", error));
  assert_valid (cd_validate_phone ("+86 138 1234 5678", error));
  assert_valid (cd_validate_phone ("138-1234-5678", error));
  assert_string (cd_phone_normalise ("+86 138 1234 5678"), "+8613812345678");
  assert_string (cd_phone_normalise ("138-1234-5678"), "13812345678");
  /* Full-width digits and plus from a Chinese input method. */
  assert_valid (cd_validate_phone ("＋８６ １３８１２３４５６７８", error));
  assert_string (cd_phone_normalise ("＋８６ １３８１２３４５６７８"), "+8613812345678");
}

static void
test_phone_landline (void)
{
  assert_valid (cd_validate_phone ("(010) 6552-1234", error));
  assert_valid (cd_validate_phone ("010-65521234", error));
  assert_valid (cd_validate_phone ("（021）6552 1234", error));
  /* Three spellings of one number compare equal. */
  assert_string (cd_phone_normalise ("(010) 6552-1234"), "01065521234");
  assert_string (cd_phone_normalise ("010-65521234"), "01065521234");
  assert_string (cd_phone_normalise (" 010 6552 1234 "), "01065521234");
}

static void
test_phone_international (void)
{
  assert_valid (cd_validate_phone ("+44 20 7946 0958", error));
  assert_valid (cd_validate_phone ("+1-202-555-0143", error));
  assert_valid (cd_validate_phone ("+1 (202) 555.0143", error));
  assert_string (cd_phone_normalise ("+44 20 7946 0958"), "+442079460958");
  assert_string (cd_phone_normalise ("+1-202-555-0143"), "+12025550143");
  assert_string (cd_phone_normalise ("+1 (202) 555.0143"), "+12025550143");
  /* 15 digits is the E.164 maximum. */
  assert_valid (cd_validate_phone ("+123 456 789 012 345", error));
}

static void
test_phone_extension (void)
{
  assert_valid (cd_validate_phone ("+1-202-555-0143 x123", error));
  assert_valid (cd_validate_phone ("(010) 6552-1234 ext. 123", error));
  assert_valid (cd_validate_phone ("+44 20 7946 0958 Ext 12", error));
  assert_valid (cd_validate_phone ("010-65521234转8", error));
  assert_valid (cd_validate_phone ("010-65521234 分机 808", error));
  assert_string (cd_phone_normalise ("+1-202-555-0143 x123"), "+12025550143x123");
  assert_string (cd_phone_normalise ("(010) 6552-1234 ext. 123"), "01065521234x123");
  assert_string (cd_phone_normalise ("010-65521234转8"), "01065521234x8");
  /* The extension's digits do not count towards the 15. */
  assert_valid (cd_validate_phone ("+123 456 789 012 345 ext. 12345678", error));
  assert_invalid (cd_validate_phone ("13812345678 ext.", error), "Add the extension number");
  assert_invalid (cd_validate_phone ("13812345678 x 123456789", error),
                  "An extension has at most 8 digits; this one has 9.");
}

static void
test_phone_too_short (void)
{
  assert_invalid (cd_validate_phone ("123", error), "A phone number has 5 to 15 digits; this one has 3.");
  assert_invalid (cd_validate_phone ("+86", error), "this one has 2.");
  assert_invalid (cd_validate_phone ("ext. 12345", error), "this one has 0.");
  assert_valid (cd_validate_phone ("12345", error));
  /* 16 digits: too many. */
  assert_invalid (cd_validate_phone ("1234 5678 9012 3456", error), "A phone number has 5 to 15 digits; this one has 16.");
  assert_invalid (cd_validate_phone ("", error), "Enter a phone number.");
  assert_invalid (cd_validate_phone ("   ", error), "Enter a phone number.");
}

static void
test_phone_letters (void)
{
  assert_invalid (cd_validate_phone ("138-CALL-NOW", error), "cannot contain letters such as “C”");
  assert_invalid (cd_validate_phone ("1-800-FLOWERS", error), "letters such as “F”");
  assert_invalid (cd_validate_phone ("13812345678 abc", error), "letters such as “a”");
  assert_invalid (cd_validate_phone ("电话13812345678", error), "letters such as “电”");
  assert_invalid (cd_validate_phone ("138#1234#5678", error), "cannot contain “#”");
  assert_invalid (cd_validate_phone ("+86 +138 1234 5678", error), "A “+” can only come at the start");
  assert_invalid (cd_validate_phone ("138 1234 5678 x12 x34", error), "letters such as “x”");
}

static void
test_phone_normalise_loose (void)
{
  assert_string (cd_phone_normalise (NULL), "");
  assert_string (cd_phone_normalise (""), "");
  /* Not validated: stray letters are simply dropped. */
  assert_string (cd_phone_normalise ("tel: +86 138-1234-5678"), "+8613812345678");
}

/* ---- masking ---------------------------------------------------------------- */

static void
test_mask_phone (void)
{
  /* 11 digits: first 3, last 4, 4 masked. */
  assert_string (cd_mask_phone ("13812345678"), "138****5678");
  /* Country code readable; a space added where it ran on. */
  assert_string (cd_mask_phone ("+86 13812345678"), "+86 138****5678");
  assert_string (cd_mask_phone ("+8613812345678"), "+86 138****5678");
  /* Spacing kept as written. */
  assert_string (cd_mask_phone ("+86 138 1234 5678"), "+86 138 **** 5678");
  assert_string (cd_mask_phone ("(010) 6552-1234"), "(010) ****-1234");
  /* +1: national 2025550143 keeps 202 and 0143. */
  assert_string (cd_mask_phone ("+1-202-555-0143"), "+1-202-***-0143");
  assert_string (cd_mask_phone ("+12025550143"), "+1 202***0143");
  /* +44: national 2079460958 keeps 207 and 0958. */
  assert_string (cd_mask_phone ("+44 20 7946 0958"), "+44 20 7*** 0958");
  /* Hong Kong's code has three digits: 23456789 (8 digits) keeps 234, 6789. */
  assert_string (cd_mask_phone ("+852 2345 6789"), "+852 234* 6789");
  assert_string (cd_mask_phone ("+85223456789"), "+852 234*6789");
  /* 7 digits or fewer: only the last 2 stay. */
  assert_string (cd_mask_phone ("12345"), "***45");
  assert_string (cd_mask_phone ("655-1234"), "***-**34");
  /* The extension stays as written. */
  assert_string (cd_mask_phone ("+8613812345678 ext. 12"), "+86 138****5678 ext. 12");
  assert_string (cd_mask_phone (NULL), "");
  assert_string (cd_mask_phone (""), "");
}

static void
test_mask_email (void)
{
  assert_string (cd_mask_email ("zhang.wei@example.com"), "z*******@example.com");
  assert_string (cd_mask_email ("张伟@例子.中国"), "张*******@例子.中国");
  /* A single character would be the whole name: hide it. */
  assert_string (cd_mask_email ("a@example.com"), "*******@example.com");
  assert_string (cd_mask_email ("nodomain"), "n*******");
  assert_string (cd_mask_email (NULL), "");
  assert_string (cd_mask_email (""), "");
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/validate/shorten", test_text_shorten);
  g_test_add_func ("/core/validate/name/empty", test_name_empty);
  g_test_add_func ("/core/validate/name/whitespace-only", test_name_whitespace);
  g_test_add_func ("/core/validate/name/too-long", test_name_too_long);
  g_test_add_func ("/core/validate/name/chinese-emoji", test_name_characters);
  g_test_add_func ("/core/validate/name/quotes-semicolons", test_name_punctuation);
  g_test_add_func ("/core/validate/name/control", test_name_control);
  g_test_add_func ("/core/validate/text-length", test_text_length);
  g_test_add_func ("/core/validate/satisfaction", test_satisfaction);
  g_test_add_func ("/core/validate/email/valid", test_email_valid);
  g_test_add_func ("/core/validate/email/optional", test_email_optional);
  g_test_add_func ("/core/validate/email/invalid", test_email_invalid);
  g_test_add_func ("/core/validate/phone/chinese-mobile", test_phone_chinese_mobile);
  g_test_add_func ("/core/validate/phone/landline", test_phone_landline);
  g_test_add_func ("/core/validate/phone/international", test_phone_international);
  g_test_add_func ("/core/validate/phone/extension", test_phone_extension);
  g_test_add_func ("/core/validate/phone/too-short", test_phone_too_short);
  g_test_add_func ("/core/validate/phone/letters", test_phone_letters);
  g_test_add_func ("/core/validate/phone/normalise", test_phone_normalise_loose);
  g_test_add_func ("/core/validate/mask/phone", test_mask_phone);
  g_test_add_func ("/core/validate/mask/email", test_mask_email);

  return g_test_run ();
}
