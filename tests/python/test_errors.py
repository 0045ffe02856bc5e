"""Errors surface as Python exceptions with clear messages."""

from __future__ import annotations

import pytest

import regscreen


def test_unknown_profile_raises_policy_error():
    with pytest.raises(regscreen.PolicyError) as e:
        regscreen.Screener("no-such-profile")
    assert isinstance(e.value, ValueError)
    assert "no-such-profile" in str(e.value)
    assert isinstance(e.value.file, str) and isinstance(e.value.line, int)


def test_missing_profile_file_raises_policy_error(tmp_path):
    path = tmp_path / "missing.toml"
    with pytest.raises(regscreen.PolicyError) as e:
        regscreen.Screener(path)
    assert "missing.toml" in str(e.value)


def test_bad_profile_reports_file_and_line(tmp_path, source_dir):
    bad = tmp_path / "bad.toml"
    bad.write_text('id = "bad"\ntitle = "broken"\n\n[thresholds]\nrefer = "sixty"\n', encoding="utf-8")
    with pytest.raises(regscreen.PolicyError) as e:
        regscreen.Screener(bad, policy_dir=source_dir / "data")
    assert e.value.file.endswith("bad.toml")
    assert e.value.line == 5
    assert str(e.value).startswith(f"{e.value.file}:5:")
    assert e.value.message and e.value.message in str(e.value)


def test_toml_syntax_error_reports_its_line(tmp_path, source_dir):
    bad = tmp_path / "syntax.toml"
    bad.write_text('id = "syntax"\ntitle = "x"\nthis is not toml\n', encoding="utf-8")
    with pytest.raises(regscreen.PolicyError) as e:
        regscreen.Screener(bad, policy_dir=source_dir / "data")
    assert e.value.line == 3


@pytest.mark.parametrize(
    "kwargs, arg",
    [
        (dict(name=123, scope=""), "name"),
        (dict(name="x", scope=b"bytes"), "scope"),
        (dict(name="x", scope="", website=1.5), "website"),
        (dict(name="x", scope="", id=7), "id"),
        (dict(name="x", scope="", credit_code=["9131"]), "credit_code"),
        (dict(name=None, scope=""), "name"),
    ],
)
def test_non_str_input_names_the_argument(national, kwargs, arg):
    with pytest.raises(TypeError) as e:
        national.screen(**kwargs)
    assert f"{arg} must be str" in str(e.value)


@pytest.mark.parametrize("threads", [1, 2])
def test_a_bad_item_far_into_a_batch_is_reported_after_earlier_chunks_were_screened(national, threads):
    # Items are taken chunk by chunk while earlier chunks are screened: a bad one late in a long batch
    # still raises, with its index, and the workers stop cleanly.
    names = ["某某理财有限公司"] * 6000
    scopes = ["技术开发"] * 6000
    scopes[5000] = b"not a str"
    with pytest.raises(TypeError, match=r"scopes\[5000\] must be str, not bytes"):
        national.screen_many(names, scopes, threads=threads)
    scopes[5000] = 7
    with pytest.raises(TypeError, match=r"scopes\[5000\] must be str, not int"):
        national.screen_many(names, scopes, threads=threads)
    assert national.screen_many(names[:10], scopes[:10], threads=threads).decisions == ["refer"] * 10


def test_screen_many_reports_the_bad_item(national):
    with pytest.raises(TypeError, match=r"names\[2\] must be str, not int"):
        national.screen_many(["a", "b", 3], ["", "", ""])
    with pytest.raises(TypeError, match=r"scopes\[0\] must be str, not NoneType"):
        national.screen_many(["a"], [None])
    with pytest.raises(TypeError, match=r"names must be a sequence of str, not a single str"):
        national.screen_many("abc", ["", "", ""])
    with pytest.raises(ValueError, match="scopes has 1 items but names has 2"):
        national.screen_many(["a", "b"], [""])
    with pytest.raises(ValueError, match="threads must be >= 1"):
        national.screen_many(["a"], [""], threads=0)


def test_bad_backend_and_argument_types():
    with pytest.raises(ValueError, match="backend"):
        regscreen.Screener("national", backend="re2")
    with pytest.raises(TypeError, match="profile"):
        regscreen.Screener(42)
    with pytest.raises(TypeError, match="policy_dir"):
        regscreen.Screener("national", policy_dir=3)


def test_a_field_over_the_length_limit_raises_value_error(national):
    with pytest.raises(ValueError, match="scope"):
        national.screen(name="x", scope="a" * (17 << 20))
