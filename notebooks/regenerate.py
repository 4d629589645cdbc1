"""Re-execute the notebooks in place (stored outputs for nbval) and keep the jupytext pairs in sync.

Run from the project root with the project's Python (the kernel is that same
Python, whatever kernelspecs are installed elsewhere)::

    .venv/bin/python notebooks/regenerate.py                 # tutorials + classroom
    .venv/bin/python notebooks/regenerate.py notebooks/02-framing.ipynb
    .venv/bin/python notebooks/regenerate.py --figures figures/notebooks   # save figures, notebooks untouched

Steps for each notebook:

1. sync the pair ``NAME.ipynb`` ↔ ``NAME.py`` (``jupytext --sync``: the more
   recently edited file wins, so edit either);
2. execute it top to bottom in its own folder, replacing every output (no
   timing metadata is recorded, so an unchanged notebook gives an unchanged file);
3. sync the pair again (the ``.py`` file has no outputs; it only changes if the
   inputs did).

With ``--figures DIR`` the notebooks are executed from temporary copies with
the papermill parameter ``figures_dir=DIR`` (notebooks without that parameter
are skipped); the committed notebooks are not touched. Prints the time of each
notebook and the total; exits 1 if a notebook fails.
"""
from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent


def notebooks(paths: list[str]) -> list[Path]:
    """The notebooks to run: the given ones, else the tutorials (notebooks/*.ipynb) and the
    classroom notebooks (notebooks/classroom/source/*/*.ipynb; regenerate those without
    STANCEMAP_DATA, so no real text is stored in their outputs), sorted. Case studies
    (notebooks/case-studies/) need the public datasets, whose texts must not be stored
    in committed outputs, so they only run when named."""
    if paths:
        out = [Path(p).resolve() for p in paths]
        for p in out:
            if p.suffix != ".ipynb" or not p.is_file():
                sys.exit(f"error: {p} is not a notebook (.ipynb). Pass notebooks under {HERE}.")
        return out
    return sorted([*HERE.glob("*.ipynb"), *(HERE / "classroom" / "source").glob("*/*.ipynb")])


def sync(nb: Path) -> None:
    """``jupytext --sync`` when the notebook is paired (has a .py beside it)."""
    if nb.with_suffix(".py").is_file():
        subprocess.run([sys.executable, "-m", "jupytext", "--sync", "--quiet", str(nb)], check=True)


def kernel_manager():
    """A kernel manager whose ``python3`` kernel is this Python (like nbval's --nbval-current-env)."""
    import ipykernel.kernelspec
    from jupyter_client import KernelManager
    from jupyter_client.kernelspec import KernelSpecManager

    class CurrentPython(KernelSpecManager):
        def get_kernel_spec(self, kernel_name):
            return self.kernel_spec_class(resource_dir=ipykernel.kernelspec.RESOURCES,
                                          **ipykernel.kernelspec.get_kernel_dict())

    return KernelManager(kernel_name="python3", kernel_spec_manager=CurrentPython())


def execute(nb_path: Path, out_path: Path, timeout: int, parameters: dict | None = None) -> float:
    """Execute ``nb_path`` in its folder and write the result to ``out_path``; returns seconds."""
    import nbformat
    from nbclient import NotebookClient

    nb = nbformat.read(nb_path, as_version=4)
    for cell in nb.cells:  # timings from other tools (nbconvert, JupyterLab) only make diffs noisy
        cell.metadata.pop("execution", None)
        cell.metadata.pop("ExecuteTime", None)
    nb.metadata.pop("papermill", None)
    if parameters:
        nb = _inject(nb, parameters)
    client = NotebookClient(nb, km=kernel_manager(), timeout=timeout, record_timing=False,
                            resources={"metadata": {"path": str(nb_path.parent)}})
    # stored outputs of the classroom notebooks must never hold real dataset text: run them without the data
    saved = os.environ.pop("STANCEMAP_DATA", None) if "classroom" in nb_path.parts and not parameters else None
    t0 = time.perf_counter()
    try:
        client.execute()
    finally:
        if saved is not None:
            os.environ["STANCEMAP_DATA"] = saved
    seconds = time.perf_counter() - t0
    for cell in nb.cells:
        if cell.cell_type == "code":
            cell.outputs = join_adjacent_streams(cell.outputs)
    nbformat.write(nb, out_path)
    return seconds


def join_adjacent_streams(outputs: list) -> list:
    """Stream outputs of the same name that follow each other, as one: a print's text and its newline may arrive
    as two outputs in one run and as one in the next (a needless diff). Not across a figure or a table, whose
    place among the prints is kept (nbclient's ``coalesce_streams`` would move later prints before it; nbval
    merges them all when it compares, so either form passes)."""
    joined: list = []
    for out in outputs:
        prev = joined[-1] if joined else None
        if (out.get("output_type") == "stream" and prev is not None and prev.get("output_type") == "stream"
                and prev.get("name") == out.get("name")):
            prev["text"] = prev["text"] + out["text"]
        else:
            joined.append(out)
    return joined


def _inject(nb, parameters: dict):
    """Papermill-style: a cell that sets ``parameters`` right after the ``parameters`` cell."""
    import nbformat

    source = "\n".join(f"{k} = {v!r}" for k, v in parameters.items())
    cell = nbformat.v4.new_code_cell(source, metadata={"tags": ["injected-parameters"]})
    for i, c in enumerate(nb.cells):
        if "parameters" in c.get("metadata", {}).get("tags", []):
            nb.cells.insert(i + 1, cell)
            return nb
    raise ValueError("no cell tagged 'parameters'")


def has_parameter(nb_path: Path, name: str) -> bool:
    import nbformat

    nb = nbformat.read(nb_path, as_version=4)
    return any("parameters" in c.get("metadata", {}).get("tags", []) and f"{name} =" in c.source
               for c in nb.cells if c.cell_type == "code")


def absolute_data_dir(env) -> None:
    """Make a relative ``STANCEMAP_DATA`` absolute (against the current folder): each notebook's kernel
    runs in the notebook's own folder, where ``../shared/datasets`` names another place."""
    value = env.get("STANCEMAP_DATA")
    if value and not Path(value).is_absolute():
        env["STANCEMAP_DATA"] = str(Path(value).resolve())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("notebooks", nargs="*",
                        help="notebooks to run (default: notebooks/*.ipynb and notebooks/classroom/source/*/*.ipynb)")
    parser.add_argument("--timeout", type=int, default=600, help="seconds per cell (default 600)")
    parser.add_argument("--figures", metavar="DIR", default=None,
                        help="save the notebooks' figures to DIR (executes copies; notebooks are not changed)")
    args = parser.parse_args(argv)
    absolute_data_dir(os.environ)
    todo = notebooks(args.notebooks)
    total, failed, ran = 0.0, [], 0
    figures = Path(args.figures).resolve() if args.figures else None
    for nb in todo:
        name = nb.relative_to(HERE) if nb.is_relative_to(HERE) else nb
        try:
            if figures is not None:
                if not has_parameter(nb, "figures_dir"):
                    print(f"{name}: no figures_dir parameter, skipped", flush=True)
                    continue
                figures.mkdir(parents=True, exist_ok=True)
                with tempfile.TemporaryDirectory() as tmp:  # the executed copy is thrown away
                    seconds = execute(nb, Path(tmp) / nb.name, args.timeout, {"figures_dir": str(figures)})
            else:
                sync(nb)
                seconds = execute(nb, nb, args.timeout)
                sync(nb)
        except Exception as e:  # noqa: BLE001 - report every failing notebook, then exit 1
            print(f"{name}: FAILED: {type(e).__name__}: {str(e).strip().splitlines()[-1] if str(e).strip() else ''}",
                  flush=True)
            failed.append(str(name))
            continue
        total += seconds
        ran += 1
        print(f"{name}: {seconds:.1f} s", flush=True)
    summary = f"total: {total:.1f} s for {ran} notebook(s)"
    print(summary + (f"; FAILED: {', '.join(failed)}" if failed else ""))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
