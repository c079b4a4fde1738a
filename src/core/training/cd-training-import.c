/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "caredesk-training"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "cd-sql-util.h"
#include "cd-training-private.h"

/* Reading values ------------------------------------------------------------- */

typedef struct {
  const char *word;
  int         value;
} Word;

static int
lookup (const Word *words,
        guint       n,
        const char *text)
{
  g_autofree char *key = cd_import_header_key (text);

  for (guint i = 0; i < n; i++)
    if (g_str_equal (words[i].word, key))
      return words[i].value;
  return -1;
}

static const Word attendance_words[] = {
  { "attended", CD_ATTENDANCE_ATTENDED }, { "present", CD_ATTENDANCE_ATTENDED }, { "yes", CD_ATTENDANCE_ATTENDED },
  { "y", CD_ATTENDANCE_ATTENDED }, { "x", CD_ATTENDANCE_ATTENDED }, { "✓", CD_ATTENDANCE_ATTENDED },
  { "✔", CD_ATTENDANCE_ATTENDED }, { "1", CD_ATTENDANCE_ATTENDED }, { "true", CD_ATTENDANCE_ATTENDED },
  { "出席", CD_ATTENDANCE_ATTENDED }, { "已出席", CD_ATTENDANCE_ATTENDED }, { "到", CD_ATTENDANCE_ATTENDED },
  { "已到", CD_ATTENDANCE_ATTENDED }, { "是", CD_ATTENDANCE_ATTENDED }, { "参加", CD_ATTENDANCE_ATTENDED },
  { "已参加", CD_ATTENDANCE_ATTENDED }, { "签到", CD_ATTENDANCE_ATTENDED },
  { "absent", CD_ATTENDANCE_ABSENT }, { "no", CD_ATTENDANCE_ABSENT }, { "n", CD_ATTENDANCE_ABSENT },
  { "0", CD_ATTENDANCE_ABSENT }, { "false", CD_ATTENDANCE_ABSENT }, { "missed", CD_ATTENDANCE_ABSENT },
  { "缺席", CD_ATTENDANCE_ABSENT }, { "未到", CD_ATTENDANCE_ABSENT }, { "否", CD_ATTENDANCE_ABSENT },
  { "未参加", CD_ATTENDANCE_ABSENT },
  { "excused", CD_ATTENDANCE_EXCUSED }, { "leave", CD_ATTENDANCE_EXCUSED }, { "sick", CD_ATTENDANCE_EXCUSED },
  { "apologies", CD_ATTENDANCE_EXCUSED }, { "请假", CD_ATTENDANCE_EXCUSED }, { "病假", CD_ATTENDANCE_EXCUSED },
  { "事假", CD_ATTENDANCE_EXCUSED }, { "免", CD_ATTENDANCE_EXCUSED },
};

int
cd_training_parse_attendance (const char *text)
{
  int value;

  if (text == NULL)
    return -1;
  value = cd_attendance_from_nick (text);
  if (value >= 0)
    return value;
  return lookup (attendance_words, G_N_ELEMENTS (attendance_words), text);
}

static const Word kind_words[] = {
  { "exam", CD_ASSESSMENT_EXAM }, { "test", CD_ASSESSMENT_EXAM }, { "written", CD_ASSESSMENT_EXAM },
  { "quiz", CD_ASSESSMENT_EXAM }, { "考试", CD_ASSESSMENT_EXAM }, { "笔试", CD_ASSESSMENT_EXAM },
  { "测验", CD_ASSESSMENT_EXAM },
  { "practical", CD_ASSESSMENT_PRACTICAL }, { "handson", CD_ASSESSMENT_PRACTICAL },
  { "roleplay", CD_ASSESSMENT_PRACTICAL }, { "实操", CD_ASSESSMENT_PRACTICAL }, { "实践", CD_ASSESSMENT_PRACTICAL },
  { "实际操作", CD_ASSESSMENT_PRACTICAL },
  { "customer", CD_ASSESSMENT_CUSTOMER }, { "customerevaluation", CD_ASSESSMENT_CUSTOMER },
  { "evaluation", CD_ASSESSMENT_CUSTOMER }, { "客户评价", CD_ASSESSMENT_CUSTOMER }, { "评价", CD_ASSESSMENT_CUSTOMER },
};

static int
parse_kind (const char *text)
{
  return lookup (kind_words, G_N_ELEMENTS (kind_words), text);
}

gint64
cd_training_parse_date (const char *text)
{
  g_autofree char *trimmed = cd_optional_text (text);
  int parts[3] = { 0, 0, 0 };
  int n = 0;
  g_autoptr(GDateTime) noon = NULL;

  if (trimmed == NULL)
    return 0;
  for (const char *p = trimmed; *p != '\0' && n < 3; )
    {
      if (g_ascii_isdigit (*p))
        {
          int value = 0;
          int digits = 0;

          while (g_ascii_isdigit (*p) && digits < 5)
            {
              value = value * 10 + (*p - '0');
              p++;
              digits++;
            }
          if (g_ascii_isdigit (*p))
            return 0;
          parts[n++] = value;
        }
      else
        p = g_utf8_next_char (p);
    }
  /* Year first: 2024-03-05, 2024/3/5, 2024年3月5日. */
  if (n != 3 || parts[0] < 1900 || parts[0] > 2200 || parts[1] < 1 || parts[1] > 12 ||
      parts[2] < 1 || parts[2] > g_date_get_days_in_month ((GDateMonth) parts[1], (GDateYear) parts[0]))
    return 0;
  noon = g_date_time_new_local (parts[0], parts[1], parts[2], 12, 0, 0);
  return noon != NULL ? g_date_time_to_unix (noon) : 0;
}

/* The staff list, by login, display name and email, case folded. */
static GHashTable *
load_staff (CdStore  *store,
            GError  **error)
{
  g_autoptr(GHashTable) staff = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  sqlite3_stmt *stmt = cd_store_prepare (store, "SELECT id, login, display_name, email FROM staff WHERE active = 1", error);
  int rc;

  if (stmt == NULL)
    return NULL;
  while ((rc = cd_store_step (store, stmt, error)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);

      for (int col = 1; col <= 3; col++)
        {
          const char *text = (const char *) sqlite3_column_text (stmt, col);
          if (text != NULL && *text != '\0')
            g_hash_table_insert (staff, g_utf8_casefold (text, -1), GSIZE_TO_POINTER ((gsize) id));
        }
    }
  sqlite3_reset (stmt);
  if (rc < 0)
    return NULL;
  return g_steal_pointer (&staff);
}

static gint64
find_staff (GHashTable *staff,
            const char *text)
{
  g_autofree char *trimmed = cd_optional_text (text);
  g_autofree char *folded = NULL;
  gpointer id;

  if (trimmed == NULL)
    return 0;
  folded = g_utf8_casefold (trimmed, -1);
  if (g_hash_table_lookup_extended (staff, folded, NULL, &id))
    return (gint64) GPOINTER_TO_SIZE (id);
  return 0;
}

static char *
shown (const char *text)
{
  g_autofree char *trimmed = cd_optional_text (text);

  return trimmed != NULL ? g_utf8_make_valid (trimmed, -1) : g_strdup ("");
}

/* Attendance ----------------------------------------------------------------- */

typedef struct {
  gint64   enrolment_id;
  gint64   staff_id;
  int      attendance;
} AttendanceItem;

typedef struct {
  gint64      session_id;
  gboolean    enrol;
  GHashTable *staff;       /* folded name → id */
  GHashTable *roster;      /* staff id → enrolment id, negative while waiting */
  GHashTable *seen;        /* staff id → line */
} AttendanceCheck;

static const char *
attendance_field_label (int field)
{
  switch (field)
    {
    case CD_ATTENDANCE_FIELD_PERSON:     return _("Person");
    case CD_ATTENDANCE_FIELD_ATTENDANCE: return _("Attendance");
    default:                             return "";
    }
}

static const Word attendance_headers[] = {
  { "name", CD_ATTENDANCE_FIELD_PERSON }, { "person", CD_ATTENDANCE_FIELD_PERSON },
  { "participant", CD_ATTENDANCE_FIELD_PERSON }, { "attendee", CD_ATTENDANCE_FIELD_PERSON },
  { "staff", CD_ATTENDANCE_FIELD_PERSON }, { "employee", CD_ATTENDANCE_FIELD_PERSON },
  { "login", CD_ATTENDANCE_FIELD_PERSON }, { "email", CD_ATTENDANCE_FIELD_PERSON },
  { "姓名", CD_ATTENDANCE_FIELD_PERSON }, { "员工", CD_ATTENDANCE_FIELD_PERSON },
  { "学员", CD_ATTENDANCE_FIELD_PERSON }, { "参训人", CD_ATTENDANCE_FIELD_PERSON },
  { "参加人", CD_ATTENDANCE_FIELD_PERSON }, { "名字", CD_ATTENDANCE_FIELD_PERSON },
  { "attendance", CD_ATTENDANCE_FIELD_ATTENDANCE }, { "attended", CD_ATTENDANCE_FIELD_ATTENDANCE },
  { "present", CD_ATTENDANCE_FIELD_ATTENDANCE }, { "status", CD_ATTENDANCE_FIELD_ATTENDANCE },
  { "出勤", CD_ATTENDANCE_FIELD_ATTENDANCE }, { "出席", CD_ATTENDANCE_FIELD_ATTENDANCE },
  { "签到", CD_ATTENDANCE_FIELD_ATTENDANCE }, { "考勤", CD_ATTENDANCE_FIELD_ATTENDANCE },
  { "状态", CD_ATTENDANCE_FIELD_ATTENDANCE }, { "出勤情况", CD_ATTENDANCE_FIELD_ATTENDANCE },
};

static int
attendance_guess (const char *header)
{
  return lookup (attendance_headers, G_N_ELEMENTS (attendance_headers), header);
}

static void
attendance_check_end (gpointer data)
{
  AttendanceCheck *check = data;

  g_clear_pointer (&check->staff, g_hash_table_unref);
  g_clear_pointer (&check->roster, g_hash_table_unref);
  g_clear_pointer (&check->seen, g_hash_table_unref);
  g_free (check);
}

static gpointer
attendance_check_begin (CdStore        *store,
                        gint64          session_id,
                        CdImportFlags   flags,
                        GError        **error)
{
  AttendanceCheck *check;
  GError *local_error = NULL;
  sqlite3_stmt *stmt;
  gint64 starts_at;
  int rc;

  starts_at = cd_store_query_int (store, "SELECT starts_at FROM training_sessions WHERE id = ?1", session_id, 0,
                                  &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, local_error);
      return NULL;
    }
  if (starts_at == 0)
    {
      g_set_error_literal (error, CD_STORE_ERROR, CD_STORE_ERROR_NOT_FOUND,
                           _("This session no longer exists; someone may have deleted it."));
      return NULL;
    }
  if (starts_at > cd_store_now (store))
    {
      g_set_error_literal (error, CD_STORE_ERROR, CD_STORE_ERROR_INVALID,
                           _("The session has not started yet. Take attendance once it has."));
      return NULL;
    }

  check = g_new0 (AttendanceCheck, 1);
  check->session_id = session_id;
  check->enrol = (flags & CD_IMPORT_OPTION) != 0;
  check->roster = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  check->seen = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  check->staff = load_staff (store, error);
  if (check->staff == NULL)
    {
      attendance_check_end (check);
      return NULL;
    }
  stmt = cd_store_prepare (store, "SELECT staff_id, id, waiting FROM enrolments WHERE session_id = ?1", error);
  if (stmt == NULL)
    {
      attendance_check_end (check);
      return NULL;
    }
  sqlite3_bind_int64 (stmt, 1, session_id);
  while ((rc = cd_store_step (store, stmt, error)) == SQLITE_ROW)
    {
      gint64 staff_id = sqlite3_column_int64 (stmt, 0);
      gint64 enrolment = sqlite3_column_int64 (stmt, 1) * (sqlite3_column_int (stmt, 2) ? -1 : 1);

      g_hash_table_insert (check->roster, g_memdup2 (&staff_id, sizeof staff_id),
                           g_memdup2 (&enrolment, sizeof enrolment));
    }
  sqlite3_reset (stmt);
  if (rc < 0)
    {
      attendance_check_end (check);
      return NULL;
    }
  return check;
}

static gpointer
attendance_check_line (gpointer             data,
                       const char * const  *values,
                       guint                line,
                       char               **reason)
{
  AttendanceCheck *check = data;
  const char *person = values[CD_ATTENDANCE_FIELD_PERSON];
  const char *attendance_text = values[CD_ATTENDANCE_FIELD_ATTENDANCE];
  g_autofree char *who = shown (person);
  g_autofree char *what = shown (attendance_text);
  AttendanceItem *item;
  gint64 staff_id;
  gint64 *enrolment;
  gpointer other_line;
  int attendance;

  if (cd_import_is_blank (person))
    {
      *reason = g_strdup (_("It names nobody: the person column is empty."));
      return NULL;
    }
  staff_id = find_staff (check->staff, person);
  if (staff_id == 0)
    {
      *reason = g_strdup_printf (_("There is nobody “%s” on the staff list; use a login, a display name or an email from it."),
                                 who);
      return NULL;
    }
  attendance = cd_training_parse_attendance (attendance_text);
  if (attendance < 0)
    {
      *reason = g_strdup_printf (_("“%s” is not an attendance: write attended, absent or excused (出席, 缺席, 请假)."),
                                 what);
      return NULL;
    }
  if ((other_line = g_hash_table_lookup (check->seen, &staff_id)) != NULL)
    {
      *reason = g_strdup_printf (_("%s is on line %u too."), who, GPOINTER_TO_UINT (other_line));
      return NULL;
    }
  enrolment = g_hash_table_lookup (check->roster, &staff_id);
  if (enrolment != NULL && *enrolment < 0)
    {
      *reason = g_strdup_printf (_("%s is on the waiting list and had no place in the session."), who);
      return NULL;
    }
  if (enrolment == NULL && !check->enrol)
    {
      *reason = g_strdup_printf (_("%s is not on the session’s roster. Put them on it first, or let the import add them."),
                                 who);
      return NULL;
    }
  g_hash_table_insert (check->seen, g_memdup2 (&staff_id, sizeof staff_id), GUINT_TO_POINTER (line));

  item = g_new0 (AttendanceItem, 1);
  item->enrolment_id = enrolment != NULL ? *enrolment : 0;
  item->staff_id = staff_id;
  item->attendance = attendance;
  return item;
}

static gboolean
attendance_write (CdStore        *store,
                  gint64          session_id,
                  GPtrArray      *items,
                  GCancellable   *cancellable,
                  CdProgressFunc  progress,
                  gpointer        progress_data,
                  double          from,
                  GError        **error)
{
  g_autofree char *session_text = cd_int_text (session_id);

  for (guint i = 0; i < items->len; i++)
    {
      AttendanceItem *item = g_ptr_array_index (items, i);
      gint64 enrolment = item->enrolment_id;
      const CdField fields[] = { { "attendance", cd_attendance_to_nick ((CdAttendance) item->attendance) } };

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;
      if (progress != NULL)
        progress (from + (1.0 - from) * i / items->len, progress_data);
      if (enrolment == 0)
        {
          g_autofree char *staff_text = cd_int_text (item->staff_id);
          const CdField enrol[] = {
            { "session_id", session_text }, { "staff_id", staff_text }, { "waiting", "0" },
          };

          enrolment = cd_store_insert (store, "enrolments", enrol, G_N_ELEMENTS (enrol), error);
          if (enrolment == 0)
            return FALSE;
        }
      /* The sheet is what happened: it stands over what was noted before. */
      if (!cd_store_update (store, "enrolments", enrolment, 0, fields, G_N_ELEMENTS (fields), error))
        return FALSE;
    }
  return TRUE;
}

static char *
attendance_text (CdImportText  what,
                 guint         n,
                 const char   *arg)
{
  switch (what)
    {
    case CD_IMPORT_TEXT_TITLE:
      return g_strdup (_("Import Attendance"));
    case CD_IMPORT_TEXT_DESCRIPTION:
      return g_strdup (_("Save the attendance sheet as CSV (UTF-8, separated by commas or semicolons) with a header line and one person per line: their name, login or email, and attended, absent or excused."));
    case CD_IMPORT_TEXT_MAPPING_HINT:
      return g_strdup (_("Above each column, choose what it holds — the person or the attendance — or Ignore. The first rows of the file are shown below."));
    case CD_IMPORT_TEXT_OPTION:
      return g_strdup (_("Put people who are not on the roster on it"));
    case CD_IMPORT_TEXT_IMPORTING:
      return g_strdup (_("Recording attendance…"));
    case CD_IMPORT_TEXT_FAILED:
      return g_strdup (_("Could Not Import the Attendance"));
    case CD_IMPORT_TEXT_NO_RECORDS:
      return g_strdup (_("The file has nobody after its header line"));
    case CD_IMPORT_TEXT_EMPTY_FILE:
      return g_strdup_printf (_("“%s” is empty: there is nothing to import. Choose a CSV file with a header line and one person per line."),
                              arg);
    case CD_IMPORT_TEXT_IMPORTED:
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Recorded the attendance of %'u person",
                                           "Recorded the attendance of %'u people", n), n);
    case CD_IMPORT_TEXT_IMPORT_BUTTON:
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "_Import %'u Line", "_Import %'u Lines", n), n);
    case CD_IMPORT_TEXT_MISSING_FIELD:
    case CD_IMPORT_TEXT_MISSING_FIELD_HINT:
      return n == CD_ATTENDANCE_FIELD_PERSON
             ? g_strdup (_("Choose the column that names the people."))
             : g_strdup (_("Choose the column that says whether they attended."));
    default:
      return NULL;
    }
}

static const int attendance_required[] = { CD_ATTENDANCE_FIELD_PERSON, CD_ATTENDANCE_FIELD_ATTENDANCE, -1 };

static const CdImportKind attendance_kind = {
  .entity = "enrolments",
  .n_fields = CD_ATTENDANCE_N_FIELDS,
  .field_label = attendance_field_label,
  .guess_field = attendance_guess,
  .second_field = NULL,
  .required_fields = attendance_required,
  .roles = CD_TRAINING_EDITOR_ROLES,
  .all_or_nothing = TRUE,
  .text = attendance_text,
  .check_begin = attendance_check_begin,
  .check_line = attendance_check_line,
  .check_end = attendance_check_end,
  .item_free = g_free,
  .write = attendance_write,
};

const CdImportKind *
cd_training_attendance_import_kind (void)
{
  return &attendance_kind;
}

/* Assessment results ------------------------------------------------------------ */

typedef struct {
  GHashTable *staff;
  GHashTable *courses;         /* folded title → id */
  GHashTable *certifications;  /* folded name, and name with level → id */
  GHashTable *seen;            /* "staff:subject:kind:day" → line */
  gint64      now;
  gint64      me;
} ResultsCheck;

static const char *
results_field_label (int field)
{
  switch (field)
    {
    case CD_RESULT_FIELD_PERSON:    return _("Person");
    case CD_RESULT_FIELD_SUBJECT:   return _("Course or certification");
    case CD_RESULT_FIELD_SCORE:     return _("Score");
    case CD_RESULT_FIELD_PASS_MARK: return _("Pass mark");
    case CD_RESULT_FIELD_KIND:      return _("Kind");
    case CD_RESULT_FIELD_DATE:      return _("Date");
    case CD_RESULT_FIELD_ASSESSOR:  return _("Assessor");
    default:                        return "";
    }
}

static const Word results_headers[] = {
  { "name", CD_RESULT_FIELD_PERSON }, { "person", CD_RESULT_FIELD_PERSON }, { "staff", CD_RESULT_FIELD_PERSON },
  { "employee", CD_RESULT_FIELD_PERSON }, { "candidate", CD_RESULT_FIELD_PERSON }, { "login", CD_RESULT_FIELD_PERSON },
  { "姓名", CD_RESULT_FIELD_PERSON }, { "员工", CD_RESULT_FIELD_PERSON }, { "学员", CD_RESULT_FIELD_PERSON },
  { "考生", CD_RESULT_FIELD_PERSON },
  { "subject", CD_RESULT_FIELD_SUBJECT }, { "course", CD_RESULT_FIELD_SUBJECT },
  { "certification", CD_RESULT_FIELD_SUBJECT }, { "certificate", CD_RESULT_FIELD_SUBJECT },
  { "课程", CD_RESULT_FIELD_SUBJECT }, { "认证", CD_RESULT_FIELD_SUBJECT }, { "科目", CD_RESULT_FIELD_SUBJECT },
  { "证书", CD_RESULT_FIELD_SUBJECT },
  { "score", CD_RESULT_FIELD_SCORE }, { "points", CD_RESULT_FIELD_SCORE }, { "mark", CD_RESULT_FIELD_SCORE },
  { "result", CD_RESULT_FIELD_SCORE }, { "分数", CD_RESULT_FIELD_SCORE }, { "成绩", CD_RESULT_FIELD_SCORE },
  { "得分", CD_RESULT_FIELD_SCORE },
  { "passmark", CD_RESULT_FIELD_PASS_MARK }, { "pass", CD_RESULT_FIELD_PASS_MARK },
  { "passingscore", CD_RESULT_FIELD_PASS_MARK }, { "required", CD_RESULT_FIELD_PASS_MARK },
  { "及格", CD_RESULT_FIELD_PASS_MARK }, { "及格线", CD_RESULT_FIELD_PASS_MARK },
  { "及格分", CD_RESULT_FIELD_PASS_MARK }, { "合格分", CD_RESULT_FIELD_PASS_MARK },
  { "kind", CD_RESULT_FIELD_KIND }, { "type", CD_RESULT_FIELD_KIND }, { "method", CD_RESULT_FIELD_KIND },
  { "类型", CD_RESULT_FIELD_KIND }, { "方式", CD_RESULT_FIELD_KIND }, { "考核方式", CD_RESULT_FIELD_KIND },
  { "date", CD_RESULT_FIELD_DATE }, { "assessed", CD_RESULT_FIELD_DATE }, { "day", CD_RESULT_FIELD_DATE },
  { "日期", CD_RESULT_FIELD_DATE }, { "考核日期", CD_RESULT_FIELD_DATE }, { "考试日期", CD_RESULT_FIELD_DATE },
  { "assessor", CD_RESULT_FIELD_ASSESSOR }, { "examiner", CD_RESULT_FIELD_ASSESSOR },
  { "trainer", CD_RESULT_FIELD_ASSESSOR }, { "评估人", CD_RESULT_FIELD_ASSESSOR },
  { "考官", CD_RESULT_FIELD_ASSESSOR }, { "评分人", CD_RESULT_FIELD_ASSESSOR },
};

static int
results_guess (const char *header)
{
  return lookup (results_headers, G_N_ELEMENTS (results_headers), header);
}

static void
results_check_end (gpointer data)
{
  ResultsCheck *check = data;

  g_clear_pointer (&check->staff, g_hash_table_unref);
  g_clear_pointer (&check->courses, g_hash_table_unref);
  g_clear_pointer (&check->certifications, g_hash_table_unref);
  g_clear_pointer (&check->seen, g_hash_table_unref);
  g_free (check);
}

static gboolean
load_names (CdStore     *store,
            const char  *sql,
            GHashTable  *names,
            GError     **error)
{
  sqlite3_stmt *stmt = cd_store_prepare (store, sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  while ((rc = cd_store_step (store, stmt, error)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      for (int col = 1; col < sqlite3_column_count (stmt); col++)
        {
          const char *text = (const char *) sqlite3_column_text (stmt, col);
          if (text != NULL && *text != '\0')
            g_hash_table_insert (names, g_utf8_casefold (text, -1), GSIZE_TO_POINTER ((gsize) id));
        }
    }
  sqlite3_reset (stmt);
  return rc == SQLITE_DONE;
}

static gpointer
results_check_begin (CdStore        *store,
                     gint64          context_id,
                     CdImportFlags   flags,
                     GError        **error)
{
  ResultsCheck *check = g_new0 (ResultsCheck, 1);

  check->now = cd_store_now (store);
  check->me = cd_store_get_staff_id (store);
  check->courses = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  check->certifications = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  check->seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  check->staff = load_staff (store, error);
  if (check->staff == NULL ||
      !load_names (store, "SELECT id, title FROM courses", check->courses, error) ||
      !load_names (store, "SELECT id, name || ifnull(' (' || level || ')', ''), name || ifnull(' ' || level, '')"
                          " FROM certifications ORDER BY level IS NOT NULL, id", check->certifications, error))
    {
      results_check_end (check);
      return NULL;
    }
  return check;
}

static gpointer
results_check_line (gpointer             data,
                    const char * const  *values,
                    guint                line,
                    char               **reason)
{
  ResultsCheck *check = data;
  g_autofree char *who = shown (values[CD_RESULT_FIELD_PERSON]);
  g_autofree char *subject = shown (values[CD_RESULT_FIELD_SUBJECT]);
  g_autofree char *folded = g_utf8_casefold (subject, -1);
  g_autoptr(CdAssessment) a = cd_assessment_new ();
  g_autofree char *key = NULL;
  gpointer course, cert;
  gboolean is_course, is_cert;
  gpointer other_line;
  double score, pass;

  a->staff_id = find_staff (check->staff, values[CD_RESULT_FIELD_PERSON]);
  if (a->staff_id == 0)
    {
      *reason = cd_import_is_blank (values[CD_RESULT_FIELD_PERSON])
                ? g_strdup (_("It names nobody: the person column is empty."))
                : g_strdup_printf (_("There is nobody “%s” on the staff list; use a login, a display name or an email from it."),
                                   who);
      return NULL;
    }

  is_course = g_hash_table_lookup_extended (check->courses, folded, NULL, &course);
  is_cert = g_hash_table_lookup_extended (check->certifications, folded, NULL, &cert);
  if (is_course && is_cert)
    {
      *reason = g_strdup_printf (_("“%s” is both a course and a certification; write the certification with its level."),
                                 subject);
      return NULL;
    }
  if (!is_course && !is_cert)
    {
      *reason = *subject == '\0'
                ? g_strdup (_("It does not say which course or certification was assessed."))
                : g_strdup_printf (_("There is no course or certification “%s”; write its name as the Training view shows it."),
                                   subject);
      return NULL;
    }
  a->course_id = is_course ? (gint64) GPOINTER_TO_SIZE (course) : 0;
  a->certification_id = is_cert ? (gint64) GPOINTER_TO_SIZE (cert) : 0;

  {
    g_autofree char *text = shown (values[CD_RESULT_FIELD_SCORE]);
    if (g_str_has_suffix (text, "%"))
      text[strlen (text) - 1] = '\0';
    score = cd_assessment_parse_score (text);
  }
  if (score < 0)
    {
      g_autofree char *text = shown (values[CD_RESULT_FIELD_SCORE]);
      *reason = g_strdup_printf (_("The score “%s” is not a number from 0 to %d."), text, (int) CD_ASSESSMENT_MAX_SCORE);
      return NULL;
    }
  pass = cd_assessment_parse_score (values[CD_RESULT_FIELD_PASS_MARK]);
  if (pass <= 0)
    {
      g_autofree char *text = shown (values[CD_RESULT_FIELD_PASS_MARK]);
      *reason = g_strdup_printf (_("The pass mark “%s” is not a number above 0 and at most %d."), text,
                                 (int) CD_ASSESSMENT_MAX_SCORE);
      return NULL;
    }
  a->score = score;
  a->pass_mark = pass;

  if (!cd_import_is_blank (values[CD_RESULT_FIELD_KIND]))
    {
      int kind = parse_kind (values[CD_RESULT_FIELD_KIND]);
      if (kind < 0)
        {
          g_autofree char *text = shown (values[CD_RESULT_FIELD_KIND]);
          *reason = g_strdup_printf (_("“%s” is not a kind of assessment: write exam, practical or customer evaluation."),
                                     text);
          return NULL;
        }
      a->kind = (CdAssessmentKind) kind;
    }

  a->assessed_at = check->now;
  if (!cd_import_is_blank (values[CD_RESULT_FIELD_DATE]))
    {
      gint64 day = cd_training_parse_date (values[CD_RESULT_FIELD_DATE]);
      if (day == 0)
        {
          g_autofree char *text = shown (values[CD_RESULT_FIELD_DATE]);
          *reason = g_strdup_printf (_("“%s” is not a date: write it as 2024-03-05."), text);
          return NULL;
        }
      if (cd_training_day_start (day, 0) > check->now)
        {
          g_autofree char *text = shown (values[CD_RESULT_FIELD_DATE]);
          *reason = g_strdup_printf (_("The date %s has not come yet."), text);
          return NULL;
        }
      a->assessed_at = MIN (day, check->now);
    }

  a->assessor_id = check->me;
  if (!cd_import_is_blank (values[CD_RESULT_FIELD_ASSESSOR]))
    {
      a->assessor_id = find_staff (check->staff, values[CD_RESULT_FIELD_ASSESSOR]);
      if (a->assessor_id == 0)
        {
          g_autofree char *text = shown (values[CD_RESULT_FIELD_ASSESSOR]);
          *reason = g_strdup_printf (_("There is nobody “%s” on the staff list to be the assessor."), text);
          return NULL;
        }
    }

  key = g_strdup_printf ("%" G_GINT64_FORMAT ":%" G_GINT64_FORMAT ":%" G_GINT64_FORMAT ":%d:%" G_GINT64_FORMAT,
                         a->staff_id, a->course_id, a->certification_id, (int) a->kind,
                         cd_training_day_start (a->assessed_at, 0));
  if ((other_line = g_hash_table_lookup (check->seen, key)) != NULL)
    {
      *reason = g_strdup_printf (_("The same result of %s is on line %u too."), who, GPOINTER_TO_UINT (other_line));
      return NULL;
    }
  g_hash_table_insert (check->seen, g_steal_pointer (&key), GUINT_TO_POINTER (line));
  return g_steal_pointer (&a);
}

static gboolean
results_write (CdStore        *store,
               gint64          context_id,
               GPtrArray      *items,
               GCancellable   *cancellable,
               CdProgressFunc  progress,
               gpointer        progress_data,
               double          from,
               GError        **error)
{
  for (guint i = 0; i < items->len; i++)
    {
      CdAssessment *a = g_ptr_array_index (items, i);

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;
      if (progress != NULL)
        progress (from + (1.0 - from) * i / items->len, progress_data);
      if (cd_assessment_create (store, a, error) == 0)
        return FALSE;
    }
  return TRUE;
}

static char *
results_text (CdImportText  what,
              guint         n,
              const char   *arg)
{
  switch (what)
    {
    case CD_IMPORT_TEXT_TITLE:
      return g_strdup (_("Import Assessment Results"));
    case CD_IMPORT_TEXT_DESCRIPTION:
      return g_strdup (_("Save the results as CSV (UTF-8, separated by commas or semicolons) with a header line and one result per line: the person, the course or certification, the score and the pass mark; the kind, the date (2024-03-05) and the assessor if you have them."));
    case CD_IMPORT_TEXT_MAPPING_HINT:
      return g_strdup (_("Above each column, choose what it holds, or Ignore. The first rows of the file are shown below."));
    case CD_IMPORT_TEXT_OPTION:
      return NULL;
    case CD_IMPORT_TEXT_IMPORTING:
      return g_strdup (_("Recording results…"));
    case CD_IMPORT_TEXT_FAILED:
      return g_strdup (_("Could Not Import the Results"));
    case CD_IMPORT_TEXT_NO_RECORDS:
      return g_strdup (_("The file has no results after its header line"));
    case CD_IMPORT_TEXT_EMPTY_FILE:
      return g_strdup_printf (_("“%s” is empty: there is nothing to import. Choose a CSV file with a header line and one result per line."),
                              arg);
    case CD_IMPORT_TEXT_IMPORTED:
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Recorded %'u result", "Recorded %'u results", n), n);
    case CD_IMPORT_TEXT_IMPORT_BUTTON:
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "_Import %'u Result", "_Import %'u Results", n), n);
    case CD_IMPORT_TEXT_MISSING_FIELD:
    case CD_IMPORT_TEXT_MISSING_FIELD_HINT:
      /* Translators: %s is a field, such as "Score" */
      return g_strdup_printf (_("Choose the column for “%s”: every result needs one."),
                              results_field_label ((int) n));
    default:
      return NULL;
    }
}

static const int results_required[] = {
  CD_RESULT_FIELD_PERSON, CD_RESULT_FIELD_SUBJECT, CD_RESULT_FIELD_SCORE, CD_RESULT_FIELD_PASS_MARK, -1,
};

static const CdImportKind results_kind = {
  .entity = "assessments",
  .n_fields = CD_RESULT_N_FIELDS,
  .field_label = results_field_label,
  .guess_field = results_guess,
  .second_field = NULL,
  .required_fields = results_required,
  .roles = CD_TRAINING_EDITOR_ROLES,
  .all_or_nothing = TRUE,
  .text = results_text,
  .check_begin = results_check_begin,
  .check_line = results_check_line,
  .check_end = results_check_end,
  .item_free = (GDestroyNotify) cd_assessment_free,
  .write = results_write,
};

const CdImportKind *
cd_training_results_import_kind (void)
{
  return &results_kind;
}
