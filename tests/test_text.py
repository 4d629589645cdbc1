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
def test_stems_equal_the_nltk_pipeline(sentence):
    """The memoised stemmer and negation marks give exactly what Treebank → mark_negation →
    Snowball gives (punctuation in a negation scope stays, as ``,_NEG``)."""
    from nltk.sentiment.util import mark_negation
    from nltk.stem.snowball import SnowballStemmer
    from nltk.tokenize import TreebankWordTokenizer

    stem = SnowballStemmer("english").stem
    expected = []
    for t in mark_negation(TreebankWordTokenizer().tokenize(sentence.lower())):
        if t.endswith("_NEG"):
            expected.append(stem(t[:-4]) + "_NEG")
        elif any(ch.isalnum() or ch == "_" for ch in t):
            expected.append(stem(t))
    assert text.stems(sentence, negation=True) == expected


def test_stems_keep_punctuation_inside_a_negation_scope():
    assert text.stems("Not now, not ever.", negation=True) == ["not", "now_NEG", ",_NEG", "not_NEG", "ever_NEG"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(list("ab cDE'\".,:;!?()[]{}<>-–—$%&@#…“”‘’0123456789\n\t")
                                + [" can't ", " gonna ", " won't ", " ''hi'' ", " ``x`` ", " --", " ...",
                                   " U.S. ", " 3,000 ", "cannot", " wanna "]), max_size=40).map("".join))
def test_treebank_tokens_equal_nltk(s):
    """Our re-compiled Treebank tokenizer gives exactly nltk's tokens."""
    from nltk.tokenize import TreebankWordTokenizer

    assert text._treebank().tokenize(s) == TreebankWordTokenizer().tokenize(s)
    assert text._treebank().tokenize(s.lower()) == TreebankWordTokenizer().tokenize(s.lower())


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
