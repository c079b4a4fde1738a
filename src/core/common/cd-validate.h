/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Field checks shared by the forms (as the user types) and the store (before
 * writing). Every failure is CD_STORE_ERROR_INVALID with a translated
 * message that names the field and says what to do. Lengths are counted in
 * characters, not bytes, so Chinese text and emoji count one each. */

/* Long free text (notes, descriptions) may be this many characters. */
#define CD_VALIDATE_NOTES_MAX_LENGTH 100000

/* @text without leading and trailing white space, Unicode spaces included
 * (an ideographic space U+3000 from a Chinese input method too). NULL in,
 * empty string out. */
char     *cd_validate_trim          (const char  *text);

/* @text for showing inside a sentence: at most @max_chars characters,
 * the last of them "…" when it was cut. Text that is not valid UTF-8 is
 * shown with its bad bytes replaced. NULL in, empty string out. */
char     *cd_text_shorten           (const char  *text,
                                     guint        max_chars);

/* A required single-line value: not empty once trimmed, valid UTF-8, no
 * line breaks or control characters, at most @max_len characters.
 * @field_label is the field's name, already translated ("Name"). */
gboolean  cd_validate_name          (const char  *text,
                                     const char  *field_label,
                                     guint        max_len,
                                     GError     **error);

/* Long text: NULL and empty are fine; valid UTF-8, at most @max_len
 * characters (CD_VALIDATE_NOTES_MAX_LENGTH for notes); line breaks
 * allowed. */
gboolean  cd_validate_text_length   (const char  *text,
                                     const char  *field_label,
                                     guint        max_len,
                                     GError     **error);

/* A practical address check: one '@', a local part, a domain with a dot,
 * no spaces, at most 254 characters. Letters of any script are accepted
 * (张伟@例子.中国). Empty (after trimming) is fine unless @required. */
gboolean  cd_validate_email         (const char  *text,
                                     gboolean     required,
                                     GError     **error);

/* A phone number in national or international form: digits with spaces,
 * dashes, dots, slashes or brackets between them, an optional leading '+',
 * and an optional extension after 'x', 'ext', 'ext.', 'extension', '转' or
 * '分机'. The number itself has 5 to 15 digits (E.164), the extension at
 * most 8. Empty is an error: callers of optional fields check for empty
 * text first. */
gboolean  cd_validate_phone         (const char  *text,
                                     GError     **error);

/* The comparable form of a phone number, for finding duplicates: a leading
 * '+' kept, then the digits only; an extension follows as "x123".
 * '+86 138 1234 5678' → '+8613812345678', '(010) 6552-1234 ext. 8' →
 * '01065521234x8'. Does not validate: characters that are not part of a
 * number are dropped. NULL in, empty string out. */
char     *cd_phone_normalise        (const char  *text);

/* For showing a number to someone who should not see all of it: the first
 * 3 and last 4 digits stay, the rest become '*' ('13812345678' →
 * '138****5678'); a number of 7 digits or fewer keeps only its last 2. A
 * leading '+' and country code stay readable ('+86 13812345678' →
 * '+86 138****5678'). Spacing and an extension are kept as written. NULL
 * or empty in, empty string out. */
char     *cd_mask_phone             (const char  *text);

/* 'zhang.wei@example.com' → 'z*******@example.com': the first character
 * stays, the rest of the local part becomes a fixed run of seven '*' so its
 * length is not revealed; a one-character local part is hidden completely.
 * NULL or empty in, empty string out. */
char     *cd_mask_email             (const char  *text);

/* A satisfaction score: 1 to 5. */
gboolean  cd_validate_satisfaction  (int          value,
                                     GError     **error);

G_END_DECLS
