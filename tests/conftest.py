"""Shared fixtures. Tests that need ../shared skip with a reason when it is absent."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("STANCEMAP_SHARED", ROOT.parent / "shared"))
DATASETS = SHARED / "datasets"
SEED = SHARED / "seed" / "ceasefire-talks-stall.txt"
CORPUS = ROOT / "corpora" / "ceasefire-2025-03"


@pytest.fixture(scope="session")
def root() -> Path:
    return ROOT


@pytest.fixture(scope="session")
def datasets_dir() -> Path:
    if not DATASETS.is_dir():
        pytest.skip(f"public datasets not found at {DATASETS} (CI and developers have ../shared beside the repo)")
    return DATASETS


@pytest.fixture(scope="session")
def seed_path() -> Path:
    if not SEED.is_file():
        pytest.skip(f"seed article not found at {SEED}")
    return SEED


@pytest.fixture
def tiny_registry_yaml(tmp_path) -> Path:
    """A fictional two-group registry, to prove nothing is hard-coded to the four actors."""
    p = tmp_path / "actors.yaml"
    p.write_text(
        "actors:\n"
        "  north:\n    label: Northland\n    color: '#117733'\n    members:\n"
        "      - name: Ada Quill\n        aliases: [Quill, President Quill, the Northland leader]\n"
        "      - name: Northland Ministry\n        kind: institution\n        aliases: [the Ministry, Northgate]\n"
        "  south:\n    label: Southland\n    color: '#AA4499'\n    members:\n"
        "      - name: Bram Oduya\n        aliases: [Oduya, Prime Minister Oduya, the Southland premier]\n",
        encoding="utf-8")
    return p
