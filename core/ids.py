"""Statement identity: a 64-bit text hash for lookups and an id derived from it."""

from __future__ import annotations

from hashlib import blake2b


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
