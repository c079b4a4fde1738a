/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "caredesk-overview"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "cd-change.h"
#include "cd-overview-private.h"
#include "cd-sql-util.h"
#include "cd-training.h"

/* A period and the one before it are read together: they are next to
 * each other, so each table is read once over both, and every row goes
 * to the period its instant falls in. */

typedef struct {
  CdOverviewFigures *now;
  CdOverviewFigures *before;
} Person;

typedef struct {
  CdOverviewPeriod *period;
  CdOverviewClock  *clock;
  gint64            only;      /* the viewer, when they see their own row only */
  GHashTable       *people;    /* gint64 staff id → Person */
  GHashTable       *staff;     /* gint64 staff id → CdOverviewFigures (name and role only) */
  gint64           *day_starts;
  guint             n_days;
} Load;

static void
person_free (gpointer data)
{
  Person *person = data;

  cd_overview_figures_free (person->now);
  cd_overview_figures_free (person->before);
  g_free (person);
}

static void
period_clear (CdOverviewPeriod *period)
{
  g_clear_pointer (&period->total, cd_overview_figures_free);
  g_clear_pointer (&period->total_before, cd_overview_figures_free);
  g_clear_pointer (&period->rows, g_ptr_array_unref);
  g_clear_pointer (&period->rows_before, g_ptr_array_unref);
  g_clear_pointer (&period->days, g_array_unref);
}

CdOverviewPeriod *
cd_overview_period_ref (CdOverviewPeriod *period)
{
  g_return_val_if_fail (period != NULL, NULL);
  return g_atomic_rc_box_acquire (period);
}

void
cd_overview_period_unref (CdOverviewPeriod *period)
{
  if (period != NULL)
    g_atomic_rc_box_release_full (period, (GDestroyNotify) period_clear);
}

static Person *
get_person (Load   *load,
            gint64  staff_id)
{
  Person *person = g_hash_table_lookup (load->people, &staff_id);

  if (person == NULL)
    {
      const CdOverviewFigures *known = g_hash_table_lookup (load->staff, &staff_id);
      const char *name = known != NULL ? known->name
                                       /* Translators: the row of tickets and follow-ups nobody holds */
                                       : (staff_id == 0 ? _("Not assigned") : "?");
      CdRole role = known != NULL ? known->role : CD_ROLE_REP;

      person = g_new0 (Person, 1);
      person->now = cd_overview_figures_new (staff_id, name, role);
      person->before = cd_overview_figures_new (staff_id, name, role);
      g_hash_table_insert (load->people, g_memdup2 (&staff_id, sizeof staff_id), person);
    }
  return person;
}

/* The figures a row at @at of @staff_id adds to: the person's and the
 * team's of the period @at falls in. */
static void
targets (Load                *load,
         gint64               staff_id,
         gint64               at,
         CdOverviewFigures  **person,
         CdOverviewFigures  **team)
{
  Person *p = get_person (load, staff_id);
  gboolean now = at >= load->period->range.start;

  *person = now ? p->now : p->before;
  *team = now ? load->period->total : load->period->total_before;
}

static CdOverviewDay *
day_at (Load   *load,
        gint64  at)
{
  guint lo = 0, hi = load->n_days;

  if (at < load->period->range.start || at >= load->period->range.end || load->n_days == 0)
    return NULL;
  while (hi - lo > 1)
    {
      guint mid = lo + (hi - lo) / 2;

      if (load->day_starts[mid] <= at)
        lo = mid;
      else
        hi = mid;
    }
  return &g_array_index (load->period->days, CdOverviewDay, lo);
}

static gboolean
read_staff (CdStore  *store,
            Load     *load,
            GError  **error)
{
  sqlite3_stmt *stmt;
  int rc;

  stmt = cd_store_prepare (store, "SELECT id, display_name, role, active FROM staff", error);
  if (stmt == NULL)
    return FALSE;
  while ((rc = cd_store_step (store, stmt, error)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      CdRole role = cd_sql_column_enum (stmt, 2, cd_role_from_nick, CD_ROLE_REP);
      CdOverviewFigures *f = cd_overview_figures_new (id, (const char *) sqlite3_column_text (stmt, 1), role);

      g_hash_table_insert (load->staff, g_memdup2 (&id, sizeof id), f);
      /* Everyone who answers customers has a row, even in an empty
       * period; others only when they held something. */
      if (sqlite3_column_int (stmt, 3) != 0 && (role == CD_ROLE_REP || role == CD_ROLE_LEAD) &&
          (load->only == 0 || load->only == id))
        get_person (load, id);
    }
  sqlite3_reset (stmt);
  return rc == SQLITE_DONE;
}

static gboolean read_complaints (CdStore  *store,
                                 Load     *load,
                                 gint64    from,
                                 gint64    to,
                                 GError  **error);

/* Adds what happened at @at to the person's and the team's figures of
 * the period @at falls in, and to its day. */
static void
add_counts (Load                   *load,
            const CdOverviewCounts *counts,
            gint64                  at)
{
  CdOverviewFigures *person, *team;
  CdOverviewDay *day;

  targets (load, counts->staff_id, at, &person, &team);
  cd_overview_figures_add_counts (person, counts);
  cd_overview_figures_add_counts (team, counts);

  day = day_at (load, at);
  if (day != NULL)
    {
      day->handled += counts->v[CD_OVERVIEW_C_HANDLED];
      day->breached += counts->v[CD_OVERVIEW_C_BREACHED];
      day->answered += counts->v[CD_OVERVIEW_C_ANSWERED];
      day->first_response_seconds += counts->v[CD_OVERVIEW_C_FIRST_RESPONSE_SECONDS];
    }
}

/* Tickets resolved in [@from, @to), from the tickets themselves. */
static gboolean
read_handled (CdStore  *store,
              Load     *load,
              gint64    from,
              gint64    to,
              GError  **error)
{
  sqlite3_stmt *stmt;
  int rc;

  stmt = cd_store_prepare (store,
                           "SELECT " CD_OVERVIEW_TICKET_COLUMNS " FROM tickets"
                           " WHERE resolved_at >= ?1 AND resolved_at < ?2 AND (?3 = 0 OR assignee_id = ?3)",
                           error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, from);
  sqlite3_bind_int64 (stmt, 2, to);
  sqlite3_bind_int64 (stmt, 3, load->only);

  while ((rc = cd_store_step (store, stmt, error)) == SQLITE_ROW)
    {
      CdOverviewTicketRow row;
      CdOverviewCounts counts;

      cd_overview_ticket_row_read (stmt, &row);
      if (cd_overview_ticket_handled (load->clock, &row, &counts))
        add_counts (load, &counts, row.resolved_at);
    }
  sqlite3_reset (stmt);
  return rc == SQLITE_DONE;
}

/* Tickets received in [@from, @to), from the tickets themselves. */
static gboolean
read_received (CdStore  *store,
               Load     *load,
               gint64    from,
               gint64    to,
               GError  **error)
{
  sqlite3_stmt *stmt;
  int rc;

  stmt = cd_store_prepare (store,
                           "SELECT " CD_OVERVIEW_TICKET_COLUMNS " FROM tickets"
                           " WHERE created_at >= ?1 AND created_at < ?2 AND (?3 = 0 OR assignee_id = ?3)",
                           error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, from);
  sqlite3_bind_int64 (stmt, 2, to);
  sqlite3_bind_int64 (stmt, 3, load->only);

  while ((rc = cd_store_step (store, stmt, error)) == SQLITE_ROW)
    {
      CdOverviewTicketRow row;
      CdOverviewCounts counts;

      cd_overview_ticket_row_read (stmt, &row);
      cd_overview_ticket_received (&row, &counts);
      add_counts (load, &counts, row.created_at);
    }
  sqlite3_reset (stmt);
  return rc == SQLITE_DONE;
}

/* Follow-ups due in [@from, @to) and by now, from the follow-ups
 * themselves (followups_due). */
static gboolean
read_followups (CdStore  *store,
                Load     *load,
                gint64    from,
                gint64    to,
                GError  **error)
{
  sqlite3_stmt *stmt;
  int rc;

  /* One that is not due yet is neither on time nor late. */
  to = MIN (to, load->period->made_at + 1);
  if (to <= from)
    return TRUE;

  stmt = cd_store_prepare (store,
                           "SELECT due_at, assignee_id, status, done_at"
                           " FROM followups WHERE status IN ('scheduled','done','missed')"
                           " AND due_at >= ?1 AND due_at < ?2 AND (?3 = 0 OR assignee_id = ?3)", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, from);
  sqlite3_bind_int64 (stmt, 2, to);
  sqlite3_bind_int64 (stmt, 3, load->only);

  while ((rc = cd_store_step (store, stmt, error)) == SQLITE_ROW)
    {
      CdOverviewCounts counts;
      gint64 due = sqlite3_column_int64 (stmt, 0);

      if (cd_overview_followup_due (due, sqlite3_column_int64 (stmt, 1),
                                    (const char *) sqlite3_column_text (stmt, 2),
                                    cd_sql_column_int64 (stmt, 3), &counts))
        add_counts (load, &counts, due);
    }
  sqlite3_reset (stmt);
  return rc == SQLITE_DONE;
}

static gint64
floor_hour (gint64 utc)
{
  return utc >= 0 ? utc / 3600 : -((-utc + 3599) / 3600);
}

static gboolean
is_raw_hour (const gint64 *raw,
             guint         n_raw,
             gint64        hour)
{
  for (guint i = 0; i < n_raw; i++)
    if (raw[i] == hour)
      return TRUE;
  return FALSE;
}

/* ?1 ?2: the hours of [@from, @to); ?3 the only person or 0; ?4 the
 * first hour of the period (the one before ends there); ?5 the current
 * hour; ?6 to ?8 the hours read from the records instead. */
static void
bind_hours (sqlite3_stmt *stmt,
            Load         *load,
            gint64        from,
            gint64        to,
            const gint64 *raw,
            guint         n_raw,
            gint64        now_hour)
{
  sqlite3_bind_int64 (stmt, 1, floor_hour (from));
  sqlite3_bind_int64 (stmt, 2, floor_hour (to - 1) + 1);
  sqlite3_bind_int64 (stmt, 3, load->only);
  /* The period starts at a local midnight, on the hour but in a few
   * time zones; an hour it shares with the period before is a raw one. */
  sqlite3_bind_int64 (stmt, 4, floor_hour (load->period->range.start - 1) + 1);
  sqlite3_bind_int64 (stmt, 5, now_hour);
  for (guint i = 0; i < 3; i++)
    sqlite3_bind_int64 (stmt, 6 + i, i < n_raw ? raw[i] : G_MININT64);
}

/* Everything counted in [@from, @to): the summary rows of the whole hours
 * inside, and the tickets and follow-ups of the hours around a boundary
 * that is not on the hour. Follow-ups of the current hour are read from
 * the follow-ups too, as only those due by now count. */
static gboolean
read_counts (CdStore   *store,
             Load      *load,
             gint64     from,
             gint64     to,
             gboolean   from_summaries,
             GError   **error)
{
  const gint64 boundaries[] = { from, load->period->range.start, to };
  gint64 raw[G_N_ELEMENTS (boundaries)];
  guint n_raw = 0;
  gint64 now_hour = floor_hour (load->period->made_at);
  sqlite3_stmt *stmt;
  int rc;

  if (!from_summaries)
    return read_handled (store, load, from, to, error) &&
           read_received (store, load, from, to, error) &&
           read_followups (store, load, from, to, error) &&
           read_complaints (store, load, from, to, error);

  for (guint i = 0; i < G_N_ELEMENTS (boundaries); i++)
    if (boundaries[i] % 3600 != 0 && !is_raw_hour (raw, n_raw, floor_hour (boundaries[i])))
      raw[n_raw++] = floor_hour (boundaries[i]);

  for (guint i = 0; i < n_raw; i++)
    {
      gint64 a = MAX (from, raw[i] * 3600);
      gint64 b = MIN (to, (raw[i] + 1) * 3600);

      if (!read_handled (store, load, a, b, error) ||
          !read_received (store, load, a, b, error) ||
          !read_followups (store, load, a, b, error) ||
          !read_complaints (store, load, a, b, error))
        return FALSE;
    }
  if (!is_raw_hour (raw, n_raw, now_hour) && now_hour * 3600 >= from && now_hour * 3600 < to &&
      !read_followups (store, load, now_hour * 3600, MIN (to, (now_hour + 1) * 3600), error))
    return FALSE;

  /* SQLite adds the hours up: per person and period for the figures,
   * per hour of the period for the days of the charts. Returning the
   * 30 000 rows of a lead's two months one by one took most of the
   * time. Follow-ups of the current hour and later are left out: those
   * due by now were read from the follow-ups above. */
  stmt = cd_store_prepare (store,
                           "SELECT staff_id, hour >= ?4,"
                           " sum (received), sum (received_resolved), sum (handled), sum (answered),"
                           " sum (first_response_seconds), sum (resolution_seconds), sum (first_contact),"
                           " sum (breached), sum (satisfaction_answers), sum (satisfaction_sum),"
                           " sum (CASE WHEN hour >= ?5 THEN 0 ELSE followups_due END),"
                           " sum (CASE WHEN hour >= ?5 THEN 0 ELSE followups_on_time END),"
                           " sum (complaints_strategic), sum (complaints_core), sum (complaints_potential),"
                           " sum (complaints_general)"
                           " FROM overview_hours"
                           " WHERE hour >= ?1 AND hour < ?2 AND (?3 = 0 OR staff_id = ?3) AND hour NOT IN (?6, ?7, ?8)"
                           " GROUP BY staff_id, hour >= ?4", error);
  if (stmt == NULL)
    return FALSE;
  bind_hours (stmt, load, from, to, raw, n_raw, now_hour);
  while ((rc = cd_store_step (store, stmt, error)) == SQLITE_ROW)
    {
      CdOverviewCounts counts;
      CdOverviewFigures *person, *team;

      counts.staff_id = sqlite3_column_int64 (stmt, 0);
      for (int i = 0; i < CD_OVERVIEW_N_COUNTERS; i++)
        counts.v[i] = sqlite3_column_int64 (stmt, 2 + i);
      targets (load, counts.staff_id, sqlite3_column_int (stmt, 1) ? load->period->range.start : from,
               &person, &team);
      cd_overview_figures_add_counts (person, &counts);
      cd_overview_figures_add_counts (team, &counts);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return FALSE;

  stmt = cd_store_prepare (store,
                           "SELECT hour, sum (handled), sum (breached), sum (answered), sum (first_response_seconds)"
                           " FROM overview_hours"
                           " WHERE hour >= ?4 AND hour < ?2 AND (?3 = 0 OR staff_id = ?3) AND hour NOT IN (?6, ?7, ?8)"
                           " GROUP BY hour", error);
  if (stmt == NULL)
    return FALSE;
  bind_hours (stmt, load, from, to, raw, n_raw, now_hour);
  while ((rc = cd_store_step (store, stmt, error)) == SQLITE_ROW)
    {
      CdOverviewDay *day = day_at (load, sqlite3_column_int64 (stmt, 0) * 3600);

      if (day == NULL)
        continue;
      day->handled += sqlite3_column_int64 (stmt, 1);
      day->breached += sqlite3_column_int64 (stmt, 2);
      day->answered += sqlite3_column_int64 (stmt, 3);
      day->first_response_seconds += sqlite3_column_int64 (stmt, 4);
    }
  sqlite3_reset (stmt);
  return rc == SQLITE_DONE;
}

/* Complaints received in [@from, @to), from the complaints themselves
 * (complaints_received_period) and their customers' tiers. */
static gboolean
read_complaints (CdStore  *store,
                 Load     *load,
                 gint64    from,
                 gint64    to,
                 GError  **error)
{
  sqlite3_stmt *stmt;
  int rc;

  stmt = cd_store_prepare (store,
                           "SELECT c.created_at, ifnull (c.owner_id, 0), cu.tier"
                           " FROM complaints c LEFT JOIN customers cu ON cu.id = c.customer_id"
                           " WHERE c.created_at >= ?1 AND c.created_at < ?2"
                           " AND (?3 = 0 OR c.owner_id = ?3)", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, from);
  sqlite3_bind_int64 (stmt, 2, to);
  sqlite3_bind_int64 (stmt, 3, load->only);

  while ((rc = cd_store_step (store, stmt, error)) == SQLITE_ROW)
    {
      CdOverviewCounts counts;
      gint64 at = sqlite3_column_int64 (stmt, 0);

      cd_overview_complaint_received (at, sqlite3_column_int64 (stmt, 1),
                                      (const char *) sqlite3_column_text (stmt, 2), &counts);
      add_counts (load, &counts, at);
    }
  sqlite3_reset (stmt);
  return rc == SQLITE_DONE;
}

static gint64
lookup_index (GArray *array,
              gsize   stride,
              gint64  staff_id)
{
  guint lo = 0, hi = array->len;

  /* Both arrays are by staff id and start with it. */
  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;
      gint64 id = *(const gint64 *) (array->data + mid * stride);

      if (id == staff_id)
        return mid;
      if (id < staff_id)
        lo = mid + 1;
      else
        hi = mid;
    }
  return -1;
}

/* Training hours (sessions attended that started in the period) and
 * certification compliance (as it stood at the period's last instant,
 * or now while it runs), per person listed; the team's figures are
 * those of the people listed together. Tickets nobody holds have no
 * training. */
static gboolean
read_training (CdStore           *store,
               CdOverviewPeriod  *period,
               GError           **error)
{
  const struct {
    const CdOverviewRange *range;
    GPtrArray             *rows;
    CdOverviewFigures     *total;
  } sides[] = {
    { &period->range, period->rows, period->total },
    { &period->previous, period->rows_before, period->total_before },
  };

  for (guint s = 0; s < G_N_ELEMENTS (sides); s++)
    {
      g_autoptr(GArray) hours = NULL;
      g_autoptr(GArray) compliance = NULL;
      CdOverviewFigures *total = sides[s].total;

      hours = cd_training_hours_by_person (store, sides[s].range->start, sides[s].range->end, error);
      if (hours == NULL)
        return FALSE;
      compliance = cd_compliance_by_person (store, MIN (sides[s].range->end - 1, period->made_at), error);
      if (compliance == NULL)
        return FALSE;

      total->training_known = TRUE;
      total->training_hours = 0;
      total->certifications_required = 0;
      total->certifications_current = 0;
      for (guint i = 0; i < sides[s].rows->len; i++)
        {
          CdOverviewFigures *f = g_ptr_array_index (sides[s].rows, i);
          gint64 h, c;

          if (f->staff_id == 0)
            continue;
          f->training_known = TRUE;
          h = lookup_index (hours, sizeof (CdTrainingHours), f->staff_id);
          if (h >= 0)
            f->training_hours = g_array_index (hours, CdTrainingHours, h).hours;
          c = lookup_index (compliance, sizeof (CdPersonCompliance), f->staff_id);
          if (c >= 0)
            {
              f->certifications_required = g_array_index (compliance, CdPersonCompliance, c).n_required;
              f->certifications_current = g_array_index (compliance, CdPersonCompliance, c).n_holding;
            }
          total->training_hours += f->training_hours;
          total->certifications_required += f->certifications_required;
          total->certifications_current += f->certifications_current;
        }
    }
  return TRUE;
}

static gboolean
has_figures (const CdOverviewFigures *f)
{
  return f->received || f->handled || f->followups_due ||
         f->complaints[0] || f->complaints[1] || f->complaints[2] || f->complaints[3];
}

static int
compare_people (gconstpointer a,
                gconstpointer b)
{
  const Person *pa = *(Person * const *) a;
  const Person *pb = *(Person * const *) b;

  /* Nobody's tickets come last. */
  if ((pa->now->staff_id == 0) != (pb->now->staff_id == 0))
    return pa->now->staff_id == 0 ? 1 : -1;
  return g_utf8_collate (pa->now->name, pb->now->name);
}

static void
build_days (Load *load)
{
  CdOverviewPeriod *period = load->period;
  GDate day = period->range.first;

  load->n_days = cd_overview_range_n_days (&period->range);
  load->day_starts = g_new0 (gint64, load->n_days);
  period->days = g_array_sized_new (FALSE, TRUE, sizeof (CdOverviewDay), load->n_days);
  g_array_set_size (period->days, load->n_days);
  for (guint i = 0; i < load->n_days; i++)
    {
      load->day_starts[i] = cd_overview_date_to_utc (&day);
      g_array_index (period->days, CdOverviewDay, i).start = load->day_starts[i];
      g_date_add_days (&day, 1);
    }
}

CdOverviewPeriod *
cd_overview_period_load_counted (CdStore                *store,
                                 const CdOverviewRange  *range,
                                 gboolean                from_tickets,
                                 GError                **error)
{
  g_autoptr(CdOverviewPeriod) period = NULL;
  g_autoptr(GPtrArray) people = NULL;
  CdOverviewClock *clock;
  const char *signature;
  gboolean from_summaries;
  gint64 viewer;
  CdRole role;
  Load load = { 0 };
  gboolean ok = FALSE;
  GHashTableIter iter;
  gpointer value;
  gint64 from, to;

  g_return_val_if_fail (CD_IS_STORE (store), NULL);
  g_return_val_if_fail (range != NULL, NULL);

  viewer = cd_store_get_staff_id (store);
  if (viewer == 0)
    {
      g_set_error_literal (error, CD_STORE_ERROR, CD_STORE_ERROR_PERMISSION,
                           _("Nobody is signed in, so there is nobody to show figures for."));
      return NULL;
    }
  role = cd_store_get_role (store);

  clock = cd_overview_team_clock (store, &signature, error);
  if (clock == NULL)
    return NULL;
  from_summaries = !from_tickets && cd_overview_summary_usable (store, signature, NULL);

  period = g_atomic_rc_box_new0 (CdOverviewPeriod);
  period->range = *range;
  cd_overview_range_previous (range, &period->previous);
  period->made_at = cd_store_now (store);
  period->viewer_id = viewer;
  period->team = role == CD_ROLE_LEAD || role == CD_ROLE_ADMIN;

  load.period = period;
  load.clock = clock;
  load.only = period->team ? 0 : viewer;
  load.people = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, person_free);
  load.staff = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free,
                                      (GDestroyNotify) cd_overview_figures_free);
  build_days (&load);

  {
    const CdOverviewFigures *me = NULL;

    if (!read_staff (store, &load, error))
      goto out;
    me = g_hash_table_lookup (load.staff, &viewer);
    if (period->team)
      {
        /* Translators: the row of the whole team */
        period->total = cd_overview_figures_new (0, _("Team"), CD_ROLE_LEAD);
        period->total_before = cd_overview_figures_new (0, _("Team"), CD_ROLE_LEAD);
      }
    else
      {
        period->total = cd_overview_figures_new (viewer, me != NULL ? me->name : "", role);
        period->total_before = cd_overview_figures_new (viewer, me != NULL ? me->name : "", role);
        get_person (&load, viewer);
      }
  }

  /* Both periods at once: the previous one ends where this one starts. */
  from = MIN (period->previous.start, range->start);
  to = range->end;
  period->from_summaries = from_summaries;
  if (!read_counts (store, &load, from, to, from_summaries, error))
    goto out;

  people = g_ptr_array_new ();
  g_hash_table_iter_init (&iter, load.people);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      Person *person = value;
      const CdOverviewFigures *known = g_hash_table_lookup (load.staff, &person->now->staff_id);
      gboolean listed = known != NULL && (known->role == CD_ROLE_REP || known->role == CD_ROLE_LEAD);

      if (load.only != 0 && person->now->staff_id != load.only)
        continue;
      if (load.only != 0 || listed || has_figures (person->now) || has_figures (person->before))
        g_ptr_array_add (people, person);
    }
  g_ptr_array_sort (people, compare_people);

  period->rows = g_ptr_array_new_with_free_func ((GDestroyNotify) cd_overview_figures_free);
  period->rows_before = g_ptr_array_new_with_free_func ((GDestroyNotify) cd_overview_figures_free);
  for (guint i = 0; i < people->len; i++)
    {
      Person *person = g_ptr_array_index (people, i);

      g_ptr_array_add (period->rows, g_steal_pointer (&person->now));
      g_ptr_array_add (period->rows_before, g_steal_pointer (&person->before));
    }
  if (!read_training (store, period, error))
    goto out;

  ok = TRUE;

out:
  g_clear_pointer (&load.people, g_hash_table_unref);
  g_clear_pointer (&load.staff, g_hash_table_unref);
  g_free (load.day_starts);
  return ok ? g_steal_pointer (&period) : NULL;
}

CdOverviewPeriod *
cd_overview_period_load (CdStore                *store,
                         const CdOverviewRange  *range,
                         GError                **error)
{
  return cd_overview_period_load_counted (store, range, FALSE, error);
}

gboolean
cd_overview_period_find_row (const CdOverviewPeriod   *period,
                             gint64                    staff_id,
                             const CdOverviewFigures **now,
                             const CdOverviewFigures **before)
{
  g_return_val_if_fail (period != NULL, FALSE);

  for (guint i = 0; i < period->rows->len; i++)
    {
      const CdOverviewFigures *f = g_ptr_array_index (period->rows, i);

      if (f->staff_id != staff_id)
        continue;
      if (now != NULL)
        *now = f;
      if (before != NULL)
        *before = g_ptr_array_index (period->rows_before, i);
      return TRUE;
    }
  return FALSE;
}

/* Off the caller's thread ------------------------------------------------- */

typedef struct {
  CdOverviewRange   range;
  CdOverviewPeriod *period;
} LoadJob;

static void
load_job_free (gpointer data)
{
  LoadJob *job = data;

  g_clear_pointer (&job->period, cd_overview_period_unref);
  g_free (job);
}

static gboolean
run_load (CdStore       *store,
          gpointer       data,
          GCancellable  *cancellable,
          GError       **error)
{
  LoadJob *job = data;

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;
  job->period = cd_overview_period_load (store, &job->range, error);
  return job->period != NULL;
}

void
cd_overview_period_load_async (CdStore                *store,
                               const CdOverviewRange  *range,
                               GCancellable           *cancellable,
                               GAsyncReadyCallback     callback,
                               gpointer                user_data)
{
  LoadJob *job;

  g_return_if_fail (CD_IS_STORE (store));
  g_return_if_fail (range != NULL);

  job = g_new0 (LoadJob, 1);
  job->range = *range;
  cd_store_run_async (store, CD_STORE_LANE_READ, run_load, job, load_job_free,
                      cancellable, callback, user_data);
}

CdOverviewPeriod *
cd_overview_period_load_finish (CdStore       *store,
                                GAsyncResult  *result,
                                GError       **error)
{
  LoadJob *job;

  g_return_val_if_fail (CD_IS_STORE (store), NULL);

  job = cd_store_run_get_data (result);
  if (!cd_store_run_finish (store, result, error))
    return NULL;
  return g_steal_pointer (&job->period);
}

const char * const *
cd_overview_get_kinds (void)
{
  static const char * const kinds[] = {
    CD_CHANGE_TICKETS,
    CD_CHANGE_FOLLOWUPS,
    CD_CHANGE_COMPLAINTS,
    CD_CHANGE_STAFF,
    CD_CHANGE_CUSTOMERS,
    CD_CHANGE_SLA_POLICIES,
    CD_CHANGE_CALENDARS,
    CD_CHANGE_HOLIDAYS,
    CD_CHANGE_COURSES,
    CD_CHANGE_SESSIONS,
    CD_CHANGE_ENROLMENTS,
    CD_CHANGE_CERTIFICATIONS,
    CD_CHANGE_STAFF_CERTIFICATIONS,
    CD_CHANGE_PLAN_ITEMS,
    NULL
  };
  return kinds;
}
