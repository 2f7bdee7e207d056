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

    def where(self) -> str:
        return f"{self.file}:{self.line}" if self.line is not None else self.file

    def __str__(self) -> str:
        return f"{self.where()}: {self.reason}"


class NoAnnotator(InputError):
    """A record with annotations that names no annotator, when no default annotator was given.

    `problem` is the rule broken; `remedy` says what to do on the command line. Another
    front end (the GUI's import dialog) says its own remedy after the same `problem`.
    """

    problem = "the record has annotations but no annotator"
    remedy = "give --annotator NAME"

    def __init__(self, file: str, line: int | None) -> None:
        super().__init__(file, line, f"{self.problem}; {self.remedy}")


class ProjectError(BayanError):
    """A project file that cannot be opened or used (not a project, too new, damaged)."""


class EditRefused(BayanError):
    """A store write that a rule of the domain refuses; nothing was written."""


class WriteFailed(BayanError):
    """A write to the project could not be made now (disk full, I/O error); nothing was written."""


class ProjectBusy(WriteFailed):
    """Another process holds the project's write lock past the wait; nothing was written."""
