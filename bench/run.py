#!/usr/bin/env python3
"""The ensomhed benchmark: prints figures, never passes or fails a test.

    ./dev bench                        # 1,000 and 10,000 records, 5 rounds
    ./dev bench --sizes 1000,10000,100000 --repeat 3

For each size it generates a repository (bench/generate.py, seed 1, kept in
bench/.work/ for the next run) and times, in rounds that alternate the contenders so
that a slow moment of the machine hits them all alike:

    floor      read every file, split the front matter, parse it with libyaml's C loader
    cold       ensomhed check --no-cache
    warm       ensomhed check, the cache present and nothing changed
    warm+1     ensomhed check after one file changed
    first-read ensomhed list meetings, once, the first command after a fresh clone's check
               (no cache before that check; list reads the index check made from its parse)
    list       ensomhed list meetings (piped: plain rows)
    list-json  ensomhed list meetings --format json
    list-where ensomhed list meetings --where status=held
    show       ensomhed show MEETING
    query      ensomhed query "SELECT count(*) FROM meetings"
    actions    ensomhed actions
    agenda     ensomhed render agenda MEETING
    plan       ensomhed render plan PLAN
    calendar   ensomhed calendar
    calendar+h ensomhed calendar on a copy with five more commits, as a secretary's year
               makes them: each writes the minutes of a fifth of the meetings (which no
               calendar shows) and moves one meeting in fifty to another room
    diff+1     ensomhed diff after one file changed (the repository is a git repository)
    build      ensomhed build (1,000 records only), the site folder removed, its page cache kept
    build-full ensomhed build with no cache at all, as CI on a fresh clone (up to 10,000 records)
    rebuild+1  ensomhed build again after one file changed (up to 10,000 records)
    rebuild+m  ensomhed build again after a meeting was added (up to 10,000 records)
    peer       check-jsonschema validating the same front matter against `ensomhed schema`

`--commands check` times only the first four and the peer, as before the other commands
were measured.

Then, at 10,000 records and above (or the largest size), the editing loop: how long
`ensomhed lsp` takes from a change to its diagnostics and `ensomhed serve` from a saved
edit to the page that shows it (bench/lsp_latency.py and bench/serve_latency.py, which
also run alone); `--no-loop` leaves it out.

And, once, `ensomhed --version` and `--help` against `python -c "import yaml"`. It
prints medians, the ratios to the floor and to the peer and the peak memory of the
largest process, checks them against the targets of the speed issue, and writes it
all to bench/results.md (and results.json).

Run it with the project's environment (./dev bench does); the peer is installed into
bench/.work/peer-venv on first use, and left out when it cannot be installed.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import generate  # noqa: E402 - the generator sits beside this script

WORK = HERE / ".work"
BIN = Path(sys.executable).parent
ENSOMHED = str(BIN / "ensomhed")
PYTHON = sys.executable
SEED = 1


# --- running one command ------------------------------------------------------

def timed(argv: list[str], cwd: Path | None = None) -> tuple[float, float, int]:
    """(seconds, peak resident MB of the largest process, exit status) of one run."""
    start = time.perf_counter()
    proc = subprocess.Popen(argv, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(proc.pid, 0)
    seconds = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    return seconds, usage.ru_maxrss / 1024, proc.returncode


class Series:
    def __init__(self) -> None:
        self.times: list[float] = []
        self.memory = 0.0
        self.failures = 0

    def add(self, seconds: float, memory: float, status: int, ok: tuple[int, ...] = (0,)) -> None:
        self.times.append(seconds)
        self.memory = max(self.memory, memory)
        if status not in ok:
            self.failures += 1

    @property
    def median(self) -> float:
        return statistics.median(self.times)


# --- preparing a size ---------------------------------------------------------

def repository(size: int) -> Path:
    """The generated repository of this size, made once and kept in bench/.work/."""
    root = WORK / f"repo-{size}"
    marker = root / ".generated"
    stamp = f"{size} {SEED} {(HERE / 'generate.py').stat().st_size}"
    if marker.is_file() and marker.read_text() == stamp:
        return root
    if root.exists():
        shutil.rmtree(root)
    print(f"bench: generating {size:,} records …", file=sys.stderr, flush=True)
    generate.generate(root, size, SEED)
    marker.write_text(stamp)
    # Date the files back, as a repository that was checked out a while ago.
    past = time.time() - 3600
    for folder, _, names in os.walk(root / "records"):
        for name in names:
            os.utime(os.path.join(folder, name), (past, past))
    return root


def front_matter_copy(root: Path) -> tuple[Path, list[str]]:
    """The front matter of every record as a .yaml file, for the peer to validate."""
    out = root.parent / f"{root.name}-front-matter"
    if not out.is_dir():
        out.mkdir()
        for folder, _, names in os.walk(root / "records"):
            for name in names:
                text = Path(folder, name).read_text(encoding="utf-8")
                if name.endswith(".md"):
                    text = text[4 : text.find("\n---", 3) + 1]
                (out / (Path(name).stem + ".yaml")).write_text(text, encoding="utf-8")
    return out, sorted(p.name for p in out.iterdir())


def peer_command() -> str | None:
    """check-jsonschema, from PATH or installed into bench/.work/peer-venv."""
    found = shutil.which("check-jsonschema")
    if found:
        return found
    venv = WORK / "peer-venv"
    exe = venv / "bin" / "check-jsonschema"
    if not exe.exists():
        print("bench: installing check-jsonschema (the peer) …", file=sys.stderr, flush=True)
        try:
            subprocess.run([PYTHON, "-m", "venv", str(venv)], check=True)
            subprocess.run([str(venv / "bin" / "pip"), "install", "--quiet", "--disable-pip-version-check", "check-jsonschema"], check=True)
        except (subprocess.CalledProcessError, OSError):
            print("bench: check-jsonschema could not be installed; the peer is left out", file=sys.stderr)
            return None
    return str(exe)


def as_git_repository(root: Path) -> None:
    """Commit the generated records once, so `diff` compares the work tree with HEAD."""
    if (root / ".git").is_dir():
        return
    git = ["git", "-c", "user.name=bench", "-c", "user.email=bench@example.invalid"]
    subprocess.run([*git, "init", "-q"], cwd=root, check=True)
    subprocess.run([*git, "add", "-A"], cwd=root, check=True)
    subprocess.run([*git, "commit", "-q", "-m", "generated"], cwd=root, check=True)


def with_history(root: Path, size: int) -> Path:
    """A copy of the committed repository with five more commits (see `calendar+h`), made
    once and kept in bench/.work/: the history `calendar` reads for DTSTAMP and SEQUENCE."""
    out = WORK / f"history-{size}"
    marker = out / ".history"
    stamp = (root / ".generated").read_text()
    if marker.is_file() and marker.read_text() == stamp:
        return out
    shutil.rmtree(out, ignore_errors=True)
    shutil.copytree(root, out, ignore=shutil.ignore_patterns(".ensomhed-cache"))
    git = ["git", "-c", "user.name=bench", "-c", "user.email=bench@example.invalid"]
    meetings = sorted((out / "records" / "meetings").rglob("*.md"))
    for round_no in range(5):
        for n, path in enumerate(meetings):
            text = path.read_text(encoding="utf-8")
            new = text
            if n % 5 == round_no:
                new = new.replace("decision: ", f"decision: Rettet i runde {round_no}. ", 1)
            if n % 50 == round_no:
                new = re.sub(r"(?m)^location: .*$", f'location: "Rådhuset, lokale {round_no}"', new, count=1)
            if new != text:
                path.write_text(new, encoding="utf-8")
        when = f"2026-0{round_no + 1}-01T10:00:00+00:00"
        env = {**os.environ, "GIT_AUTHOR_DATE": when, "GIT_COMMITTER_DATE": when}
        subprocess.run([*git, "commit", "-qam", f"runde {round_no}"], cwd=out, env=env, check=True)
    subprocess.run(["git", "gc", "-q"], cwd=out, check=True)
    marker.write_text(stamp)
    return out


def first_id(root: Path, folder: str) -> str:
    return min(p.stem for p in (root / "records" / folder).rglob("*") if p.suffix in (".md", ".yaml"))


def add_one_meeting(root: Path) -> Path:
    """A meeting added, as a secretary adds the next one: a copy of a held meeting under a
    new name (its id), a week later, dated a little back. Returns it, to be removed."""
    source = next(p for p in sorted((root / "records" / "meetings").rglob("*.md")) if "\nstatus: held" in p.read_text(encoding="utf-8"))
    added = source.with_name(source.stem + "-tilfoejet.md")
    text = source.read_text(encoding="utf-8")
    day = dt.date.fromisoformat(text.split("\ndate: ", 1)[1][:10]) + dt.timedelta(days=7)
    added.write_text(re.sub(r"(?m)^date: .*$", f"date: {day.isoformat()}", text, count=1), encoding="utf-8")
    past = time.time() - 10
    os.utime(added, (past, past))
    return added


def change_one_file(root: Path, round_no: int) -> None:
    """Edit one meeting's description, as a consultant would, dated a little back."""
    path = next(iter(sorted((root / "records" / "meetings").rglob("*.md"))))
    text = path.read_text(encoding="utf-8")
    marker = "\nRettet i runde "
    text = text.split(marker)[0].rstrip("\n") + f"{marker}{round_no}.\n"
    path.write_text(text, encoding="utf-8")
    past = time.time() - 10
    os.utime(path, (past, past))


# --- one size -----------------------------------------------------------------

def bench_size(size: int, rounds: int, peer: str | None, peer_max: int, commands: str = "all") -> dict[str, Series]:
    root = repository(size)
    schema = WORK / "schema.json"
    subprocess.run([ENSOMHED, "schema", "--root", str(root)], stdout=schema.open("w"), check=True)
    r = ["--root", str(root)]
    contenders: dict[str, tuple[list[str], Path | None]] = {
        "floor": ([PYTHON, str(HERE / "floor.py"), str(root)], None),
        "cold": ([ENSOMHED, "check", "--no-cache", *r], None),
        "warm": ([ENSOMHED, "check", *r], None),
        "warm+1": ([ENSOMHED, "check", *r], None),
    }
    site = WORK / f"site-{size}"
    if commands == "all":
        as_git_repository(root)
        meeting, plan = first_id(root, "meetings"), first_id(root, "plans")
        contenders |= {
            "list": ([ENSOMHED, "list", "meetings", *r], None),
            "list-json": ([ENSOMHED, "list", "meetings", "--format", "json", *r], None),
            "list-where": ([ENSOMHED, "list", "meetings", "--where", "status=held", *r], None),
            "show": ([ENSOMHED, "show", meeting, *r], None),
            "query": ([ENSOMHED, "query", "SELECT count(*) FROM meetings", *r], None),
            "actions": ([ENSOMHED, "actions", *r], None),
            "agenda": ([ENSOMHED, "render", "agenda", meeting, *r], None),
            "plan": ([ENSOMHED, "render", "plan", plan, *r], None),
            "calendar": ([ENSOMHED, "calendar", *r], None),
            "calendar+h": ([ENSOMHED, "calendar", "--root", str(with_history(root, size))], None),
            "diff+1": ([ENSOMHED, "diff", *r], None),
        }
    if size <= 1000 and commands == "all":
        contenders["build"] = ([ENSOMHED, "build", "--root", str(root), "--output", str(site)], None)
    if peer and size <= peer_max:
        folder, names = front_matter_copy(root)
        contenders["peer"] = ([peer, "--schemafile", str(schema), *names], folder)
    series = {name: Series() for name in contenders}
    subprocess.run([ENSOMHED, "check", "--root", str(root)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    if "calendar+h" in contenders:  # its index, as every other reading command has one
        subprocess.run([ENSOMHED, "check", "--root", contenders["calendar+h"][0][-1]], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    if commands == "all":
        # Once: a fresh clone's first check (no cache at all), then the first reading command,
        # which reads the index that check made from its own parse.
        shutil.rmtree(root / ".ensomhed-cache", ignore_errors=True)
        subprocess.run([ENSOMHED, "check", "--root", str(root)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        series["first-read"] = Series()
        series["first-read"].add(*timed(contenders["list"][0]))
    for round_no in range(rounds):
        # Alternate the order too, so no contender always runs after the same one.
        order = list(contenders) if round_no % 2 == 0 else list(reversed(contenders))
        for name in order:
            if name in ("warm+1", "diff+1"):
                change_one_file(root, round_no * 2 + (name == "diff+1"))
            if name == "warm":
                subprocess.run(contenders["warm"][0], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)  # settle after warm+1
            if name == "build" and site.exists():
                shutil.rmtree(site)
            argv, cwd = contenders[name]
            seconds, memory, status = timed(argv, cwd)
            series[name].add(seconds, memory, status)
            print(f"bench: {size:>7,} {name:<7} round {round_no + 1}: {seconds:7.3f} s", file=sys.stderr, flush=True)
    if commands == "all" and size <= 10000:
        builds(root, size, rounds, series)
    return series


def builds(root: Path, size: int, rounds: int, series: dict[str, Series]) -> None:
    """A full build with no cache (CI on a fresh clone: the check, the index and every page
    from nothing), a rebuild after one edit and one after a meeting was added (removed
    again after the round). Outside the alternating rounds: a full build empties the cache
    every other contender reads."""
    site = WORK / f"site-full-{size}"
    build = [ENSOMHED, "build", "--root", str(root), "--output", str(site), "-q"]
    series["build-full"], series["rebuild+1"], series["rebuild+m"] = Series(), Series(), Series()
    for round_no in range(rounds):
        shutil.rmtree(root / ".ensomhed-cache", ignore_errors=True)
        shutil.rmtree(site, ignore_errors=True)
        added = None
        for name in ("build-full", "rebuild+1", "rebuild+m"):
            if name == "rebuild+1":
                change_one_file(root, 100 + round_no)
            if name == "rebuild+m":
                added = add_one_meeting(root)
            seconds, memory, status = timed(build)
            series[name].add(seconds, memory, status)
            print(f"bench: {size:>7,} {name:<10} round {round_no + 1}: {seconds:7.3f} s", file=sys.stderr, flush=True)
        if added is not None:
            added.unlink()
    subprocess.run([ENSOMHED, "check", "--root", str(root)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def startup(rounds: int) -> dict[str, Series]:
    contenders = {
        "import yaml": [PYTHON, "-c", "import yaml"],
        "--version": [ENSOMHED, "--version"],
        "--help": [ENSOMHED, "--help"],
    }
    series = {name: Series() for name in contenders}
    for _ in range(rounds):
        for name, argv in contenders.items():
            series[name].add(*timed(argv))
    return series


# --- report -------------------------------------------------------------------

def report(sizes: dict[int, dict[str, Series]], start: dict[str, Series], rounds: int) -> tuple[str, dict]:
    lines = [
        "# ensomhed benchmark",
        "",
        f"Run {dt.datetime.now().strftime('%Y-%m-%d %H:%M')} on {platform.machine()}, {os.cpu_count()} cores, "
        f"Python {platform.python_version()}, {platform.system()} {platform.release()}; "
        f"{rounds} alternating rounds per size; repositories from `bench/generate.py` (seed {SEED}).",
        "Times are medians in seconds; memory is the peak resident size of the largest process.",
        "",
        "| records | contender | median s | min s | × floor | × warm check | peer ÷ this | peak MB |",
        "|---:|---|---:|---:|---:|---:|---:|---:|",
    ]
    data: dict = {"sizes": {}, "startup": {}}
    for size, series in sizes.items():
        floor = series["floor"].median
        peer = series["peer"].median if "peer" in series else None
        data["sizes"][size] = {}
        for name, s in series.items():
            ratio = s.median / floor
            against_peer = f"{peer / s.median:.1f}" if peer and name != "peer" else ""
            failed = f" ({s.failures} failed)" if s.failures else ""
            warm = s.median / series["warm"].median
            lines.append(f"| {size:,} | {name}{failed} | {s.median:.3f} | {min(s.times):.3f} | {ratio:.2f} | {warm:.1f} | {against_peer} | {s.memory:.0f} |")
            data["sizes"][size][name] = {"median": s.median, "min": min(s.times), "times": s.times, "peak_mb": s.memory, "failures": s.failures}
    lines += ["", "| start-up | median s | × `import yaml` |", "|---|---:|---:|"]
    base = start["import yaml"].median
    for name, s in start.items():
        lines.append(f"| `{name}` | {s.median:.3f} | {s.median / base:.2f} |")
        data["startup"][name] = {"median": s.median, "times": s.times}
    lines += ["", "## Targets", "", *targets(sizes, start), ""]
    return "\n".join(lines), data


def targets(sizes: dict[int, dict[str, Series]], start: dict[str, Series]) -> list[str]:
    out = []

    def verdict(name: str, value: float, limit: float, unit: str, lower_is_better: bool = True) -> None:
        ok = value <= limit if lower_is_better else value >= limit
        sign = "≤" if lower_is_better else "≥"
        out.append(f"- {'met' if ok else 'MISSED'}: {name}: {value:.2f}{unit} (target {sign} {limit:g}{unit})")

    if 10000 in sizes:
        s = sizes[10000]
        verdict("cold check of 10,000 records against the floor", s["cold"].median / s["floor"].median, 1.3, "×")
        if "peer" in s:
            verdict("the peer's time over cold check, 10,000 records", s["peer"].median / s["cold"].median, 10, "×", lower_is_better=False)
        verdict("warm check, 10,000 records", s["warm"].median, 0.5, " s")
        out.append(f"- one changed file, 10,000 records: {s['warm+1'].median:.2f} s against {s['warm'].median:.2f} s warm")
        if "first-read" in s:  # issue 33: check builds the index from its own parse
            verdict("first read after a fresh clone's check, 10,000 records, against the floor", s["first-read"].median / s["floor"].median, 1.5, "×")
        # The speed issue's goals for every command, as multiples of a warm check.
        goals = {"list": 3, "list-where": 3, "actions": 3, "list-json": 4, "show": 2, "query": 2, "agenda": 2,
                 "plan": 3, "calendar": 5, "warm+1": 2, "diff+1": 3}
        for name, limit in goals.items():
            if name in s:
                verdict(f"`{name}` at 10,000 records against a warm check", s[name].median / s["warm"].median, limit, "×")
        if "rebuild+1" in s:
            verdict("a rebuild after one change at 10,000 records against a warm check", s["rebuild+1"].median / s["warm"].median, 5, "×")
            verdict("a full build (no cache) of 10,000 records against the floor", s["build-full"].median / s["floor"].median, 3, "×")
    if 100000 in sizes:
        s = sizes[100000]
        for name in ("list", "list-where", "list-json", "show", "query", "actions", "agenda", "plan", "calendar"):
            if name in s:
                verdict(f"`{name}` at 100,000 records", s[name].median, 1, " s")
                verdict(f"`{name}` peak memory at 100,000 records", s[name].memory, 500, " MB")
        verdict("warm check, 100,000 records", s["warm"].median, 3, " s")
        verdict("peak memory, 100,000 records (cold check)", s["cold"].memory, 1024, " MB")
        if 10000 in sizes:
            verdict("growth of cold check from 10,000 to 100,000 records", s["cold"].median / sizes[10000]["cold"].median, 11, "×")
            verdict("growth of warm check from 10,000 to 100,000 records", s["warm"].median / sizes[10000]["warm"].median, 11, "×")
    base = start["import yaml"].median
    verdict("`ensomhed --version` against `python -c \"import yaml\"`", start["--version"].median / base, 1.5, "×")
    verdict("`ensomhed --help` against `python -c \"import yaml\"`", start["--help"].median / base, 1.5, "×")
    return out


def editing_loop(size: int) -> str:
    """The editing loop at one size (issue 19): `lsp` from a change to its diagnostics and
    `serve` from a saved edit to the page that shows it, by their own scripts
    (bench/lsp_latency.py, bench/serve_latency.py), on copies of the size's repository."""
    out = [f"## The editing loop at {size:,} records", ""]
    for script, extra in (("lsp_latency.py", ["--runs", "21"]), ("serve_latency.py", ["--edits", "9"])):
        copy = WORK / f"loop-{size}"
        shutil.rmtree(copy, ignore_errors=True)
        shutil.copytree(repository(size), copy, ignore=shutil.ignore_patterns(".git", ".ensomhed-cache"))
        print(f"bench: {script} at {size:,} records", file=sys.stderr)
        done = subprocess.run([PYTHON, str(HERE / script), "--repo", str(copy), *extra], capture_output=True, text=True)
        lines = done.stdout.strip().splitlines() if done.returncode == 0 else [f"failed: {done.stderr.strip()[-300:]}"]
        out += [f"`{script}`:", "", *(f"    {line}" for line in lines), ""]
    return "\n".join(out)


def compile_package() -> None:
    """Write ensomhed's bytecode, as pip does when it installs a wheel: an editable install
    under PYTHONDONTWRITEBYTECODE would otherwise compile every module on every run and
    time the compiler instead of the command."""
    found = subprocess.run([PYTHON, "-c", "import ensomhed_cli, os; print(os.path.dirname(ensomhed_cli.__file__))"],
                           capture_output=True, text=True, check=True).stdout.strip()
    subprocess.run([PYTHON, "-m", "compileall", "-q", found], check=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="The ensomhed benchmark (see the module's text).")
    parser.add_argument("--sizes", default="1000,10000", help="record counts, comma-separated (default 1000,10000)")
    parser.add_argument("--repeat", type=int, default=5, help="alternating rounds per size (default 5)")
    parser.add_argument("--peer-max", type=int, default=10000, help="largest size to time the peer at (it is slow)")
    parser.add_argument("--no-peer", action="store_true", help="leave the peer out")
    parser.add_argument("--commands", choices=("all", "check"), default="all",
                        help="all: time every command (default); check: only check and the peer")
    parser.add_argument("--no-loop", action="store_true", help="leave out the editing loop (lsp and serve latency)")
    parser.add_argument("--out", type=Path, default=HERE / "results.md", help="where to write the results")
    args = parser.parse_args(argv)
    if not Path(ENSOMHED).exists():
        parser.error(f"no ensomhed next to {PYTHON}; run it as ./dev bench")
    try:
        sizes = [int(s.replace("_", "")) for s in args.sizes.split(",")]
    except ValueError:
        parser.error(f"--sizes {args.sizes}: give record counts separated by commas, e.g. 1000,10000")
    if any(size < 20 for size in sizes) or args.repeat < 1:
        parser.error("every size must be at least 20 records, and --repeat at least 1")
    WORK.mkdir(exist_ok=True)
    compile_package()
    peer = None if args.no_peer else peer_command()
    results = {size: bench_size(size, args.repeat, peer, args.peer_max, args.commands) for size in sizes}
    start = startup(max(10, args.repeat * 4))
    text, data = report(results, start, args.repeat)
    if args.commands == "all" and not args.no_loop:
        text += "\n" + "\n".join(editing_loop(size) for size in sizes if size >= 10_000 or size == max(sizes)) + "\n"
    print(text)
    args.out.write_text(text, encoding="utf-8")
    args.out.with_suffix(".json").write_text(json.dumps(data, indent=2) + "\n", encoding="utf-8")
    print(f"bench: written to {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
