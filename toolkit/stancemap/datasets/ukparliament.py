"""Loader of uk-pm-commons-2019-2026: the UK Prime Minister's contributions in the House of Commons
(Hansard), Johnson, Truss, Sunak and Starmer."""
from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from pathlib import Path

import pandas as pd

from ..clean import repair_text
from ..errors import StancemapError
from ..schema import require_columns
from .documents import documents_table, provenance, warn
from .registry import get_dataset
from .store import fetch_command, require_files

#: Columns after ``schema.DOCUMENT_COLUMNS``.
UK_PM_EXTRA_COLUMNS = ["debate", "pmqs", "pm_party", "contribution_id", "order_in_debate"]
#: A ready keyword filter: contributions on Russia's war against Ukraine and the ceasefire talks.
UKRAINE_KEYWORDS = ("Ukrain", "Russia", "Putin", "Zelensk", "Kyiv", "Kremlin", "ceasefire", "NATO")
_FILE = "data/corpus/pm_contributions.parquet"
_COLUMNS = ["pm_name", "pm_party", "contribution_ext_id", "contribution_text", "debate_section",
            "debate_section_ext_id", "sitting_date", "debate_section_order", "order_in_debate_section"]
#: Hansard's title for Prime Minister's Questions.
PMQS_SECTION = "Engagements"


def keyword_pattern(keywords: Iterable[str]) -> re.Pattern:
    """Case-insensitive match of any keyword at the start of a word (``"Ukrain"`` finds
    Ukraine and Ukrainian)."""
    words = [str(k).strip() for k in keywords if str(k).strip()]
    if not words:
        raise StancemapError("keywords is empty. Pass words such as ['Ukraine', 'Russia'], "
                             "stancemap.datasets.UKRAINE_KEYWORDS, or None for every contribution.")
    return re.compile(r"(?<!\w)(?:" + "|".join(re.escape(w) for w in words) + ")", re.I)


def load_uk_pm_commons(data_dir: str | Path | None = None, *, keywords: Iterable[str] | str | None = None,
                       verify: bool = True, registry: str | Path | Mapping | None = None,
                       name: str = "uk-pm-commons-2019-2026") -> pd.DataFrame:
    """Documents of uk-pm-commons-2019-2026: one per contribution of the Prime Minister in the
    House of Commons, in the order of the sittings (date, debate, order of speaking).

    ``doc_kind="official"``, ``doc_actor="europe"`` (the UK's leaders are in
    the registry's ``europe`` group; the registry's ``options: {actor: …}`` can change it), ``doc_speaker`` the ``pm_name``
    (Boris Johnson, Liz Truss, Rishi Sunak, Keir Starmer); ``date`` the sitting;
    ``title`` the debate title. ``text`` has the inline HTML removed
    (``<em>[Interruption.]</em>`` → ``[Interruption.]``, column markers gone,
    entities decoded); Hansard's bracketed notes stay (the extractor reads them as no one's statement). Extra
    columns: ``debate``,
    ``pmqs`` (True for Prime Minister's Questions, debate "Engagements", where
    most contributions are short answers), ``pm_party``, ``contribution_id``
    (Hansard's) and ``order_in_debate``. ``source_url`` is the debate on
    hansard.parliament.uk, anchored at the contribution.

    ``keywords`` keeps only contributions mentioning one of them at a word start
    (case-insensitive); :data:`UKRAINE_KEYWORDS` is a ready list for the war and
    the ceasefire talks. How many were left out is warned and kept in
    ``attrs["filtered_out"]``.
    """
    ds = get_dataset(name, registry)
    f = ds.file(_FILE)
    root = require_files(ds, data_dir, [f], verify)
    df = pd.read_parquet(root / f.path)
    require_columns(df, _COLUMNS, f"file {Path(f.path).name} of dataset {ds.name}",
                    f"The file does not look like the registry's version; re-fetch it with `{fetch_command(ds.name)}`.")
    total = len(df)
    actor = str(ds.options.get("actor", "europe"))
    outlet = str(ds.options.get("outlet", "Hansard, House of Commons (hansard.parliament.uk)"))
    df = df.sort_values(["sitting_date", "debate_section_order", "order_in_debate_section"], kind="stable")
    if keywords is not None:
        pat = keyword_pattern([keywords] if isinstance(keywords, str) else keywords)
        df = df[df["contribution_text"].fillna("").map(lambda t: pat.search(t) is not None)]
    rows = []
    for i, r in zip(df.index, df.itertuples(index=False)):
        date = pd.Timestamp(r.sitting_date).strftime("%Y-%m-%d") if pd.notna(r.sitting_date) else ""
        debate = " ".join(str(r.debate_section or "").split())
        raw = "" if r.contribution_text is None else str(r.contribution_text)
        ext = str(r.contribution_ext_id)
        url = (f"https://hansard.parliament.uk/Commons/{date}/debates/{r.debate_section_ext_id}"
               f"#contribution-{ext}") if date and r.debate_section_ext_id else ""
        rows.append({
            "doc_id": f"hansard-{ext.lower()}", "path": f"{ds.name}/{f.path}", "title": debate,
            "text": repair_text(raw, html=True), "raw_text": raw, "dateline": "", "date": date,
            "source_title": f"{debate} (House of Commons, {date})" if date else debate, "source_url": url,
            "outlet": outlet, "author": "", "language": "en",
            "license": ds.license, "provenance": provenance(ds, f.path, f"row {i + 1}"),
            "doc_kind": "official", "doc_actor": actor, "doc_speaker": str(r.pm_name),
            "debate": debate, "pmqs": debate == PMQS_SECTION, "pm_party": str(r.pm_party),
            "contribution_id": ext, "order_in_debate": int(r.order_in_debate_section)})
    out = documents_table(rows, UK_PM_EXTRA_COLUMNS)
    out.attrs["filtered_out"] = total - len(out)
    if keywords is not None:
        warn(f"Kept {len(out)} of {total} Prime Minister's contributions that mention one of the keywords; "
             f"{total - len(out)} left out (pass keywords=None to keep them all).")
    return out
