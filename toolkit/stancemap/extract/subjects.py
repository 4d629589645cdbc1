"""Subjects: the noun phrase that speaks — before a cue ("Quill, speaking from Eastport, said"),
after it ("…, said the Southland premier", "according to a spokesman for the Ministry"), or
coordinated ("Quill and Oduya said", one speaker each).

Pure functions of the :class:`~stancemap.extract.index.DocIndex` and a token list. Two flags
travel with a search instead of living on an object: ``ing`` (the cue is an -ing form: "with
Quill insisting that …" makes Quill the subject) and ``relative`` ("talks with Oduya, who said
…": Oduya speaks).
"""
from __future__ import annotations

import bisect
import re

from ..text import not_a_name_word, stopwords
from .index import DocIndex
from .lexicon import (BE, CONNECTORS, CUES, DOC_FWD, DOC_NOUNS, FIELD_WORDS, GENERIC, GENERIC_FWD, HOMOGRAPHS, HONORIFIC_FWD,
                      HONORIFICS, INSTITUTION_WORDS, LEADING_NAME_WORDS, MESSAGE_NOUNS, NAME_FWD, NOT_ADVERB, OFFICE_NOUNS,
                      PARTICLES, PERSON_TITLE_WORDS, PLURAL_DETERMINERS,
                      POSSESSIVE, PREPOSITIONS, PRONOUN_FWD, PRONOUNS, QUANTIFIERS, ROLE_FWD, ROLE_HEADS, ROLE_NOUNS,
                      SKIP, SPACE_RUN, THE_CAPS_FWD, TITLE_FULL, TITLE_FWD, TITLE_LAST, WEEKDAYS)
from .names import after_place, person_name, title_key
from ..actors import Member
from .records import Subject

__all__ = ["inverted", "message_sender", "np_forward", "np_single", "side_title", "subject_before"]


def subject_before(ix: DocIndex, cue_start: int, cue: str, lo: int | None = None) -> Subject | None:
    """The subject of the cue verb at ``cue_start``, looking back within its sentence."""
    ss = ix.sent_start(cue_start)
    if lo is None:
        lo = max(ss, cue_start - 300)
    toks = ix.tokens(lo, cue_start)
    form = CUES[cue][2]
    ing = form == "ing"
    k = len(toks) - 1
    if k >= 0 and toks[k][2].lower() in ("which", "that", "whom"):
        return None     # "the claims which said …": a relative clause about a thing
    saw_relative = False
    while k >= 0:
        w = toks[k][2]
        wl = w.lower()
        if wl in SKIP:
            saw_relative = saw_relative or wl == "who"
            k -= 1
            if wl in WEEKDAYS and k >= 0 and toks[k][2].lower() in ("on", "last"):
                k -= 1      # "Scholz on Monday said"
            continue
        if w.islower() and wl.endswith("ly") and len(wl) > 4 and wl not in NOT_ADVERB:
            k -= 1
            continue
        if wl in BE:
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
            if relative_between(ix, ss, toks[k][0]) or cue in HOMOGRAPHS and not (
                    bisect.bisect_left(ix.cue_starts, toks[k][0]) > bisect.bisect_left(ix.cue_starts, ss)):
                return None     # "the accident that occurred … and claimed lives"; "demands and claims"
            return Subject("elided", toks[k][0], toks[k][1], w)
    strong = cue in HOMOGRAPHS
    if w == ",":
        # "Zelensky, speaking from Finland, said …" / "Putin, who …, said" / "Russia, however, said"
        if k - 1 >= 0:
            # "talks with Oduya, who said …": Oduya speaks
            subj = np_at(ix, toks, k - 1, ss, strong, ing=ing, relative=saw_relative)
            if subj is not None:
                return apposition_head(ix, toks, subj, ss, strong, ing) or subj
        commas = [j for j in range(k - 1, -1, -1) if toks[j][2] == ","][:3]
        for j in commas:
            if j - 1 < 0:
                break
            if any(t[2] in "“”\"" for t in toks[j:k]):
                break
            subj = np_at(ix, toks, j - 1, ss, strong, ing=ing)
            if subj is not None:
                return subj
        return None
    return np_at(ix, toks, k, ss, strong, ing=ing)


#: Articles that open an apposition's role ("…, a harbour analyst, said").
ARTICLES = ("a", "an", "the")


def apposition_head(ix: DocIndex, toks, subj: Subject, ss: int, strong: bool, ing: bool) -> Subject | None:
    """The name an apposition describes: "Jo Marlow, a harbour analyst, said …" → Jo Marlow, not the
    role. Only a role with an article, after a comma, after a name that opens the sentence; else None."""
    if subj.kind not in ("role", "generic"):
        return None
    j = tok_index(toks, subj.start) - 1
    if subj.text.split()[0].lower() not in ARTICLES:
        if j < 0 or toks[j][2].lower() not in ARTICLES:
            return None
        j -= 1      # "a harbour analyst": the role's span may leave its article out
    if j < 1 or toks[j][2] != ",":
        return None
    head = np_single(ix, toks, j - 1, ss, ing=ing)
    if head is None or head.kind not in ("name", "mention") or ix.text[ss:head.start].strip(" \t\n“\"‘'"):
        return None
    return None if strong and head.kind == "name" and " " not in head.text else head


def inverted(ix: DocIndex, cs: int, ce: int, cue: str) -> Subject | None:
    """"The talks were productive, said Quill.": a cue after a comma, its subject after it, then the end."""
    text = ix.text
    if CUES[cue][1] == "object" or not text[max(ix.start, cs - 3):cs].rstrip().endswith(","):
        return None
    se = ix.sent_end(cs)
    subj = np_forward(ix, ce, se)
    if subj is None or subj.kind in ("pronoun",) or not re.fullmatch(r"[\s.!?…]*|,[^,;:]{0,60}[.!?…]?",
                                                                      text[subj.end:se]):
        return None
    return subj


def relative_between(ix: DocIndex, ss: int, conn: int) -> bool:
    """A relative clause between the last cue (or the sentence start) and an elided-subject connector."""
    i = bisect.bisect_left(ix.cue_starts, conn) - 1
    lo = ss
    if i >= 0 and ix.cue_starts[i] >= ss:
        lo = ix.cue_ends[i]
        m = re.match(r"[^,;:.“”\"]{0,60}?\bthat\b", ix.text[lo:conn])
        if m:
            lo += m.end()
    return re.search(r"\b(?:that|which|who|whom|whose|where)\b", ix.text[lo:conn]) is not None


def np_at(ix: DocIndex, toks, k: int, ss: int, strong: bool = False, *,
        ing: bool = False, relative: bool = False) -> Subject | None:
    """A subject noun phrase ending with token ``k``; coordinated subjects are collected.

    ``strong``: the cue is also a noun ("states", "demands"), so only a clear subject counts.
    """
    subj = np_single(ix, toks, k, ss, ing=ing, relative=relative)
    if subj is None:
        return None
    if strong and subj.kind in ("role", "generic", "office") or \
            strong and subj.kind == "name" and " " not in subj.text:
        return None
    if subj.kind not in ("mention", "name", "title", "role", "generic") and not (
            subj.kind == "office" and subj.owner is not None and subj.owner.kind == "pronoun"):
        return subj     # "Secretary Rubio and his team" is a list; "the Ministry's office" is not
    parts = [subj]
    j = tok_index(toks, subj.start) - 1
    saw_and = False
    while j >= 1:
        link = toks[j][2].lower()
        if link in ("and", "&"):
            saw_and = True
        elif link != "," or not saw_and:     # "A, B and C said"
            break
        prev = np_single(ix, toks, j - 1, ss, ing=ing, relative=relative)
        holder = prev is not None and holder_role(ix, prev)
        if link == "and" and len(parts) == 1 and prev is not None and prev.kind == "role" \
                and title_runs_on(ix, prev, parts[0], holder):
            return Subject("role", prev.start, parts[0].end, ix.text[prev.start:parts[0].end])
        if prev is None or prev.kind not in ("mention", "name", "title") and not holder:
            break
        if link == "and" and prev.kind == "name" and parts[0].kind in ("name", "role") and \
                INSTITUTION_WORDS.search(ix.text[parts[0].start:parts[0].end]):
            # "the National Security and Defense Council": one name, not two speakers
            merged = np_single(ix, toks, j - 1, ss, ing=ing, relative=relative)
            parts[0] = Subject("name", merged.start, parts[0].end, ix.text[merged.start:parts[0].end])
            j = tok_index(toks, merged.start) - 1
            if j >= 0 and toks[j][2].lower() == "the":
                parts[0] = Subject("role", toks[j][0], parts[0].end, ix.text[toks[j][0]:parts[0].end])
            saw_and = False
            continue
        parts.insert(0, prev)
        j = tok_index(toks, prev.start) - 1
    if len(parts) == 1:
        return subj
    if parts[-1].kind in ("role", "generic") and not ix.text[parts[-1].start:parts[-1].end].split()[0] \
            .lower() in POSSESSIVE and not holder_role(ix, parts[-1]):
        return subj     # "Quill and her ministers" yes; "the Ministry and analysts" stays one subject
    # "the leaders of Ukraine, Georgia and Moldova": the list is an object of a preposition
    if j >= 0 and toks[j][2].lower() in PREPOSITIONS:
        head = np_single(ix, toks, j - 1, ss, ing=ing, relative=relative) if j >= 1 else None
        if head is not None and head.kind in ("generic", "role", "title"):
            return Subject("role", head.start, parts[-1].end, ix.text[head.start:parts[-1].end])
        return None
    return Subject("coord", parts[0].start, parts[-1].end, ix.text[parts[0].start:parts[-1].end],
                   parts=tuple(parts))


#: A title's spouse: "the |President|’s |wife|".
SPOUSE_OF = re.compile(r"(?i:the)\s+([A-Z][\w\-]*(?:\s+[A-Z][\w\-]*)?)[’']s\s+(wife|husband|spouse)")


def dated_title(ix: DocIndex, phrase: str):
    """The person who held the registry title ``phrase`` names (an alias under ``titles:``) on the
    document's day, when the phrase names the country or body ("the President of France", "the Ukrainian
    foreign minister") or the holder is of the publisher's own side ("the Head of the Office of the
    President" on Kyiv's pages; there "the First Lady" and "the President's wife" are the side's own, "the
    First Lady of Ukraine", never Washington's). None without a date, for
    another phrase, or when nobody registered held the title then."""
    if not ix.date:
        return None
    registry = ix.matchers.registry
    spouse = SPOUSE_OF.fullmatch(phrase.strip())
    if spouse is not None:
        # Kyiv's "the President's wife" is "the wife of the President of Ukraine" (a member's alias)
        return side_title(registry, f"the {spouse.group(2).lower()} of the {spouse.group(1)}", ix.side, registry.resolve)
    member = registry.resolve(phrase, date=ix.date)
    if member is None or member.kind != "person" or registry.resolve(phrase) is not None:
        return None
    named = [w for w in re.findall(r"[A-Z][\w’'\-]*", phrase) if w.casefold() not in ("the", "first")
             and not PERSON_TITLE_WORDS.fullmatch(w) and not INSTITUTION_WORDS.fullmatch(w)]
    if named or member.actor == ix.side:
        return member
    # on the publisher's side's pages a bare title is that side's own: Kyiv's "the First Lady" is "the First Lady of
    # Ukraine" (a member's alias), not Washington's holder of the title
    return side_title(registry, phrase, ix.side, registry.resolve)


def side_title(registry, phrase: str, side: str | None, resolve) -> Member | None:
    """The person of group ``side`` that "<phrase> of <the group's label>" names ("the First Lady" → "the First
    Lady of Ukraine" on Kyiv's pages), by ``resolve`` (a label → member function); None when there is none."""
    group = registry.groups.get(side or "")
    own = resolve(f"{phrase} of {group.label}") if group is not None else None
    return own if own is not None and own.kind == "person" and own.actor == side else None


#: A definite person's title of a named country or body: "the |President| of France", "the Prime
#: |Minister| of Spain", "the |Head| of the Office of the President" (one person; not "the Ministry of …").
TITLE_OF = re.compile(r"(?i:the)\s+(?:[A-Z][\w’'\-]*\s+){0,3}?(\w+)\s+of\s+(?:the\s+)?[A-Z]")


def holder_role(ix: DocIndex, subj: Subject) -> bool:
    """Whether a role subject names one person — a person's title of a named country or body
    (:data:`TITLE_OF`), or a title :func:`dated_title` resolves on the document's day — so that it can
    be one of several coordinated speakers: "the President of France and Olaf Scholz said"."""
    if subj.kind != "role":
        return False
    m = TITLE_OF.match(subj.text)
    return m is not None and PERSON_TITLE_WORDS.fullmatch(m.group(1)) is not None \
        or dated_title(ix, subj.text) is not None


#: A role that ends in its department's first word: "the Secretary of State for |Health| and Social Care".
FOR_DEPARTMENT = re.compile(r"\bfor\s+[A-Z][\w’'\-]*\Z")


def title_runs_on(ix: DocIndex, role: Subject, after: Subject, holder: bool) -> bool:
    """Whether "<role> and <after>" is one title, not two speakers: "the Secretary of State for Health and
    Social Care" (a department), "the Secretary of the National Security and Defense Council" (a person's
    title, ``holder``, whose body's name runs on)."""
    if after.kind == "name" and FOR_DEPARTMENT.search(role.text):
        return True
    return holder and after.kind in ("name", "role") and ix.text[after.start:after.start + 4].lower() != "the " \
        and INSTITUTION_WORDS.search(ix.text[after.start:after.end]) is not None


def tok_index(toks, pos: int) -> int:
    """Index of the first token starting at or after ``pos``."""
    lo, hi = 0, len(toks)
    while lo < hi:
        mid = (lo + hi) // 2
        if toks[mid][0] < pos:
            lo = mid + 1
        else:
            hi = mid
    return lo


def preceded_by_preposition(toks, start: int, *, ing: bool = False, relative: bool = False) -> bool:
    """Whether the phrase starting at ``start`` is the object of a preposition (so not a subject)."""
    j = tok_index(toks, start) - 1
    if j < 0:
        return False
    w = toks[j][2].lower()
    if relative:
        return False
    # "with Putin insisting that …": an absolute clause, the noun is the subject of the -ing cue
    return w in PREPOSITIONS and not (w == "with" and ing)


#: "the heads of state", "both heads of government": a group subject of several words.
HEADS_OF = re.compile(r"(?i)\b(?:the|both)\s+(?P<group>(?:two\s+)?heads\s+of\s+(?:state|government))\Z")


def np_single(ix: DocIndex, toks, k: int, ss: int, *,
        ing: bool = False, relative: bool = False) -> Subject | None:
    """The subject noun phrase (without coordination) ending with token ``k``, or None: a registry
    mention, a pronoun, a document/office/role noun, a title, an unnamed group, a capitalised name."""
    text = ix.text
    ts, te, w = toks[k]
    wl = w.lower()
    # 1. a registry mention ending here
    hit = ix.by_end.get(te)
    if hit is not None and hit[0] >= ss and not ix.in_quote(hit[0]):
        start, member = hit
        hj = honorific_back(toks, tok_index(toks, start))
        if hj < len(toks) and toks[hj][0] < start:
            # "Mrs. Oduya said": the honorific is part of the name's span
            if preceded_by_preposition(toks, toks[hj][0], ing=ing, relative=relative):
                return None
            return Subject("mention", toks[hj][0], te, text[toks[hj][0]:te], member=member)
        chain = of_chain(ix, toks, start, ing=ing, relative=relative)
        if chain is not None:
            return chain if chain.kind != "none" else None
        return Subject("mention", start, te, text[start:te], member=member)
    # the people who met, by their part: "the heads of state noted", "both heads of government"
    if wl in ("state", "government"):
        hm = HEADS_OF.search(text, max(ss, te - 40), te)
        if hm is not None and not preceded_by_preposition(toks, hm.start(), ing=ing, relative=relative):
            return Subject("generic", hm.start("group"), te, hm.group("group"))
    # 2. personal pronouns
    if wl in PRONOUNS:
        if preceded_by_preposition(toks, ts, ing=ing, relative=relative):
            return None
        return Subject("pronoun", ts, te, w, ptype=PRONOUNS[wl])
    # 3. documents, offices, unnamed roles: "<owner> statement", "Zelensky's office", "a spokesman"
    noun = wl
    if noun in ("release", "service") and k >= 1 and toks[k - 1][2].lower() == "press":
        noun = "press " + noun
    if noun in DOC_NOUNS or noun in ("press release", "press service") or noun in OFFICE_NOUNS \
            or noun in ROLE_NOUNS:
        subj = owned_noun(ix, toks, k, noun, ss, ing=ing, relative=relative)
        if subj is not None:
            return subj if subj.kind != "none" else None
    # 4. titles: "the President", "the Ukrainian Head of State"
    if wl in TITLE_LAST:
        for back in (4, 3, 2, 1):
            if k - back < 0:
                continue
            cand = text[toks[k - back][0]:te]
            if TITLE_FULL.fullmatch(cand):
                start = toks[k - back][0]
                if preceded_by_preposition(toks, start, ing=ing, relative=relative):
                    # "the Adviser to the President": an unnamed role, not the President
                    chain = of_chain(ix, toks, start, te, ing=ing, relative=relative)
                    return chain if chain is not None and chain.kind == "role" else None
                return title_subject(ix, start, te, cand, title_key(cand))
    # 5. unnamed opinion holders: "analysts", "Western diplomats", "many"
    if wl in GENERIC and w.islower() or wl in GENERIC and k == 0 or \
            wl in GENERIC and k >= 1 and toks[k - 1][2].lower() in ("the", "many", "some", "most"):
        j = k - 1
        while j >= 0 and k - j <= 2 and toks[j][2][0].isalpha() and toks[j][2].lower() not in PREPOSITIONS \
                and toks[j][2].lower() not in CONNECTORS and toks[j][2].lower() not in SKIP \
                and (toks[j][2].lower() not in stopwords() or toks[j][2].lower() in QUANTIFIERS):
            j -= 1
        if j >= 0 and toks[j][2].lower() in POSSESSIVE:
            j -= 1          # "her ministers"
        start = toks[j + 1][0]
        if preceded_by_preposition(toks, start, ing=ing, relative=relative):
            return None
        return Subject("generic", start, te, text[start:te])
    # "the authors noted", "both sides stressed": a plural noun with a determiner is an unnamed group
    if w.islower() and len(wl) > 3 and wl.endswith("s") and not wl.endswith("ss") and wl not in stopwords() \
            and k >= 1 and toks[k - 1][2].lower() in PLURAL_DETERMINERS:
        start = toks[k - 1][0]
        if not preceded_by_preposition(toks, start, ing=ing, relative=relative):
            return Subject("generic", start, te, text[start:te])
    # 6. a capitalised name not in the registry: "Boris Johnson", "Prime Minister of Spain"
    if w[0].isupper() and w[0].isalpha():
        return name_run(ix, toks, k, ss, ing=ing, relative=relative)
    return None


#: Capitalised words that belong to a title, not a country: "the Federal Chancellor".
TITLE_PART_WORDS = frozenset({"federal"})
#: A title's capitalised modifier: "the |Latvian| leader", "the |Ukrainian| Head of State".
TITLE_MODIFIER = re.compile(r"(?i:the)\s+([A-Z][\w’'\-]*)\s+")


def title_subject(ix: DocIndex, start: int, end: int, phrase: str, title: str, hint: str | None = None) -> Subject:
    """A title as a subject ("the President"). A capitalised modifier names the group ("the Ukrainian Head
    of State" → ukraine) when the registry's names use it for one group; when none of them uses it ("the
    Latvian leader") the title holder is somebody outside the registry: an unnamed role, never the latest
    leader mentioned."""
    m = TITLE_MODIFIER.match(phrase)
    if m is not None:
        word = m.group(1).casefold()
        if word not in title.split() and word not in TITLE_PART_WORDS:   # "the Vice President": part of the title
            groups = ix.matchers.word_groups.get(word, frozenset())
            if not groups:
                return Subject("role", start, end, phrase)
            if hint is None and len(groups) == 1:
                hint = next(iter(groups))
    return Subject("title", start, end, phrase, hint=hint, title=title)


def of_chain(ix: DocIndex, toks, start: int, end: int | None = None, *,
        ing: bool = False, relative: bool = False) -> Subject | None:
    """A registry mention that is the object of a preposition: "the President of Ukraine" (a title
    with a group hint), "the adviser to the President of Ukraine", "a spokesman for the Kremlin"
    (unnamed roles), or "talks with Putin" (not a subject: kind "none"). None: no preposition."""
    text = ix.text
    j = tok_index(toks, start) - 1
    if j >= 0 and toks[j][2].lower() == "the":
        j -= 1
    if j < 0 or toks[j][2].lower() not in PREPOSITIONS:
        return None
    if toks[j][2].lower() == "with" and ing or relative:
        return None          # "with Putin insisting that …", "talks with Oduya, who said …"
    levels, heads, first = 0, [], None
    begin = None
    while j >= 0 and toks[j][2].lower() in PREPOSITIONS and levels < 4:
        levels += 1
        j -= 1
        h_end = j
        while j >= 0 and h_end - j < 4 and toks[j][2][0].isalpha() and toks[j][2].lower() not in PREPOSITIONS \
                and toks[j][2].lower() not in CONNECTORS and toks[j][2].lower() not in ("the", "a", "an", "one") \
                and toks[j][2].lower() not in SKIP and toks[j][2].lower() not in CUES:
            j -= 1
        head = [t[2] for t in toks[j + 1:h_end + 1]]
        if not head:
            return Subject("none", start, start, "")
        heads.append(head)
        if j >= 0 and toks[j][2].lower() in ("the", "a", "an", "one"):
            j -= 1
        begin = toks[j + 1][0]
        if j >= 0 and toks[j][2].lower() == "of" and levels < 4:
            continue
        break
    last = heads[-1][-1].lower()
    mention_end = end if end is not None else (ix.by_start[start][0] if start in ix.by_start else start)
    phrase = text[begin:mention_end]
    if levels == 1 and last in TITLE_LAST and len(heads[0]) <= 2 and \
            not re.match(r"(?i)an?\b", text[begin:begin + 3]):
        member = ix.by_start[start][1] if start in ix.by_start else None
        return Subject("title", begin, mention_end, phrase, hint=member.actor if member else None,
                     title=title_key(" ".join(heads[-1])))
    if last in ROLE_NOUNS or last in GENERIC or last in TITLE_LAST or last in ROLE_HEADS \
            or last.endswith(("man", "woman", "person", "er", "or", "ist")) and heads[-1][-1].islower() \
            or heads[-1][-1][0].isupper() and len(heads[-1]) <= 3:
        if preceded_by_preposition(toks, begin, ing=ing, relative=relative):
            return Subject("none", start, start, "")
        return Subject("role", begin, mention_end, phrase)
    return Subject("none", start, start, "")


def owned_noun(ix: DocIndex, toks, k: int, noun: str, ss: int, *,
        ing: bool = False, relative: bool = False) -> Subject | None:
    """"<owner> statement", "Zelensky's office", "a spokesman for X"; None if it does not apply,
    a subject of kind "none" if it applies but cannot be a speaker."""
    text = ix.text
    ts, te, w = toks[k]
    j = k - (2 if " " in noun else 1)
    adj = 0
    sw = stopwords()
    while j >= 0 and adj < 3 and toks[j][2][0].isalpha() and toks[j][2].lower() not in sw \
            and toks[j][2].lower() not in PREPOSITIONS and toks[j][2].lower() not in POSSESSIVE \
            and (toks[j][2].islower() or noun in ROLE_NOUNS) and ix.by_end.get(toks[j][1]) is None \
            and not toks[j][2].endswith(("’s", "'s")):
        j -= 1
        adj += 1
    owner = None
    start = toks[j + 1][0] if j + 1 <= k else ts
    determiner = False
    if j >= 0:
        ow, owl = toks[j][2], toks[j][2].lower()
        if owl in POSSESSIVE:
            owner = Subject("pronoun", toks[j][0], toks[j][1], ow, ptype=POSSESSIVE[owl])
            start = toks[j][0]
        elif ow.endswith(("’s", "'s")) and ix.by_end.get(toks[j][1] - 2) is not None:
            ms, mem = ix.by_end[toks[j][1] - 2]
            owner = Subject("mention", ms, toks[j][1] - 2, text[ms:toks[j][1] - 2], member=mem)
            start = ms
        elif ix.by_end.get(toks[j][1]) is not None:
            ms, mem = ix.by_end[toks[j][1]]
            owner = Subject("mention", ms, toks[j][1], text[ms:toks[j][1]], member=mem)
            start = ms
        elif owl in ("the", "a", "an", "one"):
            start = toks[j][0]
            determiner = True
        elif ow.endswith(("’s", "'s")) and ow[0].isupper():
            # "The President's wife", "the Governor's office": an owner outside the registry
            start = toks[j][0]
            if j >= 1 and toks[j - 1][2].lower() == "the":
                start = toks[j - 1][0]
            if preceded_by_preposition(toks, start, ing=ing, relative=relative):
                # "The Head of the President's Office"
                chain = of_chain(ix, toks, start, te, ing=ing, relative=relative)
                return chain if chain is not None and chain.kind == "role" else Subject("none", start, te, "")
            return Subject("role", start, te, text[start:te])
    if preceded_by_preposition(toks, start, ing=ing, relative=relative):
        return Subject("none", start, te, "")
    phrase = text[start:te]
    if noun in ROLE_NOUNS:
        if owner is None and not determiner:
            if adj and toks[j + 1][2][0].isupper():
                return Subject("role", start, te, phrase)     # "UNICEF representatives"
            return None if noun in GENERIC else Subject("none", start, te, "")
        return Subject("role", start, te, phrase)
    if noun in OFFICE_NOUNS:
        return Subject("office", start, te, phrase, owner=owner) if owner is not None else None
    if owner is None and not determiner:
        return None
    return Subject("doc", start, te, phrase, owner=owner)


def name_run(ix: DocIndex, toks, k: int, ss: int, *,
        ing: bool = False, relative: bool = False) -> Subject | None:
    """A run of capitalised words (with particles: "Head of the Republic") ending at token ``k``."""
    text = ix.text
    j = k
    while j - 1 >= 0:
        pw = toks[j - 1][2]
        if pw[0].isupper() and pw[0].isalpha():
            j -= 1
            continue
        # particles inside a name ("Prime Minister of the United Kingdom", "Meet the Press"); the Commons'
        # "my right hon. Friend the Health Secretary" names the Health Secretary
        p = j - 1
        while p >= 0 and (toks[p][2] in PARTICLES or toks[p][2] in ("to", "for")):
            p -= 1
        if p >= 0 and p < j - 1 and toks[p][2][0].isupper() and toks[p][2][0].isalpha() \
                and not (p == j - 2 and toks[j - 1][2] == "the" and toks[p][2] in ("Friend", "Friends")):
            j = p
            continue
        break
    if j < k and toks[j][2] in ("Friend", "Friends") and j >= 1 and toks[j - 1][2][0].islower():
        j += 1      # the Commons' "my noble Friend Lord Bellamy" names Lord Bellamy
    the = None
    while j <= k and (not_a_name_word(toks[j][2]) or toks[j][2].lower() in LEADING_NAME_WORDS
                      or toks[j][2] in PARTICLES):
        if the is None and toks[j][2].lower() == "the":
            the = j
        j += 1
    if j > k or not_a_name_word(toks[k][2]) or toks[k][2].lower() in LEADING_NAME_WORDS:
        return None
    if the is None and j >= 1 and toks[j - 1][2].lower() in ("the", "a", "an"):
        the = j - 1
    start = toks[j][0]
    if the is not None:
        # "The Governor said", "The First Lady stressed": an unnamed role, kept with its article
        start = toks[the][0]
        if preceded_by_preposition(toks, start, ing=ing, relative=relative):
            return None
        return Subject("role", start, toks[k][1], text[start:toks[k][1]])
    # honorifics open the run: "Mr. Hale", "Lt. Gen. Piet Karsk" (their periods stop the walk above), "Ms Quill"
    h = honorific_back(toks, j)
    n = j
    while n < k and toks[n][2].lower() in HONORIFICS and toks[n][2][0].isupper():
        n += 1
    if h < j or n > j:
        start = toks[h][0]
        if preceded_by_preposition(toks, start, ing=ing, relative=relative):
            return None
        return honorific_name(ix, start, toks[n][0], toks[k][1])
    if preceded_by_preposition(toks, start, ing=ing, relative=relative):
        return None
    name = text[start:toks[k][1]]
    if j == k:
        # a lone capitalised word is a surname only if the full name came earlier ("Boris Johnson")
        full = earlier_full_name(ix, name, start)
        if full is None:
            return None
        return Subject("name", start, toks[k][1], full)
    return Subject("name", start, toks[k][1], name)


def honorific_back(toks, j: int) -> int:
    """The index of the first of the honorifics right before token ``j`` ("Lt. Gen. Piet Karsk"), else ``j``."""
    while j >= 1:
        w = toks[j - 1][2]
        if w == "." and j >= 2 and toks[j - 2][1] == toks[j - 1][0] and toks[j - 2][2].lower() in HONORIFICS \
                and toks[j - 2][2][0].isupper():
            j -= 2
        elif w.lower() in HONORIFICS and w[0].isupper():
            j -= 1
        else:
            break
    return j


def honorific_name(ix: DocIndex, hs: int, ns: int, ne: int) -> Subject:
    """A name after honorifics, its span from the first honorific ``hs``: "Sen. Mara Holt" → "Mara Holt";
    a surname alone ("Mr. Hale") → the full name the document gave before ("Tom Hale"), else the
    registry person of that alias or surname, else the honorific and surname as written."""
    text = ix.text
    name = SPACE_RUN.sub(" ", text[ns:ne])
    if " " in name:
        return Subject("name", hs, ne, name)
    full = earlier_full_name(ix, name, hs)
    if full is not None:
        return Subject("name", hs, ne, full)
    member = ix.matchers.resolve(name)
    if member is None or member.kind != "person":
        member = ix.matchers.surnames.get(name)
    if member is not None:
        return Subject("mention", hs, ne, text[hs:ne], member=member)
    return Subject("name", hs, ne, SPACE_RUN.sub(" ", text[hs:ne]))


#: A capitalised word and "of" before a run: "President of |Ukraine Roman Mashovets|", "Minister of Foreign Affairs of
#: |Estonia Liis Lipre-Järma|" (a place, then the name; not "the establishment of |Environment Protection Australia|").
OF_BEFORE = re.compile(r"\b([A-Z][\w’'\-]*)\s+of\s+\Z")


def place_then_name(words: list[str], before: re.Match | None) -> list[str]:
    """``words`` without the place they open with when ``before`` (:data:`OF_BEFORE`) ends in a person's title or an
    institution's word ("President of", "Affairs of"), and what is left has no field or institution word in it
    ("Department of Natural Resources Canada" stays whole)."""
    if before is None or not (PERSON_TITLE_WORDS.fullmatch(before.group(1)) or INSTITUTION_WORDS.fullmatch(before.group(1))):
        return words
    rest = after_place(words)
    return words if any(FIELD_WORDS.fullmatch(w) or INSTITUTION_WORDS.fullmatch(w) for w in rest) else rest


def earlier_full_name(ix: DocIndex, surname: str, before: int) -> str | None:
    """The latest full name ending in ``surname`` before ``before`` ("Tom Hale", "Prime Minister Tom Hale" →
    "Tom Hale"), honorifics and sentence openers left out; None when the document gave none."""
    sw = stopwords()
    full = None
    for fm in re.finditer(r"((?:[A-Z][\w’'\-]+\s+){1,5})" + re.escape(surname) + r"(?![\w\-])",
                          ix.text[ix.start:before]):
        words = fm.group(0).split()
        while words[:-1] and (words[0].lower() in sw or words[0].lower() in LEADING_NAME_WORDS
                              or words[0].lower() in HONORIFICS):
            words = words[1:]
        if len(words) >= 3 and len(words) == len(fm.group(0).split()):
            # "… of the President of Ukraine Roman Mashovets": a place, then the name
            at = ix.start + fm.start()
            words = place_then_name(words, OF_BEFORE.search(ix.text, max(ix.start, at - 80), at))
        if len(words) >= 2:
            full = " ".join(words)
    if full is None:
        return None
    return person_name(full)[0] if len(full.split()) > 2 else full


def np_forward(ix: DocIndex, p: int, limit: int) -> Subject | None:
    """A subject noun phrase starting at ``p`` (after "said" or "according to")."""
    text = ix.text
    while p < limit and text[p].isspace():
        p += 1
    if p >= limit:
        return None
    hit = ix.by_start.get(p)
    if hit is not None:
        e, member = hit
        return Subject("mention", p, e, text[p:e], member=member)
    m = HONORIFIC_FWD.match(text, p, limit)
    if m:
        # "said Mrs. Oduya", "said Lt. Gen. Piet Karsk"
        q = m.end()
        hit = ix.by_start.get(q)
        if hit is not None:
            return Subject("mention", p, hit[0], text[p:hit[0]], member=hit[1])
        nm = NAME_FWD.match(text, q, limit)
        if nm:
            return honorific_name(ix, p, q, nm.end())
    m = TITLE_FWD.match(text, p, limit)
    if m:
        hint = None
        if m.group("of"):
            inner = [x for x in ix.matchers.mention_re.finditer(m.group("of"))]
            if inner:
                mem = ix.matchers.resolve(inner[0].group())
                hint = mem.actor if mem else None
            else:
                return Subject("role", p, m.end(), m.group())   # president of a country not in the registry
        return title_subject(ix, p, m.end(), m.group(), title_key(m.group("title")), hint)
    m = DOC_FWD.match(text, p, limit)
    if m:
        owner = None
        if m.group("poss"):
            owner = Subject("pronoun", m.start("poss"), m.end("poss"), m.group("poss"),
                          ptype=POSSESSIVE[m.group("poss").lower()])
        else:
            hit = ix.by_start.get(m.end())
            if hit is not None and m.group(0).rstrip() != m.group(0):
                owner = Subject("mention", m.end(), hit[0], text[m.end():hit[0]], member=hit[1])
        end = owner.end if owner is not None and owner.kind == "mention" else m.end()
        return Subject("doc", p, end, text[p:end].strip(), owner=owner)
    m = ROLE_FWD.match(text, p, limit)
    if m:
        return Subject("role", p, m.end(), m.group())
    m = THE_CAPS_FWD.match(text, p, limit)
    if m:
        return Subject("role", p, m.end(), m.group())      # "the Deputy Prime Minister", "the Press Secretary"
    m = PRONOUN_FWD.match(text, p, limit)
    if m:
        w = m.group().lower()
        ptype = {"him": "person", "her": "person", "them": "group"}.get(w) or PRONOUNS[w]
        return Subject("pronoun", p, m.end(), m.group(), ptype=ptype)
    m = GENERIC_FWD.match(text, p, limit)
    if m and m.end() - p < 40:
        return Subject("generic", p, m.end(), m.group())
    m = TITLED_RUN_FWD.match(text, p, limit)
    if m and PERSON_TITLE_WORDS.fullmatch(m.group().split()[0]):
        # "by Adviser to the Head of the President's Office Mykhailo Podoliak": a title with "to"/"of" in it, then
        # the name, its last two words (NAME_FWD stops at "to": "Adviser")
        words = list(re.finditer(r"\S+", m.group()))
        if len(words) >= 4 and all(w.group()[:1].isupper() for w in words[-2:]):
            ns = p + words[-2].start()
            name = text[ns:m.end()]
            if not INSTITUTION_WORDS.search(name) and not PERSON_TITLE_WORDS.search(name) \
                    and not not_a_name_word(name.split()[0]):
                return Subject("name", ns, m.end(), name)
    m = NAME_FWD.match(text, p, limit)
    if m:
        if not not_a_name_word(m.group().split()[0]):
            return Subject("name", p, m.end(), m.group())
    return None


#: A capitalised title with "to", "of", "for", "the" inside (no "and": two people), run on into a name:
#: "Adviser to the Head of the President's Office Mykhailo Podoliak".
TITLED_RUN_FWD = re.compile(r"[A-Z][\w’'-]*(?:\s+(?:(?:to|of|for|the)\s+)*[A-Z][\w’'-]*)+")


#: A personal message, whose words are its sender's: "The message reads, in part: …".
_MESSAGE_NOUN = re.compile(r"(?i)\b" + MESSAGE_NOUNS + r"\Z")
#: What follows the sender's name: "Vladimir Putin| sent a message of greetings to …", "… |has sent condolences".
_SENT = re.compile(r"\s+(?:has\s+|had\s+|also\s+)?(?:sent|addressed|wrote|conveyed)\s+(?:a\s+|an\s+|his\s+|her\s+)?"
                   r"(?:[\w-]+\s+){0,2}?" + MESSAGE_NOUNS + r"\b", re.I)


def message_sender(ix: DocIndex, pos: int, phrase: str) -> Member | None:
    """The sender of "the message" (a message, letter, telegram, greetings or condolences without an owner): the
    registry person whom the two sentences before ``pos`` say sent one ("Vladimir Putin sent a message of
    greetings to … . The message reads, in part: “…”"). Found in stop 51 on the Kremlin's greetings pages, whose
    quoted messages were the Kremlin's own words. None when no sentence says so."""
    if not _MESSAGE_NOUN.search(phrase):
        return None
    si = ix.sent_idx(pos)
    lo = ix.sents[max(0, si - 2)][0]
    i = bisect.bisect_left(ix.mention_starts, pos) - 1
    while i >= 0 and ix.mentions[i][0] >= lo:
        ms, me, member = ix.mentions[i]
        if member.kind == "person" and _SENT.match(ix.text, me):
            return member
        i -= 1
    return None
