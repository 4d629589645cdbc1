"""Whose voice a statement speaks in, crossed with what it says about a target (issue #12).

The same words about a target take opposite sides in different mouths: "the sanctions
against Russia" is a complaint in a Kremlin read-out and a demand in a Kyiv one. The
model sees texts only, not who said them, so :func:`voice_features` looks for the
wording of a side's official discourse — fixed word lists, :data:`VOICE_TERMS`
("Kiev regime", "collective West", "Russophobia" …; "aggressor", "terrorist state",
"occupiers" …) — and crosses each voice with the target-aware features of
:func:`stancemap.target_features.target_features` (mention, victim frame, direction),
so a linear model can weigh "sanctions mentioned in a Moscow voice" apart from
"sanctions mentioned". Stateless, deterministic, no fitted state: the block is
``target_features`` followed by ``vf__`` columns (:func:`voice_feature_names`).
"""
from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

import numpy as np
import scipy.sparse as sp

from . import libm
from .codebook import Codebook
from .schema import text_value
from .target_features import BASE_FEATURES, target_feature_names, target_features

#: Wording typical of a side's official discourse (lower-case; one or two words, ``*`` = any ending).
VOICE_TERMS = {
    "moscow": ("kiev", "kiev regime", "collective west", "russophob*", "so-called", "neo-nazi*", "nazis", "nazism",
               "special military operation", "anglo-saxon*", "unfriendly", "donbass", "lugansk", "western sponsors",
               "puppet*", "denazif*", "demilitari*", "mercenaries", "western partners", "illegitimate",
               "russophobic", "hostile", "our western", "bandera*", "russian-speaking", "novorossiya",
               "kiev's", "nationalists", "west's", "washington's", "the americans", "nato's", "provocation*"),
    "kyiv": ("aggressor", "aggressor state", "terrorist state", "terrorists", "occupier*", "ruscist*", "russian terror",
             "terror", "glory to ukraine", "our warriors", "our defenders", "our heroes", "heroes", "peace formula",
             "deoccup*", "russian aggression", "russia's aggression", "full-scale", "invasion", "invader*",
             "russian strikes", "russian missiles", "russian drones", "katsap*", "our partners", "occupied",
             "war crimes", "genocide", "shahed*", "russian army", "russian federation's aggression"),
}
#: The target-feature columns crossed with each voice (``vf__<voice>_x_<name>``).
CROSSED = ("mention", "victim_frame", "favor_direction", "against_direction", "net_direction", "negated_mention",
           "eval_negative", "demand_near_mention")


def _compile(terms: Iterable[str]) -> tuple[frozenset, tuple, frozenset]:
    one, pre, two = set(), [], set()
    for term in terms:
        words = term.split()
        if len(words) == 2:
            two.add(tuple(words))
        elif term.endswith("*"):
            pre.append(term[:-1])
        else:
            one.add(term)
    return frozenset(one), tuple(pre), frozenset(two)


_TOKEN = re.compile(r"\w+(?:[-']\w+)*")


@lru_cache(maxsize=65_536)
def _words(text: str) -> tuple[str, ...]:
    return tuple(_TOKEN.findall(text.replace("’", "'").lower()))


_VOICES = {k: _compile(v) for k, v in VOICE_TERMS.items()}
_CROSS_IDX = np.array([BASE_FEATURES.index(n) for n in CROSSED])


def voice_feature_names(target: str, codebook: Codebook) -> list[str]:
    """The columns of :func:`voice_features`: the target features, then ``vf__<voice>``
    (marker count, log1p) and ``vf__<voice>_x_<feature>`` per voice."""
    own = [f"vf__{v}" for v in VOICE_TERMS] + [f"vf__{v}_x_{n}" for v in VOICE_TERMS for n in CROSSED]
    return target_feature_names(target, codebook) + own


def voice_counts(texts: Iterable) -> np.ndarray:
    """``(n, len(VOICE_TERMS))`` counts of each voice's markers per text."""
    texts = [text_value(t) for t in texts]
    out = np.zeros((len(texts), len(_VOICES)))
    for i, text in enumerate(texts):
        toks = _words(text)
        for k, (one, pre, two) in enumerate(_VOICES.values()):
            c = 0
            for j, t in enumerate(toks):
                if t in one or (pre and t.startswith(pre)) or (j + 1 < len(toks) and (t, toks[j + 1]) in two):
                    c += 1
            out[i, k] = c
    return out


def voice_features(texts: Iterable, target: str, codebook: Codebook) -> sp.csr_matrix:
    """:func:`~stancemap.target_features.target_features` of ``texts`` for ``target``, then
    each voice's marker count (``log1p``) and its 0/1 presence times the :data:`CROSSED`
    target features. A CSR matrix of float64, ``len(voice_feature_names(...))`` columns."""
    texts = [text_value(t) for t in texts]
    base = target_features(texts, target, codebook)
    counts = voice_counts(texts)
    on = (counts > 0).astype(np.float64)
    picked = base[:, _CROSS_IDX].toarray()
    crossed = [picked * on[:, [k]] for k in range(on.shape[1])]
    own = sp.csr_matrix(np.hstack([libm.log1p(counts), *crossed]))
    return sp.hstack([base, own], format="csr", dtype=np.float64)


__all__ = ["CROSSED", "VOICE_TERMS", "voice_counts", "voice_feature_names", "voice_features"]
