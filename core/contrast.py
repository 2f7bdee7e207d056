"""Colour contrast as WCAG 2 defines it, and colour blending: pure arithmetic, no Qt.

The editor draws translucent backgrounds over one another (a span, a search hit); what the
eye reads is the blend, so checks of legibility compare the text colour with the blend.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from functools import lru_cache

RGB = tuple[int, int, int]


def rgb(color: str) -> RGB:
    """#rrggbb → (r, g, b)."""
    value = color.lstrip("#")
    if len(value) != 6:
        raise ValueError(f"not a #rrggbb colour: {color!r}")
    return int(value[0:2], 16), int(value[2:4], 16), int(value[4:6], 16)


def hex_color(color: RGB) -> str:
    return "#{:02x}{:02x}{:02x}".format(*color)


def blend(over: str, alpha: int, under: str) -> str:
    """`over` at `alpha` (0–255, as QColor's) painted on the opaque `under`."""
    a = alpha / 255
    top, bottom = rgb(over), rgb(under)
    return hex_color(tuple(round(a * t + (1 - a) * b) for t, b in zip(top, bottom, strict=True)))  # type: ignore[arg-type]


def blend_layers(base: str, layers: Sequence[tuple[str, int]]) -> str:
    """`layers` (colour, alpha) painted in order over the opaque `base`."""
    color = base
    for over, alpha in layers:
        color = blend(over, alpha, color)
    return color


def _channel(value: int) -> float:
    c = value / 255
    return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4


def relative_luminance(color: str) -> float:
    """WCAG 2's relative luminance of an sRGB colour (0 black … 1 white)."""
    r, g, b = (_channel(v) for v in rgb(color))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast_ratio(a: str, b: str) -> float:
    """WCAG 2's contrast ratio (1 … 21); text needs 4.5 (AA), large text 3."""
    la, lb = relative_luminance(a), relative_luminance(b)
    light, dark = max(la, lb), min(la, lb)
    return (light + 0.05) / (dark + 0.05)


def _lab(color: str) -> tuple[float, float, float]:
    """CIE L*a*b* (D65) of an sRGB colour."""
    r, g, b = (_channel(v) for v in rgb(color))
    x = (0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047
    y = 0.2126 * r + 0.7152 * g + 0.0722 * b
    z = (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883

    def f(t: float) -> float:
        return t ** (1 / 3) if t > 216 / 24389 else (24389 / 27 * t + 16) / 116

    fx, fy, fz = f(x), f(y), f(z)
    return 116 * fy - 16, 500 * (fx - fy), 200 * (fy - fz)


def color_distance(a: str, b: str) -> float:
    """CIE76 ΔE between two colours: about 2.3 is barely visible, above 30 clearly different."""
    return math.dist(_lab(a), _lab(b))


# WCAG 2 level AA for normal-size text.
AA_TEXT = 4.5


# Asked for every span at every repaint; a theme has a few label colours and alphas.
@lru_cache(maxsize=512)
def legible_alpha(color: str, alpha: int, base: str, text: str, minimum: float = AA_TEXT) -> int:
    """The highest alpha up to `alpha` at which `text` over `color` blended on `base` keeps
    `minimum` contrast (0 if none does: then the fill cannot carry that text at all)."""
    for candidate in range(max(0, min(alpha, 255)), -1, -1):
        if contrast_ratio(text, blend(color, candidate, base)) >= minimum:
            return candidate
    return 0
