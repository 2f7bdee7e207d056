"""Renders resources/icons/bayan.svg to the PNGs beside it (the window's icon, the desktop entry's).

Run after changing the SVG: `python packaging/make_icons.py`. PNGs, so that neither the app
nor the bundle needs Qt's SVG module; the desktop installs the SVG as the scalable icon.
"""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

ICONS = Path(__file__).resolve().parent.parent / "resources" / "icons"
SIZES = (16, 24, 32, 48, 64, 128, 256)


def render(svg: Path, size: int) -> QImage:
    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    QSvgRenderer(str(svg)).render(painter)
    painter.end()
    return image


def main() -> int:
    app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1] + ["-platform", "offscreen"])
    for size in SIZES:
        out = ICONS / f"bayan-{size}.png"
        if not render(ICONS / "bayan.svg", size).save(str(out)):
            print(f"cannot write {out}", file=sys.stderr)
            return 1
    del app
    return 0


if __name__ == "__main__":
    sys.exit(main())
