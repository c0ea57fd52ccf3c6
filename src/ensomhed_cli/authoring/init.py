"""`ensomhed init`: a new records repository, ready to use and to put in git."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from ensomhed_cli.fsio import WriteRefused, write_atomic


def files(today: dt.date | None = None) -> dict[str, str]:
    year = (today or dt.date.today()).year
    return {
        "ensomhed.yaml": """\
# ensomhed: settings of this records repository (every key is optional)
municipality: Eksempel Kommune
language: da                 # da | en: labels and dates in rendered output
timezone: Europe/Copenhagen  # for `ensomhed calendar`
# vocabularies:              # when a list is given, values outside it are errors
#   target_groups: [plejehjemsbeboere, ældre der bor alene, psykisk sårbare]
#   partners: [frivillige, foreninger, praktiserende læger]
""",
        ".gitignore": """\
.ensomhed-cache/
build/
site/
""",
        "records/bodies/aeldreraadet.md": """\
---
kind: body
name: Ældrerådet
type: advisory_council
members:
  - {person: anna-hansen, role: formand}
---
Kommunens ældreråd. Skriv rådets formål her.
""",
        "records/people/anna-hansen.yaml": """\
kind: person
name: Anna Hansen
title: formand
organisation: Ældrerådet
""",
        f"records/meetings/{year}/{year}-03-04-aeldreraadet.md": f"""\
---
kind: meeting
body: aeldreraadet
date: {year}-03-04
start: 14:00
end: 16:00
location: Rådhuset, mødelokale 1
status: planned
chair: anna-hansen
items:
  - title: Godkendelse af dagsorden
    type: decision
    start: 14:00
    end: 14:05
  - title: Ensomhedsplanen
    type: discussion
    start: 14:05
    end: 15:00
    presenters: [anna-hansen]
    plans: [ensomhedsplan]
    description: |
      Status på arbejdet med ensomhedsplanen.
    recommendation: Det indstilles, at rådet drøfter planen.
  - title: Eventuelt
    start: 15:00
    end: 15:15
---
""",
        "records/plans/ensomhedsplan.md": f"""\
---
kind: plan
title: Ensomhedsplan {year}-{year + 3}
owner: aeldreraadet
status: draft
period: {{from: {year}-01-01, to: {year + 3}-12-31}}
vision: Færre ældre skal føle sig ensomme.
goals:
  - id: faerre-ensomme
    title: Færre ældre føler sig ofte uønsket alene
    unit: pct.
    baseline: {{value: "8,4", date: {year - 1}-12-31}}
    target: {{value: 6, date: {year + 3}-12-31}}
milestones:
  - id: temadag
    title: Temadag
    date: {year}-04-15
---
""",
        "records/initiatives/besoegsvenner.md": """\
---
kind: initiative
title: Besøgsvenner
status: planned
category: ongoing_contact
plans: [ensomhedsplan]
goals: [ensomhedsplan#faerre-ensomme]
owner: aeldreraadet
target_groups: [ældre der bor alene]
partners: [frivillige]
---
Frivillige besøgsvenner til ældre, der bor alene.
""",
        "templates/README.md": """\
# Templates

Put `agenda.md.j2`, `agenda.html.j2`, `minutes.*.j2`, `plan.*.j2` or `index.*.j2` here
to replace ensomhed's built-in look. See the ensomhed documentation (docs/templates.md)
for what each template receives.
""",
        ".pre-commit-config.yaml": """\
# Check the records before every commit: `pip install pre-commit && pre-commit install`
repos:
  - repo: local
    hooks:
      - id: ensomhed-check
        name: ensomhed check
        entry: ensomhed check
        language: system
        pass_filenames: false
        files: ^(records/|templates/|ensomhed\\.yaml$)
""",
        ".github/workflows/ensomhed.yml": """\
# Check the records on every push and pull request; build the public site from main.
name: ensomhed
on:
  push:
  pull_request:
env:
  # The pip requirement for ensomhed: a version from your package index, or a git URL.
  ENSOMHED: ensomhed
jobs:
  check:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
        with:
          fetch-depth: 0
      - uses: actions/setup-python@v5
        with:
          python-version: "3.11"
      - run: pip install "$ENSOMHED"
      - name: Check the records
        run: ensomhed check --format github
      - name: What changed (pull requests)
        if: github.event_name == 'pull_request'
        run: ensomhed diff "origin/${{ github.base_ref }}" HEAD --format md >> "$GITHUB_STEP_SUMMARY"
      - name: Build the public site
        run: ensomhed build --public --output site
      - uses: actions/upload-pages-artifact@v3
        if: github.ref == 'refs/heads/main'
        with:
          path: site
  deploy:
    if: github.ref == 'refs/heads/main'
    needs: check
    runs-on: ubuntu-latest
    permissions:
      pages: write
      id-token: write
    environment:
      name: github-pages
    steps:
      - uses: actions/deploy-pages@v4
""",
    }


def init(folder: Path, today: dt.date | None = None) -> list[Path]:
    """Write a new repository into folder; refuses if any of its files exist already."""
    planned = {folder / Path(*rel.split("/")): text for rel, text in files(today).items()}
    existing = [p for p in planned if p.exists() or p.is_symlink()]
    if existing:
        names = ", ".join(str(p) for p in existing)
        raise WriteRefused(f"these files exist already and are left untouched: {names}")
    written = []
    for path, text in planned.items():
        write_atomic(path, text, exclusive=True, within=folder)
        written.append(path)
    return written
