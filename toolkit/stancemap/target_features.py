"""Target-aware stance features: is the target mentioned, and what is said about it.

A stateless, deterministic featuriser that a linear stance model can weigh next to
its n-grams (issue #12, item 2): :func:`target_features` turns statements into a
sparse matrix for one codebook target and :func:`target_feature_names` names its
columns — fixed names, nothing fitted, the same matrix on every run and machine.

Per statement and target:

* **mention** — the target's codebook cues (:meth:`Codebook.cue_pattern`) and a
  few extra terms (:data:`EXTRA_TERMS`), and the words in a window around the
  mention, hashed into fixed buckets (``near_h…``; CRC-32, stable across runs);
* **direction** — verb–object polarity about the target (:data:`DIRECTION_VERBS`:
  "lift/ease sanctions" against, "impose/tighten sanctions" favor; "stop/cut aid"
  against; "cede/recognise territory" favor of concessions; "accept/reject a
  ceasefire"), flipped by a negation in the same clause ("none of the sanctions
  are being lifted" is a negated against-verb, i.e. favor-direction; "will not
  accept ceding land" against), and evaluative words near the mention
  ("illegitimate", "useless" → against; "nobody likes … sanctions" → negated
  liking, against);
* **scope and voice** — negation scope over the mention, conditional scope ("only
  if", "unless", "as long as", "until", "provided that"), hedges, demands,
  reported speech of others (a speech verb with a third-party subject: "Moscow
  demands", "they claim"), the victim/threat frame ("threatened with sanctions",
  "hit by sanctions" — the speaker as target of the measure, not for it), and
  questions.

Negation scope follows Das & Chen (2001) as in :func:`stancemap.text.negation_marks`
(to the clause end); verb–object polarity is in the spirit of the target-dependent
features of Jiang et al. (2011) and of the SemEval-2016 Task 6 systems
(Mohammad et al. 2016). Plain regular expressions, no fitted state, about
tens of thousands of statements a second.
"""
from __future__ import annotations

import bisect
import math
import re
import zlib
from collections.abc import Iterable, Sequence
from functools import lru_cache

import numpy as np
import scipy.sparse as sp

from .codebook import Codebook, normalise_cues
from .errors import StancemapError
from .runtime import paused_gc
from .schema import text_values

#: Words each side of a mention that count as "near" it.
WINDOW = 5
#: Hash buckets of the words near a mention (``near_h000`` …).
NEAR_BUCKETS = 64

#: A few robust terms per target that the codebook's cues leave out (whole words,
#: ``*`` = any ending, as in the codebook).
EXTRA_TERMS = {
    "full_ceasefire": ["ceasefire", "cease-fire", "truce", "armistice", "cessation of hostilities",
                       "stop the fighting", "halt to hostilities", "end the fighting"],
    "energy_truce": ["energy truce", "energy infrastructure", "power grid*", "power station*", "refiner*",
                     "energy facilit*", "strikes on energy", "energy sites"],
    "military_aid": ["military aid", "weapons", "arms", "ammunition", "air defence*", "air defense*", "patriot*", "himars",
                     "tanks", "f-16*", "shells", "missiles for ukraine", "security assistance",
                     "military support", "aid", "deliveries", "supplies"],
    "sanctions": ["sanction*", "embargo*", "price cap", "restrictions", "swift", "frozen assets",
                  "asset freeze", "export controls", "tariffs"],
    "territorial_concessions": ["cede", "ceding", "ceded", "concession*", "territor*", "land", "crimea",
                                "donbas*", "donetsk", "luhansk", "zaporizhzhia", "kherson", "annex*",
                                "borders", "occupied"],
}

# ---------------------------------------------------------------------------- word lists

_NEGATORS = frozenset("""not no never none nobody nothing neither nor cannot can't won't don't doesn't didn't
isn't aren't wasn't weren't shouldn't wouldn't mustn't hasn't haven't hadn't couldn't without refuse refuses
refused n't noone""".split())
_CLAUSE_END = frozenset(". ; : ! ? , but however although though whereas while".split())
#: Conditional markers: one word, or a word and the words that must follow it.
_COND_ONE = frozenset(("unless", "until", "till"))
_COND_TWO = {"only": ("if", "when", "once", "after"), "as": ("long",), "on": ("condition",),
             "provided": ("that",), "providing": ("that",),
             "in": ("exchange",), "conditional": ("on", "upon")}
_COND_WORDS = _COND_ONE | frozenset(_COND_TWO)
_HEDGES = frozenset("""may might could perhaps possibly probably maybe seems seem appears likely unlikely
cautiously somewhat partly consider considering open""".split())
_DEMANDS = frozenset("must should need needs ought demand demands urge urges insist insists call calls".split())
_SPEECH_WORDS = ("claim", "demand", "say", "allege", "insist", "argue", "state", "assert", "accuse", "announce",
                 "declare", "suggest", "propose", "want", "threaten", "warn", "urge", "tell")
_THIRD = frozenset("""they he she moscow kyiv kiev washington brussels london beijing kremlin russia ukraine west
nato officials critics some others opponents regime enemy side government authorities leadership""".split())
_FIRST = frozenset(("i", "we"))
_ADVERBS = frozenset(("also", "now", "still", "again", "once", "even", "repeatedly", "openly", "publicly"))
#: The victim/threat frame: a word and the words that may follow it within two tokens.
_VICTIM_NEXT = {"threatened": ("with",), "threatening": ("with",), "hit": ("by", "with"), "subjected": ("to",),
                "subject": ("to",), "suffer": ("from", "under"), "suffers": ("from", "under"),
                "suffered": ("from", "under"), "suffering": ("from", "under"), "targeted": ("by", "with"),
                "victim": ("of",), "victims": ("of",), "hurt": ("by",), "punished": ("by", "with")}
#: Before a mention: "under (the) sanctions", "despite (the) sanctions"; after it: "sanctions against us".
_VICTIM_WORDS = frozenset(_VICTIM_NEXT)
_VICTIM_BEFORE = frozenset(("under", "despite", "illegal", "unilateral", "hostile", "western"))
_VICTIM_AFTER = ("against", "on")
_VICTIM_OBJECT = frozenset(("us", "our", "russia", "russian", "me", "my"))

def _forms(words: Iterable[str]) -> frozenset[str]:
    """A word list with its regular inflections (lift → lifts, lifted, lifting; stop →
    stopped, stopping; ease → eased, easing; supply → supplied)."""
    out = set()
    for w in words:
        out.update({w, w + "s", w + "es", w + "ed", w + "d", w + "ing"})
        if w.endswith("e"):
            out.update({w[:-1] + "ing", w[:-1] + "ed"})
        if w.endswith("y"):
            out.update({w[:-1] + "ies", w[:-1] + "ied"})
        if len(w) >= 3 and w[-1] not in "aeiouwxy" and w[-2] in "aeiou" and w[-3] not in "aeiou":
            out.update({w + w[-1] + "ed", w + w[-1] + "ing"})
    return frozenset(out)


_CEASEFIRE_FAVOR = ("accept", "agree", "support", "welcome", "endorse", "back", "propose", "implement", "respect",
                    "observe", "extend", "honour", "honor", "call", "seek", "achieve", "reach", "sign", "declare",
                    "uphold", "embrace", "want")
_CEASEFIRE_AGAINST = ("reject", "refuse", "oppose", "violate", "breach", "break", "sabotage", "undermine",
                      "dismiss", "ignore", "block", "torpedo", "exploit", "abandon", "withdraw")
#: Verbs that say which way a statement moves the target: (favor-direction, against-direction).
DIRECTION_VERBS = {
    "sanctions": (("impose", "extend", "tighten", "maintain", "keep", "strengthen", "expand", "enforce",
                   "introduce", "adopt", "toughen", "prolong", "renew", "increase", "add", "support", "retain",
                   "broaden", "step", "announce", "approve", "ramp"),
                  ("lift", "ease", "drop", "remove", "suspend", "relax", "scrap", "cancel", "waive", "end",
                   "loosen", "reduce", "weaken", "abolish", "revoke", "rescind", "unfreeze", "oppose", "reject",
                   "condemn", "circumvent", "evade", "bypass")),
    "military_aid": (("provide", "send", "increase", "continue", "supply", "deliver", "resume", "boost", "approve",
                      "pledge", "give", "ship", "transfer", "support", "expand", "accelerate", "speed", "help",
                      "fund", "need", "request", "ask", "thank", "sustain", "step"),
                     ("stop", "cut", "halt", "suspend", "end", "pause", "freeze", "reduce", "withhold", "cease",
                      "block", "limit", "condition", "restrict", "delay", "oppose", "reject", "condemn", "prohibit",
                      "ban")),
    "territorial_concessions": (("cede", "give", "surrender", "recognise", "recognize", "hand", "accept",
                                 "trade", "swap", "relinquish", "renounce", "concede", "yield", "legitimise",
                                 "legitimize", "acknowledge", "agree"),
                                ("reject", "refuse", "oppose", "restore", "liberate", "return", "reclaim", "regain",
                                 "defend", "protect", "preserve", "respect", "uphold", "retake", "deoccupy",
                                 "condemn")),
    "full_ceasefire": (_CEASEFIRE_FAVOR, _CEASEFIRE_AGAINST),
    "energy_truce": (_CEASEFIRE_FAVOR, _CEASEFIRE_AGAINST),
}
#: Words near the mention that evaluate the target (positive, negative); negative → against-direction.
EVALUATIVE = (
    ("effective", "necessary", "important", "crucial", "essential", "vital", "justified", "legitimate", "right",
     "good", "welcome", "working", "work", "works", "needed", "critical", "fair", "successful", "valuable",
     "indispensable", "decisive", "historic", "positive", "constructive", "urgent"),
    ("illegitimate", "illegal", "unlawful", "useless", "senseless", "pointless", "counterproductive",
     "self-defeating", "futile", "ineffective", "unjust", "unfair", "absurd", "hostile", "destructive",
     "unacceptable", "failed", "failing", "harmful", "wrong", "shameful", "dangerous", "premature", "trap",
     "sham", "ploy", "farce", "blackmail", "worthless", "meaningless", "impossible", "illusion", "theft",
     "robbery", "provocation", "reckless", "escalation", "prolong",
     "prolonging", "prolongs", "fuel", "fuels", "fuelling", "fueling", "doomed", "backfire", "backfired",
     "hurt", "hurts", "damage", "damages"),
)
_SPEECH = _forms(_SPEECH_WORDS) | {"said", "told"}
_LIKING = _forms(("like", "love", "want", "welcome", "support", "need", "favour", "favor", "endorse", "enjoy",
                  "approve", "benefit"))

#: Fixed feature names before the hashed window (``tf__`` + these, then ``tf__near_h…``).
BASE_FEATURES = (
    "mention", "mention_count", "no_mention", "negated_mention", "conditional", "conditional_before_mention",
    "favor_verb", "against_verb", "favor_verb_negated", "against_verb_negated", "eval_positive", "eval_negative",
    "negated_liking", "favor_direction", "against_direction", "net_direction", "victim_frame", "hedge",
    "hedge_near_mention", "demand", "demand_near_mention", "reported_speech", "own_voice", "question",
    "mention_in_question",
)

_TOKEN = re.compile(r"\w+(?:[-']\w+)*|[.;:!?,]")
_PUNCT = ".;:!?,"
#: ASCII characters that are neither a letter, a digit nor in ``_PUNCT`` → space (``_tokens``).
#: (A byte table: ``bytes.translate`` of an ASCII text is a few times faster than ``str.translate``.)
_ASCII_SPACE = bytes(32 if i < 128 and not (chr(i).isalnum() or chr(i) in _PUNCT) else i for i in range(256))


@lru_cache(maxsize=64)
def _lexicons(target: str) -> tuple[frozenset, frozenset]:
    fav, ag = DIRECTION_VERBS.get(target, (_CEASEFIRE_FAVOR, _CEASEFIRE_AGAINST))
    return _forms(fav), _forms(ag)


_EVAL_POS, _EVAL_NEG = frozenset(EVALUATIVE[0]), frozenset(EVALUATIVE[1])


class _Cues:
    """Cue terms matched on tokens (the codebook's syntax: whole words, ``*`` = any ending,
    multiword): a set lookup per token instead of a regex over the text."""

    def __init__(self, cues: Iterable[str]):
        self.exact: dict[str, list] = {}
        self.prefix: dict[str, list] = {}
        for cue in normalise_cues(cues):
            words = [w for part in cue.split() for w in _TOKEN.findall(part.rstrip("*"))] or [cue]
            star = cue.endswith("*")
            rest = tuple(words[1:])
            entry = (rest, star)
            if star and len(words) == 1:
                self.prefix.setdefault(words[0], []).append(entry)
            else:
                self.exact.setdefault(words[0], []).append(entry)
        self.prefixes = tuple(self.prefix)

    def starts(self, vocabulary: Iterable[str]) -> frozenset:
        """The words of ``vocabulary`` that can begin a mention."""
        return frozenset(t for t in vocabulary if t in self.exact or (self.prefixes and t.startswith(self.prefixes)))

    def needs(self, vocabulary: Iterable[str]) -> tuple[frozenset, frozenset, dict[str, list[frozenset]]]:
        """:meth:`starts`, the starts that make a mention on their own, and the others with,
        for each, the word sets of which one must occur as a whole for a mention."""
        sure, other = set(), {}
        for t in vocabulary:
            if self.prefixes and t.startswith(self.prefixes):
                sure.add(t)
            elif t in self.exact:
                needed = [frozenset(rest[:-1] if star else rest) for rest, star in self.exact[t]]
                if all(needed):
                    other[t] = needed
                else:
                    sure.add(t)
        return frozenset(sure) | frozenset(other), frozenset(sure), other

    def spans(self, toks: Sequence[str], tokset: frozenset, starts: frozenset) -> list[tuple[int, int]]:
        """(first, last) token of every mention, longest first at a position, not overlapping."""
        if tokset.isdisjoint(starts):
            return []
        out, i, n = [], 0, len(toks)
        while i < n:
            t, best = toks[i], -1
            if t not in starts:
                i += 1
                continue
            for rest, star in self.exact.get(t, ()):
                k = len(rest)
                if i + k < n and all(toks[i + 1 + j] == w for j, w in enumerate(rest[:-1] if star else rest)) \
                        and (not star or not rest or toks[i + k].startswith(rest[-1])):
                    best = max(best, i + k)
            if best < 0 and self.prefixes and t.startswith(self.prefixes):
                best = i
            if best >= 0:
                out.append((i, best))
                i = best + 1
            else:
                i += 1
        return out


@lru_cache(maxsize=64)
def _mention_cues(codebook: Codebook, target: str) -> _Cues:
    return _Cues(list(codebook.target(target).cues) + EXTRA_TERMS.get(target, []))


def target_feature_names(target: str, codebook: Codebook) -> list[str]:
    """The column names of :func:`target_features` for ``target`` (fixed; no fitted state)."""
    codebook.target(target)  # a clear error for an unknown target
    return [f"tf__{n}" for n in BASE_FEATURES] + [f"tf__near_h{i:03d}" for i in range(NEAR_BUCKETS)]


@lru_cache(maxsize=100_000)
def _bucket(word: str) -> int:
    return zlib.crc32(word.encode("utf-8")) % NEAR_BUCKETS


def _clause_bounds(toks: Sequence[str]) -> list[int]:
    """Clause number of every token (a new clause after ``_CLAUSE_END`` tokens)."""
    out, c = [], 0
    for t in toks:
        out.append(c)
        if t in _CLAUSE_END:
            c += 1
    return out


def _negated(toks: Sequence[str], clause: Sequence[int], i: int, lo: int) -> bool:
    """A negator before token ``i`` in its clause, no further back than ``lo``."""
    c = clause[i]
    for j in range(i - 1, max(lo, -1), -1):
        if clause[j] != c:
            return False
        t = toks[j]
        if t in _NEGATORS or t.endswith("n't") or (t == "one" and j and toks[j - 1] == "no"):
            return True
    return False


@lru_cache(maxsize=65_536)
def _tokens(text: str) -> tuple[tuple[str, ...], frozenset]:
    """Lower-cased tokens and their set (cached: each target reads the same texts)."""
    if not text.isascii():
        text = text.replace("’", "'")
        if not text.isascii():  # lower-casing a whole text may differ from token by token (final sigma)
            toks = tuple(map(str.lower, _TOKEN.findall(text)))
            return toks, frozenset(toks)
    text = text.lower()  # ASCII: the same tokens, lower-cased in one pass
    if "-" in text or "'" in text or "_" in text:
        toks = tuple(_TOKEN.findall(text))
    else:  # only letters, digits and the punctuation tokens count: split on everything else
        for p in _PUNCT:
            if p in text:
                text = text.replace(p, f" {p} ")
        toks = tuple(text.encode("ascii").translate(_ASCII_SPACE).decode("ascii").split())
    return toks, frozenset(toks)


def token_set(text: str) -> frozenset:
    """The lower-cased words and punctuation tokens of ``text`` as these features read them (cached)."""
    return _tokens(text)[1]


def _positions(toks: tuple, words: Iterable[str]) -> list[int]:
    """The positions in ``toks`` of ``words`` (each of which occurs), in order."""
    out = []
    for w in words:
        i = -1
        for _ in range(toks.count(w)):
            i = toks.index(w, i + 1)
            out.append(i)
    out.sort()
    return out


def _voice(orig: Sequence[str], toks: tuple, at: Sequence[int]) -> tuple[bool, bool]:
    """(reported speech of a third party, the speaker's own voice): a speech verb (at
    positions ``at``) whose subject — the word before it, an adverb skipped — is a third
    party (a pronoun, a capital, an institution or a capitalised name) or ``I``/``we``."""
    other = own = False
    for i in at:
        if i == 0:
            continue
        j = i - 1
        if toks[j] in _ADVERBS or toks[j].endswith("ly"):
            j -= 1
        if j < 0:
            continue
        s = toks[j]
        if s in _FIRST:
            own = True
        elif s in _THIRD or (orig[j][:1].isupper() and j > 0):
            other = True
    return other, own


@lru_cache(maxsize=65_536)
def _general(text: str) -> tuple[dict[int, float], tuple[int, ...], bool, int]:
    """The target-independent part of a statement's features (cached: every target reads the
    same texts): question, conditional, hedge, demand and voice flags, the positions of
    conditional markers, whether the victim frame's verbs occur, and the columns of the
    statement's row when it does not mention the target (a bit mask)."""
    toks, tokset = _tokens(text)
    idx = _INDEX
    n = len(toks)
    out: dict[int, float] = {}
    if "?" in tokset:
        out[idx["question"]] = 1.0
    hits = tokset & _COND_WORDS
    cond_at = tuple(i for i in _positions(toks, hits) if toks[i] in _COND_ONE or (
        i + 1 < n and toks[i + 1] in _COND_TWO[toks[i]])) if hits else ()
    if cond_at:
        out[idx["conditional"]] = 1.0
    if not tokset.isdisjoint(_HEDGES):
        out[idx["hedge"]] = 1.0
    if not tokset.isdisjoint(_DEMANDS):
        out[idx["demand"]] = 1.0
    hits = tokset & _SPEECH
    if hits:
        other, own = _voice(_TOKEN.findall(text.replace("’", "'")), toks, _positions(toks, hits))
        if other:
            out[idx["reported_speech"]] = 1.0
        if own:
            out[idx["own_voice"]] = 1.0
    hits = tokset & _VICTIM_WORDS
    victim = bool(hits) and any(any(w in _VICTIM_NEXT[toks[i]] for w in toks[i + 1:i + 3])
                                for i in _positions(toks, hits))
    plain = sum(1 << c for c in out) | _NO_MENTION_BIT | (_VICTIM_BIT if victim else 0)
    return out, cond_at, victim, plain


def _one(tokens: tuple, cues: _Cues, starts: frozenset, favor: frozenset, against: frozenset,
         general: tuple) -> dict[int, float]:
    """Feature index → value for one statement (its :func:`_tokens` and :func:`_general`)."""
    toks, tokset = tokens
    base_out, cond_at, victim, _ = general
    out: dict[int, float] = dict(base_out)
    idx = _INDEX
    n = len(toks)

    def put(name, v=1.0):
        out[idx[name]] = out.get(idx[name], 0.0) + v

    question = idx["question"] in out
    mentions = cues.spans(toks, tokset, starts)
    for a, b in mentions:
        if any(t in _VICTIM_BEFORE for t in toks[max(0, a - 3):a]) or (
                b + 2 < n and toks[b + 1] in _VICTIM_AFTER and toks[b + 2] in _VICTIM_OBJECT):
            victim = True
    if victim:
        put("victim_frame")
    if not mentions:
        put("no_mention")
        return out
    put("mention")
    out[idx["mention_count"]] = math.log1p(len(mentions))   # the C library's, as numpy's is not on every CPU
    if question:
        put("mention_in_question")
    clause = _clause_bounds(toks)
    fav = ag = 0.0
    seen_near: set[int] = set()
    flags = {"negated_mention": False, "cond": False, "hedge": False, "demand": False}
    done: set[int] = set()
    for a, b in mentions:
        if _negated(toks, clause, a, a - 2 * WINDOW):
            flags["negated_mention"] = True
        if any(c < a and a - c <= 3 * WINDOW for c in cond_at):
            flags["cond"] = True
        for j in range(max(0, a - WINDOW), min(n, b + 1 + WINDOW)):
            if j in done or (a < j <= b):
                continue
            t = toks[j]
            inside = j == a
            if not inside:
                seen_near.add(_bucket(t))
                if t in _HEDGES:
                    flags["hedge"] = True
                if t in _DEMANDS:
                    flags["demand"] = True
            is_f, is_a = t in favor, t in against
            if is_f != is_a:
                done.add(j)
                neg = _negated(toks, clause, j, (j if j <= b else a) - 2 * WINDOW)
                if is_f:
                    put("favor_verb_negated" if neg else "favor_verb")
                    fav, ag = (fav, ag + 1) if neg else (fav + 1, ag)
                else:
                    put("against_verb_negated" if neg else "against_verb")
                    fav, ag = (fav + 1, ag) if neg else (fav, ag + 1)
                continue
            if inside or clause[j] != clause[a]:
                continue
            if t in _EVAL_NEG or t in _EVAL_POS:
                done.add(j)
                neg = _negated(toks, clause, j, j - WINDOW)
                positive = (t in _EVAL_POS) != neg
                put("eval_positive" if positive else "eval_negative")
                fav, ag = (fav + 1, ag) if positive else (fav, ag + 1)
            elif j < a and t in _LIKING and _negated(toks, clause, j, j - WINDOW):
                done.add(j)
                put("negated_liking")
                ag += 1
    if flags["negated_mention"]:
        put("negated_mention")
    if flags["hedge"]:
        put("hedge_near_mention")
    if flags["demand"]:
        put("demand_near_mention")
    if flags["cond"]:
        put("conditional_before_mention")
    if fav:
        out[idx["favor_direction"]] = fav
    if ag:
        out[idx["against_direction"]] = ag
    if fav != ag:
        out[idx["net_direction"]] = float(np.sign(fav - ag))
    base = len(BASE_FEATURES)
    for h in seen_near:
        out[base + h] = 1.0
    return out


_INDEX = {n: i for i, n in enumerate(BASE_FEATURES)}
_NO_MENTION_BIT, _VICTIM_BIT = 1 << _INDEX["no_mention"], 1 << _INDEX["victim_frame"]


class _Batch:
    """What every target reads of one list of texts, computed once: tokens and
    :func:`_general` per text, the distinct words of all texts, and the
    rows of a text with no mention (target-independent) as CSR arrays."""

    def __init__(self, texts: Sequence[str]):
        n = len(texts)
        # tens of thousands of small tuples and sets, none in a reference cycle: the cyclic
        # garbage collector's passes over them would cost a third of the time
        with paused_gc():
            self.tokens = [_tokens(t) for t in texts]
            self.general = [_general(t) for t in texts]
        # every distinct word of the texts (a target's mention can begin only with some of them)
        self.vocabulary = frozenset().union(*(tk[1] for tk in self.tokens))
        # the rows without a mention: every value 1.0, the columns set in each text's bit mask
        plain = np.fromiter((g[3] for g in self.general), dtype=np.int64, count=n)
        on = ((plain[:, None] >> np.arange(len(BASE_FEATURES), dtype=np.int64)) & 1).astype(bool)
        lengths = on.sum(axis=1, dtype=np.int64)
        indices = np.nonzero(on)[1]
        self.indptr = np.zeros(n + 1, dtype=np.int64)
        np.cumsum(lengths, out=self.indptr[1:])
        self.lengths = lengths
        self.indices = np.asarray(indices, dtype=np.int32)
        self.elem_rows = np.repeat(np.arange(n, dtype=np.int64), lengths)
        self.elem_offsets = np.arange(len(self.indices), dtype=np.int64) - self.indptr[self.elem_rows]
        self._mention_words: dict = {}

    def mention_words(self, codebook: Codebook) -> list[tuple[int, frozenset]]:
        """``(row, its words that can begin a mention of some target of codebook)`` for every text
        with such a word: one set intersection per text for all targets (each target then reads
        only these rows)."""
        got = self._mention_words.get(codebook)
        if got is None:
            union = frozenset().union(*(_mention_cues(codebook, t).starts(self.vocabulary) for t in codebook.targets))
            got = self._mention_words[codebook] = [(r, hit) for r, (_, words) in enumerate(self.tokens)
                                                   if (hit := words & union)]
        return got


#: The last batch of texts as one (texts, batch) pair, read and replaced in one step (most
#: callers ask for every target of the same texts in turn).
_LAST: list = [None]
#: Batches up to this many texts are kept for the next target.
_KEEP_MAX = 100_000


def _batch(texts: list[str]) -> _Batch:
    key, last = tuple(texts), _LAST[0]
    if last is not None and last[0] == key:
        return last[1]
    batch = _Batch(texts)
    _LAST[0] = (key, batch) if len(key) <= _KEEP_MAX else None
    return batch


def target_features(texts: Iterable, target: str, codebook: Codebook) -> sp.csr_matrix:
    """Target-aware features of ``texts`` for one codebook ``target``: a
    ``(len(texts), len(target_feature_names(target, codebook)))`` CSR matrix of
    float64 (mostly 0/1; ``mention_count`` is log1p of the mentions,
    ``favor_direction``/``against_direction`` count cues, ``net_direction`` is −1, 0
    or +1). Stateless and deterministic; missing texts count as empty."""
    if not isinstance(codebook, Codebook):
        raise StancemapError(f"codebook must be a Codebook (stancemap.codebook.load_codebook()), got "
                             f"{type(codebook).__name__}.")
    width = len(target_feature_names(target, codebook))
    cues = _mention_cues(codebook, target)
    favor, against = _lexicons(target)
    texts = text_values(texts)
    batch = _batch(texts)
    n = len(texts)
    # rows with every word of some mention: the only ones whose features depend on the target
    starts, sure, other = cues.needs(batch.vocabulary)
    firsts = frozenset(other)
    tokens = batch.tokens
    rows = np.asarray([r for r, hit in batch.mention_words(codebook) if not hit.isdisjoint(starts) and (
        not hit.isdisjoint(sure) or any(need <= tokens[r][1] for t in hit & firsts for need in other[t]))],
        dtype=np.int64)
    lengths = batch.lengths.copy()
    c_indices, c_data, c_lengths = [], [], []
    for r in rows.tolist():
        row = _one(batch.tokens[r], cues, starts, favor, against, batch.general[r])
        cols = sorted(row)
        c_indices.extend(cols)
        c_data.extend(row[c] for c in cols)
        c_lengths.append(len(cols))
    c_lengths = np.asarray(c_lengths, dtype=np.int64)
    lengths[rows] = c_lengths
    indptr = np.zeros(n + 1, dtype=np.int64)
    np.cumsum(lengths, out=indptr[1:])
    indices = np.empty(int(indptr[-1]), dtype=np.int32)
    data = np.empty(int(indptr[-1]), dtype=np.float64)
    keep = np.ones(n, dtype=bool)
    keep[rows] = False
    k = keep[batch.elem_rows]
    at = indptr[batch.elem_rows[k]] + batch.elem_offsets[k]
    indices[at], data[at] = batch.indices[k], 1.0      # a row without a mention: every value 1.0
    if len(rows):
        c_rows = np.repeat(rows, c_lengths)
        starts_c = np.zeros(len(rows), dtype=np.int64)
        np.cumsum(c_lengths[:-1], out=starts_c[1:])
        at = indptr[c_rows] + np.arange(len(c_rows), dtype=np.int64) - np.repeat(starts_c, c_lengths)
        indices[at] = np.asarray(c_indices, dtype=np.int32)
        data[at] = np.asarray(c_data, dtype=np.float64)
    return sp.csr_matrix((data, indices, indptr), shape=(n, width))


__all__ = ["BASE_FEATURES", "DIRECTION_VERBS", "EVALUATIVE", "EXTRA_TERMS", "NEAR_BUCKETS", "WINDOW",
           "target_feature_names", "target_features"]
