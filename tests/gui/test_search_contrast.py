"""Search hits and the selection read over every label colour; hits marked in the result list;
the label filter's two meanings; the search carried across a language switch."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QModelIndex, QRect, Qt
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication, QStyle, QStyleOptionViewItem

from core.contrast import blend, color_distance, contrast_ratio, relative_luminance
from core.normalize import normalize
from core.offsets import Utf16Map
from core.paths import DEFAULT_SCHEMA
from core.schema import _SPARE_COLORS
from gui.colors import (
    SEARCH_HIT_ALPHA,
    SEARCH_HIT_BACKGROUND,
    SEARCH_HIT_TEXT,
    SELECTION_BACKGROUND,
    SELECTION_TEXT,
    hit_background,
    span_backgrounds,
)
from gui.search import SearchPanel, SearchResultModel, hit_layout
from gui.spanlayer import BACKGROUND_ALPHA, BAR_BACKGROUND_ALPHA, SELECTED_ALPHA
from tests.gui.conftest import ANNOTATOR, add_statements
from tests.gui.test_search import hit_seqs, search

AA = 4.5
# Label colours a span can have: the default schema's and those given to labels added later.
LABEL_COLORS = [label["color"] for label in json.loads(DEFAULT_SCHEMA.read_text(encoding="utf-8"))["labels"]]
ALL_LABEL_COLORS = list(dict.fromkeys([*LABEL_COLORS, *_SPARE_COLORS]))
EDITOR_ALPHAS = (BACKGROUND_ALPHA, BAR_BACKGROUND_ALPHA, SELECTED_ALPHA)


@pytest.fixture
def panel(workbench: Any, qtbot: Any) -> SearchPanel:
    window = workbench.window
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    qtbot.keyClick(window.editor, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: workbench.search.dock.isVisible())
    return workbench.search.panel


# ----------------------------------------------------------- the arithmetic


def test_contrast_ratio_matches_wcag_reference_values() -> None:
    assert contrast_ratio("#000000", "#ffffff") == pytest.approx(21.0)
    assert contrast_ratio("#ffffff", "#ffffff") == pytest.approx(1.0)
    assert contrast_ratio("#777777", "#ffffff") == pytest.approx(4.48, abs=0.01)  # the famous near miss
    assert relative_luminance("#ff0000") == pytest.approx(0.2126)
    assert blend("#000000", 255, "#ffffff") == "#000000" and blend("#000000", 0, "#ffffff") == "#ffffff"
    assert blend("#000000", 128, "#ffffff") == "#7f7f7f"


@pytest.mark.parametrize("color", ALL_LABEL_COLORS)
def test_hit_text_reads_over_every_label_colour_as_the_editor_blends_it(color: str) -> None:
    # The label alone at each alpha, and nested under or over every other label colour.
    backgrounds = {b for other in ALL_LABEL_COLORS for b in span_backgrounds([color, other], EDITOR_ALPHAS)}
    assert blend(color, SELECTED_ALPHA, "#ffffff") in backgrounds and len(backgrounds) > 2 * len(ALL_LABEL_COLORS)
    worst = min(contrast_ratio(SEARCH_HIT_TEXT, hit_background(b)) for b in backgrounds)
    assert worst >= AA, f"hit text over {color}: {worst:.2f}"


def test_hits_under_the_selection_read() -> None:
    # Selected text is drawn in the selection's colours; a selected result row has the hit over it.
    assert contrast_ratio(SELECTION_TEXT, SELECTION_BACKGROUND) >= AA
    assert contrast_ratio(SEARCH_HIT_TEXT, hit_background(SELECTION_BACKGROUND)) >= AA


@pytest.mark.parametrize("color", [*ALL_LABEL_COLORS, SEARCH_HIT_BACKGROUND])
def test_the_selection_is_unlike_every_label_colour(color: str) -> None:
    assert color_distance(SELECTION_BACKGROUND, color) >= 25, f"selection too near {color}"
    # and unlike the span itself as the editor draws it
    for alpha in EDITOR_ALPHAS:
        assert color_distance(SELECTION_BACKGROUND, blend(color, alpha, "#ffffff")) >= 25


# ------------------------------------------------------------- the widgets


def test_the_editor_uses_those_colours(window: Any, panel: SearchPanel, qtbot: Any) -> None:
    editor = window.editor
    palette = editor.palette()
    for group in (QPalette.ColorGroup.Active, QPalette.ColorGroup.Inactive):
        assert palette.color(group, QPalette.ColorRole.Highlight) == QColor(SELECTION_BACKGROUND)
        assert palette.color(group, QPalette.ColorRole.HighlightedText) == QColor(SELECTION_TEXT)
    search(qtbot, panel, "الاسلحة")
    panel.results.setFocus()
    qtbot.keyClick(panel.results, Qt.Key.Key_Down)
    qtbot.keyClick(panel.results, Qt.Key.Key_Return)
    hits = editor.extraSelections()[-len(editor.search_matches):]
    assert hits
    for extra in hits:
        background = extra.format.background().color()
        assert background.name() == SEARCH_HIT_BACKGROUND and background.alpha() == SEARCH_HIT_ALPHA
        assert extra.format.foreground().color() == QColor(SEARCH_HIT_TEXT)


def excerpt_cell(panel: SearchPanel, row: int) -> tuple[QModelIndex, QRect]:
    index = panel.model.index(row, SearchResultModel.EXCERPT)
    option = QStyleOptionViewItem()
    option.initFrom(panel.results)
    option.rect = panel.results.visualRect(index)
    delegate = panel.results.itemDelegate()
    delegate.initStyleOption(option, index)  # type: ignore[attr-defined]
    style = panel.results.style()
    return index, style.subElementRect(QStyle.SubElement.SE_ItemViewItemText, option, panel.results).adjusted(
        3, 0, -3, 0)


def yellow_columns(image: Any, rect: QRect, under: str = "#ffffff") -> list[int]:
    """The x of the cell's pixel columns painted in the hit's colour (blended over `under`)."""
    hit = QColor(hit_background(under))
    xs = []
    for x in range(rect.left(), rect.right()):
        for y in range(rect.top(), rect.bottom()):
            c = image.pixelColor(x, y)
            if max(abs(c.red() - hit.red()), abs(c.green() - hit.green()), abs(c.blue() - hit.blue())) < 12:
                xs.append(x)
                break
    return xs


def test_the_result_list_highlights_the_matched_letters(window: Any, panel: SearchPanel, qtbot: Any,
                                                        tmp_path: Path) -> None:
    # Astral characters before the match (each two UTF-16 units), none of them yellow.
    add_statements(window.project, ["قال 🇸🇾 و𝕏 إن الأسلحة محظورة"], tmp_path)
    window.reload()
    search(qtbot, panel, "الاسلحه")
    row = hit_seqs(panel).index(window.project.statement_count())
    index, rect = excerpt_cell(panel, row)
    text = index.data()
    ((start, end),) = index.data(SearchResultModel.ExcerptMatchesRole)
    assert normalize(text[start:end]) == "الاسلحه", "the excerpt's own offsets, after the emoji"
    # Where the letters are, laid out right-to-left and right-aligned as the delegate lays them out ...
    alignment = index.data(Qt.ItemDataRole.TextAlignmentRole)
    assert alignment & Qt.AlignmentFlag.AlignRight
    layout = hit_layout(text, [(start, end)], panel.results.font(), Qt.AlignmentFlag(alignment), rect.width())
    line = layout.lineAt(0)
    utf16 = Utf16Map(text)
    x_start = rect.left() + line.cursorToX(utf16.to_utf16(start))[0]
    x_end = rect.left() + line.cursorToX(utf16.to_utf16(end))[0]
    assert x_start > x_end, "Arabic: the match starts on its right"
    assert rect.left() + line.naturalTextRect().right() == pytest.approx(rect.right() + 1, abs=1.5), "right-aligned"
    # ... is where the view paints yellow, and nowhere else in the cell.
    image = panel.results.viewport().grab().toImage()
    xs = yellow_columns(image, rect)
    assert xs, "no highlight drawn"
    assert min(xs) >= x_end - 2 and max(xs) <= x_start + 2
    assert max(xs) - min(xs) >= (x_start - x_end) * 0.8
    # A selected row keeps the highlight, in the selection's colours underneath.
    panel.results.selectRow(row)
    assert panel.results.palette().color(QPalette.ColorRole.Highlight) == QColor(SELECTION_BACKGROUND)
    assert yellow_columns(panel.results.viewport().grab().toImage(), rect, SELECTION_BACKGROUND)


# ------------------------------------------------------------ label filter


def test_the_label_filter_offers_statements_with_a_span_and_hits_inside_spans(
    window: Any, panel: SearchPanel, qtbot: Any, tmp_path: Path
) -> None:
    project = window.project
    texts = ["قالت الحكومة إن الأسلحة الكيميائية دمرت وإن الأسلحة الأخرى باقية",
             "أكدت المنظمة أن الأسلحة نقلت"]
    add_statements(project, texts, tmp_path)
    window.reload()
    first, second = project.statement_count() - 1, project.statement_count()
    # An ACTOR over the second "الأسلحة" of the first text only; an ACTOR elsewhere in the second.
    where = texts[0].index("الأسلحة الأخرى")
    project.add_span(statement=first, annotator=ANNOTATOR, label="ACTOR", start=where,
                     end=where + len("الأسلحة الأخرى"))
    project.add_span(statement=second, annotator=ANNOTATOR, label="ACTOR", start=5, end=12)
    combo = panel.label_combo
    entries = [combo.itemText(i) for i in range(combo.count())]
    assert "Statements with a ACTOR span" in entries and "Hits inside a ACTOR span" in entries
    search(qtbot, panel, "الاسلحة")
    combo.setCurrentIndex(combo.findText("Statements with a ACTOR span"))
    assert hit_seqs(panel) == [first, second]
    combo.setCurrentIndex(combo.findText("Hits inside a ACTOR span"))
    assert hit_seqs(panel) == [first]
    assert panel.summary.text() == "1 statement"
    (shown,) = panel.model.index(0, 0).data(SearchResultModel.MatchesRole)
    assert tuple(shown) == (where, where + len("الأسلحة"))
    # The editor highlights that one hit only.
    panel.results.setFocus()
    qtbot.keyClick(panel.results, Qt.Key.Key_Down)
    qtbot.keyClick(panel.results, Qt.Key.Key_Return)
    assert window.current_seq == first
    assert window.editor.search_matches == [(where, where + len("الأسلحة"))]


# ------------------------------------------------------------ language switch


@pytest.fixture
def host(qapp: QApplication, seeded: Any, settings: Any, qtbot: Any) -> Iterator[Any]:
    from gui.app import compose
    from gui.i18n import LanguageHost, UiLanguage
    from gui.main_window import MainWindow

    language = UiLanguage(qapp, settings)

    def factory(project: Any, annotator: str, check: bool) -> MainWindow:
        window = compose(project, settings, annotator, language=language, check_integrity=False).window
        qtbot.addWidget(window)
        return window

    host = LanguageHost(language, factory)
    window = host.open(seeded, ANNOTATOR, check_integrity=False)
    window.show()
    qtbot.waitExposed(window)
    yield host
    language.changed.disconnect(host._rebuild)
    language.apply("en")
    for w in QApplication.topLevelWidgets():
        if isinstance(w, MainWindow):
            w.undo_stack.clear()


def test_the_search_survives_a_language_switch(host: Any, qtbot: Any) -> None:
    from tests.gui.test_i18n import choose
    from tests.gui.test_search import type_text

    window = host.window
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    qtbot.keyClick(window.editor, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    panel = window.findChild(SearchPanel)
    qtbot.waitUntil(lambda: panel.isVisible())
    type_text(panel.query_edit, "الاسلحة")
    qtbot.keyClick(panel.query_edit, Qt.Key.Key_Return)
    panel.status_combo.setCurrentIndex(panel.status_combo.findData("todo"))
    seqs = hit_seqs(panel)
    assert seqs
    choose(window, "ar")
    new = host.window
    assert new is not window
    assert new.file_menu.title() == "&ملف"
    moved = new.findChild(SearchPanel)
    assert moved.query_edit.text() == "الاسلحة"
    assert moved.status_combo.currentData() == "todo"
    assert moved.active_query() == "الاسلحة" and hit_seqs(moved) == seqs
    assert moved.isVisibleTo(new)
    assert moved.summary.text() and moved.summary.text() != panel.summary.text(), "said in Arabic"
    # And the statement shown is highlighted.
    assert new.editor.search_matches == moved.matches_in(new.editor.text, new.editor.spans)


def test_a_new_run_starts_without_the_last_search(settings: Any) -> None:
    settings.set_search_state({"query": "x", "visible": "1"})
    settings.clear_search_state()
    assert settings.search_state() == {"query": "", "status": "", "label": "", "visible": ""}


def test_hit_layout_counts_utf16_after_emoji(qapp: QApplication) -> None:
    text = "👩‍👩‍👧 الأسلحة"
    layout = hit_layout(text, [(text.index("الأسلحة"), len(text))], qapp.font(), Qt.AlignmentFlag.AlignRight, 300)
    (fmt,) = layout.formats()
    assert fmt.start == len(text.encode("utf-16-le")) // 2 - len("الأسلحة")


def test_excerpt_matches_point_at_the_matched_letters_of_the_excerpt() -> None:
    from gui.search import excerpt, excerpt_matches
    from store.search import SearchHit

    text = "قال المتحدث باسم الحكومة في مؤتمر صحفي\nعقد أمس إن الأسلحة الكيميائية دمرت كلها وإن الأسلحة الأخرى باقية"
    first = text.index("الأسلحة")
    second = text.index("الأسلحة", first + 1)
    hit = SearchHit(1, "s1", text, "todo", ((first, first + 7), (second, second + 7)))
    shown = excerpt(hit)
    assert shown.startswith("… ")
    assert [shown[a:b] for a, b in excerpt_matches(hit)] == ["الأسلحة", "الأسلحة"]
