"""The actor–claim network: GraphML (`network`) and an edge list (`network-csv`).

Nodes are the spans' texts, typed by label (`ACTOR`, `CLAIM`): spans whose texts are the
same after Arabic search normalization (harakat, tatweel, alef forms, ة/ى folded; spaces
collapsed) are one node, shown with the first form seen. Edges are the relations
(`CLAIMANT`: actor → claim), one per (head, tail, relation type), with

- `weight`: the number of statements in which the link is made (several annotators
  making it in one statement count once; export one annotator, or `gold`, with
  `--annotator` for one person's network);
- for each attribute of the tail label (`stance`): its value when every statement agrees,
  `mixed` when they differ, empty when never set; and `stance_support`, `stance_oppose`, …:
  the number of statements with that value.

Nodes carry `type`, `text` and `statements` (the number of statements naming them).
Node ids (`n1`, `n2`, …) and edge ids (`e1`, …) follow first appearance in statement
order. Gephi, networkx, igraph and R read both files.

The writers here are pure: they stream `Node`s and `Edge`s, already aggregated, in id
order. A project is aggregated in SQL (store/network.py), so memory stays flat however
large the network; `build_network` aggregates a few records in memory (the same rules,
for codecs and tests that hold records rather than a project).
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import TextIO
from xml.sax.saxutils import escape, quoteattr

from core.model import Record
from core.normalize import normalize
from core.schema import Schema

MIXED = "mixed"
# What XML 1.0 cannot hold: C0 controls but tab, newline and CR; surrogates; U+FFFE, U+FFFF.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")

# normalize() folds per character; what it changes in the Arabic block, as one
# str.translate table (node_key runs once per span of a project).
_TRANSLATE: dict[int, str] = {
    c: normalize(chr(c)) for c in range(0x0600, 0x0700) if normalize(chr(c)) != chr(c)
}


@dataclass(slots=True)
class Node:
    id: str
    label: str
    text: str
    statements: int = 0


@dataclass(slots=True)
class Edge:
    id: str
    head: Node
    tail: Node
    relation: str
    weight: int = 0
    # attribute name -> value -> number of statements with that value
    values: dict[str, dict[str, int]] = field(default_factory=dict)


@dataclass(slots=True)
class Network:
    nodes: dict[tuple[str, str], Node] = field(default_factory=dict)
    edges: dict[tuple[str, str, str], Edge] = field(default_factory=dict)
    records: int = 0


def node_key(text: str) -> str:
    """The text part of a node's identity: `normalize(text)` with whitespace collapsed."""
    folded = text.translate(_TRANSLATE)
    # str.lower is per character except for final sigma; normalize lowers per character.
    lowered = folded.lower() if "\u03a3" not in folded else normalize(folded)
    return " ".join(lowered.split())


def node_text(text: str) -> str:
    """How a node shows its first span's text: whitespace collapsed."""
    return " ".join(text.split())


def build_network(records: Iterable[Record]) -> Network:
    """Aggregate records (in statement order) into nodes and weighted edges, in memory."""
    net = Network()
    statement: tuple[str | None, str] | None = None
    seen_nodes: set[tuple[str, str]] = set()
    seen_edges: dict[tuple[str, str, str], set[tuple[str, str]]] = {}

    def close_statement() -> None:
        for key in seen_nodes:
            net.nodes[key].statements += 1
        for edge_key, values in seen_edges.items():
            edge = net.edges[edge_key]
            edge.weight += 1
            for name, value in values:
                counts = edge.values.setdefault(name, {})
                counts[value] = counts.get(value, 0) + 1
        seen_nodes.clear()
        seen_edges.clear()

    for record in records:
        net.records += 1
        current = (record.id, record.text)
        if current != statement:
            close_statement()
            statement = current
        nodes_by_span: dict[str, tuple[str, str]] = {}
        attrs_by_span: dict[str, dict[str, str]] = {}
        for span in record.spans:
            key = (span.label, node_key(span.text))
            if key not in net.nodes:
                net.nodes[key] = Node(f"n{len(net.nodes) + 1}", span.label, node_text(span.text))
            seen_nodes.add(key)
            nodes_by_span[span.id] = key
            attrs_by_span[span.id] = span.attrs
        for rel in record.relations:
            head_node, tail_node = net.nodes[nodes_by_span[rel.head]], net.nodes[nodes_by_span[rel.tail]]
            edge_key = (head_node.id, tail_node.id, rel.label)
            if edge_key not in net.edges:
                net.edges[edge_key] = Edge(f"e{len(net.edges) + 1}", head_node, tail_node, rel.label)
            seen_edges.setdefault(edge_key, set()).update(attrs_by_span[rel.tail].items())
    close_statement()
    return net


def _edge_attributes(schema: Schema) -> list[tuple[str, tuple[str, ...]]]:
    """(name, values) of the attributes of relation tails, in schema order, once each."""
    out: dict[str, list[str]] = {}
    tails = dict.fromkeys(to for rel in schema.relations for _, to in rel.pairs)
    for name in tails:
        label = schema.label(name)
        for attribute in label.attributes if label is not None else ():
            values = out.setdefault(attribute.name, [])
            values.extend(v for v in attribute.values if v not in values)
    return [(name, tuple(values)) for name, values in out.items()]


def _summary(edge: Edge, name: str) -> str:
    counts = edge.values.get(name, {})
    if not counts:
        return ""
    return next(iter(counts)) if len(counts) == 1 else MIXED


def _xml_text(value: str) -> str:
    """Text XML 1.0 can hold: control characters other than tab and newline become U+FFFD."""
    return _NOT_XML.sub("\ufffd", value)


def _graphml(nodes: Iterable[Node], edges: Iterable[Edge], schema: Schema) -> Iterator[str]:
    attributes = _edge_attributes(schema)
    yield '<?xml version="1.0" encoding="UTF-8"?>\n'
    yield (
        '<graphml xmlns="http://graphml.graphdrawing.org/xmlns"'
        ' xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"'
        ' xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns'
        ' http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">\n'
    )
    yield '  <key id="type" for="node" attr.name="type" attr.type="string"/>\n'
    yield '  <key id="text" for="node" attr.name="text" attr.type="string"/>\n'
    yield '  <key id="statements" for="node" attr.name="statements" attr.type="int"/>\n'
    yield '  <key id="relation" for="edge" attr.name="relation" attr.type="string"/>\n'
    yield '  <key id="weight" for="edge" attr.name="weight" attr.type="int"/>\n'
    keys: list[tuple[str, str, str | None]] = []
    for name, values in attributes:
        keys.append((f"a{len(keys)}", name, None))
        keys += [(f"a{len(keys) + i}", f"{name}_{value}", value) for i, value in enumerate(values)]
    for key, name, _ in keys:
        kind = "string" if _ is None else "int"
        yield f'  <key id="{key}" for="edge" attr.name={quoteattr(_xml_text(name))} attr.type="{kind}"/>\n'
    yield '  <graph id="G" edgedefault="directed">\n'
    for node in nodes:
        yield (
            f'    <node id="{node.id}"><data key="type">{escape(_xml_text(node.label))}</data>'
            f'<data key="text">{escape(_xml_text(node.text))}</data>'
            f'<data key="statements">{node.statements}</data></node>\n'
        )
    for edge in edges:
        data = [
            f'<data key="relation">{escape(_xml_text(edge.relation))}</data>',
            f'<data key="weight">{edge.weight}</data>',
        ]
        attribute = ""
        for key, name, value in keys:
            if value is None:
                attribute = name
                summary = _summary(edge, name)
                if summary:
                    data.append(f'<data key="{key}">{escape(_xml_text(summary))}</data>')
            else:
                data.append(f'<data key="{key}">{edge.values.get(attribute, {}).get(value, 0)}</data>')
        yield f'    <edge id="{edge.id}" source="{edge.head.id}" target="{edge.tail.id}">{"".join(data)}</edge>\n'
    yield "  </graph>\n</graphml>\n"


def write_graphml(nodes: Iterable[Node], edges: Iterable[Edge], out: TextIO, schema: Schema) -> None:
    """The network as GraphML: every node, then every edge (edges may name only listed nodes)."""
    out.writelines(_graphml(nodes, edges, schema))


# What makes a spreadsheet (Excel, LibreOffice, Google Sheets) read a cell as a formula,
# per OWASP's CSV injection guidance: =, +, -, @, and tab or carriage return before them.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def csv_cell(value: str) -> str:
    """A text cell that a spreadsheet shows as text: one starting like a formula gets a leading '.

    OWASP's CSV injection guidance: prefix such a cell with a single quote (and keep the
    usual CSV quoting, which csv.writer does). Span texts come from imported files, so a
    claim such as `=HYPERLINK(…)` is someone's input, not a formula of ours.
    """
    return "'" + value if value.startswith(_FORMULA_START) else value


def write_edge_csv(nodes: Iterable[Node], edges: Iterable[Edge], out: TextIO, schema: Schema) -> None:
    """The network's edges as CSV (Source, Target, Type, Weight, …); `nodes` is not read.

    Every text cell goes through `csv_cell`; the numbers Bayan counts (weights, counts per
    value) are written as numbers.
    """
    attributes = _edge_attributes(schema)
    header = ["Source", "Target", "Type", "Weight", "Relation", "SourceType", "TargetType"]
    for name, values in attributes:
        header += [name, *(f"{name}_{value}" for value in values)]
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow([csv_cell(name) for name in header])
    for edge in edges:
        row: list[str | int] = [
            csv_cell(edge.head.text),
            csv_cell(edge.tail.text),
            "Directed",
            edge.weight,
            csv_cell(edge.relation),
            csv_cell(edge.head.label),
            csv_cell(edge.tail.label),
        ]
        for name, values in attributes:
            counts = edge.values.get(name, {})
            row += [csv_cell(_summary(edge, name)), *(counts.get(value, 0) for value in values)]
        writer.writerow(row)


def write_network(records: Iterable[Record], out: TextIO, schema: Schema) -> int:
    """GraphML of records aggregated in memory; returns how many records went into it."""
    net = build_network(records)
    write_graphml(net.nodes.values(), net.edges.values(), out, schema)
    return net.records


def write_network_csv(records: Iterable[Record], out: TextIO, schema: Schema) -> int:
    """The edge list of records aggregated in memory; returns how many records were read."""
    net = build_network(records)
    write_edge_csv(net.nodes.values(), net.edges.values(), out, schema)
    return net.records
