"""Snapping leaves out a label's one-letter proclitics (core/snap.py, Label.proclitics)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from core.schema import Proclitics
from core.snap import cluster_bounds, dragged_bounds, snap_to_words, without_proclitics

BEFORE_ARTICLE = Proclitics("وفبكل", "before-article")
ALWAYS = Proclitics("وفبكل", "always")


def snapped(word: str, proclitics: Proclitics | None) -> str:
    """The word as a label key takes it, from a selection of one of its middle letters."""
    text = f"قال {word} أمس"
    bounds = snap_to_words(text, 5, 6, proclitics)
    assert bounds is not None
    return text[bounds[0]:bounds[1]]


@pytest.mark.parametrize(
    ("word", "before_article", "always"),
    [
        ("والحكومة", "الحكومة", "الحكومة"),
        ("وبالأمم", "الأمم", "الأمم"),
        ("فالمنظمة", "المنظمة", "المنظمة"),
        ("وَالحكومة", "الحكومة", "الحكومة"),  # the proclitic goes with its haraka
        ("وـالحكومة", "الحكومة", "الحكومة"),  # and with a tatweel
        ("وزارة", "وزارة", "زارة"),  # the documented risk of `always`
        ("فرنسا", "فرنسا", "رنسا"),
        ("بريطانيا", "بريطانيا", "ريطانيا"),
        ("للحكومة", "للحكومة", "حكومة"),
        ("ودعم", "ودعم", "دعم"),
        ("والد", "والد", "الد"),  # «ال» and one letter is no article
        ("ول", "ول", "ول"),  # two letters never lose one: at least two remain
        ("سوريا", "سوريا", "سوريا"),  # س is not in this label's list
    ],
)
def test_which_proclitics_are_left_out(word: str, before_article: str, always: str) -> None:
    assert snapped(word, None) == word  # no option: the word stays whole
    assert snapped(word, BEFORE_ARTICLE) == before_article
    assert snapped(word, ALWAYS) == always


def test_only_the_first_word_and_only_listed_letters() -> None:
    text = "والحكومة والمعارضة"
    assert snap_to_words(text, 0, len(text), BEFORE_ARTICLE) == (1, len(text))
    assert snap_to_words(text, 0, len(text), Proclitics("ف", "before-article")) == (0, len(text))
    assert snap_to_words(text, 0, len(text), Proclitics()) == (0, len(text))


ARABIC = st.sampled_from(list("وفبكلالحكومةزرسن") + ["\u064e", "\u0651", "\u0640", " ", "،", "😀", "\u200d"])
TEXTS = st.text(ARABIC, min_size=1, max_size=24)
OPTIONS = st.builds(
    Proclitics, st.sampled_from(["وفبكل", "و", "ل", "بل"]), st.sampled_from(["before-article", "always"])
)


@settings(max_examples=300, deadline=None)
@given(TEXTS, st.data(), OPTIONS)
def test_properties_within_the_selection_whole_clusters_idempotent(text: str, data: st.DataObject,
                                                                   proclitics: Proclitics) -> None:
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(0, len(text)))
    plain = snap_to_words(text, start, end)
    result = snap_to_words(text, start, end, proclitics)
    assert (plain is None) == (result is None)
    if plain is None or result is None:
        return
    # Within what snapping alone takes, never empty, never splitting a cluster.
    assert plain[0] <= result[0] < result[1] == plain[1]
    assert cluster_bounds(text, *result) == result
    # Snapping the result again gives it again.
    assert snap_to_words(text, *result, proclitics) == result
    # The pure function alone: within its range, at a cluster's edge.
    cut = without_proclitics(text, *plain, proclitics)
    assert plain[0] <= cut < plain[1]
    assert cluster_bounds(text, cut, plain[1])[0] == cut


# ------------------------------------------------------------ dragging an edge

TEXT = "دعا الائتلاف الوطني السوري، إلى تحرك المجتمع الدولي."


def test_dragging_the_end_into_a_word_takes_the_word_and_alt_the_character() -> None:
    s = TEXT.index("الائتلاف")
    word_end = TEXT.index(" الوطني")
    second = TEXT.index("الوطني")
    assert dragged_bounds(TEXT, s, word_end, edge="end", at=second + 2, by_word=True) == (s, second + 6)
    assert dragged_bounds(TEXT, s, word_end, edge="end", at=second + 2, by_word=False) == (s, second + 2)
    # Dropped on the space after a word: the word ends the span, not the space.
    assert dragged_bounds(TEXT, s, word_end, edge="end", at=second + 7, by_word=True) == (s, second + 6)
    # Past the start: one cluster remains.
    assert dragged_bounds(TEXT, s, word_end, edge="end", at=0, by_word=True) == (s, s + 1)
    assert dragged_bounds(TEXT, s, word_end, edge="start", at=len(TEXT), by_word=False) == (word_end - 1, word_end)


def test_dragging_the_start_leaves_out_the_labels_proclitics() -> None:
    text = "قال والحكومة ترفض"
    end = len(text)
    assert dragged_bounds(text, 13, end, edge="start", at=6, by_word=True, proclitics=BEFORE_ARTICLE) == (5, end)
    assert dragged_bounds(text, 13, end, edge="start", at=6, by_word=True) == (4, end)


@settings(max_examples=300, deadline=None)
@given(TEXTS, st.data(), st.sampled_from(["start", "end"]), st.booleans())
def test_a_dragged_span_is_never_empty_and_keeps_its_other_edge(text: str, data: st.DataObject, edge: str,
                                                                 by_word: bool) -> None:
    start = data.draw(st.integers(0, len(text) - 1))
    end = data.draw(st.integers(start + 1, len(text)))
    start, end = cluster_bounds(text, start, end)
    at = data.draw(st.integers(-2, len(text) + 2))
    new = dragged_bounds(text, start, end, edge=edge, at=at, by_word=by_word, proclitics=ALWAYS)
    assert 0 <= new[0] < new[1] <= len(text)
    assert (new[0] == start) if edge == "end" else (new[1] == end)
    assert cluster_bounds(text, *new) == new
