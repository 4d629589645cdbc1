"""Build corpora/actors-evidence.csv: where the public datasets name each title holder of
corpora/actors.yaml with the title, by reference (no text).

Usage: ``STANCEMAP_DATA=../shared/datasets python corpora/actors-evidence-build.py [--matches OUT.csv]``.
It scans every document of the six datasets for a holder named with the title ("Secretary of
State Marco Rubio", "Rustem Umerov, Defence Minister of Ukraine"; a "former", "then-", "ex-" or
"late" just before is skipped), and writes, per holder and term, the earliest and the latest such
document (spans in the labelrefs convention of corpora/real-labels) and, for the UK Prime
Ministers, the tenure dates of ``pm_tenures.parquet``. ``--matches`` writes every match
(references, dates; no text) for review. Mentions dated outside a holder's registered term are
retrospective or contradict the registry: RETROSPECTIVE lists the documents read and found
retrospective (a mention after the term, of the term); each must be checked by reading.
"""
from __future__ import annotations

import argparse
import datetime as dt
import os
import re
import sys
from pathlib import Path

import pandas as pd

from stancemap.actors import load_actors
from stancemap.datasets import get_dataset
from stancemap.datasets.documents import iso_date_prefix, parse_pgu_date
from stancemap.datasets.labelrefs import read_records, span_hash

ROOT = Path(os.environ.get("STANCEMAP_DATA", "../shared/datasets"))
REPO = Path(__file__).resolve().parents[1]
OUT = REPO / "corpora" / "actors-evidence.csv"
#: The data name a holder within this many days of a registry date: the date counts as confirmed.
CONFIRM_DAYS = 14

_A = r"['’]"
#: Title wording (regex) per registry title, used as "<wording> <name>" or "<full name>, (the) <wording>".
TITLE_WORDING = {
    "President of the United States": r"(?:U\.\s?S\.|US|American|United\s+States)?\s*President(?:\s+of\s+the\s+United\s+States)?",
    "Vice President of the United States": r"(?:U\.\s?S\.|US)?\s*Vice(?:\s|-)+President",
    "US Secretary of State": r"(?:U\.\s?S\.|US)?\s*Secretary(?:\s+of\s+State)?",
    "US National Security Advisor": r"(?:(?:Acting|Interim)\s+)?National\s+Security\s+Advis[eo]r",
    "White House Press Secretary": r"(?:White\s+House\s+)?Press\s+Secretary",
    "First Lady of the United States": r"First\s+Lady(?:\s+Dr\.)?",
    "US Secretary of Defense": r"(?:U\.\s?S\.|US)?\s*(?:Secretary(?:\s+of\s+(?:Defense|War))?|(?:Defense|War)\s+Secretary)",
    "President of Russia": r"(?:Russian\s+)?President(?:\s+of\s+(?:Russia|the\s+Russian\s+Federation))?",
    "President of Ukraine": r"(?:Ukrainian\s+)?President(?:\s+of\s+Ukraine)?",
    "Head of the Office of the President of Ukraine": (
        r"(?:Head\s+of\s+the\s+(?:Office\s+of\s+the\s+President(?:\s+of\s+Ukraine)?|President" + _A
        + r"s\s+Office|Presidential\s+Office)|(?:presidential\s+)?[Cc]hief\s+of\s+[Ss]taff)"),
    "Minister of Foreign Affairs of Ukraine": (
        r"(?:(?:Ukrainian\s+|Ukraine" + _A + r"s\s+)?Foreign\s+Minister|Minister\s+(?:of|for)\s+Foreign\s+Affairs"
        r"(?:\s+of\s+Ukraine)?)"),
    "Minister of Defence of Ukraine": (
        r"(?:(?:Ukrainian\s+|Ukraine" + _A + r"s\s+)?Defen[cs]e\s+Minister|Minister\s+of\s+Defen[cs]e"
        r"(?:\s+of\s+Ukraine)?)"),
    "Prime Minister of the United Kingdom": r"(?:British\s+|UK\s+|U\.K\.\s+|Britain" + _A + r"s\s+)?Prime\s+Minister",
    "UK Foreign Secretary": r"(?:British\s+|UK\s+|U\.K\.\s+|Britain" + _A + r"s\s+)?Foreign\s+Secretary",
    "Chancellor of Germany": r"(?:German\s+|Federal\s+)?Chancellor",
    "President of France": r"(?:French\s+)?President(?:\s+of\s+(?:France|the\s+French\s+Republic))?",
    "Prime Minister of Italy": r"(?:Italian\s+)?Prime\s+Minister",
    "NATO Secretary General": r"(?:NATO\s+)?Secretary(?:\s|-)+General",
    "President of the European Commission": r"(?:(?:European\s+)?Commission\s+)?President",
    "President of the European Council": r"(?:European\s+Council\s+)?President",
    "EU High Representative for Foreign Affairs": r"(?:High\s+Representative|(?:EU\s+)?foreign\s+policy\s+chief)",
}
#: Name forms (regex) per member: (title-first form, full name for "<name>, the <title>").
NAMES = {
    "Barack Obama": (r"(?:Barack\s+)?Obama", r"Barack\s+Obama"),
    "Donald Trump": (r"(?:Donald\s+(?:J\.\s+)?)?Trump", r"Donald\s+(?:J\.\s+)?Trump"),
    "Joe Biden": (r"(?:Joe\s+|Joseph\s+R\.\s+)?Biden", r"(?:Joe|Joseph\s+R\.)\s+Biden(?:\s+Jr\.)?"),
    "Kamala Harris": (r"(?:Kamala\s+(?:D\.\s+)?)?Harris", r"Kamala\s+(?:D\.\s+)?Harris"),
    "JD Vance": (r"(?:J\.?\s?D\.?\s+)?Vance", r"J\.?\s?D\.?\s+Vance"),
    "Antony Blinken": (r"(?:Antony\s+(?:J\.\s+)?|Tony\s+)?Blinken", r"Antony\s+(?:J\.\s+)?Blinken"),
    "Marco Rubio": (r"(?:Marco\s+)?Rubio", r"Marco\s+Rubio"),
    "Jake Sullivan": (r"(?:Jake\s+)?Sullivan", r"Jake\s+Sullivan"),
    "Mike Waltz": (r"(?:Mike\s+|Michael\s+)?Waltz", r"(?:Mike|Michael)\s+Waltz"),
    "Jen Psaki": (r"(?:Jen\s+)?Psaki", r"Jen\s+Psaki"),
    "Karine Jean-Pierre": (r"(?:Karine\s+)?Jean-Pierre", r"Karine\s+Jean-Pierre"),
    "Karoline Leavitt": (r"(?:Karoline\s+)?Leavitt", r"Karoline\s+Leavitt"),
    "Jill Biden": (r"Jill\s+Biden", r"(?:Dr\.\s+)?Jill\s+Biden"),
    "Melania Trump": (r"Melania\s+Trump", r"Melania\s+Trump"),
    "Lloyd Austin": (r"(?:Lloyd\s+(?:J\.\s+)?)?Austin(?:\s+III)?", r"Lloyd\s+(?:J\.\s+)?Austin"),
    "Pete Hegseth": (r"(?:Pete\s+)?Hegseth", r"Pete\s+Hegseth"),
    "Vladimir Putin": (r"(?:Vladimir\s+)?Putin", r"Vladimir\s+Putin"),
    "Volodymyr Zelenskyy": (r"(?:Volodymyr\s+)?Zelensk(?:yy|y|iy|yi)", r"Volodymyr\s+Zelensk(?:yy|y|iy|yi)"),
    "Andriy Yermak": (r"(?:Andriy\s+|Andrii\s+)?Yermak", r"Andri[yi]\s+Yermak"),
    "Dmytro Kuleba": (r"(?:Dmytro\s+)?Kuleba", r"Dmytro\s+Kuleba"),
    "Andrii Sybiha": (r"(?:Andri[iy]\s+)?Sybiha", r"Andri[iy]\s+Sybiha"),
    "Oleksii Reznikov": (r"(?:Oleks[iy]i?y?\s+)?Reznikov", r"Oleks(?:ii|iy)\s+Reznikov"),
    "Rustem Umerov": (r"(?:Rustem\s+)?Umerov", r"Rustem\s+Umerov"),
    "Denys Shmyhal": (r"(?:Denys\s+)?Shmyhal", r"Denys\s+Shmyhal"),
    "Boris Johnson": (r"(?:Boris\s+)?Johnson", r"Boris\s+Johnson"),
    "Liz Truss": (r"(?:Liz\s+)?Truss", r"Liz\s+Truss"),
    "Rishi Sunak": (r"(?:Rishi\s+)?Sunak", r"Rishi\s+Sunak"),
    "Keir Starmer": (r"(?:(?:Sir\s+)?Keir\s+)?Starmer", r"(?:Sir\s+)?Keir\s+Starmer"),
    "Andy Burnham": (r"(?:Andy\s+)?Burnham", r"Andy\s+Burnham"),
    "Angela Merkel": (r"(?:Angela\s+)?Merkel", r"Angela\s+Merkel"),
    "Olaf Scholz": (r"(?:Olaf\s+)?Scholz", r"Olaf\s+Scholz"),
    "Friedrich Merz": (r"(?:Friedrich\s+)?Merz", r"Friedrich\s+Merz"),
    "Emmanuel Macron": (r"(?:Emmanuel\s+)?Macron", r"Emmanuel\s+Macron"),
    "Giorgia Meloni": (r"(?:Giorgia\s+)?Meloni", r"Giorgia\s+Meloni"),
    "Jens Stoltenberg": (r"(?:Jens\s+)?Stoltenberg", r"Jens\s+Stoltenberg"),
    "Mark Rutte": (r"(?:Mark\s+)?Rutte", r"Mark\s+Rutte"),
    "Ursula von der Leyen": (r"(?:Ursula\s+)?[Vv]on\s+der\s+Leyen", r"Ursula\s+von\s+der\s+Leyen"),
    "Charles Michel": (r"(?:Charles\s+)?Michel(?!\s+(?:Aoun|Temer))", r"Charles\s+Michel"),
    "António Costa": (r"(?:Ant[óo]nio\s+)?Costa(?!\s+Ric)", r"Ant[óo]nio\s+Costa"),
    "Josep Borrell": (r"(?:Josep\s+)?Borrell(?:\s+Fontelles)?", r"Josep\s+Borrell"),
    "Kaja Kallas": (r"(?:Kaja\s+)?Kallas", r"Kaja\s+Kallas"),
}
#: Words just before a match that make it not a holder-in-office mention.
_BEFORE = re.compile(r"\b(?:former|then|ex|late|past|previous|incoming|future|nominee|prospective|Vice|Deputy|"
                     r"Assistant|Under)[\s-]*$", re.I)
#: Documents read and found to name a holder with the title retrospectively (after the term, of the
#: term), so they do not count as "still in office" evidence: (file, holder, why).
RETROSPECTIVE: list[tuple[str, str, str]] = [
    ("presidential-actions/2025-01/2025-01-20-holding-former-government-officials-accountablefor-election-"
     "interference-and-improper-disclosure-of-sensitive-governmental-information.md", "Joe Biden",
     "an executive order of President Trump's first day that names his predecessor's son"),
]
#: Documents that report an earlier event (a readout of a trip): (file, holder) → (earliest day of the
#: event as the text gives it, why). The evidence ``date`` is that day, ``doc_date`` the document's.
EVENT_DATES: dict[tuple[str, str], tuple[str, str]] = {
    ("statements-releases/2024-09/2024-09-05-readout-of-principal-deputy-national-security-advisor-jon-"
     "finers-trip-to-ukraine.md", "Dmytro Kuleba"):
        ("2024-09-04", "the readout (dated 2024-09-05) reports a trip to Kyiv of September 4 and 5 without "
                       "the day of the meeting; on the registry's last day or the successor's first"),
}
#: Whitespace in the patterns: also the YAML front matter's escaped spaces (``\_``, a trailing ``\``).
_SP = r"(?:\s|\\_|\\(?=\s))"


def documents():
    """(dataset, file, key_column, doc_key, field, text, date) for every document of the six datasets."""
    wh = ROOT / "whitehouse-2021-2026"
    for p in sorted(wh.rglob("*.md")):
        text = p.read_bytes().decode("utf-8")
        m = re.search(r"^date:\s*'?(\d{4}-\d{2}-\d{2})", text, re.M)
        yield ("whitehouse-2021-2026", p.relative_to(wh).as_posix(), "file", p.name, "text", text,
               m.group(1) if m else iso_date_prefix(p.name))
    un = ROOT / "ungdc-2014-2024"
    debate = {int(k): str(v) for k, v in get_dataset("ungdc-2014-2024").options["debate_dates"].items()}
    for p in sorted((un / "data/data_original/TXT").rglob("*.txt")):
        year = int(p.stem.rsplit("_", 1)[1])
        yield ("ungdc-2014-2024", p.relative_to(un).as_posix(), "file", p.name, "text",
               p.read_bytes().decode("utf-8"), debate[year])
    tables = [
        ("kremlin-kyiv-press-2021-2022", "press_release_data/putin.csv", "link", "body", "date", iso_date_prefix),
        ("kremlin-kyiv-press-2021-2022", "press_release_data/zelenskyy.csv", "link", "body", "date", iso_date_prefix),
        ("zelensky-speeches-2022", "data/zelensky_speeches.csv", "url", "text", "date", parse_pgu_date),
        ("zelensky-speeches-2022-2023", "data/speeches_feb_22_to_may_23.csv", "row", "speech", "timestamp",
         parse_pgu_date),
        ("zelensky-speeches-2022-2023", "data/speeches_june_2023.csv", "row", "speech", "timestamp", parse_pgu_date),
        ("uk-pm-commons-2019-2026", "data/corpus/pm_contributions.parquet", "contribution_ext_id",
         "contribution_text", "sitting_date", lambda s: s[:10]),
    ]
    for ds, file, key, field, date_col, parse in tables:
        t = read_records(ROOT / ds / file)
        keys = [str(i) for i in range(len(t))] if key == "row" else t[key]
        for k, text, d in zip(keys, t[field], t[date_col]):
            yield ds, file, key, k, field, text, parse(d)


def patterns(registry):
    """title → [(holder name, compiled regex)] for every holder of every title."""
    out = {}
    for title in registry.titles:
        wording = TITLE_WORDING[title]
        pats = []
        for name in dict.fromkeys(r.name for r in registry.roles if r.title == title):
            short, full = NAMES[name]
            rx = (rf"(?<![\w-])(?:{wording})[\s,]+{short}(?![\w-])|(?<![\w-]){full},?\s+(?:the\s+)?(?:{wording})(?![\w-])"
                  r"(?!(?:\s+of\s+\w+)?[\s,]+(?-i:[A-Z])\w+\s+(?-i:[A-Z]))")
            rx = rx.replace(r"[\s,]", rf"(?:,|{_SP})").replace(r"\s", _SP)
            pats.append((name, re.compile(rx, re.I if title != "First Lady of the United States" else 0)))
        out[title] = pats
    return out


def scan(registry) -> pd.DataFrame:
    pats = patterns(registry)
    surnames = {name: name.split()[-1][:5].lower() for name in NAMES}
    rows = []
    for ds, file, key, doc_key, field, text, date in documents():
        if not date:
            continue
        low = text.lower()
        present = {n for n, s in surnames.items() if s in low}
        for title, hp in pats.items():
            for name, rx in hp:
                if name not in present:
                    continue
                for m in rx.finditer(text):
                    a, b = m.span()
                    while text[a].isspace():
                        a += 1
                    if _BEFORE.search(text[max(0, a - 30):a]):
                        continue
                    rows.append({"title": title, "holder": name, "dataset": ds, "file": file, "key_column": key,
                                 "doc_key": doc_key, "field": field, "char_start": a, "char_end": b,
                                 "sha256_16": span_hash(text[a:b]), "date": date,
                                 "span": re.sub(r"\s+", " ", text[a:b])})
    return pd.DataFrame(rows)


def _days(a: str, b: str) -> int:
    return (dt.date.fromisoformat(b) - dt.date.fromisoformat(a)).days


def _term_mentions(matches: pd.DataFrame, roles: list, r) -> pd.DataFrame:
    """Mentions of ``r.name`` with ``r.title``; a holder with two terms (Trump): those nearest this term."""
    m = matches[matches["holder"] == r.name]
    m = m[~m["file"].map(lambda f, n=r.name: (f, n) in {(x, h) for x, h, _ in RETROSPECTIVE}).astype(bool)]
    others = [o for o in roles if o.name == r.name and o is not r]
    if others:
        def dist(x, d):
            if x.holds_on(d):
                return 0
            return _days(d, x.start) if d < x.start else _days(x.end, d)
        m = m[m["date"].map(lambda d: dist(r, d) <= min(dist(o, d) for o in others)).astype(bool)]
    return m.sort_values(["date", "dataset", "file", "doc_key", "char_start"], kind="stable")


def evidence(registry, matches: pd.DataFrame) -> pd.DataFrame:
    """First and last evidence per holder and term, judged against the registry's dates.

    A mention before the term while the data still name the predecessor with the title (on that
    day or later) is prospective ("incoming"); one after the term once the data name the successor
    (on that day or earlier) is retrospective ("President Biden let inflation..."): neither counts.
    Any other mention outside the term contradicts the registry.
    """
    first_day = matches["date"].min()
    last_day = matches["date"].max()
    out = []
    for title in registry.titles:
        roles = sorted((r for r in registry.roles if r.title == title), key=lambda r: r.start)
        tm = matches[matches["title"] == title]
        inside = {}
        for r in roles:
            m = _term_mentions(tm, roles, r)
            inside[id(r)] = m[m["date"].map(r.holds_on).astype(bool)]["date"]
        for i, r in enumerate(roles):
            m = _term_mentions(tm, roles, r)
            prev_last = inside[id(roles[i - 1])].max() if i and len(inside[id(roles[i - 1])]) else None
            next_first = (inside[id(roles[i + 1])].min()
                          if i + 1 < len(roles) and len(inside[id(roles[i + 1])]) else None)
            pro = (m["date"] < r.start) & (prev_last is not None) & (m["date"] <= (prev_last or ""))
            retro = (m["date"] > (r.end or "9999")) & (next_first is not None) & (m["date"] >= (next_first or "9999"))
            n_pro, n_retro = int(pro.sum()), int(retro.sum())
            m = m[~(pro | retro)]
            for kind in ("first", "last"):
                reg = r.start if kind == "first" else r.end
                row = {"title": title, "holder": r.name, "registry_start": r.start, "registry_end": r.end,
                       "evidence_kind": kind}
                if m.empty:
                    out.append({**row, "verdict": "unconfirmed",
                                "reason": f"no document in the datasets ({first_day} .. {last_day}) names "
                                          f"{r.name} with this title in office"})
                    continue
                e = m.iloc[0] if kind == "first" else m.iloc[-1]
                row.update({c: e[c] for c in ("dataset", "file", "key_column", "doc_key", "field", "char_start",
                                              "char_end", "sha256_16", "date")})
                row["doc_date"] = e["date"]
                event = EVENT_DATES.get((e["file"], r.name))
                if event:
                    row["date"] = event[0]
                row.update(judge(kind, reg, row["date"], len(m), first_day, last_day))
                if event:
                    row.update({"verdict": "unconfirmed", "reason": event[1]})
                skipped = n_pro if kind == "first" else n_retro
                if skipped:
                    row["reason"] += (f"; {skipped} earlier mention(s) while the predecessor was still named so "
                                      "(prospective) not counted" if kind == "first" else
                                      f"; {skipped} later mention(s) after the successor was named so "
                                      "(retrospective) not counted")
                read = [why for f, h, why in RETROSPECTIVE if h == r.name and kind == "last"
                        and f in set(matches.loc[matches["title"] == title, "file"])]
                if read and row.get("date"):
                    row["reason"] += "; read and not counted: " + "; ".join(read)
                out.append(row)
    return pd.DataFrame(out)


def judge(kind: str, reg: str, date: str, n: int, first_day: str, last_day: str) -> dict:
    """Verdict on one registry date given the earliest/latest evidence ``date``."""
    if kind == "first":
        gap = _days(reg, date)
        if gap < 0:
            return {"verdict": "contradicted", "reason": f"named with the title {-gap} days before the registry's start"}
        if gap <= CONFIRM_DAYS:
            return {"verdict": "confirmed", "reason": f"named with the title {gap} days after the registry's start"}
        why = (f"the datasets begin {first_day}" if reg < first_day else
               f"earliest of {n} mention(s) is {gap} days after the start")
        return {"verdict": "unconfirmed", "reason": why}
    if not reg:
        return {"verdict": "open", "reason": f"in office (no end date); latest of {n} mention(s) {date}; "
                                             f"the datasets end {last_day}"}
    gap = _days(date, reg)
    if gap < 0:
        return {"verdict": "contradicted", "reason": f"named with the title {-gap} days after the registry's end"}
    if gap <= CONFIRM_DAYS:
        return {"verdict": "confirmed", "reason": f"named with the title {gap} days before the registry's end"}
    why = (f"the datasets end {last_day}" if reg > last_day else
           f"latest of {n} mention(s) is {gap} days before the end")
    return {"verdict": "unconfirmed", "reason": why}


def tenures(registry) -> pd.DataFrame:
    """Rows for the UK Prime Ministers' tenure dates in pm_tenures.parquet (tenure_end = successor's first day)."""
    ds, file = "uk-pm-commons-2019-2026", "data/corpus/pm_tenures.parquet"
    t = read_records(ROOT / ds / file)
    title = "Prime Minister of the United Kingdom"
    rows = []
    for r in (x for x in registry.roles if x.title == title):
        rec = t[t["pm_name"] == r.name]
        if rec.empty:
            continue
        for kind, col in (("tenure_start", "tenure_start"), ("tenure_end", "tenure_end")):
            value = rec[col].iat[0]
            if not isinstance(value, str) or not re.match(r"\d{4}-\d{2}-\d{2}", value):
                continue
            day = value[:10]
            expect = r.start if kind == "tenure_start" else (
                (dt.date.fromisoformat(r.end) + dt.timedelta(days=1)).isoformat() if r.end else "")
            ok = day == expect
            rows.append({"title": title, "holder": r.name, "registry_start": r.start, "registry_end": r.end,
                         "evidence_kind": kind, "dataset": ds, "file": file, "key_column": "pm_name",
                         "doc_key": r.name, "field": col, "char_start": 0, "char_end": 10,
                         "sha256_16": span_hash(day), "date": day, "doc_date": "",
                         "verdict": "confirmed" if ok else "contradicted",
                         "reason": ("first day in office" if kind == "tenure_start" else
                                    "successor's first day; the registry's end is the day before")
                                   + ("" if ok else f" (registry implies {expect or 'open'})")})
    return pd.DataFrame(rows)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--matches", help="also write every match (no text) to this CSV, for review")
    ap.add_argument("--spans", action="store_true", help="with --matches: include the matched text (keep outside the repo)")
    args = ap.parse_args(argv)
    registry = load_actors(REPO / "corpora" / "actors.yaml")
    matches = scan(registry)
    if args.matches:
        matches.drop(columns=[] if args.spans else ["span"]).to_csv(args.matches, index=False)
    ev = pd.concat([evidence(registry, matches), tenures(registry)], ignore_index=True)
    order = {t: i for i, t in enumerate(registry.titles)}
    ev["_t"] = ev["title"].map(order)
    ev["_r"] = ev["registry_start"]
    ev = ev.sort_values(["_t", "_r", "holder", "evidence_kind"], kind="stable").drop(columns=["_t", "_r"])
    ev.insert(0, "ref_id", [f"a{i:03d}" for i in range(1, len(ev) + 1)])
    for c in ("char_start", "char_end"):
        ev[c] = ev[c].map(lambda v: "" if pd.isna(v) else str(int(v)))
    ev.to_csv(OUT, index=False)
    print(ev["verdict"].value_counts().to_string())
    return 0


if __name__ == "__main__":
    sys.exit(main())
