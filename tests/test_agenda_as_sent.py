"""The dagsorden as sent (format 1.2): a meeting with `agenda_sent` in a git repository is
rendered as its file stood at the last commit on or before that day, with a note of what
changed since; without git, or without such a commit, as it stands today, saying so.
Real git repositories in tmp_path, commits dated with GIT_COMMITTER_DATE.
"""

from __future__ import annotations

import shutil
import sqlite3
import subprocess
from pathlib import Path

import pytest

from conftest import BASE, GIT_ENV, write_repo
from test_cache import age

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")

M = "records/meetings/2024-03-04-aeldreraadet.md"
MEETING = """\
---
kind: meeting
body: aeldreraadet
date: 2024-03-04
status: planned
agenda_sent: 2024-02-26
items:
  - number: 12
    title: Ensomhedsplanen
    type: decision
    recommendation: At planen godkendes.
  - number: 13
    title: Tilskud til foreningen
    type: decision
    description: Foreningen søger 40.000 kr.
---
"""


def commit(root: Path, message: str, when: str) -> None:
    env = {**GIT_ENV, "GIT_COMMITTER_DATE": when, "GIT_AUTHOR_DATE": when}
    subprocess.run(["git", "add", "-A"], cwd=root, env=env, check=True)
    subprocess.run(["git", "commit", "-qm", message], cwd=root, env=env, check=True)


def edit(root: Path, old: str, new: str) -> None:
    path = root / M
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.fixture
def sent(tmp_path):
    """The agenda committed the day it was sent (an evening in Copenhagen), then changed."""
    root = write_repo(tmp_path / "repo", {**BASE, M: MEETING})
    subprocess.run(["git", "init", "-q", "-b", "main"], cwd=root, env=GIT_ENV, check=True)
    commit(root, "dagsorden udsendt", "2024-02-26T22:30:00+01:00")
    edit(root, "At planen godkendes.", "At planen godkendes med rådets to ændringer.")
    commit(root, "indstilling ændret", "2024-02-28T09:00:00+01:00")
    return root


def page_keys(root: Path) -> dict[str, str]:
    with sqlite3.connect(root / ".ensomhed-cache" / "index.sqlite") as db:
        return dict(db.execute("SELECT page, key FROM _pages"))


def agenda(cli, root, *args: str):
    return cli("render", "agenda", "2024-03-04-aeldreraadet", "--root", root, *args)


def test_the_agenda_is_shown_as_it_was_sent(sent, cli):
    result = agenda(cli, sent)
    assert result.exit_code == 0, result.stderr
    text = result.stdout
    assert "*Dagsordenen er vist, som den blev sendt ud den 26. februar 2024. Ændret siden: punkt 12 (indstilling).*" in text
    assert "At planen godkendes.\n" in text and "to ændringer" not in text
    assert result.stderr == ""
    english = agenda(cli, sent, "--lang", "en").stdout
    assert "*This agenda is shown as it was sent out on 26 February 2024. Changed since: item 12 (recommendation).*" in english
    html = agenda(cli, sent, "--format", "html").stdout
    assert '<p class="as-sent">Dagsordenen er vist, som den blev sendt ud den 26.' in html and "to ændringer" not in html


def test_the_minutes_are_todays(sent, cli):
    edit(sent, "status: planned", "status: held")
    edit(sent, "    recommendation: At planen godkendes med rådets to ændringer.\n",
         "    recommendation: At planen godkendes med rådets to ændringer.\n    decision: Godkendt.\n")
    edit(sent, "    description: Foreningen søger 40.000 kr.\n", "    description: Foreningen søger 40.000 kr.\n    decision: Bevilget.\n")
    text = cli("render", "minutes", "2024-03-04-aeldreraadet", "--root", sent).stdout
    assert "to ændringer" in text and "sendt ud" not in text


def test_items_added_and_removed_since(sent, cli):
    edit(sent, "  - number: 13\n    title: Tilskud til foreningen\n    type: decision\n    description: Foreningen søger 40.000 kr.\n",
         "  - number: 14\n    title: Eventuelt\n")
    text = agenda(cli, sent).stdout
    assert "Ændret siden: punkt 12 (indstilling); punkt 14 tilføjet; punkt 13 fjernet.*" in text
    assert "Tilskud til foreningen" in text and "Eventuelt" not in text


def test_what_is_closed_today_is_closed_in_the_agenda_as_sent(sent, cli):
    edit(sent, "    description: Foreningen søger 40.000 kr.\n", "    description: Foreningen søger 40.000 kr.\n    closed: true\n")
    public = agenda(cli, sent, "--public").stdout
    assert "Tilskud til foreningen" in public and "40.000" not in public
    assert "40.000" in agenda(cli, sent).stdout  # internal output shows it, as sent


def test_a_day_ends_where_the_repository_is(sent, cli):
    """Committed at 00:30 Copenhagen time on the 27th: after the day it was sent."""
    edit(sent, "agenda_sent: 2024-02-26", "agenda_sent: 2024-02-25")
    result = agenda(cli, sent)
    assert "Den udsendte udgave findes ikke i git, så dagsordenen er vist, som den står i dag.*" in result.stdout
    assert "git har ingen version af filen fra den dag eller før" in result.stderr


def test_without_git_the_agenda_is_todays_and_says_so(tmp_path, cli):
    root = write_repo(tmp_path / "repo", {**BASE, M: MEETING})
    result = agenda(cli, root)
    assert result.exit_code == 0
    assert "*Dagsordenen blev sendt ud den 26. februar 2024. Den udsendte udgave findes ikke i git" in result.stdout
    assert "posterne ligger ikke i et git-repository" in result.stderr


def test_the_site_shows_the_agenda_as_sent_and_follows_a_commit_of_that_day(sent, cli, tmp_path, monkeypatch):
    from ensomhed_cli.check import incremental as checker

    monkeypatch.setattr(checker, "CACHE_MIN_FILES", 0)  # a build that keeps its pages, as at 200 records and more
    age(sent)  # files written a while ago: a page is kept only where its files' times can be trusted
    out = tmp_path / "site"
    assert cli("build", "--root", sent, "-o", out).exit_code == 0
    page = (out / "agenda" / "2024-03-04-aeldreraadet.html").read_text(encoding="utf-8")
    assert "to ændringer" not in page and "Ændret siden: punkt 12 (indstilling)." in page
    # The text is changed again and committed, dated as if on the day it was sent: the file
    # on disk does not change with the commit, yet the agenda as sent does.
    edit(sent, "rådets to ændringer", "rådets tre ændringer")
    age(sent)
    assert cli("build", "--root", sent, "-o", out).exit_code == 0
    assert "tre ændringer" not in (out / "agenda" / "2024-03-04-aeldreraadet.html").read_text(encoding="utf-8")
    commit(sent, "sendt igen samme dag", "2024-02-26T23:00:00+01:00")
    stored = page_keys(sent)
    assert cli("build", "--root", sent, "-o", out).exit_code == 0
    # only the agenda read the commit: the other pages stood as they were
    assert {page for page, key in page_keys(sent).items() if stored.get(page) != key} == {"agenda/2024-03-04-aeldreraadet.html"}
    assert (sent / ".ensomhed-cache" / "index.sqlite").is_file()
    page = (out / "agenda" / "2024-03-04-aeldreraadet.html").read_text(encoding="utf-8")
    assert "tre ændringer" in page and "Dagsordenen er vist, som den blev sendt ud" in page
    fresh = tmp_path / "fresh"  # a build with no cache at all says the same
    shutil.copytree(sent, fresh, ignore=shutil.ignore_patterns(".ensomhed-cache"))
    assert cli("build", "--root", fresh, "-o", tmp_path / "whole").exit_code == 0
    assert (tmp_path / "whole" / "agenda" / "2024-03-04-aeldreraadet.html").read_text(encoding="utf-8") == page
