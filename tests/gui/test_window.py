"""The main window around the editor: notes, time, help, zoom, direction, settings, projects."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

from PySide6.QtCore import QPoint, Qt, QTimer
from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import QApplication

from core.paths import DEFAULT_SCHEMA
from core.schema import load_schema
from gui.panels import NoteDialog
from gui.settings import Settings
from store.project import Project
from tests.gui.conftest import ANNOTATOR, add_statements

Ctrl = Qt.KeyboardModifier.ControlModifier


def menu_texts(window: Any) -> list[list[str]]:
    """Each menu's entries in order, '----' for a separator."""
    return [
        ["----" if a.isSeparator() else a.text() for a in menu.actions()]
        for menu in (window.file_menu, window.edit_menu, window.view_menu, window.help_menu)
    ]


def test_menus_keep_their_sections_in_order_whoever_adds_to_them(window: Any) -> None:
    # The Review menu is there but hidden outside the review mode (it has no actions).
    titles = [a.text() for a in window.menuBar().actions() if a.isVisible()]
    assert titles == ["&File", "&Edit", "&View", "&Help"]
    assert window.edit_menu.actions()[0] is window.undo_action
    assert menu_texts(window) == [
        ["&New project…", "&Open project…", "&Recent projects", "----", "&Import…", "&Export…", "----",
         "Change &annotator…", "----", "&Quit"],
        ["&Undo", "&Redo", "----", "Mark &done and open the next", "Mark &skipped and open the next",
         "Mark &to do", "&Note on this statement…", "De&lete the selected span", "----",
         "&Find in all statements…"],
        ["&Next statement", "&Previous statement", "Next statement not &done", "----", "Zoom &in", "Zoom &out",
         "&Reset zoom", "----", "Go to the &statement list", "Go to the &text", "Show the &guidelines", "----",
         "T&heme"],
        ["&Keyboard shortcuts", "&About Bayan"],
    ]


def test_a_feature_is_placed_in_its_section_with_working_shortcuts(window: Any, qtbot: Any) -> None:
    from collections.abc import Mapping, Sequence

    from PySide6.QtGui import QAction, QKeySequence
    from PySide6.QtWidgets import QDockWidget

    from gui.features import DockSide, Section

    class Reports:
        def __init__(self) -> None:
            self.triggered = 0
            self.action = QAction("&Report", window)
            self.action.setShortcut(QKeySequence("Ctrl+Shift+R"))
            self.action.triggered.connect(self.count)
            self.dock = QDockWidget("Reports", window)

        def count(self) -> None:
            self.triggered += 1

        def actions(self) -> Mapping[Section, Sequence[QAction]]:
            return {Section.PROJECT: [self.action]}

        def docks(self) -> Sequence[tuple[DockSide, QDockWidget]]:
            return [(DockSide.TRAILING, self.dock)]

    reports = Reports()
    window.add_feature(reports)
    file_menu = menu_texts(window)[0]
    # At the end of its section, before the separator that the next section brings.
    assert file_menu[:5] == ["&New project…", "&Open project…", "&Recent projects", "&Report", "----"]
    assert window.section_actions(Section.PROJECT)[-1] is reports.action
    assert window.dockWidgetArea(reports.dock) == Qt.DockWidgetArea.RightDockWidgetArea  # trailing in English
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.keyClick(window.editor, Qt.Key.Key_R, Ctrl | Qt.KeyboardModifier.ShiftModifier)
    assert reports.triggered == 1


def test_note_shortcut_stores_the_note_and_marks_the_list(window: Any, qtbot: Any) -> None:
    def fill_and_save() -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, NoteDialog)
        dialog.edit.setPlainText("  هل الفاعل هو الائتلاف؟ ")
        dialog.accept()

    QTimer.singleShot(0, fill_and_save)
    qtbot.keyClick(window.editor, Qt.Key.Key_N, Ctrl)
    assert window.project.status(1, ANNOTATOR).note == "هل الفاعل هو الائتلاف؟"
    assert window.list_model.index(0, window.list_model.NOTE).data() == "✎"
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.keyClick(window.editor, Qt.Key.Key_Z, Ctrl)
    assert window.project.status(1, ANNOTATOR).note == ""
    assert window.list_model.index(0, window.list_model.NOTE).data() == ""


def test_time_on_a_statement_is_recorded_when_leaving_it(window: Any, qtbot: Any) -> None:
    tracker = window.time_tracker
    tracker.min_write_seconds = 0.1
    qtbot.wait(120)
    qtbot.keyClick(window.editor, Qt.Key.Key_PageDown)
    seconds = window.project.status(1, ANNOTATOR).seconds
    assert 0.1 <= seconds < 5
    tracker.min_write_seconds = 1000.0
    qtbot.wait(30)
    qtbot.keyClick(window.editor, Qt.Key.Key_PageDown)  # a glance: kept until the next flush
    assert window.project.status(2, ANNOTATOR).seconds == 0
    tracker.flush()  # the periodic timer's slot
    assert window.project.status(2, ANNOTATOR).seconds >= 0.03
    assert window.project.stats()["seconds"] >= 0.1


def test_closing_the_window_writes_the_time_and_stops_the_tracker(
    seeded: Project, settings: Settings, qtbot: Any
) -> None:
    from gui.main_window import MainWindow

    win = MainWindow(seeded, settings, ANNOTATOR, check_integrity=False)
    qtbot.addWidget(win)
    win.show()
    assert win.time_tracker.is_running()
    qtbot.wait(40)
    win.close()
    assert not win.time_tracker.is_running()
    written = seeded.status(1, ANNOTATOR).seconds
    assert written >= 0.03
    win.open_statement(2)  # a window kept after closing writes nothing more
    win.time_tracker.flush()
    assert seeded.status(1, ANNOTATOR).seconds == written


def test_help_overlay_lists_every_shortcut(workbench: Any, qtbot: Any) -> None:
    window, overlay = workbench.window, workbench.shortcuts.overlay
    qtbot.keyClick(window.editor, Qt.Key.Key_F1)
    assert overlay.isVisible()
    keys = " | ".join(k for k, _ in overlay.rows)
    for expected in ("Ctrl+Return", "Ctrl+Z", "Ctrl+Shift+Z", "Alt+Right", "PgDown", "Ctrl+N", "F1", "Ctrl+=",
                     "Ctrl+-", "Tab", "Delete", "Alt+a", " a ", "r", "Ctrl+F", "Ctrl+I"):
        assert expected.strip() in keys, expected
    assert len(overlay.rows) == len(set(overlay.rows))
    qtbot.keyClick(overlay, Qt.Key.Key_Escape)
    assert not overlay.isVisible()
    assert window.editor.hasFocus()
    qtbot.keyClick(window.editor, Qt.Key.Key_Question, Qt.KeyboardModifier.ShiftModifier, )
    assert overlay.isVisible()


def test_zoom_changes_the_text_size_and_is_remembered(window: Any, qtbot: Any, settings: Settings) -> None:
    size = window.editor.font().pointSize()
    qtbot.keyClick(window.editor, Qt.Key.Key_Equal, Ctrl)
    qtbot.keyClick(window.editor, Qt.Key.Key_Equal, Ctrl)
    assert window.editor.font().pointSize() == size + 2
    qtbot.keyClick(window.editor, Qt.Key.Key_Minus, Ctrl)
    assert window.editor.font().pointSize() == size + 1
    assert Settings(settings.qsettings).zoom() == 1


def test_arabic_is_right_aligned_and_latin_left_aligned(window: Any, tmp_path: Path) -> None:
    block = window.editor.document().firstBlock()
    assert block.blockFormat().layoutDirection() == Qt.LayoutDirection.RightToLeft
    assert block.blockFormat().alignment() & Qt.AlignmentFlag.AlignRight
    assert block.blockFormat().alignment() & Qt.AlignmentFlag.AlignAbsolute
    add_statements(window.project, ["The OPCW said the attack used sarin."], tmp_path)
    window.reload()
    window.open_statement(11)
    block = window.editor.document().firstBlock()
    assert block.blockFormat().layoutDirection() == Qt.LayoutDirection.LeftToRight
    assert block.blockFormat().alignment() & Qt.AlignmentFlag.AlignLeft
    assert window.editor.toPlainText() == "The OPCW said the attack used sarin."  # never reshaped


def test_layout_mirrors_right_to_left(window: Any, qtbot: Any) -> None:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    try:
        app.setLayoutDirection(Qt.LayoutDirection.RightToLeft)
        qtbot.waitUntil(lambda: window.splitter.widget(0).mapTo(window, QPoint(0, 0)).x() > 0, timeout=2000)
        left_part = window.splitter.widget(0)
        origin = left_part.mapTo(window, QPoint(0, 0)).x()
        assert origin > window.width() / 2  # the statement list is now on the right
        # The Arabic statement stays right-aligned under the mirrored layout.
        assert window.editor.document().firstBlock().blockFormat().alignment() & Qt.AlignmentFlag.AlignAbsolute
    finally:
        app.setLayoutDirection(Qt.LayoutDirection.LeftToRight)


def test_attribute_editor_sets_the_claims_stance(window: Any, qtbot: Any) -> None:
    editor = window.editor
    start = editor.text.index("إلى تحرك")
    editor.select_text(start, start + 8)
    window.label_palette.buttons["CLAIM"].click()  # the palette labels like the key does
    span = window.project.spans(1, ANNOTATOR)[0]
    assert span.label == "CLAIM"
    assert editor.selected_span == span.id
    combo = window.attribute_editor.combos["stance"]
    combo.setCurrentIndex(combo.findData("oppose"))
    assert window.project.span(span.id).attrs == {"stance": "oppose"}
    qtbot.keyClick(editor, Qt.Key.Key_Z, Ctrl)
    assert window.project.span(span.id).attrs == {}
    # With the keyboard: digits pick the stance of the selected claim, 0 clears it.
    editor.select_span(span.id)
    qtbot.keyClick(editor, Qt.Key.Key_1)
    assert window.project.span(span.id).attrs == {"stance": "support"}
    assert window.attribute_editor.combos["stance"].currentData() == "support"
    qtbot.keyClick(editor, Qt.Key.Key_3)
    assert window.project.span(span.id).attrs == {"stance": "neutral"}
    qtbot.keyClick(editor, Qt.Key.Key_9)  # no ninth value: nothing changes
    qtbot.keyClick(editor, Qt.Key.Key_0)
    assert window.project.span(span.id).attrs == {}


def test_clicking_the_list_opens_a_statement(window: Any, qtbot: Any) -> None:
    index = window.list_model.index(4, window.list_model.PREVIEW)
    rect = window.list_view.visualRect(index)
    qtbot.mouseClick(window.list_view.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert window.current_seq == 5
    assert window.position_label.text().startswith("Statement 5 / 10")


def test_walking_the_list_with_the_keyboard(window: Any, qtbot: Any) -> None:
    qtbot.keyClick(window.editor, Qt.Key.Key_L, Ctrl)
    assert window.list_view.hasFocus()
    qtbot.keyClick(window.list_view, Qt.Key.Key_Down)
    qtbot.keyClick(window.list_view, Qt.Key.Key_Down)
    assert window.current_seq == 3
    qtbot.keyClick(window.list_view, Qt.Key.Key_Return)
    assert window.editor.hasFocus()


def test_annotator_is_asked_once_and_remembered(settings: Settings) -> None:
    from gui.app import resolve_annotator

    asked: list[int] = []

    def ask() -> str:
        asked.append(1)
        return " hana "

    assert resolve_annotator(settings, None, ask) == "hana"
    assert resolve_annotator(settings, None, ask) == "hana"
    assert asked == [1]
    assert resolve_annotator(settings, "amal", ask) == "amal"
    assert Settings(settings.qsettings).annotator() == "amal"


def test_an_annotator_name_with_control_characters_is_refused_at_the_door(settings: Settings) -> None:
    from click.testing import CliRunner

    from gui.app import resolve_annotator
    from main import cli

    settings.set_annotator("amal\x1b[2J")  # remembered by an older Bayan
    assert resolve_annotator(settings, None, lambda: "hana") == "hana"
    result = CliRunner().invoke(cli, ["gui", "--annotator", "amal\u202e"])
    assert result.exit_code == 2 and "bidi control character" in result.output


def test_open_another_project_and_recent_list(window: Any, tmp_path: Path, settings: Settings) -> None:
    other_path = tmp_path / "other.bayan"
    other = Project.create(other_path, load_schema(DEFAULT_SCHEMA), name="Other")
    add_statements(other, ["قال الوزير إن الاتفاق صامد"], tmp_path)
    other.close()
    assert window.open_project(other_path)
    assert "Other" in window.windowTitle()
    assert window.list_model.rowCount() == 1 and window.current_seq == 1
    assert window.undo_stack.count() == 0
    assert settings.recent_projects()[0] == other_path.resolve()
    window._fill_recent_menu()
    assert [a.text() for a in window.recent_menu.actions()][0] == str(other_path.resolve())


def test_new_empty_project_shows_no_statement(window: Any, tmp_path: Path) -> None:
    window.set_project(Project.create(tmp_path / "empty.bayan", load_schema(DEFAULT_SCHEMA)))
    assert window.current_seq is None
    assert window.editor.toPlainText() == "" and window.span_model.rowCount() == 0
    assert window.list_model.rowCount() == 0
    add_statements(window.project, ["أول بيان"], tmp_path)
    window.reload()  # what the import dialog calls when it is done
    assert window.current_seq == 1 and window.editor.toPlainText() == "أول بيان"


def test_reload_after_an_import_shows_new_statements(window: Any, tmp_path: Path) -> None:
    add_statements(window.project, ["بيان جديد"], tmp_path)
    window.reload()
    assert window.list_model.rowCount() == 11
    assert "/ 11" in window.progress_label.text()


def project_with_statements(tmp_path: Path, count: int) -> Path:
    path = tmp_path / "d.bayan"
    project = Project.create(path, load_schema(DEFAULT_SCHEMA))
    add_statements(project, [f"بيان {i} " * 20 for i in range(count)], tmp_path)
    project.close()
    return path


def damage_an_index(path: Path) -> None:
    """Overwrite part of an index page: the file still opens, integrity_check finds the damage."""
    conn = sqlite3.connect(path)
    root = conn.execute("SELECT rootpage FROM sqlite_master WHERE name = 'statements_hash'").fetchone()[0]
    page_size = conn.execute("PRAGMA page_size").fetchone()[0]
    conn.close()
    with path.open("r+b") as f:
        f.seek((root - 1) * page_size + 8)
        f.write(b"\xff" * 64)


def test_integrity_check_runs_off_the_gui_thread_and_reports_damage(tmp_path: Path, qtbot: Any) -> None:
    from gui.main_window import IntegrityCheck

    path = project_with_statements(tmp_path, 400)
    good = IntegrityCheck(path)
    failures: list[str] = []
    good.failed.connect(failures.append)
    with qtbot.waitSignal(good.finished, timeout=10_000):
        good.start()
    assert failures == []
    damage_an_index(path)
    bad = IntegrityCheck(path)
    bad.failed.connect(failures.append)
    with qtbot.waitSignal(bad.finished, timeout=10_000):
        bad.start()
    assert failures and "damaged" in failures[0]


def test_window_opens_a_damaged_project_then_warns(
    tmp_path: Path, qtbot: Any, settings: Settings, monkeypatch: Any
) -> None:
    import gui.main_window
    from gui.main_window import MainWindow

    path = project_with_statements(tmp_path, 400)
    damage_an_index(path)
    warnings: list[str] = []
    monkeypatch.setattr(
        gui.main_window.QMessageBox, "warning", staticmethod(lambda _parent, title, text: warnings.append(text))
    )
    store = Project.open(path, check=False)  # what main.py does for the GUI: no O(size) check first
    try:
        win = MainWindow(store, settings, ANNOTATOR)
        qtbot.addWidget(win)
        win.show()
        assert win.current_seq == 1  # the window is usable while the check runs
        qtbot.waitUntil(lambda: bool(warnings), timeout=10_000)
        assert "damaged" in warnings[0]
        win.close()
    finally:
        store.close()


def test_bundled_font_is_loaded_when_no_arabic_font_is_installed() -> None:
    from gui.app import BUNDLED_FONT, arabic_font_family

    class NoArabicFonts(QFontDatabase):
        @staticmethod
        def families(*_: object) -> list[str]:  # type: ignore[override]
            return []

    assert BUNDLED_FONT.exists() and (BUNDLED_FONT.parent / "OFL.txt").exists()
    assert arabic_font_family(NoArabicFonts) == "Amiri"
