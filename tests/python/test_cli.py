"""The Python results equal the CLI's (`regscreen screen`) for the same records.

Runs the CLI binary of the same build tree (<build>/regscreen, or $REGSCREEN_CLI); skipped when it has
not been built.
"""

from __future__ import annotations

import json
import os
import pathlib
import subprocess

import pytest

from records import RECORDS, generate


@pytest.fixture(scope="module")
def cli(build_dir):
    path = pathlib.Path(os.environ.get("REGSCREEN_CLI") or build_dir / "regscreen")
    if not path.is_file() or not os.access(path, os.X_OK):
        pytest.skip(f"the regscreen CLI is not built ({path})")
    return path


def test_results_equal_the_cli(cli, national, tmp_path):
    recs = [r for r in RECORDS if "\ud800" not in r["scope"]] + generate(500, seed=9, term_rate=0.3)
    src = tmp_path / "records.jsonl"
    with open(src, "w", encoding="utf-8") as f:
        for r in recs:
            f.write(json.dumps({"id": r["id"], "name": r["name"], "scope": r["scope"],
                                "website": r.get("website") or ""}, ensure_ascii=False) + "\n")
    out = tmp_path / "results.jsonl"
    proc = subprocess.run([str(cli), "screen", str(src), "--profile", "national", "--out", str(out)],
                          capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr
    rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines() if line.strip()]
    assert len(rows) == len(recs)
    for rec, row in zip(recs, rows):
        r = national.screen(name=rec["name"], scope=rec["scope"], website=rec.get("website") or "",
                            id=rec["id"]).to_dict()
        assert row["id"] == rec["id"]
        for key in ("decision", "score", "categories", "regulators", "explanation"):
            assert row[key] == r[key], (rec["id"], key)
        # The JSON contract leaves out empty warnings and a name_part of "none".
        assert row.get("warnings", []) == r["warnings"], rec["id"]
        cli_hits = [{"name_part": "none", **h, "byte_start": h["start"], "byte_end": h["end"]}
                    for h in row["hits"]]
        py_hits = [{**h, "start": h["byte_start"], "end": h["byte_end"]} for h in r["hits"]]
        assert cli_hits == py_hits, rec["id"]
