"""Where span tags and relation arcs go: pure geometry, boxes in and boxes and points out, no Qt.

The editor's lines leave room above their letters (gui/spanlayer.py sets the line spacing):
from the letters up, first the rows of label tags, then the channel where relation arcs run
sideways, then the previous line's bars. An arc never crosses letters: it rises from its
head's tag into the channel above that line, runs along it, and, to reach another line,
goes down or up a vertical leg in the side margin (where no text is) to the channel above
the tail's line, and drops onto the tail. Kept free of Qt so tests check the routing on
plain numbers.
"""

from __future__ import annotations

from collections.abc import Hashable, Mapping, Sequence
from dataclasses import dataclass, replace

Point = tuple[float, float]

# Space kept between two tags of a row, and between a tag and the letters below it.
TAG_GAP = 2.0
# Vertical distance between two arcs running side by side in the same channel.
CHANNEL_STEP = 5.0
# Horizontal distance between two arcs' vertical legs in a margin.
LEG_STEP = 4.0
# A tag starts at least this far inside its span, so that it visibly belongs to it.
TAG_MIN_INSIDE = 10.0
# How far a relation's name moves along its arc at a time to get clear of another's.
NAME_STEP = 8.0


@dataclass(frozen=True, slots=True)
class Box:
    """An axis-aligned rectangle in viewport coordinates (y grows downwards)."""

    left: float
    top: float
    right: float
    bottom: float

    @property
    def width(self) -> float:
        return self.right - self.left

    @property
    def height(self) -> float:
        return self.bottom - self.top

    @property
    def center_x(self) -> float:
        return (self.left + self.right) / 2

    def contains(self, point: Point) -> bool:
        """Strictly inside (a point on the border is not)."""
        x, y = point
        return self.left < x < self.right and self.top < y < self.bottom

    def overlaps_x(self, left: float, right: float, pad: float = 0.0) -> bool:
        return self.left - pad < right and left < self.right + pad


# ------------------------------------------------------------------ tags


@dataclass(frozen=True, slots=True)
class TagRequest:
    """One span's tag: drawn above `segment` (the span's first piece, on visual line `line`),
    starting at its reading side (the right edge when `rtl`); `width` is the whole name's,
    `short_width` the width of the shortened name it may fall back to."""

    key: Hashable
    line: int
    segment: Box
    width: float
    short_width: float
    rtl: bool


def tag_row_box(segment: Box, row: int, height: float) -> tuple[float, float]:
    """Top and bottom of tag row `row` (0: right above the letters) over `segment`'s line."""
    bottom = segment.top - TAG_GAP - row * (height + TAG_GAP)
    return bottom - height, bottom


def place_tags(
    requests: Sequence[TagRequest], *, rows: int, height: float, bounds: tuple[float, float]
) -> dict[Hashable, Box]:
    """A box per tag so that no two tags overlap where it can be helped.

    Shorter spans are placed first, at their reading-side edge in the row nearest the
    letters (a nested span's tag stays over its own words); a tag that meets one already
    placed slides along the reading direction while it still starts inside its span, else
    tries the next row up, else the shortened name, else takes the first row and overlaps.
    `bounds` (left, right) is the text area a tag may not leave.
    """
    placed: dict[tuple[int, int], list[Box]] = {}  # (line, row) -> boxes in it
    result: dict[Hashable, Box] = {}
    order = sorted(requests, key=lambda r: (r.line, r.segment.width, r.segment.left))
    for request in order:
        box = None
        for width in (request.width, request.short_width):
            for row in range(rows):
                box = _fit_in_row(request, width, row, height, placed.get((request.line, row), []), bounds)
                if box is not None:
                    placed.setdefault((request.line, row), []).append(box)
                    break
            if box is not None:
                break
        if box is None:
            top, bottom = tag_row_box(request.segment, 0, height)
            box = _clamped(_at_edge(request, request.short_width, top, bottom), bounds)
            placed.setdefault((request.line, 0), []).append(box)
        result[request.key] = box
    return result


def _at_edge(request: TagRequest, width: float, top: float, bottom: float, edge: float | None = None) -> Box:
    """A tag box of `width` whose reading-side edge is `edge` (default: the span's)."""
    segment = request.segment
    if request.rtl:
        right = segment.right if edge is None else edge
        return Box(right - width, top, right, bottom)
    left = segment.left if edge is None else edge
    return Box(left, top, left + width, bottom)


def _clamped(box: Box, bounds: tuple[float, float]) -> Box:
    low, high = bounds
    if box.left < low:
        return Box(low, box.top, low + box.width, box.bottom)
    if box.right > high:
        return Box(high - box.width, box.top, high, box.bottom)
    return box


def _fit_in_row(
    request: TagRequest, width: float, row: int, height: float, taken: list[Box], bounds: tuple[float, float]
) -> Box | None:
    top, bottom = tag_row_box(request.segment, row, height)
    segment = request.segment
    inside = min(TAG_MIN_INSIDE, segment.width / 2)
    box = _clamped(_at_edge(request, width, top, bottom), bounds)
    # Slide past each tag in the way, in reading order, while the tag still starts in its span.
    for _ in range(len(taken) + 1):
        blocking = [t for t in taken if t.overlaps_x(box.left, box.right, TAG_GAP)]
        if not blocking:
            return box
        if request.rtl:
            edge = min(t.left for t in blocking) - TAG_GAP
            if edge < segment.left + inside:
                return None
        else:
            edge = max(t.right for t in blocking) + TAG_GAP
            if edge > segment.right - inside:
                return None
        box = _at_edge(request, width, top, bottom, edge)
        if box.left < bounds[0] or box.right > bounds[1]:
            return None
    return None


# ------------------------------------------------------------------ arcs


@dataclass(frozen=True, slots=True)
class Anchor:
    """A place an arc may attach to a span: the top of its tag, or of one of its line pieces."""

    line: int
    box: Box

    @property
    def point(self) -> Point:
        return (self.box.center_x, self.box.top)


@dataclass(frozen=True, slots=True)
class ArcRequest:
    """A relation to draw from one of `head`'s anchors to one of `tail`'s."""

    key: Hashable
    head: Sequence[Anchor]
    tail: Sequence[Anchor]


@dataclass(frozen=True, slots=True)
class Channel:
    """The free band above a line of text where arcs run sideways: `bottom` is just above
    the tags, `top` just below the previous line's bars."""

    top: float
    bottom: float

    def level_y(self, level: int) -> float:
        """The height of the `level`-th arc running in this channel (0 lowest); arcs past
        its room share the topmost level."""
        levels = max(1, int((self.bottom - self.top) // CHANNEL_STEP))
        return self.bottom - min(level, levels - 1) * CHANNEL_STEP


@dataclass(frozen=True, slots=True)
class ArcPath:
    """An arc as a polyline from head to tail, and where its name goes."""

    key: Hashable
    points: tuple[Point, ...]
    label_at: Point

    @property
    def start(self) -> Point:
        return self.points[0]

    @property
    def end(self) -> Point:
        return self.points[-1]


def choose_anchors(head: Sequence[Anchor], tail: Sequence[Anchor]) -> tuple[Anchor, Anchor]:
    """The pair of anchors nearest each other: fewest lines apart, then shortest sideways
    (a claim spread over two lines takes the arrow on the piece nearest its actor)."""
    return min(
        ((h, t) for h in head for t in tail),
        key=lambda pair: (abs(pair[0].line - pair[1].line), abs(pair[0].point[0] - pair[1].point[0])),
    )


def route_arcs(
    requests: Sequence[ArcRequest], channels: Sequence[Channel], *, margins: tuple[float, float]
) -> list[ArcPath]:
    """Polylines for the arcs through the channels above the lines (one per visual line).

    Each arc runs at a level of its channel that no overlapping arc already uses (shorter
    runs lower, as in brat). An arc between two lines descends or climbs a vertical leg
    in the side margin nearer to its ends: `margins` are the x of the first leg left of
    the text and right of it; further legs step outwards.
    """
    ends: list[tuple[ArcRequest, Anchor, Anchor]] = []
    for request in requests:
        if request.head and request.tail:
            head, tail = choose_anchors(request.head, request.tail)
            ends.append((request, head, tail))
    left_margin, right_margin = margins
    legs = {"left": 0, "right": 0}
    plans: list[tuple[ArcRequest, Anchor, Anchor, float | None]] = []
    for request, head, tail in ends:
        leg_x = None
        if head.line != tail.line:
            hx, tx = head.point[0], tail.point[0]
            side = "left" if (hx - left_margin) + (tx - left_margin) <= (right_margin - hx) + (right_margin - tx) else (
                "right")
            step = legs[side]
            legs[side] += 1
            leg_x = left_margin - step * LEG_STEP if side == "left" else right_margin + step * LEG_STEP
        plans.append((request, head, tail, leg_x))
    # Runs per channel: (line, left, right, plan index, which run), the shortest placed first.
    runs: list[tuple[int, float, float, int, int]] = []
    for i, (_request, head, tail, leg_x) in enumerate(plans):
        if leg_x is None:
            runs.append((head.line, min(head.point[0], tail.point[0]), max(head.point[0], tail.point[0]), i, 0))
        else:
            runs.append((head.line, min(head.point[0], leg_x), max(head.point[0], leg_x), i, 0))
            runs.append((tail.line, min(tail.point[0], leg_x), max(tail.point[0], leg_x), i, 1))
    levels: dict[tuple[int, int], int] = {}
    used: dict[int, list[tuple[float, float, int]]] = {}
    for line, left, right, index, which in sorted(runs, key=lambda r: (r[2] - r[1], r[1])):
        taken = {lvl for lo, hi, lvl in used.get(line, []) if lo - CHANNEL_STEP < right and left < hi + CHANNEL_STEP}
        level = next(n for n in range(len(runs) + 1) if n not in taken)
        used.setdefault(line, []).append((left, right, level))
        levels[(index, which)] = level
    paths: list[ArcPath] = []
    for i, (request, head, tail, leg_x) in enumerate(plans):
        (hx, hy), (tx, ty) = head.point, tail.point
        y_head = _channel(channels, head.line).level_y(levels[(i, 0)])
        if leg_x is None:
            points: tuple[Point, ...] = ((hx, hy), (hx, y_head), (tx, y_head), (tx, ty))
            label_at = ((hx + tx) / 2, y_head)
        else:
            y_tail = _channel(channels, tail.line).level_y(levels[(i, 1)])
            points = ((hx, hy), (hx, y_head), (leg_x, y_head), (leg_x, y_tail), (tx, y_tail), (tx, ty))
            # The name on the longer of the two sideways runs.
            head_run, tail_run = abs(hx - leg_x), abs(tx - leg_x)
            label_at = ((hx + leg_x) / 2, y_head) if head_run >= tail_run else ((tx + leg_x) / 2, y_tail)
        paths.append(ArcPath(request.key, points, label_at))
    return paths


def place_names(paths: Sequence[ArcPath], sizes: Mapping[Hashable, tuple[float, float]]) -> list[ArcPath]:
    """Each arc's name moved along its sideways runs until it overlaps no name placed before.

    `sizes` gives each arc's name box (width, height). Names are placed in the order of the
    arcs; each tries the middle of its longest run first, then points stepping outwards from
    there and along its other run, and keeps the middle if nothing is free.
    """
    placed: list[Box] = []
    result: list[ArcPath] = []
    for path in paths:
        width, height = sizes.get(path.key, (0.0, 0.0))
        if width <= 0:
            result.append(path)
            continue
        runs = sorted(
            ((a, b) for a, b in zip(path.points, path.points[1:], strict=False) if a[1] == b[1] and a[0] != b[0]),
            key=lambda run: -abs(run[1][0] - run[0][0]),
        )
        candidates: list[Point] = [path.label_at]
        for (x1, y), (x2, _y) in runs:
            low, high = min(x1, x2) + width / 2, max(x1, x2) - width / 2
            middle = (x1 + x2) / 2
            steps = int(max(0.0, high - low) // NAME_STEP) + 1
            for k in range(1, steps + 1):
                candidates += [(middle + sign * k * NAME_STEP, y) for sign in (-1, 1)
                               if low <= middle + sign * k * NAME_STEP <= high]
            candidates.append((middle, y))
        chosen = path.label_at
        for x, y in candidates:
            box = Box(x - width / 2, y - height / 2, x + width / 2, y + height / 2)
            if not any(box.overlaps_x(other.left, other.right, TAG_GAP) and box.top < other.bottom
                       and other.top < box.bottom for other in placed):
                chosen = (x, y)
                break
        x, y = chosen
        placed.append(Box(x - width / 2, y - height / 2, x + width / 2, y + height / 2))
        result.append(replace(path, label_at=chosen))
    return result


def _channel(channels: Sequence[Channel], line: int) -> Channel:
    return channels[min(max(line, 0), len(channels) - 1)]


def polyline_points(points: Sequence[Point], step: float = 1.0) -> list[Point]:
    """Points every `step` along a polyline (tests check each against the text's boxes)."""
    out: list[Point] = []
    for (x1, y1), (x2, y2) in zip(points, points[1:], strict=False):
        length = max(abs(x2 - x1), abs(y2 - y1))
        n = max(1, int(length / step))
        out.extend((x1 + (x2 - x1) * k / n, y1 + (y2 - y1) * k / n) for k in range(n))
    if points:
        out.append(points[-1])
    return out
