"""Names from label and subject text: a person's name out of a title run ("Prime Minister of
Ukraine Denys Shmyhal" → "Denys Shmyhal"), a transcript label as a name, a title's key."""
from __future__ import annotations

import re

from ..actors import Member
from .lexicon import (FIELD_WORDS, INSTITUTION_WORDS, PARTICLES, PERSON_TITLE_WORDS, PLACE_OPENERS, ROLE_LABELS,
                      SPACE_RUN, TITLES)

__all__ = ["label_name", "person_name", "remarks_authors", "title_authors", "title_key"]

#: A title's verb after its author's name: "Statement from President Joe Biden Welcoming Finland to NATO",
#: "… Jake Sullivan Announcing Support for …" (the name ends before it).
_PARTICIPLES = (r"announcing|welcoming|congratulating|commemorating|remembering|thanking|honou?ring|recogni[sz]ing|"
                r"condemning|mourning|praising|applauding|supporting|urging|calling|designating|launching|"
                r"expressing|reaffirming|elevating|establishing|assessing|previewing|outlining|highlighting|discussing|"
                r"introducing|accepting|unveiling|delivering")
#: A page title that names its author: "Statement by Press Secretary Ada Quill on …", "Joint Statement
#: from A and B". A readout ("Readout of President Quill’s Call with …") names no author: it is the
#: publisher describing a meeting, not the person's words (the attribution gold's convention), so
#: its narration stays the publisher's; what the person said comes from its reported speech.
TITLE_AUTHOR = re.compile(
    r"\s*(?:Joint\s+)?Statements?\s+(?:by|from|of)\s+(?:the\s+)?(?P<by>.+?)"
    r"(?=\s+(?:on|regarding|about|in|following|after|at|marking|celebrating|to|for|concerning|upon|ahead|"
    + _PARTICIPLES + r")\s|\s*$)",
    re.I)
#: Where an author's name ends in a page title: before "on …", "at …", "to …", a colon or the end.
_AUTHOR_END = (r"(?=\s+(?:on|regarding|about|in|following|after|at|marking|celebrating|to|for|concerning|upon|ahead|"
               r"during|before|with|" + _PARTICIPLES + r")\s|\s*[,:;]|\s+[\"“]|\s*$)")
#: A page title that is a person's speech, address or greeting, in their own words: "Speech by President of
#: Northland Ada Quill in the Federal Parliament", "… - address by the President of Northland", "Stand firm:
#: Address by the President", "Easter congratulations by …"; or "… - President Ada Quill's address to …".
#: (An interview or "Remarks by …" is a transcript: its labels say who speaks.) Since stop 53 also a person's
#: article, essay or open letter ("Article by Vladimir Putin “…” for …", "An Open Letter to the Global Media by
#: Olena Zelenska") and "…: President Ada Quill's address to …" after a colon.
SPEECH_AUTHOR = re.compile(
    r"(?:\A\s*|[:\-–—]\s+)(?:the\s+)?(?:(?:video|easter|christmas|new\s+year(?:[’']s)?)\s+)?"
    r"(?:speech|address|appeal|congratulations?|greetings?|article|essay|op-ed|column)\s+(?:by|of|from)\s+"
    r"(?:the\s+)?(?P<by>[A-Z].*?)" + _AUTHOR_END
    + r"|(?:\A\s*|[:\-–—]\s+)(?:an?\s+)?(?:open\s+)?letter\s+(?:to\s+[^:]+?\s+)?(?:by|from)\s+(?:the\s+)?"
      r"(?P<letter>[A-Z].*?)" + _AUTHOR_END
    + r"|[\-–—:]\s+(?:the\s+)?(?P<own>[A-Z][^\-–—:]*?)[’']s\s+(?:video\s+)?(?:address|speech)\b", re.I)
#: A page title of a person's remarks: "Remarks by National Security Advisor Jake Sullivan at …", "Remarks as
#: Prepared for Delivery by First Lady Jill Biden at …", "Remarks of President Joe Biden – State of the Union
#: Address …", "Remarks on a Modern American Industrial Strategy by NEC Director Brian Deese". Usually a
#: transcript, whose labels say who speaks; a text without labels is a prepared speech in the person's voice.
REMARKS_AUTHOR = re.compile(
    r"\s*(?:keynote\s+)?remarks\s+(?:as\s+prepared(?:\s+for\s+delivery)?\s+|on\s+[^:]+?\s+)?(?:by|of)\s+"
    r"(?:the\s+)?(?P<by>[A-Z].*?)" + _AUTHOR_END[:-1] + r"|\s+[–—-]\s)", re.I)
_AUTHOR_SPLIT = re.compile(r"\s*,\s*(?:and\s+)?|\s+and\s+|\s*&\s*")


#: A headline that ends with the person it quotes: "Everyone should be a lobbyist for … - President Volodymyr
#: Zelenskyy" (Kyiv's pages; most of them report an interview, some are the evening address itself).
HEADLINE_PERSON = re.compile(r"\s[\-–—]\s+(?:the\s+)?(?P<by>[A-Z][^\-–—:]*?)(?:\s+(?:during|at|in)\s[^\-–—:]*)?\s*\Z"
                             r"|\A\s*(?:the\s+)?(?P<lead>[A-Z][^:]*?)\s+(?:during|at|in)\s[^:]*:")
#: ("… - President of Ukraine during the TIME100 Gala", "President of Ukraine at the GLOBSEC Forum: …")
#: A text that opens by addressing its listeners: a first sentence of at most eight words that ends in "!"
#: ("Ukrainians! All our defenders!", "Good health to you!", "Strong people of our bravest country!").
OPENING_ADDRESS = re.compile(r"\A\s*(?:[^\s.!?]+[ \t]+){0,7}[^\s.!?]+!")


def remarks_authors(title: str, resolve) -> list[tuple[Member | None, str]]:
    """The people a "Remarks by …" title names (:data:`REMARKS_AUTHOR`), as :func:`title_authors` gives them;
    ``[]`` for another title."""
    m = REMARKS_AUTHOR.match(title or "")
    return named_authors(m.group("by").strip(), resolve) if m else []


def title_authors(title: str, resolve, opening: str = "") -> list[tuple[Member | None, str]]:
    """The people a page title names as its author (a statement's, :data:`TITLE_AUTHOR`; a speech's or
    address's, :data:`SPEECH_AUTHOR`; a headline's quoted person, :data:`HEADLINE_PERSON`, when the text —
    ``opening``, its first characters — opens by addressing its listeners, :data:`OPENING_ADDRESS`), in
    order: ``(member, name)`` — the registry member ``resolve`` (a label resolver on the document's date)
    finds for each name or title ("Press Secretary" → its holder that day), else ``(None, name)`` for a
    person's name the title spells out; ``[]`` when the title names no person (then the publisher speaks)."""
    m = TITLE_AUTHOR.match(title or "")
    if m:
        who = (m.group("by") or "").strip()
    elif m := SPEECH_AUTHOR.search(title or ""):
        who = (m.group("by") or m.group("letter") or m.group("own") or "").strip()
    elif OPENING_ADDRESS.match(opening) and (m := HEADLINE_PERSON.search(title or "")):
        who = (m.group("by") or m.group("lead")).strip()
        member = resolve(who)
        if member is None or member.kind != "person":
            return []       # only a registry person: "… - Ukrainian intelligence" is no one's address
    else:
        return []
    return named_authors(who, resolve)


def named_authors(who: str, resolve) -> list[tuple[Member | None, str]]:
    """The authors a title's phrase names ("President Quill and Prime Minister Oduya"): see :func:`title_authors`."""
    out: list[tuple[Member | None, str]] = []
    for part in _AUTHOR_SPLIT.split(who):
        part = part.strip(" .")
        if not part:
            continue
        member = resolve(part)
        if member is not None and member.kind == "person":
            out.append((member, member.name))
            continue
        name, kind = person_name(part)
        words = name.split()
        if kind == "person" and name != part and len(words) >= 2 and all(w[:1].isupper() for w in words):
            out.append((None, name))
        else:
            return []      # one author we cannot name ("the G7 Leaders"): the publisher speaks
    return out


def label_name(label: str) -> str:
    """A transcript label as a name: "President of Belarus Alexander Lukashenko" → "Alexander Lukashenko",
    "Speaker of the Federation Council Valentina Matviyenko" → "Valentina Matviyenko" (a role word opens
    a role label only in one or two words: "Audience member");
    scraped tooltips ("Defence Minister Sergei Shoigu Shoigu SergeiDefence Minister") are cut at the repeat."""
    toks = label.split()
    for i in range(len(toks) - 1):
        if toks[i] == toks[i + 1]:
            toks = toks[:i + 1]
            break
    if len(toks) <= 1 or toks[0].casefold() in ROLE_LABELS and len(toks) <= 2:
        return " ".join(toks)
    return person_name(" ".join(toks))[0]


def person_name(run: str) -> tuple[str, str]:
    """"Prime Minister of Ukraine Denys Shmyhal" → ("Denys Shmyhal", "person"); institutions stay whole."""
    toks = run.split()
    if len(toks) >= 3 and (PERSON_TITLE_WORDS.search(run) or INSTITUTION_WORDS.search(run)):
        tail: list[str] = []
        for t in reversed(toks):
            if t in PARTICLES or not t[0].isupper() or PERSON_TITLE_WORDS.fullmatch(t) \
                    or INSTITUTION_WORDS.fullmatch(t) or FIELD_WORDS.fullmatch(t) or len(tail) == 3:
                break
            tail.insert(0, t)
        if len(tail) == 3 and len(toks) > 3 and (toks[-4] in PARTICLES or toks[-4] == "and"
                                                 or INSTITUTION_WORDS.fullmatch(toks[-4]) or toks[-4] in PLACE_OPENERS):
            tail = tail[1:]     # "… of Ukraine Oleksandr Kubrakov", "… and Trade Denis Manturov": a place or field;
            # "… Energy Corporation Rosatom Alexei Likhachev": the institution's name; "… North Africa Brett McGurk"
        if len(tail) >= 2 and len(tail) < len(toks):
            return " ".join(tail), "person"
    kind = "institution" if INSTITUTION_WORDS.search(run) and not PERSON_TITLE_WORDS.search(run) else "person"
    return SPACE_RUN.sub(" ", run), kind


def after_place(words: list[str]) -> list[str]:
    """The name in the capitalised words after "of": "Poland Andrzej Duda" → "Andrzej Duda", "South Africa Cyril
    Ramaphosa" → "Cyril Ramaphosa" (:data:`~stancemap.extract.lexicon.PLACE_OPENERS`), "Iran Sayyid Ebrahim Raisi"
    → "Sayyid Ebrahim Raisi"."""
    return words[2:] if len(words) >= 4 and words[0] in PLACE_OPENERS else words[1:]


def title_key(phrase: str) -> str:
    """The :data:`~stancemap.extract.lexicon.TITLES` key a title phrase holds ("the Ukrainian Head of
    State" → "head of state"); "leader" when none."""
    p = SPACE_RUN.sub(" ", phrase.casefold())
    for t in sorted(TITLES, key=len, reverse=True):
        if t in p:
            return t
    return "leader"
