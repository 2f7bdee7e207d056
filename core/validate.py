"""Format-independent checks of imported records against the statement and the schema."""

from __future__ import annotations

from dataclasses import replace

from core.errors import InputError, NoAnnotator
from core.model import ItemLines, Record, Relation, Span
from core.rules import (
    UNLABELED,
    attrs_problem,
    fitting_relation,
    meta_problem,
    name_problem,
    overlap_problem,
    relation_problem,
    seconds_problem,
    span_problem,
    span_text_problem,
    statement_id_problem,
    status_problem,
    text_problem,
)
from core.schema import Label, Schema, is_valid_name

_NAMES = "names are ASCII letters, digits, _ or -"


class RecordValidator:
    """Checks records one at a time; with `add_labels`, grows the schema as it goes."""

    def __init__(
        self,
        schema: Schema,
        *,
        file: str,
        default_annotator: str | None = None,
        add_labels: bool = False,
    ) -> None:
        self.schema = schema
        self.file = file
        self.default_annotator = default_annotator
        self.add_labels = add_labels
        self.added_labels: list[str] = []
        self.added_relations: list[str] = []
        self._names: set[str | None] = {None}

    def _name_problem(self, name: str | None) -> str | None:
        """A file names few annotators, each on many records: each name is checked once."""
        problem = None if name is None else name_problem(name, "the annotator's name")
        if problem is None:
            self._names.add(name)
        return problem

    def _fail(self, line: int, reason: str) -> InputError:
        return InputError(self.file, line, reason)

    def check(self, record: Record, line: int, lines: ItemLines | None = None) -> Record:
        """The record, with span texts filled in and the annotator resolved; or InputError.

        `lines`, for a record read from a file of its own (a brat document), gives the line
        of each span and relation, so that a message points at the offending one.
        """
        text = record.text

        def line_of(n: int, found: tuple[int, ...]) -> int:
            return found[n - 1] if n - 1 < len(found) else line

        def span_line(n: int) -> int:
            return line_of(n, lines.spans) if lines is not None else line

        def rline(n: int) -> int:
            return line_of(n, lines.relations) if lines is not None else line

        def attribute_line(n: int, label: Label, attrs: dict[str, str]) -> int:
            """The line of span n's first refused attribute, where the file gives it one (brat's A lines)."""
            found = lines.attributes[n - 1] if lines is not None and n - 1 < len(lines.attributes) else {}
            bad = next((name for name, value in attrs.items() if attrs_problem(label, {name: value})), None)
            return found.get(bad, span_line(n)) if bad is not None else span_line(n)

        for problem in (
            text_problem(text),
            None if record.id is None else statement_id_problem(record.id, text),
            None if record.annotator in self._names else self._name_problem(record.annotator),
            status_problem(record.status),
            meta_problem(record.meta),
            seconds_problem(record.seconds),
        ):
            if problem is not None:
                raise self._fail(line, problem)
        annotator = record.annotator
        annotated = bool(record.spans or record.relations or record.note)
        # A bare statement (txt, csv, or todo without work) belongs to no annotator.
        if annotator is None and (annotated or record.status != "todo"):
            annotator = self.default_annotator
            if annotator is None and annotated:
                raise NoAnnotator(self.file, line)
        spans: list[Span] = []
        ids: dict[str, Span] = {}
        seen: dict[tuple[int, int, str], Span] = {}
        for n, span in enumerate(record.spans, 1):
            where = f"span {n}"  # (cheaper than any lookup below; only read on failure)
            problem = span_problem(len(text), span.start, span.end)
            if problem is None and span.text:
                problem = span_text_problem(text, span.start, span.end, span.text)
            if problem is not None:
                raise self._fail(span_line(n), f"{where}: {problem}")
            covered = text[span.start : span.end]
            label = self.schema.label(span.label)
            if label is None:
                if not self.add_labels:
                    raise self._fail(
                        span_line(n), f"{where}: unknown label {span.label!r} (use --add-labels to add it)"
                    )
                if not is_valid_name(span.label):
                    raise self._fail(span_line(n), f"{where}: label {span.label!r} cannot be added: {_NAMES}")
                self.schema = self.schema.with_label(span.label)
                self.added_labels.append(span.label)
                label = self.schema.label(span.label)
                assert label is not None
            problem = attrs_problem(label, span.attrs)
            if problem is not None:
                raise self._fail(attribute_line(n, label, span.attrs), f"{where}: {problem}")
            if span.id in ids:
                raise self._fail(span_line(n), f"{where}: span id {span.id!r} is used twice")
            key = (span.start, span.end, span.label)
            if key in seen:
                # The same span twice in one record is the same span: keep the first.
                ids[span.id] = seen[key]
                continue
            if label.overlap in ("nested", "refuse"):
                # The record's spans of one annotator are what the rule constrains (a warning
                # is for the GUI: an import only refuses). Spans already in the project from
                # an earlier file are not compared, as merge does not either.
                others = [(s.start, s.end) for s in spans if s.label == span.label]
                problem = overlap_problem(label, others, span.start, span.end)[0]
                if problem is not None:
                    raise self._fail(span_line(n), f"{where}: {problem}")
            # The span itself when its text is given and right (native files carry it); a
            # constructor call otherwise: dataclasses.replace was a tenth of an annotated import.
            checked = span if span.text == covered else Span(
                span.start, span.end, span.label, covered, span.attrs, span.id
            )
            seen[key] = ids[span.id] = checked
            spans.append(checked)
        relations: list[Relation] = []
        for n, rel in enumerate(record.relations, 1):
            where = f"relation {n}"
            head, tail = ids.get(rel.head), ids.get(rel.tail)
            if head is None or tail is None:
                missing = rel.head if head is None else rel.tail
                raise self._fail(rline(n), f"{where}: no span with id {missing!r} in this record")
            kind_name = rel.label
            if kind_name == UNLABELED:
                fitting, problem = fitting_relation(self.schema, head.label, tail.label)
                if fitting is None:
                    raise self._fail(rline(n), f"{where}: {problem}")
                kind_name = fitting
            kind = self.schema.relation(kind_name)
            if kind is None:
                if not self.add_labels:
                    raise self._fail(
                        rline(n), f"{where}: unknown relation {kind_name!r} (use --add-labels to add it)"
                    )
                if not is_valid_name(kind_name):
                    raise self._fail(rline(n), f"{where}: relation {kind_name!r} cannot be added: {_NAMES}")
                self.schema = self.schema.with_relation(kind_name, head.label, tail.label)
                self.added_relations.append(kind_name)
                kind = self.schema.relation(kind_name)
                assert kind is not None
            problem = relation_problem(self.schema, kind_name, head.label, tail.label)
            if problem is not None:
                raise self._fail(rline(n), f"{where}: {problem}")
            relations.append(Relation(head=head.id, tail=tail.id, label=kind_name))
        return replace(record, annotator=annotator, spans=spans, relations=relations)
