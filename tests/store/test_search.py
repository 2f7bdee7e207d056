"""Search: Arabic normalization, paging by key, filters, and the lazy, incremental index."""

from __future__ import annotations

import io
import sqlite3
from pathlib import Path

import pytest

from core.formats.registry import READERS
from core.paths import DEFAULT_SCHEMA
from core.schema import load_schema
from store.importer import import_records
from store.project import Project
from store.search import SearchIndex
from tests.store.older import as_version


def add_statements(project: Project, *texts: str) -> None:
    data = "\n".join(texts).encode("utf-8")
    import_records(project, READERS["txt"](io.BytesIO(data), "in.txt"), file="in.txt")


def seqs(index: SearchIndex, query: str, **filters: object) -> list[int]:
    return [hit.seq for hit in index.iter_hits(query, **filters)]  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("stored", "query"),
    [
        ("حظر الأسلحة الكيميائية", "الاسلحة"),  # hamza above
        ("حظر الاسلحة الكيميائية", "الأسلحة"),  # the other way round
        ("قال إنّ الإسلام", "الاسلام"),  # hamza below, shadda
        ("في آخر التقرير", "اخر"),  # madda
        ("ٱلرحمن", "الرحمن"),  # wasla
        ("مُنَظَّمَةُ حظر", "منظمة"),  # harakat in the text
        ("منظمة حظر", "مُنَظَّمَة"),  # harakat in the query
        ("الأسلـــحة", "الاسلحة"),  # tatweel
        ("في منظمه حظر", "منظمة"),  # ة and ه fold
        ("في منظمة حظر", "منظمه"),
        ("إلى مستشفى حلب", "مستشفي"),  # ى and ي fold
        ("وبالأسلحة السامة", "سلحة"),  # inside a word with clitics
        ("Chemical WEAPONS", "weapons"),  # Latin case
    ],
)
def test_normalized_query_finds_statement(project: Project, stored: str, query: str) -> None:
    add_statements(project, stored, "نص ثان لا علاقة له")
    index = SearchIndex(project)
    hits = index.search(query)
    assert [h.seq for h in hits] == [1]
    assert hits[0].matches, "the hit carries where the query matched"


def test_matches_are_original_offsets_covering_harakat(project: Project) -> None:
    text = "قالت مُنَظَّمَةُ حظر الأسلحة إن مُنَظَّمَةً أخرى"
    add_statements(project, text)
    (hit,) = SearchIndex(project).search("منظمة")
    assert hit.text == text
    assert [text[a:b] for a, b in hit.matches] == ["مُنَظَّمَةُ", "مُنَظَّمَةً"]


def test_query_of_one_or_two_letters_uses_the_fallback(project: Project) -> None:
    add_statements(project, "قال المتحدث", "رد وزير", "لا شيء هنا")
    index = SearchIndex(project)
    assert seqs(index, "ال") == [1]
    assert seqs(index, "رد") == [2]
    assert seqs(index, "ر") == [2]
    assert seqs(index, "أل") == [1]  # still normalized
    assert seqs(index, "ىء") == [3]  # ى folds to ي in the query too
    assert index.count("ال") == 1


def test_glob_characters_in_a_query_are_literal(project: Project) -> None:
    add_statements(project, "نسبة 100% من الأصوات", "نسبة 1000 من الأصوات", "a*b?c[d] here", "axbycd here")
    index = SearchIndex(project)
    assert seqs(index, "100%") == [1]
    assert seqs(index, "a*b?c[d]") == [3]
    assert seqs(index, "?c[") == [3]


def test_query_that_is_only_harakat_finds_nothing(project: Project) -> None:
    add_statements(project, "مُنَظَّمَة")
    index = SearchIndex(project)
    assert index.search("ًٌَُ") == []
    assert index.count("ًٌَُ") == 0


def test_empty_query_lists_statements_and_filters_choose(project: Project) -> None:
    add_statements(project, "أول", "ثان", "ثالث")
    index = SearchIndex(project)
    assert seqs(index, "") == [1, 2, 3]
    assert seqs(index, "   ") == [1, 2, 3]


def test_paging_by_key_returns_every_hit_once_in_order(project: Project) -> None:
    add_statements(project, *[f"بيان رقم {i} عن الأسلحة" if i % 3 else f"بيان رقم {i}" for i in range(1, 41)])
    index = SearchIndex(project)
    expected = [i for i in range(1, 41) if i % 3]
    first = index.search("الاسلحة", limit=10)
    assert [h.seq for h in first] == expected[:10]
    second = index.search("الاسلحة", after_seq=first[-1].seq, limit=10)
    assert [h.seq for h in second] == expected[10:20]
    assert seqs(index, "الاسلحة") == expected
    assert [h.seq for h in index.iter_hits("الاسلحة", page=7)] == expected
    assert index.search("الاسلحة", after_seq=expected[-1], limit=10) == []
    assert index.count("الاسلحة") == len(expected)
    assert index.count("الاسلحة", cap=5) == 5


@pytest.fixture(params=[50_000, 1], ids=["filters-drive", "index-drives"])
def plans(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> None:
    """Both plans: reading the few statements a filter selects, or letting the index drive."""
    monkeypatch.setattr("store.search.FILTER_DRIVEN_MAX", request.param)


@pytest.mark.usefixtures("plans")
def test_status_filter_is_this_annotators(project: Project) -> None:
    add_statements(project, "الأسلحة واحد", "الأسلحة اثنان", "الأسلحة ثلاثة", "الأسلحة أربعة")
    project.set_status(statement=1, annotator="amal", status="done")
    project.set_status(statement=2, annotator="amal", status="skipped")
    project.set_status(statement=3, annotator="omar", status="done")
    index = SearchIndex(project)
    assert seqs(index, "الاسلحة", annotator="amal", status="done") == [1]
    assert seqs(index, "الاسلحة", annotator="amal", status="skipped") == [2]
    assert seqs(index, "الاسلحة", annotator="amal", status="todo") == [3, 4]
    assert seqs(index, "الاسلحة", annotator="omar", status="todo") == [1, 2, 4]
    assert seqs(index, "", annotator="amal", status="done") == [1]
    assert seqs(index, "ال", annotator="amal", status="todo") == [3, 4]
    # Someone who has done nothing has everything to do and nothing done.
    assert seqs(index, "الاسلحة", annotator="nobody", status="todo") == [1, 2, 3, 4]
    assert seqs(index, "الاسلحة", annotator="nobody", status="done") == []
    hits = index.search("الاسلحة", annotator="amal")
    assert [h.status for h in hits] == ["done", "skipped", "todo", "todo"]
    with pytest.raises(ValueError, match="unknown status"):
        index.search("الاسلحة", annotator="amal", status="finished")


@pytest.mark.usefixtures("plans")
def test_label_filter_is_this_annotators_spans(project: Project) -> None:
    add_statements(project, "قال الوزير إن الأسلحة", "قالت المنظمة إن الأسلحة", "لا شيء عن الأسلحة")
    project.add_span(statement=1, annotator="amal", label="ACTOR", start=4, end=10)
    project.add_span(statement=2, annotator="amal", label="CLAIM", start=13, end=22)
    project.add_span(statement=3, annotator="omar", label="ACTOR", start=0, end=2)
    index = SearchIndex(project)
    assert seqs(index, "الاسلحة", annotator="amal", label="ACTOR") == [1]
    assert seqs(index, "الاسلحة", annotator="amal", label="CLAIM") == [2]
    assert seqs(index, "الاسلحة", annotator="omar", label="ACTOR") == [3]
    assert seqs(index, "", annotator="amal", label="ACTOR") == [1]
    assert seqs(index, "الاسلحة", annotator="amal", label="ACTOR", status="done") == []
    assert seqs(index, "الاسلحة", annotator="amal", label="ACTOR", status="todo") == [1]
    assert seqs(index, "الاسلحة", annotator="nobody", label="ACTOR") == []
    # Two spans of the label in one statement: the statement is listed once.
    project.add_span(statement=1, annotator="amal", label="ACTOR", start=0, end=3)
    assert seqs(index, "", annotator="amal", label="ACTOR") == [1]
    project.set_status(statement=1, annotator="amal", status="done")
    assert seqs(index, "الاسلحة", annotator="amal", label="ACTOR", status="done") == [1]
    assert seqs(index, "ال", annotator="amal", label="ACTOR", status="done") == [1]
    assert seqs(index, "ال", annotator="amal", label="CLAIM", status="done") == []


def test_import_leaves_the_index_alone_and_search_catches_up(project: Project) -> None:
    add_statements(project, "الأسلحة الأولى", "شيء آخر")
    index = SearchIndex(project)
    assert index.indexed_seq() == 0 and index.pending() == 2
    assert seqs(index, "الاسلحة") == [1]
    assert index.indexed_seq() == 2 and index.pending() == 0

    add_statements(project, "الأسلحة الثانية", "الأسلحة الثالثة")
    assert index.pending() == 2, "the second import did not touch the index"
    assert seqs(index, "الاسلحة") == [1, 3, 4]
    assert index.pending() == 0
    rows = project.conn.execute("SELECT count(*) FROM search_index").fetchone()[0]
    assert rows == project.statement_count() == 4


def test_update_in_batches_reports_progress_and_can_stop(project: Project) -> None:
    add_statements(project, *[f"بيان {i}" for i in range(1, 26)])
    index = SearchIndex(project)
    calls: list[tuple[int, int]] = []
    added = index.update(batch=10, progress=lambda done, total: calls.append((done, total)),
                         should_stop=lambda: len(calls) >= 2)
    assert added == 20 and calls == [(10, 25), (20, 25)]
    assert index.indexed_seq() == 20 and index.pending() == 5
    assert index.update(batch=10) == 5
    assert index.pending() == 0


def test_reset_empties_the_index_and_update_rebuilds_it(project: Project) -> None:
    add_statements(project, "الأسلحة", "شيء")
    index = SearchIndex(project)
    assert seqs(index, "الاسلحة") == [1]
    index.reset()
    assert index.indexed_seq() == 0 and index.pending() == 2
    assert project.conn.execute("SELECT count(*) FROM search_index").fetchone()[0] == 0
    assert seqs(index, "الاسلحة") == [1]


def test_two_connections_never_index_twice(project: Project, project_path: Path) -> None:
    add_statements(project, *[f"بيان {i}" for i in range(1, 12)])
    other = Project.open(project_path)
    try:
        first = SearchIndex(project)
        second = SearchIndex(other)
        # Interleave: each batch re-reads the mark inside its own transaction.
        first.update(batch=4, should_stop=lambda: first.indexed_seq() >= 4)
        assert second.update(batch=4) == 7
        assert first.update(batch=4) == 0
    finally:
        other.close()
    rows = project.conn.execute("SELECT count(*) FROM search_index").fetchone()[0]
    assert rows == 11


def test_older_project_gets_the_index_by_migration(tmp_path: Path) -> None:
    path = tmp_path / "old.bayan"
    project = Project.create(path, load_schema(DEFAULT_SCHEMA))
    add_statements(project, "الأسلحة في ملف قديم")
    # Make it look like a file written before the search migration existed (and those after it).
    as_version(project.conn, 1)
    project.close()
    with Project.open(path) as reopened:
        index = SearchIndex(reopened)
        assert index.pending() == 1
        assert seqs(index, "الاسلحة") == [1]
    assert list(tmp_path.glob("old.bayan.v1-*.bak")), "a backup was made before migrating"
    # The backup still is the old file.
    backup = next(tmp_path.glob("old.bayan.v1-*.bak"))
    conn = sqlite3.connect(backup)
    try:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == 1
    finally:
        conn.close()
