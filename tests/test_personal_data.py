"""Personal data (format 1.2, the `personal-data` rules): CPR numbers are errors everywhere;
phone numbers, e-mail addresses and words of health, social or criminal matters next to a
person's name, or in an absence reason, are warnings; public outputs refuse while any stands
in what they would publish. And no false alarm on what minutes are full of: case numbers,
amounts, dates, times, paragraphs, addresses, statements about groups.
"""

from __future__ import annotations

import json

import pytest

from conftest import PROJECT, located
from ensomhed_cli.api import load

M = "records/meetings/m.yaml"
HELD = "kind: meeting\nbody: aeldreraadet\ndate: 2024-03-04\nstatus: held\n"  # lines 1-4


def codes(check, text: str, extra: dict | None = None, config: str = "language: da\n") -> list[tuple]:
    _, diagnostics = check({M: text, **(extra or {})}, config=config)
    return [(d[1], d[2], d[3], d[4]) for d in located(diagnostics) if d[4].startswith("personal-data")]


# --- CPR numbers: an error wherever they stand -------------------------------------------------

CPR_PLACES = [
    ("item-text", HELD + "items:\n  - title: a\n    description: Borgerens CPR-nr. er 010203-1234.\n", (7, 39)),
    ("ten-digits", HELD + "items:\n  - title: a\n    description: CPR 0102031234 oplyst.\n", (7, 22)),
    ("with-a-space", HELD + "items:\n  - title: a\n    description: CPR 010203 1234 oplyst.\n", (7, 22)),
    ("decision", HELD + "items:\n  - title: a\n    decision: Bevilget til 311299-4321.\n", (7, 28)),
    ("item-title", HELD + "items:\n  - title: Sag om 010203-1234\n", (6, 19)),
    ("attachment-title", HELD + "items:\n  - title: a\n    attachments:\n      - {title: Journal 010203-1234, url: 'https://x.dk/a'}\n", (8, 25)),
    ("attachment-file-name", HELD + "items:\n  - title: a\n    attachments:\n      - {title: Journal, path: bilag/010203-1234.pdf}\n", (8, 38)),
    ("closed-item", HELD + "items:\n  - title: a\n    closed: true\n    description: Borgeren 010203-1234.\n", (8, 27)),
    ("closed-block", HELD + "items:\n  - title: a\n    description: |\n      ::: lukket\n      Borgeren 010203-1234.\n      :::\n", (9, 16)),
    ("block-scalar-later-line", HELD + "items:\n  - title: a\n    decision: |\n      Udvalget besluttede at bevilge.\n      Sagen vedrører 120378-1122.\n", (9, 22)),
]


@pytest.mark.parametrize("text, place", [c[1:] for c in CPR_PLACES], ids=[c[0] for c in CPR_PLACES])
def test_a_cpr_number_is_an_error_wherever_it_stands(check, text, place):
    assert codes(check, text) == [(*place, "error", "personal-data-cpr")]


def test_a_cpr_number_in_the_markdown_body_and_in_other_kinds(check):
    _, diagnostics = check({
        "records/people/cpr.md": "---\nkind: person\nname: Jens Hansen\n---\nFødt 010203-1234.\n",
        "records/initiatives/i.yaml": "kind: initiative\ntitle: Besøg\nstatus: active\ncategory: community\n"
        "reach:\n  - {date: 2024-01-01, note: borger 020304-2345}\n",
    })
    assert [(d.path, d.line, d.column, d.code) for d in diagnostics if d.code.startswith("personal-data")] == [
        ("records/initiatives/i.yaml", 6, 37, "personal-data-cpr"),
        ("records/people/cpr.md", 5, 6, "personal-data-cpr"),
    ]


def test_the_message_never_repeats_the_number(check):
    _, diagnostics = check({M: HELD + "items:\n  - title: a\n    description: CPR 010203-1234.\n"})
    [d] = [d for d in diagnostics if d.code == "personal-data-cpr"]
    assert "010203" not in d.message and "1234" not in d.message
    assert d.message.startswith("et CPR-nummer (01••••-••••)")


NOT_CPR = [
    ("day-32", "Nummer 3201031234 er ingen dato."),
    ("month-13", "Nummer 0113031234 er ingen dato."),
    ("eleven-digits", "Kontonummer 01020312345."),
    ("case-number", "Sagsnr. 26-10231 og 27.12.06-A00-1-24."),
    ("amount", "Der bevilges 1.020.312.345 kr."),
    ("iso-date-and-time", "Mødet 2024-03-04 kl. 16.00-18.30."),
]


@pytest.mark.parametrize("text", [c[1] for c in NOT_CPR], ids=[c[0] for c in NOT_CPR])
def test_ten_digits_that_are_no_cpr_number(check, text):
    assert codes(check, HELD + f"items:\n  - title: a\n    description: {text}\n") == []


def test_privacy_allow_lets_a_p_number_through(check):
    text = HELD + "items:\n  - title: a\n    description: P-nummer 1003388354 på plejecentret.\n"
    assert [c[3] for c in codes(check, text)] == ["personal-data-cpr"]  # 10.03.38: a valid date
    assert codes(check, text, config="language: da\nprivacy:\n  allow: ['1003388354']\n") == []


# --- phone, e-mail, health: warnings next to a name, or in an absence reason -------------------------

NEAR_A_NAME = [
    ("phone", "Jens Hansen kan kontaktes på 23 45 67 89.", ["personal-data-phone"]),
    ("phone-with-country-code", "Ring til Hanne på +45 23456789.", ["personal-data-phone"]),
    ("e-mail", "Lise skriver fra lise.holm@example.dk om det.", ["personal-data-email"]),
    ("diagnosis", "Borgeren Jens Hansen har diagnosen skizofreni.", ["personal-data-health", "personal-data-health"]),
    ("placed", "Karen er anbragt på et bosted.", ["personal-data-health"]),
    ("convicted", "Peter er dømt for vold.", ["personal-data-health"]),
    ("abuse", "Per Nielsen har et misbrug.", ["personal-data-health"]),
]


@pytest.mark.parametrize("text, expected", [c[1:] for c in NEAR_A_NAME], ids=[c[0] for c in NEAR_A_NAME])
def test_next_to_a_name_is_a_warning(check, text, expected):
    found = codes(check, HELD + f"items:\n  - title: a\n    description: {text}\n")
    assert [(f[2], f[3]) for f in found] == [("warning", code) for code in expected]


def test_in_an_absence_reason_is_a_warning_without_a_name(check):
    text = HELD + "absent:\n  - {person: bo, reason: indlagt med blodprop i hjernen}\nitems:\n  - title: a\n    absent:\n      - {person: anna, reason: sygemeldt}\n"
    assert codes(check, text) == [
        (6, 26, "warning", "personal-data-health"),
        (6, 38, "warning", "personal-data-health"),
        (10, 32, "warning", "personal-data-health"),
    ]


NOT_PERSONAL = [
    ("group-statement", "Tilbuddet er for borgere med demens og psykisk sårbare borgere."),
    ("a-diagnosis-no-name", "En borger med diagnosen skizofreni fik tilbud om en bostøtte."),
    ("name-and-numbers", "Jens Hansen fremlagde budgettet på 400.000 kr. for 2024 2025, sag 26/10231, § 79."),
    ("name-and-address", "Lise Holm viste rundt på Rådhusvej 1, 3600 Frederikssund, kl. 14.00."),
    ("name-and-date", "Hanne Friis orienterede den 2024-03-04 om punkt 12."),
    ("sentence-apart", "Jens Hansen fremlagde sagen.\nNogle borgere er indlagt i perioder."),
    ("per-as-a-word", "Per måned bruges 20.000 kr. på indlagte borgeres besøg."),
]


@pytest.mark.parametrize("text", [c[1] for c in NOT_PERSONAL], ids=[c[0] for c in NOT_PERSONAL])
def test_what_minutes_are_full_of_is_no_personal_data(check, text):
    assert codes(check, HELD + "items:\n  - title: a\n    description: |\n      " + text.replace("\n", "\n      ") + "\n") == []


def test_closed_text_and_privacy_allow_hold_back_the_warning(check):
    closed = HELD + "items:\n  - title: a\n    description: |\n      Sagen behandles.\n\n      ::: lukket\n      Jens Hansen har diagnosen skizofreni.\n      :::\n"
    assert codes(check, closed) == []
    closed_item = HELD + "items:\n  - title: a\n    closed: true\n    description: Jens Hansen har diagnosen skizofreni.\n"
    assert codes(check, closed_item) == []
    switchboard = HELD + "items:\n  - title: a\n    description: Lise træffes på 46 11 30 00.\n"
    assert codes(check, switchboard, config="language: da\nprivacy:\n  allow: ['46 11 30 00']\n") == []


def test_messages_in_english(check):
    text = HELD + "items:\n  - title: a\n    description: Jens is admitted (indlagt) now.\n"
    _, diagnostics = check({M: text}, config="language: en\n")
    [d] = [d for d in diagnostics if d.code.startswith("personal-data")]
    assert d.message.startswith("a detail of health, social or criminal matters (»indlagt«) in the same sentence as the name Jens")


def test_a_record_with_schema_errors_is_read_for_personal_data_too(check):
    text = HELD + "atendees: [anna]\nitems:\n  - title: a\n    description: CPR 010203-1234.\n"
    _, diagnostics = check({M: text})
    assert {"unknown-key", "personal-data-cpr"} <= {d.code for d in diagnostics}


def test_the_bundled_records_and_fixtures_hold_no_personal_data():
    for root in (PROJECT, PROJECT / "tests" / "fixtures" / "referat"):
        _, diagnostics = load(root)
        assert [d for d in diagnostics if d.code.startswith("personal-data")] == [], root


# --- public output refuses -------------------------------------------------------------------------


@pytest.fixture
def leaky(repo_factory):
    text = HELD + "items:\n  - title: a\n    decision: Jens Hansen kan kontaktes på 23 45 67 89.\n"
    return repo_factory({M: text})


@pytest.mark.parametrize(
    "args",
    [
        ("render", "minutes", "m", "--public"),
        ("build", "--public", "-o", "{out}"),
        ("export", "{out}", "--public"),
        ("calendar", "-o", "{out}.ics"),
    ],
    ids=["render", "build", "export", "calendar"],
)
def test_public_output_refuses_while_personal_data_stands(leaky, cli, tmp_path, args):
    out = tmp_path / "out"
    result = cli(*[a.replace("{out}", str(out)) for a in args], "--root", leaky)
    assert result.exit_code == 1
    assert "records/meetings/m.yaml:7:44: warning: et telefonnummer (23 •• •• ••) i samme sætning som navnet Jens" in result.stderr
    assert "fund af personoplysninger i det, der skulle offentliggøres; intet er offentliggjort" in result.stderr
    assert not out.exists() and not (tmp_path / "out.ics").exists()


def test_internal_output_is_made_all_the_same(leaky, cli, tmp_path):
    assert cli("render", "minutes", "m", "--root", leaky).exit_code == 0
    assert cli("build", "-o", tmp_path / "intern", "--root", leaky).exit_code == 0


def test_a_public_render_reads_only_the_files_it_publishes(repo_factory, cli):
    """Personal data in another meeting does not stop this one's public minutes."""
    leak = HELD + "items:\n  - title: a\n    decision: Jens Hansen kan kontaktes på 23 45 67 89.\n"
    root = repo_factory({M: HELD + "items:\n  - {title: a, decision: Godkendt.}\n", "records/meetings/n.yaml": leak})
    assert cli("render", "minutes", "m", "--root", root, "--public").exit_code == 0
    assert cli("render", "minutes", "n", "--root", root, "--public").exit_code == 1


def test_a_public_export_holds_no_email_address(repo_factory, cli, tmp_path):
    root = repo_factory({"records/people/eva.yaml": "kind: person\nname: Eva Friis\nemail: eva@example.dk\n"})
    out = tmp_path / "eksport"
    assert cli("export", out, "--root", root, "--public", "--format", "csv,jsonl").exit_code == 0
    assert "eva@example.dk" not in (out / "people.csv").read_text(encoding="utf-8")
    assert all(json.loads(line)["email"] is None for line in (out / "people.jsonl").read_text(encoding="utf-8").splitlines())
    internal = tmp_path / "intern"
    assert cli("export", internal, "--root", root).exit_code == 0
    assert "eva@example.dk" in (internal / "people.csv").read_text(encoding="utf-8")
