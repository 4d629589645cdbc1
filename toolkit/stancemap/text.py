"""Sentences, tokens and stems, with no downloaded data.

``nltk.download`` is not available offline, so sentences come from nltk's Punkt
tokenizer (Kiss & Strunk 2006) with a hand-written abbreviation list; words from
one regex (:data:`TOKEN`, clitics split as the Treebank tokenizer does), stems from
Snowball (Porter 2001) through PyStemmer. Scoring imports neither nltk nor scikit-learn.
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


#: Tokens of lower-cased text with ``n't`` set apart: words (hyphenated and dotted kept whole: "30-day",
#: "u.s"), clitics split off as the Treebank tokenizer does (``don't`` → ``do``, ``n't``; ``Ukraine's`` →
#: ``ukraine``, ``'s``), any other non-space character. One regex, no nltk import: the classifiers'
#: features and the word counts read the same tokens.
TOKEN = re.compile(r"n't|'(?:s|re|ve|ll|d|m)\b|\w+(?:[-.]\w+)*|[^\w\s]")
_WORD = re.compile(r"\w", re.UNICODE)


#: Curly quotes → plain quotes.
QUOTES = str.maketrans({"\u201c": '"', "\u201d": '"', "\u201e": '"', "\u2018": "'", "\u2019": "'"})


def tokens(text: str) -> list[str]:
    """Lower-cased tokens of ``text`` (see :data:`TOKEN`).

    >>> tokens("Kyiv’s allies don't waver.")
    ['kyiv', "'s", 'allies', 'do', "n't", 'waver', '.']
    """
    return TOKEN.findall(text.lower().translate(QUOTES).replace("n't", " n't"))


def words(text: str) -> list[str]:
    """Lower-cased word tokens (:func:`tokens`), punctuation removed: ``“ungrateful.”`` gives
    ``ungrateful``; the clitics ``'s`` and ``n't`` stay."""
    return [t for t in tokens(text) if _WORD.search(t)]


@lru_cache(maxsize=1)
def _stemmer():
    # PyStemmer: the Snowball project's own C build of its algorithms, 4× nltk's Python port and
    # without nltk's second of imports (scipy.stats, scikit-learn) on the scoring path
    import Stemmer

    return Stemmer.Stemmer("english")


@lru_cache(maxsize=200_000)
def stem(word: str) -> str:
    """Snowball English stem of one lower-case word (Porter 2001; PyStemmer), memoised: words repeat."""
    return _stemmer().stemWord(word)


#: Words that open a negation's scope; any token with ``n't`` does too (Das & Chen 2001; the list of
#: nltk's ``NEGATION_RE``, tested to give the same roles).
NEGATION_WORDS = frozenset("never no nothing nowhere noone none not havent hasnt hadnt cant couldnt shouldnt "
                           "wont wouldnt dont doesnt didnt isnt arent aint".split())
#: Punctuation tokens that close a negation's scope.
CLAUSE_PUNCT = frozenset(".:;!?")


def negation_role(token: str) -> int:
    """1 for a negation word (:data:`NEGATION_WORDS` or containing ``n't``), 2 for clause
    punctuation (:data:`CLAUSE_PUNCT`), 0 otherwise."""
    if token in NEGATION_WORDS or "n't" in token:
        return 1
    return 2 if token in CLAUSE_PUNCT else 0


def negation_marks(tokens: list[str]) -> list[bool]:
    """Which tokens are in a negation's scope: after a negation word up to the next
    clause punctuation (Das & Chen 2001). The same marks as nltk's
    ``mark_negation(tokens)``, without copying the list."""
    marks = []
    scope = False
    for t in tokens:
        role = negation_role(t)
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
    toks = tokens(text)
    marks = negation_marks(toks) if negation else [False] * len(toks)
    out = []
    for t, neg in zip(toks, marks):
        if neg:  # punctuation in a negation scope stays too (",_NEG"), as with mark_negation
            out.append(stem(t) + "_NEG")
        elif _WORD.search(t):
            out.append(stem(t))
    return out


@lru_cache(maxsize=1)
def stopwords() -> frozenset[str]:
    """A broad English stopword list (1,300+ words, ``stop-words`` package): used by the
    extraction rules to tell function words from names. Too broad for counting
    words (it holds "against", "free", "stop"): use :func:`analysis_stopwords`."""
    from stop_words import get_stop_words

    return frozenset(get_stop_words("en"))


#: The two-letter English words of :func:`stopwords`; its other two-letter entries are country codes
#: and abbreviations ("jo", "al", "ed", "li", "bo"), which in a capitalised word are a name.
ENGLISH_TWO_LETTER = frozenset("""ah am an as at be by do eg eh ex go he hi id ie if in is it me mr ms my no of
oh ok on or re so st to um up us vs we ye""".split())


def not_a_name_word(word: str) -> bool:
    """True when ``word`` is a function word that cannot start or be part of a person's name: in
    :func:`stopwords`, unless it is a capitalised two-letter word that is not English ("Jo Marlow",
    "Ed Davey", "Li Qiang"; "UK", "US" in capitals stay function words here, as before).

    >>> [not_a_name_word(w) for w in ("The", "Ed", "UK", "In", "Marlow")]
    [True, False, True, True, False]
    """
    low = word.casefold()
    if low not in stopwords():
        return False
    return not (len(word) == 2 and word[0].isupper() and word[1].islower() and low not in ENGLISH_TWO_LETTER)


#: Words that carry stance or negation: never stopwords when counting words.
KEEP_WORDS = frozenset("""against not no nor never none nothing without cannot only must should
full first last whole serious""".split())


def _glasgow_stop_words() -> frozenset[str]:
    """scikit-learn's ``ENGLISH_STOP_WORDS``, read as a literal from its module file: importing
    scikit-learn to get a list of words would cost the report most of a second. Imported the usual
    way when the file is not as expected (tested equal)."""
    import ast
    import importlib.util
    from pathlib import Path

    try:
        spec = importlib.util.find_spec("sklearn")
        path = Path(spec.origin).parent / "feature_extraction" / "_stop_words.py"
        for node in ast.parse(path.read_text(encoding="utf-8")).body:
            if isinstance(node, ast.Assign) and [getattr(t, "id", None) for t in node.targets] == ["ENGLISH_STOP_WORDS"]:
                words = ast.literal_eval(node.value.args[0])
                if isinstance(words, list) and all(isinstance(w, str) for w in words):
                    return frozenset(words)
    except (AttributeError, IndexError, OSError, SyntaxError, TypeError, ValueError):
        pass
    from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

    return frozenset(ENGLISH_STOP_WORDS)


@lru_cache(maxsize=1)
def analysis_stopwords() -> frozenset[str]:
    """Stopwords for keyness and word counts: scikit-learn's English list (Glasgow IR
    group, 318 words) minus the words that carry stance or negation (:data:`KEEP_WORDS`)."""
    extra = {"did", "does", "doing", "having", "just", "let", "s", "said", "says", "say"}
    return _glasgow_stop_words() - KEEP_WORDS | extra
