"""The agreement report as text for a terminal (`bayan agreement` without --json).

Tables of the figures of core/agreement.py and the statements with the most disagreement.
Every user string (names, labels, ids, texts) goes through `show`, which the caller makes
inert and, for a terminal that cannot lay out Arabic itself, shaped into visual order
(core/terminal.py). An undefined figure is shown as a dash.
"""

from __future__ import annotations

import csv
from collections.abc import Callable, Mapping, Sequence
from typing import TextIO

from core.agreement import MICRO, OVERALL, STATEMENT_COLUMNS, AgreementReport, StatementDisagreement
from core.formats.network import csv_cell

UNDEFINED = "—"
# Characters of a statement's text shown beside its score.
TEXT_WIDTH = 70


def figure(value: float | None) -> str:
    return UNDEFINED if value is None else f"{value:.3f}"


def _table(header: Sequence[str], rows: Sequence[Sequence[str]]) -> list[str]:
    """Columns as wide as their widest cell; the first left-aligned, the others right."""
    widths = [max(len(row[i]) for row in (header, *rows)) for i in range(len(header))]

    def line(cells: Sequence[str]) -> str:
        first = cells[0].ljust(widths[0])
        rest = (cell.rjust(width) for cell, width in zip(cells[1:], widths[1:], strict=True))
        return "  ".join((first, *rest)).rstrip()

    return [line(header), *(line(row) for row in rows)]


def format_report(report: AgreementReport, texts: Mapping[str, str], show: Callable[[str], str]) -> str:
    """The whole report; `texts` are the worst statements' texts by id."""
    labels = [show(label) for label in report.labels]
    out = [
        f"agreement of {', '.join(show(a) for a in report.annotators)} on {', '.join(labels)}",
        "",
    ]
    pair_rows = [(f"{show(p.a)} · {show(p.b)}", p) for p in report.pairs]
    out.append("span F1, strict / overlap (per pair, over the statements both marked done)")
    out += _table(
        ["pair", "statements", *labels, MICRO],
        [
            [name, f"{p.statements:,}"]
            + [f"{figure(p.strict_f1.get(k))} / {figure(p.overlap_f1.get(k))}" for k in (*report.labels, MICRO)]
            for name, p in pair_rows
        ],
    )
    out += ["", "Cohen's kappa on each label's BIO tags (the tokens of the CoNLL export)"]
    out += _table(["pair", *labels], [[name] + [figure(p.cohen_kappa.get(k)) for k in report.labels]
                                      for name, p in pair_rows])
    out += ["", f"all annotators, over the {report.statements:,} statements all of them marked done"]
    out += _table(
        ["figure", *labels, OVERALL],
        [
            ["Fleiss' kappa", *(figure(report.fleiss_kappa.get(k)) for k in report.labels), ""],
            ["Krippendorff's alpha", *(figure(report.krippendorff_alpha.get(k)) for k in report.labels), ""],
            ["unitizing alpha",
             *(figure(report.unitizing[k].alpha if k in report.unitizing else None) for k in report.labels),
             figure(report.unitizing[OVERALL].alpha if OVERALL in report.unitizing else None)],
        ],
    )
    out += ["", "most disagreement (score: 1 − the pairs' mean of overlap and strict F1)"]
    if not report.worst_statements:
        out.append("  none: every measured statement agrees")
    for row in report.worst_statements:
        text = " ".join(texts.get(row.id, "").split())
        if len(text) > TEXT_WIDTH:
            text = text[:TEXT_WIDTH] + "…"
        kinds = f"missing {row.missing}, extra {row.extra}, boundary {row.boundary}, label {row.label}"
        out.append(f"  {row.score:.2f}  {show(row.id)}  ({kinds})")
        out.append(f"        {show(text)}")
    return "\n".join(out)


def statement_csv_writer(out: TextIO) -> Callable[[StatementDisagreement], None]:
    """Writes the header now and returns the function that writes one statement's row.

    Ids come from imported files: they go through csv_cell, like every text cell of a CSV
    Bayan writes, so a spreadsheet never runs one as a formula.
    """
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(STATEMENT_COLUMNS)

    def write(row: StatementDisagreement) -> None:
        writer.writerow([csv_cell(row.id), row.annotators, f"{row.score:.4f}", row.missing, row.extra,
                         row.boundary, row.label])

    return write
