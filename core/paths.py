"""Where Bayan's own files and the user's default project live."""

from __future__ import annotations

import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
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
