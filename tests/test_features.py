"""Hashed features (sparse_features + estimators.HashedFeatures): n-grams, columns, weights, names, cue counts."""
from __future__ import annotations

from functools import cache

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sklearn.feature_extraction.text import CountVectorizer

from stancemap import sparse_features as sf
from stancemap.codebook import count_matches, load_codebook
from stancemap.estimators import _cue_regex, codebook_cues, cue_counts, make_features
from stancemap.text import negation_marks, stem

TRAIN = ["We welcome the truce and will sign it.", "Stop the aid now!", "No talks, no truce.",
         "Shelling near the ford;  the toll\ncosts trade.", "Ceasefire talks in Riyadh — a first step?",
         "Sanctions must stay until the invaders leave.", "İstanbul talks: ß, ǅ and café",
         "Kyiv's allies don't waver; they won't stop the aid."]

_PIECES = ["truce", "Truce", "talks", "no", "not", "never", "aid", "the", " ", "  ", "\n", "\t", ",", ".", "!", "?",
           ";", "ceasefire", "cease-fire", "café", "İ", "ß", "\u00a0", "'", "’", "“", "x", "Riyadh", "—",
           "sanctions", "don't", "n't", "lift", "peace talks", "negotiations"]
_TEXTS = st.lists(st.sampled_from(_PIECES), max_size=30).map("".join)


@pytest.fixture(scope="module")
def features():
    return make_features(cues=codebook_cues(load_codebook())).fit(TRAIN)


def test_tokens_split_clitics_as_treebank_does():
    assert sf.tokens("Kyiv's allies don't waver.") == ["kyiv", "'s", "allies", "do", "n't", "waver", "."]
    assert sf.word_grams("We will not accept it.", (1, 1)) == ["we", "will", "not", "accept_NEG", "it_NEG"]
    assert sf.word_grams("Stop aid", (1, 2)) == ["stop", "aid", "stop aid"]


@settings(max_examples=150, deadline=None)
@given(_TEXTS)
def test_word_units_follow_nltk_negation_marks(text):
    """Stems with _NEG in nltk's negation scope (text.negation_marks), punctuation kept only in a scope."""
    toks = sf.tokens(text)
    marks = negation_marks(toks)
    want = [stem(t) + "_NEG" if m else stem(t) for t, m in zip(toks, marks)
            if m or any(ch.isalnum() or ch == "_" for ch in t)]
    assert sf.word_grams(text, (1, 1)) == want


@settings(max_examples=150, deadline=None)
@given(st.lists(_TEXTS, min_size=1, max_size=8))
def test_fast_columns_equal_the_named_n_grams(texts):
    """The vectorised word columns are the columns of word_unit_grams (what explain re-hashes),
    the char columns those of char_grams."""
    h = sf.Hasher()
    wc, wp = h.word_columns(texts)
    cc, cp = h.char_columns(texts)
    for i, text in enumerate(texts):
        assert sorted(wc[wp[i]:wp[i + 1]].tolist()) == sorted(g % h.n_word for _, g in sf.word_unit_grams(text))
        want = [sf.column(g, h.n_char) for w in text.lower().split() for g in sf.char_grams(w)]
        assert sorted(cc[cp[i]:cp[i + 1]].tolist()) == sorted(want)


@settings(max_examples=100, deadline=None)
@given(_TEXTS)
def test_char_grams_are_scikit_learns_char_wb(text):
    analyzer = CountVectorizer(analyzer="char_wb", ngram_range=(2, 5), lowercase=True).build_analyzer()
    assert sorted(g for w in text.lower().split() for g in sf.char_grams(w)) == sorted(analyzer(text))


@cache
def _codebook_cues() -> dict:
    """The codebook's cue lists, read once for the 100 examples below (reading costs more than counting)."""
    return codebook_cues(load_codebook())


@settings(max_examples=100, deadline=None)
@given(st.lists(_TEXTS, min_size=1, max_size=10))
def test_cue_counts_equal_findall_per_list(texts):
    from stancemap import estimators

    cues = _codebook_cues()
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(estimators, "COMBINED_FROM", 1)  # the one-pass regex, even for a few texts
        got = cue_counts(cues, texts)
    for name, terms in cues.items():
        assert np.array_equal(got[name], count_matches(_cue_regex(tuple(terms)), texts)), name


def test_weights_are_l2_normalised_per_block_without_repeats(features):
    X = features.transform(["Stop aid", "Stop"]).toarray()
    nw, nc = len(features.word_columns_), len(features.char_columns_)
    for row in X:
        for block in (row[:nw], row[nw:nw + nc]):
            if block.any():
                assert np.linalg.norm(block) <= 1.0 + 1e-12  # columns unseen in training carry no weight
    assert X.shape[1] == features.n_features_out_ == nw + nc + len(features.cue_names_)


def test_transform_is_the_same_in_any_block_and_call(features):
    texts = TRAIN * 3 + ["", "   "]
    whole = features.transform(texts)
    again = features.transform(texts)
    parts = [features.transform(texts[i:i + 5]) for i in range(0, len(texts), 5)]
    from scipy import sparse

    for other in (again, sparse.vstack(parts, format="csr")):
        assert (whole != other).nnz == 0
    raw, _ = features.transform_with_counts(texts, canonical=False)  # duplicates: same products
    W = np.random.default_rng(0).normal(size=(whole.shape[1], 3))
    np.testing.assert_allclose(raw @ W, whole @ W, rtol=0, atol=1e-12)
    assert features.transform([]).shape == (0, features.n_features_out_)


_EVERY_SEPARATOR = "".join(map(chr, [*range(0, 9), *range(14, 28)]))


@pytest.mark.parametrize("extra", [[], [f"sanctions {_EVERY_SEPARATOR} aid"]], ids=["joined", "one-by-one"])
def test_decision_by_distinct_word_is_the_matrix_product(features, extra):
    """decision_with_counts sums the char block by distinct word: the product of transform, the
    same cue counts, and the same numbers in any block (a text holding every separator character
    makes the split go text by text)."""
    texts = TRAIN * 2 + ["", "   ", "aid aid aid AID", "ΣΟΦΟΣ sanctions — ‘truce’", "x"] + extra
    W = np.random.default_rng(1).normal(size=(features.n_features_out_, 4))
    got, counts = features.decision_with_counts(texts, W)
    want, want_counts = features.transform_with_counts(texts)
    np.testing.assert_allclose(got, want @ W, rtol=0, atol=1e-12)
    assert counts.keys() == want_counts.keys() and all(np.array_equal(counts[k], want_counts[k]) for k in counts)
    parts = np.vstack([features.decision_with_counts(texts[i:i + 3], W)[0] for i in range(0, len(texts), 3)])
    assert np.array_equal(parts, got)
    assert features.decision_with_counts([], W)[0].shape == (0, 4)
    # W's rows of the columns used, given by a function: the same numbers, bit for bit
    taken = []
    rows, rows_counts = features.decision_with_counts(texts, lambda cols: taken.append(cols) or W[cols])
    assert np.array_equal(rows, got) and all(np.array_equal(rows_counts[k], counts[k]) for k in counts)
    assert len(taken) == 1 and 0 < len(taken[0]) < W.shape[0] and np.all(np.diff(taken[0]) > 0)
    assert features.decision_with_counts([], lambda cols: W[cols])[0].shape == (0, 4)


def test_fit_keeps_only_hashed_columns_and_idf(features):
    assert set(features.arrays()) == {"word_columns", "word_idf", "char_columns", "char_idf"}
    assert all(a.dtype.kind in "if" for a in features.arrays().values())
    pruned = make_features(min_df=2, max_features=50).fit(TRAIN)
    assert len(pruned.word_columns_) <= 50 and len(pruned.char_columns_) <= 50
    assert len(pruned.char_columns_) < len(features.char_columns_)


def test_names_in_recovers_the_n_grams_of_a_text(features):
    text = "No talks, no truce."
    X = features.transform([text])
    names = features.names_in(text)
    assert set(X.indices) <= set(names)
    assert "word__truce_NEG" in names.values() and "cue__frame:diplomacy" in names.values()
    assert any(n.startswith("char__") for n in names.values())


def test_word_columns_of_a_block_are_each_texts_own():
    """A block is tokenised as one string joined by a character no text holds: texts holding
    separator characters, final sigma (lower-casing that depends on the neighbours) and
    negation scopes at a text's edge give the columns each text gives alone; when every
    separator occurs, the block is done text by text."""
    texts = ["ΟΔΟΣ", "not", "truce \x00 talks", "".join(sf._SEPARATORS[:-1]) + " won't", "Don't. Stop",
             "ΣΑΣ", "", "never the aid", "Ada Quill’s truce isn’t"]
    for block in (texts, texts + ["x" + "".join(sf._SEPARATORS)]):
        wc, wp = sf.Hasher().word_columns(block)
        assert len(wp) == len(block) + 1
        for i, text in enumerate(block):
            alone, _ = sf.Hasher().word_columns([text])
            assert wc[wp[i]:wp[i + 1]].tolist() == alone.tolist(), text
            assert sorted(alone.tolist()) == sorted(g % sf.N_WORD for _, g in sf.word_unit_grams(text))


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=12))
def test_columns_are_scikit_learns_murmurhash3(gram):
    """mmh3 gives scikit-learn's murmurhash3_32(…, seed=0, positive=True) numbers, so a model's hashed
    columns do not depend on which of the two computed them (mmh3 spares scoring scikit-learn's import)."""
    from sklearn.utils import murmurhash3_32

    try:
        gram.encode("utf-8")
    except UnicodeEncodeError:  # lone surrogates: neither library hashes them
        return
    assert sf.column(gram, 2 ** 32) == murmurhash3_32(gram, 0, True)
    assert sf.column(gram, sf.N_CHAR) == murmurhash3_32(gram, 0, True) % sf.N_CHAR


def test_one_hasher_serves_several_threads():
    """The Dask engine's threads score with one model: its token table once lost its block separator
    (KeyError '\\x00') or could not grow while another thread read it (BufferError)."""
    import random
    import sys
    import threading

    rng = random.Random(0)
    vocab = [f"w{i}" for i in range(3000)] + ["not", "never", ",", "."]
    blocks = [[" ".join(rng.choice(vocab) for _ in range(12)) for _ in range(40)] for _ in range(120)]
    want = [sf.Hasher().word_columns(b) for b in blocks]
    shared, got, errors = sf.Hasher(), {}, []

    def run(k):
        try:
            for i in range(k, len(blocks), 4):
                got[i] = shared.word_columns(blocks[i])
        except Exception as e:  # noqa: BLE001 - collected and asserted below
            errors.append(repr(e))

    old = sys.getswitchinterval()
    sys.setswitchinterval(1e-6)  # switch threads as often as possible
    try:
        threads = [threading.Thread(target=run, args=(k,)) for k in range(4)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
    finally:
        sys.setswitchinterval(old)
    assert errors == []
    for i, (cols, ptr) in enumerate(want):
        np.testing.assert_array_equal(got[i][0], cols)
        np.testing.assert_array_equal(got[i][1], ptr)


@settings(max_examples=100, deadline=None)
@given(st.lists(st.binary(min_size=1, max_size=12), min_size=1, max_size=20))
def test_murmur3_keys_are_mmh3s_hashes(keys):
    from mmh3 import hash as mmh3_hash

    for n in sorted({len(k) for k in keys}):
        same = [k for k in keys if len(k) == n]
        buf = np.frombuffer(b"".join(same), dtype=np.uint8)
        got = sf.murmur3_keys(buf, np.arange(len(same)) * n, n)
        assert got.tolist() == [mmh3_hash(k, 0, False) for k in same]


@settings(max_examples=100, deadline=None)
@given(st.lists(st.text(alphabet="abcxyz019'-.", min_size=1, max_size=9), max_size=12),
       st.sampled_from([(2, 5), (1, 3), (3, 6), (2, 2)]))
def test_ascii_char_columns_are_char_grams_hashed(words, ngrams):
    """The batched hashing of new words gives what hashing each word's char_grams gives."""
    h = sf.Hasher(char_ngrams=ngrams, n_char=2 ** 20)
    want = [np.asarray([sf.column(g, 2 ** 20) for g in sf.char_grams(w, ngrams)], dtype=np.int32).tobytes()
            for w in words]
    assert sf.ascii_char_columns(words, ngrams, 2 ** 20) == want
    assert h._char_words_new(words + ["ünï", "x"]) == want + [h._char_word("ünï"), h._char_word("x")]
