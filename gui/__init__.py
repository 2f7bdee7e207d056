"""Bayan's PySide6 GUI: windows, widgets, thin Qt models over the store, undo commands."""
