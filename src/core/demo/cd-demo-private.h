/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* What the parts of the demo generator share: cd-demo.c (the database,
 * its settings and calendar, staff, knowledge base, and the public API),
 * cd-demo-words.c (the made-up names, places and texts),
 * cd-demo-customers.c, cd-demo-tickets.c, cd-demo-complaints.c (with
 * their follow-ups), cd-demo-training.c and cd-demo-knowledge.c. */

#include <glib.h>
#include <sqlite3.h>

#include "cd-demo.h"
#include "cd-sla.h"
#include "cd-store.h"

G_BEGIN_DECLS

/* The demo company: a support team in Shanghai that sells consumer
 * electronics to people and businesses in China and abroad. Everything
 * below is made up; names, numbers and addresses only look real.
 *
 * Determinism: every random choice comes from the small generator below,
 * seeded from the caller's seed, and every date is computed from the
 * caller's @now with integer arithmetic in the office's fixed UTC+8 (China
 * has no daylight saving), so the same seed and now give the same rows. The
 * stored content is never translated, for the same reason; only messages
 * and progress phrases are. */

/* ---- random numbers (splitmix64) ------------------------------------------ */

typedef struct {
  guint64 s;
} Rng;

static inline guint64
rng_next (Rng *r)
{
  guint64 z = (r->s += G_GUINT64_CONSTANT (0x9E3779B97F4A7C15));

  z = (z ^ (z >> 30)) * G_GUINT64_CONSTANT (0xBF58476D1CE4E5B9);
  z = (z ^ (z >> 27)) * G_GUINT64_CONSTANT (0x94D049BB133111EB);
  return z ^ (z >> 31);
}

/* Independent streams, so that adding a column to one table does not
 * reshuffle every other table. */
static inline void
rng_init (Rng     *r,
          guint32  seed,
          guint64  stream)
{
  r->s = ((guint64) seed << 32) ^ (stream * G_GUINT64_CONSTANT (0xD1B54A32D192ED03)) ^ seed;
  rng_next (r);
}

static inline guint32
rng_below (Rng     *r,
           guint32  n)
{
  return (guint32) (((rng_next (r) >> 32) * (guint64) n) >> 32);
}

static inline guint64
rng_below64 (Rng     *r,
             guint64  n)
{
  return n == 0 ? 0 : (rng_next (r) >> 1) % n;
}

static inline double
rng_unit (Rng *r)
{
  return (double) (rng_next (r) >> 11) * (1.0 / 9007199254740992.0);
}

static inline gboolean
rng_chance (Rng    *r,
            double  p)
{
  return rng_unit (r) < p;
}

/* Uniform in [lo, hi]. */
static inline gint64
rng_between (Rng    *r,
             gint64  lo,
             gint64  hi)
{
  if (hi <= lo)
    return lo;
  return lo + (gint64) ((rng_next (r) >> 1) % (guint64) (hi - lo + 1));
}

/* Index into @weights, chosen in proportion to the weights. */
static inline guint
rng_weighted (Rng         *r,
              const guint *weights,
              guint        n)
{
  guint sum = 0;
  guint x;

  for (guint i = 0; i < n; i++)
    sum += weights[i];
  x = rng_below (r, sum);
  for (guint i = 0; i < n; i++)
    {
      if (x < weights[i])
        return i;
      x -= weights[i];
    }
  return n - 1;
}

/* Functions, not macros: their arguments are often random draws, which
 * MIN() and MAX() would evaluate twice. */
static inline gint64
min64 (gint64 a,
       gint64 b)
{
  return a < b ? a : b;
}

static inline gint64
max64 (gint64 a,
       gint64 b)
{
  return a > b ? a : b;
}

/* @hi wins when the bounds cross. */
static inline gint64
clamp64 (gint64 x,
         gint64 lo,
         gint64 hi)
{
  return x > hi ? hi : x < lo ? lo : x;
}

#define PICK(r, array) ((array)[rng_below ((r), G_N_ELEMENTS (array))])
#define PICK_W(r, weights) rng_weighted ((r), (weights), G_N_ELEMENTS (weights))

/* ---- time in the office ---------------------------------------------------- */

#define MINUTE 60
#define HOUR   3600
#define DAY    G_GINT64_CONSTANT (86400)
#define OFFICE_UTC_OFFSET (8 * HOUR)
#define OFFICE_TIMEZONE "Asia/Shanghai"
#define OFFICE_WEEK "09:00-18:00;09:00-18:00;09:00-18:00;09:00-18:00;09:00-18:00;;"
#define OPENS  (9 * HOUR)
#define CLOSES (18 * HOUR)

static inline gint64
floor_div (gint64 a,
           gint64 b)
{
  gint64 q = a / b;

  if ((a % b != 0) && ((a < 0) != (b < 0)))
    q--;
  return q;
}

static inline gint64
local_day (gint64 t)
{
  return floor_div (t + OFFICE_UTC_OFFSET, DAY);
}

static inline gint64
day_start (gint64 day)
{
  return day * DAY - OFFICE_UTC_OFFSET;
}

static inline gint64
local_secs (gint64 t)
{
  return t - day_start (local_day (t));
}

/* Monday is 0; 1970-01-01 was a Thursday. */
static inline int
weekday_of (gint64 day)
{
  return (int) (day + 3 - floor_div (day + 3, 7) * 7);
}

/* Proleptic Gregorian days since 1970-01-01 and back. */
static inline gint64
days_from_civil (int y,
                 int m,
                 int d)
{
  gint64 era, yoe, doy, doe;

  y -= m <= 2;
  era = floor_div (y, 400);
  yoe = y - era * 400;
  doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

static inline void
civil_from_days (gint64  z,
                 int    *y,
                 int    *m,
                 int    *d)
{
  gint64 era, doe, yoe, doy, mp;

  z += 719468;
  era = floor_div (z, 146097);
  doe = z - era * 146097;
  yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  mp = (5 * doy + 2) / 153;
  *d = (int) (doy - (153 * mp + 2) / 5 + 1);
  *m = (int) (mp < 10 ? mp + 3 : mp - 9);
  *y = (int) (yoe + era * 400 + (*m <= 2));
}

static inline int
days_in_month (int y,
               int m)
{
  static const int days[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
  gboolean leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;

  return m == 2 && leap ? 29 : days[m - 1];
}

static inline gint64
office_time (int y,
             int m,
             int d,
             int hh,
             int mm)
{
  return day_start (days_from_civil (y, m, d)) + hh * HOUR + mm * MINUTE;
}

static inline int
office_year (gint64 t)
{
  int y, m, d;

  civil_from_days (local_day (t), &y, &m, &d);
  return y;
}

static inline int
office_month (gint64 t)
{
  int y, m, d;

  civil_from_days (local_day (t), &y, &m, &d);
  return m;
}

/* Same wall-clock time @months later (earlier when negative); the day of
 * the month is clamped, so Jan 31 + 1 month is Feb 28/29. */
static inline gint64
add_months (gint64 t,
            int    months)
{
  gint64 day = local_day (t);
  gint64 secs = t - day_start (day);
  gint64 index;
  int y, m, d, ny, nm;

  civil_from_days (day, &y, &m, &d);
  index = (gint64) y * 12 + (m - 1) + months;
  ny = (int) floor_div (index, 12);
  nm = (int) (index - (gint64) ny * 12) + 1;
  d = MIN (d, days_in_month (ny, nm));
  return day_start (days_from_civil (ny, nm, d)) + secs;
}

/* ---- the made-up world ----------------------------------------------------- */

typedef struct {
  const char *han;
  const char *pinyin;
} Han;

/* Most frequent first: picks are skewed towards the start. */
extern const Han surnames[52];

extern const Han given_one[40];

extern const Han given_two[40];

typedef struct {
  const char *name;
  const char *ascii;
} Latin;

extern const Latin first_names[44];

extern const Latin last_names[56];

typedef struct {
  const char *han;        /* 上海 */
  const char *latin;      /* Shanghai */
  const char *area_code;  /* 021 */
  const char *districts[4];
  const char *districts_latin[4];
} City;

extern const City cities[10];

extern const Han roads[12];

extern const char *const cn_mobile_prefixes[28];

extern const char *const cn_mail_domains[6];

/* Where a customer lives, which decides name, phone, address and mail. */
typedef enum {
  LOC_CHINA,     /* Chinese name, Chinese address */
  LOC_EXPAT,     /* Latin name living in China */
  LOC_UK,
  LOC_US,
  LOC_DE,
  LOC_AU,
  LOC_SG,
  LOC_FR,
  N_LOCALES
} Locale;

extern const guint latin_locale_weights[8];

extern const char *const intl_mail_domains[6];

extern const char *const org_cores_han[16];
extern const char *const org_cores_pinyin[16];
extern const char *const org_trades_han[10];
extern const char *const org_suffix_han[4];

extern const char *const org_cores_latin[16];
extern const char *const org_trades_latin[10];

typedef struct {
  const char *en;
  const char *zh;
} Text;

extern const Text products[10];

/* ---- ticket categories and their texts ----------------------------------------
 * Tokens filled in: {p} product, {o} order, {i} invoice, {a} amount,
 * {t} tracking number, {e} error code. */

enum {
  CAT_BILLING, CAT_DELIVERY, CAT_TECHNICAL, CAT_ACCOUNT, CAT_RETURNS,
  CAT_DEFECT, CAT_GENERAL, N_CATEGORIES
};

extern const char *const category_names[N_CATEGORIES];
extern const guint category_weights[N_CATEGORIES];
extern const int category_min_coverage[N_CATEGORIES];

extern const Text subjects[N_CATEGORIES][6];

extern const Text descriptions[N_CATEGORIES][4];

extern const Text openers[5];

extern const Text closers[6];

extern const Text public_notes[5];

extern const Text calls[4];

extern const Text internal_notes[5];

extern const Text resolutions_notes[4];

extern const Text satisfaction_comments[4];

extern const Text escalation_targets[4];

extern const Text escalation_reasons[4];

/* ---- complaints ------------------------------------------------------------- */

enum {
  CC_DELIVERY, CC_QUALITY, CC_ATTITUDE, CC_BILLING, CC_REFUND, CC_INSTALLATION, N_COMPLAINT_CATS
};

extern const char *const complaint_categories[N_COMPLAINT_CATS];

/* Which complaint category a ticket of each category leads to. */
extern const int complaint_cat_for_ticket[N_CATEGORIES];

extern const Text complaint_summaries[N_COMPLAINT_CATS][3];

extern const Text complaint_details[4];

extern const Text complaint_resolutions[4];

extern const Text compensations[4];

extern const Text followup_notes_done[4];

extern const Text followup_notes_planned[4];

extern const Text followup_notes_missed;
extern const Text followup_notes_cancelled;

/* ---- staff ------------------------------------------------------------------- */

typedef struct {
  const char *name;
  const char *login;
  gboolean    zh;
} StaffSeed;

/* The first three become the other lead, the trainer and the admin. */
extern const StaffSeed staff_pool[34];

#define MIN_STAFF 5
/* Beyond the pool, made-up colleagues are named from the name lists. */
#define MAX_STAFF ((guint64) CD_DEMO_MAX_STAFF)
#define TEAM_NAME "Customer care"
#define STAFF_MAIL_DOMAIN "caredesk-demo.example"

/* ---- training ------------------------------------------------------------------ */

typedef struct {
  const char *title;
  const char *kind;
  const char *delivery;
  double      hours;
  const char *description;
} CourseSeed;

enum {
  CO_PRODUCT_BASICS, CO_BILLING_SYSTEM, CO_TECH_BASICS, CO_TECH_ADVANCED, CO_PHONE,
  CO_COMPLAINTS, CO_EMAILS, CO_CONSUMER_LAW, CO_ECOMMERCE, CO_PRIVACY, CO_CULTURE,
  CO_RETURNS_POLICY, N_COURSES
};

extern const CourseSeed courses[N_COURSES];

typedef struct {
  const char *name;
  const char *level;
  int         validity_months;
  const char *description;
  int         courses[3];      /* -1 terminated */
  int         categories[3];   /* -1 terminated */
} CertSeed;

enum { CE_BILLING, CE_TECH_L1, CE_TECH_L2, CE_COMPLAINTS, CE_PRIVACY, N_CERTS };

extern const CertSeed certs[N_CERTS];

/* Which certifications qualify for a ticket category (bit per CE_*). */
static inline guint
category_cert_mask (int category)
{
  switch (category)
    {
    case CAT_BILLING:   return 1u << CE_BILLING;
    case CAT_TECHNICAL: return (1u << CE_TECH_L1) | (1u << CE_TECH_L2);
    case CAT_DEFECT:    return 1u << CE_TECH_L2;
    default:            return 0;
    }
}

extern const char *const status_nick[5];
extern const char *const priority_nick[4];
extern const char *const channel_nick[5];

/* ---- the generator ----------------------------------------------------------- */

typedef struct {
  gint64      id;
  const char *login;
  const char *name;
  CdRole      role;
  gboolean    zh;
  gint64      hired_at;
  guint       certs;     /* CE_* bits held at some time */
} Staff;

typedef struct {
  gint64 id;
  guint32 customer;
  guint8 category;
  gint64 created_at;
} RecentTicket;

#define RECENT_MAX 512

typedef struct {
  sqlite3            *db;
  CdSlaCalendar      *cal;
  gint64              now;
  guint32             seed;
  CdDemoSize          size;

  CdDemoProgressFunc  progress;
  gpointer            progress_data;
  double              progress_from;
  double              progress_span;
  const char         *progress_what;

  int                 rc;       /* the first SQLite failure */
  char               *errmsg;

  /* closed days of the calendar, one byte per day from hol_first_day */
  gint64              hol_first_day;
  guint               hol_n_days;
  guint8             *hol;
  GPtrArray          *hol_days;  /* 'YYYY-MM-DD' */

  Staff               staff[MAX_STAFF];
  guint               n_staff;
  guint               reps[MAX_STAFF];
  guint               n_reps;
  guint               other_lead;
  guint               trainer;

  /* SLA targets in minutes by priority; the tier override is high/strategic */
  int                 sla_fr[4];
  int                 sla_res[4];
  int                 sla_strategic_fr;
  int                 sla_strategic_res;

  /* customers are decided first and written last, once their first and
   * last contacts are known */
  guint64             n_customers;
  gint64             *cust_created;
  gint64             *cust_first;
  gint64             *cust_last;
  guint8             *cust_tier;
  guint8             *cust_locale;
  guint8             *cust_owner;    /* staff index + 1; 0 = no owner */
  guint32            *key_customers; /* strategic and core, by id */
  guint64             n_key;

  RecentTicket        recent[RECENT_MAX];
  guint               n_recent;
  guint               recent_size;
  guint               recent_next;

  GStringChunk       *extra_names;  /* names of staff beyond the pool */

  guint64             n_events;
  guint               desk_open_tickets;
  guint               desk_showcase;
} Gen;

#define DESK 0  /* the desktop user is always staff[0] */

/* ---- spreading instants over time ---------------------------------------------
 * A warp maps a fraction q in [0, 1) to an instant so that instants fall
 * in each hour in proportion to that hour's weight. Asked for increasing
 * q, it returns increasing instants, so ids follow creation time. */

typedef double (*SlotWeightFunc) (Gen *g, gint64 slot_start, double progress);

typedef struct {
  gint64  start;
  guint   n;
  double *cum;
  guint   cursor;
} Warp;

/* ---- filling in texts ---------------------------------------------------------- */

typedef struct {
  const char *p;
  const char *o;
  const char *i;
  const char *a;
  const char *t;
  const char *e;
} Fill;

static inline const char *
tr (const Text *text,
    gboolean    zh)
{
  return zh ? text->zh : text->en;
}

/* ---- tickets, complaints and follow-ups ------------------------------------------ */

#define NOBODY G_MAXUINT
#define MAX_FOLLOWUPS 32
#define FULL_TIMELINE_DAYS 180
#define MAX_EVENTS 24

typedef struct {
  gint64      at;
  const char *kind;
  guint       author;
  const char *body;
  const char *old_value;
  const char *new_value;
  guint       old_staff;   /* assignment changes name staff ids */
  guint       new_staff;
} Event;

typedef struct {
  Gen          *g;
  Rng          *r;
  sqlite3_stmt *ticket;
  sqlite3_stmt *event;
  sqlite3_stmt *complaint;
  sqlite3_stmt *followup;
  Event         events[MAX_EVENTS];
  guint         n_events;
  guint64       followups_done;   /* written so far */
  int           last_category;
} Batch;

static inline void
cd_demo_bind_text (sqlite3_stmt *stmt,
                   int           col,
                   const char   *text)
{
  if (text != NULL)
    sqlite3_bind_text (stmt, col, text, -1, SQLITE_STATIC);
  else
    sqlite3_bind_null (stmt, col);
}

/* Empty text is stored as NULL: the app shows nothing for either. */
static inline void
cd_demo_bind_text_opt (sqlite3_stmt *stmt,
                       int           col,
                       const char   *text)
{
  cd_demo_bind_text (stmt, col, text != NULL && *text != '\0' ? text : NULL);
}

static inline void
cd_demo_bind_int (sqlite3_stmt *stmt,
                  int           col,
                  gint64        value)
{
  sqlite3_bind_int64 (stmt, col, value);
}

/* 0 is stored as NULL (ids, optional instants). */
static inline void
cd_demo_bind_opt (sqlite3_stmt *stmt,
                  int           col,
                  gint64        value)
{
  if (value != 0)
    sqlite3_bind_int64 (stmt, col, value);
  else
    sqlite3_bind_null (stmt, col);
}

static inline void
cd_demo_touch_customer (Gen    *g,
                        guint32 c,
                        gint64  t)
{
  if (t <= 0 || t > g->now)
    return;
  if (g->cust_first[c] == 0 || t < g->cust_first[c])
    g->cust_first[c] = t;
  if (t > g->cust_last[c])
    g->cust_last[c] = t;
}

/* cd-demo.c */
gboolean
cd_demo_fail_sql (Gen *g,
                  int  rc);
gboolean
cd_demo_exec_sql (Gen        *g,
                  const char *sql);
sqlite3_stmt *
cd_demo_prepare (Gen        *g,
                 const char *sql);
gboolean
cd_demo_step_done (Gen          *g,
                   sqlite3_stmt *stmt);
void
cd_demo_report (Gen    *g,
                double  within);
void
cd_demo_phase (Gen        *g,
               double      from,
               double      to,
               const char *what);
gboolean
cd_demo_is_business_day (Gen    *g,
                         gint64  day);
gint64
cd_demo_snap_forward (Gen    *g,
                      gint64  t);
gint64
cd_demo_snap_back (Gen    *g,
                   gint64  t);
gint64
cd_demo_staff_time (Gen    *g,
                    gint64  t,
                    gint64  lo,
                    gint64  hi);
void
cd_demo_warp_init (Warp           *w,
                   Gen            *g,
                   gint64          start,
                   gint64          end,
                   SlotWeightFunc  weight);
void
cd_demo_warp_clear (Warp *w);
gint64
cd_demo_warp_at (Warp   *w,
                 double  q);
void
cd_demo_fill_append (char       *buf,
                     gsize       size,
                     gsize      *len,
                     const char *tpl,
                     const Fill *f);
void
cd_demo_append (char       *buf,
                gsize       size,
                gsize      *len,
                const char *text);
void
cd_demo_digits (Rng  *r,
                char *out,
                guint n);
void
cd_demo_format_amount (Rng        *r,
                       Locale      loc,
                       gint64      lo,
                       gint64      hi,
                       char       *out,
                       gsize       size);
gint64
cd_demo_origin_of (Gen *g);
guint
cd_demo_pick_assignee (Gen    *g,
                       Rng    *r,
                       gint64  t,
                       guint   wanted);

/* cd-demo-customers.c */
void
cd_demo_plan_customers (Gen *g,
                        Rng *r);
gboolean
cd_demo_gen_customers (Gen *g,
                       Rng *r);

/* cd-demo-tickets.c */
void
cd_demo_ticket_fill (Rng    *r,
                     Locale  loc,
                     gboolean zh,
                     gint64  created,
                     Fill   *f,
                     char    bufs[6][48]);
gboolean
cd_demo_gen_activity (Gen *g,
                      Rng *r);

/* cd-demo-complaints.c */
gboolean
cd_demo_emit_complaint (Batch  *b,
                        guint64 j,
                        gint64  t0);

/* cd-demo-training.c */
gboolean
cd_demo_gen_training (Gen *g,
                      Rng *r);

/* cd-demo-knowledge.c: articles and canned replies (before the load's
 * indexes), their links and the search index (after them). */
gboolean
cd_demo_gen_knowledge (Gen *g,
                       Rng *r);
gboolean
cd_demo_link_articles (Gen *g);
gboolean
cd_demo_index_search (Gen     *g,
                      GError **error);

G_END_DECLS
