"""Label and relation names as the UI shows them: the schema's display name in the UI's language.

The one place the GUI asks for a display name (tags over spans, names on arcs), so a name
falls back the same way everywhere: to the label's own name when the schema gives none.
"""

from __future__ import annotations

from core.schema import Schema


def _language() -> str:
    # Until gui/i18n.current_language() lands from main.
    return "en"


def label_title(schema: Schema, name: str) -> str:
    """`name`'s display name in the UI's language (its name when the schema has none)."""
    title = getattr(schema, "label_title", None)
    return str(title(name, _language())) if title is not None else name


def relation_title(schema: Schema, name: str) -> str:
    """The relation type `name`'s display name in the UI's language (its name when none)."""
    title = getattr(schema, "relation_title", None)
    return str(title(name, _language())) if title is not None else name
