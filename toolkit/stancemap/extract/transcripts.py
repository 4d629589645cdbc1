"""Transcript turns as statements: the label grammar of :mod:`stancemap.extract.turns` finds the turns
(``Ada Quill: …``, ``MS. VOSS: …``, ``Q …``); each sentence of a turn, without stage directions,
is a ``direct`` statement of the label's speaker (one statement per sentence, as in the
attribution gold set and in official documents), and a reporter's turn is a ``question`` (actor ``unattributed``)."""
from __future__ import annotations

import re
from dataclasses import dataclass

from . import turns
from ..schema import UNATTRIBUTED
from .lexicon import EVENT_WORDS, INSTITUTION_WORDS
from .matchers import Matchers
from .names import label_name
from .records import Speaker, row
from .sentences import fast_sentence_spans

__all__ = ["ANNOUNCE", "SALUTATION", "Label", "find_labels", "name_askers", "preamble_end", "turn_rows"]

#: A salutation alone is no statement ("Dear friends!", "Ladies and gentlemen!", "Colleagues,").
SALUTATION = re.compile(r"(?i)(?:(?:my\s+)?dear\s+[\w’' ,-]{1,40}|ladies\s+and\s+gentlemen|(?:dear\s+)?colleagues|"
                        r"friends)\s*[!,.:]?")


@dataclass(frozen=True)
class Label:
    """A turn label: where it starts, where the turn's words start, who speaks, and the kind
    of the turn's statements (``direct`` or ``question``)."""
    start: int
    body: int
    speaker: Speaker
    kind: str


#: A fact sheet's title: the page is never a transcript ("Fact Sheet: The United States and India Announce …").
FACT_SHEET = re.compile(r"(?i)\s*fact\s*sheet\b")


def find_labels(text: str, matchers: Matchers, date: str | None, single: bool, title: str = "") -> list[Label]:
    """Turn labels (:func:`stancemap.extract.turns.find_turns`), resolved against the registry on ``date``
    (dated titles: ``THE PRESIDENT``), else by a surname the document names in full
    in its ``text`` or ``title`` (:func:`stancemap.extract.turns.resolve_named`: ``MR. SINGH`` in a
    briefing whose title names "Daleep Singh");
    ``single``: a one-speaker document (an official text); none in a fact sheet (:data:`FACT_SHEET`)."""
    if FACT_SHEET.match(title or ""):
        return []       # "**THE PROSPEROUS PATH FORWARD:** …" in a fact sheet is a heading, not a speaker's turn
    out = []
    named: dict[str, object] = {}

    def resolve(label: str):
        # the registry's reading of the label, else a surname the document itself names in full
        m = matchers.resolve_label(label, date)
        if m is None:
            if label not in named:
                named[label] = turns.resolve_named(label, matchers.registry, text, title)
            m = named[label]
        return m

    for t in turns.find_turns(text, resolve, single=single):
        span = (t.start, t.end)
        if t.role == "question":
            # a question is nobody's statement: kept apart as kind "question"
            out.append(Label(t.start, t.body, Speaker(UNATTRIBUTED, t.outlet or label_name(t.label), "person",
                                                      span=span), "question"))
        elif t.member is not None:
            m = t.member
            out.append(Label(t.start, t.body, Speaker(m.actor, m.name, m.kind, span=span), "direct"))
        else:
            out.append(Label(t.start, t.body, Speaker(UNATTRIBUTED, label_name(t.label), "person", span=span),
                             "direct"))
    return name_askers(text, out)


#: A host giving the floor to a named asker: "Our next question will go to Ron Kampeas.", "Go ahead,
#: Lena.", "Lena, go ahead.", "Let's go to Lena Voss with Harbour Radio."
def _name(group: str) -> str:
    return rf"(?P<{group}>[A-Z][a-z’'\-]+(?:\s+[A-Z][a-z’'\-]+){{0,2}})"


ANNOUNCE = re.compile(
    rf"\bquestions?\s+(?:will\s+)?(?:go(?:es)?|comes?|is)\s+(?:to|from)\s+{_name('n1')}"
    rf"|\b(?:[Gg]o\s+ahead|[Oo]ver\s+to|[Ll]et[’']s\s+go\s+to|[Ww]e[’']ll\s+go\s+(?:to|with)|[Nn]ext\s+up\s+is"
    rf"|(?:[Ww]e[’']ll|[Ll]et[’']s|I[’']ll)\s+start\s+with)\s*,?\s+{_name('n2')}"
    rf"|{_name('n3')},\s+go\s+ahead")
_NOT_NAMES = frozenset("""yes yeah yep please thank thanks okay ok sure sir ma’am maam all everybody everyone the oh
    well alright right and so now sorry again hey hi let then great good you dr mr ms mrs no nope absolutely
    exactly correct true indeed certainly definitely go next anyone anybody somebody someone question questions
    hello bye goodbye excellent perfect wonderful fine cool wow look listen wait one two three last uh um
    congress mm-hmm mm-hm uh-huh yup understood anyway noted oop oops goodness bye-bye stop timely gotcha agreed
    appreciate appreciated done welcome cheers precisely totally fair later hmm huh whoa boy gosh
    eighty ninety seventy sixty fifty forty thirty twenty ten remarkable bonjour happy truly eventually geez uh-oh
    astounding shocked incredibly commander bingo shocker limber technically soon none yay enjoy president
    syria zambia ohio""".split())
#: A host's turn whose last sentence is only a name: "MS. BEDINGFIELD:  Justin." — the floor, given by name.
BARE_NAME = re.compile(r"[A-Z][a-z’'\-]+(?:\s+[A-Z][a-z’'\-]+)?\.")
#: A word written in lower case: a text that writes "anyway" so is not naming an "Anyway." host line's asker.
LOWER_WORD = re.compile(r"(?<![\w’'\-])[a-z][a-z’'\-]*")
#: Characters at the end of a host's turn searched for the floor being given.
FLOOR_WINDOW = 400
#: The floor given without a name ("Go ahead.", "Yes, ma’am."): the next asker is unknown.
FLOOR = re.compile(r"\b(?:[Gg]o\s+ahead|[Yy]es,\s+(?:sir|ma[’']?am)|[Yy]eah,\s+go)\b")


def name_askers(text: str, labels: list[Label]) -> list[Label]:
    """Questions of an asker the host names ("Our next question will go to Ron Kampeas.", "We'll start with
    Kristen.", a last line that is only a name: "Justin.") keep that name as their speaker — still a question,
    actor ``unattributed`` — until the host names another or gives the floor without a name ("Go ahead."), or
    a speaker's turn follows the naming (the floor went to a briefer: "I'm going to turn it over to Brian");
    without one the label stays (``Q``, an outlet)."""
    if not any(label.kind == "question" for label in labels):
        return labels
    out: list[Label] = []
    asker = ""
    lower = None        # the words the text writes in lower case, read once when needed
    for i, label in enumerate(labels):
        end = labels[i + 1].start if i + 1 < len(labels) else len(text)
        if label.kind != "question":
            # the floor is given at the end of a turn: its last lines are enough
            lo = max(label.body, end - FLOOR_WINDOW)
            named = {}
            spans = []
            for m in ANNOUNCE.finditer(text, lo, end):
                name = m.group("n1") or m.group("n2") or m.group("n3")
                named[m.start()] = name if name.split()[0].casefold() not in _NOT_NAMES else ""
                spans.append((m.start(), m.end()))
            for m in FLOOR.finditer(text, lo, end):
                if not any(a <= m.start() < b for a, b in spans):
                    named[m.start()] = ""
            body = text[label.body:end].rstrip()
            last = re.split(r"(?<=[.!?])\s+", body.rsplit("\n", 1)[-1].strip())[-1]     # "No. Justin."
            if BARE_NAME.fullmatch(last) and last.split()[0].casefold().strip(".") not in _NOT_NAMES \
                    and not EVENT_WORDS.search(last) and not INSTITUTION_WORDS.search(last):
                if lower is None:
                    lower = frozenset(LOWER_WORD.findall(text))
                if last.split()[0].strip(".").lower() not in lower:
                    named[end] = last[:-1]      # a name, not a word the text also writes in lower case ("Anyway.")
            if named:
                asker = named[max(named)]
            if i + 1 < len(labels) and labels[i + 1].kind != "question":
                asker = ""      # "I'm going to turn it over to Brian": the floor went to a speaker, not an asker
            out.append(label)
        elif asker:
            sp = label.speaker
            out.append(Label(label.start, label.body, Speaker(sp.actor, asker, sp.kind, span=sp.span), label.kind))
        else:
            out.append(label)
    return out


def preamble_end(text: str, labels: list[Label]) -> int:
    """Where the text before the first turn ends: before the stage directions that close it
    ("12:33 P.M. EDT"); the whole text when there is no turn."""
    region_end = labels[0].start if labels else len(text)
    if labels:
        for s, e in reversed(turns.stage_directions(text, 0, region_end)):
            if not text[e:region_end].strip():
                region_end = s
    return region_end


def turn_rows(text: str, labels: list[Label]) -> list[tuple]:
    """Statement rows (:func:`~stancemap.extract.records.row`) of every turn, in order: one per
    sentence of the turn's words (stage directions and salutation-only sentences left out), each
    with the label's speaker, kind and the cue ``turn``."""
    rows: list[tuple] = []
    for i, label in enumerate(labels):
        end = labels[i + 1].start if i + 1 < len(labels) else len(text)
        speaker, kind = label.speaker, label.kind
        for ps, pe in turns.speech_spans(text, label.body, end):
            for s, e in fast_sentence_spans(text, ps, pe):
                if not SALUTATION.fullmatch(text, s, e):
                    rows.append(row(s, e, speaker, "turn", kind, s, e, 0.9))
    return rows
