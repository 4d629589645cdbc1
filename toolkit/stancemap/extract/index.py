"""The document index: one immutable value holding what every rule looks up — the region the
rules read, its sentences, quotation marks (per paragraph), registry mentions and cue verbs.

Built once per document by :func:`build_index`; rules take it and never change it.
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Callable, Mapping

from ..actors import Member
from .lexicon import AFTER_SENTENCE, CLAUSE_BREAKS, CONNECTORS, CUE_RE, DOUBLE_OPENERS, LINE, PREV_TOKEN, QMARK, \
    SPACE_RUN, WORD
from .matchers import Matchers
from .sentences import fast_sentence_spans

__all__ = ["DocIndex", "Quote", "build_index", "covered", "covered_any", "find_quotes", "in_quote"]

#: A quotation: (opening mark, end after the closing mark, content start, content end, closed).
Quote = tuple[int, int, int, int, bool]


def find_quotes(text: str, rs: int, re_: int) -> tuple[Quote, ...]:
    """Quotation spans per paragraph: (open, close_end, content_start, content_end, closed)."""
    quotes: list[tuple[int, int, int, int, bool]] = []
    for lm in LINE.finditer(text, rs, re_):
        ps, pe = lm.start(), lm.end()
        open_d = open_s = None
        depth = 0
        for m in QMARK.finditer(text, ps, pe):
            i = m.start()
            ch = text[i]
            prev = text[i - 1] if i > ps else " "
            nxt = text[i + 1] if i + 1 < pe else " "
            if ch in "“”\"":
                if open_d is None:
                    if ch == "“" or (ch == '"' and (prev.isspace() or prev in DOUBLE_OPENERS or i == ps
                                                    or not nxt.isspace())):
                        open_d, open_s = i, None
                elif ch == "“" or (ch == '"' and (prev.isspace() or prev in DOUBLE_OPENERS)
                                   and nxt.isalnum()):
                    if depth == 0 and AFTER_SENTENCE.search(text, max(ps, i - 4), i):
                        # the previous quotation was never closed: end it with its sentence
                        end = i
                        while end > open_d + 1 and text[end - 1].isspace():
                            end -= 1
                        quotes.append((open_d, end, open_d + 1, end, False))
                        open_d = i
                        continue
                    depth += 1      # a quotation inside the quotation: "… resorts to "nuclear terrorism", …"
                elif depth:
                    depth -= 1
                else:
                    quotes.append((open_d, i + 1, open_d + 1, i, True))
                    open_d = None
                continue
            if open_d is not None:
                continue
            if open_s is None:
                if (ch == "‘" or ch == "'") and (prev.isspace() or prev in DOUBLE_OPENERS or i == ps) \
                        and nxt.isalnum():
                    open_s = i
            elif ch in "’'" and not nxt.isalnum() and not prev.isspace():
                quotes.append((open_s, i + 1, open_s + 1, i, True))
                open_s = None
        if open_d is not None and pe - open_d > 1:
            quotes.append((open_d, pe, open_d + 1, pe, False))
    quotes.sort()
    return tuple(quotes)


def in_quote(quotes: tuple[Quote, ...], q_starts: tuple[int, ...], pos: int) -> bool:
    """Whether ``pos`` lies inside a quotation (after its opening mark, before its closing one)."""
    i = bisect.bisect_right(q_starts, pos) - 1
    return i >= 0 and quotes[i][0] < pos < quotes[i][1] - (1 if quotes[i][4] else 0)


def covered(spans: list[tuple[int, int]], s: int, e: int) -> bool:
    i = bisect.bisect_right(spans, (s, 10**12)) - 1
    while i >= 0:
        a, b = spans[i]
        if a <= s and e <= b + 1:
            return True
        if b < s - 2000:
            break
        i -= 1
    return False

def covered_any(spans: list[tuple[int, int]], s: int, e: int) -> bool:
    i = bisect.bisect_left(spans, (e, -1))
    while i > 0:
        i -= 1
        a, b = spans[i]
        if b > s and a < e:
            return True
        if b < s - 5000:
            break
    return False



@dataclass(frozen=True)
class DocIndex:
    """What the rules look up in one document's region ``text[start:end]`` (never changed)."""
    text: str
    start: int
    end: int
    sents: tuple[tuple[int, int], ...]
    sent_starts: tuple[int, ...]
    quotes: tuple[Quote, ...]
    q_starts: tuple[int, ...]
    #: registry mentions outside quotations: (start, end, member), and their starts
    mentions: tuple[tuple[int, int, Member], ...]
    mention_starts: tuple[int, ...]
    #: every registry mention (quoted too) by its end → (start, member), by its start → (end, member)
    by_end: Mapping[int, tuple[int, Member]]
    by_start: Mapping[int, tuple[int, Member]]
    #: cue verbs outside quotations: (start, end, cue form), and their starts and ends
    cues: tuple[tuple[int, int, str], ...]
    cue_starts: tuple[int, ...]
    cue_ends: tuple[int, ...]
    matchers: Matchers = field(compare=False, repr=False)
    #: a function without arguments that returns the people a meeting's page title and publisher name
    #: (official texts; ``document_meeting``), called only when needed
    meeting: Callable[[], tuple] = tuple
    #: an official text: a group the rules cannot name is the publisher's own account
    official: bool = False
    #: an official text's principal — the person who heads its publisher that day — and the title they hold
    #: ("President of Ukraine"): its bare "the President" (:func:`~stancemap.extract.speakers.title_member`)
    principal: Member | None = None
    principal_title: str = ""
    #: the document's ISO day: a dated title of the registry ("the Head of the President's Office") names
    #: its holder on it
    date: str | None = None
    #: an official text's publisher group ("ukraine" on Kyiv's pages): its own titles need no country
    side: str | None = None

    def in_quote(self, pos: int) -> bool:
        i = bisect.bisect_right(self.q_starts, pos) - 1
        return i >= 0 and self.quotes[i][0] < pos < self.quotes[i][1] - (1 if self.quotes[i][4] else 0)

    def mentions_between(self, start: int, end: int) -> list[tuple[int, int, Member]]:
        """The registry mentions outside quotations that start in ``start..end``, in reading order."""
        i = bisect.bisect_left(self.mention_starts, start)
        j = bisect.bisect_left(self.mention_starts, end, i)
        return list(self.mentions[i:j])

    def sent_idx(self, pos: int) -> int:
        return max(0, bisect.bisect_right(self.sent_starts, pos) - 1)

    def sent_end(self, pos: int) -> int:
        return self.sents[self.sent_idx(pos)][1]

    def sent_start(self, pos: int) -> int:
        return self.sents[self.sent_idx(pos)][0]

    def tokens(self, lo: int, hi: int) -> list[tuple[int, int, str]]:
        return [(m.start(), m.end(), m.group()) for m in WORD.finditer(self.text, lo, hi)]

    def boundary_before(self, pos: int) -> bool:
        m = PREV_TOKEN.search(self.text, max(self.start, pos - 40), pos)
        return m is None or m.group(1).lower() in CLAUSE_BREAKS

    def trim(self, start: int, end: int) -> tuple[int, int]:
        """Trim whitespace only (quoted words keep their own punctuation)."""
        text = self.text
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        return start, end

    def strip(self, start: int, end: int) -> tuple[int, int]:
        """Trim whitespace, leading punctuation and trailing punctuation/connectors from a span."""
        text = self.text
        while True:
            while start < end and (text[start].isspace() or text[start] in ",:;—–-"):
                start += 1
            while end > start and (text[end - 1].isspace() or text[end - 1] in ",;:.—–-"):
                end -= 1
            m = re.search(r"(?:^|\s)([A-Za-z]+)$", text[max(start, end - 12):end])
            if m and m.group(1).lower() in CONNECTORS and end - len(m.group(1)) > start:
                end -= len(m.group(1))
                continue
            break
        return start, end

    def quote_kind(self, start: int, end: int) -> str:
        i = bisect.bisect_left(self.q_starts, start)
        inside = []
        while i < len(self.quotes) and self.quotes[i][0] < end:
            inside.append(self.quotes[i])
            i += 1
        if not inside:
            return "indirect"
        if len(inside) == 1 and inside[0][0] == start and inside[0][1] >= end:
            return "direct"
        return "mixed"



def build_index(matchers: Matchers, text: str, start: int, end: int, meeting: Callable[[], tuple] = tuple,
                official: bool = False, principal: Member | None = None, principal_title: str = "",
                date: str | None = None, side: str | None = None) -> DocIndex | None:
    """The index of ``text[start:end]``; None when the region holds no sentence. ``meeting``: the
    people who met by the page title (:attr:`DocIndex.meeting`); ``official``: an official text;
    ``principal``/``principal_title``: who heads its publisher, and as what (:attr:`DocIndex.principal`);
    ``date``: the document's ISO day (:attr:`DocIndex.date`); ``side``: an official text's group."""
    sents = tuple(fast_sentence_spans(text, start, end))
    if not sents:
        return None
    quotes = find_quotes(text, start, end)
    q_starts = tuple([q[0] for q in quotes])
    mentions: list[tuple[int, int, Member]] = []
    by_end: dict[int, tuple[int, Member]] = {}
    by_start: dict[int, tuple[int, Member]] = {}
    for m in matchers.mention_re.finditer(text, start, end):
        member = matchers.resolve_on(m.group(), date)
        if member is None:
            continue
        s, e = m.start(), m.end()
        by_end[e] = (s, member)
        by_start.setdefault(s, (e, member))
        if not in_quote(quotes, q_starts, s):
            mentions.append((s, e, member))
    cues = [(m.start(), m.end(), SPACE_RUN.sub(" ", m.group()) if m.group()[0] != "A" else "according to")
            for m in CUE_RE.finditer(text, start, end) if not in_quote(quotes, q_starts, m.start())]
    return DocIndex(text, start, end, sents, tuple([s for s, _ in sents]), quotes, q_starts, tuple(mentions),
                    tuple([s for s, _, _ in mentions]), MappingProxyType(by_end), MappingProxyType(by_start),
                    tuple(cues), tuple([c[0] for c in cues]), tuple([c[1] for c in cues]), matchers,
                    meeting, official, principal, principal_title, date, side)
