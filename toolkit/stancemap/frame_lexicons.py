"""Frame lexicons: words of each frame's definition and coding rules in the codebook (issue #12).

The codebook's cue terms (``corpora/codebook.yaml``) name a frame's topic words;
its definitions and rules also name how a frame is *said* — moral judgement
("noble", "conscience", "faith"), partnership ("pledge", "burden-sharing", "stand
together"), fault ("denial", "stalling"). :data:`FRAME_LEXICONS` lists those terms
per frame (whole words, ``*`` = any ending, the codebook's syntax) and
:func:`lexicon_cues` adds them to a model's cue block as ``lex:<frame>`` counts:
one feature per frame that pools many rare words, which a linear model can weigh
when the real training sentences are few. Fixed lists: nothing is fitted.
"""
from __future__ import annotations

from collections.abc import Mapping

from .codebook import normalise_cues

#: Terms per frame from the codebook's definitions and rules (mostly beyond its cue terms).
FRAME_LEXICONS: dict[str, tuple[str, ...]] = {
    "diplomacy": ("negotiating team*", "mediator*", "meeting*", "met with", "conversation*", "peace", "peaceful",
                  "agreement*", "arrangement*", "terms", "sequenc*", "phase*", "format", "istanbul", "minsk",
                  "normandy", "peace summit", "initiative*", "political solution", "diplomatic", "resolution",
                  "consultations", "visit*", "discussed", "discuss*", "spoke", "invited", "memorandum"),
    "security": ("military", "defence budget*", "defense budget*", "deterren*", "respond with all means", "nuclear",
                 "combat", "fighting", "war", "warfare", "bomb*", "shell*", "rocket*", "fighter jet*", "aircraft",
                 "navy", "naval", "forces", "units", "brigade*", "operation*", "weapons", "arsenal", "threat*",
                 "invasion", "invade*", "occupying forces", "armed", "aggression"),
    "humanitarian": ("people", "civilians", "lives", "life", "loss of life", "deaths", "injur*", "schools", "homes",
                     "displace*", "deport*", "power cut*", "heating", "cold", "darkness", "in the dark", "hunger",
                     "famine", "food", "medicine*", "aid workers", "humanitarian corridor*", "exchange", "pow",
                     "prisoners of war", "mothers", "women", "elderly", "tragedy", "grief", "mourn*"),
    "economic": ("economy", "economies", "financial", "finance*", "fund*", "prices", "price", "inflation", "supply",
                 "supplies", "goods", "sector*", "industr*", "companies", "company", "corporat*", "profit*", "loss*",
                 "exports", "imports", "currency", "dollar*", "euro*", "gdp", "sanctions", "debt*", "loan*"),
    "sovereignty": ("sovereignty", "independent", "statehood", "state", "legitimacy", "legitimate", "election*",
                    "president's legitimacy", "right to choose", "choose", "self-determination", "charter",
                    "international law", "tribunal", "legal", "illegal", "unlawful", "integrity", "constitution*",
                    "annexation", "recognition", "sovereign", "freedom", "independence", "territory", "territories"),
    "blame": ("accusation*", "denial*", "deny", "denies", "denied", "provocation*", "bad faith", "stall*", "sabotage",
              "fault", "to blame", "responsible", "responsibility", "violation*", "violated", "violate*",
              "false", "fake", "claims", "alleged*", "so-called", "insincere", "sincerity", "pretend*", "cynic*",
              "hypocri*", "manipulat*", "guilt", "culprit*", "terror*", "crimes"),
    "alliance": ("pledge*", "burden-sharing", "burden sharing", "stand together", "stand with", "stands with",
                 "standing with", "thank*", "grateful", "gratitude", "guarantee*", "partnership*", "partner*",
                 "friend*", "friendship", "cooperation", "co-operation", "joint*", "jointly", "collective",
                 "member states", "allied", "ally", "allies", "support for ukraine", "supporting ukraine",
                 "our support", "continued support", "distance", "quarrel*", "divide*", "division*", "split"),
    "morality": ("just", "justice", "unjust", "injustice", "noble", "honest*", "dishonest*", "faith", "conscience",
                 "history", "historic", "religio*", "god", "soul*", "sacred", "values", "truth", "lie", "lies",
                 "shame*", "shameless", "disgrace*", "evil", "criminal*", "crime*", "heroic", "hero*", "honour*",
                 "honor*", "duty", "obligation", "accountab*", "punish*", "impunity", "brave*", "courage*",
                 "cynical", "inhuman*", "atrocit*", "genocide", "terror*", "barbar*", "monstrous", "good and evil",
                 "right and wrong", "dignity", "grateful", "gratitude", "ungrateful"),
}


def lexicon_cues(codebook, lexicons: Mapping[str, tuple[str, ...]] | None = None) -> dict[str, list[str]]:
    """``{"lex:<frame>": terms}`` for every codebook frame that has a lexicon (default
    :data:`FRAME_LEXICONS`; normalised as cue terms), to add to a model's cue block beside
    :func:`stancemap.estimators.codebook_cues`. A few terms are also the frame's cue terms: the
    lexicon counts how the frame is said as a whole, measured so (``benchmarks/stance_real_cv.py``)."""
    lex = FRAME_LEXICONS if lexicons is None else lexicons
    return {f"lex:{k}": normalise_cues(lex[k]) for k in codebook.frames if lex.get(k)}


__all__ = ["FRAME_LEXICONS", "lexicon_cues"]
