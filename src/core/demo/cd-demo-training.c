/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "caredesk-demo"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "cd-customers.h"
#include "cd-demo-private.h"
/* ---- training ----------------------------------------------------------------- */

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

/* One person's record of a certification, with the exam that earned it. */
static gboolean
insert_staff_cert (Gen          *g,
                   Rng          *r,
                   sqlite3_stmt *cert_stmt,
                   sqlite3_stmt *assess_stmt,
                   guint         staff,
                   int           cert,
                   gint64        issued,
                   gint64        revoked)
{
  gint64 expires = add_months (issued, certs[cert].validity_months);
  double pass_mark = cert == CE_PRIVACY ? 60.0 : cert == CE_TECH_L2 ? 80.0 : 70.0;
  const char *kind = cert == CE_COMPLAINTS ? "practical" : "exam";
  guint assessor = cert == CE_COMPLAINTS && staff != g->other_lead ? g->other_lead : g->trainer;
  gint64 exam_at = office_day_at (g, issued - rng_between (r, 2, 12) * DAY, 10, 0);
  double score;

  if (assessor == staff)
    assessor = DESK;
  if (exam_at < g->staff[staff].hired_at)
    exam_at = MIN (g->staff[staff].hired_at + DAY, issued - HOUR);

  /* Some needed a second attempt. */
  if (rng_chance (r, 0.18) && exam_at - 20 * DAY > g->staff[staff].hired_at)
    {
      double failed = pass_mark - 1 - rng_between (r, 0, 25);
      gint64 before = exam_at - rng_between (r, 14, 20) * DAY;

      if (!insert_assessment (g, assess_stmt, staff, -1, cert, kind, failed, pass_mark, assessor, before))
        return FALSE;
    }
  score = pass_mark + rng_between (r, 0, 28);
  score += (double) rng_below (r, 10) / 10.0;
  if (!insert_assessment (g, assess_stmt, staff, -1, cert, kind, fmin (100.0, score), pass_mark, assessor, exam_at))
    return FALSE;
  if (cert == CE_COMPLAINTS)
    {
      /* …and a customer evaluation of real calls. */
      if (!insert_assessment (g, assess_stmt, staff, -1, cert, "customer",
                              4.0 + (double) rng_below (r, 11) / 10.0, 4.0, assessor,
                              MIN (exam_at + DAY, issued - HOUR)))
        return FALSE;
    }

  cd_demo_bind_int (cert_stmt, 1, g->staff[staff].id);
  cd_demo_bind_int (cert_stmt, 2, cert + 1);
  cd_demo_bind_int (cert_stmt, 3, issued);
  cd_demo_bind_int (cert_stmt, 4, expires);
  cd_demo_bind_opt (cert_stmt, 5, revoked);
  cd_demo_bind_int (cert_stmt, 6, issued);
  cd_demo_bind_int (cert_stmt, 7, MAX (issued, revoked));
  g->staff[staff].certs |= 1u << cert;
  return cd_demo_step_done (g, cert_stmt);
}

/* Decides who holds what, and when it runs out: most are valid, some
 * expire within 30 days, some have expired, and one was revoked. The
 * desktop user's "Complaint handling" expires in a few days. */
static gboolean
gen_staff_certifications (Gen          *g,
                          Rng          *r,
                          sqlite3_stmt *cert_stmt,
                          sqlite3_stmt *assess_stmt)
{
  gboolean revoked_done = FALSE;

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
              if (rng_chance (r, 0.45))
                held |= 1u << CE_TECH_L2;
            }
          break;
        case CD_ROLE_ADMIN:
        default:
          break;
        }

      for (int c = 0; c < N_CERTS; c++)
        {
          int months = certs[c].validity_months;
          gint64 target, issued, revoked = 0;
          double u = rng_unit (r);

          if (!(held & (1u << c)))
            continue;

          if (s == DESK && c == CE_COMPLAINTS)
            target = g->now + rng_between (r, 5, 12) * DAY;                    /* expiring */
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
                  !insert_staff_cert (g, r, cert_stmt, assess_stmt, s, c, before, 0))
                return FALSE;
            }
          if (!insert_staff_cert (g, r, cert_stmt, assess_stmt, s, c, issued, revoked))
            return FALSE;
        }
    }
  return TRUE;
}

gboolean
cd_demo_gen_training (Gen *g,
                      Rng *r)
{
  sqlite3_stmt *stmt = NULL, *cert_stmt = NULL, *assess_stmt = NULL, *enrol_stmt = NULL;
  gint64 origin = cd_demo_origin_of (g);
  int year = office_year (g->now);
  gint64 year_start = office_time (year, 1, 6, 10, 0);
  gint64 plan_created = MIN (year_start, g->now - 2 * HOUR);
  gint64 quarter_due[4];
  /* Who must take which course this year (bit per course). */
  guint plan[MAX_STAFF] = { 0 };
  gint64 session_id = 0;
  gboolean ok = TRUE;

  quarter_due[0] = office_time (year, 3, 31, 18, 0);
  quarter_due[1] = office_time (year, 6, 30, 18, 0);
  quarter_due[2] = office_time (year, 9, 30, 18, 0);
  quarter_due[3] = office_time (year, 12, 15, 18, 0);

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

  stmt = cd_demo_prepare (g, "INSERT INTO certifications (id, name, level, validity_months, description, created_at, updated_at, version) "
                     "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?6, 1)");
  for (int c = 0; ok && stmt != NULL && c < N_CERTS; c++)
    {
      cd_demo_bind_int (stmt, 1, c + 1);
      cd_demo_bind_text (stmt, 2, certs[c].name);
      cd_demo_bind_text (stmt, 3, certs[c].level);
      cd_demo_bind_int (stmt, 4, certs[c].validity_months);
      cd_demo_bind_text (stmt, 5, certs[c].description);
      cd_demo_bind_int (stmt, 6, origin - 24 * DAY + c * HOUR);
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
  if (!ok || g->rc != SQLITE_OK)
    return FALSE;

  cert_stmt = cd_demo_prepare (g, "INSERT INTO staff_certifications (staff_id, certification_id, issued_at, expires_at, revoked_at, created_at, updated_at, version) "
                          "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, 1)");
  assess_stmt = cd_demo_prepare (g, "INSERT INTO assessments (staff_id, course_id, certification_id, kind, score, pass_mark, assessor_id, assessed_at, created_at, updated_at, version) "
                            "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?9, 1)");
  ok = cert_stmt != NULL && assess_stmt != NULL && gen_staff_certifications (g, r, cert_stmt, assess_stmt);
  sqlite3_finalize (cert_stmt);
  if (!ok)
    goto out;

  /* This year's plan: everyone renews privacy and culture; reps work on
   * service skills and the products they support. */
  stmt = cd_demo_prepare (g, "INSERT INTO training_plan_items (year, staff_id, course_id, due_at, completed_at, created_at, updated_at, version) "
                     "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, 1)");
  for (guint s = 0; ok && stmt != NULL && s < g->n_staff; s++)
    {
      Staff *st = &g->staff[s];
      guint q = rng_below (r, 4);

      if (st->role == CD_ROLE_ADMIN)
        plan[s] = 1u << CO_PRIVACY;
      else
        plan[s] = (1u << CO_PRIVACY) | (1u << CO_CULTURE);
      if (st->role == CD_ROLE_REP)
        {
          plan[s] |= rng_chance (r, 0.5) ? 1u << CO_PHONE : 1u << CO_EMAILS;
          plan[s] |= (st->certs & (1u << CE_COMPLAINTS)) ? 1u << CO_RETURNS_POLICY : 1u << CO_COMPLAINTS;
          if (st->certs & (1u << CE_TECH_L1))
            plan[s] |= 1u << CO_TECH_ADVANCED;
          if (st->hired_at > g->now - 400 * DAY)
            plan[s] |= 1u << CO_PRODUCT_BASICS;
        }
      else if (st->role == CD_ROLE_LEAD)
        plan[s] |= (1u << CO_CONSUMER_LAW) | (1u << CO_COMPLAINTS);
      else if (st->role == CD_ROLE_TRAINER)
        plan[s] |= (1u << CO_ECOMMERCE) | (1u << CO_CONSUMER_LAW);

      for (int c = 0; ok && c < N_COURSES; c++)
        {
          gint64 due, done = 0;

          if (!(plan[s] & (1u << c)))
            continue;
          due = quarter_due[q++ % 4];
          if (due <= g->now)
            {
              if (rng_chance (r, 0.85))
                done = clamp64 (due - rng_between (r, 1, 50) * DAY, plan_created + DAY, due - HOUR);
            }
          else if (g->now > plan_created + DAY && rng_chance (r, 0.35))
            done = rng_between (r, plan_created + DAY, g->now - HOUR);
          if (done != 0)
            done = MAX (done, plan_created + HOUR);
          cd_demo_bind_int (stmt, 1, year);
          cd_demo_bind_int (stmt, 2, st->id);
          cd_demo_bind_int (stmt, 3, c + 1);
          cd_demo_bind_int (stmt, 4, due);
          cd_demo_bind_opt (stmt, 5, done);
          cd_demo_bind_int (stmt, 6, plan_created);
          cd_demo_bind_int (stmt, 7, MAX (done, plan_created));
          ok = cd_demo_step_done (g, stmt);
        }
    }
  sqlite3_finalize (stmt);
  if (!ok || g->rc != SQLITE_OK)
    goto out;

  /* Sessions over the past year and the coming weeks, with who came. */
  stmt = cd_demo_prepare (g, "INSERT INTO training_sessions (id, course_id, starts_at, ends_at, trainer_id, place, capacity, created_at, updated_at, version) "
                     "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?8, 1)");
  enrol_stmt = cd_demo_prepare (g, "INSERT INTO enrolments (session_id, staff_id, attendance, created_at, updated_at, version) "
                           "VALUES (?1, ?2, ?3, ?4, ?5, 1)");
  for (int c = 0; ok && stmt != NULL && enrol_stmt != NULL && c < N_COURSES; c++)
    {
      const CourseSeed *co = &courses[c];
      gboolean external = strcmp (co->delivery, "external") == 0;
      gboolean online = strcmp (co->delivery, "online") == 0;
      int n_sessions = external ? 2 : 3;

      for (int k = 0; ok && k < n_sessions; k++)
        {
          gboolean upcoming = k == n_sessions - 1;
          gint64 when = upcoming ? g->now + rng_between (r, 3, 45) * DAY
                                 : g->now - rng_between (r, 20 + 150 * k, 160 + 150 * k) * DAY;
          gint64 starts, ends, created;
          guint trainer = rng_chance (r, 0.8) ? g->trainer : g->other_lead;
          char place[128];
          int capacity;
          guint enrolled = 0;

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
          created = max64 (origin, min64 (starts - rng_between (r, 10, 30) * DAY, g->now - DAY));
          if (online)
            {
              g_snprintf (place, sizeof place, "https://meet.%s/course-%d-%d", STAFF_MAIL_DOMAIN, c + 1, k + 1);
              capacity = 30;
            }
          else if (external)
            {
              g_snprintf (place, sizeof place, "%s", k % 2 == 0 ? "上海市消费者权益保护委员会培训中心（静安区）"
                                                                 : "Shanghai Customer Service Association, Xuhui");
              capacity = 6 + (int) rng_below (r, 5);
            }
          else
            {
              g_snprintf (place, sizeof place, "%s", rng_chance (r, 0.5) ? "3楼培训室 Training room 3F" : "长江会议室 Meeting room Yangtze");
              capacity = 12 + (int) rng_below (r, 9);
            }

          session_id++;
          cd_demo_bind_int (stmt, 1, session_id);
          cd_demo_bind_int (stmt, 2, c + 1);
          cd_demo_bind_int (stmt, 3, starts);
          cd_demo_bind_int (stmt, 4, ends);
          cd_demo_bind_opt (stmt, 5, external ? 0 : g->staff[trainer].id);
          cd_demo_bind_text (stmt, 6, place);
          if (online && rng_chance (r, 0.5))
            sqlite3_bind_null (stmt, 7);
          else
            cd_demo_bind_int (stmt, 7, capacity);
          cd_demo_bind_int (stmt, 8, created);
          ok = cd_demo_step_done (g, stmt);

          for (guint s = 0; ok && s < g->n_staff && enrolled < (guint) capacity; s++)
            {
              gboolean wanted = (plan[s] & (1u << c)) != 0;
              const char *attendance = NULL;
              gint64 enrolled_at = min64 (created + rng_between (r, 0, 5) * DAY, MAX (created, g->now - HOUR));
              gint64 updated = enrolled_at;

              if (s == trainer && !external)
                continue;
              if (!(wanted ? rng_chance (r, 0.55) : rng_chance (r, 0.12)))
                continue;
              if (g->staff[s].hired_at > starts)
                continue;
              if (!upcoming)
                {
                  guint a = rng_below (r, 100);

                  attendance = a < 85 ? "attended" : a < 93 ? "absent" : "excused";
                  updated = max64 (enrolled_at, min64 (ends + rng_between (r, 1, 48) * HOUR, g->now));
                }
              cd_demo_bind_int (enrol_stmt, 1, session_id);
              cd_demo_bind_int (enrol_stmt, 2, g->staff[s].id);
              cd_demo_bind_text (enrol_stmt, 3, attendance);
              cd_demo_bind_int (enrol_stmt, 4, enrolled_at);
              cd_demo_bind_int (enrol_stmt, 5, updated);
              ok = cd_demo_step_done (g, enrol_stmt);
              enrolled++;

              /* A short test after some courses. */
              if (ok && attendance != NULL && strcmp (attendance, "attended") == 0 && rng_chance (r, 0.4))
                {
                  double pass = 60.0;
                  double score = rng_chance (r, 0.9) ? pass + rng_between (r, 0, 40) : pass - rng_between (r, 1, 20);
                  const char *kind = rng_chance (r, 0.7) ? "exam" : "practical";
                  gint64 at = min64 (ends + rng_between (r, 0, 2) * DAY, g->now - HOUR);

                  ok = insert_assessment (g, assess_stmt, s, c, -1, kind, MIN (score, 100.0), pass,
                                          online || external ? g->trainer : trainer, at);
                }
            }
        }
    }

out:
  sqlite3_finalize (stmt);
  sqlite3_finalize (enrol_stmt);
  sqlite3_finalize (assess_stmt);
  return ok && g->rc == SQLITE_OK;
}
