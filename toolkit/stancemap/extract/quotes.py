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
from .lexicon import DIRECT_RULES, SPACE_RUN
from .records import Attribution
from .subjects import np_forward, subject_before

__all__ = ["QuoteAttributions", "attribute_quotes", "direct_quote", "named_next", "unclaimed_quotes"]


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
    for qi, att in named_next(ix, found):
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


#: A sentence that names the speaker of the quotation just before it, a closed list: "That was the view
#: of X", "So said X", "Those were the words of X", "The words were X’s".
NEXT_ATTRIBUTION = re.compile(
    r"(?:That|This)\s+(?:was|is)\s+the\s+(?P<view>view|verdict|assessment|message|warning|position|reply|"
    r"response)\s+of\s+"
    r"|So\s+(?P<so>said|says)\s+"
    r"|(?:Those|These|Such)\s+(?:were|are)\s+the\s+(?P<words>words)\s+of\s+"
    r"|(?:The|Those|These)\s+(?P<poss>words|remarks)\s+(?:were|are)\s+(?=[A-Z])")
#: What may follow the name: an apposition ("…, the Northland foreign minister"), a time or place
#: ("on Tuesday", "in Eastport"), the final stop; nothing else (no clause of its own).
NEXT_REST = re.compile(r"(?:,\s+(?:the|a|an|who|whose|[A-Z])[^.!?;:“”\"]{0,80}?)?"
                       r"(?:\s+(?:on|in|at|during|after|before|last|this|earlier|later|yesterday|today)\b"
                       r"[^.!?;:,“”\"]{0,40})?\s*[.!]?")
NEXT_POSSESSIVE = re.compile(r"[’']s\s*[.!]?")
#: Subjects the rule accepts: a registry name, a name, a title ("So said the Southland premier"), a role.
NEXT_SUBJECTS = ("mention", "name", "title", "role")


def named_next(ix: DocIndex, claimed: Iterable[int]) -> list[tuple[int, Attribution]]:
    """Quotations whose speaker the next sentence names (:data:`NEXT_ATTRIBUTION`): “Talks are dead.”
    That was the view of Ada Quill, the Northland foreign minister. The quotation must be a whole
    sentence (or several) ending in a stop, and the naming sentence nothing but the pattern, the
    name and an apposition or time. Returns (quote index, attribution) pairs; ``claimed``: quotes
    already attributed by their marks."""
    text = ix.text
    claimed = set(claimed)
    out: list[tuple[int, Attribution]] = []
    for si in range(1, len(ix.sents)):
        ss, se = ix.trim(*ix.sents[si])
        if ss < ix.start or text[ss] not in "TS":
            continue
        m = NEXT_ATTRIBUTION.match(text, ss, se)
        if m is None:
            continue
        qi = bisect.bisect_left(ix.q_starts, ss) - 1
        if qi < 0 or qi in claimed:
            continue
        qs, qe, cs, ce, closed = ix.quotes[qi]
        if not closed or qe > ss or text[qe:ss].strip() not in ("", ".") or text[ce - 1:ce] not in ".!?…" \
                and text[qe:qe + 1] != ".":
            continue
        before = text[ix.start:qs].rstrip(" \t")
        if before and before[-1] not in "\n.!?…”\"":
            continue            # the quotation is part of a sentence: its own rules hold it
        subj = np_forward(ix, m.end(), se)
        if subj is None or subj.kind not in NEXT_SUBJECTS:
            continue
        rest = NEXT_POSSESSIVE if m.group("poss") else NEXT_REST
        if not rest.fullmatch(text, subj.end, se):
            continue
        s, e = ix.trim(cs, ce)
        cue = m.group("so") or SPACE_RUN.sub(" ", m.group().strip()).split(" ", 1)[1].lower()
        at = m.start("so") if m.group("so") else ss      # "So said X": that cue is this rule's, no other's
        out.append((qi, Attribution(subj.start, subj, cue, at, se, "direct", s, e, rule="next-sentence")))
    return out


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
