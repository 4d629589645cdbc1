"""Clean document text: every rule that turns ``raw_text`` into ``text`` lives here.

The contract, for every way documents enter the documents table
(:func:`stancemap.corpus.load` for files and tables, the public-dataset loaders
of :mod:`stancemap.datasets`): ``raw_text`` is the text as read (decoded; no
front matter dropped: a text file's offsets count from its first character;
for HTML the extracted main text; for a dataset the field as
published), ``text`` a cleaned copy made from it by this module, and statement
spans (``char_start``/``char_end``) point into ``text``, never into
``raw_text``. Cleaning is deterministic, so the same raw text always gives the
same text and spans. A missing value (None, NaN, ``pd.NA``) is the empty text
(:func:`stancemap.schema.text_value`). Two profiles:

* :func:`clean_text` — loaded files and tables (news articles, your own
  texts): the steps below; idempotent
  (``clean_text(clean_text(x).text).text == clean_text(x).text``);
  :func:`clean_text_map` gives the same text with the exact way back to every
  character of the input.
* :func:`repair_text` — the public datasets' official texts, which keep their
  quotation marks and dashes as published: Unicode spaces and line endings
  (:func:`clean_whitespace`), PDF line wrapping undone (:func:`unwrap_lines`,
  the UNGDC) and transcript speaker turns put on lines of their own
  (:func:`restore_turn_breaks`, the Kremlin press releases); the case-study
  figures depend on these texts byte for byte. Three more rules, each off
  unless a loader asks for it: inline HTML tags removed and entities decoded
  (:func:`strip_inline_html`, Hansard), hard-wrapped Markdown turned into plain
  paragraphs (:func:`unwrap_markdown`, the White House pages) and paragraph
  breaks a scraper replaced with ", " restored (:func:`split_comma_joins`, the
  2022–23 Zelenskyy addresses).

(An annotated corpus whose gold offsets refer to the file as stored,
:func:`stancemap.brat.read_attribution_corpus`, keeps ``text == raw_text``.)

Steps of :func:`clean_text`, in order (the layout repairs 0, 5, 6, 8 and 9 fire
only where their marks are found; :attr:`CleanText.repairs` counts 0, 6, 8 and 9):

(first) a leading YAML front matter block (:func:`front_matter`) is removed;
0. inline HTML: tags of real HTML elements removed (blocks → paragraph breaks,
   ``<br>`` → line break, ``<li>`` → "- "; ``<s>``/``<del>`` with their words),
   entities decoded;
1. invisible characters go (zero-width spaces, BOM, soft hyphens, bidi marks,
   control characters); the rest is Unicode NFC;
2. whitespace: ``\r\n`` and other line separators become ``\n``; NBSP, thin
   and other Unicode spaces become a plain space; runs of spaces and tabs
   become one space; lines are stripped; three or more newlines become two;
3. dashes: ``--`` becomes an em dash "—"; an en dash "–" is kept;
4. quotation marks become typographic (“ ” ‘ ’), chosen by position;
5. hard-wrapped lines (a text filled at 50–110 columns) are joined into
   paragraphs, the line breaks becoming spaces (:func:`hard_wraps`); lists,
   headings, turn labels and unwrapped texts keep their lines;
6. Markdown: links and images, emphasis, heading marks (a heading becomes a
   paragraph), block quotes, escapes and the ``###`` end mark go; step 2 again;
7. boilerplate (scraping artefacts, :data:`DEFAULT_BOILERPLATE`) is removed,
   and steps 1–5 run again on what is left;
8. paragraph breaks a scrape replaced with ", " are restored, when the text
   shows it (:func:`comma_joined`);
9. sentences run together ("war.Next") are parted: a paragraph break in a text
   that lost its line breaks, else a space; after 8 or 9, step 7 again;
10. the dateline ("WASHINGTON/LONDON –", "KYIV, March 18 (Reuters) -") is
    detected at the start of the first body paragraph and reported; it stays in
    the text so the sentence remains readable.
"""
from __future__ import annotations

import bisect
import html
import html.entities
import re
import unicodedata
import warnings
from collections.abc import Iterable, Mapping
from functools import lru_cache
from typing import NamedTuple

import pandas as pd

from .errors import LossyStepWarning, StancemapError
from .schema import require_columns, text_value, text_values

__all__ = ["DEFAULT_BOILERPLATE", "LAYOUT_REPAIRS", "CleanMap", "CleanText", "clean", "clean_text", "clean_text_map",
           "clean_whitespace", "comma_joined", "describe_repairs", "detect_dateline", "front_matter", "hard_wraps", "normalize", "repair_text", "restore_turn_breaks",
           "split_comma_joins", "strip_boilerplate", "strip_inline_html", "turn_labels", "unwrap_lines",
           "unwrap_markdown"]

_MONTH = (r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|"
          r"Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?")

_DEFAULTS: tuple[tuple[tuple[str, ...], str], ...] = (
    # (cheap lower-case triggers: the pattern only runs when one occurs, the entry)
    # photo-agency embed widgets, often glued to the next sentence
    (("getty",), r"re:(?im)^embed from getty images$\n?|(?i:embed from getty images)"),
    # advertisement markers on their own line, or glued between sentences
    (("advert",), r"re:(?im)^(?:advertisement(?: ?[-–—:]? ?(?:scroll|continue reading)[^\n]{0,40})?"
                  r"|story continues below(?: this)? advertisement|skip advert(?:isement)?)$\n?"),
    (("advert",), r"re:(?<=[.!?”’])(?i:advertisement)(?=[A-Z“‘]|$)"),
    # "Read more: …", "Related: …", "See also: …" lines
    (("read more", "read also", "also read", "more on this", "see also", "related"),
     r"re:(?im)^(?:read more|read also|also read|more on this(?: story)?|see also"
     r"|related(?: articles?| stories| coverage| content)?) ?:[^\n]*$\n?"),
    (("read more",), r"re:(?im)^read more$\n?"),
    # "Click here to subscribe." (a line of its own, or a sentence)
    (("click here",), r"re:(?im)(?:^|(?<=[.!?] ))click here (?:to|for)\b[^\n.!?]*[.!?]?"),
    # social-media embeds: tweet credit lines, image links, Instagram credits
    (("(@",), r"re:[—–-]{1,2} ?[^\n—–()]{1,80}?\(@\w{1,15}\) ?" + _MONTH + r" \d{1,2}, ?\d{4}(?: ?$\n?)?"),
    (("pic.",), r"re:pic\.(?:twitter|x)\.com/\w+"),
    (("t.co/",), r"re:https?://t\.co/\w+"),
    (("shared by",), r"re:(?im)^a post shared by [^\n]*$\n?"),
    (("instagram",), r"re:(?im)^view this post on instagram$\n?"),
    # sharing and newsletter prompts
    (("share this", "share the"), r"re:(?im)^share (?:this|the) (?:article|story|page|post)\b[^\n]{0,60}$\n?"),
    (("share",), r"re:(?im)^(?:share(?: on| via)? (?:facebook|twitter|x|whatsapp|linkedin|email|telegram)[ ,|]*)+$\n?"),
    (("newsletter",), r"re:(?im)^(?:sign up|subscribe)\b[^\n]{0,80}\bnewsletters?\b[^\n]{0,120}$\n?"),
    (("copy link", "listen to", "follow us"),
     r"re:(?im)^(?:copy link|listen to this article|follow us on [^\n]{0,40})$\n?"),
    # image credit lines ("Image source, Getty Images", "Photograph: X/AP")
    (("image source", "image caption", "photo:", "photograph:"), r"re:(?im)^(?:image (?:source|caption),|photograph:|photo:)[^\n]{0,160}$\n?"),
)

#: Known scraping artefacts. An entry starting with ``re:`` is a regular
#: expression (applied with ``re.MULTILINE`` to the normalised text; the whole
#: match is removed); any other entry is a literal phrase, removed only where
#: it stands on a line of its own or is glued without a space to the sentence
#: around it (as in the seed's "Embed from Getty ImagesMeanwhile, Russia…"), so
#: "Advertisement revenue fell" is left alone. Pass your own tuple to
#: ``boilerplate=`` (e.g. ``DEFAULT_BOILERPLATE + ("Listen to this story",)``),
#: or ``()`` to strip nothing.
DEFAULT_BOILERPLATE: tuple[str, ...] = tuple(entry for _, entry in _DEFAULTS)
_TRIGGERS: dict[str, tuple[str, ...]] = {entry: trig for trig, entry in _DEFAULTS}


class CleanText(NamedTuple):
    """The cleaned text, the detected dateline ("" when none), the removed boilerplate and the
    layout repairs that fired, as ``{name: count}`` (names: :data:`LAYOUT_REPAIRS`)."""

    text: str
    dateline: str
    removed: list[str]
    repairs: dict[str, int] = {}


# --------------------------------------------------------------------------- normalisation

# Line separators → "\n"; Unicode spaces and tabs → " "; control characters and
# invisible format characters (zero-width spaces and joiners, BOM, soft hyphen,
# bidi marks, word joiner, tag characters) and lone surrogates → removed.
_LINE_SEPARATORS = re.compile("[\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029]")
_UNICODE_SPACES = re.compile("[\t\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]")
_INVISIBLE = re.compile(
    "[\x00-\x08\x0e-\x1b\x1f\x7f-\x84\x86-\x9f\u00ad\u061c\u180e\u200b-\u200f\u202a-\u202e"
    "\u2060-\u2064\u2066-\u206f\ufeff\ufff9-\ufffb\U0001bca0-\U0001bca3\U0001d173-\U0001d17a"
    "\U000e0001\U000e0020-\U000e007f\ud800-\udfff]")


def _drop_invisible(text: str) -> str:
    if all(line.isprintable() for line in text.split("\n")):
        return text                     # fast path: no control, format or non-ASCII space characters
    text = _LINE_SEPARATORS.sub("\n", text.replace("\r\n", "\n"))
    return _UNICODE_SPACES.sub(" ", _INVISIBLE.sub("", text))


_SPACES = re.compile(r"  +")     # (a literal prefix is much faster than " {2,}" in re)
_MANY_NEWLINES = re.compile(r"\n{3,}")
_DOUBLE_HYPHEN = re.compile(r"(?<!-)-{2,3}(?!-)")


def _whitespace(text: str) -> str:
    if "  " in text:
        text = _SPACES.sub(" ", text)
    if " \n" in text or "\n " in text or text[:1] == " " or text[-1:] == " ":
        text = "\n".join(line.strip(" ") for line in text.split("\n"))
    if "\n\n\n" in text:
        text = _MANY_NEWLINES.sub("\n\n", text)
    return text.strip("\n")


# Double quotation marks other than “ ”, and single ones other than ‘ ’.
_DOUBLE_QUOTES = "\"„«»″＂‟〝〞〟"
_SINGLE_QUOTES = "'‛′＇`‚‹›´ʼ"
_QUOTE_CHAR = re.compile("[" + re.escape(_DOUBLE_QUOTES + _SINGLE_QUOTES) + "]")
_QUOTE_TOKEN = re.compile("[" + re.escape(_DOUBLE_QUOTES + _SINGLE_QUOTES) + "“‘]")
_OPENERS = set("([{—–/-“‘")


def _opens(prev: str) -> bool:
    return prev == "" or prev.isspace() or prev in _OPENERS


def _quotes(text: str, edits: list | None = None) -> str:
    """Straight and foreign quotation marks → “ ” ‘ ’ by position.

    A mark opens after the start of the text, whitespace or one of ``([{—–/-``
    and closes otherwise; an apostrophe inside a word is ’. ``` `` ``` and
    ``''`` are double marks. German „…“ and ‚…‘ pairs become “…” and ‘…’.
    ``edits``: a list to receive each change as (in_start, in_end, out_start, out_end).
    """
    if not _QUOTE_CHAR.search(text):
        return text                     # only typographic marks (or none): nothing to do
    out: list[str] = []
    pos = 0
    shift = 0                          # len(output so far) - len(input so far)
    prev = ""                          # the last character written
    low_double = low_single = False    # inside „…“ / ‚…‘
    for m in _QUOTE_TOKEN.finditer(text):
        start = m.start()
        if start < pos:                # second half of `` or ''
            continue
        if start > pos:
            out.append(text[pos:start])
            prev = text[start - 1]
        tok = m.group()
        pos = start + 1
        if tok in "`'" and text[pos:pos + 1] == tok:
            tok, pos = tok * 2, pos + 1
        nxt = text[pos:pos + 1]
        if tok == "“":
            rep = "”" if low_double else "“"
            low_double = False
        elif tok == "‘":
            rep = "’" if low_single else "‘"
            low_single = False
        elif tok == "„":
            rep, low_double = "“", True
        elif tok == "‚":
            rep, low_single = "‘", True
        elif len(tok) == 2 or tok in _DOUBLE_QUOTES:
            rep = "“" if _opens(prev) else "”"
        elif prev.isalnum() and nxt.isalpha():
            rep = "’"                                   # apostrophe: Ukraine's, don't
        else:
            rep = "‘" if _opens(prev) else "’"
        if edits is not None and rep != tok:
            edits.append((start, pos, start + shift, start + shift + 1))
        shift += 1 - len(tok)
        out.append(rep)
        prev = rep
    out.append(text[pos:])
    return "".join(out)


def normalize(text: str) -> str:
    """Invisible characters, Unicode NFC, whitespace, dashes, quotation marks and hard wraps (steps 1–5)."""
    text = unicodedata.normalize("NFC", _drop_invisible(text))
    text = _drop_invisible(text)      # NFC can turn e.g. U+2000 into U+2002
    text = _whitespace(text)
    if "--" in text:
        text = _DOUBLE_HYPHEN.sub("—", text)
    text = text.replace("―", "—")
    return _unwrap(_quotes(text))


# --------------------------------------------------------------------------- boilerplate

_Rule = tuple[re.Pattern, tuple[str, ...]]     # a pattern and its lower-case triggers (() = always run)


@lru_cache(maxsize=512)
def _compile_str(entry: str) -> _Rule:
    if not entry.strip():
        raise StancemapError("Boilerplate entry '' is empty. Use a literal phrase (e.g. 'Advertisement'), "
                             "a regular expression prefixed with 're:', or a compiled re.Pattern.")
    if entry.startswith("re:"):
        try:
            return re.compile(entry[3:], re.MULTILINE), _TRIGGERS.get(entry, ())
        except re.error as exc:
            raise StancemapError(
                f"Boilerplate entry {entry!r} is not a valid regular expression ({exc}). "
                "Fix the pattern, or drop the 're:' prefix to match it literally.") from None
    phrase = normalize(entry.strip())
    lit = re.escape(phrase)
    # a whole line, or glued without a space to the sentence before/after it
    return (re.compile(rf"(?:^|(?<=[.!?”’])){lit}(?:$\n?|(?=[A-Z“‘(]))", re.MULTILINE),
            (phrase.lower(),))


def _compile(entry: str | re.Pattern) -> _Rule:
    if isinstance(entry, re.Pattern):
        return entry, ()
    if not isinstance(entry, str):
        raise StancemapError(
            f"Boilerplate entry {entry!r} is a {type(entry).__name__}. Use a literal phrase "
            "(e.g. 'Advertisement'), a regular expression prefixed with 're:', or a compiled re.Pattern.")
    return _compile_str(entry)


def _patterns(boilerplate: Iterable[str | re.Pattern] | None) -> list[_Rule]:
    if boilerplate is None:
        boilerplate = DEFAULT_BOILERPLATE
    elif isinstance(boilerplate, (str, re.Pattern)):
        boilerplate = [boilerplate]
    return [_compile(e) for e in boilerplate]


def _glue(m: re.Match) -> str:
    """What replaces a removed artefact: a space if it was glued between two words, else nothing."""
    s, a, b = m.string, m.start(), m.end()
    if not m.group():
        return ""
    before, after = s[a - 1:a], s[b:b + 1]
    return " " if before and after and not before.isspace() and not after.isspace() else ""


def _strip(text: str, rules: list[_Rule], sub=None) -> tuple[str, list[str]]:
    """Remove every rule's matches until none is left; ``sub(pattern, repl, text)`` does each
    removal (default ``pattern.sub``; :func:`clean_text_map` passes one that records the edits)."""
    sub = sub or (lambda pat, repl, t: pat.sub(repl, t))
    removed: list[str] = []
    changed = True
    while changed:            # a removal can join the pieces of another artefact
        changed = False
        lower = text.lower()
        for pat, triggers in rules:
            if triggers and not any(t in lower for t in triggers):
                continue
            found = [m.group() for m in pat.finditer(text) if m.group()]
            if found:
                text = sub(pat, _glue, text)
                removed.extend(s.strip() for s in found)
                lower = text.lower()
                changed = True
    return text, [r for r in removed if r]


def strip_boilerplate(text: str, boilerplate: Iterable[str | re.Pattern] | None = None) -> tuple[str, list[str]]:
    """Remove boilerplate from already normalised ``text``; returns ``(text, removed)``."""
    return _strip(text, _patterns(boilerplate))


# --------------------------------------------------------------------------- dateline

_PLACE_WORD = r"[A-Z][A-Z.’'\-]*[A-Z.]"
_PLACE = rf"{_PLACE_WORD}(?: {_PLACE_WORD}){{0,3}}"
_DATELINE = re.compile(
    rf"(?P<place>{_PLACE}(?: ?/ ?{_PLACE})*(?:, (?:[A-Z][a-z]+\.?)(?: [A-Z][a-z]+)?)?)"   # KYIV, Ukraine
    rf"(?:,? (?:{_MONTH} \d{{1,2}}|\d{{1,2}} {_MONTH})(?:,? \d{{4}})?)?"                 # , March 18
    r"(?: ?\((?P<agency>[A-Za-z][\w .&’'-]{0,30})\))?"                                 # (Reuters)
    r"(?: ?[-–—] | ?[—–] ?)")          # no colon: "THE PRESIDENT: …" is a transcript turn
_NOT_PLACES = {"BREAKING", "UPDATE", "UPDATED", "EXCLUSIVE", "WATCH", "LIVE", "ANALYSIS", "OPINION",
               "NOTE", "EDITOR'S NOTE", "EDITOR’S NOTE", "CORRECTION", "VIDEO", "PHOTOS", "FACT CHECK",
               "WARNING", "UPDATE 1", "FILE", "PHOTO", "Q", "A"}


def detect_dateline(text: str, max_lines: int = 3) -> str:
    """The dateline place at the start of the first body paragraph, or "".

    Looks at the first ``max_lines`` non-empty lines (a headline and a byline
    may come first): "WASHINGTON/LONDON – Russian President…" → "WASHINGTON/LONDON";
    "KYIV, March 18 (Reuters) - …" → "KYIV"; "KYIV, Ukraine (AP) — …" → "KYIV, Ukraine".
    """
    lines = [ln for ln in text.split("\n") if ln.strip()][:max_lines]
    for line in lines:
        m = _DATELINE.match(line.strip())
        if m:
            place = m.group("place").strip()
            head = place.split(",")[0].strip()
            if head in _NOT_PLACES or len(head.replace(" ", "").replace("/", "")) < 3:
                continue
            if len(line.strip()) <= m.end():      # the whole line is the "dateline": a heading
                continue
            return place
    return ""


# --------------------------------------------------------------------------- hard-wrapped lines

# A line that starts a block of its own, never joined to the line before: a list item, a
# Markdown heading, block quote or table row, a section mark, or a speaker-turn label
# ("Q ", "Q:", "Question (State Radio):", "ADA QUILL:", "MS. QUILL:", "Ada Quill (via interpreter):").
_BLOCK_START = re.compile(
    r"(?:[-*+•–—]|\d{1,3}[.)]|[a-z][.)]|\(\w{1,3}\))\s|#|>|\||\* ?\* ?\*"
    r"|Q(?:[:.]|\s|$)|A[:.]\s"
    r"|[A-Z\u00C0-\u00DE][\w.’'\-]*(?: [\w.’'\-&]+){0,6}(?: ?\([^()\n]{1,40}\))?:(?:\s|$)")
# a heading, table row or section mark has no continuation line
_NO_CONTINUATION = re.compile(r"#|\||\* ?\* ?\*")
_SENTENCE_END = tuple(".!?:;…”\"’)*")


def _hyphen_split(line: str, first: str) -> bool:
    """A word hyphenated at the end of ``line`` and continued by ``first`` (``well-`` / ``known``)."""
    return line.endswith("-") and line[-2:-1].isalnum() and first.isalnum()


def _continues(first: str) -> bool:
    """A line starting so continues the sentence of the line before (lower case, , ; or ))."""
    return first.islower() or first in (",", ";", ")")


def _title_like(line: str) -> bool:
    """Most words of four letters or more capitalised, and no sentence end ("Northland Talks Stall")."""
    long = [w for w in line.split(" ") if len(w) > 3]
    return not line.endswith(_SENTENCE_END) and sum(w[:1].isupper() for w in long) >= 0.6 * len(long)


def hard_wraps(text: str) -> list[tuple[int, str]]:
    """The line breaks of ``text`` that are hard wraps, as (offset of the ``"\\n"``, what replaces it).

    ``text`` has stripped lines (:func:`normalize`). A text is hard-wrapped when
    at least three line breaks inside paragraphs are wraps of a greedy fill at
    a width of 50–110 characters (the upper quartile of those lines' lengths):
    the line and the next line's first word would not fit in the width (within
    10 %), and most such lines end without sentence punctuation. Then each such
    break becomes a space (``""`` after a word hyphenated across the break, as
    :func:`unwrap_lines` does), also a shorter line that ends mid-sentence
    before a line starting in lower case. Blank lines, list items, headings,
    turn labels (``"Q "``, ``"NAME:"``) and short lines are never joined; a text
    without such evidence (one paragraph per line, a poem, a list, a
    transcript) is left alone.
    """
    if text.count("\n") < 3:
        return []
    lines = text.split("\n")
    ends: list[int] = []
    pos = 0
    for line in lines:
        pos += len(line)
        ends.append(pos)            # the offset of the "\n" after the line
        pos += 1
    pairs = [i for i in range(len(lines) - 1) if lines[i] and lines[i + 1]]
    if sum(len(lines[i]) <= 110 for i in pairs) < 2:
        return []                   # (fast path: no two lines within a wrap width; see width below)
    inner = [i for i in pairs if not _BLOCK_START.match(lines[i + 1]) and not _NO_CONTINUATION.match(lines[i])]
    if len(inner) < 3:
        return []
    lengths = sorted(len(lines[i]) for i in inner)
    width = lengths[(len(lengths) - 1) * 3 // 4]      # (long links, URLs and tables stick out)
    if not 50 <= width <= 110:
        return []
    slack = width // 10

    def fills(i: int) -> bool:
        return len(lines[i]) + 1 + len(lines[i + 1].split(" ", 1)[0]) > width - slack

    full = [i for i in inner if fills(i)]
    open_ended = sum(1 for i in full if not lines[i].endswith(_SENTENCE_END))
    if len(full) < 3 or len(full) < 0.7 * len(inner) or open_ended < 0.5 * len(full):
        return []
    out = []
    for i in inner:
        line, first = lines[i], lines[i + 1][:1]
        if i == 0 and not _continues(first) and _title_like(line):
            continue                # a title on the first line
        if not (fills(i) or (len(line) >= width // 2 and not line.endswith(_SENTENCE_END) and _continues(first))):
            continue
        out.append((ends[i], "" if _hyphen_split(line, first) else " "))
    return out


def _unwrap(text: str, edits: list[_Edit] | None = None) -> str:
    """Join the hard-wrapped lines of ``text`` (:func:`hard_wraps`) until none is left;
    ``edits`` receives each change of one pass (a list of lists) when given."""
    while True:
        breaks = hard_wraps(text)
        if not breaks:
            return text
        out: list[str] = []
        step: list[_Edit] = []
        pos = shift = 0
        for at, rep in breaks:
            out.append(text[pos:at])
            out.append(rep)
            step.append((at, at + 1, at + shift, at + shift + len(rep)))
            shift += len(rep) - 1
            pos = at + 1
        out.append(text[pos:])
        text = "".join(out)
        if edits is not None:
            edits.append(step)


# --------------------------------------------------------------------------- front matter

_FRONT = re.compile("\\A\ufeff?---[ \t]*\r?\n(.*?)(?:\r?\n)(?:---|\\.\\.\\.)[ \t]*(?:\r?\n|\\Z)", re.DOTALL)
_FRONT_KEY = re.compile(r"[A-Za-z_][\w -]*:")


def front_matter(text: str) -> re.Match | None:
    """The YAML front matter block at the start of ``text`` (``---``, ``key: …`` lines,
    ``---`` or ``...``; a BOM before it included), or None; ``group(1)`` is the YAML.
    A leading ``---`` not followed by a ``key:`` line is a rule, not front matter."""
    m = _FRONT.match(text)
    return m if m and _FRONT_KEY.match(m.group(1).lstrip()) else None


# --------------------------------------------------------------------------- offsets back to raw_text

_Edit = tuple[int, int, int, int]       # input[in_start:in_end] became output[out_start:out_end]


def _sub(pattern: re.Pattern, repl, text: str, steps: list[list[_Edit]]) -> str:
    """``pattern.sub(repl, text)``, recording each change in a new entry of ``steps``."""
    out: list[str] = []
    edits: list[_Edit] = []
    pos = shift = 0
    for m in pattern.finditer(text):
        rep = repl(m) if callable(repl) else repl
        a, b = m.span()
        out.append(text[pos:a])
        out.append(rep)
        if rep != m.group():
            edits.append((a, b, a + shift, a + shift + len(rep)))
        shift += len(rep) - (b - a)
        pos = b
    if not edits:
        return text
    out.append(text[pos:])
    steps.append(edits)
    return "".join(out)


_CRLF = re.compile("\r\n")
_LINE_EDGE_SPACES = re.compile(r"^ +| +$", re.MULTILINE)
_EDGE_NEWLINES = re.compile(r"\A\n+|\n+\Z")
_HORIZONTAL_BAR = re.compile("―")
_WORD = re.compile(r"\S+")


def _nfc_traced(text: str, steps: list[list[_Edit]]) -> str:
    """Unicode NFC, recording each change: NFC never composes across whitespace, so
    word by word, and within a word by base character and its combining marks."""
    out: list[str] = []
    edits: list[_Edit] = []
    pos = shift = 0
    for m in _WORD.finditer(text):
        w = m.group()
        if unicodedata.is_normalized("NFC", w):
            continue
        whole = unicodedata.normalize("NFC", w)
        cuts = [i for i, ch in enumerate(w) if i == 0 or not unicodedata.combining(ch)] + [len(w)]
        parts = [(a, b, unicodedata.normalize("NFC", w[a:b])) for a, b in zip(cuts, cuts[1:])]
        if "".join(p for _, _, p in parts) != whole:    # e.g. Hangul jamo compose across starters
            parts = [(0, len(w), whole)]
        out.append(text[pos:m.start()])
        for a, b, norm in parts:
            a0, b0 = m.start() + a, m.start() + b
            if norm != text[a0:b0]:
                edits.append((a0, b0, a0 + shift, a0 + shift + len(norm)))
            shift += len(norm) - (b - a)
            out.append(norm)
        pos = m.end()
    out.append(text[pos:])
    if edits:
        steps.append(edits)
    return "".join(out)


def _normalize_traced(text: str, steps: list[list[_Edit]]) -> str:
    """:func:`normalize`, recording every change (the same text, step by step)."""
    def invisible(t: str) -> str:
        if all(line.isprintable() for line in t.split("\n")):
            return t
        t = _sub(_LINE_SEPARATORS, "\n", _sub(_CRLF, "\n", t, steps), steps)
        return _sub(_UNICODE_SPACES, " ", _sub(_INVISIBLE, "", t, steps), steps)

    text = invisible(text)
    if not unicodedata.is_normalized("NFC", text):
        text = _nfc_traced(text, steps)
    text = _tidy_traced(invisible(text), steps)
    if "--" in text:
        text = _sub(_DOUBLE_HYPHEN, "—", text, steps)
    if "―" in text:
        text = _sub(_HORIZONTAL_BAR, "—", text, steps)
    edits: list[_Edit] = []
    text = _quotes(text, edits)
    if edits:
        steps.append(edits)
    return _unwrap(text, steps)


def _back(edits: list[_Edit], starts: list[int], pos: int, end: bool) -> int:
    """A start (or, with ``end``, an exclusive end) in a step's output, in its input."""
    q = pos - 1 if end else pos                    # the character concerned
    i = bisect.bisect_right(starts, q) - 1
    if i < 0:
        return pos
    a, b, oa, ob = edits[i]
    if oa <= q < ob:                               # inside a changed piece
        if b - a == ob - oa:                       # one character for one
            return a + (q - oa) + (1 if end else 0)
        return b if end else a                     # the whole piece it came from
    return pos - ob + b                            # after it: shifted


# --------------------------------------------------------------------------- layout repairs

_Pieces = list[tuple[int, int, str]]    # text[a:b] becomes the string, ascending, not overlapping


def _apply(text: str, pieces: _Pieces, steps: list[list[_Edit]]) -> tuple[str, int]:
    """Replace each piece (skipping one that overlaps the one before), recording the edits as
    one step; returns the new text and the number of pieces that changed something."""
    if not pieces:
        return text, 0
    out: list[str] = []
    edits: list[_Edit] = []
    pos = shift = 0
    for a, b, rep in pieces:
        if a < pos or rep == text[a:b]:
            continue
        out.append(text[pos:a])
        out.append(rep)
        edits.append((a, b, a + shift, a + shift + len(rep)))
        shift += len(rep) - (b - a)
        pos = b
    if not edits:
        return text, 0
    out.append(text[pos:])
    steps.append(edits)
    return "".join(out), len(edits)


def _keep(pattern: re.Pattern, text: str, group: int | str = 1) -> _Pieces:
    """Pieces that delete each match of ``pattern`` except its ``group`` (the words of a link).

    The opening markup goes with the group's first character and the closing markup with its
    last (``"**no**"`` → ``"n"`` from ``"**n"``, ``"o"`` from ``"o**"``), so that a span of the
    cleaned text that starts or ends with the words takes their markup along in the raw text.
    """
    out: _Pieces = []
    for m in pattern.finditer(text):
        a, b = m.span()
        ga, gb = m.span(group)
        if ga < 0 or ga == gb:
            out.append((a, b, ""))
        elif gb - ga == 1:
            out.append((a, b, text[ga]))
        else:
            if ga > a:
                out.append((a, ga + 1, text[ga]))
            if b > gb:
                out.append((gb - 1, b, text[gb - 1]))
    return out


def _markers(pattern: re.Pattern, text: str) -> _Pieces:
    """Pieces that delete each match of ``pattern`` (a markup sign such as ``**``), taken with the
    character after it (an opening sign) or before it (a closing one: after a non-space, before a
    space, a punctuation mark or the end)."""
    out: _Pieces = []
    for m in pattern.finditer(text):
        a, b = m.span()
        before, after = text[a - 1:a], text[b:b + 1]
        if (before and not before.isspace() and (not after or not after.isalnum()) and before not in "*_"
                and (not out or out[-1][1] < a)):
            out.append((a - 1, b, before))
        elif after and not after.isspace() and after not in "*_":
            out.append((a, b + 1, after))
        else:
            out.append((a, b, ""))
    return out


def _drop(pattern: re.Pattern, text: str, rep: str = "") -> _Pieces:
    return [(m.start(), m.end(), rep) for m in pattern.finditer(text)]


# Inline HTML: only the elements of running text are tags ("<Laughter>", "x < 5" and "<script>"
# stay as written). Struck-out words (<s>, <del>, <strike>: a transcript's corrected slip) and
# comments go with their content; block elements become paragraph breaks, <br> a line break,
# <li> a "- " item.
_BLOCK_TAGS = ("address|article|aside|blockquote|body|center|dd|details|dialog|div|dl|dt|fieldset|figcaption|"
               "figure|footer|form|h[1-6]|head|header|hr|html|main|nav|ol|p|pre|section|summary|table|tbody|"
               "tfoot|thead|title|tr|ul")
_INLINE_TAGS = ("a|abbr|acronym|b|bdi|bdo|big|caption|cite|code|col|colgroup|data|dfn|em|font|i|img|ins|kbd|"
                "label|mark|picture|q|rp|rt|ruby|samp|small|source|span|strong|sub|sup|time|tt|u|var|wbr")
_HTML = re.compile(
    r"(?P<comment><!--.*?-->)"
    r"|(?P<gone><(?P<dropped>(?i:s|del|strike))(?:\s[^<>]*)?>.{0,2000}?"
    r"</(?P=dropped)\s*>)"
    rf"|<(?P<close>/?)(?P<tag>(?i:{_BLOCK_TAGS}|{_INLINE_TAGS}|li|br|td|th))(?:\s[^<>]*)?/?>"
    r"|(?P<entity>&(?:[A-Za-z][A-Za-z0-9]{1,30}|#[0-9]{1,7}|#[xX][0-9A-Fa-f]{1,6});)", re.DOTALL)
_BLOCK_TAG = re.compile(rf"(?i:{_BLOCK_TAGS})")


def _html_piece(m: re.Match) -> str:
    if m["entity"]:
        ent = m["entity"]
        if ent[1] == "#":
            return html.unescape(ent)
        return html.entities.html5.get(ent[1:], ent)
    tag = (m["tag"] or "").lower()
    if not tag:
        return ""                                  # a comment, or struck-out words
    if tag == "br":
        return "\n"
    if tag == "li":
        return "" if m["close"] else "\n- "
    if tag in ("td", "th"):
        return " "
    return "\n\n" if _BLOCK_TAG.fullmatch(tag) else ""


def _html_pieces(text: str) -> _Pieces:
    """An inline tag goes with the character next to it, as :func:`_keep` does with Markdown."""
    out: _Pieces = []
    for m in _HTML.finditer(text):
        a, b = m.span()
        rep = _html_piece(m)
        tag = (m["tag"] or "").lower()
        if rep == "" and tag and tag not in ("img", "wbr", "col", "source"):
            if m["close"]:
                before = text[a - 1:a]
                if before and not before.isspace() and before not in ">;" and (not out or out[-1][1] < a):
                    out.append((a - 1, b, before))
                    continue
            else:
                after = text[b:b + 1]
                if after and not after.isspace() and after not in "<&":
                    out.append((a, b + 1, after))
                    continue
        out.append((a, b, rep))
    return out


def _html_layout(text: str, steps: list[list[_Edit]], counts: dict[str, int]) -> str:
    """Inline HTML tags → text and breaks, entities decoded (before normalisation)."""
    if "<" not in text and "&" not in text:
        return text
    text, n = _apply(text, _html_pieces(text), steps)
    if n:
        counts["html"] = counts.get("html", 0) + n
    return text


_MD_LINK_TEXT = r"((?:[^\[\]\n\\]|\\.|\n(?!\n))*)"
_MD_URL = (r"(?:<[^<>\n]*>|(?:[^()\s]|\([^()\s]*\))*)"
           r"(?:\s+(?:\"[^\"\n]*\"|'[^'\n]*'|“[^”\n]*”|‘[^’\n]*’|\([^()\n]*\)))?")  # (quotes are typographic by now)
_MD_RULES: tuple[tuple[str, re.Pattern, str], ...] = (
    # (trigger, pattern, what to do: "drop" the match, "keep" group 1, "-" replace by "-")
    ("#", re.compile(r"^\**(?:\\?# ?){3,4}\**$", re.M), "drop"),                      # "###": end of a release
    ("](", re.compile(r"!\[" + _MD_LINK_TEXT + r"\]\(" + _MD_URL + r"\)"), "drop"),     # images
    ("](", re.compile(r"(?<![\\!\]])\[" + _MD_LINK_TEXT + r"\]\(" + _MD_URL + r"\)"), "keep"),   # links
    ("][", re.compile(r"(?<![\\!\]])\[" + _MD_LINK_TEXT + r"\]\[[^\[\]\n]{0,40}\]"), "keep"),   # [text][ref]
    ("]:", re.compile(r"^\[[^\[\]\n]{1,40}\]: ?\S+(?: \"[^\"\n]*\")?$", re.M), "drop"),          # [ref]: url
    ("<http", re.compile(r"<(https?://[^<>\s]+)>"), "keep"),                                    # <http://…>
    (">", re.compile(r"^ *>(?: ?>)* ?", re.M), "drop"),                                          # block quotes
    ("*", re.compile(r"^ *[*+](?= )(?! ?\* ?\*)", re.M), "-"),                                   # "* item"
    ("**", re.compile(r"(?<![*\\])(?:\*\*){1,2}(?!\*)"), "mark"),                                       # **strong**
    ("__", re.compile(r"(?<![\w\\_])__(?=[^\s_])|(?<=[^\s_\\])__(?![\w_])"), "mark"),           # __strong__
    ("*", re.compile(r"(?<![\\\w*])\*(?=[^\s*])((?:[^*\n]|\n(?!\n))*?[^\s\\*])\*(?![\w*])"), "keep"),        # *em*
    ("*", re.compile(r"(?<![\\\w*])\*(?=[^\s*])([^*\n]*?[^\s\\*] )\*(?=[\w(])"), "keep"),       # "*Review, *and"
    ("_", re.compile(r"(?<![\\\w_])_(?=[^\s_])([^_\n]*?[^\s\\_])_(?![\w_])"), "keep"),          # _em_
)
_MD_ESCAPE = re.compile(r"\\(?=[!-/:-@\[-`{-~]|$)", re.M)


def _escape_pieces(text: str) -> _Pieces:
    """Backslash escapes (``\\[Witkoff\\]`` → ``[Witkoff]``) and hard breaks (a trailing ``\\``),
    except where the bare mark would read as markup the next time (``\\*`` with another ``*``
    in its paragraph, ``\\>`` or ``\\#`` starting a line, ``\\](``, an escaped backslash): those stay."""
    out: _Pieces = []
    for m in _MD_ESCAPE.finditer(text):
        a = m.start()
        if out and out[-1][1] > a:
            continue
        ch, nxt = text[a + 1:a + 2], text[a + 2:a + 3]
        if nxt == "\\":
            nxt = text[a + 3:a + 4] or "\\"             # (the next mark, once unescaped)
        start = text.rfind("\n", 0, a) + 1
        para = (text.rfind("\n\n", 0, a) + 1, _paragraph_end(text, a))
        if ((ch in "*_" and text.count(ch, *para) > 1) or (ch in ">#+-*" and not text[start:a].strip(" #>*+-"))
                or (ch == "]" and nxt and nxt in "([:") or (ch == "[" and "](" in text[a:para[1]])
                or (ch == "!" and nxt == "[") or (ch == "<" and text.startswith("http", a + 2))
                or ch == "\\"):
            if ch == "\\":
                out.append((a, a + 2, text[a:a + 2]))    # (an escaped backslash stays whole)
            continue
        out.append((a, a + 1, ""))
    return out


def _paragraph_end(text: str, at: int) -> int:
    end = text.find("\n\n", at)
    return end if end >= 0 else len(text)


_MD_HEADING_LINE = re.compile(r"^ *(#{1,6})(?: +#{1,6}(?= |$))*(?: +(.*?))??(?: +#+)? *$", re.M)


def _headings(text: str) -> _Pieces:
    """"## Title" → "Title" as a paragraph of its own (blank lines around it)."""
    pieces: _Pieces = []
    for m in _MD_HEADING_LINE.finditer(text):
        a, b = m.span()
        if m.start(2) < 0:                          # "##" alone
            pieces.append((a, b, ""))
            continue
        if a >= 2 and text[a - 1] == "\n" and text[a - 2] != "\n":
            pieces.append((a - 1, a, "\n\n"))
        pieces.append((a, m.start(2), ""))
        if b > m.end(2):
            pieces.append((m.end(2), b, ""))
        if text[b:b + 1] == "\n" and text[b + 1:b + 2] not in ("\n", ""):
            pieces.append((b, b + 1, "\n\n"))
    return pieces


def _markdown_layout(text: str, steps: list[list[_Edit]], counts: dict[str, int]) -> str:
    """Markdown markup → plain text: links and images, emphasis, headings, quotes, escapes.

    The rules run again while they change something (removing ``**`` from ``"**> x"`` makes
    a block quote), the escapes last and once (``\\*`` stays a literal ``*``).
    """
    n = 0
    for _ in range(8):
        before = n
        if "#" in text:
            text, k = _apply(text, _headings(text), steps)
            n += k
        for trigger, pattern, what in _MD_RULES:
            if trigger not in text:
                continue
            if what == "keep":
                pieces = _keep(pattern, text)
            elif what == "mark":
                pieces = _markers(pattern, text)
            else:
                pieces = _drop(pattern, text, "-" if what == "-" else "")
            text, k = _apply(text, pieces, steps)
            n += k
        if n == before:
            break
    if "\\" in text:                                     # the escapes
        text, k = _apply(text, _escape_pieces(text), steps)
        n += k
    if n:
        counts["markdown"] = counts.get("markdown", 0) + n
    return text


# Abbreviations a full stop does not end a sentence after ("Inc., Apple", "Mrs.Quill").
_ABBREVIATIONS = ("inc|ltd|co|corp|jr|sr|st|mt|gen|col|lt|sgt|capt|cmdr|adm|gov|sen|rep|reps|prof|dr|mr|mrs|"
                  "ms|vs|al|approx|dept|est|fig|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec|"
                  "mon|tue|wed|thu|fri|sat|sun|vol|pp|ed|eds|govt|intl|univ|assn|bros|messrs|hon|rev|ave|blvd")
_ABBREVIATION_SET = frozenset(_ABBREVIATIONS.split("|"))
_WORD_BEFORE = re.compile(r"(?<!\w)([^\W\d_]+)\.[”’»)]?(?: ?,)?$")
_INITIALS = re.compile(r"(?:\b[A-Za-z]\.){1,}[A-Za-z]?\.?[”’»)]?(?: ?,)?$")


def _abbreviation_before(text: str, at: int) -> bool:
    """Whether the full stop just before ``at`` ends an abbreviation: "Inc.", "Mrs.", "U.S.", "J."."""
    head = text[max(0, at - 12):at]
    if _INITIALS.search(head):
        return True
    m = _WORD_BEFORE.search(head)
    return bool(m) and (m.group(1).lower() in _ABBREVIATION_SET or len(m.group(1)) == 1)


# ", " where a paragraph break was: after a sentence end (or a sentence end and a closing mark)
# or a colon, after a comma ("Dear friends,, Today"), never before a lower-case word.
_JOIN = re.compile(r"(?:[.!?…。！？][”’»)\"]?|[:,])(?P<j> ?,(?: ?,)* )(?=[^\sa-z,])")
# The evidence: a full stop, ! or ? straight before the comma, then a capital (or a letter of a
# script without case, a digit or an opening quotation mark)
_JOIN_EVIDENCE = re.compile(r"[.!?…。！？](?P<j> ?, )(?=[^\W_]|[“‘\"«])")
_LEADING_JOIN = re.compile(r"(?:, ?)+")
_TRAILING_JOIN = re.compile(r"(?: ?,)+$")


def comma_joined(text: str) -> bool:
    """Whether ``text`` is a scrape whose paragraph breaks became ``", "``: at least three
    sentence ends followed by ``", "`` and a capital, in paragraphs of 400 characters or more,
    and no more than one paragraph break per 1,000 characters."""
    if text.count("\n\n") * 1000 > len(text):
        return False
    hits = 0
    for m in _JOIN_EVIDENCE.finditer(text):
        if text[m.end()].islower() or _abbreviation_before(text, m.start("j")):
            continue
        a = text.rfind("\n", 0, m.start()) + 1
        b = text.find("\n", m.end())
        hits += (b if b >= 0 else len(text)) - a >= 400
        if hits >= 3:
            return True
    return False


def _comma_join_pieces(text: str) -> _Pieces:
    lead = _LEADING_JOIN.match(text)
    pieces: _Pieces = [(0, lead.end(), "")] if lead else []
    pieces += [(m.start("j"), m.end("j"), "\n\n") for m in _JOIN.finditer(text)
               if not _abbreviation_before(text, m.start("j"))]
    tail = _TRAILING_JOIN.search(text, max(0, len(text) - 40))
    return pieces + ([(tail.start(), tail.end(), "")] if tail else [])


# Sentences run together where the break between them was lost: "the end of war.Next week, …"
# (a word of two lower-case letters or more, the stop, then a capitalised word or an opening
# mark); not in a URL, an address or a file name ("www.Example.gov", "index.Html"), not after an
# abbreviation ("Mrs.Quill"), and after a closing quotation mark only when a quotation is open.
_LOST_BREAK = re.compile(r"[.!?](?P<close>[”’»)]?)(?=[“‘]?[A-Z](?:[a-z]|[A-Z]+\b|\b))")
_TOKEN_START = re.compile(r"\S*$")
_TOKEN_REST = re.compile(r"\S*?[./@\\_=:][A-Za-z0-9]")


def _flat(text: str) -> bool:
    """A text whose paragraph breaks were lost: 800 characters or more, and under one line
    break per 1,500 characters."""
    return len(text) >= 800 and text.count("\n") * 1500 < len(text)


def _lost_break_pieces(text: str) -> _Pieces:
    """A paragraph break where a text has lost its line breaks (:func:`_flat`) and no quotation
    is open, else a space."""
    pieces: _Pieces = []
    flat = None
    for m in _LOST_BREAK.finditer(text):
        stop, at = m.start() + 1, m.end()
        if not (stop >= 3 and text[stop - 3].islower() and text[stop - 2].islower() and text[stop - 3].isascii()
                and text[stop - 2].isascii()):
            continue                                # "[a-z]{2}" before the stop
        if text[stop - 1] == "." and _abbreviation_before(text, stop):
            continue
        token = _TOKEN_START.search(text, max(0, stop - 200), stop).group()
        if any(c in token[:-1] for c in "./@:\\_=") or token[:1].isdigit() or _TOKEN_REST.match(text, at):
            continue                                # a URL, an address, a file or a number
        para = text.rfind("\n", 0, stop) + 1
        before = text[para:stop]
        open_quote = before.count("“") > before.count("”")
        if m["close"] in ("”", "’") and not (open_quote if m["close"] == "”" else
                                             before.count("‘") > before.count("’")):
            continue                                # a misplaced opening mark, not a closing one
        if m["close"] == "”":
            open_quote = False
        if flat is None:
            flat = _flat(text)
        # (the stop, or the closing mark, and the new break: every character keeps a source)
        pieces.append((at - 1, at, text[at - 1] + ("\n\n" if flat and not open_quote else " ")))
    return pieces


def _break_layout(text: str, steps: list[list[_Edit]], counts: dict[str, int]) -> str:
    """", " paragraph joins and lost paragraph breaks (after normalisation and boilerplate)."""
    if ", " in text and comma_joined(text):
        text, n = _apply(text, _comma_join_pieces(text), steps)
        if n:
            counts["comma_joins"] = counts.get("comma_joins", 0) + n
    if "." in text or "!" in text or "?" in text:
        text, n = _apply(text, _lost_break_pieces(text), steps)
        if n:
            counts["lost_breaks"] = counts.get("lost_breaks", 0) + n
    return text


#: The layout repairs of :func:`clean_text`, by the name its ``repairs`` report them under.
LAYOUT_REPAIRS: dict[str, str] = {
    "html": "inline HTML tags removed and entities decoded",
    "markdown": "Markdown markup removed (links, emphasis, headings, escapes)",
    "comma_joins": "paragraph breaks restored where a scrape had put \", \"",
    "lost_breaks": "breaks restored between sentences run together (\"war.Next\")",
}


def describe_repairs(repairs: Iterable[tuple[str, Mapping[str, int]]], total: int) -> str:
    """One sentence on the layout repairs of many documents, ``(doc_id, CleanText.repairs)`` each;
    "" when none fired. For the warning of :func:`stancemap.corpus.load` and :func:`clean`."""
    by: dict[str, list[tuple[str, int]]] = {}
    for doc, counts in repairs:
        for name, n in counts.items():
            by.setdefault(name, []).append((doc, n))
    if not by:
        return ""
    docs = len({doc for hits in by.values() for doc, _ in hits})
    parts = []
    for name in LAYOUT_REPAIRS:
        hits = by.get(name)
        if hits:
            ids = ", ".join(d for d, _ in hits[:5]) + (f" and {len(hits) - 5} more" if len(hits) > 5 else "")
            parts.append(f"{LAYOUT_REPAIRS[name]}: {sum(n for _, n in hits):,} in {len(hits)} ({ids})")
    return (f"Repaired the layout of {docs} of {total} document(s): " + "; ".join(parts) + ". raw_text keeps "
            "the text as read, and statements' raw_start/raw_end point into it.")


def _tidy_traced(text: str, steps: list[list[_Edit]]) -> str:
    """The whitespace rules of :func:`normalize` (``_whitespace``), recording every change. Each
    pattern runs only where a substring check says it can match (the scans cost more than the rest)."""
    if "  " in text:
        text = _sub(_SPACES, " ", text, steps)
    if " \n" in text or "\n " in text or text[:1] == " " or text[-1:] == " ":
        text = _sub(_LINE_EDGE_SPACES, "", text, steps)
    if "\n\n\n" in text:
        text = _sub(_MANY_NEWLINES, "\n\n", text, steps)
    if text[:1] == "\n" or text[-1:] == "\n":
        text = _sub(_EDGE_NEWLINES, "", text, steps)
    return text


def _clean(text: str, patterns: list[_Rule], steps: list[list[_Edit]] | None
           ) -> tuple[str, list[str], dict[str, int]]:
    """The whole of :func:`clean_text`; with ``steps``, every change is recorded (:func:`clean_text_map`)."""
    traced = steps is not None
    sink: list[list[_Edit]] = steps if steps is not None else []
    norm = (lambda t: _normalize_traced(t, sink)) if traced else normalize
    counts: dict[str, int] = {}
    front = front_matter(text)
    if front:                                       # metadata, not text: offsets still count it
        if traced:
            sink.append([(0, front.end(), 0, 0)])
        text = text[front.end():]
    out = norm(_html_layout(text, sink, counts))
    marked = _markdown_layout(out, sink, counts)
    if marked != out:                               # (removing markup leaves only spaces to tidy)
        out = _tidy_traced(marked, sink) if traced else _whitespace(marked)
    removed: list[str] = []
    sub = (lambda pat, repl, t: _sub(pat, repl, t, sink)) if traced else None
    while True:
        while True:
            before = len(sink)
            stripped, found = _strip(out, patterns, sub=sub)
            if not found:
                del sink[before:]                   # (nothing was removed)
                break
            removed.extend(found)
            out = norm(stripped)
        fixed = _break_layout(out, sink, counts)
        if fixed == out:
            return out, removed, counts
        out = fixed                                 # (already normal: breaks replace ", " or go between words)


class CleanMap:
    """Cleaned text and the way back to the raw text (:func:`clean_text_map`).

    ``raw_span(start, end)`` gives the span of ``raw`` whose characters became
    ``text[start:end]``: quotation marks, dashes and spaces as in the source,
    an invisible character or a removed artefact kept when it lies inside.
    """

    def __init__(self, raw: str, text: str, steps: list[list[_Edit]]):
        self.raw, self.text = raw, text
        self._steps = [(e, [x[2] for x in e]) for e in steps]

    def raw_span(self, start: int, end: int) -> tuple[int, int]:
        if not 0 <= start <= end <= len(self.text):
            raise StancemapError(f"Span {start}–{end} is outside the cleaned text (0–{len(self.text)}).")
        if start == end:
            for edits, starts in reversed(self._steps):
                start = _back(edits, starts, start, False)
            return start, start
        for edits, starts in reversed(self._steps):
            start, end = _back(edits, starts, start, False), _back(edits, starts, end, True)
        return start, end

    def __repr__(self) -> str:
        return f"CleanMap({len(self.raw)} raw → {len(self.text)} clean characters, {len(self._steps)} changed steps)"


def clean_text_map(text: str, boilerplate: Iterable[str | re.Pattern] | None = None) -> CleanMap:
    """:func:`clean_text`'s text with a map back to the input: every statement span in
    the cleaned text can be turned into the exact characters of the source.

    >>> m = clean_text_map('He said "no  deal" -- twice.')
    >>> m.text
    'He said “no deal” — twice.'
    >>> s, e = m.raw_span(8, 17)
    >>> m.raw[s:e]
    '"no  deal"'
    """
    raw = text_value(text) if not isinstance(text, str) else text
    steps: list[list[_Edit]] = []
    out, _, _ = _clean(raw, _patterns(boilerplate), steps)
    return CleanMap(raw, out, steps)


# --------------------------------------------------------------------------- public verbs

def clean_text(text: str, boilerplate: Iterable[str | re.Pattern] | None = None) -> CleanText:
    """Normalise quotation marks, dashes and whitespace, strip boilerplate, detect the dateline.

    ``boilerplate``: literal phrases or ``re:`` regular expressions (see
    :data:`DEFAULT_BOILERPLATE`, the default); ``()`` strips nothing.

    >>> r = clean_text('WASHINGTON – He said "yes" -- twice.\\nEmbed from Getty ImagesMeanwhile, it rained.')
    >>> r.text
    'WASHINGTON – He said “yes” — twice.\\nMeanwhile, it rained.'
    >>> r.dateline, r.removed
    ('WASHINGTON', ['Embed from Getty Images'])
    """
    if not isinstance(text, str) and text_value(text) == "":
        text = ""                           # None, NaN, pd.NA: the empty text
    if not isinstance(text, str):
        raise StancemapError(f"clean_text expects a string, got {type(text).__name__}: {text!r:.60}.")
    out, removed, repairs = _clean(text, _patterns(boilerplate), None)
    return CleanText(out, detect_dateline(out), removed, repairs)


def clean(documents: pd.DataFrame, boilerplate: Iterable[str | re.Pattern] | None = None) -> pd.DataFrame:
    """A new documents table with ``text`` cleaned from ``raw_text`` and ``dateline`` filled.

    A dateline already present (e.g. from metadata) is kept; an empty one is
    filled with the detected one. Warns with counts when boilerplate was removed.
    If the table has no ``raw_text`` column, ``text`` is taken as the raw text.
    """
    source = "raw_text"
    if isinstance(documents, pd.DataFrame) and "raw_text" not in documents.columns:
        source = "text"
    require_columns(documents, [source], "documents table",
                    "Create it with stancemap.corpus.load(), or give it a 'raw_text' or 'text' column.")
    out = documents.copy()
    raw = pd.Series(text_values(out[source]), index=out.index, dtype=str)
    results = [clean_text(t, boilerplate) for t in raw]
    out["raw_text"] = raw
    out["text"] = [r.text for r in results]
    old = (pd.Series(text_values(out["dateline"]), index=out.index, dtype=str) if "dateline" in out.columns
           else pd.Series([""] * len(out), index=out.index))
    out["dateline"] = [o if o.strip() else r.dateline for o, r in zip(old, results)]
    note = describe_repairs(zip(out["doc_id"].astype(str) if "doc_id" in out.columns
                                else [str(i) for i in out.index], (r.repairs for r in results)), len(out))
    if note:
        warnings.warn(note, LossyStepWarning, stacklevel=2)
    hit = [r for r in results if r.removed]
    if hit:
        snippets = sorted({s for r in hit for s in r.removed})
        shown = ", ".join(repr(s if len(s) <= 40 else s[:37] + "...") for s in snippets[:5])
        more = f" and {len(snippets) - 5} more" if len(snippets) > 5 else ""
        warnings.warn(
            f"Removed boilerplate from {len(hit)} of {len(out)} document(s) "
            f"({sum(len(r.removed) for r in hit)} snippet(s): {shown}{more}); raw_text keeps the original. "
            "Pass boilerplate=() to keep everything.", LossyStepWarning, stacklevel=2)
    return out


# --------------------------------------------------------------------------- the public datasets' texts

_ZERO_WIDTH = ("\u200b", "\u200c", "\u200d", "\u200e", "\u200f", "\u2060", "\ufeff", "\u00ad")
_ODD_SPACES = ("\t", "\x0b", "\x0c", "\u00a0", *(chr(c) for c in range(0x2000, 0x200B)), "\u202f", "\u205f",
               "\u3000")


def clean_whitespace(text: str) -> str:
    """Normalise line endings and spaces, drop zero-width characters; keep line breaks.

    Tabs, no-break and other Unicode spaces become spaces, runs of spaces one
    space; spaces at line ends go; runs of blank lines become one blank line.
    (Plain string methods only: about 1 s for the 27 MB of the UNGDC.)
    """
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    for ch in _ZERO_WIDTH:
        if ch in text:
            text = text.replace(ch, "")
    for ch in _ODD_SPACES:
        if ch in text:
            text = text.replace(ch, " ")
    while "  " in text:
        text = text.replace("    ", " ").replace("  ", " ")
    if " \n" in text or "\n " in text:
        text = text.replace(" \n", "\n").replace("\n ", "\n")
    while "\n\n\n" in text:
        text = text.replace("\n\n\n\n", "\n\n").replace("\n\n\n", "\n\n")
    return text.strip()


_TRAILING = " \t\u00a0\u2003\x0b\x0c"


def unwrap_lines(text: str) -> str:
    """Undo the hard line wrapping of PDF-derived text.

    A line break followed by a line starting in lower case (or with , ; or ))
    is a wrap: the lines are joined with a space, even across blank lines (a
    page break mid-sentence). A line ending in spaces is also a wrap (the
    UNGDC's 2014 PDF conversions mark wrapped lines so) when the next line
    follows directly; before a blank line and a capitalised line it is a
    paragraph break. A word hyphenated at a line end is joined without a space
    (``post-\\n2015`` → ``post-2015``). Other line breaks are kept.
    """
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    lines = text.split("\n")
    n = len(lines)
    out: list[str] = []
    i = 0
    while i < n:
        line = lines[i]
        out.append(line)
        if i == n - 1:
            break
        body = line.rstrip(_TRAILING)
        if not body:
            out.append("\n")
            i += 1
            continue
        soft = len(body) < len(line)
        j = i + 1
        while j < n - 1 and not lines[j].strip():
            j += 1
        nxt = lines[j].lstrip(_TRAILING)
        first = nxt[:1]
        lower = _continues(first)
        if _hyphen_split(body, first) and (soft or j == i + 1):
            sep = ""
        elif lower or (soft and j == i + 1):
            sep = " "
        elif soft:
            sep = "\n\n"
        else:
            out.append("\n")
            i += 1
            continue
        out[-1] = body
        lines[j] = nxt
        out.append(sep)
        i = j
    return "".join(out)


# Speaker-turn labels in flattened transcripts ("… thank you. Vladimir Putin: Colleagues, …").
_CAP = r"(?:[A-Z][\w'’-]*|[A-Z]\.)"
_TOK = rf"(?:{_CAP}|of|the|and|for|on|in|de|da|von|der|van|al|bin|ibn)"
_SINGLE = ("Question|Remark|Remarks|Reply|Answer|Response|Comment|Journalist|Voice|Voices|"
           "Correspondent|Interpreter|Moderator|Participant|Audience")
_LABEL_BODY = (rf"(?P<label>(?:{_CAP}(?: {_TOK}){{0,16}} {_CAP}|(?:{_SINGLE}))"
               r"(?: ?\([a-z][a-z ]{0,30}\))?):(?= ?[(…\"“«A-Z0-9])")
_LABEL = re.compile(r"(?:^|(?<=\n)|(?<=[.?!…\"”)\]*>] ))" + _LABEL_BODY)
# A transcript heading flattened into the text before a label: "… at the BRICS+ meeting President of
# Russia Vladimir Putin: …", "Beginning of Russian-Indian talks Prime Minister of India Narendra Modi(retranslated): …"
_TITLES = ("President|Prime Minister|Federal Chancellor|Chancellor|King|Emir|Amir|Crown Prince|Chairman|"
           "Chairperson|Secretary General|Secretary-General")
_HEAD_LABEL = re.compile(rf"(?<=[a-z0-9] )(?P<label>(?:{_TITLES})(?: {_TOK}){{0,13}} {_CAP} {_CAP}"
                         r"(?: ?\([a-z][a-z ]{0,30}\))?):(?= ?[(…\"“«A-Z])")
_SECTION = re.compile(r"\s*(?:\* \* \*|\*\*\*)\s*")
# The en.kremlin.ru name tooltip leaked into labels: "Sergei Shoigu Shoigu SergeiDefence Minister :" → "Sergei Shoigu:"
_TOOLTIP = re.compile(r"\b(?P<last>[A-Z][\w'’-]+) (?P=last) [A-Z][^:\n]{0,160}?"
                      r"(?P<tail> ?\([a-z][a-z ]{0,30}\))?\s?(?=:)")


def _drop_tooltip(label: str) -> str:
    """Cut the name tooltip the Kremlin site leaks into labels:
    "Defence Minister Sergei Shoigu Shoigu SergeiDefence Minister" → "Defence Minister Sergei Shoigu"."""
    suffix = ""
    m = re.search(r" ?\([a-z][a-z ]{0,30}\)$", label)
    if m:
        label, suffix = label[:m.start()], m.group(0)
    words = label.split(" ")
    for i in range(1, len(words)):
        if words[i] == words[i - 1] and words[i][:1].isupper():
            return " ".join(words[:i]) + suffix
    return label + suffix


def restore_turn_breaks(text: str) -> str:
    """Put each speaker turn of a flattened transcript on its own line.

    The Kremlin bodies in kremlin-kyiv-press-2021-2022 have no line breaks: turns
    run on as "… Thank you. Vladimir Putin: Colleagues, …" and sections are
    separated by "* * *". This starts a new line before every turn label
    ("Vladimir Putin:", "President of Russia Vladimir Putin:", "Question:",
    "Prime Minister of Greece Kyriakos Mitsotakis (retranslated):"), puts "* * *"
    on a line of its own between blank lines, and removes the duplicated
    name-tooltip text the site leaks into some labels. Everything else is kept.
    """
    text = _SECTION.sub("\n\n* * *\n\n", text).strip()
    if ":" in text:
        text = _TOOLTIP.sub(lambda m: m["last"] + (m["tail"] or ""), text)
    spans = {m.start("label"): m for m in _LABEL.finditer(text)}
    for m in _HEAD_LABEL.finditer(text):
        spans.setdefault(m.start("label"), m)
    if not spans:
        return text
    out, pos = [], 0
    for start in sorted(spans):
        m = spans[start]
        if start < pos:
            continue
        before = text[pos:start]
        if before.endswith(" "):
            before = before[:-1] + "\n"
        out.append(before)
        out.append(_drop_tooltip(m.group("label")))
        pos = m.end("label")
    out.append(text[pos:])
    return "".join(out)


_LINE_LABEL = re.compile(r"^" + _LABEL_BODY, re.M)


def turn_labels(text: str) -> list[tuple[str, int, int]]:
    """Speaker-turn labels at line starts, as (label, label_start, turn_start).

    ``turn_start`` is where the turn's words begin (after ``": "``); the turn
    runs to the next label. Use it on texts from :func:`restore_turn_breaks`
    (the Kremlin loader applies it): "Vladimir Putin: Colleagues, …" →
    ("Vladimir Putin", 0, 16). Labels can carry a title ("President of Russia
    Vladimir Putin") or "(retranslated)"; "Question"/"Remark" are anonymous.
    """
    out = []
    for m in _LINE_LABEL.finditer(text):
        start = m.end() + 1
        while start < len(text) and text[start] == " ":
            start += 1
        out.append((m.group("label"), m.start("label"), start))
    return out



# --------------------------------------------------------------------------- inline HTML, Markdown, ", " joins

_HTML_TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?/?>")
_ENTITY = re.compile(r"&(?:[A-Za-z][A-Za-z0-9]{1,30}|#[0-9]{1,7}|#[xX][0-9A-Fa-f]{1,6});")


def strip_inline_html(text: str) -> str:
    """Remove HTML tags and decode character entities; keep the words between tags.

    ``"growth <em>[Interruption.]</em> &amp; jobs"`` → ``"growth [Interruption.] & jobs"``. Only
    things shaped like tags go (``<`` then a letter): ``"x < 5"`` stays. Hansard's
    column-break markers (``<span class="column-number" …></span>``) disappear.
    """
    if "<" in text:
        text = _HTML_TAG.sub("", text)
    if "&" in text:
        text = _ENTITY.sub(lambda m: html.unescape(m.group()), text)
    return text


_MD_BLANK = " \t\u00a0"
_MD_HARD_END = tuple('.!?:;”"*)')
_MD_ITEM = re.compile(r"^(?:[-*+]|\d{1,3}[.)])\s")
_MD_END_MARK = re.compile(r"^\**(?:\\?# ?){3,4}\**$")  # "###", "\###", "\# \# \#": the end-of-release mark
_MD_IMAGE = re.compile(r"!\[(?:[^\]\\]|\\.)*\]\((?:[^()\s]|\([^()\s]*\))*(?:\s+\"[^\"]*\")?\)")
_MD_LINK = re.compile(r"(?<!\\)\[((?:[^\]\\]|\\.)*)\]\((?:[^()\s]|\([^()\s]*\))*(?:\s+\"[^\"]*\")?\)")
_MD_AUTOLINK = re.compile(r"<(https?://[^<>\s]+)>")
_MD_STRONG = re.compile(r"(?<!\\)(?:\*\*|__(?=\S)|(?<=\S)__)")
_MD_EM = re.compile(r"(?<![\\\w*])\*(?=[^\s*])([^*\n]*?[^\s\\*])\*(?![\w*])")
# emphasis closed after a space, as the pages sometimes have it: "the *Supreme Court Review, *and"
_MD_EM_LOOSE = re.compile(r"(?<![\\\w*])\*(?=[^\s*])([^*\n]*?[^\s\\*]) \*(?=[\w(])")
_MD_HEADING = re.compile(r"^#{1,6}\s+", re.M)
_MD_QUOTE = re.compile(r"^>\s?", re.M)
_MD_BULLET = re.compile(r"^[-*+][ \t]+(?=[^\s*])", re.M)
_MD_ESCAPE = re.compile(r"\\([!-/:-@\[-`{-~])")


def unwrap_markdown(text: str) -> str:
    """Plain paragraphs from hard-wrapped Markdown (the White House pages, wrapped at ~72 characters).

    Lines of a paragraph are joined with a space; paragraphs (blank lines, also
    lines of only no-break spaces) stay apart; a hard break (two trailing spaces
    or a trailing backslash) and each list item keep their own line (items as
    ``"- …"`` / ``"1. …"``). Markup goes, words stay: links and images
    (``[text](url)`` → ``text``), ``**``/``*`` emphasis, heading and block-quote
    marks, backslash escapes (``\\[Witkoff\\]`` → ``[Witkoff]``), inline HTML
    (:func:`strip_inline_html`), and the ``###`` end-of-release line.
    Transcript turn labels (``PRESIDENT TRUMP:``, ``Q``) are ordinary text and stay.
    """
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = strip_inline_html(text)
    paragraphs: list[str] = []
    lines: list[str] = []
    hard = False

    def flush() -> None:
        if lines:
            paragraphs.append("\n".join(lines))
            lines.clear()

    for raw in text.split("\n"):
        line = raw.strip(_MD_BLANK)
        if not line:
            flush()
            hard = False
            continue
        if _MD_END_MARK.match(line):
            continue
        if lines and not hard and not _MD_ITEM.match(line):
            lines[-1] += " " + line
        else:
            lines.append(line)
        backslash = line.endswith("\\") and not line.endswith("\\\\")
        if backslash:
            lines[-1] = lines[-1][:-1].rstrip()
        # two trailing spaces mark a hard break in Markdown, but the pages also keep the
        # double space after a sentence at wrapped line ends: a break only after . ! ? : ; ” "
        hard = (raw.endswith("  ") or backslash) and lines[-1][-1:] in _MD_HARD_END
    flush()
    text = "\n\n".join(paragraphs)
    if "](" in text:
        text = _MD_LINK.sub(r"\1", _MD_IMAGE.sub("", text))
    if "<http" in text:
        text = _MD_AUTOLINK.sub(r"\1", text)
    if "**" in text or "__" in text:
        text = _MD_STRONG.sub("", text)
    if "*" in text:
        text = _MD_EM_LOOSE.sub(r"\1 ", _MD_EM.sub(r"\1", text))
    if "#" in text:
        text = _MD_HEADING.sub("", text)
    if ">" in text:
        text = _MD_QUOTE.sub("", text)
    text = _MD_BULLET.sub("- ", text)
    if "\\" in text:
        text = _MD_ESCAPE.sub(r"\1", text)
    return text


# ", " where a paragraph break was: after a sentence end (. ! ? … 。 : * or one of them then a
# closing quote), or after a comma that ends a line ("Dear friends,, Today"); not after an
# abbreviation such as "U.S." or "a.m.", and not before a lower-case word ("D.C., to Chicago").
_COMMA_JOIN = re.compile(
    r"(?:(?<=[.!?…。！？:*])|(?<=[.!?…][\"”»’)])|(?<=,))(?<![A-Za-z]\.[A-Za-z]\.)"
    r"[ \u00a0]?,(?:[ \u00a0]*,)*[ \u00a0]+(?=[^\sa-z])")
_LEADING_COMMAS = re.compile(r"^[\s,]*,[ \u00a0]*")
_TRAILING_COMMAS = re.compile(r"(?:[ \u00a0]*,)+[\s]*$")


def split_comma_joins(text: str) -> str:
    """Restore paragraph breaks a scraper replaced with ``", "``.

    The zelensky-speeches-2022-2023 texts read ``", Good health to you, fellow
    Ukrainians!, Today I am …"``: the leading ``", "`` goes, and a ``", "`` after
    a sentence end (or after a comma: ``"Dear friends,, Today"``) becomes a blank
    line, when the next word does not start in lower case. Commas inside
    sentences (``"Khortytsia, Tavria"``) and after abbreviations (``"U.S., UK"``)
    stay. A paragraph that ended without punctuation cannot be told from a
    comma and stays joined.
    """
    if "," not in text:
        return text
    text = _LEADING_COMMAS.sub("", text)
    text = _COMMA_JOIN.sub("\n\n", text)
    return _TRAILING_COMMAS.sub("", text)


def repair_text(text: str, *, unwrap: bool = False, turns: bool = False, html: bool = False,
                markdown: bool = False, comma_joins: bool = False) -> str:
    """The public-dataset loaders' clean-up of ``raw_text`` (see the module docstring).

    In order, each when asked for: :func:`strip_inline_html` (``html``: Hansard),
    :func:`unwrap_markdown` (``markdown``: the White House pages; it removes HTML
    too), :func:`split_comma_joins` (``comma_joins``: the 2022–23 Zelenskyy
    addresses), :func:`unwrap_lines` (``unwrap``: PDF-derived text, the UNGDC);
    then always :func:`clean_whitespace`; then :func:`restore_turn_breaks` when
    ``turns`` (flattened transcripts: the Kremlin half of kremlin-kyiv-press).
    Quotation marks, dashes and boilerplate are left as published. A missing
    value is "".
    """
    text = text_value(text)
    if html:
        text = strip_inline_html(text)
    if markdown:
        text = unwrap_markdown(text)
    if comma_joins:
        text = split_comma_joins(text)
    if unwrap:
        text = unwrap_lines(text)
    text = clean_whitespace(text)
    return restore_turn_breaks(text) if turns else text


from ._callable import make_callable  # noqa: E402

make_callable(__name__, "clean")
