"""The build step that moves our modules under `bayan.` (packaging/build_bayan.py), on every import form."""

from __future__ import annotations

import importlib.util
import sys
import tomllib
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parent.parent.parent
pytest.importorskip("setuptools.command.editable_wheel")


def build_module() -> ModuleType:
    # Loaded by path, as setuptools loads it: the folder is no Python package (and `packaging`
    # is another library's name).
    spec = importlib.util.spec_from_file_location("bayan_build_under_test", ROOT / "packaging" / "build_bayan.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


build = build_module()


@pytest.mark.parametrize(("before", "after"), [
    ("from core.paths import X\n", "from bayan.core.paths import X\n"),
    ("from core import paths\n", "from bayan.core import paths\n"),
    ("from  store.project   import (\n    A,\n    B,\n)\n",
     "from  bayan.store.project   import (\n    A,\n    B,\n)\n"),
    ("from core.a \\\n    import b\n", "from bayan.core.a \\\n    import b\n"),
    ("if TYPE_CHECKING:\n    from gui.main_window import MainWindow\n",
     "if TYPE_CHECKING:\n    from bayan.gui.main_window import MainWindow\n"),
    ("def f():\n    from gui.app import run  # lazy\n    return run\n",
     "def f():\n    from bayan.gui.app import run  # lazy\n    return run\n"),
    ("import core.paths as p, os, main as m\n", "import bayan.core.paths as p, os, bayan.main as m\n"),
    ("x = 1; from core.x import y\n", "x = 1; from bayan.core.x import y\n"),
    ("try:\n    from main import cli\nexcept ImportError:\n    pass\n",
     "try:\n    from bayan.main import cli\nexcept ImportError:\n    pass\n"),
])
def test_own_imports_move_under_bayan(before: str, after: str) -> None:
    assert build.rewrite_imports(before) == after


@pytest.mark.parametrize("same", [
    "from .formats import registry\n",
    "from . import paths\n",
    "from coreutils import x\nfrom mainframe import y\nimport gui_toolkit\n",
    "from PySide6.QtCore import Qt\nimport os.path\n",
    'text = "from core.x import y"\n# from core.x import y\n',
    "raise ValueError('x') from core_error\n",
    "source = f\"main.statements s LEFT JOIN temp.{t}\"\n",
    "core = 1\ngui.x = core.paths\n",
])
def test_everything_else_stays_as_written(same: str) -> None:
    assert build.rewrite_imports(same) == same


@pytest.mark.parametrize("bad", [
    "import core.paths\n",
    "import gui\n",
    "import os, store.project\n",
    "import importlib\nm = importlib.import_module('core.paths')\n",
    "m = __import__('gui.app')\n",
])
def test_forms_without_an_equivalent_stop_the_build(bad: str) -> None:
    with pytest.raises(build.RewriteError):
        build.rewrite_imports(bad, "x.py")


def test_every_module_of_the_checkout_rewrites() -> None:
    """A new module, or an import form the build cannot move, fails here rather than in the wheel."""
    sources = [ROOT / "main.py", *[p for d in ("core", "store", "gui") for p in sorted((ROOT / d).rglob("*.py"))]]
    for path in sources:
        rewritten = build.rewrite_imports(path.read_text(encoding="utf-8"), str(path))
        assert rewritten.count("\n") == path.read_text(encoding="utf-8").count("\n")  # line numbers kept


def test_pyproject_lists_every_package_of_the_checkout() -> None:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]
    listed = set(config["packages"])
    on_disk = {"bayan." + ".".join(p.parent.relative_to(ROOT).parts)
               for d in ("core", "store", "gui") for p in (ROOT / d).rglob("__init__.py")}
    assert on_disk <= listed, f"add to [tool.setuptools] packages: {sorted(on_disk - listed)}"
    data = {"bayan." + ".".join(p.relative_to(ROOT).parts) for p in (ROOT / "resources").iterdir()
            if p.is_dir() and p.name != "screenshots"}
    assert data <= listed, f"resources/ folders not shipped: {sorted(data - listed)}"
    for package in listed:
        assert (ROOT / Path(*package.split(".")[1:])).is_dir(), package
