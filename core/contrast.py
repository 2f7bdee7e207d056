"""Colour contrast by WCAG 2 (relative luminance, contrast ratio), for text over translucent fills.

Spans are drawn as translucent label colours over the editor's base colour; the text on
them must stay legible on a light and on a dark theme. Pure arithmetic on (r, g, b) tuples
of 0–255, so it is tested without Qt.
"""

from __future__ import annotations

from functools import lru_cache

RGB = tuple[int, int, int]

# WCAG 2 level AA for normal-size text.
AA_TEXT = 4.5


def _linear(channel: int) -> float:
    c = channel / 255
    return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4


def relative_luminance(rgb: RGB) -> float:
    r, g, b = (_linear(c) for c in rgb)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast_ratio(a: RGB, b: RGB) -> float:
    """From 1 (same luminance) to 21 (black on white), whichever is lighter."""
    high, low = sorted((relative_luminance(a), relative_luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def blend(color: RGB, base: RGB, alpha: int) -> RGB:
    """`color` at `alpha` (0–255) painted over the opaque `base`."""
    a = max(0, min(alpha, 255)) / 255
    r, g, b = (round(a * c + (1 - a) * d) for c, d in zip(color, base, strict=True))
    return (r, g, b)


# Asked for every span at every repaint; a theme has a few label colours and alphas.
@lru_cache(maxsize=512)
def legible_alpha(color: RGB, alpha: int, base: RGB, text: RGB, minimum: float = AA_TEXT) -> int:
    """The highest alpha up to `alpha` at which `text` over `color` blended on `base` keeps
    `minimum` contrast (0 if none does: then the fill cannot carry that text at all)."""
    for candidate in range(max(0, min(alpha, 255)), -1, -1):
        if contrast_ratio(text, blend(color, base, candidate)) >= minimum:
            return candidate
    return 0
