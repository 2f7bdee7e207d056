"""Label and relation names as the UI shows them: the schema's display name in the UI's language.

The one place the GUI's span layer asks for a display name (tags over spans, names on arcs,
the search's label filter), so a name falls back the same way everywhere: to the label's own
name when the schema gives none in that language (core/schema.py).
"""

from __future__ import annotations

from core.schema import Schema
from gui.i18n import current_language


def label_title(schema: Schema, name: str) -> str:
    """`name`'s display name in the UI's language (its name when the schema has none)."""
    return schema.label_title(name, current_language())


def relation_title(schema: Schema, name: str) -> str:
    """The relation type `name`'s display name in the UI's language (its name when none)."""
    return schema.relation_title(name, current_language())
