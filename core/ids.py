"""Statement identity: a 64-bit text hash for lookups and an id derived from it."""

from __future__ import annotations

import re
from hashlib import blake2b

_DERIVED = re.compile(r"h[0-9a-f]{16}")


def text_digest(text: str) -> bytes:
    return blake2b(text.encode("utf-8"), digest_size=8).digest()


def text_hash(text: str) -> int:
    """Signed 64-bit hash of the text, so it fits an SQLite INTEGER column."""
    return int.from_bytes(text_digest(text), "big", signed=True)


def hash_and_id(text: str) -> tuple[int, str]:
    """The text hash and the statement id derived from it (for records without an id)."""
    digest = text_digest(text)
    return int.from_bytes(digest, "big", signed=True), "h" + digest.hex()


def derived_id(text: str) -> str:
    return hash_and_id(text)[1]


def is_derived_form(statement_id: str) -> bool:
    """Whether an id looks like one `derived_id` makes (its owner must then be that text)."""
    return _DERIVED.fullmatch(statement_id) is not None
