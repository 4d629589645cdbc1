"""Speakers: a subject resolved to a person — a registry member by name or alias, a title ("the
Southland premier", "the President of Northland": the latest mention of a member holding it), a
pronoun to the nearest compatible speaker or mention (he/she → person, it → institution, they →
several), an institution's document or office to its owner; unnamed roles and people missing
from the registry keep their words with ``actor = "unattributed"``.

``history`` holds the statements resolved so far, in reading order: (head position, sentence
index, speakers). :func:`resolve_all` builds it; every other function only reads it.
"""
from __future__ import annotations

import bisect
import re
from typing import NamedTuple

from ..actors import Member
from ..schema import UNATTRIBUTED
from .index import DocIndex
from ..text import not_a_name_word
from .lexicon import (CUES, DIRECT_RULES, EVENT_WORDS, INSTITUTION_WORDS, JOINT_CUES, MEETING_PEOPLE, PARTICLES,
                      PERSON_TITLE_WORDS, PLACE_OPENERS, PREPOSITIONS, SPACE_RUN, TITLES)
from .names import after_place, person_name
from .records import Attribution, Speaker, Subject, member_speaker
from .subjects import dated_title, message_sender

__all__ = ["History", "fits", "named_persons", "participants", "resolve", "resolve_all", "resolve_subject"]

#: Statements resolved so far: (head position, sentence index, speakers).
History = list[tuple[int, int, list[Speaker]]]


def resolve(ix: DocIndex, history: History, a: Attribution, links: "Links | None" = None) -> Attribution:
    """``a`` with its speakers and confidence (a reported-speech content that is one whole quotation
    comes back inside its marks); ``history``: the statements before it, in reading order; ``links``:
    what the document says of its people's pronouns (:func:`document_links`; filled as "she" resolves)."""
    direct = a.kind == "direct"
    if a.kind == "continuation":
        sp = continuation(ix, history, a.head) if a.rule != "unclaimed" else None
        if sp:
            return Attribution(a.head, a.subj, a.cue, a.cue_start, a.cue_end, a.kind, a.start, a.end, a.rule, sp, 0.6)
        return Attribution(a.head, a.subj, a.cue, a.cue_start, a.cue_end, a.kind, a.start, a.end, a.rule,
                           [Speaker(UNATTRIBUTED, "", "unknown", False)], 0.5)
    subj = a.subj
    parts = subj.parts if subj.kind == "coord" else [subj]
    speakers: list[Speaker] = []
    conf = []
    for p in parts:
        # "“… several sentences …,” he said": the antecedent comes before the quotation
        anchor = a.start - 1 if a.rule in ("after", "after-inverted") and p.kind == "pronoun" else a.head
        as_they = p.kind == "pronoun" and p.ptype == "group" and GENERIC_AS.match(ix.text, max(0, p.start - 3), p.start)
        if as_they and CUES.get(a.cue, ("",))[0] == "say":
            sp, c = [Speaker(UNATTRIBUTED, "", "unknown", False)], 0.5     # "as they say": a saying
        elif (owned := owned_by_before(p, speakers)) is not None:
            sp, c = owned, 0.85     # "Secretary Rubio and his team": Rubio's team, not the last speaker's
        else:
            sp, c = resolve_subject(ix, history, p, anchor, links)
        if p.kind == "pronoun" and p.ptype == "group" and not sp[0].resolved and not as_they \
                and (CUES.get(a.cue, ("",))[0] in JOINT_CUES or len(ix.meeting()) >= 2):
            # "They agreed …" with no group speaker before, or "They reaffirmed …" in a text whose title
            # names a meeting ("Readout of … Call with …"): the people who met
            sp, c = participants(ix, anchor) or sp, 0.7
        speakers.extend(x if p.kind == "elided" else Speaker(x.actor, x.name, x.kind, x.resolved, (p.start, p.end))
                        for x in sp)
        conf.append(c)
    # de-duplicate (e.g. "Putin and the Russian leader")
    seen, uniq = set(), []
    for sp in speakers:
        if (sp.actor, sp.name) not in seen:
            seen.add((sp.actor, sp.name))
            uniq.append(sp)
    # confidence: the subject's resolution (0.95 named … 0.5 unresolved), less for reported speech,
    # whose content boundaries are a guess, than for quotation marks
    c = min(conf) if conf else 0.5
    start, end = a.start, a.end
    if a.kind == "direct" and a.rule not in DIRECT_RULES:
        # “content” quoted as the whole content of a reported-speech cue: the span is inside the marks
        s_, e_ = ix.trim(a.start + 1, a.end - 1 if ix.text[a.end - 1] in "”\"’'" else a.end)
        if e_ > s_:
            start, end = s_, e_
    return Attribution(a.head, a.subj, a.cue, a.cue_start, a.cue_end, a.kind, start, end, a.rule, uniq,
                       round(c if direct and a.rule in DIRECT_RULES and a.rule != "next-sentence" else c - 0.1, 2))


def resolve_all(ix: DocIndex, atts: list[Attribution]) -> list[Attribution]:
    """Resolve the attributions in reading order (head, then content start), each seeing the
    speakers resolved before it; those left without a speaker are dropped."""
    history: History = []
    done: list[Attribution] = []
    links = document_links()
    for a in sorted(atts, key=lambda a: (a.head, a.start)):
        a = resolve(ix, history, a, links)
        if not a.speakers:
            continue
        history.append((a.head, ix.sent_idx(a.head), a.speakers))
        done.append(a)
    return running_quotes(ix, done)


def running_quotes(ix: DocIndex, done: list[Attribution]) -> list[Attribution]:
    """A quotation that runs over several paragraphs — an opening mark with no closing mark until the
    last paragraph, each paragraph reopening it — is the speaker's who closes it: “… ¶ “… ,” Quill said."""
    out = list(done)
    nxt: Attribution | None = None
    for i in range(len(out) - 1, -1, -1):
        a = out[i]
        if a.rule != "continuation" or nxt is None:
            nxt = a if a.kind in ("direct", "continuation") else None
            continue
        qi = bisect.bisect_left(ix.q_starts, a.head)
        unclosed = qi < len(ix.quotes) and ix.quotes[qi][0] == a.head and not ix.quotes[qi][4]
        gap = ix.text[ix.quotes[qi][1]:min(nxt.head, nxt.start)] if unclosed else "x"
        if unclosed and "\n" in gap and not gap.strip().strip("“\"‘'") and nxt.speakers and nxt.confidence >= 0.7:
            a = out[i] = Attribution(a.head, a.subj, a.cue, a.cue_start, a.cue_end, a.kind, a.start, a.end,
                                     a.rule, nxt.speakers, nxt.confidence - 0.1)
        nxt = a
    return carried_quotes(ix, out)


def carried_quotes(ix: DocIndex, done: list[Attribution]) -> list[Attribution]:
    """The other way round: a quotation that opens the paragraph after a speaker's quotation left open at
    its paragraph's end goes on with that speaker however long the first paragraph ran (“… ¶ “…” after
    "Gene Karpinski, President, League of Conservation Voters: “…"; found in stop 50 on the White House's
    praise pages, where the second paragraph stayed the White House's own)."""
    out = list(done)
    prev: Attribution | None = None
    for i, a in enumerate(out):
        if a.rule == "continuation" and prev is not None and a.speakers and not a.speakers[0].resolved:
            qi = bisect.bisect_right(ix.q_starts, prev.start) - 1
            open_ = qi >= 0 and ix.quotes[qi][0] < prev.start < ix.quotes[qi][1] and not ix.quotes[qi][4]
            gap = ix.text[ix.quotes[qi][1]:a.head] if open_ else "x"
            if open_ and "\n" in gap and not gap.strip() and ix.text[a.head:a.head + 1] in "“\"" and \
                    all(sp.resolved for sp in prev.speakers):
                a = out[i] = Attribution(a.head, a.subj, a.cue, a.cue_start, a.cue_end, a.kind, a.start, a.end,
                                         a.rule, prev.speakers, round(prev.confidence - 0.1, 2))
        if a.kind in ("direct", "continuation"):
            prev = a
    return out


def resolve_subject(ix: DocIndex, history: History, s: Subject, pos: int,
                    links: "Links | None" = None) -> tuple[list[Speaker], float]:
    """The speakers a subject at ``pos`` stands for, and how sure (0.95 a registry name … 0.5 unresolved)."""
    if s.kind == "mention":
        return [member_speaker(s.member)], 0.95
    if s.kind == "pronoun":
        sp = pronoun(ix, history, s.ptype, pos, GENDERED.get(s.text.lower(), ""), links)
        return (sp, 0.8) if sp else ([Speaker(UNATTRIBUTED, s.text, "unknown", False)], 0.5)
    if s.kind in ("doc", "office"):
        if s.owner is None and s.kind == "doc":
            sender = message_sender(ix, s.start, s.text)
            if sender is not None:
                return [member_speaker(sender)], 0.75
        if s.owner is None:
            # "The Palace released a readout saying …": the institution named just before
            sp = recent(ix, history, pos, "institution", 1) or recent_mention(ix, pos, "institution", 1)
            return (sp, 0.7) if sp else ([Speaker(UNATTRIBUTED, s.text, "unknown", False)], 0.5)
        sp, c = resolve_subject(ix, history, s.owner, pos, links)
        if s.kind == "office" and sp and sp[0].actor != UNATTRIBUTED:
            sp = [Speaker(x.actor, f"{x.name}’s {s.text.split()[-1]}", "institution", x.resolved) for x in sp]
        return sp, min(c, 0.85)
    if s.kind == "title":
        m = title_member(ix, history, s.title, s.hint, pos) or dated_title(ix, s.text)
        if m is not None:
            return [member_speaker(m)], 0.8
        return [Speaker(UNATTRIBUTED, s.text, "person")], 0.6
    if s.kind == "elided":
        sp = same_sentence(ix, history, pos)
        return (sp, 0.85) if sp else ([Speaker(UNATTRIBUTED, "", "unknown", False)], 0.5)
    if s.kind == "generic" and PARTICIPANTS.fullmatch(s.text) and \
            DEFINITE.search(ix.text, max(0, s.start - 8), s.start + 5) and \
            (ix.official or not SIDES.search(s.text)):
        sp = participants(ix, pos)
        if sp:
            return sp, 0.75
        if ix.official:
            # nobody named who met: the publisher's own account ("The leaders discussed …")
            return [Speaker(UNATTRIBUTED, s.text, "generic", False)], 0.5
    if s.kind == "role":
        holder = title_holder(ix, s.text, s.start, s.end)
        if holder is not None:
            return [holder], 0.8
        member = dated_title(ix, s.text)
        if member is not None:
            return [member_speaker(member)], 0.8
    if s.kind in ("role", "generic"):
        return [Speaker(UNATTRIBUTED, s.text, "person" if s.kind == "role" else "generic")], 0.85
    if s.kind == "name":
        member = ix.matchers.resolve_on(s.text, ix.date)
        if member is not None:
            return [member_speaker(member)], 0.95
        name, kind = person_name(s.text)
        member = ix.matchers.resolve(name)
        if member is not None:
            return [member_speaker(member)], 0.9
        return [Speaker(UNATTRIBUTED, name, kind)], 0.9
    return [Speaker(UNATTRIBUTED, s.text, "unknown", False)], 0.5


#: "as they say" (a saying, nobody's report), "as they welcome refugees" (a clause of time): not the people who met.
GENERIC_AS = re.compile(r"(?i)(?<!\w)as\s")

#: A definite group of the people who met: "the two leaders", "both presidents", "the heads of state", "the parties".
PARTICIPANTS = re.compile(r"(?i)(?:(?:two|both)\s+)?(?:" + MEETING_PEOPLE + r"|parties|sides)")
#: "the parties", "both sides": the people who met only in a readout (in the news, often the warring sides).
SIDES = re.compile(r"(?i)\b(?:parties|sides)\Z")
DEFINITE = re.compile(r"(?i)\b(?:the|both)\s+\w")
#: A person's name in a lead sentence: two or three capitalised words ("Andrzej Duda", "Mahmoud-Ali Kalimatov",
#: "Gitanas Nausėda": letters beyond ASCII too, or the run stops inside a word).
_LOW = r"[^\W\dA-Z_]+"
#: One capitalised word of a name, maybe hyphenated: "Mahmoud-Ali".
_CAP = r"[A-Z]" + _LOW + r"(?:-[A-Z]" + _LOW + r")?"
NAME_RUN = re.compile(r"\b" + _CAP + r"(?:\s+" + _CAP + r"){1,2}\b")


def title_holder(ix: DocIndex, role: str, before: int, end: int | None = None) -> Speaker | None:
    """The person a capitalised title names ("the Deputy Head of the Office of the President"): the name
    that followed the same title earlier in the document ("Deputy Head of the Office of the President
    Rostyslav Shurma"), or that a person's title followed after a comma ("Rostyslav Shurma, Deputy Head of
    …"); None when no name went with it. The title's "of" part may be worded otherwise there ("of the
    President's Office", "of the Office of the President of Ukraine") but must name no word the earlier one
    does not; a title without one is matched as written. ``end``: where the role ends in the text, whose "of"
    part there counts ("the Adviser to the Head| of the President's Office": the role is cut where a registry
    name starts)."""
    title = SPACE_RUN.sub(" ", role.strip())
    if title[:4].lower() == "the ":
        title = title[4:]
    words = title.split()
    if len(words) < 2 or not all(w[0].isupper() for w in words if w not in PARTICLES and w not in ("to", "for", "and")):
        return None      # "Adviser to the Head", "Commissioner for Human Rights", "… Security and Defense Council"
    # the title's lead and its "of" part: "Deputy Head" and "of the Office of the President"; the "of" part may
    # be the one the text continues the role with, where the role was cut ("the Adviser to the Head| of …")
    cut = f"{title} ".find(" of ")      # a trailing "of" too: "the Adviser to the Head of"
    if cut > 0:
        lead, of_words = title[:cut], title_words(title[cut:])
    else:
        tail = OF_PART.match(ix.text, end, before + 200) if end is not None else None
        lead, of_words = title, (title_words(tail.group()) if tail is not None else None)
    head = r"\s+".join(map(re.escape, lead.split()))
    text, lo = ix.text, ix.start
    found, at = None, -1
    for m in re.finditer(head, text[lo:before]):
        p, name = lo + m.end(), None
        if of_words is not None:
            t = OF_PART.match(text, p, before)
            if t is None:
                continue
            ws = t.group().split()
            # the "of" part may run on into the name: "… of the President of Ukraine Mykhailo Podolyak met …"; a
            # three-word name not right after "of", "the" or a place's first word ("of Turkey Recep Tayyip Erdoğan",
            # not "of the United States Jake Sullivan")
            for k in (3, 2, 0):
                part, last = " ".join(ws[:len(ws) - k]), " ".join(ws[len(ws) - k:])
                if k and (len(ws) <= k + 1 or not NAME_RUN.fullmatch(last) or INSTITUTION_WORDS.search(last)):
                    continue        # not "Council Oleksiy Danilov" (of "… and Defense Council Oleksiy Danilov")
                if k == 3 and (ws[-4] in ("of", "the") or ws[-4] in PLACE_OPENERS):
                    continue
                if of_words <= title_words(part):
                    name, p = last or None, t.end()
                    break
            else:
                continue
        if name is None:
            n = NAME_RUN.match(text, p + 1, before) if text[p:p + 1].isspace() else None
            name = n.group() if n is not None and text[n.end():n.end() + 1] not in ("’", "'") else None
        if name is not None and m.start() > at:
            found, at = name, m.start()
    # "Rostyslav Shurma, Deputy Head of …" (a person's title only: not "… to Combat Trafficking, the Administration")
    apposed = re.finditer(r"(" + NAME_RUN.pattern + r"),\s+(?:the\s+)?" + head, text[lo:before]) \
        if PERSON_TITLE_WORDS.search(title) else ()
    for m in apposed:
        if of_words is not None:
            t = OF_PART.match(text, lo + m.end(), before)
            if t is None or not of_words <= title_words(t.group()):
                continue
        if m.start() > at:
            found, at = m.group(1), m.start()
    if found is None or INSTITUTION_WORDS.search(found) or PERSON_TITLE_WORDS.search(found) \
            or not_a_name_word(found.split()[0]):
        return None
    member = ix.matchers.resolve(found)
    return member_speaker(member) if member is not None else Speaker(UNATTRIBUTED, found, "person")


_OF_RUN = r"[A-Z][\w’'-]*(?:\s+(?:of\s+)?(?:the\s+)?[A-Z][\w’'-]*)*"
#: The second name of a body named "X and Y": "and Defense Council" (not "and Prime Minister …", another person).
_AND_BODY = r"\s+and\s+(?:[A-Z][\w’'-]*\s+){0,2}(?:Council|Committee|Commission|Service|Agency|Bureau)\b"
#: A title's "of" part as written: "of the Office of the President", "of the President's Office", a body
#: named with "and" included: "of the National Security and Defense Council".
OF_PART = re.compile(r"\s+of\s+(?:the\s+)?" + _OF_RUN + r"(?:" + _AND_BODY + r"(?:\s+(?:of\s+)?(?:the\s+)?[A-Z][\w’'-]*)*)?")


def title_words(part: str) -> set[str]:
    """The capitalised words of a title's "of" part, a possessive's "'s" dropped: "President's Office" and "Office
    of the President" name the same words."""
    return {re.sub(r"[’']s\Z", "", w) for w in part.split() if w[:1].isupper()}


#: What stands before a place's or an event's capitalised run, never before a person's name: "the ", a year, "in ",
#: "at " ("met in Phnom Penh", "at Camp David").
NOT_A_PERSON_BEFORE = re.compile(r"(?:\b[Tt]he|\d|\b[Ii]n|\b[Aa]t)\s+\Z")
#: A hyphen joining the run to the word before: "U.S.-India Comprehensive …" (not "Luminiţa -Teodora Odobescu").
JOINED_BEFORE = re.compile(r"\S-\Z")


def participants(ix: DocIndex, pos: int) -> list[Speaker] | None:
    """The people a readout's "the two leaders" means: the persons its first sentence names ("Quill had a
    telephone conversation with President of Eastport Lena Voss") — registry persons, and names after
    their titles kept unattributed — when there are two or more; else the people its page title and
    publisher name (:attr:`~stancemap.extract.index.DocIndex.meeting`), if two or more; else None. When the
    title names two registry persons or more and the lead names one of an actor group the title does not
    ("Biden briefed leaders on his call with President Putin", under a title naming Biden and four European
    leaders), the title's."""
    s, e = ix.sents[0]
    if pos < s:
        return None
    found = named_persons(ix.matchers, ix.text, s, e, date=ix.date)
    met = ix.meeting()
    if len(found) < 2:
        return list(met) if len(met) >= 2 else None
    groups = {sp.actor for sp in met}
    if len(met) >= 2 and UNATTRIBUTED not in groups and \
            any(sp.actor != UNATTRIBUTED and sp.actor not in groups for sp in found):
        return list(met)
    return found


#: The word a three-word name runs on with past a capitalised run: " Raisi", " el-Sisi".
NAME_TAIL = re.compile(r"\s+((?:[a-z]{1,3}-)?[A-Z]" + _LOW + r")\b")
#: The same, then "of" (a country follows): "President Recep Tayyip| Erdogan| of Turkey".
NAME_TAIL_OF = re.compile(NAME_TAIL.pattern + r"(?=\s+of\b)")
#: A head of state or government by title and surname, then the country: "Prime Minister Johnson of the United
#: Kingdom", "President Niinistö of Finland" (a White House title's way of naming a leader).
TITLED_SURNAME = re.compile(r"\b(President|Prime\s+Minister|Chancellor|Premier|King|Queen|Taoiseach|Emir)\s+(" + _CAP
                            + r")\s+of\s+((?:the\s+)?" + _CAP + r"(?:\s+" + _CAP + r")*)")
#: A person's title just before a capitalised run ("Spokesperson ", "President of "): in a page title, where
#: every word is capitalised, a run without one is a place or an event as often as a person.
TITLE_BEFORE = re.compile(PERSON_TITLE_WORDS.pattern + r"\.?\s+(?:of\s+)?\Z")
#: The capitalised word just after a run: "General Pulaski Memorial| Day".
NEXT_WORD = re.compile(r"\s+([A-Z][\w’'\-]*)")
#: A comma and up to four capitalised words after a run: "Call with Ibrahim Kalin|, Spokesperson and …".
APPOSITION = re.compile(r",\s+((?:[A-Z][\w’'\-]*\s*){1,4})")


def titled_after(text: str, pos: int, end: int) -> bool:
    """Whether a person's title follows at ``pos`` after a comma ("Ibrahim Kalin, Spokesperson and Chief Advisor
    to the President"): in a page title, the run before it is a person's name."""
    m = APPOSITION.match(text, pos, end)
    return m is not None and PERSON_TITLE_WORDS.search(m.group(1)) is not None


def titled_surname(matchers, m: re.Match, date: str | None) -> Speaker:
    """The person of a :data:`TITLED_SURNAME` match: the registry's holder of the title in that country on
    ``date`` when the surname is theirs ("Prime Minister Johnson of the United Kingdom" in Dec 2021 → Boris
    Johnson), else the title and surname, unattributed ("Prime Minister Kishida")."""
    title, surname = SPACE_RUN.sub(" ", m.group(1)), m.group(2)
    holder = matchers.registry.resolve(f"{title} of {SPACE_RUN.sub(' ', m.group(3))}", date=date) if date else None
    if holder is not None and holder.kind == "person" and holder.name.split()[-1] == surname:
        return Speaker(holder.actor, holder.name, "person", span=m.span())
    return Speaker(UNATTRIBUTED, f"{title} {surname}", "person", span=m.span())


def named_persons(matchers, text: str, s: int, e: int, *, date: str | None = None,
                  titled: bool = False) -> list[Speaker]:
    """The persons ``text[s:e]`` names, in order: registry persons, a leader by title, surname and country
    (:func:`titled_surname`; ``date``: the document's), and names after their titles ("President of Eastport
    Lena Voss") kept unattributed; places and events are left out. ``titled``: the text is a page title in
    title case, where a capitalised run is a person only after a person's title ("Call with President Maia
    Sandu"; "Remarks at a Campaign Reception" names nobody)."""
    found: list[Speaker] = []
    seen: set[str] = set()
    covered: list[tuple[int, int]] = []

    def taken(m: re.Match) -> bool:     # overlaps a name already read
        return any(a < m.end() and m.start() < b for a, b in covered)

    for mm in matchers.mention_re.finditer(text, s, e):     # quoted or not: the lead may be a quote
        member = matchers.resolve(mm.group())
        if member is None:
            continue
        covered.append(mm.span())
        if member.kind == "person" and member.name not in seen:
            seen.add(member.name)
            found.append(Speaker(member.actor, member.name, "person", span=mm.span()))
    for m in TITLED_SURNAME.finditer(text, s, e):
        if taken(m):
            continue
        covered.append(m.span())
        sp = titled_surname(matchers, m, date)
        if sp.name not in seen:
            seen.add(sp.name)
            found.append(sp)
    found.sort(key=lambda sp: sp.span[0])
    for m in NAME_RUN.finditer(text, s, e):
        if taken(m):
            continue
        if NOT_A_PERSON_BEFORE.search(text, max(0, m.start() - 6), m.start()) or \
                JOINED_BEFORE.search(text, max(0, m.start() - 2), m.start()):
            continue    # "the River Jordan", "the 2022 International Conference", "U.S.-India Comprehensive …"
        name, kind = person_name(m.group())
        words = name.split()
        if len(words) == 3 and text[max(0, m.start() - 3):m.start()] == "of ":
            more = NAME_TAIL.match(text, m.end(), e)
            if more is not None:    # "President of Iran Sayyid Ebrahim Raisi": the name runs on
                words.append(more.group(1))
            words = after_place(words)  # "President of Poland Andrzej Duda": a place, then the name
            name = " ".join(words)
        elif len(words) == 2 and name != SPACE_RUN.sub(" ", m.group()):
            more = NAME_TAIL_OF.match(text, m.end(), e)
            if more is not None:    # "President Yoon Suk Yeol of the Republic of Korea": a title, a three-word name
                words.append(more.group(1))
                name = " ".join(words)
        if kind != "person" or len(words) < 2 or any(not_a_name_word(w) for w in words) or \
                INSTITUTION_WORDS.search(name) or PERSON_TITLE_WORDS.search(name) or EVENT_WORDS.search(name) \
                or name in seen:
            continue
        nxt = NEXT_WORD.match(text, m.end(), e)
        if nxt is not None and EVENT_WORDS.fullmatch(nxt.group(1)):
            continue    # part of an event's name: "General Pulaski Memorial| Day"
        if titled and not PERSON_TITLE_WORDS.search(m.group()) and \
                TITLE_BEFORE.search(text, max(0, m.start() - 40), m.start()) is None and \
                not titled_after(text, m.end(), e):
            continue    # a page title's capitalised run that no title of a person stands before or after
        member = matchers.resolve(name)
        seen.add(name)
        found.append(member_speaker(member) if member is not None else Speaker(UNATTRIBUTED, name, "person"))
    return found


def owned_by_before(p: Subject, before: list[Speaker]) -> list[Speaker] | None:
    """In a list of subjects, an office whose owner is a pronoun belongs to the person named before it:
    "Secretary Rubio and his team reiterated …" → Marco Rubio's team (None when ``p`` is no such office,
    or no person comes before)."""
    people = [x for x in before if x.kind == "person" and x.resolved]
    if p.kind != "office" or p.owner is None or p.owner.kind != "pronoun" or p.owner.ptype != "person" \
            or not people:
        return None
    owner = people[-1]
    if owner.actor == UNATTRIBUTED:
        return [owner]
    return [Speaker(owner.actor, f"{owner.name}’s {p.text.split()[-1]}", "institution", owner.resolved)]


def fits(sp: Speaker, ptype: str) -> bool:
    """Whether a speaker fits a pronoun type (person, institution, group; "any")."""
    if ptype == "any":
        return True
    if ptype == "group":
        return sp.kind in ("group", "generic")
    return sp.kind == ptype


def recent(ix: DocIndex, history: History, pos: int, ptype: str, back: int) -> list[Speaker] | None:
    """Speakers of the latest statement before ``pos`` within ``back`` sentences, of the right kind."""
    return next(recent_speakers(ix, history, pos, ptype, back), None)


def recent_speakers(ix: DocIndex, history: History, pos: int, ptype: str, back: int):
    """Speakers of the statements before ``pos`` within ``back`` sentences, of the right kind, latest first."""
    si = ix.sent_idx(pos)
    for hpos, hsi, sps in reversed(history):
        if hpos >= pos:
            continue
        if si - hsi > back:
            break
        if ptype == "group" and len(sps) > 1 or len(sps) == 1 and sps[0].resolved and fits(sps[0], ptype):
            yield sps


def same_sentence(ix: DocIndex, history: History, pos: int) -> list[Speaker] | None:
    """The speakers of an elided subject ("… and claimed"): the last statement of the sentence, else its subject."""
    si = ix.sent_idx(pos)
    for hpos, hsi, sps in reversed(history):
        if hpos >= pos:
            continue
        if hsi != si:
            break
        return sps
    subj = sentence_subject(ix, si, before=pos)
    return [subj] if subj is not None else None


def sentence_subject(ix: DocIndex, si: int, before: int | None = None, referent: bool = False) -> Speaker | None:
    """The registry mention that opens sentence ``si`` (its grammatical subject, roughly); ``referent``: not a
    name that only modifies (:func:`modifier_name`: "Everyone recalls the Liz Truss Budget.")."""
    s, e = ix.sents[si]
    i = bisect.bisect_left(ix.mention_starts, s)
    if i >= len(ix.mentions) or ix.mentions[i][0] > s:
        named = opening_name(ix, s, e if before is None else min(e, before))
        if named is not None:
            return named
    if i >= len(ix.mentions):
        return None
    ms, me, member = ix.mentions[i]
    if ms >= e or (before is not None and ms >= before) or ms - s > 45:
        return None
    text = ix.text
    if text[me:me + 2] in ("’s", "'s") or text[me:me + 1] in "’'":
        return None
    prefix = text[s:ms]
    pw = prefix.split()
    if pw and pw[-1].lower() in PREPOSITIONS:
        return None
    if "," not in prefix and len(pw) > 3 or referent and modifier_name(ix, ms, me):
        return None
    return member_speaker(member)


def opening_name(ix: DocIndex, s: int, e: int) -> Speaker | None:
    """A person outside the registry who opens a sentence as its subject ("Lena Voss met …"), kept
    ``unattributed`` under their name; None for anything else ("The Ministry …", "On Monday …")."""
    m = NAME_RUN.match(ix.text, s, e)
    if m is None or ix.text[m.end():m.end() + 2] in ("’s", "'s"):
        return None
    name = m.group()
    words = name.split()
    if len(words) < 2 or not_a_name_word(words[0]) or INSTITUTION_WORDS.search(name) \
            or PERSON_TITLE_WORDS.search(name) or ix.matchers.resolve(name) is not None:
        return None
    return Speaker(UNATTRIBUTED, name, "person")


def pronoun(ix: DocIndex, history: History, ptype: str, pos: int, gender: str = "",
            links: "Links | None" = None) -> list[Speaker] | None:
    """A pronoun's antecedent: a speaker of this sentence, of the previous one, its subject, a recent
    speaker, then a recent mention of the right kind. ``gender`` ("he"/"she" for a person's pronoun)
    skips the people the document or the registry says it cannot mean (:func:`compatible`): the
    nearest compatible one; a person of unknown pronouns stays a candidate."""
    if not gender:
        return next(antecedents(ix, history, ptype, pos), None)
    if links is None:
        links = document_links()
    seen: list[list[Speaker]] = []
    for sps in antecedents(ix, history, ptype, pos):
        if compatible(ix, links, sps[0], gender):
            if not seen and len(sps) == 1 and sps[0].name and sps[0].name not in links.names and \
                    not _other_candidate(ix, history, ptype, pos, sps[0].name):
                links.names[sps[0].name] = gender      # the only candidate: the document says which it is
            return sps
        seen.append(sps)
    return None


def _other_candidate(ix: DocIndex, history: History, ptype: str, pos: int, name: str) -> bool:
    """Whether another person than ``name`` is a candidate antecedent at ``pos``."""
    return any(sps[0].name != name for sps in antecedents(ix, history, ptype, pos))


def antecedents(ix: DocIndex, history: History, ptype: str, pos: int):
    """A pronoun's candidate antecedents, nearest first, in the order of :func:`pronoun`."""
    si = ix.sent_idx(pos)
    # 1. an earlier statement in the same sentence
    for hpos, hsi, sps in reversed(history):
        if hpos >= pos:
            continue
        if hsi != si:
            break
        if ptype == "group" and len(sps) > 1 or len(sps) == 1 and fits(sps[0], ptype):
            yield sps
    if ptype == "group":
        sp = recent(ix, history, pos, "group", 2)
        if sp:
            yield sp
        return
    # 2. the previous sentence: its (last) speaker, else its subject
    if si >= 1:
        for hpos, hsi, sps in reversed(history):
            if hsi < si - 1:
                break
            if hsi == si - 1 and len(sps) == 1 and sps[0].resolved and fits(sps[0], ptype):
                yield sps
        subj = sentence_subject(ix, si - 1, referent=ptype == "person")
        if subj is not None and fits(subj, ptype):
            yield [subj]
    # 3. recent speakers, then recent mentions
    yield from recent_speakers(ix, history, pos, ptype, 3)
    yield from recent_mentions(ix, pos, ptype, 2, not_objects=ptype == "institution", referents=ptype == "person")


#: A person's pronouns by the word that refers to them.
GENDERED = {"he": "he", "him": "he", "his": "he", "she": "she", "her": "she"}
#: An honorific before a surname ("Mr. Oduya", "Ms Voss"): what it says of the person's pronouns.
HONORIFIC = re.compile(r"\b(?P<h>Mr|Mrs|Ms|Miss)\.?\s+(?P<name>[A-Z][\w’'\-]+)")
_HONORIFIC_PRONOUN = {"Mr": "he", "Mrs": "she", "Ms": "she", "Miss": "she"}


class Links(NamedTuple):
    """What one document says of its people's pronouns: ``surnames`` from honorifics ("Ms. Voss" →
    she), ``names`` from the pronouns it has resolved without a rival ("Lena Voss … She said")."""
    surnames: dict[str, str]
    names: dict[str, str]


def document_links() -> Links:
    """Empty links for one document; its honorifics are read when a "he"/"she" first needs them."""
    return Links({}, {})


def _read_honorifics(ix: DocIndex, surnames: dict[str, str]) -> None:
    """The honorifics of ``ix``'s region into ``surnames`` (one with both "Mr." and "Ms." says nothing)."""
    surnames[""] = ""       # read
    for m in HONORIFIC.finditer(ix.text, ix.start, ix.end):
        g = _HONORIFIC_PRONOUN[m.group("h")]
        name = m.group("name")
        surnames[name] = g if surnames.get(name, g) == g else "?"


def pronouns_of(ix: DocIndex, links: Links, sp: Speaker) -> str:
    """A person's pronouns: the registry's ``pronouns:``, an honorific of their surname in the document
    or in the name itself, a link the document made earlier; "" when unknown."""
    member = ix.matchers.resolve(sp.name) if sp.name else None
    if member is not None and member.pronouns:
        return member.pronouns
    words = sp.name.split()
    if not words:
        return ""
    h = _HONORIFIC_PRONOUN.get(words[0].rstrip("."))
    if h:
        return h
    if "" not in links.surnames:
        _read_honorifics(ix, links.surnames)
    g = links.surnames.get(words[-1], "")
    if g and g != "?":
        return g
    return links.names.get(sp.name, "")


def compatible(ix: DocIndex, links: Links, sp: Speaker, gender: str) -> bool:
    """Whether a person may be the "he"/"she" of ``gender``: their pronouns are that one, or unknown."""
    if sp.kind != "person":
        return True
    p = pronouns_of(ix, links, sp)
    return not p or p == gender


def recent_mention(ix: DocIndex, pos: int, kind: str, back: int) -> list[Speaker] | None:
    """The latest registry mention of ``kind`` before ``pos`` within ``back`` sentences."""
    return next(recent_mentions(ix, pos, kind, back), None)


def recent_mentions(ix: DocIndex, pos: int, kind: str, back: int, *, not_objects: bool = False,
                    referents: bool = False):
    """The registry mentions of ``kind`` before ``pos`` within ``back`` sentences, latest first;
    ``not_objects``: without those after a preposition ("sanctions on Russia" is no antecedent of "It
    explains why …"); ``referents``: without the names that only modify (:func:`modifier_name`)."""
    si = ix.sent_idx(pos)
    lo = ix.sents[max(0, si - back)][0]
    i = bisect.bisect_left(ix.mention_starts, pos) - 1
    while i >= 0 and ix.mentions[i][0] >= lo:
        ms, me, member = ix.mentions[i]
        if member.kind == kind and not (not_objects and after_preposition(ix.text, ms)) \
                and not (referents and modifier_name(ix, ms, me)):
            yield [member_speaker(member)]
        i -= 1


#: "the" just before a name: "the Liz Truss Budget", "the Trump administration".
_THE_BEFORE = re.compile(r"(?i)\bthe\s+\Z")


def modifier_name(ix: DocIndex, ms: int, me: int) -> bool:
    """Whether the person's name at ``ms..me`` names no one a later "he"/"she" can mean: a name after "the"
    that qualifies a noun ("the Liz Truss Budget"; not a title, "the Russian President"). Found in stop 50 on a
    Commons answer, where the "she" was the Leader of the Opposition, whom the registry does not name. A
    possessive stays one ("Putin’s war was premeditated. He rejected …")."""
    text = ix.text
    return _THE_BEFORE.search(text, max(0, ms - 8), ms) is not None and PERSON_TITLE_WORDS.search(text, ms, me) is None


#: The word before a position, past a "the": "sanctions on (the) |Russia".
_WORD_BEFORE = re.compile(r"(\w+)\s+(?:the\s+)?\Z", re.IGNORECASE)


def after_preposition(text: str, pos: int) -> bool:
    """Whether the word before ``pos`` (past a "the") is a preposition."""
    m = _WORD_BEFORE.search(text, max(0, pos - 24), pos)
    return m is not None and m.group(1).lower() in PREPOSITIONS


#: Titles an official text's principal may hold (never "leader", "spokesman" or "vice president").
PRINCIPAL_TITLES = frozenset({"president", "head of state", "prime minister", "premier", "chancellor",
                              "head of government"})


def title_member(ix: DocIndex, history: History, title: str, hint: str | None, pos: int) -> Member | None:
    """The member a title means ("the President", of ``hint``'s group): in an official text whose principal
    holds that title, the principal (the Office of the President of Ukraine's "the President" is
    Zelenskyy, whoever was named last); else the latest one mentioned or speaking before ``pos``, else the
    only one of the hinted group."""
    p = ix.principal
    if p is not None and (hint is None or hint == p.actor) and title in PRINCIPAL_TITLES and \
            any(w in ix.principal_title.casefold() for w in TITLES[title]):
        return p
    cands = ix.matchers.title_members.get(title, [])
    if hint is not None:
        cands = [m for m in cands if m.actor == hint]
    if not cands:
        return None
    names = {id(m) for m in cands}
    i = bisect.bisect_left(ix.mention_starts, pos) - 1
    while i >= 0:
        member = ix.mentions[i][2]
        if id(member) in names:
            return member
        i -= 1
    for hpos, hsi, sps in reversed(history):
        for sp in sps:
            for m in cands:
                if m.name == sp.name:
                    return m
    if hint is not None and len(cands) == 1:
        return cands[0]
    return None


def continuation(ix: DocIndex, history: History, pos: int) -> list[Speaker] | None:
    """Speaker of a quote without attribution: the latest speaker within two sentences."""
    si = ix.sent_idx(pos)
    for hpos, hsi, sps in reversed(history):
        if hpos >= pos:
            continue
        if si - hsi > 2:
            break
        if len(sps) > 1 and all(sp.kind == "person" for sp in sps):
            return None     # a quotation is one person's words, never "the two leaders'"
        if all(sp.resolved and sp.kind != "generic" for sp in sps):
            return sps
    return None
