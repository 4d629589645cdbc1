"""Frame and stance classifiers: classical, transparent, scikit-learn-compatible estimators.

Features (:class:`HashedFeatures`) are hashed word n-grams over Snowball stems
with negation marking (Das & Chen 2001) and hashed character n-grams inside
word boundaries — the feature set of the SemEval-2016 stance organisers' SVM
baseline (Mohammad et al. 2016) — with sublinear tf, IDF and l2 norm, no
vocabulary (the hashing trick, Weinberger et al. 2009;
:mod:`stancemap.sparse_features`), and, by default, the log-counts of each
codebook cue list, which carry the codebook's vocabulary to real text the
constructed examples never phrase that way. A linear SVM (or logistic
regression) is fitted with scikit-learn; its scores are turned into
probabilities with Platt's sigmoid (Platt 1999) fitted by cross-validation
(``CalibratedClassifierCV``) whenever every class has at least two examples.
A fitted classifier keeps only numbers (:class:`LinearProba`: coefficients,
intercepts, sigmoid parameters), so a saved model is arrays and JSON
(:mod:`~stancemap.modelfile`) and scoring is one sparse × dense product.

* :class:`FrameClassifier` — multi-label, one binary classifier per frame
  (one-vs-rest) over one shared feature space.
* :class:`StanceClassifier` — one target, classes ``favor``/``against``/``none``;
  its features may end with a target-specific block (:class:`ExtraBlock`,
  a stateless function registered in :data:`EXTRA_BLOCKS`).

Because both classifiers are linear, every prediction decomposes into
coefficient × feature value per n-gram (their ``explain`` methods; hashed
columns are named by re-hashing the text's own n-grams).

The classes carry ``stancemap.models`` (:data:`PUBLIC_MODULE`, which re-exports
them) as their ``__module__``: their public path. The rest of the modelling
layer builds on them: :mod:`~stancemap.labels`, :mod:`~stancemap.modelfile`,
:mod:`~stancemap.training`, :mod:`~stancemap.modelstore` and
:mod:`~stancemap.explanations`.
"""
from __future__ import annotations

import importlib
import warnings
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
import pandas as pd

from . import libm
from . import sparse_features as sf
from .codebook import count_matches, cue_trie
from .errors import LossyStepWarning, StancemapError, unknown_value
from .schema import text_values
from .sklearn_compat import Classifier, Params, Transformer, check_fitted
from .text import stems

#: Base learners that :class:`FrameClassifier` and :class:`StanceClassifier` accept.
ESTIMATORS = ("svm", "logreg")


# --------------------------------------------------------------------------- features

@lru_cache(maxsize=200_000)
def _stem_tuple(text: str) -> tuple[str, ...]:
    return tuple(stems(text, negation=True))


def word_tokens(text: str) -> list[str]:
    """Snowball stems with ``_NEG`` after a negation (:func:`stancemap.text.stems`: the
    unigrams of :func:`stancemap.sparse_features.word_grams`).

    >>> word_tokens("We will not accept it")
    ['we', 'will', 'not', 'accept_NEG', 'it_NEG']
    """
    return list(_stem_tuple(text))


@lru_cache(maxsize=256)
def _cue_regex(cues: tuple[str, ...]):
    from .codebook import compile_cues

    return compile_cues(cues)


_LOOKBEHIND = r"(?<![\w-])"

#: From this many texts on, :func:`cue_counts` matches every cue list in one pass.
COMBINED_FROM = 500


@lru_cache(maxsize=64)
def _combined_cues(lists: tuple[tuple[str, ...], ...]):
    """One regex for several cue lists: it stops only where some list matches (consuming the
    character before) and captures, in group ``k + 1``, what list ``k``'s own pattern would
    match there (``None`` if nothing), plus
    its twin for lower-cased ASCII text (as :func:`stancemap.codebook.count_matches`)."""
    import re

    inner = []
    for terms in lists:
        pat = _cue_regex(terms)
        if not pat.pattern.startswith(_LOOKBEHIND):
            return None
        inner.append(pat.pattern[len(_LOOKBEHIND):])
    union = cue_trie({t for terms in lists for t in terms})  # where any list matches (a trie: fast)
    # "(?<![\w-])" is "after a [^\w-] character or at the start": the texts get a leading space
    # and the match consumes that character, so the regex engine can skip to candidate
    # characters (a leading look-behind would make it try every position)
    body = r"[^\w-]" + "(?=" + union + ")" + "".join(f"(?=({p})?)" for p in inner)
    combined = re.compile(body, re.IGNORECASE)
    # for lower-cased ASCII text the case-sensitive twin finds the same matches, faster (unless the
    # pattern has a cased non-ASCII character: "ſ" matches "s" ignoring case), as count_matches does
    caseless = all(ch.isascii() or ch.lower() == ch == ch.upper() for ch in body)
    return combined, (re.compile(body) if caseless else None)


def cue_counts(cues: Mapping[str, Sequence[str]], texts: list[str]) -> dict[str, np.ndarray]:
    """Number of matches of each cue list in each text: ``len(pattern.findall(text))`` with
    the list's codebook pattern (:func:`stancemap.codebook.count_matches`), for every list
    in one pass over each text (the combined regex gives every list's match at each
    position; each list's matches are then taken left to right without overlap, as
    ``findall`` does)."""
    names = list(cues)
    lists = tuple(tuple(cues[n]) for n in names)
    # the combined regex takes a few tenths of a second to compile: worth it for many texts only
    combined = _combined_cues(lists) if names and len(texts) >= COMBINED_FROM else None
    if combined is None:
        return {name: count_matches(_cue_regex(tuple(terms)), texts) for name, terms in cues.items()}
    pattern, twin = combined
    k = len(names)
    rows: list[tuple[int, list[int]]] = []
    for i, text in enumerate(texts):
        found = (twin if twin is not None and text.isascii() else pattern).finditer(
            " " + (text.lower() if twin is not None and text.isascii() else text))
        got = None
        for m in found:
            if got is None:
                got, ends = [0] * k, [0] * k
            s = m.end()  # where every list's match begins (the look-aheads after the consumed character)
            for j, g in enumerate(m.groups()):
                if g is not None and s >= ends[j]:
                    got[j] += 1
                    ends[j] = s + len(g)
        if got is not None:
            rows.append((i, got))
    out = np.zeros((len(texts), k), dtype=np.int64)
    if rows:
        out[[i for i, _ in rows]] = [g for _, g in rows]
    out = out.T
    return {name: out[j] for j, name in enumerate(names)}


class CueFeatures(Transformer):
    """Codebook cue terms as features: ``log(1 + number of matches)`` per frame or target.

    ``cues`` maps a name (``frame:diplomacy``, ``target:sanctions``) to cue terms
    in the codebook's syntax (``negotiat*``, multiword phrases); the features
    appear in explanations as ``cue__<name>``. (:class:`HashedFeatures` holds the
    same block as its last columns.)
    """

    def __init__(self, cues: Mapping[str, Sequence[str]] | None = None):
        self.cues = cues

    def fit(self, X, y=None):
        self.names_ = list(self.cues or {})
        return self

    def transform(self, X):
        from scipy import sparse

        check_fitted(self, "names_")
        texts = text_list(X)
        counts = cue_counts({n: self.cues[n] for n in self.names_}, texts)
        out = np.zeros((len(texts), len(self.names_)))
        for j, name in enumerate(self.names_):
            out[:, j] = counts[name]
        return sparse.csr_matrix(libm.log1p(out))

    def get_feature_names_out(self, input_features=None):
        check_fitted(self, "names_")
        return np.asarray(self.names_, dtype=object)


class HashedFeatures(Transformer):
    """Hashed word and char n-grams (sublinear tf × IDF, l2 per block) and codebook cue counts.

    Columns: the ``word`` columns seen in training, the ``char`` columns seen in
    training (both in hash order), then, with word clusters (:meth:`with_clusters`), one
    ``cluster`` column per cluster (the text's word units counted by cluster, l2-normed, times
    a weight; :mod:`stancemap.word_clusters`), then one ``cue`` column per cue list
    (``log(1 + matches)``). Fitting stores only which hashed columns occur in the
    training texts (``min_df``, ``max_features`` prune them, by document
    frequency) and their IDF: integer and float arrays, no strings.
    """

    def __init__(self, word_ngrams: tuple[int, int] = (1, 2), char_ngrams: tuple[int, int] = (2, 5),
                 min_df: int = 1, max_features: int | None = None, cues: Mapping | None = None,
                 n_word: int = sf.N_WORD, n_char: int = sf.N_CHAR, idf: bool = True):
        self.word_ngrams = word_ngrams
        self.char_ngrams = char_ngrams
        self.min_df = min_df
        self.max_features = max_features
        self.cues = cues
        self.n_word = n_word
        self.n_char = n_char
        self.idf = idf

    # -- hashing (cached per object; not part of the fitted state)
    def _hasher(self) -> sf.Hasher:
        h = self.__dict__.get("_hasher_cache")
        if h is None:
            h = self.__dict__["_hasher_cache"] = sf.Hasher(self.word_ngrams, self.char_ngrams, self.n_word,
                                                           self.n_char)
        return h

    def _lookup(self) -> np.ndarray:
        got = self.__dict__.get("_lookup_cache")
        if got is None:
            got = self.__dict__["_lookup_cache"] = sf.compact_lookup(self.word_columns_, self.char_columns_,
                                                                     int(self.n_word), int(self.n_char))
        return got

    def __getstate__(self):
        state = dict(self.__dict__)
        state.pop("_hasher_cache", None)
        state.pop("_lookup_cache", None)
        return state

    def _columns(self, texts: list[str]):
        h = self._hasher()
        return h.word_columns(texts), h.char_columns(texts)

    def _kept(self, df: np.ndarray, n_docs: int) -> tuple[np.ndarray, np.ndarray]:
        cols = np.flatnonzero(df >= max(int(self.min_df), 1))
        if self.max_features is not None and len(cols) > int(self.max_features):
            order = np.lexsort((cols, -df[cols]))  # most frequent first, ties by column
            cols = np.sort(cols[order[: int(self.max_features)]])
        return cols.astype(np.int32), sf.smooth_idf(df[cols], n_docs)

    def fit(self, X, y=None):
        texts = text_list(X)
        dw, dc = sf.column_frequency(*self._columns(texts), int(self.n_word), int(self.n_char))
        self.n_docs_ = len(texts)
        self.word_columns_, self.word_idf_ = self._kept(dw, len(texts))
        self.char_columns_, self.char_idf_ = self._kept(dc, len(texts))
        self.cue_names_ = list(self.cues or {})
        self.clusters_, self.cluster_weight_ = None, 0.0
        self.__dict__.pop("_lookup_cache", None)
        return self

    def with_clusters(self, clusters, weight: float) -> HashedFeatures:
        """Add the word-cluster block (a :class:`~stancemap.word_clusters.WordClusters`, its bag times
        ``weight``) to fitted features; ``None`` or weight 0 removes it. Returns self."""
        check_fitted(self, "word_columns_")
        weight = float(weight)
        if not np.isfinite(weight) or weight < 0:
            raise StancemapError(f"The word-cluster weight is a number ≥ 0 (0: no cluster block); got {weight!r}.")
        if clusters is not None and int(clusters.n_word) != int(self.n_word):
            raise StancemapError(f"The word clusters hash into {clusters.n_word} columns, the features into "
                                 f"{self.n_word}: learn them with n_word={self.n_word}.")
        self.clusters_, self.cluster_weight_ = (clusters, weight) if clusters is not None and weight else (None, 0.0)
        return self

    @property
    def n_clusters_(self) -> int:
        c = getattr(self, "clusters_", None)
        return int(c.k) if c is not None else 0

    @property
    def n_features_out_(self) -> int:
        return len(self.word_columns_) + len(self.char_columns_) + self.n_clusters_ + len(self.cue_names_)

    def transform(self, X):
        return self.transform_with_counts(X)[0]

    def transform_with_counts(self, X, canonical: bool = True, char: bool = True):
        """:meth:`transform`, and the cue counts ``{name: counts}`` behind the cue block
        (``canonical=False``: a row may list a column twice, see
        :func:`stancemap.sparse_features.tfidf_compact`; ``char=False``: the char block left empty)."""
        check_fitted(self, "word_columns_")
        texts = text_list(X)
        clusters = getattr(self, "clusters_", None)
        h = self._hasher()
        wc, wp, n_units = h.word_columns_units(texts)
        word = (wc, wp)
        char = h.char_columns(texts) if char else (np.zeros(0, dtype=np.int32), np.zeros(len(texts) + 1, dtype=np.int64))
        counts = cue_counts({k: self.cues[k] for k in self.cue_names_}, texts) if self.cue_names_ else {}
        extra = (libm.log1p(np.column_stack([counts[k] for k in self.cue_names_]).astype(np.float64))
                 if self.cue_names_ and texts else None)
        bag = None
        if clusters is not None and texts:
            from .word_clusters import cluster_entries

            at, rows = sf.unit_entries(wp, n_units)
            r, c, v = cluster_entries(clusters, wc[at], rows, len(texts))
            bag = (r, c, v * self.cluster_weight_, clusters.k)
        idf = np.concatenate([self.word_idf_, self.char_idf_]) if self.idf else None
        out = sf.tfidf_compact(word, char, int(self.n_word), self._lookup(), idf, self.n_docs_,
                               len(self.word_columns_) + len(self.char_columns_), extra, canonical, bag)
        if not texts:
            from scipy import sparse

            out = sparse.csr_matrix((len(texts), self.n_features_out_))
        return out, counts

    def decision_with_counts(self, X, W: np.ndarray | Callable[[np.ndarray], np.ndarray]
                             ) -> tuple[np.ndarray, dict[str, np.ndarray]]:
        """``transform(X) @ W`` (``W``: one row per feature) and the cue counts, with the char block
        summed by distinct word: a text's char columns are its words' columns one after another,
        so its block's product is ``Σ_words (Σ idf · W[column]) / sqrt(Σ_words Σ idf²)`` and each
        distinct word of the texts is multiplied out once, not once per occurrence. The same sums
        as the matrix product, in another order (the last bits may differ).

        ``W`` may also be a function giving ``W[columns]`` for sorted columns: only the rows of
        the columns the texts use are then taken (the same numbers, bit for bit; for a few texts,
        whose columns are a few of ``W``'s rows)."""
        check_fitted(self, "word_columns_")
        texts = text_list(X)
        h = self._hasher()
        n_word, lookup = int(self.n_word), self._lookup()
        occ, text_ptr, cols, word_ptr = h.char_words(texts)
        # each distinct word's kept char columns (as tfidf_compact keeps them) and their product with W
        pos, kept_ptr = sf.kept_entries(cols, word_ptr, lookup[n_word:])
        data = self.char_idf_[pos - len(self.word_columns_)] if self.idf else np.ones(len(pos))
        from scipy import sparse

        n_distinct = len(word_ptr) - 1
        # the other blocks as transform_with_counts builds them, with an empty char block
        rest, counts = self.transform_with_counts(texts, canonical=False, char=False)
        if callable(W):  # the rows of the columns used, and the columns renumbered to them (same order)
            used = np.union1d(pos, rest.indices)
            W = W(used)
            pos = np.searchsorted(used, pos)
            rest = sparse.csr_matrix((rest.data, np.searchsorted(used, rest.indices), rest.indptr),
                                     shape=(rest.shape[0], len(used)))
        per_word = sparse.csr_matrix((data, pos, kept_ptr), shape=(n_distinct, W.shape[0])) @ W
        squares = np.bincount(np.repeat(np.arange(n_distinct, dtype=np.int64), np.diff(kept_ptr)), weights=data * data,
                              minlength=n_distinct)
        words = sparse.csr_matrix((np.ones(len(occ)), occ, text_ptr), shape=(len(texts), n_distinct))
        norm = np.sqrt(words @ squares)
        norm[norm == 0] = 1.0
        char_part = np.asarray(words @ per_word) / norm[:, None]
        return np.asarray(rest @ W) + char_part, counts

    def get_feature_names_out(self, input_features=None):
        """Names of the columns without a text: ``word__#<hash column>``, ``char__#…``, ``cue__<name>``
        (:meth:`names_in` gives the n-grams of one text)."""
        check_fitted(self, "word_columns_")
        return np.asarray([f"word__#{c}" for c in self.word_columns_] + [f"char__#{c}" for c in self.char_columns_]
                          + [f"cluster__#{j}" for j in range(self.n_clusters_)]
                          + [f"cue__{k}" for k in self.cue_names_], dtype=object)

    def names_in(self, text: str) -> dict[int, str]:
        """``{column: "kind__n-gram"}`` for the columns ``text`` sets, by re-hashing its own
        n-grams (n-grams of one text that share a column are joined with `` | ``)."""
        check_fitted(self, "word_columns_")
        lookup, nw = self._lookup(), int(self.n_word)
        found: dict[int, list[str]] = {}
        for g, h in sf.word_unit_grams(text, tuple(self.word_ngrams)):
            j = int(lookup[h % nw])
            if j >= 0 and g not in found.setdefault(j, []):
                found[j].append(g)
        off = len(self.word_columns_)
        for word in text.lower().split():
            for g in sf.char_grams(word, tuple(self.char_ngrams)):
                j = int(lookup[nw + sf.column(g, int(self.n_char))])
                if j >= 0 and g not in found.setdefault(j, []):
                    found[j].append(g)
        out = {j: ("word__" if j < off else "char__") + " | ".join(gs) for j, gs in found.items() if gs}
        off += len(self.char_columns_)
        clusters = getattr(self, "clusters_", None)
        if clusters is not None:  # a cluster column is named by the text's units in it
            grams = sf.word_unit_grams(text, (1, 1))
            of = clusters.of_columns(np.asarray([h % nw for _, h in grams], dtype=np.int64))
            units: dict[int, list[str]] = {}
            for (g, _), c in zip(grams, of.tolist()):
                if c >= 0 and g not in units.setdefault(c, []):
                    units[c].append(g)
            out.update({off + c: f"cluster__#{c} " + " | ".join(gs) for c, gs in units.items()})
            off += clusters.k
        out.update({off + j: f"cue__{k}" for j, k in enumerate(self.cue_names_)})
        return out

    # -- persistence (arrays + JSON settings)
    def settings(self) -> dict:
        return {"word_ngrams": list(self.word_ngrams), "char_ngrams": list(self.char_ngrams),
                "min_df": int(self.min_df), "max_features": self.max_features, "n_word": int(self.n_word),
                "n_char": int(self.n_char), "idf": bool(self.idf), "n_docs": int(self.n_docs_),
                "sublinear_tf": True, "norm": "l2 per block", "hash": "murmurhash3_32, seed 0, positive, mod n",
                "tokens": "stancemap.sparse_features.TOKEN", "cue_names": list(self.cue_names_),
                **({"clusters": {**self.clusters_.settings(), "weight": float(self.cluster_weight_)}}
                   if getattr(self, "clusters_", None) is not None else {})}

    def arrays(self) -> dict[str, np.ndarray]:
        out = {"word_columns": self.word_columns_, "word_idf": self.word_idf_,
               "char_columns": self.char_columns_, "char_idf": self.char_idf_}
        if getattr(self, "clusters_", None) is not None:
            out.update(self.clusters_.arrays())
        return out

    @classmethod
    def from_saved(cls, settings: Mapping, arrays: Mapping[str, np.ndarray], cues: Mapping) -> HashedFeatures:
        f = cls(word_ngrams=tuple(settings["word_ngrams"]), char_ngrams=tuple(settings["char_ngrams"]),
                min_df=settings["min_df"], max_features=settings["max_features"],
                cues={k: list(cues[k]) for k in settings["cue_names"]} or None,
                n_word=settings["n_word"], n_char=settings["n_char"], idf=settings["idf"])
        f.n_docs_ = int(settings["n_docs"])
        f.word_columns_, f.word_idf_ = arrays["word_columns"], arrays["word_idf"]
        f.char_columns_, f.char_idf_ = arrays["char_columns"], arrays["char_idf"]
        f.cue_names_ = list(settings["cue_names"])
        f.clusters_, f.cluster_weight_ = None, 0.0
        if settings.get("clusters"):
            from .word_clusters import WordClusters

            f.with_clusters(WordClusters.from_saved(settings["clusters"], arrays), settings["clusters"]["weight"])
        return f


#: Target-specific feature blocks a stance model may add after the shared ones:
#: ``name: (features, names)``, each a callable or ``"stancemap.module:function"``, with
#: ``features(texts, target, codebook) -> scipy.sparse.csr_matrix`` and
#: ``names(target, codebook) -> list[str]``, both stateless and deterministic. A saved model
#: names its block; only names listed here are ever resolved (nothing else is imported).
EXTRA_BLOCKS: dict[str, tuple[str | Callable, str | Callable]] = {
    # the target-aware stance features of issue #12 (mention, verb–object direction, scope, voice)
    "target": ("stancemap.target_features:target_features", "stancemap.target_features:target_feature_names"),
    # the same, then whose voice (Moscow's, Kyiv's wording) crossed with them (stancemap.voice_features)
    "target_voice": ("stancemap.voice_features:voice_features", "stancemap.voice_features:voice_feature_names"),
    # the target block, then phrases the codebook's decision rules name (stancemap.rule_features)
    "target_rules": ("stancemap.rule_features:target_rule_features",
                     "stancemap.rule_features:target_rule_feature_names"),
}


def _resolve(ref):
    if callable(ref):
        return ref
    module, _, attr = str(ref).partition(":")
    if not module.startswith("stancemap."):
        raise StancemapError(f"Extra feature function {ref!r} is not in the stancemap package.")
    return getattr(importlib.import_module(module), attr)


@dataclass
class ExtraBlock:
    """The target-specific feature block of one stance classifier (see :data:`EXTRA_BLOCKS`)."""

    name: str
    target: str
    codebook: object = None
    #: Multiplies the block's values: its scale beside the l2-normed n-gram blocks.
    weight: float = 1.0

    def _functions(self):
        if self.name not in EXTRA_BLOCKS:
            raise unknown_value("Extra feature block", self.name, sorted(EXTRA_BLOCKS),
                                "The model was built with a newer stancemap: upgrade, or rebuild the model "
                                "with `stancemap model build` / `stancemap train`.")
        return tuple(_resolve(r) for r in EXTRA_BLOCKS[self.name])

    def _codebook(self):
        if self.codebook is None or isinstance(self.codebook, str):
            from .codebook import load_codebook

            self.codebook = load_codebook(self.codebook) if self.codebook else load_codebook()
        return self.codebook

    def transform(self, texts: list[str]):
        from scipy import sparse

        out = sparse.csr_matrix(self._functions()[0](texts, self.target, self._codebook()), dtype=np.float64)
        if self.weight != 1.0:
            out = out * float(self.weight)
        if out.shape[0] != len(texts):
            raise StancemapError(f"Extra feature block {self.name!r} gave {out.shape[0]} rows for {len(texts)} texts.")
        return out

    def names(self) -> list[str]:
        return [str(n) for n in self._functions()[1](self.target, self._codebook())]


def make_features(word_ngrams: tuple[int, int] = (1, 2), char_ngrams: tuple[int, int] = (2, 5),
                  min_df: int = 1, max_features: int | None = None,
                  cues: Mapping[str, Sequence[str]] | None = None) -> HashedFeatures:
    """The shared features (:class:`HashedFeatures`): hashed stemmed, negation-marked word
    n-grams ``word__…``, hashed character n-grams within word boundaries ``char__…``,
    and, with ``cues``, codebook cue counts ``cue__…``."""
    return HashedFeatures(tuple(word_ngrams), tuple(char_ngrams), min_df, max_features,
                          {k: list(v) for k, v in cues.items()} if cues else None)


def slim_features(features):
    """Kept for callers of the earlier TF-IDF union: hashed features hold nothing to drop."""
    return features


def trailing_cue_features(features) -> CueFeatures | None:
    """The cue block of ``features`` as a :class:`CueFeatures` (None without one)."""
    names = getattr(features, "cue_names_", None)
    if not names:
        return None
    return CueFeatures({k: list(features.cues[k]) for k in names}).fit(None)


def cue_block_counts(features, Xf) -> dict[str, np.ndarray]:
    """Counts per cue name from the last block of a transformed matrix (``log1p`` inverted,
    exact integers)."""
    names = getattr(features, "cue_names_", None) or []
    if not names or Xf is None:
        return {}
    block = Xf.tocsr()[:, Xf.shape[1] - len(names):].toarray()
    counts = np.rint(np.expm1(block)).astype("int64")
    return {n: counts[:, j] for j, n in enumerate(names)}


def codebook_cues(codebook) -> dict[str, list[str]]:
    """The cue terms of every frame and target of ``codebook``, for the cue block."""
    out = {f"frame:{k}": list(f.cues) for k, f in codebook.frames.items()}
    out.update({f"target:{k}": list(t.cues) for k, t in codebook.targets.items()})
    return out


def text_list(X, what: str = "X") -> list[str]:
    """A list of strings from a Series, list or array of texts (missing → "",
    :func:`stancemap.schema.text_value`)."""
    if isinstance(X, str):
        raise StancemapError(f"{what} must be a list or column of texts, not a single string. "
                             "Wrap it in a list: [text].")
    if isinstance(X, pd.DataFrame):
        if "text" not in X.columns:
            raise StancemapError(f"{what} is a table without a 'text' column. Pass the column of texts, "
                                 "e.g. df['text'].")
        X = X["text"]
    return text_values(X.tolist() if hasattr(X, "tolist") else list(X))


# --------------------------------------------------------------------------- linear models as numbers

def _expit(x):
    """The logistic function ``1 / (1 + exp(-x))``, as ``scipy.special.expit`` computes it (importing
    ``scipy.special`` costs about 0.1 s of every CLI call), with the C library's exp (:mod:`.libm`:
    the same bits on every CPU). exp(-x) is inf for x < -709: 1 / inf = 0, as expit gives."""
    return 1.0 / (1.0 + libm.exp(-np.asarray(x, dtype=float)))


def _softmax(D):
    """Row-wise softmax, as ``scipy.special.softmax(D, axis=1)`` computes it (the row maximum subtracted)."""
    e = libm.exp(D - D.max(axis=1, keepdims=True))  # the C library's exp (:mod:`.libm`)
    return e / e.sum(axis=1, keepdims=True)


@dataclass
class LinearProba:
    """A fitted linear classifier with probabilities, as numbers only.

    ``decision = X @ coef.T + intercept`` (one column for two classes: the score
    of ``classes[1]``), then ``method``:

    * ``sigmoid`` — Platt scaling per column, ``p = 1 / (1 + exp(a·d + b))``, normalised
      over classes (two classes: ``p0 = 1 − p1``), as ``CalibratedClassifierCV``;
    * ``logistic`` — logistic regression: ``expit`` (two classes) or softmax.

    ``weights`` (one per class, optional) then multiplies the probabilities and
    renormalises them: a prior shift (Saerens et al. 2002) that moves the decision
    between classes — e.g. ``none`` weighted 1.5 — while label and probability still agree.
    """

    classes: np.ndarray
    coef: np.ndarray
    intercept: np.ndarray
    method: str
    a: np.ndarray | None = None
    b: np.ndarray | None = None
    weights: np.ndarray | None = None

    @classmethod
    def from_sklearn(cls, clf) -> LinearProba:
        from sklearn.calibration import CalibratedClassifierCV

        if isinstance(clf, CalibratedClassifierCV):
            inner = clf.calibrated_classifiers_[0]
            base = inner.estimator
            a = np.asarray([float(c.a_) for c in inner.calibrators], dtype=np.float64)
            b = np.asarray([float(c.b_) for c in inner.calibrators], dtype=np.float64)
            return cls(np.asarray(clf.classes_, dtype=object), np.asarray(base.coef_, dtype=np.float64),
                       np.asarray(base.intercept_, dtype=np.float64), "sigmoid", a, b)
        return cls(np.asarray(clf.classes_, dtype=object), np.asarray(clf.coef_, dtype=np.float64),
                   np.asarray(clf.intercept_, dtype=np.float64), "logistic")

    def decision(self, X) -> np.ndarray:
        return np.asarray(X @ self.coef.T) + self.intercept

    def proba_from_decision(self, D: np.ndarray) -> np.ndarray:
        P = self._proba(D)
        if self.weights is None:
            return P
        P = P * self.weights
        return _clip(P / P.sum(axis=1, keepdims=True))

    def _proba(self, D: np.ndarray) -> np.ndarray:
        k = len(self.classes)
        if self.method == "sigmoid":
            P = _expit(-(self.a * D + self.b))
            if k == 2:
                return _clip(np.column_stack([1.0 - P[:, 0], P[:, 0]]))
            den = P.sum(axis=1, keepdims=True)
            out = np.full_like(P, 1.0 / k)
            np.divide(P, den, out=out, where=den != 0)
            return _clip(out)
        if self.method == "logistic":
            if k == 2:
                p = _expit(D[:, 0])
                return np.column_stack([1.0 - p, p])
            return _softmax(D)
        raise StancemapError(f"Unknown probability method {self.method!r} (valid: sigmoid, logistic).")

    def predict_proba(self, X) -> np.ndarray:
        return self.proba_from_decision(self.decision(X))

    @property
    def classes_(self):
        return self.classes

    @property
    def coef_(self):
        return self.coef

    @property
    def intercept_(self):
        return self.intercept

    def arrays(self) -> dict[str, np.ndarray]:
        out = {"coef": self.coef, "intercept": self.intercept}
        if self.a is not None:
            out.update(a=self.a, b=self.b)
        if self.weights is not None:
            out["weights"] = self.weights
        return out


def _clip(P: np.ndarray) -> np.ndarray:
    P[(1.0 < P) & (P <= 1.0 + 1e-5)] = 1.0
    return P


def _linear(estimator: str, C: float, class_weight, random_state):
    from sklearn.linear_model import LogisticRegression
    from sklearn.svm import LinearSVC

    if estimator == "svm":
        return LinearSVC(C=C, class_weight=class_weight, random_state=random_state)
    if estimator == "logreg":
        return LogisticRegression(C=C, class_weight=class_weight, max_iter=5000, random_state=random_state)
    raise unknown_value("Estimator", estimator, ESTIMATORS)


def nb_ratios(X, positive: np.ndarray, alpha: float) -> np.ndarray:
    """The naive-Bayes log-count ratio of each column (Wang & Manning 2012, NBSVM):
    ``log((alpha + p) / |alpha + p|_1) - log((alpha + q) / |alpha + q|_1)``, ``p`` and ``q`` the
    numbers of positive and other rows in which the column is non-zero."""
    B = X.tocsr(copy=True)
    B.data = (B.data != 0).astype(np.float64)
    positive = np.asarray(positive, dtype=bool)
    p = alpha + np.asarray(B[positive].sum(axis=0)).ravel()
    q = alpha + np.asarray(B[~positive].sum(axis=0)).ravel()
    return np.log(p / p.sum()) - np.log(q / q.sum())


def _scaled(X, r: np.ndarray):
    from scipy import sparse

    return (X @ sparse.diags(r)).tocsr()


def _fit_nb(X, y, *, estimator: str, C: float, class_weight, calibration_cv: int, random_state,
            nb_alpha: float) -> tuple[LinearProba, str]:
    """NBSVM for a binary ``y`` (Wang & Manning 2012): the columns are scaled by their naive-Bayes
    log-count ratio (:func:`nb_ratios`) and a linear model is fitted on them; its coefficients times
    the ratios act on the unscaled features, so the saved model and scoring are as without it."""
    y = np.asarray(y)
    classes = np.unique(y)
    if len(classes) != 2:
        raise StancemapError(f"NB scaling needs two classes, got {len(classes)} ({', '.join(map(str, classes))}).")
    r = nb_ratios(X, y == classes[1], nb_alpha)
    fitted, how = _fit_probabilistic(_scaled(X, r), y, estimator=estimator, C=C, class_weight=class_weight,
                                     calibration_cv=calibration_cv, random_state=random_state)
    fitted.coef = fitted.coef * r
    return fitted, f"NB-scaled features, {how}"


def _fit_probabilistic(X, y, *, estimator: str, C: float, class_weight, calibration_cv: int,
                       random_state, nb_alpha: float | None = None) -> tuple[LinearProba, str]:
    """Fit a linear model with probabilities; returns (its numbers, how the probabilities are made).

    Platt scaling is fitted on ``calibration_cv``-fold out-of-fold scores (fewer folds
    when the smallest class is small). With a class of one example there is nothing
    to calibrate on, so a logistic regression (whose outputs are probabilities) is
    used instead — its note says so.
    """
    from sklearn.calibration import CalibratedClassifierCV
    from sklearn.model_selection import StratifiedKFold

    if nb_alpha is not None:
        return _fit_nb(X, y, estimator=estimator, C=C, class_weight=class_weight, calibration_cv=calibration_cv,
                       random_state=random_state, nb_alpha=float(nb_alpha))
    smallest = int(min(Counter(y).values()))
    folds = min(int(calibration_cv or 0), smallest)
    if folds >= 2:
        cal = CalibratedClassifierCV(
            _linear(estimator, C, class_weight, random_state), method="sigmoid",
            cv=StratifiedKFold(folds, shuffle=True, random_state=random_state), ensemble=False)
        return LinearProba.from_sklearn(cal.fit(X, y)), f"{estimator} + sigmoid calibration ({folds}-fold)"
    lr = _linear("logreg", C, class_weight, random_state).fit(X, y)
    why = "calibration switched off" if not calibration_cv else f"smallest class has {smallest} example(s)"
    return LinearProba.from_sklearn(lr), f"logistic regression probabilities, uncalibrated ({why})"


def linear_parts(clf) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """``(coef, intercept, classes)`` of a fitted :class:`LinearProba` (or scikit-learn classifier;
    for a calibrated one, the base estimator fitted on all the data)."""
    if not isinstance(clf, LinearProba):
        clf = LinearProba.from_sklearn(clf)
    return np.asarray(clf.coef), np.asarray(clf.intercept), np.asarray(clf.classes)


def _contributions(names: Mapping[int, str], clf: LinearProba, x, label) -> tuple[pd.DataFrame, float, float]:
    """Per-feature contribution (coef × value) toward ``label``; also intercept and decision."""
    coef, intercept, classes = linear_parts(clf)
    x = x.tocsr()
    idx = list(classes).index(label)
    if coef.shape[0] == 1:  # binary: one row, positive = classes[1]
        sign = 1.0 if idx == 1 else -1.0
        w, b = sign * coef[0], sign * float(intercept[0])
    else:
        w, b = coef[idx], float(intercept[idx])
    cols, vals = x.indices, x.data
    contrib = w[cols] * vals
    full = [names.get(int(c), f"extra__#{int(c)}") for c in cols]
    kinds, grams = zip(*(n.split("__", 1) for n in full)) if len(cols) else ((), ())
    df = pd.DataFrame({"feature": list(grams), "kind": list(kinds), "value": vals,
                       "weight": w[cols], "contribution": contrib})
    df = (df.assign(_abs=df["contribution"].abs())
            .sort_values(["_abs", "feature"], ascending=[False, True], kind="stable")
            .drop(columns="_abs"))
    return df.reset_index(drop=True), b, float(contrib.sum() + b)


class _TextModel(Params):
    """Shared parameters of the two text classifiers (see :func:`make_features`)."""

    def _features(self) -> HashedFeatures:
        return make_features(self.word_ngrams, self.char_ngrams, self.min_df, self.max_features, self.cues)

    def _check_params(self) -> None:
        if self.estimator not in ESTIMATORS:
            raise unknown_value("Estimator", self.estimator, ESTIMATORS)

    def _names(self, text: str) -> dict[int, str]:
        names = self.features_.names_in(text)
        extra = getattr(self, "extra_", None)
        if extra is not None:
            off = self.features_.n_features_out_
            names.update({off + j: f"extra__{n}" for j, n in enumerate(extra.names())})
        return names


class StanceClassifier(Classifier, _TextModel):
    """Stance toward one target from a statement's text: ``favor``/``against``/``none``.

    Any set of at least two string labels works; probabilities are calibrated
    (see :func:`_fit_probabilistic`) and :meth:`predict` returns the most probable
    label, so a label and its probability always agree. ``extra`` adds a
    target-specific block after the shared features (:class:`ExtraBlock`).

    >>> clf = StanceClassifier(random_state=0).fit(texts, labels)   # doctest: +SKIP
    >>> clf.predict(["We reject the truce."])                       # doctest: +SKIP
    """

    def __init__(self, estimator: str = "svm", C: float = 0.5, class_weight="balanced",
                 word_ngrams: tuple[int, int] = (1, 2), char_ngrams: tuple[int, int] = (2, 5),
                 min_df: int = 1, max_features: int | None = None, cues: Mapping | None = None,
                 calibration_cv: int = 3, random_state=0, extra: ExtraBlock | None = None):
        self.estimator = estimator
        self.C = C
        self.class_weight = class_weight
        self.word_ngrams = word_ngrams
        self.char_ngrams = char_ngrams
        self.min_df = min_df
        self.max_features = max_features
        self.cues = cues
        self.calibration_cv = calibration_cv
        self.random_state = random_state
        self.extra = extra

    def fit(self, X, y):
        self._check_params()
        texts = text_list(X)
        features = self._features().fit(texts)
        Xf = features.transform(texts)
        if self.extra is not None:
            from scipy import sparse

            Xf = sparse.hstack([Xf, self.extra.transform(texts)], format="csr")
        return self.fit_transformed(features, Xf, y)

    def fit_transformed(self, features: HashedFeatures, Xf, y):
        """Fit on ``Xf`` = ``features.transform(texts)`` (then the ``extra`` block, if any)
        with already fitted features.

        :class:`~stancemap.modelfile.StanceMapModel` uses this to share one feature
        space between the frame and stance classifiers (one transform per text
        when scoring); :meth:`fit` calls it with its own.
        """
        self._check_params()
        y = np.asarray([str(v) for v in (y.tolist() if hasattr(y, "tolist") else y)], dtype=object)
        if Xf.shape[0] != len(y):
            raise StancemapError(f"Got {Xf.shape[0]} texts but {len(y)} labels; they must be the same length.")
        labels = sorted(set(y))
        if len(labels) < 2:
            raise StancemapError(
                f"Cannot train a stance classifier: every example has the label {labels[0] if labels else '(none)'!r}. "
                "Add examples of at least one other label.")
        self.features_ = features
        self.extra_ = self.extra
        self.classifier_, self.probability_method_ = _fit_probabilistic(
            Xf, y, estimator=self.estimator, C=self.C, class_weight=self.class_weight,
            calibration_cv=self.calibration_cv, random_state=self.random_state)
        self.classes_ = np.asarray(self.classifier_.classes, dtype=object)
        self.class_counts_ = {str(k): int(v) for k, v in sorted(Counter(y).items())}
        return self

    def transform(self, X):
        """The features this classifier sees (shared block, then its extra block)."""
        check_fitted(self, "classifier_")
        texts = text_list(X)
        Xf = self.features_.transform(texts)
        if getattr(self, "extra_", None) is not None:
            from scipy import sparse

            Xf = sparse.hstack([Xf, self.extra_.transform(texts)], format="csr")
        return Xf

    def predict_proba(self, X) -> np.ndarray:
        return self.proba_transformed(self.transform(X))

    def proba_transformed(self, Xf) -> np.ndarray:
        """:meth:`predict_proba` on already transformed features."""
        check_fitted(self, "classifier_")
        return self.classifier_.predict_proba(Xf)

    def predict(self, X) -> np.ndarray:
        proba = self.predict_proba(X)
        return self.classes_[np.argmax(proba, axis=1)]

    def decision_function(self, X) -> np.ndarray:
        """Scores of the underlying linear model (before calibration)."""
        return self.classifier_.decision(self.transform(X))

    def explain(self, text: str, label: str | None = None) -> pd.DataFrame:
        """The n-grams that pushed ``text`` toward ``label`` (default: the predicted label).

        Columns ``feature, kind (word|char|cue|extra), value (tf-idf), weight
        (coefficient), contribution (weight × value)``, largest |contribution|
        first; ``.attrs`` holds ``label``, ``intercept``, ``decision`` (intercept +
        sum of contributions, the linear score) and ``probability``.
        """
        check_fitted(self, "classifier_")
        x = self.transform([text])
        proba = self.classifier_.predict_proba(x)[0]
        if label is None:
            label = str(self.classes_[int(np.argmax(proba))])
        if label not in list(self.classes_):
            raise unknown_value("Label", label, self.classes_)
        df, b, decision = _contributions(self._names(text), self.classifier_, x, label)
        df.attrs.update(label=label, intercept=b, decision=decision,
                        probability=float(proba[list(self.classes_).index(label)]))
        return df


class FrameClassifier(Classifier, _TextModel):
    """Multi-label frames: one calibrated binary classifier per frame (one-vs-rest)
    over one shared feature space.

    ``y`` is a 0/1 table (a DataFrame whose columns name the frames, or a 2-D
    array with ``labels``) or a sequence of label collections (``["diplomacy",
    "security"]`` or ``"diplomacy;security"``) with ``labels`` listing the frames.
    :meth:`predict_proba` returns one column per frame (probability that the frame
    is present); :meth:`predict` thresholds it at ``threshold``. A frame with no
    positive (or no negative) example gets a constant probability (its training
    share) and is reported in ``constant_labels_``. With ``nb_alpha`` each frame's
    model learns on features scaled by their naive-Bayes log-count ratios (NBSVM,
    Wang & Manning 2012; :func:`nb_ratios`, smoothed by ``nb_alpha``).
    """

    def __init__(self, labels: Sequence[str] | None = None, threshold: float = 0.5,
                 estimator: str = "svm", C: float = 0.5, class_weight="balanced",
                 word_ngrams: tuple[int, int] = (1, 2), char_ngrams: tuple[int, int] = (2, 5),
                 min_df: int = 1, max_features: int | None = None, cues: Mapping | None = None,
                 calibration_cv: int = 3, random_state=0, nb_alpha: float | None = None):
        self.labels = labels
        self.threshold = threshold
        self.estimator = estimator
        self.C = C
        self.class_weight = class_weight
        self.word_ngrams = word_ngrams
        self.char_ngrams = char_ngrams
        self.min_df = min_df
        self.max_features = max_features
        self.cues = cues
        self.calibration_cv = calibration_cv
        self.random_state = random_state
        self.nb_alpha = nb_alpha

    def _check_params(self) -> None:
        super()._check_params()
        a = self.nb_alpha
        if a is not None and (isinstance(a, bool) or not isinstance(a, (int, float, np.integer, np.floating))
                              or not np.isfinite(a) or a <= 0):
            raise StancemapError(f"nb_alpha is the smoothing of the naive-Bayes ratios, a number > 0 (Wang & "
                                 f"Manning 2012 use 1), or None for no NB scaling; got {a!r}.")

    def _indicator(self, y, n: int) -> tuple[np.ndarray, list[str]]:
        if isinstance(y, pd.DataFrame):
            labels = list(self.labels) if self.labels is not None else [str(c) for c in y.columns]
            missing = [lab for lab in labels if lab not in y.columns]
            if missing:
                raise unknown_value("Frame column", missing[0], y.columns)
            Y = y[labels].to_numpy()
        else:
            seq = y.tolist() if hasattr(y, "tolist") else list(y)
            numeric = (isinstance(y, np.ndarray) and y.ndim == 2) or (
                bool(seq) and isinstance(seq[0], (list, tuple)) and len(seq[0]) > 0
                and all(isinstance(v, (int, float, bool, np.integer, np.floating)) for v in seq[0]))
            if numeric:
                Y = np.asarray(seq)
                labels = (list(self.labels) if self.labels is not None
                          else [str(i) for i in range(Y.shape[1])])
            else:
                if self.labels is None:
                    raise StancemapError("Give FrameClassifier(labels=[...]) when y is a list of label sets.")
                labels = list(self.labels)
                Y = np.zeros((len(seq), len(labels)), dtype=int)
                for i, row in enumerate(seq):
                    items = [s.strip() for s in row.split(";")] if isinstance(row, str) else list(row)
                    for item in items:
                        if not item:
                            continue
                        if item not in labels:
                            raise unknown_value("Frame", item, labels)
                        Y[i, labels.index(item)] = 1
        Y = np.asarray(Y, dtype=float)
        if Y.ndim != 2 or Y.shape[0] != n or Y.shape[1] != len(labels):
            raise StancemapError(f"Frame labels have shape {Y.shape}; expected ({n}, {len(labels)}).")
        if np.isnan(Y).any() or not np.isin(Y, (0, 1)).all():
            raise StancemapError("Frame labels must be 0 or 1 for every example and frame.")
        return Y.astype(int), labels

    def fit(self, X, y):
        self._check_params()
        texts = text_list(X)
        features = self._features().fit(texts)
        return self.fit_transformed(features, features.transform(texts), y)

    def fit_transformed(self, features: HashedFeatures, Xf, y):
        """Fit on ``Xf = features.transform(texts)`` with already fitted features
        (see :meth:`StanceClassifier.fit_transformed`)."""
        self._check_params()
        Y, labels = self._indicator(y, Xf.shape[0])
        self.features_ = features
        self.classes_ = np.asarray(labels, dtype=object)
        self.estimators_, self.probability_methods_, self.prior_ = [], [], Y.mean(axis=0)
        self.constant_labels_ = []
        for j, lab in enumerate(labels):
            col = Y[:, j]
            if col.min() == col.max():
                self.estimators_.append(None)
                self.probability_methods_.append("constant (only one value in training data)")
                self.constant_labels_.append(lab)
                continue
            clf, how = _fit_probabilistic(Xf, col, estimator=self.estimator, C=self.C,
                                          class_weight=self.class_weight,
                                          calibration_cv=self.calibration_cv,
                                          random_state=self.random_state, nb_alpha=self.nb_alpha)
            self.estimators_.append(clf)
            self.probability_methods_.append(how)
        if self.constant_labels_:
            warnings.warn(f"{len(self.constant_labels_)} of {len(labels)} frames have no positive or no "
                          f"negative training example ({', '.join(self.constant_labels_)}); their "
                          "probability is the constant training share.", LossyStepWarning, stacklevel=2)
        self.label_counts_ = {lab: int(Y[:, j].sum()) for j, lab in enumerate(labels)}
        return self

    def predict_proba(self, X) -> np.ndarray:
        check_fitted(self, "estimators_")
        return self.proba_transformed(self.features_.transform(text_list(X)))

    def proba_transformed(self, Xf) -> np.ndarray:
        """:meth:`predict_proba` on already transformed features."""
        check_fitted(self, "estimators_")
        out = np.empty((Xf.shape[0], len(self.classes_)))
        for j, clf in enumerate(self.estimators_):
            if clf is None:
                out[:, j] = self.prior_[j]
            else:
                out[:, j] = clf.predict_proba(Xf)[:, list(clf.classes).index(1)]
        return out

    def predict(self, X) -> np.ndarray:
        return (self.predict_proba(X) >= self.threshold).astype(int)

    def explain(self, text: str, label: str) -> pd.DataFrame:
        """The n-grams that pushed ``text`` toward frame ``label`` (see
        :meth:`StanceClassifier.explain` for the columns and ``.attrs``)."""
        check_fitted(self, "estimators_")
        labels = list(self.classes_)
        if label not in labels:
            raise unknown_value("Frame", label, labels)
        j = labels.index(label)
        x = self.features_.transform([text])
        p = float(self.proba_transformed(x)[0, j])
        clf = self.estimators_[j]
        if clf is None:
            df = pd.DataFrame({"feature": [], "kind": [], "value": [], "weight": [], "contribution": []})
            df.attrs.update(label=label, intercept=float("nan"), decision=float("nan"), probability=p)
            return df
        df, b, decision = _contributions(self._names(text), clf, x, 1)
        df.attrs.update(label=label, intercept=b, decision=decision, probability=p)
        return df


# --------------------------------------------------------------------------- the public path

#: The module these classes are documented under (it re-exports them; see the module docstring).
PUBLIC_MODULE = "stancemap.models"
for _saved in (CueFeatures, HashedFeatures, StanceClassifier, FrameClassifier, word_tokens):
    _saved.__module__ = PUBLIC_MODULE
del _saved

__all__ = ["ESTIMATORS", "EXTRA_BLOCKS", "PUBLIC_MODULE", "CueFeatures", "ExtraBlock", "FrameClassifier",
           "HashedFeatures", "LinearProba", "StanceClassifier", "codebook_cues", "cue_block_counts", "cue_counts",
           "linear_parts", "make_features", "slim_features", "text_list", "trailing_cue_features", "word_tokens"]
