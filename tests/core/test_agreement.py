"""Agreement figures against published values, scikit-learn, the CoNLL export and the definitions.

Sources of the published values (data and results written here from the primary sources
and the tests of the implementations that checked themselves against them):

- Cohen, J. (1960). A coefficient of agreement for nominal scales. Educational and
  Psychological Measurement 20(1):37-46, the example on p. 45 (also DKPro Statistics,
  `Cohen1960Test.createExample2`): kappa = 0.492.
- Fleiss, J. L. (1971). Measuring nominal scale agreement among many raters. Psychological
  Bulletin 76(5):378-382, 30 subjects by 6 raters into 5 categories, p. 379 (also DKPro
  Statistics, `Fleiss1971Test`): kappa = 0.430.
- The `krippendorff` package's documented example (its README and sample.py, from the
  Wikipedia article; checked in its tests as `test_nominal_metric_reliability_data`):
  nominal alpha = 0.691358.
- Krippendorff, K. (2004). Content Analysis: An Introduction to Its Methodology, 2nd ed.,
  p. 254 (also DKPro Statistics, unitizing `Krippendorff2004Test`): u-alpha of category c
  0.7286 (D_o 0.0144, D_e 0.0532), of k 1.000 (D_o 0, D_e 0.0490), overall 0.859.
- Krippendorff, K. (1995). On the reliability of unitizing continuous data. Sociological
  Methodology 25:47-76, the example on p. 57 (DKPro Statistics, `Krippendorff1995Test`):
  the observed disagreements only, since that paper's expected disagreement has a sign
  typo that the 2004 book corrects.
"""

from __future__ import annotations

import io
import json
import random
from collections import Counter
from dataclasses import astuple
from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sklearn.metrics import cohen_kappa_score

from core.agreement import (
    MICRO,
    OVERALL,
    STATEMENT_COLUMNS,
    Agreement,
    AgreementReport,
    StatementDisagreement,
    StatementWork,
    cohen_kappa,
    fleiss_kappa,
    krippendorff_alpha,
    measure,
)
from core.bio import bio_marks
from core.formats.conll import write_conll
from core.model import Record, Span
from core.schema import Label, Schema
from core.tokenize import token_columns
from tests.core.oracles import kept_units, overlap_matches, unitizing_by_definition

LABELS = ("ACTOR", "CLAIM")
TEXTS = (
    "دعا الائتلاف الوطني السوري، إلى «تحرك المجتمع الدولي» 😀 والنظام.",
    "قالت منظمة حظر الأسلحة الكيميائية إن فريقها لم يصل إلى الموقع.",
    "نفى  النظام\nالاتهامات، وقال إن 2118 قرار «ملزم».",
    "   ",
    "x",
)


def work(sid: str, text: str, **spans: list[tuple[int, int, str]]) -> StatementWork:
    return StatementWork(sid, text, spans)


def close(a: float | None, b: float | None) -> bool:
    return a is None if b is None else a is not None and abs(a - b) < 1e-12


def dumped(report: AgreementReport) -> dict[str, object]:
    """The report's JSON, as `agreement --json` prints it: never NaN."""
    data: dict[str, object] = json.loads(json.dumps(report.to_dict(), allow_nan=False))
    return data


# ------------------------------------------------------------- published values


def test_cohen_1960() -> None:
    # Cohen (1960), p. 45: 200 items, three categories; rows coder A, columns coder B.
    table = [[88, 14, 18], [10, 40, 10], [2, 6, 12]]
    counts = {(a + 1, b + 1): n for a, row in enumerate(table) for b, n in enumerate(row)}
    assert cohen_kappa(counts) == pytest.approx(0.492, abs=0.0005)
    # The same items one by one, through scikit-learn.
    a = [code for (code, _), n in counts.items() for _ in range(n)]
    b = [code for (_, code), n in counts.items() for _ in range(n)]
    assert cohen_kappa(counts) == pytest.approx(cohen_kappa_score(a, b), abs=1e-12)


FLEISS_1971 = """
4 4 4 4 4 4 | 2 2 2 5 5 5 | 2 3 3 3 3 5 | 5 5 5 5 5 5 | 2 2 2 4 4 4 | 1 1 3 3 3 3 | 3 3 3 3 5 5 | 1 1 3 3 3 4
1 1 4 4 4 4 | 5 5 5 5 5 5 | 1 4 4 4 4 4 | 1 2 4 4 4 4 | 2 2 2 3 3 3 | 1 4 4 4 4 4 | 2 2 4 4 4 5 | 3 3 3 3 3 5
1 1 1 4 5 5 | 1 1 1 1 1 2 | 2 2 4 4 4 4 | 1 3 3 5 5 5 | 5 5 5 5 5 5 | 2 4 4 4 4 4 | 2 2 4 5 5 5 | 1 1 4 4 4 4
1 4 4 4 4 5 | 2 2 2 2 2 4 | 1 1 1 1 5 5 | 2 2 4 4 4 4 | 1 3 3 3 3 3 | 5 5 5 5 5 5
"""


def test_fleiss_1971() -> None:
    # Fleiss (1971), p. 379: each subject's six diagnoses (1-5).
    subjects = [Counter(map(int, s.split())) for s in FLEISS_1971.replace("\n", "|").split("|") if s.strip()]
    assert len(subjects) == 30 and all(sum(s.values()) == 6 for s in subjects)
    assert fleiss_kappa(subjects) == pytest.approx(0.430, abs=0.0005)


def test_krippendorff_package_example() -> None:
    # The krippendorff package's example: three coders, 15 units, "*" not coded.
    coders = [
        "*    *    *    *    *    3    4    1    2    1    1    3    3    *    3",
        "1    *    2    1    3    3    4    3    *    *    *    *    *    *    *",
        "*    *    2    1    3    4    4    *    2    1    1    3    3    *    4",
    ]
    columns = zip(*(c.split() for c in coders), strict=True)
    units = [Counter(v for v in column if v != "*") for column in columns]
    assert krippendorff_alpha(units) == pytest.approx(0.691358, abs=5e-7)


def _krippendorff_2004() -> StatementWork:
    # Krippendorff (2004), p. 254: two coders unitize the continuum [150, 450) into c and k.
    begin = 150
    i = [(225, 70, "c"), (370, 30, "c"), (180, 60, "k"), (300, 50, "k")]
    j = [(220, 80, "c"), (355, 20, "c"), (400, 20, "c"), (180, 60, "k"), (300, 50, "k")]
    return work("p254", "x" * 300, i=[(b - begin, b - begin + n, c) for b, n, c in i],
                j=[(b - begin, b - begin + n, c) for b, n, c in j])


def test_krippendorff_2004_unitizing() -> None:
    report = measure([_krippendorff_2004()], ["i", "j"], ["c", "k"])
    c, k, overall = report.unitizing["c"], report.unitizing["k"], report.unitizing[OVERALL]
    assert c.observed == pytest.approx(0.0144, abs=0.00005)
    assert c.expected == pytest.approx(0.0532, abs=0.00005)
    assert c.alpha == pytest.approx(0.7286, abs=0.00005)
    assert k.observed == 0 and k.expected == pytest.approx(0.0490, abs=0.00005) and k.alpha == 1.0
    # Overall: D_o and D_e summed over c and k. The book prints 0.859; DKPro's 0.8591 is
    # 1 - 0.0144 / (0.0532 + 0.0490) from the rounded figures, the exact one is 0.85867.
    assert overall.alpha == pytest.approx(0.859, abs=0.0005)
    assert overall.alpha == pytest.approx(1 - (c.observed or 0) / ((c.expected or 0) + (k.expected or 0)))
    assert dumped(report)["unitizing_alpha"] == {"c": c.alpha, "k": 1.0, "overall": overall.alpha}


def test_krippendorff_1995_observed_disagreement() -> None:
    # Krippendorff (1995), p. 57: four pairs of coders on a continuum of 24, as (begin, length).
    first = {"A": [(2, 8), (14, 6)], "B": [(0, 18)], "C": [(2, 6), (10, 2), (14, 4), (20, 2)],
             "D": [(0, 2), (2, 8), (10, 4), (14, 6), (20, 4)]}
    second = {"A": [(4, 4), (15, 2)], "B": [(0, 2), (2, 1), (3, 1), (4, 1), (5, 1), (6, 3), (9, 1)],
              "C": [(0, 2), (4, 4), (10, 4), (16, 2), (20, 2)],
              "D": [(0, 4), (4, 4), (8, 7), (15, 2), (17, 7)]}

    def spans(units: dict[str, list[tuple[int, int]]]) -> list[tuple[int, int, str]]:
        return [(b, b + n, label) for label, pairs in units.items() for b, n in pairs]

    report = measure([work("p57", "x" * 24, r1=spans(first), r2=spans(second))], ["r1", "r2"], list("ABCD"))
    observed = {label: report.unitizing[label].observed for label in "ABCD"}
    assert observed == pytest.approx({"A": 0.03125, "B": 2.26736, "C": 0.02777, "D": 0.38715}, abs=0.00001)


# ------------------------------------------------- the tags are the CoNLL export's


def conll_columns(text: str, spans: list[tuple[int, int, str]]) -> dict[str, list[str]]:
    """The tag column of each label that `export --format conll` writes for these spans."""
    schema = Schema(tuple(Label(name, "#000000") for name in LABELS))
    record = Record("s", text, spans=[Span(s, e, label, text[s:e], {}, str(n)) for n, (s, e, label) in
                                       enumerate(spans)])
    out = io.StringIO()
    write_conll([record], out, schema)
    rows = [line.split("\t") for line in out.getvalue().splitlines() if line and not line.startswith("# ")]
    return {label: [row[1 + i] for row in rows] for i, label in enumerate(LABELS)}


def tags_of(text: str, spans: list[tuple[int, int, str]], label: str) -> list[str]:
    """The tags agreement compares, written out: `bio_marks` over `token_columns`."""
    _, starts, ends = token_columns(text)
    marks = bio_marks(starts, ends, [(s, e) for s, e, lab in spans if lab == label])
    return [("O", f"B-{label}", f"I-{label}")[marks.get(i, 0)] for i in range(len(starts))]


def spans_in(text: str) -> st.SearchStrategy[list[tuple[int, int, str]]]:
    if not text:
        return st.just([])
    return st.lists(
        st.tuples(st.integers(0, len(text) - 1), st.integers(1, 25), st.sampled_from(LABELS)).map(
            lambda t: (t[0], min(len(text), t[0] + t[1]), t[2])
        ),
        max_size=6,
    )


@st.composite
def statements(draw: st.DrawFn, annotators: tuple[str, ...] = ("amal", "badr", "carim")) -> list[StatementWork]:
    out = []
    for n in range(draw(st.integers(1, 4))):
        text = draw(st.sampled_from(TEXTS))
        done = draw(st.lists(st.sampled_from(annotators), unique=True))
        out.append(StatementWork(f"s{n}", text, {name: draw(spans_in(text)) for name in done}))
    return out


@settings(max_examples=150, deadline=None)
@given(st.sampled_from(TEXTS).flatmap(lambda text: st.tuples(st.just(text), spans_in(text))))
def test_tags_are_the_ones_write_conll_writes(case: tuple[str, list[tuple[int, int, str]]]) -> None:
    text, spans = case
    assert {label: tags_of(text, spans, label) for label in LABELS} == conll_columns(text, spans)


@settings(max_examples=100, deadline=None)
@given(statements(), st.randoms(use_true_random=False))
def test_token_figures_are_those_of_the_conll_tags(works: list[StatementWork], rnd: random.Random) -> None:
    """Cohen's kappa is scikit-learn's on the CoNLL columns of a pair's shared statements;
    Fleiss' kappa and alpha are the plain formulas on the columns of the all-done ones."""
    names = ["amal", "badr", "carim"]
    rnd.shuffle(names)
    report = measure(works, names, LABELS)
    columns = {(w.id, name): conll_columns(w.text, list(spans)) for w in works for name, spans in w.spans.items()}
    for pair in report.pairs:
        shared = [w.id for w in works if pair.a in w.spans and pair.b in w.spans]
        assert pair.statements == len(shared)
        for label in LABELS:
            a = [tag for sid in shared for tag in columns[sid, pair.a][label]]
            b = [tag for sid in shared for tag in columns[sid, pair.b][label]]
            if len(set(a) | set(b)) < 2:
                assert pair.cohen_kappa[label] is None
            else:
                assert pair.cohen_kappa[label] == pytest.approx(cohen_kappa_score(a, b), abs=1e-9)
    complete = [w.id for w in works if set(w.spans) == set(names)]
    assert report.statements == len(complete)
    for label in LABELS:
        units = [Counter(columns[sid, name][label][t] for name in names)
                 for sid in complete for t in range(len(columns[sid, names[0]][label]))]
        assert close(report.fleiss_kappa[label], fleiss_kappa(units))
        assert close(report.krippendorff_alpha[label], krippendorff_alpha(units))


# ----------------------------------------------------- unitizing by the definition


@settings(max_examples=150, deadline=None)
@given(statements(), st.integers(2, 3))
def test_unitizing_alpha_is_the_definition_on_the_continuum(works: list[StatementWork], m: int) -> None:
    """The statements that all annotators marked done, end to end; per label, every unit
    against every gap (the histogram shortcut must not change a digit)."""
    names = ["amal", "badr", "carim"][:m]
    report = measure(works, names, LABELS)
    complete = [w for w in works if all(name in w.spans for name in names)]
    length = sum(len(w.text) for w in complete)
    total_o, total_e = Fraction(0), Fraction(0)
    for label in LABELS:
        units: list[list[tuple[int, int]]] = []
        for name in names:
            own: list[tuple[int, int]] = []
            offset = 0
            for w in complete:
                mine = kept_units([(s, e) for s, e, lab in w.spans[name] if lab == label])
                own.extend((offset + s, offset + e) for s, e in mine)
                offset += len(w.text)
            units.append(own)
        figures = report.unitizing[label]
        if not length:
            assert figures.alpha is None and figures.observed is None
            continue
        d_o, d_e = unitizing_by_definition(length, units)
        total_o += d_o
        total_e += d_e
        assert figures.observed == float(d_o) and figures.expected == float(d_e)
        assert figures.alpha == (float(1 - d_o / d_e) if d_e else None)
    overall = report.unitizing[OVERALL].alpha
    assert overall == (float(1 - total_o / total_e) if length and total_e else None)


# ----------------------------------------------------------------- span F1 by hand


def test_strict_and_overlap_f1_by_hand() -> None:
    text = "ا" * 40
    a = [(0, 10, "ACTOR"), (20, 30, "CLAIM"), (32, 36, "CLAIM")]
    # The same ACTOR; a CLAIM two longer; the second CLAIM overlaps nothing.
    b = [(0, 10, "ACTOR"), (20, 32, "CLAIM"), (37, 39, "CLAIM")]
    (pair,) = measure([work("s", text, a=a, b=b)], ["a", "b"], LABELS).pairs
    assert pair.strict_f1 == {"ACTOR": 1.0, "CLAIM": 0.0, MICRO: pytest.approx(2 / 6)}
    assert pair.overlap_f1 == {"ACTOR": 1.0, "CLAIM": 0.5, MICRO: pytest.approx(4 / 6)}


def test_overlap_matches_each_span_once_largest_overlap_first() -> None:
    text = "ا" * 40
    a = [(0, 10, "ACTOR")]
    b = [(0, 4, "ACTOR"), (2, 10, "ACTOR")]  # overlaps of 4 and 8: the second is a's match
    run = Agreement(["a", "b"], LABELS)
    row = run.add(work("s", text, a=a, b=b))
    (pair,) = run.report().pairs
    assert pair.overlap_f1["ACTOR"] == pytest.approx(2 / 3) and pair.strict_f1["ACTOR"] == 0.0
    assert row is not None and (row.boundary, row.extra, row.missing, row.label) == (1, 1, 0, 0)


def test_largest_overlap_first_even_when_another_order_would_match_more() -> None:
    text = "ا" * 20
    # a1-b1 overlap by 5, a1-b2 by 2, a2-b1 by 1: a1-b1 go first, and nothing is left to match.
    a = [(0, 10, "ACTOR"), (10, 12, "ACTOR")]
    b = [(5, 11, "ACTOR"), (0, 2, "ACTOR")]
    (pair,) = measure([work("s", text, a=a, b=b)], ["a", "b"], LABELS).pairs
    assert pair.overlap_f1["ACTOR"] == 0.5


def test_equal_overlaps_go_to_the_exact_span() -> None:
    text = "ا" * 20
    for b in ([(0, 10, "ACTOR"), (0, 12, "ACTOR")], [(0, 12, "ACTOR"), (0, 10, "ACTOR")]):
        run = Agreement(["a", "b"], LABELS)
        row = run.add(work("s", text, a=[(0, 10, "ACTOR")], b=b))
        (pair,) = run.report().pairs
        assert pair.strict_f1["ACTOR"] == pair.overlap_f1["ACTOR"] == pytest.approx(2 / 3)
        assert row is not None and (row.boundary, row.extra) == (0, 1)


@settings(max_examples=200, deadline=None)
@given(statements(annotators=("amal", "badr")))
def test_span_f1_counts_every_overlapping_pair_largest_first(works: list[StatementWork]) -> None:
    rows: list[StatementDisagreement] = []
    (pair,) = measure(works, ["amal", "badr"], LABELS, rows=rows.append).pairs
    shared = [w for w in works if "amal" in w.spans and "badr" in w.spans]
    # Every span is matched (exactly or by overlap: boundary), relabelled, missing or extra.
    for w, row in zip(shared, rows, strict=True):
        a, b = ([(s, e, lab) for s, e, lab in w.spans[name] if lab in LABELS] for name in ("amal", "badr"))
        found = [overlap_matches([(s, e) for s, e, lab in a if lab == label],
                                 [(s, e) for s, e, lab in b if lab == label]) for label in LABELS]
        exact, matched = sum(f[0] for f in found), sum(f[1] for f in found)
        assert len(a) == matched + row.label + row.missing and len(b) == matched + row.label + row.extra
        # 1 − the mean of the overlap and strict F1: a boundary off costs half a span missing.
        assert row.score == pytest.approx(1 - (matched + exact) / (len(a) + len(b)) if a or b else 0.0)
    for label in LABELS:
        exact = matched = spans = 0
        for w in shared:
            a = [(s, e) for s, e, lab in w.spans["amal"] if lab == label]
            b = [(s, e) for s, e, lab in w.spans["badr"] if lab == label]
            found = overlap_matches(a, b)
            exact, matched, spans = exact + found[0], matched + found[1], spans + len(a) + len(b)
        assert pair.strict_f1[label] == (2 * exact / spans if spans else None)
        assert pair.overlap_f1[label] == (2 * matched / spans if spans else None)


def test_a_span_marked_twice_matches_once() -> None:
    text = "ا" * 20
    twice = [(0, 5, "ACTOR"), (0, 5, "ACTOR")]
    cases = [([(0, 5, "ACTOR")], 2 / 3, 2 / 3), (twice, 1.0, 1.0), ([(0, 5, "ACTOR"), (1, 5, "ACTOR")], 1.0, 0.5)]
    for b, overlap, strict in cases:
        (pair,) = measure([work("s", text, a=twice, b=b)], ["a", "b"], LABELS).pairs
        assert (pair.overlap_f1["ACTOR"], pair.strict_f1["ACTOR"]) == pytest.approx((overlap, strict))


def test_kinds_of_disagreement() -> None:
    text = "ا" * 60
    a = [(0, 5, "ACTOR"), (10, 20, "CLAIM"), (30, 35, "ACTOR"), (40, 45, "ACTOR")]
    b = [(0, 5, "ACTOR"), (12, 20, "CLAIM"), (30, 35, "CLAIM"), (50, 55, "CLAIM")]
    row = Agreement(["a", "b"], LABELS).add(work("s", text, a=a, b=b))
    # boundary: the CLAIM 10-20 / 12-20; label: 30-35; missing: a's 40-45; extra: b's 50-55.
    # Two of four spans each matched by overlap, one of them exactly: 1 − (2 + 1) / 8.
    assert row == StatementDisagreement("s", 2, pytest.approx(1 - 3 / 8), missing=1, extra=1, boundary=1, label=1)
    assert STATEMENT_COLUMNS == ("id", "annotators", "score", "missing", "extra", "boundary", "label")
    assert astuple(row) == ("s", 2, 0.625, 1, 1, 1, 1)


def test_ties_match_by_position_whatever_the_order_given() -> None:
    # a's (0, 8) overlaps both of b's by 2 at the same distance: the earlier one (5, 7) wins,
    # leaving (0, 6) and (6, 8) apart, in whichever order the lists come.
    text = "ا" * 30
    for b in ([(6, 8, "ACTOR"), (5, 7, "ACTOR")], [(5, 7, "ACTOR"), (6, 8, "ACTOR")]):
        row = Agreement(["a", "b"], LABELS).add(work("s", text, a=[(0, 6, "ACTOR"), (0, 8, "ACTOR")], b=b))
        assert row is not None and (row.boundary, row.missing, row.extra) == (1, 1, 1)


def test_a_boundary_alone_is_a_disagreement() -> None:
    text = "ا" * 30
    row = Agreement(["a", "b"], LABELS).add(work("s", text, a=[(0, 10, "CLAIM")], b=[(0, 8, "CLAIM")]))
    assert row is not None and row.boundary == 1 and row.score == pytest.approx(0.5)


# ---------------------------------------------------------------------- properties


@settings(max_examples=150, deadline=None)
@given(statements(annotators=("amal",)))
def test_an_annotator_agrees_with_itself(works: list[StatementWork]) -> None:
    twins = [StatementWork(w.id, w.text, {"amal": w.spans["amal"], "twin": list(w.spans["amal"])})
             for w in works if "amal" in w.spans]
    report = measure(twins, ["amal", "twin"], LABELS)
    (pair,) = report.pairs
    figures = [*pair.strict_f1.values(), *pair.overlap_f1.values(), *pair.cohen_kappa.values(),
               *report.fleiss_kappa.values(), *report.krippendorff_alpha.values(),
               *(f.alpha for f in report.unitizing.values())]
    assert all(f in (None, 1.0) for f in figures), figures
    # Defined wherever there is chance disagreement to compare with.
    assert report.unitizing[OVERALL].alpha == (1.0 if report.unitizing[OVERALL].expected else None)
    assert report.worst_statements == ()


@settings(max_examples=150, deadline=None)
@given(statements())
def test_pairs_are_symmetric_and_figures_bounded(works: list[StatementWork]) -> None:
    forward = measure(works, ["amal", "badr", "carim"], LABELS)
    backward = measure(works, ["carim", "badr", "amal"], LABELS)
    for p in forward.pairs:
        (q,) = [q for q in backward.pairs if (q.a, q.b) == (p.b, p.a)]
        assert (p.statements, p.strict_f1, p.overlap_f1) == (q.statements, q.strict_f1, q.overlap_f1)
        assert p.cohen_kappa == pytest.approx(q.cohen_kappa)
        for f in [*p.strict_f1.values(), *p.overlap_f1.values()]:
            assert f is None or 0.0 <= f <= 1.0
        assert all(k is None or -1.0 <= k <= 1.0 + 1e-12 for k in p.cohen_kappa.values())
    assert forward.fleiss_kappa == pytest.approx(backward.fleiss_kappa)
    assert forward.krippendorff_alpha == pytest.approx(backward.krippendorff_alpha)
    assert {k: f.alpha for k, f in forward.unitizing.items()} == pytest.approx(
        {k: f.alpha for k, f in backward.unitizing.items()})
    assert all(0.0 < s.score <= 1.0 for s in forward.worst_statements)
    dumped(forward)


# ------------------------------------------------------------------ undefined is None


def test_nothing_marked_is_undefined_not_nan() -> None:
    works = [work("s1", TEXTS[0], a=[], b=[]), work("s2", TEXTS[1], a=[], b=[])]
    data = dumped(measure(works, ["a", "b"], LABELS))
    (pair,) = data["pairs"]  # type: ignore[misc]
    assert pair == {"a": "a", "b": "b", "statements": 2,
                    "span_f1": {"strict": {"ACTOR": None, "CLAIM": None, "micro": None},
                                "overlap": {"ACTOR": None, "CLAIM": None, "micro": None}},
                    "cohen_kappa": {"ACTOR": None, "CLAIM": None}}
    assert data["fleiss_kappa"] == data["krippendorff_alpha"] == {"ACTOR": None, "CLAIM": None}
    assert data["unitizing_alpha"] == {"ACTOR": None, "CLAIM": None, "overall": None}
    assert data["worst_statements"] == [] and data["statements"] == 2


def test_every_tag_the_same_on_one_side_is_kappa_zero_or_undefined() -> None:
    # a tags nothing, b tags everything: chance agreement is not total, kappa is defined.
    text = "دعا الائتلاف"
    report = measure([work("s", text, a=[], b=[(0, len(text), "ACTOR")])], ["a", "b"], LABELS)
    (pair,) = report.pairs
    assert pair.cohen_kappa["ACTOR"] == 0.0 and pair.cohen_kappa["CLAIM"] is None
    assert pair.overlap_f1["ACTOR"] == 0.0 and pair.overlap_f1["CLAIM"] is None


def test_a_pair_without_shared_statements() -> None:
    works = [work("s1", TEXTS[0], a=[(0, 3, "ACTOR")], b=[(0, 3, "ACTOR")]),
             work("s2", TEXTS[1], b=[(0, 3, "ACTOR")], c=[(0, 4, "ACTOR")])]
    report = measure(works, ["a", "b", "c"], LABELS)
    by_pair = {(p.a, p.b): p for p in report.pairs}
    assert by_pair["a", "b"].statements == 1 and by_pair["a", "b"].strict_f1["ACTOR"] == 1.0
    ac = by_pair["a", "c"]
    assert ac.statements == 0 and set(ac.strict_f1.values()) == {None} and set(ac.cohen_kappa.values()) == {None}
    # Nobody marked both statements done with all three: no all-annotator figure.
    assert report.statements == 0
    assert set(report.fleiss_kappa.values()) == set(report.krippendorff_alpha.values()) == {None}
    assert {f.alpha for f in report.unitizing.values()} == {None}
    dumped(report)


def test_one_annotator_and_no_statements() -> None:
    alone = measure([work("s", TEXTS[0], a=[(0, 3, "ACTOR")])], ["a"], LABELS)
    assert alone.pairs == () and alone.statements == 0 and set(alone.fleiss_kappa.values()) == {None}
    empty = dumped(measure([], ["a", "b"], LABELS))
    assert empty["statements"] == 0 and empty["unitizing_alpha"] == {"ACTOR": None, "CLAIM": None, "overall": None}


def test_coefficients_undefined_cases() -> None:
    assert cohen_kappa({}) is None and cohen_kappa({("O", "O"): 5}) is None
    assert fleiss_kappa([]) is None and fleiss_kappa([{"x": 3}, {"x": 3}]) is None
    assert fleiss_kappa([{"x": 2}, {"x": 3}]) is None  # not the same number of raters
    assert krippendorff_alpha([{"x": 1}, {"y": 1}]) is None  # nothing pairable
    assert krippendorff_alpha([{"x": 2}, {"x": 2}]) is None  # one value only
    # By hand: D_o = 2/4 (the x-y unit), D_e = (4² − 3² − 1²) / (4·3) = 1/2.
    assert krippendorff_alpha([{"x": 2}, {"x": 1, "y": 1}]) == 0.0


# ------------------------------------------------------- per statement and the run


def test_rows_stream_and_the_worst_are_kept_in_order() -> None:
    text = "ا" * 30
    works = [
        work("agree", text, a=[(0, 5, "ACTOR")], b=[(0, 5, "ACTOR")]),
        work("half", text, a=[(0, 5, "ACTOR"), (10, 15, "ACTOR")], b=[(0, 5, "ACTOR")]),
        work("alone", text, a=[(0, 5, "ACTOR")]),
        work("none", text, a=[(0, 5, "ACTOR")], b=[(20, 25, "CLAIM")]),
        work("half again", text, a=[(0, 5, "ACTOR")], b=[(0, 5, "ACTOR"), (10, 15, "ACTOR")]),
    ]
    rows: list[StatementDisagreement] = []
    seen: list[int] = []
    report = measure(iter(works), ["a", "b"], LABELS, rows=rows.append, progress=seen.append, worst=2)
    assert [r.id for r in rows] == ["agree", "half", "none", "half again"]
    assert [(s.id, s.score) for s in report.worst_statements] == [("none", 1.0), ("half", pytest.approx(1 / 3))]
    assert dumped(report)["worst_statements"] == [{"id": "none", "score": 1.0},
                                                  {"id": "half", "score": pytest.approx(1 / 3)}]
    assert seen == [5]


def test_spans_of_other_labels_and_annotators_are_left_out() -> None:
    text = "ا" * 30
    report = measure([work("s", text, a=[(0, 5, "ACTOR"), (6, 9, "OTHER")], b=[(0, 5, "ACTOR")],
                           z=[(1, 2, "ACTOR")])], ["a", "b"], ["ACTOR"])
    (pair,) = report.pairs
    assert pair.strict_f1 == {"ACTOR": 1.0, MICRO: 1.0} and report.statements == 1


def test_bad_input_is_refused() -> None:
    with pytest.raises(ValueError, match="once"):
        Agreement(["a", "a"], LABELS)
    with pytest.raises(ValueError, match="'micro' cannot be measured"):
        Agreement(["a", "b"], ["ACTOR", "micro"])
    with pytest.raises(ValueError, match=r"statement s: span \[3, 9\) of b"):
        measure([work("s", "abcd", a=[], b=[(3, 9, "ACTOR")])], ["a", "b"], LABELS)
