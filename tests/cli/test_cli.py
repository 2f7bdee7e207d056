"""The command line: help, init, import (good and every kind of bad input), stats, default project."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
from pathlib import Path
from typing import Any

import click
import pytest
from click.testing import CliRunner, Result

import main
from core.paths import DEFAULT_SCHEMA, SEED_STATEMENTS, default_project
from core.schema import load_schema
from store.project import Project
from tests.dump import dump

ROOT = Path(__file__).resolve().parents[2]
S1 = "دعا الائتلاف الوطني السوري إلى محاسبة النظام"
S2 = "أعلنت منظمة حظر الأسلحة الكيميائية 😀 أن مديرها اجتمع"


def run(*args: Any) -> Result:
    return CliRunner().invoke(main.cli, [str(a) for a in args], catch_exceptions=True)


def assert_user_error(result: Result, *parts: str) -> str:
    """Exit status 2, exactly one line on stderr holding every part, no traceback."""
    assert result.exit_code == 2, (result.exit_code, result.output, result.exception)
    assert isinstance(result.exception, SystemExit)
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert "Traceback" not in result.output
    for part in parts:
        assert part in lines[0], (part, lines[0])
    return lines[0]


@pytest.fixture
def proj(tmp_path: Path) -> Path:
    path = tmp_path / "p.bayan"
    assert run("init", path).exit_code == 0
    return path


def jsonl(*objs: Any) -> str:
    return "".join((o if isinstance(o, str) else json.dumps(o, ensure_ascii=False)) + "\n" for o in objs)


# -------------------------------------------------------------------------- help


def test_every_command_has_help() -> None:
    assert set(main.cli.commands) >= {"init", "import", "export", "stats", "gui"}
    top = run("--help")
    assert top.exit_code == 0 and "Arabic" in top.output
    for name, command in main.cli.commands.items():
        assert command.help and command.help.strip(), name
        result = run(name, "--help")
        assert result.exit_code == 0, name
        assert command.help.strip().splitlines()[0] in result.output
        assert name in top.output
        for param in command.params:
            if isinstance(param, click.Option) and param.name != "help":
                assert param.help, f"{name} {param.opts} has no help"


# -------------------------------------------------------------------------- init


def test_init_creates_a_project_with_the_default_schema(tmp_path: Path) -> None:
    path = tmp_path / "new.bayan"
    result = run("init", path)
    assert result.exit_code == 0
    assert "ACTOR, CLAIM" in result.output
    with Project.open(path) as project:
        assert project.schema == load_schema(DEFAULT_SCHEMA)


def test_init_with_a_custom_schema(tmp_path: Path) -> None:
    schema = tmp_path / "s.json"
    schema.write_text(json.dumps({"labels": [{"name": "PLACE", "color": "#00ff00", "key": "p"}]}), encoding="utf-8")
    assert run("init", tmp_path / "x.bayan", "--schema", schema).exit_code == 0
    with Project.open(tmp_path / "x.bayan") as project:
        assert project.schema.label_names == ["PLACE"]


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        ('{"labels": [{"name": "A",}]}', "not valid JSON"),
        ('{"relations": []}', '"labels" list'),
        ('{"labels": [{"name": "A", "color": "red"}]}', "color"),
        ('{"labels": [{"name": "A", "key": "a"}, {"name": "B", "key": "a"}]}', "used twice"),
        ('{"labels": [{"name": "A"}, {"name": "A"}]}', "defined twice"),
        ('{"labels": [{"name": "A"}], "relations": [{"name": "R", "from": "A", "to": "A"},'
         ' {"name": "R", "from": "A", "to": "A"}]}', "defined twice"),
    ],
)
def test_init_with_a_bad_schema_names_file_and_reason(tmp_path: Path, content: str, reason: str) -> None:
    schema = tmp_path / "bad.json"
    schema.write_text(content, encoding="utf-8")
    assert_user_error(run("init", tmp_path / "x.bayan", "--schema", schema), str(schema), reason)
    assert not (tmp_path / "x.bayan").exists()


def test_init_over_an_existing_file_is_refused(proj: Path, tmp_path: Path) -> None:
    before = proj.read_bytes()
    assert_user_error(run("init", proj), str(proj), "already exists")
    assert proj.read_bytes() == before
    other = tmp_path / "notes.txt"
    other.write_text("mine", encoding="utf-8")
    assert_user_error(run("init", other), "already exists")
    assert other.read_text(encoding="utf-8") == "mine"


# ------------------------------------------------------------------------ import


def test_import_auto_detects_each_format(proj: Path, tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(f"{S1}\n", encoding="utf-8")
    (tmp_path / "b.csv").write_text(f"text,src\n{S2},x\n", encoding="utf-8")
    (tmp_path / "c.data").write_text(jsonl({"text": "ثالث", "annotator": "amal",
                                            "spans": [{"start": 0, "end": 4, "label": "ACTOR"}]}), encoding="utf-8")
    result = run("import", proj, tmp_path / "a.txt", tmp_path / "b.csv", tmp_path / "c.data")
    assert result.exit_code == 0, result.output
    assert "1 new spans" in result.output
    with Project.open(proj) as project:
        assert project.statement_count() == 3
        assert project.statement(2) is not None and project.statement(2).meta == {"src": "x"}  # type: ignore[union-attr]
        assert project.annotators() == ["amal"]


def test_import_refuses_a_file_it_cannot_recognise(proj: Path, tmp_path: Path) -> None:
    mystery = tmp_path / "mystery.dat"
    mystery.write_text("just some text\n", encoding="utf-8")
    before = dump(proj)
    assert_user_error(run("import", proj, mystery), str(mystery), "--format")
    assert dump(proj) == before
    assert run("import", proj, mystery, "--format", "txt").exit_code == 0


GOOD = [{"id": f"g{i}", "text": f"{S1} {i}", "annotator": "amal",
         "spans": [{"start": 0, "end": 3, "label": "ACTOR"}]} for i in range(3)]
SPAN = {"id": "x", "text": S2, "annotator": "amal"}


def _span(**kw: Any) -> dict[str, Any]:
    return {**SPAN, "spans": [{"start": 0, "end": 5, "label": "ACTOR", **kw}]}


BAD_JSONL = [
    ({"text": ""}, "text"),
    ({"text": "   "}, "text"),
    ({"id": "x"}, "text"),
    (_span(start=True), "integers"),
    (_span(end=5.0), "integers"),
    (_span(start="0"), "integers"),
    (_span(start=-1), "not within"),
    (_span(start=5), "not within"),
    (_span(start=6), "not within"),
    (_span(end=len(S2) + 1), "not within"),
    (_span(text="أعلن"), "differs"),
    (_span(label="PLACE"), "unknown label 'PLACE'"),
    (_span(attrs={"stance": "support"}), "no attribute"),
    ({**SPAN, "spans": [{"id": "a", "start": 0, "end": 5, "label": "ACTOR"}],
      "relations": [{"head": "a", "tail": "b", "label": "CLAIMANT"}]}, "no span with id 'b'"),
    ({**SPAN, "spans": [{"id": "a", "start": 0, "end": 5, "label": "ACTOR"},
                        {"id": "c", "start": 6, "end": 10, "label": "CLAIM"}],
      "relations": [{"head": "a", "tail": "c", "label": "QUOTES"}]}, "unknown relation 'QUOTES'"),
    ({**SPAN, "status": "finished"}, "status"),
    ({**SPAN, "status": None}, "status"),
    ({"text": S2, "spans": [{"start": 0, "end": 5, "label": "ACTOR"}]}, "no annotator"),
    ({"id": "g1", "text": "نص آخر"}, "different text"),
    ('{"text": "unterminated', "not valid JSON"),
    ('{"text": "x", "seconds": NaN}', "not valid JSON"),
    ('{"text": "\\udead"}', "surrogate"),
]


@pytest.mark.parametrize(("bad", "reason"), BAD_JSONL)
def test_bad_jsonl_on_the_last_line_changes_nothing(proj: Path, tmp_path: Path, bad: Any, reason: str) -> None:
    run("import", proj, _write(tmp_path / "first.txt", "أول\n"))
    before = dump(proj)
    path = _write(tmp_path / "in.jsonl", jsonl(*GOOD, bad))
    assert_user_error(run("import", proj, path), f"{path}:4: ", reason)
    assert dump(proj) == before


def _write(path: Path, data: str | bytes) -> Path:
    if isinstance(data, str):
        data = data.encode("utf-8")
    path.write_bytes(data)
    return path


@pytest.mark.parametrize(
    ("name", "data", "line", "reason"),
    [
        ("in.jsonl", jsonl(*GOOD).encode() + b'{"text": "caf\xe9"}\n', 4, "not UTF-8"),
        ("in.txt", f"{S1}\n\n{S2}\n".encode() + b"\xff\xfe\n", 4, "not UTF-8"),
        ("in.csv", f"text\n{S1}\n".encode() + b"\xc3\n", 3, "not UTF-8"),
        ("in.csv", f"id,text\n1,{S1}\n2\n", 3, "1 columns where the header has 2"),
        ("in.csv", f"id,body\n1,{S1}\n", 1, 'no "text" column'),
        ("in.csv", f'text,n\n{S1},1\n"{S2}\nsecond line",\n,7\n', 5, "empty"),
    ],
)
def test_bad_txt_csv_and_encoding(proj: Path, tmp_path: Path, name: str, data: str | bytes, line: int,
                                  reason: str) -> None:
    before = dump(proj)
    path = _write(tmp_path / name, data)
    assert_user_error(run("import", proj, path), f"{path}:{line}: ", reason)
    assert dump(proj) == before


def test_unknown_labels_are_added_with_the_flag(proj: Path, tmp_path: Path) -> None:
    path = _write(tmp_path / "in.jsonl", jsonl(_span(label="PLACE")))
    assert_user_error(run("import", proj, path), "--add-labels")
    result = run("import", proj, path, "--add-labels")
    assert result.exit_code == 0, result.output
    assert "new labels PLACE" in result.output
    with Project.open(proj) as project:
        assert project.schema.label_names == ["ACTOR", "CLAIM", "PLACE"]


def test_annotator_option_and_defaults(proj: Path, tmp_path: Path) -> None:
    path = _write(tmp_path / "in.jsonl", jsonl({"text": S2, "spans": [{"start": 0, "end": 5, "label": "ACTOR"}]}))
    assert run("import", proj, path, "--annotator", "مريم").exit_code == 0
    with Project.open(proj) as project:
        assert project.annotators() == ["مريم"]
        assert project.status(1, "مريم").status == "done"


def test_all_files_of_one_command_go_in_together_or_not_at_all(proj: Path, tmp_path: Path) -> None:
    good = _write(tmp_path / "good.txt", f"{S1}\n{S2}\n")
    bad = _write(tmp_path / "bad.jsonl", jsonl({"text": S1}, {"text": 3}))
    before = dump(proj)
    assert_user_error(run("import", proj, good, bad), f"{bad}:2: ")
    assert dump(proj) == before


def test_import_refuses_missing_files_folders_and_projects(proj: Path, tmp_path: Path) -> None:
    before = dump(proj)
    assert_user_error(run("import", proj, tmp_path / "nope.txt"), "nope.txt")
    assert_user_error(run("import", proj, tmp_path), "folder")
    assert dump(proj) == before
    good = _write(tmp_path / "good.txt", "x\n")
    assert_user_error(run("import", tmp_path / "none.bayan", good), "no such project")
    assert not (tmp_path / "none.bayan").exists()
    assert_user_error(run("import", good, good), "not a Bayan project")
    assert good.read_text(encoding="utf-8") == "x\n"


def test_a_real_process_exits_2_with_one_line(proj: Path, tmp_path: Path) -> None:
    path = _write(tmp_path / "in.jsonl", jsonl(*GOOD, _span(start=5)))
    before = dump(proj)
    done = subprocess.run([sys.executable, str(ROOT / "main.py"), "import", str(proj), str(path)],
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 2
    assert done.stderr.splitlines() == [done.stderr.strip()]
    assert f"{path}:4: " in done.stderr and "Traceback" not in done.stderr
    assert done.stdout == ""
    assert dump(proj) == before


# ------------------------------------------------------------------------- stats


def test_stats_json(proj: Path, tmp_path: Path) -> None:
    path = _write(tmp_path / "in.jsonl", jsonl(
        {"text": S1, "annotator": "amal", "spans": [{"start": 0, "end": 3, "label": "ACTOR"},
                                                     {"start": 4, "end": 9, "label": "CLAIM"}]},
        {"text": S2, "annotator": "bilal", "status": "skipped", "spans": [{"start": 0, "end": 3, "label": "ACTOR"}]},
        {"text": "ثالث", "status": "todo"},
    ))
    assert run("import", proj, path).exit_code == 0
    result = run("stats", proj, "--json")
    assert result.exit_code == 0
    stats = json.loads(result.output)
    assert stats["statements"] == 3 and isinstance(stats["statements"], int)
    assert stats["spans"] == 3 and isinstance(stats["spans"], int)
    assert stats["labels"] == {"ACTOR": 2, "CLAIM": 1}
    assert [{k: a[k] for k in ("name", "done", "spans")} for a in stats["annotators"]] == [
        {"name": "amal", "done": 1, "spans": 2}, {"name": "bilal", "done": 0, "spans": 1}]
    text = run("stats", proj)
    assert text.exit_code == 0 and "statements" in text.output and "amal" in text.output


def test_stats_of_an_empty_project(proj: Path) -> None:
    stats = json.loads(run("stats", proj, "--json").output)
    assert (stats["statements"], stats["spans"], stats["annotators"]) == (0, 0, [])
    assert stats["labels"] == {"ACTOR": 0, "CLAIM": 0}
    assert "none yet" in run("stats", proj).output


def test_stats_of_a_damaged_project_is_a_clear_error(proj: Path, tmp_path: Path) -> None:
    _write(tmp_path / "a.txt", "".join(f"{S1} {i} {'نص' * 50}\n" for i in range(500)))
    assert run("import", proj, tmp_path / "a.txt").exit_code == 0
    data = bytearray(proj.read_bytes())
    page = int.from_bytes(data[16:18], "big")
    for offset in range(page, len(data), 5):
        data[offset] ^= 0x5A
    proj.write_bytes(bytes(data))
    assert_user_error(run("stats", proj), str(proj), "damaged")


# ------------------------------------------------------------- default project


def test_the_default_project_is_made_from_the_seeds_once(tmp_path: Path) -> None:
    path = default_project()
    assert path.parent != tmp_path and not path.exists()
    seeds = [line.strip() for line in SEED_STATEMENTS.read_text(encoding="utf-8").splitlines() if line.strip()]
    with main.open_default_project() as project:
        assert project.path == path and path.exists()
        assert project.statement_count() == len(seeds) == 10
        assert project.statement(1).text == seeds[0]  # type: ignore[union-attr]
        assert project.schema.label_names == ["ACTOR", "CLAIM"]
        project.set_status(statement=1, annotator="amal", status="done")
    with main.open_default_project() as again:
        assert again.statement_count() == 10
        assert again.status(1, "amal").status == "done"


def test_a_failed_default_project_creation_leaves_nothing(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    broken = _write(tmp_path / "seeds.txt", b"ok\n" + b"\xff\n")
    monkeypatch.setattr(main, "SEED_STATEMENTS", broken)
    with pytest.raises(Exception, match="not UTF-8"):
        main.open_default_project()
    assert not default_project().exists()


def test_a_project_locked_past_the_busy_timeout_is_a_clear_error(
    proj: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import store.project

    monkeypatch.setattr(store.project, "BUSY_TIMEOUT", 0.2)
    path = _write(tmp_path / "a.txt", "x\n")
    holder = sqlite3.connect(str(proj), isolation_level=None)
    try:
        holder.execute("BEGIN IMMEDIATE")
        assert_user_error(run("import", proj, path), "locked")
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert run("import", proj, path).exit_code == 0


def test_import_and_export_with_a_progress_bar(proj: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(main, "show_progress", lambda: True)
    for name, data in (("a.txt", "".join(f"سطر {i}\n" for i in range(2500))),
                       ("b.csv", "text\n" + "".join(f"csv {i}\n" for i in range(1500))),
                       ("c.jsonl", jsonl(*GOOD))):
        result = run("import", proj, _write(tmp_path / name, data))
        assert result.exit_code == 0, result.output
    out = tmp_path / "out.jsonl"
    result = run("export", proj, out, "--status", "all")
    assert result.exit_code == 0, result.output
    assert len(out.read_text(encoding="utf-8").splitlines()) == 2500 + 1500 + 3


def test_an_empty_annotator_name_is_refused(proj: Path, tmp_path: Path) -> None:
    path = _write(tmp_path / "in.jsonl", jsonl({"text": S2, "spans": [{"start": 0, "end": 5, "label": "ACTOR"}]}))
    before = dump(proj)
    assert_user_error(run("import", proj, path, "--annotator", "  "), "--annotator")
    assert dump(proj) == before
