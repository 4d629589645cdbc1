"""The extractor's sentence splitter: a regular expression with the abbreviation list of
:mod:`stancemap.text`, about ten times faster than nltk's Punkt on long press releases."""
from __future__ import annotations

import re

from ..text import ABBREVIATIONS


# A sentence ends at . ! ? or … (plus closing quotes/brackets) before whitespace and a capital, digit or
# opening quote, unless the word before the period is an abbreviation or an initial; a line break always
# ends one. Same abbreviation list as stancemap.text (Punkt), about ten times faster on long texts.
SENT_BREAK = re.compile(r"[.!?…]+[”\"’')\]]*(?=[ \t]+[“\"‘'(\[]?[A-Z0-9\u00C0-\u00DE\u0400-\u042F])|\n")
ABBREV_DOTTED = frozenset(a for a in ABBREVIATIONS)


def fast_sentence_spans(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """Sentence spans of ``text[start:end]`` (absolute offsets), whitespace trimmed, by the
    regex rule above: the extractor's splitter, not Punkt (:func:`stancemap.text.sentence_spans`)."""
    end = len(text) if end is None else end
    spans = []
    s = start
    for m in SENT_BREAK.finditer(text, start, end):
        e = m.end()
        if m.group() != "\n" and text[m.start()] == "." and m.end() - m.start() == 1:
            j = m.start()
            k = j
            while k > s and not text[k - 1].isspace() and text[k - 1] not in "(“\"‘'":
                k -= 1
            word = text[k:j].casefold()
            if word in ABBREV_DOTTED or (len(word) == 1 and word.isalpha()) or \
                    (len(word) <= 4 and "." in word and word.replace(".", "").isalpha()):
                continue
        _push(text, s, e, spans)
        s = e
    _push(text, s, end, spans)
    return spans


def _push(text: str, s: int, e: int, spans: list) -> None:
    while s < e and text[s].isspace():
        s += 1
    while e > s and text[e - 1].isspace():
        e -= 1
    if e > s:
        spans.append((s, e))

