"""What is published: one version everywhere, the typing marker, the licence, tested floors.

`./dev test` runs the tests of the dependencies and of the package (PACKAGE_TESTS in `dev`,
this file among them) a second time from the unpacked sdist, with the wheel built from it
installed at the lowest versions pyproject.toml allows (ENSOMHED_PACKAGE_TEST=1); the last
test checks that run really had the floors.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import tomllib
from importlib import metadata, resources
from pathlib import Path

import pytest

import ensomhed_cli

ROOT = Path(__file__).resolve().parent.parent
PACKAGE_TEST = os.environ.get("ENSOMHED_PACKAGE_TEST") == "1"


def test_the_version_is_one_everywhere():
    assert metadata.version("ensomhed") == ensomhed_cli.__version__
    script = Path(sys.executable).parent / "ensomhed"
    out = subprocess.run([str(script), "--version"], capture_output=True, text=True, check=True).stdout
    assert out == f"ensomhed {ensomhed_cli.__version__}\n"
    assert 'dynamic = ["version"]' in (ROOT / "pyproject.toml").read_text(encoding="utf-8")


def test_the_package_says_it_is_typed_and_carries_its_licence():
    assert resources.files("ensomhed_cli").joinpath("py.typed").is_file()
    meta = metadata.metadata("ensomhed")
    assert meta["License-Expression"] == "MPL-2.0"
    files = [str(f) for f in metadata.files("ensomhed") or []]
    assert any(f.endswith("licenses/LICENSE") for f in files), files
    assert "Mozilla Public License Version 2.0" in (ROOT / "LICENSE").read_text(encoding="utf-8")


def test_the_built_in_templates_ship_inside_the_package():
    shipped = {p.name for p in resources.files("ensomhed_cli").joinpath("templates").iterdir()}
    assert {"agenda.md.j2", "minutes.html.j2", "plan.md.j2"} <= shipped


@pytest.mark.skipif(not PACKAGE_TEST, reason="only in ./dev test's run from the sdist with the lowest dependencies")
def test_the_sdist_run_has_the_installed_wheel_at_the_lowest_allowed_versions():
    # Imported from the installed wheel, not from a source folder beside the tests.
    assert "site-packages" in Path(ensomhed_cli.__file__).parts
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    floors = {}
    for requirement in project["dependencies"]:
        found = re.match(r"([A-Za-z0-9_.-]+)\s*>=\s*([0-9][0-9.]*)", requirement)
        assert found, requirement
        floors[found[1]] = found[2]
    from packaging.version import Version  # pytest's own dependency

    installed = {name: Version(metadata.version(name)) for name in floors}
    assert installed == {name: Version(floor) for name, floor in floors.items()}
