"""Shared fixtures, and the test markers applied in one place.

Tests that need ../shared skip with a reason when it is absent. Markers (registered
in pyproject.toml) let ``make test-fast`` leave out what is slow or needs more than
this checkout: ``notebooks`` (executes notebooks: every nbval cell, papermill,
JupyterLab), ``browser`` (drives Chrome/Chromium through Playwright or kaleido),
``data`` (reads ../shared: the ``datasets_dir`` or ``seed_path`` fixtures) and
``slow`` (Dask, model building, benchmarks, CLI subprocesses and processes; each
over about a second). They are set here, by the rules below, not in the test files.
"""
from __future__ import annotations

import os
from fnmatch import fnmatch
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("STANCEMAP_SHARED", ROOT.parent / "shared"))
DATASETS = SHARED / "datasets"
SEED = SHARED / "seed" / "ceasefire-talks-stall.txt"
CORPUS = ROOT / "corpora" / "ceasefire-2025-03"


@pytest.fixture(scope="session", autouse=True)
def _browser_cache_in_tmp(tmp_path_factory):
    """PNG export keeps Chrome's disk cache in the user cache; the tests keep theirs in a temporary folder."""
    if "STANCEMAP_BROWSER_CACHE" not in os.environ:
        os.environ["STANCEMAP_BROWSER_CACHE"] = str(tmp_path_factory.mktemp("browser-cache") / "browser")
    yield


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


@pytest.fixture(scope="session")
def readme_student_version(tmp_path_factory):
    """The README's `stancemap classroom student-version …` command, run once as the installed program in a
    scratch folder beside a link to notebooks/: (command, finished process, folder), or None when the README
    lacks it. tests/test_readme.py checks the command runs, tests/test_classroom.py the notebook it writes."""
    import re
    import shlex
    import subprocess
    import sys

    readme = (ROOT / "README.md").read_text(encoding="utf-8").replace("\n", " ")
    m = re.search(r"`(stancemap classroom student-version[^`]+)`", readme)
    if m is None:
        return None
    cmd = re.sub(r"\s+", " ", m.group(1))
    work = tmp_path_factory.mktemp("readme-student-version")
    (work / "notebooks").symlink_to(ROOT / "notebooks")
    r = subprocess.run([str(Path(sys.executable).parent / "stancemap"), *shlex.split(cmd)[1:]], cwd=work,
                       capture_output=True, text=True, timeout=600)
    return cmd, r, work


# -- markers ------------------------------------------------------------------------

#: Fixtures that read ../shared: a test using one (directly or through another fixture) is ``data``.
DATA_FIXTURES = {"datasets_dir", "seed_path"}

#: Test ids (``file::test``, fnmatch patterns; parameters match with ``*``) per marker.
MARKED = {
    "notebooks": [
        "test_notebooks.py::test_all_notebooks_execute_within_the_time_budget",
        "test_case_studies.py::test_notebook_*",
        "test_jupyterlab_browser.py::*",
    ],
    "browser": [
        "test_jupyterlab_browser.py::*",
        "test_figures.py::test_png_and_svg_export_in_one_browser_session",
        "test_figures.py::test_pages_render_in_headless_chromium",
        "test_figures.py::test_check_html_renders_reports_missing_file",
        "test_figures.py::test_a_failed_render_in_a_session_gives_the_next_images_a_fresh_browser",
        "test_figures.py::test_images_started_early_are_collected_into_place",
        "test_figures.py::test_pdf_then_png_in_one_session",
        "test_imagebrowser.py::test_images_are_the_bytes_kaleido_itself_writes",
        "test_imagebrowser.py::test_chrome_keeps_compiled_plotly_in_the_cache_folder",
        "test_imagebrowser.py::test_a_second_browser_meanwhile_runs_without_the_cache",
        "test_imagebrowser.py::test_submit_renders_in_the_background_and_can_close_the_browser",
        "test_imagebrowser.py::test_close_waits_for_submitted_images",
        "test_imagebrowser.py::test_a_pdf_batch_reloads_the_page_after_each_image",
        "test_imagebrowser.py::test_a_page_that_loads_at_once_does_not_hang_the_start",
        "test_imagebrowser.py::test_a_proxy_in_the_environment_does_not_keep_the_page_away*",
        "test_report.py::test_index_renders_in_headless_chromium",
        "test_figures.py::test_images_added_one_figure_at_a_time_are_all_collected",
        "test_imagebrowser.py::test_closing_after_a_batch_waits_for_the_batches_before_it",
        "test_imagebrowser.py::test_a_browser_started_early_is_handed_over_once",
        "test_imagebrowser.py::test_a_figure_outside_the_small_bundle_switches_to_the_full_page",
        "test_cli.py::test_the_report_renders_its_images_with_the_browser_started_first",
        "test_readme.py::test_make_demo",  # exports PNG when Chrome is found
    ],
    "data": [
        "test_case_studies.py::test_figures_and_tables_are_written_and_deterministic",  # getfixturevalue
    ],
    "slow": [
        # CLI subprocesses, processes, whole reports
        "test_cli_robustness.py::*",
        "test_atomic.py::test_a_model_save_stopped_half_way_leaves_no_loadable_mix",
        "test_init.py::test_help_and_dir_list_the_verbs",
        "test_model_layout.py::test_the_estimators_module_loads_nothing_above_it",
        "test_readme.py::test_readme_says_how_to_run_stancemap_after_make_demo",
        "test_report.py::test_an_interrupted_report_leaves_the_earlier_one_untouched",
        "test_cli_extract.py::test_extract_parquet_is_what_score_and_sample_read",
        "test_readme.py::test_stancemap_commands_in_readme_run",
        "test_readme.py::test_make_demo",
        "test_readme.py::test_the_dataset_loader_commands_in_the_readme_give_its_figures",
        "test_readme.py::test_classroom_command_in_readme_runs",
        "test_vendor.py::test_the_bundle_builds_again_byte_for_byte",  # npm ci and esbuild
        "test_contracts.py::test_report_tables_are_the_declared_ones",
        "test_cli_extract.py::test_jobs_give_the_same_table",
        "test_score.py::test_chunks_and_processes_do_not_change_a_number",
        "test_init.py::test_import_is_light",
        "test_libm.py::test_scores_and_keyness_do_not_depend_on_numpys_simd_code",
        "test_report.py::test_cli_report",
        "test_report.py::test_large_corpora_list_a_capped_number_of_statements",
        # model building and cross-validation
        "test_models.py::test_default_model_is_deterministic_from_repo_files",
        "test_validate.py::test_cross_validate_is_seeded",
        "test_cli_models.py::test_train_*",
        "test_models.py::test_same_seed_gives_identical_probabilities",
        "test_models.py::test_frame_classifier_multilabel_outputs",
        "test_models.py::test_train_model_errors",
        "test_models.py::test_saved_model_round_trip_is_arrays_and_json",
        "test_models.py::test_stance_models_take_a_target_specific_block",
        "test_features.py::test_word_units_follow_nltk_negation_marks",
        # benchmarks and property-based searches
        "test_benchmarks.py::*",
        "test_external.py::test_*script*",
        "test_external.py::test_*benchmark*",
        "test_external.py::test_selection_uses_training_folds_only_and_is_deterministic",
        "test_external.py::test_stance_probabilities_per_target_and_joint",
        "test_extract.py::test_never_crashes_*",
        "test_codebook.py::test_count_matches_equals_findall",
        "test_compare.py::test_bootstrap_with_few_distinct_rows_draws_multinomial_counts",
    ],
}


def _is_notebook_cell(item) -> bool:
    return str(getattr(item, "path", "")).endswith(".ipynb")


def _uses_dask(item) -> bool:
    """The test module imports Dask (its tests build Dask tables and clusters)."""
    module = getattr(item, "module", None)
    return module is not None and any(isinstance(v, ModuleType) and v.__name__.split(".")[0] in ("dask", "distributed")
                                      for v in vars(module).values())


def pytest_collection_modifyitems(config, items):
    """Add the markers: nbval cells → notebooks, ../shared fixtures → data, modules that import
    Dask → slow, and the ids in :data:`MARKED`."""
    for item in items:
        if _is_notebook_cell(item):
            item.add_marker(pytest.mark.notebooks)
            continue
        if DATA_FIXTURES & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.data)
        if _uses_dask(item):
            item.add_marker(pytest.mark.slow)
        test_id = item.nodeid.rsplit("/", 1)[-1]
        for mark, patterns in MARKED.items():
            if any(fnmatch(test_id, p) or fnmatch(test_id, p + "[[]*") for p in patterns):
                item.add_marker(getattr(pytest.mark, mark))
