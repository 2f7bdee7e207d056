"""The wheel as a user gets it: built, installed in a fresh virtual environment, run elsewhere.

Slow (a minute: the build, a venv, PySide6 from pip's cache), so BAYAN_SKIP_WHEEL=1 skips it on
a developer's machine; .ci/run never sets it.
"""

from __future__ import annotations

import importlib.metadata
import os
import subprocess
import sys
import textwrap
import venv
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent.parent

pytestmark = pytest.mark.skipif(bool(os.environ.get("BAYAN_SKIP_WHEEL")), reason="BAYAN_SKIP_WHEEL is set")


def run(*args: str | Path, cwd: Path, env: dict[str, str] | None = None, timeout: float = 300) -> str:
    done = subprocess.run([str(a) for a in args], cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout)
    assert done.returncode == 0, f"{args}: exit {done.returncode}\n{done.stdout}\n{done.stderr}"
    return done.stdout + done.stderr


def _has_backend() -> bool:
    try:
        major = int(importlib.metadata.version("setuptools").split(".")[0])
    except importlib.metadata.PackageNotFoundError:
        return False
    return major >= 77  # what pyproject.toml's [build-system] asks for


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    # With the build backend in the test environment (setuptools, the [test] extra) pip makes no
    # isolated build environment, which saves its download and install. The build writes
    # build/lib in the checkout, as `pip install .` does.
    isolation = [] if _has_backend() else ["--use-pep517"]
    run(sys.executable, "-m", "pip", "wheel", "--no-deps", *(isolation or ["--no-build-isolation"]), "--quiet",
        "-w", out, ROOT, cwd=out)
    (found,) = out.glob("bayan-*.whl")
    return found


@pytest.fixture(scope="module")
def installed(wheel: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """A fresh venv holding the wheel and what it depends on (from pip's cache, else the index)."""
    env_dir = tmp_path_factory.mktemp("venv")
    venv.create(env_dir, with_pip=True)
    python = env_dir / "bin" / "python"
    run(python, "-m", "pip", "install", "--quiet", "--disable-pip-version-check", wheel, cwd=env_dir)
    yield env_dir


@pytest.fixture
def elsewhere(tmp_path: Path) -> dict[str, str]:
    """Where commands run: a folder with nothing of the checkout's, and its own HOME."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTHON", "VIRTUAL_ENV"))}
    env.update(HOME=str(tmp_path / "home"), BAYAN_HOME=str(tmp_path / "bayan"), QT_QPA_PLATFORM="offscreen")
    return env


def test_the_wheel_claims_only_bayan(wheel: Path) -> None:
    names = zipfile.ZipFile(wheel).namelist()
    tops = {name.split("/")[0] for name in names}
    assert tops == {"bayan", wheel.name.split("-py3")[0] + ".dist-info"}, tops
    for needed in ("bayan/__init__.py", "bayan/main.py", "bayan/core/paths.py", "bayan/resources/schema.json",
                   "bayan/resources/fonts/Amiri-Regular.ttf", "bayan/resources/fonts/NotoColorEmoji.ttf",
                   "bayan/resources/translations/bayan_ar.qm", "bayan/resources/icons/bayan-256.png",
                   "bayan/seeds/statements.txt"):
        assert needed in names, needed
    # The scripts that make the data, the screenshots and the translation sources stay home.
    assert not [n for n in names if "screenshots" in n or n.endswith((".ts", "update.py", "make.py"))]
    entry_points = next(n for n in names if n.endswith("entry_points.txt"))
    assert "bayan = bayan.main:main" in zipfile.ZipFile(wheel).read(entry_points).decode()


def test_the_seed_workflow_from_another_folder(installed: Path, elsewhere: dict[str, str], tmp_path: Path) -> None:
    bayan = installed / "bin" / "bayan"
    seeds = run(installed / "bin" / "python", "-c",
                "from importlib.resources import files; print(files('bayan') / 'seeds' / 'statements.txt')",
                cwd=tmp_path, env=elsewhere).strip()
    assert Path(seeds).is_relative_to(installed)
    assert "created" in run(bayan, "init", "p.bayan", cwd=tmp_path, env=elsewhere)
    assert "10 new statements" in run(bayan, "import", "p.bayan", seeds, cwd=tmp_path, env=elsewhere)
    run(bayan, "export", "p.bayan", "out.jsonl", "--status", "all", cwd=tmp_path, env=elsewhere)
    assert len((tmp_path / "out.jsonl").read_text(encoding="utf-8").splitlines()) == 10
    assert "statements  10" in run(bayan, "stats", "p.bayan", cwd=tmp_path, env=elsewhere)
    # Two annotators' copies, merged and compared, and gold pre-filled: every command runs installed.
    for name in ("amal", "badr"):
        run(bayan, "init", f"{name}.bayan", cwd=tmp_path, env=elsewhere)
        (tmp_path / f"{name}.jsonl").write_text(
            (tmp_path / "out.jsonl").read_text(encoding="utf-8").replace('"spans": []', (
                '"spans": [{"start": 0, "end": 3, "label": "ACTOR"}]')).replace('"status": "todo"', '"status": "done"'),
            encoding="utf-8")
        run(bayan, "import", f"{name}.bayan", f"{name}.jsonl", "--annotator", name, cwd=tmp_path, env=elsewhere)
    run(bayan, "init", "review.bayan", cwd=tmp_path, env=elsewhere)
    run(bayan, "merge", "review.bayan", "amal.bayan", "badr.bayan", cwd=tmp_path, env=elsewhere)
    assert '"span_f1"' in run(bayan, "agreement", "review.bayan", "--json", cwd=tmp_path, env=elsewhere)
    assert "gold:" in run(bayan, "adjudicate", "review.bayan", "--min-agree", "2", cwd=tmp_path, env=elsewhere)
    # The default project: made from the seeds in the package data on first run (the GUI's start).
    made = run(installed / "bin" / "python", "-c", "from bayan.main import open_default_project as o; "
               "p = o(); print(p.statement_count()); p.close()", cwd=tmp_path, env=elsewhere)
    assert made.strip() == "10"


def test_the_window_opens_installed(installed: Path, elsewhere: dict[str, str], tmp_path: Path) -> None:
    """The window composed from the installed package, with its fonts, icon and Arabic translation."""
    run(installed / "bin" / "bayan", "init", "p.bayan", cwd=tmp_path, env=elsewhere)
    script = textwrap.dedent("""
        import sys
        from PySide6.QtCore import QCoreApplication
        from PySide6.QtWidgets import QApplication
        app = QApplication([])
        from bayan.core.paths import RESOURCES
        from bayan.gui.app import BUNDLED_FONT, app_icon, arabic_font_family, compose
        from bayan.gui.fonts import BUNDLED_EMOJI_FONT
        from bayan.gui.i18n import UiLanguage
        from bayan.gui.settings import Settings
        from bayan.store.project import Project
        settings = Settings.at(__import__("pathlib").Path("settings.ini"))
        assert UiLanguage(app, settings).apply("ar"), "the Arabic translation did not load"
        assert QCoreApplication.translate("MainWindow", "&File") != "&File"
        assert BUNDLED_FONT.is_file() and BUNDLED_EMOJI_FONT.is_file()
        assert not app_icon().isNull()
        window = compose(Project.open("p.bayan"), settings, "x").window
        window.show()
        app.processEvents()
        assert window.isVisible() and window.windowTitle()
        claimed = sorted(n for n in ("core", "gui", "store", "main") if n in sys.modules)
        assert not claimed, claimed
        print("resources:", RESOURCES)
        window.close()
        window.project.close()
    """)
    out = run(installed / "bin" / "python", "-c", script, cwd=tmp_path, env=elsewhere)
    (resources,) = [line.removeprefix("resources: ") for line in out.splitlines() if line.startswith("resources: ")]
    assert Path(resources).is_relative_to(installed)


def test_the_checkout_install_runs_bayan(tmp_path: Path) -> None:
    """The editable install (README's first command) gives the `bayan` command too, run from anywhere."""
    script = Path(sys.executable).with_name("bayan")
    if not script.exists():
        pytest.skip("the test environment has no `bayan` command (not installed with pip install -e .)")
    assert "Arabic" in run(script, "--help", cwd=tmp_path)
