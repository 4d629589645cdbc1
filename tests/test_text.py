from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from stancemap import text


def test_abbreviations_do_not_split_sentences():
    s = "Mr. Smith met U.S. officials on Monday. They talked, e.g. about energy. Dr. Ode left."
    assert text.sentences(s) == ["Mr. Smith met U.S. officials on Monday.", "They talked, e.g. about energy.", "Dr. Ode left."]


def test_line_breaks_end_sentences_and_spans_index_the_text():
    s = "A headline without a stop\nFirst sentence. Second one!\n\nThird?"
    spans = text.sentence_spans(s)
    assert [s[a:b] for a, b in spans] == ["A headline without a stop", "First sentence.", "Second one!", "Third?"]


@settings(max_examples=200, deadline=None)
@given(st.text())
def test_sentence_spans_are_valid_and_ordered(s):
    spans = text.sentence_spans(s)
    last = 0
    for a, b in spans:
        assert last <= a < b <= len(s)
        last = b


def test_stems_mark_negation():
    assert text.stems("We do not accept ceasefires.", negation=True) == ["we", "do", "not", "accept_NEG", "ceasefir_NEG"]
    assert text.words("Kyiv's allies, 30-day truce!") == ["kyiv", "'s", "allies", "30-day", "truce"]


def test_stopwords_offline():
    sw = text.stopwords()
    assert {"the", "and", "of"} <= sw


def test_words_strip_typographic_quotes_and_final_periods():
    assert text.words("admonished him for being “ungrateful.”") == ["admonished", "him", "for", "being", "ungrateful"]
    assert text.words("Kyiv’s allies") == ["kyiv", "'s", "allies"]
