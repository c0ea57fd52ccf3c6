"""`ensomhed init`: a new records repository in git, ready to use.

Its examples (one record of each kind) lie in records/_eksempler/: a folder whose name
begins with `_` is skipped by check, build and every other command, so they are read as
examples and never published as the municipality's own. `--no-examples` leaves them out.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from ensomhed_cli.authoring.ci_files import github_workflow, install_source, pre_commit_config
from ensomhed_cli.diagnostics import say
from ensomhed_cli.fsio import WriteRefused, write_atomic
from ensomhed_cli.paths import enclosing_git

EXAMPLES = "records/_eksempler"


def files(today: dt.date | None = None, install: str | None = None, subfolder: str = "", examples: bool = True) -> dict[str, str]:
    """The new repository's files. `install` is the pinned source the CI installs ensomhed
    from; `subfolder` is where the repository is inside a larger git repository ("" at its root)."""
    made = _files(today, install, subfolder)
    return {rel: text for rel, text in made.items() if examples or not rel.startswith(EXAMPLES + "/")}


def _files(today: dt.date | None, install: str | None, subfolder: str) -> dict[str, str]:
    today = today or dt.date.today()
    year = today.year
    # The example meeting is planned, so it is a few weeks ahead (a Tuesday): a planned
    # meeting dated before today is warned of.
    meeting_day = today + dt.timedelta(days=28 + (1 - (today + dt.timedelta(days=28)).weekday()) % 7)
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
        f"{EXAMPLES}/bodies/aeldreraadet.md": """\
---
kind: body
name: Ældrerådet
type: advisory_council
members:
  - {person: anna-hansen, role: formand}
---
Kommunens ældreråd. Skriv rådets formål her.
""",
        f"{EXAMPLES}/people/anna-hansen.yaml": """\
kind: person
name: Anna Hansen
title: formand
organisation: Ældrerådet
""",
        f"{EXAMPLES}/meetings/{meeting_day.year}/{meeting_day.isoformat()}-aeldreraadet.md": f"""\
---
kind: meeting
body: aeldreraadet
date: {meeting_day.isoformat()}
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
        f"{EXAMPLES}/plans/ensomhedsplan.md": f"""\
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
        f"{EXAMPLES}/initiatives/besoegsvenner.md": """\
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
        f"{EXAMPLES}/_README.md": """\
# Eksempler

Et eksempel på hver slags post: et råd, en person, et møde, en plan og en indsats.
Mappen begynder med `_`, så `ensomhed check`, `build` og de andre kommandoer springer
den over: eksemplerne offentliggøres aldrig som kommunens egne.

Flyt en fil op i `records/` (for eksempel `bodies/aeldreraadet.md` til
`records/bodies/`) for at bygge videre på den, eller lav nye poster med `ensomhed new`.
Slet mappen, når I ikke har brug for den.
""",
        "templates/README.md": """\
# Templates

Put `agenda.md.j2`, `agenda.html.j2`, `minutes.*.j2`, `plan.*.j2` or `index.*.j2` here
to replace ensomhed's built-in look. See the ensomhed documentation (docs/templates.md)
for what each template receives. Put `reference.docx` here (an empty Word document whose
styles you changed) to give Word documents (`render --format docx`) your styles and page.
""",
        ".pre-commit-config.yaml": pre_commit_config(subfolder),
        ".github/workflows/ensomhed.yml": github_workflow(install_source(install), subfolder),
    }


def init(folder: Path, today: dt.date | None = None, install: str | None = None, examples: bool = True) -> list[Path]:
    """Write a new repository into folder; refuses if any of its files exist already.

    Raises ci_files.InstallSourceError for an --install that is not a pinned git URL."""
    planned = {folder / Path(*rel.split("/")): text for rel, text in files(today, install, enclosing_git(folder)[1], examples).items()}
    existing = [p for p in planned if p.exists() or p.is_symlink()]
    if existing:
        names = ", ".join(str(p) for p in existing)
        raise WriteRefused(say(f"disse filer findes allerede og bliver ikke rørt: {names}", f"these files exist already and are left untouched: {names}"))
    written = []
    for path, text in planned.items():
        write_atomic(path, text, exclusive=True, within=folder)
        written.append(path)
    return written


def make_git(folder: Path) -> tuple[bool, str | None]:
    """`git init` in folder when it is in no git repository yet: history is how ensomhed
    shows what changed (diff) and what was sent (agenda_sent). (made one, why not)."""
    from ensomhed_cli.gitrepo import GitError, run_git

    if enclosing_git(folder)[0] is not None:
        return False, None
    try:
        run_git(["init", "--quiet", "--", str(folder.resolve())], cwd=folder)
    except GitError as exc:
        return False, str(exc)
    return True, None
