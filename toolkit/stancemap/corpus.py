"""Load documents (articles, press releases, speeches) into the documents table.

``load`` reads plain text and Markdown (with optional YAML front matter or a
``<stem>.meta.yaml`` sidecar), HTML (main text and metadata by trafilatura,
Barbaresi 2021, offline), tables (CSV/TSV, JSON lines, JSON, Parquet: one row
per document) and folders of these. Every document is cleaned with
:func:`stancemap.clean.clean_text`; ``raw_text`` keeps the text as read.

>>> docs = load_bundled()                       # doctest: +SKIP
>>> docs[["doc_id", "title", "dateline"]]       # doctest: +SKIP
"""
from __future__ import annotations

import datetime as _dt
import fnmatch
import io
import json
import re
import warnings
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd
import yaml

from .clean import clean_text, describe_repairs, detect_dateline, front_matter
from .errors import LossyStepWarning, StancemapError, StancemapWarning, did_you_mean, unknown_value
from .interface import ANY, current, option
from .paths import corpora_dir
from .schema import DOCUMENT_COLUMNS, text_value

__all__ = ["DEFAULT_EXCLUDE", "DOC_KINDS", "SUPPORTED_EXTENSIONS", "load", "load_bundled", "read_metadata"]

DOC_KINDS = ("article", "official")

#: File types ``load`` reads, by extension.
SUPPORTED_EXTENSIONS: dict[str, str] = {
    ".txt": "text", ".md": "text", ".markdown": "text",
    ".html": "html", ".htm": "html",
    ".csv": "table", ".tsv": "table", ".jsonl": "table", ".ndjson": "table", ".json": "table",
    ".parquet": "table",
}

#: Skipped when scanning a folder (matched against every part of the path
#: below the folder): gold labels and documentation are not documents. Hidden
#: files and ``*.meta.yaml`` sidecars are always skipped. Name a file directly
#: to load it anyway.
DEFAULT_EXCLUDE: tuple[str, ...] = ("annotations", "README*", "LICENSE*", "LICENCE*", "CHANGELOG*", "*~")

#: Metadata keys (front matter, sidecars, table columns) understood without a
#: ``columns=`` mapping, by the documents-table column they fill.
_ALIASES: dict[str, tuple[str, ...]] = {
    "doc_id": ("doc_id", "id"),
    "title": ("title", "headline"),
    "dateline": ("dateline",),
    "date": ("date", "published", "publication_date", "pubdate"),
    "source_title": ("source_title",),
    "source_url": ("source_url", "url", "link"),
    "outlet": ("outlet", "publisher", "sitename", "site_name"),
    "author": ("author", "authors", "byline"),
    "language": ("language", "lang"),
    "license": ("license", "licence"),
    "provenance": ("provenance",),
    "doc_kind": ("doc_kind", "kind"),
    "doc_actor": ("doc_actor", "actor"),
    "doc_speaker": ("doc_speaker", "speaker"),
}
#: Columns a ``columns=`` mapping may target.
MAPPABLE = ("text", *_ALIASES)

_FIX_FORMATS = "stancemap reads " + ", ".join(SUPPORTED_EXTENSIONS) + " files and folders of them"


@dataclass
class _Notes:
    """Lossy or surprising things seen while loading, reported as one warning each."""

    decoded: list[tuple[str, str]] = field(default_factory=list)
    bad_dates: list[tuple[str, str]] = field(default_factory=list)
    empty_rows: list[str] = field(default_factory=list)
    ignored_actor: list[str] = field(default_factory=list)
    no_actor: list[str] = field(default_factory=list)

    def emit(self) -> None:
        def names(items: list[str]) -> str:
            return ", ".join(items[:8]) + (f" and {len(items) - 8} more" if len(items) > 8 else "")
        if self.decoded:
            by = {}
            for p, enc in self.decoded:
                by.setdefault(enc, []).append(p)
            for enc, ps in by.items():
                _warn(f"{len(ps)} file(s) were not valid UTF-8 and were decoded as {enc}: {names(ps)}. "
                      f"Check accented letters and quotation marks; pass {option('encoding', ANY)} if that is wrong.")
        if self.bad_dates:
            _warn(f"{len(self.bad_dates)} date(s) could not be read as a full calendar date and were left "
                  f"empty: {names([f'{d!r} ({w})' for w, d in self.bad_dates])}. Use YYYY-MM-DD.")
        if self.empty_rows:
            _warn(f"{len(self.empty_rows)} document(s) have an empty text and were kept with text='': "
                  f"{names(self.empty_rows)}.")
        if self.ignored_actor:
            _warn(f"{len(self.ignored_actor)} document(s) name an actor or speaker but are doc_kind 'article', "
                  f"so the actor was not recorded: {names(self.ignored_actor)}. Pass {option('kind', 'official')} (or a "
                  "kind column / front-matter key) to mark texts as the actor's own words.")
        if self.no_actor:
            _warn(f"{len(self.no_actor)} official document(s) have no actor: {names(self.no_actor)}. "
                  f"Pass {option('actor', ANY)} (a group of your actor registry) or add an actor column / "
                  "front-matter key.")


def _warn(msg: str, depth: int = 5) -> None:
    """Warn, pointing at the caller of load() (``depth`` frames up)."""
    warnings.warn(msg, LossyStepWarning, stacklevel=depth)


# --------------------------------------------------------------------------- reading bytes

_SIGNATURES = (
    (b"%PDF", "a PDF"), (b"PK\x03\x04", "a ZIP archive, e.g. .docx or .xlsx"), (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"), (b"GIF8", "a GIF image"), (b"PAR1", "a Parquet file"),
    (b"\x1f\x8b", "a gzip archive"), (b"{\\rtf", "an RTF document"), (b"\xd0\xcf\x11\xe0", "an old Office document"),
)


def _binary_error(path: Path, what: str) -> StancemapError:
    return StancemapError(
        f"{path} looks like a binary file ({what}), not text. {_FIX_FORMATS}: convert it to text "
        "first (e.g. save a PDF or Word file as .txt) or remove it from the folder.")


def _read_bytes(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError as exc:
        raise StancemapError(f"Cannot read {path}: {exc.strerror or exc}. Check the path and its permissions.") from None


_CONTROL_CHARS = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x9f]")   # control characters other than \t \n \v \f \r


def _decode(data: bytes, path: Path, encoding: str | None, notes: _Notes) -> str:
    """Bytes → str: UTF-8 (with or without BOM), UTF-16 with BOM, else cp1252, else latin-1 (noted)."""
    if not data.strip():
        raise StancemapError(f"{path} is empty{' (0 bytes)' if not data else ' (only whitespace)'}. "
                             "Add its text, or remove it from the folder.")
    if encoding:
        try:
            text = data.decode(encoding)
        except LookupError:
            raise StancemapError(f"Unknown encoding {encoding!r} for {path}. Use e.g. {option('encoding', 'utf-8')}, "
                                 f"{option('encoding', 'cp1252')} or {option('encoding', 'latin-1')}, or leave "
                                 "it out to detect UTF-8/cp1252.") from None
        except UnicodeDecodeError as exc:
            raise StancemapError(f"{path} is not valid {encoding} (byte {exc.start}). Leave out "
                                 f"{option('encoding')} to detect UTF-8/cp1252, or pass the right one.") from None
        return text.removeprefix("\ufeff")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            raise _binary_error(path, "an invalid UTF-16 byte order mark") from None
    for sig, what in _SIGNATURES:
        if data.startswith(sig):
            raise _binary_error(path, what)
    if b"\x00" in data[:65536]:
        raise _binary_error(path, "it contains NUL bytes")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        try:
            text = data.decode("cp1252")
            notes.decoded.append((str(path), "cp1252"))
        except UnicodeDecodeError:
            text = data.decode("latin-1")
            notes.decoded.append((str(path), "latin-1"))
    sample = text[:65536]
    controls = len(_CONTROL_CHARS.findall(sample))
    if controls > max(8, len(sample) // 20):
        raise _binary_error(path, f"{controls} control characters")
    return text


# --------------------------------------------------------------------------- metadata

def _yaml_mapping(source: str, where: str, fix: str) -> dict[str, Any]:
    try:
        data = yaml.safe_load(source)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        at = f" (line {mark.line + 1})" if mark is not None else ""
        raise StancemapError(f"Cannot read the YAML metadata in {where}{at}: {getattr(exc, 'problem', exc)}. {fix}") from None
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise StancemapError(f"The YAML metadata in {where} is a {type(data).__name__}, not a mapping of "
                             f"keys to values (e.g. 'title: …'). {fix}")
    return {str(k): v for k, v in data.items()}


def _split_front_matter(text: str, path: Path) -> tuple[dict[str, Any], str]:
    m = front_matter(text)
    if not m:
        return {}, text                 # no front matter (a leading "---" rule is just text)
    meta = _yaml_mapping(m.group(1), f"the front matter of {path}",
                         "Fix the YAML between the '---' lines (quote values containing ':').")
    return meta, text[m.end():]


def _sidecar(path: Path) -> Path:
    return path.with_name(path.stem + ".meta.yaml")


def read_metadata(path: str | Path) -> dict[str, Any]:
    """All metadata of a document file: its ``<stem>.meta.yaml`` sidecar, overridden by its
    YAML front matter (``.txt``/``.md``). Keys the documents table has no column for
    (e.g. ``event_dates``) are only here, and summarised in the ``provenance`` column."""
    path = Path(path)
    meta: dict[str, Any] = {}
    side = _sidecar(path)
    if side.is_file():
        meta.update(_yaml_mapping(_decode(_read_bytes(side), side, None, _Notes()), str(side),
                                  "Fix the sidecar file's YAML."))
    if path.suffix.lower() in (".txt", ".md", ".markdown") and path.is_file():
        data = _read_bytes(path)
        if data.strip():
            meta.update(_split_front_matter(_decode(data, path, None, _Notes()), path)[0])
    return meta


def _as_text(value: Any) -> str:
    """A metadata or table value as text: missing → "" (:func:`schema.text_value`), a date →
    ``YYYY-MM-DD``, a list → its items joined by ", "; stripped."""
    if isinstance(value, (list, tuple)):
        return ", ".join(_as_text(v) for v in value)
    text = text_value(value)
    if text and isinstance(value, (_dt.date, _dt.datetime, pd.Timestamp)):
        return value.strftime("%Y-%m-%d")
    return text.strip()


def _fields(meta: Mapping[str, Any], columns: Mapping[str, str]) -> tuple[dict[str, str], dict[str, str]]:
    """Metadata keys → documents-table fields, plus the keys that have no column."""
    out: dict[str, str] = {}
    extras: dict[str, str] = {}
    by_alias = {a: col for col, aliases in _ALIASES.items() for a in aliases}
    explicit = {k: v for k, v in meta.items() if k in columns}
    for key, value in meta.items():
        if key in explicit:
            continue
        col = by_alias.get(key.lower().strip())
        if col is None:
            if _as_text(value):
                extras[key] = _as_text(value)
        elif col not in out or not out[col]:
            out[col] = _as_text(value)
    for key, value in explicit.items():          # an explicit mapping wins over an alias
        out[columns[key]] = _as_text(value)
    out.pop("text", None)
    return out, extras


_NOT_DAY_PRECISE = re.compile(r"^\s*(?:\d{4}(?:[-/.]\d{1,2})?|[A-Za-z]+\.?,?\s+\d{4})\s*$")
_ISO_DATE = re.compile(r"^\s*(\d{4})-(\d{2})-(\d{2})(?:$|[T\s])")


def _iso_date(value: Any, where: str, notes: _Notes) -> str:
    """Any date-like value → "YYYY-MM-DD"; "" (and a note) when it is not a full date."""
    if isinstance(value, (_dt.date, _dt.datetime, pd.Timestamp)):
        return _as_text(value)
    s = _as_text(value)
    if not s:
        return ""
    m = _ISO_DATE.match(s)
    if m:
        try:
            return _dt.date(int(m[1]), int(m[2]), int(m[3])).isoformat()
        except ValueError:
            pass
    if not _NOT_DAY_PRECISE.match(s):
        for candidate in (s, re.sub(r"\s+(?:[-–—|]|at)\s+", " ", s)):
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                try:
                    ts = pd.to_datetime(candidate)
                except (ValueError, TypeError, OverflowError):
                    continue
            if not pd.isna(ts):
                return ts.strftime("%Y-%m-%d")
    notes.bad_dates.append((where, s))
    return ""


# --------------------------------------------------------------------------- one file → records

_FUNCTION_WORDS = frozenset(
    "a an the and or but nor of to in on at by for from with as into onto upon about than that which who "
    "is are was were be been my your our his her their its this these those i we you he she it they may "
    "will would shall should can could must not no mr mrs ms dr sir".split())


def _looks_like_headline(line: str, rest: str) -> bool:
    """A first line that is a headline, not the first line of hard-wrapped prose."""
    line = line.strip()
    following = rest.lstrip()
    if not line or not following or len(line) > 200:
        return False
    words = line.split()
    if not 2 <= len(words) <= 30 or re.search(r"[.!?,;:(\-–—]['\"’”)]*$", line):
        return False
    if words[-1].lower().strip("’'\"”") in _FUNCTION_WORDS:
        return False                     # "At the outset, allow me to" + wrapped continuation
    if not (following[0].isupper() or following[0].isdigit() or following[0] in "“\"‘'(#"):
        return False                     # the next line continues a sentence
    body = [ln.strip() for ln in following.split("\n")[:30] if ln.strip()]
    open_ended = sum(1 for ln in body[:-1] if not re.search(r"[.!?:;…]['\"’”)*]*$", ln))
    if len(body) > 3 and open_ended > (len(body) - 1) / 2:
        return False                     # hard-wrapped prose: lines end mid-sentence
    return not detect_dateline(line + "\nx", max_lines=1)


def _text_title(body: str, path: Path, boilerplate: Iterable[str] | None) -> str:
    """The first line when it is a headline (or a Markdown heading ``# …``/``## …``), judged on the cleaned text."""
    if path.suffix.lower() in (".md", ".markdown"):
        first = next((ln for ln in body[:6000].split("\n") if ln.strip()), "")
        m = re.match(r"\s*#{1,2}\s+(.+?)(?:\s+#+)?\s*$", first)
        if m:
            return clean_text(m.group(1), boilerplate).text
    first_raw = body.lstrip()[:1001].partition("\n")[0]
    if len(first_raw) > 1000 and "<" not in first_raw:
        return ""                        # (a text with no line breaks, e.g. a scrape: no headline line)
    head = clean_text(body[:6000], boilerplate).text
    first, _, rest = head.partition("\n")
    return first.strip() if _looks_like_headline(first, rest) else ""


def _record(**fields: str) -> dict[str, str]:
    rec = dict.fromkeys(DOCUMENT_COLUMNS, "")
    rec.update({k: v for k, v in fields.items() if k in rec and v is not None})
    return rec


def _merge(base: dict[str, str], meta: dict[str, str]) -> dict[str, str]:
    out = dict(base)
    out.update({k: v for k, v in meta.items() if v})
    return out


def _with_extras(provenance: str, extras: Mapping[str, str]) -> str:
    parts = [provenance] if provenance else []
    parts += [f"{k}: {v}" for k, v in extras.items()]
    return "; ".join(parts)


def _load_text(path: Path, opts: dict, notes: _Notes) -> list[dict[str, str]]:
    data = _read_bytes(path)
    text = _decode(data, path, opts["encoding"], notes)
    front, body = _split_front_matter(text, path)
    # raw_text is the whole file as opened (front matter and a UTF-8 BOM included), so that
    # statements' raw_start/raw_end count from its first character; cleaning drops both
    raw = "\ufeff" + text if data.startswith(b"\xef\xbb\xbf") and not text.startswith("\ufeff") else text
    if not body.strip():
        raise StancemapError(f"{path} has metadata but no text after its front matter. Add the text below "
                             "the closing '---', or remove the file.")
    meta = {}
    side = _sidecar(path)
    if side.is_file():
        meta.update(_yaml_mapping(_decode(_read_bytes(side), side, None, notes), str(side),
                                  "Fix the sidecar file's YAML."))
    meta.update(front)
    fields, extras = _fields(meta, opts["columns"])
    base = {"doc_id": path.stem, "title": _text_title(body, path, opts["boilerplate"]), "raw_text": raw,
            "provenance": f"loaded from {path.name}"}
    rec = _record(**_merge(base, fields))
    rec["provenance"] = _with_extras(rec["provenance"], extras)
    rec["path"] = path.as_posix()
    return [rec]


_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
_HTML_LANG = re.compile(r"""<html[^>]*\slang\s*=\s*["']?([A-Za-z]{2,3})""", re.IGNORECASE)


def _load_html(path: Path, opts: dict, notes: _Notes) -> list[dict[str, str]]:
    import trafilatura

    data = _read_bytes(path)
    encoding = opts["encoding"]
    if not encoding:
        m = _META_CHARSET.search(data[:4096])
        if m:
            declared = m.group(1).decode("ascii", "replace").lower()
            try:
                data.decode(declared)
                encoding = None if declared.replace("-", "") in ("utf8", "ascii", "usascii") else declared
            except (LookupError, UnicodeDecodeError):
                encoding = None
    html = _decode(data, path, encoding, notes)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        doc = trafilatura.bare_extraction(html, with_metadata=True, include_comments=False,
                                          include_tables=True)
    text = (getattr(doc, "text", None) or "") if doc is not None else ""
    if not text.strip():
        raise StancemapError(f"No main text found in {path}: trafilatura extracted nothing (is it a page "
                             "of links or a script-only page?). Save the article's text as .txt instead.")
    lang = _HTML_LANG.search(html[:4096])
    base = {"doc_id": path.stem, "raw_text": text,
            "title": _as_text(getattr(doc, "title", None)), "date": _as_text(getattr(doc, "date", None)),
            "source_url": _as_text(getattr(doc, "url", None)), "author": _as_text(getattr(doc, "author", None)),
            "outlet": _as_text(getattr(doc, "sitename", None) or getattr(doc, "hostname", None)),
            "language": lang.group(1).lower() if lang else "",
            "provenance": f"extracted from {path.name} with trafilatura {trafilatura.__version__}"}
    side = _sidecar(path)
    meta = _yaml_mapping(_decode(_read_bytes(side), side, None, notes), str(side),
                         "Fix the sidecar file's YAML.") if side.is_file() else {}
    fields, extras = _fields(meta, opts["columns"])
    rec = _record(**_merge(base, fields))
    rec["provenance"] = _with_extras(rec["provenance"], extras)
    rec["path"] = path.as_posix()
    return [rec]


def _read_table(path: Path, opts: dict, notes: _Notes) -> pd.DataFrame:
    ext = path.suffix.lower()
    if ext == ".parquet":
        data = _read_bytes(path)
        if not data:
            raise StancemapError(f"{path} is empty (0 bytes). Remove it or write the table again.")
        try:
            return pd.read_parquet(io.BytesIO(data))
        except Exception as exc:  # pyarrow raises several types
            raise StancemapError(f"Cannot read {path} as Parquet ({type(exc).__name__}: {exc}). "
                                 "Check that it is a Parquet file, or save the table as .csv.") from None
    text = _decode(_read_bytes(path), path, opts["encoding"], notes)
    if ext in (".csv", ".tsv"):
        try:
            return pd.read_csv(io.StringIO(text), sep="\t" if ext == ".tsv" else ",", dtype=str,
                               keep_default_na=False)
        except (pd.errors.ParserError, pd.errors.EmptyDataError, ValueError) as exc:
            raise StancemapError(f"Cannot read {path} as {ext[1:].upper()}: {exc}. Check the quoting and "
                                 "that every row has the same number of fields.") from None
    rows: list[Any] = []
    if ext == ".json":
        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            raise StancemapError(f"{path} is not valid JSON (line {exc.lineno}: {exc.msg}). "
                                 "Use a list of objects, one per document, or JSON lines (.jsonl).") from None
        rows = data.get("documents", data) if isinstance(data, dict) else data
        if not isinstance(rows, list):
            raise StancemapError(f"{path} holds a JSON {type(rows).__name__}; expected a list of objects, "
                                 "one per document.")
    else:
        for n, line in enumerate(text.splitlines(), 1):
            if not line.strip():
                continue
            try:
                rows.append(json.loads(line))
            except json.JSONDecodeError as exc:
                raise StancemapError(f"{path}, line {n} is not valid JSON ({exc.msg}). Each line of a "
                                     ".jsonl file must be one JSON object.") from None
    bad = next((i for i, r in enumerate(rows) if not isinstance(r, dict)), None)
    if bad is not None:
        raise StancemapError(f"{path}: record {bad + 1} is a {type(rows[bad]).__name__}, not an object "
                             "with named fields (e.g. {\"text\": \"…\"}).")
    return pd.DataFrame(rows)


def _guess_text_column(df: pd.DataFrame) -> str | None:
    best, best_len = None, 0.0
    for c in df.columns:
        s = df[c]
        if s.dtype == object or pd.api.types.is_string_dtype(s):
            mean = s.dropna().astype(str).str.len().mean()
            if mean == mean and mean > best_len:
                best, best_len = str(c), float(mean)
    return best


def _table_records(df: pd.DataFrame, path: Path | None, opts: dict, notes: _Notes) -> list[dict[str, str]]:
    name = str(path) if path is not None else "the table"
    stem = path.stem if path is not None else "doc"
    df = df.copy()
    df.columns = [str(c) for c in df.columns]
    have = list(df.columns)
    listing = ", ".join(have) or "(none)"
    columns = opts["columns"]
    missing = [k for k in columns if k not in have]
    if missing:
        raise StancemapError(f"{name} has no column(s) {', '.join(map(repr, missing))} named in columns=. "
                             f"Columns are: {listing}.{did_you_mean(missing[0], have)}")
    text_col = opts["text_column"]
    if text_col not in have:
        mapped = [k for k, v in columns.items() if v == "text"]
        if mapped:
            text_col = mapped[0]
        else:
            guess = _guess_text_column(df)
            hint = did_you_mean(text_col, have) or (f" Is it {guess!r}?" if guess else "")
            use = guess or "…"
            note = _dataset_note([str(path)]) if path is not None else ""
            raise StancemapError(
                f"{name} has no text column {text_col!r}. Columns are: {listing}.{hint} "
                f"Pass {option('text_column', use)} naming the column that holds the document text"
                + (f" (or columns={{{use!r}: 'text'}})." if current() == "python" else ".")
                + (f" Or rather: {note}" if note else ""))
    id_col = opts["id_column"]
    if id_col is not None and id_col not in have:
        raise unknown_value("id_column", id_col, have, f"It must name a column of {name}.")
    if not len(df):
        raise StancemapError(f"{name} has a header but no rows. Add documents, or remove the file.")
    defaults: dict[str, str] = {}
    extras: dict[str, str] = {}
    if path is not None and _sidecar(path).is_file():
        side = _sidecar(path)
        defaults, extras = _fields(_yaml_mapping(_decode(_read_bytes(side), side, None, notes), str(side),
                                                 "Fix the sidecar file's YAML."), columns)
    # which table column fills which documents-table column
    source: dict[str, str] = {}
    for col, aliases in _ALIASES.items():
        for a in aliases:
            hit = next((c for c in have if c.lower() == a), None)
            if hit is not None and hit not in columns and hit != text_col:
                source[col] = hit
                break
    for user, ours in columns.items():
        if ours != "text":
            source[ours] = user
    if id_col is not None:
        source["doc_id"] = id_col
    records = []
    for n, row in enumerate(df.to_dict("records"), 1):
        row_fields = {col: _as_text(row[src]) for col, src in source.items()}
        rec = _record(**_merge(defaults, row_fields))
        if not rec["doc_id"]:
            rec["doc_id"] = f"{stem}-{n}"
        raw = row[text_col]
        rec["raw_text"] = "" if _as_text(raw) == "" else str(raw)
        if not rec["raw_text"].strip():
            notes.empty_rows.append(f"{rec['doc_id']} ({name} row {n})")
        where = f"loaded from {path.name}, row {n}" if path is not None else f"row {n} of an in-memory table"
        rec["provenance"] = _with_extras(rec["provenance"] or where, extras)
        rec["path"] = path.as_posix() if path is not None else ""
        records.append(rec)
    return records


def _load_file(path: Path, opts: dict, notes: _Notes) -> list[dict[str, str]]:
    if not path.is_file():
        parent = path.parent if path.parent.is_dir() else None
        siblings = sorted(p.name for p in parent.iterdir()) if parent else []
        raise StancemapError(f"File or folder {str(path)!r} not found.{did_you_mean(path.name, siblings)} "
                             "Check the path (relative paths start from the current directory).")
    kind = SUPPORTED_EXTENSIONS.get(path.suffix.lower())
    if kind is None:
        ext = path.suffix or "(no extension)"
        raise StancemapError(f"{path}: unsupported file type {ext!r}. {_FIX_FORMATS}. Convert it, or "
                             "rename it to .txt if it is plain text.")
    if kind == "text":
        return _load_text(path, opts, notes)
    if kind == "html":
        return _load_html(path, opts, notes)
    return _table_records(_read_table(path, opts, notes), path, opts, notes)


def _excluded(rel: Path, exclude: Iterable[str]) -> bool:
    parts = rel.parts
    if any(p.startswith(".") for p in parts) or rel.name.endswith(".meta.yaml"):
        return True
    return any(fnmatch.fnmatch(p, pat) for p in parts for pat in exclude)


def _load_folder(folder: Path, opts: dict, notes: _Notes) -> list[dict[str, str]]:
    pattern = "**/*" if opts["recursive"] else "*"
    files = sorted((p for p in folder.glob(pattern)
                    if p.is_file() and not _excluded(p.relative_to(folder), opts["exclude"])),
                   key=lambda p: p.relative_to(folder).as_posix())
    records: list[dict[str, str]] = []
    failed: list[tuple[Path, str]] = []
    for f in files:
        try:
            records.extend(_load_file(f, opts, notes))
        except StancemapError as exc:
            failed.append((f, str(exc)))
    if failed and not records:
        reasons = "\n".join(f"  - {msg}" for _, msg in failed[:10])
        raise StancemapError(f"No document in {folder} could be loaded ({len(failed)} file(s) failed):\n{reasons}")
    if not files:
        raise StancemapError(f"No documents found in folder {folder}. {_FIX_FORMATS}"
                             f"{'' if opts['recursive'] else ' (recursive=False: subfolders were not read)'}.")
    if failed:
        listed = "; ".join(msg for _, msg in failed[:10]) + (f"; and {len(failed) - 10} more" if len(failed) > 10 else "")
        _warn(f"Skipped {len(failed)} of {len(files)} file(s) in {folder} that could not be loaded: "
              f"{', '.join(f.relative_to(folder).as_posix() for f, _ in failed)}. The others loaded. "
              f"Details: {listed}", depth=4)
    return records


# --------------------------------------------------------------------------- finishing

def _unique_ids(records: list[dict[str, str]]) -> None:
    originals = {r["doc_id"] for r in records}
    seen: set[str] = set()
    renamed: list[str] = []
    for r in records:
        base = r["doc_id"] or "doc"
        new, k = base, 1
        while new in seen or (new != base and new in originals):
            k += 1
            new = f"{base}-{k}"
        if new != base:
            renamed.append(f"{base!r} → {new!r}")
        seen.add(new)
        r["doc_id"] = new
    if renamed:
        shown = ", ".join(renamed[:8]) + (f" and {len(renamed) - 8} more" if len(renamed) > 8 else "")
        _warn(f"{len(renamed)} document id(s) were already taken and got a suffix: {shown}. "
              "Rename the files, or pass id_column= with unique values.")


def _finish(records: list[dict[str, str]], opts: dict, notes: _Notes) -> pd.DataFrame:
    repairs: list[dict[str, int]] = []
    for r in records:
        where = r["doc_id"] or r["path"]
        kind = (r["doc_kind"] or opts["kind"]).strip().lower()
        if kind not in DOC_KINDS:
            raise unknown_value(f"Document kind for {where} ({r['path'] or 'table'}):", kind, DOC_KINDS,
                                "Use 'article' for reported speech, 'official' for an actor's own text.")
        r["doc_kind"] = kind
        row_actor = bool(r["doc_actor"] or r["doc_speaker"])
        if kind == "official":
            r["doc_actor"] = r["doc_actor"] or opts["actor"] or ""
            r["doc_speaker"] = r["doc_speaker"] or opts["speaker"] or ""
            if not r["doc_actor"]:
                notes.no_actor.append(where)
        else:
            if row_actor:
                notes.ignored_actor.append(where)
            r["doc_actor"] = r["doc_speaker"] = ""
        r["date"] = _iso_date(r["date"], where, notes)
        cleaned = clean_text(r["raw_text"], opts["boilerplate"])
        # Markdown markup in a Markdown file is its format, not a repair worth a warning
        markdown_file = r["path"].lower().endswith((".md", ".markdown"))
        repairs.append({k: v for k, v in cleaned.repairs.items() if not (markdown_file and k == "markdown")})
        r["text"] = cleaned.text
        r["dateline"] = r["dateline"] or cleaned.dateline
        r["source_title"] = r["source_title"] or r["title"]
    _unique_ids(records)
    notes.emit()
    note = describe_repairs(zip((r["doc_id"] for r in records), repairs), len(records))
    if note:
        _warn(note, depth=4)
    df = pd.DataFrame(records, columns=DOCUMENT_COLUMNS)
    return df.astype({c: str for c in DOCUMENT_COLUMNS}).reset_index(drop=True)


def load(paths: str | Path | pd.DataFrame | Iterable[str | Path], *, text_column: str = "text",
         id_column: str | None = None, columns: Mapping[str, str] | None = None, kind: str = "article",
         actor: str | None = None, speaker: str | None = None, boilerplate: Iterable[str] | None = None,
         encoding: str | None = None, recursive: bool = True,
         exclude: Iterable[str] = DEFAULT_EXCLUDE) -> pd.DataFrame:
    """Load documents into a new documents table (columns ``schema.DOCUMENT_COLUMNS``).

    ``paths``: a file, a folder, a list of them, or a DataFrame (one row per document).
    Files: ``.txt``/``.md`` (YAML front matter ``---\\ntitle: …\\ndate: …\\n---``, else a
    ``<stem>.meta.yaml`` sidecar; else a first line that looks like a headline is the
    title), ``.html``/``.htm`` (trafilatura, offline), ``.csv``/``.tsv``/``.jsonl``/``.json``/
    ``.parquet`` (one row = one document, text in ``text_column``). ``columns`` maps your
    column or metadata names to ours, e.g. ``{"body": "text", "headline": "title",
    "link": "source_url"}``; common names (headline, url, link, kind, actor, speaker…)
    are recognised without it. Folders are read in sorted order (recursively unless
    ``recursive=False``), skipping hidden files, sidecars and ``exclude`` patterns; a
    file that cannot be read is reported in one warning and the rest load.

    ``kind="official"`` with ``actor`` (a registry group) and ``speaker`` marks the texts
    as that actor's own words; per-row/front-matter ``kind``/``actor``/``speaker`` win.
    ``doc_id`` is the file stem, ``id_column``, or ``<stem>-<row>`` (rows count from 1);
    duplicates get a suffix (with a warning). Dates become ``YYYY-MM-DD`` ("" if unknown).
    ``raw_text`` is the text as read (after decoding, without newline translation; for a
    ``.txt``/``.md`` file the whole file, front matter included, so ``raw_start``/``raw_end``
    count from its first character; for HTML the extracted main text); ``text`` is
    ``clean.clean_text(raw_text, boilerplate)``, which also
    repairs the layout (hard wraps, Markdown, inline HTML, paragraph breaks turned into ", "
    or lost) and warns once with the count of each repair (Markdown in a ``.md`` file is not
    warned about); statements' ``raw_start``/``raw_end`` point into ``raw_text`` exactly.
    Decoding: UTF-8 with or without BOM, UTF-16 with BOM, else cp1252, else latin-1 (warned),
    or exactly ``encoding``.
    """
    text_column = text_column or "text"
    kind = str(kind).strip().lower()
    if kind not in DOC_KINDS:
        raise unknown_value(option("kind"), kind, DOC_KINDS,
                            "Use 'article' for news reports, 'official' for an actor's own text.")
    if kind == "article" and (actor or speaker):
        given = [option(k, v) for k, v in (("actor", actor), ("speaker", speaker)) if v]
        raise StancemapError(f"{' and '.join(given)} mark{'s' if len(given) == 1 else ''} official texts (the actor's own words); pass "
                             f"{option('kind', 'official')} as well, or leave them out for news articles.")
    columns = dict(columns or {})
    bad = [v for v in columns.values() if v not in MAPPABLE]
    if bad:
        raise unknown_value("Target column in columns=", bad[0], MAPPABLE,
                            "columns= maps your column names to the documents table's, e.g. {'body': 'text'}.")
    opts = {"text_column": text_column, "id_column": id_column, "columns": columns, "kind": kind,
            "actor": actor, "speaker": speaker, "boilerplate": tuple(boilerplate) if boilerplate is not None else None,
            "encoding": encoding, "recursive": recursive,
            "exclude": (exclude,) if isinstance(exclude, str) else tuple(exclude)}
    notes = _Notes()
    records: list[dict[str, str]] = []
    if isinstance(paths, pd.DataFrame):
        records = _table_records(paths, None, opts, notes)
    else:
        items = [paths] if isinstance(paths, (str, Path)) else list(paths)
        if not items:
            raise StancemapError("No paths given. Pass a file, a folder or a list of them.")
        for item in items:
            if isinstance(item, pd.DataFrame):
                records.extend(_table_records(item, None, opts, notes))
                continue
            p = Path(item).expanduser()
            records.extend(_load_folder(p, opts, notes) if p.is_dir() else _load_file(p, opts, notes))
        _warn_dataset_files(r["path"] for r in records)
    return _finish(records, opts, notes)


def _warn_dataset_files(paths: Iterable[str]) -> None:
    """Warn when a file read as the user's own is a public dataset's (:func:`_dataset_note`)."""
    note = _dataset_note(paths)
    if note:
        warnings.warn(note, StancemapWarning, stacklevel=4)


def _dataset_note(paths: Iterable[str]) -> str:
    """What to do when files read as the user's own are a public dataset's, else "": read as
    articles, a feed of official releases or a speech collection loses what its loader knows
    (whose words they are, transcript turns, dates), and far fewer statements are attributed."""
    from .datasets.store import registered_files

    found = registered_files(p for p in paths if p)
    if not found:
        return ""
    path, name, rel = found[0]
    files = ", ".join(f"{Path(f).name} ({n}: {r})" for f, n, r in found[:4])
    whole = Path(path).resolve().as_posix()
    tail = f"/{name}/{rel}"
    data = whole[: -len(tail)] if whole.endswith(tail) else None   # the file sits in a data directory
    if current() == "cli":
        fix = (f"Load it with `stancemap datasets load {name}" + (f" --data-dir {data}" if data else "")
               + f" -o {name}.csv` (`stancemap datasets load --help`: sources, years, countries…), "
               "then pass that file instead.")
    else:
        fix = (f"Load it with stancemap.datasets.load_dataset({name!r}" + (f", data_dir={data!r}" if data else "")
               + ") and pass that table instead.")
    return (f"{len(found)} file(s) are a public dataset's, read as plain documents here: {files}. Its loader "
            "knows the source's layout (whose releases or speeches they are, transcript turns, dates) and "
            f"attributes far more statements. {fix}")


def _bundled_names() -> list[str]:
    try:
        root = corpora_dir()
    except StancemapError:
        return []
    return sorted(p.name for p in root.iterdir() if p.is_dir() and not p.name.startswith((".", "_"))
                  and any(SUPPORTED_EXTENSIONS.get(f.suffix.lower()) for f in p.glob("*")))


def load_bundled(name: str = "ceasefire-2025-03", **kwargs: Any) -> pd.DataFrame:
    """Load a corpus bundled under ``corpora/<name>/`` (``path`` is relative to the project root)."""
    root = corpora_dir()
    folder = root / str(name)
    if not name or not folder.is_dir() or str(name) not in _bundled_names():
        raise unknown_value("Bundled corpus", name, _bundled_names(),
                            "Pass one of these names, or use stancemap.corpus.load(PATH) for your own files.")
    docs = load(folder, **kwargs)
    prefix = root.parent.as_posix().rstrip("/") + "/"
    docs["path"] = [p[len(prefix):] if p.startswith(prefix) else p for p in docs["path"]]
    return docs
