"""`serve` keeps the last good page while a record is being fixed (issue 34): between the
save that makes a broken record valid again and the check that follows, the page is shown as
it last was, never "not found"; a page whose record is removed is not found once checked."""

from __future__ import annotations

from ensomhed_cli.live.preview_site import PreviewSite
from ensomhed_cli.live.serve_watch import Changes

MEETING = "records/meetings/m.yaml"
FILES = {
    "records/bodies/raadet.yaml": "kind: body\nname: Rådet\ntype: advisory_council\n",
    MEETING: "kind: meeting\nbody: raadet\ndate: 2024-03-04\nstatus: planned\nitems:\n  - title: Budget\n",
}
PAGE = "agenda/m.html"


def site(repo_factory) -> tuple[PreviewSite, object]:
    root = repo_factory(FILES)
    preview = PreviewSite(root, public=False)
    preview.refresh(None)
    return preview, root


def save(preview: PreviewSite, root, text: str) -> None:
    (root / MEETING).write_text(text, encoding="utf-8")
    preview.touch(Changes(records={MEETING}))


def test_a_page_being_fixed_is_shown_as_it_last_was(repo_factory):
    preview, root = site(repo_factory)
    first = preview.page(PAGE)
    assert first is not None and first.state == "ok" and "Budget" in first.text
    save(preview, root, FILES[MEETING].replace("status: planned", "status: [planned"))  # half-typed
    preview.refresh(Changes(records={MEETING}))  # the check: the meeting has no valid record
    assert PAGE not in preview.pages
    broken = preview.page(PAGE)
    assert broken is not None and broken.state == "last_good" and "Budget" in broken.text
    save(preview, root, FILES[MEETING].replace("Budget", "Budget 2027"))  # fixed; not yet checked
    fixing = preview.page(PAGE)
    assert fixing is not None and fixing.state == "last_good" and "Budget" in fixing.text  # never "not found"
    preview.refresh(Changes(records={MEETING}))
    fixed = preview.page(PAGE)
    assert fixed is not None and fixed.state == "ok" and "Budget 2027" in fixed.text


def test_a_page_never_rendered_while_its_record_is_fixed_says_so_in_a_page(repo_factory):
    preview, root = site(repo_factory)
    save(preview, root, FILES[MEETING].replace("status: planned", "status: [planned"))
    preview.refresh(Changes(records={MEETING}))
    save(preview, root, FILES[MEETING])
    shown = preview.page(PAGE)
    assert shown is not None and shown.state == "no_good"  # the errors overlay, not a 404


def test_a_page_whose_record_is_removed_is_not_found_once_checked(repo_factory):
    preview, root = site(repo_factory)
    assert preview.page(PAGE) is not None
    (root / MEETING).unlink()
    preview.touch(Changes(records={MEETING}))
    preview.refresh(Changes(records={MEETING}))
    assert preview.page(PAGE) is None
