"""Bayan's entry point: the command line (click) and the GUI launch. Composition only."""

from __future__ import annotations

import json
import os
import sqlite3
import sys
from collections.abc import Iterator, Sequence
from contextlib import ExitStack, contextmanager
from pathlib import Path
from typing import Any, NoReturn

import click

from core.agreement_report import format_report, statement_csv_writer
from core.errors import BayanError, EditRefused, InputError
from core.files import atomic_text_writer
from core.formats.registry import EXPORTS
from core.paths import DEFAULT_SCHEMA, SEED_STATEMENTS, default_project
from core.rules import name_problem
from core.schema import load_schema
from core.terminal import inert, inert_json, lays_out_bidi, visual_order
from store.adjudicate import prefill_gold
from store.agreement import default_annotators, measure_project, texts_of
from store.files import ProjectExists
from store.merge import merge_projects
from store.project import Project
from store.transfer import ProgressFn, export_to, import_files, import_formats

# Exit status for a user's mistake (bad input, unusable project), as click uses for usage errors.
EXIT_BAD_INPUT = 2


def fail(message: str) -> NoReturn:
    # Messages quote file names, ids and names from untrusted files: printed inert.
    click.echo(f"bayan: {inert(message)}", err=True)
    sys.exit(EXIT_BAD_INPUT)


@contextmanager
def user_errors() -> Iterator[None]:
    """Turn a user's mistake into one line on stderr and exit status 2, never a traceback."""
    try:
        yield
    except BayanError as exc:
        fail(str(exc))
    except BrokenPipeError:
        # The reader of our output went away (e.g. `| head`): stop quietly, as cat does.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        sys.exit(1)
    except OSError as exc:
        fail(f"{exc.filename or ''}: {exc.strerror or exc}".lstrip(": "))
    except sqlite3.OperationalError as exc:
        # Locked past the busy timeout, read-only, disk full: the file's situation, not a bug.
        fail(f"cannot use the project: {exc}")


def show_progress() -> bool:
    return sys.stderr.isatty()


def open_default_project() -> Project:
    """The user's default project, created from the seed statements on first run."""
    path = default_project()
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        try:
            # Made whole before it appears (store/files.py): a launch killed meanwhile leaves
            # nothing half-made, and of two first launches at once one makes it.
            return Project.create(
                path, load_schema(DEFAULT_SCHEMA), name="Bayan seeds",
                fill=lambda project: import_files(project, [SEED_STATEMENTS], fmt="txt"),
            )
        except ProjectExists:
            pass  # the other launch made it just now: open theirs
    return Project.open(path)


@click.group(invoke_without_command=True)
@click.pass_context
def cli(ctx: click.Context) -> None:
    """Bayan: annotate actors and claims in Arabic statements.

    Without a command, opens the default project (made from the seed statements
    on first run, in $BAYAN_HOME or the user's data folder); `bayan FILE.bayan`
    opens FILE.bayan in the window, as `bayan gui FILE.bayan` does.
    """
    if ctx.invoked_subcommand is None:
        ctx.invoke(gui, project=None, annotator=None, review=False)


@cli.command()
@click.argument("project", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--schema", "schema_file", type=click.Path(dir_okay=False, path_type=Path),
              help="Schema JSON (labels, attributes, relations); default: resources/schema.json.")
def init(project: Path, schema_file: Path | None) -> None:
    """Create a new, empty project file PROJECT."""
    with user_errors():
        schema = load_schema(schema_file or DEFAULT_SCHEMA)
        Project.create(project, schema).close()
    click.echo(f"created {inert(str(project))} with labels {', '.join(schema.label_names)}")


@cli.command(name="import")
@click.argument("project", type=click.Path(dir_okay=False, path_type=Path))
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path, allow_dash=True))
@click.option("--format", "fmt", type=click.Choice(["auto", *import_formats()]), default="auto",
              show_default=True, help="Format of the files; auto picks by name and content (a folder: brat).")
@click.option("--annotator", help="Annotator of records that name none (printable, no control characters).")
@click.option("--add-labels", is_flag=True, help="Add labels and relation types the schema lacks.")
@click.option("--strict", is_flag=True,
              help="Refuse the import if anything in the files would be left out (rejected suggestions, blank "
                   "texts, …); without it, what is left out is listed after each file.")
@click.option("--ls-text-key", metavar="KEY",
              help="Label Studio: the key of a task's data that holds the text (default: text, or the only "
                   "string field).")
def import_(project: Path, files: tuple[Path, ...], fmt: str, annotator: str | None, add_labels: bool,
            strict: bool, ls_text_key: str | None) -> None:
    """Import statements (and annotations) from FILES into PROJECT.

    A FILE of - (or /dev/stdin) is standard input, e.g. `cat f.jsonl | bayan import
    p.bayan -`; its format is told from its first bytes, so plain text needs --format txt.
    All files go in together or not at all: any error (reported with file, line and
    reason) leaves the project unchanged. What a file holds that Bayan does not keep
    (a rejected Prodigy suggestion, a blank text) is listed after its summary by kind
    and count; --strict makes any of it an error instead.
    """
    with user_errors(), Project.open(project) as store, progress_bar("import") as progress:
        reports = import_files(
            store, list(files), fmt=fmt, annotator=annotator, add_labels=add_labels, strict=strict,
            text_key=ls_text_key, progress=progress,
        )
    for r in reports:
        extra = f", new labels {', '.join(r.labels_added)}" if r.labels_added else ""
        click.echo(inert(
            f"{r.file}: {r.records} records, {r.statements_added} new statements, "
            f"{r.spans_added} new spans, {r.relations_added} new relations{extra}"
        ))
        if r.losses:
            click.echo(inert(f"  {r.losses.summary()}"))


@contextmanager
def progress_bar(label: str, *, enabled: bool = True) -> Iterator[ProgressFn]:
    """A progress callback (fraction done) drawing a bar on stderr when it is a terminal."""
    steps = 1000
    hidden = not (enabled and show_progress())
    with click.progressbar(length=steps, label=label, file=sys.stderr, hidden=hidden) as bar:

        def progress(fraction: float | None) -> None:
            if fraction is not None:
                bar.update(int(min(fraction, 1.0) * steps) - bar.pos)

        yield progress


@cli.command()
@click.argument("project", type=click.Path(dir_okay=False, path_type=Path))
@click.argument("out", type=click.Path(allow_dash=True))
@click.option("--format", "fmt", type=click.Choice(list(EXPORTS)), default="jsonl", show_default=True,
              help="Output format: " + ", ".join(f"{e.name} ({e.description})" for e in EXPORTS.values()) + ".")
@click.option("--annotator", help="Only this annotator's work.")
@click.option("--status", type=click.Choice(["done", "all"]), default="done", show_default=True,
              help="done: what annotators marked done; all: every statement at least once.")
@click.option("--force", is_flag=True,
              help="brat: also write into a non-empty folder that is not an earlier Bayan export. Its files stay; "
                   "a name taken by one of them stops the export before anything is written.")
def export(project: Path, out: str, fmt: str, annotator: str | None, status: str, force: bool) -> None:
    """Export PROJECT to OUT (a file, or - for standard output; a folder for brat).

    A file appears only when complete; an existing file is replaced, but never a SQLite
    file (a project). A brat folder is written into a new or empty folder, or over an
    earlier Bayan export: Bayan lists what it wrote in OUT/.bayan-export and replaces or
    removes only those files, and only while they are as it wrote them; whatever else is
    in the folder stays. Any other non-empty folder is refused unless --force. Bayan
    never removes or replaces a file it did not write.
    """
    with user_errors(), Project.open(project, read_only=True) as store, \
            progress_bar("export", enabled=out != "-") as progress:
        count = export_to(store, out, fmt=fmt, annotator=annotator, which=status, force=force, progress=progress)
    if out != "-":
        click.echo(inert(f"wrote {count} records to {out}"), err=True)


@cli.command()
@click.argument("project", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object.")
def stats(project: Path, as_json: bool) -> None:
    """Summarize PROJECT: statements, spans, annotators, labels, time spent."""
    with user_errors(), Project.open(project, read_only=True) as store:
        summary = store.stats()
    if not as_json:
        click.echo(format_stats(summary))
        return
    try:
        # Strict JSON: no NaN or Infinity, whatever a damaged file holds.
        text = json.dumps(summary, ensure_ascii=False, indent=2, allow_nan=False)
    except ValueError as exc:
        fail(f"{project}: the project holds a number JSON cannot write ({exc})")
    click.echo(inert_json(text))  # the names in it are users': inert on a terminal


def format_stats(s: dict[str, Any]) -> str:
    """The readable summary; every name in it (project, labels, annotators) printed inert."""
    lines = [
        f"project     {inert(str(s['project']))}",
        f"statements  {s['statements']:,}",
        f"spans       {s['spans']:,}",
        f"relations   {s['relations']:,}",
        f"time spent  {s['seconds'] / 3600:.1f} h",
        "labels      " + ", ".join(f"{inert(k)} {v:,}" for k, v in s["labels"].items()),
    ]
    if s["annotators"]:
        lines.append("annotators")
        for a in s["annotators"]:
            lines.append(
                f"  {inert(a['name']):<16} done {a['done']:>8,}   spans {a['spans']:>8,}   "
                f"relations {a['relations']:>7,}   {a['seconds'] / 60:.0f} min"
            )
    else:
        lines.append("annotators  none yet")
    return "\n".join(lines)


@cli.command()
@click.argument("review", type=click.Path(dir_okay=False, path_type=Path))
@click.argument("files", nargs=-1, required=True, type=click.Path(dir_okay=False, path_type=Path))
@click.option("--prefer", type=click.Choice(["newer"]),
              help="Resolve conflicts: the more recently changed record of a statement wins whole.")
@click.option("--add-labels", is_flag=True, help="Add labels, attribute values and relation types REVIEW lacks.")
def merge(review: Path, files: tuple[Path, ...], prefer: str | None, add_labels: bool) -> None:
    """Merge annotators' project FILES into the project REVIEW.

    Statements are matched by id (missing ones are added); each annotator's spans,
    relations, attributes, notes and statuses are kept under their name. Merging a
    file again adds nothing. If an annotator's work on a statement differs between
    REVIEW and a file (or two files), the conflicting statements are listed and
    nothing is merged, unless --prefer newer. The FILES are only read.
    """
    def tell(stage: str) -> None:
        click.echo(inert(f"merge: {stage}"), err=True)

    with user_errors(), Project.open(review) as store:
        reports = merge_projects(
            store, files, prefer=prefer, add_labels=add_labels, progress=tell if show_progress() else None
        )
    for r in reports:
        extra = f", new labels {', '.join(r.labels_added)}" if r.labels_added else ""
        replaced = f", {r.records_replaced} replaced by newer" if r.records_replaced else ""
        kept = f", {r.records_kept} older kept out" if r.records_kept else ""
        click.echo(inert(
            f"{r.file}: annotators {', '.join(r.annotators) or 'none'}; {r.records_added} new records"
            f"{replaced}{kept}, {r.records_unchanged} already there; {r.statements_added} new statements, "
            f"{r.spans_added} new spans, {r.relations_added} new relations{extra}"
        ))


def _names(option: str, value: str | None, known: Sequence[str], what: str) -> list[str] | None:
    """A comma-separated choice of `known` names (None: not given); a name not known is an error."""
    if value is None:
        return None
    names = [name.strip() for name in value.split(",") if name.strip()]
    missing = [name for name in names if name not in known]
    if missing:
        raise InputError(option, None, f"no {what} {missing[0]!r} (the project has: {', '.join(known) or 'none'})")
    if len(set(names)) != len(names):
        raise InputError(option, None, f"names a {what} twice")
    return names


@cli.command()
@click.argument("project", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--annotators", metavar="A,B,…", help="Whose work to compare (default: every annotator but gold).")
@click.option("--labels", metavar="L,M,…", help="Which labels (default: every label of the schema).")
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object (never reshaped).")
@click.option("--statements-csv", type=click.Path(dir_okay=False), metavar="FILE",
              help="Write every measured statement's disagreement (id, score, counts by kind) as CSV.")
@click.option("--bidi", type=click.Choice(["auto", "on", "off"]), default="auto", show_default=True,
              help="Show Arabic shaped in visual order, for terminals that cannot lay it out (auto: when "
                   "printing to a terminal not known to).")
def agreement(project: Path, annotators: str | None, labels: str | None, as_json: bool,
              statements_csv: str | None, bidi: str) -> None:
    """How far annotators agree on PROJECT: span F1, kappas, alphas, unitizing alpha.

    A pair's figures use the statements both marked done; the figures over all chosen
    annotators use the statements all of them marked done. Undefined figures are null
    (shown as a dash). See the README's Agreement section for what each figure means.
    """
    with user_errors(), Project.open(project, read_only=True) as store:
        names = _names("--annotators", annotators, store.annotators(), "annotator") or default_annotators(store)
        if len(names) < 2:
            raise InputError(str(project), None, f"agreement needs two annotators or more; it has {len(names)}")
        chosen_labels = _names("--labels", labels, store.schema.label_names, "label") or store.schema.label_names
        total = max(store.statement_count(), 1)
        with progress_bar("agreement") as progress, ExitStack() as stack:
            write_row = None
            if statements_csv is not None:
                write_row = statement_csv_writer(stack.enter_context(atomic_text_writer(statements_csv)))
            report = measure_project(store, names, chosen_labels, progress=lambda n: progress(n / total),
                                     rows=write_row)
        texts = texts_of(store, [row.id for row in report.worst_statements])
    if as_json:
        click.echo(inert_json(json.dumps(report.to_dict(), ensure_ascii=False, indent=2, allow_nan=False)))
        return
    shaped = bidi == "on" or (bidi == "auto" and sys.stdout.isatty() and not lays_out_bidi(os.environ))
    click.echo(format_report(report, texts, (lambda t: inert(visual_order(t))) if shaped else inert))


@cli.command()
@click.argument("project", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--min-agree", "min_agree", type=int, required=True, metavar="K",
              help="Copy what at least K of the annotators made (1 to their number).")
@click.option("--annotators", metavar="A,B,…", help="Whose work counts (default: every annotator but gold).")
def adjudicate(project: Path, min_agree: int, annotators: str | None) -> None:
    """Pre-fill gold in PROJECT with what at least K annotators agree on.

    On the statements that all the chosen annotators marked done, gold gets every span
    (same start, end and label) that at least K of them made, with each attribute value
    at least K of those spans share (and more of them than any other value), and the
    relations between those spans that at least K of them made. Gold's spans already there
    are kept; running it again adds nothing. Gold's statements stay todo until a reviewer
    marks them done.
    """
    with user_errors(), Project.open(project) as store:
        names = _names("--annotators", annotators, store.annotators(), "annotator") or default_annotators(store)
        try:
            report = prefill_gold(store, annotators=names, min_agree=min_agree)
        except EditRefused as exc:  # the choice of annotators and K: say which project
            raise InputError(str(project), None, str(exc)) from None
    click.echo(inert(
        f"gold: {report.spans:,} spans and {report.relations:,} relations added on {report.touched:,} statements "
        f"(at least {report.min_agree} of {', '.join(report.annotators)}, on the {report.statements:,} statements "
        "they all marked done)"
    ))


@cli.command()
@click.argument("project", required=False, type=click.Path(dir_okay=False, path_type=Path))
@click.option("--annotator", help="Annotate as NAME (asked once and remembered when not given).")
@click.option("--review", is_flag=True,
              help="The reviewer's desk: compare the annotators' lanes, go to the disagreements, adjudicate gold.")
def gui(project: Path | None, annotator: str | None, review: bool) -> None:
    """Open PROJECT (default: the default project) in the annotation window.

    With --review, the window is the reviewer's desk: it edits gold, with every
    annotator's lane under the text, the statements by disagreement and the agreement.
    """
    problem = None if annotator is None else name_problem(annotator, "--annotator")
    if problem is not None:
        fail(problem)
    with user_errors():
        store = Project.open(project, check=False) if project is not None else open_default_project()
    try:
        from gui.app import run
    except ImportError as exc:  # the GUI needs PySide6 and a display library
        store.close()
        fail(f"cannot start the GUI: {exc}")
    sys.exit(run(store, annotator=annotator, review=review))


def opens_file(args: Sequence[str]) -> list[str]:
    """`bayan FILE.bayan`, what a file manager runs when a project is opened, means `bayan gui FILE.bayan`.

    Only one argument that is an existing project file: no command name ends in .bayan, so
    every other command line means what it meant.
    """
    if len(args) == 1 and args[0].lower().endswith(".bayan") and Path(args[0]).is_file():
        return ["gui", args[0]]
    return list(args)


def main() -> None:
    try:
        cli.main(args=opens_file(sys.argv[1:]), prog_name="bayan", standalone_mode=False)
    except click.exceptions.Exit as done:
        sys.exit(done.exit_code)
    except click.Abort:
        click.echo("Aborted!", err=True)
        sys.exit(1)
    except click.ClickException as exc:
        # click's own messages quote the user's arguments (a path that is a folder, a bad
        # choice); they reach the terminal inert like every other user string.
        if isinstance(exc, click.UsageError) and exc.ctx is not None:
            click.echo(exc.ctx.get_usage(), err=True)
            click.echo(f"Try '{exc.ctx.command_path} --help' for help.\n", err=True)
        click.echo(f"Error: {inert(exc.format_message())}", err=True)
        sys.exit(exc.exit_code)


if __name__ == "__main__":
    main()
