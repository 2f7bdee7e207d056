"""Real brat files (nlplab/brat `example-data`, tests/data/real/brat/SOURCE.md) through `main.py`.

Each document's spans are checked against its source .ann, read here by a parser of the
test's own; what Bayan cannot keep is counted in the import's summary; messages point at
the offending line. Our .ann output is checked against the rules brat's own reader
enforces (server/src/annotation.py, `check_brat_ann` below): brat is not packaged, so
its rules are restated here, not in the app.
"""

from __future__ import annotations

import json
import shutil
import sqlite3
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

from main import cli

REAL = Path(__file__).parent.parent / "data" / "real" / "brat" / "example-data"
NCBI = Path("corpora") / "NCBI-disease"
REL = Path("corpora") / "BioNLP-ST_2011" / "BioNLP-ST_2011_REL"
NEWS = Path("tutorials") / "news"
DOCUMENTS = [
    NCBI / "PMID-1248000",
    REL / "PMID-10233888",
    REL / "PMID-9852958",
    NEWS / "080-event-annotation",
    NEWS / "100-attribute_annotation",
    NEWS / "110-note_annotation",
]


def run(*args: object) -> Result:
    return CliRunner().invoke(cli, [str(a) for a in args], catch_exceptions=False)


def ok(*args: object) -> Result:
    result = run(*args)
    assert result.exit_code == 0, result.output
    return result


def dump(project: Path) -> list[tuple[Any, ...]]:
    """Everything a failed import must leave as it was."""
    conn = sqlite3.connect(project)
    try:
        return [row for table in ("statements", "spans", "relations", "labels", "relation_types", "statement_status")
                for row in conn.execute(f"SELECT * FROM {table} ORDER BY 1")]
    finally:
        conn.close()


def source_spans(ann: str, text: str) -> list[tuple[str, int, int, str]]:
    """(label, start, end, text) of each T line: a discontinuous one as its fragments' hull."""
    out = []
    for line in ann.splitlines():
        if line.startswith("T"):
            _, fields, _ = line.split("\t")
            label, ranges = fields.split(" ", 1)
            bounds = [tuple(int(v) for v in piece.split()) for piece in ranges.split(";")]
            start, end = min(b[0] for b in bounds), max(b[1] for b in bounds)
            out.append((label, start, end, text[start:end]))
    return sorted(out)


@pytest.fixture(scope="module")
def imported(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str, dict[str, dict[str, Any]]]:
    """brat's example-data imported whole (three collections, two and three folders deep), and its JSONL export."""
    tmp = tmp_path_factory.mktemp("real")
    project = tmp / "p.bayan"
    ok("init", project)
    output = ok("import", project, REAL, "--annotator", "ext", "--add-labels").output
    out = tmp / "out.jsonl"
    ok("export", project, out)
    rows = {row["id"]: row for row in map(json.loads, out.read_text(encoding="utf-8").splitlines())}
    return project, output, rows


@pytest.mark.parametrize("doc", DOCUMENTS, ids=[d.name for d in DOCUMENTS])
def test_every_document_imports_with_the_spans_of_its_source(
    imported: tuple[Path, str, dict[str, dict[str, Any]]], doc: Path
) -> None:
    _, _, rows = imported
    text = (REAL / doc).with_suffix(".txt").read_text(encoding="utf-8")
    ann = (REAL / doc).with_suffix(".ann").read_text(encoding="utf-8")
    row = rows[doc.as_posix()]  # a document below the first level is named by its path
    assert row["text"] == text and row["annotator"] == "ext"
    assert sorted((s["label"], s["start"], s["end"], s["text"]) for s in row["spans"]) == source_spans(ann, text)


def test_the_whole_tree_is_read_and_what_is_left_out_is_counted(
    imported: tuple[Path, str, dict[str, dict[str, Any]]],
) -> None:
    _, output, rows = imported
    assert len(rows) == len(DOCUMENTS)
    assert "6 records, 6 new statements, 134 new spans, 5 new relations" in output
    for lost in ("dropped 3 equivalences (* lines)", "dropped 16 events (E lines; their trigger spans are kept)",
                 "dropped 5 attributes of events or relations",
                 "kept 3 annotator notes (# lines) in the statement note"):
        assert lost in output


def test_attributes_declared_in_annotation_conf(imported: tuple[Path, str, dict[str, dict[str, Any]]]) -> None:
    project, _, rows = imported
    row = rows[(NCBI / "PMID-1248000").as_posix()]
    by_span = {(s["start"], s["end"]): s["attrs"] for s in row["spans"]}
    assert by_span[(0, 19)] == {"Category": "DiseaseClass"}
    assert by_span[(1240, 1289)] == {"Category": "CompositeMention"}
    conn = sqlite3.connect(project)
    try:
        (attributes,) = conn.execute("SELECT attributes FROM labels WHERE name = 'Disease'").fetchone()
        (organization,) = conn.execute("SELECT attributes FROM labels WHERE name = 'Organization'").fetchone()
    finally:
        conn.close()
    assert json.loads(attributes) == [
        {"name": "Category", "values": ["SpecificDisease", "Modifier", "DiseaseClass", "CompositeMention"]}
    ]
    # Arg:<ENTITY> gives the attribute to every entity type; a binary one has the value true.
    assert {"name": "Individual", "values": ["true"]} in json.loads(organization)
    person = rows[(NEWS / "100-attribute_annotation").as_posix()]["spans"]
    assert next(s for s in person if (s["start"], s["end"]) == (497, 505))["attrs"] == {"Individual": "true"}


def test_relation_types_take_every_pair_of_annotation_conf(
    imported: tuple[Path, str, dict[str, dict[str, Any]]],
) -> None:
    project, _, rows = imported
    conn = sqlite3.connect(project)
    try:
        (options,) = conn.execute("SELECT options FROM relation_types WHERE name = 'ENTITY-NESTING'").fetchone()
    finally:
        conn.close()
    # Two lines of one type in annotation.conf: two pairs.
    assert json.loads(options)["pairs"] == [["Protein", "Entity"], ["Entity", "Entity"]]
    row = rows[(REL / "PMID-9852958").as_posix()]
    spans = {s["id"]: (s["start"], s["end"]) for s in row["spans"]}
    assert sorted((spans[r["head"]], spans[r["tail"]], r["label"]) for r in row["relations"]) == [
        ((465, 471), (335, 373), "Protein-Component"),
        ((465, 471), (375, 378), "Protein-Component"),
        ((465, 471), (399, 432), "Protein-Component"),
    ]


def test_annotator_notes_go_to_the_statement_note(imported: tuple[Path, str, dict[str, dict[str, Any]]]) -> None:
    _, _, rows = imported
    assert rows[(NEWS / "110-note_annotation").as_posix()]["note"].splitlines() == [
        "T1 GPE «Discworld»: Should fictional places be annotated?",
        "E1 Merge-org «merged»: Annotate as one merge event with three participants or two events with two "
        "participants each?",
        "R1 Family «Orville Wright» → «Wilbur Wright»: Should this be marked? It's not explicitly stated.",
    ]


def test_strict_refuses_the_first_loss_at_its_line(tmp_path: Path) -> None:
    project = tmp_path / "p.bayan"
    ok("init", project)
    before = dump(project)
    result = run("import", project, REAL / NEWS, "--annotator", "ext", "--add-labels", "--strict")
    assert result.exit_code == 2
    assert f"{REAL / NEWS / '080-event-annotation.ann'}:3: dropped 1 event (E line" in result.output
    assert "--strict" in result.output and "Traceback" not in result.output
    assert dump(project) == before


def test_without_add_labels_the_message_names_the_span_line(tmp_path: Path) -> None:
    project = tmp_path / "p.bayan"
    ok("init", project)
    before = dump(project)
    result = run("import", project, REAL / REL, "--annotator", "ext")
    assert result.exit_code == 2
    # Lines 1-3 are equivalences; the first span, an Entity, is on line 4.
    assert f"{REAL / REL / 'PMID-10233888.ann'}:4: span 1: unknown label 'Entity'" in result.output
    assert dump(project) == before


@pytest.mark.parametrize(
    ("line", "ann", "reason"),
    [
        (3, "T1\tProtein 0 4\tMole\nR1\tUnknown-Rel Arg1:T1 Arg2:T1\nT2\tNope 5 9\tular\n",
         "span 2: unknown label 'Nope'"),
        (2, "T1\tProtein 0 4\tMole\nR1\tUnknown-Rel Arg1:T1 Arg2:T1\n", "relation 1: unknown relation 'Unknown-Rel'"),
        (3, "T1\tProtein 0 4\tMole\n\nT2\tProtein 9999 10000\tx\n", "not within the text"),
        (3, "T1\tProtein 0 4\tMole\nA1\tNegation T1\nR1\tFamily Arg1:T1 Arg2:T7\n", "T7"),
        (2, "T1\tProtein 0 4\tMole\nA1\tCategory T1 Bogus\n", "span 1: label Protein has no attribute 'Category'"),
    ],
)
def test_error_lines_point_at_the_offending_line(tmp_path: Path, line: int, ann: str, reason: str) -> None:
    folder = tmp_path / "c"
    folder.mkdir()
    shutil.copy(REAL / REL / "annotation.conf", folder)
    shutil.copy(REAL / REL / "PMID-9852958.txt", folder / "doc.txt")
    (folder / "doc.ann").write_text(ann, encoding="utf-8")
    project = tmp_path / "p.bayan"
    ok("init", project)
    ok("import", project, REAL / REL, "--annotator", "ext", "--add-labels")
    before = dump(project)
    result = run("import", project, folder, "--annotator", "ext")
    assert result.exit_code == 2, result.output
    assert f"{folder / 'doc.ann'}:{line}: " in result.output and reason in result.output, result.output
    assert "Traceback" not in result.output
    assert dump(project) == before


def test_a_tree_deeper_than_the_reader_goes_is_refused_by_name(tmp_path: Path) -> None:
    deep = tmp_path / "top"
    leaf = deep.joinpath(*[f"d{i}" for i in range(10)])
    leaf.mkdir(parents=True)
    (deep / "a.txt").write_text("نص", encoding="utf-8")
    (deep / "a.ann").write_text("", encoding="utf-8")
    (leaf / "b.txt").write_text("نص آخر", encoding="utf-8")
    (leaf / "b.ann").write_text("", encoding="utf-8")
    project = tmp_path / "p.bayan"
    ok("init", project)
    result = run("import", project, deep)
    assert result.exit_code == 2 and "folders deep" in result.output and "d8" in result.output


def test_a_text_without_annotations_is_a_statement(tmp_path: Path) -> None:
    folder = tmp_path / "c"
    shutil.copytree(REAL / REL, folder)
    (folder / "PMID-9852958.ann").unlink()
    project = tmp_path / "p.bayan"
    ok("init", project)
    assert "2 records, 2 new statements, 38 new spans" in ok(
        "import", project, folder, "--annotator", "ext", "--add-labels"
    ).output


# ------------------------------------------------------------------ export, held to brat's rules


def check_brat_ann(text: str, ann: str) -> list[str]:
    """What brat's reader (server/src/annotation.py, TextAnnotations) refuses in an .ann, as messages.

    It reads the file line by line (codecs, so every str.splitlines break ends a line), and
    for a T line: `ID\\tTYPE START END[;START END…]\\tTEXT`; each fragment 0 ≤ start ≤ end ≤
    len(text), fragments apart from each other; the text is the fragments' texts joined by
    one space, followed by nothing or by whitespace. Ids are unique; R, A and # lines refer
    to ids of the file.
    """
    problems: list[str] = []
    ids: set[str] = set()
    refs: list[tuple[int, str]] = []
    for number, line in enumerate(ann.splitlines(), 1):
        ident, tab, rest = line.partition("\t")
        if not tab:
            problems.append(f"{number}: no tab after the id")
            continue
        if ident in ids:
            problems.append(f"{number}: {ident} twice")
        ids.add(ident)
        if ident.startswith("T"):
            data, tab, tail = rest.partition("\t")
            if not tab:
                problems.append(f"{number}: no tab before the text")
                continue
            _, ranges = data.split(" ", 1)
            spans: list[tuple[int, int]] = []
            for piece in ranges.split(";"):
                start, end = (int(v) for v in piece.split(" "))
                if not 0 <= start <= end <= len(text):
                    problems.append(f"{number}: offsets {start} {end} outside the text")
                if any(end >= a and start < b for a, b in spans):
                    problems.append(f"{number}: fragments overlap")
                spans.append((start, end))
            reference = " ".join(text[a:b] for a, b in spans)
            if tail[: len(reference)] != reference or tail[len(reference):][:1] not in ("", " ", "\t"):
                problems.append(f"{number}: text {tail!r} does not match {reference!r}")
        elif ident.startswith("R"):
            refs += [(number, arg.split(":", 1)[1]) for arg in rest.split()[1:]]
        elif ident.startswith(("A", "#")):
            refs.append((number, rest.split()[1]))
    problems += [f"{number}: {ref} is not in the file" for number, ref in refs if ref not in ids]
    return problems


def test_the_checker_catches_what_brat_refuses() -> None:
    text = "قال\nالوزير"
    assert check_brat_ann(text, "T1\tACTOR 0 10\tقال\nالوزير\n")  # the line break cuts the line
    assert check_brat_ann(text, "T1\tACTOR 0 3;2 5\tقال لو\n")
    assert check_brat_ann(text, "T1\tACTOR 0 3\tقا\n")
    assert check_brat_ann(text, "R1\tX Arg1:T1 Arg2:T2\n")
    assert check_brat_ann(text, "T1\tACTOR 0 3;4 10\tقال الوزير\n") == []


def test_export_of_the_real_files_passes_brats_rules(
    imported: tuple[Path, str, dict[str, dict[str, Any]]], tmp_path: Path
) -> None:
    project, _, _ = imported
    out = tmp_path / "brat"
    ok("export", project, out, "--format", "brat")
    anns = sorted(out.rglob("*.ann"))
    assert len(anns) == len(DOCUMENTS)
    for ann in anns:
        assert check_brat_ann(ann.with_suffix(".txt").read_text(encoding="utf-8"),
                              ann.read_text(encoding="utf-8")) == [], ann


def test_line_breaks_emoji_and_fragments_round_trip_in_brats_rules(tmp_path: Path) -> None:
    # Offsets are code points of the .txt: the flag is two, the family eight (four UTF-16 units each more).
    text = "🇸🇾 قال\r\nالوزير 👨‍👩‍👧 إن\u2028القرار مرفوض"
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "d.txt").write_text(text, encoding="utf-8", newline="")
    head = text.index("قال")
    tail = text.index("القرار")
    spread = text.index("إن")
    end = text.index("الوزير") + 6
    crossing = text[head:end].replace("\r", " ").replace("\n", " ")
    ann = (
        f"T1\tACTOR {head} {end}\t{crossing}\n"
        f"T2\tCLAIM {spread} {spread + 2};{tail} {tail + 6}\tإن القرار\n"
        f"T3\tCLAIM 0 2;{head} {head + 3}\t🇸🇾 قال\n"
    )
    (folder / "d.ann").write_text(ann, encoding="utf-8")
    project = tmp_path / "p.bayan"
    ok("init", project)
    ok("import", project, folder, "--annotator", "amal")
    out = tmp_path / "out"
    ok("export", project, out, "--format", "brat")
    written = (out / "amal" / "d.ann").read_text(encoding="utf-8")
    assert check_brat_ann(text, written) == []
    # T1 crosses \r\n: split there. T2 crosses U+2028, and was two fragments already. T3's
    # fragments are apart by a space: kept in meta and written back as they were.
    assert sorted(line.split("\t")[1] for line in written.splitlines()) == [
        f"ACTOR {head} {head + 3};{head + 5} {head + 11}",
        f"CLAIM 0 2;{head} {head + 3}",
        f"CLAIM {spread} {spread + 2};{tail} {tail + 6}",
    ]
    again = tmp_path / "again.bayan"
    ok("init", again)
    ok("import", again, out / "amal", "--annotator", "amal")
    assert stored(again) == stored(project)
    assert '"fragments": {"CLAIM 0 6": [[0, 2], [3, 6]]}' in stored(project)[0][0]


def stored(project: Path) -> list[tuple[Any, ...]]:
    """The statements' meta, then the spans, of a project: what a round trip keeps."""
    conn = sqlite3.connect(project)
    try:
        return (conn.execute("SELECT meta FROM statements ORDER BY id").fetchall()
                + conn.execute("SELECT label, start, end, text FROM spans ORDER BY start, end").fetchall())
    finally:
        conn.close()
