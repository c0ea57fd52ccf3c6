"""One small repository per diagnostic code (and per important wording of it): the cases of test_messages.py.

Each case is the files a secretary might write, with Danish content, that make its code:
named `code` or `code/variant` where a code has several messages. A case is added to the
repository BASE (conftest.py) unless it says otherwise; what files cannot say (a link, a
FIFO, a huge file, a name that is not UTF-8) a case's `make` builds, skipping where the
platform cannot. Dates are judged against TODAY.
"""

from __future__ import annotations

import datetime as dt
import os
import sys
import textwrap
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pytest

# The day every case is checked on: meetings before it are held, after it planned.
TODAY = dt.date(2024, 6, 1)

DA = "language: da\n"


@dataclass(frozen=True)
class Case:
    name: str  # `code` or `code/variant`
    files: dict[str, str | bytes] = field(default_factory=dict)
    base: bool = True  # add conftest.BASE
    config: str | None = DA  # ensomhed.yaml (None: none written)
    make: Callable[[Path], None] | None = None  # builds what files cannot say; may pytest.skip
    runner: str = "load"  # "load" (api.load), or "check" (the cached check of `ensomhed check`)

    @property
    def code(self) -> str:
        return self.name.split("/")[0]


CASES: list[Case] = []


def case(name: str, files: dict[str, str | bytes] | None = None, **kwargs) -> None:
    assert name not in {c.name for c in CASES}, f"two cases named {name}"
    CASES.append(Case(name, dict(files or {}), **kwargs))


# --- what the cases share ------------------------------------------------------------------

# A council with members, for the rules of votes and attendance.
RAADET = {
    "records/bodies/raadet.yaml": """
        kind: body
        name: Ældrerådet i Hedensted
        type: advisory_council
        members:
          - {person: anna, role: formand}
          - {person: bo}
          - {person: cai}
        """,
    "records/people/cai.yaml": """
        kind: person
        name: Cai Berg
        """,
    "records/people/dorte.yaml": """
        kind: person
        name: Dorte Lund
        title: sekretariatsleder
        """,
}

MEETING = "records/meetings/2024-05-14-raadet.md"


def meeting(front: str, body: str = "", *, raadet: bool = True) -> dict[str, str]:
    """A meeting of the council: `front` is the front matter after its first lines (dedented)."""
    text = "---\nkind: meeting\nbody: raadet\n" + textwrap.dedent(front).lstrip("\n") + "---\n" + textwrap.dedent(body)
    return {**(RAADET if raadet else {}), MEETING: text}


def held(items: str = "", extra: str = "", *, date: str = "2024-05-14", status: str = "held") -> dict[str, str]:
    """A meeting of the council from 14:00 to 16:00 on `date`, with `extra` fields and `items` (YAML, dedented)."""
    front = f'date: {date}\nstart: "14:00"\nend: "16:00"\nstatus: {status}\n' + textwrap.dedent(extra).lstrip("\n")
    if items:
        front += "items:\n" + textwrap.indent(textwrap.dedent(items).lstrip("\n"), "  ")
    return meeting(front)


def planned(items: str = "", extra: str = "") -> dict[str, str]:
    """A meeting of the council after TODAY, still planned."""
    return held(items, extra, date="2024-09-10", status="planned")


def _fifo(path: Path) -> None:
    if not hasattr(os, "mkfifo"):
        pytest.skip("no FIFOs on this platform")
    path.parent.mkdir(parents=True, exist_ok=True)
    os.mkfifo(path)


def _symlink(link: Path, target: Path | str) -> None:
    link.parent.mkdir(parents=True, exist_ok=True)
    try:
        link.symlink_to(target)
    except (OSError, NotImplementedError):
        pytest.skip("no symbolic links on this platform")


def _sparse(path: Path, size: int) -> None:
    """A file of `size` bytes that takes no room on disk (its size is all that is judged)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "wb") as fh:
        fh.truncate(size)


# --- files: what is read, and how ------------------------------------------------------------

case("encoding", {"records/people/soeren.yaml": "kind: person\nname: S\xf8ren Hansen\n".encode("latin-1")})
case("no-front-matter", {"records/meetings/2024-05-14-aeldreraadet.md": """
    Dagsorden for Ældrerådet

    kind: meeting
    body: aeldreraadet
    """})
case("unclosed-front-matter", {"records/meetings/2024-05-14-aeldreraadet.md": """
    ---
    kind: meeting
    body: aeldreraadet
    date: 2024-05-14
    status: held

    Referat af mødet.
    """})
case("not-a-mapping/empty", {"records/meetings/2024-05-14-aeldreraadet.md": "---\n---\nReferat følger.\n"})
case("not-a-mapping/list", {"records/people/frivillige.yaml": """
    - kind: person
      name: Grethe Holm
    - kind: person
      name: Jens Holm
    """})
case("not-a-mapping/text", {"records/people/grethe.yaml": "Grethe Holm, frivillig\n"})
case("too-large/record", make=lambda root: _sparse(root / "records/people/eksport.yaml", 3 * 1024 * 1024))
case("too-large/template", make=lambda root: _sparse(root / "templates/agenda.md.j2", 1536 * 1024))
case("not-a-file/settings", config=None, make=lambda root: _fifo(root / "ensomhed.yaml"))
case("not-a-file/template", make=lambda root: _fifo(root / "templates/agenda.md.j2"))
case("not-a-folder", {"templates": "{{ meeting.title }}\n"})
case("template-link", {"skabeloner/agenda.md.j2": "# {{ meeting.title }}\n"},
     make=lambda root: _symlink(root / "templates/agenda.md.j2", root / "skabeloner/agenda.md.j2"))


def _records_outside(root: Path) -> None:
    import shutil

    elsewhere = root.parent / "udenfor"
    shutil.move(str(root / "records"), str(elsewhere))
    _symlink(root / "records", elsewhere)


def _templates_outside(root: Path) -> None:
    elsewhere = root.parent / "faelles-skabeloner"
    elsewhere.mkdir()
    _symlink(root / "templates", elsewhere)


def _settings_outside(root: Path) -> None:
    elsewhere = root.parent / "faelles.yaml"
    elsewhere.write_text("municipality: Hedensted Kommune\n", encoding="utf-8")
    _symlink(root / "ensomhed.yaml", elsewhere)


case("outside-repository/records", make=_records_outside)
case("outside-repository/templates", make=_templates_outside)
case("outside-repository/settings", config=None, make=_settings_outside)


# A folder named ensomhed.yaml: opening it fails (EISDIR), as an unreadable file does for
# anyone but root (a test run as root can make no file unreadable).
case("unreadable", config=None, make=lambda root: (root / "ensomhed.yaml").mkdir())
case("skipped-file/fifo", make=lambda root: _fifo(root / "records/meetings/indbakke.yaml"))


def _link_outside(root: Path) -> None:
    elsewhere = root.parent / "hjemmemappe" / "anna.yaml"
    elsewhere.parent.mkdir()
    elsewhere.write_text("kind: person\nname: Anna Hansen\n", encoding="utf-8")
    _symlink(root / "records/people/anna-kopi.yaml", elsewhere)


case("skipped-file/link-outside", make=_link_outside)
case("skipped-file/broken-link", make=lambda root: _symlink(root / "records/people/ole.yaml", root / "records/people/slettet.yaml"))
case("skipped-link", {"arkiv/2023/people/ib.yaml": "kind: person\nname: Ib Holm\n"},
     make=lambda root: _symlink(root / "records/arkiv-2023", root / "arkiv/2023"))


def _bad_name(root: Path) -> None:
    if sys.platform in ("darwin", "win32"):
        pytest.skip("the file system here holds only names that are valid text")
    name = os.path.join(os.fsencode(root / "records/people"), b"s\xf8ren.yaml")
    try:
        with open(name, "wb") as fh:
            fh.write(b"kind: person\nname: S\xc3\xb8ren Hansen\n")
    except OSError:
        pytest.skip("the file system here holds only names that are valid text")


case("file-name", make=_bad_name)
case("cache-link", runner="check", make=lambda root: _symlink(root / ".ensomhed-cache", root.parent))

# --- YAML ------------------------------------------------------------------------------------

case("yaml-syntax/tab", {"records/people/grethe.yaml": "kind: person\nname: Grethe Holm\n\ttitle: frivillig\n"})
case("yaml-syntax/colon", {"records/initiatives/gaa-tur.yaml": """
    kind: initiative
    title: Gå-tur: ældre mødes hver tirsdag
    status: active
    category: community
    """})
case("yaml-syntax/quote", {"records/initiatives/gaa-tur.yaml": """
    kind: initiative
    title: "Gåtur for ældre
    status: active
    category: community
    """})
case("yaml-syntax/expected-colon", {"records/people/grethe.yaml": """
    kind: person
    name Grethe Holm
    title: frivillig
    """})
case("yaml-syntax/after-quote", {"records/people/grethe.yaml": """
    kind: person
    name: "Grethe Holm" (frivillig)
    """})
case("yaml-syntax/bracket", {"records/initiatives/gaa-tur.yaml": """
    kind: initiative
    title: Gåtur
    target_groups: [ældre der bor alene, psykisk sårbare
    status: active
    category: community
    """})
case("yaml-syntax/undefined-alias", {"records/plans/plan-2025.yaml": """
    kind: plan
    title: Handleplan 2025
    owner: *aeldreraadet
    status: draft
    """})
case("yaml-syntax/character", {"records/people/grethe.yaml": "kind: person\nname: Grethe\x07Holm\n"})
case("yaml-tag/scalar", {"records/initiatives/gaa-tur.yaml": """
    kind: initiative
    title: Gåtur
    status: active
    category: community
    budget:
      - {amount: 25000, year: !!int 2024}
    """})
case("yaml-tag/collection", {"records/initiatives/gaa-tur.yaml": """
    kind: initiative
    title: Gåtur
    status: active
    category: community
    target_groups: !mine [ældre der bor alene]
    """})
case("yaml-key", {"records/bodies/gruppe.yaml": """
    kind: body
    name: Arbejdsgruppen
    type: working_group
    [anna, bo]: medlemmer
    """})
case("yaml-merge", {"records/initiatives/gaa-tur.yaml": """
    kind: initiative
    title: Gåtur
    status: active
    category: community
    extra:
      <<: {kontakt: frivilligcentret}
    """})
case("yaml-alias/recursive", {"records/initiatives/gaa-tur.yaml": """
    kind: initiative
    title: Gåtur
    status: active
    category: community
    partners: &p [frivillige, *p]
    """})


def _many_aliases() -> str:
    lines = ["kind: initiative", "title: Gåtur", "status: active", "category: community",
             "a: &a [frivillige, frivillige, frivillige, frivillige, frivillige, frivillige, frivillige, frivillige, frivillige, frivillige]"]
    for name, prev in zip("bcde", "abcd", strict=True):
        lines.append(f"{name}: &{name} [{', '.join([f'*{prev}'] * 10)}]")
    lines.append("partners: *e")
    return "\n".join(lines) + "\n"


case("yaml-alias/values", {"records/initiatives/gaa-tur.yaml": _many_aliases()})
case("yaml-alias/text", {"records/initiatives/gaa-tur.yaml": "kind: initiative\ntitle: Gåtur\nstatus: active\ncategory: community\n"
                         "note: &n " + "ensomhed " * 30_000 + "\npartners: [" + ", ".join(["*n"] * 10) + "]\n"})
case("duplicate-key", {"records/people/grethe.yaml": """
    kind: person
    name: Grethe Holm
    title: frivillig
    title: formand for besøgsvennerne
    """})
case("too-deep/brackets", {"records/people/grethe.yaml": "kind: person\nname: Grethe Holm\nextra: " + "[" * 201 + "]" * 201 + "\n"})
case("too-deep/nesting", {"records/people/grethe.yaml": "kind: person\nname: Grethe Holm\nextra: " + "[" * 50 + "]" * 50 + "\n"})

# --- the schema -----------------------------------------------------------------------------

case("missing-field/kind", {"records/people/grethe.yaml": "name: Grethe Holm\n"})
case("missing-field/required", {"records/people/grethe.yaml": "kind: person\ntitle: frivillig\n"})
case("missing-field/no-choice", {"records/initiatives/gaa-tur.yaml": """
    kind: initiative
    title: Gåtur
    status:
    category: community
    """})
case("missing-field/no-value", {"records/people/grethe.yaml": "kind: person\nname:\n"})
case("missing-field/empty", {"records/initiatives/gaa-tur.yaml": """
    kind: initiative
    title: ""
    status: active
    category: community
    """})
case("missing-field/owners", held("""
    - title: Besøgsvenner
      actions:
        - what: Kontakt frivilligcentret
          owners: []
    """))
case("missing-field/statement-by", held("""
    - title: Budget 2025
      type: discussion
      statements:
        - type: protocol_note
          by: []
          text: Rådet ønsker flere midler til besøgsvenner.
    """))
case("invalid-value/kind", {"records/meetings/2024-05-14-aeldreraadet.yaml": """
    kind: meting
    body: aeldreraadet
    date: 2024-05-14
    status: held
    """})
case("invalid-value/kind-list", {"records/people/grethe.yaml": "kind: [person]\nname: Grethe Holm\n"})
case("invalid-value/choice", {"records/initiatives/gaa-tur.yaml": """
    kind: initiative
    title: Gåtur
    status: aktiv
    category: community
    """})
case("invalid-value/text", {"records/people/grethe.yaml": "kind: person\nname: [Grethe, Holm]\n"})
case("invalid-value/id", held(extra="chair: Anna Hansen\n"))
case("invalid-value/date", {"records/meetings/2024-05-14-aeldreraadet.yaml": """
    kind: meeting
    body: aeldreraadet
    date: 14-05-2024
    status: held
    """})
case("invalid-value/time", {**RAADET, MEETING: held()[MEETING].replace('start: "14:00"', "start: kl. 14")})
case("invalid-value/whole-number", {"records/initiatives/cafe.yaml": """
    kind: initiative
    title: Café
    status: active
    category: community
    reach:
      - date: 2024-03-31
        participants: mange
    """})
case("invalid-value/number", {"records/initiatives/cafe.yaml": """
    kind: initiative
    title: Café
    status: active
    category: community
    budget:
      - amount: 25.000,50
    """})
case("invalid-value/email", {"records/people/grethe.yaml": "kind: person\nname: Grethe Holm\nemail: grethe.holm(at)hedensted.dk\n"})
case("invalid-value/bool", held("""
    - title: Personsag
      closed: måske
    """))
case("invalid-value/item-number", held("""
    - number: punkt 3
      title: Orientering fra formanden
    """))
case("invalid-value/goal-ref", {"records/initiatives/cafe.yaml": """
    kind: initiative
    title: Café
    status: active
    category: community
    goals: [faerre-ensomme]
    """})
case("invalid-value/url", config=DA + "accessibility_statement: hedensted.dk/tilgaengelighed\n")
case("invalid-value/timezone", config=DA + "timezone: Europa/København\n")
case("invalid-value/substitute", held(extra="""
    absent:
      - {person: bo, substitute: bo}
    """))
case("invalid-value/item-number-zero", held("""
    - number: 0
      title: Godkendelse af dagsorden
    """))
case("invalid-value/budget", {"records/initiatives/cafe.yaml": """
    kind: initiative
    title: Café
    status: active
    category: community
    budget:
      - {amount: -5000, year: 2024}
    """})
case("invalid-value/reach", {"records/initiatives/cafe.yaml": """
    kind: initiative
    title: Café
    status: active
    category: community
    reach:
      - {date: 2024-03-31, participants: -3}
    """})
case("invalid-value/size", {"records/bodies/gruppe.yaml": """
    kind: body
    name: Arbejdsgruppen om besøgsvenner
    type: working_group
    size: {min: -1, max: 6}
    """})
case("invalid-type/list-of-people", held(extra="attendees: {anna: formand}\n"))
case("invalid-type/one-value", {"records/initiatives/cafe.yaml": """
    kind: initiative
    title: Café
    status: active
    category: community
    target_groups: ældre der bor alene
    """})
case("invalid-type/list-of-text", {"records/plans/plan.yaml": """
    kind: plan
    title: Ensomhedsplan 2024-2027
    owner: aeldreraadet
    status: active
    principles: {borgeren: i centrum}
    """})
case("invalid-type/list-of-mappings", {"records/initiatives/cafe.yaml": """
    kind: initiative
    title: Café
    status: active
    category: community
    reach: 40
    """})
case("invalid-type/mapping", {"records/plans/plan-2025.yaml": """
    kind: plan
    title: Handleplan 2025
    owner: aeldreraadet
    status: draft
    period: 2025-2026
    """})
case("unknown-key/suggestion", held(extra="atendees: [anna, bo]\n"))
case("unknown-key/known-keys", {"records/initiatives/cafe.yaml": """
    kind: initiative
    title: Café
    status: active
    category: community
    budget:
      - {amount: 25000, konto: 5.32.20}
    """})
case("invalid-id", {"records/people/Grethe Holm.yaml": "kind: person\nname: Grethe Holm\n"})
case("duplicate-description", {"records/initiatives/gaa-tur.md": """
    ---
    kind: initiative
    title: Gåtur
    status: active
    category: community
    description: Ugentlig gåtur for ældre.
    ---
    Hver tirsdag går vi en tur fra biblioteket.
    """})

# --- meetings ----------------------------------------------------------------------------------

case("time-order/meeting", {**RAADET, MEETING: held()[MEETING].replace('end: "16:00"', 'end: "13:00"')})
case("time-order/item", held("""
    - title: Orientering
      start: "14:30"
      end: "14:15"
    """))
case("time-order/attendee", held(extra="""
    attendees:
      - anna
      - {person: bo, arrived: "15:00", left: "14:30"}
    """))
case("time-outside/before", held("""
    - title: Velkomst
      start: "13:45"
    """))
case("time-outside/after", held("""
    - title: Eventuelt
      start: "15:50"
      end: "16:15"
    """))
case("time-outside/attendee", held(extra="""
    attendees:
      - anna
      - {person: bo, arrived: "13:30"}
    """))
case("time-overlap", held("""
    - title: Orientering fra formanden
      start: "14:00"
      end: "14:30"
    - title: Besøgsvenner
      start: "14:20"
    """))
case("duplicate-person/attendees", held(extra="attendees: [anna, bo, anna]\n"))
case("duplicate-person/absent", held(extra="absent: [cai, cai]\n"))
case("duplicate-person/item", held("""
    - title: Tilskud til foreningen
      absent:
        - {person: bo, conflict_of_interest: true}
        - bo
    """))
case("present-and-absent", held(extra="attendees: [anna, bo]\nabsent: [bo]\n"))
case("already-absent", held("""
    - title: Tilskud til foreningen
      absent: [cai]
    """, extra="absent: [cai]\n"))
case("decision-not-treated/decision", held("""
    - title: Budget 2025
      type: decision
      status: postponed
      decision: Rådet godkendte budgettet.
    """))
case("decision-not-treated/votes", held("""
    - title: Budget 2025
      status: postponed
      votes:
        - {for: [anna, bo]}
    """))
case("missing-decision", held("""
    - title: Budget 2025
      type: decision
    """))
case("decision-not-held/decision", planned("""
    - title: Budget 2025
      decision: Godkendt.
    """))
case("decision-not-held/public-decision", planned("""
    - title: Personsag
      closed: true
      public_decision: Rådet traf en afgørelse i en personsag.
    """))
case("votes-not-held", planned("""
    - title: Budget 2025
      votes:
        - {for: [anna, bo]}
    """))
case("statements-not-held", planned("""
    - title: Budget 2025
      statements:
        - {type: dissent, by: [cai], text: Imod forslaget.}
    """))
case("approved-not-held", planned(extra="minutes_approved: 2024-09-20\n"))
case("date-order/minutes-approved", held(extra="minutes_approved: 2024-05-01\n"))
case("date-order/agenda-sent", held(extra="agenda_sent: 2024-05-20\n"))
case("date-order/amendment", held(extra="""
    minutes_approved: 2024-05-21
    amendments:
      - {date: 2024-05-20, text: Punkt 2 rettet, by: anna}
    """))
case("amendment-not-approved", held(extra="""
    amendments:
      - {date: 2024-05-20, text: Punkt 2 rettet, by: anna}
    """))
case("duplicate-number", held("""
    - number: 3
      title: Orientering
    - number: 3
      title: Eventuelt
    """))
case("done-not-done", held("""
    - title: Besøgsvenner
      actions:
        - {what: Kontakt frivilligcentret, owners: [anna], status: open, done_on: 2024-05-20}
    """))
case("attachment-target", held("""
    - title: Budget 2025
      attachments:
        - {title: Budgetoplæg}
    """))
case("invalid-url", held("""
    - title: Budget 2025
      attachments:
        - {title: Budgetoplæg, url: "file:///K:/Ældreråd/budget.pdf"}
    """))
case("unknown-item", held("""
    - title: Orientering
    - title: Budget 2025
    """, extra="""
    attendees:
      - anna
      - {person: bo, from_item: 4}
    """))
case("item-order", held("""
    - title: Orientering
    - title: Budget 2025
    - title: Eventuelt
    """, extra="""
    attendees:
      - anna
      - {person: bo, from_item: 3, to_item: 2}
    """))
case("empty-vote", held("""
    - title: Budget 2025
      votes:
        - motion: Indstillingen
    """))
case("voted-twice/same-side", held("""
    - title: Budget 2025
      votes:
        - {for: [anna, bo, anna]}
    """))
case("voted-twice/both-sides", held("""
    - title: Budget 2025
      votes:
        - {for: [anna, bo], against: [bo]}
    """))
case("absent-and-voting/vote", held("""
    - title: Budget 2025
      votes:
        - {for: [anna, cai]}
    """, extra="absent: [cai]\n"))
case("absent-and-voting/inhabil", held("""
    - title: Tilskud til foreningen
      absent:
        - {person: bo, conflict_of_interest: true}
      votes:
        - {for: [anna, bo]}
    """))
case("absent-and-voting/statement", held("""
    - title: Budget 2025
      statements:
        - {type: dissent, by: [cai], text: Imod forslaget.}
    """, extra="absent: [cai]\n"))
case("public-decision-not-closed", held("""
    - title: Budget 2025
      decision: Godkendt.
      public_decision: Rådet godkendte budgettet.
    """))
case("unclosed-fence", held("""
    - title: Personsag
      description: |
        Sagen drejer sig om en borger.

        ::: lukket
        Detaljerne i sagen.
    """))
case("vote-by-non-member", held("""
    - title: Budget 2025
      votes:
        - {for: [anna, dorte]}
    """))
case("held-in-future", held(date="2024-09-10"))
case("planned-in-past", meeting("date: 2024-05-14\nstatus: planned\n"))

# --- personal data ----------------------------------------------------------------------------

case("personal-data-cpr", held("""
    - title: Klage over visitation
      closed: true
      description: Borgeren, cpr 010203-1234, har klaget.
    """))
case("personal-data-phone", held("""
    - title: Besøgsvenner
      description: Grethe kan kontaktes på 21 43 65 87.
    """))
case("personal-data-email", held("""
    - title: Besøgsvenner
      description: Grethe skriver til grethe.holm@gmail.com om vagtplanen.
    """))
case("personal-data-health/sentence", held("""
    - title: Besøgsvenner
      description: Grethe er indlagt og kan ikke komme i denne måned.
    """))
case("personal-data-health/absence-reason", held(extra="""
    absent:
      - {person: cai, reason: indlagt på sygehuset}
    """))

# --- bodies, plans, initiatives --------------------------------------------------------------

case("invalid-range", {"records/bodies/gruppe.yaml": """
    kind: body
    name: Arbejdsgruppen om besøgsvenner
    type: working_group
    size: {min: 6, max: 4}
    """})
case("group-size", {"records/bodies/gruppe.yaml": """
    kind: body
    name: Arbejdsgruppen om besøgsvenner
    type: working_group
    size: {min: 3, max: 6}
    members: [anna, bo]
    """})
case("duplicate-member", {"records/bodies/gruppe.yaml": """
    kind: body
    name: Arbejdsgruppen om besøgsvenner
    type: working_group
    members:
      - {person: anna, role: formand}
      - {person: bo}
      - {person: anna}
    """})
case("parent-cycle", {
    "records/bodies/gruppe.yaml": "kind: body\nname: Arbejdsgruppen\ntype: working_group\nparent: udvalg\n",
    "records/bodies/udvalg.yaml": "kind: body\nname: Social- og sundhedsudvalget\ntype: committee\nparent: gruppe\n",
})
PLAN = "records/plans/plan.yaml"
PLAN_HEAD = """
    kind: plan
    title: Ensomhedsplan 2024-2027
    owner: aeldreraadet
    status: active
    """
case("duplicate-id/plan", {PLAN: PLAN_HEAD + """
    themes:
      - {id: faellesskab, title: Fællesskab}
      - {id: faellesskab, title: Fællesskaber i lokalområdet}
    """})
case("duplicate-id/repository", {"records/people/anna-hansen.yaml": "kind: person\nid: anna\nname: Anna Hansen\n"})
case("duplicate-id/first-has-errors", {
    "records/bodies/anna.yaml": "kind: body\nname: Annas gruppe\n",
})
case("date-order/period", {PLAN: PLAN_HEAD + """
    period: {from: 2027-01-01, to: 2024-12-31}
    """})
case("date-order/measurements", {PLAN: PLAN_HEAD + """
    goals:
      - id: faerre-ensomme
        title: Færre ensomme ældre
        unit: pct.
        baseline: {value: 8, date: 2023-01-01}
        target: {value: 6, date: 2027-01-01}
        measurements:
          - {date: 2024-06-01, value: 7.5}
          - {date: 2024-01-01, value: 7.8}
    """})
case("date-order/milestone", {PLAN: PLAN_HEAD + """
    milestones:
      - {id: a, title: Start, date: 2024-09-01}
      - {id: b, title: Høring, date: 2024-06-01, depends_on: [a]}
    """})
case("date-order/initiative", {"records/initiatives/cafe.yaml": """
    kind: initiative
    title: Café
    status: active
    category: community
    start: 2024-09-01
    end: 2024-03-01
    """})
case("date-order/reach-from", {"records/initiatives/cafe.yaml": """
    kind: initiative
    title: Café
    status: active
    category: community
    reach:
      - {from: 2024-04-01, date: 2024-03-31, participants: 40}
    """})
case("date-order/reach-date", {"records/initiatives/cafe.yaml": """
    kind: initiative
    title: Café
    status: active
    category: community
    reach:
      - {date: 2024-06-30, participants: 40}
      - {date: 2024-03-31, participants: 35}
    """})
case("reach-overlap", {"records/initiatives/cafe.yaml": """
    kind: initiative
    title: Café
    status: active
    category: community
    reach:
      - {from: 2024-01-01, date: 2024-03-31, participants: 35}
      - {from: 2024-03-01, date: 2024-06-30, participants: 40}
    """})
case("reach-count", {"records/initiatives/cafe.yaml": """
    kind: initiative
    title: Café
    status: active
    category: community
    reach:
      - {date: 2024-03-31, participants: 12, new_relations: 15}
    """})
case("vocabulary", {"records/initiatives/cafe.yaml": """
    kind: initiative
    title: Café
    status: active
    category: community
    target_groups: [ældre som bor alene]
    """}, config=DA + "vocabularies:\n  target_groups: [plejehjemsbeboere, ældre der bor alene, psykisk sårbare]\n")
case("direction-conflict", {PLAN: PLAN_HEAD + """
    goals:
      - id: faerre-ensomme
        title: Færre ensomme ældre
        direction: increase
        baseline: {value: 8}
        target: {value: 6}
    """})
case("direction-needed", {PLAN: PLAN_HEAD + """
    goals:
      - id: faerre-ensomme
        title: Færre ensomme ældre
        target: {value: 6, date: 2027-01-01}
    """})
case("milestone-cycle/self", {PLAN: PLAN_HEAD + """
    milestones:
      - {id: a, title: Start, depends_on: [a]}
    """})
case("milestone-cycle/circle", {PLAN: PLAN_HEAD + """
    milestones:
      - {id: a, title: Start, depends_on: [c]}
      - {id: b, title: Høring, depends_on: [a]}
      - {id: c, title: Vedtagelse, depends_on: [b]}
    """})

# --- references ---------------------------------------------------------------------------------

case("unresolved-ref/record", held(extra="secretary: dorthe\n"))
case("unresolved-ref/theme", {PLAN: PLAN_HEAD + """
    themes:
      - {id: faellesskab, title: Fællesskab}
    goals:
      - {id: faerre-ensomme, title: Færre ensomme ældre, theme: faelleskab}
    """})
case("unresolved-ref/milestone", {PLAN: PLAN_HEAD + """
    milestones:
      - {id: start, title: Start}
      - {id: hoering, title: Høring, depends_on: [strat]}
    """})
case("unresolved-ref/goal-plan", {"records/initiatives/cafe.yaml": """
    kind: initiative
    title: Café
    status: active
    category: community
    goals: ["planen#faerre-ensomme"]
    """})
case("unresolved-ref/goal", {"records/initiatives/cafe.yaml": """
    kind: initiative
    title: Café
    status: active
    category: community
    goals: ["plan#faerre-ensome"]
    """})
case("unresolved-ref/goal-wrong-kind", {"records/initiatives/cafe.yaml": """
    kind: initiative
    title: Café
    status: active
    category: community
    goals: ["cafe#faerre-ensomme"]
    """})
case("wrong-kind-ref", {"records/meetings/2024-05-14-aeldreraadet.yaml": """
    kind: meeting
    body: anna
    date: 2024-05-14
    status: held
    """})

# --- attachments --------------------------------------------------------------------------------


def attachment(path: str) -> dict[str, str]:
    return held(f"""
    - title: Budget 2025
      attachments:
        - {{title: Budgetoplæg, path: "{path}"}}
    """)


case("attachment-missing", attachment("bilag/budget-2025.pdf"))
case("attachment-path/empty", attachment(""))
case("attachment-path/absolute", attachment("/home/sekretaer/budget-2025.pdf"))
case("attachment-path/outside", attachment("../budget-2025.pdf"))
case("attachment-path/private", attachment("records/people/anna.yaml"))
case("attachment-path/not-a-file", attachment("bilag") | {"bilag/budget-2025.pdf": "%PDF-1.4\n"})
