/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "caredesk-demo"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "cd-customers.h"
#include "cd-demo-private.h"
/* ---- training ----------------------------------------------------------------- */

/* Who must hold each certification (CD_ROLE_BIT()s): data protection is
 * everyone's, complaint handling every rep's and lead's; the specialist
 * ones are nobody's duty. */
static const guint cert_required_roles[N_CERTS] = {
  [CE_BILLING] = 0,
  [CE_TECH_L1] = 0,
  [CE_TECH_L2] = 0,
  [CE_COMPLAINTS] = 1 | 2,
  [CE_PRIVACY] = 1 | 2 | 4 | 8,
};

/* The assessments each certification requires, NULL-terminated. */
static const char *const cert_assessments[N_CERTS][3] = {
  [CE_BILLING] = { "exam", NULL },
  [CE_TECH_L1] = { "exam", NULL },
  [CE_TECH_L2] = { "exam", "practical", NULL },
  [CE_COMPLAINTS] = { "practical", "customer", NULL },
  [CE_PRIVACY] = { "exam", NULL },
};

/* What becomes of an item of the plan. */
enum {
  PLAN_NONE,
  PLAN_DUE,        /* not done, due later */
  PLAN_LATE,       /* not done, due date passed */
  PLAN_ATTEND,     /* done by attending a session (falls back to MARKED) */
  PLAN_MARKED,     /* marked complete (an external course, say) */
  PLAN_ATTENDED,   /* PLAN_ATTEND, and attended */
};

#define N_PLAN_YEARS 2   /* last year's plan and this year's */

typedef struct {
  guint8  outcome[N_PLAN_YEARS][N_COURSES];
  gint64  due[N_PLAN_YEARS][N_COURSES];
} PlanRow;

static gint64
office_day_at (Gen    *g,
               gint64  t,
               int     hh,
               int     mm)
{
  gint64 day = local_day (t);

  while (!cd_demo_is_business_day (g, day))
    day++;
  return day_start (day) + hh * HOUR + mm * MINUTE;
}

static gboolean
insert_assessment (Gen          *g,
                   sqlite3_stmt *stmt,
                   guint         staff,
                   int           course,
                   int           cert,
                   const char   *kind,
                   double        score,
                   double        pass_mark,
                   guint         assessor,
                   gint64        at)
{
  cd_demo_bind_int (stmt, 1, g->staff[staff].id);
  cd_demo_bind_opt (stmt, 2, course >= 0 ? course + 1 : 0);
  cd_demo_bind_opt (stmt, 3, cert >= 0 ? cert + 1 : 0);
  cd_demo_bind_text (stmt, 4, kind);
  sqlite3_bind_double (stmt, 5, score);
  sqlite3_bind_double (stmt, 6, pass_mark);
  cd_demo_bind_int (stmt, 7, g->staff[assessor].id);
  cd_demo_bind_int (stmt, 8, at);
  cd_demo_bind_int (stmt, 9, at);
  return cd_demo_step_done (g, stmt);
}

/* One person's record of a certification, with the assessments that
 * earned it; *@expires_out gets when it runs out. */
static gboolean
insert_staff_cert (Gen          *g,
                   Rng          *r,
                   sqlite3_stmt *cert_stmt,
                   sqlite3_stmt *assess_stmt,
                   guint         staff,
                   int           cert,
                   gint64        issued,
                   gint64        revoked,
                   gint64       *expires_out)
{
  gint64 expires = add_months (issued, certs[cert].validity_months);
  double pass_mark = cert == CE_PRIVACY ? 60.0 : cert == CE_TECH_L2 ? 80.0 : 70.0;
  guint assessor = cert == CE_COMPLAINTS && staff != g->other_lead ? g->other_lead : g->trainer;
  gint64 exam_at = office_day_at (g, issued - rng_between (r, 2, 12) * DAY, 10, 0);

  if (assessor == staff)
    assessor = DESK;
  if (exam_at < g->staff[staff].hired_at)
    exam_at = MIN (g->staff[staff].hired_at + DAY, issued - HOUR);

  for (int k = 0; k < 3 && cert_assessments[cert][k] != NULL; k++)
    {
      const char *kind = cert_assessments[cert][k];
      gboolean customer = strcmp (kind, "customer") == 0;
      double mark = customer ? 4.0 : pass_mark;
      gint64 at = MIN (exam_at + k * DAY, issued - HOUR);
      double score;

      /* Some needed a second attempt at the written exam. */
      if (k == 0 && !customer && rng_chance (r, 0.18) && at - 20 * DAY > g->staff[staff].hired_at)
        {
          double failed = mark - 1 - rng_between (r, 0, 25);
          gint64 before = at - rng_between (r, 14, 20) * DAY;

          if (!insert_assessment (g, assess_stmt, staff, -1, cert, kind, failed, mark, assessor, before))
            return FALSE;
        }
      if (customer)
        score = 4.0 + (double) rng_below (r, 11) / 10.0;
      else
        score = fmin (100.0, mark + rng_between (r, 0, 28) + (double) rng_below (r, 10) / 10.0);
      if (!insert_assessment (g, assess_stmt, staff, -1, cert, kind, score, mark, assessor, at))
        return FALSE;
    }

  cd_demo_bind_int (cert_stmt, 1, g->staff[staff].id);
  cd_demo_bind_int (cert_stmt, 2, cert + 1);
  cd_demo_bind_int (cert_stmt, 3, issued);
  cd_demo_bind_int (cert_stmt, 4, expires);
  cd_demo_bind_opt (cert_stmt, 5, revoked);
  cd_demo_bind_int (cert_stmt, 6, issued);
  cd_demo_bind_int (cert_stmt, 7, MAX (issued, revoked));
  cd_demo_bind_int (cert_stmt, 8, g->staff[assessor].id);
  cd_demo_bind_text (cert_stmt, 9, revoked != 0 ? "Repeated refund errors after a warning" : NULL);
  cd_demo_bind_opt (cert_stmt, 10, revoked != 0 ? g->staff[g->trainer].id : 0);
  g->staff[staff].certs |= 1u << cert;
  if (expires_out != NULL)
    *expires_out = expires;
  return cd_demo_step_done (g, cert_stmt);
}

/* Decides who holds what, and when it runs out: most are valid, some
 * expire within 30 days, some have expired, and one was revoked. The
 * desktop user's "Complaint handling" expires in a few days, and the
 * "Product defect" category (advanced technical support) is held by few
 * reps, one of whom runs out soon: its minimum is set so that this
 * expiry drops it below. */
static gboolean
gen_staff_certifications (Gen          *g,
                          Rng          *r,
                          sqlite3_stmt *cert_stmt,
                          sqlite3_stmt *assess_stmt)
{
  gboolean revoked_done = FALSE;
  guint l2_holders = 0, l2_lapsing = 0;

  for (guint s = 0; s < g->n_staff; s++)
    {
      Staff *st = &g->staff[s];
      guint held = 1u << CE_PRIVACY;

      switch (st->role)
        {
        case CD_ROLE_LEAD:
          held |= (1u << CE_COMPLAINTS) | (1u << CE_BILLING) | (1u << CE_TECH_L1);
          break;
        case CD_ROLE_TRAINER:
          held |= (1u << CE_COMPLAINTS) | (1u << CE_TECH_L1) | (1u << CE_TECH_L2);
          break;
        case CD_ROLE_REP:
          if (rng_chance (r, 0.7))
            held |= 1u << CE_COMPLAINTS;
          if (rng_chance (r, 0.45) || s == g->reps[0])
            held |= 1u << CE_BILLING;
          if (rng_chance (r, 0.6))
            {
              held |= 1u << CE_TECH_L1;
              if (rng_chance (r, 0.35))
                held |= 1u << CE_TECH_L2;
            }
          if (s == g->reps[0] || s == g->reps[1])
            held |= (1u << CE_TECH_L1) | (1u << CE_TECH_L2);
          break;
        case CD_ROLE_ADMIN:
        default:
          break;
        }

      for (int c = 0; c < N_CERTS; c++)
        {
          int months = certs[c].validity_months;
          gint64 target, issued, expires = 0, revoked = 0;
          double u = rng_unit (r);

          if (!(held & (1u << c)))
            continue;

          if (s == DESK && c == CE_COMPLAINTS)
            target = g->now + rng_between (r, 5, 12) * DAY;                    /* expiring */
          else if (s == g->reps[0] && c == CE_TECH_L2)
            target = g->now + rng_between (r, 6, 20) * DAY;                    /* the defect cover lapses */
          else if (!revoked_done && st->role == CD_ROLE_REP && c == CE_BILLING &&
                   st->hired_at < g->now - 800 * DAY)
            {
              /* Billing rights withdrawn after repeated refund errors. */
              target = g->now + rng_between (r, 100, 300) * DAY;
              revoked = office_day_at (g, g->now - rng_between (r, 20, 60) * DAY, 16, 0);
              revoked_done = TRUE;
            }
          else if (u < 0.12)
            target = g->now + rng_between (r, 2, 28) * DAY;                    /* expiring */
          else if (u < 0.22)
            target = g->now - rng_between (r, 5, 150) * DAY;                   /* expired */
          else
            target = g->now + rng_between (r, 35, months * 30 - 5) * DAY;      /* valid */

          issued = office_day_at (g, add_months (target, -months), 15, 0);
          if (issued < st->hired_at + 14 * DAY)
            issued = office_day_at (g, st->hired_at + rng_between (r, 14, 70) * DAY, 15, 0);
          if (issued >= g->now)
            issued = office_day_at (g, g->now - 20 * DAY, 15, 0);
          if (revoked != 0 && revoked <= issued)
            revoked = issued + 30 * DAY;

          /* An earlier record that this one renewed. */
          if (rng_chance (r, 0.4))
            {
              gint64 before = office_day_at (g, add_months (issued, -months) - rng_between (r, 0, 20) * DAY, 15, 0);

              if (before > st->hired_at + 14 * DAY &&
                  !insert_staff_cert (g, r, cert_stmt, assess_stmt, s, c, before, 0, NULL))
                return FALSE;
            }
          if (!insert_staff_cert (g, r, cert_stmt, assess_stmt, s, c, issued, revoked, &expires))
            return FALSE;

          if (c == CE_TECH_L2 && st->role == CD_ROLE_REP && revoked == 0 && expires > g->now)
            {
              l2_holders++;
              if (expires <= g->now + 30 * DAY)
                l2_lapsing++;
            }
        }
    }

  /* One fewer than will be left once the coming expiries have passed. */
  {
    sqlite3_stmt *stmt = cd_demo_prepare (g, "UPDATE ticket_categories SET min_coverage = ?1 WHERE id = ?2");

    if (stmt == NULL)
      return FALSE;
    cd_demo_bind_int (stmt, 1, MAX ((gint64) l2_holders - (gint64) l2_lapsing + 1, 1));
    cd_demo_bind_int (stmt, 2, CAT_DEFECT + 1);
    if (!cd_demo_step_done (g, stmt))
      {
        sqlite3_finalize (stmt);
        return FALSE;
      }
    sqlite3_finalize (stmt);
  }
  return TRUE;
}

/* The courses a person's plan holds in a year (bit per course). */
static guint
plan_courses (Gen   *g,
              Rng   *r,
              guint  s)
{
  Staff *st = &g->staff[s];
  guint plan;

  if (st->role == CD_ROLE_ADMIN)
    return 1u << CO_PRIVACY;
  plan = (1u << CO_PRIVACY) | (1u << CO_CULTURE);
  if (st->role == CD_ROLE_REP)
    {
      plan |= rng_chance (r, 0.5) ? 1u << CO_PHONE : 1u << CO_EMAILS;
      plan |= (st->certs & (1u << CE_COMPLAINTS)) ? 1u << CO_RETURNS_POLICY : 1u << CO_COMPLAINTS;
      if (st->certs & (1u << CE_TECH_L1))
        plan |= 1u << CO_TECH_ADVANCED;
      if (st->hired_at > g->now - 400 * DAY)
        plan |= 1u << CO_PRODUCT_BASICS;
      if (st->certs & (1u << CE_BILLING) && rng_chance (r, 0.3))
        plan |= 1u << CO_BILLING_SYSTEM;
    }
  else if (st->role == CD_ROLE_LEAD)
    plan |= (1u << CO_CONSUMER_LAW) | (1u << CO_COMPLAINTS);
  else if (st->role == CD_ROLE_TRAINER)
    plan |= (1u << CO_ECOMMERCE) | (1u << CO_CONSUMER_LAW);
  return plan;
}

/* Last year's and this year's plans: who takes what by when, and what
 * becomes of it. Last year's is nearly all done; this year's has items
 * done, late and still to come. */
static void
decide_plans (Gen     *g,
              Rng     *r,
              PlanRow *plans)
{
  int year = office_year (g->now);

  for (int y = 0; y < N_PLAN_YEARS; y++)
    {
      int plan_year = year - (N_PLAN_YEARS - 1) + y;
      gint64 quarter_due[4] = {
        office_time (plan_year, 3, 31, 18, 0), office_time (plan_year, 6, 30, 18, 0),
        office_time (plan_year, 9, 30, 18, 0), office_time (plan_year, 12, 15, 18, 0),
      };

      for (guint s = 0; s < g->n_staff; s++)
        {
          guint courses_wanted = plan_courses (g, r, s);
          guint q = rng_below (r, 4);

          /* Nobody plans for people before they join. */
          if (g->staff[s].hired_at > quarter_due[3] - 60 * DAY)
            continue;
          for (int c = 0; c < N_COURSES; c++)
            {
              gint64 due;
              int outcome;

              if (!(courses_wanted & (1u << c)))
                continue;
              due = quarter_due[q++ % 4];
              if (due <= g->staff[s].hired_at + 30 * DAY)
                due = quarter_due[3];
              if (due <= g->now)
                {
                  double done = plan_year < year ? 0.95 : 0.85;
                  if (rng_chance (r, done))
                    outcome = strcmp (courses[c].delivery, "external") == 0 || rng_chance (r, 0.25)
                              ? PLAN_MARKED : PLAN_ATTEND;
                  else
                    outcome = PLAN_LATE;
                }
              else
                outcome = rng_chance (r, 0.3) ? PLAN_ATTEND : PLAN_DUE;
              plans[s].outcome[y][c] = (guint8) outcome;
              plans[s].due[y][c] = due;
            }
        }
    }
}

static gboolean
write_plans (Gen     *g,
             Rng     *r,
             PlanRow *plans)
{
  int year = office_year (g->now);
  sqlite3_stmt *stmt;
  gboolean ok = TRUE;

  stmt = cd_demo_prepare (g, "INSERT INTO training_plan_items (year, staff_id, course_id, due_at, completed_at, created_at, updated_at, version) "
                             "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, 1)");
  for (int y = 0; ok && stmt != NULL && y < N_PLAN_YEARS; y++)
    {
      int plan_year = year - (N_PLAN_YEARS - 1) + y;
      gint64 created = MIN (office_time (plan_year, 1, 6, 10, 0), g->now - 2 * HOUR);

      for (guint s = 0; ok && s < g->n_staff; s++)
        for (int c = 0; ok && c < N_COURSES; c++)
          {
            int outcome = plans[s].outcome[y][c];
            gint64 due = plans[s].due[y][c];
            gint64 done = 0;

            if (outcome == PLAN_NONE)
              continue;
            /* Meant to be done by a session that had no seat left: marked
             * complete instead (an external course taken meanwhile). */
            if (outcome == PLAN_MARKED || outcome == PLAN_ATTEND)
              done = clamp64 (min64 (due, g->now) - rng_between (r, 1, 50) * DAY,
                              max64 (created, g->staff[s].hired_at) + DAY, min64 (due, g->now) - HOUR);
            cd_demo_bind_int (stmt, 1, plan_year);
            cd_demo_bind_int (stmt, 2, g->staff[s].id);
            cd_demo_bind_int (stmt, 3, c + 1);
            cd_demo_bind_int (stmt, 4, due);
            cd_demo_bind_opt (stmt, 5, done);
            cd_demo_bind_int (stmt, 6, min64 (created, g->now - 2 * HOUR));
            cd_demo_bind_int (stmt, 7, max64 (done, min64 (created, g->now - 2 * HOUR)));
            ok = cd_demo_step_done (g, stmt);
          }
    }
  sqlite3_finalize (stmt);
  return ok && g->rc == SQLITE_OK;
}

/* The plan year (0 last year, 1 this one) that @t falls in, or -1. */
static int
plan_index (Gen    *g,
            gint64  t)
{
  int y = office_year (t) - (office_year (g->now) - (N_PLAN_YEARS - 1));

  return y >= 0 && y < N_PLAN_YEARS ? y : -1;
}

typedef struct {
  sqlite3_stmt *session;
  sqlite3_stmt *enrol;
  sqlite3_stmt *assess;
  gint64        next_id;
} SessionWriter;

/* One session of course @c at about @when, with its roster: first those
 * whose plan has them take it by attending, then a few others; the
 * sessions of the past with who came. */
static gboolean
emit_session (Gen           *g,
              Rng           *r,
              SessionWriter *w,
              PlanRow       *plans,
              int            c,
              gint64         when,
              gboolean       upcoming,
              gboolean       popular)
{
  const CourseSeed *co = &courses[c];
  gboolean external = strcmp (co->delivery, "external") == 0;
  gboolean online = strcmp (co->delivery, "online") == 0;
  guint trainer = rng_chance (r, 0.8) ? g->trainer : g->other_lead;
  gint64 origin = cd_demo_origin_of (g);
  gint64 starts, ends, created, id;
  int y, capacity;
  gboolean unlimited;
  char place[128];
  guint enrolled = 0;
  gboolean ok;

  if (co->hours > 4)
    {
      starts = office_day_at (g, when, 9, 0);
      ends = starts + (gint64) (co->hours * HOUR) + HOUR;
    }
  else
    {
      starts = office_day_at (g, when, 14, 0);
      ends = starts + (gint64) (co->hours * HOUR);
    }
  if (!upcoming && ends > g->now - HOUR)
    return TRUE;
  created = max64 (origin, min64 (starts - rng_between (r, 10, 30) * DAY, g->now - DAY));
  if (online)
    {
      g_snprintf (place, sizeof place, "https://meet.%s/course-%d-%" G_GINT64_FORMAT, STAFF_MAIL_DOMAIN, c + 1, w->next_id + 1);
      capacity = 30;
    }
  else if (external)
    {
      g_snprintf (place, sizeof place, "%s", rng_chance (r, 0.5) ? "上海市消费者权益保护委员会培训中心（静安区）"
                                                                 : "Shanghai Customer Service Association, Xuhui");
      capacity = 6 + (int) rng_below (r, 5);
    }
  else
    {
      g_snprintf (place, sizeof place, "%s", rng_chance (r, 0.5) ? "3楼培训室 Training room 3F" : "长江会议室 Meeting room Yangtze");
      capacity = 12 + (int) rng_below (r, 9);
    }
  unlimited = online && rng_chance (r, 0.5);
  if (popular)
    capacity = 4;

  id = ++w->next_id;
  cd_demo_bind_int (w->session, 1, id);
  cd_demo_bind_int (w->session, 2, c + 1);
  cd_demo_bind_int (w->session, 3, starts);
  cd_demo_bind_int (w->session, 4, ends);
  cd_demo_bind_opt (w->session, 5, external ? 0 : g->staff[trainer].id);
  cd_demo_bind_text (w->session, 6, place);
  if (unlimited && !popular)
    sqlite3_bind_null (w->session, 7);
  else
    cd_demo_bind_int (w->session, 7, capacity);
  cd_demo_bind_int (w->session, 8, created);
  if (!cd_demo_step_done (g, w->session))
    return FALSE;

  y = plan_index (g, starts);
  for (int pass = 0; pass < 2; pass++)
    for (guint s = 0; s < g->n_staff; s++)
      {
        int outcome = y >= 0 ? plans[s].outcome[y][c] : PLAN_NONE;
        const char *attendance = NULL;
        gint64 enrolled_at = min64 (created + rng_between (r, 0, 5) * DAY, MAX (created, g->now - HOUR));
        gint64 updated = enrolled_at;
        gboolean waiting = FALSE;

        if (s == trainer && !external)
          continue;
        if (g->staff[s].hired_at > starts)
          continue;
        if (pass == 0)
          {
            /* Those who take the course this way this year. */
            if (outcome != PLAN_ATTEND && !(upcoming && outcome == PLAN_DUE))
              continue;
            if (!rng_chance (r, upcoming ? 0.5 : 0.7))
              continue;
          }
        else
          {
            /* A few without it in their plan, for whom it counts as
             * training hours only; a popular session fills up. */
            if (outcome != PLAN_NONE || !rng_chance (r, popular ? 0.8 : y < 0 ? 0.35 : 0.1))
              continue;
          }
        if (!unlimited && enrolled >= (guint) capacity)
          {
            if (!upcoming || !popular)
              continue;
            waiting = TRUE;
          }

        if (!upcoming)
          {
            guint a = rng_below (r, 100);

            if (outcome == PLAN_ATTEND)
              attendance = a < 90 ? "attended" : a < 96 ? "absent" : "excused";
            else
              attendance = a < 85 ? "attended" : a < 93 ? "absent" : "excused";
            updated = max64 (enrolled_at, min64 (ends + rng_between (r, 1, 48) * HOUR, g->now));
            if (outcome == PLAN_ATTEND && strcmp (attendance, "attended") == 0)
              plans[s].outcome[y][c] = PLAN_ATTENDED;
          }
        cd_demo_bind_int (w->enrol, 1, id);
        cd_demo_bind_int (w->enrol, 2, g->staff[s].id);
        cd_demo_bind_text (w->enrol, 3, attendance);
        cd_demo_bind_int (w->enrol, 4, enrolled_at);
        cd_demo_bind_int (w->enrol, 5, updated);
        cd_demo_bind_int (w->enrol, 6, waiting ? 1 : 0);
        if (!cd_demo_step_done (g, w->enrol))
          return FALSE;
        if (!waiting)
          enrolled++;

        /* A short test after some courses. */
        if (attendance != NULL && strcmp (attendance, "attended") == 0 && rng_chance (r, 0.4))
          {
            double pass_mark = 60.0;
            double score = rng_chance (r, 0.9) ? pass_mark + rng_between (r, 0, 40) : pass_mark - rng_between (r, 1, 20);
            const char *kind = rng_chance (r, 0.7) ? "exam" : "practical";
            gint64 at = min64 (ends + rng_between (r, 0, 2) * DAY, g->now - HOUR);

            ok = insert_assessment (g, w->assess, s, c, -1, kind, MIN (score, 100.0), pass_mark,
                                    online || external ? g->trainer : trainer, at);
            if (!ok)
              return FALSE;
          }
      }
  return TRUE;
}

/* Three years of sessions of every course, as many as the plans need,
 * and the coming ones; one of those is full and has a waiting list. */
static gboolean
gen_sessions (Gen           *g,
              Rng           *r,
              SessionWriter *w,
              PlanRow       *plans)
{
  int year = office_year (g->now);
  gint64 origin = cd_demo_origin_of (g) + 30 * DAY;
  gint64 bounds[N_PLAN_YEARS + 2];

  bounds[0] = origin;
  for (int y = 0; y < N_PLAN_YEARS; y++)
    bounds[y + 1] = max64 (origin, office_time (year - (N_PLAN_YEARS - 1) + y, 1, 1, 0, 0));
  bounds[N_PLAN_YEARS + 1] = g->now;

  for (int c = 0; c < N_COURSES; c++)
    {
      const CourseSeed *co = &courses[c];
      gboolean external = strcmp (co->delivery, "external") == 0;
      gboolean online = strcmp (co->delivery, "online") == 0;
      double per_year = external ? 0.5 : 1;
      double seats = external ? 8 : online ? 30 : 16;

      for (int seg = 0; seg <= N_PLAN_YEARS; seg++)
        {
          gint64 from = bounds[seg], to = bounds[seg + 1];
          double years = (double) (to - from) / (365.0 * DAY);
          guint wanted = 0;
          guint n;

          if (to <= from + 7 * DAY)
            continue;
          if (seg > 0)
            for (guint s = 0; s < g->n_staff; s++)
              if (plans[s].outcome[seg - 1][c] == PLAN_ATTEND)
                wanted++;
          n = (guint) MAX (ceil (per_year * years), ceil (wanted / (seats * 0.6)));
          n = MIN (n, 60u);
          for (guint k = 0; k < n; k++)
            {
              gint64 when = from + (gint64) ((double) (to - from) * (k + 0.5) / n)
                            + rng_between (r, -10, 10) * DAY;

              when = clamp64 (when, from, to - 2 * DAY);
              if (!emit_session (g, r, w, plans, c, when, FALSE, FALSE))
                return FALSE;
            }
        }

      /* What is coming: one session in the next weeks (two for the
       * popular ones); the telephone course is full. */
      for (int k = 0; k < (external ? 1 : 2); k++)
        {
          gint64 when = g->now + rng_between (r, 3 + 20 * k, 25 + 25 * k) * DAY;

          if (!emit_session (g, r, w, plans, c, when, TRUE, c == CO_PHONE && k == 0))
            return FALSE;
        }
    }
  return TRUE;
}

gboolean
cd_demo_gen_training (Gen *g,
                      Rng *r)
{
  sqlite3_stmt *stmt = NULL, *cert_stmt = NULL;
  SessionWriter w = { NULL, };
  gint64 origin = cd_demo_origin_of (g);
  PlanRow *plans = NULL;
  gboolean ok = TRUE;

  stmt = cd_demo_prepare (g, "INSERT INTO courses (id, title, kind, delivery, hours, description, created_at, updated_at, version) "
                     "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?7, 1)");
  for (int c = 0; ok && stmt != NULL && c < N_COURSES; c++)
    {
      cd_demo_bind_int (stmt, 1, c + 1);
      cd_demo_bind_text (stmt, 2, courses[c].title);
      cd_demo_bind_text (stmt, 3, courses[c].kind);
      cd_demo_bind_text (stmt, 4, courses[c].delivery);
      sqlite3_bind_double (stmt, 5, courses[c].hours);
      cd_demo_bind_text (stmt, 6, courses[c].description);
      cd_demo_bind_int (stmt, 7, origin - 25 * DAY + c * HOUR);
      ok = cd_demo_step_done (g, stmt);
    }
  sqlite3_finalize (stmt);
  if (!ok || g->rc != SQLITE_OK)
    return FALSE;

  stmt = cd_demo_prepare (g, "INSERT INTO certifications (id, name, level, validity_months, description, required_roles, created_at, updated_at, version) "
                     "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?7, 1)");
  for (int c = 0; ok && stmt != NULL && c < N_CERTS; c++)
    {
      cd_demo_bind_int (stmt, 1, c + 1);
      cd_demo_bind_text (stmt, 2, certs[c].name);
      cd_demo_bind_text (stmt, 3, certs[c].level);
      cd_demo_bind_int (stmt, 4, certs[c].validity_months);
      cd_demo_bind_text (stmt, 5, certs[c].description);
      cd_demo_bind_int (stmt, 6, cert_required_roles[c]);
      cd_demo_bind_int (stmt, 7, origin - 24 * DAY + c * HOUR);
      ok = cd_demo_step_done (g, stmt);
    }
  sqlite3_finalize (stmt);
  if (!ok || g->rc != SQLITE_OK)
    return FALSE;

  stmt = cd_demo_prepare (g, "INSERT INTO certification_courses (certification_id, course_id) VALUES (?1, ?2)");
  for (int c = 0; ok && stmt != NULL && c < N_CERTS; c++)
    for (int k = 0; ok && k < 3 && certs[c].courses[k] >= 0; k++)
      {
        cd_demo_bind_int (stmt, 1, c + 1);
        cd_demo_bind_int (stmt, 2, certs[c].courses[k] + 1);
        ok = cd_demo_step_done (g, stmt);
      }
  sqlite3_finalize (stmt);
  stmt = cd_demo_prepare (g, "INSERT INTO certification_categories (certification_id, category_id) VALUES (?1, ?2)");
  for (int c = 0; ok && stmt != NULL && c < N_CERTS; c++)
    for (int k = 0; ok && k < 3 && certs[c].categories[k] >= 0; k++)
      {
        cd_demo_bind_int (stmt, 1, c + 1);
        cd_demo_bind_int (stmt, 2, certs[c].categories[k] + 1);
        ok = cd_demo_step_done (g, stmt);
      }
  sqlite3_finalize (stmt);
  stmt = cd_demo_prepare (g, "INSERT INTO certification_assessments (certification_id, kind) VALUES (?1, ?2)");
  for (int c = 0; ok && stmt != NULL && c < N_CERTS; c++)
    for (int k = 0; ok && k < 3 && cert_assessments[c][k] != NULL; k++)
      {
        cd_demo_bind_int (stmt, 1, c + 1);
        cd_demo_bind_text (stmt, 2, cert_assessments[c][k]);
        ok = cd_demo_step_done (g, stmt);
      }
  sqlite3_finalize (stmt);
  if (!ok || g->rc != SQLITE_OK)
    return FALSE;

  cert_stmt = cd_demo_prepare (g, "INSERT INTO staff_certifications (staff_id, certification_id, issued_at, expires_at, revoked_at, created_at, updated_at, version,"
                                  " issued_by, revoke_reason, revoked_by) "
                                  "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, 1, ?8, ?9, ?10)");
  w.assess = cd_demo_prepare (g, "INSERT INTO assessments (staff_id, course_id, certification_id, kind, score, pass_mark, assessor_id, assessed_at, created_at, updated_at, version) "
                                 "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?9, 1)");
  ok = cert_stmt != NULL && w.assess != NULL && gen_staff_certifications (g, r, cert_stmt, w.assess);
  sqlite3_finalize (cert_stmt);
  if (!ok)
    goto out;

  plans = g_new0 (PlanRow, g->n_staff);
  decide_plans (g, r, plans);

  w.session = cd_demo_prepare (g, "INSERT INTO training_sessions (id, course_id, starts_at, ends_at, trainer_id, place, capacity, created_at, updated_at, version) "
                                  "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?8, 1)");
  w.enrol = cd_demo_prepare (g, "INSERT INTO enrolments (session_id, staff_id, attendance, created_at, updated_at, version, waiting) "
                                "VALUES (?1, ?2, ?3, ?4, ?5, 1, ?6)");
  ok = w.session != NULL && w.enrol != NULL && gen_sessions (g, r, &w, plans);
  if (!ok)
    goto out;

  ok = write_plans (g, r, plans);

out:
  g_free (plans);
  sqlite3_finalize (w.session);
  sqlite3_finalize (w.enrol);
  sqlite3_finalize (w.assess);
  return ok && g->rc == SQLITE_OK;
}
