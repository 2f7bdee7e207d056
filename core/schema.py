"""The annotation schema: span labels (with attributes) and relation types."""

from __future__ import annotations

import re
import stat
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from core.errors import InputError
from core.formats.lines import JSONRefused, parse_json

_COLOR = re.compile(r"^#[0-9a-fA-F]{6}$")
_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_\-]*")
# Colors given to labels added on the fly (`--add-labels`), distinct from the defaults.
_SPARE_COLORS = ("#8e24aa", "#43a047", "#e53935", "#00897b", "#6d4c41", "#5e35b1", "#fb8c00")


# Letters the annotator's editor uses itself: a label may not take them as its key.
RESERVED_KEYS = {"r": "relations", "b": "moving a span's boundaries"}

# What one annotator's spans of a label may do to each other (`"overlap"` of a label):
# `allow` any overlap; `nested` one inside another (an ACTOR inside a longer ACTOR) but
# not crossing; `warn` any, with a warning when one is made; `refuse` none.
OVERLAP_RULES = ("allow", "nested", "warn", "refuse")
DEFAULT_OVERLAP = "allow"
# When snapping leaves a label's proclitics out (`"proclitics": {"when": …}`): only before
# the article «ال» (والحكومة → الحكومة, where the letter cannot be the word's own), or always.
PROCLITIC_WHEN = ("before-article", "always")
# Whether Ctrl+Return may mark a statement with no spans done: ask the annotator, allow, refuse.
EMPTY_DONE_RULES = ("ask", "allow", "refuse")
DEFAULT_EMPTY_DONE = "ask"
# The letters a proclitics list may hold: the Arabic one-letter proclitics.
PROCLITIC_LETTERS = frozenset("وفبكلس")


def is_valid_name(name: str) -> bool:
    """Label, attribute and relation names: ASCII letters, digits, _ and -, not starting with a digit."""
    return _NAME.fullmatch(name) is not None


# Characters brat's annotation.conf uses between attribute values (`Value:a|b`) and
# between its parts (`Arg:CLAIM, Value:…`).
_VALUE_SEPARATORS = frozenset("|,")


def is_valid_value(value: str) -> bool:
    """An attribute value: printable (Arabic letters too), without whitespace or brat's separators.

    brat's .ann and annotation.conf are line- and space-separated: a value holding a
    newline or a space would inject lines or fields there. `str.isprintable` is False for
    control, format (bidi controls among them), separator and surrogate characters.
    """
    return (
        bool(value)
        and value.isprintable()
        and not any(ch.isspace() or ch in _VALUE_SEPARATORS for ch in value)
    )


def _title(name: str, names: dict[str, str], language: str) -> str:
    """A display name in `language` when the schema gives one, else the name itself."""
    return names.get(language) or name


def description_in(description: dict[str, str], language: str) -> str:
    """A description in `language`, else in English, else in any language it has ('' when none):
    a schema written for one team may describe its labels in one language only."""
    return description.get(language) or description.get("en") or next(iter(description.values()), "")


@dataclass(frozen=True, slots=True)
class Attribute:
    name: str
    values: tuple[str, ...]
    # Display names: of the attribute (language → text) and of each value (value → language → text).
    names: dict[str, str] = field(default_factory=dict)
    value_names: dict[str, dict[str, str]] = field(default_factory=dict)

    def title(self, language: str) -> str:
        return _title(self.name, self.names, language)

    def value_title(self, value: str, language: str) -> str:
        return _title(value, self.value_names.get(value, {}), language)


@dataclass(frozen=True, slots=True)
class Proclitics:
    """One-letter proclitics that snapping to words leaves out at a span's start (core/snap.py)."""

    letters: str = ""
    when: str = "before-article"


@dataclass(frozen=True, slots=True)
class Label:
    name: str
    color: str
    key: str = ""
    description: dict[str, str] = field(default_factory=dict)
    attributes: tuple[Attribute, ...] = ()
    names: dict[str, str] = field(default_factory=dict)  # display names, language → text
    overlap: str = DEFAULT_OVERLAP  # one of OVERLAP_RULES
    proclitics: Proclitics = field(default_factory=Proclitics)

    def attribute(self, name: str) -> Attribute | None:
        return next((a for a in self.attributes if a.name == name), None)

    def title(self, language: str) -> str:
        return _title(self.name, self.names, language)

    def options(self) -> dict[str, Any]:
        """What the schema file says beyond name, colour, key, description and attributes
        (stored as one JSON object per label)."""
        options: dict[str, Any] = {}
        if self.names:
            options["names"] = dict(self.names)
        if self.overlap != DEFAULT_OVERLAP:
            options["overlap"] = self.overlap
        if self.proclitics.letters:
            options["proclitics"] = {"letters": self.proclitics.letters, "when": self.proclitics.when}
        return options


@dataclass(frozen=True, slots=True)
class RelationType:
    """A relation type and the (from, to) label pairs it may link.

    `from_label`/`to_label` are the first pair (what the schema file's `"from"`/`"to"` say,
    and what code written for one pair reads); `pairs` holds every pair, that one first.
    brat's `Arg1:A|B, Arg2:C` or `<ENTITY>` declare several.
    """

    name: str
    from_label: str
    to_label: str
    description: dict[str, str] = field(default_factory=dict)
    names: dict[str, str] = field(default_factory=dict)  # display names, language → text
    pairs: tuple[tuple[str, str], ...] = ()

    def __post_init__(self) -> None:
        first = (self.from_label, self.to_label)
        # The first pair always leads, each pair once: equal types compare equal.
        object.__setattr__(self, "pairs", (first, *dict.fromkeys(p for p in self.pairs if p != first)))

    def title(self, language: str) -> str:
        return _title(self.name, self.names, language)

    def allows(self, from_label: str, to_label: str) -> bool:
        return (from_label, to_label) in self.pairs

    def targets(self, from_label: str) -> tuple[str, ...]:
        """The labels a relation of this type may go to from a `from_label` span."""
        return tuple(to for start, to in self.pairs if start == from_label)

    def with_pairs(self, pairs: tuple[tuple[str, str], ...]) -> RelationType:
        """This type allowing `pairs` too (never fewer)."""
        return replace(self, pairs=self.pairs + pairs)

    def ends(self) -> str:
        """Its pairs for a message: "ACTOR to CLAIM", "A to C or B to C"."""
        return " or ".join(f"{a} to {b}" for a, b in self.pairs)

    def options(self) -> dict[str, Any]:
        """What the schema file says beyond name, from, to and description (stored as one JSON object)."""
        options: dict[str, Any] = {}
        if self.names:
            options["names"] = dict(self.names)
        if len(self.pairs) > 1:
            options["pairs"] = [list(p) for p in self.pairs]
        return options


@dataclass(frozen=True, slots=True)
class Schema:
    labels: tuple[Label, ...]
    relations: tuple[RelationType, ...] = ()
    empty_done: str = DEFAULT_EMPTY_DONE  # Ctrl+Return on a statement without spans: EMPTY_DONE_RULES

    def label(self, name: str) -> Label | None:
        return next((lab for lab in self.labels if lab.name == name), None)

    def label_title(self, name: str, language: str) -> str:
        """A label's display name in `language` (its name when the schema gives none, or it is unknown)."""
        found = self.label(name)
        return found.title(language) if found else name

    def relation_title(self, name: str, language: str) -> str:
        found = self.relation(name)
        return found.title(language) if found else name

    def relation(self, name: str) -> RelationType | None:
        return next((r for r in self.relations if r.name == name), None)

    @property
    def label_names(self) -> list[str]:
        return [lab.name for lab in self.labels]

    def with_label(self, name: str) -> Schema:
        """This schema plus a new label with a spare color and no key."""
        color = _SPARE_COLORS[len(self.labels) % len(_SPARE_COLORS)]
        return replace(self, labels=self.labels + (Label(name=name, color=color),))

    def with_relation(self, name: str, from_label: str, to_label: str) -> Schema:
        return replace(self, relations=self.relations + (RelationType(name, from_label, to_label),))

    def settings(self) -> dict[str, Any]:
        """The schema's settings beyond labels and relations (stored as one JSON object)."""
        return {"done_without_spans": self.empty_done} if self.empty_done != DEFAULT_EMPTY_DONE else {}

    def to_dict(self) -> dict[str, Any]:
        labels: list[dict[str, Any]] = []
        for lab in self.labels:
            item: dict[str, Any] = {"name": lab.name, "color": lab.color}
            if lab.key:
                item["key"] = lab.key
            if lab.description:
                item["description"] = dict(lab.description)
            if lab.attributes:
                item["attributes"] = attributes_json(lab.attributes)
            item.update(lab.options())
            labels.append(item)
        relations: list[dict[str, Any]] = []
        for rel in self.relations:
            r: dict[str, Any] = {"name": rel.name, "from": rel.from_label, "to": rel.to_label}
            if rel.description:
                r["description"] = dict(rel.description)
            r.update(rel.options())
            relations.append(r)
        return {"labels": labels, "relations": relations, **self.settings()}


def attributes_json(attributes: tuple[Attribute, ...]) -> list[dict[str, Any]]:
    """A label's attributes as the schema file (and the project's labels table) writes them."""
    items: list[dict[str, Any]] = []
    for a in attributes:
        item: dict[str, Any] = {"name": a.name, "values": list(a.values)}
        if a.names:
            item["names"] = dict(a.names)
        if a.value_names:
            item["value_names"] = {value: dict(names) for value, names in a.value_names.items()}
        items.append(item)
    return items


def _names(value: Any, where: str, file: str) -> dict[str, str]:
    """Display names: an object of language code → printable text, one line."""
    if value is None:
        return {}
    if not isinstance(value, dict) or not all(
        isinstance(k, str) and isinstance(v, str) and v.strip() and v.isprintable() for k, v in value.items()
    ):
        raise InputError(file, None, f"{where}: names must be an object of language → one line of text")
    return dict(value)


def _proclitics(value: Any, where: str, file: str) -> Proclitics:
    if value is None:
        return Proclitics()
    if not isinstance(value, dict) or not isinstance(value.get("letters", ""), str):
        raise InputError(file, None, f'{where}: proclitics must be an object like {{"letters": "وف"}}')
    letters = "".join(dict.fromkeys(value.get("letters", "")))
    bad = next((ch for ch in letters if ch not in PROCLITIC_LETTERS), None)
    if bad is not None:
        allowed = " ".join(sorted(PROCLITIC_LETTERS))
        raise InputError(file, None, f"{where}: proclitics letter {bad!r} is not one of {allowed}")
    when = value.get("when", "before-article")
    if when not in PROCLITIC_WHEN:
        raise InputError(file, None, f"{where}: proclitics when must be one of {', '.join(PROCLITIC_WHEN)}")
    return Proclitics(letters, when)


def _choice(value: Any, choices: tuple[str, ...], default: str, what: str, file: str) -> str:
    if value is None:
        return default
    if value not in choices:
        raise InputError(file, None, f"{what} must be one of {', '.join(choices)}, not {value!r}")
    return str(value)


def _description(value: Any, where: str, file: str) -> dict[str, str]:
    """A description is a string (taken as English) or a language → text object."""
    if value is None:
        return {}
    if isinstance(value, str):
        return {"en": value}
    if isinstance(value, dict) and all(
        isinstance(k, str) and isinstance(v, str) for k, v in value.items()
    ):
        return dict(value)
    raise InputError(file, None, f"{where}: description must be a string or an object of strings")


def _label_list(value: Any, names: set[str]) -> list[str] | None:
    """A relation's `from` or `to`: a label name or a non-empty list of them; None if it is neither."""
    found = [value] if isinstance(value, str) else value
    if not isinstance(found, list) or not found or not all(isinstance(v, str) and v in names for v in found):
        return None
    return found


def _pairs(item: dict[str, Any], names: set[str], where: str, file: str) -> tuple[tuple[str, str], ...]:
    """A relation's (from, to) pairs: `"from"`/`"to"` (a label or a list of labels each, every
    combination allowed), then a `"pairs"` list of [from, to] (or {"from", "to"}), in that order."""
    pairs: list[tuple[str, str]] = []
    if "from" in item or "to" in item or "pairs" not in item:
        starts, ends = _label_list(item.get("from"), names), _label_list(item.get("to"), names)
        if starts is None or ends is None:
            raise InputError(file, None, f"{where}: from and to must name labels of the schema (one, or a list)")
        pairs += [(a, b) for a in starts for b in ends]
    raw = item.get("pairs")
    if raw is not None:
        if not isinstance(raw, list):
            raise InputError(file, None, f"{where}: pairs must be a list of [from, to]")
        for pair in raw:
            ends_of = (pair.get("from"), pair.get("to")) if isinstance(pair, dict) else pair
            if (
                not isinstance(ends_of, list | tuple) or len(ends_of) != 2
                or not all(isinstance(end, str) and end in names for end in ends_of)
            ):
                raise InputError(file, None, f"{where}: each pair must be [from, to], two labels of the schema")
            pairs.append((ends_of[0], ends_of[1]))
    if not pairs:
        raise InputError(file, None, f"{where}: needs from and to, or pairs")
    return tuple(dict.fromkeys(pairs))


def parse_schema(data: Any, file: str = "<schema>") -> Schema:
    """Validate a schema object (as in DESIGN.md) and build the Schema."""
    if not isinstance(data, dict) or not isinstance(data.get("labels"), list):
        raise InputError(file, None, 'a schema is an object with a "labels" list')
    labels: list[Label] = []
    keys: set[str] = set()
    for n, item in enumerate(data["labels"], 1):
        where = f"label {n}"
        if not isinstance(item, dict):
            raise InputError(file, None, f"{where}: must be an object")
        name = item.get("name")
        if not isinstance(name, str) or not is_valid_name(name):
            raise InputError(file, None, f"{where}: name must be letters, digits, _ or -")
        if any(lab.name == name for lab in labels):
            raise InputError(file, None, f"{where}: label {name} is defined twice")
        color = item.get("color", _SPARE_COLORS[len(labels) % len(_SPARE_COLORS)])
        if not isinstance(color, str) or not _COLOR.match(color):
            raise InputError(file, None, f"{where} ({name}): color must look like #1e88e5")
        key = item.get("key", "")
        if not isinstance(key, str) or len(key) > 1 or (key and not key.isalnum()):
            raise InputError(file, None, f"{where} ({name}): key must be one letter or digit")
        if key and key.lower() in keys:
            raise InputError(file, None, f"{where} ({name}): key {key!r} is used twice")
        if key.lower() in RESERVED_KEYS:
            kept = RESERVED_KEYS[key.lower()]
            raise InputError(file, None, f"{where} ({name}): key {key.lower()!r} is kept for {kept}")
        keys.add(key.lower())
        raw_attributes = item.get("attributes")
        if raw_attributes is None:
            raw_attributes = []
        if not isinstance(raw_attributes, list):
            raise InputError(file, None, f"{where} ({name}): attributes must be a list")
        attributes: list[Attribute] = []
        for a in raw_attributes:
            if (
                not isinstance(a, dict)
                or not isinstance(a.get("name"), str)
                or not isinstance(a.get("values"), list)
                or not a["values"]
                or not all(isinstance(v, str) for v in a["values"])
            ):
                raise InputError(
                    file, None, f"{where} ({name}): an attribute needs a name and a list of values"
                )
            if not is_valid_name(a["name"]):
                raise InputError(
                    file, None, f"{where} ({name}): attribute {a['name']!r}: name must be letters, digits, _ or -"
                )
            if any(known.name == a["name"] for known in attributes):
                raise InputError(file, None, f"{where} ({name}): attribute {a['name']} is defined twice")
            bad = next((v for v in a["values"] if not is_valid_value(v)), None)
            if bad is not None:
                raise InputError(
                    file,
                    None,
                    f"{where} ({name}): attribute {a['name']}: value {bad!r} must be printable, without"
                    " spaces, line breaks, | or ,",
                )
            values = tuple(dict.fromkeys(a["values"]))
            value_names = a.get("value_names") or {}
            if not isinstance(value_names, dict) or any(v not in values for v in value_names):
                raise InputError(
                    file, None, f"{where} ({name}): attribute {a['name']}: value_names must name its values"
                )
            attributes.append(
                Attribute(
                    a["name"],
                    values,
                    _names(a.get("names"), f"{where} ({name}) attribute {a['name']}", file),
                    {v: _names(n, f"{where} ({name}) value {v}", file) for v, n in value_names.items()},
                )
            )
        labels.append(
            Label(
                name=name,
                color=color.lower(),
                key=key.lower(),
                description=_description(item.get("description"), where, file),
                attributes=tuple(attributes),
                names=_names(item.get("names"), f"{where} ({name})", file),
                overlap=_choice(
                    item.get("overlap"), OVERLAP_RULES, DEFAULT_OVERLAP, f"{where} ({name}): overlap", file
                ),
                proclitics=_proclitics(item.get("proclitics"), f"{where} ({name})", file),
            )
        )
    if not labels:
        raise InputError(file, None, "a schema needs at least one label")
    raw_relations = data.get("relations")
    if raw_relations is None:
        raw_relations = []
    if not isinstance(raw_relations, list):
        raise InputError(file, None, '"relations" must be a list')
    relations: list[RelationType] = []
    names = {lab.name for lab in labels}
    for n, item in enumerate(raw_relations, 1):
        where = f"relation {n}"
        if not isinstance(item, dict) or not isinstance(item.get("name"), str):
            raise InputError(file, None, f"{where}: must be an object with a name")
        if not is_valid_name(item["name"]):
            raise InputError(file, None, f"{where}: name must be letters, digits, _ or -")
        pairs = _pairs(item, names, f"{where} ({item['name']})", file)
        if any(rel.name == item["name"] for rel in relations):
            raise InputError(file, None, f"{where}: relation {item['name']} is defined twice")
        relations.append(
            RelationType(
                item["name"], *pairs[0], _description(item.get("description"), where, file),
                _names(item.get("names"), where, file), pairs,
            )
        )
    empty_done = _choice(data.get("done_without_spans"), EMPTY_DONE_RULES, DEFAULT_EMPTY_DONE,
                         '"done_without_spans"', file)
    return Schema(tuple(labels), tuple(relations), empty_done)


# A schema file is a few KB; a larger one is not a schema (or is meant to exhaust memory).
MAX_SCHEMA_BYTES = 1 << 20


def load_schema(path: Path) -> Schema:
    try:
        info = path.stat()
        if not stat.S_ISREG(info.st_mode):
            # A FIFO would block and a device (/dev/zero) never end.
            raise InputError(str(path), None, "is not a regular file; a schema is a JSON file")
        if info.st_size > MAX_SCHEMA_BYTES:
            raise InputError(str(path), None, f"is {info.st_size:,} bytes; a schema is a small JSON file")
        data = parse_json(path.read_text(encoding="utf-8-sig"))
    except OSError as exc:
        raise InputError(str(path), None, f"cannot read: {exc.strerror}") from None
    except UnicodeDecodeError:
        raise InputError(str(path), None, "not UTF-8 text") from None
    except JSONRefused as exc:
        # The same limits as every JSON reader: no NaN, 64-bit integers, bounded nesting, no lone surrogates.
        raise InputError(str(path), exc.line if exc.syntax else None, exc.reason) from None
    return parse_schema(data, str(path))
