"""What an import left out or kept elsewhere: one counter that every reader reports to.

Import never loses anything in silence. A reader keeps what Bayan can represent (statement
meta, notes, attributes) and reports, by kind, both what it could not keep (a rejected
suggestion, a blank text, an event) and what it kept somewhere the user may not look
(choices in meta). The importer hands the file's `Losses` to the reader, keeps it in the
file's ImportReport, and the CLI and the GUI print `summary()`. With `strict`, the first
loss (not a "kept") is refused as `file:line: reason`, so the import changes nothing.

A kind is a `LossKind` constant: its key names it to code and to the GUI (which
translates the kinds it knows, gui/transfer.py), its words describe it in English.
"""

from __future__ import annotations

from dataclasses import dataclass

from core.errors import InputError


@dataclass(frozen=True, slots=True)
class LossKind:
    """One kind of thing an import does not keep as it was: "dropped 3 rejected suggestions"."""

    key: str
    verb: str  # skipped, dropped, kept
    one: str
    many: str
    where: str = ""  # where it was kept: " in statement meta"
    # False for what was kept elsewhere: reported, but no loss (--strict lets it pass).
    lost: bool = True

    def describe(self, count: int) -> str:
        return f"{self.verb} {count:,} {self.one if count == 1 else self.many}{self.where}"


# The kinds of the JSON formats. A reader with kinds of its own (brat) defines them beside
# its code, as LossKind constants with keys of their own.
BLANK_TEXT = LossKind("blank_text", "skipped", "blank text", "blank texts")
REJECTED_SUGGESTION = LossKind("rejected_suggestion", "dropped", "rejected suggestion", "rejected suggestions")
IGNORED_TASK = LossKind("ignored_task", "dropped", "ignored task", "ignored tasks")
IGNORED_SPAN = LossKind("ignored_span", "dropped", "span of an ignored task", "spans of ignored tasks")
UNUSED_PREDICTION = LossKind(
    "unused_prediction", "dropped", "prediction of an annotated task", "predictions of annotated tasks"
)
DRAFT = LossKind("draft", "dropped", "draft", "drafts")
# A statement's meta is set when it first comes into the project (store/importer.py).
OTHER_META = LossKind(
    "other_meta", "dropped", "differing meta of a statement already there",
    "differing metas of statements already there",
)
CHOICES_IN_META = LossKind(
    "choices_in_meta", "kept", "document choice", "document choices", " in statement meta", lost=False
)
CATS_IN_META = LossKind("cats_in_meta", "kept", "text category", "text categories", " in statement meta", lost=False)


class Losses:
    """The counts by kind for one imported file, in the order the kinds were first met."""

    def __init__(self, *, strict: bool = False) -> None:
        self.strict = strict
        self._counts: dict[LossKind, int] = {}

    def add(self, kind: LossKind, file: str, line: int | None, count: int = 1) -> None:
        """Count `count` things of `kind` at `file:line`; refused there when strict and they are lost."""
        if count <= 0:
            return
        if self.strict and kind.lost:
            raise InputError(file, line, f"{kind.describe(count)}; --strict refuses any loss")
        self._counts[kind] = self._counts.get(kind, 0) + count

    def __bool__(self) -> bool:
        return bool(self._counts)

    def items(self) -> list[tuple[LossKind, int]]:
        return list(self._counts.items())

    def count(self, kind: LossKind) -> int:
        return self._counts.get(kind, 0)

    @property
    def lost(self) -> bool:
        """Whether anything was left out (as opposed to only kept elsewhere)."""
        return any(kind.lost for kind in self._counts)

    def summary(self) -> str:
        """"skipped 2 blank texts; dropped 1,276 rejected suggestions"; empty when nothing was met."""
        return "; ".join(kind.describe(count) for kind, count in self._counts.items())
