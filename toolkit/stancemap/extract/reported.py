"""Reported speech: a cue verb with its subject and content — "Quill said that …", "Oduya accused
the Ministry of …", "according to X, …", "…, said Quill.", "with Quill insisting that …", an
institution's document ("The Ministry's statement noted …") and "This was stated by X" (the
previous sentence is X's). PARC 3.0's source–cue–content triples (Pareti 2016).

Functions of the :class:`~stancemap.extract.index.DocIndex` and the quotation stage's result.
"""
from __future__ import annotations

import bisect
import re
from collections.abc import Iterable

from ..text import stopwords
from .index import DocIndex
from .lexicon import (ADJUNCT, BY_PASSIVE, CUES, DASH_CONTINUE, DOC_VERBS, DOCNOUN_RE, ING_NOUNS, JOINT_CUES,
                      MEETING_PEOPLE, OPINION_CUES, SPACE_RUN, THAT)
from .records import Attribution, Subject
from .subjects import inverted, message_sender, np_forward, np_single, subject_before

__all__ = ["Head", "JOINED_CLAUSE", "MAIN_CLAUSE", "find_heads", "passive_by", "reported_attributions", "reported_speech"]

#: A cue in the future is a plan, not speech ("At the summit, he will highlight …", "she'll stress").
FUTURE = re.compile(r"(?:\b(?:will|shall)|[’']ll)(?:\s+(?:also|then|again|further|once\s+again|not|\w+ly))*\s+\Z")

#: A negated cue reports what the subject did not say: "Macron had not mentioned that …", "he never said …",
#: "she didn't claim …" (the content is the narrator's, or the earlier speaker's it continues).
NEGATED = re.compile(r"(?i)\b(?:not|never|n[’']t)(?:\s+(?:yet|even|once|(?!only\b)\w+ly))*\s+\Z")
#: Verbs of refusal, whose negation still states the subject's position ("he did not rule out direct talks",
#: "she did not deny that …"): not :data:`NEGATED`'s.
REFUSALS = frozenset({"rule", "deny", "reject", "dismiss", "denounce"})

#: A cue with its subject: (head position, cue start, cue end, cue form, subject).
Head = tuple[int, int, int, str, Subject]


def find_heads(ix: DocIndex, consumed: frozenset[int]) -> list[Head]:
    """The subject of every cue not ``consumed`` by a quotation (and of document nouns' verbs),
    in text order of their heads: their starts bound earlier contents."""
    heads: list[Head] = []
    for s, e, w in ix.cues:
        if s in consumed or FUTURE.search(ix.text, max(0, s - 40), s) \
                or CUES[w][0] not in REFUSALS and NEGATED.search(ix.text, max(0, s - 40), s):
            continue
        if w == "according to":
            subj = np_forward(ix, e, ix.sent_end(s))
            if subj is not None:
                heads.append((s, s, e, w, subj))
            continue
        if w in OPINION_CUES:       # "In his opinion, …": the possessive is the subject
            heads.append((s, s, e, w, Subject("pronoun", s + 3, s + 6, ix.text[s + 3:s + 6], ptype="person")))
            continue
        subj = subject_before(ix, s, w)
        if subj is None:
            subj = inverted(ix, s, e, w)
        if subj is not None and (CUES[w][0] not in JOINT_CUES or joint(ix, subj)):
            heads.append((subj.start, s, e, w, subj))
    # institutional sources with a post-modifier: "The White House statement following the call omitted …"
    heads += document_heads(ix, {h[1] for h in heads} | consumed)
    heads.sort(key=lambda h: h[0])
    return heads


#: The people who met, as a subject: "the two leaders", "both presidents", "the Presidents", "the heads of state".
JOINT_GROUP = re.compile(r"(?i)(?:the\s+|both\s+)?(?:two\s+)?(?:" + MEETING_PEOPLE + ")")


def joint(ix: DocIndex, subj: Subject) -> bool:
    """Whether ``subj`` names several people together (for :data:`JOINT_CUES`): "Quill and Oduya", "they",
    "the two leaders"."""
    if subj.kind == "coord":
        return True
    if subj.kind == "pronoun":
        return subj.text.lower() == "they"
    return subj.kind in ("generic", "role", "name") and JOINT_GROUP.fullmatch(subj.text) is not None


def reported_attributions(ix: DocIndex, heads: list[Head], direct: frozenset[int]) -> list[Attribution]:
    """The reported-speech attribution of each head that has content."""
    # a later attribution ends a content only at a clause boundary: "…, with Putin insisting",
    # "… and claimed", "…, which Moscow claimed"; not inside a that-clause ("said that X declared …")
    head_starts = sorted(h[0] for h in heads if h[4].kind == "elided" or ix.boundary_before(h[0]))
    out = []
    for h in heads:
        att = reported_speech(ix, h, head_starts, direct)
        if att is not None:
            out.append(att)
    return out


def passive_by(ix: DocIndex, atts: Iterable[Attribution]) -> list[Attribution]:
    """"… content. This was stated by X during …": the previous sentence is X's, unless an earlier
    attribution (of ``atts`` or of this rule) already holds it."""
    text = ix.text
    taken = list(atts)
    out: list[Attribution] = []
    for m in BY_PASSIVE.finditer(text, ix.start, ix.end):
        si = ix.sent_idx(m.start())
        if si == 0 or ix.sents[si][0] != m.start() or ix.sents[si - 1][0] < ix.start:
            continue
        subj = np_forward(ix, m.end(), ix.sents[si][1])
        if subj is None or subj.kind == "pronoun":
            continue
        ps, pe = ix.trim(*ix.sents[si - 1])
        if ix.in_quote(ps) or any(a.start <= ps < a.end for a in taken) or any(a.start <= ps < a.end for a in out):
            continue
        pe = pe - 1 if text[pe - 1] in ".!" else pe
        out.append(Attribution(subj.start, subj, SPACE_RUN.sub(" ", m.group("cue")) + " by", m.start("cue"),
                               m.end("cue"), ix.quote_kind(ps, pe), ps, pe, rule="passive-by"))
    return out


def document_heads(ix: DocIndex, used: set[int] | frozenset[int]) -> list[Head]:
    """ "The White House statement following the call omitted …": a document noun as the subject of the
    first cue (or document verb) after it, when that verb has no subject of its own."""
    text = ix.text
    used = set(used)
    out = []
    for m in DOCNOUN_RE.finditer(text, ix.start, ix.end):
        if ix.in_quote(m.start()):
            continue
        se = ix.sent_end(m.start())
        toks = ix.tokens(ix.sent_start(m.start()), m.end())
        if not toks:
            continue
        subj = np_single(ix, toks, len(toks) - 1, ix.sent_start(m.start()))
        if subj is None or subj.kind != "doc":
            continue
        if subj.owner is None and message_sender(ix, subj.start, subj.text) is None:
            continue      # an owner, or a sent message's sender ("Putin sent a message … . The message reads …")
        for vm in re.finditer(r"[a-z]+(?: (?:for|on|out|clear))?", text[m.end():min(se, m.end() + 120)]):
            v = vm.group()
            pos = m.end() + vm.start()
            if pos in used:
                break
            if v in CUES or v.split()[0] in DOC_VERBS:
                if v not in CUES:
                    v = v.split()[0]
                out.append((subj.start, pos, pos + len(v), v, subj))
                used.add(pos)
                break
    return out


def reported_speech(ix: DocIndex, head: Head, head_starts: list[int], direct: frozenset[int]) -> Attribution | None:
    """The content of one head's cue: a that-clause, an object ("accused X of …"), "according to X,
    …", or the clause before a post-posed attribution ("…, Quill said."). ``head_starts`` bound the
    content (a later attribution's subject); ``direct``: quotes attributed by their marks (they end it too)."""
    head, cs, ce, cue, subj = head
    text = ix.text
    si = ix.sent_idx(cs)
    s_start, s_end = ix.sents[si]
    s_end = min(s_end, ix.end)
    lemma, cls, _ = CUES.get(cue, (cue, "that", "past"))
    if lemma == "according":
        # "According to X, content.", "Content, according to X." or "In his opinion, content."
        before = text[s_start:cs].strip(" ,")
        after = text[subj.end:s_end]
        if cue == "according to" and len(before.split()) >= 3 \
                and not (after.startswith(",") and len(after.split()) > len(before.split())):
            start, end = s_start, cs
        else:
            start = subj.end if cue == "according to" else ce
            end = s_end
            nxt = bisect.bisect_right(head_starts, start)
            if nxt < len(head_starts) and head_starts[nxt] < end:
                end = head_starts[nxt]
        start, end = ix.strip(start, end)
        if len(text[start:end].split()) < 2:
            return None
        return Attribution(head, subj, cue, cs, ce, ix.quote_kind(start, end), start, end, rule="according")
    start = ce
    if subj.kind in ("name",) and subj.start > ce:
        start = subj.end
    # skip "that" (and, for tell-verbs, the person told) when it comes within a few words
    window = text[start:min(s_end, start + 80)]
    tm = THAT.search(window)
    if tm and cls in ("that", "tell"):
        gap = window[:tm.start()]
        gap_words = gap.split()
        ok = not re.search(r"[,;:.“”\"—–]", gap) and (
            not gap_words or (cls == "tell" and len(gap_words) <= 5)
            or ADJUNCT.match(gap_words[0]) is not None and len(gap_words) <= 7)
        if ok:
            start = start + tm.end()
    object_np = start == ce and lemma in ("announce", "confirm") and NP_OBJECT.match(text, start) is not None
    end = s_end
    # the next attribution in the sentence ends this content
    nxt = bisect.bisect_right(head_starts, start)
    if nxt < len(head_starts) and head_starts[nxt] < end:
        end = head_starts[nxt]
    # a direct quote with its own attribution ends it too
    qi = bisect.bisect_left(ix.q_starts, start)
    while qi < len(ix.quotes) and ix.quotes[qi][0] < end:
        if qi in direct:
            end = ix.quotes[qi][0]
            break
        qi += 1
    end = clause_end(ix, start, end)
    rule = "reported"       # "reported-main": cut before the narrator's main clause (the author's own words)
    if SUBORDINATE.match(text[s_start:subj.start]):
        # "If Moscow claims that A, the West must B": the speech sits in a fronted conditional or
        # adverbial clause, so its content ends at the comma before the main clause (the narrator's)
        main = next((m.start() for m in MAIN_CLAUSE.finditer(text, start, end) if not ix.in_quote(m.start())),
                    None)
        if main is not None:
            end, rule = main, "reported-main"
    elif object_np:
        # "The Union announced new details of the package, and the task of our diplomats is …": an
        # announced thing, then the narrator's own clause
        main = next((m.start() for m in JOINED_CLAUSE.finditer(text, start, end) if not ix.in_quote(m.start())),
                    None)
        if main is not None and not FINITE.search(text, start, main):
            end, rule = main, "reported-main"
    start, end = ix.strip(start, end)
    content = text[start:end]
    words = content.split()
    if lemma in ("respond", "reply", "answer") and RESPONSE_ACTION.match(content):
        return None     # "The Union responds to the attack by imposing sanctions": an action, not words
    if subj.start > ce or len(words) < 2 or (ADJUNCT.match(content) and len(words) <= 6):
        # post-posed: "The talks were productive, Quill said." / "…, said Quill."
        head_at = min(subj.start, cs)
        lead = text[s_start:head_at].rstrip()
        if lead.endswith(",") and len(lead.split()) >= 3 and (subj.start > ce or re.fullmatch(
                r"[\s.!?…]*|(?:on|in|at|to|via|during|after|before|from|late|earlier|later)\b[^,;:]{0,50}[.!?…]?",
                text[end:s_end] if end > start else text[ce:s_end])):
            ps, pe = ix.strip(s_start, len(lead) + s_start - 1)
            if not any(ix.quotes[i][0] < pe and ix.quotes[i][1] > ps
                       for i in direct):
                return Attribution(head, subj, cue, cs, ce, ix.quote_kind(ps, pe), ps, pe, rule="post-posed")
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
            and ADJUNCT.match(content) and len(words) <= 6 and "that" not in words:
        return None     # "he wrote on Truth Social": a channel, not content
    if lemma == "tell" and TOLD_ING.match(content):
        return None     # "He told them commenting on his film": the person told and a participle, no words
    return Attribution(head, subj, cue, cs, ce, ix.quote_kind(start, end), start, end, rule=rule)


#: A fronted subordinate clause up to the subject of a cue ("If Moscow claims that …,", "And when the
#: Ministry announced …,"): its content ends where the main clause starts (:data:`MAIN_CLAUSE`).
SUBORDINATE = re.compile(r"(?i)\s*(?:(?:and|but|so|yet)\s+)?(?:if|unless|when|whenever|once|because|since|"
                         r"although|though|as\s+long\s+as|even\s+if)\s+(?:\w+\s+)?\Z")
#: A comma and the start of a main clause: a subject of up to four words (no "and"/"or": "A, B and C were"
#: is a list) and a finite or modal verb.
MAIN_CLAUSE = re.compile(r",\s+(?:then\s+)?(?:[Tt]he|[Ww]e|[Tt]hey|[Ii]t|[Hh]e|[Ss]he|I|[Yy]ou|[Tt]his|[Tt]here|[Oo]ur|"
                         r"[Tt]heir|[A-Z][a-z]+)(?:\s+(?!(?:and|or)\b)[\w’'-]+){0,3}?\s+(?:must|should|will|would|"
                         r"can|could|may|might|shall|is|are|was|were|has|have|had|need|needs|cannot|[a-z]+ed)\b")
#: The object of a that-cue as a noun phrase ("announced the first details of …", "confirmed new aid").
NP_OBJECT = re.compile(r"\s*(?:the|a|an|new|its|their|his|her|further|more|another)\s", re.I)
#: An auxiliary or modal: the object is a clause ("announced the harbour will stay open"), not a noun phrase.
FINITE = re.compile(r"\b(?:is|are|was|were|will|would|must|should|can|could|may|might|shall|has|have|had|does|do|"
                    r"did)\b", re.I)
#: ", and" / ", but" and a main clause after a noun-phrase object.
JOINED_CLAUSE = re.compile(r",\s+(?:and|but)\s+(?:[Tt]he|[Ww]e|[Tt]hey|[Ii]t|[Hh]e|[Ss]he|I|[Yy]ou|[Tt]his|[Tt]here|[Oo]ur|"
                           r"[Tt]heir|[A-Z][a-z]+)(?:\s+(?!(?:and|or)\b)[\w’'-]+){0,4}?\s+(?:must|should|will|would|"
                           r"can|could|may|might|shall|is|are|was|were|has|have|had|need|needs|cannot)\b")
#: What follows respond/reply/answer when it names an action: "to X by imposing …", "to X with strikes".
RESPONSE_ACTION = re.compile(r"(?i)to\b[^.;:“”\"]{0,120}?\b(?:by\s+(?:\w+ly\s+)?\w+ing|with\s+(?:sanctions|strikes|force|"
                             r"an?\s+(?:attack|strike|offensive)|missiles|drones|troops|arms|weapons))\b")

#: A tell-verb's object followed by a participle: no reported words ("told them commenting on …").
TOLD_ING = re.compile(r"(?:them|him|her|us|me|reporters|journalists)\s+\w+ing\b")


def clause_end(ix: DocIndex, start: int, end: int) -> int:
    """Cut content at a semicolon, ", while", ", whereas" or a dash that starts the narrator's gloss."""
    text = ix.text
    for m in re.finditer(r";|,\s+(?:while|whereas)\b|\s+[–-]\s+|—|--", text[start:end]):
        pos = start + m.start()
        if ix.in_quote(pos):
            continue
        if m.group().strip(" ") in ("—", "–", "-", "--"):
            nxt = re.match(r"\s*([A-Za-z]+)", text[start + m.end():end])
            word = nxt.group(1).lower() if nxt else ""
            if nxt and (len(word) > 4 and word.endswith(("ing", "ed")) and word not in ING_NOUNS
                        or word in DASH_CONTINUE):
                continue
        return pos
    return end
