"""Keyness: the words that set one group's statements apart from another's.

Weighted log-odds ratio with an informative Dirichlet prior and its z-score
(Monroe, Colaresi & Quinn 2008, "Fightin' Words: Lexical Feature Selection and
Evaluation for Identifying the Content of Political Conflict", *Political
Analysis* 16(4), eq. 16–22). For a term w, group i and reference j, with term
counts y, total counts n and prior α_w (α_0 = Σ_w α_w)::

    δ_w = log[(y_wi + α_w) / (n_i + α_0 − y_wi − α_w)]
        − log[(y_wj + α_w) / (n_j + α_0 − y_wj − α_w)]
    σ²_w ≈ 1 / (y_wi + α_w) + 1 / (y_wj + α_w)
    z_w = δ_w / σ_w

The informative prior ("corpus") sets α_w from the term's frequency in the
whole table, which shrinks the log-odds of rare words toward zero; z > 1.96
marks a term used notably more by the group than by the reference.

Tokens come from :func:`stancemap.text.words` (the classifiers' tokens, lower-cased, clitics split
as the Treebank tokenizer does) minus :func:`stancemap.text.analysis_stopwords`.

:func:`keyness` and :func:`term_counts` also accept a Dask DataFrame: only the
group, id and text columns are computed into pandas (in row order), then the
same counts and scores are computed as for a pandas table.
"""
from __future__ import annotations

import re
from collections import Counter
from collections.abc import Collection, Mapping

import numpy as np
import pandas as pd

from . import libm
from .compare import as_pandas, group_labels, group_order
from .errors import StancemapError, unknown_value
from .schema import SUMMARY_COLUMNS, check_column
from .text import analysis_stopwords, words

REST = "rest"
KEYNESS_COLUMNS = SUMMARY_COLUMNS["keyness"]
_LETTER = re.compile(r"[^\W\d_]", re.UNICODE)


def terms(text: str, bigrams: bool = False, stop: Collection[str] | None = None) -> list[str]:
    """Content words of ``text`` (stopwords, clitics like 's / n't and numbers removed);
    with ``bigrams`` also adjacent pairs of content words ("energy infrastructure").
    ``stop`` replaces the default stopword list (:func:`stancemap.text.analysis_stopwords`)."""
    stop = analysis_stopwords() if stop is None else frozenset(w.lower() for w in stop)
    toks = words(text or "")
    keep = [bool(_LETTER.search(t)) and "'" not in t and t not in stop for t in toks]
    out = [t for t, k in zip(toks, keep) if k]
    if bigrams:
        out += [f"{a} {b}" for (a, ka), (b, kb) in zip(zip(toks, keep), zip(toks[1:], keep[1:])) if ka and kb]
    return out


def term_counts(statements: pd.DataFrame, by: str = "actor", *, bigrams: bool = False,
                text_col: str = "text", stop: Collection[str] | None = None) -> pd.DataFrame:
    """Long table ``group, term, count`` of term counts per group (``statements``: pandas or Dask)."""
    statements = as_pandas(statements, by=by, text_col=text_col)
    check_column(statements, by, "Grouping column", "statements table")
    check_column(statements, text_col, "Text column")
    groups = group_labels(statements, by).to_numpy()
    counters: dict[str, Counter] = {}
    for g, t in zip(groups, statements[text_col].fillna("").astype(str).to_numpy()):
        counters.setdefault(g, Counter()).update(terms(t, bigrams, stop))
    rows = [(g, w, c) for g, cnt in counters.items() for w, c in cnt.items()]
    return pd.DataFrame(rows, columns=["group", "term", "count"])


def log_odds_dirichlet(y_i: np.ndarray, y_j: np.ndarray, alpha: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Monroe et al. (2008) δ and z for count vectors ``y_i``, ``y_j`` over the same
    vocabulary and prior vector ``alpha`` (see the module docstring)."""
    y_i, y_j, alpha = (np.asarray(a, dtype=float) for a in (y_i, y_j, alpha))
    n_i, n_j, a0 = y_i.sum(), y_j.sum(), alpha.sum()
    delta = (libm.log((y_i + alpha) / (n_i + a0 - y_i - alpha))   # the C library's log: the same bits on
             - libm.log((y_j + alpha) / (n_j + a0 - y_j - alpha)))  # every CPU, as numpy's is not
    var = 1.0 / (y_i + alpha) + 1.0 / (y_j + alpha)
    return delta, delta / np.sqrt(var)


def keyness(statements: pd.DataFrame, by: str = "actor", reference: str | None = None, *,
            prior: str | Mapping[str, float] | pd.Series = "corpus", alpha0: float | None = None,
            min_count: int = 2, bigrams: bool = False, top: int | None = None, registry=None,
            text_col: str = "text", stop: Collection[str] | None = None) -> pd.DataFrame:
    """Distinctive terms of each group: weighted log-odds with an informative Dirichlet prior.

    ``reference``: ``None`` or ``"rest"`` compares each group with all other
    statements (one-vs-rest); a group name compares every other group with that
    group. ``prior``: ``"corpus"`` (α_w ∝ the term's count in the whole table,
    Monroe et al.'s informative prior), ``"uniform"`` (the same α_w for every
    term, their uninformative prior) or a mapping term → background count (e.g.
    from a larger corpus). ``alpha0`` is the prior's total weight Σα_w: by
    default the corpus counts themselves (corpus) or 0.01 per term (uniform).
    Terms used fewer than ``min_count`` times in the table are left out. ``top``
    keeps the ``top`` terms with the highest z per group. ``stop`` replaces the
    stopword list (default :func:`stancemap.text.analysis_stopwords`, as the classifiers use).

    Returns ``term, actor, reference, n_actor, n_reference, total_actor,
    total_reference, log_odds, z`` (``actor`` holds the group, whatever ``by``
    is; ``n_*`` are the term's counts, ``total_*`` all term counts), sorted by
    group (registry order) then z (highest first) then term.

    ``statements`` may be a Dask DataFrame: its ``by``, id and text columns are
    computed into pandas first (same table as on the pandas input).
    """
    statements = as_pandas(statements, by=by, text_col=text_col)
    counts = term_counts(statements, by, bigrams=bigrams, text_col=text_col, stop=stop)
    groups = group_order(group_labels(statements, by), registry)
    if reference not in (None, REST) and reference not in groups:
        raise unknown_value("Reference group", reference, [REST, *groups],
                            f"Pass reference=None for one-vs-rest, or one of the values of column {by!r}.")
    if min_count < 1:
        raise StancemapError(f"min_count must be at least 1, got {min_count!r}.")
    wide = counts.pivot_table(index="term", columns="group", values="count", aggfunc="sum", fill_value=0)
    wide = wide.reindex(columns=[g for g in groups if g in wide.columns], fill_value=0)
    total = wide.sum(axis=1)
    wide = wide[total >= min_count].sort_index()
    vocab = wide.index.to_numpy()
    corpus = wide.sum(axis=1).to_numpy(dtype=float)
    alpha = _prior(prior, alpha0, vocab, corpus)
    frames = []
    for g in groups:
        if reference not in (None, REST) and g == reference:
            continue
        y_i = wide[g].to_numpy(dtype=float) if g in wide.columns else np.zeros(len(vocab))
        if reference in (None, REST):
            y_j = corpus - y_i
            ref = REST
        else:
            y_j = wide[reference].to_numpy(dtype=float) if reference in wide.columns else np.zeros(len(vocab))
            ref = reference
        if len(vocab) == 0:
            continue
        delta, z = log_odds_dirichlet(y_i, y_j, alpha)
        df = pd.DataFrame({"term": vocab, "actor": g, "reference": ref,
                           "n_actor": y_i.astype("int64"), "n_reference": y_j.astype("int64"),
                           "total_actor": int(y_i.sum()), "total_reference": int(y_j.sum()),
                           "log_odds": delta, "z": z})
        df = df.sort_values(["z", "term"], ascending=[False, True], kind="stable")
        if top is not None:
            df = df.head(int(top))
        frames.append(df)
    out = pd.concat(frames, ignore_index=True) if frames else pd.DataFrame(columns=KEYNESS_COLUMNS)
    out = out[KEYNESS_COLUMNS].reset_index(drop=True)
    out.attrs.update(by=by, reference=reference or REST, prior=prior if isinstance(prior, str) else "background",
                     alpha0=float(alpha.sum()) if len(alpha) else 0.0, min_count=min_count, bigrams=bigrams,
                     n_statements=int(len(statements)),
                     **({"n_documents": int(statements["doc_id"].nunique())} if "doc_id" in statements else {}))
    return out


def _prior(prior, alpha0, vocab: np.ndarray, corpus: np.ndarray) -> np.ndarray:
    if alpha0 is not None and not alpha0 > 0:
        raise StancemapError(f"alpha0 must be a positive number (the prior's total weight), got {alpha0!r}.")
    if isinstance(prior, str):
        if prior == "corpus":
            base = corpus
        elif prior == "uniform":
            base = np.full(len(vocab), 0.01)
        else:
            raise unknown_value("prior", prior, ["corpus", "uniform"],
                                "Or pass a mapping term → background count.")
    elif isinstance(prior, (Mapping, pd.Series)):
        bg = pd.Series(prior, dtype=float)
        base = bg.reindex(vocab).fillna(0).to_numpy(dtype=float)
        # a term unseen in the background corpus still needs a positive prior
        floor = 0.01 if not (base > 0).any() else base[base > 0].min() / 2
        base = np.where(base > 0, base, floor)
    else:
        raise StancemapError("prior must be 'corpus', 'uniform' or a mapping term → count, "
                             f"got {type(prior).__name__}.")
    if alpha0 is not None and base.sum() > 0:
        base = base * (alpha0 / base.sum())
    return base


def top_terms(keys: pd.DataFrame, n: int = 10, *, min_z: float | None = None) -> pd.DataFrame:
    """The ``n`` highest-z terms per group of a :func:`keyness` table (optionally only z ≥ ``min_z``)."""
    check_column(keys, "z", "Column")
    df = keys if min_z is None else keys[keys["z"] >= min_z]
    order = list(dict.fromkeys(keys["actor"]))
    parts = [df[df["actor"] == g].sort_values(["z", "term"], ascending=[False, True], kind="stable").head(n)
             for g in order]
    out = pd.concat(parts, ignore_index=True) if parts else keys.iloc[0:0]
    out.attrs.update(keys.attrs)
    return out



from ._callable import make_callable  # noqa: E402

make_callable(__name__, "keyness")
