"""Format-independent checks of imported records against the statement and the schema."""

from __future__ import annotations

from dataclasses import replace

from core.errors import InputError
from core.model import STATUSES, Record, Relation, Span
from core.schema import Schema, is_valid_name

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

    def _fail(self, line: int, reason: str) -> InputError:
        return InputError(self.file, line, reason)

    def check(self, record: Record, line: int) -> Record:
        """The record, with span texts filled in and the annotator resolved; or InputError."""
        text = record.text
        if not isinstance(text, str) or not text.strip():
            raise self._fail(line, "the text is empty")
        if record.status not in STATUSES:
            raise self._fail(line, f"status {record.status!r} is not one of {', '.join(STATUSES)}")
        annotator = record.annotator
        annotated = bool(record.spans or record.relations or record.note)
        # A bare statement (txt, csv, or todo without work) belongs to no annotator.
        if annotator is None and (annotated or record.status != "todo"):
            annotator = self.default_annotator
            if annotator is None and annotated:
                raise self._fail(
                    line, "the record has annotations but no annotator; give --annotator NAME"
                )
        spans: list[Span] = []
        ids: dict[str, Span] = {}
        seen: dict[tuple[int, int, str], Span] = {}
        for n, span in enumerate(record.spans, 1):
            where = f"span {n}"
            if not 0 <= span.start < span.end <= len(text):
                raise self._fail(
                    line,
                    f"{where}: offsets [{span.start}, {span.end}) are not within the text "
                    f"(0 ≤ start < end ≤ {len(text)})",
                )
            covered = text[span.start : span.end]
            if span.text and span.text != covered:
                raise self._fail(
                    line,
                    f"{where}: text {span.text!r} differs from the statement's "
                    f"{covered!r} at [{span.start}, {span.end})",
                )
            label = self.schema.label(span.label)
            if label is None:
                if not self.add_labels:
                    raise self._fail(
                        line, f"{where}: unknown label {span.label!r} (use --add-labels to add it)"
                    )
                if not is_valid_name(span.label):
                    raise self._fail(line, f"{where}: label {span.label!r} cannot be added: {_NAMES}")
                self.schema = self.schema.with_label(span.label)
                self.added_labels.append(span.label)
                label = self.schema.label(span.label)
                assert label is not None
            for name, value in span.attrs.items():
                attribute = label.attribute(name)
                if attribute is None:
                    raise self._fail(line, f"{where}: label {label.name} has no attribute {name!r}")
                if value not in attribute.values:
                    raise self._fail(
                        line,
                        f"{where}: {name} must be one of {', '.join(attribute.values)}, not {value!r}",
                    )
            if span.id in ids:
                raise self._fail(line, f"{where}: span id {span.id!r} is used twice")
            key = (span.start, span.end, span.label)
            if key in seen:
                # The same span twice in one record is the same span: keep the first.
                ids[span.id] = seen[key]
                continue
            checked = replace(span, text=covered)
            seen[key] = ids[span.id] = checked
            spans.append(checked)
        relations: list[Relation] = []
        for n, rel in enumerate(record.relations, 1):
            where = f"relation {n}"
            head, tail = ids.get(rel.head), ids.get(rel.tail)
            if head is None or tail is None:
                missing = rel.head if head is None else rel.tail
                raise self._fail(line, f"{where}: no span with id {missing!r} in this record")
            kind = self.schema.relation(rel.label)
            if kind is None:
                if not self.add_labels:
                    raise self._fail(
                        line, f"{where}: unknown relation {rel.label!r} (use --add-labels to add it)"
                    )
                if not is_valid_name(rel.label):
                    raise self._fail(line, f"{where}: relation {rel.label!r} cannot be added: {_NAMES}")
                self.schema = self.schema.with_relation(rel.label, head.label, tail.label)
                self.added_relations.append(rel.label)
                kind = self.schema.relation(rel.label)
                assert kind is not None
            if (head.label, tail.label) != (kind.from_label, kind.to_label):
                raise self._fail(
                    line,
                    f"{where}: {rel.label} goes from {kind.from_label} to {kind.to_label}, "
                    f"not from {head.label} to {tail.label}",
                )
            relations.append(Relation(head=head.id, tail=tail.id, label=rel.label))
        return replace(record, annotator=annotator, spans=spans, relations=relations)
