"""What an edit took with it, said in words for the status bar (translated, with the schema's
display names): a relabel that dropped a stance or links, a deletion and its links, an
overlap the schema asks the annotator to check.

The store says what it removed (Project.set_span_label returns the relations, the commands
keep the old attributes); this only words it.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Mapping, Sequence

from PySide6.QtCore import QObject

from core.rules import overlap_conflict
from core.schema import Schema
from gui.i18n import current_language
from gui.names import label_title, relation_title
from store.project import DeletedSpan, StoredRelation, StoredSpan

# A span's text quoted in a message is cut after this many characters.
QUOTE_CHARS = 40


class EditReport(QObject):
    """Messages about edits on the schema that `schema()` gives (it changes with the project)."""

    def __init__(self, schema: Callable[[], Schema], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.schema = schema

    def _join(self, parts: Sequence[str]) -> str:
        """«a», «a and b», «a, b and c» in the UI's language."""
        if len(parts) <= 1:
            return "".join(parts)
        head = parts[0]
        for part in parts[1:-1]:
            head = self.tr("{0}, {1}").replace("{0}", head).replace("{1}", part)
        return self.tr("{0} and {1}").replace("{0}", head).replace("{1}", parts[-1])

    def _links(self, relations: Sequence[StoredRelation]) -> list[str]:
        """«1 CLAIMANT link», «2 CLAIMANT links», per relation type."""
        parts = []
        for name, n in Counter(r.label for r in relations).items():
            title = relation_title(self.schema(), name)
            # English needs its singular written out; Arabic's plural forms come from %n.
            text = self.tr("1 {0} link") if n == 1 else self.tr("%n {0} links", "", n)
            parts.append(text.replace("{0}", title))
        return parts

    def relabelled(
        self, old: str, new: str, dropped: Mapping[str, str], relations: Sequence[StoredRelation]
    ) -> str | None:
        """"CLAIM → ACTOR: its stance (support) and 1 CLAIMANT link were removed — …"; None when nothing went."""
        if not dropped and not relations:
            return None
        schema, language = self.schema(), current_language()
        old_label = schema.label(old)
        parts = []
        for name, value in dropped.items():
            attribute = old_label.attribute(name) if old_label else None
            parts.append(
                self.tr("its {0} ({1})")
                .replace("{0}", attribute.title(language) if attribute else name)
                .replace("{1}", attribute.value_title(value, language) if attribute else value)
            )
        parts += self._links(relations)
        text = (
            self.tr("{0} → {1}: {2} was removed — Ctrl+Z brings it back")
            if len(dropped) + len(relations) == 1
            else self.tr("{0} → {1}: {2} were removed — Ctrl+Z brings them back")
        )
        return (
            text.replace("{0}", label_title(schema, old))
            .replace("{1}", label_title(schema, new))
            .replace("{2}", self._join(parts))
        )

    def deleted(self, deleted: DeletedSpan) -> str:
        """"Deleted ACTOR «…» and its 2 CLAIMANT links — Ctrl+Z brings them back"."""
        span = deleted.span
        quoted = span.text if len(span.text) <= QUOTE_CHARS else span.text[:QUOTE_CHARS] + "…"
        title = label_title(self.schema(), span.label)
        if deleted.relations:
            text = self.tr("Deleted {0} «{1}» and its {2} — Ctrl+Z brings them back").replace(
                "{2}", self._join(self._links(deleted.relations))
            )
        else:
            text = self.tr("Deleted {0} «{1}» — Ctrl+Z brings it back")
        return text.replace("{0}", title).replace("{1}", quoted)

    def overlap_warning(self, span: StoredSpan, spans: Sequence[StoredSpan]) -> str | None:
        """The warning of the label's overlap rule (core/rules.py, overlap: warn) for `span` among
        the annotator's `spans` of its statement; None when there is none. Refusals never get
        here: the store refused those edits and the banner said why."""
        label = self.schema().label(span.label)
        if label is None or label.overlap != "warn":
            return None
        others = {(s.start, s.end): s.text for s in spans if s.label == span.label and s.id != span.id}
        other = overlap_conflict(label, others, span.start, span.end)
        if other is None:
            return None
        quoted = others[other] if len(others[other]) <= QUOTE_CHARS else others[other][:QUOTE_CHARS] + "…"
        return (
            self.tr("This {0} overlaps another {0}, «{1}»: allowed, but check that both are meant")
            .replace("{0}", label_title(self.schema(), span.label))
            .replace("{1}", quoted)
        )
