/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "caredesk-demo"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "cd-customers.h"
#include "cd-demo-private.h"
/* ---- complaints and follow-ups ------------------------------------------------ */

/* How many customers existed before @t (they are ordered by creation). */
static guint64
customers_before (Gen    *g,
                  gint64  t)
{
  guint64 lo = 0, hi = g->n_customers;

  while (lo < hi)
    {
      guint64 mid = lo + (hi - lo) / 2;

      if (g->cust_created[mid] < t)
        lo = mid + 1;
      else
        hi = mid;
    }
  return lo;
}

/* Writes one complaint with its follow-ups. */
gboolean
cd_demo_emit_complaint (Batch  *b,
                        guint64 j,
                        gint64  t0)
{
  static const guint severity_weights[] = { 60, 32, 8 };
  static const guint method_weights[] = { 60, 15, 5, 20 };
  Gen *g = b->g;
  Rng *r = b->r;
  gint64 age;
  guint32 customer;
  gint64 ticket_id = 0;
  int ccat;
  Locale loc;
  gboolean zh;
  CdSeverity severity;
  CdComplaintStatus status;
  guint owner = NOBODY;
  gboolean showcase = FALSE;
  gint64 ack = 0, resolved_at = 0, closed_at = 0, prev, updated;
  guint desired;
  guint64 target, hi, lo, d;
  gint64 start, limit;
  gint64 due[MAX_FOLLOWUPS];
  gboolean has_planned;
  guint n_past, n_fit;
  gint64 complaint_id = (gint64) j + 1;
  char summary[256], details[512], resolution[256], compensation[128];
  char fbufs[6][48];
  Fill fill;
  gsize len;

  /* Most complaints grow out of a recent ticket of the same customer. */
  if (g->n_recent > 0 && rng_chance (r, 0.6))
    {
      const RecentTicket *rt = &g->recent[rng_below (r, g->n_recent)];

      customer = rt->customer;
      ticket_id = rt->id;
      ccat = complaint_cat_for_ticket[rt->category];
      if (rt->category == CAT_TECHNICAL && rng_chance (r, 0.3))
        ccat = CC_INSTALLATION;
      t0 = max64 (t0, rt->created_at + rng_between (r, 10 * MINUTE, 2 * HOUR));
    }
  else
    {
      guint64 known = customers_before (g, t0);

      customer = known > 0 ? (guint32) rng_below64 (r, known) : 0;
      ccat = (int) rng_below (r, N_COMPLAINT_CATS);
    }
  t0 = MIN (t0, g->now - 2 * MINUTE);
  age = g->now - t0;

  loc = (Locale) g->cust_locale[customer];
  zh = loc == LOC_CHINA ? rng_chance (r, 0.95) : (loc == LOC_EXPAT && rng_chance (r, 0.1));
  severity = (CdSeverity) PICK_W (r, severity_weights);

  if (age < 2 * DAY)
    {
      static const guint w[] = { 30, 40, 30, 0, 0, 0 };
      status = (CdComplaintStatus) PICK_W (r, w);
    }
  else if (age < 14 * DAY)
    {
      static const guint w[] = { 0, 8, 27, 20, 30, 15 };
      status = (CdComplaintStatus) PICK_W (r, w);
    }
  else if (age < 60 * DAY)
    {
      static const guint w[] = { 0, 0, 4, 4, 12, 80 };
      status = (CdComplaintStatus) PICK_W (r, w);
    }
  else
    {
      static const guint w[] = { 0, 0, 2, 3, 10, 985 };
      status = (CdComplaintStatus) PICK_W (r, w);
    }

  /* Owner: the account owner when they can, else a rep certified for
   * complaints; a lead takes many critical ones. */
  if (g->cust_owner[customer] != 0 && rng_chance (r, 0.5) &&
      g->staff[g->cust_owner[customer] - 1].hired_at <= t0)
    owner = g->cust_owner[customer] - 1U;
  else if (severity == CD_SEVERITY_CRITICAL && rng_chance (r, 0.4))
    owner = rng_chance (r, 0.5) ? DESK : g->other_lead;
  else
    owner = cd_demo_pick_assignee (g, r, t0, 1u << CE_COMPLAINTS);
  if (status == CD_COMPLAINT_RECEIVED && rng_chance (r, 0.5))
    owner = NOBODY;

  /* The desktop user's own overdue follow-ups, so the demo shows them at
   * once: three complaints from the last month are theirs. */
  if (g->desk_showcase < 3 && age > 4 * DAY && age < 30 * DAY)
    {
      showcase = TRUE;
      status = CD_COMPLAINT_FOLLOWING_UP;
      owner = DESK;
    }

  if (status >= CD_COMPLAINT_ACKNOWLEDGED)
    ack = cd_demo_staff_time (g, t0 + rng_between (r, 20 * MINUTE, 3 * HOUR), t0 + MINUTE, g->now - MINUTE);
  if (status >= CD_COMPLAINT_RESOLVED)
    resolved_at = cd_demo_staff_time (g, ack + (showcase ? rng_between (r, 4 * HOUR, DAY) : rng_between (r, DAY, 8 * DAY)),
                                      ack + MINUTE, g->now - 2 * HOUR);

  switch (status)
    {
    case CD_COMPLAINT_RECEIVED:
      desired = 0;
      break;
    case CD_COMPLAINT_ACKNOWLEDGED:
      desired = rng_chance (r, 0.3) ? 1 : 0;
      break;
    case CD_COMPLAINT_INVESTIGATING:
      {
        static const guint w[] = { 30, 60, 10 };
        desired = PICK_W (r, w);
      }
      break;
    case CD_COMPLAINT_RESOLVED:
      desired = rng_chance (r, 0.8) ? 1 : 2;
      break;
    case CD_COMPLAINT_FOLLOWING_UP:
      {
        static const guint w[] = { 45, 35, 20 };
        desired = 1 + PICK_W (r, w);
      }
      break;
    case CD_COMPLAINT_CLOSED:
    default:
      {
        static const guint w[] = { 25, 40, 25, 10 };
        desired = 1 + PICK_W (r, w);
      }
      break;
    }
  if (showcase)
    desired = MAX (desired, 2);

  /* Keep the running total on the line to exactly size.followups. */
  target = (j + 1) * g->size.followups / g->size.complaints;
  hi = target - b->followups_done;
  lo = j + 1 == g->size.complaints ? hi : (target > b->followups_done + 3 ? target - b->followups_done - 3 : 0);
  d = MIN (CLAMP ((guint64) desired, lo, hi), MAX_FOLLOWUPS);
  if (showcase && d < 2)
    showcase = FALSE;
  if (d == 0 && status == CD_COMPLAINT_FOLLOWING_UP)
    status = CD_COMPLAINT_RESOLVED;
  if (showcase)
    g->desk_showcase++;

  /* Contacts that already happened, one to three days apart, squeezed
   * together when the complaint is too recent for that. */
  start = status >= CD_COMPLAINT_RESOLVED ? resolved_at : MAX (ack, t0);
  has_planned = d > 0 && status != CD_COMPLAINT_CLOSED;
  n_past = (guint) d - (has_planned ? 1 : 0);
  limit = showcase ? g->now - 36 * HOUR : g->now - (status == CD_COMPLAINT_CLOSED ? 2 * HOUR : 20 * MINUTE);
  {
    gint64 at = start;

    for (guint k = 0; k < n_past; k++)
      due[k] = at = cd_demo_snap_forward (g, at + rng_between (r, DAY, 3 * DAY));
    n_fit = n_past;
    if (n_past > 0 && due[n_past - 1] > limit)
      {
        gint64 window = limit - start;

        n_fit = window > 0 ? (guint) MIN ((gint64) n_past, window / (10 * MINUTE)) : 0;
        for (guint k = 0; k < n_fit; k++)
          {
            gint64 lo_k = k == 0 ? start + MINUTE : due[k - 1] + MINUTE;
            gint64 t = start + window * (2 * (gint64) k + 1) / (2 * (gint64) n_fit);
            gint64 back = cd_demo_snap_back (g, t);

            due[k] = back >= lo_k ? back : t;
          }
      }
  }

  prev = start;
  updated = start;
  for (guint k = 0; k < d; k++)
    {
      gboolean planned = has_planned && k + 1 == d;
      gint64 created = prev, due_at = 0, done_at = 0, fu_updated;
      const char *fu_status, *outcome = NULL, *notes;
      int satisfaction = 0;
      guint assignee;
      guint creator;

      if (owner != NOBODY && rng_chance (r, 0.85))
        assignee = owner;
      else
        assignee = cd_demo_pick_assignee (g, r, created, 1u << CE_COMPLAINTS);

      if (planned)
        {
          gboolean overdue = showcase || rng_chance (r, 0.08);

          if (overdue)
            {
              gint64 t = cd_demo_snap_back (g, g->now - (showcase ? rng_between (r, 3 * HOUR, 30 * HOUR)
                                                          : rng_between (r, 2 * HOUR, 4 * DAY)));

              if (t <= created + 30 * MINUTE)
                t = cd_demo_snap_forward (g, created + 30 * MINUTE);
              if (t < g->now - HOUR)
                due_at = t;
            }
          if (due_at == 0)
            due_at = cd_demo_snap_forward (g, g->now + rng_between (r, HOUR, 10 * DAY));
          if (showcase || (due_at < g->now && rng_chance (r, 0.1)))
            assignee = DESK;
          fu_status = "scheduled";
          notes = tr (&PICK (r, followup_notes_planned), zh);
          fu_updated = created;
        }
      else if (k >= n_fit)
        {
          /* No time for it before now: called off before it was due. */
          due_at = cd_demo_snap_forward (g, g->now + rng_between (r, DAY, 5 * DAY));
          fu_status = "cancelled";
          notes = tr (&followup_notes_cancelled, zh);
          fu_updated = created + (g->now - created) / 2;
          prev = fu_updated;
        }
      else
        {
          gboolean before_resolution = status < CD_COMPLAINT_RESOLVED;
          gboolean last = k + 1 == d;
          gint64 next = k + 1 < n_fit ? due[k + 1] : limit;
          gint64 upper = MAX (MIN (next, g->now) - MINUTE, created + MINUTE);
          guint u = rng_below (r, 100);

          due_at = due[k];
          if (last)
            {
              fu_status = "done";
              outcome = u < 78 ? "satisfied" : "neutral";
            }
          else if (before_resolution)
            {
              fu_status = u < 80 ? "done" : "missed";
              outcome = u < 50 ? "neutral" : u < 80 ? "unreachable" : NULL;
            }
          else if (u < 35)
            fu_status = "done", outcome = "unreachable";
          else if (u < 65)
            fu_status = "done", outcome = "unsatisfied";
          else if (u < 75)
            fu_status = "done", outcome = "neutral";
          else if (u < 95)
            fu_status = "missed";
          else
            fu_status = "cancelled";

          if (outcome != NULL)
            {
              done_at = clamp64 (due_at + rng_between (r, -30 * MINUTE, 2 * HOUR), created + MINUTE, upper);
              fu_updated = done_at;
              notes = tr (&followup_notes_done[cd_outcome_from_nick (outcome)], zh);
              if (strcmp (outcome, "satisfied") == 0)
                satisfaction = rng_chance (r, 0.7) ? 5 : 4;
              else if (strcmp (outcome, "neutral") == 0)
                satisfaction = 3;
              else if (strcmp (outcome, "unsatisfied") == 0)
                satisfaction = 1 + (int) rng_below (r, 2);
              if (strcmp (outcome, "unreachable") != 0)
                cd_demo_touch_customer (g, customer, done_at);
            }
          else
            {
              fu_updated = clamp64 (due_at + rng_between (r, HOUR, DAY), created + MINUTE, upper);
              notes = tr (strcmp (fu_status, "missed") == 0 ? &followup_notes_missed : &followup_notes_cancelled, zh);
            }
          prev = fu_updated;
        }

      creator = owner != NOBODY ? owner : assignee;
      cd_demo_bind_int (b->followup, 1, complaint_id);
      cd_demo_bind_int (b->followup, 2, due_at);
      cd_demo_bind_int (b->followup, 3, g->staff[assignee].id);
      cd_demo_bind_text (b->followup, 4, cd_followup_method_to_nick ((CdFollowupMethod) PICK_W (r, method_weights)));
      cd_demo_bind_text (b->followup, 5, fu_status);
      cd_demo_bind_text (b->followup, 6, outcome);
      cd_demo_bind_opt (b->followup, 7, satisfaction);
      cd_demo_bind_text (b->followup, 8, notes);
      cd_demo_bind_opt (b->followup, 9, done_at);
      cd_demo_bind_int (b->followup, 10, g->staff[creator].id);
      cd_demo_bind_int (b->followup, 11, created);
      cd_demo_bind_int (b->followup, 12, fu_updated);
      if (!cd_demo_step_done (g, b->followup))
        return FALSE;
      b->followups_done++;
      updated = MAX (updated, fu_updated);
    }

  if (status == CD_COMPLAINT_CLOSED)
    {
      closed_at = d > 0 ? prev + rng_between (r, 10 * MINUTE, DAY) : resolved_at + rng_between (r, DAY, 5 * DAY);
      closed_at = cd_demo_staff_time (g, closed_at, MAX (prev, resolved_at) + MINUTE, g->now - MINUTE);
      updated = MAX (updated, closed_at);
    }
  updated = MIN (MAX (updated, MAX (t0, ack)), g->now);
  cd_demo_touch_customer (g, customer, t0);

  cd_demo_ticket_fill (r, loc, zh, t0, &fill, fbufs);
  len = 0;
  cd_demo_fill_append (summary, sizeof summary, &len, tr (&complaint_summaries[ccat][rng_below (r, 3)], zh), &fill);
  len = 0;
  cd_demo_append (details, sizeof details, &len, tr (&PICK (r, complaint_details), zh));
  resolution[0] = compensation[0] = '\0';
  if (status >= CD_COMPLAINT_RESOLVED)
    {
      len = 0;
      cd_demo_append (resolution, sizeof resolution, &len, tr (&PICK (r, complaint_resolutions), zh));
      if (rng_chance (r, 0.4))
        {
          cd_demo_format_amount (r, loc, 5, 60, fbufs[5], sizeof fbufs[5]);
          fill.a = fbufs[5];
          len = 0;
          cd_demo_fill_append (compensation, sizeof compensation, &len, tr (&PICK (r, compensations), zh), &fill);
        }
    }

  cd_demo_bind_int (b->complaint, 1, complaint_id);
  cd_demo_bind_int (b->complaint, 2, (gint64) customer + 1);
  cd_demo_bind_opt (b->complaint, 3, ticket_id);
  cd_demo_bind_text (b->complaint, 4, summary);
  cd_demo_bind_text (b->complaint, 5, details);
  cd_demo_bind_text (b->complaint, 6, cd_severity_to_nick (severity));
  cd_demo_bind_text (b->complaint, 7, complaint_categories[ccat]);
  cd_demo_bind_opt (b->complaint, 8, owner == NOBODY ? 0 : g->staff[owner].id);
  cd_demo_bind_text (b->complaint, 9, cd_complaint_status_to_nick (status));
  cd_demo_bind_text_opt (b->complaint, 10, resolution);
  cd_demo_bind_text_opt (b->complaint, 11, compensation);
  cd_demo_bind_opt (b->complaint, 12, closed_at);
  cd_demo_bind_int (b->complaint, 13, t0);
  cd_demo_bind_int (b->complaint, 14, updated);
  return cd_demo_step_done (g, b->complaint);
}
