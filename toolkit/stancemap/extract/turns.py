"""Transcript turns: one label grammar for every transcript the datasets hold.

A transcript is split into *turns* by speaker labels. One grammar covers them all:

- a **name or title + name**: ``Vladimir Putin:``, ``President of Russia Vladimir Putin:``,
  ``Federal Chancellor of Germany Olaf Scholz:``; in capitals as on whitehouse.gov:
  ``MS. LEAVITT:``, ``THE PRESIDENT:``, ``SECRETARY GENERAL RUTTE:``;
- **parenthetical notes anywhere** in the label: ``Emmanuel Macron(retranslated):``,
  ``Question (State Radio):``, ``PRESIDENT ZELENSKYY (via interpreter):``;
- **roles**: ``Q`` (also without a colon: ``Q`` + ordinary or non-breaking spaces),
  ``Question``, ``Reporter``, ``Journalist``, ``Correspondent`` (a *question*: never an
  actor's words), ``Moderator``, ``Audience member``, ``Participant`` … (someone else);
- the separator is ``:`` followed by ordinary or non-breaking spaces, the line's end, or an
  ellipsis that continues an interrupted turn (``Petr Fradkov:…we are``);
- a label opens a line, or stands **inline** after the end of a sentence
  ("… Thank you. Vladimir Putin: Colleagues, …", flattened Kremlin bodies), or is glued to a
  heading ("… talks Prime Minister of India Narendra Modi: …").

Stage directions — ``(Laughter.)``, ``(As interpreted.)``, ``(laughter)``, ``[Inaudible]``,
``<…>``, time stamps such as ``END 12:59 P.M. EDT`` — are never a turn's words
(:func:`speech_spans`). A label resolves to a registry member by its whole text (a title by
the document's date: ``THE PRESIDENT`` is Joe Biden on 2023-05-01 and Donald Trump on
2025-03-13), else by its longest ending that names a person (``PRESIDENT BIDEN`` → Biden,
``President of France Emmanuel Macron`` → Emmanuel Macron): :func:`resolve_label`.
"""
from __future__ import annotations

import re
import weakref
from collections.abc import Callable
from dataclasses import dataclass

from ..actors import ActorRegistry, Member
from ..text import not_a_name_word

__all__ = ["Turn", "find_turns", "quotation_list", "resolve_label", "resolve_named", "role_of", "speech_spans",
           "stage_directions"]

_S = r"[ \t\u00a0]"                                          # a space inside a line, non-breaking too
# a word: initials, a short abbreviation with its period (MS., Dr., Gen.), or a capitalised word
# (a longer word's period ends a sentence: "… with Bram Oduya. President …" is not one label)
_WORD = r"(?:(?:[A-Z]\.){1,3}|[A-Z][A-Za-z]{0,3}\.|[A-Z\u00C0-\u00DE][\w’'\-]*)"
_PARTICLE = r"(?:of|the|de|von|van|der|da|du|di|al|bin|ibn|for|and|on|in|la|le|del)"
_PAREN = r"\([^()\n:]{1,40}\)"
#: Lower-case words a label may hold: "Audience member", "RIA Novosti correspondent", "Plenary session moderator …".
_ROLE_NOUN = r"(?:member|members|correspondent|journalist|reporter|participant|speaker|host|aide|moderator|session)"
#: A label that ends at the colon where the search stops (``endpos`` = the colon + 1).
_LABEL = re.compile(
    rf"(?<![\w’'\-.])(?P<label>(?:{_PAREN}{_S}?)?{_WORD}"
    rf"(?:{_S}?{_PAREN}|{_S}+(?:{_PARTICLE}{_S}+)*(?:{_WORD}|{_ROLE_NOUN}\b))*)"
    rf"{_S}?:\Z")
#: What follows a label's colon: spaces (non-breaking too) or the end of the line.
_SEP = re.compile(rf"{_S}+|(?=\n)|\Z|(?=…|\.\.\.)")
#: ``Q`` + spaces (often non-breaking) or ``Q:`` / ``Q.``; only at the start of a line.
_Q = re.compile(rf"Q(?::{_S}*|\.{_S}+|{_S}+)(?=\S)")
#: Most words in a label ("Chairman of the RUSNANO Management Company Management Board Sergei Kulikov").
_MAX_WORDS = 14
#: Longest label looked for before a colon.
_MAX_LABEL = 240
_NOTE = re.compile(_PAREN)
#: Words of a label that ask questions (the first word, or the last: "RIA Novosti correspondent").
QUESTION_ROLES = frozenset("""q question questions reporter reporters journalist journalists correspondent
    correspondents interviewer""".split())
_ASKERS = QUESTION_ROLES - {"q", "question", "questions"}
#: Words of a label that name someone outside the registry by their part ("Moderator", "Audience member").
OTHER_ROLES = frozenset("""answer a moderator host presenter anchor audience participant participants remark
    remarks reply response voice voices comment speaker interlocutor aide operator child""".split())
#: Notes that say how the words were rendered, not who asked.
_RENDERING = re.compile(r"(?i)translat|interpret|inaudible|^(?:in|via|through|as|off)\b|video|audio|mic")
#: Honorifics and titles: an ending of a label made only of these is not a name ("VICE PRESIDENT").
_HONORIFICS = frozenset("mr mrs ms miss dr sir madam the".split())
_TITLE_WORDS = _HONORIFICS | frozenset("""president vice prime minister secretary general chancellor federal
    chairman chairwoman chair director ambassador governor mayor senator sen representative rep speaker king
    queen prince crown emir leader deputy acting administrator surgeon admiral first lady premier
    special envoy national security adviser advisor press""".split())
_PREPOSITIONS = frozenset("""of for to with from by at about against between among into onto upon without
    under over than in on via said says wrote writes stated added noted posted tweeted declared
    announced""".split())
#: Function words no speaker label in capitals holds ("TO THE CONGRESS …" is a heading).
_NOT_IN_LABEL = frozenset("""to in on at by with from into over under about is are was were be been will would
    can could should may we i you he she they our your my his her their its it this that these those not no a an
    as if or but so than""".split())
_SENTENCE_END = ".!?…;*>)]”\""
#: Words after which a capitalised name and a colon in mid-line are the sentence's own words, not a label
#: glued to a heading: a preposition or cue ("wrote on Truth Social:"), an article ("I hereby delegate to
#: the Secretary of State:"), a conjunction ("Prime Minister Kishida, and President Biden: I am …", said to
#: him) or a comparison ("here's what I'll do, unlike Donald Trump: I'm not going to …").
_NOT_BEFORE_GLUED = _PREPOSITIONS | frozenset("""the a an and or nor unlike like including toward towards before
    after during despite per versus vs dear""".split())
#: A heading's first word: a verb's -ing form ("addressing", "re-establishing"), never a name's first word.
_GERUND = re.compile(r"[a-z\-’']{3,}ing")
_ROLE_LEAD = re.compile(r"^(?:the\s+)?", re.I)

# Stage directions: a parenthesis or bracket of up to five words ending in a period inside
# ("(Laughter.)", "(As interpreted.)"), one of the usual words without it ("(laughter)",
# "[inaudible]"), an omission mark ("<…>", "[…]"), or a line that is a time stamp.
_STAGE_WORDS = r"(?i:laughter|laughs|laughing|applause|inaudible|cross-?talk|interruption|interrupts|" \
               r"chuckles|silence|pause|booing|boos|cheers|cheering|sighs|off-mic|unintelligible)"
_STAGE = re.compile(
    r"[(\[<](?:[A-Za-z][\w’'\-]*(?:[ \-][\w’'\-]+){0,4}\.[)\]]"
    rf"|{_STAGE_WORDS}[)\]]"
    r"|(?:…|\.\.\.)[>\])])")
#: A line that is one parenthesis, of any length: a transcript's description of what happens ("(The National Medal
#: of Arts is presented.)", "(The President holds up a pin reading “…”.)") or the Kremlin's summary of a turn
#: ("(Tatyana Golikova proceeded to review in detail …)"); not an aside that asks or exclaims ("(Must this …?)").
_STAGE_LINE = re.compile(r"(?m)^[ \t]*\([A-Z“\"][^()\n]*[^?!()\n]\)\.?[ \t]*$")
_TIME_LINE = re.compile(rf"{_S}*(?:END{_S}+)?\d{{1,2}}:\d{{2}}{_S}*[AP]\.?{_S}?M\.?(?:{_S}+[A-Z]{{2,5}})?{_S}*")
#: A time stamp that opens a line and its first label ("11:50 A.M. EDT THE VICE PRESIDENT: …", four White House
#: pages): the label counts as at the line's start. A zone ends in T (EDT, GMT), so "P.M. THE PRESIDENT" keeps "THE".
_TIME_PREFIX = re.compile(rf"\d{{1,2}}:\d{{2}}{_S}*[AP]\.?{_S}?M\.?(?:{_S}+[A-Z]{{1,3}}T)?{_S}+(?=[A-Z])")


@dataclass(frozen=True)
class Turn:
    """One speaker label and where its turn's words begin (the turn runs to the next label)."""

    start: int                  # where the label starts
    end: int                    # where its words end (the speaker span is start..end)
    body: int                   # where the turn's words begin, after the separator
    label: str                  # the label's words, notes removed, spaces normalised ("MS. LEAVITT")
    notes: tuple[str, ...]      # parenthetical notes ("retranslated",), ("State Radio",)
    role: str                   # "" (a name or title), "question", or "other" (moderator, audience …)
    upper: bool                 # written in capitals
    member: Member | None       # the registry member the label names, if any

    @property
    def outlet(self) -> str:
        """A note that names who asked ("State Radio"), not how the words were rendered."""
        return "; ".join(n for n in self.notes if not _RENDERING.search(n))


def role_of(label: str) -> str:
    """``"question"`` for a reporter's label (``Q``, ``Question``, ``RIA Novosti correspondent``),
    ``"other"`` for another unnamed part (``Moderator``, ``AUDIENCE MEMBER``), else ``""``."""
    toks = [t.strip(".").casefold() for t in _ROLE_LEAD.sub("", label).split()]
    if not toks:
        return ""
    if toks[0] in QUESTION_ROLES or any(t in _ASKERS for t in toks):
        return "question"
    if toks[0] in OTHER_ROLES and len(toks) <= 2:
        return "other"
    return ""


def resolve_label(label: str, registry: ActorRegistry, date: str | None = None) -> Member | None:
    """The member a label names, or None.

    1. the whole label, a dated title by ``date`` (``THE PRESIDENT``, ``President of Russia``);
    2. its longest ending that is a person's name or alias and not only titles
       (``PRESIDENT BIDEN`` → Joe Biden, ``President of France Emmanuel Macron`` → Emmanuel Macron);
    3. titles + the surname of exactly one registry person who held a title with those words
       (``VICE PRESIDENT HARRIS``), or, after an honorific alone (``MR. SULLIVAN``), any dated title,
       on the document's date: ``SPEAKER JOHNSON`` is not Boris Johnson, ``MS. SULLIVAN`` without a
       date nobody.
    """
    m = registry.resolve(label, date=date) if date else registry.resolve(label)
    if m is not None:
        return m
    toks = label.split()
    for k in range(1, len(toks)):
        tail = toks[k:]
        if all(t.strip(".").casefold() in _TITLE_WORDS for t in tail) or tail[0] in ("of", "the"):
            continue
        m = registry.resolve(" ".join(tail))
        if m is not None and m.kind == "person":
            return m
    words = [t.strip(".").casefold() for t in toks]
    if len(words) < 2 or not all(w in _TITLE_WORDS for w in words[:-1]):
        return None
    holders = _surnames(registry).get(words[-1], ())
    if len(holders) != 1:
        return None
    member = holders[0]
    title = set(words[:-1]) - _HONORIFICS
    for role in registry.roles_of(member.name):
        if date and not role.holds_on(date):
            continue
        if (title and title <= set(role.title.casefold().split())) or (not title and date):
            return member
    return None


#: Honorifics of a ``MR. SINGH`` label, and the registry pronouns each rules out.
_PERSONAL = {"mr": "she", "mrs": "he", "ms": "he", "miss": "he", "dr": ""}


def resolve_named(label: str, registry: ActorRegistry, text: str, title: str = "") -> Member | None:
    """The member an honorific or a title and a surname (``MR. SINGH``, ``DIRECTOR YOUNG``) name in a
    document: the one registry person of that surname whose full name (or an alias of two words or
    more that ends in it: "Deputy National Security Advisor Daleep Singh") the document's ``text``
    or ``title`` writes, as whole words, whose registry pronouns the honorific does not contradict
    (``MS.`` is not a "he") and whose aliases hold the label's title words ("OMB Director Shalanda
    Young" for ``DIRECTOR YOUNG``; ``SENATOR YOUNG`` is somebody else); else None. For a label
    :func:`resolve_label` leaves unresolved: a White House transcript introduces its guest speakers
    by name and then labels their turns by surname, so the surname alone ("Singh"), a common one,
    need not be an alias that would also match anyone else's."""
    words = label.split()
    if len(words) < 2:
        return None
    lead, surname = [w.strip(".").casefold() for w in words[:-1]], words[-1].casefold()
    if not all(w in _TITLE_WORDS for w in lead):
        return None
    titles = {w for w in lead if w not in _HONORIFICS}
    ruled_out = {_PERSONAL[w] for w in lead if _PERSONAL.get(w)}
    found = []
    for m in _surnames(registry).get(surname, ()):
        if m.pronouns in ruled_out:
            continue
        if titles and not titles <= {w.strip(".").casefold() for n in m.names for w in n.split()}:
            continue
        names = [n for n in m.names if len(n.split()) > 1 and n.split()[-1].casefold() == surname]
        if any(re.search(rf"(?<![\w\-]){re.escape(n)}(?![\w\-])", where) for n in names for where in (text, title)):
            found.append(m)
    return found[0] if len(found) == 1 else None


_SURNAME_INDEX: "weakref.WeakKeyDictionary[ActorRegistry, dict[str, tuple[Member, ...]]]" = \
    weakref.WeakKeyDictionary()


def _surnames(registry: ActorRegistry) -> dict[str, tuple[Member, ...]]:
    """Registry persons by the last word of their name (casefolded)."""
    index = _SURNAME_INDEX.get(registry)
    if index is None:
        by: dict[str, list[Member]] = {}
        for m in registry.members:
            if m.kind == "person":
                by.setdefault(m.name.split()[-1].casefold(), []).append(m)
        index = _SURNAME_INDEX[registry] = {k: tuple(v) for k, v in by.items()}
    return index


def find_turns(text: str, resolve: Callable[[str], Member | None], *, single: bool = False) -> list[Turn]:
    """The turn labels of ``text`` in order, or ``[]`` when it is not a transcript.

    ``resolve`` maps a label to a registry member (e.g. :func:`resolve_label` with the
    document's registry and date). A text is a transcript when it has a label that names
    a registry person, a role, or a capitalised label of a title or two words at a line
    start; one label in mid-text counts only with ``single=True`` (an official document).
    """
    has_colon = ":" in text
    if not has_colon and "Q" not in text:
        return []
    found: list[Turn] = []
    strong = 0
    if "Q" in text:
        for m in _Q.finditer(text):
            if _at_line_start(text, m.start()):
                found.append(Turn(m.start(), m.start() + 1, m.end(), "Q", (), "question", True, None))
                strong += 1
    q_lines = {t.start for t in found}
    colon = text.find(":") if has_colon else -1
    while colon >= 0:
        nxt = colon + 1
        lo = max(text.rfind("\n", max(0, colon - _MAX_LABEL), colon) + 1, colon - _MAX_LABEL, 0)
        if lo == 0 or text[lo - 1] == "\n":       # "11:50 A.M. EDT THE VICE PRESIDENT:": the label after the stamp
            lo = _line_start(text, colon)
        m = _LABEL.search(text, lo, nxt)
        sep = _SEP.match(text, nxt) if m else None
        colon = text.find(":", nxt)
        if sep is None:
            continue
        t = _label_turn(text, m, sep.end(), resolve)
        if t is not None and _line_start(text, t.start) not in q_lines:
            found.append(t)
            if t.role or (t.member is not None and t.member.kind == "person") or (
                    t.upper and _at_line_start(text, t.start) and (len(t.label.split()) > 1 or t.label.endswith("."))):
                strong += 1
    if not found:
        return []
    found.sort(key=lambda t: t.start)
    at_start = not text[:found[0].start].strip()
    if strong == 0 or (len(found) == 1 and not at_start and not single) or quotation_list(text, found):
        return []
    return found


def quotation_list(text: str, turns: list[Turn]) -> bool:
    """Every label is a name in ordinary case whose words open a quotation ("Sen. Ada Quill: “…”"):
    a list of quotations (the White House's "What they are saying"), not a transcript. Each
    quotation is then its speaker's (:func:`stancemap.extract.quotes.labelled_quote`), and the
    page's own words between them are not the last speaker's."""
    for t in turns:
        if t.role or t.upper:
            return False
        i = t.body
        while i < len(text) and text[i].isspace():
            i += 1
        if text[i:i + 1] not in ("“", '"'):
            return False
    return True


def _line_start(text: str, pos: int) -> int:
    i = text.rfind("\n", 0, pos) + 1
    while i < pos and text[i] in " \t\u00a0":
        i += 1
    stamp = _TIME_PREFIX.match(text, i, pos + 1) if i < pos and text[i].isdigit() else None
    return stamp.end() if stamp is not None and stamp.end() <= pos else i     # a line's opening time stamp too


def _at_line_start(text: str, pos: int) -> bool:
    return _line_start(text, pos) == pos


_TITLES_NOT_THE = _TITLE_WORDS - {"the"}


def _titled(toks: list[str]) -> bool:
    """A label holds a title word other than "the" ("General Director …", "THE PRESIDENT", "Mr Kosov")."""
    return any(t.strip(".").casefold() in _TITLES_NOT_THE for t in toks)


def _label_turn(text: str, m: re.Match, body: int, resolve) -> Turn | None:
    raw = m.group("label")
    start = m.start("label")
    notes = tuple(n[1:-1].strip() for n in _NOTE.findall(raw))
    toks = _NOTE.sub(" ", raw).split()
    for i in range(len(toks) - 1):
        if toks[i] == toks[i + 1]:
            # the name tooltip scraped into Kremlin labels: "Emmanuel Macron Macron EmmanuelPresident of France"
            toks = toks[:i + 1]
            break
    label = " ".join(toks)
    if not toks or len(toks) > _MAX_WORDS or toks[-1] in ("of", "the", "for", "and", "on", "in", "de", "da", "al"):
        return None
    letters = [c for c in label if c.isalpha()]
    upper = len(letters) >= 2 and all(c.isupper() for c in letters)
    line_start = _at_line_start(text, start)
    # what follows the separator: at a line start anything; inline, the start of a sentence
    nxt = text[body:body + 1] if body > m.end() else ""
    if not line_start and nxt and not (nxt.isupper() or nxt.isdigit() or nxt in "“\"‘'(…[—–-«"):
        return None
    role = role_of(label)
    member = None if role else resolve(label)
    person = member is not None and member.kind == "person"
    if not line_start:
        j = start - 1
        while j >= 0 and text[j] in " \t\u00a0":
            j -= 1
        prev = text[j] if j >= 0 else "\n"
        if prev not in _SENTENCE_END:
            # glued to a heading: a registry person named in two words or more after a lowercase word
            # or a number ("… talks Prime Minister of India Narendra Modi: …"), not after a cue or a
            # preposition ("wrote on Truth Social:")
            if not person or len(toks) < 2:
                return None
            w = text[max(0, j - 20):j + 1].split()
            if not w or not (w[-1][:1].islower() or w[-1][:1].isdigit()) or w[-1].casefold() in _NOT_BEFORE_GLUED:
                return None
    if len(toks) == 1 and not role and not person and not (upper and line_start):
        return None
    if not role and not (upper and line_start) and not_a_name_word(toks[0]) and not _titled(toks) and not (
            member is not None and any(label.casefold() == n.casefold() for n in member.names)):
        # a sentence's opening words, not a label: "And on Putin: Difficult to say." (a press secretary's
        # answer); a title word may open one ("General Director Pavel Kosov:", "First Deputy …"), and so may
        # a two-letter name that is also a stopword's entry ("Ao Li:", a Xinhua reporter)
        return None
    if member is None and not role:
        if upper and line_start:
            # a heading in capitals is not a speaker: "TO THE CONGRESS OF THE UNITED STATES:",
            # "RESTORING BALANCE TO NATO:"
            words = [t.strip(".").casefold() for t in toks]
            if (words[0] in ("for", "and", "of") or any(w in _NOT_IN_LABEL for w in words)
                    or words[:2] == ["fact", "sheet"]):     # "FACT SHEET: President Biden …" opens a title
                return None
            # nor is one alone on its line without a title or honorific ("BRINGING BACK COMMON SENSE:"
            # over a list of a White House article: a speaker's words follow the label on its line), or
            # one that opens with a verb's -ing form (the fact sheets' run-in "ADDRESSING ROGUE LAW FIRMS:")
            if text[body:body + 1] in ("\n", "") and not _titled(toks):
                return None
            if len(words) > 1 and _GERUND.fullmatch(words[0]) and words[0] not in _TITLE_WORDS:
                return None     # "acting" is a title's word: "ACTING SECRETARY …"
    end = start + len(raw.rstrip())
    return Turn(start, end, body, label, notes, role, upper, member)


def stage_directions(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """Spans of stage directions between ``start`` and ``end``: ``(Laughter.)``, ``(laughter)``,
    ``[Inaudible]``, ``<…>``, a line that is one parenthesis (:data:`_STAGE_LINE`), a line that is a time stamp
    (``END 12:59 P.M. EDT``)."""
    end = len(text) if end is None else end
    out = [m.span() for m in _STAGE.finditer(text, start, end)]
    out += [m.span() for m in _STAGE_LINE.finditer(text, start, end) if not any(a <= m.start() < b for a, b in out)]
    colon = text.find(":", start, end)
    while colon >= 0:
        ls = text.rfind("\n", start, colon) + 1 or start
        le = text.find("\n", colon, end)
        le = end if le < 0 else le
        if _TIME_LINE.fullmatch(text, ls, le):
            out.append((ls, le))
        colon = text.find(":", le, end) if le < end else -1
    return sorted(out)


def speech_spans(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """A turn's words as spans: each line, without stage directions and the spaces around
    them; pieces with no letter or digit are dropped."""
    out: list[tuple[int, int]] = []
    pos = start
    for cs, ce in [*stage_directions(text, start, end), (end, end)]:
        for m in _PIECE.finditer(text, pos, cs):
            if _ALNUM.search(text, m.start(), m.end()):
                out.append(m.span())
        pos = max(pos, ce)
    return out


_PIECE = re.compile(r"[^\s](?:[^\n]*[^\s])?")     # a line's words, without the spaces around them
_ALNUM = re.compile(r"[^\W_]")
