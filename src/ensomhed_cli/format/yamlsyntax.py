"""YAML syntax errors in plain words: what is wrong on the line, and how it is written right.

libyaml says what its parser did not find ("did not find expected '-' indicator (while
parsing a block collection on line 27)"); the person who wrote the record wants to know
what to change. `explain` reads libyaml's problem together with the lines around it and
says it in the words of the record format (a field is `name: value`, a list entry starts
with `- `, indentation is spaces), with the line written the right way where it can be
told. Messages are in the language of the messages (diagnostics.say); what libyaml said
is kept only where no plainer explanation fits.
"""

from __future__ import annotations

import re

from ensomhed_cli.diagnostics import say
from ensomhed_cli.format.yamlmarks import (
    BLOCK_HEADER,
    FIELD,
    Lines,
    anchor_twice,
    backslash,
    block_text,
    code,
    continued_value,
    dash_after_key,
    flow,
    indent_of,
    key_column,
    quote_never_closed,
    quoted,
    second_document,
    short,
    special_start,
)


def explain(problem: str, context: str, text: str, here: tuple[int, int], where: tuple[int, int] | None, offset: int) -> str:
    """The message for a syntax error found at `here` (line, column, 1-based, in the text),
    whose context (what libyaml was reading) began at `where`; lines are said as the file's."""
    t = Lines(text, offset)
    line, col = here
    this = t[line]
    for explained in (_tab, quote_never_closed, _colon_in_value, _list_entry, _expected_key, _no_colon, flow, dash_after_key,
                      special_start, anchor_twice, block_text, second_document, backslash):
        found = explained(problem, context, t, line, col, this, where)
        if found:
            return found
    said = f"{problem} ({context})" if context and where else problem
    return say(
        "filen kan ikke læses her: hver linje skal være et felt (`navn: værdi`) eller et punkt i en liste (`- …`),"
        f" rykket ind med mellemrum ligesom de linjer, den hører sammen med (YAML siger: {said})",
        "the file cannot be read here: every line must be a field (`name: value`) or an entry of a list (`- …`),"
        f" indented with spaces like the lines it belongs with (YAML says: {said})",
    )


def _tab(problem, context, t, line, col, this, where) -> str | None:
    if "\t" in this[: max(col, 1)] or "found character '\\t'" in problem or "tab character" in problem:
        return say(
            "der står et tabulatortegn (tab) i indrykningen: ryk ind med mellemrum i stedet, fx to mellemrum pr. niveau",
            "there is a tab in the indentation: indent with spaces instead, e.g. two spaces per level",
        )
    return None


def _colon_in_value(problem, context, t, line, col, this, where) -> str | None:
    if "mapping values are not allowed" not in problem:
        return None
    m = FIELD.match(this.rstrip())
    if m and m["value"] is not None and m.start("value") < col - 1:
        example = f"{m['dash']}{m['key']}: {quoted(short(m['value']))}".strip()
        return say(
            f"værdien af `{m['key']}` indeholder et kolon med mellemrum efter (`: `), og så læses resten som et nyt felt:"
            f" sæt hele værdien i anførselstegn: `{example}`",
            f"the value of `{m['key']}` holds a colon followed by a space (`: `), so the rest is read as a new field:"
            f" put the whole value in quotes: `{example}`",
        )
    # The line's own key: it is indented under the line above, whose value it seems to continue.
    key = this[:col - 1].strip().lstrip("- ").strip() or this.strip()
    above = t.above(line)
    if not above:
        return None
    n, prev = above[0]
    pm = FIELD.match(prev.rstrip())
    n = t.file_line(n)
    if pm and key_column(pm) < indent_of(this):
        return say(
            f"`{key}:` er rykket længere ind end `{short(prev)}` i linje {n} og læses derfor som en del af værdien der:"
            f" ryk linjen ud, så `{key}:` står lige under `{pm['key']}:`",
            f"`{key}:` is indented further than `{short(prev)}` on line {n}, so it is read as part of that value:"
            f" move the line out so that `{key}:` stands right below `{pm['key']}:`",
        )
    return say(
        f"`{key}:` er rykket længere ind end `{short(prev)}` i linje {n} og læses derfor som en del af den:"
        " ryk linjen ud, så den står lige under de felter, den hører sammen med",
        f"`{key}:` is indented further than `{short(prev)}` on line {n}, so it is read as part of it:"
        " move the line out so that it stands right below the fields it belongs with",
    )


def _entry_of(t: Lines, line: int, dash: int) -> tuple[int, re.Match | None] | None:
    """The list entry (`- …` at column `dash`) nearest above `line`, and its field if it has one."""
    for n, text in t.above(line):
        if indent_of(text) == dash and text.lstrip(" ").startswith("-"):
            return n, FIELD.match(text.rstrip())
        if indent_of(text) < dash:
            return None
    return None


def _list_entry(problem, context, t, line, col, this, where) -> str | None:
    if "expected '-' indicator" not in problem or where is None:
        return None
    dash = where[1] - 1
    found = _entry_of(t, line, dash)
    m = FIELD.match(this.rstrip())
    written = f"{m['key']}:" if m else short(this)
    if found is None:
        return None
    n, em = found
    e = t.file_line(n)
    if indent_of(this) == dash:
        da = f"et nyt punkt i listen skal begynde med `- ` lige under de andre punkters `-` (som i linje {e}): skriv {code('- ' + short(this))}"
        en = f"a new entry of the list must start with `- `, right below the `-` of the other entries (as on line {e}): write {code('- ' + short(this))}"
        parent = next(((k, pm) for k, pm in ((k, FIELD.match(x.rstrip())) for k, x in t.above(n)) if pm and key_column(pm) < dash), None)
        if em is not None and m is not None:
            da += f"; hører linjen i stedet til punktet i linje {e}, så ryk den ind, så den står lige under `{em['key']}:` der"
            en += f"; if the line belongs to the entry on line {e} instead, indent it to stand right below `{em['key']}:` there"
        elif m is not None and parent is not None:
            k, pm = parent
            da += f"; er `{written}` ikke et punkt i listen, så ryk linjen ud, så den står lige under `{pm['key']}:` i linje {t.file_line(k)}"
            en += f"; if `{written}` is no entry of the list, move the line out to stand right below `{pm['key']}:` on line {t.file_line(k)}"
        return say(da, en)
    if indent_of(this) > dash and em is not None:
        spaces = key_column(em)
        return say(
            f"`{written}` står ikke lige under felterne i punktet i linje {e}: ryk linjen, så `{written}` står lige under"
            f" `{em['key']}:` ({spaces} mellemrum inde)",
            f"`{written}` does not stand right below the fields of the entry on line {e}: indent the line so that `{written}`"
            f" stands right below `{em['key']}:` ({spaces} spaces in)",
        )
    return None


def _expected_key(problem, context, t, line, col, this, where) -> str | None:
    if "did not find expected key" not in problem:
        return None
    return continued_value(t, line, col, this) or _dash_among_fields(t, line, this) or _block_textindent_of(t, line, this) or _misaligned(t, line, this)


def _dash_among_fields(t: Lines, line: int, this: str) -> str | None:
    if not this.lstrip(" ").startswith("-"):
        return None
    item = short(this.lstrip(" ")[1:]) or "…"
    above = t.above(line)
    if above:
        n, prev = above[0]
        p = t.file_line(n)
        if prev.lstrip(" ").startswith("-") and indent_of(prev) != indent_of(this):
            return say(
                f"`-` står ikke lige under `-` i linje {p}: ryk linjen, så punkterne i listen står lige under hinanden",
                f"the `-` does not stand right below the `-` on line {p}: indent the line so that the entries of the list stand right below one another",
            )
        pm = FIELD.match(prev.rstrip())
        if pm and pm["value"] and key_column(pm) <= indent_of(this):
            return say(
                f"`{item}` er skrevet som et punkt i en liste (`- `), men `{pm['key']}` i linje {p} har allerede en værdi:"
                f" skal det være en liste, så skriv `{pm['key']}:` alene på linjen og punkterne under den, fx `  - {item}`",
                f"`{item}` is written as an entry of a list (`- `), but `{pm['key']}` on line {p} already has a value:"
                f" for a list, write `{pm['key']}:` alone on its line and the entries below it, e.g. `  - {item}`",
            )
    return say(
        "en linje, der begynder med `- `, er et punkt i en liste, men her står felter (`navn: værdi`):"
        f" skriv listen under sit felt, fx `attendees:` på én linje og `  - {item}` under den",
        "a line that starts with `- ` is an entry of a list, but fields (`name: value`) stand here:"
        f" write the list below its field, e.g. `attendees:` on one line and `  - {item}` below it",
    )


def _block_textindent_of(t: Lines, line: int, this: str) -> str | None:
    """A line of the text below `description: |` indented less than the text's first line."""
    text_indent = None
    for n, prev in t.above(line):
        pm = FIELD.match(prev.rstrip())
        if pm and pm["value"] and BLOCK_HEADER.match(pm["value"]) and text_indent is not None:
            if indent_of(prev) < indent_of(this) < text_indent:
                return say(
                    f"teksten under `{pm['key']}: {pm['value'].strip()}` i linje {t.file_line(n)} skal rykkes mindst lige så langt ind"
                    f" som dens første linje ({text_indent} mellemrum): ryk linje {t.file_line(line)} ind",
                    f"the text below `{pm['key']}: {pm['value'].strip()}` on line {t.file_line(n)} must be indented at least as far"
                    f" as its first line ({text_indent} spaces): indent line {t.file_line(line)}",
                )
            return None
        text_indent = indent_of(prev)
    return None


def _misaligned(t: Lines, line: int, this: str) -> str | None:
    """A field indented to none of the levels above it: the nearest field deeper and the nearest
    one shallower are where it may belong."""
    m = FIELD.match(this.rstrip())
    if not m:
        return None
    own = key_column(m)
    deeper = shallower = None
    for n, prev in t.above(line):
        pm = FIELD.match(prev.rstrip())
        if not pm:
            continue
        if key_column(pm) > own and deeper is None and shallower is None:
            deeper = (t.file_line(n), pm["key"])
        elif key_column(pm) < own and shallower is None:
            shallower = (t.file_line(n), pm["key"])
            break
    places = [p for p in (deeper, shallower) if p is not None]
    if not places:
        return None
    da = " eller ".join(f"`{k}:` (linje {n})" for n, k in places)
    en = " or ".join(f"`{k}:` (line {n})" for n, k in places)
    return say(
        f"`{m['key']}:` står ikke lige under nogen af felterne over: ryk linjen, så `{m['key']}:` står lige under {da}"
        + (", alt efter hvor det hører til" if len(places) > 1 else ""),
        f"`{m['key']}:` does not stand right below any of the fields above: indent the line so that `{m['key']}:` stands right below {en}"
        + (", whichever it belongs with" if len(places) > 1 else ""),
    )


def _no_colon(problem, context, t, line, col, this, where) -> str | None:
    if "could not find expected ':'" not in problem or where is None:
        return None
    written = t[where[0]]
    n = t.file_line(where[0])
    shown = short(written)
    above = t.above(where[0])
    if above and above[0][1].lstrip(" ").startswith("-") and indent_of(above[0][1]) == indent_of(written):
        p = t.file_line(above[0][0])
        return say(
            f"linje {n} mangler `- ` foran: et punkt i listen skal begynde med `- `, som punktet i linje {p}: skriv `- {shown}`",
            f"line {n} has no `- ` in front: an entry of the list must start with `- `, like the entry on line {p}: write `- {shown}`",
        )
    glued = re.match(r"^\s*((?:-\s+)?[^\s:#'\"]+):(\S.*)$", written)
    if glued:
        example = f"{glued[1]}: {short(glued[2])}"
        return say(
            f"der skal være et mellemrum efter kolonet i linje {n}: skriv `{example}`",
            f"a field needs a space after its colon on line {n}: write `{example}`",
        )
    return say(
        f"linje {n} (`{shown}`) er hverken et felt (`navn: værdi`) eller et punkt i en liste (`- …`): skriv fx `{shown}: …`;"
        " er det fortsættelsen af teksten i linjen over, så ryk den længere ind end feltets navn",
        f"line {n} (`{shown}`) is neither a field (`name: value`) nor an entry of a list (`- …`): write e.g. `{shown}: …`;"
        " if it goes on with the text of the line above, indent it further than the field's name",
    )
