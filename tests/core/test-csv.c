/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "cd-csv.h"
#include "cd-customers.h"
#include "cd-store.h"
#include "cd-validate.h"
#include "cd-store-private.h"

/* Reading ------------------------------------------------------------------ */

static GPtrArray *
read_all (const char  *data,
          gssize       len,
          char         separator,
          char        *detected,
          GError     **error)
{
  g_autoptr(GBytes) bytes = g_bytes_new (data, len < 0 ? strlen (data) : (gsize) len);
  g_autoptr(CdCsvReader) reader = cd_csv_reader_new (bytes, separator, error);
  g_autoptr(GPtrArray) records = NULL;
  CdCsvRecord *record = NULL;

  if (reader == NULL)
    return NULL;
  if (detected != NULL)
    *detected = cd_csv_reader_get_separator (reader);
  records = g_ptr_array_new_with_free_func ((GDestroyNotify) cd_csv_record_free);
  while (cd_csv_reader_next (reader, &record, error))
    g_ptr_array_add (records, record);
  if (error != NULL && *error != NULL)
    return NULL;
  g_assert_cmpfloat (cd_csv_reader_get_fraction (reader), ==, 1.0);
  return g_steal_pointer (&records);
}

#define RECORD(records, i) ((CdCsvRecord *) g_ptr_array_index ((records), (i)))

static void
assert_record (CdCsvRecord *record,
               guint        line,
               guint        n,
               ...)
{
  va_list args;

  g_assert_cmpuint (record->line, ==, line);
  g_assert_cmpuint (record->n_fields, ==, n);
  g_assert_null (record->problem);
  va_start (args, n);
  for (guint i = 0; i < n; i++)
    g_assert_cmpstr (record->fields[i], ==, va_arg (args, const char *));
  va_end (args);
  g_assert_null (record->fields[n]);
}

static void
test_read_bom (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) with = read_all ("\xEF\xBB\xBFname,phone\r\nZhang,138\r\n", -1, 0, NULL, &error);
  g_autoptr(GPtrArray) without = read_all ("name,phone\r\nZhang,138\r\n", -1, 0, NULL, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (with->len, ==, 2);
  assert_record (RECORD (with, 0), 1, 2, "name", "phone");
  assert_record (RECORD (with, 1), 2, 2, "Zhang", "138");
  g_assert_cmpuint (without->len, ==, 2);
  assert_record (RECORD (without, 0), 1, 2, "name", "phone");
}

static void
test_read_separators (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) comma = NULL;
  g_autoptr(GPtrArray) semi = NULL;
  g_autoptr(GPtrArray) quoted = NULL;
  char sep = 0;

  comma = read_all ("a,b;c,d\n1,2;3,4\n", -1, 0, &sep, &error);
  g_assert_no_error (error);
  g_assert_cmpint (sep, ==, ',');
  assert_record (RECORD (comma, 1), 2, 3, "1", "2;3", "4");

  /* Excel in a European or Chinese locale writes semicolons. */
  semi = read_all ("name;company;notes\nZhang;Acme, Ltd;x\n", -1, 0, &sep, &error);
  g_assert_no_error (error);
  g_assert_cmpint (sep, ==, ';');
  assert_record (RECORD (semi, 1), 2, 3, "Zhang", "Acme, Ltd", "x");

  /* Separators inside quotes in the header do not count. */
  quoted = read_all ("\"a,b,c\";d\n1;2\n", -1, 0, &sep, &error);
  g_assert_no_error (error);
  g_assert_cmpint (sep, ==, ';');
  assert_record (RECORD (quoted, 0), 1, 2, "a,b,c", "d");
}

static void
test_read_quoted_newline (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) records = NULL;

  records = read_all ("name,notes\r\n"
                      "Zhang,\"first line\r\nsecond line\r\nthird\"\r\n"
                      "Li,plain\r\n"
                      "\r\n"
                      "Wang,\"a\nb\"\n"
                      "Zhao,last\n", -1, 0, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (records->len, ==, 5);
  assert_record (RECORD (records, 1), 2, 2, "Zhang", "first line\nsecond line\nthird");
  /* The record after a three-line field starts on line 5, as an editor shows it. */
  assert_record (RECORD (records, 2), 5, 2, "Li", "plain");
  /* An empty line is skipped but counted. */
  assert_record (RECORD (records, 3), 7, 2, "Wang", "a\nb");
  assert_record (RECORD (records, 4), 9, 2, "Zhao", "last");
}

static void
test_read_escaped_quote (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) records = NULL;

  records = read_all ("a,b,c\n\"He said \"\"hi\"\"\",\"\"\"\",\"x,\"\"y\"\"\"\n", -1, 0, NULL, &error);
  g_assert_no_error (error);
  assert_record (RECORD (records, 1), 2, 3, "He said \"hi\"", "\"", "x,\"y\"");

  /* Text after a closing quote: the record is flagged, the file goes on. */
  g_clear_pointer (&records, g_ptr_array_unref);
  records = read_all ("a,b\n\"bad\"x,1\nok,2\n", -1, 0, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (records->len, ==, 3);
  g_assert_nonnull (RECORD (records, 1)->problem);
  g_assert_cmpuint (RECORD (records, 1)->line, ==, 2);
  assert_record (RECORD (records, 2), 3, 2, "ok", "2");

  /* A quote never closed makes the rest unreadable. */
  g_clear_pointer (&records, g_ptr_array_unref);
  records = read_all ("a,b\n1,2\n3,\"open\n4,5\n", -1, 0, NULL, &error);
  g_assert_null (records);
  g_assert_error (error, CD_STORE_ERROR, CD_STORE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "Line 3"));
}

static void
test_read_invalid_utf8 (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) records = NULL;

  /* "张" in GBK on line 4, after a field with a line break in it. */
  records = read_all ("name,notes\n\"x\ny\",1\n\xD5\xC5,2\n", -1, 0, NULL, &error);
  g_assert_null (records);
  g_assert_error (error, CD_STORE_ERROR, CD_STORE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "Line 4"));
  g_clear_error (&error);

  records = read_all ("a\r\nb\r\n\xFF", -1, 0, NULL, &error);
  g_assert_null (records);
  g_assert_nonnull (strstr (error->message, "Line 3"));
  g_clear_error (&error);

  /* A zero byte: not a text file. */
  records = read_all ("a,b\n1,\0002\n", 9, 0, NULL, &error);
  g_assert_null (records);
  g_assert_nonnull (strstr (error->message, "Line 2"));
}

static void
test_read_edges (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) records = NULL;
  g_autoptr(GString) big = g_string_new ("name,notes\n\"Zhang\",\"");
  g_autoptr(GString) field = g_string_new (NULL);

  /* Empty. */
  records = read_all ("", 0, 0, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (records->len, ==, 0);
  g_clear_pointer (&records, g_ptr_array_unref);
  records = read_all ("\xEF\xBB\xBF\r\n\n", -1, 0, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (records->len, ==, 0);
  g_clear_pointer (&records, g_ptr_array_unref);

  /* Header only, without a final newline. */
  records = read_all ("name,phone", -1, 0, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (records->len, ==, 1);
  assert_record (RECORD (records, 0), 1, 2, "name", "phone");
  g_clear_pointer (&records, g_ptr_array_unref);

  /* Missing final newline after a data line, and empty fields. */
  records = read_all ("a,b,c\n1,,\n,,last", -1, 0, NULL, &error);
  g_assert_no_error (error);
  assert_record (RECORD (records, 1), 2, 3, "1", "", "");
  assert_record (RECORD (records, 2), 3, 3, "", "", "last");
  g_clear_pointer (&records, g_ptr_array_unref);

  /* A field of 10 000 characters with quotes and separators in it. */
  for (guint i = 0; i < 10000; i++)
    g_string_append_c (field, "ab,\"c"[i % 5]);
  for (const char *p = field->str; *p; p++)
    {
      if (*p == '"')
        g_string_append_c (big, '"');
      g_string_append_c (big, *p);
    }
  g_string_append (big, "\"\nnext,1\n");
  records = read_all (big->str, -1, 0, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (records->len, ==, 3);
  g_assert_cmpuint (strlen (RECORD (records, 1)->fields[1]), ==, 10000);
  g_assert_cmpstr (RECORD (records, 1)->fields[1], ==, field->str);
  assert_record (RECORD (records, 2), 3, 2, "next", "1");
  g_clear_pointer (&records, g_ptr_array_unref);

  /* Chinese, emoji and a lone CR line end. */
  records = read_all ("姓名,备注\r张伟,很好 👍🏽\r\"李娜\",\"表情 😀\r换行\"", -1, 0, NULL, &error);
  g_assert_no_error (error);
  assert_record (RECORD (records, 0), 1, 2, "姓名", "备注");
  assert_record (RECORD (records, 1), 2, 2, "张伟", "很好 👍🏽");
  assert_record (RECORD (records, 2), 3, 2, "李娜", "表情 😀\n换行");
  g_clear_pointer (&records, g_ptr_array_unref);

  /* Ragged rows come through as they are; the importer reports them. */
  records = read_all ("a,b,c\n1,2\n1,2,3,4\n", -1, 0, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (RECORD (records, 1)->n_fields, ==, 2);
  g_assert_cmpuint (RECORD (records, 2)->n_fields, ==, 4);
}

/* Writing ------------------------------------------------------------------ */

static char *
write_rows (CdCsvWriteFlags     flags,
            const char * const *rows[],
            guint               n_rows)
{
  g_autoptr(GOutputStream) out = g_memory_output_stream_new_resizable ();
  g_autoptr(CdCsvWriter) writer = cd_csv_writer_new (out, ',', flags);
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < n_rows; i++)
    g_assert_true (cd_csv_writer_write_row (writer, rows[i], -1, NULL, &error));
  g_assert_true (cd_csv_writer_finish (writer, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (g_output_stream_write_all (out, "", 1, NULL, NULL, NULL));
  g_assert_true (g_output_stream_close (out, NULL, NULL));
  return g_memory_output_stream_steal_data (G_MEMORY_OUTPUT_STREAM (out));
}

static void
test_write (void)
{
  const char *row1[] = { "plain", "with,comma", "with \"quote\"", "two\nlines", " padded", "", NULL };
  const char *row2[] = { "=1+2", "+86 138", "-5", "@SUM(A1)", "\tTab", "a=b", "张伟 😀", NULL };
  const char * const *rows[] = { row1, row2 };
  g_autofree char *text = write_rows (CD_CSV_WRITE_DEFAULT, rows, 2);
  g_autofree char *raw = write_rows (CD_CSV_WRITE_BOM | CD_CSV_WRITE_KEEP_FORMULAS, rows + 1, 1);
  g_autoptr(GPtrArray) back = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_cmpstr (text, ==,
                   "plain,\"with,comma\",\"with \"\"quote\"\"\",\"two\nlines\",\" padded\",\r\n"
                   "'=1+2,'+86 138,'-5,'@SUM(A1),'\tTab,a=b,张伟 😀\r\n");
  g_assert_cmpstr (raw, ==, "\xEF\xBB\xBF=1+2,+86 138,-5,@SUM(A1),\tTab,a=b,张伟 😀\r\n");

  /* Reads back to the same values (the apostrophe undone on import). */
  back = read_all (text, -1, 0, NULL, &error);
  g_assert_no_error (error);
  for (guint i = 0; row1[i] != NULL; i++)
    g_assert_cmpstr (RECORD (back, 0)->fields[i], ==, row1[i]);
  for (guint i = 0; row2[i] != NULL; i++)
    g_assert_cmpstr (cd_csv_unneutralise (RECORD (back, 1)->fields[i]), ==, row2[i]);
  g_assert_cmpstr (cd_csv_unneutralise ("'plain"), ==, "'plain");

  {
    g_autofree char *f = cd_csv_format_field ("a;b", ';', CD_CSV_WRITE_DEFAULT);
    g_assert_cmpstr (f, ==, "\"a;b\"");
  }
}

/* Import and export ---------------------------------------------------------- */

typedef struct {
  char    *dir;
  char    *path;
  CdStore *store;
  gint64   rep_id;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  const CdField rep[] = { { "login", "rep1" }, { "display_name", "Li Na" }, { "role", "rep" } };

  fixture->dir = g_dir_make_tmp ("caredesk-csv-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->path = g_build_filename (fixture->dir, "test.caredesk", NULL);
  fixture->store = cd_store_open (fixture->path, CD_STORE_OPEN_CREATE | CD_STORE_OPEN_NO_WATCH, &error);
  g_assert_no_error (error);
  g_assert_true (cd_store_sign_in (fixture->store, "admin", "Admin", &error));
  fixture->rep_id = cd_store_insert (fixture->store, "staff", rep, G_N_ELEMENTS (rep), &error);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GDir) dir = NULL;
  const char *name;

  g_clear_object (&fixture->store);
  dir = g_dir_open (fixture->dir, 0, NULL);
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *file = g_build_filename (fixture->dir, name, NULL);
      g_unlink (file);
    }
  g_rmdir (fixture->dir);
  g_free (fixture->path);
  g_free (fixture->dir);
}

static char *
write_file (Fixture    *fixture,
            const char *name,
            const char *contents,
            gssize      len)
{
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (fixture->dir, name, NULL);

  g_assert_true (g_file_set_contents (path, contents, len, &error));
  g_assert_no_error (error);
  return path;
}

static gint64
count (Fixture    *fixture,
       const char *sql)
{
  g_autoptr(GError) error = NULL;
  gint64 n = cd_store_query_int (fixture->store, sql, CD_NO_BIND, -1, &error);
  g_assert_no_error (error);
  return n;
}

static gint64
add_customer (Fixture    *fixture,
              const char *name,
              const char *phone,
              const char *email,
              gint64      owner_id)
{
  g_autoptr(CdCustomer) customer = cd_customer_new ();
  g_autoptr(GError) error = NULL;
  gint64 id;

  customer->name = g_strdup (name);
  customer->phone = g_strdup (phone);
  customer->email = g_strdup (email);
  customer->owner_id = owner_id;
  id = cd_customer_create (fixture->store, customer, &error);
  g_assert_no_error (error);
  return id;
}

static void
test_preview (Fixture       *fixture,
              gconstpointer  data)
{
  g_autoptr(CdCustomersImportPreview) preview = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autofree char *empty = NULL;
  g_autofree char *header_only = NULL;

  path = write_file (fixture, "chinese.csv",
                     "\xEF\xBB\xBF姓名;公司;手机;电话;邮箱;级别;标签;备注;地址;负责人;生日\r\n"
                     "张伟;Acme;13812345678;010 6552 1234;zw@example.com;核心;VIP;\"第一行\r\n第二行\";北京;rep1;1990\r\n"
                     "李娜;;139 0000 1111;;;一般;;;;;\r\n"
                     "王芳;;;;;;;;;;\r\n", -1);
  preview = cd_customers_import_preview (path, 2, &error);
  g_assert_no_error (error);
  g_assert_cmpint (preview->separator, ==, ';');
  g_assert_true (preview->had_bom);
  g_assert_cmpuint (preview->n_columns, ==, 11);
  g_assert_cmpstr (preview->header[0], ==, "姓名");
  g_assert_cmpuint (preview->rows->len, ==, 2);
  g_assert_cmpuint (((CdCsvRecord *) g_ptr_array_index (preview->rows, 1))->line, ==, 4);
  {
    const int want[] = {
      CD_CUSTOMER_FIELD_NAME, CD_CUSTOMER_FIELD_ORGANISATION, CD_CUSTOMER_FIELD_PHONE,
      CD_CUSTOMER_FIELD_PHONE2, CD_CUSTOMER_FIELD_EMAIL, CD_CUSTOMER_FIELD_TIER,
      CD_CUSTOMER_FIELD_TAGS, CD_CUSTOMER_FIELD_NOTES, CD_CUSTOMER_FIELD_ADDRESS,
      CD_CUSTOMER_FIELD_OWNER, CD_CUSTOMER_FIELD_IGNORE,
    };
    for (guint i = 0; i < G_N_ELEMENTS (want); i++)
      g_assert_cmpint (preview->mapping[i], ==, want[i]);
  }

  g_assert_cmpint (cd_customers_guess_field ("E-mail"), ==, CD_CUSTOMER_FIELD_EMAIL);
  g_assert_cmpint (cd_customers_guess_field (" Company Name "), ==, CD_CUSTOMER_FIELD_ORGANISATION);
  g_assert_cmpint (cd_customers_guess_field ("Organization"), ==, CD_CUSTOMER_FIELD_ORGANISATION);
  g_assert_cmpint (cd_customers_guess_field ("preferred_channel"), ==, CD_CUSTOMER_FIELD_PREFERRED_CHANNEL);
  g_assert_cmpint (cd_customers_guess_field ("电子邮件"), ==, CD_CUSTOMER_FIELD_EMAIL);
  g_assert_cmpint (cd_customers_guess_field ("favourite colour"), ==, CD_CUSTOMER_FIELD_IGNORE);

  /* Empty file: a clear refusal. Header only: nothing to show. */
  empty = write_file (fixture, "empty.csv", "", 0);
  g_clear_pointer (&preview, cd_customers_import_preview_free);
  preview = cd_customers_import_preview (empty, 10, &error);
  g_assert_null (preview);
  g_assert_error (error, CD_STORE_ERROR, CD_STORE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "empty"));
  g_clear_error (&error);

  header_only = write_file (fixture, "header.csv", "name,email", -1);
  preview = cd_customers_import_preview (header_only, 10, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (preview->rows->len, ==, 0);
  g_assert_cmpint (preview->separator, ==, ',');
  g_assert_false (preview->had_bom);
}

static const char *
reason_for_line (CdCustomersImportReport *report,
                 guint                    line)
{
  for (guint i = 0; i < report->rejections->len; i++)
    {
      CdImportRejection *r = &g_array_index (report->rejections, CdImportRejection, i);
      if (r->line == line)
        return r->reason;
    }
  return NULL;
}

/* Mapping by header guess, as the dialog starts. */
static int *
guess_mapping (const char *path,
               guint      *n)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CdCustomersImportPreview) preview = cd_customers_import_preview (path, 5, &error);

  g_assert_no_error (error);
  *n = preview->n_columns;
  return g_memdup2 (preview->mapping, preview->n_columns * sizeof (int));
}

static void
test_import_report (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(CdCustomersImportReport) report = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autofree int *mapping = NULL;
  guint n_mapping;
  gint64 audit_before;

  add_customer (fixture, "Existing", "13700000000", "old@example.com", 0);
  audit_before = count (fixture, "SELECT count(*) FROM audit_log");

  path = write_file (fixture, "report.csv",
                     "name,phone,email,tier,owner,notes\n"                 /* 1 */
                     "Zhang Wei,+86 138 1234 5678,zw@example.com,core,rep1,\"a\nb\"\n" /* 2-3 */
                     "Bad Email,,x@,,,\n"                                  /* 4 */
                     "Short Phone,123,,,,\n"                               /* 5 */
                     ",13811112222,,,,\n"                                  /* 6 */
                     "Too few,13900001111\n"                               /* 7 */
                     "Too many,,,,,,extra\n"                               /* 8 */
                     "Trailing empties,,,,,,,\n"                           /* 9 */
                     "Same phone as line 2,13812345678,,,,\n"              /* 10 */
                     "Existing again,137 0000 0000,,,,\n"                  /* 11 */
                     "Case email,,OLD@example.com,,,\n"                    /* 12 */
                     "Unknown owner,,,,nobody,\n"                          /* 13 */
                     "Gold tier,,,gold,,\n"                                /* 14 */
                     "\"Broken\"quote,,,,,\n"                              /* 15 */
                     "'=Formula name,,,,,\n"                               /* 16 */
                     "李娜,010-6552-1234,li.na@例子.中国,一般,Li Na,\n",   /* 17 */
                     -1);
  mapping = guess_mapping (path, &n_mapping);
  g_assert_cmpuint (n_mapping, ==, 6);

  /* A dry run checks everything and writes nothing. */
  g_assert_true (cd_customers_import (fixture->store, path, mapping, n_mapping,
                                      CD_CUSTOMERS_IMPORT_DRY_RUN, NULL, NULL, NULL, &report, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (report->n_records, ==, 15);
  g_assert_cmpuint (report->n_valid, ==, 5);
  g_assert_cmpuint (report->n_imported, ==, 0);
  g_assert_cmpuint (report->rejections->len, ==, 10);
  g_assert_cmpint (count (fixture, "SELECT count(*) FROM customers"), ==, 1);
  g_assert_cmpint (count (fixture, "SELECT count(*) FROM audit_log"), ==, audit_before);

  for (guint i = 0; i < report->rejections->len; i++)
    {
      g_autofree char *line = cd_import_rejection_format (&g_array_index (report->rejections, CdImportRejection, i));
      g_test_message ("%s", line);
    }

  g_assert_nonnull (strstr (reason_for_line (report, 4), "“x@”"));
  g_assert_nonnull (strstr (reason_for_line (report, 5), "3"));
  g_assert_nonnull (strstr (reason_for_line (report, 6), "Name"));
  /* Trailing empty fields left out: they are empty. */
  g_assert_null (reason_for_line (report, 7));
  g_assert_nonnull (strstr (reason_for_line (report, 8), "7 fields"));
  g_assert_null (reason_for_line (report, 9));
  g_assert_nonnull (strstr (reason_for_line (report, 10), "line 2"));
  g_assert_nonnull (strstr (reason_for_line (report, 11), "“Existing”"));
  g_assert_nonnull (strstr (reason_for_line (report, 12), "“Existing”"));
  g_assert_nonnull (strstr (reason_for_line (report, 13), "nobody"));
  g_assert_nonnull (strstr (reason_for_line (report, 14), "gold"));
  g_assert_nonnull (reason_for_line (report, 15));
  g_assert_null (reason_for_line (report, 16));
  g_assert_null (reason_for_line (report, 17));
  {
    CdImportRejection *first = &g_array_index (report->rejections, CdImportRejection, 0);
    g_autofree char *text = cd_import_rejection_format (first);
    g_assert_cmpuint (first->line, ==, 4);
    g_assert_true (g_str_has_prefix (text, "line 4: "));
  }
  g_clear_pointer (&report, cd_customers_import_report_free);

  /* All or nothing, when asked: nothing at all. */
  g_assert_false (cd_customers_import (fixture->store, path, mapping, n_mapping,
                                       CD_CUSTOMERS_IMPORT_ALL_OR_NOTHING, NULL, NULL, NULL, &report, &error));
  g_assert_error (error, CD_STORE_ERROR, CD_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_nonnull (report);
  g_clear_pointer (&report, cd_customers_import_report_free);
  g_assert_cmpint (count (fixture, "SELECT count(*) FROM customers"), ==, 1);

  /* Confirmed: the valid lines, and only they, in full. */
  g_assert_true (cd_customers_import (fixture->store, path, mapping, n_mapping,
                                      CD_CUSTOMERS_IMPORT_DEFAULT, NULL, NULL, NULL, &report, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (report->n_imported, ==, 5);
  g_assert_cmpint (count (fixture, "SELECT count(*) FROM customers"), ==, 6);
  g_assert_cmpint (count (fixture, "SELECT count(*) FROM customers WHERE name = 'Zhang Wei' AND phone = '13812345678'"
                                   " AND tier = 'core' AND notes = 'a\nb' AND owner_id IS NOT NULL"), ==, 1);
  g_assert_cmpint (count (fixture, "SELECT count(*) FROM customers WHERE name = '=Formula name'"), ==, 1);
  g_assert_cmpint (count (fixture, "SELECT count(*) FROM customers WHERE name = '李娜' AND phone = '01065521234'"
                                   " AND owner_id IS NOT NULL AND email = 'li.na@例子.中国'"), ==, 1);
  g_assert_cmpint (count (fixture, "SELECT count(*) FROM customers WHERE name = 'Too few' AND phone = '13900001111'"
                                   " AND email IS NULL AND tier = 'general' AND owner_id IS NULL AND notes IS NULL"), ==, 1);
  g_assert_cmpint (count (fixture, "SELECT count(*) FROM customers WHERE name IN ('Bad Email', 'Short Phone', 'Unknown owner')"), ==, 0);
  g_assert_cmpint (count (fixture, "SELECT count(*) FROM audit_log WHERE entity = 'customers' AND action = 'import'"), ==, 1);
}

/* The app's own words, in every shipped language, and rows that leave
 * out their trailing empty fields. */
static void
test_import_words (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(CdCustomersImportReport) report = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  const int mapping[] = { CD_CUSTOMER_FIELD_NAME, CD_CUSTOMER_FIELD_TIER,
                          CD_CUSTOMER_FIELD_PREFERRED_CHANNEL, CD_CUSTOMER_FIELD_EMAIL };
  const struct { const char *name, *tier, *channel; } want[] = {
    { "甲", "potential", "chat" },  { "乙", "general", "in_person" },
    { "丙", "potential", "email" }, { "丁", "general", "other" },
    { "戊", "strategic", "phone" }, { "己", "core", NULL },
    { "庚", "potential", NULL },    { "辛", "general", NULL },
    { "壬", "general", NULL },
  };

  path = write_file (fixture, "words.csv",
                     "姓名,级别,首选渠道,邮箱\n"
                     "甲,潜力客户,在线聊天,\n"
                     "乙,常规客户,当面,\n"
                     "丙,潜力,电子邮件,\n"
                     "丁,常规,其他\n"
                     "戊,战略,电话\n"
                     "己,核心\n"
                     "庚,POTENTIAL\n"
                     "辛,General,\n"
                     "壬\n"
                     "癸,金牌\n", -1);

  g_assert_true (cd_customers_import (fixture->store, path, mapping, G_N_ELEMENTS (mapping),
                                      CD_CUSTOMERS_IMPORT_DEFAULT, NULL, NULL, NULL, &report, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (report->n_records, ==, 10);
  g_assert_cmpuint (report->n_imported, ==, 9);
  g_assert_cmpuint (report->rejections->len, ==, 1);
  g_assert_nonnull (strstr (reason_for_line (report, 11), "金牌"));

  for (guint i = 0; i < G_N_ELEMENTS (want); i++)
    {
      g_autofree char *tier_sql = g_strdup_printf ("SELECT tier FROM customers WHERE name = '%s'", want[i].name);
      g_autofree char *channel_sql = g_strdup_printf ("SELECT preferred_channel FROM customers WHERE name = '%s'", want[i].name);
      g_autofree char *tier = cd_store_query_text (fixture->store, tier_sql);
      g_autofree char *channel = cd_store_query_text (fixture->store, channel_sql);

      g_assert_cmpstr (tier, ==, want[i].tier);
      g_assert_cmpstr (channel, ==, want[i].channel);
    }
}

static void
test_import_bad_files (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CdCustomersImportReport) report = NULL;
  g_autofree char *gbk = write_file (fixture, "gbk.csv", "name\nok\n\xD5\xC5\xCE\xB0\n", -1);
  g_autofree char *open_quote = write_file (fixture, "quote.csv", "name\nok\n\"never closed\n", -1);
  g_autofree char *empty = write_file (fixture, "empty.csv", "", 0);
  g_autofree char *header_only = write_file (fixture, "header.csv", "\xEF\xBB\xBFname,email\r\n", -1);
  g_autofree char *missing = g_build_filename (fixture->dir, "missing.csv", NULL);
  const int mapping[] = { CD_CUSTOMER_FIELD_NAME, CD_CUSTOMER_FIELD_EMAIL };
  const int no_name[] = { CD_CUSTOMER_FIELD_EMAIL };
  const int twice[] = { CD_CUSTOMER_FIELD_NAME, CD_CUSTOMER_FIELD_NAME };

  g_assert_false (cd_customers_import (fixture->store, gbk, mapping, 1, 0, NULL, NULL, NULL, &report, &error));
  g_assert_error (error, CD_STORE_ERROR, CD_STORE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "Line 3"));
  g_clear_error (&error);
  g_assert_null (report);

  g_assert_false (cd_customers_import (fixture->store, open_quote, mapping, 1, 0, NULL, NULL, NULL, &report, &error));
  g_assert_error (error, CD_STORE_ERROR, CD_STORE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "Line 3"));
  g_clear_error (&error);

  g_assert_false (cd_customers_import (fixture->store, empty, mapping, 1, 0, NULL, NULL, NULL, &report, &error));
  g_assert_error (error, CD_STORE_ERROR, CD_STORE_ERROR_INVALID);
  g_clear_error (&error);

  g_assert_false (cd_customers_import (fixture->store, missing, mapping, 1, 0, NULL, NULL, NULL, &report, &error));
  g_assert_error (error, CD_STORE_ERROR, CD_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  g_assert_false (cd_customers_import (fixture->store, header_only, no_name, 1, 0, NULL, NULL, NULL, &report, &error));
  g_assert_error (error, CD_STORE_ERROR, CD_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (cd_customers_import (fixture->store, header_only, twice, 2, 0, NULL, NULL, NULL, &report, &error));
  g_assert_error (error, CD_STORE_ERROR, CD_STORE_ERROR_INVALID);
  g_clear_error (&error);

  g_assert_true (cd_customers_import (fixture->store, header_only, mapping, 2, 0, NULL, NULL, NULL, &report, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (report->n_records, ==, 0);
  g_assert_cmpuint (report->n_imported, ==, 0);

  g_assert_cmpint (count (fixture, "SELECT count(*) FROM customers"), ==, 0);
}

static char *
big_file (Fixture *fixture,
          guint    n,
          guint    boom_line)
{
  g_autoptr(GString) csv = g_string_new ("name,phone,email\r\n");

  for (guint i = 0; i < n; i++)
    {
      guint line = i + 2;
      if (line == boom_line)
        g_string_append (csv, "Boom,,\r\n");
      else
        g_string_append_printf (csv, "Customer %u,139%08u,c%u@example.com\r\n", i, i, i);
    }
  return write_file (fixture, "big.csv", csv->str, (gssize) csv->len);
}

/* A failure in the middle of writing leaves nothing behind. */
static void
test_import_all_or_nothing (Fixture       *fixture,
                            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CdCustomersImportReport) report = NULL;
  g_autofree char *path = big_file (fixture, 1000, 700);
  const int mapping[] = { CD_CUSTOMER_FIELD_NAME, CD_CUSTOMER_FIELD_PHONE, CD_CUSTOMER_FIELD_EMAIL };

  g_assert_true (cd_store_exec (fixture->store,
                                "CREATE TRIGGER boom BEFORE INSERT ON customers WHEN NEW.name = 'Boom'"
                                " BEGIN SELECT RAISE(ABORT, 'the disk is on fire'); END", &error));
  g_assert_false (cd_customers_import (fixture->store, path, mapping, 3, 0, NULL, NULL, NULL, &report, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  g_assert_null (report);
  g_assert_cmpint (count (fixture, "SELECT count(*) FROM customers"), ==, 0);
  g_assert_cmpint (count (fixture, "SELECT count(*) FROM audit_log WHERE entity = 'customers'"), ==, 0);

  g_assert_true (cd_store_exec (fixture->store, "DROP TRIGGER boom", &error));
  g_assert_true (cd_customers_import (fixture->store, path, mapping, 3, 0, NULL, NULL, NULL, &report, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (report->n_imported, ==, 1000);
  g_assert_cmpint (count (fixture, "SELECT count(*) FROM customers"), ==, 1000);
}

typedef struct {
  GCancellable *cancellable;
  double        cancel_at;
  double        last;
  guint         calls;
  gboolean      decreasing;
  GThread      *thread;
  gboolean      wrong_thread;
} ProgressState;

static void
progress_cb (double   fraction,
             gpointer user_data)
{
  ProgressState *state = user_data;

  if (fraction < state->last)
    state->decreasing = TRUE;
  if (state->thread != NULL && g_thread_self () != state->thread)
    state->wrong_thread = TRUE;
  state->last = fraction;
  state->calls++;
  if (state->cancellable != NULL && fraction >= state->cancel_at)
    g_cancellable_cancel (state->cancellable);
}

static void
test_import_cancelled (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CdCustomersImportReport) report = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autofree char *path = big_file (fixture, 2000, 0);
  const int mapping[] = { CD_CUSTOMER_FIELD_NAME, CD_CUSTOMER_FIELD_PHONE, CD_CUSTOMER_FIELD_EMAIL };
  ProgressState state = { cancellable, 0.6, 0, 0, FALSE, NULL, FALSE };

  /* Cancelled while rows are being written: all of them roll back. */
  g_assert_false (cd_customers_import (fixture->store, path, mapping, 3, 0, cancellable,
                                       progress_cb, &state, &report, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);
  g_assert_null (report);
  g_assert_cmpfloat (state.last, >=, 0.6);
  g_assert_cmpfloat (state.last, <, 1.0);
  g_assert_cmpint (count (fixture, "SELECT count(*) FROM customers"), ==, 0);
  g_assert_cmpint (count (fixture, "SELECT count(*) FROM audit_log WHERE entity = 'customers'"), ==, 0);

  /* Cancelled before it starts. */
  g_assert_false (cd_customers_import (fixture->store, path, mapping, 3, 0, cancellable,
                                       NULL, NULL, &report, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpint (count (fixture, "SELECT count(*) FROM customers"), ==, 0);
}

typedef struct {
  CdStore  *other;
  guint     n_written;
  double    written_at;
} OtherWriter;

/* Called on the importing thread while the import runs. */
static void
write_meanwhile_cb (double   fraction,
                    gpointer user_data)
{
  OtherWriter *writer = user_data;
  g_autoptr(CdCustomer) customer = NULL;
  g_autoptr(GError) error = NULL;

  /* Until half way the import is reading and checking lines. */
  if (writer->n_written > 0 || fraction <= 0.0 || fraction >= 0.5)
    return;

  customer = cd_customer_new ();
  customer->name = g_strdup ("Written meanwhile");
  customer->phone = g_strdup ("13300000001");
  /* Would wait for the busy timeout and fail, were the import holding a
   * lock on the file. */
  g_assert_cmpint (cd_customer_create (writer->other, customer, &error), >, 0);
  g_assert_no_error (error);
  writer->n_written++;
  writer->written_at = fraction;
}

/* Reading and checking a file takes no lock: another Caredesk saves
 * meanwhile, and the import still writes every line. On a network share
 * (rollback journal) even an open read would keep others from saving. */
static void
test_import_no_lock_while_checking (Fixture       *fixture,
                                    gconstpointer  data)
{
  gboolean remote = GPOINTER_TO_INT (data);
  g_autoptr(GError) error = NULL;
  g_autoptr(CdCustomersImportReport) report = NULL;
  g_autoptr(CdStore) store = NULL;
  g_autoptr(CdStore) other = NULL;
  g_autofree char *path = big_file (fixture, 5000, 0);
  g_autofree char *db_path = g_build_filename (fixture->dir, remote ? "remote.caredesk" : "local.caredesk", NULL);
  const int mapping[] = { CD_CUSTOMER_FIELD_NAME, CD_CUSTOMER_FIELD_PHONE, CD_CUSTOMER_FIELD_EMAIL };
  OtherWriter writer = { NULL, 0, 0 };

  if (remote)
    g_setenv ("CAREDESK_FORCE_REMOTE", "1", TRUE);
  store = cd_store_open (db_path, CD_STORE_OPEN_CREATE | CD_STORE_OPEN_NO_WATCH, &error);
  g_assert_no_error (error);
  g_assert_true (cd_store_sign_in (store, "admin", "Admin", &error));
  other = cd_store_open (db_path, CD_STORE_OPEN_NO_WATCH, &error);
  g_assert_no_error (error);
  g_assert_true (cd_store_sign_in (other, "admin", NULL, &error));
  g_unsetenv ("CAREDESK_FORCE_REMOTE");
  g_assert_cmpstr (cd_store_get_journal_mode (store), ==, remote ? "delete" : "wal");

  writer.other = other;
  g_assert_true (cd_customers_import (store, path, mapping, 3, CD_CUSTOMERS_IMPORT_DEFAULT, NULL,
                                      write_meanwhile_cb, &writer, &report, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (writer.n_written, ==, 1);
  g_assert_cmpfloat (writer.written_at, <, 0.5);
  g_assert_cmpuint (report->n_imported, ==, 5000);
  g_assert_cmpint (cd_store_query_int (store, "SELECT count(*) FROM customers", CD_NO_BIND, -1, NULL), ==, 5001);

  g_clear_object (&other);
  g_clear_object (&store);
  {
    g_autofree char *wal = g_strconcat (db_path, "-wal", NULL);
    g_autofree char *shm = g_strconcat (db_path, "-shm", NULL);
    g_unlink (wal);
    g_unlink (shm);
    g_unlink (db_path);
  }
}

typedef struct {
  GAsyncResult *result;
} AsyncWait;

static void
async_done_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  AsyncWait *wait = user_data;
  wait->result = g_object_ref (result);
}

static void
wait_for (AsyncWait *wait)
{
  gint64 deadline = g_get_monotonic_time () + 60 * G_USEC_PER_SEC;

  while (wait->result == NULL && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_assert_nonnull (wait->result);
}

static void
progress_destroy_cb (gpointer data)
{
  ProgressState *state = data;
  state->calls += 1000000;
}

static void
test_import_async (Fixture       *fixture,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CdCustomersImportReport) report = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autofree char *path = big_file (fixture, 3000, 0);
  const int mapping[] = { CD_CUSTOMER_FIELD_NAME, CD_CUSTOMER_FIELD_PHONE, CD_CUSTOMER_FIELD_EMAIL };
  ProgressState state = { NULL, 2.0, 0, 0, FALSE, g_thread_self (), FALSE };
  ProgressState cancel_state = { NULL, 2.0, 0, 0, FALSE, g_thread_self (), FALSE };
  AsyncWait wait = { NULL };

  /* The dry run, then the real thing, with progress on this thread. */
  cd_customers_import_async (fixture->store, path, mapping, 3, CD_CUSTOMERS_IMPORT_DRY_RUN, NULL,
                             progress_cb, &state, NULL, async_done_cb, &wait);
  wait_for (&wait);
  report = cd_customers_import_finish (fixture->store, wait.result, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (report->n_valid, ==, 3000);
  g_assert_cmpuint (report->n_imported, ==, 0);
  g_clear_object (&wait.result);
  g_clear_pointer (&report, cd_customers_import_report_free);
  g_assert_cmpint (count (fixture, "SELECT count(*) FROM customers"), ==, 0);

  /* Cancelled once every line is checked, while the import waits for the
   * write lock that this connection holds: nothing is written. */
  g_assert_true (cd_store_begin (fixture->store, &error));
  cd_customers_import_async (fixture->store, path, mapping, 3, 0, cancellable,
                             progress_cb, &cancel_state, NULL, async_done_cb, &wait);
  {
    gint64 deadline = g_get_monotonic_time () + 60 * G_USEC_PER_SEC;
    while (cancel_state.last < 0.45 && g_get_monotonic_time () < deadline)
      g_main_context_iteration (NULL, TRUE);
  }
  g_assert_cmpfloat (cancel_state.last, >=, 0.45);
  g_assert_null (wait.result);
  g_cancellable_cancel (cancellable);
  cd_store_rollback (fixture->store);
  wait_for (&wait);
  report = cd_customers_import_finish (fixture->store, wait.result, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);
  g_assert_null (report);
  g_clear_object (&wait.result);
  g_assert_cmpint (count (fixture, "SELECT count(*) FROM customers"), ==, 0);

  state.last = 0;
  state.calls = 0;
  cd_customers_import_async (fixture->store, path, mapping, 3, 0, NULL,
                             progress_cb, &state, progress_destroy_cb, async_done_cb, &wait);
  wait_for (&wait);
  report = cd_customers_import_finish (fixture->store, wait.result, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (report->n_imported, ==, 3000);
  g_clear_object (&wait.result);

  /* Progress arrived here, in order, and ended at 1; the data was let go. */
  while (state.calls < 1000000)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (state.wrong_thread);
  g_assert_false (cancel_state.wrong_thread);
  g_assert_false (state.decreasing);
  g_assert_cmpfloat (state.last, ==, 1.0);
  g_assert_cmpuint (state.calls, >, 1000000 + 2);

  /* The main connection sees another connection's commit. */
  g_assert_true (cd_store_check_external_changes (fixture->store));
  g_assert_cmpint (count (fixture, "SELECT count(*) FROM customers"), ==, 3000);
  g_assert_cmpint (count (fixture, "SELECT count(*) FROM customers c JOIN audit_log a ON a.entity = 'customers'"
                                   " AND a.entity_id = c.id AND a.action = 'create' AND a.field = 'name'"
                                   " AND a.staff_id = 1"), ==, 3000);
}

static char *
read_text (const char *path)
{
  g_autoptr(GError) error = NULL;
  char *text = NULL;

  g_assert_true (g_file_get_contents (path, &text, NULL, &error));
  g_assert_no_error (error);
  return text;
}

static void
test_export (Fixture       *fixture,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *out = g_build_filename (fixture->dir, "export.csv", NULL);
  g_autofree char *partial = g_strconcat (out, ".partial", NULL);
  g_autofree char *text = NULL;
  g_autofree char *audit = NULL;
  CdCustomerFilter filter;
  AsyncWait wait = { NULL };
  gint64 n, hidden;

  add_customer (fixture, "=HYPERLINK(\"http://evil\",\"click\")", "13812345678", "a@example.com", 0);
  add_customer (fixture, "+Plus", NULL, NULL, 0);
  add_customer (fixture, "Zhang, \"the boss\"", "+44 20 7946 0958", NULL, fixture->rep_id);
  add_customer (fixture, "-minus", NULL, NULL, 0);
  add_customer (fixture, "@SUM(A1)", NULL, NULL, 0);
  hidden = add_customer (fixture, "Not exported", NULL, NULL, 0);
  g_assert_true (cd_customer_archive (fixture->store, hidden, 1, &error));

  /* The list as shown: current customers by name, descending. */
  cd_customer_filter_init (&filter);
  filter.sort_column = g_strdup ("name");
  filter.sort_descending = TRUE;

  cd_customers_export_async (fixture->store, &filter, out, NULL, async_done_cb, &wait);
  wait_for (&wait);
  n = cd_customers_export_finish (fixture->store, wait.result, &error);
  g_assert_no_error (error);
  g_assert_cmpint (n, ==, 5);
  g_clear_object (&wait.result);

  text = read_text (out);
  g_test_message ("%s", text);
  /* No BOM, CRLF, formulas neutralised, quotes doubled, in list order. */
  g_assert_true (g_str_has_prefix (text, "name,organisation,phone,phone2,email,address,preferred channel,tier,tags,owner,notes,last contact,created\r\n"));
  {
    g_auto(GStrv) lines = g_strsplit (text, "\r\n", -1);
    g_assert_cmpuint (g_strv_length (lines), ==, 7);
    g_assert_cmpstr (lines[6], ==, "");
    g_assert_true (g_str_has_prefix (lines[1], "\"Zhang, \"\"the boss\"\"\",,'+442079460958,,,,,general,,Li Na,,,20"));
    g_assert_true (g_str_has_prefix (lines[2], "'@SUM(A1),"));
    g_assert_true (g_str_has_prefix (lines[3], "\"'=HYPERLINK(\"\"http://evil\"\",\"\"click\"\")\",,13812345678,,a@example.com,"));
    g_assert_true (g_str_has_prefix (lines[4], "'-minus,"));
    g_assert_true (g_str_has_prefix (lines[5], "'+Plus,"));
  }
  g_assert_null (strstr (text, "Not exported"));
  g_assert_false (g_file_test (partial, G_FILE_TEST_EXISTS));

  /* Recorded: who, what, how many, where. */
  g_assert_cmpint (count (fixture, "SELECT count(*) FROM audit_log WHERE entity = 'customers' AND action = 'export'"), ==, 1);
  audit = g_strdup_printf ("SELECT count(*) FROM audit_log WHERE entity = 'customers' AND action = 'export'"
                           " AND new_value = '5 → %s' AND staff_id = 1", out);
  g_assert_cmpint (count (fixture, audit), ==, 1);

  /* What a rep exports is what the rep's list shows: masked unless theirs. */
  {
    guint exported = 0;
    g_autofree char *rep_out = g_build_filename (fixture->dir, "rep.csv", NULL);
    g_autofree char *rep_text = NULL;
    g_autofree char *masked = cd_mask_phone ("13812345678");

    g_autoptr(CdStore) rep_store = cd_store_open (fixture->path, CD_STORE_OPEN_NO_WATCH, &error);

    g_assert_no_error (error);
    g_assert_true (cd_store_sign_in (rep_store, "rep1", NULL, &error));
    g_assert_true (cd_customers_export (rep_store, &filter, rep_out, NULL, &exported, &error));
    g_assert_no_error (error);
    g_assert_cmpuint (exported, ==, 5);
    rep_text = read_text (rep_out);
    g_assert_nonnull (strstr (rep_text, "+442079460958"));
    g_assert_null (strstr (rep_text, "13812345678"));
    g_assert_nonnull (strstr (rep_text, masked));
    g_assert_null (strstr (rep_text, "a@example.com"));
    g_assert_cmpint (count (fixture, "SELECT count(*) FROM audit_log WHERE action = 'export'"), ==, 2);
  }

  /* The export reads back through the importer's guesses. */
  {
    g_autoptr(CdCustomersImportPreview) preview = cd_customers_import_preview (out, 10, &error);
    g_assert_no_error (error);
    g_assert_cmpint (preview->mapping[0], ==, CD_CUSTOMER_FIELD_NAME);
    g_assert_cmpint (preview->mapping[3], ==, CD_CUSTOMER_FIELD_PHONE2);
    g_assert_cmpint (preview->mapping[6], ==, CD_CUSTOMER_FIELD_PREFERRED_CHANNEL);
    g_assert_cmpint (preview->mapping[9], ==, CD_CUSTOMER_FIELD_OWNER);
    g_assert_cmpint (preview->mapping[11], ==, CD_CUSTOMER_FIELD_IGNORE);
  }

  cd_customer_filter_clear (&filter);
}

static void
test_export_cancelled (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autofree char *out = g_build_filename (fixture->dir, "cancelled.csv", NULL);
  AsyncWait wait = { NULL };

  add_customer (fixture, "Someone", NULL, NULL, 0);
  g_assert_true (g_file_set_contents (out, "earlier export\r\n", -1, NULL));
  g_cancellable_cancel (cancellable);
  cd_customers_export_async (fixture->store, NULL, out, cancellable, async_done_cb, &wait);
  wait_for (&wait);
  g_assert_cmpint (cd_customers_export_finish (fixture->store, wait.result, &error), ==, -1);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_object (&wait.result);
  {
    g_autofree char *text = read_text (out);
    g_assert_cmpstr (text, ==, "earlier export\r\n");
  }
  g_assert_cmpint (count (fixture, "SELECT count(*) FROM audit_log WHERE action = 'export'"), ==, 0);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/csv/read/bom", test_read_bom);
  g_test_add_func ("/core/csv/read/separators", test_read_separators);
  g_test_add_func ("/core/csv/read/quoted-newline", test_read_quoted_newline);
  g_test_add_func ("/core/csv/read/escaped-quote", test_read_escaped_quote);
  g_test_add_func ("/core/csv/read/invalid-utf8", test_read_invalid_utf8);
  g_test_add_func ("/core/csv/read/edges", test_read_edges);
  g_test_add_func ("/core/csv/write", test_write);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/core/csv/import/preview", test_preview);
  ADD ("/core/csv/import/report", test_import_report);
  ADD ("/core/csv/import/words", test_import_words);
  ADD ("/core/csv/import/bad-files", test_import_bad_files);
  ADD ("/core/csv/import/all-or-nothing", test_import_all_or_nothing);
  ADD ("/core/csv/import/cancelled", test_import_cancelled);
  ADD ("/core/csv/import/async", test_import_async);
  g_test_add ("/core/csv/import/no-lock-while-checking/local", Fixture, GINT_TO_POINTER (FALSE),
              fixture_set_up, test_import_no_lock_while_checking, fixture_tear_down);
  g_test_add ("/core/csv/import/no-lock-while-checking/network-share", Fixture, GINT_TO_POINTER (TRUE),
              fixture_set_up, test_import_no_lock_while_checking, fixture_tear_down);
  ADD ("/core/csv/export", test_export);
  ADD ("/core/csv/export/cancelled", test_export_cancelled);

  return g_test_run ();
}
