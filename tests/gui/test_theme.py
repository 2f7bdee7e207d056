"""View → Theme: System, Light, Dark; remembered; System follows the desktop; spans stay legible."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication

from core.contrast import AA_TEXT, blend, contrast_ratio, legible_alpha
from core.schema import _SPARE_COLORS
from gui.features import Section
from gui.settings import Settings
from gui.spanlayer import BACKGROUND_ALPHA, BAR_BACKGROUND_ALPHA, SELECTED_ALPHA, legible_background, relation_color
from gui.theme import ThemeFeature, is_dark, palette
from tests.gui.conftest import ANNOTATOR


@pytest.fixture(autouse=True)
def _restore_palette(qapp: QApplication) -> Iterator[None]:
    before, style = qapp.palette(), qapp.style().name()
    yield
    qapp.setPalette(before)  # the application outlives the test
    qapp.setStyle(style)


def rgb(color: QColor) -> str:
    return color.name()


def base_is_dark(app: QApplication) -> bool:
    return app.palette().color(QPalette.ColorRole.Base).lightness() < 128


def theme_menu_action(workbench: Any, code: str) -> Any:
    (entry,) = workbench.window.section_actions(Section.THEME)
    return next(a for a in entry.menu().actions() if a.data() == code)


def test_view_theme_dark_then_light_is_applied_and_remembered(
    workbench: Any, qapp: QApplication, settings: Settings, qtbot: Any
) -> None:
    assert settings.theme() == "system"
    assert theme_menu_action(workbench, "system").isChecked()
    assert not base_is_dark(qapp)  # offscreen, the system's scheme is unknown: light

    with qtbot.waitSignal(workbench.theme.changed):
        theme_menu_action(workbench, "dark").trigger()
    assert base_is_dark(qapp)
    assert workbench.window.editor.palette().color(QPalette.ColorRole.Base).lightness() < 128
    assert settings.theme() == "dark"
    assert theme_menu_action(workbench, "dark").isChecked()
    assert qapp.style().name().lower() == "fusion"

    # A new window (a restart, a language switch) reads the remembered theme.
    again = ThemeFeature(qapp, Settings(settings.qsettings), workbench.window)
    assert again.theme() == "dark" and again.theme_actions["dark"].isChecked()

    theme_menu_action(workbench, "light").trigger()
    assert not base_is_dark(qapp)
    assert settings.theme() == "light"


def test_system_follows_the_colour_scheme_as_it_changes(workbench: Any, qapp: QApplication) -> None:
    theme = workbench.theme
    assert theme.theme() == "system"
    hints = qapp.styleHints()
    hints.colorSchemeChanged.emit(Qt.ColorScheme.Dark)
    assert base_is_dark(qapp) and theme.dark
    hints.colorSchemeChanged.emit(Qt.ColorScheme.Light)
    assert not base_is_dark(qapp) and not theme.dark
    # A chosen theme stays whatever the desktop does.
    theme.choose("light")
    hints.colorSchemeChanged.emit(Qt.ColorScheme.Dark)
    assert not base_is_dark(qapp)
    assert is_dark("system", Qt.ColorScheme.Unknown) is False
    assert is_dark("dark", Qt.ColorScheme.Light) is True


@pytest.mark.parametrize("dark", [False, True])
@pytest.mark.parametrize("alpha", [BACKGROUND_ALPHA, BAR_BACKGROUND_ALPHA, SELECTED_ALPHA])
@pytest.mark.parametrize("color", ["#1e88e5", "#f9a825", *_SPARE_COLORS])
def test_text_over_every_label_colour_meets_wcag_aa(dark: bool, alpha: int, color: str) -> None:
    theme = palette(dark)
    background = QColor(color)
    background.setAlpha(alpha)
    shown = legible_background(background, theme)
    blended = blend(rgb(shown), shown.alpha(), rgb(theme.color(QPalette.ColorRole.Base)))
    assert contrast_ratio(rgb(theme.color(QPalette.ColorRole.Text)), blended) >= AA_TEXT
    if not dark:
        assert shown.alpha() == alpha  # the light theme is unchanged
    # A fill is lowered only as far as needed: still visible.
    assert shown.alpha() >= min(alpha, 60)


def test_the_editor_draws_legible_spans_in_the_dark_theme(workbench: Any, qapp: QApplication, qtbot: Any) -> None:
    window = workbench.window
    window.editor.select_text(0, 3)
    qtbot.keyClick(window.editor, Qt.Key.Key_C)  # a CLAIM (yellow), selected: the strongest fill
    assert [s.label for s in window.project.spans(1, ANNOTATOR)] == ["CLAIM"]
    before = [s.format.background().color().alpha() for s in window.editor.extraSelections()]
    with qtbot.waitSignal(workbench.theme.changed):
        theme_menu_action(workbench, "dark").trigger()
    selections = window.editor.extraSelections()
    # Drawn again for the dark palette: the selected claim's yellow is fainter than in the light one.
    assert [s.format.background().color().alpha() for s in selections] != before
    assert selections
    text = rgb(window.editor.palette().color(QPalette.ColorRole.Text))
    base = rgb(window.editor.palette().color(QPalette.ColorRole.Base))
    for selection in selections:
        fill = selection.format.background().color()
        assert contrast_ratio(text, blend(rgb(fill), fill.alpha(), base)) >= AA_TEXT


def test_legible_alpha_is_the_highest_that_passes() -> None:
    # Light text on yellow over a dark base: the full alpha fails, a lower one passes.
    alpha = legible_alpha("#f9a825", 170, "#1f1f1f", "#e6e6e6")
    assert 0 < alpha < 170
    assert contrast_ratio("#e6e6e6", blend("#f9a825", alpha, "#1f1f1f")) >= AA_TEXT
    assert contrast_ratio("#e6e6e6", blend("#f9a825", alpha + 1, "#1f1f1f")) < AA_TEXT
    assert legible_alpha("#f9a825", 170, "#ffffff", "#000000") == 170  # black on light: unchanged


@pytest.mark.parametrize("dark", [False, True])
def test_relation_arcs_stand_out_from_the_base_in_both_themes(dark: bool) -> None:
    themed = palette(dark)
    base = themed.color(themed.ColorRole.Base).name()
    assert contrast_ratio(relation_color(themed).name(), base) >= 4.5


def test_the_label_palette_follows_the_theme_both_ways(workbench: Any, qapp: QApplication, qtbot: Any) -> None:
    """Its buttons draw from a style sheet, which takes the palette's colours when it is set:
    back from dark to light they kept the dark button colour until the sheet was set again."""
    window = workbench.window
    window.show()
    qtbot.waitExposed(window)
    button = next(iter(window.label_palette.buttons.values()))

    def button_lightness() -> int:
        image = button.grab().toImage()
        # A pixel inside the button, away from its coloured edge and its text.
        return image.pixelColor(image.width() - 6, 3).lightness()

    light = button_lightness()
    with qtbot.waitSignal(workbench.theme.changed):
        theme_menu_action(workbench, "dark").trigger()
    qapp.processEvents()
    assert button_lightness() < 128 <= light
    with qtbot.waitSignal(workbench.theme.changed):
        theme_menu_action(workbench, "light").trigger()
    qapp.processEvents()
    assert button_lightness() >= 128
