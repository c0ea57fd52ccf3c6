"""The bundled repository (records/, adapted from published municipal documents) checks clean and holds what they say."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from conftest import PROJECT
from ensomhed_cli.api import load
from ensomhed_cli.format.source import read_record


@pytest.fixture(scope="module")
def bundled():
    return load(PROJECT)


def test_bundled_records_check_without_errors(bundled):
    repo, diagnostics = bundled
    # The warnings are faithful to the seeds: six meetings they announce, whose outcome they do
    # not give, are still planned and now in the past (held or cancelled?).
    assert [(d.severity, d.code, d.path) for d in diagnostics] == [
        ("warning", "planned-in-past", f"records/meetings/{path}")
        for path in (
            "2015/2015-12-02-socialudvalget.yaml",
            "2020/2020-10-28-sundheds-og-omsorgsudvalget.yaml",
            "2020/2020-11-30-udvalget-for-social-omsorg.md",
            "2023/2023-04-27-udsatteraadet.md",
            "2023/2023-09-04-udsatteraadet.yaml",
            "2023/2023-11-21-udsatteraadet.yaml",
        )
    ]
    assert repo.files == len(repo.records)


def test_raadmandsmoede_seed_000(bundled):
    repo, _ = bundled
    m = repo.get("2020-10-23-raadmandsmoede")
    assert (m.date, m.start, m.mode, m.status) == (dt.date(2020, 10, 23), dt.time(8, 30), "hybrid", "held")
    assert [(i.number, i.start, i.end) for i in m.items] == [
        (1, dt.time(8, 30), dt.time(8, 45)),
        (2, dt.time(8, 45), dt.time(9, 0)),
        (3, dt.time(9, 0), dt.time(9, 5)),
        ("3.1", None, None),  # the seed's "3.1. Byråd, Magistrat og Udvalg" under Eventuelt
    ]
    assert m.items[0].presenters == ["maj-morgenstjerne", "henriette-andersen", "jakob-flou"]
    assert "Praktiserende læger inddrages" in m.items[0].decision
    assert m.items[1].closed and m.items[1].presenters == ["jakob-soegaard-clausen"]


def test_udsatteraadet_seed_002(bundled):
    repo, _ = bundled
    m = repo.get("2023-02-07-udsatteraadet")
    assert m.location == "Carlshuse"
    assert [repo.name(a.person) for a in m.absent] == [
        "Nick Schulz Bøgh",
        "Dorthe Blicher",
        "Søren Olsen",
        "Hanne Bertelsen",
        "Gitte Cordua",
    ]
    actions = [a for item in m.items for a in item.actions]
    assert actions[0].owners == ["lise", "caecilie"] and actions[0].due == dt.date(2023, 4, 27)
    proposals = [r for r in repo.initiatives if "budgetforslag" in r.tags]
    assert len(proposals) == 4 and all(p.status == "proposed" and p.proposed_by == "udsatteraadet" for p in proposals)
    future = [x for x in repo.meetings if x.body == "udsatteraadet" and x.status == "planned"]
    assert [x.date.isoformat() for x in future] == ["2023-04-27", "2023-09-04", "2023-11-21"]
    assert all((x.start, x.end) == (dt.time(14), dt.time(16)) for x in future)


def test_process_plan_seed_001(bundled):
    repo, _ = bundled
    plan = repo.get("aktiviteter-ind-og-ude")
    assert [m.id for m in plan.milestones][0] == "temadag" and plan.milestones[-1].id == "afrunding"
    groups = [b for b in repo.bodies if b.type == "working_group" and b.plan == plan.id]
    assert len(groups) == 3
    assert all((g.size.min, g.size.max) == (5, 7) and "Frivilligrepræsentant" in g.composition for g in groups)


def test_contract_seed_003(bundled):
    repo, _ = bundled
    plan = repo.get("kontrakt-center-pleje-og-omsorg-2019-2020")
    assert len(plan.themes) == 4 and len(plan.goals) == 13
    goal = plan.goals[0]
    assert goal.target.value == 32000 and goal.measurements[0].value == 30700
    assert all(g.status_note for g in plan.goals)


def test_cocreation_seed_004(bundled):
    repo, _ = bundled
    plan = repo.get("samskabelse-aktivitets-og-samvaerstilbud")
    assert len(plan.principles) == 5
    assert plan.milestones[-1].date == dt.date(2015, 12, 2)
    assert repo.get("jan-jensen").title == "kontorchef"


def test_every_bundled_record_fits_the_exported_json_schema():
    """What an editor's YAML language server sees (YAML 1.2 core types) passes the schema."""
    jsonschema = pytest.importorskip("jsonschema")
    from ensomhed_cli.format.json_schema import record_schema

    validator = jsonschema.Draft202012Validator(record_schema())
    files = sorted(p for p in (PROJECT / "records").rglob("*") if p.suffix in (".md", ".yaml", ".yml"))
    assert files
    for file in files:
        doc = read_record(file, file.relative_to(PROJECT).as_posix())
        data = _yaml12(doc.data)
        if doc.body and doc.body.strip():
            data["description"] = doc.body
        errors = [f"{list(e.absolute_path)}: {e.message}" for e in validator.iter_errors(data)]
        assert errors == [], f"{file}: {errors}"


def _yaml12(value):
    """Resolve plain text the way YAML 1.2's core schema does (numbers, booleans)."""
    if isinstance(value, dict):
        return {k: _yaml12(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_yaml12(v) for v in value]
    if isinstance(value, str):
        if re.fullmatch(r"[-+]?\d+", value):
            return int(value)
        if re.fullmatch(r"[-+]?(\d+\.\d*|\.\d+)([eE][-+]?\d+)?", value):
            return float(value)
        if value in ("true", "false"):
            return value == "true"
    return value
