"""`stancemap datasets …` through stancemap.cli.main (no network: file:// URLs only)."""
from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pandas as pd
import pytest
import yaml

from stancemap.cli import main

FAKE = "fake-corpus"
FILES = {"notes/a.txt": b"alpha\n", "sub dir/b.csv": b"x,y\n1,2\n"}


@pytest.fixture
def fake(tmp_path) -> tuple[Path, Path]:
    """A fictional two-file dataset served from tmp/upstream; returns (registry, data dir)."""
    up = tmp_path / "upstream"
    for rel, data in FILES.items():
        (up / rel).parent.mkdir(parents=True, exist_ok=True)
        (up / rel).write_bytes(data)
    spec = {"description": "A fictional corpus for tests.", "repo": "example/fake", "commit": "0" * 40,
            "license": "CC0 1.0", "attribution": "Fictional test data, no real speakers.", "citation": "None.",
            "base_url": up.as_uri(),
            "files": [{"path": rel, "sha256": hashlib.sha256(data).hexdigest()} for rel, data in FILES.items()]}
    reg = tmp_path / "registry.yaml"
    reg.write_text(yaml.safe_dump({"datasets": {FAKE: spec}}), encoding="utf-8")
    return reg, tmp_path / "data"


def run(capsys, *argv):
    code = main(["datasets", *map(str, argv)])
    out, err = capsys.readouterr()
    return code, out, err


def test_list_table_and_json(capsys, fake):
    reg, data = fake
    code, out, _ = run(capsys, "list", "--registry", reg, "--data-dir", data)
    assert code == 0 and FAKE in out and "missing" in out and f"Data directory: {data} (--data-dir)" in out
    code, out, _ = run(capsys, "list", "--registry", reg, "--data-dir", data, "--format", "json")
    rows = json.loads(out)
    assert code == 0 and rows[0]["name"] == FAKE and rows[0]["files"] == 2


def test_list_bundled_registry_reads_the_env_data_dir(capsys, monkeypatch, tmp_path):
    monkeypatch.setenv("STANCEMAP_DATA", str(tmp_path))
    code, out, _ = run(capsys, "list")
    assert code == 0 and "($STANCEMAP_DATA)" in out
    for name in ("kremlin-kyiv-press-2021-2022", "zelensky-speeches-2022", "ungdc-2014-2024", "whitehouse-2021-2026",
                 "uk-pm-commons-2019-2026", "zelensky-speeches-2022-2023"):
        assert name in out
    assert "Open Parliament Licence v3.0" in out and "2878" in out


def test_info(capsys, fake):
    reg, data = fake
    code, out, _ = run(capsys, "info", FAKE, "--registry", reg, "--data-dir", data, "--files")
    assert code == 0
    assert "Fictional test data, no real speakers." in out and "CC0 1.0" in out
    assert hashlib.sha256(FILES["sub dir/b.csv"]).hexdigest() in out and "sub%20dir/b.csv" in out


def test_info_unknown_name_suggests(capsys):
    code, _, err = run(capsys, "info", "zelensky-speeches")
    assert code == 2 and "Did you mean 'zelensky-speeches-2022'?" in err


def test_fetch_offline_missing_then_download_then_tamper(capsys, fake):
    reg, data = fake
    code, _, err = run(capsys, "fetch", FAKE, "--registry", reg, "--data-dir", data, "--offline")
    assert code == 2 and f"stancemap datasets fetch {FAKE}" in err and "STANCEMAP_DATA" in err
    code, out, _ = run(capsys, "fetch", FAKE, "--registry", reg, "--data-dir", data)
    assert code == 0 and f"ok: {FAKE}: 2 file(s)" in out
    assert (data / FAKE / "sub dir/b.csv").read_bytes() == FILES["sub dir/b.csv"]
    (data / FAKE / "notes/a.txt").write_bytes(b"changed\n")
    code, _, err = run(capsys, "fetch", "all", "--registry", reg, "--data-dir", data)
    assert code == 2 and "'notes/a.txt'" in err and "expected sha256" in err and "Delete it" in err


def test_path(capsys, fake):
    reg, data = fake
    code, out, _ = run(capsys, "path", FAKE, "--registry", reg, "--data-dir", data)
    assert code == 0 and out.strip() == str(data / FAKE)


def test_no_action_prints_help(capsys):
    code, out, _ = run(capsys)
    assert code == 2 and "fetch" in out and "STANCEMAP_DATA" in out


def test_fetch_offline_and_load_on_shared_data(capsys, datasets_dir, tmp_path):
    code, out, _ = run(capsys, "fetch", "all", "--offline", "--data-dir", datasets_dir)
    assert code == 0 and out.count("ok: ") == 6 and "ok: whitehouse-2021-2026: 2878 file(s)" in out
    target = tmp_path / "ungdc.csv"
    code, out, _ = run(capsys, "load", "ungdc-2014-2024", "--data-dir", datasets_dir, "--countries", "USA", "UKR",
                       "--years", 2022, 2023, "-o", target)
    assert code == 0 and "wrote 4 documents (ukraine: 2, us: 2)" in out
    docs = pd.read_csv(target, keep_default_na=False)
    assert sorted(docs["doc_id"]) == ["ungdc-UKR_77_2022", "ungdc-UKR_78_2023", "ungdc-USA_77_2022",
                                      "ungdc-USA_78_2023"]
    code, _, err = run(capsys, "load", "ungdc-2014-2024", "--data-dir", datasets_dir, "--countries", "USA",
                       "-o", tmp_path / "out.xlsx")
    assert code == 2 and "unknown format '.xlsx'" in err


def test_load_new_datasets_on_shared_data(capsys, datasets_dir, tmp_path):
    target = tmp_path / "uk.parquet"
    code, out, _ = run(capsys, "load", "uk-pm-commons-2019-2026", "--data-dir", datasets_dir, "-o", target)
    assert code == 0 and "wrote 10673 documents (europe: 10673)" in out
    docs = pd.read_parquet(target)
    assert docs["provenance"].str.endswith("Contains Parliamentary information licensed under the Open Parliament "
                                           "Licence v3.0.").all()
    code, out, _ = run(capsys, "info", "uk-pm-commons-2019-2026")
    assert code == 0 and "Contains Parliamentary information licensed under the Open Parliament" in out


def test_load_options_of_the_new_datasets_reach_their_loaders(datasets_dir, tmp_path, capsys):
    """`datasets load` passes --since/--until/--sections, --keywords and --no-dedupe to the loaders."""
    import pandas as pd

    from stancemap.cli import main

    out = tmp_path / "wh.csv"
    assert main(["datasets", "load", "whitehouse-2021-2026", "--data-dir", str(datasets_dir), "-o", str(out),
                 "--since", "2025-03-01", "--until", "2025-03-31", "--sections", "briefings-statements"]) == 0
    wh = pd.read_csv(out, dtype=str, keep_default_na=False)
    assert len(wh) and wh["date"].between("2025-03-01", "2025-03-31").all()
    uk = tmp_path / "uk.csv"
    assert main(["datasets", "load", "uk-pm-commons-2019-2026", "--data-dir", str(datasets_dir), "-o", str(uk),
                 "--keywords"]) == 0
    n_kw = len(pd.read_csv(uk, dtype=str, keep_default_na=False))
    assert 0 < n_kw < 10673
    z = tmp_path / "z.csv"
    assert main(["datasets", "load", "zelensky-speeches-2022-2023", "--data-dir", str(datasets_dir), "-o", str(z),
                 "--no-dedupe"]) == 0
    assert len(pd.read_csv(z, dtype=str, keep_default_na=False)) == 757
    assert main(["datasets", "list", "--data-dir", str(datasets_dir), "--verify"]) == 0
    assert "verified" in capsys.readouterr().out
