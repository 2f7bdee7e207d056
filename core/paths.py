"""Where Bayan's own files and the user's default project live."""

from __future__ import annotations

import os
import sys
from importlib.resources import files
from pathlib import Path


def resource_root(package: str = __package__ or "core") -> Path:
    """The folder that holds resources/ and seeds/: the one above this package.

    Run from the checkout this module is `core.paths` and that folder is the repository's
    root; installed (a wheel, the standalone app) it is `bayan.core.paths`, and resources/
    and seeds/ are package data of `bayan` beside it. importlib.resources finds either.
    Qt loads fonts and translations by file name, so the package must be files on disk,
    not a zip: anything else is refused here rather than failing later inside Qt.
    """
    here = files(package)
    if not isinstance(here, Path):
        raise RuntimeError(f"Bayan's package data must be files on disk, not {here!r}")
    return here.parent


# Every file Bayan ships is named from here (the fonts, translations and schema under
# RESOURCES; the seed statements under SEEDS), so the checkout and an install differ only above.
ROOT = resource_root()
RESOURCES = ROOT / "resources"
SEEDS = ROOT / "seeds"
DEFAULT_SCHEMA = RESOURCES / "schema.json"
SEED_STATEMENTS = SEEDS / "statements.txt"


def user_home(environ: dict[str, str] | None = None) -> Path:
    """Bayan's data folder: $BAYAN_HOME, else the platform's per-user data folder."""
    env = os.environ if environ is None else environ
    if env.get("BAYAN_HOME"):
        return Path(env["BAYAN_HOME"]).expanduser()
    if sys.platform == "win32":
        return Path(env.get("APPDATA", Path.home() / "AppData" / "Roaming")) / "Bayan"
    if sys.platform == "darwin":
        return Path.home() / "Library" / "Application Support" / "Bayan"
    return Path(env.get("XDG_DATA_HOME") or Path.home() / ".local" / "share") / "bayan"


def default_project(environ: dict[str, str] | None = None) -> Path:
    return user_home(environ) / "default.bayan"
