/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "caredesk-demo"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cd-customers.h"
#include "cd-demo-private.h"
#include "cd-schema.h"
#include "cd-overview-summary-private.h"
#include "cd-sla.h"
#include "cd-store.h"
#include "cd-store-private.h"

/* The demo database: its settings, calendar, SLA targets, staff and
 * knowledge base, the helpers every part of the generator uses, and the
 * generation as a whole (see cd-demo-private.h for the parts). */

/* ---- SQL and progress ---------------------------------------------------------- */

gboolean
cd_demo_fail_sql (Gen *g,
                  int  rc)
{
  if (g->rc == SQLITE_OK)
    {
      g->rc = rc;
      g->errmsg = g_strdup (sqlite3_errmsg (g->db));
    }
  return FALSE;
}

gboolean
cd_demo_exec_sql (Gen        *g,
                  const char *sql)
{
  int rc = sqlite3_exec (g->db, sql, NULL, NULL, NULL);

  return rc == SQLITE_OK ? TRUE : cd_demo_fail_sql (g, rc);
}

sqlite3_stmt *
cd_demo_prepare (Gen        *g,
                 const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  int rc = sqlite3_prepare_v2 (g->db, sql, -1, &stmt, NULL);

  if (rc != SQLITE_OK)
    {
      cd_demo_fail_sql (g, rc);
      return NULL;
    }
  return stmt;
}

gboolean
cd_demo_step_done (Gen          *g,
                   sqlite3_stmt *stmt)
{
  int rc = sqlite3_step (stmt);

  sqlite3_reset (stmt);
  return rc == SQLITE_DONE ? TRUE : cd_demo_fail_sql (g, rc);
}





void
cd_demo_report (Gen    *g,
                double  within)
{
  if (g->progress != NULL)
    g->progress (g->progress_from + g->progress_span * CLAMP (within, 0.0, 1.0),
                 g->progress_what, g->progress_data);
}

void
cd_demo_phase (Gen        *g,
               double      from,
               double      to,
               const char *what)
{
  g->progress_from = from;
  g->progress_span = to - from;
  g->progress_what = what;
  cd_demo_report (g, 0.0);
}

/* ---- business days ----------------------------------------------------------- */

gboolean
cd_demo_is_business_day (Gen    *g,
                         gint64  day)
{
  if (weekday_of (day) >= 5)
    return FALSE;
  if (day >= g->hol_first_day && day < g->hol_first_day + g->hol_n_days)
    return g->hol[day - g->hol_first_day] == 0;
  return TRUE;
}

/* The next quarter hour at which someone would plan a call: within
 * opening hours, not after 17:45. */
gint64
cd_demo_snap_forward (Gen    *g,
                      gint64  t)
{
  gint64 day = local_day (t);
  gint64 s = t - day_start (day);

  s = (s + 899) / 900 * 900;
  for (;;)
    {
      if (cd_demo_is_business_day (g, day))
        {
          if (s < OPENS)
            s = OPENS + 30 * MINUTE;
          if (s <= CLOSES - 15 * MINUTE)
            return day_start (day) + s;
        }
      day++;
      s = 0;
    }
}

/* The latest quarter hour at or before @t within opening hours. */
gint64
cd_demo_snap_back (Gen    *g,
                   gint64  t)
{
  gint64 day = local_day (t);
  gint64 s = t - day_start (day);

  s = s / 900 * 900;
  for (;;)
    {
      if (cd_demo_is_business_day (g, day) && s >= OPENS)
        return day_start (day) + MIN (s, CLOSES - 30 * MINUTE);
      day--;
      s = DAY;
    }
}

/* @t moved into opening hours when that keeps it within [@lo, @hi]; what
 * staff do happens at work. */
gint64
cd_demo_staff_time (Gen    *g,
                    gint64  t,
                    gint64  lo,
                    gint64  hi)
{
  gint64 s;

  if (hi < lo)
    return lo;
  t = CLAMP (t, lo, hi);
  s = cd_demo_snap_forward (g, t);
  if (s <= hi)
    return s;
  s = cd_demo_snap_back (g, t);
  if (s >= lo)
    return s;
  return t;
}

/* ---- spreading instants over time (see Warp) -------------------------------- */

void
cd_demo_warp_init (Warp           *w,
                   Gen            *g,
                   gint64          start,
                   gint64          end,
                   SlotWeightFunc  weight)
{
  w->start = start;
  w->n = (guint) MAX ((end - start) / HOUR, 1);
  w->cum = g_new (double, w->n + 1);
  w->cum[0] = 0.0;
  for (guint i = 0; i < w->n; i++)
    w->cum[i + 1] = w->cum[i] + weight (g, start + (gint64) i * HOUR, (double) i / w->n);
  w->cursor = 0;
}

void
cd_demo_warp_clear (Warp *w)
{
  g_clear_pointer (&w->cum, g_free);
}

gint64
cd_demo_warp_at (Warp   *w,
                 double  q)
{
  double target = q * w->cum[w->n];
  double frac;

  while (w->cursor + 1 < w->n && w->cum[w->cursor + 1] <= target)
    w->cursor++;
  frac = (target - w->cum[w->cursor]) / (w->cum[w->cursor + 1] - w->cum[w->cursor]);
  frac = CLAMP (frac, 0.0, 0.9997);
  return w->start + (gint64) w->cursor * HOUR + (gint64) (frac * HOUR);
}

/* ---- filling in texts ---------------------------------------------------------- */

/* Appends @tpl with its tokens replaced to @buf (of @size bytes) at
 * *@len; always NUL-terminated, truncated if it must be. */
void
cd_demo_fill_append (char       *buf,
                     gsize       size,
                     gsize      *len,
                     const char *tpl,
                     const Fill *f)
{
  gsize n = *len;

  for (const char *s = tpl; *s != '\0' && n + 1 < size; s++)
    {
      const char *sub = NULL;

      if (s[0] == '{' && s[1] != '\0' && s[2] == '}')
        {
          switch (s[1])
            {
            case 'p': sub = f->p; break;
            case 'o': sub = f->o; break;
            case 'i': sub = f->i; break;
            case 'a': sub = f->a; break;
            case 't': sub = f->t; break;
            case 'e': sub = f->e; break;
            default: break;
            }
        }
      if (sub != NULL)
        {
          for (; *sub != '\0' && n + 1 < size; sub++)
            buf[n++] = *sub;
          s += 2;
        }
      else
        buf[n++] = *s;
    }
  buf[n] = '\0';
  *len = n;
}

void
cd_demo_append (char       *buf,
                gsize       size,
                gsize      *len,
                const char *text)
{
  static const Fill none = { "", "", "", "", "", "" };

  cd_demo_fill_append (buf, size, len, text, &none);
}

void
cd_demo_digits (Rng  *r,
                char *out,
                guint n)
{
  for (guint i = 0; i < n; i++)
    out[i] = (char) ('0' + rng_below (r, 10));
  out[n] = '\0';
}

static const char *
currency_for (Locale loc)
{
  switch (loc)
    {
    case LOC_UK: return "£";
    case LOC_US: return "$";
    case LOC_DE:
    case LOC_FR: return "€";
    case LOC_AU: return "A$";
    case LOC_SG: return "S$";
    case LOC_CHINA:
    case LOC_EXPAT:
    case N_LOCALES:
    default:     return "¥";
    }
}

void
cd_demo_format_amount (Rng        *r,
                       Locale      loc,
                       gint64      lo,
                       gint64      hi,
                       char       *out,
                       gsize       size)
{
  gint64 amount = rng_between (r, lo, hi);

  if (loc == LOC_CHINA || loc == LOC_EXPAT)
    amount *= 7;
  g_snprintf (out, size, "%s%" G_GINT64_FORMAT ".%02d", currency_for (loc), amount,
              rng_chance (r, 0.5) ? 0 : (int) rng_below (r, 100));
}

/* ---- the fixed tables -------------------------------------------------------- */

/* Start of the made-up history: three years before now, when the team
 * started to use Caredesk. */
gint64
cd_demo_origin_of (Gen *g)
{
  return day_start (local_day (g->now) - 3 * 365) + 10 * HOUR;
}

static gboolean
gen_settings (Gen *g)
{
  sqlite3_stmt *stmt = cd_demo_prepare (g, "INSERT INTO settings (key, value, created_at, updated_at, version) VALUES (?1, ?2, ?3, ?3, 1)");
  char value[64];
  gboolean ok = stmt != NULL;

  if (ok)
    {
      g_snprintf (value, sizeof value, "%u", g->seed);
      cd_demo_bind_text (stmt, 1, "demo.seed");
      cd_demo_bind_text (stmt, 2, value);
      cd_demo_bind_int (stmt, 3, g->now);
      ok = cd_demo_step_done (g, stmt);
    }
  if (ok)
    {
      g_snprintf (value, sizeof value, "%" G_GINT64_FORMAT, g->now);
      cd_demo_bind_text (stmt, 1, "demo.generated_at");
      cd_demo_bind_text (stmt, 2, value);
      ok = cd_demo_step_done (g, stmt);
    }
  if (ok)
    {
      g_snprintf (value, sizeof value, "%" G_GUINT64_FORMAT, g->size.tickets);
      cd_demo_bind_text (stmt, 1, "demo.tickets");
      cd_demo_bind_text (stmt, 2, value);
      ok = cd_demo_step_done (g, stmt);
    }
  sqlite3_finalize (stmt);
  return ok;
}

typedef struct {
  int         month;
  int         day;
  int         length;
  const char *name;
} HolidaySeed;

static const HolidaySeed fixed_holidays[] = {
  { 1, 1, 1, "New Year's Day (元旦)" },
  { 4, 5, 1, "Qingming Festival (清明节)" },
  { 5, 1, 3, "Labour Day (劳动节)" },
  { 10, 1, 7, "National Day (国庆节)" },
};

/* The week of the Spring Festival moves with the lunar calendar. */
static const struct {
  int year, month, day;
} spring_festival[] = {
  { 2021, 2, 11 }, { 2022, 1, 31 }, { 2023, 1, 21 }, { 2024, 2, 10 }, { 2025, 1, 28 },
  { 2026, 2, 15 }, { 2027, 2, 5 }, { 2028, 1, 25 }, { 2029, 2, 12 }, { 2030, 2, 2 },
  { 2031, 1, 22 }, { 2032, 2, 10 }, { 2033, 1, 30 }, { 2034, 2, 18 }, { 2035, 2, 7 },
};

static gboolean
add_holiday (Gen          *g,
             sqlite3_stmt *stmt,
             gint64        day,
             const char   *name,
             gint64        created)
{
  int y, m, d;
  char text[16];

  if (day < g->hol_first_day || day >= g->hol_first_day + g->hol_n_days || g->hol[day - g->hol_first_day])
    return TRUE;
  g->hol[day - g->hol_first_day] = 1;
  /* Weekends are closed anyway; only working days need a row. */
  if (weekday_of (day) >= 5)
    return TRUE;
  civil_from_days (day, &y, &m, &d);
  g_snprintf (text, sizeof text, "%04d-%02d-%02d", y, m, d);
  g_ptr_array_add (g->hol_days, g_strdup (text));
  cd_demo_bind_text (stmt, 1, text);
  cd_demo_bind_text (stmt, 2, name);
  cd_demo_bind_int (stmt, 3, created);
  return cd_demo_step_done (g, stmt);
}

static gboolean
gen_calendar (Gen      *g,
              GError  **error)
{
  sqlite3_stmt *stmt;
  gint64 created = cd_demo_origin_of (g) - 30 * DAY;
  int year = office_year (g->now);
  gboolean ok;

  stmt = cd_demo_prepare (g, "INSERT INTO business_calendars (id, name, timezone, week_schedule, created_at, updated_at, version) "
                     "VALUES (1, 'Shanghai support centre (上海客服中心)', ?1, ?2, ?3, ?3, 1)");
  if (stmt == NULL)
    return FALSE;
  cd_demo_bind_text (stmt, 1, OFFICE_TIMEZONE);
  cd_demo_bind_text (stmt, 2, OFFICE_WEEK);
  cd_demo_bind_int (stmt, 3, created);
  ok = cd_demo_step_done (g, stmt);
  sqlite3_finalize (stmt);
  if (!ok)
    return FALSE;

  g->hol_first_day = days_from_civil (year - 3, 1, 1);
  g->hol_n_days = (guint) (days_from_civil (year + 2, 1, 1) - g->hol_first_day);
  g->hol = g_new0 (guint8, g->hol_n_days);
  g->hol_days = g_ptr_array_new_with_free_func (g_free);

  stmt = cd_demo_prepare (g, "INSERT INTO holidays (calendar_id, day, name, created_at, updated_at, version) VALUES (1, ?1, ?2, ?3, ?3, 1)");
  if (stmt == NULL)
    return FALSE;
  for (int y = year - 3; ok && y <= year + 1; y++)
    {
      for (guint i = 0; ok && i < G_N_ELEMENTS (fixed_holidays); i++)
        for (int k = 0; ok && k < fixed_holidays[i].length; k++)
          ok = add_holiday (g, stmt, days_from_civil (y, fixed_holidays[i].month, fixed_holidays[i].day) + k,
                            fixed_holidays[i].name, created);
      for (guint i = 0; ok && i < G_N_ELEMENTS (spring_festival); i++)
        if (spring_festival[i].year == y)
          for (int k = 0; ok && k < 7; k++)
            ok = add_holiday (g, stmt, days_from_civil (y, spring_festival[i].month, spring_festival[i].day) + k,
                              "Spring Festival (春节)", created);
    }
  sqlite3_finalize (stmt);
  if (!ok)
    return FALSE;

  g_ptr_array_add (g->hol_days, NULL);
  g->cal = cd_sla_calendar_new (OFFICE_TIMEZONE, OFFICE_WEEK, (const char *const *) g->hol_days->pdata, error);
  return g->cal != NULL;
}

static gboolean
gen_sla_and_categories (Gen *g)
{
  static const int fr[4] = { 480, 240, 60, 30 };
  static const int res[4] = { 2700, 1620, 540, 240 };
  sqlite3_stmt *stmt;
  gint64 created = cd_demo_origin_of (g) - 20 * DAY;
  gboolean ok = TRUE;

  stmt = cd_demo_prepare (g, "INSERT INTO sla_policies (priority, tier, first_response_minutes, resolution_minutes, calendar_id, created_at, updated_at, version) "
                     "VALUES (?1, ?2, ?3, ?4, 1, ?5, ?5, 1)");
  if (stmt == NULL)
    return FALSE;
  for (int p = 0; ok && p < 4; p++)
    {
      g->sla_fr[p] = fr[p];
      g->sla_res[p] = res[p];
      cd_demo_bind_text (stmt, 1, cd_priority_to_nick ((CdPriority) p));
      cd_demo_bind_text (stmt, 2, NULL);
      cd_demo_bind_int (stmt, 3, fr[p]);
      cd_demo_bind_int (stmt, 4, res[p]);
      cd_demo_bind_int (stmt, 5, created);
      ok = cd_demo_step_done (g, stmt);
    }
  /* Strategic accounts get a faster answer on high-priority tickets. */
  g->sla_strategic_fr = 30;
  g->sla_strategic_res = 360;
  if (ok)
    {
      cd_demo_bind_text (stmt, 1, cd_priority_to_nick (CD_PRIORITY_HIGH));
      cd_demo_bind_text (stmt, 2, cd_tier_to_nick (CD_TIER_STRATEGIC));
      cd_demo_bind_int (stmt, 3, g->sla_strategic_fr);
      cd_demo_bind_int (stmt, 4, g->sla_strategic_res);
      cd_demo_bind_int (stmt, 5, created + 90 * DAY);
      ok = cd_demo_step_done (g, stmt);
    }
  sqlite3_finalize (stmt);
  if (!ok)
    return FALSE;

  stmt = cd_demo_prepare (g, "INSERT INTO ticket_categories (id, name, min_coverage, created_at, updated_at, version) VALUES (?1, ?2, ?3, ?4, ?4, 1)");
  if (stmt == NULL)
    return FALSE;
  for (int c = 0; ok && c < N_CATEGORIES; c++)
    {
      cd_demo_bind_int (stmt, 1, c + 1);
      cd_demo_bind_text (stmt, 2, category_names[c]);
      cd_demo_bind_int (stmt, 3, category_min_coverage[c]);
      cd_demo_bind_int (stmt, 4, created);
      ok = cd_demo_step_done (g, stmt);
    }
  sqlite3_finalize (stmt);
  return ok;
}

/* A made-up colleague beyond the pool: surname and given name from the
 * name lists, each pair used once (13 and 40 share no factor), with a
 * login made from them. */
static gboolean
extra_staff_name (Gen        *g,
                  guint       k,
                  Staff      *s,
                  const char *desk_login)
{
  const Han *surname = &surnames[k % G_N_ELEMENTS (surnames)];
  const Han *given = &given_two[(13 * (k / G_N_ELEMENTS (surnames)) + k % G_N_ELEMENTS (surnames))
                                % G_N_ELEMENTS (given_two)];
  char *login;

  if (g->extra_names == NULL)
    g->extra_names = g_string_chunk_new (4096);
  login = g_strdup_printf ("%s.%s%u", given->pinyin, surname->pinyin, k + 1);
  if (g_strcmp0 (login, desk_login) == 0)
    {
      g_free (login);
      return FALSE;
    }
  s->login = g_string_chunk_insert (g->extra_names, login);
  g_free (login);
  login = g_strconcat (surname->han, given->han, NULL);
  s->name = g_string_chunk_insert (g->extra_names, login);
  g_free (login);
  s->zh = TRUE;
  return TRUE;
}

static gboolean
gen_staff (Gen        *g,
           Rng        *r,
           const char *login,
           const char *display_name)
{
  sqlite3_stmt *stmt;
  gint64 origin = cd_demo_origin_of (g);
  guint taken = 0;
  gboolean ok = TRUE;

  g->staff[DESK].login = login;
  g->staff[DESK].name = display_name;
  g->staff[DESK].role = CD_ROLE_LEAD;
  g->staff[DESK].hired_at = origin - rng_between (r, 60, 400) * DAY;
  g->n_staff = 1;

  for (guint i = 0; g->n_staff < g->size.staff; i++)
    {
      Staff *s;

      /* The desktop user may already be one of the made-up people. */
      if (i < G_N_ELEMENTS (staff_pool) && g_strcmp0 (staff_pool[i].login, login) == 0)
        continue;
      s = &g->staff[g->n_staff];
      if (i < G_N_ELEMENTS (staff_pool))
        {
          s->login = staff_pool[i].login;
          s->name = staff_pool[i].name;
          s->zh = staff_pool[i].zh;
        }
      else if (!extra_staff_name (g, i - G_N_ELEMENTS (staff_pool), s, login))
        continue;
      switch (taken > 40 && taken % 20 == 0 ? 0 : taken > 40 && taken % 60 == 7 ? 1 : taken)
        {
        case 0:
          s->role = CD_ROLE_LEAD;
          if (taken == 0)
            g->other_lead = g->n_staff;
          break;
        case 1:
          s->role = CD_ROLE_TRAINER;
          if (taken == 1)
            g->trainer = g->n_staff;
          break;
        case 2:
          s->role = CD_ROLE_ADMIN;
          break;
        default:
          s->role = CD_ROLE_REP;
          g->reps[g->n_reps++] = g->n_staff;
          break;
        }
      taken++;
      /* The first reps were there from the start; later ones joined
       * during the two years of tickets. */
      if (s->role != CD_ROLE_REP || g->n_reps <= 8)
        s->hired_at = origin - rng_between (r, 0, 300) * DAY;
      else
        s->hired_at = max64 (origin + 30 * DAY, g->now - rng_between (r, 90, 800) * DAY);
      s->hired_at = day_start (local_day (s->hired_at)) + 9 * HOUR + 30 * MINUTE;
      g->n_staff++;
    }
  g->staff[DESK].hired_at = day_start (local_day (g->staff[DESK].hired_at)) + 9 * HOUR + 30 * MINUTE;

  stmt = cd_demo_prepare (g, "INSERT INTO staff (id, login, display_name, role, email, team, active, created_at, updated_at, version) "
                     "VALUES (?1, ?2, ?3, ?4, ?5, ?6, 1, ?7, ?7, 1)");
  if (stmt == NULL)
    return FALSE;
  for (guint i = 0; ok && i < g->n_staff; i++)
    {
      Staff *s = &g->staff[i];
      g_autofree char *mail = NULL;

      s->id = i + 1;
      if (strchr (s->login, '@') != NULL)
        mail = g_strdup (s->login);
      else
        mail = g_strdup_printf ("%s@%s", s->login, STAFF_MAIL_DOMAIN);
      cd_demo_bind_int (stmt, 1, s->id);
      cd_demo_bind_text (stmt, 2, s->login);
      cd_demo_bind_text (stmt, 3, s->name);
      cd_demo_bind_text (stmt, 4, cd_role_to_nick (s->role));
      cd_demo_bind_text (stmt, 5, mail);
      cd_demo_bind_text (stmt, 6, TEAM_NAME);
      cd_demo_bind_int (stmt, 7, s->hired_at);
      ok = cd_demo_step_done (g, stmt);
    }
  sqlite3_finalize (stmt);
  return ok;
}

/* A rep (or sometimes a lead) who worked here at @t and, when @wanted is
 * not 0, preferably holds one of those certifications. */
guint
cd_demo_pick_assignee (Gen    *g,
                       Rng    *r,
                       gint64  t,
                       guint   wanted)
{
  guint first_fit = G_MAXUINT;

  if (rng_chance (r, 0.05))
    return rng_chance (r, 0.5) ? DESK : g->other_lead;
  for (int attempt = 0; attempt < 6; attempt++)
    {
      guint s = g->reps[rng_below (r, g->n_reps)];

      if (g->staff[s].hired_at > t)
        continue;
      if (wanted == 0 || (g->staff[s].certs & wanted) != 0)
        return s;
      if (first_fit == G_MAXUINT)
        first_fit = s;
    }
  if (first_fit != G_MAXUINT)
    return first_fit;
  /* The first reps were hired before anything happened. */
  return g->reps[0];
}

/* ---- indexes and connection settings -------------------------------------------- */

typedef struct {
  GPtrArray *index_sql;   /* CREATE INDEX statements dropped for the load */
  GPtrArray *index_table; /* and the tables they belong to */
  GPtrArray *trigger_sql; /* CREATE TRIGGER statements dropped for the load */
  char      *journal_mode;
  gint64     synchronous;
  gint64     cache_size;
  gint64     foreign_keys;
  gint64     mmap_size;
} Saved;

static char *
query_text (Gen        *g,
            const char *sql)
{
  sqlite3_stmt *stmt = cd_demo_prepare (g, sql);
  char *text = NULL;

  if (stmt != NULL && sqlite3_step (stmt) == SQLITE_ROW)
    text = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  return text;
}

static gint64
query_int (Gen        *g,
           const char *sql)
{
  sqlite3_stmt *stmt = cd_demo_prepare (g, sql);
  gint64 value = 0;

  if (stmt != NULL && sqlite3_step (stmt) == SQLITE_ROW)
    value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return value;
}

/* Loading into tables without their secondary indexes and building the
 * indexes once at the end beats keeping them up to date row by row (at
 * the benchmark size on two cores: about 36 s against 43 s); nothing else
 * can see the file meanwhile. */
static gboolean
drop_indexes (Gen   *g,
              Saved *saved)
{
  sqlite3_stmt *stmt;
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);

  saved->index_sql = g_ptr_array_new_with_free_func (g_free);
  saved->index_table = g_ptr_array_new_with_free_func (g_free);
  stmt = cd_demo_prepare (g, "SELECT name, sql, tbl_name FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL ORDER BY name");
  if (stmt == NULL)
    return FALSE;
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      g_ptr_array_add (names, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
      g_ptr_array_add (saved->index_sql, g_strdup ((const char *) sqlite3_column_text (stmt, 1)));
      g_ptr_array_add (saved->index_table, g_strdup ((const char *) sqlite3_column_text (stmt, 2)));
    }
  sqlite3_finalize (stmt);

  for (guint i = 0; i < names->len; i++)
    {
      g_autofree char *sql = g_strdup_printf ("DROP INDEX \"%s\"", (const char *) names->pdata[i]);

      if (!cd_demo_exec_sql (g, sql))
        return FALSE;
    }

  /* The triggers that copy names onto tickets would search the tickets
   * of each customer as it is written, without an index: they are dropped
   * too, and their work is done once after the load (restore_triggers). */
  g_ptr_array_set_size (names, 0);
  saved->trigger_sql = g_ptr_array_new_with_free_func (g_free);
  stmt = cd_demo_prepare (g, "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' ORDER BY name");
  if (stmt == NULL)
    return FALSE;
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      g_ptr_array_add (names, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
      g_ptr_array_add (saved->trigger_sql, g_strdup ((const char *) sqlite3_column_text (stmt, 1)));
    }
  sqlite3_finalize (stmt);

  for (guint i = 0; i < names->len; i++)
    {
      g_autofree char *sql = g_strdup_printf ("DROP TRIGGER \"%s\"", (const char *) names->pdata[i]);

      if (!cd_demo_exec_sql (g, sql))
        return FALSE;
    }
  return TRUE;
}

static gboolean
restore_triggers (Gen   *g,
                  Saved *saved)
{
  if (!cd_demo_exec_sql (g, CD_SCHEMA_FILL_TICKET_NAMES))
    return FALSE;
  for (guint i = 0; i < saved->trigger_sql->len; i++)
    if (!cd_demo_exec_sql (g, saved->trigger_sql->pdata[i]))
      return FALSE;
  return TRUE;
}

/* Rows an index has to sort, for a progress that moves evenly. */
static double
index_weight (Gen        *g,
              const char *table)
{
  if (strcmp (table, "tickets") == 0)
    return (double) g->size.tickets;
  if (strcmp (table, "ticket_events") == 0)
    return (double) g->n_events;
  if (strcmp (table, "complaints") == 0)
    return (double) g->size.complaints;
  if (strcmp (table, "followups") == 0)
    return (double) g->size.followups;
  if (strcmp (table, "customers") == 0)
    return (double) g->n_customers;
  return 1.0;
}

static gboolean
create_indexes (Gen   *g,
                Saved *saved)
{
  double total = 0.0, done = 0.0;

  for (guint i = 0; i < saved->index_table->len; i++)
    total += index_weight (g, saved->index_table->pdata[i]);
  for (guint i = 0; i < saved->index_sql->len; i++)
    {
      if (!cd_demo_exec_sql (g, saved->index_sql->pdata[i]))
        return FALSE;
      done += index_weight (g, saved->index_table->pdata[i]);
      cd_demo_report (g, done / total);
    }
  return TRUE;
}

static gboolean
fast_settings (Gen   *g,
               Saved *saved)
{
  saved->journal_mode = query_text (g, "PRAGMA journal_mode");
  saved->synchronous = query_int (g, "PRAGMA synchronous");
  saved->cache_size = query_int (g, "PRAGMA cache_size");
  saved->foreign_keys = query_int (g, "PRAGMA foreign_keys");
  saved->mmap_size = query_int (g, "PRAGMA mmap_size");
  if (saved->journal_mode == NULL)
    return cd_demo_fail_sql (g, sqlite3_errcode (g->db) != SQLITE_OK ? sqlite3_errcode (g->db) : SQLITE_ERROR);

  /* Rows go in parents-last (customers after their tickets), and the
   * whole load is one transaction on a file nobody else has yet: no
   * foreign-key checks, no syncs, a big cache and sorting in memory on
   * two threads. Reading the tables through a memory map makes building
   * the indexes about a third faster. */
  return cd_demo_exec_sql (g, "PRAGMA foreign_keys = OFF") &&
         cd_demo_exec_sql (g, "PRAGMA journal_mode = MEMORY") &&
         cd_demo_exec_sql (g, "PRAGMA synchronous = OFF") &&
         cd_demo_exec_sql (g, "PRAGMA cache_size = -262144") &&
         cd_demo_exec_sql (g, "PRAGMA temp_store = MEMORY") &&
         cd_demo_exec_sql (g, "PRAGMA mmap_size = 2147418112") &&
         cd_demo_exec_sql (g, "PRAGMA threads = 2");
}

static gboolean
restore_settings (Gen   *g,
                  Saved *saved)
{
  g_autofree char *journal = NULL, *sync = NULL, *cache = NULL, *fk = NULL, *mmap = NULL;
  g_autofree char *mode = NULL;

  if (saved->journal_mode == NULL)
    return TRUE;
  journal = g_strdup_printf ("PRAGMA journal_mode = %s", saved->journal_mode);
  sync = g_strdup_printf ("PRAGMA synchronous = %" G_GINT64_FORMAT, saved->synchronous);
  cache = g_strdup_printf ("PRAGMA cache_size = %" G_GINT64_FORMAT, saved->cache_size);
  fk = g_strdup_printf ("PRAGMA foreign_keys = %" G_GINT64_FORMAT, saved->foreign_keys);
  mmap = g_strdup_printf ("PRAGMA mmap_size = %" G_GINT64_FORMAT, saved->mmap_size);
  if (!cd_demo_exec_sql (g, "PRAGMA threads = 0") ||
      !cd_demo_exec_sql (g, "PRAGMA temp_store = DEFAULT") ||
      !cd_demo_exec_sql (g, cache) ||
      !cd_demo_exec_sql (g, mmap) ||
      !cd_demo_exec_sql (g, sync) ||
      !cd_demo_exec_sql (g, journal) ||
      !cd_demo_exec_sql (g, fk))
    return FALSE;

  mode = query_text (g, "PRAGMA journal_mode");
  if (mode == NULL || g_ascii_strcasecmp (mode, saved->journal_mode) != 0)
    return cd_demo_fail_sql (g, SQLITE_ERROR);
  return TRUE;
}

static void
saved_clear (Saved *saved)
{
  g_clear_pointer (&saved->index_sql, g_ptr_array_unref);
  g_clear_pointer (&saved->trigger_sql, g_ptr_array_unref);
  g_clear_pointer (&saved->index_table, g_ptr_array_unref);
  g_clear_pointer (&saved->journal_mode, g_free);
}

static void
gen_clear (Gen *g)
{
  g_clear_pointer (&g->cal, cd_sla_calendar_free);
  g_clear_pointer (&g->hol, g_free);
  g_clear_pointer (&g->hol_days, g_ptr_array_unref);
  g_clear_pointer (&g->cust_created, g_free);
  g_clear_pointer (&g->cust_first, g_free);
  g_clear_pointer (&g->cust_last, g_free);
  g_clear_pointer (&g->cust_tier, g_free);
  g_clear_pointer (&g->cust_locale, g_free);
  g_clear_pointer (&g->cust_owner, g_free);
  g_clear_pointer (&g->key_customers, g_free);
  g_clear_pointer (&g->errmsg, g_free);
  g_clear_pointer (&g->extra_names, g_string_chunk_free);
}

static gboolean
generate (Gen         *g,
          const char  *login,
          const char  *display_name,
          GError     **error)
{
  Saved saved = { 0 };
  Rng rng_setup, rng_training, rng_customers, rng_activity, rng_rows;
  gboolean ok;

  rng_init (&rng_setup, g->seed, 1);
  rng_init (&rng_training, g->seed, 2);
  rng_init (&rng_customers, g->seed, 3);
  rng_init (&rng_activity, g->seed, 4);
  rng_init (&rng_rows, g->seed, 5);

  cd_demo_phase (g, 0.0, 0.02, _("Preparing the database…"));
  ok = fast_settings (g, &saved) &&
       drop_indexes (g, &saved) &&
       cd_demo_exec_sql (g, "BEGIN");

  if (ok)
    {
      GError *local_error = NULL;

      cd_demo_phase (g, 0.0, 0.02, _("Creating staff, calendar and training records…"));
      ok = gen_settings (g) &&
           gen_calendar (g, &local_error) &&
           gen_sla_and_categories (g) &&
           gen_staff (g, &rng_setup, login, display_name) &&
           cd_demo_gen_training (g, &rng_training) &&
           cd_demo_gen_knowledge (g, &rng_setup);
      if (local_error != NULL)
        {
          g_propagate_error (error, local_error);
          sqlite3_exec (g->db, "ROLLBACK", NULL, NULL, NULL);
          restore_settings (g, &saved);
          saved_clear (&saved);
          return FALSE;
        }
    }
  if (ok)
    {
      cd_demo_plan_customers (g, &rng_customers);
      cd_demo_phase (g, 0.02, 0.64, _("Creating tickets, complaints and follow-ups…"));
      ok = cd_demo_gen_activity (g, &rng_activity);
    }
  if (ok)
    {
      cd_demo_phase (g, 0.64, 0.67, _("Creating customers…"));
      ok = cd_demo_gen_customers (g, &rng_rows);
    }
  ok = ok && cd_demo_exec_sql (g, "COMMIT");
  if (ok)
    {
      cd_demo_phase (g, 0.67, 0.9, _("Building indexes…"));
      ok = cd_demo_exec_sql (g, "BEGIN") && restore_triggers (g, &saved) &&
           create_indexes (g, &saved) && cd_demo_link_articles (g);
      if (ok)
        {
          cd_demo_phase (g, 0.9, 0.99, _("Building the search index…"));
          ok = cd_demo_index_search (g, error);
        }
      ok = ok && cd_demo_exec_sql (g, "COMMIT");
    }
  if (ok)
    cd_demo_phase (g, 0.99, 1.0, _("Finishing…"));

  if (!ok && !sqlite3_get_autocommit (g->db))
    sqlite3_exec (g->db, "ROLLBACK", NULL, NULL, NULL);
  ok = restore_settings (g, &saved) && ok;
  saved_clear (&saved);

  if (!ok)
    {
      g_debug ("Demo generation failed: %s", g->errmsg != NULL ? g->errmsg : "(no message)");
      cd_set_sqlite_error (error, g->rc != SQLITE_OK ? g->rc : SQLITE_ERROR,
                           _("Could not write the demo database"));
      return FALSE;
    }
  cd_demo_report (g, 1.0);
  return TRUE;
}

/* ---- public API ---------------------------------------------------------------- */

void
cd_demo_size_for_tickets (guint64     tickets,
                          CdDemoSize *size)
{
  g_return_if_fail (size != NULL);

  size->tickets = tickets;
  size->customers = MAX (tickets / 10, 1);
  size->complaints = tickets / 5;
  size->followups = size->complaints > 0 ? tickets * 2 / 5 : 0;
  /* 12 people for a small shop, six more for every tenfold, at most 30. */
  if (tickets <= 1000)
    size->staff = 12;
  else
    size->staff = MIN (30, 12 + (guint64) floor (6.0 * log10 ((double) tickets / 1000.0) + 1e-9));
}

/* A whole number with an optional fraction and k/M suffix: "250k",
 * "1.5M", "20000". FALSE when it is not one; *@too_big when it is but
 * does not fit. */
static gboolean
parse_count (const char *text,
             guint64    *value,
             gboolean   *too_big)
{
  const char *p = text;
  guint64 whole = 0, frac = 0, frac_div = 1, mult = 1;

  *too_big = FALSE;
  if (!g_ascii_isdigit (*p))
    return FALSE;
  for (; g_ascii_isdigit (*p); p++)
    {
      if (whole > (G_MAXUINT64 - 9) / 10)
        {
          *too_big = TRUE;
          return FALSE;
        }
      whole = whole * 10 + (guint64) (*p - '0');
    }
  if (*p == '.')
    {
      p++;
      if (!g_ascii_isdigit (*p))
        return FALSE;
      for (; g_ascii_isdigit (*p); p++)
        {
          if (frac_div >= G_GUINT64_CONSTANT (1000000000))
            return FALSE;
          frac = frac * 10 + (guint64) (*p - '0');
          frac_div *= 10;
        }
    }
  if (*p == 'k' || *p == 'K')
    {
      mult = 1000;
      p++;
    }
  else if (*p == 'm' || *p == 'M')
    {
      mult = 1000000;
      p++;
    }
  if (*p != '\0')
    return FALSE;
  if (whole > G_MAXUINT64 / mult / 2)
    {
      *too_big = TRUE;
      return FALSE;
    }
  /* "1.5" tickets, or "1.2345k", is not a whole number of tickets. */
  if ((frac * mult) % frac_div != 0)
    return FALSE;
  *value = whole * mult + frac * mult / frac_div;
  return TRUE;
}

gboolean
cd_demo_parse_size (const char  *text,
                    CdDemoSize  *size,
                    GError     **error)
{
  g_autofree char *copy = NULL;
  char *staff_text;
  guint64 tickets = 0;
  guint64 staff = 0;
  gboolean too_big = FALSE;

  g_return_val_if_fail (size != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  copy = g_strstrip (g_strdup (text != NULL ? text : ""));
  staff_text = strchr (copy, ':');
  if (staff_text != NULL)
    {
      gboolean staff_too_big = FALSE;

      *staff_text++ = '\0';
      g_strstrip (copy);
      g_strstrip (staff_text);
      if (!parse_count (staff_text, &staff, &staff_too_big) || staff < MIN_STAFF || staff > MAX_STAFF)
        {
          g_set_error (error, CD_STORE_ERROR, CD_STORE_ERROR_INVALID,
                       _("“%s” is not a number of staff for a demo database. Give %u to %u after the colon, as in small:300."),
                       staff_text, (guint) MIN_STAFF, (guint) MAX_STAFF);
          return FALSE;
        }
    }
  if (g_ascii_strcasecmp (copy, "small") == 0)
    tickets = 1000;
  else if (g_ascii_strcasecmp (copy, "medium") == 0)
    tickets = 50000;
  else if (g_ascii_strcasecmp (copy, "benchmark") == 0)
    tickets = 1000000;
  else if (!parse_count (copy, &tickets, &too_big) || tickets > CD_DEMO_MAX_TICKETS)
    {
      if (too_big || tickets > CD_DEMO_MAX_TICKETS)
        {
          g_autofree char *max = g_strdup_printf ("%" G_GUINT64_FORMAT, CD_DEMO_MAX_TICKETS);
          g_set_error (error, CD_STORE_ERROR, CD_STORE_ERROR_INVALID,
                       _("“%s” tickets is more than the demo generator makes. Give at most %s tickets."),
                       copy, max);
        }
      else
        g_set_error (error, CD_STORE_ERROR, CD_STORE_ERROR_INVALID,
                     _("“%s” is not a demo size. Give a number of tickets such as 20000, 250k or 1M, or one of small, medium or benchmark."),
                     copy);
      return FALSE;
    }
  if (tickets == 0)
    {
      g_set_error_literal (error, CD_STORE_ERROR, CD_STORE_ERROR_INVALID,
                           _("A demo database needs at least one ticket. Give a number of tickets such as 20000, 250k or 1M."));
      return FALSE;
    }
  cd_demo_size_for_tickets (tickets, size);
  if (staff != 0)
    size->staff = staff;
  return TRUE;
}

static void
remove_with_journals (const char *path)
{
  static const char *const suffixes[] = { "", "-journal", "-wal", "-shm", "-writers" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *file = g_strconcat (path, suffixes[i], NULL);

      g_remove (file);
    }
}

/* TRUE when @path is missing or an empty regular file. */
static gboolean
target_is_free (const char  *path,
                GError     **error)
{
  GStatBuf st;

  if (g_stat (path, &st) != 0)
    {
      if (errno == ENOENT)
        return TRUE;
      g_set_error (error, CD_STORE_ERROR, CD_STORE_ERROR_CANT_OPEN,
                   _("Cannot check “%s”: %s. Choose another place for the demo database."),
                   path, g_strerror (errno));
      return FALSE;
    }
  if (S_ISDIR (st.st_mode))
    {
      g_set_error (error, CD_STORE_ERROR, CD_STORE_ERROR_CANT_OPEN,
                   _("“%s” is a folder. Give the name of a new file for the demo database."), path);
      return FALSE;
    }
  if (st.st_size > 0)
    {
      g_set_error (error, CD_STORE_ERROR, CD_STORE_ERROR_FAILED,
                   _("“%s” already exists and is not empty, so the demo data was not written. Give the name of a new file, or remove this one first."),
                   path);
      return FALSE;
    }
  return TRUE;
}

gboolean
cd_demo_generate (const char         *path,
                  const CdDemoSize   *size,
                  guint32             seed,
                  gint64              now,
                  const char         *login,
                  const char         *display_name,
                  CdDemoProgressFunc  progress,
                  gpointer            user_data,
                  GError            **error)
{
  g_autofree char *dir = NULL, *base = NULL, *tmp = NULL, *name_copy = NULL;
  g_autoptr(CdStore) store = NULL;
  Gen g = { 0 };
  gboolean ok;
  int fd;

  g_return_val_if_fail (path != NULL && *path != '\0', FALSE);
  g_return_val_if_fail (size != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  g.size = *size;
  if (g.size.staff == 0)
    {
      CdDemoSize auto_size;

      cd_demo_size_for_tickets (size->tickets, &auto_size);
      g.size.staff = auto_size.staff;
    }
  if (g.size.tickets == 0 || g.size.tickets > CD_DEMO_MAX_TICKETS ||
      g.size.customers == 0 || g.size.customers > CD_DEMO_MAX_TICKETS ||
      g.size.complaints > CD_DEMO_MAX_TICKETS ||
      g.size.followups > 10 * g.size.complaints ||
      g.size.staff < MIN_STAFF || g.size.staff > MAX_STAFF)
    {
      g_autofree char *max = g_strdup_printf ("%" G_GUINT64_FORMAT, CD_DEMO_MAX_TICKETS);
      g_set_error (error, CD_STORE_ERROR, CD_STORE_ERROR_INVALID,
                   _("These demo sizes do not fit together: it takes 1 to %s tickets, at least one customer, "
                     "%u to %u staff, and at most ten follow-ups per complaint."),
                   max, (guint) MIN_STAFF, (guint) MAX_STAFF);
      return FALSE;
    }

  if (login == NULL)
    login = g_get_user_name ();
  if (login == NULL || *login == '\0')
    {
      g_set_error_literal (error, CD_STORE_ERROR, CD_STORE_ERROR_INVALID,
                           _("The demo database needs the login name of the person who will open it."));
      return FALSE;
    }
  /* g_get_real_name() says "Unknown" when it does not know. */
  if (display_name == NULL || *display_name == '\0' || strcmp (display_name, "Unknown") == 0)
    {
      const char *real = g_get_real_name ();

      display_name = real != NULL && *real != '\0' && strcmp (real, "Unknown") != 0 ? real : login;
    }
  name_copy = g_strdup (display_name);

  if (!target_is_free (path, error))
    return FALSE;

  /* Written under a hidden name beside the target, and renamed into
   * place only when complete. */
  dir = g_path_get_dirname (path);
  base = g_path_get_basename (path);
  tmp = g_strdup_printf ("%s%c.%s.demo-XXXXXX", dir, G_DIR_SEPARATOR, base);
  fd = g_mkstemp_full (tmp, O_RDWR, 0666);
  if (fd < 0)
    {
      int saved_errno = errno;

      g_set_error (error, CD_STORE_ERROR, saved_errno == EACCES || saved_errno == EROFS ? CD_STORE_ERROR_READ_ONLY : CD_STORE_ERROR_CANT_OPEN,
                   _("Cannot create the demo database in “%s”: %s. Choose a folder you may write to."),
                   dir, g_strerror (saved_errno));
      return FALSE;
    }
  close (fd);

  store = cd_store_open (tmp, CD_STORE_OPEN_SET_UP_EMPTY | CD_STORE_OPEN_NO_WATCH, error);
  if (store == NULL)
    {
      remove_with_journals (tmp);
      return FALSE;
    }

  g.db = cd_store_get_db (store);
  g.now = now;
  g.seed = seed;
  g.n_customers = g.size.customers;
  g.progress = progress;
  g.progress_data = user_data;
  ok = generate (&g, login, name_copy, error);
  gen_clear (&g);
  /* Loaded around the store's writes: the Overview's summary rows are
   * counted once, at the end. */
  if (ok)
    ok = cd_overview_summary_rebuild (store, error);
  g_clear_object (&store);
  /* The writers' line of the file under its working name: nobody else
   * ever wrote it. */
  {
    g_autofree char *line = g_strconcat (tmp, "-writers", NULL);
    g_remove (line);
  }

  if (ok && !target_is_free (path, error))
    ok = FALSE;
  if (ok && g_rename (tmp, path) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, CD_STORE_ERROR, CD_STORE_ERROR_CANT_OPEN,
                   _("Cannot move the finished demo database to “%s”: %s."), path, g_strerror (saved_errno));
      ok = FALSE;
    }
  if (!ok)
    remove_with_journals (tmp);
  return ok;
}
