"""Check YAML configuration files against a schema, with the file, line and fix in every error.

The actor registry, the codebook and the dataset registry are YAML files a user
edits by hand. A typo there must not pass silently (``alias:`` for ``aliases:``
drops every alias of a member and changes who said what), so each file is
checked against a small schema before it is used:

* unknown keys are errors, with the valid keys and "did you mean";
* types are checked (a list where a list belongs, a mapping where a mapping
  belongs, colours, dates, whole numbers, hex digests);
* every error names the file, the line (from the YAML node marks of
  ``yaml.compose``), where in the document it is (``actors.us.members[0]``) and the fix.

A schema is built from :class:`Map`, :class:`Seq`, :class:`Scalar`,
:class:`Choice` and :class:`OneOf`. :func:`check_node` returns every problem;
:func:`check_file` / :func:`check_data` raise the first one as a
:class:`~stancemap.errors.StancemapError` (``stancemap check FILE`` lists them all).
Python dicts are checked the same way, without line numbers.
"""
from __future__ import annotations

import datetime as _dt
import re
import difflib
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from .errors import StancemapError, did_you_mean

STR, INT, FLOAT, BOOL, NULL, TIMESTAMP = (f"tag:yaml.org,2002:{t}" for t in
                                          ("str", "int", "float", "bool", "null", "timestamp"))
_TYPE_NAMES = {STR: "text", INT: "a whole number", FLOAT: "a number", BOOL: "true/false", NULL: "empty",
               TIMESTAMP: "a date", "tag:yaml.org,2002:map": "a mapping (key: value lines)",
               "tag:yaml.org,2002:seq": "a list", "tag:yaml.org,2002:binary": "binary data"}


@dataclass(frozen=True)
class Problem:
    """One thing wrong in a file: where, what, and how to fix it."""

    source: str
    line: int | None
    where: str
    message: str
    fix: str = ""

    def __str__(self) -> str:
        at = f"{self.source}, line {self.line}" if self.line else self.source
        where = f" ({self.where})" if self.where else ""
        return f"{at}{where}: {self.message}" + (f" Fix: {self.fix}" if self.fix else "")


# -- schema nodes ------------------------------------------------------------------

@dataclass
class Scalar:
    """A single value. ``kind``: "text", "int", "number", "color", "date", "sha256", "any"."""

    kind: str = "text"
    pattern: str | None = None
    hint: str = ""
    nonempty: bool = True


@dataclass
class Choice:
    """One of a fixed set of text values."""

    values: tuple[str, ...]


@dataclass
class Seq:
    """A list of ``item``; ``single_ok`` also accepts one bare value (``aliases: Trump``)."""

    item: object
    single_ok: bool = False
    nonempty: bool = False


@dataclass
class Map:
    """A mapping. ``fields``: fixed keys → schema; ``required``: keys that must be there;
    ``values``: schema of every value when the keys are free (groups, frames, datasets);
    ``key``: Scalar the free keys must match; ``what``: how to name one entry in messages."""

    fields: dict = field(default_factory=dict)
    required: tuple[str, ...] = ()
    values: object = None
    key: Scalar | None = None
    what: str = "entry"
    example: str = ""


@dataclass
class OneOf:
    """Either of two shapes, e.g. a member given as a bare name or as a mapping."""

    options: tuple
    hint: str = ""


# -- values ------------------------------------------------------------------------

_HEX_COLOR = re.compile(r"^#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{4}|[0-9a-fA-F]{6}|[0-9a-fA-F]{8})$")
_FUNC_COLOR = re.compile(r"^(?:rgb|rgba|hsl|hsla)\(\s*[0-9.%]+\s*,\s*[0-9.%]+\s*,\s*[0-9.%]+\s*(?:,\s*[0-9.]+\s*)?\)$")
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def _named_colors() -> frozenset[str]:
    try:
        from _plotly_utils.basevalidators import ColorValidator
        return frozenset(ColorValidator.named_colors)
    except Exception:  # plotly missing or moved: accept any single word
        return frozenset()


def _color_ok(text: str) -> bool:
    if _HEX_COLOR.match(text) or _FUNC_COLOR.match(text.replace(" ", "")):
        return True
    names = _named_colors()
    return text.lower() in names if names else text.isalpha()


def _date_ok(text: str) -> bool:
    if not _DATE.match(text):
        return False
    try:
        _dt.date.fromisoformat(text)
    except ValueError:
        return False
    return True


# -- checking ----------------------------------------------------------------------

class _Checker:
    def __init__(self, source: str):
        self.source = source
        self.problems: list[Problem] = []

    def add(self, node, where: str, message: str, fix: str = "") -> None:
        mark = getattr(node, "start_mark", None)
        self.problems.append(Problem(self.source, mark.line + 1 if mark is not None else None, where, message, fix))

    def check(self, node, spec, where: str) -> None:
        if isinstance(spec, OneOf):
            trial = []
            for option in spec.options:
                sub = _Checker(self.source)
                sub.check(node, option, where)
                if not sub.problems:
                    return
                trial.append(sub.problems)
            # report the attempt whose shape matches the node (a mapping for Map, …), else the first
            best = next((p for o, p in zip(spec.options, trial) if _shape_matches(node, o)), trial[0])
            self.problems.extend(best)
            return
        if isinstance(spec, Map):
            return self._map(node, spec, where)
        if isinstance(spec, Seq):
            return self._seq(node, spec, where)
        if isinstance(spec, Choice):
            return self._choice(node, spec, where)
        if isinstance(spec, Scalar):
            return self._scalar(node, spec, where)
        raise TypeError(f"not a schema: {spec!r}")

    def _type_error(self, node, where: str, want: str, fix: str) -> None:
        got = _TYPE_NAMES.get(node.tag, node.tag)
        value = f" ({node.value!r})" if isinstance(node, yaml.ScalarNode) and node.value else ""
        self.add(node, where, f"must be {want}, got {got}{value}.", fix)

    def _map(self, node, spec: Map, where: str) -> None:
        if not isinstance(node, yaml.MappingNode):
            self._type_error(node, where, "a mapping (key: value lines)",
                             spec.example or "Indent the keys under it, one 'key: value' per line.")
            return
        seen = {}
        for knode, vnode in node.value:
            key = knode.value if isinstance(knode, yaml.ScalarNode) else str(knode.value)
            here = f"{where}.{key}" if where else str(key)
            if key in seen:
                self.add(knode, here, f"key {key!r} appears twice (first on line {seen[key]}); "
                         "YAML keeps only the last one.", "Delete or merge one of them.")
            seen[key] = knode.start_mark.line + 1 if knode.start_mark is not None else "?"
            if key in spec.fields:
                sub = spec.fields[key]
                if vnode.tag == NULL and isinstance(sub, Scalar) and sub.kind == "color":
                    self.add(vnode, here, "the colour is empty.", 'quote it: color: "#88CCEE" (unquoted, '
                             "# starts a comment), or remove the line for a default colour.")
                    continue
                if vnode.tag == NULL and key not in spec.required:
                    continue  # an empty optional key is the same as no key
                self.check(vnode, spec.fields[key], here)
            elif spec.values is not None:
                if spec.key is not None:
                    self._scalar(knode, spec.key, here, as_key=True)
                self.check(vnode, spec.values, here)
            else:
                valid = list(spec.fields)
                hint = did_you_mean(key, valid)
                close = difflib.get_close_matches(str(key), valid, n=1, cutoff=0.6)
                fix = (f"rename {key!r} to {close[0]!r}." if close
                       else f"remove {key!r} or move it where it belongs.")
                self.add(knode, here, f"unknown key {key!r}. Valid keys here: {', '.join(valid)}.{hint}", fix)
        for key in spec.required:
            if key not in seen:
                self.add(node, where, f"missing required key {key!r} (has: {', '.join(map(str, seen)) or 'nothing'}).",
                         f"add '{key}:'" + (f", e.g. {spec.example}" if spec.example else "."))
            else:
                vnode = next(v for k, v in node.value if getattr(k, "value", None) == key)
                if vnode.tag == NULL or (isinstance(vnode, yaml.ScalarNode) and vnode.tag == STR
                                          and not vnode.value.strip()):
                    self.add(vnode, f"{where}.{key}" if where else key, f"{key!r} is empty.",
                             f"give '{key}:' a value.")
        if spec.values is not None and not node.value and not spec.fields:
            self.add(node, where, f"has no {spec.what}s.", f"add at least one {spec.what}"
                     + (f", e.g. {spec.example}" if spec.example else "."))

    def _seq(self, node, spec: Seq, where: str) -> None:
        if isinstance(node, yaml.SequenceNode):
            if spec.nonempty and not node.value:
                self.add(node, where, "is an empty list.", "add at least one item.")
            for i, item in enumerate(node.value):
                self.check(item, spec.item, f"{where}[{i}]")
            return
        if spec.single_ok and isinstance(node, yaml.ScalarNode):
            self.check(node, spec.item, where)
            return
        self._type_error(node, where, "a list", "write it as [a, b] or as lines starting with '- '.")

    def _choice(self, node, spec: Choice, where: str) -> None:
        if not isinstance(node, yaml.ScalarNode) or node.value not in spec.values:
            value = node.value if isinstance(node, yaml.ScalarNode) else _TYPE_NAMES.get(node.tag, node.tag)
            self.add(node, where, f"{value!r} is not valid. Valid: {', '.join(spec.values)}."
                     f"{did_you_mean(str(value), spec.values)}", f"use one of {', '.join(spec.values)}.")

    def _scalar(self, node, spec: Scalar, where: str, as_key: bool = False) -> None:
        what = "key" if as_key else "value"
        if not isinstance(node, yaml.ScalarNode):
            want = {"int": "a whole number", "number": "a number", "date": "a date (YYYY-MM-DD)",
                    "color": "a colour such as \"#88CCEE\""}.get(spec.kind, "a single value (text)")
            self._type_error(node, where, want, spec.hint or "write a single value, not a list or mapping.")
            return
        text = node.value
        if spec.kind == "any":
            return
        if spec.kind == "int":
            if node.tag != INT:
                self._type_error(node, where, "a whole number", spec.hint or "write digits only, e.g. 1024.")
            return
        if spec.kind == "number":
            if node.tag not in (INT, FLOAT):
                self._type_error(node, where, "a number", spec.hint or "write a number, e.g. 1.0.")
            return
        if node.tag in (NULL,) or (spec.nonempty and not text.strip()):
            self.add(node, where, f"the {what} is empty.", spec.hint or "give it a value.")
            return
        if node.tag == BOOL and spec.kind == "text" and not as_key:
            self.add(node, where, f"{text!r} is read by YAML as true/false, not as text.",
                     f"quote it: \"{text}\".")
            return
        if spec.kind == "color" and not _color_ok(text):
            self.add(node, where, f"{text!r} is not a colour.",
                     spec.hint or "write a hex colour in quotes, e.g. color: \"#88CCEE\" (unquoted, # starts a "
                                  "comment), or a CSS colour name.")
        elif spec.kind == "date" and not _date_ok(text):
            self.add(node, where, f"{text!r} is not a date.", spec.hint or "write it as \"YYYY-MM-DD\", e.g. "
                                                                          "\"2025-03-18\".")
        elif spec.pattern and not re.match(spec.pattern, text):
            self.add(node, where, f"{what} {text!r} is not valid.", spec.hint)


def _shape_matches(node, spec) -> bool:
    if isinstance(spec, Map):
        return isinstance(node, yaml.MappingNode)
    if isinstance(spec, Seq):
        return isinstance(node, yaml.SequenceNode)
    return isinstance(node, yaml.ScalarNode)


# -- documents ----------------------------------------------------------------------

def to_node(data) -> yaml.Node:
    """A YAML node tree (without line numbers) for parsed Python data, so dicts are
    checked by the same code as files."""
    if isinstance(data, Mapping):
        return yaml.MappingNode("tag:yaml.org,2002:map", [(to_node(str(k) if not isinstance(k, (int, float, bool))
                                                                     else k), to_node(v))
                                                           for k, v in data.items()])
    if isinstance(data, (list, tuple)):
        return yaml.SequenceNode("tag:yaml.org,2002:seq", [to_node(v) for v in data])
    if data is None:
        return yaml.ScalarNode(NULL, "")
    if isinstance(data, bool):
        return yaml.ScalarNode(BOOL, str(data).lower())
    if isinstance(data, int):
        return yaml.ScalarNode(INT, str(data))
    if isinstance(data, float):
        return yaml.ScalarNode(FLOAT, repr(data))
    if isinstance(data, (_dt.date, _dt.datetime)):
        return yaml.ScalarNode(TIMESTAMP, data.isoformat())
    return yaml.ScalarNode(STR, str(data))


#: The safe loader in C (libyaml) when PyYAML was built with it: the same node trees, marks included,
#: several times faster (the codebook is composed on every start); else the pure-Python one.
_FAST_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def compose(path: str | Path, what: str = "YAML file") -> yaml.Node | None:
    """The node tree of a YAML file (``yaml.compose`` with the safe loader: no tags run code; libyaml's
    when available, and the pure-Python one to word the error of invalid YAML)."""
    path = Path(path)
    if not path.is_file():
        raise StancemapError(f"{what} {str(path)!r} does not exist. Pass the path of a YAML file.")
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError:
        raise StancemapError(f"{what} {str(path)!r} is not UTF-8 text. Save it as UTF-8.") from None
    try:
        return yaml.compose(text, Loader=_FAST_LOADER)
    except yaml.YAMLError:
        pass
    try:
        return yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError as e:
        raise StancemapError(f"{what} {str(path)!r} is not valid YAML: {' '.join(str(e).split())}") from None


def construct(node: yaml.Node | None):
    """The Python data of a node tree from :func:`compose`: what ``yaml.safe_load`` of the same
    text returns, without scanning the text a second time."""
    if node is None:
        return None
    loader = yaml.SafeLoader("")
    try:
        return loader.construct_document(node)
    finally:
        loader.dispose()


def check_node(node, schema, source: str) -> list[Problem]:
    """Every problem of a composed document (or :func:`to_node` of a dict) against ``schema``."""
    checker = _Checker(source)
    if node is None:
        checker.problems.append(Problem(source, None, "", "the file is empty.",
                                        "write the top-level key, e.g. " + getattr(schema, "example", "")))
    else:
        checker.check(node, schema, "")
    return checker.problems


def raise_first(problems: list[Problem], source: str) -> None:
    """Raise the first problem as a :class:`StancemapError` (saying how many more there are)."""
    if problems:
        more = (f" ({len(problems) - 1} more problem(s): run `stancemap check {source}` to list them all.)"
                if len(problems) > 1 else "")
        raise StancemapError(str(problems[0]) + more)


def check_data(data, schema, source: str = "<dict>") -> None:
    """Check parsed data (a dict) against ``schema``; raise the first problem."""
    raise_first(check_node(to_node(data), schema, source), source)


def check_file(path: str | Path, schema, what: str = "YAML file"):
    """Check a YAML file against ``schema`` and return its parsed content (raises the first problem)."""
    node = compose(path, what)
    raise_first(check_node(node, schema, str(path)), str(path))
    return construct(node)


# -- the three schemas ---------------------------------------------------------------

_TEXT = Scalar("text")
_TEXTS = Seq(_TEXT)
_KEY_NAME = Scalar("text", pattern=r"^[a-z][a-z0-9_]*$",
                   hint="use lower-case letters, digits and underscores, starting with a letter "
                        "(it becomes a column name, e.g. 'frame_diplomacy').")

MEMBER = OneOf((Scalar("text"), Map(
    fields={"name": _TEXT, "kind": Choice(("person", "institution")), "aliases": Seq(_TEXT, single_ok=True),
            "pronouns": Choice(("he", "she", "they")), "head": _TEXT, "in_office": Seq(_TEXT, single_ok=True)},
    required=("name",), example="- name: Donald Trump\n    aliases: [Trump, President Trump]")))
GROUP = Map(fields={"label": _TEXT, "color": Scalar("color"), "members": Seq(MEMBER, nonempty=True)},
            required=("members",), example="us: {label: United States, color: \"#88CCEE\", members: [...]}")
_ISO_DAY = Scalar("date")
HOLDER = Map(fields={"name": _TEXT, "from": _ISO_DAY, "to": _ISO_DAY}, required=("name",),
             example="- {name: Donald Trump, from: 2025-01-20}")
#: A title that changes hands (``titles:`` of an actor registry): what mentions it and who held it when.
TITLE = Map(fields={"aliases": Seq(_TEXT, single_ok=True), "holders": Seq(HOLDER, nonempty=True)},
            required=("holders",), example="{aliases: [the President], holders: [{name: Joe Biden, from: 2021-01-20, "
                                           "to: 2025-01-19}]}")
#: Schema of an actor registry (``corpora/actors.yaml``).
REGISTRY = Map(fields={"actors": Map(values=GROUP, what="group", key=Scalar("text"),
                                     example="us: {label: United States, members: [{name: Donald Trump}]}"),
                       "titles": Map(values=TITLE, what="title", key=Scalar("text"),
                                     example="President of the United States: {holders: [...]}")},
               required=("actors",), example="actors: {us: {label: United States, members: [{name: Donald Trump}]}}")

FRAME = Map(fields={"label": _TEXT, "definition": _TEXT, "rules": _TEXTS, "cues": Seq(_TEXT, nonempty=True)},
            required=("label", "definition", "cues"), example="label: Diplomacy, definition: ..., cues: [talks]")
TARGET = Map(fields={"label": _TEXT, "definition": _TEXT, "favor": _TEXT, "against": _TEXT, "rules": _TEXTS,
                     "cues": Seq(_TEXT, nonempty=True)},
             required=("label", "definition", "favor", "against", "cues"))
TOPIC = Map(fields={"label": _TEXT, "definition": _TEXT, "rules": _TEXTS, "cues": Seq(_TEXT, nonempty=True),
                    "targets": _TEXTS},
            required=("label", "definition", "cues"), example="label: The war, definition: ..., cues: [invasion]")
#: Schema of a codebook (``corpora/codebook.yaml``).
CODEBOOK = Map(fields={
    "name": _TEXT, "version": Scalar("any"), "description": _TEXT, "references": _TEXTS, "rules": _TEXTS,
    "frames": Map(values=FRAME, key=_KEY_NAME, what="frame", example="diplomacy: {label: ..., cues: [...]}"),
    "stance": Map(fields={"labels": Seq(_TEXT, nonempty=True), "rules": _TEXTS,
                          "targets": Map(values=TARGET, key=_KEY_NAME, what="target")},
                  required=("labels", "targets")),
    "topics": Map(values=TOPIC, key=_KEY_NAME, what="topic", example="war: {label: ..., cues: [...]}"),
}, required=("name", "version", "frames", "stance"), example="name: ..., version: \"1.0\", frames: {...}, stance: {...}")

_SHA = Scalar("text", pattern=r"^[0-9a-fA-F]{64}$", hint="a sha256 is 64 hex digits (`sha256sum FILE`).")
_URL = Scalar("text", pattern=r"^(?:https?|file)://", hint="give a full http(s):// (or file://) URL.")
DATA_FILE = Map(fields={"path": _TEXT, "url": _URL,
                        "sha256": _SHA, "size": Scalar("int")},
                required=("path", "sha256"), example="- path: data/x.csv\n  sha256: <64 hex>")
#: Options a dataset's loader reads (``options:`` in corpora/datasets.yaml); the
#: datasets package may add its own with :func:`register_dataset_option`.
DATASET_OPTIONS: dict[str, object] = {
    "debate_dates": Map(values=Scalar("date"), key=Scalar("int", hint="the key is a year, e.g. 2024."), what="year"),
    "speaker_code_fixes": Map(values=_TEXT, key=_TEXT, what="code"),
    # who speaks in an official dataset (the White House, UK and 2022-23 Zelenskyy loaders)
    "actor": _TEXT, "speaker": _TEXT, "outlet": _TEXT,
    "president_title": Scalar("text", nonempty=False),
}
DATASET = Map(fields={
    "description": _TEXT, "repo": Scalar("text", pattern=r"^[\w.-]+/[\w.-]+$", hint="write it as OWNER/NAME."),
    "commit": Scalar("text", pattern=r"^[0-9a-f]{7,40}$", hint="pin a commit: its hex id (40 digits)."),
    "license": _TEXT, "license_note": _TEXT, "attribution": _TEXT, "credit": _TEXT, "citation": _TEXT,
    "loader": _TEXT,
    "base_url": _URL,
    "files": Seq(DATA_FILE), "manifest": _TEXT, "options": Map(fields=DATASET_OPTIONS),
}, required=("repo", "commit", "license"), example="{repo: OWNER/NAME, commit: <sha>, license: CC0, files: [...]}")
#: Schema of a dataset registry (``corpora/datasets.yaml``).
DATASET_REGISTRY = Map(fields={"datasets": Map(values=DATASET, key=Scalar("text"), what="dataset")},
                       required=("datasets",), example="datasets: {name: {repo: ..., commit: ..., license: ...}}")


def register_dataset_option(name: str, schema) -> None:
    """Declare an ``options:`` key a dataset loader reads, so the registry check accepts it."""
    DATASET_OPTIONS[name] = schema


def check_dataset_registry(path: str | Path):
    """Check a dataset registry file (``corpora/datasets.yaml``) and return its parsed content.

    The datasets package calls this instead of ``yaml.safe_load`` so a typo such as
    ``licence:`` or ``sha265:`` is an error naming the file, line and fix."""
    return check_file(path, DATASET_REGISTRY, "Dataset registry")


#: The kinds ``stancemap check`` knows: name → (schema, what, top-level key that identifies it).
KINDS: dict[str, tuple[object, str]] = {
    "registry": (REGISTRY, "Actor registry"),
    "codebook": (CODEBOOK, "Codebook"),
    "datasets": (DATASET_REGISTRY, "Dataset registry"),
}


def detect_kind(node, source: str) -> str:
    """Which kind of file a composed document is, from its top-level keys."""
    keys = [k.value for k, _ in node.value] if isinstance(node, yaml.MappingNode) else []
    if "datasets" in keys:
        return "datasets"
    if "frames" in keys or "stance" in keys:
        return "codebook"
    if "actors" in keys:
        groups = next(v for k, v in node.value if k.value == "actors")
        if (isinstance(groups, yaml.MappingNode) and groups.value
                and all(isinstance(v, yaml.SequenceNode) for _, v in groups.value) and "unmapped" in keys):
            raise StancemapError(f"{source} looks like a UNGDC country map (actors: group -> [country codes]), "
                                 "which `stancemap check` does not validate; load_ungdc checks it when it reads it.")
        return "registry"
    raise StancemapError(
        f"{source}: cannot tell what kind of file this is (top-level keys: {', '.join(map(str, keys)) or 'none'}). "
        "An actor registry starts with 'actors:', a codebook has 'frames:' and 'stance:', a dataset registry "
        "starts with 'datasets:'. Fix the top-level key, or pass --kind registry|codebook|datasets.")


def check_any(path: str | Path, kind: str | None = None) -> tuple[str, list[Problem]]:
    """(kind, problems) of a registry, codebook or dataset-registry file (kind detected when None)."""
    node = compose(path)
    if kind is None:
        if node is None:
            raise StancemapError(f"{path}: the file is empty. Pass --kind registry|codebook|datasets to see "
                                 "what it needs.")
        kind = detect_kind(node, str(path))
    schema, _ = KINDS[kind]
    return kind, check_node(node, schema, str(path))


__all__ = ["CODEBOOK", "DATASET_REGISTRY", "KINDS", "REGISTRY", "Choice", "Map", "OneOf", "Problem", "Scalar", "Seq",
           "check_any", "check_data", "check_dataset_registry", "check_file", "check_node", "compose",
           "detect_kind", "register_dataset_option", "to_node"]
