"""The one tokenizer path and the one BIO rule that CoNLL, Prodigy and agreement share."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from core.bio import BEGIN, INSIDE, bio_marks, bio_tags
from core.tokenize import token_columns, tokenize
from tests.core.oracles import dense_bio_tags, regex_tokens

_PIECES = st.sampled_from(["دعا", "السوري،", "«لا", "G7", "2118", "x\u200by", "😀", " ", "  ", "\n", "والنظام."])


@settings(max_examples=300, deadline=None)
@given(st.one_of(st.text(alphabet=st.characters(codec="utf-8"), max_size=40), st.lists(_PIECES).map("".join)))
def test_token_columns_are_the_regex_tokens(text: str) -> None:
    texts, starts, ends = token_columns(text)
    expected = regex_tokens(text)
    assert texts == [t.text for t in expected]
    assert starts == [t.start for t in expected] and ends == [t.end for t in expected]
    assert tokenize(text) == expected


_TEXT = "قال وزير الخارجية، إن «النظام» 2118 مرة 😀 لا."


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.integers(0, len(_TEXT) - 1), st.integers(1, 15)), max_size=8))
def test_bio_tags_are_the_ones_conll_always_wrote(ranges: list[tuple[int, int]]) -> None:
    spans = [(a, min(a + n, len(_TEXT))) for a, n in ranges]
    tokens = tokenize(_TEXT)
    starts, ends = [t.start for t in tokens], [t.end for t in tokens]
    tags = bio_tags(starts, ends, spans, "ACTOR")
    assert tags == dense_bio_tags(tokens, spans, "ACTOR")
    marks = bio_marks(starts, ends, spans)
    assert marks == {
        i: BEGIN if tag.startswith("B-") else INSIDE for i, tag in enumerate(tags) if tag != "O"
    }


def test_nested_and_overlapping_spans_of_one_label() -> None:
    text = "دعا الائتلاف الوطني السوري اليوم"
    starts, ends = token_columns(text)[1:]
    outer = (text.index("الائتلاف"), text.index(" اليوم"))
    inner = (text.index("الوطني"), text.index(" السوري"))
    assert bio_tags(starts, ends, [inner, outer], "A") == ["O", "B-A", "B-A", "I-A", "O"]
    # A span that covers only a separator tags the token after it.
    assert bio_tags(starts, ends, [(3, 4)], "A") == ["O", "B-A", "O", "O", "O"]
    assert bio_tags([], [], [(0, 1)], "A") == [] and bio_marks([], [], [(0, 1)]) == {}
