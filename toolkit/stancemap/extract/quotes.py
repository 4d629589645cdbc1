"""Quotations: attributed by their marks ("…,” Quill said; Oduya said: “…”; a split quote, two rows
one speaker), and the quotations nobody claimed, which continue the previous speaker.

The attribution patterns follow O'Keefe et al. (2012, "A sequence labelling approach to quote
attribution"); every function reads the :class:`~stancemap.extract.index.DocIndex` and returns
new values.
"""
from __future__ import annotations

import bisect
import re
from collections.abc import Iterable
from dataclasses import dataclass

from .index import DocIndex, Quote, covered
from .lexicon import DIRECT_RULES
from .records import Attribution
from .subjects import np_forward, subject_before

__all__ = ["QuoteAttributions", "attribute_quotes", "direct_quote", "unclaimed_quotes"]


@dataclass(frozen=True)
class QuoteAttributions:
    """The quotations attributed by their marks: the attributions, the quotes' indices in
    :attr:`DocIndex.quotes` and the starts of the cues they used (no other rule takes those)."""
    attributions: tuple[Attribution, ...]
    quotes: frozenset[int]
    cues: frozenset[int]


def attribute_quotes(ix: DocIndex) -> QuoteAttributions:
    """Every quotation of the index with an attribution by its marks."""
    atts: list[Attribution] = []
    found: set[int] = set()
    for qi, q in enumerate(ix.quotes):
        att = direct_quote(ix, q)
        if att is not None:
            atts.append(att)
            found.add(qi)
    return QuoteAttributions(tuple(atts), frozenset(found), frozenset(a.cue_start for a in atts))


def direct_quote(ix: DocIndex, q: Quote) -> Attribution | None:
    """The attribution of quotation ``q`` by its marks: after it ("…,” X said / said X), before it
    (X said: “…”), or None."""
    text = ix.text
    cues = ix.cues
    qs, qe, cs, ce, closed = q
    s, e = ix.trim(cs, ce)
    if e <= s:
        return None
    # (a) attribution after the quote: “…,” he said / “…,” said X / “…” X told reporters
    if closed:
        inner_end = text[max(cs, ce - 2):ce]
        if not inner_end.rstrip().endswith("."):
            p = qe
            n = len(text) if p >= ix.end else ix.end
            while p < n and text[p] in " ,\t":
                p += 1
            if p < n and text[p] in "-–—" and p + 1 < n and text[p + 1] == " ":
                p += 2
            att = attribution_after(ix, p, s, e)
            if att is not None:
                return att
    # (b) attribution before: X said: “…” / X said, “…” / according to X, “…”
    ss = max(ix.sent_start(qs), ix.start)
    prevq = bisect.bisect_left(ix.q_starts, qs) - 1
    if prevq >= 0 and ix.quotes[prevq][1] > ss:
        ss = ix.quotes[prevq][1]
    before = text[ss:qs]
    if not before.strip():
        # "In a statement, the Ministry said:⏎“…”": the colon ends the previous sentence or line
        si = ix.sent_idx(qs)
        if si == 0 or ix.sents[si - 1][0] < ix.start or text[ix.sents[si - 1][1] - 1] != ":":
            return None
        ss = ix.sents[si - 1][0]
        before = text[ss:qs]
    stripped = before.rstrip()
    last = stripped[-1]
    if last not in ",:" and not (stripped.endswith(("said", "says", "added", "wrote")) and
                                 text[cs:cs + 1].isupper()):
        return None
    # last cue in the window that is followed only by adjuncts before the quote
    for cs_, cend, w in reversed([c for c in cues if ss <= c[0] < qs]):
        gap = text[cend:qs]
        if re.search(r"[.!?;“”\"]", gap) or len(gap) > 90:
            break
        if w == "according to":
            subj = np_forward(ix, cend, qs)
            if subj is None:
                break
        else:
            subj = subject_before(ix, cs_, w)
            if subj is None:
                break
        return Attribution(subj.start, subj, w, cs_, cend, "direct", s, e, rule="before")
    return None


def attribution_after(ix: DocIndex, p: int, s: int, e: int) -> Attribution | None:
    """The attribution right after a quotation (at ``p``) of its content ``s:e``, or None."""
    cues = ix.cues
    text = ix.text
    lim = min(len(text), p + 120)
    i = bisect.bisect_left(cues, (p, -1, ""))
    if i >= len(cues):
        return None
    cs_, cend, w = cues[i]
    if cs_ >= lim or re.search(r"[.!?;:“”\"]", text[p:cs_]):
        return None
    if cs_ == p:
        # inverted: said X
        if w == "according to":
            return None
        subj = np_forward(ix, cend, ix.sent_end(cend))
        if subj is None:
            return None
        return Attribution(subj.start, subj, w, cs_, cend, "direct", s, e, rule="after-inverted")
    subj = subject_before(ix, cs_, w, lo=p)
    if subj is None or subj.kind == "elided" or subj.start != p:
        return None
    return Attribution(subj.start, subj, w, cs_, cend, "direct", s, e, rule="after")


def unclaimed_quotes(ix: DocIndex, direct: frozenset[int], atts: Iterable[Attribution]) -> list[Attribution]:
    """Quotations no attribution claimed, as ``continuation`` attributions (the speaker comes later,
    from the previous statements); short quotes in the narrator's sentence are scare quotes, skipped."""
    text = ix.text
    spans = sorted((a.start, a.end) for a in atts if a.rule not in DIRECT_RULES)
    out = []
    for qi, (qs, qe, cs_, ce_, closed) in enumerate(ix.quotes):
        if qi in direct or covered(spans, qs, qe):
            continue
        words = len(text[cs_:ce_].split())
        if words < 4 and not re.search(r"[.!?]", text[cs_:ce_]):
            continue    # scare quotes / short fragments in the narrator's sentence
        s, e = ix.trim(cs_, ce_)
        if e > s:
            out.append(Attribution(qs, None, "", qs, qs, "continuation", s, e, rule="continuation"))
    return out
