"""Click's usage errors said as ensomhed says its own problems, in the repository's language.

One line `ensomhed: fejl: …`, then the usage and where the help is; no box.

Click writes its messages in English only (Typer's own copy of it has no translations);
the ones a user meets are matched here and said in Danish, anything else is kept as is.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path
from typing import NoReturn

from ensomhed_cli.diagnostics import language_override
from ensomhed_cli.printable import printable


def _quoted(text: str) -> str:
    """'a', 'b' → `a`, `b`"""
    return re.sub(r"'([^']*)'", r"`\1`", text)


def _value_problem(text: str) -> str:
    """The reason Click gives for a bad value, in Danish."""
    rules = (
        (r"'(.*)' is not one of (.*)\.", lambda m: f"`{m[1]}` er ikke en af {_quoted(m[2])}"),
        (r"'(.*)' is not a valid int(?:eger)?(?: range)?\.", lambda m: f"`{m[1]}` er ikke et helt tal"),
        (r"'(.*)' is not a valid float(?: range)?\.", lambda m: f"`{m[1]}` er ikke et tal"),
        (r"'(.*)' is not a valid boolean\.", lambda m: f"`{m[1]}` er hverken ja eller nej"),
        (r"(\S+) is not in the range (.*)\.", lambda m: f"{m[1]} er uden for det tilladte ({m[2]})"),
        (r"'(.*)' does not match the format (.*)\.", lambda m: f"`{m[1]}` har ikke formen {_quoted(m[2])}"),
        (r"'(.*)' is not (.*)\.", lambda m: f"`{m[1]}` er ikke {_quoted(m[2]).replace(' or ', ' eller ')}"),
    )
    for pattern, said in rules:
        m = re.fullmatch(pattern, text.strip(), re.S)
        if m:
            return said(m)
    return text


def danish(message: str) -> str:
    """Click's message in Danish, where it is one of those a user meets."""
    text = " ".join(message.split())
    rules = (
        (r"No such option: (\S+?)(?: \(Possible options: ([^)]*)\))?(?:\s*Did you mean (\S+?)\?)?",
         lambda m: f"ukendt tilvalg {m[1]}" + (f" (mulige: {m[2]})" if m[2] else "") + (f" (mente du {m[3]}?)" if m[3] else "")),
        (r"No such option '([^']+)'\.(?: \(Did you mean (?:one of: )?(.*)\?\))?",  # Click 8.2 and later
         lambda m: f"ukendt tilvalg {m[1]}" + (f" (mulige: {m[2].replace(chr(39), '')})" if m[2] else "")),
        (r"Option '([^']+)' requires an argument\.|(\S+) option requires an argument\.",
         lambda m: f"tilvalget {m[1] or m[2]} skal have en værdi"),
        (r"Option '([^']+)' does not take a value\.", lambda m: f"tilvalget {m[1]} tager ingen værdi"),
        (r"Missing argument '([^']+)'\.(?: Choose from:(.*))?",
         lambda m: f"argumentet `{m[1].lower()}` mangler" + (f"; vælg en af {', '.join(w.strip(' ,') for w in m[2].split() if w.strip(' ,'))}" if m[2] else "")),
        (r"Missing option '([^']+)'\.(.*)", lambda m: f"tilvalget {m[1]} mangler"),
        (r"Invalid value for (.+?): (.*)", lambda m: f"ugyldig værdi for {_quoted(m[1])}: {_value_problem(m[2])}"),
        (r"Got unexpected extra arguments? ?\(?s?\)? \((.*)\)", lambda m: f"uventet ekstra argument: {m[1]}"),
        (r"Got unexpected extra argument\(s\) \((.*)\)", lambda m: f"uventet ekstra argument: {m[1]}"),
        (r"No such command '([^']+)'\.(?: Did you mean (.*?)\?)?(?: \(Did you mean (?:one of: )?(.*)\?\))?",
         lambda m: f"ukendt kommando `{m[1]}`" + (f" (mente du {_quoted(m[2] or m[3]).replace(', ', ' eller ')}?)" if m[2] or m[3] else "")),
        (r"Missing command\.", lambda m: "kommandoen mangler"),
    )
    for pattern, said in rules:
        m = re.fullmatch(pattern, text)
        if m:
            return said(m)
    return message


def _lang(ctx) -> str:
    """--lang where it was read, else the language of the repository the command was to run
    in (--root, or found upwards from here, as every command finds it), else Danish."""
    from ensomhed_cli.check.rules.common import settings_language
    from ensomhed_cli.paths import RepositoryNotFound, find_root

    if language_override():
        return language_override()  # type: ignore[return-value]
    root = None
    while ctx is not None and root is None:
        root = (ctx.params or {}).get("root")
        ctx = ctx.parent
    try:
        return settings_language(find_root(explicit=Path(root) if root else None))
    except RepositoryNotFound:
        return "da"


def report(exc) -> NoReturn:
    """Print a usage error and leave with exit 2, as Click does."""
    ctx = getattr(exc, "ctx", None)
    da = _lang(ctx) == "da"
    message = exc.format_message()
    # one line, and an argument shown as written, never run by the terminal
    said = printable(danish(message) if da else " ".join(message.split()), one_line=True)
    print(f"ensomhed: {'fejl' if da else 'error'}: {said}", file=sys.stderr)
    if ctx is not None:
        usage = ctx.get_usage()
        print(re.sub(r"^Usage:", "Brug:", usage) if da else usage, file=sys.stderr)
        if ctx.command.get_help_option(ctx) is not None:
            help_call = f"{ctx.command_path} {ctx.help_option_names[0]}"
            print(f"Se `{help_call}`." if da else f"See `{help_call}`.", file=sys.stderr)
    sys.exit(2)
