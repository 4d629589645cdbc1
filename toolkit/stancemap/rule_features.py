"""Decision-rule features: phrases the codebook's decision rules name, as columns a linear model can weigh.

The coders of ``corpora/real-labels`` settle many stance labels by a handful of the codebook's
decision rules (``corpora/codebook.yaml``, marked "(v1.1)" … "(v1.3)"), and the same rules explain
many of the model's errors on the dev part: a ceasefire in Gaza is not the Russia–Ukraine ceasefire;
"we must stop this war" leans favor of a ceasefire; a pledge to keep supporting Ukraine "as long as
it takes" is favor of military aid; cutting banks off SWIFT is a sanction; "unilateral" or
"illegitimate" sanctions are attacked, not supported, and so are "anti-Russia sanctions", "sanctions
fever" or sanctions that "backfired" in Moscow's words, while "the impact of sanctions" only
describes them; "only a temporary truce" rejects a ceasefire;
an "illegal annexation" rejects concessions; asking for air defence or more weapons is favor of military
aid, calling it "pumping" weapons into Ukraine is against. :func:`rule_features` marks these phrases (0/1 per
statement, ``rf__`` columns, the same for every target: each target's classifier weighs them).
:func:`target_rule_features` is the target-aware block of :mod:`stancemap.target_features`
followed by these columns — the ``target_rules`` feature block of a stance model.

Stateless and deterministic: fixed regular expressions, nothing fitted. In the spirit of the
rule-informed features of the SemEval-2016 Task 6 systems (Mohammad et al. 2016).
"""
from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

import numpy as np
import scipy.sparse as sp

from .codebook import Codebook
from .schema import text_values
from .target_features import target_feature_names, target_features, token_set

_CONFLICTS = (r"gaza|israel(?:i|is)?|hamas|hezbollah|lebanon|lebanese|sudan(?:ese)?|rsf|darfur|karabakh|"
              r"armenia(?:n|ns)?|azerbaijan(?:i|is)?|syria(?:n|ns)?|yemen(?:i)?|houthis?|libya(?:n)?|"
              r"tigray|ethiopia(?:n)?|congo(?:lese)?|drc|kosovo|serbia|myanmar|haiti|sahel|mali|somalia")
_HOME = r"ukrain\w*|russia\w*|kyiv|kiev|moscow|kremlin|putin|zelensk\w*|donbas\w*|crimea\w*|minsk"

#: Rule name → pattern (lower-cased text). Names are the ``rf__`` columns, in this order.
RULES: dict[str, str] = {
    # (v1.1) the stance targets concern the Russia–Ukraine war only
    "other_conflict": rf"\b(?:{_CONFLICTS})\b|\bmiddle east\b|\bnagorno\b",
    # (v1.1) "we must stop this war" / "the killing has to end" from a party pressing for a deal
    "end_war_call": r"\b(?:stop|end|ending|halt|finish)\s+(?:this|the)\s+(?:war|killing|bloodshed|fighting|"
                    r"slaughter)\b|\b(?:killing|bloodshed|fighting|war|dying)\s+(?:has|have|must|needs?)\s+(?:to\s+)?"
                    r"(?:stop|end)\b|\bend\s+to\s+(?:this|the)\s+(?:war|killing|bloodshed)\b",
    # (v1.1) a Western pledge of continued support is favor of military aid
    "support_pledge": r"\bcontinu\w*\s+to\s+(?:provide|support|supply|deliver|help|stand)\b|\bunwavering\b|"
                      r"\bas\s+long\s+as\s+it\s+takes\b|\bwill\s+not\s+let\s+up\b|\bsteadfast\s+support\b|"
                      r"\bstand\w*\s+(?:with|by)\b[^.;]{0,60}\bas\s+(?:they|it|ukraine|ukrainians)\s+"
                      r"(?:defend|fight)\w*",
    # cutting Russian banks off SWIFT is a sanction (favor)
    "excluded_from": r"\b(?:cut|cutting|cuts|removed?|removing|disconnect\w*|exclud\w*|kick\w*\s+out|ban\w*|"
                     r"shut\s+out)\s+(?:\w+\s+){0,4}?(?:off\s+)?from\s+(?:the\s+)?swift\b",
    # (v1.1) attacks on "unilateral" or "illegitimate" sanctions are against
    "unilateral_sanctions": r"\b(?:unilateral|illegitimate|illegal|unlawful|so-called)\s+(?:\w+\s+){0,2}?"
                            r"(?:sanctions|restrictions|restrictive\s+measures|coercive\s+measures)\b",
    # Moscow's words for sanctions it attacks: "anti-Russia sanctions", "sanctions fever", "politically
    # motivated sanctions", sanctions that "backfired": against ("sanctions pressure" is not one of them: Kyiv
    # asks for more of it)
    "sanctions_attacked": r"\b(?:anti-russia\w*|insane|politically\s+motivated|hostile|discriminatory)\s+(?:\w+\s+){0,2}?"
                          r"sanctions\b|\bsanctions?\s+(?:fever|hysteria|madness|blitz|frenzy)\b|"
                          r"\bsanctions\b[^.;]{0,60}?\bbackfir\w*|\bdouble-edged\s+sword\b",
    # the effects of sanctions described (their impact, costs, aftermath, restrictions lived with): none by itself
    "sanctions_impact": r"\b(?:impact|aftermath|consequences|effects?|costs?|damage)\s+of\s+(?:the\s+)?(?:\w+\s+)?"
                        r"sanctions\b|\bmitigat\w*\s+(?:\w+\s+){0,4}?sanctions\b",
    # (v1.3) "only a temporary truce", a pause to regroup, a frozen conflict: against a ceasefire
    "temporary_truce": r"\b(?:only|just|merely)\s+(?:a\s+)?(?:temporary|short)\s+(?:truce|ceasefire|pause)\b|"
                       r"\b(?:regroup|rearm)\w*\b|\bfrozen\s+conflict\b|\bminsk[- ]3\b|\b(?:respite|breather)\b",
    # (v1.3) "attempted annexation", "illegal occupation/annexation", sham referendums: against concessions
    "illegal_annexation": r"\b(?:attempted|illegal|illegitimate|unlawful|sham|fake|so-called)\s+(?:\w+\s+)?"
                          r"(?:annexation|occupation|referend\w*|incorporation)\b|\bnever\s+recogni[sz]e\b",
    # (v1.3) "temporarily occupied territories" as the standard term: none
    "standard_occupied": r"\btemporarily\s+occupied\b",
    # a past-tense record of aid (none under the past-record rule): "we have provided", "we sent"
    "past_record": r"\b(?:we|i|the\s+united\s+states|america)\s+(?:have\s+|has\s+)?(?:already\s+)?"
                   r"(?:provided|sent|delivered|given|supplied|committed)\b",
}
#: Rows whose text names one of these words besides another conflict (``other_conflict_home``).
_HOME_RE = re.compile(rf"\b(?:{_HOME})")
_ALL = re.compile("|".join(f"(?P<{k}>{v})" for k, v in RULES.items()))
_WEAPONS = (r"weapons|arms|artillery|ammunition|shells|air\s+defen[cs]e|tanks|missiles|aircraft|jets|f-16s?|"
            r"patriots?|himars|atacms|drones")
#: Rules matched each by its own pattern, apart from the alternation of :data:`RULES` (their phrases
#: overlap those of other rules, which one alternation would then miss).
SEPARATE: dict[str, str] = {
    # "asking for air defence systems or more weapons is favor" (military aid)
    "weapons_request": rf"\b(?:need|needs|needed|ask|asks|asking|asked|request\w*|call\w*\s+for|urg\w+|more)\b"
                       rf"[^.;]{{0,50}}?\b(?:{_WEAPONS})\b",
    # "pumping Ukraine with weapons", "armed to the teeth": aid called prolonging the war (against)
    "pumping_weapons": r"\b(?:pump\w*|flood\w*|stuff\w*|saturat\w*)\b[^.;]{0,40}?\b(?:weapons|arms)\b|"
                       r"\barmed\s+to\s+the\s+teeth\b",
}
_SEPARATE_RE = {k: re.compile(v) for k, v in SEPARATE.items()}
RULE_NAMES = (*RULES, *SEPARATE, "other_conflict_home")
_COL = {k: i for i, k in enumerate(RULE_NAMES)}


def rule_feature_names(target: str | None = None, codebook: Codebook | None = None) -> list[str]:
    """The ``rf__`` column names (the same for every target)."""
    return [f"rf__{k}" for k in RULE_NAMES]


#: What a text must hold for a rule to match: per rule, alternatives, each a tuple of word sets
#: that must all meet the text's words (:func:`~stancemap.target_features.token_set`, with the parts
#: of joined tokens such as "Israeli-Palestinian" or "Kosovo's"). A necessary condition only: the
#: rules themselves are then matched by the regular expressions, on the texts that pass.
_W = str.split


class _Prefix(tuple):
    """Word beginnings of which one must open a word of the text (``continu`` for ``continu\\w*``)."""


_CONFLICT_WORDS = frozenset(_W("""gaza israel israeli israelis hamas hezbollah lebanon lebanese sudan sudanese rsf
    darfur karabakh armenia armenian armenians azerbaijan azerbaijani azerbaijanis syria syrian syrians yemen
    yemeni houthi houthis libya libyan tigray ethiopia ethiopian congo congolese drc kosovo serbia myanmar haiti
    sahel mali somalia middle nagorno"""))
#: The words of :data:`_WEAPONS` (``air defence``: its second word).
_WEAPON_WORDS = frozenset(_W("weapons arms artillery ammunition shells defense defence tanks missiles aircraft jets "
                             "f-16 f-16s patriot patriots himars atacms drones"))
_REQUIRES: dict[str, tuple[tuple[frozenset, ...], ...]] = {
    "other_conflict": ((_CONFLICT_WORDS,),),
    "end_war_call": ((frozenset(_W("stop end ending halt finish")),
                      frozenset(_W("war killing bloodshed fighting slaughter dying"))),),
    "support_pledge": ((_Prefix(("continu",)), frozenset(("to",))),
                       (frozenset(("unwavering",)),), (frozenset(("long",)), frozenset(("takes",))),
                       (frozenset(("let",)), frozenset(("up",))), (frozenset(("steadfast",)),),
                       (_Prefix(("stand",)), frozenset(("as",)))),
    "excluded_from": ((frozenset(("swift",)),),),
    "unilateral_sanctions": ((frozenset(_W("unilateral illegitimate illegal unlawful so-called")),),),
    "sanctions_attacked": ((frozenset(_W("insane politically hostile discriminatory")), frozenset(("sanctions",))),
                           (_Prefix(("anti-russia",)), frozenset(("sanctions",))),
                           (frozenset(("sanction", "sanctions")),
                            frozenset(_W("fever hysteria madness blitz frenzy"))),
                           (frozenset(("sanctions",)), _Prefix(("backfir",))), (frozenset(("double-edged",)),)),
    "sanctions_impact": ((frozenset(_W("impact aftermath consequences effect effects cost costs damage")),
                          frozenset(("of",)), frozenset(("sanctions",))),
                         (_Prefix(("mitigat",)), frozenset(("sanctions",)))),
    "temporary_truce": ((frozenset(_W("temporary short")),),
                        (_Prefix(("regroup", "rearm")),),
                        (frozenset(("frozen",)),), (frozenset(("minsk", "minsk-3")),),
                        (frozenset(("respite", "breather")),)),
    "illegal_annexation": ((frozenset(_W("attempted illegal illegitimate unlawful sham fake so-called")),),
                           (frozenset(("never",)),)),
    "standard_occupied": ((frozenset(("temporarily",)),),),
    "past_record": ((frozenset(_W("provided sent delivered given supplied committed")),),),
    "weapons_request": ((frozenset(_W("need needs needed ask asks asking asked more")), _WEAPON_WORDS),
                        (_Prefix(("request", "call", "urg")), _WEAPON_WORDS)),
    "pumping_weapons": ((_Prefix(("pump", "flood", "stuff", "saturat")), frozenset(_W("weapons arms"))),
                        (frozenset(("armed",)), frozenset(("teeth",)))),
}
_JOINED = re.compile(r"[-']")


#: Every requirement of :data:`_REQUIRES` (a word set or a :class:`_Prefix`) as one bit, and per rule
#: its alternatives as bit masks: a text can match the rule when its words' bits cover one of them.
_NEED_BIT = {need: 1 << i for i, need in enumerate(dict.fromkeys(
    need for alts in _REQUIRES.values() for alt in alts for need in alt))}
_ALT_MASKS = tuple((k, tuple(sum(_NEED_BIT[need] for need in alt) for alt in alts)) for k, alts in _REQUIRES.items())


#: Per word of a word-set requirement, the bits of the sets holding it; per word beginning of a
#: :class:`_Prefix`, the bits of the prefixes listing it (:func:`_word_mask` looks words up here).
def _bits_by_word(prefixes: bool) -> dict[str, int]:
    out: dict[str, int] = {}
    for need, bit in _NEED_BIT.items():
        if isinstance(need, _Prefix) == prefixes:
            for w in need:
                out[w] = out.get(w, 0) | bit
    return out


_WORD_BITS, _BEGIN_BITS = _bits_by_word(False), _bits_by_word(True)
_BEGINNINGS = tuple(_BEGIN_BITS)


def _word_mask(word: str) -> int:
    """The bits of the requirements ``word`` meets (a word set holding it, a :class:`_Prefix` one of
    whose beginnings opens it); a joined word ("Israeli-Palestinian", "Kosovo's") meets its parts' too."""
    parts = (word, *_JOINED.split(word)) if "-" in word or "'" in word else (word,)
    mask = 0
    for w in parts:
        mask |= _WORD_BITS.get(w, 0)
        if w.startswith(_BEGINNINGS):
            for b, bit in _BEGIN_BITS.items():
                if w.startswith(b):
                    mask |= bit
    return mask


#: Words seen so far, and the mask of each of them that meets a requirement (few do): a few set
#: operations per text, however many words (both are emptied when the words seen grow past
#: :data:`_KNOWN_MAX`).
_SEEN: list = [set(), {}]
_KNOWN_MAX = 500_000


@lru_cache(maxsize=4096)
def _rules_for(mask: int) -> tuple[str, ...]:
    return tuple(k for k, alts in _ALT_MASKS if any(alt & mask == alt for alt in alts))


def _possible(words: frozenset) -> tuple[str, ...]:
    """The rules a text with these words can match (see :data:`_REQUIRES`), in :data:`RULES` order."""
    known, masks = _SEEN
    new = words - known
    if new:
        if len(known) > _KNOWN_MAX:
            known, masks, new = set(), {}, words
        for w in new:
            m = _word_mask(w)
            if m:
                masks[w] = m
        known.update(new)
        _SEEN[:] = [known, masks]
    hits = masks.keys() & words
    if not hits:
        return ()
    mask = 0
    for w in hits:
        mask |= masks[w]
    return _rules_for(mask)


@lru_cache(maxsize=512)
def _pattern(rules: tuple[str, ...]) -> re.Pattern:
    """The rules' alternation (:data:`_ALL` without the rules a text cannot match: those never match at any
    position, so the matches of the others are the same as in :data:`_ALL`)."""
    return re.compile("|".join(f"(?P<{k}>{RULES[k]})" for k in rules))


@lru_cache(maxsize=65_536)
def _row(text: str) -> tuple[int, ...]:
    rules = _possible(token_set(text))
    if not rules:
        return ()
    low = text.lower()
    alternation = tuple(k for k in rules if k in RULES)
    found = {m.lastgroup for m in _pattern(alternation).finditer(low)} if alternation else set()
    found.update(k for k in rules if k in _SEPARATE_RE and _SEPARATE_RE[k].search(low))
    if "other_conflict" in found and _HOME_RE.search(low):
        found.add("other_conflict_home")
    return tuple(sorted(_COL[k] for k in found))


#: The last batch of texts and its matrix (every target of a model reads the same texts in turn).
_LAST: list = [None]


def rule_features(texts: Iterable, target: str | None = None, codebook: Codebook | None = None) -> sp.csr_matrix:
    """``(len(texts), len(RULE_NAMES))`` 0/1 CSR matrix of the decision-rule phrases in ``texts``."""
    texts = text_values(texts)
    key, last = tuple(texts), _LAST[0]
    if last is not None and last[0] == key:
        return last[1].copy()
    rows = [_row(t) for t in texts]
    lengths = np.fromiter(map(len, rows), dtype=np.int64, count=len(rows))
    indptr = np.zeros(len(rows) + 1, dtype=np.int64)
    np.cumsum(lengths, out=indptr[1:])
    indices = np.fromiter((j for r in rows for j in r), dtype=np.int32, count=int(indptr[-1]))
    out = sp.csr_matrix((np.ones(len(indices)), indices, indptr), shape=(len(rows), len(RULE_NAMES)))
    _LAST[0] = (key, out) if len(key) <= 100_000 else None
    return out.copy()


def target_rule_feature_names(target: str, codebook: Codebook) -> list[str]:
    """:func:`~stancemap.target_features.target_feature_names` followed by :func:`rule_feature_names`."""
    return target_feature_names(target, codebook) + rule_feature_names()


#: The value of a present rule phrase in the ``target_rules`` block, beside the target block's mostly
#: 0/1 columns (the block as a whole is then scaled by the model's ``extra_weight``). Chosen by
#: document-grouped 5-fold CV on the real train part (stance F_avg pooled, seed 0, ``extra_weight``
#: 0.1): 1 → 0.593, 3 → 0.602, 10 → 0.610, 20 → 0.614, 40 → 0.610 (the target block alone: 0.589).
RULE_WEIGHT = 20.0


def target_rule_features(texts: Iterable, target: str, codebook: Codebook) -> sp.csr_matrix:
    """The target-aware features of ``texts`` followed by the decision-rule columns (times
    :data:`RULE_WEIGHT`)."""
    texts = text_values(texts)
    return sp.hstack([target_features(texts, target, codebook), rule_features(texts) * RULE_WEIGHT], format="csr")


__all__ = ["RULES", "RULE_NAMES", "SEPARATE", "RULE_WEIGHT", "rule_feature_names", "rule_features", "target_rule_feature_names",
           "target_rule_features"]
