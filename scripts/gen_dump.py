#!/usr/bin/env python3
"""Generate a large, realistic registry dump for load tests of `regscreen screen`.

Every record is invented here (no registry data is copied): names follow the real pattern region + trade
name (字号) + industry (行业) + legal form (组织形式), scopes are built from standard business-scope items with
the approval boilerplate and the local disclaimer styles registries use, credit codes have valid check digits
(scripts/uscc.py). About 5% of the records use a restricted financial term affirmatively, about 10% carry a
finance disclaimer (不得从事…金融业务) that mentions terms in a negated clause, and about 1% contain lookalikes
(基金会, 金融街, 鸿基金属).

  gen_dump.py --rows 1000000 --seed 1 --out dump.csv
  gen_dump.py --rows 1000 --format jsonl --out dump.jsonl
  gen_dump.py --rows 1000 --encoding gb18030 --messy --out messy_gbk.csv

--messy adds what real exports contain: scopes with line breaks inside quotes, stray quotes, empty fields and
a 登记类型 column; the output stays valid CSV (each record is one record for Python's csv module).
"""
import argparse
import csv
import io
import json
import os
import random
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import uscc  # noqa: E402  (scripts/uscc.py: check digits of 统一社会信用代码)

REGIONS = [
    ("北京", "110105"), ("上海", "310115"), ("天津", "120224"), ("重庆", "500103"), ("广州", "440106"),
    ("深圳", "440305"), ("杭州", "330106"), ("宁波", "330203"), ("南京", "320106"), ("苏州", "320505"),
    ("盐城", "320902"), ("成都", "510107"), ("武汉", "420106"), ("长沙", "430104"), ("西安", "610113"),
    ("安康", "610902"), ("银川", "640104"), ("福州", "350102"), ("厦门", "350206"), ("济南", "370102"),
    ("青岛", "370212"), ("郑州", "410105"), ("合肥", "340104"), ("南昌", "360102"), ("昆明", "530102"),
    ("贵阳", "520102"), ("南宁", "450103"), ("石家庄", "130102"), ("太原", "140105"), ("沈阳", "210102"),
    ("大连", "210204"), ("哈尔滨", "230102"), ("长春", "220102"), ("兰州", "620102"), ("乌鲁木齐", "650102"),
    ("天津宝坻", "120224"), ("上海浦东新区", "310115"), ("浙江", "330000"), ("江苏", "320000"), ("四川", "510000"),
]

# Characters trade names are made of (common in real 字号, none of them forming a restricted term alone).
TRADE_CHARS = ("华恒信达通泰瑞丰鑫源盛隆昌宏远鼎天宇博创智联合新兴嘉诚祥和美佳安康顺永益明德汇晟锦辉凯腾"
               "万众启航星辰海山川东南西北中金银玉龙凤云峰林森水木春秋晨光阳辰尚品优卓越弘毅")

INDUSTRIES_PLAIN = [
    "科技", "信息技术", "网络科技", "电子商务", "贸易", "商贸", "进出口", "建筑工程", "装饰工程", "劳务",
    "餐饮管理", "酒店管理", "物业管理", "房地产开发", "房地产经纪", "物流", "供应链管理", "汽车销售",
    "汽车服务", "医疗器械", "生物科技", "农业开发", "农业科技", "食品", "服装", "文化传媒", "广告",
    "教育科技", "培训", "旅游", "环保科技", "新能源", "机械设备", "电子", "五金", "家具", "印刷",
    "人力资源", "企业管理咨询", "商务咨询", "会展服务", "健康管理", "美容美发", "家政服务", "安防科技",
]
# Industries that are restricted terms (the ~5%): what screening is for.
INDUSTRIES_FINANCE = [
    "投资管理", "资产管理", "财富管理", "金融信息服务", "互联网金融信息服务", "股权投资基金管理", "基金管理",
    "网络借贷信息中介", "P2P信息咨询", "商品交易中心", "金融服务外包", "理财咨询", "支付科技", "众筹科技",
]
LEGAL_FORMS = ["有限公司", "有限公司", "有限公司", "有限责任公司", "股份有限公司", "合伙企业（有限合伙）", "集团有限公司"]

SCOPE_ITEMS = [
    "技术开发、技术咨询、技术服务、技术转让", "软件开发", "信息系统集成服务", "计算机软硬件及辅助设备零售",
    "网络技术服务", "数据处理和存储支持服务", "互联网销售（除销售需要许可的商品）", "日用百货销售",
    "五金产品批发", "建筑材料销售", "机械设备租赁", "普通货物仓储服务（不含危险化学品等需许可审批的项目）",
    "国内货物运输代理", "道路货物运输（不含危险货物）", "餐饮服务", "食品经营（销售预包装食品）",
    "住房租赁", "物业管理", "房地产经纪", "园林绿化工程施工", "建设工程施工", "住宅室内装饰装修",
    "广告设计、代理", "广告制作", "会议及展览服务", "组织文化艺术交流活动", "企业形象策划", "市场营销策划",
    "企业管理咨询", "信息咨询服务（不含许可类信息咨询服务）", "人力资源服务（不含职业中介活动、劳务派遣服务）",
    "家政服务", "健康咨询服务（不含诊疗服务）", "第二类医疗器械销售", "化妆品零售", "服装服饰批发",
    "农产品的生产、销售、加工、运输、贮藏及其他相关服务", "谷物种植", "蔬菜种植", "货物进出口", "技术进出口",
    "汽车新车销售", "二手车经纪", "机动车修理和维护", "电子产品销售", "通讯设备销售", "办公用品销售",
    "教育咨询服务（不含涉许可审批的教育培训活动）", "体育用品及器材零售", "旅游业务", "票务代理服务",
    "环境保护专用设备销售", "太阳能发电技术服务", "新能源汽车整车销售", "印刷品装订服务", "家具销售",
]
# Scope items with restricted terms used affirmatively.
SCOPE_FINANCE = [
    "投资管理", "资产管理", "以自有资金从事投资活动", "股权投资基金管理", "受托管理股权投资基金",
    "接受金融机构委托从事金融信息技术外包", "金融信息服务", "互联网金融信息服务", "理财咨询", "财富管理",
    "为P2P网络借贷提供信息中介服务", "网络借贷信息中介服务", "股权众筹融资服务", "互联网支付", "支付结算服务",
    "大宗商品现货交易场所服务", "贵金属交易中心会员服务", "互联网保险经纪", "基金销售", "商务信息咨询（含投资咨询）",
]
BOILERPLATE = [
    "（依法须经批准的项目，经相关部门批准后方可开展经营活动）",
    "（除依法须经批准的项目外，凭营业执照依法自主开展经营活动）",
    "。（依法须经批准的项目，经相关部门批准后方可开展经营活动）",
    "",
]
# Finance disclaimers in the styles of several provinces (they mention terms in a negated clause).
DISCLAIMERS = [
    "（不得从事非法集资、吸收公众资金等金融活动）",
    "（未经金融等监管部门批准，不得从事向公众融资存款、融资担保、代客理财等金融服务）",
    "（不得从事吸收存款、集资收款、受托贷款、发放贷款等国家金融监管及财政信用业务）",
    "（未经金融监管部门批准，不得从事吸收存款、融资担保、代客理财等金融业务）",
    "，不得从事增值电信、金融业务",
    "（不含金融、证券、期货、保险业务）",
]
# Lookalikes: the characters of a term belonging to other words.
LOOKALIKE_NAMES = ["鸿基金属制品", "金融街物业服务", "慈善基金会服务中心", "理财通讯器材", "二手车交易中心"]
SEPARATORS = ["；", "、", "，", ";"]


def trade_name(rng):
    return "".join(rng.choice(TRADE_CHARS) for _ in range(rng.choice((2, 2, 2, 3, 4))))


def make_record(i, rng, messy):
    region, area = rng.choice(REGIONS)
    r = rng.random()
    finance = r < 0.05
    lookalike = 0.05 <= r < 0.06
    if finance and rng.random() < 0.6:
        industry = rng.choice(INDUSTRIES_FINANCE)
    elif lookalike:
        industry = rng.choice(LOOKALIKE_NAMES)
    else:
        industry = rng.choice(INDUSTRIES_PLAIN)
    name = region + trade_name(rng) + industry + rng.choice(LEGAL_FORMS)
    if rng.random() < 0.04:
        name += rng.choice(("分公司", "第一分公司", rng.choice(REGIONS)[0] + "分公司"))
    items = rng.sample(SCOPE_ITEMS, rng.randint(3, 12))
    if finance:
        for _ in range(rng.randint(1, 3)):
            items.insert(rng.randrange(len(items) + 1), rng.choice(SCOPE_FINANCE))
    sep = rng.choice(SEPARATORS)
    scope = sep.join(items)
    if rng.random() < 0.10:
        scope += rng.choice(DISCLAIMERS)
    scope += rng.choice(BOILERPLATE)
    if messy and rng.random() < 0.01:
        scope = scope.replace(sep, sep + "\n", 1)  # a line break inside the quoted scope
    if messy and rng.random() < 0.005:
        scope = "\"三无\"产品除外；" + scope  # quotes inside the field (escaped by the CSV writer)
    code = uscc.make(rng.choice(("91", "91", "91", "92", "93")), area, rng)
    rec = {"id": "r%07d" % i, "企业名称": name, "统一社会信用代码": code, "经营范围": scope}
    if messy:
        if rng.random() < 0.01:
            rec["经营范围"] = ""
        rec["登记类型"] = rng.choice(("存量", "存量", "存量", "设立", "变更"))
    return rec


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--rows", type=int, default=1000)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--format", choices=("csv", "tsv", "jsonl"), default="csv")
    ap.add_argument("--encoding", choices=("utf-8", "utf-8-sig", "gb18030"), default="utf-8")
    ap.add_argument("--messy", action="store_true", help="line breaks in quoted scopes, quotes, empty fields")
    ap.add_argument("--out", default="-", help="output file (default: stdout)")
    args = ap.parse_args()

    rng = random.Random(args.seed)
    if args.out == "-":
        out = io.TextIOWrapper(sys.stdout.buffer, encoding=args.encoding, newline="")
    else:
        out = open(args.out, "w", encoding=args.encoding, newline="")
    with out:
        first = make_record(0, random.Random(args.seed), args.messy)
        fields = list(first.keys())
        if args.format == "jsonl":
            for i in range(1, args.rows + 1):
                out.write(json.dumps(make_record(i, rng, args.messy), ensure_ascii=False) + "\n")
        else:
            if args.format == "tsv":
                # TSV exports do not quote: a tab or line break inside a field would split it.
                w = csv.writer(out, delimiter="\t", quoting=csv.QUOTE_NONE, escapechar=None, quotechar=None,
                               lineterminator="\n")
            else:
                w = csv.writer(out, lineterminator="\n")
            w.writerow(fields)
            for i in range(1, args.rows + 1):
                rec = make_record(i, rng, args.messy)
                if args.format == "tsv":
                    rec = {k: v.replace("\t", " ").replace("\n", " ") for k, v in rec.items()}
                w.writerow([rec[f] for f in fields])


if __name__ == "__main__":
    main()
