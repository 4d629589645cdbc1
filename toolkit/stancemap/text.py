"""Sentences, tokens and stems, with nltk and no downloaded data.

``nltk.download`` is not available offline, so sentences come from a Punkt
tokenizer (Kiss & Strunk 2006) with a hand-written abbreviation list, words from
the Treebank tokenizer, stems from Snowball (Porter 2001).
"""
from __future__ import annotations

import re
from functools import lru_cache


#: Lower-case abbreviations without their final period (Punkt's convention).
ABBREVIATIONS = frozenset("""
mr mrs ms dr prof sr jr st gen col lt sgt capt cmdr adm gov sen rep pres
u.s u.k u.n e.u u.s.a u.s.s.r e.g i.e etc vs approx jan feb mar apr jun jul aug sep sept oct nov dec
no inc ltd co corp dept est fig p.m a.m
""".split())


@lru_cache(maxsize=1)
def _punkt():
    from nltk.tokenize.punkt import PunktParameters, PunktSentenceTokenizer

    params = PunktParameters()
    params.abbrev_types = set(ABBREVIATIONS)
    return PunktSentenceTokenizer(params)


_LINE_BREAKS = re.compile(r"\n\s*")


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """Character spans of the sentences in ``text`` by Punkt; line breaks always end a sentence.

    The extractor splits with a faster regex rule instead
    (``stancemap.extract.fast_sentence_spans``); the two can differ."""
    spans: list[tuple[int, int]] = []
    pos = 0
    for para in _LINE_BREAKS.split(text) if text else []:
        start = text.find(para, pos) if para else pos
        if para.strip():
            for s, e in _punkt().span_tokenize(para):
                spans.append((start + s, start + e))
        pos = start + len(para)
    return spans


def sentences(text: str) -> list[str]:
    """The sentences of ``text``."""
    return [text[s:e] for s, e in sentence_spans(text)]


def _stdlib(pattern) -> re.Pattern:
    """An nltk pattern compiled with the standard ``re`` module (nltk 3.9+ wraps every
    pattern in a timed ``regex`` pattern, a ReDoS guard that costs 40% of the
    tokenizer's time; these fixed Treebank patterns are linear)."""
    if isinstance(pattern, re.Pattern):
        return pattern
    rx = getattr(pattern, "_rx", pattern)
    keep = re.IGNORECASE | re.MULTILINE | re.DOTALL | re.VERBOSE | re.UNICODE
    return re.compile(rx.pattern, rx.flags & keep)


@lru_cache(maxsize=1)
def _treebank():
    """nltk's Treebank word tokenizer with its own patterns compiled by ``re``: the same
    tokens (tested against nltk's), 1.6× faster. Built on first use (importing nltk takes a second)."""
    from nltk.tokenize import TreebankWordTokenizer as T

    class _Treebank(T):
        STARTING_QUOTES = [(_stdlib(p), s) for p, s in T.STARTING_QUOTES]
        PUNCTUATION = [(_stdlib(p), s) for p, s in T.PUNCTUATION]
        PARENS_BRACKETS = (_stdlib(T.PARENS_BRACKETS[0]), T.PARENS_BRACKETS[1])
        CONVERT_PARENTHESES = [(_stdlib(p), s) for p, s in T.CONVERT_PARENTHESES]
        DOUBLE_DASHES = (_stdlib(T.DOUBLE_DASHES[0]), T.DOUBLE_DASHES[1])
        ENDING_QUOTES = [(_stdlib(p), s) for p, s in T.ENDING_QUOTES]
        CONTRACTIONS2 = [_stdlib(p) for p in T.CONTRACTIONS2]
        CONTRACTIONS3 = [_stdlib(p) for p in T.CONTRACTIONS3]

    return _Treebank()
_WORD = re.compile(r"\w", re.UNICODE)


_QUOTES = str.maketrans({"\u201c": '"', "\u201d": '"', "\u201e": '"', "\u2018": "'", "\u2019": "'"})
_EDGE_PUNCT = "\"'.,;:!?()[]{}\u2026"


def words(text: str, lower: bool = True) -> list[str]:
    """Word tokens (Treebank rules on text with plain quotes), punctuation removed:
    ``“ungrateful.”`` gives ``ungrateful``."""
    text = text.translate(_QUOTES)
    toks = _treebank().tokenize(text.lower() if lower else text)
    out = []
    for t in toks:
        t = t if t in ("'s", "n't") else t.strip(_EDGE_PUNCT)
        if _WORD.search(t):
            out.append(t)
    return out


@lru_cache(maxsize=1)
def _stemmer():
    from nltk.stem.snowball import SnowballStemmer

    return SnowballStemmer("english")


@lru_cache(maxsize=200_000)
def _stem(word: str) -> str:
    """Snowball stem of one lower-case word, memoised: words repeat (Zipf), stemming is slow."""
    return _stemmer().stem(word)


@lru_cache(maxsize=50_000)
def _negation_role(token: str) -> int:
    """1 for a negation word, 2 for clause punctuation, 0 otherwise (nltk's regexes)."""
    from nltk.sentiment.util import CLAUSE_PUNCT_RE, NEGATION_RE

    if NEGATION_RE.search(token):
        return 1
    return 2 if CLAUSE_PUNCT_RE.search(token) else 0


def negation_marks(tokens: list[str]) -> list[bool]:
    """Which tokens are in a negation's scope: after a negation word up to the next
    clause punctuation (Das & Chen 2001). The same marks as nltk's
    ``mark_negation(tokens)``, without copying the list."""
    marks = []
    scope = False
    for t in tokens:
        role = _negation_role(t)
        if role == 1:
            marks.append(scope)  # a second negation inside the scope is itself marked
            scope = True
        elif role == 2:
            marks.append(False)
            scope = False
        else:
            marks.append(scope)
    return marks


def stems(text: str, negation: bool = False) -> list[str]:
    """Snowball stems of the words; with ``negation`` words after a negation get ``_NEG``
    (Das & Chen 2001, the scope of nltk's ``mark_negation``)."""
    toks = _treebank().tokenize(text.lower())
    marks = negation_marks(toks) if negation else [False] * len(toks)
    out = []
    for t, neg in zip(toks, marks):
        if neg:  # punctuation in a negation scope stays too (",_NEG"), as with mark_negation
            out.append(_stem(t) + "_NEG")
        elif _WORD.search(t):
            out.append(_stem(t))
    return out


@lru_cache(maxsize=1)
def stopwords() -> frozenset[str]:
    """A broad English stopword list (1,300+ words, ``stop-words`` package): used by the
    extraction rules to tell function words from names. Too broad for counting
    words (it holds "against", "free", "stop"): use :func:`analysis_stopwords`."""
    from stop_words import get_stop_words

    return frozenset(get_stop_words("en"))


#: Words that carry stance or negation: never stopwords when counting words.
KEEP_WORDS = frozenset("""against not no nor never none nothing without cannot only must should
full first last whole serious""".split())


@lru_cache(maxsize=1)
def analysis_stopwords() -> frozenset[str]:
    """Stopwords for keyness and word counts: scikit-learn's English list (Glasgow IR
    group, 318 words) minus the words that carry stance or negation (:data:`KEEP_WORDS`)."""
    from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

    extra = {"did", "does", "doing", "having", "just", "let", "s", "said", "says", "say"}
    return frozenset(ENGLISH_STOP_WORDS) - KEEP_WORDS | extra
