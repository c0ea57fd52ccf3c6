"""Every remembered result is keyed by the code that made it (codestamp.py): a newer commit
installed, or the package edited where it is installed, is never answered from the cache."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from ensomhed_cli import codestamp

PACKAGE = Path(codestamp.__file__).resolve().parent


def copy_of_the_package(tmp_path: Path) -> Path:
    site = tmp_path / "site-packages"
    shutil.copytree(PACKAGE, site / "ensomhed_cli", ignore=shutil.ignore_patterns("__pycache__"))
    return site


def test_the_stamp_changes_with_any_file_of_the_package(tmp_path):
    site = copy_of_the_package(tmp_path)
    before = codestamp.code_stamp(site / "ensomhed_cli")
    assert codestamp.code_stamp(site / "ensomhed_cli") == before
    labels = site / "ensomhed_cli/render/labels.py"
    stat = labels.stat()
    labels.write_text(labels.read_text(encoding="utf-8").replace("Beslutning", "Besluttet"), encoding="utf-8")
    os.utime(labels, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1))
    codestamp._stamp.cache_clear()
    assert codestamp.code_stamp(site / "ensomhed_cli") != before


def test_a_rule_message_edited_in_the_installed_code_is_printed_by_the_next_check(tmp_path):
    site = copy_of_the_package(tmp_path)
    root = tmp_path / "repo"
    (root / "records/people").mkdir(parents=True)
    (root / "ensomhed.yaml").write_text("language: da\n", encoding="utf-8")
    for n in range(200):  # enough files that a cache is kept (incremental.CACHE_MIN_FILES)
        (root / f"records/people/p{n}.yaml").write_text(f"kind: person\nname: P {n}\n", encoding="utf-8")
    (root / "records/people/x.yaml").write_text("kind: person\nname: X\nbogus: 1\n", encoding="utf-8")
    past = 1_600_000_000
    for path in root.rglob("*.yaml"):
        os.utime(path, (past, past))  # settled: the cache keeps them
    env = {**os.environ, "PYTHONPATH": str(site)}

    def check() -> str:
        run = subprocess.run([sys.executable, "-m", "ensomhed_cli", "check", "--root", str(root), "-v"], env=env, capture_output=True, text=True)
        assert run.returncode == 1, run.stderr
        return run.stderr

    assert "ukendt felt `bogus`" in check()
    cached = check()
    assert "ukendt felt `bogus`" in cached and "0 af 201 filer læst" in cached, cached  # from the cache
    for path in (site / "ensomhed_cli").rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        if "ukendt felt `" in text:
            path.write_text(text.replace("ukendt felt `", "feltet kendes ikke: `"), encoding="utf-8")
    after = check()
    assert "feltet kendes ikke: `bogus`" in after and "ukendt felt" not in after, after


def test_a_tools_file_beside_the_code_is_not_code(tmp_path):
    site = copy_of_the_package(tmp_path)
    before = codestamp.code_stamp(site / "ensomhed_cli")
    (site / "ensomhed_cli/check/rules/meetings.py.meta").write_text("{}", encoding="utf-8")  # as mutmut leaves
    (site / "ensomhed_cli/__pycache__").mkdir(exist_ok=True)
    (site / "ensomhed_cli/__pycache__/x.cpython-311.pyc").write_bytes(b"\0")
    codestamp._stamp.cache_clear()
    assert codestamp.code_stamp(site / "ensomhed_cli") == before
