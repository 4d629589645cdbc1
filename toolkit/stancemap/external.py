"""Loaders and scoring helpers for three external benchmark corpora.

None of these corpora may be redistributed, so none is in the repository; the
benchmarks in ``benchmarks/`` read them from a folder you point them at.

* **SemEval-2016 Task 6, subtask A** (Mohammad et al. 2016, *SemEval-2016 Task 6:
  Detecting Stance in Tweets*): :func:`load_semeval2016` — tab-separated
  ``ID, Target, Tweet, Stance, Opinion towards, Sentiment``, CRLF, no quoting.
* **RUW**, Russia–Ukraine war tweets with one or two (target, stance) pairs:
  :func:`load_ruw` — comma-separated ``Tweet, Target 1, Stance 1, Target 2,
  Stance 2, Test/Train/Dev``, expanded to one row per (tweet, target).
* **SemEval-2023 Task 3, subtask 2** (Piskorski et al. 2023), framing with the
  14 Policy Frames Codebook labels (Boydstun et al. 2014), multi-label:
  :func:`load_semeval2023_frames`.

The files come with byte quirks — Windows-1252 curly quotes (0x92–0x94) inside
otherwise UTF-8 text, "latin-1" CSVs, a BOM, CRLF line ends. :func:`read_text`
decodes them line by line (see :func:`decode_bytes`). Every loader returns a tidy
table with stable columns, raises :class:`StancemapError` naming the file, the
line and the fix for malformed input, and warns (with counts) when it skips
anything.

The stance helpers (:func:`stance_probabilities`, :func:`select_stance_config`,
:func:`semeval_f_avg`) train the shipped :class:`~stancemap.models.StanceClassifier`
on the shipped features (:func:`~stancemap.models.make_features`); only the
configuration (per-target or joint model, C, class weights, n-gram ranges and a
decision weight for ``none``) differs from the shipped model.
"""
from __future__ import annotations

import codecs
import csv
import io
import itertools
import os
import re
import unicodedata
import warnings
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path

import numpy as np
import pandas as pd

from .errors import StancemapError, did_you_mean

# --------------------------------------------------------------------------- decoding

_CP1252_HANDLER = "stancemap-cp1252"


def _cp1252_byte(b: int) -> str:
    try:
        return bytes([b]).decode("cp1252")
    except UnicodeDecodeError:  # 0x81, 0x8D, 0x8F, 0x90, 0x9D are undefined in cp1252
        return chr(b)


def _cp1252_fallback(exc: UnicodeError):
    if not isinstance(exc, UnicodeDecodeError):
        raise exc
    bad = exc.object[exc.start:exc.end]
    return "".join(_cp1252_byte(b) for b in bad), exc.end


codecs.register_error(_CP1252_HANDLER, _cp1252_fallback)


def _is_cjk(ch: str) -> bool:
    o = ord(ch)
    return (0x3400 <= o <= 0x4DBF or 0x4E00 <= o <= 0x9FFF or 0xF900 <= o <= 0xFAFF
            or 0xAC00 <= o <= 0xD7AF or 0x20000 <= o <= 0x2FFFF or 0xE000 <= o <= 0xF8FF)


def _guess_legacy(lines: Sequence[bytes]) -> str:
    """``gb18030`` when the lines that are not UTF-8 read as GB 18030 into mostly
    punctuation and Latin letters (English text saved on a Chinese-locale Windows:
    ’ = A1 AF, … = A1 AD, – = A8 43), else ``cp1252``. Windows-1252 text read as
    GB 18030 fails or turns into CJK ideographs, so the two are easy to tell apart."""
    ok = cjk = nonascii = 0
    for line in lines:
        try:
            s = line.decode("gb18030")
        except UnicodeDecodeError:
            continue
        ok += 1
        for ch in s:
            if ord(ch) > 127:
                nonascii += 1
                cjk += _is_cjk(ch)
    if lines and ok >= 0.9 * len(lines) and nonascii and cjk <= 0.25 * nonascii:
        return "gb18030"
    return "cp1252"


def decode_bytes(data: bytes, encoding: str = "auto", *, name: str = "input") -> tuple[str, dict]:
    """Decode ``data`` to text; returns ``(text, info)``.

    ``encoding="auto"`` (the default): a UTF-16 BOM → UTF-16; a UTF-8 BOM is
    dropped; a file that is valid UTF-8 is UTF-8. Otherwise each line is decoded
    on its own: UTF-8 if it is valid UTF-8, else with the file's legacy encoding —
    GB 18030 when the non-UTF-8 lines look like it (see :func:`_guess_legacy`),
    else UTF-8 with every invalid byte read as Windows-1252 (so 0x92 → ’ and
    0xE9 → é; latin-1 text decodes the same way, except that 0x80–0x9F become the
    Windows punctuation they almost always are rather than control codes).
    Any other ``encoding`` is used strictly for the whole file.

    ``info``: ``encoding`` (what was used), ``bom``, ``lines``, ``lines_not_utf8``
    (lines decoded with the legacy encoding) and ``legacy``.
    """
    info = {"encoding": encoding, "bom": False, "lines": data.count(b"\n") + (0 if data.endswith(b"\n") else 1),
            "lines_not_utf8": 0, "legacy": None}
    if encoding != "auto":
        try:
            codecs.lookup(encoding)
        except LookupError:
            raise StancemapError(f"Unknown encoding {encoding!r} for {name}. Use 'auto' (default), "
                                 "'utf-8', 'cp1252', 'latin-1' or 'gb18030'.") from None
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError as e:
            raise StancemapError(f"{name} is not valid {encoding}: byte {e.object[e.start:e.end]!r} at offset "
                                 f"{e.start}. Use --encoding auto, which decodes each line with the encoding "
                                 "that fits it.") from None
        if text.startswith("\ufeff"):
            info["bom"], text = True, text[1:]
        return text, info
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        info.update(encoding="utf-16", bom=True)
        return data.decode("utf-16"), info
    if data.startswith(codecs.BOM_UTF8):
        info["bom"], data = True, data[len(codecs.BOM_UTF8):]
    try:
        text = data.decode("utf-8")
        info["encoding"] = "utf-8"
        return text, info
    except UnicodeDecodeError:
        pass
    lines = data.splitlines(keepends=True)  # bytes.splitlines splits on \n, \r\n and \r only
    bad = []
    for line in lines:
        try:
            line.decode("utf-8")
        except UnicodeDecodeError:
            bad.append(line)
    legacy = _guess_legacy(bad)
    out = []
    for line in lines:
        try:
            out.append(line.decode("utf-8"))
            continue
        except UnicodeDecodeError:
            pass
        if legacy == "gb18030":
            try:
                out.append(line.decode("gb18030"))
                continue
            except UnicodeDecodeError:
                pass
        out.append(line.decode("utf-8", errors=_CP1252_HANDLER))
    info.update(encoding=f"utf-8+{legacy}", lines_not_utf8=len(bad), legacy=legacy)
    return "".join(out), info


def read_text(path: str | os.PathLike, encoding: str = "auto") -> tuple[str, dict]:
    """The text of the file at ``path`` and how it was decoded (see :func:`decode_bytes`)."""
    p = Path(path)
    if not p.is_file():
        raise StancemapError(f"File {str(p)!r} not found.")
    text, info = decode_bytes(p.read_bytes(), encoding, name=f"File {str(p)!r}")
    info["file"] = p.name
    return text, info


# --------------------------------------------------------------------------- shared checks

#: Stance labels of both stance corpora, as written in the files, and stancemap's names for them.
STANCE_CODES = {"FAVOR": "favor", "AGAINST": "against", "NONE": "none"}
#: The order of stance probabilities returned by :func:`stance_probabilities`.
STANCE_ORDER = ("favor", "against", "none")


def _norm_header(name: str) -> str:
    return re.sub(r"\s+", " ", str(name).replace("\ufeff", "")).strip().casefold()


def _stance_code(value: str, where: str, fix: str = "") -> str:
    v = str(value).strip().upper()
    if v in STANCE_CODES:
        return STANCE_CODES[v]
    if v == "FAVOUR":
        return "favor"
    valid = list(STANCE_CODES)
    raise StancemapError(f"Unknown stance label {str(value)!r} in {where}. Valid: {', '.join(valid)}."
                         f"{did_you_mean(v, valid)} {fix or 'Correct the label in the file.'}")


def _check_dir(data_dir, files: Iterable[str], corpus: str, where_to_get: str) -> Path:
    """``data_dir`` as a Path, or a :class:`StancemapError` naming the missing folder or files
    (and a subfolder that holds them all, if there is one)."""
    d, files = Path(data_dir), list(files)
    if not d.is_dir():
        raise StancemapError(f"Data folder {str(d)!r} does not exist or is not a folder. Pass --data DIR, the "
                             f"folder that holds the {corpus} files ({', '.join(files)}). {where_to_get}")
    missing = [f for f in files if not (d / f).exists()]
    if missing:
        have = sorted(p.name for p in d.iterdir())
        sub = [p for p in sorted(d.iterdir()) if p.is_dir() and all((p / f).exists() for f in files)]
        hint = f" They are in {str(sub[0])!r}: pass --data {sub[0]}." if sub else ""
        raise StancemapError(f"{corpus}: {', '.join(repr(str(d / f)) for f in missing)} not found. The folder must "
                             f"hold {', '.join(files)}. Found: {', '.join(have[:12]) or '(empty folder)'}"
                             f"{' …' if len(have) > 12 else ''}.{hint} {where_to_get}")
    return d


# --------------------------------------------------------------------------- SemEval-2016 Task 6

#: Columns of the SemEval-2016 Task 6 annotation files, in order.
SEMEVAL2016_HEADER = ("ID", "Target", "Tweet", "Stance", "Opinion towards", "Sentiment")
#: The subtask A files, by split.
SEMEVAL2016_FILES = {"train": "trainingdata-all-annotations.txt", "test": "testdata-taskA-all-annotations.txt"}
#: Columns of :func:`read_semeval2016`.
SEMEVAL2016_COLUMNS = ["id", "target", "text", "stance", "opinion_towards", "sentiment", "split", "file", "line"]
_SEMEVAL2016_SOURCE = ("SemEval-2016 Task 6 is not redistributable here: get stance-data-all-annotations.zip "
                       "from the task organisers (Mohammad et al. 2016) and unzip it.")


def read_semeval2016(path: str | os.PathLike, split: str = "", encoding: str = "auto") -> pd.DataFrame:
    """One SemEval-2016 Task 6 annotation file as a table.

    Columns :data:`SEMEVAL2016_COLUMNS`; ``stance`` is favor/against/none, ``text``
    the tweet as given (its ``#SemST`` tag included). The file is read as the
    organisers' script reads it: one tweet per line, fields split on tabs, no
    quote characters (a tweet may start with ``"``). A tweet that contains a tab
    is re-joined. ``Opinion towards`` and ``Sentiment`` may be absent. The
    decoding is in ``.attrs["decoding"]``.
    """
    p = Path(path)
    text, info = read_text(p, encoding)
    lone_cr = len(re.findall(r"\r(?!\n)", text))
    text = text.replace("\r\n", "\n").replace("\r", " ")
    lines = text.split("\n")
    while lines and not lines[-1].strip():
        lines.pop()
    if not lines:
        raise StancemapError(f"{str(p)!r} is empty. Expected the SemEval-2016 Task 6 file with the header "
                             f"{chr(9).join(SEMEVAL2016_HEADER)!r}.")
    header = [_norm_header(h) for h in lines[0].split("\t")]
    want = [_norm_header(h) for h in SEMEVAL2016_HEADER]
    if header[:4] != want[:4] or any(h not in want for h in header):
        hint = (" It looks comma-separated; the SemEval-2016 files are tab-separated."
                if "\t" not in lines[0] and "," in lines[0] else "")
        raise StancemapError(f"{str(p)!r} has the header {lines[0].strip()!r}; expected the tab-separated "
                             f"columns {', '.join(SEMEVAL2016_HEADER)} (the last two optional).{hint} Is this a "
                             "SemEval-2016 Task 6 *-all-annotations.txt file?")
    n = len(header)
    rows, blank = [], 0
    for lineno, line in enumerate(lines[1:], start=2):
        if not line.strip():
            blank += 1
            continue
        f = line.split("\t")
        if len(f) < 4:
            raise StancemapError(f"{str(p)!r} line {lineno} has {len(f)} tab-separated field(s); expected {n} "
                                 f"({', '.join(SEMEVAL2016_HEADER[:n])}). Check that the line was not broken "
                                 "in two, or that tabs were not replaced by spaces.")
        if len(f) > n:  # a tab inside the tweet: the first two and last n-3 fields are fixed
            f = [f[0], f[1], "\t".join(f[2:len(f) - (n - 3)]), *f[len(f) - (n - 3):]]
        f = f + [""] * (n - len(f))
        rec = dict(zip(header, f))
        stance = _stance_code(rec["stance"], f"{str(p)!r} line {lineno}",
                              "The file must carry gold labels: use the *-all-annotations.txt files."
                              if rec["stance"].strip().upper() == "UNKNOWN" else "")
        target = rec["target"].strip()
        if not target:
            raise StancemapError(f"{str(p)!r} line {lineno} has an empty Target. Every tweet needs one of the "
                                 "task's targets.")
        rows.append((rec["id"].strip(), target, rec["tweet"], stance, rec.get("opinion towards", "").strip(),
                     rec.get("sentiment", "").strip(), split, p.name, lineno))
    if blank:
        warnings.warn(f"{p.name}: skipped {blank} blank line(s).", stacklevel=2)
    df = pd.DataFrame(rows, columns=SEMEVAL2016_COLUMNS)
    dup = int(df.duplicated(["id", "target"]).sum())
    if dup:
        warnings.warn(f"{p.name}: {dup} (ID, Target) pair(s) occur more than once; all are kept.", stacklevel=2)
    df.attrs["decoding"] = {**info, "lone_cr_as_space": lone_cr}
    return df


def load_semeval2016(data_dir: str | os.PathLike, encoding: str = "auto") -> pd.DataFrame:
    """Both subtask A files of ``data_dir`` in one table, ``split`` = train / test.

    Raises :class:`StancemapError` when the folder or a file is missing or
    malformed. ``.attrs["decoding"]`` maps file name → decoding info.
    """
    d = _check_dir(data_dir, SEMEVAL2016_FILES.values(), "SemEval-2016 Task 6", _SEMEVAL2016_SOURCE)
    parts, dec = [], {}
    for split, name in SEMEVAL2016_FILES.items():
        t = read_semeval2016(d / name, split, encoding)
        dec[name] = t.attrs["decoding"]
        parts.append(t)
    df = pd.concat(parts, ignore_index=True)
    df.attrs["decoding"] = dec
    return df


# --------------------------------------------------------------------------- RUW

#: Columns of the RUW CSV files, in order.
RUW_HEADER = ("Tweet", "Target 1", "Stance 1", "Target 2", "Stance 2", "Test/Train/Dev")
#: The RUW files, by split.
RUW_FILES = {"train": "raw_train_Russia_Ukraine.csv", "val": "raw_val_Russia_Ukraine.csv",
             "test": "raw_test_Russia_Ukraine.csv"}
#: The targets of RUW (other spellings are mapped to these, case-insensitively).
RUW_TARGETS = ("Russia", "Ukraine")
#: Columns of :func:`read_ruw`.
RUW_COLUMNS = ["tweet_id", "target", "text", "stance", "pair", "split", "split_label", "file", "row"]
_RUW_SOURCE = "RUW is not redistributable here: get the raw_*_Russia_Ukraine.csv files from its authors."


def read_ruw(path: str | os.PathLike, split: str = "", encoding: str = "auto") -> pd.DataFrame:
    """One RUW CSV file, expanded to one row per (tweet, target).

    Columns :data:`RUW_COLUMNS`: ``tweet_id`` is ``<split or file stem>-<row>``
    (``row`` = 1-based data row of the file), ``pair`` 1 or 2 (which target
    column), ``stance`` favor/against/none, ``split_label`` the file's
    ``Test/Train/Dev`` cell. Fields are standard CSV (quoted fields may hold
    commas, ``""`` and line breaks). An empty second pair is skipped; a half-filled
    pair (target without stance or the reverse) is skipped with a warning; a row
    with more fields than the header (an unquoted comma in the tweet) is
    re-joined, with a warning. Decoding: :func:`decode_bytes` (the files are
    documented as latin-1; stored copies hold GB 18030 punctuation, which ``auto``
    detects).
    """
    p = Path(path)
    text, info = read_text(p, encoding)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    records = list(csv.reader(io.StringIO(text, newline="")))
    while records and not any(c.strip() for c in records[-1]):
        records.pop()
    if not records:
        raise StancemapError(f"{str(p)!r} is empty. Expected a CSV with the header {','.join(RUW_HEADER)}.")
    header = [_norm_header(h) for h in records[0]]
    want = [_norm_header(h) for h in RUW_HEADER]
    missing = [RUW_HEADER[i] for i, h in enumerate(want) if h not in header and i < 5]
    if missing:
        hint = " It looks tab-separated; RUW files are comma-separated." if "\t" in ",".join(records[0]) else ""
        raise StancemapError(f"{str(p)!r} has the header {','.join(records[0])!r}: column(s) "
                             f"{', '.join(missing)} missing. Expected {','.join(RUW_HEADER)}.{hint} Is this an "
                             "RUW raw_*_Russia_Ukraine.csv file?")
    col = {h: header.index(h) for h in want if h in header}
    n = len(header)
    rows, rejoined, padded, half, blank = [], 0, 0, 0, 0
    canon = {t.casefold(): t for t in RUW_TARGETS}
    stem = split or p.stem
    for rowno, rec in enumerate(records[1:], start=1):
        if not any(c.strip() for c in rec):
            blank += 1
            continue
        if len(rec) > n and col[want[0]] == 0:  # unquoted commas inside the tweet
            extra = len(rec) - n
            rec = [",".join(rec[:extra + 1]), *rec[extra + 1:]]
            rejoined += 1
        elif len(rec) < n:
            rec = rec + [""] * (n - len(rec))
            padded += 1
        tweet = rec[col[want[0]]]
        label = rec[col[want[5]]].strip() if want[5] in col else ""
        for k in (1, 2):
            target = rec[col[want[2 * k - 1]]].strip()
            stance = rec[col[want[2 * k]]].strip()
            if not target and not stance:
                if k == 1:
                    half += 1
                continue
            if not target or not stance:
                half += 1
                continue
            target = canon.get(target.casefold(), target)
            code = _stance_code(stance, f"{str(p)!r} data row {rowno} (column 'Stance {k}')")
            rows.append((f"{stem}-{rowno:05d}", target, tweet, code, k, split, label, p.name, rowno))
    df = pd.DataFrame(rows, columns=RUW_COLUMNS)
    if rejoined:
        warnings.warn(f"{p.name}: {rejoined} row(s) had more fields than the header (unquoted commas in the "
                      "tweet); their leading fields were joined back into the tweet.", stacklevel=2)
    if padded:
        warnings.warn(f"{p.name}: {padded} row(s) had fewer fields than the header; the missing trailing cells "
                      "were read as empty.", stacklevel=2)
    if half:
        warnings.warn(f"{p.name}: skipped {half} (target, stance) pair(s) with an empty target or stance "
                      "(an empty first pair, or a target without a stance or vice versa).", stacklevel=2)
    if blank:
        warnings.warn(f"{p.name}: skipped {blank} blank row(s).", stacklevel=2)
    dup = int(df.duplicated(["tweet_id", "target"]).sum())
    if dup:
        warnings.warn(f"{p.name}: {dup} tweet(s) name the same target twice; both pairs are kept.", stacklevel=2)
    other = sorted(set(df["target"]) - set(RUW_TARGETS))
    if other:
        warnings.warn(f"{p.name}: target(s) {', '.join(map(repr, other))} are not RUW's "
                      f"{' and '.join(RUW_TARGETS)}; they are kept as given.", stacklevel=2)
    df.attrs["decoding"] = info
    df.attrs["tweets"] = len(records) - 1 - blank
    return df


def load_ruw(data_dir: str | os.PathLike, encoding: str = "auto") -> pd.DataFrame:
    """The three RUW files of ``data_dir`` in one expanded table, ``split`` = train / val / test.

    ``.attrs``: ``decoding`` (file → decoding info), ``tweets`` (split → tweets read).
    """
    d = _check_dir(data_dir, RUW_FILES.values(), "RUW", _RUW_SOURCE)
    parts, dec, tweets = [], {}, {}
    for split, name in RUW_FILES.items():
        t = read_ruw(d / name, split, encoding)
        dec[name], tweets[split] = t.attrs["decoding"], t.attrs["tweets"]
        parts.append(t)
    df = pd.concat(parts, ignore_index=True)
    df.attrs.update(decoding=dec, tweets=tweets)
    return df


# --------------------------------------------------------------------------- SemEval-2023 Task 3

#: The 14 frames of SemEval-2023 Task 3 subtask 2 (Policy Frames Codebook, Boydstun et al. 2014).
FRAMES_2023 = ("Economic", "Capacity_and_resources", "Morality", "Fairness_and_equality",
               "Legality_Constitutionality_and_jurisprudence", "Policy_prescription_and_evaluation",
               "Crime_and_punishment", "Security_and_defense", "Health_and_safety", "Quality_of_life",
               "Cultural_identity", "Public_opinion", "Political", "External_regulation_and_reputation")
#: Default file and folder names of the English training data.
SEMEVAL2023_ARTICLES = "train-articles-subtask-2"
SEMEVAL2023_LABELS = "train-labels-subtask-2.txt"
#: Columns of :func:`load_semeval2023_frames`.
SEMEVAL2023_COLUMNS = ["article_id", "title", "body", "text", "frames", "n_frames", "file"]
_SEMEVAL2023_SOURCE = ("SemEval-2023 Task 3 data are not redistributable here: request them from the task "
                       "organisers (Piskorski et al. 2023) and pass the language folder, e.g. data/en.")


def _frame_key(s: str) -> str:
    return re.sub(r"[\s_\-,/]+", "_", s.strip()).strip("_").casefold()


_FRAME_CANON = {_frame_key(f): f for f in FRAMES_2023}


def _canon_frame(label: str, where: str) -> str:
    key = _frame_key(label)
    if key in _FRAME_CANON:
        return _FRAME_CANON[key]
    raise StancemapError(f"Unknown frame {label.strip()!r} in {where}. Valid: {', '.join(FRAMES_2023)}."
                         f"{did_you_mean(label.strip(), FRAMES_2023)} Fix the label (SemEval-2023 Task 3 "
                         "subtask 2 uses these 14 names).")


def read_semeval2023_labels(path: str | os.PathLike, encoding: str = "auto") -> pd.DataFrame:
    """The subtask-2 labels file: ``<ID>\\t<Frame>,<Frame>,…`` per line → columns
    ``article_id, frames`` (``;``-joined, in :data:`FRAMES_2023` order), ``line``.

    Frame names are matched case-insensitively, with spaces or hyphens for
    underscores. An ``article`` prefix on the ID is dropped. A line with an ID and
    no frame is kept with no frame (warning).
    """
    p = Path(path)
    text, _ = read_text(p, encoding)
    rows, empty = [], 0
    for lineno, line in enumerate(text.replace("\r\n", "\n").replace("\r", "\n").split("\n"), start=1):
        if not line.strip():
            continue
        parts = line.strip().split("\t", 1) if "\t" in line else line.strip().split(None, 1)
        art = re.sub(r"^article", "", parts[0].strip(), flags=re.I)
        if not art or not re.fullmatch(r"[\w.-]+", art):
            raise StancemapError(f"{str(p)!r} line {lineno}: {line.strip()[:60]!r} does not start with an article "
                                 "ID. Each line must be <ID><TAB><Frame>,<Frame>,… (SemEval-2023 Task 3 "
                                 "subtask 2).")
        if lineno == 1 and not art.isdigit() and _frame_key(parts[-1]) in ("frames", "labels", "label"):
            continue  # a header line
        labels = [s for s in re.split(r"[,;]", parts[1]) if s.strip()] if len(parts) > 1 else []
        if not labels:
            empty += 1
        found = {_canon_frame(s, f"{str(p)!r} line {lineno}") for s in labels}
        rows.append((art, ";".join(f for f in FRAMES_2023 if f in found), lineno))
    df = pd.DataFrame(rows, columns=["article_id", "frames", "line"])
    if empty:
        warnings.warn(f"{p.name}: {empty} article(s) have no frame label; they are kept with none.", stacklevel=2)
    dup = df["article_id"][df["article_id"].duplicated()].tolist()
    if dup:
        raise StancemapError(f"{str(p)!r}: article ID {dup[0]!r} is listed more than once. Keep one line per "
                             "article.")
    return df


def read_article(path: str | os.PathLike, encoding: str = "auto") -> tuple[str, str]:
    """``(title, body)`` of a SemEval-2023 article file: the first non-empty line is
    the title, the rest (leading blank lines dropped) the body."""
    text, _ = read_text(path, encoding)
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    while lines and not lines[0].strip():
        lines.pop(0)
    if not lines:
        return "", ""
    return lines[0].strip(), "\n".join(lines[1:]).strip()


def load_semeval2023_frames(data_dir: str | os.PathLike, *, articles: str = SEMEVAL2023_ARTICLES,
                            labels: str = SEMEVAL2023_LABELS, encoding: str = "auto") -> pd.DataFrame:
    """Articles and frame labels of SemEval-2023 Task 3 subtask 2, one row per labelled article.

    ``data_dir/articles/article<ID>.txt`` (title, then body) and
    ``data_dir/labels``. Columns :data:`SEMEVAL2023_COLUMNS`: ``text`` = title,
    blank line, body; ``frames`` ``;``-joined. Sorted by ``article_id`` (numerically
    when the IDs are numbers). Labelled articles without a file, and files without
    labels, are left out with a warning.
    """
    d = Path(data_dir)
    if d.is_dir() and not (d / labels).exists() and (d / "en" / labels).exists():
        raise StancemapError(f"{str(d / labels)!r} not found, but {str(d / 'en' / labels)!r} exists: pass "
                             f"--data {d / 'en'} (the language folder).")
    d = _check_dir(d, [articles, labels], "SemEval-2023 Task 3 subtask 2", _SEMEVAL2023_SOURCE)
    if not (d / articles).is_dir():
        raise StancemapError(f"{str(d / articles)!r} is not a folder. It must hold the article<ID>.txt files.")
    lab = read_semeval2023_labels(d / labels, encoding)
    files = {}
    for f in (d / articles).iterdir():
        m = re.fullmatch(r"article(.+)\.txt", f.name)
        if m and f.is_file():
            files[m.group(1)] = f
    rows, missing = [], []
    for art, frames in zip(lab["article_id"], lab["frames"]):
        f = files.get(art)
        if f is None:
            missing.append(art)
            continue
        title, body = read_article(f, encoding)
        text = f"{title}\n\n{body}" if body else title
        rows.append((art, title, body, text, frames, len(frames.split(";")) if frames else 0, f.name))
    if missing:
        warnings.warn(f"{len(missing)} labelled article(s) have no file in {articles}/ (e.g. article"
                      f"{missing[0]}.txt); left out.", stacklevel=2)
    unlabelled = sorted(set(files) - set(lab["article_id"]))
    if unlabelled:
        warnings.warn(f"{len(unlabelled)} article file(s) in {articles}/ have no line in {labels} (e.g. "
                      f"article{unlabelled[0]}.txt); left out.", stacklevel=2)
    if not rows:
        raise StancemapError(f"No labelled article found: none of the {len(lab)} IDs in {labels} has an "
                             f"article<ID>.txt file in {str(d / articles)!r}.")
    df = pd.DataFrame(rows, columns=SEMEVAL2023_COLUMNS)
    key = pd.to_numeric(df["article_id"], errors="coerce")
    order = np.lexsort((df["article_id"].to_numpy(), key.fillna(np.inf).to_numpy()))
    return df.iloc[order].reset_index(drop=True)


def frame_indicators(frames: pd.Series | Sequence[str], labels: Sequence[str] = FRAMES_2023) -> np.ndarray:
    """A 0/1 matrix (rows × ``labels``) from ``;``-joined frame lists."""
    labels = list(labels)
    out = np.zeros((len(frames), len(labels)), dtype=int)
    for i, v in enumerate(list(frames)):
        for f in (s.strip() for s in str(v or "").split(";")):
            if f:
                if f not in labels:
                    raise StancemapError(f"Unknown frame {f!r}. Valid: {', '.join(labels)}.{did_you_mean(f, labels)}")
                out[i, labels.index(f)] = 1
    return out


# --------------------------------------------------------------------------- stance metrics

def semeval_f_avg(gold: Sequence[str], pred: Sequence[str]) -> dict:
    """The official SemEval-2016 Task 6 score: F_avg = (F1_favor + F1_against) / 2.

    Precision, recall and F1 of ``favor`` and of ``against`` are counted over all
    items together (micro across targets, as the task's ``eval.pl`` does); an empty
    denominator gives 0. ``none`` counts only through the errors it causes.
    Returns ``f_avg``, ``f_favor``, ``f_against``, ``p_*``, ``r_*`` and ``n``.
    """
    g = np.asarray([str(x) for x in gold], dtype=object)
    p = np.asarray([str(x) for x in pred], dtype=object)
    if len(g) != len(p):
        raise StancemapError(f"Got {len(g)} gold labels but {len(p)} predictions; they must pair up.")
    out = {"n": len(g)}
    fs = []
    for lab in ("favor", "against"):
        tp = int(((g == lab) & (p == lab)).sum())
        npred, ngold = int((p == lab).sum()), int((g == lab).sum())
        prec = tp / npred if npred else 0.0
        rec = tp / ngold if ngold else 0.0
        f = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
        out.update({f"p_{lab}": prec, f"r_{lab}": rec, f"f_{lab}": f})
        fs.append(f)
    out["f_avg"] = (fs[0] + fs[1]) / 2
    return out


def stance_scores(gold: Sequence[str], pred: Sequence[str]) -> dict:
    """F_avg (:func:`semeval_f_avg`), macro-F1 over favor/against/none and accuracy,
    with per-label precision/recall/F1/support (:func:`stancemap.validate.stance_metrics`)."""
    from .validate import stance_metrics

    per, _, summary = stance_metrics("stance", list(gold), list(pred), list(STANCE_ORDER))
    fa = semeval_f_avg(gold, pred)
    r4 = _r4
    return {"n": fa["n"], "f_avg": r4(fa["f_avg"]), "f_favor": r4(fa["f_favor"]), "f_against": r4(fa["f_against"]),
            "macro_f1": r4(summary["macro_f1"]), "accuracy": r4(summary["accuracy"]),
            "per_label": {lab: {"precision": r4(pr), "recall": r4(rc), "f1": r4(f1), "support": sup,
                                "predicted": npred}
                          for _, lab, pr, rc, f1, sup, npred in per}}


def _missing_none(v):
    """``None`` for a missing table cell (NaN, pd.NA), else ``v``."""
    if v is None or v is pd.NA or (isinstance(v, float) and np.isnan(v)):
        return None
    return v


def _r4(x):
    return None if x is None or (isinstance(x, float) and np.isnan(x)) else round(float(x), 4)


# --------------------------------------------------------------------------- stance models

#: Configuration of a stance benchmark model (see :func:`stance_probabilities`).
#: ``mode``: ``per_target`` (one classifier per target, the organisers' baseline)
#: or ``joint`` (one classifier for all targets, the target as a token in the text);
#: ``none_weight`` multiplies P(none) before the arg-max (a decision threshold; below
#: 1 favours favor/against, which F_avg rewards). The rest are
#: :class:`~stancemap.models.StanceClassifier` parameters; codebook cues are off
#: (they belong to the ceasefire codebook).
STANCE_BASE_CONFIG = {"mode": "per_target", "estimator": "svm", "C": 0.5, "class_weight": "balanced",
                      "word_ngrams": (1, 2), "char_ngrams": (2, 5), "min_df": 1, "max_features": None,
                      "calibration_cv": 3, "none_weight": 1.0}
#: The configurations :func:`select_stance_config` compares by cross-validation on the
#: training data (all combinations; ``none_weight`` is applied to the same out-of-fold
#: probabilities, so it costs no extra training).
STANCE_GRID = {"mode": ["per_target", "joint"], "C": [0.05, 0.1, 0.3, 1.0], "class_weight": [None, "balanced"],
               "word_ngrams": [(1, 2), (1, 3)], "none_weight": [1.0, 0.9, 0.8, 0.7]}
_FEATURE_KEYS = ("mode", "word_ngrams", "char_ngrams", "min_df", "max_features")
_CLF_KEYS = ("estimator", "C", "class_weight", "calibration_cv")


def stance_config(config: Mapping | None = None) -> dict:
    """:data:`STANCE_BASE_CONFIG` updated with ``config`` (lists → tuples); unknown keys raise."""
    cfg = dict(STANCE_BASE_CONFIG)
    for k, v in (config or {}).items():
        if k not in cfg:
            raise StancemapError(f"Unknown stance configuration key {k!r}. Valid: {', '.join(cfg)}."
                                 f"{did_you_mean(k, cfg)}")
        cfg[k] = tuple(v) if isinstance(v, list) else v
    if cfg["mode"] not in ("per_target", "joint"):
        raise StancemapError(f"Unknown mode {cfg['mode']!r}. Valid: per_target, joint.")
    if not float(cfg["none_weight"]) > 0:
        raise StancemapError(f"none_weight must be > 0, got {cfg['none_weight']!r}.")
    return cfg


def target_marker(target: str) -> str:
    """The token that names ``target`` in a joint model's text (``zztarget<letters>``)."""
    return "zztarget" + (re.sub(r"[^a-z0-9]+", "", unicodedata.normalize("NFKD", target).casefold()) or "x")


def _units(train: pd.DataFrame, test: pd.DataFrame, mode: str):
    """(train texts, train labels, test positions, test texts) per model."""
    if mode == "joint":
        def mark(df):
            return [f"{target_marker(t)} {x}" for t, x in zip(df["target"], df["text"])]
        yield "all", mark(train), train["stance"].tolist(), np.arange(len(test)), mark(test)
        return
    trained = set(train["target"])
    unseen = sorted(set(test["target"]) - trained)
    if unseen:
        raise StancemapError(f"Target(s) {', '.join(map(repr, unseen))} have no training tweet; a per-target model "
                             f"cannot score them. Training targets: {', '.join(sorted(trained))}.")
    for t in sorted(set(test["target"])):
        tr = train[train["target"] == t]
        pos = np.flatnonzero((test["target"] == t).to_numpy())
        yield t, tr["text"].tolist(), tr["stance"].tolist(), pos, test["text"].iloc[pos].tolist()


def stance_probabilities(train: pd.DataFrame, test: pd.DataFrame, configs: Sequence[Mapping],
                         random_state: int = 0) -> list[np.ndarray]:
    """P(favor, against, none) for every ``test`` row under each configuration.

    ``train`` and ``test`` need ``target``, ``text`` and ``stance`` (train only).
    The shipped pipeline: features from :func:`~stancemap.models.make_features`
    fitted on the training texts of each model, a
    :class:`~stancemap.models.StanceClassifier` fitted on them
    (``fit_transformed``, what ``StanceClassifier.fit`` does). Configurations
    that share a feature set share one fitted vocabulary. Returns one
    ``(len(test), 3)`` array per configuration, columns :data:`STANCE_ORDER`
    (a label absent from a target's training data gets probability 0).
    """
    from .models import StanceClassifier, make_features

    cfgs = [stance_config(c) for c in configs]
    out = [np.zeros((len(test), len(STANCE_ORDER))) for _ in cfgs]
    test = test.reset_index(drop=True)
    groups: dict[tuple, list[int]] = {}
    for i, c in enumerate(cfgs):
        groups.setdefault(tuple(c[k] for k in _FEATURE_KEYS), []).append(i)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)
        for key, members in groups.items():
            fk = dict(zip(_FEATURE_KEYS, key))
            for _, texts, y, pos, test_texts in _units(train, test, fk["mode"]):
                if not len(pos):
                    continue
                features = make_features(fk["word_ngrams"], fk["char_ngrams"], fk["min_df"],
                                         fk["max_features"], None)
                Xtr = features.fit_transform(texts)  # = fit(texts).transform(texts), in one pass
                Xte = features.transform(test_texts)
                for i in members:
                    if len(set(y)) < 2:  # one label only: predict it
                        out[i][np.ix_(pos, [STANCE_ORDER.index(y[0])])] = 1.0
                        continue
                    clf = StanceClassifier(random_state=random_state, cues=None,
                                           **{k: cfgs[i][k] for k in _CLF_KEYS}).fit_transformed(features, Xtr, y)
                    proba = clf.proba_transformed(Xte)
                    for j, lab in enumerate(clf.classes_):
                        out[i][pos, STANCE_ORDER.index(str(lab))] = proba[:, j]
    return out


def decide(proba: np.ndarray, none_weight: float = 1.0) -> np.ndarray:
    """Labels from :data:`STANCE_ORDER` probabilities, P(none) multiplied by ``none_weight``."""
    w = np.ones(len(STANCE_ORDER))
    w[STANCE_ORDER.index("none")] = none_weight
    return np.asarray(STANCE_ORDER, dtype=object)[np.argmax(np.asarray(proba) * w, axis=1)]


def _grid(grid: Mapping) -> list[dict]:
    keys = list(grid)
    return [dict(zip(keys, vals)) for vals in itertools.product(*(grid[k] for k in keys))]


def stance_folds(df: pd.DataFrame, folds: int, random_state: int = 0) -> list[tuple[np.ndarray, np.ndarray]]:
    """Stratified ``folds``-fold splits of a stance table by (target, stance), seeded."""
    from sklearn.model_selection import StratifiedKFold

    if not isinstance(folds, (int, np.integer)) or folds < 2:
        raise StancemapError(f"folds must be a whole number ≥ 2, got {folds!r}.")
    strata = (df["target"].astype(str) + "|" + df["stance"].astype(str)).to_numpy()
    counts = Counter(strata)
    if min(counts.values()) < folds:  # pool rare (target, stance) cells by stance
        strata = np.array([s if counts[s] >= folds else "rare|" + s.split("|")[1] for s in strata])
    small = {k: v for k, v in Counter(strata).items() if v < folds}
    if small:
        k, v = min(small.items(), key=lambda kv: kv[1])
        raise StancemapError(f"Too few training tweets to cross-validate with {folds} folds: stance "
                             f"{k.split('|')[1]!r} has {v}. Use --folds {max(2, v)} or fewer.")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)
        return list(StratifiedKFold(folds, shuffle=True, random_state=random_state).split(strata, strata))


def select_stance_config(train: pd.DataFrame, grid: Mapping | None = None, *, folds: int = 5,
                         random_state: int = 0, jobs: int = 1) -> tuple[dict, pd.DataFrame]:
    """Pick the configuration with the best cross-validated F_avg on ``train``.

    Every combination of ``grid`` (default :data:`STANCE_GRID`; keys of
    :data:`STANCE_BASE_CONFIG`) is trained on the same stratified folds
    (:func:`stance_folds`) and scored by the official F_avg over all out-of-fold
    predictions (micro across targets). Only ``train`` is used — never a test
    file. Ties go to the earlier combination. Returns the best configuration and
    a table of all candidates (``cv_f_avg``, ``cv_macro_f1``, the grid keys),
    best first. ``jobs`` > 1 trains the folds in parallel processes (same result).
    """
    from joblib import Parallel, delayed

    grid = dict(STANCE_GRID if grid is None else grid)
    weights = [float(w) for w in grid.pop("none_weight", [STANCE_BASE_CONFIG["none_weight"]])]
    if not grid:
        grid = {"mode": [STANCE_BASE_CONFIG["mode"]]}
    cands = [stance_config(c) for c in _grid(grid)]
    train = train.reset_index(drop=True)
    oof = [np.zeros((len(train), len(STANCE_ORDER))) for _ in cands]
    splits = stance_folds(train, folds, random_state)
    fold_probs = Parallel(n_jobs=jobs)(delayed(stance_probabilities)(train.iloc[tr], train.iloc[te], cands,
                                                                     random_state) for tr, te in splits)
    for (_, te), probs in zip(splits, fold_probs):
        for i, p in enumerate(probs):
            oof[i][te] = p
    gold = train["stance"].tolist()
    from .validate import stance_metrics

    rows, picks = [], []
    for i, c in enumerate(cands):
        for w in weights:
            pred = decide(oof[i], w)
            fa = semeval_f_avg(gold, pred)["f_avg"]
            macro = stance_metrics("cv", gold, list(pred), list(STANCE_ORDER))[2]["macro_f1"]
            rows.append({**jsonable_config({**c, "none_weight": w}), "cv_f_avg": fa, "cv_macro_f1": macro})
            picks.append({**c, "none_weight": w})
    order = sorted(range(len(rows)), key=lambda j: (-rows[j]["cv_f_avg"], j))
    table = pd.DataFrame([rows[j] for j in order])
    return picks[order[0]], table


def stance_benchmark(train: pd.DataFrame, test: pd.DataFrame, *, config: Mapping | None = None,
                     grid: Mapping | None = None, folds: int = 5, random_state: int = 0,
                     top: int = 5, jobs: int = 1) -> dict:
    """Train on ``train``, score ``test``: the shared body of the stance benchmarks.

    With ``config`` that configuration is used as given; otherwise
    :func:`select_stance_config` picks one from ``grid`` by ``folds``-fold
    cross-validation on ``train`` alone. The chosen configuration is then fitted
    on all of ``train`` (:func:`stance_probabilities`) and ``test`` is scored with
    :func:`stance_scores` overall (F_avg micro across targets, as the official
    script) and per target. Returns a JSON-ready dict: ``metrics``,
    ``per_target``, ``configuration``, ``selection``, ``label_counts``, ``seconds``.
    """
    import time

    for name, df in (("training", train), ("test", test)):
        if df.empty:
            raise StancemapError(f"The {name} data are empty.")
    t0 = time.perf_counter()
    if config is not None:
        best = stance_config(config)
        selection = {"method": "fixed (--config); no selection", "folds": None}
    else:
        best, table = select_stance_config(train, grid, folds=folds, random_state=random_state, jobs=jobs)
        keys = [c for c in table.columns if c not in ("cv_f_avg", "cv_macro_f1")]
        selection = {
            "method": f"{folds}-fold stratified cross-validation on the training data only (never the test "
                      "file), official F_avg over all out-of-fold predictions; ties to the earlier candidate",
            "folds": folds, "seed": random_state, "candidates": len(table),
            "grid": {k: [list(v) if isinstance(v, tuple) else v for v in vals]
                     for k, vals in (STANCE_GRID if grid is None else grid).items()},
            "cv_f_avg": _r4(table["cv_f_avg"].iloc[0]), "cv_macro_f1": _r4(table["cv_macro_f1"].iloc[0]),
            "top": [{**{k: _missing_none(r[k]) for k in keys}, "cv_f_avg": _r4(r["cv_f_avg"]),
                     "cv_macro_f1": _r4(r["cv_macro_f1"])} for r in table.head(top).to_dict("records")],
        }
    t1 = time.perf_counter()
    test = test.reset_index(drop=True)
    proba = stance_probabilities(train, test, [best], random_state)[0]
    pred = decide(proba, float(best["none_weight"]))
    t2 = time.perf_counter()
    gold = test["stance"].tolist()
    per_target = {}
    for t in sorted(set(test["target"])):
        m = (test["target"] == t).to_numpy()
        per_target[t] = {"n_train": int((train["target"] == t).sum()),
                         **stance_scores([g for g, k in zip(gold, m) if k], pred[m])}
    counts = {name: {t: {lab: int(((df["target"] == t) & (df["stance"] == lab)).sum()) for lab in STANCE_ORDER}
                     for t in sorted(set(df["target"]))}
              for name, df in (("train", train), ("test", test))}
    return {"metrics": stance_scores(gold, pred), "per_target": per_target,
            "configuration": jsonable_config(best), "selection": selection, "label_counts": counts,
            "predictions": pred,
            "seconds": {"selection": round(t1 - t0, 1), "train_and_predict": round(t2 - t1, 1)}}


def json_option(value: str | None, what: str) -> dict | None:
    """A JSON object given on the command line (``--config``, ``--grid``), or None."""
    import json

    if value is None:
        return None
    try:
        out = json.loads(value)
    except json.JSONDecodeError as e:
        raise StancemapError(f"--{what} is not valid JSON ({e.msg}): {value!r}. Example: "
                             "'{\"C\": 0.3, \"mode\": \"joint\"}'.") from None
    if not isinstance(out, dict):
        raise StancemapError(f"--{what} must be a JSON object, e.g. '{{\"C\": 0.3}}', not {value!r}.")
    return out


def jsonable_config(cfg: Mapping) -> dict:
    """A configuration with tuples as lists and numpy scalars as Python numbers, for JSON."""
    out = {}
    for k, v in cfg.items():
        if isinstance(v, tuple):
            v = list(v)
        elif isinstance(v, np.generic):
            v = v.item()
        out[k] = v
    return out


__all__ = ["FRAMES_2023", "RUW_COLUMNS", "RUW_FILES", "RUW_HEADER", "RUW_TARGETS", "SEMEVAL2016_COLUMNS",
           "SEMEVAL2016_FILES", "SEMEVAL2016_HEADER", "SEMEVAL2023_ARTICLES", "SEMEVAL2023_COLUMNS",
           "SEMEVAL2023_LABELS", "STANCE_BASE_CONFIG", "STANCE_CODES", "STANCE_GRID", "STANCE_ORDER", "decide",
           "decode_bytes", "frame_indicators", "json_option", "jsonable_config", "load_ruw", "load_semeval2016",
           "load_semeval2023_frames", "read_article", "read_ruw", "read_semeval2016", "read_semeval2023_labels",
           "read_text", "select_stance_config", "semeval_f_avg", "stance_config", "stance_folds",
           "stance_benchmark", "stance_probabilities", "stance_scores", "target_marker"]
