"""Faster transform for a fitted feature union: the same matrix, bit for bit.

scikit-learn's vectorizers count features with a Python dictionary per document
and, for ``analyzer="char_wb"``, cut every word into n-grams again in every
document. Scoring a large corpus spends most of its time there. This module
gives :func:`transform`, which returns exactly what ``features.transform(texts)``
returns (the tests compare the matrices element by element), by

* cutting each distinct word into its character n-gram *vocabulary indices*
  once (words repeat: Zipf's law), and
* counting (document, feature) pairs for a whole block of documents with one
  ``numpy.unique`` call instead of a dictionary per document,

then applying the fitted TF-IDF weighting of the vectorizer itself. Anything it
does not recognise (another analyzer, a custom preprocessor, accents stripping,
binary counts, transformer weights) falls back to scikit-learn's own transform.
"""
from __future__ import annotations

import hashlib
import weakref

import numpy as np

#: Per fitted char_wb vectorizer (by content, so a copy unpickled in a worker process
#: finds the cache its predecessors filled): word → vocabulary indices of its n-grams.
_WORD_CACHES: dict[bytes, dict[str, tuple[int, ...]]] = {}
_KEYS: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()
_MAX_CACHED_WORDS = 300_000


def _word_cache(vec) -> dict[str, tuple[int, ...]]:
    key = _KEYS.get(vec)
    if key is None:
        h = hashlib.blake2b(repr((vec.ngram_range, vec.lowercase)).encode("utf-8"), digest_size=20)
        for term, idx in vec.vocabulary_.items():
            h.update(f"{term}\x00{int(idx)}\x01".encode("utf-8", "surrogatepass"))
        key = _KEYS[vec] = h.digest()
    cache = _WORD_CACHES.get(key)
    if cache is None:
        if len(_WORD_CACHES) >= 4:
            _WORD_CACHES.clear()
        cache = _WORD_CACHES[key] = {}
    elif len(cache) > _MAX_CACHED_WORDS:
        cache.clear()
    return cache


def _plain_vectorizer(vec) -> bool:
    from sklearn.feature_extraction.text import TfidfVectorizer

    return (type(vec) is TfidfVectorizer and vec.input == "content" and vec.preprocessor is None
            and not vec.strip_accents and not vec.binary and hasattr(vec, "_tfidf")
            and hasattr(vec, "vocabulary_") and vec.analyzer in ("char_wb", "word"))


def _word_ngram_indices(word: str, vocab: dict, min_n: int, max_n: int) -> tuple[int, ...]:
    """Vocabulary indices of the n-grams scikit-learn's ``char_wb`` analyzer cuts from one word
    (padded with a space each side; a word shorter than n gives itself once)."""
    w = " " + word + " "
    w_len = len(w)
    out = []
    for n in range(min_n, max_n + 1):
        offset = 0
        idx = vocab.get(w[offset:offset + n])
        if idx is not None:
            out.append(idx)
        while offset + n < w_len:
            offset += 1
            idx = vocab.get(w[offset:offset + n])
            if idx is not None:
                out.append(idx)
        if offset == 0:
            break
    return tuple(out)


def _feature_columns(vec, texts: list[str]) -> tuple[list[int], list[int]]:
    """Flat vocabulary indices of every document's features, and the document boundaries."""
    vocab = vec.vocabulary_
    flat: list[int] = []
    bounds = [0]
    if vec.analyzer == "char_wb":
        cache = _word_cache(vec)
        min_n, max_n = vec.ngram_range
        white = vec._white_spaces
        lower = vec.lowercase
        for doc in texts:
            if lower:
                doc = doc.lower()
            for word in white.sub(" ", doc).split():
                got = cache.get(word)
                if got is None:
                    got = cache[word] = _word_ngram_indices(word, vocab, min_n, max_n)
                flat.extend(got)
            bounds.append(len(flat))
    else:
        analyze = vec.build_analyzer()
        get = vocab.get
        for doc in texts:
            flat.extend(i for i in map(get, analyze(doc)) if i is not None)
            bounds.append(len(flat))
    return flat, bounds


def counts(vec, texts: list[str]):
    """The document-term count matrix ``CountVectorizer.transform`` gives (sorted indices)."""
    from scipy import sparse

    try:  # scikit-learn ≥ 1.8 returns the configured sparse interface
        from sklearn.feature_extraction.text import _align_api_if_sparse
    except ImportError:  # pragma: no cover - older scikit-learn: csr_matrix, as its vectorizers give
        def _align_api_if_sparse(X):
            return sparse.csr_matrix(X)

    n_docs, n_features = len(texts), len(vec.vocabulary_)
    flat, bounds = _feature_columns(vec, texts)
    cols = np.asarray(flat, dtype=np.int64)
    rows = np.repeat(np.arange(n_docs, dtype=np.int64), np.diff(np.asarray(bounds, dtype=np.int64)))
    keys, n = np.unique(rows * n_features + cols, return_counts=True)
    indptr = np.searchsorted(keys // n_features, np.arange(n_docs + 1, dtype=np.int64), side="left")
    index_dtype = np.int32 if len(keys) <= np.iinfo(np.int32).max else np.int64
    X = sparse.csr_array((n.astype(np.intc), (keys % n_features).astype(index_dtype), indptr.astype(index_dtype)),
                         shape=(n_docs, n_features), dtype=vec.dtype)  # (data, indices, indptr)
    X.has_sorted_indices = True
    return _align_api_if_sparse(X)


def transform(features, texts: list[str]):
    """``features.transform(texts)`` for a fitted FeatureUnion, computed faster (same matrix)."""
    if (not texts or features.transformer_weights or getattr(features, "n_jobs", None) not in (None, 1)
            or any(t is None or isinstance(t, str) for _, t in features.transformer_list)):
        return features.transform(texts)
    try:
        Xs = []
        for _, trans in features.transformer_list:
            if _plain_vectorizer(trans):
                Xs.append(trans._tfidf.transform(counts(trans, texts), copy=False))
            else:
                Xs.append(trans.transform(texts))
        return features._hstack(Xs)
    except (AttributeError, ImportError):  # scikit-learn internals moved: use its own transform
        return features.transform(texts)
