/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "caredesk-demo"

#include "config.h"

#include "cd-demo-private.h"

/* The made-up world of the demo company: names, places, products and the
 * texts that tickets, complaints and follow-ups are made of. Their sizes
 * are declared in cd-demo-private.h: a list that grows needs its count
 * there too, and the compiler says so when they differ. */

/* Most frequent first: picks are skewed towards the start. */
const Han surnames[] = {
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

const Han given_one[] = {
  { "伟", "wei" }, { "芳", "fang" }, { "娜", "na" }, { "敏", "min" }, { "静", "jing" },
  { "丽", "li" }, { "强", "qiang" }, { "磊", "lei" }, { "军", "jun" }, { "洋", "yang" },
  { "勇", "yong" }, { "艳", "yan" }, { "杰", "jie" }, { "涛", "tao" }, { "明", "ming" },
  { "超", "chao" }, { "秀", "xiu" }, { "霞", "xia" }, { "平", "ping" }, { "刚", "gang" },
  { "鹏", "peng" }, { "华", "hua" }, { "玲", "ling" }, { "婷", "ting" }, { "斌", "bin" },
  { "宇", "yu" }, { "浩", "hao" }, { "凯", "kai" }, { "健", "jian" }, { "帆", "fan" },
  { "晨", "chen" }, { "欣", "xin" }, { "博", "bo" }, { "雪", "xue" }, { "琳", "lin" },
  { "颖", "ying" }, { "倩", "qian" }, { "亮", "liang" }, { "辉", "hui" }, { "丹", "dan" },
};

const Han given_two[] = {
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

const Latin first_names[] = {
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

const Latin last_names[] = {
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

const City cities[] = {
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

const Han roads[] = {
  { "人民路", "Renmin Road" }, { "中山路", "Zhongshan Road" }, { "解放路", "Jiefang Road" },
  { "建设路", "Jianshe Road" }, { "和平路", "Heping Road" }, { "长江路", "Changjiang Road" },
  { "科技路", "Keji Road" }, { "文化路", "Wenhua Road" }, { "创新大道", "Chuangxin Avenue" },
  { "世纪大道", "Century Avenue" }, { "学府路", "Xuefu Road" }, { "滨江大道", "Binjiang Avenue" },
};

const char *const cn_mobile_prefixes[] = {
  "130", "131", "132", "133", "135", "136", "137", "138", "139", "150", "151", "152",
  "155", "156", "157", "158", "159", "166", "177", "180", "181", "182", "186", "187",
  "188", "189", "198", "199",
};

const char *const cn_mail_domains[] = { "qq.com", "163.com", "126.com", "sina.com", "foxmail.com", "139.com" };

const guint latin_locale_weights[] = { 0, 25, 20, 20, 12, 8, 8, 7 };

const char *const intl_mail_domains[] = {
  "gmail.com", "outlook.com", "yahoo.com", "icloud.com", "hotmail.com", "proton.me",
};

const char *const org_cores_han[] = {
  "华信", "恒达", "东方", "金桥", "瑞丰", "新世纪", "博远", "嘉和", "天成", "宏图",
  "永泰", "中联", "锦程", "汇通", "星辰", "海川",
};

const char *const org_cores_pinyin[] = {
  "huaxin", "hengda", "dongfang", "jinqiao", "ruifeng", "xinshiji", "boyuan", "jiahe", "tiancheng", "hongtu",
  "yongtai", "zhonglian", "jincheng", "huitong", "xingchen", "haichuan",
};

const char *const org_trades_han[] = {
  "电子", "贸易", "物流", "科技", "餐饮管理", "医疗器械", "家居", "文化传媒", "信息技术", "商贸",
};

const char *const org_suffix_han[] = { "有限公司", "有限公司", "股份有限公司", "集团有限公司" };

const char *const org_cores_latin[] = {
  "Northwind", "Bluewater", "Redwood", "Silverline", "Harbour", "Summit", "Oakridge", "Brightway",
  "Crescent", "Evergreen", "Ironbridge", "Meridian", "Pioneer", "Sterling", "Westfield", "Lakeside",
};

const char *const org_trades_latin[] = {
  "Trading", "Logistics", "Foods", "Electronics", "Design", "Retail", "Healthcare", "Hospitality",
  "Consulting", "Motors",
};

const Text products[] = {
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

const char *const category_names[N_CATEGORIES] = {
  "Billing", "Delivery", "Technical", "Account", "Returns", "Product defect", "General enquiry",
};

const guint category_weights[N_CATEGORIES] = { 18, 22, 20, 10, 12, 10, 8 };

const int category_min_coverage[N_CATEGORIES] = { 3, 0, 4, 0, 0, 2, 0 };

const Text subjects[N_CATEGORIES][6] = {
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

const Text descriptions[N_CATEGORIES][4] = {
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

const Text openers[5] = {
  { "Customer called about order {o}.", "客户来电，订单号 {o}。" },
  { "Email from the customer:", "客户来邮件：" },
  { "Chat started from the website.", "客户通过官网在线客服咨询。" },
  { "Came to the service desk in person.", "客户到服务台现场反映。" },
  { "Message forwarded by the sales team.", "销售部门转来的客户留言。" },
};

const Text closers[] = {
  { "Asked for a call back today.", "希望今天回电。" },
  { "Prefers updates by email.", "希望通过邮件告知进展。" },
  { "Polite but clearly frustrated.", "客户语气还算客气，但比较着急。" },
  { "Second contact about this.", "这是客户第二次就此事联系我们。" },
  { "", "" },
  { "", "" },
};

const Text public_notes[] = {
  { "Thank you for getting in touch. We are looking into it and will update you by tomorrow.", "感谢您的来信，我们正在处理，明天之前会给您答复。" },
  { "We have arranged a replacement; the courier will contact you before delivery.", "已为您安排换货，快递员送货前会与您联系。" },
  { "The refund has been approved and should reach your account within 3–5 working days.", "退款已审批，预计 3–5 个工作日到账。" },
  { "Could you send us a photo of the serial number label?", "麻烦提供一张序列号标签的照片。" },
  { "Please try the steps in the attached guide and let us know if it helps.", "请按照附件中的步骤操作，如有问题请告诉我们。" },
};

const Text calls[] = {
  { "Called the customer and explained the next steps.", "已致电客户，说明了后续处理步骤。" },
  { "Called back; the customer confirmed the issue is fixed.", "回电客户，客户确认问题已解决。" },
  { "No answer, left a voicemail.", "电话无人接听，已留言。" },
  { "Walked the customer through the settings on the phone.", "电话中指导客户完成了设置。" },
};

const Text internal_notes[] = {
  { "Checked with the warehouse: stock available.", "已与仓库确认，有库存。" },
  { "Finance confirms the duplicate charge.", "财务确认存在重复扣款。" },
  { "Known issue with firmware 2.3, see the knowledge base.", "固件 2.3 的已知问题，参见知识库文章。" },
  { "Key account, handle with priority.", "重点客户，请优先处理。" },
  { "Asked the courier for proof of delivery.", "已向快递公司索取签收凭证。" },
};

const Text resolutions_notes[] = {
  { "Resolved: replacement shipped and the customer informed.", "已解决：已寄出替换商品并通知客户。" },
  { "Resolved: refund issued.", "已解决：退款已发放。" },
  { "Resolved: settings corrected remotely.", "已解决：已远程修正设置。" },
  { "Resolved: answered the question, nothing else needed.", "已解决：已答复客户，无需其他处理。" },
};

const Text satisfaction_comments[] = {
  { "Quick and friendly, thank you!", "处理很快，服务态度好！" },
  { "Problem solved but it took too long.", "问题解决了，但用时太长。" },
  { "Very helpful.", "客服非常专业。" },
  { "Had to call three times.", "打了三次电话才解决。" },
};

const Text escalation_targets[] = {
  { "Finance", "财务部" },
  { "Logistics", "物流部" },
  { "Field engineering", "工程服务部" },
  { "Team lead", "客服主管" },
};

const Text escalation_reasons[] = {
  { "Refund above the rep's approval limit.", "退款金额超出客服权限，需审批。" },
  { "Needs an engineer on site.", "需要工程师上门。" },
  { "Courier claim must be filed by logistics.", "需物流部向快递公司索赔。" },
  { "Customer asked for a manager.", "客户要求主管处理。" },
};

const char *const complaint_categories[N_COMPLAINT_CATS] = {
  "Delivery", "Product quality", "Service attitude", "Billing", "Refund", "Installation",
};

/* Which complaint category a ticket of each category leads to. */
const int complaint_cat_for_ticket[N_CATEGORIES] = {
  CC_BILLING, CC_DELIVERY, CC_QUALITY, CC_ATTITUDE, CC_REFUND, CC_QUALITY, CC_ATTITUDE,
};

const Text complaint_summaries[N_COMPLAINT_CATS][3] = {
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

const Text complaint_details[] = {
  { "The customer is upset that earlier contacts about this went unanswered and expects a written apology.", "客户对之前多次联系未获回应非常不满，要求书面道歉。" },
  { "The customer has been a client for years and says they will switch to a competitor if this is not fixed this week.", "客户是多年老客户，表示如果本周内不解决将转投竞争对手。" },
  { "The customer posted about this online and asks for a quick resolution.", "客户已在网上发帖投诉，要求尽快解决。" },
  { "Calm conversation; the customer wants to know what will change so it does not happen again.", "沟通平和，客户希望知道我们会如何改进以避免再次发生。" },
};

const Text complaint_resolutions[] = {
  { "Replaced the unit, apologised, and fixed the process that caused the delay.", "已为客户更换新机并致歉，同时改进了导致延误的流程。" },
  { "Refunded in full and escalated the courier issue to logistics.", "已全额退款，并将快递问题上报物流部。" },
  { "Team lead called the customer, apologised and coached the rep involved.", "客服主管致电客户道歉，并对相关客服进行了辅导。" },
  { "Corrected the invoices and credited the overcharge.", "已更正发票并退还多收的费用。" },
};

const Text compensations[] = {
  { "Voucher worth {a}", "赠送 {a} 代金券" },
  { "Delivery fee refunded ({a})", "退还运费 {a}" },
  { "Free 12-month warranty extension", "免费延长保修 12 个月" },
  { "Replacement at no charge", "免费更换新机" },
};

const Text followup_notes_done[4] = {  /* by CdOutcome */
  { "Customer confirmed the solution works and thanked us.", "客户确认问题已解决，并表示感谢。" },
  { "Customer accepts the solution but is not enthusiastic.", "客户接受处理方案，但态度一般。" },
  { "Customer still unhappy with the outcome; another call planned.", "客户对结果仍不满意，已安排再次回访。" },
  { "No answer on two attempts.", "两次拨打均无人接听。" },
};

const Text followup_notes_planned[] = {
  { "Call to confirm the replacement arrived.", "回访确认换货是否收到。" },
  { "Check that the refund reached the customer.", "确认客户已收到退款。" },
  { "Ask whether the problem came back.", "询问问题是否再次出现。" },
  { "Promised an update on the investigation.", "承诺告知调查进展。" },
};

const Text followup_notes_missed = { "Call slot missed during a team meeting.", "因团队会议错过了回访时间。" };

const Text followup_notes_cancelled = { "Customer asked not to be called again about this.", "客户表示此事无需再回访。" };

/* The first three become the other lead, the trainer and the admin. */
const StaffSeed staff_pool[] = {
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

const CourseSeed courses[N_COURSES] = {
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

const CertSeed certs[N_CERTS] = {
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

const char *const status_nick[] = { "new", "open", "pending", "resolved", "closed" };
const char *const priority_nick[] = { "low", "normal", "high", "urgent" };
const char *const channel_nick[] = { "phone", "email", "chat", "in_person", "other" };
