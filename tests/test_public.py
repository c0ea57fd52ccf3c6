"""Closed stays closed: no public output of any repository holds the text of a closed item."""

from __future__ import annotations

import itertools
import shutil
import tempfile
from pathlib import Path

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import write_repo
from ensomhed_cli.api import build_site, load, render_document

_counter = itertools.count()


def secret() -> st.SearchStrategy[str]:
    # Unique markers that no label, date or other record text can contain by chance.
    return st.builds(lambda n, tail: f"HEMMELIG{next(_counter)}X{n}{tail}", st.integers(0, 999), st.sampled_from(["", " <b>", " | x", "\n# y"]))


@st.composite
def repositories(draw):
    secrets: list[str] = []

    def hidden() -> str:
        value = draw(secret())
        secrets.append(value.split(" ")[0].split("\n")[0])
        return value

    people = {f"p{i}": {"kind": "person", "name": f"Person {i}"} for i in range(3)}
    people["hemmelig-person"] = {"kind": "person", "name": hidden()}
    files = {f"records/{pid}.yaml": yaml.safe_dump(data, allow_unicode=True) for pid, data in people.items()}
    files["records/raad.yaml"] = "kind: body\nname: Rådet\ntype: advisory_council\n"
    files["records/plan.yaml"] = "kind: plan\ntitle: Planen\nowner: raad\nstatus: active\n"
    files["records/ini.yaml"] = "kind: initiative\ntitle: Indsatsen\nstatus: active\ncategory: community\nplans: [plan]\n"
    files["bilag/hemmelig.pdf"] = "PDF"
    for m in range(draw(st.integers(1, 3))):
        items = []
        for n in range(draw(st.integers(1, 4))):
            closed = draw(st.booleans())
            item = {"title": f"Punkt {n + 1}", "closed": closed}
            if closed:
                item.update(
                    {
                        "description": hidden(),
                        "recommendation": hidden(),
                        "decision": hidden(),
                        "case": hidden(),
                        "presenters": ["hemmelig-person"],
                        "plans": ["plan"],
                        "initiatives": ["ini"],
                        "attachments": [{"title": hidden(), "path": "bilag/hemmelig.pdf"}, {"title": hidden(), "url": f"https://x.dk/{hidden()}"}],
                        "actions": [{"what": hidden(), "owners": ["hemmelig-person"], "due": "2020-01-01"}],
                    }
                )
            else:
                item.update({"description": f"Åben tekst {n}", "decision": "Godkendt", "plans": ["plan"]})
            items.append(item)
        meeting = {"kind": "meeting", "body": "raad", "date": f"2024-0{m + 1}-10", "status": "held", "attendees": ["p0"], "items": items}
        files[f"records/m{m}.yaml"] = yaml.safe_dump(meeting, allow_unicode=True)
    return files, secrets


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(repositories())
def test_no_public_output_holds_closed_text(generated):
    files, secrets = generated
    workdir = Path(tempfile.mkdtemp())
    try:
        repo, diagnostics = load(write_repo(workdir / "repo", files))
        assert [d for d in diagnostics if d.severity == "error"] == [], diagnostics
        outputs = []
        for output in ("md", "html"):
            for lang in ("da", "en"):
                for meeting in repo.meetings:
                    for document in ("agenda", "minutes"):
                        outputs.append(render_document(repo, document, meeting.id, output=output, lang=lang, public=True))
                outputs.append(render_document(repo, "plan", "plan", output=output, lang=lang, public=True))
                outputs.append(render_document(repo, "index", output=output, lang=lang, public=True))
            site = workdir / f"site-{output}"
            build_site(repo, site, output=output, public=True)
            outputs.extend(p.read_text(encoding="utf-8", errors="replace") for p in site.rglob("*") if p.is_file())
            assert not (site / "attachments" / "bilag" / "hemmelig.pdf").exists()
        everything = "\n".join(outputs)
        # the person who only presents closed items stays unnamed too
        for marker in secrets:
            assert marker not in everything, marker
        # and the internal output does hold them, so the test can fail
        internal = render_document(repo, "minutes", repo.meetings[0].id, output="md")
        closed_items = [i for i in repo.meetings[0].items if i.closed]
        if closed_items:
            assert closed_items[0].decision.split(" ")[0].split("\n")[0] in internal
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
