"""The colours that sit on top of the labels' colours: search hits and the text selection.

Both must read over every label colour (the schema's and the spare ones given to labels
added later), drawn as the editor draws them: translucent span backgrounds (alphas in
gui/spanlayer.py), a translucent hit on top, or the selection over everything. The checks
are plain arithmetic (core/contrast.py), so tests run them over every combination.
"""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QWidget

from core.contrast import blend, blend_layers

# A search hit: the yellow of a browser's find, strong enough that black letters on it read
# over any label colour (core/contrast.py, tests/gui/test_search_contrast.py); the span's
# colour still tints it.
SEARCH_HIT_BACKGROUND = "#ffff00"
SEARCH_HIT_ALPHA = 190
SEARCH_HIT_TEXT = "#000000"
# The text selection: a blue grey that no label colour is near (CIE ΔE ≥ 25) with white letters.
SELECTION_BACKGROUND = "#455a64"
SELECTION_TEXT = "#ffffff"
PAPER = "#ffffff"


def span_backgrounds(label_colors: Iterable[str], alphas: Iterable[int], paper: str = PAPER) -> list[str]:
    """What the letters of a span can sit on: the paper alone, each label colour at each of the
    editor's alphas, and each pair of them nested (one span's background over another's)."""
    colors = list(dict.fromkeys(label_colors))
    alpha_list = list(dict.fromkeys(alphas))
    single = [(c, a) for c in colors for a in alpha_list]
    result = [paper]
    result += [blend(c, a, paper) for c, a in single]
    result += [blend_layers(paper, [outer, inner]) for outer in single for inner in single]
    return list(dict.fromkeys(result))


def hit_background(under: str) -> str:
    """A search hit's background as drawn over `under`."""
    return blend(SEARCH_HIT_BACKGROUND, SEARCH_HIT_ALPHA, under)


def apply_selection_colors(widget: QWidget) -> None:
    """Give `widget` the selection colours (active and inactive alike, so a selection keeps its
    look when the focus moves to a panel)."""
    palette = widget.palette()
    for group in (QPalette.ColorGroup.Active, QPalette.ColorGroup.Inactive):
        palette.setColor(group, QPalette.ColorRole.Highlight, QColor(SELECTION_BACKGROUND))
        palette.setColor(group, QPalette.ColorRole.HighlightedText, QColor(SELECTION_TEXT))
    widget.setPalette(palette)
