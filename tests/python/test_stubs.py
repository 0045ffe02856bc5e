"""regscreen/_regscreen.pyi describes the extension module as built: the same names, classes, members and
function parameters (a stub that drifts misleads type checkers and IDEs)."""

from __future__ import annotations

import ast
import inspect
import pathlib

import regscreen
from regscreen import _regscreen

OBJECT_ATTRS = set(dir(object)) | {"__dict__", "__module__", "__weakref__", "__hash__", "__getstate__"}


def stub_tree():
    path = pathlib.Path(regscreen.__file__).with_name("_regscreen.pyi")
    return ast.parse(path.read_text(encoding="utf-8"))


def public(names):
    return {n for n in names if not n.startswith("__") or n in {"__len__", "__getitem__", "__iter__", "__next__",
                                                              "__eq__", "__reduce__"}}


def test_module_names_match():
    tree = stub_tree()
    stubbed = set()
    for node in tree.body:
        if isinstance(node, (ast.ClassDef, ast.FunctionDef)):
            stubbed.add(node.name)
        elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
            stubbed.add(node.target.id)
    runtime = {n for n in dir(_regscreen) if not n.startswith("__")}
    assert stubbed == runtime


def test_class_members_match():
    tree = stub_tree()
    for node in tree.body:
        if not isinstance(node, ast.ClassDef) or node.name == "PolicyError":
            continue
        stubbed = {m.name for m in node.body if isinstance(m, ast.FunctionDef)}
        cls = getattr(_regscreen, node.name)
        runtime = public(n for n in vars(cls) if n not in {"__init__", "__doc__", "__module__", "__hash__"})
        assert public(stubbed - {"__init__"}) == runtime, node.name


def test_function_parameters_match():
    # pybind11 writes each function's signature as the first line of its docstring.
    tree = stub_tree()
    functions = {n.name: n for n in tree.body if isinstance(n, ast.FunctionDef)}
    for node in tree.body:
        if isinstance(node, ast.ClassDef) and node.name == "Screener":
            functions.update({f"Screener.{m.name}": m for m in node.body if isinstance(m, ast.FunctionDef)})
    checked = 0
    for qualname, node in functions.items():
        obj = _regscreen
        for part in qualname.split("."):
            obj = getattr(obj, part)
        if isinstance(obj, property) or not callable(obj):
            continue
        doc_sig = inspect.getdoc(obj).splitlines()[0]
        args = node.args
        stub_params = [a.arg for a in args.posonlyargs + args.args + args.kwonlyargs if a.arg != "self"]
        runtime_params = [p.split(":")[0].strip().lstrip("*") for p in doc_sig[doc_sig.index("(") + 1:
                          doc_sig.rindex(") ->")].split(", ") if p and p.strip() != "*"]
        runtime_params = [p for p in runtime_params if p != "self"]
        assert stub_params == runtime_params, (qualname, doc_sig)
        checked += 1
    assert checked >= 6
