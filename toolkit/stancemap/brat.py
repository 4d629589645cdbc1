"""Read brat standoff attribution annotations into tidy gold tables.

The format is the one of PolNeAR, the Political News Attribution Relations
corpus (Newell, Margolin & Ruths, "An attribution relations corpus for
political news", LREC 2018), annotated with brat (Stenetorp et al., EACL 2012)::

    DIR/<split>/text/<name>.txt                  article text
    DIR/<split>/attributions/<name>_<4 hex>.ann  one file per annotator

An ``.ann`` file holds text-bound annotations and events::

    T1<TAB>Source 0 9<TAB>Ada Quill
    T2<TAB>Content 15 40;52 70<TAB>covered text of both fragments
    E1<TAB>Attribution:T4 Content:T2 Cue:T3 Source:T1

Offsets are character offsets into the ``.txt`` exactly as stored (line ends
kept, no BOM stripped); a span may be discontinuous (``start end;start end``).
Other brat lines (``#`` notes, ``A``/``M`` attributes, ``R`` relations, ``N``
normalisations, ``*`` equivalences) and blank lines are ignored.

:func:`read_ann` turns one file into one row per attribution;
:func:`read_attribution_corpus` reads a whole split into a documents table and a
gold table. :func:`offset_map` maps spans between two versions of a text (e.g.
cleaned → raw), for scoring an extractor that works on cleaned text.
"""
from __future__ import annotations

import re
import warnings
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from pathlib import Path

import pandas as pd

from .errors import LossyStepWarning, StancemapError, unknown_value
from .schema import DOCUMENT_COLUMNS

#: Text-bound annotation types of an attribution relation.
ROLES = ("Source", "Cue", "Content")
#: Event (trigger) types: an attribution with or without an explicit source.
ATTRIBUTION_TYPES = ("Attribution", "Attribution-no-source")
SPAN_TYPES = (*ROLES, *ATTRIBUTION_TYPES)

#: Columns of the gold table, in this order. ``char_start``/``char_end`` are the
#: hull of the content fragments (so the table works with
#: :func:`stancemap.span_matching.match_spans`); ``*_spans`` keep every fragment as
#: brat writes them ("start end;start end"); missing roles give <NA> / "".
GOLD_COLUMNS = [
    "doc_id", "annotator", "ann_file", "attribution_id", "type", "has_source",
    "char_start", "char_end", "content_spans", "content_text",
    "cue_start", "cue_end", "cue_spans", "cue_text",
    "source_start", "source_end", "source_spans", "source_text",
]

_ANN_NAME = re.compile(r"^(?P<name>.+)_(?P<annotator>[0-9A-Fa-f]{4})$")
_IGNORED_PREFIXES = ("#", "A", "M", "R", "N", "*")

Span = tuple[int, int]


@dataclass(frozen=True)
class TextBound:
    """A ``T`` line: a typed, possibly discontinuous span."""

    id: str
    type: str
    spans: tuple[Span, ...]
    text: str
    line: int


@dataclass(frozen=True)
class Event:
    """An ``E`` line: a trigger and its role arguments (role → text-bound ids)."""

    id: str
    type: str
    trigger: str
    args: dict[str, tuple[str, ...]] = field(default_factory=dict)
    line: int = 0


@dataclass(frozen=True)
class BratAnnotation:
    """The parsed content of one ``.ann`` file."""

    source: str
    textbounds: dict[str, TextBound]
    events: dict[str, Event]


def parse_spans(spec: str, where: str = "<spans>") -> tuple[Span, ...]:
    """``"3 9;12 20"`` → ((3, 9), (12, 20)); raise a StancemapError naming ``where`` if malformed."""
    out = []
    for part in spec.split(";"):
        bits = part.split()
        if len(bits) != 2 or not all(b.isdigit() for b in bits):
            raise StancemapError(f"{where}: span {part.strip()!r} is not 'START END' with two whole numbers "
                                 f"(discontinuous spans are 'START END;START END').")
        s, e = int(bits[0]), int(bits[1])
        if s > e:
            raise StancemapError(f"{where}: span {part.strip()!r} starts after it ends.")
        out.append((s, e))
    return tuple(sorted(out))


def format_spans(spans) -> str:
    """((3, 9), (12, 20)) → ``"3 9;12 20"`` (the brat notation)."""
    return ";".join(f"{s} {e}" for s, e in spans)


def parse_ann(text: str, source: str = "<string>") -> BratAnnotation:
    """Parse the text of a brat ``.ann`` file.

    ``T`` and ``E`` lines are checked strictly; a malformed one raises a
    StancemapError naming ``source`` and the line number. Roles in an ``E`` line
    may come in any order; a repeated role is numbered by brat (``Content2``)
    and is merged into ``Content``.
    """
    tbs: dict[str, TextBound] = {}
    events: dict[str, Event] = {}
    for n, raw in enumerate(text.split("\n"), start=1):
        line = raw.rstrip("\r")
        if not line.strip():
            continue
        where = f"{source}, line {n}"
        head = line[0]
        ident = line.split("\t", 1)[0]
        if head in "TE" and (ident in tbs or ident in events):
            first = (tbs.get(ident) or events.get(ident)).line
            raise StancemapError(f"{where}: {ident} is defined twice (also on line {first}). Give it a new id.")
        if head == "T":
            parts = line.split("\t", 2)
            if len(parts) < 2 or not re.fullmatch(r"T\d+", parts[0]):
                raise StancemapError(f"{where}: expected 'T<n><TAB><Type> <start> <end><TAB><text>', got {line!r}. "
                                     "Fix or remove the line.")
            type_, _, spec = parts[1].strip().partition(" ")
            if not type_ or not spec.strip():
                raise StancemapError(f"{where}: text-bound annotation {parts[0]} has no type or no span: {line!r}.")
            tbs[parts[0]] = TextBound(parts[0], type_, parse_spans(spec, where), parts[2] if len(parts) > 2 else "", n)
        elif head == "E":
            parts = line.split("\t")
            if len(parts) < 2 or not re.fullmatch(r"E\d+", parts[0]):
                raise StancemapError(f"{where}: expected 'E<n><TAB><Type>:T<a> <Role>:T<b> …', got {line!r}. "
                                     "Fix or remove the line.")
            items = parts[1].split()
            if not items or any(item.count(":") != 1 for item in items):
                raise StancemapError(f"{where}: every argument of event {parts[0]} must be 'Role:ID', got {parts[1]!r}.")
            # brat writes the trigger first; tolerate it anywhere (the one item whose role is not a ROLE)
            first = next((k for k, item in enumerate(items) if re.sub(r"\d+$", "", item.split(":")[0]) not in ROLES),
                         None)
            if first is None:
                raise StancemapError(f"{where}: event {parts[0]} has no trigger (e.g. 'Attribution:T4'), only "
                                     f"roles: {parts[1]!r}.")
            type_, trigger = items[first].split(":")
            args: dict[str, list[str]] = {}
            for item in items[:first] + items[first + 1:]:
                role, ref = item.split(":")
                role = re.sub(r"\d+$", "", role)
                if not role or not ref:
                    raise StancemapError(f"{where}: event argument {item!r} must be 'Role:ID'.")
                args.setdefault(role, []).append(ref)
            events[parts[0]] = Event(parts[0], type_, trigger, {k: tuple(v) for k, v in args.items()}, n)
        elif head in _IGNORED_PREFIXES:
            continue
        else:
            raise StancemapError(f"{where}: not a brat standoff line (ids start with T, E, R, A, M, N, # or *): "
                                 f"{line!r}. Fix or remove the line.")
    for ev in events.values():
        for role, refs in [("trigger", (ev.trigger,)), *ev.args.items()]:
            for ref in refs:
                if ref not in tbs:
                    raise StancemapError(f"{source}, line {ev.line}: event {ev.id} refers to {ref} ({role}), "
                                         f"which is not a T line of this file.")
    return BratAnnotation(source, tbs, events)


def _role(ann: BratAnnotation, ev: Event, role: str) -> tuple[tuple[Span, ...], str]:
    spans: list[Span] = []
    texts: list[str] = []
    for ref in ev.args.get(role, ()):
        tb = ann.textbounds[ref]
        spans.extend(tb.spans)
        texts.append(tb.text)
    return tuple(sorted(spans)), " ".join(texts)


def attributions(ann: BratAnnotation, *, doc_id: str = "", annotator: str = "", text: str | None = None) -> pd.DataFrame:
    """One row per attribution event of a parsed file (columns :data:`GOLD_COLUMNS`).

    Events whose trigger is not an attribution type are ignored. An attribution
    without a Content argument cannot be scored: it is dropped with a warning
    that counts them. With ``text``, covered texts are checked against it and
    mismatches (offsets that do not fit the text) are counted in a warning.
    """
    rows = []
    no_content = 0
    for ev in sorted(ann.events.values(), key=lambda e: int(e.id[1:])):
        type_ = ann.textbounds[ev.trigger].type if ev.trigger in ann.textbounds else ev.type
        if ev.type not in ATTRIBUTION_TYPES and type_ not in ATTRIBUTION_TYPES:
            continue
        content, content_text = _role(ann, ev, "Content")
        if not content:
            no_content += 1
            continue
        cue, cue_text = _role(ann, ev, "Cue")
        src, src_text = _role(ann, ev, "Source")
        rows.append({
            "doc_id": doc_id, "annotator": annotator, "ann_file": ann.source, "attribution_id": ev.id,
            "type": ev.type, "has_source": bool(src),
            "char_start": content[0][0], "char_end": max(e for _, e in content),
            "content_spans": format_spans(content), "content_text": content_text,
            "cue_start": cue[0][0] if cue else None, "cue_end": max(e for _, e in cue) if cue else None,
            "cue_spans": format_spans(cue), "cue_text": cue_text,
            "source_start": src[0][0] if src else None, "source_end": max(e for _, e in src) if src else None,
            "source_spans": format_spans(src), "source_text": src_text,
        })
    if no_content:
        warnings.warn(f"{ann.source}: {no_content} attribution(s) have no Content argument and cannot be scored; "
                      "left out of the gold table.", LossyStepWarning, stacklevel=2)
    out = pd.DataFrame(rows, columns=GOLD_COLUMNS)
    out = out.astype({"char_start": "int64", "char_end": "int64", "has_source": "bool",
                      "cue_start": "Int64", "cue_end": "Int64", "source_start": "Int64", "source_end": "Int64"})
    if text is not None:
        _check_covered_text(ann, text)
    return out


def _check_covered_text(ann: BratAnnotation, text: str) -> None:
    bad = []
    for tb in ann.textbounds.values():
        if any(e > len(text) for _, e in tb.spans):
            bad.append(f"{tb.id} (line {tb.line}) ends after the text ({len(text)} characters)")
            continue
        covered = " ".join(text[s:e] for s, e in tb.spans)
        if tb.text and _squash(covered) != _squash(tb.text):
            bad.append(f"{tb.id} (line {tb.line}) covers {covered[:40]!r}, file says {tb.text[:40]!r}")
    if bad:
        warnings.warn(f"{ann.source}: {len(bad)} of {len(ann.textbounds)} span(s) do not match the text "
                      f"(wrong text file, or it was re-encoded / its line ends changed?), e.g. {bad[0]}.", LossyStepWarning, stacklevel=3)


def _squash(s: str) -> str:
    return re.sub(r"\s+", " ", s).strip()


def read_text(path: str | Path) -> str:
    """Read a text file exactly as brat counts characters: UTF-8, line ends kept (``\\r\\n`` stays two characters)."""
    path = Path(path)
    try:
        with open(path, encoding="utf-8", newline="") as f:
            return f.read()
    except UnicodeDecodeError as e:
        raise StancemapError(f"{path}: not UTF-8 ({e.reason} at byte {e.start}). brat offsets count characters of "
                             "the UTF-8 text; convert the file to UTF-8 without changing its characters.") from None


def read_ann(path: str | Path, *, text: str | None = None, doc_id: str | None = None,
             annotator: str | None = None) -> pd.DataFrame:
    """Read one ``.ann`` file into the gold table (one row per attribution).

    ``doc_id`` and ``annotator`` default to the file name split as
    ``<name>_<4 hex>.ann``; pass ``text`` to check covered texts against it.
    """
    path = Path(path)
    if not path.is_file():
        raise StancemapError(f"Annotation file {str(path)!r} does not exist.")
    name, ann_id = split_ann_name(path)
    content = path.read_text(encoding="utf-8-sig", errors="strict")
    ann = parse_ann(content, str(path))
    return attributions(ann, doc_id=name if doc_id is None else doc_id,
                        annotator=ann_id if annotator is None else annotator, text=text)


def split_ann_name(path: str | Path) -> tuple[str, str]:
    """``"article_ab12.ann"`` → ("article", "ab12"); a name without the suffix → (stem, "")."""
    stem = Path(path).stem
    m = _ANN_NAME.match(stem)
    return (m["name"], m["annotator"].lower()) if m else (stem, "")


def read_attribution_corpus(directory: str | Path, split: str | None = None, *,
                            limit: int | None = None) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Read a PolNeAR-style split: ``(documents, gold)``.

    ``directory`` is the corpus folder (with ``split``) or the split folder
    itself (``split=None``). Documents are the ``text/*.txt`` files in name
    order (the first ``limit`` of them); their ``text`` and ``raw_text`` are the
    file as stored, so gold offsets refer to both. The documents table has
    :data:`stancemap.schema.DOCUMENT_COLUMNS` plus ``annotators`` (";"-joined
    ids, "" when no file annotates the text). Annotation files whose text is
    missing are reported in a warning and skipped.
    """
    base = Path(directory)
    root = base / split if split else base
    if not base.is_dir():
        raise StancemapError(f"Corpus folder {str(base)!r} does not exist. Pass the folder that holds the "
                             "train/dev/test splits (PolNeAR: its data/ folder).")
    if not root.is_dir():
        splits = sorted(p.name for p in base.iterdir() if p.is_dir() and (p / "text").is_dir())
        raise unknown_value(f"Split folder {str(root)!r} does not exist; split", split, splits,
                            "Each split needs text/ and attributions/ subfolders.")
    text_dir, ann_dir = root / "text", root / "attributions"
    for d in (text_dir, ann_dir):
        if not d.is_dir():
            raise StancemapError(f"{str(d)!r} does not exist. A split folder holds text/<name>.txt and "
                                 "attributions/<name>_<annotator>.ann (the PolNeAR layout).")
    texts = sorted(text_dir.glob("*.txt"))
    if limit is not None:
        if limit < 0:
            raise StancemapError(f"limit must be 0 or more, got {limit}.")
        texts = texts[:limit]
    by_name = {p.stem: p for p in texts}
    all_names = {p.stem for p in text_dir.glob("*.txt")}
    anns: dict[str, list[tuple[str, Path]]] = {}
    orphans = []
    for p in sorted(ann_dir.glob("*.ann")):
        name, ann_id = split_ann_name(p)
        if name not in all_names and p.stem in all_names:  # "<name>.ann" for a text whose name ends in _xxxx
            name, ann_id = p.stem, ""
        if name not in all_names:
            orphans.append(p.name)
        elif name in by_name:
            anns.setdefault(name, []).append((ann_id, p))
    if orphans:
        warnings.warn(f"{len(orphans)} annotation file(s) in {ann_dir} have no text in {text_dir} and were "
                      f"skipped, e.g. {orphans[0]}.", LossyStepWarning, stacklevel=2)
    docs, gold = [], []
    for name, p in by_name.items():
        raw = read_text(p)
        ids = [a for a, _ in anns.get(name, [])]
        row = dict.fromkeys(DOCUMENT_COLUMNS, "")
        row.update(doc_id=name, path=str(p), text=raw, raw_text=raw, doc_kind="article",
                   provenance=f"brat attribution corpus, split {root.name}", annotators=";".join(ids))
        docs.append(row)
        for ann_id, ap in anns.get(name, []):
            gold.append(read_ann(ap, text=raw, doc_id=name, annotator=ann_id))
    documents = pd.DataFrame(docs, columns=[*DOCUMENT_COLUMNS, "annotators"])
    frames = [g for g in gold if len(g)]
    gold_table = (pd.concat(frames, ignore_index=True) if frames
                  else attributions(BratAnnotation("<none>", {}, {})))
    return documents, gold_table.reset_index(drop=True)


# -- mapping offsets between two versions of a text ---------------------------

_FOLD = str.maketrans({
    "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u2033": '"', "\u00ab": '"', "\u00bb": '"',
    "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'", "`": "'",
    "\u2013": "-", "\u2014": "-", "\u2012": "-", "\u2015": "-", "\u2212": "-", "\u2010": "-", "\u2011": "-",
})


#: Zero-width and direction marks, soft hyphen, BOM: cleaning removes them.
_INVISIBLE = frozenset("\u200b\u200c\u200d\u200e\u200f\u2060\u2061\u2062\u2063\u2064\ufeff\u00ad"
                       "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


def _compress(s: str) -> tuple[str, list[int]]:
    """Folded non-space characters of ``s`` (a run of dashes counts once) and their positions."""
    folded = s.translate(_FOLD)
    chars, pos = [], []
    for i, c in enumerate(folded):
        if c.isspace() or c in _INVISIBLE or (c == "-" and chars and chars[-1] == "-"):
            continue
        chars.append(c)
        pos.append(i)
    return "".join(chars), pos


def offset_map(source: str, target: str) -> "OffsetMap":
    """Align two versions of a text (e.g. cleaned → raw) and return an :class:`OffsetMap`.

    The texts may differ in whitespace, quote and dash characters (folded to one
    form; "--" and "—" are the same dash) and in deleted or inserted passages (boilerplate). Their non-space
    characters are aligned greedily; where they stop matching, a one-character
    insertion, deletion or substitution is tried first, then a
    :class:`difflib.SequenceMatcher` on the next few hundred characters finds
    where they agree again (on a common run of at least 8 characters). Linear in
    practice; identical texts cost one comparison.
    """
    a, apos = _compress(source)
    b, bpos = _compress(target)
    if a == b:
        match = list(range(len(a)))
    else:
        match = [-1] * len(a)  # compressed source index -> compressed target index
        i = j = 0
        while i < len(a) and j < len(b):
            if a[i] == b[j]:
                match[i] = j
                i += 1
                j += 1
                continue
            i, j = _resync(a, b, i, j, match, apos, bpos)
    return OffsetMap(len(source), len(target), [bpos[m] if m >= 0 else -1 for m in match], apos)


_WINDOW, _ANCHOR = 400, 8


def _word_starts(pos: list[int], start: int, end: int) -> list[int]:
    """Where the words of a compressed text's ``[start, end)`` begin (``start`` counts as one): a
    character whose original position does not follow its predecessor's starts a word."""
    return [start] + [k for k in range(start + 1, end) if pos[k] != pos[k - 1] + 1]


def _align_words(a: str, b: str, i: int, ea: int, j: int, eb: int, apos: list[int],
                 bpos: list[int]) -> list[tuple[int, int, int]] | None:
    """``a[i:ea]`` word by word among the whole words of ``b[j:eb]``, from the end backwards, each
    taking the latest place that fits (what the target has more, say a dropped "Advertisement"
    line, then lies where the texts stopped matching): ``[(source start, source end, target
    start)]``, or None when a word is not there. Matching blocks of characters can cross words
    ("a aa" in the source taking the target's "aa"); whole words cannot."""
    wa = _word_starts(apos, i, ea) + [ea]
    wb = _word_starts(bpos, j, eb) + [eb]
    out, k = [], len(wb) - 2
    for s, e in reversed(list(zip(wa, wa[1:]))):
        while k >= 0 and not (wb[k + 1] - wb[k] == e - s and b[wb[k]:wb[k + 1]] == a[s:e]):
            k -= 1
        if k < 0:
            return None
        out.append((s, e, wb[k]))
        k -= 1
    return out


def _resync(a: str, b: str, i: int, j: int, match: list[int], apos: list[int],
            bpos: list[int]) -> tuple[int, int]:
    """Align a[i:] and b[j:] after a mismatch; fill ``match`` for what is aligned; return where to go on."""
    if a[i:i + 3] == b[j + 1:j + 4]:      # one extra character in the target ("--" → "—")
        return i, j + 1
    if a[i + 1:i + 4] == b[j:j + 3]:      # one extra character in the source
        return i + 1, j
    if a[i + 1:i + 4] == b[j + 1:j + 4]:  # one substituted character
        match[i] = j
        return i + 1, j + 1
    wa, wb = a[i:i + _WINDOW], b[j:j + _WINDOW]
    blocks = [blk for blk in SequenceMatcher(None, wa, wb, autojunk=False).get_matching_blocks() if blk.size]
    at_end = i + len(wa) == len(a) and j + len(wb) == len(b)
    anchors = [k for k, blk in enumerate(blocks) if blk.size >= _ANCHOR]
    if anchors or (at_end and blocks):
        last = anchors[-1] if anchors and not at_end else len(blocks) - 1
        blk = blocks[last]
        ea, eb = (len(a), len(b)) if at_end else (i + blk.a + blk.size, j + blk.b + blk.size)
        words = _align_words(a, b, i, ea, j, eb, apos, bpos)
        if words is not None:
            for s, e, t in words:
                match[s:e] = range(t, t + e - s)
            return ea, eb
        for blk in blocks[:last + 1]:
            for d in range(blk.size):
                match[i + blk.a + d] = j + blk.b + d
        return i + blk.a + blk.size, j + blk.b + blk.size
    k = b.find(a[i:i + _ANCHOR], j)   # a long passage only the target has
    if k >= 0:
        return i, k
    k = a.find(b[j:j + _ANCHOR], i)   # a long passage only the source has
    if k >= 0:
        return k, j
    match[i] = j                      # a substituted character
    return i + 1, j + 1


class OffsetMap:
    """Maps character spans of one text version to another (see :func:`offset_map`)."""

    def __init__(self, n_source: int, n_target: int, mapped: list[int], positions: list[int]):
        self.n_source, self.n_target = n_source, n_target
        # For every source position: target position of the first mapped non-space char at/after it,
        # and (for span ends) one past the target position of the last mapped char before it.
        start = [n_target] * (n_source + 1)
        end = [0] * (n_source + 1)
        at = dict(zip(positions, mapped))
        nxt = n_target
        for p in range(n_source - 1, -1, -1):
            t = at.get(p, -1)
            if t >= 0:
                nxt = t
            start[p] = nxt
        prev = 0
        for p in range(n_source + 1):
            end[p] = prev
            t = at.get(p, -1)
            if t >= 0:
                prev = t + 1
        self._start, self._end = start, end

    def span(self, start: int, end: int) -> Span:
        """Target span of source span ``[start, end)``; an unmappable span becomes empty."""
        start = min(max(int(start), 0), self.n_source)
        end = min(max(int(end), start), self.n_source)
        s, e = self._start[start], self._end[end]
        return (s, e) if e > s else (s, s)
