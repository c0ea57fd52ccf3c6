"""Attachments a hostile record could point at: nothing private or outside is linked or copied.

A record's `path` is judged where it really leads (links and `..` resolved): a dotfile
or dot-folder (.git, the cache), a raw record, something outside the repository or not
a regular file is an error in `check`, gets no link and is never copied. An href is
built only from the checked path, percent-encoded; a `url` is https, http or mailto.
"""

from __future__ import annotations

import os

import pytest

from conftest import write_repo
from ensomhed_cli.api import build_site, load, render_document
from ensomhed_cli.check.attachments import (
    attachment_file,
    file_href,
    site_file,
    site_path,
    url_allowed,
)

BODY = "kind: body\nname: Råd\ntype: advisory_council\n"
PRIVATE = "`{raw}` må ikke bruges som bilag, for den offentliggøres aldrig (en fil eller mappe, hvis navn begynder med punktum, som .git, eller en post under records/): læg bilaget i en anden mappe"


def meeting(attachment: str) -> str:
    return f"""
        kind: meeting
        body: raad
        date: 2024-01-10
        status: held
        items:
          - title: Punkt
            attachments:
              - {attachment}
        """


def repository(tmp_path, attachment: str, extra: dict | None = None):
    files = {
        "records/raad.yaml": BODY,
        "records/m.yaml": meeting(attachment),
        ".git/config": "[remote] url = https://token@example.org\n",
        ".ensomhed-cache/check.json": "{}",
        ".env": "PASSWORD=hemmelig\n",
        "bilag/.skjult.pdf": "%PDF skjult",
        "bilag/aaben.pdf": "%PDF aaben",
        **(extra or {}),
    }
    return write_repo(tmp_path / "r", files)


@pytest.mark.parametrize(
    "raw, status",
    [
        (".git/config", "private"),
        (".env", "private"),
        (".ensomhed-cache/check.json", "private"),
        ("bilag/.skjult.pdf", "private"),
        ("records/raad.yaml", "private"),
        ("bilag/../records/raad.yaml", "private"),
        ("bilag/../.git/config", "private"),
        ("bilag", "not-a-file"),
        ("../r/bilag/aaben.pdf", "ok"),
        ("../../etc/passwd", "outside"),
        ("/etc/passwd", "absolute"),
        ("~/x.pdf", "absolute"),
        ("  ", "empty"),
        ("bilag/mangler.pdf", "missing"),
        ("bilag/aaben.pdf", "ok"),
    ],
)
def test_where_a_path_really_leads_decides(tmp_path, raw, status):
    root = repository(tmp_path, "{title: B, path: bilag/aaben.pdf}")
    assert attachment_file(root, raw)[0] == status


def test_a_link_to_a_private_file_is_private(tmp_path):
    root = repository(tmp_path, "{title: B, path: bilag/config.pdf}")
    (root / "bilag" / "config.pdf").symlink_to(root / ".git" / "config")
    (root / "bilag" / "fifo.pdf").unlink(missing_ok=True)
    os.mkfifo(root / "bilag" / "fifo.pdf")
    assert attachment_file(root, "bilag/config.pdf") == ("private", None)
    assert attachment_file(root, "bilag/fifo.pdf") == ("not-a-file", None)


@pytest.mark.parametrize("raw", [".git/config", "bilag/.skjult.pdf", "records/raad.yaml", "bilag/../.env", ".ensomhed-cache/check.json"])
def test_check_refuses_a_private_path_and_build_never_copies_it(tmp_path, raw, cli):
    root = repository(tmp_path, f"{{title: Bilag, path: '{raw}'}}")
    _, diagnostics = load(root)
    assert [(d.path, d.line, d.column, d.code, d.message) for d in diagnostics] == [
        ("records/m.yaml", 8, 30, "attachment-path", PRIVATE.format(raw=raw)),
    ]
    result = cli("check", "--root", root)
    assert result.exit_code == 1
    # Even rendered without check (the library, a record shown elsewhere): no link, no copy.
    repo, _ = load(root)
    site = tmp_path / "site"
    written = build_site(repo, site, output="html")
    assert not (site / "attachments").exists()
    minutes = (site / "minutes" / "m.html").read_text(encoding="utf-8")
    assert "<li>Bilag 1: Bilag</li>" in minutes and "attachments/" not in minutes
    assert all("attachments" not in p.parts for p in written)


def test_a_path_shaped_like_a_script_never_becomes_a_script_href(tmp_path):
    raw = "javascript:alert(1)//../bilag/aaben.pdf"
    root = repository(tmp_path, f"{{title: Bilag, path: '{raw}'}}")
    repo, diagnostics = load(root)
    assert diagnostics == []  # it leads to bilag/aaben.pdf, a file that may be published
    html = render_document(repo, "minutes", "m", output="html")
    assert 'href="bilag/aaben.pdf"' in html and "javascript" not in html.split("<main", 1)[-1].split("Bilag")[0]
    site = tmp_path / "site"
    build_site(repo, site, output="html")
    minutes = (site / "minutes" / "m.html").read_text(encoding="utf-8")
    assert 'href="../attachments/bilag/aaben.pdf"' in minutes and 'href="javascript' not in minutes


def test_hrefs_are_percent_encoded_and_files_copied_under_their_own_names(tmp_path):
    name = "bilag/møde referat #1?.pdf"
    root = repository(tmp_path, f"{{title: Bilag, path: '{name}'}}", {name: "%PDF møde"})
    assert file_href("bilag/møde referat #1?.pdf") == "bilag/m%C3%B8de%20referat%20%231%3F.pdf"
    repo, diagnostics = load(root)
    assert diagnostics == []
    site = tmp_path / "site"
    build_site(repo, site, output="html")
    minutes = (site / "minutes" / "m.html").read_text(encoding="utf-8")
    assert 'href="../attachments/bilag/m%C3%B8de%20referat%20%231%3F.pdf"' in minutes
    assert (site / "attachments" / name).read_text(encoding="utf-8") == "%PDF møde"
    md = render_document(repo, "minutes", "m", output="md")
    assert "[Bilag](<bilag/m%C3%B8de%20referat%20%231%3F.pdf>)" in md


@pytest.mark.parametrize(
    "url, allowed",
    [
        ("https://x.dk/b.pdf", True),
        ("HTTP://x.dk/b.pdf", True),
        ("mailto:sekretariat@kommune.dk", True),
        ("javascript:alert(1)", False),
        ("java\tscript:alert(1)", False),
        (" javascript:alert(1)", False),
        ("data:text/html,<script>alert(1)</script>", False),
        ("file:///etc/passwd", False),
        ("x.dk/b.pdf", False),
    ],
)
def test_only_https_http_and_mailto_addresses_are_links(url, allowed):
    assert url_allowed(url) is allowed


def test_check_refuses_a_script_url_and_no_output_links_it(tmp_path):
    root = repository(tmp_path, "{title: Klik, url: 'javascript:alert(1)'}")
    repo, diagnostics = load(root)
    assert [(d.line, d.column, d.code, d.message) for d in diagnostics] == [
        (8, 28, "invalid-url", "`javascript:alert(1)` er ikke en adresse, der begynder med https:, http: eller mailto:"),
    ]
    # The meeting has an error but is still loaded: no document may turn its url into a link.
    for output in ("html", "md"):
        text = render_document(repo, "minutes", "m", output=output)
        assert "Klik" in text and "](<javascript" not in text and 'href="javascript' not in text


def test_a_mail_address_is_a_link(tmp_path):
    root = repository(tmp_path, "{title: Skriv til os, url: 'mailto:sekretariat@kommune.dk'}")
    repo, diagnostics = load(root)
    assert diagnostics == []
    assert '<a href="mailto:sekretariat@kommune.dk">Skriv til os</a>' in render_document(repo, "minutes", "m", output="html")


def test_a_url_cannot_break_out_of_its_markdown_link(tmp_path):
    root = repository(tmp_path, '{title: Bilag, url: "https://x.dk/a>\\n# Falsk overskrift\\n<b"}')
    repo, _ = load(root)
    md = render_document(repo, "minutes", "m", output="md")
    assert "[Bilag](<https://x.dk/a%3E%0A#%20Falsk%20overskrift%0A%3Cb>)" in md
    assert "\n# Falsk overskrift" not in md


def test_files_in_the_repositorys_own_attachments_folder_keep_their_path_on_the_site(tmp_path):
    """attachments/ansoegning.pdf is published as attachments/ansoegning.pdf, not
    attachments/attachments/…; a file at the shorter path (ansoegning.pdf at the root)
    would claim that place, so then the longer one is kept and the two never meet."""
    files = {
        "records/raad.yaml": BODY,
        "records/m.yaml": """
            kind: meeting
            body: raad
            date: 2024-01-10
            status: held
            items:
              - title: Punkt
                attachments:
                  - {title: Ansøgning, path: attachments/ansoegning.pdf}
                  - {title: Notat, path: attachments/notat.pdf}
                  - {title: Det andet notat, path: notat.pdf}
                  - {title: Bilag, path: bilag/aaben.pdf}
            """,
        "attachments/ansoegning.pdf": "%PDF ansøgning",
        "attachments/notat.pdf": "%PDF notat i attachments",
        "notat.pdf": "%PDF notat i roden",
        "bilag/aaben.pdf": "%PDF aaben",
    }
    repo, diagnostics = load(write_repo(tmp_path / "repo", files))
    assert diagnostics == []
    site = tmp_path / "site"
    build_site(repo, site, output="html")
    minutes = (site / "minutes" / "m.html").read_text(encoding="utf-8")
    assert 'href="../attachments/ansoegning.pdf"' in minutes
    assert (site / "attachments/ansoegning.pdf").read_text() == "%PDF ansøgning"
    assert not (site / "attachments/attachments/ansoegning.pdf").exists()
    # notat.pdf at the root claims attachments/notat.pdf; the one in attachments/ keeps its full path
    assert (site / "attachments/notat.pdf").read_text() == "%PDF notat i roden"
    assert (site / "attachments/attachments/notat.pdf").read_text() == "%PDF notat i attachments"
    assert 'href="../attachments/attachments/notat.pdf"' in minutes and 'href="../attachments/notat.pdf"' in minutes
    assert (site / "attachments/bilag/aaben.pdf").read_text() == "%PDF aaben"
    # and site_file leads each place back to its file
    for rel in ("attachments/ansoegning.pdf", "attachments/notat.pdf", "notat.pdf", "bilag/aaben.pdf"):
        assert site_file(repo.root, site_path(repo.root, rel).removeprefix("attachments/")) == rel
