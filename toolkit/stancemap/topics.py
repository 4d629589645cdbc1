"""Topic filter: keep the statements on a codebook topic (the war, the ceasefire), so that a
feed's greetings to a music school do not dilute a comparison.

A topic is defined in the codebook's ``topics:`` section by cue terms (the codebook's cue
syntax: whole words, ``*`` = prefix, multiword phrases) and, optionally, stance
``targets`` whose cues also count. The rule, one line long so a reader can check it:

    a statement is on a topic when its ``text`` — or the ``sentence`` it stands in, when the
    table has that column — matches a cue of the topic or of one of its targets.

Several topics: on any of them. ``context=N`` also keeps the statements within N places of
an on-topic statement in the same document (off by default: a window buys recall with
precision). It is a dictionary method, like the codebook's lexicon scores (Grimmer &
Stewart 2013, on validating such dictionaries): read a sample of the kept and dropped
statements before you trust it on a new corpus.

:func:`in_topic` gives a boolean Series; :func:`topic_filter` the kept rows (a new table,
order kept) and a :class:`~stancemap.errors.LossyStepWarning` with the counts;
:func:`topic_counts` the share on topic per actor.
"""
from __future__ import annotations

import warnings
from collections.abc import Iterable

import numpy as np
import pandas as pd

from .codebook import Codebook, count_matches, load_codebook
from .errors import LossyStepWarning, StancemapError, unknown_value
from .interface import option
from .runtime import is_dask
from .schema import require_columns, text_values


def resolve_topics(topic, codebook: Codebook | str | None = None) -> tuple[list[str], Codebook]:
    """The topic keys asked for (a key, ``"war,ceasefire"`` or a list of keys) and the
    codebook that defines them (a Codebook, a YAML path, or None for the bundled one).
    An unknown key is an error listing the codebook's topics."""
    cb = codebook if isinstance(codebook, Codebook) else load_codebook(codebook)
    if isinstance(topic, str):
        keys = [t.strip() for t in topic.split(",")]
    elif isinstance(topic, Iterable):
        keys = [str(t).strip() for part in topic for t in str(part).split(",")]
    else:
        raise StancemapError(f"{option('topic')} must be a topic name or a list of them, got {topic!r}. "
                             f"Topics of codebook {cb.name!r}: {', '.join(cb.topics) or '(none)'}.")
    keys = list(dict.fromkeys(k for k in keys if k))
    if not keys:
        raise StancemapError(f"No topic given. Topics of codebook {cb.name!r}: {', '.join(cb.topics) or '(none)'}; "
                             f"pass one, e.g. {option('topic', next(iter(cb.topics), 'war'))}.")
    for k in keys:
        if k not in cb.topics:
            fix = (f"Pass one of them, e.g. {option('topic', next(iter(cb.topics)))}, or add {k!r} to the "
                   f"codebook's 'topics:' section ({cb.source or 'the codebook'})." if cb.topics else
                   f"Codebook {cb.name!r} ({cb.source or 'given as a dict'}) has no 'topics:' section: add one "
                   "(see corpora/codebook.yaml) or use the bundled codebook.")
            raise unknown_value("Topic", k, cb.topics, fix)
    return keys, cb


def _check_table(table) -> pd.DataFrame:
    if is_dask(table):
        raise StancemapError("The topic filter reads a pandas table; this is a Dask table. Call .compute() first, "
                             "or filter the scored table the Dask engine returns.")
    if not isinstance(table, pd.DataFrame):
        raise StancemapError(f"The topic filter takes a statements or scored table (a pandas DataFrame), "
                             f"got {type(table).__name__}.")
    require_columns(table, ["text"], "statements table")
    return table


def _texts(table: pd.DataFrame) -> list[str]:
    """Each statement's text, or its sentence when the table has one (it contains the text)."""
    texts = text_values(table["text"])
    if "sentence" not in table.columns:
        return texts
    return [s if s else t for s, t in zip(text_values(table["sentence"]), texts)]


def _widen(hit: np.ndarray, table: pd.DataFrame, context: int) -> np.ndarray:
    """``hit`` or within ``context`` places of a hit in the same document (order: ``char_start``
    within ``doc_id`` when the table has them, else the table's order)."""
    if context == 0 or not hit.any():
        return hit
    doc = table["doc_id"].astype(str).to_numpy() if "doc_id" in table.columns else np.zeros(len(table), dtype=object)
    start = (pd.to_numeric(table["char_start"], errors="coerce").fillna(0).to_numpy()
             if "char_start" in table.columns else np.zeros(len(table)))
    order = np.lexsort((np.arange(len(table)), start, doc))
    h, d = hit[order], doc[order]
    out = h.copy()
    for shift in range(1, context + 1):
        same = d[shift:] == d[:-shift]
        out[shift:] |= h[:-shift] & same   # a hit `shift` places before
        out[:-shift] |= h[shift:] & same   # a hit `shift` places after
    widened = np.empty_like(out)
    widened[order] = out
    return widened


def _check_context(context) -> int:
    if isinstance(context, bool) or not isinstance(context, (int, np.integer)) or context < 0:
        raise StancemapError(f"context={context!r} must be a whole number ≥ 0 (0 = the statement alone; "
                             "1 = also the statements next to an on-topic one in the same document).")
    return int(context)


def in_topic(table: pd.DataFrame, topic, codebook: Codebook | str | None = None, *,
             context: int = 0) -> pd.Series:
    """A boolean Series (the table's index, named ``on_topic``): which statements are on
    ``topic`` (a key, ``"war,ceasefire"`` or a list: on any of them). See the module's rule."""
    keys, cb = resolve_topics(topic, codebook)
    table = _check_table(table)
    context = _check_context(context)
    texts = _texts(table)
    hit = np.zeros(len(table), dtype=bool)
    for k in keys:
        hit |= count_matches(cb.topic_pattern(k), texts) > 0
    return pd.Series(_widen(hit, table, context), index=table.index, name="on_topic")


def _describe(keys: list[str]) -> str:
    return f"topic {keys[0]!r}" if len(keys) == 1 else "topics " + " or ".join(map(repr, keys))


def topic_filter(table: pd.DataFrame, topic, codebook: Codebook | str | None = None, *,
                 context: int = 0) -> pd.DataFrame:
    """The statements on ``topic`` (a new table, rows in their order, index kept).

    Warns (:class:`~stancemap.errors.LossyStepWarning`) with the counts: "kept k of n
    statements on topic 'war'; dropped m" — per actor when the table has ``actor``."""
    keys, cb = resolve_topics(topic, codebook)
    mask = in_topic(table, keys, cb, context=context)
    kept = table.loc[mask.to_numpy()].copy()
    n, k = len(table), int(mask.sum())
    if k < n:
        warnings.warn(topic_note(table, mask, keys), LossyStepWarning, stacklevel=2)
    return kept


def topic_note(table: pd.DataFrame, mask: pd.Series, keys: list[str]) -> str:
    """The sentence that says what a filter kept: totals, then per actor (largest first)."""
    n, k = len(table), int(mask.sum())
    note = f"kept {k:,} of {n:,} statements on {_describe(keys)}; dropped {n - k:,}"
    if "actor" in table.columns and n:
        per = (pd.DataFrame({"actor": table["actor"].astype(str).to_numpy(), "on": mask.to_numpy()})
               .groupby("actor", sort=False)["on"].agg(["sum", "size"]))
        per = per.sort_values(["size"], ascending=False, kind="stable")
        note += " (" + ", ".join(f"{a} {int(r['sum']):,} of {int(r['size']):,}" for a, r in per.iterrows()) + ")"
    return note


def topic_counts(table: pd.DataFrame, topics=None, codebook: Codebook | str | None = None, *,
                 by: str = "actor", context: int = 0) -> pd.DataFrame:
    """Per group (``group``: the values of ``by``) and topic: ``n`` statements, ``on_topic`` and ``share`` on it
    (the declared ``topic_counts`` table).
    ``topics`` None = every topic of the codebook, one row each; a list gives one row per topic."""
    cb = codebook if isinstance(codebook, Codebook) else load_codebook(codebook)
    keys = list(cb.topics) if topics is None else resolve_topics(topics, cb)[0]
    if not keys:
        raise StancemapError(f"Codebook {cb.name!r} has no 'topics:' section; add one (see corpora/codebook.yaml).")
    table = _check_table(table)
    require_columns(table, [by], "statements table")
    rows = []
    groups = table[by].astype(str)
    for k in keys:
        on = in_topic(table, k, cb, context=context)
        agg = pd.DataFrame({by: groups.to_numpy(), "on": on.to_numpy()}).groupby(by, sort=True)["on"]
        for g, d in agg:
            rows.append((g, k, int(len(d)), int(d.sum())))
    out = pd.DataFrame(rows, columns=["group", "topic", "n", "on_topic"])
    out["share"] = out["on_topic"] / out["n"]
    return out


__all__ = ["in_topic", "resolve_topics", "topic_counts", "topic_filter", "topic_note"]
