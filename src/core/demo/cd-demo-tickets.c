/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "caredesk-demo"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "cd-customers.h"
#include "cd-demo-private.h"
/* ---- tickets ----------------------------------------------------------------- */

static double
season (gint64 t)
{
  switch (office_month (t))
    {
    case 11: return 1.35;  /* Singles' Day orders */
    case 12: return 1.1;
    case 2:  return 0.85;  /* Spring Festival */
    default: return 1.0;
    }
}

static double
ticket_slot_weight (Gen    *g,
                    gint64  t,
                    double  progress)
{
  gint64 day = local_day (t);
  gint64 h = (t - day_start (day)) / HOUR;
  double w;

  if (cd_demo_is_business_day (g, day))
    {
      if (h >= 9 && h < 18)
        w = h == 12 ? 7.0 : 10.0;
      else if (h == 8 || (h >= 18 && h < 21))
        w = 3.0;
      else
        w = 0.5;
    }
  else
    w = (h >= 9 && h < 21) ? 2.0 : 0.3;

  /* The business grows: more tickets now than two years ago. */
  return w * season (t) * (0.65 + 0.7 * progress);
}

static Event *
add_event (Batch      *b,
           gint64      at,
           const char *kind,
           guint       author,
           const char *body,
           const char *old_value,
           const char *new_value)
{
  Event *e;

  if (b->n_events == MAX_EVENTS)
    return NULL;
  e = &b->events[b->n_events++];
  e->at = at;
  e->kind = kind;
  e->author = author;
  e->body = body;
  e->old_value = old_value;
  e->new_value = new_value;
  e->old_staff = NOBODY;
  e->new_staff = NOBODY;
  return e;
}

static gboolean
flush_events (Batch  *b,
              gint64  ticket_id)
{
  Gen *g = b->g;

  /* Insertion sort keeps events of the same instant in the order they
   * were added (a status change after the note that caused it). */
  for (guint i = 1; i < b->n_events; i++)
    {
      Event tmp = b->events[i];
      guint k = i;

      while (k > 0 && b->events[k - 1].at > tmp.at)
        {
          b->events[k] = b->events[k - 1];
          k--;
        }
      b->events[k] = tmp;
    }

  for (guint i = 0; i < b->n_events; i++)
    {
      Event *e = &b->events[i];
      char old_id[24], new_id[24];

      cd_demo_bind_int (b->event, 1, ticket_id);
      cd_demo_bind_text (b->event, 2, e->kind);
      cd_demo_bind_opt (b->event, 3, e->author == NOBODY ? 0 : g->staff[e->author].id);
      cd_demo_bind_text_opt (b->event, 4, e->body);
      if (e->old_staff != NOBODY)
        {
          g_snprintf (old_id, sizeof old_id, "%" G_GINT64_FORMAT, g->staff[e->old_staff].id);
          cd_demo_bind_text (b->event, 5, old_id);
        }
      else
        cd_demo_bind_text (b->event, 5, e->old_value);
      if (e->new_staff != NOBODY)
        {
          g_snprintf (new_id, sizeof new_id, "%" G_GINT64_FORMAT, g->staff[e->new_staff].id);
          cd_demo_bind_text (b->event, 6, new_id);
        }
      else
        cd_demo_bind_text (b->event, 6, e->new_value);
      cd_demo_bind_int (b->event, 7, e->at);
      if (!cd_demo_step_done (g, b->event))
        return FALSE;
    }
  g->n_events += b->n_events;
  b->n_events = 0;
  return TRUE;
}

void
cd_demo_ticket_fill (Rng    *r,
                     Locale  loc,
                     gboolean zh,
                     gint64  created,
                     Fill   *f,
                     char    bufs[6][48])
{
  int y, m, d;

  civil_from_days (local_day (created), &y, &m, &d);
  f->p = zh ? PICK (r, products).zh : PICK (r, products).en;
  g_snprintf (bufs[0], 48, "SO%02d%02d%02d%04u", y % 100, m, d, rng_below (r, 10000));
  g_snprintf (bufs[1], 48, "INV-%04d-%06u", y, rng_below (r, 1000000));
  cd_demo_format_amount (r, loc, 15, 900, bufs[2], 48);
  if (loc == LOC_CHINA || loc == LOC_EXPAT)
    {
      cd_demo_digits (r, bufs[3] + 2, 12);
      bufs[3][0] = 'S';
      bufs[3][1] = 'F';
    }
  else
    {
      cd_demo_digits (r, bufs[3] + 2, 16);
      bufs[3][0] = '1';
      bufs[3][1] = 'Z';
    }
  g_snprintf (bufs[4], 48, "E%u", 10 + rng_below (r, 90));
  f->o = bufs[0];
  f->i = bufs[1];
  f->a = bufs[2];
  f->t = bufs[3];
  f->e = bufs[4];
}

static guint
pick_status (Rng    *r,
             gint64  age)
{
  if (age < DAY)
    {
      static const guint w[] = { 30, 40, 10, 20, 0 };
      return PICK_W (r, w);
    }
  if (age < 7 * DAY)
    {
      static const guint w[] = { 5, 25, 15, 40, 15 };
      return PICK_W (r, w);
    }
  if (age < 30 * DAY)
    {
      static const guint w[] = { 1, 4, 4, 11, 80 };
      return PICK_W (r, w);
    }
  {
    /* A few old tickets are stuck: the backlog every team has. */
    static const guint w[] = { 5, 30, 20, 45, 9900 };
    return PICK_W (r, w);
  }
}

static gboolean
emit_ticket (Batch        *b,
             gint64        id,
             gint64        created,
             guint32       customer)
{
  static const guint priority_weights[] = { 20, 55, 20, 5 };
  static const guint channel_weights[] = { 35, 28, 27, 4, 6 };
  Gen *g = b->g;
  Rng *r = b->r;
  Locale loc = (Locale) g->cust_locale[customer];
  CdTier tier = (CdTier) g->cust_tier[customer];
  gboolean zh = loc == LOC_CHINA ? rng_chance (r, 0.95) : (loc == LOC_EXPAT && rng_chance (r, 0.1));
  int category = (int) PICK_W (r, category_weights);
  guint priority = PICK_W (r, priority_weights);
  guint channel = PICK_W (r, channel_weights);
  guint status = pick_status (r, g->now - created);
  gboolean open_status, fcr = FALSE, full;
  int fr_minutes, res_minutes;
  gint64 fr = 0, resolved = 0, closed = 0, ps = 0, pe = 0, pending_since = 0, paused = 0;
  gint64 sat_at = 0, esc_at = 0, esc_due = 0, end, updated;
  guint assignee = NOBODY, creator;
  guint reopen = 0, extras = 0, interactions = 1;
  int satisfaction = 0;
  const char *sat_comment = NULL, *esc_to = NULL, *esc_reason = NULL;
  CdSlaClock clock;
  char subject[256], description[1024];
  char fbufs[6][48];
  Fill fill;
  gsize len;

  b->last_category = category;
  if (tier <= CD_TIER_CORE && priority == CD_PRIORITY_LOW)
    priority = CD_PRIORITY_NORMAL;
  if (priority == CD_PRIORITY_HIGH && tier == CD_TIER_STRATEGIC)
    {
      fr_minutes = g->sla_strategic_fr;
      res_minutes = g->sla_strategic_res;
    }
  else
    {
      fr_minutes = g->sla_fr[priority];
      res_minutes = g->sla_res[priority];
    }

  /* First response: phone and desk contacts are answered in the contact
   * itself; the rest within the target, and some late. */
  if (status != CD_TICKET_NEW)
    {
      if (channel == CD_CHANNEL_PHONE || channel == CD_CHANNEL_IN_PERSON)
        fr = created + rng_between (r, 30, 240);
      else if (channel == CD_CHANNEL_CHAT && rng_chance (r, 0.7))
        fr = created + rng_between (r, 30, 900);
      else
        {
          double f = rng_chance (r, 0.08) ? 1.05 + 2.0 * rng_unit (r) : 0.05 + 0.85 * rng_unit (r);
          fr = cd_sla_add_business_seconds (g->cal, created, (gint64) (f * fr_minutes * 60));
        }
      if (fr > g->now - MINUTE)
        {
          status = CD_TICKET_NEW;
          fr = 0;
        }
    }

  if (status == CD_TICKET_RESOLVED || status == CD_TICKET_CLOSED)
    {
      fcr = rng_chance (r, channel == CD_CHANNEL_PHONE || channel == CD_CHANNEL_CHAT ? 0.45 : 0.25);
      if (fcr)
        resolved = fr + rng_between (r, 2 * MINUTE, 20 * MINUTE);
      else
        {
          double f = rng_chance (r, 0.1) ? 1.05 + 1.5 * rng_unit (r) : 0.1 + 0.85 * rng_unit (r);

          if (rng_chance (r, 0.2))
            {
              ps = cd_demo_staff_time (g, fr + rng_between (r, 10 * MINUTE, DAY), fr + MINUTE, g->now - MINUTE);
              pe = ps + rng_between (r, 2 * HOUR, 3 * DAY);
              paused = cd_sla_business_seconds_between (g->cal, ps, pe);
            }
          resolved = cd_sla_add_business_seconds (g->cal, created, (gint64) (f * res_minutes * 60) + paused);
          if (resolved <= MAX (fr, pe))
            resolved = MAX (fr, pe) + rng_between (r, 10 * MINUTE, 4 * HOUR);
        }
      if (resolved > g->now - 5 * MINUTE)
        {
          /* Not done yet after all. */
          fcr = FALSE;
          resolved = 0;
          if (ps != 0 && ps < g->now - MINUTE && pe > g->now)
            {
              status = CD_TICKET_PENDING;
              pending_since = ps;
              paused = 0;
              pe = 0;
            }
          else
            {
              status = CD_TICKET_OPEN;
              if (pe >= g->now - MINUTE)
                ps = pe = paused = 0;
            }
        }
    }
  else if (status == CD_TICKET_OPEN && rng_chance (r, 0.15))
    {
      ps = cd_demo_staff_time (g, fr + rng_between (r, 10 * MINUTE, DAY), fr + MINUTE, g->now - MINUTE);
      pe = ps + rng_between (r, 2 * HOUR, 2 * DAY);
      if (pe < g->now - MINUTE)
        paused = cd_sla_business_seconds_between (g->cal, ps, pe);
      else
        ps = pe = 0;
    }
  else if (status == CD_TICKET_PENDING)
    {
      ps = cd_demo_staff_time (g, fr + (gint64) ((double) (g->now - fr) * (0.1 + 0.8 * rng_unit (r))),
                               fr + MINUTE, g->now - MINUTE);
      pending_since = ps;
    }

  if (status == CD_TICKET_CLOSED)
    {
      /* Closed by the rep within three days, else automatically. */
      closed = resolved + rng_between (r, HOUR, 5 * DAY);
      if (closed - resolved <= 3 * DAY)
        closed = cd_demo_staff_time (g, closed, resolved + MINUTE, MAX (g->now - MINUTE, resolved + MINUTE));
      if (closed > g->now - MINUTE)
        {
          closed = resolved + (gint64) ((double) (g->now - MINUTE - resolved) * rng_unit (r));
          if (closed < resolved + MINUTE)
            {
              status = CD_TICKET_RESOLVED;
              closed = 0;
            }
        }
    }

  open_status = status <= CD_TICKET_PENDING;
  end = resolved != 0 ? resolved : g->now - MINUTE;

  /* Who works on it. */
  if (status == CD_TICKET_NEW && rng_chance (r, 0.6))
    assignee = NOBODY;
  else
    assignee = cd_demo_pick_assignee (g, r, created, category_cert_mask (category));
  if (open_status && assignee != NOBODY && (g->desk_open_tickets < 2 || rng_chance (r, 0.04)))
    assignee = DESK;
  if (open_status && assignee == DESK)
    g->desk_open_tickets++;
  creator = assignee != NOBODY && rng_chance (r, 0.7) ? assignee : cd_demo_pick_assignee (g, r, created, 0);

  if (status != CD_TICKET_NEW && !fcr && ps == 0 && rng_chance (r, 0.04))
    reopen = rng_chance (r, 0.12) ? 2 : 1;
  if (status != CD_TICKET_NEW && !fcr)
    extras = rng_below (r, 3);
  if (status != CD_TICKET_NEW)
    interactions = fcr ? 1 : 2 + extras + reopen + (resolved != 0 ? 1 : 0);

  if (resolved != 0 && rng_chance (r, 0.35))
    {
      static const guint happy[] = { 6, 7, 12, 30, 45 };
      static const guint unhappy[] = { 15, 15, 25, 25, 20 };
      gboolean late = resolved > cd_sla_add_business_seconds (g->cal, created, (gint64) res_minutes * 60 + paused);

      sat_at = resolved + rng_between (r, 10 * MINUTE, 2 * DAY);
      if (sat_at < g->now - MINUTE && (closed == 0 || sat_at < closed))
        {
          satisfaction = 1 + (int) (late || reopen ? PICK_W (r, unhappy) : PICK_W (r, happy));
          if (rng_chance (r, 0.4))
            sat_comment = tr (&satisfaction_comments[satisfaction >= 4 ? (rng_chance (r, 0.5) ? 0 : 2)
                                                                       : (rng_chance (r, 0.5) ? 1 : 3)], zh);
        }
      else
        sat_at = 0;
    }

  if (fr != 0 && rng_chance (r, priority >= CD_PRIORITY_HIGH ? 0.08 : 0.025))
    {
      guint target = rng_below (r, G_N_ELEMENTS (escalation_targets));

      esc_at = cd_demo_staff_time (g, fr + rng_between (r, 30 * MINUTE, DAY), fr + MINUTE, end - 2 * MINUTE);
      if (esc_at > fr && esc_at < end - MINUTE)
        {
          esc_to = tr (&escalation_targets[target], zh);
          esc_reason = tr (&escalation_reasons[target], zh);
          esc_due = cd_demo_snap_forward (g, esc_at + rng_between (r, 4 * HOUR, 2 * DAY));
        }
      else
        esc_at = 0;
    }

  clock = cd_sla_compute (g->cal, created, fr_minutes, res_minutes, paused);

  /* The timeline: every step for the last half year's tickets; for older
   * ones only the first answer, escalations, reopenings and the status
   * changes that ended them, which keeps the benchmark's size within its
   * time budget. */
  full = created >= g->now - FULL_TIMELINE_DAYS * DAY;
  if (!full)
    extras = 0;
  if (assignee != NOBODY && full)
    {
      gint64 at = created + rng_between (r, MINUTE, 30 * MINUTE);
      Event *e;

      if (fr != 0 && at >= fr)
        at = created + (fr - created) / 2;
      else
        at = cd_demo_staff_time (g, at, created + MINUTE, fr != 0 ? fr - MINUTE : g->now - MINUTE);
      at = MIN (at, g->now - MINUTE);
      e = add_event (b, at, "assignment", rng_chance (r, 0.5) ? assignee : (rng_chance (r, 0.5) ? DESK : g->other_lead),
                     NULL, NULL, NULL);
      if (e != NULL)
        e->new_staff = assignee;
    }
  if (fr != 0)
    {
      guint who = assignee != NOBODY ? assignee : creator;
      const char *body = fcr ? tr (&PICK (r, resolutions_notes), zh)
                             : channel == CD_CHANNEL_PHONE || channel == CD_CHANNEL_IN_PERSON
                               ? tr (&PICK (r, calls), zh) : tr (&PICK (r, public_notes), zh);

      add_event (b, fr, channel == CD_CHANNEL_PHONE || channel == CD_CHANNEL_IN_PERSON ? "call" : "note_public",
                 who, body, NULL, NULL);
      if (!fcr)
        add_event (b, fr, "status", who, NULL, "new", "open");
      if (!fcr && full && rng_chance (r, 0.35))
        {
          gint64 at = cd_demo_staff_time (g, fr + (gint64) ((double) (end - fr) * rng_unit (r)), fr, end);

          add_event (b, at, "note_internal", who, tr (&PICK (r, internal_notes), zh), NULL, NULL);
        }
      for (guint k = 0; k < extras; k++)
        {
          gint64 at = cd_demo_staff_time (g, fr + (gint64) ((double) (end - fr) * (0.1 + 0.8 * rng_unit (r))), fr, end);
          gboolean call = rng_chance (r, 0.5);

          add_event (b, at, call ? "call" : "note_public", who,
                     call ? tr (&PICK (r, calls), zh) : tr (&PICK (r, public_notes), zh), NULL, NULL);
        }
      if (ps != 0 && (full || pe == 0))
        {
          add_event (b, ps, "status", who, NULL, "open", "pending");
          if (pe != 0)
            add_event (b, pe, "status", NOBODY, NULL, "pending", "open");
        }
      for (guint k = 0; k < reopen; k++)
        {
          gint64 span = (end - fr) / (2 * (gint64) reopen + 1);

          add_event (b, cd_demo_staff_time (g, fr + span * (2 * k + 1), fr + span * 2 * k + 1, fr + span * (2 * k + 2) - 1),
                     "status", who, NULL, "open", "resolved");
          add_event (b, fr + span * (2 * k + 2), "status", NOBODY, NULL, "resolved", "open");
        }
      if (esc_at != 0)
        add_event (b, esc_at, "escalation", who, esc_reason, NULL, esc_to);
      if (full && rng_chance (r, 0.04))
        add_event (b, cd_demo_staff_time (g, fr + (gint64) ((double) (end - fr) * rng_unit (r) * 0.5), fr, end), "priority", who, NULL,
                   priority_nick[priority == 0 ? 1 : priority - 1], priority_nick[priority]);
      if (resolved != 0)
        {
          if (!fcr && full)
            add_event (b, resolved - MINUTE, "note_public", who, tr (&PICK (r, resolutions_notes), zh), NULL, NULL);
          add_event (b, resolved, "status", who, NULL, fcr ? "new" : "open", "resolved");
        }
      if (sat_at != 0)
        {
          static const char *const scores[] = { "1", "2", "3", "4", "5" };

          add_event (b, sat_at, "satisfaction", NOBODY, sat_comment, NULL, scores[satisfaction - 1]);
        }
      if (closed != 0)
        add_event (b, closed, "status", closed - resolved > 3 * DAY ? NOBODY : who, NULL, "resolved", "closed");
    }

  updated = created;
  for (guint k = 0; k < b->n_events; k++)
    updated = MAX (updated, b->events[k].at);
  updated = MIN (updated, g->now);

  cd_demo_touch_customer (g, customer, created);
  if (fr != 0)
    cd_demo_touch_customer (g, customer, fr);
  if (resolved != 0)
    cd_demo_touch_customer (g, customer, resolved);

  /* Texts. */
  cd_demo_ticket_fill (r, loc, zh, created, &fill, fbufs);
  len = 0;
  cd_demo_fill_append (subject, sizeof subject, &len, tr (&subjects[category][rng_below (r, 6)], zh), &fill);
  len = 0;
  cd_demo_fill_append (description, sizeof description, &len,
                       tr (&openers[channel], zh), &fill);
  if (!zh)
    cd_demo_append (description, sizeof description, &len, " ");
  cd_demo_fill_append (description, sizeof description, &len, tr (&descriptions[category][rng_below (r, 4)], zh), &fill);
  {
    const char *closer = tr (&PICK (r, closers), zh);

    if (*closer != '\0')
      {
        if (!zh)
          cd_demo_append (description, sizeof description, &len, " ");
        cd_demo_append (description, sizeof description, &len, closer);
      }
  }

  cd_demo_bind_int (b->ticket, 1, id);
  cd_demo_bind_int (b->ticket, 2, (gint64) customer + 1);
  cd_demo_bind_text (b->ticket, 3, subject);
  cd_demo_bind_text (b->ticket, 4, description);
  cd_demo_bind_text (b->ticket, 5, channel_nick[channel]);
  cd_demo_bind_int (b->ticket, 6, category + 1);
  cd_demo_bind_text (b->ticket, 7, priority_nick[priority]);
  cd_demo_bind_text (b->ticket, 8, status_nick[status]);
  cd_demo_bind_opt (b->ticket, 9, assignee == NOBODY ? 0 : g->staff[assignee].id);
  cd_demo_bind_int (b->ticket, 10, g->staff[creator].id);
  cd_demo_bind_opt (b->ticket, 11, fr);
  cd_demo_bind_opt (b->ticket, 12, resolved);
  cd_demo_bind_opt (b->ticket, 13, closed);
  cd_demo_bind_opt (b->ticket, 14, pending_since);
  cd_demo_bind_int (b->ticket, 15, paused);
  cd_demo_bind_int (b->ticket, 16, reopen);
  cd_demo_bind_int (b->ticket, 17, interactions);
  cd_demo_bind_int (b->ticket, 18, clock.first_response_due);
  cd_demo_bind_int (b->ticket, 19, clock.resolution_due);
  cd_demo_bind_opt (b->ticket, 20, satisfaction);
  cd_demo_bind_text (b->ticket, 21, sat_comment);
  cd_demo_bind_text (b->ticket, 22, esc_to);
  cd_demo_bind_text (b->ticket, 23, esc_reason);
  cd_demo_bind_opt (b->ticket, 24, esc_due);
  cd_demo_bind_int (b->ticket, 25, created);
  cd_demo_bind_int (b->ticket, 26, updated);
  if (!cd_demo_step_done (g, b->ticket))
    return FALSE;
  return flush_events (b, id);
}

gboolean
cd_demo_gen_activity (Gen *g,
                      Rng *r)
{
  guint64 n = g->size.tickets;
  guint64 n_complaints = g->size.complaints;
  guint64 j = 0;
  guint64 cust_known = 0, key_known = 0;
  Warp warp;
  Batch b = { 0 };
  gboolean ok = TRUE;

  b.g = g;
  b.r = r;
  b.ticket = cd_demo_prepare (g, "INSERT INTO tickets (id, customer_id, subject, description, channel, category_id, priority, status, "
                         "assignee_id, created_by, first_response_at, resolved_at, closed_at, pending_since, paused_seconds, "
                         "reopen_count, interaction_count, first_response_due, resolution_due, satisfaction, satisfaction_comment, "
                         "escalated_to, escalation_reason, escalation_due, created_at, updated_at, version) "
                         "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, "
                         "?21, ?22, ?23, ?24, ?25, ?26, 1)");
  b.event = cd_demo_prepare (g, "INSERT INTO ticket_events (ticket_id, kind, author_id, body, old_value, new_value, created_at) "
                        "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)");
  b.complaint = cd_demo_prepare (g, "INSERT INTO complaints (id, customer_id, ticket_id, summary, details, severity, category, owner_id, "
                            "status, resolution, compensation, closed_at, created_at, updated_at, version) "
                            "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, 1)");
  b.followup = cd_demo_prepare (g, "INSERT INTO followups (complaint_id, due_at, assignee_id, method, status, outcome, satisfaction, "
                           "notes, done_at, created_by, created_at, updated_at, version) "
                           "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, 1)");
  if (b.ticket == NULL || b.event == NULL || b.complaint == NULL || b.followup == NULL)
    {
      ok = FALSE;
      goto out;
    }

  /* A complaint links to a ticket from the last few hours at the
   * benchmark's size, the last few days at small sizes. */
  g->recent_size = (guint) CLAMP (n / 2000, 8, RECENT_MAX);

  cd_demo_warp_init (&warp, g, g->now - 730 * DAY, g->now - 2 * MINUTE, ticket_slot_weight);
  for (guint64 i = 0; ok && i < n; i++)
    {
      gint64 created = cd_demo_warp_at (&warp, ((double) i + rng_unit (r)) / (double) n);
      guint32 customer;

      while (cust_known < g->n_customers && g->cust_created[cust_known] < created)
        cust_known++;
      while (key_known < g->n_key && g->key_customers[key_known] < cust_known)
        key_known++;

      /* Key accounts call far more often than the rest. */
      if (cust_known == 0)
        customer = 0;
      else if (key_known > 0 && rng_chance (r, 0.25))
        customer = g->key_customers[rng_below64 (r, key_known)];
      else
        customer = (guint32) rng_below64 (r, cust_known);

      ok = emit_ticket (&b, (gint64) i + 1, created, customer);

      g->recent[g->recent_next] = (RecentTicket) { (gint64) i + 1, customer, (guint8) b.last_category, created };
      g->recent_next = (g->recent_next + 1) % g->recent_size;
      g->n_recent = MIN (g->n_recent + 1, g->recent_size);

      while (ok && j < n_complaints && j * n < n_complaints * (i + 1))
        {
          ok = cd_demo_emit_complaint (&b, j, min64 (created + rng_between (r, 0, 3 * HOUR), g->now - 2 * MINUTE));
          j++;
        }

      if ((i & 4095) == 0)
        cd_demo_report (g, (double) i / (double) n);
    }
  cd_demo_warp_clear (&warp);

out:
  sqlite3_finalize (b.ticket);
  sqlite3_finalize (b.event);
  sqlite3_finalize (b.complaint);
  sqlite3_finalize (b.followup);
  return ok && g->rc == SQLITE_OK;
}
