"""Loader of the UN General Debate Corpus 2014–2024 (Baturo, Dasandi & Mikhaylov 2017), with its
country → actor map and the speakers table."""
from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import yaml

from ..clean import repair_text
from ..errors import StancemapError, unknown_value
from ..paths import bundled
from ..schema import UNATTRIBUTED, require_columns
from .documents import documents_table, provenance, warn
from .registry import Dataset, get_dataset
from .store import require_files

UNGDC_EXTRA_COLUMNS = ["country_code", "country", "session", "year", "speaker_post"]
_UNGDC_FILE = re.compile(r"TXT/Session (\d+) - (\d{4})/([A-Z]{2,3})_(\d+)_(\d{4})\.txt$")
_UNGDC_SPEAKERS = "data/data_original/Speakers_by_session.xlsx"
_HONORIFIC = re.compile(r"^(?:Mr|Mrs|Ms|Miss|Mme|Mister)\.?\s+")


@dataclass(frozen=True)
class UngdcActors:
    """ISO3 code → actor group, and what to do with codes not listed."""

    codes: dict[str, str]
    unmapped: str = "skip"  # or "unattributed"
    source: str = "<dict>"


def load_ungdc_actors(actors_map: str | Path | Mapping | None = None) -> UngdcActors:
    """Read the UNGDC country → actor mapping (default: corpora/ungdc-actors.yaml).

    A file or dict shaped ``{actors: {group: [ISO3, …]}, unmapped: skip|unattributed}``;
    a plain ``{group: [ISO3, …]}`` or ``{ISO3: group}`` dict also works.
    """
    source = "<dict>"
    if actors_map is None or isinstance(actors_map, (str, Path)):
        path = bundled("ungdc-actors.yaml") if actors_map is None else Path(actors_map)
        if not path.is_file():
            raise StancemapError(f"UNGDC actor map {str(path)!r} does not exist. Pass a YAML file shaped like "
                                 "corpora/ungdc-actors.yaml, a dict such as {'us': ['USA']}, or nothing for "
                                 "the default.")
        try:
            data = yaml.safe_load(path.read_text(encoding="utf-8"))
        except yaml.YAMLError as e:
            raise StancemapError(f"UNGDC actor map {str(path)!r} is not valid YAML: {e}") from None
        source = str(path)
    elif isinstance(actors_map, Mapping):
        data = dict(actors_map)
    else:
        raise StancemapError(f"actors_map must be a path or a dict, not {type(actors_map).__name__}.")
    if not isinstance(data, dict):
        raise StancemapError(f"{source}: expected a mapping with an 'actors:' key.")
    unmapped = str(data.get("unmapped", "skip"))
    groups = data.get("actors", data if "actors" not in data else None)
    if not isinstance(groups, dict) or not groups:
        raise StancemapError(f"{source}: 'actors:' must map actor groups to lists of ISO3 codes, e.g. us: [USA].")
    codes: dict[str, str] = {}
    for key, value in groups.items():
        if key == "unmapped":
            continue
        if isinstance(value, str) and re.fullmatch(r"[A-Za-z]{2,3}", str(key)) and "actors" not in data:
            pairs = [(str(key).upper(), value)]          # {ISO3: group}
        elif isinstance(value, (list, tuple)):
            pairs = [(str(c).upper(), str(key)) for c in value]
        else:
            raise StancemapError(f"{source}: group {key!r} must list ISO3 codes, e.g. {key}: [USA], not {value!r}.")
        for code, group in pairs:
            if group == UNATTRIBUTED:
                raise StancemapError(f"{source}: {UNATTRIBUTED!r} is not a group; leave code {code} out instead.")
            if code in codes and codes[code] != group:
                raise StancemapError(f"{source}: code {code} is mapped to both {codes[code]!r} and {group!r}. "
                                     "Keep it under one group.")
            codes[code] = group
    if unmapped not in ("skip", "unattributed"):
        raise unknown_value(f"{source}: 'unmapped' policy", unmapped, ["skip", "unattributed"])
    return UngdcActors(codes, unmapped, source)


def _ungdc_files(ds: Dataset) -> pd.DataFrame:
    rows = []
    for f in ds.files:
        m = _UNGDC_FILE.search(f.path)
        if m:
            rows.append({"file": f, "code": m.group(3), "session": int(m.group(4)), "year": int(m.group(5))})
    return pd.DataFrame(rows, columns=["file", "code", "session", "year"])


@functools.lru_cache(maxsize=4)
def _speakers_cached(path: str, mtime: int, size: int) -> pd.DataFrame:
    return pd.read_excel(path, sheet_name=0, engine="openpyxl", dtype={"ISO Code": str})


def ungdc_speakers(path: str | Path, code_fixes: Mapping[str, str] | None = None) -> pd.DataFrame:
    """Speakers_by_session.xlsx as a tidy table: code, session, year, country,
    speaker (honorific "Mr."/"Mrs."/"Ms." and a trailing comma removed), post. ``code_fixes`` corrects
    mistyped codes (xlsx code → file code)."""
    p = Path(path)
    st = p.stat()
    raw = _speakers_cached(str(p.resolve()), st.st_mtime_ns, st.st_size)
    require_columns(raw, ["Year", "Session", "ISO Code", "Country", "Name of Person Speaking", "Post"],
                    f"speaker table {p.name}", "Re-fetch the dataset: the file differs from the registry's.")
    fixes = {str(k): str(v) for k, v in (code_fixes or {}).items()}
    strip = lambda s: s.fillna("").astype(str).str.replace(r"\s+", " ", regex=True).str.strip()  # noqa: E731
    code = strip(raw["ISO Code"])
    out = pd.DataFrame({
        "code": code.map(lambda c: fixes.get(c, c)),
        "session": pd.to_numeric(raw["Session"], errors="coerce").astype("Int64"),
        "year": pd.to_numeric(raw["Year"], errors="coerce").astype("Int64"),
        "country": strip(raw["Country"]),
        # "Giorgia Meloni," (Italy 2023): a stray comma at the end is no part of the name
        "speaker": strip(raw["Name of Person Speaking"]).str.replace(_HONORIFIC, "", regex=True)
        .str.replace(r"[\s,;]+\Z", "", regex=True),
        "post": strip(raw["Post"]),
    })
    return out


def load_ungdc(data_dir: str | Path | None = None, *, actors_map: str | Path | Mapping | None = None,
               countries: Iterable[str] | None = None, all_countries: bool = False,
               years: Iterable[int] | None = None, verify: bool = True,
               registry: str | Path | Mapping | None = None, name: str = "ungdc-2014-2024") -> pd.DataFrame:
    """Documents of the UN General Debate Corpus 2014–2024 (Baturo, Dasandi &
    Mikhaylov 2017; Jankin, Baturo & Dasandi): one speech per row, ``doc_kind="official"``.

    - ``doc_actor`` from the country code through ``actors_map`` (default
      corpora/ungdc-actors.yaml: USA → us, RUS → russia, UKR → ukraine, the EU and
      DEU/FRA/GBR/ITA/ESP/POL → europe). By default only mapped countries are
      loaded; ``all_countries=True`` keeps the rest as ``unattributed``;
      ``countries=["CHN", …]`` loads exactly those (unmapped → ``unattributed``).
    - ``doc_speaker`` and ``speaker_post`` from Speakers_by_session.xlsx, matched
      on code, session and year (speeches without a row are warned about).
    - ``date`` is the opening day of that year's general debate (from the
      registry; approximate: the debate lasts about a week).
    - ``text`` has the PDF line wrapping undone (:func:`stancemap.clean.unwrap_lines`).
    Extra columns: country_code, country, session, year, speaker_post.
    """
    ds = get_dataset(name, registry)
    amap = load_ungdc_actors(actors_map)
    opts = ds.options
    index = _ungdc_files(ds)
    if index.empty:
        raise StancemapError(f"Dataset {ds.name!r} lists no files named like "
                             "'TXT/Session NN - YYYY/ISO_NN_YYYY.txt'; is this the UNGDC?")
    available = sorted(index["code"].unique())
    if years is not None:
        years = [int(y) for y in ([years] if isinstance(years, (int, str)) else years)]
        valid_years = sorted(index["year"].unique())
        for y in years:
            if y not in valid_years:
                raise unknown_value("Year", str(y), [str(v) for v in valid_years])
        index = index[index["year"].isin(years)]
    if countries is not None:
        countries = [str(c).upper() for c in ([countries] if isinstance(countries, str) else countries)]
        for c in countries:
            if c not in available:
                raise unknown_value("Country code", c, available,
                                    "Codes are ISO 3166-1 alpha-3 as in the file names (EU for the European Union).")
        index = index[index["code"].isin(countries)]
    elif not (all_countries or amap.unmapped == "unattributed"):
        index = index[index["code"].isin(list(amap.codes))]
    index = index.sort_values(["year", "code"], kind="stable")
    speakers_file = ds.file(_UNGDC_SPEAKERS)
    root = require_files(ds, data_dir, [speakers_file, *index["file"]], verify)
    speakers = ungdc_speakers(root / speakers_file.path, opts.get("speaker_code_fixes"))
    # a stable country name per code: the most frequent spelling in these sessions, ties → the latest
    span = speakers[speakers["year"].between(int(index["year"].min() if len(index) else 0),
                                             int(index["year"].max() if len(index) else 0))]
    names = (span.groupby(["code", "country"]).agg(n=("year", "size"), last=("year", "max")).reset_index()
             .sort_values(["code", "n", "last"], ascending=[True, False, False]).drop_duplicates("code")
             .set_index("code")["country"].to_dict())
    first = speakers.drop_duplicates(["code", "session", "year"])
    by_key = {(c, int(s), int(y)): (sp, po) for c, s, y, sp, po in zip(
        first["code"], first["session"].fillna(-1), first["year"].fillna(-1), first["speaker"], first["post"])}
    dates = {int(k): str(v) for k, v in (opts.get("debate_dates") or {}).items()}
    rows, unmatched, undated = [], [], set()
    for f, code, session, year in index.itertuples(index=False, name=None):
        raw = (root / f.path).read_text(encoding="utf-8")
        key = (code, session, year)
        if key in by_key:
            speaker, post = by_key[key]
        else:
            speaker = post = ""
            unmatched.append(f"{code} {year}")
        country = names.get(code, code)
        date = dates.get(year, "")
        if not date:
            undated.add(year)
        rows.append({
            "doc_id": f"ungdc-{code}_{session}_{year}", "path": f"{ds.name}/{f.path}",
            "title": f"UN General Debate {year}: {country}", "text": repair_text(raw, unwrap=True),
            "raw_text": raw, "dateline": "New York", "date": date,
            "source_title": f"UN General Debate Corpus, session {session} ({year})", "source_url": f.url,
            "outlet": "United Nations General Assembly (UN General Debate Corpus)", "author": "",
            "language": "en", "license": ds.license,
            "provenance": provenance(ds, f.path, "speaker from Speakers_by_session.xlsx; date = opening day "
                                                  f"of the {year} general debate (approximate)"),
            "doc_kind": "official", "doc_actor": amap.codes.get(code, UNATTRIBUTED), "doc_speaker": speaker,
            "country_code": code, "country": country, "session": session, "year": year, "speaker_post": post})
    if unmatched:
        warn(f"{len(unmatched)} of {len(rows)} UNGDC speeches have no row in Speakers_by_session.xlsx "
             f"({', '.join(unmatched[:5])}{', …' if len(unmatched) > 5 else ''}); kept with doc_speaker=''.")
    if undated:
        warn(f"No general-debate date in the registry for {sorted(undated)}; those rows have date=''. "
             "Add them under options.debate_dates in the registry.")
    n_un = sum(r["doc_actor"] == UNATTRIBUTED for r in rows)
    if n_un:
        warn(f"{n_un} of {len(rows)} UNGDC speeches are from countries not in the actor map "
             f"({amap.source}); kept as doc_actor='{UNATTRIBUTED}'.")
    out = documents_table(rows, UNGDC_EXTRA_COLUMNS)
    out["session"] = out["session"].astype("int64")
    out["year"] = out["year"].astype("int64")
    out["country_code"] = out["country_code"].astype(str)
    out.attrs["unmatched_speakers"] = len(unmatched)
    return out
