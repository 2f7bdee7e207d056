"""How far annotators agree: span F1, Cohen's and Fleiss' kappa, Krippendorff's alpha and unitizing alpha.

Pure Python: the store streams the work in, statement by statement (`StatementWork`), and
nothing here holds more than one statement at a time. What is kept are sufficient
statistics (counts, sums, histograms of lengths), so memory does not grow with the project.

Which statements count (DESIGN.md, "Agreement"): among the chosen annotators, a pair's
figures use the statements both marked done; the figures over all annotators use the
statements all of them marked done. A statement's `spans` holds exactly the annotators who
marked it done. Give the statements in a stable order (the project's): u-alpha lays them
end to end in the order given, and a gap that runs over the end of one statement goes on
into the next.

The figures, per label and, where it applies, over all labels ("micro", "overall"):

- **span F1** (per pair): `strict` counts a match when both marked the same start, end and
  label; `overlap` when both marked the same label over overlapping ranges, each span
  matched at most once, the pairs with the largest overlap first (ties: the closer
  boundaries first). F1 = 2·matches / (|A| + |B|): 1 is the same spans, 0 none in common.
- **Cohen's kappa** (per pair), **Fleiss' kappa** and **Krippendorff's alpha** (nominal,
  over all annotators) on the BIO tags of each label over the statement's tokens: exactly
  the tokens (`core.tokenize`) and tags (`core.bio`) that `export --format conll` writes.
  They correct the share of tokens tagged alike for the share expected by chance: 1 is
  full agreement, 0 what chance gives, below 0 worse than chance.
- **unitizing alpha** (Krippendorff's u-alpha, over all annotators): on character offsets,
  the statements laid end to end as one continuum. It weighs disagreement by the squared
  lengths by which units differ, and chance by every way the same units could fall on the
  continuum (Krippendorff 2004, worked example p. 254). Overlapping spans of one label by one
  annotator are not units of a unitizing: the earliest is kept, then the longest, and the
  spans overlapping a kept one are left out. `overall` sums the observed and the expected
  disagreement over the labels.

A figure that is undefined (no statements, every tag the same so chance agreement is
total, no units of a label) is None, and `AgreementReport.to_dict` writes null: never NaN.

Per statement, `StatementDisagreement` gives a score (1 − the mean over pairs of the mean
of their overlap and strict F1 over all labels, so a boundary off counts half as much as a
span missing; a pair where neither marked anything agrees) and counts of the
kinds of disagreement, by pair (a, b) in the order of the annotators:
`boundary` (same label, overlapping, different start or end), `label` (overlapping spans
left unmatched, labelled differently), `missing` (a span of a that b has nothing for) and
`extra` (a span of b that a has nothing for).
"""

from __future__ import annotations

import heapq
from bisect import bisect_left
from collections import Counter
from collections.abc import Callable, Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass, fields
from fractions import Fraction
from itertools import accumulate, combinations
from typing import Any

from core.bio import BEGIN, INSIDE, bio_marks
from core.tokenize import token_columns

MICRO = "micro"
OVERALL = "overall"
# How many of the highest-disagreement statements a report keeps.
WORST = 10
# Statements between two calls of `measure`'s progress callback.
PROGRESS_EVERY = 1000

# A tag as a number: O, B, I (BEGIN and INSIDE of core.bio); a pair of tags is a * 3 + b.
_O = 0
_TAGS = 3
assert (BEGIN, INSIDE) == (1, 2)
_NO_MARKS: dict[int, int] = {}


@dataclass(frozen=True, slots=True)
class StatementWork:
    """One statement as the chosen annotators who marked it done left it.

    `spans` maps each of those annotators (and only those) to their spans: (start, end,
    label) in code points, end exclusive. Annotators not chosen and labels not measured
    are ignored.
    """

    id: str
    text: str
    spans: Mapping[str, Sequence[tuple[int, int, str]]]


@dataclass(frozen=True, slots=True)
class PairAgreement:
    """The figures of two annotators over the statements both marked done."""

    a: str
    b: str
    statements: int
    # Label -> F1, and MICRO: the matches and spans of all labels counted together.
    strict_f1: Mapping[str, float | None]
    overlap_f1: Mapping[str, float | None]
    # Label -> Cohen's kappa on the label's BIO tags.
    cohen_kappa: Mapping[str, float | None]


@dataclass(frozen=True, slots=True)
class UnitizingFigures:
    """Krippendorff's u-alpha of one label (or over all labels): 1 − observed / expected
    disagreement; the disagreements are kept for a reviewer who wants to know why."""

    observed: float | None
    expected: float | None
    alpha: float | None


@dataclass(frozen=True, slots=True)
class StatementDisagreement:
    """One statement's disagreement: a score in [0, 1] and counts by kind (module docstring).

    The fields are in the order of `STATEMENT_COLUMNS`, a CSV's header.
    """

    id: str
    annotators: int
    score: float
    missing: int
    extra: int
    boundary: int
    label: int


# A CSV's header for the rows of `StatementDisagreement` (dataclasses.astuple gives the rows).
STATEMENT_COLUMNS = tuple(f.name for f in fields(StatementDisagreement))


@dataclass(frozen=True, slots=True)
class AgreementReport:
    """Every figure of one agreement run; `to_dict` is its JSON."""

    annotators: tuple[str, ...]
    labels: tuple[str, ...]
    # Statements that all annotators marked done: what the all-annotator figures use.
    statements: int
    pairs: tuple[PairAgreement, ...]
    fleiss_kappa: Mapping[str, float | None]
    krippendorff_alpha: Mapping[str, float | None]
    # Label -> figures, and OVERALL.
    unitizing: Mapping[str, UnitizingFigures]
    # The highest scores first (ties: the earlier statement), none that scored 0.
    worst_statements: tuple[StatementDisagreement, ...]

    def to_dict(self) -> dict[str, Any]:
        """The report as JSON-ready data (`agreement --json`); None is null, never NaN."""
        return {
            "annotators": list(self.annotators),
            "labels": list(self.labels),
            "statements": self.statements,
            "pairs": [
                {
                    "a": p.a,
                    "b": p.b,
                    "statements": p.statements,
                    "span_f1": {"strict": dict(p.strict_f1), "overlap": dict(p.overlap_f1)},
                    "cohen_kappa": dict(p.cohen_kappa),
                }
                for p in self.pairs
            ],
            "fleiss_kappa": dict(self.fleiss_kappa),
            "krippendorff_alpha": dict(self.krippendorff_alpha),
            "unitizing_alpha": {name: figures.alpha for name, figures in self.unitizing.items()},
            "worst_statements": [{"id": s.id, "score": s.score} for s in self.worst_statements],
        }


# ------------------------------------------------------------------ coefficients


def _ratio(numerator: int | Fraction, denominator: int | Fraction) -> float | None:
    """numerator / denominator as a float, None when the denominator is 0 (undefined)."""
    if denominator == 0:
        return None
    return float(Fraction(numerator) / Fraction(denominator))


def _kappa_of_matrix(matrix: Sequence[Sequence[int]]) -> float | None:
    """Cohen's kappa of a square contingency table of counts (rows: a's codes, columns: b's)."""
    n = sum(map(sum, matrix))
    agreed = sum(matrix[i][i] for i in range(len(matrix)))
    columns = [sum(col) for col in zip(*matrix, strict=True)]
    chance = sum(sum(row) * col for row, col in zip(matrix, columns, strict=True))
    # (p_o − p_e) / (1 − p_e), multiplied through by n² so that it stays in integers.
    return _ratio(n * agreed - chance, n * n - chance)


def cohen_kappa(table: Mapping[tuple[Hashable, Hashable], int]) -> float | None:
    """Cohen's (1960) kappa of two coders from the counts of each pair of codes (a's, b's).

    None when chance agreement is total (both coders gave one and the same code to every
    item) or there are no items.
    """
    codes = sorted({code for pair in table for code in pair}, key=repr)
    index = {code: i for i, code in enumerate(codes)}
    matrix = [[0] * len(codes) for _ in codes]
    for (a, b), count in table.items():
        matrix[index[a]][index[b]] += count
    return _kappa_of_matrix(matrix)


class CodedUnits:
    """Units (items, tokens) each coded by several coders into categories, as counts.

    What Fleiss' kappa and Krippendorff's nominal alpha need, without a row per unit: per
    number of coders m, how many units, the sum over them of Σ_c n_uc² (n_uc: how many
    coders gave unit u category c) and each category's total.
    """

    __slots__ = ("by_coders",)

    def __init__(self) -> None:
        # m -> (units, Σ_u Σ_c n_uc², category -> total)
        self.by_coders: dict[int, tuple[list[int], Counter[Hashable]]] = {}

    def add(self, counts: Mapping[Hashable, int]) -> None:
        """One unit: category -> how many of its coders chose it."""
        self.add_many(sum(counts.values()), 1, sum(c * c for c in counts.values()), counts)

    def add_many(self, coders: int, units: int, squares: int, totals: Mapping[Hashable, int]) -> None:
        """`units` units of `coders` coders each, with Σ_u Σ_c n_uc² = `squares` and these
        category totals."""
        if units == 0:
            return
        sums, counter = self.by_coders.setdefault(coders, ([0, 0], Counter()))
        sums[0] += units
        sums[1] += squares
        counter.update(totals)

    def fleiss_kappa(self) -> float | None:
        """Fleiss' (1971) kappa.

        None unless every unit has the same number (at least two) of coders, or when
        chance agreement is total (one category only).
        """
        if len(self.by_coders) != 1:
            return None
        ((m, ((units, squares), totals)),) = self.by_coders.items()
        if m < 2:
            return None
        t = units * m
        q = sum(c * c for c in totals.values())
        # (P̄ − P_e) / (1 − P_e) with P̄ = (S − t) / (t(m − 1)) and P_e = q / t², times t²(m − 1).
        return _ratio((squares - t) * t - q * (m - 1), (t * t - q) * (m - 1))

    def krippendorff_alpha(self) -> float | None:
        """Krippendorff's alpha for nominal data (units with fewer than two coders do not count).

        None when fewer than two values can be paired or only one category occurs.
        """
        observed = Fraction(0)
        totals: Counter[Hashable] = Counter()
        n = 0
        for m, ((units, squares), counts) in self.by_coders.items():
            if m < 2:
                continue
            # Σ_u (m_u² − Σ_c n_uc²) / (m_u − 1): the disagreeing pairs within units.
            observed += Fraction(units * m * m - squares, m - 1)
            totals.update(counts)
            n += units * m
        if n < 2:
            return None
        # The disagreeing pairs that the same values would make if paired at random.
        expected = Fraction(n * n - sum(c * c for c in totals.values()), n - 1)
        return _ratio(expected - observed, expected)


def fleiss_kappa(units: Iterable[Mapping[Hashable, int]]) -> float | None:
    """Fleiss' kappa of units given as category -> number of coders who chose it."""
    coded = CodedUnits()
    for counts in units:
        coded.add(counts)
    return coded.fleiss_kappa()


def krippendorff_alpha(units: Iterable[Mapping[Hashable, int]]) -> float | None:
    """Krippendorff's nominal alpha of units given as category -> number of coders who chose it."""
    coded = CodedUnits()
    for counts in units:
        coded.add(counts)
    return coded.krippendorff_alpha()


# ------------------------------------------------------------ unitizing alpha


class _Unitizing:
    """Krippendorff's u-alpha of one label, as sums that grow with the continuum.

    With m annotators over a continuum of length L, for one label c (Krippendorff 2004; the
    1995 paper has a sign error in D_e): a unit is a span of c, a gap a stretch that an
    annotator left without c.

    - observed: D_o = Σ over ordered pairs of annotators of δ² summed over their overlapping
      segments / (m(m − 1)L²), where two overlapping units differ by δ² = (b₁ − b₂)² +
      (e₁ − e₂)² and a unit that falls wholly within the other's gap by δ² = l², its length
      squared. Both are local to a statement, so it is summed statement by statement.
    - expected: D_e = (2/L) Σ_units [(N − 1)(2l³ − 3l² + l)/3 + l² Σ_{gaps g ≥ l} (g − l + 1)]
      / (mL(mL − 1) − Σ_units l(l − 1)), N the number of units of c by all annotators.
      Every unit against every gap would be quadratic; with the gaps as a histogram of
      their lengths, sorted once with suffix sums, each distinct unit length costs one
      binary search.
    """

    __slots__ = ("observed", "units", "unit_lengths", "gap_lengths")

    def __init__(self) -> None:
        self.observed = 0  # Σ over unordered pairs of annotators of their δ²
        self.units = 0
        self.unit_lengths: Counter[int] = Counter()
        self.gap_lengths: Counter[int] = Counter()

    def figures(self, annotators: int, length: int, open_gaps: Iterable[int]) -> tuple[int, int, int, int]:
        """(observed numerator, denominator, expected numerator, denominator) as integers.

        `open_gaps`: the gaps still open at the end of the continuum, one per annotator.
        """
        m, big_l = annotators, length
        gaps = Counter(self.gap_lengths)
        gaps.update(g for g in open_gaps if g > 0)
        observed = (2 * self.observed, m * (m - 1) * big_l * big_l)
        if self.units == 0:
            return (*observed, 0, 1)
        # Gap lengths ascending with the count and the total length of the gaps at least that long.
        lengths = sorted(gaps)
        counts_from = list(accumulate((gaps[g] for g in reversed(lengths)), initial=0))[::-1]
        totals_from = list(accumulate((g * gaps[g] for g in reversed(lengths)), initial=0))[::-1]
        within = 0  # Σ_units (2l³ − 3l² + l)
        beside = 0  # Σ_units l² Σ_{gaps g ≥ l} (g − l + 1)
        squares = 0  # Σ_units l(l − 1)
        for unit, times in self.unit_lengths.items():
            within += times * (2 * unit**3 - 3 * unit**2 + unit)
            at = bisect_left(lengths, unit)
            beside += times * unit * unit * (totals_from[at] - (unit - 1) * counts_from[at])
            squares += times * unit * (unit - 1)
        # 2l³ − 3l² + l = l(l − 1)(2l − 1) is a multiple of 6, so the division is exact.
        expected = 2 * ((self.units - 1) * within // 3 + beside)
        return (*observed, expected, big_l * (m * big_l * (m * big_l - 1) - squares))


def _resolve(ranges: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The units of one annotator and label: sorted `ranges` without those overlapping an
    earlier kept one (so the earliest is kept, then the longest)."""
    kept: list[tuple[int, int]] = []
    reach = -1
    for start, end in ranges:
        if start >= reach:
            kept.append((start, end))
            reach = end
    return kept


def _unitizing_distance(a: list[tuple[int, int]], b: list[tuple[int, int]]) -> int:
    """Σ δ² between two annotators' units of one label in one statement (see `_Unitizing`)."""
    if a == b:
        return 0
    total = 0
    hit_a = [False] * len(a)
    hit_b = [False] * len(b)
    i = j = 0
    while i < len(a) and j < len(b):
        sa, ea = a[i]
        sb, eb = b[j]
        if sa < eb and sb < ea:
            total += (sa - sb) ** 2 + (ea - eb) ** 2
            hit_a[i] = hit_b[j] = True
        if ea <= eb:
            i += 1
        else:
            j += 1
    # A unit that overlaps none of the other's lies wholly in one of the other's gaps.
    total += sum((e - s) ** 2 for (s, e), hit in zip(a, hit_a, strict=True) if not hit)
    total += sum((e - s) ** 2 for (s, e), hit in zip(b, hit_b, strict=True) if not hit)
    return total


# ------------------------------------------------------------------ span matching


def _match(a: list[tuple[int, int]], b: list[tuple[int, int]]) -> tuple[int, int, list[tuple[int, int]],
                                                                     list[tuple[int, int]]]:
    """Overlap matching of two annotators' spans of one label, each list sorted by start.

    (exact matches, overlap matches, a's spans left unmatched, b's). The pairs with the
    largest overlap are matched first, ties going to the closer boundaries, so a pair with
    the same start and end is always matched (no span can overlap either of them more):
    the exact matches are the strict F1's, and they can be taken out first.
    """
    if a == b:
        return len(a), len(a), [], []
    taken = 0  # exact pairs taken out before the greedy pass
    if a and b:
        set_a, set_b = set(a), set(b)
        # Only without duplicates: with them, the greedy pass counts the exact pairs itself.
        if len(set_a) == len(a) and len(set_b) == len(b):
            common = set_a & set_b
            if common:
                taken = len(common)
                a = [span for span in a if span not in common]
                b = [span for span in b if span not in common]
    if not a or not b:
        return taken, taken, a, b
    candidates = []
    for i, (sa, ea) in enumerate(a):
        for j, (sb, eb) in enumerate(b):
            if sb >= ea:
                break  # b is sorted by start: none further on overlaps this one
            overlap = (ea if ea < eb else eb) - (sa if sa > sb else sb)
            if overlap > 0:
                # Ties after overlap and distance go by the spans' positions, not by where they
                # stand in the lists: the same spans always match the same way.
                candidates.append((-overlap, abs(sa - sb) + abs(ea - eb), sa, ea, sb, eb, i, j))
    candidates.sort()
    used_a: set[int] = set()
    used_b: set[int] = set()
    exact = taken
    for _, distance, _sa, _ea, _sb, _eb, i, j in candidates:
        if i not in used_a and j not in used_b:
            used_a.add(i)
            used_b.add(j)
            exact += distance == 0
    return (exact, taken + len(used_a), [s for i, s in enumerate(a) if i not in used_a],
            [s for j, s in enumerate(b) if j not in used_b])


def _relabelled(a: list[tuple[int, int, int]], b: list[tuple[int, int, int]]) -> int:
    """How many of the spans left unmatched pair up over overlapping ranges with another
    label (largest overlap first): (start, end, label index) each."""
    candidates = sorted(
        (-(min(ea, eb) - max(sa, sb)), i, j)
        for i, (sa, ea, la) in enumerate(a)
        for j, (sb, eb, lb) in enumerate(b)
        if la != lb and min(ea, eb) > max(sa, sb)
    )
    used_a: set[int] = set()
    used_b: set[int] = set()
    for _, i, j in candidates:
        if i not in used_a and j not in used_b:
            used_a.add(i)
            used_b.add(j)
    return len(used_a)


# ------------------------------------------------------------------ the run


class _Pair:
    """What one pair of annotators accumulates over the statements both marked done."""

    __slots__ = ("a", "b", "statements", "exact", "matched", "spans_a", "spans_b", "tags")

    def __init__(self, a: int, b: int, labels: int) -> None:
        self.a = a
        self.b = b
        self.statements = 0
        self.exact = [0] * labels
        self.matched = [0] * labels
        self.spans_a = [0] * labels
        self.spans_b = [0] * labels
        # Per label, the counts of each pair of tags (a's tag * 3 + b's tag) over tokens.
        self.tags = [[0] * (_TAGS * _TAGS) for _ in range(labels)]


def _f1(matches: int, spans: int) -> float | None:
    return _ratio(2 * matches, spans)


class Agreement:
    """One agreement run, fed statement by statement: `add` each, then `report`.

    `measure` does the loop; use this class directly to stop early or to do other work per
    statement (a progress dialog, a CSV row).
    """

    def __init__(self, annotators: Sequence[str], labels: Sequence[str], *, worst: int = WORST) -> None:
        if len(set(annotators)) != len(annotators):
            raise ValueError("each annotator may be chosen once")
        if len(set(labels)) != len(labels):
            raise ValueError("each label may be chosen once")
        clash = {MICRO, OVERALL} & set(labels)
        if clash:
            # They would overwrite the figure over all labels in the report's JSON.
            name = sorted(clash)[0]
            raise ValueError(f"a label named {name!r} cannot be measured: it names the figure over all labels")
        self.annotators = tuple(annotators)
        self.labels = tuple(labels)
        self._label_index = {label: i for i, label in enumerate(labels)}
        self._pairs = {(a, b): _Pair(a, b, len(labels)) for a, b in combinations(range(len(annotators)), 2)}
        self._worst = worst
        self._worst_heap: list[tuple[float, int, StatementDisagreement]] = []
        self._seen = 0
        # Over the statements all annotators marked done:
        self._complete = 0
        self._coded = [CodedUnits() for _ in labels]
        self._unitizing = [_Unitizing() for _ in labels]
        self._continuum = 0
        # Per annotator and label, the length of the gap still open (it runs on into the
        # next statement on the continuum).
        self._open_gaps = [[0] * len(labels) for _ in annotators]

    def add(self, work: StatementWork) -> StatementDisagreement | None:
        """Take in one statement; its disagreement, or None when fewer than two chosen
        annotators marked it done (it counts for nothing then)."""
        self._seen += 1
        done = [k for k, name in enumerate(self.annotators) if name in work.spans]
        if len(done) < 2:
            return None
        text = work.text
        size = len(text)
        label_index = self._label_index
        labels = len(self.labels)
        # Per annotator who marked it done, per label, the (start, end) of the spans sorted
        # by start, longer first.
        ranges: dict[int, list[list[tuple[int, int]]]] = {}
        for k in done:
            by_label: list[list[tuple[int, int]]] = [[] for _ in range(labels)]
            for start, end, label in work.spans[self.annotators[k]]:
                at = label_index.get(label)
                if at is None:
                    continue
                if not 0 <= start < end <= size:
                    raise ValueError(f"statement {work.id}: span [{start}, {end}) of {self.annotators[k]} "
                                     f"is not within its {size} code points")
                by_label[at].append((start, end))
            for spans in by_label:
                spans.sort(key=_by_start_longest_first)
            ranges[k] = by_label
        _, starts, ends = token_columns(text)
        tokens = len(starts)
        marks = {
            k: [bio_marks(starts, ends, spans) if spans else _NO_MARKS for spans in by_label]
            for k, by_label in ranges.items()
        }
        missing = extra = boundary = relabelled = 0
        f1_sum = 0.0
        agreed = [0] * labels
        for a, b in combinations(done, 2):
            pair = self._pairs[a, b]
            pair.statements += 1
            matched_here = exact_here = spans_here = 0
            left_a: list[tuple[int, int, int]] = []
            left_b: list[tuple[int, int, int]] = []
            for li in range(labels):
                spans_a, spans_b = ranges[a][li], ranges[b][li]
                if not spans_a and not spans_b:
                    # Neither marked this label: every token is O for both.
                    pair.tags[li][0] += tokens
                    agreed[li] += tokens
                    continue
                exact, matched, rest_a, rest_b = _match(spans_a, spans_b)
                pair.exact[li] += exact
                pair.matched[li] += matched
                pair.spans_a[li] += len(spans_a)
                pair.spans_b[li] += len(spans_b)
                matched_here += matched
                exact_here += exact
                spans_here += len(spans_a) + len(spans_b)
                boundary += matched - exact
                left_a.extend((start, end, li) for start, end in rest_a)
                left_b.extend((start, end, li) for start, end in rest_b)
                agreed[li] += _count_tags(pair.tags[li], marks[a][li], marks[b][li], tokens)
            relabelled_here = _relabelled(left_a, left_b) if left_a and left_b else 0
            relabelled += relabelled_here
            missing += len(left_a) - relabelled_here
            extra += len(left_b) - relabelled_here
            # The mean of the pair's overlap and strict F1: a span missing, extra or relabelled
            # costs both, a boundary off costs the strict one only, so a statement where the
            # annotators only cut a claim differently still counts as a disagreement.
            f1_sum += (matched_here + exact_here) / spans_here if spans_here else 1.0
        pairs = len(done) * (len(done) - 1) // 2
        row = StatementDisagreement(
            id=work.id, annotators=len(done), score=max(0.0, 1.0 - f1_sum / pairs),
            missing=missing, extra=extra, boundary=boundary, label=relabelled,
        )
        if len(done) == len(self.annotators):
            self._add_complete(ranges, marks, agreed, tokens, size)
        self._keep_if_worst(row)
        return row

    def _add_complete(self, ranges: dict[int, list[list[tuple[int, int]]]], marks: dict[int, list[dict[int, int]]],
                      agreed: list[int], tokens: int, size: int) -> None:
        """The all-annotator figures of a statement that every chosen annotator marked done;
        `agreed`: per label, the tokens tagged alike summed over the pairs of annotators."""
        self._complete += 1
        m = len(self.annotators)
        for li in range(len(self.labels)):
            # A unit per token, coded O, B or I by m annotators. Σ_u Σ_c n_uc² counts the
            # ordered pairs of annotators (an annotator with itself too) who tag a token
            # alike: m per token, plus twice what each pair agreed on (the pair tables
            # counted it already), so no token is visited again.
            begins = sum(list(marks[k][li].values()).count(BEGIN) for k in range(m))
            insides = sum(len(marks[k][li]) for k in range(m)) - begins
            totals: dict[Hashable, int] = {_O: m * tokens - begins - insides, BEGIN: begins, INSIDE: insides}
            self._coded[li].add_many(m, tokens, m * tokens + 2 * agreed[li], totals)
            # Units on the continuum.
            unitizing = self._unitizing[li]
            units = [_resolve(ranges[k][li]) for k in range(m)]
            for k in range(m):
                cursor = 0
                gap = self._open_gaps[k][li]
                for start, end in units[k]:
                    gap += start - cursor
                    if gap:
                        unitizing.gap_lengths[gap] += 1
                    unitizing.unit_lengths[end - start] += 1
                    gap = 0
                    cursor = end
                self._open_gaps[k][li] = gap + size - cursor
                unitizing.units += len(units[k])
            for a, b in combinations(range(m), 2):
                unitizing.observed += _unitizing_distance(units[a], units[b])
        self._continuum += size

    def _keep_if_worst(self, row: StatementDisagreement) -> None:
        if row.score <= 0 or self._worst <= 0:
            return
        # The heap's smallest is the first to go: the lowest score, and among equal scores
        # the latest statement (so the earlier ones stay).
        item = (row.score, -self._seen, row)
        if len(self._worst_heap) < self._worst:
            heapq.heappush(self._worst_heap, item)
        elif item[:2] > self._worst_heap[0][:2]:
            heapq.heapreplace(self._worst_heap, item)

    def report(self) -> AgreementReport:
        """Every figure over the statements taken in so far (the run can go on after it)."""
        labels = self.labels
        pairs = []
        for pair in self._pairs.values():
            strict = {label: _f1(pair.exact[i], pair.spans_a[i] + pair.spans_b[i]) for i, label in enumerate(labels)}
            strict[MICRO] = _f1(sum(pair.exact), sum(pair.spans_a) + sum(pair.spans_b))
            overlap = {label: _f1(pair.matched[i], pair.spans_a[i] + pair.spans_b[i]) for i, label in enumerate(labels)}
            overlap[MICRO] = _f1(sum(pair.matched), sum(pair.spans_a) + sum(pair.spans_b))
            kappa = {
                label: _kappa_of_matrix([pair.tags[i][row * _TAGS:(row + 1) * _TAGS] for row in range(_TAGS)])
                for i, label in enumerate(labels)
            }
            pairs.append(PairAgreement(a=self.annotators[pair.a], b=self.annotators[pair.b],
                                       statements=pair.statements, strict_f1=strict, overlap_f1=overlap,
                                       cohen_kappa=kappa))
        m = len(self.annotators)
        unitizing: dict[str, UnitizingFigures] = {}
        # D_o and D_e summed over the labels, for OVERALL; None where undefined.
        observed_total: Fraction | None = Fraction(0)
        expected_total: Fraction | None = Fraction(0)
        for i, label in enumerate(labels):
            on, od, en, ed = self._unitizing[i].figures(m, self._continuum, (gaps[i] for gaps in self._open_gaps))
            observed = Fraction(on, od) if od else None
            expected = Fraction(en, ed) if ed else None
            observed_total = None if observed is None or observed_total is None else observed_total + observed
            expected_total = None if expected is None or expected_total is None else expected_total + expected
            unitizing[label] = _unitizing_figures(observed, expected)
        unitizing[OVERALL] = _unitizing_figures(observed_total, expected_total)
        worst = tuple(row for _, _, row in sorted(self._worst_heap, key=lambda item: (-item[0], -item[1])))
        return AgreementReport(
            annotators=self.annotators,
            labels=labels,
            statements=self._complete,
            pairs=tuple(pairs),
            fleiss_kappa={label: self._coded[i].fleiss_kappa() for i, label in enumerate(labels)},
            krippendorff_alpha={label: self._coded[i].krippendorff_alpha() for i, label in enumerate(labels)},
            unitizing=unitizing,
            worst_statements=worst,
        )


def _unitizing_figures(observed: Fraction | None, expected: Fraction | None) -> UnitizingFigures:
    """u-alpha = 1 − D_o / D_e, None where either is undefined or D_e is 0 (no units)."""
    return UnitizingFigures(
        observed=None if observed is None else float(observed),
        expected=None if expected is None else float(expected),
        alpha=None if observed is None or expected is None else _ratio(expected - observed, expected),
    )


def _by_start_longest_first(span: tuple[int, int]) -> tuple[int, int]:
    return span[0], -span[1]


def _count_tags(table: list[int], a: dict[int, int], b: dict[int, int], tokens: int) -> int:
    """Add one statement's tokens to a pair's counts of tag pairs (a's tag * 3 + b's tag);
    returns how many tokens the two tagged alike."""
    if a == b:
        begins = list(a.values()).count(BEGIN)
        table[BEGIN * _TAGS + BEGIN] += begins
        table[INSIDE * _TAGS + INSIDE] += len(a) - begins
        table[0] += tokens - len(a)
        return tokens
    union = a.keys() | b.keys()
    disagreed = 0
    for token in union:
        x = a.get(token, _O)
        y = b.get(token, _O)
        table[x * _TAGS + y] += 1
        disagreed += x != y
    table[0] += tokens - len(union)
    return tokens - disagreed


def measure(
    statements: Iterable[StatementWork],
    annotators: Sequence[str],
    labels: Sequence[str],
    *,
    progress: Callable[[int], None] | None = None,
    rows: Callable[[StatementDisagreement], None] | None = None,
    worst: int = WORST,
) -> AgreementReport:
    """Every agreement figure of `annotators` on `labels` over `statements`, read one at a time.

    `progress(n)` is told how many statements were read, every PROGRESS_EVERY and at the
    end; `rows` gets each measured statement's disagreement as it is made (for a CSV).
    """
    run = Agreement(annotators, labels, worst=worst)
    count = 0
    for count, work in enumerate(statements, 1):
        row = run.add(work)
        if rows is not None and row is not None:
            rows(row)
        if progress is not None and count % PROGRESS_EVERY == 0:
            progress(count)
    if progress is not None:
        progress(count)
    return run.report()
