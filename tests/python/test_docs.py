"""The examples of docs/PYTHON.md run as written (in order, in one namespace, like a reader would)."""

from __future__ import annotations

import contextlib
import io
import re


def test_python_md_examples_run(source_dir):
    text = (source_dir / "docs" / "PYTHON.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```python\n(.*?)```", text, flags=re.S)
    assert len(blocks) >= 4
    namespace: dict = {"__name__": "docs_example"}
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        for i, block in enumerate(blocks):
            exec(compile(block, f"docs/PYTHON.md block {i + 1}", "exec"), namespace)
    printed = out.getvalue()
    assert "refer" in printed  # the examples do find something
    assert "理 财" in printed   # ...including the spaced-out evasion, with its original text
