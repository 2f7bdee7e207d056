"""Errors that carry what a user needs to fix their input: file, line, reason."""

from __future__ import annotations


class BayanError(Exception):
    """A failure caused by the user's input or files, reported without a traceback."""


class InputError(BayanError):
    """Bad content in an input file; `line` is 1-based, or None for the whole file."""

    def __init__(self, file: str, line: int | None, reason: str) -> None:
        self.file = file
        self.line = line
        self.reason = reason
        super().__init__(str(self))

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line is not None else self.file
        return f"{where}: {self.reason}"


class ProjectError(BayanError):
    """A project file that cannot be opened or used (not a project, too new, damaged)."""


class EditRefused(BayanError):
    """A store write that a rule of the domain refuses; nothing was written."""


class WriteFailed(BayanError):
    """A write to the project could not be made now (disk full, I/O error); nothing was written."""


class ProjectBusy(WriteFailed):
    """Another process holds the project's write lock past the wait; nothing was written."""
