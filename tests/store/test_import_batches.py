"""The importer stores records in batches: identity, order and counts must not depend on where a batch ends."""

from __future__ import annotations

import pytest

from core.errors import InputError
from core.model import Record, Relation, Span
from store import importer
from store.export import iter_records
from store.importer import import_records
from store.project import Project
from store.selection import ALL_RECORDS


def rec(text: str, *, id: str | None = None, annotator: str | None = None, spans: list[Span] | None = None,
        relations: list[Relation] | None = None, status: str | None = None) -> Record:
    return Record(id=id, text=text, annotator=annotator, spans=spans or [], relations=relations or [],
                  status=status or ("done" if annotator else "todo"))


def numbered(records: list[Record]) -> list[tuple[int, Record]]:
    return list(enumerate(records, 1))


def texts(project: Project) -> list[tuple[str, str]]:
    out = []
    for seq in range(1, project.statement_count() + 1):
        row = project.statement(seq)
        assert row is not None
        out.append((row.id, row.text))
    return out


@pytest.fixture(params=[1, 2, 3, 5000], ids=lambda n: f"batch{n}")
def batch(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> int:
    monkeypatch.setattr(importer, "BATCH", request.param)
    monkeypatch.setattr(importer, "ANNOTATED_BATCH", request.param)
    return int(request.param)


def test_same_statement_is_stored_once_across_batches(project: Project, batch: int) -> None:
    actor = Span(0, 4, "ACTOR", "")
    records = [
        rec("جملة أولى"),
        rec("جملة ثانية", id="s2"),
        rec("جملة ثانية"),  # same text, no id: the statement s2
        rec("جملة أولى", annotator="amal", spans=[actor]),
        rec("جملة ثالثة"),
        rec("جملة أولى"),
        rec("جملة ثالثة", annotator="badr", spans=[actor]),
        rec("جملة ثانية", id="s2", annotator="badr", spans=[Span(0, 4, "CLAIM", "")]),
    ]
    report = import_records(project, numbered(records), file="f")

    assert [t for _, t in texts(project)] == ["جملة أولى", "جملة ثانية", "جملة ثالثة"]
    assert texts(project)[1][0] == "s2"
    assert (report.records, report.statements_added, report.spans_added) == (8, 3, 3)
    assert [(s.label, s.text) for s in project.spans(1, "amal")] == [("ACTOR", "جملة")]
    assert [s.label for s in project.spans(2, "badr")] == ["CLAIM"]
    assert [s.label for s in project.spans(3, "badr")] == ["ACTOR"]


def test_reimport_adds_nothing_and_relations_find_existing_spans(project: Project, batch: int) -> None:
    text = "قال الوزير إن الاتفاق صامد"
    actor, claim = Span(4, 10, "ACTOR", "", id="a"), Span(14, 26, "CLAIM", "", {"stance": "support"}, id="c")
    first = [rec(text, annotator="amal", spans=[actor, claim]), rec("جملة أخرى", annotator="amal")]
    import_records(project, numbered(first), file="f")
    span_ids = {s.label: s.id for s in project.spans(1, "amal")}

    again = [
        rec(text, annotator="amal", spans=[actor, Span(14, 26, "CLAIM", "", {"stance": "oppose"}, id="c")],
            relations=[Relation("a", "c", "CLAIMANT")]),
        rec("جملة أخرى", annotator="amal"),
    ]
    report = import_records(project, numbered(again), file="f")

    assert (report.statements_added, report.spans_added, report.relations_added) == (0, 0, 1)
    spans = project.spans(1, "amal")
    assert {s.label: s.id for s in spans} == span_ids
    assert next(s for s in spans if s.label == "CLAIM").attrs == {"stance": "oppose"}
    [relation] = project.relations(1, "amal")
    assert (relation.head, relation.tail) == (span_ids["ACTOR"], span_ids["CLAIM"])
    report = import_records(project, numbered(again), file="f")
    assert (report.statements_added, report.spans_added, report.relations_added) == (0, 0, 0)


def test_an_id_with_another_text_fails_the_whole_file(project: Project, batch: int) -> None:
    import_records(project, numbered([rec("النص الأصلي", id="s1")]), file="first")
    records = [rec("جملة جديدة"), rec("جملة جديدة أخرى", annotator="amal"), rec("نص مختلف", id="s1")]

    with pytest.raises(InputError) as caught:
        import_records(project, numbered(records), file="second")

    assert (caught.value.file, caught.value.line) == ("second", 3)
    assert "different text" in caught.value.reason
    assert texts(project) == [("s1", "النص الأصلي")]


def test_export_order_follows_the_file(project: Project, batch: int) -> None:
    records = [rec(f"جملة رقم {n}", annotator="amal" if n % 2 else None) for n in range(1, 12)]
    import_records(project, numbered(records), file="f")
    assert [t for _, t in texts(project)] == [f"جملة رقم {n}" for n in range(1, 12)]
    assert [r.text for r in iter_records(project, ALL_RECORDS)] == [f"جملة رقم {n}" for n in range(1, 12)]


def test_relations_of_new_spans_link_the_right_spans(project: Project, batch: int) -> None:
    text = "قال الوزير إن الاتفاق صامد"
    records = []
    for n in range(7):
        spans = [Span(4, 10, "ACTOR", "", id="a"), Span(14, 26, "CLAIM", "", id="c"), Span(0, 3, "ACTOR", "", id="q")]
        # Relations listed in another order than the spans, and one statement twice (existing spans).
        records.append(rec(f"{text} {n % 5}", annotator="amal", spans=spans,
                           relations=[Relation("q", "c", "CLAIMANT"), Relation("a", "c", "CLAIMANT")]))
    report = import_records(project, numbered(records), file="f")

    assert (report.spans_added, report.relations_added) == (15, 10)
    for seq in range(1, 6):
        links = set()
        for relation in project.relations(seq, "amal"):
            head, tail = project.span(relation.head), project.span(relation.tail)
            assert head is not None and tail is not None and head.statement == tail.statement == seq
            links.add((head.text, tail.text))
        assert links == {("قال", "الاتفاق صامد"), ("الوزير", "الاتفاق صامد")}
