"""Every table the package writes is declared once (stancemap.schema), documented in
corpora/README.md column by column, and is what its verb returns."""
from __future__ import annotations

import re
import warnings
from pathlib import Path

import pandas as pd
import pytest

from stancemap import compare as C
from stancemap import cues as V
from stancemap import keyness as K
from stancemap import schema
from stancemap.topics import topic_counts
from stancemap.errors import StancemapError

from helpers import FRAMES, TARGETS, fictional_registry, make_scored

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "corpora" / "ceasefire-2025-03"


def documented_tables() -> dict[str, list[str]]:
    """``### `name` `` sections of corpora/README.md → the first cells of their column table."""
    text = (ROOT / "corpora" / "README.md").read_text(encoding="utf-8")
    section = text.split("## Tables (the contract between stages)", 1)[1]
    out = {}
    for m in re.finditer(r"^### `(\w+)`\n(.*?)(?=^##|\Z)", section, flags=re.M | re.S):
        rows = [line for line in m.group(2).splitlines() if line.startswith("| `")]
        out[m.group(1)] = [re.match(r"\| `([^`]+)`", line).group(1) for line in rows]
    return out


def test_corpora_readme_documents_exactly_the_declared_columns():
    documented = documented_tables()
    assert sorted(documented) == sorted(schema.TABLES), "a table is declared but not documented, or vice versa"
    for name, cols in schema.TABLES.items():
        assert documented[name] == list(cols), f"corpora/README.md table {name!r} differs from schema.TABLES"


def test_expand_columns():
    assert schema.table_columns("scored", frames=["a", "b"], targets=["t", "u"]) == [
        "frame_a", "frame_b", "frames", "stance_t", "stance_t_p", "stance_u", "stance_u_p", "tone", "cue_a", "cue_b"]
    assert schema.table_columns("frame_shares")[:2] == ["group", "frame"]
    assert schema.table_columns("frame_shares", split="window")[:3] == ["group", "window", "frame"]
    with pytest.raises(StancemapError, match="'frame_share' not found.*Did you mean 'frame_shares'"):
        schema.table_columns("frame_share")


@pytest.fixture(scope="module")
def scored() -> pd.DataFrame:
    return make_scored(120)


def _quiet(fn, *args, **kwargs):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return fn(*args, **kwargs)


def test_every_summary_verb_returns_its_declared_columns(scored):
    reg = fictional_registry()
    kw = {"n_boot": 20, "registry": reg}
    windowed = C.event_window(scored, "2025-03-18")
    with_cues = scored.assign(cue=["said", "claimed", "insisted"] * (len(scored) // 3) + ["warned"] * (len(scored) % 3))
    made = {
        "group_counts": (C.group_counts(scored, registry=reg), None),
        "frame_shares": (C.frame_shares(scored, **kw), None),
        "stance_shares": (C.stance_shares(scored, **kw), None),
        "stance_addressing": (C.stance_addressing(scored, registry=reg), None),
        "frame_differences": (C.differences(scored, what="frames", **kw), None),
        "stance_differences": (C.differences(scored, what="stance", pairs="one-vs-rest", **kw), None),
        "frames_over_time": (_quiet(C.over_time, scored, what="frames", **kw), None),
        "stance_over_time": (_quiet(C.over_time, scored, what="stance", **kw), None),
        "stance_addressing_over_time": (_quiet(C.stance_addressing_over_time, scored, registry=reg), None),
        "blame_edges": (C.blame_edges(scored.assign(text="Quill blamed Oduya"), reg), None),
        "keyness": (K.keyness(scored.assign(text=scored["statement_id"] + " truce talks"), min_count=1), None),
        "term_counts": (K.term_counts(scored), None),
        "cue_counts": (_quiet(V.cue_counts, with_cues, registry=reg), None),
        "cue_keyness": (V.cue_keyness(with_cues, registry=reg), None),
        "topic_counts": (topic_counts(scored), None),
    }
    made["frame_shares_split"] = (_quiet(C.frame_shares, windowed, split="window", **kw), "window")
    made["stance_differences_split"] = (_quiet(C.differences, windowed, what="stance", split="window", **kw),
                                        "window")
    made["cue_counts_split"] = (_quiet(V.cue_counts, with_cues, split="outlet"), "outlet")
    assert set(schema.SUMMARY_COLUMNS) <= set(made)
    for key, (table, split) in made.items():
        name = key.removesuffix("_split")
        assert len(table), key
        assert list(table.columns) == schema.table_columns(name, split=split), key
    assert list(windowed.columns) == [*scored.columns, schema.EVENT_WINDOW_COLUMN]
    assert set(windowed[schema.EVENT_WINDOW_COLUMN]) <= set(schema.EVENT_WINDOW_VALUES)
    assert K.KEYNESS_COLUMNS == schema.SUMMARY_COLUMNS["keyness"]


def test_net_stance_and_top_terms_keep_their_tables_columns(scored):
    assert list(C.net_stance(C.stance_shares(scored, n_boot=20)).columns) == schema.table_columns("stance_shares")
    keys = K.keyness(scored.assign(text=scored["statement_id"] + " truce talks"), min_count=1)
    assert list(K.top_terms(keys, 3).columns) == schema.table_columns("keyness")


def test_documents_statements_and_scored_are_the_declared_columns():
    from stancemap.corpus import load
    from stancemap.extract import extract
    from stancemap.models import load_model
    from stancemap.score import score, score_columns

    docs = load([CORPUS])
    assert list(docs.columns) == schema.DOCUMENT_COLUMNS
    statements = extract(docs)
    assert list(statements.columns) == schema.STATEMENT_COLUMNS
    model = load_model()
    added = schema.table_columns("scored", frames=model.frame_keys, targets=model.targets)
    assert score_columns(model) == added
    scored = score(statements.head(5), model)
    assert list(scored.columns) == [*schema.STATEMENT_COLUMNS, *added]
    no_cues = score(statements.head(2), model, lexicon=False)
    assert [c for c in no_cues.columns if c.startswith("cue_")] == []


def test_report_tables_are_the_declared_ones(tmp_path):
    from stancemap.models import load_model
    from stancemap.report import report

    res = _quiet(report, [CORPUS], tmp_path, formats=("html",), n_boot=50, progress=False)
    assert set(res.tables) <= set(schema.REPORT_TABLES)
    for name in res.tables:
        for suffix in (".csv", ".parquet"):
            path = tmp_path / "tables" / f"{name}{suffix}"
            cols = list(pd.read_csv(path, nrows=0).columns) if suffix == ".csv" else \
                list(pd.read_parquet(path).columns)
            assert cols == schema.table_columns(name), path
    header = list(pd.read_csv(tmp_path / "statements.csv", nrows=0).columns)
    assert header == schema.STATEMENT_COLUMNS
    model = load_model()
    scored_header = list(pd.read_csv(tmp_path / "scored.csv", nrows=0).columns)
    assert scored_header == [*schema.STATEMENT_COLUMNS,
                             *schema.table_columns("scored", frames=model.frame_keys, targets=model.targets)]


def test_synthetic_tables_use_the_declared_scored_columns():
    df = make_scored(10)
    added = schema.table_columns("scored", frames=FRAMES, targets=TARGETS)
    assert [c for c in df.columns if c in added] == [c for c in added if not c.startswith("cue_")]
