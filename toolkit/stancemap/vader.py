"""VADER compound tone, fast: the same numbers as ``vaderSentiment``'s ``polarity_scores``.

The reference (``vaderSentiment.SentimentIntensityAnalyzer``, Hutto & Gilbert 2014) scores
every token; only the tokens of its lexicon (with the three words before and the two after
each) change the compound score, so :func:`compounds` scores those alone, lowers each
distinct token once (a cache) and each distinct sentence once. The lexicon, emoji table and
word lists are the reference package's own; ``tests/test_vader.py`` checks that every value
equals the reference's.
"""
from __future__ import annotations

import math
import string
from functools import lru_cache
from itertools import compress

_PUNCT = string.punctuation
_SO_THIS = ("so", "this")
_OR_NOR = ("or", "nor")
#: distinct tokens kept in the token caches before they are emptied (bounded memory)
_TOKEN_CACHE_MAX = 200_000


class _TokenCaches:
    """What :class:`FastVader` knows of the raw tokens it has met (replaced whole when full)."""

    __slots__ = ("low", "seen", "scoring", "flagged", "but")

    def __init__(self):
        self.low: dict[str, str] = {}  # raw token → its lower-case form after punctuation stripping
        self.seen: set[str] = set()  # the raw tokens in `low`
        self.scoring: set[str] = set()  # raw tokens whose form scores
        self.flagged: set[str] = set()  # raw tokens in ALL CAPS or whose form is in `context`
        self.but: set[str] = set()  # raw tokens whose form is "but"


class FastVader:
    """The reference analyser's compound score, computed on the scoring tokens only."""

    def __init__(self):
        from vaderSentiment import vaderSentiment as ref

        sia = ref.SentimentIntensityAnalyzer()
        self.lexicon: dict[str, float] = sia.lexicon
        self.emojis: dict[str, str] = sia.emojis
        self.booster: dict[str, float] = ref.BOOSTER_DICT
        self.negate = frozenset(ref.NEGATE)
        self.special: dict[str, float] = ref.SPECIAL_CASES
        self.n_scalar, self.c_incr = ref.N_SCALAR, ref.C_INCR
        #: lexicon words that score (booster words score 0 even when in the lexicon)
        self.scoring = frozenset(k for k in self.lexicon if k not in self.booster)
        #: one word of each multi-word special case and booster (a lexicon word if it has one,
        #: else its longest; never a common "the", "of"): an idiom needs it
        self.idiom_words = frozenset(max(k.split(" "), key=lambda w: (w in self.lexicon, len(w), w))
                                     for k in list(self.special) + list(self.booster) if " " in k)
        #: every word that can change a lexicon word's score from up to 3 places before or 2
        #: after it; a scoring word with none of them (and no ALL-CAPS word) near scores its
        #: lexicon value. Negating ``n't`` forms are added as they are met.
        self.context = set(self.negate) | set(self.booster) | set(self.idiom_words) | {
            "no", "never", "without", "so", "this", "least", "kind"}
        self.emoji_chars = frozenset(k for k in self.emojis if len(k) == 1)
        self._caches = _TokenCaches()

    def _learn(self, raws, caches: _TokenCaches) -> None:
        """Add the tokens of ``raws`` not seen yet to ``caches``."""
        low = caches.low
        for raw in raws:
            if raw in low:
                continue
            stripped = raw.strip(_PUNCT)
            form = (raw if len(stripped) <= 2 else stripped).lower()
            low[raw] = form
            caches.seen.add(raw)
            if form in self.scoring:
                caches.scoring.add(raw)
            if form in self.context or self._negated(form) or raw.isupper():
                caches.flagged.add(raw)
            if form == "but":
                caches.but.add(raw)

    # -- pieces ---------------------------------------------------------------------------
    def _demoji(self, text: str) -> str:
        """Emoji → their descriptions, spaced as the reference does."""
        out, prev_space, emojis = [], True, self.emojis
        for ch in text:
            d = emojis.get(ch)
            if d is not None:
                if not prev_space:
                    out.append(" ")
                out.append(d)
                prev_space = False
            else:
                out.append(ch)
                prev_space = ch == " "
        return "".join(out)

    @staticmethod
    def _cap_differential(raws: list[str]) -> bool:
        n = len(raws)
        upper = sum(1 for w in raws if w.isupper())
        return 0 < n - upper < n

    def _negated(self, word: str) -> bool:
        w = word.lower()
        return w in self.negate or "n't" in w

    def _idioms(self, v: float, lws: list[str], i: int) -> float:
        """The reference's special-idiom and booster n-gram rules (``i > 2``)."""
        n = len(lws)
        words = self.idiom_words
        if not any(w in words for w in lws[i - 3:i + 3]):
            return v
        special, a3, a2, a1, a0 = self.special, lws[i - 3], lws[i - 2], lws[i - 1], lws[i]
        threetwoone, threetwo, twoone = f"{a3} {a2} {a1}", f"{a3} {a2}", f"{a2} {a1}"
        for seq in (f"{a1} {a0}", f"{a2} {a1} {a0}", twoone, threetwoone, threetwo):
            if seq in special:
                v = special[seq]
                break
        if n - 1 > i:
            seq = f"{a0} {lws[i + 1]}"
            if seq in special:
                v = special[seq]
        if n - 1 > i + 1:
            seq = f"{a0} {lws[i + 1]} {lws[i + 2]}"
            if seq in special:
                v = special[seq]
        for seq in (threetwoone, threetwo, twoone):
            if seq in self.booster:
                v = v + self.booster[seq]
        return v

    # -- one text ---------------------------------------------------------------------------
    def compound(self, text: str) -> float:
        """The reference's ``polarity_scores(text)["compound"]``."""
        if not text.isascii() and not self.emoji_chars.isdisjoint(text):
            text = self._demoji(text)
        text = text.strip()
        raws = text.split()
        caches = self._caches  # one set of caches for the whole text, whatever another thread does
        if not caches.seen.issuperset(raws):
            if len(caches.low) > _TOKEN_CACHE_MAX:
                caches = self._caches = _TokenCaches()
            self._learn(raws, caches)
        low = caches.low
        n = len(raws)
        hits = list(compress(range(n), map(caches.scoring.__contains__, raws)))
        if not hits:
            return 0.0
        lex, booster, n_scalar, c_incr = self.lexicon, self.booster, self.n_scalar, self.c_incr
        lws = None
        cap = None
        pos: list[int] = []
        vals: list[float] = []
        flagged = caches.flagged
        for i in hits:
            lo = i - 3 if i > 3 else 0
            if flagged.isdisjoint(raws[lo:i + 3]):  # nothing near changes the lexicon value
                pos.append(i)
                vals.append(lex[low[raws[i]]])
                continue
            if lws is None:
                lws = list(map(low.__getitem__, raws))
            x = lws[i]
            if x == "kind" and i < n - 1 and lws[i + 1] == "of":
                continue
            v = lex[x]
            if x == "no" and i != n - 1 and lws[i + 1] in lex:
                v = 0.0
            if (i > 0 and lws[i - 1] == "no") or (i > 1 and lws[i - 2] == "no") \
                    or (i > 2 and lws[i - 3] == "no" and lws[i - 1] in _OR_NOR):
                v = lex[x] * n_scalar
            if raws[i].isupper():
                if cap is None:
                    cap = self._cap_differential(raws)
                if cap:
                    if v > 0:
                        v += c_incr
                    else:
                        v -= c_incr
            for k in (1, 2, 3):
                if i < k:
                    break
                y = lws[i - k]
                if y in lex:
                    continue
                s = 0.0
                b = booster.get(y)
                if b is not None:
                    s = b
                    if v < 0:
                        s *= -1
                    if raws[i - k].isupper():
                        if cap is None:
                            cap = self._cap_differential(raws)
                        if cap:
                            if v > 0:
                                s += c_incr
                            else:
                                s -= c_incr
                if k == 2 and s != 0:
                    s = s * 0.95
                elif k == 3 and s != 0:
                    s = s * 0.9
                v = v + s
                if k == 1:
                    if self._negated(y):
                        v = v * n_scalar
                elif k == 2:
                    if y == "never" and lws[i - 1] in _SO_THIS:
                        v = v * 1.25
                    elif y == "without" and lws[i - 1] == "doubt":
                        pass
                    elif self._negated(y):
                        v = v * n_scalar
                else:
                    if (y == "never" and lws[i - 2] in _SO_THIS) or lws[i - 1] in _SO_THIS:
                        v = v * 1.25
                    elif y == "without" and (lws[i - 2] == "doubt" or lws[i - 1] == "doubt"):
                        pass
                    elif self._negated(y):
                        v = v * n_scalar
                    v = self._idioms(v, lws, i)
            if i > 1 and lws[i - 1] not in lex and lws[i - 1] == "least":
                if lws[i - 2] != "at" and lws[i - 2] != "very":
                    v = v * n_scalar
            elif i > 0 and lws[i - 1] not in lex and lws[i - 1] == "least":
                v = v * n_scalar
            pos.append(i)
            vals.append(v)
        if not caches.but.isdisjoint(raws):  # the reference's loop, on the non-zero scores (zeros stay zero)
            bi = next(j for j, r in enumerate(raws) if r in caches.but)
            for k in range(len(vals)):
                s = vals[k]
                if s == 0:
                    continue
                si = vals.index(s)
                if pos[si] < bi:
                    vals[si] = s * 0.5
                elif pos[si] > bi:
                    vals[si] = s * 1.5
        total = float(sum(vals))
        if total != 0:
            ep = min(text.count("!"), 4) * 0.292
            qm = text.count("?")
            amp = ep + ((qm * 0.18 if qm <= 3 else 0.96) if qm > 1 else 0)
            if total > 0:
                total += amp
            else:
                total -= amp
        norm = total / math.sqrt(total * total + 15)
        return round(min(1.0, max(-1.0, norm)), 4)

    def compounds(self, texts: list[str]) -> list[float]:
        """:meth:`compound` of each text ("" → 0.0); a repeated text is scored once."""
        seen: dict[str, float] = {}
        out = []
        for t in texts:
            v = seen.get(t)
            if v is None:
                v = seen[t] = float(self.compound(t)) if t else 0.0
            out.append(v)
        return out


@lru_cache(maxsize=1)
def fast_vader() -> FastVader:
    """The shared analyser (lexicon read once per process)."""
    return FastVader()


def compounds(texts: list[str]) -> list[float]:
    """VADER compound score of each text, equal to the reference package's."""
    return fast_vader().compounds(texts)


__all__ = ["FastVader", "compounds", "fast_vader"]
