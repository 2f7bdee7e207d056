"""The Qt bindings themselves: a day of work must not wear them out.

PySide6-Essentials 6.12.0 on Python 3.11 lowered the reference count of None on every Qt
call that returns nothing; after about a thousand statement moves Python aborted with
"none_dealloc", taking the window (never the saved work) down. pyproject.toml keeps that
release out; these tests catch such a binding however it arrives.
"""

from __future__ import annotations

import sys
from typing import Any

from PySide6.QtWidgets import QLabel


def test_qt_calls_returning_nothing_keep_none_alive(qtbot: Any) -> None:
    label = QLabel()
    qtbot.addWidget(label)
    before = sys.getrefcount(None)
    for _ in range(2000):
        label.setText("x")
    assert before - sys.getrefcount(None) < 50


def test_a_long_day_of_moving_between_statements(window: Any) -> None:
    # More moves than the binding above survived; each move makes dozens of Qt calls.
    for _ in range(1200):
        if window.current_seq < 10:
            window.next_statement()
        else:
            window.navigator.open(1)
    assert window.current_seq is not None
