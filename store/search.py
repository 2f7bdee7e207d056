"""Full-text search over the statements, Arabic-normalized, through an FTS5 trigram index.

FTS5's word tokenizers fold neither alef forms nor ة/ى and keep harakat, and clitics
(و، ب، ل، ال) stay glued to words, so the index holds `core.normalize`'s search form of
each statement under the trigram tokenizer: any substring of three or more characters
is an index lookup, inside a word or across words. Shorter queries scan that
normalized copy (`instr`), stopping as soon as a page is full.

Statements are append-only with a gapless `seq`, so the index is built lazily: it
records the highest seq it holds (meta key `search_indexed_seq`) and indexes the rest
on demand, in batches, each batch one transaction. Import never touches it, so import
stays as fast as plain inserts.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from core.normalize import find_all, normalize
from store.project import Project

INDEXED_SEQ_KEY = "search_indexed_seq"
# The trigram tokenizer cannot look up fewer than three characters.
SHORTEST_INDEXED_QUERY = 3
# Statements indexed per transaction: long enough to amortize the commit, short enough
# (a fraction of a second) that an edit made meanwhile waits unnoticed for the lock.
INDEX_BATCH = 2000
STATUS_FILTERS = ("todo", "done", "skipped")
# Up to this many rows in a status or a label, the filter's rows are read and each one's
# text checked (≈2 µs each); beyond it, the index drives and the filter is checked per hit.
FILTER_DRIVEN_MAX = 50_000


class _FoldTable(dict[int, str]):
    """`str.translate` table computed one character at a time by core's normalize.

    Equal to `normalize` by construction (normalize folds each character on its own),
    but the per-character Python work happens once per distinct character instead of
    once per character of every statement.
    """

    def __missing__(self, code: int) -> str:
        folded = normalize(chr(code))
        self[code] = folded
        return folded


def _glob_literal(text: str) -> str:
    """`text` as a GLOB pattern that matches exactly it."""
    return "".join(f"[{ch}]" if ch in "*?[" else ch for ch in text)


def matches_inside(
    matches: Iterable[tuple[int, int]], spans: Iterable[tuple[int, int]]
) -> list[tuple[int, int]]:
    """The matches that lie wholly inside one of `spans` (code-point ranges, end exclusive):
    what "hits inside a span of label X" keeps, in the results and in the editor alike."""
    ranges = list(spans)
    return [(a, b) for a, b in matches if any(s <= a and b <= e for s, e in ranges)]


@dataclass(frozen=True, slots=True)
class SearchHit:
    """A statement that matches, this annotator's status on it, and where it matches.

    `matches` are code-point ranges of the original text (end exclusive), empty when
    the search had no text (filters only).
    """

    seq: int
    id: str
    text: str
    status: str
    matches: tuple[tuple[int, int], ...]


class SearchIndex:
    """Search over one open project (its connection; one thread only, as sqlite3 wants)."""

    def __init__(self, project: Project) -> None:
        self.project = project
        self.conn = project.conn
        self._fold = _FoldTable()

    # ---------------------------------------------------------------- indexing

    def normalized(self, text: str) -> str:
        return text.translate(self._fold)

    def indexed_seq(self) -> int:
        row = self.conn.execute("SELECT value FROM meta WHERE key = ?", (INDEXED_SEQ_KEY,)).fetchone()
        return int(row[0]) if row else 0

    def pending(self) -> int:
        """Statements imported since the index was last brought up to date."""
        return max(0, self.project.statement_count() - self.indexed_seq())

    def update(
        self,
        *,
        batch: int = INDEX_BATCH,
        progress: Callable[[int, int], None] | None = None,
        should_stop: Callable[[], bool] | None = None,
    ) -> int:
        """Index every statement not indexed yet; return how many were added.

        `progress(done, total)` is called after each batch. `should_stop` is asked
        between batches; what was indexed so far stays (each batch is committed).
        Two connections updating at once never index a statement twice: each batch
        reads the mark inside its own write transaction.
        """
        total = self.pending()
        done = 0
        while not (should_stop is not None and should_stop()):
            with self.project.atomic():
                after = self.indexed_seq()
                rows = self.conn.execute(
                    "SELECT seq, text FROM statements WHERE seq > ? ORDER BY seq LIMIT ?", (after, batch)
                ).fetchall()
                if not rows:
                    break
                self.conn.executemany(
                    "INSERT INTO search_index(rowid, body) VALUES (?, ?)",
                    ((seq, self.normalized(text)) for seq, text in rows),
                )
                self.conn.execute(
                    "INSERT INTO meta(key, value) VALUES (?, ?)"
                    " ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                    (INDEXED_SEQ_KEY, str(rows[-1][0])),
                )
            done += len(rows)
            if progress is not None:
                progress(done, max(total, done))
        return done

    def reset(self) -> None:
        """Empty the index; `update` then builds it anew (after a change of normalization)."""
        with self.project.atomic():
            self.conn.execute("DELETE FROM search_index")
            self.conn.execute("UPDATE meta SET value = '0' WHERE key = ?", (INDEXED_SEQ_KEY,))

    # --------------------------------------------------------------- searching

    def search(
        self,
        query: str,
        *,
        annotator: str | None = None,
        status: str | None = None,
        label: str | None = None,
        inside: bool = False,
        after_seq: int = 0,
        limit: int = 100,
    ) -> list[SearchHit]:
        """The next `limit` matching statements with seq > `after_seq`, in seq order.

        `query` is compared in search form (alef forms, ة/ه, ى/ي folded, harakat and
        tatweel ignored, case folded) as one substring; an empty query matches every
        statement, so the filters alone choose. `status` and `label` filter by this
        `annotator`'s work: their status on the statement (todo when none) and whether
        they marked a span of that label in it. With `inside` (and a label and a query),
        only the matches wholly inside one of their spans of that label count: a statement
        is a hit when it has such a match, and its `matches` are those. Statements not
        indexed yet are indexed first; a caller that expects many (the GUI after a large
        import) runs `update` in the background beforehand.
        """
        if self.pending():
            self.update()
        query = query.strip()
        sql, args = self._select("s.seq, s.id, s.text, coalesce(st.status, 'todo')", query, annotator, status, label)
        if sql is None:
            return []
        if not (inside and label is not None and query):
            rows = self.conn.execute(sql + " LIMIT ?", (*args, after_seq, limit)).fetchall()
            return [
                SearchHit(
                    seq=seq,
                    id=sid,
                    text=text,
                    status=state,
                    matches=tuple(find_all(text, query)) if query else (),
                )
                for seq, sid, text, state in rows
            ]
        # Whether a match lies in a span is known only per statement: read candidates page
        # by page and keep those with a match inside, until `limit` are found.
        hits: list[SearchHit] = []
        after = after_seq
        while len(hits) < limit:
            rows = self.conn.execute(sql + " LIMIT ?", (*args, after, limit)).fetchall()
            for seq, sid, text, state in rows:
                matches = self.matches_in_spans(seq, text, query, annotator=annotator, label=label)
                if matches:
                    hits.append(SearchHit(seq=seq, id=sid, text=text, status=state, matches=tuple(matches)))
                    if len(hits) == limit:
                        break
            if len(rows) < limit:
                break
            after = rows[-1][0]
        return hits

    def matches_in_spans(
        self, seq: int, text: str, query: str, *, annotator: str | None, label: str
    ) -> list[tuple[int, int]]:
        """Where `query` matches statement `seq`'s `text` inside `annotator`'s spans of `label`."""
        aid = self.project.annotator_id(annotator, create=False) if annotator else None
        if aid is None or not query.strip():
            return []
        spans = self.conn.execute(
            'SELECT start, "end" FROM spans WHERE statement = ? AND annotator = ? AND label = ?', (seq, aid, label)
        ).fetchall()
        return matches_inside(find_all(text, query.strip()), spans) if spans else []

    def iter_hits(self, query: str, *, page: int = 500, **filters: Any) -> Iterator[SearchHit]:
        """Every hit, read page by page (memory stays at one page)."""
        after = 0
        while True:
            hits = self.search(query, after_seq=after, limit=page, **filters)
            yield from hits
            if len(hits) < page:
                return
            after = hits[-1].seq

    def count(
        self,
        query: str,
        *,
        annotator: str | None = None,
        status: str | None = None,
        label: str | None = None,
        inside: bool = False,
        cap: int = 10_000,
    ) -> int:
        """How many statements match, counting at most `cap` (a common word on a
        million statements would otherwise read them all just to show a number)."""
        if self.pending():
            self.update()
        if inside and label is not None and query.strip():
            counted = 0
            for _hit in self.iter_hits(query, annotator=annotator, status=status, label=label, inside=True):
                counted += 1
                if counted >= cap:
                    break
            return counted
        sql, args = self._select("1", query.strip(), annotator, status, label)
        if sql is None:
            return 0
        row = self.conn.execute(f"SELECT count(*) FROM ({sql} LIMIT ?)", (*args, 0, cap)).fetchone()
        return int(row[0])

    def _select(
        self, columns: str, query: str, annotator: str | None, status: str | None, label: str | None
    ) -> tuple[str | None, list[Any]]:
        """The SELECT for a search, ordered by seq, before its LIMIT.

        Its last two parameters, appended by the caller, are the seq to start after
        and the LIMIT. None when nothing can match (a query that is all harakat, a
        filter on the work of an annotator who has none).
        """
        if status is not None and status not in STATUS_FILTERS:
            raise ValueError(f"unknown status {status!r}; expected one of {', '.join(STATUS_FILTERS)}")
        aid = self.project.annotator_id(annotator, create=False) if annotator else None
        needle = self.normalized(query)
        if query and not needle:
            return None, []
        if (status in ("done", "skipped") or label is not None) and aid is None:
            return None, []
        driver = self._driver(needle, aid, status, label)
        source_args: list[Any] = []
        joins: list[str] = []
        join_args: list[Any] = []
        where: list[str] = []
        args: list[Any] = []
        # The driver is read first (CROSS JOIN fixes SQLite's join order) and in seq
        # order, so LIMIT stops the scan and no sort of all hits happens.
        if driver == "status":
            key = "st.statement"
            source = "statement_status st CROSS JOIN statements s ON s.seq = st.statement"
            where += ["st.annotator = ?", "st.status = ?"]
            args += [aid, status]
        elif driver == "label":
            key = "l.seq"
            source = (
                "(SELECT DISTINCT statement AS seq FROM spans WHERE label = ? AND annotator = ?) l"
                " CROSS JOIN statements s ON s.seq = l.seq"
            )
            source_args += [label, aid]
        elif driver == "text":
            key = "f.rowid"
            source = "search_index f CROSS JOIN statements s ON s.seq = f.rowid"
            if len(needle) >= SHORTEST_INDEXED_QUERY:
                # GLOB, not LIKE: FTS5 answers it from the trigrams and then checks the
                # stored text, and it needs no ESCAPE clause (which SQLite would not pass
                # to the index); the text is already case-folded.
                where.append("f.body GLOB ?")
                args.append("*" + _glob_literal(needle) + "*")
            else:
                where.append("instr(f.body, ?) > 0")
                args.append(needle)
        else:
            key = "s.seq"
            source = "statements s"
        if needle and driver != "text":
            # Few rows to look at: check each one's search form rather than probe the index.
            joins.append("CROSS JOIN search_index f ON f.rowid = s.seq")
            where.append("instr(f.body, ?) > 0")
            args.append(needle)
        if driver != "status":
            joins.append("LEFT JOIN statement_status st ON st.statement = s.seq AND st.annotator = ?")
            join_args.append(aid)
            if status == "todo":
                where.append("coalesce(st.status, 'todo') = 'todo'")
            elif status is not None:
                where.append("st.status = ?")
                args.append(status)
        if label is not None and driver != "label":
            where.append(
                "EXISTS (SELECT 1 FROM spans sp WHERE sp.statement = s.seq AND sp.annotator = ? AND sp.label = ?)"
            )
            args += [aid, label]
        where.append(f"{key} > ?")
        sql = f"SELECT {columns} FROM {source} {' '.join(joins)} WHERE {' AND '.join(where)} ORDER BY {key}"
        return sql, source_args + join_args + args

    def _driver(self, needle: str, aid: int | None, status: str | None, label: str | None) -> str:
        """What the search reads first: the smallest of the filters' sets when it is
        small (a status or label few statements carry), else the index, else every statement."""
        sizes: list[tuple[int, str]] = []
        if status in ("done", "skipped"):
            sizes.append((self._capped_count(
                "SELECT 1 FROM statement_status WHERE annotator = ? AND status = ?", (aid, status)
            ), "status"))
        if label is not None:
            sizes.append((self._capped_count(
                "SELECT 1 FROM spans WHERE label = ? AND annotator = ?", (label, aid)
            ), "label"))
        small = [(n, name) for n, name in sizes if n < FILTER_DRIVEN_MAX]
        if small:
            return min(small)[1]
        return "text" if needle else "all"

    def _capped_count(self, sql: str, args: tuple[Any, ...]) -> int:
        """Rows of `sql`, counted up to FILTER_DRIVEN_MAX (so asking costs at most that)."""
        row = self.conn.execute(f"SELECT count(*) FROM ({sql} LIMIT ?)", (*args, FILTER_DRIVEN_MAX)).fetchone()
        return int(row[0])
