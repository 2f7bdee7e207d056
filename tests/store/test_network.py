"""The network aggregated in SQL (store/network.py) equals core's in-memory aggregation."""

from __future__ import annotations

import io
import random
import sqlite3
import tracemalloc
from pathlib import Path

import pytest

from core.formats.network import build_network, write_edge_csv, write_graphml, write_network, write_network_csv
from core.model import Record, Relation, Span
from store.export import iter_records
from store.importer import import_records
from store.network import aggregate
from store.project import Project
from store.selection import ALL_RECORDS, RecordSelection
from store.transfer import Cancelled, export_to

# Spelling variants of one name (harakat, alef forms, tatweel, ة/ه, spaces) are one node.
ACTORS = ["الائتلاف", "الإئتلاف", "الائتلافُ", "روسيا", "رُوسـيا", "النظام", "اللجنة", "اللجنه"]
CLAIMS = ["تحرك", "تحرّك", "رفض", "القرار", "مرفوض"]
STANCES = [None, "support", "oppose", "neutral"]


def random_project(project: Project, seed: int, statements: int = 60) -> None:
    """Statements read by two annotators, each done, skipped or untouched, with random work."""
    rng = random.Random(seed)
    lines: dict[str, list[tuple[int, Record]]] = {"amal": [], "badr": []}
    for i in range(statements):
        words = [rng.choice(ACTORS if k % 2 == 0 else CLAIMS) for k in range(rng.randint(2, 8))]
        text = f"بيان{i} " + "  ".join(words)
        starts, pos = [], len(f"بيان{i} ")
        for word in words:
            starts.append(pos)
            pos += len(word) + 2
        for annotator in ("amal", "badr"):
            state = rng.choice(["done", "done", "skipped", None])
            if state is None:
                continue
            spans = []
            for k, (word, start) in enumerate(zip(words, starts, strict=True)):
                if rng.random() < 0.7:
                    stance = rng.choice(STANCES) if k % 2 else None
                    attrs = {"stance": stance} if stance else {}
                    spans.append(Span(start, start + len(word), "ACTOR" if k % 2 == 0 else "CLAIM", word, attrs,
                                      f"T{k}"))
            if len(words) > 3 and rng.random() < 0.3:
                # A two-word actor: its text holds the double space, shown collapsed.
                span_text = text[starts[0]:starts[2] - 2]
                spans.append(Span(starts[0], starts[2] - 2, "ACTOR", span_text, {}, "Tw"))
            actors = [s.id for s in spans if s.label == "ACTOR"]
            claims = [s.id for s in spans if s.label == "CLAIM"]
            relations = {
                (rng.choice(actors), rng.choice(claims)) for _ in range(rng.randint(0, 3)) if actors and claims
            }
            record = Record(id=f"s{i}", text=text, annotator=annotator, status=state, spans=spans,
                            relations=[Relation(h, t, "CLAIMANT") for h, t in sorted(relations)])
            lines[annotator].append((i + 1, record))
    for annotator, records in lines.items():
        import_records(project, records, file=f"{annotator}.jsonl")


@pytest.mark.parametrize("seed", [1, 2, 3])
@pytest.mark.parametrize(("annotator", "status"), [(None, "done"), (None, "all"), ("amal", "done"), ("badr", "all")])
def test_sql_network_equals_in_memory_network(project: Project, seed: int, annotator: str | None, status: str) -> None:
    random_project(project, seed)
    expected = build_network(iter_records(project, RecordSelection.for_export(annotator, status)))
    assert expected.edges  # the data exercises edges, stances and merged variants
    with aggregate(project, selection=RecordSelection.for_export(annotator, status)) as network:
        nodes, edges = list(network.nodes()), list(network.edges())
        records = network.records
    assert records == expected.records
    assert nodes == list(expected.nodes.values())
    assert edges == list(expected.edges.values())
    # The TEMP tables are gone and the snapshot closed.
    assert not project.conn.in_transaction
    temp = project.conn.execute("SELECT name FROM temp.sqlite_master WHERE name LIKE 'net_%'").fetchall()
    assert temp == []
    with pytest.raises(sqlite3.OperationalError):
        project.conn.execute("SELECT bayan_network_key('x')")


@pytest.mark.parametrize("fmt", ["network", "network-csv"])
def test_export_writes_what_the_record_writers_write(project: Project, tmp_path: Path, fmt: str) -> None:
    random_project(project, 4)
    out = tmp_path / f"net.{fmt}"
    fractions: list[float | None] = []
    count = export_to(project, str(out), fmt=fmt, which="all", progress=fractions.append)
    expected = io.StringIO()
    writer = write_network if fmt == "network" else write_network_csv
    assert count == writer(iter_records(project, ALL_RECORDS), expected, project.schema)
    assert out.read_text(encoding="utf-8") == expected.getvalue()
    assert fractions[-1] == 1.0 and fractions == sorted(f or 0.0 for f in fractions)


def test_stopping_leaves_no_file_and_no_tables(project: Project, tmp_path: Path) -> None:
    random_project(project, 5)
    out = tmp_path / "net.graphml"
    before = sorted(tmp_path.iterdir())
    with pytest.raises(Cancelled):
        export_to(project, str(out), fmt="network", should_stop=lambda: True)
    reached: list[float | None] = [0.0]

    def late() -> bool:  # says stop once the aggregation is done and the writer runs
        return (reached[-1] or 0.0) >= 0.9

    with pytest.raises(Cancelled):
        export_to(project, str(out), fmt="network-csv", progress=reached.append, should_stop=late)
    assert not out.exists() and sorted(tmp_path.iterdir()) == before
    assert project.conn.execute("SELECT name FROM temp.sqlite_master").fetchall() == []
    assert not project.conn.in_transaction


class LineCounter(io.TextIOBase):
    """An output that keeps nothing but its number of lines."""

    def __init__(self) -> None:
        self.lines = 0

    def write(self, text: str) -> int:
        self.lines += text.count("\n")
        return len(text)


def test_python_memory_does_not_grow_with_distinct_nodes(project: Project) -> None:
    # 4,000 distinct actors and claims: the in-memory aggregation would hold them all.
    records = [
        (i, Record(id=f"s{i}", text=f"ممثل{i} قال موقف{i}", annotator="amal", status="done",
                   spans=[Span(0, len(f"ممثل{i}"), "ACTOR", f"ممثل{i}", {}, "A"),
                          Span(len(f"ممثل{i} قال "), len(f"ممثل{i} قال موقف{i}"), "CLAIM", f"موقف{i}",
                               {"stance": "support"}, "C")],
                   relations=[Relation("A", "C", "CLAIMANT")]))
        for i in range(1, 2001)
    ]
    import_records(project, records, file="many.jsonl")
    graphml, edge_list = LineCounter(), LineCounter()
    tracemalloc.start()
    try:
        with aggregate(project) as network:
            write_graphml(network.nodes(), network.edges(), graphml, project.schema)
            write_edge_csv(network.nodes(), network.edges(), edge_list, project.schema)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert edge_list.lines == 2001 and graphml.lines > 6000
    # build_network of these records holds 4,000 nodes and 2,000 edges (well over 1 MB).
    assert peak < 300_000, peak


def test_inside_a_callers_transaction(project: Project) -> None:
    random_project(project, 6)
    expected = build_network(iter_records(project))
    with project.atomic():
        project.conn.execute("CREATE TEMP TABLE mine (x)")  # the caller's TEMP work is left alone
        with aggregate(project) as network:
            assert list(network.edges()) == list(expected.edges.values())
        assert project.conn.in_transaction
        assert project.conn.execute("SELECT count(*) FROM temp.mine").fetchone() == (0,)
