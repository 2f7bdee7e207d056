"""The tokenizer: Arabic words with diacritics and tatweel, digits, punctuation, emoji."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from core.tokenize import is_separator, tokenize
from tests.core.oracles import regex_tokens


def texts(s: str) -> list[str]:
    return [t.text for t in tokenize(s)]


def test_arabic_words_keep_diacritics_and_tatweel() -> None:
    assert texts("دعا الائتلافُ الوطنيُّ كـــتاب") == ["دعا", "الائتلافُ", "الوطنيُّ", "كـــتاب"]


def test_clitics_stay_attached() -> None:
    assert texts("والنظام بالسلاح") == ["والنظام", "بالسلاح"]


@pytest.mark.parametrize("mark", ["،", "؛", "؟", "«", "»", ".", ",", '"', "!", "(", ")"])
def test_each_punctuation_mark_is_a_token(mark: str) -> None:
    assert texts(f"قال{mark}{mark}نعم") == ["قال", mark, mark, "نعم"]


def test_guillemets_around_a_quote() -> None:
    assert texts("«لا تزال غير ناجحة».") == ["«", "لا", "تزال", "غير", "ناجحة", "»", "."]


def test_digits_western_and_arabic_indic() -> None:
    toks = tokenize("القرار 2118 عام ٢٠١٣ و۱۲")
    assert [(t.text, t.kind) for t in toks] == [
        ("القرار", "word"),
        ("2118", "number"),
        ("عام", "word"),
        ("٢٠١٣", "number"),
        ("و", "word"),
        ("۱۲", "number"),
    ]


def test_letters_and_digits_split() -> None:
    assert texts("G7") == ["G", "7"]


@pytest.mark.parametrize(
    "emoji",
    [
        "\U0001F468\u200d\U0001F469\u200d\U0001F467",  # family: ZWJ sequence
        "\U0001F1F8\U0001F1FE",  # flag of Syria: two regional indicators
        "1\ufe0f\u20e3",  # keycap one
        "#\ufe0f\u20e3",  # keycap number sign
        "\U0001F44D\U0001F3FD",  # thumbs up, skin tone
        "\u263a\ufe0f",  # smiling face with variation selector
        "\U0001F3F4\U000E0067\U000E0062\U000E0065\U000E006E\U000E0067\U000E007F",  # England: tags
        "\U0001F469\U0001F3FE\u200d\U0001F52C",  # woman scientist, skin tone, ZWJ
    ],
)
def test_emoji_sequences_are_one_token(emoji: str) -> None:
    toks = tokenize(f"قال{emoji}{emoji} نعم")
    assert [(t.text, t.kind) for t in toks[1:3]] == [(emoji, "symbol"), (emoji, "symbol")]
    assert len(toks) == 4


def test_two_flags_side_by_side() -> None:
    assert texts("\U0001F1F8\U0001F1FE\U0001F1FA\U0001F1F8") == ["\U0001F1F8\U0001F1FE", "\U0001F1FA\U0001F1F8"]


def test_symbols_are_single_tokens() -> None:
    assert texts("5$+٪") == ["5", "$", "+", "٪"]


def test_offsets_are_code_points_after_astral_characters() -> None:
    text = "\U0001F600 روسيا"
    (emoji, word) = tokenize(text)
    assert (emoji.start, emoji.end) == (0, 1)
    assert (word.start, word.end) == (2, 7) and text[word.start : word.end] == "روسيا"


def test_whitespace_of_all_kinds_separates() -> None:
    assert texts(" a\tb\nc\u00a0d\u200be\u2003f ") == ["a", "b", "c", "d", "e", "f"]


def test_format_characters_join_the_token_before_them() -> None:
    assert texts("كلمة\u200f، \u200fنعم") == ["كلمة\u200f", "،", "\u200f", "نعم"]


def test_empty_text() -> None:
    assert tokenize("") == [] and tokenize(" \n ") == []


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=60))
def test_properties(text: str) -> None:
    toks = tokenize(text)
    covered = [False] * len(text)
    previous_end = 0
    for tok in toks:
        assert previous_end <= tok.start < tok.end <= len(text)
        assert text[tok.start : tok.end] == tok.text
        assert not any(is_separator(ch) for ch in tok.text)
        for i in range(tok.start, tok.end):
            covered[i] = True
        previous_end = tok.end
    for i, ch in enumerate(text):
        assert covered[i] == (not is_separator(ch)), (i, ch)
    # The fast path for plain words and numbers never changes the result.
    assert toks == regex_tokens(text)


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.sampled_from(["دعا", "الائتلافُ", "كـــتاب", "2118", "٢٠٢٣", "،", "؟", "«", "»", "\U0001F1F8\U0001F1FE"]),
        min_size=1,
        max_size=12,
    )
)
def test_space_joined_pieces_come_back(pieces: list[str]) -> None:
    assert texts(" ".join(pieces)) == pieces


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="دعاب ١2x\u064e\u0640،.#\ufe0f\u20e3\U0001F1F8\U0001F600\u200d\u200b\u200f\t\n", max_size=40))
def test_fast_path_agrees_with_the_regex(text: str) -> None:
    assert tokenize(text) == regex_tokens(text)


@settings(max_examples=200, deadline=None)
@given(
    st.lists(st.sampled_from(["دعا", "سوريا،", "«لا", "G7", "2118", "x\u200by"]), min_size=1, max_size=8),
    st.lists(st.sampled_from([" ", "\n", "\t", "  ", " \u00a0"]), min_size=8, max_size=8),
    st.sampled_from(["", " ", "\n "]),
)
def test_offsets_with_single_and_wider_separators(words: list[str], gaps: list[str], edge: str) -> None:
    """Texts with exactly one separator between chunks take a shortcut for offsets."""
    text = "".join(w + g for w, g in zip(words, gaps, strict=False))[: -len(gaps[len(words) - 1])]
    for candidate in (text, edge + text, text + edge):
        assert tokenize(candidate) == regex_tokens(candidate)
