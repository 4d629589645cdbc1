"""Quotations: attributed by their marks ("…,” Quill said; Oduya said: “…”; a split quote, two rows
one speaker), and the quotations nobody claimed, which continue the previous speaker.

The attribution patterns follow O'Keefe et al. (2012, "A sequence labelling approach to quote
attribution"); every function reads the :class:`~stancemap.extract.index.DocIndex` and returns
new values.
"""
from __future__ import annotations

import bisect
import re
from collections.abc import Iterable
from dataclasses import dataclass

from ..actors import Member
from .index import DocIndex, Quote, covered
from ..schema import UNATTRIBUTED
from ..text import not_a_name_word
from .lexicon import (CUE_RE, CUES, DIRECT_RULES, HONORIFIC_DOT, INSTITUTION_WORDS, MESSAGE_NOUNS,
                      PERSON_TITLE_WORDS, SPACE_RUN, asked_of)
from .records import Attribution, Speaker, Subject, member_speaker
from .subjects import message_sender, np_forward, subject_before

__all__ = ["QuoteAttributions", "attribute_quotes", "direct_quote", "embedded_quotes", "labelled_quote",
           "named_next", "unclaimed_quotes"]


@dataclass(frozen=True)
class QuoteAttributions:
    """The quotations attributed by their marks: the attributions, the quotes' indices in
    :attr:`DocIndex.quotes` and the starts of the cues they used (no other rule takes those)."""
    attributions: tuple[Attribution, ...]
    quotes: frozenset[int]
    cues: frozenset[int]


def attribute_quotes(ix: DocIndex) -> QuoteAttributions:
    """Every quotation of the index with an attribution by its marks."""
    atts: list[Attribution] = []
    found: set[int] = set()
    for qi, q in enumerate(ix.quotes):
        att = direct_quote(ix, q)
        if att is not None:
            atts.append(att)
            found.add(qi)
    for qi, att in named_next(ix, found):
        atts.append(att)
        found.add(qi)
    return QuoteAttributions(tuple(atts), frozenset(found), frozenset(a.cue_start for a in atts))


#: "asked" just before a quotation: "He was then asked, |“…”".
ASKED_BEFORE = re.compile(r"\b([Aa]sked),?\s*\Z")


def direct_quote(ix: DocIndex, q: Quote) -> Attribution | None:
    """The attribution of quotation ``q`` by its marks: after it ("…,” X said / said X), before it
    (X said: “…”), or None."""
    text = ix.text
    cues = ix.cues
    qs, qe, cs, ce, closed = q
    s, e = ix.trim(cs, ce)
    if e <= s:
        return None
    lo = max(ix.start, qs - 60)
    m = ASKED_BEFORE.search(text, lo, qs)
    if m is not None and asked_of(text, m.start(1), "asked"):
        # "He was then asked, “…”", "When asked, “…”, she said, “…”": the question put to them, no one's words here
        return Attribution(qs, None, "", qs, qs, "continuation", s, e, rule="unclaimed")
    # (a) attribution after the quote: “…,” he said / “…,” said X / “…” X told reporters
    if closed:
        inner_end = text[max(cs, ce - 2):ce]
        if not inner_end.rstrip().endswith("."):
            p = qe
            n = len(text) if p >= ix.end else ix.end
            while p < n and text[p] in " ,\t":
                p += 1
            if p < n and text[p] in "-–—" and p + 1 < n and text[p + 1] == " ":
                p += 2
            att = attribution_after(ix, p, s, e)
            if att is not None:
                return att
    # (b) attribution before: X said: “…” / X said, “…” / according to X, “…”
    ss = max(ix.sent_start(qs), ix.start)
    prevq = bisect.bisect_left(ix.q_starts, qs) - 1
    if prevq >= 0 and ix.quotes[prevq][1] > ss:
        ss = ix.quotes[prevq][1]
    before = text[ss:qs]
    if not before.strip():
        # "In a statement, the Ministry said:⏎“…”": the colon ends the previous sentence or line
        si = ix.sent_idx(qs)
        if si == 0 or ix.sents[si - 1][0] < ix.start or text[ix.sents[si - 1][1] - 1] != ":":
            return None
        ss = ix.sents[si - 1][0]
        before = text[ss:qs]
    if QUOTE_BULLET_MARK.fullmatch(text, max(ix.start, text.rfind("\n", 0, qs) + 1), qs):
        return bullet_under_heading(ix, qs, s, e)       # "- “…” (Watch)" under a heading that names who speaks
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
            subj = np_forward(ix, cend, qs)
            if subj is None:
                break
        else:
            subj = subject_before(ix, cs_, w)
            if subj is None:
                break
        return Attribution(subj.start, subj, w, cs_, cend, "direct", s, e, rule="before")
    # a sent message quoted: "The message reads, in part: “…”" (its sender, :func:`message_sender`)
    m = MESSAGE_READS.search(text, ss, qs)
    if m is not None and message_sender(ix, m.start("noun"), m.group("noun")) is not None:
        subj = Subject("doc", m.start(), m.end("noun"), text[m.start():m.end("noun")])
        return Attribution(subj.start, subj, m.group("verb").lower(), m.start("verb"), m.end("verb"), "direct", s, e,
                           rule="before")
    # (c) a speaker's label opening the line: Sen. Ada Quill: “…” (lists of quotations with no cue)
    return labelled_quote(ix, ss, qs, s, e)


#: "The message reads, in part:" just before a quotation.
MESSAGE_READS = re.compile(r"(?i)\bthe\s+(?P<noun>" + MESSAGE_NOUNS + r")\s+"
                           r"(?P<verb>reads|read|says|said|states|stated)(?:,?\s+in\s+part)?\s*[:,]\s*\Z")


#: Lower-case words a speaker's label before a quotation may hold: a title's or a name's particles.
LABEL_PARTICLES = frozenset("of the for and on in at to de von van der da du di al bin la le del".split())
#: A note in brackets inside such a label.
LABEL_NOTE = re.compile(r"\([^()\n]*\)")
#: Signs that may join the words of such a label ("Asian & Pacific Islander …", "OCA – Asian …").
LABEL_JOINERS = frozenset("& – — -".split())
#: A bullet of topics under a heading that names who speaks ("- On tariffs: “…”").
TOPIC_BULLET = re.compile(r"[-•–][ \t]+On\s")
#: Such a heading: a name, then where ("Secretary of State Marco Rubio on Face the Nation"); no sentence.
HEADING_ON = re.compile(r"(?P<name>[A-Z][^.!?:;“”\"\n]*?)\s+(?:on|with)\s+[A-Z][^.!?:;“”\"\n]*")
#: First words of a line that introduce a topic, not a speaker ("On Ukraine: “…”" under an interview).
LABEL_TOPICS = frozenset("on in at about regarding re for from with to after before during under over of "
                         "and but or".split())
#: A word of a label's part that is only a title or an office ("Ranking Member", "Executive Director").
LABEL_TITLE = re.compile(PERSON_TITLE_WORDS.pattern + r"|(?i:ranking|member|assistant|democratic|republican|"
                         r"majority|minority|whip|executive|senior|vice|co-founder|congressman|congresswoman|"
                         r"house|senate|caucus|conference|committee|acting|former|u\.s|us)")
#: Most words in such a label ("Senate Foreign Relations Committee Chair Jim Risch").
LABEL_MAX_WORDS = 12


def labelled_quote(ix: DocIndex, ss: int, qs: int, s: int, e: int) -> Attribution | None:
    """A quotation after its speaker's label and a colon, the label alone at the start of its line
    (on the quotation's line or the one before): "Speaker Mike Johnson: “…”", "Secretary of State
    Marco Rubio: “…”", "Ada Quill, Executive Director, Eastport Trust (Northland): “…”" — the White
    House's "What they are saying" lists. Of the label's parts between commas (without a note in
    brackets), each capitalised words and a name's particles, the speaker is the first that names a
    registry member, else the first that names someone (an institution, "The New York Times", only
    when no part names a person), as the subject grammar reads it or as written; parts that are only
    a title ("Ranking Member") are passed over. A topic bullet ("- On Ukraine: “…”") is the speaker's
    whom the heading above its bullets names (:func:`_topic_under_heading`); another label that opens
    with a preposition, or one not alone on its line, gives None."""
    text = ix.text
    colon = text.rfind(":", ss, qs)
    if colon < 0 or text[colon + 1:qs].strip():
        return None
    ls = max(ix.start, text.rfind("\n", 0, colon) + 1)      # the line's start, wherever its sentence began
    while ls < colon and text[ls].isspace():
        ls += 1
    j = ls - 1
    while j >= ix.start and text[j] in " \t\u00a0":
        j -= 1
    if TOPIC_BULLET.match(text, ls, colon) and (j < ix.start or text[j] == "\n"):
        return _topic_under_heading(ix, ls, colon, s, e)
    if j >= ix.start and text[j] != "\n" or "\n" in text[ls:colon] or not text[ls:ls + 1].isupper() \
            or len(text[ls:colon].split()) > LABEL_MAX_WORDS * 2:
        return None             # not alone at the line's start: "The verdict was clear: “…”" is the narrator's
    # notes in brackets ("LTG Russel Honoré (Ret.)", "De Volkskrant (Amsterdam, The Netherlands)") blanked
    label = LABEL_NOTE.sub(lambda m: " " * len(m.group()), text[ls:colon])
    found: list[tuple[int, int, Subject | None]] = []      # (start, end, subject) of each part that may name
    p = ls
    for piece in label.split(","):
        lead = len(piece) - len(piece.lstrip())
        words = piece.split()
        ps, pe = p + lead, p + len(piece.rstrip())
        p += len(piece) + 1
        if not words or ps == ls and words[0].casefold() in LABEL_TOPICS:
            if ps == ls:
                return None
            continue
        if words[-1][:1].isupper() and all(
                (w[:1].isupper() or w in LABEL_PARTICLES or w in LABEL_JOINERS) and not (
                    w.endswith(".") and len(w.strip(".")) > 4) for w in words) and len(words) <= LABEL_MAX_WORDS:
            if not all(LABEL_TITLE.fullmatch(w.strip(".")) or w in LABEL_PARTICLES for w in words):
                found.append((ps, pe, _label_subject(ix, ps, pe)))
            continue
        subj = _label_subject(ix, ps, pe)
        if ps == ls and (subj is None or subj.kind != "mention"):
            return None     # a sentence's words ("Here’s what they’re saying"), unless a registry name ends them
        if subj is not None and subj.kind == "mention":
            found.append((ps, pe, subj))      # "European Union foreign policy chief Kaja Kallas"
    for ps, pe, subj in found:
        # a registry name: the first part's, or a later part's person ("…, a former US ambassador to Ukraine" is
        # no one)
        if subj is not None and subj.kind == "mention" and (ps == ls or subj.member.kind == "person"):
            return Attribution(subj.start, subj, "label", colon, colon + 1, "direct", s, e, rule="label")
    named = [(ps, pe, subj) for ps, pe, subj in found if subj is not None and subj.kind != "mention"
             or subj is None and (len(text[ps:pe].split()) > 1 or len(label.split()) == 1 and one_word_label(label))]
    # the first part that names someone, an institution's name only when no part names a person
    # ("Ranking Member, Harbour Committee, Councillor Piet Karsk")
    people = [x for x in named if not INSTITUTION_WORDS.search(text[x[0]:x[1]])]
    for ps, pe, subj in (people or named)[:1]:
        # a name the subject grammar does not read ("Juliet K. Choi", "OCA – Asian Pacific American
        # Advocates"): the label's own words name the speaker
        subj = subj or Subject("name", ps, pe, text[ps:pe])
        return Attribution(subj.start, subj, "label", colon, colon + 1, "direct", s, e, rule="label")
    return None


#: Words that head a line of a page rather than name who speaks ("CLAIM: “…”" on a fact-check page, "Note:").
LABEL_HEADINGS = frozenset("""note notes update watch read quote quotes background context transcript source sources
    headline example summary claim claims fact facts hoax myth truth reality reminder flashback related more also
    question answer excerpt excerpts video audio statement tweet post photo caption editor""".split())


def one_word_label(word: str) -> bool:
    """Whether a label of one word names a speaker: an organisation or outlet on a list of quotations ("NAACP:
    “…”", "Shatterproof: “…”", "Reuters: “…”"; found in stop 50 on the White House's praise pages, where their
    words stayed the White House's), not a heading word (:data:`LABEL_HEADINGS`) or a letter ("Q:")."""
    w = word.strip()
    return len(w) >= 3 and w[:1].isupper() and " " not in w and w.strip(".").casefold() not in LABEL_HEADINGS


def _topic_under_heading(ix: DocIndex, ls: int, colon: int, s: int, e: int) -> Attribution | None:
    """A topic bullet's quotation ("- On tariffs: “…”") under a heading that names who speaks where
    ("Secretary of State Marco Rubio on Face the Nation", the White House's "Sunday shows" pages):
    the heading's person's, found as a label's name is; None without such a heading."""
    text = ix.text
    hs, he = _line_above(ix, ls)
    while hs >= 0 and text[hs] in "-•–":        # back over the bullets (and blank lines) above
        hs, he = _line_above(ix, text.rfind("\n", 0, hs) + 1)
    if hs < 0:
        return None
    line = text[hs:he]
    subj = _heading_on(ix, hs, line) if len(line.split()) <= LABEL_MAX_WORDS + 4 else None
    if subj is None:
        return None
    return Attribution(subj.start, subj, "label", colon, colon + 1, "direct", s, e, rule="label")


def _heading_on(ix: DocIndex, hs: int, line: str) -> Subject | None:
    """The person a heading at ``hs`` names as who speaks where ("Secretary of State Marco Rubio on Face the
    Nation": :data:`HEADING_ON`), found as a label's name is; None for another heading."""
    m = HEADING_ON.fullmatch(line)
    subj = _label_subject(ix, hs, hs + m.end("name")) if m is not None else None
    return subj if subj is not None and subj.kind in ("mention", "name") else None


#: A bullet's mark before a quotation that opens it ("- “…"), at the line's start.
QUOTE_BULLET_MARK = re.compile(r"[ \t]*[-•–][ \t]+")
#: A bullet that is only a quotation, the page's links in brackets after it ("- “…” (Watch)").
QUOTE_BULLET = re.compile(r"[ \t]*[-•–][ \t]+[“\"][^\n]*[”\"](?:[ \t]*\([^()\n]{0,60}\))*[ \t]*")
#: Any bullet.
BULLET = re.compile(r"[ \t]*[-•–][ \t]")
#: A list's heading that gives a person's words: "Here are highlights from President Quill’s speech:".
HEADING_POSSESSIVE = re.compile(r"(?P<name>[A-Z][^.!?:;“”\"\n]*?)[’']s\s+(?:[a-z\-]+\s+){0,2}(?:speech|remarks|address|"
                                r"interview|statement|testimony|op-ed|press conference|comments|appearance|"
                                r"conversation)\b[^:\n]*:")
#: A list's heading that names no one but says it holds the highlights ("Here are some of the key moments:").
HEADING_HIGHLIGHTS = re.compile(r"(?i)[^:\n]*\b(?:highlights?|moments|takeaways)\b[^:\n]*:")


def bullet_under_heading(ix: DocIndex, qs: int, s: int, e: int) -> Attribution | None:
    """A quotation that is a whole bullet ("- “…” (Watch)") of a list of such bullets: the speaker's whom
    the list's heading names — "Secretary Rubio on This Week" (as a topic bullet's), "Here are highlights
    from President Quill’s speech:" — or, under a heading of highlights that names no one ("Here are some
    of the key moments:"), the person the paragraph before it opens with ("In an interview, President
    Quill reflected on …"). None otherwise, and for a bullet of a list that holds the page's own lines."""
    text = ix.text
    lines = _list_around(ix, qs)
    if lines is None:
        return None
    hs, he = _line_above(ix, lines[0])
    if hs < 0:
        return None
    line = text[hs:he]
    if len(line.split()) > LABEL_MAX_WORDS + 4:
        return None
    subj = None
    if HEADING_ON.fullmatch(line):
        subj = _heading_on(ix, hs, line)
    elif (m := HEADING_POSSESSIVE.fullmatch(line)) is not None:
        subj = _label_subject(ix, hs, hs + m.end("name"))
        if subj is None or subj.kind != "mention" or subj.member.kind != "person":
            subj = None
    elif HEADING_HIGHLIGHTS.fullmatch(line) and not _people(ix, hs, he):
        subj = _lead_person(ix, hs)
    if subj is None:
        return None
    mark = max(ix.start, text.rfind("\n", 0, qs) + 1)
    return Attribution(subj.start, subj, "label", mark, mark + 1, "direct", s, e, rule="label")


def _list_around(ix: DocIndex, pos: int) -> list[int] | None:
    """The starts of the bullet lines next to ``pos``'s line, top to bottom, when each is only a
    quotation (:data:`QUOTE_BULLET`); None when one is not."""
    text = ix.text
    ls = max(ix.start, text.rfind("\n", 0, pos) + 1)
    starts = [ls]
    while starts[0] > ix.start:                      # up
        p = max(ix.start, text.rfind("\n", 0, starts[0] - 1) + 1)
        if not BULLET.match(text, p, starts[0]):
            break
        starts.insert(0, p)
    while True:                                      # down
        nl = text.find("\n", starts[-1], ix.end)
        if nl < 0 or not BULLET.match(text, nl + 1, ix.end):
            break
        starts.append(nl + 1)
    for p in starts:
        end = text.find("\n", p, ix.end)
        if not QUOTE_BULLET.fullmatch(text, p, ix.end if end < 0 else end):
            return None
    return starts


def _line_above(ix: DocIndex, ls: int) -> tuple[int, int]:
    """The first line above the line starting at ``ls`` that is not blank, trimmed; (-1, -1) if none."""
    text = ix.text
    end = ls - 1
    while end > ix.start:
        start = max(ix.start, text.rfind("\n", 0, end) + 1)
        s, e = ix.trim(start, end)
        if e > s:
            return s, e
        end = start - 1
    return -1, -1


def _people(ix: DocIndex, start: int, end: int) -> list[tuple[int, int, Member]]:
    """The registry people mentioned in ``text[start:end]`` (outside quotations)."""
    return [m for m in ix.mentions_between(start, end) if m[2].kind == "person"]


def _lead_person(ix: DocIndex, heading: int) -> Subject | None:
    """The registry person who opens the first sentence of the paragraph above the line at ``heading``,
    as its subject: first in the sentence or after an opening phrase and its comma (a title before the
    name too), a verb after it ("In an interview, President Quill reflected …"); None otherwise."""
    text = ix.text
    ps, pe = _line_above(ix, heading)
    if ps < 0:
        return None
    ss, se = ix.trim(*ix.sents[ix.sent_idx(ps)])
    ss = max(ss, ps)
    found = _people(ix, ss, min(se, pe))
    if not found:
        return None
    s, e, member = found[0]
    lead = text[ss:s].split()
    while lead and LABEL_TITLE.fullmatch(lead[-1].strip(".")):
        lead.pop()                                  # the name's title: "…, President Ada Quill reflected"
    if lead and not lead[-1].endswith(",") or not re.match(r"\s+[a-z]+\b", text[e:e + 30]) or \
            text[e:e + 30].split()[0] in LABEL_PARTICLES | {"and", "or", "who", "which", "that"}:
        return None
    return Subject("mention", s, e, text[s:e], member=member)


def _label_subject(ix: DocIndex, start: int, end: int):
    """The subject that ends a label's part exactly: from its first word, else from a later one
    ("… Committee Chair Jim Risch"); a name of one word only if it is a registry member's."""
    text = ix.text
    p = start
    while p < end:
        before = text[start:p].split()
        # from a later word: a registry name, or a name after a title ("… Committee Chair Jim Risch") or a
        # place after one ("Ambassador to Ruritania Ada Quill"); not "the World" of "Bread for the World"
        if not before or before[-1] not in LABEL_PARTICLES:
            subj = np_forward(ix, p, end)
            if subj is not None and subj.end == end and subj.kind in NEXT_SUBJECTS and (
                    subj.kind != "name" or len(subj.text.split()) > 1) and (
                    not before or subj.kind == "mention" or LABEL_TITLE.fullmatch(before[-1].strip(".")) or
                    len(before) > 1 and before[-2] in ("to", "of")):
                return subj
        nxt = text.find(" ", p, end)
        if nxt < 0:
            return None
        p = nxt + 1
    return None


def attribution_after(ix: DocIndex, p: int, s: int, e: int) -> Attribution | None:
    """The attribution right after a quotation (at ``p``) of its content ``s:e``, or None."""
    cues = ix.cues
    text = ix.text
    lim = min(len(text), p + 120)
    i = bisect.bisect_left(cues, (p, -1, ""))
    if i >= len(cues):
        return None
    cs_, cend, w = cues[i]
    if cs_ >= lim:
        return None
    gap = text[p:cs_]
    if "." in gap:
        gap = HONORIFIC_DOT.sub("", gap)     # "“…,” Mr. Hale said": the honorific's period ends nothing
    if re.search(r"[.!?;:“”\"]", gap):
        return None
    if cs_ == p:
        # inverted: said X
        if w == "according to":
            return None
        subj = np_forward(ix, cend, ix.sent_end(cend))
        if subj is None:
            return None
        return Attribution(subj.start, subj, w, cs_, cend, "direct", s, e, rule="after-inverted")
    subj = subject_before(ix, cs_, w, lo=p)
    if subj is None or subj.kind == "elided" or subj.start != p:
        return None
    return Attribution(subj.start, subj, w, cs_, cend, "direct", s, e, rule="after")


#: A sentence that names the speaker of the quotation just before it, a closed list: "That was the view
#: of X", "So said X", "Those were the words of X", "The words were X’s".
NEXT_ATTRIBUTION = re.compile(
    r"(?:That|This)\s+(?:was|is)\s+the\s+(?P<view>view|verdict|assessment|message|warning|position|reply|"
    r"response)\s+of\s+"
    r"|So\s+(?P<so>said|says)\s+"
    r"|(?:Those|These|Such)\s+(?:were|are)\s+the\s+(?P<words>words)\s+of\s+"
    r"|(?:The|Those|These)\s+(?P<poss>words|remarks)\s+(?:were|are)\s+(?=[A-Z])")
#: What may follow the name: an apposition ("…, the Northland foreign minister"), a time or place
#: ("on Tuesday", "in Eastport"), the final stop; nothing else (no clause of its own).
NEXT_REST = re.compile(r"(?:,\s+(?:the|a|an|who|whose|[A-Z])[^.!?;:“”\"]{0,80}?)?"
                       r"(?:\s+(?:on|in|at|during|after|before|last|this|earlier|later|yesterday|today)\b"
                       r"[^.!?;:,“”\"]{0,40})?\s*[.!]?")
NEXT_POSSESSIVE = re.compile(r"[’']s\s*[.!]?")
#: Subjects the rule accepts: a registry name, a name, a title ("So said the Southland premier"), a role.
NEXT_SUBJECTS = ("mention", "name", "title", "role")


def named_next(ix: DocIndex, claimed: Iterable[int]) -> list[tuple[int, Attribution]]:
    """Quotations whose speaker the next sentence names (:data:`NEXT_ATTRIBUTION`): “Talks are dead.”
    That was the view of Ada Quill, the Northland foreign minister. The quotation must be a whole
    sentence (or several) ending in a stop, and the naming sentence nothing but the pattern, the
    name and an apposition or time. Returns (quote index, attribution) pairs; ``claimed``: quotes
    already attributed by their marks."""
    text = ix.text
    claimed = set(claimed)
    out: list[tuple[int, Attribution]] = []
    for si in range(1, len(ix.sents)):
        ss, se = ix.trim(*ix.sents[si])
        if ss < ix.start or text[ss] not in "TS":
            continue
        m = NEXT_ATTRIBUTION.match(text, ss, se)
        if m is None:
            continue
        qi = bisect.bisect_left(ix.q_starts, ss) - 1
        if qi < 0 or qi in claimed:
            continue
        qs, qe, cs, ce, closed = ix.quotes[qi]
        if not closed or qe > ss or text[qe:ss].strip() not in ("", ".") or text[ce - 1:ce] not in ".!?…" \
                and text[qe:qe + 1] != ".":
            continue
        before = text[ix.start:qs].rstrip(" \t")
        if before and before[-1] not in "\n.!?…”\"":
            continue            # the quotation is part of a sentence: its own rules hold it
        subj = np_forward(ix, m.end(), se)
        if subj is None or subj.kind not in NEXT_SUBJECTS:
            continue
        rest = NEXT_POSSESSIVE if m.group("poss") else NEXT_REST
        if not rest.fullmatch(text, subj.end, se):
            continue
        s, e = ix.trim(cs, ce)
        cue = m.group("so") or SPACE_RUN.sub(" ", m.group().strip()).split(" ", 1)[1].lower()
        at = m.start("so") if m.group("so") else ss      # "So said X": that cue is this rule's, no other's
        out.append((qi, Attribution(subj.start, subj, cue, at, se, "direct", s, e, rule="next-sentence")))
    return out


def unclaimed_quotes(ix: DocIndex, direct: frozenset[int], atts: Iterable[Attribution]) -> list[Attribution]:
    """Quotations no attribution claimed, as ``continuation`` attributions (the speaker comes later,
    from the previous statements; after a labelled quotation only for a quotation that opens its line,
    else no one's: rule ``unclaimed``); short quotes in the narrator's sentence are scare quotes, skipped."""
    text = ix.text
    atts = list(atts)
    spans = sorted((a.start, a.end) for a in atts if a.rule not in DIRECT_RULES)
    before = sorted((a.start, a.rule == "label") for a in atts)
    out = []
    for qi, (qs, qe, cs_, ce_, closed) in enumerate(ix.quotes):
        if qi in direct or covered(spans, qs, qe):
            continue
        words = len(text[cs_:ce_].split())
        if words < 4 and not re.search(r"[.!?]", text[cs_:ce_]):
            continue    # scare quotes / short fragments in the narrator's sentence
        k = bisect.bisect_left(before, (qs, False)) - 1
        if in_editors_note(text, qs, qe) or \
                k >= 0 and before[k][1] and text[text.rfind("\n", 0, qs) + 1:qs].strip():
            # the benches' shout in Hansard's "[Hon. Members: “Hear, hear.”]" goes on with no one;
            # after a labelled quotation, the page's own line that quotes someone ("- Polls say Ukrainians
            # believe “…”") does not go on with the label's speaker (a quotation opening its line does): no one's
            s, e = ix.trim(cs_, ce_)
            if e > s:
                out.append(Attribution(qs, None, "", qs, qs, "continuation", s, e, rule="unclaimed"))
            continue
        s, e = ix.trim(cs_, ce_)
        if e > s:
            out.append(Attribution(qs, None, "", qs, qs, "continuation", s, e, rule="continuation"))
    return out


def in_editors_note(text: str, qs: int, qe: int) -> bool:
    """Whether the quotation ``qs..qe`` stands inside an editor's note in square brackets, on its line:
    Hansard's "[Hon. Members: “More!”]"."""
    o = text.rfind("[", max(0, qs - 200), qs)
    if o < 0 or "]" in text[o:qs] or "\n" in text[o:qs]:
        return False
    c = text.find("]", qe, qe + 200)
    return c >= 0 and "[" not in text[qe:c] and "\n" not in text[qe:c]


#: A quotation inside a quotation: ‘…’ (or "…" inside curly marks), opened after a space or a colon.
INNER_QUOTE = re.compile(r"(?:(?<=[\s:(—–“])|^)(?P<o>[‘'\"])(?=[\w…])(?P<body>(?:[^‘’\"“”\n]|’(?=\w)){2,400}?)(?<=[\w.,!?…])"
                         r"(?P<c>[’'\"])(?![\w])")
#: Between the inner speaker's cue and the inner quotation: the person told, "that", a comma or colon.
INNER_GAP = re.compile(r"\s+(?:(?:me|us|him|her|them|reporters|journalists)\s+)?(?:that\s+)?[,:]?\s*\Z|[,:]?\s*\Z")
#: A name just before the inner cue: "… Oduya told", "… Lena Voss said".
INNER_NAME = re.compile(r"(?<![\w’'])(?P<name>[A-Z][\w’'\-]+(?:\s+[A-Z][\w’'\-]+){0,2})\s+\Z")
#: After the inner quotation: ", Oduya said" / " Oduya told me".
INNER_AFTER = re.compile(r",?\s+(?P<name>[A-Z][\w’'\-]+(?:\s+[A-Z][\w’'\-]+){0,2})\s+(?=\w)")


def embedded_quotes(ix: DocIndex, outer: Iterable[Attribution]) -> list[Attribution]:
    """Quotations inside a resolved direct quotation that it attributes to someone else: “Oduya told me
    ‘we will never cede Eastport’, and I believe him.” (Quill's) → the inner words, Oduya's, as an
    ``embedded`` attribution (its reporter: the statement whose span contains it). The inner speaker
    must be named next to a cue, before ("Oduya told me ‘…’") or after ("‘…,’ Oduya said") the quote;
    pronouns, titles and the outer speaker themself ("I told him ‘…’") give nothing."""
    text = ix.text
    out: list[Attribution] = []
    for a in outer:
        if a.kind != "direct" or not a.speakers or not all(sp.resolved for sp in a.speakers) \
                or not any(c in text[a.start:a.end] for c in "‘'\""):
            continue
        own = {sp.name for sp in a.speakers}
        for m in INNER_QUOTE.finditer(text, a.start, a.end):
            if m.group("o") == '"' and m.group("c") != '"' or m.group("o") != '"' and m.group("c") == '"':
                continue
            found = _inner_speaker(ix, a.start, a.end, m)
            if found is None:
                continue
            sp, cue, cs, ce = found
            if sp.name in own:
                continue
            s, e = ix.trim(m.start("body"), m.end("body"))
            if len(text[s:e].split()) < 2:
                continue        # a word in marks is a term, not words spoken
            out.append(Attribution(cs, None, cue, cs, ce, "embedded", s, e, rule="embedded", speakers=[sp],
                                   confidence=0.6))
    return out


def _inner_speaker(ix: DocIndex, lo: int, hi: int, m: re.Match) -> tuple[Speaker, str, int, int] | None:
    """The person an inner quotation's own cue names, its cue and the cue's span; None when none."""
    text = ix.text
    qs, qe = m.start(), m.end()
    before = [c for c in CUE_RE.finditer(text, lo, qs) if c.group() != "According to"]
    if before:
        c = before[-1]
        if INNER_GAP.match(text, c.end(), qs) and text[c.end():qs].count(",") + text[c.end():qs].count(":") <= 1:
            sp = _named(ix, lo, c.start())
            if sp is not None:
                return sp, SPACE_RUN.sub(" ", c.group()), c.start(), c.end()
    if text[qe - 2:qe - 1] in ",!?" or text[qe - 1:qe] == ",":
        n = INNER_AFTER.match(text, qe, hi)
        if n is not None:
            c = CUE_RE.match(text, n.end(), hi)
            if c is not None and c.group() != "According to":
                sp = _named(ix, lo, n.end())
                if sp is not None:
                    return sp, SPACE_RUN.sub(" ", c.group()), c.start(), c.end()
    return None


def _named(ix: DocIndex, lo: int, pos: int) -> Speaker | None:
    """A registry member or a person's name (two or three capitalised words) ending just before ``pos``."""
    text = ix.text
    end = pos
    while end > lo and text[end - 1].isspace():
        end -= 1
    hit = ix.by_end.get(end)
    if hit is not None and hit[0] >= lo:
        return member_speaker(hit[1])
    n = INNER_NAME.search(text, lo, pos)
    if n is None:
        return None
    name = SPACE_RUN.sub(" ", n.group("name"))
    member = ix.matchers.resolve(name)
    if member is not None:
        return member_speaker(member)
    words = name.split()
    if len(words) < 2 or not_a_name_word(words[0]) or any(w.lower() in CUES for w in words) \
            or PERSON_TITLE_WORDS.search(name) or INSTITUTION_WORDS.search(name):
        return None
    return Speaker(UNATTRIBUTED, name, "person")
