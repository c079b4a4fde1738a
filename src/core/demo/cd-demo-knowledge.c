/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "caredesk-demo"

#include "config.h"

#include "cd-demo-private.h"
#include "cd-search-private.h"

/* The demo's knowledge base: a starter set of articles and canned replies
 * in English and Chinese, the articles linked to tickets and complaints
 * they helped with, and the search index of everything generated. */

typedef struct {
  const char *title;
  const char *category;
  const char *tags;
  const char *body;
  /* the ticket and complaint categories it helps with (NULL: none) */
  const char *ticket_category;
  const char *complaint_category;
  guint       weight;   /* how often it gets linked */
} ArticleSeed;

static const ArticleSeed article_seeds[] = {
  { "Refund timelines by payment method", "Billing", "refund, payment, alipay, wechat",
    "When a refund is approved, tell the customer the date by which they will see the money, and set a "
    "follow-up for that date.\n\n"
    "- Card: 3–5 working days after approval.\n"
    "- Alipay and WeChat Pay: within 24 hours.\n"
    "- Bank transfer: up to 7 working days.\n\n"
    "A refund that has not arrived after that time goes to Finance (finance@caredesk-demo.example) with the "
    "order number and the approval date.",
    "Billing", "Refund", 9 },
  { "退款到账时间（按支付方式）", "Billing", "退款, 支付宝, 微信支付",
    "退款审批通过后，请告诉客户预计到账日期，并在该日期设置回访。\n\n"
    "- 银行卡：审批后 3–5 个工作日。\n"
    "- 支付宝、微信支付：24 小时内。\n"
    "- 银行转账：最多 7 个工作日。\n\n"
    "超过时间仍未到账的，请把订单号和审批日期发给财务部处理。",
    "Billing", "Refund", 9 },
  { "退货流程与七天无理由退货", "Returns", "退货, 七天无理由, 政策",
    "签收后 7 天内、商品完好且不影响二次销售的，可无理由退货。\n\n"
    "1. 客服在系统中创建退货单。\n"
    "2. 快递员在 1–2 个工作日内上门取件。\n"
    "3. 仓库验收后 3 个工作日内原路退款。\n\n"
    "退货运费规则见 https://help.caredesk-demo.example/returns",
    "Returns", "Refund", 7 },
  { "Returns within seven days, no reason needed", "Returns", "returns, policy",
    "Within 7 days of delivery a customer may return an item in resaleable condition without giving a "
    "reason.\n\n"
    "1. Create the return in the order system.\n"
    "2. The courier collects it within 1–2 working days.\n"
    "3. The refund goes back the way the customer paid within 3 working days of the warehouse check.",
    "Returns", "Refund", 6 },
  { "如何重置智能家居网关 S2", "Technical", "网关, 重置, S2",
    "1. 长按复位键 10 秒，直到指示灯变为橙色。\n"
    "2. 等待约 1 分钟，指示灯变为蓝色闪烁。\n"
    "3. 在 App 中重新添加设备。\n\n"
    "重置后仍无法连接的，请升级到 L2 技术支持。",
    "Technical", "Installation", 8 },
  { "Resetting the SmartHome Hub S2", "Technical", "hub, reset, S2",
    "1. Hold the reset button for 10 seconds until the light turns orange.\n"
    "2. Wait about a minute for the blue blinking light.\n"
    "3. Add the hub again in the app.\n\n"
    "If it still does not connect, escalate to L2 support.",
    "Technical", "Installation", 8 },
  { "Firmware 2.3: known issues", "Technical", "firmware, wifi, Nova X5",
    "Some Nova X5 and SmartHome Hub units lose Wi-Fi after updating to 2.3.\n\n"
    "- Workaround: forget the network and connect again.\n"
    "- Version 2.3.1 fixes it; it is offered in the app.\n"
    "- Escalate to L2 when the unit does not start at all.",
    "Product defect", "Product quality", 5 },
  { "Courier claims for damaged parcels", "Delivery", "delivery, damage, claims",
    "Ask the customer for photos of the box and the item within 48 hours of delivery. Logistics files the "
    "claim with the courier; we send the replacement without waiting for the courier's answer.",
    "Delivery", "Delivery", 7 },
  { "快递破损理赔", "Delivery", "快递, 破损, 理赔",
    "请客户在签收后 48 小时内提供外箱和商品的照片。物流部负责向快递公司索赔，我们无需等待快递公司答复，"
    "直接为客户补发。",
    "Delivery", "Delivery", 7 },
  { "发票开具与重开说明", "Billing", "发票, 重开, 税号",
    "增值税普通发票在订单完成后自动开具。需要更改抬头或税号时，请在原发票开具后 30 天内提交申请，"
    "财务将在 3 个工作日内重开。",
    "Billing", "Billing", 5 },
  { "Handling an angry caller: listen, empathise, apologise, act", "Service", "service, complaints, calls",
    "Let the customer finish. Repeat back what you heard. Apologise for the experience, not only for the "
    "fault.\n\n"
    "Say what you will do and by when, and record that promise as a follow-up so that it is kept.",
    "General enquiry", "Service attitude", 4 },
  { "客户数据保护：可以告诉客户什么", "Privacy", "隐私, 身份核实, 政策",
    "只向账户持有人或其授权联系人透露订单和账户信息。\n\n"
    "- 电话核实身份时至少确认两项信息：手机号后四位、最近订单号、收货地址。\n"
    "- 导出客户数据会记录在审计日志中。",
    "Account", NULL, 3 },
};

typedef struct {
  const char *title;
  const char *body;
  gboolean    personal;   /* the desktop user's own */
} ReplySeed;

static const ReplySeed reply_seeds[] = {
  { "Greeting",
    "Dear {customer},\n\nThank you for contacting us about {ticket}. I am looking into it and will get back to "
    "you shortly.\n\nKind regards,\n{me}", FALSE },
  { "问候",
    "{customer}您好：\n\n感谢您就工单 {ticket} 联系我们，您的问题我们已经收到，正在为您处理。\n\n客服 {me}", FALSE },
  { "Refund approved",
    "Dear {customer},\n\nYour refund has been approved. Depending on how you paid, it will reach you within 3–5 "
    "working days.\n\nKind regards,\n{me}", FALSE },
  { "退款已审批",
    "{customer}您好：\n\n您的退款已审批通过，预计 3–5 个工作日内原路退回，请注意查收。\n\n客服 {me}", FALSE },
  { "Escalated: we will reply by the promised time",
    "Dear {customer},\n\nI have passed your request ({ticket}) to our specialists. You will hear from us by "
    "{promised} at the latest.\n\nKind regards,\n{me}", FALSE },
  { "已升级处理",
    "{customer}您好：\n\n您的问题（{ticket}）已转交专业同事处理，我们最晚将于 {promised} 前回复您。\n\n客服 {me}", FALSE },
  { "Need more information",
    "Dear {customer},\n\nTo go on with {ticket}, could you send us your order number and a photo of the serial "
    "number label?\n\nKind regards,\n{me}", FALSE },
  { "需要更多信息",
    "{customer}您好：\n\n为了继续处理 {ticket}，麻烦提供一下订单号和序列号标签的照片。\n\n客服 {me}", FALSE },
  { "Follow-up after a complaint",
    "Dear {customer},\n\nWe wanted to check that everything is now as it should be. If anything is still not "
    "right, simply reply to this message.\n\nKind regards,\n{me}", FALSE },
  { "投诉回访",
    "{customer}您好，我是客服中心的{me}。想跟您确认一下之前反映的问题现在是否已经解决？", FALSE },
  { "My signature",
    "\n\nBest regards,\n{me}\nCustomer care · Caredesk demo", TRUE },
};

gboolean
cd_demo_gen_knowledge (Gen *g,
                       Rng *r)
{
  sqlite3_stmt *stmt;
  gint64 origin = cd_demo_origin_of (g);
  guint authors[3];
  gboolean ok = TRUE;

  authors[0] = g->trainer;
  authors[1] = g->other_lead;
  authors[2] = DESK;

  stmt = cd_demo_prepare (g, "INSERT INTO kb_articles (title, body, tags, category, author_id, created_at,"
                             " updated_at, version) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, 1)");
  for (guint i = 0; ok && stmt != NULL && i < G_N_ELEMENTS (article_seeds); i++)
    {
      gint64 created = origin + rng_between (r, 10, 700) * DAY + rng_between (r, 0, 8 * HOUR);
      gint64 updated = rng_chance (r, 0.5) ? rng_between (r, created, g->now - DAY) : created;

      cd_demo_bind_text (stmt, 1, article_seeds[i].title);
      cd_demo_bind_text (stmt, 2, article_seeds[i].body);
      cd_demo_bind_text (stmt, 3, article_seeds[i].tags);
      cd_demo_bind_text (stmt, 4, article_seeds[i].category);
      cd_demo_bind_int (stmt, 5, g->staff[authors[i % 3]].id);
      cd_demo_bind_int (stmt, 6, created);
      cd_demo_bind_int (stmt, 7, updated);
      ok = cd_demo_step_done (g, stmt);
    }
  sqlite3_finalize (stmt);

  stmt = cd_demo_prepare (g, "INSERT INTO canned_replies (title, body, owner_id, created_at, updated_at, version)"
                             " VALUES (?1, ?2, ?3, ?4, ?4, 1)");
  for (guint i = 0; ok && stmt != NULL && i < G_N_ELEMENTS (reply_seeds); i++)
    {
      cd_demo_bind_text (stmt, 1, reply_seeds[i].title);
      cd_demo_bind_text (stmt, 2, reply_seeds[i].body);
      if (reply_seeds[i].personal)
        cd_demo_bind_int (stmt, 3, g->staff[DESK].id);
      else
        sqlite3_bind_null (stmt, 3);
      cd_demo_bind_int (stmt, 4, origin + rng_between (r, 1, 30) * DAY);
      ok = cd_demo_step_done (g, stmt);
    }
  sqlite3_finalize (stmt);
  return ok && g->rc == SQLITE_OK;
}

/* Every so many tickets (and complaints) of an article's category had it
 * linked, by whoever worked on them, an hour after they came in; the
 * total grows with the file but stays a few thousand. */
gboolean
cd_demo_link_articles (Gen *g)
{
  sqlite3_stmt *tickets, *complaints;
  guint64 every = MAX (g->size.tickets / 400, 7);
  gboolean ok = TRUE;

  tickets = cd_demo_prepare (g,
                             "INSERT INTO kb_article_links (article_id, entity, entity_id, linked_by, created_at)"
                             " SELECT ?1, 'ticket', t.id, ifnull (t.assignee_id, t.created_by), t.created_at + 3600"
                             " FROM tickets t WHERE t.category_id = (SELECT id FROM ticket_categories WHERE name = ?2)"
                             " AND t.id % ?3 = ?4");
  complaints = cd_demo_prepare (g,
                                "INSERT INTO kb_article_links (article_id, entity, entity_id, linked_by, created_at)"
                                " SELECT ?1, 'complaint', c.id, c.owner_id, c.created_at + 3600"
                                " FROM complaints c WHERE c.category = ?2 AND c.id % ?3 = ?4");
  for (guint i = 0; ok && tickets != NULL && complaints != NULL && i < G_N_ELEMENTS (article_seeds); i++)
    {
      const ArticleSeed *seed = &article_seeds[i];
      gint64 article_id = (gint64) i + 1;
      gint64 step = (gint64) (every * 10 / seed->weight);

      cd_demo_bind_int (tickets, 1, article_id);
      cd_demo_bind_text (tickets, 2, seed->ticket_category);
      cd_demo_bind_int (tickets, 3, step);
      cd_demo_bind_int (tickets, 4, (gint64) i % step);
      ok = cd_demo_step_done (g, tickets);
      if (ok && seed->complaint_category != NULL)
        {
          cd_demo_bind_int (complaints, 1, article_id);
          cd_demo_bind_text (complaints, 2, seed->complaint_category);
          cd_demo_bind_int (complaints, 3, step);
          cd_demo_bind_int (complaints, 4, (gint64) (i + 3) % step);
          ok = cd_demo_step_done (g, complaints);
        }
    }
  sqlite3_finalize (tickets);
  sqlite3_finalize (complaints);
  return ok && g->rc == SQLITE_OK;
}

gboolean
cd_demo_index_search (Gen     *g,
                      GError **error)
{
  return cd_search_index_build_db (g->db, error);
}
