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
come from `core.tokenize` and tags from `core.bio`: the format is word-level while spans
are character-level, so a span is tagged on every token it overlaps (a clitic inside a
token takes the whole token). Two spans of one label that overlap merge into one run of
tags, which is why the format is written, not read back. Token-level agreement
(`core.agreement`) reads the same tags from `core.bio`. A token `#` at the
start of a line is data, not a comment: readers that skip every `#` line (CoNLL-U's do)
should only skip `# key = value` lines before a block's first token.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TextIO

from core.bio import bio_tags
from core.model import Record
from core.schema import Schema
from core.tokenize import token_columns


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
        texts, starts, ends = token_columns(record.text)
        spans = record.spans
        columns = [
            bio_tags(starts, ends, [(s.start, s.end) for s in spans if s.label == label], label) for label in labels
        ]
        if texts:
            out.write("\n".join(map("\t".join, zip(texts, *columns, strict=True))))
            out.write("\n")
        count += 1
    return count
