"""The way back to the user's file: each span of a document's ``text`` in its ``raw_text``.

The exact offset map when ``text`` is ``clean_text(raw)`` (:func:`stancemap.clean.clean_text_map`);
otherwise a loose look-up that ignores spaces, quotation marks and dashes.
"""
from __future__ import annotations

import re

import numpy as np

from ..clean import clean_text_map

__all__ = ["raw_spans"]

#: Characters :func:`stancemap.clean.clean_text` never leaves in a text.
NOT_CLEANED = re.compile("[\"'`\t\r\u00a0\u200b\u00ad]")
QUOTE_MARKS = "\"'`“”‘’„‚«»‹›″′"
DASHES = "-—–―"
#: Characters a cleaning may change, join or drop: spaces, quotation marks, dashes, invisible ones.
LOOSE = np.array(sorted({ord(c) for c in QUOTE_MARKS + DASHES + "\u200b\u200c\u200d\u200e\u200f\u00ad\ufeff\u2060"}
                         | {i for i in range(0x3001) if chr(i).isspace()}), dtype=np.uint32)


def firm(text: str) -> tuple[str, np.ndarray]:
    """``text`` without the characters of :data:`LOOSE`, and where each kept one was."""
    codes = np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
    where = np.flatnonzero(~np.isin(codes, LOOSE))
    return codes[where].tobytes().decode("utf-32-le", "surrogatepass"), where


def raw_spans(text: str, raw: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Each span of ``text`` in ``raw`` (the document's raw_text), or (-1, -1) when not found.

    The exact way back when ``text`` is ``clean_text(raw)`` (:func:`stancemap.clean.clean_text_map`);
    otherwise (a text cleaned another way, e.g. the public datasets' ``repair_text``) the
    span is looked up in ``raw`` with runs of spaces, quotation marks and dashes compared
    loosely, the k-th occurrence in ``text`` for the k-th in ``raw``.
    """
    if raw == text:
        return list(spans)
    if not NOT_CLEANED.search(text):
        m = clean_text_map(raw)
        if m.text == text:
            return [m.raw_span(s, e) for s, e in spans]
    ftext, twhere = firm(text)
    fraw, rwhere = firm(raw)
    loose = set(QUOTE_MARKS + DASHES)
    out = []
    for s, e in spans:
        at, stop = np.searchsorted(twhere, [s, e])          # the span's firm characters in ftext
        piece = ftext[at:stop]
        k = ftext.count(piece, 0, stop - 1) if piece else -1
        if k < 0 or ftext.count(piece) != fraw.count(piece):
            out.append((-1, -1))
            continue
        found = -len(piece)
        for _ in range(k + 1):
            found = fraw.find(piece, found + len(piece))
        rs, re_ = int(rwhere[found]), int(rwhere[found + len(piece) - 1]) + 1
        # quotation marks and dashes at the span's edges are the source's too
        lead = text[s:e].strip()
        head = len(lead) - len(lead.lstrip(QUOTE_MARKS + DASHES))
        tail = len(lead) - len(lead.rstrip(QUOTE_MARKS + DASHES))
        for _ in range(2 * head):
            if rs > 0 and raw[rs - 1] in loose:
                rs -= 1
        for _ in range(2 * tail):
            if re_ < len(raw) and raw[re_] in loose:
                re_ += 1
        out.append((rs, re_))
    return out

