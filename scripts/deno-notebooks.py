#!/usr/bin/env python3
"""Run the built notebooks in Deno's Jupyter kernel, headless, and count the runs that kept every output under its cell.

Not part of CI (CI has neither Deno nor Jupyter): a check to run by hand after changing src/export.

Each notebook (`<page>.ipynb` from `npm run build`) is copied to a fresh temporary folder and executed there with
nbclient (what `jupyter nbconvert --execute` uses), N times, one at a time. Each run is compared with the outputs the
build stored in the notebook, cell by cell. A run keeps every output when, for every code cell the build gave outputs:

- every chart the build stored (its `[figure: …]` label) is there, as often;
- every progress bar is there with the build's final text (`epochs: 50 / 50`);
- as many values and tables as the build stored are there (Deno's kernel shows a cell's last value its own way, so
  values are counted, not compared as text);
- every word the build printed to stdout/stderr is there, as often (`Epoch` six times; numbers are left out: their
  last digits and timings vary);

and no cell (with or without stored outputs) shows a chart, a progress bar or a printed line the build stored under
another cell, and no cell has an error. A run that fails says which cell and why.

Setup (Debian 12; `python3` must be Debian's, e.g. /usr/bin/python3, for its nbclient):

    apt-get install -y python3-nbclient python3-jupyter-client python3-ipykernel python3-nbformat
    mkdir -p /tmp/deno-tool && cd /tmp/deno-tool && npm i deno@2.9.6    # or any Deno 2
    MOMENTS_OUT_DIR=/tmp/h8-dist npm run build                           # in the repository

Run (the kernel is the given Deno binary, through a kernelspec of this script's own; without --deno, the installed
`deno` kernelspec from `deno jupyter --install`):

    /usr/bin/python3 scripts/deno-notebooks.py --deno /tmp/deno-tool/node_modules/.bin/deno --runs 3 /tmp/h8-dist/lessons
    /usr/bin/python3 scripts/deno-notebooks.py --deno … --parent-package-json /tmp/h8-dist/lessons/adam.ipynb

`--parent-package-json` runs from a folder with a `package.json` above it (as when a notebook is opened inside a Node
project). `--keep DIR` keeps the executed notebooks; `--json FILE` writes every run's result. The exit code is 0 when
every run kept every output.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

try:
    import nbformat
    from nbclient import NotebookClient
except ImportError as error:  # pragma: no cover - a setup problem, said plainly
    sys.exit(f"{error}: run this with a python3 that has nbclient and nbformat (Debian: /usr/bin/python3)")

ANSI = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")
FIGURE = re.compile(r"^\[figure(?:: (.*))?\]$", re.S)
PROGRESS = re.compile(r"^(.+): (\d+) / (\d+)$")
WORD = re.compile(r"[^\W\d_]{2,}")
NUMBER = re.compile(r"[-+]?(?:\d+\.?\d*|\.\d+)(?:e[-+]?\d+)?", re.I)
LIBRARY_CELL = "moments-library"


def text(value) -> str:
    return ANSI.sub("", "".join(value) if isinstance(value, list) else str(value))


class Shown:
    """What a cell shows, in the terms the comparison uses."""

    def __init__(self, outputs):
        self.figures: Counter[str] = Counter()
        self.progress: Counter[str] = Counter()
        self.values = 0
        self.words: Counter[str] = Counter()
        self.lines: set[str] = set()
        self.errors: list[str] = []
        for output in outputs:
            kind = output.get("output_type")
            if kind == "stream":
                body = text(output.get("text", ""))
                self.words.update(WORD.findall(body))
                self.lines.update(line_key(line) for line in body.splitlines() if len(line_key(line)) >= 12)
            elif kind in ("display_data", "execute_result"):
                data = output.get("data", {})
                plain = text(data.get("text/plain", "")).strip()
                figure = FIGURE.match(plain)
                progress = PROGRESS.match(plain)
                if "image/svg+xml" in data or figure:
                    self.figures[(figure.group(1) or "") if figure else ""] += 1
                elif progress and "\n" not in plain:
                    self.progress[plain] += 1
                elif plain or len(data) > 1:
                    self.values += 1
                # An empty bundle (a cell ending in `display(…)`, whose handle shows nothing) is not a value.
            elif kind == "error":
                self.errors.append(f"{output.get('ename')}: {output.get('evalue')}")

    def empty(self) -> bool:
        return not (self.figures or self.progress or self.values or self.words or self.errors)


def line_key(line: str) -> str:
    return " ".join(NUMBER.sub("#", line).split())


def missing(expected: Counter, actual: Counter) -> list[str]:
    return [f"{key!r}" + (f" ×{count - actual[key]}" if count > 1 else "") for key, count in expected.items() if actual[key] < count]


def compare(stored, executed) -> list[str]:
    """Why a run did not keep every output (empty: it did). Both are lists of nbformat code cells, in order."""
    problems: list[str] = []
    want = {cell["id"]: Shown(cell.get("outputs", [])) for cell in stored}
    got = {cell["id"]: Shown(cell.get("outputs", [])) for cell in executed}
    owner_of_figure: dict[str, set[str]] = {}
    owner_of_progress: dict[str, set[str]] = {}
    owner_of_line: dict[str, set[str]] = {}
    for cell_id, shown in want.items():
        for label in shown.figures:
            owner_of_figure.setdefault(label, set()).add(cell_id)
        for bar in shown.progress:
            owner_of_progress.setdefault(PROGRESS.match(bar).group(1), set()).add(cell_id)
        for line in shown.lines:
            owner_of_line.setdefault(line, set()).add(cell_id)

    for cell_id, expected in want.items():
        actual = got.get(cell_id)
        if actual is None:
            problems.append(f"{cell_id}: not in the executed notebook")
            continue
        if actual.errors:
            problems.append(f"{cell_id}: error {actual.errors[0]}")
        if cell_id == LIBRARY_CELL:
            continue
        if not expected.empty():
            if actual.empty():
                problems.append(f"{cell_id}: no outputs (the build stored some)")
                continue
            if lost := missing(expected.figures, actual.figures):
                problems.append(f"{cell_id}: charts missing {', '.join(lost)}")
            if lost := missing(expected.progress, actual.progress):
                shown = ", ".join(repr(bar) for bar in actual.progress) or "none"
                problems.append(f"{cell_id}: progress {', '.join(lost)} missing (shown: {shown})")
            if actual.values < expected.values:
                problems.append(f"{cell_id}: {expected.values - actual.values} of {expected.values} values missing")
            if lost := missing(expected.words, actual.words):
                problems.append(f"{cell_id}: printed words missing {', '.join(lost[:6])}{' …' if len(lost) > 6 else ''}")
            if actual.values > expected.values:
                problems.append(f"{cell_id}: {actual.values - expected.values} values more than the build stored")
        # Another cell's outputs shown here.
        strays = [f"chart {label!r}" for label in actual.figures if cell_id not in owner_of_figure.get(label, {cell_id})]
        strays += [
            f"progress {bar!r}"
            for bar in actual.progress
            if cell_id not in owner_of_progress.get(PROGRESS.match(bar).group(1), {cell_id})
        ]
        strays += [f"line {line!r}" for line in actual.lines if cell_id not in owner_of_line.get(line, {cell_id})]
        if strays:
            problems.append(f"{cell_id}: shows another cell's {'; '.join(strays[:3])}{' …' if len(strays) > 3 else ''}")
    return problems


def code_cells(notebook):
    return [cell for cell in notebook["cells"] if cell["cell_type"] == "code"]


def kernelspec_for(deno: str, where: Path) -> str:
    """A kernelspec of our own that starts `deno`; its name."""
    name = "moments-deno-check"
    folder = where / "kernels" / name
    folder.mkdir(parents=True, exist_ok=True)
    spec = {
        "argv": [str(Path(deno).resolve()), "jupyter", "--kernel", "--conn", "{connection_file}"],
        "display_name": "Deno (scripts/deno-notebooks.py)",
        "language": "typescript",
    }
    (folder / "kernel.json").write_text(json.dumps(spec, indent=2))
    os.environ["JUPYTER_PATH"] = os.pathsep.join(filter(None, [str(where), os.environ.get("JUPYTER_PATH")]))
    return name


def project_files_above(folder: Path) -> list[Path]:
    """package.json / deno.json(c) files in the folder or above it: Deno's config discovery sees them."""
    found = []
    for parent in [folder, *folder.parents]:
        for name in ("package.json", "deno.json", "deno.jsonc"):
            if (parent / name).exists():
                found.append(parent / name)
    return found


def run_once(source: Path, workdir: Path, kernel: str | None, timeout: int):
    workdir.mkdir(parents=True, exist_ok=True)
    target = workdir / source.name
    shutil.copyfile(source, target)
    stored = nbformat.read(str(target), as_version=4)
    notebook = nbformat.read(str(target), as_version=4)
    for cell in code_cells(notebook):
        cell["outputs"] = []
    client = NotebookClient(
        notebook,
        timeout=timeout,
        allow_errors=True,
        resources={"metadata": {"path": str(workdir)}},
        **({"kernel_name": kernel} if kernel else {}),
    )
    started = time.monotonic()
    failure = None
    with open(workdir / "kernel.log", "wb") as log:  # the kernel's own stderr (Deno's warnings, downloads, crashes)
        try:
            client.execute(stderr=log)
        except Exception as error:  # the kernel died, a cell timed out
            last = str(error).strip().splitlines()[-1:] or [""]
            failure = f"execution failed: {type(error).__name__}: {last[0]}"
    if failure:
        tail = (workdir / "kernel.log").read_text(errors="replace").strip().splitlines()[-3:]
        failure += "".join(f"\n        kernel: {ANSI.sub('', line)}" for line in tail)
    seconds = time.monotonic() - started
    problems = ([failure] if failure else []) + compare(code_cells(stored), code_cells(notebook))
    library = next((cell for cell in code_cells(notebook) if cell["id"] == LIBRARY_CELL), None)
    notes = []
    shown = Shown(library.get("outputs", [])) if library is not None else None
    if shown is not None and (shown.figures or shown.progress or shown.values or shown.words):
        notes.append("the library cell shows an output")
    return notebook, problems, notes, seconds


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("notebooks", nargs="+", help=".ipynb files or folders of them")
    parser.add_argument("--runs", type=int, default=3, help="runs per notebook (3)")
    parser.add_argument("--deno", help="the Deno binary to run as the kernel (default: the installed `deno` kernelspec)")
    parser.add_argument("--parent-package-json", action="store_true", help="run from a folder below a package.json")
    parser.add_argument("--timeout", type=int, default=600, help="seconds per cell (600)")
    parser.add_argument("--keep", help="a folder to keep the executed notebooks in")
    parser.add_argument("--json", help="a file for every run's result")
    parser.add_argument("--quiet", action="store_true", help="only the summary and the failing runs")
    args = parser.parse_args()

    files = []
    for item in map(Path, args.notebooks):
        files += sorted(item.glob("*.ipynb")) if item.is_dir() else [item]
    if not files:
        sys.exit("no notebooks given")

    scratch = Path(tempfile.mkdtemp(prefix="moments-deno-notebooks-"))
    kernel = kernelspec_for(args.deno, scratch / "jupyter") if args.deno else "deno"
    runs_root = scratch / "runs"
    if args.parent_package_json:
        runs_root = scratch / "node-project"
        runs_root.mkdir(parents=True)
        (runs_root / "package.json").write_text('{ "name": "some-node-project", "private": true }\n')
        runs_root = runs_root / "notebooks"
    runs_root.mkdir(parents=True, exist_ok=True)
    above = project_files_above(runs_root)
    print(f"kernel: {kernel}{f' ({args.deno})' if args.deno else ''}; runs in {runs_root}")
    print(f"project files above the runs: {', '.join(map(str, above)) or 'none'}")
    if above and not args.parent_package_json:
        print("warning: Deno's config discovery sees these files; results differ from a clean folder", file=sys.stderr)

    results = []
    try:
        for run in range(1, args.runs + 1):
            for source in files:
                workdir = runs_root / f"{source.stem}-{run}"
                notebook, problems, notes, seconds = run_once(source, workdir, kernel, args.timeout)
                kept = not problems
                results.append(
                    {"notebook": source.stem, "run": run, "kept": kept, "seconds": round(seconds, 1), "problems": problems, "notes": notes}
                )
                if args.keep:
                    Path(args.keep).mkdir(parents=True, exist_ok=True)
                    nbformat.write(notebook, str(Path(args.keep) / f"{source.stem}.run{run}.ipynb"))
                if not kept or not args.quiet:
                    status = "kept every output" if kept else f"{len(problems)} problem(s)"
                    print(f"run {run} {source.stem}: {status} ({seconds:.1f} s){'; ' + '; '.join(notes) if notes else ''}")
                    for problem in problems[:8]:
                        print(f"    {problem}")
                    if len(problems) > 8:
                        print(f"    … {len(problems) - 8} more")
                sys.stdout.flush()
    finally:
        shutil.rmtree(scratch, ignore_errors=True)

    kept = sum(result["kept"] for result in results)
    clean = sorted({r["notebook"] for r in results} - {r["notebook"] for r in results if not r["kept"]})
    print(
        f"\n{kept} of {len(results)} runs kept every output ({len(files)} notebooks × {args.runs} runs"
        f"{', below a package.json' if args.parent_package_json else ''}); clean in every run: {len(clean)} of {len(files)}"
    )
    if args.json:
        Path(args.json).write_text(json.dumps(results, indent=2, ensure_ascii=False))
    return 0 if kept == len(results) else 1


if __name__ == "__main__":
    sys.exit(main())
