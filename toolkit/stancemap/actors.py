"""The actor registry: groups of people and institutions with their aliases.

A registry is a YAML file of this shape (``corpora/actors.yaml`` is the
bundled one; any other file of the same shape works unchanged)::

    actors:
      us:
        label: United States
        color: "#88CCEE"
        members:
          - name: Donald Trump
            aliases: [Trump, President Trump]
            pronouns: he            # optional, persons only: he | she | they
          - name: White House
            kind: institution
            aliases: [the White House]
            head: President of the United States   # optional, institutions only: a title or a member
    titles:                       # optional: titles that change hands, with dates
      President of the United States:
        aliases: [the President]
        holders:
          - {name: Joe Biden, from: 2021-01-20, to: 2025-01-19}
          - {name: Donald Trump, from: 2025-01-20}

Aliases name one member whatever the date. A title's aliases name whoever held
it on a date: :meth:`ActorRegistry.resolve` with ``date=`` looks them up
(``registry.resolve("THE PRESIDENT", date="2023-05-01")`` → Joe Biden); without
a date, and in :attr:`ActorRegistry.pattern`, titles are not used.
"""
from __future__ import annotations

import datetime as _dt
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

import pandas as pd
import yaml

from . import configcheck
from .errors import StancemapError, unknown_value
from .paths import bundled
from .schema import UNATTRIBUTED

MEMBER_KINDS = ("person", "institution")
#: Values of a person's optional ``pronouns:`` (the extractor resolves "he"/"she" with them).
PRONOUN_VALUES = ("he", "she", "they")
#: Colour for statements no registry group claims (grey, readable on white).
UNATTRIBUTED_COLOR = "#BBBBBB"
#: Colour-blind-safe fallback palette (Paul Tol, "muted") for groups without a colour.
TOL_MUTED = ["#88CCEE", "#CC6677", "#DDCC77", "#117733", "#332288", "#AA4499",
             "#44AA99", "#999933", "#882255", "#661100"]


@dataclass(frozen=True)
class Member:
    """A person or institution that belongs to one actor group."""

    name: str
    actor: str
    kind: str = "person"
    aliases: tuple[str, ...] = ()
    pronouns: str = ""      # he | she | they, or "" when the registry does not say
    head: str = ""          # institutions: the title (under ``titles:``) or member that heads it
    in_office: tuple[str, ...] = ()   # persons: titles (under ``titles:``) outside which they speak for no group

    @property
    def names(self) -> tuple[str, ...]:
        """The canonical name and every alias, de-duplicated, in file order."""
        return tuple(dict.fromkeys((self.name, *self.aliases)))


@dataclass(frozen=True)
class Role:
    """One holder of a title from one date to another (ISO dates; "" = open)."""

    title: str
    name: str
    start: str = ""
    end: str = ""

    def holds_on(self, date: str) -> bool:
        return (not self.start or self.start <= date) and (not self.end or date <= self.end)


@dataclass(frozen=True)
class Group:
    key: str
    label: str
    color: str
    members: tuple[Member, ...] = field(default_factory=tuple)


def _norm(s: str) -> str:
    s = s.replace("\u2019", "'").replace("\u2018", "'")
    s = re.sub(r"\s+", " ", s.strip()).casefold()
    return re.sub(r"^the ", "", s)


class ActorRegistry:
    """Groups of actors, looked up by any alias (case-insensitive, leading "the" optional)."""

    def __init__(self, groups: dict[str, Group], source: str = "<dict>", roles: Iterable[Role] = (),
                 title_aliases: dict[str, Iterable[str]] | None = None):
        self.groups = dict(groups)
        self.source = source
        index: dict[str, Member] = {}
        for g in self.groups.values():
            for m in g.members:
                for alias in m.names:
                    key = _norm(alias)
                    other = index.get(key)
                    if other is not None and other.actor != m.actor:
                        raise StancemapError(
                            f"Alias {alias!r} in {source} belongs to both {other.name!r} ({other.actor}) "
                            f"and {m.name!r} ({m.actor}). Keep it under one member only.")
                    index.setdefault(key, m)
        self._index = index
        self._by_name = {m.name: m for g in self.groups.values() for m in g.members}
        self.roles: tuple[Role, ...] = tuple(roles)
        self._titles: dict[str, str] = {}          # normalised alias → title
        for title in dict.fromkeys(r.title for r in self.roles):
            for alias in (title, *(title_aliases or {}).get(title, ())):
                key = _norm(alias)
                other = self._titles.get(key)
                if other is not None and other != title:
                    raise StancemapError(f"Title alias {alias!r} in {source} names both {other!r} and {title!r}. "
                                         "Keep it under one title only.")
                self._titles[key] = title
        self._check_roles()

    def _check_roles(self) -> None:
        by_title: dict[str, list[Role]] = {}
        for r in self.roles:
            if r.name not in self._by_name:
                raise unknown_value(f"{self.source}: holder of {r.title!r}", r.name, self._by_name,
                                    "A holder must be the 'name' of a member under actors:.")
            if r.start and r.end and r.end < r.start:
                raise StancemapError(f"{self.source}: {r.name} holds {r.title!r} from {r.start} to {r.end}, which "
                                     "ends before it starts. Fix the 'from'/'to' dates.")
            by_title.setdefault(r.title, []).append(r)
        for m in self._by_name.values():
            if m.head and m.head not in by_title and m.head not in self._by_name:
                raise unknown_value(f"{self.source}: head of {m.name!r}", m.head, [*by_title, *self._by_name],
                                    "A head is a title under 'titles:' or the 'name' of a member.")
        for m in self._by_name.values():
            for title in m.in_office:
                if not any(r.name == m.name for r in by_title.get(title, ())):
                    held = sorted({r.title for r in self.roles if r.name == m.name})
                    if not held:
                        raise StancemapError(
                            f"{self.source}: 'in_office' of {m.name!r} names {title!r}, but no title under 'titles:' "
                            f"lists {m.name} among its holders. Add them as a holder (with 'from'/'to' dates) to "
                            "the title, or remove 'in_office:'.")
                    raise unknown_value(f"{self.source}: 'in_office' of {m.name!r}", title, held,
                                        f"Name a title under 'titles:' that lists {m.name} among its holders.")
        for title, holders in by_title.items():
            ordered = sorted(holders, key=lambda r: r.start or "0000-00-00")
            for a, b in zip(ordered, ordered[1:]):
                if not a.end or (b.start or "0000-00-00") <= a.end:
                    raise StancemapError(
                        f"{self.source}: {a.name} ({a.start or 'open'}–{a.end or 'open'}) and {b.name} "
                        f"({b.start or 'open'}–{b.end or 'open'}) both hold {title!r} on "
                        f"{b.start or a.start or 'some date'}. Give {a.name} a 'to' date before {b.name}'s 'from'.")

    # -- construction -------------------------------------------------------
    @classmethod
    def from_dict(cls, data: object, source: str = "<dict>") -> "ActorRegistry":
        """Build a registry from the parsed YAML (a dict with an ``actors`` key).

        The data is checked against :data:`stancemap.configcheck.REGISTRY` first:
        an unknown key (``alias:`` for ``aliases:``) or a wrong type is an error."""
        if isinstance(data, dict) and isinstance(data.get("actors"), dict) and data["actors"]:
            configcheck.check_data(data, configcheck.REGISTRY, source)
        if not isinstance(data, dict) or not isinstance(data.get("actors"), dict) or not data["actors"]:
            raise StancemapError(
                f"{source}: an actor registry needs a top-level 'actors:' mapping of groups, "
                "e.g. actors: {us: {label: United States, members: [{name: Donald Trump}]}}.")
        groups: dict[str, Group] = {}
        for i, (key, spec) in enumerate(data["actors"].items()):
            key = str(key)
            if key == UNATTRIBUTED:
                raise StancemapError(f"{source}: {UNATTRIBUTED!r} is reserved for statements no group claims; rename the group.")
            if not isinstance(spec, dict):
                raise StancemapError(f"{source}: group {key!r} must be a mapping with label, color and members.")
            members_spec = spec.get("members") or []
            if not isinstance(members_spec, list) or not members_spec:
                raise StancemapError(f"{source}: group {key!r} has no members. Add a 'members:' list with at least one '- name: …'.")
            members = []
            for m in members_spec:
                if isinstance(m, str):
                    m = {"name": m}
                if not isinstance(m, dict) or not m.get("name"):
                    raise StancemapError(f"{source}: a member of group {key!r} has no 'name': {m!r}.")
                kind = str(m.get("kind", "person"))
                if kind not in MEMBER_KINDS:
                    raise unknown_value(f"{source}: member kind", kind, MEMBER_KINDS,
                                        f"Fix the 'kind:' of {m['name']!r}.")
                aliases = m.get("aliases") or []
                if isinstance(aliases, str):
                    aliases = [aliases]
                pronouns = str(m.get("pronouns") or "")
                if pronouns and pronouns not in PRONOUN_VALUES:
                    raise unknown_value(f"{source}: pronouns of {m['name']!r}", pronouns, PRONOUN_VALUES,
                                        "Fix its 'pronouns:' or leave it out.")
                if pronouns and kind != "person":
                    raise StancemapError(f"{source}: {m['name']!r} is an {kind} and has 'pronouns: {pronouns}'; "
                                         "pronouns are for persons only: remove the key.")
                head = str(m.get("head") or "")
                if head and kind != "institution":
                    raise StancemapError(f"{source}: {m['name']!r} is a {kind} and has 'head: {head}'; "
                                         "a head is for institutions only: remove the key.")
                in_office = m.get("in_office") or []
                if isinstance(in_office, str):
                    in_office = [in_office]
                if in_office and kind != "person":
                    raise StancemapError(f"{source}: {m['name']!r} is an {kind} and has 'in_office:'; "
                                         "it is for persons only: remove the key.")
                members.append(Member(str(m["name"]), key, kind, tuple(str(a) for a in aliases), pronouns, head,
                                      tuple(str(t) for t in in_office)))
            color = str(spec.get("color") or TOL_MUTED[i % len(TOL_MUTED)])
            groups[key] = Group(key, str(spec.get("label") or key), color, tuple(members))
        roles, title_aliases = [], {}
        for title, tspec in (data.get("titles") or {}).items():
            title = str(title)
            aliases = tspec.get("aliases") or []
            title_aliases[title] = [aliases] if isinstance(aliases, str) else [str(a) for a in aliases]
            for h in tspec.get("holders") or []:
                roles.append(Role(title, str(h["name"]), _iso(h.get("from")), _iso(h.get("to"))))
        return cls(groups, source, roles, title_aliases)

    @classmethod
    def from_yaml(cls, path: str | Path) -> "ActorRegistry":
        """Read a registry file."""
        path = Path(path)
        if not path.is_file():
            raise StancemapError(f"Actor registry {str(path)!r} does not exist. Pass the path of a YAML file "
                                 f"like corpora/actors.yaml, or omit it to use the bundled registry.")
        node = configcheck.compose(path, "Actor registry")
        if node is not None and isinstance(node, yaml.MappingNode) and any(
                getattr(k, "value", None) == "actors" for k, _ in node.value):
            configcheck.raise_first(configcheck.check_node(node, configcheck.REGISTRY, str(path)), str(path))
        data = configcheck.construct(node)
        return cls.from_dict(data, str(path))

    # -- lookup -------------------------------------------------------------
    def resolve(self, mention: str, date: str | _dt.date | None = None) -> Member | None:
        """The member an alias names, or None (``"the Kremlin"`` → Kremlin, russia).

        With ``date`` (ISO ``YYYY-MM-DD`` or a date), a title's alias names its holder on
        that day (``resolve("THE PRESIDENT", date="2025-03-13")`` → Donald Trump); a
        title nobody held that day, and every other mention, resolves as without a date.
        """
        if date is not None:
            title = self._titles.get(_norm(mention))
            if title is not None:
                holder = self.holder(title, date)
                if holder is not None:
                    return holder
        return self._index.get(_norm(mention))

    def holder(self, title: str, date: str | _dt.date) -> Member | None:
        """The member who held ``title`` (or a title one of its aliases names) on ``date``, or None."""
        day = _iso(date, strict=True)
        title = self._titles.get(_norm(title), title)
        if title not in {r.title for r in self.roles}:
            raise unknown_value("Title", title, sorted({r.title for r in self.roles}),
                                f"Titles come from 'titles:' in {self.source}.")
        for r in self.roles:
            if r.title == title and r.holds_on(day):
                return self._by_name[r.name]
        return None

    def head_of(self, institution: str, date: str | _dt.date | None = None) -> Member | None:
        """The person who heads an institution (by name or alias) on ``date``: its ``head:`` title's holder
        that day, or the member its ``head:`` names; None when the registry names no head (or no date
        is given for a title)."""
        m = self.resolve(institution)
        if m is None or not m.head:
            return None
        if m.head in self._by_name:
            return self._by_name[m.head]
        return self.holder(m.head, date) if date else None

    def roles_of(self, name: str) -> list[Role]:
        """The dated roles of a member (by canonical name or alias), in date order."""
        m = self.resolve(name)
        key = m.name if m is not None else name
        return sorted((r for r in self.roles if r.name == key), key=lambda r: (r.start, r.title))

    @property
    def titles(self) -> list[str]:
        """Titles with dated holders, in file order."""
        return list(dict.fromkeys(r.title for r in self.roles))

    def group_on(self, name: str, date: str | _dt.date | None) -> str:
        """The group a member (by canonical name or alias) speaks for on ``date``: its group, or
        ``unattributed`` when the member has ``in_office:`` titles and held none of them that day
        (Donald Trump in 2023, Joe Biden in 2025); without a date, or for a name no member has, its
        :meth:`actor_of`."""
        m = self.resolve(name)
        if m is None:
            return UNATTRIBUTED
        if not m.in_office or not date:
            return m.actor
        day = _iso(date, strict=True)
        held = any(r.name == m.name and r.title in m.in_office and r.holds_on(day) for r in self.roles)
        return m.actor if held else UNATTRIBUTED

    @property
    def dated_members(self) -> dict[str, Member]:
        """The members with ``in_office:`` titles, by canonical name."""
        return {n: m for n, m in self._by_name.items() if m.in_office}

    def actor_of(self, mention: str) -> str:
        """Actor group key for a mention, or ``"unattributed"``."""
        m = self.resolve(mention)
        return m.actor if m else UNATTRIBUTED

    @property
    def actors(self) -> list[str]:
        """Group keys in file order."""
        return list(self.groups)

    @property
    def order(self) -> list[str]:
        """Group keys in file order, then ``unattributed`` (for plots and tables)."""
        return [*self.groups, UNATTRIBUTED]

    @property
    def colors(self) -> dict[str, str]:
        """Fixed actor → colour map, ``unattributed`` included."""
        return {**{k: g.color for k, g in self.groups.items()}, UNATTRIBUTED: UNATTRIBUTED_COLOR}

    @property
    def labels(self) -> dict[str, str]:
        return {**{k: g.label for k, g in self.groups.items()}, UNATTRIBUTED: "Unattributed"}

    def group(self, key: str) -> Group:
        if key not in self.groups:
            raise unknown_value("Actor group", key, self.groups, f"Groups come from {self.source}.")
        return self.groups[key]

    @property
    def members(self) -> list[Member]:
        return [m for g in self.groups.values() for m in g.members]

    @cached_property
    def pattern(self) -> re.Pattern:
        """Regex matching any alias as whole words (longest first, case-insensitive
        for multi-word aliases, case-sensitive for one-word names so "Costa" ≠ "costa")."""
        names = sorted({n for m in self.members for n in m.names}, key=lambda s: (-len(s), s))
        parts = []
        for n in names:
            esc = re.escape(n).replace(r"\ ", r"\s+").replace("'", "['\u2019]")
            if n.lower().startswith("the "):
                esc = "(?i:" + esc[:3] + ")" + esc[3:]
            parts.append(esc)
        return re.compile(r"(?<![\w-])(?:" + "|".join(parts) + r")(?![\w-])") if parts else re.compile(r"(?!x)x")

    def find_mentions(self, text: str) -> list[tuple[int, int, Member]]:
        """Every alias occurrence in ``text`` as (start, end, member), left to right."""
        out = []
        for m in self.pattern.finditer(text):
            member = self.resolve(m.group(0))
            if member is not None:
                out.append((m.start(), m.end(), member))
        return out

    def to_frame(self) -> pd.DataFrame:
        """One row per alias: actor, label, color, name, kind, alias."""
        rows = [{"actor": g.key, "label": g.label, "color": g.color, "name": m.name, "kind": m.kind, "alias": a}
                for g in self.groups.values() for m in g.members for a in m.names]
        return pd.DataFrame(rows, columns=["actor", "label", "color", "name", "kind", "alias"])

    def __repr__(self) -> str:
        sizes = ", ".join(f"{k}: {len(g.members)}" for k, g in self.groups.items())
        return f"ActorRegistry({self.source!r}; {sizes})"


def _iso(value, strict: bool = False) -> str:
    """An ISO date string from a YAML date, a datetime or text ("" for none)."""
    if value is None or value == "":
        if strict:
            raise StancemapError("A date is needed: pass date='YYYY-MM-DD', e.g. date='2025-03-18'.")
        return ""
    if isinstance(value, _dt.datetime):
        return value.date().isoformat()
    if isinstance(value, _dt.date):
        return value.isoformat()
    text = str(value).strip()[:10]
    try:
        return _dt.date.fromisoformat(text).isoformat()
    except ValueError:
        raise StancemapError(f"Date {value!r} is not an ISO date. Write it as 'YYYY-MM-DD', e.g. '2025-03-18'.") \
            from None


def load_actors(path: str | Path | ActorRegistry | None = None) -> ActorRegistry:
    """Load an actor registry; ``None`` gives the bundled ``corpora/actors.yaml``."""
    if isinstance(path, ActorRegistry):
        return path
    return ActorRegistry.from_yaml(bundled("actors.yaml") if path is None else path)
