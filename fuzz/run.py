#!/usr/bin/env python3
"""A long fuzz run of the loader and `ensomhed check`.

    ./dev fuzz                       # 100,000 inputs, seed 1
    ./dev fuzz --inputs 20000 --seed 7

Takes real records (the bundled ones and a generated repository) and mutates them:
truncated and spliced files, random bytes, deep nesting, huge numbers, control
characters, conflict markers, other encodings and every YAML construct (anchors and
aliases, tags, merge keys, several documents, block and flow styles…). Each input
goes through the whole per-file pipeline (read, decode, split, parse, schema, the
record's own rules, summary) in this process, under a time limit per input and a
memory limit for the run; every 500 inputs the last ones are checked together as a
repository (the rules across records), and every 5,000 through the real command in a
subprocess (exit status 0 or 1, no traceback).

Anything else (an exception, a hang, a diagnostic without a sane place) is a
finding: the input is saved in fuzz/findings/ with what happened, and the run goes
on. It prints a summary and exits 1 when there were findings.
"""

from __future__ import annotations

import argparse
import hashlib
import random
import resource
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import traceback
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT / "bench"))

import generate  # noqa: E402
import surfaces  # noqa: E402 - beside this script

from ensomhed_cli.check import incremental as checker  # noqa: E402
from ensomhed_cli.check.loader import load_config, process_file  # noqa: E402
from ensomhed_cli.check.rules.common import Context  # noqa: E402

FINDINGS = PROJECT / "fuzz" / "findings"
TIME_LIMIT = 5  # seconds for one input; the slowest real record takes milliseconds
MEMORY_LIMIT = 2 * 1024**3

YAML_CONSTRUCTS = [
    "&a x", "*a", "&a [1, 2]\nb: *a", "<<: *a", "!!python/object/apply:os.system ['true']", "!!binary aGVq",
    "!custom x", "? [complex, key]\n: v", "---\n", "...\n", "%YAML 1.1\n---\n", "%TAG ! tag:x,2000:\n", "\t",
    "key: |+\n  text\n\n", "key: >-\n  folded\n", "{a: [b, {c: d}]}", "[[[[[]]]]]", "'single ''quoted'''",
    '"double \\x00 \\u202e \\U0001F600"', "~", "null", "yes", "NO", "on", "0x1F", "0o17", "1_000", "+.inf", ".NaN",
    "-0", "2024-13-45", "24:61", "14:00", "1:2:3", "2024-01-01T10:00:00Z", "= ", "<<<<<<< HEAD\n", "=======\n",
    ">>>>>>> feature\n", "\x00", "\x1b[31m", "\u202e", "\ufeff", "\r\n", "\r", "\u2028", "\ud7ff", "# comment",
    "- - - -", ": :", "a: b: c", "- a\nb: c", "kind: meeting\n", "kind: plan\n", "kind: ensomhed\n", "id: ../../etc\n",
    "items:\n  - title: x\n    closed: true\n", "attachments:\n  - {title: x, path: ../../../../etc/passwd}\n",
    "depends_on: [a, a, a]\n", "start: 25:00\n", "date: 0000-00-00\n", "tags: !!set {a, b}\n", "extra: {x: *a}\n",
]
BOMB = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
    f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join(['*' + chr(97 + i)] * 9)}]\n" for i in range(8)
)


class Timeout(Exception):
    pass


def _alarm(signum, frame):
    raise Timeout


def seeds(work: Path) -> list[tuple[str, bytes]]:
    """(file name, bytes) of real records to mutate."""
    out = []
    for path in sorted((PROJECT / "records").rglob("*")):
        if path.is_file():
            out.append((path.name, path.read_bytes()))
    generated = work / "seed-repo"
    generate.generate(generated, 200, seed=3)
    for path in sorted((generated / "records").rglob("*"))[::5]:
        if path.is_file():
            out.append((path.name, path.read_bytes()))
    out.append(("bomb.yaml", b"kind: person\nname: x\n" + BOMB.encode()))
    return out


def mutate(rng: random.Random, data: bytes, corpus: list[tuple[str, bytes]]) -> bytes:
    for _ in range(rng.choice([1, 1, 1, 2, 2, 3, 5])):
        n = len(data)
        op = rng.randrange(14)
        at = rng.randint(0, n)
        if op == 0:
            data = data[:at]
        elif op == 1:
            other = rng.choice(corpus)[1]
            data = data[:at] + other[rng.randint(0, len(other)) :]
        elif op == 2 and n:
            data = bytearray(data)
            for _ in range(rng.randint(1, 10)):
                data[rng.randrange(n)] = rng.randrange(256)
            data = bytes(data)
        elif op == 3:
            data = data[:at] + bytes(rng.randrange(256) for _ in range(rng.randint(1, 64))) + data[at:]
        elif op == 4:
            depth = rng.choice([10, 60, 200, 2000, 20000])
            nest = rng.choice([("[" * depth + "]" * depth), ("{a: " * depth + "}" * depth), "".join("  " * i + "- \n" for i in range(min(depth, 400)))])
            data = data[:at] + nest.encode() + data[at:]
        elif op == 5:
            number = rng.choice(["9" * rng.choice([20, 400, 5000]), "1e999", "-1e-999", "4" * 4301, "0." + "1" * 600])
            data = data[:at] + number.encode() + data[at:]
        elif op == 6:
            data = data[:at] + rng.choice(YAML_CONSTRUCTS).encode("utf-8", "surrogatepass") + data[at:]
        elif op == 7:
            data = data[:at] + chr(rng.choice([0, 1, 7, 8, 11, 12, 27, 127, 0x85, 0x2028, 0x202E, 0xFEFF])).encode() + data[at:]
        elif op == 8:
            lines = data.split(b"\n")
            i = rng.randrange(len(lines))
            j = min(len(lines), i + rng.randint(1, 6))
            lines[i:j] = [b"<<<<<<< HEAD", *lines[i:j], b"=======", *lines[i:j][::-1], b">>>>>>> branch"]
            data = b"\n".join(lines)
        elif op == 9:
            lines = data.split(b"\n")
            i, j = rng.randrange(len(lines)), rng.randrange(len(lines))
            choice = rng.randrange(3)
            if choice == 0:
                lines.insert(j, lines[i])
            elif choice == 1:
                del lines[i]
            else:
                lines[i], lines[j] = lines[j], lines[i]
            data = b"\n".join(lines)
        elif op == 10:
            text = data.decode("utf-8", "replace")
            data = text.encode(rng.choice(["utf-16", "latin-1", "cp1252", "utf-8-sig"]), "replace")
        elif op == 11:
            data = data.replace(b"\n", b"\r\n") if rng.random() < 0.5 else b"\xef\xbb\xbf" + data
        elif op == 12:
            data = data[:at] + BOMB.encode() + data[at:]
        else:  # indentation shifted on a line
            lines = data.split(b"\n")
            i = rng.randrange(len(lines))
            lines[i] = (b" " * rng.randint(1, 5) + lines[i]) if rng.random() < 0.5 else lines[i].lstrip()
            data = b"\n".join(lines)
    return data


def sane(diagnostics, rel: str, data: bytes) -> str | None:
    """What is wrong with the diagnostics of an input, or None."""
    lines = data.count(b"\n") + data.count(b"\r") + 2
    for d in diagnostics:
        if d.path != rel:
            return f"diagnostic for another path: {d}"
        if not (1 <= d.line <= lines) or d.column < 1:
            return f"diagnostic outside the file: {d}"
        if d.severity not in ("error", "warning") or not d.message or "Traceback" in d.message:
            return f"diagnostic without a sane message: {d}"
    return None


def save(kind: str, data: bytes, name: str, detail: str) -> str:
    FINDINGS.mkdir(parents=True, exist_ok=True)
    digest = hashlib.sha256(data).hexdigest()[:16]
    (FINDINGS / f"{digest}{Path(name).suffix}").write_bytes(data)
    (FINDINGS / f"{digest}.txt").write_text(f"{kind}\n{detail}\n", encoding="utf-8")
    return digest


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Fuzz the loader and `ensomhed check` (see the module's text).")
    parser.add_argument("--inputs", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--surface", choices=["records", *surfaces.SURFACES, "all"], default="records",
                        help="records (default), templates, queries, arguments, or all of them")
    args = parser.parse_args(argv)
    if args.inputs < 1:
        parser.error("--inputs must be at least 1")
    if args.surface != "records":
        return fuzz_surfaces(args)
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, resource.RLIM_INFINITY))
    signal.signal(signal.SIGALRM, _alarm)
    rng = random.Random(args.seed)
    work = Path(tempfile.mkdtemp(prefix="ensomhed-fuzz-"))
    try:
        corpus = seeds(work)
        repo = bundled_copy(work)
        config, _ = load_config(repo)
        ctx = Context(repo, config)
        fuzz_dir = repo / "records" / "fuzz"
        fuzz_dir.mkdir()
        findings: dict[str, str] = {}
        outcomes = {"clean": 0, "errors": 0}
        slowest = (0.0, "")
        started = time.perf_counter()
        for n in range(1, args.inputs + 1):
            name, base = rng.choice(corpus)
            data = mutate(rng, base, corpus)
            suffix = rng.choice([Path(name).suffix, ".md", ".yaml"])
            rel = f"records/fuzz/input-{n % 50}{suffix}"
            for old in fuzz_dir.glob(f"input-{n % 50}.*"):
                old.unlink()
            path = repo / rel
            path.write_bytes(data)
            t0 = time.perf_counter()
            signal.alarm(TIME_LIMIT)
            try:
                result = process_file(path, rel, ctx)
                problem = sane(result.diagnostics, rel, data)
                if problem:
                    digest = save("bad diagnostic", data, rel, problem)
                    findings.setdefault(problem.split(":")[0], digest)
                outcomes["errors" if any(d.severity == "error" for d in result.diagnostics) else "clean"] += 1
            except Timeout:
                digest = save("hang", data, rel, f"more than {TIME_LIMIT} s")
                findings.setdefault("hang", digest)
            except BaseException as exc:  # noqa: BLE001 - anything at all is a finding
                if isinstance(exc, KeyboardInterrupt):
                    raise
                where = traceback.extract_tb(exc.__traceback__)[-1]
                key = f"{type(exc).__name__} at {Path(where.filename).name}:{where.lineno}"
                digest = save("exception", data, rel, traceback.format_exc())
                findings.setdefault(key, digest)
            finally:
                signal.alarm(0)
            spent = time.perf_counter() - t0
            if spent > slowest[0]:
                slowest = (spent, save("slowest so far", data, rel, f"{spent:.3f} s") if spent > 1 else "")
            if n % 500 == 0:
                signal.alarm(60)
                try:
                    checker.check(repo, use_cache=False, jobs=1)
                except BaseException as exc:  # noqa: BLE001
                    if isinstance(exc, KeyboardInterrupt):
                        raise
                    findings.setdefault(f"check: {type(exc).__name__}", traceback.format_exc(limit=3))
                finally:
                    signal.alarm(0)
            if n % 5000 == 0:
                proc = subprocess.run(
                    [str(Path(sys.executable).parent / "ensomhed"), "check", "--no-cache", "--root", str(repo)],
                    capture_output=True, text=True, timeout=120,
                )
                if proc.returncode not in (0, 1) or "Traceback" in proc.stderr:
                    findings.setdefault(f"ensomhed check exit {proc.returncode}", proc.stderr[-2000:])
                rate = n / (time.perf_counter() - started)
                print(f"fuzz: {n:,} inputs, {rate:,.0f}/s, {len(findings)} findings", file=sys.stderr, flush=True)
        elapsed = time.perf_counter() - started
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(f"fuzz: {args.inputs:,} inputs in {elapsed:,.0f} s ({args.inputs / elapsed:,.0f}/s), seed {args.seed}")
        print(f"fuzz: {outcomes['clean']:,} clean, {outcomes['errors']:,} with located errors; "
              f"slowest input {slowest[0] * 1000:.0f} ms; peak memory {peak:.0f} MB")
        return report_findings(findings)
    finally:
        shutil.rmtree(work, ignore_errors=True)


def fuzz_surfaces(args: argparse.Namespace) -> int:
    """Templates, queries and command lines (fuzz/surfaces.py) on a copy of the bundled repository."""
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT * 2, resource.RLIM_INFINITY))
    names = list(surfaces.SURFACES) if args.surface == "all" else [args.surface]
    work = Path(tempfile.mkdtemp(prefix="ensomhed-fuzz-"))
    findings: dict[str, str] = {}

    def report(kind: str, data: str, detail: str) -> None:
        digest = save(kind, data.encode("utf-8", "surrogatepass"), kind.split(":")[0], detail)
        findings.setdefault(f"{kind}: {detail.strip().splitlines()[-1][:160] if detail.strip() else ''}", digest)

    try:
        repo = bundled_copy(work)
        for name in names:
            started = time.perf_counter()
            outcomes = surfaces.SURFACES[name](random.Random(args.seed), repo, args.inputs, report)
            elapsed = time.perf_counter() - started
            shown = ", ".join(f"{count:,} {what}" for what, count in sorted(outcomes.items()))
            print(f"fuzz {name}: {args.inputs:,} inputs in {elapsed:,.0f} s, seed {args.seed}: {shown}")
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return report_findings(findings)


def report_findings(findings: dict[str, str]) -> int:
    """Print what was found (where the inputs are) and the exit status: 1 when anything was."""
    if not findings:
        print("fuzz: no findings")
        return 0
    print(f"fuzz: {len(findings)} findings (inputs in {FINDINGS}):")
    for key, detail in findings.items():
        print(f"  - {key}: {detail.splitlines()[0] if detail else ''}")
    return 1


def bundled_copy(work: Path) -> Path:
    """A copy of the bundled repository (records and settings) to fuzz in."""
    repo = work / "repo"
    shutil.copytree(PROJECT / "records", repo / "records")
    shutil.copy(PROJECT / "ensomhed.yaml", repo / "ensomhed.yaml")
    return repo


if __name__ == "__main__":
    raise SystemExit(main())
