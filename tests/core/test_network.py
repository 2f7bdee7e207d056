"""The network's pure parts: node identity and the node/edge writers."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator

import networkx
import pytest
from hypothesis import given
from hypothesis import strategies as st

from core.formats.network import Edge, Node, node_key, write_edge_csv, write_graphml
from core.normalize import normalize
from core.paths import DEFAULT_SCHEMA
from core.schema import Schema, load_schema

# Arabic letters and marks, the forms normalize folds, whitespace, and case oddities (final sigma, İ, ẞ).
ALPHABET = st.sampled_from(
    [chr(c) for c in range(0x0600, 0x0700)] + list("aAZΣσΑİẞß \t\n\u00a0\u2028") + ["\u0640", "😀"]
)


@pytest.fixture(scope="module")
def schema() -> Schema:
    return load_schema(DEFAULT_SCHEMA)


@given(st.text(ALPHABET, max_size=16))
def test_node_key_is_normalize_with_spaces_collapsed(text: str) -> None:
    assert node_key(text) == " ".join(normalize(text).split())


def test_node_key_merges_spelling_variants() -> None:
    assert node_key("الإئتلافُ  الوطنيّ") == node_key("الائتلاف الوطني") != node_key("الائتلاف")
    assert node_key("اللجنة") == node_key("اللجنه") and node_key("ΟΔΟΣ") == "οδοσ"


def test_writers_stream_given_nodes_and_edges(schema: Schema) -> None:
    actor = Node("n1", "ACTOR", "روسيا", 3)
    claim = Node("n2", "CLAIM", 'رفض <"القرار"> & \x01', 2)
    edges = [
        Edge("e1", actor, claim, "CLAIMANT", 2, {"stance": {"oppose": 1, "support": 1}}),
        Edge("e2", claim, actor, "CLAIMANT", 1, {"stance": {"neutral": 1}}),
        Edge("e3", actor, actor, "CLAIMANT", 4),
    ]
    out = io.StringIO()
    # Iterators, not lists: a writer reads each once.
    write_graphml(iter([actor, claim]), iter(edges), out, schema)
    graph = networkx.read_graphml(io.StringIO(out.getvalue()))
    assert graph.nodes["n2"]["text"] == 'رفض <"القرار"> & \ufffd' and graph.nodes["n1"]["statements"] == 3
    e1 = graph.edges["n1", "n2"]
    assert (e1["weight"], e1["stance"], e1["stance_oppose"], e1["stance_support"]) == (2, "mixed", 1, 1)
    assert graph.edges["n2", "n1"]["stance"] == "neutral" and "stance" not in graph.edges["n1", "n1"]
    rows = list(csv.reader(io.StringIO(_csv(edges, schema))))
    assert rows[0] == ["Source", "Target", "Type", "Weight", "Relation", "SourceType", "TargetType",
                       "stance", "stance_support", "stance_oppose", "stance_neutral"]
    assert rows[1] == ["روسيا", claim.text, "Directed", "2", "CLAIMANT", "ACTOR", "CLAIM", "mixed", "1", "1", "0"]
    assert rows[3][3:] == ["4", "CLAIMANT", "ACTOR", "ACTOR", "", "0", "0", "0"]


def _csv(edges: list[Edge], schema: Schema) -> str:
    out = io.StringIO()
    write_edge_csv(_unread_nodes(), iter(edges), out, schema)
    return out.getvalue()


def _unread_nodes() -> Iterator[Node]:
    raise AssertionError("the edge list does not read nodes")
    yield  # a generator: fails only if iterated
