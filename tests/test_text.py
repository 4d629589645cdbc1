from __future__ import annotations

import re

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


_TOKENS = st.sampled_from(["we", "will", "not", "never", "no", "don't", "didn't", "n't", "accept", "it",
                           ".", ",", ";", ":", "!", "?", "''", "``", "peace", "talks", "Nothing", "none"])


@settings(max_examples=300, deadline=None)
@given(st.lists(_TOKENS, max_size=25))
def test_negation_marks_match_nltk_mark_negation(tokens):
    from nltk.sentiment.util import mark_negation

    expected = [t.endswith("_NEG") for t in mark_negation(tokens)]
    assert text.negation_marks(tokens) == expected


@settings(max_examples=200, deadline=None)
@given(st.lists(_TOKENS, max_size=25).map(" ".join))
def test_stems_equal_the_nltk_negation_scope_over_snowball_stems(sentence):
    """Our negation roles give exactly nltk's ``mark_negation`` scopes (its NEGATION_RE and
    CLAUSE_PUNCT_RE) over our tokens, and every unit is PyStemmer's Snowball stem
    (punctuation in a negation scope stays, as ``,_NEG``)."""
    import Stemmer
    from nltk.sentiment.util import mark_negation

    stem = Stemmer.Stemmer("english").stemWord
    expected = []
    for t in mark_negation(text.tokens(sentence)):
        if t.endswith("_NEG"):
            expected.append(stem(t[:-4]) + "_NEG")
        elif any(ch.isalnum() or ch == "_" for ch in t):
            expected.append(stem(t))
    assert text.stems(sentence, negation=True) == expected


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(list("abnt'\".,:;!?-_0123456789") + ["n't", "never", "none", "cant", "aint",
                                                                        "not", "no", "nothing"]),
                max_size=4).map("".join))
def test_negation_roles_equal_nltks_regexes(token):
    """On tokens (which hold no whitespace: see test_tokens_keep_every_character)."""
    from nltk.sentiment.util import CLAUSE_PUNCT_RE, NEGATION_RE

    want = 1 if NEGATION_RE.search(token) else 2 if CLAUSE_PUNCT_RE.search(token) else 0
    assert text.negation_role(token) == want


def test_negation_words_are_nltks_list():
    from nltk.sentiment.util import NEGATION_RE

    for w in text.NEGATION_WORDS:
        assert NEGATION_RE.search(w), w
    listed = set(re.findall(r"[a-z]+", NEGATION_RE.pattern.split(")$")[0]))
    assert listed == set(text.NEGATION_WORDS)


def test_snowball_stems_are_the_snowball_projects_english_stemmer():
    """PyStemmer (Snowball 3): "added" is "add" (nltk's port said "ad"), "biologist" "biolog"."""
    assert [text.stem(w) for w in ("added", "adding", "truces", "sanctions", "negotiating", "biologist")] == \
        ["add", "add", "truce", "sanction", "negoti", "biolog"]


def test_stems_keep_punctuation_inside_a_negation_scope():
    assert text.stems("Not now, not ever.", negation=True) == ["not", "now_NEG", ",_NEG", "not_NEG", "ever_NEG"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(list("ab cDE'\".,:;!?()[]{}<>-–—$%&@#…“”‘’0123456789\n\t")
                                + [" can't ", " gonna ", " won't ", " ''hi'' ", " ``x`` ", " --", " ...",
                                   " U.S. ", " 3,000 ", "cannot", " wanna ", " Kyiv's "]), max_size=40).map("".join))
def test_tokens_keep_every_character(s):
    """The tokens are the text's non-space characters in order (lower-cased, plain quotes): nothing is lost."""
    toks = text.tokens(s)
    assert "".join(toks) == "".join(s.lower().translate(text.QUOTES).split())
    assert all(t and not any(ch.isspace() for ch in t) for t in toks)


def test_two_sentence_splitters_have_two_names():
    from stancemap import extract

    assert not hasattr(extract, "sentence_spans") and callable(extract.fast_sentence_spans)
    s = "Mr. Smith arrived. He left."
    assert text.sentence_spans(s) == extract.fast_sentence_spans(s) == [(0, 18), (19, 27)]


def test_importing_the_report_does_not_import_nltk():
    """nltk (a second of imports: scipy.stats, sklearn) loads on first use, not with the pipeline."""
    import subprocess
    import sys

    code = "import sys, stancemap.report, stancemap.text; print('nltk' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_glasgow_stop_words_are_scikit_learns_list():
    from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

    assert text._glasgow_stop_words() == frozenset(ENGLISH_STOP_WORDS)
    assert "against" not in text.analysis_stopwords() and "the" in text.analysis_stopwords()
