"""Bayan project files: SQLite via sqlite-utils. All SQL of Bayan lives in this package."""

from store.project import Project

__all__ = ["Project"]
