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
          - name: White House
            kind: institution
            aliases: [the White House]
"""
from __future__ import annotations

import re
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

    @property
    def names(self) -> tuple[str, ...]:
        """The canonical name and every alias, de-duplicated, in file order."""
        return tuple(dict.fromkeys((self.name, *self.aliases)))


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

    def __init__(self, groups: dict[str, Group], source: str = "<dict>"):
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
                members.append(Member(str(m["name"]), key, kind, tuple(str(a) for a in aliases)))
            color = str(spec.get("color") or TOL_MUTED[i % len(TOL_MUTED)])
            groups[key] = Group(key, str(spec.get("label") or key), color, tuple(members))
        return cls(groups, source)

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
        data = yaml.safe_load(path.read_text(encoding="utf-8-sig"))
        return cls.from_dict(data, str(path))

    # -- lookup -------------------------------------------------------------
    def resolve(self, mention: str) -> Member | None:
        """The member an alias names, or None (``"the Kremlin"`` → Kremlin, russia)."""
        return self._index.get(_norm(mention))

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


def load_actors(path: str | Path | ActorRegistry | None = None) -> ActorRegistry:
    """Load an actor registry; ``None`` gives the bundled ``corpora/actors.yaml``."""
    if isinstance(path, ActorRegistry):
        return path
    return ActorRegistry.from_yaml(bundled("actors.yaml") if path is None else path)
