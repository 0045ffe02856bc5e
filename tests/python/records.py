"""Hand-written and generated test records (invented; no real registry data).

RECORDS: records that exercise the offsets and the context rules: CJK and mixed scripts, full-width and
Traditional forms, separators inside terms, characters outside the BMP and Latin-1 letters before hits,
negated clauses, lookalikes. generate(n, seed): realistic-looking records, about 5% with terms.
"""

from __future__ import annotations

import random
from typing import Dict, List, Optional

# Each: name, scope, website (optional). Written for these tests.
RECORDS: List[Dict[str, Optional[str]]] = [
    {"id": "r01", "name": "上海浦江财富管理有限公司", "scope": "财富管理；投资咨询；企业管理咨询。", "website": None},
    {"id": "r02", "name": "杭州云帆网络科技有限公司", "scope": "网络技术开发；代客理 财；计算机软件销售", "website": None},
    {"id": "r03", "name": "深圳ABC网贷信息服务有限公司", "scope": "提供Ｐ２Ｐ网络借贷信息中介服务", "website": "ABC网贷平台"},
    {"id": "r04", "name": "北京鸿基金属制品有限公司", "scope": "金属制品加工、销售", "website": None},
    {"id": "r05", "name": "成都锦城商贸有限公司",
     "scope": "日用百货销售（不得从事非法集资、吸收公众资金等金融活动）", "website": None},
    {"id": "r06", "name": "𠀀𠀁 café 理财顾问有限公司", "scope": "Café 经营；理·财咨询", "website": None},
    {"id": "r07", "name": "台北理財投資管理有限公司", "scope": "投資管理、資產管理", "website": None},
    {"id": "r08", "name": "宁夏塞上农业发展有限公司", "scope": "农作物种植；农产品初加工；农业技术推广服务", "website": None},
    {"id": "r09", "name": "南京秦淮p2p金融服务有限公司", "scope": "金融信息服务（未经金融监管部门批准，不得从事吸收存款、融资担保、代客理财等金融业务）", "website": "秦淮金融网"},
    {"id": "r10", "name": "苏州工业园区互联网保险代理有限公司", "scope": "互联网保险代理；第三方支付技术服务", "website": None},
    {"id": "r11", "name": "天津宝坻交易中心有限公司", "scope": "股权交易所服务；商务咨询；非融资性担保", "website": "宝坻交易所"},
    {"id": "r12", "name": "Acme Trading Co., Ltd.", "scope": "import and export; 支\u200b付 clearing", "website": None},
    {"id": "r13", "name": "重庆股权众筹科技有限公司", "scope": "股 权 众 筹 平台运营", "website": None},
    {"id": "r14", "name": "", "scope": "", "website": None},
]

_REGIONS = ["北京", "上海", "天津", "重庆", "杭州", "宁波", "南京", "苏州", "盐城", "银川", "安康", "成都",
            "武汉", "长沙", "广州", "深圳", "厦门", "青岛", "济南", "郑州", "西安", "合肥", "昆明", "贵阳"]
_TRADE = ["鸿达", "瑞丰", "金桥", "华远", "恒信", "博雅", "新锐", "东方", "晨光", "汇通", "宏图", "启明", "天成",
          "锦程", "佳和", "创优", "凯润", "德胜", "永安", "聚源", "星河", "蓝海", "盛世", "云帆", "嘉禾"]
_INDUSTRY = ["商贸", "科技", "网络科技", "信息技术", "建筑工程", "餐饮管理", "文化传媒", "物流", "农业发展",
             "电子商务", "医疗器械", "教育咨询", "装饰工程", "环保科技", "汽车服务", "食品", "服装"]
_FORM = ["有限公司", "有限责任公司", "股份有限公司", "合伙企业（有限合伙）", "个体工商户", "分公司"]
_SCOPE_ITEMS = ["日用百货销售", "计算机软硬件开发", "技术咨询、技术服务", "企业管理咨询", "广告设计、制作",
                "建筑材料销售", "餐饮服务", "货物进出口", "技术进出口", "电子产品销售", "会议及展览服务",
                "农作物种植", "道路货物运输", "五金交电销售", "服装鞋帽批发", "食品经营", "家政服务",
                "组织文化艺术交流活动", "物业管理", "机械设备租赁", "园林绿化工程施工", "信息系统集成服务"]
_SCOPE_TAILS = ["（依法须经批准的项目，经相关部门批准后方可开展经营活动）",
                "（不得从事非法集资、吸收公众资金等金融活动）",
                "（未经金融监管部门批准，不得从事吸收存款、融资担保、代客理财等金融业务）"]
_TERMS = ["理财", "财富管理", "资产管理", "P2P", "网络借贷", "网贷", "基金管理", "交易所", "交易中心", "金融",
          "支付", "股权众筹", "互联网保险", "投资管理", "股权投资基金"]


def generate(n: int, seed: int = 1, term_rate: float = 0.05) -> List[Dict[str, str]]:
    rng = random.Random(seed)
    out = []
    for i in range(n):
        name = rng.choice(_REGIONS) + rng.choice(_TRADE) + rng.choice(_INDUSTRY) + rng.choice(_FORM)
        items = rng.sample(_SCOPE_ITEMS, rng.randint(1, 8))
        if rng.random() < term_rate:
            term = rng.choice(_TERMS)
            if rng.random() < 0.3:
                term = " ".join(term)  # spaced-out evasion
            if rng.random() < 0.5:
                name = name[:4] + term + name[4:]
            else:
                items.insert(rng.randrange(len(items) + 1), term + "服务")
        scope = "；".join(items)
        if rng.random() < 0.3:
            scope += rng.choice(_SCOPE_TAILS)
        out.append({"id": f"g{i:06d}", "name": name, "scope": scope, "website": ""})
    return out
