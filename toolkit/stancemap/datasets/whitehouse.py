"""Loader of whitehouse-2021-2026: White House briefing-room pages (Markdown with YAML front matter)
that mention Russia or Ukraine, Biden and Trump administrations."""
from __future__ import annotations

import datetime as _dt
import re
from collections.abc import Iterable, Mapping
from pathlib import Path

import pandas as pd
import yaml

from ..actors import load_actors
from ..clean import repair_text
from ..errors import StancemapError, unknown_value
from .documents import documents_table, iso_date_prefix, provenance, unique_ids, warn
from .registry import get_dataset
from .store import fetch_command, require_files

#: Columns after ``schema.DOCUMENT_COLUMNS``.
WHITEHOUSE_EXTRA_COLUMNS = ["section", "page_type", "tags", "president"]
#: Sections (top folders) whose pages are mostly other people's words: posts, interviews,
#: columns and "what they are saying" round-ups. Their ``doc_kind`` is ``article``.
ARTICLE_SECTIONS = ("articles", "releases", "blog")
_ROUNDUP = re.compile(r"^(?:what (?:they|people) are (?:saying|reading)|sunday shows)\b", re.I)
#: A paragraph of the body that opens a round-up of other people's words under a title that does not say
#: so ("Wide Range of Constituencies Applaud …": "*Here’s what they are saying:*"; "See below for what
#: bipartisan leaders … are saying about …:"; "Read below for a sampling of the coverage:"). Read only on
#: statement pages: a transcript's "here's what they're saying:" is the speaker's.
_ROUNDUP_LINE = re.compile(
    r"(?:\A|\n[ \t]*\n)[ \t]*[*_]*(?:here[’']s\s+what\s+(?:they|people|leaders)(?:\s+are|[’']re)\s+saying|"
    r"see\s+below\s+for\s+what\s[^.:]{0,160}?\b(?:are\s+saying|said|had\s+to\s+say)\b[^.:]{0,120}|"
    r"read\s+below\s+for\s+a\s+sampling\s+of\s+the\s+(?:\w+\s+)?coverage)\s*[:.][*_]*[ \t]*\n", re.I)
#: Page types, first match of the title wins (then the section's default).
PAGE_TYPE_RULES: tuple[tuple[str, str], ...] = (
    ("prepared remarks", r"\bas prepared for delivery\b"),
    ("readout", r"^(?:joint )?readout\b"),
    ("fact sheet", r"^fact sheet\b"),
    ("transcript", r"^(?:remarks|press briefing|press gaggle|background press call|on-the-record press call|"
                   r"background briefing|press call|press conference|interview|roundtable|"
                   r"background press gaggle|on-the-record press gaggle)\b"),
    ("proclamation", r"^(?:a )?proclamation\b"),
    ("executive order", r"^executive order\b"),
    ("memorandum", r"^(?:national security )?memorandum\b"),
    ("notice", r"^notice\b"),
    ("letter", r"^(?:letters?|message) to\b"),
    ("legislation", r"^bills? signed\b"),
    ("statement", r"^(?:joint )?statement\b|\bjoint (?:leaders[’'] )?statement\b|leaders[’'] statement\b"),
)
_SECTION_TYPES = {"press-briefings": "transcript", "speeches-remarks": "transcript", "remarks": "transcript",
                  "fact-sheets": "fact sheet", "presidential-actions": "presidential action",
                  "legislation": "legislation", "articles": "article", "releases": "article", "blog": "article",
                  "statements-releases": "statement", "briefings-statements": "statement"}
PAGE_TYPES = tuple(dict.fromkeys([t for t, _ in PAGE_TYPE_RULES] + list(_SECTION_TYPES.values()) + ["other"]))
_COMPILED = tuple((t, re.compile(p, re.I)) for t, p in PAGE_TYPE_RULES)
_FRONT = re.compile(r"\A---\n(.*?)\n---[ \t]*\n", re.S)
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
PRESIDENT_TITLE = "President of the United States"


def page_type(section: str, title: str, body: str = "") -> str:
    """The kind of page, from its title, else its section (top folder): ``transcript``,
    ``prepared remarks``, ``statement``, ``readout``, ``fact sheet``, ``proclamation``,
    ``executive order``, ``memorandum``, ``notice``, ``letter``, ``legislation``,
    ``presidential action``, ``article`` or ``other``. A ``body`` with a line that opens a
    round-up of others' words ("Here’s what they are saying:") makes a statement page an ``article``."""
    if section in ARTICLE_SECTIONS or _ROUNDUP.match(title):
        return "article"
    kind = next((k for k, pat in _COMPILED if pat.search(title)), _SECTION_TYPES.get(section, "other"))
    if kind in ("statement", "other") and body and _ROUNDUP_LINE.search(body):
        return "article"
    return kind


#: Words of a heading, never of a signature ("REMARKS BY PRESIDENT TRUMP", "PRESIDENT TRUMP").
_NOT_SIGNATURE = frozenset("REMARKS BY PRESIDENT THE STATEMENT OF ON AND TO FROM VICE".split())


def signed_by(body: str, name: str) -> bool:
    """Whether a page's ``body`` is signed by ``name``: a line in capitals of at most six words that holds the
    surname ("JOSEPH R. BIDEN JR." for Joe Biden, "DONALD J. TRUMP"), as the President signs a proclamation, an
    executive order, a memorandum, a notice or a letter to Congress."""
    surname = name.split()[-1].upper() if name.strip() else ""
    if not surname:
        return False
    for m in re.finditer(rf"(?m)^[ \t\u00a0*_]*([A-Z][A-Z.,' \t-]*\b{re.escape(surname)}\b[A-Z.,' \t-]*?)"
                         r"[ \t\u00a0*_]*$", body):
        words = m.group(1).split()
        if len(words) <= 6 and not _NOT_SIGNATURE.intersection(words):
            return True
    return False


def _front_matter(text: str, rel: str, ds_name: str) -> tuple[dict, str]:
    m = _FRONT.match(text)
    if not m:
        raise StancemapError(f"File {rel!r} of dataset {ds_name!r} has no YAML front matter ('---' lines). It "
                             f"does not look like the registry's version; re-fetch it with `{fetch_command(ds_name)}`.")
    meta = yaml.load(m.group(1), Loader=_LOADER)  # noqa: S506 (a safe loader)
    return (meta if isinstance(meta, dict) else {}), text[m.end():]


def _text(value) -> str:
    if isinstance(value, (list, tuple)):
        return ";".join(_text(v) for v in value)
    if isinstance(value, (_dt.date, _dt.datetime)):
        return value.isoformat()
    return " ".join(str(value or "").split())


def load_whitehouse(data_dir: str | Path | None = None, *, sections: Iterable[str] | None = None,
                    since: str | None = None, until: str | None = None, verify: bool = True,
                    registry: str | Path | Mapping | None = None, name: str = "whitehouse-2021-2026") -> pd.DataFrame:
    """Documents of whitehouse-2021-2026, one per page, sorted by date.

    Front matter gives ``date``, ``title``, ``source_url`` and ``tags``; the body
    (hard-wrapped Markdown) becomes plain paragraphs
    (:func:`stancemap.clean.unwrap_markdown`); transcripts keep their turn labels
    (``PRESIDENT TRUMP:``, ``Q``) as text. Extra columns: ``section`` (top folder),
    ``page_type`` (:func:`page_type`), ``tags`` and ``president`` (the holder of
    "President of the United States" on that date in the bundled actor
    registry: Joe Biden until 2025-01-19, Donald Trump from 2025-01-20).

    ``doc_kind`` is ``official`` (``doc_actor`` ``us``, ``doc_speaker`` "White
    House", or the President on a page he signs, :func:`signed_by`; the registry's ``options``
    ``actor``/``speaker``/``outlet``/``president_title`` can say otherwise) for the White House's own
    words, and ``article`` for the pages of
    :data:`ARTICLE_SECTIONS` and round-ups ("What they are saying", "Sunday shows", "What they
    are reading" titles, or a body line such as "Here’s what they are saying:"), which mostly
    quote other people (posts, interviews, columnists): their words are theirs, and the
    extractor attributes them as in a news article.
    ``sections`` keeps only those top folders; ``since``/``until`` (ISO dates,
    inclusive) filter by date. ``doc_id`` is ``wh-<date>-<slug, 60 characters>``.
    """
    ds = get_dataset(name, registry)
    all_sections = sorted({f.path.split("/", 1)[0] for f in ds.files if f.path.endswith(".md")})
    if sections is not None:
        sections = [sections] if isinstance(sections, str) else list(sections)
        for s in sections:
            if s not in all_sections:
                raise unknown_value("Section", s, all_sections, "Pass top folders of the dataset, e.g. "
                                    "sections=['remarks', 'briefings-statements'].")
    for label, value in (("since", since), ("until", until)):
        if value is not None and not re.fullmatch(r"\d{4}-\d{2}-\d{2}", str(value)):
            raise StancemapError(f"{label}={value!r} is not an ISO date. Write it as 'YYYY-MM-DD', e.g. '2025-01-20'.")
    files = [f for f in ds.files if f.path.endswith(".md")
             and (sections is None or f.path.split("/", 1)[0] in sections)]
    root = require_files(ds, data_dir, files, verify)
    actor = str(ds.options.get("actor", "us"))
    speaker = str(ds.options.get("speaker", "White House"))
    outlet = str(ds.options.get("outlet", "The White House (whitehouse.gov)"))
    title_of_president = str(ds.options.get("president_title", PRESIDENT_TITLE))
    presidents = load_actors() if title_of_president else None
    rows, bad_dates = [], 0
    for f in files:
        section = f.path.split("/", 1)[0]
        date_hint = iso_date_prefix(Path(f.path).name)
        if (since and date_hint and date_hint < since) or (until and date_hint and date_hint > until):
            continue
        raw_file = (root / f.path).read_text(encoding="utf-8")
        meta, body = _front_matter(raw_file, f.path, ds.name)
        date = iso_date_prefix(_text(meta.get("date"))) or date_hint
        bad_dates += not date
        if (since and date and date < since) or (until and date and date > until):
            continue
        title = _text(meta.get("title"))
        ptype = page_type(section, title, body)
        official = ptype != "article"
        holder = presidents.holder(title_of_president, date) if date and presidents is not None else None
        # a page the President signs (a proclamation, an order, a memorandum, a letter to Congress) is his text
        signer = holder.name if official and ptype != "transcript" and holder is not None \
            and signed_by(body, holder.name) else ""
        slug = re.sub(r"^\d{4}-\d{2}-\d{2}-", "", Path(f.path).stem)[:60].rstrip("-")
        rows.append({
            "doc_id": f"wh-{date or 'undated'}-{slug}", "path": f"{ds.name}/{f.path}", "title": title,
            "text": repair_text(body, markdown=True), "raw_text": body, "dateline": "", "date": date,
            "source_title": title, "source_url": _text(meta.get("source_url")),
            "outlet": outlet, "author": "", "language": "en", "license": ds.license,
            "provenance": provenance(ds, f.path, "whole page"),
            "doc_kind": "official" if official else "article", "doc_actor": actor if official else "",
            "doc_speaker": signer or (speaker if official else ""),
            "section": section, "page_type": ptype, "tags": _text(meta.get("tags")),
            "president": holder.name if holder is not None else ""})
    if bad_dates:
        warn(f"{bad_dates} of {len(rows)} White House pages had no date in their front matter or file name; "
             "kept with date=''.")
    out = documents_table(rows, WHITEHOUSE_EXTRA_COLUMNS)
    out["doc_id"] = unique_ids(out["doc_id"].tolist())
    return out.sort_values(["date", "doc_id"], kind="stable").reset_index(drop=True)
