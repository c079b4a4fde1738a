/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "caredesk-demo"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "cd-customers.h"
#include "cd-demo-private.h"
/* ---- people and places -------------------------------------------------------- */

static const Han *
pick_surname (Rng *r)
{
  /* The smaller of two draws favours the common names at the front. */
  guint a = rng_below (r, G_N_ELEMENTS (surnames));
  guint b = rng_below (r, G_N_ELEMENTS (surnames));

  return &surnames[MIN (a, b)];
}

/* A person's name, and the local part of an e-mail address for it. */
static void
make_person (Rng        *r,
             Locale      loc,
             char       *name,
             gsize       name_size,
             char       *mail,
             gsize       mail_size)
{
  char num[8];

  if (loc == LOC_CHINA)
    {
      const Han *sur = pick_surname (r);
      /* About a third are two-character names such as 张伟. */
      const Han *giv = rng_chance (r, 0.35) ? &PICK (r, given_one) : &PICK (r, given_two);

      g_snprintf (name, name_size, "%s%s", sur->han, giv->han);
      cd_demo_digits (r, num, 1 + rng_below (r, 4));
      switch (rng_below (r, 4))
        {
        case 0:
          g_snprintf (mail, mail_size, "%s%s%s", sur->pinyin, giv->pinyin, num);
          break;
        case 1:
          g_snprintf (mail, mail_size, "%s.%s", giv->pinyin, sur->pinyin);
          break;
        case 2:
          /* QQ mail addresses are the QQ number */
          g_snprintf (mail, mail_size, "%u%s", 10000 + rng_below (r, 90000), num);
          break;
        default:
          g_snprintf (mail, mail_size, "%s_%s%s", sur->pinyin, giv->pinyin, num);
          break;
        }
    }
  else
    {
      const Latin *first = &PICK (r, first_names);
      const Latin *last = &PICK (r, last_names);

      g_snprintf (name, name_size, "%s %s", first->name, last->name);
      cd_demo_digits (r, num, rng_below (r, 3));
      if (rng_chance (r, 0.5))
        g_snprintf (mail, mail_size, "%s.%s%s", first->ascii, last->ascii, num);
      else
        g_snprintf (mail, mail_size, "%c%s%s", first->ascii[0], last->ascii, num);
    }
}

static void
make_mobile (Rng    *r,
             Locale  loc,
             char   *out,
             gsize   size)
{
  char a[12], b[12];

  switch (loc)
    {
    case LOC_CHINA:
    case LOC_EXPAT:
      cd_demo_digits (r, a, 8);
      g_snprintf (out, size, "%s%s", PICK (r, cn_mobile_prefixes), a);
      break;
    case LOC_UK:
      cd_demo_digits (r, a, 3);
      cd_demo_digits (r, b, 6);
      g_snprintf (out, size, "+44 7%s %s", a, b);
      break;
    case LOC_US:
      cd_demo_digits (r, a, 3);
      cd_demo_digits (r, b, 4);
      g_snprintf (out, size, "+1 %u %s %s", 201 + rng_below (r, 780), a, b);
      break;
    case LOC_DE:
      cd_demo_digits (r, a, 1);
      cd_demo_digits (r, b, 8);
      g_snprintf (out, size, "+49 15%s %s", a, b);
      break;
    case LOC_AU:
      cd_demo_digits (r, a, 2);
      cd_demo_digits (r, b, 6);
      g_snprintf (out, size, "+61 4%s %.3s %s", a, b, b + 3);
      break;
    case LOC_SG:
      cd_demo_digits (r, a, 3);
      cd_demo_digits (r, b, 4);
      g_snprintf (out, size, "+65 %c%s %s", rng_chance (r, 0.5) ? '8' : '9', a, b);
      break;
    case LOC_FR:
    case N_LOCALES:
    default:
      cd_demo_digits (r, a, 8);
      g_snprintf (out, size, "+33 6 %.2s %.2s %.2s %.2s", a, a + 2, a + 4, a + 6);
      break;
    }
}

static void
make_landline (Rng        *r,
               const City *city,
               char       *out,
               gsize       size)
{
  char a[12];

  cd_demo_digits (r, a, 8);
  a[0] = (char) ('2' + rng_below (r, 7));
  g_snprintf (out, size, "%s-%s", city->area_code, a);
}

/* Draws happen in statements of their own: the order in which a
 * function's arguments are evaluated is up to the compiler, and the rows
 * must not depend on it. */
static void
make_address (Rng        *r,
              Locale      loc,
              const City *city,
              gboolean    office,
              char       *out,
              gsize       size)
{
  guint district = rng_below (r, 4);
  guint number = 1 + rng_below (r, 899);
  guint a = rng_below (r, 40);
  guint b = rng_below (r, 30);
  guint c = rng_below (r, 8);
  guint pick = rng_below (r, 1000);

  switch (loc)
    {
    case LOC_CHINA:
      if (office)
        g_snprintf (out, size, "%s市%s%s %u 号 %u 楼", city->han, city->districts[district],
                    roads[pick % G_N_ELEMENTS (roads)].han, number, 2 + b);
      else
        g_snprintf (out, size, "%s市%s%s %u 弄 %u 号 %u 室", city->han, city->districts[district],
                    roads[pick % G_N_ELEMENTS (roads)].han, number, 1 + a, (1 + b) * 100 + 1 + c % 6);
      break;
    case LOC_EXPAT:
      g_snprintf (out, size, "Room %u, %u %s, %s District, %s, China",
                  (1 + b) * 100 + 1 + c, number, roads[pick % G_N_ELEMENTS (roads)].pinyin,
                  city->districts_latin[district], city->latin);
      break;
    case LOC_UK:
      {
        static const char *const streets[] = { "High Street", "Station Road", "Church Lane", "Victoria Road", "Park Avenue", "Mill Lane" };
        static const char *const towns[] = { "London", "Manchester", "Leeds", "Bristol", "Edinburgh", "Cambridge" };
        static const char *const areas[] = { "SW1A", "M1", "LS2", "BS1", "EH1", "CB2" };
        guint t = pick % G_N_ELEMENTS (towns);

        g_snprintf (out, size, "%u %s, %s %s %u%c%c, United Kingdom", 1 + number % 200,
                    streets[a % G_N_ELEMENTS (streets)], towns[t], areas[t], c,
                    'A' + b % 26, 'A' + (pick / 7) % 26);
      }
      break;
    case LOC_US:
      {
        static const char *const streets[] = { "Main Street", "Oak Avenue", "Market Street", "Elm Street", "Pine Street", "Maple Drive" };
        static const char *const towns[] = { "San Francisco, CA 941", "Seattle, WA 981", "Austin, TX 787", "Boston, MA 021", "New York, NY 100", "Chicago, IL 606" };

        g_snprintf (out, size, "%u %s, %s%02u, USA", number * 3, streets[a % G_N_ELEMENTS (streets)],
                    towns[pick % G_N_ELEMENTS (towns)], (pick / 10) % 100);
      }
      break;
    case LOC_DE:
      {
        static const char *const streets[] = { "Hauptstraße", "Bahnhofstraße", "Gartenweg", "Schillerstraße", "Friedrichstraße" };
        static const char *const towns[] = { "10117 Berlin", "80331 München", "20095 Hamburg", "50667 Köln", "60311 Frankfurt am Main" };

        g_snprintf (out, size, "%s %u, %s, Germany", streets[a % G_N_ELEMENTS (streets)], 1 + number % 150,
                    towns[pick % G_N_ELEMENTS (towns)]);
      }
      break;
    case LOC_AU:
      {
        static const char *const streets[] = { "George Street", "Collins Street", "Queen Street", "King William Street" };
        static const char *const towns[] = { "Sydney NSW 2000", "Melbourne VIC 3000", "Brisbane QLD 4000", "Adelaide SA 5000" };

        g_snprintf (out, size, "%u %s, %s, Australia", number, streets[a % G_N_ELEMENTS (streets)],
                    towns[pick % G_N_ELEMENTS (towns)]);
      }
      break;
    case LOC_SG:
      {
        static const char *const streets[] = { "Orchard Road", "Raffles Place", "Tampines Avenue 5", "Jurong West Street 41" };

        g_snprintf (out, size, "%u %s, #%02u-%02u, Singapore %06u", number, streets[a % G_N_ELEMENTS (streets)],
                    2 + b, 1 + (pick % 60), 100000 + pick * 700 + c);
      }
      break;
    case LOC_FR:
    case N_LOCALES:
    default:
      {
        static const char *const streets[] = { "rue de la République", "avenue Victor Hugo", "rue du Moulin", "boulevard Voltaire" };
        static const char *const towns[] = { "75011 Paris", "69002 Lyon", "13001 Marseille", "33000 Bordeaux" };

        g_snprintf (out, size, "%u %s, %s, France", 1 + number % 120, streets[a % G_N_ELEMENTS (streets)],
                    towns[pick % G_N_ELEMENTS (towns)]);
      }
      break;
    }
}

static void
make_organisation (Rng        *r,
                   Locale      loc,
                   const City *city,
                   char       *name,
                   gsize       name_size,
                   char       *domain,
                   gsize       domain_size)
{
  guint core;

  if (loc == LOC_CHINA || (loc == LOC_EXPAT && rng_chance (r, 0.5)))
    {
      const char *trade = PICK (r, org_trades_han);
      const char *suffix = PICK (r, org_suffix_han);

      core = rng_below (r, G_N_ELEMENTS (org_cores_han));
      g_snprintf (name, name_size, "%s%s%s%s", city->han, org_cores_han[core], trade, suffix);
      g_snprintf (domain, domain_size, "%s.com.cn", org_cores_pinyin[core]);
    }
  else
    {
      static const char *const suffix[N_LOCALES] = { "Ltd", "Co., Ltd.", "Ltd", "Inc.", "GmbH", "Pty Ltd", "Pte. Ltd.", "SARL" };
      static const char *const tld[N_LOCALES] = { "cn", "cn", "co.uk", "com", "de", "com.au", "com.sg", "fr" };
      const char *trade = PICK (r, org_trades_latin);
      g_autofree char *lower = NULL;

      core = rng_below (r, G_N_ELEMENTS (org_cores_latin));
      g_snprintf (name, name_size, "%s %s %s", org_cores_latin[core], trade, suffix[loc]);
      lower = g_ascii_strdown (org_cores_latin[core], -1);
      g_snprintf (domain, domain_size, "%s-%c%s.%s", lower, g_ascii_tolower (trade[0]), trade + 1, tld[loc]);
    }
}

static double
customer_slot_weight (Gen    *g,
                      gint64  t,
                      double  progress)
{
  gint64 h = local_secs (t) / HOUR;

  return (h >= 8 && h < 21 ? 1.0 : 0.08) * (0.8 + 0.4 * progress);
}

/* ---- customers, first pass ------------------------------------------------------
 * What tickets and complaints need to know about a customer (when they
 * became one, where they live, tier, owner) is decided before any ticket;
 * the rest of the row is written at the end. */

void
cd_demo_plan_customers (Gen *g,
                        Rng *r)
{
  static const guint tier_weights[] = { 2, 10, 23, 65 };
  guint64 n = g->n_customers;
  /* A fifth came from the old system in one import on the first day. */
  guint64 imported = n / 5;
  gint64 origin = cd_demo_origin_of (g);
  Warp warp;

  g->cust_created = g_new (gint64, n);
  g->cust_first = g_new0 (gint64, n);
  g->cust_last = g_new0 (gint64, n);
  g->cust_tier = g_new (guint8, n);
  g->cust_locale = g_new (guint8, n);
  g->cust_owner = g_new (guint8, n);
  g->key_customers = g_new (guint32, n);
  g->n_key = 0;

  cd_demo_warp_init (&warp, g, origin + DAY, g->now - HOUR, customer_slot_weight);
  for (guint64 c = 0; c < n; c++)
    {
      CdTier tier = (CdTier) PICK_W (r, tier_weights);
      guint owner = 0;

      if (c < imported)
        g->cust_created[c] = origin + (gint64) (c * (30 * MINUTE) / MAX (imported, 1));
      else
        g->cust_created[c] = cd_demo_warp_at (&warp, ((double) (c - imported) + rng_unit (r)) / (double) (n - imported));

      g->cust_locale[c] = rng_chance (r, 0.6) ? LOC_CHINA : (guint8) PICK_W (r, latin_locale_weights);
      g->cust_tier[c] = (guint8) tier;

      /* Key accounts always have an owner, often a lead; the desktop user
       * looks after a share of them. */
      switch (tier)
        {
        case CD_TIER_STRATEGIC:
          owner = rng_chance (r, 0.4) ? DESK : rng_chance (r, 0.5) ? g->other_lead : g->reps[rng_below (r, g->n_reps)];
          break;
        case CD_TIER_CORE:
          owner = rng_chance (r, 0.1) ? DESK : g->reps[rng_below (r, g->n_reps)];
          break;
        case CD_TIER_POTENTIAL:
        case CD_TIER_GENERAL:
        default:
          owner = rng_chance (r, 0.3) ? G_MAXUINT : rng_chance (r, 0.04) ? DESK : g->reps[rng_below (r, g->n_reps)];
          break;
        }
      /* Someone who had not joined yet cannot own the account. */
      if (owner != G_MAXUINT && g->staff[owner].hired_at > g->now - 30 * DAY)
        owner = g->reps[0];
      g->cust_owner[c] = owner == G_MAXUINT ? 0 : (guint8) (owner + 1);

      if (tier == CD_TIER_STRATEGIC || tier == CD_TIER_CORE)
        g->key_customers[g->n_key++] = (guint32) c;
    }
  cd_demo_warp_clear (&warp);
}


/* ---- customers, second pass --------------------------------------------------- */

static const char *const tag_pool[] = {
  "vip", "wholesale", "reseller", "enterprise", "newsletter", "trial", "回头客", "经销商", "payment-risk", "events",
};

static const Text customer_notes[] = {
  { "Prefers calls after 14:00.", "偏好下午两点以后来电。" },
  { "Has a maintenance contract until the end of the year.", "维保合同至年底。" },
  { "Ask for the purchasing department, not reception.", "请直接联系采购部，不要转前台。" },
  { "Needs a VAT special invoice for every order.", "每笔订单都需要开具增值税专用发票。" },
  { "Speaks English and German; send written summaries.", "沟通后请发送书面总结。" },
};

gboolean
cd_demo_gen_customers (Gen *g,
                       Rng *r)
{
  static const guint channel_weights[] = { 35, 25, 25, 5, 2, 8 };
  sqlite3_stmt *stmt;
  gboolean ok = TRUE;

  stmt = cd_demo_prepare (g, "INSERT INTO customers (id, name, organisation, phone, phone2, email, address, preferred_channel, tier, "
                     "tags, owner_id, notes, archived, last_contact_at, created_at, updated_at, version) "
                     "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, 1)");
  if (stmt == NULL)
    return FALSE;

  for (guint64 c = 0; ok && c < g->n_customers; c++)
    {
      Locale loc = (Locale) g->cust_locale[c];
      CdTier tier = (CdTier) g->cust_tier[c];
      const City *city = &PICK (r, cities);
      gboolean has_org = rng_chance (r, tier <= CD_TIER_CORE ? 0.9 : 0.35);
      char name[128], local[64], org[160], domain[96], phone[40], phone2[40], mail[192], address[256], tags[96];
      const char *notes = NULL, *channel;
      guint ch;
      gint64 created = g->cust_created[c];
      gint64 last = g->cust_last[c];
      gboolean archived = FALSE;

      make_person (r, loc, name, sizeof name, local, sizeof local);
      org[0] = domain[0] = '\0';
      if (has_org)
        make_organisation (r, loc, city, org, sizeof org, domain, sizeof domain);
      make_mobile (r, loc, phone, sizeof phone);
      phone2[0] = '\0';
      if (has_org && rng_chance (r, 0.5))
        {
          if (loc == LOC_CHINA || loc == LOC_EXPAT)
            make_landline (r, city, phone2, sizeof phone2);
          else
            make_mobile (r, loc, phone2, sizeof phone2);
        }
      else if (rng_chance (r, 0.08))
        make_mobile (r, loc, phone2, sizeof phone2);

      mail[0] = '\0';
      if (rng_chance (r, 0.92))
        {
          if (has_org && rng_chance (r, 0.6))
            g_snprintf (mail, sizeof mail, "%s@%s", g_ascii_isdigit (local[0]) ? "service" : local, domain);
          else if (g_ascii_isdigit (local[0]))
            g_snprintf (mail, sizeof mail, "%s@qq.com", local);
          else if (loc == LOC_CHINA)
            g_snprintf (mail, sizeof mail, "%s@%s", local, PICK (r, cn_mail_domains));
          else
            g_snprintf (mail, sizeof mail, "%s@%s", local, PICK (r, intl_mail_domains));
        }

      address[0] = '\0';
      if (has_org || rng_chance (r, 0.7))
        make_address (r, loc, city, has_org, address, sizeof address);

      ch = PICK_W (r, channel_weights);
      channel = ch < G_N_ELEMENTS (channel_nick) ? channel_nick[ch] : NULL;

      tags[0] = '\0';
      if (tier == CD_TIER_STRATEGIC || rng_chance (r, 0.3))
        {
          guint a = rng_below (r, G_N_ELEMENTS (tag_pool));
          guint b2 = rng_below (r, G_N_ELEMENTS (tag_pool));

          if (tier == CD_TIER_STRATEGIC)
            g_snprintf (tags, sizeof tags, "%s,%s", loc == LOC_CHINA ? "重点客户" : "key account", tag_pool[a]);
          else if (a != b2 && rng_chance (r, 0.4))
            g_snprintf (tags, sizeof tags, "%s,%s", tag_pool[a], tag_pool[b2]);
          else
            g_snprintf (tags, sizeof tags, "%s", tag_pool[a]);
        }
      if (rng_chance (r, 0.1))
        notes = tr (&PICK (r, customer_notes), loc == LOC_CHINA);

      /* Nobody contacts us before they are a customer. */
      if (g->cust_first[c] != 0 && g->cust_first[c] < created + MINUTE)
        created = max64 (g->cust_first[c] - rng_between (r, 5 * MINUTE, 2 * HOUR), 0);
      if ((last == 0 || last < g->now - 365 * DAY) && created < g->now - 400 * DAY && rng_chance (r, 0.05))
        archived = TRUE;

      cd_demo_bind_int (stmt, 1, (gint64) c + 1);
      cd_demo_bind_text (stmt, 2, name);
      cd_demo_bind_text_opt (stmt, 3, org);
      {
        /* Stored in the comparable form the app writes, so duplicate
         * detection and phone search find demo customers too. The key is
         * never longer than the number, and the buffers outlive the step. */
        g_autofree char *key = cd_customer_phone_key (phone);
        g_autofree char *key2 = phone2[0] ? cd_customer_phone_key (phone2) : NULL;
        if (key != NULL)
          g_strlcpy (phone, key, sizeof phone);
        if (key2 != NULL)
          g_strlcpy (phone2, key2, sizeof phone2);
      }
      cd_demo_bind_text (stmt, 4, phone);
      cd_demo_bind_text_opt (stmt, 5, phone2);
      cd_demo_bind_text_opt (stmt, 6, mail);
      cd_demo_bind_text_opt (stmt, 7, address);
      cd_demo_bind_text (stmt, 8, channel);
      cd_demo_bind_text (stmt, 9, cd_tier_to_nick (tier));
      cd_demo_bind_text_opt (stmt, 10, tags);
      cd_demo_bind_opt (stmt, 11, g->cust_owner[c] != 0 ? g->staff[g->cust_owner[c] - 1].id : 0);
      cd_demo_bind_text (stmt, 12, notes);
      cd_demo_bind_int (stmt, 13, archived ? 1 : 0);
      cd_demo_bind_opt (stmt, 14, last);
      cd_demo_bind_int (stmt, 15, created);
      cd_demo_bind_int (stmt, 16, MAX (created, last));
      ok = cd_demo_step_done (g, stmt);

      if ((c & 4095) == 0)
        cd_demo_report (g, (double) c / (double) g->n_customers);
    }
  sqlite3_finalize (stmt);
  return ok;
}
