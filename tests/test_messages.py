"""Golden messages: the Danish and English words of every diagnostic code, and docs/messages.md made from them.

Every case of message_cases.py is checked in each language, forced as `--lang` forces it;
what it says with its own code is compared with tests/golden/messages/{da,en}.txt, one
line per diagnostic: `case<TAB>severity<TAB>message`, sorted by case. docs/messages.md is
the table of the two files. `UPDATE_GOLDEN=1` writes the golden files and the table anew.

The sources are read for every code they can emit (the scan below), so that a new code
cannot be added without a case, and so its messages in both languages in the table.
"""

from __future__ import annotations

import ast
import functools
import os
import re
from pathlib import Path

import pytest

from conftest import BASE, PROJECT, write_repo
from message_cases import CASES, TODAY, Case

GOLDEN = Path(__file__).parent / "golden" / "messages"
DOC = PROJECT / "docs" / "messages.md"
PACKAGE = PROJECT / "src" / "ensomhed_cli"
UPDATE = os.environ.get("UPDATE_GOLDEN") == "1"
LANGS = ("da", "en")
BY_NAME = {c.name: c for c in CASES}


# --- running the cases -----------------------------------------------------------------------


def _run(case: Case, root: Path, lang: str) -> list:
    from ensomhed_cli.diagnostics import set_language_override

    set_language_override(lang)
    try:
        if case.runner == "check":
            from ensomhed_cli.check.incremental import check

            return check(root, today=TODAY).diagnostics
        from ensomhed_cli.api import load

        return load(root, today=TODAY)[1]
    finally:
        set_language_override(None)


def _stable(text: str, places: dict[str, str]) -> str:
    """A message with the machine's own paths replaced by placeholders, longest first."""
    for path, name in sorted(places.items(), key=lambda p: -len(p[0])):
        text = text.replace(path, name)
    return text


@pytest.fixture(scope="module")
def results(tmp_path_factory) -> dict[str, dict]:
    """Per case: {"da": [(code, severity, message)…], "en": […], "others": {codes}}, or {"skipped": why}."""
    base = tmp_path_factory.mktemp("messages")
    found: dict[str, dict] = {}
    for n, case in enumerate(CASES):
        folder = base / f"case-{n:03d}"
        root = folder / "repo"
        write_repo(root, {**BASE, **case.files} if case.base else case.files, case.config)
        try:
            if case.make is not None:
                case.make(root)
        except pytest.skip.Exception as exc:
            found[case.name] = {"skipped": str(exc)}
            continue
        places = {str(root): "{repo}", str(root.resolve()): "{repo}", str(folder): "{tmp}", str(folder.resolve()): "{tmp}"}
        entry: dict = {"others": set()}
        for lang in LANGS:
            diagnostics = _run(case, root, lang)
            entry[lang] = [(d.code, d.severity, _stable(d.message, places)) for d in diagnostics if d.code == case.code]
            entry["others"] |= {d.code for d in diagnostics if d.code != case.code}
        found[case.name] = entry
    return found


# --- the golden files ---------------------------------------------------------------------------


def _escape(message: str) -> str:
    return message.replace("\\", "\\\\").replace("\t", "\\t").replace("\r", "\\r").replace("\n", "\\n")


def _read_golden(lang: str) -> list[tuple[str, str, str]]:
    path = GOLDEN / f"{lang}.txt"
    if not path.exists():
        return []
    return [tuple(line.split("\t", 2)) for line in path.read_text(encoding="utf-8").splitlines()]  # type: ignore[misc]


def golden_text(lang: str, results: dict[str, dict]) -> str:
    """The golden file of `lang` as the cases make it now; a case this platform cannot make
    keeps the lines it has in the file."""
    kept = [row for row in _read_golden(lang) if row[0] in BY_NAME and "skipped" in results.get(row[0], {})]
    rows = [(name, severity, _escape(message)) for name, entry in results.items() if "skipped" not in entry
            for _, severity, message in entry[lang]]
    rows = sorted(rows + kept, key=lambda row: row[0])  # stable: a case's lines stay in the order of the file
    return "".join(f"{name}\t{severity}\t{message}\n" for name, severity, message in rows)


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_the_case_makes_its_code(results, case):
    entry = results[case.name]
    if "skipped" in entry:
        pytest.skip(entry["skipped"])
    for lang in LANGS:
        assert entry[lang], f"{case.name} makes no `{case.code}` in {lang} (it makes: {sorted(entry['others']) or 'nothing'})"
    # The same problems in either language: only the words differ.
    assert [d[:2] for d in entry["da"]] == [d[:2] for d in entry["en"]]


@pytest.mark.parametrize("lang", LANGS)
def test_the_messages_are_the_golden_ones(results, lang):
    path = GOLDEN / f"{lang}.txt"
    text = golden_text(lang, results)
    if UPDATE:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    assert path.exists(), f"missing golden file {path.relative_to(PROJECT)}; run UPDATE_GOLDEN=1 ./dev test tests/test_messages.py"
    assert text == path.read_text(encoding="utf-8"), (
        f"the {lang} messages differ from {path.relative_to(PROJECT)}; if the change is meant, write the file"
        " and docs/messages.md again with UPDATE_GOLDEN=1 ./dev test tests/test_messages.py"
    )


def test_both_files_have_the_same_lines_but_for_the_words(results):
    da, en = (golden_text(lang, results).splitlines() for lang in LANGS)
    assert [line.split("\t")[:2] for line in da] == [line.split("\t")[:2] for line in en]


# --- docs/messages.md ---------------------------------------------------------------------------

INTRO = """\
# Beskeder fra `ensomhed check` / Messages of `ensomhed check`

<!-- Made by tests/test_messages.py from tests/golden/messages/: write it again with
     UPDATE_GOLDEN=1 ./dev test tests/test_messages.py, never by hand. -->

Hver fejl og advarsel, som `ensomhed check` kan give, med sin kode, på dansk (standard) og
på engelsk (`language: en` i ensomhed.yaml, eller `--lang en`). Koden (`unknown-key`,
`unresolved-ref` …) ændres aldrig: søg på den, filtrér på den (`--format json`), henvis
til den. Ordlyden kan blive bedre fra version til version. Eksemplerne er fra små
testposter; værdier i `` ` `` og tal er fra dem. En kode med flere beskeder har en
række for hver (variant i parentes).

Every error and warning `ensomhed check` can give, with its code, in Danish (the default)
and in English (`language: en` in ensomhed.yaml, or `--lang en`). A code (`unknown-key`,
`unresolved-ref` …) never changes: search for it, filter on it (`--format json`), refer to
it. The wording may improve from version to version. The examples come from small test
records; values in `` ` `` and figures are theirs. A code with several messages has a row
for each (the variant in brackets).

| kode | alvorlighed | besked (dansk) | message (English) |
|---|---|---|---|
"""

SEVERITY = {"error": "fejl (error)", "warning": "advarsel (warning)"}
_MARKDOWN = re.compile(r"([\\*_\[\]<>|#~])")


def cell(text: str) -> str:
    """Text for a table cell, shown as written: inline code kept where backticks pair up,
    Markdown and HTML characters escaped elsewhere, `|` escaped everywhere."""
    text = text.replace("\\t", " ").replace("\\n", " ")
    parts = text.split("`")
    if len(parts) % 2 == 0:  # an odd number of backticks: no code span at all
        return _MARKDOWN.sub(r"\\\1", text).replace("`", "\\`")
    out = []
    for i, part in enumerate(parts):
        if i % 2:  # inside a code span: only the table's own separator matters
            inner = part.replace("|", "\\|")
            out.append(f"`` {inner} ``" if "`" in inner or inner.startswith(" ") else f"`{inner}`")
        else:
            out.append(_MARKDOWN.sub(r"\\\1", part))
    return "".join(out)


def render_table(da_text: str, en_text: str) -> str:
    """docs/messages.md from the two golden files."""

    def rows(text: str) -> dict[str, list[tuple[str, str]]]:
        out: dict[str, list[tuple[str, str]]] = {}
        for line in text.splitlines():
            name, severity, message = line.split("\t", 2)
            out.setdefault(name, []).append((severity, message.replace("\\\\", "\\")))
        return out

    da, en = rows(da_text), rows(en_text)
    lines = []
    for name in sorted(set(da) | set(en), key=lambda n: (n.split("/")[0], n)):
        code, _, variant = name.partition("/")
        label = f"`{code}`" + (f" ({variant})" if variant else "")
        da_rows, en_rows = da.get(name, []), en.get(name, [])
        for i in range(max(len(da_rows), len(en_rows))):
            severity = (da_rows[i] if i < len(da_rows) else en_rows[i])[0]
            da_message = cell(da_rows[i][1]) if i < len(da_rows) else ""
            en_message = cell(en_rows[i][1]) if i < len(en_rows) else ""
            lines.append(f"| {label} | {SEVERITY.get(severity, severity)} | {da_message} | {en_message} |\n")
    return INTRO + "".join(lines)


def test_the_table_of_messages_is_current(results):
    if UPDATE:
        DOC.write_text(render_table(golden_text("da", results), golden_text("en", results)), encoding="utf-8")
    golden = [(GOLDEN / f"{lang}.txt").read_text(encoding="utf-8") for lang in LANGS]
    assert DOC.read_text(encoding="utf-8") == render_table(*golden), (
        "docs/messages.md is out of date; write it again with UPDATE_GOLDEN=1 ./dev test tests/test_messages.py"
    )


def test_a_cell_shows_the_message_as_written():
    assert cell("unknown key `atendees` (did you mean `attendees`?)") == "unknown key `atendees` (did you mean `attendees`?)"
    assert cell("`a|b` or a|b") == "`a\\|b` or a\\|b"
    assert cell("keep only one ` here <b>") == "keep only one \\` here \\<b\\>"
    assert cell("done_on and *x*") == "done\\_on and \\*x\\*"


# --- every code in the sources has a case ------------------------------------------------------

CODE = re.compile(r"^[a-z][a-z0-9]*(?:-[a-z0-9]+)+$")  # kebab-case with at least one hyphen
WORD = re.compile(r"^[a-z]+$")
# Strings in the scanned modules that look like codes and are not.
NOT_CODES = {
    "utf-8": "an encoding",
    "mit-id": "the id a hint proposes when a name gives none",
    "goal-ref": "a type of schema error, reported as invalid-value",
    "item-number": "a type of schema error, reported as invalid-value",
    "e-mail": "a word of the generated record-format reference",
    "{}-{}-{}": "a date written out (daytext)",
    "{}-{}": "a month written out (valueforms.guess_period)",
    "utf-8-sig": "an encoding",
    "plan-id": "the placeholder of a goal reference a hint shows",
    "part-{}": "an anchor of the generated record-format reference",
}
# Codes made from a template: the template and every code it makes.
TEMPLATES = {"{}-not-held": {"votes-not-held", "statements-not-held"}}
# Calls that take a code, and the position of the code among their arguments.
CODE_ARGUMENT = {"Diagnostic": 4, "diagnostic": 1, "at": 2, "_at": 2, "located": 6, "problem": 1}


def _scanned() -> list[Path]:
    """The modules that make diagnostics: check/, format/, and any other that builds a Diagnostic."""
    bare = re.compile(r"(?<![\w.])Diagnostic\(")
    return [
        path
        for path in sorted(PACKAGE.rglob("*.py"))
        if path.relative_to(PACKAGE).parts[0] in ("check", "format") or bare.search(path.read_text(encoding="utf-8"))
    ]


def _template(node: ast.JoinedStr) -> str:
    return "".join(v.value if isinstance(v, ast.Constant) else "{}" for v in node.values)


@functools.cache
def scan_codes() -> dict[str, list[str]]:
    """Every code the sources can emit -> where it is written (path:line).

    A code is a kebab-case string (`unknown-key`), or one word where a code goes: an argument
    of Diagnostic(), .diagnostic(), at(), located() or problem() in the place of the code, or
    a value given to a variable named `code`."""
    found: dict[str, list[str]] = {}
    for path in _scanned():
        where = path.relative_to(PROJECT).as_posix()
        tree = ast.parse(path.read_text(encoding="utf-8"))
        words: set[int] = set()  # ids of the nodes that stand where a code goes
        for node in ast.walk(tree):
            if isinstance(node, ast.Call):
                name = node.func.id if isinstance(node.func, ast.Name) else getattr(node.func, "attr", None)
                position = CODE_ARGUMENT.get(name)
                if position is not None and len(node.args) > position:
                    words.add(id(node.args[position]))
            elif isinstance(node, ast.Assign):
                for target in node.targets:
                    if isinstance(target, ast.Name) and target.id == "code":
                        words.add(id(node.value))
                    elif isinstance(target, ast.Tuple) and isinstance(node.value, ast.Tuple):
                        for t, v in zip(target.elts, node.value.elts, strict=False):
                            if isinstance(t, ast.Name) and t.id == "code":
                                words.add(id(v))
        for node in ast.walk(tree):
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                text = node.value
                if CODE.match(text) or (id(node) in words and WORD.match(text)):
                    found.setdefault(text, []).append(f"{where}:{node.lineno}")
            elif isinstance(node, ast.JoinedStr):
                text = _template(node)
                if "{}" in text and re.fullmatch(r"[a-z{}]+(?:-[a-z{}]+)+", text):
                    found.setdefault(text, []).append(f"{where}:{node.lineno}")
    return found


def source_codes() -> set[str]:
    codes: set[str] = set()
    unknown = []
    for text, places in scan_codes().items():
        if text in NOT_CODES:
            continue
        if "{}" in text:
            if text not in TEMPLATES:
                unknown.append(f"{text} ({', '.join(places)})")
                continue
            codes |= TEMPLATES[text]
        else:
            codes.add(text)
    assert unknown == [], f"codes made from a template: say in TEMPLATES which codes each makes: {unknown}"
    return codes


def test_every_code_in_the_sources_has_a_case():
    missing = sorted(source_codes() - {c.code for c in CASES})
    places = scan_codes()
    assert missing == [], "codes with no case in tests/message_cases.py (so no message in docs/messages.md): " + "; ".join(
        f"{code} ({', '.join(places.get(code, ['a template']))})" for code in missing
    )


def test_every_case_is_of_a_code_in_the_sources():
    stale = sorted({c.code for c in CASES} - source_codes())
    assert stale == [], (
        f"cases of codes the scan does not find in the sources: {stale}; the code is gone (drop its cases),"
        " or it is written where the scan does not look (a new call taking a code: add it to CODE_ARGUMENT)"
    )


def test_the_scan_finds_what_it_is_meant_to():
    codes = source_codes()
    # kebab-case, one word where a code goes, and a template's codes
    assert {"unknown-key", "yaml-syntax", "personal-data-cpr", "cache-link"} <= codes
    assert {"encoding", "unreadable", "vocabulary"} <= codes
    assert {"votes-not-held", "statements-not-held"} <= codes
    assert not codes & {"utf-8", "kind", "value", "items", "parent"}
