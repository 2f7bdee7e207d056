"""Imports point down: core < store < gui. A small lint over the source tree."""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

# SQL in a string literal: a statement keyword followed by what makes it a statement.
_SQL = re.compile(
    r"\b(SELECT\s.+\sFROM|INSERT\s+(OR\s+\w+\s+)?INTO|UPDATE\s+\w+\s+SET|DELETE\s+FROM|"
    r"CREATE\s+(TABLE|INDEX|VIRTUAL)|DROP\s+TABLE|PRAGMA\s+\w+|BEGIN\s+IMMEDIATE|ALTER\s+TABLE)\b",
    re.DOTALL,
)


def _sources(package: str) -> Iterator[Path]:
    yield from sorted((ROOT / package).rglob("*.py"))


def imported_modules(source: str) -> Iterator[tuple[int, str]]:
    """(line, top-level module) for every import, including relative ones by name."""
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield node.lineno, alias.name.split(".")[0]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            yield node.lineno, node.module.split(".")[0]
        elif (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Name | ast.Attribute)
            and getattr(node.func, "id", getattr(node.func, "attr", "")) in ("import_module", "__import__")
            and node.args
            and isinstance(node.args[0], ast.Constant)
            and isinstance(node.args[0].value, str)
        ):
            yield node.lineno, node.args[0].value.split(".")[0]


def sql_strings(source: str) -> Iterator[tuple[int, str]]:
    tree = ast.parse(source)
    docstrings = {
        id(node.body[0].value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef)
        and node.body
        and isinstance(node.body[0], ast.Expr)
        and isinstance(node.body[0].value, ast.Constant)
    }
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docstrings:
            match = _SQL.search(node.value)
            if match:
                yield node.lineno, match.group(0)[:40]


def violations(package: str, forbidden: set[str], *, no_sql: bool = False) -> list[str]:
    found = []
    for path in _sources(package):
        source = path.read_text(encoding="utf-8")
        rel = path.relative_to(ROOT)
        for line, module in imported_modules(source):
            if module in forbidden:
                found.append(f"{rel}:{line}: imports {module}")
        if no_sql:
            for line, snippet in sql_strings(source):
                found.append(f"{rel}:{line}: SQL {snippet!r}")
    return found


def test_core_imports_neither_qt_nor_sql_nor_upper_layers() -> None:
    assert violations("core", {"PySide6", "shiboken6", "sqlite3", "sqlite_utils", "store", "gui"}) == []


def test_store_never_imports_qt_or_the_gui() -> None:
    assert violations("store", {"PySide6", "shiboken6", "gui"}) == []


def test_gui_holds_no_sql_and_no_reshaping() -> None:
    assert violations("gui", {"sqlite3", "sqlite_utils", "arabic_reshaper", "bidi"}, no_sql=True) == []


def test_the_packages_exist() -> None:
    # A renamed folder must not make the lint pass by scanning nothing.
    for package in ("core", "store", "gui"):
        assert list(_sources(package)), package


@pytest.mark.parametrize(
    ("source", "module"),
    [
        ("import PySide6.QtWidgets\n", "PySide6"),
        ("from PySide6 import QtCore\n", "PySide6"),
        ("def f():\n    import sqlite3\n", "sqlite3"),
        ("from store.project import Project\n", "store"),
        ("import importlib\nimportlib.import_module('gui.app')\n", "gui"),
        ("from bidi import get_display\n", "bidi"),
    ],
)
def test_the_import_scan_catches_violations(source: str, module: str) -> None:
    assert module in [m for _, m in imported_modules(source)]


@pytest.mark.parametrize(
    "source",
    [
        'q = "SELECT id FROM spans"\n',
        'conn.execute("INSERT OR IGNORE INTO spans(x) VALUES (1)")\n',
        'x = f"UPDATE spans SET label = {y}"\n',
        "s = '''\n  DELETE FROM relations WHERE id = ?\n'''\n",
        'p = "PRAGMA user_version"\n',
    ],
)
def test_the_sql_scan_catches_violations(source: str) -> None:
    assert list(sql_strings(source))


def test_the_sql_scan_ignores_ordinary_words() -> None:
    source = '"""Select a span, then delete it."""\nlabel = "Select all"\nhint = "Delete from the list"\n'
    assert list(sql_strings(source)) == []
