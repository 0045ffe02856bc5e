"""Screener.screen(): results, offsets into the Python str, and the package surface."""

from __future__ import annotations

import os
import pickle

import pytest

import regscreen
from records import RECORDS


def field_text(rec, field):
    return rec[field] or ""


def check_offsets(rec, result):
    for h in result.hits:
        text = field_text(rec, h.field)
        # Character offsets index the Python str; byte offsets the UTF-8 bytes of the same text.
        assert text[h.start:h.end] == h.text, (rec["id"], h)
        assert len(text[: h.start].encode("utf-8", "surrogatepass")) == h.byte_start, (rec["id"], h)
        assert len(text[: h.end].encode("utf-8", "surrogatepass")) == h.byte_end, (rec["id"], h)


@pytest.mark.parametrize("rec", RECORDS, ids=[r["id"] for r in RECORDS])
def test_hit_offsets_index_the_original_str(national, rec):
    r = national.screen(name=rec["name"], scope=rec["scope"], website=rec["website"], id=rec["id"])
    check_offsets(rec, r)
    assert r.id == rec["id"]


def hits_by_term(result, term):
    return [h for h in result.hits if h.term == term]


def test_cjk_name_hit(national):
    name = "上海浦江财富管理有限公司"
    r = national.screen(name=name, scope="企业管理咨询")
    [h] = hits_by_term(r, "财富管理")
    assert (h.field, h.start, h.end, h.text) == ("name", 4, 8, "财富管理")
    assert (h.byte_start, h.byte_end) == (12, 24)
    assert h.status == "affirmative" and h.weight > 0
    assert r.decision == "refer"
    assert "asset_management" in r.categories
    assert r.regulators  # routed somewhere


def test_spaced_evasion_maps_back_to_the_spaced_text(national):
    scope = "网络技术开发；代客理 财；计算机软件销售"
    r = national.screen(name="杭州云帆网络科技有限公司", scope=scope)
    [h] = hits_by_term(r, "理财")
    assert h.text == "理 财"
    assert (h.start, h.end) == (scope.index("理 财"), scope.index("理 财") + 3)


def test_offsets_count_characters_outside_the_bmp_and_latin1(national):
    # 𠀀 is one Python character but 4 UTF-8 bytes (and 2 UTF-16 units); é is one character, 2 bytes.
    name = "𠀀𠀁 café 理财顾问有限公司"
    r = national.screen(name=name, scope="")
    [h] = hits_by_term(r, "理财")
    assert (h.start, h.end) == (8, 10)
    assert h.byte_start == len("𠀀𠀁 café ".encode())
    assert name[h.start:h.end] == "理财"


def test_full_width_and_traditional_forms(national):
    r = national.screen(name="深圳ABC网贷信息服务有限公司", scope="提供Ｐ２Ｐ网络借贷信息中介服务")
    [p2p] = hits_by_term(r, "P2P")
    assert p2p.text == "Ｐ２Ｐ" and p2p.field == "scope"
    r = national.screen(name="台北理財投資管理有限公司", scope="")
    assert [h.text for h in r.hits if h.term in ("理财", "投资管理")] == ["理財", "投資管理"]


def test_lookalike_and_negated_clause_are_not_affirmative(national):
    r = national.screen(name="北京鸿基金属制品有限公司", scope="金属制品加工、销售")
    assert all(h.status != "affirmative" for h in r.hits)
    assert r.decision == "clear"
    scope = "日用百货销售（不得从事非法集资、吸收公众资金等金融活动）"
    r = national.screen(name="成都锦城商贸有限公司", scope=scope)
    [h] = hits_by_term(r, "金融")
    assert h.status == "negated"
    assert r.decision == "clear"


def test_clean_record(national):
    r = national.screen(name="宁夏塞上农业发展有限公司", scope="农作物种植；农产品初加工")
    assert (r.decision, r.score, r.hits, r.categories, r.regulators) == ("clear", 0, [], [], [])


def test_to_dict_round_trips_the_attributes(national):
    rec = RECORDS[2]
    r = national.screen(name=rec["name"], scope=rec["scope"], website=rec["website"], id="x1")
    d = r.to_dict()
    assert d["id"] == "x1" and d["decision"] == r.decision and d["score"] == r.score
    assert d["categories"] == r.categories and d["regulators"] == r.regulators
    assert d["explanation"] == r.explanation and d["warnings"] == r.warnings
    assert len(d["hits"]) == len(r.hits) > 0
    for hd, h in zip(d["hits"], r.hits):
        assert hd == h.to_dict()
        assert set(hd) == {"term", "category", "field", "start", "end", "byte_start", "byte_end", "text",
                           "status", "name_part", "weight", "reason"}
        assert hd["text"] == h.text and hd["start"] == h.start and hd["byte_end"] == h.byte_end


def test_results_compare_by_value(national):
    a = national.screen(name="上海浦江财富管理有限公司", scope="财富管理")
    b = national.screen(name="上海浦江财富管理有限公司", scope="财富管理")
    c = national.screen(name="上海浦江财富管理有限公司", scope="")
    assert a == b and a != c
    assert a.hits[0] == b.hits[0]
    assert repr(a).startswith("Result(decision=")


def test_lone_surrogate_gives_a_warning_not_an_exception(national):
    scope = "理财\ud800咨询"
    r = national.screen(name="", scope=scope)
    assert r.warnings  # the invalid character is reported
    [h] = hits_by_term(r, "理财")
    assert scope[h.start:h.end] == h.text == "理财"


def test_website_field(national):
    r = national.screen(name="某某网络科技有限公司", scope="软件开发", website="秦淮金融网")
    [h] = [h for h in r.hits if h.field == "website"]
    assert h.text == "金融" and (h.start, h.end) == (2, 4)


def test_profiles_and_screener_properties(national):
    ids = regscreen.profiles()
    assert "national" in ids and len(ids) >= 2
    assert national.profile == "national"
    assert national.backend == "hyperscan" or national.backend.startswith("aho-corasick")
    assert os.path.samefile(national.policy_dir, regscreen.default_policy_dir())
    for p in ids:
        assert regscreen.Screener(p).profile == p


def test_backends_agree(national):
    ac = regscreen.Screener("national", backend="aho-corasick")
    assert ac.backend.startswith("aho-corasick")
    for rec in RECORDS:
        args = dict(name=rec["name"], scope=rec["scope"], website=rec["website"])
        assert ac.screen(**args) == national.screen(**args), rec["id"]


def test_policy_dir_from_argument_and_environment(tmp_path, monkeypatch):
    # An empty directory holds no profiles: loading from it must fail, showing the directory is used.
    with pytest.raises(regscreen.PolicyError):
        regscreen.Screener("national", policy_dir=tmp_path)
    monkeypatch.setenv("REGSCREEN_POLICY_DIR", str(tmp_path))
    assert regscreen.default_policy_dir() == str(tmp_path)
    with pytest.raises(regscreen.PolicyError):
        regscreen.Screener("national")
    assert regscreen.profiles() == []
    monkeypatch.delenv("REGSCREEN_POLICY_DIR")
    assert regscreen.Screener("national").profile == "national"


def test_profile_by_path(source_dir):
    s = regscreen.Screener(source_dir / "data" / "profiles" / "shanghai.toml",
                           policy_dir=source_dir / "data")
    assert s.profile == "shanghai"


def test_screener_pickles_as_its_arguments(national):
    s = pickle.loads(pickle.dumps(national))
    assert isinstance(s, regscreen.Screener)
    assert s.profile == "national" and s.policy_dir == national.policy_dir
    rec = RECORDS[0]
    assert s.screen(name=rec["name"], scope=rec["scope"]) == national.screen(name=rec["name"], scope=rec["scope"])
