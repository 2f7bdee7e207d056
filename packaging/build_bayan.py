"""The build step that makes the installed distribution one import package, `bayan`.

The repository keeps its layout (main.py, core/, store/, gui/, resources/, seeds/ at the
top, importing each other as `from core.x import y`), which is what running from the
checkout needs. Installed like that, the wheel would claim the top-level names `core`,
`store`, `gui` and `main` in site-packages, where other distributions may use them. So
pyproject.toml maps the package `bayan` to the repository root (`package-dir`), and
`BuildPy` here, while copying each module under `bayan/`, rewrites its absolute imports
of our own packages (`from core.x import y` → `from bayan.core.x import y`), using the
tokenize module so that every other byte of the file stays as written. The result is
checked with the ast module: a form of import that cannot be rewritten stops the build
rather than leaving a module that would fail at run time.

The editable install (`pip install -e .`, for developers) does not copy anything: its
`bayan` package points at the checkout, and the checkout's own top-level names resolve
to the checkout, as they do when running `python main.py` there.

pyproject.toml names the classes here in [tool.setuptools.cmdclass]; setuptools loads this
file by its path, so it is never imported as part of the (unrelated) `packaging` library.
"""

from __future__ import annotations

import ast
import io
import tokenize
from pathlib import Path
from typing import Any

from setuptools.command.build_py import build_py
from setuptools.command.editable_wheel import editable_wheel

PACKAGE = "bayan"
# The repository's own top-level import names, which live under `bayan.` once installed.
OWN_NAMES = frozenset({"core", "store", "gui", "main"})
# Folders of data mapped as packages (pyproject.toml): their files go in as package data,
# never the helper scripts beside them (resources/translations/update.py and the like).
DATA_PACKAGES = ("bayan.resources", "bayan.seeds")
PACKAGE_INIT = '"""Bayan: annotate actors and claims in Arabic statements (the installed package)."""\n'


class RewriteError(ValueError):
    """An import of our own packages in a form the build cannot rewrite to an equivalent one."""


def _significant(tokens: list[tokenize.TokenInfo]) -> list[tokenize.TokenInfo]:
    skip = {tokenize.COMMENT, tokenize.NL, tokenize.ENCODING}
    return [t for t in tokens if t.type not in skip]


def rewrite_imports(source: str, filename: str = "<module>") -> str:
    """`source` with every absolute import of OWN_NAMES moved under `bayan.`.

    Handles `from core.x import y` (any spacing, continuation lines, parentheses after
    `import`) and `import core.x as z`. `import core.x` without `as` binds the name `core`,
    which has no equivalent under `bayan.`; it and string imports (`import_module("core.x")`)
    raise RewriteError naming the line, so the build fails instead of the installed app.
    """
    tokens = _significant(list(tokenize.generate_tokens(io.StringIO(source).readline)))
    inserts: list[tuple[int, int]] = []  # (row, col) where "bayan." goes
    statement_start = True
    for i, tok in enumerate(tokens):
        at_start = statement_start
        statement_start = tok.type in (tokenize.NEWLINE, tokenize.INDENT, tokenize.DEDENT) or tok.string in (";", ":")
        if not at_start or tok.type != tokenize.NAME:
            continue
        if tok.string == "from":
            head = tokens[i + 1]
            if head.type == tokenize.NAME and head.string in OWN_NAMES:
                inserts.append(head.start)
        elif tok.string == "import":
            j = i + 1
            while True:  # each `dotted.name [as alias]` of the comma-separated list
                head = tokens[j]
                while tokens[j + 1].string == ".":
                    j += 2
                aliased = tokens[j + 1].string == "as"
                if head.string in OWN_NAMES:
                    if not aliased:
                        raise RewriteError(
                            f"{filename}:{head.start[0]}: `import {head.string}…` without `as` cannot move under "
                            f"{PACKAGE}; write `from {head.string}… import name`"
                        )
                    inserts.append(head.start)
                j += 3 if aliased else 1
                if tokens[j].string != ",":
                    break
                j += 1
    lines = source.splitlines(keepends=True)
    for row, col in sorted(inserts, reverse=True):
        line = lines[row - 1]
        lines[row - 1] = f"{line[:col]}{PACKAGE}.{line[col:]}"
    result = "".join(lines)
    check_rewritten(result, filename)
    return result


def check_rewritten(source: str, filename: str) -> None:
    """Fail if `source` still imports one of OWN_NAMES at the top level, in any form ast sees."""
    for node in ast.walk(ast.parse(source, filename)):
        names: list[str] = []
        if isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names = [node.module]
        elif isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.Call) and _is_dynamic_import(node.func) and node.args:
            first = node.args[0]
            if isinstance(first, ast.Constant) and isinstance(first.value, str):
                names = [first.value]
        for name in names:
            if name.split(".")[0] in OWN_NAMES:
                raise RewriteError(f"{filename}:{getattr(node, 'lineno', '?')}: imports {name!r} outside {PACKAGE}")


def _is_dynamic_import(func: ast.expr) -> bool:
    name = func.attr if isinstance(func, ast.Attribute) else func.id if isinstance(func, ast.Name) else ""
    return name in ("import_module", "__import__")


class BuildPy(build_py):
    """setuptools' build_py, writing our modules with their imports under `bayan.`."""

    def find_package_modules(self, package: str, package_dir: str) -> list[tuple[str, str, str]]:
        if package in DATA_PACKAGES or package.startswith(tuple(f"{p}." for p in DATA_PACKAGES)):
            return []  # data only: the scripts that make the data stay in the repository
        found: list[tuple[str, str, str]] = super().find_package_modules(package, package_dir)
        return found

    def check_package(self, package: str, package_dir: str) -> Any:
        if package == PACKAGE:
            return None  # its __init__.py is written by run(): the checkout's root has none
        return super().check_package(package, package_dir)

    def build_module(self, module: str, module_file: str, package: str | list[str]) -> tuple[str, bool]:
        parts = package.split(".") if isinstance(package, str) else list(package)
        outfile = self.get_module_outfile(self.build_lib, parts, module)
        self.mkpath(str(Path(outfile).parent))
        source = Path(module_file).read_text(encoding="utf-8")
        Path(outfile).write_text(rewrite_imports(source, module_file), encoding="utf-8")
        return outfile, True

    def run(self) -> None:
        super().run()
        if not self.editable_mode:
            init = Path(self.build_lib, PACKAGE, "__init__.py")
            init.parent.mkdir(parents=True, exist_ok=True)
            init.write_text(PACKAGE_INIT, encoding="utf-8")


FINDER = '''"""Bayan's editable install: `bayan` is the checkout at ROOT, whose modules import each
other by their top-level names (core, store, gui, main); those names resolve to ROOT too,
and no other name does (the checkout's tests/, bench/ and packaging/ stay out of sys.path)."""
import sys
from importlib.machinery import ModuleSpec, PathFinder

ROOT = {root!r}
NAMES = {names!r}


class BayanCheckoutFinder:
    @classmethod
    def find_spec(cls, fullname, path=None, target=None):
        if fullname == {package!r}:
            # A package with no __init__ whose submodules are the checkout's files.
            spec = ModuleSpec(fullname, None, is_package=True)
            spec.submodule_search_locations = [ROOT]
            return spec
        if fullname in NAMES:
            return PathFinder.find_spec(fullname, [ROOT])
        return None


def install():
    if BayanCheckoutFinder not in sys.meta_path:
        sys.meta_path.append(BayanCheckoutFinder)
'''


class CheckoutStrategy:
    """An editable wheel whose .pth starts a finder: `bayan` is the checkout, and so are the
    checkout's own top-level names (what its modules import)."""

    def __init__(self, name: str, root: Path) -> None:
        self.name = name
        self.root = root

    def __call__(self, wheel: Any, files: list[str], mapping: dict[str, str]) -> None:
        # A module name (the distribution's name carries its version: "bayan-0.1.0").
        finder = "__editable___" + "".join(c if c.isalnum() else "_" for c in self.name) + "_finder"
        wheel.writestr(f"__editable__.{self.name}.pth", f"import {finder}; {finder}.install()\n")
        wheel.writestr(f"{finder}.py", FINDER.format(root=str(self.root), names=sorted(OWN_NAMES), package=PACKAGE))

    def __enter__(self) -> CheckoutStrategy:
        return self

    def __exit__(self, *exc: object) -> None:
        return None


class EditableWheel(editable_wheel):
    """`pip install -e .`: the checkout itself, through CheckoutStrategy."""

    def _select_strategy(self, name: str, tag: str, build_lib: Any) -> CheckoutStrategy:
        return CheckoutStrategy(name, Path(self.project_dir).resolve())
