"""CoNLL-style columns: one token per line, one BIO column per span label.

```
# global.columns = TOKEN ACTOR CLAIM
# id = s1
# annotator = amal
# text = دعا الائتلاف الوطني …
دعا	O	O
الائتلاف	B-ACTOR	O
…
```

A block per statement and annotator (the `# annotator` line is left out for a statement
nobody annotated), blank lines between blocks, tab-separated columns: the token, then one
column per label in schema order, so nested spans of different labels survive. Tokens
come from `core.tokenize`: the format is word-level while spans are character-level, so a
span is tagged on every token it overlaps (a clitic inside a token takes the whole token).
Two spans of one label that overlap merge into one run of tags, which is why the format
is written, not read back. Token-level agreement uses `bio_tags` too. A token `#` at the
start of a line is data, not a comment: readers that skip every `#` line (CoNLL-U's do)
should only skip `# key = value` lines before a block's first token.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TextIO

from core.model import Record, Span
from core.schema import Schema
from core.tokenize import Token, token_range, tokenize


def bio_tags(tokens: Sequence[Token], spans: Iterable[Span], label: str) -> list[str]:
    """One BIO tag per token for the spans of one label; always a valid BIO sequence.

    A token where a span starts is B; the other tokens it overlaps are I unless another
    span already starts there. So an I always follows a B or an I of the same label.
    """
    tags = ["O"] * len(tokens)
    if not tokens:
        return tags
    starts = [t.start for t in tokens]
    ends = [t.end for t in tokens]
    inside = f"I-{label}"
    begin = f"B-{label}"
    for span in sorted((s for s in spans if s.label == label), key=lambda s: (s.start, -s.end)):
        first, last = token_range(starts, ends, span.start, span.end)
        tags[first] = begin
        for i in range(first + 1, last + 1):
            if tags[i] == "O":
                tags[i] = inside
    return tags


def _one_line(value: str) -> str:
    """Comment values stay on their line: line breaks and tabs become spaces."""
    return " ".join(value.splitlines()).replace("\t", " ")


def write_conll(records: Iterable[Record], out: TextIO, schema: Schema) -> int:
    """CoNLL columns, a block per statement and annotator; returns blocks written."""
    labels = schema.label_names
    out.write("# global.columns = TOKEN " + " ".join(labels) + "\n")
    count = 0
    for record in records:
        if count:
            out.write("\n")
        out.write(f"# id = {_one_line(str(record.id))}\n")
        if record.annotator is not None:
            out.write(f"# annotator = {_one_line(record.annotator)}\n")
        out.write(f"# text = {_one_line(record.text)}\n")
        tokens = tokenize(record.text)
        columns = [bio_tags(tokens, record.spans, label) for label in labels]
        if tokens:
            out.write("\n".join(map("\t".join, zip([t.text for t in tokens], *columns, strict=True))))
            out.write("\n")
        count += 1
    return count
