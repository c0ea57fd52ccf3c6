"""An incremental, parallel build writes the site byte for byte as a full one, and renders only what changed."""

from __future__ import annotations

import random
import re
import shutil
from pathlib import Path

import pytest

from conftest import PROJECT, Clock, generate
from ensomhed_cli.check import incremental as checker
from ensomhed_cli.render import page_cache, site
from test_index import STEPS, _edit, _files, step  # the same edits as the index test

TODAY = "2021-06-01"


def tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture
def counted(monkeypatch):
    """The pages rendered (here or in a worker forked from here), not taken as they were."""
    calls: list[str] = []
    original = site._render_all

    def render_all(job, todo, jobs, progress):
        calls.extend(job.pages[i].path.as_posix() for i in todo)
        return original(job, todo, jobs, progress)

    monkeypatch.setattr(site, "_render_all", render_all)
    monkeypatch.setattr(checker, "CACHE_MIN_FILES", 0)
    return calls


def build(cli, root: Path, out: Path, *extra: str, ok: bool = True) -> int:
    result = cli("build", "--root", root, "-o", out, "--today", TODAY, "--force", *extra)
    assert result.exit_code == 0 or not ok, result.stderr
    return result.exit_code


def fresh_build(cli, root: Path, tmp_path: Path, name: str, *extra: str) -> dict[str, bytes]:
    copy = tmp_path / f"copy-{name}"
    shutil.rmtree(copy, ignore_errors=True)
    shutil.copytree(root, copy, ignore=shutil.ignore_patterns(".ensomhed-cache"))
    if build(cli, copy, tmp_path / f"fresh-{name}", *extra, ok=False):
        return {}
    return tree(tmp_path / f"fresh-{name}")


def site_step(root: Path, rng: random.Random, clock: Clock) -> str:
    """One change, chosen at random among the index test's and those that change what
    decides which files a page reads (a case number, a reference, a date, a start) or only
    what some pages show (a description, an action's due date)."""
    choice = rng.choice(("index test", "description", "meeting text", "due", "case", "reference", "date", "start", "plan title"))
    if choice == "index test":
        return step(root, rng, clock, tuple(s for s in STEPS if s != "break"))
    meeting = rng.choice(_files(root, "meetings"))
    target = meeting
    if choice == "description":
        done = _edit(meeting, "    description: |\n      ", f"    description: |\n      Rettet {rng.randint(1, 999)}. ")
    elif choice == "meeting text":  # the Markdown after the front matter: the meeting's description
        meeting.write_text(meeting.read_text(encoding="utf-8") + f"\nRettet {rng.randint(1, 999)}.\n", encoding="utf-8")
        done = meeting.suffix == ".md"
    elif choice == "due":
        done = _edit(meeting, "        due: 20", "        due: 19")
    elif choice == "case":
        other = rng.choice(_files(root, "meetings"))
        number = re.search(r'case: "([^"]+)"', other.read_text(encoding="utf-8"))
        done = bool(number) and _edit(meeting, "  - title: ", f'  - case: "{number.group(1)}"\n    title: ')
    elif choice == "reference":
        plan = rng.choice(_files(root, "plans")).stem
        done = _edit(meeting, "  - title: ", f"  - plans: [{plan}]\n    title: ")
    elif choice == "date":  # a year earlier: another place among the body's meetings
        done = _sub(meeting, r"(?m)^date: (\d{4})", lambda m: f"date: {int(m.group(1)) - 1}")
    elif choice == "start":  # a minute earlier: the order of meetings on the same day
        done = _sub(meeting, r"(?m)^start: (\d\d):00", lambda m: f"start: {int(m.group(1)) - 1:02}:59")
    else:
        target = rng.choice(_files(root, "plans"))
        done = _edit(target, '\ntitle: "', f'\ntitle: "Ny {rng.randint(1, 99)} ')
    if done:
        clock.touch(target)
    return f"{choice} {target.name}" if done else f"{choice} (nothing to change)"


def _sub(path: Path, pattern: str, replace) -> bool:
    text = path.read_text(encoding="utf-8")
    changed = re.sub(pattern, replace, text, count=1)
    path.write_text(changed, encoding="utf-8")
    return changed != text


@pytest.mark.parametrize("public", [False, True])
def test_a_rebuild_after_edits_is_a_full_build_byte_for_byte(cli, tmp_path, counted, monkeypatch, public):
    monkeypatch.setattr(site, "PARALLEL_MIN_PAGES", 10)  # the workers too, on a small site
    monkeypatch.setattr(page_cache, "BULK_KEYS", 0 if public else 10**6)  # pages keyed by the index's maps, or by asking it
    clock = Clock()
    root = generate(tmp_path / "gen", 80, seed=5, clock=clock)
    extra = ("--public",) if public else ()
    out = tmp_path / "site"
    build(cli, root, out, *extra)
    pages = len(counted)
    assert tree(out) == fresh_build(cli, root, tmp_path, "0", *extra)
    counted.clear()
    build(cli, root, out, *extra)  # nothing changed: nothing rendered, the index page neither
    assert counted == []
    rng = random.Random(4)
    built = 0
    for n in range(1, 17):
        done = site_step(root, rng, clock)
        counted.clear()
        if build(cli, root, out, *extra, ok=False):  # the edit made an error: nothing built, by either
            assert fresh_build(cli, root, tmp_path, str(n), *extra) == {}, done
            continue
        built += 1
        again = len(counted)
        assert tree(out) == fresh_build(cli, root, tmp_path, str(n), *extra), done
        if "(nothing to change)" in done:
            assert again == 0, done
    assert pages > 20 and built >= 3


def test_a_template_changed_renders_every_page_again(cli, tmp_path, counted):
    root = generate(tmp_path / "gen", 40, seed=6, clock=Clock())
    out = tmp_path / "site"
    build(cli, root, out)
    pages = len(counted)
    templates = root / "templates"
    templates.mkdir(exist_ok=True)
    builtin = Path(site.__file__).resolve().parent.parent / "templates" / "_layout.html.j2"
    (templates / "_layout.html.j2").write_text(builtin.read_text(encoding="utf-8").replace("</main>", "<p>Ny skabelon</p></main>"), encoding="utf-8")
    counted.clear()
    build(cli, root, out)
    assert len(counted) == pages
    assert tree(out) == fresh_build(cli, root, tmp_path, "t")
    assert any(b"Ny skabelon" in data for data in tree(out).values())


def built_site(cli, tmp_path: Path, counted: list[str]) -> tuple[Clock, Path, Path, int]:
    """80 generated records built once: (their clock, the root, the site, how many pages)."""
    clock = Clock()
    root = generate(tmp_path / "gen", 80, seed=7, clock=clock)
    out = tmp_path / "site"
    build(cli, root, out)
    return clock, root, out, len(counted)


def test_an_edit_renders_only_the_pages_that_read_it(cli, tmp_path, counted):
    clock, root, out, pages = built_site(cli, tmp_path, counted)
    meeting = next(p for p in _files(root, "meetings") if "status: held" in p.read_text(encoding="utf-8") and "        status: open" in p.read_text(encoding="utf-8"))
    counted.clear()
    assert _edit(meeting, "    description: |\n      ", "    description: |\n      Rettet. ")  # text the index page does not show
    clock.touch(meeting)
    build(cli, root, out)
    assert {f"agenda/{meeting.stem}.html", f"minutes/{meeting.stem}.html"} <= set(counted)
    assert "index.html" not in counted and len(counted) < pages / 4, counted
    assert tree(out) == fresh_build(cli, root, tmp_path, "text")
    counted.clear()
    meeting.write_text(meeting.read_text(encoding="utf-8") + "\nEt afsnit mere.\n", encoding="utf-8")  # its description
    clock.touch(meeting)
    build(cli, root, out)
    assert sorted(counted) == [f"agenda/{meeting.stem}.html", f"minutes/{meeting.stem}.html"]  # only its own pages show it
    assert tree(out) == fresh_build(cli, root, tmp_path, "description")
    counted.clear()
    assert _edit(meeting, "        status: open", "        status: done\n        done_on: 2021-05-01")  # it leaves the follow-up list
    clock.touch(meeting)
    build(cli, root, out)
    assert "index.html" in counted and len(counted) < pages / 4, counted
    assert tree(out) == fresh_build(cli, root, tmp_path, "action")


@pytest.mark.parametrize("repository", ["bundled", "generated"])
def test_a_page_links_only_to_records_whose_files_it_reads(cli, tmp_path, monkeypatch, repository):
    """What lets a page's key leave out which pages the site has: a link that has a target
    goes to a record whose file is in the key. (One asked and without a target, as a
    neighbour without minutes, names a record that exists: it gets a page only by a change of
    its status, and a change of status keys every page again, render/page_cache.py.)"""
    if repository == "bundled":
        root = tmp_path / "bundled"
        shutil.copytree(PROJECT / "records", root / "records")
        shutil.copy(PROJECT / "ensomhed.yaml", root / "ensomhed.yaml")
    else:
        root = generate(tmp_path / "gen", 120, seed=11, clock=Clock())
    monkeypatch.setattr(site, "PARALLEL_MIN_PAGES", 10**9)  # every page rendered here, where it is watched
    asked: dict[str, set[tuple[str, bool]]] = {}
    rendering: list[str] = []
    render_page, builder = site._render_page, site.ContextBuilder

    def watched_render_page(job, page):
        rendering[:] = [page.rel]
        return render_page(job, page)

    def watched_builder(*args, link, **kwargs):
        def watched_link(kind, record_id):
            href = link(kind, record_id)
            if record_id is not None:
                asked.setdefault(rendering[0], set()).add((record_id, href is not None))
            return href

        return builder(*args, link=watched_link, **kwargs)

    found: dict[str, tuple[set[str] | None, list[tuple[str, bool, str | None]]]] = {}
    put = page_cache.PageCache.put

    def kept_put(self, rendered, current):
        for page, ids in asked.items():
            found[page] = (self.reads[page], [(record_id, linked, self.closure.path(record_id)) for record_id, linked in ids])
        return put(self, rendered, current)

    monkeypatch.setattr(site, "_render_page", watched_render_page)
    monkeypatch.setattr(site, "ContextBuilder", watched_builder)
    monkeypatch.setattr(page_cache.PageCache, "put", kept_put)
    build(cli, root, tmp_path / "site")
    links = 0
    for page, (reads, paths) in found.items():
        if page == "index.html":
            assert reads is None  # it reads every file
            continue
        for record_id, linked, path in paths:
            assert path is not None, (page, record_id)
            assert path in reads or not linked, (page, record_id, path)
            links += linked
    assert len(found) > (5 if repository == "bundled" else 100) and links > len(found)


def test_a_meeting_added_renders_its_pages_and_those_that_read_it(cli, tmp_path, counted):
    clock, root, out, pages = built_site(cli, tmp_path, counted)
    meeting = next(p for p in _files(root, "meetings") if "status: held" in p.read_text(encoding="utf-8"))
    added = meeting.with_name(meeting.stem + "-ny" + meeting.suffix)
    text = meeting.read_text(encoding="utf-8")
    added.write_text(re.sub(r"(?m)^date: (\d{4})-(\d\d)-(\d\d)", lambda m: f"date: {m.group(1)}-{m.group(2)}-{int(m.group(3)) % 28 + 1:02}", text, count=1), encoding="utf-8")
    clock.touch(added)
    counted.clear()
    build(cli, root, out)
    assert {f"agenda/{added.stem}.html", f"minutes/{added.stem}.html", "index.html"} <= set(counted)
    assert len(counted) < pages / 4, counted
    assert tree(out) == fresh_build(cli, root, tmp_path, "added")
    counted.clear()
    added.unlink()
    build(cli, root, out)
    assert len(counted) < pages / 4, counted
    assert tree(out) == fresh_build(cli, root, tmp_path, "removed")


@pytest.mark.parametrize("forged", ["readers", "reads", "generation"])
def test_a_damaged_build_state_costs_only_the_reuse(cli, tmp_path, counted, forged):
    import sqlite3

    clock = Clock()
    root = generate(tmp_path / "gen", 40, seed=9, clock=clock)
    out = tmp_path / "site"
    build(cli, root, out)
    with sqlite3.connect(root / ".ensomhed-cache" / "index.sqlite") as db:
        if forged == "readers":
            db.execute("UPDATE _site_readers SET pages = 'ikke json'")
        elif forged == "reads":
            db.execute("UPDATE _site_reads SET paths = '{\"a\": 1}'")
        else:
            db.execute("UPDATE _site_meta SET generation = 'x'")
    meeting = _files(root, "meetings")[0]
    assert _edit(meeting, "    description: |\n      ", "    description: |\n      Rettet. ")
    clock.touch(meeting)
    build(cli, root, out)
    assert tree(out) == fresh_build(cli, root, tmp_path, forged)
    counted.clear()
    build(cli, root, out)  # the state was stored anew: nothing to render
    assert counted == []
