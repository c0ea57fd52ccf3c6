"""The lines of a YAML text as a syntax error is explained on them, and the errors of single characters.

yamlsyntax.explain reads libyaml's problem with the lines around it; the problems that
come of one character (a quote never closed, a `[` never closed, a value starting with
`*`, `&`, `!`, `@`, `|`, a `\\` inside "…", a second `---`) are explained here, each with
the line written the right way where it can be told; each returns None for a problem not its own.
"""

from __future__ import annotations

import re

from ensomhed_cli.diagnostics import say

FIELD = re.compile(r"^(?P<indent> *)(?P<dash>(?:-[ \t]+)*)(?P<key>[^\s#'\"\[\]{},&*!|>%@`-][^:]*?|[^\s:#]):(?:[ \t]+(?P<value>.*))?$")
BLOCK_HEADER = re.compile(r"^[|>][-+0-9]*\s*(#.*)?$")
MAX_SHOWN = 60  # characters of a written value shown in an example


def short(text: str) -> str:
    text = text.strip()
    return text if len(text) <= MAX_SHOWN else f"{text[:40]}…{text[-15:]}"


def code(text: str) -> str:
    """Text from the file as the messages show code: in backticks, unless it holds one."""
    return text if "`" in text else f"`{text}`"


def quoted(value: str) -> str:
    """The value in quotes as YAML reads it back as written: double quotes unless the value
    holds a double quote or a backslash, else single quotes (a ' inside written '')."""
    value = value.strip()
    if '"' not in value and "\\" not in value:
        return f'"{value}"'
    return "'" + value.replace("'", "''") + "'"


class Lines:
    """The lines of the YAML text as an editor counts them, and the file's line numbers."""

    def __init__(self, text: str, offset: int) -> None:
        self.lines = re.split(r"\r\n|[\n\r]", text)
        self.offset = offset

    def __getitem__(self, line: int) -> str:
        return self.lines[line - 1] if 0 < line <= len(self.lines) else ""

    def file_line(self, line: int) -> int:
        return line + self.offset

    def above(self, line: int) -> list[tuple[int, str]]:
        """The lines above `line` that hold something (not blank, not a comment), nearest first."""
        return [(n, self[n]) for n in range(line - 1, 0, -1) if self[n].strip() and not self[n].lstrip().startswith("#")]


def indent_of(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def key_column(m: re.Match) -> int:
    """0-based column where a field line's key stands."""
    return len(m["indent"]) + len(m["dash"])


def rewritten(line: str) -> str | None:
    """The line with its value in quotes (`title: "…"`, `- "…"`), or None where it has no value."""
    m = FIELD.match(line.rstrip())
    if m and m["value"]:
        return f"{m['dash']}{m['key']}: {quoted(short(m['value']))}".strip()
    entry = re.match(r"^\s*-[ \t]+(.+)$", line)
    if entry:
        return f"- {quoted(short(entry[1]))}"
    return None


def quote_never_closed(problem, context, t, line, col, this, where) -> str | None:
    if "end of stream" not in problem or "quoted scalar" not in context or where is None:
        return None
    opened = t[where[0]]
    mark = opened[where[1] - 1 : where[1]] or '"'
    written = short(opened[where[1] - 1 :]) if where[1] - 1 < len(opened) else mark
    example = (opened[: where[1] - 1].strip() + " " + written + mark).strip()
    n = t.file_line(where[0])
    return say(
        f"anførselstegnet {mark} i linje {n} bliver aldrig lukket: sæt også et {mark} til sidst i værdien: `{example}`",
        f"the quote {mark} on line {n} is never closed: put a {mark} at the end of the value too: `{example}`",
    )


def continued_value(t: Lines, line: int, col: int, this: str) -> str | None:
    """`title: "Møde" om ting`, `name: 'Anne's bog'`, `name: [Anna] Hansen`: text after the closing mark."""
    m = FIELD.match(this.rstrip())
    before = this[: col - 1].rstrip()
    if not m or not m["value"] or not before or before[-1] not in "\"']}" or m["value"][0] not in "\"'[{":
        return None
    value, key = m["value"].rstrip(), f"{m['dash']}{m['key']}".strip()
    first = value[0]
    if first in "\"'":
        inner = value[1:-1] if len(value) > 1 and value[-1] == first else value
        example = f"{key}: {quoted(short(inner))}"
        if inner is value:
            return say(
                f"værdien begynder med et anførselstegn og slutter derfor ved det næste {first}, men teksten fortsætter efter det:"
                f" sæt hele teksten i anførselstegn: `{example}`",
                f"the value starts with a quote, so it ends at the next {first}, but the text goes on after it:"
                f" put the whole text in quotes: `{example}`",
            )
        return say(
            f"anførselstegnet {first} inde i teksten afslutter værdien for tidligt: skriv den som `{example}`",
            f"the quote {first} inside the text ends the value too early: write it as `{example}`",
        )
    close = "]" if first == "[" else "}"
    example = f"{key}: {quoted(short(value))}"
    what_da, what_en = ("en liste", "a list") if first == "[" else ("en gruppe felter", "a group of fields")
    return say(
        f"en værdi, der begynder med `{first}`, læses som {what_da}, der slutter ved `{close}`, men teksten fortsætter efter den:"
        f" er det tekst, så sæt det hele i anførselstegn: `{example}`",
        f"a value that starts with `{first}` is read as {what_en} that ends at `{close}`, but the text goes on after it:"
        f" if it is text, put all of it in quotes: `{example}`",
    )


def flow(problem, context, t, line, col, this, where) -> str | None:
    if "flow" not in context:
        return None
    if "expected node content" in problem and this[col - 1 : col] == ",":
        return say(
            "der står et komma for meget i listen: fjern det, så der er ét komma mellem hvert punkt, fx `[anna, bo]`",
            "there is one comma too many in the list: remove it, so that one comma stands between entries, e.g. `[anna, bo]`",
        )
    mapping = "mapping" in context
    opening, close = ("{", "}") if mapping else ("[", "]")
    n, start = (where[0], t[where[0]]) if where is not None else (line, "")
    at = start.find(opening, where[1] - 1 if where is not None else 0)
    if at < 0 or "expected node content" in problem:  # where the last one before the problem opened
        n, start = next(((k, text) for k, text in t.above(line + 1) if opening in text), (None, ""))
        at = start.rfind(opening)
    place_da, place_en = (f" i linje {t.file_line(n)}", f" on line {t.file_line(n)}") if n is not None else ("", "")
    written = start[at + 1 :].strip().rstrip(", ") if at >= 0 else ""
    generic = "title: Punkt 1, type: decision" if mapping else "anna, bo"
    if close in written:
        written = ""
    example = f"{start[:at].strip()} {opening}{short(written) or generic}{close}{_still_open(start[:at])}".strip()
    if mapping:
        return say(
            f"gruppen af felter, der begynder med `{{`{place_da}, bliver ikke lukket med `}}`: skriv den på én linje med komma"
            f" mellem felterne: `{example}`; en værdi med `:`, `,` eller `}}` sættes i anførselstegn",
            f"the group of fields that starts with `{{`{place_en} is not closed with `}}`: write it on one line with commas"
            f" between the fields: `{example}`; a value holding `:`, `,` or `}}` goes in quotes",
        )
    return say(
        f"listen, der begynder med `[`{place_da}, bliver ikke lukket med `]`: skriv hele listen på én linje med komma mellem"
        f" punkterne: `{example}`; et punkt med `,`, `:` eller `]` sættes i anførselstegn",
        f"the list that starts with `[`{place_en} is not closed with `]`: write the whole list on one line with commas between"
        f" the entries: `{example}`; an entry holding `,`, `:` or `]` goes in quotes",
    )


def _still_open(head: str) -> str:
    """The closing brackets of the ones `head` opens and does not close, innermost first."""
    opened: list[str] = []
    for ch in head:
        if ch in "[{":
            opened.append("]" if ch == "[" else "}")
        elif ch in "]}" and opened:
            opened.pop()
    return "".join(reversed(opened))


def dash_after_key(problem, context, t, line, col, this, where) -> str | None:
    if "block sequence entries are not allowed" not in problem:
        return None
    m = FIELD.match(this.rstrip())
    if not m or not m["value"]:
        return None
    key, rest = m["key"], short(m["value"][1:])
    example = f"{m['dash']}{key}: {quoted(short(m['value']))}".strip()
    return say(
        f"`- ` kan ikke stå efter `{key}:` på samme linje: skal `{key}` være en liste, så skriv `{key}:` alene på linjen og"
        f" hvert punkt på sin egen linje under den, fx `  - {rest}`; er det tekst, så sæt den i anførselstegn: `{example}`",
        f"`- ` cannot follow `{key}:` on the same line: for a list, write `{key}:` alone on its line and each entry on a line"
        f" of its own below it, e.g. `  - {rest}`; if it is text, put it in quotes: `{example}`",
    )


_MEANING = {
    "*": ("en henvisning til en anden værdi i filen", "a reference to another value in the file"),
    "&": ("et navn, som andre værdier kan henvise til", "a name other values can refer to"),
    "!": ("et mærke, der siger, hvad slags værdi det er", "a tag saying what kind of value it is"),
    "?": ("et felt, hvis navn står på flere linjer", "a field whose name spans lines"),
}


def special_start(problem, context, t, line, col, this, where) -> str | None:
    special = ("cannot start any token" in problem or "undefined alias" in problem or "undefined tag handle" in problem
               or "mapping keys are not allowed" in problem or "alias" in context or "anchor" in context)
    if not special or "duplicate anchor" in context:
        return None
    m = FIELD.match(this.rstrip())
    first = m["value"][:1] if m and m["value"] else this.lstrip(" -")[:1]
    mark = first if first in "*&!?@`%" else this[col - 1 : col]
    example = rewritten(this)
    if not mark.strip() or example is None:
        return None
    example = code(example)
    meaning = _MEANING.get(mark)
    if meaning:
        return say(
            f"`{mark}` først i en værdi betyder {meaning[0]}: er det tekst, så sæt den i anførselstegn: {example}",
            f"`{mark}` at the start of a value means {meaning[1]}: if it is text, put it in quotes: {example}",
        )
    said = "tegnet ` (accent grave)" if mark == "`" else f"`{mark}`"
    return say(
        f"en værdi kan ikke begynde med {said}: sæt den i anførselstegn: {example}",
        f"a value cannot start with {'the character ` (backtick)' if mark == '`' else said}: put it in quotes: {example}",
    )


def anchor_twice(problem, context, t, line, col, this, where) -> str | None:
    if "duplicate anchor" not in context or where is None:
        return None
    name = re.match(r"&[^\s,\[\]{}]*", this[col - 1 :])
    shown = name[0] if name else "&"
    return say(
        f"navnet `{shown}` er givet to gange (første gang i linje {t.file_line(where[0])}): giv værdierne hvert sit navn;"
        " er `&` en del af teksten, så sæt værdien i anførselstegn",
        f"the name `{shown}` is given twice (first on line {t.file_line(where[0])}): give the values a name each;"
        " if the `&` is part of the text, put the value in quotes",
    )


def block_text(problem, context, t, line, col, this, where) -> str | None:
    if "block scalar" not in context:
        return None
    m = FIELD.match(this.rstrip())
    example = rewritten(this)
    mark = m["value"][0] if m and m["value"] else "|"
    if example is None:
        return None
    return say(
        f"`{mark}` først i en værdi betyder, at teksten står på linjerne nedenunder: skriv den der, rykket ind,"
        f" eller sæt værdien i anførselstegn: `{example}`",
        f"`{mark}` at the start of a value means that the text stands on the lines below: write it there, indented,"
        f" or put the value in quotes: `{example}`",
    )


def second_document(problem, context, t, line, col, this, where) -> str | None:
    if "another document" not in problem and "document start" not in problem:
        return None
    if any(text.startswith("%") for _, text in t.above(line + 1)):
        return say(
            "en linje, der begynder med `%`, kan ikke stå i en post: fjern den",
            "a line that starts with `%` cannot stand in a record: remove it",
        )
    return say(
        "en linje med `---` eller `...` afslutter posten, men der står mere efter den: en fil rummer kun én post,"
        " så fjern linjen (eller flyt resten til en fil for sig)",
        "a line `---` or `...` ends the record, but more follows it: a file holds one record only,"
        " so remove the line (or move the rest to a file of its own)",
    )


def backslash(problem, context, t, line, col, this, where) -> str | None:
    if "escape" not in problem:
        return None
    m = FIELD.match(this.rstrip())
    value = m["value"].strip() if m and m["value"] else ""
    inner = value[1:-1] if len(value) > 1 and value[0] == value[-1] == '"' else value.strip('"')
    example = f"{m['dash']}{m['key']}: '{short(inner).replace(chr(39), chr(39) * 2)}'".strip() if m else "'C:\\mappe'"
    return say(
        f"`\\` inde i \"…\" bruges til særlige tegn: skriv værdien i enkelte anførselstegn: `{example}`",
        f"a `\\` inside \"…\" starts a special character: write the value in single quotes: `{example}`",
    )
