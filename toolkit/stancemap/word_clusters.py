"""Distributional word clusters learned from unlabelled text, as a feature block of hashed stems.

A classical semi-supervised representation (Turian, Ratinov & Bengio 2010): words that occur in
the same contexts share a cluster, so a frame learned from "sanctions" in labelled sentences also
fires on "embargo" or "restrictions" in a sentence the labels never saw. The clusters come from
the lower-cased words of unlabelled documents: positive PMI of word pairs within ``window`` words of
each other (context distribution smoothed by 0.75), a truncated SVD (Levy, Goldberg & Dagan 2015),
rows l2-normed, k-means (Lloyd 1982; seeded). Each stem then takes the cluster most of its words'
occurrences fall in (the word block counts stems). Clusters of words scored higher than clusters
of stems on the frames (document-grouped CV on the real train part: micro-F1 0.791 against 0.784;
``benchmarks/README.md``).

The table is stored without strings: the word block's hashed column of each clustered stem
(:func:`stancemap.sparse_features.unit_hashes`: the stem and the stem in a negation's scope,
``_NEG``, both map to the stem's cluster) and its cluster number, two integer arrays. A text's
bag counts its word units by cluster, l2-normed (:func:`cluster_bag`); unknown stems count nothing.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from functools import cached_property
from typing import Iterable

import numpy as np

from .errors import StancemapError
from .sparse_features import N_WORD, unit_hashes
from .text import stem, words

#: Settings of :func:`learn_clusters` the default model uses.
CLUSTER_SETTINGS = {"k": 256, "vocabulary": 30_000, "min_count": 5, "dims": 100, "window": 3, "seed": 0}


@dataclass(frozen=True)
class WordClusters:
    """Hashed word-block column → cluster number (``columns`` sorted, unique; ``ids`` beside them)."""

    columns: np.ndarray
    ids: np.ndarray
    k: int
    n_word: int = N_WORD

    def __post_init__(self):
        cols, ids = np.asarray(self.columns), np.asarray(self.ids)
        if cols.ndim != 1 or cols.shape != ids.shape:
            raise StancemapError(f"Word clusters need two arrays of one length; got shapes {cols.shape} and {ids.shape}.")
        if len(cols) and (np.any(np.diff(cols) <= 0) or cols[0] < 0 or cols[-1] >= self.n_word):
            raise StancemapError(f"Word-cluster columns must be sorted, distinct and in [0, {self.n_word}).")
        if len(ids) and (ids.min() < 0 or ids.max() >= self.k):
            raise StancemapError(f"Word-cluster numbers must be in [0, {self.k}); got {ids.min()} … {ids.max()}.")

    def settings(self) -> dict:
        return {"k": int(self.k), "n_word": int(self.n_word), "n_columns": int(len(self.columns))}

    def arrays(self) -> dict[str, np.ndarray]:
        return {"cluster_columns": np.asarray(self.columns, dtype=np.int32),
                "cluster_ids": np.asarray(self.ids, dtype=np.int16)}

    @classmethod
    def from_saved(cls, settings, arrays) -> WordClusters:
        return cls(np.asarray(arrays["cluster_columns"], dtype=np.int32),
                   np.asarray(arrays["cluster_ids"], dtype=np.int16), int(settings["k"]), int(settings["n_word"]))

    @cached_property
    def _dense(self) -> np.ndarray:
        """``lookup[column]`` = its cluster or −1, for every column of the word block (2 bytes each)."""
        out = np.full(int(self.n_word), -1, dtype=np.int16)
        out[np.asarray(self.columns, dtype=np.int64)] = self.ids
        return out

    def of_columns(self, cols: np.ndarray) -> np.ndarray:
        """The cluster of each hashed word column (−1 where none)."""
        return self._dense[np.asarray(cols, dtype=np.int64)].astype(np.int64)


def word_cluster_labels(texts: Iterable[str], k: int = 256, vocabulary: int = 30_000, min_count: int = 5,
                        dims: int = 100, window: int = 3, seed: int = 0) -> tuple[list[str], np.ndarray, Counter]:
    """``(words, their cluster numbers, word counts)``: the ``vocabulary`` most frequent lower-cased
    words (seen ``min_count`` times or more) of ``texts`` clustered by their contexts (see the module
    docstring); deterministic for given texts."""
    from sklearn.cluster import KMeans

    vocab, E, count = word_vectors(texts, vocabulary, min_count, dims, window, more_than=k)
    return vocab, KMeans(k, n_init=1, random_state=seed).fit_predict(E), count


def word_vectors(texts: Iterable[str], vocabulary: int = 30_000, min_count: int = 5, dims: int = 100,
                 window: int = 3, more_than: int = 0) -> tuple[list[str], np.ndarray, Counter]:
    """``(words, their unit-length vectors, word counts)``: positive PMI of the ``vocabulary`` most
    frequent lower-cased words (seen ``min_count`` times or more) within ``window`` words, reduced to
    ``dims`` dimensions by a truncated SVD (Levy, Goldberg & Dagan 2015), rounded to 6 decimals;
    deterministic for given texts. ``more_than``: the fewest distinct words the caller needs."""
    import scipy.sparse as sp
    from scipy.sparse.linalg import svds

    k = more_than
    docs = [words(t) for t in texts]
    count = Counter(w for d in docs for w in d)
    vocab = [w for w, c in sorted(count.items(), key=lambda x: (-x[1], x[0]))[:vocabulary] if c >= min_count]
    if len(vocab) <= max(k, dims + 1):
        raise StancemapError(f"Word clusters need more than {max(k, dims + 1)} distinct words seen {min_count}+ times; "
                             f"the texts give {len(vocab)}. Learn them from more text, or leave them out of the model.")
    index = {w: i for i, w in enumerate(vocab)}
    V = len(vocab)
    rows, cols = [], []
    for d in docs:
        ids = np.fromiter((index.get(w, -1) for w in d), dtype=np.int64, count=len(d))
        for off in range(1, window + 1):
            a, b = ids[:-off], ids[off:]
            ok = (a >= 0) & (b >= 0)
            rows.append(a[ok])
            cols.append(b[ok])
    r, c = np.concatenate(rows), np.concatenate(cols)
    C = sp.coo_matrix((np.ones(len(r)), (r, c)), shape=(V, V)).tocsr()
    C = (C + C.T).tocoo()
    C.sum_duplicates()
    row_sum = np.asarray(C.sum(1)).ravel()
    total = C.data.sum()
    ctx = row_sum ** 0.75
    ctx /= ctx.sum()
    pmi = np.log(C.data / total) - np.log(row_sum[C.row] / total) - np.log(ctx[C.col])
    keep = pmi > 0
    P = sp.csr_matrix((pmi[keep], (C.row[keep], C.col[keep])), shape=(V, V))
    U, S, _ = svds(P, k=dims, v0=np.ones(V) / np.sqrt(V))
    E = U * np.sqrt(S)
    E /= np.linalg.norm(E, axis=1, keepdims=True) + 1e-12
    E = np.round(E, 6)  # last-bit differences of the SVD must not move a word between clusters
    return vocab, E, count


def learn_clusters(texts: Iterable[str], k: int = 256, vocabulary: int = 30_000, min_count: int = 5,
                   dims: int = 100, window: int = 3, seed: int = 0, n_word: int = N_WORD) -> WordClusters:
    """The hashed table of :func:`word_cluster_labels`, each stem taking the cluster most of its
    words' occurrences fall in (ties: the lower number)."""
    vocab, labels, count = word_cluster_labels(texts, k, vocabulary, min_count, dims, window, seed)
    votes: dict[str, Counter] = {}
    for w, cl in zip(vocab, labels.tolist()):
        votes.setdefault(stem(w), Counter())[cl] += count[w]
    main = {s: min(v.items(), key=lambda x: (-x[1], x[0]))[0] for s, v in votes.items()}
    return table_from_stems(main, k, [sum(votes[s].values()) for s in main], n_word)


def table_from_stems(stem_cluster: dict[str, int], k: int, frequency: list[int] | None = None,
                     n_word: int = N_WORD) -> WordClusters:
    """The hashed table of ``{stem: cluster}``: each stem's column and its ``_NEG`` column; where two
    stems share a column the more frequent one (``frequency``, in the dict's order) keeps it."""
    freq = frequency if frequency is not None else [0] * len(stem_cluster)
    best: dict[int, tuple[int, int, str]] = {}
    for (s, cl), f in zip(stem_cluster.items(), freq):
        for h in unit_hashes(s):
            col = h % n_word
            got = best.get(col)
            if got is None or (f, s) > (got[0], got[2]):
                best[col] = (f, int(cl), s)
    cols = np.asarray(sorted(best), dtype=np.int32)
    ids = np.asarray([best[c][1] for c in cols.tolist()], dtype=np.int16)
    return WordClusters(cols, ids, int(k), int(n_word))


def cluster_entries(clusters: WordClusters, unit_columns: np.ndarray, unit_rows: np.ndarray,
                    n_rows: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The nonzero entries of :func:`cluster_bag` as ``(rows, clusters, values)``, sorted by row
    then cluster: each row's word units (hashed columns ``unit_columns`` of rows ``unit_rows``)
    counted by cluster, l2-normed per row."""
    cl = clusters.of_columns(unit_columns)
    hit = cl >= 0
    keys = np.asarray(unit_rows, dtype=np.int64)[hit] * clusters.k + cl[hit]
    keys, counts = np.unique(keys, return_counts=True)
    rows, cols = keys // clusters.k, keys % clusters.k
    vals = counts.astype(np.float64)
    norm = np.sqrt(np.bincount(rows, weights=vals * vals, minlength=n_rows))
    return rows, cols, vals / norm[rows]


def cluster_bag(clusters: WordClusters, unit_columns: np.ndarray, unit_rows: np.ndarray, n_rows: int) -> np.ndarray:
    """``(n_rows, k)`` dense array of :func:`cluster_entries` (rows with no clustered unit stay 0)."""
    rows, cols, vals = cluster_entries(clusters, unit_columns, unit_rows, n_rows)
    out = np.zeros((n_rows, clusters.k))
    out[rows, cols] = vals
    return out


__all__ = ["CLUSTER_SETTINGS", "WordClusters", "cluster_bag", "cluster_entries", "learn_clusters", "table_from_stems",
           "word_cluster_labels", "word_vectors"]
