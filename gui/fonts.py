"""Emoji in the text: a colour emoji face as a fallback behind the Arabic one, and row heights
that fit the faces a list uses.

Statements carry flags and emoji (🇸🇾, 👩‍👩‍👧). Without a colour emoji face each shows as boxes.
A system face is used when there is one; else the bundled Noto Color Emoji
(resources/fonts/NotoColorEmoji.ttf, SIL Open Font License 1.1, NotoColorEmoji-OFL.txt beside it).
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from PySide6.QtGui import QFont, QFontDatabase, QFontMetricsF
from PySide6.QtWidgets import QAbstractItemView, QTableView

from core.paths import RESOURCES

BUNDLED_EMOJI_FONT = RESOURCES / "fonts" / "NotoColorEmoji.ttf"
# Colour emoji faces of the systems Bayan runs on, preferred over the bundled one.
PREFERRED_EMOJI = ("Noto Color Emoji", "Apple Color Emoji", "Segoe UI Emoji", "Twemoji")
# Room above and below a list row's tallest face, so no glyph touches the row's edge.
ROW_PADDING = 4


def emoji_font_family(database: type[QFontDatabase] = QFontDatabase) -> str:
    """A colour emoji face: the system's, else the bundled one ("" when neither loads)."""
    families = database.families()
    found = next((name for name in PREFERRED_EMOJI if name in families), "")
    if not found:
        font_id = database.addApplicationFont(str(BUNDLED_EMOJI_FONT))
        loaded = database.applicationFontFamilies(font_id) if font_id >= 0 else []
        found = str(loaded[0]) if loaded else ""
    # Qt ≥ 6.9 also picks an emoji face itself for emoji sequences; tell it which.
    if found and hasattr(database, "setApplicationEmojiFontFamilies"):
        database.setApplicationEmojiFontFamilies([found])
    return found


def with_fallbacks(font: QFont, families: Sequence[str]) -> QFont:
    """`font` (its size and style) drawn in `families`, the first that has a character winning."""
    result = QFont(font)
    names = [name for name in dict.fromkeys(families) if name]
    if names:
        result.setFamilies(names)
    return result


def row_height(font: QFont) -> int:
    """A fixed list row height that fits the tallest of `font`'s faces (fixed, so a view of a
    million rows never measures them)."""
    families = font.families() or [font.family()]
    tallest = 0.0
    for family in families:
        face = QFont(font)
        face.setFamilies([family])
        tallest = max(tallest, QFontMetricsF(face).height())
    return math.ceil(tallest) + ROW_PADDING


def set_list_font(view: QAbstractItemView, font: QFont) -> None:
    """Show `view`'s rows in `font`, with rows as tall as its faces need."""
    view.setFont(font)
    if isinstance(view, QTableView):
        view.verticalHeader().setDefaultSectionSize(row_height(font))
