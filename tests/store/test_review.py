"""The reviewer's store operations: one read of every lane, copies into gold and their undo,
and the majority pre-fill, checked against a brute-force oracle. Annotators' rows never change."""

from __future__ import annotations

import io
import json
import sqlite3
import tempfile
import time
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from core.errors import EditRefused
from core.formats.registry import READERS
from core.model import GOLD
from core.schema import parse_schema
from store.adjudicate import prefill_gold, prefill_statement
from store.importer import import_records
from store.project import Project
from store.review import (
    GoldCopy,
    copy_to_gold,
    remove_gold_copy,
    restore_gold_copy,
    set_gold_status,
    statement_review,
)
from tests.dump import dump

# Attributes on both labels, so agreement on attributes is tested on more than one name.
SCHEMA = parse_schema({
    "labels": [
        {"name": "ACTOR", "color": "#1e88e5", "key": "a",
         "attributes": [{"name": "role", "values": ["state", "person"]}]},
        {"name": "CLAIM", "color": "#f9a825", "key": "c",
         "attributes": [{"name": "stance", "values": ["support", "oppose", "neutral"]},
                        {"name": "certainty", "values": ["high", "low"]}]},
    ],
    "relations": [{"name": "CLAIMANT", "from": "ACTOR", "to": "CLAIM"}],
})
TEXTS = ["قال الوزير إن الهجوم مرفوض", "أعلنت المنظمة 😀 عن تحقيق في الهجوم", "ثالث بلا عمل هنا"]


def new_project(path: Path, texts: list[str] = TEXTS) -> Project:
    project = Project.create(path, SCHEMA)
    data = ("\n".join(texts) + "\n").encode("utf-8")
    import_records(project, READERS["txt"](io.BytesIO(data), "in.txt"), file="in.txt")
    return project


def others_rows(path: Path) -> dict[str, list[tuple[Any, ...]]]:
    """Every row that is not gold's, of every table a review could touch: equal means untouched."""
    conn = sqlite3.connect(str(path))
    try:
        gold = conn.execute("SELECT id FROM annotators WHERE name = ?", (GOLD,)).fetchone()
        gid = -1 if gold is None else gold[0]
        return {
            "statements": conn.execute("SELECT * FROM statements ORDER BY seq").fetchall(),
            "spans": conn.execute("SELECT * FROM spans WHERE annotator != ? ORDER BY id", (gid,)).fetchall(),
            "relations": conn.execute("SELECT * FROM relations WHERE annotator != ? ORDER BY id", (gid,)).fetchall(),
            "statement_status": conn.execute(
                "SELECT * FROM statement_status WHERE annotator != ? ORDER BY statement, annotator", (gid,)
            ).fetchall(),
            "annotators": conn.execute("SELECT * FROM annotators WHERE id != ? ORDER BY id", (gid,)).fetchall(),
        }
    finally:
        conn.close()


def gold_rows(project: Project) -> tuple[set[tuple[Any, ...]], set[tuple[Any, ...]]]:
    """Gold's spans (statement, start, end, label, attrs) and relations (by both ends' keys)."""
    conn = project.conn
    spans = {
        (r[0], r[1], r[2], r[3], r[4] or "")
        for r in conn.execute(
            "SELECT s.statement, s.start, s.end, s.label, s.attrs FROM spans s JOIN annotators a"
            " ON a.id = s.annotator WHERE a.name = ?", (GOLD,)
        )
    }
    relations = {
        tuple(r)
        for r in conn.execute(
            "SELECT r.statement, h.start, h.end, h.label, t.start, t.end, t.label, r.label FROM relations r"
            " JOIN annotators a ON a.id = r.annotator JOIN spans h ON h.id = r.head JOIN spans t ON t.id = r.tail"
            " WHERE a.name = ?", (GOLD,)
        )
    }
    return spans, relations


def changed_at(project: Project, seq: int, annotator: str) -> str | None:
    return project.status(seq, annotator).updated_at


@pytest.fixture
def team(tmp_path: Path) -> Project:
    """Statement 1: amal and badr agree on an ACTOR, a CLAIM and their CLAIMANT; carla has the
    CLAIM with another end and stance. All three marked statements 1 and 2 done; 3 only amal."""
    project = new_project(tmp_path / "team.bayan")
    for who, claim_end, stance in (("amal", 26, "oppose"), ("badr", 26, "oppose"), ("carla", 20, "support")):
        actor = project.add_span(statement=1, annotator=who, label="ACTOR", start=4, end=10, attrs={"role": "person"})
        claim = project.add_span(statement=1, annotator=who, label="CLAIM", start=14, end=claim_end,
                                 attrs={"stance": stance})
        project.add_relation(head=actor.id, tail=claim.id, label="CLAIMANT")
        project.add_span(statement=2, annotator=who, label="ACTOR", start=6, end=13)
        for seq in (1, 2):
            project.set_status(statement=seq, annotator=who, status="done")
    project.add_span(statement=3, annotator="amal", label="ACTOR", start=0, end=4)
    project.set_status(statement=3, annotator="amal", status="done")
    return project


def span_id(project: Project, seq: int, who: str, label: str) -> int:
    return next(s.id for s in project.spans(seq, who) if s.label == label)


# ------------------------------------------------------------------ the lanes


def test_every_lane_of_a_statement_in_one_read(team: Project) -> None:
    reads: list[str] = []
    team.conn.set_trace_callback(reads.append)
    review = statement_review(team, 1)
    team.conn.set_trace_callback(None)
    assert len(reads) == 1 and reads[0].lstrip().startswith("SELECT")
    assert review is not None
    assert review.statement.text == TEXTS[0] and review.statement.seq == 1
    assert review.annotators() == [GOLD, "amal", "badr", "carla"]  # gold on top, always there
    assert review.lane(GOLD).spans == () and review.lane(GOLD).status.status == "todo"
    for who in ("amal", "badr", "carla"):
        lane = review.lane(who)
        assert lane.spans == tuple(team.spans(1, who))  # same rows, attributes and order as the editor's
        assert lane.relations == tuple(team.relations(1, who))
        assert lane.status.status == "done"
    assert review.lane("carla").spans[1].attrs == {"stance": "support"}
    assert review.lane("zaid").spans == ()  # anyone else: an empty lane, not an error
    assert statement_review(team, 99) is None


def test_lanes_asked_for_are_there_even_empty(team: Project) -> None:
    review = statement_review(team, 3, annotators=[GOLD, "badr"])
    assert review is not None
    assert set(review.lanes) == {GOLD, "amal", "badr"}
    assert review.lanes["badr"].spans == () and review.lanes["amal"].spans[0].text == TEXTS[2][0:4]


# -------------------------------------------------------------- copy into gold


def test_copy_writes_gold_with_attributes_and_relations_and_nothing_else(team: Project) -> None:
    before = others_rows(team.path)
    chosen = [s.id for s in team.spans(1, "amal")]
    copy = copy_to_gold(team, chosen)
    assert copy.created
    gold = team.spans(1, GOLD)
    assert [(s.start, s.end, s.label, s.attrs) for s in gold] == [
        (s.start, s.end, s.label, s.attrs) for s in team.spans(1, "amal")
    ]
    assert {s.id for s in gold}.isdisjoint(chosen)  # new rows, new ids
    [relation] = team.relations(1, GOLD)
    by_label = {s.label: s.id for s in gold}
    assert (relation.head, relation.tail, relation.label) == (by_label["ACTOR"], by_label["CLAIM"], "CLAIMANT")
    assert sorted(copy.spans, key=lambda s: s.id) == sorted(gold, key=lambda s: s.id)
    assert copy.relations == (relation,)
    assert copy.gold_of == {span_id(team, 1, "amal", label): by_label[label] for label in ("ACTOR", "CLAIM")}
    assert others_rows(team.path) == before


def test_a_span_gold_has_is_kept_and_a_relation_to_it_comes_along(team: Project) -> None:
    first = copy_to_gold(team, [span_id(team, 1, "amal", "ACTOR")])
    assert len(first.spans) == 1 and first.relations == ()  # the CLAIM is not in gold yet
    gold_actor = first.spans[0].id
    # badr's ACTOR is the same span: not duplicated; badr's CLAIM comes with the CLAIMANT
    # link to the ACTOR gold already has.
    second = copy_to_gold(team, [span_id(team, 1, "badr", "ACTOR"), span_id(team, 1, "badr", "CLAIM")])
    assert [s.label for s in second.spans] == ["CLAIM"]
    assert second.gold_of[span_id(team, 1, "badr", "ACTOR")] == gold_actor
    [relation] = second.relations
    assert (relation.head, relation.tail) == (gold_actor, second.spans[0].id)
    assert len(team.spans(1, GOLD)) == 2 and len(team.relations(1, GOLD)) == 1
    # Everything again: nothing new, nothing to undo.
    again = copy_to_gold(team, [s.id for s in team.spans(1, "badr")])
    assert not again.created and again.spans == () and again.relations == ()


def test_a_span_gold_has_keeps_its_own_attributes(team: Project) -> None:
    copy_to_gold(team, [span_id(team, 1, "carla", "CLAIM")])
    carla_claim = team.spans(1, GOLD)[0]
    assert carla_claim.attrs == {"stance": "support"}
    team.add_span(statement=1, annotator=GOLD, label="ACTOR", start=4, end=10)  # no role
    copy = copy_to_gold(team, [span_id(team, 1, "amal", "ACTOR")])
    assert not copy.spans
    assert next(s for s in team.spans(1, GOLD) if s.label == "ACTOR").attrs == {}


def test_of_two_chosen_spans_alike_the_first_gives_the_attributes(team: Project) -> None:
    # amal's and badr's CLAIM are the same span; carla's differs only in its end.
    team.set_span_attrs(span_id(team, 1, "badr", "CLAIM"), {"stance": "neutral"})
    copy = copy_to_gold(team, [span_id(team, 1, "badr", "CLAIM"), span_id(team, 1, "amal", "CLAIM")])
    [claim] = copy.spans
    assert claim.attrs == {"stance": "neutral"}


def test_copying_nothing_changes_nothing(team: Project) -> None:
    before = dump(team.path)
    assert copy_to_gold(team, []) == GoldCopy() and not GoldCopy().created
    assert dump(team.path) == before and GOLD not in team.annotators()


def test_a_refused_copy_writes_nothing(team: Project) -> None:
    before = others_rows(team.path), gold_rows(team)
    with pytest.raises(EditRefused, match="no span 999"):
        copy_to_gold(team, [span_id(team, 1, "amal", "ACTOR"), 999])
    assert (others_rows(team.path), gold_rows(team)) == before


def test_undo_removes_exactly_what_the_copy_added_and_redo_puts_it_back(team: Project) -> None:
    team.add_span(statement=1, annotator=GOLD, label="ACTOR", start=4, end=10)  # gold's own, kept
    spans_before, relations_before = gold_rows(team)
    others = others_rows(team.path)
    copy = copy_to_gold(team, [s.id for s in team.spans(1, "amal")] + [span_id(team, 2, "carla", "ACTOR")])
    assert len(copy.spans) == 2 and len(copy.relations) == 1  # the CLAIM and statement 2's ACTOR
    after_copy = gold_rows(team)
    remove_gold_copy(team, copy)
    assert gold_rows(team) == (spans_before, relations_before)
    redone = restore_gold_copy(team, copy)
    assert gold_rows(team) == after_copy
    assert redone.spans == copy.spans and redone.relations == copy.relations  # the same ids again
    remove_gold_copy(team, redone)
    assert gold_rows(team) == (spans_before, relations_before)
    assert others_rows(team.path) == others


def test_a_late_undo_never_deletes_a_row_that_took_the_id(team: Project) -> None:
    copy = copy_to_gold(team, [span_id(team, 2, "amal", "ACTOR")])
    remove_gold_copy(team, copy)
    # The next span takes the freed id (the largest + 1); it is amal's, not gold's.
    taken = team.add_span(statement=3, annotator="amal", label="CLAIM", start=5, end=8)
    assert taken.id == copy.spans[0].id
    remove_gold_copy(team, copy)
    assert team.span(taken.id) is not None
    redone = restore_gold_copy(team, copy)  # the old id is taken: a new one
    assert redone.spans[0].id != taken.id and team.spans(2, GOLD)[0].id == redone.spans[0].id


def test_redo_is_refused_when_gold_has_the_span_again(team: Project) -> None:
    copy = copy_to_gold(team, [span_id(team, 2, "amal", "ACTOR")])
    remove_gold_copy(team, copy)
    team.add_span(statement=2, annotator=GOLD, label="ACTOR", start=6, end=13)
    with pytest.raises(EditRefused, match="gold has it again"):
        restore_gold_copy(team, copy)
    assert len(team.spans(2, GOLD)) == 1


def test_gold_status(team: Project) -> None:
    assert set_gold_status(team, 1, "done") == "todo"
    assert team.status(1, GOLD).status == "done"
    assert set_gold_status(team, 1, "done") == "done"  # nothing changed
    with pytest.raises(EditRefused):
        set_gold_status(team, 1, "finished")


def test_review_writes_move_gold_change_times_only(team: Project) -> None:
    others = {(seq, who): changed_at(team, seq, who) for seq in (1, 2, 3) for who in ("amal", "badr", "carla")}
    copy = copy_to_gold(team, [span_id(team, 1, "amal", "ACTOR")])
    first = changed_at(team, 1, GOLD)
    assert first is not None
    for step in (lambda: remove_gold_copy(team, copy), lambda: restore_gold_copy(team, copy),
                 lambda: set_gold_status(team, 1, "done")):
        time.sleep(0.002)
        step()
        later = changed_at(team, 1, GOLD)
        assert later is not None and later > first
        first = later
    assert {(seq, who): changed_at(team, seq, who) for seq, who in others} == others


# ------------------------------------------------------------ majority pre-fill


def test_prefill_takes_what_k_agree_on_with_agreed_attributes(team: Project) -> None:
    before = others_rows(team.path)
    report = prefill_gold(team, annotators=["amal", "badr", "carla"], min_agree=2)
    assert (report.statements, report.touched, report.spans, report.relations) == (2, 2, 3, 1)
    spans, relations = gold_rows(team)
    assert spans == {
        (1, 4, 10, "ACTOR", '{"role": "person"}'),
        (1, 14, 26, "CLAIM", '{"stance": "oppose"}'),  # carla's other CLAIM is one vote
        (2, 6, 13, "ACTOR", ""),
    }  # statement 3: only amal marked it done
    assert relations == {(1, 4, 10, "ACTOR", 14, 26, "CLAIM", "CLAIMANT")}
    assert others_rows(team.path) == before
    again = prefill_gold(team, annotators=["amal", "badr", "carla"], min_agree=2)
    assert (again.touched, again.spans, again.relations) == (0, 0, 0)
    assert gold_rows(team) == (spans, relations)


def test_prefill_with_k_of_all_needs_every_vote(team: Project) -> None:
    report = prefill_gold(team, annotators=["amal", "badr", "carla"], min_agree=3)
    assert (report.spans, report.relations) == (2, 0)  # the ACTORs of 1 and 2; the CLAIMs differ
    assert gold_rows(team)[0] == {(1, 4, 10, "ACTOR", '{"role": "person"}'), (2, 6, 13, "ACTOR", "")}


def test_prefill_moves_the_time_of_gold_records_it_touched_and_no_other(team: Project) -> None:
    team.add_span(statement=3, annotator=GOLD, label="CLAIM", start=5, end=8)
    untouched = changed_at(team, 3, GOLD)
    assert untouched is not None
    others = {(seq, who): changed_at(team, seq, who) for seq in (1, 2, 3) for who in ("amal", "badr", "carla")}
    time.sleep(0.002)
    prefill_gold(team, annotators=["amal", "badr", "carla"], min_agree=2)
    for seq in (1, 2):
        moved = changed_at(team, seq, GOLD)
        assert moved is not None and moved > untouched
        assert team.status(seq, GOLD).status == "todo"  # the reviewer marks done what they settled
    assert changed_at(team, 3, GOLD) == untouched
    assert {(seq, who): changed_at(team, seq, who) for seq, who in others} == others
    # The triggers are back on: a later edit moves the record's time as always.
    time.sleep(0.002)
    team.add_span(statement=3, annotator=GOLD, label="ACTOR", start=0, end=4)
    assert (changed_at(team, 3, GOLD) or "") > untouched


def test_a_tie_between_attribute_values_gives_none(team: Project) -> None:
    team.set_span_attrs(span_id(team, 1, "badr", "CLAIM"), {"stance": "support", "certainty": "high"})
    prefill_gold(team, annotators=["amal", "badr"], min_agree=1)
    claim = next(s for s in team.spans(1, GOLD) if s.label == "CLAIM")
    assert claim.attrs == {"certainty": "high"}  # one vote is enough at K = 1; oppose against support is a tie


def test_a_relation_needs_its_own_k_votes(team: Project) -> None:
    # All three have statement 2's ACTOR; give them all the same CLAIM, and only amal the link.
    for who in ("amal", "badr", "carla"):
        team.add_span(statement=2, annotator=who, label="CLAIM", start=14, end=20)
    team.add_relation(head=span_id(team, 2, "amal", "ACTOR"), tail=span_id(team, 2, "amal", "CLAIM"),
                      label="CLAIMANT")
    prefill_gold(team, annotators=["amal", "badr", "carla"], min_agree=2)
    assert len(team.spans(2, GOLD)) == 2 and team.relations(2, GOLD) == []
    prefill_gold(team, annotators=["amal", "badr", "carla"], min_agree=1)
    assert len(team.relations(2, GOLD)) == 1


def test_prefill_refuses_a_bad_choice(team: Project) -> None:
    before = gold_rows(team), others_rows(team.path)
    for annotators, k, message in (
        (["amal", "badr"], 0, "between 1 and 2"),
        (["amal", "badr"], 3, "between 1 and 2"),
        (["amal"], 1, "two annotators or more"),
        (["amal", GOLD], 1, "cannot be one of the annotators"),
        (["amal", "zaid"], 1, "no annotator 'zaid'"),
        (["amal", "amal"], 1, "once"),
    ):
        with pytest.raises(EditRefused, match=message):
            prefill_gold(team, annotators=annotators, min_agree=k)
    assert (gold_rows(team), others_rows(team.path)) == before
    assert GOLD not in team.annotators()


def test_a_prefill_that_adds_nothing_makes_no_gold(tmp_path: Path) -> None:
    with new_project(tmp_path / "p.bayan") as project:
        for who, start in (("amal", 0), ("badr", 1)):
            project.add_span(statement=1, annotator=who, label="ACTOR", start=start, end=4)
            project.set_status(statement=1, annotator=who, status="done")
        report = prefill_gold(project, annotators=["amal", "badr"], min_agree=2)
        assert (report.statements, report.touched, report.spans, report.relations) == (1, 0, 0, 0)
        assert GOLD not in project.annotators()


def test_prefill_of_one_statement_returns_what_undo_removes(team: Project) -> None:
    before = gold_rows(team)
    copy = prefill_statement(team, 1, annotators=["amal", "badr", "carla"], min_agree=2)
    assert isinstance(copy, GoldCopy) and len(copy.spans) == 2 and len(copy.relations) == 1
    assert {(s.start, s.end, s.label) for s in copy.spans} == {(4, 10, "ACTOR"), (14, 26, "CLAIM")}
    assert gold_rows(team)[0] == {(1, 4, 10, "ACTOR", '{"role": "person"}'), (1, 14, 26, "CLAIM",
                                                                             '{"stance": "oppose"}')}
    assert team.spans(2, GOLD) == []  # only the statement asked for
    remove_gold_copy(team, copy)
    assert gold_rows(team) == before
    with pytest.raises(EditRefused, match="badr, carla did not"):
        prefill_statement(team, 3, annotators=["amal", "badr", "carla"], min_agree=1)
    with pytest.raises(EditRefused, match="no statement 9"):
        prefill_statement(team, 9, annotators=["amal", "badr", "carla"], min_agree=1)


# The brute-force oracle: counts in Python over what each annotator did.

# Few keys, so that annotators often make the same span (and the same link).
KEYS = [(start, end, label) for start in range(3) for end in range(start + 1, start + 3)
        for label in ("ACTOR", "CLAIM")]
VALUES = {"ACTOR": {"role": ["state", "person"]}, "CLAIM": {"stance": ["support", "oppose"], "certainty": ["high"]}}
WHO = ["amal", "badr", "carla", "dina"]


@st.composite
def attrs_for(draw: st.DrawFn, label: str) -> dict[str, str]:
    return {name: draw(st.sampled_from(values)) for name, values in VALUES[label].items() if draw(st.booleans())}


@st.composite
def records(draw: st.DrawFn) -> dict[tuple[str, int], Any]:
    """Per statement (1..3) and annotator: done or not, spans with attributes, CLAIMANT links."""
    out: dict[tuple[str, int], Any] = {}
    for who in [*WHO, GOLD]:
        for seq in (1, 2, 3):
            keys = draw(st.lists(st.sampled_from(KEYS), unique=True, max_size=5))
            spans = {key: draw(attrs_for(key[2])) for key in keys}
            actors = [k for k in keys if k[2] == "ACTOR"]
            claims = [k for k in keys if k[2] == "CLAIM"]
            links = set()
            if actors and claims:
                links = set(draw(st.lists(st.tuples(st.sampled_from(actors), st.sampled_from(claims)), max_size=3)))
            # Mostly done: a statement counts only when every chosen annotator marked it done.
            done = draw(st.sampled_from([True, True, True, False]))
            out[who, seq] = {"done": done or who == GOLD, "spans": spans, "links": links}
    return out


def expected_gold(work: dict[tuple[str, int], Any], chosen: list[str], k: int) -> tuple[set[Any], set[Any]]:
    spans = {(seq, *key, _attrs_text(attrs)) for (who, seq), rec in work.items() if who == GOLD
             for key, attrs in rec["spans"].items()}
    relations = {(seq, *h, *t, "CLAIMANT") for (who, seq), rec in work.items() if who == GOLD for h, t in rec["links"]}
    gold_keys = {(seq, key) for (who, seq), rec in work.items() if who == GOLD for key in rec["spans"]}
    for seq in (1, 2, 3):
        if not all(work[who, seq]["done"] for who in chosen):
            continue
        votes = Counter(key for who in chosen for key in work[who, seq]["spans"])
        for key, n in votes.items():
            if n < k or (seq, key) in gold_keys:
                continue
            agreed = {}
            for name in VALUES[key[2]]:
                values = Counter(work[who, seq]["spans"][key][name] for who in chosen
                                 if key in work[who, seq]["spans"] and name in work[who, seq]["spans"][key])
                ranked = values.most_common()
                if ranked and ranked[0][1] >= k and (len(ranked) == 1 or ranked[1][1] < ranked[0][1]):
                    agreed[name] = ranked[0][0]
            spans.add((seq, *key, _attrs_text(agreed)))
        links = Counter(link for who in chosen for link in work[who, seq]["links"])
        relations |= {(seq, *h, *t, "CLAIMANT") for (h, t), n in links.items() if n >= k}
    return spans, relations


def _attrs_text(attrs: dict[str, str]) -> str:
    return json.dumps(attrs, ensure_ascii=False) if attrs else ""


def normalized(rows: tuple[set[Any], set[Any]]) -> tuple[set[Any], set[Any]]:
    """Attributes as sorted (name, value) pairs: the same attributes whatever order they were written in."""
    spans, relations = rows
    return {(*row[:4], tuple(sorted(json.loads(row[4] or "{}").items()))) for row in spans}, relations


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(work=records(), data=st.data())
def test_prefill_equals_a_brute_force_count(work: dict[tuple[str, int], Any], data: st.DataObject) -> None:
    chosen = data.draw(st.lists(st.sampled_from(WHO), min_size=2, unique=True), label="annotators")
    k = data.draw(st.integers(1, len(chosen)), label="k")
    texts = ["نص أول للاختبار", "ثاني 😀 هنا", "ثالث"]  # the last one is shorter than some keys' ends
    with tempfile.TemporaryDirectory() as folder, new_project(Path(folder) / "p.bayan", texts) as project:
        for who in WHO:
            project.annotator_id(who)  # in the project, even with nothing done
        for (who, seq), rec in work.items():
            ids = {}
            for (start, end, label), attrs in sorted(rec["spans"].items()):
                if end > len(project.statement(seq).text):  # type: ignore[union-attr]
                    continue
                ids[start, end, label] = project.add_span(statement=seq, annotator=who, label=label, start=start,
                                                          end=end, attrs=attrs or None).id
            rec["spans"] = {key: attrs for key, attrs in rec["spans"].items() if key in ids}
            rec["links"] = {(h, t) for h, t in rec["links"] if h in ids and t in ids}
            for h, t in rec["links"]:
                project.add_relation(head=ids[h], tail=ids[t], label="CLAIMANT")
            project.set_status(statement=seq, annotator=who, status="done" if rec["done"] else "todo")
        before = others_rows(project.path)
        expected = expected_gold(work, chosen, k)
        gold_before = gold_rows(project)
        last = project.conn.execute("SELECT coalesce(max(id), 0) FROM spans").fetchone()[0]
        report = prefill_gold(project, annotators=chosen, min_agree=k)
        # Attributes stored as store.project writes them (json.dumps), names in order.
        for (attrs,) in project.conn.execute("SELECT attrs FROM spans WHERE id > ? AND attrs IS NOT NULL", (last,)):
            assert attrs == json.dumps(dict(sorted(json.loads(attrs).items())), ensure_ascii=False)
        assert normalized(gold_rows(project)) == normalized(expected)
        assert report.spans == len(expected[0]) - len(gold_before[0])
        assert report.relations == len(expected[1]) - len(gold_before[1])
        assert others_rows(project.path) == before
        again = prefill_gold(project, annotators=chosen, min_agree=k)
        assert (again.spans, again.relations, again.touched) == (0, 0, 0)
        assert normalized(gold_rows(project)) == normalized(expected)
