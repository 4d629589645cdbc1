"""Statement extraction and attribution: who said what, in which words.

Rule-based quotation and reported-speech attribution in the tradition of
O'Keefe et al. (2012, "A sequence labelling approach to quote attribution")
and Pareti (2016, PARC 3.0: source–cue–content triples), with the speaker
resolved against an actor registry. Everything is transparent rules over
compiled regular expressions (sentences are split with the abbreviation list
of :mod:`stancemap.text`, about ten times faster than nltk's Punkt on long
press releases), so it is fast (several hundred documents/s) and works with
any registry of the ``corpora/actors.yaml`` shape.

A statement has a *source* (the speaker, resolved to a registry member, or
kept with ``actor = "unattributed"``), a *cue* (the verb or phrase that
introduces it) and a *content* span (what was said, without speaker or cue).
The rules, in the order they run on each document:

1. **Transcript turns** — labels such as ``Vladimir Putin: …``,
   ``President of France Emmanuel Macron(retranslated): …``, ``MS. LEAVITT: …``,
   ``THE PRESIDENT: …`` (its holder on the document's ``date``) or ``Q …``
   split a transcript into turns (the grammar: :mod:`stancemap.turns`); each
   paragraph of a turn (or each ≤ 800-character run of its sentences), without
   stage directions such as ``(Laughter.)``, is a ``direct`` statement of the
   label's speaker. A reporter's turn (``Q``, ``Question (State Radio)``) is a
   ``question``: actor ``unattributed``, speaker the label or the outlet.
2. **Direct quotes** with the attribution after (“…,” X said / “…,” said X),
   before (X said: “…” / X said, “…”, also across a line break), or around a
   split quote (“…,” X said, “…” → two rows, one speaker).
3. **Reported speech** with a cue verb (said that, insisted, accused X of,
   demanded that, reassured X that, hailed X as, according to X, …),
   including participial clauses ("with X insisting that …"), subjects with
   an apposition or relative clause ("X, speaking from Y, said …", "talks
   with X, who said …"), coordinated speakers ("A and B accused …", one row
   each), elided subjects ("… and claimed …"), post-posed attributions
   ("…, X said." / "…, said X."), "This was stated by X" (the previous
   sentence is X's) and institutional sources ("The White House statement
   …", "Its statement …", "a Kremlin readout said"). Content containing a
   quoted fragment is ``mixed``; the content ends at the next clause with its
   own speaker, a semicolon, ", while", or a dash that opens the narrator's
   gloss ("…ceased—conditions that Kyiv has rejected").
4. **Quotes without attribution** continue the previous speaker (lower
   confidence); short quotes in the narrator's sentence are scare quotes.
5. **Official documents** (``doc_kind == "official"``): the remaining
   sentences — and those where the author speaks of itself ("The Ministry
   welcomes …") — are the author's own words (``kind = "official"``).

Pronouns (he/she → person; it/its → institution; they → several speakers)
and titles ("the President", "the Head of State of X") resolve to the
subject of the previous sentence or the most recent speaker of the right
kind. Unnamed sources (analysts, critics, "a spokesman for X") and named
people missing from the registry are kept with ``actor = "unattributed"``
and their words in ``speaker``.
"""
from __future__ import annotations

import bisect
import hashlib
import re
import warnings
import weakref
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path

import numpy as np
import pandas as pd

from . import turns
from .actors import ActorRegistry, Member, load_actors
from .clean import clean_text_map
from .errors import LossyStepWarning, StancemapError
from .runtime import check_jobs
from .schema import (DOCUMENT_COLUMNS, PROVENANCE_COLUMNS, STATEMENT_COLUMNS, UNATTRIBUTED, require_columns,
                     text_values)
from .text import ABBREVIATIONS, stopwords

__all__ = ["EXTRACTOR", "VERSION", "extract", "extract_text"]

VERSION = "0.1"
#: Value of the ``extractor`` column.
EXTRACTOR = f"stancemap.rules/{VERSION}"
#: Transcript turns longer than this are split at sentence boundaries.
MAX_TURN_CHARS = 800

# --------------------------------------------------------------------------- lexicon

#: lemma → class. "that": content is a clause, "that" and adjuncts before it are
#: skipped; "tell": an object may stand before "that"; "object": the object is part
#: of the content (accused X of …, hailed X as …).
_CUE_LEMMAS: dict[str, str] = {}
for _lemma in """say state note stress insist claim argue assert declare announce warn explain emphasise
        emphasize reiterate underline underscore confirm report write tweet reply respond answer
        acknowledge admit concede suggest recall predict signal indicate caution remark comment observe
        allege complain promise pledge vow deny counter retort quip joke lament hint mention highlight
        maintain contend proclaim affirm reaffirm add propose demand ask stipulate specify announce
        clarify conclude""".split():
    _CUE_LEMMAS[_lemma] = "that"
for _lemma in "tell reassure assure inform remind notify brief".split():
    _CUE_LEMMAS[_lemma] = "tell"
for _lemma in """accuse blame hail welcome praise criticise criticize condemn admonish dismiss reject urge
        echo outline describe threaten slam blast lambast thank congratulate express voice rule
        call denounce decry applaud commend endorse label brand characterise characterize
        question""".split():
    _CUE_LEMMAS[_lemma] = "object"
# "question" is deliberately not a cue: "left X questioning Y" is a state of mind.
del _CUE_LEMMAS["question"]

_IRREGULAR = {
    "say": ("says", "said", "saying"), "tell": ("tells", "told", "telling"),
    "write": ("writes", "wrote", "writing", "written"), "admit": ("admits", "admitted", "admitting"),
    "quip": ("quips", "quipped", "quipping"), "slam": ("slams", "slammed", "slamming"),
    "echo": ("echoes", "echoed", "echoing"), "deny": ("denies", "denied", "denying"),
    "reply": ("replies", "replied", "replying"), "rule": ("rules out", "ruled out", "ruling out", "rule out"),
    "call": ("calls for", "called for", "calling for", "call for", "calls on", "called on", "calling on",
             "call on"),
    "signal": ("signals", "signalled", "signaled", "signalling", "signaling"),
    "tweet": ("tweets", "tweeted", "tweeting"), "add": ("adds", "added", "adding"),
    "hint": ("hints", "hinted", "hinting"), "counter": ("counters", "countered", "countering"),
}
_EXTRA_CUES = {"posted": "post", "point out": "point", "points out": "point", "pointed out": "point",
               "pointing out": "point", "made clear": "make", "makes clear": "make", "making clear": "make",
               "according to": "according"}


def _forms(lemma: str) -> tuple[str, ...]:
    if lemma in _IRREGULAR:
        forms = _IRREGULAR[lemma]
        return forms if lemma in ("rule", "call") else (lemma, *forms)
    if lemma.endswith("e"):
        return lemma, lemma + "s", lemma + "d", lemma[:-1] + "ing"
    if lemma.endswith("y") and lemma[-2] not in "aeiou":
        return lemma, lemma[:-1] + "ies", lemma[:-1] + "ied", lemma + "ing"
    if lemma.endswith(("s", "sh", "ch", "x")):
        return lemma, lemma + "es", lemma + "ed", lemma + "ing"
    return lemma, lemma + "s", lemma + "ed", lemma + "ing"


#: cue form → (lemma, class, form kind: "ing" | "past" | "pres")
CUES: dict[str, tuple[str, str, str]] = {}
for _lemma, _cls in _CUE_LEMMAS.items():
    for _f in _forms(_lemma):
        _head = _f.split()[0]
        _kind = "ing" if _head.endswith("ing") else ("past" if _head.endswith(("ed", "said", "told", "wrote",
                                                                                 "written")) else "pres")
        CUES.setdefault(_f, (_lemma, _cls, _kind))
for _f, _lemma in _EXTRA_CUES.items():
    _head = _f.split()[0]
    _kind = "ing" if _head.endswith("ing") else ("past" if _head in ("posted", "pointed", "made") else "pres")
    CUES[_f] = (_lemma, "that" if _lemma != "according" else "according", _kind)

#: Verbs a document noun ("the White House statement …") can take besides cues.
_DOC_VERBS = frozenset("""read reads omitted omits focused focuses focusing listed lists made makes referred
    refers set sets spoke speaks""".split())
#: Nouns for documents and channels: "<owner>'s statement said", "a Kremlin readout noted".
_DOC_NOUNS = frozenset("""statement statements readout communique communiqué release announcement declaration
    decree letter message post tweet website account transcript report resolution memo memorandum""".split())
#: Nouns for an owner's institution: "Zelensky's office said" → the owner's group.
_OFFICE_NOUNS = frozenset("office administration government ministry cabinet camp team service".split())
#: Unnamed people who speak for someone: kept unattributed ("a spokesman for the Kremlin").
_ROLE_NOUNS = frozenset("""spokesman spokeswoman spokesperson spokespeople aide aides adviser advisers advisor
    advisors official officials source sources representative representatives envoy negotiator negotiators
    insider insiders staffer staffers ambassador member members person people wife husband""".split())
#: Unnamed opinion holders: never a registry actor.
_GENERIC = frozenset("""analysts analyst critics critic observers observer experts expert commentators
    commentator diplomats diplomat witnesses witness residents people many some others insiders lawmakers
    legislators politicians opponents supporters economists historians journalists reporters scholars
    activists protesters protestors pundits researchers sceptics skeptics campaigners voters citizens polls
    surveys media allies partners leaders governments countries nations ministers generals commanders
    officers soldiers everyone nobody few most several both interlocutors parties sides presidents
    participants counterparts delegations""".split())
#: Title → words an alias must contain to be that title ("the Head of State" → a president).
_TITLES = {"president": ("president",), "head of state": ("president",), "vice president": ("vice president",
           "vice-president"), "vice-president": ("vice president", "vice-president"),
           "prime minister": ("prime minister", "premier"), "premier": ("premier", "prime minister"),
           "chancellor": ("chancellor",), "foreign minister": ("foreign minister",), "minister": ("minister",),
           "secretary of state": ("secretary of state",), "head of government": ("prime minister", "premier"),
           "leader": ("",), "spokesman": ("spokes",), "spokeswoman": ("spokes",), "spokesperson": ("spokes",)}
_TITLE_LAST = {t.split()[-1].split("-")[-1]: t for t in _TITLES}
#: Words between a subject and its cue verb ("Russia also reported", "Scholz cautiously welcomed").
_SKIP = frozenset("""also has have had would will could can may might must should shall did does do not never
    again later still then now already reportedly previously once further even just ever first meanwhile
    however too both all each himself herself itself themselves initially subsequently repeatedly who
    which that only publicly privately swiftly quickly allegedly apparently separately yesterday today
    tonight recently earlier monday tuesday wednesday thursday friday saturday sunday""".split())
_NOT_ADVERB = frozenset("reply supply assembly family rally ally anomaly italy july monopoly apply comply imply "
                        "rely fly belly jelly bully daily weekly monthly yearly holy ugly only".split())
_BE = frozenset("is are was were been be being".split())
_PRONOUNS = {"he": "person", "she": "person", "it": "institution", "they": "group"}
_POSSESSIVE = {"his": "person", "her": "person", "its": "institution", "their": "group"}
_PREPOSITIONS = frozenset("""of for to with from by at about against between among toward towards into onto
    upon without under over than in on via""".split())
_CONNECTORS = frozenset("and but while with which who whom as whereas although though yet so or nor "
                        "when where whose including".split())
_PARTICLES = frozenset("of the de von van der da di du al bin la le".split())
_ROLE_LABELS = frozenset("""question questions q answer a journalist journalists reporter reporters
    correspondent moderator host interviewer presenter anchor audience participant participants remark
    remarks reply response voice voices comment speaker interlocutor""".split())
_DASH_CONTINUE = frozenset("including and or but with as from to such especially notably namely than "
                           "which".split())
_LEADING_NAME_WORDS = frozenset("""meanwhile however hours later earlier today yesterday tonight days weeks
    months years then also speaking asked earlier separately monday tuesday wednesday thursday friday
    saturday sunday january february march april may june july august september october november december
    mr mrs ms dr sir""".split()) - {"mr", "mrs", "ms", "dr", "sir"}

#: Cue forms that are also nouns ("the Baltic states", "Russian demands"): they need a clear subject.
_HOMOGRAPHS = frozenset("""state states demand demands report reports claim claims comment comments answer answers
    reply replies promise promises pledge pledges vow vows note notes echo echoes blast blasts slam slams joke
    jokes quip quips counter hint hints signal signals voice voices thanks thank praise welcome welcomes remark
    remarks outline outlines brand label labels brief briefs tweet tweets blame urge question questions lament
    laments""".split()) | {"call for", "calls for", "call on", "calls on"}
#: Unnamed heads of a role phrase: "the Head of the Republic", "a member of the delegation".
_ROLE_HEADS = frozenset("head chairman chairwoman chair director member members deputy secretary governor "
                        "mayor speaker ambassador commander chief".split())
_WEEKDAYS = frozenset("monday tuesday wednesday thursday friday saturday sunday".split())
_PLURAL_DETERMINERS = frozenset("the these those both many some several two three four most all".split())
_QUANTIFIERS = frozenset("some many other most several".split())
_ING_NOUNS = frozenset("thing things nothing something anything everything king kings ring spring string wing "
                       "evening morning building buildings meeting meetings feeling hundred hundreds "
                       "need needs speed seed greed creed".split())
_PREV_TOKEN = re.compile(r"([\w’']+|[^\w\s])\s*$")
_CLAUSE_BREAKS = frozenset(", ; : — – - ( and but while with whereas which who as although though yet so or "
                           "meanwhile however".split())
_INSTITUTION_WORDS = re.compile(r"(?i)\b(?:council|committee|ministry|security|defen[cs]e|office|service|agency|"
                                r"department|commission|union|organi[sz]ation|parliament|duma|rada|bureau|forces|"
                                r"army|navy|bank|fund|court|assembly|government|administration|affairs|centre|"
                                r"center|institute|corporation|company|party|news|times|post|press|television|"
                                r"tv|radio|agency|group|board|staff|guard|police|federation|republic)\b")
_PERSON_TITLE_WORDS = re.compile(r"(?i)\b(?:president|minister|prime|chancellor|secretary|adviser|advisor|"
                                 r"spokes\w+|head|chairman|chairwoman|chair|governor|mayor|ambassador|deputy|"
                                 r"director|commissioner|envoy|general|commander|chief|king|queen|prince|"
                                 r"speaker|leader|premier|senator|representative|ombudsman|lady|mr|mrs|ms|dr|"
                                 r"ceo|founder|rector|professor|editor|patriarch|metropolitan|bishop)\b")
#: Rules that attribute a quotation by its marks (the others find reported speech).
_DIRECT_RULES = ("before", "after", "after-inverted")
_AFTER_SENTENCE = re.compile(r"[.!?…]\s+$")
_TITLE_FULL = re.compile(r"(?i:the)\s+(?:[A-Z][\w’'\-]*\s+)?(?i:" + "|".join(
    re.escape(t).replace(r"\ ", r"\s+") for t in sorted(_TITLES, key=len, reverse=True)) + r")")
_WORD = re.compile(r"[^\W_](?:[\w’'.\-]*\w)?|[^\w\s]")
_QMARK = re.compile(r"[“”\"‘’']")
_SPACE_RUN = re.compile(r"\s+")
_LINE = re.compile(r"[^\n]+")
_DOUBLE_OPENERS = "([{—–-/"
_LABEL = re.compile(
    r"(?<![\w’'\-])(?P<label>(?:(?:[A-Z]\.){1,3}|[A-Z][\w’'\-]*)"
    r"(?:[ \t]+(?:(?:[A-Z]\.){1,3}|[A-Z][\w’'\-]*|of|the|de|von|van|der|da|al|bin|for))*)"
    r":[ \t]+(?=[A-Z0-9“\"‘'(…\[])")
_TITLE_FWD = re.compile(
    r"(?i:the)\s+(?:[A-Z][\w’'\-]*\s+)?(?P<title>(?i:vice[- ]president|president|prime\s+minister|premier|"
    r"chancellor|head\s+of\s+state|head\s+of\s+government|foreign\s+minister|minister|secretary\s+of\s+state|"
    r"leader))(?:\s+of\s+(?P<of>(?:the\s+)?[A-Z][\w’'\-]*(?:\s+[A-Z][\w’'\-]*)*))?")
_ROLE_FWD = re.compile(
    r"(?i:a|an|the|one|two|three|several|some)\s+(?:[a-z][\w\-]*\s+){0,2}?"
    r"(?P<noun>(?i:spokes(?:man|woman|person|people)|aides?|advis[eo]rs?|officials?|sources?|representatives?|"
    r"envoy|negotiators?|diplomats?|insiders?|ambassador|wife|husband))\b"
    r"(?:\s+(?:for|to|at|of|in|from|with|close\s+to)\s+(?:the\s+)?[A-Z][\w’'\-]*(?:\s+[A-Z][\w’'\-]*)*)?")
_THE_CAPS_FWD = re.compile(r"(?i:the)\s+(?:[A-Z][\w’'\-]*\s+(?:(?:of|to|for)\s+(?:the\s+)?)?){0,5}"
                           r"[A-Z][\w’'\-]*")
_BY_PASSIVE = re.compile(r"(?:This|That|It|These|Such|The\s+(?:statement|remarks?|words))\s+"
                         r"(?:was|were|is|has\s+been|had\s+been)\s+(?:also\s+)?(?P<cue>stated|said|emphasi[sz]ed|"
                         r"noted|stressed|announced|declared|reported|underlined|underscored|pointed\s+out|"
                         r"highlighted|expressed|voiced)\s+by\s+")
_DOC_FWD = re.compile(
    r"(?:(?P<poss>(?i:its|his|her|their))|(?i:a|an|the))\s+(?:[a-z][\w\-]*\s+){0,2}?"
    r"(?P<noun>statement|readout|communiqu[eé]|release|announcement|declaration|message|post|letter|report)"
    r"(?:\s+(?:from|by|of|issued\s+by)\s+)?")
_NAME_FWD = re.compile(r"[A-Z][\w’'\-]*(?:\s+(?:(?:of|the|de|von|van|der|da|al|bin)\s+)*[A-Z][\w’'\-]*){0,5}")
_PRONOUN_FWD = re.compile(r"(?i:he|she|they|it|him|her|them)\b")
_GENERIC_FWD = re.compile(r"(?:(?:[A-Za-z][\w\-]*)\s+){0,2}?(?P<noun>" + "|".join(sorted(_GENERIC, key=len,
                                                                                       reverse=True)) + r")\b")
_ADJUNCT = re.compile(r"(?i:on|in|to|at|via|during|after|before|from|through|over|with|late|early|earlier|"
                      r"later|yesterday|today|tonight|this|last|again|also|afterwards|then|there|here)\b")
_THAT = re.compile(r"\bthat\b")
_HEADLINE_END = re.compile(r"[.!?”\"’'…:;)]\s*$")


# A sentence ends at . ! ? or … (plus closing quotes/brackets) before whitespace and a capital, digit or
# opening quote, unless the word before the period is an abbreviation or an initial; a line break always
# ends one. Same abbreviation list as stancemap.text (Punkt), about ten times faster on long texts.
_SENT_BREAK = re.compile(r"[.!?…]+[”\"’')\]]*(?=[ \t]+[“\"‘'(\[]?[A-Z0-9\u00C0-\u00DE\u0400-\u042F])|\n")
_ABBREV_DOTTED = frozenset(a for a in ABBREVIATIONS)


def fast_sentence_spans(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """Sentence spans of ``text[start:end]`` (absolute offsets), whitespace trimmed, by the
    regex rule above: the extractor's splitter, not Punkt (:func:`stancemap.text.sentence_spans`)."""
    end = len(text) if end is None else end
    spans = []
    s = start
    for m in _SENT_BREAK.finditer(text, start, end):
        e = m.end()
        if m.group() != "\n" and text[m.start()] == "." and m.end() - m.start() == 1:
            j = m.start()
            k = j
            while k > s and not text[k - 1].isspace() and text[k - 1] not in "(“\"‘'":
                k -= 1
            word = text[k:j].casefold()
            if word in _ABBREV_DOTTED or (len(word) == 1 and word.isalpha()) or \
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


def _trie_regex(words: Iterable[str], *, the_optional_case: bool = False) -> str:
    """One regex alternation for many literals, as a character trie (much faster in ``re``)."""
    trie: dict = {}
    for w in words:
        units: list[str] = []
        body = w
        if the_optional_case and w.lower().startswith("the "):
            units += ["[Tt]", "[Hh]", "[Ee]"]
            body = w[3:]
        for ch in body:
            if ch.isspace():
                unit = r"\s+"
            elif ch in "'’":
                unit = "['’]"
            else:
                unit = re.escape(ch)
            if units and unit == r"\s+" and units[-1] == r"\s+":
                continue
            units.append(unit)
        node = trie
        for u in units:
            node = node.setdefault(u, {})
        node[""] = {}

    def build(node: dict) -> str:
        end = "" in node
        alts = [u + build(child) for u, child in sorted(node.items()) if u]
        if not alts:
            return ""
        body = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
        if end:
            return "(?:" + body + ")?"
        return body if len(alts) == 1 and len(alts[0]) <= 2 else body

    return build(trie)


_CUE_RE = re.compile(r"(?<![\w\-’'])(?:" + _trie_regex([*CUES, "According to"]) + r")(?![\w\-])")
_DOCNOUN_RE = re.compile(r"(?<![\w\-])(?:" + _trie_regex(_DOC_NOUNS | {"press release", "press service"})
                         + r")(?![\w\-])")


# --------------------------------------------------------------------------- per-registry rules

class _Rules:
    """Compiled matchers for one registry (cached, so the regexes are built once)."""

    def __init__(self, registry: ActorRegistry):
        self.registry = registry
        names = sorted({n for m in registry.members for n in m.names}, key=lambda s: (-len(s), s))
        body = _trie_regex(names, the_optional_case=True) if names else r"(?!x)x"
        self.mention_re = re.compile(r"(?<![\w-])(?:" + body + r")(?![\w-])")
        self._resolved: dict[str, Member | None] = {}
        self._labels: dict[tuple[str, str | None], Member | None] = {}
        # registry members whose names carry a title word, for "the President" etc.
        self.title_members: dict[str, list[Member]] = {}
        for key, words in _TITLES.items():
            pats = [re.compile(r"(?<!vice )(?<!vice-)\b" + re.escape(w)) if w == "president" else
                    re.compile(re.escape(w)) for w in words]
            self.title_members[key] = [m for m in registry.members if m.kind == "person"
                                       and any(p.search(n.casefold()) for n in m.names for p in pats)]

    def resolve(self, s: str) -> Member | None:
        try:
            return self._resolved[s]
        except KeyError:
            m = self._resolved[s] = self.registry.resolve(s)
            return m

    def resolve_label(self, label: str, date: str | None) -> Member | None:
        """A transcript label's member (:func:`stancemap.turns.resolve_label`), cached by label and date."""
        key = (label, date)
        try:
            return self._labels[key]
        except KeyError:
            m = self._labels[key] = turns.resolve_label(label, self.registry, date)
            return m


_RULES: "weakref.WeakKeyDictionary[ActorRegistry, _Rules]" = weakref.WeakKeyDictionary()


def _rules(registry: ActorRegistry) -> _Rules:
    r = _RULES.get(registry)
    if r is None:
        r = _RULES[registry] = _Rules(registry)
    return r


# --------------------------------------------------------------------------- data holders

@dataclass
class _Speaker:
    actor: str
    name: str
    kind: str              # person | institution | group | generic | unknown
    resolved: bool = True  # False: a pronoun/title we could not resolve
    span: tuple[int, int] = (-1, -1)   # where the speaker is named (the subject, a pronoun, a label)


@dataclass
class _Subj:
    """A syntactic subject: what stands before (or after) the cue."""
    kind: str              # mention|pronoun|doc|office|role|generic|title|name|elided|label
    start: int
    end: int
    text: str
    member: Member | None = None
    owner: "_Subj | None" = None
    hint: str | None = None        # actor group of "the President of <X>"
    ptype: str = ""                # pronoun type: person|institution|group
    title: str = ""
    parts: list["_Subj"] = field(default_factory=list)   # coordinated subjects


@dataclass
class _Att:
    """One attribution: subject + cue + content span(s)."""
    head: int              # position used for ordering and salience (subject start)
    subj: _Subj | None
    cue: str
    cue_start: int
    cue_end: int
    kind: str              # direct | indirect | mixed | continuation
    start: int             # content span
    end: int
    rule: str = ""
    speakers: list[_Speaker] = field(default_factory=list)
    confidence: float = 0.0


# --------------------------------------------------------------------------- the per-document engine

class _Doc:
    def __init__(self, rules: _Rules, text: str, official: tuple[str, str] | None, date: str | None = None):
        self.r = rules
        self.text = text
        self.date = date            # ISO day of the document: dated titles in turn labels
        self.official = official    # (actor, speaker) for official documents
        self.authors: set[str] = set()
        if official is not None:
            # names under which the author may refer to itself ("The Ministry welcomes …")
            self.authors = {official[1]}
            m = rules.resolve(official[1]) if official[1] else None
            if m is not None:
                self.authors.add(m.name)
        self._ing = False
        self._relative = False
        self.rows: list[tuple] = []  # (start, end, actor, speaker, cue, kind, sent_start, sent_end, conf)

    # ---------------------------------------------------------------- entry
    def run(self) -> list[tuple]:
        text = self.text
        if not text.strip():
            return []
        labels = self._labels()
        region_end = labels[0][0] if labels else len(text)
        if labels:
            # a transcript's preamble ends before its stage directions ("12:33 P.M. EDT")
            for s, e in reversed(turns.stage_directions(text, 0, region_end)):
                if not text[e:region_end].strip():
                    region_end = s
        region_start = self._headline_end(region_end)
        if region_start < region_end:
            self._article(region_start, region_end)
        for i, (ls, le, speaker, kind) in enumerate(labels):
            te = labels[i + 1][0] if i + 1 < len(labels) else len(text)
            self._turn(le, te, speaker, kind)
        return self.rows

    def _headline_end(self, limit: int) -> int:
        """Skip a headline: a short first line without final punctuation, followed by more text."""
        text = self.text
        m = _LINE.search(text)
        if not m or m.end() >= limit or "\n" not in text[m.end():limit]:
            return 0
        line = m.group()
        if len(line.split()) <= 30 and not _HEADLINE_END.search(line) and ":" not in line:
            return m.end()
        return 0

    # ---------------------------------------------------------------- transcripts
    def _labels(self) -> list[tuple[int, int, _Speaker, str]]:
        """Turn labels (:func:`stancemap.turns.find_turns`) as (label start, words start, speaker, kind)."""
        out = []
        for t in turns.find_turns(self.text, self._resolve_label, single=self.official is not None):
            span = (t.start, t.end)
            if t.role == "question":
                # a question is nobody's statement: kept apart as kind "question"
                out.append((t.start, t.body, _Speaker(UNATTRIBUTED, t.outlet or _label_name(t.label), "person",
                                                      span=span), "question"))
            elif t.member is not None:
                m = t.member
                out.append((t.start, t.body, _Speaker(m.actor, m.name, m.kind, span=span), "direct"))
            else:
                out.append((t.start, t.body, _Speaker(UNATTRIBUTED, _label_name(t.label), "person", span=span),
                            "direct"))
        return out

    def _resolve_label(self, label: str) -> Member | None:
        return self.r.resolve_label(label, self.date)

    def _turn(self, start: int, end: int, speaker: _Speaker, kind: str) -> None:
        text = self.text
        for ps, pe in turns.speech_spans(text, start, end):
            if pe - ps <= MAX_TURN_CHARS:
                self._add(ps, pe, speaker, "turn", kind, ps, pe, 0.9)
                continue
            chunk_s = chunk_e = None
            for s, e in fast_sentence_spans(text, ps, pe):
                if chunk_s is None:
                    chunk_s, chunk_e = s, e
                elif e - chunk_s > MAX_TURN_CHARS:
                    self._add(chunk_s, chunk_e, speaker, "turn", kind, chunk_s, chunk_e, 0.9)
                    chunk_s, chunk_e = s, e
                else:
                    chunk_e = e
            if chunk_s is not None:
                self._add(chunk_s, chunk_e, speaker, "turn", kind, chunk_s, chunk_e, 0.9)

    # ---------------------------------------------------------------- article rules
    def _article(self, rs: int, re_: int) -> None:
        text = self.text
        self.rs, self.re = rs, re_
        sents = fast_sentence_spans(text, rs, re_)
        if not sents:
            return
        self.sents = sents
        self.sent_starts = [s for s, _ in sents]
        self._quotes(rs, re_)
        # registry mentions outside quotes
        self.mentions: list[tuple[int, int, Member]] = []
        self.by_end: dict[int, tuple[int, Member]] = {}
        self.by_start: dict[int, tuple[int, Member]] = {}
        for m in self.r.mention_re.finditer(text, rs, re_):
            member = self.r.resolve(m.group())
            if member is None:
                continue
            s, e = m.start(), m.end()
            self.by_end[e] = (s, member)
            self.by_start.setdefault(s, (e, member))
            if not self._in_quote(s):
                self.mentions.append((s, e, member))
        self.mention_starts = [s for s, _, _ in self.mentions]

        atts: list[_Att] = []
        consumed: set[int] = set()
        cues = [(m.start(), m.end(), _SPACE_RUN.sub(" ", m.group()) if m.group()[0] != "A" else "according to")
                for m in _CUE_RE.finditer(text, rs, re_) if not self._in_quote(m.start())]
        cue_at = {s: (e, w) for s, e, w in cues}
        self.cue_starts = [c[0] for c in cues]
        self.cue_ends = [c[1] for c in cues]
        # 1. direct quotes
        self.direct_quotes: set[int] = set()
        for qi, q in enumerate(self.quotes):
            att = self._direct(qi, q, cues, consumed)
            if att is not None:
                atts.append(att)
                self.direct_quotes.add(qi)
        # 2. reported speech: find subjects first (their starts bound earlier contents)
        heads: list[tuple[int, int, int, str, _Subj]] = []   # (head, cue_s, cue_e, cue, subj)
        for s, e, w in cues:
            if s in consumed:
                continue
            if w == "according to":
                subj = self._np_forward(e, self._sent_end(s))
                if subj is not None:
                    heads.append((s, s, e, w, subj))
                continue
            subj = self._subject_before(s, w)
            if subj is None:
                subj = self._inverted(s, e, w)
            if subj is not None:
                heads.append((subj.start, s, e, w, subj))
        # institutional sources with a post-modifier: "The White House statement following the call omitted …"
        heads += self._doc_heads({h[1] for h in heads} | consumed, cue_at)
        heads.sort(key=lambda h: h[0])
        # a later attribution ends a content only at a clause boundary: "…, with Putin insisting",
        # "… and claimed", "…, which Moscow claimed"; not inside a that-clause ("said that X declared …")
        head_starts = sorted(h[0] for h in heads if h[4].kind == "elided" or self._boundary_before(h[0]))
        for head, cs, ce, w, subj in heads:
            att = self._reported(head, cs, ce, w, subj, head_starts)
            if att is not None:
                atts.append(att)
        # "… content. This was stated by X during …": the previous sentence is X's
        for m in _BY_PASSIVE.finditer(text, rs, re_):
            si = self._sent_idx(m.start())
            if si == 0 or self.sents[si][0] != m.start() or self.sents[si - 1][0] < rs:
                continue
            subj = self._np_forward(m.end(), self.sents[si][1])
            if subj is None or subj.kind == "pronoun":
                continue
            ps, pe = self._trim(*self.sents[si - 1])
            if self._in_quote(ps) or any(a.start <= ps < a.end for a in atts):
                continue
            pe = pe - 1 if text[pe - 1] in ".!" else pe
            atts.append(_Att(subj.start, subj, _SPACE_RUN.sub(" ", m.group("cue")) + " by", m.start("cue"),
                             m.end("cue"), self._kind(ps, pe), ps, pe, rule="passive-by"))
        # 3. quotes nobody claimed
        covered = sorted((a.start, a.end) for a in atts if a.rule not in _DIRECT_RULES)
        for qi, (qs, qe, cs_, ce_, closed) in enumerate(self.quotes):
            if qi in self.direct_quotes or self._covered(covered, qs, qe):
                continue
            words = len(text[cs_:ce_].split())
            if words < 4 and not re.search(r"[.!?]", text[cs_:ce_]):
                continue    # scare quotes / short fragments in the narrator's sentence
            s, e = self._trim(cs_, ce_)
            if e > s:
                atts.append(_Att(qs, None, "", qs, qs, "continuation", s, e, rule="continuation"))
        # 4. resolve speakers in reading order
        atts.sort(key=lambda a: (a.head, a.start))
        self.history: list[tuple[int, int, list[_Speaker]]] = []   # (pos, sentence index, speakers)
        done: list[_Att] = []
        for a in atts:
            self._resolve(a)
            if not a.speakers:
                continue
            self.history.append((a.head, self._sent_idx(a.head), a.speakers))
            done.append(a)
        claimed: list[tuple[int, int]] = []
        for a in done:
            if self.official is not None and (not all(sp.resolved for sp in a.speakers)
                                              or a.kind != "direct" and all(sp.name in self.authors
                                                                            for sp in a.speakers)):
                # in an official text an unresolvable "they said …" and the author's own "The Ministry
                # welcomes …" are the author's account: they stay official sentences
                continue
            kind = "direct" if a.kind == "continuation" else a.kind
            ss = self.sents[self._sent_idx(min(a.start, a.head))][0]
            se = self.sents[self._sent_idx(max(a.end - 1, a.cue_start, a.head))][1]
            for sp in a.speakers:
                self._add(a.start, a.end, sp, a.cue, kind, ss, se, a.confidence)
            claimed.append((min(a.start, a.head), max(a.end, a.cue_end)))
        # 5. official documents: the author's own sentences
        if self.official is not None:
            actor, name = self.official
            sp = _Speaker(actor, name, "institution")
            spans = sorted(claimed)
            for s, e in self.sents:
                if self._covered_any(spans, s, e):
                    continue
                self._add(s, e, sp, "", "official", s, e, 0.9)

    # ---------------------------------------------------------------- quotes
    def _quotes(self, rs: int, re_: int) -> None:
        """Quotation spans per paragraph: (open, close_end, content_start, content_end, closed)."""
        text = self.text
        quotes: list[tuple[int, int, int, int, bool]] = []
        for lm in _LINE.finditer(text, rs, re_):
            ps, pe = lm.start(), lm.end()
            open_d = open_s = None
            depth = 0
            for m in _QMARK.finditer(text, ps, pe):
                i = m.start()
                ch = text[i]
                prev = text[i - 1] if i > ps else " "
                nxt = text[i + 1] if i + 1 < pe else " "
                if ch in "“”\"":
                    if open_d is None:
                        if ch == "“" or (ch == '"' and (prev.isspace() or prev in _DOUBLE_OPENERS or i == ps
                                                        or not nxt.isspace())):
                            open_d, open_s = i, None
                    elif ch == "“" or (ch == '"' and (prev.isspace() or prev in _DOUBLE_OPENERS)
                                       and nxt.isalnum()):
                        if depth == 0 and _AFTER_SENTENCE.search(text, max(ps, i - 4), i):
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
                    if (ch == "‘" or ch == "'") and (prev.isspace() or prev in _DOUBLE_OPENERS or i == ps) \
                            and nxt.isalnum():
                        open_s = i
                elif ch in "’'" and not nxt.isalnum() and not prev.isspace():
                    quotes.append((open_s, i + 1, open_s + 1, i, True))
                    open_s = None
            if open_d is not None and pe - open_d > 1:
                quotes.append((open_d, pe, open_d + 1, pe, False))
        quotes.sort()
        self.quotes = quotes
        self.q_starts = [q[0] for q in quotes]

    def _in_quote(self, pos: int) -> bool:
        i = bisect.bisect_right(self.q_starts, pos) - 1
        return i >= 0 and self.quotes[i][0] < pos < self.quotes[i][1] - (1 if self.quotes[i][4] else 0)

    @staticmethod
    def _covered(spans: list[tuple[int, int]], s: int, e: int) -> bool:
        i = bisect.bisect_right(spans, (s, 10**12)) - 1
        while i >= 0:
            a, b = spans[i]
            if a <= s and e <= b + 1:
                return True
            if b < s - 2000:
                break
            i -= 1
        return False

    @staticmethod
    def _covered_any(spans: list[tuple[int, int]], s: int, e: int) -> bool:
        i = bisect.bisect_left(spans, (e, -1))
        while i > 0:
            i -= 1
            a, b = spans[i]
            if b > s and a < e:
                return True
            if b < s - 5000:
                break
        return False

    # ---------------------------------------------------------------- sentences
    def _sent_idx(self, pos: int) -> int:
        return max(0, bisect.bisect_right(self.sent_starts, pos) - 1)

    def _sent_end(self, pos: int) -> int:
        return self.sents[self._sent_idx(pos)][1]

    def _sent_start(self, pos: int) -> int:
        return self.sents[self._sent_idx(pos)][0]

    # ---------------------------------------------------------------- direct quotes
    def _direct(self, qi: int, q, cues, consumed: set[int]) -> _Att | None:
        text = self.text
        qs, qe, cs, ce, closed = q
        s, e = self._trim(cs, ce)
        if e <= s:
            return None
        # (a) attribution after the quote: “…,” he said / “…,” said X / “…” X told reporters
        if closed:
            inner_end = text[max(cs, ce - 2):ce]
            if not inner_end.rstrip().endswith("."):
                p = qe
                n = len(text) if p >= self.re else self.re
                while p < n and text[p] in " ,\t":
                    p += 1
                if p < n and text[p] in "-–—" and p + 1 < n and text[p + 1] == " ":
                    p += 2
                att = self._after(qe, p, s, e, cues, consumed)
                if att is not None:
                    return att
        # (b) attribution before: X said: “…” / X said, “…” / according to X, “…”
        ss = max(self._sent_start(qs), self.rs)
        prevq = bisect.bisect_left(self.q_starts, qs) - 1
        if prevq >= 0 and self.quotes[prevq][1] > ss:
            ss = self.quotes[prevq][1]
        before = text[ss:qs]
        if not before.strip():
            # "In a statement, the Ministry said:⏎“…”": the colon ends the previous sentence or line
            si = self._sent_idx(qs)
            if si == 0 or self.sents[si - 1][0] < self.rs or text[self.sents[si - 1][1] - 1] != ":":
                return None
            ss = self.sents[si - 1][0]
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
                subj = self._np_forward(cend, qs)
                if subj is None:
                    break
            else:
                subj = self._subject_before(cs_, w)
                if subj is None:
                    break
            consumed.add(cs_)
            return _Att(subj.start, subj, w, cs_, cend, "direct", s, e, rule="before")
        return None

    def _after(self, qe: int, p: int, s: int, e: int, cues, consumed) -> _Att | None:
        text = self.text
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
            subj = self._np_forward(cend, self._sent_end(cend))
            if subj is None:
                return None
            consumed.add(cs_)
            return _Att(subj.start, subj, w, cs_, cend, "direct", s, e, rule="after-inverted")
        subj = self._subject_before(cs_, w, lo=p)
        if subj is None or subj.kind == "elided" or subj.start != p:
            return None
        consumed.add(cs_)
        return _Att(subj.start, subj, w, cs_, cend, "direct", s, e, rule="after")

    # ---------------------------------------------------------------- subjects
    def _tokens(self, lo: int, hi: int) -> list[tuple[int, int, str]]:
        return [(m.start(), m.end(), m.group()) for m in _WORD.finditer(self.text, lo, hi)]

    def _subject_before(self, cue_start: int, cue: str, lo: int | None = None) -> _Subj | None:
        """The subject of the cue verb at ``cue_start``, looking back within its sentence."""
        ss = self._sent_start(cue_start)
        if lo is None:
            lo = max(ss, cue_start - 300)
        toks = self._tokens(lo, cue_start)
        form = CUES[cue][2]
        self._ing = form == "ing"
        k = len(toks) - 1
        if k >= 0 and toks[k][2].lower() in ("which", "that", "whom"):
            return None     # "the claims which said …": a relative clause about a thing
        saw_relative = False
        while k >= 0:
            w = toks[k][2]
            wl = w.lower()
            if wl in _SKIP:
                saw_relative = saw_relative or wl == "who"
                k -= 1
                if wl in _WEEKDAYS and k >= 0 and toks[k][2].lower() in ("on", "last"):
                    k -= 1      # "Scholz on Monday said"
                continue
            if w.islower() and wl.endswith("ly") and len(wl) > 4 and wl not in _NOT_ADVERB:
                k -= 1
                continue
            if wl in _BE:
                if form != "ing":
                    return None     # passive: "was told", "is said"
                k -= 1
                continue
            break
        if k < 0:
            return None
        w = toks[k][2]
        wl = w.lower()
        # elided subject: "… and claimed …", "…, adding that …"
        if wl in ("and", "but", "or", "then", "nor") or (form == "ing" and w in (",", "while", "before",
                                                                                 "after", "by")):
            if not (w == "," and saw_relative):
                if self._relative_between(ss, toks[k][0]) or cue in _HOMOGRAPHS and not (
                        bisect.bisect_left(self.cue_starts, toks[k][0]) > bisect.bisect_left(self.cue_starts, ss)):
                    return None     # "the accident that occurred … and claimed lives"; "demands and claims"
                return _Subj("elided", toks[k][0], toks[k][1], w)
        strong = cue in _HOMOGRAPHS
        if w == ",":
            # "Zelensky, speaking from Finland, said …" / "Putin, who …, said" / "Russia, however, said"
            if k - 1 >= 0:
                self._relative = saw_relative     # "talks with Oduya, who said …": Oduya speaks
                try:
                    subj = self._np_at(toks, k - 1, ss, strong)
                finally:
                    self._relative = False
                if subj is not None:
                    return subj
            commas = [j for j in range(k - 1, -1, -1) if toks[j][2] == ","][:3]
            for j in commas:
                if j - 1 < 0:
                    break
                if any(t[2] in "“”\"" for t in toks[j:k]):
                    break
                subj = self._np_at(toks, j - 1, ss, strong)
                if subj is not None:
                    return subj
            return None
        return self._np_at(toks, k, ss, strong)

    def _inverted(self, cs: int, ce: int, cue: str) -> _Subj | None:
        """"The talks were productive, said Quill.": a cue after a comma, its subject after it, then the end."""
        text = self.text
        if CUES[cue][1] == "object" or not text[max(self.rs, cs - 3):cs].rstrip().endswith(","):
            return None
        se = self._sent_end(cs)
        subj = self._np_forward(ce, se)
        if subj is None or subj.kind in ("pronoun",) or not re.fullmatch(r"[\s.!?…]*|,[^,;:]{0,60}[.!?…]?",
                                                                          text[subj.end:se]):
            return None
        return subj

    def _boundary_before(self, pos: int) -> bool:
        m = _PREV_TOKEN.search(self.text, max(self.rs, pos - 40), pos)
        return m is None or m.group(1).lower() in _CLAUSE_BREAKS

    def _relative_between(self, ss: int, conn: int) -> bool:
        """A relative clause between the last cue (or the sentence start) and an elided-subject connector."""
        i = bisect.bisect_left(self.cue_starts, conn) - 1
        lo = ss
        if i >= 0 and self.cue_starts[i] >= ss:
            lo = self.cue_ends[i]
            m = re.match(r"[^,;:.“”\"]{0,60}?\bthat\b", self.text[lo:conn])
            if m:
                lo += m.end()
        return re.search(r"\b(?:that|which|who|whom|whose|where)\b", self.text[lo:conn]) is not None

    def _np_at(self, toks, k: int, ss: int, strong: bool = False) -> _Subj | None:
        """A subject noun phrase ending with token ``k``; coordinated subjects are collected.

        ``strong``: the cue is also a noun ("states", "demands"), so only a clear subject counts.
        """
        subj = self._np_single(toks, k, ss)
        if subj is None:
            return None
        if strong and subj.kind in ("role", "generic", "office") or \
                strong and subj.kind == "name" and " " not in subj.text:
            return None
        if subj.kind not in ("mention", "name", "title", "role", "generic"):
            return subj
        parts = [subj]
        j = self._tok_index(toks, subj.start) - 1
        saw_and = False
        while j >= 1:
            link = toks[j][2].lower()
            if link in ("and", "&"):
                saw_and = True
            elif link != "," or not saw_and:     # "A, B and C said"
                break
            prev = self._np_single(toks, j - 1, ss)
            if prev is None or prev.kind not in ("mention", "name", "title"):
                break
            if link == "and" and prev.kind == "name" and parts[0].kind in ("name", "role") and \
                    _INSTITUTION_WORDS.search(self.text[parts[0].start:parts[0].end]):
                # "the National Security and Defense Council": one name, not two speakers
                merged = self._np_single(toks, j - 1, ss)
                parts[0] = _Subj("name", merged.start, parts[0].end, self.text[merged.start:parts[0].end])
                j = self._tok_index(toks, merged.start) - 1
                if j >= 0 and toks[j][2].lower() == "the":
                    parts[0] = _Subj("role", toks[j][0], parts[0].end, self.text[toks[j][0]:parts[0].end])
                saw_and = False
                continue
            parts.insert(0, prev)
            j = self._tok_index(toks, prev.start) - 1
        if len(parts) == 1:
            return subj
        if parts[-1].kind in ("role", "generic") and not self.text[parts[-1].start:parts[-1].end].split()[0] \
                .lower() in _POSSESSIVE:
            return subj     # "Quill and her ministers" yes; "the Ministry and analysts" stays one subject
        # "the leaders of Ukraine, Georgia and Moldova": the list is an object of a preposition
        if j >= 0 and toks[j][2].lower() in _PREPOSITIONS:
            head = self._np_single(toks, j - 1, ss) if j >= 1 else None
            if head is not None and head.kind in ("generic", "role", "title"):
                return _Subj("role", head.start, parts[-1].end, self.text[head.start:parts[-1].end])
            return None
        return _Subj("coord", parts[0].start, parts[-1].end, self.text[parts[0].start:parts[-1].end],
                     parts=parts)

    @staticmethod
    def _tok_index(toks, pos: int) -> int:
        lo, hi = 0, len(toks)
        while lo < hi:
            mid = (lo + hi) // 2
            if toks[mid][0] < pos:
                lo = mid + 1
            else:
                hi = mid
        return lo

    def _preceded_by_preposition(self, toks, start: int) -> bool:
        j = self._tok_index(toks, start) - 1
        if j < 0:
            return False
        w = toks[j][2].lower()
        if self._relative:
            return False
        # "with Putin insisting that …": an absolute clause, the noun is the subject of the -ing cue
        return w in _PREPOSITIONS and not (w == "with" and self._ing)

    def _np_single(self, toks, k: int, ss: int) -> _Subj | None:
        text = self.text
        ts, te, w = toks[k]
        wl = w.lower()
        # 1. a registry mention ending here
        hit = self.by_end.get(te)
        if hit is not None and hit[0] >= ss and not self._in_quote(hit[0]):
            start, member = hit
            chain = self._of_chain(toks, start)
            if chain is not None:
                return chain if chain.kind != "none" else None
            return _Subj("mention", start, te, text[start:te], member=member)
        # 2. personal pronouns
        if wl in _PRONOUNS:
            if self._preceded_by_preposition(toks, ts):
                return None
            return _Subj("pronoun", ts, te, w, ptype=_PRONOUNS[wl])
        # 3. documents, offices, unnamed roles: "<owner> statement", "Zelensky's office", "a spokesman"
        noun = wl
        if noun in ("release", "service") and k >= 1 and toks[k - 1][2].lower() == "press":
            noun = "press " + noun
        if noun in _DOC_NOUNS or noun in ("press release", "press service") or noun in _OFFICE_NOUNS \
                or noun in _ROLE_NOUNS:
            subj = self._owned_noun(toks, k, noun, ss)
            if subj is not None:
                return subj if subj.kind != "none" else None
        # 4. titles: "the President", "the Ukrainian Head of State"
        if wl in _TITLE_LAST:
            for back in (4, 3, 2, 1):
                if k - back < 0:
                    continue
                cand = text[toks[k - back][0]:te]
                if _TITLE_FULL.fullmatch(cand):
                    start = toks[k - back][0]
                    if self._preceded_by_preposition(toks, start):
                        # "the Adviser to the President": an unnamed role, not the President
                        chain = self._of_chain(toks, start, te)
                        return chain if chain is not None and chain.kind == "role" else None
                    return _Subj("title", start, te, cand, title=self._title_key(cand))
        # 5. unnamed opinion holders: "analysts", "Western diplomats", "many"
        if wl in _GENERIC and w.islower() or wl in _GENERIC and k == 0 or \
                wl in _GENERIC and k >= 1 and toks[k - 1][2].lower() in ("the", "many", "some", "most"):
            j = k - 1
            while j >= 0 and k - j <= 2 and toks[j][2][0].isalpha() and toks[j][2].lower() not in _PREPOSITIONS \
                    and toks[j][2].lower() not in _CONNECTORS and toks[j][2].lower() not in _SKIP \
                    and (toks[j][2].lower() not in stopwords() or toks[j][2].lower() in _QUANTIFIERS):
                j -= 1
            if j >= 0 and toks[j][2].lower() in _POSSESSIVE:
                j -= 1          # "her ministers"
            start = toks[j + 1][0]
            if self._preceded_by_preposition(toks, start):
                return None
            return _Subj("generic", start, te, text[start:te])
        # "the authors noted", "both sides stressed": a plural noun with a determiner is an unnamed group
        if w.islower() and len(wl) > 3 and wl.endswith("s") and not wl.endswith("ss") and wl not in stopwords() \
                and k >= 1 and toks[k - 1][2].lower() in _PLURAL_DETERMINERS:
            start = toks[k - 1][0]
            if not self._preceded_by_preposition(toks, start):
                return _Subj("generic", start, te, text[start:te])
        # 6. a capitalised name not in the registry: "Boris Johnson", "Prime Minister of Spain"
        if w[0].isupper() and w[0].isalpha():
            return self._name_run(toks, k, ss)
        return None

    def _of_chain(self, toks, start: int, end: int | None = None) -> _Subj | None:
        """A registry mention that is the object of a preposition: "the President of Ukraine" (a title
        with a group hint), "the adviser to the President of Ukraine", "a spokesman for the Kremlin"
        (unnamed roles), or "talks with Putin" (not a subject: kind "none"). None: no preposition."""
        text = self.text
        j = self._tok_index(toks, start) - 1
        if j >= 0 and toks[j][2].lower() == "the":
            j -= 1
        if j < 0 or toks[j][2].lower() not in _PREPOSITIONS:
            return None
        if toks[j][2].lower() == "with" and self._ing or self._relative:
            return None          # "with Putin insisting that …", "talks with Oduya, who said …"
        levels, heads, first = 0, [], None
        begin = None
        while j >= 0 and toks[j][2].lower() in _PREPOSITIONS and levels < 4:
            levels += 1
            j -= 1
            h_end = j
            while j >= 0 and h_end - j < 4 and toks[j][2][0].isalpha() and toks[j][2].lower() not in _PREPOSITIONS \
                    and toks[j][2].lower() not in _CONNECTORS and toks[j][2].lower() not in ("the", "a", "an", "one") \
                    and toks[j][2].lower() not in _SKIP and toks[j][2].lower() not in CUES:
                j -= 1
            head = [t[2] for t in toks[j + 1:h_end + 1]]
            if not head:
                return _Subj("none", start, start, "")
            heads.append(head)
            if j >= 0 and toks[j][2].lower() in ("the", "a", "an", "one"):
                j -= 1
            begin = toks[j + 1][0]
            if j >= 0 and toks[j][2].lower() == "of" and levels < 4:
                continue
            break
        last = heads[-1][-1].lower()
        mention_end = end if end is not None else (self.by_start[start][0] if start in self.by_start else start)
        phrase = text[begin:mention_end]
        if levels == 1 and last in _TITLE_LAST and len(heads[0]) <= 2 and \
                not re.match(r"(?i)an?\b", text[begin:begin + 3]):
            member = self.by_start[start][1] if start in self.by_start else None
            return _Subj("title", begin, mention_end, phrase, hint=member.actor if member else None,
                         title=self._title_key(" ".join(heads[-1])))
        if last in _ROLE_NOUNS or last in _GENERIC or last in _TITLE_LAST or last in _ROLE_HEADS \
                or last.endswith(("man", "woman", "person", "er", "or", "ist")) and heads[-1][-1].islower() \
                or heads[-1][-1][0].isupper() and len(heads[-1]) <= 3:
            if self._preceded_by_preposition(toks, begin):
                return _Subj("none", start, start, "")
            return _Subj("role", begin, mention_end, phrase)
        return _Subj("none", start, start, "")

    def _owned_noun(self, toks, k: int, noun: str, ss: int) -> _Subj | None:
        """"<owner> statement", "Zelensky's office", "a spokesman for X"; None if it does not apply,
        a subject of kind "none" if it applies but cannot be a speaker."""
        text = self.text
        ts, te, w = toks[k]
        j = k - (2 if " " in noun else 1)
        adj = 0
        sw = stopwords()
        while j >= 0 and adj < 3 and toks[j][2][0].isalpha() and toks[j][2].lower() not in sw \
                and toks[j][2].lower() not in _PREPOSITIONS and toks[j][2].lower() not in _POSSESSIVE \
                and (toks[j][2].islower() or noun in _ROLE_NOUNS) and self.by_end.get(toks[j][1]) is None \
                and not toks[j][2].endswith(("’s", "'s")):
            j -= 1
            adj += 1
        owner = None
        start = toks[j + 1][0] if j + 1 <= k else ts
        determiner = False
        if j >= 0:
            ow, owl = toks[j][2], toks[j][2].lower()
            if owl in _POSSESSIVE:
                owner = _Subj("pronoun", toks[j][0], toks[j][1], ow, ptype=_POSSESSIVE[owl])
                start = toks[j][0]
            elif ow.endswith(("’s", "'s")) and self.by_end.get(toks[j][1] - 2) is not None:
                ms, mem = self.by_end[toks[j][1] - 2]
                owner = _Subj("mention", ms, toks[j][1] - 2, text[ms:toks[j][1] - 2], member=mem)
                start = ms
            elif self.by_end.get(toks[j][1]) is not None:
                ms, mem = self.by_end[toks[j][1]]
                owner = _Subj("mention", ms, toks[j][1], text[ms:toks[j][1]], member=mem)
                start = ms
            elif owl in ("the", "a", "an", "one"):
                start = toks[j][0]
                determiner = True
            elif ow.endswith(("’s", "'s")) and ow[0].isupper():
                # "The President's wife", "the Governor's office": an owner outside the registry
                start = toks[j][0]
                if j >= 1 and toks[j - 1][2].lower() == "the":
                    start = toks[j - 1][0]
                if self._preceded_by_preposition(toks, start):
                    chain = self._of_chain(toks, start, te)     # "The Head of the President's Office"
                    return chain if chain is not None and chain.kind == "role" else _Subj("none", start, te, "")
                return _Subj("role", start, te, text[start:te])
        if self._preceded_by_preposition(toks, start):
            return _Subj("none", start, te, "")
        phrase = text[start:te]
        if noun in _ROLE_NOUNS:
            if owner is None and not determiner:
                if adj and toks[j + 1][2][0].isupper():
                    return _Subj("role", start, te, phrase)     # "UNICEF representatives"
                return None if noun in _GENERIC else _Subj("none", start, te, "")
            return _Subj("role", start, te, phrase)
        if noun in _OFFICE_NOUNS:
            return _Subj("office", start, te, phrase, owner=owner) if owner is not None else None
        if owner is None and not determiner:
            return None
        return _Subj("doc", start, te, phrase, owner=owner)

    def _name_run(self, toks, k: int, ss: int) -> _Subj | None:
        """A run of capitalised words (with particles: "Head of the Republic") ending at token ``k``."""
        text = self.text
        j = k
        while j - 1 >= 0:
            pw = toks[j - 1][2]
            if pw[0].isupper() and pw[0].isalpha():
                j -= 1
                continue
            # particles inside a name ("Prime Minister of the United Kingdom")
            p = j - 1
            while p >= 0 and (toks[p][2] in _PARTICLES or toks[p][2] in ("to", "for")):
                p -= 1
            if p >= 0 and p < j - 1 and toks[p][2][0].isupper() and toks[p][2][0].isalpha():
                j = p
                continue
            break
        sw = stopwords()
        the = None
        while j <= k and (toks[j][2].lower() in sw or toks[j][2].lower() in _LEADING_NAME_WORDS
                          or toks[j][2] in _PARTICLES):
            if the is None and toks[j][2].lower() == "the":
                the = j
            j += 1
        if j > k or toks[k][2].lower() in sw or toks[k][2].lower() in _LEADING_NAME_WORDS:
            return None
        if the is None and j >= 1 and toks[j - 1][2].lower() in ("the", "a", "an"):
            the = j - 1
        start = toks[j][0]
        if the is not None:
            # "The Governor said", "The First Lady stressed": an unnamed role, kept with its article
            start = toks[the][0]
            if self._preceded_by_preposition(toks, start):
                return None
            return _Subj("role", start, toks[k][1], text[start:toks[k][1]])
        if self._preceded_by_preposition(toks, start):
            return None
        name = text[start:toks[k][1]]
        if j == k:
            # a lone capitalised word is a surname only if the full name came earlier ("Boris Johnson")
            full = None
            for fm in re.finditer(r"((?:[A-Z][\w’'\-]+\s+){1,5})" + re.escape(name) + r"(?![\w\-])",
                                  text[self.rs:start]):
                words = fm.group(0).split()
                while words[:-1] and (words[0].lower() in sw or words[0].lower() in _LEADING_NAME_WORDS):
                    words = words[1:]
                if len(words) >= 2:
                    full = " ".join(words)
            if full is None:
                return None
            return _Subj("name", start, toks[k][1], _person_name(full)[0] if len(full.split()) > 2 else full)
        if j + 1 == k and toks[j][2].rstrip(".").lower() in ("mr", "mrs", "ms", "dr", "sir"):
            full = None
            for fm in re.finditer(r"((?:[A-Z][\w’'\-]+\s+){1,3})" + re.escape(toks[k][2]) + r"(?![\w\-])",
                                  text[self.rs:start]):
                words = fm.group(0).split()
                if len(words) >= 2 and words[-2].rstrip(".").lower() not in ("mr", "mrs", "ms", "dr", "sir"):
                    full = " ".join(words[-2:])
            if full is not None:
                return _Subj("name", start, toks[k][1], full)
        return _Subj("name", start, toks[k][1], name)

    @staticmethod
    def _title_key(phrase: str) -> str:
        p = _SPACE_RUN.sub(" ", phrase.casefold())
        for t in sorted(_TITLES, key=len, reverse=True):
            if t in p:
                return t
        return "leader"

    def _np_forward(self, p: int, limit: int) -> _Subj | None:
        """A subject noun phrase starting at ``p`` (after "said" or "according to")."""
        text = self.text
        while p < limit and text[p].isspace():
            p += 1
        if p >= limit:
            return None
        hit = self.by_start.get(p)
        if hit is not None:
            e, member = hit
            return _Subj("mention", p, e, text[p:e], member=member)
        m = _TITLE_FWD.match(text, p, limit)
        if m:
            hint = None
            if m.group("of"):
                inner = [x for x in self.r.mention_re.finditer(m.group("of"))]
                if inner:
                    mem = self.r.resolve(inner[0].group())
                    hint = mem.actor if mem else None
                else:
                    return _Subj("role", p, m.end(), m.group())   # president of a country not in the registry
            return _Subj("title", p, m.end(), m.group(), hint=hint, title=self._title_key(m.group("title")))
        m = _DOC_FWD.match(text, p, limit)
        if m:
            owner = None
            if m.group("poss"):
                owner = _Subj("pronoun", m.start("poss"), m.end("poss"), m.group("poss"),
                              ptype=_POSSESSIVE[m.group("poss").lower()])
            else:
                hit = self.by_start.get(m.end())
                if hit is not None and m.group(0).rstrip() != m.group(0):
                    owner = _Subj("mention", m.end(), hit[0], text[m.end():hit[0]], member=hit[1])
            end = owner.end if owner is not None and owner.kind == "mention" else m.end()
            return _Subj("doc", p, end, text[p:end].strip(), owner=owner)
        m = _ROLE_FWD.match(text, p, limit)
        if m:
            return _Subj("role", p, m.end(), m.group())
        m = _THE_CAPS_FWD.match(text, p, limit)
        if m:
            return _Subj("role", p, m.end(), m.group())      # "the Deputy Prime Minister", "the Press Secretary"
        m = _PRONOUN_FWD.match(text, p, limit)
        if m:
            w = m.group().lower()
            ptype = {"him": "person", "her": "person", "them": "group"}.get(w) or _PRONOUNS[w]
            return _Subj("pronoun", p, m.end(), m.group(), ptype=ptype)
        m = _GENERIC_FWD.match(text, p, limit)
        if m and m.end() - p < 40:
            return _Subj("generic", p, m.end(), m.group())
        m = _NAME_FWD.match(text, p, limit)
        if m:
            toks = m.group().split()
            sw = stopwords()
            if toks[0].lower() not in sw:
                return _Subj("name", p, m.end(), m.group())
        return None

    # ---------------------------------------------------------------- institutional sources
    def _doc_heads(self, used: set[int], cue_at: dict[int, tuple[int, str]]):
        """ "The White House statement following the call omitted …": a document noun as the subject of the
        first cue (or document verb) after it, when that verb has no subject of its own."""
        text = self.text
        out = []
        for m in _DOCNOUN_RE.finditer(text, self.rs, self.re):
            if self._in_quote(m.start()):
                continue
            se = self._sent_end(m.start())
            toks = self._tokens(self._sent_start(m.start()), m.end())
            if not toks:
                continue
            subj = self._np_single(toks, len(toks) - 1, self._sent_start(m.start()))
            if subj is None or subj.kind != "doc" or subj.owner is None:
                continue
            for vm in re.finditer(r"[a-z]+(?: (?:for|on|out|clear))?", text[m.end():min(se, m.end() + 120)]):
                v = vm.group()
                pos = m.end() + vm.start()
                if pos in used:
                    break
                if v in CUES or v.split()[0] in _DOC_VERBS:
                    if v not in CUES:
                        v = v.split()[0]
                    out.append((subj.start, pos, pos + len(v), v, subj))
                    used.add(pos)
                    break
        return out

    # ---------------------------------------------------------------- reported speech content
    def _reported(self, head: int, cs: int, ce: int, cue: str, subj: _Subj, head_starts: list[int]) -> _Att | None:
        text = self.text
        si = self._sent_idx(cs)
        s_start, s_end = self.sents[si]
        s_end = min(s_end, self.re)
        lemma, cls, _ = CUES.get(cue, (cue, "that", "past"))
        if cue == "according to":
            # "According to X, content." or "Content, according to X."
            before = text[s_start:cs].strip(" ,")
            after = text[subj.end:s_end]
            if len(before.split()) >= 3 and not (after.startswith(",") and len(after.split()) > len(before.split())):
                start, end = s_start, cs
            else:
                start = subj.end
                end = s_end
                nxt = bisect.bisect_right(head_starts, start)
                if nxt < len(head_starts) and head_starts[nxt] < end:
                    end = head_starts[nxt]
            start, end = self._strip(start, end)
            if len(text[start:end].split()) < 2:
                return None
            return _Att(head, subj, cue, cs, ce, self._kind(start, end), start, end, rule="according")
        start = ce
        if subj.kind in ("name",) and subj.start > ce:
            start = subj.end
        # skip "that" (and, for tell-verbs, the person told) when it comes within a few words
        window = text[start:min(s_end, start + 80)]
        tm = _THAT.search(window)
        if tm and cls in ("that", "tell"):
            gap = window[:tm.start()]
            gap_words = gap.split()
            ok = not re.search(r"[,;:.“”\"—–]", gap) and (
                not gap_words or (cls == "tell" and len(gap_words) <= 5)
                or _ADJUNCT.match(gap_words[0]) is not None and len(gap_words) <= 7)
            if ok:
                start = start + tm.end()
        end = s_end
        # the next attribution in the sentence ends this content
        nxt = bisect.bisect_right(head_starts, start)
        if nxt < len(head_starts) and head_starts[nxt] < end:
            end = head_starts[nxt]
        # a direct quote with its own attribution ends it too
        qi = bisect.bisect_left(self.q_starts, start)
        while qi < len(self.quotes) and self.quotes[qi][0] < end:
            if qi in self.direct_quotes:
                end = self.quotes[qi][0]
                break
            qi += 1
        end = self._clause_end(start, end)
        start, end = self._strip(start, end)
        content = text[start:end]
        words = content.split()
        if subj.start > ce or len(words) < 2 or (_ADJUNCT.match(content) and len(words) <= 6):
            # post-posed: "The talks were productive, Quill said." / "…, said Quill."
            head_at = min(subj.start, cs)
            lead = text[s_start:head_at].rstrip()
            if lead.endswith(",") and len(lead.split()) >= 3 and (subj.start > ce or re.fullmatch(
                    r"[\s.!?…]*|(?:on|in|at|to|via|during|after|before|from|late|earlier|later)\b[^,;:]{0,50}[.!?…]?",
                    text[end:s_end] if end > start else text[ce:s_end])):
                ps, pe = self._strip(s_start, len(lead) + s_start - 1)
                if not any(self.quotes[i][0] < pe and self.quotes[i][1] > ps
                           for i in self.direct_quotes):
                    return _Att(head, subj, cue, cs, ce, self._kind(ps, pe), ps, pe, rule="post-posed")
            if subj.start > ce:
                return None
        bare = content.strip("“”\"‘’' .,;:")
        if not bare:
            return None
        if len(words) < 2 and not (len(words) == 1 and content[:1] in "“\"‘" and bare):
            # one word is content only if it is a noun-like word: "claimed victory", not "said so"
            if not (len(words) == 1 and words[0].isalpha() and words[0].lower() not in stopwords()):
                return None
        if cls != "object" and lemma in ("say", "tell", "add", "write", "tweet", "post", "report", "explain",
                                         "state", "announce", "reply", "respond", "answer", "comment",
                                         "remark", "speak", "note") \
                and _ADJUNCT.match(content) and len(words) <= 6 and "that" not in words:
            return None     # "he wrote on Truth Social": a channel, not content
        return _Att(head, subj, cue, cs, ce, self._kind(start, end), start, end, rule="reported")

    def _clause_end(self, start: int, end: int) -> int:
        """Cut content at a semicolon, ", while", ", whereas" or a dash that starts the narrator's gloss."""
        text = self.text
        for m in re.finditer(r";|,\s+(?:while|whereas)\b|\s+[–-]\s+|—|--", text[start:end]):
            pos = start + m.start()
            if self._in_quote(pos):
                continue
            if m.group().strip(" ") in ("—", "–", "-", "--"):
                nxt = re.match(r"\s*([A-Za-z]+)", text[start + m.end():end])
                word = nxt.group(1).lower() if nxt else ""
                if nxt and (len(word) > 4 and word.endswith(("ing", "ed")) and word not in _ING_NOUNS
                            or word in _DASH_CONTINUE):
                    continue
            return pos
        return end

    def _trim(self, start: int, end: int) -> tuple[int, int]:
        """Trim whitespace only (quoted words keep their own punctuation)."""
        text = self.text
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        return start, end

    def _strip(self, start: int, end: int) -> tuple[int, int]:
        """Trim whitespace, leading punctuation and trailing punctuation/connectors from a span."""
        text = self.text
        while True:
            while start < end and (text[start].isspace() or text[start] in ",:;—–-"):
                start += 1
            while end > start and (text[end - 1].isspace() or text[end - 1] in ",;:.—–-"):
                end -= 1
            m = re.search(r"(?:^|\s)([A-Za-z]+)$", text[max(start, end - 12):end])
            if m and m.group(1).lower() in _CONNECTORS and end - len(m.group(1)) > start:
                end -= len(m.group(1))
                continue
            break
        return start, end

    def _kind(self, start: int, end: int) -> str:
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

    # ---------------------------------------------------------------- resolution
    def _resolve(self, a: _Att) -> None:
        direct = a.kind == "direct"
        if a.kind == "continuation":
            sp = self._continuation(a.head)
            if sp:
                a.speakers, a.confidence = sp, 0.6
            else:
                a.speakers, a.confidence = [_Speaker(UNATTRIBUTED, "", "unknown", False)], 0.5
            return
        subj = a.subj
        parts = subj.parts if subj.kind == "coord" else [subj]
        speakers: list[_Speaker] = []
        conf = []
        for p in parts:
            # "“… several sentences …,” he said": the antecedent comes before the quotation
            anchor = a.start - 1 if a.rule in ("after", "after-inverted") and p.kind == "pronoun" else a.head
            sp, c = self._resolve_subj(p, anchor)
            speakers.extend(x if p.kind == "elided" else replace(x, span=(p.start, p.end)) for x in sp)
            conf.append(c)
        # de-duplicate (e.g. "Putin and the Russian leader")
        seen, uniq = set(), []
        for sp in speakers:
            if (sp.actor, sp.name) not in seen:
                seen.add((sp.actor, sp.name))
                uniq.append(sp)
        a.speakers = uniq
        # confidence: the subject's resolution (0.95 named … 0.5 unresolved), less for reported speech,
        # whose content boundaries are a guess, than for quotation marks
        c = min(conf) if conf else 0.5
        a.confidence = round(c if direct and a.rule in _DIRECT_RULES else c - 0.1, 2)
        if a.kind == "direct" and a.rule not in _DIRECT_RULES:
            # “content” quoted as the whole content of a reported-speech cue: the span is inside the marks
            s_, e_ = self._trim(a.start + 1, a.end - 1 if self.text[a.end - 1] in "”\"’'" else a.end)
            if e_ > s_:
                a.start, a.end = s_, e_

    def _resolve_subj(self, s: _Subj, pos: int) -> tuple[list[_Speaker], float]:
        if s.kind == "mention":
            return [self._member(s.member)], 0.95
        if s.kind == "pronoun":
            sp = self._pronoun(s.ptype, pos)
            return (sp, 0.8) if sp else ([_Speaker(UNATTRIBUTED, s.text, "unknown", False)], 0.5)
        if s.kind in ("doc", "office"):
            if s.owner is None:
                # "The Palace released a readout saying …": the institution named just before
                sp = self._recent(pos, "institution", 1) or self._recent_mention(pos, "institution", 1)
                return (sp, 0.7) if sp else ([_Speaker(UNATTRIBUTED, s.text, "unknown", False)], 0.5)
            sp, c = self._resolve_subj(s.owner, pos)
            if s.kind == "office" and sp and sp[0].actor != UNATTRIBUTED:
                sp = [_Speaker(x.actor, f"{x.name}’s {s.text.split()[-1]}", "institution", x.resolved) for x in sp]
            return sp, min(c, 0.85)
        if s.kind == "title":
            m = self._title(s.title, s.hint, pos)
            if m is not None:
                return [self._member(m)], 0.8
            return [_Speaker(UNATTRIBUTED, s.text, "person")], 0.6
        if s.kind == "elided":
            sp = self._same_sentence(pos)
            return (sp, 0.85) if sp else ([_Speaker(UNATTRIBUTED, "", "unknown", False)], 0.5)
        if s.kind in ("role", "generic"):
            return [_Speaker(UNATTRIBUTED, s.text, "person" if s.kind == "role" else "generic")], 0.85
        if s.kind == "name":
            member = self.r.resolve(s.text)
            if member is not None:
                return [self._member(member)], 0.95
            name, kind = _person_name(s.text)
            member = self.r.resolve(name)
            if member is not None:
                return [self._member(member)], 0.9
            return [_Speaker(UNATTRIBUTED, name, kind)], 0.9
        return [_Speaker(UNATTRIBUTED, s.text, "unknown", False)], 0.5

    @staticmethod
    def _member(m: Member) -> _Speaker:
        return _Speaker(m.actor, m.name, m.kind)

    def _fits(self, sp: _Speaker, ptype: str) -> bool:
        if ptype == "any":
            return True
        if ptype == "group":
            return sp.kind in ("group", "generic")
        return sp.kind == ptype

    def _recent(self, pos: int, ptype: str, back: int) -> list[_Speaker] | None:
        """Speakers of the latest statement before ``pos`` within ``back`` sentences, of the right kind."""
        si = self._sent_idx(pos)
        for hpos, hsi, sps in reversed(self.history):
            if hpos >= pos:
                continue
            if si - hsi > back:
                break
            if ptype == "group" and len(sps) > 1:
                return sps
            if len(sps) == 1 and sps[0].resolved and self._fits(sps[0], ptype):
                return sps
        return None

    def _same_sentence(self, pos: int) -> list[_Speaker] | None:
        si = self._sent_idx(pos)
        for hpos, hsi, sps in reversed(self.history):
            if hpos >= pos:
                continue
            if hsi != si:
                break
            return sps
        subj = self._sentence_subject(si, before=pos)
        return [subj] if subj is not None else None

    def _sentence_subject(self, si: int, before: int | None = None) -> _Speaker | None:
        """The registry mention that opens sentence ``si`` (its grammatical subject, roughly)."""
        s, e = self.sents[si]
        i = bisect.bisect_left(self.mention_starts, s)
        if i >= len(self.mentions):
            return None
        ms, me, member = self.mentions[i]
        if ms >= e or (before is not None and ms >= before) or ms - s > 45:
            return None
        text = self.text
        if text[me:me + 2] in ("’s", "'s") or text[me:me + 1] in "’'":
            return None
        prefix = text[s:ms]
        pw = prefix.split()
        if pw and pw[-1].lower() in _PREPOSITIONS:
            return None
        if "," not in prefix and len(pw) > 3:
            return None
        return self._member(member)

    def _pronoun(self, ptype: str, pos: int) -> list[_Speaker] | None:
        si = self._sent_idx(pos)
        # 1. an earlier statement in the same sentence
        for hpos, hsi, sps in reversed(self.history):
            if hpos >= pos:
                continue
            if hsi != si:
                break
            if ptype == "group" and len(sps) > 1 or len(sps) == 1 and self._fits(sps[0], ptype):
                return sps
        if ptype == "group":
            return self._recent(pos, "group", 2)
        # 2. the previous sentence: its (last) speaker, else its subject
        if si >= 1:
            for hpos, hsi, sps in reversed(self.history):
                if hsi < si - 1:
                    break
                if hsi == si - 1 and len(sps) == 1 and sps[0].resolved and self._fits(sps[0], ptype):
                    return sps
            subj = self._sentence_subject(si - 1)
            if subj is not None and self._fits(subj, ptype):
                return [subj]
        # 3. a recent speaker, then a recent mention
        sp = self._recent(pos, ptype, 3)
        if sp:
            return sp
        i = bisect.bisect_left(self.mention_starts, pos) - 1
        lo = self.sents[max(0, si - 2)][0]
        while i >= 0 and self.mentions[i][0] >= lo:
            member = self.mentions[i][2]
            if member.kind == ptype:
                return [self._member(member)]
            i -= 1
        return None

    def _recent_mention(self, pos: int, kind: str, back: int) -> list[_Speaker] | None:
        """The latest registry mention of ``kind`` before ``pos`` within ``back`` sentences."""
        si = self._sent_idx(pos)
        lo = self.sents[max(0, si - back)][0]
        i = bisect.bisect_left(self.mention_starts, pos) - 1
        while i >= 0 and self.mentions[i][0] >= lo:
            member = self.mentions[i][2]
            if member.kind == kind:
                return [self._member(member)]
            i -= 1
        return None

    def _title(self, title: str, hint: str | None, pos: int) -> Member | None:
        cands = self.r.title_members.get(title, [])
        if hint is not None:
            cands = [m for m in cands if m.actor == hint]
        if not cands:
            return None
        names = {id(m) for m in cands}
        i = bisect.bisect_left(self.mention_starts, pos) - 1
        while i >= 0:
            member = self.mentions[i][2]
            if id(member) in names:
                return member
            i -= 1
        for hpos, hsi, sps in reversed(self.history):
            for sp in sps:
                for m in cands:
                    if m.name == sp.name:
                        return m
        if hint is not None and len(cands) == 1:
            return cands[0]
        return None

    def _continuation(self, pos: int) -> list[_Speaker] | None:
        """Speaker of a quote without attribution: the latest speaker within two sentences."""
        si = self._sent_idx(pos)
        for hpos, hsi, sps in reversed(self.history):
            if hpos >= pos:
                continue
            if si - hsi > 2:
                break
            if all(sp.resolved and sp.kind != "generic" for sp in sps):
                return sps
        return None

    # ---------------------------------------------------------------- output
    def _add(self, start: int, end: int, sp: _Speaker, cue: str, kind: str, ss: int, se: int, conf: float):
        self.rows.append((start, end, sp.actor, sp.name, cue, kind, ss, se, float(conf), *sp.span))


# --------------------------------------------------------------------------- public API

def _label_name(label: str) -> str:
    """A transcript label as a name: "President of Belarus Alexander Lukashenko" → "Alexander Lukashenko";
    scraped tooltips ("Defence Minister Sergei Shoigu Shoigu SergeiDefence Minister") are cut at the repeat."""
    toks = label.split()
    for i in range(len(toks) - 1):
        if toks[i] == toks[i + 1]:
            toks = toks[:i + 1]
            break
    if len(toks) <= 1 or toks[0].casefold() in _ROLE_LABELS:
        return " ".join(toks)
    return _person_name(" ".join(toks))[0]


def _person_name(run: str) -> tuple[str, str]:
    """"Prime Minister of Ukraine Denys Shmyhal" → ("Denys Shmyhal", "person"); institutions stay whole."""
    toks = run.split()
    if len(toks) >= 3 and (_PERSON_TITLE_WORDS.search(run) or _INSTITUTION_WORDS.search(run)):
        tail: list[str] = []
        for t in reversed(toks):
            if t in _PARTICLES or not t[0].isupper() or _PERSON_TITLE_WORDS.fullmatch(t) \
                    or _INSTITUTION_WORDS.fullmatch(t) or len(tail) == 3:
                break
            tail.insert(0, t)
        if len(tail) == 3 and len(toks) > 3 and (toks[-4] in _PARTICLES or toks[-4] == "and"):
            tail = tail[1:]     # "… of Ukraine Oleksandr Kubrakov", "… and Trade Denis Manturov": a place or field
        if len(tail) >= 2 and len(tail) < len(toks):
            return " ".join(tail), "person"
    kind = "institution" if _INSTITUTION_WORDS.search(run) and not _PERSON_TITLE_WORDS.search(run) else "person"
    return _SPACE_RUN.sub(" ", run), kind


_ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


def _day(date: str) -> str | None:
    """The ISO day a document's ``date`` starts with ("2025-03-13T12:33:00Z" → "2025-03-13"), or None."""
    m = _ISO_DAY.match(date.strip())
    return m.group() if m else None


def _statement_id(doc_id: str, start: int, end: int, speaker: str) -> str:
    return hashlib.blake2b(f"{doc_id}\x1f{start}\x1f{end}\x1f{speaker}".encode("utf-8"), digest_size=6).hexdigest()


def _as_documents(documents) -> pd.DataFrame:
    if isinstance(documents, pd.DataFrame):
        require_columns(documents, ["doc_id", "text"], "documents table",
                        "Load documents with stancemap.corpus.load(), or pass a table with 'doc_id' and 'text'.")
        return documents
    if isinstance(documents, (str, Path)) or (isinstance(documents, (list, tuple)) and documents
                                              and all(isinstance(p, (str, Path)) for p in documents)):
        from . import corpus   # lazy: corpus depends on optional parsers
        return corpus.load(documents)
    raise StancemapError(
        f"extract() needs a documents table (pandas DataFrame with 'doc_id' and 'text') or file/folder path(s), "
        f"got {type(documents).__name__}. Load files with stancemap.corpus.load(paths).")


def extract(documents, actors=None, *, progress: bool = False, speaker_spans: bool = False,
            n_jobs: int = 1, _stacklevel: int = 2) -> pd.DataFrame:
    """Extract attributed statements from documents.

    ``documents``: a documents table (``schema.DOCUMENT_COLUMNS``; at least
    ``doc_id`` and ``text``, missing provenance columns count as "") or file /
    folder path(s), loaded with :func:`stancemap.corpus.load`. ``actors``: a
    registry path, an :class:`~stancemap.actors.ActorRegistry`, or ``None``
    for the bundled ``corpora/actors.yaml``.

    Returns a new statements table (``schema.STATEMENT_COLUMNS``) sorted by
    ``doc_id`` and ``char_start``; spans refer to each document's ``text``.
    ``raw_start``/``raw_end`` give the same span in the document's ``raw_text``
    and ``source_text`` its characters exactly as there (straight quotes, hard
    wraps and all: :func:`stancemap.clean.clean_text_map`); a table without
    ``raw_text`` counts ``text`` as raw. Statements whose speaker is not in the
    registry are kept with ``actor = "unattributed"`` and counted in a warning.

    ``speaker_spans=True`` adds ``speaker_start``/``speaker_end``: where the
    speaker is named in the text (subject, pronoun or transcript label; -1 for
    official sentences and quotes continuing an earlier speaker), for
    evaluation against source-span annotations such as PolNeAR.

    ``n_jobs``: processes (joblib; -1 = every CPU) that share the documents, in
    blocks of :data:`DOCS_PER_JOB`; the table is the same.
    """
    docs = _as_documents(documents)
    if actors is not None and not isinstance(actors, (str, Path, ActorRegistry)):
        raise StancemapError(f"actors must be a registry YAML path, an ActorRegistry or None (the bundled "
                             f"corpora/actors.yaml), got {type(actors).__name__}.")
    registry = load_actors(actors)
    jobs = check_jobs(n_jobs)
    if jobs > 1 and len(docs) > DOCS_PER_JOB:
        from joblib import Parallel, delayed

        blocks = [docs.iloc[i:i + DOCS_PER_JOB] for i in range(0, len(docs), DOCS_PER_JOB)]
        parts = Parallel(n_jobs=min(jobs, len(blocks)))(
            delayed(_extract_block)(b, registry, speaker_spans) for b in blocks)
        return _finish(pd.concat(parts, ignore_index=True), _stacklevel + 1)
    rules = _rules(registry)
    cols = {c: (docs[c] if c in docs.columns else None) for c in DOCUMENT_COLUMNS}
    n = len(docs)

    def col(name: str) -> list[str]:
        c = cols.get(name)
        return [""] * n if c is None else text_values(c)

    doc_ids, texts = col("doc_id"), text_values(docs["text"])
    raws = col("raw_text")
    kinds, doc_actors, doc_speakers = col("doc_kind"), col("doc_actor"), col("doc_speaker")
    prov = {c: col(c) for c in PROVENANCE_COLUMNS}
    it = range(n)
    if progress:
        from tqdm.auto import tqdm
        it = tqdm(it, total=n, desc="extract", unit="doc")
    columns = STATEMENT_COLUMNS + (["speaker_start", "speaker_end"] if speaker_spans else [])
    out: dict[str, list] = {c: [] for c in columns}
    for i in it:
        text = texts[i]
        official = None
        if kinds[i].strip().lower() == "official":
            actor, speaker = doc_actors[i].strip(), doc_speakers[i].strip()
            if not actor and speaker:
                m = registry.resolve(speaker)
                actor = m.actor if m else UNATTRIBUTED
            official = (actor or UNATTRIBUTED, speaker or actor or "")
        rows = _Doc(rules, text, official, _day(prov["date"][i])).run()
        did = doc_ids[i]
        raw = raws[i] or text
        spans = _raw_spans(text, raw, [(r[0], r[1]) for r in rows]) if rows else []
        for (start, end, actor, speaker, cue, kind, ss, se, conf, sp_s, sp_e), (rs, re_) in zip(rows, spans):
            if speaker_spans:
                out["speaker_start"].append(sp_s)
                out["speaker_end"].append(sp_e)
            out["statement_id"].append(_statement_id(did, start, end, speaker))
            out["doc_id"].append(did)
            out["actor"].append(actor)
            out["speaker"].append(speaker)
            out["cue"].append(cue)
            out["kind"].append(kind)
            out["text"].append(text[start:end])
            out["char_start"].append(start)
            out["char_end"].append(end)
            out["raw_start"].append(rs)
            out["raw_end"].append(re_)
            out["source_text"].append(raw[rs:re_] if rs >= 0 else "")
            out["sentence"].append(text[ss:se])
            for c in PROVENANCE_COLUMNS:
                out[c].append(prov[c][i])
            out["extractor"].append(EXTRACTOR)
            out["confidence"].append(conf)
    df = pd.DataFrame(out, columns=columns)
    ints = [*_INT_COLUMNS, *(["speaker_start", "speaker_end"] if speaker_spans else [])]
    df = df.astype({**{c: "int64" for c in ints}, "confidence": "float64"})
    for c in STATEMENT_COLUMNS:
        if c not in (*_INT_COLUMNS, "confidence"):
            df[c] = df[c].astype(object)
    return _finish(df, _stacklevel + 1)


_INT_COLUMNS = ("char_start", "char_end", "raw_start", "raw_end")
#: Characters :func:`stancemap.clean.clean_text` never leaves in a text.
_NOT_CLEANED = re.compile("[\"'`\t\r\u00a0\u200b\u00ad]")
_QUOTE_MARKS = "\"'`“”‘’„‚«»‹›″′"
_DASHES = "-—–―"
#: Characters a cleaning may change, join or drop: spaces, quotation marks, dashes, invisible ones.
_LOOSE = np.array(sorted({ord(c) for c in _QUOTE_MARKS + _DASHES + "\u200b\u200c\u200d\u200e\u200f\u00ad\ufeff\u2060"}
                         | {i for i in range(0x3001) if chr(i).isspace()}), dtype=np.uint32)


def _firm(text: str) -> tuple[str, np.ndarray]:
    """``text`` without the characters of :data:`_LOOSE`, and where each kept one was."""
    codes = np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
    where = np.flatnonzero(~np.isin(codes, _LOOSE))
    return codes[where].tobytes().decode("utf-32-le", "surrogatepass"), where


def _raw_spans(text: str, raw: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Each span of ``text`` in ``raw`` (the document's raw_text), or (-1, -1) when not found.

    The exact way back when ``text`` is ``clean_text(raw)`` (:func:`stancemap.clean.clean_text_map`);
    otherwise (a text cleaned another way, e.g. the public datasets' ``repair_text``) the
    span is looked up in ``raw`` with runs of spaces, quotation marks and dashes compared
    loosely, the k-th occurrence in ``text`` for the k-th in ``raw``.
    """
    if raw == text:
        return list(spans)
    if not _NOT_CLEANED.search(text):
        m = clean_text_map(raw)
        if m.text == text:
            return [m.raw_span(s, e) for s, e in spans]
    ftext, twhere = _firm(text)
    fraw, rwhere = _firm(raw)
    loose = set(_QUOTE_MARKS + _DASHES)
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
        head = len(lead) - len(lead.lstrip(_QUOTE_MARKS + _DASHES))
        tail = len(lead) - len(lead.rstrip(_QUOTE_MARKS + _DASHES))
        for _ in range(2 * head):
            if rs > 0 and raw[rs - 1] in loose:
                rs -= 1
        for _ in range(2 * tail):
            if re_ < len(raw) and raw[re_] in loose:
                re_ += 1
        out.append((rs, re_))
    return out


#: Documents per block when ``extract(..., n_jobs>1)`` shares the work between processes.
DOCS_PER_JOB = 200


def _extract_block(docs: pd.DataFrame, registry, speaker_spans: bool) -> pd.DataFrame:
    """One block of documents, in a worker process (its warning is given once, by the caller)."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", LossyStepWarning)
        return extract(docs, registry, speaker_spans=speaker_spans)


def _finish(df: pd.DataFrame, stacklevel: int) -> pd.DataFrame:
    """Sort by document and span, drop repeated statements, warn about the unattributed."""
    df = df.sort_values(["doc_id", "char_start", "char_end", "actor", "speaker"], kind="stable")
    df = df.drop_duplicates(["statement_id"]).reset_index(drop=True)
    lost = int((df["raw_start"] < 0).sum()) if "raw_start" in df.columns else 0
    if lost:
        warnings.warn(f"{lost} of {len(df)} statements could not be traced back to their document's raw_text; "
                      "their raw_start/raw_end are -1 and source_text is empty (char_start/char_end in text "
                      "still hold).", LossyStepWarning, stacklevel=stacklevel)
    n_un = int((df["actor"] == UNATTRIBUTED).sum())
    if n_un:
        warnings.warn(f"{n_un} of {len(df)} statements had no attributable speaker; kept as "
                      f"actor='{UNATTRIBUTED}'", LossyStepWarning, stacklevel=stacklevel)
    return df


def extract_text(text: str, actors=None, doc_id: str = "doc", *, doc_kind: str = "article",
                 doc_actor: str = "", doc_speaker: str = "", date: str = "") -> pd.DataFrame:
    """Statements of one text (spans refer to ``text`` exactly as given; clean it first if needed).
    ``date`` (``YYYY-MM-DD``) resolves dated titles in transcript labels (``THE PRESIDENT:``)."""
    if not isinstance(text, str):
        raise StancemapError(f"extract_text expects a string, got {type(text).__name__}.")
    docs = pd.DataFrame([{"doc_id": doc_id, "text": text, "doc_kind": doc_kind, "doc_actor": doc_actor,
                          "doc_speaker": doc_speaker, "date": date}])
    return extract(docs, actors, _stacklevel=3)


from ._callable import make_callable  # noqa: E402

make_callable(__name__, "extract")
