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
Gephi, networkx, igraph and R read both files. Aggregation keeps one entry per distinct
node and edge, so memory grows with the size of the network, not with the number of
statements; the file is written when all records have been read.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import TextIO
from xml.sax.saxutils import escape, quoteattr

from core.model import Record
from core.normalize import normalize
from core.schema import Schema

MIXED = "mixed"


@dataclass(slots=True)
class _Node:
    id: str
    label: str
    text: str
    statements: int = 0


@dataclass(slots=True)
class _Edge:
    head: _Node
    tail: _Node
    relation: str
    weight: int = 0
    values: dict[str, dict[str, int]] = field(default_factory=dict)


@dataclass(slots=True)
class Network:
    nodes: dict[tuple[str, str], _Node] = field(default_factory=dict)
    edges: dict[tuple[str, str, str], _Edge] = field(default_factory=dict)
    records: int = 0


def _node_key(label: str, text: str) -> tuple[str, str]:
    return label, " ".join(normalize(text).split())


def build_network(records: Iterable[Record]) -> Network:
    """Aggregate records (in statement order) into nodes and weighted edges."""
    net = Network()
    statement: tuple[str | None, str] | None = None
    seen_nodes: set[tuple[str, str]] = set()
    seen_edges: dict[tuple[str, str, str], set[tuple[str, str]]] = {}

    def close_statement() -> None:
        for node_key in seen_nodes:
            net.nodes[node_key].statements += 1
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
            key = _node_key(span.label, span.text)
            if key not in net.nodes:
                net.nodes[key] = _Node(f"n{len(net.nodes) + 1}", span.label, " ".join(span.text.split()))
            seen_nodes.add(key)
            nodes_by_span[span.id] = key
            attrs_by_span[span.id] = span.attrs
        for rel in record.relations:
            head, tail = nodes_by_span[rel.head], nodes_by_span[rel.tail]
            head_node, tail_node = net.nodes[head], net.nodes[tail]
            edge_key = (head_node.id, tail_node.id, rel.label)
            if edge_key not in net.edges:
                net.edges[edge_key] = _Edge(head_node, tail_node, rel.label)
            seen_edges.setdefault(edge_key, set()).update(attrs_by_span[rel.tail].items())
    close_statement()
    return net


def _edge_attributes(schema: Schema) -> list[tuple[str, tuple[str, ...]]]:
    """(name, values) of the attributes of relation tails, in schema order, once each."""
    out: dict[str, list[str]] = {}
    for rel in schema.relations:
        label = schema.label(rel.to_label)
        for attribute in label.attributes if label is not None else ():
            values = out.setdefault(attribute.name, [])
            values.extend(v for v in attribute.values if v not in values)
    return [(name, tuple(values)) for name, values in out.items()]


def _summary(edge: _Edge, name: str) -> str:
    counts = edge.values.get(name, {})
    if not counts:
        return ""
    return next(iter(counts)) if len(counts) == 1 else MIXED


def _xml_text(value: str) -> str:
    """Text XML 1.0 can hold: control characters other than tab and newline become U+FFFD."""
    return "".join(
        "\ufffd" if (ord(ch) < 0x20 and ch not in "\t\n\r") or 0xD800 <= ord(ch) <= 0xDFFF or ch in "\ufffe\uffff"
        else ch
        for ch in value
    )


def _graphml(net: Network, schema: Schema) -> Iterator[str]:
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
    for node in net.nodes.values():
        yield (
            f'    <node id="{node.id}"><data key="type">{escape(_xml_text(node.label))}</data>'
            f'<data key="text">{escape(_xml_text(node.text))}</data>'
            f'<data key="statements">{node.statements}</data></node>\n'
        )
    for n, edge in enumerate(net.edges.values(), 1):
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
        yield f'    <edge id="e{n}" source="{edge.head.id}" target="{edge.tail.id}">{"".join(data)}</edge>\n'
    yield "  </graph>\n</graphml>\n"


def write_network(records: Iterable[Record], out: TextIO, schema: Schema) -> int:
    """The network as GraphML; returns how many records went into it."""
    net = build_network(records)
    out.writelines(_graphml(net, schema))
    return net.records


def write_network_csv(records: Iterable[Record], out: TextIO, schema: Schema) -> int:
    """The network's edges as CSV (Source, Target, Type, Weight, …); returns records read."""
    net = build_network(records)
    attributes = _edge_attributes(schema)
    header = ["Source", "Target", "Type", "Weight", "Relation", "SourceType", "TargetType"]
    for name, values in attributes:
        header += [name, *(f"{name}_{value}" for value in values)]
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(header)
    for edge in net.edges.values():
        row: list[str | int] = [
            edge.head.text,
            edge.tail.text,
            "Directed",
            edge.weight,
            edge.relation,
            edge.head.label,
            edge.tail.label,
        ]
        for name, values in attributes:
            counts = edge.values.get(name, {})
            row += [_summary(edge, name), *(counts.get(value, 0) for value in values)]
        writer.writerow(row)
    return net.records
