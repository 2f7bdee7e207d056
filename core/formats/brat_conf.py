"""brat's `annotation.conf`: the types a collection declares, and the schema they widen.

brat reads the file in four sections (server/src/projectconfig.py):

```
[entities]        one type per line; indentation nests a type under the line above it
[relations]       Type  Arg1:A|B, Arg2:<ENTITY>[, <REL-TYPE>:symmetric-transitive]
[events]          Type  Role:A|B, Role?:C …   (the trigger is a text-bound annotation)
[attributes]      Name  Arg:A|<EVENT>[, Value:v1|v2]   (no Value: a binary attribute)
```

`#` starts a comment line, a line of hyphens separates types on screen, `<NAME>=A|B`
defines a macro used as `<NAME>` further on, a `!` before a type makes it a grouping that
cannot be annotated, and a type may carry aliases (`Type|Alias`: the first is stored).
Types and their arguments are separated by a tab or spaces (brat's own tutorials use
both). `<ENTITY>`, `<EVENT>` and `<ANY>` stand for every entity type, every event type, or
both; an argument naming a grouping stands for the types under it.

What Bayan takes from it (under --add-labels, before the documents):
- every entity and event type that can be annotated becomes a label (an event's trigger
  is a text-bound span, imported as a span of that label; the event itself is not);
- every relation type becomes a relation type with each (Arg1, Arg2) pair of types it
  allows; `<OVERLAP>` lines (brat's overlap rules) are not read: Bayan's labels keep
  their own overlap rule;
- every attribute becomes an attribute of each label it may be given to, with its
  values (a binary attribute has the one value `true`, as the .ann reader gives it).
  Attributes of relations (`Arg:<RELATION>`) have no place in Bayan and are not read.
A type whose name Bayan cannot hold (names are ASCII letters, digits, `_` and `-`) is
passed over here; a document that uses it is refused by the import with its line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from core.errors import InputError
from core.schema import Attribute, RelationType, Schema, is_valid_name, is_valid_value

_SECTIONS = ("entities", "relations", "events", "attributes")
_MACRO = re.compile(r"^<([a-zA-Z_-]+)>=\s*(.*?)\s*$")
_SEPARATOR = re.compile(r"^\s*-+\s*$")
# A role's repetition marks: `Theme?`, `Org-Arg+`, `Person-Arg{2}`.
_ROLE_MARKS = re.compile(r"(\{[0-9,-]+\}|[?*+])$")
_WILDCARDS = ("<ENTITY>", "<EVENT>", "<ANY>")


@dataclass(slots=True)
class _Type:
    name: str
    abstract: bool
    args: list[tuple[str, list[str]]]  # (role, types) in the line's order
    children: list[_Type] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class BratConf:
    """The types one annotation.conf declares, wildcards and groupings expanded."""

    file: str
    labels: tuple[str, ...]  # entity types, then event types (their triggers), that can be annotated
    relations: tuple[tuple[str, tuple[tuple[str, str], ...]], ...]  # (type, its (Arg1, Arg2) pairs)
    attributes: tuple[tuple[str, tuple[str, ...], tuple[str, ...]], ...]  # (name, labels, values)

    def widen(self, schema: Schema) -> Schema:
        """`schema` with the labels, relation pairs and attributes declared here that it lacks."""
        for name in self.labels:
            if schema.label(name) is None:
                schema = schema.with_label(name)
        relations = list(schema.relations)
        known = {lab.name for lab in schema.labels}
        for name, pairs in self.relations:
            usable = tuple(p for p in pairs if p[0] in known and p[1] in known)
            if not usable:
                continue
            mine = next((r for r in relations if r.name == name), None)
            if mine is None:
                relations.append(RelationType(name, *usable[0], pairs=usable))
            elif not set(usable) <= set(mine.pairs):
                relations[relations.index(mine)] = mine.with_pairs(usable)
        labels = list(schema.labels)
        for name, targets, values in self.attributes:
            for i, label in enumerate(labels):
                if label.name not in targets:
                    continue
                attribute = label.attribute(name)
                if attribute is None:
                    labels[i] = replace(label, attributes=(*label.attributes, Attribute(name, values)))
                elif missing := tuple(v for v in values if v not in attribute.values):
                    wider = replace(attribute, values=attribute.values + missing)
                    labels[i] = replace(label, attributes=tuple(
                        wider if a.name == name else a for a in label.attributes
                    ))
        return replace(schema, labels=tuple(labels), relations=tuple(relations))


def parse_annotation_conf(text: str, file: str) -> BratConf:
    """Read an annotation.conf; InputError (file, line, reason) where brat could not read it either."""
    sections: dict[str, list[_Type]] = {name: [] for name in _SECTIONS}
    macros: dict[str, str] = {}
    section: str | None = None
    last_at_depth: dict[int, _Type] = {}
    for number, raw in enumerate(text.splitlines(), 1):
        line = raw.rstrip()
        stripped = line.strip()
        if not stripped or stripped.startswith("#") or _SEPARATOR.match(line):
            continue
        if stripped.startswith("[") and stripped.endswith("]"):
            name = stripped[1:-1].strip()
            # Sections brat has no use for here (or knows only in visual.conf) are skipped whole.
            section = name if name in sections else None
            last_at_depth = {}
            continue
        macro = _MACRO.match(stripped)
        if macro:
            macros[f"<{macro.group(1)}>"] = macro.group(2)
            continue
        if section is None:
            continue
        for macro_name, value in macros.items():
            line = line.replace(macro_name, value)
        depth = len(line) - len(line.lstrip())
        head, _, rest = line.strip().partition("\t")
        if not rest:
            head, _, rest = head.partition(" ")
        terms = [t.strip() for t in head.split("|") if t.strip()]
        if not terms:
            continue
        args: list[tuple[str, list[str]]] = []
        for arg in (a.strip() for a in rest.split(",")):
            if not arg:
                continue
            role, colon, types = arg.partition(":")
            if not colon or not role.strip() or not types.strip():
                raise InputError(file, number, f"argument {arg!r} is not ROLE:TYPE")
            args.append((_ROLE_MARKS.sub("", role.strip()), [t.strip() for t in types.split("|") if t.strip()]))
        abstract = terms[0].startswith("!")
        node = _Type(terms[0].lstrip("!"), abstract, args)
        if depth == 0:
            sections[section].append(node)
            last_at_depth = {0: node}
        else:
            parent = max((d for d in last_at_depth if d < depth), default=None)
            if parent is None:
                raise InputError(file, number, f"{node.name} is indented but has no type above it")
            last_at_depth[parent].children.append(node)
            last_at_depth = {d: t for d, t in last_at_depth.items() if d <= parent}
            last_at_depth[depth] = node
    return _conf(file, sections)


def _flat(nodes: list[_Type]) -> list[_Type]:
    out: list[_Type] = []
    for node in nodes:
        out.append(node)
        out += _flat(node.children)
    return out


def _conf(file: str, sections: dict[str, list[_Type]]) -> BratConf:
    entities = [t for t in _flat(sections["entities"]) if not t.abstract and is_valid_name(t.name)]
    events = [t for t in _flat(sections["events"]) if not t.abstract and is_valid_name(t.name)]
    entity_names = [t.name for t in entities]
    event_names = [t.name for t in events]
    groups = {t.name: t for section in ("entities", "events") for t in _flat(sections[section])}

    def expand(types: list[str]) -> list[str]:
        out: list[str] = []
        for name in types:
            if name == "<ENTITY>":
                out += entity_names
            elif name == "<EVENT>":
                out += event_names
            elif name == "<ANY>":
                out += entity_names + event_names
            elif name in groups:
                out += [t.name for t in _flat([groups[name]]) if not t.abstract and is_valid_name(t.name)]
        return list(dict.fromkeys(out))

    # A type on several lines (BioNLP-ST_2011_REL's ENTITY-NESTING) allows the pairs of each.
    relations: dict[str, list[tuple[str, str]]] = {}
    for rel in _flat(sections["relations"]):
        if rel.abstract or rel.name.startswith("<") or not is_valid_name(rel.name):
            continue  # <OVERLAP> and other rules, groupings
        roles = dict(rel.args)
        starts, ends = expand(roles.get("Arg1", [])), expand(roles.get("Arg2", []))
        pairs = [(a, b) for a in starts for b in ends]
        if pairs:
            known = relations.setdefault(rel.name, [])
            known += [p for p in pairs if p not in known]
    attributes: list[tuple[str, tuple[str, ...], tuple[str, ...]]] = []
    for attribute in _flat(sections["attributes"]):
        if attribute.abstract or not is_valid_name(attribute.name):
            continue
        roles = dict(attribute.args)
        targets = expand(roles.get("Arg", []))
        values = tuple(v for v in roles.get("Value", ["true"]) if is_valid_value(v))
        if targets and values:
            attributes.append((attribute.name, tuple(targets), values))
    return BratConf(
        file, tuple(dict.fromkeys(entity_names + event_names)),
        tuple((name, tuple(pairs)) for name, pairs in relations.items()), tuple(attributes),
    )
