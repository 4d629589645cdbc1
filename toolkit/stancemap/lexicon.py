"""Transparent scores: codebook cue-term counts per frame, and tone.

Cue counts are a dictionary method in the tradition of the General Inquirer
(Stone et al. 1966): a frame's score is the number of its codebook cue terms in
the statement. They are a baseline the classifiers must beat (see
``benchmarks/models_crossval.py``) and an explanation aid (:func:`cue_matches`
shows which words fired). Tone is VADER's compound score (Hutto & Gilbert 2014)
in [-1, 1], computed with the authors' reference implementation, the
``vaderSentiment`` package (its lexicon ships with it: no download; nltk's port scores
differently on a few percent of sentences), through :mod:`stancemap.vader`, which gives the
same numbers several times faster.
"""
from __future__ import annotations

import re

import pandas as pd

from .codebook import count_matches
from .errors import StancemapError
from .schema import text_values


def _pattern(codebook, key: str) -> re.Pattern:
    pat = codebook.cue_pattern(key, "frame")
    if isinstance(pat, re.Pattern):
        return pat
    return re.compile(str(pat), re.IGNORECASE)


def _texts_and_index(texts) -> tuple[list[str], pd.Index]:
    """The texts as strings (missing → "", :func:`stancemap.schema.text_value`) and the index to
    give the result: the Series' own, else 0…n-1."""
    if isinstance(texts, str):
        raise StancemapError("Pass a list or column of texts, not a single string: wrap it in a list.")
    if isinstance(texts, pd.Series):
        index = texts.index
        vals = texts.tolist()
    else:
        vals = list(texts)
        index = pd.RangeIndex(len(vals))
    return text_values(vals), index


def cue_counts(texts, codebook, prefix: str = "cue_") -> pd.DataFrame:
    """Number of codebook cue-term matches per frame: columns ``cue_<frame>`` (int).

    The index follows ``texts`` when it is a Series.
    """
    vals, index = _texts_and_index(texts)
    out = {}
    for key in codebook.frames:
        out[f"{prefix}{key}"] = count_matches(_pattern(codebook, key), vals)
    return pd.DataFrame(out, index=index)


def lexicon_frames(texts, codebook, min_count: int = 1) -> pd.DataFrame:
    """The dictionary baseline: frame ``f`` is present (1) when at least ``min_count``
    of its cue terms occur. Columns ``frame_<frame>`` (0/1)."""
    counts = cue_counts(texts, codebook)
    out = (counts >= min_count).astype("int64")
    out.columns = [f"frame_{c[len('cue_'):]}" for c in counts.columns]
    return out


def cue_matches(text: str, codebook) -> pd.DataFrame:
    """Every cue-term match in ``text``: columns ``frame, match, start, end``, in text order."""
    rows = []
    for key in codebook.frames:
        for m in _pattern(codebook, key).finditer(text):
            rows.append((key, m.group(0), m.start(), m.end()))
    df = pd.DataFrame(rows, columns=["frame", "match", "start", "end"])
    return df.sort_values(["start", "end", "frame"], kind="stable").reset_index(drop=True)


def tone(texts):
    """VADER compound tone in [-1, 1] (Hutto & Gilbert 2014).

    A string gives a float; a list or Series gives a float Series (index kept for
    a Series). Empty text scores 0.0.

    >>> tone("The discussion was very good and productive")
    0.4927
    """
    from .vader import compounds

    if isinstance(texts, str):
        return compounds([texts])[0]
    vals, index = _texts_and_index(texts)
    return pd.Series(compounds(vals), index=index, name="tone", dtype="float64")


__all__ = ["cue_counts", "cue_matches", "lexicon_frames", "tone"]
