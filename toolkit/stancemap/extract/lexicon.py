"""The extractor's lexicon: cue verbs and their forms, the word lists its rules read, and the
compiled patterns they share (cues, titles, subjects after a cue, document nouns).

Cue verbs follow the attribution cues of PARC 3.0 (Pareti 2016); each form maps to its lemma,
its class ("that": a clause follows; "tell": a person told may come first; "object": the object
is part of the content; "according") and its kind (``ing``, ``past``, ``pres``).
"""
from __future__ import annotations

import re
from collections.abc import Iterable

# --------------------------------------------------------------------------- lexicon

#: lemma → class. "that": content is a clause, "that" and adjuncts before it are
#: skipped; "tell": an object may stand before "that"; "object": the object is part
#: of the content (accused X of …, hailed X as …).
CUE_LEMMAS: dict[str, str] = {}
for _lemma in """say state note stress insist claim argue assert declare announce warn explain emphasise
        emphasize reiterate underline underscore confirm report write tweet reply respond answer
        acknowledge admit concede suggest recall predict signal indicate caution remark comment observe
        allege complain promise pledge vow deny counter retort quip joke lament hint mention highlight
        maintain contend proclaim affirm reaffirm add propose demand ask stipulate specify announce
        clarify conclude agree""".split():
    CUE_LEMMAS[_lemma] = "that"
#: Cues of a joint outcome ("The two leaders agreed to …", "Quill and Oduya agreed on …"): words of several
#: people together (a coordinated subject, the people who met, "they"); "Northland agreed to withdraw" is no statement.
JOINT_CUES = frozenset({"agree"})
for _lemma in "tell reassure assure inform remind notify brief".split():
    CUE_LEMMAS[_lemma] = "tell"
for _lemma in """accuse blame hail welcome praise criticise criticize condemn admonish dismiss reject urge
        echo outline describe threaten slam blast lambast thank congratulate express voice rule
        call denounce decry applaud commend endorse label brand characterise characterize cite
        question""".split():
    CUE_LEMMAS[_lemma] = "object"
# "question" is deliberately not a cue: "left X questioning Y" is a state of mind.
del CUE_LEMMAS["question"]

IRREGULAR = {
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
EXTRA_CUES = {"posted": "post", "point out": "point", "points out": "point", "pointed out": "point",
               "pointing out": "point", "made clear": "make", "makes clear": "make", "making clear": "make",
               "according to": "according", "agree on": "agree", "agrees on": "agree", "agreed on": "agree"}


def _forms(lemma: str) -> tuple[str, ...]:
    if lemma in IRREGULAR:
        forms = IRREGULAR[lemma]
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
for _lemma, _cls in CUE_LEMMAS.items():
    for _f in _forms(_lemma):
        _head = _f.split()[0]
        _kind = "ing" if _head.endswith("ing") else ("past" if _head.endswith(("ed", "said", "told", "wrote",
                                                                                 "written")) else "pres")
        CUES.setdefault(_f, (_lemma, _cls, _kind))
for _f, _lemma in EXTRA_CUES.items():
    _head = _f.split()[0]
    _kind = "ing" if _head.endswith("ing") else ("past" if _head in ("posted", "pointed", "made", "agreed") else "pres")
    CUES[_f] = (_lemma, "that" if _lemma != "according" else "according", _kind)
#: A sentence that opens with its speaker's opinion, "In his opinion, …" (the Office's paraphrases of an
#: interview): reported speech of the person "his" or "her" means (:func:`~stancemap.extract.reported.find_heads`).
OPINION_CUES = frozenset(f"In {p} {n}" for p in ("his", "her") for n in ("opinion", "view"))
for _f in OPINION_CUES:
    CUES[_f] = ("according", "according", "pres")

#: Verbs a document noun ("the White House statement …") can take besides cues.
DOC_VERBS = frozenset("""read reads omitted omits focused focuses focusing listed lists made makes referred
    refers set sets spoke speaks""".split())
#: Nouns for documents and channels: "<owner>'s statement said", "a Kremlin readout noted".
DOC_NOUNS = frozenset("""statement statements readout communique communiqué release announcement declaration
    decree letter message post tweet website account transcript report resolution memo memorandum""".split())
#: Nouns for an owner's institution: "Zelensky's office said" → the owner's group.
OFFICE_NOUNS = frozenset("office administration government ministry cabinet camp team service".split())
#: Unnamed people who speak for someone: kept unattributed ("a spokesman for the Kremlin").
ROLE_NOUNS = frozenset("""spokesman spokeswoman spokesperson spokespeople aide aides adviser advisers advisor
    advisors official officials source sources representative representatives envoy negotiator negotiators
    insider insiders staffer staffers ambassador member members person people wife husband""".split())
#: Unnamed opinion holders: never a registry actor.
GENERIC = frozenset("""analysts analyst critics critic observers observer experts expert commentators
    commentator diplomats diplomat witnesses witness residents people many some others insiders lawmakers
    legislators politicians opponents supporters economists historians journalists reporters scholars
    activists protesters protestors pundits researchers sceptics skeptics campaigners voters citizens polls
    surveys media allies partners leaders governments countries nations ministers generals commanders
    officers soldiers everyone nobody few most several both interlocutors parties sides presidents
    participants counterparts delegations""".split())
#: Title → words an alias must contain to be that title ("the Head of State" → a president).
TITLES = {"president": ("president",), "head of state": ("president",), "vice president": ("vice president",
           "vice-president"), "vice-president": ("vice president", "vice-president"),
           "prime minister": ("prime minister", "premier"), "premier": ("premier", "prime minister"),
           "chancellor": ("chancellor",), "foreign minister": ("foreign minister",), "minister": ("minister",),
           "secretary of state": ("secretary of state",), "head of government": ("prime minister", "premier"),
           "leader": ("",), "spokesman": ("spokes",), "spokeswoman": ("spokes",), "spokesperson": ("spokes",)}
TITLE_LAST = {t.split()[-1].split("-")[-1]: t for t in TITLES}
#: Words between a subject and its cue verb ("Russia also reported", "Scholz cautiously welcomed").
SKIP = frozenset("""also has have had would will could can may might must should shall did does do not never
    again later still then now already reportedly previously once further even just ever first meanwhile
    however too both all each himself herself itself themselves initially subsequently repeatedly who
    which that only publicly privately swiftly quickly allegedly apparently separately yesterday today
    tonight recently earlier monday tuesday wednesday thursday friday saturday sunday""".split())
NOT_ADVERB = frozenset("reply supply assembly family rally ally anomaly italy july monopoly apply comply imply "
                        "rely fly belly jelly bully daily weekly monthly yearly holy ugly only".split())
BE = frozenset("is are was were been be being".split())
PRONOUNS = {"he": "person", "she": "person", "it": "institution", "they": "group"}
POSSESSIVE = {"his": "person", "her": "person", "its": "institution", "their": "group"}
PREPOSITIONS = frozenset("""of for to with from by at about against between among toward towards into onto
    upon without under over than in on via""".split())
CONNECTORS = frozenset("and but while with which who whom as whereas although though yet so or nor "
                        "when where whose including".split())
PARTICLES = frozenset("of the de von van der da di du al bin la le".split())
ROLE_LABELS = frozenset("""question questions q answer a journalist journalists reporter reporters
    correspondent moderator host interviewer presenter anchor audience participant participants remark
    remarks reply response voice voices comment speaker interlocutor""".split())
DASH_CONTINUE = frozenset("including and or but with as from to such especially notably namely than "
                           "which".split())
LEADING_NAME_WORDS = frozenset("""meanwhile however hours later earlier today yesterday tonight days weeks
    months years then also speaking asked earlier separately monday tuesday wednesday thursday friday
    saturday sunday january february march april may june july august september october november december
    mr mrs ms dr sir""".split()) - {"mr", "mrs", "ms", "dr", "sir"}
#: Honorifics that open a person's name run, with or without their period ("Mr. Hale", "Lt. Gen. Piet
#: Karsk", "Ms Quill"): part of the name's span, not of the name.
HONORIFICS = frozenset("mr mrs ms miss dr prof sen rep gov gen lt sir".split())
_HONORIFIC_ALT = "|".join(sorted((h.capitalize() for h in HONORIFICS), key=lambda h: (-len(h), h)))
#: One or more honorifics before a capitalised word, forward: "Mrs. ", "Lt. Gen. ".
HONORIFIC_FWD = re.compile(r"(?:(?:" + _HONORIFIC_ALT + r")\.?[ \t]+)+(?=[A-Z])")
#: An honorific's period, which does not end a clause: "“…,” Mr. Hale said" ("Miss" and "Sir" take none).
HONORIFIC_DOT = re.compile(r"(?<![\w’'])(?:" + "|".join(h for h in _HONORIFIC_ALT.split("|") if h not in ("Miss", "Sir"))
                           + r")\.(?=[ \t]+[A-Z])")
#: The people who met, as a noun: "leaders", "presidents", "heads of state" (with "the two", "both" before it).
MEETING_PEOPLE = (r"leaders|presidents|heads\s+of\s+state|prime\s+ministers|heads\s+of\s+government|counterparts|"
                  r"interlocutors")

#: Cue forms that are also nouns ("the Baltic states", "Russian demands"): they need a clear subject.
HOMOGRAPHS = frozenset("""state states demand demands report reports claim claims comment comments answer answers
    reply replies promise promises pledge pledges vow vows note notes echo echoes blast blasts slam slams joke
    jokes quip quips counter hint hints signal signals voice voices thanks thank praise welcome welcomes remark
    remarks outline outlines brand label labels brief briefs tweet tweets blame urge question questions lament
    laments""".split()) | {"call for", "calls for", "call on", "calls on"}
#: Unnamed heads of a role phrase: "the Head of the Republic", "a member of the delegation".
ROLE_HEADS = frozenset("head chairman chairwoman chair director member members deputy secretary governor "
                        "mayor speaker ambassador commander chief".split())
WEEKDAYS = frozenset("monday tuesday wednesday thursday friday saturday sunday".split())
PLURAL_DETERMINERS = frozenset("the these those both many some several two three four most all".split())
QUANTIFIERS = frozenset("some many other most several".split())
ING_NOUNS = frozenset("thing things nothing something anything everything king kings ring spring string wing "
                       "evening morning building buildings meeting meetings feeling hundred hundreds "
                       "need needs speed seed greed creed".split())
PREV_TOKEN = re.compile(r"([\w’']+|[^\w\s])\s*$")
CLAUSE_BREAKS = frozenset(", ; : — – - ( and but while with whereas which who as although though yet so or "
                           "meanwhile however".split())
INSTITUTION_WORDS = re.compile(r"(?i)\b(?:council|committee|ministry|security|defen[cs]e|office|service|agency|"
                                r"department|commission|union|organi[sz]ation|parliament|duma|rada|bureau|forces|"
                                r"army|navy|bank|fund|court|assembly|government|administration|affairs|centre|"
                                r"center|institute|corporation|company|party|news|times|post|press|television|"
                                r"tv|radio|agency|group|board|staff|guard|police|federation|republic)\b")
#: The last words of a title's field or place before the holder's name, never a person's first name:
#: "Minister of Science and Higher Education Valery Falkov", "Governor of Leningrad Region Alexander
#: Drozdenko", "… Red Cross and Red Crescent Societies Francesco Rocca".
FIELD_WORDS = re.compile(r"(?i)(?:region|territory|district|oblast|krai|province|city|societies|society|rights|"
                         r"education|science|culture|sport|sports|health|energy|industry|trade|transport|"
                         r"agriculture|finance|justice|interior|development|communications|emergencies|"
                         r"protection|relations|resources|construction|ecology|labour|labor|media)")
#: First words of two-word country and region names ("South Africa", "North Africa", "Saudi Arabia"): in "President
#: of the Republic of South Africa Cyril Ramaphosa" the place is two words before the name, not one.
PLACE_OPENERS = frozenset("""North South East West Northern Southern Eastern Western Central New United Saudi Sri
Costa Czech Dominican Burkina Sierra Papua Solomon Marshall Trinidad San Puerto Bosnia Equatorial El Hong Cabo
Holy""".split())
#: Words of an event's, a document's or a field's capitalised name, never of a person's: "Climate Change
#: Conference", "Joint Statement", "Foreign Policy" (a meeting's participants are read without them).
EVENT_WORDS = re.compile(r"(?i)\b(?:conference|summit|forum|format|statement|declaration|agreement|policy|"
                         r"programme|program|initiative|strategy|partnership|platform|week|day|year)\b")
PERSON_TITLE_WORDS = re.compile(r"(?i)\b(?:president|minister|prime|chancellor|secretary|adviser|advisor|"
                                 r"spokes\w+|head|chairman|chairwoman|chair|governor|mayor|ambassador|deputy|"
                                 r"director|commissioner|envoy|general|commander|chief|king|queen|prince|"
                                 r"speaker|leader|premier|taoiseach|senator|representative|ombudsman|lady|mr|mrs|ms|dr|chairperson|"
                                 r"ceo|founder|rector|professor|editor|patriarch|metropolitan|bishop)\b")
#: Rules that attribute a quotation by its marks (the others find reported speech).
#: ``next-sentence``: the sentence after the quotation names its speaker ("That was the view of X.").
DIRECT_RULES = ("before", "after", "after-inverted", "next-sentence", "label")
AFTER_SENTENCE = re.compile(r"[.!?…]\s+$")
TITLE_FULL = re.compile(r"(?i:the)\s+(?:[A-Z][\w’'\-]*\s+)?(?i:" + "|".join(
    re.escape(t).replace(r"\ ", r"\s+") for t in sorted(TITLES, key=len, reverse=True)) + r")")
WORD = re.compile(r"[^\W_](?:[\w’'.\-]*\w)?|[^\w\s]")
QMARK = re.compile(r"[“”\"‘’']")
SPACE_RUN = re.compile(r"\s+")
LINE = re.compile(r"[^\n]+")
DOUBLE_OPENERS = "([{—–-/"
TITLE_FWD = re.compile(
    r"(?i:the)\s+(?:[A-Z][\w’'\-]*\s+)?(?P<title>(?i:vice[- ]president|president|prime\s+minister|premier|"
    r"chancellor|head\s+of\s+state|head\s+of\s+government|foreign\s+minister|minister|secretary\s+of\s+state|"
    r"leader))(?:\s+of\s+(?P<of>(?:the\s+)?[A-Z][\w’'\-]*(?:\s+[A-Z][\w’'\-]*)*))?")
ROLE_FWD = re.compile(
    r"(?i:a|an|the|one|two|three|several|some)\s+(?:[a-z][\w\-]*\s+){0,2}?"
    r"(?P<noun>(?i:spokes(?:man|woman|person|people)|aides?|advis[eo]rs?|officials?|sources?|representatives?|"
    r"envoy|negotiators?|diplomats?|insiders?|ambassador|wife|husband))\b"
    r"(?:\s+(?:for|to|at|of|in|from|with|close\s+to)\s+(?:the\s+)?[A-Z][\w’'\-]*(?:\s+[A-Z][\w’'\-]*)*)?")
THE_CAPS_FWD = re.compile(r"(?i:the)\s+(?:[A-Z][\w’'\-]*\s+(?:(?:of|to|for)\s+(?:the\s+)?)?){0,5}"
                           r"[A-Z][\w’'\-]*")
BY_PASSIVE = re.compile(r"(?:This|That|It|These|Such|The\s+(?:statement|remarks?|words))\s+"
                         r"(?:was|were|is|has\s+been|had\s+been)\s+(?:also\s+)?(?P<cue>stated|said|emphasi[sz]ed|"
                         r"noted|stressed|announced|declared|reported|underlined|underscored|pointed\s+out|"
                         r"highlighted|expressed|voiced)\s+by\s+")
DOC_FWD = re.compile(
    r"(?:(?P<poss>(?i:its|his|her|their))|(?i:a|an|the))\s+(?:[a-z][\w\-]*\s+){0,2}?"
    r"(?P<noun>statement|readout|communiqu[eé]|release|announcement|declaration|message|post|letter|report)"
    r"(?:\s+(?:from|by|of|issued\s+by)\s+)?")
NAME_FWD = re.compile(r"[A-Z][\w’'\-]*(?:\s+(?:(?:of|the|de|von|van|der|da|al|bin)\s+)*[A-Z][\w’'\-]*){0,5}")
PRONOUN_FWD = re.compile(r"(?i:he|she|they|it|him|her|them)\b")
GENERIC_FWD = re.compile(r"(?:(?:[A-Za-z][\w\-]*)\s+){0,2}?(?P<noun>" + "|".join(sorted(GENERIC, key=len,
                                                                                       reverse=True)) + r")\b")
ADJUNCT = re.compile(r"(?i:on|in|to|at|via|during|after|before|from|through|over|with|late|early|earlier|"
                      r"later|yesterday|today|tonight|this|last|again|also|afterwards|then|there|here)\b")
THAT = re.compile(r"\bthat\b")
HEADLINE_END = re.compile(r"[.!?”\"’'…:;)]\s*$")


# A sentence ends at . ! ? or … (plus closing quotes/brackets) before whitespace and a capital, digit or
# opening quote, unless the word before the period is an abbreviation or an initial; a line break always


def trie_regex(words: Iterable[str], *, the_optional_case: bool = False) -> str:
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


#: "Slam the door on …" is an idiom, not speech ("slamming the door on illegal border crossings"); "called for the
#: doors of the European Union … to be open" is speech.
CUE_IDIOM = (r"(?!(?:" + "|".join(f"(?<={f})" for f in ("slam", "slams", "slammed", "slamming"))
             + r")\s+(?:the|a|its|their|our|his|her)\s+doors?\b)")
CUE_RE = re.compile(r"(?<![\w\-’'])(?:" + trie_regex([*CUES, "According to"]) + r")(?![\w\-])" + CUE_IDIOM)
DOCNOUN_RE = re.compile(r"(?<![\w\-])(?:" + trie_regex(DOC_NOUNS | {"press release", "press service"})
                         + r")(?![\w\-])")


#: Nouns of a personal message, whose words are its sender's ("The message reads, in part: …"): a regex alternation.
MESSAGE_NOUNS = r"(?:message|letter|telegram|greetings|condolences|congratulations)"


#: "asked" in the passive, or without its subject, before a quotation: "He was then asked, “…”", "When asked, “…”, she
#: said", "as I often get asked, “…”" — the words are the question put to the subject, not the subject's (found in
#: stop 50 on a Commons answer).
ASKED_OF = re.compile(r"(?i)\b(?:was|were|is|are|am|be|been|being|get|gets|got|getting|when|if)"
                      r"(?:\s+(?:also|then|again|often|always|once|later|first|just|\w+ly))*\s+\Z")


def asked_of(text: str, cue: int, w: str) -> bool:
    """Whether the cue ``w`` at ``cue`` is "asked" said of the one asked (:data:`ASKED_OF`; "is asking" is the
    asker's)."""
    return w.lower() == "asked" and ASKED_OF.search(text, max(0, cue - 40), cue) is not None
