"""Per-registry matchers: the registry's names as one compiled pattern, cached look-ups of names
and transcript labels, and the members each title can mean. Built once per registry."""
from __future__ import annotations

import re
import weakref

from . import turns
from ..actors import ActorRegistry, Member
from .lexicon import TITLES, trie_regex

__all__ = ["Matchers", "matchers_for"]

CAPITALISED = re.compile(r"\b[A-Z][\w’'\-]*")


class Matchers:
    """Compiled matchers for one registry (cached, so the regexes are built once)."""
    def __init__(self, registry: ActorRegistry):
        self.registry = registry
        names = sorted({n for m in registry.members for n in m.names}, key=lambda s: (-len(s), s))
        body = trie_regex(names, the_optional_case=True) if names else r"(?!x)x"
        self.mention_re = re.compile(r"(?<![\w-])(?:" + body + r")(?![\w-])")
        self._resolved: dict[str, Member | None] = {}
        self._dated: dict[tuple[str, str], Member | None] = {}
        self._labels: dict[tuple[str, str | None], Member | None] = {}
        # registry members whose names carry a title word, for "the President" etc.
        self.title_members: dict[str, list[Member]] = {}
        for key, words in TITLES.items():
            pats = [re.compile(r"(?<!vice )(?<!vice-)\b" + re.escape(w)) if w == "president" else
                    re.compile(re.escape(w)) for w in words]
            self.title_members[key] = [m for m in registry.members if m.kind == "person"
                                       and any(p.search(n.casefold()) for n in m.names for p in pats)]

        # persons by surname (the last word of their name), for "Mr. Hale"; a surname two members share names nobody
        surnames: dict[str, list[Member]] = {}
        for m in registry.members:
            if m.kind == "person" and len(m.name.split()) >= 2:
                surnames.setdefault(m.name.split()[-1], []).append(m)
        self.surnames: dict[str, Member] = {k: v[0] for k, v in surnames.items() if len(v) == 1}

        # the groups whose names use a capitalised word ("Russian" → russia), for "the Latvian leader": a title
        # whose modifier no name of a group uses is somebody outside the registry
        groups: dict[str, set[str]] = {}
        for m in registry.members:
            for n in m.names:
                for w in CAPITALISED.findall(n):
                    groups.setdefault(w.casefold(), set()).add(m.actor)
        self.word_groups: dict[str, frozenset[str]] = {k: frozenset(v) for k, v in groups.items()}

    def resolve(self, s: str) -> Member | None:
        try:
            return self._resolved[s]
        except KeyError:
            m = self._resolved[s] = self.registry.resolve(s)
            return m

    def resolve_on(self, s: str, date: str | None) -> Member | None:
        """The member a name means on the document's day: a registry alias that is also a dated title's
        ("the US President" is Trump's alias and the title's) names whoever held the title that day."""
        member = self.resolve(s)
        if not date or member is None or member.kind != "person":
            return member
        key = (s, date)
        try:
            return self._dated[key]
        except KeyError:
            got = self._dated[key] = self.registry.resolve(s, date=date)
            return got

    def resolve_label(self, label: str, date: str | None) -> Member | None:
        """A transcript label's member (:func:`stancemap.extract.turns.resolve_label`), cached by label and date."""
        key = (label, date)
        try:
            return self._labels[key]
        except KeyError:
            m = self._labels[key] = turns.resolve_label(label, self.registry, date)
            return m


_CACHE: "weakref.WeakKeyDictionary[ActorRegistry, Matchers]" = weakref.WeakKeyDictionary()


def matchers_for(registry: ActorRegistry) -> Matchers:
    """The registry's :class:`Matchers`, built on first use."""
    r = _CACHE.get(registry)
    if r is None:
        r = _CACHE[registry] = Matchers(registry)
    return r
