#!/usr/bin/env python3
"""Mutation testing of ensomhed's core: how much behaviour would the tests let change?

    ./dev mutate                          # every core module
    ./dev mutate meetings changes         # just these (names below, or paths under src/ensomhed_cli/)
    ./dev mutate --survivors              # also print the diff of every surviving mutant
    ./dev mutate --keep                   # reuse the last run: re-test only what was not killed

mutmut 3 changes the code one small thing at a time (a `<` for a `<=`, a dropped
argument, another constant) and runs the tests that exercise the changed function.
A mutant that makes a test fail is killed; one that lets every test pass survived,
and is a behaviour nothing checks. The score of a module is the share of its mutants
killed (a mutant that makes the tests hang counts as killed: they noticed).

The run happens in a copy of the project (build/mutation/, the files git knows of),
so the working tree never holds mutated code. Survivors that cannot change behaviour
(equivalent mutants) are listed in mutation/equivalent/<module>.md and left out of the
score; the list names each one and says why. It prints a table, writes it to
build/mutation/scores.md and exits 1 when a module is below the target.

Not part of CI: a full run takes about 20 minutes on two cores.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
from collections import Counter
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
WORK = PROJECT / "build" / "mutation"
PACKAGE = "src/ensomhed_cli"
TARGET = 0.85

# The core: what every command stands on. Name -> path under src/ensomhed_cli/.
CORE = {
    "meetings": "check/rules/meetings.py",
    "plans": "check/rules/plans.py",
    "yamldialect": "format/yamldialect.py",
    "context": "render/context.py",
    "plan_context": "render/plan_context.py",
    "minutes": "check/rules/minutes.py",
    "minutes_context": "render/minutes_context.py",
    "snapshot": "review/snapshot.py",
    "diff": "review/diff.py",
    "differ": "review/differ.py",
    "changed_only": "review/changed_only.py",
    "export": "query/export.py",
    "ics": "query/ics.py",
    "index_read": "query/index_read.py",
    "index_load": "query/index_load.py",
    "page_cache": "render/page_cache.py",
    "item_changes": "review/item_changes.py",
    "people_changes": "review/people_changes.py",
    "plan_changes": "review/plan_changes.py",
    "phrases": "review/phrases.py",
    "report": "review/report.py",
}

SLOW_TESTS = ("test_browser.py", "test_fsio.py", "test_cache.py", "test_startup.py", "test_accessibility.py", "test_screens.py", "test_pdf.py", "test_child.py",
              # builds of sites on forked workers: under mutmut's stats and clean runs an index write
              # after the workers have run failed with MemoryError (SQLite out of memory)
              "test_build_incremental.py", "test_site_folder.py")
# Tests that read the source as text (its layout and imports), which mutmut rewrites.
SOURCE_TESTS = ("test_architecture.py",)
# Tests that run `ensomhed lsp` or `serve` in a process of its own, in a repository folder:
# there mutmut's trampoline looks for its settings in the working folder, cannot find them
# and raises, which the server reports as a failed check (no diagnostics, no page).
SUBPROCESS_TESTS = ("test_lsp.py", "test_lsp_navigation.py", "test_lsp_robust.py", "test_serve.py", "test_serve_browser.py", "test_serve_security.py")

# Counted as detected: the tests failed, or hung (mutmut's timeout) on the mutant.
DETECTED = {1, 3, 36, -24, 24, 152, 255}
SURVIVED = {0}
NO_TESTS = {5, 33}


def parse_args(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="./dev mutate", description=__doc__.split("\n\n")[0])
    parser.add_argument("modules", nargs="*", metavar="MODULE",
                        help=f"core modules to mutate: {', '.join(CORE)} (default: all)")
    parser.add_argument("--survivors", action="store_true", help="print each surviving mutant's diff")
    parser.add_argument("--keep", action="store_true",
                        help="reuse the last run's copy and kills; re-test only the mutants not killed")
    parser.add_argument("--work", type=Path, default=WORK,
                        help="the folder of the copy (default: build/mutation/)")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1, help="parallel mutants (default: cores)")
    args = parser.parse_args(argv)
    unknown = [m for m in args.modules if resolve(m) is None]
    if unknown:
        parser.error(f"unknown module {', '.join(unknown)}; the core is: {', '.join(CORE)}")
    if args.jobs < 1:
        parser.error("--jobs must be at least 1")
    return args


def resolve(name: str) -> str | None:
    """A module's path under the package, from its short name or its path."""
    if name in CORE:
        return CORE[name]
    path = name.removeprefix(PACKAGE + "/").removeprefix("src/ensomhed_cli/")
    return path if path in CORE.values() else None


def project_files() -> list[str]:
    out = subprocess.run(
        ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
        cwd=PROJECT, check=True, capture_output=True,
    ).stdout.decode()
    return [f for f in out.split("\0") if f and (PROJECT / f).is_file()]


def lay_out_copy(work: Path, modules: list[str], keep: bool) -> None:
    """Copy the project into `work` (only files whose content changed, so mutmut's cache
    holds) and point mutmut at the chosen modules."""
    if not keep and work.exists():
        shutil.rmtree(work)
    work.mkdir(parents=True, exist_ok=True)
    files = project_files()
    for name in files:
        source, target = PROJECT / name, work / name
        data = source.read_bytes()
        if target.is_file() and target.read_bytes() == data:
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
    top_level = sorted({f.split("/")[0] for f in files} - {"src", "tests", "pyproject.toml"})
    config = [
        "",
        "[tool.mutmut]",
        'source_paths = ["src"]',
        f"only_mutate = {json.dumps([f'{PACKAGE}/{m}' for m in modules])}",
        f"also_copy = {json.dumps(top_level)}",
        'pytest_add_cli_args = ["-p", "no:cacheprovider"]',
        # A mutant is tested by the tests that reach its function within a few calls of
        # ensomhed's own (a rule through load(): test, load, process_file, process_doc,
        # run_record_rules, mutmut's trampoline, the rule), not by every build and CLI test
        # that passes through it on its way: those took minutes a mutant and forked pools
        # inside forked runners could hang. At 6 no rule was reached ("no tests"); the
        # score is a floor.
        "max_stack_depth = 14",
        "timeout_multiplier = 5.0",
        # Tests of other things that pass through the core and take seconds each: the
        # browser (Chromium), crash-safe writing, the cache and start-up. Leaving them out
        # makes a survivor cost seconds instead of half a minute, and the score a floor.
        "pytest_add_cli_args_test_selection = [\"tests\", "
        + ", ".join(f'"--ignore=tests/{name}"' for name in SLOW_TESTS + SOURCE_TESTS + SUBPROCESS_TESTS) + "]",
    ]
    pyproject = work / "pyproject.toml"
    pyproject.write_text((PROJECT / "pyproject.toml").read_text("utf-8") + "\n".join(config) + "\n", "utf-8")


def forget_survivors(work: Path, modules: list[str]) -> None:
    """--keep: a killed mutant stays killed while tests are only added; every other
    verdict is tested again, against the new tests too."""
    for module in modules:
        meta = work / "mutants" / PACKAGE / (module + ".meta")
        if not meta.is_file():
            continue
        data = json.loads(meta.read_text("utf-8"))
        codes = data["exit_code_by_key"]
        data["exit_code_by_key"] = {k: (v if v in DETECTED else None) for k, v in codes.items()}
        meta.write_text(json.dumps(data), "utf-8")


def equivalent_mutants() -> set[str]:
    """Mutant names listed in mutation/equivalent/*.md (a "- `name`: why" list)."""
    names: set[str] = set()
    for listed in sorted((PROJECT / "mutation" / "equivalent").glob("*.md")):
        names |= set(re.findall(r"^- `([\w.ǁ]+__mutmut_\d+)`", listed.read_text("utf-8"), re.M))
    return names


def mutmut(work: Path, *args: str, capture: bool = False) -> subprocess.CompletedProcess:
    binary = Path(sys.executable).parent / "mutmut"
    return subprocess.run([str(binary), *args], cwd=work, text=True,
                          capture_output=capture, check=False)


def module_results(work: Path, module: str) -> dict[str, int | None]:
    meta = work / "mutants" / PACKAGE / (module + ".meta")
    if not meta.is_file():
        return {}
    return json.loads(meta.read_text("utf-8"))["exit_code_by_key"]


def main(argv: list[str]) -> int:
    args = parse_args(argv)
    modules = [resolve(m) for m in args.modules] or list(CORE.values())
    work = args.work.resolve()
    lay_out_copy(work, modules, args.keep)
    if args.keep:
        forget_survivors(work, modules)
    run = mutmut(work, "run", "--max-children", str(args.jobs))
    if run.returncode != 0:
        print(f"mutate: mutmut run failed (exit {run.returncode})", file=sys.stderr)
        return 2
    equivalent = equivalent_mutants()
    rows, survivors, below = [], [], []
    for module in modules:
        results = module_results(work, module)
        counts = Counter()
        for name, code in results.items():
            if name in equivalent and code in SURVIVED:
                counts["equivalent"] += 1
            elif code in DETECTED:
                counts["killed"] += 1
            elif code in SURVIVED:
                counts["survived"] += 1
                survivors.append(name)
            elif code in NO_TESTS:
                counts["no tests"] += 1
                survivors.append(name)
            else:
                counts["other"] += 1
                survivors.append(name)
        scored = len(results) - counts["equivalent"]
        score = counts["killed"] / scored if scored else 0.0
        if score < TARGET:
            below.append(module)
        rows.append((module, len(results), counts, score))
    table = [
        "| module | mutants | killed | survived | no tests | equivalent | score |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    for module, total, counts, score in rows:
        table.append(f"| {module} | {total} | {counts['killed']} | {counts['survived']} | "
                     f"{counts['no tests'] + counts['other']} | {counts['equivalent']} | {score:.0%} |")
    text = "\n".join(table)
    (work / "scores.md").write_text(text + "\n", "utf-8")
    if args.survivors:
        for name in survivors:
            print(mutmut(work, "show", name, capture=True).stdout)
    print(text)
    if below:
        print(f"mutate: below {TARGET:.0%}: {', '.join(below)}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
