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
#include "cd-demo.h"
#include "cd-schema.h"
#include "cd-sla.h"
#include "cd-store.h"

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
static void
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
static guint
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
static gint64
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

static void
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

static int
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

static int
office_year (gint64 t)
{
  int y, m, d;

  civil_from_days (local_day (t), &y, &m, &d);
  return y;
}

static int
office_month (gint64 t)
{
  int y, m, d;

  civil_from_days (local_day (t), &y, &m, &d);
  return m;
}

/* Same wall-clock time @months later (earlier when negative); the day of
 * the month is clamped, so Jan 31 + 1 month is Feb 28/29. */
static gint64
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
static const Han surnames[] = {
  { "王", "wang" }, { "李", "li" }, { "张", "zhang" }, { "刘", "liu" }, { "陈", "chen" },
  { "杨", "yang" }, { "赵", "zhao" }, { "黄", "huang" }, { "周", "zhou" }, { "吴", "wu" },
  { "徐", "xu" }, { "孙", "sun" }, { "胡", "hu" }, { "朱", "zhu" }, { "高", "gao" },
  { "林", "lin" }, { "何", "he" }, { "郭", "guo" }, { "马", "ma" }, { "罗", "luo" },
  { "梁", "liang" }, { "宋", "song" }, { "郑", "zheng" }, { "谢", "xie" }, { "韩", "han" },
  { "唐", "tang" }, { "冯", "feng" }, { "于", "yu" }, { "董", "dong" }, { "萧", "xiao" },
  { "程", "cheng" }, { "曹", "cao" }, { "袁", "yuan" }, { "邓", "deng" }, { "许", "xu" },
  { "傅", "fu" }, { "沈", "shen" }, { "曾", "zeng" }, { "彭", "peng" }, { "吕", "lv" },
  { "苏", "su" }, { "卢", "lu" }, { "蒋", "jiang" }, { "蔡", "cai" }, { "贾", "jia" },
  { "丁", "ding" }, { "魏", "wei" }, { "薛", "xue" }, { "叶", "ye" }, { "欧阳", "ouyang" },
  { "司马", "sima" }, { "上官", "shangguan" },
};

static const Han given_one[] = {
  { "伟", "wei" }, { "芳", "fang" }, { "娜", "na" }, { "敏", "min" }, { "静", "jing" },
  { "丽", "li" }, { "强", "qiang" }, { "磊", "lei" }, { "军", "jun" }, { "洋", "yang" },
  { "勇", "yong" }, { "艳", "yan" }, { "杰", "jie" }, { "涛", "tao" }, { "明", "ming" },
  { "超", "chao" }, { "秀", "xiu" }, { "霞", "xia" }, { "平", "ping" }, { "刚", "gang" },
  { "鹏", "peng" }, { "华", "hua" }, { "玲", "ling" }, { "婷", "ting" }, { "斌", "bin" },
  { "宇", "yu" }, { "浩", "hao" }, { "凯", "kai" }, { "健", "jian" }, { "帆", "fan" },
  { "晨", "chen" }, { "欣", "xin" }, { "博", "bo" }, { "雪", "xue" }, { "琳", "lin" },
  { "颖", "ying" }, { "倩", "qian" }, { "亮", "liang" }, { "辉", "hui" }, { "丹", "dan" },
};

static const Han given_two[] = {
  { "建国", "jianguo" }, { "秀英", "xiuying" }, { "志强", "zhiqiang" }, { "丽华", "lihua" },
  { "子涵", "zihan" }, { "浩然", "haoran" }, { "欣怡", "xinyi" }, { "思远", "siyuan" },
  { "雨桐", "yutong" }, { "俊杰", "junjie" }, { "梓轩", "zixuan" }, { "一诺", "yinuo" },
  { "佳怡", "jiayi" }, { "明轩", "mingxuan" }, { "文博", "wenbo" }, { "晓东", "xiaodong" },
  { "海燕", "haiyan" }, { "婷婷", "tingting" }, { "建华", "jianhua" }, { "国强", "guoqiang" },
  { "淑珍", "shuzhen" }, { "宇航", "yuhang" }, { "诗涵", "shihan" }, { "天佑", "tianyou" },
  { "晓明", "xiaoming" }, { "红梅", "hongmei" }, { "永刚", "yonggang" }, { "春燕", "chunyan" },
  { "志伟", "zhiwei" }, { "雅琪", "yaqi" }, { "博文", "bowen" }, { "心怡", "xinyi" },
  { "家豪", "jiahao" }, { "晓雯", "xiaowen" }, { "立新", "lixin" }, { "美玲", "meiling" },
  { "振华", "zhenhua" }, { "玉兰", "yulan" }, { "子豪", "zihao" }, { "梦琪", "mengqi" },
};

typedef struct {
  const char *name;
  const char *ascii;
} Latin;

static const Latin first_names[] = {
  { "Emma", "emma" }, { "Oliver", "oliver" }, { "Sophie", "sophie" }, { "James", "james" },
  { "Lucas", "lucas" }, { "Mia", "mia" }, { "Noah", "noah" }, { "Anna", "anna" },
  { "Liam", "liam" }, { "Olivia", "olivia" }, { "Hannah", "hannah" }, { "Daniel", "daniel" },
  { "Laura", "laura" }, { "Thomas", "thomas" }, { "Sarah", "sarah" }, { "Michael", "michael" },
  { "Julia", "julia" }, { "David", "david" }, { "Chloé", "chloe" }, { "Samuel", "samuel" },
  { "Isabel", "isabel" }, { "Marco", "marco" }, { "Elena", "elena" }, { "Pierre", "pierre" },
  { "Claire", "claire" }, { "Lars", "lars" }, { "Ingrid", "ingrid" }, { "Priya", "priya" },
  { "Arjun", "arjun" }, { "Fatima", "fatima" }, { "Omar", "omar" }, { "Yuki", "yuki" },
  { "Kenji", "kenji" }, { "Mateo", "mateo" }, { "Sofía", "sofia" }, { "Jan", "jan" },
  { "Eva", "eva" }, { "Tom", "tom" }, { "Grace", "grace" }, { "Ben", "ben" },
  { "Zoë", "zoe" }, { "Jürgen", "juergen" }, { "Amélie", "amelie" }, { "Ethan", "ethan" },
};

static const Latin last_names[] = {
  { "Smith", "smith" }, { "Johnson", "johnson" }, { "Williams", "williams" }, { "Brown", "brown" },
  { "Jones", "jones" }, { "Miller", "miller" }, { "Davis", "davis" }, { "Wilson", "wilson" },
  { "Taylor", "taylor" }, { "Anderson", "anderson" }, { "Thomas", "thomas" }, { "Moore", "moore" },
  { "Martin", "martin" }, { "Jackson", "jackson" }, { "White", "white" }, { "Harris", "harris" },
  { "Clark", "clark" }, { "Lewis", "lewis" }, { "Walker", "walker" }, { "Hall", "hall" },
  { "Young", "young" }, { "King", "king" }, { "Wright", "wright" }, { "Scott", "scott" },
  { "Green", "green" }, { "Baker", "baker" }, { "Müller", "mueller" }, { "Schmidt", "schmidt" },
  { "Schneider", "schneider" }, { "Fischer", "fischer" }, { "Dubois", "dubois" }, { "Laurent", "laurent" },
  { "Rossi", "rossi" }, { "Russo", "russo" }, { "García", "garcia" }, { "Fernández", "fernandez" },
  { "López", "lopez" }, { "Novak", "novak" }, { "Kowalski", "kowalski" }, { "Nielsen", "nielsen" },
  { "Hansen", "hansen" }, { "O'Brien", "obrien" }, { "Murphy", "murphy" }, { "Kelly", "kelly" },
  { "Patel", "patel" }, { "Sharma", "sharma" }, { "Tanaka", "tanaka" }, { "Sato", "sato" },
  { "Nguyen", "nguyen" }, { "Tran", "tran" }, { "Kim", "kim" }, { "Park", "park" },
  { "Silva", "silva" }, { "Santos", "santos" }, { "Chen", "chen" }, { "Wong", "wong" },
};

typedef struct {
  const char *han;        /* 上海 */
  const char *latin;      /* Shanghai */
  const char *area_code;  /* 021 */
  const char *districts[4];
  const char *districts_latin[4];
} City;

static const City cities[] = {
  { "上海", "Shanghai", "021", { "浦东新区", "徐汇区", "静安区", "闵行区" }, { "Pudong", "Xuhui", "Jing'an", "Minhang" } },
  { "北京", "Beijing", "010", { "朝阳区", "海淀区", "东城区", "丰台区" }, { "Chaoyang", "Haidian", "Dongcheng", "Fengtai" } },
  { "深圳", "Shenzhen", "0755", { "南山区", "福田区", "宝安区", "龙岗区" }, { "Nanshan", "Futian", "Bao'an", "Longgang" } },
  { "广州", "Guangzhou", "020", { "天河区", "越秀区", "海珠区", "番禺区" }, { "Tianhe", "Yuexiu", "Haizhu", "Panyu" } },
  { "杭州", "Hangzhou", "0571", { "西湖区", "滨江区", "余杭区", "拱墅区" }, { "Xihu", "Binjiang", "Yuhang", "Gongshu" } },
  { "成都", "Chengdu", "028", { "武侯区", "锦江区", "青羊区", "成华区" }, { "Wuhou", "Jinjiang", "Qingyang", "Chenghua" } },
  { "南京", "Nanjing", "025", { "鼓楼区", "玄武区", "江宁区", "秦淮区" }, { "Gulou", "Xuanwu", "Jiangning", "Qinhuai" } },
  { "苏州", "Suzhou", "0512", { "姑苏区", "工业园区", "吴中区", "相城区" }, { "Gusu", "Industrial Park", "Wuzhong", "Xiangcheng" } },
  { "武汉", "Wuhan", "027", { "武昌区", "江汉区", "洪山区", "汉阳区" }, { "Wuchang", "Jianghan", "Hongshan", "Hanyang" } },
  { "西安", "Xi'an", "029", { "雁塔区", "碑林区", "未央区", "新城区" }, { "Yanta", "Beilin", "Weiyang", "Xincheng" } },
};

static const Han roads[] = {
  { "人民路", "Renmin Road" }, { "中山路", "Zhongshan Road" }, { "解放路", "Jiefang Road" },
  { "建设路", "Jianshe Road" }, { "和平路", "Heping Road" }, { "长江路", "Changjiang Road" },
  { "科技路", "Keji Road" }, { "文化路", "Wenhua Road" }, { "创新大道", "Chuangxin Avenue" },
  { "世纪大道", "Century Avenue" }, { "学府路", "Xuefu Road" }, { "滨江大道", "Binjiang Avenue" },
};

static const char *const cn_mobile_prefixes[] = {
  "130", "131", "132", "133", "135", "136", "137", "138", "139", "150", "151", "152",
  "155", "156", "157", "158", "159", "166", "177", "180", "181", "182", "186", "187",
  "188", "189", "198", "199",
};

static const char *const cn_mail_domains[] = { "qq.com", "163.com", "126.com", "sina.com", "foxmail.com", "139.com" };

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

static const guint latin_locale_weights[] = { 0, 25, 20, 20, 12, 8, 8, 7 };

static const char *const intl_mail_domains[] = {
  "gmail.com", "outlook.com", "yahoo.com", "icloud.com", "hotmail.com", "proton.me",
};

static const char *const org_cores_han[] = {
  "华信", "恒达", "东方", "金桥", "瑞丰", "新世纪", "博远", "嘉和", "天成", "宏图",
  "永泰", "中联", "锦程", "汇通", "星辰", "海川",
};
static const char *const org_cores_pinyin[] = {
  "huaxin", "hengda", "dongfang", "jinqiao", "ruifeng", "xinshiji", "boyuan", "jiahe", "tiancheng", "hongtu",
  "yongtai", "zhonglian", "jincheng", "huitong", "xingchen", "haichuan",
};
static const char *const org_trades_han[] = {
  "电子", "贸易", "物流", "科技", "餐饮管理", "医疗器械", "家居", "文化传媒", "信息技术", "商贸",
};
static const char *const org_suffix_han[] = { "有限公司", "有限公司", "股份有限公司", "集团有限公司" };

static const char *const org_cores_latin[] = {
  "Northwind", "Bluewater", "Redwood", "Silverline", "Harbour", "Summit", "Oakridge", "Brightway",
  "Crescent", "Evergreen", "Ironbridge", "Meridian", "Pioneer", "Sterling", "Westfield", "Lakeside",
};
static const char *const org_trades_latin[] = {
  "Trading", "Logistics", "Foods", "Electronics", "Design", "Retail", "Healthcare", "Hospitality",
  "Consulting", "Motors",
};

typedef struct {
  const char *en;
  const char *zh;
} Text;

static const Text products[] = {
  { "SmartHome Hub S2", "智能家居网关 S2" },
  { "AirPure 300 air purifier", "AirPure 300 空气净化器" },
  { "Nova X5 phone", "Nova X5 手机" },
  { "BrewMaster coffee machine", "BrewMaster 咖啡机" },
  { "Aero robot vacuum", "Aero 扫地机器人" },
  { "Pulse fitness band", "Pulse 智能手环" },
  { "Lumi desk lamp", "Lumi 护眼台灯" },
  { "Vista 55\" TV", "Vista 55 英寸电视" },
  { "FreshKeep fridge", "FreshKeep 冰箱" },
  { "SoundBar Mini", "SoundBar Mini 音箱" },
};

/* ---- ticket categories and their texts ----------------------------------------
 * Tokens filled in: {p} product, {o} order, {i} invoice, {a} amount,
 * {t} tracking number, {e} error code. */

enum {
  CAT_BILLING, CAT_DELIVERY, CAT_TECHNICAL, CAT_ACCOUNT, CAT_RETURNS,
  CAT_DEFECT, CAT_GENERAL, N_CATEGORIES
};

static const char *const category_names[N_CATEGORIES] = {
  "Billing", "Delivery", "Technical", "Account", "Returns", "Product defect", "General enquiry",
};
static const guint category_weights[N_CATEGORIES] = { 18, 22, 20, 10, 12, 10, 8 };
static const int category_min_coverage[N_CATEGORIES] = { 3, 0, 4, 0, 0, 2, 0 };

static const Text subjects[N_CATEGORIES][6] = {
  { { "Charged twice for order {o}", "订单 {o} 被重复扣款" },
    { "Invoice {i} shows the wrong amount", "发票 {i} 金额有误" },
    { "Refund of {a} not received yet", "退款 {a} 尚未到账" },
    { "Question about the monthly statement", "对月度账单有疑问" },
    { "Cannot download invoice {i}", "无法下载发票 {i}" },
    { "Payment failed but money was deducted", "支付失败但已扣款" } },
  { { "Parcel for order {o} has not arrived", "订单 {o} 的包裹一直没到" },
    { "Delivery arrived damaged", "收到的货物有破损" },
    { "Wrong item delivered for order {o}", "订单 {o} 发错了货" },
    { "Courier marked {t} as delivered but nothing came", "快递单号 {t} 显示已签收但没收到" },
    { "Change delivery address for order {o}", "修改订单 {o} 的收货地址" },
    { "Delivery is five days late", "配送延误五天" } },
  { { "{p} will not connect to Wi-Fi", "{p} 无法连接 Wi-Fi" },
    { "{p} keeps restarting", "{p} 反复重启" },
    { "App cannot find the {p}", "App 搜索不到 {p}" },
    { "Firmware update failed on {p}", "{p} 固件升级失败" },
    { "{p} shows error code {e}", "{p} 显示错误代码 {e}" },
    { "Battery drains quickly on {p}", "{p} 耗电太快" } },
  { { "Cannot log in to the customer portal", "无法登录客户门户" },
    { "Change the email address on the account", "修改账户绑定的邮箱" },
    { "Account locked after too many attempts", "多次输错密码后账户被锁定" },
    { "Request to delete personal data", "申请删除个人数据" },
    { "Add a second user to the company account", "为公司账户添加第二个用户" },
    { "Password reset email never arrives", "收不到重置密码的邮件" } },
  { { "Return request for order {o}", "订单 {o} 申请退货" },
    { "Return label not received", "没有收到退货面单" },
    { "Refund after return still pending", "退货后退款仍未处理" },
    { "Exchange {p} for a different colour", "{p} 想换个颜色" },
    { "Item returned outside the 7-day window", "超过七天无理由退货期限" },
    { "Return pickup did not show up", "上门取件的快递员没有来" } },
  { { "{p} stopped working after two weeks", "{p} 用了两周就坏了" },
    { "Crack in the housing of the {p}", "{p} 外壳有裂痕" },
    { "{p} makes a loud noise", "{p} 噪音很大" },
    { "Screen flickers on {p}", "{p} 屏幕闪烁" },
    { "{p} overheats during use", "{p} 使用时过热" },
    { "Missing parts in the {p} box", "{p} 包装里缺少配件" } },
  { { "Question about the warranty for {p}", "{p} 的保修政策咨询" },
    { "Opening hours over the holiday", "节假日营业时间" },
    { "Is the {p} compatible with older models?", "{p} 是否兼容旧型号？" },
    { "Request for a product brochure", "索取产品手册" },
    { "Where is the nearest service centre?", "最近的维修网点在哪里？" },
    { "Bulk order discount", "批量采购有没有折扣" } },
};

static const Text descriptions[N_CATEGORIES][4] = {
  { { "The customer was charged {a} twice for order {o} and asks for one charge to be returned.", "客户反映订单 {o} 被扣款两次，共 {a}，要求退回一笔。" },
    { "Invoice {i} lists {a}, which does not match the quote the customer received.", "发票 {i} 上的金额为 {a}，与客户收到的报价不一致。" },
    { "A refund of {a} was promised two weeks ago and has not reached the card.", "两周前承诺的 {a} 退款至今未到账。" },
    { "The customer paid {a}; the payment page showed an error, yet the bank shows the debit.", "客户支付了 {a}，页面提示失败，但银行已扣款。" } },
  { { "Tracking number {t} has not moved for four days.", "快递单号 {t} 已经四天没有更新物流信息。" },
    { "The box for the {p} was crushed and the item inside is scratched.", "{p} 的外包装被压坏，里面的商品有划痕。" },
    { "The customer ordered a {p} but received a different model.", "客户订购的是 {p}，收到的却是别的型号。" },
    { "The courier says {t} was delivered, but the customer was at home all day.", "快递显示 {t} 已签收，但客户全天在家并未收到。" } },
  { { "Since the last update the {p} drops its connection every few minutes.", "上次更新后，{p} 每隔几分钟就断开连接。" },
    { "The customer already tried a factory reset; the problem is still there.", "客户已经恢复出厂设置，问题依旧。" },
    { "Error code {e} appears right after switching the {p} on.", "{p} 一开机就显示错误代码 {e}。" },
    { "The {p} worked fine until the firmware update last night.", "{p} 昨晚固件升级之前一直正常。" } },
  { { "The customer cannot sign in although the password was reset twice.", "客户已两次重置密码，仍然无法登录。" },
    { "The company's administrator left; they need a new account owner.", "公司原管理员已离职，需要变更账户负责人。" },
    { "The customer wants all personal data removed and a written confirmation.", "客户要求删除全部个人数据，并提供书面确认。" },
    { "Verification codes arrive after they have already expired.", "验证码收到时已经过期。" } },
  { { "The customer wants to return the {p} from order {o}; it is unused.", "客户想退回订单 {o} 中的 {p}，商品未使用。" },
    { "The {p} was sent back with tracking {t} ten days ago; no refund yet.", "十天前已通过 {t} 寄回 {p}，至今未退款。" },
    { "The customer asks whether the original packaging is needed for a return.", "客户询问退货是否需要原包装。" },
    { "A gift {p} arrived in the wrong colour; the customer wants an exchange.", "收到的礼品 {p} 颜色不对，客户希望换货。" } },
  { { "The {p} stopped working after two weeks of normal use.", "{p} 正常使用两周后就无法工作。" },
    { "There is a hairline crack near the power button of the {p}.", "{p} 电源键附近有一道细裂纹。" },
    { "The {p} gets too hot to touch after ten minutes.", "{p} 使用十分钟后烫得无法触摸。" },
    { "The manual and one cable were missing from the {p} box.", "{p} 包装内缺少说明书和一根数据线。" } },
  { { "The customer asks how long the warranty on the {p} lasts and what it covers.", "客户询问 {p} 的保修期限和保修范围。" },
    { "A company buyer asks for a price list for 50 units of the {p}.", "企业采购询问 {p} 50 台的报价。" },
    { "The customer wants to know whether the {p} works with the previous model.", "客户想知道 {p} 是否兼容上一代产品。" },
    { "The customer asks where to have the {p} serviced nearby.", "客户询问附近哪里可以维修 {p}。" } },
};

static const Text openers[5] = {
  { "Customer called about order {o}.", "客户来电，订单号 {o}。" },
  { "Email from the customer:", "客户来邮件：" },
  { "Chat started from the website.", "客户通过官网在线客服咨询。" },
  { "Came to the service desk in person.", "客户到服务台现场反映。" },
  { "Message forwarded by the sales team.", "销售部门转来的客户留言。" },
};

static const Text closers[] = {
  { "Asked for a call back today.", "希望今天回电。" },
  { "Prefers updates by email.", "希望通过邮件告知进展。" },
  { "Polite but clearly frustrated.", "客户语气还算客气，但比较着急。" },
  { "Second contact about this.", "这是客户第二次就此事联系我们。" },
  { "", "" },
  { "", "" },
};

static const Text public_notes[] = {
  { "Thank you for getting in touch. We are looking into it and will update you by tomorrow.", "感谢您的来信，我们正在处理，明天之前会给您答复。" },
  { "We have arranged a replacement; the courier will contact you before delivery.", "已为您安排换货，快递员送货前会与您联系。" },
  { "The refund has been approved and should reach your account within 3–5 working days.", "退款已审批，预计 3–5 个工作日到账。" },
  { "Could you send us a photo of the serial number label?", "麻烦提供一张序列号标签的照片。" },
  { "Please try the steps in the attached guide and let us know if it helps.", "请按照附件中的步骤操作，如有问题请告诉我们。" },
};

static const Text calls[] = {
  { "Called the customer and explained the next steps.", "已致电客户，说明了后续处理步骤。" },
  { "Called back; the customer confirmed the issue is fixed.", "回电客户，客户确认问题已解决。" },
  { "No answer, left a voicemail.", "电话无人接听，已留言。" },
  { "Walked the customer through the settings on the phone.", "电话中指导客户完成了设置。" },
};

static const Text internal_notes[] = {
  { "Checked with the warehouse: stock available.", "已与仓库确认，有库存。" },
  { "Finance confirms the duplicate charge.", "财务确认存在重复扣款。" },
  { "Known issue with firmware 2.3, see the knowledge base.", "固件 2.3 的已知问题，参见知识库文章。" },
  { "Key account, handle with priority.", "重点客户，请优先处理。" },
  { "Asked the courier for proof of delivery.", "已向快递公司索取签收凭证。" },
};

static const Text resolutions_notes[] = {
  { "Resolved: replacement shipped and the customer informed.", "已解决：已寄出替换商品并通知客户。" },
  { "Resolved: refund issued.", "已解决：退款已发放。" },
  { "Resolved: settings corrected remotely.", "已解决：已远程修正设置。" },
  { "Resolved: answered the question, nothing else needed.", "已解决：已答复客户，无需其他处理。" },
};

static const Text satisfaction_comments[] = {
  { "Quick and friendly, thank you!", "处理很快，服务态度好！" },
  { "Problem solved but it took too long.", "问题解决了，但用时太长。" },
  { "Very helpful.", "客服非常专业。" },
  { "Had to call three times.", "打了三次电话才解决。" },
};

static const Text escalation_targets[] = {
  { "Finance", "财务部" },
  { "Logistics", "物流部" },
  { "Field engineering", "工程服务部" },
  { "Team lead", "客服主管" },
};

static const Text escalation_reasons[] = {
  { "Refund above the rep's approval limit.", "退款金额超出客服权限，需审批。" },
  { "Needs an engineer on site.", "需要工程师上门。" },
  { "Courier claim must be filed by logistics.", "需物流部向快递公司索赔。" },
  { "Customer asked for a manager.", "客户要求主管处理。" },
};

/* ---- complaints ------------------------------------------------------------- */

enum {
  CC_DELIVERY, CC_QUALITY, CC_ATTITUDE, CC_BILLING, CC_REFUND, CC_INSTALLATION, N_COMPLAINT_CATS
};

static const char *const complaint_categories[N_COMPLAINT_CATS] = {
  "Delivery", "Product quality", "Service attitude", "Billing", "Refund", "Installation",
};

/* Which complaint category a ticket of each category leads to. */
static const int complaint_cat_for_ticket[N_CATEGORIES] = {
  CC_BILLING, CC_DELIVERY, CC_QUALITY, CC_ATTITUDE, CC_REFUND, CC_QUALITY, CC_ATTITUDE,
};

static const Text complaint_summaries[N_COMPLAINT_CATS][3] = {
  { { "Parcel arrived damaged and nobody called back", "快递包装破损，客服一直没有回电" },
    { "Delivery missed twice despite an agreed time", "约好时间仍两次未送达" },
    { "Courier was rude at the door", "快递员上门时态度恶劣" } },
  { { "{p} broke again after the repair", "{p} 维修后再次损坏" },
    { "Second faulty {p} in a month", "一个月内第二台 {p} 出现故障" },
    { "{p} does not match the advertised features", "{p} 与宣传的功能不符" } },
  { { "Rep hung up during the call", "客服在通话中挂断电话" },
    { "Promised call back never happened", "承诺的回电一直没有兑现" },
    { "Was passed between departments for a week", "被不同部门互相推诿了一周" } },
  { { "Charged for a cancelled order", "已取消的订单仍被扣款" },
    { "Invoice errors for three months in a row", "连续三个月发票出错" },
    { "Hidden fees on the contract", "合同中存在未说明的费用" } },
  { { "Refund of {a} still missing after a month", "{a} 退款一个月仍未到账" },
    { "Refund refused without a reason", "退款申请被无理由拒绝" },
    { "Only part of the refund was paid", "退款只退了一部分" } },
  { { "Installer left the {p} not working", "安装师傅走后 {p} 无法使用" },
    { "Installation appointment cancelled at short notice", "安装预约被临时取消" },
    { "Wall damaged during installation", "安装过程中损坏了墙面" } },
};

static const Text complaint_details[] = {
  { "The customer is upset that earlier contacts about this went unanswered and expects a written apology.", "客户对之前多次联系未获回应非常不满，要求书面道歉。" },
  { "The customer has been a client for years and says they will switch to a competitor if this is not fixed this week.", "客户是多年老客户，表示如果本周内不解决将转投竞争对手。" },
  { "The customer posted about this online and asks for a quick resolution.", "客户已在网上发帖投诉，要求尽快解决。" },
  { "Calm conversation; the customer wants to know what will change so it does not happen again.", "沟通平和，客户希望知道我们会如何改进以避免再次发生。" },
};

static const Text complaint_resolutions[] = {
  { "Replaced the unit, apologised, and fixed the process that caused the delay.", "已为客户更换新机并致歉，同时改进了导致延误的流程。" },
  { "Refunded in full and escalated the courier issue to logistics.", "已全额退款，并将快递问题上报物流部。" },
  { "Team lead called the customer, apologised and coached the rep involved.", "客服主管致电客户道歉，并对相关客服进行了辅导。" },
  { "Corrected the invoices and credited the overcharge.", "已更正发票并退还多收的费用。" },
};

static const Text compensations[] = {
  { "Voucher worth {a}", "赠送 {a} 代金券" },
  { "Delivery fee refunded ({a})", "退还运费 {a}" },
  { "Free 12-month warranty extension", "免费延长保修 12 个月" },
  { "Replacement at no charge", "免费更换新机" },
};

static const Text followup_notes_done[4] = {  /* by CdOutcome */
  { "Customer confirmed the solution works and thanked us.", "客户确认问题已解决，并表示感谢。" },
  { "Customer accepts the solution but is not enthusiastic.", "客户接受处理方案，但态度一般。" },
  { "Customer still unhappy with the outcome; another call planned.", "客户对结果仍不满意，已安排再次回访。" },
  { "No answer on two attempts.", "两次拨打均无人接听。" },
};

static const Text followup_notes_planned[] = {
  { "Call to confirm the replacement arrived.", "回访确认换货是否收到。" },
  { "Check that the refund reached the customer.", "确认客户已收到退款。" },
  { "Ask whether the problem came back.", "询问问题是否再次出现。" },
  { "Promised an update on the investigation.", "承诺告知调查进展。" },
};

static const Text followup_notes_missed = { "Call slot missed during a team meeting.", "因团队会议错过了回访时间。" };
static const Text followup_notes_cancelled = { "Customer asked not to be called again about this.", "客户表示此事无需再回访。" };

/* ---- staff ------------------------------------------------------------------- */

typedef struct {
  const char *name;
  const char *login;
  gboolean    zh;
} StaffSeed;

/* The first three become the other lead, the trainer and the admin. */
static const StaffSeed staff_pool[] = {
  { "张伟", "wei.zhang", TRUE }, { "Emma Wilson", "emma", FALSE }, { "周杰", "jie.zhou", TRUE },
  { "李娜", "lina", TRUE }, { "Oliver Schmidt", "oliver", FALSE }, { "王芳", "fang.wang", TRUE },
  { "陈静", "jing.chen", TRUE }, { "Priya Sharma", "priya", FALSE }, { "刘洋", "yang.liu", TRUE },
  { "Sophie Martin", "sophie", FALSE }, { "赵磊", "lei.zhao", TRUE }, { "黄敏", "min.huang", TRUE },
  { "James O'Connor", "james", FALSE }, { "吴霞", "xia.wu", TRUE }, { "孙丽", "li.sun", TRUE },
  { "Lucas Meyer", "lucas", FALSE }, { "杨帆", "fan.yang", TRUE }, { "徐静怡", "jingyi.xu", TRUE },
  { "Hannah Becker", "hannah", FALSE }, { "马晓东", "xiaodong.ma", TRUE }, { "Daniel Kim", "daniel", FALSE },
  { "胡婷婷", "tingting.hu", TRUE }, { "Laura García", "laura", FALSE }, { "郭建华", "jianhua.guo", TRUE },
  { "Tom Jensen", "tom", FALSE }, { "林小雨", "xiaoyu.lin", TRUE }, { "Chloé Dubois", "chloe", FALSE },
  { "Marco Rossi", "marco", FALSE }, { "何静", "jing.he", TRUE }, { "Yuki Tanaka", "yuki", FALSE },
  { "Samuel Okafor", "samuel", FALSE }, { "高远", "yuan.gao", TRUE }, { "Anna Nowak", "anna", FALSE },
  { "Grace Liu", "grace", FALSE },
};

#define MIN_STAFF 5
#define MAX_STAFF ((guint64) G_N_ELEMENTS (staff_pool))
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

static const CourseSeed courses[N_COURSES] = {
  { "产品线入门 Product line essentials", "product", "internal", 6,
    "Every product we sell, what customers use it for and the questions they ask most." },
  { "Billing and invoicing system", "product", "internal", 4,
    "Reading statements, issuing and correcting invoices, refunds by payment method." },
  { "Smart home devices: troubleshooting basics", "product", "online", 3,
    "Connectivity, resets and the common error codes of the SmartHome range." },
  { "Advanced diagnostics and firmware", "product", "internal", 8,
    "Logs, firmware recovery and when to send an engineer." },
  { "电话礼仪与积极倾听 Telephone etiquette and active listening", "service", "internal", 3,
    "Greeting, listening, summarising and closing a call well." },
  { "Handling complaints: acknowledge, investigate, resolve, follow up", "service", "internal", 6,
    "Taking complaints seriously and keeping the promises made to the customer." },
  { "Writing clear emails to customers", "service", "online", 2,
    "Short, friendly and complete replies; templates and tone." },
  { "消费者权益保护法要点 Consumer protection law essentials", "industry", "external", 4,
    "Returns, warranties and what the law requires of us." },
  { "E-commerce and logistics trends", "industry", "external", 3,
    "How customers shop and what they expect from delivery today." },
  { "Data protection and customer privacy", "policy", "online", 2,
    "What we may tell whom; masking, exports and the audit log." },
  { "企业文化与服务理念 Company values and service culture", "policy", "internal", 2,
    "Why we do things the way we do." },
  { "Refunds and returns policy", "policy", "online", 1.5,
    "The 7-day no-reason return, exchanges and refund timelines." },
};

typedef struct {
  const char *name;
  const char *level;
  int         validity_months;
  const char *description;
  int         courses[3];      /* -1 terminated */
  int         categories[3];   /* -1 terminated */
} CertSeed;

enum { CE_BILLING, CE_TECH_L1, CE_TECH_L2, CE_COMPLAINTS, CE_PRIVACY, N_CERTS };

static const CertSeed certs[N_CERTS] = {
  { "Billing specialist", "Specialist", 24, "May handle billing tickets, refunds and invoice corrections.",
    { CO_BILLING_SYSTEM, CO_RETURNS_POLICY, -1 }, { CAT_BILLING, -1 } },
  { "Technical support", "L1", 12, "First-line troubleshooting of our devices.",
    { CO_TECH_BASICS, -1 }, { CAT_TECHNICAL, -1 } },
  { "Technical support", "L2", 24, "Advanced diagnostics, firmware recovery and defect reports.",
    { CO_TECH_BASICS, CO_TECH_ADVANCED, -1 }, { CAT_TECHNICAL, CAT_DEFECT, -1 } },
  { "Complaint handling", "Certified", 12, "Owns complaints from first contact to the last follow-up.",
    { CO_COMPLAINTS, CO_PHONE, -1 }, { -1 } },
  { "Data protection", "Basic", 12, "Required for everyone who sees customer data.",
    { CO_PRIVACY, -1 }, { -1 } },
};

/* Which certifications qualify for a ticket category (bit per CE_*). */
static guint
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

/* ---- knowledge base ---------------------------------------------------------- */

static const struct {
  const char *title;
  const char *tags;
  const char *body;
} kb_seed[] = {
  { "如何重置智能家居网关 S2 / Resetting the SmartHome Hub S2", "technical,hub,reset",
    "1. 长按复位键 10 秒，直到指示灯变为橙色。\n2. 等待约 1 分钟，指示灯变为蓝色闪烁。\n3. 在 App 中重新添加设备。\n\n"
    "1. Hold the reset button for 10 seconds until the light turns orange.\n2. Wait about a minute for the blue blinking light.\n3. Add the hub again in the app." },
  { "Refund timelines by payment method", "billing,refund",
    "Card: 3–5 working days after approval. Alipay and WeChat Pay: within 24 hours. Bank transfer: up to 7 working days. "
    "Always tell the customer the date by which they will see the money, and set a follow-up for that date." },
  { "退货流程与七天无理由退货", "returns,policy",
    "签收后 7 天内、商品完好且不影响二次销售的，可无理由退货。客服在系统中创建退货单后，快递员将在 1–2 个工作日内上门取件。"
    "退款在仓库验收后 3 个工作日内原路退回。" },
  { "Handling an angry caller: listen, empathise, apologise, act", "service,complaints",
    "Let the customer finish. Repeat back what you heard. Apologise for the experience, not only for the fault. "
    "Say what you will do and by when, and record that promise as a follow-up so it is kept." },
  { "Firmware 2.3: known issues", "technical,firmware",
    "Some Nova X5 and SmartHome Hub units lose Wi-Fi after updating to 2.3. Workaround: forget the network and reconnect; "
    "version 2.3.1 fixes it. Escalate to L2 when the unit does not boot." },
  { "发票开具与重开说明", "billing,invoice",
    "增值税普通发票在订单完成后自动开具。需要更改抬头或税号时，请在原发票开具后 30 天内提交申请，财务将在 3 个工作日内重开。" },
  { "Courier claims for damaged parcels", "delivery,claims",
    "Ask the customer for photos of the box and the item within 48 hours of delivery. Logistics files the claim; "
    "we send the replacement without waiting for the courier's answer." },
  { "客户数据保护：可以告诉客户什么", "policy,privacy",
    "只向账户持有人或其授权联系人透露订单和账户信息。电话核实身份时至少确认两项信息（手机号后四位、最近订单号、收货地址）。"
    "导出客户数据会记录在审计日志中。" },
};

static const struct {
  const char *title;
  const char *body;
} canned_seed[] = {
  { "Greeting (English)",
    "Dear {customer_name},\n\nThank you for contacting us. I am looking into your request and will get back to you shortly.\n\nKind regards" },
  { "问候（中文）",
    "{customer_name}您好：\n\n感谢您联系我们，您的问题我们已经收到，正在为您处理，稍后会尽快回复您。\n\n祝好" },
  { "Refund confirmed",
    "Dear {customer_name},\n\nYour refund has been approved. Depending on your payment method it will reach you within 3–5 working days." },
  { "退款已处理",
    "{customer_name}您好：\n\n您的退款已审批通过，预计 3–5 个工作日内原路退回，请注意查收。" },
  { "Follow-up after a complaint",
    "Dear {customer_name},\n\nWe wanted to check that everything is now working as it should. If anything is still not right, simply reply to this message." },
  { "投诉回访",
    "{customer_name}您好，我是客服中心的回访专员。想跟您确认一下之前反映的问题现在是否已经解决？" },
};

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

  guint64             n_events;
  guint               desk_open_tickets;
  guint               desk_showcase;
} Gen;

#define DESK 0  /* the desktop user is always staff[0] */

static gboolean
fail_sql (Gen *g,
          int  rc)
{
  if (g->rc == SQLITE_OK)
    {
      g->rc = rc;
      g->errmsg = g_strdup (sqlite3_errmsg (g->db));
    }
  return FALSE;
}

static gboolean
exec_sql (Gen        *g,
          const char *sql)
{
  int rc = sqlite3_exec (g->db, sql, NULL, NULL, NULL);

  return rc == SQLITE_OK ? TRUE : fail_sql (g, rc);
}

static sqlite3_stmt *
prepare (Gen        *g,
         const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  int rc = sqlite3_prepare_v2 (g->db, sql, -1, &stmt, NULL);

  if (rc != SQLITE_OK)
    {
      fail_sql (g, rc);
      return NULL;
    }
  return stmt;
}

static gboolean
step_done (Gen          *g,
           sqlite3_stmt *stmt)
{
  int rc = sqlite3_step (stmt);

  sqlite3_reset (stmt);
  return rc == SQLITE_DONE ? TRUE : fail_sql (g, rc);
}

static inline void
bind_text (sqlite3_stmt *stmt,
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
bind_text_opt (sqlite3_stmt *stmt,
               int           col,
               const char   *text)
{
  bind_text (stmt, col, text != NULL && *text != '\0' ? text : NULL);
}

static inline void
bind_int (sqlite3_stmt *stmt,
          int           col,
          gint64        value)
{
  sqlite3_bind_int64 (stmt, col, value);
}

/* 0 is stored as NULL (ids, optional instants). */
static inline void
bind_opt (sqlite3_stmt *stmt,
          int           col,
          gint64        value)
{
  if (value != 0)
    sqlite3_bind_int64 (stmt, col, value);
  else
    sqlite3_bind_null (stmt, col);
}

static void
report (Gen    *g,
        double  within)
{
  if (g->progress != NULL)
    g->progress (g->progress_from + g->progress_span * CLAMP (within, 0.0, 1.0),
                 g->progress_what, g->progress_data);
}

static void
phase (Gen        *g,
       double      from,
       double      to,
       const char *what)
{
  g->progress_from = from;
  g->progress_span = to - from;
  g->progress_what = what;
  report (g, 0.0);
}

/* ---- business days ----------------------------------------------------------- */

static gboolean
is_business_day (Gen    *g,
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
static gint64
snap_forward (Gen    *g,
              gint64  t)
{
  gint64 day = local_day (t);
  gint64 s = t - day_start (day);

  s = (s + 899) / 900 * 900;
  for (;;)
    {
      if (is_business_day (g, day))
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
static gint64
snap_back (Gen    *g,
           gint64  t)
{
  gint64 day = local_day (t);
  gint64 s = t - day_start (day);

  s = s / 900 * 900;
  for (;;)
    {
      if (is_business_day (g, day) && s >= OPENS)
        return day_start (day) + MIN (s, CLOSES - 30 * MINUTE);
      day--;
      s = DAY;
    }
}

/* @t moved into opening hours when that keeps it within [@lo, @hi]; what
 * staff do happens at work. */
static gint64
staff_time (Gen    *g,
            gint64  t,
            gint64  lo,
            gint64  hi)
{
  gint64 s;

  if (hi < lo)
    return lo;
  t = CLAMP (t, lo, hi);
  s = snap_forward (g, t);
  if (s <= hi)
    return s;
  s = snap_back (g, t);
  if (s >= lo)
    return s;
  return t;
}

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

static void
warp_init (Warp           *w,
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

static void
warp_clear (Warp *w)
{
  g_clear_pointer (&w->cum, g_free);
}

static gint64
warp_at (Warp   *w,
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

  if (is_business_day (g, day))
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

static double
customer_slot_weight (Gen    *g,
                      gint64  t,
                      double  progress)
{
  gint64 h = local_secs (t) / HOUR;

  return (h >= 8 && h < 21 ? 1.0 : 0.08) * (0.8 + 0.4 * progress);
}

/* ---- filling in texts ---------------------------------------------------------- */

typedef struct {
  const char *p;
  const char *o;
  const char *i;
  const char *a;
  const char *t;
  const char *e;
} Fill;

/* Appends @tpl with its tokens replaced to @buf (of @size bytes) at
 * *@len; always NUL-terminated, truncated if it must be. */
static void
fill_append (char       *buf,
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

static void
append (char       *buf,
        gsize       size,
        gsize      *len,
        const char *text)
{
  static const Fill none = { "", "", "", "", "", "" };

  fill_append (buf, size, len, text, &none);
}

static inline const char *
tr (const Text *text,
    gboolean    zh)
{
  return zh ? text->zh : text->en;
}

static void
digits (Rng  *r,
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

static void
format_amount (Rng        *r,
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
      digits (r, num, 1 + rng_below (r, 4));
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
      digits (r, num, rng_below (r, 3));
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
      digits (r, a, 8);
      g_snprintf (out, size, "%s%s", PICK (r, cn_mobile_prefixes), a);
      break;
    case LOC_UK:
      digits (r, a, 3);
      digits (r, b, 6);
      g_snprintf (out, size, "+44 7%s %s", a, b);
      break;
    case LOC_US:
      digits (r, a, 3);
      digits (r, b, 4);
      g_snprintf (out, size, "+1 %u %s %s", 201 + rng_below (r, 780), a, b);
      break;
    case LOC_DE:
      digits (r, a, 1);
      digits (r, b, 8);
      g_snprintf (out, size, "+49 15%s %s", a, b);
      break;
    case LOC_AU:
      digits (r, a, 2);
      digits (r, b, 6);
      g_snprintf (out, size, "+61 4%s %.3s %s", a, b, b + 3);
      break;
    case LOC_SG:
      digits (r, a, 3);
      digits (r, b, 4);
      g_snprintf (out, size, "+65 %c%s %s", rng_chance (r, 0.5) ? '8' : '9', a, b);
      break;
    case LOC_FR:
    case N_LOCALES:
    default:
      digits (r, a, 8);
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

  digits (r, a, 8);
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

/* ---- the fixed tables -------------------------------------------------------- */

/* Start of the made-up history: three years before now, when the team
 * started to use Caredesk. */
static gint64
origin_of (Gen *g)
{
  return day_start (local_day (g->now) - 3 * 365) + 10 * HOUR;
}

static gboolean
gen_settings (Gen *g)
{
  sqlite3_stmt *stmt = prepare (g, "INSERT INTO settings (key, value, created_at, updated_at, version) VALUES (?1, ?2, ?3, ?3, 1)");
  char value[64];
  gboolean ok = stmt != NULL;

  if (ok)
    {
      g_snprintf (value, sizeof value, "%u", g->seed);
      bind_text (stmt, 1, "demo.seed");
      bind_text (stmt, 2, value);
      bind_int (stmt, 3, g->now);
      ok = step_done (g, stmt);
    }
  if (ok)
    {
      g_snprintf (value, sizeof value, "%" G_GINT64_FORMAT, g->now);
      bind_text (stmt, 1, "demo.generated_at");
      bind_text (stmt, 2, value);
      ok = step_done (g, stmt);
    }
  if (ok)
    {
      g_snprintf (value, sizeof value, "%" G_GUINT64_FORMAT, g->size.tickets);
      bind_text (stmt, 1, "demo.tickets");
      bind_text (stmt, 2, value);
      ok = step_done (g, stmt);
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
  bind_text (stmt, 1, text);
  bind_text (stmt, 2, name);
  bind_int (stmt, 3, created);
  return step_done (g, stmt);
}

static gboolean
gen_calendar (Gen      *g,
              GError  **error)
{
  sqlite3_stmt *stmt;
  gint64 created = origin_of (g) - 30 * DAY;
  int year = office_year (g->now);
  gboolean ok;

  stmt = prepare (g, "INSERT INTO business_calendars (id, name, timezone, week_schedule, created_at, updated_at, version) "
                     "VALUES (1, 'Shanghai support centre (上海客服中心)', ?1, ?2, ?3, ?3, 1)");
  if (stmt == NULL)
    return FALSE;
  bind_text (stmt, 1, OFFICE_TIMEZONE);
  bind_text (stmt, 2, OFFICE_WEEK);
  bind_int (stmt, 3, created);
  ok = step_done (g, stmt);
  sqlite3_finalize (stmt);
  if (!ok)
    return FALSE;

  g->hol_first_day = days_from_civil (year - 3, 1, 1);
  g->hol_n_days = (guint) (days_from_civil (year + 2, 1, 1) - g->hol_first_day);
  g->hol = g_new0 (guint8, g->hol_n_days);
  g->hol_days = g_ptr_array_new_with_free_func (g_free);

  stmt = prepare (g, "INSERT INTO holidays (calendar_id, day, name, created_at, updated_at, version) VALUES (1, ?1, ?2, ?3, ?3, 1)");
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
  gint64 created = origin_of (g) - 20 * DAY;
  gboolean ok = TRUE;

  stmt = prepare (g, "INSERT INTO sla_policies (priority, tier, first_response_minutes, resolution_minutes, calendar_id, created_at, updated_at, version) "
                     "VALUES (?1, ?2, ?3, ?4, 1, ?5, ?5, 1)");
  if (stmt == NULL)
    return FALSE;
  for (int p = 0; ok && p < 4; p++)
    {
      g->sla_fr[p] = fr[p];
      g->sla_res[p] = res[p];
      bind_text (stmt, 1, cd_priority_to_nick ((CdPriority) p));
      bind_text (stmt, 2, NULL);
      bind_int (stmt, 3, fr[p]);
      bind_int (stmt, 4, res[p]);
      bind_int (stmt, 5, created);
      ok = step_done (g, stmt);
    }
  /* Strategic accounts get a faster answer on high-priority tickets. */
  g->sla_strategic_fr = 30;
  g->sla_strategic_res = 360;
  if (ok)
    {
      bind_text (stmt, 1, cd_priority_to_nick (CD_PRIORITY_HIGH));
      bind_text (stmt, 2, cd_tier_to_nick (CD_TIER_STRATEGIC));
      bind_int (stmt, 3, g->sla_strategic_fr);
      bind_int (stmt, 4, g->sla_strategic_res);
      bind_int (stmt, 5, created + 90 * DAY);
      ok = step_done (g, stmt);
    }
  sqlite3_finalize (stmt);
  if (!ok)
    return FALSE;

  stmt = prepare (g, "INSERT INTO ticket_categories (id, name, min_coverage, created_at, updated_at, version) VALUES (?1, ?2, ?3, ?4, ?4, 1)");
  if (stmt == NULL)
    return FALSE;
  for (int c = 0; ok && c < N_CATEGORIES; c++)
    {
      bind_int (stmt, 1, c + 1);
      bind_text (stmt, 2, category_names[c]);
      bind_int (stmt, 3, category_min_coverage[c]);
      bind_int (stmt, 4, created);
      ok = step_done (g, stmt);
    }
  sqlite3_finalize (stmt);
  return ok;
}

static gboolean
gen_staff (Gen        *g,
           Rng        *r,
           const char *login,
           const char *display_name)
{
  sqlite3_stmt *stmt;
  gint64 origin = origin_of (g);
  guint taken = 0;
  gboolean ok = TRUE;

  g->staff[DESK].login = login;
  g->staff[DESK].name = display_name;
  g->staff[DESK].role = CD_ROLE_LEAD;
  g->staff[DESK].hired_at = origin - rng_between (r, 60, 400) * DAY;
  g->n_staff = 1;

  for (guint i = 0; i < G_N_ELEMENTS (staff_pool) && g->n_staff < g->size.staff; i++)
    {
      Staff *s;

      /* The desktop user may already be one of the made-up people. */
      if (g_strcmp0 (staff_pool[i].login, login) == 0)
        continue;
      s = &g->staff[g->n_staff];
      s->login = staff_pool[i].login;
      s->name = staff_pool[i].name;
      s->zh = staff_pool[i].zh;
      switch (taken++)
        {
        case 0:
          s->role = CD_ROLE_LEAD;
          g->other_lead = g->n_staff;
          break;
        case 1:
          s->role = CD_ROLE_TRAINER;
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

  stmt = prepare (g, "INSERT INTO staff (id, login, display_name, role, email, team, active, created_at, updated_at, version) "
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
      bind_int (stmt, 1, s->id);
      bind_text (stmt, 2, s->login);
      bind_text (stmt, 3, s->name);
      bind_text (stmt, 4, cd_role_to_nick (s->role));
      bind_text (stmt, 5, mail);
      bind_text (stmt, 6, TEAM_NAME);
      bind_int (stmt, 7, s->hired_at);
      ok = step_done (g, stmt);
    }
  sqlite3_finalize (stmt);
  return ok;
}

/* A rep (or sometimes a lead) who worked here at @t and, when @wanted is
 * not 0, preferably holds one of those certifications. */
static guint
pick_assignee (Gen    *g,
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

/* ---- training ----------------------------------------------------------------- */

static gint64
office_day_at (Gen    *g,
               gint64  t,
               int     hh,
               int     mm)
{
  gint64 day = local_day (t);

  while (!is_business_day (g, day))
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
  bind_int (stmt, 1, g->staff[staff].id);
  bind_opt (stmt, 2, course >= 0 ? course + 1 : 0);
  bind_opt (stmt, 3, cert >= 0 ? cert + 1 : 0);
  bind_text (stmt, 4, kind);
  sqlite3_bind_double (stmt, 5, score);
  sqlite3_bind_double (stmt, 6, pass_mark);
  bind_int (stmt, 7, g->staff[assessor].id);
  bind_int (stmt, 8, at);
  bind_int (stmt, 9, at);
  return step_done (g, stmt);
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

  bind_int (cert_stmt, 1, g->staff[staff].id);
  bind_int (cert_stmt, 2, cert + 1);
  bind_int (cert_stmt, 3, issued);
  bind_int (cert_stmt, 4, expires);
  bind_opt (cert_stmt, 5, revoked);
  bind_int (cert_stmt, 6, issued);
  bind_int (cert_stmt, 7, MAX (issued, revoked));
  g->staff[staff].certs |= 1u << cert;
  return step_done (g, cert_stmt);
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

static gboolean
gen_training (Gen *g,
              Rng *r)
{
  sqlite3_stmt *stmt = NULL, *cert_stmt = NULL, *assess_stmt = NULL, *enrol_stmt = NULL;
  gint64 origin = origin_of (g);
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

  stmt = prepare (g, "INSERT INTO courses (id, title, kind, delivery, hours, description, created_at, updated_at, version) "
                     "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?7, 1)");
  for (int c = 0; ok && stmt != NULL && c < N_COURSES; c++)
    {
      bind_int (stmt, 1, c + 1);
      bind_text (stmt, 2, courses[c].title);
      bind_text (stmt, 3, courses[c].kind);
      bind_text (stmt, 4, courses[c].delivery);
      sqlite3_bind_double (stmt, 5, courses[c].hours);
      bind_text (stmt, 6, courses[c].description);
      bind_int (stmt, 7, origin - 25 * DAY + c * HOUR);
      ok = step_done (g, stmt);
    }
  sqlite3_finalize (stmt);
  if (!ok || g->rc != SQLITE_OK)
    return FALSE;

  stmt = prepare (g, "INSERT INTO certifications (id, name, level, validity_months, description, created_at, updated_at, version) "
                     "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?6, 1)");
  for (int c = 0; ok && stmt != NULL && c < N_CERTS; c++)
    {
      bind_int (stmt, 1, c + 1);
      bind_text (stmt, 2, certs[c].name);
      bind_text (stmt, 3, certs[c].level);
      bind_int (stmt, 4, certs[c].validity_months);
      bind_text (stmt, 5, certs[c].description);
      bind_int (stmt, 6, origin - 24 * DAY + c * HOUR);
      ok = step_done (g, stmt);
    }
  sqlite3_finalize (stmt);
  if (!ok || g->rc != SQLITE_OK)
    return FALSE;

  stmt = prepare (g, "INSERT INTO certification_courses (certification_id, course_id) VALUES (?1, ?2)");
  for (int c = 0; ok && stmt != NULL && c < N_CERTS; c++)
    for (int k = 0; ok && k < 3 && certs[c].courses[k] >= 0; k++)
      {
        bind_int (stmt, 1, c + 1);
        bind_int (stmt, 2, certs[c].courses[k] + 1);
        ok = step_done (g, stmt);
      }
  sqlite3_finalize (stmt);
  stmt = prepare (g, "INSERT INTO certification_categories (certification_id, category_id) VALUES (?1, ?2)");
  for (int c = 0; ok && stmt != NULL && c < N_CERTS; c++)
    for (int k = 0; ok && k < 3 && certs[c].categories[k] >= 0; k++)
      {
        bind_int (stmt, 1, c + 1);
        bind_int (stmt, 2, certs[c].categories[k] + 1);
        ok = step_done (g, stmt);
      }
  sqlite3_finalize (stmt);
  if (!ok || g->rc != SQLITE_OK)
    return FALSE;

  cert_stmt = prepare (g, "INSERT INTO staff_certifications (staff_id, certification_id, issued_at, expires_at, revoked_at, created_at, updated_at, version) "
                          "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, 1)");
  assess_stmt = prepare (g, "INSERT INTO assessments (staff_id, course_id, certification_id, kind, score, pass_mark, assessor_id, assessed_at, created_at, updated_at, version) "
                            "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?9, 1)");
  ok = cert_stmt != NULL && assess_stmt != NULL && gen_staff_certifications (g, r, cert_stmt, assess_stmt);
  sqlite3_finalize (cert_stmt);
  if (!ok)
    goto out;

  /* This year's plan: everyone renews privacy and culture; reps work on
   * service skills and the products they support. */
  stmt = prepare (g, "INSERT INTO training_plan_items (year, staff_id, course_id, due_at, completed_at, created_at, updated_at, version) "
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
          bind_int (stmt, 1, year);
          bind_int (stmt, 2, st->id);
          bind_int (stmt, 3, c + 1);
          bind_int (stmt, 4, due);
          bind_opt (stmt, 5, done);
          bind_int (stmt, 6, plan_created);
          bind_int (stmt, 7, MAX (done, plan_created));
          ok = step_done (g, stmt);
        }
    }
  sqlite3_finalize (stmt);
  if (!ok || g->rc != SQLITE_OK)
    goto out;

  /* Sessions over the past year and the coming weeks, with who came. */
  stmt = prepare (g, "INSERT INTO training_sessions (id, course_id, starts_at, ends_at, trainer_id, place, capacity, created_at, updated_at, version) "
                     "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?8, 1)");
  enrol_stmt = prepare (g, "INSERT INTO enrolments (session_id, staff_id, attendance, created_at, updated_at, version) "
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
          bind_int (stmt, 1, session_id);
          bind_int (stmt, 2, c + 1);
          bind_int (stmt, 3, starts);
          bind_int (stmt, 4, ends);
          bind_opt (stmt, 5, external ? 0 : g->staff[trainer].id);
          bind_text (stmt, 6, place);
          if (online && rng_chance (r, 0.5))
            sqlite3_bind_null (stmt, 7);
          else
            bind_int (stmt, 7, capacity);
          bind_int (stmt, 8, created);
          ok = step_done (g, stmt);

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
              bind_int (enrol_stmt, 1, session_id);
              bind_int (enrol_stmt, 2, g->staff[s].id);
              bind_text (enrol_stmt, 3, attendance);
              bind_int (enrol_stmt, 4, enrolled_at);
              bind_int (enrol_stmt, 5, updated);
              ok = step_done (g, enrol_stmt);
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

static gboolean
gen_knowledge (Gen *g,
               Rng *r)
{
  sqlite3_stmt *stmt;
  gint64 origin = origin_of (g);
  guint authors[3];
  gboolean ok = TRUE;

  authors[0] = g->trainer;
  authors[1] = g->other_lead;
  authors[2] = DESK;

  stmt = prepare (g, "INSERT INTO kb_articles (title, body, tags, author_id, created_at, updated_at, version) "
                     "VALUES (?1, ?2, ?3, ?4, ?5, ?6, 1)");
  for (guint i = 0; ok && stmt != NULL && i < G_N_ELEMENTS (kb_seed); i++)
    {
      gint64 created = origin + rng_between (r, 10, 700) * DAY;
      gint64 updated;

      created += rng_between (r, 0, 8 * HOUR);
      updated = rng_chance (r, 0.5) ? rng_between (r, created, g->now - DAY) : created;

      bind_text (stmt, 1, kb_seed[i].title);
      bind_text (stmt, 2, kb_seed[i].body);
      bind_text (stmt, 3, kb_seed[i].tags);
      bind_int (stmt, 4, g->staff[authors[i % 3]].id);
      bind_int (stmt, 5, created);
      bind_int (stmt, 6, updated);
      ok = step_done (g, stmt);
    }
  sqlite3_finalize (stmt);

  stmt = prepare (g, "INSERT INTO canned_replies (title, body, created_at, updated_at, version) VALUES (?1, ?2, ?3, ?3, 1)");
  for (guint i = 0; ok && stmt != NULL && i < G_N_ELEMENTS (canned_seed); i++)
    {
      bind_text (stmt, 1, canned_seed[i].title);
      bind_text (stmt, 2, canned_seed[i].body);
      bind_int (stmt, 3, origin + rng_between (r, 1, 30) * DAY);
      ok = step_done (g, stmt);
    }
  sqlite3_finalize (stmt);
  return ok && g->rc == SQLITE_OK;
}

/* ---- customers, first pass ------------------------------------------------------
 * What tickets and complaints need to know about a customer (when they
 * became one, where they live, tier, owner) is decided before any ticket;
 * the rest of the row is written at the end. */

static void
plan_customers (Gen *g,
                Rng *r)
{
  static const guint tier_weights[] = { 2, 10, 23, 65 };
  guint64 n = g->n_customers;
  /* A fifth came from the old system in one import on the first day. */
  guint64 imported = n / 5;
  gint64 origin = origin_of (g);
  Warp warp;

  g->cust_created = g_new (gint64, n);
  g->cust_first = g_new0 (gint64, n);
  g->cust_last = g_new0 (gint64, n);
  g->cust_tier = g_new (guint8, n);
  g->cust_locale = g_new (guint8, n);
  g->cust_owner = g_new (guint8, n);
  g->key_customers = g_new (guint32, n);
  g->n_key = 0;

  warp_init (&warp, g, origin + DAY, g->now - HOUR, customer_slot_weight);
  for (guint64 c = 0; c < n; c++)
    {
      CdTier tier = (CdTier) PICK_W (r, tier_weights);
      guint owner = 0;

      if (c < imported)
        g->cust_created[c] = origin + (gint64) (c * (30 * MINUTE) / MAX (imported, 1));
      else
        g->cust_created[c] = warp_at (&warp, ((double) (c - imported) + rng_unit (r)) / (double) (n - imported));

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
  warp_clear (&warp);
}

static inline void
touch_customer (Gen    *g,
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

      bind_int (b->event, 1, ticket_id);
      bind_text (b->event, 2, e->kind);
      bind_opt (b->event, 3, e->author == NOBODY ? 0 : g->staff[e->author].id);
      bind_text_opt (b->event, 4, e->body);
      if (e->old_staff != NOBODY)
        {
          g_snprintf (old_id, sizeof old_id, "%" G_GINT64_FORMAT, g->staff[e->old_staff].id);
          bind_text (b->event, 5, old_id);
        }
      else
        bind_text (b->event, 5, e->old_value);
      if (e->new_staff != NOBODY)
        {
          g_snprintf (new_id, sizeof new_id, "%" G_GINT64_FORMAT, g->staff[e->new_staff].id);
          bind_text (b->event, 6, new_id);
        }
      else
        bind_text (b->event, 6, e->new_value);
      bind_int (b->event, 7, e->at);
      if (!step_done (g, b->event))
        return FALSE;
    }
  g->n_events += b->n_events;
  b->n_events = 0;
  return TRUE;
}

static const char *const status_nick[] = { "new", "open", "pending", "resolved", "closed" };
static const char *const priority_nick[] = { "low", "normal", "high", "urgent" };
static const char *const channel_nick[] = { "phone", "email", "chat", "in_person", "other" };

static void
ticket_fill (Rng    *r,
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
  format_amount (r, loc, 15, 900, bufs[2], 48);
  if (loc == LOC_CHINA || loc == LOC_EXPAT)
    {
      digits (r, bufs[3] + 2, 12);
      bufs[3][0] = 'S';
      bufs[3][1] = 'F';
    }
  else
    {
      digits (r, bufs[3] + 2, 16);
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
static gboolean
emit_complaint (Batch  *b,
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
    owner = pick_assignee (g, r, t0, 1u << CE_COMPLAINTS);
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
    ack = staff_time (g, t0 + rng_between (r, 20 * MINUTE, 3 * HOUR), t0 + MINUTE, g->now - MINUTE);
  if (status >= CD_COMPLAINT_RESOLVED)
    resolved_at = staff_time (g, ack + (showcase ? rng_between (r, 4 * HOUR, DAY) : rng_between (r, DAY, 8 * DAY)),
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
      due[k] = at = snap_forward (g, at + rng_between (r, DAY, 3 * DAY));
    n_fit = n_past;
    if (n_past > 0 && due[n_past - 1] > limit)
      {
        gint64 window = limit - start;

        n_fit = window > 0 ? (guint) MIN ((gint64) n_past, window / (10 * MINUTE)) : 0;
        for (guint k = 0; k < n_fit; k++)
          {
            gint64 lo_k = k == 0 ? start + MINUTE : due[k - 1] + MINUTE;
            gint64 t = start + window * (2 * (gint64) k + 1) / (2 * (gint64) n_fit);
            gint64 back = snap_back (g, t);

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
        assignee = pick_assignee (g, r, created, 1u << CE_COMPLAINTS);

      if (planned)
        {
          gboolean overdue = showcase || rng_chance (r, 0.08);

          if (overdue)
            {
              gint64 t = snap_back (g, g->now - (showcase ? rng_between (r, 3 * HOUR, 30 * HOUR)
                                                          : rng_between (r, 2 * HOUR, 4 * DAY)));

              if (t <= created + 30 * MINUTE)
                t = snap_forward (g, created + 30 * MINUTE);
              if (t < g->now - HOUR)
                due_at = t;
            }
          if (due_at == 0)
            due_at = snap_forward (g, g->now + rng_between (r, HOUR, 10 * DAY));
          if (showcase || (due_at < g->now && rng_chance (r, 0.1)))
            assignee = DESK;
          fu_status = "scheduled";
          notes = tr (&PICK (r, followup_notes_planned), zh);
          fu_updated = created;
        }
      else if (k >= n_fit)
        {
          /* No time for it before now: called off before it was due. */
          due_at = snap_forward (g, g->now + rng_between (r, DAY, 5 * DAY));
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
                touch_customer (g, customer, done_at);
            }
          else
            {
              fu_updated = clamp64 (due_at + rng_between (r, HOUR, DAY), created + MINUTE, upper);
              notes = tr (strcmp (fu_status, "missed") == 0 ? &followup_notes_missed : &followup_notes_cancelled, zh);
            }
          prev = fu_updated;
        }

      creator = owner != NOBODY ? owner : assignee;
      bind_int (b->followup, 1, complaint_id);
      bind_int (b->followup, 2, due_at);
      bind_int (b->followup, 3, g->staff[assignee].id);
      bind_text (b->followup, 4, cd_followup_method_to_nick ((CdFollowupMethod) PICK_W (r, method_weights)));
      bind_text (b->followup, 5, fu_status);
      bind_text (b->followup, 6, outcome);
      bind_opt (b->followup, 7, satisfaction);
      bind_text (b->followup, 8, notes);
      bind_opt (b->followup, 9, done_at);
      bind_int (b->followup, 10, g->staff[creator].id);
      bind_int (b->followup, 11, created);
      bind_int (b->followup, 12, fu_updated);
      if (!step_done (g, b->followup))
        return FALSE;
      b->followups_done++;
      updated = MAX (updated, fu_updated);
    }

  if (status == CD_COMPLAINT_CLOSED)
    {
      closed_at = d > 0 ? prev + rng_between (r, 10 * MINUTE, DAY) : resolved_at + rng_between (r, DAY, 5 * DAY);
      closed_at = staff_time (g, closed_at, MAX (prev, resolved_at) + MINUTE, g->now - MINUTE);
      updated = MAX (updated, closed_at);
    }
  updated = MIN (MAX (updated, MAX (t0, ack)), g->now);
  touch_customer (g, customer, t0);

  ticket_fill (r, loc, zh, t0, &fill, fbufs);
  len = 0;
  fill_append (summary, sizeof summary, &len, tr (&complaint_summaries[ccat][rng_below (r, 3)], zh), &fill);
  len = 0;
  append (details, sizeof details, &len, tr (&PICK (r, complaint_details), zh));
  resolution[0] = compensation[0] = '\0';
  if (status >= CD_COMPLAINT_RESOLVED)
    {
      len = 0;
      append (resolution, sizeof resolution, &len, tr (&PICK (r, complaint_resolutions), zh));
      if (rng_chance (r, 0.4))
        {
          format_amount (r, loc, 5, 60, fbufs[5], sizeof fbufs[5]);
          fill.a = fbufs[5];
          len = 0;
          fill_append (compensation, sizeof compensation, &len, tr (&PICK (r, compensations), zh), &fill);
        }
    }

  bind_int (b->complaint, 1, complaint_id);
  bind_int (b->complaint, 2, (gint64) customer + 1);
  bind_opt (b->complaint, 3, ticket_id);
  bind_text (b->complaint, 4, summary);
  bind_text (b->complaint, 5, details);
  bind_text (b->complaint, 6, cd_severity_to_nick (severity));
  bind_text (b->complaint, 7, complaint_categories[ccat]);
  bind_opt (b->complaint, 8, owner == NOBODY ? 0 : g->staff[owner].id);
  bind_text (b->complaint, 9, cd_complaint_status_to_nick (status));
  bind_text_opt (b->complaint, 10, resolution);
  bind_text_opt (b->complaint, 11, compensation);
  bind_opt (b->complaint, 12, closed_at);
  bind_int (b->complaint, 13, t0);
  bind_int (b->complaint, 14, updated);
  return step_done (g, b->complaint);
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
              ps = staff_time (g, fr + rng_between (r, 10 * MINUTE, DAY), fr + MINUTE, g->now - MINUTE);
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
      ps = staff_time (g, fr + rng_between (r, 10 * MINUTE, DAY), fr + MINUTE, g->now - MINUTE);
      pe = ps + rng_between (r, 2 * HOUR, 2 * DAY);
      if (pe < g->now - MINUTE)
        paused = cd_sla_business_seconds_between (g->cal, ps, pe);
      else
        ps = pe = 0;
    }
  else if (status == CD_TICKET_PENDING)
    {
      ps = staff_time (g, fr + (gint64) ((double) (g->now - fr) * (0.1 + 0.8 * rng_unit (r))),
                       fr + MINUTE, g->now - MINUTE);
      pending_since = ps;
    }

  if (status == CD_TICKET_CLOSED)
    {
      /* Closed by the rep within three days, else automatically. */
      closed = resolved + rng_between (r, HOUR, 5 * DAY);
      if (closed - resolved <= 3 * DAY)
        closed = staff_time (g, closed, resolved + MINUTE, MAX (g->now - MINUTE, resolved + MINUTE));
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
    assignee = pick_assignee (g, r, created, category_cert_mask (category));
  if (open_status && assignee != NOBODY && (g->desk_open_tickets < 2 || rng_chance (r, 0.04)))
    assignee = DESK;
  if (open_status && assignee == DESK)
    g->desk_open_tickets++;
  creator = assignee != NOBODY && rng_chance (r, 0.7) ? assignee : pick_assignee (g, r, created, 0);

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

      esc_at = staff_time (g, fr + rng_between (r, 30 * MINUTE, DAY), fr + MINUTE, end - 2 * MINUTE);
      if (esc_at > fr && esc_at < end - MINUTE)
        {
          esc_to = tr (&escalation_targets[target], zh);
          esc_reason = tr (&escalation_reasons[target], zh);
          esc_due = snap_forward (g, esc_at + rng_between (r, 4 * HOUR, 2 * DAY));
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
        at = staff_time (g, at, created + MINUTE, fr != 0 ? fr - MINUTE : g->now - MINUTE);
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
          gint64 at = staff_time (g, fr + (gint64) ((double) (end - fr) * rng_unit (r)), fr, end);

          add_event (b, at, "note_internal", who, tr (&PICK (r, internal_notes), zh), NULL, NULL);
        }
      for (guint k = 0; k < extras; k++)
        {
          gint64 at = staff_time (g, fr + (gint64) ((double) (end - fr) * (0.1 + 0.8 * rng_unit (r))), fr, end);
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

          add_event (b, staff_time (g, fr + span * (2 * k + 1), fr + span * 2 * k + 1, fr + span * (2 * k + 2) - 1),
                     "status", who, NULL, "open", "resolved");
          add_event (b, fr + span * (2 * k + 2), "status", NOBODY, NULL, "resolved", "open");
        }
      if (esc_at != 0)
        add_event (b, esc_at, "escalation", who, esc_reason, NULL, esc_to);
      if (full && rng_chance (r, 0.04))
        add_event (b, staff_time (g, fr + (gint64) ((double) (end - fr) * rng_unit (r) * 0.5), fr, end), "priority", who, NULL,
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

  touch_customer (g, customer, created);
  if (fr != 0)
    touch_customer (g, customer, fr);
  if (resolved != 0)
    touch_customer (g, customer, resolved);

  /* Texts. */
  ticket_fill (r, loc, zh, created, &fill, fbufs);
  len = 0;
  fill_append (subject, sizeof subject, &len, tr (&subjects[category][rng_below (r, 6)], zh), &fill);
  len = 0;
  fill_append (description, sizeof description, &len,
               tr (&openers[channel], zh), &fill);
  if (!zh)
    append (description, sizeof description, &len, " ");
  fill_append (description, sizeof description, &len, tr (&descriptions[category][rng_below (r, 4)], zh), &fill);
  {
    const char *closer = tr (&PICK (r, closers), zh);

    if (*closer != '\0')
      {
        if (!zh)
          append (description, sizeof description, &len, " ");
        append (description, sizeof description, &len, closer);
      }
  }

  bind_int (b->ticket, 1, id);
  bind_int (b->ticket, 2, (gint64) customer + 1);
  bind_text (b->ticket, 3, subject);
  bind_text (b->ticket, 4, description);
  bind_text (b->ticket, 5, channel_nick[channel]);
  bind_int (b->ticket, 6, category + 1);
  bind_text (b->ticket, 7, priority_nick[priority]);
  bind_text (b->ticket, 8, status_nick[status]);
  bind_opt (b->ticket, 9, assignee == NOBODY ? 0 : g->staff[assignee].id);
  bind_int (b->ticket, 10, g->staff[creator].id);
  bind_opt (b->ticket, 11, fr);
  bind_opt (b->ticket, 12, resolved);
  bind_opt (b->ticket, 13, closed);
  bind_opt (b->ticket, 14, pending_since);
  bind_int (b->ticket, 15, paused);
  bind_int (b->ticket, 16, reopen);
  bind_int (b->ticket, 17, interactions);
  bind_int (b->ticket, 18, clock.first_response_due);
  bind_int (b->ticket, 19, clock.resolution_due);
  bind_opt (b->ticket, 20, satisfaction);
  bind_text (b->ticket, 21, sat_comment);
  bind_text (b->ticket, 22, esc_to);
  bind_text (b->ticket, 23, esc_reason);
  bind_opt (b->ticket, 24, esc_due);
  bind_int (b->ticket, 25, created);
  bind_int (b->ticket, 26, updated);
  if (!step_done (g, b->ticket))
    return FALSE;
  return flush_events (b, id);
}

static gboolean
gen_activity (Gen *g,
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
  b.ticket = prepare (g, "INSERT INTO tickets (id, customer_id, subject, description, channel, category_id, priority, status, "
                         "assignee_id, created_by, first_response_at, resolved_at, closed_at, pending_since, paused_seconds, "
                         "reopen_count, interaction_count, first_response_due, resolution_due, satisfaction, satisfaction_comment, "
                         "escalated_to, escalation_reason, escalation_due, created_at, updated_at, version) "
                         "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, "
                         "?21, ?22, ?23, ?24, ?25, ?26, 1)");
  b.event = prepare (g, "INSERT INTO ticket_events (ticket_id, kind, author_id, body, old_value, new_value, created_at) "
                        "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)");
  b.complaint = prepare (g, "INSERT INTO complaints (id, customer_id, ticket_id, summary, details, severity, category, owner_id, "
                            "status, resolution, compensation, closed_at, created_at, updated_at, version) "
                            "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, 1)");
  b.followup = prepare (g, "INSERT INTO followups (complaint_id, due_at, assignee_id, method, status, outcome, satisfaction, "
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

  warp_init (&warp, g, g->now - 730 * DAY, g->now - 2 * MINUTE, ticket_slot_weight);
  for (guint64 i = 0; ok && i < n; i++)
    {
      gint64 created = warp_at (&warp, ((double) i + rng_unit (r)) / (double) n);
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
          ok = emit_complaint (&b, j, min64 (created + rng_between (r, 0, 3 * HOUR), g->now - 2 * MINUTE));
          j++;
        }

      if ((i & 4095) == 0)
        report (g, (double) i / (double) n);
    }
  warp_clear (&warp);

out:
  sqlite3_finalize (b.ticket);
  sqlite3_finalize (b.event);
  sqlite3_finalize (b.complaint);
  sqlite3_finalize (b.followup);
  return ok && g->rc == SQLITE_OK;
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

static gboolean
gen_customers (Gen *g,
               Rng *r)
{
  static const guint channel_weights[] = { 35, 25, 25, 5, 2, 8 };
  sqlite3_stmt *stmt;
  gboolean ok = TRUE;

  stmt = prepare (g, "INSERT INTO customers (id, name, organisation, phone, phone2, email, address, preferred_channel, tier, "
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

      bind_int (stmt, 1, (gint64) c + 1);
      bind_text (stmt, 2, name);
      bind_text_opt (stmt, 3, org);
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
      bind_text (stmt, 4, phone);
      bind_text_opt (stmt, 5, phone2);
      bind_text_opt (stmt, 6, mail);
      bind_text_opt (stmt, 7, address);
      bind_text (stmt, 8, channel);
      bind_text (stmt, 9, cd_tier_to_nick (tier));
      bind_text_opt (stmt, 10, tags);
      bind_opt (stmt, 11, g->cust_owner[c] != 0 ? g->staff[g->cust_owner[c] - 1].id : 0);
      bind_text (stmt, 12, notes);
      bind_int (stmt, 13, archived ? 1 : 0);
      bind_opt (stmt, 14, last);
      bind_int (stmt, 15, created);
      bind_int (stmt, 16, MAX (created, last));
      ok = step_done (g, stmt);

      if ((c & 4095) == 0)
        report (g, (double) c / (double) g->n_customers);
    }
  sqlite3_finalize (stmt);
  return ok;
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
  sqlite3_stmt *stmt = prepare (g, sql);
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
  sqlite3_stmt *stmt = prepare (g, sql);
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
  stmt = prepare (g, "SELECT name, sql, tbl_name FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL ORDER BY name");
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

      if (!exec_sql (g, sql))
        return FALSE;
    }

  /* The triggers that copy names onto tickets would search the tickets
   * of each customer as it is written, without an index: they are dropped
   * too, and their work is done once after the load (restore_triggers). */
  g_ptr_array_set_size (names, 0);
  saved->trigger_sql = g_ptr_array_new_with_free_func (g_free);
  stmt = prepare (g, "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' ORDER BY name");
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

      if (!exec_sql (g, sql))
        return FALSE;
    }
  return TRUE;
}

static gboolean
restore_triggers (Gen   *g,
                  Saved *saved)
{
  if (!exec_sql (g, CD_SCHEMA_FILL_TICKET_NAMES))
    return FALSE;
  for (guint i = 0; i < saved->trigger_sql->len; i++)
    if (!exec_sql (g, saved->trigger_sql->pdata[i]))
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
      if (!exec_sql (g, saved->index_sql->pdata[i]))
        return FALSE;
      done += index_weight (g, saved->index_table->pdata[i]);
      report (g, done / total);
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
    return fail_sql (g, sqlite3_errcode (g->db) != SQLITE_OK ? sqlite3_errcode (g->db) : SQLITE_ERROR);

  /* Rows go in parents-last (customers after their tickets), and the
   * whole load is one transaction on a file nobody else has yet: no
   * foreign-key checks, no syncs, a big cache and sorting in memory on
   * two threads. Reading the tables through a memory map makes building
   * the indexes about a third faster. */
  return exec_sql (g, "PRAGMA foreign_keys = OFF") &&
         exec_sql (g, "PRAGMA journal_mode = MEMORY") &&
         exec_sql (g, "PRAGMA synchronous = OFF") &&
         exec_sql (g, "PRAGMA cache_size = -262144") &&
         exec_sql (g, "PRAGMA temp_store = MEMORY") &&
         exec_sql (g, "PRAGMA mmap_size = 2147418112") &&
         exec_sql (g, "PRAGMA threads = 2");
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
  if (!exec_sql (g, "PRAGMA threads = 0") ||
      !exec_sql (g, "PRAGMA temp_store = DEFAULT") ||
      !exec_sql (g, cache) ||
      !exec_sql (g, mmap) ||
      !exec_sql (g, sync) ||
      !exec_sql (g, journal) ||
      !exec_sql (g, fk))
    return FALSE;

  mode = query_text (g, "PRAGMA journal_mode");
  if (mode == NULL || g_ascii_strcasecmp (mode, saved->journal_mode) != 0)
    return fail_sql (g, SQLITE_ERROR);
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

  phase (g, 0.0, 0.02, _("Preparing the database…"));
  ok = fast_settings (g, &saved) &&
       drop_indexes (g, &saved) &&
       exec_sql (g, "BEGIN");

  if (ok)
    {
      GError *local_error = NULL;

      phase (g, 0.0, 0.02, _("Creating staff, calendar and training records…"));
      ok = gen_settings (g) &&
           gen_calendar (g, &local_error) &&
           gen_sla_and_categories (g) &&
           gen_staff (g, &rng_setup, login, display_name) &&
           gen_training (g, &rng_training) &&
           gen_knowledge (g, &rng_setup);
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
      plan_customers (g, &rng_customers);
      phase (g, 0.02, 0.64, _("Creating tickets, complaints and follow-ups…"));
      ok = gen_activity (g, &rng_activity);
    }
  if (ok)
    {
      phase (g, 0.64, 0.67, _("Creating customers…"));
      ok = gen_customers (g, &rng_rows);
    }
  ok = ok && exec_sql (g, "COMMIT");
  if (ok)
    {
      phase (g, 0.67, 0.99, _("Building indexes…"));
      ok = exec_sql (g, "BEGIN") && restore_triggers (g, &saved) &&
           create_indexes (g, &saved) && exec_sql (g, "COMMIT");
    }
  if (ok)
    phase (g, 0.99, 1.0, _("Finishing…"));

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
  report (g, 1.0);
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
  guint64 tickets = 0;
  gboolean too_big = FALSE;

  g_return_val_if_fail (size != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  copy = g_strstrip (g_strdup (text != NULL ? text : ""));
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
  return TRUE;
}

static void
remove_with_journals (const char *path)
{
  static const char *const suffixes[] = { "", "-journal", "-wal", "-shm" };

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

  store = cd_store_open (tmp, CD_STORE_OPEN_CREATE | CD_STORE_OPEN_NO_WATCH, error);
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
  g_clear_object (&store);

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
