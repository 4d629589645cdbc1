"""Attribution verbs: which verbs introduce each actor's statements, with shares and keyness.

A statement's ``cue`` ("said", "insisted", "warned", "claimed", "admitted", "called
for", "stated by" …) is grouped by its lemma in the extractor's cue lexicon
(:data:`stancemap.extract.CUES`: said / says / saying → ``say``; "called for" →
``call``; a passive "stated by" → ``state``). A cue the lexicon does not know is
kept lower-cased as it is ("omitted"). Statements with no verb — official texts
(empty cue) and transcript turns (cue ``turn``) — are left out of the shares with a
:class:`~stancemap.errors.LossyStepWarning`; ``verbs_only=False`` keeps them as
the verbs ``(no verb)`` and ``(turn)``.

:func:`cue_counts`: per group (and per ``split`` value, e.g. ``split="outlet"``
when the articles come from several outlets) the count and share of its statements
each verb introduces, with Wilson score intervals (Wilson 1927; see
:func:`stancemap.compare.wilson_interval`). :func:`cue_keyness`: the verbs that set
one group apart from the others, weighted log-odds with an informative Dirichlet
prior (Monroe, Colaresi & Quinn 2008; :func:`stancemap.keyness.log_odds_dirichlet`).
"""
from __future__ import annotations

import re
import warnings

import numpy as np
import pandas as pd

from .compare import DEFAULT_MIN_N, REST, group_labels, group_order, wilson_interval
from .errors import LossyStepWarning, SmallSampleWarning, StancemapError, unknown_value
from .extract import CUES
from .keyness import log_odds_dirichlet
from .runtime import is_dask
from .schema import SUMMARY_COLUMNS, check_column, require_columns, text_value

#: The verb of a statement with an empty cue (an official text in its own voice).
NO_VERB = "(no verb)"
#: The verb of a transcript turn (cue ``turn``: the speaker's label introduces it).
TURN = "(turn)"
#: The verb that pools the verbs used fewer than ``min_count`` times.
OTHER = "(other)"
CUE_COUNT_COLUMNS = SUMMARY_COLUMNS["cue_counts"]
CUE_KEYNESS_COLUMNS = SUMMARY_COLUMNS["cue_keyness"]
_SPACE = re.compile(r"\s+")
_CUE_FIX = ("The statements table needs its 'cue' column (the verb that introduces each statement): "
            "pass the table stancemap.extract(...) or `stancemap extract` wrote, or a scored table made from it.")


def cue_lemma(cue) -> str:
    """The lemma of one cue: ``"Said"`` → ``"say"``, ``"called for"`` → ``"call"``, ``"stated by"`` →
    ``"state"``, ``"According to"`` → ``"according"``; ``""`` → ``(no verb)``, ``"turn"`` → ``(turn)``;
    a cue outside the extractor's lexicon → itself, lower-cased."""
    c = _SPACE.sub(" ", text_value(cue).strip().lower())
    if not c:
        return NO_VERB
    if c == "turn":
        return TURN
    for form in (c, c.removesuffix(" by")):
        if form in CUES:
            return CUES[form][0]
    return c


def _prepare(statements, by: str, split: str | None, verbs_only: bool):
    """(table, groups, splits, verbs, forms) of the statements that count."""
    if is_dask(statements):
        cols = [c for c in dict.fromkeys([by, split, "cue", "doc_id"]) if c is not None and c in statements.columns]
        statements = statements[cols].compute().reset_index(drop=True)
    require_columns(statements, ["cue"], "statements table", _CUE_FIX)
    check_column(statements, by, "Grouping column", "statements table")
    if split is not None:
        check_column(statements, split, "Split column", "statements table")
        if split == by:
            raise StancemapError(f"split={split!r} is the same column as by={by!r}; "
                                 "choose another column to split by (e.g. split='outlet').")
    forms = statements["cue"].map(lambda c: _SPACE.sub(" ", text_value(c).strip().lower()))
    verbs = forms.map(cue_lemma)
    if verbs_only:
        keep = ~verbs.isin([NO_VERB, TURN])
        dropped = int((~keep).sum())
        if dropped:
            n_turn = int((verbs == TURN).sum())
            warnings.warn(f"{dropped} of {len(statements)} statements have no attribution verb "
                          f"({dropped - n_turn} official texts with an empty cue, {n_turn} transcript turns); "
                          "left out of the verb shares. Pass verbs_only=False to keep them as "
                          f"{NO_VERB!r} and {TURN!r}.", LossyStepWarning, stacklevel=3)
        statements, forms, verbs = statements[keep.to_numpy()], forms[keep], verbs[keep]
    groups = group_labels(statements, by) if len(statements) else pd.Series([], dtype=object)
    splits = None
    if split is not None:
        splits = group_labels(statements, split) if len(statements) else pd.Series([], dtype=object)
    return statements, groups.to_numpy(), None if splits is None else splits.to_numpy(), verbs.to_numpy(), \
        forms.to_numpy()


def _check_min_count(min_count) -> None:
    if isinstance(min_count, bool) or not isinstance(min_count, (int, np.integer)) or min_count < 1:
        raise StancemapError(f"min_count must be a whole number ≥ 1, got {min_count!r}.")


def _attrs(table: pd.DataFrame, statements: pd.DataFrame, **kw) -> None:
    table.attrs.update(n_statements=int(len(statements)), **kw)
    if "doc_id" in statements.columns:
        table.attrs["n_documents"] = int(statements["doc_id"].nunique())


def cue_counts(statements: pd.DataFrame, by: str = "actor", split: str | None = None, *, min_count: int = 1,
               verbs_only: bool = True, level: float = 0.95, min_n: int = DEFAULT_MIN_N,
               registry=None) -> pd.DataFrame:
    """Which attribution verbs introduce each group's statements: counts and shares with Wilson intervals.

    ``by``: the grouping column (``actor``, ``speaker`` …); ``split``: a second column
    whose values get separate shares (``"outlet"`` when the articles come from several
    outlets). Verbs used fewer than ``min_count`` times in the whole table are pooled as
    ``(other)``. Every verb appears for every group (0 of n included). ``n`` counts the
    group's statements introduced by a verb; ``small_n`` flags ``n < min_n``.

    Returns ``group, [split], verb, forms, n, count, share, ci_low, ci_high, ci_method,
    small_n``, by group (registry order), split value, then count (highest first) and verb.
    """
    _check_min_count(min_count)
    statements, groups, splits, verbs, forms = _prepare(statements, by, split, verbs_only)
    totals = pd.Series(verbs, dtype=object).value_counts()
    rare = set(totals[totals < min_count].index)
    verbs = np.array([OTHER if v in rare else v for v in verbs], dtype=object)
    vocab = sorted(set(verbs))
    cols = [c if c != "<split>" else split for c in CUE_COUNT_COLUMNS if c != "<split>" or split]
    rows, small = [], {}
    for sv in (group_order(splits, registry) if splits is not None else [None]):
        in_split = np.ones(len(verbs), bool) if sv is None else splits == sv
        for g in group_order(groups[in_split], registry):
            sel = in_split & (groups == g)
            n = int(sel.sum())
            counts = pd.Series(verbs[sel], dtype=object).value_counts()
            seen = pd.DataFrame({"verb": verbs[sel], "form": forms[sel]})
            block = []
            for v in vocab:
                fs = sorted(set(seen.loc[seen["verb"] == v, "form"]) - {""})
                block.append({"group": g, **({split: sv} if split else {}), "verb": v, "forms": ";".join(fs),
                              "n": n, "count": int(counts.get(v, 0))})
            rows += sorted(block, key=lambda r: (-r["count"], r["verb"]))
            if n < min_n:
                small[g if sv is None else f"{g} ({split}={sv})"] = n
    out = pd.DataFrame(rows, columns=cols[:cols.index("count") + 1])
    n = out["n"].to_numpy(dtype=float)
    lo, hi = wilson_interval(out["count"].to_numpy(dtype=float), n, level)
    with np.errstate(invalid="ignore", divide="ignore"):
        out["share"] = np.where(n > 0, out["count"].to_numpy(dtype=float) / np.where(n > 0, n, 1), np.nan)
    out["ci_low"], out["ci_high"], out["ci_method"] = lo, hi, "wilson"
    out["small_n"] = (out["n"] < min_n).astype(bool)
    out = out[cols].reset_index(drop=True).astype({"n": "int64", "count": "int64", "share": "float64",
                                                    "ci_low": "float64", "ci_high": "float64", "small_n": bool})
    if small:
        listed = ", ".join(f"{g}: {k}" for g, k in small.items())
        warnings.warn(f"{len(small)} group(s) have fewer than {min_n} statements introduced by a verb ({listed}); "
                      "their shares are flagged small_n=True and their intervals are wide.",
                      SmallSampleWarning, stacklevel=2)
    _attrs(out, statements, by=by, split=split, level=level, min_n=min_n, min_count=min_count,
           verbs_only=verbs_only, interval="wilson")
    return out


def cue_keyness(statements: pd.DataFrame, by: str = "actor", split: str | None = None, *,
                reference: str | None = None, min_count: int = 2, verbs_only: bool = True,
                registry=None) -> pd.DataFrame:
    """The attribution verbs that set each group apart: weighted log-odds with an informative
    Dirichlet prior (Monroe, Colaresi & Quinn 2008), the verbs as the vocabulary.

    Each group is compared with all other statements (``reference=None``, one-vs-rest) or
    with the group ``reference``; with ``split`` within each split value. The prior is
    each verb's count in the (split's) table; verbs used fewer than ``min_count`` times
    there are left out. z > 1.96: the group's statements are notably more often
    introduced by that verb.

    Returns ``group, [split], verb, reference, n_group, n_reference, total_group,
    total_reference, log_odds, z``, by group then z (highest first) then verb.
    """
    _check_min_count(min_count)
    statements, groups, splits, verbs, _ = _prepare(statements, by, split, verbs_only)
    cols = [c if c != "<split>" else split for c in CUE_KEYNESS_COLUMNS if c != "<split>" or split]
    all_groups = group_order(groups, registry)
    if reference not in (None, REST) and reference not in all_groups:
        raise unknown_value("Reference group", reference, [REST, *all_groups],
                            f"Pass reference=None for one-vs-rest, or one of the values of column {by!r}.")
    frames = []
    for sv in (group_order(splits, registry) if splits is not None else [None]):
        sel = np.ones(len(verbs), bool) if sv is None else splits == sv
        wide = pd.crosstab(pd.Series(verbs[sel], name="verb"), pd.Series(groups[sel], name="group"))
        wide = wide[wide.sum(axis=1) >= min_count].sort_index()
        if not len(wide):
            continue
        corpus = wide.sum(axis=1).to_numpy(dtype=float)
        for g in group_order(groups[sel], registry):
            if g == reference or g not in wide.columns:
                continue
            y_i = wide[g].to_numpy(dtype=float)
            if reference in (None, REST):
                y_j, ref = corpus - y_i, REST
            else:
                if reference not in wide.columns:
                    continue
                y_j, ref = wide[reference].to_numpy(dtype=float), reference
            delta, z = log_odds_dirichlet(y_i, y_j, corpus)
            df = pd.DataFrame({"group": g, **({split: sv} if split else {}), "verb": wide.index.to_numpy(),
                               "reference": ref, "n_group": y_i.astype("int64"), "n_reference": y_j.astype("int64"),
                               "total_group": int(y_i.sum()), "total_reference": int(y_j.sum()),
                               "log_odds": delta, "z": z})
            frames.append(df.sort_values(["z", "verb"], ascending=[False, True], kind="stable"))
    out = pd.concat(frames, ignore_index=True)[cols] if frames else pd.DataFrame(columns=cols)
    _attrs(out, statements, by=by, split=split, reference=reference or REST, min_count=min_count,
           verbs_only=verbs_only, prior="corpus")
    return out
