"""The codebook: frames and stance targets, their definitions, rules and cue terms.

A codebook is a YAML file (``corpora/codebook.yaml`` is bundled) with a
``name``, a ``version``, a mapping of ``frames`` (multi-label, adapted from the
Policy Frames Codebook, Boydstun et al. 2014, and Semetko & Valkenburg 2000)
and a ``stance`` section with the stance ``labels`` and ``targets`` (the
favor/against/none scheme of SemEval-2016 Task 6, Mohammad et al. 2016), and
optionally ``topics`` (cue-defined subjects such as the war or the ceasefire,
which :mod:`stancemap.topics` filters statements by). Nothing here knows the
bundled frames: any codebook of the same shape works.

``load_training`` reads the labelled examples in ``corpora/training/*.csv`` and
checks every label against the codebook.
"""
from __future__ import annotations

import re
import warnings
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from types import MappingProxyType

import numpy as np
import pandas as pd
import yaml

from . import configcheck
from .errors import LossyStepWarning, StancemapError, did_you_mean, unknown_value
from .paths import bundled

#: Where an example may come from. Seed-article gold labels are held out as a
#: test set and are deliberately not a training origin.
ORIGINS: Mapping[str, str] = MappingProxyType({
    "constructed": "written for the codebook and attributed to nobody real",
    "dataset": "a real sentence from a public dataset, stored by reference",
    "user": "a statement from the user's own files, labelled by the user",
})

#: Columns of a training file besides the per-target stance columns.
TRAINING_COLUMNS = ("example_id", "text", "origin", "register", "frames")

_KEY = re.compile(r"^[a-z][a-z0-9_]*$")
_FIX = "Fix the codebook YAML (see corpora/codebook.yaml for the expected shape)."


@dataclass(frozen=True)
class Frame:
    """One frame: a label, what it means, decision rules and cue terms."""

    label: str
    definition: str
    rules: tuple[str, ...]
    cues: tuple[str, ...]


@dataclass(frozen=True)
class Target:
    """One stance target: what it is, what favor and against mean, rules and cues."""

    label: str
    definition: str
    favor: str
    against: str
    rules: tuple[str, ...]
    cues: tuple[str, ...]


@dataclass(frozen=True)
class Topic:
    """One topic: a label, what it covers, rules, cue terms, and the stance targets
    whose cues also count (:func:`stancemap.topics.in_topic`)."""

    label: str
    definition: str
    rules: tuple[str, ...]
    cues: tuple[str, ...]
    targets: tuple[str, ...] = ()


@dataclass(frozen=True)
class Codebook:
    """Frames and stance targets. Immutable; build it with :func:`load_codebook`."""

    name: str
    version: str
    frames: Mapping[str, Frame]
    targets: Mapping[str, Target]
    labels: tuple[str, ...]
    description: str = ""
    references: tuple[str, ...] = ()
    rules: tuple[str, ...] = ()
    stance_rules: tuple[str, ...] = ()
    source: str = ""
    topics: Mapping[str, Topic] = field(default_factory=lambda: MappingProxyType({}))
    _patterns: dict = field(default_factory=dict, repr=False, compare=False)

    def __hash__(self) -> int:
        return hash((self.name, self.version, self.source, tuple(self.frames), tuple(self.targets), self.labels,
                     tuple(self.topics)))

    @property
    def frame_keys(self) -> list[str]:
        """Frame keys in display order."""
        return list(self.frames)

    @property
    def target_keys(self) -> list[str]:
        """Stance target keys in display order."""
        return list(self.targets)

    @property
    def frame_columns(self) -> list[str]:
        """Scored-table columns of frame probabilities: ``["frame_diplomacy", …]``."""
        return [f"frame_{k}" for k in self.frames]

    @property
    def stance_columns(self) -> list[str]:
        """Stance label columns: ``["stance_full_ceasefire", …]``."""
        return [f"stance_{k}" for k in self.targets]

    def frame(self, key: str) -> Frame:
        """The frame called ``key`` (clear error if there is none)."""
        if key not in self.frames:
            raise unknown_value("Frame", key, self.frames, f"The frames of codebook {self.name!r} are listed above.")
        return self.frames[key]

    def target(self, key: str) -> Target:
        """The stance target called ``key`` (clear error if there is none)."""
        if key not in self.targets:
            raise unknown_value("Stance target", key, self.targets,
                                f"The targets of codebook {self.name!r} are listed above.")
        return self.targets[key]

    def topic(self, key: str) -> Topic:
        """The topic called ``key`` (clear error listing the topics if there is none)."""
        if key not in self.topics:
            fix = (f"The topics of codebook {self.name!r} are listed above." if self.topics else
                   f"Codebook {self.name!r} ({self.source or 'given as a dict'}) has no 'topics:' section; add one "
                   "(see corpora/codebook.yaml) or use the bundled codebook.")
            raise unknown_value("Topic", key, self.topics, fix)
        return self.topics[key]

    def topic_pattern(self, key: str) -> re.Pattern:
        """Compiled regex of a topic's cues and the cues of its ``targets`` (see :meth:`cue_pattern`)."""
        topic = self.topic(key)
        cache_key = ("topic", key)
        if cache_key not in self._patterns:
            cues = [*topic.cues, *(c for t in topic.targets for c in self.targets[t].cues)]
            self._patterns[cache_key] = compile_cues(cues)
        return self._patterns[cache_key]

    def cue_pattern(self, key: str, kind: str | None = None) -> re.Pattern:
        """Compiled, case-insensitive regex matching any cue of a frame or target.

        Cues match whole words; a trailing ``*`` on a word matches any word that
        starts with it (``negotiat*`` → negotiations); words of a multiword cue
        may be separated by any whitespace. Longer cues are tried first, so
        ``findall`` returns the longest match. ``kind`` ("frame" or "target")
        is needed only when a frame and a target share the key.
        """
        if kind not in (None, "frame", "target"):
            raise unknown_value("Cue kind", kind, ["frame", "target"])
        in_frames = key in self.frames and kind in (None, "frame")
        in_targets = key in self.targets and kind in (None, "target")
        if in_frames and in_targets:
            raise StancemapError(f"{key!r} is both a frame and a stance target in codebook {self.name!r}. "
                                 "Pass kind='frame' or kind='target'.")
        if not (in_frames or in_targets):
            raise unknown_value("Frame or target", key, [*self.frames, *self.targets])
        kind = "frame" if in_frames else "target"
        cache_key = (kind, key)
        if cache_key not in self._patterns:
            cues = (self.frames[key] if in_frames else self.targets[key]).cues
            self._patterns[cache_key] = compile_cues(cues)
        return self._patterns[cache_key]


def _cue_regex(cue: str) -> str:
    parts = []
    for word in cue.split():
        if word.endswith("*"):
            parts.append(re.escape(word[:-1]) + r"[\w'’-]*")
        else:
            parts.append(re.escape(word))
    return r"\s+".join(parts)


def normalise_cues(cues: Iterable[str]) -> list[str]:
    """Cue terms as :func:`compile_cues` uses them: stripped, lower-case, unique, longest first."""
    return sorted({str(c).strip().lower() for c in cues if str(c).strip()}, key=lambda c: (-len(c), c))


def compile_cues(cues: Iterable[str]) -> re.Pattern:
    """Compile cue terms (``*`` = prefix, multiword allowed) into one whole-word regex."""
    cues = normalise_cues(cues)
    if not cues:
        raise StancemapError("No cue terms to compile. Give at least one cue term.")
    # Alternatives are grouped by their first character, keeping their order inside each
    # group: the same matches as one flat alternation (only one group can match at a
    # position), found about twice as fast because a position is tried against one group.
    groups: dict[str, list[str]] = {}
    pieces = [(_cue_regex(c), re.escape(c[0])) for c in cues]
    if all(piece.startswith(first) for piece, first in pieces):
        for piece, first in pieces:
            groups.setdefault(first, []).append(piece[len(first):])
        body = "|".join(f"{first}(?:{'|'.join(rest)})" for first, rest in groups.items())
    else:  # a cue that starts with a bare "*": keep the flat alternation
        body = "|".join(piece for piece, _ in pieces)
    return re.compile(rf"(?<![\w-])(?:{body})(?!\w)", re.IGNORECASE)  # "de-escalation" is not "escalat*"


def _cue_atoms(cue: str) -> list[str]:
    """:func:`_cue_regex` of ``cue`` cut into its steps: one escaped character, a word's
    ending (``[\\w'’-]*``) or the space between words (``\\s+``)."""
    out: list[str] = []
    for i, word in enumerate(cue.split()):
        if i:
            out.append(r"\s+")
        star = word.endswith("*")
        out.extend(re.escape(ch) for ch in (word[:-1] if star else word))
        if star:
            out.append(r"[\w'’-]*")
    return out


def cue_trie(cues: Iterable[str]) -> str:
    """A regex (without :func:`compile_cues`' look-behind) that matches at the positions where
    some cue of ``cues`` matches — where, not how far: the cues' steps (:func:`_cue_atoms`) as a
    trie, so the regex engine follows one branch per character where a flat alternation tries
    every cue with the same first letter (backtracking still tries every path, so every cue
    is found)."""
    root: dict = {}
    for cue in normalise_cues(cues):
        node = root
        for atom in _cue_atoms(cue):
            node = node.setdefault(atom, {})
        node[None] = {}

    def emit(node: dict) -> str:
        alts = [atom + emit(node[atom]) for atom in sorted(a for a in node if a is not None)]
        if None in node:
            alts.append(r"(?!\w)")
        return alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"

    if not root:
        raise StancemapError("No cue terms to compile. Give at least one cue term.")
    return emit(root)


def _caseless_or_ascii(ch: str) -> bool:
    return ch.isascii() or ch.lower() == ch == ch.upper()


@lru_cache(maxsize=512)
def _ascii_twin(pattern: re.Pattern) -> re.Pattern | None:
    """``pattern`` without IGNORECASE, for lower-cased ASCII text — or None when the
    pattern has a cased non-ASCII character (``ſ`` matches ``s`` case-insensitively)."""
    if not pattern.flags & re.IGNORECASE or not all(_caseless_or_ascii(ch) for ch in pattern.pattern):
        return None
    return re.compile(pattern.pattern, pattern.flags & ~re.IGNORECASE)


#: From this many texts on, :func:`count_matches` compiles a pattern's case-sensitive twin (a
#: millisecond or two for a cue list, about what it saves on a thousand statements).
TWIN_FROM = 500


def count_matches(pattern: re.Pattern, texts: Iterable[str]) -> np.ndarray:
    """Number of ``pattern.findall`` matches in each text (int64 array).

    A case-insensitive pattern runs about twice as fast case-sensitively, so with
    :data:`TWIN_FROM` texts or more an ASCII text is lower-cased and matched by the
    pattern's case-sensitive twin — the same matches (for ASCII text, ignoring case is
    lower-casing); other texts use the pattern itself."""
    texts = texts if isinstance(texts, (list, tuple)) else list(texts)
    twin = _ascii_twin(pattern) if len(texts) >= TWIN_FROM else None
    if twin is None:
        return np.fromiter((len(pattern.findall(t)) for t in texts), dtype=np.int64)
    return np.fromiter((len(twin.findall(t.lower())) if t.isascii() else len(pattern.findall(t))
                        for t in texts), dtype=np.int64)


# -- validation -------------------------------------------------------------------------

def _where(source: str) -> str:
    return f" in {source}" if source else ""


def _need(mapping: Mapping, keys: Iterable[str], what: str, source: str) -> None:
    if not isinstance(mapping, Mapping):
        raise StancemapError(f"{what}{_where(source)} must be a mapping of keys to values, "
                             f"got {type(mapping).__name__}. {_FIX}")
    missing = [k for k in keys if k not in mapping or mapping[k] is None or mapping[k] == ""]
    if missing:
        have = [str(k) for k in mapping]
        hints = "".join(did_you_mean(m, have) for m in missing)
        raise StancemapError(f"{what}{_where(source)} is missing key(s) {', '.join(map(repr, missing))}. "
                             f"Keys present: {', '.join(have) or '(none)'}.{hints} {_FIX}")


def _strings(value, what: str, source: str, *, required: bool) -> tuple[str, ...]:
    if value is None and not required:
        return ()
    if isinstance(value, str) or not isinstance(value, Iterable):
        raise StancemapError(f"{what}{_where(source)} must be a list of strings, got {value!r}. {_FIX}")
    out = tuple(str(v).strip() for v in value)
    if any(not v for v in out):
        raise StancemapError(f"{what}{_where(source)} contains an empty entry. {_FIX}")
    if required and not out:
        raise StancemapError(f"{what}{_where(source)} is empty; give at least one. {_FIX}")
    return out


def _check_key(key, what: str, source: str) -> str:
    if not isinstance(key, str) or not _KEY.match(key):
        raise StancemapError(f"{what} key {key!r}{_where(source)} is not a valid name: use lower-case letters, "
                             "digits and underscores, starting with a letter (it becomes a column name, "
                             f"e.g. 'frame_diplomacy'). {_FIX}")
    return key


def _check_cues(cues: tuple[str, ...], what: str, source: str) -> tuple[str, ...]:
    for cue in cues:
        for word in cue.split():
            if "*" in word[:-1] or word == "*":
                raise StancemapError(f"Cue {cue!r} of {what}{_where(source)} has '*' inside a word; '*' may only "
                                     f"end a word (e.g. 'negotiat*'). {_FIX}")
    return cues


def codebook_from_dict(data: Mapping, source: str = "") -> Codebook:
    """Validate a parsed codebook mapping and build a :class:`Codebook`.

    Unknown keys (``cue:`` for ``cues:``) and wrong types are errors
    (:data:`stancemap.configcheck.CODEBOOK`)."""
    _need(data, ["name", "version", "frames", "stance"], "The codebook", source)
    if isinstance(data.get("frames"), Mapping) and data["frames"] and isinstance(data.get("stance"), Mapping):
        configcheck.check_data(data, configcheck.CODEBOOK, source or "<dict>")
    frames_raw = data["frames"]
    if not isinstance(frames_raw, Mapping) or not frames_raw:
        raise StancemapError(f"The codebook{_where(source)} has no frames: 'frames' must map at least one "
                             f"frame key to its label, definition and cues. {_FIX}")
    frames = {}
    for key, spec in frames_raw.items():
        _check_key(key, "Frame", source)
        what = f"Frame {key!r}"
        _need(spec, ["label", "definition", "cues"], what, source)
        frames[key] = Frame(label=str(spec["label"]), definition=str(spec["definition"]).strip(),
                            rules=_strings(spec.get("rules"), f"The rules of {what}", source, required=False),
                            cues=_check_cues(_strings(spec["cues"], f"The cues of {what}", source, required=True),
                                             what, source))
    stance = data["stance"]
    _need(stance, ["labels", "targets"], "The codebook's 'stance' section", source)
    labels = _strings(stance["labels"], "stance.labels", source, required=True)
    if len(labels) < 2 or len(set(labels)) != len(labels):
        raise StancemapError(f"stance.labels{_where(source)} must list at least two distinct labels "
                             f"(e.g. [favor, against, none]), got {list(labels)}. {_FIX}")
    targets_raw = stance["targets"]
    if not isinstance(targets_raw, Mapping) or not targets_raw:
        raise StancemapError(f"The codebook{_where(source)} has no stance targets: 'stance.targets' must map at "
                             f"least one target key to its label, definition, favor, against and cues. {_FIX}")
    targets = {}
    for key, spec in targets_raw.items():
        _check_key(key, "Stance target", source)
        what = f"Stance target {key!r}"
        _need(spec, ["label", "definition", "favor", "against", "cues"], what, source)
        targets[key] = Target(label=str(spec["label"]), definition=str(spec["definition"]).strip(),
                              favor=str(spec["favor"]).strip(), against=str(spec["against"]).strip(),
                              rules=_strings(spec.get("rules"), f"The rules of {what}", source, required=False),
                              cues=_check_cues(_strings(spec["cues"], f"The cues of {what}", source,
                                                        required=True), what, source))
    topics = _topics(data.get("topics"), targets, source)
    return Codebook(name=str(data["name"]), version=str(data["version"]),
                    frames=MappingProxyType(frames), targets=MappingProxyType(targets), labels=labels,
                    description=str(data.get("description") or "").strip(),
                    references=_strings(data.get("references"), "references", source, required=False),
                    rules=_strings(data.get("rules"), "rules", source, required=False),
                    stance_rules=_strings(stance.get("rules"), "stance.rules", source, required=False),
                    source=source, topics=MappingProxyType(topics))


def _topics(raw, targets: Mapping[str, Target], source: str) -> dict[str, Topic]:
    """The ``topics:`` section: key → label, definition, cues, optional rules and targets."""
    if raw is None:
        return {}
    if not isinstance(raw, Mapping) or not raw:
        raise StancemapError(f"'topics'{_where(source)} must map at least one topic key to its label, definition "
                             f"and cues (e.g. war: {{label: The war, definition: ..., cues: [invasion]}}), "
                             f"got {raw!r}. {_FIX}")
    topics = {}
    for key, spec in raw.items():
        _check_key(key, "Topic", source)
        what = f"Topic {key!r}"
        _need(spec, ["label", "definition", "cues"], what, source)
        linked = _strings(spec.get("targets"), f"The targets of {what}", source, required=False)
        for t in linked:
            if t not in targets:
                raise StancemapError(f"{what}{_where(source)} names stance target {t!r}, which the codebook does "
                                     f"not define. Valid targets: {', '.join(targets)}.{did_you_mean(t, targets)} "
                                     f"Fix the topic's 'targets:' list. {_FIX}")
        topics[key] = Topic(label=str(spec["label"]), definition=str(spec["definition"]).strip(),
                            rules=_strings(spec.get("rules"), f"The rules of {what}", source, required=False),
                            cues=_check_cues(_strings(spec["cues"], f"The cues of {what}", source, required=True),
                                             what, source),
                            targets=linked)
    return topics


#: Codebooks read so far, by path and file bytes (a Codebook is immutable: one parse per content).
_LOADED: dict[tuple[str, bytes], Codebook] = {}


def load_codebook(path: str | Path | None = None) -> Codebook:
    """Read and validate a codebook YAML file (``None`` → the bundled ``corpora/codebook.yaml``).
    A file read before with the same bytes gives the same (immutable) Codebook, not parsed again."""
    path = Path(path) if path is not None else bundled("codebook.yaml")
    if not path.is_file():
        raise StancemapError(f"Codebook file {str(path)!r} not found. Pass the path of a codebook YAML file, "
                             "or no path for the bundled corpora/codebook.yaml.")
    key = (str(path), path.read_bytes())
    if key not in _LOADED:
        if len(_LOADED) >= 32:
            _LOADED.clear()
        _LOADED[key] = _parse_codebook(path)
    return _LOADED[key]


def _parse_codebook(path: Path) -> Codebook:
    node = configcheck.compose(path, "Codebook file")
    if isinstance(node, yaml.MappingNode):
        configcheck.raise_first(configcheck.check_node(node, configcheck.CODEBOOK, str(path)), str(path))
    data = configcheck.construct(node)
    if not isinstance(data, Mapping):
        raise StancemapError(f"Codebook file {str(path)!r} must contain a mapping with name, version, frames "
                             f"and stance; it contains {type(data).__name__}. {_FIX}")
    return codebook_from_dict(data, source=str(path))


# -- training data ----------------------------------------------------------------------

def _as_paths(paths) -> list[Path]:
    if paths is None:
        folder = bundled("training")
        found = sorted(folder.glob("*.csv")) if folder.is_dir() else []
        if not found:
            raise StancemapError(f"No training files (*.csv) found in {str(folder)!r}.")
        return found
    if isinstance(paths, (str, Path)):
        paths = [paths]
    out = []
    for p in map(Path, paths):
        if p.is_dir():
            out.extend(sorted(p.glob("*.csv")))
        elif p.is_file():
            out.append(p)
        else:
            raise StancemapError(f"Training file {str(p)!r} not found. Pass CSV files or folders that hold them.")
    if not out:
        raise StancemapError("No training CSV files given.")
    return out


def _bad_label(path: Path, line: int, example_id: str, column: str, value: str, valid) -> StancemapError:
    valid = list(valid)
    return StancemapError(
        f"{path.name}, row {line} (example_id {example_id!r}), column {column!r}: label {value!r} is not in "
        f"the codebook. Valid: {', '.join(valid)}.{did_you_mean(value, valid)} Fix the label in {path} or "
        "add it to the codebook.")


def load_training(paths=None, codebook: Codebook | None = None) -> pd.DataFrame:
    """Read labelled examples, check every label against the codebook, concatenate.

    ``paths``: CSV files or folders (``None`` → ``corpora/training/*.csv``,
    sorted). Each file needs ``example_id, text, origin, frames`` (``;``-joined
    frame keys, may be empty) and ``stance_<target>`` for every target;
    ``register`` and ``note`` are optional. Returns one row per example with
    ``example_id, text, origin, register, frames`` (frames re-joined in codebook
    order), ``frame_<key>`` (0/1), ``stance_<target>``, ``note`` and ``source``
    (the file name).
    """
    codebook = codebook or load_codebook()
    frame_set, label_set = set(codebook.frames), set(codebook.labels)
    tables = []
    for path in _as_paths(paths):
        try:
            raw = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8")
        except (pd.errors.ParserError, UnicodeDecodeError) as exc:
            raise StancemapError(f"Cannot read training file {str(path)!r} as UTF-8 CSV: {exc}") from None
        required = ["example_id", "text", "origin", "frames", *codebook.stance_columns]
        missing = [c for c in required if c not in raw.columns]
        if missing:
            have = list(map(str, raw.columns))
            raise StancemapError(
                f"Training file {path.name} is missing column(s) {', '.join(map(repr, missing))}. Columns are: "
                f"{', '.join(have)}.{''.join(did_you_mean(m, have) for m in missing)} Every file needs "
                f"{', '.join(required)}.")
        df = raw.copy()
        for col in ("register", "note"):
            if col not in df.columns:
                df[col] = ""
        frames_out = []
        for i, (eid, text, origin, frames) in enumerate(zip(df["example_id"], df["text"], df["origin"],
                                                            df["frames"])):
            line = i + 2  # header is line 1
            if not eid.strip():
                raise StancemapError(f"{path.name}, row {line}: empty example_id. Give every example an id.")
            if not text.strip():
                raise StancemapError(f"{path.name}, row {line} (example_id {eid!r}): empty text.")
            if origin not in ORIGINS:
                raise StancemapError(
                    f"{path.name}, row {line} (example_id {eid!r}): origin {origin!r} is not known. Valid: "
                    f"{', '.join(ORIGINS)}.{did_you_mean(origin, ORIGINS)} Constructed examples must say "
                    "'constructed'; seed-article gold labels are a held-out test set, not training data.")
            keys = [k.strip() for k in frames.split(";") if k.strip()]
            for k in keys:
                if k not in frame_set:
                    raise _bad_label(path, line, eid, "frames", k, codebook.frames)
            frames_out.append(";".join(k for k in codebook.frames if k in keys))
        for col in codebook.stance_columns:
            bad = ~df[col].isin(label_set)
            if bad.any():
                i = int(bad.to_numpy().argmax())
                raise _bad_label(path, i + 2, df["example_id"].iloc[i], col, df[col].iloc[i], codebook.labels)
        df["frames"] = frames_out
        for key in codebook.frames:
            df[f"frame_{key}"] = [int(key in f.split(";")) for f in frames_out]
        df["source"] = path.name
        tables.append(df)
    columns = ["example_id", "text", "origin", "register", "frames", *codebook.frame_columns,
               *codebook.stance_columns, "note", "source"]
    out = pd.concat([t[columns] for t in tables], ignore_index=True)
    dup = out["example_id"].duplicated(keep=False)
    if dup.any():
        first = out.loc[dup, ["example_id", "source"]].drop_duplicates().head(6)
        listing = ", ".join(f"{e} ({s})" for e, s in first.itertuples(index=False))
        raise StancemapError(f"Duplicate example_id(s) across training files: {listing}. Ids must be unique; "
                             "give each file its own prefix (e.g. s0001, f0001).")
    dup_text = out["text"].str.strip().str.lower().duplicated()
    if dup_text.any():
        warnings.warn(f"{int(dup_text.sum())} of {len(out)} training examples repeat the text of an earlier "
                      "example; kept (they weigh double in training).", LossyStepWarning, stacklevel=2)
    return out


def label_counts(df: pd.DataFrame, codebook: Codebook | None = None) -> pd.DataFrame:
    """Tidy counts of labels: ``kind`` ("frame"/"stance"), ``key``, ``label``, ``n``.

    Frames count the examples carrying the frame (``label = "present"``);
    stance targets count each label of the codebook, zeros included, in
    codebook order.
    """
    codebook = codebook or load_codebook()
    rows = []
    for key in codebook.frames:
        col = f"frame_{key}"
        if col in df.columns:
            n = int(pd.to_numeric(df[col]).fillna(0).astype(bool).sum())
        elif "frames" in df.columns:
            n = int(df["frames"].fillna("").map(lambda s: key in str(s).split(";")).sum())
        else:
            raise StancemapError(f"The table has neither a {col!r} nor a 'frames' column. "
                                 "Load it with stancemap.codebook.load_training().")
        rows.append(("frame", key, "present", n))
    for key, col in zip(codebook.targets, codebook.stance_columns):
        if col not in df.columns:
            raise unknown_value("Column", col, list(map(str, df.columns)),
                                "Every stance target of the codebook needs its column.")
        counts = df[col].value_counts()
        rows.extend(("stance", key, label, int(counts.get(label, 0))) for label in codebook.labels)
    return pd.DataFrame(rows, columns=["kind", "key", "label", "n"])


__all__ = ["ORIGINS", "Codebook", "Frame", "Target", "Topic", "codebook_from_dict", "compile_cues", "cue_trie",
           "label_counts",
           "load_codebook", "load_training"]
